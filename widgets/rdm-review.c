/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rdm-attribution-run.h"
#include "rdm-chart-render.h"
#include "rdm-document-pdf.h"
#include "rdm-format.h"
#include "rdm-metrics.h"
#include "rdm-kpi-report.h"
#include "rdm-media-mix-report.h"
#include "rdm-path-analysis.h"
#include "rdm-report-charts.h"
#include "rdm-review-private.h"
#include "rdm-roi-report.h"
#include "rdm-truth.h"
#include "rdm-window-sweep.h"

static const char *const chart_kinds[] = {
  "roi", "cost-value", "models", "window", "paths", "overlap", NULL,
};

const char *const *
rdm_review_chart_kinds (void)
{
  return chart_kinds;
}

static RdmModel
first_model (const RdmReviewInput *input)
{
  return g_array_index (input->models, RdmModel, 0);
}

static GPtrArray *
run_models (const RdmReviewInput *input, GError **error)
{
  g_autoptr (GPtrArray) credits = g_ptr_array_new_with_free_func ((GDestroyNotify)rdm_credit_free);
  /* borrows the input's model options, so it is not cleared */
  RdmAttributionRequest request = {
    .model = *input->model,
    .resamples = input->bootstrap,
    .seed = input->seed,
    .threads = input->threads,
  };

  for (guint m = 0; m < input->models->len; m++)
    {
      RdmCredit *credit = rdm_attribution_run_model (
          input->paths, g_array_index (input->models, RdmModel, m), &request, NULL, error);

      if (credit == NULL)
        return NULL;
      if (input->calibrations != NULL)
        {
          g_autoptr (RdmCalibrated) calibrated
              = rdm_calibration_apply (input->calibrations->pdata[m], credit);

          rdm_credit_free (credit);
          credit = g_steal_pointer (&calibrated->credit);
        }
      g_ptr_array_add (credits, credit);
    }
  return g_steal_pointer (&credits);
}

/* What the credit on a chart is: calibrated, or not incrementality. */
static void
note_credit (RdmChart *chart, const RdmReviewInput *input)
{
  rdm_chart_set_note (chart,
                      input->calibrations != NULL
                          ? _ ("Credit calibrated by the project’s experiments: the Baseline "
                               "holds the conversions they say would have happened anyway.")
                          /* one line on a chart */
                          : _ ("Credit is not incrementality: every model also shares out the "
                               "conversions that would have happened anyway."));
}

/* The ROI report of each of the first @n_models of @input's models, as
 * "rendement-cli roi" computes them. */
static GPtrArray *
roi_reports (const RdmReviewInput *input, guint n_models, GError **error)
{
  RdmPeriod period;
  RdmPathOptions options = *input->path;
  RdmRoiSettings settings;
  const RdmPeriod *chosen;
  const RdmModel *models = &g_array_index (input->models, RdmModel, 0);

  rdm_roi_settings_init (&settings);
  settings.shared_rule = input->shared_rule;
  /* by group, ROI sums the channels' rows (rdm_roi_report_compute()) */
  if (options.level == RDM_LEVEL_GROUP)
    {
      settings.by_group = TRUE;
      options.level = RDM_LEVEL_CHANNEL;
    }
  if (input->period != NULL)
    period = *input->period;
  else if (!input->whole_data
           && !rdm_project_latest_period (input->project, RDM_PERIOD_QUARTER, &period, error))
    return NULL;
  chosen = input->whole_data ? NULL : &period;
  /* a path table: its credit against the period's costs */
  if (input->store == NULL)
    return rdm_roi_reports_compute_table (input->project, input->paths, input->model, models,
                                          n_models, chosen, &settings, NULL, NULL, error);
  /* the ROI report cuts its own periods (this one and the previous) */
  options.from_time = G_MININT64;
  options.to_time = G_MAXINT64;
  return rdm_roi_reports_compute_calibrated (
      input->project, input->store, &options, input->model, input->visitor_mask, models, n_models,
      input->calibrations != NULL ? (const RdmCalibration *const *)input->calibrations->pdata
                                  : NULL,
      chosen, &settings, NULL, NULL, error);
}

static RdmRoiReport *
roi_report (const RdmReviewInput *input, GError **error)
{
  g_autoptr (GPtrArray) reports = roi_reports (input, 1, error);

  return reports != NULL ? g_steal_pointer (&reports->pdata[0]) : NULL;
}

/* The ROI chart states the rule of the shared costs when it counted some,
 * and a path table's charts that its credit has no dates; otherwise they
 * say what the credit is. */
static void
note_roi (RdmChart *chart, const RdmReviewInput *input, const RdmRoiReport *report, gboolean roi)
{
  g_autofree char *amount = rdm_format_amount (report->shared_total);
  g_autofree char *shared = roi ? rdm_roi_report_describe_shared (report, amount) : NULL;
  g_autofree char *undated = rdm_roi_report_describe_undated (report);

  if (shared != NULL)
    rdm_chart_set_note (chart, shared);
  else if (undated != NULL)
    rdm_chart_set_note (chart, undated);
  else
    note_credit (chart, input);
}

RdmChart *
rdm_review_build_chart (const char *kind, const RdmReviewInput *input, GError **error)
{
  g_return_val_if_fail (kind != NULL && input != NULL, NULL);
  g_return_val_if_fail (input->models != NULL && input->models->len > 0, NULL);

  if (g_str_equal (kind, "models"))
    {
      g_autoptr (GPtrArray) credits = run_models (input, error);
      RdmChart *chart = credits != NULL ? rdm_report_chart_models (credits, input->truth) : NULL;

      if (chart != NULL)
        note_credit (chart, input);
      return chart;
    }
  if (g_str_equal (kind, "roi") || g_str_equal (kind, "cost-value"))
    {
      g_autoptr (RdmRoiReport) report = roi_report (input, error);
      RdmChart *chart;

      if (report == NULL)
        return NULL;
      chart = g_str_equal (kind, "roi") ? rdm_report_chart_roi (report)
                                        : rdm_report_chart_cost_value (report);
      note_roi (chart, input, report, g_str_equal (kind, "roi"));
      return chart;
    }
  if (g_str_equal (kind, "window"))
    {
      g_autoptr (RdmWindowSweep) sweep = NULL;

      if (input->store == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _ ("An imported path table has no touch times, so windows do not apply to "
                          "it"));
          return NULL;
        }
      sweep = rdm_window_sweep_compute (
          input->store, input->path, input->visitor_mask, first_model (input), input->model,
          rdm_window_sweep_default_windows, RDM_WINDOW_SWEEP_N_DEFAULT_WINDOWS, NULL, error);
      return sweep != NULL ? rdm_report_chart_window (sweep, first_model (input)) : NULL;
    }
  if (g_str_equal (kind, "paths") || g_str_equal (kind, "overlap"))
    {
      g_autoptr (RdmPathAnalysis) report = rdm_path_analysis_compute (input->paths, 10, 10);

      return g_str_equal (kind, "paths") ? rdm_report_chart_path_lengths (report)
                                         : rdm_report_chart_overlap (report);
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _ ("Unknown chart kind “%s”: expected roi, cost-value, models, window, paths or "
                  "overlap"),
               kind);
  return NULL;
}

gboolean
rdm_review_check_path (const char *out, GError **error)
{
  if (!g_str_has_suffix (out, ".pdf") && !g_str_has_suffix (out, ".PDF"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("The report is a PDF: name it .pdf"));
      return FALSE;
    }
  return TRUE;
}

/* The charts of @facts, with the notes that say what their numbers are. */
static void
build_charts (RdmReviewFacts *facts, const RdmReviewInput *input, GError **error)
{
  const RdmRoiReport *report = g_ptr_array_index (facts->roi, 0);

  facts->roi_chart = rdm_report_chart_roi (report);
  note_roi (facts->roi_chart, input, report, TRUE);
  facts->cost_value_chart = rdm_report_chart_cost_value (report);
  note_roi (facts->cost_value_chart, input, report, FALSE);
  facts->models_chart = rdm_report_chart_models (facts->credits, input->truth);
  note_credit (facts->models_chart, input);
  facts->lengths_chart = rdm_report_chart_path_lengths (facts->paths);
  facts->overlap_chart = rdm_report_chart_overlap (facts->paths);
}

/* The KPI scorecard of the period; NULL without KPIs. */
static GPtrArray *
review_kpis (const RdmReviewInput *input, const RdmRoiReport *report, GError **error)
{
  g_autoptr (RdmMetrics) metrics = NULL;
  g_autoptr (GPtrArray) results = NULL;
  RdmPathOptions options = *input->path;

  options.from_time = G_MININT64;
  options.to_time = G_MAXINT64;
  metrics = rdm_metrics_new (input->project, input->store, &options, input->model,
                             input->visitor_mask, first_model (input));
  results = rdm_kpi_report_compute (metrics, input->project,
                                    report->has_period ? &report->period : NULL, error);
  if (results == NULL || results->len == 0)
    return NULL;
  return g_steal_pointer (&results);
}

static gboolean
compute_facts (RdmReviewFacts *facts, const RdmReviewInput *input, GError **error)
{
  g_autoptr (GError) kpi_error = NULL;
  const RdmRoiReport *report;

  facts->models = input->models;
  facts->truth = input->truth;
  facts->path = input->path;
  facts->bootstrap = input->bootstrap;
  facts->calibrated = input->calibrations != NULL;
  facts->calibrations = input->calibrations;
  facts->path_table = input->store == NULL;
  facts->roi = roi_reports (input, input->models->len, error);
  if (facts->roi == NULL)
    return FALSE;
  facts->credits = run_models (input, error);
  if (facts->credits == NULL)
    return FALSE;
  report = g_ptr_array_index (facts->roi, 0);
  facts->kpis = review_kpis (input, report, &kpi_error);
  if (kpi_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&kpi_error));
      return FALSE;
    }
  facts->paths = rdm_path_analysis_compute (input->paths, 10, 10);
  facts->imports = rdm_project_list_imports (input->project, error);
  if (facts->imports == NULL)
    return FALSE;
  facts->currency = rdm_project_get_currency (input->project, error);
  if (facts->currency == NULL && error != NULL && *error != NULL)
    return FALSE;
  build_charts (facts, input, error);
  /* the window sweep cuts journeys by touch times, which a path table has not */
  if (input->store != NULL)
    {
      facts->window_chart = rdm_review_build_chart ("window", input, error);
      if (facts->window_chart == NULL)
        return FALSE;
    }
  return TRUE;
}

/* The media mix and the budget for the next quarter, as the window's Media
 * Mix and Budget sections show them; a project without daily outcomes or
 * media spend has no such section. */
static gboolean
compute_media_mix (RdmReviewFacts *facts,
                   RdmProject *project,
                   const RdmReviewRequest *request,
                   GError **error)
{
  RdmBudgetRequest budget = { RDM_BUDGET_DEFAULT_WEEKS, NAN, NULL, NULL };
  const RdmMediaMixData *data;
  g_autofree double *today = NULL;

  if (request->without_media_mix)
    return TRUE;
  if (request->media_mix != NULL)
    facts->media_mix = rdm_media_mix_result_ref (request->media_mix);
  else
    {
      g_autoptr (GError) local_error = NULL;
      RdmMmmOptions options = RDM_MMM_OPTIONS_INIT;

      facts->media_mix = rdm_project_media_mix_result (project, &options, &local_error);
      if (facts->media_mix == NULL)
        {
          if (rdm_media_mix_error_is_missing_data (local_error))
            return TRUE;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  data = facts->media_mix->data;
  facts->budget = rdm_budget_plan (facts->media_mix->fit, data->spend, &budget, error);
  if (facts->budget == NULL)
    return FALSE;
  facts->decomposition_chart
      = rdm_media_mix_decomposition_chart (facts->media_mix->fit, facts->media_mix->events);
  today = rdm_budget_recent_daily_spend (data->spend, data->n_channels, data->n_days,
                                         RDM_BUDGET_DEFAULT_WEEKS);
  facts->curves_chart = rdm_media_mix_curves_chart (
      facts->media_mix->fit, today, today,
      _ ("Conversions a day at a steady daily spend; rings mark today’s spend, the mean of the "
         "last 13 weeks"));
  return TRUE;
}

/* A project with nothing to review gets a message that says what to
 * import, rather than an empty document. */
static gboolean
check_not_empty (RdmProject *project, GError **error)
{
  RdmProjectInfo info;

  if (!rdm_project_get_info (project, &info, error))
    return FALSE;
  if (info.conversions == 0 && info.paths == 0 && info.cost == 0 && info.shared_cost == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _ ("This project holds no conversions, paths or costs yet, so there is "
                      "nothing to review: import events or a path table, and costs, first"));
      return FALSE;
    }
  return TRUE;
}

/* The latest quarter of @project's dated data; a project with none (a
 * path table alone) is reviewed as a whole, its credit having no dates. */
static gboolean
latest_quarter (RdmProject *project, RdmPeriod *out, gboolean *whole_data, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  if (rdm_project_latest_period (project, RDM_PERIOD_QUARTER, out, &local_error))
    return TRUE;
  if (!g_error_matches (local_error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *whole_data = TRUE;
  return TRUE;
}

RdmDocument *
rdm_review_compute (RdmProject *project, const RdmReviewRequest *request, GError **error)
{
  g_autoptr (GPtrArray) calibrations = NULL;
  g_autoptr (RdmTruth) truth = NULL;
  g_auto (RdmAttributionData) source = { 0 };
  g_auto (RdmAttributionJourneys) journeys = { 0 };
  g_auto (RdmReviewFacts) facts = { 0 };
  g_auto (RdmBranding) own_branding = { 0 };
  const RdmBranding *branding = request->branding;
  gboolean whole_data;
  RdmPathOptions options;
  RdmPeriod chosen;
  RdmReviewInput input = { 0 };

  g_return_val_if_fail (RDM_IS_PROJECT (project), NULL);
  g_return_val_if_fail (request != NULL && request->path != NULL && request->model != NULL, NULL);
  g_return_val_if_fail (request->models != NULL && request->models->len > 0, NULL);

  options = *request->path;
  if (options.direction == RDM_DIRECTION_FORWARD)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _ ("The review credits each conversion once, in the backward direction"));
      return NULL;
    }
  if (!check_not_empty (project, error))
    return NULL;
  if (branding == NULL)
    {
      if (!rdm_project_load_branding (project, &own_branding, error))
        return NULL;
      branding = &own_branding;
    }
  whole_data = request->whole_data;
  if (!whole_data && request->period != NULL)
    chosen = *request->period;
  else if (!whole_data && !latest_quarter (project, &chosen, &whole_data, error))
    return NULL;
  if (!whole_data)
    {
      /* the attribution sections cover the quarter too */
      options.from_time = chosen.start;
      options.to_time = chosen.end;
    }

  if (!rdm_attribution_data_load (project, &source, NULL, error)
      || !rdm_attribution_journeys_init (&journeys, project, &source, &options, NULL, error))
    return NULL;

  input.project = project;
  input.store = source.store;
  input.visitor_mask = journeys.visitor_mask;
  input.paths = journeys.paths;
  input.path = &options;
  input.model = request->model;
  input.models = request->models;
  input.bootstrap = request->bootstrap;
  input.seed = request->seed;
  input.threads = request->threads;
  input.period = whole_data ? NULL : &chosen;
  input.whole_data = whole_data;
  input.shared_rule = request->shared_rule;
  if (source.truth != NULL && options.level == RDM_LEVEL_CHANNEL)
    {
      truth = rdm_truth_compute (source.store, (const RdmTruthEffect *)(gpointer)source.truth->data,
                                 source.truth->len, &options, journeys.visitor_mask);
      input.truth = truth;
    }
  if (request->calibrate)
    {
      /* borrows the options, so it is not cleared */
      RdmAttributionRequest attribution
          = { .path = options, .model = *request->model, .untested = request->untested };

      calibrations = rdm_attribution_calibrations (
          project, &source, &attribution, journeys.visitor_mask,
          (const RdmModel *)(gpointer)request->models->data, request->models->len, NULL, error);
      if (calibrations == NULL)
        return NULL;
      input.calibrations = calibrations;
    }
  if (!compute_facts (&facts, &input, error)
      || !compute_media_mix (&facts, project, request, error))
    return NULL;
  /* the currency the user gave for this review wins over what imports said */
  if (branding->currency != NULL)
    {
      g_free (facts.currency);
      facts.currency = g_strdup (branding->currency);
    }
  return _rdm_review_build_document (
      &facts, branding, request->today != 0 ? request->today : g_get_real_time () / G_USEC_PER_SEC);
}

gboolean
rdm_review_write (const RdmDocument *document,
                  RdmDocumentLayout layout,
                  const char *out,
                  GError **error)
{
  g_return_val_if_fail (document != NULL && out != NULL, FALSE);

  return rdm_review_check_path (out, error)
         && rdm_document_write_pdf (document, layout, out, error);
}

gboolean
rdm_review_export (RdmProject *project,
                   const RdmReviewRequest *request,
                   RdmDocumentLayout layout,
                   const char *out,
                   GError **error)
{
  g_autoptr (RdmDocument) document = NULL;

  if (!rdm_review_check_path (out, error))
    return FALSE;
  document = rdm_review_compute (project, request, error);
  return document != NULL && rdm_review_write (document, layout, out, error);
}

const char *const *
rdm_review_language_locales (const char *language)
{
  static const char *const french[]
      = { "fr_FR.UTF-8", "fr_FR.utf8", "fr_BE.UTF-8", "fr_CA.UTF-8", "fr_CH.UTF-8", NULL };
  static const char *const english[]
      = { "en_GB.UTF-8", "en_GB.utf8", "en_US.UTF-8", "en_US.utf8", "C.UTF-8", NULL };

  if (g_strcmp0 (language, "fr") == 0)
    return french;
  if (g_strcmp0 (language, "en") == 0)
    return english;
  return NULL;
}
