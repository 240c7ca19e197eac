/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "rdm-linear.h"

#include <math.h>
#include <string.h>

/* Overwrites the lower triangle of @a with its Cholesky factor L. */
static gboolean
cholesky_factor (double *a, guint p)
{
  for (guint j = 0; j < p; j++)
    {
      double diagonal = a[j * p + j];

      for (guint k = 0; k < j; k++)
        diagonal -= a[j * p + k] * a[j * p + k];
      /* relative to the matrix's own scale, so that a nearly dependent
       * column is refused rather than solved into huge coefficients */
      if (!(diagonal > 1e-12 * fabs (a[j * p + j])) || diagonal <= 0.0)
        return FALSE;
      a[j * p + j] = sqrt (diagonal);
      for (guint i = j + 1; i < p; i++)
        {
          double sum = a[i * p + j];

          for (guint k = 0; k < j; k++)
            sum -= a[i * p + k] * a[j * p + k];
          a[i * p + j] = sum / a[j * p + j];
        }
    }
  return TRUE;
}

/* Solves L·Lᵀ x = @b in place, L in the lower triangle of @l. */
static void
cholesky_substitute (const double *l, double *b, guint p)
{
  for (guint i = 0; i < p; i++)
    {
      double sum = b[i];

      for (guint k = 0; k < i; k++)
        sum -= l[i * p + k] * b[k];
      b[i] = sum / l[i * p + i];
    }
  for (guint i = p; i-- > 0;)
    {
      double sum = b[i];

      for (guint k = i + 1; k < p; k++)
        sum -= l[k * p + i] * b[k];
      b[i] = sum / l[i * p + i];
    }
}

gboolean
rdm_linear_cholesky_solve (double *a, double *b, guint p)
{
  if (!cholesky_factor (a, p))
    return FALSE;
  cholesky_substitute (a, b, p);
  return TRUE;
}

gboolean
rdm_linear_cholesky_invert (const double *a, guint p, double *inverse)
{
  g_autofree double *l = g_memdup2 (a, sizeof (double) * p * p);
  g_autofree double *column = g_new (double, p);

  if (!cholesky_factor (l, p))
    return FALSE;
  for (guint j = 0; j < p; j++)
    {
      for (guint i = 0; i < p; i++)
        column[i] = i == j ? 1.0 : 0.0;
      cholesky_substitute (l, column, p);
      for (guint i = 0; i < p; i++)
        inverse[i * p + j] = column[i];
    }
  return TRUE;
}

/* The unconstrained optimum over the passive coefficients, the others
 * held at 0. */
static gboolean
solve_passive (const double *gram,
               const double *xty,
               guint p,
               const gboolean *passive,
               const gboolean *nonnegative,
               double ridge,
               double *work,
               guint *index,
               double *out_z)
{
  guint m = 0;

  for (guint j = 0; j < p; j++)
    if (passive[j])
      index[m++] = j;
  double *a = work;
  double *b = work + (gsize)p * p;

  for (guint r = 0; r < m; r++)
    {
      for (guint c = 0; c < m; c++)
        a[r * m + c] = gram[index[r] * p + index[c]];
      if (nonnegative[index[r]])
        a[r * m + r] += ridge;
      b[r] = xty[index[r]];
    }
  if (!rdm_linear_cholesky_solve (a, b, m))
    return FALSE;
  memset (out_z, 0, sizeof (double) * p);
  for (guint r = 0; r < m; r++)
    out_z[index[r]] = b[r];
  return TRUE;
}

gboolean
rdm_linear_bounded_least_squares (const double *gram,
                                  const double *xty,
                                  guint p,
                                  const gboolean *nonnegative,
                                  double ridge,
                                  double *out_b)
{
  g_autofree gboolean *passive = g_new0 (gboolean, p);
  g_autofree double *z = g_new (double, p);
  g_autofree double *work = g_new (double, (gsize)p *p + p);
  g_autofree guint *index = g_new (guint, p);
  double scale = 0.0;

  for (guint j = 0; j < p; j++)
    {
      passive[j] = !nonnegative[j];
      scale = MAX (scale, fabs (gram[j * p + j]));
    }
  const double tolerance = 1e-12 * MAX (scale, 1.0);

  if (!solve_passive (gram, xty, p, passive, nonnegative, ridge, work, index, out_b))
    return FALSE;

  /* each pass adds one coefficient, and a coefficient leaves only when
   * the objective strictly falls, so 3p passes are far more than enough */
  for (guint pass = 0; pass < 3 * p + 3; pass++)
    {
      guint best = p;
      double best_gradient = tolerance;

      for (guint j = 0; j < p; j++)
        {
          if (passive[j])
            continue;
          double gradient = xty[j] - ridge * out_b[j];

          for (guint k = 0; k < p; k++)
            gradient -= gram[j * p + k] * out_b[k];
          if (gradient > best_gradient)
            {
              best_gradient = gradient;
              best = j;
            }
        }
      if (best == p)
        return TRUE;
      passive[best] = TRUE;

      for (guint inner = 0; inner <= p; inner++)
        {
          if (!solve_passive (gram, xty, p, passive, nonnegative, ridge, work, index, z))
            return FALSE;
          double step = 1.0;
          guint limiting = p;

          for (guint j = 0; j < p; j++)
            if (passive[j] && nonnegative[j] && z[j] <= 0.0)
              {
                double denominator = out_b[j] - z[j];
                double ratio = denominator > 0.0 ? out_b[j] / denominator : 0.0;

                if (limiting == p || ratio < step)
                  {
                    step = ratio;
                    limiting = j;
                  }
              }
          if (limiting == p)
            {
              memcpy (out_b, z, sizeof (double) * p);
              break;
            }
          for (guint j = 0; j < p; j++)
            if (passive[j])
              {
                out_b[j] += step * (z[j] - out_b[j]);
                /* the coefficient that limits the step lands on 0 exactly,
                 * whatever rounding leaves, and others that reach it too */
                if (nonnegative[j] && (j == limiting || out_b[j] <= 1e-15 * MAX (1.0, fabs (z[j]))))
                  {
                    out_b[j] = 0.0;
                    passive[j] = FALSE;
                  }
              }
        }
    }
  return TRUE;
}
