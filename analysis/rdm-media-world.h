/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-mmm.h"

G_BEGIN_DECLS

/* A simulated market whose daily outcomes come from known response
 * curves, so that a media-mix model can be checked against the truth:
 * each channel spends in flights (weeks on at a varying level, pauses
 * between them), and
 *
 *   conversions(t) = baseline · (1 + growth·t/n) · weekday(t) + event(t)
 *                    + Σc curve_c(spend_c)(t) + noise(t)
 *
 * with AR(1) noise. A channel's true contribution is its curve's response
 * to its spend, exactly what removing the channel would take away. */
typedef struct
{
  const char *name;
  double mean_daily_spend;
  double on_share; /* the share of weeks a flight runs; 1 for always on */
  RdmResponseCurve curve;
  /* n_days of spend the caller set (a plan already known), or NULL: the
   * days where it is NaN, or every day when NULL, are drawn in flights */
  const double *spend;
} RdmMediaWorldChannel;

typedef struct
{
  guint64 seed;
  gint64 first_day;
  guint n_days;
  double baseline;        /* conversions per day without media, at the start */
  double growth;          /* the baseline's relative growth over the period */
  double weekday[7];      /* multipliers, Monday first */
  double noise;           /* standard deviation of the daily noise */
  double noise_carryover; /* AR(1) coefficient of the noise */
  double value_per_conversion;
  double spend_unit; /* drawn spend is rounded to a multiple of it (0.01: cents); 0 = not rounded */
  guint event_first; /* an event's days (inclusive) and its effect, or 0 */
  guint event_last;
  double event_effect; /* conversions per day added (negative for an incident) */
  guint n_channels;
  const RdmMediaWorldChannel *channels;
} RdmMediaWorldSpec;

typedef struct
{
  guint n_days;
  guint n_channels;
  double *spend;        /* n_channels rows of n_days */
  double *conversions;  /* n_days */
  double *value;        /* n_days */
  double *contribution; /* per channel, over the period: the truth */
} RdmMediaWorld;

void rdm_media_world_free (RdmMediaWorld *world);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmMediaWorld, rdm_media_world_free)

/* Two years (728 days from Monday 6 January 2025) of eight channels
 * with flights and pauses, a growing baseline with a weekly pattern and
 * AR(1) noise: the market the tests and benchmarks check the media-mix
 * model against. */
RdmMediaWorldSpec rdm_media_world_spec_default (guint64 seed);

RdmMediaWorld *rdm_media_world_generate (const RdmMediaWorldSpec *spec);

/* The expected conversions of @n_days days at the steady daily spends
 * @daily under the world's own curves: what a budget is worth in truth. */
double rdm_media_world_expected (const RdmMediaWorldSpec *spec, const double *daily, guint n_days);

G_END_DECLS
