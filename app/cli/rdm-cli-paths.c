/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "rendement-cli paths": the conversion paths report (top paths, length and
 * time-to-conversion distributions, positions, assists, channel overlap).
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "rdm-cli-analysis.h"
#include "rdm-format.h"
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

/* The report's tables in one CSV table, long format: the section, the row
 * (a path, a length, a day bucket, a channel), the measure and its value. */
static void
print_paths_csv (const RdmPathAnalysis *report)
{
  g_autoptr (RdmCsvWriter) csv = rdm_csv_writer_new ();

#define CSV_ROW(section, label, measure, number)                                                   \
  G_STMT_START                                                                                     \
  {                                                                                                \
    rdm_csv_writer_add_text (csv, section);                                                        \
    rdm_csv_writer_add_text (csv, label);                                                          \
    rdm_csv_writer_add_text (csv, measure);                                                        \
    rdm_csv_writer_add_number (csv, number);                                                       \
    rdm_csv_writer_end_row (csv);                                                                  \
  }                                                                                                \
  G_STMT_END

  rdm_cli_csv_header (csv, "section,label,measure,value");
  for (guint i = 0; i < report->top_paths->len; i++)
    {
      const RdmTopPath *path = &g_array_index (report->top_paths, RdmTopPath, i);

      CSV_ROW ("top_paths", path->path, "conversions", path->conversions);
      CSV_ROW ("top_paths", path->path, "value", path->value);
      CSV_ROW ("top_paths", path->path, "share", path->share);
    }
  for (guint k = 0; k < report->max_length; k++)
    {
      g_autofree char *touches
          = g_strdup_printf ("%u%s", k + 1, k + 1 == report->max_length ? "+" : "");

      CSV_ROW ("path_length", touches, "conversions", report->length_histogram[k]);
    }
  if (report->has_time_histogram)
    for (guint b = 0; b < RDM_N_TIME_BUCKETS; b++)
      CSV_ROW ("time_to_conversion", rdm_path_analysis_time_bucket_label (b), "conversions",
               report->time_histogram[b]);
  for (guint i = 0; i < report->n_labels; i++)
    {
      const RdmLabelPaths *label = &report->labels[i];
      const char *name = report->label_names[i];

      CSV_ROW ("channels", name, "early", label->early);
      CSV_ROW ("channels", name, "middle", label->middle);
      CSV_ROW ("channels", name, "late", label->late);
      CSV_ROW ("channels", name, "early_share", label->early_share);
      CSV_ROW ("channels", name, "middle_share", label->middle_share);
      CSV_ROW ("channels", name, "late_share", label->late_share);
      CSV_ROW ("channels", name, "last_touch_conversions", label->last_touch);
      CSV_ROW ("channels", name, "assisted_conversions", label->assisted);
      CSV_ROW ("channels", name, "assist_ratio", label->assist_ratio);
      for (guint j = 0; j < report->n_labels; j++)
        {
          g_autofree char *with = g_strconcat ("overlap:", report->label_names[j], NULL);

          CSV_ROW ("overlap", name, with, report->overlap[i * report->n_labels + j]);
        }
    }
  rdm_cli_print_csv (csv);
#undef CSV_ROW
}

static char *
format_share (double share)
{
  g_autofree char *percent = rdm_format_fixed (100 * share, 1);

  return g_strdup_printf ("%s %%", percent);
}

/* A path as people read it: at group level, each step's group name. */
static char *
display_path (RdmLevel level, const char *path)
{
  g_auto (GStrv) steps = NULL;

  if (level != RDM_LEVEL_GROUP)
    return g_strdup (rdm_cli_display_label (path));
  steps = g_strsplit (path, " > ", -1);
  for (guint i = 0; steps[i] != NULL; i++)
    {
      char *name = g_strdup (rdm_cli_level_label (level, steps[i]));

      g_free (steps[i]);
      steps[i] = name;
    }
  return g_strjoinv (" > ", steps);
}

static void
print_paths_table (RdmLevel level, const RdmPathAnalysis *report)
{
  g_autoptr (RdmCliTable) top = rdm_cli_table_new ("rrl");
  g_autoptr (RdmCliTable) lengths = rdm_cli_table_new ("lr");
  g_autoptr (RdmCliTable) labels = rdm_cli_table_new ("lrrrrr");

  g_print ("%s\n", _ ("Top converting paths"));
  for (guint i = 0; i < report->top_paths->len; i++)
    {
      const RdmTopPath *path = &g_array_index (report->top_paths, RdmTopPath, i);

      rdm_cli_table_take (top, rdm_format_amount (path->conversions));
      rdm_cli_table_take (top, format_share (path->share));
      /* a conversion without a touch has the path "(none)" */
      rdm_cli_table_take (top, display_path (level, path->path));
      rdm_cli_table_end_row (top);
    }
  rdm_cli_table_print (top);
  g_print ("\n%s\n", _ ("Path length (touches)"));
  for (guint k = 0; k < report->max_length; k++)
    {
      rdm_cli_table_take (lengths,
                          g_strdup_printf ("%u%s", k + 1, k + 1 == report->max_length ? "+" : ""));
      rdm_cli_table_take (lengths, rdm_format_amount (report->length_histogram[k]));
      rdm_cli_table_end_row (lengths);
    }
  rdm_cli_table_print (lengths);
  if (report->has_time_histogram)
    {
      g_autoptr (RdmCliTable) times = rdm_cli_table_new ("lr");

      g_print ("\n%s\n", _ ("Days from first touch to conversion"));
      for (guint b = 0; b < RDM_N_TIME_BUCKETS; b++)
        {
          rdm_cli_table_add (times, rdm_path_analysis_time_bucket_label (b));
          rdm_cli_table_take (times, rdm_format_amount (report->time_histogram[b]));
          rdm_cli_table_end_row (times);
        }
      rdm_cli_table_print (times);
    }
  g_print ("\n");
  rdm_cli_table_add (labels, rdm_cli_level_header (level));
  rdm_cli_table_add (labels, _ ("Early"));
  rdm_cli_table_add (labels, _ ("Middle"));
  rdm_cli_table_add (labels, _ ("Late"));
  rdm_cli_table_add (labels, _ ("Last touch"));
  rdm_cli_table_add (labels, _ ("Assisted"));
  rdm_cli_table_end_row (labels);
  for (guint i = 0; i < report->n_labels; i++)
    {
      const RdmLabelPaths *label = &report->labels[i];

      rdm_cli_table_add (labels, rdm_cli_level_label (level, report->label_names[i]));
      rdm_cli_table_take (labels, format_share (label->early_share));
      rdm_cli_table_take (labels, format_share (label->middle_share));
      rdm_cli_table_take (labels, format_share (label->late_share));
      rdm_cli_table_take (labels, rdm_format_amount (label->last_touch));
      rdm_cli_table_take (labels, rdm_format_amount (label->assisted));
      rdm_cli_table_end_row (labels);
    }
  rdm_cli_table_print (labels);
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
  if (top < 0 || top > 100000)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE, _ ("--top expects 0 to 100000"));
      return FALSE;
    }
  if (max_length < 1 || max_length > 1000)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE, _ ("--max-length expects 1 to 1000"));
      return FALSE;
    }
  if (!rdm_cli_analysis_finish (&analysis, error))
    return FALSE;
  if (analysis.request.path.direction == RDM_DIRECTION_FORWARD)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("Paths are built in the backward direction only"));
      return FALSE;
    }
  if (!rdm_cli_analysis_load (&analysis, argv[1], &data, error))
    return FALSE;

  report = rdm_path_analysis_compute (data.journeys.paths, top, max_length);
  if (analysis.format == RDM_OUTPUT_JSON)
    {
      g_autoptr (cJSON) root = paths_json (&analysis, &data, report);
      return rdm_cli_print_json (root, error);
    }
  if (analysis.format == RDM_OUTPUT_CSV)
    print_paths_csv (report);
  else
    print_paths_table (analysis.request.path.level, report);
  return TRUE;
}
