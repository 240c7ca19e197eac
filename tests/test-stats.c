/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The statistics and calendar helpers the analyses share
 * (analysis/rdm-stats.c), against hand-worked values.
 */
#include "config.h"

#include <math.h>

#include "rdm-stats.h"

/* Student's t against R's qt(0.975, df). */
static void
test_student_t (void)
{
  g_assert_cmpfloat_with_epsilon (rdm_student_t_975 (1), 12.706205, 1e-6);
  g_assert_cmpfloat_with_epsilon (rdm_student_t_975 (2), 4.302653, 1e-6);
  g_assert_cmpfloat_with_epsilon (rdm_student_t_975 (3), 3.182446, 1e-6);
  g_assert_cmpfloat_with_epsilon (rdm_student_t_975 (4), 2.776445, 1e-6);
  g_assert_cmpfloat_with_epsilon (rdm_student_t_975 (5), 2.570582, 1e-3);
  g_assert_cmpfloat_with_epsilon (rdm_student_t_975 (10), 2.228139, 2e-4);
  g_assert_cmpfloat_with_epsilon (rdm_student_t_975 (18), 2.100922, 1e-5);
  g_assert_cmpfloat_with_epsilon (rdm_student_t_975 (19), 2.093024, 1e-5);
  g_assert_cmpfloat_with_epsilon (rdm_student_t_975 (30), 2.042272, 1e-5);
  g_assert_cmpfloat_with_epsilon (rdm_student_t_975 (1e9), 1.959964, 1e-6);
}

/* The normal quantile against Python's statistics.NormalDist().inv_cdf. */
static void
test_normal_quantile (void)
{
  const struct
  {
    double p, z;
  } cases[] = {
    { 0.975, 1.9599639845400536 },    { 0.99, 2.3263478740408408 },
    { 0.999, 3.090232306167813 },     { 1 - 0.025 / 17, 2.973819901220312 },
    { 1e-10, -6.361340902404056 },    { 0.5, 0.0 },
    { 0.02425, -1.9729610513118845 }, { 0.3, -0.5244005127080407 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpfloat_with_epsilon (rdm_stats_normal_quantile (cases[i].p), cases[i].z,
                                    1e-12 * MAX (1.0, fabs (cases[i].z)));
}

/* Draws 1, 2, 3, 4, 5, 6: mean 3.5, squares 17.5, sd √(17.5 / 5) = 1.870829;
 * t(5) = 2.570582 (within the expansion's 1e-3). Order does not matter. */
static void
test_half_width (void)
{
  const double draws[] = { 4, 1, 6, 3, 5, 2 };

  g_assert_cmpfloat_with_epsilon (rdm_stats_t_half_width (draws, 6),
                                  rdm_student_t_975 (5) * sqrt (17.5 / 5), 1e-12);
  g_assert_cmpfloat_with_epsilon (rdm_stats_t_half_width (draws, 6), 2.570582 * 1.870829, 2e-3);
  /* equal draws: no spread */
  g_assert_cmpfloat (rdm_stats_t_half_width ((const double[]){ 7, 7, 7 }, 3), ==, 0.0);
}

/* 1970-01-01 was a Thursday, 2026-12-07 a Monday, 1969-12-31 a Wednesday;
 * any second of the day gives the day's weekday. */
static void
test_weekday (void)
{
  g_assert_cmpuint (rdm_stats_weekday (0), ==, 3);
  g_assert_cmpuint (rdm_stats_weekday (86399), ==, 3);
  g_assert_cmpuint (rdm_stats_weekday (G_GINT64_CONSTANT (1796601600)), ==, 0);
  g_assert_cmpuint (rdm_stats_weekday (G_GINT64_CONSTANT (1796601600) + 6 * 86400 + 3600), ==, 6);
  g_assert_cmpuint (rdm_stats_weekday (-86400), ==, 2);
  g_assert_cmpuint (rdm_stats_weekday (-1), ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/stats/student-t", test_student_t);
  g_test_add_func ("/stats/normal-quantile", test_normal_quantile);
  g_test_add_func ("/stats/half-width", test_half_width);
  g_test_add_func ("/stats/weekday", test_weekday);
  return g_test_run ();
}
