/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-section.h"

G_BEGIN_DECLS

/* RdmSegmentsPage: the Segments section of the window, an RdmSection. The
 * saved segments (RdmSegmentList) fold beside the builder
 * (RdmSegmentBuilder) and the comparison with discovery
 * (RdmSegmentComparisonView), which compute with the session's analysis
 * settings. The project's events and visitor attributes are the session's
 * data, read once for every section. States: "content", "empty" (a
 * project without visitors) and "error". */
#define RDM_TYPE_SEGMENTS_PAGE (rdm_segments_page_get_type ())
G_DECLARE_FINAL_TYPE (RdmSegmentsPage, rdm_segments_page, RDM, SEGMENTS_PAGE, RdmSection)

GtkWidget *rdm_segments_page_new (void);

G_END_DECLS
