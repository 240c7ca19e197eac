/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Do the bootstrap intervals mean what they say? (SPEC.md,
 * "Incrementality and ground truth".) Draws N worlds with the same causal
 * model and different seeds: N independent samples of the same
 * population. For each world and model, the 95 % bootstrap interval of
 * each channel's credit (rdm_bootstrap(), visitors resampled, as
 * "attribute --bootstrap R" computes it); then counts how often an
 * interval covers the mean of that channel's credit across the worlds
 * (what a new sample would scatter around, the quantity the interval is
 * about) and, for information, the channel's truth (which credit is not:
 * an interval of credit says nothing of incrementality). Also prints the
 * mean interval width against the spread actually seen across the worlds
 * (3.92 standard deviations), and how often a point estimate falls
 * outside its own interval.
 * Run on demand:
 *   ninja -C BUILD tests/bench/bench-coverage
 *   BUILD/tests/bench/bench-coverage [WORLDS=40] [RESAMPLES=200] [VISITORS=20000]
 */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include "rdm-bootstrap.h"
#include "rdm-path-builder.h"
#include "rdm-truth.h"
#include "rdm-world.h"

static const RdmModel models[] = {
  RDM_MODEL_FIRST,    RDM_MODEL_LAST,   RDM_MODEL_LINEAR,
  RDM_MODEL_POSITION, RDM_MODEL_MARKOV, RDM_MODEL_SHAPLEY,
};
#define N_MODELS G_N_ELEMENTS (models)
#define N_CHANNELS 12

typedef struct
{
  double point, low, high, truth;
} Interval;

int
main (int argc, char **argv)
{
  guint n_worlds = argc > 1 ? (guint)g_ascii_strtoull (argv[1], NULL, 10) : 40;
  guint resamples = argc > 2 ? (guint)g_ascii_strtoull (argv[2], NULL, 10) : 200;
  guint visitors = argc > 3 ? (guint)g_ascii_strtoull (argv[3], NULL, 10) : 20000;
  /* [world][model][channel] */
  g_autofree Interval *intervals = g_new0 (Interval, (gsize)n_worlds * N_MODELS * N_CHANNELS);
  g_autoptr (RdmWorldSettings) defaults = rdm_world_settings_new_default ();

  g_assert_cmpuint (defaults->channels->len, ==, N_CHANNELS);
  for (guint w = 0; w < n_worlds; w++)
    {
      g_autoptr (RdmWorldSettings) settings = rdm_world_settings_copy (defaults);
      g_autoptr (RdmWorld) world = NULL;
      g_autoptr (RdmEventStore) store = NULL;
      g_autoptr (RdmPathSet) set = NULL;
      g_autoptr (RdmTruth) truth = NULL;
      g_autoptr (GError) error = NULL;
      RdmPathOptions options;

      settings->seed = 1000 + w;
      settings->n_visitors = visitors;
      world = rdm_world_generate (settings, &error);
      g_assert_no_error (error);
      store = rdm_world_to_event_store (world);
      rdm_path_options_init (&options);
      set = rdm_path_builder_build (store, &options, NULL, &error);
      g_assert_no_error (error);
      truth = rdm_world_truth (world, store, &options, NULL);
      for (guint m = 0; m < N_MODELS; m++)
        {
          g_autoptr (RdmCredit) credit = NULL;

          g_assert_true (
              rdm_bootstrap (set, models[m], NULL, resamples, w + 1, 0, NULL, &credit, &error));
          g_assert_no_error (error);
          for (guint c = 0; c < N_CHANNELS; c++)
            {
              Interval *interval = &intervals[((gsize)w * N_MODELS + m) * N_CHANNELS + c];
              int i = rdm_credit_find_label (credit, truth->label_names[c]);

              g_assert_cmpint (i, >=, 0);
              *interval = (Interval){ credit->conversions[i], credit->ci_low[i], credit->ci_high[i],
                                      truth->conversions[c] };
            }
        }
      rdm_path_options_clear (&options);
      fprintf (stderr, "\rworld %u of %u", w + 1, n_worlds);
    }
  fprintf (stderr, "\n");

  printf ("%u worlds of %u people, %u resamples; nominal coverage 95 %%\n\n", n_worlds, visitors,
          resamples);
  printf ("%-10s %16s %16s %18s %16s\n", "model", "covers the mean", "covers the truth",
          "width / spread", "point outside");
  for (guint m = 0; m < N_MODELS; m++)
    {
      guint covers_mean = 0, covers_truth = 0, outside = 0, n = 0;
      double width_ratio = 0.0;

      for (guint c = 0; c < N_CHANNELS; c++)
        {
          double mean = 0.0, variance = 0.0, width = 0.0;

          for (guint w = 0; w < n_worlds; w++)
            mean += intervals[((gsize)w * N_MODELS + m) * N_CHANNELS + c].point / n_worlds;
          for (guint w = 0; w < n_worlds; w++)
            {
              const Interval *iv = &intervals[((gsize)w * N_MODELS + m) * N_CHANNELS + c];

              variance += (iv->point - mean) * (iv->point - mean) / (n_worlds - 1);
              width += (iv->high - iv->low) / n_worlds;
              covers_mean += iv->low <= mean && mean <= iv->high;
              covers_truth += iv->low <= iv->truth && iv->truth <= iv->high;
              outside += iv->point < iv->low || iv->point > iv->high;
              n++;
            }
          width_ratio += variance > 0 ? width / (3.92 * sqrt (variance)) / N_CHANNELS : 0.0;
        }
      printf ("%-10s %15.1f%% %15.1f%% %18.2f %15.1f%%\n", rdm_model_to_string (models[m]),
              100.0 * covers_mean / n, 100.0 * covers_truth / n, width_ratio, 100.0 * outside / n);
    }
  return 0;
}
