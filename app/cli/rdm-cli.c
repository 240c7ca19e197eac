/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rendement-cli: the command-line front end over the same engine as the
 * window. Every command prints its result on stdout and its errors on
 * stderr, and exits non-zero on any error.
 */

#include "config.h"

#include <inttypes.h>
#include <locale.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "rdm-channel-rules.h"
#include "rdm-cli.h"
#include "rdm-events.h"
#include "rdm-calibration.h"
#include "rdm-csv.h"
#include "rdm-format.h"
#include "rdm-path-loader.h"
#include "rdm-path-set.h"
#include "rdm-roi-report.h"
#include "rdm-text.h"

/* The quark name is a bare dashed token, which clang-format would split. */
/* clang-format off */
G_DEFINE_QUARK (rdm-cli-error-quark, rdm_cli_error)
/* clang-format on */

typedef struct
{
  const char *name;
  RdmCliCommandFunc func;
  const char *summary;
} RdmCliCommand;

static const RdmCliCommand commands[] = {
  { "new", rdm_cli_new, N_ ("Create an empty project file") },
  { "demo", rdm_cli_demo, N_ ("Write the demo project") },
  { "simulate", rdm_cli_simulate, N_ ("Write a simulated world with a known truth") },
  { "info", rdm_cli_info, N_ ("Show a project’s totals and import log") },
  { "import", rdm_cli_import, N_ ("Import a CSV file into a project, or remove an import") },
  { "attribute", rdm_cli_attribute, N_ ("Credit conversions to channels with attribution models") },
  { "paths", rdm_cli_paths, N_ ("Report on conversion paths") },
  { "window-sweep", rdm_cli_window_sweep, N_ ("Show credit as the click window grows") },
  { "explain", rdm_cli_explain, N_ ("Show how a model credits a journey that you type") },
  { "segment", rdm_cli_segment, N_ ("Add, list or remove saved segments") },
  { "compare", rdm_cli_compare, N_ ("Compare segments side by side with 95% intervals") },
  { "discover", rdm_cli_discover, N_ ("Rank an attribute’s values by conversion rate") },
  { "roi", rdm_cli_roi, N_ ("Return on investment per channel or campaign") },
  { "chart", rdm_cli_chart, N_ ("Draw a chart to PNG, SVG or PDF") },
  { "report", rdm_cli_report, N_ ("Write the quarterly review as a PDF") },
  { "export", rdm_cli_export,
    N_ ("Write the quarterly review’s tables as an XLSX workbook or CSV files") },
  { "kpis", rdm_cli_kpis, N_ ("The KPI scorecard for a period") },
  { "objective", rdm_cli_objective, N_ ("Add, list or remove business objectives") },
  { "initiative", rdm_cli_initiative, N_ ("Add, list or remove initiatives") },
  { "kpi", rdm_cli_kpi, N_ ("Add, list or remove KPIs, or record a manual value") },
  { "saving", rdm_cli_saving, N_ ("Declare a saving a channel brought") },
  { "definitions", rdm_cli_definitions, N_ ("Export or import objectives, KPIs and segments") },
  { "channel-rule", rdm_cli_channel_rule,
    N_ ("Add, list, remove, move or test the rules that name channels") },
  { "channel", rdm_cli_channel, N_ ("List the channels, or set a channel’s group") },
  { "event", rdm_cli_event, N_ ("Add, list or remove dated events: incidents, launches, press") },
  { "impact", rdm_cli_impact, N_ ("Measure an event’s effect on a daily series") },
  { "mirror", rdm_cli_mirror, N_ ("Correlate two series at lags: which leads, and by how much") },
  { "mmm", rdm_cli_mmm,
    N_ ("Fit a media-mix model: each channel’s contribution and response curve from daily data") },
  { "budget", rdm_cli_budget,
    N_ ("Split a budget between channels for the most conversions under the media-mix model") },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n  rendement-cli %s\n\n%s\n", _ ("Usage:"), _ ("COMMAND PROJECT [OPTION…]"),
           _ ("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-12s %s\n", commands[i].name, _ (commands[i].summary));
  fprintf (stream, "\n%s\n", _ ("Run “rendement-cli COMMAND --help” for a command’s options."));
}

GOptionContext *
rdm_cli_option_context_new (const char *command,
                            const char *parameter_string,
                            const char *summary,
                            const GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameter_string);
  g_autofree char *program = g_strdup_printf ("rendement-cli %s", command);

  g_set_prgname (program);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

gboolean
rdm_cli_parse (GOptionContext *context, int *argc, char ***argv, GError **error)
{
  if (!g_option_context_parse (context, argc, argv, error))
    {
      g_prefix_error (error, "%s: ", g_get_prgname ());
      return FALSE;
    }
  return TRUE;
}

gboolean
rdm_cli_parse_format (const char *text, RdmOutputFormat *format, GError **error)
{
  if (text == NULL || g_str_equal (text, "table"))
    *format = RDM_OUTPUT_TABLE;
  else if (g_str_equal (text, "json"))
    *format = RDM_OUTPUT_JSON;
  else if (g_str_equal (text, "csv"))
    *format = RDM_OUTPUT_CSV;
  else
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("Unknown format “%s”: expected table, json or csv"), text);
      return FALSE;
    }
  return TRUE;
}

gboolean
rdm_cli_parse_list_format (const char *text, RdmOutputFormat *format, GError **error)
{
  if (!rdm_cli_parse_format (text, format, error))
    return FALSE;
  if (*format == RDM_OUTPUT_CSV)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("%s lists records: expected --format table or json"), g_get_prgname ());
      return FALSE;
    }
  return TRUE;
}

/* Numbers in files meant for machines: 17 significant digits, a dot as the
 * decimal separator whatever the locale, so they read back exactly. */
char *
rdm_cli_format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    return g_strdup ("null");
  if (value == 0.0)
    value = 0.0; /* no "-0" */
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.17g", value));
}

cJSON *
rdm_cli_json_number (double value)
{
  g_autofree char *text = rdm_cli_format_number (value);

  return cJSON_CreateRaw (text);
}

gboolean
rdm_cli_print_json (cJSON *root, GError **error)
{
  g_autofree char *text = cJSON_Print (root);

  if (text == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                           _ ("Out of memory while writing JSON"));
      return FALSE;
    }
  g_print ("%s\n", text);
  return TRUE;
}

/* printf pads by bytes, which misaligns accented labels and the narrow
 * no-break space that groups digits in French: pad by characters. */
char *
rdm_cli_align_row (const char *label, int label_width, const char *value, int value_width)
{
  GString *line = g_string_new (label);
  int label_length = (int)g_utf8_strlen (label, -1);
  int value_length = (int)g_utf8_strlen (value, -1);

  for (int i = label_length; i < label_width; i++)
    g_string_append_c (line, ' ');
  g_string_append_c (line, ' ');
  for (int i = value_length; i < value_width; i++)
    g_string_append_c (line, ' ');
  g_string_append (line, value);
  return g_string_free (line, FALSE);
}

void
rdm_cli_csv_header (RdmCsvWriter *csv, const char *names)
{
  g_auto (GStrv) columns = g_strsplit (names, ",", -1);

  for (guint i = 0; columns[i] != NULL; i++)
    rdm_csv_writer_add_text (csv, columns[i]);
  rdm_csv_writer_end_row (csv);
}

void
rdm_cli_print_csv (RdmCsvWriter *csv)
{
  fputs (rdm_csv_writer_get_text (csv), stdout);
}

struct _RdmCliTable
{
  char *alignment;
  guint n_columns;
  GPtrArray *cells; /* char *, row after row */
  GArray *row_ends; /* guint: cells->len at the end of each row */
};

RdmCliTable *
rdm_cli_table_new (const char *alignment)
{
  RdmCliTable *table = g_new0 (RdmCliTable, 1);

  table->alignment = g_strdup (alignment);
  table->n_columns = (guint)strlen (alignment);
  table->cells = g_ptr_array_new_with_free_func (g_free);
  table->row_ends = g_array_new (FALSE, FALSE, sizeof (guint));
  return table;
}

void
rdm_cli_table_free (RdmCliTable *table)
{
  if (table == NULL)
    return;
  g_free (table->alignment);
  g_ptr_array_unref (table->cells);
  g_array_unref (table->row_ends);
  g_free (table);
}

void
rdm_cli_table_take (RdmCliTable *table, char *text)
{
  g_ptr_array_add (table->cells, rdm_text_escape_controls (text, FALSE));
  g_free (text);
}

void
rdm_cli_table_add (RdmCliTable *table, const char *text)
{
  rdm_cli_table_take (table, g_strdup (text));
}

void
rdm_cli_table_end_row (RdmCliTable *table)
{
  guint end = table->cells->len;

  g_array_append_val (table->row_ends, end);
}

void
rdm_cli_table_print (const RdmCliTable *table)
{
  g_autofree int *width = g_new0 (int, MAX (table->n_columns, 1));
  guint begin = 0;

  for (guint r = 0; r < table->row_ends->len; r++)
    {
      guint end = g_array_index (table->row_ends, guint, r);

      for (guint i = begin; i < end; i++)
        {
          guint column = i - begin;

          if (column < table->n_columns)
            width[column] = MAX (width[column], (int)g_utf8_strlen (table->cells->pdata[i], -1));
        }
      begin = end;
    }
  begin = 0;
  for (guint r = 0; r < table->row_ends->len; r++)
    {
      guint end = g_array_index (table->row_ends, guint, r);
      g_autoptr (GString) line = g_string_new (NULL);

      for (guint i = begin; i < end; i++)
        {
          guint column = i - begin;
          const char *text = table->cells->pdata[i];
          int pad = column < table->n_columns ? width[column] - (int)g_utf8_strlen (text, -1) : 0;
          gboolean right = column < table->n_columns && table->alignment[column] == 'r';
          gboolean last = i + 1 == end;

          if (column > 0)
            g_string_append (line, "  ");
          if (right)
            for (int k = 0; k < pad; k++)
              g_string_append_c (line, ' ');
          g_string_append (line, text);
          if (!right && !last)
            for (int k = 0; k < pad; k++)
              g_string_append_c (line, ' ');
        }
      g_print ("%s\n", line->str);
      begin = end;
    }
}

const char *
rdm_cli_display_label (const char *label)
{
  if (g_strcmp0 (label, RDM_NO_TOUCH_LABEL) == 0)
    return _ ("No touch");
  /* what calibration by experiments takes from the channels */
  if (g_strcmp0 (label, RDM_BASELINE_LABEL) == 0)
    return _ ("Baseline");
  /* the shared costs no channel took (rdm-roi-report.h) */
  if (g_strcmp0 (label, RDM_SHARED_LABEL) == 0)
    return _ ("Shared costs");
  return label;
}

const char *
rdm_cli_level_key (RdmLevel level)
{
  return level == RDM_LEVEL_CAMPAIGN ? "campaign" : level == RDM_LEVEL_GROUP ? "group" : "channel";
}

const char *
rdm_cli_level_header (RdmLevel level)
{
  return level == RDM_LEVEL_CAMPAIGN ? _ ("Campaign")
         : level == RDM_LEVEL_GROUP  ? _ ("Channel group")
                                     : _ ("Channel");
}

/* At group level the labels are group codes, shown by their names. */
const char *
rdm_cli_level_label (RdmLevel level, const char *label)
{
  if (level == RDM_LEVEL_GROUP && g_strcmp0 (label, RDM_BASELINE_LABEL) != 0
      && g_strcmp0 (label, RDM_NO_TOUCH_LABEL) != 0)
    return rdm_channel_group_display_name (label);
  return rdm_cli_display_label (label);
}

gboolean
rdm_cli_new (int argc, char **argv, GError **error)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (RdmProject) project = NULL;

  context = rdm_cli_option_context_new ("new", _ ("PROJECT"),
                                        _ ("Create an empty project file (.rendement)."), NULL);
  if (!rdm_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("rendement-cli new: expected one PROJECT file name"));
      return FALSE;
    }
  project = rdm_project_create (argv[1], error);
  if (project == NULL)
    return FALSE;
  g_print (_ ("Created the project “%s”.\n"), argv[1]);
  return TRUE;
}

static char *
format_time (gint64 time)
{
  g_autoptr (GDateTime) date = time != 0 ? g_date_time_new_from_unix_utc (time) : NULL;

  return date != NULL ? g_date_time_format (date, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
}

char *
rdm_cli_format_day (gint64 day)
{
  return rdm_day_to_iso (day);
}

gboolean
rdm_cli_usage_error (GError **error, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE, format, args));
  va_end (args);
  return FALSE;
}

gboolean
rdm_cli_parse_day (const char *option, const char *text, gint64 *day, GError **error)
{
  if (text == NULL)
    return rdm_cli_usage_error (error, _ ("%s is required"), option);
  if (!rdm_csv_parse_time (text, day))
    return rdm_cli_usage_error (
        error, _ ("%s: “%s” is not a date: expected YYYY-MM-DD or DD/MM/YYYY"), option, text);
  *day = rdm_csv_day_of (*day);
  return TRUE;
}

char *
rdm_cli_help_with_default (const char *format, double value)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  GString *text = g_string_new (_ (format));

  g_string_replace (text, "%s", g_ascii_formatd (number, sizeof number, "%g", value), 1);
  return g_string_free (text, FALSE);
}

gboolean
rdm_cli_parse_integer (
    const char *option, const char *text, gint64 least, gint64 most, gint64 *value, GError **error)
{
  char *end = NULL;

  *value = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0' || *value < least || *value > most)
    return rdm_cli_usage_error (
        error, _ ("%s expects a whole number from %" PRId64 " to %" PRId64 ", got “%s”"), option,
        least, most, text);
  return TRUE;
}

gboolean
rdm_cli_parse_number (const char *option, const char *text, double *value, GError **error)
{
  char *end = NULL;

  if (text != NULL)
    *value = g_ascii_strtod (text, &end);
  if (text == NULL || end == text || *end != '\0' || !isfinite (*value))
    return rdm_cli_usage_error (error, _ ("%s expects a number, got “%s”"), option,
                                text != NULL ? text : "");
  return TRUE;
}

/* The totals "info" shows: the project's own, with an imported path
 * table's conversions, value and channels (its paths name channels that
 * the channel table does not list). */
typedef struct
{
  RdmProjectInfo base;
  double conversions;
  double conversion_value;
  gint64 channels;
} InfoTotals;

static gboolean
load_info_totals (RdmProject *project, InfoTotals *totals, GError **error)
{
  RdmPathTableTotals table = { 0 };

  if (!rdm_project_get_info (project, &totals->base, error))
    return FALSE;
  if (totals->base.paths > 0 && !rdm_project_path_table_totals (project, &table, error))
    return FALSE;
  totals->conversions = (double)totals->base.conversions + table.conversions;
  totals->conversion_value = totals->base.conversion_value + table.value;
  totals->channels = MAX (totals->base.channels, (gint64)table.channels);
  return TRUE;
}

static gboolean
print_info_json (const InfoTotals *totals, GPtrArray *imports, GError **error)
{
  const RdmProjectInfo *info = &totals->base;
  g_autoptr (cJSON) root = cJSON_CreateObject ();
  g_autofree char *first = format_time (info->first_time);
  g_autofree char *last = format_time (info->last_time);
  cJSON *log;

  cJSON_AddItemToObject (root, "visitors", rdm_cli_json_number (info->visitors));
  cJSON_AddItemToObject (root, "touchpoints", rdm_cli_json_number (info->touchpoints));
  cJSON_AddItemToObject (root, "conversions", rdm_cli_json_number (totals->conversions));
  cJSON_AddItemToObject (root, "conversion_value", rdm_cli_json_number (totals->conversion_value));
  cJSON_AddItemToObject (root, "cost", rdm_cli_json_number (info->cost));
  cJSON_AddItemToObject (root, "shared_cost", rdm_cli_json_number (info->shared_cost));
  cJSON_AddItemToObject (root, "channels", rdm_cli_json_number (totals->channels));
  cJSON_AddItemToObject (root, "campaigns", rdm_cli_json_number (info->campaigns));
  cJSON_AddItemToObject (root, "paths", rdm_cli_json_number (info->paths));
  cJSON_AddStringToObject (root, "first_time", first);
  cJSON_AddStringToObject (root, "last_time", last);
  cJSON_AddItemToObject (root, "outcome_days", rdm_cli_json_number (info->outcome_days));
  if (info->outcome_days > 0)
    {
      g_autofree char *first_day = rdm_cli_format_day (info->first_outcome_day);
      g_autofree char *last_day = rdm_cli_format_day (info->last_outcome_day);

      cJSON_AddStringToObject (root, "first_outcome_day", first_day);
      cJSON_AddStringToObject (root, "last_outcome_day", last_day);
    }
  cJSON_AddItemToObject (root, "schema_version",
                         rdm_cli_json_number (rdm_project_schema_version ()));
  log = cJSON_AddArrayToObject (root, "imports");
  for (guint i = 0; i < imports->len; i++)
    {
      const RdmImportRecord *record = imports->pdata[i];
      g_autofree char *when = format_time (record->imported_at);
      cJSON *entry = cJSON_CreateObject ();

      cJSON_AddItemToObject (entry, "id", rdm_cli_json_number (record->id));
      cJSON_AddStringToObject (entry, "file", record->file_name);
      cJSON_AddStringToObject (entry, "kind", record->kind);
      cJSON_AddStringToObject (entry, "preset", record->preset);
      cJSON_AddStringToObject (entry, "sha256", record->checksum);
      cJSON_AddStringToObject (entry, "imported_at", when);
      cJSON_AddItemToObject (entry, "rows", rdm_cli_json_number (record->rows));
      cJSON_AddItemToObject (entry, "rejects", rdm_cli_json_number (record->rejects));
      if (record->period_start != 0)
        {
          g_autofree char *start = rdm_cli_format_day (record->period_start);

          cJSON_AddStringToObject (entry, "period_start", start);
        }
      if (record->period_end != 0)
        {
          g_autofree char *end = rdm_cli_format_day (record->period_end);

          cJSON_AddStringToObject (entry, "period_end", end);
        }
      cJSON_AddItemToArray (log, entry);
    }
  return rdm_cli_print_json (root, error);
}

/* One row per total, named as in JSON; the import log is left to JSON and
 * the table, as a CSV file holds one table. */
static void
print_info_csv (const InfoTotals *totals)
{
  const RdmProjectInfo *info = &totals->base;
  g_autoptr (RdmCsvWriter) csv = rdm_csv_writer_new ();
  const struct
  {
    const char *name;
    double value;
  } rows[] = {
    { "visitors", info->visitors },
    { "touchpoints", info->touchpoints },
    { "conversions", totals->conversions },
    { "conversion_value", totals->conversion_value },
    { "cost", info->cost },
    { "shared_cost", info->shared_cost },
    { "channels", totals->channels },
    { "campaigns", info->campaigns },
    { "paths", info->paths },
    { "outcome_days", info->outcome_days },
  };

  rdm_cli_csv_header (csv, "total,value");
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      rdm_csv_writer_add_text (csv, rows[i].name);
      rdm_csv_writer_add_number (csv, rows[i].value);
      rdm_csv_writer_end_row (csv);
    }
  rdm_cli_print_csv (csv);
}

static void
print_info_table (const InfoTotals *totals, GPtrArray *imports)
{
  const RdmProjectInfo *info = &totals->base;
  g_autofree char *first = format_time (info->first_time);
  g_autofree char *last = format_time (info->last_time);
  g_autoptr (RdmCliTable) table = rdm_cli_table_new ("lr");
  const struct
  {
    const char *label;
    double number;
    gboolean is_amount;
  } rows[] = {
    { _ ("Visitors"), info->visitors, FALSE },
    { _ ("Touchpoints"), info->touchpoints, FALSE },
    { _ ("Conversions"), totals->conversions, FALSE },
    { _ ("Conversion value"), totals->conversion_value, TRUE },
    { _ ("Cost"), info->cost, TRUE },
    /* Translators: costs of no one channel (an agency fee), which ROI allocates */
    { _ ("Shared costs"), info->shared_cost, TRUE },
    { _ ("Channels"), totals->channels, FALSE },
    { _ ("Campaigns"), info->campaigns, FALSE },
    { _ ("Paths"), info->paths, FALSE },
    { _ ("Outcome days"), info->outcome_days, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      rdm_cli_table_add (table, rows[i].label);
      /* an imported path table may hold fractional conversions */
      rdm_cli_table_take (table, rows[i].is_amount || rows[i].number != floor (rows[i].number)
                                     ? rdm_format_amount (rows[i].number)
                                     : rdm_format_count ((gint64)rows[i].number));
      rdm_cli_table_end_row (table);
    }
  rdm_cli_table_print (table);
  if (info->first_time != 0)
    {
      g_autofree char *span = g_strdup_printf ("%s … %s", first, last);
      g_autofree char *line = rdm_cli_align_row (_ ("Period"), 18, span, 0);

      g_print ("%s\n", line);
    }
  if (info->outcome_days > 0)
    {
      g_autofree char *first_day = rdm_cli_format_day (info->first_outcome_day);
      g_autofree char *last_day = rdm_cli_format_day (info->last_outcome_day);
      g_autofree char *span = g_strdup_printf ("%s … %s", first_day, last_day);
      g_autofree char *line = rdm_cli_align_row (_ ("Outcomes"), 18, span, 0);

      g_print ("%s\n", line);
    }
  if (imports->len > 0)
    {
      g_autoptr (RdmCliTable) log = rdm_cli_table_new ("rllrrll");

      g_print ("\n%s\n", _ ("Imports:"));
      for (guint i = 0; i < imports->len; i++)
        {
          const RdmImportRecord *record = imports->pdata[i];
          g_autofree char *row_count = rdm_format_count (record->rows);
          g_autofree char *rejects = rdm_format_count (record->rejects);

          rdm_cli_table_take (log, g_strdup_printf ("%" G_GINT64_FORMAT, record->id));
          rdm_cli_table_add (log, record->kind);
          rdm_cli_table_add (log, record->preset);
          rdm_cli_table_take (log, g_strdup_printf ("%s %s", row_count, _ ("rows")));
          rdm_cli_table_take (log, g_strdup_printf ("%s %s", rejects, _ ("rejected")));
          rdm_cli_table_take (log, format_time (record->imported_at));
          rdm_cli_table_add (log, record->file_name);
          rdm_cli_table_end_row (log);
        }
      rdm_cli_table_print (log);
    }
}

gboolean
rdm_cli_info (int argc, char **argv, GError **error)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autoptr (GPtrArray) imports = NULL;
  g_autofree char *format_text = NULL;
  RdmOutputFormat format;
  InfoTotals totals;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text,
      N_ ("Output format: table (default), json or csv"), N_ ("FORMAT") },
    { NULL },
  };

  context = rdm_cli_option_context_new (
      "info", _ ("PROJECT"), _ ("Show the project’s totals and its import log."), entries);
  if (!rdm_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("rendement-cli info: expected one PROJECT file name"));
      return FALSE;
    }
  if (!rdm_cli_parse_format (format_text, &format, error))
    return FALSE;

  project = rdm_project_open_for_reading (argv[1], error);
  if (project == NULL || !load_info_totals (project, &totals, error))
    return FALSE;
  imports = rdm_project_list_imports (project, error);
  if (imports == NULL)
    return FALSE;

  switch (format)
    {
    case RDM_OUTPUT_JSON:
      return print_info_json (&totals, imports, error);
    case RDM_OUTPUT_CSV:
      print_info_csv (&totals);
      return TRUE;
    case RDM_OUTPUT_TABLE:
    default:
      print_info_table (&totals, imports);
      return TRUE;
    }
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;

  setlocale (LC_ALL, "");
  /* RENDEMENT_LOCALEDIR runs an uninstalled build in its own language */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("RENDEMENT_LOCALEDIR") != NULL
                                       ? g_getenv ("RENDEMENT_LOCALEDIR")
                                       : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")
      || g_str_equal (argv[1], "help"))
    {
      print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? 2 : 0;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("rendement-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        if (!commands[i].func (argc - 1, argv + 1, &error))
          {
            g_autofree char *message = rdm_text_escape_controls (error->message, TRUE);

            g_printerr ("rendement-cli: %s\n", message);
            return error->domain == RDM_CLI_ERROR || error->domain == G_OPTION_ERROR ? 2 : 1;
          }
        return 0;
      }

  g_printerr (_ ("rendement-cli: unknown command “%s”\n\n"), argv[1]);
  print_usage (stderr);
  return 2;
}
