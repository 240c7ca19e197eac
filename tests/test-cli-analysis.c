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
#include <cjson/cJSON.h>

#include "rdm-project.h"
#include "rdm-test-util.h"

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
    { { "--click-window", "-1" }, "0 or more" },
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
  ADD ("/cli/paths", test_paths);
  ADD ("/cli/chart-and-report", test_chart_and_report);
  ADD ("/cli/segment/matches-subset", test_segment_matches_subset);
  ADD ("/cli/segment/commands", test_segment_commands);
#undef ADD
  g_test_add_func ("/cli/attribute/missing-project", test_missing_project);

  return g_test_run ();
}
