/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The analysis settings of a window, as properties. Every property is a
 * field of the RdmAnalysisConfig the object wraps, described by one row of
 * rdm_analysis_config_fields[] (data/), so that the properties, the
 * project file and the conversion to engine options share one table.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "rdm-analysis-settings.h"

struct _RdmAnalysisSettings
{
  GObject parent_instance;

  RdmAnalysisConfig config;
};

G_DEFINE_FINAL_TYPE (RdmAnalysisSettings, rdm_analysis_settings, G_TYPE_OBJECT)

/* Property i + 1 is rdm_analysis_config_fields[i]. */
#define N_PROPS (RDM_ANALYSIS_CONFIG_N_FIELDS + 1)
#define FIELD(prop_id) (&rdm_analysis_config_fields[(prop_id)-1])

static GParamSpec *properties[N_PROPS];

#define FIELD_PTR(self, id, type) ((type *)(gpointer)((char *)&(self)->config + FIELD (id)->offset))

static void
rdm_analysis_settings_get_property (GObject *object,
                                    guint prop_id,
                                    GValue *value,
                                    GParamSpec *pspec)
{
  RdmAnalysisSettings *self = RDM_ANALYSIS_SETTINGS (object);

  if (prop_id == 0 || prop_id >= N_PROPS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  switch (FIELD (prop_id)->type)
    {
    case RDM_CONFIG_UINT:
      g_value_set_uint (value, *FIELD_PTR (self, prop_id, guint));
      break;
    case RDM_CONFIG_DOUBLE:
      g_value_set_double (value, *FIELD_PTR (self, prop_id, double));
      break;
    case RDM_CONFIG_BOOLEAN:
      g_value_set_boolean (value, *FIELD_PTR (self, prop_id, gboolean));
      break;
    case RDM_CONFIG_STRING:
    default:
      g_value_set_string (value, *FIELD_PTR (self, prop_id, char *));
      break;
    }
}

static void
rdm_analysis_settings_set_property (GObject *object,
                                    guint prop_id,
                                    const GValue *value,
                                    GParamSpec *pspec)
{
  RdmAnalysisSettings *self = RDM_ANALYSIS_SETTINGS (object);
  gboolean changed = FALSE;

  if (prop_id == 0 || prop_id >= N_PROPS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  switch (FIELD (prop_id)->type)
    {
    case RDM_CONFIG_UINT:
      changed = *FIELD_PTR (self, prop_id, guint) != g_value_get_uint (value);
      *FIELD_PTR (self, prop_id, guint) = g_value_get_uint (value);
      break;
    case RDM_CONFIG_DOUBLE:
      changed = *FIELD_PTR (self, prop_id, double) != g_value_get_double (value);
      *FIELD_PTR (self, prop_id, double) = g_value_get_double (value);
      break;
    case RDM_CONFIG_BOOLEAN:
      changed = *FIELD_PTR (self, prop_id, gboolean) != g_value_get_boolean (value);
      *FIELD_PTR (self, prop_id, gboolean) = g_value_get_boolean (value);
      break;
    case RDM_CONFIG_STRING:
    default:
      {
        char **field = FIELD_PTR (self, prop_id, char *);
        const char *text = g_value_get_string (value);

        /* "" and NULL both mean "all" */
        if (text != NULL && *text == '\0')
          text = NULL;
        changed = g_strcmp0 (*field, text) != 0;
        if (changed)
          {
            g_free (*field);
            *field = g_strdup (text);
          }
      }
      break;
    }
  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
rdm_analysis_settings_finalize (GObject *object)
{
  RdmAnalysisSettings *self = RDM_ANALYSIS_SETTINGS (object);

  rdm_analysis_config_clear (&self->config);
  G_OBJECT_CLASS (rdm_analysis_settings_parent_class)->finalize (object);
}

static void
rdm_analysis_settings_class_init (RdmAnalysisSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = rdm_analysis_settings_get_property;
  object_class->set_property = rdm_analysis_settings_set_property;
  object_class->finalize = rdm_analysis_settings_finalize;

  for (guint id = 1; id < N_PROPS; id++)
    {
      const RdmConfigField *f = FIELD (id);

      switch (f->type)
        {
        case RDM_CONFIG_UINT:
          properties[id] = g_param_spec_uint (f->name, NULL, NULL, (guint)f->min, (guint)f->max,
                                              (guint)f->def, flags);
          break;
        case RDM_CONFIG_DOUBLE:
          properties[id] = g_param_spec_double (f->name, NULL, NULL, f->min, f->max, f->def, flags);
          break;
        case RDM_CONFIG_BOOLEAN:
          properties[id] = g_param_spec_boolean (f->name, NULL, NULL, f->def != 0, flags);
          break;
        case RDM_CONFIG_STRING:
        default:
          properties[id] = g_param_spec_string (f->name, NULL, NULL, NULL, flags);
          break;
        }
    }
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* The user's defaults from Preferences, when the application's schema is
 * installed (tests of the widgets alone run without it). */
static void
load_user_defaults (RdmAnalysisSettings *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings) settings = NULL;

  if (source == NULL)
    return;
  schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    return;
  settings = g_settings_new_full (schema, NULL, NULL);
  if (g_settings_schema_has_key (schema, "click-window-days"))
    self->config.click_window = g_settings_get_uint (settings, "click-window-days");
  if (g_settings_schema_has_key (schema, "view-window-days"))
    self->config.view_window = g_settings_get_uint (settings, "view-window-days");
  if (g_settings_schema_has_key (schema, "half-life-days"))
    self->config.half_life = g_settings_get_double (settings, "half-life-days");
}

static void
rdm_analysis_settings_init (RdmAnalysisSettings *self)
{
  rdm_analysis_config_init (&self->config);
  load_user_defaults (self);
}

RdmAnalysisSettings *
rdm_analysis_settings_new (void)
{
  return g_object_new (RDM_TYPE_ANALYSIS_SETTINGS, NULL);
}

gboolean
rdm_analysis_settings_get_options (RdmAnalysisSettings *self,
                                   RdmPathOptions *path,
                                   RdmModelOptions *model,
                                   GError **error)
{
  g_return_val_if_fail (RDM_IS_ANALYSIS_SETTINGS (self), FALSE);

  return rdm_analysis_config_get_options (&self->config, path, model, error);
}

const RdmAnalysisConfig *
rdm_analysis_settings_get_config (RdmAnalysisSettings *self)
{
  g_return_val_if_fail (RDM_IS_ANALYSIS_SETTINGS (self), NULL);

  return &self->config;
}

void
rdm_analysis_settings_set_config (RdmAnalysisSettings *self, const RdmAnalysisConfig *config)
{
  g_return_if_fail (RDM_IS_ANALYSIS_SETTINGS (self));

  g_object_freeze_notify (G_OBJECT (self));
  for (guint id = 1; id < N_PROPS; id++)
    {
      g_auto (GValue) value = G_VALUE_INIT;

      g_value_init (&value, properties[id]->value_type);
      switch (FIELD (id)->type)
        {
        case RDM_CONFIG_UINT:
          g_value_set_uint (&value, *(const guint *)((const char *)config + FIELD (id)->offset));
          break;
        case RDM_CONFIG_DOUBLE:
          g_value_set_double (&value, *(const double *)((const char *)config + FIELD (id)->offset));
          break;
        case RDM_CONFIG_BOOLEAN:
          g_value_set_boolean (&value,
                               *(const gboolean *)((const char *)config + FIELD (id)->offset));
          break;
        case RDM_CONFIG_STRING:
        default:
          g_value_set_string (&value, *(char *const *)((const char *)config + FIELD (id)->offset));
          break;
        }
      g_object_set_property (G_OBJECT (self), properties[id]->name, &value);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

guint
rdm_analysis_settings_get_models (RdmAnalysisSettings *self, RdmModel out[RDM_MODEL_N_MODELS])
{
  guint n = 0;

  g_return_val_if_fail (RDM_IS_ANALYSIS_SETTINGS (self), 0);

  for (guint m = 0; m < RDM_MODEL_N_MODELS; m++)
    if (self->config.models & (1u << m))
      out[n++] = (RdmModel)m;
  return n;
}

gboolean
rdm_analysis_settings_has_model (RdmAnalysisSettings *self, RdmModel model)
{
  g_return_val_if_fail (RDM_IS_ANALYSIS_SETTINGS (self), FALSE);

  return (self->config.models & (1u << model)) != 0;
}

void
rdm_analysis_settings_set_model (RdmAnalysisSettings *self, RdmModel model, gboolean enabled)
{
  guint models;

  g_return_if_fail (RDM_IS_ANALYSIS_SETTINGS (self));
  g_return_if_fail (model < RDM_MODEL_N_MODELS);

  models = enabled ? self->config.models | (1u << model) : self->config.models & ~(1u << model);
  /* the comparison always keeps one model */
  if (models != 0)
    g_object_set (self, "models", models, NULL);
}

RdmModel
rdm_analysis_settings_get_reference_model (RdmAnalysisSettings *self)
{
  g_return_val_if_fail (RDM_IS_ANALYSIS_SETTINGS (self), RDM_MODEL_LAST);

  return (RdmModel)self->config.reference_model;
}

guint
rdm_analysis_settings_get_resamples (RdmAnalysisSettings *self)
{
  g_return_val_if_fail (RDM_IS_ANALYSIS_SETTINGS (self), 0);

  return self->config.bootstrap ? self->config.resamples : 0;
}

gboolean
rdm_analysis_settings_is_comparison_only (GParamSpec *pspec)
{
  static const char *const names[]
      = { "models", "reference-model", "bootstrap", "resamples", NULL };

  return g_strv_contains (names, g_param_spec_get_name (pspec));
}
