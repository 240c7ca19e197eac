/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rendement-cli import: one CSV file into a project, in one transaction;
 * "import remove" takes an import out again.
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "rdm-cli.h"
#include "rdm-format.h"
#include "rdm-import.h"
#include "rdm-text.h"

GHashTable *
rdm_cli_parse_mapping (char **pairs, GError **error)
{
  g_autoptr (GHashTable) mapping = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; pairs != NULL && pairs[i] != NULL; i++)
    {
      const char *equal = strchr (pairs[i], '=');
      g_autofree char *column = NULL;

      if (equal == NULL || equal == pairs[i] || equal[1] == '\0')
        {
          g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                       _ ("invalid --map “%s”: expected COLUMN=HEADER, e.g. timestamp=Date"),
                       pairs[i]);
          return NULL;
        }
      column = g_strstrip (g_strndup (pairs[i], equal - pairs[i]));
      g_hash_table_insert (mapping, g_steal_pointer (&column), g_strdup (equal + 1));
    }
  return g_steal_pointer (&mapping);
}

static gboolean
print_json (const RdmImportReport *report, GError **error)
{
  g_autoptr (cJSON) root = cJSON_CreateObject ();
  char separator[2] = { report->separator, '\0' };
  cJSON *rejects, *notes;

  cJSON_AddItemToObject (root, "import_id", rdm_cli_json_number ((double)report->import_id));
  cJSON_AddStringToObject (root, "file", report->file_name);
  cJSON_AddStringToObject (root, "kind", rdm_import_kind_to_string (report->kind));
  cJSON_AddStringToObject (root, "preset", report->preset);
  cJSON_AddStringToObject (root, "separator", separator);
  cJSON_AddStringToObject (root, "encoding", report->encoding);
  cJSON_AddItemToObject (root, "header_line", rdm_cli_json_number ((double)report->header_line));
  if (report->currency != NULL)
    cJSON_AddStringToObject (root, "currency", report->currency);
  else
    cJSON_AddNullToObject (root, "currency");
  cJSON_AddItemToObject (root, "rows_read", rdm_cli_json_number ((double)report->rows_read));
  cJSON_AddItemToObject (root, "rows_imported",
                         rdm_cli_json_number ((double)report->rows_imported));
  cJSON_AddItemToObject (root, "rows_skipped", rdm_cli_json_number ((double)report->rows_skipped));
  cJSON_AddItemToObject (root, "rows_rejected", rdm_cli_json_number (report->rejects->len));
  notes = cJSON_AddArrayToObject (root, "notes");
  for (guint i = 0; i < report->notes->len; i++)
    cJSON_AddItemToArray (notes, cJSON_CreateString (report->notes->pdata[i]));
  rejects = cJSON_AddArrayToObject (root, "rejects");
  for (guint i = 0; i < report->rejects->len; i++)
    {
      const RdmImportReject *reject = report->rejects->pdata[i];
      cJSON *item = cJSON_CreateObject ();

      cJSON_AddItemToObject (item, "line", rdm_cli_json_number ((double)reject->line));
      cJSON_AddItemToObject (item, "column", rdm_cli_json_number (reject->column));
      cJSON_AddStringToObject (item, "message", reject->message);
      cJSON_AddItemToArray (rejects, item);
    }
  return rdm_cli_print_json (root, error);
}

/* "--dry-run": what the file would be read as, and why, without a
 * project. */
static gboolean
print_preview (const char *path,
               const RdmImportOptions *options,
               RdmOutputFormat format,
               GError **error)
{
  g_autoptr (RdmImportPreview) preview = rdm_import_preview (path, 0, options, error);

  if (preview == NULL)
    return FALSE;
  if (format == RDM_OUTPUT_JSON)
    {
      g_autoptr (cJSON) root = cJSON_CreateObject ();
      cJSON *mapping = cJSON_AddObjectToObject (root, "mapping");

      cJSON_AddStringToObject (root, "kind", rdm_import_kind_to_string (preview->kind));
      if (preview->preset != NULL)
        cJSON_AddStringToObject (root, "preset", preview->preset);
      if (preview->reason != NULL)
        cJSON_AddStringToObject (root, "reason", preview->reason);
      if (preview->problem != NULL)
        cJSON_AddStringToObject (root, "problem", preview->problem);
      cJSON_AddItemToObject (root, "table", rdm_cli_json_number (preview->table));
      cJSON_AddStringToObject (root, "encoding", preview->encoding);
      cJSON_AddItemToObject (root, "header_line",
                             rdm_cli_json_number ((double)preview->header_line));
      for (guint c = 0; preview->columns[c] != NULL; c++)
        cJSON_AddStringToObject (mapping, preview->columns[c], preview->mapped_header[c]);
      if (!rdm_cli_print_json (root, error))
        return FALSE;
    }
  else
    {
      if (preview->reason != NULL)
        g_print ("%s\n", preview->reason);
      if (preview->skipped != NULL)
        g_print (_ ("Note: %s\n"), preview->skipped);
      for (guint c = 0; preview->columns[c] != NULL; c++)
        if (*preview->mapped_header[c] != '\0')
          g_print ("  %s ← “%s”\n", preview->columns[c], preview->mapped_header[c]);
    }
  if (preview->problem != NULL)
    g_set_error_literal (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_UNRECOGNIZED, preview->problem);
  else if (preview->preset == NULL)
    g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_UNRECOGNIZED,
                 _ ("%s: no preset reads this file: choose a kind and a preset, or map the "
                    "columns with --map"),
                 path);
  return preview->preset != NULL && preview->problem == NULL;
}

static void
print_table (const RdmImportReport *report)
{
  g_print (_ ("Imported “%s” (kind %s, preset %s) as import %" PRId64 ".\n"), report->file_name,
           rdm_import_kind_to_string (report->kind), report->preset, report->import_id);
  if (report->currency != NULL)
    g_print (_ ("Currency:      %s\n"), report->currency);
  g_print (_ ("Rows read:     %" PRIu64 "\n"), report->rows_read);
  g_print (_ ("Rows imported: %" PRIu64 "\n"), report->rows_imported);
  if (report->rows_skipped > 0)
    g_print (_ ("Rows skipped:  %" PRIu64 "\n"), report->rows_skipped);
  g_print (_ ("Rows rejected: %u\n"), report->rejects->len);
  for (guint i = 0; i < report->notes->len; i++)
    {
      g_autofree char *note = rdm_text_escape_controls (report->notes->pdata[i], FALSE);

      g_print (_ ("Note: %s\n"), note);
    }
  if (report->period_start != 0 && report->period_end != 0)
    {
      g_autoptr (GDateTime) start = g_date_time_new_from_unix_utc (report->period_start);
      g_autoptr (GDateTime) end = g_date_time_new_from_unix_utc (report->period_end);
      g_autofree char *from = g_date_time_format (start, "%Y-%m-%d");
      g_autofree char *to = g_date_time_format (end, "%Y-%m-%d");

      /* Translators: the period a file covers, as the file states it */
      g_print (_ ("Period (as the file states it): %s … %s\n"), from, to);
    }
  for (guint i = 0; i < report->rejects->len; i++)
    {
      const RdmImportReject *reject = report->rejects->pdata[i];

      g_print ("  %s\n", reject->message);
    }
}

static gboolean
print_removed_json (const RdmImportRecord *record, GError **error)
{
  g_autoptr (cJSON) root = cJSON_CreateObject ();

  cJSON_AddItemToObject (root, "import_id", rdm_cli_json_number ((double)record->id));
  cJSON_AddStringToObject (root, "file", record->file_name);
  cJSON_AddStringToObject (root, "kind", record->kind);
  cJSON_AddItemToObject (root, "rows", rdm_cli_json_number ((double)record->rows));
  return rdm_cli_print_json (root, error);
}

/* "import remove PROJECT NUMBER": @argv[0] is "remove". */
static gboolean
remove_import (int argc, char **argv, GError **error)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autoptr (RdmImportRecord) record = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *name = NULL;
  RdmOutputFormat format;
  gint64 id;
  char *end = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, N_ ("Output format: json or table"),
      N_ ("FORMAT") },
    { NULL },
  };

  context = rdm_cli_option_context_new (
      "import remove", _ ("PROJECT NUMBER"),
      _ ("Remove an import from a project, in one transaction: every row it brought and its line "
         "in the import log. “rendement-cli info PROJECT” lists the imports with their numbers."),
      entries);
  if (!rdm_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 3)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("rendement-cli import remove: expected a PROJECT file name and an import "
                      "NUMBER"));
      return FALSE;
    }
  if (!rdm_cli_parse_list_format (format_text, &format, error))
    return FALSE;
  id = g_ascii_strtoll (argv[2], &end, 10);
  if (end == argv[2] || *end != '\0' || id <= 0)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("“%s” is not an import number: rendement-cli info lists them"), argv[2]);
      return FALSE;
    }

  project = rdm_project_open (argv[1], error);
  if (project == NULL || !rdm_project_remove_import (project, id, &record, error))
    return FALSE;

  if (format == RDM_OUTPUT_JSON)
    return print_removed_json (record, error);
  rows = rdm_format_count (record->rows);
  name = rdm_text_escape_controls (record->file_name, FALSE);
  /* Translators: the second %s is a file name, the third a number of rows */
  g_print (g_dngettext (GETTEXT_PACKAGE, "Removed import %" PRId64 " (“%s”): %s row.\n",
                        "Removed import %" PRId64 " (“%s”): %s rows.\n",
                        (gulong)MIN (record->rows, G_MAXULONG)),
           record->id, name, rows);
  return TRUE;
}

gboolean
rdm_cli_import (int argc, char **argv, GError **error)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autoptr (RdmImportReport) report = NULL;
  g_autoptr (GHashTable) mapping = NULL;
  g_autofree char *kind_text = NULL;
  g_autofree char *preset_text = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *channel = NULL;
  g_auto (GStrv) map_pairs = NULL;
  g_auto (GStrv) presets = rdm_import_list_presets (RDM_IMPORT_KIND_NONE);
  g_autofree char *preset_list = g_strjoinv (", ", presets);
  g_autofree char *description = NULL;
  RdmImportOptions options = { 0 };
  RdmOutputFormat format;
  gboolean skip_bad_rows = FALSE;
  gboolean force = FALSE;
  gboolean dry_run = FALSE;
  const GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind_text,
      N_ ("What the file holds: events, costs, daily, attributes, paths, survey, experiments or "
          "outcomes (guessed from the preset or the header when left out)"),
      N_ ("KIND") },
    { "preset", 'p', 0, G_OPTION_ARG_STRING, &preset_text,
      N_ ("Column layout (guessed from the header when left out)"), N_ ("NAME") },
    { "map", 'm', 0, G_OPTION_ARG_STRING_ARRAY, &map_pairs,
      N_ ("Read the column COLUMN from the file’s column HEADER (repeatable)"),
      N_ ("COLUMN=HEADER") },
    { "channel", 'c', 0, G_OPTION_ARG_STRING, &channel,
      N_ ("Put every row of an ad-platform export on this channel (created when new) instead of "
          "the one the channel rules give"),
      N_ ("NAME") },
    { "skip-bad-rows", 0, 0, G_OPTION_ARG_NONE, &skip_bad_rows,
      N_ ("Import the good rows and list the rejected ones instead of stopping at the first bad "
          "row"),
      NULL },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_ ("Import the file even if the same file was imported before"), NULL },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_ ("Only say which preset reads the file, why, and how its columns are mapped; the "
          "project is not opened"),
      NULL },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, N_ ("Output format: json or table"),
      N_ ("FORMAT") },
    { NULL },
  };

  if (argc >= 2 && g_str_equal (argv[1], "remove"))
    return remove_import (argc - 1, argv + 1, error);
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--from") || g_str_has_prefix (argv[i], "--from="))
      return rdm_cli_import_from_warehouse (argc, argv, error);

  context = rdm_cli_option_context_new (
      "import", _ ("PROJECT FILE"),
      _ ("Import a CSV file (comma, semicolon or tab separated; UTF-8, or UTF-16 with its byte "
         "order mark) into a project, in one transaction: the file lands whole or not at all. "
         "A FILE of “-” reads standard input."),
      entries);
  description = g_strdup_printf (
      _ ("Presets: %s.\n\n"
         "Ad-platform exports import as downloaded, their title lines and total rows skipped, "
         "as media costs plus campaign daily rows (kind daily), each on the channel the "
         "project’s channel rules give the platform’s source and medium, or on --channel:\n"
         "  google-ads     Google Ads report download, CSV or “Excel CSV” (UTF-16, tabs): Day, "
         "Campaign, Campaign type, Currency code, Impr., Clicks, Cost or Cost (EUR)\n"
         "  google-ads-fr  the same from the French interface: Jour, Campagne, Type de "
         "campagne, Code de la devise, Impr., Clics, Coût\n"
         "  meta-ads       Meta Ads Manager export: Reporting starts, Reporting ends (or Day), "
         "Campaign name, Amount spent (EUR), Impressions, Link clicks, Post engagement, Post "
         "reactions, Post comments, Post shares, Platform; a row over several days is spread "
         "evenly over them\n"
         "  linkedin-ads   LinkedIn Campaign Manager export: Start Date (in UTC), Campaign "
         "Name, Campaign Type, Currency, Total Spent, Impressions, Clicks, Total Social "
         "Actions, Reactions, Comments, Shares, Follows\n"
         "A file that names its currency must use the one of the project’s earlier imports.\n\n"
         "“rendement-cli import remove PROJECT NUMBER” removes an import; “rendement-cli info "
         "PROJECT” lists them with their numbers.\n\n"
         "“rendement-cli import PROJECT --from postgresql://… --table TABLE” builds the path "
         "table inside a PostgreSQL database instead (see “rendement-cli import --from x "
         "--help”)."),
      preset_list);
  g_option_context_set_description (context, description);
  if (!rdm_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 3)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("rendement-cli import: expected a PROJECT file name and a FILE to import"));
      return FALSE;
    }
  if (!rdm_cli_parse_list_format (format_text, &format, error))
    return FALSE;
  if (kind_text != NULL && !rdm_import_kind_from_string (kind_text, &options.kind))
    {
      g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_UNKNOWN_KIND,
                   _ ("Unknown kind “%s”: expected events, costs, daily, attributes, paths, "
                      "survey, experiments or outcomes"),
                   kind_text);
      return FALSE;
    }
  mapping = rdm_cli_parse_mapping (map_pairs, error);
  if (mapping == NULL)
    return FALSE;
  options.preset = preset_text;
  options.mapping = mapping;
  options.skip_bad_rows = skip_bad_rows;
  options.force = force;
  options.channel = channel;

  if (dry_run)
    return print_preview (argv[2], &options, format, error);
  project = rdm_project_open (argv[1], error);
  if (project == NULL
      || !rdm_import_file (project, argv[2], &options, NULL, NULL, NULL, &report, error))
    return FALSE;

  return rdm_cli_print_import_report (report, format, error);
}

gboolean
rdm_cli_print_import_report (const RdmImportReport *report, RdmOutputFormat format, GError **error)
{
  if (format == RDM_OUTPUT_JSON)
    return print_json (report, error);
  print_table (report);
  return TRUE;
}
