/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rdm-model.h"
#include "rdm-path-set.h"

G_BEGIN_DECLS

/* The credit a model gives each label of a path set.
 *
 * Arrays have n_labels entries, indexed like the path set's labels; when the
 * set had converting rows without any touch and no "(none)" label, one more
 * label "(none)" is appended. Conversions split into the part credited to
 * clicks (and visits) and the part credited to views:
 * conversions[i] = click_conversions[i] + view_conversions[i], likewise for
 * value.
 */
typedef struct
{
  RdmModel model;
  guint n_labels;
  char **label_names; /* n_labels + 1, NULL-terminated */

  double *conversions;
  double *value;
  double *click_conversions;
  double *view_conversions;
  double *click_value;
  double *view_value;

  /* conversions and value of the analysed rows: the credits sum to these */
  double total_conversions;
  double total_value;

  /* Markov shares the total value by the same removal effects as the
   * conversions; Shapley shares each label set's own value.
   *
   * Markov only (has_removal_effects): the probability of reaching
   * conversion from the start state, and each label's removal effect
   * 1 - P(without the label) / P; 0 for labels not in the chain. */
  gboolean has_removal_effects;
  double baseline_probability;
  double *removal_effect;
  guint n_states; /* transient states of the chain, start included */

  /* rdm_bootstrap(): 2.5 and 97.5 percentiles over the replicates; NULL
   * otherwise */
  guint n_resamples;
  double *ci_low;
  double *ci_high;
  double *ci_value_low;
  double *ci_value_high;

  /* a sentence for the user about how the data were treated, or NULL */
  char *note;
} RdmCredit;

/* Zero credit over the labels of @set, plus "(none)" when @needs_none is
 * set and the set has no such label. */
RdmCredit *rdm_credit_new (const RdmPathSet *set, RdmModel model, gboolean needs_none);
void rdm_credit_free (RdmCredit *credit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmCredit, rdm_credit_free)

/* The index of the label called @name, or -1. */
int rdm_credit_find_label (const RdmCredit *credit, const char *name);

/* TRUE when @set has a converting row without any touch. */
gboolean rdm_path_set_has_empty_conversions (const RdmPathSet *set);

/* For models that credit labels rather than touches (Markov, Shapley):
 * splits conversions[] and value[] into click and view parts in proportion
 * to each label's click and view touches over the converting rows, weighted
 * by conversions, after click priority, a view touch counting view_weight.
 * A label credited without any (weighted) converting touch is split by its
 * touches over all rows, weighted by conversions + nulls and not by the view
 * weight, and counts as click when it has no touch at all ("(none)"). */
void rdm_credit_split_by_touches (RdmCredit *credit,
                                  const RdmPathSet *set,
                                  const RdmModelOptions *options);

/* SPEC.md "Attribution": every model gives "No touch" exactly the
 * conversions with no qualifying touch. Adds to @credit's "(none)" label the
 * conversions and value of @set's converting rows without a touch
 * (rdm_path_set_row_is_touched()) and returns their sums in
 * @out_conversions and @out_value. Markov and Shapley call it and share out
 * only the rest over the touched journeys; rdm_credit_split_by_touches()
 * then counts this credit as clicks. */
void rdm_credit_add_no_touch (RdmCredit *credit,
                              const RdmPathSet *set,
                              double *out_conversions,
                              double *out_value);

/* Appends a sentence to credit->note. */
void rdm_credit_add_note (RdmCredit *credit, const char *sentence);

G_END_DECLS
