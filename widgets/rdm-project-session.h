/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "rdm-analysis-settings.h"
#include "rdm-media-mix-fitter.h"
#include "rdm-project-data.h"
#include "rdm-project.h"

G_BEGIN_DECLS

/* RdmProjectSession: the one project a window shows, as every section sees
 * it: the project, the analysis settings every section computes with (read
 * from the project when it opens, written back on every change), and the
 * project's data (RdmProjectData), loaded once and shared by the sections
 * and their workers.
 *
 * Properties: "project" (RdmProject *, read-only, NULL before the first
 * open), "settings" (RdmAnalysisSettings *, read-only: one object for the
 * session's life, whose values change with the project).
 * Signals: "changed": another project was opened or its data changed (an
 * import, a removal, an edit of KPIs or costs); sections show it again.
 * "settings-changed" (GParamSpec *pspec): a setting changed while the
 * project stayed. "save-failed" (const GError *error): a setting could not
 * be saved in the project file; it still applies. */
#define RDM_TYPE_PROJECT_SESSION (rdm_project_session_get_type ())
G_DECLARE_FINAL_TYPE (RdmProjectSession, rdm_project_session, RDM, PROJECT_SESSION, GObject)

RdmProjectSession *rdm_project_session_new (void);

/* Shows @project: its saved analysis settings over the user's defaults,
 * then "changed". @out_warning, when not NULL, receives why some saved
 * settings were reset (a sentence for the user), or NULL. Fails, changing
 * nothing, when the settings cannot be read. */
gboolean rdm_project_session_open (RdmProjectSession *self,
                                   RdmProject *project,
                                   char **out_warning,
                                   GError **error);
/* The project's data changed (an import, a removal): its data is read
 * again when next needed, then "changed". */
void rdm_project_session_data_changed (RdmProjectSession *self);
/* What the project defines changed (KPIs, objectives, costs) but not its
 * events: "changed", keeping the data read. */
void rdm_project_session_definitions_changed (RdmProjectSession *self);

RdmProject *rdm_project_session_get_project (RdmProjectSession *self);
RdmAnalysisSettings *rdm_project_session_get_settings (RdmProjectSession *self);
/* The project's data, or NULL without a project. */
RdmProjectData *rdm_project_session_get_data (RdmProjectSession *self);
/* The project's media-mix fit, shared by the sections that show it; reset
 * before every "changed". */
RdmMediaMixFitter *rdm_project_session_get_media_mix (RdmProjectSession *self);

G_END_DECLS
