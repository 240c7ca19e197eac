/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Simulated worlds: see rdm-world.h for the causal model.
 *
 * A visitor is drawn in two steps. First everything random: the
 * propensity, the occasions with their uniform number and basket, and the
 * touches around each occasion. Then, with nothing random left, the
 * outcome of each occasion in the world and in the world without each
 * channel the visitor met; a conversion present in the first and absent
 * in the second was caused by that channel.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>

#include "rdm-random.h"
#include "rdm-world.h"

#define DAY_SECONDS 86400
/* a touch comes at least this long before the occasion it leads to */
#define MIN_LAG_SECONDS 60
#define MAX_TOUCHES_PER_REACH 12

static const struct
{
  const char *name;
  gboolean is_direct;
  gboolean visits;
  double reach, targeting, touches, click_share, lag_days, effect;
} default_channels[] = {
  /* social networks and content open journeys, at random, slowly */
  { "Facebook", FALSE, FALSE, 0.30, 0.0, 2.0, 0.35, 8.0, 0.20 },
  { "Instagram", FALSE, FALSE, 0.25, 0.0, 2.0, 0.30, 8.0, 0.15 },
  { "LinkedIn", FALSE, FALSE, 0.06, 0.0, 1.5, 0.40, 10.0, 0.25 },
  { "X", FALSE, FALSE, 0.06, 0.0, 1.5, 0.30, 6.0, 0.05 },
  { "YouTube", FALSE, FALSE, 0.15, 0.0, 1.8, 0.15, 10.0, 0.15 },
  { "Blog", FALSE, TRUE, 0.12, 0.3, 1.5, 1.0, 12.0, 0.30 },
  /* search, email and direct find the people about to buy, and close */
  { "Paid Search", FALSE, FALSE, 0.25, 1.0, 1.3, 1.0, 1.5, 0.35 },
  { "Organic Search", FALSE, TRUE, 0.30, 0.7, 1.4, 1.0, 2.0, 0.30 },
  { "Email", FALSE, FALSE, 0.20, 1.2, 1.5, 1.0, 2.0, 0.25 },
  /* display is everywhere, retargets, and causes little */
  { "Display", FALSE, FALSE, 0.45, 0.8, 3.0, 0.05, 1.0, 0.05 },
  { "Affiliates", FALSE, FALSE, 0.06, 0.8, 1.2, 1.0, 1.0, 0.10 },
  { "Direct", TRUE, TRUE, 0.25, 1.5, 1.3, 1.0, 0.5, 0.05 },
};

static void
channel_clear (gpointer data)
{
  RdmWorldChannel *channel = data;

  g_free (channel->name);
}

static RdmWorldSettings *
settings_new_empty (void)
{
  RdmWorldSettings *settings = g_new0 (RdmWorldSettings, 1);

  settings->channels = g_array_new (FALSE, TRUE, sizeof (RdmWorldChannel));
  g_array_set_clear_func (settings->channels, channel_clear);
  return settings;
}

RdmWorldSettings *
rdm_world_settings_new_default (void)
{
  RdmWorldSettings *settings = settings_new_empty ();
  g_autoptr (GDateTime) first = g_date_time_new_utc (2026, 7, 1, 0, 0, 0);

  settings->seed = 2026;
  settings->n_visitors = 20000;
  settings->n_days = 91;
  settings->first_day = g_date_time_to_unix (first);
  settings->baseline = 0.03;
  settings->view_effect = 0.3;
  settings->repeat = 0.25;
  settings->propensity_spread = 1.0;
  settings->effect_window_days = 30.0;
  settings->mean_value = 68.0;
  for (guint i = 0; i < G_N_ELEMENTS (default_channels); i++)
    {
      RdmWorldChannel channel = {
        .name = g_strdup (default_channels[i].name),
        .is_direct = default_channels[i].is_direct,
        .visits = default_channels[i].visits,
        .reach = default_channels[i].reach,
        .targeting = default_channels[i].targeting,
        .touches = default_channels[i].touches,
        .click_share = default_channels[i].click_share,
        .lag_days = default_channels[i].lag_days,
        .effect = default_channels[i].effect,
      };

      g_array_append_val (settings->channels, channel);
    }
  return settings;
}

RdmWorldSettings *
rdm_world_settings_copy (const RdmWorldSettings *settings)
{
  RdmWorldSettings *copy = settings_new_empty ();
  GArray *channels = copy->channels;

  *copy = *settings;
  copy->channels = channels;
  for (guint i = 0; i < settings->channels->len; i++)
    {
      RdmWorldChannel channel = g_array_index (settings->channels, RdmWorldChannel, i);

      channel.name = g_strdup (channel.name);
      g_array_append_val (copy->channels, channel);
    }
  return copy;
}

void
rdm_world_settings_free (RdmWorldSettings *settings)
{
  if (settings == NULL)
    return;
  g_array_unref (settings->channels);
  g_free (settings);
}

int
rdm_world_settings_find_channel (const RdmWorldSettings *settings, const char *name)
{
  for (guint i = 0; i < settings->channels->len; i++)
    if (g_strcmp0 (g_array_index (settings->channels, RdmWorldChannel, i).name, name) == 0)
      return (int)i;
  return -1;
}

static gboolean
check_range (double value, double low, double high, const char *what, GError **error)
{
  if (value >= low && value <= high)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               /* Translators: "the baseline must be from 0 to 0.5, not 2" */
               _ ("%s must be from %g to %g, not %g"), what, low, high, value);
  return FALSE;
}

gboolean
rdm_world_settings_validate (const RdmWorldSettings *settings, GError **error)
{
  if (settings->n_visitors < 1 || settings->n_visitors > 5000000)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("The number of visitors must be from 1 to 5 000 000, not %u"),
                   settings->n_visitors);
      return FALSE;
    }
  if (settings->n_days < 1 || settings->n_days > 3660)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("The number of days must be from 1 to 3 660, not %u"), settings->n_days);
      return FALSE;
    }
  if (settings->channels->len < 1 || settings->channels->len > RDM_WORLD_MAX_CHANNELS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("A world has from 1 to %d channels, not %u"), RDM_WORLD_MAX_CHANNELS,
                   settings->channels->len);
      return FALSE;
    }
  if (!check_range (settings->baseline, 0.0, 0.5, _ ("The baseline conversion rate"), error)
      || !check_range (settings->view_effect, 0.0, 1.0, _ ("The view-through effect"), error)
      || !check_range (settings->repeat, 0.0, 0.9, _ ("The repeat probability"), error)
      || !check_range (settings->propensity_spread, 0.0, 3.0, _ ("The propensity spread"), error)
      || !check_range (settings->effect_window_days, 1.0, 365.0, _ ("The effect window"), error)
      || !check_range (settings->mean_value, 0.0, 1e6, _ ("The basket value"), error))
    return FALSE;
  for (guint i = 0; i < settings->channels->len; i++)
    {
      const RdmWorldChannel *channel = &g_array_index (settings->channels, RdmWorldChannel, i);
      g_autofree char *effect = g_strdup_printf (_ ("The effect of %s"), channel->name);
      g_autofree char *reach = g_strdup_printf (_ ("The reach of %s"), channel->name);

      if (!check_range (channel->effect, 0.0, 100.0, effect, error)
          || !check_range (channel->reach, 0.0, 1.0, reach, error)
          || !check_range (channel->targeting, 0.0, 5.0, _ ("A channel’s targeting"), error)
          || !check_range (channel->touches, 1.0, MAX_TOUCHES_PER_REACH,
                           _ ("A channel’s mean number of touches"), error)
          || !check_range (channel->click_share, 0.0, 1.0, _ ("A channel’s click share"), error)
          || !check_range (channel->lag_days, 0.001, 365.0, _ ("A channel’s lag"), error))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (g_strcmp0 (g_array_index (settings->channels, RdmWorldChannel, j).name, channel->name)
            == 0)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                         _ ("Channel “%s” is named twice"), channel->name);
            return FALSE;
          }
    }
  return TRUE;
}

/* ---- one visitor --------------------------------------------------------- */

typedef struct
{
  gint64 time;
  double draw; /* buys when draw < p */
  double value;
} Occasion;

/* Poisson by inversion: small means only (at most MAX_TOUCHES_PER_REACH). */
static guint
rng_poisson (RdmRng *rng, double mean)
{
  double limit = exp (-mean);
  double product = rdm_rng_uniform (rng);
  guint k = 0;

  while (product > limit)
    {
      k++;
      product *= rdm_rng_uniform (rng);
    }
  return k;
}

/* Exponential with mean @mean cut at @limit, by inversion (exact, no
 * rejection loop). */
static double
rng_truncated_exponential (RdmRng *rng, double mean, double limit)
{
  return -mean * log1p (-rdm_rng_uniform (rng) * -expm1 (-limit / mean));
}

static int
compare_touches (gconstpointer a, gconstpointer b)
{
  const RdmWorldTouch *x = a;
  const RdmWorldTouch *y = b;

  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  return (x->channel > y->channel) - (x->channel < y->channel);
}

/* Whether the occasion at @time ends in a purchase when the channels of
 * @removed have no touch; @effect_factor (NULL: 1) scales each channel's
 * effect for this person. */
static gboolean
buys (const RdmWorldSettings *settings,
      double odds,
      const double *effect_factor,
      const Occasion *occasion,
      const GArray *touches,
      guint64 removed)
{
  gint64 window = (gint64)(settings->effect_window_days * DAY_SECONDS);
  double p;

  for (guint i = 0; i < touches->len; i++)
    {
      const RdmWorldTouch *touch = &g_array_index (touches, RdmWorldTouch, i);
      const RdmWorldChannel *channel;
      double effect;

      if (touch->time >= occasion->time)
        break;
      if (touch->time < occasion->time - window || (removed >> touch->channel) & 1)
        continue;
      channel = &g_array_index (settings->channels, RdmWorldChannel, touch->channel);
      effect = channel->effect * (effect_factor != NULL ? effect_factor[touch->channel] : 1.0);
      odds *= touch->interaction == RDM_INTERACTION_IMPRESSION
                  ? 1.0 + effect * settings->view_effect
                  : 1.0 + effect;
    }
  p = odds / (1.0 + odds);
  return occasion->draw < p;
}

static void
draw_touches (const RdmWorldSettings *settings,
              RdmRng *rng,
              double propensity,
              gint64 occasion_time,
              GArray *touches)
{
  double window = settings->effect_window_days * DAY_SECONDS;

  for (guint c = 0; c < settings->channels->len; c++)
    {
      const RdmWorldChannel *channel = &g_array_index (settings->channels, RdmWorldChannel, c);
      double reach = MIN (0.95, channel->reach * pow (propensity, channel->targeting));
      guint n;

      if (rdm_rng_uniform (rng) >= reach)
        continue;
      n = MIN (1 + rng_poisson (rng, channel->touches - 1.0), MAX_TOUCHES_PER_REACH);
      for (guint k = 0; k < n; k++)
        {
          double lag = rng_truncated_exponential (rng, channel->lag_days * DAY_SECONDS,
                                                  window - MIN_LAG_SECONDS);
          gboolean click = rdm_rng_uniform (rng) < channel->click_share;
          RdmWorldTouch touch = {
            .time = occasion_time - MIN_LAG_SECONDS - (gint64)lag,
            .channel = (guint8)c,
            .interaction = !click            ? RDM_INTERACTION_IMPRESSION
                           : channel->visits ? RDM_INTERACTION_VISIT
                                             : RDM_INTERACTION_CLICK,
          };

          /* the world begins on its first day: nothing happens before */
          if (touch.time >= settings->first_day)
            g_array_append_val (touches, touch);
        }
    }
}

guint
rdm_world_draw_person (const RdmWorldSettings *settings,
                       guint32 stream,
                       const RdmWorldPerson *person,
                       GArray *touches,
                       GArray *conversions)
{
  g_autoptr (GArray) occasions = g_array_new (FALSE, FALSE, sizeof (Occasion));
  gint64 end = settings->first_day + (gint64)settings->n_days * DAY_SECONDS;
  double spread = settings->propensity_spread;
  const double *effect_factor = person != NULL ? person->effect_factor : NULL;
  double base_odds = settings->baseline / (1.0 - settings->baseline);
  RdmRng rng;
  double propensity;
  guint64 met = 0;
  guint anyway = 0;
  gint64 time;

  rdm_rng_init_stream (&rng, settings->seed, stream);
  g_array_set_size (touches, 0);
  g_array_set_size (conversions, 0);
  propensity = person != NULL ? person->propensity
                              : exp (spread * rdm_rng_normal (&rng) - spread * spread / 2.0);

  time = settings->first_day + (gint64)(rdm_rng_uniform (&rng) * (end - settings->first_day));
  while (time < end)
    {
      Occasion occasion = {
        .time = time,
        .draw = rdm_rng_uniform (&rng),
        .value = round (settings->mean_value * exp (0.55 * rdm_rng_normal (&rng)) * 100.0) / 100.0,
      };

      g_array_append_val (occasions, occasion);
      draw_touches (settings, &rng, propensity, time, touches);
      if (rdm_rng_uniform (&rng) >= settings->repeat)
        break;
      time += DAY_SECONDS + (gint64)rdm_rng_exponential (&rng, 20.0 * DAY_SECONDS);
    }
  g_array_sort (touches, compare_touches);
  for (guint i = 0; i < touches->len; i++)
    met |= G_GUINT64_CONSTANT (1) << g_array_index (touches, RdmWorldTouch, i).channel;

  for (guint j = 0; j < occasions->len; j++)
    {
      const Occasion *occasion = &g_array_index (occasions, Occasion, j);
      double odds = base_odds * propensity;
      RdmWorldConversion conversion = { .time = occasion->time, .value = occasion->value };

      if (!buys (settings, odds, effect_factor, occasion, touches, 0))
        continue;
      for (guint c = 0; c < settings->channels->len; c++)
        if ((met >> c) & 1
            && !buys (settings, odds, effect_factor, occasion, touches,
                      G_GUINT64_CONSTANT (1) << c))
          conversion.caused_by |= G_GUINT64_CONSTANT (1) << c;
      anyway += buys (settings, odds, effect_factor, occasion, touches, met);
      g_array_append_val (conversions, conversion);
    }
  return anyway;
}

typedef struct
{
  const RdmWorldSettings *settings;
  RdmWorld *world;
  GArray *touches;     /* RdmWorldTouch, this visitor's */
  GArray *conversions; /* RdmWorldConversion, this visitor's */
} Generator;

static void
generate_visitor (Generator *gen, guint32 stream)
{
  const RdmWorldSettings *settings = gen->settings;
  RdmWorld *world = gen->world;
  guint32 visitor = world->n_visitors;

  world->baseline_conversions
      += rdm_world_draw_person (settings, stream, NULL, gen->touches, gen->conversions);
  if (gen->touches->len == 0 && gen->conversions->len == 0)
    return;
  for (guint k = 0; k < gen->conversions->len; k++)
    {
      RdmWorldConversion conversion = g_array_index (gen->conversions, RdmWorldConversion, k);

      conversion.visitor = visitor;
      for (guint c = 0; c < settings->channels->len; c++)
        if ((conversion.caused_by >> c) & 1)
          {
            world->truth_conversions[c] += 1.0;
            world->truth_value[c] += conversion.value;
          }
      g_array_append_val (world->conversions, conversion);
    }
  for (guint i = 0; i < gen->touches->len; i++)
    {
      RdmWorldTouch touch = g_array_index (gen->touches, RdmWorldTouch, i);

      touch.visitor = visitor;
      g_array_append_val (world->touches, touch);
    }
  world->visitor_stream[world->n_visitors++] = stream;
}

RdmWorld *
rdm_world_generate (const RdmWorldSettings *settings, GError **error)
{
  g_autoptr (RdmWorld) world = NULL;
  Generator gen;
  guint n_channels = settings->channels->len;

  if (!rdm_world_settings_validate (settings, error))
    return NULL;
  world = g_new0 (RdmWorld, 1);
  world->settings = rdm_world_settings_copy (settings);
  world->visitor_stream = g_new (guint32, settings->n_visitors);
  world->touches = g_array_new (FALSE, FALSE, sizeof (RdmWorldTouch));
  world->conversions = g_array_new (FALSE, FALSE, sizeof (RdmWorldConversion));
  world->truth_conversions = g_new0 (double, n_channels);
  world->truth_value = g_new0 (double, n_channels);
  gen = (Generator){
    .settings = world->settings,
    .world = world,
    .touches = g_array_new (FALSE, FALSE, sizeof (RdmWorldTouch)),
    .conversions = g_array_new (FALSE, FALSE, sizeof (RdmWorldConversion)),
  };
  for (guint32 stream = 0; stream < settings->n_visitors; stream++)
    generate_visitor (&gen, stream);
  g_array_unref (gen.touches);
  g_array_unref (gen.conversions);
  return g_steal_pointer (&world);
}

void
rdm_world_free (RdmWorld *world)
{
  if (world == NULL)
    return;
  rdm_world_settings_free (world->settings);
  g_free (world->visitor_stream);
  g_array_unref (world->touches);
  g_array_unref (world->conversions);
  g_free (world->truth_conversions);
  g_free (world->truth_value);
  g_free (world);
}

RdmEventStore *
rdm_world_to_event_store (const RdmWorld *world)
{
  RdmEventStore *store = rdm_event_store_new ();
  const GArray *channels = world->settings->channels;
  guint32 purchase = rdm_event_store_intern_event (store, "purchase");
  guint t = 0;
  guint k = 0;

  for (guint c = 0; c < channels->len; c++)
    {
      const RdmWorldChannel *channel = &g_array_index (channels, RdmWorldChannel, c);

      rdm_event_store_intern_channel (store, channel->name, channel->is_direct);
    }
  rdm_event_store_reserve_adding (store, world->touches->len, world->conversions->len,
                                  world->n_visitors);
  for (guint32 v = 0; v < world->n_visitors; v++)
    {
      rdm_event_store_add_visitor (store, (gint64)v + 1);
      for (;
           t < world->touches->len && g_array_index (world->touches, RdmWorldTouch, t).visitor == v;
           t++)
        {
          const RdmWorldTouch *touch = &g_array_index (world->touches, RdmWorldTouch, t);

          rdm_event_store_add_touch (store, touch->time, touch->channel,
                                     RDM_EVENT_STORE_NO_CAMPAIGN, touch->interaction);
        }
      for (; k < world->conversions->len
             && g_array_index (world->conversions, RdmWorldConversion, k).visitor == v;
           k++)
        {
          const RdmWorldConversion *conversion
              = &g_array_index (world->conversions, RdmWorldConversion, k);

          rdm_event_store_add_conversion (store, conversion->time, purchase, conversion->value);
        }
    }
  rdm_event_store_finish (store);
  return store;
}

GArray *
rdm_world_truth_effects (const RdmWorld *world)
{
  GArray *effects = g_array_new (FALSE, FALSE, sizeof (RdmTruthEffect));

  for (guint k = 0; k < world->conversions->len; k++)
    {
      const RdmWorldConversion *conversion
          = &g_array_index (world->conversions, RdmWorldConversion, k);

      for (guint c = 0; c < world->settings->channels->len; c++)
        if ((conversion->caused_by >> c) & 1)
          {
            RdmTruthEffect effect = {
              .visitor = conversion->visitor,
              .time = conversion->time,
              .event = 0, /* "purchase", the only event */
              .value = conversion->value,
              .channel = c,
            };

            g_array_append_val (effects, effect);
          }
    }
  return effects;
}

GArray *
rdm_world_run_experiments (const RdmWorld *world,
                           const guint *channels,
                           guint n_channels,
                           guint first_day,
                           guint last_day,
                           double relative_error)
{
  const RdmWorldSettings *settings = world->settings;
  GArray *experiments = g_array_new (FALSE, TRUE, sizeof (RdmWorldExperiment));
  gint64 start = settings->first_day + (gint64)first_day * DAY_SECONDS;
  gint64 end = settings->first_day + ((gint64)last_day + 1) * DAY_SECONDS;

  for (guint i = 0; i < n_channels; i++)
    {
      RdmWorldExperiment experiment = {
        .channel = channels[i],
        .start_day = start,
        .end_day = end - DAY_SECONDS,
      };
      /* a stream no visitor uses: past the last person's */
      RdmRng rng;
      double error;
      double se;

      g_return_val_if_fail (channels[i] < settings->channels->len, experiments);
      rdm_rng_init_stream (&rng, settings->seed, (guint64)settings->n_visitors + channels[i]);
      for (guint k = 0; k < world->conversions->len; k++)
        {
          const RdmWorldConversion *conversion
              = &g_array_index (world->conversions, RdmWorldConversion, k);

          if (conversion->time >= start && conversion->time < end
              && (conversion->caused_by >> channels[i]) & 1)
            {
              experiment.truth += 1.0;
              experiment.truth_value += conversion->value;
            }
        }
      se = relative_error * MAX (experiment.truth, 1.0);
      error = rdm_rng_normal (&rng);
      experiment.incremental_conversions = MAX (experiment.truth + se * error, 0.0);
      experiment.ci_low = experiment.incremental_conversions - 1.96 * se;
      experiment.ci_high = experiment.incremental_conversions + 1.96 * se;
      experiment.incremental_value
          = experiment.truth > 0.0
                ? experiment.truth_value * experiment.incremental_conversions / experiment.truth
                : 0.0;
      g_array_append_val (experiments, experiment);
    }
  return experiments;
}

RdmTruth *
rdm_world_truth (const RdmWorld *world,
                 const RdmEventStore *store,
                 const RdmPathOptions *options,
                 const guint8 *visitor_mask)
{
  g_autoptr (GArray) effects = rdm_world_truth_effects (world);

  return rdm_truth_compute (store, (const RdmTruthEffect *)(gpointer)effects->data, effects->len,
                            options, visitor_mask);
}
