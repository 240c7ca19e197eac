/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The settings object lives as long as the session, so that the controls
 * bound to it stay bound from one project to the next; while a project's
 * saved values are copied into it, neither the sections nor the project
 * file hear of it (the sections show the new project on "changed", and
 * the values came from that file).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rdm-project-session.h"

struct _RdmProjectSession
{
  GObject parent_instance;

  RdmProject *project;
  RdmAnalysisSettings *settings;
  RdmProjectData *data;
  RdmMediaMixFitter *media_mix;
  gboolean opening;
};

G_DEFINE_FINAL_TYPE (RdmProjectSession, rdm_project_session, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PROJECT,
  PROP_SETTINGS,
  N_PROPS
};

enum
{
  CHANGED,
  SETTINGS_CHANGED,
  SAVE_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

RdmProjectSession *
rdm_project_session_new (void)
{
  return g_object_new (RDM_TYPE_PROJECT_SESSION, NULL);
}

static void
on_settings_notify (RdmProjectSession *self, GParamSpec *pspec)
{
  g_autoptr (GError) error = NULL;

  if (self->opening || self->project == NULL)
    return;
  /* the window said when the project opened that changes cannot be saved */
  if (!rdm_project_is_read_only (self->project)
      && !rdm_project_save_analysis_config (
          self->project, rdm_analysis_settings_get_config (self->settings), &error))
    g_signal_emit (self, signals[SAVE_FAILED], 0, error);
  g_signal_emit (self, signals[SETTINGS_CHANGED], 0, pspec);
}

gboolean
rdm_project_session_open (RdmProjectSession *self,
                          RdmProject *project,
                          char **out_warning,
                          GError **error)
{
  g_autoptr (RdmAnalysisSettings) defaults = NULL;
  g_auto (RdmAnalysisConfig) config;
  g_autofree char *warning = NULL;

  g_return_val_if_fail (RDM_IS_PROJECT_SESSION (self), FALSE);
  g_return_val_if_fail (RDM_IS_PROJECT (project), FALSE);

  /* the user's defaults (Preferences), then what the project saved */
  defaults = rdm_analysis_settings_new ();
  rdm_analysis_config_init (&config);
  rdm_analysis_config_copy (&config, rdm_analysis_settings_get_config (defaults));
  if (!rdm_project_load_analysis_config (project, &config, &warning, error))
    return FALSE;

  g_set_object (&self->project, project);
  g_clear_pointer (&self->data, rdm_project_data_unref);
  self->data = rdm_project_data_new (rdm_project_get_path (project));
  self->opening = TRUE;
  rdm_analysis_settings_set_config (self->settings, &config);
  self->opening = FALSE;
  if (out_warning != NULL && warning != NULL)
    /* Translators: then why, e.g. "“click-window” is out of range: the default is used." */
    *out_warning = g_strdup_printf (_ ("Some saved analysis settings were reset. %s"), warning);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
  rdm_media_mix_fitter_reset (self->media_mix, self->data);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

void
rdm_project_session_data_changed (RdmProjectSession *self)
{
  g_return_if_fail (RDM_IS_PROJECT_SESSION (self));

  if (self->project == NULL)
    return;
  g_clear_pointer (&self->data, rdm_project_data_unref);
  self->data = rdm_project_data_new (rdm_project_get_path (self->project));
  rdm_media_mix_fitter_reset (self->media_mix, self->data);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
rdm_project_session_definitions_changed (RdmProjectSession *self)
{
  g_return_if_fail (RDM_IS_PROJECT_SESSION (self));

  if (self->project == NULL)
    return;
  /* the media spend is among the costs */
  rdm_media_mix_fitter_reset (self->media_mix, self->data);
  g_signal_emit (self, signals[CHANGED], 0);
}

RdmProject *
rdm_project_session_get_project (RdmProjectSession *self)
{
  g_return_val_if_fail (RDM_IS_PROJECT_SESSION (self), NULL);
  return self->project;
}

RdmAnalysisSettings *
rdm_project_session_get_settings (RdmProjectSession *self)
{
  g_return_val_if_fail (RDM_IS_PROJECT_SESSION (self), NULL);
  return self->settings;
}

RdmProjectData *
rdm_project_session_get_data (RdmProjectSession *self)
{
  g_return_val_if_fail (RDM_IS_PROJECT_SESSION (self), NULL);
  return self->data;
}

RdmMediaMixFitter *
rdm_project_session_get_media_mix (RdmProjectSession *self)
{
  g_return_val_if_fail (RDM_IS_PROJECT_SESSION (self), NULL);
  return self->media_mix;
}

static void
rdm_project_session_dispose (GObject *object)
{
  RdmProjectSession *self = RDM_PROJECT_SESSION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->media_mix);
  g_clear_object (&self->project);
  g_clear_pointer (&self->data, rdm_project_data_unref);
  G_OBJECT_CLASS (rdm_project_session_parent_class)->dispose (object);
}

static void
rdm_project_session_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RdmProjectSession *self = RDM_PROJECT_SESSION (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rdm_project_session_class_init (RdmProjectSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rdm_project_session_dispose;
  object_class->get_property = rdm_project_session_get_property;

  properties[PROP_PROJECT]
      = g_param_spec_object ("project", NULL, NULL, RDM_TYPE_PROJECT,
                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SETTINGS]
      = g_param_spec_object ("settings", NULL, NULL, RDM_TYPE_ANALYSIS_SETTINGS,
                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);
  signals[SETTINGS_CHANGED]
      = g_signal_new ("settings-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PARAM);
  signals[SAVE_FAILED] = g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
rdm_project_session_init (RdmProjectSession *self)
{
  self->settings = rdm_analysis_settings_new ();
  self->media_mix = rdm_media_mix_fitter_new ();
  g_signal_connect_object (self->settings, "notify", G_CALLBACK (on_settings_notify), self,
                           G_CONNECT_SWAPPED);
}
