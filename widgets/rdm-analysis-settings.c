/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The settings of the analysis pages. Every property is a plain field of
 * the instance described by one row of the table below, so that the
 * getters, setters and the conversion to engine options stay in one place.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "rdm-analysis-settings.h"
#include "rdm-period.h"

struct _RdmAnalysisSettings
{
  GObject parent_instance;

  guint models;
  guint reference_model;
  double click_window;
  double view_window;
  double forward_window;
  guint direction;
  guint level;
  gboolean restart;
  char *period;
  char *event;
  char *segment;
  gboolean click_priority;
  double view_weight;
  double half_life;
  double first_weight;
  double middle_weight;
  double last_weight;
  guint markov_order;
  gboolean bootstrap;
  guint resamples;
};

G_DEFINE_FINAL_TYPE (RdmAnalysisSettings, rdm_analysis_settings, G_TYPE_OBJECT)

#define DEFAULT_MODELS                                                                             \
  ((1u << RDM_MODEL_FIRST) | (1u << RDM_MODEL_LAST) | (1u << RDM_MODEL_LINEAR)                     \
   | (1u << RDM_MODEL_POSITION) | (1u << RDM_MODEL_TIME_DECAY) | (1u << RDM_MODEL_MARKOV))

typedef enum
{
  FIELD_UINT,
  FIELD_DOUBLE,
  FIELD_BOOLEAN,
  FIELD_STRING,
} FieldType;

typedef struct
{
  const char *name;
  FieldType type;
  gsize offset;
  double min;
  double max;
  double def;
} Field;

#define F(name, type, member, min, max, def)                                                       \
  {                                                                                                \
    name, type, G_STRUCT_OFFSET (RdmAnalysisSettings, member), min, max, def                       \
  }

enum
{
  PROP_0,
  PROP_MODELS,
  PROP_REFERENCE_MODEL,
  PROP_CLICK_WINDOW,
  PROP_VIEW_WINDOW,
  PROP_FORWARD_WINDOW,
  PROP_DIRECTION,
  PROP_LEVEL,
  PROP_RESTART,
  PROP_PERIOD,
  PROP_EVENT,
  PROP_SEGMENT,
  PROP_CLICK_PRIORITY,
  PROP_VIEW_WEIGHT,
  PROP_HALF_LIFE,
  PROP_FIRST_WEIGHT,
  PROP_MIDDLE_WEIGHT,
  PROP_LAST_WEIGHT,
  PROP_MARKOV_ORDER,
  PROP_BOOTSTRAP,
  PROP_RESAMPLES,
  N_PROPS
};

/* indexed by property id; defaults are the engine's (rdm_path_options_init,
 * rdm_model_options_init) in the units of the controls */
static const Field fields[N_PROPS] = {
  [PROP_MODELS]
  = F ("models", FIELD_UINT, models, 1, (1u << RDM_MODEL_N_MODELS) - 1, DEFAULT_MODELS),
  [PROP_REFERENCE_MODEL]
  = F ("reference-model", FIELD_UINT, reference_model, 0, RDM_MODEL_N_MODELS - 1, RDM_MODEL_LAST),
  [PROP_CLICK_WINDOW] = F ("click-window", FIELD_DOUBLE, click_window, 0, 365, 30),
  [PROP_VIEW_WINDOW] = F ("view-window", FIELD_DOUBLE, view_window, 0, 365, 1),
  [PROP_FORWARD_WINDOW] = F ("forward-window", FIELD_DOUBLE, forward_window, 0, 365, 30),
  [PROP_DIRECTION] = F ("direction", FIELD_UINT, direction, 0, 1, RDM_DIRECTION_BACKWARD),
  [PROP_LEVEL] = F ("level", FIELD_UINT, level, 0, 1, RDM_LEVEL_CHANNEL),
  [PROP_RESTART] = F ("restart", FIELD_BOOLEAN, restart, 0, 1, TRUE),
  [PROP_PERIOD] = F ("period", FIELD_STRING, period, 0, 0, 0),
  [PROP_EVENT] = F ("event", FIELD_STRING, event, 0, 0, 0),
  [PROP_SEGMENT] = F ("segment", FIELD_STRING, segment, 0, 0, 0),
  [PROP_CLICK_PRIORITY] = F ("click-priority", FIELD_BOOLEAN, click_priority, 0, 1, FALSE),
  [PROP_VIEW_WEIGHT] = F ("view-weight", FIELD_DOUBLE, view_weight, 0, 100, 100),
  [PROP_HALF_LIFE] = F ("half-life", FIELD_DOUBLE, half_life, 0.5, 365, 7),
  [PROP_FIRST_WEIGHT] = F ("first-weight", FIELD_DOUBLE, first_weight, 0, 100, 40),
  [PROP_MIDDLE_WEIGHT] = F ("middle-weight", FIELD_DOUBLE, middle_weight, 0, 100, 20),
  [PROP_LAST_WEIGHT] = F ("last-weight", FIELD_DOUBLE, last_weight, 0, 100, 40),
  [PROP_MARKOV_ORDER] = F ("markov-order", FIELD_UINT, markov_order, 1, 4, 1),
  [PROP_BOOTSTRAP] = F ("bootstrap", FIELD_BOOLEAN, bootstrap, 0, 1, FALSE),
  [PROP_RESAMPLES] = F ("resamples", FIELD_UINT, resamples, 10, 10000, 200),
};

static GParamSpec *properties[N_PROPS];

#define FIELD_PTR(self, id, type) ((type *)(gpointer)((char *)(self) + fields[id].offset))

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
  switch (fields[prop_id].type)
    {
    case FIELD_UINT:
      g_value_set_uint (value, *FIELD_PTR (self, prop_id, guint));
      break;
    case FIELD_DOUBLE:
      g_value_set_double (value, *FIELD_PTR (self, prop_id, double));
      break;
    case FIELD_BOOLEAN:
      g_value_set_boolean (value, *FIELD_PTR (self, prop_id, gboolean));
      break;
    case FIELD_STRING:
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
  switch (fields[prop_id].type)
    {
    case FIELD_UINT:
      changed = *FIELD_PTR (self, prop_id, guint) != g_value_get_uint (value);
      *FIELD_PTR (self, prop_id, guint) = g_value_get_uint (value);
      break;
    case FIELD_DOUBLE:
      changed = *FIELD_PTR (self, prop_id, double) != g_value_get_double (value);
      *FIELD_PTR (self, prop_id, double) = g_value_get_double (value);
      break;
    case FIELD_BOOLEAN:
      changed = *FIELD_PTR (self, prop_id, gboolean) != g_value_get_boolean (value);
      *FIELD_PTR (self, prop_id, gboolean) = g_value_get_boolean (value);
      break;
    case FIELD_STRING:
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

  g_free (self->period);
  g_free (self->event);
  g_free (self->segment);
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
      const Field *f = &fields[id];

      switch (f->type)
        {
        case FIELD_UINT:
          properties[id] = g_param_spec_uint (f->name, NULL, NULL, (guint)f->min, (guint)f->max,
                                              (guint)f->def, flags);
          break;
        case FIELD_DOUBLE:
          properties[id] = g_param_spec_double (f->name, NULL, NULL, f->min, f->max, f->def, flags);
          break;
        case FIELD_BOOLEAN:
          properties[id] = g_param_spec_boolean (f->name, NULL, NULL, f->def != 0, flags);
          break;
        case FIELD_STRING:
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
    self->click_window = g_settings_get_uint (settings, "click-window-days");
  if (g_settings_schema_has_key (schema, "view-window-days"))
    self->view_window = g_settings_get_uint (settings, "view-window-days");
  if (g_settings_schema_has_key (schema, "half-life-days"))
    self->half_life = g_settings_get_double (settings, "half-life-days");
}

static void
rdm_analysis_settings_init (RdmAnalysisSettings *self)
{
  for (guint id = 1; id < N_PROPS; id++)
    switch (fields[id].type)
      {
      case FIELD_UINT:
        *FIELD_PTR (self, id, guint) = (guint)fields[id].def;
        break;
      case FIELD_DOUBLE:
        *FIELD_PTR (self, id, double) = fields[id].def;
        break;
      case FIELD_BOOLEAN:
        *FIELD_PTR (self, id, gboolean) = fields[id].def != 0;
        break;
      case FIELD_STRING:
      default:
        break;
      }
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

  rdm_path_options_init (path);
  rdm_model_options_init (model);
  path->level = self->level;
  path->direction = self->direction;
  path->click_window_days = self->click_window;
  path->view_window_days = self->view_window;
  path->forward_window_days = self->forward_window;
  path->restart_after_conversion = self->restart;
  if (self->event != NULL)
    {
      path->events = g_new0 (char *, 2);
      path->events[0] = g_strdup (self->event);
    }
  path->segment = g_strdup (self->segment);
  if (self->period != NULL)
    {
      RdmPeriod period;

      if (!rdm_period_parse (self->period, &period, error))
        return FALSE;
      path->from_time = period.start;
      path->to_time = period.end;
    }

  /* percents in the controls, fractions in the engine, like --weights
   * 0.4,0.2,0.4 and --view-weight 0.4 */
  model->first_weight = self->first_weight / 100;
  model->middle_weight = self->middle_weight / 100;
  model->last_weight = self->last_weight / 100;
  model->half_life_days = self->half_life;
  model->markov_order = self->markov_order;
  model->click_priority = self->click_priority;
  model->view_weight = self->view_weight / 100;
  return TRUE;
}

guint
rdm_analysis_settings_get_models (RdmAnalysisSettings *self, RdmModel out[RDM_MODEL_N_MODELS])
{
  guint n = 0;

  g_return_val_if_fail (RDM_IS_ANALYSIS_SETTINGS (self), 0);

  for (guint m = 0; m < RDM_MODEL_N_MODELS; m++)
    if (self->models & (1u << m))
      out[n++] = (RdmModel)m;
  return n;
}

gboolean
rdm_analysis_settings_has_model (RdmAnalysisSettings *self, RdmModel model)
{
  g_return_val_if_fail (RDM_IS_ANALYSIS_SETTINGS (self), FALSE);

  return (self->models & (1u << model)) != 0;
}

void
rdm_analysis_settings_set_model (RdmAnalysisSettings *self, RdmModel model, gboolean enabled)
{
  guint models;

  g_return_if_fail (RDM_IS_ANALYSIS_SETTINGS (self));
  g_return_if_fail (model < RDM_MODEL_N_MODELS);

  models = enabled ? self->models | (1u << model) : self->models & ~(1u << model);
  /* the comparison always keeps one model */
  if (models != 0)
    g_object_set (self, "models", models, NULL);
}

RdmModel
rdm_analysis_settings_get_reference_model (RdmAnalysisSettings *self)
{
  g_return_val_if_fail (RDM_IS_ANALYSIS_SETTINGS (self), RDM_MODEL_LAST);

  return (RdmModel)self->reference_model;
}

guint
rdm_analysis_settings_get_resamples (RdmAnalysisSettings *self)
{
  g_return_val_if_fail (RDM_IS_ANALYSIS_SETTINGS (self), 0);

  return self->bootstrap ? self->resamples : 0;
}

const char *
rdm_analysis_model_label (RdmModel model)
{
  switch (model)
    {
    case RDM_MODEL_FIRST:
      return _ ("First touch");
    case RDM_MODEL_LAST:
      return _ ("Last touch");
    case RDM_MODEL_LAST_NON_DIRECT:
      return _ ("Last non-direct");
    case RDM_MODEL_LINEAR:
      return _ ("Linear");
    case RDM_MODEL_POSITION:
      return _ ("Position-based");
    case RDM_MODEL_TIME_DECAY:
      return _ ("Time decay");
    case RDM_MODEL_POSITION_DECAY:
      return _ ("Position decay");
    case RDM_MODEL_CUSTOM:
      return _ ("Custom");
    case RDM_MODEL_MARKOV:
      return _ ("Markov chain");
    case RDM_MODEL_SHAPLEY:
      return _ ("Shapley value");
    default:
      g_return_val_if_reached ("");
    }
}
