/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The media-mix model: daily outcomes explained by a baseline and each
 * channel's daily media spend, carried over by geometric adstock and
 * bent by Hill saturation:
 *
 *   outcome(t) = intercept + trend·t/n + Σ weekday + Σ event days
 *                + Σc βc · hill(adstock_c(t); Kc, Sc) + noise
 *   adstock_c(t) = spend_c(t) + θc · adstock_c(t − 1),   θc in [0, 0.9]
 *   hill(a; K, S) = a^S / (a^S + (K / (1 − θ))^S)
 *
 * where K, the half-saturation, is a daily spend: the steady daily spend
 * at which the channel gives half its most (its adstocked level is then
 * K / (1 − θ))
 *
 * with βc ≥ 0. For fixed θ, K and S the coefficients are a sign-
 * constrained least-squares problem with an exact solution; θ, K and S
 * are chosen by NLopt to minimise the error of blocked, time-ordered
 * cross-validation (the training days cut into five runs of whole weeks,
 * each predicted by the coefficients fitted on the other four; forecasting
 * each run from the weeks before it alone left the early runs too little
 * to fit, tests/bench/README.md), and the last weeks are kept out of that
 * search to report the fit honestly. Intervals come from a block
 * bootstrap over weeks: residual weeks are redrawn onto the fitted series,
 * keeping the order of days that adstock depends on, and every replicate
 * searches θ, K and S again. */

/* One channel's response: what a day of spend brings, in outcome units. */
typedef struct
{
  double adstock;         /* θ: the share of a day's effect carried to the next */
  double half_saturation; /* the steady daily spend at which the channel gives half its maximum */
  double shape;       /* S: above 1 the curve starts slowly (S-shaped), at most 1 it is concave */
  double coefficient; /* β: the most the channel can bring in a day */
} RdmResponseCurve;

/* Hill saturation of the adstocked level @level. */
double rdm_response_curve_hill (const RdmResponseCurve *curve, double level);

/* The outcome per day once @daily_spend has been spent every day long
 * enough for the carry-over to settle. */
double rdm_response_curve_steady (const RdmResponseCurve *curve, double daily_spend);

/* Its derivative with respect to @daily_spend. */
double rdm_response_curve_steady_slope (const RdmResponseCurve *curve, double daily_spend);

/* The channel's response to a spend series: @out[t] = β·hill(adstock(t)). */
void rdm_response_curve_apply (const RdmResponseCurve *curve,
                               const double *spend,
                               guint n_days,
                               double *out);

/* What the channel brought over days @first to @last (inclusive) of
 * @spend beyond what it would have brought had only @spend_kept of the
 * spend been spent on those days: what a test that cut the spend to that
 * share measures (all the spend brought, for a holdout's 0). @response is
 * rdm_response_curve_apply() of @spend, at least @last + 1 days; @scratch
 * holds 2 × (@last + 1) doubles. */
double rdm_response_curve_cut_incremental (const RdmResponseCurve *curve,
                                           const double *spend,
                                           const double *response,
                                           guint first,
                                           guint last,
                                           double spend_kept,
                                           double *scratch);

/* An event whose days get their own level in the baseline. Days are
 * indices into the input's days, inclusive. */
typedef struct
{
  const char *label;
  guint first;
  guint last;
} RdmMmmEvent;

/* An experiment that measured what a channel's spend brought over some
 * days (SPEC.md, "Incrementality"): a Gaussian prior on the model's
 * contribution of that channel over those days, centred on the measure
 * with the spread its interval gives, so that a tested channel is held
 * near what the test found and the others share out the rest.
 *
 * A holdout measures all the spend brought: the curve's height. A test
 * whose control kept part of the spend (a cut of 30 % keeps 0.7) measures
 * what the rest brought: the curve's slope around the spend, which is
 * what a budget turns on and what the daily series tell least well
 * (tests/bench/README.md, "Where the budget's last percent goes"). */
typedef struct
{
  guint channel; /* index into the input's channels */
  guint first;   /* days, inclusive */
  guint last;
  double incremental; /* conversions */
  double ci_low;
  double ci_high;
  /* the share of the spend the control kept over those days, from 0
   * (a holdout) to below 1 */
  double spend_kept;
} RdmMmmExperiment;

typedef struct
{
  gint64 first_day; /* epoch second of 00:00 UTC of day 0, for the weekday */
  guint n_days;
  guint n_channels;
  const char *const *channels;
  const double *spend;       /* n_channels rows of n_days */
  const double *conversions; /* n_days */
  const double *value;       /* n_days, or NULL: value is then not reported */
  guint n_events;
  const RdmMmmEvent *events;
  guint n_experiments;
  const RdmMmmExperiment *experiments;
} RdmMmmInput;

typedef struct
{
  guint holdout_weeks; /* weeks kept out of the search to report the fit; 0: about a tenth */
  guint bootstrap;     /* replicates; 0: no intervals */
  guint64 seed;
  guint max_evaluations; /* of the hyperparameter search; 0: the default */
  GCancellable *cancellable;
} RdmMmmOptions;

/* The window and the CLI fit with these unless told otherwise, so that
 * they give the same numbers: 20 replicates keep a fit of two years of
 * eight channels within a few seconds (tests/bench/README.md). */
#define RDM_MMM_DEFAULT_BOOTSTRAP 20
#define RDM_MMM_DEFAULT_SEED 1
#define RDM_MMM_OPTIONS_INIT                                                                       \
  {                                                                                                \
    0, RDM_MMM_DEFAULT_BOOTSTRAP, RDM_MMM_DEFAULT_SEED, 0, NULL                                    \
  }

/* An estimate and its 95 % bootstrap interval (both equal to the
 * estimate without a bootstrap). */
typedef struct
{
  double estimate;
  double low;
  double high;
} RdmMmmEstimate;

/* Why a channel's numbers should not be trusted. */
typedef enum
{
  RDM_MMM_WARNING_NONE = 0,
  RDM_MMM_WARNING_NO_SPEND = 1 << 0,   /* no spend at all in the period */
  RDM_MMM_WARNING_FLAT_SPEND = 1 << 1, /* spend barely varies from week to week */
  RDM_MMM_WARNING_COLLINEAR = 1 << 2,  /* spend moves with another channel's */
  RDM_MMM_WARNING_UNCERTAIN = 1 << 3,  /* the interval is wider than the estimate */
  /* the estimate lies outside the middle 90 % of its replicates */
  RDM_MMM_WARNING_OFF_CENTRE = 1 << 4,
  /* θ, K or S sits at the edge of the range searched: the data did not
   * settle the curve's shape, on which marginal ROI and the budget rest */
  RDM_MMM_WARNING_CURVE_AT_LIMIT = 1 << 5,
} RdmMmmWarnings;

typedef struct
{
  char *channel;
  double spend;
  RdmMmmEstimate contribution;       /* conversions over the period */
  RdmMmmEstimate contribution_value; /* contribution × value per conversion */
  RdmMmmEstimate roi;                /* (contribution value − spend) ÷ spend */
  RdmMmmEstimate marginal_roi;       /* value of the next unit of spend, minus 1 */
  RdmMmmEstimate adstock;
  RdmMmmEstimate half_saturation;
  RdmMmmEstimate shape;
  RdmResponseCurve curve;
  RdmMmmWarnings warnings;
  double spend_variation; /* coefficient of variation of weekly spend */
  int collinear_with;     /* the other channel's index, or −1 */
  double collinear_r;     /* correlation of weekly spends with it */
  gboolean calibrated;    /* an experiment holds it */
} RdmMmmChannel;

typedef struct
{
  guint n_channels;
  RdmMmmChannel *channels;
  RdmMmmEstimate baseline; /* conversions the baseline explains */
  double total_conversions;
  double total_value;
  double value_per_conversion;
  gboolean has_value;

  /* on the held-out last weeks, fitted on the weeks before them */
  double r2;
  double mape;
  double nrmse;
  double r2_in_sample;
  guint train_days;
  guint holdout_days;

  /* the decomposition, day by day, of the fit on every day */
  gint64 first_day;
  guint n_days;
  double *actual;
  double *fitted;
  double *base;
  double *contributions; /* n_channels rows of n_days */

  /* per event of the input: its days' level against the baseline's, in
   * conversions a day */
  guint n_events;
  double *event_effects;

  /* each replicate's curves, n_replicates × n_channels, for the budget's
   * intervals */
  guint n_replicates;
  RdmResponseCurve *replicate_curves;
  guint evaluations; /* of the hyperparameter search */
} RdmMmmFit;

void rdm_mmm_fit_free (RdmMmmFit *fit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmMmmFit, rdm_mmm_fit_free)

/* At least this many days: enough weeks to train, validate and hold out. */
#define RDM_MMM_MIN_DAYS 84

#define RDM_MMM_ERROR (rdm_mmm_error_quark ())
GQuark rdm_mmm_error_quark (void);

typedef enum
{
  RDM_MMM_ERROR_TOO_SHORT,
  RDM_MMM_ERROR_NO_CHANNELS,
  RDM_MMM_ERROR_NO_OUTCOMES,
  RDM_MMM_ERROR_BAD_INPUT,
  RDM_MMM_ERROR_FAILED,
} RdmMmmError;

RdmMmmFit *rdm_mmm_fit (const RdmMmmInput *input, const RdmMmmOptions *options, GError **error);

/* Channel @c's warnings in plain words, one sentence each, or NULL. */
char *rdm_mmm_describe_warnings (const RdmMmmFit *fit, guint c);

/* What the held-out fit says of the whole model, when it should make the
 * reader wary, or NULL. */
char *rdm_mmm_describe_fit (const RdmMmmFit *fit);

/* The stable names of @warnings for machine output ("flat_spend"…),
 * NULL-terminated. */
GStrv rdm_mmm_warning_names (RdmMmmWarnings warnings);

G_END_DECLS
