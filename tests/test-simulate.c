/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "rendement-cli simulate" and the truth beside the models in "attribute"
 * (SPEC.md, "Incrementality and ground truth"), through the real command
 * line and project files.
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <cjson/cJSON.h>
#include <glib/gstdio.h>

#include "rdm-project-db.h"
#include "rdm-project.h"
#include "rdm-test-util.h"
#include "rdm-world.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

#define VISITORS "4000"

typedef struct
{
  char *dir;
  char *project; /* a world of 4 000 visitors where Display causes nothing */
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  f->dir = rdm_test_make_tmpdir ();
  f->project = g_build_filename (f->dir, "world.rendement", NULL);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "simulate", f->project, "--visitors", VISITORS,
                                     "--effect", "Display=0", NULL),
                   ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_str_has_prefix (out, "Created the simulated world"));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  rdm_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->project);
}

static cJSON *
run_json (const char *first_arg, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  va_list ap;

  va_start (ap, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  g_assert_cmpint (rdm_test_run_cliv (&out, &err, (const char *const *)args->pdata), ==, 0);
  g_assert_cmpstr (err, ==, "");
  return cJSON_Parse (out);
}

static double
row_number (const cJSON *rows, const char *channel, const char *field)
{
  const cJSON *row;

  cJSON_ArrayForEach (row, rows)
    {
      if (g_strcmp0 (cJSON_GetStringValue (cJSON_GetObjectItem (row, "channel")), channel) == 0)
        return cJSON_GetNumberValue (cJSON_GetObjectItem (row, field));
    }
  return 0.0;
}

static const cJSON *
model_object (const cJSON *root, const char *name)
{
  const cJSON *model;

  cJSON_ArrayForEach (model, cJSON_GetObjectItem (root, "models"))
    {
      if (g_strcmp0 (cJSON_GetStringValue (cJSON_GetObjectItem (model, "model")), name) == 0)
        return model;
    }
  g_assert_not_reached ();
}

/* The project holds the world drawn in memory with the same settings: the
 * truth read back through "attribute" is the world's, channel by channel,
 * and a channel with effect 0 has truth 0 while last touch credits it. */
static void
test_truth_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr (cJSON) root
      = run_json ("attribute", f->project, "--model", "last,shapley", "-f", "json", NULL);
  g_autoptr (RdmWorldSettings) settings = rdm_world_settings_new_default ();
  g_autoptr (RdmWorld) world = NULL;
  const cJSON *truth = cJSON_GetObjectItem (root, "truth");
  const cJSON *rows = cJSON_GetObjectItem (truth, "rows");
  double total = 0.0;

  g_assert_nonnull (truth);
  settings->n_visitors = atoi (VISITORS);
  g_array_index (settings->channels, RdmWorldChannel,
                 rdm_world_settings_find_channel (settings, "Display"))
      .effect
      = 0.0;
  world = rdm_world_generate (settings, NULL);
  g_assert_cmpint (cJSON_GetArraySize (rows), ==, 12);
  for (guint c = 0; c < settings->channels->len; c++)
    {
      const char *name = g_array_index (settings->channels, RdmWorldChannel, c).name;

      g_assert_cmpfloat (row_number (rows, name, "conversions"), ==, world->truth_conversions[c]);
      g_assert_cmpfloat_with_epsilon (row_number (rows, name, "value"), world->truth_value[c],
                                      1e-6);
      total += world->truth_conversions[c];
    }
  g_assert_cmpfloat (cJSON_GetNumberValue (cJSON_GetObjectItem (truth, "total_conversions")), ==,
                     total);
  g_assert_cmpfloat (cJSON_GetNumberValue (cJSON_GetObjectItem (root, "total_conversions")), ==,
                     world->conversions->len);
  g_assert_cmpfloat (row_number (rows, "Display", "conversions"), ==, 0.0);
  g_assert_cmpfloat (row_number (cJSON_GetObjectItem (model_object (root, "last"), "rows"),
                                 "Display", "conversions"),
                     >, 20.0);
  g_assert_cmpint (cJSON_GetArraySize (cJSON_GetObjectItem (truth, "ranking")), ==, 2);
  g_assert_nonnull (cJSON_GetStringValue (cJSON_GetObjectItem (truth, "reading")));
}

/* error_vs_truth recomputed from the rows of the same output: Σ |credit −
 * truth| and ½ Σ |share − truth share| over the channels ("No touch" is no
 * channel). */
static void
test_errors_match_the_rows (Fixture *f, gconstpointer data)
{
  g_autoptr (cJSON) root = run_json ("attribute", f->project, "--model", "first,last,linear,markov",
                                     "-f", "json", NULL);
  const cJSON *truth_rows = cJSON_GetObjectItem (cJSON_GetObjectItem (root, "truth"), "rows");
  double truth_total = cJSON_GetNumberValue (
      cJSON_GetObjectItem (cJSON_GetObjectItem (root, "truth"), "total_conversions"));
  const cJSON *model;

  cJSON_ArrayForEach (model, cJSON_GetObjectItem (root, "models"))
    {
      const cJSON *rows = cJSON_GetObjectItem (model, "rows");
      const cJSON *error = cJSON_GetObjectItem (model, "error_vs_truth");
      const cJSON *row;
      double credit_total = 0.0;
      double conversions = 0.0;
      double share = 0.0;

      cJSON_ArrayForEach (row, rows)
        {
          const char *channel = cJSON_GetStringValue (cJSON_GetObjectItem (row, "channel"));

          if (g_strcmp0 (channel, "(none)") != 0)
            credit_total += cJSON_GetNumberValue (cJSON_GetObjectItem (row, "conversions"));
        }
      cJSON_ArrayForEach (row, truth_rows)
        {
          const char *channel = cJSON_GetStringValue (cJSON_GetObjectItem (row, "channel"));
          double credit = row_number (rows, channel, "conversions");
          double truth = cJSON_GetNumberValue (cJSON_GetObjectItem (row, "conversions"));

          conversions += fabs (credit - truth);
          share += fabs (credit / credit_total - truth / truth_total);
        }
      g_assert_cmpfloat_with_epsilon (
          cJSON_GetNumberValue (cJSON_GetObjectItem (error, "conversions")), conversions, 1e-6);
      g_assert_cmpfloat_with_epsilon (cJSON_GetNumberValue (cJSON_GetObjectItem (error, "share")),
                                      share / 2.0, 1e-9);
    }
}

/* The truth of a period counts the conversions of that period only: the
 * same count as the project's own truth rows, by SQL. */
static void
test_truth_of_a_period (Fixture *f, gconstpointer data)
{
  g_autoptr (cJSON) root = run_json ("attribute", f->project, "--model", "linear", "--period",
                                     "2026-08", "-f", "json", NULL);
  g_autoptr (RdmProject) project = rdm_project_open (f->project, NULL);
  const cJSON *rows = cJSON_GetObjectItem (cJSON_GetObjectItem (root, "truth"), "rows");
  sqlite3 *db = rdm_project_get_db (project);

  g_assert_cmpfloat (row_number (rows, "Paid Search", "conversions"), ==,
                     (double)rdm_test_query_int (
                         db, "SELECT count(*) FROM truth t JOIN conversion c"
                             " ON c.id = t.conversion_id JOIN channel ch ON ch.id = t.channel_id"
                             " WHERE ch.name = 'Paid Search' AND c.time >= 1785542400"
                             " AND c.time < 1788220800"));
  g_assert_cmpfloat (row_number (rows, "Paid Search", "conversions"), >, 0.0);
}

/* By campaign there is no truth (it is per channel), and the output says so. */
static void
test_no_truth_by_campaign (Fixture *f, gconstpointer data)
{
  g_autoptr (cJSON) root = run_json ("attribute", f->project, "--model", "linear", "--by",
                                     "campaign", "-f", "json", NULL);

  g_assert_null (cJSON_GetObjectItem (root, "truth"));
  g_assert_null (cJSON_GetObjectItem (model_object (root, "linear"), "error_vs_truth"));
  g_assert_nonnull (
      strstr (cJSON_GetStringValue (cJSON_GetObjectItem (root, "truth_note")), "per channel"));
}

/* Conversions imported into a world are outside its truth: it is not shown. */
static void
test_no_truth_with_foreign_conversions (Fixture *f, gconstpointer data)
{
  g_autofree char *events
      = rdm_test_write_file (f->dir, "events.csv",
                             "visitor_id,timestamp,type,channel,campaign,value,event,page_views\n"
                             "x1,2026-07-10T10:00:00Z,click,Email,,,,1\n"
                             "x1,2026-07-10T10:05:00Z,conversion,,,40,purchase,\n");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (cJSON) root = NULL;

  g_assert_cmpint (
      rdm_test_run_cli (&out, &err, "import", f->project, "--kind", "events", events, NULL), ==, 0);
  root = run_json ("attribute", f->project, "--model", "linear", "-f", "json", NULL);
  g_assert_null (cJSON_GetObjectItem (root, "truth"));
  g_assert_nonnull (
      strstr (cJSON_GetStringValue (cJSON_GetObjectItem (root, "truth_note")), "1 imported"));
}

/* The table shows the Truth column, the error row, the reading and the
 * caveat that credit is not incrementality. */
static void
test_table (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (
      rdm_test_run_cli (&out, &err, "attribute", f->project, "--model", "last,linear", NULL), ==,
      0);
  g_assert_nonnull (strstr (out, "Truth"));
  g_assert_nonnull (strstr (out, "Share error vs truth"));
  g_assert_nonnull (strstr (out, "comes closest to the truth"));
  g_assert_nonnull (strstr (out, "Last touch gives Display"));
  g_assert_nonnull (strstr (out, "Credit is not incrementality"));
}

/* The same seed writes the same rows; the simulation cannot be removed
 * as an import. */
static void
test_reproducible (Fixture *f, gconstpointer data)
{
  g_autofree char *again = g_build_filename (f->dir, "again.rendement", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  static const char *const checks[] = {
    "SELECT total(time * channel_id + interaction) FROM touchpoint",
    "SELECT total(time + value) FROM conversion",
    "SELECT total(conversion_id * channel_id) FROM truth",
  };

  g_assert_cmpint (rdm_test_run_cli (&out, &err, "simulate", again, "--visitors", VISITORS,
                                     "--effect", "Display=0", NULL),
                   ==, 0);
  {
    g_autoptr (RdmProject) a = rdm_project_open (f->project, NULL);
    g_autoptr (RdmProject) b = rdm_project_open (again, NULL);

    for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
      g_assert_cmpfloat (rdm_test_query_double (rdm_project_get_db (a), checks[i]), ==,
                         rdm_test_query_double (rdm_project_get_db (b), checks[i]));
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", "remove", f->project, "1", NULL), !=, 0);
  g_assert_nonnull (strstr (err, "is a simulated world"));
}

/* Lift tests written with the world calibrate the models: on this world,
 * every model's calibrated credit is closer to the truth. */
static void
test_calibration_lowers_errors (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *project = g_build_filename (dir, "tested.rendement", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (cJSON) plain = NULL;
  g_autoptr (cJSON) calibrated = NULL;
  const char *models = "first,last,linear,position,time-decay,markov,shapley";
  const cJSON *model;

  g_assert_cmpint (rdm_test_run_cli (&out, &err, "simulate", project, "--experiments",
                                     "Paid Search,Facebook,Display", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (out, "Lift test of Display: "));
  plain = run_json ("attribute", project, "--model", models, "-f", "json", NULL);
  calibrated
      = run_json ("attribute", project, "--model", models, "--calibrate", "-f", "json", NULL);
  g_assert_true (cJSON_IsTrue (cJSON_GetObjectItem (calibrated, "calibrated")));
  cJSON_ArrayForEach (model, cJSON_GetObjectItem (plain, "models"))
    {
      const char *name = cJSON_GetStringValue (cJSON_GetObjectItem (model, "model"));
      double before = cJSON_GetNumberValue (
          cJSON_GetObjectItem (cJSON_GetObjectItem (model, "error_vs_truth"), "share"));
      double after = cJSON_GetNumberValue (cJSON_GetObjectItem (
          cJSON_GetObjectItem (model_object (calibrated, name), "error_vs_truth"), "share"));

      g_test_message ("%s: share error %.3f, calibrated %.3f", name, before, after);
      g_assert_cmpfloat (after, <, before);
    }
  rdm_test_remove_tree (dir);
}

static char *
pdf_text (const char *path)
{
  g_autofree char *out = NULL;
  const char *argv[] = { "pdftotext", path, "-", NULL };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                               NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* a sentence may wrap: compare words, not lines */
  g_strdelimit (out, "\n", ' ');
  return g_steal_pointer (&out);
}

/* The review says that credit is not incrementality; calibrated, it says
 * so instead and shows the Baseline. */
static void
test_report (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *project = g_build_filename (dir, "tested.rendement", NULL);
  g_autofree char *plain = g_build_filename (dir, "plain.pdf", NULL);
  g_autofree char *calibrated = g_build_filename (dir, "calibrated.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpint (rdm_test_run_cli (&out, &err, "simulate", project, "--visitors", VISITORS,
                                     "--experiments", "Paid Search,Facebook,Display", NULL),
                   ==, 0);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "report", project, "--out", plain, NULL), ==, 0);
  text = pdf_text (plain);
  g_assert_nonnull (strstr (text, "Credit is not incrementality"));
  /* the models' page shows the world's truth beside them */
  g_assert_nonnull (strstr (text, "Truth"));
  g_assert_null (strstr (text, "Baseline"));
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (
      rdm_test_run_cli (&out, &err, "report", project, "--out", calibrated, "--calibrate", NULL),
      ==, 0);
  text = pdf_text (calibrated);
  g_assert_nonnull (strstr (text, "Credit calibrated by the project’s experiments"));
  /* experiments give Paid Search more than first touch credits it: the
   * Baseline row goes below 0 and ROI still reports it */
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "roi", project, "--model", "first", "--calibrate",
                                     "--format", "csv", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (out, "first,(baseline),0,0,0,-"));
  g_assert_nonnull (strstr (text, "Baseline"));
  /* the factors the experiments gave, each tested channel by name */
  g_assert_nonnull (strstr (text, "Calibration by the experiments"));
  g_assert_nonnull (strstr (text, "Every other channel"));
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "report", project, "--out", calibrated,
                                     "--untested", "keep", NULL),
                   ==, 2);
  g_assert_nonnull (strstr (err, "--untested applies only with --calibrate"));
  rdm_test_remove_tree (dir);
}

/* Bad options are refused with what was expected, and leave no file. */
static void
test_bad_options (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *project = g_build_filename (dir, "bad.rendement", NULL);
  static const struct
  {
    const char *args[4];
    const char *message;
  } cases[] = {
    { { "--effect", "Facebok=1" },
      "the world has no channel “Facebok” (its channels: Facebook, Instagram, LinkedIn" },
    { { "--effect", "Display" }, "expected CHANNEL=FACTOR" },
    { { "--effect", "Display=-1" }, "Invalid --effect “-1”: expected a number from 0 to 100" },
    { { "--effect", "Display=0", "--effect", "Display=1" }, "--effect names “Display” twice" },
    { { "--baseline", "0.9" }, "Invalid --baseline “0.9”: expected a number from 0 to 0.5" },
    { { "--view-effect", "abc" }, "Invalid --view-effect “abc”" },
    { { "--visitors", "0" }, "Invalid --visitors “0”: expected a whole number from 1 to" },
    { { "--days", "1.5" }, "Invalid --days “1.5”" },
    { { "--experiments", "Display,Fax" }, "Invalid --experiments: the world has no channel “Fax”" },
    { { "--experiments", "Display,Display" }, "--experiments names “Display” twice" },
    { { "--experiment-error", "0.2" }, "--experiment-error needs --experiments" },
    { { "--experiments", "Display", "--experiment-error", "3" },
      "Invalid --experiment-error “3”: expected a number from 0 to 2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *args[8] = { "simulate", project };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      guint n = 2;

      for (guint k = 0; k < G_N_ELEMENTS (cases[i].args) && cases[i].args[k] != NULL; k++)
        args[n++] = cases[i].args[k];
      g_assert_cmpint (rdm_test_run_cliv (&out, &err, args), !=, 0);
      if (strstr (err, cases[i].message) == NULL)
        g_error ("case %u: expected “%s” in “%s”", i, cases[i].message, err);
      g_assert_false (g_file_test (project, G_FILE_TEST_EXISTS));
    }

  /* an existing file is never overwritten */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_true (g_file_set_contents (project, "mine", -1, NULL));
    g_assert_cmpint (rdm_test_run_cli (&out, &err, "simulate", project, NULL), !=, 0);
    g_assert_nonnull (strstr (err, project));
  }
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (project, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "mine");
  }
  rdm_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/simulate/truth-round-trip", Fixture, NULL, fixture_set_up, test_truth_round_trip,
              fixture_tear_down);
  g_test_add ("/simulate/errors-match-the-rows", Fixture, NULL, fixture_set_up,
              test_errors_match_the_rows, fixture_tear_down);
  g_test_add ("/simulate/truth-of-a-period", Fixture, NULL, fixture_set_up, test_truth_of_a_period,
              fixture_tear_down);
  g_test_add ("/simulate/no-truth-by-campaign", Fixture, NULL, fixture_set_up,
              test_no_truth_by_campaign, fixture_tear_down);
  g_test_add ("/simulate/no-truth-with-foreign-conversions", Fixture, NULL, fixture_set_up,
              test_no_truth_with_foreign_conversions, fixture_tear_down);
  g_test_add ("/simulate/table", Fixture, NULL, fixture_set_up, test_table, fixture_tear_down);
  g_test_add ("/simulate/reproducible", Fixture, NULL, fixture_set_up, test_reproducible,
              fixture_tear_down);
  g_test_add_func ("/simulate/calibration-lowers-errors", test_calibration_lowers_errors);
  g_test_add_func ("/simulate/report", test_report);
  g_test_add_func ("/simulate/bad-options", test_bad_options);
  return g_test_run ();
}
