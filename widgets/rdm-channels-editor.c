/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The channel rules and channel groups of a project, edited in a window.
 * Every change goes through data/rdm-channel-rules-data.c, which re-labels
 * the project's rows in the same transaction, so the editor only rereads
 * the project after each change and says what the re-labelling did.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rdm-channel-rules-data.h"
#include "rdm-channels-editor-private.h"
#include "rdm-error-dialog.h"
#include "rdm-result-table.h"
#include "rdm-row-button.h"

G_DEFINE_FINAL_TYPE (RdmChannelsEditor, rdm_channels_editor, ADW_TYPE_WINDOW)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The actions that write to the project, off for a read-only one. */
static const char *const writing_actions[]
    = { "channels.add-rule", "channels.move-rule", "channels.remove-rule", "channels.pick-group",
        "channels.set-group" };

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
show_message (GtkLabel *label, const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
show_channel_message (RdmChannelsEditor *self, const char *message)
{
  gtk_label_set_text (self->channel_message, message != NULL ? message : "");
  gtk_widget_set_visible (self->channel_message_group, message != NULL);
}

/* The last change is the one to read: its toast replaces the one shown
 * rather than waiting for it to time out. */
static void
toast (RdmChannelsEditor *self, const char *message)
{
  AdwToast *toast = rdm_toast_new_for_text (message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Rules as people read them */

static const char *
pattern_text (const char *pattern)
{
  /* Translators: an empty pattern of a channel rule, which matches anything */
  return pattern != NULL && *pattern != '\0' ? pattern : _ ("any");
}

static char *
rule_title (const RdmChannelRule *rule)
{
  /* Translators: a channel rule's channel, then its channel group */
  return g_strdup_printf (_ ("%s (%s)"), rule->channel,
                          rdm_channel_group_display_name (rule->group));
}

static char *
rule_subtitle (const RdmChannelRule *rule)
{
  /* Translators: what a channel rule matches; each %s is a pattern or "any", then "glob" or
   * "regular expression" */
  return g_strdup_printf (
      _ ("source matches %s, medium matches %s, campaign matches %s · %s"),
      pattern_text (rule->source), pattern_text (rule->medium), pattern_text (rule->campaign),
      rule->syntax == RDM_CHANNEL_RULE_REGEX ? _ ("regular expression") : _ ("glob"));
}

/* The lists */

static void
add_list_row (RdmChannelsEditor *self, AdwPreferencesGroup *group, GtkWidget *row)
{
  g_object_set_data (G_OBJECT (row), "rdm-group", group);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->list_rows, row);
}

static void
add_rule_row (RdmChannelsEditor *self, guint position, const RdmChannelRule *rule)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = rule_title (rule);
  g_autofree char *subtitle = rule_subtitle (rule);
  g_autofree char *number = g_strdup_printf ("%u", position);
  g_autofree char *up = NULL;
  g_autofree char *down = NULL;
  g_autofree char *remove = NULL;
  GtkWidget *label = gtk_label_new (number);
  GtkWidget *button;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* wide enough for "26" and beyond, so that the titles line up */
  gtk_label_set_width_chars (GTK_LABEL (label), 3);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), label);

  /* Translators: accessible names of a channel rule's buttons; %u is the rule's number, %s its
   * channel */
  up = g_strdup_printf (_ ("Move rule %u, %s, up"), position, rule->channel);
  down = g_strdup_printf (_ ("Move rule %u, %s, down"), position, rule->channel);
  remove = g_strdup_printf (_ ("Remove rule %u, %s"), position, rule->channel);
  /* the first rule's up button and the last's down button stay, greyed,
   * so that the buttons line up */
  button = rdm_row_button_new ("go-up-symbolic", _ ("Move Up"), up,
                               position > 1 ? "channels.move-rule" : NULL,
                               g_variant_new ("(uu)", position, position - 1));
  gtk_widget_set_sensitive (button, position > 1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  button = rdm_row_button_new ("go-down-symbolic", _ ("Move Down"), down,
                               position < self->rules->len ? "channels.move-rule" : NULL,
                               g_variant_new ("(uu)", position, position + 1));
  gtk_widget_set_sensitive (button, position < self->rules->len);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             rdm_row_button_new ("user-trash-symbolic", _ ("Remove"), remove,
                                                 "channels.remove-rule",
                                                 g_variant_new_uint32 (position)));
  add_list_row (self, self->rules_group, row);
}

/* The known groups, as a menu whose items run @action with each group's
 * code, after @channel when there is one. */
static GMenuModel *
group_menu (const char *action, const char *channel)
{
  const char *const *codes = rdm_channel_group_codes ();
  GMenu *menu = g_menu_new ();

  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_autoptr (GMenuItem) item
          = g_menu_item_new (rdm_channel_group_display_name (codes[i]), NULL);

      if (channel != NULL)
        g_menu_item_set_action_and_target_value (item, action,
                                                 g_variant_new ("(ss)", channel, codes[i]));
      else
        g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (codes[i]));
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

static GtkWidget *
group_menu_button (const char *action, const char *channel, const char *accessible_label)
{
  GtkWidget *button = gtk_menu_button_new ();
  g_autoptr (GMenuModel) menu = group_menu (action, channel);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "pan-down-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _ ("Known Groups"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  return button;
}

static void
on_group_applied (AdwEntryRow *row, RdmChannelsEditor *self)
{
  const char *channel = g_object_get_data (G_OBJECT (row), "rdm-channel");
  g_autofree char *group = row_text (row);

  /* a refusal shows above the list */
  rdm_channels_editor_set_channel_group (self, channel, group, NULL);
}

/* The position of the first rule naming @channel, from 1; 0 for none. */
static guint
rule_naming (RdmChannelsEditor *self, const char *channel)
{
  for (guint i = 0; i < self->rules->len; i++)
    if (g_str_equal (((RdmChannelRule *)self->rules->pdata[i])->channel, channel))
      return i + 1;
  return 0;
}

static void
add_channel_row (RdmChannelsEditor *self, const RdmChannelInfo *info)
{
  const char *group = rdm_channel_group_display_name (info->group);
  guint rule = rule_naming (self, info->name);
  GtkWidget *row;

  if (rule > 0 || self->read_only)
    {
      g_autofree char *subtitle = NULL;

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), info->name);
      if (rule > 0)
        {
          /* the refusal rdm_project_set_channel_group() would give */
          g_autofree char *why = g_strdup_printf (
              _ ("Channel rule %d names “%s” and gives it its group: change the rule’s group "
                 "instead"),
              (int)rule, info->name);

          /* Translators: a channel's group, then why it cannot be changed here */
          subtitle = g_strdup_printf (_ ("%s · %s"), group, why);
        }
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : group);
    }
  else
    {
      /* Translators: accessible name of a menu button; %s is a channel */
      g_autofree char *menu_label = g_strdup_printf (_ ("Known groups for “%s”"), info->name);
      /* Translators: the title of the entry holding a channel's group; %s is the channel */
      g_autofree char *title = g_strdup_printf (_ ("Group of “%s”"), info->name);

      row = adw_entry_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      set_row_text (ADW_ENTRY_ROW (row), group);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row),
                                group_menu_button ("channels.set-group", info->name, menu_label));
      g_signal_connect_object (row, "apply", G_CALLBACK (on_group_applied), self, 0);
    }
  g_object_set_data_full (G_OBJECT (row), "rdm-channel", g_strdup (info->name), g_free);
  add_list_row (self, self->channels_group, row);
}

static void
add_empty_row (RdmChannelsEditor *self, AdwPreferencesGroup *group, const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  add_list_row (self, group, row);
}

static void
fill_lists (RdmChannelsEditor *self)
{
  for (guint i = 0; i < self->list_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->list_rows, i);

      adw_preferences_group_remove (g_object_get_data (G_OBJECT (row), "rdm-group"), row);
    }
  g_ptr_array_set_size (self->list_rows, 0);

  for (guint i = 0; i < self->rules->len; i++)
    add_rule_row (self, i + 1, g_ptr_array_index (self->rules, i));
  if (self->rules->len == 0)
    add_empty_row (self, self->rules_group, _ ("No rules: every touch is Unassigned"));
  for (guint i = 0; i < self->channels->len; i++)
    add_channel_row (self, g_ptr_array_index (self->channels, i));
  if (self->channels->len == 0)
    add_empty_row (self, self->channels_group, _ ("The project has no channels yet"));
}

/* The Test page */

static void
update_test (RdmChannelsEditor *self)
{
  g_autofree char *source = row_text (self->test_source_row);
  g_autofree char *medium = row_text (self->test_medium_row);
  g_autofree char *campaign = row_text (self->test_campaign_row);
  g_autofree char *result = NULL;
  g_autofree char *rule_text = NULL;
  const char *channel, *group;
  int index;

  if (self->compiled == NULL)
    {
      gtk_label_set_text (self->test_result_label, "");
      gtk_label_set_text (self->test_rule_label, "");
      return;
    }
  index = rdm_channel_rules_match (self->compiled, source, medium, campaign);
  rdm_channel_rules_apply (self->compiled, source, medium, campaign, &channel, &group);
  if (index >= 0)
    {
      result = g_strdup_printf (_ ("%s (%s), by rule %d"), channel,
                                rdm_channel_group_display_name (group), index + 1);
      rule_text = rule_subtitle (rdm_channel_rules_get_rule (self->compiled, (guint)index));
    }
  else
    result = g_strdup_printf (_ ("%s (%s): no rule matches"), channel,
                              rdm_channel_group_display_name (group));
  gtk_label_set_text (self->test_result_label, result);
  gtk_label_set_text (self->test_rule_label, rule_text != NULL ? rule_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->test_rule_label), rule_text != NULL);
}

/* Rereads the rules and channels from the project. */
static gboolean
refresh (RdmChannelsEditor *self, GError **error)
{
  g_autoptr (GPtrArray) rules = rdm_project_list_channel_rules (self->project, error);
  g_autoptr (GPtrArray) channels = NULL;
  g_autoptr (RdmChannelRules) compiled = NULL;

  if (rules == NULL || (compiled = rdm_channel_rules_new (rules, error)) == NULL
      || (channels = rdm_project_list_channels (self->project, error)) == NULL)
    return FALSE;
  g_ptr_array_unref (self->rules);
  self->rules = g_steal_pointer (&rules);
  g_clear_pointer (&self->compiled, rdm_channel_rules_free);
  self->compiled = g_steal_pointer (&compiled);
  g_ptr_array_unref (self->channels);
  self->channels = g_steal_pointer (&channels);
  fill_lists (self);
  update_test (self);
  return TRUE;
}

static void
reset_rule_form (RdmChannelsEditor *self)
{
  set_row_text (self->source_row, NULL);
  set_row_text (self->medium_row, NULL);
  set_row_text (self->campaign_row, NULL);
  gtk_switch_set_active (self->regex_switch, FALSE);
  set_row_text (self->channel_row, NULL);
  set_row_text (self->group_row, NULL);
  show_message (self->rule_message, NULL);
}

/* After a change: the pages reread, the toast, and the window told. */
static void
changed (RdmChannelsEditor *self, const char *message)
{
  g_autoptr (GError) error = NULL;

  if (!refresh (self, &error))
    toast (self, error->message);
  toast (self, message);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
relabelled (RdmChannelsEditor *self, const RdmRelabelReport *report)
{
  g_autofree char *message = rdm_relabel_report_describe (report);

  changed (self, message);
}

/* Fails with the message shown under @label, as a sentence: the rules'
 * messages start in lower case, to follow "Rule 3: " in the CLI. */
static gboolean
refuse (GtkLabel *label, GError *error, GError **out_error)
{
  const char *message = error->message;
  const char *rest = *message != '\0' ? g_utf8_next_char (message) : message;
  g_autofree char *first = g_utf8_strup (message, rest - message);
  g_autofree char *sentence = g_strconcat (first, rest, NULL);

  show_message (label, sentence);
  g_propagate_error (out_error, error);
  return FALSE;
}

gboolean
rdm_channels_editor_add_rule (RdmChannelsEditor *self, GError **error)
{
  g_autofree char *source = NULL;
  g_autofree char *medium = NULL;
  g_autofree char *campaign = NULL;
  g_autofree char *channel = NULL;
  g_autofree char *group_text = NULL;
  g_autofree char *group = NULL;
  g_autoptr (RdmChannelRule) rule = NULL;
  g_autoptr (RdmRelabelReport) report = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (RDM_IS_CHANNELS_EDITOR (self), FALSE);

  source = row_text (self->source_row);
  medium = row_text (self->medium_row);
  campaign = row_text (self->campaign_row);
  channel = row_text (self->channel_row);
  group_text = row_text (self->group_row);
  group = rdm_channel_group_parse (group_text);
  rule = rdm_channel_rule_new (source, medium, campaign,
                               gtk_switch_get_active (self->regex_switch) ? RDM_CHANNEL_RULE_REGEX
                                                                          : RDM_CHANNEL_RULE_GLOB,
                               channel, group);
  /* checked alone first: its message then names the pattern, not a
   * position in the list */
  if (!rdm_channel_rule_validate (rule, &local_error)
      || !rdm_project_add_channel_rule (
          self->project, rule, adw_combo_row_get_selected (self->position_row) == 0 ? 1 : 0,
          &report, &local_error))
    return refuse (self->rule_message, local_error, error);
  reset_rule_form (self);
  relabelled (self, report);
  return TRUE;
}

gboolean
rdm_channels_editor_move_rule (RdmChannelsEditor *self, guint from, guint to, GError **error)
{
  g_autoptr (RdmRelabelReport) report = NULL;

  g_return_val_if_fail (RDM_IS_CHANNELS_EDITOR (self), FALSE);

  if (!rdm_project_move_channel_rule (self->project, from, to, &report, error))
    return FALSE;
  relabelled (self, report);
  return TRUE;
}

gboolean
rdm_channels_editor_remove_rule (RdmChannelsEditor *self, guint position, GError **error)
{
  g_autoptr (RdmRelabelReport) report = NULL;

  g_return_val_if_fail (RDM_IS_CHANNELS_EDITOR (self), FALSE);

  if (!rdm_project_remove_channel_rule (self->project, position, &report, error))
    return FALSE;
  relabelled (self, report);
  return TRUE;
}

gboolean
rdm_channels_editor_set_channel_group (RdmChannelsEditor *self,
                                       const char *channel,
                                       const char *group,
                                       GError **error)
{
  g_autofree char *code = rdm_channel_group_parse (group);
  g_autofree char *message = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (RDM_IS_CHANNELS_EDITOR (self), FALSE);
  g_return_val_if_fail (channel != NULL, FALSE);

  if (code == NULL)
    /* Translators: %s is a channel */
    g_set_error (&local_error, RDM_CHANNEL_RULES_ERROR, RDM_CHANNEL_RULES_ERROR_EMPTY,
                 _ ("Type a group for “%s”, or pick a known one"), channel);
  if (local_error != NULL
      || !rdm_project_set_channel_group (self->project, channel, code, &local_error))
    {
      show_channel_message (self, local_error->message);
      g_propagate_error (error, local_error);
      return FALSE;
    }
  show_channel_message (self, NULL);
  /* Translators: the first %s is a channel, the second its new group */
  message
      = g_strdup_printf (_ ("“%s” is now in %s"), channel, rdm_channel_group_display_name (code));
  changed (self, message);
  return TRUE;
}

void
rdm_channels_editor_show_page (RdmChannelsEditor *self, const char *name)
{
  g_return_if_fail (RDM_IS_CHANNELS_EDITOR (self));
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/* Actions */

static void
add_rule_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  /* a refusal shows under the form */
  rdm_channels_editor_add_rule (RDM_CHANNELS_EDITOR (widget), NULL);
}

static void
move_rule_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmChannelsEditor *self = RDM_CHANNELS_EDITOR (widget);
  g_autoptr (GError) error = NULL;
  guint from, to;

  g_variant_get (parameter, "(uu)", &from, &to);
  if (!rdm_channels_editor_move_rule (self, from, to, &error))
    toast (self, error->message);
}

static void
remove_rule_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmChannelsEditor *self = RDM_CHANNELS_EDITOR (widget);
  g_autoptr (GError) error = NULL;

  if (!rdm_channels_editor_remove_rule (self, g_variant_get_uint32 (parameter), &error))
    toast (self, error->message);
}

static void
pick_group_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmChannelsEditor *self = RDM_CHANNELS_EDITOR (widget);

  set_row_text (self->group_row,
                rdm_channel_group_display_name (g_variant_get_string (parameter, NULL)));
}

static void
set_group_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  const char *channel, *group;

  g_variant_get (parameter, "(&s&s)", &channel, &group);
  /* a refusal shows above the list */
  rdm_channels_editor_set_channel_group (RDM_CHANNELS_EDITOR (widget), channel, group, NULL);
}

/* GObject */

RdmChannelsEditor *
rdm_channels_editor_new (RdmProject *project)
{
  RdmChannelsEditor *self;
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (RDM_IS_PROJECT (project), NULL);

  self = g_object_new (RDM_TYPE_CHANNELS_EDITOR, NULL);
  self->project = g_object_ref (project);
  self->read_only = rdm_project_is_read_only (project);
  gtk_widget_set_visible (GTK_WIDGET (self->read_only_label), self->read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->rule_form), !self->read_only);
  for (guint i = 0; i < G_N_ELEMENTS (writing_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), writing_actions[i], !self->read_only);
  if (!refresh (self, &error))
    toast (self, error->message);
  return self;
}

static void
rdm_channels_editor_dispose (GObject *object)
{
  RdmChannelsEditor *self = RDM_CHANNELS_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RDM_TYPE_CHANNELS_EDITOR);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (rdm_channels_editor_parent_class)->dispose (object);
}

static void
rdm_channels_editor_finalize (GObject *object)
{
  RdmChannelsEditor *self = RDM_CHANNELS_EDITOR (object);

  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->compiled, rdm_channel_rules_free);
  g_clear_pointer (&self->channels, g_ptr_array_unref);
  g_clear_pointer (&self->list_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (rdm_channels_editor_parent_class)->finalize (object);
}

static void
rdm_channels_editor_class_init (RdmChannelsEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rdm_channels_editor_dispose;
  object_class->finalize = rdm_channels_editor_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);

  rdm_widgets_ensure_resources ();
  gtk_widget_class_set_template_from_resource (
      widget_class, "/fr/rendement/Rendement/widgets/rdm-channels-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, RdmChannelsEditor, name)
  BIND (read_only_label);
  BIND (toast_overlay);
  BIND (view_stack);
  BIND (rule_form);
  BIND (source_row);
  BIND (medium_row);
  BIND (campaign_row);
  BIND (regex_switch);
  BIND (channel_row);
  BIND (group_row);
  BIND (position_row);
  BIND (rule_message);
  BIND (add_button);
  BIND (rules_group);
  BIND (test_source_row);
  BIND (test_medium_row);
  BIND (test_campaign_row);
  BIND (test_result_label);
  BIND (test_rule_label);
  BIND (channel_message_group);
  BIND (channel_message);
  BIND (channels_group);
#undef BIND

  gtk_widget_class_install_action (widget_class, "channels.add-rule", NULL, add_rule_action);
  gtk_widget_class_install_action (widget_class, "channels.move-rule", "(uu)", move_rule_action);
  gtk_widget_class_install_action (widget_class, "channels.remove-rule", "u", remove_rule_action);
  gtk_widget_class_install_action (widget_class, "channels.pick-group", "s", pick_group_action);
  gtk_widget_class_install_action (widget_class, "channels.set-group", "(ss)", set_group_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rdm_channels_editor_init (RdmChannelsEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rules = g_ptr_array_new ();
  self->channels = g_ptr_array_new ();
  self->list_rows = g_ptr_array_new ();
  adw_entry_row_add_suffix (self->group_row, group_menu_button ("channels.pick-group", NULL,
                                                                _ ("Known groups for the rule")));
  g_signal_connect_object (self->test_source_row, "changed", G_CALLBACK (update_test), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->test_medium_row, "changed", G_CALLBACK (update_test), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->test_campaign_row, "changed", G_CALLBACK (update_test), self,
                           G_CONNECT_SWAPPED);
}
