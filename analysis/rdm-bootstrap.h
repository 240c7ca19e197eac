/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-credit.h"
#include "rdm-model.h"
#include "rdm-path-set.h"

G_BEGIN_DECLS

/* The seed of the resampling unless one is asked for ("rendement-cli
 * --seed"); the window always uses it, so its intervals are the CLI's. */
#define RDM_BOOTSTRAP_DEFAULT_SEED 1

/* The 2.5 and 97.5 percentiles of @n replicates (sorted in place), by
 * linear interpolation between order statistics (R's type 7): the 95 %
 * percentile interval every bootstrap of the product reports. */
void rdm_bootstrap_interval (double *replicates, guint n, double *out_low, double *out_high);

/* Bootstrap confidence intervals of @model's credit.
 *
 * Sets *@out_credit to the credit of @set itself with ci_low / ci_high
 * (conversions) and ci_value_low / ci_value_high: the 2.5 and 97.5
 * percentiles over @n_resamples replicates (linear interpolation between
 * order statistics). A set built from events is resampled by visitor: all
 * the rows of a visitor are drawn together, with replacement. A path table
 * (has_times FALSE) is resampled by journey: each row stands for its
 * conversions and its nulls as that many journeys, drawn with replacement
 * (value follows the converting journeys drawn).
 *
 * Replicate i draws from a generator seeded by (@seed, i) alone, so the
 * result is the same for any @n_threads (0 = one per processor).
 *
 * The interval is about sampling: where the credit of another sample of
 * the same visitors would fall (on simulated worlds, 93 to 95 % of them
 * cover the mean credit across independent samples; tests/bench/README.md).
 * It says nothing of the model's bias, nor of what a channel caused. When
 * the credit of the data lies outside the middle 90 % of a label's
 * replicates (a model whose values rest on small groups of journeys, such
 * as Shapley's rare channel sets), the credit's note says so.
 */
gboolean rdm_bootstrap (const RdmPathSet *set,
                        RdmModel model,
                        const RdmModelOptions *options,
                        guint n_resamples,
                        guint64 seed,
                        guint n_threads,
                        GCancellable *cancellable,
                        RdmCredit **out_credit,
                        GError **error);

/* Whether @point lies outside the middle 90 % of the @n @replicates (any
 * order): fewer than 5 % of them below it, or more than 95 %, ties
 * counting half. */
gboolean rdm_bootstrap_is_off_centre (const double *replicates, guint n, double point);

G_END_DECLS
