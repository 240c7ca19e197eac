/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Dated events in the project file (data/rdm-events.c) and daily series
 * (data/rdm-series.c), on a small project written here:
 *
 *   T0 = 2026-04-01 (a Wednesday); Facebook cost 10 on T0, 20 on T0+2d
 *   (so 0 on T0+1d, no data before T0 or after T0+2d); conversions 5 at
 *   T0 (values 1 .. 5) and 2 at T0+2d, one of them a "signup"; survey
 *   series "awareness" 0.4 on T0+1d only; a KPI "Cost per conversion"
 *   (cost / conversions).
 */
#include "config.h"

#include <math.h>

#include "rdm-business.h"
#include "rdm-events.h"
#include "rdm-project-db.h"
#include "rdm-project-private.h"
#include "rdm-series.h"
#include "rdm-test-util.h"

#define T0 G_GINT64_CONSTANT (1775001600)
#define DAY 86400

typedef struct
{
  char *dir;
  char *path;
  RdmProject *project;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  RdmKpi kpi = {
    .objective = (char *)"Grow",
    .name = (char *)"Cost per conversion",
    .formula = (char *)"cost / conversions",
    .unit = (char *)"€",
    .period = RDM_PERIOD_MONTH,
  };
  g_autofree char *sql = NULL;

  fixture->dir = rdm_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "events.rendement", NULL);
  fixture->project = rdm_project_create (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rdm_project_ensure_channel (fixture->project, "Facebook", &error), ==, 1);
  sql = g_strdup_printf (
      "INSERT INTO cost (day, channel_id, category, amount) VALUES (%1$" G_GINT64_FORMAT
      ", 1, 'media', 10), (%1$" G_GINT64_FORMAT " + 2 * 86400, 1, 'media', 20);"
      "INSERT INTO visitor (id, external_id) VALUES (1, 'a');"
      "INSERT INTO touchpoint (visitor_id, time, channel_id, interaction) VALUES (1, "
      "%1$" G_GINT64_FORMAT " - 3600, 1, 1);"
      "INSERT INTO conversion (visitor_id, time, event, value) VALUES"
      " (1, %1$" G_GINT64_FORMAT " + 60, 'purchase', 1), (1, %1$" G_GINT64_FORMAT
      " + 120, 'purchase', 2),"
      " (1, %1$" G_GINT64_FORMAT " + 180, 'purchase', 3), (1, %1$" G_GINT64_FORMAT
      " + 240, 'purchase', 4),"
      " (1, %1$" G_GINT64_FORMAT " + 300, 'purchase', 5), (1, %1$" G_GINT64_FORMAT
      " + 2 * 86400 + 60, 'purchase', 6),"
      " (1, %1$" G_GINT64_FORMAT " + 2 * 86400 + 120, 'signup', 0);"
      "INSERT INTO series_value (day, metric, value) VALUES (%1$" G_GINT64_FORMAT
      " + 86400, 'awareness', 0.4)",
      T0);
  g_assert_true (rdm_project_exec (fixture->project, sql, &error));
  g_assert_no_error (error);
  g_assert_true (rdm_project_add_objective (fixture->project, "Grow", "sales", "", &error));
  g_assert_true (rdm_project_add_kpi (fixture->project, &kpi, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  g_clear_object (&fixture->project);
  rdm_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static char *
list_text (RdmProject *project)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) events = rdm_project_list_events (project, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    {
      const RdmDatedEvent *event = g_ptr_array_index (events, i);

      g_string_append_printf (text, "%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%s\n",
                              event->label, (event->start_day - T0) / DAY,
                              (event->end_day - T0) / DAY, event->kind);
    }
  return g_string_free (text, FALSE);
}

static void
test_add_list_remove (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmDatedEvent) found = NULL;
  g_autofree char *text = NULL;

  /* a time in the day is taken to the day */
  g_assert_true (rdm_project_add_event (fixture->project, T0 + 10 * DAY + 3600, T0 + 12 * DAY,
                                        "Bad buzz", "incident", &error));
  g_assert_true (rdm_project_add_event (fixture->project, T0 + 2 * DAY, T0 + 2 * DAY,
                                        "Spring launch", NULL, &error));
  g_assert_true (rdm_project_add_event (fixture->project, T0 + 2 * DAY, T0 + 5 * DAY, "Press",
                                        "press", &error));
  g_assert_no_error (error);
  text = list_text (fixture->project);
  g_assert_cmpstr (text, ==, "Spring launch|2|2|other\nPress|2|5|press\nBad buzz|10|12|incident\n");

  found = rdm_project_find_event (fixture->project, "Bad buzz", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->start_day, ==, T0 + 10 * DAY);
  g_assert_cmpint (found->end_day, ==, T0 + 12 * DAY);
  g_assert_cmpstr (found->kind, ==, "incident");

  g_assert_true (rdm_project_remove_event (fixture->project, "Press", &error));
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = list_text (fixture->project);
  g_assert_cmpstr (text, ==, "Spring launch|2|2|other\nBad buzz|10|12|incident\n");
}

/* Every refusal names what was wrong and leaves the events as they were. */
static void
test_bad_input (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (RdmDatedEvent) missing = NULL;

  g_assert_true (rdm_project_add_event (fixture->project, T0, T0, "Launch", "launch", &error));
  before = list_text (fixture->project);

  g_assert_false (rdm_project_add_event (fixture->project, T0, T0, "Launch", "press", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "“Launch” already exists"));
  g_clear_error (&error);
  g_assert_false (
      rdm_project_add_event (fixture->project, T0 + DAY, T0, "Backwards", "press", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (
      strstr (error->message, "would end (2026-04-01) before it starts (2026-04-02)"));
  g_clear_error (&error);
  g_assert_false (rdm_project_add_event (fixture->project, T0, T0, "  ", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "non-empty"));
  g_clear_error (&error);
  g_assert_false (rdm_project_add_event (fixture->project, T0, T0, "", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (rdm_project_add_event (fixture->project, T0, T0, "Rumour", "gossip", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "incident, launch, press, promotion, other"));
  g_clear_error (&error);
  g_assert_false (rdm_project_add_event (fixture->project, -DAY, T0, "Too early", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (rdm_project_remove_event (fixture->project, "Nothing", &error));
  g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“Nothing”"));
  g_clear_error (&error);
  missing = rdm_project_find_event (fixture->project, "Nothing", &error);
  g_assert_null (missing);
  g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND);

  after = list_text (fixture->project);
  g_assert_cmpstr (after, ==, before);
}

/* A version 7 file gains the table, and a file whose event breaks the
 * rules (an end before its start, written byte by byte) is refused. */
static void
test_migration (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "v7.rendement", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = _rdm_project_create_at_version (path, 7, &error);

  g_assert_no_error (error);
  g_assert_cmpint (rdm_test_query_int (rdm_project_get_db (project),
                                       "SELECT count(*) FROM sqlite_schema WHERE name = 'event'"),
                   ==, 0);
  g_clear_object (&project);
  project = rdm_project_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rdm_test_query_int (rdm_project_get_db (project), "PRAGMA user_version"), ==,
                   rdm_project_schema_version ());
  g_assert_true (rdm_project_add_event (project, T0, T0 + DAY, "After migration", "press", &error));
  g_assert_no_error (error);
  /* the CHECK holds for writes that bypass the data functions */
  g_assert_false (rdm_project_exec (project,
                                    "INSERT INTO event (start_day, end_day, label, kind)"
                                    " VALUES (86400, 0, 'x', 'other')",
                                    &error));
  g_assert_nonnull (error);
  g_clear_object (&project);
  rdm_test_remove_tree (dir);
}

static void
assert_values (const RdmDailySeries *series, const double *expected, guint n)
{
  g_assert_cmpuint (series->n_days, ==, n);
  for (guint t = 0; t < n; t++)
    {
      if (isnan (expected[t]))
        g_assert_true (isnan (series->values[t]));
      else
        g_assert_cmpfloat_with_epsilon (series->values[t], expected[t], 1e-12);
    }
}

static RdmDailySeries *
load (Fixture *fixture, const char *name)
{
  g_autoptr (GError) error = NULL;
  RdmDailySeries *series
      = rdm_project_load_daily_series (fixture->project, name, T0 - DAY + 7200, 5, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (series);
  return series;
}

/* Days T0 − 1 .. T0 + 3. */
static void
test_daily_series (Fixture *fixture, gconstpointer user_data)
{
  /* the event log spans T0 − 1h .. T0 + 2d: flows are defined on T0 − 1d
   * (a touch) to T0 + 2d */
  const double cost[] = { NAN, 10, 0, 20, NAN };
  const double conversions[] = { 0, 5, 0, 2, NAN };
  const double value[] = { 0, 15, 0, 6, NAN };
  const double purchases[] = { 0, 5, 0, 1, NAN };
  const double facebook[] = { 0, 1, 0, 0, NAN };
  const double awareness[] = { NAN, NAN, 0.4, NAN, NAN };
  const double per_conversion[] = { NAN, 2, NAN, 10, NAN };
  const double outcomes[] = { NAN, 50, NAN, NAN, NAN };
  g_autoptr (RdmDailySeries) series = NULL;
  g_autoptr (GError) error = NULL;

  series = load (fixture, "cost[channel=\"Facebook\"]");
  g_assert_cmpint (series->first_day, ==, T0 - DAY);
  assert_values (series, cost, 5);
  g_assert_cmpuint (series->days_with_data, ==, 3);
  g_assert_null (series->conversions_source);
  g_assert_null (series->kpi);
  g_clear_pointer (&series, rdm_daily_series_free);

  series = load (fixture, "conversions");
  assert_values (series, conversions, 5);
  g_assert_cmpstr (series->conversions_source, ==, "events");
  g_clear_pointer (&series, rdm_daily_series_free);
  series = load (fixture, "value");
  assert_values (series, value, 5);
  g_clear_pointer (&series, rdm_daily_series_free);
  series = load (fixture, "conversions[event=\"purchase\"]");
  assert_values (series, purchases, 5);
  g_clear_pointer (&series, rdm_daily_series_free);
  /* one visitor, one Facebook click: a journey restarts after a
   * conversion (the default), so Facebook is credited with the first
   * conversion only, and the rest have no touch */
  series = load (fixture, "conversions[channel=\"Facebook\"]");
  assert_values (series, facebook, 5);
  g_clear_pointer (&series, rdm_daily_series_free);
  series = load (fixture, "series[\"awareness\"]");
  assert_values (series, awareness, 5);
  g_assert_cmpuint (series->days_with_data, ==, 1);
  g_clear_pointer (&series, rdm_daily_series_free);
  /* a KPI by name: cost / conversions, n/a where conversions are 0 */
  series = load (fixture, "Cost per conversion");
  assert_values (series, per_conversion, 5);
  g_assert_cmpstr (series->kpi, ==, "Grow / Cost per conversion");
  g_assert_cmpstr (series->formula, ==, "cost / conversions");
  g_clear_pointer (&series, rdm_daily_series_free);

  /* daily outcomes, once imported, are the day's conversions */
  g_assert_true (rdm_project_exec (
      fixture->project,
      "INSERT INTO outcome (day, conversions, value) VALUES (1775001600, 30, 300),"
      " (1775001600, 20, 200)",
      &error));
  series = load (fixture, "conversions");
  assert_values (series, outcomes, 5);
  g_assert_cmpstr (series->conversions_source, ==, "outcomes");
  g_clear_pointer (&series, rdm_daily_series_free);
  /* but an event's conversions are the event log's */
  series = load (fixture, "conversions[event=\"purchase\"]");
  assert_values (series, purchases, 5);
  g_assert_cmpstr (series->conversions_source, ==, "events");
}

static void
test_series_errors (Fixture *fixture, gconstpointer user_data)
{
  const struct
  {
    const char *name;
    const char *message;
  } cases[] = {
    { "series[\"satisfaction\"]", "no survey series named “satisfaction”" },
    { "likes[channel=\"TikTok\"]", "no channel named “TikTok”" },
    { "growth(cost)", "read months" },
    { "Unknown KPI", "neither a series formula" },
    { "cost +", "neither a series formula" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RdmDailySeries) series
          = rdm_project_load_daily_series (fixture->project, cases[i].name, T0, 5, NULL, &error);

      g_assert_null (series);
      g_assert_nonnull (error);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("“%s”: unexpected message “%s”", cases[i].name, error->message);
    }
}

static void
test_day_range (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "empty.rendement", NULL);
  g_autoptr (RdmProject) empty = NULL;
  gint64 first = 0, last = 0;

  g_assert_true (rdm_project_get_day_range (fixture->project, &first, &last, &error));
  g_assert_no_error (error);
  g_assert_cmpint (first, ==, T0 - DAY);
  g_assert_cmpint (last, ==, T0 + 2 * DAY);
  empty = rdm_project_create (path, &error);
  g_assert_false (rdm_project_get_day_range (empty, &first, &last, &error));
  g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND);
  g_clear_object (&empty);
  rdm_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/events/add-list-remove", test_add_list_remove);
  ADD ("/events/bad-input", test_bad_input);
  ADD ("/events/daily-series", test_daily_series);
  ADD ("/events/series-errors", test_series_errors);
  ADD ("/events/day-range", test_day_range);
#undef ADD
  g_test_add_func ("/events/migration", test_migration);
  return g_test_run ();
}
