/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Segments at scale: N synthetic visitors (default 1 000 000; first
 * argument to change it), each with an age band and an engagement level,
 * 3 touches over 12 channels a day apart, and a purchase 1 h after the last
 * touch for one in five. Times (median of 5 runs) evaluating the segment
 * touched("Blog") and age_band in ("25-34", "35-49") with its count (what
 * the Segments page's live count does), ranking age_band by conversion rate
 * within it (discovery), and comparing it with everyone under linear
 * credit (journeys and credit for both). Run on demand:
 *   ninja -C BUILD tests/bench/bench-segments && BUILD/tests/bench/bench-segments
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "rdm-filter.h"
#include "rdm-segment-compare.h"

#define N_RUNS 5
#define T0 G_GINT64_CONSTANT (1775001600)

static const char *const channels[]
    = { "Blog",    "Email",   "Facebook", "Instagram",  "LinkedIn",    "X",
        "YouTube", "Display", "Direct",   "Affiliates", "Paid Search", "Organic Search" };
static const char *const ages[] = { "18-24", "25-34", "35-49", "50-64", "65+" };
static const char *const levels[]
    = { "spectator", "sharer", "commenter", "producer", "evangelist" };

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static double
median (double *runs)
{
  qsort (runs, N_RUNS, sizeof (double), compare_doubles);
  return runs[N_RUNS / 2];
}

static double
ms_since (gint64 start)
{
  return (double)(g_get_monotonic_time () - start) / 1000.0;
}

int
main (int argc, char **argv)
{
  guint32 n = argc > 1 ? (guint32)strtoul (argv[1], NULL, 10) : 1000000;
  g_autoptr (RdmEventStore) store = rdm_event_store_new ();
  g_autoptr (RdmVisitorFacts) facts = rdm_visitor_facts_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmFilter) filter = NULL;
  g_autofree guint64 *bitmap = NULL;
  GRand *rand = g_rand_new_with_seed (2026);
  guint32 purchase = rdm_event_store_intern_event (store, "purchase");
  double evaluate_runs[N_RUNS], discover_runs[N_RUNS], compare_runs[N_RUNS];
  guint64 count = 0;
  gint64 start;

  for (guint c = 0; c < G_N_ELEMENTS (channels); c++)
    rdm_event_store_intern_channel (store, channels[c], g_str_equal (channels[c], "Direct"));
  for (guint32 v = 0; v < n; v++)
    {
      gint64 time = T0 + g_rand_int_range (rand, 0, 150 * 86400);

      rdm_event_store_add_visitor (store, v + 1);
      for (guint t = 0; t < 3; t++)
        rdm_event_store_add_touch (store, time + t * 86400,
                                   g_rand_int_range (rand, 0, G_N_ELEMENTS (channels)),
                                   RDM_EVENT_STORE_NO_CAMPAIGN, RDM_INTERACTION_CLICK);
      if (g_rand_int_range (rand, 0, 5) == 0)
        rdm_event_store_add_conversion (store, time + 2 * 86400 + 3600, purchase, 50);
    }
  rdm_event_store_finish (store);
  for (guint c = 0; c < G_N_ELEMENTS (channels); c++)
    rdm_visitor_facts_intern_channel (facts, channels[c]);
  for (guint32 v = 0; v < n; v++)
    {
      rdm_visitor_facts_add_visitor (facts);
      rdm_visitor_facts_set_attribute (facts, v, "age_band",
                                       ages[g_rand_int_range (rand, 0, G_N_ELEMENTS (ages))]);
      rdm_visitor_facts_set_attribute (facts, v, "engagement",
                                       levels[g_rand_int_range (rand, 0, G_N_ELEMENTS (levels))]);
      for (guint32 t = store->visitor_touch_start[v]; t < store->visitor_touch_start[v + 1]; t++)
        rdm_visitor_facts_add_touch (facts, v, store->touch_channel[t],
                                     store->touch_interaction[t]);
      for (guint32 k = store->visitor_conversion_start[v];
           k < store->visitor_conversion_start[v + 1]; k++)
        rdm_visitor_facts_add_conversion (facts, v, store->conversion_value[k]);
    }
  g_rand_free (rand);

  filter
      = rdm_filter_parse ("touched(\"Blog\") and age_band in (\"25-34\", \"35-49\")", NULL, &error);
  g_assert_no_error (error);
  bitmap = rdm_bitmap_new (n);
  for (guint r = 0; r < N_RUNS; r++)
    {
      start = g_get_monotonic_time ();
      if (!rdm_filter_evaluate (filter, facts, bitmap, &error))
        g_error ("%s", error->message);
      count = rdm_bitmap_count (bitmap, n);
      evaluate_runs[r] = ms_since (start);
    }
  for (guint r = 0; r < N_RUNS; r++)
    {
      g_autoptr (RdmDiscovery) discovery = NULL;

      start = g_get_monotonic_time ();
      discovery = rdm_segment_discover (store, facts, bitmap, "age_band", NULL, &error);
      discover_runs[r] = ms_since (start);
      g_assert_no_error (error);
    }
  for (guint r = 0; r < N_RUNS; r++)
    {
      const char *const names[] = { "Everyone", "Blog readers 25-49" };
      const guint64 *const bitmaps[] = { NULL, bitmap };
      g_autoptr (RdmSegmentComparison) comparison = NULL;

      start = g_get_monotonic_time ();
      comparison = rdm_segment_compare (store, names, bitmaps, 2, NULL, RDM_MODEL_LINEAR, NULL,
                                        NULL, &error);
      compare_runs[r] = ms_since (start);
      g_assert_no_error (error);
    }

  printf ("visitors: %u, touches: %u, conversions: %u\n", n, store->n_touches,
          store->n_conversions);
  printf ("segment touched(\"Blog\") and age_band in (\"25-34\", \"35-49\"): %" G_GUINT64_FORMAT
          " visitors\n",
          count);
  printf ("evaluate + count:           %8.2f ms (median of %d)\n", median (evaluate_runs), N_RUNS);
  printf ("discover age_band within:   %8.2f ms\n", median (discover_runs));
  printf ("compare with everyone (linear, 2 segments): %8.2f ms\n", median (compare_runs));
  return 0;
}
