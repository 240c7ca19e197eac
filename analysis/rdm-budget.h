/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-mmm.h"

G_BEGIN_DECLS

/* Budget allocation under fitted response curves: the daily spends that
 * maximise the expected outcome Σc curve_c(spend_c) for a daily total,
 * each spend within its bounds. Given several sets of curves (a fit's
 * bootstrap replicates), the expected outcome is their mean: the split
 * that does best on average over what the data allow, rather than the one
 * that bets on the single best-fitting set, whose curves overfit the
 * noise and stray most where the data are thinnest. Spends are steady daily amounts, so that
 * the carry-over has settled: a plan, not a schedule. The curves may be
 * S-shaped, where the optimum need not be unique, so the search (NLopt's
 * SLSQP with exact gradients) starts from several splits and keeps the
 * best. */
typedef struct
{
  guint n_channels;
  guint n_sets;                   /* sets of curves, at least 1 */
  const RdmResponseCurve *curves; /* n_sets × n_channels */
  const double *lower;            /* daily, per channel */
  const double *upper;
  double total;        /* daily */
  const double *start; /* a split to start from too (today's), or NULL */
} RdmBudgetProblem;

#define RDM_BUDGET_ERROR (rdm_budget_error_quark ())
GQuark rdm_budget_error_quark (void);

typedef enum
{
  RDM_BUDGET_ERROR_INFEASIBLE,
  RDM_BUDGET_ERROR_FAILED,
} RdmBudgetError;

/* The expected outcome per day of the daily spends @daily. */
double rdm_budget_expected (const RdmResponseCurve *curves, guint n_channels, const double *daily);

/* Its mean over @n_sets sets of curves. */
double rdm_budget_expected_mean (const RdmResponseCurve *curves,
                                 guint n_sets,
                                 guint n_channels,
                                 const double *daily);

/* Writes the best daily spends to @out_daily. */
gboolean rdm_budget_optimise (const RdmBudgetProblem *problem, double *out_daily, GError **error);

/* The 95 % interval of rdm_budget_expected() over a fit's bootstrap
 * replicates (the estimate twice without replicates). */
void rdm_budget_expected_interval (const RdmMmmFit *fit,
                                   const double *daily,
                                   double *out_low,
                                   double *out_high);

/* A plan for the next @weeks: today's split (each channel's mean daily
 * spend over the last @weeks of the fit's data) against the best split of
 * @total, both valued under the fit's curves. Bounds are totals over the
 * plan; a NaN bound takes the default, half and twice today's spend,
 * because further out the curves are guesses beyond the spends the data
 * hold (Robyn's allocator bounds its channels for the same reason). */
/* A quarter: the plan the window shows and the CLI makes by default. */
#define RDM_BUDGET_DEFAULT_WEEKS 13

typedef struct
{
  guint weeks;
  double total;        /* over the plan; NaN: today's total */
  const double *lower; /* per channel, or NULL for the defaults */
  const double *upper;
} RdmBudgetRequest;

typedef struct
{
  guint n_channels;
  guint days;
  double total;
  double *current;  /* per channel, over the plan */
  double *proposed; /* per channel, over the plan */
  double *lower;    /* the bounds used, over the plan */
  double *upper;
  /* conversions from media over the plan, with their 95 % intervals */
  RdmMmmEstimate current_expected;
  RdmMmmEstimate proposed_expected;
  /* What the proposed split gains over today's, in conversions over the
   * plan, with its 95 % interval: the gain the fit's curves give, less
   * the optimism of choosing the split on those same curves.
   *
   * The curves partly fit the noise, and the search favours exactly the
   * channels whose noise flattered them; every bootstrap replicate, drawn
   * around the fit, agrees, so the gain they give is too high. On
   * simulated markets the proposal claimed +4.5 % on average where it
   * truly lost 0.4 % (tests/bench/README.md). The bootstrap measures that
   * optimism the way it arises (Efron and Tibshirani, ch. 17): each
   * replicate's own best split gains more under the replicate's curves
   * than under the fit's, from which the replicate was drawn; the mean of
   * that excess is subtracted, and its spread makes the interval. NaN
   * interval without replicates, and an uncorrected gain. */
  RdmMmmEstimate gain;
  double optimism; /* the excess subtracted, in conversions over the plan; NaN without replicates */
  double value_per_conversion;
} RdmBudgetPlan;

/* The conversions from media over @days days of the spends @total (per
 * channel, over the @days), as a plan values a split: the mean over the
 * fit's replicates' curves (its own curves without replicates), with the
 * replicates' 95 % interval. */
void
rdm_budget_value_split (const RdmMmmFit *fit, const double *total, guint days, RdmMmmEstimate *out);

/* Each channel's mean daily spend over the last @weeks weeks of @spend
 * (n_channels rows of n_days): today's split; newly allocated. */
double *
rdm_budget_recent_daily_spend (const double *spend, guint n_channels, guint n_days, guint weeks);

void rdm_budget_plan_free (RdmBudgetPlan *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmBudgetPlan, rdm_budget_plan_free)

/* @spend: the fit's daily spend (n_channels rows of fit->n_days). */
RdmBudgetPlan *rdm_budget_plan (const RdmMmmFit *fit,
                                const double *spend,
                                const RdmBudgetRequest *request,
                                GError **error);

/* What the data say of @plan's proposal. */
typedef enum
{
  RDM_BUDGET_VERDICT_TODAY_IS_BEST, /* the proposal is today's split */
  RDM_BUDGET_VERDICT_UNMEASURED,    /* no replicates: the gain's noise is not measured */
  RDM_BUDGET_VERDICT_MOVE,          /* the gain's interval lies above 0 */
  RDM_BUDGET_VERDICT_KEEP,          /* the gain's interval lies below 0 */
  RDM_BUDGET_VERDICT_UNDECIDED,     /* the gain's interval holds 0 */
} RdmBudgetVerdict;

RdmBudgetVerdict rdm_budget_plan_verdict (const RdmBudgetPlan *plan);

/* What @plan's gain says in words: how much the proposed split gains over
 * today's once its optimism is taken off, with its interval, and whether
 * the data tell it apart from today's split (numbers grouped as the
 * locale groups them). */
char *rdm_budget_describe_gain (const RdmBudgetPlan *plan);

G_END_DECLS
