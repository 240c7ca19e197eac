/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rendement-cli: the command-line front end over the same engine as the
 * window. Every command prints its result on stdout and its errors on
 * stderr, and exits non-zero on any error.
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "rdm-cli.h"

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
  { "info", rdm_cli_info, N_ ("Show a project’s totals and import log") },
  { "import", rdm_cli_import, N_ ("Import a CSV file into a project") },
  { "attribute", rdm_cli_attribute, N_ ("Credit conversions to channels with attribution models") },
  { "paths", rdm_cli_paths, N_ ("Report on conversion paths") },
  { "window-sweep", rdm_cli_window_sweep, N_ ("Show credit as the click window grows") },
  { "segment", rdm_cli_segment, N_ ("Add, list or remove saved segments") },
  { "compare", rdm_cli_compare, N_ ("Compare segments side by side with 95% intervals") },
  { "discover", rdm_cli_discover, N_ ("Rank an attribute’s values by conversion rate") },
  { "roi", rdm_cli_roi, N_ ("Return on investment per channel or campaign") },
  { "chart", rdm_cli_chart, N_ ("Draw a chart to PNG, SVG or PDF") },
  { "report", rdm_cli_report, N_ ("Write the quarterly review as a PDF") },
  { "kpis", rdm_cli_kpis, N_ ("The KPI scorecard for a period") },
  { "objective", rdm_cli_objective, N_ ("Add, list or remove business objectives") },
  { "initiative", rdm_cli_initiative, N_ ("Add, list or remove initiatives") },
  { "kpi", rdm_cli_kpi, N_ ("Add, list or remove KPIs, or record a manual value") },
  { "saving", rdm_cli_saving, N_ ("Declare a saving a channel brought") },
  { "definitions", rdm_cli_definitions, N_ ("Export or import objectives, KPIs and segments") },
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
rdm_cli_parse_format (const char *text, gboolean allow_csv, RdmOutputFormat *format, GError **error)
{
  if (text == NULL || g_str_equal (text, "table"))
    *format = RDM_OUTPUT_TABLE;
  else if (g_str_equal (text, "json"))
    *format = RDM_OUTPUT_JSON;
  else if (allow_csv && g_str_equal (text, "csv"))
    *format = RDM_OUTPUT_CSV;
  else
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   allow_csv ? _ ("Unknown format “%s”: expected json, csv or table")
                             : _ ("Unknown format “%s”: expected json or table"),
                   text);
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

/* One CSV field, quoted as RFC 4180 asks; a text that a spreadsheet would
 * run as a formula gets a leading apostrophe (OWASP's advice for CSV
 * injection). */
char *
rdm_cli_csv_field (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean formula = text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@'
                     || text[0] == '\t' || text[0] == '\r';
  gboolean quote = formula || strpbrk (text, ",;\"\r\n") != NULL;

  if (quote)
    g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
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

static gboolean
print_info_json (const RdmProjectInfo *info, GPtrArray *imports, GError **error)
{
  g_autoptr (cJSON) root = cJSON_CreateObject ();
  g_autofree char *first = format_time (info->first_time);
  g_autofree char *last = format_time (info->last_time);
  cJSON *log = cJSON_AddArrayToObject (root, "imports");

  cJSON_AddItemToObject (root, "visitors", rdm_cli_json_number (info->visitors));
  cJSON_AddItemToObject (root, "touchpoints", rdm_cli_json_number (info->touchpoints));
  cJSON_AddItemToObject (root, "conversions", rdm_cli_json_number (info->conversions));
  cJSON_AddItemToObject (root, "conversion_value", rdm_cli_json_number (info->conversion_value));
  cJSON_AddItemToObject (root, "cost", rdm_cli_json_number (info->cost));
  cJSON_AddItemToObject (root, "channels", rdm_cli_json_number (info->channels));
  cJSON_AddItemToObject (root, "campaigns", rdm_cli_json_number (info->campaigns));
  cJSON_AddItemToObject (root, "paths", rdm_cli_json_number (info->paths));
  cJSON_AddStringToObject (root, "first_time", first);
  cJSON_AddStringToObject (root, "last_time", last);
  cJSON_AddItemToObject (root, "schema_version",
                         rdm_cli_json_number (rdm_project_schema_version ()));
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
      cJSON_AddItemToArray (log, entry);
    }
  return rdm_cli_print_json (root, error);
}

static void
print_info_table (const RdmProjectInfo *info, GPtrArray *imports)
{
  g_autofree char *first = format_time (info->first_time);
  g_autofree char *last = format_time (info->last_time);

  const struct
  {
    const char *label;
    gint64 count;
    double amount;
    gboolean is_amount;
  } rows[] = {
    { _ ("Visitors"), info->visitors, 0, FALSE },
    { _ ("Touchpoints"), info->touchpoints, 0, FALSE },
    { _ ("Conversions"), info->conversions, 0, FALSE },
    { _ ("Conversion value"), 0, info->conversion_value, TRUE },
    { _ ("Cost"), 0, info->cost, TRUE },
    { _ ("Channels"), info->channels, 0, FALSE },
    { _ ("Campaigns"), info->campaigns, 0, FALSE },
    { _ ("Paths"), info->paths, 0, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      /* %' groups digits as the user's locale does */
      g_autofree char *value = rows[i].is_amount
                                   ? g_strdup_printf ("%'.2f", rows[i].amount)
                                   : g_strdup_printf ("%'" G_GINT64_FORMAT, rows[i].count);
      g_autofree char *line = rdm_cli_align_row (rows[i].label, 18, value, 16);

      g_print ("%s\n", line);
    }
  if (info->first_time != 0)
    {
      g_autofree char *span = g_strdup_printf ("%s … %s", first, last);
      g_autofree char *line = rdm_cli_align_row (_ ("Period"), 18, span, 0);

      g_print ("%s\n", line);
    }
  if (imports->len > 0)
    {
      g_print ("\n%s\n", _ ("Imports:"));
      for (guint i = 0; i < imports->len; i++)
        {
          const RdmImportRecord *record = imports->pdata[i];
          g_autofree char *when = format_time (record->imported_at);

          g_print ("  %3" G_GINT64_FORMAT "  %-10s %-20s %'12" G_GINT64_FORMAT
                   " %s, %'" G_GINT64_FORMAT " %s  %s  %s\n",
                   record->id, record->kind, record->preset, record->rows, _ ("rows"),
                   record->rejects, _ ("rejected"), when, record->file_name);
        }
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
  RdmProjectInfo info;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, N_ ("Output format: json or table"),
      N_ ("FORMAT") },
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
  if (!rdm_cli_parse_format (format_text, FALSE, &format, error))
    return FALSE;

  project = rdm_project_open (argv[1], error);
  if (project == NULL || !rdm_project_get_info (project, &info, error))
    return FALSE;
  imports = rdm_project_list_imports (project, error);
  if (imports == NULL)
    return FALSE;

  if (format == RDM_OUTPUT_JSON)
    return print_info_json (&info, imports, error);
  print_info_table (&info, imports);
  return TRUE;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
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
            g_printerr ("rendement-cli: %s\n", error->message);
            return error->domain == RDM_CLI_ERROR || error->domain == G_OPTION_ERROR ? 2 : 1;
          }
        return 0;
      }

  g_printerr (_ ("rendement-cli: unknown command “%s”\n\n"), argv[1]);
  print_usage (stderr);
  return 2;
}
