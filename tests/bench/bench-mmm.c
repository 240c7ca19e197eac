/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The media-mix model against simulated markets with known curves (SPEC.md,
 * "Top-down measurement"): for seeds 1..N of the default market (two years,
 * eight channels), the time to fit with B bootstrap replicates, how often
 * each channel's true contribution falls within its interval, the mean
 * relative error of the contributions, and the budget proposed under the
 * fitted curves valued under the true ones, against the true optimum.
 * Run on demand:
 *   ninja -C BUILD tests/bench/bench-mmm && BUILD/tests/bench/bench-mmm [N] [B] [-v]
 * (-v: each channel's spends and contribution in every world)
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "rdm-budget.h"
#include "rdm-media-world.h"
#include "rdm-mmm.h"

int
main (int argc, char **argv)
{
  guint n_worlds = argc > 1 ? (guint)atoi (argv[1]) : 10;
  guint n_replicates = argc > 2 ? (guint)atoi (argv[2]) : 50;
  gboolean verbose = argc > 3 && g_str_equal (argv[3], "-v");
  RdmMediaWorldSpec first = rdm_media_world_spec_default (1);
  guint n = first.n_channels;
  g_autofree guint *covered = g_new0 (guint, n);
  g_autofree double *relative_error = g_new0 (double, n);
  double total_seconds = 0.0, worst_budget = 1.0, sum_budget = 0.0;

  for (guint seed = 1; seed <= n_worlds; seed++)
    {
      RdmMediaWorldSpec spec = rdm_media_world_spec_default (seed);
      g_autoptr (RdmMediaWorld) world = rdm_media_world_generate (&spec);
      g_autofree const char **names = g_new (const char *, n);
      g_autoptr (GError) error = NULL;

      for (guint c = 0; c < n; c++)
        names[c] = spec.channels[c].name;
      RdmMmmInput input = { spec.first_day,     world->n_days, n, names, world->spend,
                            world->conversions, world->value,  0, NULL };
      RdmMmmOptions options = RDM_MMM_OPTIONS_INIT;

      options.bootstrap = n_replicates;
      gint64 start = g_get_monotonic_time ();
      g_autoptr (RdmMmmFit) fit = rdm_mmm_fit (&input, &options, &error);
      double seconds = (g_get_monotonic_time () - start) / 1e6;

      if (fit == NULL)
        {
          fprintf (stderr, "seed %u: %s\n", seed, error->message);
          return 1;
        }
      total_seconds += seconds;
      g_autofree double *current = g_new (double, n);
      g_autofree double *lower = g_new (double, n);
      g_autofree double *upper = g_new (double, n);
      g_autofree double *proposed = g_new (double, n);
      g_autofree double *best = g_new (double, n);
      g_autofree RdmResponseCurve *fitted = g_new (RdmResponseCurve, n);
      g_autofree RdmResponseCurve *truth = g_new (RdmResponseCurve, n);
      double total = 0.0;

      for (guint c = 0; c < n; c++)
        {
          const RdmMmmChannel *channel = &fit->channels[c];

          covered[c] += channel->contribution.low <= world->contribution[c]
                        && channel->contribution.high >= world->contribution[c];
          relative_error[c] += fabs (channel->contribution.estimate - world->contribution[c])
                               / world->contribution[c] / n_worlds;
          current[c] = spec.channels[c].mean_daily_spend;
          lower[c] = 0.5 * current[c];
          upper[c] = 2.0 * current[c];
          total += current[c];
          fitted[c] = channel->curve;
          truth[c] = spec.channels[c].curve;
        }
      RdmBudgetProblem problem = { n, 1, fitted, lower, upper, total, current };

      if (fit->n_replicates > 0)
        {
          problem.n_sets = fit->n_replicates;
          problem.curves = fit->replicate_curves;
        }
      if (!rdm_budget_optimise (&problem, proposed, &error))
        return 1;
      problem.n_sets = 1;
      problem.curves = truth;
      if (!rdm_budget_optimise (&problem, best, &error))
        return 1;
      double ratio
          = rdm_budget_expected (truth, n, proposed) / rdm_budget_expected (truth, n, best);

      worst_budget = MIN (worst_budget, ratio);
      sum_budget += ratio / n_worlds;
      printf ("seed %2u: %.2f s, held-out R² %.3f, budget %.4f of the true optimum\n", seed,
              seconds, fit->r2, ratio);
      if (verbose)
        for (guint c = 0; c < n; c++)
          printf (
              "  %-12s today %7.1f  proposed %7.1f  best %7.1f  contribution %6.0f (truth %6.0f)\n",
              spec.channels[c].name, current[c], proposed[c], best[c],
              fit->channels[c].contribution.estimate, world->contribution[c]);
    }
  printf ("\n%u worlds, %u replicates: mean fit %.2f s\n", n_worlds, n_replicates,
          total_seconds / n_worlds);
  printf ("budget under the true curves: mean %.4f, worst %.4f of the true optimum\n", sum_budget,
          worst_budget);
  printf ("%-12s %9s %15s\n", "channel", "covered", "relative error");
  for (guint c = 0; c < n; c++)
    printf ("%-12s %5u/%-3u %15.3f\n", first.channels[c].name, covered[c], n_worlds,
            relative_error[c]);
  return 0;
}
