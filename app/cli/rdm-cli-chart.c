/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "rendement-cli chart" (one chart to PNG, SVG or PDF) and
 * "rendement-cli report" (the quarterly review as a PDF) and
 * "rendement-cli export" (its tables as a workbook or CSV files), drawn
 * by the same code as the window's charts.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "rdm-branding.h"
#include "rdm-chart-render.h"
#include "rdm-document-xlsx.h"
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

/* A size of 0 is the default of @format. */
static void
default_size (RdmChartFormat format, int *width, int *height)
{
  if (*width == 0)
    *width = format == RDM_CHART_FORMAT_PNG ? DEFAULT_PNG_WIDTH : DEFAULT_PAGE_WIDTH;
  if (*height == 0)
    *height = format == RDM_CHART_FORMAT_PNG ? DEFAULT_PNG_HEIGHT : DEFAULT_PAGE_HEIGHT;
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
  default_size (format, &width, &height);
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
  return chart != NULL && rdm_cli_write_chart (chart, out, width, height, error);
}

gboolean
rdm_cli_write_chart (const RdmChart *chart, const char *path, int width, int height, GError **error)
{
  RdmChartFormat format;

  if (!rdm_chart_format_from_path (path, &format, error))
    return FALSE;
  default_size (format, &width, &height);
  return rdm_chart_export (chart, path, format, width, height, error);
}

/* The branding options of "report": given ones replace the project's
 * saved ones and are saved for the next review. */
typedef struct
{
  char *title;
  char *client;
  char *author;
  char *logo;
  char *accent;
  char *currency;
} BrandingOptions;

static void
branding_options_clear (BrandingOptions *options)
{
  g_free (options->title);
  g_free (options->client);
  g_free (options->author);
  g_free (options->logo);
  g_free (options->accent);
  g_free (options->currency);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BrandingOptions, branding_options_clear)

static gboolean
branding_options_given (const BrandingOptions *options)
{
  return options->title != NULL || options->client != NULL || options->author != NULL
         || options->logo != NULL || options->accent != NULL || options->currency != NULL;
}

static void
replace_text (char **field, const char *text)
{
  g_free (*field);
  *field = g_strdup (text);
}

/* The project's branding with @options applied over it. */
static gboolean
apply_branding (RdmProject *project,
                const BrandingOptions *options,
                RdmBranding *branding,
                GError **error)
{
  if (!rdm_project_load_branding (project, branding, error))
    return FALSE;
  if (options->title != NULL)
    replace_text (&branding->title, options->title);
  if (options->client != NULL)
    replace_text (&branding->client, options->client);
  if (options->author != NULL)
    replace_text (&branding->author, options->author);
  if (options->currency != NULL)
    replace_text (&branding->currency, options->currency);
  if (options->accent != NULL)
    {
      if (!rdm_branding_parse_accent (options->accent, &branding->accent, error))
        return FALSE;
      branding->has_accent = TRUE;
    }
  if (options->logo != NULL)
    {
      GBytes *logo = rdm_branding_read_logo (options->logo, error);

      if (logo == NULL)
        return FALSE;
      g_clear_pointer (&branding->logo, g_bytes_unref);
      branding->logo = logo;
    }
  return rdm_branding_check (branding, error);
}

/* --lang: the review's language and the locale its numbers and dates
 * follow. Switched before anything is computed, so every string of the
 * review is in the one language. */
static gboolean
use_language (const char *lang, GError **error)
{
  const char *const *candidates;

  if (lang == NULL)
    return TRUE;
  candidates = rdm_review_language_locales (lang);
  if (candidates == NULL)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("Unknown language “%s”: expected en or fr"), lang);
      return FALSE;
    }
  for (guint i = 0; candidates[i] != NULL; i++)
    if (setlocale (LC_ALL, candidates[i]) != NULL)
      {
        /* gettext reads LANGUAGE at each lookup */
        g_setenv ("LANGUAGE", lang, TRUE);
        return TRUE;
      }
  g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
               _ ("No %s locale is installed for the review’s numbers and dates: install one "
                  "(on Debian, “locales” and “localedef -i %s -f UTF-8 %s”)"),
               candidates[0], g_str_equal (lang, "fr") ? "fr_FR" : "en_GB", candidates[0]);
  return FALSE;
}

/* The default models of a review of a path table, which has no touch
 * times: all but time decay, which needs them. Models the user named are
 * kept, and refused by the model itself. */
static gboolean
drop_timed_models (RdmCliAnalysis *analysis, RdmProject *project, GError **error)
{
  RdmProjectInfo info;

  if (!rdm_project_get_info (project, &info, error))
    return FALSE;
  if (info.touchpoints > 0 || info.paths == 0)
    return TRUE;
  for (guint i = analysis->models->len; i-- > 0;)
    if (g_array_index (analysis->models, RdmModel, i) == RDM_MODEL_TIME_DECAY)
      g_array_remove_index (analysis->models, i);
  return TRUE;
}

/* The options of "report" and "export": the review's analysis settings
 * and @entries. */
static GOptionContext *
review_context_new (RdmCliAnalysis *analysis,
                    const char *command,
                    const char *summary,
                    const GOptionEntry *entries)
{
  GOptionContext *context;

  rdm_cli_analysis_init (analysis, "linear,first,last,position,time-decay,markov");
  context = rdm_cli_option_context_new (command, _ ("PROJECT"), summary, NULL);
  rdm_cli_analysis_add_entries (analysis, context, TRUE, entries);
  rdm_cli_analysis_add_calibration_entries (analysis, context);
  rdm_cli_analysis_add_shared_costs_entry (analysis, context);
  return context;
}

/* The review @analysis asks for, with @branding's cover. */
static gboolean
review_request_init (RdmReviewRequest *request,
                     RdmCliAnalysis *analysis,
                     RdmProject *project,
                     const RdmBranding *branding,
                     GError **error)
{
  if (analysis->models_text == NULL && !drop_timed_models (analysis, project, error))
    return FALSE;
  *request = (RdmReviewRequest){
    .path = &analysis->request.path,
    .model = &analysis->request.model,
    .models = analysis->models,
    .bootstrap = (guint)analysis->bootstrap,
    .seed = (guint64)analysis->seed,
    .threads = (guint)analysis->threads,
    .period = analysis->has_period ? &analysis->period : NULL,
    .whole_data = analysis->whole_data,
    .calibrate = analysis->calibrate,
    .untested = analysis->request.untested,
    .shared_rule = &analysis->shared_rule,
    .branding = branding,
  };
  return TRUE;
}

gboolean
rdm_cli_report (int argc, char **argv, GError **error)
{
  g_auto (RdmCliAnalysis) analysis = { 0 };
  g_auto (BrandingOptions) branding_options = { 0 };
  g_auto (RdmBranding) branding = { 0 };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autofree char *out = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *layout_text = NULL;
  RdmDocumentLayout layout = RDM_DOCUMENT_LAYOUT_REPORT;
  RdmReviewRequest request = { 0 };
  const GOptionEntry entries[]
      = { { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_ ("The PDF file to write"), "FILE" },
          { "layout", 0, 0, G_OPTION_ARG_STRING, &layout_text,
            N_ ("report (A4 pages, the default) or slides (16:9, for a meeting)"), N_ ("LAYOUT") },
          { "title", 0, 0, G_OPTION_ARG_STRING, &branding_options.title,
            N_ ("The review’s title (saved in the project)"), N_ ("TEXT") },
          { "client", 0, 0, G_OPTION_ARG_STRING, &branding_options.client,
            N_ ("The client named on the cover (saved in the project)"), N_ ("TEXT") },
          { "author", 0, 0, G_OPTION_ARG_STRING, &branding_options.author,
            N_ ("The author named on the cover (saved in the project)"), N_ ("TEXT") },
          { "logo", 0, 0, G_OPTION_ARG_FILENAME, &branding_options.logo,
            N_ ("A PNG or SVG logo for the cover (saved in the project)"), "FILE" },
          { "accent", 0, 0, G_OPTION_ARG_STRING, &branding_options.accent,
            N_ ("The titles’ colour, #RRGGBB (saved in the project)"), "#RRGGBB" },
          { "currency", 0, 0, G_OPTION_ARG_STRING, &branding_options.currency,
            N_ ("The currency the project’s amounts are in, such as EUR (saved in the project)"),
            "CODE" },
          { "lang", 0, 0, G_OPTION_ARG_STRING, &lang,
            N_ ("The review’s language: en or fr (default: the interface’s)"), "LANG" },
          G_OPTION_ENTRY_NULL };

  context = review_context_new (
      &analysis, "report",
      _ ("Write the quarterly review as a PDF: cover, executive summary, KPI scorecard, ROI by "
         "channel, models side by side, media mix and budget, paths and method, with their "
         "tables and charts. "
         "--period picks the quarter (default: the latest); the first model is the one ROI and "
         "the summary use. Branding options are saved in the project for the next review."),
      entries);
  if (!rdm_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2 || out == NULL)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("report needs PROJECT --out FILE.pdf; see rendement-cli report --help"));
      return FALSE;
    }
  if (layout_text != NULL && !rdm_document_layout_from_string (layout_text, &layout))
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("Unknown layout “%s”: expected report or slides"), layout_text);
      return FALSE;
    }
  if (!rdm_review_check_path (out, error) || !refuse_format (&analysis, error)
      || !rdm_cli_analysis_refuse (analysis.from_text != NULL || analysis.to_text != NULL,
                                   "--from/--to (use --period)", error)
      || !rdm_cli_analysis_finish (&analysis, error) || !use_language (lang, error))
    return FALSE;
  /* the branding options are saved, so the project is opened to write */
  project = branding_options_given (&branding_options)
                ? rdm_project_open (argv[1], error)
                : rdm_project_open_for_reading (argv[1], error);
  if (project == NULL || !rdm_cli_analysis_load_shared_rule (&analysis, project, error)
      || !apply_branding (project, &branding_options, &branding, error))
    return FALSE;

  if (!review_request_init (&request, &analysis, project, &branding, error))
    return FALSE;
  /* the window's "Export Quarterly Review…" calls the same function */
  if (!rdm_review_export (project, &request, layout, out, error))
    return FALSE;
  return !branding_options_given (&branding_options)
         || rdm_project_save_branding (project, &branding, error);
}

/* Where "export" writes: a workbook, or a folder of CSV files. */
static gboolean
check_export_target (const char *out, const char *format_text, gboolean *csv, GError **error)
{
  *csv = g_strcmp0 (format_text, "csv") == 0;
  if (format_text != NULL && !*csv)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("export writes a workbook (--out FILE.xlsx) or, with --format csv, a folder "
                      "of CSV files; --format %s does not apply"),
                   format_text);
      return FALSE;
    }
  if (!*csv && !g_str_has_suffix (out, ".xlsx") && !g_str_has_suffix (out, ".XLSX"))
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("The workbook is an XLSX file: name it .xlsx, or give --format csv and a "
                      "folder"));
      return FALSE;
    }
  return TRUE;
}

gboolean
rdm_cli_export (int argc, char **argv, GError **error)
{
  g_auto (RdmCliAnalysis) analysis = { 0 };
  g_auto (RdmBranding) branding = { 0 };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autoptr (RdmDocument) document = NULL;
  g_autofree char *out = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *format_text = NULL;
  RdmReviewRequest request = { 0 };
  gboolean csv;
  const GOptionEntry entries[]
      = { { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out,
            N_ ("The workbook to write (.xlsx), or the folder of CSV files with --format csv"),
            N_ ("PATH") },
          { "lang", 0, 0, G_OPTION_ARG_STRING, &lang,
            N_ ("The sheets’ language: en or fr (default: the interface’s)"), "LANG" },
          G_OPTION_ENTRY_NULL };

  context = review_context_new (
      &analysis, "export",
      _ ("Write every table of the quarterly review as one sheet of an XLSX workbook, with "
         "numbers as numbers, or with --format csv as one CSV file per table in a folder. "
         "Options as for report."),
      entries);
  if (!rdm_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2 || out == NULL)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("export needs PROJECT --out FILE.xlsx; see rendement-cli export --help"));
      return FALSE;
    }
  /* --format picks the kind of file here, not the analysis output */
  format_text = g_steal_pointer (&analysis.format_text);
  if (!check_export_target (out, format_text, &csv, error)
      || !rdm_cli_analysis_refuse (analysis.from_text != NULL || analysis.to_text != NULL,
                                   "--from/--to (use --period)", error)
      || !rdm_cli_analysis_finish (&analysis, error) || !use_language (lang, error))
    return FALSE;
  project = rdm_project_open_for_reading (argv[1], error);
  if (project == NULL || !rdm_cli_analysis_load_shared_rule (&analysis, project, error)
      || !rdm_project_load_branding (project, &branding, error)
      || !review_request_init (&request, &analysis, project, &branding, error))
    return FALSE;
  document = rdm_review_compute (project, &request, error);
  if (document == NULL)
    return FALSE;
  return csv ? rdm_document_write_csv_dir (document, out, error)
             : rdm_document_write_xlsx (document, out, error);
}
