/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "rendement-cli chart" (one chart to PNG, SVG or PDF) and
 * "rendement-cli report" (the quarterly review as a multi-page PDF), drawn
 * by the same code as the window's charts.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rdm-attribution.h"
#include "rdm-bootstrap.h"
#include "rdm-chart-render.h"
#include "rdm-cli-analysis.h"
#include "rdm-metrics.h"
#include "rdm-path-analysis.h"
#include "rdm-report-charts.h"
#include "rdm-window-sweep.h"

/* The same chart in every format: laid out 800 × 450 as on screen, a PNG
 * at print resolution (RDM_CHART_PRINT_WIDTH), SVG and PDF pages in
 * points. */
#define DEFAULT_PNG_WIDTH RDM_CHART_PRINT_WIDTH
#define DEFAULT_PNG_HEIGHT (RDM_CHART_PRINT_WIDTH * 9 / 16)
#define DEFAULT_PAGE_WIDTH 800
#define DEFAULT_PAGE_HEIGHT 450

static const double sweep_windows[] = { 1, 7, 14, 30, 60, 90 };

static GPtrArray *
run_models (RdmCliAnalysis *analysis, const RdmCliData *data, GError **error)
{
  g_autoptr (GPtrArray) credits = g_ptr_array_new_with_free_func ((GDestroyNotify)rdm_credit_free);

  for (guint m = 0; m < analysis->models->len; m++)
    {
      RdmModel model = g_array_index (analysis->models, RdmModel, m);
      RdmCredit *credit = NULL;

      if (analysis->bootstrap > 0)
        rdm_bootstrap (data->paths, model, &analysis->model, analysis->bootstrap,
                       (guint64)analysis->seed, analysis->threads, NULL, &credit, error);
      else
        credit = rdm_attribute (data->paths, model, &analysis->model, NULL, error);
      if (credit == NULL)
        return NULL;
      g_ptr_array_add (credits, credit);
    }
  return g_steal_pointer (&credits);
}

static RdmRoiReport *
roi_report (RdmCliAnalysis *analysis, const RdmCliData *data, GError **error)
{
  g_autoptr (RdmMetrics) metrics = NULL;
  RdmPeriod period;
  RdmPathOptions options = analysis->path;

  if (data->store == NULL)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("ROI needs dated events and costs; this project holds only a path table"));
      return NULL;
    }
  if (analysis->period_text != NULL)
    {
      if (!rdm_period_parse (analysis->period_text, &period, error))
        return NULL;
    }
  else if (!rdm_project_latest_period (data->project, RDM_PERIOD_QUARTER, &period, error))
    return NULL;
  options.from_time = G_MININT64;
  options.to_time = G_MAXINT64;
  metrics = rdm_metrics_new (data->project, data->store, &options, &analysis->model,
                             data->visitor_mask, g_array_index (analysis->models, RdmModel, 0));
  return rdm_roi_report_compute (metrics, data->project,
                                 g_array_index (analysis->models, RdmModel, 0),
                                 analysis->path.level, &period, RDM_COST_ALL_CATEGORIES, error);
}

static RdmChart *
build_chart (const char *kind, RdmCliAnalysis *analysis, const RdmCliData *data, GError **error)
{
  if (g_str_equal (kind, "models"))
    {
      g_autoptr (GPtrArray) credits = run_models (analysis, data, error);
      return credits != NULL ? rdm_report_chart_models (credits) : NULL;
    }
  if (g_str_equal (kind, "roi") || g_str_equal (kind, "cost-value"))
    {
      g_autoptr (RdmRoiReport) report = roi_report (analysis, data, error);

      if (report == NULL)
        return NULL;
      return g_str_equal (kind, "roi") ? rdm_report_chart_roi (report)
                                       : rdm_report_chart_cost_value (report);
    }
  if (g_str_equal (kind, "window"))
    {
      RdmModel model = g_array_index (analysis->models, RdmModel, 0);
      g_autoptr (RdmWindowSweep) sweep = NULL;

      if (data->store == NULL)
        {
          g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                       _ ("An imported path table has no touch times, so windows do not apply to "
                          "it"));
          return NULL;
        }
      sweep = rdm_window_sweep_compute (data->store, &analysis->path, data->visitor_mask, model,
                                        &analysis->model, sweep_windows,
                                        G_N_ELEMENTS (sweep_windows), NULL, error);
      return sweep != NULL ? rdm_report_chart_window (sweep, model) : NULL;
    }
  if (g_str_equal (kind, "paths") || g_str_equal (kind, "overlap"))
    {
      g_autoptr (RdmPathAnalysis) report = rdm_path_analysis_compute (data->paths, 10, 10);

      return g_str_equal (kind, "paths") ? rdm_report_chart_path_lengths (report)
                                         : rdm_report_chart_overlap (report);
    }
  g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
               _ ("Unknown chart kind “%s”: expected roi, cost-value, models, window, paths or "
                  "overlap"),
               kind);
  return NULL;
}

static gboolean
check_size (int width, int height, GError **error)
{
  if (width < RDM_CHART_MIN_SIZE || width > RDM_CHART_MAX_SIZE || height < RDM_CHART_MIN_SIZE
      || height > RDM_CHART_MAX_SIZE)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("--width and --height must be between %d and %d"), RDM_CHART_MIN_SIZE,
                   RDM_CHART_MAX_SIZE);
      return FALSE;
    }
  return TRUE;
}

gboolean
rdm_cli_chart (int argc, char **argv, GError **error)
{
  g_auto (RdmCliAnalysis) analysis = { 0 };
  g_auto (RdmCliData) data = { 0 };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (RdmChart) chart = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *out = NULL;
  int width = 0; /* 0: the format's default */
  int height = 0;
  RdmChartFormat format;
  const GOptionEntry entries[]
      = { { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind,
            N_ ("roi, cost-value, models, window, paths or overlap"), "KIND" },
          { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out,
            N_ ("The file to write: .png, .svg or .pdf"), "FILE" },
          { "width", 0, 0, G_OPTION_ARG_INT, &width,
            N_ ("Width in pixels (PNG, default 1600) or points (SVG, PDF, default 800)"), "N" },
          { "height", 0, 0, G_OPTION_ARG_INT, &height,
            N_ ("Height in pixels (PNG, default 900) or points (SVG, PDF, default 450)"), "N" },
          G_OPTION_ENTRY_NULL };

  rdm_cli_analysis_init (&analysis, "linear,first,last,position,time-decay,markov");
  context = rdm_cli_option_context_new (
      "chart", _ ("PROJECT"),
      _ ("Draw a chart to PNG, SVG or PDF with the same drawing as the window. The roi, cost-value "
         "and window charts use the first model given."),
      NULL);
  rdm_cli_analysis_add_entries (&analysis, context, TRUE, entries);
  if (!rdm_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2 || kind == NULL || out == NULL)
    {
      g_set_error (
          error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
          _ ("chart needs PROJECT --kind KIND --out FILE; see rendement-cli chart --help"));
      return FALSE;
    }
  if (!rdm_chart_format_from_path (out, &format, error))
    return FALSE;
  if (width == 0)
    width = format == RDM_CHART_FORMAT_PNG ? DEFAULT_PNG_WIDTH : DEFAULT_PAGE_WIDTH;
  if (height == 0)
    height = format == RDM_CHART_FORMAT_PNG ? DEFAULT_PNG_HEIGHT : DEFAULT_PAGE_HEIGHT;
  if (!check_size (width, height, error))
    return FALSE;
  if (g_str_equal (kind, "roi") || g_str_equal (kind, "cost-value"))
    {
      /* the ROI period is given with --period, not as an evaluation range */
      g_autofree char *period = g_steal_pointer (&analysis.period_text);

      if (!rdm_cli_analysis_finish (&analysis, FALSE, error))
        return FALSE;
      analysis.period_text = g_steal_pointer (&period);
    }
  else if (!rdm_cli_analysis_finish (&analysis, FALSE, error))
    return FALSE;
  if (analysis.path.direction == RDM_DIRECTION_FORWARD)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("Charts are drawn in the backward direction"));
      return FALSE;
    }
  if (!rdm_cli_analysis_load (&analysis, argv[1], &data, error))
    return FALSE;
  chart = build_chart (kind, &analysis, &data, error);
  return chart != NULL && rdm_chart_export (chart, out, format, width, height, error);
}

gboolean
rdm_cli_report (int argc, char **argv, GError **error)
{
  g_auto (RdmCliAnalysis) analysis = { 0 };
  g_auto (RdmCliData) data = { 0 };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GPtrArray) charts = g_ptr_array_new_with_free_func ((GDestroyNotify)rdm_chart_unref);
  g_autofree char *out = NULL;
  g_autofree char *period = NULL;
  const char *kinds[] = { "roi", "cost-value", "models", "window", "paths", "overlap" };
  const GOptionEntry entries[]
      = { { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_ ("The PDF file to write"), "FILE" },
          G_OPTION_ENTRY_NULL };

  rdm_cli_analysis_init (&analysis, "linear,first,last,position,time-decay,markov");
  context = rdm_cli_option_context_new (
      "report", _ ("PROJECT"),
      _ ("Write the quarterly review as a multi-page PDF: ROI, cost and value, models side by "
         "side, "
         "window, path lengths and channel overlap. --period picks the quarter (default: the "
         "latest); the first model is the one ROI uses."),
      NULL);
  rdm_cli_analysis_add_entries (&analysis, context, TRUE, entries);
  if (!rdm_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2 || out == NULL)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("report needs PROJECT --out FILE.pdf; see rendement-cli report --help"));
      return FALSE;
    }
  if (!g_str_has_suffix (out, ".pdf") && !g_str_has_suffix (out, ".PDF"))
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("The report is a PDF: name it .pdf"));
      return FALSE;
    }
  /* The attribution charts cover the quarter too: --period sets both. */
  period = g_strdup (analysis.period_text);
  if (!rdm_cli_analysis_finish (&analysis, FALSE, error))
    return FALSE;
  if (period == NULL)
    {
      g_autoptr (RdmProject) project = rdm_project_open (argv[1], error);
      RdmPeriod latest;

      if (project == NULL
          || !rdm_project_latest_period (project, RDM_PERIOD_QUARTER, &latest, error))
        return FALSE;
      period = rdm_period_to_string (&latest);
      analysis.path.from_time = latest.start;
      analysis.path.to_time = latest.end;
    }
  g_free (analysis.period_text);
  analysis.period_text = g_strdup (period);
  if (!rdm_cli_analysis_load (&analysis, argv[1], &data, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      RdmChart *chart = build_chart (kinds[i], &analysis, &data, error);

      if (chart == NULL)
        return FALSE;
      g_ptr_array_add (charts, chart);
    }
  return rdm_chart_export_pdf_pages ((const RdmChart *const *)charts->pdata, charts->len, out, 842,
                                     595, error);
}
