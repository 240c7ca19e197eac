/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Backward path building: SPEC.md "Attribution", "Path building".
 *
 * For a visitor, touches t_1 <= t_2 <= ... (ties in file order) and the
 * analysed conversions T_1 <= T_2 <= ... (those of the selected events, in
 * any period), a touch at t qualifies for the conversion at T_k when
 *
 *   t <= T_k,
 *   t > T_(k-1) when paths restart after a conversion (the default),
 *   T_k - t <= click window for a click or a visit,
 *   T_k - t <= view window for an impression,
 *
 * both windows inclusive: a click exactly 30 days (2 592 000 s) before the
 * conversion qualifies, one second more does not. A window of d days is
 * d × 86 400 seconds, so fractional days work.
 *
 * Choices the specification leaves open, and why:
 *
 * - A touch at the same second as a conversion belongs to that conversion
 *   (t <= T) and therefore, with restart on, not to the next one (t > T is
 *   required). Each touch thus serves at most one conversion, as in the
 *   Kaggle-style logs where the conversion row's own channel is the last
 *   touch of that journey. With restart off a touch serves every later
 *   conversion within the windows.
 * - The restart point is the previous conversion of an analysed event,
 *   even when it falls before the evaluation period: a purchase in March
 *   still closes the March journey when only April is reported. Events that
 *   are not analysed neither create rows nor restart paths, as GA's
 *   conversion paths are built per conversion event.
 * - A conversion with no qualifying touch gets the single touch "(none)",
 *   kind click, age 0, so credit sums to the conversions analysed.
 * - Null paths (the non-converting journeys that Markov and Shapley need)
 *   are, per visitor, the touches after the last analysed conversion before
 *   the end of the period (all touches for a visitor with none), restricted
 *   to touches inside the evaluation period [from, to), without windows.
 *   Windows are lookbacks from a conversion and a null path has none; the
 *   period restriction keeps each non-converting touch in exactly one
 *   period, so quarter-over-quarter comparisons do not count the same
 *   abandoned journey twice. This is what ChannelAttribution users feed
 *   their models (every non-converting journey observed in the data
 *   analysed) and what GA4 does with a date range (sessions in the range).
 *   Their ages are measured to the end of the data, or the end of the
 *   period when it comes earlier.
 * - Labels are interned when first used, so channels without touches in
 *   the result do not appear as zero rows in the models.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rdm-path-builder.h"

/* clang-format off */
G_DEFINE_QUARK (rdm-path-builder-error-quark, rdm_path_builder_error)
/* clang-format on */

#define SECONDS_PER_DAY 86400.0

typedef struct
{
  const RdmEventStore *store;
  const RdmPathOptions *options;
  RdmPathSet *set;
  double click_window; /* seconds */
  double view_window;
  gint64 max_lookback;     /* seconds, rounded up */
  guint32 *channel_label;  /* per channel, G_MAXUINT32 until interned */
  guint32 *campaign_label; /* per campaign, idem */
  guint32 none_label;
} Builder;

static guint32
touch_label (Builder *b, guint32 i)
{
  const RdmEventStore *store = b->store;
  guint32 channel = store->touch_channel[i];
  guint32 campaign = store->touch_campaign[i];
  gboolean is_direct;

  if (b->options->level == RDM_LEVEL_CAMPAIGN && campaign != RDM_EVENT_STORE_NO_CAMPAIGN)
    {
      if (b->campaign_label[campaign] == G_MAXUINT32)
        {
          g_autofree char *name = rdm_event_store_campaign_label (store, campaign);
          guint32 campaign_channel = g_array_index (store->campaign_channel, guint32, campaign);

          is_direct = store->channel_is_direct->data[campaign_channel];
          b->campaign_label[campaign] = rdm_path_set_intern_label (b->set, name, is_direct);
        }
      return b->campaign_label[campaign];
    }
  if (b->channel_label[channel] == G_MAXUINT32)
    {
      /* a group's label is its code: the front ends show its name */
      const char *name = b->options->level == RDM_LEVEL_GROUP
                             ? store->channel_groups->pdata[channel]
                             : store->channel_names->pdata[channel];

      is_direct = store->channel_is_direct->data[channel];
      b->channel_label[channel] = rdm_path_set_intern_label (b->set, name, is_direct);
    }
  return b->channel_label[channel];
}

static RdmTouchKind
touch_kind (const RdmEventStore *store, guint32 i)
{
  return store->touch_interaction[i] == RDM_INTERACTION_IMPRESSION ? RDM_TOUCH_VIEW
                                                                   : RDM_TOUCH_CLICK;
}

/* The first index in [start, end) whose time is >= @time. */
static guint32
lower_bound (const gint64 *times, guint32 start, guint32 end, gint64 time)
{
  while (start < end)
    {
      guint32 mid = start + (end - start) / 2;

      if (times[mid] < time)
        start = mid + 1;
      else
        end = mid;
    }
  return start;
}

/* The first index in [start, end) whose time is > @time. */
static guint32
upper_bound (const gint64 *times, guint32 start, guint32 end, gint64 time)
{
  while (start < end)
    {
      guint32 mid = start + (end - start) / 2;

      if (times[mid] <= time)
        start = mid + 1;
      else
        end = mid;
    }
  return start;
}

static void
add_conversion_row (Builder *b, guint32 row_visitor, guint32 first, guint32 end, guint32 c)
{
  const RdmEventStore *store = b->store;
  gint64 T = store->conversion_time[c];
  guint n_added = 0;

  /* no touch before T - max_lookback can qualify; skipping them keeps
   * restart-off builds linear for visitors with long histories */
  if (T > G_MININT64 + b->max_lookback)
    first = lower_bound (store->touch_time, first, end, T - b->max_lookback);
  for (guint32 i = first; i < end && store->touch_time[i] <= T; i++)
    {
      double age = (double)(T - store->touch_time[i]);
      RdmTouchKind kind = touch_kind (store, i);

      if (age > (kind == RDM_TOUCH_VIEW ? b->view_window : b->click_window))
        continue;
      rdm_path_set_add_touch (b->set, touch_label (b, i), kind, age);
      n_added++;
    }
  if (n_added == 0)
    {
      if (b->none_label == G_MAXUINT32)
        b->none_label = rdm_path_set_intern_label (b->set, RDM_NO_TOUCH_LABEL, FALSE);
      rdm_path_set_add_touch (b->set, b->none_label, RDM_TOUCH_CLICK, 0);
    }
  rdm_path_set_end_row (b->set, 1, store->conversion_value[c], 0, row_visitor);
}

static void
build_visitor (
    Builder *b, const gboolean *selected, gint64 end_of_data, guint32 v, guint32 row_visitor)
{
  const RdmEventStore *store = b->store;
  const RdmPathOptions *options = b->options;
  guint32 touch_start = store->visitor_touch_start[v];
  guint32 touch_end = store->visitor_touch_start[v + 1];
  guint32 after_previous = touch_start; /* first touch after the previous conversion */
  guint32 null_start;
  guint32 null_end;
  guint n_null = 0;

  for (guint32 c = store->visitor_conversion_start[v]; c < store->visitor_conversion_start[v + 1];
       c++)
    {
      gint64 T = store->conversion_time[c];

      if (!selected[store->conversion_event[c]])
        continue;
      if (T >= options->to_time)
        break;
      if (T >= options->from_time)
        add_conversion_row (b, row_visitor,
                            options->restart_after_conversion ? after_previous : touch_start,
                            touch_end, c);
      after_previous = upper_bound (store->touch_time, after_previous, touch_end, T);
    }

  /* after the loop, after_previous follows the last analysed conversion
   * before the end of the period, whatever the restart option */
  null_start = after_previous;
  if (options->from_time > G_MININT64)
    null_start = lower_bound (store->touch_time, null_start, touch_end, options->from_time);
  null_end = touch_end;
  if (options->to_time < G_MAXINT64)
    null_end = lower_bound (store->touch_time, null_start, touch_end, options->to_time);
  for (guint32 i = null_start; i < null_end; i++)
    {
      rdm_path_set_add_touch (b->set, touch_label (b, i), touch_kind (store, i),
                              (double)(end_of_data - store->touch_time[i]));
      n_null++;
    }
  if (n_null > 0)
    rdm_path_set_end_row (b->set, 0, 0, 1, row_visitor);
}

static gboolean
check_options (const RdmPathOptions *options, GError **error)
{
  if (!(options->click_window_days >= 0) || !(options->view_window_days >= 0)
      || !isfinite (options->click_window_days) || !isfinite (options->view_window_days))
    {
      g_set_error (error, RDM_PATH_BUILDER_ERROR, RDM_PATH_BUILDER_ERROR_INVALID_OPTIONS,
                   _ ("The click and view windows must be zero or more days (got %g and %g)"),
                   options->click_window_days, options->view_window_days);
      return FALSE;
    }
  if (options->from_time >= options->to_time)
    {
      g_set_error (error, RDM_PATH_BUILDER_ERROR, RDM_PATH_BUILDER_ERROR_INVALID_OPTIONS,
                   _ ("The evaluation period is empty: its start must come before its end"));
      return FALSE;
    }
  return TRUE;
}

RdmPathSet *
rdm_path_builder_build (const RdmEventStore *store,
                        const RdmPathOptions *options,
                        const guint8 *visitor_mask,
                        GError **error)
{
  g_autoptr (RdmPathSet) set = NULL;
  g_autofree gboolean *selected = NULL;
  g_autofree guint32 *channel_label = NULL;
  g_autofree guint32 *campaign_label = NULL;
  Builder b;
  gint64 end_of_data;
  guint32 n_kept = 0;

  g_return_val_if_fail (store != NULL && store->finished, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (!check_options (options, error))
    return NULL;

  set = rdm_path_set_new (TRUE);
  /* with the default settings every touch lands in one row, of a
   * conversion or of a visitor's touches without one */
  rdm_path_set_reserve (set, store->n_visitors + store->n_conversions, store->n_touches);
  selected = rdm_event_store_select_events (store, options->events);
  channel_label = g_new (guint32, MAX (store->channel_names->len, 1));
  campaign_label = g_new (guint32, MAX (store->campaign_names->len, 1));
  memset (channel_label, 0xff, sizeof (guint32) * MAX (store->channel_names->len, 1));
  memset (campaign_label, 0xff, sizeof (guint32) * MAX (store->campaign_names->len, 1));

  b = (Builder){
    .store = store,
    .options = options,
    .set = set,
    .click_window = options->click_window_days * SECONDS_PER_DAY,
    .view_window = options->view_window_days * SECONDS_PER_DAY,
    .channel_label = channel_label,
    .campaign_label = campaign_label,
    .none_label = G_MAXUINT32,
  };
  /* windows beyond ~290 billion years cannot exclude anything */
  b.max_lookback = (gint64)MIN (ceil (MAX (b.click_window, b.view_window)), (double)G_MAXINT64 / 2);

  end_of_data = MIN (store->last_time, options->to_time);
  for (guint32 v = 0; v < store->n_visitors; v++)
    if (rdm_visitor_mask_has (visitor_mask, v))
      build_visitor (&b, selected, end_of_data, v, n_kept++);

  /* every kept visitor, with rows or not, belongs to the population the
   * bootstrap resamples */
  set->n_visitors = n_kept;
  return g_steal_pointer (&set);
}
