/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "rendement-cli event", "impact" and "mirror" on a simulated project
 * with known values:
 *
 *   140 days from T0 = 2026-01-05 (a Monday) of Facebook likes: 200, a
 *   trend of 0.2 a day, weekday effects, AR(1) noise (ρ 0.5, innovations
 *   of sd 5) and a drop of 40 from day 84 on (the incident "Bad buzz");
 *   a weekly survey "awareness", answered on Mondays, that is a tenth of
 *   the mean daily likes of two weeks before, plus noise.
 *
 * The JSON of impact and mirror must be what analysis/ computes on the
 * generated values themselves (read here without the project), which
 * checks the series' reading and the wiring, and hold the planted drop
 * and lag.
 */
#include "config.h"

#include <math.h>
#include <cjson/cJSON.h>

#include "rdm-impact.h"
#include "rdm-mirror.h"
#include "rdm-project-db.h"
#include "rdm-random.h"
#include "rdm-test-util.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

#define T0 G_GINT64_CONSTANT (1767571200)
#define DAY 86400
#define N_DAYS 140
#define EVENT_DAY 84
#define DROP 40.0

typedef struct
{
  char *dir;
  char *path;
  double likes[N_DAYS];
  double awareness[N_DAYS]; /* NaN but on Mondays */
} Fixture;

static void
generate (Fixture *fixture)
{
  const double weekday[7] = { 6, 2, 0, -1, 3, -4, -6 };
  RdmRng rng;
  double noise = 0;

  rdm_rng_init (&rng, 42);
  for (guint t = 0; t < N_DAYS; t++)
    {
      noise = 0.5 * noise + 5 * rdm_rng_normal (&rng);
      fixture->likes[t]
          = round (200 + 0.2 * t + weekday[t % 7] + noise - (t >= EVENT_DAY ? DROP : 0));
    }
  for (guint t = 0; t < N_DAYS; t++)
    {
      double week = 0;

      fixture->awareness[t] = NAN;
      if (t % 7 != 0 || t < 14)
        continue;
      for (guint d = t - 14; d < t - 7; d++)
        week += fixture->likes[d] / 7;
      fixture->awareness[t] = week / 10 + 0.3 * rdm_rng_normal (&rng);
    }
}

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autoptr (GString) sql = g_string_new ("BEGIN;");
  g_autofree char *err = NULL;

  generate (fixture);
  fixture->dir = rdm_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "events.rendement", NULL);
  project = rdm_project_create (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rdm_project_ensure_channel (project, "Facebook", &error), ==, 1);
  for (guint t = 0; t < N_DAYS; t++)
    {
      g_string_append_printf (sql,
                              "INSERT INTO campaign_daily (day, channel_id, likes)"
                              " VALUES (%" G_GINT64_FORMAT ", 1, %.0f);",
                              T0 + (gint64)t * DAY, fixture->likes[t]);
      if (!isnan (fixture->awareness[t]))
        {
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          g_string_append_printf (
              sql,
              "INSERT INTO series_value (day, metric, value)"
              " VALUES (%" G_GINT64_FORMAT ", 'awareness', %s);",
              T0 + (gint64)t * DAY,
              g_ascii_formatd (number, sizeof number, "%.17g", fixture->awareness[t]));
        }
    }
  g_string_append (sql, "COMMIT;");
  g_assert_true (rdm_project_exec (project, sql->str, &error));
  g_assert_no_error (error);
  g_clear_object (&project);
  /* 2026-03-30 is day 84 */
  g_assert_cmpint (rdm_test_run_cli (NULL, &err, "event", "add", fixture->path, "--date",
                                     "2026-03-30", "--end", "2026-04-02", "--label", "Bad buzz",
                                     "--kind", "incident", NULL),
                   ==, 0);
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

  if (!cJSON_IsNumber (item))
    g_error ("“%s” is not a number in the output", name);
  return item->valuedouble;
}

static const char *
text (const cJSON *object, const char *name)
{
  const char *value = cJSON_GetStringValue (cJSON_GetObjectItem (object, name));

  if (value == NULL)
    g_error ("“%s” is not a string in the output", name);
  return value;
}

static char *
event_list (Fixture *fixture)
{
  char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (
      rdm_test_run_cli (&out, &err, "event", "list", fixture->path, "-f", "json", NULL), ==, 0);
  return out;
}

static void
test_event_commands (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (cJSON) root = NULL;
  const cJSON *first;

  g_assert_cmpint (rdm_test_run_cli (NULL, &err, "event", "add", fixture->path, "--date",
                                     "15/01/2026", "--label", "Spring catalogue", NULL),
                   ==, 0);
  out = event_list (fixture);
  root = cJSON_Parse (out);
  g_assert_cmpint (cJSON_GetArraySize (root), ==, 2);
  first = cJSON_GetArrayItem (root, 0);
  g_assert_cmpstr (text (first, "label"), ==, "Spring catalogue");
  g_assert_cmpstr (text (first, "start"), ==, "2026-01-15");
  g_assert_cmpstr (text (first, "end"), ==, "2026-01-15");
  g_assert_cmpfloat (number (first, "days"), ==, 1);
  g_assert_cmpstr (text (first, "kind"), ==, "other");
  g_assert_cmpstr (text (cJSON_GetArrayItem (root, 1), "end"), ==, "2026-04-02");
  g_assert_cmpfloat (number (cJSON_GetArrayItem (root, 1), "days"), ==, 4);

  g_assert_cmpint (rdm_test_run_cli (&out, &err, "event", "list", fixture->path, "-f", "csv", NULL),
                   ==, 0);
  g_assert_cmpstr (out, ==,
                   "label,start,end,days,kind\r\nSpring catalogue,2026-01-15,2026-01-15,1,other\r\n"
                   "Bad buzz,2026-03-30,2026-04-02,4,incident\r\n");
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "event", "list", fixture->path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Spring catalogue"));

  g_assert_cmpint (rdm_test_run_cli (NULL, &err, "event", "remove", fixture->path, "--label",
                                     "Spring catalogue", NULL),
                   ==, 0);
  g_clear_pointer (&out, g_free);
  out = event_list (fixture);
  g_clear_pointer (&root, cJSON_Delete);
  root = cJSON_Parse (out);
  g_assert_cmpint (cJSON_GetArraySize (root), ==, 1);
}

/* Each refusal exits non-zero with its reason on stderr and leaves the
 * events as they were. */
static void
test_event_bad_input (Fixture *fixture, gconstpointer user_data)
{
  const struct
  {
    int status;
    const char *message;
    const char *args[12];
  } cases[] = {
    { 1, "already exists", { "add", "--date", "2026-05-01", "--label", "Bad buzz" } },
    { 1,
      "would end (2026-04-30) before it starts (2026-05-01)",
      { "add", "--date", "2026-05-01", "--end", "2026-04-30", "--label", "Backwards" } },
    { 2, "“2026-13-01” is not a date", { "add", "--date", "2026-13-01", "--label", "Bad date" } },
    { 1,
      "Unknown event kind “rumour”",
      { "add", "--date", "2026-05-01", "--label", "R", "--kind", "rumour" } },
    { 2, "needs --date and --label", { "add", "--label", "No date" } },
    { 1, "No event is labelled “Nothing”", { "remove", "--label", "Nothing" } },
    { 2, "expected table, json or csv", { "list", "-f", "xml" } },
  };
  g_autofree char *before = event_list (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GPtrArray) args = g_ptr_array_new ();
      g_autofree char *err = NULL;
      g_autofree char *after = NULL;
      int status;

      g_ptr_array_add (args, (gpointer) "event");
      g_ptr_array_add (args, (gpointer)cases[i].args[0]);
      g_ptr_array_add (args, fixture->path);
      for (guint k = 1; cases[i].args[k] != NULL; k++)
        g_ptr_array_add (args, (gpointer)cases[i].args[k]);
      g_ptr_array_add (args, NULL);
      status = rdm_test_run_cliv (NULL, &err, (const char *const *)args->pdata);
      if (status != cases[i].status || strstr (err, cases[i].message) == NULL)
        g_error ("case %u: status %d, stderr “%s”", i, status, err);
      after = event_list (fixture);
      g_assert_cmpstr (after, ==, before);
    }
}

static void
test_impact_json (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (cJSON) root = NULL;
  g_autoptr (GError) error = NULL;
  RdmImpact impact;
  const char *const keys[] = { "level_change",
                               "ci_low",
                               "ci_high",
                               "slope_change",
                               "slope_ci_low",
                               "slope_ci_high",
                               "total_change",
                               "total_ci_low",
                               "total_ci_high",
                               "relative_change",
                               "before_mean",
                               "after_mean",
                               "days_before",
                               "days_after",
                               "trend",
                               "autocorrelation",
                               "r2" };
  int status = rdm_test_run_cli (&out, &err, "impact", fixture->path, "--event", "Bad buzz",
                                 "--series", "likes[channel=\"Facebook\"]", "-f", "json", NULL);

  root = parse_output (status, out, err);
  /* the window: 56 days before day 84, 28 from it */
  g_assert_true (rdm_impact_fit (fixture->likes + EVENT_DAY - 56, 84, 0, 56, &impact, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (text (root, "event"), ==, "Bad buzz");
  g_assert_cmpstr (text (root, "kind"), ==, "incident");
  g_assert_cmpstr (text (root, "series"), ==, "likes[channel=\"Facebook\"]");
  g_assert_cmpstr (text (root, "event_start"), ==, "2026-03-30");
  g_assert_cmpstr (text (root, "window_start"), ==, "2026-02-02");
  g_assert_cmpstr (text (root, "window_end"), ==, "2026-04-26");
  g_assert_cmpstr (text (root, "method"), ==, "prais-winsten");
  g_assert_true (cJSON_IsNull (cJSON_GetObjectItem (root, "kpi")));
  g_assert_true (cJSON_IsNull (cJSON_GetObjectItem (root, "conversions_source")));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    number (root, keys[i]);
  g_assert_cmpfloat_with_epsilon (number (root, "level_change"), impact.level_change.estimate,
                                  1e-9);
  g_assert_cmpfloat_with_epsilon (number (root, "ci_low"), impact.level_change.ci_low, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (root, "slope_change"), impact.slope_change.estimate,
                                  1e-12);
  g_assert_cmpfloat (number (root, "days_before"), ==, 56);
  g_assert_cmpfloat (number (root, "days_after"), ==, 28);
  /* the planted drop */
  g_assert_cmpfloat (number (root, "ci_low"), <=, -DROP);
  g_assert_cmpfloat (number (root, "ci_high"), >=, -DROP);
  g_assert_cmpfloat (number (root, "ci_high"), <, 0);

  /* CSV: the same keys as columns, one row */
  status = rdm_test_run_cli (&out, &err, "impact", fixture->path, "--event", "Bad buzz", "--series",
                             "likes", "--before", "28", "--after", "14", "-f", "csv", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "event,kind,event_start,event_end,series,formula,"
                                        "window_start,window_end,level_change,ci_low,ci_high,"));
  g_assert_nonnull (strstr (out, "\r\nBad buzz,incident,2026-03-30,2026-04-02,likes,likes,"
                                 "2026-03-02,2026-04-12,"));
  status = rdm_test_run_cli (&out, &err, "impact", fixture->path, "--event", "Bad buzz", "--series",
                             "likes", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Level change"));
}

static void
test_impact_bad_input (Fixture *fixture, gconstpointer user_data)
{
  const struct
  {
    int status;
    const char *message;
    const char *args[8];
  } cases[] = {
    { 1, "No event is labelled “Launch”", { "--event", "Launch", "--series", "likes" } },
    { 1, "no survey series named “nps”", { "--event", "Bad buzz", "--series", "series[\"nps\"]" } },
    { 1, "neither a series formula", { "--event", "Bad buzz", "--series", "Brand love" } },
    { 2,
      "--before expects a number of days from 14",
      { "--event", "Bad buzz", "--series", "likes", "--before", "10" } },
    { 2,
      "--after expects a number of days from 7",
      { "--event", "Bad buzz", "--series", "likes", "--after", "six" } },
    /* 84 days before day 84 reach before the data: 84 with data, fine;
     * 28 after day 84 reach day 111 < 140: fine; but 60 after leave the
     * data, and a window starting at the data's first day is fine too. An
     * event on day 10 has 10 days with data before. */
    { 2, "impact needs --event and --series", { "--series", "likes" } },
  };
  g_autofree char *err = NULL;
  g_autofree char *before = event_list (fixture);
  g_autofree char *after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GPtrArray) args = g_ptr_array_new ();
      int status;

      g_ptr_array_add (args, (gpointer) "impact");
      g_ptr_array_add (args, fixture->path);
      for (guint k = 0; cases[i].args[k] != NULL; k++)
        g_ptr_array_add (args, (gpointer)cases[i].args[k]);
      g_ptr_array_add (args, NULL);
      status = rdm_test_run_cliv (NULL, &err, (const char *const *)args->pdata);
      if (status != cases[i].status || strstr (err, cases[i].message) == NULL)
        g_error ("case %u: status %d, stderr “%s”", i, status, err);
    }

  /* a window reaching before the data: too few days with data */
  g_assert_cmpint (rdm_test_run_cli (NULL, &err, "event", "add", fixture->path, "--date",
                                     "2026-01-15", "--label", "Early", NULL),
                   ==, 0);
  g_assert_cmpint (rdm_test_run_cli (NULL, &err, "impact", fixture->path, "--event", "Early",
                                     "--series", "likes", NULL),
                   ==, 1);
  g_assert_nonnull (strstr (err, "Series “likes” around event “Early” (2025-11-20 to 2026-02-11): "
                                 "The window has 10 days with data before the event"));
  g_assert_cmpint (
      rdm_test_run_cli (NULL, &err, "event", "remove", fixture->path, "--label", "Early", NULL), ==,
      0);
  after = event_list (fixture);
  g_assert_cmpstr (after, ==, before);
}

static void
test_mirror_json (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *again = NULL;
  g_autofree char *err = NULL;
  g_autoptr (cJSON) root = NULL;
  g_autoptr (GArray) weeks_a = NULL;
  g_autoptr (GArray) weeks_b = NULL;
  const cJSON *lags, *row;
  guint pairs = 0;
  double r0;
  int status = rdm_test_run_cli (&out, &err, "mirror", fixture->path, "--series", "likes",
                                 "--against", "series[\"awareness\"]", "--max-lag", "4", "--seed",
                                 "7", "-f", "json", NULL);

  root = parse_output (status, out, err);
  g_assert_cmpstr (text (root, "series_a"), ==, "likes");
  g_assert_cmpstr (text (root, "series_b"), ==, "series[\"awareness\"]");
  g_assert_cmpstr (text (root, "by"), ==, "week");
  g_assert_cmpstr (text (root, "from"), ==, "2026-01-05");
  g_assert_cmpstr (text (root, "to"), ==, "2026-05-24");
  lags = cJSON_GetObjectItem (root, "lags");
  g_assert_cmpint (cJSON_GetArraySize (lags), ==, 9);
  row = cJSON_GetArrayItem (lags, 4);
  g_assert_cmpfloat (number (row, "lag"), ==, 0);
  number (row, "ci_low");
  number (row, "ci_high");
  /* 20 weeks; the survey answers 18 of them */
  g_assert_cmpfloat (number (root, "periods"), ==, 20);
  g_assert_cmpfloat (number (root, "periods_used"), ==, 18);
  g_assert_cmpfloat (number (row, "n"), ==, 18);
  /* the planted lead of two weeks */
  g_assert_cmpfloat (number (root, "best_lag"), ==, 2);
  g_assert_cmpfloat (number (root, "best_lag_ci_low"), <=, 2);
  g_assert_cmpfloat (number (root, "best_lag_ci_high"), >=, 2);
  g_assert_cmpfloat (number (root, "best_r"), >, 0.5);
  g_assert_true (cJSON_IsTrue (cJSON_GetObjectItemCaseSensitive (root, "best_lag_clear")));
  g_assert_cmpfloat (number (root, "seed"), ==, 7);
  g_assert_cmpfloat (number (root, "resamples"), ==, 1000);

  /* r at lag 0 is the correlation of the generated weeks */
  weeks_a = rdm_mirror_aggregate (fixture->likes, N_DAYS, T0, RDM_MIRROR_BY_WEEK, NULL);
  weeks_b = rdm_mirror_aggregate (fixture->awareness, N_DAYS, T0, RDM_MIRROR_BY_WEEK, NULL);
  r0 = rdm_mirror_correlation ((const double *)weeks_a->data, (const double *)weeks_b->data, 20, 0,
                               NULL, 0, &pairs);
  g_assert_cmpuint (pairs, ==, 18);
  g_assert_cmpfloat_with_epsilon (number (row, "r"), r0, 1e-12);

  /* the same seed, the same interval */
  status = rdm_test_run_cli (&again, &err, "mirror", fixture->path, "--series", "likes",
                             "--against", "series[\"awareness\"]", "--max-lag", "4", "--seed", "7",
                             "-f", "json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (again, ==, out);

  status = rdm_test_run_cli (&out, &err, "mirror", fixture->path, "--series", "likes", "--against",
                             "likes", "--by", "month", "--max-lag", "1", "-f", "csv", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "lag,r,ci_low,ci_high,n,n_effective,best\r\n-1,"));
  g_assert_nonnull (strstr (out, "\r\n0,1,"));
  status = rdm_test_run_cli (&out, &err, "mirror", fixture->path, "--series", "likes", "--against",
                             "series[\"awareness\"]", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Best lag 2"));
}

static void
test_mirror_bad_input (Fixture *fixture, gconstpointer user_data)
{
  const struct
  {
    int status;
    const char *message;
    const char *args[10];
  } cases[] = {
    { 1,
      "A maximum lag of 17 periods is out of range: the 20 periods of the range allow at most 16",
      { "--series", "likes", "--against", "likes", "--max-lag", "17" } },
    { 2,
      "--max-lag expects a whole number",
      { "--series", "likes", "--against", "likes", "--max-lag", "-1" } },
    { 2,
      "--by: unknown period “year”",
      { "--series", "likes", "--against", "likes", "--by", "year" } },
    { 1,
      "no channel named “TikTok”",
      { "--series", "likes[channel=\"TikTok\"]", "--against", "likes" } },
    { 2,
      "“yesterday” is not a date",
      { "--series", "likes", "--against", "likes", "--from", "yesterday" } },
    { 2,
      "--to is before --from",
      { "--series", "likes", "--against", "likes", "--from", "2026-03-01", "--to", "2026-02-01" } },
    { 1,
      "have data in the same periods 0 times",
      { "--series", "likes", "--against", "cost", "--by", "week" } },
    { 2, "mirror needs --series and --against", { "--series", "likes" } },
    { 2,
      "before it starts on 2031-01-01: set --from and --to within the project’s days",
      { "--series", "likes", "--against", "likes", "--from", "2031-01-01" } },
    { 2,
      "at most 7305 are compared",
      { "--series", "likes", "--against", "likes", "--from", "1990-01-01", "--to", "2026-01-01" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GPtrArray) args = g_ptr_array_new ();
      g_autofree char *err = NULL;
      int status;

      g_ptr_array_add (args, (gpointer) "mirror");
      g_ptr_array_add (args, fixture->path);
      for (guint k = 0; cases[i].args[k] != NULL; k++)
        g_ptr_array_add (args, (gpointer)cases[i].args[k]);
      g_ptr_array_add (args, NULL);
      status = rdm_test_run_cliv (NULL, &err, (const char *const *)args->pdata);
      if (status != cases[i].status || strstr (err, cases[i].message) == NULL)
        g_error ("case %u: status %d, stderr “%s”", i, status, err);
    }
}

/* --chart draws the overlay: a PNG with the series, the first shifted by
 * the best lag, and the incident; a format it cannot write is refused
 * before anything is written. */
static void
test_mirror_chart (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *png = g_build_filename (fixture->dir, "mirror.png", NULL);
  g_autofree char *bad = g_build_filename (fixture->dir, "mirror.bmp", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_cmpint (rdm_test_run_cli (&out, &err, "mirror", fixture->path, "--series", "likes",
                                     "--against", "series[\"awareness\"]", "--chart", png, NULL),
                   ==, 0);
  g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "mirror", fixture->path, "--series", "likes",
                                     "--against", "series[\"awareness\"]", "--chart", bad, NULL),
                   !=, 0);
  g_assert_nonnull (strstr (err, "mirror.bmp"));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli-events/event", test_event_commands);
  ADD ("/cli-events/event-bad-input", test_event_bad_input);
  ADD ("/cli-events/impact-json", test_impact_json);
  ADD ("/cli-events/impact-bad-input", test_impact_bad_input);
  ADD ("/cli-events/mirror-json", test_mirror_json);
  ADD ("/cli-events/mirror-bad-input", test_mirror_bad_input);
  ADD ("/cli-events/mirror-chart", test_mirror_chart);
#undef ADD
  return g_test_run ();
}
