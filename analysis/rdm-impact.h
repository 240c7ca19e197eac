/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The impact of a dated event on a daily series: an interrupted time
 * series regression (see rdm-impact.c for the model and its intervals). */

#define RDM_IMPACT_ERROR (rdm_impact_error_quark ())

typedef enum
{
  RDM_IMPACT_ERROR_TOO_SHORT, /* too few days with data before or after the event */
  RDM_IMPACT_ERROR_SINGULAR,  /* the days with data cannot separate the terms */
} RdmImpactError;

GQuark rdm_impact_error_quark (void);

/* Days with data needed on each side of the event: two of every weekday
 * before (the weekday effects and the trend), one of every weekday after
 * (the new level and slope). */
#define RDM_IMPACT_MIN_DAYS_BEFORE 14
#define RDM_IMPACT_MIN_DAYS_AFTER 7

/* The terms of the regression, in the order of RdmImpact.coefficients. */
typedef enum
{
  RDM_IMPACT_TERM_LEVEL,   /* the level at the event's start, before it */
  RDM_IMPACT_TERM_TREND,   /* per day */
  RDM_IMPACT_TERM_WEEKDAY, /* 6 terms, Monday .. Saturday; Sunday is minus their sum */
  RDM_IMPACT_TERM_LEVEL_CHANGE = RDM_IMPACT_TERM_WEEKDAY + 6,
  RDM_IMPACT_TERM_SLOPE_CHANGE, /* per day after the start */
  RDM_IMPACT_N_TERMS
} RdmImpactTerm;

typedef struct
{
  double estimate;
  double ci_low; /* 95 % */
  double ci_high;
  double std_error; /* of the Prais–Winsten fit */
} RdmImpactFigure;

typedef struct
{
  RdmImpactFigure level_change; /* y units, from the event's first day on */
  RdmImpactFigure slope_change; /* y units per day after the first */
  /* Σ over the after days with data of level_change + slope_change·τ
   * (τ = 0 on the first day): the change the event brought in total */
  RdmImpactFigure total_change;
  double relative_change; /* level_change / before_mean; NaN when before_mean is 0 */
  double before_mean;     /* mean of the before days with data */
  double after_mean;
  guint days_before; /* days with data in the window, before the start */
  guint days_after;  /* from the start on */
  /* lag 1, of the least-squares residuals over consecutive days with data */
  double residual_autocorrelation;
  double rho; /* the noise's AR(1) coefficient the fit used: the above, bias-corrected */
  double r2;
  double coefficients[RDM_IMPACT_N_TERMS];
} RdmImpact;

/* Fits the model to @values, @n_days consecutive days starting on a day
 * whose weekday is @first_weekday (0 Monday .. 6 Sunday); the event starts
 * on day @event_index (0-based, days before it are "before"). A NaN value
 * is a day without data, left out. Fails with RDM_IMPACT_ERROR_TOO_SHORT
 * (the message says how many days there are and how many are needed) or
 * RDM_IMPACT_ERROR_SINGULAR. */
gboolean rdm_impact_fit (const double *values,
                         guint n_days,
                         guint first_weekday,
                         guint event_index,
                         RdmImpact *out,
                         GError **error);

/* What the fit expects on a day @tau days from the event's start (negative
 * before it) that falls on @weekday (0 Monday .. 6 Sunday) had the event
 * not happened: the level, trend and weekday terms, without the changes. */
double rdm_impact_expected_without (const RdmImpact *impact, int tau, guint weekday);

G_END_DECLS
