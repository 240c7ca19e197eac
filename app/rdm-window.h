/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rdm-analysis-settings.h"
#include "rdm-application.h"
#include "rdm-project.h"

G_BEGIN_DECLS

#define RDM_TYPE_WINDOW (rdm_window_get_type ())
G_DECLARE_FINAL_TYPE (RdmWindow, rdm_window, RDM, WINDOW, AdwApplicationWindow)

RdmWindow *rdm_window_new (RdmApplication *application);

/* The open project, or NULL while the welcome page shows. */
RdmProject *rdm_window_get_project (RdmWindow *self);
/* The analysis settings of the open project, shared by every section and
 * saved in the project file. */
RdmAnalysisSettings *rdm_window_get_analysis_settings (RdmWindow *self);
/* Opens @file's project in this window. On error the window is unchanged. */
gboolean rdm_window_open_file (RdmWindow *self, GFile *file, GError **error);
/* Whether this window shows the project stored at @file. */
gboolean rdm_window_shows_file (RdmWindow *self, GFile *file);

/* Adds a section to the sidebar and its @page to the content stack; pages
 * usually bind their "project" property to the window's. */
void rdm_window_add_section (
    RdmWindow *self, const char *id, const char *title, const char *icon_name, GtkWidget *page);
void rdm_window_show_section (RdmWindow *self, const char *id);
void rdm_window_show_toast (RdmWindow *self, const char *message);

G_END_DECLS
