/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Forward-direction influence: SPEC.md "Forward direction" (the white
 * paper's "vers l'avant"). Backward attribution asks which touches a
 * conversion owes its credit to and splits one conversion among them;
 * forward influence asks, per campaign, which conversions followed its
 * exposures within a window, so every campaign that reached the visitor
 * claims the conversion in full. Rows therefore overlap and do not sum to
 * the conversions: the result says so in its note.
 *
 * One pass per visitor: conversions are visited in time order while a
 * cursor walks the touches up to each conversion, keeping per label the
 * latest exposure (and latest click) seen so far. A conversion at T is
 * influenced by a label exactly when that latest exposure t satisfies
 * T - t <= window, since no later exposure at or before T exists. Cost:
 * touches + conversions × labels seen by the visitor.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rdm-forward.h"
#include "rdm-path-builder.h"

#define SECONDS_PER_DAY 86400.0

typedef struct
{
  guint32 stamp; /* visitor index + 1 when the fields below are this visitor's */
  gint64 last_exposure;
  gint64 last_click; /* G_MININT64 when no click yet for this visitor */
} LabelState;

typedef struct
{
  const RdmEventStore *store;
  const RdmPathOptions *options;
  RdmForwardResult *result;
  GHashTable *row_index; /* label -> row index + 1 */
  guint32 *channel_row;  /* per channel, G_MAXUINT32 until interned */
  guint32 *campaign_row; /* per campaign, idem */
  GArray *state;         /* LabelState per row */
  GArray *seen;          /* guint32 rows exposed for the current visitor */
  double window;         /* seconds */
} Forward;

void
rdm_forward_result_free (RdmForwardResult *result)
{
  if (result == NULL)
    return;
  g_ptr_array_unref (result->rows);
  g_free (result);
}

static void
row_free (RdmForwardRow *row)
{
  g_free (row->label);
  g_free (row);
}

static guint32
intern_row (Forward *f, char *label, gboolean is_direct)
{
  gpointer found = g_hash_table_lookup (f->row_index, label);
  RdmForwardRow *row;
  LabelState state = { 0, 0, G_MININT64 };

  if (found != NULL)
    {
      g_free (label);
      return GPOINTER_TO_UINT (found) - 1;
    }
  row = g_new0 (RdmForwardRow, 1);
  row->label = label;
  row->is_direct = is_direct;
  g_ptr_array_add (f->result->rows, row);
  g_array_append_val (f->state, state);
  g_hash_table_insert (f->row_index, label, GUINT_TO_POINTER (f->result->rows->len));
  return f->result->rows->len - 1;
}

static guint32
touch_row (Forward *f, guint32 i)
{
  const RdmEventStore *store = f->store;
  guint32 channel = store->touch_channel[i];
  guint32 campaign = store->touch_campaign[i];

  if (f->options->level == RDM_LEVEL_CAMPAIGN && campaign != RDM_EVENT_STORE_NO_CAMPAIGN)
    {
      if (f->campaign_row[campaign] == G_MAXUINT32)
        {
          guint32 campaign_channel = g_array_index (store->campaign_channel, guint32, campaign);

          f->campaign_row[campaign]
              = intern_row (f, rdm_event_store_campaign_label (store, campaign),
                            store->channel_is_direct->data[campaign_channel]);
        }
      return f->campaign_row[campaign];
    }
  if (f->channel_row[channel] == G_MAXUINT32)
    f->channel_row[channel] = intern_row (f,
                                          g_strdup (f->options->level == RDM_LEVEL_GROUP
                                                        ? store->channel_groups->pdata[channel]
                                                        : store->channel_names->pdata[channel]),
                                          store->channel_is_direct->data[channel]);
  return f->channel_row[channel];
}

static void
expose (Forward *f, guint32 v, guint32 i)
{
  const RdmEventStore *store = f->store;
  guint32 r = touch_row (f, i);
  RdmForwardRow *row = f->result->rows->pdata[r];
  LabelState *state = &g_array_index (f->state, LabelState, r);
  gboolean click = store->touch_interaction[i] != RDM_INTERACTION_IMPRESSION;

  row->exposures++;
  if (click)
    row->click_exposures++;
  if (state->stamp != v + 1)
    {
      state->stamp = v + 1;
      state->last_click = G_MININT64;
      row->exposed_visitors++;
      g_array_append_val (f->seen, r);
    }
  state->last_exposure = store->touch_time[i];
  if (click)
    state->last_click = store->touch_time[i];
}

static void
visit (Forward *f, const gboolean *selected, guint32 v)
{
  const RdmEventStore *store = f->store;
  const RdmPathOptions *options = f->options;
  guint32 i = store->visitor_touch_start[v];
  guint32 touch_end = store->visitor_touch_start[v + 1];

  g_array_set_size (f->seen, 0);
  for (guint32 c = store->visitor_conversion_start[v]; c < store->visitor_conversion_start[v + 1];
       c++)
    {
      gint64 T = store->conversion_time[c];
      double value = store->conversion_value[c];
      gboolean influenced = FALSE;

      if (!selected[store->conversion_event[c]])
        continue;
      for (; i < touch_end && store->touch_time[i] <= T; i++)
        if (store->touch_time[i] >= options->from_time && store->touch_time[i] < options->to_time)
          expose (f, v, i);
      for (guint k = 0; k < f->seen->len; k++)
        {
          guint32 r = g_array_index (f->seen, guint32, k);
          LabelState *state = &g_array_index (f->state, LabelState, r);
          RdmForwardRow *row = f->result->rows->pdata[r];

          if ((double)(T - state->last_exposure) > f->window)
            continue;
          influenced = TRUE;
          row->conversions++;
          row->value += value;
          if (state->last_click != G_MININT64 && (double)(T - state->last_click) <= f->window)
            {
              row->click_conversions++;
              row->click_value += value;
            }
          else
            {
              row->view_conversions++;
              row->view_value += value;
            }
        }
      if (influenced)
        {
          f->result->total_conversions++;
          f->result->total_value += value;
        }
    }
  /* exposures after the last conversion influence nothing but still count
   * as exposures */
  for (; i < touch_end; i++)
    if (store->touch_time[i] >= options->from_time && store->touch_time[i] < options->to_time)
      expose (f, v, i);
}

RdmForwardResult *
rdm_forward_compute (const RdmEventStore *store,
                     const RdmPathOptions *options,
                     const guint8 *visitor_mask,
                     GError **error)
{
  g_autoptr (RdmForwardResult) result = NULL;
  g_autoptr (GHashTable) row_index = NULL;
  g_autoptr (GArray) state = NULL;
  g_autoptr (GArray) seen = NULL;
  g_autofree gboolean *selected = NULL;
  g_autofree guint32 *channel_row = NULL;
  g_autofree guint32 *campaign_row = NULL;
  guint n_channels, n_campaigns;
  Forward f;

  g_return_val_if_fail (store != NULL && store->finished, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (!(options->forward_window_days >= 0) || !isfinite (options->forward_window_days))
    {
      g_set_error (error, RDM_PATH_BUILDER_ERROR, RDM_PATH_BUILDER_ERROR_INVALID_OPTIONS,
                   _ ("The forward window must be zero or more days (got %g)"),
                   options->forward_window_days);
      return NULL;
    }
  if (options->from_time >= options->to_time)
    {
      g_set_error (error, RDM_PATH_BUILDER_ERROR, RDM_PATH_BUILDER_ERROR_INVALID_OPTIONS,
                   _ ("The evaluation period is empty: its start must come before its end"));
      return NULL;
    }

  result = g_new0 (RdmForwardResult, 1);
  result->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)row_free);
  result->note = _ ("Forward influence: a conversion is counted for every channel or campaign "
                    "that exposed the visitor within the window before it, so the rows overlap "
                    "and do not add up to the total.");
  row_index = g_hash_table_new (g_str_hash, g_str_equal);
  state = g_array_new (FALSE, FALSE, sizeof (LabelState));
  seen = g_array_new (FALSE, FALSE, sizeof (guint32));
  selected = rdm_event_store_select_events (store, options->events);
  n_channels = MAX (store->channel_names->len, 1);
  n_campaigns = MAX (store->campaign_names->len, 1);
  channel_row = g_new (guint32, n_channels);
  campaign_row = g_new (guint32, n_campaigns);
  memset (channel_row, 0xff, sizeof (guint32) * n_channels);
  memset (campaign_row, 0xff, sizeof (guint32) * n_campaigns);

  f = (Forward){
    .store = store,
    .options = options,
    .result = result,
    .row_index = row_index,
    .channel_row = channel_row,
    .campaign_row = campaign_row,
    .state = state,
    .seen = seen,
    .window = options->forward_window_days * SECONDS_PER_DAY,
  };
  for (guint32 v = 0; v < store->n_visitors; v++)
    if (rdm_visitor_mask_has (visitor_mask, v))
      visit (&f, selected, v);
  return g_steal_pointer (&result);
}
