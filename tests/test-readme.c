/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The README's "command line in a few lines" runs as written, on the sample
 * files of examples/: each line is taken from README.md itself, so the
 * README cannot drift from what the program accepts. The totals are checked
 * against the sample files, read here independently of the importers.
 */
#include "config.h"

#include <cjson/cJSON.h>
#include <glib/gstdio.h>

#include "rdm-test-util.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

static char *source_root;

/* The shell lines of the first ```sh block after the heading that starts
 * with @heading, without their comments. */
static GPtrArray *
readme_block (const char *heading)
{
  g_autofree char *path = g_build_filename (source_root, "README.md", NULL);
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *commands = g_ptr_array_new_with_free_func (g_free);
  gboolean in_section = FALSE;
  gboolean in_block = FALSE;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], heading))
        in_section = TRUE;
      else if (in_section && !in_block && g_str_equal (lines[i], "```sh"))
        in_block = TRUE;
      else if (in_block && g_str_has_prefix (lines[i], "```"))
        break;
      else if (in_block)
        {
          char *hash = strchr (lines[i], '#');

          if (hash != NULL)
            *hash = '\0';
          g_ptr_array_add (commands, g_strstrip (g_strdup (lines[i])));
        }
    }
  g_assert_true (in_block);
  return commands;
}

/* Conversions and their value in examples/visits.csv, and the sum of
 * examples/costs.csv: plain comma-separated files without quoting. */
static void
count_examples (guint *conversions, double *value, double *cost)
{
  g_autofree char *visits_path = g_build_filename (source_root, "examples", "visits.csv", NULL);
  g_autofree char *costs_path = g_build_filename (source_root, "examples", "costs.csv", NULL);
  g_autofree char *visits = NULL;
  g_autofree char *costs = NULL;
  g_auto (GStrv) visit_lines = NULL;
  g_auto (GStrv) cost_lines = NULL;

  g_assert_true (g_file_get_contents (visits_path, &visits, NULL, NULL));
  g_assert_true (g_file_get_contents (costs_path, &costs, NULL, NULL));
  *conversions = 0;
  *value = 0;
  *cost = 0;
  visit_lines = g_strsplit (visits, "\n", -1);
  for (guint i = 1; visit_lines[i] != NULL && visit_lines[i][0] != '\0'; i++)
    {
      g_auto (GStrv) fields = g_strsplit (visit_lines[i], ",", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 8);
      if (g_str_equal (fields[2], "conversion"))
        {
          (*conversions)++;
          *value += g_ascii_strtod (fields[5], NULL);
        }
    }
  cost_lines = g_strsplit (costs, "\n", -1);
  for (guint i = 1; cost_lines[i] != NULL && cost_lines[i][0] != '\0'; i++)
    {
      g_auto (GStrv) fields = g_strsplit (cost_lines[i], ",", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 5);
      *cost += g_ascii_strtod (fields[4], NULL);
    }
}

static void
test_command_line_lines (void)
{
  g_autoptr (GPtrArray) commands = readme_block ("## The command line");
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *attribute_json = NULL;
  g_autofree char *roi_table = NULL;
  g_autofree char *chart_path = NULL;
  g_autofree char *chart = NULL;
  g_autoptr (cJSON) json = NULL;
  g_autoptr (GError) error = NULL;
  guint conversions;
  double value, cost;
  guint ran = 0;

  count_examples (&conversions, &value, &cost);
  /* the files are worth showing: a quarter of a small shop */
  g_assert_cmpuint (conversions, >=, 50);
  g_assert_cmpfloat (cost, >, 1000);

  for (guint i = 0; i < commands->len; i++)
    {
      const char *line = g_ptr_array_index (commands, i);
      g_auto (GStrv) words = NULL;
      g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status = 0;

      if (*line == '\0')
        continue;
      g_shell_parse_argv (line, NULL, &words, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (words[0], ==, "rendement-cli");
      g_ptr_array_add (argv, g_strdup (g_getenv ("RDM_CLI")));
      for (guint w = 1; words[w] != NULL; w++)
        g_ptr_array_add (argv, g_str_has_prefix (words[w], "examples/")
                                   ? g_build_filename (source_root, words[w], NULL)
                                   : g_strdup (words[w]));
      g_ptr_array_add (argv, NULL);
      g_spawn_sync (dir, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                    &status, &error);
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("README line “%s” failed: %s", line, err);
      ran++;
      /* the last of each is checked below */
      if (g_str_equal (words[1], "attribute"))
        {
          g_free (attribute_json);
          attribute_json = g_steal_pointer (&out);
        }
      else if (g_str_equal (words[1], "roi"))
        {
          g_free (roi_table);
          roi_table = g_steal_pointer (&out);
        }
    }
  g_assert_cmpuint (ran, >=, 5);

  /* every conversion of the file is shared out, its value too */
  g_assert_nonnull (attribute_json);
  json = cJSON_Parse (attribute_json);
  g_assert_nonnull (json);
  g_assert_cmpfloat_with_epsilon (
      cJSON_GetNumberValue (cJSON_GetObjectItem (json, "total_conversions")), conversions, 1e-9);
  g_assert_cmpfloat_with_epsilon (cJSON_GetNumberValue (cJSON_GetObjectItem (json, "total_value")),
                                  value, 1e-6);
  g_assert_cmpint (cJSON_GetArraySize (cJSON_GetObjectItem (json, "models")), ==, 3);

  /* the ROI table counts every cost of the quarter */
  g_assert_nonnull (roi_table);
  {
    g_autofree char *total_cost = g_strdup_printf ("%.2f", cost);

    g_assert_nonnull (strstr (roi_table, total_cost));
  }

  chart_path = g_build_filename (dir, "models.pdf", NULL);
  g_assert_true (g_file_get_contents (chart_path, &chart, NULL, NULL));
  g_assert_true (g_str_has_prefix (chart, "%PDF-"));
  rdm_test_remove_tree (dir);
}

/* ROI under every model on the sample quarter, whose previous quarter has
 * no data at all: each model shares out the file's 90 conversions and
 * their value, and the previous quarter credits nothing (Markov used to
 * refuse its empty chain and fail the whole command). */
static void
test_roi_every_model (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *project = g_build_filename (dir, "shop.rendement", NULL);
  g_autofree char *visits = g_build_filename (source_root, "examples", "visits.csv", NULL);
  g_autofree char *costs = g_build_filename (source_root, "examples", "costs.csv", NULL);
  char *messages[6] = { NULL };
  g_autofree char *out = NULL;
  g_autoptr (cJSON) json = NULL;
  const cJSON *models;
  guint conversions;
  double value, cost;

  count_examples (&conversions, &value, &cost);
  /* their messages kept out of the TAP stream */
  g_assert_cmpint (rdm_test_run_cli (&messages[0], &messages[1], "new", project, NULL), ==, 0);
  g_assert_cmpint (rdm_test_run_cli (&messages[2], &messages[3], "import", project, "--kind",
                                     "events", visits, NULL),
                   ==, 0);
  g_assert_cmpint (rdm_test_run_cli (&messages[4], &messages[5], "import", project, "--kind",
                                     "costs", costs, NULL),
                   ==, 0);
  g_assert_cmpint (rdm_test_run_cli (&out, NULL, "roi", project, "--model",
                                     "first,last,last-non-direct,linear,position,time-decay,"
                                     "position-decay,custom,markov,shapley",
                                     "--period", "2026Q2", "--format", "json", NULL),
                   ==, 0);
  json = cJSON_Parse (out);
  g_assert_nonnull (json);
  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (json, "previous_period")), ==,
                   "2026Q1");
  models = cJSON_GetObjectItem (json, "models");
  g_assert_cmpint (cJSON_GetArraySize (models), ==, 10);
  for (int m = 0; m < cJSON_GetArraySize (models); m++)
    {
      const cJSON *total = cJSON_GetObjectItem (cJSON_GetArrayItem (models, m), "total");
      const cJSON *previous = cJSON_GetObjectItem (total, "previous");

      g_assert_cmpfloat_with_epsilon (
          cJSON_GetNumberValue (cJSON_GetObjectItem (total, "conversions")), conversions, 1e-9);
      g_assert_cmpfloat_with_epsilon (cJSON_GetNumberValue (cJSON_GetObjectItem (total, "value")),
                                      value, 1e-6);
      g_assert_cmpfloat_with_epsilon (cJSON_GetNumberValue (cJSON_GetObjectItem (total, "cost")),
                                      cost, 1e-6);
      g_assert_cmpfloat (cJSON_GetNumberValue (cJSON_GetObjectItem (previous, "conversions")), ==,
                         0);
      g_assert_cmpfloat (cJSON_GetNumberValue (cJSON_GetObjectItem (previous, "value")), ==, 0);
    }
  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    g_free (messages[i]);
  rdm_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  source_root = g_strdup (g_getenv ("RDM_SOURCE_ROOT"));
  g_assert_nonnull (source_root);
  g_test_add_func ("/readme/command-line-lines", test_command_line_lines);
  g_test_add_func ("/examples/roi-every-model", test_roi_every_model);
  return g_test_run ();
}
