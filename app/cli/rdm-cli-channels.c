/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "rendement-cli channel-rule add|list|remove|move|test PROJECT …" and
 * "rendement-cli channel list|group PROJECT …": the rules that turn a
 * source and medium into a channel, and the channels' groups.
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "rdm-channel-rules-data.h"
#include "rdm-cli.h"

static cJSON *
rule_json (guint position, const RdmChannelRule *rule)
{
  cJSON *item = cJSON_CreateObject ();

  cJSON_AddItemToObject (item, "position", rdm_cli_json_number (position));
  cJSON_AddStringToObject (item, "source", rule->source);
  cJSON_AddStringToObject (item, "medium", rule->medium);
  cJSON_AddStringToObject (item, "campaign", rule->campaign);
  cJSON_AddStringToObject (item, "syntax", rdm_channel_rule_syntax_to_string (rule->syntax));
  cJSON_AddStringToObject (item, "channel", rule->channel);
  cJSON_AddStringToObject (item, "group", rule->group);
  return item;
}

static const char *
pattern_or_any (const char *pattern)
{
  return *pattern != '\0' ? pattern : _ ("(any)");
}

static gboolean
list_rules (RdmProject *project, RdmOutputFormat format, GError **error)
{
  g_autoptr (GPtrArray) rules = rdm_project_list_channel_rules (project, error);
  g_autoptr (cJSON) root = NULL;
  g_autoptr (RdmCliTable) table = NULL;

  if (rules == NULL)
    return FALSE;
  root = cJSON_CreateArray ();
  table = rdm_cli_table_new ("rlllllll");
  rdm_cli_table_add (table, "#");
  rdm_cli_table_add (table, _ ("Source"));
  rdm_cli_table_add (table, _ ("Medium"));
  rdm_cli_table_add (table, _ ("Campaign"));
  rdm_cli_table_add (table, _ ("Syntax"));
  rdm_cli_table_add (table, _ ("Channel"));
  rdm_cli_table_add (table, _ ("Group"));
  rdm_cli_table_end_row (table);
  for (guint i = 0; i < rules->len; i++)
    {
      const RdmChannelRule *rule = rules->pdata[i];

      cJSON_AddItemToArray (root, rule_json (i + 1, rule));
      rdm_cli_table_take (table, g_strdup_printf ("%u", i + 1));
      rdm_cli_table_add (table, pattern_or_any (rule->source));
      rdm_cli_table_add (table, pattern_or_any (rule->medium));
      rdm_cli_table_add (table, pattern_or_any (rule->campaign));
      rdm_cli_table_add (table, rdm_channel_rule_syntax_to_string (rule->syntax));
      rdm_cli_table_add (table, rule->channel);
      rdm_cli_table_add (table, rdm_channel_group_display_name (rule->group));
      rdm_cli_table_end_row (table);
    }
  if (format == RDM_OUTPUT_JSON)
    return rdm_cli_print_json (root, error);
  rdm_cli_table_print (table);
  return TRUE;
}

/* What a change did, on stderr so that the output stays the command's. */
static void
print_relabel (const RdmRelabelReport *report)
{
  g_autofree char *text = rdm_relabel_report_describe (report);

  g_printerr ("%s.\n", text);
}

static gboolean
parse_position (const char *text, guint *position, GError **error)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &value, NULL))
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("“%s” is not a rule number: expected a whole number from 1, as "
                      "channel-rule list shows"),
                   text);
      return FALSE;
    }
  *position = (guint)value;
  return TRUE;
}

static gboolean
test_label (RdmProject *project,
            const char *source,
            const char *medium,
            const char *campaign,
            RdmOutputFormat format,
            GError **error)
{
  g_autoptr (RdmChannelRules) rules = rdm_project_load_channel_rules (project, error);
  g_autoptr (cJSON) root = NULL;
  const char *channel, *group;
  int index;

  if (rules == NULL)
    return FALSE;
  index = rdm_channel_rules_match (rules, source, medium, campaign);
  rdm_channel_rules_apply (rules, source, medium, campaign, &channel, &group);
  if (format == RDM_OUTPUT_JSON)
    {
      root = cJSON_CreateObject ();
      cJSON_AddStringToObject (root, "channel", channel);
      cJSON_AddStringToObject (root, "group", group);
      if (index >= 0)
        cJSON_AddItemToObject (root, "rule", rdm_cli_json_number (index + 1));
      else
        cJSON_AddNullToObject (root, "rule");
      return rdm_cli_print_json (root, error);
    }
  if (index >= 0)
    g_print (_ ("%s (%s), by rule %d\n"), channel, rdm_channel_group_display_name (group),
             index + 1);
  else
    g_print (_ ("%s (%s): no rule matches\n"), channel, rdm_channel_group_display_name (group));
  return TRUE;
}

gboolean
rdm_cli_channel_rule (int argc, char **argv, GError **error)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autoptr (RdmRelabelReport) report = NULL;
  g_autofree char *source = NULL;
  g_autofree char *medium = NULL;
  g_autofree char *campaign = NULL;
  g_autofree char *channel = NULL;
  g_autofree char *group = NULL;
  g_autofree char *format_text = NULL;
  gboolean regex = FALSE;
  int position = 0;
  RdmOutputFormat format;
  const char *action;
  gboolean ok;
  const GOptionEntry entries[]
      = { { "source", 0, 0, G_OPTION_ARG_STRING, &source,
            N_ ("add, test: the source pattern, or the source to test (e.g. google)"), "TEXT" },
          { "medium", 0, 0, G_OPTION_ARG_STRING, &medium,
            N_ ("add, test: the medium pattern, or the medium to test (e.g. cpc)"), "TEXT" },
          { "campaign", 0, 0, G_OPTION_ARG_STRING, &campaign,
            N_ ("add, test: the campaign pattern, or the campaign to test"), "TEXT" },
          { "regex", 0, 0, G_OPTION_ARG_NONE, &regex,
            N_ ("add: the patterns are regular expressions, not globs"), NULL },
          { "channel", 0, 0, G_OPTION_ARG_STRING, &channel, N_ ("add: the channel the rule gives"),
            "NAME" },
          { "group", 0, 0, G_OPTION_ARG_STRING, &group,
            N_ ("add: the channel’s group (e.g. paid_social, or your own)"), "GROUP" },
          { "position", 0, 0, G_OPTION_ARG_INT, &position,
            N_ ("add: where the rule goes, from 1 (default: last)"), "N" },
          { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, N_ ("list, test: json or table"),
            "FORMAT" },
          G_OPTION_ENTRY_NULL };

  context = rdm_cli_option_context_new (
      "channel-rule", _ ("add|list|remove|move|test PROJECT [N [TO]]"),
      _ ("The ordered rules that turn a source, medium and campaign into a channel and its "
         "group; the first that matches wins. Patterns are globs (* and ?) or, with --regex, "
         "regular expressions; matching ignores case and an omitted pattern matches anything. "
         "Adding, removing or moving a rule re-labels the data already imported."),
      entries);
  if (!rdm_cli_parse (context, &argc, &argv, error)
      || !rdm_cli_parse_list_format (format_text, &format, error))
    return FALSE;
  if (argc < 3)
    goto usage;
  action = argv[1];
  if (g_str_equal (action, "list") && argc == 3)
    {
      project = rdm_project_open_for_reading (argv[2], error);
      return project != NULL && list_rules (project, format, error);
    }
  if (g_str_equal (action, "test") && argc == 3)
    {
      if (source == NULL && medium == NULL && campaign == NULL)
        {
          g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE, "%s",
                       _ ("channel-rule test needs --source, --medium or --campaign"));
          return FALSE;
        }
      project = rdm_project_open_for_reading (argv[2], error);
      return project != NULL && test_label (project, source, medium, campaign, format, error);
    }
  if (g_str_equal (action, "add") && argc == 3)
    {
      g_autofree char *group_code = rdm_channel_group_parse (group);
      g_autoptr (RdmChannelRule) rule = NULL;

      if (channel == NULL || group_code == NULL || position < 0)
        {
          g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE, "%s",
                       _ ("channel-rule add needs --channel NAME and --group GROUP, and at least "
                          "one of --source, --medium, --campaign"));
          return FALSE;
        }
      if (source == NULL && medium == NULL && campaign == NULL)
        {
          g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE, "%s",
                       _ ("a rule with no pattern would match everything: give at least one of "
                          "--source, --medium, --campaign"));
          return FALSE;
        }
      rule = rdm_channel_rule_new (source, medium, campaign,
                                   regex ? RDM_CHANNEL_RULE_REGEX : RDM_CHANNEL_RULE_GLOB, channel,
                                   group_code);
      project = rdm_project_open (argv[2], error);
      ok = project != NULL
           && rdm_project_add_channel_rule (project, rule, (guint)position, &report, error);
    }
  else if (g_str_equal (action, "remove") && argc == 4)
    {
      guint index;

      project = rdm_project_open (argv[2], error);
      ok = project != NULL && parse_position (argv[3], &index, error)
           && rdm_project_remove_channel_rule (project, index, &report, error);
    }
  else if (g_str_equal (action, "move") && argc == 5)
    {
      guint from, to;

      project = rdm_project_open (argv[2], error);
      ok = project != NULL && parse_position (argv[3], &from, error)
           && parse_position (argv[4], &to, error)
           && rdm_project_move_channel_rule (project, from, to, &report, error);
    }
  else
    goto usage;
  if (ok)
    print_relabel (report);
  return ok;

usage:
  g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE, "%s",
               _ ("Usage: rendement-cli channel-rule list PROJECT | add PROJECT --channel NAME "
                  "--group GROUP [--source P] [--medium P] [--campaign P] [--regex] [--position "
                  "N] | remove PROJECT N | move PROJECT N TO | test PROJECT [--source S] "
                  "[--medium M] [--campaign C]"));
  return FALSE;
}

static gboolean
list_channels (RdmProject *project, RdmOutputFormat format, GError **error)
{
  g_autoptr (GPtrArray) channels = rdm_project_list_channels (project, error);
  g_autoptr (cJSON) root = NULL;
  g_autoptr (RdmCliTable) table = NULL;

  if (channels == NULL)
    return FALSE;
  root = cJSON_CreateArray ();
  table = rdm_cli_table_new ("llrl");
  rdm_cli_table_add (table, _ ("Channel"));
  rdm_cli_table_add (table, _ ("Group"));
  rdm_cli_table_add (table, _ ("Rows"));
  rdm_cli_table_add (table, _ ("Named by"));
  rdm_cli_table_end_row (table);
  for (guint i = 0; i < channels->len; i++)
    {
      const RdmChannelInfo *info = channels->pdata[i];
      cJSON *item = cJSON_CreateObject ();

      cJSON_AddStringToObject (item, "channel", info->name);
      cJSON_AddStringToObject (item, "group", info->group);
      cJSON_AddItemToObject (item, "rows", rdm_cli_json_number ((double)info->rows));
      cJSON_AddBoolToObject (item, "by_rules", info->by_rules);
      cJSON_AddItemToArray (root, item);
      rdm_cli_table_add (table, info->name);
      rdm_cli_table_add (table, rdm_channel_group_display_name (info->group));
      rdm_cli_table_take (table, g_strdup_printf ("%" PRId64, info->rows));
      rdm_cli_table_add (table, info->by_rules ? _ ("channel rules") : _ ("the files"));
      rdm_cli_table_end_row (table);
    }
  if (format == RDM_OUTPUT_JSON)
    return rdm_cli_print_json (root, error);
  rdm_cli_table_print (table);
  return TRUE;
}

gboolean
rdm_cli_channel (int argc, char **argv, GError **error)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autofree char *format_text = NULL;
  RdmOutputFormat format;
  const GOptionEntry entries[] = { { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text,
                                     N_ ("list: json or table"), "FORMAT" },
                                   G_OPTION_ENTRY_NULL };

  context = rdm_cli_option_context_new (
      "channel", _ ("list PROJECT | group PROJECT CHANNEL GROUP"),
      _ ("List the channels with their groups, or set the group of a channel your files name "
         "(a channel a channel rule names takes the rule’s group)."),
      entries);
  if (!rdm_cli_parse (context, &argc, &argv, error)
      || !rdm_cli_parse_list_format (format_text, &format, error))
    return FALSE;
  if (argc == 3 && g_str_equal (argv[1], "list"))
    {
      project = rdm_project_open_for_reading (argv[2], error);
      return project != NULL && list_channels (project, format, error);
    }
  if (argc == 5 && g_str_equal (argv[1], "group"))
    {
      g_autofree char *group = rdm_channel_group_parse (argv[4]);

      if (group == NULL)
        {
          g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE, "%s",
                       _ ("channel group needs a non-empty group"));
          return FALSE;
        }
      project = rdm_project_open (argv[2], error);
      return project != NULL && rdm_project_set_channel_group (project, argv[3], group, error);
    }
  g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE, "%s",
               _ ("Usage: rendement-cli channel list PROJECT | group PROJECT CHANNEL GROUP"));
  return FALSE;
}
