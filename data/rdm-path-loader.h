/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-event-store.h"
#include "rdm-path-options.h"
#include "rdm-path-set.h"
#include "rdm-project.h"

G_BEGIN_DECLS

/* The journeys the models of @project read.
 *
 * - With touchpoints or conversions: rdm_event_store_load() then
 *   rdm_path_builder_build() with @options (has_times TRUE).
 * - Otherwise, with an imported path table (path_row): one row per stored
 *   row, through rdm_path_set_add_path_text(); has_times is FALSE, so the
 *   caller can say that windows, the evaluation period, events, level and
 *   time decay do not apply to it.
 * - Otherwise an empty set (has_times TRUE, no rows).
 *
 * options->segment is not applied here: a caller with a segment loads the
 * store once and passes the segment's visitor mask to
 * rdm_path_builder_build(), which is also how a window sweep builds many
 * sets from one load. */
RdmPathSet *rdm_project_load_path_set (RdmProject *project,
                                       const RdmPathOptions *options,
                                       GCancellable *cancellable,
                                       GError **error);

/* The aggregated path table of @project as a path set (has_times FALSE),
 * empty when there is none. */
RdmPathSet *
rdm_project_load_path_table (RdmProject *project, GCancellable *cancellable, GError **error);

/* What the imported path table of @project holds: its conversions, their
 * value and how many distinct channels its paths name ("(none)" aside);
 * zeros when it has none. */
typedef struct
{
  double conversions;
  double value;
  guint channels;
} RdmPathTableTotals;

gboolean
rdm_project_path_table_totals (RdmProject *project, RdmPathTableTotals *out, GError **error);

G_END_DECLS
