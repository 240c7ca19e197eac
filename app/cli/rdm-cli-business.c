/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "rendement-cli objective|initiative|kpi|saving": the business layer —
 * objectives, the initiatives serving them, the KPIs measuring them, and
 * declared savings that count as returns in ROI.
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "rdm-business.h"
#include "rdm-cli.h"
#include "rdm-csv.h"
#include "rdm-definitions.h"
#include "rdm-suggested-kpis.h"

static gboolean
usage (GError **error, const char *text)
{
  g_set_error_literal (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE, text);
  return FALSE;
}

/* Listing and exporting still work on a read-only project. */
static RdmProject *
open_project (const char *path, gboolean reading, GError **error)
{
  return reading ? rdm_project_open_for_reading (path, error) : rdm_project_open (path, error);
}

/* A list as JSON, or as a table aligned by characters (accented names). */
static gboolean
print_list (cJSON *root, const RdmCliTable *table, RdmOutputFormat format, GError **error)
{
  if (format == RDM_OUTPUT_JSON)
    return rdm_cli_print_json (root, error);
  rdm_cli_table_print (table);
  return TRUE;
}

static gboolean
print_objectives (RdmProject *project, RdmOutputFormat format, GError **error)
{
  g_autoptr (GPtrArray) objectives = rdm_project_list_objectives (project, error);
  g_autoptr (cJSON) root = cJSON_CreateArray ();
  g_autoptr (RdmCliTable) table = rdm_cli_table_new ("lll");

  if (objectives == NULL)
    return FALSE;
  for (guint i = 0; i < objectives->len; i++)
    {
      const RdmObjective *objective = g_ptr_array_index (objectives, i);

      cJSON_AddItemToArray (root, rdm_objective_to_json (objective));
      rdm_cli_table_add (table, objective->name);
      rdm_cli_table_add (table, rdm_business_function_label (objective->business_function));
      rdm_cli_table_add (table, objective->description);
      rdm_cli_table_end_row (table);
    }
  return print_list (root, table, format, error);
}

gboolean
rdm_cli_objective (int argc, char **argv, GError **error)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autofree char *function = NULL;
  g_autofree char *description = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *functions = g_strjoinv (", ", (char **)rdm_business_functions ());
  g_autofree char *function_help
      = g_strdup_printf (_ ("add: the business function: %s"), functions);
  RdmOutputFormat format;
  const GOptionEntry entries[] = {
    { "function", 0, 0, G_OPTION_ARG_STRING, &function, function_help, "FUNCTION" },
    { "description", 0, 0, G_OPTION_ARG_STRING, &description, N_ ("add: a description"), "TEXT" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, N_ ("list: json or table"), "FORMAT" },
    G_OPTION_ENTRY_NULL
  };

  context
      = rdm_cli_option_context_new ("objective", _ ("add|list|remove PROJECT [NAME]"),
                                    _ ("Manage the business objectives of a project."), entries);
  if (!rdm_cli_parse (context, &argc, &argv, error)
      || !rdm_cli_parse_list_format (format_text, &format, error))
    return FALSE;
  if (argc < 3)
    return usage (error, _ ("Usage: rendement-cli objective add PROJECT NAME --function F | list "
                            "PROJECT | remove PROJECT NAME"));
  project = open_project (argv[2], g_str_equal (argv[1], "list"), error);
  if (project == NULL)
    return FALSE;
  if (g_str_equal (argv[1], "list") && argc == 3)
    return print_objectives (project, format, error);
  if (g_str_equal (argv[1], "add") && argc == 4)
    {
      if (function == NULL)
        return usage (error, _ ("objective add needs --function"));
      return rdm_project_add_objective (project, argv[3], function, description, error);
    }
  if (g_str_equal (argv[1], "remove") && argc == 4)
    return rdm_project_remove_objective (project, argv[3], error);
  return usage (error, _ ("Usage: rendement-cli objective add PROJECT NAME --function F | list "
                          "PROJECT | remove PROJECT NAME"));
}

gboolean
rdm_cli_initiative (int argc, char **argv, GError **error)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_auto (GStrv) campaigns = NULL;
  g_autofree char *description = NULL;
  g_autofree char *format_text = NULL;
  RdmOutputFormat format;
  const GOptionEntry entries[] = {
    { "campaign", 0, 0, G_OPTION_ARG_STRING_ARRAY, &campaigns,
      N_ ("add: a campaign the initiative runs, as “Channel / Campaign” (repeatable)"),
      "CAMPAIGN" },
    { "description", 0, 0, G_OPTION_ARG_STRING, &description, N_ ("add: a description"), "TEXT" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, N_ ("list: json or table"), "FORMAT" },
    G_OPTION_ENTRY_NULL
  };
  const char *help
      = _ ("Usage: rendement-cli initiative add PROJECT OBJECTIVE NAME [--campaign C]… "
           "| list PROJECT | remove PROJECT OBJECTIVE NAME");

  context
      = rdm_cli_option_context_new ("initiative", _ ("add|list|remove PROJECT [OBJECTIVE NAME]"),
                                    _ ("Manage the initiatives that serve an objective."), entries);
  if (!rdm_cli_parse (context, &argc, &argv, error)
      || !rdm_cli_parse_list_format (format_text, &format, error))
    return FALSE;
  if (argc < 3)
    return usage (error, help);
  project = open_project (argv[2], g_str_equal (argv[1], "list"), error);
  if (project == NULL)
    return FALSE;
  if (g_str_equal (argv[1], "add") && argc == 5)
    return rdm_project_add_initiative (project, argv[3], argv[4], description,
                                       (const char *const *)campaigns, error);
  if (g_str_equal (argv[1], "remove") && argc == 5)
    return rdm_project_remove_initiative (project, argv[3], argv[4], error);
  if (g_str_equal (argv[1], "list") && argc == 3)
    {
      g_autoptr (GPtrArray) initiatives = rdm_project_list_initiatives (project, error);
      g_autoptr (cJSON) root = cJSON_CreateArray ();
      g_autoptr (RdmCliTable) table = rdm_cli_table_new ("lll");

      if (initiatives == NULL)
        return FALSE;
      for (guint i = 0; i < initiatives->len; i++)
        {
          const RdmInitiative *initiative = g_ptr_array_index (initiatives, i);
          g_autofree char *joined = g_strjoinv (", ", initiative->campaigns);

          cJSON *item = rdm_initiative_to_json (initiative);

          cJSON_AddStringToObject (item, "objective", initiative->objective);
          cJSON_AddItemToArray (root, item);
          rdm_cli_table_add (table, initiative->objective);
          rdm_cli_table_add (table, initiative->name);
          rdm_cli_table_add (table, joined);
          rdm_cli_table_end_row (table);
        }
      return print_list (root, table, format, error);
    }
  return usage (error, help);
}

gboolean
rdm_cli_kpi (int argc, char **argv, GError **error)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autofree char *formula = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *target = NULL;
  g_autofree char *period = NULL;
  g_autofree char *date = NULL;
  g_autofree char *value = NULL;
  g_autofree char *source = NULL;
  g_autofree char *format_text = NULL;
  gboolean lower_is_better = FALSE;
  RdmOutputFormat format;
  const GOptionEntry entries[] = {
    { "formula", 0, 0, G_OPTION_ARG_STRING, &formula,
      N_ ("add: the formula, e.g. value[model=\"linear\", group=\"social\"] / "
          "cost[group=\"social\"]"),
      "FORMULA" },
    { "target", 0, 0, G_OPTION_ARG_STRING, &target, N_ ("add: the target value"), "NUMBER" },
    { "lower-is-better", 0, 0, G_OPTION_ARG_NONE, &lower_is_better,
      N_ ("add: the KPI improves as it falls (a cost, a delay)"), NULL },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_ ("add: the unit shown, e.g. € or %"), "UNIT" },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period,
      N_ ("add: review period: month, quarter (default) or year"), "PERIOD" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_ ("value: the day of the value"), "DATE" },
    { "value", 0, 0, G_OPTION_ARG_STRING, &value, N_ ("value: the manual value"), "NUMBER" },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_ ("value: where it comes from"), "TEXT" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, N_ ("list: json or table"), "FORMAT" },
    G_OPTION_ENTRY_NULL
  };
  const char *help = _ ("Usage: rendement-cli kpi add PROJECT OBJECTIVE NAME --formula F | list "
                        "PROJECT | remove PROJECT OBJECTIVE NAME | value PROJECT OBJECTIVE NAME "
                        "--date D --value V | suggest PROJECT");

  context = rdm_cli_option_context_new (
      "kpi", _ ("add|list|remove|value|suggest PROJECT [OBJECTIVE NAME]"),
      _ ("Manage the KPIs that measure objectives."), entries);
  if (!rdm_cli_parse (context, &argc, &argv, error)
      || !rdm_cli_parse_list_format (format_text, &format, error))
    return FALSE;
  if (argc < 3)
    return usage (error, help);
  project = open_project (argv[2], g_str_equal (argv[1], "list"), error);
  if (project == NULL)
    return FALSE;

  if (g_str_equal (argv[1], "add") && argc == 5)
    {
      RdmKpi kpi = {
        .objective = argv[3],
        .name = argv[4],
        .formula = formula,
        .unit = unit,
        .lower_is_better = lower_is_better,
        .period = RDM_PERIOD_QUARTER,
      };

      if (formula == NULL)
        return usage (error, _ ("kpi add needs --formula"));
      if (target != NULL)
        {
          kpi.has_target = TRUE;
          if (!rdm_cli_parse_number ("--target", target, &kpi.target, error))
            return FALSE;
        }
      if (period != NULL && !rdm_period_kind_parse (period, &kpi.period, error))
        return FALSE;
      return rdm_project_add_kpi (project, &kpi, error);
    }
  if (g_str_equal (argv[1], "remove") && argc == 5)
    return rdm_project_remove_kpi (project, argv[3], argv[4], error);
  if (g_str_equal (argv[1], "suggest") && argc == 3)
    {
      guint added = 0;

      if (!rdm_project_add_suggested_kpis (project, &added, error))
        return FALSE;
      g_print (g_dngettext (GETTEXT_PACKAGE, "Added %u suggested KPI\n",
                            "Added %u suggested KPIs\n", added),
               added);
      return TRUE;
    }
  if (g_str_equal (argv[1], "value") && argc == 5)
    {
      gint64 day;
      double number;

      return rdm_cli_parse_day ("--date", date, &day, error)
             && rdm_cli_parse_number ("--value", value, &number, error)
             && rdm_project_add_kpi_value (project, argv[3], argv[4], day, number, source, error);
    }
  if (g_str_equal (argv[1], "list") && argc == 3)
    {
      g_autoptr (GPtrArray) kpis = rdm_project_list_kpis (project, error);
      g_autoptr (cJSON) root = cJSON_CreateArray ();
      g_autoptr (RdmCliTable) table = rdm_cli_table_new ("lll");

      if (kpis == NULL)
        return FALSE;
      for (guint i = 0; i < kpis->len; i++)
        {
          const RdmKpi *kpi = g_ptr_array_index (kpis, i);

          cJSON *item = rdm_kpi_to_json (kpi);

          cJSON_AddStringToObject (item, "objective", kpi->objective);
          cJSON_AddItemToArray (root, item);
          rdm_cli_table_add (table, kpi->objective);
          rdm_cli_table_add (table, kpi->name);
          rdm_cli_table_add (table, kpi->formula);
          rdm_cli_table_end_row (table);
        }
      return print_list (root, table, format, error);
    }
  return usage (error, help);
}

static gboolean
print_savings (RdmProject *project, RdmOutputFormat format, GError **error)
{
  g_autoptr (GPtrArray) savings = rdm_project_list_savings (project, error);
  g_autoptr (cJSON) root = cJSON_CreateArray ();
  g_autoptr (RdmCliTable) table = rdm_cli_table_new ("rllrrl");

  if (savings == NULL)
    return FALSE;
  for (guint i = 0; i < savings->len; i++)
    {
      const RdmSaving *saving = g_ptr_array_index (savings, i);
      g_autoptr (GDateTime) time = g_date_time_new_from_unix_utc (saving->day);
      g_autofree char *day = g_date_time_format (time, "%Y-%m-%d");
      cJSON *item = cJSON_CreateObject ();

      cJSON_AddItemToObject (item, "id", rdm_cli_json_number ((double)saving->id));
      cJSON_AddStringToObject (item, "date", day);
      cJSON_AddStringToObject (item, "channel", saving->channel);
      if (saving->campaign != NULL)
        cJSON_AddStringToObject (item, "campaign", saving->campaign);
      else
        cJSON_AddNullToObject (item, "campaign");
      cJSON_AddItemToObject (item, "amount", rdm_cli_json_number (saving->amount));
      cJSON_AddStringToObject (item, "description", saving->description);
      cJSON_AddItemToArray (root, item);
      rdm_cli_table_take (table, g_strdup_printf ("%" G_GINT64_FORMAT, saving->id));
      rdm_cli_table_add (table, saving->channel);
      rdm_cli_table_add (table, saving->campaign != NULL ? saving->campaign : "");
      rdm_cli_table_add (table, day);
      rdm_cli_table_take (table, rdm_cli_format_number (saving->amount));
      rdm_cli_table_add (table, saving->description);
      rdm_cli_table_end_row (table);
    }
  return print_list (root, table, format, error);
}

gboolean
rdm_cli_saving (int argc, char **argv, GError **error)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autofree char *channel = NULL;
  g_autofree char *campaign = NULL;
  g_autofree char *date = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *description = NULL;
  g_autofree char *format_text = NULL;
  RdmOutputFormat format;
  gint64 day, id;
  double value;
  char *end = NULL;
  const char *help = _ ("Usage: rendement-cli saving add PROJECT --channel C --date D --amount A "
                        "[--campaign X] [--description T] | list PROJECT | remove PROJECT ID");
  const GOptionEntry entries[]
      = { { "channel", 0, 0, G_OPTION_ARG_STRING, &channel,
            N_ ("add: the channel that brings the saving"), "CHANNEL" },
          { "campaign", 0, 0, G_OPTION_ARG_STRING, &campaign, N_ ("add: its campaign, if any"),
            "CAMPAIGN" },
          { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_ ("add: the day it was measured"), "DATE" },
          { "amount", 0, 0, G_OPTION_ARG_STRING, &amount, N_ ("add: the amount saved"), "NUMBER" },
          { "description", 0, 0, G_OPTION_ARG_STRING, &description,
            N_ ("add: what was saved, e.g. “support calls deflected”"), "TEXT" },
          { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, N_ ("list: json or table"),
            "FORMAT" },
          G_OPTION_ENTRY_NULL };

  context = rdm_cli_option_context_new ("saving", _ ("add|list|remove PROJECT [ID]"),
                                        _ ("Declare a saving a channel brought (call deflection, "
                                           "fewer support tickets): ROI counts it "
                                           "as a return. list shows each with its number, "
                                           "which remove takes."),
                                        entries);
  if (!rdm_cli_parse (context, &argc, &argv, error)
      || !rdm_cli_parse_list_format (format_text, &format, error))
    return FALSE;
  if (argc < 3)
    return usage (error, help);
  if (g_str_equal (argv[1], "list") && argc == 3)
    {
      project = rdm_project_open_for_reading (argv[2], error);
      return project != NULL && print_savings (project, format, error);
    }
  if (g_str_equal (argv[1], "remove") && argc == 4)
    {
      id = g_ascii_strtoll (argv[3], &end, 10);
      if (end == argv[3] || *end != '\0' || id <= 0)
        {
          g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                       _ ("“%s” is not a saving number: saving list shows them"), argv[3]);
          return FALSE;
        }
      project = rdm_project_open (argv[2], error);
      return project != NULL && rdm_project_remove_saving (project, id, error);
    }
  if (!g_str_equal (argv[1], "add") || argc != 3)
    return usage (error, help);
  if (channel == NULL)
    return usage (error, _ ("saving add needs --channel"));
  if (!rdm_cli_parse_day ("--date", date, &day, error)
      || !rdm_cli_parse_number ("--amount", amount, &value, error))
    return FALSE;
  project = rdm_project_open (argv[2], error);
  return project != NULL
         && rdm_project_add_saving (project, channel, campaign, day, value, description, error);
}

static char *
join_names (GPtrArray *names)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", (const char *)names->pdata[i]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
rdm_cli_definitions (int argc, char **argv, GError **error)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autofree char *out_path = NULL;
  const GOptionEntry entries[]
      = { { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_path,
            N_ ("export: write to this file instead of standard output"), "FILE" },
          G_OPTION_ENTRY_NULL };
  const char *help = _ ("Usage: rendement-cli definitions export PROJECT [--out FILE] | import "
                        "PROJECT FILE");

  context = rdm_cli_option_context_new (
      "definitions", _ ("export|import PROJECT [FILE]"),
      _ ("Exchange a project’s objectives, initiatives, KPIs, segments, saved model settings, "
         "channel rules and channel groups as JSON, to reuse a framework with another client: "
         "import creates the channels and rules the definitions need."),
      entries);
  if (!rdm_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc < 3)
    return usage (error, help);
  project = open_project (argv[2], g_str_equal (argv[1], "export"), error);
  if (project == NULL)
    return FALSE;

  if (g_str_equal (argv[1], "export") && argc == 3)
    {
      g_autofree char *json = rdm_project_export_definitions (project, error);

      if (json == NULL)
        return FALSE;
      if (out_path != NULL)
        return g_file_set_contents (out_path, json, -1, error);
      g_print ("%s\n", json);
      return TRUE;
    }
  if (g_str_equal (argv[1], "import") && argc == 4)
    {
      g_autofree char *json = NULL;
      g_autoptr (RdmDefinitionsReport) report = NULL;
      gsize length;

      if (!g_file_get_contents (argv[3], &json, &length, error)
          || !rdm_project_import_definitions (project, json, length, argv[3], &report, error))
        return FALSE;
      if (report->created_channels->len > 0)
        {
          g_autofree char *names = join_names (report->created_channels);

          g_print (g_dngettext (GETTEXT_PACKAGE, "Created the channel the definitions name: %s\n",
                                "Created the channels the definitions name: %s\n",
                                report->created_channels->len),
                   names);
        }
      if (report->added_rules > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE,
                              "Added %u channel rule, ahead of this project’s own, and "
                              "re-labelled the data\n",
                              "Added %u channel rules, ahead of this project’s own, and "
                              "re-labelled the data\n",
                              report->added_rules),
                 report->added_rules);
      if (report->new_attributes->len > 0)
        {
          g_autofree char *names = join_names (report->new_attributes);

          g_printerr (g_dngettext (GETTEXT_PACKAGE,
                                   "No visitor has the attribute %s yet: the segments using it "
                                   "select nobody until it is imported\n",
                                   "No visitor has the attributes %s yet: the segments using them "
                                   "select nobody until they are imported\n",
                                   report->new_attributes->len),
                      names);
        }
      if (report->skipped_campaigns > 0)
        g_printerr (g_dngettext (GETTEXT_PACKAGE,
                                 "%u campaign named by an initiative is not in this project and "
                                 "was left out\n",
                                 "%u campaigns named by initiatives are not in this project and "
                                 "were left out\n",
                                 report->skipped_campaigns),
                    report->skipped_campaigns);
      return TRUE;
    }
  return usage (error, help);
}
