/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Segment evaluation at scale (issue: "a segment over 1 million visitors
 * in well under a second"). Builds N synthetic visitors (default
 * 1 000 000; first argument to change it) with 6 attributes and 3 touches
 * over 12 channels each, a conversion for one in five, then times parsing
 * and evaluating a few filters (best and median of 20 runs). Run on demand:
 *   ninja -C BUILD tests/bench/bench-filter && BUILD/tests/bench/bench-filter
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "rdm-filter.h"

static double
ms_since (gint64 start)
{
  return (double)(g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static void
time_filter (const RdmVisitorFacts *facts, const RdmFilterSchema *schema, const char *text)
{
  double runs[20];
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmFilter) filter = NULL;
  g_autofree guint64 *bitmap = rdm_bitmap_new (facts->n_visitors);
  gint64 start = g_get_monotonic_time ();
  double parse_ms;

  filter = rdm_filter_parse (text, schema, &error);
  parse_ms = ms_since (start);
  if (filter == NULL)
    g_error ("%s: %s", text, error->message);
  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      start = g_get_monotonic_time ();
      if (!rdm_filter_evaluate (filter, facts, bitmap, &error))
        g_error ("%s: %s", text, error->message);
      runs[i] = ms_since (start);
    }
  qsort (runs, G_N_ELEMENTS (runs), sizeof (double), compare_doubles);
  printf ("%s\n  parse %.3f ms, evaluate best %.2f ms, median %.2f ms, %" G_GUINT64_FORMAT
          " of %u visitors selected\n",
          text, parse_ms, runs[0], runs[G_N_ELEMENTS (runs) / 2],
          rdm_bitmap_count (bitmap, facts->n_visitors), facts->n_visitors);
}

int
main (int argc, char **argv)
{
  static const char *const channels[]
      = { "Blog",      "Facebook", "Email",  "Search",    "Display",  "Video",
          "Affiliate", "Referral", "Direct", "Instagram", "LinkedIn", "Podcast" };
  static const char *const keys[]
      = { "engagement", "age_band", "gender", "device", "region", "interest" };
  static const char *const values[][6] = {
    { "evangelist", "fan", "neutral", "detractor", NULL },
    { "18-24", "25-34", "35-49", "50-64", "65+", NULL },
    { "female", "male", "other", NULL },
    { "mobile", "desktop", "tablet", NULL },
    { "Île-de-France", "Bretagne", "Occitanie", "Normandie", "Grand Est", NULL },
    { "sport", "cooking", "travel", "music", "books", NULL },
  };
  guint32 n = 1000000;
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  g_autoptr (RdmVisitorFacts) facts = rdm_visitor_facts_new ();
  g_autoptr (RdmFilterSchema) schema = NULL;
  gint64 start;

  if (argc > 1)
    {
      gint64 parsed = g_ascii_strtoll (argv[1], NULL, 10);

      if (parsed < 1 || parsed > G_MAXUINT32 / 2)
        {
          fprintf (stderr, "usage: bench-filter [N_VISITORS >= 1]\n");
          return 2;
        }
      n = (guint32)parsed;
    }

  start = g_get_monotonic_time ();
  for (guint c = 0; c < G_N_ELEMENTS (channels); c++)
    rdm_visitor_facts_intern_channel (facts, channels[c]);
  for (guint32 i = 0; i < n; i++)
    {
      guint32 v = rdm_visitor_facts_add_visitor (facts);

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        {
          guint n_values = g_strv_length ((char **)values[k]);
          /* one value in n_values + 1 is missing */
          guint pick = g_rand_int_range (rand, 0, n_values + 1);

          if (pick < n_values)
            rdm_visitor_facts_set_attribute (facts, v, keys[k], values[k][pick]);
        }
      for (guint t = 0; t < 3; t++)
        rdm_visitor_facts_add_touch (facts, v, g_rand_int_range (rand, 0, G_N_ELEMENTS (channels)),
                                     g_rand_int_range (rand, 0, 3));
      if (g_rand_int_range (rand, 0, 5) == 0)
        rdm_visitor_facts_add_conversion (facts, v, g_rand_int_range (rand, 10, 300));
    }
  printf ("build facts for %u visitors: %.1f ms\n", n, ms_since (start));
  start = g_get_monotonic_time ();
  schema = rdm_visitor_facts_schema (facts);
  printf ("schema: %.3f ms\n", ms_since (start));

  time_filter (facts, schema,
               "touched(\"Blog\") and age_band in (\"25-34\",\"35-49\") and not gender = \"male\"");
  time_filter (facts, schema, "converted");
  time_filter (facts, schema, "value > 100 and touches >= 3");
  time_filter (facts, schema,
               "(engagement = \"evangelist\" or engagement = \"fan\") and first_channel = "
               "\"Facebook\" and not (device = \"mobile\" or region != \"Bretagne\")");
  time_filter (facts, schema,
               "touched(\"Blog\") or touched(\"Email\") or touched(\"Search\") or "
               "last_channel in (\"Video\", \"Podcast\")");
  return 0;
}
