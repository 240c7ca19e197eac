/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How close each model comes to the truth of simulated worlds (SPEC.md,
 * "Incrementality and ground truth"). Draws N worlds with the default
 * causal model (seeds 1..N, the default number of visitors), runs every
 * model with the default windows over each, and prints per model the mean
 * share error (½ Σ |credit share − truth share|), the mean error in
 * conversions and how often it was the closest model; then, for the first
 * world, the credit of each channel by every model beside the truth.
 * Run on demand:
 *   ninja -C BUILD tests/bench/bench-truth && BUILD/tests/bench/bench-truth [N]
 */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include "rdm-attribution.h"
#include "rdm-path-builder.h"
#include "rdm-truth.h"
#include "rdm-world.h"

static const RdmModel models[] = {
  RDM_MODEL_FIRST,          RDM_MODEL_LAST,     RDM_MODEL_LAST_NON_DIRECT,
  RDM_MODEL_LINEAR,         RDM_MODEL_POSITION, RDM_MODEL_TIME_DECAY,
  RDM_MODEL_POSITION_DECAY, RDM_MODEL_MARKOV,   RDM_MODEL_SHAPLEY,
};
#define N_MODELS G_N_ELEMENTS (models)

int
main (int argc, char **argv)
{
  guint n_worlds = argc > 1 ? (guint)g_ascii_strtoull (argv[1], NULL, 10) : 12;
  double share_sum[N_MODELS] = { 0 };
  double conversion_sum[N_MODELS] = { 0 };
  guint closest[N_MODELS] = { 0 };
  double total_conversions = 0.0, total_truth = 0.0, total_anyway = 0.0;

  for (guint w = 0; w < n_worlds; w++)
    {
      g_autoptr (RdmWorldSettings) settings = rdm_world_settings_new_default ();
      g_autoptr (RdmWorld) world = NULL;
      g_autoptr (RdmEventStore) store = NULL;
      g_autoptr (RdmPathSet) set = NULL;
      g_autoptr (RdmTruth) truth = NULL;
      g_autoptr (GError) error = NULL;
      RdmPathOptions options;
      guint best = 0;
      double best_share = INFINITY;

      settings->seed = w + 1;
      world = rdm_world_generate (settings, &error);
      g_assert_no_error (error);
      store = rdm_world_to_event_store (world);
      rdm_path_options_init (&options);
      set = rdm_path_builder_build (store, &options, NULL, &error);
      g_assert_no_error (error);
      truth = rdm_world_truth (world, store, &options, NULL);
      total_conversions += world->conversions->len;
      total_truth += truth->total_conversions;
      total_anyway += world->baseline_conversions;
      if (w == 0)
        {
          printf ("World 1: %u visitors seen, %u touches, %u conversions, channels caused %.0f, "
                  "%.0f would happen with every channel removed\n\n%-16s %8s",
                  world->n_visitors, world->touches->len, world->conversions->len,
                  truth->total_conversions, world->baseline_conversions, "channel", "truth");
          for (guint m = 0; m < N_MODELS; m++)
            printf (" %8.8s", rdm_model_to_string (models[m]));
          printf ("\n");
        }
      {
        g_autoptr (GPtrArray) credits
            = g_ptr_array_new_with_free_func ((GDestroyNotify)rdm_credit_free);

        for (guint m = 0; m < N_MODELS; m++)
          {
            RdmCredit *credit = rdm_attribute (set, models[m], NULL, NULL, &error);
            RdmTruthError e;

            g_assert_no_error (error);
            rdm_truth_error (truth, credit, &e);
            share_sum[m] += e.share;
            conversion_sum[m] += e.conversions;
            if (e.share < best_share)
              {
                best_share = e.share;
                best = m;
              }
            g_ptr_array_add (credits, credit);
          }
        closest[best]++;
        if (w == 0)
          {
            for (guint t = 0; t < truth->n_labels; t++)
              {
                printf ("%-16s %8.1f", truth->label_names[t], truth->conversions[t]);
                for (guint m = 0; m < N_MODELS; m++)
                  {
                    const RdmCredit *credit = credits->pdata[m];
                    int i = rdm_credit_find_label (credit, truth->label_names[t]);

                    printf (" %8.1f", i >= 0 ? credit->conversions[i] : 0.0);
                  }
                printf ("\n");
              }
            printf ("\n");
          }
      }
      rdm_path_options_clear (&options);
    }

  printf ("%u worlds, on average: %.0f conversions, %.0f would happen with every channel removed; "
          "the channels' truths add up to %.0f\n\n",
          n_worlds, total_conversions / n_worlds, total_anyway / n_worlds, total_truth / n_worlds);
  printf ("%-16s %12s %18s %8s\n", "model", "share error", "conversions error", "closest");
  for (guint m = 0; m < N_MODELS; m++)
    printf ("%-16s %12.3f %18.1f %8u\n", rdm_model_to_string (models[m]), share_sum[m] / n_worlds,
            conversion_sum[m] / n_worlds, closest[m]);
  return 0;
}
