/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rdm-project.h"
#include "rdm-segments-shared.h"

G_BEGIN_DECLS

/* RdmSegmentComparisonView: the comparison of the ticked segments with
 * everyone (rates with 95% Wilson intervals, value per visitor, path
 * length, top channels, credit by channel under the chosen model, and a
 * chart with error bars), then discovery: the values of one attribute
 * ranked by conversion rate, within a saved segment or everyone. The
 * numbers are those of "rendement-cli compare" and "rendement-cli
 * discover" with the same options.
 *
 * Comparisons run in a thread, cancelled when a newer one is asked for;
 * discovery runs on the main thread (it takes milliseconds).
 *
 * Properties: "settings" (RdmAnalysisSettings *: the windows, period,
 * event and model compared with; nothing is compared without them),
 * "busy" (boolean, read-only: a comparison is running). Signals: "failed"
 * (const char *message): a comparison, a segment's filter or the settings
 * failed. */
#define RDM_TYPE_SEGMENT_COMPARISON_VIEW (rdm_segment_comparison_view_get_type ())
G_DECLARE_FINAL_TYPE (
    RdmSegmentComparisonView, rdm_segment_comparison_view, RDM, SEGMENT_COMPARISON_VIEW, GtkWidget)

/* The project whose saved segments discovery can look within. */
void rdm_segment_comparison_view_set_project (RdmSegmentComparisonView *self, RdmProject *project);
/* NULL while the project's data loads: nothing is shown. */
void rdm_segment_comparison_view_set_data (RdmSegmentComparisonView *self,
                                           RdmSegmentsShared *shared);
/* Compares @segments (RdmSegmentRecord *) with everyone. */
void rdm_segment_comparison_view_set_segments (RdmSegmentComparisonView *self, GPtrArray *segments);
/* The project's saved segments changed: discovery offers them again. */
void rdm_segment_comparison_view_segments_saved (RdmSegmentComparisonView *self);
/* A setting changed: compares and discovers again. */
void rdm_segment_comparison_view_settings_changed (RdmSegmentComparisonView *self);

gboolean rdm_segment_comparison_view_get_busy (RdmSegmentComparisonView *self);
/* The comparison table and its rows, or NULL before a comparison. */
GtkColumnView *rdm_segment_comparison_view_get_table (RdmSegmentComparisonView *self,
                                                      GListModel **out_rows);

G_END_DECLS
