/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The analysis settings of a project and their place in the project file:
 * one row of model_setting, named RDM_ANALYSIS_CONFIG_NAME, whose
 * settings_json is an object with one member per field below, e.g.
 *
 *   {"click-window":7,"view-window":1,"model":3,"period":"2026Q2",…}
 *
 * (the same table the definitions export and import). Reading is
 * defensive: the file may come from someone else, so every member is
 * checked against the field's type and range before it is used.
 */

#include "config.h"

#include <math.h>
#include <cjson/cJSON.h>
#include <glib/gi18n-lib.h>

#include "rdm-analysis-config.h"
#include "rdm-period.h"
#include "rdm-project-db.h"
#include "rdm-shared-costs.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

#define DEFAULT_MODELS                                                                             \
  ((1u << RDM_MODEL_FIRST) | (1u << RDM_MODEL_LAST) | (1u << RDM_MODEL_LINEAR)                     \
   | (1u << RDM_MODEL_POSITION) | (1u << RDM_MODEL_TIME_DECAY) | (1u << RDM_MODEL_MARKOV))

#define F(name, type, member, min, max, def)                                                       \
  {                                                                                                \
    name, type, G_STRUCT_OFFSET (RdmAnalysisConfig, member), min, max, def                         \
  }

/* Defaults are the engine's (rdm_path_options_init, rdm_model_options_init)
 * and those of "rendement-cli roi" and "kpis" (linear) in the units of the
 * controls; windows stop at a year, as the controls do. */
const RdmConfigField rdm_analysis_config_fields[RDM_ANALYSIS_CONFIG_N_FIELDS] = {
  F ("models", RDM_CONFIG_UINT, models, 1, (1u << RDM_MODEL_N_MODELS) - 1, DEFAULT_MODELS),
  F ("reference-model",
     RDM_CONFIG_UINT,
     reference_model,
     0,
     RDM_MODEL_N_MODELS - 1,
     RDM_MODEL_LAST),
  F ("model", RDM_CONFIG_UINT, model, 0, RDM_MODEL_N_MODELS - 1, RDM_MODEL_LINEAR),
  F ("click-window", RDM_CONFIG_DOUBLE, click_window, 0, 365, RDM_PATH_DEFAULT_CLICK_WINDOW_DAYS),
  F ("view-window", RDM_CONFIG_DOUBLE, view_window, 0, 365, RDM_PATH_DEFAULT_VIEW_WINDOW_DAYS),
  F ("forward-window",
     RDM_CONFIG_DOUBLE,
     forward_window,
     0,
     365,
     RDM_PATH_DEFAULT_FORWARD_WINDOW_DAYS),
  F ("direction", RDM_CONFIG_UINT, direction, 0, 1, RDM_DIRECTION_BACKWARD),
  F ("level", RDM_CONFIG_UINT, level, 0, 2, RDM_LEVEL_CHANNEL),
  F ("restart", RDM_CONFIG_BOOLEAN, restart, 0, 1, TRUE),
  F ("period", RDM_CONFIG_STRING, period, 0, 0, 0),
  F ("event", RDM_CONFIG_STRING, event, 0, 0, 0),
  F ("segment", RDM_CONFIG_STRING, segment, 0, 0, 0),
  F ("click-priority", RDM_CONFIG_BOOLEAN, click_priority, 0, 1, FALSE),
  F ("view-weight", RDM_CONFIG_DOUBLE, view_weight, 0, 100, RDM_MODEL_DEFAULT_VIEW_PERCENT),
  F ("half-life", RDM_CONFIG_DOUBLE, half_life, 0.5, 365, RDM_MODEL_DEFAULT_HALF_LIFE_DAYS),
  F ("first-weight", RDM_CONFIG_DOUBLE, first_weight, 0, 100, RDM_MODEL_DEFAULT_FIRST_PERCENT),
  F ("middle-weight", RDM_CONFIG_DOUBLE, middle_weight, 0, 100, RDM_MODEL_DEFAULT_MIDDLE_PERCENT),
  F ("last-weight", RDM_CONFIG_DOUBLE, last_weight, 0, 100, RDM_MODEL_DEFAULT_LAST_PERCENT),
  F ("markov-order", RDM_CONFIG_UINT, markov_order, 1, 4, RDM_MODEL_DEFAULT_MARKOV_ORDER),
  F ("bootstrap", RDM_CONFIG_BOOLEAN, bootstrap, 0, 1, FALSE),
  F ("resamples", RDM_CONFIG_UINT, resamples, 10, 10000, 200),
  F ("calibrate", RDM_CONFIG_BOOLEAN, calibrate, 0, 1, FALSE),
  F ("shared-costs", RDM_CONFIG_STRING, shared_costs, 0, 0, 0),
};

#define FIELD_PTR(config, field, type) ((type *)(gpointer)((char *)(config) + (field)->offset))

void
rdm_analysis_config_init (RdmAnalysisConfig *config)
{
  memset (config, 0, sizeof *config);
  for (guint i = 0; i < RDM_ANALYSIS_CONFIG_N_FIELDS; i++)
    {
      const RdmConfigField *field = &rdm_analysis_config_fields[i];

      switch (field->type)
        {
        case RDM_CONFIG_UINT:
          *FIELD_PTR (config, field, guint) = (guint)field->def;
          break;
        case RDM_CONFIG_DOUBLE:
          *FIELD_PTR (config, field, double) = field->def;
          break;
        case RDM_CONFIG_BOOLEAN:
          *FIELD_PTR (config, field, gboolean) = field->def != 0;
          break;
        case RDM_CONFIG_STRING:
        default:
          break;
        }
    }
}

void
rdm_analysis_config_clear (RdmAnalysisConfig *config)
{
  g_clear_pointer (&config->period, g_free);
  g_clear_pointer (&config->event, g_free);
  g_clear_pointer (&config->segment, g_free);
  g_clear_pointer (&config->shared_costs, g_free);
}

void
rdm_analysis_config_copy (RdmAnalysisConfig *dest, const RdmAnalysisConfig *src)
{
  if (dest == src)
    return;
  rdm_analysis_config_clear (dest);
  *dest = *src;
  dest->period = g_strdup (src->period);
  dest->event = g_strdup (src->event);
  dest->segment = g_strdup (src->segment);
  dest->shared_costs = g_strdup (src->shared_costs);
}

gboolean
rdm_analysis_config_get_options (const RdmAnalysisConfig *config,
                                 RdmPathOptions *path,
                                 RdmModelOptions *model,
                                 GError **error)
{
  rdm_path_options_init (path);
  rdm_model_options_init (model);
  path->level = config->level;
  path->direction = config->direction;
  path->click_window_days = config->click_window;
  path->view_window_days = config->view_window;
  path->forward_window_days = config->forward_window;
  path->restart_after_conversion = config->restart;
  if (config->event != NULL)
    {
      path->events = g_new0 (char *, 2);
      path->events[0] = g_strdup (config->event);
    }
  path->segment = g_strdup (config->segment);
  if (config->period != NULL)
    {
      RdmPeriod period;

      if (!rdm_period_parse (config->period, &period, error))
        return FALSE;
      path->from_time = period.start;
      path->to_time = period.end;
    }

  /* percents in the controls, fractions in the engine, like --weights
   * 0.4,0.2,0.4 and --view-weight 0.4 */
  model->first_weight = config->first_weight / 100;
  model->middle_weight = config->middle_weight / 100;
  model->last_weight = config->last_weight / 100;
  model->half_life_days = config->half_life;
  model->markov_order = config->markov_order;
  model->click_priority = config->click_priority;
  model->view_weight = config->view_weight / 100;
  /* what the CLI refuses (weights all zero), the window refuses too */
  return rdm_model_options_validate (model, error);
}

/* Loading and saving */

/* Reads @item into @field of @config when it is valid for it; otherwise
 * appends why not to @warnings. */
static void
read_member (RdmAnalysisConfig *config,
             const RdmConfigField *field,
             const cJSON *item,
             GString *warnings)
{
  const char *problem = NULL;

  switch (field->type)
    {
    case RDM_CONFIG_UINT:
    case RDM_CONFIG_DOUBLE:
      if (!cJSON_IsNumber (item) || !isfinite (item->valuedouble))
        problem = _ ("not a number");
      else if (item->valuedouble < field->min || item->valuedouble > field->max)
        problem = _ ("out of range");
      else if (field->type == RDM_CONFIG_DOUBLE)
        *FIELD_PTR (config, field, double) = item->valuedouble;
      else if (item->valuedouble != floor (item->valuedouble))
        problem = _ ("not a whole number");
      else
        *FIELD_PTR (config, field, guint) = (guint)item->valuedouble;
      break;
    case RDM_CONFIG_BOOLEAN:
      if (!cJSON_IsBool (item))
        problem = _ ("not true or false");
      else
        *FIELD_PTR (config, field, gboolean) = cJSON_IsTrue (item);
      break;
    case RDM_CONFIG_STRING:
    default:
      {
        char **text = FIELD_PTR (config, field, char *);
        RdmPeriod period;
        g_auto (RdmSharedRule) rule = { RDM_SHARED_BY_MEDIA, NULL };

        if (!cJSON_IsNull (item)
            && (!cJSON_IsString (item) || !g_utf8_validate (item->valuestring, -1, NULL)))
          problem = _ ("not a text");
        else if (cJSON_IsString (item) && g_str_equal (field->name, "period")
                 && !rdm_period_parse (item->valuestring, &period, NULL))
          problem = _ ("not a period");
        else if (cJSON_IsString (item) && g_str_equal (field->name, "shared-costs")
                 && !rdm_shared_rule_parse (item->valuestring, &rule, NULL))
          problem = _ ("not a rule for shared costs (media, even or group=NAME)");
        else
          {
            g_free (*text);
            *text = cJSON_IsString (item) && *item->valuestring != '\0'
                        ? g_strdup (item->valuestring)
                        : NULL;
          }
      }
      break;
    }
  if (problem != NULL)
    {
      if (warnings->len > 0)
        g_string_append (warnings, " ");
      /* Translators: a saved analysis setting that could not be used, e.g.
       * "“click-window” is out of range: the default is used." */
      g_string_append_printf (warnings, _ ("“%s” is %s: the default is used."), field->name,
                              problem);
    }
}

gboolean
rdm_project_load_analysis_config (RdmProject *project,
                                  RdmAnalysisConfig *config,
                                  char **out_warning,
                                  GError **error)
{
  g_autoptr (GString) warnings = g_string_new (NULL);
  g_autoptr (cJSON) root = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RDM_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (out_warning == NULL || *out_warning == NULL, FALSE);

  stmt = rdm_project_prepare (project, "SELECT settings_json FROM model_setting WHERE name = ?1",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, RDM_ANALYSIS_CONFIG_NAME, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return rdm_project_set_sql_error (project, error, _ ("Reading the analysis settings"));
  root = cJSON_ParseWithLength ((const char *)sqlite3_column_text (stmt, 0),
                                sqlite3_column_bytes (stmt, 0));
  sqlite3_reset (stmt);
  if (!cJSON_IsObject (root))
    g_string_append (warnings, _ ("The saved analysis settings are not a JSON object: the "
                                  "defaults are used."));
  else
    for (guint i = 0; i < RDM_ANALYSIS_CONFIG_N_FIELDS; i++)
      {
        const RdmConfigField *field = &rdm_analysis_config_fields[i];
        const cJSON *item = cJSON_GetObjectItemCaseSensitive (root, field->name);

        if (item != NULL)
          read_member (config, field, item, warnings);
      }
  if (out_warning != NULL && warnings->len > 0)
    *out_warning = g_strdup (warnings->str);
  return TRUE;
}

gboolean
rdm_project_save_analysis_config (RdmProject *project,
                                  const RdmAnalysisConfig *config,
                                  GError **error)
{
  g_autoptr (cJSON) root = cJSON_CreateObject ();
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RDM_IS_PROJECT (project), FALSE);

  for (guint i = 0; i < RDM_ANALYSIS_CONFIG_N_FIELDS; i++)
    {
      const RdmConfigField *field = &rdm_analysis_config_fields[i];

      switch (field->type)
        {
        case RDM_CONFIG_UINT:
          cJSON_AddNumberToObject (root, field->name, *FIELD_PTR (config, field, guint));
          break;
        case RDM_CONFIG_DOUBLE:
          cJSON_AddNumberToObject (root, field->name, *FIELD_PTR (config, field, double));
          break;
        case RDM_CONFIG_BOOLEAN:
          cJSON_AddBoolToObject (root, field->name, *FIELD_PTR (config, field, gboolean));
          break;
        case RDM_CONFIG_STRING:
        default:
          {
            const char *value = *FIELD_PTR (config, field, char *);

            if (value != NULL)
              cJSON_AddStringToObject (root, field->name, value);
            else
              cJSON_AddNullToObject (root, field->name);
          }
          break;
        }
    }
  text = cJSON_PrintUnformatted (root);
  stmt = rdm_project_prepare (
      project,
      "INSERT INTO model_setting (name, settings_json) VALUES (?1, ?2)"
      " ON CONFLICT (name) DO UPDATE SET settings_json = excluded.settings_json",
      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, RDM_ANALYSIS_CONFIG_NAME, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Saving the analysis settings"));
  return TRUE;
}
