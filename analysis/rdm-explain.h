/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rdm-credit.h"
#include "rdm-model.h"
#include "rdm-path-set.h"

G_BEGIN_DECLS

/* The arithmetic of one model on one converting journey, as data, for the
 * "How is this computed?" panel: what each touch weighs and which share of
 * the conversion it gets (rule-based models), or the removal effects
 * (Markov) and coalition values (Shapley) that decide the split. */
typedef struct
{
  RdmModel model;
  guint row;             /* of the path set */
  double conversions;    /* of the row */
  double value;          /* of the row */
  double half_life_days; /* time decay */
  gboolean per_touch;    /* TRUE for the rule-based models */

  /* touches of the row, oldest first */
  guint n_touches;
  char **labels; /* n_touches, NULL-terminated */
  RdmTouchKind *kinds;
  double *age_days; /* NAN when the set has no times */
  gboolean *kept;   /* FALSE: dropped by click priority */
  double *weights;  /* the rule's weight before normalisation (time decay: 2^(-age/h)),
                        * after the view weight; 0 for dropped touches */
  double *shares;   /* weight / sum of weights; sums to 1 over kept touches */

  /* Markov and Shapley: the distinct labels of the journey */
  guint n_parts;
  char **part_labels;          /* NULL-terminated */
  double *part_values;         /* Markov: removal effect; Shapley: Shapley value (clipped at 0) */
  double *part_shares;         /* Markov: RE / sum of all REs (share of every touched
                        * conversion); Shapley: share of this journey's conversions;
                        * a journey without a touch: "(none)" alone, share 1 */
  double *part_journey_shares; /* share of this journey's conversions: Markov RE / sum of
                                * the journey's REs (1/n when that sum is 0), which is a
                                * reading of the model, not how it credits (it shares every
                                * touched conversion by part_shares); Shapley: part_shares */
  double baseline_probability; /* Markov */

  /* Shapley: every coalition S of the journey's labels and v(S), the
   * conversion rate of the journeys whose distinct labels are exactly S;
   * coalition k holds part_labels[j] when bit j of k + 1 is set */
  guint n_coalitions;
  char **coalition_labels; /* "A + B", NULL-terminated */
  double *coalition_values;
} RdmExplanation;

void rdm_explanation_free (RdmExplanation *explanation);

/* The rule of @model in plain words, translated, for the "How is this
 * computed?" panel and the reports. */
const char *rdm_explain_model_rule (RdmModel model);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmExplanation, rdm_explanation_free)

/* Explains how @model credits converting row @row of @set. Markov needs
 * @credit, the model's credit over the whole set (for its removal effects);
 * the other models ignore it (may be NULL). The shares are those
 * rdm_attribute() applies to the row. Returns NULL when @row is out of
 * range or does not convert, or for Markov without removal effects. */
RdmExplanation *rdm_explain_row (const RdmPathSet *set,
                                 guint row,
                                 RdmModel model,
                                 const RdmModelOptions *options,
                                 const RdmCredit *credit);

/* A representative journey of @set: the converting label sequence with the
 * most conversions among those of @min_touches to @max_touches touches
 * (ties: the one seen first), or if none, the most converting sequence of
 * any length. Returns its first row, or -1 when nothing converts. */
gint64 rdm_explain_pick_row (const RdmPathSet *set, guint min_touches, guint max_touches);

/* A journey typed by the user, for "rendement-cli explain" and the
 * Playground: @text lists channels oldest first separated by ">"
 * ("Facebook > Email > Paid Search", as rdm_path_set_add_path_text()
 * reads it). A touch is a click unless its name ends in "(view)" (an
 * impression, "Display (view)"); "(click)" may be written too. @ages_days
 * (may be NULL) gives each touch's age, in days before the conversion, one
 * per touch, each finite and >= 0. Returns a set (has_times when ages are
 * given) with one converting row: 1 conversion worth @value.
 *
 * Fails with RDM_MODEL_ERROR_PARSE on an empty journey or channel name
 * ("A >> B"), on "(none)" (the pseudo-channel of conversions without a
 * touch) and when @n_ages is not the number of touches; with
 * RDM_MODEL_ERROR_INVALID_DATA on a bad age or value. */
RdmPathSet *rdm_explain_parse_journey (
    const char *text, const double *ages_days, guint n_ages, double value, GError **error);

/* Explains how @model would credit @journey (one converting row, from
 * rdm_explain_parse_journey()); it need not be one of @project's journeys.
 *
 * Rule-based models read the journey alone (@project may be NULL; when set,
 * its channels' direct flag serves last non-direct, otherwise a channel
 * named "direct" in any case is direct). Time decay needs touch ages and
 * fails with RDM_MODEL_ERROR_NEEDS_TIMES without them.
 *
 * Markov and Shapley read @project, the project's journeys: Markov the
 * removal effects of @credit (its Markov credit over @project), Shapley the
 * coalition values v(S) of @project's journeys for every subset S of the
 * journey's distinct channels. A channel that @project does not know fails
 * with RDM_MODEL_ERROR_UNKNOWN_LABEL, the message listing those it knows;
 * more than RDM_SHAPLEY_MAX_LABELS distinct channels fail Shapley with
 * RDM_MODEL_ERROR_TOO_MANY_LABELS. Invalid @options fail with
 * RDM_MODEL_ERROR_INVALID_OPTIONS. @options may be NULL for the defaults. */
RdmExplanation *rdm_explain_journey (const RdmPathSet *journey,
                                     RdmModel model,
                                     const RdmModelOptions *options,
                                     const RdmPathSet *project,
                                     const RdmCredit *credit,
                                     GError **error);

G_END_DECLS
