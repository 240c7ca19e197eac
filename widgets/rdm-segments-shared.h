/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-filter.h"
#include "rdm-project-data.h"

G_BEGIN_DECLS

/* What the widgets of the Segments section read once a project's data is
 * loaded: the segment data its sections share, and the filter schema of
 * its visitors. Reference counted, because comparison threads hold it
 * while the section may move on to another project. */
typedef struct
{
  RdmProjectData *project_data; /* owns data */
  const RdmSegmentData *data;
  RdmFilterSchema *schema;
} RdmSegmentsShared;

/* Builds the schema of @data's visitors: call it in the loading thread. */
RdmSegmentsShared *rdm_segments_shared_new (RdmProjectData *project_data,
                                            const RdmSegmentData *data);
RdmSegmentsShared *rdm_segments_shared_ref (RdmSegmentsShared *self);
void rdm_segments_shared_unref (RdmSegmentsShared *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmSegmentsShared, rdm_segments_shared_unref)

/* A view of @strings sorted for the user (g_utf8_collate()), which does
 * not own them (g_ptr_array_copy() would keep the source's free
 * function). */
GPtrArray *rdm_segments_sorted_strings (const GPtrArray *strings);

G_END_DECLS
