/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Touchpoint interaction codes, as stored in touchpoint.interaction. */
typedef enum
{
  RDM_INTERACTION_IMPRESSION = 0,
  RDM_INTERACTION_CLICK = 1,
  RDM_INTERACTION_VISIT = 2,
} RdmInteraction;

/* touch_campaign value of a touch that names no campaign */
#define RDM_EVENT_STORE_NO_CAMPAIGN G_MAXUINT32

/* RdmEventStore: the in-memory copy of a project's touchpoints and
 * conversions, from which journeys (rdm-path-builder) and forward influence
 * (rdm-forward) are computed without going back to SQLite, so that one load
 * serves many window settings.
 *
 * Struct of arrays, sorted by visitor, then time, then insertion order
 * (which the loader makes the touchpoint id, that is file order). Visitor v
 * owns touches visitor_touch_start[v] .. visitor_touch_start[v+1]-1 and
 * conversions visitor_conversion_start[v] .. visitor_conversion_start[v+1]-1.
 * A touch takes 21 bytes (visitor 4, time 8, channel 4, campaign 4,
 * interaction 1), a conversion 24, a visitor 16; arrays are trimmed to
 * their length by rdm_event_store_finish().
 *
 * Built with rdm_event_store_new(), the intern functions, then per visitor
 * rdm_event_store_add_visitor() followed by its touches and conversions in
 * any time order, and rdm_event_store_finish(). Only a finished store may be
 * read.
 */
typedef struct
{
  /* touches */
  guint32 n_touches;
  guint32 *touch_visitor;
  gint64 *touch_time; /* epoch seconds, UTC */
  guint32 *touch_channel;
  guint32 *touch_campaign;   /* or RDM_EVENT_STORE_NO_CAMPAIGN */
  guint8 *touch_interaction; /* RdmInteraction */

  /* conversions */
  guint32 n_conversions;
  guint32 *conversion_visitor;
  gint64 *conversion_time;
  guint32 *conversion_event; /* index into event_names */
  double *conversion_value;

  /* visitors */
  guint32 n_visitors;
  gint64 *visitor_id;                /* the project's visitor.id */
  guint32 *visitor_touch_start;      /* n_visitors + 1 entries */
  guint32 *visitor_conversion_start; /* n_visitors + 1 entries */

  /* interned names */
  GPtrArray *channel_names;      /* char *, owned */
  GByteArray *channel_is_direct; /* 1 when the channel group is "direct" */
  GPtrArray *channel_groups;     /* char *, owned: each channel's group code */
  GPtrArray *campaign_names;     /* char *, owned */
  GArray *campaign_channel;      /* guint32 channel index per campaign */
  GPtrArray *event_names;        /* char *, owned */

  /* earliest and latest time of any touch or conversion; 0 when empty */
  gint64 first_time;
  gint64 last_time;

  /*< private >*/
  GHashTable *channel_index;  /* name -> index + 1 */
  GHashTable *campaign_index; /* "channel\x1fname" -> index + 1 */
  GHashTable *event_index;    /* name -> index + 1 */
  gsize touch_capacity;
  gsize conversion_capacity;
  gsize visitor_capacity;
  /* while putting, per visitor: its next free touch and the end of its
   * touches, then the same for its conversions; side by side, so that a
   * put reads one cache line */
  guint32 *put_cursors;
  gboolean renumber_events;
  gboolean finished;
} RdmEventStore;

RdmEventStore *rdm_event_store_new (void);
void rdm_event_store_free (RdmEventStore *store);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmEventStore, rdm_event_store_free)

/* Interning returns the existing index when the name is already known;
 * for a channel, is_direct is then left as first given. */
guint32 rdm_event_store_intern_channel (RdmEventStore *store, const char *name, gboolean is_direct);
guint32 rdm_event_store_intern_campaign (RdmEventStore *store, guint32 channel, const char *name);
/* A channel's group code (see rdm-channel-rules.h); "other" until set. */
void rdm_event_store_set_channel_group (RdmEventStore *store, guint32 channel, const char *group);
guint32 rdm_event_store_intern_event (RdmEventStore *store, const char *name);

/* The index of a name, or -1 when it was never interned. */
gint64 rdm_event_store_find_channel (const RdmEventStore *store, const char *name);
gint64 rdm_event_store_find_event (const RdmEventStore *store, const char *name);

/* Starts the next visitor; the touches and conversions added until the next
 * call belong to it. Returns its index. */
guint32 rdm_event_store_add_visitor (RdmEventStore *store, gint64 project_visitor_id);
void rdm_event_store_add_touch (RdmEventStore *store,
                                gint64 time,
                                guint32 channel,
                                guint32 campaign,
                                RdmInteraction interaction);
void
rdm_event_store_add_conversion (RdmEventStore *store, gint64 time, guint32 event, double value);
/* Before the first add: allocates the arrays once for about this many
 * events and visitors, instead of growing them by doubling (they still grow
 * past it), and has finish() renumber the conversion events in order of
 * first appearance, as it does after the put functions, so that a loader
 * adding each visitor's rows in any order of time numbers them as one adding
 * them in time order would. */
void rdm_event_store_reserve_adding (RdmEventStore *store,
                                     guint32 n_touches,
                                     guint32 n_conversions,
                                     guint32 n_visitors);

/* Building from rows in any order (the loader's table scans), instead of
 * the add functions: rdm_event_store_reserve() with the exact totals, every
 * visitor declared in order with its numbers of touches and conversions,
 * then each event put with its visitor's index, in any order, then
 * rdm_event_store_finish(). Ties in time keep the order of the put calls.
 * The arrays are allocated once at their final size. The put functions
 * return FALSE, and store nothing, when the visitor does not exist or
 * already has every event declared for it; the store is complete once as
 * many events were put as declared. Conversion events are renumbered by
 * finish() in order of first appearance (by visitor, then time), the order
 * adding them visitor by visitor gives. */
void rdm_event_store_reserve (RdmEventStore *store,
                              guint32 n_touches,
                              guint32 n_conversions,
                              guint32 n_visitors);
guint32 rdm_event_store_declare_visitor (RdmEventStore *store,
                                         gint64 project_visitor_id,
                                         guint32 n_touches,
                                         guint32 n_conversions);
gboolean rdm_event_store_put_touch (RdmEventStore *store,
                                    guint32 visitor,
                                    gint64 time,
                                    guint32 channel,
                                    guint32 campaign,
                                    RdmInteraction interaction);
/* Asks the processor for what putting an event of @visitor reads, so that
 * a caller putting a batch of events waits for one cache miss, not one per
 * event. */
static inline void
rdm_event_store_prefetch_visitor (const RdmEventStore *store, guint32 visitor)
{
  if (visitor < store->n_visitors)
    __builtin_prefetch (&store->put_cursors[4 * (gsize)visitor], 1);
}
gboolean rdm_event_store_put_conversion (
    RdmEventStore *store, guint32 visitor, gint64 time, guint32 event, double value);

/* Closes the last visitor, puts each visitor's touches and conversions in
 * time order (a stable sort, so ties keep the order they were added in;
 * already ordered input costs one pass) and trims the arrays. */
void rdm_event_store_finish (RdmEventStore *store);

/* Bytes held by the per-touch, per-conversion and per-visitor arrays (the
 * interned names are not counted: they do not grow with the data). */
gsize rdm_event_store_memory_bytes (const RdmEventStore *store);

/* The label of campaign @campaign at campaign level: "Channel / Campaign". */
char *rdm_event_store_campaign_label (const RdmEventStore *store, guint32 campaign);

/* TRUE when visitor @v is kept by @visitor_mask (NULL keeps everyone). */
static inline gboolean
rdm_visitor_mask_has (const guint8 *visitor_mask, guint32 v)
{
  return visitor_mask == NULL || (visitor_mask[v >> 3] >> (v & 7)) & 1;
}

/* Which of the store's events @events (NULL = all) selects, as a newly
 * allocated array of n event_names booleans. Names the store does not know
 * select nothing. */
gboolean *rdm_event_store_select_events (const RdmEventStore *store, char **events);

G_END_DECLS
