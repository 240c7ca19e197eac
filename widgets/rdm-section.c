/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A run is a GTask on the section's cancellable; a new run, another
 * session or the section's disposal cancels it. A result is taken only
 * when its task still carries the section's current cancellable, so that
 * the result of a run that finished just before it was cancelled is
 * dropped too.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rdm-error-dialog.h"
#include "rdm-warehouse.h"
#include "rdm-project-session.h"
#include "rdm-result-table.h"
#include "rdm-section.h"
#include "rdm-segments.h"

typedef struct
{
  RdmProjectSession *session;
  GtkStack *stack;
  GtkSpinner *spinner;
  AdwStatusPage *error_page;
  /* on the error page, for a path table a warehouse built with other
   * rules than the settings ask for */
  GtkWidget *rebuild_button;
  GCancellable *cancellable; /* of the run in progress */
  RdmSectionDoneFunc done;
  char *error_title;
  GPtrArray *setting_bindings; /* SettingBinding * */
  gboolean busy;
} RdmSectionPrivate;

/* A control of a setting, bound to the settings of the session shown. */
typedef struct
{
  char *setting;
  GObject *target; /* a widget of the section's: not a reference */
  char *property;
  GBinding *binding; /* a reference, NULL without a session */
} SettingBinding;

G_DEFINE_TYPE_WITH_PRIVATE (RdmSection, rdm_section, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SESSION,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

RdmProjectSession *
rdm_section_get_session (RdmSection *self)
{
  RdmSectionPrivate *priv = rdm_section_get_instance_private (self);

  g_return_val_if_fail (RDM_IS_SECTION (self), NULL);
  return priv->session;
}

RdmProject *
rdm_section_get_project (RdmSection *self)
{
  RdmSectionPrivate *priv = rdm_section_get_instance_private (self);

  g_return_val_if_fail (RDM_IS_SECTION (self), NULL);
  return priv->session != NULL ? rdm_project_session_get_project (priv->session) : NULL;
}

RdmAnalysisSettings *
rdm_section_get_settings (RdmSection *self)
{
  RdmSectionPrivate *priv = rdm_section_get_instance_private (self);

  g_return_val_if_fail (RDM_IS_SECTION (self), NULL);
  return priv->session != NULL ? rdm_project_session_get_settings (priv->session) : NULL;
}

RdmProjectData *
rdm_section_get_data (RdmSection *self)
{
  RdmSectionPrivate *priv = rdm_section_get_instance_private (self);

  g_return_val_if_fail (RDM_IS_SECTION (self), NULL);
  return priv->session != NULL ? rdm_project_session_get_data (priv->session) : NULL;
}

static void
setting_binding_unbind (SettingBinding *binding)
{
  if (binding->binding == NULL)
    return;
  g_binding_unbind (binding->binding);
  g_clear_object (&binding->binding);
}

static void
setting_binding_free (SettingBinding *binding)
{
  setting_binding_unbind (binding);
  g_free (binding->setting);
  g_free (binding->property);
  g_free (binding);
}

static void
setting_binding_bind (SettingBinding *binding, RdmAnalysisSettings *settings)
{
  binding->binding = g_object_ref (
      g_object_bind_property (settings, binding->setting, binding->target, binding->property,
                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE));
}

void
rdm_section_bind_setting (RdmSection *self,
                          const char *setting,
                          gpointer target,
                          const char *property)
{
  RdmSectionPrivate *priv = rdm_section_get_instance_private (self);
  SettingBinding *binding;

  g_return_if_fail (RDM_IS_SECTION (self));
  g_return_if_fail (G_IS_OBJECT (target));

  binding = g_new0 (SettingBinding, 1);
  binding->setting = g_strdup (setting);
  binding->target = target;
  binding->property = g_strdup (property);
  if (priv->session != NULL)
    setting_binding_bind (binding, rdm_project_session_get_settings (priv->session));
  g_ptr_array_add (priv->setting_bindings, binding);
}

static void
reload (RdmSection *self)
{
  RDM_SECTION_GET_CLASS (self)->reload (self);
}

static void
on_settings_changed (RdmSection *self, GParamSpec *pspec)
{
  RDM_SECTION_GET_CLASS (self)->settings_changed (self, pspec);
}

void
rdm_section_set_session (RdmSection *self, RdmProjectSession *session)
{
  RdmSectionPrivate *priv = rdm_section_get_instance_private (self);

  g_return_if_fail (RDM_IS_SECTION (self));
  g_return_if_fail (session == NULL || RDM_IS_PROJECT_SESSION (session));

  if (priv->session == session)
    return;
  rdm_section_cancel (self);
  if (priv->session != NULL)
    g_signal_handlers_disconnect_by_data (priv->session, self);
  g_set_object (&priv->session, session);
  /* the controls show the new settings before the section shows the project */
  for (guint i = 0; i < priv->setting_bindings->len; i++)
    {
      SettingBinding *binding = g_ptr_array_index (priv->setting_bindings, i);

      setting_binding_unbind (binding);
      if (session != NULL)
        setting_binding_bind (binding, rdm_project_session_get_settings (session));
    }
  if (session != NULL)
    {
      g_signal_connect_object (session, "changed", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "settings-changed", G_CALLBACK (on_settings_changed), self,
                               G_CONNECT_SWAPPED);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  reload (self);
}

void
rdm_section_set_status_widgets (RdmSection *self,
                                GtkStack *stack,
                                GtkSpinner *spinner,
                                AdwStatusPage *error_page)
{
  RdmSectionPrivate *priv = rdm_section_get_instance_private (self);

  g_return_if_fail (RDM_IS_SECTION (self));
  priv->stack = stack;
  priv->spinner = spinner;
  priv->error_page = error_page;
  if (error_page != NULL && adw_status_page_get_child (error_page) == NULL)
    {
      priv->rebuild_button = gtk_button_new_with_mnemonic (_ ("_Build the Journeys Again…"));
      gtk_widget_set_halign (priv->rebuild_button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (priv->rebuild_button, "pill");
      gtk_widget_add_css_class (priv->rebuild_button, "suggested-action");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (priv->rebuild_button), "win.import-database");
      gtk_widget_set_visible (priv->rebuild_button, FALSE);
      adw_status_page_set_child (error_page, priv->rebuild_button);
    }
  if (spinner != NULL)
    g_object_bind_property (self, "busy", spinner, "spinning", G_BINDING_SYNC_CREATE);
}

void
rdm_section_show_state (RdmSection *self, const char *state)
{
  RdmSectionPrivate *priv = rdm_section_get_instance_private (self);

  g_return_if_fail (RDM_IS_SECTION (self));
  g_return_if_fail (priv->stack != NULL);
  gtk_stack_set_visible_child_name (priv->stack, state);
}

const char *
rdm_section_get_state (RdmSection *self)
{
  RdmSectionPrivate *priv = rdm_section_get_instance_private (self);

  g_return_val_if_fail (RDM_IS_SECTION (self), NULL);
  return priv->stack != NULL ? gtk_stack_get_visible_child_name (priv->stack) : NULL;
}

void
rdm_section_show_error (RdmSection *self, const char *title, const GError *error)
{
  RdmSectionPrivate *priv = rdm_section_get_instance_private (self);

  g_return_if_fail (RDM_IS_SECTION (self));
  g_return_if_fail (priv->error_page != NULL);
  if (title != NULL)
    adw_status_page_set_title (priv->error_page, title);
  rdm_status_page_set_description_text (priv->error_page, error->message);
  if (priv->rebuild_button != NULL)
    gtk_widget_set_visible (
        priv->rebuild_button,
        g_error_matches (error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_OTHER_RULES));
  rdm_section_show_state (self, "error");
}

static gboolean
session_to_settings (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  RdmProjectSession *session = g_value_get_object (from);

  g_value_set_object (to, session != NULL ? rdm_project_session_get_settings (session) : NULL);
  return TRUE;
}

void
rdm_section_bind_settings (RdmSection *self, GObject *target, const char *property)
{
  g_return_if_fail (RDM_IS_SECTION (self));
  g_object_bind_property_full (self, "session", target, property, G_BINDING_SYNC_CREATE,
                               session_to_settings, NULL, NULL, NULL);
}

gboolean
rdm_section_get_busy (RdmSection *self)
{
  RdmSectionPrivate *priv = rdm_section_get_instance_private (self);

  g_return_val_if_fail (RDM_IS_SECTION (self), FALSE);
  return priv->busy;
}

void
rdm_section_set_busy (RdmSection *self, gboolean busy)
{
  RdmSectionPrivate *priv = rdm_section_get_instance_private (self);

  g_return_if_fail (RDM_IS_SECTION (self));
  if (priv->busy == busy)
    return;
  priv->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
rdm_section_cancel (RdmSection *self)
{
  RdmSectionPrivate *priv = rdm_section_get_instance_private (self);

  g_return_if_fail (RDM_IS_SECTION (self));
  if (priv->cancellable == NULL)
    return;
  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  rdm_section_set_busy (self, FALSE);
}

static void
run_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (RdmSection) self = user_data;
  RdmSectionPrivate *priv = rdm_section_get_instance_private (self);
  g_autoptr (GError) error = NULL;
  gpointer outcome;

  /* a superseded run's outcome is left to the task, which frees it */
  if (priv->cancellable == NULL || g_task_get_cancellable (G_TASK (result)) != priv->cancellable)
    return;
  g_clear_object (&priv->cancellable);
  rdm_section_set_busy (self, FALSE);
  outcome = g_task_propagate_pointer (G_TASK (result), &error);
  if (outcome == NULL)
    rdm_section_show_error (self, priv->error_title, error);
  else
    priv->done (self, outcome);
}

void
rdm_section_run (RdmSection *self,
                 GTaskThreadFunc thread_func,
                 gpointer task_data,
                 GDestroyNotify task_data_free,
                 const char *error_title,
                 RdmSectionDoneFunc done)
{
  RdmSectionPrivate *priv = rdm_section_get_instance_private (self);
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (RDM_IS_SECTION (self));
  g_return_if_fail (thread_func != NULL && done != NULL);

  rdm_section_cancel (self);
  priv->cancellable = g_cancellable_new ();
  priv->done = done;
  g_free (priv->error_title);
  priv->error_title = g_strdup (error_title);
  task = g_task_new (NULL, priv->cancellable, run_done, g_object_ref (self));
  g_task_set_source_tag (task, rdm_section_run);
  g_task_set_task_data (task, task_data, task_data_free);
  rdm_section_set_busy (self, TRUE);
  g_task_run_in_thread (task, thread_func);
}

gpointer
rdm_section_input_new (RdmSection *self, gsize size)
{
  RdmSectionInput *input;
  RdmProjectData *data;

  g_return_val_if_fail (RDM_IS_SECTION (self), NULL);
  g_return_val_if_fail (size >= sizeof (RdmSectionInput), NULL);

  input = g_malloc0 (size);
  data = rdm_section_get_data (self);
  input->data = data != NULL ? rdm_project_data_ref (data) : NULL;
  rdm_analysis_config_init (&input->config);
  rdm_analysis_config_copy (&input->config,
                            rdm_analysis_settings_get_config (rdm_section_get_settings (self)));
  return input;
}

void
rdm_section_input_free (gpointer input)
{
  RdmSectionInput *self = input;

  if (self == NULL)
    return;
  g_clear_pointer (&self->data, rdm_project_data_unref);
  rdm_analysis_config_clear (&self->config);
  g_free (self);
}

gboolean
rdm_section_input_segment_mask (const RdmSectionInput *input,
                                RdmProject *project,
                                const RdmEventStore *store,
                                GCancellable *cancellable,
                                guint8 **mask,
                                GError **error)
{
  *mask = NULL;
  if (input->config.segment == NULL)
    return TRUE;
  *mask
      = rdm_project_segment_mask (project, store, input->config.segment, NULL, cancellable, error);
  return *mask != NULL;
}

/* Actions */

static void
copy_table_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmSection *self = RDM_SECTION (widget);
  RdmSectionClass *klass = RDM_SECTION_GET_CLASS (self);
  GListModel *rows = NULL;
  GtkColumnView *table = klass->get_table != NULL ? klass->get_table (self, &rows) : NULL;
  g_autofree char *text = NULL;

  if (table == NULL)
    return;
  text = rdm_result_table_to_text (table, rows);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

/* Virtual methods */

static void
rdm_section_real_reload (RdmSection *self)
{
}

static void
rdm_section_real_settings_changed (RdmSection *self, GParamSpec *pspec)
{
  if (!rdm_analysis_settings_is_comparison_only (pspec))
    RDM_SECTION_GET_CLASS (self)->reload (self);
}

/* GObject */

static void
rdm_section_dispose (GObject *object)
{
  RdmSection *self = RDM_SECTION (object);
  RdmSectionPrivate *priv = rdm_section_get_instance_private (self);
  GtkWidget *child;

  rdm_section_cancel (self);
  /* a template's unnamed root is not among the children that
   * gtk_widget_dispose_template() unparents */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_ptr_array_set_size (priv->setting_bindings, 0);
  if (priv->session != NULL)
    g_signal_handlers_disconnect_by_data (priv->session, self);
  g_clear_object (&priv->session);
  G_OBJECT_CLASS (rdm_section_parent_class)->dispose (object);
}

static void
rdm_section_finalize (GObject *object)
{
  RdmSectionPrivate *priv = rdm_section_get_instance_private (RDM_SECTION (object));

  g_free (priv->error_title);
  g_ptr_array_unref (priv->setting_bindings);
  G_OBJECT_CLASS (rdm_section_parent_class)->finalize (object);
}

static void
rdm_section_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RdmSection *self = RDM_SECTION (object);
  RdmSectionPrivate *priv = rdm_section_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, priv->session);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, priv->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rdm_section_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RdmSection *self = RDM_SECTION (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      rdm_section_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rdm_section_class_init (RdmSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rdm_section_dispose;
  object_class->finalize = rdm_section_finalize;
  object_class->get_property = rdm_section_get_property;
  object_class->set_property = rdm_section_set_property;
  klass->reload = rdm_section_real_reload;
  klass->settings_changed = rdm_section_real_settings_changed;

  properties[PROP_SESSION]
      = g_param_spec_object ("session", NULL, NULL, RDM_TYPE_PROJECT_SESSION,
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY]
      = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "section.copy-table", NULL, copy_table_action);
}

static void
rdm_section_init (RdmSection *self)
{
  RdmSectionPrivate *priv = rdm_section_get_instance_private (self);

  priv->setting_bindings = g_ptr_array_new_with_free_func ((GDestroyNotify)setting_binding_free);
}
