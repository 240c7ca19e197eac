/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-attribution-run.h"
#include "rdm-project.h"
#include "rdm-segment-report.h"

G_BEGIN_DECLS

/* RdmProjectData: what the analyses of one project file read, loaded once
 * and shared read-only by every section and worker of a window (SPEC.md
 * "Budgets": one copy of the events per open project). Each part is loaded
 * by the first computation that needs it, in that computation's thread on
 * a connection of its own, and kept; a failed or cancelled load is not
 * kept, so the next computation tries again.
 *
 * Reference-counted and thread-safe. When the file changes (another
 * project, an import), its holder makes a new one: a computation still
 * reading the old data holds a reference and finishes on it. */
typedef struct _RdmProjectData RdmProjectData;

RdmProjectData *rdm_project_data_new (const char *path);
RdmProjectData *rdm_project_data_ref (RdmProjectData *self);
void rdm_project_data_unref (RdmProjectData *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmProjectData, rdm_project_data_unref)

const char *rdm_project_data_get_path (RdmProjectData *self);

/* The project file on a connection for the calling thread
 * (rdm_project_open_for_worker()). */
RdmProject *rdm_project_data_open (RdmProjectData *self, GError **error);

/* What attribution reads (rdm_attribution_data_load()): the events, or the
 * path table of a project that has no events. @project is the caller's
 * connection to the same file. */
const RdmAttributionData *rdm_project_data_get_source (RdmProjectData *self,
                                                       RdmProject *project,
                                                       GCancellable *cancellable,
                                                       GError **error);

/* The events: the source's, or an empty store of its own for a project
 * with only a path table. */
const RdmEventStore *rdm_project_data_get_events (RdmProjectData *self,
                                                  RdmProject *project,
                                                  GCancellable *cancellable,
                                                  GError **error);

/* The events and the visitor facts of the same visitors, for segments.
 * The events are those of rdm_project_data_get_events(). */
const RdmSegmentData *rdm_project_data_get_segment_data (RdmProjectData *self,
                                                         RdmProject *project,
                                                         GCancellable *cancellable,
                                                         GError **error);

/* For tests: how many times the events of a project file were read by
 * RdmProjectData in this process. */
guint _rdm_project_data_get_n_event_loads (void);

G_END_DECLS
