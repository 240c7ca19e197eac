/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rdm-result-table.h"
#include "rdm-segment-list.h"
#include "rdm-segments.h"

struct _RdmSegmentList
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkListBox *segment_list;

  /* Owned */
  RdmProject *project;
  GHashTable *compared;    /* names of the ticked segments */
  GPtrArray *segment_rows; /* SegmentRow *, in list order */
};

enum
{
  COMPARED_CHANGED,
  SEGMENTS_CHANGED,
  EDIT,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RdmSegmentList, rdm_segment_list, GTK_TYPE_WIDGET)

typedef struct
{
  char *name;
  char *filter;
  GtkCheckButton *check;
} SegmentRow;

static void
segment_row_free (gpointer data)
{
  SegmentRow *row = data;

  g_free (row->name);
  g_free (row->filter);
  g_free (row);
}

static void
fail (RdmSegmentList *self, const char *message)
{
  g_signal_emit (self, signals[FAILED], 0, message);
}

static void
compare_toggled_cb (GtkCheckButton *check, SegmentRow *row)
{
  RdmSegmentList *self = g_object_get_data (G_OBJECT (check), "rdm-segment-list");

  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->compared, g_strdup (row->name));
  else
    g_hash_table_remove (self->compared, row->name);
  g_signal_emit (self, signals[COMPARED_CHANGED], 0);
}

static void
segment_activated_cb (RdmSegmentList *self, GtkListBoxRow *list_row)
{
  SegmentRow *row = g_object_get_data (G_OBJECT (list_row), "rdm-segment");

  if (row == NULL)
    return;
  g_signal_emit (self, signals[EDIT], 0, row->name, row->filter);
}

static void
delete_response_cb (AdwMessageDialog *dialog, const char *response, RdmSegmentList *self)
{
  const char *name = g_object_get_data (G_OBJECT (dialog), "rdm-segment-name");
  g_autoptr (GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0 || self->project == NULL)
    return;
  if (!rdm_project_remove_segment (self->project, name, &error))
    {
      fail (self, error->message);
      return;
    }
  g_hash_table_remove (self->compared, name);
  rdm_segment_list_refresh (self);
  g_signal_emit (self, signals[SEGMENTS_CHANGED], 0);
}

static void
delete_clicked_cb (GtkButton *button, RdmSegmentList *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "rdm-segment-name");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = g_strdup_printf (_ ("Delete “%s”?"), name);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
      _ ("Its filter is removed from the project. Imported data is not affected.")));

  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "delete", _ ("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "rdm-segment-name", g_strdup (name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
rename_response_cb (AdwMessageDialog *dialog, const char *response, RdmSegmentList *self)
{
  const char *old_name = g_object_get_data (G_OBJECT (dialog), "rdm-segment-name");
  const char *filter = g_object_get_data (G_OBJECT (dialog), "rdm-segment-filter");
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *new_name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr (GError) error = NULL;

  if (g_strcmp0 (response, "rename") != 0 || self->project == NULL
      || g_str_equal (new_name, old_name))
    return;
  /* saving under the new name first leaves the old one intact on error */
  if (!rdm_project_add_segment (self->project, new_name, filter, FALSE, &error)
      || !rdm_project_remove_segment (self->project, old_name, &error))
    {
      fail (self, error->message);
      rdm_segment_list_refresh (self);
      return;
    }
  if (g_hash_table_remove (self->compared, old_name))
    g_hash_table_add (self->compared, g_strdup (new_name));
  rdm_segment_list_refresh (self);
  g_signal_emit (self, signals[SEGMENTS_CHANGED], 0);
}

static void
rename_clicked_cb (GtkButton *button, RdmSegmentList *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "rdm-segment-name");
  const char *filter = g_object_get_data (G_OBJECT (button), "rdm-segment-filter");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _ ("Rename Segment"), NULL));
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("New name"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "rename", _ ("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "rename");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "rdm-segment-name", g_strdup (name), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "rdm-segment-filter", g_strdup (filter), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
menu_item_clicked_cb (GtkButton *button)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static GtkWidget *
menu_item (RdmSegmentList *self, SegmentRow *row, const char *label, GCallback callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_add_css_class (button, "flat");
  gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
  g_object_set_data_full (G_OBJECT (button), "rdm-segment-name", g_strdup (row->name), g_free);
  g_object_set_data_full (G_OBJECT (button), "rdm-segment-filter", g_strdup (row->filter), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (menu_item_clicked_cb), NULL);
  g_signal_connect_object (button, "clicked", callback, self, 0);
  return button;
}

/* Rename and delete sit in a menu so that the narrow list keeps room for
 * the names. */
static GtkWidget *
row_menu (RdmSegmentList *self, SegmentRow *row)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  g_autofree char *label = g_strdup_printf (_ ("Actions for “%s”"), row->name);

  gtk_box_append (GTK_BOX (box),
                  menu_item (self, row, _ ("_Rename…"), G_CALLBACK (rename_clicked_cb)));
  gtk_box_append (GTK_BOX (box),
                  menu_item (self, row, _ ("_Delete…"), G_CALLBACK (delete_clicked_cb)));
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  return button;
}

void
rdm_segment_list_refresh (RdmSegmentList *self)
{
  g_autoptr (GPtrArray) segments = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->segment_list))) != NULL)
    gtk_list_box_remove (self->segment_list, child);
  g_ptr_array_set_size (self->segment_rows, 0);
  if (self->project == NULL)
    return;
  segments = rdm_project_list_segments (self->project, &error);
  if (segments == NULL)
    {
      fail (self, error->message);
      return;
    }
  for (guint i = 0; i < segments->len; i++)
    {
      const RdmSegmentRecord *record = g_ptr_array_index (segments, i);
      SegmentRow *row = g_new0 (SegmentRow, 1);
      GtkWidget *action_row = adw_action_row_new ();
      g_autofree char *tooltip = NULL;

      row->name = g_strdup (record->name);
      row->filter = g_strdup (record->filter);
      row->check = GTK_CHECK_BUTTON (gtk_check_button_new ());
      gtk_widget_set_valign (GTK_WIDGET (row->check), GTK_ALIGN_CENTER);
      tooltip = g_strdup_printf (_ ("Compare “%s”"), row->name);
      gtk_widget_set_tooltip_text (GTK_WIDGET (row->check), tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      tooltip, -1);
      gtk_check_button_set_active (row->check, g_hash_table_contains (self->compared, row->name));
      g_object_set_data (G_OBJECT (row->check), "rdm-segment-list", self);
      g_signal_connect (row->check, "toggled", G_CALLBACK (compare_toggled_cb), row);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), row->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (action_row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), row->filter);
      /* names and filters wrap (0: as many lines as they need) */
      adw_action_row_set_title_lines (ADW_ACTION_ROW (action_row), 0);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (action_row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (action_row), GTK_WIDGET (row->check));
      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), row_menu (self, row));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (action_row), TRUE);
      gtk_widget_set_tooltip_text (action_row, _ ("Edit in the builder"));
      g_object_set_data (G_OBJECT (action_row), "rdm-segment", row);
      gtk_list_box_append (self->segment_list, action_row);
      g_ptr_array_add (self->segment_rows, row);
    }
  /* forget ticks of segments that are gone */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, self->compared);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        gboolean found = FALSE;

        for (guint i = 0; i < self->segment_rows->len && !found; i++)
          found = g_str_equal (((SegmentRow *)self->segment_rows->pdata[i])->name, key);
        if (!found)
          g_hash_table_iter_remove (&iter);
      }
  }
  if (segments->len == 0)
    {
      GtkWidget *label = gtk_label_new (_ ("No saved segments yet. Build one and save it."));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 12);
      gtk_widget_set_margin_bottom (label, 12);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_list_box_append (self->segment_list, label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (gtk_widget_get_parent (label)), FALSE);
    }
}

void
rdm_segment_list_set_compared (RdmSegmentList *self, const char *name, gboolean compared)
{
  g_return_if_fail (RDM_IS_SEGMENT_LIST (self));

  for (guint i = 0; i < self->segment_rows->len; i++)
    {
      SegmentRow *row = self->segment_rows->pdata[i];

      /* the row's "toggled" updates the ticks */
      if (g_str_equal (row->name, name))
        {
          gtk_check_button_set_active (row->check, compared);
          return;
        }
    }
  if (compared)
    g_hash_table_add (self->compared, g_strdup (name));
  else
    g_hash_table_remove (self->compared, name);
}

GPtrArray *
rdm_segment_list_get_compared (RdmSegmentList *self)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify)rdm_segment_record_free);

  g_return_val_if_fail (RDM_IS_SEGMENT_LIST (self), records);

  for (guint i = 0; i < self->segment_rows->len; i++)
    {
      SegmentRow *row = self->segment_rows->pdata[i];
      RdmSegmentRecord *record;

      if (!g_hash_table_contains (self->compared, row->name))
        continue;
      record = g_new0 (RdmSegmentRecord, 1);
      record->name = g_strdup (row->name);
      record->filter = g_strdup (row->filter);
      g_ptr_array_add (records, record);
    }
  return records;
}

void
rdm_segment_list_set_project (RdmSegmentList *self, RdmProject *project)
{
  g_return_if_fail (RDM_IS_SEGMENT_LIST (self));
  g_return_if_fail (project == NULL || RDM_IS_PROJECT (project));

  g_set_object (&self->project, project);
  rdm_segment_list_refresh (self);
}

/* GObject */

static void
rdm_segment_list_dispose (GObject *object)
{
  RdmSegmentList *self = RDM_SEGMENT_LIST (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), RDM_TYPE_SEGMENT_LIST);
  /* the template's root box has no id, so dispose_template leaves it */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->project);
  G_OBJECT_CLASS (rdm_segment_list_parent_class)->dispose (object);
}

static void
rdm_segment_list_finalize (GObject *object)
{
  RdmSegmentList *self = RDM_SEGMENT_LIST (object);

  g_ptr_array_unref (self->segment_rows);
  g_hash_table_unref (self->compared);
  G_OBJECT_CLASS (rdm_segment_list_parent_class)->finalize (object);
}

static void
rdm_segment_list_class_init (RdmSegmentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rdm_segment_list_dispose;
  object_class->finalize = rdm_segment_list_finalize;

  signals[COMPARED_CHANGED] = g_signal_new ("compared-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SEGMENTS_CHANGED] = g_signal_new ("segments-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[EDIT] = g_signal_new ("edit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  rdm_widgets_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/fr/rendement/Rendement/widgets/"
                                                             "rdm-segment-list.ui");
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentList, segment_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rdm_segment_list_init (RdmSegmentList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->segment_rows = g_ptr_array_new_with_free_func (segment_row_free);
  self->compared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_signal_connect_object (self->segment_list, "row-activated", G_CALLBACK (segment_activated_cb),
                           self, G_CONNECT_SWAPPED);
}
