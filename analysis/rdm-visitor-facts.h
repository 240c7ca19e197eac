/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _RdmFilterSchema RdmFilterSchema;

/* first_channel / last_channel of a visitor without any touch */
#define RDM_VISITOR_FACTS_NO_CHANNEL G_MAXUINT32

/* RdmVisitorFacts: the per-visitor columns a segment filter (rdm-filter.h)
 * is evaluated against.
 *
 * Struct of arrays over n_visitors visitors, numbered 0 .. n_visitors-1 in
 * the order rdm_visitor_facts_add_visitor() was called. The evaluator runs
 * down whole columns and writes one bit per visitor, so a segment over a
 * million visitors costs a few passes over flat arrays.
 *
 * Attributes: key k is attribute_keys[k]; its column attribute_columns[k] is
 * a GArray of guint32 with one value id per visitor, 0 meaning the visitor
 * has no value for that key, id i > 0 meaning attribute_values[k][i-1].
 *
 * Behaviour: touches counts every touch; impressions, clicks and visits
 * count the touches of each interaction (0, 1 and 2 as stored in
 * touchpoint.interaction); conversions and value sum the visitor's
 * conversions; converted is a bitmap (bit v set when conversions[v] > 0).
 * first_channel / last_channel are the channels of the first and last touch
 * added, so touches must be added oldest first (the event store's order).
 * channel_touched[c] is a bitmap over visitors of who touched channel c:
 * "touched" conditions then cost one word copy per 64 visitors, which is
 * why the bitmaps are per channel rather than a channel set per visitor.
 *
 * Bitmaps are guint64 words, bit v of word v / 64 being visitor v; bits at
 * and above n_visitors are always 0. Memory: 4 bytes per visitor per
 * attribute key, 36 bytes per visitor for behaviour, 1 bit per visitor per
 * channel.
 *
 * Fields are read-only for everyone but rdm-visitor-facts.c.
 */
typedef struct _RdmVisitorFacts
{
  guint32 n_visitors;

  /* attributes */
  GPtrArray *attribute_keys;        /* char *, owned */
  GHashTable *attribute_key_index;  /* key -> k + 1 */
  GPtrArray *attribute_columns;     /* GArray of guint32 per key */
  GPtrArray *attribute_values;      /* GPtrArray of char * per key */
  GPtrArray *attribute_value_index; /* GHashTable value -> id per key */

  /* channels */
  GPtrArray *channel_names;   /* char *, owned */
  GHashTable *channel_index;  /* name -> c + 1 */
  GPtrArray *channel_touched; /* GArray of guint64 per channel */

  /* behaviour, one entry per visitor */
  GArray *touches;       /* guint32 */
  GArray *impressions;   /* guint32 */
  GArray *clicks;        /* guint32 */
  GArray *visits;        /* guint32 */
  GArray *conversions;   /* guint32 */
  GArray *value;         /* double, sum of conversion values */
  GArray *first_channel; /* guint32 or RDM_VISITOR_FACTS_NO_CHANNEL */
  GArray *last_channel;  /* guint32 or RDM_VISITOR_FACTS_NO_CHANNEL */
  GArray *converted;     /* guint64 bitmap words */
} RdmVisitorFacts;

RdmVisitorFacts *rdm_visitor_facts_new (void);
void rdm_visitor_facts_free (RdmVisitorFacts *facts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmVisitorFacts, rdm_visitor_facts_free)

/* Appends a visitor with no attribute, touch or conversion and returns its
 * index. */
guint32 rdm_visitor_facts_add_visitor (RdmVisitorFacts *facts);

/* Return the index of the key or channel, adding it when new. Interning
 * keys and channels that no visitor has yet lets filters name them. */
guint32 rdm_visitor_facts_intern_attribute (RdmVisitorFacts *facts, const char *key);
guint32 rdm_visitor_facts_intern_channel (RdmVisitorFacts *facts, const char *name);

/* Sets (replaces) the visitor's value for @key; @value NULL removes it.
 * Values are compared as exact strings (case-sensitive). */
void rdm_visitor_facts_set_attribute (RdmVisitorFacts *facts,
                                      guint32 visitor,
                                      const char *key,
                                      const char *value);

/* Adds a touch of channel @channel (from intern_channel) with @interaction
 * 0 impression, 1 click or 2 visit. Touches of a visitor must come oldest
 * first. */
void rdm_visitor_facts_add_touch (RdmVisitorFacts *facts,
                                  guint32 visitor,
                                  guint32 channel,
                                  guint interaction);

/* Adds a conversion worth @value (in the project's currency) to the visitor. */
void rdm_visitor_facts_add_conversion (RdmVisitorFacts *facts, guint32 visitor, double value);

/* A schema naming every key, value and channel of @facts, for
 * rdm_filter_parse(). Free with rdm_filter_schema_free(). */
RdmFilterSchema *rdm_visitor_facts_schema (const RdmVisitorFacts *facts);

/* Bitmaps: guint64 words, bit i of word i / 64 is item i. */
static inline gsize
rdm_bitmap_n_words (guint32 n_bits)
{
  return ((gsize)n_bits + 63) / 64;
}

static inline gboolean
rdm_bitmap_get (const guint64 *bitmap, guint32 i)
{
  return (bitmap[i / 64] >> (i % 64)) & 1;
}

/* A zeroed bitmap of @n_bits bits; free with g_free(). */
guint64 *rdm_bitmap_new (guint32 n_bits);

/* The number of set bits among the first @n_bits. */
guint64 rdm_bitmap_count (const guint64 *bitmap, guint32 n_bits);

G_END_DECLS
