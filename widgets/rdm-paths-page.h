/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rdm-analysis-settings.h"
#include "rdm-project.h"

G_BEGIN_DECLS

/* RdmPathsPage: the Paths section of the window, GA's conversion paths
 * report: top converting paths, path length and time to conversion,
 * assisted against last-touch conversions, early/middle/late positions and
 * channel overlap, over the journeys of the current settings.
 *
 * Properties: "project" (RdmProject *, may be NULL), "settings"
 * (RdmAnalysisSettings *, never NULL; share the Attribution page's to keep
 * both on the same journeys). */
#define RDM_TYPE_PATHS_PAGE (rdm_paths_page_get_type ())
G_DECLARE_FINAL_TYPE (RdmPathsPage, rdm_paths_page, RDM, PATHS_PAGE, GtkWidget)

GtkWidget *rdm_paths_page_new (void);

RdmProject *rdm_paths_page_get_project (RdmPathsPage *self);
void rdm_paths_page_set_project (RdmPathsPage *self, RdmProject *project);
/* Reads the project file again (after an import into it) and recomputes. */
void rdm_paths_page_reload (RdmPathsPage *self);

RdmAnalysisSettings *rdm_paths_page_get_settings (RdmPathsPage *self);
void rdm_paths_page_set_settings (RdmPathsPage *self, RdmAnalysisSettings *settings);

G_END_DECLS
