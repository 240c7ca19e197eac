/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The mirror (analysis/rdm-mirror.c): correlations and intervals of a
 * 5-period pair computed by hand, aggregation by week and month, and a
 * planted lag found in autocorrelated noise.
 */
#include "config.h"

#include <math.h>

#include "rdm-mirror.h"
#include "rdm-random.h"

#define DAY 86400
#define JAN_1_2026 G_GINT64_CONSTANT (1767225600) /* a Thursday */

static const RdmMirrorLag *
lag_row (const RdmMirror *mirror, int lag)
{
  for (guint i = 0; i < mirror->lags->len; i++)
    if (g_array_index (mirror->lags, RdmMirrorLag, i).lag == lag)
      return &g_array_index (mirror->lags, RdmMirrorLag, i);
  g_assert_not_reached ();
}

/* A = 1 2 3 4 5, B = 2 1 4 3 5.
 * Lag 0: deviations −2 −1 0 1 2 and −1 −2 1 0 2, Σ products 8, Σ squares
 * 10 and 10: r = 0.8. Lag 1 pairs (1,1) (2,4) (3,3) (4,5): Σ products
 * 5.5, squares 5 and 8.75, r = 5.5 / √43.75 = 0.83152. Lag −1 pairs (2,2)
 * (3,1) (4,4) (5,3): 3 / √25 = 0.6. Lag-1 autocorrelations: A 4/10 = 0.4,
 * B (2 − 2 + 0 + 0)/10 = 0, so n' = n. Lag 0's interval: tanh (atanh 0.8
 * ± 1.959964 / √2) = [−0.279640, 0.986196]. */
static void
test_hand_checked (void)
{
  const double a[] = { 1, 2, 3, 4, 5 };
  const double b[] = { 2, 1, 4, 3, 5 };
  g_auto (RdmMirror) mirror = { 0 };
  g_autoptr (GError) error = NULL;
  const RdmMirrorLag *row;

  g_assert_cmpfloat_with_epsilon (rdm_mirror_autocorrelation (a, 5), 0.4, 1e-15);
  g_assert_cmpfloat_with_epsilon (rdm_mirror_autocorrelation (b, 5), 0, 1e-15);
  g_assert_true (rdm_mirror_compute (a, b, 5, 1, 200, 1, &mirror, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mirror.lags->len, ==, 3);
  row = lag_row (&mirror, 0);
  g_assert_cmpfloat_with_epsilon (row->r, 0.8, 1e-15);
  g_assert_cmpuint (row->n, ==, 5);
  g_assert_cmpfloat_with_epsilon (row->n_effective, 5, 1e-15);
  g_assert_cmpfloat_with_epsilon (row->ci_low, -0.27964004196935477, 1e-12);
  g_assert_cmpfloat_with_epsilon (row->ci_high, 0.9861961933012714, 1e-12);
  row = lag_row (&mirror, 1);
  g_assert_cmpfloat_with_epsilon (row->r, 5.5 / sqrt (43.75), 1e-15);
  g_assert_cmpuint (row->n, ==, 4);
  row = lag_row (&mirror, -1);
  g_assert_cmpfloat_with_epsilon (row->r, 0.6, 1e-15);
  g_assert_cmpint (mirror.best_lag, ==, 1);
  g_assert_cmpfloat_with_epsilon (mirror.best_r, 5.5 / sqrt (43.75), 1e-15);
  g_assert_cmpint (mirror.best_lag_ci_low, >=, -1);
  g_assert_cmpint (mirror.best_lag_ci_high, <=, 1);
  g_assert_cmpuint (mirror.periods_both, ==, 5);
}

static void
test_fisher_interval (void)
{
  double low, high;

  /* n' = 3 or fewer: nothing is known */
  rdm_mirror_fisher_interval (0.5, 3, &low, &high);
  g_assert_cmpfloat (low, ==, -1);
  g_assert_cmpfloat (high, ==, 1);
  /* r = 0, n' = 28: ± tanh (1.959964 / 5) */
  rdm_mirror_fisher_interval (0, 28, &low, &high);
  g_assert_cmpfloat_with_epsilon (high, tanh (1.959963984540054 / 5), 1e-15);
  g_assert_cmpfloat_with_epsilon (low, -high, 1e-15);
  /* a perfect correlation stays perfect */
  rdm_mirror_fisher_interval (1, 10, &low, &high);
  g_assert_cmpfloat_with_epsilon (low, 1, 1e-6);
  g_assert_cmpfloat_with_epsilon (high, 1, 1e-6);
}

/* 2026-01-01 is a Thursday: its week began on Monday 2025-12-29. */
static void
test_aggregate (void)
{
  double days[40];
  g_autoptr (GArray) starts = NULL;
  g_autoptr (GArray) weeks = NULL;
  g_autoptr (GArray) months = NULL;

  for (guint t = 0; t < 40; t++)
    days[t] = t + 1;
  days[3] = NAN; /* Sunday 4 January: no data */
  weeks = rdm_mirror_aggregate (days, 10, JAN_1_2026, RDM_MIRROR_BY_WEEK, &starts);
  g_assert_cmpuint (weeks->len, ==, 2);
  g_assert_cmpint (g_array_index (starts, gint64, 0), ==, G_GINT64_CONSTANT (1766966400));
  g_assert_cmpint (g_array_index (starts, gint64, 1), ==, G_GINT64_CONSTANT (1767571200));
  g_assert_cmpfloat_with_epsilon (g_array_index (weeks, double, 0), 2, 1e-15);   /* (1+2+3)/3 */
  g_assert_cmpfloat_with_epsilon (g_array_index (weeks, double, 1), 7.5, 1e-15); /* 5..10 */
  g_clear_pointer (&starts, g_array_unref);

  /* 20 January to 28 February: January's days are 1 .. 12 of the series
   * (4 missing), February's 13 .. 40 */
  months = rdm_mirror_aggregate (days, 40, JAN_1_2026 + 19 * DAY, RDM_MIRROR_BY_MONTH, &starts);
  g_assert_cmpuint (months->len, ==, 2);
  g_assert_cmpint (g_array_index (starts, gint64, 1), ==, G_GINT64_CONSTANT (1769904000));
  /* January: 1 2 3 5 .. 12 (11 values, 74) */
  g_assert_cmpfloat_with_epsilon (g_array_index (months, double, 0), 74.0 / 11, 1e-13);
  g_assert_cmpfloat_with_epsilon (g_array_index (months, double, 1), 26.5, 1e-13);

  /* a week without any data is NaN, not 0 */
  for (guint t = 4; t < 11; t++)
    days[t] = NAN;
  g_clear_pointer (&weeks, g_array_unref);
  weeks = rdm_mirror_aggregate (days, 18, JAN_1_2026, RDM_MIRROR_BY_WEEK, NULL);
  g_assert_cmpuint (weeks->len, ==, 3);
  g_assert_true (isnan (g_array_index (weeks, double, 1)));
}

/* Seventeen lags, the best at 2 on an effective n of 30: the Bonferroni
 * quantile is z = Φ⁻¹(1 − 0.025/17) = 2.973820, so the interval's half
 * width on the Fisher scale is z/√27 = 0.572312. r = 0.5 (atanh 0.549306)
 * clears 0 at 95 % alone (1.96/√27 = 0.377) but not among 17 lags; r = 0.6
 * (atanh 0.693147) does, as does −0.6; nothing without pairs enough. */
static void
test_best_lag_clear (void)
{
  g_auto (RdmMirror) mirror = { 0 };
  RdmMirrorLag *best;

  mirror.lags = g_array_new (FALSE, TRUE, sizeof (RdmMirrorLag));
  for (int lag = -8; lag <= 8; lag++)
    {
      RdmMirrorLag row = { lag, 0.1, -0.3, 0.5, 40, 30.0 };

      g_array_append_val (mirror.lags, row);
    }
  mirror.best_lag = 2;
  best = &g_array_index (mirror.lags, RdmMirrorLag, 10);
  g_assert_cmpint (best->lag, ==, 2);
  best->r = 0.5;
  g_assert_false (rdm_mirror_best_lag_is_clear (&mirror));
  best->r = 0.6;
  g_assert_true (rdm_mirror_best_lag_is_clear (&mirror));
  best->r = -0.6;
  g_assert_true (rdm_mirror_best_lag_is_clear (&mirror));
  best->n_effective = 3.0;
  g_assert_false (rdm_mirror_best_lag_is_clear (&mirror));
  best->n_effective = 30.0;
  best->r = NAN;
  g_assert_false (rdm_mirror_best_lag_is_clear (&mirror));
}

/* A: AR(1) weekly series; B(t) = A(t − 3) + noise. Over 20 seeded worlds
 * the best lag is 3 in every one, its interval holds 3, and it stands
 * clear of 0 among the 17 lags. */
static void
test_planted_lag (void)
{
  guint found = 0, covered = 0;

  for (guint64 seed = 1; seed <= 20; seed++)
    {
      double a[120], b[120];
      g_auto (RdmMirror) mirror = { 0 };
      g_autoptr (GError) error = NULL;
      RdmRng rng;
      double level = 0;

      rdm_rng_init (&rng, seed);
      for (guint t = 0; t < 120; t++)
        {
          level = 0.7 * level + rdm_rng_normal (&rng);
          a[t] = 100 + 10 * level;
        }
      for (guint t = 0; t < 120; t++)
        b[t] = (t >= 3 ? 0.5 * a[t - 3] : 50) + 4 * rdm_rng_normal (&rng);
      g_assert_true (rdm_mirror_compute (a, b, 120, 8, 300, seed, &mirror, &error));
      g_assert_no_error (error);
      found += mirror.best_lag == 3;
      covered += mirror.best_lag_ci_low <= 3 && 3 <= mirror.best_lag_ci_high;
      g_assert_true (rdm_mirror_best_lag_is_clear (&mirror));
      g_assert_cmpint (mirror.best_lag_ci_low, <=, mirror.best_lag);
      g_assert_cmpint (mirror.best_lag, <=, mirror.best_lag_ci_high);
    }
  g_test_message ("planted lag 3 found %u/20, in the interval %u/20", found, covered);
  g_assert_cmpuint (found, ==, 20);
  g_assert_cmpuint (covered, ==, 20);
}

/* A quarterly survey against a weekly series: only the weeks with an
 * answer pair up, and a seed gives the same interval every time. */
static void
test_sparse_and_seeded (void)
{
  double a[104], b[104];
  g_auto (RdmMirror) one = { 0 };
  g_auto (RdmMirror) two = { 0 };
  g_autoptr (GError) error = NULL;
  RdmRng rng;
  double level = 0;

  rdm_rng_init (&rng, 5);
  for (guint t = 0; t < 104; t++)
    {
      level = 0.9 * level + rdm_rng_normal (&rng);
      a[t] = level;
    }
  for (guint t = 0; t < 104; t++)
    b[t] = t % 4 == 0 && t >= 2 ? a[t - 2] + 0.2 * rdm_rng_normal (&rng) : NAN;
  g_assert_true (rdm_mirror_compute (a, b, 104, 4, 200, 9, &one, &error));
  g_assert_true (rdm_mirror_compute (a, b, 104, 4, 200, 9, &two, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (one.periods_both, ==, 25);
  g_assert_cmpuint (lag_row (&one, 2)->n, ==, 25);
  g_assert_cmpint (one.best_lag, ==, 2);
  g_assert_cmpint (one.best_lag_ci_low, ==, two.best_lag_ci_low);
  g_assert_cmpint (one.best_lag_ci_high, ==, two.best_lag_ci_high);
}

static void
test_bad_input (void)
{
  const double a[] = { 1, 2, 3, 4, 5, 6 };
  const double b[] = { 1, NAN, NAN, 4, NAN, NAN };
  const double flat[] = { 2, 2, 2, 2, 2, 2 };
  RdmMirror mirror = { 0 };
  g_autoptr (GError) error = NULL;

  g_assert_false (rdm_mirror_compute (a, a, 6, 3, 10, 1, &mirror, &error));
  g_assert_error (error, RDM_MIRROR_ERROR, RDM_MIRROR_ERROR_LAG);
  g_assert_nonnull (strstr (error->message, "at most 2"));
  g_assert_null (mirror.lags);
  g_clear_error (&error);
  g_assert_false (rdm_mirror_compute (a, b, 6, 1, 10, 1, &mirror, &error));
  g_assert_error (error, RDM_MIRROR_ERROR, RDM_MIRROR_ERROR_TOO_SHORT);
  g_assert_null (mirror.lags);
  g_clear_error (&error);
  /* a constant series correlates with nothing */
  g_assert_false (rdm_mirror_compute (a, flat, 6, 1, 10, 1, &mirror, &error));
  g_assert_error (error, RDM_MIRROR_ERROR, RDM_MIRROR_ERROR_TOO_SHORT);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mirror/hand-checked", test_hand_checked);
  g_test_add_func ("/mirror/fisher-interval", test_fisher_interval);
  g_test_add_func ("/mirror/aggregate", test_aggregate);
  g_test_add_func ("/mirror/best-lag-clear", test_best_lag_clear);
  g_test_add_func ("/mirror/planted-lag", test_planted_lag);
  g_test_add_func ("/mirror/sparse-and-seeded", test_sparse_and_seeded);
  g_test_add_func ("/mirror/bad-input", test_bad_input);
  return g_test_run ();
}
