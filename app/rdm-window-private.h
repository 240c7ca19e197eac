/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-analysis-settings.h"
#include "rdm-window.h"

G_BEGIN_DECLS

struct _RdmWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack *main_stack;
  AdwStatusPage *welcome_page;
  GtkWidget *demo_button;
  GtkWidget *new_button;
  GtkWidget *open_button;
  AdwPreferencesGroup *recent_group;
  AdwLeaflet *leaflet;
  GtkListBox *sidebar;
  GtkStack *section_stack;
  AdwWindowTitle *window_title;

  /* Owned references */
  GSettings *settings;
  RdmProject *project;
  RdmAnalysisSettings *analysis_settings; /* the project's, shared by every section */
  GFile *file;
  GCancellable *cancellable;
  GPtrArray *recent_rows; /* the rows currently in recent_group */
  GtkFileChooserNative *chooser;
  GtkWidget *import_assistant; /* weak */

  /* Borrowed references */
  GtkWidget *data_page;
  GtkWidget *overview_page;
  GtkWidget *attribution_page;
  GtkWidget *paths_page;
  GtkWidget *roi_page;
  GtkWidget *segments_page;
};

/* Copies the project to @file with the SQLite backup API and opens the copy
 * in this window (Save As). */
gboolean _rdm_window_save_as (RdmWindow *self, GFile *file, GError **error);

G_END_DECLS
