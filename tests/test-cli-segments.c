/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "rendement-cli compare" and "rendement-cli discover" on a project small
 * enough to count by hand:
 *
 *   T0 = 2026-04-01 00:00 UTC; attributes in brackets.
 *   a [F, 25-34]: Blog click T0, Email click T0+2d, purchase 100 at T0+3d
 *   b [M, 35-49]: Direct visit T0+1d, purchase 50 at T0+1d+1h
 *   c [F, 25-34]: Blog impression T0+5d, no conversion
 *   d [F, 35-49]: Blog click T0+10d, Email click T0+10d+1h, purchase 30 at
 *                 T0+10d+2h
 *   e [M, 50+]:   Email click T0, Email click T0+1d, no conversion
 *   f [F, -]:     Display click T0, no conversion
 *
 * Saved segment "blog" = touched("Blog") = {a, c, d}: 3 visitors, 2
 * converters (a, d), rate 2/3, conversions 2, value 130, 43.33 per
 * visitor, journeys Blog > Email twice: average length 2. Touches Blog 3,
 * Email 2. Linear: a gives Blog and Email 1/2 (50 each), d 1/2 (15 each):
 * Blog 1 / 65, Email 1 / 65.
 * Wilson for 2 / 3 (z² = 3.8414588): 1 + z²/n = 2.2804863,
 * centre = (0.6666667 + 0.6402431) / 2.2804863 = 0.5730838,
 * half = 1.959964 / 2.2804863 × sqrt (0.0740741 + 0.1067069) = 0.3654242:
 * [0.2076596, 0.9385081].
 * gender = "M" = {b, e}: 2 visitors, 1 converter, rate 1/2, value 50, 25 per
 * visitor, journey Direct: length 1; touches Email 2, Direct 1. Wilson
 * 1 / 2: centre 0.5, half = 1.959964 / 2.9207294 × sqrt (0.125 + 0.2400912)
 * = 0.4054688: [0.0945312, 0.9054688].
 */
#include "config.h"

#include <math.h>
#include <cjson/cJSON.h>

#include "rdm-project-db.h"
#include "rdm-project.h"
#include "rdm-segments.h"
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
exec (RdmProject *project, const char *sql)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (rdm_project_exec (project, sql, &error));
  g_assert_no_error (error);
}

static void
add_visitor (RdmProject *project, gint64 id, const char *gender, const char *age)
{
  g_autofree char *sql = g_strdup_printf (
      "INSERT INTO visitor (id, external_id) VALUES (%" G_GINT64_FORMAT ", 'v%" G_GINT64_FORMAT
      "');"
      "INSERT INTO visitor_attribute (visitor_id, key, value) VALUES (%" G_GINT64_FORMAT
      ", 'gender', '%s');",
      id, id, id, gender);

  exec (project, sql);
  if (age != NULL)
    {
      g_autofree char *age_sql = g_strdup_printf (
          "INSERT INTO visitor_attribute (visitor_id, key, value) VALUES (%" G_GINT64_FORMAT
          ", 'age_band', '%s')",
          id, age);
      exec (project, age_sql);
    }
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
  exec (project, sql);
}

static void
add_conversion (RdmProject *project, gint64 visitor, gint64 time, int value)
{
  g_autofree char *sql = g_strdup_printf (
      "INSERT INTO conversion (visitor_id, time, event, value) VALUES (%" G_GINT64_FORMAT
      ", %" G_GINT64_FORMAT ", 'purchase', %d)",
      visitor, time, value);

  exec (project, sql);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = NULL;

  fixture->dir = rdm_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "small.rendement", NULL);
  project = rdm_project_create (fixture->path, &error);
  g_assert_no_error (error);

  add_visitor (project, 1, "F", "25-34");
  add_touch (project, 1, T0, "Blog", 1);
  add_touch (project, 1, T0 + 2 * DAY, "Email", 1);
  add_conversion (project, 1, T0 + 3 * DAY, 100);
  add_visitor (project, 2, "M", "35-49");
  add_touch (project, 2, T0 + DAY, "Direct", 2);
  add_conversion (project, 2, T0 + DAY + HOUR, 50);
  add_visitor (project, 3, "F", "25-34");
  add_touch (project, 3, T0 + 5 * DAY, "Blog", 0);
  add_visitor (project, 4, "F", "35-49");
  add_touch (project, 4, T0 + 10 * DAY, "Blog", 1);
  add_touch (project, 4, T0 + 10 * DAY + HOUR, "Email", 1);
  add_conversion (project, 4, T0 + 10 * DAY + 2 * HOUR, 30);
  add_visitor (project, 5, "M", "50+");
  add_touch (project, 5, T0, "Email", 1);
  add_touch (project, 5, T0 + DAY, "Email", 1);
  add_visitor (project, 6, "F", NULL);
  add_touch (project, 6, T0, "Display", 1);

  g_assert_true (rdm_project_add_segment (project, "blog", "touched(\"Blog\")", FALSE, &error));
  g_assert_no_error (error);
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

static double
number (const cJSON *object, const char *name)
{
  const cJSON *item = cJSON_GetObjectItem (object, name);

  g_assert_true (cJSON_IsNumber (item));
  return item->valuedouble;
}

static const char *
string (const cJSON *object, const char *name)
{
  return cJSON_GetStringValue (cJSON_GetObjectItem (object, name));
}

static const cJSON *
find_row (const cJSON *rows, const char *key, const char *label)
{
  const cJSON *row;

  cJSON_ArrayForEach (row, rows)
    if (g_strcmp0 (string (row, key), label) == 0)
      return row;
  g_error ("no row with %s = %s", key, label);
}

static void
test_compare_json (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = rdm_test_run_cli (&out, &err, "compare", fixture->path, "--segment", "blog",
                                 "--segment=gender = \"M\"", "--format", "json", NULL);
  g_autoptr (cJSON) root = parse_output (status, out, err);
  const cJSON *segments = cJSON_GetObjectItem (root, "segments");
  const cJSON *blog = cJSON_GetArrayItem (segments, 0);
  const cJSON *men = cJSON_GetArrayItem (segments, 1);
  const cJSON *top = cJSON_GetObjectItem (blog, "top_channels");
  const cJSON *credit = cJSON_GetObjectItem (blog, "credit");

  g_assert_cmpstr (string (root, "model"), ==, "linear");
  g_assert_cmpint (cJSON_GetArraySize (segments), ==, 2);

  g_assert_cmpstr (string (blog, "name"), ==, "blog");
  g_assert_cmpstr (string (blog, "filter"), ==, "touched(\"Blog\")");
  g_assert_cmpfloat (number (blog, "visitors"), ==, 3);
  g_assert_cmpfloat (number (blog, "converters"), ==, 2);
  g_assert_cmpfloat_with_epsilon (number (blog, "conversion_rate"), 2.0 / 3, 1e-15);
  g_assert_cmpfloat_with_epsilon (number (blog, "ci_low"), 0.20765960080204765, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (blog, "ci_high"), 0.9385080552796037, 1e-12);
  g_assert_cmpfloat (number (blog, "conversions"), ==, 2);
  g_assert_cmpfloat (number (blog, "value"), ==, 130);
  g_assert_cmpfloat_with_epsilon (number (blog, "value_per_visitor"), 130.0 / 3, 1e-12);
  g_assert_cmpfloat (number (blog, "avg_path_length"), ==, 2);
  g_assert_cmpint (cJSON_GetArraySize (top), ==, 2);
  g_assert_cmpstr (string (cJSON_GetArrayItem (top, 0), "channel"), ==, "Blog");
  g_assert_cmpfloat (number (cJSON_GetArrayItem (top, 0), "touches"), ==, 3);
  g_assert_cmpstr (string (cJSON_GetArrayItem (top, 1), "channel"), ==, "Email");
  g_assert_cmpfloat (number (cJSON_GetArrayItem (top, 1), "touches"), ==, 2);
  g_assert_cmpfloat (number (find_row (credit, "channel", "Blog"), "conversions"), ==, 1);
  g_assert_cmpfloat (number (find_row (credit, "channel", "Blog"), "value"), ==, 65);
  g_assert_cmpfloat (number (find_row (credit, "channel", "Email"), "value"), ==, 65);

  g_assert_cmpstr (string (men, "name"), ==, "gender = \"M\"");
  g_assert_cmpfloat (number (men, "visitors"), ==, 2);
  g_assert_cmpfloat (number (men, "converters"), ==, 1);
  g_assert_cmpfloat (number (men, "conversion_rate"), ==, 0.5);
  g_assert_cmpfloat_with_epsilon (number (men, "ci_low"), 0.09453120573423074, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (men, "ci_high"), 0.9054687942657693, 1e-12);
  g_assert_cmpfloat (number (men, "value_per_visitor"), ==, 25);
  g_assert_cmpfloat (number (men, "avg_path_length"), ==, 1);
  top = cJSON_GetObjectItem (men, "top_channels");
  g_assert_cmpstr (string (cJSON_GetArrayItem (top, 0), "channel"), ==, "Email");
  g_assert_cmpstr (string (cJSON_GetArrayItem (top, 1), "channel"), ==, "Direct");
  g_assert_cmpfloat (
      number (find_row (cJSON_GetObjectItem (men, "credit"), "channel", "Direct"), "value"), ==,
      50);

  g_assert_true (
      cJSON_IsNull (cJSON_GetObjectItem (cJSON_GetObjectItem (root, "settings"), "segment")));
}

/* --everyone adds the whole population first: 6 visitors, 3 converters
 * (a, b, d), value 180, as the Segments page's first row. */
static void
test_compare_everyone (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = rdm_test_run_cli (&out, &err, "compare", fixture->path, "--everyone", "--segment",
                                 "blog", "--format", "json", NULL);
  g_autoptr (cJSON) root = parse_output (status, out, err);
  const cJSON *segments = cJSON_GetObjectItem (root, "segments");
  const cJSON *all = cJSON_GetArrayItem (segments, 0);

  g_assert_cmpint (cJSON_GetArraySize (segments), ==, 2);
  g_assert_cmpstr (string (all, "name"), ==, "Everyone");
  g_assert_true (cJSON_IsNull (cJSON_GetObjectItem (all, "filter")));
  g_assert_cmpfloat (number (all, "visitors"), ==, 6);
  g_assert_cmpfloat (number (all, "converters"), ==, 3);
  g_assert_cmpfloat (number (all, "conversion_rate"), ==, 0.5);
  g_assert_cmpfloat (number (all, "value"), ==, 180);
  g_assert_cmpstr (string (cJSON_GetArrayItem (segments, 1), "name"), ==, "blog");
}

/* A segment nobody converts in: no credit, rate 0 with [0, z² / (n + z²)]
 * = [0, 3.8414588 / 4.8414588] = [0, 0.7934507] for f alone. */
static void
test_compare_no_conversion (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status
      = rdm_test_run_cli (&out, &err, "compare", fixture->path, "--segment", "touched(\"Display\")",
                          "--model", "first", "--format", "json", NULL);
  g_autoptr (cJSON) root = parse_output (status, out, err);
  const cJSON *s = cJSON_GetArrayItem (cJSON_GetObjectItem (root, "segments"), 0);

  g_assert_cmpfloat (number (s, "visitors"), ==, 1);
  g_assert_cmpfloat (number (s, "conversion_rate"), ==, 0);
  g_assert_cmpfloat (number (s, "ci_low"), ==, 0);
  g_assert_cmpfloat_with_epsilon (number (s, "ci_high"), 0.7934506856227626, 1e-12);
  g_assert_true (cJSON_IsNull (cJSON_GetObjectItem (s, "avg_path_length")));
  g_assert_true (cJSON_IsNull (cJSON_GetObjectItem (s, "credit")));
}

static void
test_compare_table (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = rdm_test_run_cli (&out, &err, "compare", fixture->path, "--segment", "blog", NULL);

  g_assert_cmpint (status, ==, 0);
  /* numbers for people follow the locale (C here), model names are the
   * display names */
  g_assert_nonnull (strstr (out, "66.67 %"));
  g_assert_nonnull (strstr (out, "[20.77 % – 93.85 %]"));
  g_assert_nonnull (strstr (out, "Blog, Email"));
  g_assert_nonnull (strstr (out, "Credited conversions (Linear)"));
}

/* The same numbers through --segment as "attribute" gives. */
static void
test_compare_matches_attribute (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  int status = rdm_test_run_cli (&out, &err, "compare", fixture->path, "--segment", "blog",
                                 "--model", "position", "--format", "json", NULL);
  g_autoptr (cJSON) root = parse_output (status, out, err);
  g_autoptr (cJSON) attribution = NULL;
  const cJSON *credit = cJSON_GetObjectItem (
      cJSON_GetArrayItem (cJSON_GetObjectItem (root, "segments"), 0), "credit");
  const cJSON *rows;
  const cJSON *row;

  status = rdm_test_run_cli (&out2, NULL, "attribute", fixture->path, "--segment", "blog",
                             "--model", "position", "--format", "json", NULL);
  attribution = parse_output (status, out2, "");
  rows = cJSON_GetObjectItem (cJSON_GetArrayItem (cJSON_GetObjectItem (attribution, "models"), 0),
                              "rows");
  g_assert_cmpint (cJSON_GetArraySize (rows), ==, cJSON_GetArraySize (credit));
  cJSON_ArrayForEach (row, rows)
    {
      const cJSON *mine = find_row (credit, "channel", string (row, "channel"));

      g_assert_cmpfloat (number (mine, "conversions"), ==, number (row, "conversions"));
      g_assert_cmpfloat (number (mine, "value"), ==, number (row, "value"));
    }
}

static void
test_compare_errors (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *err3 = NULL;
  g_autofree char *err4 = NULL;

  g_assert_cmpint (rdm_test_run_cli (NULL, &err, "compare", fixture->path, NULL), !=, 0);
  g_assert_nonnull (
      strstr (err, "compare needs --everyone or at least one --segment NAME or FILTER"));

  g_assert_cmpint (
      rdm_test_run_cli (NULL, &err2, "compare", fixture->path, "--segment", "blog readers", NULL),
      !=, 0);
  g_assert_nonnull (
      strstr (err2, "--segment “blog readers” is neither a saved segment nor a valid filter: "
                    "column 1: unknown attribute “blog”"));

  g_assert_cmpint (rdm_test_run_cli (NULL, &err3, "compare", fixture->path, "--segment", "blog",
                                     "--model", "first,last", NULL),
                   !=, 0);
  g_assert_nonnull (strstr (err3, "compare credits with one model at a time"));

  /* a typed filter is checked against the data, with a suggestion */
  g_assert_cmpint (rdm_test_run_cli (NULL, &err4, "compare", fixture->path, "--segment",
                                     "age_band = \"25-35\"", NULL),
                   !=, 0);
  g_assert_nonnull (strstr (err4, "column 12: unknown value “25-35” for “age_band”; did you mean "
                                  "“25-34”?"));
}

/* age_band among everyone: 25-34 = {a, c}: 1 / 2; 35-49 = {b, d}: 2 / 2;
 * 50+ = {e}: 0 / 1; f has none. Base 6 visitors, 3 converters. 35-49
 * against the rest (1 / 4): pooled 3 / 6, se = sqrt (0.25 × (1/2 + 1/4)) =
 * 0.4330127, z = 0.75 / 0.4330127 = 1.7320508, p = erfc (1.2247449) =
 * 0.0832645. */
static void
test_discover_json (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = rdm_test_run_cli (&out, &err, "discover", fixture->path, "--attribute", "age_band",
                                 "--format", "json", NULL);
  g_autoptr (cJSON) root = parse_output (status, out, err);
  const cJSON *values = cJSON_GetObjectItem (root, "values");
  const cJSON *first = cJSON_GetArrayItem (values, 0);

  g_assert_cmpstr (string (root, "attribute"), ==, "age_band");
  g_assert_true (cJSON_IsNull (cJSON_GetObjectItem (root, "within")));
  g_assert_cmpfloat (number (root, "visitors"), ==, 6);
  g_assert_cmpfloat (number (root, "converters"), ==, 3);
  g_assert_cmpfloat (number (root, "visitors_without_value"), ==, 1);
  g_assert_cmpint (cJSON_GetArraySize (values), ==, 3);
  g_assert_cmpstr (string (first, "value"), ==, "35-49");
  g_assert_cmpfloat (number (first, "visitors"), ==, 2);
  g_assert_cmpfloat (number (first, "converters"), ==, 2);
  g_assert_cmpfloat (number (first, "conversion_rate"), ==, 1);
  g_assert_cmpfloat_with_epsilon (number (first, "p_value"), 0.08326451666355043, 1e-12);
  g_assert_false (cJSON_IsTrue (cJSON_GetObjectItem (first, "significant")));
  g_assert_cmpstr (string (cJSON_GetArrayItem (values, 1), "value"), ==, "25-34");
  g_assert_cmpstr (string (cJSON_GetArrayItem (values, 2), "value"), ==, "50+");
}

/* Within "blog" {a, c, d}: 35-49 = {d} 1 / 1, 25-34 = {a, c} 1 / 2. 25-34
 * against {d}: pooled 2 / 3, se = sqrt (2/9 × 3/2) = 0.5773503,
 * z = -0.8660254, p = erfc (0.6123724) = 0.3864762. */
static void
test_discover_within (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = rdm_test_run_cli (&out, &err, "discover", fixture->path, "--attribute", "age_band",
                                 "--within", "blog", "--format", "json", NULL);
  g_autoptr (cJSON) root = parse_output (status, out, err);
  const cJSON *values = cJSON_GetObjectItem (root, "values");

  g_assert_cmpstr (string (root, "within"), ==, "blog");
  g_assert_cmpstr (string (root, "within_filter"), ==, "touched(\"Blog\")");
  g_assert_cmpfloat (number (root, "visitors"), ==, 3);
  g_assert_cmpint (cJSON_GetArraySize (values), ==, 2);
  g_assert_cmpstr (string (cJSON_GetArrayItem (values, 0), "value"), ==, "35-49");
  g_assert_cmpstr (string (cJSON_GetArrayItem (values, 1), "value"), ==, "25-34");
  g_assert_cmpfloat_with_epsilon (number (cJSON_GetArrayItem (values, 1), "p_value"),
                                  0.38647623077123283, 1e-12);
}

static void
test_discover_errors (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *err3 = NULL;

  g_assert_cmpint (rdm_test_run_cli (NULL, &err, "discover", fixture->path, NULL), !=, 0);
  g_assert_nonnull (strstr (err, "discover needs --attribute KEY"));
  g_assert_cmpint (
      rdm_test_run_cli (NULL, &err2, "discover", fixture->path, "--attribute", "shoe_size", NULL),
      !=, 0);
  g_assert_nonnull (strstr (err2, "No visitor attribute is called “shoe_size”"));
  g_assert_cmpint (rdm_test_run_cli (NULL, &err3, "discover", fixture->path, "--attribute",
                                     "age_band", "--within", "touched(\"Blog\"", NULL),
                   !=, 0);
  g_assert_nonnull (strstr (err3, "--within “touched(\"Blog\"” is neither a saved segment nor a "
                                  "valid filter: column"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func)                                                                            \
  g_test_add ("/cli-segments/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("compare-json", test_compare_json);
  ADD ("compare-everyone", test_compare_everyone);
  ADD ("compare-no-conversion", test_compare_no_conversion);
  ADD ("compare-table", test_compare_table);
  ADD ("compare-matches-attribute", test_compare_matches_attribute);
  ADD ("compare-errors", test_compare_errors);
  ADD ("discover-json", test_discover_json);
  ADD ("discover-within", test_discover_within);
  ADD ("discover-errors", test_discover_errors);
#undef ADD
  return g_test_run ();
}
