/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The analysing commands of rendement-cli (attribute, window-sweep, paths,
 * segment) on a project small enough to credit by hand:
 *
 *   T0 = 2026-04-01 00:00 UTC; visitor attributes in brackets.
 *   a [gender F]: Facebook click T0, Email click T0+2d, purchase 100 at T0+3d
 *   b [gender M]: Direct visit T0+1d, purchase 50 at T0+1d+1h
 *   c [gender F]: Display impression T0+5d, no conversion (a null path)
 *   d [gender F]: Display impression T0+10d, Email click T0+10d+1h,
 *                 purchase 30 at T0+10d+2h (the impression is 2 h old:
 *                 inside the default 1-day view window)
 *
 * Linear, default windows: a gives Facebook 1/2 and Email 1/2 (50 € each),
 * b gives Direct 1 (50 €), d gives Display 1/2 (a view, 15 €) and Email 1/2
 * (15 €). So Facebook 0.5 / 50, Email 1 / 65, Direct 1 / 50, Display 0.5 /
 * 15, for 3 conversions worth 180.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>
#include <cjson/cJSON.h>
#include <glib/gstdio.h>

#include "rdm-bootstrap.h"
#include "rdm-model.h"
#include "rdm-path-options.h"
#include "rdm-project-db.h"
#include "rdm-project.h"
#include "rdm-test-util.h"
#include "rdm-window-sweep.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

#define T0 G_GINT64_CONSTANT (1775001600)
#define DAY 86400
#define HOUR 3600

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
add_visitor (RdmProject *project, gint64 id, const char *external_id, const char *gender)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sql = g_strdup_printf (
      "INSERT INTO visitor (id, external_id) VALUES (%" G_GINT64_FORMAT ", '%s');"
      "INSERT INTO visitor_attribute (visitor_id, key, value) VALUES (%" G_GINT64_FORMAT
      ", 'gender', '%s');",
      id, external_id, id, gender);

  g_assert_true (rdm_project_exec (project, sql, &error));
  g_assert_no_error (error);
}

static void
add_touch (RdmProject *project, gint64 visitor, gint64 time, const char *channel, int interaction)
{
  g_autoptr (GError) error = NULL;
  gint64 channel_id = rdm_project_ensure_channel (project, channel, &error);
  g_autofree char *sql = NULL;

  g_assert_no_error (error);
  sql = g_strdup_printf ("INSERT INTO touchpoint (visitor_id, time, channel_id, interaction)"
                         " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                         ", %d)",
                         visitor, time, channel_id, interaction);
  g_assert_true (rdm_project_exec (project, sql, &error));
  g_assert_no_error (error);
}

static void
add_conversion (RdmProject *project, gint64 visitor, gint64 time, double value)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sql = g_strdup_printf (
      "INSERT INTO conversion (visitor_id, time, event, value) VALUES (%" G_GINT64_FORMAT
      ", %" G_GINT64_FORMAT ", 'purchase', %d)",
      visitor, time, (int)value);

  g_assert_true (rdm_project_exec (project, sql, &error));
  g_assert_no_error (error);
}

/* The project of the header comment; with @only_gender set, only the
 * visitors of that gender (for comparing a segment with a smaller project). */
static void
write_project (const char *path, const char *only_gender)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_create (path, &error);
  gboolean all = only_gender == NULL;

  g_assert_no_error (error);
  /* Channel ids in the same order in every variant of the project. */
  for (guint i = 0; i < 4; i++)
    {
      const char *names[] = { "Facebook", "Email", "Direct", "Display" };
      rdm_project_ensure_channel (project, names[i], &error);
      g_assert_no_error (error);
    }
  if (all || g_str_equal (only_gender, "F"))
    {
      add_visitor (project, 1, "a", "F");
      add_touch (project, 1, T0, "Facebook", 1);
      add_touch (project, 1, T0 + 2 * DAY, "Email", 1);
      add_conversion (project, 1, T0 + 3 * DAY, 100);
    }
  if (all || g_str_equal (only_gender, "M"))
    {
      add_visitor (project, 2, "b", "M");
      add_touch (project, 2, T0 + DAY, "Direct", 2);
      add_conversion (project, 2, T0 + DAY + HOUR, 50);
    }
  if (all || g_str_equal (only_gender, "F"))
    {
      add_visitor (project, 3, "c", "F");
      add_touch (project, 3, T0 + 5 * DAY, "Display", 0);
      add_visitor (project, 4, "d", "F");
      add_touch (project, 4, T0 + 10 * DAY, "Display", 0);
      add_touch (project, 4, T0 + 10 * DAY + HOUR, "Email", 1);
      add_conversion (project, 4, T0 + 10 * DAY + 2 * HOUR, 30);
    }
}

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  fixture->dir = rdm_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "small.rendement", NULL);
  write_project (fixture->path, NULL);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  rdm_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static cJSON *
parse_output (int status, const char *out, const char *err)
{
  cJSON *root;

  if (status != 0)
    g_error ("rendement-cli failed (%d): %s", status, err);
  root = cJSON_Parse (out);
  g_assert_nonnull (root);
  return root;
}

static const cJSON *
find_model (const cJSON *root, const char *model)
{
  const cJSON *item;

  cJSON_ArrayForEach (item, cJSON_GetObjectItem (root, "models"))
    if (g_str_equal (cJSON_GetStringValue (cJSON_GetObjectItem (item, "model")), model))
      return item;
  g_error ("model %s missing from the output", model);
}

static const cJSON *
find_row (const cJSON *rows, const char *key, const char *label)
{
  const cJSON *row;

  cJSON_ArrayForEach (row, rows)
    if (g_strcmp0 (cJSON_GetStringValue (cJSON_GetObjectItem (row, key)), label) == 0)
      return row;
  return NULL;
}

static double
number (const cJSON *object, const char *name)
{
  const cJSON *item = cJSON_GetObjectItem (object, name);

  g_assert_true (cJSON_IsNumber (item));
  return item->valuedouble;
}

/* Conversions and value credited to @channel by @model, 0 when absent. */
static void
assert_credit (
    const cJSON *root, const char *model, const char *channel, double conversions, double value)
{
  const cJSON *row
      = find_row (cJSON_GetObjectItem (find_model (root, model), "rows"), "channel", channel);
  double got_conversions = row != NULL ? number (row, "conversions") : 0;
  double got_value = row != NULL ? number (row, "value") : 0;

  if (fabs (got_conversions - conversions) > 1e-12 || fabs (got_value - value) > 1e-9)
    g_error ("%s / %s: expected %g conversions worth %g, got %.17g worth %.17g", model, channel,
             conversions, value, got_conversions, got_value);
}

static void
test_attribute_json (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = rdm_test_run_cli (&out, &err, "attribute", fixture->path, "--model",
                                 "first,last,last-non-direct,linear", "--format", "json", NULL);
  g_autoptr (cJSON) root = parse_output (status, out, err);
  const cJSON *settings = cJSON_GetObjectItem (root, "settings");
  const cJSON *linear_rows = cJSON_GetObjectItem (find_model (root, "linear"), "rows");
  const cJSON *display = find_row (linear_rows, "channel", "Display");
  const cJSON *model;

  g_assert_cmpfloat (number (root, "total_conversions"), ==, 3);
  g_assert_cmpfloat (number (root, "total_value"), ==, 180);

  assert_credit (root, "linear", "Facebook", 0.5, 50);
  assert_credit (root, "linear", "Email", 1, 65);
  assert_credit (root, "linear", "Direct", 1, 50);
  assert_credit (root, "linear", "Display", 0.5, 15);
  /* the Display credit came from an impression: all view-through */
  g_assert_cmpfloat (number (display, "view_conversions"), ==, 0.5);
  g_assert_cmpfloat (number (display, "click_conversions"), ==, 0);
  g_assert_true (cJSON_IsNull (cJSON_GetObjectItem (display, "ci_low")));

  assert_credit (root, "first", "Facebook", 1, 100);
  assert_credit (root, "first", "Direct", 1, 50);
  assert_credit (root, "first", "Display", 1, 30);
  assert_credit (root, "last", "Email", 2, 130);
  assert_credit (root, "last", "Direct", 1, 50);
  /* b's path is all direct, so last non-direct falls back to Direct */
  assert_credit (root, "last-non-direct", "Email", 2, 130);
  assert_credit (root, "last-non-direct", "Direct", 1, 50);

  /* every model's credit sums to the conversions analysed */
  cJSON_ArrayForEach (model, cJSON_GetObjectItem (root, "models"))
    {
      const cJSON *row;
      double sum = 0;

      cJSON_ArrayForEach (row, cJSON_GetObjectItem (model, "rows"))
        sum += number (row, "conversions");
      g_assert_cmpfloat_with_epsilon (sum, 3, 1e-12);
    }

  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (settings, "source")), ==, "events");
  g_assert_cmpfloat (number (settings, "click_window_days"), ==, 30);
  g_assert_cmpfloat (number (settings, "view_window_days"), ==, 1);
}

static void
test_attribute_options (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (cJSON) root = NULL;
  int status;

  /* No view window: d's impression no longer qualifies, Email gets d. */
  status = rdm_test_run_cli (&out, &err, "attribute", fixture->path, "--model", "linear",
                             "--view-window", "0", "-f", "json", NULL);
  root = parse_output (status, out, err);
  assert_credit (root, "linear", "Email", 1.5, 80);
  assert_credit (root, "linear", "Display", 0, 0);
  g_clear_pointer (&root, cJSON_Delete);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The evaluation period selects d's conversion only; its impression,
   * before --from, still counts. */
  status = rdm_test_run_cli (&out, &err, "attribute", fixture->path, "--model", "linear", "--from",
                             "2026-04-11", "--to", "2026-04-30", "-f", "json", NULL);
  root = parse_output (status, out, err);
  g_assert_cmpfloat (number (root, "total_conversions"), ==, 1);
  assert_credit (root, "linear", "Display", 0.5, 15);
  assert_credit (root, "linear", "Email", 0.5, 15);
  g_clear_pointer (&root, cJSON_Delete);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A view counts 40 % of a click: d gives Display 0.4/1.4, Email 1/1.4. */
  status = rdm_test_run_cli (&out, &err, "attribute", fixture->path, "--model", "linear",
                             "--view-weight", "0.4", "-f", "json", NULL);
  root = parse_output (status, out, err);
  assert_credit (root, "linear", "Display", 0.4 / 1.4, 30 * 0.4 / 1.4);
  assert_credit (root, "linear", "Email", 0.5 + 1 / 1.4, 50 + 30 / 1.4);
}

static void
test_bootstrap_reproducible (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;
  g_autofree char *err = NULL;
  g_autoptr (cJSON) root = NULL;
  const cJSON *row;

  g_assert_cmpint (rdm_test_run_cli (&one, NULL, "attribute", fixture->path, "--model", "linear",
                                     "--bootstrap", "40", "--seed", "7", "--threads", "1", "-f",
                                     "json", NULL),
                   ==, 0);
  g_assert_cmpint (rdm_test_run_cli (&two, &err, "attribute", fixture->path, "--model", "linear",
                                     "--bootstrap", "40", "--seed", "7", "--threads", "2", "-f",
                                     "json", NULL),
                   ==, 0);
  g_assert_cmpstr (one, ==, two);

  root = parse_output (0, one, err);
  cJSON_ArrayForEach (row, cJSON_GetObjectItem (find_model (root, "linear"), "rows"))
    {
      g_assert_cmpfloat (number (row, "ci_low"), <=, number (row, "conversions") + 1e-12);
      g_assert_cmpfloat (number (row, "ci_high"), >=, number (row, "conversions") - 1e-12);
    }
}

static void
test_forward (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = rdm_test_run_cli (&out, &err, "attribute", fixture->path, "--direction", "forward",
                                 "-f", "json", NULL);
  g_autoptr (cJSON) root = parse_output (status, out, err);
  const cJSON *rows = cJSON_GetObjectItem (root, "rows");
  const cJSON *email = find_row (rows, "channel", "Email");
  const cJSON *display = find_row (rows, "channel", "Display");

  g_assert_true (cJSON_IsFalse (cJSON_GetObjectItem (root, "deduplicated")));
  /* Email reached a and d, who both converted within 30 days */
  g_assert_cmpfloat (number (email, "exposures"), ==, 2);
  g_assert_cmpfloat (number (email, "influenced_conversions"), ==, 2);
  g_assert_cmpfloat (number (email, "influenced_value"), ==, 130);
  /* Display reached c (no conversion) and d */
  g_assert_cmpfloat (number (display, "exposures"), ==, 2);
  g_assert_cmpfloat (number (display, "influenced_conversions"), ==, 1);
  g_assert_cmpfloat (number (display, "view_conversions"), ==, 1);
  /* d's conversion is influenced by Display and Email: 4 influenced in
   * the rows, 3 distinct conversions */
  g_assert_cmpfloat (number (root, "total_influenced_conversions"), ==, 3);
}

static void
test_window_sweep (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = rdm_test_run_cli (&out, &err, "window-sweep", fixture->path, "--model", "linear",
                                 "--windows", "1,7", "-f", "json", NULL);
  g_autoptr (cJSON) root = parse_output (status, out, err);
  const cJSON *rows = cJSON_GetObjectItem (root, "rows");
  const cJSON *facebook = find_row (rows, "channel", "Facebook");
  const cJSON *email = find_row (rows, "channel", "Email");

  /* With a 1-day click window a's Facebook click (3 days old) drops out and
   * its Email click, exactly 1 day old, stays: the boundary is inclusive. */
  g_assert_cmpfloat (
      cJSON_GetArrayItem (cJSON_GetObjectItem (facebook, "conversions"), 0)->valuedouble, ==, 0);
  g_assert_cmpfloat (
      cJSON_GetArrayItem (cJSON_GetObjectItem (email, "conversions"), 0)->valuedouble, ==, 1.5);
  g_assert_cmpfloat (
      cJSON_GetArrayItem (cJSON_GetObjectItem (facebook, "conversions"), 1)->valuedouble, ==, 0.5);
  g_assert_cmpfloat (
      cJSON_GetArrayItem (cJSON_GetObjectItem (email, "conversions"), 1)->valuedouble, ==, 1);
}

static void
test_paths (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = rdm_test_run_cli (&out, &err, "paths", fixture->path, "-f", "json", NULL);
  g_autoptr (cJSON) root = parse_output (status, out, err);
  const cJSON *top = cJSON_GetObjectItem (root, "top_paths");

  g_assert_cmpfloat (number (root, "unique_paths"), ==, 3);
  g_assert_cmpint (cJSON_GetArraySize (top), ==, 3);
  g_assert_nonnull (find_row (top, "path", "Facebook > Email"));
  g_assert_nonnull (find_row (top, "path", "Display > Email"));
  g_assert_nonnull (find_row (top, "path", "Direct"));
  /* Email is last on two paths and never assists */
  g_assert_cmpfloat (number (find_row (cJSON_GetObjectItem (root, "channels"), "channel", "Email"),
                             "last_touch_conversions"),
                     ==, 2);
}

/* Attribution restricted to a segment equals attribution on a project that
 * holds only the segment's visitors. */
static void
test_segment_matches_subset (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *subset = g_build_filename (fixture->dir, "women.rendement", NULL);
  g_autofree char *segment_out = NULL;
  g_autofree char *subset_out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (cJSON) segment_root = NULL;
  g_autoptr (cJSON) subset_root = NULL;
  const char *models = "first,last,linear,position,time-decay,markov,shapley";
  const cJSON *model;

  write_project (subset, "F");
  g_assert_cmpint (rdm_test_run_cli (NULL, &err, "segment", "add", fixture->path, "women",
                                     "--filter", "gender = \"F\"", NULL),
                   ==, 0);
  g_assert_cmpint (rdm_test_run_cli (&segment_out, NULL, "attribute", fixture->path, "--model",
                                     models, "--segment", "women", "-f", "json", NULL),
                   ==, 0);
  g_assert_cmpint (rdm_test_run_cli (&subset_out, NULL, "attribute", subset, "--model", models,
                                     "-f", "json", NULL),
                   ==, 0);
  segment_root = parse_output (0, segment_out, err);
  subset_root = parse_output (0, subset_out, err);
  g_assert_cmpfloat (number (segment_root, "total_conversions"), ==, 2);
  g_assert_cmpfloat (number (cJSON_GetObjectItem (segment_root, "settings"), "segment_visitors"),
                     ==, 3);

  cJSON_ArrayForEach (model, cJSON_GetObjectItem (subset_root, "models"))
    {
      const char *name = cJSON_GetStringValue (cJSON_GetObjectItem (model, "model"));
      const cJSON *row;

      cJSON_ArrayForEach (row, cJSON_GetObjectItem (model, "rows"))
        {
          const char *channel = cJSON_GetStringValue (cJSON_GetObjectItem (row, "channel"));
          assert_credit (segment_root, name, channel, number (row, "conversions"),
                         number (row, "value"));
        }
    }
}

static void
test_segment_commands (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (cJSON) root = NULL;

  g_assert_cmpint (rdm_test_run_cli (NULL, NULL, "segment", "add", fixture->path, "facebook",
                                     "--filter", "touched(\"Facebook\") and converted", NULL),
                   ==, 0);
  g_assert_cmpint (rdm_test_run_cli (&before, NULL, "segment", "list", fixture->path, "--count",
                                     "-f", "json", NULL),
                   ==, 0);
  root = parse_output (0, before, NULL);
  g_assert_cmpint (cJSON_GetArraySize (root), ==, 1);
  g_assert_cmpfloat (number (cJSON_GetArrayItem (root, 0), "visitors"), ==, 1);

  /* malformed and SQL-looking filters are refused and change nothing */
  g_assert_cmpint (rdm_test_run_cli (NULL, &err, "segment", "add", fixture->path, "bad", "--filter",
                                     "gender = \"F\"; DROP TABLE visitor", NULL),
                   !=, 0);
  g_assert_nonnull (strstr (err, "column"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rdm_test_run_cli (NULL, &err, "segment", "add", fixture->path, "typo",
                                     "--filter", "gendre = \"F\"", NULL),
                   !=, 0);
  g_assert_nonnull (strstr (err, "did you mean “gender”"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rdm_test_run_cli (NULL, &err, "segment", "add", fixture->path, "facebook",
                                     "--filter", "converted", NULL),
                   !=, 0);
  g_assert_nonnull (strstr (err, "already exists"));
  g_assert_cmpint (rdm_test_run_cli (&after, NULL, "segment", "list", fixture->path, "--count",
                                     "-f", "json", NULL),
                   ==, 0);
  g_assert_cmpstr (before, ==, after);

  g_assert_cmpint (
      rdm_test_run_cli (NULL, NULL, "segment", "remove", fixture->path, "facebook", NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (
      rdm_test_run_cli (NULL, &err, "segment", "remove", fixture->path, "facebook", NULL), !=, 0);
  g_assert_nonnull (strstr (err, "No segment is named “facebook”"));
  (void)out;
}

typedef struct
{
  const char *const args[8];
  const char *message;
} BadCall;

static void
test_bad_options (Fixture *fixture, gconstpointer user_data)
{
  const BadCall calls[] = {
    { { "--model", "linear,foo" }, "Unknown model “foo”" },
    { { "--model", "linear,linear" }, "named twice" },
    { { "--weights", "0.5,0.5" }, "three numbers" },
    { { "--weights", "0.4,x,0.4" }, "not a number" },
    { { "--from", "2026-05-01", "--to", "2026-04-01" }, "period is empty" },
    { { "--from", "31/02/2026" }, "not a date" },
    { { "--period", "2026Q5" }, "--period" },
    { { "--period", "2026Q2", "--from", "2026-04-01" }, "either --period" },
    { { "--segment", "nope" }, "No segment is named “nope”" },
    { { "--direction", "sideways" }, "Unknown direction" },
    { { "--by", "colour" }, "Unknown level" },
    { { "--click-window", "-1" }, "--click-window expects a number from 0 to 36500" },
    { { "--view-weight", "1.5" }, "--view-weight expects a number from 0 to 1" },
    { { "--view-weight", "-0.1" }, "--view-weight expects a number from 0 to 1" },
    { { "--view-window", "nan" }, "--view-window expects a number from 0" },
    { { "--half-life", "0", "--model", "time-decay" }, "--half-life expects" },
    { { "--model", "markov", "--direction", "forward" }, "--model does not apply" },
    { { "--direction", "forward", "--view-weight", "0.5" }, "--view-weight does not apply" },
    { { "--order", "2" }, "--order applies only to the models markov" },
    { { "--half-life", "3" }, "--half-life applies only" },
    { { "--weights", "1,0,1", "--model", "linear" }, "--weights applies only" },
    { { "--multiplier", "Email=2" }, "--multiplier applies only" },
    { { "--seed", "5" }, "--seed and --threads apply only with --bootstrap" },
    { { "--seed", "-1", "--bootstrap", "10" }, "--seed expects 0 or more" },
    { { "--threads", "300", "--bootstrap", "10" }, "--threads expects" },
    { { "--order", "7", "--model", "markov" }, "Markov order" },
    { { "--bootstrap", "1" }, "at least 2" },
    { { "--format", "xml" }, "Unknown format" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_autoptr (GPtrArray) argv = g_ptr_array_new ();
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr (GError) error = NULL;
      int status = 0;

      g_ptr_array_add (argv, (char *)g_getenv ("RDM_CLI"));
      g_ptr_array_add (argv, (char *)"attribute");
      g_ptr_array_add (argv, fixture->path);
      for (guint k = 0; calls[i].args[k] != NULL; k++)
        g_ptr_array_add (argv, (char *)calls[i].args[k]);
      g_ptr_array_add (argv, NULL);
      g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                    &status, &error);
      g_assert_no_error (error);
      if (status == 0 || strstr (err, calls[i].message) == NULL)
        g_error ("call %u: expected a failure mentioning “%s”, got status %d and “%s”", i,
                 calls[i].message, status, err);
      g_assert_cmpstr (out, ==, "");
    }
}

/* Runs rendement-cli and expects a usage error (status 2) whose message
 * holds @message, and nothing on standard output. */
static void assert_refused (const char *message, const char *first_arg, ...) G_GNUC_NULL_TERMINATED;

static void
assert_refused (const char *message, const char *first_arg, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (char *)g_getenv ("RDM_CLI"));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 2 || strstr (err, message) == NULL)
    g_error ("%s: expected a usage error mentioning “%s”, got status %d and “%s”", first_arg,
             message, status, err);
  g_assert_cmpstr (out, ==, "");
}

static void
test_other_commands_refuse (Fixture *fixture, gconstpointer user_data)
{
  const char *path = fixture->path;

  assert_refused ("--top expects 0 to 100000", "paths", path, "--top", "-1", NULL);
  assert_refused ("--max-length expects 1 to 1000", "paths", path, "--max-length", "0", NULL);
  assert_refused ("--view-weight expects", "roi", path, "--view-weight", "2", NULL);
  assert_refused ("--model does not apply", "window-sweep", path, "--model", "linear",
                  "--direction", "forward", NULL);
  assert_refused ("--format does not apply", "chart", path, "--kind", "paths", "--out", "x.png",
                  "--format", "json", NULL);
  assert_refused ("expected --format table or json", "objective", "list", path, "--format", "csv",
                  NULL);
  assert_refused ("--order applies only", "kpis", path, "--order", "3", NULL);
  assert_refused ("--from/--to (use --period) does not apply", "kpis", path, "--from", "2026-04-01",
                  NULL);
  assert_refused ("--by does not apply", "kpis", path, "--by", "campaign", NULL);
  assert_refused ("--direction forward does not apply", "kpis", path, "--direction", "forward",
                  NULL);
  assert_refused ("--bootstrap does not apply", "window-sweep", path, "--bootstrap", "10", NULL);
  assert_refused ("--from/--to (use --period) does not apply", "report", path, "--out", "r.pdf",
                  "--to", "2026-05-01", NULL);
  assert_refused ("--from/--to (use --period) does not apply", "chart", path, "--kind", "roi",
                  "--out", "r.png", "--from", "2026-04-01", NULL);
}

/* The first record of @text, the CSV header, without its CRLF. */
static char *
first_line (const char *text)
{
  const char *end = strstr (text, "\r\n");

  g_assert_nonnull (end);
  return g_strndup (text, end - text);
}

static void
test_csv_everywhere (Fixture *fixture, gconstpointer user_data)
{
  const struct
  {
    const char *command;
    const char *extra[3];
    const char *header;
  } calls[] = {
    { "info", { NULL }, "total,value" },
    { "attribute",
      { NULL },
      "model,channel,conversions,value,click_conversions,view_conversions,click_value,view_value,"
      "ci_low,ci_high,ci_value_low,ci_value_high,removal_effect" },
    { "paths", { NULL }, "section,label,measure,value" },
    { "window-sweep", { NULL }, "model,channel,click_window_days,conversions,value" },
    { "roi",
      { NULL },
      "model,channel,cost,total_cost,shared_cost,value,savings,conversions,net,roi,roas,cpa,"
      "cost_per_conversion,ci_low,ci_high,previous_roi,roi_change" },
    { "kpis",
      { NULL },
      "objective,name,formula,unit,period,value,previous,change,relative_change,target,direction,"
      "status,error" },
    { "compare",
      { "--everyone" },
      "segment,filter,visitors,converters,conversion_rate,ci_low,ci_high,conversions,value,"
      "value_per_visitor,avg_path_length" },
    { "discover",
      { "--attribute", "gender" },
      "attribute,value,visitors,converters,conversion_rate,ci_low,ci_high,p_value,significant" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *header = NULL;
      int status = rdm_test_run_cli (&out, &err, calls[i].command, fixture->path, "-f", "csv",
                                     calls[i].extra[0], calls[i].extra[1], NULL);

      if (status != 0)
        g_error ("%s -f csv failed (%d): %s", calls[i].command, status, err);
      header = first_line (out);
      g_assert_cmpstr (header, ==, calls[i].header);
    }
}

static void
test_csv_rows (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *sweep = NULL;
  g_autofree char *compare = NULL;
  int status;

  /* linear: Email 1 conversion worth 65, half of it from clicks (a's Email
   * click and d's Email click take 1/2 each; d's Display view the other
   * half of d); no interval without --bootstrap, no removal effect */
  status = rdm_test_run_cli (&out, &err, "attribute", fixture->path, "-f", "csv", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "\r\nlinear,Email,1,65,1,0,65,0,,,,,\r\n"));
  g_assert_nonnull (strstr (out, "\r\nlinear,Display,0.5,15,0,0.5,0,15,,,,,\r\n"));

  /* window-sweep: Facebook's click is 3 days before a's purchase, so a
   * 1-day window leaves a with Email alone */
  status = rdm_test_run_cli (&sweep, &err, "window-sweep", fixture->path, "--windows", "1,7", "-f",
                             "csv", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (sweep, "\r\nlinear,Facebook,1,0,0\r\n"));
  g_assert_nonnull (strstr (sweep, "\r\nlinear,Facebook,7,0.5,50\r\n"));

  /* compare: everyone is 4 visitors, 3 of them converters */
  status = rdm_test_run_cli (&compare, &err, "compare", fixture->path, "--everyone", "-f", "csv",
                             NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (strchr (compare, '\n') + 1, "Everyone,,4,3,0.75,"));
  /* RFC 4180 ends every record with CRLF */
  g_assert_true (g_str_has_suffix (compare, "\r\n"));
}

/* A project whose channel names a spreadsheet would run as formulas. */
static void
test_csv_injection (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "names.rendement", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_create (path, &error);
  int status;

  g_assert_no_error (error);
  add_visitor (project, 1, "a", "F");
  add_touch (project, 1, T0, "=HYPERLINK(\"http://x\")", 1);
  add_conversion (project, 1, T0 + HOUR, 10);
  add_visitor (project, 2, "b", "F");
  add_touch (project, 2, T0, "-5", 1);
  add_conversion (project, 2, T0 + HOUR, 10);
  add_visitor (project, 3, "c", "M");
  add_touch (project, 3, T0, "@SUM(A1)", 1);
  add_touch (project, 3, T0 + 1, "Ads, \"paid\"", 1);
  add_conversion (project, 3, T0 + HOUR, 10);
  g_clear_object (&project);

  status = rdm_test_run_cli (&out, &err, "attribute", path, "--model", "first", "-f", "csv", NULL);
  g_assert_cmpint (status, ==, 0);
  /* formulas get an apostrophe; a field with a quote is quoted, its quotes
   * doubled */
  g_assert_nonnull (strstr (out, "\r\nfirst,\"'=HYPERLINK(\"\"http://x\"\")\",1,10,"));
  g_assert_nonnull (strstr (out, "\r\nfirst,'@SUM(A1),1,10,"));
  /* a plain number is left alone; a comma is quoted */
  g_assert_nonnull (strstr (out, "\r\nfirst,-5,1,10,"));
  g_assert_nonnull (strstr (out, "\r\nfirst,\"Ads, \"\"paid\"\"\",0,0,"));
  rdm_test_remove_tree (dir);
}

static void
test_period_all (Fixture *fixture, gconstpointer user_data)
{
  const char *commands[] = { "attribute", "paths", "kpis", "roi", "window-sweep" };
  g_autofree char *pdf = g_build_filename (fixture->dir, "all.pdf", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status = rdm_test_run_cli (&out, &err, commands[i], fixture->path, "--period", "all",
                                     "-f", "json", NULL);
      g_autoptr (cJSON) root = parse_output (status, out, err);

      /* the evaluation period is unbounded: every conversion counts */
      if (g_str_equal (commands[i], "attribute") || g_str_equal (commands[i], "paths"))
        {
          const cJSON *settings = cJSON_GetObjectItem (root, "settings");

          g_assert_cmpfloat (number (root, "total_conversions"), ==, 3);
          g_assert_true (cJSON_IsNull (cJSON_GetObjectItem (settings, "from")));
          g_assert_true (cJSON_IsNull (cJSON_GetObjectItem (settings, "to")));
        }
    }
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    int status = rdm_test_run_cli (&out, &err, "report", fixture->path, "--period", "all", "--out",
                                   pdf, NULL);

    if (status != 0)
      g_error ("report --period all failed: %s", err);
  }
  assert_refused ("--period", "attribute", fixture->path, "--period", "everything", NULL);
}

/* Costs of the fixture's 2026Q2: Facebook 1428 (media), Email 20. */
static void
add_costs (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (rdm_project_exec (
      project,
      "INSERT INTO cost (day, channel_id, category, amount) SELECT 1775001600, id, 'media', 1428"
      " FROM channel WHERE name = 'Facebook';"
      "INSERT INTO cost (day, channel_id, category, amount) SELECT 1775001600, id, 'content', 20"
      " FROM channel WHERE name = 'Email';",
      &error));
  g_assert_no_error (error);
}

static void
test_roi_json_and_bootstrap (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;
  g_autofree char *boot = NULL;
  g_autofree char *again = NULL;
  g_autofree char *table = NULL;
  g_autofree char *err = NULL;
  g_autoptr (cJSON) single = NULL;
  g_autoptr (cJSON) several = NULL;
  g_autoptr (cJSON) boot_root = NULL;
  const cJSON *email, *direct;
  int status;

  add_costs (fixture->path);

  /* one shape for one model and for several */
  status = rdm_test_run_cli (&one, &err, "roi", fixture->path, "-f", "json", NULL);
  single = parse_output (status, one, err);
  status = rdm_test_run_cli (&two, &err, "roi", fixture->path, "--model", "linear,first", "-f",
                             "json", NULL);
  several = parse_output (status, two, err);
  g_assert_cmpint (cJSON_GetArraySize (cJSON_GetObjectItem (single, "models")), ==, 1);
  g_assert_cmpint (cJSON_GetArraySize (cJSON_GetObjectItem (several, "models")), ==, 2);
  for (const cJSON *root = single; root != NULL; root = root == single ? several : NULL)
    {
      g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (root, "period")), ==, "2026Q2");
      g_assert_nonnull (cJSON_GetObjectItem (root, "settings"));
    }
  /* linear: Email (65 - 20) / 20 = 2.25; Facebook (50 - 1428) / 1428 */
  email
      = find_row (cJSON_GetObjectItem (find_model (single, "linear"), "rows"), "channel", "Email");
  g_assert_cmpfloat_with_epsilon (number (email, "roi"), 2.25, 1e-12);
  g_assert_true (cJSON_IsNull (cJSON_GetObjectItem (email, "ci_low")));

  /* --bootstrap gives each ROI an interval around it, the same for a seed */
  status = rdm_test_run_cli (&boot, &err, "roi", fixture->path, "--bootstrap", "200", "--seed", "7",
                             "-f", "json", NULL);
  boot_root = parse_output (status, boot, err);
  status = rdm_test_run_cli (&again, &err, "roi", fixture->path, "--bootstrap", "200", "--seed",
                             "7", "-f", "json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (boot, ==, again);
  email = find_row (cJSON_GetObjectItem (find_model (boot_root, "linear"), "rows"), "channel",
                    "Email");
  g_assert_cmpfloat (number (email, "ci_low"), <=, 2.25);
  g_assert_cmpfloat (number (email, "ci_high"), >=, 2.25);
  /* Email's value in a replicate is 0, 50, 65, ... at most 3 × 50 + 15 =
   * 165 (a drawn three times): ROI from -1 to (165 - 20) / 20 */
  g_assert_cmpfloat (number (email, "ci_low"), >=, -1);
  g_assert_cmpfloat (number (email, "ci_high"), <=, 7.25);
  g_assert_cmpfloat (number (email, "ci_low"), <, number (email, "ci_high"));
  /* no cost, no ROI, no interval */
  direct = find_row (cJSON_GetObjectItem (find_model (boot_root, "linear"), "rows"), "channel",
                     "Direct");
  g_assert_true (cJSON_IsNull (cJSON_GetObjectItem (direct, "ci_low")));

  status = rdm_test_run_cli (&table, &err, "roi", fixture->path, "--bootstrap", "50", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (table, "95% interval"));
  g_assert_nonnull (strstr (table, "ROI under the model Linear"));
}

/* Calibration by experiments, on a project written by the command line
 * itself ("new", then "import" of three small files), March 2026:
 *
 *   v1: Facebook click 2 March, purchase 100 the same day
 *   v2: Facebook click 3 March, Blog click 4 March, purchase 50 on 4 March
 *   v3: Blog click 10 March, purchase 80 the same day
 *   v4: Email click 11 March, purchase 20 the same day
 *   v5: purchase 10 on 12 March, no touch
 *
 * Linear: Facebook 1.5 / 125 (v1 whole, half of v2), Blog 1.5 / 105, Email
 * 1 / 20, No touch 1 / 10: 5 conversions worth 260. Last touch: Facebook
 * 1 / 100, Blog 2 / 130, Email 1 / 20, No touch 1 / 10.
 *
 * Experiment 1: Facebook, 1 to 5 March, 0.75 incremental conversions. Over
 * those days (v1 and v2) linear credits Facebook 1.5 / 125: factor 0.5,
 * and, without a measured value, value factor 0.5 too; last touch credits
 * it 1 (v1): factor 0.75. Untested channels take the mean of the tested,
 * Facebook alone: 0.5 under linear, 0.75 under last touch.
 *
 * Experiment 2: Blog on 10 March, 2 incremental conversions worth 120:
 * linear credits Blog 1 / 80 that day (v3), factor 2, value factor 1.5. */
static const char calibration_events[] = "visitor_id,timestamp,type,channel,campaign,value\n"
                                         "v1,2026-03-02T10:00:00Z,click,Facebook,Spring,\n"
                                         "v1,2026-03-02T12:00:00Z,conversion,,,100\n"
                                         "v2,2026-03-03T10:00:00Z,click,Facebook,Spring,\n"
                                         "v2,2026-03-04T10:00:00Z,click,Blog,,\n"
                                         "v2,2026-03-04T12:00:00Z,conversion,,,50\n"
                                         "v3,2026-03-10T10:00:00Z,click,Blog,,\n"
                                         "v3,2026-03-10T12:00:00Z,conversion,,,80\n"
                                         "v4,2026-03-11T10:00:00Z,click,Email,,\n"
                                         "v4,2026-03-11T12:00:00Z,conversion,,,20\n"
                                         "v5,2026-03-12T12:00:00Z,conversion,,,10\n";

static void run_ok (const char *first_arg, ...) G_GNUC_NULL_TERMINATED;

static void
run_ok (const char *first_arg, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list list;
  int status;

  va_start (list, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (list, const char *))
    g_ptr_array_add (args, (char *)arg);
  va_end (list);
  g_ptr_array_add (args, NULL);
  status = rdm_test_run_cliv (&out, &err, (const char *const *)args->pdata);
  if (status != 0)
    g_error ("rendement-cli %s failed (%d): %s", first_arg, status, err);
}

/* The project above in @dir, with the experiments of @experiments (CSV
 * text; NULL: none). */
static char *
write_calibration_project (const char *dir, const char *experiments)
{
  char *path = g_build_filename (dir, "calibrated.rendement", NULL);
  g_autofree char *events = rdm_test_write_file (dir, "events.csv", calibration_events);
  g_autofree char *costs
      = rdm_test_write_file (dir, "costs.csv",
                             "date,channel,campaign,category,amount\n"
                             "2026-03-01,Facebook,Spring,media,100\n"
                             "2026-03-01,Blog,,content,50\n2026-03-01,Email,,tools,10\n");

  run_ok ("new", path, NULL);
  run_ok ("import", path, "--kind", "events", events, NULL);
  run_ok ("import", path, "--kind", "costs", costs, NULL);
  if (experiments != NULL)
    {
      g_autofree char *file = rdm_test_write_file (dir, "experiments.csv", experiments);

      run_ok ("import", path, "--kind", "experiments", file, NULL);
    }
  return path;
}

static const char facebook_experiment[]
    = "channel,start,end,incremental_conversions,ci_low,ci_high,method\n"
      "Facebook,2026-03-01,2026-03-05,0.75,0.2,1.5,conversion lift\n";

static const cJSON *
find_factor (const cJSON *model, const char *channel)
{
  const cJSON *factor = find_row (cJSON_GetObjectItem (model, "calibration"), "channel", channel);

  g_assert_nonnull (factor);
  return factor;
}

static void
assert_factor (
    const cJSON *root, const char *model, const char *channel, double factor, const char *source)
{
  const cJSON *item = find_factor (find_model (root, model), channel);

  g_assert_cmpfloat_with_epsilon (number (item, "factor"), factor, 1e-12);
  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (item, "source")), ==, source);
}

/* Credit rows of every model sum to the totals, the Baseline included. */
static void
assert_baseline_rule (const cJSON *root, double conversions, double value)
{
  const cJSON *model;

  cJSON_ArrayForEach (model, cJSON_GetObjectItem (root, "models"))
    {
      const cJSON *row;
      double sum = 0, sum_value = 0;

      g_assert_nonnull (find_row (cJSON_GetObjectItem (model, "rows"), "channel", "(baseline)"));
      cJSON_ArrayForEach (row, cJSON_GetObjectItem (model, "rows"))
        {
          sum += number (row, "conversions");
          sum_value += number (row, "value");
        }
      g_assert_cmpfloat_with_epsilon (sum, conversions, 1e-9);
      g_assert_cmpfloat_with_epsilon (sum_value, value, 1e-9);
    }
}

static void
test_calibrate_attribute (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = write_calibration_project (dir, facebook_experiment);
  g_autofree char *out = NULL;
  g_autofree char *keep_out = NULL;
  g_autofree char *plain_out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (cJSON) root = NULL;
  g_autoptr (cJSON) keep = NULL;
  g_autoptr (cJSON) plain = NULL;
  const cJSON *settings;
  int status;

  status = rdm_test_run_cli (&out, &err, "attribute", path, "--model", "linear,last", "--calibrate",
                             "-f", "json", NULL);
  root = parse_output (status, out, err);
  g_assert_true (cJSON_IsTrue (cJSON_GetObjectItem (root, "calibrated")));
  g_assert_cmpfloat (number (root, "total_conversions"), ==, 5);
  g_assert_cmpfloat (number (root, "total_value"), ==, 260);
  settings = cJSON_GetObjectItem (root, "settings");
  g_assert_true (cJSON_IsTrue (cJSON_GetObjectItem (settings, "calibrate")));
  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (settings, "untested")), ==, "mean");

  /* linear, every channel × 0.5: Facebook 0.75 / 62.5, Blog 0.75 / 52.5,
   * Email 0.5 / 10, No touch unscaled 1 / 10; Baseline 5 − 3 = 2, 260 −
   * 135 = 125 */
  assert_factor (root, "linear", "Facebook", 0.5, "experiment");
  assert_factor (root, "linear", "Blog", 0.5, "mean of tested");
  assert_factor (root, "linear", "Email", 0.5, "mean of tested");
  g_assert_null (find_row (cJSON_GetObjectItem (find_model (root, "linear"), "calibration"),
                           "channel", "(none)"));
  assert_credit (root, "linear", "Facebook", 0.75, 62.5);
  assert_credit (root, "linear", "Blog", 0.75, 52.5);
  assert_credit (root, "linear", "Email", 0.5, 10);
  assert_credit (root, "linear", "(none)", 1, 10);
  assert_credit (root, "linear", "(baseline)", 2, 125);
  /* last touch, × 0.75: Facebook 0.75 / 75, Blog 1.5 / 97.5, Email 0.75 /
   * 15; Baseline 5 − 4 = 1, 260 − 197.5 = 62.5 */
  assert_factor (root, "last", "Facebook", 0.75, "experiment");
  assert_factor (root, "last", "Blog", 0.75, "mean of tested");
  assert_credit (root, "last", "Facebook", 0.75, 75);
  assert_credit (root, "last", "Blog", 1.5, 97.5);
  assert_credit (root, "last", "Email", 0.75, 15);
  assert_credit (root, "last", "(baseline)", 1, 62.5);
  assert_baseline_rule (root, 5, 260);

  /* --untested keep: Blog 1.5 / 105 and Email 1 / 20 as credited;
   * Baseline 5 − 4.25 = 0.75, 260 − 197.5 = 62.5 */
  status = rdm_test_run_cli (&keep_out, &err, "attribute", path, "--calibrate", "--untested",
                             "keep", "-f", "json", NULL);
  keep = parse_output (status, keep_out, err);
  assert_factor (keep, "linear", "Blog", 1, "kept");
  assert_credit (keep, "linear", "Facebook", 0.75, 62.5);
  assert_credit (keep, "linear", "Blog", 1.5, 105);
  assert_credit (keep, "linear", "Email", 1, 20);
  assert_credit (keep, "linear", "(baseline)", 0.75, 62.5);
  assert_baseline_rule (keep, 5, 260);

  /* without --calibrate, the JSON is as it always was */
  status = rdm_test_run_cli (&plain_out, &err, "attribute", path, "-f", "json", NULL);
  plain = parse_output (status, plain_out, err);
  g_assert_null (cJSON_GetObjectItem (plain, "calibrated"));
  g_assert_null (cJSON_GetObjectItem (find_model (plain, "linear"), "calibration"));
  g_assert_null (find_row (cJSON_GetObjectItem (find_model (plain, "linear"), "rows"), "channel",
                           "(baseline)"));
  g_assert_null (cJSON_GetObjectItem (cJSON_GetObjectItem (plain, "settings"), "calibrate"));
  assert_credit (plain, "linear", "Facebook", 1.5, 125);
  rdm_test_remove_tree (dir);
}

/* A second experiment with a factor above 1 (Blog, 2) and a value: the
 * mean for Email is (1.5 × 0.5 + 1 × 2) / 2.5 = 1.1, its value factor
 * (1.5 × 0.5 + 1 × 1.5) / 2.5 = 0.9. Linear: Facebook 0.75 / 62.5, Blog
 * 3 / 157.5, Email 1.1 / 18, No touch 1 / 10: 5.85 for 5 analysed, so the
 * Baseline is −0.85 (value 260 − 248 = 12), kept and explained. */
static void
test_calibrate_negative_baseline (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = write_calibration_project (
      dir, "channel,start,end,incremental_conversions,ci_low,ci_high,incremental_value,method\n"
           "Facebook,2026-03-01,2026-03-05,0.75,0.2,1.5,,conversion lift\n"
           "Blog,2026-03-10,2026-03-10,2,1,3,120,geo holdout\n");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (cJSON) root = NULL;
  const cJSON *linear, *blog;
  int status;

  status = rdm_test_run_cli (&out, &err, "attribute", path, "--calibrate", "-f", "json", NULL);
  root = parse_output (status, out, err);
  linear = find_model (root, "linear");
  blog = find_factor (linear, "Blog");
  g_assert_cmpfloat_with_epsilon (number (blog, "factor"), 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (blog, "value_factor"), 1.5, 1e-12);
  assert_factor (root, "linear", "Email", 1.1, "mean of tested");
  g_assert_cmpfloat_with_epsilon (number (find_factor (linear, "Email"), "value_factor"), 0.9,
                                  1e-12);
  assert_credit (root, "linear", "Facebook", 0.75, 62.5);
  assert_credit (root, "linear", "Blog", 3, 157.5);
  assert_credit (root, "linear", "Email", 1.1, 18);
  assert_credit (root, "linear", "(baseline)", -0.85, 12);
  assert_baseline_rule (root, 5, 260);
  g_assert_nonnull (
      strstr (cJSON_GetStringValue (cJSON_GetObjectItem (linear, "note")), "Baseline is negative"));
  rdm_test_remove_tree (dir);
}

/* Campaign level: each campaign takes its channel's factor. Linear:
 * "Facebook / Spring" 1.5 / 125 × 0.5; Blog and Email have no campaign
 * and keep their channel's label. */
static void
test_calibrate_campaigns (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = write_calibration_project (dir, facebook_experiment);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (cJSON) root = NULL;
  const cJSON *rows;
  const cJSON *spring;
  int status;

  status = rdm_test_run_cli (&out, &err, "attribute", path, "--calibrate", "--by", "campaign", "-f",
                             "json", NULL);
  root = parse_output (status, out, err);
  rows = cJSON_GetObjectItem (find_model (root, "linear"), "rows");
  spring = find_row (rows, "campaign", "Facebook / Spring");
  g_assert_nonnull (spring);
  g_assert_cmpfloat_with_epsilon (number (spring, "conversions"), 0.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (spring, "value"), 62.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (find_row (rows, "campaign", "(baseline)"), "conversions"),
                                  2, 1e-12);
  /* factors are per channel */
  assert_factor (root, "linear", "Facebook", 0.5, "experiment");
  assert_factor (root, "linear", "Blog", 0.5, "mean of tested");
  rdm_test_remove_tree (dir);
}

/* ROI with calibrated value: Facebook (62.5 − 100) / 100 = −0.375, Blog
 * (52.5 − 50) / 50 = 0.05, Email (10 − 10) / 10 = 0; the Baseline row
 * holds 125 and no cost, and the total is the one of the credit
 * uncalibrated. */
static void
test_calibrate_roi (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = write_calibration_project (dir, facebook_experiment);
  g_autofree char *out = NULL;
  g_autofree char *plain_out = NULL;
  g_autofree char *table = NULL;
  g_autofree char *err = NULL;
  g_autoptr (cJSON) root = NULL;
  g_autoptr (cJSON) plain = NULL;
  const cJSON *model, *rows, *baseline, *total;
  int status;

  status = rdm_test_run_cli (&out, &err, "roi", path, "--period", "2026-03", "--calibrate", "-f",
                             "json", NULL);
  root = parse_output (status, out, err);
  g_assert_true (cJSON_IsTrue (cJSON_GetObjectItem (root, "calibrated")));
  model = find_model (root, "linear");
  rows = cJSON_GetObjectItem (model, "rows");
  g_assert_cmpfloat_with_epsilon (number (find_row (rows, "channel", "Facebook"), "roi"), -0.375,
                                  1e-12);
  g_assert_cmpfloat_with_epsilon (number (find_row (rows, "channel", "Blog"), "roi"), 0.05, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (find_row (rows, "channel", "Email"), "value"), 10, 1e-12);
  baseline = find_row (rows, "channel", "(baseline)");
  g_assert_cmpfloat_with_epsilon (number (baseline, "value"), 125, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (baseline, "conversions"), 2, 1e-9);
  g_assert_cmpfloat (number (baseline, "cost"), ==, 0);
  total = cJSON_GetObjectItem (model, "total");
  g_assert_cmpfloat_with_epsilon (number (total, "value"), 260, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (total, "conversions"), 5, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (find_factor (model, "Facebook"), "factor"), 0.5, 1e-12);

  status
      = rdm_test_run_cli (&plain_out, &err, "roi", path, "--period", "2026-03", "-f", "json", NULL);
  plain = parse_output (status, plain_out, err);
  g_assert_null (cJSON_GetObjectItem (plain, "calibrated"));
  g_assert_cmpfloat_with_epsilon (
      number (cJSON_GetObjectItem (find_model (plain, "linear"), "total"), "value"), 260, 1e-9);

  status = rdm_test_run_cli (&table, &err, "roi", path, "--period", "2026-03", "--calibrate", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (table, "Baseline"));
  g_assert_nonnull (strstr (table, "Credit calibrated by the project’s experiments"));
  g_assert_nonnull (strstr (table, "Facebook ×0.500 (experiment)"));
  rdm_test_remove_tree (dir);
}

/* Tables name the Baseline and list the factors; CSV adds factor columns
 * and a "(baseline)" row. */
static void
test_calibrate_table_and_csv (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = write_calibration_project (dir, facebook_experiment);
  g_autofree char *table = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *err = NULL;
  int status;

  status = rdm_test_run_cli (&table, &err, "attribute", path, "--calibrate", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (table, "\nBaseline "));
  g_assert_null (strstr (table, "(baseline)"));
  g_assert_nonnull (strstr (table, "Calibration factors"));
  g_assert_nonnull (strstr (table, "0.500 (experiment)"));
  g_assert_nonnull (strstr (table, "0.500 (mean of tested)"));

  status = rdm_test_run_cli (&csv, &err, "attribute", path, "--calibrate", "-f", "csv", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (
      csv, "model,channel,conversions,value,click_conversions,view_conversions,click_value,"
           "view_value,ci_low,ci_high,ci_value_low,ci_value_high,removal_effect,factor,"
           "value_factor,factor_source\r\n"));
  g_assert_nonnull (strstr (csv, "linear,Facebook,0.75,62.5,"));
  g_assert_nonnull (strstr (csv, ",0.5,0.5,experiment\r\n"));
  g_assert_nonnull (strstr (csv, "linear,(baseline),2,125,"));
  rdm_test_remove_tree (dir);
}

static void
test_calibrate_errors (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = write_calibration_project (dir, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  /* no experiments: said, with how to add some */
  status = rdm_test_run_cli (&out, &err, "attribute", path, "--calibrate", NULL);
  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (err, "no experiments in “calibrated.rendement”"));
  g_assert_nonnull (strstr (err, "--kind experiments"));
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = rdm_test_run_cli (&out, &err, "roi", path, "--calibrate", NULL);
  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (err, "no experiments"));

  assert_refused ("--untested applies only with --calibrate", "attribute", path, "--untested",
                  "keep", NULL);
  assert_refused ("--untested applies only with --calibrate", "roi", path, "--untested", "mean",
                  NULL);
  assert_refused ("expected keep or mean", "attribute", path, "--calibrate", "--untested", "all",
                  NULL);
  assert_refused ("--direction forward", "attribute", path, "--calibrate", "--direction", "forward",
                  NULL);
  /* commands that do not calibrate do not take the option */
  assert_refused ("Unknown option --calibrate", "paths", path, "--calibrate", NULL);

  /* an imported path table has no dates to cut the experiments' journeys from */
  {
    g_autofree char *table = g_build_filename (dir, "table.rendement", NULL);
    g_autofree char *paths
        = rdm_test_write_file (dir, "paths.csv",
                               "path,total_conversions,total_conversion_value,total_null\n"
                               "Facebook > Blog,3,30,5\n");

    run_ok ("new", table, NULL);
    run_ok ("import", table, "--kind", "paths", paths, NULL);
    assert_refused ("calibration by experiments needs imported events", "attribute", table,
                    "--calibrate", NULL);
  }
  rdm_test_remove_tree (dir);
}

/* A test that cut a channel's spend without stopping it measured what the
 * last part of the spend brought: the media mix's curves, not the share of
 * a model's credit that is real. Calibration leaves it out, and says so
 * when it is all there is. */
static void
test_calibrate_spend_cuts (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = write_calibration_project (
      dir, "channel,start,end,incremental_conversions,ci_low,ci_high,spend_kept\n"
           "Facebook,2026-03-01,2026-03-05,0.4,0.1,0.8,0.7\n");
  g_autofree char *more = NULL;
  g_autoptr (cJSON) root = NULL;
  int status;

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      status
          = rdm_test_run_cli (&out, &err, i == 0 ? "attribute" : "roi", path, "--calibrate", NULL);
      g_assert_cmpint (status, !=, 0);
      g_assert_nonnull (strstr (err, "cut a channel’s spend without stopping it"));
      g_assert_nonnull (strstr (err, "calibrating needs a holdout"));
      g_assert_cmpstr (out, ==, "");
    }

  /* beside a holdout, the cut is left out: Blog calibrated alone, as in
   * test_calibrate_negative_baseline() (factor 2) */
  more = rdm_test_write_file (dir, "holdout.csv",
                              "channel,start,end,incremental_conversions,ci_low,ci_high\n"
                              "Blog,2026-03-10,2026-03-10,2,1,3\n");
  run_ok ("import", path, "--kind", "experiments", more, NULL);
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    const cJSON *linear;

    status = rdm_test_run_cli (&out, &err, "attribute", path, "--calibrate", "-f", "json", NULL);
    root = parse_output (status, out, err);
    linear = find_model (root, "linear");
    g_assert_cmpfloat_with_epsilon (number (find_factor (linear, "Blog"), "factor"), 2, 1e-12);
    /* Facebook untested: the mean of the tested, Blog's alone */
    assert_factor (root, "linear", "Facebook", 2, "mean of tested");
  }
  rdm_test_remove_tree (dir);
}

static void
test_info_path_table (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "paths.rendement", NULL);
  g_autofree char *csv = rdm_test_write_file (
      dir, "paths.csv",
      "path,total_conversions,total_conversion_value,total_null\n"
      "Facebook > Email,3,30,1\nEmail,2.5,10,4\n(none),1,5,0\nSearch > Search,0,0,2\n");
  g_autofree char *out = NULL;
  g_autofree char *table = NULL;
  g_autofree char *err = NULL;
  g_autoptr (cJSON) root = NULL;
  int status;

  g_assert_cmpint (rdm_test_run_cli (&out, &err, "new", path, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  status = rdm_test_run_cli (&out, &err, "import", path, "--kind", "paths", csv, NULL);
  if (status != 0)
    g_error ("import failed: %s", err);
  g_clear_pointer (&out, g_free);

  /* 3 + 2.5 + 1 conversions worth 45; Facebook, Email and Search: "(none)"
   * is no channel */
  status = rdm_test_run_cli (&out, &err, "info", path, "-f", "json", NULL);
  root = parse_output (status, out, err);
  g_assert_cmpfloat (number (root, "conversions"), ==, 6.5);
  g_assert_cmpfloat (number (root, "conversion_value"), ==, 45);
  g_assert_cmpfloat (number (root, "channels"), ==, 3);
  g_assert_cmpfloat (number (root, "paths"), ==, 4);

  status = rdm_test_run_cli (&table, &err, "info", path, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (table, "Conversions        6.50\nConversion value  45.00\n"));
  g_assert_true (g_str_has_suffix (table, "paths.csv\n"));
  rdm_test_remove_tree (dir);
}

/* Every line of a table, padded by characters, has the same length when
 * its last column is right-aligned. */
static void
assert_aligned (const char *table, guint first, guint n)
{
  g_auto (GStrv) lines = g_strsplit (table, "\n", -1);
  glong width = g_utf8_strlen (lines[first], -1);

  for (guint i = first; i < first + n; i++)
    if (g_utf8_strlen (lines[i], -1) != width)
      g_error ("line %u “%s” is %ld characters, not %ld", i, lines[i], g_utf8_strlen (lines[i], -1),
               width);
}

static void
test_french_tables (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *locales = g_build_filename (fixture->dir, "locales", NULL);
  g_autofree char *roi = NULL;
  g_autofree char *attribute = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (g_mkdir (locales, 0700), ==, 0);
  rdm_test_build_locale (locales, "fr_FR");
  add_costs (fixture->path);
  g_setenv ("LOCPATH", locales, TRUE);
  g_setenv ("LC_ALL", "fr_FR.UTF-8", TRUE);
  g_assert_cmpint (rdm_test_run_cli (&roi, &err, "roi", fixture->path, NULL), ==, 0);
  g_assert_cmpint (rdm_test_run_cli (&attribute, &err, "attribute", fixture->path, "--model",
                                     "linear,markov", NULL),
                   ==, 0);
  g_assert_cmpint (rdm_test_run_cli (&csv, &err, "attribute", fixture->path, "-f", "csv", NULL), ==,
                   0);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LOCPATH");

  /* glibc's fr_FR groups thousands with U+202F and marks decimals with a
   * comma; the table stays aligned by characters: the title, the header,
   * Direct, Display, Email, Facebook and the total */
  g_assert_nonnull (strstr (roi, "1\u202f428,00"));
  assert_aligned (roi, 1, 6);
  /* the model's display name in tables (“Linear” until fr.po translates
   * it), its stable id in CSV; numbers in CSV keep the dot */
  g_assert_nonnull (strstr (attribute, "Markov chain"));
  assert_aligned (attribute, 0, 6);
  g_assert_nonnull (strstr (csv, "\r\nlinear,Facebook,0.5,50,"));
}

/* Files whose first bytes say what they are. */
static void
assert_file_starts_with (const char *path, const char *magic, gsize length)
{
  g_autofree char *contents = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  g_assert_cmpuint (size, >, length);
  g_assert_cmpmem (contents, length, magic, length);
}

/* A PNG's width and height, from its IHDR chunk: by default charts are
 * written at print resolution. */
static void
assert_png_size (const char *path, guint32 width, guint32 height)
{
  g_autofree guint8 *contents = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (path, (char **)&contents, &size, NULL));
  g_assert_cmpuint (size, >, 24);
  g_assert_cmpuint ((guint32)contents[16] << 24 | (guint32)contents[17] << 16
                        | (guint32)contents[18] << 8 | contents[19],
                    ==, width);
  g_assert_cmpuint ((guint32)contents[20] << 24 | (guint32)contents[21] << 16
                        | (guint32)contents[22] << 8 | contents[23],
                    ==, height);
}

static void
test_chart_and_report (Fixture *fixture, gconstpointer user_data)
{
  const char *kinds[] = { "models", "window", "paths", "overlap" };
  g_autofree char *report = g_build_filename (fixture->dir, "review.pdf", NULL);
  g_autofree char *bad = g_build_filename (fixture->dir, "chart.gif", NULL);
  g_autofree char *err = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *png = g_strdup_printf ("%s/%s.png", fixture->dir, kinds[i]);
      g_autofree char *svg = g_strdup_printf ("%s/%s.svg", fixture->dir, kinds[i]);

      g_assert_cmpint (rdm_test_run_cli (NULL, NULL, "chart", fixture->path, "--kind", kinds[i],
                                         "--out", png, NULL),
                       ==, 0);
      assert_file_starts_with (png, "\x89PNG\r\n\x1a\n", 8);
      assert_png_size (png, 1600, 900);
      g_assert_cmpint (rdm_test_run_cli (NULL, NULL, "chart", fixture->path, "--kind", kinds[i],
                                         "--out", svg, "--width", "400", "--height", "300", NULL),
                       ==, 0);
      assert_file_starts_with (svg, "<?xml", 5);
    }

  /* the small project has costs on no day: the report still has its pages */
  g_assert_cmpint (rdm_test_run_cli (NULL, &err, "report", fixture->path, "--out", report, NULL),
                   ==, 0);
  assert_file_starts_with (report, "%PDF-", 5);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (
      rdm_test_run_cli (NULL, &err, "chart", fixture->path, "--kind", "pie", "--out", report, NULL),
      !=, 0);
  g_assert_nonnull (strstr (err, "Unknown chart kind “pie”"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (
      rdm_test_run_cli (NULL, &err, "chart", fixture->path, "--kind", "models", "--out", bad, NULL),
      !=, 0);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rdm_test_run_cli (NULL, &err, "chart", fixture->path, "--kind", "models",
                                     "--out", report, "--width", "5", NULL),
                   !=, 0);
  g_assert_nonnull (strstr (err, "--width"));
}

static void
test_missing_project (void)
{
  g_autofree char *err = NULL;

  g_assert_cmpint (rdm_test_run_cli (NULL, &err, "attribute", "/nonexistent/x.rendement", NULL), !=,
                   0);
  g_assert_nonnull (strstr (err, "/nonexistent/x.rendement"));
}

/* The business lists read as tables aligned by characters whatever the
 * accents; savings are listed with their numbers, which remove takes, and a
 * wrong number changes nothing. */
static void
test_business_lists (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (cJSON) savings = NULL;
  g_auto (GStrv) lines = NULL;
  const char *first_id;
  char id[32];

  g_assert_cmpint (rdm_test_run_cli (&out, &err, "objective", "add", fixture->path, "Notoriété",
                                     "--function", "marketing", NULL),
                   ==, 0);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "objective", "add", fixture->path, "Ventes",
                                     "--function", "sales", NULL),
                   ==, 0);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "objective", "list", fixture->path, NULL), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  /* the function starts at the same character on both lines */
  g_assert_cmpint (g_utf8_pointer_to_offset (lines[0], strstr (lines[0], "Marketing")), ==,
                   g_utf8_pointer_to_offset (lines[1], strstr (lines[1], "Sales")));

  g_assert_cmpint (rdm_test_run_cli (&out, &err, "saving", "add", fixture->path, "--channel",
                                     "Email", "--date", "2026-04-02", "--amount", "120.5",
                                     "--description", "calls deflected", NULL),
                   ==, 0);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "saving", "add", fixture->path, "--channel",
                                     "Facebook", "--date", "2026-04-03", "--amount", "30", NULL),
                   ==, 0);
  g_assert_cmpint (
      rdm_test_run_cli (&out, &err, "saving", "list", fixture->path, "-f", "json", NULL), ==, 0);
  savings = parse_output (0, out, err);
  g_assert_cmpint (cJSON_GetArraySize (savings), ==, 2);
  g_assert_cmpstr (
      cJSON_GetStringValue (cJSON_GetObjectItem (cJSON_GetArrayItem (savings, 0), "channel")), ==,
      "Email");
  g_assert_cmpstr (
      cJSON_GetStringValue (cJSON_GetObjectItem (cJSON_GetArrayItem (savings, 0), "date")), ==,
      "2026-04-02");
  g_assert_cmpfloat (number (cJSON_GetArrayItem (savings, 0), "amount"), ==, 120.5);
  g_snprintf (id, sizeof id, "%.0f", number (cJSON_GetArrayItem (savings, 0), "id"));
  first_id = id;

  /* a number that is none, or not a number: refused, nothing removed */
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "saving", "remove", fixture->path, "999", NULL),
                   !=, 0);
  g_assert_nonnull (strstr (err, "No saving has the number 999"));
  assert_refused ("is not a saving number", "saving", "remove", fixture->path, "Email", NULL);
  assert_refused ("expected --format table or json", "saving", "list", fixture->path, "--format",
                  "csv", NULL);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "saving", "list", fixture->path, NULL), ==, 0);
  g_strfreev (lines);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);

  g_assert_cmpint (rdm_test_run_cli (&out, &err, "saving", "remove", fixture->path, first_id, NULL),
                   ==, 0);
  g_assert_cmpint (
      rdm_test_run_cli (&out, &err, "saving", "list", fixture->path, "-f", "json", NULL), ==, 0);
  g_clear_pointer (&savings, cJSON_Delete);
  savings = parse_output (0, out, err);
  g_assert_cmpint (cJSON_GetArraySize (savings), ==, 1);
  g_assert_cmpstr (
      cJSON_GetStringValue (cJSON_GetObjectItem (cJSON_GetArrayItem (savings, 0), "channel")), ==,
      "Facebook");
}

/* The help states the defaults the engine uses, from the engine's own
 * constants, so that changing one cannot leave the help behind. */
static void
test_help_defaults (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *sweep_out = NULL;
  g_autofree char *sweep_err = NULL;
  g_autofree char *click = g_strdup_printf ("(default %d)", RDM_PATH_DEFAULT_CLICK_WINDOW_DAYS);
  g_autofree char *view = g_strdup_printf ("(default %d)", RDM_PATH_DEFAULT_VIEW_WINDOW_DAYS);
  g_autofree char *half_life = g_strdup_printf ("(default %d)", RDM_MODEL_DEFAULT_HALF_LIFE_DAYS);
  g_autofree char *weights = g_strdup_printf (
      "(default 0.%d,0.%d,0.%d)", RDM_MODEL_DEFAULT_FIRST_PERCENT / 10,
      RDM_MODEL_DEFAULT_MIDDLE_PERCENT / 10, RDM_MODEL_DEFAULT_LAST_PERCENT / 10);
  g_autofree char *seed = g_strdup_printf ("(default %d)", RDM_BOOTSTRAP_DEFAULT_SEED);
  g_autofree char *windows
      = g_strdup_printf ("(default %g,%g,%g,%g,%g,%g)", rdm_window_sweep_default_windows[0],
                         rdm_window_sweep_default_windows[1], rdm_window_sweep_default_windows[2],
                         rdm_window_sweep_default_windows[3], rdm_window_sweep_default_windows[4],
                         rdm_window_sweep_default_windows[5]);

  g_assert_cmpint (rdm_test_run_cli (&out, &err, "attribute", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, click));
  g_assert_nonnull (strstr (out, view));
  g_assert_nonnull (strstr (out, half_life));
  g_assert_nonnull (strstr (out, weights));
  g_assert_nonnull (strstr (out, seed));
  g_assert_cmpint (rdm_test_run_cli (&sweep_out, &sweep_err, "window-sweep", "--help", NULL), ==,
                   0);
  g_assert_nonnull (strstr (sweep_out, windows));
}

/* "explain" on typed journeys. Over the project of the header comment,
 * the Markov chain (order 1) has start -> Facebook 1, Direct 1, Display 2;
 * Facebook -> Email 1; Email -> conversion 2; Direct -> conversion 1;
 * Display -> Email 1, null 1 (c's impression and d's). So P = (1 + 1 +
 * 2 × 1/2) / 4 = 3/4. Without Facebook P = 1/2, RE 1/3; without Email
 * 1/4, RE 2/3; without Direct or Display 1/2, RE 1/3. The REs sum to 5/3:
 * Facebook has 1/5 of all conversions and Email 2/5, and of a Facebook >
 * Email journey 1/3 and 2/3. Shapley: only a's journey has exactly
 * {Facebook, Email} (1 conversion, no null): v = 1; no journey has
 * {Facebook} or {Email} alone: v = 0; so 1/2 each. */

static cJSON *run_explain (const char *path, const char *first_arg, ...) G_GNUC_NULL_TERMINATED;

static cJSON *
run_explain (const char *path, const char *first_arg, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list list;
  int status;

  g_ptr_array_add (args, (char *)"explain");
  g_ptr_array_add (args, (char *)path);
  va_start (list, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (list, const char *))
    g_ptr_array_add (args, (char *)arg);
  va_end (list);
  g_ptr_array_add (args, (char *)"-f");
  g_ptr_array_add (args, (char *)"json");
  g_ptr_array_add (args, NULL);
  status = rdm_test_run_cliv (&out, &err, (const char *const *)args->pdata);
  return parse_output (status, out, err);
}

static void
test_explain_rules (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (cJSON) position = run_explain (fixture->path, "--journey", "Facebook > Email > Nope",
                                            "--model", "position", "--value", "100", NULL);
  g_autoptr (cJSON) decay
      = run_explain (fixture->path, "-j", "A > B > C > D", "--ages", "9, 6, 0, 0", "--value", "50",
                     "--model", "time-decay", NULL);
  g_autoptr (cJSON) linear = run_explain (fixture->path, "-j", "Facebook > Display (view) > Email",
                                          "-m", "linear", "--view-weight", "0.5", NULL);
  g_autoptr (cJSON) direct
      = run_explain (fixture->path, "-j", "Facebook > Direct", "-m", "last-non-direct", NULL);
  const cJSON *touches = cJSON_GetObjectItem (position, "touches");
  const cJSON *middle = cJSON_GetArrayItem (touches, 1);
  const double golden[] = { 6.92, 9.32, 16.88, 16.88 };
  const cJSON *view = cJSON_GetArrayItem (cJSON_GetObjectItem (linear, "touches"), 1);

  /* 40/20/40, computed from the journey alone: a channel the project does
   * not know is fine */
  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (position, "model")), ==, "position");
  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (position, "journey")), ==,
                   "Facebook > Email > Nope");
  g_assert_cmpfloat (number (position, "conversions"), ==, 1);
  g_assert_cmpfloat (number (position, "value"), ==, 100);
  g_assert_cmpint (cJSON_GetArraySize (touches), ==, 3);
  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (middle, "channel")), ==, "Email");
  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (middle, "kind")), ==, "click");
  g_assert_true (cJSON_IsNull (cJSON_GetObjectItem (middle, "age_days")));
  g_assert_cmpfloat_with_epsilon (number (middle, "share"), 0.2, 1e-15);
  g_assert_cmpfloat_with_epsilon (number (middle, "value"), 20, 1e-12);
  g_assert_cmpfloat_with_epsilon (
      number (find_row (cJSON_GetObjectItem (position, "channels"), "channel", "Nope"), "value"),
      40, 1e-12);
  g_assert_true (cJSON_IsNull (cJSON_GetObjectItem (position, "note")));

  /* SPEC.md's golden case: $16.88, $16.88, $9.32, $6.92 of $50 */
  for (guint i = 0; i < G_N_ELEMENTS (golden); i++)
    {
      const cJSON *touch = cJSON_GetArrayItem (cJSON_GetObjectItem (decay, "touches"), i);

      g_assert_cmpfloat_with_epsilon (round (number (touch, "value") * 100) / 100, golden[i], 1e-9);
    }
  g_assert_cmpfloat (
      number (cJSON_GetArrayItem (cJSON_GetObjectItem (decay, "touches"), 0), "age_days"), ==, 9);

  /* an impression at half a click: 0.5 / 2.5 */
  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (view, "kind")), ==, "view");
  g_assert_cmpfloat_with_epsilon (number (view, "share"), 0.2, 1e-15);

  /* the project says Direct is direct */
  g_assert_cmpfloat (
      number (find_row (cJSON_GetObjectItem (direct, "channels"), "channel", "Facebook"), "share"),
      ==, 1);
}

static void
test_explain_markov_shapley (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (cJSON) markov
      = run_explain (fixture->path, "-j", "Facebook > Email > Facebook", "-m", "markov", NULL);
  g_autoptr (cJSON) shapley
      = run_explain (fixture->path, "-j", "Facebook > Email", "-m", "shapley", NULL);
  const cJSON *channels = cJSON_GetObjectItem (markov, "channels");
  const cJSON *facebook = find_row (channels, "channel", "Facebook");
  const cJSON *email = find_row (channels, "channel", "Email");
  const cJSON *coalitions = cJSON_GetObjectItem (shapley, "coalitions");
  const cJSON *both = cJSON_GetArrayItem (coalitions, 2);

  g_assert_cmpint (cJSON_GetArraySize (channels), ==, 2);
  g_assert_cmpfloat_with_epsilon (number (markov, "baseline_conversion_probability"), 0.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (facebook, "removal_effect"), 1 / 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (email, "removal_effect"), 2 / 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (facebook, "share_of_all_conversions"), 0.2, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (email, "share_of_all_conversions"), 0.4, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (facebook, "share"), 1 / 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (email, "conversions"), 2 / 3.0, 1e-12);
  /* Markov and Shapley weigh channels, not touches */
  g_assert_true (cJSON_IsNull (cJSON_GetObjectItem (
      cJSON_GetArrayItem (cJSON_GetObjectItem (markov, "touches"), 0), "share")));
  g_assert_nonnull (strstr (cJSON_GetStringValue (cJSON_GetObjectItem (markov, "note")),
                            "not what the channel caused"));

  g_assert_cmpint (cJSON_GetArraySize (coalitions), ==, 3);
  g_assert_cmpstr (
      cJSON_GetStringValue (cJSON_GetArrayItem (cJSON_GetObjectItem (both, "channels"), 1)), ==,
      "Email");
  g_assert_cmpfloat (number (both, "conversion_rate"), ==, 1);
  g_assert_cmpfloat (number (cJSON_GetArrayItem (coalitions, 0), "conversion_rate"), ==, 0);
  g_assert_cmpfloat_with_epsilon (
      number (find_row (cJSON_GetObjectItem (shapley, "channels"), "channel", "Email"),
              "shapley_value"),
      0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (
      number (find_row (cJSON_GetObjectItem (shapley, "channels"), "channel", "Facebook"), "share"),
      0.5, 1e-12);
}

static void
test_explain_table_and_csv (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *header = NULL;

  g_assert_cmpint (rdm_test_run_cli (&out, &err, "explain", fixture->path, "-j", "Facebook > Email",
                                     "-m", "markov", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (out, "Removal effect"));
  g_assert_nonnull (strstr (out, "Share of this journey"));
  g_assert_null (strstr (out, "importance"));
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "explain", fixture->path, "-j", "Facebook > Email",
                                     "-m", "shapley", "-f", "csv", NULL),
                   ==, 0);
  header = first_line (out);
  g_assert_cmpstr (header, ==,
                   "section,position,channel,kind,age_days,kept,weight,share,conversions,value,"
                   "removal_effect,share_of_all_conversions,shapley_value,conversion_rate");
  g_assert_nonnull (strstr (out, "\r\ncoalition,,Facebook + Email,,,,,,,,,,,1\r\n"));
}

static void
test_explain_refused (Fixture *fixture, gconstpointer user_data)
{
  const char *path = fixture->path;

  assert_refused ("at least one channel", "explain", path, "-j", "", "-m", "linear", NULL);
  assert_refused ("at least one channel", "explain", path, "-j", "  ", "-m", "linear", NULL);
  assert_refused ("“A >> B”: Column 4: expected a channel name before “>”", "explain", path, "-j",
                  "A >> B", "-m", "linear", NULL);
  assert_refused ("They name: Direct, Display, Email, Facebook", "explain", path, "-j",
                  "Facebook > Nope", "-m", "markov", NULL);
  assert_refused ("never name “Nope”", "explain", path, "-j", "Nope", "-m", "shapley", NULL);
  assert_refused ("Unknown model “bogus”", "explain", path, "-j", "A", "-m", "bogus", NULL);
  assert_refused ("--ages", "explain", path, "-j", "A > B", "-m", "time-decay", NULL);
  assert_refused ("2 ages for 3 touches", "explain", path, "-j", "A > B > C", "--ages", "1,2", "-m",
                  "time-decay", NULL);
  assert_refused ("--ages expects", "explain", path, "-j", "A", "--ages", "-1", "-m", "linear",
                  NULL);
  assert_refused ("exactly one model", "explain", path, "-j", "A", "-m", "linear,first", NULL);
  assert_refused ("needs --model", "explain", path, "-j", "A", NULL);
  assert_refused ("needs --journey", "explain", path, "-m", "linear", NULL);
  assert_refused ("--bootstrap", "explain", path, "-j", "A", "-m", "linear", "--bootstrap", "10",
                  NULL);
  assert_refused ("--half-life", "explain", path, "-j", "A", "-m", "linear", "--half-life", "3",
                  NULL);
  assert_refused ("stands for conversions without a touch", "explain", path, "-j", "A > (none)",
                  "-m", "linear", NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/attribute/json", test_attribute_json);
  ADD ("/cli/attribute/options", test_attribute_options);
  ADD ("/cli/attribute/bootstrap-reproducible", test_bootstrap_reproducible);
  ADD ("/cli/attribute/forward", test_forward);
  ADD ("/cli/attribute/bad-options", test_bad_options);
  ADD ("/cli/window-sweep", test_window_sweep);
  ADD ("/cli/explain/rules", test_explain_rules);
  ADD ("/cli/explain/markov-shapley", test_explain_markov_shapley);
  ADD ("/cli/explain/table-and-csv", test_explain_table_and_csv);
  ADD ("/cli/explain/refused", test_explain_refused);
  ADD ("/cli/paths", test_paths);
  ADD ("/cli/chart-and-report", test_chart_and_report);
  ADD ("/cli/segment/matches-subset", test_segment_matches_subset);
  ADD ("/cli/segment/commands", test_segment_commands);
  ADD ("/cli/other-commands-refuse", test_other_commands_refuse);
  ADD ("/cli/csv/everywhere", test_csv_everywhere);
  ADD ("/cli/csv/rows", test_csv_rows);
  ADD ("/cli/period-all", test_period_all);
  ADD ("/cli/roi/json-and-bootstrap", test_roi_json_and_bootstrap);
  ADD ("/cli/french-tables", test_french_tables);
  ADD ("/cli/business-lists", test_business_lists);
#undef ADD
  g_test_add_func ("/cli/attribute/missing-project", test_missing_project);
  g_test_add_func ("/cli/help/defaults", test_help_defaults);
  g_test_add_func ("/cli/csv/injection", test_csv_injection);
  g_test_add_func ("/cli/info/path-table", test_info_path_table);
  g_test_add_func ("/cli/calibrate/attribute", test_calibrate_attribute);
  g_test_add_func ("/cli/calibrate/negative-baseline", test_calibrate_negative_baseline);
  g_test_add_func ("/cli/calibrate/campaigns", test_calibrate_campaigns);
  g_test_add_func ("/cli/calibrate/roi", test_calibrate_roi);
  g_test_add_func ("/cli/calibrate/table-and-csv", test_calibrate_table_and_csv);
  g_test_add_func ("/cli/calibrate/errors", test_calibrate_errors);
  g_test_add_func ("/cli/calibrate/spend-cuts", test_calibrate_spend_cuts);

  return g_test_run ();
}
