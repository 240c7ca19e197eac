/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The analysis settings saved in a project (data/rdm-analysis-config.c):
 * defaults, a round trip through the file and a reopening, the engine
 * options they give, and crafted files (out-of-range windows, wrong types,
 * bad periods, text that is not JSON) that are reset with a message naming
 * each setting, never used and never a crash.
 */
#include "config.h"

#include "rdm-analysis-config.h"
#include "rdm-definitions.h"
#include "rdm-period.h"
#include "rdm-project-db.h"
#include "rdm-test-util.h"

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

  fixture->dir = rdm_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "settings.rendement", NULL);
  fixture->project = rdm_project_create (fixture->path, &error);
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

/* Stores @json as the saved settings, as a crafted file would hold them. */
static void
store_raw (Fixture *fixture, const char *json)
{
  sqlite3 *db = rdm_project_get_db (fixture->project);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT OR REPLACE INTO model_setting (name, settings_json)"
                                       " VALUES ('analysis', ?1)",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static void
assert_defaults (const RdmAnalysisConfig *config)
{
  g_assert_cmpuint (config->model, ==, RDM_MODEL_LINEAR);
  g_assert_cmpuint (config->reference_model, ==, RDM_MODEL_LAST);
  g_assert_cmpfloat (config->click_window, ==, 30);
  g_assert_cmpfloat (config->view_window, ==, 1);
  g_assert_cmpuint (config->direction, ==, RDM_DIRECTION_BACKWARD);
  g_assert_true (config->restart);
  g_assert_null (config->period);
  g_assert_null (config->event);
  g_assert_null (config->segment);
  g_assert_null (config->shared_costs);
  g_assert_cmpfloat (config->view_weight, ==, 100);
  g_assert_cmpuint (config->markov_order, ==, 1);
}

static void
test_defaults (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *warning = NULL;
  RdmAnalysisConfig config;

  rdm_analysis_config_init (&config);
  assert_defaults (&config);
  /* nothing saved yet: nothing changes, nothing to say */
  g_assert_true (rdm_project_load_analysis_config (fixture->project, &config, &warning, &error));
  g_assert_no_error (error);
  g_assert_null (warning);
  assert_defaults (&config);
  rdm_analysis_config_clear (&config);
}

static void
test_round_trip (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *warning = NULL;
  RdmAnalysisConfig saved, loaded;

  rdm_analysis_config_init (&saved);
  saved.model = RDM_MODEL_MARKOV;
  saved.click_window = 7;
  saved.view_window = 0.5;
  saved.level = RDM_LEVEL_CAMPAIGN;
  saved.restart = FALSE;
  saved.period = g_strdup ("2026Q2");
  saved.segment = g_strdup ("Blog readers aged 25–49");
  saved.click_priority = TRUE;
  saved.view_weight = 40;
  saved.markov_order = 3;
  saved.shared_costs = g_strdup ("group=paid_social");
  g_assert_true (rdm_project_save_analysis_config (fixture->project, &saved, &error));
  g_assert_no_error (error);
  /* saving again replaces, never adds a row */
  saved.click_window = 14;
  g_assert_true (rdm_project_save_analysis_config (fixture->project, &saved, &error));
  g_assert_cmpint (rdm_test_query_int (rdm_project_get_db (fixture->project),
                                       "SELECT count(*) FROM model_setting"),
                   ==, 1);

  /* closed and opened again, as the window does */
  g_clear_object (&fixture->project);
  fixture->project = rdm_project_open (fixture->path, &error);
  g_assert_no_error (error);
  rdm_analysis_config_init (&loaded);
  g_assert_true (rdm_project_load_analysis_config (fixture->project, &loaded, &warning, &error));
  g_assert_no_error (error);
  g_assert_null (warning);
  g_assert_cmpuint (loaded.model, ==, RDM_MODEL_MARKOV);
  g_assert_cmpfloat (loaded.click_window, ==, 14);
  g_assert_cmpfloat (loaded.view_window, ==, 0.5);
  g_assert_cmpuint (loaded.level, ==, RDM_LEVEL_CAMPAIGN);
  g_assert_false (loaded.restart);
  g_assert_cmpstr (loaded.period, ==, "2026Q2");
  g_assert_null (loaded.event);
  g_assert_cmpstr (loaded.segment, ==, "Blog readers aged 25–49");
  g_assert_true (loaded.click_priority);
  g_assert_cmpfloat (loaded.view_weight, ==, 40);
  g_assert_cmpuint (loaded.markov_order, ==, 3);
  g_assert_cmpstr (loaded.shared_costs, ==, "group=paid_social");
  g_assert_cmpuint (loaded.reference_model, ==, RDM_MODEL_LAST);
  rdm_analysis_config_clear (&saved);
  rdm_analysis_config_clear (&loaded);
}

static void
test_options (void)
{
  g_autoptr (GError) error = NULL;
  RdmAnalysisConfig config;
  RdmPathOptions path;
  RdmModelOptions model;
  RdmPeriod q2;

  rdm_analysis_config_init (&config);
  config.click_window = 7;
  config.view_weight = 40;
  config.first_weight = 60;
  config.period = g_strdup ("2026Q2");
  config.event = g_strdup ("purchase");
  g_assert_true (rdm_analysis_config_get_options (&config, &path, &model, &error));
  g_assert_no_error (error);
  /* what --click-window 7 --view-weight 0.4 --weights 0.6,… --period 2026Q2
   * --event purchase give */
  g_assert_cmpfloat (path.click_window_days, ==, 7);
  g_assert_cmpfloat (path.view_window_days, ==, 1);
  g_assert_cmpfloat (model.view_weight, ==, 0.4);
  g_assert_cmpfloat (model.first_weight, ==, 0.6);
  g_assert_true (rdm_period_parse ("2026Q2", &q2, NULL));
  g_assert_cmpint (path.from_time, ==, q2.start);
  g_assert_cmpint (path.to_time, ==, q2.end);
  g_assert_cmpstr (path.events[0], ==, "purchase");
  g_assert_null (path.events[1]);
  rdm_path_options_clear (&path);
  rdm_model_options_clear (&model);

  /* a period that is not one fails with the parser's message */
  g_free (config.period);
  config.period = g_strdup ("2026Q9");
  g_assert_false (rdm_analysis_config_get_options (&config, &path, &model, &error));
  g_assert_error (error, RDM_PERIOD_ERROR, RDM_PERIOD_ERROR_PARSE);
  g_clear_error (&error);
  rdm_path_options_clear (&path);
  rdm_model_options_clear (&model);

  /* position weights all 0, which "--weights 0,0,0" is refused for */
  g_clear_pointer (&config.period, g_free);
  config.first_weight = config.middle_weight = config.last_weight = 0;
  g_assert_false (rdm_analysis_config_get_options (&config, &path, &model, &error));
  g_assert_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_INVALID_OPTIONS);
  rdm_path_options_clear (&path);
  rdm_model_options_clear (&model);
  rdm_analysis_config_clear (&config);
}

static void
test_bad_values (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *warning = NULL;
  RdmAnalysisConfig config;

  /* a click window of 1000 days (the controls stop at 365), a negative
   * view window, a text where a number goes, half a Markov order, a
   * quarter 9, a number where true/false goes, a model past the last and
   * an infinite weight (1e999 parses as inf); the valid members are used */
  store_raw (fixture, "{\"click-window\": 1000, \"view-window\": -1, \"half-life\": \"seven\","
                      " \"markov-order\": 2.5, \"period\": \"2026Q9\", \"restart\": 1,"
                      " \"model\": 10, \"view-weight\": 1e999, \"segment\": 42,"
                      " \"shared-costs\": \"proportional\","
                      " \"first-weight\": 60, \"resamples\": 500, \"unknown\": true}");
  rdm_analysis_config_init (&config);
  g_assert_true (rdm_project_load_analysis_config (fixture->project, &config, &warning, &error));
  g_assert_no_error (error);
  assert_defaults (&config);
  g_assert_cmpfloat (config.half_life, ==, 7);
  g_assert_cmpfloat (config.first_weight, ==, 60);
  g_assert_cmpuint (config.resamples, ==, 500);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "“click-window” is out of range: the default is used."));
  g_assert_nonnull (strstr (warning, "“view-window” is out of range"));
  g_assert_nonnull (strstr (warning, "“half-life” is not a number"));
  g_assert_nonnull (strstr (warning, "“markov-order” is not a whole number"));
  g_assert_nonnull (strstr (warning, "“period” is not a period"));
  g_assert_nonnull (strstr (warning, "“restart” is not true or false"));
  g_assert_nonnull (strstr (warning, "“model” is out of range"));
  g_assert_nonnull (strstr (warning, "“view-weight” is"));
  g_assert_nonnull (strstr (warning, "“segment” is not a text"));
  g_assert_nonnull (strstr (warning, "“shared-costs” is not a rule for shared costs (media, even "
                                     "or group=NAME): the default is used."));
  g_assert_null (strstr (warning, "first-weight"));
  g_assert_null (strstr (warning, "unknown"));
  rdm_analysis_config_clear (&config);

  /* not JSON at all, or not an object: the defaults, with a message */
  for (guint i = 0; i < 3; i++)
    {
      static const char *const texts[] = { "click-window=7", "[7, 1]", "" };

      g_clear_pointer (&warning, g_free);
      store_raw (fixture, texts[i]);
      rdm_analysis_config_init (&config);
      g_assert_true (
          rdm_project_load_analysis_config (fixture->project, &config, &warning, &error));
      g_assert_no_error (error);
      assert_defaults (&config);
      g_assert_cmpstr (warning, ==,
                       "The saved analysis settings are not a JSON object: the defaults are used.");
      rdm_analysis_config_clear (&config);
    }
}

/* The definitions of a project carry its analysis settings; importing
 * them into a project that has its own keeps those, instead of failing on
 * the name both use. */
static void
test_definitions (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.rendement", NULL);
  g_autoptr (RdmProject) other = rdm_project_create (other_path, &error);
  g_autofree char *exported = NULL;
  RdmAnalysisConfig config;

  g_assert_no_error (error);
  rdm_analysis_config_init (&config);
  config.click_window = 7;
  g_assert_true (rdm_project_save_analysis_config (fixture->project, &config, &error));
  config.click_window = 14;
  g_assert_true (rdm_project_save_analysis_config (other, &config, &error));
  g_assert_no_error (error);
  exported = rdm_project_export_definitions (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_true (rdm_project_import_definitions (other, exported, strlen (exported), "defs.json",
                                                 NULL, &error));
  g_assert_no_error (error);
  rdm_analysis_config_clear (&config);
  rdm_analysis_config_init (&config);
  g_assert_true (rdm_project_load_analysis_config (other, &config, NULL, &error));
  g_assert_cmpfloat (config.click_window, ==, 14);
  rdm_analysis_config_clear (&config);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/analysis-config/defaults", Fixture, NULL, fixture_set_up, test_defaults,
              fixture_tear_down);
  g_test_add ("/analysis-config/round-trip", Fixture, NULL, fixture_set_up, test_round_trip,
              fixture_tear_down);
  g_test_add_func ("/analysis-config/options", test_options);
  g_test_add ("/analysis-config/bad-values", Fixture, NULL, fixture_set_up, test_bad_values,
              fixture_tear_down);
  g_test_add ("/analysis-config/definitions", Fixture, NULL, fixture_set_up, test_definitions,
              fixture_tear_down);
  return g_test_run ();
}
