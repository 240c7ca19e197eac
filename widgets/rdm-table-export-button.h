/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* RdmTableExportButton: the icon button beside a results table that saves
 * it as CSV (rdm_result_table_to_csv()) after asking for a file name.
 * After writing, it activates "win.exported" with the file's path, so the
 * window confirms every export the same way; an error shows a dialog.
 *
 * Properties: "table" (GtkColumnView of RdmResultRow items), "file-name"
 * (the suggested name without ".csv"). */
#define RDM_TYPE_TABLE_EXPORT_BUTTON (rdm_table_export_button_get_type ())
G_DECLARE_FINAL_TYPE (
    RdmTableExportButton, rdm_table_export_button, RDM, TABLE_EXPORT_BUTTON, GtkButton)

GtkWidget *rdm_table_export_button_new (void);

void rdm_table_export_button_set_table (RdmTableExportButton *self, GtkColumnView *table);
GtkColumnView *rdm_table_export_button_get_table (RdmTableExportButton *self);

/* For a table that is not a GtkColumnView (the Overview scorecard): @func
 * gives the CSV text, or NULL with @error set when there is nothing to
 * export. Used instead of "table". */
typedef char *(*RdmTableExportFunc) (gpointer user_data, GError **error);
void rdm_table_export_button_set_export_func (RdmTableExportButton *self,
                                              RdmTableExportFunc func,
                                              gpointer user_data);

/* What the button does once the file is chosen: writes the table to @path
 * and reports it to the window. */
gboolean rdm_table_export_button_export_to_file (RdmTableExportButton *self,
                                                 const char *path,
                                                 GError **error);

G_END_DECLS
