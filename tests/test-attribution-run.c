/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rdm_attribution_run(), the one place that turns settings into credit:
 * by hand on a tiny project, and against "rendement-cli attribute -f json"
 * on the demo project and on a path table, where the numbers must agree to
 * the last digits (the CLI prints %.17g), bootstrap intervals included.
 */
#include "config.h"

#include <math.h>
#include <cjson/cJSON.h>

#include "rdm-attribution-run.h"
#include "rdm-bootstrap.h"
#include "rdm-project-db.h"
#include "rdm-test-util.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

#define EPSILON 1e-9

/* Three visitors (interaction 0 impression, 1 click, 2 visit), T0 =
 * 2026-04-01 00:00 UTC (1775001600):
 *
 *   a: Facebook click T0, Email click T0+2d, purchase 100 at T0+3d
 *   b: Direct visit T0+1d, purchase 50 at T0+1d+1h
 *   c: Display impression T0+5d, no conversion (a null journey)
 */
static RdmProject *
write_tiny (const char *dir)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "tiny.rendement", NULL);
  g_autoptr (RdmProject) project = rdm_project_create (path, &error);

  g_assert_no_error (error);
  g_assert_true (rdm_project_exec (
      project,
      "INSERT INTO channel (id, name) VALUES (1, 'Facebook'), (2, 'Email'), (3, 'Direct'),"
      " (4, 'Display');"
      "INSERT INTO visitor (id, external_id) VALUES (1, 'a'), (2, 'b'), (3, 'c');"
      "INSERT INTO touchpoint (visitor_id, time, channel_id, interaction) VALUES"
      " (1, 1775001600, 1, 1), (1, 1775001600 + 2 * 86400, 2, 1),"
      " (2, 1775001600 + 86400, 3, 2), (3, 1775001600 + 5 * 86400, 4, 0);"
      "INSERT INTO conversion (visitor_id, time, event, value) VALUES"
      " (1, 1775001600 + 3 * 86400, 'purchase', 100),"
      " (2, 1775001600 + 86400 + 3600, 'purchase', 50)",
      &error));
  g_assert_no_error (error);
  return g_steal_pointer (&project);
}

/* A project holding only the path table of @rows (CSV lines after the
 * header), imported by the command line; returns its file name. */
static char *
write_path_table (const char *dir, const char *rows)
{
  g_autofree char *path = g_build_filename (dir, "table.rendement", NULL);
  g_autofree char *text
      = g_strconcat ("path,total_conversions,total_conversion_value,total_null\n", rows, NULL);
  g_autofree char *csv = rdm_test_write_file (dir, "paths.csv", text);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (rdm_test_run_cli (&out, &err, "new", path, NULL), ==, 0);
  if (rdm_test_run_cli (&out, &err, "import", path, "--kind", "paths", csv, NULL) != 0)
    g_error ("import failed: %s", err);
  return g_steal_pointer (&path);
}

static const RdmCredit *
find_credit (const RdmAttributionRun *run, RdmModel model)
{
  for (guint i = 0; i < run->credits->len; i++)
    {
      const RdmCredit *credit = g_ptr_array_index (run->credits, i);

      if (credit->model == model)
        return credit;
    }
  g_error ("no credit for the model %s", rdm_model_to_string (model));
  return NULL;
}

/* @label's conversions and value under @model; a label absent has none. */
static void
assert_credit (const RdmAttributionRun *run,
               RdmModel model,
               const char *label,
               double conversions,
               double value)
{
  const RdmCredit *credit = find_credit (run, model);
  int i = rdm_credit_find_label (credit, label);

  g_assert_cmpfloat_with_epsilon (i >= 0 ? credit->conversions[i] : 0, conversions, EPSILON);
  g_assert_cmpfloat_with_epsilon (i >= 0 ? credit->value[i] : 0, value, EPSILON);
}

static RdmAttributionRun *
run_request (RdmProject *project, const RdmAttributionRequest *request)
{
  g_auto (RdmAttributionData) data = { 0 };
  g_autoptr (GError) error = NULL;
  RdmAttributionRun *run;

  g_assert_true (rdm_attribution_data_load (project, &data, NULL, &error));
  g_assert_no_error (error);
  run = rdm_attribution_run (project, &data, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);
  g_assert_cmpuint (run->failures->len, ==, 0);
  return run;
}

/* Default windows (clicks 30 days, impressions 1 day): a's journey is
 * Facebook > Email, b's is Direct, c's Display journey does not convert.
 *
 *   first:  Facebook 1 (100), Direct 1 (50)
 *   last:   Email 1 (100), Direct 1 (50)
 *   linear: Facebook 1/2 (50), Email 1/2 (50), Direct 1 (50)
 *   markov (order 1): start goes to Facebook, Direct or Display with 1/3
 *     each; Facebook > Email > conversion, Direct > conversion, Display >
 *     null, so P(conversion) = 2/3. Removing Facebook, Email or Direct
 *     leaves 1/3: removal effect 1/2 each; removing Display leaves 2/3:
 *     effect 0. The 2 conversions and 150 of value are shared in
 *     proportion to the effects: 2/3 conversion and 50 each, Display 0.
 *
 * With a click window of 2.5 days, Facebook (3 days before a's purchase)
 * drops out: linear gives Email 1 (100) and Direct 1 (50).
 */
static void
test_tiny_by_hand (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autoptr (RdmProject) project = write_tiny (dir);
  g_auto (RdmAttributionRequest) request = { 0 };
  g_autoptr (RdmAttributionRun) run = NULL;
  g_autoptr (RdmAttributionRun) windowed = NULL;
  static const RdmModel models[]
      = { RDM_MODEL_FIRST, RDM_MODEL_LAST, RDM_MODEL_LINEAR, RDM_MODEL_MARKOV };

  rdm_attribution_request_init (&request);
  memcpy (request.models, models, sizeof models);
  request.n_models = G_N_ELEMENTS (models);
  run = run_request (project, &request);
  g_assert_null (run->forward);
  g_assert_null (run->journeys.visitor_mask);
  g_assert_cmpuint (run->credits->len, ==, 4);
  g_assert_cmpfloat (find_credit (run, RDM_MODEL_LINEAR)->total_conversions, ==, 2);
  g_assert_cmpfloat (find_credit (run, RDM_MODEL_LINEAR)->total_value, ==, 150);

  assert_credit (run, RDM_MODEL_FIRST, "Facebook", 1, 100);
  assert_credit (run, RDM_MODEL_FIRST, "Email", 0, 0);
  assert_credit (run, RDM_MODEL_FIRST, "Direct", 1, 50);
  assert_credit (run, RDM_MODEL_LAST, "Facebook", 0, 0);
  assert_credit (run, RDM_MODEL_LAST, "Email", 1, 100);
  assert_credit (run, RDM_MODEL_LAST, "Direct", 1, 50);
  assert_credit (run, RDM_MODEL_LINEAR, "Facebook", 0.5, 50);
  assert_credit (run, RDM_MODEL_LINEAR, "Email", 0.5, 50);
  assert_credit (run, RDM_MODEL_LINEAR, "Direct", 1, 50);
  assert_credit (run, RDM_MODEL_MARKOV, "Facebook", 2.0 / 3, 50);
  assert_credit (run, RDM_MODEL_MARKOV, "Email", 2.0 / 3, 50);
  assert_credit (run, RDM_MODEL_MARKOV, "Direct", 2.0 / 3, 50);
  assert_credit (run, RDM_MODEL_MARKOV, "Display", 0, 0);

  /* the window reaches the models: the bug the ROI section once had */
  request.path.click_window_days = 2.5;
  windowed = run_request (project, &request);
  assert_credit (windowed, RDM_MODEL_LINEAR, "Facebook", 0, 0);
  assert_credit (windowed, RDM_MODEL_LINEAR, "Email", 1, 100);
  assert_credit (windowed, RDM_MODEL_LINEAR, "Direct", 1, 50);
  rdm_test_remove_tree (dir);
}

/* The window's settings: the reference model is computed even when not
 * ticked, and a model that fails does not stop the others. */
static void
test_config (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autoptr (RdmProject) project = write_tiny (dir);
  g_auto (RdmAttributionRequest) request = { 0 };
  g_autoptr (RdmAttributionRun) run = NULL;
  g_autoptr (GError) error = NULL;
  RdmAnalysisConfig config;
  const RdmAttributionFailure *failure;

  rdm_analysis_config_init (&config);
  config.models = 1u << RDM_MODEL_LINEAR | 1u << RDM_MODEL_SHAPLEY;
  config.reference_model = RDM_MODEL_FIRST;
  config.half_life = 3;
  rdm_attribution_request_init (&request);
  g_assert_true (rdm_attribution_request_set_config (&request, &config, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (request.n_models, ==, 3);
  g_assert_cmpint (request.models[0], ==, RDM_MODEL_FIRST);
  g_assert_cmpint (request.models[1], ==, RDM_MODEL_LINEAR);
  g_assert_cmpint (request.models[2], ==, RDM_MODEL_SHAPLEY);
  g_assert_cmpuint (request.resamples, ==, 0);
  g_assert_cmpfloat (request.model.half_life_days, ==, 3);
  g_assert_cmpfloat (request.model.first_weight, ==, 0.4);
  g_assert_cmpuint (request.seed, ==, RDM_BOOTSTRAP_DEFAULT_SEED);
  run = run_request (project, &request);
  assert_credit (run, RDM_MODEL_FIRST, "Facebook", 1, 100);
  /* Shapley over two one-channel journeys and one of two channels splits
   * a's conversion equally, as linear does */
  assert_credit (run, RDM_MODEL_SHAPLEY, "Facebook", 0.5, 50);
  assert_credit (run, RDM_MODEL_SHAPLEY, "Direct", 1, 50);
  g_clear_pointer (&run, rdm_attribution_run_free);

  /* time decay needs touch times, which a path table lacks: it fails
   * alone, the others still give credit */
  {
    g_autofree char *path = write_path_table (dir, "A > B,2,20,1\n");
    g_autoptr (RdmProject) table = NULL;
    g_auto (RdmAttributionData) data = { 0 };

    table = rdm_project_open_for_reading (path, &error);
    g_assert_no_error (error);
    request.models[0] = RDM_MODEL_TIME_DECAY;
    g_assert_true (rdm_attribution_data_load (table, &data, NULL, &error));
    g_assert_null (data.store);
    g_assert_nonnull (data.table);
    run = rdm_attribution_run (table, &data, &request, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (run->credits->len, ==, 2);
    g_assert_cmpuint (run->failures->len, ==, 1);
    failure = &g_array_index (run->failures, RdmAttributionFailure, 0);
    g_assert_cmpint (failure->model, ==, RDM_MODEL_TIME_DECAY);
    g_assert_error (failure->error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_NEEDS_TIMES);
    assert_credit (run, RDM_MODEL_LINEAR, "A", 1, 10);

    /* a path table has no visitors: a segment is refused, not ignored */
    request.path.segment = g_strdup ("Anyone");
    g_clear_pointer (&run, rdm_attribution_run_free);
    run = rdm_attribution_run (table, &data, &request, NULL, &error);
    g_assert_null (run);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  }
  rdm_analysis_config_clear (&config);
  rdm_test_remove_tree (dir);
}

static double
member_number (const cJSON *object, const char *name)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, name);

  g_assert_nonnull (item);
  return cJSON_IsNull (item) ? NAN : item->valuedouble;
}

static void
assert_same (double cli, double run)
{
  if (isnan (cli))
    g_assert_true (isnan (run));
  else
    g_assert_cmpfloat_with_epsilon (run, cli, EPSILON);
}

/* Runs "rendement-cli attribute @project_path -f json @args…" and checks
 * that @run gives the same models, rows and numbers. */
static void
assert_matches_cli (const RdmAttributionRun *run, const char *project_path, const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (cJSON) root = NULL;
  const cJSON *models;

  g_ptr_array_add (argv, (char *)"attribute");
  g_ptr_array_add (argv, (char *)project_path);
  g_ptr_array_add (argv, (char *)"-f");
  g_ptr_array_add (argv, (char *)"json");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);
  if (rdm_test_run_cliv (&out, &err, (const char *const *)argv->pdata) != 0)
    g_error ("rendement-cli attribute failed: %s", err);
  root = cJSON_Parse (out);
  g_assert_nonnull (root);
  models = cJSON_GetObjectItemCaseSensitive (root, "models");
  g_assert_cmpint (cJSON_GetArraySize (models), ==, run->credits->len);
  g_assert_cmpuint (run->failures->len, ==, 0);
  for (guint m = 0; m < run->credits->len; m++)
    {
      const RdmCredit *credit = g_ptr_array_index (run->credits, m);
      const cJSON *model = cJSON_GetArrayItem (models, (int)m);
      const cJSON *rows = cJSON_GetObjectItemCaseSensitive (model, "rows");
      gboolean has_ci = credit->ci_low != NULL;

      g_assert_cmpstr (cJSON_GetObjectItemCaseSensitive (model, "model")->valuestring, ==,
                       rdm_model_to_string (credit->model));
      g_assert_cmpint (cJSON_GetArraySize (rows), ==, credit->n_labels);
      g_assert_cmpint (cJSON_GetArraySize (rows), >, 0);
      for (guint i = 0; i < credit->n_labels; i++)
        {
          const cJSON *row = cJSON_GetArrayItem (rows, (int)i);

          g_assert_cmpstr (cJSON_GetObjectItemCaseSensitive (row, "channel")->valuestring, ==,
                           credit->label_names[i]);
          assert_same (member_number (row, "conversions"), credit->conversions[i]);
          assert_same (member_number (row, "value"), credit->value[i]);
          assert_same (member_number (row, "click_conversions"), credit->click_conversions[i]);
          assert_same (member_number (row, "view_value"), credit->view_value[i]);
          assert_same (member_number (row, "ci_low"), has_ci ? credit->ci_low[i] : NAN);
          assert_same (member_number (row, "ci_high"), has_ci ? credit->ci_high[i] : NAN);
          assert_same (member_number (row, "ci_value_low"), has_ci ? credit->ci_value_low[i] : NAN);
          assert_same (member_number (row, "ci_value_high"),
                       has_ci ? credit->ci_value_high[i] : NAN);
        }
    }
  assert_same (member_number (root, "total_conversions"),
               ((const RdmCredit *)g_ptr_array_index (run->credits, 0))->total_conversions);
}

static RdmAttributionRun *
run_config (RdmProject *project, const RdmAnalysisConfig *config)
{
  g_auto (RdmAttributionRequest) request = { 0 };
  g_autoptr (GError) error = NULL;

  rdm_attribution_request_init (&request);
  g_assert_true (rdm_attribution_request_set_config (&request, config, &error));
  g_assert_no_error (error);
  return run_request (project, &request);
}

/* The window's settings on the demo give what the command line gives
 * for the same choices. */
static void
test_demo_matches_cli (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = rdm_test_copy_demo (dir, "demo.rendement");
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (path, &error);
  RdmAnalysisConfig config;

  g_assert_no_error (error);
  rdm_analysis_config_init (&config);

  /* the defaults: six models, reference last among them */
  {
    g_autoptr (RdmAttributionRun) run = run_config (project, &config);
    const char *const args[] = { "-m", "first,last,linear,position,time-decay,markov", NULL };

    assert_matches_cli (run, path, args);
  }

  /* Markov and Shapley with bootstrap intervals, reference first */
  config.models = 1u << RDM_MODEL_MARKOV | 1u << RDM_MODEL_SHAPLEY;
  config.reference_model = RDM_MODEL_FIRST;
  config.bootstrap = TRUE;
  config.resamples = 20;
  {
    g_autoptr (RdmAttributionRun) run = run_config (project, &config);
    const char *const args[] = { "-m", "first,markov,shapley", "--bootstrap", "20", NULL };

    assert_matches_cli (run, path, args);
  }

  /* windows, a period, a segment, second-order Markov, custom weights */
  config.models = 1u << RDM_MODEL_POSITION | 1u << RDM_MODEL_MARKOV;
  config.reference_model = RDM_MODEL_LINEAR;
  config.bootstrap = FALSE;
  config.click_window = 7;
  config.view_window = 0.5;
  config.markov_order = 2;
  config.first_weight = 30;
  config.middle_weight = 40;
  config.last_weight = 30;
  config.period = g_strdup ("2026Q3");
  config.segment = g_strdup ("Evangelists");
  {
    g_autoptr (RdmAttributionRun) run = run_config (project, &config);
    const char *const args[] = {
      "-m",
      "linear,position,markov",
      "--click-window",
      "7",
      "--view-window",
      "0.5",
      "--order",
      "2",
      "--weights",
      "0.3,0.4,0.3",
      "--period",
      "2026Q3",
      "--segment",
      "Evangelists",
      NULL,
    };

    g_assert_nonnull (run->journeys.visitor_mask);
    assert_matches_cli (run, path, args);
  }
  rdm_analysis_config_clear (&config);
  rdm_test_remove_tree (dir);
}

/* An imported path table, with bootstrap intervals (resampled by journey). */
static void
test_path_table_matches_cli (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = write_path_table (
      dir, "Facebook > Email,3,30,1\nEmail,2.5,10,4\n"
           "Search > Facebook > Email,4,80,6\nSearch,1,5,9\nEmail > Search,2,12,3\n");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_auto (RdmAttributionRequest) request = { 0 };
  static const RdmModel models[]
      = { RDM_MODEL_LINEAR, RDM_MODEL_POSITION, RDM_MODEL_MARKOV, RDM_MODEL_SHAPLEY };

  project = rdm_project_open_for_reading (path, &error);
  g_assert_no_error (error);

  rdm_attribution_request_init (&request);
  memcpy (request.models, models, sizeof models);
  request.n_models = G_N_ELEMENTS (models);
  {
    g_autoptr (RdmAttributionRun) run = run_request (project, &request);
    const char *const args[] = { "-m", "linear,position,markov,shapley", NULL };

    g_assert_true (run->journeys.paths != NULL && run->journeys.built == NULL);
    assert_matches_cli (run, path, args);
  }
  request.resamples = 50;
  request.seed = 7;
  request.threads = 2;
  {
    g_autoptr (RdmAttributionRun) run = run_request (project, &request);
    const char *const args[]
        = { "-m", "linear,position,markov,shapley", "--bootstrap", "50", "--seed", "7", NULL };

    assert_matches_cli (run, path, args);
  }
  rdm_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/attribution-run/tiny-by-hand", test_tiny_by_hand);
  g_test_add_func ("/attribution-run/config", test_config);
  g_test_add_func ("/attribution-run/demo-matches-cli", test_demo_matches_cli);
  g_test_add_func ("/attribution-run/path-table-matches-cli", test_path_table_matches_cli);
  return g_test_run ();
}
