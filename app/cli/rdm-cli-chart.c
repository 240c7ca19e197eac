/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "rendement-cli chart" (one chart to PNG, SVG or PDF) and
 * "rendement-cli report" (the quarterly review as a multi-page PDF), drawn
 * by the same code as the window's charts.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rdm-chart-render.h"
#include "rdm-cli-analysis.h"
#include "rdm-review.h"

/* The same chart in every format: laid out 800 × 450 as on screen, a PNG
 * at print resolution (RDM_CHART_PRINT_WIDTH), SVG and PDF pages in
 * points. */
#define DEFAULT_PNG_WIDTH RDM_CHART_PRINT_WIDTH
#define DEFAULT_PNG_HEIGHT (RDM_CHART_PRINT_WIDTH * 9 / 16)
#define DEFAULT_PAGE_WIDTH 800
#define DEFAULT_PAGE_HEIGHT 450

/* What the review's charts are drawn from, as the command line gave it. */
static RdmReviewInput
review_input (RdmCliAnalysis *analysis, const RdmCliData *data)
{
  return (RdmReviewInput){
    .project = data->project,
    .store = data->source.store,
    .visitor_mask = data->journeys.visitor_mask,
    .paths = data->journeys.paths,
    .path = &analysis->request.path,
    .model = &analysis->request.model,
    .models = analysis->models,
    .bootstrap = (guint)analysis->bootstrap,
    .seed = (guint64)analysis->seed,
    .threads = (guint)analysis->threads,
    .period = analysis->has_period ? &analysis->period : NULL,
    .whole_data = analysis->whole_data,
    .shared_rule = &analysis->shared_rule,
  };
}

/* chart and report write a file whose format the file name gives */
static gboolean
refuse_format (const RdmCliAnalysis *analysis, GError **error)
{
  if (analysis->format_text == NULL)
    return TRUE;
  g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
               _ ("%s writes the file named by --out; --format does not apply"), g_get_prgname ());
  return FALSE;
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
  RdmReviewInput input;
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
  rdm_cli_analysis_add_shared_costs_entry (&analysis, context);
  if (!rdm_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2 || kind == NULL || out == NULL)
    {
      g_set_error (
          error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
          _ ("chart needs PROJECT --kind KIND --out FILE; see rendement-cli chart --help"));
      return FALSE;
    }
  if (!g_strv_contains (rdm_review_chart_kinds (), kind))
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("Unknown chart kind “%s”: expected roi, cost-value, models, window, paths or "
                      "overlap"),
                   kind);
      return FALSE;
    }
  if (!rdm_chart_format_from_path (out, &format, error))
    return FALSE;
  if (width == 0)
    width = format == RDM_CHART_FORMAT_PNG ? DEFAULT_PNG_WIDTH : DEFAULT_PAGE_WIDTH;
  if (height == 0)
    height = format == RDM_CHART_FORMAT_PNG ? DEFAULT_PNG_HEIGHT : DEFAULT_PAGE_HEIGHT;
  if (!check_size (width, height, error)
      || !refuse_format (&analysis, error)
      /* ROI is reported per period */
      || !rdm_cli_analysis_refuse ((g_str_equal (kind, "roi") || g_str_equal (kind, "cost-value"))
                                       && (analysis.from_text != NULL || analysis.to_text != NULL),
                                   "--from/--to (use --period)", error)
      /* only the ROI charts count costs */
      || !rdm_cli_analysis_refuse (!g_str_equal (kind, "roi") && !g_str_equal (kind, "cost-value")
                                       && analysis.shared_costs_text != NULL,
                                   _ ("--shared-costs (for --kind roi or cost-value)"), error)
      || !rdm_cli_analysis_finish (&analysis, error))
    return FALSE;
  if (analysis.request.path.direction == RDM_DIRECTION_FORWARD)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("Charts are drawn in the backward direction"));
      return FALSE;
    }
  if (!rdm_cli_analysis_load (&analysis, argv[1], &data, error)
      || !rdm_cli_analysis_load_shared_rule (&analysis, data.project, error))
    return FALSE;
  input = review_input (&analysis, &data);
  chart = rdm_review_build_chart (kind, &input, error);
  return chart != NULL && rdm_chart_export (chart, out, format, width, height, error);
}

gboolean
rdm_cli_report (int argc, char **argv, GError **error)
{
  g_auto (RdmCliAnalysis) analysis = { 0 };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autofree char *out = NULL;
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
  rdm_cli_analysis_add_calibration_entries (&analysis, context);
  rdm_cli_analysis_add_shared_costs_entry (&analysis, context);
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
  if (!refuse_format (&analysis, error)
      || !rdm_cli_analysis_refuse (analysis.from_text != NULL || analysis.to_text != NULL,
                                   "--from/--to (use --period)", error)
      || !rdm_cli_analysis_finish (&analysis, error))
    return FALSE;
  if (analysis.request.path.direction == RDM_DIRECTION_FORWARD)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("Charts are drawn in the backward direction"));
      return FALSE;
    }
  project = rdm_project_open_for_reading (argv[1], error);
  if (project == NULL || !rdm_cli_analysis_load_shared_rule (&analysis, project, error))
    return FALSE;
  /* the window's "Export Quarterly Review…" calls the same function */
  return rdm_review_export (project, &analysis.request.path, &analysis.request.model,
                            analysis.models, (guint)analysis.bootstrap, (guint64)analysis.seed,
                            (guint)analysis.threads, analysis.has_period ? &analysis.period : NULL,
                            analysis.whole_data, analysis.calibrate, analysis.request.untested,
                            &analysis.shared_rule, out, error);
}
