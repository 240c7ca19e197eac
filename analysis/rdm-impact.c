/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Event impact: an interrupted time series regression (segmented
 * regression; Wagner, Soumerai, Zhang and Ross-Degnan, "Segmented
 * regression analysis of interrupted time series studies in medication use
 * research", J Clin Pharm Ther 27, 2002), fitted by ordinary least squares
 * on the days of a window around the event's start t0:
 *
 *   y(t) = a + b·τ + Σ_k c_k·w_k(t) + L·post(t) + S·τ·post(t) + e(t),
 *
 * τ = t − t0 in days, post(t) = 1 from the event's first day on, w_k the
 * weekday effects in effect coding (w_k = 1 on weekday k, −1 on Sundays,
 * 0 otherwise, k = Monday .. Saturday), so that a is the level the series
 * had reached at t0 averaged over the week, L the jump in that level on
 * the first day of the event, S the change of slope per day after it.
 *
 * Daily marketing series are autocorrelated (a good week follows a good
 * week), which makes the textbook OLS intervals too narrow. The noise is
 * taken as AR(1), e(t) = ρ e(t−1) + u(t), and the model is refitted by
 * feasible generalised least squares (Prais and Winsten, 1954): ρ is the
 * lag-1 autocorrelation r of the OLS residuals over consecutive days,
 * corrected for its downward bias, ρ = r + (4 + 6r)/n — Marriott and
 * Pope's (1 + 3ρ)/n for an estimated mean (Biometrika 41, 1954) plus
 * 3(1 + ρ)/n for the other terms fitted, a term set by simulation so that
 * ρ comes out unbiased for windows of 6 to 24 weeks — and clamped to
 * ±0.95. Every day that follows a day with data is whitened, z(t) −
 * ρ z(t−1), for y and each regressor; the others are scaled by √(1 − ρ²).
 * Least squares on the whitened rows gives the coefficients, and
 * s² (X'X)⁻¹ their covariance; bounds are estimate ± t·se with Student's t
 * on n − p degrees of freedom.
 *
 * Why not Newey–West (HAC) standard errors, or a block bootstrap? Both
 * were measured on 1000 simulated windows of 8 weeks before and 4 after
 * (level change 5, weekday effects, a trend, AR(1) noise): Newey–West with
 * the usual bandwidth ⌊4 (n/100)^(2/9)⌋ covered the planted change 91 % of
 * the time with white noise, 87 % at ρ = 0.5 and 82 % at ρ = 0.7, since a
 * level change is a low-frequency contrast that a 3-day bandwidth cannot
 * see; Prais–Winsten as above covered 95 %, 94 % and 94 % (91 % on a
 * 4 + 2-week window). A block bootstrap has too few blocks after one event
 * (four weeks are four blocks) to be better, and would differ from run to
 * run. The AR(1) model is the assumption: noise with longer memory (a
 * monthly cycle) widens the true uncertainty beyond these intervals.
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "rdm-impact.h"

#include "rdm-linear.h"
#include "rdm-stats.h"

G_DEFINE_QUARK (rdm - impact - error - quark, rdm_impact_error)

#define P RDM_IMPACT_N_TERMS
/* Beyond, the transformed series is mostly noise differences and the
 * first day dominates; a near unit root needs a model of its own. */
#define MAX_RHO 0.95

static void
fill_row (double *x, int tau, guint weekday)
{
  gboolean post = tau >= 0;

  x[RDM_IMPACT_TERM_LEVEL] = 1;
  x[RDM_IMPACT_TERM_TREND] = tau;
  for (guint k = 0; k < 6; k++)
    x[RDM_IMPACT_TERM_WEEKDAY + k] = weekday == k ? 1 : weekday == 6 ? -1 : 0;
  x[RDM_IMPACT_TERM_LEVEL_CHANGE] = post ? 1 : 0;
  x[RDM_IMPACT_TERM_SLOPE_CHANGE] = post ? tau : 0;
}

double
rdm_impact_expected_without (const RdmImpact *impact, int tau, guint weekday)
{
  double x[P];
  double sum = 0;

  g_return_val_if_fail (weekday < 7, NAN);
  fill_row (x, tau, weekday);
  x[RDM_IMPACT_TERM_LEVEL_CHANGE] = 0;
  x[RDM_IMPACT_TERM_SLOPE_CHANGE] = 0;
  for (guint i = 0; i < P; i++)
    sum += x[i] * impact->coefficients[i];
  return sum;
}

static double
quadratic_form (const double *c, const double *v)
{
  double sum = 0;

  for (guint i = 0; i < P; i++)
    for (guint j = 0; j < P; j++)
      sum += c[i] * v[i * P + j] * c[j];
  return sum;
}

static void
set_figure (RdmImpactFigure *figure, const double *c, const double *beta, const double *v, double t)
{
  figure->estimate = 0;
  for (guint i = 0; i < P; i++)
    figure->estimate += c[i] * beta[i];
  figure->std_error = sqrt (MAX (quadratic_form (c, v), 0));
  figure->ci_low = figure->estimate - t * figure->std_error;
  figure->ci_high = figure->estimate + t * figure->std_error;
}

/* Ordinary least squares of @y on the @n rows of @x: the coefficients,
 * (X'X)⁻¹ and the residuals. FALSE when X'X is singular. */
static gboolean
least_squares (const double *x, const double *y, guint n, double *beta, double *inverse, double *e)
{
  double xtx[P * P] = { 0 }, xty[P] = { 0 };

  for (guint r = 0; r < n; r++)
    {
      const double *row = x + (gsize)r * P;

      for (guint i = 0; i < P; i++)
        {
          xty[i] += row[i] * y[r];
          for (guint j = 0; j < P; j++)
            xtx[i * P + j] += row[i] * row[j];
        }
    }
  if (!rdm_linear_cholesky_invert (xtx, P, inverse))
    return FALSE;
  for (guint i = 0; i < P; i++)
    {
      beta[i] = 0;
      for (guint j = 0; j < P; j++)
        beta[i] += inverse[i * P + j] * xty[j];
    }
  for (guint r = 0; r < n; r++)
    {
      e[r] = y[r];
      for (guint i = 0; i < P; i++)
        e[r] -= x[(gsize)r * P + i] * beta[i];
    }
  return TRUE;
}

/* Lag-1 autocorrelation of @e over the pairs of consecutive days. */
static double
lag1_autocorrelation (const double *e, const int *day, guint n)
{
  double squares = 0, lagged = 0;

  for (guint r = 0; r < n; r++)
    {
      squares += e[r] * e[r];
      if (r + 1 < n && day[r + 1] == day[r] + 1)
        lagged += e[r] * e[r + 1];
    }
  return squares > 0 ? lagged / squares : 0;
}

/* The covariance of the coefficients fitted on whitened rows: s² (X'X)⁻¹,
 * s² the residuals' variance on n − p degrees of freedom. */
static void
classical_covariance (const double *e, guint n, const double *inverse, double *v)
{
  double s2 = 0;

  for (guint r = 0; r < n; r++)
    s2 += e[r] * e[r];
  s2 /= n - P;
  for (guint i = 0; i < P * P; i++)
    v[i] = s2 * inverse[i];
}

gboolean
rdm_impact_fit (const double *values,
                guint n_days,
                guint first_weekday,
                guint event_index,
                RdmImpact *out,
                GError **error)
{
  g_autofree double *x = g_new (double, (gsize)n_days *P);
  g_autofree double *y = g_new (double, n_days);
  g_autofree int *day = g_new (int, n_days);
  g_autofree double *e = g_new (double, n_days);
  g_autofree double *wx = g_new (double, (gsize)n_days *P);
  g_autofree double *wy = g_new (double, n_days);
  double inverse[P * P], v[P * P], ols[P];
  double before_sum = 0, after_sum = 0, sse = 0, sst = 0, mean = 0;
  double t_quantile, rho, c[P];
  guint n = 0;

  g_return_val_if_fail (values != NULL || n_days == 0, FALSE);
  g_return_val_if_fail (first_weekday < 7, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  for (guint t = 0; t < n_days; t++)
    {
      if (!isfinite (values[t]))
        continue;
      fill_row (x + (gsize)n * P, (int)t - (int)event_index, (first_weekday + t) % 7);
      y[n] = values[t];
      day[n] = (int)t;
      if (t < event_index)
        {
          out->days_before++;
          before_sum += values[t];
        }
      else
        {
          out->days_after++;
          after_sum += values[t];
        }
      n++;
    }
  if (out->days_before < RDM_IMPACT_MIN_DAYS_BEFORE || out->days_after < RDM_IMPACT_MIN_DAYS_AFTER)
    {
      g_set_error (error, RDM_IMPACT_ERROR, RDM_IMPACT_ERROR_TOO_SHORT,
                   _ ("The window has %u days with data before the event and %u from its start "
                      "on; at least %d before and %d after are needed to fit a level, a trend "
                      "and the weekdays"),
                   out->days_before, out->days_after, RDM_IMPACT_MIN_DAYS_BEFORE,
                   RDM_IMPACT_MIN_DAYS_AFTER);
      return FALSE;
    }
  out->before_mean = before_sum / out->days_before;
  out->after_mean = after_sum / out->days_after;

  if (!least_squares (x, y, n, ols, inverse, e))
    {
      g_set_error_literal (error, RDM_IMPACT_ERROR, RDM_IMPACT_ERROR_SINGULAR,
                           _ ("The days with data cannot tell the trend, the weekdays and the "
                              "change apart: widen the window"));
      return FALSE;
    }
  out->residual_autocorrelation = lag1_autocorrelation (e, day, n);

  /* Prais–Winsten: a day that follows a day with data becomes z(t) −
   * ρ z(t−1); any other becomes √(1 − ρ²) z(t), so that every day weighs
   * as an independent one would */
  rho = out->residual_autocorrelation;
  rho = CLAMP (rho + (4 + 6 * rho) / n, -MAX_RHO, MAX_RHO);
  for (guint r = 0; r < n; r++)
    {
      gboolean follows = r > 0 && day[r - 1] == day[r] - 1;
      double keep = follows ? 1 : sqrt (1 - rho * rho);

      wy[r] = keep * y[r] - (follows ? rho * y[r - 1] : 0);
      for (guint i = 0; i < P; i++)
        wx[(gsize)r * P + i]
            = keep * x[(gsize)r * P + i] - (follows ? rho * x[(gsize)(r - 1) * P + i] : 0);
    }
  if (!least_squares (wx, wy, n, out->coefficients, inverse, e))
    {
      g_set_error_literal (error, RDM_IMPACT_ERROR, RDM_IMPACT_ERROR_SINGULAR,
                           _ ("The days with data cannot tell the trend, the weekdays and the "
                              "change apart: widen the window"));
      return FALSE;
    }
  out->rho = rho;
  classical_covariance (e, n, inverse, v);

  for (guint r = 0; r < n; r++)
    mean += y[r] / n;
  for (guint r = 0; r < n; r++)
    {
      double fitted = 0;

      for (guint i = 0; i < P; i++)
        fitted += x[(gsize)r * P + i] * out->coefficients[i];
      sse += (y[r] - fitted) * (y[r] - fitted);
      sst += (y[r] - mean) * (y[r] - mean);
    }
  out->r2 = sst > 0 ? 1 - sse / sst : 1;

  t_quantile = rdm_student_t_975 (n - P);
  memset (c, 0, sizeof c);
  c[RDM_IMPACT_TERM_LEVEL_CHANGE] = 1;
  set_figure (&out->level_change, c, out->coefficients, v, t_quantile);
  memset (c, 0, sizeof c);
  c[RDM_IMPACT_TERM_SLOPE_CHANGE] = 1;
  set_figure (&out->slope_change, c, out->coefficients, v, t_quantile);
  memset (c, 0, sizeof c);
  for (guint r = 0; r < n; r++)
    if (day[r] >= (int)event_index)
      {
        c[RDM_IMPACT_TERM_LEVEL_CHANGE] += 1;
        c[RDM_IMPACT_TERM_SLOPE_CHANGE] += day[r] - (int)event_index;
      }
  set_figure (&out->total_change, c, out->coefficients, v, t_quantile);
  out->relative_change
      = out->before_mean != 0 ? out->level_change.estimate / fabs (out->before_mean) : NAN;
  return TRUE;
}
