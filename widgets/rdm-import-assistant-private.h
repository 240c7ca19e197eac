/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-import-assistant.h"
#include "rdm-import.h"
#include "rdm-warehouse-form.h"

G_BEGIN_DECLS

/* The instance, visible to the tests, which drive the assistant through
 * its widgets as a user would. */
struct _RdmImportAssistant
{
  AdwWindow parent_instance;

  GtkStack *stack;
  AdwActionRow *file_row;
  AdwComboRow *kind_row;
  AdwComboRow *preset_row;
  AdwEntryRow *channel_row;
  GtkSwitch *skip_switch;
  AdwPreferencesGroup *mapping_group;
  GtkLabel *problem_label;
  GtkLabel *detected_label; /* which preset the first look detected, and why */
  GtkColumnView *preview_view;
  GtkProgressBar *progress_bar;
  AdwStatusPage *progress_page;
  RdmWarehouseForm *warehouse_form;
  AdwStatusPage *summary_page;
  GtkScrolledWindow *rejects_window;
  GtkListView *rejects_view;
  GtkButton *import_button;
  GtkButton *cancel_button;
  GtkButton *close_button;

  char *project_path;
  char *file_path;
  RdmImportPreview *preview;
  /* the first look's guess (RdmImportPreview.reason), shown while its
   * preset stays selected */
  char *detected_preset;
  char *detected_reason;
  GStrv presets;
  GPtrArray *mapping_rows; /* AdwComboRow *, owned by mapping_group */
  GCancellable *cancellable;
  gboolean importing;
  gboolean updating; /* set while the rows are filled in code */
};

G_END_DECLS
