/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Segment comparison and discovery (analysis/rdm-segment-compare.c) on a
 * hand-made store of six visitors, T0 = 2026-04-01 00:00 UTC:
 *
 *  v  age_band  touches (c = click, i = impression)             conversions
 *  0  25-34     Blog c T0, Email c T0+1d                        purchase 100 at T0+2d
 *  1  25-34     Blog c T0                                       -
 *  2  35-49     Search c T0                                     purchase 50 at T0+1h
 *  3  50+       Email c T0                                      -
 *  4  35-49     Blog i T0+5d, Search c T0+5d+30min              purchase 20 at T0+5d+1h
 *  5  -         Search c T0                                     signup 0 at T0+1h
 *
 * Channels are interned Blog 0, Email 1, Search 2.
 */
#include "config.h"

#include <math.h>

#include "rdm-attribution.h"
#include "rdm-filter.h"
#include "rdm-path-builder.h"
#include "rdm-segment-compare.h"

#define T0 G_GINT64_CONSTANT (1775001600)
#define DAY 86400
#define HOUR 3600

/* Builds the store of the header with only the visitors of @keep (NULL:
 * all), and the facts of the same visitors. */
static RdmEventStore *
make_store (const gboolean *keep, RdmVisitorFacts **out_facts)
{
  static const char *const ages[] = { "25-34", "25-34", "35-49", "50+", "35-49", NULL };
  RdmEventStore *store = rdm_event_store_new ();
  RdmVisitorFacts *facts = rdm_visitor_facts_new ();
  guint32 blog = rdm_event_store_intern_channel (store, "Blog", FALSE);
  guint32 email = rdm_event_store_intern_channel (store, "Email", FALSE);
  guint32 search = rdm_event_store_intern_channel (store, "Search", FALSE);
  guint32 purchase = rdm_event_store_intern_event (store, "purchase");
  guint32 signup = rdm_event_store_intern_event (store, "signup");

  for (guint i = 0; i < 6; i++)
    {
      if (keep != NULL && !keep[i])
        continue;
      rdm_event_store_add_visitor (store, i + 1);
      switch (i)
        {
        case 0:
          rdm_event_store_add_touch (store, T0, blog, RDM_EVENT_STORE_NO_CAMPAIGN,
                                     RDM_INTERACTION_CLICK);
          rdm_event_store_add_touch (store, T0 + DAY, email, RDM_EVENT_STORE_NO_CAMPAIGN,
                                     RDM_INTERACTION_CLICK);
          rdm_event_store_add_conversion (store, T0 + 2 * DAY, purchase, 100);
          break;
        case 1:
          rdm_event_store_add_touch (store, T0, blog, RDM_EVENT_STORE_NO_CAMPAIGN,
                                     RDM_INTERACTION_CLICK);
          break;
        case 2:
          rdm_event_store_add_touch (store, T0, search, RDM_EVENT_STORE_NO_CAMPAIGN,
                                     RDM_INTERACTION_CLICK);
          rdm_event_store_add_conversion (store, T0 + HOUR, purchase, 50);
          break;
        case 3:
          rdm_event_store_add_touch (store, T0, email, RDM_EVENT_STORE_NO_CAMPAIGN,
                                     RDM_INTERACTION_CLICK);
          break;
        case 4:
          rdm_event_store_add_touch (store, T0 + 5 * DAY, blog, RDM_EVENT_STORE_NO_CAMPAIGN,
                                     RDM_INTERACTION_IMPRESSION);
          rdm_event_store_add_touch (store, T0 + 5 * DAY + HOUR / 2, search,
                                     RDM_EVENT_STORE_NO_CAMPAIGN, RDM_INTERACTION_CLICK);
          rdm_event_store_add_conversion (store, T0 + 5 * DAY + HOUR, purchase, 20);
          break;
        default:
          rdm_event_store_add_touch (store, T0, search, RDM_EVENT_STORE_NO_CAMPAIGN,
                                     RDM_INTERACTION_CLICK);
          rdm_event_store_add_conversion (store, T0 + HOUR, signup, 0);
          break;
        }
    }
  rdm_event_store_finish (store);

  for (guint c = 0; c < store->channel_names->len; c++)
    rdm_visitor_facts_intern_channel (facts, g_ptr_array_index (store->channel_names, c));
  for (guint32 v = 0; v < store->n_visitors; v++)
    {
      guint32 fv = rdm_visitor_facts_add_visitor (facts);
      const char *age = ages[store->visitor_id[v] - 1];

      if (age != NULL)
        rdm_visitor_facts_set_attribute (facts, fv, "age_band", age);
      for (guint32 t = store->visitor_touch_start[v]; t < store->visitor_touch_start[v + 1]; t++)
        rdm_visitor_facts_add_touch (facts, fv, store->touch_channel[t],
                                     store->touch_interaction[t]);
      for (guint32 k = store->visitor_conversion_start[v];
           k < store->visitor_conversion_start[v + 1]; k++)
        rdm_visitor_facts_add_conversion (facts, fv, store->conversion_value[k]);
    }
  *out_facts = facts;
  return store;
}

static guint64 *
evaluate (const RdmVisitorFacts *facts, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmFilter) filter = rdm_filter_parse (text, NULL, &error);
  guint64 *bitmap = rdm_bitmap_new (facts->n_visitors);

  g_assert_no_error (error);
  g_assert_true (rdm_filter_evaluate (filter, facts, bitmap, &error));
  g_assert_no_error (error);
  return bitmap;
}

/* Wilson, z = 1.959963984540054, z² = 3.8414588206941254.
 * 10 / 100: p = 0.1, 1 + z²/n = 1.038414588, p + z²/2n = 0.119207294,
 * centre = 0.119207294 / 1.038414588 = 0.114797396;
 * half = z / 1.038414588 × sqrt (0.0009 + 3.8414588 / 40000)
 *      = 1.887457 × sqrt (0.000996036) = 1.887457 × 0.031560 = 0.059568,
 * so [0.0552291, 0.1743657].
 * 0 / n: centre = half = (z²/2n) / (1 + z²/n), so [0, z² / (n + z²)]; for
 * n = 10 the high bound is 3.8414588 / 13.8414588 = 0.2775328.
 * n / n: by symmetry [n / (n + z²), 1] = [0.7224672, 1] for n = 10. */
static void
test_wilson (void)
{
  double low, high;

  rdm_wilson_interval (10, 100, RDM_Z_95, &low, &high);
  g_assert_cmpfloat_with_epsilon (low, 0.0552291370606751, 1e-12);
  g_assert_cmpfloat_with_epsilon (high, 0.17436566150491345, 1e-12);
  g_assert_cmpfloat (round (low * 1e4) / 1e4, ==, 0.0552);
  g_assert_cmpfloat (round (high * 1e4) / 1e4, ==, 0.1744);

  rdm_wilson_interval (0, 10, RDM_Z_95, &low, &high);
  g_assert_cmpfloat (low, ==, 0);
  g_assert_cmpfloat_with_epsilon (high, 0.2775327998628892, 1e-12);

  rdm_wilson_interval (10, 10, RDM_Z_95, &low, &high);
  g_assert_cmpfloat_with_epsilon (low, 0.7224672001371107, 1e-12);
  g_assert_cmpfloat (high, ==, 1);

  /* no trials: nothing is known */
  rdm_wilson_interval (0, 0, RDM_Z_95, &low, &high);
  g_assert_cmpfloat (low, ==, 0);
  g_assert_cmpfloat (high, ==, 1);

  /* a larger sample narrows the interval around the same rate */
  {
    double low2, high2;

    rdm_wilson_interval (1000, 10000, RDM_Z_95, &low2, &high2);
    rdm_wilson_interval (10, 100, RDM_Z_95, &low, &high);
    g_assert_cmpfloat (low2, >, low);
    g_assert_cmpfloat (high2, <, high);
  }
}

/* 2 / 2 against 1 / 4: pooled p = 3 / 6 = 0.5,
 * se = sqrt (0.25 × (1/2 + 1/4)) = sqrt (0.1875) = 0.4330127,
 * z = (1 - 0.25) / 0.4330127 = 1.7320508, p = erfc (1.7320508 / √2)
 * = erfc (1.2247449) = 0.0832645. */
static void
test_p_value (void)
{
  g_assert_cmpfloat_with_epsilon (rdm_two_proportion_p_value (2, 2, 1, 4), 0.08326451666355043,
                                  1e-12);
  /* same rate: z = 0, p = 1 */
  g_assert_cmpfloat_with_epsilon (rdm_two_proportion_p_value (1, 2, 2, 4), 1, 1e-12);
  /* symmetric */
  g_assert_cmpfloat_with_epsilon (rdm_two_proportion_p_value (1, 4, 2, 2), 0.08326451666355043,
                                  1e-12);
  /* all converted or none: no difference to test */
  g_assert_cmpfloat (rdm_two_proportion_p_value (0, 5, 0, 7), ==, 1);
  g_assert_cmpfloat (rdm_two_proportion_p_value (5, 5, 7, 7), ==, 1);
  /* an empty group */
  g_assert_true (isnan (rdm_two_proportion_p_value (1, 2, 0, 0)));
  g_assert_true (isnan (rdm_two_proportion_p_value (0, 0, 1, 2)));
}

/* "touched Blog" = visitors 0, 1, 4 with purchase events only:
 * visitors 3, converters 2 (0 and 4), conversions 2, value 120, value per
 * visitor 40; journeys: 0 = Blog, Email (2 touches), 4 = Blog view 1 h
 * before (inside the 1-day view window), Search (2 touches): average 2.
 * Touches: Blog 3 (0, 1, 4), Email 1, Search 1: top Blog, Email, Search
 * (ties by index). Linear credit: 0 gives Blog 1/2, Email 1/2 (50 € each),
 * 4 gives Blog 1/2, Search 1/2 (10 € each): Blog 1 / 60, Email 0.5 / 50,
 * Search 0.5 / 10.
 * Everyone with all events: 6 visitors, converters 0, 2, 4, 5 (the signup
 * counts) = 4, rate 2/3, conversions 4, value 170. Journeys: 2, 1, 2, 1
 * touches: average 1.5. */
static void
test_compare (void)
{
  g_autoptr (RdmVisitorFacts) facts = NULL;
  g_autoptr (RdmEventStore) store = make_store (NULL, &facts);
  g_autofree guint64 *blog = evaluate (facts, "touched(\"Blog\")");
  const char *const names[] = { "Blog readers", "Everyone" };
  const guint64 *const bitmaps[] = { blog, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmSegmentComparison) comparison = NULL;
  RdmPathOptions options;
  const RdmSegmentStats *s;
  char *purchase[] = { (char *)"purchase", NULL };
  double low, high;

  rdm_path_options_init (&options);
  options.events = purchase;
  comparison = rdm_segment_compare (store, names, bitmaps, 1, &options, RDM_MODEL_LINEAR, NULL,
                                    NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comparison->n_segments, ==, 1);
  s = &comparison->segments[0];
  g_assert_cmpstr (s->name, ==, "Blog readers");
  g_assert_cmpuint (s->visitors, ==, 3);
  g_assert_cmpuint (s->converters, ==, 2);
  g_assert_cmpfloat_with_epsilon (s->rate, 2.0 / 3, 1e-15);
  rdm_wilson_interval (2, 3, RDM_Z_95, &low, &high);
  g_assert_cmpfloat (s->rate_low, ==, low);
  g_assert_cmpfloat (s->rate_high, ==, high);
  g_assert_cmpuint (s->conversions, ==, 2);
  g_assert_cmpfloat (s->value, ==, 120);
  g_assert_cmpfloat (s->value_per_visitor, ==, 40);
  g_assert_cmpfloat (s->avg_path_length, ==, 2);
  g_assert_cmpuint (s->n_channels, ==, 3);
  g_assert_cmpuint (s->channel_touches[0], ==, 3);
  g_assert_cmpuint (s->channel_touches[1], ==, 1);
  g_assert_cmpuint (s->channel_touches[2], ==, 1);
  g_assert_cmpuint (s->n_top_channels, ==, 3);
  g_assert_cmpuint (s->top_channels[0], ==, 0);
  g_assert_cmpuint (s->top_channels[1], ==, 1);
  g_assert_cmpuint (s->top_channels[2], ==, 2);
  g_assert_nonnull (s->credit);
  g_assert_cmpfloat (s->credit->total_conversions, ==, 2);
  g_assert_cmpfloat (s->credit->conversions[rdm_credit_find_label (s->credit, "Blog")], ==, 1);
  g_assert_cmpfloat (s->credit->value[rdm_credit_find_label (s->credit, "Blog")], ==, 60);
  g_assert_cmpfloat (s->credit->conversions[rdm_credit_find_label (s->credit, "Email")], ==, 0.5);
  g_assert_cmpfloat (s->credit->value[rdm_credit_find_label (s->credit, "Search")], ==, 10);
  g_clear_pointer (&comparison, rdm_segment_comparison_free);

  /* every event, both segments */
  comparison
      = rdm_segment_compare (store, names, bitmaps, 2, NULL, RDM_MODEL_LAST, NULL, NULL, &error);
  g_assert_no_error (error);
  s = &comparison->segments[1];
  g_assert_cmpstr (s->name, ==, "Everyone");
  g_assert_cmpuint (s->visitors, ==, 6);
  g_assert_cmpuint (s->converters, ==, 4);
  g_assert_cmpuint (s->conversions, ==, 4);
  g_assert_cmpfloat (s->value, ==, 170);
  g_assert_cmpfloat (s->avg_path_length, ==, 1.5);
  /* touches: Blog 3, Email 2, Search 3: Blog, Search (tie, by index), Email */
  g_assert_cmpuint (s->top_channels[0], ==, 0);
  g_assert_cmpuint (s->top_channels[1], ==, 2);
  g_assert_cmpuint (s->top_channels[2], ==, 1);
  g_assert_cmpint (comparison->model, ==, RDM_MODEL_LAST);
}

/* A segment nobody is in, and one whose visitors never convert. */
static void
test_compare_empty (void)
{
  g_autoptr (RdmVisitorFacts) facts = NULL;
  g_autoptr (RdmEventStore) store = make_store (NULL, &facts);
  g_autofree guint64 *nobody = evaluate (facts, "age_band = \"18-24\"");
  g_autofree guint64 *fifty = evaluate (facts, "age_band = \"50+\"");
  const char *const names[] = { "Nobody", "50+" };
  const guint64 *const bitmaps[] = { nobody, fifty };
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmSegmentComparison) comparison = NULL;

  comparison
      = rdm_segment_compare (store, names, bitmaps, 2, NULL, RDM_MODEL_MARKOV, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comparison->segments[0].visitors, ==, 0);
  g_assert_true (isnan (comparison->segments[0].rate));
  g_assert_cmpfloat (comparison->segments[0].rate_low, ==, 0);
  g_assert_cmpfloat (comparison->segments[0].rate_high, ==, 1);
  g_assert_true (isnan (comparison->segments[0].value_per_visitor));
  g_assert_true (isnan (comparison->segments[0].avg_path_length));
  g_assert_cmpuint (comparison->segments[0].n_top_channels, ==, 0);
  g_assert_null (comparison->segments[0].credit);

  /* 0 / 1: [0, z² / (1 + z²)] = [0, 3.8414588 / 4.8414588] */
  g_assert_cmpuint (comparison->segments[1].visitors, ==, 1);
  g_assert_cmpfloat (comparison->segments[1].rate, ==, 0);
  g_assert_cmpfloat_with_epsilon (comparison->segments[1].rate_high, 0.7934506856227626, 1e-12);
  g_assert_null (comparison->segments[1].credit);
  g_assert_cmpuint (comparison->segments[1].n_top_channels, ==, 1);
  g_assert_cmpuint (comparison->segments[1].top_channels[0], ==, 1);
}

/* Credit restricted to a segment equals the credit over a store holding
 * only its visitors, for every model. */
static void
test_credit_matches_subset (void)
{
  static const gboolean keep[] = { TRUE, TRUE, FALSE, FALSE, TRUE, FALSE };
  g_autoptr (RdmVisitorFacts) facts = NULL;
  g_autoptr (RdmVisitorFacts) sub_facts = NULL;
  g_autoptr (RdmEventStore) store = make_store (NULL, &facts);
  g_autoptr (RdmEventStore) sub_store = make_store (keep, &sub_facts);
  g_autofree guint64 *blog = evaluate (facts, "touched(\"Blog\")");
  const char *const names[] = { "Blog readers" };
  const guint64 *const bitmaps[] = { blog };
  const guint64 *const everyone[] = { NULL };

  for (RdmModel model = RDM_MODEL_FIRST; model < RDM_MODEL_N_MODELS; model++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RdmSegmentComparison) a
          = rdm_segment_compare (store, names, bitmaps, 1, NULL, model, NULL, NULL, &error);
      g_autoptr (RdmSegmentComparison) b = NULL;
      const RdmCredit *ca, *cb;

      g_assert_no_error (error);
      b = rdm_segment_compare (sub_store, names, everyone, 1, NULL, model, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (a->segments[0].visitors, ==, b->segments[0].visitors);
      g_assert_cmpuint (a->segments[0].converters, ==, b->segments[0].converters);
      g_assert_cmpfloat (a->segments[0].value, ==, b->segments[0].value);
      ca = a->segments[0].credit;
      cb = b->segments[0].credit;
      g_assert_cmpfloat (ca->total_conversions, ==, cb->total_conversions);
      g_assert_cmpfloat (ca->total_value, ==, cb->total_value);
      g_assert_cmpuint (ca->n_labels, ==, cb->n_labels);
      for (guint i = 0; i < ca->n_labels; i++)
        {
          int j = rdm_credit_find_label (cb, ca->label_names[i]);

          g_assert_cmpint (j, >=, 0);
          g_assert_cmpfloat_with_epsilon (ca->conversions[i], cb->conversions[j], 1e-12);
          g_assert_cmpfloat_with_epsilon (ca->value[i], cb->value[j], 1e-9);
        }
    }
}

/* age_band over everyone, all events: 25-34 = {0, 1}: 1 / 2; 35-49 =
 * {2, 4}: 2 / 2; 50+ = {3}: 0 / 1; visitor 5 has no age band. Base 6
 * visitors, 4 converters (0, 2, 4, 5). Ranked 35-49, 25-34, 50+.
 * 35-49 against the rest (2 / 4): pooled 4 / 6, se = sqrt (2/9 × (1/2 +
 * 1/4)) = 0.4082483, z = 0.5 / 0.4082483 = 1.2247449, p = erfc (0.8660254)
 * = 0.2206714. */
static void
test_discover (void)
{
  g_autoptr (RdmVisitorFacts) facts = NULL;
  g_autoptr (RdmEventStore) store = make_store (NULL, &facts);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmDiscovery) d = rdm_segment_discover (store, facts, NULL, "age_band", NULL, &error);
  g_autofree guint64 *blog = evaluate (facts, "touched(\"Blog\")");
  RdmPathOptions options;
  char *purchase[] = { (char *)"purchase", NULL };

  g_assert_no_error (error);
  g_assert_cmpstr (d->key, ==, "age_band");
  g_assert_cmpuint (d->visitors, ==, 6);
  g_assert_cmpuint (d->converters, ==, 4);
  g_assert_cmpuint (d->visitors_without_value, ==, 1);
  g_assert_cmpuint (d->n_rows, ==, 3);
  g_assert_cmpstr (d->rows[0].value, ==, "35-49");
  g_assert_cmpstr (d->rows[1].value, ==, "25-34");
  g_assert_cmpstr (d->rows[2].value, ==, "50+");
  g_assert_cmpuint (d->rows[0].visitors, ==, 2);
  g_assert_cmpuint (d->rows[0].converters, ==, 2);
  g_assert_cmpfloat (d->rows[0].rate, ==, 1);
  g_assert_cmpfloat (d->rows[1].rate, ==, 0.5);
  g_assert_cmpfloat (d->rows[2].rate, ==, 0);
  g_assert_cmpfloat_with_epsilon (d->rows[0].p_value, 0.22067136191984682, 1e-12);
  g_assert_true (d->rows[0].overlaps_base);
  g_clear_pointer (&d, rdm_discovery_free);

  /* purchases only, within blog readers {0, 1, 4}: 35-49 = {4} 1 / 1,
   * 25-34 = {0, 1} 1 / 2; 50+ has no blog reader and is left out.
   * 25-34 against {4}: pooled 2 / 3, se = sqrt (2/9 × (1/2 + 1)) = 0.5773503,
   * z = -0.5 / 0.5773503 = -0.8660254, p = erfc (0.6123724) = 0.3864762. */
  rdm_path_options_init (&options);
  options.events = purchase;
  d = rdm_segment_discover (store, facts, blog, "age_band", &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (d->visitors, ==, 3);
  g_assert_cmpuint (d->converters, ==, 2);
  g_assert_cmpuint (d->visitors_without_value, ==, 0);
  g_assert_cmpuint (d->n_rows, ==, 2);
  g_assert_cmpstr (d->rows[0].value, ==, "35-49");
  g_assert_cmpstr (d->rows[1].value, ==, "25-34");
  g_assert_cmpfloat_with_epsilon (d->rows[1].p_value, 0.38647623077123283, 1e-12);
  g_clear_pointer (&d, rdm_discovery_free);

  /* an unknown key */
  d = rdm_segment_discover (store, facts, NULL, "shoe_size", NULL, &error);
  g_assert_null (d);
  g_assert_error (error, RDM_FILTER_ERROR, RDM_FILTER_ERROR_UNKNOWN_ATTRIBUTE);
  g_assert_cmpstr (error->message, ==, "No visitor attribute is called “shoe_size”");
}

/* Period and events select the conversions a converter needs. */
static void
test_converted_bitmap (void)
{
  g_autoptr (RdmVisitorFacts) facts = NULL;
  g_autoptr (RdmEventStore) store = make_store (NULL, &facts);
  g_autofree guint64 *all = rdm_segment_converted_bitmap (store, NULL);
  g_autofree guint64 *late = NULL;
  RdmPathOptions options;

  g_assert_cmpuint (rdm_bitmap_count (all, store->n_visitors), ==, 4);
  /* from T0 + 1 day: only visitor 0 (T0+2d) and 4 (T0+5d+1h) */
  rdm_path_options_init (&options);
  options.from_time = T0 + DAY;
  late = rdm_segment_converted_bitmap (store, &options);
  g_assert_cmpuint (rdm_bitmap_count (late, store->n_visitors), ==, 2);
  g_assert_true (rdm_bitmap_get (late, 0));
  g_assert_true (rdm_bitmap_get (late, 4));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/segment-compare/wilson", test_wilson);
  g_test_add_func ("/segment-compare/p-value", test_p_value);
  g_test_add_func ("/segment-compare/compare", test_compare);
  g_test_add_func ("/segment-compare/compare-empty", test_compare_empty);
  g_test_add_func ("/segment-compare/credit-matches-subset", test_credit_matches_subset);
  g_test_add_func ("/segment-compare/discover", test_discover);
  g_test_add_func ("/segment-compare/converted-bitmap", test_converted_bitmap);
  return g_test_run ();
}
