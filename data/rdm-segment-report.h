/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-event-store.h"
#include "rdm-project.h"
#include "rdm-visitor-facts.h"

G_BEGIN_DECLS

/* What segment reports read, loaded once per project so that several
 * segments (a comparison, a builder's live count) cost one evaluation each:
 * the project's event store and the visitor facts of the same visitors
 * (facts visitor v is store visitor v). */
typedef struct
{
  RdmEventStore *store;
  RdmVisitorFacts *facts;
} RdmSegmentData;

/* Loads both; slow on big projects (SQLite reads), so callers with a
 * window run it in a worker thread with their own RdmProject. */
RdmSegmentData *
rdm_segment_data_load (RdmProject *project, GCancellable *cancellable, GError **error);
void rdm_segment_data_free (RdmSegmentData *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmSegmentData, rdm_segment_data_free)

/* The filter text @name_or_filter stands for: the filter of the saved
 * segment of that name, or else the text itself. Fails only on SQL
 * errors. */
char *rdm_project_resolve_segment (RdmProject *project,
                                   const char *name_or_filter,
                                   gboolean *out_saved,
                                   GError **error);

/* Evaluates @filter_text (rdm-filter.h grammar) over @data's facts and
 * returns the bitmap of the visitors it selects (rdm_bitmap_n_words
 * (n_visitors) words, g_free()), with their number in @out_count. With
 * @check_values, attribute values and channels must be ones the data has
 * (typed filters: a typo gets the closest names as suggestions); without,
 * an unknown value matches nobody (saved segments, which must survive an
 * import that drops a value's last visitor). Fails with the parser's or
 * evaluator's error (RDM_FILTER_ERROR, with its column). */
guint64 *rdm_segment_data_evaluate (const RdmSegmentData *data,
                                    const char *filter_text,
                                    gboolean check_values,
                                    guint64 *out_count,
                                    GError **error);

G_END_DECLS
