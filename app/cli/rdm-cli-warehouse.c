/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rendement-cli import PROJECT --from CONNECTION --table T: the warehouse
 * route (SPEC.md "Scale beyond one machine"), the path rules run inside
 * PostgreSQL and the aggregates imported (data/rdm-warehouse.c).
 */

#include "config.h"

#include <inttypes.h>
#include <math.h>

#include <glib/gi18n.h>

#include "rdm-cli.h"
#include "rdm-format.h"
#include "rdm-warehouse.h"

static cJSON *
time_or_null (gint64 time, gint64 unbounded)
{
  g_autofree char *day = NULL;

  if (time == unbounded)
    return cJSON_CreateNull ();
  day = rdm_cli_format_day (time);
  return cJSON_CreateString (day);
}

static gboolean
print_json (const RdmWarehouseReport *report, const RdmPathOptions *path, GError **error)
{
  g_autoptr (cJSON) root = cJSON_CreateObject ();
  cJSON *settings;

  cJSON_AddItemToObject (root, "import_id", rdm_cli_json_number ((double)report->import_id));
  cJSON_AddStringToObject (root, "source", report->source);
  if (report->replaced_import_id != 0)
    cJSON_AddItemToObject (root, "replaced_import_id",
                           rdm_cli_json_number ((double)report->replaced_import_id));
  else
    cJSON_AddNullToObject (root, "replaced_import_id");
  cJSON_AddItemToObject (root, "path_rows", rdm_cli_json_number ((double)report->path_rows));
  cJSON_AddItemToObject (root, "conversions", rdm_cli_json_number (report->conversions));
  cJSON_AddItemToObject (root, "value", rdm_cli_json_number (report->value));
  cJSON_AddItemToObject (root, "nulls", rdm_cli_json_number (report->nulls));
  cJSON_AddItemToObject (root, "outcome_days", rdm_cli_json_number ((double)report->outcome_days));
  cJSON_AddItemToObject (root, "cost_rows", rdm_cli_json_number ((double)report->cost_rows));
  settings = cJSON_AddObjectToObject (root, "settings");
  cJSON_AddItemToObject (settings, "click_window_days",
                         rdm_cli_json_number (path->click_window_days));
  cJSON_AddItemToObject (settings, "view_window_days",
                         rdm_cli_json_number (path->view_window_days));
  cJSON_AddBoolToObject (settings, "restart_after_conversion", path->restart_after_conversion);
  cJSON_AddItemToObject (settings, "from", time_or_null (path->from_time, G_MININT64));
  /* the last day included, as --to-date said it */
  cJSON_AddItemToObject (
      settings, "to",
      time_or_null (path->to_time == G_MAXINT64 ? G_MAXINT64 : path->to_time - 86400, G_MAXINT64));
  if (path->events != NULL)
    cJSON_AddItemToObject (settings, "events",
                           cJSON_CreateStringArray ((const char *const *)path->events,
                                                    (int)g_strv_length (path->events)));
  else
    cJSON_AddNullToObject (settings, "events");
  return rdm_cli_print_json (root, error);
}

static void
print_table (const RdmWarehouseReport *report)
{
  g_autofree char *rows = rdm_format_count ((gint64)report->path_rows);
  g_autofree char *conversions = rdm_format_fixed (report->conversions, 0);
  g_autofree char *value = rdm_format_amount (report->value);
  g_autofree char *nulls = rdm_format_fixed (report->nulls, 0);

  /* Translators: the source is a table and a connection */
  g_print (_ ("Built the journeys of %s in the database, as import %" PRId64 ".\n"), report->source,
           report->import_id);
  if (report->replaced_import_id != 0)
    g_print (_ ("It replaces import %" PRId64 ", from the same table.\n"),
             report->replaced_import_id);
  g_print (_ ("Path rows:                %s\n"), rows);
  g_print (_ ("Conversions:              %s\n"), conversions);
  g_print (_ ("Conversion value:         %s\n"), value);
  g_print (_ ("Non-converting journeys:  %s\n"), nulls);
  g_print (_ ("Days of outcomes:         %" PRIu64 "\n"), report->outcome_days);
  g_print (_ ("Cost rows:                %" PRIu64 "\n"), report->cost_rows);
}

gboolean
rdm_cli_import_from_warehouse (int argc, char **argv, GError **error)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autoptr (RdmWarehouseReport) report = NULL;
  g_autoptr (GHashTable) mapping = NULL;
  g_autoptr (GHashTable) costs_mapping = NULL;
  g_autofree char *connection = NULL;
  g_autofree char *table = NULL;
  g_autofree char *costs_table = NULL;
  g_autofree char *from_date = NULL;
  g_autofree char *to_date = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *columns = g_strjoinv (", ", (char **)rdm_warehouse_event_columns ());
  g_autofree char *cost_columns = g_strjoinv (", ", (char **)rdm_warehouse_cost_columns ());
  g_autofree char *description = NULL;
  g_auto (GStrv) map_pairs = NULL;
  g_auto (GStrv) costs_map_pairs = NULL;
  RdmWarehouseOptions options = { 0 };
  g_auto (RdmPathOptions) path = { 0 };
  g_autofree char *pull = NULL;
  g_autofree char *click_help = NULL;
  g_autofree char *view_help = NULL;
  RdmOutputFormat format;
  gboolean no_restart = FALSE;
  double sample_percent = 100;
  gboolean ok;

  click_help = rdm_cli_help_with_default (
      N_ ("Days a click or visit may precede a conversion (default %s)"),
      RDM_PATH_DEFAULT_CLICK_WINDOW_DAYS);
  view_help = rdm_cli_help_with_default (
      N_ ("Days an unclicked impression may precede a conversion (default %s)"),
      RDM_PATH_DEFAULT_VIEW_WINDOW_DAYS);
  rdm_path_options_init (&path);
  /* unset until given: --pull refuses path rules, which apply locally */
  path.click_window_days = RDM_CLI_UNSET_DOUBLE;
  path.view_window_days = RDM_CLI_UNSET_DOUBLE;
  {
    const GOptionEntry entries[] = {
      { "from", 0, 0, G_OPTION_ARG_STRING, &connection,
        N_ ("The database: a PostgreSQL URI (postgresql://user@host/db) or connection string "
            "(host=… dbname=…, service=NAME)"),
        N_ ("CONNECTION") },
      { "table", 't', 0, G_OPTION_ARG_STRING, &table, N_ ("The events table (name or schema.name)"),
        N_ ("TABLE") },
      { "map", 'm', 0, G_OPTION_ARG_STRING_ARRAY, &map_pairs,
        N_ ("Read the canonical column COLUMN from the table’s column NAME (repeatable)"),
        N_ ("COLUMN=NAME") },
      { "costs-table", 0, 0, G_OPTION_ARG_STRING, &costs_table,
        N_ ("A table of costs to import as well"), N_ ("TABLE") },
      { "costs-map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &costs_map_pairs,
        N_ ("As --map, for the costs table (repeatable)"), N_ ("COLUMN=NAME") },
      { "click-window", 0, 0, G_OPTION_ARG_DOUBLE, &path.click_window_days, click_help,
        N_ ("DAYS") },
      { "view-window", 0, 0, G_OPTION_ARG_DOUBLE, &path.view_window_days, view_help, N_ ("DAYS") },
      { "no-restart", 0, 0, G_OPTION_ARG_NONE, &no_restart,
        N_ ("Do not start a new path after each conversion"), NULL },
      { "event", 0, 0, G_OPTION_ARG_STRING_ARRAY, &path.events,
        N_ ("Conversion event to analyse (repeatable; default all)"), N_ ("NAME") },
      { "from-date", 0, 0, G_OPTION_ARG_STRING, &from_date,
        N_ ("First day of the evaluation period (conversions from this date)"), N_ ("DATE") },
      { "to-date", 0, 0, G_OPTION_ARG_STRING, &to_date,
        N_ ("Last day of the evaluation period, included"), N_ ("DATE") },
      { "pull", 0, 0, G_OPTION_ARG_STRING, &pull,
        N_ ("Instead of building the journeys in the database, bring the events themselves "
            "(those of the period, or of a sample of visitors) as a local event log: “events”"),
        N_ ("WHAT") },
      { "sample", 0, 0, G_OPTION_ARG_DOUBLE, &sample_percent,
        N_ ("With --pull events: the share of visitors to bring, whole visitors chosen by their "
            "id (default 100)"),
        N_ ("PERCENT") },
      { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, N_ ("Output format: json or table"),
        N_ ("FORMAT") },
      G_OPTION_ENTRY_NULL,
    };

    context = rdm_cli_option_context_new (
        "import", _ ("PROJECT --from CONNECTION --table TABLE"),
        _ ("Build the path table inside a PostgreSQL database, with the path rules of the "
           "specification run there as SQL, and import only what comes back: the journeys "
           "with their click and view touches and conversion days, the analysed conversions "
           "per day, and the costs table when named. The events never leave the database. An "
           "earlier import of the same table is replaced; the project keeps the settings, not "
           "the password."),
        entries);
  }
  description = g_strdup_printf (
      _ ("Columns of the events table: %s (visitor_id, timestamp, type and channel required; "
         "order, for rows of the same second, is a line number or event sequence). Columns of "
         "the costs table: %s (date, channel and amount required).\n\n"
         "A password comes from the connection string, the libpq password file (~/.pgpass) "
         "or service file, or the PGPASSWORD environment variable; a role that may only read "
         "the tables is enough."),
      columns, cost_columns);
  g_option_context_set_description (context, description);
  if (!rdm_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2)
    {
      rdm_cli_usage_error (error, _ ("rendement-cli import --from: expected a PROJECT file name "
                                     "and no FILE"));
      return FALSE;
    }
  if (connection == NULL || table == NULL)
    {
      rdm_cli_usage_error (error, _ ("rendement-cli import --from: --table is required"));
      return FALSE;
    }
  if (costs_map_pairs != NULL && costs_table == NULL)
    {
      rdm_cli_usage_error (error, _ ("--costs-map needs --costs-table"));
      return FALSE;
    }
  if (!rdm_cli_parse_list_format (format_text, &format, error))
    return FALSE;
  if (pull != NULL
      && (!g_str_equal (pull, "events") || path.click_window_days != RDM_CLI_UNSET_DOUBLE
          || path.view_window_days != RDM_CLI_UNSET_DOUBLE || no_restart || path.events != NULL
          || costs_table != NULL))
    {
      rdm_cli_usage_error (error,
                           _ ("--pull takes “events”, with --from-date, --to-date and --sample "
                              "only: the windows and events apply when the project is analysed, "
                              "and costs come with an import without --pull"));
      return FALSE;
    }
  if (pull == NULL && sample_percent != 100)
    {
      rdm_cli_usage_error (error, _ ("--sample goes with --pull events"));
      return FALSE;
    }
  if (!(sample_percent > 0 && sample_percent <= 100))
    {
      rdm_cli_usage_error (error,
                           _ ("--sample expects a share of visitors above 0 and at most "
                              "100 (got %g)"),
                           sample_percent);
      return FALSE;
    }
  if (path.click_window_days == RDM_CLI_UNSET_DOUBLE)
    path.click_window_days = RDM_PATH_DEFAULT_CLICK_WINDOW_DAYS;
  if (path.view_window_days == RDM_CLI_UNSET_DOUBLE)
    path.view_window_days = RDM_PATH_DEFAULT_VIEW_WINDOW_DAYS;
  if (!(path.click_window_days >= 0 && path.view_window_days >= 0
        && isfinite (path.click_window_days) && isfinite (path.view_window_days)))
    {
      rdm_cli_usage_error (error, _ ("The click and view windows must be zero or more days"));
      return FALSE;
    }
  path.restart_after_conversion = !no_restart;
  if (from_date != NULL && !rdm_cli_parse_day ("--from-date", from_date, &path.from_time, error))
    return FALSE;
  if (to_date != NULL)
    {
      if (!rdm_cli_parse_day ("--to-date", to_date, &path.to_time, error))
        return FALSE;
      path.to_time += 86400;
    }
  if (path.from_time >= path.to_time)
    {
      rdm_cli_usage_error (
          error, _ ("The evaluation period is empty: --from-date must come before --to-date"));
      return FALSE;
    }
  mapping = rdm_cli_parse_mapping (map_pairs, error);
  if (mapping == NULL)
    return FALSE;
  costs_mapping = rdm_cli_parse_mapping (costs_map_pairs, error);
  if (costs_mapping == NULL)
    return FALSE;

  options.connection = connection;
  options.table = table;
  options.mapping = mapping;
  options.costs_table = costs_table;
  options.costs_mapping = costs_mapping;
  options.path = &path;
  project = rdm_project_open (argv[1], error);
  if (project == NULL)
    return FALSE;
  if (pull != NULL)
    {
      g_autoptr (RdmImportReport) pulled = NULL;

      ok = rdm_warehouse_pull_events (project, &options, sample_percent / 100, NULL, NULL, NULL,
                                      &pulled, error)
           && rdm_cli_print_import_report (pulled, format, error);
      return ok;
    }
  if (!rdm_warehouse_import (project, &options, NULL, NULL, NULL, &report, error))
    return FALSE;

  if (format == RDM_OUTPUT_JSON)
    ok = print_json (report, &path, error);
  else
    {
      print_table (report);
      ok = TRUE;
    }
  return ok;
}
