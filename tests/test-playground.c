/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rdm-playground: the example journeys credited by every model, the
 * numbers worked out by hand below (Markov's removal effects included),
 * what toggling a conversion changes, the editing of journeys, the
 * arithmetic of one journey, and the simulated-world panel's truth.
 */
#include "config.h"

#include <math.h>

#include "rdm-playground.h"

#define EPS 1e-9

static void
assert_credit (const RdmPlaygroundCredit *credit, RdmModel model, const char *name, double expected)
{
  double got = rdm_playground_credit_of (credit, model, name);

  if (fabs (got - expected) > EPS)
    g_error ("%s gives %s %.12g, expected %.12g", rdm_model_to_string (model), name, got, expected);
}

/* The examples:
 *   1. Facebook (9 days) > Email (3) > Paid Search (0), converted
 *   2. Display (view, 1) > Direct (0), converted
 *   3. Blog (20) > Organic Search (12) > Email (2) > Direct (0), not converted */
static void
test_example_rule_based (void)
{
  g_autoptr (RdmPlayground) playground = rdm_playground_new_example ();
  g_autoptr (RdmPlaygroundCredit) credit = rdm_playground_attribute (playground, NULL);

  g_assert_cmpuint (rdm_playground_n_journeys (playground), ==, 3);
  g_assert_cmpfloat (credit->conversions, ==, 2);
  g_assert_cmpfloat (credit->nulls, ==, 1);
  for (guint m = 0; m < RDM_PLAYGROUND_N_MODELS; m++)
    {
      g_assert_nonnull (credit->credits[m]);
      g_assert_cmpfloat_with_epsilon (credit->credits[m]->total_conversions, 2, EPS);
    }

  assert_credit (credit, RDM_MODEL_FIRST, "Facebook", 1);
  assert_credit (credit, RDM_MODEL_FIRST, "Display", 1);
  assert_credit (credit, RDM_MODEL_FIRST, "Blog", 0);
  assert_credit (credit, RDM_MODEL_LAST, "Paid Search", 1);
  assert_credit (credit, RDM_MODEL_LAST, "Direct", 1);
  /* journey 2 ends on Direct: last non-direct looks one touch back */
  assert_credit (credit, RDM_MODEL_LAST_NON_DIRECT, "Display", 1);
  assert_credit (credit, RDM_MODEL_LAST_NON_DIRECT, "Direct", 0);
  assert_credit (credit, RDM_MODEL_LINEAR, "Email", 1.0 / 3);
  assert_credit (credit, RDM_MODEL_LINEAR, "Direct", 0.5);
  /* 40 / 20 / 40 on three touches, 50 / 50 on two */
  assert_credit (credit, RDM_MODEL_POSITION, "Facebook", 0.4);
  assert_credit (credit, RDM_MODEL_POSITION, "Email", 0.2);
  assert_credit (credit, RDM_MODEL_POSITION, "Display", 0.5);
  /* i / (n(n+1)/2): 1/6, 2/6, 3/6 and 1/3, 2/3 */
  assert_credit (credit, RDM_MODEL_POSITION_DECAY, "Facebook", 1.0 / 6);
  assert_credit (credit, RDM_MODEL_POSITION_DECAY, "Paid Search", 0.5);
  assert_credit (credit, RDM_MODEL_POSITION_DECAY, "Direct", 2.0 / 3);
  /* 2^(-9/7), 2^(-3/7), 1 normalised; 2^(-1/7), 1 normalised */
  assert_credit (credit, RDM_MODEL_TIME_DECAY, "Facebook", 0.19049525317518853);
  assert_credit (credit, RDM_MODEL_TIME_DECAY, "Email", 0.3450721174614248);
  assert_credit (credit, RDM_MODEL_TIME_DECAY, "Paid Search", 0.46443262936338664);
  assert_credit (credit, RDM_MODEL_TIME_DECAY, "Display", 0.47526495118259765);
  assert_credit (credit, RDM_MODEL_TIME_DECAY, "Direct", 0.5247350488174024);
}

/* By hand: start goes to Facebook, Display or Blog (1/3 each); Email goes
 * to Paid Search or Direct (1/2 each); Direct converts or ends (1/2 each);
 * every other move is certain. P(convert) = 1/3 (3/4 + 1/2 + 3/4) = 2/3.
 * Without Facebook 5/12 (RE 3/8), Email 1/6 (3/4), Paid Search 1/3 (1/2),
 * Display 1/2 (1/4), Direct 1/3 (1/2), Blog and Organic Search 5/12 (3/8).
 * The REs sum to 25/8, and the 2 conversions are shared in proportion:
 * Blog gets 0.24 though it only appears in the journey that did not
 * convert. */
static void
test_example_markov (void)
{
  g_autoptr (RdmPlayground) playground = rdm_playground_new_example ();
  g_autoptr (RdmPlaygroundCredit) credit = rdm_playground_attribute (playground, NULL);
  const RdmCredit *markov = credit->credits[rdm_playground_model_index (RDM_MODEL_MARKOV)];
  static const struct
  {
    const char *name;
    double removal_effect;
    double conversions;
  } expected[] = {
    { "Facebook", 0.375, 0.24 },       { "Email", 0.75, 0.48 }, { "Paid Search", 0.5, 0.32 },
    { "Display", 0.25, 0.16 },         { "Direct", 0.5, 0.32 }, { "Blog", 0.375, 0.24 },
    { "Organic Search", 0.375, 0.24 },
  };

  g_assert_nonnull (markov);
  g_assert_true (markov->has_removal_effects);
  g_assert_cmpfloat_with_epsilon (markov->baseline_probability, 2.0 / 3, EPS);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      int label = rdm_credit_find_label (markov, expected[i].name);

      g_assert_cmpint (label, >=, 0);
      g_assert_cmpfloat_with_epsilon (markov->removal_effect[label], expected[i].removal_effect,
                                      EPS);
      assert_credit (credit, RDM_MODEL_MARKOV, expected[i].name, expected[i].conversions);
    }
}

/* v(S) is 1 for {Facebook, Email, Paid Search} and {Display, Direct}, the
 * only sets that convert, and 0 for each of their subsets, never seen: the
 * members of each set are symmetric and share its conversion equally. */
static void
test_example_shapley (void)
{
  g_autoptr (RdmPlayground) playground = rdm_playground_new_example ();
  g_autoptr (RdmPlaygroundCredit) credit = rdm_playground_attribute (playground, NULL);
  g_autoptr (RdmExplanation) e = NULL;
  g_autoptr (GError) error = NULL;

  assert_credit (credit, RDM_MODEL_SHAPLEY, "Facebook", 1.0 / 3);
  assert_credit (credit, RDM_MODEL_SHAPLEY, "Paid Search", 1.0 / 3);
  assert_credit (credit, RDM_MODEL_SHAPLEY, "Display", 0.5);
  assert_credit (credit, RDM_MODEL_SHAPLEY, "Blog", 0);

  e = rdm_playground_explain (credit, 0, RDM_MODEL_SHAPLEY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (e->n_parts, ==, 3);
  g_assert_cmpuint (e->n_coalitions, ==, 7);
  for (guint s = 0; s < e->n_coalitions; s++)
    g_assert_cmpfloat (e->coalition_values[s], ==, s == 6 ? 1 : 0);
  g_assert_cmpstr (e->coalition_labels[6], ==, "Facebook + Email + Paid Search");
  for (guint i = 0; i < e->n_parts; i++)
    g_assert_cmpfloat_with_epsilon (e->part_shares[i], 1.0 / 3, EPS);

  /* a lone Paid Search that did not convert and one that did: v({Paid
   * Search}) = 1/2, which Paid Search alone brings to journey 1 */
  g_assert_cmpint (
      rdm_playground_add_journey_text (playground, "Paid Search", NULL, 0, FALSE, NULL), ==, 3);
  g_assert_cmpint (rdm_playground_add_journey_text (playground, "Paid Search", NULL, 0, TRUE, NULL),
                   ==, 4);
  {
    g_autoptr (RdmPlaygroundCredit) again = rdm_playground_attribute (playground, NULL);

    /* journey 1, weights 1/3, 1/6, 1/3 for groups of 0, 1, 2 others:
     * phi(PS) = 1/3 (1/2 - 0) + 1/3 (1 - 0) = 1/2; phi(Facebook) = 1/6
     * (v{Facebook, PS} - v{PS}) + 1/3 (1 - v{Email, PS}) = -1/12 + 1/3 =
     * 1/4, Email likewise: they sum to v(T) = 1. Plus the converting lone
     * Paid Search, which is its alone. */
    assert_credit (again, RDM_MODEL_SHAPLEY, "Paid Search", 0.5 + 1);
    assert_credit (again, RDM_MODEL_SHAPLEY, "Facebook", 0.25);
    assert_credit (again, RDM_MODEL_SHAPLEY, "Email", 0.25);
  }
}

/* Journey 3 converts too: every journey converts, P = 1, and each RE is
 * the share of journeys lost without the channel: Email and Direct 2/3,
 * the others 1/3 (Paid Search: Email still reaches Direct half the time).
 * They sum to 3, the conversions, so credit = RE. */
static void
test_toggle_conversion (void)
{
  g_autoptr (RdmPlayground) playground = rdm_playground_new_example ();
  g_autoptr (RdmPlaygroundCredit) credit = NULL;

  rdm_playground_get_journey (playground, 2)->converted = TRUE;
  credit = rdm_playground_attribute (playground, NULL);
  g_assert_cmpfloat (credit->conversions, ==, 3);
  g_assert_cmpfloat (credit->nulls, ==, 0);
  assert_credit (credit, RDM_MODEL_FIRST, "Blog", 1);
  assert_credit (credit, RDM_MODEL_LAST, "Direct", 2);
  assert_credit (credit, RDM_MODEL_LAST_NON_DIRECT, "Email", 1);
  assert_credit (credit, RDM_MODEL_MARKOV, "Email", 2.0 / 3);
  assert_credit (credit, RDM_MODEL_MARKOV, "Direct", 2.0 / 3);
  assert_credit (credit, RDM_MODEL_MARKOV, "Paid Search", 1.0 / 3);
  assert_credit (credit, RDM_MODEL_MARKOV, "Blog", 1.0 / 3);
  assert_credit (credit, RDM_MODEL_SHAPLEY, "Blog", 0.25);
}

static void
test_explain (void)
{
  g_autoptr (RdmPlayground) playground = rdm_playground_new_example ();
  g_autoptr (RdmPlaygroundCredit) credit = rdm_playground_attribute (playground, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmExplanation) decay = NULL;
  g_autoptr (RdmExplanation) markov = NULL;
  RdmExplanation *none;

  decay = rdm_playground_explain (credit, 0, RDM_MODEL_TIME_DECAY, &error);
  g_assert_no_error (error);
  g_assert_true (decay->per_touch);
  g_assert_cmpuint (decay->n_touches, ==, 3);
  g_assert_cmpfloat (decay->age_days[0], ==, 9);
  g_assert_cmpfloat_with_epsilon (decay->weights[0], exp2 (-9.0 / 7), EPS);
  g_assert_cmpfloat_with_epsilon (decay->weights[2], 1, EPS);
  g_assert_cmpfloat_with_epsilon (decay->shares[1], 0.3450721174614248, EPS);

  /* journey 1's channels: REs 3/8, 3/4, 1/2 of a total of 25/8 */
  markov = rdm_playground_explain (credit, 0, RDM_MODEL_MARKOV, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (markov->n_parts, ==, 3);
  g_assert_cmpstr (markov->part_labels[1], ==, "Email");
  g_assert_cmpfloat_with_epsilon (markov->part_values[1], 0.75, EPS);
  g_assert_cmpfloat_with_epsilon (markov->part_shares[1], 0.24, EPS);
  g_assert_cmpfloat_with_epsilon (markov->part_journey_shares[1], 0.75 / 1.625, EPS);
  g_assert_cmpfloat_with_epsilon (markov->baseline_probability, 2.0 / 3, EPS);
  /* without Email: 1/6; every RE: 25/8 */
  g_assert_cmpfloat_with_epsilon (rdm_playground_probability_without (markov, 1), 1.0 / 6, EPS);
  g_assert_cmpfloat_with_epsilon (rdm_playground_removal_effect_sum (credit), 25.0 / 8, EPS);

  none = rdm_playground_explain (credit, 2, RDM_MODEL_LINEAR, &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static void
test_edit (void)
{
  g_autoptr (RdmPlayground) playground = rdm_playground_new_example ();
  RdmPlaygroundJourney *journey = rdm_playground_get_journey (playground, 0);
  g_autofree char *moved = NULL;
  g_autofree char *appended = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *second
      = rdm_playground_journey_text (rdm_playground_get_journey (playground, 1));
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (second, ==, "Display (view) > Direct");

  /* channels move, ages stay in place: the timeline keeps its order */
  rdm_playground_move_touch (playground, 0, 0, 2);
  moved = rdm_playground_journey_text (journey);
  g_assert_cmpstr (moved, ==, "Email > Paid Search > Facebook");
  g_assert_cmpfloat (g_array_index (journey->touches, RdmPlaygroundTouch, 0).age_days, ==, 9);
  g_assert_cmpfloat (g_array_index (journey->touches, RdmPlaygroundTouch, 2).age_days, ==, 0);
  rdm_playground_move_touch (playground, 0, 2, 0);

  rdm_playground_append_touch (playground, 0, "Direct", RDM_TOUCH_CLICK);
  appended = rdm_playground_journey_text (journey);
  g_assert_cmpstr (appended, ==, "Facebook > Email > Paid Search > Direct");
  g_assert_cmpfloat (g_array_index (journey->touches, RdmPlaygroundTouch, 0).age_days, ==, 10);
  g_assert_cmpfloat (g_array_index (journey->touches, RdmPlaygroundTouch, 3).age_days, ==, 0);

  rdm_playground_remove_touch (playground, 0, 3);
  rdm_playground_set_touch (playground, 0, 0, "Instagram", RDM_TOUCH_VIEW, 5);
  changed = rdm_playground_journey_text (journey);
  g_assert_cmpstr (changed, ==, "Instagram (view) > Email > Paid Search");
  {
    g_autoptr (RdmPlaygroundCredit) credit = rdm_playground_attribute (playground, NULL);

    assert_credit (credit, RDM_MODEL_FIRST, "Instagram", 1);
    assert_credit (credit, RDM_MODEL_FIRST, "Facebook", 0);
  }

  g_assert_cmpint (rdm_playground_add_journey_text (playground, "A >> B", NULL, 0, TRUE, &error),
                   ==, -1);
  g_assert_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_PARSE);
  g_assert_cmpuint (rdm_playground_n_journeys (playground), ==, 3);
  rdm_playground_remove_journey (playground, 0);
  g_assert_cmpuint (rdm_playground_n_journeys (playground), ==, 2);
}

/* A conversion without a touch goes to "No touch" in every model; with no
 * conversion at all, no model has anything to share. */
static void
test_no_touch (void)
{
  g_autoptr (RdmPlayground) playground = rdm_playground_new ();
  g_autoptr (RdmPlaygroundCredit) nothing = NULL;
  g_autoptr (RdmPlaygroundCredit) credit = NULL;

  g_assert_cmpint (rdm_playground_add_journey_text (playground, "Email", NULL, 0, FALSE, NULL), ==,
                   0);
  g_assert_cmpint (rdm_playground_add_journey_text (playground, "", NULL, 0, FALSE, NULL), ==, 1);
  nothing = rdm_playground_attribute (playground, NULL);
  g_assert_cmpint (nothing->row_of_journey[1], ==, -1);
  for (guint m = 0; m < RDM_PLAYGROUND_N_MODELS; m++)
    {
      g_assert_null (nothing->credits[m]);
      g_assert_nonnull (nothing->messages[m]);
    }

  rdm_playground_get_journey (playground, 1)->converted = TRUE;
  rdm_playground_add_journey_text (playground, "Email", NULL, 0, TRUE, NULL);
  credit = rdm_playground_attribute (playground, NULL);
  for (guint m = 0; m < RDM_PLAYGROUND_N_MODELS; m++)
    {
      g_assert_nonnull (credit->credits[m]);
      assert_credit (credit, rdm_playground_models[m], RDM_NO_TOUCH_LABEL, 1);
      assert_credit (credit, rdm_playground_models[m], "Email", 1);
    }
}

/* A channel that reaches people and causes nothing has a truth of exactly
 * 0; the models are ranked against the truth. */
static void
test_world (void)
{
  g_autoptr (RdmWorldSettings) settings = rdm_playground_world_settings_new ();
  g_autoptr (RdmPlaygroundWorld) world = NULL;
  g_autoptr (RdmPlaygroundWorld) zero = NULL;
  g_autoptr (GError) error = NULL;
  int display = rdm_world_settings_find_channel (settings, "Display");
  gboolean seen[RDM_PLAYGROUND_N_MODELS] = { FALSE };

  g_assert_cmpuint (settings->n_visitors, ==, RDM_PLAYGROUND_WORLD_VISITORS);
  g_assert_cmpint (display, >=, 0);
  world = rdm_playground_world_run (settings, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (rdm_playground_world_truth_of (world, "Display"), >, 0);
  g_assert_cmpuint (world->credits->len, ==, RDM_PLAYGROUND_N_MODELS);
  g_assert_nonnull (world->reading);
  for (guint m = 0; m < RDM_PLAYGROUND_N_MODELS; m++)
    {
      g_assert_true (world->errors[m].share >= 0 && world->errors[m].share <= 1);
      g_assert_false (seen[world->rank[m]]);
      seen[world->rank[m]] = TRUE;
      if (m > 0)
        g_assert_cmpfloat (world->errors[world->rank[m - 1]].share, <=,
                           world->errors[world->rank[m]].share);
    }

  g_array_index (settings->channels, RdmWorldChannel, display).effect = 0;
  zero = rdm_playground_world_run (settings, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (rdm_playground_world_truth_of (zero, "Display"), ==, 0);
  /* the models still credit Display: it reaches people before they buy */
  g_assert_cmpfloat (
      ((RdmCredit *)zero->credits->pdata[rdm_playground_model_index (RDM_MODEL_LAST)])
          ->conversions[rdm_credit_find_label (
              zero->credits->pdata[rdm_playground_model_index (RDM_MODEL_LAST)], "Display")],
      >, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/playground/example-rule-based", test_example_rule_based);
  g_test_add_func ("/playground/example-markov", test_example_markov);
  g_test_add_func ("/playground/example-shapley", test_example_shapley);
  g_test_add_func ("/playground/toggle-conversion", test_toggle_conversion);
  g_test_add_func ("/playground/explain", test_explain);
  g_test_add_func ("/playground/edit", test_edit);
  g_test_add_func ("/playground/no-touch", test_no_touch);
  g_test_add_func ("/playground/world", test_world);
  return g_test_run ();
}
