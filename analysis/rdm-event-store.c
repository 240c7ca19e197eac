/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RdmEventStore: see rdm-event-store.h.
 *
 * The arrays grow by doubling while a store is filled and are trimmed to
 * their exact length at the end, so a loaded store holds 21 bytes per touch
 * plus its share of the per-visitor ranges, within the 48-byte budget of
 * SPEC.md even for one touch per visitor (21 + 16 = 37).
 */

#include "config.h"

#include <string.h>

#include "rdm-event-store.h"
#include "rdm-large-array.h"

RdmEventStore *
rdm_event_store_new (void)
{
  RdmEventStore *store = g_new0 (RdmEventStore, 1);

  store->channel_names = g_ptr_array_new_with_free_func (g_free);
  store->channel_groups = g_ptr_array_new_with_free_func (g_free);
  store->channel_is_direct = g_byte_array_new ();
  store->campaign_names = g_ptr_array_new_with_free_func (g_free);
  store->campaign_channel = g_array_new (FALSE, FALSE, sizeof (guint32));
  store->event_names = g_ptr_array_new_with_free_func (g_free);
  store->channel_index = g_hash_table_new (g_str_hash, g_str_equal);
  store->campaign_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  store->event_index = g_hash_table_new (g_str_hash, g_str_equal);
  store->visitor_touch_start = g_new0 (guint32, 1);
  store->visitor_conversion_start = g_new0 (guint32, 1);
  return store;
}

void
rdm_event_store_free (RdmEventStore *store)
{
  if (store == NULL)
    return;
  g_free (store->touch_visitor);
  g_free (store->touch_time);
  g_free (store->touch_channel);
  g_free (store->touch_campaign);
  g_free (store->touch_interaction);
  g_free (store->conversion_visitor);
  g_free (store->conversion_time);
  g_free (store->conversion_event);
  g_free (store->conversion_value);
  g_free (store->visitor_id);
  g_free (store->visitor_touch_start);
  g_free (store->visitor_conversion_start);
  g_free (store->put_cursors);
  /* the name hash tables' keys are owned by the name arrays */
  g_hash_table_unref (store->channel_index);
  g_hash_table_unref (store->campaign_index);
  g_hash_table_unref (store->event_index);
  g_ptr_array_unref (store->channel_names);
  g_ptr_array_unref (store->channel_groups);
  g_byte_array_unref (store->channel_is_direct);
  g_ptr_array_unref (store->campaign_names);
  g_array_unref (store->campaign_channel);
  g_ptr_array_unref (store->event_names);
  g_free (store);
}

guint32
rdm_event_store_intern_channel (RdmEventStore *store, const char *name, gboolean is_direct)
{
  gpointer found;
  char *copy;
  guint8 direct = is_direct ? 1 : 0;

  g_return_val_if_fail (store != NULL && name != NULL, 0);

  found = g_hash_table_lookup (store->channel_index, name);
  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;
  copy = g_strdup (name);
  g_ptr_array_add (store->channel_names, copy);
  g_ptr_array_add (store->channel_groups, g_strdup (is_direct ? "direct" : "other"));
  g_byte_array_append (store->channel_is_direct, &direct, 1);
  g_hash_table_insert (store->channel_index, copy, GUINT_TO_POINTER (store->channel_names->len));
  return store->channel_names->len - 1;
}

void
rdm_event_store_set_channel_group (RdmEventStore *store, guint32 channel, const char *group)
{
  g_return_if_fail (channel < store->channel_names->len && group != NULL);

  g_free (store->channel_groups->pdata[channel]);
  store->channel_groups->pdata[channel] = g_strdup (group);
}

guint32
rdm_event_store_intern_campaign (RdmEventStore *store, guint32 channel, const char *name)
{
  g_autofree char *key = NULL;
  gpointer found;

  g_return_val_if_fail (store != NULL && name != NULL, 0);
  g_return_val_if_fail (channel < store->channel_names->len, 0);

  /* campaign names are unique per channel only, as in the schema */
  key = g_strdup_printf ("%u\x1f%s", channel, name);
  found = g_hash_table_lookup (store->campaign_index, key);
  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;
  g_ptr_array_add (store->campaign_names, g_strdup (name));
  g_array_append_val (store->campaign_channel, channel);
  g_hash_table_insert (store->campaign_index, g_steal_pointer (&key),
                       GUINT_TO_POINTER (store->campaign_names->len));
  return store->campaign_names->len - 1;
}

guint32
rdm_event_store_intern_event (RdmEventStore *store, const char *name)
{
  gpointer found;
  char *copy;

  g_return_val_if_fail (store != NULL && name != NULL, 0);

  found = g_hash_table_lookup (store->event_index, name);
  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;
  copy = g_strdup (name);
  g_ptr_array_add (store->event_names, copy);
  g_hash_table_insert (store->event_index, copy, GUINT_TO_POINTER (store->event_names->len));
  return store->event_names->len - 1;
}

gint64
rdm_event_store_find_channel (const RdmEventStore *store, const char *name)
{
  gpointer found = g_hash_table_lookup (store->channel_index, name);

  return found != NULL ? (gint64)GPOINTER_TO_UINT (found) - 1 : -1;
}

gint64
rdm_event_store_find_event (const RdmEventStore *store, const char *name)
{
  gpointer found = g_hash_table_lookup (store->event_index, name);

  return found != NULL ? (gint64)GPOINTER_TO_UINT (found) - 1 : -1;
}

static gsize
grown_capacity (gsize capacity, gsize needed)
{
  gsize next = MAX (capacity, 1024);

  while (next < needed)
    next *= 2;
  return next;
}

static void
note_time (RdmEventStore *store, gint64 time)
{
  if (store->n_touches + store->n_conversions == 0 || time < store->first_time)
    store->first_time = time;
  if (store->n_touches + store->n_conversions == 0 || time > store->last_time)
    store->last_time = time;
}

guint32
rdm_event_store_add_visitor (RdmEventStore *store, gint64 project_visitor_id)
{
  guint32 v;

  g_return_val_if_fail (store != NULL && !store->finished && store->put_cursors == NULL, 0);
  g_return_val_if_fail (store->n_visitors < G_MAXUINT32 - 1, 0);

  if ((gsize)store->n_visitors + 2 > store->visitor_capacity)
    {
      store->visitor_capacity = grown_capacity (store->visitor_capacity, store->n_visitors + 2);
      store->visitor_id = g_renew (gint64, store->visitor_id, store->visitor_capacity);
      store->visitor_touch_start
          = g_renew (guint32, store->visitor_touch_start, store->visitor_capacity);
      store->visitor_conversion_start
          = g_renew (guint32, store->visitor_conversion_start, store->visitor_capacity);
    }
  v = store->n_visitors++;
  store->visitor_id[v] = project_visitor_id;
  /* start[v] is already set (by new() or the previous visitor); this
   * visitor is empty until something is added */
  store->visitor_touch_start[v + 1] = store->n_touches;
  store->visitor_conversion_start[v + 1] = store->n_conversions;
  return v;
}

void
rdm_event_store_add_touch (RdmEventStore *store,
                           gint64 time,
                           guint32 channel,
                           guint32 campaign,
                           RdmInteraction interaction)
{
  guint32 i;

  g_return_if_fail (store != NULL && !store->finished && store->n_visitors > 0);
  g_return_if_fail (channel < store->channel_names->len);
  g_return_if_fail (campaign == RDM_EVENT_STORE_NO_CAMPAIGN
                    || campaign < store->campaign_names->len);
  g_return_if_fail (interaction <= RDM_INTERACTION_VISIT);
  g_return_if_fail (store->n_touches < G_MAXUINT32 - 1);

  if ((gsize)store->n_touches + 1 > store->touch_capacity)
    {
      store->touch_capacity = grown_capacity (store->touch_capacity, store->n_touches + 1);
      store->touch_visitor = g_renew (guint32, store->touch_visitor, store->touch_capacity);
      store->touch_time = g_renew (gint64, store->touch_time, store->touch_capacity);
      store->touch_channel = g_renew (guint32, store->touch_channel, store->touch_capacity);
      store->touch_campaign = g_renew (guint32, store->touch_campaign, store->touch_capacity);
      store->touch_interaction = g_renew (guint8, store->touch_interaction, store->touch_capacity);
    }
  note_time (store, time);
  i = store->n_touches++;
  store->touch_visitor[i] = store->n_visitors - 1;
  store->touch_time[i] = time;
  store->touch_channel[i] = channel;
  store->touch_campaign[i] = campaign;
  store->touch_interaction[i] = (guint8)interaction;
  store->visitor_touch_start[store->n_visitors] = store->n_touches;
}

void
rdm_event_store_add_conversion (RdmEventStore *store, gint64 time, guint32 event, double value)
{
  guint32 i;

  g_return_if_fail (store != NULL && !store->finished && store->n_visitors > 0);
  g_return_if_fail (event < store->event_names->len);
  g_return_if_fail (store->n_conversions < G_MAXUINT32 - 1);

  if ((gsize)store->n_conversions + 1 > store->conversion_capacity)
    {
      store->conversion_capacity
          = grown_capacity (store->conversion_capacity, store->n_conversions + 1);
      store->conversion_visitor
          = g_renew (guint32, store->conversion_visitor, store->conversion_capacity);
      store->conversion_time = g_renew (gint64, store->conversion_time, store->conversion_capacity);
      store->conversion_event
          = g_renew (guint32, store->conversion_event, store->conversion_capacity);
      store->conversion_value
          = g_renew (double, store->conversion_value, store->conversion_capacity);
    }
  note_time (store, time);
  i = store->n_conversions++;
  store->conversion_visitor[i] = store->n_visitors - 1;
  store->conversion_time[i] = time;
  store->conversion_event[i] = event;
  store->conversion_value[i] = value;
  store->visitor_conversion_start[store->n_visitors] = store->n_conversions;
}

/* FALSE, with nothing done, when the store is not empty or the counts do
 * not fit. */
static gboolean
reserve_columns (RdmEventStore *store, guint32 n_touches, guint32 n_conversions, guint32 n_visitors)
{
  g_return_val_if_fail (store != NULL && !store->finished && store->put_cursors == NULL, FALSE);
  g_return_val_if_fail (
      store->n_visitors == 0 && store->n_touches == 0 && store->n_conversions == 0, FALSE);
  g_return_val_if_fail (n_visitors < G_MAXUINT32 - 1 && n_touches < G_MAXUINT32 - 1
                            && n_conversions < G_MAXUINT32 - 1,
                        FALSE);

  store->touch_capacity = n_touches;
  store->touch_visitor = rdm_large_array_renew (store->touch_visitor, n_touches * sizeof (guint32));
  store->touch_time = rdm_large_array_renew (store->touch_time, n_touches * sizeof (gint64));
  store->touch_channel = rdm_large_array_renew (store->touch_channel, n_touches * sizeof (guint32));
  store->touch_campaign
      = rdm_large_array_renew (store->touch_campaign, n_touches * sizeof (guint32));
  store->touch_interaction = rdm_large_array_renew (store->touch_interaction, n_touches);
  store->conversion_capacity = n_conversions;
  store->conversion_visitor
      = rdm_large_array_renew (store->conversion_visitor, n_conversions * sizeof (guint32));
  store->conversion_time
      = rdm_large_array_renew (store->conversion_time, n_conversions * sizeof (gint64));
  store->conversion_event
      = rdm_large_array_renew (store->conversion_event, n_conversions * sizeof (guint32));
  store->conversion_value
      = rdm_large_array_renew (store->conversion_value, n_conversions * sizeof (double));
  store->visitor_capacity = (gsize)n_visitors + 1;
  store->visitor_id
      = rdm_large_array_renew (store->visitor_id, (gsize)n_visitors * sizeof (gint64));
  store->visitor_touch_start = rdm_large_array_renew (store->visitor_touch_start,
                                                      ((gsize)n_visitors + 1) * sizeof (guint32));
  store->visitor_conversion_start = rdm_large_array_renew (
      store->visitor_conversion_start, ((gsize)n_visitors + 1) * sizeof (guint32));
  store->renumber_events = TRUE;
  return TRUE;
}

void
rdm_event_store_reserve_adding (RdmEventStore *store,
                                guint32 n_touches,
                                guint32 n_conversions,
                                guint32 n_visitors)
{
  reserve_columns (store, n_touches, n_conversions, n_visitors);
}

void
rdm_event_store_reserve (RdmEventStore *store,
                         guint32 n_touches,
                         guint32 n_conversions,
                         guint32 n_visitors)
{
  if (!reserve_columns (store, n_touches, n_conversions, n_visitors))
    return;
  /* one more than needed so that an empty store still has cursors, which
   * is what marks a store being put */
  store->put_cursors = g_new (guint32, 4 * ((gsize)n_visitors + 1));
}

guint32
rdm_event_store_declare_visitor (RdmEventStore *store,
                                 gint64 project_visitor_id,
                                 guint32 n_touches,
                                 guint32 n_conversions)
{
  guint32 v;

  g_return_val_if_fail (store != NULL && !store->finished && store->put_cursors != NULL, 0);
  g_return_val_if_fail ((gsize)store->n_visitors + 1 < store->visitor_capacity, 0);

  v = store->n_visitors;
  g_return_val_if_fail (n_touches <= store->touch_capacity - store->visitor_touch_start[v], v);
  g_return_val_if_fail (
      n_conversions <= store->conversion_capacity - store->visitor_conversion_start[v], v);
  store->n_visitors++;
  store->visitor_id[v] = project_visitor_id;
  store->visitor_touch_start[v + 1] = store->visitor_touch_start[v] + n_touches;
  store->visitor_conversion_start[v + 1] = store->visitor_conversion_start[v] + n_conversions;
  store->put_cursors[4 * v] = store->visitor_touch_start[v];
  store->put_cursors[4 * v + 1] = store->visitor_touch_start[v + 1];
  store->put_cursors[4 * v + 2] = store->visitor_conversion_start[v];
  store->put_cursors[4 * v + 3] = store->visitor_conversion_start[v + 1];
  /* written here in order rather than by each put at random */
  for (guint32 i = store->visitor_touch_start[v]; i < store->visitor_touch_start[v + 1]; i++)
    store->touch_visitor[i] = v;
  for (guint32 i = store->visitor_conversion_start[v]; i < store->visitor_conversion_start[v + 1];
       i++)
    store->conversion_visitor[i] = v;
  return v;
}

gboolean
rdm_event_store_put_touch (RdmEventStore *store,
                           guint32 visitor,
                           gint64 time,
                           guint32 channel,
                           guint32 campaign,
                           RdmInteraction interaction)
{
  guint32 *cursor;
  guint32 i;

  g_return_val_if_fail (store != NULL && !store->finished && store->put_cursors != NULL, FALSE);
  g_return_val_if_fail (channel < store->channel_names->len, FALSE);
  g_return_val_if_fail (
      campaign == RDM_EVENT_STORE_NO_CAMPAIGN || campaign < store->campaign_names->len, FALSE);
  g_return_val_if_fail (interaction <= RDM_INTERACTION_VISIT, FALSE);

  if (visitor >= store->n_visitors)
    return FALSE;
  cursor = &store->put_cursors[4 * (gsize)visitor];
  if (cursor[0] == cursor[1])
    return FALSE;
  note_time (store, time);
  store->n_touches++;
  i = cursor[0]++;
  store->touch_time[i] = time;
  store->touch_channel[i] = channel;
  store->touch_campaign[i] = campaign;
  store->touch_interaction[i] = (guint8)interaction;
  return TRUE;
}

gboolean
rdm_event_store_put_conversion (
    RdmEventStore *store, guint32 visitor, gint64 time, guint32 event, double value)
{
  guint32 *cursor;
  guint32 i;

  g_return_val_if_fail (store != NULL && !store->finished && store->put_cursors != NULL, FALSE);
  g_return_val_if_fail (event < store->event_names->len, FALSE);

  if (visitor >= store->n_visitors)
    return FALSE;
  cursor = &store->put_cursors[4 * (gsize)visitor + 2];
  if (cursor[0] == cursor[1])
    return FALSE;
  note_time (store, time);
  store->n_conversions++;
  i = cursor[0]++;
  store->conversion_time[i] = time;
  store->conversion_event[i] = event;
  store->conversion_value[i] = value;
  return TRUE;
}

typedef struct
{
  gint64 time;
  guint32 position;
} SortKey;

static int
compare_sort_keys (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const SortKey *ka = a;
  const SortKey *kb = b;

  if (ka->time != kb->time)
    return ka->time < kb->time ? -1 : 1;
  return ka->position < kb->position ? -1 : (ka->position > kb->position);
}

static gboolean
range_is_sorted (const gint64 *time, guint32 start, guint32 end)
{
  for (guint32 i = start + 1; i < end; i++)
    if (time[i] < time[i - 1])
      return FALSE;
  return TRUE;
}

/* The order of [start, end) by (time, position): the position breaks ties,
 * so the result is the stable order whatever the sort algorithm. */
static SortKey *
sorted_keys (const gint64 *time, guint32 start, guint32 end)
{
  SortKey *keys = g_new (SortKey, end - start);

  for (guint32 i = start; i < end; i++)
    keys[i - start] = (SortKey){ time[i], i };
  g_qsort_with_data (keys, end - start, sizeof (SortKey), compare_sort_keys, NULL);
  return keys;
}

#define PERMUTE(type, array, keys, start, n)                                                       \
  G_STMT_START                                                                                     \
  {                                                                                                \
    type *copy = g_memdup2 ((array) + (start), sizeof (type) * (n));                               \
    for (guint32 k = 0; k < (n); k++)                                                              \
      (array)[(start) + k] = copy[(keys)[k].position - (start)];                                   \
    g_free (copy);                                                                                 \
  }                                                                                                \
  G_STMT_END

static void
sort_visitor (RdmEventStore *store, guint32 v)
{
  guint32 start = store->visitor_touch_start[v];
  guint32 end = store->visitor_touch_start[v + 1];

  if (!range_is_sorted (store->touch_time, start, end))
    {
      g_autofree SortKey *keys = sorted_keys (store->touch_time, start, end);
      guint32 n = end - start;

      PERMUTE (gint64, store->touch_time, keys, start, n);
      PERMUTE (guint32, store->touch_channel, keys, start, n);
      PERMUTE (guint32, store->touch_campaign, keys, start, n);
      PERMUTE (guint8, store->touch_interaction, keys, start, n);
    }

  start = store->visitor_conversion_start[v];
  end = store->visitor_conversion_start[v + 1];
  if (!range_is_sorted (store->conversion_time, start, end))
    {
      g_autofree SortKey *keys = sorted_keys (store->conversion_time, start, end);
      guint32 n = end - start;

      PERMUTE (gint64, store->conversion_time, keys, start, n);
      PERMUTE (guint32, store->conversion_event, keys, start, n);
      PERMUTE (double, store->conversion_value, keys, start, n);
    }
}

#undef PERMUTE

/* Numbers the events in order of first appearance in the sorted store, as
 * a store filled visitor by visitor interns them; events no conversion
 * uses keep their relative order after the others. */
static void
renumber_events (RdmEventStore *store)
{
  guint n = store->event_names->len;
  g_autofree guint32 *renumbered = g_new (guint32, MAX (n, 1));
  g_autofree gpointer *names = g_new (gpointer, MAX (n, 1));
  guint32 next = 0;

  memset (renumbered, 0xff, sizeof (guint32) * n);
  for (guint32 i = 0; i < store->n_conversions && next < n; i++)
    if (renumbered[store->conversion_event[i]] == G_MAXUINT32)
      renumbered[store->conversion_event[i]] = next++;
  for (guint e = 0; e < n; e++)
    if (renumbered[e] == G_MAXUINT32)
      renumbered[e] = next++;
  for (guint32 i = 0; i < store->n_conversions; i++)
    store->conversion_event[i] = renumbered[store->conversion_event[i]];
  for (guint e = 0; e < n; e++)
    names[renumbered[e]] = store->event_names->pdata[e];
  for (guint e = 0; e < n; e++)
    {
      store->event_names->pdata[e] = names[e];
      g_hash_table_insert (store->event_index, names[e], GUINT_TO_POINTER (e + 1));
    }
}

void
rdm_event_store_finish (RdmEventStore *store)
{
  gsize nt, nc, nv;

  g_return_if_fail (store != NULL && !store->finished);

  for (guint32 v = 0; v < store->n_visitors; v++)
    sort_visitor (store, v);
  g_clear_pointer (&store->put_cursors, g_free);
  if (store->renumber_events)
    renumber_events (store);

  /* g_renew to 0 would free and return NULL, which readers handle: every
   * loop is bounded by the counts */
  nt = store->n_touches;
  nc = store->n_conversions;
  nv = store->n_visitors;
  store->touch_visitor = g_renew (guint32, store->touch_visitor, nt);
  store->touch_time = g_renew (gint64, store->touch_time, nt);
  store->touch_channel = g_renew (guint32, store->touch_channel, nt);
  store->touch_campaign = g_renew (guint32, store->touch_campaign, nt);
  store->touch_interaction = g_renew (guint8, store->touch_interaction, nt);
  store->conversion_visitor = g_renew (guint32, store->conversion_visitor, nc);
  store->conversion_time = g_renew (gint64, store->conversion_time, nc);
  store->conversion_event = g_renew (guint32, store->conversion_event, nc);
  store->conversion_value = g_renew (double, store->conversion_value, nc);
  store->visitor_id = g_renew (gint64, store->visitor_id, nv);
  store->visitor_touch_start = g_renew (guint32, store->visitor_touch_start, nv + 1);
  store->visitor_conversion_start = g_renew (guint32, store->visitor_conversion_start, nv + 1);
  store->touch_capacity = nt;
  store->conversion_capacity = nc;
  store->visitor_capacity = nv + 1;
  store->finished = TRUE;
}

gsize
rdm_event_store_memory_bytes (const RdmEventStore *store)
{
  gsize per_touch = sizeof (guint32) * 3 + sizeof (gint64) + sizeof (guint8);
  gsize per_conversion = sizeof (guint32) * 2 + sizeof (gint64) + sizeof (double);
  gsize per_visitor = sizeof (gint64) + sizeof (guint32) * 2;

  return store->touch_capacity * per_touch + store->conversion_capacity * per_conversion
         + store->visitor_capacity * per_visitor;
}

char *
rdm_event_store_campaign_label (const RdmEventStore *store, guint32 campaign)
{
  guint32 channel;

  g_return_val_if_fail (campaign < store->campaign_names->len, NULL);
  channel = g_array_index (store->campaign_channel, guint32, campaign);
  return g_strdup_printf ("%s / %s", (const char *)store->channel_names->pdata[channel],
                          (const char *)store->campaign_names->pdata[campaign]);
}

gboolean *
rdm_event_store_select_events (const RdmEventStore *store, char **events)
{
  gboolean *selected = g_new0 (gboolean, MAX (store->event_names->len, 1));

  for (guint i = 0; i < store->event_names->len; i++)
    selected[i] = events == NULL
                  || g_strv_contains ((const char *const *)events, store->event_names->pdata[i]);
  return selected;
}
