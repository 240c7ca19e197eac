/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "rdm-stats.h"

#include <math.h>

#define SECONDS_PER_DAY 86400

double
rdm_student_t_975 (double df)
{
  /* Abramowitz and Stegun 26.7.5 */
  const double z = 1.959963984540054;
  double z2 = z * z;
  double g1 = (z2 + 1) * z / 4;
  double g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
  double g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
  double g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160;

  g_return_val_if_fail (df >= 1, NAN);
  /* the expansion is poor below 5 degrees of freedom: 1 and 2 have closed
   * forms (a Cauchy's quantile, and (2p − 1)/√(2p(1 − p))) */
  if (df == 1)
    return tan (G_PI * (0.975 - 0.5));
  if (df == 2)
    return (2 * 0.975 - 1) / sqrt (2 * 0.975 * 0.025);
  /* the expansion is still 4e-3 and 9e-4 short at 3 and 4 (R's qt) */
  if (df == 3)
    return 3.182446305284263;
  if (df == 4)
    return 2.776445105197799;
  return z + g1 / df + g2 / (df * df) + g3 / (df * df * df) + g4 / (df * df * df * df);
}

static double
polynomial (const double *coefficients, guint n, double x)
{
  double value = 0.0;

  for (guint i = n; i-- > 0;)
    value = value * x + coefficients[i];
  return value;
}

double
rdm_stats_normal_quantile (double p)
{
  /* Wichura, Applied Statistics 37 (1988), algorithm AS 241 (PPND16) */
  static const double a[] = { 3.387132872796366608,  133.14166789178437745, 1971.5909503065514427,
                              13731.693765509461125, 45921.953931549871457, 67265.770927008700853,
                              33430.575583588128105, 2509.0809287301226727 };
  static const double b[] = { 1.0,
                              42.313330701600911252,
                              687.1870074920579083,
                              5394.1960214247511077,
                              21213.794301586595867,
                              39307.89580009271061,
                              28729.085735721942674,
                              5226.495278852545925 };
  static const double c[]
      = { 1.42343711074968357734,   4.6303378461565452959,   5.7694972214606914055,
          3.64784832476320460504,   1.27045825245236838258,  0.24178072517745061177,
          0.0227238449892691845833, 7.7454501427834140764e-4 };
  static const double d[] = { 1.0,
                              2.05319162663775882187,
                              1.6763848301838038494,
                              0.68976733498510000455,
                              0.14810397642748007459,
                              0.0151986665636164571966,
                              5.475938084995344946e-4,
                              1.05075007164441684324e-9 };
  static const double e[]
      = { 6.6579046435011037772,     5.4637849111641143699,    1.7848265399172913358,
          0.29656057182850489123,    0.026532189526576123093,  0.0012426609473880784386,
          2.71155556874348757815e-5, 2.01033439929228813265e-7 };
  static const double f[] = { 1.0,
                              0.59983220655588793769,
                              0.13692988092273580531,
                              0.0148753612908506148525,
                              7.868691311456132591e-4,
                              1.8463183175100546818e-5,
                              1.4215117583164458887e-7,
                              2.04426310338993978564e-15 };
  double q = p - 0.5;

  g_return_val_if_fail (p > 0.0 && p < 1.0, NAN);
  if (fabs (q) <= 0.425)
    {
      double r = 0.180625 - q * q;

      return q * polynomial (a, 8, r) / polynomial (b, 8, r);
    }
  double r = sqrt (-log (q < 0.0 ? p : 1.0 - p));
  double value = r <= 5.0 ? polynomial (c, 8, r - 1.6) / polynomial (d, 8, r - 1.6)
                          : polynomial (e, 8, r - 5.0) / polynomial (f, 8, r - 5.0);

  return q < 0.0 ? -value : value;
}

double
rdm_stats_t_half_width (const double *draws, guint n)
{
  double mean = 0.0, squares = 0.0;

  g_return_val_if_fail (n >= 2, NAN);
  for (guint i = 0; i < n; i++)
    mean += draws[i] / n;
  for (guint i = 0; i < n; i++)
    squares += (draws[i] - mean) * (draws[i] - mean);
  return rdm_student_t_975 (n - 1) * sqrt (squares / (n - 1));
}

guint
rdm_stats_weekday (gint64 day)
{
  gint64 days
      = day >= 0 ? day / SECONDS_PER_DAY : -((-day + SECONDS_PER_DAY - 1) / SECONDS_PER_DAY);

  /* 1970-01-01 was a Thursday: weekday 3 with Monday 0 */
  return (guint)(((days + 3) % 7 + 7) % 7);
}
