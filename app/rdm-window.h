/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rdm-analysis-settings.h"
#include "rdm-application.h"
#include "rdm-period.h"
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

/* Adds a section to the sidebar and its @page (an RdmSection) to the
 * content stack, showing the window's project session. */
void rdm_window_add_section (
    RdmWindow *self, const char *id, const char *title, const char *icon_name, GtkWidget *page);
void rdm_window_show_section (RdmWindow *self, const char *id);
void rdm_window_show_toast (RdmWindow *self, const char *message);

/* Confirms that @file was written, with a button opening its folder: what
 * every export of the window (charts, tables) ends with; the review
 * dialog's toast opens the PDF itself instead. The "win.exported" action
 * (a path) calls it for widgets. */
void rdm_window_show_exported (RdmWindow *self, GFile *file);
/* Says why an export failed, in a dialog. */
void rdm_window_show_export_error (RdmWindow *self, const GError *error);

/* Writes the quarterly review of @period (NULL: the latest quarter) to the
 * PDF @file (A4 pages) with the Attribution section's settings, as
 * "rendement-cli report" does through the same function, in a thread.
 * Ends with a toast, or a dialog on error. "win.export-review-to" calls
 * it with ("2026Q2" or "" for the latest, path); "win.export-review"
 * opens the review dialog (RdmReviewDialog) with its layout, language and
 * branding choices. */
void rdm_window_export_review (RdmWindow *self, const RdmPeriod *period, GFile *file);

G_END_DECLS
