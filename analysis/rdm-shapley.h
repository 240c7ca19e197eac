/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-credit.h"
#include "rdm-model.h"
#include "rdm-path-set.h"

G_BEGIN_DECLS

/* Exact Shapley values are computed over at most this many distinct labels
 * per converting journey (2^15 coalitions). */
#define RDM_SHAPLEY_MAX_LABELS 15

/* Shapley attribution in DP6's formulation (SPEC.md): the value of a
 * coalition S is the conversion rate of the journeys whose set of distinct
 * labels is exactly S; each converting set T shares its conversions and
 * value by the Shapley values of the game restricted to the subsets of T,
 * negative values clipped to 0. Conversions without a touch go to "(none)"
 * unchanged and take no part in the game. Normally reached through
 * rdm_attribute(). */
RdmCredit *rdm_shapley_attribute (const RdmPathSet *set,
                                  const RdmModelOptions *options,
                                  GCancellable *cancellable,
                                  GError **error);

G_END_DECLS
