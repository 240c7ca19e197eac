/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Path building (SPEC.md "Path building") on hand-built event stores, the
 * event and path loaders on small project files, and an independent check
 * against the path table derived from the Si05 attribution data set
 * (../shared/datasets/si05_attribution_subset), both from a store filled
 * straight from the CSV and through the Kaggle importer and the loader.
 *
 * Rows are compared through dump(): one line per row,
 * "visitor: conversions/value/nulls: label kind+age > ...", where kind is
 * c (click or visit) or v (unclicked impression) and age is in seconds.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "rdm-event-loader.h"
#include "rdm-import.h"
#include "rdm-path-builder.h"
#include "rdm-path-loader.h"
#include "rdm-project-db.h"
#include "rdm-test-util.h"

#define B ((gint64)1700000000) /* 2023-11-14T22:13:20Z */
#define DAY ((gint64)86400)

static char *
dump (const RdmPathSet *set)
{
  GString *text = g_string_new (NULL);

  for (guint r = 0; r < rdm_path_set_n_rows (set); r++)
    {
      guint32 start = g_array_index (set->offsets, guint32, r);
      guint32 end = g_array_index (set->offsets, guint32, r + 1);

      g_string_append_printf (text, "%u: %g/%g/%g:", g_array_index (set->visitor, guint32, r),
                              g_array_index (set->conversions, double, r),
                              g_array_index (set->value, double, r),
                              g_array_index (set->nulls, double, r));
      for (guint32 i = start; i < end; i++)
        g_string_append_printf (
            text, "%s %s %s%.0f", i == start ? "" : " >",
            rdm_path_set_label_name (set, g_array_index (set->touch_label, guint32, i)),
            g_array_index (set->touch_kind, guint8, i) == RDM_TOUCH_VIEW ? "v" : "c",
            g_array_index (set->touch_age, double, i));
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

static char *
build_dump (const RdmEventStore *store, const RdmPathOptions *options, const guint8 *mask)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmPathSet) set = rdm_path_builder_build (store, options, mask, &error);

  g_assert_no_error (error);
  g_assert_nonnull (set);
  g_assert_true (set->has_times);
  if (mask == NULL)
    g_assert_cmpuint (set->n_visitors, ==, store->n_visitors);
  return dump (set);
}

/* A store with the channels Facebook (0), Email (1), Search (2), Direct (3,
 * direct) and the events purchase (0) and signup (1). */
static RdmEventStore *
new_store (void)
{
  RdmEventStore *store = rdm_event_store_new ();

  rdm_event_store_intern_channel (store, "Facebook", FALSE);
  rdm_event_store_intern_channel (store, "Email", FALSE);
  rdm_event_store_intern_channel (store, "Search", FALSE);
  rdm_event_store_intern_channel (store, "Direct", TRUE);
  rdm_event_store_intern_event (store, "purchase");
  rdm_event_store_intern_event (store, "signup");
  return store;
}

enum
{
  FB,
  EMAIL,
  SEARCH,
  DIRECT
};
enum
{
  PURCHASE,
  SIGNUP
};
#define NO_CAMPAIGN RDM_EVENT_STORE_NO_CAMPAIGN
#define IMP RDM_INTERACTION_IMPRESSION
#define CLICK RDM_INTERACTION_CLICK
#define VISIT RDM_INTERACTION_VISIT

static void
test_short_paths (void)
{
  g_autoptr (RdmEventStore) store = new_store ();
  g_autofree char *text = NULL;
  RdmPathOptions options;

  rdm_path_options_init (&options);
  /* visitor 0: one click 100 s before a purchase worth 10 */
  rdm_event_store_add_visitor (store, 11);
  rdm_event_store_add_touch (store, B, FB, NO_CAMPAIGN, CLICK);
  rdm_event_store_add_conversion (store, B + 100, PURCHASE, 10);
  /* visitor 1: an impression 1 h before, then a visit 3590 s before */
  rdm_event_store_add_visitor (store, 12);
  rdm_event_store_add_touch (store, B, EMAIL, NO_CAMPAIGN, IMP);
  rdm_event_store_add_touch (store, B + 10, SEARCH, NO_CAMPAIGN, VISIT);
  rdm_event_store_add_conversion (store, B + 3600, PURCHASE, 5.5);
  /* visitor 2: repeated channels F F E F, 4..1 s before */
  rdm_event_store_add_visitor (store, 13);
  rdm_event_store_add_touch (store, B + 1, FB, NO_CAMPAIGN, CLICK);
  rdm_event_store_add_touch (store, B + 2, FB, NO_CAMPAIGN, CLICK);
  rdm_event_store_add_touch (store, B + 3, EMAIL, NO_CAMPAIGN, CLICK);
  rdm_event_store_add_touch (store, B + 4, FB, NO_CAMPAIGN, CLICK);
  rdm_event_store_add_conversion (store, B + 5, PURCHASE, 1);
  rdm_event_store_finish (store);

  g_assert_cmpuint (store->n_touches, ==, 7);
  g_assert_cmpuint (store->n_conversions, ==, 3);
  g_assert_cmpint (store->first_time, ==, B);
  g_assert_cmpint (store->last_time, ==, B + 3600);
  text = build_dump (store, &options, NULL);
  g_assert_cmpstr (text, ==,
                   "0: 1/10/0: Facebook c100\n"
                   "1: 1/5.5/0: Email v3600 > Search c3590\n"
                   "2: 1/1/0: Facebook c4 > Facebook c3 > Email c2 > Facebook c1\n");
}

static void
test_ties_keep_file_order (void)
{
  g_autoptr (RdmEventStore) store = new_store ();
  g_autofree char *text = NULL;
  RdmPathOptions options;

  rdm_path_options_init (&options);
  /* added out of time order: the store sorts by time, and the two touches
   * at B + 50 keep the order they were added in (Search, then Email), as
   * touchpoint ids keep file order */
  rdm_event_store_add_visitor (store, 1);
  rdm_event_store_add_touch (store, B + 50, SEARCH, NO_CAMPAIGN, CLICK);
  rdm_event_store_add_touch (store, B + 10, FB, NO_CAMPAIGN, CLICK);
  rdm_event_store_add_touch (store, B + 50, EMAIL, NO_CAMPAIGN, CLICK);
  rdm_event_store_add_touch (store, B + 50, DIRECT, NO_CAMPAIGN, CLICK);
  rdm_event_store_add_conversion (store, B + 60, PURCHASE, 2);
  rdm_event_store_finish (store);

  text = build_dump (store, &options, NULL);
  g_assert_cmpstr (text, ==, "0: 1/2/0: Facebook c50 > Search c10 > Email c10 > Direct c10\n");
}

static void
test_put_any_order (void)
{
  g_autoptr (RdmEventStore) store = new_store ();
  g_autofree char *text = NULL;
  RdmPathOptions options;

  rdm_path_options_init (&options);
  rdm_event_store_reserve (store, 5, 2, 2);
  g_assert_cmpuint (rdm_event_store_declare_visitor (store, 11, 3, 1), ==, 0);
  g_assert_cmpuint (rdm_event_store_declare_visitor (store, 12, 2, 1), ==, 1);
  /* visitors interleaved, times out of order, a tie at B + 50 that keeps
   * the put order (Search, then Email) */
  g_assert_true (rdm_event_store_put_touch (store, 1, B + 5, EMAIL, NO_CAMPAIGN, IMP));
  g_assert_true (rdm_event_store_put_touch (store, 0, B + 50, SEARCH, NO_CAMPAIGN, CLICK));
  g_assert_true (rdm_event_store_put_conversion (store, 1, B + 9, SIGNUP, 0));
  g_assert_true (rdm_event_store_put_touch (store, 0, B + 10, FB, NO_CAMPAIGN, CLICK));
  g_assert_true (rdm_event_store_put_touch (store, 1, B + 1, FB, NO_CAMPAIGN, CLICK));
  g_assert_true (rdm_event_store_put_touch (store, 0, B + 50, EMAIL, NO_CAMPAIGN, CLICK));
  /* more than declared, or a visitor that does not exist: refused */
  g_assert_false (rdm_event_store_put_touch (store, 0, B, FB, NO_CAMPAIGN, CLICK));
  g_assert_false (rdm_event_store_put_touch (store, 2, B, FB, NO_CAMPAIGN, CLICK));
  g_assert_true (rdm_event_store_put_conversion (store, 0, B + 60, PURCHASE, 2));
  g_assert_false (rdm_event_store_put_conversion (store, 0, B + 60, PURCHASE, 2));
  rdm_event_store_finish (store);

  g_assert_cmpuint (store->n_touches, ==, 5);
  g_assert_cmpuint (store->n_conversions, ==, 2);
  g_assert_cmpuint (store->touch_visitor[2], ==, 0);
  g_assert_cmpuint (store->touch_visitor[3], ==, 1);
  g_assert_cmpint (store->first_time, ==, B + 1);
  g_assert_cmpint (store->last_time, ==, B + 60);
  g_assert_cmpuint (rdm_event_store_memory_bytes (store), ==, 5 * 21 + 2 * 24 + 3 * 16);
  /* both events are used, purchase first in (visitor, time) order */
  g_assert_cmpstr (store->event_names->pdata[store->conversion_event[0]], ==, "purchase");
  g_assert_cmpstr (store->event_names->pdata[store->conversion_event[1]], ==, "signup");
  text = build_dump (store, &options, NULL);
  g_assert_cmpstr (text, ==,
                   "0: 1/2/0: Facebook c50 > Search c10 > Email c10\n"
                   "1: 1/0/0: Facebook c8 > Email v4\n");
}

static void
test_path_set_reserve (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (TRUE);
  g_autofree char *text = NULL;
  guint32 fb = rdm_path_set_intern_label (set, "Facebook", FALSE);

  /* room, not rows: the set reads as empty until rows are added */
  rdm_path_set_reserve (set, 10, 100);
  g_assert_cmpuint (rdm_path_set_n_rows (set), ==, 0);
  g_assert_cmpuint (set->offsets->len, ==, 1);
  g_assert_cmpuint (set->touch_label->len, ==, 0);
  rdm_path_set_add_touch (set, fb, RDM_TOUCH_CLICK, 5);
  rdm_path_set_end_row (set, 1, 3, 0, 0);
  /* less room than already used changes nothing */
  rdm_path_set_reserve (set, 0, 0);
  text = dump (set);
  g_assert_cmpstr (text, ==, "0: 1/3/0: Facebook c5\n");
}

static void
test_windows (void)
{
  g_autoptr (RdmEventStore) store = new_store ();
  g_autofree char *text = NULL;
  g_autofree char *wide = NULL;
  RdmPathOptions options;
  gint64 T = B + 40 * DAY;

  rdm_path_options_init (&options);
  rdm_event_store_add_visitor (store, 1);
  /* 30 days + 1 s before: outside the 30-day click window */
  rdm_event_store_add_touch (store, T - 30 * DAY - 1, FB, NO_CAMPAIGN, CLICK);
  /* exactly 30 days (2 592 000 s) before: inside, the window is inclusive */
  rdm_event_store_add_touch (store, T - 30 * DAY, EMAIL, NO_CAMPAIGN, CLICK);
  /* an impression 2 days before: inside the click window but outside the
   * 1-day view window, so excluded */
  rdm_event_store_add_touch (store, T - 2 * DAY, SEARCH, NO_CAMPAIGN, IMP);
  /* a clicked impression (stored as a click) 2 days before: included */
  rdm_event_store_add_touch (store, T - 2 * DAY, FB, NO_CAMPAIGN, CLICK);
  /* impressions exactly 1 day and 1 day + 1 s before: in, out */
  rdm_event_store_add_touch (store, T - DAY - 1, DIRECT, NO_CAMPAIGN, IMP);
  rdm_event_store_add_touch (store, T - DAY, SEARCH, NO_CAMPAIGN, IMP);
  /* a visit 29 days before... placed last in the file, sorted by time */
  rdm_event_store_add_touch (store, T - 29 * DAY, DIRECT, NO_CAMPAIGN, VISIT);
  rdm_event_store_add_conversion (store, T, PURCHASE, 1);
  rdm_event_store_finish (store);

  text = build_dump (store, &options, NULL);
  /* 2592000 = 30 d, 2505600 = 29 d, 172800 = 2 d, 86400 = 1 d */
  g_assert_cmpstr (text, ==,
                   "0: 1/1/0: Email c2592000 > Direct c2505600 > Facebook c172800 > Search "
                   "v86400\n");

  /* windows of 3650 days take everything, in time order */
  options.click_window_days = 3650;
  options.view_window_days = 3650;
  wide = build_dump (store, &options, NULL);
  g_assert_cmpstr (wide, ==,
                   "0: 1/1/0: Facebook c2592001 > Email c2592000 > Direct c2505600 > Search "
                   "v172800 > Facebook c172800 > Direct v86401 > Search v86400\n");
}

static void
test_fractional_window (void)
{
  g_autoptr (RdmEventStore) store = new_store ();
  g_autofree char *text = NULL;
  RdmPathOptions options;

  rdm_path_options_init (&options);
  /* a 0.5-day view window is 43 200 s */
  options.view_window_days = 0.5;
  rdm_event_store_add_visitor (store, 1);
  rdm_event_store_add_touch (store, B, FB, NO_CAMPAIGN, IMP);
  rdm_event_store_add_touch (store, B + 1, EMAIL, NO_CAMPAIGN, IMP);
  rdm_event_store_add_conversion (store, B + 43201, PURCHASE, 1);
  rdm_event_store_finish (store);
  text = build_dump (store, &options, NULL);
  g_assert_cmpstr (text, ==, "0: 1/1/0: Email v43200\n");
}

static void
test_no_touch (void)
{
  g_autoptr (RdmEventStore) store = new_store ();
  g_autoptr (RdmPathSet) set = NULL;
  g_autofree char *text = NULL;
  RdmPathOptions options;

  rdm_path_options_init (&options);
  /* visitor 0 converts with no touch at all */
  rdm_event_store_add_visitor (store, 1);
  rdm_event_store_add_conversion (store, B, PURCHASE, 7);
  /* visitor 1: its only touch comes one second after the conversion, so
   * the conversion has no touch and the touch is a null path (age 0: it is
   * the last event of the data) */
  rdm_event_store_add_visitor (store, 2);
  rdm_event_store_add_conversion (store, B + 10, PURCHASE, 3);
  rdm_event_store_add_touch (store, B + 11, FB, NO_CAMPAIGN, CLICK);
  rdm_event_store_finish (store);

  text = build_dump (store, &options, NULL);
  g_assert_cmpstr (text, ==,
                   "0: 1/7/0: (none) c0\n"
                   "1: 1/3/0: (none) c0\n"
                   "1: 0/0/1: Facebook c0\n");
  set = rdm_path_builder_build (store, &options, NULL, NULL);
  g_assert_cmpstr (rdm_path_set_label_name (set, 0), ==, RDM_NO_TOUCH_LABEL);
  g_assert_false (set->label_is_direct->data[0]);
}

static RdmEventStore *
new_multi_conversion_store (void)
{
  RdmEventStore *store = new_store ();

  /* A at 0, C at 10 (same second as the first conversion), conversion at
   * 10, B at 20, conversion at 30, D at 40 */
  rdm_event_store_add_visitor (store, 1);
  rdm_event_store_add_touch (store, B, FB, NO_CAMPAIGN, CLICK);
  rdm_event_store_add_touch (store, B + 10, EMAIL, NO_CAMPAIGN, CLICK);
  rdm_event_store_add_conversion (store, B + 10, PURCHASE, 1);
  rdm_event_store_add_touch (store, B + 20, SEARCH, NO_CAMPAIGN, CLICK);
  rdm_event_store_add_conversion (store, B + 30, PURCHASE, 2);
  rdm_event_store_add_touch (store, B + 40, DIRECT, NO_CAMPAIGN, CLICK);
  rdm_event_store_finish (store);
  return store;
}

static void
test_restart (void)
{
  g_autoptr (RdmEventStore) store = new_multi_conversion_store ();
  g_autofree char *on = NULL;
  g_autofree char *off = NULL;
  RdmPathOptions options;

  rdm_path_options_init (&options);
  /* restart on: the touch at the first conversion's second belongs to it
   * only; the touch after the last conversion is a null path, 0 s before
   * the end of the data (B + 40) */
  on = build_dump (store, &options, NULL);
  g_assert_cmpstr (on, ==,
                   "0: 1/1/0: Facebook c10 > Email c0\n"
                   "0: 1/2/0: Search c10\n"
                   "0: 0/0/1: Direct c0\n");

  options.restart_after_conversion = FALSE;
  off = build_dump (store, &options, NULL);
  g_assert_cmpstr (off, ==,
                   "0: 1/1/0: Facebook c10 > Email c0\n"
                   "0: 1/2/0: Facebook c30 > Email c20 > Search c10\n"
                   "0: 0/0/1: Direct c0\n");
}

static void
test_null_paths (void)
{
  g_autoptr (RdmEventStore) store = new_store ();
  g_autofree char *text = NULL;
  RdmPathOptions options;

  rdm_path_options_init (&options);
  /* visitor 0 never converts: all its touches, even 40 days old (no
   * windows on null paths), aged to the end of the data B + 40 d */
  rdm_event_store_add_visitor (store, 1);
  rdm_event_store_add_touch (store, B, FB, NO_CAMPAIGN, IMP);
  rdm_event_store_add_touch (store, B + 5, EMAIL, NO_CAMPAIGN, CLICK);
  /* visitor 1 converts then comes back twice */
  rdm_event_store_add_visitor (store, 2);
  rdm_event_store_add_touch (store, B + 40 * DAY - 100, SEARCH, NO_CAMPAIGN, CLICK);
  rdm_event_store_add_conversion (store, B + 40 * DAY - 50, PURCHASE, 4);
  rdm_event_store_add_touch (store, B + 40 * DAY - 20, FB, NO_CAMPAIGN, CLICK);
  rdm_event_store_add_touch (store, B + 40 * DAY, DIRECT, NO_CAMPAIGN, CLICK);
  /* visitor 2 converts with nothing after: no null row */
  rdm_event_store_add_visitor (store, 3);
  rdm_event_store_add_touch (store, B + 100, EMAIL, NO_CAMPAIGN, CLICK);
  rdm_event_store_add_conversion (store, B + 200, PURCHASE, 1);
  rdm_event_store_finish (store);

  text = build_dump (store, &options, NULL);
  /* 3456000 = 40 d, 3455995 = 40 d - 5 */
  g_assert_cmpstr (text, ==,
                   "0: 0/0/1: Facebook v3456000 > Email c3455995\n"
                   "1: 1/4/0: Search c50\n"
                   "1: 0/0/1: Facebook c20 > Direct c0\n"
                   "2: 1/1/0: Email c100\n");
}

static void
test_evaluation_period (void)
{
  g_autoptr (RdmEventStore) store = new_store ();
  g_autofree char *text = NULL;
  RdmPathOptions options;
  gint64 from = B + 10 * DAY;
  gint64 to = B + 20 * DAY;

  rdm_path_options_init (&options);
  options.from_time = from;
  options.to_time = to;
  /* visitor 0: a touch 5 days before the period still counts for a
   * conversion 1 day into it (6 days back, inside the click window) */
  rdm_event_store_add_visitor (store, 1);
  rdm_event_store_add_touch (store, from - 5 * DAY, FB, NO_CAMPAIGN, CLICK);
  rdm_event_store_add_conversion (store, from + DAY, PURCHASE, 1);
  /* visitor 1: a conversion before the period is not reported but closes
   * the journey before it; the conversion at `to` is outside ([from, to)) */
  rdm_event_store_add_visitor (store, 2);
  rdm_event_store_add_touch (store, from - 3 * DAY, FB, NO_CAMPAIGN, CLICK);
  rdm_event_store_add_conversion (store, from - 2 * DAY, PURCHASE, 1);
  rdm_event_store_add_touch (store, from - DAY, EMAIL, NO_CAMPAIGN, CLICK);
  rdm_event_store_add_conversion (store, from, PURCHASE, 2);
  rdm_event_store_add_touch (store, to - 1, SEARCH, NO_CAMPAIGN, CLICK);
  rdm_event_store_add_conversion (store, to, PURCHASE, 3);
  /* visitor 2 never converts: only its touches inside the period make its
   * null path, aged to the end of the period */
  rdm_event_store_add_visitor (store, 3);
  rdm_event_store_add_touch (store, from - 1, FB, NO_CAMPAIGN, CLICK);
  rdm_event_store_add_touch (store, from, EMAIL, NO_CAMPAIGN, CLICK);
  rdm_event_store_add_touch (store, to - 10, SEARCH, NO_CAMPAIGN, CLICK);
  rdm_event_store_add_touch (store, to, DIRECT, NO_CAMPAIGN, CLICK);
  /* visitor 3: everything before the period: no row */
  rdm_event_store_add_visitor (store, 4);
  rdm_event_store_add_touch (store, from - 1, FB, NO_CAMPAIGN, CLICK);
  rdm_event_store_finish (store);

  text = build_dump (store, &options, NULL);
  /* 518400 = 6 d; 86400 = 1 d; 864000 = 10 d (to - from) */
  g_assert_cmpstr (text, ==,
                   "0: 1/1/0: Facebook c518400\n"
                   "1: 1/2/0: Email c86400\n"
                   "1: 0/0/1: Search c1\n"
                   "2: 0/0/1: Email c864000 > Search c10\n");
}

static void
test_event_filter (void)
{
  g_autoptr (RdmEventStore) store = new_store ();
  g_autofree char *all = NULL;
  g_autofree char *purchases = NULL;
  g_autofree char *unknown = NULL;
  const char *only_purchase[] = { "purchase", NULL };
  const char *only_refund[] = { "refund", NULL };
  RdmPathOptions options;

  rdm_path_options_init (&options);
  rdm_event_store_add_visitor (store, 1);
  rdm_event_store_add_touch (store, B, FB, NO_CAMPAIGN, CLICK);
  rdm_event_store_add_conversion (store, B + 1, SIGNUP, 0);
  rdm_event_store_add_touch (store, B + 2, EMAIL, NO_CAMPAIGN, CLICK);
  rdm_event_store_add_conversion (store, B + 3, PURCHASE, 9);
  rdm_event_store_finish (store);

  all = build_dump (store, &options, NULL);
  g_assert_cmpstr (all, ==,
                   "0: 1/0/0: Facebook c1\n"
                   "0: 1/9/0: Email c1\n");
  /* the signup neither makes a row nor restarts the purchase's path */
  options.events = (char **)only_purchase;
  purchases = build_dump (store, &options, NULL);
  g_assert_cmpstr (purchases, ==, "0: 1/9/0: Facebook c3 > Email c1\n");
  /* an event nobody recorded: no conversion, the visitor's touches are a
   * null path */
  options.events = (char **)only_refund;
  unknown = build_dump (store, &options, NULL);
  g_assert_cmpstr (unknown, ==, "0: 0/0/1: Facebook c3 > Email c1\n");
}

static void
test_campaign_level (void)
{
  g_autoptr (RdmEventStore) store = new_store ();
  g_autoptr (RdmPathSet) set = NULL;
  g_autofree char *text = NULL;
  RdmPathOptions options;
  guint32 spring = rdm_event_store_intern_campaign (store, FB, "Spring");
  guint32 brand = rdm_event_store_intern_campaign (store, DIRECT, "Brand");

  /* the same name on another channel is another campaign */
  g_assert_cmpuint (rdm_event_store_intern_campaign (store, EMAIL, "Spring"), ==, 2);
  g_assert_cmpuint (rdm_event_store_intern_campaign (store, FB, "Spring"), ==, spring);

  rdm_path_options_init (&options);
  options.level = RDM_LEVEL_CAMPAIGN;
  rdm_event_store_add_visitor (store, 1);
  rdm_event_store_add_touch (store, B, FB, spring, CLICK);
  rdm_event_store_add_touch (store, B + 1, FB, NO_CAMPAIGN, CLICK);
  rdm_event_store_add_touch (store, B + 2, DIRECT, brand, CLICK);
  rdm_event_store_add_conversion (store, B + 3, PURCHASE, 1);
  rdm_event_store_finish (store);

  text = build_dump (store, &options, NULL);
  g_assert_cmpstr (text, ==, "0: 1/1/0: Facebook / Spring c3 > Facebook c2 > Direct / Brand c1\n");
  /* the campaign of a direct channel is direct for last non-direct */
  set = rdm_path_builder_build (store, &options, NULL, NULL);
  g_assert_cmpuint (rdm_path_set_n_labels (set), ==, 3);
  g_assert_false (set->label_is_direct->data[0]);
  g_assert_false (set->label_is_direct->data[1]);
  g_assert_true (set->label_is_direct->data[2]);
}

static void
test_visitor_mask (void)
{
  g_autoptr (RdmEventStore) store = new_store ();
  g_autoptr (RdmPathSet) set = NULL;
  g_autofree char *text = NULL;
  RdmPathOptions options;
  /* 10 visitors; keep 1, 8 and 9: bits 1 of byte 0, 0 and 1 of byte 1 */
  const guint8 mask[2] = { 0x02, 0x03 };

  rdm_path_options_init (&options);
  for (guint v = 0; v < 10; v++)
    {
      rdm_event_store_add_visitor (store, 100 + v);
      rdm_event_store_add_touch (store, B + v, v % 2 ? FB : EMAIL, NO_CAMPAIGN, CLICK);
      rdm_event_store_add_conversion (store, B + 10, PURCHASE, v);
    }
  rdm_event_store_finish (store);
  g_assert_cmpint (store->visitor_id[9], ==, 109);

  /* kept visitors 1, 8, 9 are numbered 0, 1, 2 for the bootstrap, which
   * resamples the 3 of them */
  set = rdm_path_builder_build (store, &options, mask, NULL);
  g_assert_cmpuint (set->n_visitors, ==, 3);
  text = dump (set);
  g_assert_cmpstr (text, ==,
                   "0: 1/1/0: Facebook c9\n"
                   "1: 1/8/0: Email c2\n"
                   "2: 1/9/0: Facebook c1\n");
}

static void
test_bad_options (void)
{
  g_autoptr (RdmEventStore) store = new_store ();
  g_autoptr (GError) error = NULL;
  RdmPathSet *set;
  RdmPathOptions options;

  rdm_event_store_finish (store);
  rdm_path_options_init (&options);
  options.click_window_days = -1;
  set = rdm_path_builder_build (store, &options, NULL, &error);
  g_assert_null (set);
  g_assert_error (error, RDM_PATH_BUILDER_ERROR, RDM_PATH_BUILDER_ERROR_INVALID_OPTIONS);
  g_assert_cmpstr (error->message, ==,
                   "The click and view windows must be zero or more days (got -1 and 1)");
  g_clear_error (&error);

  rdm_path_options_init (&options);
  options.view_window_days = NAN;
  g_assert_null (rdm_path_builder_build (store, &options, NULL, &error));
  g_assert_error (error, RDM_PATH_BUILDER_ERROR, RDM_PATH_BUILDER_ERROR_INVALID_OPTIONS);
  g_clear_error (&error);

  rdm_path_options_init (&options);
  options.from_time = B;
  options.to_time = B;
  g_assert_null (rdm_path_builder_build (store, &options, NULL, &error));
  g_assert_error (error, RDM_PATH_BUILDER_ERROR, RDM_PATH_BUILDER_ERROR_INVALID_OPTIONS);
  g_assert_cmpstr (error->message, ==,
                   "The evaluation period is empty: its start must come before its end");
}

static void
test_empty_store (void)
{
  g_autoptr (RdmEventStore) store = rdm_event_store_new ();
  g_autofree char *text = NULL;
  RdmPathOptions options;

  rdm_event_store_finish (store);
  rdm_path_options_init (&options);
  g_assert_cmpuint (rdm_event_store_memory_bytes (store), ==, 16);
  text = build_dump (store, &options, NULL);
  g_assert_cmpstr (text, ==, "");
}

/* A project with events, through SQL as an importer would leave them:
 * visitor ids 5, 7, 9 (7 has only a conversion, 9 only touches), rows
 * inserted out of time order with a tie, campaigns, a direct channel. */
static RdmProject *
new_event_project (const char *dir)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "events.rendement", NULL);
  g_autoptr (RdmProject) project = rdm_project_create (path, &error);

  g_assert_no_error (error);
  g_assert_true (rdm_project_exec (project,
                                   "INSERT INTO channel (id, name, channel_group) VALUES"
                                   " (1, 'Facebook', 'social'), (2, 'Direct', 'direct'),"
                                   " (3, 'Email', 'email');"
                                   "INSERT INTO campaign (id, channel_id, name) VALUES"
                                   " (1, 1, 'Spring');"
                                   "INSERT INTO visitor (id, external_id) VALUES"
                                   " (5, 'a'), (7, 'b'), (9, 'c');"
                                   "INSERT INTO touchpoint (id, visitor_id, time, channel_id,"
                                   " campaign_id, interaction) VALUES"
                                   " (1, 5, 1700000050, 3, NULL, 1),"
                                   " (2, 5, 1700000010, 1, 1, 0),"
                                   " (3, 5, 1700000050, 2, NULL, 2),"
                                   " (4, 9, 1700000100, 1, NULL, 1);"
                                   "INSERT INTO conversion (visitor_id, time, event, value) VALUES"
                                   " (5, 1700000060, 'purchase', 12.5),"
                                   " (7, 1700000070, 'signup', 0);",
                                   &error));
  g_assert_no_error (error);
  return g_steal_pointer (&project);
}

static void
test_load_store (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autoptr (RdmProject) project = new_event_project (dir);
  g_autoptr (RdmEventStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *campaigns = NULL;
  RdmPathOptions options;

  store = rdm_event_store_load (project, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (store->n_visitors, ==, 3);
  g_assert_cmpint (store->visitor_id[0], ==, 5);
  g_assert_cmpint (store->visitor_id[1], ==, 7);
  g_assert_cmpint (store->visitor_id[2], ==, 9);
  g_assert_cmpuint (store->n_touches, ==, 4);
  g_assert_cmpuint (store->n_conversions, ==, 2);
  /* visitor 5: touches 0..2, conversion 0; 7: conversion 1; 9: touch 3 */
  g_assert_cmpuint (store->visitor_touch_start[1], ==, 3);
  g_assert_cmpuint (store->visitor_touch_start[2], ==, 3);
  g_assert_cmpuint (store->visitor_touch_start[3], ==, 4);
  g_assert_cmpuint (store->visitor_conversion_start[1], ==, 1);
  g_assert_cmpuint (store->visitor_conversion_start[2], ==, 2);
  g_assert_cmpuint (store->visitor_conversion_start[3], ==, 2);
  g_assert_cmpuint (store->touch_visitor[3], ==, 2);
  g_assert_cmpuint (store->conversion_visitor[1], ==, 1);
  g_assert_cmpint (store->touch_time[0], ==, 1700000010);
  g_assert_cmpuint (store->touch_campaign[0], ==, 0);
  g_assert_cmpuint (store->touch_campaign[1], ==, RDM_EVENT_STORE_NO_CAMPAIGN);
  g_assert_cmpuint (store->touch_interaction[2], ==, RDM_INTERACTION_VISIT);
  g_assert_cmpfloat (store->conversion_value[0], ==, 12.5);
  g_assert_cmpstr (store->event_names->pdata[store->conversion_event[1]], ==, "signup");
  g_assert_cmpint (rdm_event_store_find_channel (store, "Direct"), ==, 1);
  g_assert_cmpint (rdm_event_store_find_channel (store, "TikTok"), ==, -1);
  g_assert_cmpuint (store->channel_is_direct->data[1], ==, 1);
  g_assert_cmpuint (store->channel_is_direct->data[0], ==, 0);
  g_assert_cmpint (store->first_time, ==, 1700000010);
  g_assert_cmpint (store->last_time, ==, 1700000100);
  /* 4 touches × 21 + 2 conversions × 24 + (3 + 1) visitor slots × 16 */
  g_assert_cmpuint (rdm_event_store_memory_bytes (store), ==, 4 * 21 + 2 * 24 + 4 * 16);

  rdm_path_options_init (&options);
  text = build_dump (store, &options, NULL);
  /* the tie at 1700000050 keeps id order: Email (id 1) before Direct (3);
   * the impression is 50 s old, inside the view window */
  g_assert_cmpstr (text, ==,
                   "0: 1/12.5/0: Facebook v50 > Email c10 > Direct c10\n"
                   "1: 1/0/0: (none) c0\n"
                   "2: 0/0/1: Facebook c0\n");
  options.level = RDM_LEVEL_CAMPAIGN;
  campaigns = build_dump (store, &options, NULL);
  g_assert_cmpstr (campaigns, ==,
                   "0: 1/12.5/0: Facebook / Spring v50 > Email c10 > Direct c10\n"
                   "1: 1/0/0: (none) c0\n"
                   "2: 0/0/1: Facebook c0\n");

  g_clear_object (&project);
  rdm_test_remove_tree (dir);
}

static char *
query_plan (sqlite3 *db, const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  GString *plan = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  return g_string_free (plan, FALSE);
}

static void
test_load_uses_indexes (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autoptr (RdmProject) project = new_event_project (dir);
  sqlite3 *db = rdm_project_get_db (project);
  g_autofree char *touch_counts = NULL;
  g_autofree char *conversion_counts = NULL;
  g_autofree char *touches = NULL;
  g_autofree char *conversions = NULL;

  /* the loader's queries, verbatim: the counts read the indexes alone, the
   * rows are read in table order, and nothing is sorted */
  touch_counts = query_plan (db, "SELECT visitor_id, count(*) FROM touchpoint"
                                 " GROUP BY visitor_id ORDER BY visitor_id");
  conversion_counts = query_plan (db, "SELECT visitor_id, count(*) FROM conversion"
                                      " GROUP BY visitor_id ORDER BY visitor_id");
  touches = query_plan (db, "SELECT visitor_id, time, channel_id, campaign_id, interaction"
                            " FROM touchpoint ORDER BY id");
  conversions = query_plan (db, "SELECT visitor_id, time, event, value"
                                " FROM conversion ORDER BY id");
  g_assert_cmpstr (touch_counts, ==,
                   "SCAN touchpoint USING COVERING INDEX touchpoint_visitor_time\n");
  g_assert_cmpstr (conversion_counts, ==,
                   "SCAN conversion USING COVERING INDEX conversion_visitor_time\n");
  g_assert_cmpstr (touches, ==, "SCAN touchpoint\n");
  g_assert_cmpstr (conversions, ==, "SCAN conversion\n");

  g_clear_object (&project);
  rdm_test_remove_tree (dir);
}

/* The store of @project, checked against the rows in the order
 * "ORDER BY visitor_id, time, id" gives, which the loader reaches by
 * reading the tables in id order instead. */
static void
check_load_order (RdmProject *project)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmEventStore) store = rdm_event_store_load (project, NULL, &error);
  sqlite3_stmt *stmt = NULL;
  guint32 i = 0;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (sqlite3_prepare_v2 (rdm_project_get_db (project),
                                       "SELECT t.visitor_id, t.time, c.name, t.campaign_id IS NULL,"
                                       " t.interaction FROM touchpoint t"
                                       " JOIN channel c ON c.id = t.channel_id"
                                       " ORDER BY t.visitor_id, t.time, t.id",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpuint (i, <, store->n_touches);
      g_assert_cmpint (store->visitor_id[store->touch_visitor[i]], ==,
                       sqlite3_column_int64 (stmt, 0));
      g_assert_cmpint (store->touch_time[i], ==, sqlite3_column_int64 (stmt, 1));
      g_assert_cmpstr (store->channel_names->pdata[store->touch_channel[i]], ==,
                       (const char *)sqlite3_column_text (stmt, 2));
      g_assert_cmpint (store->touch_campaign[i] == NO_CAMPAIGN, ==, sqlite3_column_int (stmt, 3));
      g_assert_cmpint (store->touch_interaction[i], ==, sqlite3_column_int (stmt, 4));
      i++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (i, ==, store->n_touches);

  i = 0;
  g_assert_cmpint (sqlite3_prepare_v2 (rdm_project_get_db (project),
                                       "SELECT visitor_id, time, event, value FROM conversion"
                                       " ORDER BY visitor_id, time, id",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpuint (i, <, store->n_conversions);
      g_assert_cmpint (store->visitor_id[store->conversion_visitor[i]], ==,
                       sqlite3_column_int64 (stmt, 0));
      g_assert_cmpint (store->conversion_time[i], ==, sqlite3_column_int64 (stmt, 1));
      g_assert_cmpstr (store->event_names->pdata[store->conversion_event[i]], ==,
                       (const char *)sqlite3_column_text (stmt, 2));
      g_assert_cmpfloat (store->conversion_value[i], ==, sqlite3_column_double (stmt, 3));
      i++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (i, ==, store->n_conversions);
  /* events are numbered by first appearance in that order, as the
   * dropdowns list them: the conversion with the lowest id is a signup,
   * but the first visitor's is a purchase */
  g_assert_cmpuint (store->event_names->len, ==, 2);
  g_assert_cmpstr (store->event_names->pdata[0], ==, "purchase");
  g_assert_cmpint (rdm_event_store_find_event (store, "signup"), ==, 1);
  for (guint32 v = 0; v + 1 < store->n_visitors; v++)
    g_assert_cmpint (store->visitor_id[v], <, store->visitor_id[v + 1]);
}

static void
test_load_any_row_order (void)
{
  /* dense ids (looked up in a table) and sparse ones (a binary search),
   * each numbered k in increasing order */
  const char *const visitor_ids[] = { "(0, 3), (1, 4), (2, 5), (3, 6)",
                                      "(0, 3), (1, 4000), (2, 9000000000), (3, 1099511627776)" };
  /* touchpoint ids running across visitors (the counting sort); grouped by
   * visitor in increasing order, as the importer writes them (one pass);
   * grouped, but the first visitor last (one pass, then the counting sort) */
  const char *const touch_orders[]
      = { "", " ORDER BY (i * 7) % 3", " ORDER BY (i * 7) % 3 = 0, (i * 7) % 3" };

  for (guint k = 0; k < G_N_ELEMENTS (visitor_ids) * G_N_ELEMENTS (touch_orders); k++)
    {
      g_autofree char *dir = rdm_test_make_tmpdir ();
      g_autofree char *path = g_build_filename (dir, "order.rendement", NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (RdmProject) project = rdm_project_create (path, &error);
      g_autofree char *sql = NULL;

      g_assert_no_error (error);
      /* against time within each visitor, with many ties in time; one
       * visitor has only conversions, another only touches; conversion ids
       * alternate between two visitors */
      sql = g_strdup_printf (
          "INSERT INTO channel (id, name, channel_group) VALUES"
          " (1, 'Facebook', 'social'), (2, 'Direct', 'direct'), (3, 'Email', 'email');"
          "INSERT INTO campaign (id, channel_id, name) VALUES (1, 1, 'Spring');"
          "CREATE TEMP TABLE ids (k INTEGER PRIMARY KEY, id INTEGER);"
          "INSERT INTO temp.ids VALUES %s;"
          "INSERT INTO visitor (id, external_id) SELECT id, 'v' || id FROM temp.ids;"
          "WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 199)"
          " INSERT INTO touchpoint (visitor_id, time, channel_id, campaign_id, interaction)"
          " SELECT (SELECT id FROM temp.ids WHERE k = (i * 7) %% 3),"
          "  1700000000 + (i * 37) %% 11, 1 + i %% 3, CASE WHEN i %% 3 = 0 THEN 1 END, i %% 3"
          " FROM n%s;"
          "WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 29)"
          " INSERT INTO conversion (visitor_id, time, event, value)"
          " SELECT (SELECT id FROM temp.ids WHERE k = CASE WHEN i %% 2 = 0 THEN 3 ELSE 0 END),"
          "  1700000000 + (i * 3) %% 5, CASE WHEN i %% 2 = 0 THEN 'signup' ELSE 'purchase' END,"
          "  i FROM n;",
          visitor_ids[k % G_N_ELEMENTS (visitor_ids)],
          touch_orders[k / G_N_ELEMENTS (visitor_ids)]);
      rdm_project_exec (project, sql, &error);
      g_assert_no_error (error);
      check_load_order (project);

      g_clear_object (&project);
      rdm_test_remove_tree (dir);
    }
}

static void
test_load_text_visitor_id (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autoptr (RdmProject) project = new_event_project (dir);
  g_autoptr (GError) error = NULL;

  /* what an import never writes, in a file edited by hand: it read as
   * visitor 0 and made a visitor of its own */
  g_assert_true (rdm_project_exec (project,
                                   "PRAGMA foreign_keys = OFF;"
                                   "UPDATE touchpoint SET visitor_id = 'x' WHERE id = 4;"
                                   "PRAGMA foreign_keys = ON;",
                                   &error));
  g_assert_no_error (error);
  g_assert_null (rdm_event_store_load (project, NULL, &error));
  g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, rdm_project_get_path (project)));
  g_assert_nonnull (strstr (error->message, "visitor ids"));

  g_clear_object (&project);
  rdm_test_remove_tree (dir);
}

static void
test_load_cancelled (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autoptr (RdmProject) project = new_event_project (dir);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  RdmPathOptions options;

  g_cancellable_cancel (cancellable);
  g_assert_null (rdm_event_store_load (project, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  rdm_path_options_init (&options);
  g_assert_null (rdm_project_load_path_set (project, &options, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* nothing was left open: the project still takes writes */
  g_clear_error (&error);
  g_assert_true (rdm_project_begin (project, &error));
  g_assert_true (rdm_project_commit (project, &error));
  g_assert_no_error (error);

  g_clear_object (&project);
  rdm_test_remove_tree (dir);
}

static void
test_load_path_set (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *empty_path = g_build_filename (dir, "empty.rendement", NULL);
  g_autofree char *table_path = g_build_filename (dir, "table.rendement", NULL);
  g_autoptr (RdmProject) events = new_event_project (dir);
  g_autoptr (RdmProject) empty = NULL;
  g_autoptr (RdmProject) table = NULL;
  g_autoptr (RdmPathSet) set = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  RdmPathOptions options;

  rdm_path_options_init (&options);

  /* events win, even with a path table beside them */
  g_assert_true (rdm_project_exec (events,
                                   "INSERT INTO path_row (path, conversions, value, nulls)"
                                   " VALUES ('x > y', 1, 1, 0)",
                                   &error));
  set = rdm_project_load_path_set (events, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (set->has_times);
  g_assert_cmpuint (rdm_path_set_n_rows (set), ==, 3);
  g_clear_pointer (&set, rdm_path_set_free);

  /* the options are checked */
  options.click_window_days = -2;
  g_assert_null (rdm_project_load_path_set (events, &options, NULL, &error));
  g_assert_error (error, RDM_PATH_BUILDER_ERROR, RDM_PATH_BUILDER_ERROR_INVALID_OPTIONS);
  g_clear_error (&error);
  rdm_path_options_init (&options);

  /* an empty project: an empty set */
  empty = rdm_project_create (empty_path, &error);
  g_assert_no_error (error);
  set = rdm_project_load_path_set (empty, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rdm_path_set_n_rows (set), ==, 0);
  g_clear_pointer (&set, rdm_path_set_free);

  /* only a path table: its rows, without times */
  table = rdm_project_create (table_path, &error);
  g_assert_no_error (error);
  g_assert_true (rdm_project_exec (table,
                                   "INSERT INTO path_row (path, conversions, value, nulls) VALUES"
                                   " ('Facebook > Email', 3, 30, 7), ('Direct', 0, 0, 2)",
                                   &error));
  set = rdm_project_load_path_set (table, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (set->has_times);
  text = dump (set);
  g_assert_cmpstr (text, ==,
                   "0: 3/30/7: Facebook cnan > Email cnan\n"
                   "1: 0/0/2: Direct cnan\n");
  g_clear_pointer (&set, rdm_path_set_free);

  /* a damaged row is reported with its id, and nothing is returned */
  g_assert_true (
      rdm_project_exec (table,
                        "INSERT INTO path_row (id, path, conversions, value, nulls) VALUES"
                        " (9, 'Facebook >  > Email', 1, 0, 0)",
                        &error));
  g_assert_null (rdm_project_load_path_set (table, &options, NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "Path table row 9 of “"));

  g_clear_object (&events);
  g_clear_object (&empty);
  g_clear_object (&table);
  rdm_test_remove_tree (dir);
}

/* The Si05 data set: every row is a touch of its channel (an impression,
 * and the windows are wide enough for any kind), a conversion row is also a
 * conversion at the same time. */
typedef struct
{
  gint64 time;
  guint32 channel;
  gboolean conversion;
  double value;
} Row;

static RdmEventStore *
load_si05 (const char *path, GPtrArray **customer_names)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) customers = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  RdmEventStore *store = rdm_event_store_new ();
  guint32 conversion = rdm_event_store_intern_event (store, "conversion");

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  /* the file has CRLF line ends */
  g_strchomp (lines[0]);
  g_assert_cmpstr (lines[0], ==,
                   "customer_id,time,interaction,conversion,conversion_value,channel");
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto (GStrv) f = NULL;
      g_autoptr (GDateTime) time = NULL;
      gpointer found;
      GArray *rows;
      Row row;

      g_strchomp (lines[i]);
      if (*lines[i] == '\0')
        continue;
      f = g_strsplit (lines[i], ",", -1);
      g_assert_cmpuint (g_strv_length (f), ==, 6);
      time = g_date_time_new_from_iso8601 (f[1], NULL);
      g_assert_nonnull (time);
      row.time = g_date_time_to_unix (time);
      row.channel = rdm_event_store_intern_channel (store, f[5], FALSE);
      row.conversion = g_str_equal (f[3], "1");
      row.value = g_ascii_strtod (f[4], NULL);
      found = g_hash_table_lookup (index, f[0]);
      if (found == NULL)
        {
          g_ptr_array_add (names, g_strdup (f[0]));
          g_ptr_array_add (customers, g_array_new (FALSE, FALSE, sizeof (Row)));
          g_hash_table_insert (index, names->pdata[names->len - 1],
                               GUINT_TO_POINTER (customers->len));
          found = GUINT_TO_POINTER (customers->len);
        }
      rows = customers->pdata[GPOINTER_TO_UINT (found) - 1];
      g_array_append_val (rows, row);
    }

  /* rows in file order per customer: the store sorts by time, stably */
  for (guint c = 0; c < customers->len; c++)
    {
      GArray *rows = customers->pdata[c];

      rdm_event_store_add_visitor (store, c);
      for (guint i = 0; i < rows->len; i++)
        {
          Row *row = &g_array_index (rows, Row, i);

          rdm_event_store_add_touch (store, row->time, row->channel, NO_CAMPAIGN, IMP);
          if (row->conversion)
            rdm_event_store_add_conversion (store, row->time, conversion, row->value);
        }
    }
  rdm_event_store_finish (store);
  *customer_names = g_steal_pointer (&names);
  return store;
}

typedef struct
{
  double conversions;
  double value;
  double nulls;
} Totals;

static void
add_path (GHashTable *table, const char *path, double conversions, double value, double nulls)
{
  Totals *totals = g_hash_table_lookup (table, path);

  if (totals == NULL)
    {
      totals = g_new0 (Totals, 1);
      g_hash_table_insert (table, g_strdup (path), totals);
    }
  totals->conversions += conversions;
  totals->value += value;
  totals->nulls += nulls;
}

/* Compares the first converting journey of each visitor of @set, and the
 * null journey of each visitor who never converts, with the reference path
 * table: totals from SOURCE.md, then path by path. */
static void
check_si05_paths (const RdmPathSet *set, const char *paths_path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) ours = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) theirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree gboolean *seen = g_new0 (gboolean, set->n_visitors);
  g_autofree gboolean *converted = g_new0 (gboolean, set->n_visitors);
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  GHashTableIter iter;
  gpointer key, value;
  double journeys = 0, conversions = 0, total_value = 0, nulls = 0;
  guint longest = 0;

  g_assert_cmpuint (set->n_visitors, ==, 7896);
  for (guint r = 0; r < rdm_path_set_n_rows (set); r++)
    if (g_array_index (set->conversions, double, r) > 0)
      converted[g_array_index (set->visitor, guint32, r)] = TRUE;
  for (guint r = 0; r < rdm_path_set_n_rows (set); r++)
    {
      guint32 v = g_array_index (set->visitor, guint32, r);
      double row_conversions = g_array_index (set->conversions, double, r);
      guint32 start = g_array_index (set->offsets, guint32, r);
      guint32 end = g_array_index (set->offsets, guint32, r + 1);
      g_autoptr (GString) path = g_string_new (NULL);

      /* rows come per visitor in time order: the first converting row is
       * the first conversion */
      if (row_conversions > 0 ? seen[v] : converted[v])
        continue;
      seen[v] = TRUE;
      for (guint32 i = start; i < end; i++)
        g_string_append_printf (
            path, "%s%s", i == start ? "" : " > ",
            rdm_path_set_label_name (set, g_array_index (set->touch_label, guint32, i)));
      longest = MAX (longest, end - start);
      add_path (ours, path->str, row_conversions, g_array_index (set->value, double, r),
                g_array_index (set->nulls, double, r));
      journeys++;
      conversions += row_conversions;
      total_value += g_array_index (set->value, double, r);
      nulls += g_array_index (set->nulls, double, r);
    }
  g_assert_cmpfloat (journeys, ==, 7896);
  g_assert_cmpuint (g_hash_table_size (ours), ==, 6458);
  g_assert_cmpfloat (conversions, ==, 1642);
  g_assert_cmpfloat_with_epsilon (total_value, 10202.5, 1e-9);
  g_assert_cmpfloat (nulls, ==, 6254);
  g_assert_cmpuint (longest, ==, 20);

  g_assert_true (g_file_get_contents (paths_path, &contents, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  g_strchomp (lines[0]);
  g_assert_cmpstr (lines[0], ==, "path;total_conversions;total_conversion_value;total_null");
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto (GStrv) f = NULL;

      g_strchomp (lines[i]);
      if (*lines[i] == '\0')
        continue;
      f = g_strsplit (lines[i], ";", -1);
      g_assert_cmpuint (g_strv_length (f), ==, 4);
      add_path (theirs, f[0], g_ascii_strtod (f[1], NULL), g_ascii_strtod (f[2], NULL),
                g_ascii_strtod (f[3], NULL));
    }
  g_assert_cmpuint (g_hash_table_size (theirs), ==, g_hash_table_size (ours));
  g_hash_table_iter_init (&iter, theirs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Totals *expected = value;
      Totals *actual = g_hash_table_lookup (ours, key);

      if (actual == NULL)
        g_error ("path “%s” of the reference is missing", (const char *)key);
      g_assert_cmpfloat (actual->conversions, ==, expected->conversions);
      g_assert_cmpfloat_with_epsilon (actual->value, expected->value, 1e-9);
      g_assert_cmpfloat (actual->nulls, ==, expected->nulls);
    }
}

/* Windows of ten years take every touch of this one-month data set. */
static void
init_wide_options (RdmPathOptions *options)
{
  rdm_path_options_init (options);
  options->click_window_days = 3650;
  options->view_window_days = 3650;
}

static void
test_si05_first_conversion (void)
{
  g_autofree char *data_path = rdm_test_dataset ("si05_attribution_subset/attribution_data.csv");
  g_autofree char *paths_path = NULL;
  g_autoptr (GPtrArray) names = NULL;
  g_autoptr (RdmEventStore) store = NULL;
  g_autoptr (RdmPathSet) set = NULL;
  g_autoptr (GError) error = NULL;
  RdmPathOptions options;

  if (data_path == NULL)
    return;
  paths_path = rdm_test_dataset ("si05_attribution_subset/paths_first_conversion.csv");
  if (paths_path == NULL)
    return;

  store = load_si05 (data_path, &names);
  g_assert_cmpuint (store->n_visitors, ==, 7896);
  g_assert_cmpuint (store->n_touches, ==, 62483);
  g_assert_cmpuint (store->n_conversions, ==, 1838);

  init_wide_options (&options);
  set = rdm_path_builder_build (store, &options, NULL, &error);
  g_assert_no_error (error);
  check_si05_paths (set, paths_path);
}

/* The same through the Kaggle importer, the project file and the loader. */
static void
test_si05_imported (void)
{
  g_autofree char *data_path = rdm_test_dataset ("si05_attribution_subset/attribution_data.csv");
  g_autofree char *paths_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *project_path = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autoptr (RdmPathSet) set = NULL;
  g_autoptr (GError) error = NULL;
  RdmImportOptions import_options = { .kind = RDM_IMPORT_KIND_EVENTS, .preset = "kaggle" };
  RdmPathOptions options;

  if (data_path == NULL)
    return;
  paths_path = rdm_test_dataset ("si05_attribution_subset/paths_first_conversion.csv");
  if (paths_path == NULL)
    return;

  dir = rdm_test_make_tmpdir ();
  project_path = g_build_filename (dir, "si05.rendement", NULL);
  project = rdm_project_create (project_path, &error);
  g_assert_no_error (error);
  g_assert_true (
      rdm_import_file (project, data_path, &import_options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  init_wide_options (&options);
  set = rdm_project_load_path_set (project, &options, NULL, &error);
  g_assert_no_error (error);
  check_si05_paths (set, paths_path);

  g_clear_object (&project);
  rdm_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/path-builder/short-paths", test_short_paths);
  g_test_add_func ("/path-builder/ties-keep-file-order", test_ties_keep_file_order);
  g_test_add_func ("/path-builder/windows", test_windows);
  g_test_add_func ("/path-builder/fractional-window", test_fractional_window);
  g_test_add_func ("/path-builder/no-touch", test_no_touch);
  g_test_add_func ("/path-builder/restart", test_restart);
  g_test_add_func ("/path-builder/null-paths", test_null_paths);
  g_test_add_func ("/path-builder/evaluation-period", test_evaluation_period);
  g_test_add_func ("/path-builder/event-filter", test_event_filter);
  g_test_add_func ("/path-builder/campaign-level", test_campaign_level);
  g_test_add_func ("/path-builder/visitor-mask", test_visitor_mask);
  g_test_add_func ("/path-builder/bad-options", test_bad_options);
  g_test_add_func ("/path-builder/empty-store", test_empty_store);
  g_test_add_func ("/path-builder/load-store", test_load_store);
  g_test_add_func ("/path-builder/put-any-order", test_put_any_order);
  g_test_add_func ("/path-builder/path-set-reserve", test_path_set_reserve);
  g_test_add_func ("/path-builder/load-uses-indexes", test_load_uses_indexes);
  g_test_add_func ("/path-builder/load-any-row-order", test_load_any_row_order);
  g_test_add_func ("/path-builder/load-text-visitor-id", test_load_text_visitor_id);
  g_test_add_func ("/path-builder/load-cancelled", test_load_cancelled);
  g_test_add_func ("/path-builder/load-path-set", test_load_path_set);
  g_test_add_func ("/path-builder/si05-first-conversion", test_si05_first_conversion);
  g_test_add_func ("/path-builder/si05-imported", test_si05_imported);
  return g_test_run ();
}
