/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rule-based models on hand-computed journeys, the options, the path
 * text parser, and properties every model must keep on random journeys.
 */
#include "config.h"

#include <math.h>

#include "rdm-attribution.h"
#include "rdm-path-table.h"
#include "rdm-test-util.h"

#define DAY 86400.0

/* Adds one row to @set from a compact description: touches separated by
 * " > ", each "label", "label/v" for a view, "label@D" for a touch D days
 * before the conversion. */
static void
add_row (RdmPathSet *set,
         const char *spec,
         double conversions,
         double value,
         double nulls,
         guint32 visitor)
{
  g_auto (GStrv) touches = g_strsplit (spec, " > ", -1);

  for (guint i = 0; spec[0] != '\0' && touches[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup (touches[i]);
      char *at = strchr (name, '@');
      char *view = strstr (name, "/v");
      double age = NAN;

      if (at != NULL)
        {
          age = g_ascii_strtod (at + 1, NULL) * DAY;
          *at = '\0';
        }
      if (view != NULL)
        *view = '\0';
      rdm_path_set_add_touch (
          set, rdm_path_set_intern_label (set, name, g_ascii_strcasecmp (name, "direct") == 0),
          view != NULL ? RDM_TOUCH_VIEW : RDM_TOUCH_CLICK, age);
    }
  rdm_path_set_end_row (set, conversions, value, nulls, visitor);
}

static RdmCredit *
attribute_ok (const RdmPathSet *set, RdmModel model, const RdmModelOptions *options)
{
  g_autoptr (GError) error = NULL;
  RdmCredit *credit = rdm_attribute (set, model, options, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (credit);
  return credit;
}

static double
conv_of (const RdmCredit *credit, const char *label)
{
  int l = rdm_credit_find_label (credit, label);

  g_assert_cmpint (l, >=, 0);
  return credit->conversions[l];
}

static double
value_of (const RdmCredit *credit, const char *label)
{
  int l = rdm_credit_find_label (credit, label);

  g_assert_cmpint (l, >=, 0);
  return credit->value[l];
}

/* Credits sum to the analysed conversions and value within 1e-9 relative,
 * and each label's click and view parts sum to its credit. */
static void
assert_sums (const RdmCredit *credit, double conversions, double value)
{
  double c = 0, v = 0;

  for (guint l = 0; l < credit->n_labels; l++)
    {
      c += credit->conversions[l];
      v += credit->value[l];
      g_assert_cmpfloat (fabs (credit->click_conversions[l] + credit->view_conversions[l]
                               - credit->conversions[l]),
                         <=, 1e-9 * MAX (1, fabs (credit->conversions[l])));
      g_assert_cmpfloat (fabs (credit->click_value[l] + credit->view_value[l] - credit->value[l]),
                         <=, 1e-9 * MAX (1, fabs (credit->value[l])));
    }
  g_assert_cmpfloat (fabs (c - conversions), <=, 1e-9 * MAX (1, conversions));
  g_assert_cmpfloat (fabs (v - value), <=, 1e-9 * MAX (1, fabs (value)));
  g_assert_cmpfloat (fabs (credit->total_conversions - conversions), <=,
                     1e-9 * MAX (1, conversions));
  g_assert_cmpfloat (fabs (credit->total_value - value), <=, 1e-9 * MAX (1, fabs (value)));
}

static void
test_names (void)
{
  const char *names[] = { "first",      "last",           "last-non-direct", "linear", "position",
                          "time-decay", "position-decay", "custom",          "markov", "shapley" };
  RdmModel model;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (rdm_model_from_string (names[i], &model));
      g_assert_cmpint (model, ==, (RdmModel)i);
      g_assert_cmpstr (rdm_model_to_string (model), ==, names[i]);
    }
  g_assert_false (rdm_model_from_string ("Linear", &model));
  g_assert_false (rdm_model_from_string ("", &model));
  g_assert_false (rdm_model_from_string ("time_decay", NULL));
}

static void
test_one_touch (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (TRUE);

  add_row (set, "a@2", 3, 30, 0, 0);
  for (RdmModel m = RDM_MODEL_FIRST; m <= RDM_MODEL_SHAPLEY; m++)
    {
      g_autoptr (RdmCredit) credit = attribute_ok (set, m, NULL);

      g_assert_cmpfloat_with_epsilon (conv_of (credit, "a"), 3, 1e-12);
      g_assert_cmpfloat_with_epsilon (value_of (credit, "a"), 30, 1e-12);
      assert_sums (credit, 3, 30);
    }
}

static void
test_two_touches (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  RdmModelOptions options;
  struct
  {
    RdmModel model;
    double a;
  } expected[] = {
    { RDM_MODEL_FIRST, 1 },
    { RDM_MODEL_LAST, 0 },
    { RDM_MODEL_LAST_NON_DIRECT, 0 },
    { RDM_MODEL_LINEAR, 0.5 },
    /* 40/20/40 on two touches: the middle 20 dropped, 40/40 renormalised */
    { RDM_MODEL_POSITION, 0.5 },
    /* 1 / 3, 2 / 3 */
    { RDM_MODEL_POSITION_DECAY, 1.0 / 3 },
  };

  add_row (set, "a > b", 1, 10, 0, 0);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr (RdmCredit) credit = attribute_ok (set, expected[i].model, NULL);

      g_assert_cmpfloat_with_epsilon (conv_of (credit, "a"), expected[i].a, 1e-12);
      g_assert_cmpfloat_with_epsilon (conv_of (credit, "b"), 1 - expected[i].a, 1e-12);
      g_assert_cmpfloat_with_epsilon (value_of (credit, "a"), 10 * expected[i].a, 1e-12);
      assert_sums (credit, 1, 10);
    }

  /* Adobe's inverse J, 60/20/20: on two touches 60/(60+20) = 75%, 25% */
  rdm_model_options_init (&options);
  options.first_weight = 0.6;
  options.middle_weight = 0.2;
  options.last_weight = 0.2;
  {
    g_autoptr (RdmCredit) credit = attribute_ok (set, RDM_MODEL_POSITION, &options);

    g_assert_cmpfloat_with_epsilon (conv_of (credit, "a"), 0.75, 1e-12);
    g_assert_cmpfloat_with_epsilon (conv_of (credit, "b"), 0.25, 1e-12);
  }
  rdm_model_options_clear (&options);
}

static void
test_repeated_channels (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  g_autoptr (RdmCredit) linear = NULL;
  g_autoptr (RdmCredit) position = NULL;
  g_autoptr (RdmCredit) same = NULL;
  g_autoptr (RdmPathSet) only_a = rdm_path_set_new (FALSE);

  /* a seen k = 3 times out of n = 4 gets 3/4 under linear; position 40/20/40
   * gives a 0.4 (first) + 0.1 (third, one of two middles) + 0.4 (last) */
  add_row (set, "a > b > a > a", 4, 8, 0, 0);
  linear = attribute_ok (set, RDM_MODEL_LINEAR, NULL);
  g_assert_cmpfloat_with_epsilon (conv_of (linear, "a"), 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (conv_of (linear, "b"), 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (value_of (linear, "a"), 6, 1e-12);
  position = attribute_ok (set, RDM_MODEL_POSITION, NULL);
  g_assert_cmpfloat_with_epsilon (conv_of (position, "a"), 4 * 0.9, 1e-12);
  g_assert_cmpfloat_with_epsilon (conv_of (position, "b"), 4 * 0.1, 1e-12);

  /* a tie of one channel with itself: all of it */
  add_row (only_a, "a > a", 2, 0, 0, 0);
  same = attribute_ok (only_a, RDM_MODEL_POSITION_DECAY, NULL);
  g_assert_cmpfloat_with_epsilon (conv_of (same, "a"), 2, 1e-12);
}

static void
test_position_four_touches (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  g_autoptr (RdmCredit) credit = NULL;

  /* 40% first, 40% last, 20% over the two middle touches: 10% each */
  add_row (set, "a > b > c > d", 1, 100, 0, 0);
  credit = attribute_ok (set, RDM_MODEL_POSITION, NULL);
  g_assert_cmpfloat_with_epsilon (conv_of (credit, "a"), 0.4, 1e-12);
  g_assert_cmpfloat_with_epsilon (conv_of (credit, "b"), 0.1, 1e-12);
  g_assert_cmpfloat_with_epsilon (conv_of (credit, "c"), 0.1, 1e-12);
  g_assert_cmpfloat_with_epsilon (conv_of (credit, "d"), 0.4, 1e-12);
  g_assert_cmpfloat_with_epsilon (value_of (credit, "d"), 40, 1e-12);
}

static void
test_position_decay (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  g_autoptr (RdmCredit) credit = NULL;

  /* n = 3: i / (3 * 4 / 2) = 1/6, 2/6, 3/6 */
  add_row (set, "a > b > c", 6, 60, 0, 0);
  credit = attribute_ok (set, RDM_MODEL_POSITION_DECAY, NULL);
  g_assert_cmpfloat_with_epsilon (conv_of (credit, "a"), 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (conv_of (credit, "b"), 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (conv_of (credit, "c"), 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (value_of (credit, "c"), 30, 1e-12);
}

static void
test_last_non_direct (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmCredit) credit = NULL;

  /* row 1: search is the last non-direct touch; row 2: all direct, so the
   * last touch (DIRECT and direct are one channel group, two labels) */
  g_assert_true (rdm_path_set_add_path_text (set, "Direct > search > direct", 1, 10, 0, &error));
  g_assert_true (rdm_path_set_add_path_text (set, "direct > DIRECT", 2, 20, 0, &error));
  g_assert_no_error (error);
  credit = attribute_ok (set, RDM_MODEL_LAST_NON_DIRECT, NULL);
  g_assert_cmpfloat_with_epsilon (conv_of (credit, "search"), 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (conv_of (credit, "DIRECT"), 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (conv_of (credit, "direct"), 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (conv_of (credit, "Direct"), 0, 1e-12);
  assert_sums (credit, 3, 30);
}

static void
test_time_decay_adobe (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (TRUE);
  g_autoptr (RdmCredit) credit = NULL;

  /* Adobe's example: touches 0, 0, 6 and 9 days before a $50 conversion,
   * half-life 7 days. Weights 1, 1, 2^(-6/7) = 0.552045,
   * 2^(-9/7) = 0.410160; sum 2.962205; 50 / 2.962205 = 16.8794, so
   * $16.88, $16.88, 0.552045 * 16.8794 = $9.32, 0.410160 * 16.8794 = $6.92 */
  add_row (set, "w@9 > x@6 > y@0 > z@0", 1, 50, 0, 0);
  credit = attribute_ok (set, RDM_MODEL_TIME_DECAY, NULL);
  g_assert_cmpfloat (round (value_of (credit, "y") * 100), ==, 1688);
  g_assert_cmpfloat (round (value_of (credit, "z") * 100), ==, 1688);
  g_assert_cmpfloat (round (value_of (credit, "x") * 100), ==, 932);
  g_assert_cmpfloat (round (value_of (credit, "w") * 100), ==, 692);
  /* ties at the same age get the same weight */
  g_assert_cmpfloat (value_of (credit, "y"), ==, value_of (credit, "z"));
  assert_sums (credit, 1, 50);
  g_assert_null (credit->note);
}

static void
test_time_decay_missing_times (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (TRUE);
  g_autoptr (RdmPathSet) table = rdm_path_set_new (FALSE);
  g_autoptr (RdmCredit) credit = NULL;
  g_autoptr (GError) error = NULL;

  /* a row whose touches have no time is split evenly, and the note says so */
  add_row (set, "a@1 > b@0", 1, 0, 0, 0);
  add_row (set, "a > b", 1, 0, 0, 1);
  credit = attribute_ok (set, RDM_MODEL_TIME_DECAY, NULL);
  /* row 1: 2^(-1/7) / (1 + 2^(-1/7)) to a; row 2: 1/2 */
  g_assert_cmpfloat_with_epsilon (conv_of (credit, "a"),
                                  exp2 (-1.0 / 7) / (1 + exp2 (-1.0 / 7)) + 0.5, 1e-12);
  g_assert_cmpstr (credit->note, ==,
                   "1 converting path had touches without a time; its credit was split evenly.");

  /* a path table has no times: refused, not degraded */
  add_row (table, "a > b", 1, 0, 0, 0);
  g_assert_null (rdm_attribute (table, RDM_MODEL_TIME_DECAY, NULL, NULL, &error));
  g_assert_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_NEEDS_TIMES);
  g_assert_cmpstr (error->message, ==,
                   "Time decay needs the time of each touch, which only event data have; an "
                   "imported path table has none. Use position decay instead, or import the "
                   "touchpoints.");
}

static void
test_custom (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  g_autoptr (RdmCredit) credit = NULL;
  g_autoptr (RdmCredit) zeroed = NULL;
  RdmModelOptions options;

  /* 40/20/40 times multipliers 1, 3, 1: 0.4, 0.6, 0.4, sum 1.4, so
   * 2/7, 3/7, 2/7 */
  add_row (set, "a > b > c", 7, 14, 0, 0);
  rdm_model_options_init (&options);
  rdm_model_options_set_multiplier (&options, "b", 3);
  rdm_model_options_set_multiplier (&options, "nowhere", 5);
  credit = attribute_ok (set, RDM_MODEL_CUSTOM, &options);
  g_assert_cmpfloat_with_epsilon (conv_of (credit, "a"), 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (conv_of (credit, "b"), 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (conv_of (credit, "c"), 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (value_of (credit, "b"), 6, 1e-12);

  /* multipliers that zero every touch leave the positional weights */
  rdm_model_options_set_multiplier (&options, "a", 0);
  rdm_model_options_set_multiplier (&options, "b", 0);
  rdm_model_options_set_multiplier (&options, "c", 0);
  zeroed = attribute_ok (set, RDM_MODEL_CUSTOM, &options);
  g_assert_cmpfloat_with_epsilon (conv_of (zeroed, "a"), 7 * 0.4, 1e-12);
  g_assert_cmpfloat_with_epsilon (conv_of (zeroed, "b"), 7 * 0.2, 1e-12);
  rdm_model_options_clear (&options);
}

static void
test_click_priority (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  g_autoptr (RdmCredit) with = NULL;
  g_autoptr (RdmCredit) without = NULL;
  g_autoptr (RdmCredit) views_only = NULL;
  RdmModelOptions options;

  add_row (set, "a/v > b > c/v", 3, 0, 0, 0);
  add_row (set, "c/v > d/v", 2, 0, 0, 1);
  rdm_model_options_init (&options);
  without = attribute_ok (set, RDM_MODEL_LINEAR, &options);
  /* row 1: 1 each; row 2: 1 each */
  g_assert_cmpfloat_with_epsilon (conv_of (without, "a"), 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (conv_of (without, "c"), 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (without->view_conversions[rdm_credit_find_label (without, "c")],
                                  2, 1e-12);

  options.click_priority = TRUE;
  with = attribute_ok (set, RDM_MODEL_LINEAR, &options);
  /* row 1 keeps its click only; row 2 has no click and keeps its views */
  g_assert_cmpfloat_with_epsilon (conv_of (with, "a"), 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (conv_of (with, "b"), 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (conv_of (with, "c"), 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (conv_of (with, "d"), 1, 1e-12);
  assert_sums (with, 5, 0);

  /* first touch with priority: b, the first click */
  views_only = attribute_ok (set, RDM_MODEL_FIRST, &options);
  g_assert_cmpfloat_with_epsilon (conv_of (views_only, "b"), 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (conv_of (views_only, "c"), 2, 1e-12);
  rdm_model_options_clear (&options);
}

static void
test_view_weight (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  g_autoptr (RdmCredit) credit = NULL;
  g_autoptr (RdmCredit) zero = NULL;
  RdmModelOptions options;
  int a, b;

  /* linear 1/2, 1/2; the view at 0.4: 0.2 and 0.5, renormalised 2/7, 5/7 */
  add_row (set, "a/v > b", 7, 70, 0, 0);
  /* only views, weight 0 everywhere: the unweighted rule, 1/2 each */
  add_row (set, "a/v > c/v", 2, 0, 0, 1);
  rdm_model_options_init (&options);
  options.view_weight = 0.4;
  credit = attribute_ok (set, RDM_MODEL_LINEAR, &options);
  a = rdm_credit_find_label (credit, "a");
  b = rdm_credit_find_label (credit, "b");
  g_assert_cmpfloat_with_epsilon (credit->conversions[a], 2 + 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (credit->view_conversions[a], 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (credit->click_conversions[a], 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (credit->conversions[b], 5, 1e-12);
  g_assert_cmpfloat_with_epsilon (credit->click_value[b], 50, 1e-12);
  g_assert_cmpfloat_with_epsilon (conv_of (credit, "c"), 1, 1e-12);
  assert_sums (credit, 9, 70);

  options.view_weight = 0;
  zero = attribute_ok (set, RDM_MODEL_LINEAR, &options);
  g_assert_cmpfloat_with_epsilon (conv_of (zero, "b"), 7, 1e-12);
  g_assert_cmpfloat_with_epsilon (conv_of (zero, "a"), 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (conv_of (zero, "c"), 1, 1e-12);
  rdm_model_options_clear (&options);
}

static void
test_click_view_split (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  g_autoptr (RdmCredit) linear = NULL;
  g_autoptr (RdmCredit) markov = NULL;
  g_autoptr (RdmCredit) weighted = NULL;
  g_autoptr (RdmCredit) zero = NULL;
  g_autoptr (RdmPathSet) only_views = rdm_path_set_new (FALSE);
  RdmModelOptions options;
  int a, b;

  /* a as a view then as a click: linear gives each touch half */
  add_row (set, "a/v > a", 2, 20, 0, 0);
  /* a as a view alone, converting once */
  add_row (set, "a/v", 1, 10, 1, 1);
  linear = attribute_ok (set, RDM_MODEL_LINEAR, NULL);
  a = rdm_credit_find_label (linear, "a");
  g_assert_cmpfloat_with_epsilon (linear->click_conversions[a], 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (linear->view_conversions[a], 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (linear->view_value[a], 20, 1e-12);

  /* Markov credits channels: a gets all 3 conversions, split by a's touches
   * over converting rows weighted by conversions: clicks 2 * 1 = 2, views
   * 2 * 1 + 1 * 1 = 3, so 2/5 click and 3/5 view */
  markov = attribute_ok (set, RDM_MODEL_MARKOV, NULL);
  a = rdm_credit_find_label (markov, "a");
  g_assert_cmpfloat_with_epsilon (markov->conversions[a], 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (markov->click_conversions[a], 3 * 2.0 / 5, 1e-12);
  g_assert_cmpfloat_with_epsilon (markov->view_conversions[a], 3 * 3.0 / 5, 1e-12);
  g_assert_cmpfloat_with_epsilon (markov->view_value[a], 30 * 3.0 / 5, 1e-12);

  /* a view counting 0.5: clicks 2, views 3 * 0.5 = 1.5, so 4/7 click */
  rdm_model_options_init (&options);
  options.view_weight = 0.5;
  weighted = attribute_ok (set, RDM_MODEL_SHAPLEY, &options);
  g_assert_cmpfloat_with_epsilon (weighted->conversions[a], 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (weighted->click_conversions[a], 3 * 4.0 / 7, 1e-12);

  /* b only ever seen as a view, with views weighing 0: its credit still
   * splits as views. One journey a > b: P = 1, removing either gives 0,
   * RE 1 and 1, one conversion each */
  add_row (only_views, "a > b/v", 2, 0, 0, 0);
  options.view_weight = 0;
  zero = attribute_ok (only_views, RDM_MODEL_MARKOV, &options);
  b = rdm_credit_find_label (zero, "b");
  g_assert_cmpfloat_with_epsilon (zero->conversions[b], 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (zero->view_conversions[b], 1, 1e-12);
  rdm_model_options_clear (&options);
}

static void
test_no_touch (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (TRUE);

  /* a converting row without touches goes to "(none)", which the set does
   * not have: the credit adds it */
  add_row (set, "a@1", 1, 5, 0, 0);
  add_row (set, "", 2, 7, 0, 1);
  add_row (set, "", 0, 0, 3, 2);
  for (RdmModel m = RDM_MODEL_FIRST; m <= RDM_MODEL_SHAPLEY; m++)
    {
      g_autoptr (RdmCredit) credit = attribute_ok (set, m, NULL);
      int none = rdm_credit_find_label (credit, "(none)");

      g_assert_cmpuint (credit->n_labels, ==, 2);
      g_assert_cmpint (none, ==, 1);
      g_assert_cmpfloat_with_epsilon (credit->conversions[none], 2, 1e-12);
      g_assert_cmpfloat_with_epsilon (credit->click_conversions[none], 2, 1e-12);
      /* every model, Markov and Shapley included, gives No touch exactly
       * the conversions without a touch and their value */
      g_assert_cmpfloat_with_epsilon (credit->value[none], 7, 1e-12);
      assert_sums (credit, 3, 12);
    }
}

static void
test_no_conversions (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  g_autoptr (RdmCredit) credit = NULL;

  add_row (set, "a > b", 0, 0, 5, 0);
  credit = attribute_ok (set, RDM_MODEL_LINEAR, NULL);
  assert_sums (credit, 0, 0);
}

static void
test_invalid_options (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  const struct
  {
    const char *field;
    double value;
    const char *message;
  } cases[] = {
    { "first", -0.1, "The first weight must be a finite number of zero or more" },
    { "middle", NAN, "The middle weight must be a finite number of zero or more" },
    { "view", -1, "The view-through weight must be a finite number of zero or more" },
    { "zero", 0, "The first, middle and last weights cannot all be zero" },
    { "half-life", 0, "The half-life must be a positive number of days" },
    { "order", 5, "The Markov order must be 1, 2, 3 or 4, not 5" },
    { "order", 0, "The Markov order must be 1, 2, 3 or 4, not 0" },
    { "multiplier", -2, "The multiplier of “b” must be a finite number of zero or more" },
  };

  add_row (set, "a > b", 1, 0, 0, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      RdmModelOptions options;

      rdm_model_options_init (&options);
      if (g_str_equal (cases[i].field, "first"))
        options.first_weight = cases[i].value;
      else if (g_str_equal (cases[i].field, "middle"))
        options.middle_weight = cases[i].value;
      else if (g_str_equal (cases[i].field, "view"))
        options.view_weight = cases[i].value;
      else if (g_str_equal (cases[i].field, "zero"))
        options.first_weight = options.middle_weight = options.last_weight = 0;
      else if (g_str_equal (cases[i].field, "half-life"))
        options.half_life_days = cases[i].value;
      else if (g_str_equal (cases[i].field, "order"))
        options.markov_order = (guint)cases[i].value;
      else
        rdm_model_options_set_multiplier (&options, "b", cases[i].value);
      g_assert_null (rdm_attribute (set, RDM_MODEL_LINEAR, &options, NULL, &error));
      g_assert_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_INVALID_OPTIONS);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      rdm_model_options_clear (&options);
    }
}

static void
test_invalid_counts (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (TRUE);
  g_autoptr (GError) error = NULL;

  add_row (set, "a@1", 1, 0, 0, 0);
  add_row (set, "b@1", -1, 0, 0, 1);
  g_assert_null (rdm_attribute (set, RDM_MODEL_FIRST, NULL, NULL, &error));
  g_assert_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==,
                   "Path 2 has a negative or non-finite count of conversions or non-converting "
                   "journeys, or a non-finite value");
}

static void
test_cancelled (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;

  add_row (set, "a > b", 1, 0, 0, 0);
  g_cancellable_cancel (cancellable);
  g_assert_null (rdm_attribute (set, RDM_MODEL_LINEAR, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_path_text (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  const guint32 *label;
  const guint8 *kind;
  const double *age;
  const struct
  {
    const char *text;
    const char *message;
  } bad[] = {
    { "", "Column 1: expected at least one channel in the path" },
    { "   ", "Column 4: expected at least one channel in the path" },
    { "a > > b", "Column 5: expected a channel name before “>”" },
    { "> a", "Column 1: expected a channel name before “>”" },
    { "a >", "Column 4: expected a channel name after “>”" },
    { "a > b > ", "Column 9: expected a channel name after “>”" },
  };

  {
    g_autoptr (GError) error = NULL;

    g_assert_true (
        rdm_path_set_add_path_text (set, "  search>Direct >  social media ", 2, 9.5, 1, &error));
    g_assert_no_error (error);
    g_assert_true (rdm_path_set_add_path_text (set, "social media", 0, 0, 4, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (rdm_path_set_n_rows (set), ==, 2);
  g_assert_cmpuint (rdm_path_set_n_labels (set), ==, 3);
  g_assert_cmpstr (rdm_path_set_label_name (set, 0), ==, "search");
  g_assert_cmpstr (rdm_path_set_label_name (set, 1), ==, "Direct");
  g_assert_cmpstr (rdm_path_set_label_name (set, 2), ==, "social media");
  g_assert_cmpuint (set->label_is_direct->data[0], ==, 0);
  g_assert_cmpuint (set->label_is_direct->data[1], ==, 1);
  g_assert_cmpuint (set->touch_label->len, ==, 4);
  label = (const guint32 *)set->touch_label->data;
  kind = (const guint8 *)set->touch_kind->data;
  age = (const double *)set->touch_age->data;
  g_assert_cmpuint (label[3], ==, 2);
  g_assert_cmpuint (kind[0], ==, RDM_TOUCH_CLICK);
  g_assert_true (isnan (age[0]));
  g_assert_cmpfloat (g_array_index (set->conversions, double, 0), ==, 2);
  g_assert_cmpfloat (g_array_index (set->value, double, 0), ==, 9.5);
  g_assert_cmpfloat (g_array_index (set->nulls, double, 1), ==, 4);
  g_assert_cmpuint (g_array_index (set->visitor, guint32, 1), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (rdm_path_set_add_path_text (set, bad[i].text, 1, 0, 0, &error));
      g_assert_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_PARSE);
      g_assert_cmpstr (error->message, ==, bad[i].message);
    }
  {
    g_autoptr (GError) error = NULL;

    g_assert_false (rdm_path_set_add_path_text (set, "new", -1, 0, 0, &error));
    g_assert_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_INVALID_DATA);
    g_assert_cmpstr (error->message, ==, "Expected a number of conversions of zero or more");
    g_clear_error (&error);
    g_assert_false (rdm_path_set_add_path_text (set, "new", 1, 0, NAN, &error));
    g_assert_cmpstr (error->message, ==,
                     "Expected a number of non-converting journeys of zero or more");
    g_clear_error (&error);
    g_assert_false (rdm_path_set_add_path_text (set, "new", 1, INFINITY, 0, &error));
    g_assert_cmpstr (error->message, ==, "Expected a finite conversion value");
  }
  /* nothing changed by the bad rows */
  g_assert_cmpuint (rdm_path_set_n_rows (set), ==, 2);
  g_assert_cmpuint (rdm_path_set_n_labels (set), ==, 3);
  g_assert_cmpuint (set->touch_label->len, ==, 4);
}

/* Random journeys: up to 8 labels, 1 to 7 touches, clicks and views, ages. */
static RdmPathSet *
random_set (guint32 seed, guint n_rows, gboolean reverse_interning, gboolean one_touch)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  RdmPathSet *set = rdm_path_set_new (TRUE);
  const char *names[]
      = { "direct", "search", "social", "email", "display", "video", "affiliate", "partner" };

  if (reverse_interning)
    for (guint i = G_N_ELEMENTS (names); i-- > 0;)
      rdm_path_set_intern_label (set, names[i], i == 0);
  for (guint r = 0; r < n_rows; r++)
    {
      guint n = one_touch ? 1 : (guint)g_rand_int_range (rand, 1, 8);
      double conversions = g_rand_int_range (rand, 0, 3);
      double value = conversions * g_rand_double_range (rand, 0, 100);
      double nulls = g_rand_int_range (rand, 0, 4);

      for (guint i = 0; i < n; i++)
        {
          guint l = (guint)g_rand_int_range (rand, 0, G_N_ELEMENTS (names));
          RdmTouchKind kind = g_rand_int_range (rand, 0, 4) == 0 ? RDM_TOUCH_VIEW : RDM_TOUCH_CLICK;
          double age = g_rand_double_range (rand, 0, 30) * DAY;

          rdm_path_set_add_touch (set, rdm_path_set_intern_label (set, names[l], l == 0), kind,
                                  age);
        }
      rdm_path_set_end_row (set, conversions, value, nulls, r);
    }
  return set;
}

static void
totals (const RdmPathSet *set, double *conversions, double *value)
{
  *conversions = *value = 0;
  for (guint r = 0; r < rdm_path_set_n_rows (set); r++)
    {
      if (g_array_index (set->conversions, double, r) > 0)
        {
          *conversions += g_array_index (set->conversions, double, r);
          *value += g_array_index (set->value, double, r);
        }
    }
}

static void
test_property_sums (void)
{
  g_autoptr (RdmPathSet) set = random_set (20261123, 2000, FALSE, FALSE);
  RdmModelOptions options;
  double conversions, value;

  totals (set, &conversions, &value);
  rdm_model_options_init (&options);
  for (guint variant = 0; variant < 3; variant++)
    {
      options.click_priority = variant == 1;
      options.view_weight = variant == 2 ? 0.4 : 1.0;
      rdm_model_options_set_multiplier (&options, "social", 2.5);
      for (RdmModel m = RDM_MODEL_FIRST; m <= RDM_MODEL_SHAPLEY; m++)
        {
          g_autoptr (RdmCredit) credit = attribute_ok (set, m, &options);

          assert_sums (credit, conversions, value);
          for (guint l = 0; l < credit->n_labels; l++)
            {
              g_assert_cmpfloat (credit->click_conversions[l], >=, -1e-12);
              g_assert_cmpfloat (credit->view_conversions[l], >=, -1e-12);
            }
        }
      for (guint order = 2; order <= 4; order++)
        {
          g_autoptr (RdmCredit) credit = NULL;

          options.markov_order = order;
          credit = attribute_ok (set, RDM_MODEL_MARKOV, &options);
          assert_sums (credit, conversions, value);
          options.markov_order = 1;
        }
    }
  rdm_model_options_clear (&options);
}

static void
test_property_one_touch (void)
{
  g_autoptr (RdmPathSet) set = random_set (7, 500, FALSE, TRUE);
  g_autoptr (RdmCredit) first = attribute_ok (set, RDM_MODEL_FIRST, NULL);
  g_autoptr (RdmCredit) last = attribute_ok (set, RDM_MODEL_LAST, NULL);
  g_autoptr (RdmCredit) linear = attribute_ok (set, RDM_MODEL_LINEAR, NULL);

  for (guint l = 0; l < first->n_labels; l++)
    {
      g_assert_cmpfloat (first->conversions[l], ==, last->conversions[l]);
      g_assert_cmpfloat (first->conversions[l], ==, linear->conversions[l]);
      g_assert_cmpfloat (first->value[l], ==, linear->value[l]);
    }
}

static void
test_property_permutation (void)
{
  /* the same journeys with the labels interned in the opposite order: the
   * credit of each name is unchanged */
  g_autoptr (RdmPathSet) set = random_set (99, 1500, FALSE, FALSE);
  g_autoptr (RdmPathSet) permuted = random_set (99, 1500, TRUE, FALSE);
  RdmModelOptions options;

  g_assert_cmpuint (rdm_path_set_n_labels (set), ==, rdm_path_set_n_labels (permuted));
  g_assert_cmpstr (rdm_path_set_label_name (set, 0), !=, rdm_path_set_label_name (permuted, 0));
  rdm_model_options_init (&options);
  rdm_model_options_set_multiplier (&options, "email", 0.5);
  for (RdmModel m = RDM_MODEL_FIRST; m <= RDM_MODEL_SHAPLEY; m++)
    {
      g_autoptr (RdmCredit) a = attribute_ok (set, m, &options);
      g_autoptr (RdmCredit) b = attribute_ok (permuted, m, &options);

      for (guint l = 0; l < a->n_labels; l++)
        {
          int k = rdm_credit_find_label (b, a->label_names[l]);

          g_assert_cmpint (k, >=, 0);
          g_assert_cmpfloat (fabs (a->conversions[l] - b->conversions[k]), <=,
                             1e-9 * MAX (1, a->conversions[l]));
          g_assert_cmpfloat (fabs (a->value[l] - b->value[k]), <=, 1e-9 * MAX (1, a->value[l]));
        }
    }
  rdm_model_options_clear (&options);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/models/names", test_names);
  g_test_add_func ("/models/one-touch", test_one_touch);
  g_test_add_func ("/models/two-touches", test_two_touches);
  g_test_add_func ("/models/repeated-channels", test_repeated_channels);
  g_test_add_func ("/models/position-four-touches", test_position_four_touches);
  g_test_add_func ("/models/position-decay", test_position_decay);
  g_test_add_func ("/models/last-non-direct", test_last_non_direct);
  g_test_add_func ("/models/time-decay-adobe", test_time_decay_adobe);
  g_test_add_func ("/models/time-decay-missing-times", test_time_decay_missing_times);
  g_test_add_func ("/models/custom", test_custom);
  g_test_add_func ("/models/click-priority", test_click_priority);
  g_test_add_func ("/models/view-weight", test_view_weight);
  g_test_add_func ("/models/click-view-split", test_click_view_split);
  g_test_add_func ("/models/no-touch", test_no_touch);
  g_test_add_func ("/models/no-conversions", test_no_conversions);
  g_test_add_func ("/models/invalid-options", test_invalid_options);
  g_test_add_func ("/models/invalid-counts", test_invalid_counts);
  g_test_add_func ("/models/cancelled", test_cancelled);
  g_test_add_func ("/models/path-text", test_path_text);
  g_test_add_func ("/models/property-sums", test_property_sums);
  g_test_add_func ("/models/property-one-touch", test_property_one_touch);
  g_test_add_func ("/models/property-permutation", test_property_permutation);
  return g_test_run ();
}
