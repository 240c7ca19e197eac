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

static gboolean
parse_day (const char *option, const char *text, gint64 *day, GError **error)
{
  if (text == NULL)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE, _ ("%s is required"), option);
      return FALSE;
    }
  if (!rdm_csv_parse_time (text, day))
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("%s: “%s” is not a date: expected YYYY-MM-DD or DD/MM/YYYY"), option, text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_amount (const char *option, const char *text, double *value, GError **error)
{
  char *end = NULL;

  if (text != NULL)
    *value = g_ascii_strtod (text, &end);
  if (text == NULL || end == text || *end != '\0' || !isfinite (*value))
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE, _ ("%s expects a number, got “%s”"),
                   option, text != NULL ? text : "");
      return FALSE;
    }
  return TRUE;
}

static gboolean
print_objectives (RdmProject *project, RdmOutputFormat format, GError **error)
{
  g_autoptr (GPtrArray) objectives = rdm_project_list_objectives (project, error);
  g_autoptr (cJSON) root = cJSON_CreateArray ();

  if (objectives == NULL)
    return FALSE;
  for (guint i = 0; i < objectives->len; i++)
    {
      const RdmObjective *objective = g_ptr_array_index (objectives, i);

      if (format == RDM_OUTPUT_JSON)
        cJSON_AddItemToArray (root, rdm_objective_to_json (objective));
      else
        g_print ("%-32s %-18s %s\n", objective->name, objective->business_function,
                 objective->description);
    }
  return format == RDM_OUTPUT_JSON ? rdm_cli_print_json (root, error) : TRUE;
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
  project = rdm_project_open (argv[2], error);
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
  project = rdm_project_open (argv[2], error);
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

      if (initiatives == NULL)
        return FALSE;
      for (guint i = 0; i < initiatives->len; i++)
        {
          const RdmInitiative *initiative = g_ptr_array_index (initiatives, i);
          g_autofree char *joined = g_strjoinv (", ", initiative->campaigns);

          if (format == RDM_OUTPUT_JSON)
            {
              cJSON *item = rdm_initiative_to_json (initiative);

              cJSON_AddStringToObject (item, "objective", initiative->objective);
              cJSON_AddItemToArray (root, item);
            }
          else
            g_print ("%-28s %-28s %s\n", initiative->objective, initiative->name, joined);
        }
      return format == RDM_OUTPUT_JSON ? rdm_cli_print_json (root, error) : TRUE;
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
  project = rdm_project_open (argv[2], error);
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
          if (!parse_amount ("--target", target, &kpi.target, error))
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

      return parse_day ("--date", date, &day, error)
             && parse_amount ("--value", value, &number, error)
             && rdm_project_add_kpi_value (project, argv[3], argv[4], day, number, source, error);
    }
  if (g_str_equal (argv[1], "list") && argc == 3)
    {
      g_autoptr (GPtrArray) kpis = rdm_project_list_kpis (project, error);
      g_autoptr (cJSON) root = cJSON_CreateArray ();

      if (kpis == NULL)
        return FALSE;
      for (guint i = 0; i < kpis->len; i++)
        {
          const RdmKpi *kpi = g_ptr_array_index (kpis, i);

          if (format == RDM_OUTPUT_JSON)
            {
              cJSON *item = rdm_kpi_to_json (kpi);

              cJSON_AddStringToObject (item, "objective", kpi->objective);
              cJSON_AddItemToArray (root, item);
            }
          else
            g_print ("%-24s %-28s %s\n", kpi->objective, kpi->name, kpi->formula);
        }
      return format == RDM_OUTPUT_JSON ? rdm_cli_print_json (root, error) : TRUE;
    }
  return usage (error, help);
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
  gint64 day;
  double value;
  const GOptionEntry entries[]
      = { { "channel", 0, 0, G_OPTION_ARG_STRING, &channel,
            N_ ("The channel that brings the saving"), "CHANNEL" },
          { "campaign", 0, 0, G_OPTION_ARG_STRING, &campaign, N_ ("Its campaign, if any"),
            "CAMPAIGN" },
          { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_ ("The day it was measured"), "DATE" },
          { "amount", 0, 0, G_OPTION_ARG_STRING, &amount, N_ ("The amount saved"), "NUMBER" },
          { "description", 0, 0, G_OPTION_ARG_STRING, &description,
            N_ ("What was saved, e.g. “support calls deflected”"), "TEXT" },
          G_OPTION_ENTRY_NULL };

  context = rdm_cli_option_context_new ("saving", _ ("add PROJECT"),
                                        _ ("Declare a saving a channel brought (call deflection, "
                                           "fewer support tickets): ROI counts it "
                                           "as a return."),
                                        entries);
  if (!rdm_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 3 || !g_str_equal (argv[1], "add") || channel == NULL)
    return usage (error, _ ("Usage: rendement-cli saving add PROJECT --channel C --date D "
                            "--amount A [--campaign X] [--description T]"));
  if (!parse_day ("--date", date, &day, error) || !parse_amount ("--amount", amount, &value, error))
    return FALSE;
  project = rdm_project_open (argv[2], error);
  return project != NULL
         && rdm_project_add_saving (project, channel, campaign, day, value, description, error);
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
      _ ("Exchange a project’s objectives, initiatives, KPIs, segments and saved model settings "
         "as JSON, to reuse a KPI framework in another project."),
      entries);
  if (!rdm_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc < 3)
    return usage (error, help);
  project = rdm_project_open (argv[2], error);
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
      gsize length;
      guint skipped = 0;

      if (!g_file_get_contents (argv[3], &json, &length, error)
          || !rdm_project_import_definitions (project, json, length, argv[3], &skipped, error))
        return FALSE;
      if (skipped > 0)
        g_printerr (g_dngettext (GETTEXT_PACKAGE,
                                 "%u campaign named by an initiative is not in this project and "
                                 "was left out\n",
                                 "%u campaigns named by initiatives are not in this project and "
                                 "were left out\n",
                                 skipped),
                    skipped);
      return TRUE;
    }
  return usage (error, help);
}
