/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rdm-event-store.h"
#include "rdm-path-options.h"
#include "rdm-path-set.h"

G_BEGIN_DECLS

#define RDM_PATH_BUILDER_ERROR (rdm_path_builder_error_quark ())

typedef enum
{
  RDM_PATH_BUILDER_ERROR_INVALID_OPTIONS, /* a negative window or an empty evaluation period */
} RdmPathBuilderError;

GQuark rdm_path_builder_error_quark (void);

/* Builds the backward journeys of SPEC.md "Path building" from @store:
 * one row per analysed conversion (conversions 1, its value, the visitor
 * index) and one null row per visitor with touches after its last analysed
 * conversion in the evaluation period. Ages are seconds before the
 * conversion (for null rows, before the end of the data or of the period).
 *
 * @visitor_mask: NULL for every visitor, or a bitmap over visitor indices
 * (bit v % 8 of byte v / 8) keeping only the visitors whose bit is set.
 *
 * Row visitors number the kept visitors densely in store order (without a
 * mask, the store's visitor index), and the set's n_visitors counts them
 * all, rows or not: the population the bootstrap resamples, which for a
 * segment is the segment. Returns NULL with @error set when the
 * options are invalid. */
RdmPathSet *rdm_path_builder_build (const RdmEventStore *store,
                                    const RdmPathOptions *options,
                                    const guint8 *visitor_mask,
                                    GError **error);

G_END_DECLS
