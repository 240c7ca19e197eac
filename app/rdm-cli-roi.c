/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "rendement-cli roi" (return on investment per channel or campaign, per
 * model, with the previous period) and "rendement-cli kpis" (the
 * scorecard).
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "rdm-cli-analysis.h"
#include "rdm-kpi-report.h"
#include "rdm-roi-report.h"

static cJSON *
figure_json (RdmFigure figure)
{
  return figure.defined ? rdm_cli_json_number (figure.value) : cJSON_CreateNull ();
}

static cJSON *
roi_row_json (const RdmRoiRow *row)
{
  cJSON *object = cJSON_CreateObject ();

  cJSON_AddItemToObject (object, "cost", rdm_cli_json_number (row->cost));
  cJSON_AddItemToObject (object, "total_cost", rdm_cli_json_number (row->total_cost));
  cJSON_AddItemToObject (object, "value", rdm_cli_json_number (row->value));
  cJSON_AddItemToObject (object, "savings", rdm_cli_json_number (row->savings));
  cJSON_AddItemToObject (object, "conversions", rdm_cli_json_number (row->conversions));
  cJSON_AddItemToObject (object, "net", rdm_cli_json_number (row->net));
  cJSON_AddItemToObject (object, "roi", figure_json (row->roi));
  cJSON_AddItemToObject (object, "roas", figure_json (row->roas));
  cJSON_AddItemToObject (object, "cpa", figure_json (row->cpa));
  cJSON_AddItemToObject (object, "cost_per_conversion", figure_json (row->cost_per_conversion));
  return object;
}

static cJSON *
change_json (const RdmChange *change)
{
  cJSON *object = cJSON_CreateObject ();

  cJSON_AddItemToObject (object, "absolute", figure_json (change->absolute));
  cJSON_AddItemToObject (object, "relative", figure_json (change->relative));
  return object;
}

static cJSON *
report_row_json (const RdmRoiReport *report, const RdmRoiReportRow *row, gboolean total)
{
  cJSON *object = roi_row_json (&row->row);

  if (!total)
    {
      cJSON_AddStringToObject (object, report->level == RDM_LEVEL_CAMPAIGN ? "campaign" : "channel",
                               row->label);
    }
  if (row->has_previous)
    {
      cJSON *change = cJSON_CreateObject ();

      cJSON_AddItemToObject (object, "previous", roi_row_json (&row->previous));
      cJSON_AddItemToObject (change, "cost", change_json (&row->change.cost));
      cJSON_AddItemToObject (change, "value", change_json (&row->change.value));
      cJSON_AddItemToObject (change, "conversions", change_json (&row->change.conversions));
      cJSON_AddItemToObject (change, "roi", change_json (&row->change.roi));
      cJSON_AddItemToObject (change, "roas", change_json (&row->change.roas));
      cJSON_AddItemToObject (change, "cpa", change_json (&row->change.cpa));
      cJSON_AddItemToObject (object, "change", change);
    }
  return object;
}

static cJSON *
report_json (const RdmRoiReport *report)
{
  cJSON *object = cJSON_CreateObject ();
  cJSON *rows;

  cJSON_AddStringToObject (object, "model", rdm_model_to_string (report->model));
  if (report->has_period)
    {
      g_autofree char *period = rdm_period_to_string (&report->period);
      g_autofree char *previous = rdm_period_to_string (&report->previous_period);

      cJSON_AddStringToObject (object, "period", period);
      cJSON_AddStringToObject (object, "previous_period", previous);
    }
  else
    {
      cJSON_AddNullToObject (object, "period");
      cJSON_AddNullToObject (object, "previous_period");
    }
  rows = cJSON_AddArrayToObject (object, "rows");
  for (guint i = 0; i < report->rows->len; i++)
    cJSON_AddItemToArray (rows,
                          report_row_json (report, g_ptr_array_index (report->rows, i), FALSE));
  cJSON_AddItemToObject (object, "total", report_row_json (report, &report->total, TRUE));
  return object;
}

static char *
format_figure (RdmFigure figure)
{
  if (!figure.defined)
    return g_strdup (_ ("n/a"));
  return g_strdup_printf ("%.2f", figure.value);
}

static void
print_report_table (const RdmRoiReport *report)
{
  g_autofree char *period
      = report->has_period ? rdm_period_to_string (&report->period) : g_strdup (_ ("all data"));

  g_print (_ ("ROI under model %s, %s\n"), rdm_model_to_string (report->model), period);
  g_print ("%-28s %12s %12s %10s %10s %8s %8s %10s\n", _ ("Channel"), _ ("Cost"), _ ("Value"),
           _ ("Savings"), _ ("Conv."), _ ("ROI"), _ ("ROAS"), _ ("CPA"));
  for (guint i = 0; i <= report->rows->len; i++)
    {
      const RdmRoiReportRow *row
          = i < report->rows->len ? g_ptr_array_index (report->rows, i) : &report->total;
      g_autofree char *roi = row->row.roi.defined
                                 ? g_strdup_printf ("%+.0f %%", 100 * row->row.roi.value)
                                 : g_strdup (_ ("n/a"));
      g_autofree char *roas = format_figure (row->row.roas);
      g_autofree char *cpa = format_figure (row->row.cpa);
      g_print ("%-28s %12.2f %12.2f %10.2f %10.2f %8s %8s %10s\n", row->label, row->row.cost,
               row->row.value, row->row.savings, row->row.conversions, roi, roas, cpa);
    }
}

gboolean
rdm_cli_roi (int argc, char **argv, GError **error)
{
  g_auto (RdmCliAnalysis) analysis = { 0 };
  g_auto (RdmCliData) data = { 0 };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GPtrArray) reports = NULL;
  g_autofree char *categories_text = NULL;
  RdmCostCategories categories = RDM_COST_ALL_CATEGORIES;
  RdmPeriod period;
  gboolean whole_data = FALSE;
  const GOptionEntry entries[] = {
    { "categories", 0, 0, G_OPTION_ARG_STRING, &categories_text,
      N_ ("Cost categories counted: media, content, staff, tools, training, compliance, other "
          "(default all)"),
      "C[,C…]" },
    G_OPTION_ENTRY_NULL
  };

  rdm_cli_analysis_init (&analysis, "linear");
  context = rdm_cli_option_context_new (
      "roi", _ ("PROJECT"),
      _ ("Return on investment per channel or campaign: (attributed value + savings − cost) / "
         "cost, with ROAS and CPA, for the period (default: the latest quarter; “--period all” for "
         "all the data) and the previous one."),
      NULL);
  rdm_cli_analysis_add_entries (&analysis, context, TRUE, entries);
  if (!rdm_cli_analysis_parse (context, &argc, &argv, error))
    return FALSE;
  if (g_strcmp0 (analysis.period_text, "all") == 0)
    {
      whole_data = TRUE;
      g_clear_pointer (&analysis.period_text, g_free);
    }
  if (analysis.from_text != NULL || analysis.to_text != NULL)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("roi works on periods: use --period 2026Q2, 2026-05, 2026 or all"));
      return FALSE;
    }
  if (categories_text != NULL && !rdm_cost_categories_parse (categories_text, &categories, error))
    return FALSE;
  if (!rdm_cli_analysis_finish (&analysis, FALSE, error))
    return FALSE;
  if (analysis.path.direction == RDM_DIRECTION_FORWARD)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("ROI credits each conversion once, so it uses the backward direction"));
      return FALSE;
    }
  if (analysis.period_text != NULL && !rdm_period_parse (analysis.period_text, &period, error))
    return FALSE;
  /* The report sets the period itself, for this period and the previous. */
  analysis.path.from_time = G_MININT64;
  analysis.path.to_time = G_MAXINT64;
  if (!rdm_cli_analysis_load (&analysis, argv[1], &data, error))
    return FALSE;
  if (data.store == NULL)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("ROI needs dated events and costs; this project holds only a path table"));
      return FALSE;
    }
  if (!whole_data && analysis.period_text == NULL
      && !rdm_project_latest_period (data.project, RDM_PERIOD_QUARTER, &period, error))
    return FALSE;

  /* the window's ROI section computes through the same function */
  reports = rdm_roi_reports_compute (data.project, data.store, &analysis.path, &analysis.model,
                                     data.visitor_mask, (const RdmModel *)analysis.models->data,
                                     analysis.models->len, whole_data ? NULL : &period, categories,
                                     NULL, NULL, error);
  if (reports == NULL)
    return FALSE;

  if (analysis.format == RDM_OUTPUT_JSON)
    {
      g_autoptr (cJSON) root = NULL;

      if (reports->len == 1)
        root = report_json (g_ptr_array_index (reports, 0));
      else
        {
          cJSON *models;

          root = cJSON_CreateObject ();
          models = cJSON_AddArrayToObject (root, "models");
          for (guint m = 0; m < reports->len; m++)
            cJSON_AddItemToArray (models, report_json (g_ptr_array_index (reports, m)));
        }
      cJSON_AddItemToObject (root, "settings", rdm_cli_analysis_settings_json (&analysis, &data));
      return rdm_cli_print_json (root, error);
    }
  for (guint m = 0; m < reports->len; m++)
    {
      if (m > 0)
        g_print ("\n");
      print_report_table (g_ptr_array_index (reports, m));
    }
  return TRUE;
}

gboolean
rdm_cli_kpis (int argc, char **argv, GError **error)
{
  g_auto (RdmCliAnalysis) analysis = { 0 };
  g_auto (RdmCliData) data = { 0 };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (RdmMetrics) metrics = NULL;
  g_autoptr (GPtrArray) results = NULL;
  RdmPeriod period;

  rdm_cli_analysis_init (&analysis, "linear");
  context = rdm_cli_option_context_new (
      "kpis", _ ("PROJECT"),
      _ ("The KPI scorecard: each KPI over the period (default: its latest period), against its "
         "target and the previous period. --model sets the model of attributed metrics."),
      NULL);
  rdm_cli_analysis_add_entries (&analysis, context, TRUE, NULL);
  if (!rdm_cli_analysis_parse (context, &argc, &argv, error))
    return FALSE;
  if (!rdm_cli_analysis_finish (&analysis, FALSE, error))
    return FALSE;
  if (analysis.period_text != NULL && !rdm_period_parse (analysis.period_text, &period, error))
    return FALSE;
  analysis.path.from_time = G_MININT64;
  analysis.path.to_time = G_MAXINT64;
  if (!rdm_cli_analysis_load (&analysis, argv[1], &data, error))
    return FALSE;
  metrics = rdm_metrics_new (data.project, data.store, &analysis.path, &analysis.model,
                             data.visitor_mask, g_array_index (analysis.models, RdmModel, 0));
  results = rdm_kpi_report_compute (metrics, data.project,
                                    analysis.period_text != NULL ? &period : NULL, error);
  if (results == NULL)
    return FALSE;

  if (analysis.format == RDM_OUTPUT_JSON)
    {
      g_autoptr (cJSON) root = cJSON_CreateObject ();
      cJSON *kpis = cJSON_AddArrayToObject (root, "kpis");

      for (guint i = 0; i < results->len; i++)
        {
          const RdmKpiResult *result = g_ptr_array_index (results, i);
          cJSON *item = cJSON_CreateObject ();
          cJSON *trend;
          g_autofree char *period_text = rdm_period_to_string (&result->period);

          cJSON_AddStringToObject (item, "objective", result->kpi->objective);
          cJSON_AddStringToObject (item, "name", result->kpi->name);
          cJSON_AddStringToObject (item, "formula", result->kpi->formula);
          cJSON_AddStringToObject (item, "unit", result->kpi->unit);
          cJSON_AddStringToObject (item, "period", period_text);
          cJSON_AddItemToObject (item, "value", figure_json (result->actual));
          cJSON_AddItemToObject (item, "previous", figure_json (result->change.previous));
          cJSON_AddItemToObject (item, "change", change_json (&result->change));
          cJSON_AddItemToObject (item, "target",
                                 result->kpi->has_target ? rdm_cli_json_number (result->kpi->target)
                                                         : cJSON_CreateNull ());
          cJSON_AddStringToObject (item, "direction",
                                   result->kpi->lower_is_better ? "lower" : "higher");
          cJSON_AddStringToObject (item, "status", rdm_kpi_status_to_string (result->status));
          trend = cJSON_AddArrayToObject (item, "trend");
          for (guint k = 0; k < RDM_KPI_TREND_PERIODS; k++)
            cJSON_AddItemToArray (trend, figure_json (result->trend[k]));
          if (result->error != NULL)
            cJSON_AddStringToObject (item, "error", result->error);
          cJSON_AddItemToArray (kpis, item);
        }
      cJSON_AddItemToObject (root, "settings", rdm_cli_analysis_settings_json (&analysis, &data));
      return rdm_cli_print_json (root, error);
    }

  g_print ("%-22s %-26s %8s %14s %14s %14s  %s\n", _ ("Objective"), _ ("KPI"), _ ("Period"),
           _ ("Value"), _ ("Previous"), _ ("Target"), _ ("Status"));
  for (guint i = 0; i < results->len; i++)
    {
      const RdmKpiResult *result = g_ptr_array_index (results, i);
      g_autofree char *period_text = rdm_period_to_string (&result->period);
      g_autofree char *value = format_figure (result->actual);
      g_autofree char *previous = format_figure (result->change.previous);
      g_autofree char *target = result->kpi->has_target
                                    ? g_strdup_printf ("%.2f", result->kpi->target)
                                    : g_strdup ("—");
      const char *status = result->error != NULL                        ? result->error
                           : result->status == RDM_KPI_STATUS_MET       ? _ ("met")
                           : result->status == RDM_KPI_STATUS_MISSED    ? _ ("missed")
                           : result->status == RDM_KPI_STATUS_NO_TARGET ? _ ("no target")
                                                                        : _ ("n/a");

      g_print ("%-22s %-26s %8s %14s %14s %14s  %s\n", result->kpi->objective, result->kpi->name,
               period_text, value, previous, target, status);
    }
  return TRUE;
}
