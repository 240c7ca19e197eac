/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "rendement-cli paths": the conversion paths report (top paths, length and
 * time-to-conversion distributions, positions, assists, channel overlap).
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "rdm-cli-analysis.h"
#include "rdm-path-analysis.h"

static cJSON *
paths_json (const RdmCliAnalysis *analysis, const RdmCliData *data, const RdmPathAnalysis *report)
{
  cJSON *root = cJSON_CreateObject ();
  cJSON *top = cJSON_AddArrayToObject (root, "top_paths");
  cJSON *lengths = cJSON_AddArrayToObject (root, "path_length");
  cJSON *labels = cJSON_AddArrayToObject (root, "channels");
  cJSON *overlap = cJSON_AddObjectToObject (root, "overlap");
  cJSON *overlap_labels = cJSON_AddArrayToObject (overlap, "channels");
  cJSON *matrix = cJSON_AddArrayToObject (overlap, "matrix");

  cJSON_AddItemToObject (root, "total_conversions",
                         rdm_cli_json_number (report->total_conversions));
  cJSON_AddItemToObject (root, "total_value", rdm_cli_json_number (report->total_value));
  cJSON_AddItemToObject (root, "unique_paths", rdm_cli_json_number (report->n_unique_paths));
  for (guint i = 0; i < report->top_paths->len; i++)
    {
      const RdmTopPath *path = &g_array_index (report->top_paths, RdmTopPath, i);
      cJSON *row = cJSON_CreateObject ();

      cJSON_AddStringToObject (row, "path", path->path);
      cJSON_AddItemToObject (row, "conversions", rdm_cli_json_number (path->conversions));
      cJSON_AddItemToObject (row, "value", rdm_cli_json_number (path->value));
      cJSON_AddItemToObject (row, "share", rdm_cli_json_number (path->share));
      cJSON_AddItemToArray (top, row);
    }
  for (guint k = 0; k < report->max_length; k++)
    {
      cJSON *row = cJSON_CreateObject ();

      cJSON_AddItemToObject (row, "touches", rdm_cli_json_number (k + 1));
      cJSON_AddBoolToObject (row, "or_more", k + 1 == report->max_length);
      cJSON_AddItemToObject (row, "conversions", rdm_cli_json_number (report->length_histogram[k]));
      cJSON_AddItemToArray (lengths, row);
    }
  if (report->has_time_histogram)
    {
      cJSON *times = cJSON_AddArrayToObject (root, "time_to_conversion");

      for (guint b = 0; b < RDM_N_TIME_BUCKETS; b++)
        {
          cJSON *row = cJSON_CreateObject ();

          cJSON_AddStringToObject (row, "days", rdm_path_analysis_time_bucket_label (b));
          cJSON_AddItemToObject (row, "conversions",
                                 rdm_cli_json_number (report->time_histogram[b]));
          cJSON_AddItemToArray (times, row);
        }
    }
  else
    cJSON_AddNullToObject (root, "time_to_conversion");
  for (guint i = 0; i < report->n_labels; i++)
    {
      const RdmLabelPaths *label = &report->labels[i];
      cJSON *row = cJSON_CreateObject ();
      cJSON *line = cJSON_CreateArray ();

      cJSON_AddStringToObject (row, "channel", report->label_names[i]);
      cJSON_AddItemToObject (row, "early", rdm_cli_json_number (label->early));
      cJSON_AddItemToObject (row, "middle", rdm_cli_json_number (label->middle));
      cJSON_AddItemToObject (row, "late", rdm_cli_json_number (label->late));
      cJSON_AddItemToObject (row, "early_share", rdm_cli_json_number (label->early_share));
      cJSON_AddItemToObject (row, "middle_share", rdm_cli_json_number (label->middle_share));
      cJSON_AddItemToObject (row, "late_share", rdm_cli_json_number (label->late_share));
      cJSON_AddItemToObject (row, "last_touch_conversions",
                             rdm_cli_json_number (label->last_touch));
      cJSON_AddItemToObject (row, "assisted_conversions", rdm_cli_json_number (label->assisted));
      cJSON_AddItemToObject (row, "assist_ratio", rdm_cli_json_number (label->assist_ratio));
      cJSON_AddItemToArray (labels, row);

      cJSON_AddItemToArray (overlap_labels, cJSON_CreateString (report->label_names[i]));
      for (guint j = 0; j < report->n_labels; j++)
        cJSON_AddItemToArray (line,
                              rdm_cli_json_number (report->overlap[i * report->n_labels + j]));
      cJSON_AddItemToArray (matrix, line);
    }
  cJSON_AddItemToObject (root, "settings", rdm_cli_analysis_settings_json (analysis, data));
  return root;
}

static void
print_paths_table (const RdmPathAnalysis *report)
{
  g_print ("%s\n", _ ("Top converting paths"));
  for (guint i = 0; i < report->top_paths->len; i++)
    {
      const RdmTopPath *path = &g_array_index (report->top_paths, RdmTopPath, i);
      g_print ("  %10.2f  %5.1f %%  %s\n", path->conversions, 100 * path->share, path->path);
    }
  g_print ("\n%s\n", _ ("Path length (touches)"));
  for (guint k = 0; k < report->max_length; k++)
    g_print ("  %3u%s  %10.2f\n", k + 1, k + 1 == report->max_length ? "+" : " ",
             report->length_histogram[k]);
  if (report->has_time_histogram)
    {
      g_print ("\n%s\n", _ ("Days from first touch to conversion"));
      for (guint b = 0; b < RDM_N_TIME_BUCKETS; b++)
        g_print ("  %-6s %10.2f\n", rdm_path_analysis_time_bucket_label (b),
                 report->time_histogram[b]);
    }
  g_print ("\n%-24s %8s %8s %8s %12s %12s\n", _ ("Channel"), _ ("Early"), _ ("Middle"), _ ("Late"),
           _ ("Last touch"), _ ("Assisted"));
  for (guint i = 0; i < report->n_labels; i++)
    {
      const RdmLabelPaths *label = &report->labels[i];
      g_print ("%-24s %7.1f%% %7.1f%% %7.1f%% %12.2f %12.2f\n", report->label_names[i],
               100 * label->early_share, 100 * label->middle_share, 100 * label->late_share,
               label->last_touch, label->assisted);
    }
}

gboolean
rdm_cli_paths (int argc, char **argv, GError **error)
{
  g_auto (RdmCliAnalysis) analysis = { 0 };
  g_auto (RdmCliData) data = { 0 };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (RdmPathAnalysis) report = NULL;
  int top = 10;
  int max_length = 10;
  const GOptionEntry entries[]
      = { { "top", 0, 0, G_OPTION_ARG_INT, &top, N_ ("How many top paths to list (default 10)"),
            "N" },
          { "max-length", 0, 0, G_OPTION_ARG_INT, &max_length,
            N_ ("Path lengths from this many touches share one bucket (default 10)"), "N" },
          G_OPTION_ENTRY_NULL };

  rdm_cli_analysis_init (&analysis, NULL);
  context = rdm_cli_option_context_new ("paths", _ ("PROJECT"),
                                        _ ("Report on conversion paths: top paths, lengths, "
                                           "time to conversion, positions, assists and overlap."),
                                        NULL);
  rdm_cli_analysis_add_entries (&analysis, context, FALSE, entries);
  if (!rdm_cli_analysis_parse (context, &argc, &argv, error))
    return FALSE;
  if (top < 0 || max_length < 1 || max_length > 1000)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("--top expects 0 or more and --max-length 1 to 1000"));
      return FALSE;
    }
  if (!rdm_cli_analysis_finish (&analysis, FALSE, error))
    return FALSE;
  if (analysis.path.direction == RDM_DIRECTION_FORWARD)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("Paths are built in the backward direction only"));
      return FALSE;
    }
  if (!rdm_cli_analysis_load (&analysis, argv[1], &data, error))
    return FALSE;

  report = rdm_path_analysis_compute (data.paths, top, max_length);
  if (analysis.format == RDM_OUTPUT_JSON)
    {
      g_autoptr (cJSON) root = paths_json (&analysis, &data, report);
      return rdm_cli_print_json (root, error);
    }
  print_paths_table (report);
  return TRUE;
}
