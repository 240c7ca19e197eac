/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "rendement-cli segment add|list|remove PROJECT [NAME] [--filter EXPR]".
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rdm-cli.h"
#include "rdm-event-loader.h"
#include "rdm-format.h"
#include "rdm-segments.h"

static gboolean
list_segments (RdmProject *project, RdmOutputFormat format, gboolean count, GError **error)
{
  g_autoptr (GPtrArray) segments = rdm_project_list_segments (project, error);
  g_autoptr (RdmEventStore) store = NULL;
  g_autoptr (RdmVisitorFacts) facts = NULL;
  g_autoptr (cJSON) root = NULL;
  g_autoptr (RdmCliTable) table = NULL;

  if (segments == NULL)
    return FALSE;
  if (count)
    {
      store = rdm_event_store_load (project, NULL, error);
      if (store == NULL)
        return FALSE;
      facts = rdm_project_load_visitor_facts (project, store, NULL, error);
      if (facts == NULL)
        return FALSE;
    }

  root = cJSON_CreateArray ();
  table = rdm_cli_table_new (count ? "lrl" : "ll");
  for (guint i = 0; i < segments->len; i++)
    {
      const RdmSegmentRecord *record = g_ptr_array_index (segments, i);
      guint64 selected = 0;

      if (count)
        {
          g_autoptr (RdmFilter) filter = rdm_filter_parse (record->filter, NULL, error);
          g_autofree guint8 *mask = NULL;

          if (filter == NULL)
            return FALSE;
          mask = rdm_visitor_facts_mask (facts, filter, &selected, error);
          if (mask == NULL)
            return FALSE;
        }
      {
        cJSON *item = cJSON_CreateObject ();

        cJSON_AddStringToObject (item, "name", record->name);
        cJSON_AddStringToObject (item, "filter", record->filter);
        if (count)
          cJSON_AddItemToObject (item, "visitors", rdm_cli_json_number ((double)selected));
        cJSON_AddItemToArray (root, item);
      }
      rdm_cli_table_add (table, record->name);
      if (count)
        rdm_cli_table_take (table, rdm_format_count ((gint64)selected));
      rdm_cli_table_add (table, record->filter);
      rdm_cli_table_end_row (table);
    }
  if (format == RDM_OUTPUT_JSON)
    return rdm_cli_print_json (root, error);
  rdm_cli_table_print (table);
  return TRUE;
}

gboolean
rdm_cli_segment (int argc, char **argv, GError **error)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autofree char *filter = NULL;
  g_autofree char *format_text = NULL;
  gboolean replace = FALSE;
  gboolean count = FALSE;
  RdmOutputFormat format;
  const char *action;
  const GOptionEntry entries[] = {
    { "filter", 0, 0, G_OPTION_ARG_STRING, &filter,
      N_ ("add: the filter, e.g. touched(\"Blog\") and age_band in (\"25-34\",\"35-49\")"),
      "EXPR" },
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace, N_ ("add: replace a segment of the same name"),
      NULL },
    { "count", 0, 0, G_OPTION_ARG_NONE, &count, N_ ("list: count each segment’s visitors"), NULL },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, N_ ("list: json or table"), "FORMAT" },
    G_OPTION_ENTRY_NULL
  };

  context = rdm_cli_option_context_new (
      "segment", _ ("add|list|remove PROJECT [NAME]"),
      _ ("Save, list or remove named segments: visitor filters usable with --segment."), entries);
  if (!rdm_cli_parse (context, &argc, &argv, error)
      || !rdm_cli_parse_list_format (format_text, &format, error))
    return FALSE;
  if (argc < 3)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("segment needs an action and a project; see rendement-cli segment --help"));
      return FALSE;
    }
  action = argv[1];
  if (g_str_equal (action, "list"))
    {
      if (argc != 3)
        goto usage;
      project = rdm_project_open_for_reading (argv[2], error);
      return project != NULL && list_segments (project, format, count, error);
    }
  if (g_str_equal (action, "add"))
    {
      if (argc != 4 || filter == NULL)
        {
          g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                       _ ("segment add needs PROJECT NAME --filter EXPR"));
          return FALSE;
        }
      project = rdm_project_open (argv[2], error);
      return project != NULL && rdm_project_add_segment (project, argv[3], filter, replace, error);
    }
  if (g_str_equal (action, "remove"))
    {
      if (argc != 4)
        goto usage;
      project = rdm_project_open (argv[2], error);
      return project != NULL && rdm_project_remove_segment (project, argv[3], error);
    }

usage:
  g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
               _ ("Usage: rendement-cli segment add PROJECT NAME --filter EXPR | list PROJECT | "
                  "remove PROJECT NAME"));
  return FALSE;
}
