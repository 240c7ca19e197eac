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

G_END_DECLS
