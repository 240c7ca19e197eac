/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "rdm-mmm.h"

#include <math.h>
#include <nlopt.h>
#include <string.h>
#include <glib/gi18n.h>

#include "rdm-bootstrap.h"
#include "rdm-linear.h"
#include "rdm-random.h"
#include "rdm-stats.h"

/* clang-format off */
G_DEFINE_QUARK (rdm-mmm-error-quark, rdm_mmm_error)
/* clang-format on */

#define SECONDS_PER_DAY 86400
#define MAX_ADSTOCK 0.9
/* the half-saturation spend, as a multiple of the channel's usual daily
 * spend (its mean over the days it spends): beyond these the curve is a
 * straight line or a flat wall over the spends the data holds. A flat
 * wall would make an always-on channel a second intercept, taking the
 * baseline's conversions for its own; Robyn bounds its Hill inflexion
 * to 30–100 % of the observed range for the same reason. */
#define MIN_SATURATION_RATIO 0.3
#define MAX_SATURATION_RATIO 3.0
#define MIN_SHAPE 0.5
#define MAX_SHAPE 3.0
#define N_WEEKDAY_COLUMNS 6
#define N_FOLDS 5
/* the step of spend that measures the marginal return */
#define MARGINAL_STEP 0.01
#define FLAT_SPEND_VARIATION 0.1
#define COLLINEAR_CORRELATION 0.9

double
rdm_response_curve_hill (const RdmResponseCurve *curve, double level)
{
  if (level <= 0.0)
    return 0.0;
  double steady_half = curve->half_saturation / (1.0 - curve->adstock);

  return 1.0 / (1.0 + pow (steady_half / level, curve->shape));
}

double
rdm_response_curve_steady (const RdmResponseCurve *curve, double daily_spend)
{
  return curve->coefficient * rdm_response_curve_hill (curve, daily_spend / (1.0 - curve->adstock));
}

double
rdm_response_curve_steady_slope (const RdmResponseCurve *curve, double daily_spend)
{
  if (daily_spend <= 0.0)
    return curve->shape < 1.0
               ? INFINITY
               : (curve->shape == 1.0 ? curve->coefficient / curve->half_saturation : 0.0);
  /* in steady state the adstock's 1/(1 − θ) cancels: hill depends on
   * daily_spend / half_saturation only; β·S·r / (s·(1 + r)²) written so
   * that a huge r (a spend far below K) gives 0, not ∞/∞ */
  double ratio = pow (curve->half_saturation / daily_spend, curve->shape);

  return curve->coefficient * curve->shape / (daily_spend * (1.0 + ratio) * (1.0 + 1.0 / ratio));
}

void
rdm_response_curve_apply (const RdmResponseCurve *curve,
                          const double *spend,
                          guint n_days,
                          double *out)
{
  double level = 0.0;

  for (guint t = 0; t < n_days; t++)
    {
      level = spend[t] + curve->adstock * level;
      out[t] = curve->coefficient * rdm_response_curve_hill (curve, level);
    }
}

double
rdm_response_curve_cut_incremental (const RdmResponseCurve *curve,
                                    const double *spend,
                                    const double *response,
                                    guint first,
                                    guint last,
                                    double spend_kept,
                                    double *scratch)
{
  guint days = last + 1;
  double *kept = scratch, *kept_response = scratch + days;
  double incremental = 0.0;

  for (guint t = first; t <= last; t++)
    incremental += response[t];
  if (spend_kept <= 0.0)
    return incremental;
  /* the kept spend differs from the first day of the test only, but its
   * carry-over runs on from there, so it is transformed from the start */
  for (guint t = 0; t < days; t++)
    kept[t] = t >= first ? spend[t] * spend_kept : spend[t];
  rdm_response_curve_apply (curve, kept, days, kept_response);
  for (guint t = first; t <= last; t++)
    incremental -= kept_response[t];
  return incremental;
}

void
rdm_mmm_fit_free (RdmMmmFit *fit)
{
  if (fit == NULL)
    return;
  for (guint c = 0; c < fit->n_channels; c++)
    g_free (fit->channels[c].channel);
  g_free (fit->channels);
  g_free (fit->actual);
  g_free (fit->fitted);
  g_free (fit->base);
  g_free (fit->contributions);
  g_free (fit->replicate_curves);
  g_free (fit->event_effects);
  g_free (fit);
}

/* What every evaluation shares: the input and the layout of the design. */
typedef struct
{
  const RdmMmmInput *input;
  guint n_active;        /* channels with spend */
  guint *active;         /* their indices in the input */
  double *mean_spend;    /* per active channel, over the days it spends */
  guint p;               /* columns: intercept, trend, weekdays, events, media */
  guint first_media;     /* the first media column */
  guint *weekday;        /* per day, 0 = Monday */
  gboolean *nonnegative; /* per column */
  int *active_of;        /* per input channel, its active index or −1 */
  /* the noise variance the experiments' priors are weighed against; 0
   * until it is known (or without experiments) */
  double noise_variance;
  GCancellable *cancellable;
} Problem;

/* One evaluation's scratch, one per thread. */
typedef struct
{
  const Problem *problem;
  const double *y;
  guint n_train;     /* days the coefficients are fitted on */
  gboolean folds;    /* score on held-out runs of weeks, else in sample */
  double *media;     /* n_active rows of n_days, hill(adstock) */
  double *row;       /* p */
  double *gram;      /* p × p */
  double *xty;       /* p */
  double *snapshots; /* N_FOLDS × (p × p + p) */
  double *coef;      /* p */
  double *exposures; /* per experiment, as transform_media() last set them */
  double *kept;      /* 2 × n_days, for rdm_response_curve_cut_incremental() */
  /* an active channel whose contribution over every day is held at
   * @held_contribution (the profile of its likelihood), or −1 */
  int held;
  double held_contribution;
  /* the search minimises the score alone, without the shape prior: the
   * profile's intervals are the likelihood's, of every shape the data
   * allow */
  gboolean likelihood_only;
  guint evaluations;
  gboolean cancelled;
} Workspace;

static void
workspace_init (Workspace *work, const Problem *problem, const double *y)
{
  guint p = problem->p;

  memset (work, 0, sizeof *work);
  work->problem = problem;
  work->y = y;
  work->n_train = problem->input->n_days;
  work->media = g_new0 (double, (gsize)MAX (problem->n_active, 1) * problem->input->n_days);
  work->row = g_new0 (double, p);
  work->gram = g_new0 (double, (gsize)p *p);
  work->xty = g_new0 (double, p);
  work->snapshots = g_new0 (double, (gsize)N_FOLDS *(p * p + p));
  work->coef = g_new0 (double, p);
  work->exposures = g_new0 (double, MAX (problem->input->n_experiments, 1));
  work->kept = g_new0 (double, 2 * (gsize)problem->input->n_days);
  work->held = -1;
}

static void
workspace_clear (Workspace *work)
{
  g_free (work->media);
  g_free (work->row);
  g_free (work->gram);
  g_free (work->xty);
  g_free (work->snapshots);
  g_free (work->coef);
  g_free (work->exposures);
  g_free (work->kept);
}

/* θ, K and S of active channel @a from the search's vector. */
static RdmResponseCurve
decode_curve (const Problem *problem, const double *x, guint a)
{
  RdmResponseCurve curve = {
    .adstock = x[3 * a],
    .half_saturation = exp (x[3 * a + 1]) * problem->mean_spend[a],
    .shape = x[3 * a + 2],
    .coefficient = 1.0,
  };
  return curve;
}

/* hill(adstock) of every active channel's spend under @x's θ, K and S,
 * and each experiment's exposure under them. */
static void
transform_media (Workspace *work, const double *x)
{
  const Problem *problem = work->problem;
  const RdmMmmInput *input = problem->input;

  for (guint a = 0; a < problem->n_active; a++)
    {
      RdmResponseCurve curve = decode_curve (problem, x, a);

      rdm_response_curve_apply (&curve, input->spend + (gsize)problem->active[a] * input->n_days,
                                input->n_days, work->media + (gsize)a * input->n_days);
    }
  for (guint e = 0; e < input->n_experiments; e++)
    {
      int a = problem->active_of[input->experiments[e].channel];

      if (a >= 0)
        {
          const RdmMmmExperiment *experiment = &input->experiments[e];
          RdmResponseCurve curve = decode_curve (problem, x, (guint)a);

          /* β = 1: the model's incremental of the test is β times it */
          work->exposures[e] = rdm_response_curve_cut_incremental (
              &curve, input->spend + (gsize)problem->active[a] * input->n_days,
              work->media + (gsize)a * input->n_days, experiment->first, experiment->last,
              experiment->spend_kept, work->kept);
        }
    }
}

static void
design_row (const Workspace *work, guint t, double *row)
{
  const Problem *problem = work->problem;
  const RdmMmmInput *input = problem->input;
  guint column = 0;

  row[column++] = 1.0;
  row[column++] = (double)t / input->n_days;
  for (guint d = 1; d <= N_WEEKDAY_COLUMNS; d++)
    row[column++] = problem->weekday[t] == d ? 1.0 : 0.0;
  for (guint e = 0; e < input->n_events; e++)
    row[column++] = t >= input->events[e].first && t <= input->events[e].last ? 1.0 : 0.0;
  for (guint a = 0; a < problem->n_active; a++)
    row[column++] = work->media[(gsize)a * input->n_days + t];
}

/* Adds day @t to the upper triangle of @gram and to @xty. */
static void
accumulate (Workspace *work, guint t, double *gram, double *xty)
{
  guint p = work->problem->p;
  double *row = work->row;

  design_row (work, t, row);
  for (guint i = 0; i < p; i++)
    {
      if (row[i] == 0.0)
        continue;
      xty[i] += row[i] * work->y[t];
      for (guint j = i; j < p; j++)
        gram[i * p + j] += row[i] * row[j];
    }
}

/* Each experiment's prior as a penalty λ·(β·H − I)², where H is the
 * test's incremental under the channel's curve with β = 1
 * (rdm_response_curve_cut_incremental(); β·H is the model's),
 * I the measure and λ = σ²/se²: a measure as precise as a day's noise
 * weighs as one day of data. */
static void
add_experiments (const Workspace *work, double *gram, double *xty)
{
  const Problem *problem = work->problem;
  const RdmMmmInput *input = problem->input;
  guint p = problem->p;

  if (problem->noise_variance <= 0.0)
    return;
  for (guint e = 0; e < input->n_experiments; e++)
    {
      const RdmMmmExperiment *experiment = &input->experiments[e];
      int a = problem->active_of[experiment->channel];
      double se = (experiment->ci_high - experiment->ci_low) / (2.0 * 1.959964);

      if (a < 0 || se <= 0.0)
        continue;
      double exposure = work->exposures[e];
      guint column = problem->first_media + (guint)a;
      double weight = problem->noise_variance / (se * se);

      gram[column * p + column] += weight * exposure * exposure;
      xty[column] += weight * exposure * experiment->incremental;
    }
}

/* Fixes the held channel's coefficient at the value that gives it its
 * held contribution: its column's share moves to the right-hand side,
 * and its equation becomes β = that value. */
static void
hold_column (const Workspace *work, double *gram, double *xty)
{
  const Problem *problem = work->problem;
  guint n_days = problem->input->n_days;
  guint p = problem->p;
  guint column = problem->first_media + (guint)work->held;
  const double *media = work->media + (gsize)work->held * n_days;
  double exposure = 0.0;

  for (guint t = 0; t < n_days; t++)
    exposure += media[t];
  double coefficient = exposure > 0.0 ? work->held_contribution / exposure : 0.0;

  for (guint i = 0; i < p; i++)
    {
      if (i == column)
        continue;
      xty[i] -= gram[i * p + column] * coefficient;
      gram[i * p + column] = gram[column * p + i] = 0.0;
    }
  gram[column * p + column] = 1.0;
  xty[column] = coefficient;
}

static gboolean
solve (Workspace *work, const double *gram_upper, const double *xty_data)
{
  guint p = work->problem->p;
  g_autofree double *gram = g_new (double, (gsize)p *p);
  g_autofree double *xty = g_memdup2 (xty_data, sizeof (double) * p);

  for (guint i = 0; i < p; i++)
    for (guint j = i; j < p; j++)
      gram[i * p + j] = gram[j * p + i] = gram_upper[i * p + j];
  add_experiments (work, gram, xty);
  if (work->held >= 0)
    hold_column (work, gram, xty);
  /* a weekday or event column with no day in the training days would be
   * all zeros: hold it at 0 rather than fail */
  for (guint i = 0; i < p; i++)
    if (gram[i * p + i] == 0.0)
      gram[i * p + i] = 1.0;
  return rdm_linear_bounded_least_squares (gram, xty, p, work->problem->nonnegative, 1e-9,
                                           work->coef);
}

static double
predict (Workspace *work, guint t)
{
  guint p = work->problem->p;
  double sum = 0.0;

  design_row (work, t, work->row);
  for (guint j = 0; j < p; j++)
    sum += work->row[j] * work->coef[j];
  return sum;
}

/* The fold of day @t: whole weeks, dealt in turn to the folds. */
static guint
fold_of (guint t)
{
  return (t / 7) % N_FOLDS;
}

/* The mean squared error of the days [0, n_train): in sample, or (with
 * folds) of each fold's weeks predicted by the coefficients of the other
 * folds' weeks. Whole weeks rather than scattered days keep a day from
 * being predicted by its own neighbours, whose noise it shares; weeks
 * dealt in turn put every held-out week between training weeks, where
 * folds of consecutive months made the first and the last extrapolate
 * the baseline's trend, and a channel whose spend drifted over the years
 * won by standing in for it (YouTube credited with 2.5 times its truth
 * in the demo; tests/bench/README.md). */
static double
score (Workspace *work, const double *x)
{
  const Problem *problem = work->problem;
  guint p = problem->p;
  gsize block = (gsize)p * p + p;

  transform_media (work, x);
  memset (work->gram, 0, sizeof (double) * p * p);
  memset (work->xty, 0, sizeof (double) * p);
  if (!work->folds)
    {
      for (guint t = 0; t < work->n_train; t++)
        accumulate (work, t, work->gram, work->xty);
      if (!solve (work, work->gram, work->xty))
        return HUGE_VAL;
      double sse = 0.0;

      for (guint t = 0; t < work->n_train; t++)
        {
          double residual = work->y[t] - predict (work, t);

          sse += residual * residual;
        }
      return sse / work->n_train;
    }

  guint n_used = work->n_train / 7 * 7;

  memset (work->snapshots, 0, sizeof (double) * N_FOLDS * block);
  for (guint t = 0; t < n_used; t++)
    {
      double *fold = work->snapshots + fold_of (t) * block;

      accumulate (work, t, fold, fold + p * p);
    }
  for (guint f = 0; f < N_FOLDS; f++)
    {
      const double *fold = work->snapshots + f * block;

      for (gsize k = 0; k < (gsize)p * p; k++)
        work->gram[k] += fold[k];
      for (guint k = 0; k < p; k++)
        work->xty[k] += fold[p * p + k];
    }
  double sse = 0.0;
  g_autofree double *train = g_new (double, block);

  for (guint f = 0; f < N_FOLDS; f++)
    {
      const double *fold = work->snapshots + f * block;

      for (gsize k = 0; k < (gsize)p * p; k++)
        train[k] = work->gram[k] - fold[k];
      for (guint k = 0; k < p; k++)
        train[p * p + k] = work->xty[k] - fold[p * p + k];
      if (!solve (work, train, train + p * p))
        return HUGE_VAL;
      for (guint week = f * 7; week < n_used; week += 7 * N_FOLDS)
        for (guint t = week; t < week + 7; t++)
          {
            double residual = work->y[t] - predict (work, t);

            sse += residual * residual;
          }
    }
  return sse / n_used;
}

/* The log-normal prior on each channel's Hill shape S, centred on 1:
 * within a factor of 2 of it at one standard deviation. Spend that runs
 * in flights, on or off, cannot tell a step from a curve: without the
 * prior the search ended at S = 3 with a half-saturation below the usual
 * spend for five channels of seven in the demo, curves that say nothing
 * of the next euro, and the budget built on them reached 95.5 % of the
 * best split the true curves allow; with it, 98.2 % (tests/bench/README.md). */
#define SHAPE_PRIOR_SD 0.7

/* What the search minimises: the score times exp(prior / days), so that
 * days · log of it is the Gaussian likelihood's (σ profiled out) plus the
 * shape prior's −2 log density. */
static double
criterion (Workspace *work, const double *x)
{
  double prior = 0.0;

  for (guint a = 0; a < work->problem->n_active; a++)
    {
      double z = log (x[3 * a + 2]) / SHAPE_PRIOR_SD;

      prior += z * z;
    }
  return score (work, x) * exp (prior / work->problem->input->n_days);
}

static double
objective (unsigned n, const double *x, double *gradient, void *data)
{
  Workspace *work = data;

  (void)n;
  (void)gradient;
  work->evaluations++;
  if (work->problem->cancellable != NULL && g_cancellable_is_cancelled (work->problem->cancellable))
    {
      work->cancelled = TRUE;
      return HUGE_VAL;
    }
  return work->likelihood_only ? score (work, x) : criterion (work, x);
}

static void
search_bounds (const Problem *problem, double *lower, double *upper)
{
  for (guint a = 0; a < problem->n_active; a++)
    {
      lower[3 * a] = 0.0;
      upper[3 * a] = MAX_ADSTOCK;
      lower[3 * a + 1] = log (MIN_SATURATION_RATIO);
      upper[3 * a + 1] = log (MAX_SATURATION_RATIO);
      lower[3 * a + 2] = MIN_SHAPE;
      upper[3 * a + 2] = MAX_SHAPE;
    }
}

/* Minimises @work's score over θ, K and S from @x (which is replaced by
 * the best point): a global search first when @global, then a local
 * polish. */
static void
search (Workspace *work, double *x, gboolean global, guint max_evaluations, guint64 seed)
{
  const Problem *problem = work->problem;
  guint n = 3 * problem->n_active;
  g_autofree double *lower = g_new (double, n);
  g_autofree double *upper = g_new (double, n);
  double best = HUGE_VAL;

  search_bounds (problem, lower, upper);
  if (global)
    {
      nlopt_opt opt = nlopt_create (NLOPT_GN_CRS2_LM, n);

      nlopt_srand (seed);
      nlopt_set_lower_bounds (opt, lower);
      nlopt_set_upper_bounds (opt, upper);
      nlopt_set_min_objective (opt, objective, work);
      nlopt_set_maxeval (opt, max_evaluations * 2 / 3);
      nlopt_set_ftol_rel (opt, 1e-7);
      nlopt_optimize (opt, x, &best);
      nlopt_destroy (opt);
      max_evaluations -= max_evaluations * 2 / 3;
    }
  if (work->cancelled)
    return;
  /* the global search may end a rounding error beyond a bound, where
   * BOBYQA refuses to start */
  for (guint k = 0; k < n; k++)
    x[k] = CLAMP (x[k], lower[k], upper[k]);
  nlopt_opt opt = nlopt_create (NLOPT_LN_BOBYQA, n);

  nlopt_set_lower_bounds (opt, lower);
  nlopt_set_upper_bounds (opt, upper);
  nlopt_set_min_objective (opt, objective, work);
  nlopt_set_maxeval (opt, max_evaluations);
  nlopt_set_ftol_rel (opt, 1e-9);
  nlopt_set_xtol_rel (opt, 1e-6);
  nlopt_optimize (opt, x, &best);
  nlopt_destroy (opt);
}

/* β·hill(adstock) per active channel and its sums, from a solved
 * workspace. */
typedef struct
{
  RdmResponseCurve curve;
  double contribution;
  double marginal_contribution; /* per unit of extra spend */
} ChannelResult;

static void
channel_results (Workspace *work, const double *x, ChannelResult *out)
{
  const Problem *problem = work->problem;
  const RdmMmmInput *input = problem->input;
  g_autofree double *raised = g_new (double, input->n_days);
  g_autofree double *response = g_new (double, input->n_days);

  for (guint a = 0; a < problem->n_active; a++)
    {
      const double *spend = input->spend + (gsize)problem->active[a] * input->n_days;
      RdmResponseCurve curve = decode_curve (problem, x, a);
      double total_spend = 0.0;
      double base = 0.0;
      double more = 0.0;

      curve.coefficient = work->coef[problem->first_media + a];
      rdm_response_curve_apply (&curve, spend, input->n_days, response);
      for (guint t = 0; t < input->n_days; t++)
        {
          raised[t] = spend[t] * (1.0 + MARGINAL_STEP);
          base += response[t];
          total_spend += spend[t];
        }
      rdm_response_curve_apply (&curve, raised, input->n_days, response);
      for (guint t = 0; t < input->n_days; t++)
        more += response[t];
      out[a].curve = curve;
      out[a].contribution = base;
      out[a].marginal_contribution = (more - base) / (MARGINAL_STEP * total_spend);
    }
}

static void
weekly_sums (const double *daily, guint n_days, double *weekly)
{
  for (guint w = 0; w < n_days / 7; w++)
    {
      weekly[w] = 0.0;
      for (guint d = 0; d < 7; d++)
        weekly[w] += daily[w * 7 + d];
    }
}

static double
correlation (const double *a, const double *b, guint n)
{
  double mean_a = 0.0, mean_b = 0.0, saa = 0.0, sbb = 0.0, sab = 0.0;

  for (guint i = 0; i < n; i++)
    {
      mean_a += a[i] / n;
      mean_b += b[i] / n;
    }
  for (guint i = 0; i < n; i++)
    {
      saa += (a[i] - mean_a) * (a[i] - mean_a);
      sbb += (b[i] - mean_b) * (b[i] - mean_b);
      sab += (a[i] - mean_a) * (b[i] - mean_b);
    }
  return saa > 0.0 && sbb > 0.0 ? sab / sqrt (saa * sbb) : 0.0;
}

/* Flat and collinear spend: what the data cannot tell apart. */
static void
identification_warnings (const RdmMmmInput *input, RdmMmmFit *fit)
{
  guint n_weeks = input->n_days / 7;
  g_autofree double *weekly = g_new (double, (gsize)input->n_channels *n_weeks);

  for (guint c = 0; c < input->n_channels; c++)
    {
      double *mine = weekly + (gsize)c * n_weeks;
      double mean = 0.0, variance = 0.0;

      weekly_sums (input->spend + (gsize)c * input->n_days, input->n_days, mine);
      for (guint w = 0; w < n_weeks; w++)
        mean += mine[w] / n_weeks;
      for (guint w = 0; w < n_weeks; w++)
        variance += (mine[w] - mean) * (mine[w] - mean) / n_weeks;
      fit->channels[c].spend_variation = mean > 0.0 ? sqrt (variance) / mean : 0.0;
      if (mean > 0.0 && fit->channels[c].spend_variation < FLAT_SPEND_VARIATION)
        fit->channels[c].warnings |= RDM_MMM_WARNING_FLAT_SPEND;
    }
  for (guint c = 0; c < input->n_channels; c++)
    {
      fit->channels[c].collinear_with = -1;
      for (guint d = 0; d < input->n_channels; d++)
        {
          if (d == c || fit->channels[d].spend <= 0.0 || fit->channels[c].spend <= 0.0)
            continue;
          double r
              = correlation (weekly + (gsize)c * n_weeks, weekly + (gsize)d * n_weeks, n_weeks);

          if (r > COLLINEAR_CORRELATION && r > fit->channels[c].collinear_r)
            {
              fit->channels[c].collinear_r = r;
              fit->channels[c].collinear_with = (int)d;
              fit->channels[c].warnings |= RDM_MMM_WARNING_COLLINEAR;
            }
        }
    }
}

/* The replicates of the block bootstrap, shared by the worker threads. */
typedef struct
{
  const Problem *problem;
  const double *fitted;
  const double *residuals;
  const double *start; /* the point estimate's θ, K and S */
  guint train_days;    /* the days its search was scored on */
  guint n_replicates;
  guint64 seed;
  guint max_evaluations;
  gint next;
  ChannelResult *results; /* n_replicates × n_active */
  double *baselines;      /* n_replicates */
  gboolean *solved;       /* n_replicates */
} Bootstrap;

/* Whole weeks of residuals, drawn with replacement onto the fitted
 * series: noise keeps its weekly correlation and the spend keeps its
 * order. */
static void
replicate_series (const Bootstrap *bootstrap, guint replicate, double *y)
{
  guint n_days = bootstrap->problem->input->n_days;
  guint n_weeks = n_days / 7;
  RdmRng rng;

  rdm_rng_init_stream (&rng, bootstrap->seed, replicate);
  for (guint week = 0; week * 7 < n_days; week++)
    {
      guint source = (guint)rdm_rng_below (&rng, n_weeks);

      for (guint d = 0; d < 7 && week * 7 + d < n_days; d++)
        y[week * 7 + d] = bootstrap->fitted[week * 7 + d] + bootstrap->residuals[source * 7 + d];
    }
}

static void
replicate_start (const Bootstrap *bootstrap,
                 guint replicate,
                 const double *lower,
                 const double *upper,
                 double *x)
{
  RdmRng rng;

  /* a stream apart from the residual draws' */
  rdm_rng_init_stream (&rng, ~bootstrap->seed, replicate);
  for (guint k = 0; k < 3 * bootstrap->problem->n_active; k++)
    x[k] = lower[k] + (upper[k] - lower[k]) * rdm_rng_uniform (&rng);
}

static gpointer
bootstrap_worker (gpointer data)
{
  Bootstrap *bootstrap = data;
  const Problem *problem = bootstrap->problem;
  guint n_days = problem->input->n_days;
  guint n_params = 3 * problem->n_active;
  g_autofree double *y = g_new (double, n_days);
  g_autofree double *x = g_new (double, n_params);
  g_autofree double *other = g_new (double, n_params);
  g_autofree double *lower = g_new (double, n_params);
  g_autofree double *upper = g_new (double, n_params);
  Workspace work;

  search_bounds (problem, lower, upper);
  workspace_init (&work, problem, y);
  for (;;)
    {
      guint replicate = (guint)g_atomic_int_add (&bootstrap->next, 1);

      if (replicate >= bootstrap->n_replicates || work.cancelled)
        break;
      replicate_series (bootstrap, replicate, y);
      /* from the point estimate and from a random point, keeping the
       * better: from the point estimate alone a replicate stays in its
       * basin, and the intervals leave out the other curves the data
       * allow (they covered the truth of simulated markets less often;
       * tests/bench/README.md); from a random point alone it may stop in
       * a worse basin than the point estimate's, which then falls
       * outside its own interval */
      /* the point estimate's estimator, step by step: θ, K and S by
       * the same cross-validation on the same training days, then the
       * coefficients on every day */
      work.folds = TRUE;
      work.n_train = bootstrap->train_days;
      memcpy (x, bootstrap->start, sizeof (double) * n_params);
      search (&work, x, FALSE, bootstrap->max_evaluations, 0);
      replicate_start (bootstrap, replicate, lower, upper, other);
      search (&work, other, FALSE, bootstrap->max_evaluations, 0);
      if (criterion (&work, other) < criterion (&work, x))
        memcpy (x, other, sizeof (double) * n_params);
      work.folds = FALSE;
      work.n_train = n_days;
      if (work.cancelled || !isfinite (score (&work, x)))
        continue;
      ChannelResult *results = bootstrap->results + (gsize)replicate * problem->n_active;
      double media = 0.0, total = 0.0;

      channel_results (&work, x, results);
      for (guint a = 0; a < problem->n_active; a++)
        media += results[a].contribution;
      for (guint t = 0; t < n_days; t++)
        total += predict (&work, t);
      bootstrap->baselines[replicate] = total - media;
      bootstrap->solved[replicate] = TRUE;
    }
  workspace_clear (&work);
  return NULL;
}

/* Runs @worker on a thread per processor, this one included, until it
 * returns on each. */
static void
run_workers (const char *name, GThreadFunc worker, gpointer data)
{
  guint n_threads = CLAMP (g_get_num_processors (), 1, 16);
  g_autoptr (GPtrArray) threads = g_ptr_array_new ();

  for (guint i = 1; i < n_threads; i++)
    g_ptr_array_add (threads, g_thread_new (name, worker, data));
  worker (data);
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (threads->pdata[i]);
}

/* The estimate ± t·sd of its @n replicates (rdm_stats_t_half_width()),
 * kept within [@lower, @upper] (a contribution is never negative, θ never
 * beyond its range): with 20 replicates their 2.5 and 97.5 percentiles
 * held 84 % of the true contributions of simulated markets, this 92 %,
 * and with the profile likelihood's widening (profile_intervals()) 93 %
 * (tests/bench/README.md). */
static void
set_interval (RdmMmmEstimate *estimate, const double *draws, guint n, double lower, double upper)
{
  estimate->low = estimate->high = estimate->estimate;
  if (n < 2)
    return;
  double half_width = rdm_stats_t_half_width (draws, n);

  estimate->low = CLAMP (estimate->estimate - half_width, lower, upper);
  estimate->high = CLAMP (estimate->estimate + half_width, lower, upper);
}

/* The profile likelihood of each channel's contribution: the range of
 * contributions whose best fit, with every curve free to move (and no
 * shape prior), is not significantly worse than the best fit of all. The bootstrap's replicates
 * are drawn around the fitted curves and cannot see the estimator's own
 * bias where the data leave curves unsettled (one channel taking what
 * another brought); the profile sees every fit the data allow. */
typedef struct
{
  const Problem *problem;
  const double *start;         /* the in-sample optimum's θ, K and S */
  const double *contribution;  /* per active channel, at that optimum */
  const double *bootstrap_low; /* per active channel: where to look first */
  const double *bootstrap_high;
  const gboolean *skip; /* per active channel: a holdout holds it */
  double best;          /* the in-sample optimum's score () */
  double threshold;     /* of days · log(score / best) */
  guint max_evaluations;
  gint next;
  double *low; /* per active channel */
  double *high;
} Profile;

/* The likelihood ratio statistic of the best fit with active channel @a
 * held at @contribution, searched from @x (replaced by its best point). */
static double
profile_statistic (const Profile *profile, Workspace *work, guint a, double contribution, double *x)
{
  guint n_days = profile->problem->input->n_days;

  work->held = (int)a;
  work->held_contribution = contribution;
  search (work, x, FALSE, profile->max_evaluations, 0);
  double value = score (work, x);

  work->held = -1;
  return isfinite (value) ? n_days * log (value / profile->best) : HUGE_VAL;
}

#define PROFILE_STEPS 6

/* The end of active channel @a's profile interval on the side of
 * @direction (−1 or 1): where its statistic crosses the threshold,
 * bracketed from a first guess at the bootstrap interval's end, the next
 * guesses from the statistic's quadratic shape near the optimum. */
static double
profile_end (const Profile *profile, Workspace *work, guint a, int direction)
{
  guint n_params = 3 * profile->problem->n_active;
  double centre = profile->contribution[a];
  double bootstrap_end = direction > 0 ? profile->bootstrap_high[a] : profile->bootstrap_low[a];
  double distance = MAX (fabs (bootstrap_end - centre), 0.05 * centre);
  double inside = 0.0, outside = HUGE_VAL;
  g_autofree double *x = g_new (double, n_params);
  g_autofree double *trial = g_new (double, n_params);

  if (distance <= 0.0)
    return centre;
  memcpy (x, profile->start, sizeof (double) * n_params);
  for (guint step = 0; step < PROFILE_STEPS && !work->cancelled; step++)
    {
      if (direction < 0)
        distance = MIN (distance, centre);
      memcpy (trial, x, sizeof (double) * n_params);
      double statistic = profile_statistic (profile, work, a, centre + direction * distance, trial);

      if (statistic <= profile->threshold)
        {
          inside = distance;
          memcpy (x, trial, sizeof (double) * n_params);
          if (direction < 0 && distance >= centre)
            return 0.0;
        }
      else
        outside = distance;
      double guess
          = statistic > 0.0 ? distance * sqrt (profile->threshold / statistic) : 2.0 * distance;

      if (isfinite (outside) && (guess <= inside || guess >= outside))
        guess = 0.5 * (inside + outside);
      else if (!isfinite (outside))
        guess = MAX (guess, 1.5 * distance);
      if (isfinite (outside) && outside - inside < 0.02 * outside)
        break;
      distance = guess;
    }
  double end = isfinite (outside) ? 0.5 * (inside + outside) : inside;

  return MAX (0.0, centre + direction * end);
}

static gpointer
profile_worker (gpointer data)
{
  Profile *profile = data;
  const Problem *problem = profile->problem;
  Workspace work;

  workspace_init (&work, problem, problem->input->conversions);
  work.folds = FALSE;
  work.likelihood_only = TRUE;
  for (;;)
    {
      guint task = (guint)g_atomic_int_add (&profile->next, 1);

      if (task >= 2 * problem->n_active || work.cancelled)
        break;
      guint a = task / 2;

      if (profile->skip[a])
        continue;
      if (task % 2 == 0)
        profile->low[a] = profile_end (profile, &work, a, -1);
      else
        profile->high[a] = profile_end (profile, &work, a, 1);
    }
  workspace_clear (&work);
  return NULL;
}

/* How much the residuals' correlation within a week inflates the
 * variance of their sums over what independent days would give: the
 * likelihood ratio is scaled by it, as a week of correlated days carries
 * less evidence than seven independent ones. */
static double
residual_inflation (const double *residuals, guint n_days)
{
  guint n_weeks = n_days / 7;
  double daily = 0.0, weekly = 0.0, mean = 0.0;

  for (guint t = 0; t < n_weeks * 7; t++)
    mean += residuals[t] / (n_weeks * 7);
  for (guint t = 0; t < n_weeks * 7; t++)
    daily += (residuals[t] - mean) * (residuals[t] - mean);
  for (guint w = 0; w < n_weeks; w++)
    {
      double sum = 0.0;

      for (guint d = 0; d < 7; d++)
        sum += residuals[w * 7 + d] - mean;
      weekly += sum * sum;
    }
  return daily > 0.0 ? MAX (1.0, weekly / daily) : 1.0;
}

/* The 95 % quantile of χ² with one degree of freedom. */
#define CHI2_1_95 3.841459

/* Widens each contribution's interval to its profile interval. */
static void
profile_intervals (RdmMmmFit *fit, const Problem *problem, const double *x)
{
  guint n_days = problem->input->n_days;
  guint n_params = 3 * problem->n_active;
  g_autofree double *start = g_memdup2 (x, sizeof (double) * n_params);
  g_autofree double *contribution = g_new (double, problem->n_active);
  g_autofree double *bootstrap_low = g_new (double, problem->n_active);
  g_autofree double *bootstrap_high = g_new (double, problem->n_active);
  g_autofree double *low = g_new (double, problem->n_active);
  g_autofree double *high = g_new (double, problem->n_active);
  g_autofree double *residuals = g_new (double, n_days);
  g_autofree ChannelResult *results = g_new0 (ChannelResult, problem->n_active);
  g_autofree gboolean *skip = g_new0 (gboolean, problem->n_active);
  Workspace work;

  workspace_init (&work, problem, problem->input->conversions);
  work.folds = FALSE;
  work.likelihood_only = TRUE;
  search (&work, start, FALSE, 40 * n_params, 0);
  double best = score (&work, start);

  channel_results (&work, start, results);
  for (guint t = 0; t < n_days; t++)
    residuals[t] = problem->input->conversions[t] - predict (&work, t);
  gboolean cancelled = work.cancelled;

  workspace_clear (&work);
  if (cancelled || !isfinite (best) || best <= 0.0)
    return;
  for (guint a = 0; a < problem->n_active; a++)
    {
      const RdmMmmChannel *channel = &fit->channels[problem->active[a]];

      contribution[a] = results[a].contribution;
      bootstrap_low[a] = channel->contribution.low;
      bootstrap_high[a] = channel->contribution.high;
      low[a] = high[a] = contribution[a];
    }
  /* a holdout's measure, not the daily series alone, holds its channel:
   * the bootstrap interval stands; a cut measured the curve's slope, and
   * the channel's contribution is the data's to tell */
  for (guint e = 0; e < problem->input->n_experiments; e++)
    {
      const RdmMmmExperiment *experiment = &problem->input->experiments[e];
      int a = problem->active_of[experiment->channel];

      if (a >= 0 && experiment->spend_kept == 0.0)
        skip[a] = TRUE;
    }
  Profile profile = {
    .problem = problem,
    .start = start,
    .contribution = contribution,
    .bootstrap_low = bootstrap_low,
    .bootstrap_high = bootstrap_high,
    .skip = skip,
    .best = best,
    .threshold = CHI2_1_95 * residual_inflation (residuals, n_days),
    .max_evaluations = 15 * n_params,
    .low = low,
    .high = high,
  };
  run_workers ("mmm-profile", profile_worker, &profile);
  for (guint a = 0; a < problem->n_active; a++)
    {
      RdmMmmChannel *channel = &fit->channels[problem->active[a]];
      RdmMmmEstimate *interval = &channel->contribution;

      if (skip[a])
        continue;
      interval->low = MIN (interval->low, low[a]);
      interval->high = MAX (interval->high, high[a]);
      channel->contribution_value.low
          = MIN (channel->contribution_value.low, interval->low * fit->value_per_conversion);
      channel->contribution_value.high
          = MAX (channel->contribution_value.high, interval->high * fit->value_per_conversion);
      channel->roi.low
          = MIN (channel->roi.low, channel->contribution_value.low / channel->spend - 1.0);
      channel->roi.high
          = MAX (channel->roi.high, channel->contribution_value.high / channel->spend - 1.0);
      if (interval->high - interval->low > interval->estimate)
        channel->warnings |= RDM_MMM_WARNING_UNCERTAIN;
    }
}

static gboolean
check_input (const RdmMmmInput *input, GError **error)
{
  if (input->n_days < RDM_MMM_MIN_DAYS)
    {
      g_set_error (error, RDM_MMM_ERROR, RDM_MMM_ERROR_TOO_SHORT,
                   _ ("The media-mix model needs at least %u days of outcomes and spend; "
                      "the period has %u"),
                   RDM_MMM_MIN_DAYS, input->n_days);
      return FALSE;
    }
  if (input->n_channels == 0)
    {
      g_set_error (error, RDM_MMM_ERROR, RDM_MMM_ERROR_NO_CHANNELS,
                   _ ("No media spend in the period: import costs of category media first"));
      return FALSE;
    }
  double conversions = 0.0;

  for (guint t = 0; t < input->n_days; t++)
    {
      if (!isfinite (input->conversions[t]) || input->conversions[t] < 0.0
          || (input->value != NULL && !isfinite (input->value[t])))
        {
          g_set_error (error, RDM_MMM_ERROR, RDM_MMM_ERROR_BAD_INPUT,
                       _ ("Day %u has an outcome that is not a number of 0 or more"), t + 1);
          return FALSE;
        }
      conversions += input->conversions[t];
      for (guint c = 0; c < input->n_channels; c++)
        {
          double spend = input->spend[(gsize)c * input->n_days + t];

          if (!isfinite (spend) || spend < 0.0)
            {
              g_set_error (error, RDM_MMM_ERROR, RDM_MMM_ERROR_BAD_INPUT,
                           _ ("Day %u has a spend for %s that is not an amount of 0 or more"),
                           t + 1, input->channels[c]);
              return FALSE;
            }
        }
    }
  if (conversions <= 0.0)
    {
      g_set_error (error, RDM_MMM_ERROR, RDM_MMM_ERROR_NO_OUTCOMES,
                   _ ("No conversions in the period: import daily outcomes or an event log first"));
      return FALSE;
    }
  for (guint e = 0; e < input->n_experiments; e++)
    {
      const RdmMmmExperiment *experiment = &input->experiments[e];

      if (experiment->channel >= input->n_channels || experiment->first > experiment->last
          || experiment->last >= input->n_days || !isfinite (experiment->incremental)
          || !(experiment->ci_low <= experiment->incremental)
          || !(experiment->incremental <= experiment->ci_high))
        {
          g_set_error (error, RDM_MMM_ERROR, RDM_MMM_ERROR_BAD_INPUT,
                       _ ("Experiment %u is not within the period, or its measure is not within "
                          "its interval"),
                       e + 1);
          return FALSE;
        }
      if (!(experiment->spend_kept >= 0.0 && experiment->spend_kept < 1.0))
        {
          g_set_error (error, RDM_MMM_ERROR, RDM_MMM_ERROR_BAD_INPUT,
                       _ ("Experiment %u’s control kept %g of the spend: a share from 0 (a "
                          "holdout) to below 1 was expected"),
                       e + 1, experiment->spend_kept);
          return FALSE;
        }
    }
  for (guint e = 0; e < input->n_events; e++)
    for (guint other = 0; other < e; other++)
      if (input->events[other].first == input->events[e].first
          && input->events[other].last == input->events[e].last)
        {
          g_set_error (error, RDM_MMM_ERROR, RDM_MMM_ERROR_BAD_INPUT,
                       _ ("The events “%s” and “%s” fall on the same days: the model cannot tell "
                          "them apart"),
                       input->events[other].label, input->events[e].label);
          return FALSE;
        }
  for (guint e = 0; e < input->n_events; e++)
    if (input->events[e].first == 0 && input->events[e].last + 1 >= input->n_days)
      {
        g_set_error (error, RDM_MMM_ERROR, RDM_MMM_ERROR_BAD_INPUT,
                     _ ("The event “%s” lasts the whole period: the model cannot tell it from "
                        "the baseline"),
                     input->events[e].label);
        return FALSE;
      }
  for (guint e = 0; e < input->n_events; e++)
    if (input->events[e].first > input->events[e].last || input->events[e].first >= input->n_days)
      {
        g_set_error (error, RDM_MMM_ERROR, RDM_MMM_ERROR_BAD_INPUT,
                     _ ("The event “%s” is not within the period"), input->events[e].label);
        return FALSE;
      }
  return TRUE;
}

static void
problem_init (Problem *problem, const RdmMmmInput *input, GCancellable *cancellable)
{
  memset (problem, 0, sizeof *problem);
  problem->input = input;
  problem->cancellable = cancellable;
  problem->active = g_new0 (guint, input->n_channels);
  problem->mean_spend = g_new0 (double, input->n_channels);
  problem->active_of = g_new (int, input->n_channels);
  for (guint c = 0; c < input->n_channels; c++)
    {
      double total = 0.0;
      guint spending_days = 0;

      for (guint t = 0; t < input->n_days; t++)
        {
          total += input->spend[(gsize)c * input->n_days + t];
          spending_days += input->spend[(gsize)c * input->n_days + t] > 0.0;
        }
      problem->active_of[c] = total > 0.0 ? (int)problem->n_active : -1;
      if (total > 0.0)
        {
          problem->mean_spend[problem->n_active] = total / spending_days;
          problem->active[problem->n_active++] = c;
        }
    }
  problem->first_media = 2 + N_WEEKDAY_COLUMNS + input->n_events;
  problem->p = problem->first_media + problem->n_active;
  problem->nonnegative = g_new0 (gboolean, problem->p);
  for (guint j = problem->first_media; j < problem->p; j++)
    problem->nonnegative[j] = TRUE;
  problem->weekday = g_new (guint, input->n_days);
  for (guint t = 0; t < input->n_days; t++)
    problem->weekday[t] = rdm_stats_weekday (input->first_day + (gint64)t * SECONDS_PER_DAY);
}

static void
problem_clear (Problem *problem)
{
  g_free (problem->active);
  g_free (problem->mean_spend);
  g_free (problem->nonnegative);
  g_free (problem->weekday);
  g_free (problem->active_of);
}

/* R², MAPE and NRMSE of the days [@from, @to) of @work's fit. */
static void
fit_quality (Workspace *work, guint from, guint to, double *r2, double *mape, double *nrmse)
{
  double mean = 0.0, sse = 0.0, sst = 0.0, ape = 0.0, low = HUGE_VAL, high = -HUGE_VAL;
  guint n_positive = 0;

  for (guint t = from; t < to; t++)
    mean += work->y[t] / (to - from);
  for (guint t = from; t < to; t++)
    {
      double residual = work->y[t] - predict (work, t);

      sse += residual * residual;
      sst += (work->y[t] - mean) * (work->y[t] - mean);
      if (work->y[t] > 0.0)
        {
          ape += fabs (residual) / work->y[t];
          n_positive++;
        }
      low = MIN (low, work->y[t]);
      high = MAX (high, work->y[t]);
    }
  *r2 = sst > 0.0 ? 1.0 - sse / sst : 0.0;
  *mape = n_positive > 0 ? ape / n_positive : 0.0;
  *nrmse = high > low ? sqrt (sse / (to - from)) / (high - low) : 0.0;
}

/* Whether a search coordinate ended within a hundredth of its range from
 * either end. */
static gboolean
at_limit (double value, double lower, double upper)
{
  double margin = 0.01 * (upper - lower);

  return value <= lower + margin || value >= upper - margin;
}

/* No carry-over (θ = 0) is a curve the data can settle on; the other
 * ends are where the search ran out of room. */
static gboolean
curve_at_limit (const double *x, guint a)
{
  return x[3 * a] >= 0.99 * MAX_ADSTOCK
         || at_limit (x[3 * a + 1], log (MIN_SATURATION_RATIO), log (MAX_SATURATION_RATIO))
         || at_limit (x[3 * a + 2], MIN_SHAPE, MAX_SHAPE);
}

static void
fill_channel (RdmMmmChannel *channel, const ChannelResult *result, double vpc)
{
  channel->curve = result->curve;
  channel->contribution.estimate = result->contribution;
  channel->contribution_value.estimate = result->contribution * vpc;
  channel->roi.estimate = (result->contribution * vpc - channel->spend) / channel->spend;
  channel->marginal_roi.estimate = result->marginal_contribution * vpc - 1.0;
  channel->adstock.estimate = result->curve.adstock;
  channel->half_saturation.estimate = result->curve.half_saturation;
  channel->shape.estimate = result->curve.shape;
}

/* A channel's estimates, for gathering their draws, with the range each
 * can take (the half-saturation's in multiples of the usual spend). */
static const struct
{
  gsize offset;
  double lower;
  double upper;
} estimate_ranges[] = {
  { G_STRUCT_OFFSET (RdmMmmChannel, contribution), 0.0, HUGE_VAL },
  { G_STRUCT_OFFSET (RdmMmmChannel, contribution_value), 0.0, HUGE_VAL },
  { G_STRUCT_OFFSET (RdmMmmChannel, roi), -1.0, HUGE_VAL },
  { G_STRUCT_OFFSET (RdmMmmChannel, marginal_roi), -1.0, HUGE_VAL },
  { G_STRUCT_OFFSET (RdmMmmChannel, adstock), 0.0, MAX_ADSTOCK },
  { G_STRUCT_OFFSET (RdmMmmChannel, half_saturation), MIN_SATURATION_RATIO, MAX_SATURATION_RATIO },
  { G_STRUCT_OFFSET (RdmMmmChannel, shape), MIN_SHAPE, MAX_SHAPE },
};

static RdmMmmEstimate *
estimate_at (RdmMmmChannel *channel, gsize offset)
{
  return (RdmMmmEstimate *)((char *)channel + offset);
}

static void
fill_intervals (RdmMmmFit *fit, const Problem *problem, const Bootstrap *bootstrap)
{
  guint n_draws = MAX (bootstrap->n_replicates, 1);
  g_autofree double *draws = g_new (double, n_draws);
  g_autofree RdmMmmChannel *replicas = g_new0 (RdmMmmChannel, n_draws);
  guint n = 0;

  for (guint r = 0; r < bootstrap->n_replicates; r++)
    if (bootstrap->solved[r])
      draws[n++] = bootstrap->baselines[r];
  /* a single replicate is no spread: no intervals, and no curves for
   * the budget to average */
  if (n < 2)
    return;
  set_interval (&fit->baseline, draws, n, -HUGE_VAL, HUGE_VAL);
  fit->n_replicates = n;
  fit->replicate_curves = g_new0 (RdmResponseCurve, (gsize)MAX (n, 1) * fit->n_channels);

  for (guint a = 0; a < problem->n_active; a++)
    {
      RdmMmmChannel *channel = &fit->channels[problem->active[a]];
      guint kept = 0;

      for (guint r = 0; r < bootstrap->n_replicates; r++)
        {
          if (!bootstrap->solved[r])
            continue;
          const ChannelResult *result = &bootstrap->results[(gsize)r * problem->n_active + a];

          replicas[kept].spend = channel->spend;
          fill_channel (&replicas[kept], result, fit->value_per_conversion);
          fit->replicate_curves[(gsize)kept * fit->n_channels + problem->active[a]] = result->curve;
          kept++;
        }
      for (guint i = 0; i < G_N_ELEMENTS (estimate_ranges); i++)
        {
          gsize offset = estimate_ranges[i].offset;
          RdmMmmEstimate *estimate = estimate_at (channel, offset);
          double scale = offset == G_STRUCT_OFFSET (RdmMmmChannel, half_saturation)
                             ? problem->mean_spend[a]
                             : 1.0;

          for (guint k = 0; k < kept; k++)
            draws[k] = estimate_at (&replicas[k], offset)->estimate;
          if (offset == G_STRUCT_OFFSET (RdmMmmChannel, contribution) && kept >= 2
              && rdm_bootstrap_is_off_centre (draws, kept, estimate->estimate))
            channel->warnings |= RDM_MMM_WARNING_OFF_CENTRE;
          set_interval (estimate, draws, kept, scale * estimate_ranges[i].lower,
                        scale * estimate_ranges[i].upper);
        }
      if (kept >= 2
          && channel->contribution.high - channel->contribution.low
                 > channel->contribution.estimate)
        channel->warnings |= RDM_MMM_WARNING_UNCERTAIN;
    }
}

RdmMmmFit *
rdm_mmm_fit (const RdmMmmInput *input, const RdmMmmOptions *options, GError **error)
{
  Problem problem;

  if (!check_input (input, error))
    return NULL;
  problem_init (&problem, input, options->cancellable);

  g_autoptr (RdmMmmFit) fit = g_new0 (RdmMmmFit, 1);
  guint n_days = input->n_days;
  guint n_weeks = n_days / 7;
  guint holdout_weeks = options->holdout_weeks > 0 ? options->holdout_weeks : MAX (4, n_weeks / 10);

  fit->n_channels = input->n_channels;
  fit->channels = g_new0 (RdmMmmChannel, input->n_channels);
  fit->first_day = input->first_day;
  fit->n_days = n_days;
  fit->has_value = input->value != NULL;
  for (guint t = 0; t < n_days; t++)
    {
      fit->total_conversions += input->conversions[t];
      fit->total_value += input->value != NULL ? input->value[t] : 0.0;
    }
  fit->value_per_conversion = fit->total_value / fit->total_conversions;
  for (guint c = 0; c < input->n_channels; c++)
    {
      fit->channels[c].channel = g_strdup (input->channels[c]);
      fit->channels[c].collinear_with = -1;
      for (guint t = 0; t < n_days; t++)
        fit->channels[c].spend += input->spend[(gsize)c * n_days + t];
      if (fit->channels[c].spend <= 0.0)
        fit->channels[c].warnings |= RDM_MMM_WARNING_NO_SPEND;
    }
  identification_warnings (input, fit);

  fit->holdout_days = holdout_weeks * 7;
  fit->train_days = n_days - fit->holdout_days;
  if (problem.n_active == 0 || holdout_weeks >= n_weeks
      || (fit->train_days / 7 - (fit->train_days / 7 + N_FOLDS - 1) / N_FOLDS) * 7
             < MAX (28, 2 * problem.p))
    {
      if (problem.n_active == 0)
        g_set_error (error, RDM_MMM_ERROR, RDM_MMM_ERROR_NO_CHANNELS,
                     _ ("No media spend in the period: import costs of category media first"));
      else
        g_set_error (error, RDM_MMM_ERROR, RDM_MMM_ERROR_TOO_SHORT,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "%u days are too few to fit %u channels and hold out %u week",
                                  "%u days are too few to fit %u channels and hold out %u weeks",
                                  holdout_weeks),
                     n_days, problem.n_active, holdout_weeks);
      problem_clear (&problem);
      return NULL;
    }

  guint n_params = 3 * problem.n_active;
  g_autofree double *x = g_new (double, n_params);
  guint max_evaluations
      = options->max_evaluations > 0 ? options->max_evaluations : 600 + 120 * n_params;
  Workspace work;

  for (guint a = 0; a < problem.n_active; a++)
    {
      x[3 * a] = 0.3;
      x[3 * a + 1] = 0.0;
      x[3 * a + 2] = 1.0;
    }
  workspace_init (&work, &problem, input->conversions);
  work.folds = TRUE;
  work.n_train = fit->train_days;
  search (&work, x, TRUE, max_evaluations, options->seed);
  if (input->n_experiments > 0 && !work.cancelled)
    {
      /* the experiments' weight needs the noise, which needs a fit:
       * measured on the fit without them, then the search goes on from
       * there with them */
      work.folds = FALSE;
      work.n_train = n_days;
      problem.noise_variance = score (&work, x);
      work.folds = TRUE;
      work.n_train = fit->train_days;
      search (&work, x, FALSE, max_evaluations / 2, 0);
      for (guint e = 0; e < input->n_experiments; e++)
        fit->channels[input->experiments[e].channel].calibrated
            = problem.active_of[input->experiments[e].channel] >= 0;
    }
  fit->evaluations = work.evaluations;

  /* the honest fit: trained on the days before the held-out weeks */
  work.folds = FALSE;
  score (&work, x);
  fit_quality (&work, fit->train_days, n_days, &fit->r2, &fit->mape, &fit->nrmse);

  work.n_train = n_days;
  if (!isfinite (score (&work, x)))
    {
      g_set_error (error, RDM_MMM_ERROR, RDM_MMM_ERROR_FAILED,
                   _ ("The media-mix model could not be fitted: the baseline’s and the channels’ "
                      "columns are not independent"));
      workspace_clear (&work);
      problem_clear (&problem);
      return NULL;
    }
  double unused_mape, unused_nrmse;

  fit_quality (&work, 0, n_days, &fit->r2_in_sample, &unused_mape, &unused_nrmse);
  g_autofree ChannelResult *results = g_new0 (ChannelResult, MAX (problem.n_active, 1));

  channel_results (&work, x, results);
  fit->actual = g_memdup2 (input->conversions, sizeof (double) * n_days);
  fit->fitted = g_new (double, n_days);
  fit->base = g_new (double, n_days);
  fit->contributions = g_new0 (double, (gsize)input->n_channels *n_days);
  for (guint t = 0; t < n_days; t++)
    fit->fitted[t] = predict (&work, t);
  memcpy (fit->base, fit->fitted, sizeof (double) * n_days);
  fit->baseline.estimate = 0.0;
  for (guint a = 0; a < problem.n_active; a++)
    {
      guint c = problem.active[a];
      double *row = fit->contributions + (gsize)c * n_days;

      rdm_response_curve_apply (&results[a].curve, input->spend + (gsize)c * n_days, n_days, row);
      for (guint t = 0; t < n_days; t++)
        fit->base[t] -= row[t];
      fill_channel (&fit->channels[c], &results[a], fit->value_per_conversion);
      if (curve_at_limit (x, a))
        fit->channels[c].warnings |= RDM_MMM_WARNING_CURVE_AT_LIMIT;
    }
  for (guint t = 0; t < n_days; t++)
    fit->baseline.estimate += fit->base[t];
  fit->n_events = input->n_events;
  fit->event_effects = g_new0 (double, MAX (input->n_events, 1));
  for (guint e = 0; e < input->n_events; e++)
    fit->event_effects[e] = work.coef[2 + N_WEEKDAY_COLUMNS + e];
  for (guint c = 0; c < input->n_channels; c++)
    for (guint i = 0; i < G_N_ELEMENTS (estimate_ranges); i++)
      {
        RdmMmmEstimate *estimate = estimate_at (&fit->channels[c], estimate_ranges[i].offset);

        estimate->low = estimate->high = estimate->estimate;
      }
  fit->baseline.low = fit->baseline.high = fit->baseline.estimate;

  gboolean cancelled = work.cancelled;

  if (!cancelled && options->bootstrap > 0)
    {
      g_autofree double *residuals = g_new (double, n_days);

      for (guint t = 0; t < n_days; t++)
        residuals[t] = input->conversions[t] - fit->fitted[t];

      Bootstrap bootstrap = {
        .problem = &problem,
        .fitted = fit->fitted,
        .residuals = residuals,
        .start = x,
        .train_days = fit->train_days,
        .n_replicates = options->bootstrap,
        .seed = options->seed,
        .max_evaluations = 40 * n_params,
        .results = g_new0 (ChannelResult, (gsize)options->bootstrap * MAX (problem.n_active, 1)),
        .baselines = g_new0 (double, options->bootstrap),
        .solved = g_new0 (gboolean, options->bootstrap),
      };

      run_workers ("mmm-bootstrap", bootstrap_worker, &bootstrap);
      cancelled = options->cancellable != NULL && g_cancellable_is_cancelled (options->cancellable);
      if (!cancelled)
        {
          fill_intervals (fit, &problem, &bootstrap);
          profile_intervals (fit, &problem, x);
          cancelled
              = options->cancellable != NULL && g_cancellable_is_cancelled (options->cancellable);
        }
      g_free (bootstrap.results);
      g_free (bootstrap.baselines);
      g_free (bootstrap.solved);
    }
  workspace_clear (&work);
  problem_clear (&problem);
  if (cancelled)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                   _ ("The media-mix model was cancelled"));
      return NULL;
    }
  return g_steal_pointer (&fit);
}

static void
append_sentence (GString *text, const char *sentence)
{
  if (text->len > 0)
    g_string_append_c (text, ' ');
  g_string_append (text, sentence);
}

char *
rdm_mmm_describe_warnings (const RdmMmmFit *fit, guint c)
{
  const RdmMmmChannel *channel = &fit->channels[c];
  g_autoptr (GString) text = g_string_new (NULL);

  if (channel->warnings & RDM_MMM_WARNING_NO_SPEND)
    append_sentence (text, _ ("No media spend in the period: the model cannot measure it."));
  if (channel->warnings & RDM_MMM_WARNING_FLAT_SPEND)
    {
      g_autofree char *sentence = g_strdup_printf (
          _ ("Its weekly spend barely varies (by %.0f %%): the model cannot tell its effect from "
             "the baseline."),
          100.0 * channel->spend_variation);

      append_sentence (text, sentence);
    }
  if (channel->warnings & RDM_MMM_WARNING_COLLINEAR)
    {
      g_autofree char *sentence = g_strdup_printf (
          _ ("Its spend moves with %s’s (r = %.2f): the model cannot tell them apart."),
          fit->channels[channel->collinear_with].channel, channel->collinear_r);

      append_sentence (text, sentence);
    }
  if (channel->warnings & RDM_MMM_WARNING_OFF_CENTRE)
    append_sentence (text, _ ("Fitted again on resampled data, its contribution lands mostly on "
                              "one side of this fit’s: the fit is unstable, and the interval is "
                              "the better guide."));
  if (channel->warnings & RDM_MMM_WARNING_CURVE_AT_LIMIT)
    append_sentence (text, _ ("Its response curve sits at the edge of the shapes the model tries: "
                              "the data did not settle it, so its marginal ROI and its budget are "
                              "guesses."));
  if (channel->warnings & RDM_MMM_WARNING_UNCERTAIN)
    append_sentence (text, _ ("Its interval is wider than the estimate itself: read it as an "
                              "order of magnitude."));
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* Below this held-out R² the model explains less than half of what it
 * did not see. */
#define WEAK_FIT_R2 0.5

char *
rdm_mmm_describe_fit (const RdmMmmFit *fit)
{
  guint weeks = fit->holdout_days / 7;

  if (fit->r2 < 0.0)
    return g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "The model predicts the held-out week worse than its plain average would: "
                     "its numbers are not to be trusted.",
                     "The model predicts the %u held-out weeks worse than their plain average "
                     "would: its numbers are not to be trusted.",
                     weeks),
        weeks);
  if (fit->r2 < WEAK_FIT_R2)
    return g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "The model explains less than half of the held-out week’s variation: read "
                     "its numbers as rough.",
                     "The model explains less than half of the %u held-out weeks’ variation: "
                     "read its numbers as rough.",
                     weeks),
        weeks);
  return NULL;
}

GStrv
rdm_mmm_warning_names (RdmMmmWarnings warnings)
{
  static const struct
  {
    RdmMmmWarnings flag;
    const char *name;
  } names[] = {
    { RDM_MMM_WARNING_NO_SPEND, "no_spend" },
    { RDM_MMM_WARNING_FLAT_SPEND, "flat_spend" },
    { RDM_MMM_WARNING_COLLINEAR, "collinear" },
    { RDM_MMM_WARNING_UNCERTAIN, "uncertain" },
    { RDM_MMM_WARNING_OFF_CENTRE, "off_centre" },
    { RDM_MMM_WARNING_CURVE_AT_LIMIT, "curve_at_limit" },
  };
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (warnings & names[i].flag)
      g_strv_builder_add (builder, names[i].name);
  return g_strv_builder_end (builder);
}
