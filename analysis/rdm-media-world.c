/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "rdm-media-world.h"

#include <math.h>

#include "rdm-random.h"
#include "rdm-stats.h"

#define SECONDS_PER_DAY 86400

void
rdm_media_world_free (RdmMediaWorld *world)
{
  if (world == NULL)
    return;
  g_free (world->spend);
  g_free (world->conversions);
  g_free (world->value);
  g_free (world->contribution);
  g_free (world);
}

/* Flights of one to six weeks, at a level drawn for each flight, with
 * day-to-day jitter: the variation a model needs to tell channels
 * apart, as real plans have it. */
static void
draw_spend (
    const RdmMediaWorldChannel *channel, guint n_days, double unit, RdmRng *rng, double *spend)
{
  guint day = 0;
  /* on_share of the weeks on, so a flight's level is scaled up to keep
   * the mean daily spend */
  double level_scale = channel->mean_daily_spend / MAX (channel->on_share, 0.05);

  while (day < n_days)
    {
      guint weeks = 1 + (guint)rdm_rng_below (rng, 6);
      gboolean on = channel->on_share >= 1.0 || rdm_rng_uniform (rng) < channel->on_share;
      double level = level_scale * (0.4 + 1.2 * rdm_rng_uniform (rng));

      for (guint d = 0; d < weeks * 7 && day < n_days; d++, day++)
        {
          spend[day] = on ? level * (0.85 + 0.3 * rdm_rng_uniform (rng)) : 0.0;
          if (unit > 0.0)
            spend[day] = round (spend[day] / unit) * unit;
        }
    }
  /* drawn whole, so that the days drawn do not depend on which are set */
  if (channel->spend != NULL)
    for (guint t = 0; t < n_days; t++)
      if (!isnan (channel->spend[t]))
        spend[t] = channel->spend[t];
}

static const RdmMediaWorldChannel default_channels[] = {
  { "Paid Search", 1500.0, 0.85, { 0.1, 1200.0, 1.2, 60.0 } },
  { "Facebook", 800.0, 0.7, { 0.5, 700.0, 1.0, 40.0 } },
  { "Display", 600.0, 0.6, { 0.3, 1500.0, 2.0, 25.0 } },
  { "LinkedIn", 400.0, 0.5, { 0.6, 300.0, 0.8, 20.0 } },
  { "YouTube", 700.0, 0.5, { 0.7, 900.0, 1.5, 30.0 } },
  { "Instagram", 500.0, 0.6, { 0.4, 500.0, 1.0, 22.0 } },
  { "Email", 150.0, 0.8, { 0.2, 100.0, 0.9, 15.0 } },
  { "Affiliates", 300.0, 0.75, { 0.0, 250.0, 1.1, 18.0 } },
};

RdmMediaWorldSpec
rdm_media_world_spec_default (guint64 seed)
{
  RdmMediaWorldSpec spec = {
    .seed = seed,
    /* Monday 6 January 2025 */
    .first_day = G_GINT64_CONSTANT (1736121600),
    .n_days = 728,
    .baseline = 200.0,
    .growth = 0.1,
    .weekday = { 1.0, 1.02, 1.0, 0.98, 1.05, 0.9, 0.85 },
    .noise = 12.0,
    .noise_carryover = 0.3,
    .value_per_conversion = 80.0,
    .n_channels = G_N_ELEMENTS (default_channels),
    .channels = default_channels,
  };
  return spec;
}

RdmMediaWorld *
rdm_media_world_generate (const RdmMediaWorldSpec *spec)
{
  RdmMediaWorld *world = g_new0 (RdmMediaWorld, 1);
  guint n = spec->n_days;
  g_autofree double *response = g_new (double, n);
  RdmRng rng;
  double noise = 0.0;

  rdm_rng_init (&rng, spec->seed);
  world->n_days = n;
  world->n_channels = spec->n_channels;
  world->spend = g_new0 (double, (gsize)spec->n_channels *n);
  world->conversions = g_new0 (double, n);
  world->value = g_new0 (double, n);
  world->contribution = g_new0 (double, spec->n_channels);

  for (guint t = 0; t < n; t++)
    {
      guint weekday = rdm_stats_weekday (spec->first_day + (gint64)t * SECONDS_PER_DAY);
      double level = spec->baseline * (1.0 + spec->growth * t / n) * spec->weekday[weekday];

      if (spec->event_effect != 0.0 && t >= spec->event_first && t <= spec->event_last)
        level += spec->event_effect;
      world->conversions[t] = level;
    }
  for (guint c = 0; c < spec->n_channels; c++)
    {
      double *spend = world->spend + (gsize)c * n;

      draw_spend (&spec->channels[c], n, spec->spend_unit, &rng, spend);
      rdm_response_curve_apply (&spec->channels[c].curve, spend, n, response);
      for (guint t = 0; t < n; t++)
        {
          world->conversions[t] += response[t];
          world->contribution[c] += response[t];
        }
    }
  for (guint t = 0; t < n; t++)
    {
      noise = spec->noise_carryover * noise
              + spec->noise * sqrt (1.0 - spec->noise_carryover * spec->noise_carryover)
                    * rdm_rng_normal (&rng);
      world->conversions[t] = MAX (0.0, world->conversions[t] + noise);
      world->value[t] = world->conversions[t] * spec->value_per_conversion;
    }
  return world;
}

double
rdm_media_world_expected (const RdmMediaWorldSpec *spec, const double *daily, guint n_days)
{
  double total = 0.0;

  for (guint c = 0; c < spec->n_channels; c++)
    total += n_days * rdm_response_curve_steady (&spec->channels[c].curve, daily[c]);
  return total;
}
