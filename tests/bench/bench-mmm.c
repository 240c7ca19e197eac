/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The media-mix model against simulated markets with known curves (SPEC.md,
 * "Top-down measurement"): for seeds 1..N of the default market (two years,
 * eight channels), the time to fit with B bootstrap replicates, how often
 * each channel's true contribution falls within its interval, the mean
 * relative error of the contributions, and the budget proposed under the
 * fitted curves valued under the true ones, against the true optimum.
 * The same budget is found on curves whose shapes are the true ones and
 * only the coefficients fitted: what the data would tell if the shapes
 * were known.
 * It also reports the marginal ROIs' coverage, and the gain the plan
 * reports for its proposal (rdm_budget_plan(), corrected for the optimism
 * of choosing the split on the fit's own curves) against the gain the true
 * curves give, with the gain before the correction.
 * Run on demand:
 *   ninja -C BUILD tests/bench/bench-mmm && BUILD/tests/bench/bench-mmm [N] [B] [-v] [-m] [-e|-c] [-s K]
 * (-v: each channel's spends and contribution in every world; -s K: the
 * worlds of seeds K to K + N − 1; -e: a holdout on every channel, -c: a
 * spend cut of 30 % on every channel, where they spend (plant_experiments()); -m: a
 * market whose spend today is misallocated, Display at twice its usual
 * spend and Email, Affiliates and YouTube at half, so that the best split
 * gains some 7 % over today's instead of 2 %)
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rdm-budget.h"
#include "rdm-linear.h"
#include "rdm-media-world.h"
#include "rdm-mmm.h"
#include "rdm-stats.h"

/* intercept, trend and six weekdays */
#define N_BASELINE_COLUMNS 8

/* What the data tell when the curves' shapes are known: the true
 * adstocks, half-saturations and shapes given, only the coefficients
 * fitted (with a baseline of level, trend and weekday) by non-negative
 * least squares. Writes the curves so fitted to @out. */
static void
fit_with_true_shapes (const RdmMediaWorldSpec *spec,
                      const RdmMediaWorld *world,
                      RdmResponseCurve *out)
{
  guint n = spec->n_channels, n_days = world->n_days, p = N_BASELINE_COLUMNS + n;
  g_autofree double *row = g_new (double, p);
  g_autofree double *columns = g_new (double, (gsize)n *n_days);
  g_autofree double *gram = g_new0 (double, (gsize)p *p);
  g_autofree double *xty = g_new0 (double, p);
  g_autofree double *b = g_new (double, p);
  g_autofree gboolean *nonnegative = g_new0 (gboolean, p);

  for (guint c = 0; c < n; c++)
    {
      RdmResponseCurve unit = spec->channels[c].curve;

      unit.coefficient = 1.0;
      rdm_response_curve_apply (&unit, world->spend + (gsize)c * n_days, n_days,
                                columns + (gsize)c * n_days);
      nonnegative[N_BASELINE_COLUMNS + c] = TRUE;
    }
  for (guint t = 0; t < n_days; t++)
    {
      guint weekday = rdm_stats_weekday (spec->first_day + (gint64)t * 86400);

      memset (row, 0, sizeof (double) * p);
      row[0] = 1.0;
      row[1] = (double)t / n_days;
      if (weekday > 0)
        row[1 + weekday] = 1.0;
      for (guint c = 0; c < n; c++)
        row[N_BASELINE_COLUMNS + c] = columns[(gsize)c * n_days + t];
      for (guint i = 0; i < p; i++)
        {
          xty[i] += row[i] * world->conversions[t];
          for (guint j = 0; j < p; j++)
            gram[i * p + j] += row[i] * row[j];
        }
    }
  if (!rdm_linear_bounded_least_squares (gram, xty, p, nonnegative, 0.0, b))
    g_error ("the baseline and the true shapes are singular");
  for (guint c = 0; c < n; c++)
    {
      out[c] = spec->channels[c].curve;
      out[c].coefficient = b[N_BASELINE_COLUMNS + c];
    }
}

/* An experiment on every channel that spends in the eight weeks that
 * end four weeks before the data do, measuring what the channel truly
 * brought then within ±15 %, as a well-powered geographic test would: a
 * holdout when @spend_kept is 0, else a test whose control kept that
 * share of the spend. Returns how many. */
static guint
plant_experiments (const RdmMediaWorldSpec *spec,
                   const RdmMediaWorld *world,
                   double spend_kept,
                   RdmMmmExperiment *experiments)
{
  guint n_days = world->n_days, first = n_days - 7 * 12, last = n_days - 7 * 4 - 1, planted = 0;
  g_autofree double *response = g_new (double, n_days);
  g_autofree double *scratch = g_new (double, 2 * (gsize)n_days);

  for (guint c = 0; c < spec->n_channels; c++)
    {
      const double *spend = world->spend + (gsize)c * n_days;
      double spent = 0.0;

      for (guint t = first; t <= last; t++)
        spent += spend[t];
      /* a channel off for the whole test has nothing to cut */
      if (spent <= 0.0)
        continue;
      RdmMmmExperiment *experiment = &experiments[planted++];

      experiment->channel = c;
      experiment->first = first;
      experiment->last = last;
      experiment->spend_kept = spend_kept;
      rdm_response_curve_apply (&spec->channels[c].curve, spend, n_days, response);
      experiment->incremental = rdm_response_curve_cut_incremental (
          &spec->channels[c].curve, spend, response, first, last, spend_kept, scratch);
      experiment->ci_low = 0.85 * experiment->incremental;
      experiment->ci_high = 1.15 * experiment->incremental;
    }
  return planted;
}

int
main (int argc, char **argv)
{
  guint n_worlds = argc > 1 ? (guint)atoi (argv[1]) : 10;
  guint n_replicates = argc > 2 ? (guint)atoi (argv[2]) : 50;
  gboolean verbose = FALSE, misallocated = FALSE, tested = FALSE;
  double spend_kept = 0.0;
  guint first_seed = 1;
  guint mroi_covered = 0, gain_covered = 0;
  double sum_uncorrected = 0.0, sum_corrected = 0.0, sum_true_gain = 0.0;

  for (int i = 3; i < argc; i++)
    {
      verbose |= g_str_equal (argv[i], "-v");
      misallocated |= g_str_equal (argv[i], "-m");
      tested |= g_str_equal (argv[i], "-e");
      if (g_str_equal (argv[i], "-c"))
        {
          tested = TRUE;
          spend_kept = 0.7;
        }
      if (g_str_equal (argv[i], "-s") && i + 1 < argc)
        first_seed = (guint)atoi (argv[++i]);
    }
  RdmMediaWorldSpec first = rdm_media_world_spec_default (1);
  guint n = first.n_channels;
  g_autofree guint *covered = g_new0 (guint, n);
  g_autofree double *relative_error = g_new0 (double, n);
  double total_seconds = 0.0, worst_budget = 1.0, sum_budget = 0.0;
  double worst_oracle = 1.0, sum_oracle = 0.0;
  guint below = 0, oracle_below = 0;

  for (guint seed = first_seed; seed < first_seed + n_worlds; seed++)
    {
      RdmMediaWorldSpec spec = rdm_media_world_spec_default (seed);
      RdmMediaWorldChannel channels[8];

      if (misallocated)
        {
          static const double misallocated_spend[] = { 1500, 800, 1200, 400, 350, 500, 75, 150 };

          g_assert (spec.n_channels == G_N_ELEMENTS (channels));
          memcpy (channels, spec.channels, sizeof channels);
          for (guint c = 0; c < spec.n_channels; c++)
            channels[c].mean_daily_spend = misallocated_spend[c];
          spec.channels = channels;
        }
      g_autoptr (RdmMediaWorld) world = rdm_media_world_generate (&spec);
      g_autofree const char **names = g_new (const char *, n);
      g_autoptr (GError) error = NULL;

      for (guint c = 0; c < n; c++)
        names[c] = spec.channels[c].name;
      RdmMmmExperiment experiments[G_N_ELEMENTS (channels)];
      RdmMmmInput input = { spec.first_day,     world->n_days, n, names, world->spend,
                            world->conversions, world->value,  0, NULL };

      if (tested)
        {
          g_assert (n <= G_N_ELEMENTS (experiments));
          input.n_experiments = plant_experiments (&spec, world, spend_kept, experiments);
          input.experiments = experiments;
        }
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
          truth[c] = spec.channels[c].curve;
        }
      /* today's split is each channel's usual spend: the plan reads it
       * from the last weeks of a spend that never varies */
      g_autofree double *steady = g_new (double, (gsize)n * world->n_days);
      RdmBudgetRequest request = { 13, NAN, NULL, NULL };

      for (guint c = 0; c < n; c++)
        for (guint t = 0; t < world->n_days; t++)
          steady[(gsize)c * world->n_days + t] = current[c];
      g_autoptr (RdmBudgetPlan) plan = rdm_budget_plan (fit, steady, &request, &error);
      RdmBudgetProblem problem = { n, 1, truth, lower, upper, total, current };

      if (plan == NULL || !rdm_budget_optimise (&problem, best, &error))
        {
          fprintf (stderr, "seed %u: %s\n", seed, error->message);
          return 1;
        }
      for (guint c = 0; c < n; c++)
        proposed[c] = plan->proposed[c] / plan->days;
      g_autofree RdmResponseCurve *oracle = g_new (RdmResponseCurve, n);
      g_autofree double *oracle_split = g_new (double, n);
      RdmBudgetProblem oracle_problem = { n, 1, oracle, lower, upper, total, current };

      fit_with_true_shapes (&spec, world, oracle);
      if (!rdm_budget_optimise (&oracle_problem, oracle_split, &error))
        {
          fprintf (stderr, "seed %u: %s\n", seed, error->message);
          return 1;
        }
      double oracle_ratio
          = rdm_budget_expected (truth, n, oracle_split) / rdm_budget_expected (truth, n, best);
      double ratio
          = rdm_budget_expected (truth, n, proposed) / rdm_budget_expected (truth, n, best);
      double today_true = rdm_budget_expected (truth, n, current);
      double true_gain = (rdm_budget_expected (truth, n, proposed) - today_true) * plan->days;
      double uncorrected = plan->gain.estimate + plan->optimism;

      worst_budget = MIN (worst_budget, ratio);
      worst_oracle = MIN (worst_oracle, oracle_ratio);
      sum_oracle += oracle_ratio / n_worlds;
      below += ratio < 0.98;
      oracle_below += oracle_ratio < 0.98;
      gain_covered += plan->gain.low <= true_gain && true_gain <= plan->gain.high;
      sum_uncorrected += uncorrected / (today_true * plan->days) / n_worlds;
      sum_corrected += plan->gain.estimate / (today_true * plan->days) / n_worlds;
      sum_true_gain += true_gain / (today_true * plan->days) / n_worlds;
      for (guint c = 0; c < n; c++)
        {
          const double *spend = world->spend + (gsize)c * world->n_days;
          g_autofree double *raised = g_new (double, world->n_days);
          g_autofree double *response = g_new (double, world->n_days);
          double base = 0.0, more = 0.0, spent = 0.0;

          rdm_response_curve_apply (&truth[c], spend, world->n_days, response);
          for (guint t = 0; t < world->n_days; t++)
            {
              base += response[t];
              raised[t] = spend[t] * 1.01;
              spent += spend[t];
            }
          rdm_response_curve_apply (&truth[c], raised, world->n_days, response);
          for (guint t = 0; t < world->n_days; t++)
            more += response[t];
          double true_marginal = (more - base) / (0.01 * spent) * spec.value_per_conversion - 1.0;
          const RdmMmmEstimate *marginal = &fit->channels[c].marginal_roi;

          mroi_covered += marginal->low <= true_marginal && true_marginal <= marginal->high;
        }
      sum_budget += ratio / n_worlds;
      printf ("seed %2u: %.2f s, held-out R² %.3f, budget %.4f of the true optimum (today's "
              "split %.4f, true shapes %.4f); gain %+.0f [%+.0f, %+.0f] conversions over 13 weeks "
              "(uncorrected "
              "%+.0f), true %+.0f\n",
              seed, seconds, fit->r2, ratio, today_true / rdm_budget_expected (truth, n, best),
              oracle_ratio, plan->gain.estimate, plan->gain.low, plan->gain.high, uncorrected,
              true_gain);
      if (verbose)
        for (guint c = 0; c < n; c++)
          printf ("  %-12s today %7.1f  proposed %7.1f  best %7.1f  contribution %6.0f [%6.0f, "
                  "%6.0f] (truth %6.0f)%s\n",
                  spec.channels[c].name, current[c], proposed[c], best[c],
                  fit->channels[c].contribution.estimate, fit->channels[c].contribution.low,
                  fit->channels[c].contribution.high, world->contribution[c],
                  fit->channels[c].contribution.low <= world->contribution[c]
                          && world->contribution[c] <= fit->channels[c].contribution.high
                      ? ""
                      : " MISSED");
    }
  printf ("\n%u worlds, %u replicates: mean fit %.2f s\n", n_worlds, n_replicates,
          total_seconds / n_worlds);
  printf ("budget under the true curves: mean %.4f, worst %.4f of the true optimum, %u worlds "
          "below 0.98\n",
          sum_budget, worst_budget, below);
  printf ("with the true shapes given, coefficients fitted: mean %.4f, worst %.4f, %u worlds "
          "below 0.98\n",
          sum_oracle, worst_oracle, oracle_below);
  printf ("gain of the proposal over today's split: reported %+.2f %% on average (uncorrected "
          "%+.2f %%), true %+.2f %%; intervals covering the true gain: %u of %u\n",
          100.0 * sum_corrected, 100.0 * sum_uncorrected, 100.0 * sum_true_gain, gain_covered,
          n_worlds);
  printf ("marginal ROI intervals covering the truth: %u of %u\n", mroi_covered, n * n_worlds);
  printf ("%-12s %9s %15s\n", "channel", "covered", "relative error");
  for (guint c = 0; c < n; c++)
    printf ("%-12s %5u/%-3u %15.3f\n", first.channels[c].name, covered[c], n_worlds,
            relative_error[c]);
  return 0;
}
