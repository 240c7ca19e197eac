/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-credit.h"
#include "rdm-model.h"
#include "rdm-path-set.h"

G_BEGIN_DECLS

/* Credits the conversions and value of @set's converting rows to its labels
 * with @model (SPEC.md, "Attribution"). @options may be NULL for the
 * defaults. Fails on invalid options, on negative or non-finite counts, on
 * time decay without touch times, and with the Markov and Shapley errors. */
RdmCredit *rdm_attribute (const RdmPathSet *set,
                          RdmModel model,
                          const RdmModelOptions *options,
                          GCancellable *cancellable,
                          GError **error);

/* Checks that conversions and nulls are finite and not negative and that
 * values are finite. */
gboolean rdm_path_set_validate_counts (const RdmPathSet *set, GError **error);

G_END_DECLS
