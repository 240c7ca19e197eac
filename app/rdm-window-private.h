/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-analysis-settings.h"
#include "rdm-project-session.h"
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
  GtkWidget *playground_button;
  GtkBox *playground_box; /* the Playground without a project: header bar, then the page */
  AdwPreferencesGroup *recent_group;
  AdwLeaflet *leaflet;
  GtkListBox *sidebar;
  GtkStack *section_stack;
  AdwWindowTitle *window_title;

  /* Owned references */
  GSettings *settings;
  RdmProject *project;
  RdmProjectSession *session; /* the project as every section sees it */
  GFile *file;
  GCancellable *cancellable;
  GPtrArray *recent_rows; /* the rows currently in recent_group */
  GtkFileChooserNative *chooser;
  GtkWidget *import_assistant; /* weak */
  GtkWidget *review_dialog;    /* weak: the RdmReviewDialog, while it shows */
  AdwToast *busy_toast;        /* while the review is being written */
  gboolean exporting_review;
  gboolean removing_import; /* while an import is being removed */

  /* Borrowed references */
  GtkWidget *data_page;
  GtkWidget *overview_page;
  GtkWidget *attribution_page;
  GtkWidget *paths_page;
  GtkWidget *roi_page;
  GtkWidget *segments_page;
  GtkWidget *welcome_playground; /* the Playground of playground_box */
};

/* Copies the project to @file with the SQLite backup API and opens the copy
 * in this window (Save As). */
gboolean _rdm_window_save_as (RdmWindow *self, GFile *file, GError **error);

/* Whether the quarterly review is being exported (for tests, which wait
 * for the export's end). */
gboolean _rdm_window_is_exporting_review (RdmWindow *self);

G_END_DECLS
