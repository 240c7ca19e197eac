/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Settings in, attribution results out, for every front end. The CLI and
 * the window each had their own copy of these steps and drifted apart;
 * both now call these functions, so the same settings give the same
 * numbers by construction, not by care.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rdm-attribution-run.h"
#include "rdm-attribution.h"
#include "rdm-bootstrap.h"
#include "rdm-channel-rules-data.h"
#include "rdm-event-loader.h"
#include "rdm-experiments.h"
#include "rdm-path-builder.h"
#include "rdm-path-loader.h"
#include "rdm-project-db.h"
#include "rdm-segments.h"
#include "rdm-warehouse.h"
#include "rdm-world-data.h"

/* Whether @project holds events and whether it holds a path table: a look
 * at the first row of each table, where rdm_project_get_info() would count
 * every row and read every touchpoint's time. */
static gboolean
query_sources (RdmProject *project,
               gboolean *has_events,
               gboolean *has_paths,
               gboolean *nulls_unknown,
               GError **error)
{
  sqlite3_stmt *stmt = rdm_project_prepare (
      project,
      "SELECT EXISTS (SELECT 1 FROM touchpoint)"
      " OR EXISTS (SELECT 1 FROM conversion), EXISTS (SELECT 1 FROM path_row),"
      " EXISTS (SELECT 1 FROM path_row WHERE nulls_known = 0)",
      error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return rdm_project_set_sql_error (project, error, _ ("Reading the project’s totals"));
    }
  *has_events = sqlite3_column_int (stmt, 0) != 0;
  *has_paths = sqlite3_column_int (stmt, 1) != 0;
  *nulls_unknown = sqlite3_column_int (stmt, 2) != 0;
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
load_warehouse_settings (RdmProject *project, RdmAttributionData *data, GError **error)
{
  GError *source_error = NULL;
  g_autoptr (RdmWarehouseSource) source
      = rdm_project_load_warehouse_source (project, &source_error);

  if (source_error != NULL)
    {
      g_propagate_error (error, source_error);
      return FALSE;
    }
  if (source != NULL)
    {
      data->warehouse = g_new (RdmPathOptions, 1);
      *data->warehouse = source->path;
      /* the options now belong to data->warehouse */
      source->path.events = NULL;
      source->path.segment = NULL;
    }
  return TRUE;
}

gboolean
rdm_attribution_data_load (RdmProject *project,
                           RdmAttributionData *data,
                           GCancellable *cancellable,
                           GError **error)
{
  gboolean has_events = FALSE;
  gboolean has_paths = FALSE;
  gboolean nulls_unknown = FALSE;

  g_return_val_if_fail (RDM_IS_PROJECT (project), FALSE);

  *data = (RdmAttributionData){ 0 };
  if (!query_sources (project, &has_events, &has_paths, &nulls_unknown, error))
    return FALSE;
  data->nulls_unknown = !has_events && has_paths && nulls_unknown;
  /* a project with events is analysed from them, even when it also holds
   * a path table: the table stands in only for events one does not have */
  if (!has_events && has_paths)
    {
      data->table = rdm_project_load_path_table (project, cancellable, error);
      if (data->table != NULL
          && ((data->table_groups = rdm_project_channel_groups (project, error)) == NULL
              || !load_warehouse_settings (project, data, error)))
        rdm_attribution_data_clear (data);
    }
  else
    {
      g_autoptr (GArray) experiments = NULL;

      data->store = rdm_event_store_load (project, cancellable, error);
      if (data->store != NULL
          && (!rdm_project_load_truth (project, data->store, &data->truth, &data->truth_unavailable,
                                       error)
              || (experiments = rdm_project_load_experiments (project, TRUE, error)) == NULL))
        {
          rdm_attribution_data_clear (data);
          return FALSE;
        }
      data->has_experiments = experiments != NULL && experiments->len > 0;
    }
  return data->table != NULL || data->store != NULL;
}

void
rdm_attribution_data_clear (RdmAttributionData *data)
{
  g_clear_pointer (&data->store, rdm_event_store_free);
  g_clear_pointer (&data->table, rdm_path_set_free);
  g_clear_pointer (&data->table_groups, g_hash_table_unref);
  g_clear_pointer (&data->truth, g_array_unref);
  g_clear_pointer (&data->truth_unavailable, g_free);
  if (data->warehouse != NULL)
    rdm_path_options_clear (data->warehouse);
  g_clear_pointer (&data->warehouse, g_free);
}

/* "30 days", "1 day", "0.5 days", in the locale's digits */
static char *
days_text (double days)
{
  g_autofree char *number = g_strdup_printf ("%g", days);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s day", "%s days", days == 1 ? 1 : 2),
                          number);
}

static gboolean
same_events (char **a, char **b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (g_strv_length (a) != g_strv_length (b))
    return FALSE;
  for (guint i = 0; a[i] != NULL; i++)
    if (!g_strv_contains ((const char *const *)b, a[i]))
      return FALSE;
  return TRUE;
}

/* Whether @path asks for other windows, restart, period or events than
 * the warehouse built its table with: then the table cannot answer, even
 * when @path holds the engine's defaults (the command line fills the
 * options the user did not type from the table's; see
 * rdm-cli-analysis.c). */
static gboolean
differs_from_warehouse (const RdmPathOptions *path, const RdmPathOptions *built)
{
  return path->click_window_days != built->click_window_days
         || path->view_window_days != built->view_window_days
         || path->restart_after_conversion != built->restart_after_conversion
         || path->from_time != built->from_time || path->to_time != built->to_time
         || !same_events (path->events, built->events);
}

void
rdm_attribution_request_init (RdmAttributionRequest *request)
{
  *request = (RdmAttributionRequest){ 0 };
  rdm_path_options_init (&request->path);
  rdm_model_options_init (&request->model);
  request->seed = RDM_BOOTSTRAP_DEFAULT_SEED;
}

void
rdm_attribution_request_clear (RdmAttributionRequest *request)
{
  rdm_path_options_clear (&request->path);
  rdm_model_options_clear (&request->model);
}

gboolean
rdm_attribution_request_set_config (RdmAttributionRequest *request,
                                    const RdmAnalysisConfig *config,
                                    GError **error)
{
  guint models = config->models | (1u << config->reference_model);

  rdm_attribution_request_clear (request);
  if (!rdm_analysis_config_get_options (config, &request->path, &request->model, error))
    return FALSE;
  request->n_models = 0;
  for (guint m = 0; m < RDM_MODEL_N_MODELS; m++)
    if (models & (1u << m))
      request->models[request->n_models++] = (RdmModel)m;
  request->resamples = config->bootstrap ? config->resamples : 0;
  request->calibrate = config->calibrate;
  return TRUE;
}

gboolean
rdm_attribution_journeys_init (RdmAttributionJourneys *journeys,
                               RdmProject *project,
                               const RdmAttributionData *data,
                               const RdmPathOptions *path,
                               GCancellable *cancellable,
                               GError **error)
{
  g_return_val_if_fail (data->store != NULL || data->table != NULL, FALSE);

  *journeys = (RdmAttributionJourneys){ 0 };
  if (data->store == NULL)
    {
      if (path->segment != NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _ ("This project holds only an aggregated path table, which has "
                                  "no visitors: segments need imported events."));
          return FALSE;
        }
      if (path->direction == RDM_DIRECTION_FORWARD)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _ ("This project holds only an aggregated path table, which has no "
                                  "exposure times: the forward direction needs imported events."));
          return FALSE;
        }
      if (path->level == RDM_LEVEL_CAMPAIGN)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _ ("This project holds only an aggregated path table, whose paths "
                                  "name channels: analyse it by channel or by channel group."));
          return FALSE;
        }
      if (data->warehouse != NULL && differs_from_warehouse (path, data->warehouse))
        {
          g_autofree char *click = days_text (data->warehouse->click_window_days);
          g_autofree char *view = days_text (data->warehouse->view_window_days);

          g_set_error (error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_OTHER_RULES,
                       /* Translators: the windows are "30 days", "1 day" */
                       _ ("The database built this project’s journeys with a click window of %s "
                          "and a view window of %s, for one evaluation period and one set of "
                          "events; other settings need the database to build them again "
                          "(import from it again)."),
                       click, view);
          return FALSE;
        }
      if (path->level == RDM_LEVEL_GROUP)
        {
          journeys->built = rdm_path_set_rename_labels (data->table, data->table_groups,
                                                        RDM_CHANNEL_GROUP_UNASSIGNED);
          journeys->paths = journeys->built;
          return TRUE;
        }
      journeys->paths = data->table;
      return TRUE;
    }

  if (path->segment != NULL)
    {
      g_return_val_if_fail (RDM_IS_PROJECT (project), FALSE);
      journeys->visitor_mask = rdm_project_segment_mask (
          project, data->store, path->segment, &journeys->n_segment_visitors, cancellable, error);
      if (journeys->visitor_mask == NULL)
        return FALSE;
    }
  if (path->direction == RDM_DIRECTION_FORWARD)
    return TRUE;
  journeys->built = rdm_path_builder_build (data->store, path, journeys->visitor_mask, error);
  if (journeys->built == NULL)
    {
      rdm_attribution_journeys_clear (journeys);
      return FALSE;
    }
  journeys->paths = journeys->built;
  return TRUE;
}

void
rdm_attribution_journeys_clear (RdmAttributionJourneys *journeys)
{
  g_clear_pointer (&journeys->visitor_mask, g_free);
  g_clear_pointer (&journeys->built, rdm_path_set_free);
  journeys->paths = NULL;
}

RdmCredit *
rdm_attribution_run_model (const RdmPathSet *paths,
                           RdmModel model,
                           const RdmAttributionRequest *request,
                           GCancellable *cancellable,
                           GError **error)
{
  RdmCredit *credit = NULL;

  if (request->resamples == 0)
    return rdm_attribute (paths, model, &request->model, cancellable, error);
  if (!rdm_bootstrap (paths, model, &request->model, request->resamples, request->seed,
                      request->threads, cancellable, &credit, error))
    return NULL;
  return credit;
}

static void
failure_clear (RdmAttributionFailure *failure)
{
  g_clear_error (&failure->error);
}

void
rdm_attribution_run_free (RdmAttributionRun *run)
{
  if (run == NULL)
    return;
  rdm_attribution_journeys_clear (&run->journeys);
  g_clear_pointer (&run->forward, rdm_forward_result_free);
  g_clear_pointer (&run->credits, g_ptr_array_unref);
  g_clear_pointer (&run->failures, g_array_unref);
  g_clear_pointer (&run->truth, rdm_truth_free);
  g_free (run->truth_note);
  g_clear_pointer (&run->calibrated, g_ptr_array_unref);
  g_free (run);
}

/* The truth is per channel: a world's conversion is caused by a channel,
 * never by one of its campaigns alone. */
static void
run_truth (RdmAttributionRun *run, const RdmAttributionData *data, const RdmPathOptions *path)
{
  if (data->truth_unavailable != NULL)
    run->truth_note = g_strdup (data->truth_unavailable);
  else if (data->truth != NULL && path->level != RDM_LEVEL_CHANNEL)
    run->truth_note = g_strdup (_ ("The simulated world’s truth is known per channel: analyse by "
                                   "channel to compare the models with it."));
  else if (data->truth != NULL)
    run->truth = rdm_truth_compute (data->store, (const RdmTruthEffect *)data->truth->data,
                                    data->truth->len, path, run->journeys.visitor_mask);
}

/* The journeys of one date range of experiments. */
typedef struct
{
  gint64 start_day;
  gint64 end_day;
  RdmPathSet *paths;
} ExperimentRange;

static void
range_clear (ExperimentRange *range)
{
  g_clear_pointer (&range->paths, rdm_path_set_free);
}

static ExperimentRange *
find_range (GArray *ranges, gint64 start_day, gint64 end_day)
{
  for (guint r = 0; r < ranges->len; r++)
    {
      ExperimentRange *range = &g_array_index (ranges, ExperimentRange, r);

      if (range->start_day == start_day && range->end_day == end_day)
        return range;
    }
  return NULL;
}

static gboolean
calibration_supported (const RdmAttributionData *data,
                       const RdmAttributionRequest *request,
                       GError **error)
{
  if (data->store == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _ ("This project holds only an aggregated path table, which has no "
                              "dates: calibration by experiments needs imported events."));
      return FALSE;
    }
  if (request->path.level == RDM_LEVEL_GROUP)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _ ("Experiments measure channels: calibrate by channel or by "
                              "campaign, not by channel group."));
      return FALSE;
    }
  if (request->path.direction == RDM_DIRECTION_FORWARD)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _ ("Calibration scales the credit of conversions, so it uses the "
                              "backward direction."));
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
rdm_attribution_calibrations (RdmProject *project,
                              const RdmAttributionData *data,
                              const RdmAttributionRequest *request,
                              const guint8 *visitor_mask,
                              const RdmModel *models,
                              guint n_models,
                              GCancellable *cancellable,
                              GError **error)
{
  g_autoptr (GArray) experiments = NULL;
  g_autoptr (GArray) ranges = g_array_new (FALSE, TRUE, sizeof (ExperimentRange));
  g_autoptr (GPtrArray) calibrations
      = g_ptr_array_new_with_free_func ((GDestroyNotify)rdm_calibration_free);
  g_autofree RdmExperimentCredit *credits = NULL;

  g_return_val_if_fail (RDM_IS_PROJECT (project), NULL);
  g_return_val_if_fail (data != NULL && request != NULL, NULL);

  if (!calibration_supported (data, request, error))
    return NULL;
  experiments = rdm_project_load_experiments (project, TRUE, error);
  if (experiments == NULL)
    return NULL;
  if (experiments->len == 0)
    {
      g_autofree char *name = g_path_get_basename (rdm_project_get_path (project));
      g_autoptr (GArray) cuts = rdm_project_load_experiments (project, FALSE, error);

      if (cuts == NULL)
        return NULL;
      if (cuts->len > 0)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     /* TRANSLATORS: %s is the project file */
                     _ ("The experiments in “%s” cut a channel’s spend without stopping it: they "
                        "measure what the last part of the spend brought, which tells the media "
                        "mix its curves, not how much of a channel’s credit is real; calibrating "
                        "needs a holdout (spend_kept 0)"),
                     name);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     /* TRANSLATORS: %s is the project file */
                     _ ("There are no experiments in “%s”: import some with --kind experiments"),
                     name);
      return NULL;
    }

  /* the journeys of each date range, once for every model */
  g_array_set_clear_func (ranges, (GDestroyNotify)range_clear);
  for (guint e = 0; e < experiments->len; e++)
    {
      const RdmExperiment *experiment = &g_array_index (experiments, RdmExperiment, e);
      RdmPathOptions options = request->path;
      ExperimentRange range = { experiment->start_day, experiment->end_day, NULL };

      if (find_range (ranges, range.start_day, range.end_day) != NULL)
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      /* a shallow copy: the events and segment are only read */
      options.level = RDM_LEVEL_CHANNEL;
      options.from_time = experiment->start_day;
      options.to_time = experiment->end_day + 86400;
      range.paths = rdm_path_builder_build (data->store, &options, visitor_mask, error);
      if (range.paths == NULL)
        return NULL;
      g_array_append_val (ranges, range);
    }

  credits = g_new0 (RdmExperimentCredit, experiments->len);
  for (guint m = 0; m < n_models; m++)
    {
      RdmCalibration *calibration;

      for (guint e = 0; e < experiments->len; e++)
        {
          const RdmExperiment *experiment = &g_array_index (experiments, RdmExperiment, e);

          credits[e] = (RdmExperimentCredit){
            .channel = experiment->channel,
            .incremental_conversions = experiment->incremental_conversions,
            .incremental_value = experiment->incremental_value,
          };
        }
      for (guint r = 0; r < ranges->len; r++)
        {
          const ExperimentRange *range = &g_array_index (ranges, ExperimentRange, r);
          g_autoptr (GError) model_error = NULL;
          g_autoptr (RdmCredit) credit
              = rdm_attribute (range->paths, models[m], &request->model, cancellable, &model_error);

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
          /* no credit (a model that cannot run on so few journeys):
           * the experiments of these dates calibrate nothing */
          if (credit == NULL)
            continue;
          for (guint e = 0; e < experiments->len; e++)
            {
              const RdmExperiment *experiment = &g_array_index (experiments, RdmExperiment, e);
              int label = rdm_credit_find_label (credit, experiment->channel);

              if (experiment->start_day != range->start_day || experiment->end_day != range->end_day
                  || label < 0)
                continue;
              credits[e].credited_conversions = credit->conversions[label];
              credits[e].credited_value = credit->value[label];
            }
        }
      calibration = rdm_calibration_new (credits, experiments->len, request->untested);
      if (request->path.level == RDM_LEVEL_CAMPAIGN)
        for (guint c = 0; c < data->store->campaign_names->len; c++)
          {
            g_autofree char *label = rdm_event_store_campaign_label (data->store, c);
            guint32 channel = g_array_index (data->store->campaign_channel, guint32, c);

            rdm_calibration_set_label_channel (calibration, label,
                                               data->store->channel_names->pdata[channel]);
          }
      g_ptr_array_add (calibrations, calibration);
    }
  return g_steal_pointer (&calibrations);
}

/* Calibrates every credit of @run (see rdm_attribution_calibrations()). */
static gboolean
calibrate_run (RdmAttributionRun *run,
               RdmProject *project,
               const RdmAttributionData *data,
               const RdmAttributionRequest *request,
               GCancellable *cancellable,
               GError **error)
{
  g_autofree RdmModel *models = g_new (RdmModel, MAX (run->credits->len, 1));
  g_autoptr (GPtrArray) calibrations = NULL;

  for (guint m = 0; m < run->credits->len; m++)
    models[m] = ((const RdmCredit *)g_ptr_array_index (run->credits, m))->model;
  calibrations = rdm_attribution_calibrations (project, data, request, run->journeys.visitor_mask,
                                               models, run->credits->len, cancellable, error);
  if (calibrations == NULL)
    return FALSE;
  run->calibrated = g_ptr_array_new_with_free_func ((GDestroyNotify)rdm_calibrated_free);
  for (guint m = 0; m < run->credits->len; m++)
    g_ptr_array_add (run->calibrated, rdm_calibration_apply (g_ptr_array_index (calibrations, m),
                                                             g_ptr_array_index (run->credits, m)));
  return TRUE;
}

/* Markov's removal effects and Shapley's coalition values are conversion
 * rates, conversions / (conversions + nulls): with every null unknown
 * they are 1 for every path, and what the models give is no longer a
 * measure of what a channel adds. */
static void
add_nulls_note (RdmCredit *credit)
{
  if (credit->model == RDM_MODEL_MARKOV)
    rdm_credit_add_note (
        credit, _ ("The path table holds converting paths only (a GA4 conversion paths export): "
                   "its non-converting journeys (nulls) are unknown, not zero, so Markov’s "
                   "chain sees every journey convert, and its removal effects only measure how "
                   "much of the converting traffic passes through each channel, not what the "
                   "channel adds; compare with the rule-based models."));
  else if (credit->model == RDM_MODEL_SHAPLEY)
    rdm_credit_add_note (
        credit,
        /* xgettext:no-c-format */
        _ ("The path table holds converting paths only (a GA4 conversion paths export): "
           "its non-converting journeys (nulls) are unknown, not zero, so every set of "
           "channels converts at 100 % and Shapley’s shares only reflect which channels "
           "appear together."));
}

RdmAttributionRun *
rdm_attribution_run (RdmProject *project,
                     const RdmAttributionData *data,
                     const RdmAttributionRequest *request,
                     GCancellable *cancellable,
                     GError **error)
{
  g_autoptr (RdmAttributionRun) run = g_new0 (RdmAttributionRun, 1);

  g_return_val_if_fail (data != NULL && request != NULL, NULL);

  run->credits = g_ptr_array_new_with_free_func ((GDestroyNotify)rdm_credit_free);
  run->failures = g_array_new (FALSE, FALSE, sizeof (RdmAttributionFailure));
  g_array_set_clear_func (run->failures, (GDestroyNotify)failure_clear);
  if (request->calibrate && !calibration_supported (data, request, error))
    return NULL;
  if (!rdm_attribution_journeys_init (&run->journeys, project, data, &request->path, cancellable,
                                      error))
    return NULL;

  if (request->path.direction == RDM_DIRECTION_FORWARD)
    {
      run->forward
          = rdm_forward_compute (data->store, &request->path, run->journeys.visitor_mask, error);
      return run->forward != NULL ? g_steal_pointer (&run) : NULL;
    }

  for (guint m = 0; m < request->n_models; m++)
    {
      g_autoptr (GError) model_error = NULL;
      RdmCredit *credit = rdm_attribution_run_model (run->journeys.paths, request->models[m],
                                                     request, cancellable, &model_error);

      /* a model stopped by the cancellation has already said so, in its
       * own words: the run's caller wants the cancellation itself */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_clear_pointer (&credit, rdm_credit_free);
          return NULL;
        }
      if (credit != NULL && data->nulls_unknown)
        add_nulls_note (credit);
      if (credit != NULL)
        g_ptr_array_add (run->credits, credit);
      else
        {
          RdmAttributionFailure failure = { request->models[m], g_steal_pointer (&model_error) };

          g_array_append_val (run->failures, failure);
        }
    }
  if (request->calibrate && !calibrate_run (run, project, data, request, cancellable, error))
    return NULL;
  run_truth (run, data, &request->path);
  return g_steal_pointer (&run);
}
