/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rdm-error-dialog.h"
#include "rdm-result-table.h"
#include "rdm-table-export-button.h"

struct _RdmTableExportButton
{
  GtkButton parent_instance;

  GtkColumnView *table;
  RdmTableExportFunc export_func;
  gpointer export_data;
  char *file_name;
  GtkFileChooserNative *chooser; /* while the file chooser is open */
};

G_DEFINE_FINAL_TYPE (RdmTableExportButton, rdm_table_export_button, GTK_TYPE_BUTTON)

enum
{
  PROP_0,
  PROP_TABLE,
  PROP_FILE_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gboolean
rdm_table_export_button_export_to_file (RdmTableExportButton *self,
                                        const char *path,
                                        GError **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (RDM_IS_TABLE_EXPORT_BUTTON (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->export_func != NULL)
    {
      csv = self->export_func (self->export_data, error);
      if (csv == NULL)
        return FALSE;
    }
  else if (self->table != NULL
           && g_list_model_get_n_items (gtk_column_view_get_columns (self->table)) > 0)
    csv = rdm_result_table_to_csv (self->table);
  else
    {
      /* a table not computed yet has no columns */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _ ("There is no table to export yet"));
      return FALSE;
    }
  if (!g_file_set_contents (path, csv, -1, error))
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.exported", "s", path);
  return TRUE;
}

static void
chooser_response (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  RdmTableExportButton *self = RDM_TABLE_EXPORT_BUTTON (user_data);
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL && !rdm_table_export_button_export_to_file (self, path, &error))
    rdm_error_dialog_present (GTK_WIDGET (self), _ ("Could Not Export the Table"), error);

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

static void
rdm_table_export_button_clicked (GtkButton *button)
{
  RdmTableExportButton *self = RDM_TABLE_EXPORT_BUTTON (button);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if ((self->table == NULL && self->export_func == NULL) || self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_ ("Export Table"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  name = g_strdup_printf ("%s.csv", self->file_name != NULL ? self->file_name : _ ("Table"));
  g_strdelimit (name, "/\\:", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_filter_set_name (filter, _ ("CSV files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

GtkWidget *
rdm_table_export_button_new (void)
{
  return g_object_new (RDM_TYPE_TABLE_EXPORT_BUTTON, NULL);
}

void
rdm_table_export_button_set_table (RdmTableExportButton *self, GtkColumnView *table)
{
  g_return_if_fail (RDM_IS_TABLE_EXPORT_BUTTON (self));
  g_return_if_fail (table == NULL || GTK_IS_COLUMN_VIEW (table));

  if (g_set_object (&self->table, table))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TABLE]);
}

void
rdm_table_export_button_set_export_func (RdmTableExportButton *self,
                                         RdmTableExportFunc func,
                                         gpointer user_data)
{
  g_return_if_fail (RDM_IS_TABLE_EXPORT_BUTTON (self));

  self->export_func = func;
  self->export_data = user_data;
}

GtkColumnView *
rdm_table_export_button_get_table (RdmTableExportButton *self)
{
  g_return_val_if_fail (RDM_IS_TABLE_EXPORT_BUTTON (self), NULL);
  return self->table;
}

static void
rdm_table_export_button_get_property (GObject *object,
                                      guint prop_id,
                                      GValue *value,
                                      GParamSpec *pspec)
{
  RdmTableExportButton *self = RDM_TABLE_EXPORT_BUTTON (object);

  switch (prop_id)
    {
    case PROP_TABLE:
      g_value_set_object (value, self->table);
      break;
    case PROP_FILE_NAME:
      g_value_set_string (value, self->file_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rdm_table_export_button_set_property (GObject *object,
                                      guint prop_id,
                                      const GValue *value,
                                      GParamSpec *pspec)
{
  RdmTableExportButton *self = RDM_TABLE_EXPORT_BUTTON (object);

  switch (prop_id)
    {
    case PROP_TABLE:
      rdm_table_export_button_set_table (self, g_value_get_object (value));
      break;
    case PROP_FILE_NAME:
      if (g_strcmp0 (self->file_name, g_value_get_string (value)) != 0)
        {
          g_free (self->file_name);
          self->file_name = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rdm_table_export_button_dispose (GObject *object)
{
  RdmTableExportButton *self = RDM_TABLE_EXPORT_BUTTON (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->table);

  G_OBJECT_CLASS (rdm_table_export_button_parent_class)->dispose (object);
}

static void
rdm_table_export_button_finalize (GObject *object)
{
  RdmTableExportButton *self = RDM_TABLE_EXPORT_BUTTON (object);

  g_free (self->file_name);

  G_OBJECT_CLASS (rdm_table_export_button_parent_class)->finalize (object);
}

static void
rdm_table_export_button_class_init (RdmTableExportButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkButtonClass *button_class = GTK_BUTTON_CLASS (klass);

  object_class->get_property = rdm_table_export_button_get_property;
  object_class->set_property = rdm_table_export_button_set_property;
  object_class->dispose = rdm_table_export_button_dispose;
  object_class->finalize = rdm_table_export_button_finalize;
  button_class->clicked = rdm_table_export_button_clicked;

  properties[PROP_TABLE]
      = g_param_spec_object ("table", NULL, NULL, GTK_TYPE_COLUMN_VIEW,
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FILE_NAME]
      = g_param_spec_string ("file-name", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rdm_table_export_button_init (RdmTableExportButton *self)
{
  gtk_button_set_icon_name (GTK_BUTTON (self), "document-save-as-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), _ ("Export Table as CSV…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Export Table as CSV"), -1);
}
