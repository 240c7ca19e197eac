/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-credit.h"
#include "rdm-event-store.h"
#include "rdm-model.h"
#include "rdm-path-options.h"
#include "rdm-visitor-facts.h"

G_BEGIN_DECLS

/* z of a two-sided 95% interval: the 97.5th percentile of N(0, 1). */
#define RDM_Z_95 1.959963984540054

/* The Wilson score interval of a proportion @successes / @trials at the
 * normal quantile @z (RDM_Z_95 for 95%). Bounds are in [0, 1]; 0 trials
 * give [0, 1] (nothing is known). */
void rdm_wilson_interval (
    guint64 successes, guint64 trials, double z, double *out_low, double *out_high);

/* Two-sided p-value of the pooled two-proportion z-test of x1 / n1 against
 * x2 / n2. NAN when either group is empty; 1 when the pooled proportion is
 * 0 or 1 (both groups all failures or all successes: no difference). */
double rdm_two_proportion_p_value (guint64 x1, guint64 n1, guint64 x2, guint64 n2);

/* How many channels RdmSegmentStats.top_channels lists at most. */
#define RDM_SEGMENT_TOP_CHANNELS 3

/* One segment of a comparison. Counts are over the segment's visitors;
 * conversions are the analysed ones (events and evaluation period of the
 * path options). */
typedef struct
{
  char *name;
  guint64 visitors;
  guint64 converters; /* visitors with at least one analysed conversion */
  double rate;        /* converters / visitors; NAN for an empty segment */
  double rate_low;    /* 95% Wilson score interval of the rate */
  double rate_high;
  guint64 conversions;
  double value;             /* sum of the analysed conversions' values */
  double value_per_visitor; /* value / visitors; NAN for an empty segment */
  /* mean touches per converting journey (backward paths under the path
   * options, after the windows; a conversion without a qualifying touch
   * counts 0); NAN without conversions */
  double avg_path_length;
  /* touches of the segment's visitors per store channel, all time */
  guint n_channels;
  guint64 *channel_touches;
  /* up to RDM_SEGMENT_TOP_CHANNELS store channel indices with the most
   * touches, most first, ties by index; channels without touches left out */
  guint n_top_channels;
  guint32 top_channels[RDM_SEGMENT_TOP_CHANNELS];
  /* credit of the chosen model over the segment's journeys; NULL when the
   * segment has no analysed conversion */
  RdmCredit *credit;
} RdmSegmentStats;

typedef struct
{
  RdmModel model;
  guint n_segments;
  RdmSegmentStats *segments;
} RdmSegmentComparison;

void rdm_segment_comparison_free (RdmSegmentComparison *comparison);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmSegmentComparison, rdm_segment_comparison_free)

/* Compares @n_segments segments of @store's visitors. Segment i is named
 * @names[i] and selects the visitors whose bit is set in @bitmaps[i]
 * (rdm_bitmap_n_words (store->n_visitors) words, as rdm_filter_evaluate()
 * writes over the facts of rdm_project_load_visitor_facts(); NULL selects
 * everyone). @path_options (NULL: defaults) cut the backward journeys,
 * whatever their direction field says, and @model with @model_options
 * (NULL: defaults) credits them. Fails with the path builder's and the
 * model's errors, or G_IO_ERROR_CANCELLED. */
RdmSegmentComparison *rdm_segment_compare (const RdmEventStore *store,
                                           const char *const *names,
                                           const guint64 *const *bitmaps,
                                           guint n_segments,
                                           const RdmPathOptions *path_options,
                                           RdmModel model,
                                           const RdmModelOptions *model_options,
                                           GCancellable *cancellable,
                                           GError **error);

/* One value of the attribute a discovery ranks. */
typedef struct
{
  char *value;
  guint64 visitors;
  guint64 converters;
  double rate; /* converters / visitors, with its 95% Wilson interval */
  double rate_low;
  double rate_high;
  /* two-proportion z-test against the other visitors of the base (those
   * with another value or none); NAN when there are none */
  double p_value;
  /* TRUE when [rate_low, rate_high] meets the base's interval */
  gboolean overlaps_base;
} RdmDiscoveryRow;

typedef struct
{
  char *key;
  guint64 visitors; /* the base */
  guint64 converters;
  double rate;
  double rate_low;
  double rate_high;
  guint64 visitors_without_value; /* in the base, without @key */
  guint n_rows;
  RdmDiscoveryRow *rows; /* highest rate first */
} RdmDiscovery;

void rdm_discovery_free (RdmDiscovery *discovery);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmDiscovery, rdm_discovery_free)

/* Ranks the values of attribute @key among the visitors of @base_bitmap
 * (NULL: everyone; words over @facts' visitors, which must be @store's) by
 * conversion rate, highest first; ties by more visitors, then by value.
 * Values no base visitor has are left out. Conversions are those the path
 * options analyse (events and period; NULL: all). Fails with
 * RDM_FILTER_ERROR_UNKNOWN_ATTRIBUTE when @facts has no such key. */
RdmDiscovery *rdm_segment_discover (const RdmEventStore *store,
                                    const RdmVisitorFacts *facts,
                                    const guint64 *base_bitmap,
                                    const char *key,
                                    const RdmPathOptions *path_options,
                                    GError **error);

/* A visitor's analysed-conversion flag, as a bitmap over @store's visitors
 * (conversions of the options' events inside their evaluation period;
 * NULL options: any conversion). Free with g_free(). */
guint64 *rdm_segment_converted_bitmap (const RdmEventStore *store,
                                       const RdmPathOptions *path_options);

G_END_DECLS
