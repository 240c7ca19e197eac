/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The suggested KPIs: on the demo project (every series and follower
 * counts) all six are added to the demo's own objectives; on a project with
 * nothing but one survey series only the KPIs that can be evaluated are
 * added, under created objectives; a second call adds nothing; a clash
 * with an existing objective's name changes nothing.
 */
#include "config.h"

#include <math.h>

#include "rdm-business.h"
#include "rdm-kpi-report.h"
#include "rdm-project-db.h"
#include "rdm-suggested-kpis.h"
#include "rdm-test-util.h"

typedef struct
{
  char *dir;
  RdmProject *project;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = rdm_test_make_tmpdir ();
  path = g_build_filename (fixture->dir, "kpis.rendement", NULL);
  fixture->project = rdm_project_create (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->project);
  rdm_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static const RdmKpi *
find_kpi (GPtrArray *kpis, const char *name)
{
  for (guint i = 0; i < kpis->len; i++)
    {
      const RdmKpi *kpi = g_ptr_array_index (kpis, i);

      if (g_str_equal (kpi->name, name))
        return kpi;
    }
  return NULL;
}

static void
test_demo (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) kpis = NULL;
  g_autoptr (GPtrArray) objectives = NULL;
  const RdmKpi *kpi;
  guint n_added = 99;
  g_autofree char *demo = rdm_test_copy_demo (fixture->dir, "demo.rendement");

  g_clear_object (&fixture->project);
  fixture->project = rdm_project_open (demo, &error);
  g_assert_no_error (error);
  /* the demo may come with a scorecard: these tests build their own */
  g_assert_true (rdm_project_exec (fixture->project, "DELETE FROM kpi", &error));
  g_assert_no_error (error);
  g_assert_true (rdm_project_add_suggested_kpis (fixture->project, &n_added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, 6);

  /* The demo's three objectives are reused, none is created. */
  objectives = rdm_project_list_objectives (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (objectives->len, ==, 3);

  kpis = rdm_project_list_kpis (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kpis->len, ==, 6);
  kpi = find_kpi (kpis, "Social ROAS");
  g_assert_nonnull (kpi);
  g_assert_cmpstr (kpi->objective, ==, "Grow online sales");
  g_assert_cmpstr (kpi->formula, ==, "value[group=\"social\"] / cost[group=\"social\"]");
  g_assert_false (kpi->lower_is_better);
  g_assert_cmpint (kpi->period, ==, RDM_PERIOD_QUARTER);
  kpi = find_kpi (kpis, "Cost per acquisition");
  g_assert_nonnull (kpi);
  g_assert_true (kpi->lower_is_better);
  g_assert_true (kpi->has_target);
  g_assert_cmpfloat (kpi->target, ==, 60);
  kpi = find_kpi (kpis, "Brand awareness");
  g_assert_cmpstr (kpi->objective, ==, "Build brand awareness");
  g_assert_cmpstr (kpi->unit, ==, "%");
  kpi = find_kpi (kpis, "Followers growth");
  g_assert_cmpstr (kpi->objective, ==, "Build brand awareness");
  g_assert_cmpstr (kpi->formula, ==, "100 * growth(followers)");
  kpi = find_kpi (kpis, "Customer satisfaction");
  g_assert_cmpstr (kpi->objective, ==, "Reduce support calls");
  kpi = find_kpi (kpis, "Call deflection savings");
  g_assert_cmpstr (kpi->objective, ==, "Reduce support calls");

  /* Twice is once. */
  g_assert_true (rdm_project_add_suggested_kpis (fixture->project, &n_added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, 0);
  g_clear_pointer (&kpis, g_ptr_array_unref);
  kpis = rdm_project_list_kpis (fixture->project, &error);
  g_assert_cmpuint (kpis->len, ==, 6);
}

static void
add_series (RdmProject *project, const char *day, const char *metric, double value)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) date = NULL;
  g_autofree char *iso = g_strdup_printf ("%sT00:00:00Z", day);
  g_autofree char *sql = NULL;
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  date = g_date_time_new_from_iso8601 (iso, NULL);
  g_assert_nonnull (date);
  g_ascii_dtostr (number, sizeof number, value);
  sql = g_strdup_printf ("INSERT INTO series_value (day, metric, value) VALUES (%" G_GINT64_FORMAT
                         ", '%s', %s)",
                         g_date_time_to_unix (date), metric, number);
  g_assert_true (rdm_project_exec (project, sql, &error));
  g_assert_no_error (error);
}

static void
test_only_what_can_be_evaluated (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) kpis = NULL;
  g_autoptr (GPtrArray) objectives = NULL;
  g_autoptr (GPtrArray) results = NULL;
  g_autoptr (RdmMetrics) metrics = NULL;
  RdmPathOptions path_options;
  RdmModelOptions model_options;
  const RdmObjective *objective;
  RdmPeriod q3;
  guint n_added = 0;

  add_series (fixture->project, "2026-07-01", "brand_awareness", 35);
  add_series (fixture->project, "2026-09-01", "brand_awareness", 38.5);
  g_assert_true (rdm_project_add_suggested_kpis (fixture->project, &n_added, &error));
  g_assert_no_error (error);
  /* Social ROAS and CPA (no data needed) and Brand awareness; no
   * satisfaction, savings or followers in this project. */
  g_assert_cmpuint (n_added, ==, 3);
  kpis = rdm_project_list_kpis (fixture->project, &error);
  g_assert_nonnull (find_kpi (kpis, "Brand awareness"));
  g_assert_null (find_kpi (kpis, "Customer satisfaction"));
  g_assert_null (find_kpi (kpis, "Followers growth"));
  g_assert_null (find_kpi (kpis, "Call deflection savings"));

  objectives = rdm_project_list_objectives (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (objectives->len, ==, 2);
  objective = g_ptr_array_index (objectives, 0);
  g_assert_cmpstr (objective->name, ==, "Build brand awareness");
  g_assert_cmpstr (objective->business_function, ==, "marketing");
  objective = g_ptr_array_index (objectives, 1);
  g_assert_cmpstr (objective->name, ==, "Grow online sales");
  g_assert_cmpstr (objective->business_function, ==, "sales");

  /* A series is a level: Q3's value is September's 38.5, the latest in
   * the quarter, under the target of 40. ROAS is n/a (no cost). */
  rdm_path_options_init (&path_options);
  rdm_model_options_init (&model_options);
  metrics = rdm_metrics_new (fixture->project, NULL, &path_options, &model_options, NULL,
                             RDM_MODEL_LINEAR);
  g_assert_true (rdm_period_parse ("2026Q3", &q3, &error));
  results = rdm_kpi_report_compute (metrics, fixture->project, &q3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 3);
  for (guint i = 0; i < results->len; i++)
    {
      const RdmKpiResult *result = g_ptr_array_index (results, i);

      if (g_str_equal (result->kpi->name, "Brand awareness"))
        {
          g_assert_true (result->actual.defined);
          g_assert_cmpfloat (result->actual.value, ==, 38.5);
          g_assert_cmpint (result->status, ==, RDM_KPI_STATUS_MISSED);
        }
      else if (g_str_equal (result->kpi->name, "Social ROAS"))
        {
          g_assert_false (result->actual.defined);
          g_assert_cmpint (result->status, ==, RDM_KPI_STATUS_UNKNOWN);
        }
    }
  rdm_path_options_clear (&path_options);
  rdm_model_options_clear (&model_options);
}

static void
test_clash_changes_nothing (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) kpis = NULL;
  g_autoptr (GPtrArray) objectives = NULL;
  guint n_added = 42;

  /* An objective of another function holds the name the sales objective
   * would be created with: the whole call fails and leaves no KPI. */
  g_assert_true (
      rdm_project_add_objective (fixture->project, "Grow online sales", "hr", "", &error));
  g_assert_no_error (error);
  g_assert_false (rdm_project_add_suggested_kpis (fixture->project, &n_added, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Grow online sales"));
  g_assert_cmpuint (n_added, ==, 42);
  g_clear_error (&error);

  kpis = rdm_project_list_kpis (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kpis->len, ==, 0);
  objectives = rdm_project_list_objectives (fixture->project, &error);
  g_assert_cmpuint (objectives->len, ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/suggested-kpis/demo", Fixture, NULL, fixture_set_up, test_demo, fixture_tear_down);
  g_test_add ("/suggested-kpis/only-what-can-be-evaluated", Fixture, NULL, fixture_set_up,
              test_only_what_can_be_evaluated, fixture_tear_down);
  g_test_add ("/suggested-kpis/clash-changes-nothing", Fixture, NULL, fixture_set_up,
              test_clash_changes_nothing, fixture_tear_down);
  return g_test_run ();
}
