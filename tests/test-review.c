/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The quarterly review's ROI pages ("rendement-cli report" and the
 * window's export) on the demo project with shared costs added: the ROI
 * chart states the rule they were allocated by, the cost-value chart what
 * the credit is; without shared costs, the ROI chart says what the credit
 * is too.
 */
#include "config.h"

#include "rdm-chart-private.h"
#include "rdm-project-db.h"
#include "rdm-review.h"
#include "rdm-test-util.h"

typedef struct
{
  char *dir;
  RdmProject *project;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = rdm_test_make_tmpdir ();
  path = rdm_test_copy_demo (fixture->dir, "demo.rendement");
  fixture->project = rdm_project_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  g_clear_object (&fixture->project);
  rdm_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* The review's charts of 2026Q3 under the linear model, shared costs
 * allocated by @rule_text. */
static GPtrArray *
review (Fixture *fixture, const char *rule_text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) models = g_array_new (FALSE, FALSE, sizeof (RdmModel));
  g_auto (RdmSharedRule) rule = { RDM_SHARED_BY_MEDIA, NULL };
  RdmModel linear = RDM_MODEL_LINEAR;
  RdmPathOptions path;
  RdmModelOptions model;
  RdmPeriod period;
  GPtrArray *charts;

  g_assert_true (rdm_shared_rule_parse (rule_text, &rule, NULL));
  g_assert_true (rdm_period_parse ("2026Q3", &period, NULL));
  g_array_append_val (models, linear);
  rdm_path_options_init (&path);
  rdm_model_options_init (&model);
  charts = rdm_review_compute (fixture->project, &path, &model, models, 0, 1, 0, &period, FALSE,
                               FALSE, RDM_UNTESTED_MEAN, &rule, &error);
  g_assert_no_error (error);
  rdm_path_options_clear (&path);
  rdm_model_options_clear (&model);
  return charts;
}

static const char *
note (GPtrArray *charts, const char *kind)
{
  const char *const *kinds = rdm_review_chart_kinds ();

  for (guint i = 0; kinds[i] != NULL; i++)
    if (g_str_equal (kinds[i], kind))
      return ((RdmChart *)g_ptr_array_index (charts, i))->note;
  g_error ("no chart %s", kind);
}

static void
test_shared_rule (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) plain = review (fixture, "media");
  g_autoptr (GPtrArray) media = NULL;
  g_autoptr (GPtrArray) even = NULL;

  g_assert_true (g_str_has_prefix (note (plain, "roi"), "Credit is not incrementality"));

  /* 2026-07-09 and 2026-07-30, in Q3: 4000 + 500 = 4500 */
  g_assert_true (rdm_project_exec (fixture->project,
                                   "INSERT INTO shared_cost (day, category, amount, description)"
                                   " VALUES (1783555200, 'other', 4000, 'agency fee'),"
                                   " (1785369600, 'tools', 500, 'tools')",
                                   &error));
  g_assert_no_error (error);
  media = review (fixture, "media");
  g_assert_cmpstr (note (media, "roi"), ==,
                   "Shared costs of 4500.00 (agency fee, tools) are allocated in proportion to "
                   "media spend.");
  g_assert_true (g_str_has_prefix (note (media, "cost-value"), "Credit is not incrementality"));

  even = review (fixture, "even");
  g_assert_true (g_str_has_prefix (note (even, "roi"), "Shared costs of 4500.00 (agency fee, "
                                                       "tools) are split equally among the "));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/review/shared-rule", Fixture, NULL, fixture_set_up, test_shared_rule,
              fixture_tear_down);

  return g_test_run ();
}
