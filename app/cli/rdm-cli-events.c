/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "rendement-cli event add|list|remove" and "rendement-cli impact": dated
 * events (an e-reputation incident, a launch, press coverage) and what
 * they did to a daily series (analysis/rdm-impact.c).
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "rdm-cli.h"
#include "rdm-csv.h"
#include "rdm-events.h"
#include "rdm-format.h"
#include "rdm-series-analysis.h"
#include "rdm-series.h"

#define DAY_SECONDS G_GINT64_CONSTANT (86400)
/* Ten years: more is no longer "around an event". */
#define MAX_WINDOW_DAYS 3660

static gboolean
print_events (RdmProject *project, RdmOutputFormat format, GError **error)
{
  g_autoptr (GPtrArray) events = rdm_project_list_events (project, error);
  g_autoptr (cJSON) root = cJSON_CreateArray ();
  g_autoptr (RdmCliTable) table = rdm_cli_table_new ("lllrl");
  g_autoptr (RdmCsvWriter) csv = rdm_csv_writer_new ();

  if (events == NULL)
    return FALSE;
  rdm_cli_csv_header (csv, "label,start,end,days,kind");
  for (guint i = 0; i < events->len; i++)
    {
      const RdmDatedEvent *event = g_ptr_array_index (events, i);
      g_autofree char *start = rdm_cli_format_day (event->start_day);
      g_autofree char *end = rdm_cli_format_day (event->end_day);
      gint64 days = (event->end_day - event->start_day) / DAY_SECONDS + 1;
      cJSON *item = cJSON_CreateObject ();

      cJSON_AddStringToObject (item, "label", event->label);
      cJSON_AddStringToObject (item, "start", start);
      cJSON_AddStringToObject (item, "end", end);
      cJSON_AddItemToObject (item, "days", rdm_cli_json_number ((double)days));
      cJSON_AddStringToObject (item, "kind", event->kind);
      cJSON_AddItemToArray (root, item);

      rdm_csv_writer_add_text (csv, event->label);
      rdm_csv_writer_add_text (csv, start);
      rdm_csv_writer_add_text (csv, end);
      rdm_csv_writer_add_int (csv, days);
      rdm_csv_writer_add_text (csv, event->kind);
      rdm_csv_writer_end_row (csv);

      rdm_cli_table_add (table, event->label);
      rdm_cli_table_take (table, rdm_format_day (event->start_day));
      rdm_cli_table_take (table, rdm_format_day (event->end_day));
      rdm_cli_table_take (table, rdm_format_count (days));
      rdm_cli_table_add (table, event->kind);
      rdm_cli_table_end_row (table);
    }
  switch (format)
    {
    case RDM_OUTPUT_JSON:
      return rdm_cli_print_json (root, error);
    case RDM_OUTPUT_CSV:
      rdm_cli_print_csv (csv);
      return TRUE;
    case RDM_OUTPUT_TABLE:
    default:
      rdm_cli_table_print (table);
      return TRUE;
    }
}

gboolean
rdm_cli_event (int argc, char **argv, GError **error)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autofree char *date = NULL;
  g_autofree char *end = NULL;
  g_autofree char *label = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *kinds = g_strjoinv (", ", (char **)rdm_dated_event_kinds ());
  g_autofree char *kind_help = g_strdup_printf (_ ("add: %s (default other)"), kinds);
  RdmOutputFormat format;
  gint64 start_day, end_day;
  const char *help = _ ("Usage: rendement-cli event add PROJECT --date D [--end D] --label L "
                        "[--kind K] | list PROJECT | remove PROJECT --label L");
  const GOptionEntry entries[]
      = { { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_ ("add: the event’s first day"), "DATE" },
          { "end", 0, 0, G_OPTION_ARG_STRING, &end,
            N_ ("add: its last day, included (default: the first)"), "DATE" },
          { "label", 0, 0, G_OPTION_ARG_STRING, &label,
            N_ ("add, remove: the event’s name, unique in the project"), "LABEL" },
          { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, kind_help, "KIND" },
          { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, N_ ("list: table, json or csv"),
            "FORMAT" },
          G_OPTION_ENTRY_NULL };

  context = rdm_cli_option_context_new (
      "event", _ ("add|list|remove PROJECT"),
      _ ("Mark dated events — an e-reputation incident, a launch, press coverage, a promotion — "
         "whose effect “impact” measures."),
      entries);
  if (!rdm_cli_parse (context, &argc, &argv, error)
      || !rdm_cli_parse_format (format_text, &format, error))
    return FALSE;
  if (argc != 3)
    return rdm_cli_usage_error (error, "%s", help);
  if (g_str_equal (argv[1], "list"))
    {
      project = rdm_project_open_for_reading (argv[2], error);
      return project != NULL && print_events (project, format, error);
    }
  if (g_str_equal (argv[1], "remove"))
    {
      if (label == NULL)
        return rdm_cli_usage_error (error, "%s", _ ("event remove needs --label"));
      project = rdm_project_open (argv[2], error);
      return project != NULL && rdm_project_remove_event (project, label, error);
    }
  if (!g_str_equal (argv[1], "add"))
    return rdm_cli_usage_error (error, "%s", help);
  if (date == NULL || label == NULL)
    return rdm_cli_usage_error (error, "%s", _ ("event add needs --date and --label"));
  if (!rdm_cli_parse_day ("--date", date, &start_day, error))
    return FALSE;
  end_day = start_day;
  if (end != NULL && !rdm_cli_parse_day ("--end", end, &end_day, error))
    return FALSE;
  project = rdm_project_open (argv[2], error);
  return project != NULL && rdm_project_add_event (project, start_day, end_day, label, kind, error);
}

static gboolean
parse_days (const char *option, const char *text, int least, int *days, GError **error)
{
  char *end = NULL;
  gint64 value;

  if (text == NULL)
    return TRUE;
  value = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0' || value < least || value > MAX_WINDOW_DAYS)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("%s expects a number of days from %d to %d, got “%s”"), option, least,
                   MAX_WINDOW_DAYS, text);
      return FALSE;
    }
  *days = (int)value;
  return TRUE;
}

/* The report's numbers, in the order of the JSON, the CSV and the table. */
typedef struct
{
  const char *key;
  const char *label;
  double value;
} ImpactNumber;

static guint
impact_numbers (const RdmImpactResult *report, ImpactNumber *numbers)
{
  const RdmImpact *impact = &report->impact;
  const ImpactNumber all[] = {
    { "level_change", N_ ("Level change"), impact->level_change.estimate },
    { "ci_low", /* xgettext:no-c-format */ N_ ("Level change, 95 % low"),
      impact->level_change.ci_low },
    { "ci_high", /* xgettext:no-c-format */ N_ ("Level change, 95 % high"),
      impact->level_change.ci_high },
    { "slope_change", N_ ("Slope change per day"), impact->slope_change.estimate },
    { "slope_ci_low", /* xgettext:no-c-format */ N_ ("Slope change, 95 % low"),
      impact->slope_change.ci_low },
    { "slope_ci_high", /* xgettext:no-c-format */ N_ ("Slope change, 95 % high"),
      impact->slope_change.ci_high },
    { "total_change", N_ ("Total change over the days after"), impact->total_change.estimate },
    { "total_ci_low", /* xgettext:no-c-format */ N_ ("Total change, 95 % low"),
      impact->total_change.ci_low },
    { "total_ci_high", /* xgettext:no-c-format */ N_ ("Total change, 95 % high"),
      impact->total_change.ci_high },
    { "relative_change", N_ ("Level change / mean before"), impact->relative_change },
    { "before_mean", N_ ("Mean before"), impact->before_mean },
    { "after_mean", N_ ("Mean after"), impact->after_mean },
    { "days_before", N_ ("Days with data before"), impact->days_before },
    { "days_after", N_ ("Days with data after"), impact->days_after },
    { "trend", N_ ("Trend before, per day"), impact->coefficients[RDM_IMPACT_TERM_TREND] },
    { "autocorrelation", N_ ("Noise autocorrelation (AR(1))"), impact->rho },
    { "r2", N_ ("R²"), impact->r2 },
  };

  memcpy (numbers, all, sizeof all);
  return G_N_ELEMENTS (all);
}

#define MAX_IMPACT_NUMBERS 24

static gboolean
print_impact (const RdmImpactResult *report, RdmOutputFormat format, GError **error)
{
  ImpactNumber numbers[MAX_IMPACT_NUMBERS];
  guint n_numbers = impact_numbers (report, numbers);
  g_autofree char *event_start = rdm_cli_format_day (report->event->start_day);
  g_autofree char *event_end = rdm_cli_format_day (report->event->end_day);
  g_autofree char *window_start = rdm_cli_format_day (report->window_start);
  g_autofree char *window_end = rdm_cli_format_day (report->window_end);
  const char *texts[][2] = {
    { "event", report->event->label },  { "kind", report->event->kind },
    { "event_start", event_start },     { "event_end", event_end },
    { "series", report->series->name }, { "formula", report->series->formula },
    { "window_start", window_start },   { "window_end", window_end },
  };

  if (format == RDM_OUTPUT_JSON)
    {
      g_autoptr (cJSON) root = cJSON_CreateObject ();

      for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
        cJSON_AddStringToObject (root, texts[i][0], texts[i][1]);
      if (report->series->kpi != NULL)
        cJSON_AddStringToObject (root, "kpi", report->series->kpi);
      else
        cJSON_AddNullToObject (root, "kpi");
      for (guint i = 0; i < n_numbers; i++)
        cJSON_AddItemToObject (root, numbers[i].key, rdm_cli_json_number (numbers[i].value));
      if (report->series->conversions_source != NULL)
        cJSON_AddStringToObject (root, "conversions_source", report->series->conversions_source);
      else
        cJSON_AddNullToObject (root, "conversions_source");
      cJSON_AddStringToObject (root, "method", "prais-winsten");
      return rdm_cli_print_json (root, error);
    }
  if (format == RDM_OUTPUT_CSV)
    {
      g_autoptr (RdmCsvWriter) csv = rdm_csv_writer_new ();

      for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
        rdm_csv_writer_add_text (csv, texts[i][0]);
      for (guint i = 0; i < n_numbers; i++)
        rdm_csv_writer_add_text (csv, numbers[i].key);
      rdm_csv_writer_end_row (csv);
      for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
        rdm_csv_writer_add_text (csv, texts[i][1]);
      for (guint i = 0; i < n_numbers; i++)
        rdm_csv_writer_add_number (csv, numbers[i].value);
      rdm_csv_writer_end_row (csv);
      rdm_cli_print_csv (csv);
      return TRUE;
    }
  {
    g_autoptr (RdmCliTable) table = rdm_cli_table_new ("lr");
    g_autofree char *from = rdm_format_day (report->window_start);
    g_autofree char *to = rdm_format_day (report->window_end);
    g_autofree char *start = rdm_format_day (report->event->start_day);

    g_print (_ ("Event “%s” (%s, from %s); series %s; window %s to %s\n\n"), report->event->label,
             report->event->kind, start, report->series->formula, from, to);
    for (guint i = 0; i < n_numbers; i++)
      {
        rdm_cli_table_add (table, _ (numbers[i].label));
        if (g_str_has_prefix (numbers[i].key, "days_"))
          rdm_cli_table_take (table, rdm_format_count ((gint64)numbers[i].value));
        else if (isfinite (numbers[i].value))
          rdm_cli_table_take (table, rdm_format_fixed (numbers[i].value, 3));
        else
          rdm_cli_table_add (table, _ ("n/a"));
        rdm_cli_table_end_row (table);
      }
    rdm_cli_table_print (table);
    return TRUE;
  }
}

gboolean
rdm_cli_impact (int argc, char **argv, GError **error)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autoptr (RdmImpactResult) report = NULL;
  g_autofree char *label = NULL;
  g_autofree char *series_name = NULL;
  g_autofree char *before_text = NULL;
  g_autofree char *after_text = NULL;
  g_autofree char *format_text = NULL;
  int before = RDM_IMPACT_DEFAULT_DAYS_BEFORE, after = RDM_IMPACT_DEFAULT_DAYS_AFTER;
  RdmOutputFormat format;
  const GOptionEntry entries[]
      = { { "event", 0, 0, G_OPTION_ARG_STRING, &label, N_ ("The event’s label (see “event list”)"),
            "LABEL" },
          { "series", 0, 0, G_OPTION_ARG_STRING, &series_name,
            N_ ("The daily series, as in KPI formulas (cost[channel=\"Facebook\"], "
                "series[\"awareness\"], value / cost), or a KPI’s name"),
            "SERIES" },
          { "before", 0, 0, G_OPTION_ARG_STRING, &before_text,
            N_ ("Days before the event’s start in the window (default 56)"), "DAYS" },
          { "after", 0, 0, G_OPTION_ARG_STRING, &after_text,
            N_ ("Days from the event’s start on in the window (default 28)"), "DAYS" },
          { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text,
            N_ ("Output format: table (default), json or csv"), "FORMAT" },
          G_OPTION_ENTRY_NULL };

  context = rdm_cli_option_context_new (
      "impact", _ ("PROJECT"),
      _ ("Measure an event’s effect on a daily series: the change in level and in slope at its "
         "start, against the trend and weekdays before, with 95% intervals that allow for "
         "autocorrelated days."),
      entries);
  if (!rdm_cli_parse (context, &argc, &argv, error)
      || !rdm_cli_parse_format (format_text, &format, error))
    return FALSE;
  if (argc != 2)
    return rdm_cli_usage_error (error, "%s",
                                _ ("rendement-cli impact: expected one PROJECT file name"));
  if (label == NULL || series_name == NULL)
    return rdm_cli_usage_error (error, "%s", _ ("impact needs --event and --series"));
  if (!parse_days ("--before", before_text, RDM_IMPACT_MIN_DAYS_BEFORE, &before, error)
      || !parse_days ("--after", after_text, RDM_IMPACT_MIN_DAYS_AFTER, &after, error))
    return FALSE;

  project = rdm_project_open_for_reading (argv[1], error);
  if (project == NULL)
    return FALSE;
  report = rdm_project_measure_impact (project, label, series_name, (guint)before, (guint)after,
                                       NULL, error);
  if (report == NULL)
    return FALSE;
  return print_impact (report, format, error);
}
