/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rdm-attribution-run.h"
#include "rdm-chart-render.h"
#include "rdm-format.h"
#include "rdm-metrics.h"
#include "rdm-path-analysis.h"
#include "rdm-report-charts.h"
#include "rdm-review.h"
#include "rdm-roi-report.h"
#include "rdm-truth.h"
#include "rdm-window-sweep.h"

/* A4 landscape, in points */
#define PAGE_WIDTH 842
#define PAGE_HEIGHT 595

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

static RdmRoiReport *
roi_report (const RdmReviewInput *input, GError **error)
{
  RdmPeriod period;
  RdmPathOptions options = *input->path;
  RdmRoiSettings settings;
  const RdmPeriod *chosen;
  g_autoptr (GPtrArray) reports = NULL;

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
  /* a path table: its credit against the period's costs, as "rendement-cli
   * roi" computes it */
  if (input->store == NULL)
    reports = rdm_roi_reports_compute_table (input->project, input->paths, input->model,
                                             &g_array_index (input->models, RdmModel, 0), 1, chosen,
                                             &settings, NULL, NULL, error);
  else
    {
      /* the ROI report cuts its own periods (this one and the previous) */
      options.from_time = G_MININT64;
      options.to_time = G_MAXINT64;
      reports = rdm_roi_reports_compute_calibrated (
          input->project, input->store, &options, input->model, input->visitor_mask,
          &g_array_index (input->models, RdmModel, 0), 1,
          input->calibrations != NULL ? (const RdmCalibration *const *)input->calibrations->pdata
                                      : NULL,
          chosen, &settings, NULL, NULL, error);
    }
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

GPtrArray *
rdm_review_build_charts (const RdmReviewInput *input, GError **error)
{
  g_autoptr (GPtrArray) charts = g_ptr_array_new_with_free_func ((GDestroyNotify)rdm_chart_unref);

  g_return_val_if_fail (input != NULL, NULL);

  for (guint i = 0; chart_kinds[i] != NULL; i++)
    {
      RdmChart *chart = rdm_review_build_chart (chart_kinds[i], input, error);

      if (chart == NULL)
        return NULL;
      g_ptr_array_add (charts, chart);
    }
  return g_steal_pointer (&charts);
}

gboolean
rdm_review_write (GPtrArray *charts, const char *out, GError **error)
{
  g_return_val_if_fail (charts != NULL && out != NULL, FALSE);

  if (!rdm_review_check_path (out, error))
    return FALSE;
  return rdm_chart_export_pdf_pages ((const RdmChart *const *)charts->pdata, charts->len, out,
                                     PAGE_WIDTH, PAGE_HEIGHT, error);
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

GPtrArray *
rdm_review_compute (RdmProject *project,
                    const RdmPathOptions *path,
                    const RdmModelOptions *model,
                    GArray *models,
                    guint bootstrap,
                    guint64 seed,
                    guint threads,
                    const RdmPeriod *period,
                    gboolean whole_data,
                    gboolean calibrate,
                    RdmUntested untested,
                    const RdmSharedRule *shared_rule,
                    GError **error)
{
  g_autoptr (GPtrArray) calibrations = NULL;
  g_autoptr (RdmTruth) truth = NULL;
  g_auto (RdmAttributionData) source = { 0 };
  g_auto (RdmAttributionJourneys) journeys = { 0 };
  RdmPathOptions options = *path;
  RdmPeriod chosen;
  RdmReviewInput input = { 0 };

  g_return_val_if_fail (RDM_IS_PROJECT (project), NULL);
  g_return_val_if_fail (path != NULL && model != NULL && models != NULL, NULL);
  if (path->direction == RDM_DIRECTION_FORWARD)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _ ("Charts are drawn in the backward direction"));
      return NULL;
    }
  if (!whole_data)
    {
      if (period != NULL)
        chosen = *period;
      else if (!rdm_project_latest_period (project, RDM_PERIOD_QUARTER, &chosen, error))
        return NULL;
      /* the attribution charts cover the quarter too */
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
  input.model = model;
  input.models = models;
  input.bootstrap = bootstrap;
  input.seed = seed;
  input.threads = threads;
  input.period = whole_data ? NULL : &chosen;
  input.whole_data = whole_data;
  input.shared_rule = shared_rule;
  if (source.truth != NULL && options.level == RDM_LEVEL_CHANNEL)
    {
      truth = rdm_truth_compute (source.store, (const RdmTruthEffect *)(gpointer)source.truth->data,
                                 source.truth->len, &options, journeys.visitor_mask);
      input.truth = truth;
    }
  if (calibrate)
    {
      /* borrows the options, so it is not cleared */
      RdmAttributionRequest request = { .path = options, .model = *model, .untested = untested };

      calibrations = rdm_attribution_calibrations (
          project, &source, &request, journeys.visitor_mask,
          (const RdmModel *)(gpointer)models->data, models->len, NULL, error);
      if (calibrations == NULL)
        return NULL;
      input.calibrations = calibrations;
    }
  return rdm_review_build_charts (&input, error);
}

gboolean
rdm_review_export (RdmProject *project,
                   const RdmPathOptions *path,
                   const RdmModelOptions *model,
                   GArray *models,
                   guint bootstrap,
                   guint64 seed,
                   guint threads,
                   const RdmPeriod *period,
                   gboolean whole_data,
                   gboolean calibrate,
                   RdmUntested untested,
                   const RdmSharedRule *shared_rule,
                   const char *out,
                   GError **error)
{
  g_autoptr (GPtrArray) charts = NULL;

  if (!rdm_review_check_path (out, error))
    return FALSE;
  charts = rdm_review_compute (project, path, model, models, bootstrap, seed, threads, period,
                               whole_data, calibrate, untested, shared_rule, error);
  return charts != NULL && rdm_review_write (charts, out, error);
}
