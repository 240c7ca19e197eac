/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rdm-event-store.h"
#include "rdm-truth.h"

G_BEGIN_DECLS

/* A simulated world with a known truth (SPEC.md, "Incrementality and
 * ground truth"): visitors, their touches and conversions drawn from a
 * stated causal model, and for every conversion the channels without
 * which it would not have happened.
 *
 * The causal model, in the words the README uses:
 *
 * - Each visitor has occasions to buy (the first at a random day of the
 *   period, then another with probability @repeat after each) and a
 *   propensity to buy, log-normal with mean 1 across visitors.
 * - Around each occasion, each channel reaches the visitor with
 *   probability reach × propensity^targeting (capped at 95 %): search,
 *   email, direct and retargeting find people who were going to buy
 *   anyway, social networks reach people at random. A channel that
 *   reaches them does so a few times (@touches on average), each touch a
 *   click (or a visit) with probability @click_share and otherwise an ad
 *   seen but not clicked, some days before the occasion (@lag_days on
 *   average, within the effect window).
 * - At the occasion, the visitor buys with probability p, where
 *   p / (1 − p) = baseline odds × propensity × the product, over every
 *   touch in the effect window before it, of (1 + effect) for a click and
 *   (1 + effect × view_effect) for an ad seen. A channel with effect 0
 *   reaches people and causes nothing.
 * - Whether the visitor buys is decided by one uniform number per
 *   occasion drawn before anything else: the same world with a channel's
 *   touches removed uses the same numbers (common random numbers), so a
 *   conversion is caused by the channel exactly when it disappears in
 *   that world. The truth is exact for the world, not estimated.
 *
 * Every visitor draws from their own random stream (seed, visitor), so a
 * world does not depend on the order visitors are generated in. */

#define RDM_WORLD_MAX_CHANNELS 64

typedef struct
{
  char *name;
  gboolean is_direct;
  gboolean visits;    /* its clicks arrive as visits (organic search, direct) */
  double reach;       /* probability of reaching an average visitor around an occasion */
  double targeting;   /* exponent of the propensity in the reach; 0: at random */
  double touches;     /* mean touches when it reaches, at least 1 */
  double click_share; /* share of the touches that are clicks or visits */
  double lag_days;    /* mean time from a touch to the occasion */
  double effect;      /* rise in the odds of buying per click; 0: none */
} RdmWorldChannel;

typedef struct
{
  guint64 seed;
  guint n_visitors;   /* people who have occasions, seen or not */
  guint n_days;       /* length of the period */
  gint64 first_day;   /* epoch second of 00:00 UTC of its first day */
  double baseline;    /* probability of buying at an occasion with no touch, average visitor */
  double view_effect; /* an ad seen counts this share of a click's effect */
  double repeat;      /* probability of another occasion after each */
  double propensity_spread; /* standard deviation of the log-propensity */
  double effect_window_days;
  double mean_value; /* median basket, log-normal */
  GArray *channels;  /* RdmWorldChannel */
} RdmWorldSettings;

/* The twelve channels of the demo and their defaults: a 13-week quarter
 * from 2026-07-01 with 20 000 visitors, seed 2026. */
RdmWorldSettings *rdm_world_settings_new_default (void);
RdmWorldSettings *rdm_world_settings_copy (const RdmWorldSettings *settings);
void rdm_world_settings_free (RdmWorldSettings *settings);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmWorldSettings, rdm_world_settings_free)

/* The index of channel @name, or -1. */
int rdm_world_settings_find_channel (const RdmWorldSettings *settings, const char *name);

/* Checks every value (ranges named in the message); G_IO_ERROR_INVALID_ARGUMENT. */
gboolean rdm_world_settings_validate (const RdmWorldSettings *settings, GError **error);

typedef struct
{
  guint32 visitor; /* index among the visitors seen (world->n_visitors) */
  gint64 time;
  guint8 channel;
  guint8 interaction; /* RdmInteraction */
} RdmWorldTouch;

typedef struct
{
  guint32 visitor;
  gint64 time;
  double value;
  guint64 caused_by; /* bit c: the conversion disappears without channel c */
} RdmWorldConversion;

typedef struct
{
  RdmWorldSettings *settings;
  /* only visitors who left a touch or a conversion are kept, numbered in
   * the order of their stream */
  guint32 n_visitors;
  guint32 *visitor_stream; /* n_visitors: the stream (person) each one is */
  GArray *touches;         /* RdmWorldTouch, by visitor then time */
  GArray *conversions;     /* RdmWorldConversion, by visitor then time */
  /* per channel: conversions (and their value) that disappear without it */
  double *truth_conversions;
  double *truth_value;
  /* conversions that happen with every channel removed */
  double baseline_conversions;
} RdmWorld;

/* What a caller knows of one person, instead of the world's own draw. */
typedef struct
{
  double propensity;           /* replaces the log-normal draw; > 0 */
  const double *effect_factor; /* per channel, scales its effect for this person; NULL: 1 */
} RdmWorldPerson;

/* Draws person @stream of the world of @settings (validated), as
 * rdm_world_generate() does, with @person's propensity and effects when
 * not NULL: replaces what @touches (RdmWorldTouch) and @conversions
 * (RdmWorldConversion) hold by the person's, by time, visitor 0. Returns
 * how many of the conversions happen with every channel removed. */
guint rdm_world_draw_person (const RdmWorldSettings *settings,
                             guint32 stream,
                             const RdmWorldPerson *person,
                             GArray *touches,
                             GArray *conversions);

/* Draws the world of @settings (validated first). */
RdmWorld *rdm_world_generate (const RdmWorldSettings *settings, GError **error);
void rdm_world_free (RdmWorld *world);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmWorld, rdm_world_free)

/* An event store holding the world's touches and conversions (event
 * "purchase"), channels in settings order, visitor ids 1.. n_visitors. */
RdmEventStore *rdm_world_to_event_store (const RdmWorld *world);

/* A lift test run on a world: it measures what @channel caused over the
 * conversions of days @start_day to @end_day with a stated error. */
typedef struct
{
  guint channel;
  gint64 start_day; /* epoch second of 00:00 UTC of the first day */
  gint64 end_day;   /* of the last day, included */
  double truth;     /* the conversions it caused over those days */
  double truth_value;
  double incremental_conversions; /* the test's estimate, never below 0 */
  double ci_low;                  /* ± 1.96 standard errors */
  double ci_high;
  double incremental_value;
} RdmWorldExperiment;

/* Tests on @n_channels @channels (indices of the settings' channels) over
 * days @first_day to @last_day of the period (offsets, included). Each
 * estimate is the channel's truth over those days plus a normal error of
 * standard deviation @relative_error × truth (truth taken as at least one
 * conversion),
 * drawn from the world's seed and the channel, as a well-run test with
 * that precision would report. */
GArray *rdm_world_run_experiments (const RdmWorld *world,
                                   const guint *channels,
                                   guint n_channels,
                                   guint first_day,
                                   guint last_day,
                                   double relative_error);

/* The world's truth as effects over the store of
 * rdm_world_to_event_store(): one per conversion and channel that caused
 * it. */
GArray *rdm_world_truth_effects (const RdmWorld *world);

/* The world's truth over the conversions @options and @visitor_mask (NULL:
 * everyone) select from @store, made by rdm_world_to_event_store(). */
RdmTruth *rdm_world_truth (const RdmWorld *world,
                           const RdmEventStore *store,
                           const RdmPathOptions *options,
                           const guint8 *visitor_mask);

G_END_DECLS
