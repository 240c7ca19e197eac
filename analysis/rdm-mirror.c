/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The mirror: does series A (social engagement, say) move before series B
 * (a survey's brand awareness), and by how long?
 *
 * At each lag k, r_k is Pearson's correlation of the pairs (A(t), B(t+k))
 * over the periods where both have data; k > 0 means A leads B.
 *
 * Its 95 % interval is Fisher's z interval, tanh (atanh r ± 1.96 /
 * sqrt (n' − 3)), with n' the number of pairs corrected for the
 * autocorrelation of both series: two smooth series correlate by chance far
 * more often than independent draws would, so n pairs carry the
 * information of fewer. Bartlett's large-sample variance of r between two
 * independent AR(1) series with lag-1 autocorrelations ρa and ρb gives
 *
 *   n' = n (1 − ρa ρb) / (1 + ρa ρb)
 *
 * (Bartlett, J R Stat Soc Suppl 8, 1946; the form used in climatology,
 * e.g. Bretherton et al., J Climate 12, 1999), capped at n when ρa ρb < 0.
 * ρa and ρb are measured on the aggregated series, about their means,
 * over consecutive periods that both have data.
 *
 * The best lag is the one with the largest |r|. Its interval comes from a
 * moving block bootstrap over the periods (Künsch, Ann Stat 17, 1989):
 * blocks of ⌈n^(1/3)⌉ consecutive periods (at least 2), drawn with
 * replacement from a circle until n periods are drawn, keep the
 * autocorrelation within blocks; each resample recomputes every lag's r
 * on the same drawn periods and keeps its best lag, and the interval is
 * the 2.5th and 97.5th percentiles of those best lags. A wide interval
 * says the data do not pin the lag down, whatever the point estimate.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "rdm-mirror.h"
#include "rdm-period.h"
#include "rdm-random.h"
#include "rdm-stats.h"

G_DEFINE_QUARK (rdm - mirror - error - quark, rdm_mirror_error)

#define Z_95 1.959963984540054
#define DAY_SECONDS G_GINT64_CONSTANT (86400)

static const char *const by_names[] = { "day", "week", "month" };

const char *
rdm_mirror_by_to_string (RdmMirrorBy by)
{
  g_return_val_if_fail (by <= RDM_MIRROR_BY_MONTH, NULL);
  return by_names[by];
}

const char *
rdm_mirror_by_name (RdmMirrorBy by)
{
  switch (by)
    {
    case RDM_MIRROR_BY_DAY:
      return C_ ("mirror period", "day");
    case RDM_MIRROR_BY_MONTH:
      return C_ ("mirror period", "month");
    case RDM_MIRROR_BY_WEEK:
    default:
      return C_ ("mirror period", "week");
    }
}

gboolean
rdm_mirror_by_from_string (const char *text, RdmMirrorBy *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (by_names); i++)
    if (g_strcmp0 (text, by_names[i]) == 0)
      {
        *out = (RdmMirrorBy)i;
        return TRUE;
      }
  return FALSE;
}

/* The first day of the period of @by holding @day. */
static gint64
period_start (RdmMirrorBy by, gint64 day)
{
  RdmPeriod month;
  gint64 days = day / DAY_SECONDS;

  switch (by)
    {
    case RDM_MIRROR_BY_WEEK:
      /* 1970-01-01 was a Thursday, 3 days after a Monday */
      return day - ((days + 3) % 7) * DAY_SECONDS;
    case RDM_MIRROR_BY_MONTH:
      if (rdm_period_containing (RDM_PERIOD_MONTH, day, &month, NULL))
        return month.start;
      return day;
    case RDM_MIRROR_BY_DAY:
    default:
      return day;
    }
}

GArray *
rdm_mirror_aggregate (
    const double *values, guint n_days, gint64 first_day, RdmMirrorBy by, GArray **out_starts)
{
  GArray *means = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  double sum = 0;
  guint count = 0;

  for (guint t = 0; t < n_days; t++)
    {
      gint64 day = first_day + (gint64)t * DAY_SECONDS;
      gint64 start = period_start (by, day);

      if (starts->len == 0 || start != g_array_index (starts, gint64, starts->len - 1))
        {
          if (starts->len > 0)
            {
              double mean = count > 0 ? sum / count : NAN;

              g_array_append_val (means, mean);
            }
          g_array_append_val (starts, start);
          sum = 0;
          count = 0;
        }
      if (isfinite (values[t]))
        {
          sum += values[t];
          count++;
        }
    }
  if (starts->len > 0)
    {
      double mean = count > 0 ? sum / count : NAN;

      g_array_append_val (means, mean);
    }
  if (out_starts != NULL)
    *out_starts = g_steal_pointer (&starts);
  return means;
}

void
rdm_mirror_clear (RdmMirror *mirror)
{
  g_clear_pointer (&mirror->lags, g_array_unref);
}

double
rdm_mirror_correlation (const double *a,
                        const double *b,
                        guint n,
                        int lag,
                        const guint *index,
                        guint n_index,
                        guint *out_pairs)
{
  double sum_a = 0, sum_b = 0, saa = 0, sbb = 0, sab = 0;
  guint pairs = 0;

  if (index == NULL)
    n_index = n;
  /* two passes: the means, then the centred sums, which stay exact for
   * series far from 0 (followers in the millions) */
  for (int pass = 0; pass < 2; pass++)
    {
      double mean_a = pairs > 0 ? sum_a / pairs : 0;
      double mean_b = pairs > 0 ? sum_b / pairs : 0;

      for (guint k = 0; k < n_index; k++)
        {
          gint64 i = index != NULL ? index[k] : k;
          gint64 j = i + lag;

          if (j < 0 || j >= n || !isfinite (a[i]) || !isfinite (b[j]))
            continue;
          if (pass == 0)
            {
              sum_a += a[i];
              sum_b += b[j];
              pairs++;
            }
          else
            {
              saa += (a[i] - mean_a) * (a[i] - mean_a);
              sbb += (b[j] - mean_b) * (b[j] - mean_b);
              sab += (a[i] - mean_a) * (b[j] - mean_b);
            }
        }
    }
  if (out_pairs != NULL)
    *out_pairs = pairs;
  if (pairs < RDM_MIRROR_MIN_PAIRS || !(saa > 0) || !(sbb > 0))
    return NAN;
  return CLAMP (sab / sqrt (saa * sbb), -1.0, 1.0);
}

double
rdm_mirror_autocorrelation (const double *x, guint n)
{
  double sum = 0, squares = 0, lagged = 0;
  guint count = 0, consecutive = 0;
  double mean;

  for (guint i = 0; i < n; i++)
    if (isfinite (x[i]))
      {
        sum += x[i];
        count++;
      }
  if (count == 0)
    return 0;
  mean = sum / count;
  for (guint i = 0; i < n; i++)
    {
      if (!isfinite (x[i]))
        continue;
      squares += (x[i] - mean) * (x[i] - mean);
      if (i + 1 < n && isfinite (x[i + 1]))
        {
          lagged += (x[i] - mean) * (x[i + 1] - mean);
          consecutive++;
        }
    }
  if (consecutive == 0 || !(squares > 0))
    return 0;
  return CLAMP (lagged / squares, -1.0, 1.0);
}

gboolean
rdm_mirror_best_lag_is_clear (const RdmMirror *mirror)
{
  guint n_lags = mirror->lags->len;

  for (guint i = 0; i < n_lags; i++)
    {
      const RdmMirrorLag *lag = &g_array_index (mirror->lags, RdmMirrorLag, i);

      if (lag->lag != mirror->best_lag)
        continue;
      if (!isfinite (lag->r) || lag->n_effective <= 3)
        return FALSE;
      double z = rdm_stats_normal_quantile (1.0 - 0.025 / n_lags);

      return fabs (atanh (CLAMP (lag->r, -1 + 1e-15, 1 - 1e-15))) > z / sqrt (lag->n_effective - 3);
    }
  return FALSE;
}

void
rdm_mirror_fisher_interval (double r, double n_effective, double *low, double *high)
{
  double z, half;

  if (!isfinite (r))
    {
      *low = *high = NAN;
      return;
    }
  if (n_effective <= 3)
    {
      *low = -1;
      *high = 1;
      return;
    }
  /* atanh (±1) is infinite: a perfect correlation's interval is itself */
  z = atanh (CLAMP (r, -1 + 1e-15, 1 - 1e-15));
  half = Z_95 / sqrt (n_effective - 3);
  *low = tanh (z - half);
  *high = tanh (z + half);
}

/* The lag of largest |r| among @r (2 max_lag + 1 values, NaN skipped);
 * FALSE when all are NaN. */
static gboolean
best_of (const double *r, guint max_lag, int *best)
{
  gboolean found = FALSE;
  double best_abs = -1;

  /* from lag 0 outwards, so that ties keep the shortest lag */
  for (guint distance = 0; distance <= max_lag; distance++)
    for (int sign = 1; sign >= -1; sign -= 2)
      {
        int lag = sign * (int)distance;
        double value = r[lag + (int)max_lag];

        if (distance == 0 && sign < 0)
          continue;
        if (isfinite (value) && fabs (value) > best_abs)
          {
            best_abs = fabs (value);
            *best = lag;
            found = TRUE;
          }
      }
  return found;
}

static int
compare_ints (const void *a, const void *b)
{
  int x = *(const int *)a, y = *(const int *)b;

  return (x > y) - (x < y);
}

gboolean
rdm_mirror_compute (const double *a,
                    const double *b,
                    guint n,
                    guint max_lag,
                    guint resamples,
                    guint64 seed,
                    RdmMirror *out,
                    GError **error)
{
  g_autofree double *r = NULL;
  g_autofree guint *index = NULL;
  g_autofree int *best_lags = NULL;
  double rho;
  guint kept = 0;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (resamples >= 1, FALSE);

  memset (out, 0, sizeof *out);
  if ((gsize)max_lag + RDM_MIRROR_MIN_PAIRS > n)
    {
      g_set_error (error, RDM_MIRROR_ERROR, RDM_MIRROR_ERROR_LAG,
                   _ ("A maximum lag of %u periods is out of range: the %u periods of the range "
                      "allow at most %d"),
                   max_lag, n, MAX ((int)n - RDM_MIRROR_MIN_PAIRS, 0));
      return FALSE;
    }
  out->periods = n;
  out->resamples = resamples;
  out->autocorrelation_a = rdm_mirror_autocorrelation (a, n);
  out->autocorrelation_b = rdm_mirror_autocorrelation (b, n);
  rho = out->autocorrelation_a * out->autocorrelation_b;
  for (guint i = 0; i < n; i++)
    if (isfinite (a[i]) && isfinite (b[i]))
      out->periods_both++;

  out->lags = g_array_new (FALSE, TRUE, sizeof (RdmMirrorLag));
  r = g_new (double, 2 * max_lag + 1);
  for (int lag = -(int)max_lag; lag <= (int)max_lag; lag++)
    {
      RdmMirrorLag row = { .lag = lag };

      row.r = rdm_mirror_correlation (a, b, n, lag, NULL, 0, &row.n);
      row.n_effective = MIN ((double)row.n, row.n * (1 - rho) / (1 + rho));
      rdm_mirror_fisher_interval (row.r, row.n_effective, &row.ci_low, &row.ci_high);
      r[lag + (int)max_lag] = row.r;
      g_array_append_val (out->lags, row);
    }
  if (!best_of (r, max_lag, &out->best_lag))
    {
      g_set_error (error, RDM_MIRROR_ERROR, RDM_MIRROR_ERROR_TOO_SHORT,
                   _ ("The two series have data in the same periods %u times (at lag 0): at least "
                      "%d are needed, with some variation in each"),
                   out->periods_both, RDM_MIRROR_MIN_PAIRS);
      rdm_mirror_clear (out);
      return FALSE;
    }
  out->best_r = r[out->best_lag + (int)max_lag];

  out->block_length = MAX (2, (guint)ceil (cbrt ((double)n)));
  out->block_length = MIN (out->block_length, n);
  index = g_new (guint, n);
  best_lags = g_new (int, resamples);
  for (guint s = 0; s < resamples; s++)
    {
      RdmRng rng;
      guint drawn = 0;
      int best;

      rdm_rng_init_stream (&rng, seed, s);
      while (drawn < n)
        {
          guint start = (guint)rdm_rng_below (&rng, n);

          for (guint k = 0; k < out->block_length && drawn < n; k++)
            index[drawn++] = (start + k) % n;
        }
      for (int lag = -(int)max_lag; lag <= (int)max_lag; lag++)
        r[lag + (int)max_lag] = rdm_mirror_correlation (a, b, n, lag, index, n, NULL);
      /* a resample with too few pairs at every lag says nothing of the lag */
      if (best_of (r, max_lag, &best))
        best_lags[kept++] = best;
    }
  if (kept == 0)
    {
      out->best_lag_ci_low = out->best_lag_ci_high = out->best_lag;
      return TRUE;
    }
  qsort (best_lags, kept, sizeof (int), compare_ints);
  /* nearest-rank percentiles */
  out->best_lag_ci_low = best_lags[(guint)MIN (kept - 1, floor (0.025 * kept))];
  out->best_lag_ci_high = best_lags[(guint)MIN (kept - 1, ceil (0.975 * kept) - 1)];
  return TRUE;
}
