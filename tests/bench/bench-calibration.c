/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Does calibrating with experiments bring the models closer to the truth?
 * (SPEC.md, "Incrementality and ground truth".) For N simulated worlds
 * with the default causal model (seeds 1..N), writes each as
 * "rendement-cli simulate --experiments 'Paid Search,Facebook,Display'"
 * does (lift tests over the middle four weeks, standard error 10 % of
 * what the channel caused), then runs every model through the same
 * orchestration as the window and the command line, without and with
 * --calibrate, and prints per model the mean share error against the
 * truth before and after, and in how many worlds calibration lowered it.
 * Run on demand:
 *   ninja -C BUILD tests/bench/bench-calibration && BUILD/tests/bench/bench-calibration [N] [ERROR]
 */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include "rdm-attribution-run.h"
#include "rdm-test-util.h"
#include "rdm-world-data.h"

static const RdmModel models[] = {
  RDM_MODEL_FIRST,          RDM_MODEL_LAST,     RDM_MODEL_LAST_NON_DIRECT,
  RDM_MODEL_LINEAR,         RDM_MODEL_POSITION, RDM_MODEL_TIME_DECAY,
  RDM_MODEL_POSITION_DECAY, RDM_MODEL_MARKOV,   RDM_MODEL_SHAPLEY,
};
#define N_MODELS G_N_ELEMENTS (models)

static const char *const tested[] = { "Paid Search", "Facebook", "Display" };

/* Each model's share error over the whole period, calibrated or not. */
static void
share_errors (RdmProject *project,
              const RdmAttributionData *data,
              gboolean calibrate,
              double *errors)
{
  g_auto (RdmAttributionRequest) request;
  g_autoptr (RdmAttributionRun) run = NULL;
  g_autoptr (GError) error = NULL;

  rdm_attribution_request_init (&request);
  for (guint m = 0; m < N_MODELS; m++)
    request.models[request.n_models++] = models[m];
  request.calibrate = calibrate;
  run = rdm_attribution_run (project, data, &request, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run->truth);
  g_assert_cmpuint (run->credits->len, ==, N_MODELS);
  for (guint m = 0; m < N_MODELS; m++)
    {
      const RdmCredit *credit = calibrate ? ((RdmCalibrated *)run->calibrated->pdata[m])->credit
                                          : run->credits->pdata[m];
      RdmTruthError e;

      rdm_truth_error (run->truth, credit, &e);
      errors[m] = e.share;
    }
}

int
main (int argc, char **argv)
{
  guint n_worlds = argc > 1 ? (guint)g_ascii_strtoull (argv[1], NULL, 10) : 12;
  double relative_error = argc > 2 ? g_ascii_strtod (argv[2], NULL) : 0.1;
  g_autofree char *dir = rdm_test_make_tmpdir ();
  double before_sum[N_MODELS] = { 0 };
  double after_sum[N_MODELS] = { 0 };
  guint improved[N_MODELS] = { 0 };

  for (guint w = 0; w < n_worlds; w++)
    {
      g_autoptr (RdmWorldSettings) settings = rdm_world_settings_new_default ();
      g_autoptr (RdmWorld) world = NULL;
      g_autoptr (GArray) experiments = NULL;
      g_autoptr (RdmProject) project = NULL;
      g_auto (RdmAttributionData) data = { 0 };
      g_autoptr (GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("world-%u.rendement", w + 1);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      guint channels[G_N_ELEMENTS (tested)];
      double before[N_MODELS], after[N_MODELS];
      guint first = (settings->n_days - 28) / 2;

      settings->seed = w + 1;
      for (guint i = 0; i < G_N_ELEMENTS (tested); i++)
        channels[i] = (guint)rdm_world_settings_find_channel (settings, tested[i]);
      world = rdm_world_generate (settings, &error);
      g_assert_no_error (error);
      experiments = rdm_world_run_experiments (world, channels, G_N_ELEMENTS (tested), first,
                                               first + 27, relative_error);
      project = rdm_project_create (path, &error);
      g_assert_no_error (error);
      g_assert_true (rdm_project_write_world (project, world, experiments, NULL, &error));
      g_assert_true (rdm_attribution_data_load (project, &data, NULL, &error));
      g_assert_no_error (error);

      share_errors (project, &data, FALSE, before);
      share_errors (project, &data, TRUE, after);
      for (guint m = 0; m < N_MODELS; m++)
        {
          before_sum[m] += before[m];
          after_sum[m] += after[m];
          improved[m] += after[m] < before[m];
        }
    }

  printf ("%u worlds, lift tests of Paid Search, Facebook and Display over four weeks "
          "(standard error %.0f %% of the truth)\n\n",
          n_worlds, 100 * relative_error);
  printf ("%-16s %14s %14s %16s\n", "model", "share error", "calibrated", "lower in worlds");
  for (guint m = 0; m < N_MODELS; m++)
    printf ("%-16s %14.3f %14.3f %13u/%u\n", rdm_model_to_string (models[m]),
            before_sum[m] / n_worlds, after_sum[m] / n_worlds, improved[m], n_worlds);
  rdm_test_remove_tree (dir);
  return 0;
}
