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
  double baseline_probability; /* Markov */

  /* Shapley: every coalition S of the journey's labels and v(S), the
   * conversion rate of the journeys whose distinct labels are exactly S */
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

G_END_DECLS
