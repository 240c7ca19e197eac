/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The mirror: lagged cross-correlation of two series (social data against
 * survey data, SPEC.md "Top-down measurement"); see rdm-mirror.c for the
 * intervals. */

#define RDM_MIRROR_ERROR (rdm_mirror_error_quark ())

typedef enum
{
  RDM_MIRROR_ERROR_TOO_SHORT, /* too few periods where both series have data */
  RDM_MIRROR_ERROR_LAG,       /* a maximum lag the periods cannot hold */
} RdmMirrorError;

GQuark rdm_mirror_error_quark (void);

/* Pairs a lag needs for its correlation to be reported. */
#define RDM_MIRROR_MIN_PAIRS 4

typedef enum
{
  RDM_MIRROR_BY_DAY,
  RDM_MIRROR_BY_WEEK, /* ISO weeks, Monday to Sunday */
  RDM_MIRROR_BY_MONTH,
} RdmMirrorBy;

const char *rdm_mirror_by_to_string (RdmMirrorBy by);
gboolean rdm_mirror_by_from_string (const char *text, RdmMirrorBy *out);
/* The period in the user's language, as "A against B, by week" reads it. */
const char *rdm_mirror_by_name (RdmMirrorBy by);

/* Averages the days with data (finite values) of @values, @n_days
 * consecutive days from @first_day (epoch second of 00:00 UTC), over each
 * period of @by: a period's value is the mean of its days with data, NaN
 * when it has none (a quarterly survey leaves most weeks without). The
 * mean rather than the sum, so that a period cut by the range's ends or
 * with a missing day is not smaller for it. Returns the values (double),
 * one per period from the one holding @first_day to the one holding the
 * last day; *@out_starts (nullable) gets each period's first day (gint64). */
GArray *rdm_mirror_aggregate (
    const double *values, guint n_days, gint64 first_day, RdmMirrorBy by, GArray **out_starts);

typedef struct
{
  int lag;       /* positive: A leads B by this many periods */
  double r;      /* NaN when fewer than RDM_MIRROR_MIN_PAIRS pairs */
  double ci_low; /* 95 %; NaN with r */
  double ci_high;
  guint n;            /* periods paired: A at t and B at t + lag both with data */
  double n_effective; /* n corrected for both series' autocorrelation */
} RdmMirrorLag;

typedef struct
{
  GArray *lags; /* RdmMirrorLag, from −max_lag to max_lag */
  int best_lag; /* the lag with the largest |r| (the shortest on ties) */
  double best_r;
  int best_lag_ci_low; /* 2.5 and 97.5 percentiles of the best lag over resamples */
  int best_lag_ci_high;
  guint periods;            /* periods in the range */
  guint periods_both;       /* periods where both series have data, at lag 0 */
  double autocorrelation_a; /* lag 1, over consecutive periods with data */
  double autocorrelation_b;
  guint block_length; /* of the bootstrap, in periods */
  guint resamples;
} RdmMirror;

void rdm_mirror_clear (RdmMirror *mirror);

/* Whether the best lag's correlation stands clear of 0 once the number of
 * lags it was picked from is allowed for: its Fisher interval (on the
 * lag's effective n) at the Bonferroni level of 5 % over all the lags
 * compared excludes 0. The largest of 17 correlations, each with a 95 %
 * interval, would clear 0 by chance far more often than one time in 20. */
gboolean rdm_mirror_best_lag_is_clear (const RdmMirror *mirror);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RdmMirror, rdm_mirror_clear)

/* Cross-correlates @a and @b (@n periods each, NaN = no data) at lags
 * −@max_lag .. @max_lag. The best lag's interval comes from @resamples
 * (>= 1) moving-block resamples of the periods drawn from @seed: the same
 * seed gives the same interval. Fails with RDM_MIRROR_ERROR_LAG when
 * @max_lag + RDM_MIRROR_MIN_PAIRS > @n, and with
 * RDM_MIRROR_ERROR_TOO_SHORT when no lag has RDM_MIRROR_MIN_PAIRS pairs. */
gboolean rdm_mirror_compute (const double *a,
                             const double *b,
                             guint n,
                             guint max_lag,
                             guint resamples,
                             guint64 seed,
                             RdmMirror *out,
                             GError **error);

/* Pearson's r of the pairs (a[i], b[i + lag]) where both are finite, over
 * the indices listed in @index (@n_index of them, repeats allowed; NULL:
 * 0 .. n − 1); NaN below RDM_MIRROR_MIN_PAIRS pairs or when either side
 * is constant. *@out_pairs (nullable) gets the number of pairs. */
double rdm_mirror_correlation (const double *a,
                               const double *b,
                               guint n,
                               int lag,
                               const guint *index,
                               guint n_index,
                               guint *out_pairs);

/* Lag-1 autocorrelation of @x (NaN = no data) about the mean of its
 * finite values, over consecutive pairs that both have data; 0 when
 * there is no such pair or @x is constant. */
double rdm_mirror_autocorrelation (const double *x, guint n);

/* The 95 % interval of @r from @n_effective pairs, by Fisher's z:
 * tanh (atanh r ± 1.96 / sqrt (n_effective − 3)); [−1, 1] when
 * @n_effective <= 3. */
void rdm_mirror_fisher_interval (double r, double n_effective, double *low, double *high);

G_END_DECLS
