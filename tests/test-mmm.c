/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The media-mix model (analysis/rdm-mmm.c), its least-squares core
 * (rdm-linear.c) and the simulated markets it is checked against
 * (rdm-media-world.c).
 */

#include <math.h>
#include <string.h>

#include "rdm-budget.h"
#include "rdm-stats.h"
#include "rdm-linear.h"
#include "rdm-media-world.h"
#include "rdm-mmm.h"

#define DAY 86400
/* Monday 6 January 2025 */
#define FIRST_DAY G_GINT64_CONSTANT (1736121600)

/* Hand-worked: θ 0.5 and a half-saturation of 10 a day put the steady
 * level of 10 a day at 10 / (1 − 0.5) = 20, which is the steady half
 * point 10 / 0.5, so hill = ½. */
static void
test_response_curve (void)
{
  RdmResponseCurve curve
      = { .adstock = 0.5, .half_saturation = 10.0, .shape = 1.0, .coefficient = 100.0 };
  double spend[] = { 10.0, 0.0, 10.0 };
  double out[3];

  g_assert_cmpfloat_with_epsilon (rdm_response_curve_steady (&curve, 10.0), 50.0, 1e-12);
  /* level 60 against 20: 60 / 80 */
  g_assert_cmpfloat_with_epsilon (rdm_response_curve_steady (&curve, 30.0), 75.0, 1e-12);
  /* d/ds 100·s/(s + 10) = 1000/(s + 10)², 2.5 at 10 */
  g_assert_cmpfloat_with_epsilon (rdm_response_curve_steady_slope (&curve, 10.0), 2.5, 1e-12);
  g_assert_cmpfloat (rdm_response_curve_steady (&curve, 0.0), ==, 0.0);

  /* levels 10, 5, 12.5 against 20: 10/30, 5/25, 12.5/32.5 */
  rdm_response_curve_apply (&curve, spend, 3, out);
  g_assert_cmpfloat_with_epsilon (out[0], 100.0 / 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (out[1], 20.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (out[2], 100.0 * 12.5 / 32.5, 1e-12);

  /* S = 2 without carry-over: 1 / (1 + (10/20)²) = 0.8 */
  RdmResponseCurve s_shaped
      = { .adstock = 0.0, .half_saturation = 10.0, .shape = 2.0, .coefficient = 1.0 };

  g_assert_cmpfloat_with_epsilon (rdm_response_curve_steady (&s_shaped, 20.0), 0.8, 1e-12);
  /* 2·(¼)/(20·1.25²) = 0.016, and by a central difference */
  g_assert_cmpfloat_with_epsilon (rdm_response_curve_steady_slope (&s_shaped, 20.0), 0.016, 1e-12);
  double numeric = (rdm_response_curve_steady (&s_shaped, 20.001)
                    - rdm_response_curve_steady (&s_shaped, 19.999))
                   / 0.002;

  g_assert_cmpfloat_with_epsilon (numeric, 0.016, 1e-8);
}

/* X = [1 0; 0 1; 1 1]: X'X = [2 1; 1 2]. */
/* θ = 0.5, K = 1 (so K / (1 − θ) = 2), S = 1, β = 2: hill(a) = a / (a + 2).
 * Spend 2, 2, 2 gives adstocks 2, 3, 3.5 and responses 1, 6/5, 14/11;
 * keeping half of days 1 and 2 gives 2, 1, 1: adstocks 2, 2, 2 and
 * responses 1, 1, 1. The cut brought 1/5 + 3/11 = 26/55 over days 1 and
 * 2; a holdout of those days, all they brought, 6/5 + 14/11 = 136/55. */
static void
test_cut_incremental (void)
{
  const RdmResponseCurve curve = { 0.5, 1.0, 1.0, 2.0 };
  const double spend[] = { 2.0, 2.0, 2.0 };
  double response[3], scratch[6];

  rdm_response_curve_apply (&curve, spend, 3, response);
  g_assert_cmpfloat_with_epsilon (response[2], 14.0 / 11.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (
      rdm_response_curve_cut_incremental (&curve, spend, response, 1, 2, 0.5, scratch), 26.0 / 55.0,
      1e-12);
  g_assert_cmpfloat_with_epsilon (
      rdm_response_curve_cut_incremental (&curve, spend, response, 1, 2, 0.0, scratch),
      136.0 / 55.0, 1e-12);
  /* a cut of the last day alone: 14/11 − 2·2.5/4.5 = 14/11 − 10/9 */
  g_assert_cmpfloat_with_epsilon (
      rdm_response_curve_cut_incremental (&curve, spend, response, 2, 2, 0.5, scratch),
      14.0 / 11.0 - 10.0 / 9.0, 1e-12);
}

static void
test_bounded_least_squares (void)
{
  const double gram[] = { 2.0, 1.0, 1.0, 2.0 };
  const gboolean both[] = { TRUE, TRUE };
  const gboolean second[] = { FALSE, TRUE };
  const gboolean none[] = { FALSE, FALSE };
  double b[2];

  /* y = (1, 2, 3): X'y = (4, 5), solved by (1, 2), inside the bounds */
  g_assert_true (rdm_linear_bounded_least_squares (gram, (double[]){ 4.0, 5.0 }, 2, both, 0.0, b));
  g_assert_cmpfloat_with_epsilon (b[0], 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (b[1], 2.0, 1e-12);

  /* y = (1, −1, 1): X'y = (2, 0); free, (4/3, −2/3) */
  g_assert_true (rdm_linear_bounded_least_squares (gram, (double[]){ 2.0, 0.0 }, 2, none, 0.0, b));
  g_assert_cmpfloat_with_epsilon (b[0], 4.0 / 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (b[1], -2.0 / 3.0, 1e-12);
  /* with b2 ≥ 0 it stays at 0, where its gradient 0 − 1·b1 = −1 pushes
   * down, and b1 = 2/2 */
  g_assert_true (
      rdm_linear_bounded_least_squares (gram, (double[]){ 2.0, 0.0 }, 2, second, 0.0, b));
  g_assert_cmpfloat_with_epsilon (b[0], 1.0, 1e-12);
  g_assert_cmpfloat (b[1], ==, 0.0);

  /* y = (−1, −1, −2): both held at 0 */
  g_assert_true (
      rdm_linear_bounded_least_squares (gram, (double[]){ -3.0, -3.0 }, 2, both, 0.0, b));
  g_assert_cmpfloat (b[0], ==, 0.0);
  g_assert_cmpfloat (b[1], ==, 0.0);

  /* a singular free part is refused */
  const double singular[] = { 1.0, 1.0, 1.0, 1.0 };

  g_assert_false (
      rdm_linear_bounded_least_squares (singular, (double[]){ 1.0, 1.0 }, 2, none, 0.0, b));
}

static RdmMmmInput
market_input (const RdmMediaWorldSpec *spec, const RdmMediaWorld *world, const char **names)
{
  for (guint c = 0; c < spec->n_channels; c++)
    names[c] = spec->channels[c].name;
  RdmMmmInput input = {
    .first_day = spec->first_day,
    .n_days = world->n_days,
    .n_channels = world->n_channels,
    .channels = names,
    .spend = world->spend,
    .conversions = world->conversions,
    .value = world->value,
  };
  return input;
}

#define MARKET_SEED 7

/* A fit's contribution of channel @c over days [@first, @last]. */
static double
window_contribution (const RdmMmmFit *fit, guint c, guint first, guint last)
{
  double sum = 0.0;

  for (guint t = first; t <= last; t++)
    sum += fit->contributions[(gsize)c * fit->n_days + t];
  return sum;
}
#define MAX_CHANNELS 16

/* Channel @c's usual daily spend: its mean over the days it spends. */
static double
usual_spend (const RdmMediaWorld *world, guint c)
{
  double total = 0.0;
  guint days = 0;

  for (guint t = 0; t < world->n_days; t++)
    {
      total += world->spend[(gsize)c * world->n_days + t];
      days += world->spend[(gsize)c * world->n_days + t] > 0.0;
    }
  return total / days;
}

/* The default market and its fit, with the bootstrap, made once and
 * shared by the tests that check the fit against the truth (it is the
 * slowest part of the suite). */
static RdmMediaWorldSpec market;
static RdmMediaWorld *market_world;
static RdmMmmFit *market_fit;

static const RdmMmmFit *
fit_market (RdmMediaWorldSpec *spec, const RdmMediaWorld **out_world)
{
  static const char *names[MAX_CHANNELS];

  if (market_fit == NULL)
    {
      RdmMmmOptions options = RDM_MMM_OPTIONS_INIT;
      g_autoptr (GError) error = NULL;

      market = rdm_media_world_spec_default (MARKET_SEED);
      g_assert_cmpuint (market.n_channels, <=, MAX_CHANNELS);
      market_world = rdm_media_world_generate (&market);
      RdmMmmInput input = market_input (&market, market_world, names);

      market_fit = rdm_mmm_fit (&input, &options, &error);
      g_assert_no_error (error);
    }
  *spec = market;
  *out_world = market_world;
  return market_fit;
}

/* Two years of eight channels with known curves: every channel's true
 * contribution lies within its interval (across 24 worlds, 93 % of them
 * do: tests/bench/README.md, bench-mmm). */
static void
test_recovers_contributions (void)
{
  RdmMediaWorldSpec spec;
  const RdmMediaWorld *world = NULL;
  const RdmMmmFit *fit = fit_market (&spec, &world);
  const RdmMediaWorldChannel *market_channels = spec.channels;

  g_test_message ("held out: R² %.3f MAPE %.3f NRMSE %.3f; in sample R² %.3f; %u evaluations",
                  fit->r2, fit->mape, fit->nrmse, fit->r2_in_sample, fit->evaluations);
  for (guint c = 0; c < fit->n_channels; c++)
    {
      const RdmMmmChannel *channel = &fit->channels[c];

      g_test_message ("%-12s truth %8.0f estimate %8.0f [%8.0f, %8.0f]  θ %.2f (%.2f) K %.0f "
                      "(%.0f) S %.2f (%.2f) warnings %x",
                      channel->channel, world->contribution[c], channel->contribution.estimate,
                      channel->contribution.low, channel->contribution.high,
                      channel->adstock.estimate, market_channels[c].curve.adstock,
                      channel->half_saturation.estimate, market_channels[c].curve.half_saturation,
                      channel->shape.estimate, market_channels[c].curve.shape, channel->warnings);
    }
  for (guint c = 0; c < fit->n_channels; c++)
    {
      const RdmMmmChannel *channel = &fit->channels[c];

      g_assert_cmpfloat (channel->contribution.low, <=, world->contribution[c]);
      g_assert_cmpfloat (channel->contribution.high, >=, world->contribution[c]);
    }
  g_assert_cmpfloat (fit->r2, >, 0.5);
  /* a curve is flagged exactly when θ, K or S ended at the edge of its
   * range (θ only at the top: no carry-over is an answer) */
  for (guint c = 0; c < fit->n_channels; c++)
    {
      const RdmMmmChannel *channel = &fit->channels[c];
      double ratio = channel->half_saturation.estimate / usual_spend (world, c);
      gboolean at_limit
          = channel->adstock.estimate >= 0.99 * 0.9 || ratio <= 0.3 * exp (0.01 * log (10.0))
            || ratio >= 3.0 / exp (0.01 * log (10.0)) || channel->shape.estimate <= 0.5 + 0.025
            || channel->shape.estimate >= 3.0 - 0.025;

      g_assert_cmpint (!!(channel->warnings & RDM_MMM_WARNING_CURVE_AT_LIMIT), ==, at_limit);
    }
}

/* Two concave curves 100·s/(s + K) with K = 10 and 30 and 40 a day to
 * split: equal slopes 100·K/(s + K)² give s2 + 30 = √3·(s1 + 10), so
 * s1 = (70 − 10√3)/(1 + √3). */
static void
test_budget_hand_worked (void)
{
  const RdmResponseCurve curves[] = { { 0.0, 10.0, 1.0, 100.0 }, { 0.0, 30.0, 1.0, 100.0 } };
  double lower[] = { 0.0, 0.0 }, upper[] = { 40.0, 40.0 };
  RdmBudgetProblem problem = { 2, 1, curves, lower, upper, 40.0, NULL };
  g_autoptr (GError) error = NULL;
  double daily[2];
  double s1 = (70.0 - 10.0 * sqrt (3.0)) / (1.0 + sqrt (3.0));

  g_assert_true (rdm_budget_optimise (&problem, daily, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (daily[0], s1, 1e-5);
  g_assert_cmpfloat_with_epsilon (daily[1], 40.0 - s1, 1e-5);
  g_assert_cmpfloat_with_epsilon (rdm_budget_expected (curves, 2, daily),
                                  100.0 * s1 / (s1 + 10.0) + 100.0 * (40.0 - s1) / (70.0 - s1),
                                  1e-9);

  /* a ceiling of 15 on the first: the rest goes to the second */
  upper[0] = 15.0;
  g_assert_true (rdm_budget_optimise (&problem, daily, &error));
  g_assert_cmpfloat_with_epsilon (daily[0], 15.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (daily[1], 25.0, 1e-6);

  /* more than the bounds allow, and bounds the wrong way round */
  problem.total = 60.0;
  g_assert_false (rdm_budget_optimise (&problem, daily, &error));
  g_assert_error (error, RDM_BUDGET_ERROR, RDM_BUDGET_ERROR_INFEASIBLE);
  g_clear_error (&error);
  problem.total = 20.0;
  lower[1] = 50.0;
  g_assert_false (rdm_budget_optimise (&problem, daily, &error));
  g_assert_error (error, RDM_BUDGET_ERROR, RDM_BUDGET_ERROR_INFEASIBLE);
}

/* A straight line of @slope conversions per unit of daily spend, as a
 * Hill curve saturating far beyond any spend here. */
static RdmResponseCurve
straight (double slope)
{
  RdmResponseCurve curve = { 0.0, 1e9, 1.0, slope * 1e9 };

  return curve;
}

/* The optimism of a split chosen on noise, by hand. Two channels spend 10
 * a day each; the fit's curves are straight lines of slope 1.5 for both,
 * so no split truly does better than another. Its three replicates have
 * slopes 2 and 1, 1 and 2, 3 and 1; within the default bounds of 5 to 20
 * a day their own best splits are 15 and 5, 5 and 15, 15 and 5, each
 * moving 10 a day, and gain under their own curves +5, +5 and +10 a day
 * (50 against 40 for the third) where the fit's curves give 0: over a
 * week the excesses are 35, 35 and 70, mean 140/3. The mean of the
 * replicates' curves (slopes 2 and 4/3) proposes 15 and 5 too, which
 * moves as far, so the whole excess is taken off the gain the replicates
 * give it, (5 − 5 + 10)/3 a day: 70/3 − 140/3 = −70/3 over the week, ±
 * t(2)·sd·√(1 + 1/3). With bounds that keep today's split, nothing moves
 * and there is no optimism to take off. */
static void
test_budget_optimism (void)
{
  g_autoptr (RdmMmmFit) fit = g_new0 (RdmMmmFit, 1);
  const double slopes[3][2] = { { 2.0, 1.0 }, { 1.0, 2.0 }, { 3.0, 1.0 } };
  RdmBudgetRequest request = { 1, NAN, NULL, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmBudgetPlan) plan = NULL;
  double spend[2 * 28];

  fit->n_channels = 2;
  fit->n_days = 28;
  fit->value_per_conversion = 1.0;
  fit->channels = g_new0 (RdmMmmChannel, 2);
  fit->n_replicates = 3;
  fit->replicate_curves = g_new (RdmResponseCurve, 3 * 2);
  for (guint c = 0; c < 2; c++)
    {
      fit->channels[c].channel = g_strdup (c == 0 ? "A" : "B");
      fit->channels[c].curve = straight (1.5);
      for (guint r = 0; r < 3; r++)
        fit->replicate_curves[r * 2 + c] = straight (slopes[r][c]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (spend); i++)
    spend[i] = 10.0;

  plan = rdm_budget_plan (fit, spend, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (plan->proposed[0], 15.0 * 7, 1e-4);
  g_assert_cmpfloat_with_epsilon (plan->proposed[1], 5.0 * 7, 1e-4);
  double mean = 140.0 / 3.0;
  double sd = sqrt ((2 * (35.0 - mean) * (35.0 - mean) + (70.0 - mean) * (70.0 - mean)) / 2.0);
  double half_width = rdm_student_t_975 (2) * sd * sqrt (4.0 / 3.0);

  g_assert_cmpfloat_with_epsilon (plan->optimism, mean, 1e-3);
  g_assert_cmpfloat_with_epsilon (plan->gain.estimate, 70.0 / 3.0 - mean, 1e-3);
  g_assert_cmpfloat_with_epsilon (plan->gain.low, plan->gain.estimate - half_width, 1e-3);
  g_assert_cmpfloat_with_epsilon (plan->gain.high, plan->gain.estimate + half_width, 1e-3);
  g_autofree char *text = rdm_budget_describe_gain (plan);
  g_assert_nonnull (strstr (text, "cannot tell whether it does better"));
  g_assert_nonnull (strstr (text, "spend_kept 0.7"));

  /* bounds at today's split: nothing moves, nothing to take off */
  double today[] = { 70.0, 70.0 };
  request.lower = today;
  request.upper = today;
  g_clear_pointer (&plan, rdm_budget_plan_free);
  plan = rdm_budget_plan (fit, spend, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (plan->optimism, ==, 0.0);
  g_assert_cmpfloat_with_epsilon (plan->gain.estimate, 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (plan->gain.low, 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (plan->gain.high, 0.0, 1e-9);
  g_clear_pointer (&text, g_free);
  text = rdm_budget_describe_gain (plan);
  g_assert_cmpstr (text, ==, "Within these bounds the best split is today’s.");

  /* without replicates nothing measures the optimism of the split the
   * fit's curves choose (here slopes 2 and 1) */
  request.lower = request.upper = NULL;
  fit->n_replicates = 0;
  fit->channels[0].curve = straight (2.0);
  fit->channels[1].curve = straight (1.0);
  g_clear_pointer (&plan, rdm_budget_plan_free);
  plan = rdm_budget_plan (fit, spend, &request, &error);
  g_assert_no_error (error);
  g_assert_true (isnan (plan->optimism));
  g_assert_true (isnan (plan->gain.low) && isnan (plan->gain.high));
  g_clear_pointer (&text, g_free);
  text = rdm_budget_describe_gain (plan);
  g_assert_nonnull (strstr (text, "not measured"));
}

/* An S-shaped curve next to a concave one: below its threshold the
 * S-shaped channel is worth nothing, so a small budget all goes to the
 * concave one, and a large one is shared; both checked against a grid of
 * every split in steps of 0.01. */
static void
test_budget_s_shaped (void)
{
  const RdmResponseCurve curves[] = { { 0.0, 50.0, 3.0, 200.0 }, { 0.0, 20.0, 1.0, 60.0 } };
  double lower[] = { 0.0, 0.0 }, upper[] = { 1000.0, 1000.0 };
  const double totals[] = { 10.0, 120.0 };

  for (guint i = 0; i < G_N_ELEMENTS (totals); i++)
    {
      RdmBudgetProblem problem = { 2, 1, curves, lower, upper, totals[i], NULL };
      double daily[2], grid_best = 0.0;
      g_autoptr (GError) error = NULL;

      for (double s = 0.0; s <= totals[i]; s += 0.01)
        grid_best
            = MAX (grid_best, rdm_budget_expected (curves, 2, (double[]){ s, totals[i] - s }));
      g_assert_true (rdm_budget_optimise (&problem, daily, &error));
      g_assert_cmpfloat (rdm_budget_expected (curves, 2, daily), >=, grid_best - 1e-6);
      g_assert_cmpfloat_with_epsilon (daily[0] + daily[1], totals[i], 1e-6);
    }
}

/* The budget proposed under the fitted curves (their bootstrap
 * replicates), valued under the world's own curves, is within 2 % of the
 * best the true curves allow, each channel between half and twice its
 * spend. */
static void
test_budget_against_truth (void)
{
  RdmMediaWorldSpec spec;
  const RdmMediaWorld *world = NULL;
  const RdmMmmFit *fit = fit_market (&spec, &world);
  g_autoptr (GError) error = NULL;
  guint n = spec.n_channels;
  double current[MAX_CHANNELS], lower[MAX_CHANNELS], upper[MAX_CHANNELS], proposed[MAX_CHANNELS],
      best[MAX_CHANNELS];
  RdmResponseCurve truth[MAX_CHANNELS];
  double total = 0.0;

  for (guint c = 0; c < n; c++)
    {
      current[c] = spec.channels[c].mean_daily_spend;
      lower[c] = 0.5 * current[c];
      upper[c] = 2.0 * current[c];
      total += current[c];
      truth[c] = spec.channels[c].curve;
    }
  RdmBudgetProblem problem
      = { n, fit->n_replicates, fit->replicate_curves, lower, upper, total, current };

  g_assert_true (rdm_budget_optimise (&problem, proposed, &error));
  g_assert_no_error (error);
  problem.n_sets = 1;
  problem.curves = truth;
  g_assert_true (rdm_budget_optimise (&problem, best, &error));

  double today = rdm_budget_expected (truth, n, current);
  double achieved = rdm_budget_expected (truth, n, proposed);
  double optimum = rdm_budget_expected (truth, n, best);

  g_test_message ("true media conversions a day: today %.1f, proposed %.1f, best %.1f", today,
                  achieved, optimum);
  g_assert_cmpfloat (achieved, >=, 0.98 * optimum);
  g_assert_cmpfloat (achieved, >, today);
}

/* An incident of known size: its days get their own level, measured. */
static void
test_event_days (void)
{
  RdmMediaWorldSpec spec = rdm_media_world_spec_default (MARKET_SEED);
  g_autoptr (RdmMediaWorld) world = NULL;
  const char *names[MAX_CHANNELS];
  RdmMmmOptions options = RDM_MMM_OPTIONS_INIT;
  const RdmMmmEvent incident = { "Bad buzz", 400, 420 };
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmMmmFit) with_event = NULL;
  g_autoptr (RdmMmmFit) without = NULL;

  spec.event_first = incident.first;
  spec.event_last = incident.last;
  spec.event_effect = -60.0;
  world = rdm_media_world_generate (&spec);
  RdmMmmInput input = market_input (&spec, world, names);

  options.bootstrap = 0;
  without = rdm_mmm_fit (&input, &options, &error);
  g_assert_no_error (error);
  input.n_events = 1;
  input.events = &incident;
  with_event = rdm_mmm_fit (&input, &options, &error);
  g_assert_no_error (error);
  g_test_message ("incident: %.1f conversions a day (planted −60)", with_event->event_effects[0]);
  g_assert_cmpuint (with_event->n_events, ==, 1);
  /* the noise has a standard deviation of 12 a day over 21 days */
  g_assert_cmpfloat (fabs (with_event->event_effects[0] + 60.0), <, 10.0);
  /* without the event's days, the drop is noise the fit does worse on */
  g_assert_cmpfloat (with_event->r2_in_sample, >, without->r2_in_sample);
  /* an event outside the days is refused */
  const RdmMmmEvent outside = { "Later", 2000, 2001 };

  input.events = &outside;
  g_assert_null (rdm_mmm_fit (&input, &options, &error));
  g_assert_error (error, RDM_MMM_ERROR, RDM_MMM_ERROR_BAD_INPUT);
}

/* A lift test of one channel over eight weeks, as precise as such tests
 * are (±15 %): the model's contribution there moves to what the test
 * measured, and the other channels' do not get worse overall. */
static void
test_experiment_prior (void)
{
  RdmMediaWorldSpec spec;
  const RdmMediaWorld *world = NULL;
  const RdmMmmFit *free_fit = fit_market (&spec, &world);
  const char *names[MAX_CHANNELS];
  RdmMmmInput input = market_input (&spec, world, names);
  RdmMmmOptions options = RDM_MMM_OPTIONS_INIT;
  g_autoptr (GError) error = NULL;
  g_autofree double *response = g_new (double, world->n_days);
  guint tested = 0;
  double worst = 0.0, truth = 0.0, before = 0.0, after = 0.0;

  /* the channel the free fit gets most wrong */
  for (guint c = 0; c < spec.n_channels; c++)
    {
      double off = fabs (free_fit->channels[c].contribution.estimate - world->contribution[c])
                   / world->contribution[c];

      if (off > worst)
        {
          worst = off;
          tested = c;
        }
    }
  RdmMmmExperiment experiment = { tested, 300, 355, 0.0, 0.0, 0.0 };

  rdm_response_curve_apply (&spec.channels[tested].curve,
                            world->spend + (gsize)tested * world->n_days, world->n_days, response);
  for (guint t = experiment.first; t <= experiment.last; t++)
    truth += response[t];
  experiment.incremental = truth;
  experiment.ci_low = 0.85 * truth;
  experiment.ci_high = 1.15 * truth;
  input.n_experiments = 1;
  input.experiments = &experiment;

  g_autoptr (RdmMmmFit) fit = rdm_mmm_fit (&input, &options, &error);
  g_assert_no_error (error);
  g_assert_true (fit->channels[tested].calibrated);
  before = window_contribution (free_fit, tested, experiment.first, experiment.last);
  after = window_contribution (fit, tested, experiment.first, experiment.last);
  g_test_message ("%s over the test's days: truth %.0f, free fit %.0f, with the test %.0f (whole "
                  "period: truth %.0f, free %.0f, with %.0f)",
                  spec.channels[tested].name, truth, before, after, world->contribution[tested],
                  free_fit->channels[tested].contribution.estimate,
                  fit->channels[tested].contribution.estimate);
  g_assert_cmpfloat (fabs (after - truth), <, fabs (before - truth));
  g_assert_cmpfloat (fabs (after - truth), <, 0.15 * truth);
  g_assert_cmpfloat (
      fabs (fit->channels[tested].contribution.estimate - world->contribution[tested]), <,
      fabs (free_fit->channels[tested].contribution.estimate - world->contribution[tested]));

  /* a measure outside its own interval is refused */
  experiment.ci_high = 0.9 * truth;
  g_assert_null (rdm_mmm_fit (&input, &options, &error));
  g_assert_error (error, RDM_MMM_ERROR, RDM_MMM_ERROR_BAD_INPUT);
}

/* What @curve says a cut of @experiment's kind brought over its days. */
static double
model_cut (const RdmResponseCurve *curve,
           const double *spend,
           guint n_days,
           const RdmMmmExperiment *experiment)
{
  g_autofree double *response = g_new (double, n_days);
  g_autofree double *scratch = g_new (double, 2 * (gsize)n_days);

  rdm_response_curve_apply (curve, spend, n_days, response);
  return rdm_response_curve_cut_incremental (curve, spend, response, experiment->first,
                                             experiment->last, experiment->spend_kept, scratch);
}

/* The eight weeks in which channel @c spent most: their first day. */
static guint
busiest_weeks (const RdmMediaWorld *world, guint c)
{
  const double *spend = world->spend + (gsize)c * world->n_days;
  guint best = 0;
  double most = -1.0;

  for (guint start = 0; start + 56 <= world->n_days; start += 7)
    {
      double total = 0.0;

      for (guint t = start; t < start + 56; t++)
        total += spend[t];
      if (total > most)
        {
          most = total;
          best = start;
        }
    }
  return best;
}

/* A test that cut a channel's spend by 30 % for the eight weeks it spent
 * most, measured within ±15 %, on the channel whose cut the fit without
 * the test gets most wrong: the model's cut moves to what the test
 * measured. (That such tests on every channel bring the budget closer
 * to the best split is measured in tests/bench/README.md.) */
static void
test_spend_cut_experiment (void)
{
  RdmMediaWorldSpec spec;
  const RdmMediaWorld *world = NULL;
  const RdmMmmFit *free_fit = fit_market (&spec, &world);
  const char *names[MAX_CHANNELS];
  RdmMmmInput input = market_input (&spec, world, names);
  RdmMmmOptions options = RDM_MMM_OPTIONS_INIT;
  g_autoptr (GError) error = NULL;
  guint n_days = world->n_days;
  RdmMmmExperiment experiment = { 0 };
  double worst = -1.0, truth = 0.0;

  for (guint c = 0; c < spec.n_channels; c++)
    {
      const double *spend = world->spend + (gsize)c * n_days;
      guint first = busiest_weeks (world, c);
      RdmMmmExperiment cut = { c, first, first + 55, 0.0, 0.0, 0.0, 0.7 };
      double true_cut = model_cut (&spec.channels[c].curve, spend, n_days, &cut);
      double off = fabs (model_cut (&free_fit->channels[c].curve, spend, n_days, &cut) - true_cut)
                   / true_cut;

      if (off > worst)
        {
          worst = off;
          experiment = cut;
          truth = true_cut;
        }
    }
  const double *spend = world->spend + (gsize)experiment.channel * n_days;

  experiment.incremental = truth;
  experiment.ci_low = 0.85 * truth;
  experiment.ci_high = 1.15 * truth;
  input.n_experiments = 1;
  input.experiments = &experiment;

  g_autoptr (RdmMmmFit) fit = rdm_mmm_fit (&input, &options, &error);
  g_assert_no_error (error);
  g_assert_true (fit->channels[experiment.channel].calibrated);
  double before
      = model_cut (&free_fit->channels[experiment.channel].curve, spend, n_days, &experiment);
  double after = model_cut (&fit->channels[experiment.channel].curve, spend, n_days, &experiment);

  g_test_message ("%s, cut by 30 %% on days %u to %u: truth %.1f, free fit %.1f, with the test "
                  "%.1f",
                  spec.channels[experiment.channel].name, experiment.first, experiment.last, truth,
                  before, after);
  g_assert_cmpfloat (fabs (after - truth), <, fabs (before - truth));
  g_assert_cmpfloat (fabs (after - truth), <, 0.15 * truth);

  /* a control that kept all the spend measured nothing */
  experiment.spend_kept = 1.0;
  g_assert_null (rdm_mmm_fit (&input, &options, &error));
  g_assert_error (error, RDM_MMM_ERROR, RDM_MMM_ERROR_BAD_INPUT);
  g_assert_nonnull (strstr (error->message, "below 1"));
}

/* Too few days, no spend, a negative spend, no conversions: refused with
 * what is wrong. */
/* Two channels the data cannot tell apart: the second always spends half
 * the first's, with the same carry-over and shape and a half-saturation
 * at half the first's, so both curves are the same series and any split
 * of their joint contribution fits equally well. Each interval must then
 * run from nothing to about the whole of it (the profile likelihood; a
 * bootstrap drawn around one split cannot know of the others), and the
 * spends are flagged collinear. */
static void
test_indistinguishable_channels (void)
{
  RdmMediaWorldSpec spec = rdm_media_world_spec_default (MARKET_SEED);
  RdmMediaWorldChannel channels[MAX_CHANNELS];
  const char *names[MAX_CHANNELS];
  RdmMmmOptions options = RDM_MMM_OPTIONS_INIT;
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (spec.n_channels, <=, MAX_CHANNELS);
  memcpy (channels, spec.channels, sizeof (RdmMediaWorldChannel) * spec.n_channels);
  spec.channels = channels;

  g_autoptr (RdmMediaWorld) first_draw = rdm_media_world_generate (&spec);
  g_autofree double *half = g_new (double, first_draw->n_days);

  for (guint t = 0; t < first_draw->n_days; t++)
    half[t] = 0.5 * first_draw->spend[t];
  channels[1].spend = half;
  channels[1].mean_daily_spend = 0.5 * channels[0].mean_daily_spend;
  channels[1].curve = channels[0].curve;
  channels[1].curve.half_saturation = 0.5 * channels[0].curve.half_saturation;

  g_autoptr (RdmMediaWorld) world = rdm_media_world_generate (&spec);
  RdmMmmInput input = market_input (&spec, world, names);
  g_autoptr (RdmMmmFit) fit = rdm_mmm_fit (&input, &options, &error);

  g_assert_no_error (error);
  g_assert_cmpmem (world->spend + world->n_days, sizeof (double) * world->n_days, half,
                   sizeof (double) * world->n_days);
  double joint = world->contribution[0] + world->contribution[1];

  for (guint c = 0; c < 2; c++)
    {
      const RdmMmmChannel *channel = &fit->channels[c];

      g_test_message ("%s: truth %.0f of %.0f together, estimate %.0f [%.0f, %.0f]",
                      channel->channel, world->contribution[c], joint,
                      channel->contribution.estimate, channel->contribution.low,
                      channel->contribution.high);
      g_assert_true (channel->warnings & RDM_MMM_WARNING_COLLINEAR);
      g_assert_true (channel->warnings & RDM_MMM_WARNING_UNCERTAIN);
      g_assert_cmpfloat (channel->contribution.low, <=, 0.05 * joint);
      g_assert_cmpfloat (channel->contribution.high, >=, 0.9 * joint);
    }
}

static void
test_bad_input (void)
{
  const char *names[] = { "Facebook" };
  double spend[RDM_MMM_MIN_DAYS] = { 0 };
  double conversions[RDM_MMM_MIN_DAYS];
  RdmMmmOptions options = RDM_MMM_OPTIONS_INIT;
  RdmMmmInput input
      = { FIRST_DAY, RDM_MMM_MIN_DAYS - 1, 1, names, spend, conversions, NULL, 0, NULL };
  g_autoptr (GError) error = NULL;

  for (guint t = 0; t < RDM_MMM_MIN_DAYS; t++)
    conversions[t] = 10.0 + t % 7;
  g_assert_null (rdm_mmm_fit (&input, &options, &error));
  g_assert_error (error, RDM_MMM_ERROR, RDM_MMM_ERROR_TOO_SHORT);
  g_clear_error (&error);

  input.n_days = RDM_MMM_MIN_DAYS;
  g_assert_null (rdm_mmm_fit (&input, &options, &error));
  g_assert_error (error, RDM_MMM_ERROR, RDM_MMM_ERROR_NO_CHANNELS);
  g_clear_error (&error);

  spend[3] = -5.0;
  g_assert_null (rdm_mmm_fit (&input, &options, &error));
  g_assert_error (error, RDM_MMM_ERROR, RDM_MMM_ERROR_BAD_INPUT);
  g_assert_nonnull (strstr (error->message, "Day 4"));
  g_assert_nonnull (strstr (error->message, "Facebook"));
  g_clear_error (&error);

  spend[3] = 5.0;
  conversions[10] = NAN;
  g_assert_null (rdm_mmm_fit (&input, &options, &error));
  g_assert_error (error, RDM_MMM_ERROR, RDM_MMM_ERROR_BAD_INPUT);
  g_clear_error (&error);

  memset (conversions, 0, sizeof conversions);
  g_assert_null (rdm_mmm_fit (&input, &options, &error));
  g_assert_error (error, RDM_MMM_ERROR, RDM_MMM_ERROR_NO_OUTCOMES);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mmm/response-curve", test_response_curve);
  g_test_add_func ("/mmm/cut-incremental", test_cut_incremental);
  g_test_add_func ("/mmm/bounded-least-squares", test_bounded_least_squares);
  g_test_add_func ("/mmm/recovers-contributions", test_recovers_contributions);
  g_test_add_func ("/mmm/indistinguishable-channels", test_indistinguishable_channels);
  g_test_add_func ("/mmm/event-days", test_event_days);
  g_test_add_func ("/mmm/experiment-prior", test_experiment_prior);
  g_test_add_func ("/mmm/spend-cut-experiment", test_spend_cut_experiment);
  g_test_add_func ("/mmm/bad-input", test_bad_input);
  g_test_add_func ("/mmm/budget-hand-worked", test_budget_hand_worked);
  g_test_add_func ("/mmm/budget-s-shaped", test_budget_s_shaped);
  g_test_add_func ("/mmm/budget-optimism", test_budget_optimism);
  g_test_add_func ("/mmm/budget-against-truth", test_budget_against_truth);
  int status = g_test_run ();

  rdm_mmm_fit_free (market_fit);
  rdm_media_world_free (market_world);
  return status;
}
