/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "rdm-business-editor-private.h"
#include "rdm-csv.h"
#include "rdm-error-dialog.h"
#include "rdm-result-table.h"
#include "rdm-row-button.h"

G_DEFINE_FINAL_TYPE (RdmBusinessEditor, rdm_business_editor, ADW_TYPE_WINDOW)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The text of an entry row without its surrounding spaces. */
static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
set_row_text (AdwEntryRow *row, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
replace_strings (GtkStringList *list, const char *const *strings)
{
  gtk_string_list_splice (list, 0, g_list_model_get_n_items (G_LIST_MODEL (list)), strings);
}

static void
show_message (GtkLabel *label, const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
toast (RdmBusinessEditor *self, const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, rdm_toast_new_for_text (message));
}

static char *
format_day (gint64 day)
{
  g_autoptr (GDateTime) date = g_date_time_new_from_unix_utc (day);

  return date != NULL ? g_date_time_format (date, "%Y-%m-%d") : g_strdup ("");
}

/* The lists */

static void
add_list_row (RdmBusinessEditor *self, AdwPreferencesGroup *group, GtkWidget *row)
{
  g_object_set_data (G_OBJECT (row), "rdm-group", group);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->list_rows, row);
}

/* A row with an edit and a remove button; @what names the item for
 * screen readers ("Edit “Grow sales”"). */
static void
add_item_row (RdmBusinessEditor *self,
              AdwPreferencesGroup *group,
              const char *title,
              const char *subtitle,
              const char *what,
              const char *edit_action,
              const char *remove_action,
              GVariant *target)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *edit_label = NULL;
  g_autofree char *remove_label = NULL;

  g_variant_ref_sink (target);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* Translators: the accessible name of an edit button; %s names the item */
  edit_label = g_strdup_printf (_ ("Edit “%s”"), what);
  /* Translators: the accessible name of a remove button; %s names the item */
  remove_label = g_strdup_printf (_ ("Remove “%s”"), what);
  adw_action_row_add_suffix (
      ADW_ACTION_ROW (row),
      rdm_row_button_new ("document-edit-symbolic", _ ("Edit"), edit_label, edit_action, target));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             rdm_row_button_new ("user-trash-symbolic", _ ("Remove"), remove_label,
                                                 remove_action, target));
  g_variant_unref (target);
  add_list_row (self, group, row);
}

static void
add_empty_row (RdmBusinessEditor *self, AdwPreferencesGroup *group, const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  add_list_row (self, group, row);
}

static char *
campaigns_text (const RdmInitiative *initiative)
{
  if (initiative->campaigns == NULL || initiative->campaigns[0] == NULL)
    return g_strdup (_ ("No campaign linked"));
  return g_strjoinv (", ", initiative->campaigns);
}

static void
fill_lists (RdmBusinessEditor *self)
{
  for (guint i = 0; i < self->list_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->list_rows, i);

      adw_preferences_group_remove (g_object_get_data (G_OBJECT (row), "rdm-group"), row);
    }
  g_ptr_array_set_size (self->list_rows, 0);

  for (guint i = 0; i < self->objectives->len; i++)
    {
      const RdmObjective *objective = g_ptr_array_index (self->objectives, i);
      const char *function = rdm_business_function_label (objective->business_function);
      g_autofree char *subtitle
          = objective->description[0] != '\0'
                ? g_strdup_printf ("%s · %s", function, objective->description)
                : g_strdup (function);

      add_item_row (self, self->objectives_group, objective->name, subtitle, objective->name,
                    "business.edit-objective", "business.remove-objective",
                    g_variant_new_string (objective->name));
    }
  if (self->objectives->len == 0)
    add_empty_row (self, self->objectives_group, _ ("No objectives yet"));

  for (guint i = 0; i < self->initiatives->len; i++)
    {
      const RdmInitiative *initiative = g_ptr_array_index (self->initiatives, i);
      g_autofree char *campaigns = campaigns_text (initiative);
      /* Translators: an initiative's subtitle: its objective, then its campaigns */
      g_autofree char *subtitle
          = g_strdup_printf (_ ("For “%s” · %s"), initiative->objective, campaigns);

      add_item_row (self, self->initiatives_group, initiative->name, subtitle, initiative->name,
                    "business.edit-initiative", "business.remove-initiative",
                    g_variant_new ("(ss)", initiative->objective, initiative->name));
    }
  if (self->initiatives->len == 0)
    add_empty_row (self, self->initiatives_group, _ ("No initiatives yet"));

  for (guint i = 0; i < self->savings->len; i++)
    {
      const RdmSaving *saving = g_ptr_array_index (self->savings, i);
      g_autofree char *amount = rdm_result_format_number (saving->amount, 2);
      g_autofree char *day = format_day (saving->day);
      g_autofree char *title
          = saving->campaign != NULL
                ? g_strdup_printf ("%s / %s — %s", saving->channel, saving->campaign, amount)
                : g_strdup_printf ("%s — %s", saving->channel, amount);
      g_autofree char *subtitle = saving->description[0] != '\0'
                                      ? g_strdup_printf ("%s · %s", day, saving->description)
                                      : g_strdup (day);

      add_item_row (self, self->savings_group, title, subtitle, title, "business.edit-saving",
                    "business.remove-saving", g_variant_new_int64 (saving->id));
    }
  if (self->savings->len == 0)
    add_empty_row (self, self->savings_group, _ ("No savings declared"));
}

static void
fill_initiative_campaigns (RdmBusinessEditor *self, const char *const *checked)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->initiative_campaign_list))))
    gtk_list_box_remove (self->initiative_campaign_list, child);

  for (guint c = 0; self->channels != NULL && self->channels[c] != NULL; c++)
    {
      g_auto (GStrv) campaigns
          = rdm_project_list_campaign_names (self->project, self->channels[c], NULL);

      for (guint i = 0; campaigns != NULL && campaigns[i] != NULL; i++)
        {
          g_autofree char *label = g_strdup_printf ("%s / %s", self->channels[c], campaigns[i]);
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *check = gtk_check_button_new ();

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                       checked != NULL && g_strv_contains (checked, label));
          gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          label, -1);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          g_object_set_data (G_OBJECT (row), "rdm-check", check);
          g_object_set_data_full (G_OBJECT (row), "rdm-campaign", g_steal_pointer (&label), g_free);
          gtk_list_box_append (self->initiative_campaign_list, row);
        }
    }
  if (gtk_widget_get_first_child (GTK_WIDGET (self->initiative_campaign_list)) == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _ ("The project has no campaigns yet"));
      gtk_list_box_append (self->initiative_campaign_list, row);
    }
}

/* The campaigns of the channel chosen in the saving form, after "Whole
 * channel". */
static void
fill_saving_campaigns (RdmBusinessEditor *self)
{
  guint channel = adw_combo_row_get_selected (self->saving_channel_row);
  g_auto (GStrv) campaigns = NULL;
  g_autoptr (GStrvBuilder) labels = g_strv_builder_new ();
  g_auto (GStrv) strings = NULL;

  if (self->channels != NULL && channel < g_strv_length (self->channels))
    campaigns = rdm_project_list_campaign_names (self->project, self->channels[channel], NULL);
  g_strv_builder_add (labels, _ ("Whole channel"));
  if (campaigns != NULL)
    g_strv_builder_addv (labels, (const char **)campaigns);
  strings = g_strv_builder_end (labels);
  replace_strings (self->saving_campaigns, (const char *const *)strings);
  adw_combo_row_set_selected (self->saving_campaign_row, 0);
}

/* Rereads everything the editor lists from the project. */
static gboolean
refresh (RdmBusinessEditor *self, GError **error)
{
  g_autoptr (GPtrArray) objectives = rdm_project_list_objectives (self->project, error);
  g_autoptr (GPtrArray) initiatives = NULL;
  g_autoptr (GPtrArray) savings = NULL;
  g_auto (GStrv) channels = NULL;
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  g_auto (GStrv) objective_names = NULL;

  if (objectives == NULL
      || (initiatives = rdm_project_list_initiatives (self->project, error)) == NULL
      || (savings = rdm_project_list_savings (self->project, error)) == NULL
      || (channels = rdm_project_list_channel_names (self->project, error)) == NULL)
    return FALSE;

  g_ptr_array_unref (self->objectives);
  self->objectives = g_steal_pointer (&objectives);
  g_ptr_array_unref (self->initiatives);
  self->initiatives = g_steal_pointer (&initiatives);
  g_ptr_array_unref (self->savings);
  self->savings = g_steal_pointer (&savings);
  g_strfreev (self->channels);
  self->channels = g_steal_pointer (&channels);

  for (guint i = 0; i < self->objectives->len; i++)
    g_strv_builder_add (names, ((RdmObjective *)g_ptr_array_index (self->objectives, i))->name);
  objective_names = g_strv_builder_end (names);
  replace_strings (self->initiative_objectives, (const char *const *)objective_names);
  replace_strings (self->saving_channels, (const char *const *)self->channels);
  fill_lists (self);
  return TRUE;
}

/* The forms */

static void
reset_objective_form (RdmBusinessEditor *self)
{
  g_clear_pointer (&self->editing_objective, g_free);
  set_row_text (self->objective_name_row, NULL);
  set_row_text (self->objective_description_row, NULL);
  adw_combo_row_set_selected (self->objective_function_row, 0);
  show_message (self->objective_message, NULL);
  adw_preferences_group_set_title (self->objective_form, _ ("New Objective"));
  gtk_button_set_label (GTK_BUTTON (self->objective_save_button), _ ("_Add"));
  gtk_widget_set_visible (self->objective_cancel_button, FALSE);
}

static void
reset_initiative_form (RdmBusinessEditor *self)
{
  g_clear_pointer (&self->editing_initiative_objective, g_free);
  g_clear_pointer (&self->editing_initiative, g_free);
  set_row_text (self->initiative_name_row, NULL);
  set_row_text (self->initiative_description_row, NULL);
  adw_combo_row_set_selected (self->initiative_objective_row, 0);
  fill_initiative_campaigns (self, NULL);
  show_message (self->initiative_message, NULL);
  adw_preferences_group_set_title (self->initiative_form, _ ("New Initiative"));
  gtk_button_set_label (GTK_BUTTON (self->initiative_save_button), _ ("_Add"));
  gtk_widget_set_visible (self->initiative_cancel_button, FALSE);
}

static void
reset_saving_form (RdmBusinessEditor *self)
{
  self->editing_saving = 0;
  adw_combo_row_set_selected (self->saving_channel_row, 0);
  fill_saving_campaigns (self);
  set_row_text (self->saving_day_row, NULL);
  set_row_text (self->saving_amount_row, NULL);
  set_row_text (self->saving_description_row, NULL);
  show_message (self->saving_message, NULL);
  adw_preferences_group_set_title (self->saving_form, _ ("New Saving"));
  gtk_button_set_label (GTK_BUTTON (self->saving_save_button), _ ("_Add"));
  gtk_widget_set_visible (self->saving_cancel_button, FALSE);
}

/* After a change: the lists, an empty form, and the sections told. */
static void
changed (RdmBusinessEditor *self, const char *message)
{
  g_autoptr (GError) error = NULL;

  if (!refresh (self, &error))
    toast (self, error->message);
  reset_objective_form (self);
  reset_initiative_form (self);
  reset_saving_form (self);
  toast (self, message);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
set_editing (AdwPreferencesGroup *form,
             GtkWidget *save_button,
             GtkWidget *cancel_button,
             const char *title)
{
  adw_preferences_group_set_title (form, title);
  gtk_button_set_label (GTK_BUTTON (save_button), _ ("_Save"));
  gtk_widget_set_visible (cancel_button, TRUE);
}

/* Fails with @message shown under the form. */
static gboolean
refuse (GtkLabel *label, GError *error, GError **out_error)
{
  show_message (label, error->message);
  g_propagate_error (out_error, error);
  return FALSE;
}

gboolean
rdm_business_editor_save_objective (RdmBusinessEditor *self, GError **error)
{
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *message = NULL;
  const char *const *functions = rdm_business_functions ();
  guint selected;
  GError *local_error = NULL;
  gboolean saved;

  g_return_val_if_fail (RDM_IS_BUSINESS_EDITOR (self), FALSE);

  name = row_text (self->objective_name_row);
  description = row_text (self->objective_description_row);
  selected = adw_combo_row_get_selected (self->objective_function_row);
  if (selected >= g_strv_length ((char **)functions))
    selected = 0;
  if (self->editing_objective != NULL)
    saved = rdm_project_update_objective (self->project, self->editing_objective, name,
                                          functions[selected], description, &local_error);
  else
    saved = rdm_project_add_objective (self->project, name, functions[selected], description,
                                       &local_error);
  if (!saved)
    return refuse (self->objective_message, local_error, error);
  /* Translators: %s is an objective's name */
  message = g_strdup_printf (self->editing_objective != NULL ? _ ("Objective “%s” saved")
                                                             : _ ("Objective “%s” added"),
                             name);
  changed (self, message);
  return TRUE;
}

gboolean
rdm_business_editor_save_initiative (RdmBusinessEditor *self, GError **error)
{
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *message = NULL;
  g_autoptr (GPtrArray) campaigns = g_ptr_array_new ();
  const RdmObjective *objective;
  guint selected;
  GError *local_error = NULL;
  gboolean saved;

  g_return_val_if_fail (RDM_IS_BUSINESS_EDITOR (self), FALSE);

  selected = adw_combo_row_get_selected (self->initiative_objective_row);
  if (selected >= self->objectives->len)
    {
      local_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                         _ ("Add an objective first: an initiative serves one"));
      return refuse (self->initiative_message, local_error, error);
    }
  objective = g_ptr_array_index (self->objectives, selected);
  name = row_text (self->initiative_name_row);
  description = row_text (self->initiative_description_row);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->initiative_campaign_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "rdm-check");

      if (check != NULL && gtk_check_button_get_active (check))
        g_ptr_array_add (campaigns, g_object_get_data (G_OBJECT (row), "rdm-campaign"));
    }
  g_ptr_array_add (campaigns, NULL);

  if (self->editing_initiative != NULL)
    saved = rdm_project_update_initiative (
        self->project, self->editing_initiative_objective, self->editing_initiative,
        objective->name, name, description, (const char *const *)campaigns->pdata, &local_error);
  else
    saved = rdm_project_add_initiative (self->project, objective->name, name, description,
                                        (const char *const *)campaigns->pdata, &local_error);
  if (!saved)
    return refuse (self->initiative_message, local_error, error);
  /* Translators: %s is an initiative's name */
  message = g_strdup_printf (self->editing_initiative != NULL ? _ ("Initiative “%s” saved")
                                                              : _ ("Initiative “%s” added"),
                             name);
  changed (self, message);
  return TRUE;
}

gboolean
rdm_business_editor_save_saving (RdmBusinessEditor *self, GError **error)
{
  g_autofree char *day_text = NULL;
  g_autofree char *amount_text = NULL;
  g_autofree char *description = NULL;
  const char *channel;
  const char *campaign = NULL;
  guint selected;
  gint64 day;
  double amount;
  GError *local_error = NULL;
  gboolean saved;

  g_return_val_if_fail (RDM_IS_BUSINESS_EDITOR (self), FALSE);

  selected = adw_combo_row_get_selected (self->saving_channel_row);
  if (self->channels == NULL || selected >= g_strv_length (self->channels))
    {
      local_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                         _ ("The project has no channels yet: import data first"));
      return refuse (self->saving_message, local_error, error);
    }
  channel = self->channels[selected];
  selected = adw_combo_row_get_selected (self->saving_campaign_row);
  if (selected > 0 && selected != GTK_INVALID_LIST_POSITION)
    campaign = gtk_string_list_get_string (self->saving_campaigns, selected);

  day_text = row_text (self->saving_day_row);
  if (!rdm_csv_parse_time (day_text, &day))
    {
      local_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                         _ ("The day must be a date such as 2026-04-30"));
      return refuse (self->saving_message, local_error, error);
    }
  amount_text = row_text (self->saving_amount_row);
  if (!rdm_csv_parse_double (amount_text, TRUE, &amount))
    {
      local_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                         _ ("The amount must be a number such as 1250.50"));
      return refuse (self->saving_message, local_error, error);
    }
  description = row_text (self->saving_description_row);

  if (self->editing_saving > 0)
    saved = rdm_project_update_saving (self->project, self->editing_saving, channel, campaign, day,
                                       amount, description, &local_error);
  else
    saved = rdm_project_add_saving (self->project, channel, campaign, day, amount, description,
                                    &local_error);
  if (!saved)
    return refuse (self->saving_message, local_error, error);
  changed (self, self->editing_saving > 0 ? _ ("Saving changed") : _ ("Saving added"));
  return TRUE;
}

gboolean
rdm_business_editor_edit_objective (RdmBusinessEditor *self, const char *name)
{
  const char *const *functions = rdm_business_functions ();

  g_return_val_if_fail (RDM_IS_BUSINESS_EDITOR (self), FALSE);

  for (guint i = 0; i < self->objectives->len; i++)
    {
      const RdmObjective *objective = g_ptr_array_index (self->objectives, i);

      if (!g_str_equal (objective->name, name))
        continue;
      reset_objective_form (self);
      self->editing_objective = g_strdup (name);
      set_row_text (self->objective_name_row, objective->name);
      set_row_text (self->objective_description_row, objective->description);
      for (guint f = 0; functions[f] != NULL; f++)
        if (g_str_equal (functions[f], objective->business_function))
          adw_combo_row_set_selected (self->objective_function_row, f);
      set_editing (self->objective_form, self->objective_save_button, self->objective_cancel_button,
                   _ ("Edit Objective"));
      adw_view_stack_set_visible_child_name (self->view_stack, "objectives");
      gtk_widget_grab_focus (GTK_WIDGET (self->objective_name_row));
      return TRUE;
    }
  return FALSE;
}

gboolean
rdm_business_editor_edit_initiative (RdmBusinessEditor *self,
                                     const char *objective,
                                     const char *name)
{
  g_return_val_if_fail (RDM_IS_BUSINESS_EDITOR (self), FALSE);

  for (guint i = 0; i < self->initiatives->len; i++)
    {
      const RdmInitiative *initiative = g_ptr_array_index (self->initiatives, i);

      if (!g_str_equal (initiative->objective, objective) || !g_str_equal (initiative->name, name))
        continue;
      reset_initiative_form (self);
      self->editing_initiative_objective = g_strdup (objective);
      self->editing_initiative = g_strdup (name);
      for (guint o = 0; o < self->objectives->len; o++)
        if (g_str_equal (((RdmObjective *)g_ptr_array_index (self->objectives, o))->name,
                         objective))
          adw_combo_row_set_selected (self->initiative_objective_row, o);
      set_row_text (self->initiative_name_row, initiative->name);
      set_row_text (self->initiative_description_row, initiative->description);
      fill_initiative_campaigns (self, (const char *const *)initiative->campaigns);
      set_editing (self->initiative_form, self->initiative_save_button,
                   self->initiative_cancel_button, _ ("Edit Initiative"));
      adw_view_stack_set_visible_child_name (self->view_stack, "initiatives");
      gtk_widget_grab_focus (GTK_WIDGET (self->initiative_name_row));
      return TRUE;
    }
  return FALSE;
}

gboolean
rdm_business_editor_edit_saving (RdmBusinessEditor *self, gint64 id)
{
  g_return_val_if_fail (RDM_IS_BUSINESS_EDITOR (self), FALSE);

  for (guint i = 0; i < self->savings->len; i++)
    {
      const RdmSaving *saving = g_ptr_array_index (self->savings, i);
      g_autofree char *day = NULL;
      char amount[G_ASCII_DTOSTR_BUF_SIZE];

      if (saving->id != id)
        continue;
      reset_saving_form (self);
      self->editing_saving = id;
      for (guint c = 0; self->channels != NULL && self->channels[c] != NULL; c++)
        if (g_str_equal (self->channels[c], saving->channel))
          adw_combo_row_set_selected (self->saving_channel_row, c);
      /* the channel's campaigns follow its selection */
      for (guint c = 1; saving->campaign != NULL
                        && c < g_list_model_get_n_items (G_LIST_MODEL (self->saving_campaigns));
           c++)
        if (g_str_equal (gtk_string_list_get_string (self->saving_campaigns, c), saving->campaign))
          adw_combo_row_set_selected (self->saving_campaign_row, c);
      day = format_day (saving->day);
      set_row_text (self->saving_day_row, day);
      /* 15 digits: what was typed, without binary noise ("0.1", not
       * "0.10000000000000001") */
      set_row_text (self->saving_amount_row,
                    g_ascii_formatd (amount, sizeof amount, "%.15g", saving->amount));
      set_row_text (self->saving_description_row, saving->description);
      set_editing (self->saving_form, self->saving_save_button, self->saving_cancel_button,
                   _ ("Edit Saving"));
      adw_view_stack_set_visible_child_name (self->view_stack, "savings");
      return TRUE;
    }
  return FALSE;
}

gboolean
rdm_business_editor_remove_objective (RdmBusinessEditor *self, const char *name, GError **error)
{
  g_autofree char *message = NULL;

  g_return_val_if_fail (RDM_IS_BUSINESS_EDITOR (self), FALSE);

  if (!rdm_project_remove_objective (self->project, name, error))
    return FALSE;
  /* Translators: %s is an objective's name */
  message = g_strdup_printf (_ ("Objective “%s” removed"), name);
  changed (self, message);
  return TRUE;
}

gboolean
rdm_business_editor_remove_initiative (RdmBusinessEditor *self,
                                       const char *objective,
                                       const char *name,
                                       GError **error)
{
  g_autofree char *message = NULL;

  g_return_val_if_fail (RDM_IS_BUSINESS_EDITOR (self), FALSE);

  if (!rdm_project_remove_initiative (self->project, objective, name, error))
    return FALSE;
  /* Translators: %s is an initiative's name */
  message = g_strdup_printf (_ ("Initiative “%s” removed"), name);
  changed (self, message);
  return TRUE;
}

gboolean
rdm_business_editor_remove_saving (RdmBusinessEditor *self, gint64 id, GError **error)
{
  g_return_val_if_fail (RDM_IS_BUSINESS_EDITOR (self), FALSE);

  if (!rdm_project_remove_saving (self->project, id, error))
    return FALSE;
  changed (self, _ ("Saving removed"));
  return TRUE;
}

void
rdm_business_editor_show_page (RdmBusinessEditor *self, const char *name)
{
  g_return_if_fail (RDM_IS_BUSINESS_EDITOR (self));
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/* Actions */

static void
save_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmBusinessEditor *self = RDM_BUSINESS_EDITOR (widget);

  /* a refusal shows under its form */
  if (g_str_equal (action_name, "business.save-objective"))
    rdm_business_editor_save_objective (self, NULL);
  else if (g_str_equal (action_name, "business.save-initiative"))
    rdm_business_editor_save_initiative (self, NULL);
  else
    rdm_business_editor_save_saving (self, NULL);
}

static void
cancel_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmBusinessEditor *self = RDM_BUSINESS_EDITOR (widget);

  if (g_str_equal (action_name, "business.cancel-objective"))
    reset_objective_form (self);
  else if (g_str_equal (action_name, "business.cancel-initiative"))
    reset_initiative_form (self);
  else
    reset_saving_form (self);
}

static void
edit_objective_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  rdm_business_editor_edit_objective (RDM_BUSINESS_EDITOR (widget),
                                      g_variant_get_string (parameter, NULL));
}

static void
edit_initiative_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  const char *objective, *name;

  g_variant_get (parameter, "(&s&s)", &objective, &name);
  rdm_business_editor_edit_initiative (RDM_BUSINESS_EDITOR (widget), objective, name);
}

static void
edit_saving_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  rdm_business_editor_edit_saving (RDM_BUSINESS_EDITOR (widget), g_variant_get_int64 (parameter));
}

static void
remove_failed (RdmBusinessEditor *self, const GError *error)
{
  toast (self, error->message);
}

static void
confirm_remove_objective_cb (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  RdmBusinessEditor *self = RDM_BUSINESS_EDITOR (user_data);
  const char *name = g_object_get_data (G_OBJECT (dialog), "rdm-objective");
  g_autoptr (GError) error = NULL;

  if (g_str_equal (response, "remove")
      && !rdm_business_editor_remove_objective (self, name, &error))
    remove_failed (self, error);
}

static void
remove_objective_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmBusinessEditor *self = RDM_BUSINESS_EDITOR (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  /* Translators: %s is an objective's name */
  heading = g_strdup_printf (_ ("Remove “%s”?"), name);
  dialog = adw_message_dialog_new (
      GTK_WINDOW (self), heading,
      _ ("Its initiatives and KPIs, with their manual values, are removed too."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "remove",
                                    _ ("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "rdm-objective", g_strdup (name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_remove_objective_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_initiative_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmBusinessEditor *self = RDM_BUSINESS_EDITOR (widget);
  g_autoptr (GError) error = NULL;
  const char *objective, *name;

  g_variant_get (parameter, "(&s&s)", &objective, &name);
  if (!rdm_business_editor_remove_initiative (self, objective, name, &error))
    remove_failed (self, error);
}

static void
remove_saving_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmBusinessEditor *self = RDM_BUSINESS_EDITOR (widget);
  g_autoptr (GError) error = NULL;

  if (!rdm_business_editor_remove_saving (self, g_variant_get_int64 (parameter), &error))
    remove_failed (self, error);
}

/* GObject */

RdmBusinessEditor *
rdm_business_editor_new (RdmProject *project)
{
  RdmBusinessEditor *self;
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (RDM_IS_PROJECT (project), NULL);

  self = g_object_new (RDM_TYPE_BUSINESS_EDITOR, NULL);
  self->project = g_object_ref (project);
  if (!refresh (self, &error))
    toast (self, error->message);
  reset_objective_form (self);
  reset_initiative_form (self);
  reset_saving_form (self);
  return self;
}

static void
rdm_business_editor_dispose (GObject *object)
{
  RdmBusinessEditor *self = RDM_BUSINESS_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RDM_TYPE_BUSINESS_EDITOR);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (rdm_business_editor_parent_class)->dispose (object);
}

static void
rdm_business_editor_finalize (GObject *object)
{
  RdmBusinessEditor *self = RDM_BUSINESS_EDITOR (object);

  g_clear_pointer (&self->objectives, g_ptr_array_unref);
  g_clear_pointer (&self->initiatives, g_ptr_array_unref);
  g_clear_pointer (&self->savings, g_ptr_array_unref);
  g_clear_pointer (&self->list_rows, g_ptr_array_unref);
  g_clear_pointer (&self->channels, g_strfreev);
  g_free (self->editing_objective);
  g_free (self->editing_initiative_objective);
  g_free (self->editing_initiative);

  G_OBJECT_CLASS (rdm_business_editor_parent_class)->finalize (object);
}

static void
rdm_business_editor_class_init (RdmBusinessEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rdm_business_editor_dispose;
  object_class->finalize = rdm_business_editor_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);

  rdm_widgets_ensure_resources ();
  gtk_widget_class_set_template_from_resource (
      widget_class, "/fr/rendement/Rendement/widgets/rdm-business-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, RdmBusinessEditor, name)
  BIND (toast_overlay);
  BIND (view_stack);
  BIND (objectives_group);
  BIND (objective_form);
  BIND (objective_name_row);
  BIND (objective_function_row);
  BIND (objective_functions);
  BIND (objective_description_row);
  BIND (objective_message);
  BIND (objective_cancel_button);
  BIND (objective_save_button);
  BIND (initiatives_group);
  BIND (initiative_form);
  BIND (initiative_objective_row);
  BIND (initiative_objectives);
  BIND (initiative_name_row);
  BIND (initiative_description_row);
  BIND (initiative_campaign_list);
  BIND (initiative_message);
  BIND (initiative_cancel_button);
  BIND (initiative_save_button);
  BIND (savings_group);
  BIND (saving_form);
  BIND (saving_channel_row);
  BIND (saving_channels);
  BIND (saving_campaign_row);
  BIND (saving_campaigns);
  BIND (saving_day_row);
  BIND (saving_amount_row);
  BIND (saving_description_row);
  BIND (saving_message);
  BIND (saving_cancel_button);
  BIND (saving_save_button);
#undef BIND

  gtk_widget_class_install_action (widget_class, "business.save-objective", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "business.save-initiative", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "business.save-saving", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "business.cancel-objective", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "business.cancel-initiative", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "business.cancel-saving", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "business.edit-objective", "s",
                                   edit_objective_action);
  gtk_widget_class_install_action (widget_class, "business.remove-objective", "s",
                                   remove_objective_action);
  gtk_widget_class_install_action (widget_class, "business.edit-initiative", "(ss)",
                                   edit_initiative_action);
  gtk_widget_class_install_action (widget_class, "business.remove-initiative", "(ss)",
                                   remove_initiative_action);
  gtk_widget_class_install_action (widget_class, "business.edit-saving", "x", edit_saving_action);
  gtk_widget_class_install_action (widget_class, "business.remove-saving", "x",
                                   remove_saving_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rdm_business_editor_init (RdmBusinessEditor *self)
{
  const char *const *functions = rdm_business_functions ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->objectives = g_ptr_array_new ();
  self->initiatives = g_ptr_array_new ();
  self->savings = g_ptr_array_new ();
  self->list_rows = g_ptr_array_new ();
  for (guint i = 0; functions[i] != NULL; i++)
    gtk_string_list_append (self->objective_functions, rdm_business_function_label (functions[i]));
  g_signal_connect_object (self->saving_channel_row, "notify::selected",
                           G_CALLBACK (fill_saving_campaigns), self, G_CONNECT_SWAPPED);
}
