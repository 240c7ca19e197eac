/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Forward-direction influence (SPEC.md "Forward direction") on hand-built
 * event stores. Rows are compared through dump(): one line per label,
 * "label: exposures/click exposures/visitors conversions/value
 * click conversions/click value view conversions/view value".
 */
#include "config.h"

#include "rdm-forward.h"
#include "rdm-path-builder.h"
#include "rdm-test-util.h"

#define B ((gint64)1700000000)
#define DAY ((gint64)86400)
#define NO_CAMPAIGN RDM_EVENT_STORE_NO_CAMPAIGN

enum
{
  FB,
  EMAIL,
  SEARCH
};

static char *
dump (const RdmForwardResult *result)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < result->rows->len; i++)
    {
      const RdmForwardRow *row = result->rows->pdata[i];

      g_string_append_printf (text,
                              "%s: %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
                              " %g/%g %g/%g %g/%g\n",
                              row->label, row->exposures, row->click_exposures,
                              row->exposed_visitors, row->conversions, row->value,
                              row->click_conversions, row->click_value, row->view_conversions,
                              row->view_value);
    }
  g_string_append_printf (text, "total %g/%g\n", result->total_conversions, result->total_value);
  return g_string_free (text, FALSE);
}

static char *
compute_dump (const RdmEventStore *store, const RdmPathOptions *options)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmForwardResult) result = rdm_forward_compute (store, options, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result->note);
  return dump (result);
}

static RdmEventStore *
new_store (guint32 *spring, guint32 *summer)
{
  RdmEventStore *store = rdm_event_store_new ();

  rdm_event_store_intern_channel (store, "Facebook", FALSE);
  rdm_event_store_intern_channel (store, "Email", FALSE);
  rdm_event_store_intern_channel (store, "Search", FALSE);
  rdm_event_store_intern_event (store, "purchase");
  rdm_event_store_intern_event (store, "signup");
  *spring = rdm_event_store_intern_campaign (store, FB, "Spring");
  *summer = rdm_event_store_intern_campaign (store, EMAIL, "Summer");
  return store;
}

static RdmEventStore *
new_influence_store (void)
{
  guint32 spring, summer;
  RdmEventStore *store = new_store (&spring, &summer);

  /* visitor 0: two campaigns before one purchase (10), then a Spring click
   * after it, which influences nothing */
  rdm_event_store_add_visitor (store, 1);
  rdm_event_store_add_touch (store, B, FB, spring, RDM_INTERACTION_IMPRESSION);
  rdm_event_store_add_touch (store, B + DAY, EMAIL, summer, RDM_INTERACTION_CLICK);
  rdm_event_store_add_conversion (store, B + 2 * DAY, 0, 10);
  rdm_event_store_add_touch (store, B + 3 * DAY, FB, spring, RDM_INTERACTION_CLICK);
  /* visitor 1: three Spring impressions before one purchase (5): counted
   * once */
  rdm_event_store_add_visitor (store, 2);
  rdm_event_store_add_touch (store, B, FB, spring, RDM_INTERACTION_IMPRESSION);
  rdm_event_store_add_touch (store, B + 1, FB, spring, RDM_INTERACTION_IMPRESSION);
  rdm_event_store_add_touch (store, B + 2, FB, spring, RDM_INTERACTION_IMPRESSION);
  rdm_event_store_add_conversion (store, B + 10, 0, 5);
  /* visitor 2: a Search click, a purchase (1) exactly 30 days later (in),
   * another (100) 30 days + 1 s later (out) */
  rdm_event_store_add_visitor (store, 3);
  rdm_event_store_add_touch (store, B, SEARCH, NO_CAMPAIGN, RDM_INTERACTION_CLICK);
  rdm_event_store_add_conversion (store, B + 30 * DAY, 0, 1);
  rdm_event_store_add_conversion (store, B + 30 * DAY + 1, 0, 100);
  /* visitor 3: a Facebook click 40 days before a purchase (2), out of the
   * window, and an impression 1 day before, in: view-influenced */
  rdm_event_store_add_visitor (store, 4);
  rdm_event_store_add_touch (store, B, FB, NO_CAMPAIGN, RDM_INTERACTION_CLICK);
  rdm_event_store_add_touch (store, B + 39 * DAY, FB, NO_CAMPAIGN, RDM_INTERACTION_IMPRESSION);
  rdm_event_store_add_conversion (store, B + 40 * DAY, 0, 2);
  rdm_event_store_finish (store);
  return store;
}

static void
test_campaigns (void)
{
  g_autoptr (RdmEventStore) store = new_influence_store ();
  g_autofree char *text = NULL;
  RdmPathOptions options;

  rdm_path_options_init (&options);
  options.level = RDM_LEVEL_CAMPAIGN;
  text = compute_dump (store, &options);
  /* Spring: exposures 2 + 3, one click; purchases 10 and 5, both by
   * impressions only (the click came after). Summer: the same purchase of
   * 10, by a click. The rows claim 10 + 10 + 5 + 1 + 2 = 28 against a
   * distinct total of 10 + 5 + 1 + 2 = 18: not de-duplicated. */
  g_assert_cmpstr (text, ==,
                   "Facebook / Spring: 5/1/2 2/15 0/0 2/15\n"
                   "Email / Summer: 1/1/1 1/10 1/10 0/0\n"
                   "Search: 1/1/1 1/1 1/1 0/0\n"
                   "Facebook: 2/1/1 1/2 0/0 1/2\n"
                   "total 4/18\n");
}

static void
test_channels (void)
{
  g_autoptr (RdmEventStore) store = new_influence_store ();
  g_autofree char *text = NULL;
  RdmPathOptions options;

  rdm_path_options_init (&options);
  text = compute_dump (store, &options);
  /* Facebook: visitors 0, 1, 3 with 2 + 3 + 2 exposures (clicks: the one
   * after visitor 0's purchase and visitor 3's old one); purchases 10, 5
   * and 2, all view-influenced */
  g_assert_cmpstr (text, ==,
                   "Facebook: 7/2/3 3/17 0/0 3/17\n"
                   "Email: 1/1/1 1/10 1/10 0/0\n"
                   "Search: 1/1/1 1/1 1/1 0/0\n"
                   "total 4/18\n");
}

static void
test_window_and_period (void)
{
  g_autoptr (RdmEventStore) store = new_influence_store ();
  g_autofree char *narrow = NULL;
  g_autofree char *period = NULL;
  RdmPathOptions options;

  rdm_path_options_init (&options);
  /* a 1-day window, boundary included: visitor 0's purchase 1 day after
   * the Summer click (but 2 days after Facebook's impression), visitor 1's
   * 10 s after its impressions, visitor 3's 1 day after its impression */
  options.forward_window_days = 1;
  narrow = compute_dump (store, &options);
  g_assert_cmpstr (narrow, ==,
                   "Facebook: 7/2/3 2/7 0/0 2/7\n"
                   "Email: 1/1/1 1/10 1/10 0/0\n"
                   "Search: 1/1/1 0/0 0/0 0/0\n"
                   "total 3/17\n");

  /* exposures from B + 1 day to B + 39 days: visitor 0's Summer click and
   * later Spring click, visitor 3's impression at B + 39 d is out ([from,
   * to)); the purchase at B + 2 d is influenced by Summer only */
  rdm_path_options_init (&options);
  options.level = RDM_LEVEL_CAMPAIGN;
  options.from_time = B + DAY;
  options.to_time = B + 39 * DAY;
  period = compute_dump (store, &options);
  g_assert_cmpstr (period, ==,
                   "Email / Summer: 1/1/1 1/10 1/10 0/0\n"
                   "Facebook / Spring: 1/1/1 0/0 0/0 0/0\n"
                   "total 1/10\n");
}

static void
test_conversion_after_period (void)
{
  guint32 spring, summer;
  g_autoptr (RdmEventStore) store = new_store (&spring, &summer);
  g_autofree char *text = NULL;
  g_autofree char *signups = NULL;
  const char *only_signup[] = { "signup", NULL };
  RdmPathOptions options;

  /* the period selects exposures: a purchase after its end still counts */
  rdm_event_store_add_visitor (store, 1);
  rdm_event_store_add_touch (store, B + 2 * DAY, SEARCH, NO_CAMPAIGN, RDM_INTERACTION_VISIT);
  rdm_event_store_add_conversion (store, B + 5 * DAY, 0, 3);
  rdm_event_store_finish (store);

  rdm_path_options_init (&options);
  options.from_time = B + DAY;
  options.to_time = B + 3 * DAY;
  text = compute_dump (store, &options);
  g_assert_cmpstr (text, ==, "Search: 1/1/1 1/3 1/3 0/0\ntotal 1/3\n");

  /* the event filter: no signup, nothing influenced */
  options.events = (char **)only_signup;
  signups = compute_dump (store, &options);
  g_assert_cmpstr (signups, ==, "Search: 1/1/1 0/0 0/0 0/0\ntotal 0/0\n");
}

static void
test_visitor_mask (void)
{
  g_autoptr (RdmEventStore) store = new_influence_store ();
  g_autoptr (RdmForwardResult) result = NULL;
  g_autofree char *text = NULL;
  RdmPathOptions options;
  const guint8 mask[1] = { 0x04 }; /* visitor 2 only */

  rdm_path_options_init (&options);
  result = rdm_forward_compute (store, &options, mask, NULL);
  text = dump (result);
  g_assert_cmpstr (text, ==, "Search: 1/1/1 1/1 1/1 0/0\ntotal 1/1\n");
}

static void
test_bad_options (void)
{
  g_autoptr (RdmEventStore) store = new_influence_store ();
  g_autoptr (GError) error = NULL;
  RdmPathOptions options;

  rdm_path_options_init (&options);
  options.forward_window_days = -3;
  g_assert_null (rdm_forward_compute (store, &options, NULL, &error));
  g_assert_error (error, RDM_PATH_BUILDER_ERROR, RDM_PATH_BUILDER_ERROR_INVALID_OPTIONS);
  g_assert_cmpstr (error->message, ==, "The forward window must be zero or more days (got -3)");
  g_clear_error (&error);

  rdm_path_options_init (&options);
  options.from_time = B + 1;
  options.to_time = B;
  g_assert_null (rdm_forward_compute (store, &options, NULL, &error));
  g_assert_error (error, RDM_PATH_BUILDER_ERROR, RDM_PATH_BUILDER_ERROR_INVALID_OPTIONS);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/forward/campaigns", test_campaigns);
  g_test_add_func ("/forward/channels", test_channels);
  g_test_add_func ("/forward/window-and-period", test_window_and_period);
  g_test_add_func ("/forward/conversion-after-period", test_conversion_after_period);
  g_test_add_func ("/forward/visitor-mask", test_visitor_mask);
  g_test_add_func ("/forward/bad-options", test_bad_options);
  return g_test_run ();
}
