/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Segment comparison and discovery: SPEC.md "Segments" ("which blog-reader
 * segments are most likely to buy?").
 *
 * A segment's conversion rate is a binomial proportion p = x / n, x the
 * visitors with at least one analysed conversion (converters) and n the
 * segment's visitors. Its 95% interval is the Wilson score interval
 * (E. B. Wilson, "Probable inference, the law of succession, and
 * statistical inference", JASA 22, 1927):
 *
 *   centre = (p + z² / 2n) / (1 + z² / n)
 *   half   = z / (1 + z² / n) × sqrt (p (1 - p) / n + z² / 4n²)
 *
 * and not the Wald interval p ± z sqrt (p (1 - p) / n), because segments
 * are often small and conversion rates near 0: Wald then collapses to the
 * single point [0, 0] for 0 / n, leaves [0, 1] for p near 0 (negative low
 * bounds are clipped) and covers the true rate far less than 95% of the
 * time (Brown, Cai & DasGupta, "Interval estimation for a binomial
 * proportion", Statistical Science 16, 2001). Wilson stays inside [0, 1],
 * gives a non-degenerate interval for 0 / n and n / n, and keeps close to
 * its nominal coverage down to a handful of visitors.
 *
 * Discovery ranks the values of one attribute inside a base population.
 * Two flags help tell real differences from noise: whether a value's
 * interval overlaps the base's own interval (a conservative, visual
 * check), and the p-value of the pooled two-proportion z-test of the
 * value's visitors against the rest of the base,
 *
 *   p̂ = (x1 + x2) / (n1 + n2),  z = (x1/n1 - x2/n2) / sqrt (p̂ (1 - p̂) (1/n1 + 1/n2)),
 *   p-value = erfc (|z| / √2),
 *
 * against the rest and not against the whole base, because the base
 * contains the value's own visitors and the two samples would not be
 * independent. The p-values are not corrected for the number of values
 * compared; the page says so.
 *
 * Choices, and why:
 * - A converter is counted once whatever its number of conversions, so the
 *   rate is a proportion of visitors; conversions and value are reported
 *   beside it.
 * - Average path length is over converting journeys (the rows the models
 *   credit), so it describes what attribution sees for the segment; touches
 *   per visitor would mix in visitors who never convert.
 * - Top channels are ranked by touches (reach within the segment), a fact
 *   of the data that does not depend on the model; credit by channel for
 *   the chosen model is reported beside it.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rdm-attribution.h"
#include "rdm-filter.h"
#include "rdm-path-builder.h"
#include "rdm-segment-compare.h"

void
rdm_wilson_interval (guint64 successes, guint64 trials, double z, double *out_low, double *out_high)
{
  double n = (double)trials;
  double p, z2, denominator, centre, half;

  g_return_if_fail (successes <= trials);

  if (trials == 0)
    {
      *out_low = 0;
      *out_high = 1;
      return;
    }
  p = (double)successes / n;
  z2 = z * z;
  denominator = 1 + z2 / n;
  centre = (p + z2 / (2 * n)) / denominator;
  half = z / denominator * sqrt (p * (1 - p) / n + z2 / (4 * n * n));
  /* Exact bounds at the edges: rounding must not leave 0 / n above 0. */
  *out_low = successes == 0 ? 0 : MAX (0, centre - half);
  *out_high = successes == trials ? 1 : MIN (1, centre + half);
}

double
rdm_two_proportion_p_value (guint64 x1, guint64 n1, guint64 x2, guint64 n2)
{
  double pooled, se, z;

  if (n1 == 0 || n2 == 0)
    return NAN;
  pooled = (double)(x1 + x2) / (double)(n1 + n2);
  if (pooled <= 0 || pooled >= 1)
    return 1;
  se = sqrt (pooled * (1 - pooled) * (1.0 / (double)n1 + 1.0 / (double)n2));
  z = ((double)x1 / (double)n1 - (double)x2 / (double)n2) / se;
  return erfc (fabs (z) / G_SQRT2);
}

guint64 *
rdm_segment_converted_bitmap (const RdmEventStore *store, const RdmPathOptions *path_options)
{
  guint64 *bitmap = rdm_bitmap_new (store->n_visitors);
  g_autofree gboolean *selected
      = rdm_event_store_select_events (store, path_options != NULL ? path_options->events : NULL);
  gint64 from = path_options != NULL ? path_options->from_time : G_MININT64;
  gint64 to = path_options != NULL ? path_options->to_time : G_MAXINT64;

  for (guint32 k = 0; k < store->n_conversions; k++)
    {
      guint32 v = store->conversion_visitor[k];
      gint64 time = store->conversion_time[k];

      if (selected[store->conversion_event[k]] && time >= from && time < to)
        bitmap[v / 64] |= G_GUINT64_CONSTANT (1) << (v % 64);
    }
  return bitmap;
}

static void
stats_clear (RdmSegmentStats *stats)
{
  g_free (stats->name);
  g_free (stats->channel_touches);
  g_clear_pointer (&stats->credit, rdm_credit_free);
}

void
rdm_segment_comparison_free (RdmSegmentComparison *comparison)
{
  if (comparison == NULL)
    return;
  for (guint i = 0; i < comparison->n_segments; i++)
    stats_clear (&comparison->segments[i]);
  g_free (comparison->segments);
  g_free (comparison);
}

static inline gboolean
bitmap_has (const guint64 *bitmap, guint32 v)
{
  return bitmap == NULL || rdm_bitmap_get (bitmap, v);
}

/* Counts visitors, converters, conversions, value and touches per channel
 * straight from the store. */
static void
count_segment (RdmSegmentStats *stats,
               const RdmEventStore *store,
               const guint64 *bitmap,
               const guint64 *converted,
               const gboolean *selected_events,
               const RdmPathOptions *options)
{
  stats->n_channels = store->channel_names->len;
  stats->channel_touches = g_new0 (guint64, MAX (stats->n_channels, 1));
  for (guint32 v = 0; v < store->n_visitors; v++)
    {
      if (!bitmap_has (bitmap, v))
        continue;
      stats->visitors++;
      for (guint32 t = store->visitor_touch_start[v]; t < store->visitor_touch_start[v + 1]; t++)
        stats->channel_touches[store->touch_channel[t]]++;
      if (!rdm_bitmap_get (converted, v))
        continue;
      stats->converters++;
      for (guint32 k = store->visitor_conversion_start[v];
           k < store->visitor_conversion_start[v + 1]; k++)
        if (selected_events[store->conversion_event[k]]
            && store->conversion_time[k] >= options->from_time
            && store->conversion_time[k] < options->to_time)
          {
            stats->conversions++;
            stats->value += store->conversion_value[k];
          }
    }

  stats->rate = stats->visitors > 0 ? (double)stats->converters / (double)stats->visitors : NAN;
  rdm_wilson_interval (stats->converters, stats->visitors, RDM_Z_95, &stats->rate_low,
                       &stats->rate_high);
  stats->value_per_visitor = stats->visitors > 0 ? stats->value / (double)stats->visitors : NAN;

  for (guint c = 0; c < stats->n_channels; c++)
    {
      guint64 touches = stats->channel_touches[c];
      guint slot;

      if (touches == 0)
        continue;
      /* insertion into the short sorted list; equal counts keep index order */
      slot = stats->n_top_channels;
      while (slot > 0 && stats->channel_touches[stats->top_channels[slot - 1]] < touches)
        slot--;
      if (slot >= RDM_SEGMENT_TOP_CHANNELS)
        continue;
      if (stats->n_top_channels < RDM_SEGMENT_TOP_CHANNELS)
        stats->n_top_channels++;
      memmove (&stats->top_channels[slot + 1], &stats->top_channels[slot],
               (stats->n_top_channels - 1 - slot) * sizeof (guint32));
      stats->top_channels[slot] = c;
    }
}

static double
average_path_length (const RdmPathSet *set)
{
  gint64 none = -1;
  double touches = 0, conversions = 0;
  gpointer found = g_hash_table_lookup (set->label_index, RDM_NO_TOUCH_LABEL);

  if (found != NULL)
    none = GPOINTER_TO_UINT (found) - 1;
  for (guint r = 0; r < rdm_path_set_n_rows (set); r++)
    {
      double weight = g_array_index (set->conversions, double, r);
      guint32 start = g_array_index (set->offsets, guint32, r);
      guint32 end = g_array_index (set->offsets, guint32, r + 1);
      guint length = end - start;

      if (weight <= 0)
        continue;
      if (length == 1 && g_array_index (set->touch_label, guint32, start) == none)
        length = 0;
      touches += weight * length;
      conversions += weight;
    }
  return conversions > 0 ? touches / conversions : NAN;
}

/* The builder takes byte masks; the evaluator writes 64-bit words. Copy
 * bit by bit rather than rely on the machine's byte order. */
static guint8 *
byte_mask (const guint64 *bitmap, guint32 n_visitors)
{
  guint8 *mask = g_new0 (guint8, n_visitors / 8 + 1);

  for (guint32 v = 0; v < n_visitors; v++)
    if (rdm_bitmap_get (bitmap, v))
      mask[v >> 3] |= (guint8)(1u << (v & 7));
  return mask;
}

RdmSegmentComparison *
rdm_segment_compare (const RdmEventStore *store,
                     const char *const *names,
                     const guint64 *const *bitmaps,
                     guint n_segments,
                     const RdmPathOptions *path_options,
                     RdmModel model,
                     const RdmModelOptions *model_options,
                     GCancellable *cancellable,
                     GError **error)
{
  g_autoptr (RdmSegmentComparison) comparison = g_new0 (RdmSegmentComparison, 1);
  RdmPathOptions defaults;
  RdmPathOptions backward;
  g_autofree guint64 *converted = NULL;
  g_autofree gboolean *selected = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (names != NULL || n_segments == 0, NULL);
  g_return_val_if_fail (bitmaps != NULL || n_segments == 0, NULL);

  rdm_path_options_init (&defaults);
  backward = path_options != NULL ? *path_options : defaults;
  backward.direction = RDM_DIRECTION_BACKWARD;
  converted = rdm_segment_converted_bitmap (store, &backward);
  selected = rdm_event_store_select_events (store, backward.events);

  comparison->model = model;
  comparison->segments = g_new0 (RdmSegmentStats, MAX (n_segments, 1));
  comparison->n_segments = n_segments;
  for (guint i = 0; i < n_segments; i++)
    {
      RdmSegmentStats *stats = &comparison->segments[i];
      g_autofree guint8 *mask = NULL;
      g_autoptr (RdmPathSet) set = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return rdm_path_options_clear (&defaults), NULL;
      stats->name = g_strdup (names[i]);
      count_segment (stats, store, bitmaps[i], converted, selected, &backward);

      if (bitmaps[i] != NULL)
        mask = byte_mask (bitmaps[i], store->n_visitors);
      set = rdm_path_builder_build (store, &backward, mask, error);
      if (set == NULL)
        return rdm_path_options_clear (&defaults), NULL;
      stats->avg_path_length = average_path_length (set);
      if (stats->conversions > 0)
        {
          stats->credit = rdm_attribute (set, model, model_options, cancellable, error);
          if (stats->credit == NULL)
            {
              g_prefix_error (error, _ ("Segment “%s”: "), names[i]);
              return rdm_path_options_clear (&defaults), NULL;
            }
        }
    }
  rdm_path_options_clear (&defaults);
  return g_steal_pointer (&comparison);
}

void
rdm_discovery_free (RdmDiscovery *discovery)
{
  if (discovery == NULL)
    return;
  for (guint i = 0; i < discovery->n_rows; i++)
    g_free (discovery->rows[i].value);
  g_free (discovery->rows);
  g_free (discovery->key);
  g_free (discovery);
}

static int
compare_rows (gconstpointer a, gconstpointer b)
{
  const RdmDiscoveryRow *x = a, *y = b;

  /* an attribute value always has visitors, so rates are finite */
  if (x->rate != y->rate)
    return x->rate > y->rate ? -1 : 1;
  if (x->visitors != y->visitors)
    return x->visitors > y->visitors ? -1 : 1;
  return g_strcmp0 (x->value, y->value);
}

RdmDiscovery *
rdm_segment_discover (const RdmEventStore *store,
                      const RdmVisitorFacts *facts,
                      const guint64 *base_bitmap,
                      const char *key,
                      const RdmPathOptions *path_options,
                      GError **error)
{
  g_autoptr (RdmDiscovery) discovery = NULL;
  g_autofree guint64 *converted = NULL;
  g_autofree guint64 *visitors = NULL;
  g_autofree guint64 *converters = NULL;
  gpointer found;
  const GArray *column;
  const GPtrArray *values;
  guint n_values;

  g_return_val_if_fail (store != NULL && facts != NULL && key != NULL, NULL);
  g_return_val_if_fail (facts->n_visitors == store->n_visitors, NULL);

  found = g_hash_table_lookup (facts->attribute_key_index, key);
  if (found == NULL)
    {
      g_set_error (error, RDM_FILTER_ERROR, RDM_FILTER_ERROR_UNKNOWN_ATTRIBUTE,
                   _ ("No visitor attribute is called “%s”"), key);
      return NULL;
    }
  column = g_ptr_array_index (facts->attribute_columns, GPOINTER_TO_UINT (found) - 1);
  values = g_ptr_array_index (facts->attribute_values, GPOINTER_TO_UINT (found) - 1);
  n_values = values->len;

  converted = rdm_segment_converted_bitmap (store, path_options);
  /* slot 0 counts the visitors without a value, slot i value id i */
  visitors = g_new0 (guint64, n_values + 1);
  converters = g_new0 (guint64, n_values + 1);
  discovery = g_new0 (RdmDiscovery, 1);
  discovery->key = g_strdup (key);
  for (guint32 v = 0; v < store->n_visitors; v++)
    {
      guint32 id = g_array_index (column, guint32, v);
      gboolean conv = rdm_bitmap_get (converted, v);

      if (!bitmap_has (base_bitmap, v))
        continue;
      visitors[id]++;
      converters[id] += conv;
      discovery->visitors++;
      discovery->converters += conv;
    }
  discovery->visitors_without_value = visitors[0];
  discovery->rate
      = discovery->visitors > 0 ? (double)discovery->converters / (double)discovery->visitors : NAN;
  rdm_wilson_interval (discovery->converters, discovery->visitors, RDM_Z_95, &discovery->rate_low,
                       &discovery->rate_high);

  discovery->rows = g_new0 (RdmDiscoveryRow, MAX (n_values, 1));
  for (guint i = 1; i <= n_values; i++)
    {
      RdmDiscoveryRow *row;

      if (visitors[i] == 0)
        continue;
      row = &discovery->rows[discovery->n_rows++];
      row->value = g_strdup (g_ptr_array_index (values, i - 1));
      row->visitors = visitors[i];
      row->converters = converters[i];
      row->rate = (double)row->converters / (double)row->visitors;
      rdm_wilson_interval (row->converters, row->visitors, RDM_Z_95, &row->rate_low,
                           &row->rate_high);
      row->p_value = rdm_two_proportion_p_value (row->converters, row->visitors,
                                                 discovery->converters - row->converters,
                                                 discovery->visitors - row->visitors);
      row->overlaps_base
          = row->rate_low <= discovery->rate_high && discovery->rate_low <= row->rate_high;
    }
  qsort (discovery->rows, discovery->n_rows, sizeof (RdmDiscoveryRow), compare_rows);
  return g_steal_pointer (&discovery);
}
