/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "rdm-error-dialog.h"
#include "rdm-formula.h"
#include "rdm-kpi-editor.h"
#include "rdm-result-table.h"

struct _RdmKpiEditor
{
  AdwWindow parent_instance;

  /* Template widgets */
  GtkWidget *save_button;
  AdwToastOverlay *toast_overlay;
  AdwViewStack *view_stack;
  AdwComboRow *kpi_objective_row;
  GtkStringList *kpi_objectives;
  AdwEntryRow *kpi_name_row;
  GtkListBox *insert_list;
  GtkPopover *insert_popover;
  GtkEntry *formula_entry;
  GtkLabel *formula_message;
  GtkSwitch *target_switch;
  GtkSpinButton *target_spin;
  AdwComboRow *direction_row;
  AdwEntryRow *unit_row;
  AdwComboRow *period_row;
  AdwPreferencesGroup *remove_group;
  AdwEntryRow *objective_name_row;
  AdwComboRow *function_row;
  GtkStringList *functions;
  AdwEntryRow *objective_description_row;
  AdwComboRow *initiative_objective_row;
  GtkStringList *initiative_objectives;
  AdwEntryRow *initiative_name_row;
  AdwEntryRow *initiative_description_row;
  GtkListBox *campaign_list;

  /* Owned references */
  RdmProject *project;
  gint64 editing_id; /* the KPI being edited, 0 when adding */
  char *editing_objective;
  char *editing_name;
  guint error_column;
};

G_DEFINE_FINAL_TYPE (RdmKpiEditor, rdm_kpi_editor, ADW_TYPE_WINDOW)

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Formula checking */

static void
check_formula (RdmKpiEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->formula_entry));
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmFormula) formula = NULL;
  g_autoptr (PangoAttrList) attributes = NULL;
  guint column = 0;

  gtk_widget_remove_css_class (GTK_WIDGET (self->formula_message), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->formula_message), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->formula_message), "dim-label");
  gtk_widget_remove_css_class (GTK_WIDGET (self->formula_entry), "error");
  if (text[0] == '\0')
    {
      self->error_column = 0;
      gtk_entry_set_attributes (self->formula_entry, NULL);
      gtk_label_set_text (self->formula_message,
                          _ ("Type a formula, or insert a metric or a function from the menu."));
      gtk_widget_add_css_class (GTK_WIDGET (self->formula_message), "dim-label");
      return;
    }
  formula = rdm_formula_parse (text, &column, &error);
  self->error_column = column;
  if (formula != NULL)
    {
      gtk_entry_set_attributes (self->formula_entry, NULL);
      gtk_label_set_text (self->formula_message, _ ("The formula is valid."));
      gtk_widget_add_css_class (GTK_WIDGET (self->formula_message), "success");
      return;
    }

  /* underline from the error column to the end: the column is in
   * characters, Pango's indices in bytes */
  {
    glong length = g_utf8_strlen (text, -1);
    glong start = MIN ((glong)column - 1, MAX (length - 1, 0));
    const char *at = g_utf8_offset_to_pointer (text, MAX (start, 0));
    PangoAttribute *underline = pango_attr_underline_new (PANGO_UNDERLINE_ERROR);

    underline->start_index = (guint)(at - text);
    underline->end_index = G_MAXUINT;
    attributes = pango_attr_list_new ();
    pango_attr_list_insert (attributes, underline);
    gtk_entry_set_attributes (self->formula_entry, attributes);
  }
  gtk_label_set_text (self->formula_message, error->message);
  gtk_widget_add_css_class (GTK_WIDGET (self->formula_message), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->formula_entry), "error");
}

static void
insert_row_activated (RdmKpiEditor *self, GtkListBoxRow *row)
{
  const char *text = g_object_get_data (G_OBJECT (row), "rdm-insert");
  GtkEditable *editable = GTK_EDITABLE (self->formula_entry);
  int position = gtk_editable_get_position (editable);

  gtk_editable_insert_text (editable, text, -1, &position);
  /* a function's cursor goes between its parentheses */
  if (g_str_has_suffix (text, "()"))
    position--;
  gtk_popover_popdown (self->insert_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->formula_entry));
  gtk_editable_set_position (editable, position);
}

static void
add_insert_rows (RdmKpiEditor *self, const char *const *names, gboolean functions)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *text = functions
                                  ? g_strconcat (names[i], "()", NULL)
                                  : (g_str_equal (names[i], "series") ? g_strdup ("series[\"\"]")
                                                                      : g_strdup (names[i]));
      GtkWidget *label = gtk_label_new (text);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "monospace");
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data_full (G_OBJECT (row), "rdm-insert", g_steal_pointer (&text), g_free);
      gtk_list_box_append (self->insert_list, row);
    }
}

/* Project lists */

static gboolean
fill_objectives (RdmKpiEditor *self, GError **error)
{
  g_autoptr (GPtrArray) objectives = rdm_project_list_objectives (self->project, error);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();

  if (objectives == NULL)
    return FALSE;
  for (guint i = 0; i < objectives->len; i++)
    g_ptr_array_add (names, ((RdmObjective *)g_ptr_array_index (objectives, i))->name);
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->kpi_objectives, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->kpi_objectives)),
                          (const char *const *)names->pdata);
  gtk_string_list_splice (self->initiative_objectives, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->initiative_objectives)),
                          (const char *const *)names->pdata);
  return TRUE;
}

static gboolean
fill_campaigns (RdmKpiEditor *self, GError **error)
{
  g_auto (GStrv) labels = rdm_project_list_campaign_labels (self->project, error);

  if (labels == NULL)
    return FALSE;
  for (guint i = 0; labels[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), labels[i]);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data_full (G_OBJECT (row), "rdm-campaign", g_strdup (labels[i]), g_free);
      g_object_set_data (G_OBJECT (row), "rdm-check", check);
      gtk_list_box_append (self->campaign_list, row);
    }
  if (labels[0] == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _ ("The project has no campaigns yet"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->campaign_list, row);
    }
  return TRUE;
}

/* Saving */

static const char *
selected_string (AdwComboRow *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static char *
entry_text (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

static gboolean
missing (const char *what, GError **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _ ("%s is required"), what);
  return FALSE;
}

static gboolean
save_kpi (RdmKpiEditor *self, GError **error)
{
  g_autofree char *name = entry_text (self->kpi_name_row);
  g_autofree char *formula_text = entry_text (self->formula_entry);
  g_autofree char *unit = entry_text (self->unit_row);
  g_autoptr (RdmFormula) formula = NULL;
  const char *objective = selected_string (self->kpi_objective_row);
  RdmKpi kpi = { 0 };
  guint column = 0;

  if (objective == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _ ("A KPI measures an objective: add an objective first"));
      return FALSE;
    }
  if (name[0] == '\0')
    return missing (_ ("A name"), error);
  formula = rdm_formula_parse (formula_text, &column, error);
  if (formula == NULL)
    {
      /* the cursor goes where the parser stopped */
      gtk_widget_grab_focus (GTK_WIDGET (self->formula_entry));
      gtk_editable_set_position (GTK_EDITABLE (self->formula_entry), (int)column - 1);
      return FALSE;
    }
  gtk_spin_button_update (self->target_spin);
  kpi.objective = (char *)objective;
  kpi.name = name;
  kpi.formula = formula_text;
  kpi.unit = unit;
  kpi.has_target = gtk_switch_get_active (self->target_switch);
  kpi.target = gtk_spin_button_get_value (self->target_spin);
  kpi.lower_is_better = adw_combo_row_get_selected (self->direction_row) == 1;
  kpi.period = (RdmPeriodKind)adw_combo_row_get_selected (self->period_row);
  /* updated in place, so that its manual values (kpi_value rows, deleted
   * with the KPI) survive the edit */
  if (self->editing_id != 0)
    return rdm_project_update_kpi (self->project, self->editing_id, &kpi, error);
  return rdm_project_add_kpi (self->project, &kpi, error);
}

static gboolean
save_objective (RdmKpiEditor *self, GError **error)
{
  g_autofree char *name = entry_text (self->objective_name_row);
  g_autofree char *description = entry_text (self->objective_description_row);
  guint function = adw_combo_row_get_selected (self->function_row);

  if (name[0] == '\0')
    return missing (_ ("A name"), error);
  return rdm_project_add_objective (self->project, name, rdm_business_functions ()[function],
                                    description, error);
}

static gboolean
save_initiative (RdmKpiEditor *self, GError **error)
{
  g_autofree char *name = entry_text (self->initiative_name_row);
  g_autofree char *description = entry_text (self->initiative_description_row);
  const char *objective = selected_string (self->initiative_objective_row);
  g_autoptr (GPtrArray) campaigns = g_ptr_array_new ();

  if (objective == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _ ("An initiative serves an objective: add an objective first"));
      return FALSE;
    }
  if (name[0] == '\0')
    return missing (_ ("A name"), error);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->campaign_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "rdm-check");

      if (check != NULL && gtk_check_button_get_active (check))
        g_ptr_array_add (campaigns, g_object_get_data (G_OBJECT (row), "rdm-campaign"));
    }
  g_ptr_array_add (campaigns, NULL);
  return rdm_project_add_initiative (self->project, objective, name, description,
                                     (const char *const *)campaigns->pdata, error);
}

gboolean
rdm_kpi_editor_save (RdmKpiEditor *self, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  gboolean saved;

  g_return_val_if_fail (RDM_IS_KPI_EDITOR (self), FALSE);

  switch (rdm_kpi_editor_get_mode (self))
    {
    case RDM_KPI_EDITOR_OBJECTIVE:
      saved = save_objective (self, &local_error);
      break;
    case RDM_KPI_EDITOR_INITIATIVE:
      saved = save_initiative (self, &local_error);
      break;
    case RDM_KPI_EDITOR_KPI:
    default:
      saved = save_kpi (self, &local_error);
      break;
    }
  if (!saved)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   rdm_toast_new_for_text (local_error->message));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
save_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  rdm_kpi_editor_save (RDM_KPI_EDITOR (widget), NULL);
}

gboolean
rdm_kpi_editor_remove (RdmKpiEditor *self, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (RDM_IS_KPI_EDITOR (self), FALSE);
  g_return_val_if_fail (self->editing_id != 0, FALSE);

  if (!rdm_project_remove_kpi (self->project, self->editing_objective, self->editing_name,
                               &local_error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   rdm_toast_new_for_text (local_error->message));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
remove_response (RdmKpiEditor *self, const char *response)
{
  if (g_strcmp0 (response, "remove") == 0)
    rdm_kpi_editor_remove (self, NULL);
}

static void
remove_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  RdmKpiEditor *self = RDM_KPI_EDITOR (widget);
  GtkWidget *dialog;

  if (self->editing_id == 0)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _ ("Remove the KPI?"), NULL);
  adw_message_dialog_format_body (
      ADW_MESSAGE_DIALOG (dialog),
      _ ("“%s” and its manual values will be removed from the project."), self->editing_name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "remove",
                                    _ ("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
mode_changed (RdmKpiEditor *self)
{
  gtk_button_set_label (
      GTK_BUTTON (self->save_button),
      self->editing_id != 0 && rdm_kpi_editor_get_mode (self) == RDM_KPI_EDITOR_KPI ? _ ("_Save")
                                                                                    : _ ("_Add"));
}

/* Public */

RdmKpiEditor *
rdm_kpi_editor_new (RdmProject *project)
{
  g_autoptr (GError) error = NULL;
  RdmKpiEditor *self;

  g_return_val_if_fail (RDM_IS_PROJECT (project), NULL);

  self = g_object_new (RDM_TYPE_KPI_EDITOR, NULL);
  self->project = g_object_ref (project);
  if (!fill_objectives (self, &error) || !fill_campaigns (self, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, rdm_toast_new_for_text (error->message));
  /* a project without objectives starts on the page that adds one */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->kpi_objectives)) == 0)
    rdm_kpi_editor_set_mode (self, RDM_KPI_EDITOR_OBJECTIVE);
  return self;
}

void
rdm_kpi_editor_set_mode (RdmKpiEditor *self, RdmKpiEditorMode mode)
{
  static const char *const names[] = { "kpi", "objective", "initiative" };

  g_return_if_fail (RDM_IS_KPI_EDITOR (self));
  g_return_if_fail (mode <= RDM_KPI_EDITOR_INITIATIVE);
  adw_view_stack_set_visible_child_name (self->view_stack, names[mode]);
}

RdmKpiEditorMode
rdm_kpi_editor_get_mode (RdmKpiEditor *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  if (g_strcmp0 (name, "objective") == 0)
    return RDM_KPI_EDITOR_OBJECTIVE;
  if (g_strcmp0 (name, "initiative") == 0)
    return RDM_KPI_EDITOR_INITIATIVE;
  return RDM_KPI_EDITOR_KPI;
}

void
rdm_kpi_editor_edit_kpi (RdmKpiEditor *self, const RdmKpi *kpi)
{
  guint n;

  g_return_if_fail (RDM_IS_KPI_EDITOR (self));
  g_return_if_fail (kpi != NULL);

  self->editing_id = kpi->id;
  g_free (self->editing_objective);
  self->editing_objective = g_strdup (kpi->objective);
  g_free (self->editing_name);
  self->editing_name = g_strdup (kpi->name);
  gtk_widget_set_visible (GTK_WIDGET (self->remove_group), TRUE);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->kpi_objectives));
  for (guint i = 0; i < n; i++)
    if (g_str_equal (gtk_string_list_get_string (self->kpi_objectives, i), kpi->objective))
      adw_combo_row_set_selected (self->kpi_objective_row, i);
  gtk_editable_set_text (GTK_EDITABLE (self->kpi_name_row), kpi->name);
  gtk_editable_set_text (GTK_EDITABLE (self->formula_entry), kpi->formula);
  gtk_editable_set_text (GTK_EDITABLE (self->unit_row), kpi->unit != NULL ? kpi->unit : "");
  gtk_switch_set_active (self->target_switch, kpi->has_target);
  gtk_spin_button_set_value (self->target_spin, kpi->has_target ? kpi->target : 0);
  adw_combo_row_set_selected (self->direction_row, kpi->lower_is_better ? 1 : 0);
  adw_combo_row_set_selected (self->period_row, (guint)kpi->period);
  gtk_window_set_title (GTK_WINDOW (self), _ ("Edit KPI"));
  rdm_kpi_editor_set_mode (self, RDM_KPI_EDITOR_KPI);
  mode_changed (self);
}

GtkEditable *
_rdm_kpi_editor_get_formula_entry (RdmKpiEditor *self)
{
  return GTK_EDITABLE (self->formula_entry);
}

const char *
_rdm_kpi_editor_get_formula_message (RdmKpiEditor *self)
{
  return gtk_label_get_text (self->formula_message);
}

guint
_rdm_kpi_editor_get_error_column (RdmKpiEditor *self)
{
  return self->error_column;
}

GtkEditable *
_rdm_kpi_editor_get_name_entry (RdmKpiEditor *self, RdmKpiEditorMode mode)
{
  switch (mode)
    {
    case RDM_KPI_EDITOR_OBJECTIVE:
      return GTK_EDITABLE (self->objective_name_row);
    case RDM_KPI_EDITOR_INITIATIVE:
      return GTK_EDITABLE (self->initiative_name_row);
    case RDM_KPI_EDITOR_KPI:
    default:
      return GTK_EDITABLE (self->kpi_name_row);
    }
}

gboolean
_rdm_kpi_editor_insert (RdmKpiEditor *self, const char *text)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->insert_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "rdm-insert"), text) == 0)
      {
        g_signal_emit_by_name (self->insert_list, "row-activated", row);
        return TRUE;
      }
  return FALSE;
}

gboolean
_rdm_kpi_editor_check_campaign (RdmKpiEditor *self, guint index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->campaign_list, (int)index);
  GtkCheckButton *check = row != NULL ? g_object_get_data (G_OBJECT (row), "rdm-check") : NULL;

  if (check == NULL)
    return FALSE;
  gtk_check_button_set_active (check, TRUE);
  return TRUE;
}

/* GObject */

static void
rdm_kpi_editor_dispose (GObject *object)
{
  RdmKpiEditor *self = RDM_KPI_EDITOR (object);

  g_clear_object (&self->project);
  G_OBJECT_CLASS (rdm_kpi_editor_parent_class)->dispose (object);
}

static void
rdm_kpi_editor_finalize (GObject *object)
{
  RdmKpiEditor *self = RDM_KPI_EDITOR (object);

  g_free (self->editing_objective);
  g_free (self->editing_name);
  G_OBJECT_CLASS (rdm_kpi_editor_parent_class)->finalize (object);
}

static void
rdm_kpi_editor_class_init (RdmKpiEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rdm_kpi_editor_dispose;
  object_class->finalize = rdm_kpi_editor_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 0);

  rdm_widgets_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/rendement/Rendement/widgets/rdm-kpi-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RdmKpiEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, RdmKpiEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdmKpiEditor, view_stack);
  gtk_widget_class_bind_template_child (widget_class, RdmKpiEditor, kpi_objective_row);
  gtk_widget_class_bind_template_child (widget_class, RdmKpiEditor, kpi_objectives);
  gtk_widget_class_bind_template_child (widget_class, RdmKpiEditor, kpi_name_row);
  gtk_widget_class_bind_template_child (widget_class, RdmKpiEditor, insert_list);
  gtk_widget_class_bind_template_child (widget_class, RdmKpiEditor, insert_popover);
  gtk_widget_class_bind_template_child (widget_class, RdmKpiEditor, formula_entry);
  gtk_widget_class_bind_template_child (widget_class, RdmKpiEditor, formula_message);
  gtk_widget_class_bind_template_child (widget_class, RdmKpiEditor, target_switch);
  gtk_widget_class_bind_template_child (widget_class, RdmKpiEditor, target_spin);
  gtk_widget_class_bind_template_child (widget_class, RdmKpiEditor, direction_row);
  gtk_widget_class_bind_template_child (widget_class, RdmKpiEditor, unit_row);
  gtk_widget_class_bind_template_child (widget_class, RdmKpiEditor, period_row);
  gtk_widget_class_bind_template_child (widget_class, RdmKpiEditor, remove_group);
  gtk_widget_class_bind_template_child (widget_class, RdmKpiEditor, objective_name_row);
  gtk_widget_class_bind_template_child (widget_class, RdmKpiEditor, function_row);
  gtk_widget_class_bind_template_child (widget_class, RdmKpiEditor, functions);
  gtk_widget_class_bind_template_child (widget_class, RdmKpiEditor, objective_description_row);
  gtk_widget_class_bind_template_child (widget_class, RdmKpiEditor, initiative_objective_row);
  gtk_widget_class_bind_template_child (widget_class, RdmKpiEditor, initiative_objectives);
  gtk_widget_class_bind_template_child (widget_class, RdmKpiEditor, initiative_name_row);
  gtk_widget_class_bind_template_child (widget_class, RdmKpiEditor, initiative_description_row);
  gtk_widget_class_bind_template_child (widget_class, RdmKpiEditor, campaign_list);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.remove", NULL, remove_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rdm_kpi_editor_init (RdmKpiEditor *self)
{
  const char *const *functions = rdm_business_functions ();

  gtk_widget_init_template (GTK_WIDGET (self));
  adw_combo_row_set_selected (self->period_row, RDM_PERIOD_QUARTER);
  for (guint i = 0; functions[i] != NULL; i++)
    gtk_string_list_append (self->functions, rdm_business_function_label (functions[i]));
  add_insert_rows (self, rdm_formula_metric_names (), FALSE);
  add_insert_rows (self, rdm_formula_function_names (), TRUE);
  g_signal_connect_swapped (self->insert_list, "row-activated", G_CALLBACK (insert_row_activated),
                            self);
  g_signal_connect_swapped (self->formula_entry, "changed", G_CALLBACK (check_formula), self);
  g_signal_connect_swapped (self->view_stack, "notify::visible-child-name",
                            G_CALLBACK (mode_changed), self);
  check_formula (self);
}
