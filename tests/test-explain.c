/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rdm-explain: the per-touch arithmetic of each rule-based model on
 * hand-computed journeys (and agreement with rdm_attribute() on the same
 * journey), Markov and Shapley summaries, the choice of a representative
 * journey, and the cases it refuses.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "rdm-attribution.h"
#include "rdm-explain.h"
#include "rdm-test-util.h"

#define DAY 86400.0

/* Adds one row to @set: touches separated by " > ", "label/v" for a view,
 * "label@D" for a touch D days before the conversion. */
static void
add_row (RdmPathSet *set, const char *spec, double conversions, double value, double nulls)
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
  rdm_path_set_end_row (set, conversions, value, nulls, rdm_path_set_n_rows (set));
}

/* The shares of a one-row set must be what rdm_attribute() gives each
 * label, when every label appears once. */
static void
assert_matches_engine (const RdmPathSet *set,
                       RdmModel model,
                       const RdmModelOptions *options,
                       const RdmExplanation *e)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmCredit) credit = rdm_attribute (set, model, options, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < e->n_touches; i++)
    {
      int l = rdm_credit_find_label (credit, e->labels[i]);

      g_assert_cmpint (l, >=, 0);
      g_assert_cmpfloat_with_epsilon (credit->conversions[l], e->shares[i] * e->conversions, 1e-12);
    }
}

static void
test_time_decay_golden (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (TRUE);
  g_autoptr (RdmExplanation) e = NULL;
  RdmModelOptions options;

  /* Adobe's golden case: touches 9, 6, 0, 0 days before a $50 conversion,
   * h = 7: weights 2^(-9/7) = 0.41016, 2^(-6/7) = 0.55204, 1, 1; sum
   * 2.96220; shares 0.13846, 0.18636, 0.33759, 0.33759; times $50:
   * $6.92, $9.32, $16.88, $16.88. */
  add_row (set, "A@9 > B@6 > C@0 > D@0", 1, 50, 0);
  rdm_model_options_init (&options);
  e = rdm_explain_row (set, 0, RDM_MODEL_TIME_DECAY, &options, NULL);
  g_assert_nonnull (e);
  g_assert_true (e->per_touch);
  g_assert_cmpuint (e->n_touches, ==, 4);
  g_assert_cmpstr (e->labels[0], ==, "A");
  g_assert_cmpfloat_with_epsilon (e->age_days[0], 9, 1e-12);
  g_assert_cmpfloat_with_epsilon (e->weights[0], 0.41016, 1e-5);
  g_assert_cmpfloat_with_epsilon (e->weights[1], 0.55204, 1e-5);
  g_assert_cmpfloat_with_epsilon (e->weights[2], 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (e->shares[0] * 50, 6.92, 0.005);
  g_assert_cmpfloat_with_epsilon (e->shares[1] * 50, 9.32, 0.005);
  g_assert_cmpfloat_with_epsilon (e->shares[2] * 50, 16.88, 0.005);
  g_assert_cmpfloat_with_epsilon (e->shares[3] * 50, 16.88, 0.005);
  g_assert_cmpfloat (e->value, ==, 50);
  assert_matches_engine (set, RDM_MODEL_TIME_DECAY, &options, e);
  rdm_model_options_clear (&options);
}

static void
test_position (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (TRUE);
  g_autoptr (RdmExplanation) four = NULL;
  g_autoptr (RdmExplanation) two = NULL;
  RdmModelOptions options;

  add_row (set, "A@3 > B@2 > C@1 > D@0", 2, 100, 0);
  add_row (set, "E@1 > F@0", 1, 10, 0);
  rdm_model_options_init (&options);

  /* n = 4, 40/20/40: 0.4, 0.2 / 2 = 0.1, 0.1, 0.4 (already summing to 1) */
  four = rdm_explain_row (set, 0, RDM_MODEL_POSITION, &options, NULL);
  g_assert_cmpfloat_with_epsilon (four->weights[0], 0.4, 1e-12);
  g_assert_cmpfloat_with_epsilon (four->weights[1], 0.1, 1e-12);
  g_assert_cmpfloat_with_epsilon (four->shares[1], 0.1, 1e-12);
  g_assert_cmpfloat_with_epsilon (four->shares[3], 0.4, 1e-12);
  g_assert_cmpfloat (four->conversions, ==, 2);

  /* n = 2 with inverse-J 60/20/20: the middle weight is dropped, 60/80 =
   * 0.75 and 20/80 = 0.25 (Adobe) */
  options.first_weight = 0.6;
  options.middle_weight = 0.2;
  options.last_weight = 0.2;
  two = rdm_explain_row (set, 1, RDM_MODEL_POSITION, &options, NULL);
  g_assert_cmpfloat_with_epsilon (two->shares[0], 0.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (two->shares[1], 0.25, 1e-12);
  rdm_model_options_clear (&options);
}

static void
test_view_weight_and_click_priority (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (TRUE);
  g_autoptr (RdmExplanation) weighted = NULL;
  g_autoptr (RdmExplanation) priority = NULL;
  RdmModelOptions options;

  add_row (set, "A/v@2 > B@1", 1, 0, 0);
  rdm_model_options_init (&options);

  /* linear, view weight 0.4: 0.5 * 0.4 = 0.2 and 0.5, normalised 0.4/1.4
   * = 0.285714 and 1/1.4 = 0.714286 */
  options.view_weight = 0.4;
  weighted = rdm_explain_row (set, 0, RDM_MODEL_LINEAR, &options, NULL);
  g_assert_cmpfloat_with_epsilon (weighted->weights[0], 0.4, 1e-12);
  g_assert_cmpfloat_with_epsilon (weighted->shares[0], 0.4 / 1.4, 1e-12);
  g_assert_cmpfloat_with_epsilon (weighted->shares[1], 1 / 1.4, 1e-12);
  g_assert_true (weighted->kinds[0] == RDM_TOUCH_VIEW);
  assert_matches_engine (set, RDM_MODEL_LINEAR, &options, weighted);

  /* click priority drops the view: B gets everything */
  options.view_weight = 1;
  options.click_priority = TRUE;
  priority = rdm_explain_row (set, 0, RDM_MODEL_LINEAR, &options, NULL);
  g_assert_false (priority->kept[0]);
  g_assert_true (priority->kept[1]);
  g_assert_cmpfloat (priority->shares[0], ==, 0);
  g_assert_cmpfloat_with_epsilon (priority->shares[1], 1, 1e-12);
  assert_matches_engine (set, RDM_MODEL_LINEAR, &options, priority);
  rdm_model_options_clear (&options);
}

static void
test_single_touch_models (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (TRUE);
  RdmModel models[]
      = { RDM_MODEL_FIRST, RDM_MODEL_LAST, RDM_MODEL_LAST_NON_DIRECT, RDM_MODEL_POSITION_DECAY };
  /* first: A; last: Direct; last non-direct skips Direct: B; position
   * decay 1, 2, 3 over 6: 1/6, 2/6, 3/6 */
  double expected[][3] = { { 1, 0, 0 }, { 0, 0, 1 }, { 0, 1, 0 }, { 1 / 6.0, 2 / 6.0, 3 / 6.0 } };

  add_row (set, "A@2 > B@1 > Direct@0", 1, 0, 0);
  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    {
      g_autoptr (RdmExplanation) e = rdm_explain_row (set, 0, models[m], NULL, NULL);

      for (guint i = 0; i < 3; i++)
        g_assert_cmpfloat_with_epsilon (e->shares[i], expected[m][i], 1e-12);
      assert_matches_engine (set, models[m], NULL, e);
    }
}

static void
test_shapley (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  g_autoptr (RdmExplanation) e = NULL;
  g_autoptr (RdmCredit) credit = NULL;
  g_autoptr (GError) error = NULL;

  /* v(A) = 1/2, v(B) = 1/4, v(AB) = 3/4.
   * phi_A = 1/2 (v(A) - 0) + 1/2 (v(AB) - v(B)) = 0.25 + 0.25 = 0.5
   * phi_B = 1/2 (v(B) - 0) + 1/2 (v(AB) - v(A)) = 0.125 + 0.125 = 0.25
   * shares of the A > B journey: 2/3 and 1/3, so its 3 conversions give
   * A 2 and B 1; with the single-channel journeys, A 3 and B 2 in all. */
  add_row (set, "A", 1, 0, 1);
  add_row (set, "B", 1, 0, 3);
  add_row (set, "A > B", 3, 0, 1);
  e = rdm_explain_row (set, 2, RDM_MODEL_SHAPLEY, NULL, NULL);
  g_assert_nonnull (e);
  g_assert_false (e->per_touch);
  g_assert_cmpuint (e->n_parts, ==, 2);
  g_assert_cmpstr (e->part_labels[0], ==, "A");
  g_assert_cmpfloat_with_epsilon (e->part_values[0], 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (e->part_values[1], 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (e->part_shares[0], 2 / 3.0, 1e-12);
  g_assert_cmpuint (e->n_coalitions, ==, 3);
  g_assert_cmpstr (e->coalition_labels[0], ==, "A");
  g_assert_cmpstr (e->coalition_labels[2], ==, "A + B");
  g_assert_cmpfloat_with_epsilon (e->coalition_values[1], 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (e->coalition_values[2], 0.75, 1e-12);

  credit = rdm_attribute (set, RDM_MODEL_SHAPLEY, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (credit->conversions[rdm_credit_find_label (credit, "A")], 3,
                                  1e-9);
  g_assert_cmpfloat_with_epsilon (credit->conversions[rdm_credit_find_label (credit, "B")], 2,
                                  1e-9);
}

static void
test_markov (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  g_autoptr (RdmExplanation) e = NULL;
  g_autoptr (RdmExplanation) refused = NULL;
  g_autoptr (RdmCredit) credit = NULL;
  g_autoptr (GError) error = NULL;

  add_row (set, "A > B", 2, 20, 1);
  add_row (set, "B", 1, 5, 2);
  add_row (set, "A", 0, 0, 3);
  credit = rdm_attribute (set, RDM_MODEL_MARKOV, NULL, NULL, &error);
  g_assert_no_error (error);

  /* without the model's credit there are no removal effects to show */
  refused = rdm_explain_row (set, 0, RDM_MODEL_MARKOV, NULL, NULL);
  g_assert_null (refused);

  /* each label's share of every conversion is RE / sum RE, which is what
   * the model gives it: credit = share × total conversions */
  e = rdm_explain_row (set, 0, RDM_MODEL_MARKOV, NULL, credit);
  g_assert_nonnull (e);
  g_assert_cmpuint (e->n_parts, ==, 2);
  g_assert_cmpfloat (e->baseline_probability, ==, credit->baseline_probability);
  for (guint i = 0; i < e->n_parts; i++)
    {
      int l = rdm_credit_find_label (credit, e->part_labels[i]);

      g_assert_cmpfloat (e->part_values[i], ==, credit->removal_effect[l]);
      g_assert_cmpfloat_with_epsilon (e->part_shares[i] * credit->total_conversions,
                                      credit->conversions[l], 1e-9);
    }
}

static void
test_no_touch (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmCredit) credit = NULL;
  g_autoptr (RdmExplanation) touched = NULL;
  double no_touch_conversions = 3;

  /* the journeys of test_markov plus 3 conversions without a touch */
  add_row (set, "A > B", 2, 20, 1);
  add_row (set, "B", 1, 5, 2);
  add_row (set, "A", 0, 0, 3);
  add_row (set, "(none)", no_touch_conversions, 12, 0);
  credit = rdm_attribute (set, RDM_MODEL_MARKOV, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Markov shares only the touched conversions by the removal effects */
  touched = rdm_explain_row (set, 0, RDM_MODEL_MARKOV, NULL, credit);
  for (guint i = 0; i < touched->n_parts; i++)
    {
      int l = rdm_credit_find_label (credit, touched->part_labels[i]);

      g_assert_cmpfloat_with_epsilon (touched->part_shares[i]
                                          * (credit->total_conversions - no_touch_conversions),
                                      credit->conversions[l], 1e-9);
    }

  /* the journey without a touch is No touch's whole, in Markov and Shapley */
  for (RdmModel model = RDM_MODEL_MARKOV; model <= RDM_MODEL_SHAPLEY; model++)
    {
      g_autoptr (RdmExplanation) e = rdm_explain_row (set, 3, model, NULL, credit);

      g_assert_nonnull (e);
      g_assert_cmpuint (e->n_parts, ==, 1);
      g_assert_cmpstr (e->part_labels[0], ==, RDM_NO_TOUCH_LABEL);
      g_assert_cmpfloat (e->part_shares[0], ==, 1);
    }
  g_assert_nonnull (strstr (rdm_explain_model_rule (RDM_MODEL_MARKOV), "No touch"));
  g_assert_nonnull (strstr (rdm_explain_model_rule (RDM_MODEL_SHAPLEY), "No touch"));
}

static void
test_pick_row (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  g_autoptr (RdmPathSet) nulls = rdm_path_set_new (FALSE);

  /* "A > B" twice (2 conversions), "A > B > C" once, "A" 5 times */
  add_row (set, "A > B", 1, 0, 0);
  add_row (set, "A > B > C", 1, 0, 0);
  add_row (set, "A > B", 1, 0, 0);
  add_row (set, "A", 5, 0, 0);
  add_row (set, "A > B > C > D", 0, 0, 9);
  g_assert_cmpint (rdm_explain_pick_row (set, 2, 5), ==, 0);
  g_assert_cmpint (rdm_explain_pick_row (set, 3, 5), ==, 1);
  /* nothing of 6 touches or more: the most converting of any length */
  g_assert_cmpint (rdm_explain_pick_row (set, 6, 9), ==, 3);

  add_row (nulls, "A > B", 0, 0, 4);
  g_assert_cmpint (rdm_explain_pick_row (nulls, 1, 5), ==, -1);
}

static void
test_refused_rows (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (TRUE);

  add_row (set, "A@1 > B@0", 1, 0, 0);
  add_row (set, "A@1", 0, 0, 1);
  /* out of range, and a row that does not convert */
  g_assert_null (rdm_explain_row (set, 2, RDM_MODEL_LINEAR, NULL, NULL));
  g_assert_null (rdm_explain_row (set, 1, RDM_MODEL_LINEAR, NULL, NULL));
}

/* Typed journeys (rdm_explain_parse_journey, rdm_explain_journey) */

static RdmPathSet *
parse (const char *text, const double *ages, guint n_ages, double value)
{
  g_autoptr (GError) error = NULL;
  RdmPathSet *journey = rdm_explain_parse_journey (text, ages, n_ages, value, &error);

  g_assert_no_error (error);
  g_assert_nonnull (journey);
  return journey;
}

static void
test_journey_parse (void)
{
  const double ages[] = { 3, 0.5 };
  const char *bad[] = { "", "   ", "A >> B", "> A", "A >", "(view)", "A > (none)" };
  g_autoptr (RdmPathSet) journey = parse (" Facebook >Display (view)> Email(click) ", NULL, 0, 0);
  g_autoptr (RdmPathSet) aged = parse ("A > B", ages, 2, 20);
  const guint8 *kind = (const guint8 *)journey->touch_kind->data;
  const double *age = (const double *)aged->touch_age->data;

  g_assert_cmpuint (rdm_path_set_n_rows (journey), ==, 1);
  g_assert_cmpuint (journey->touch_label->len, ==, 3);
  g_assert_false (journey->has_times);
  g_assert_cmpstr (rdm_path_set_label_name (journey, 1), ==, "Display");
  g_assert_cmpstr (rdm_path_set_label_name (journey, 2), ==, "Email");
  g_assert_cmpint (kind[0], ==, RDM_TOUCH_CLICK);
  g_assert_cmpint (kind[1], ==, RDM_TOUCH_VIEW);
  g_assert_cmpint (kind[2], ==, RDM_TOUCH_CLICK);
  g_assert_cmpfloat (g_array_index (journey->conversions, double, 0), ==, 1);

  g_assert_true (aged->has_times);
  g_assert_cmpfloat (age[0], ==, 3 * DAY);
  g_assert_cmpfloat (age[1], ==, 0.5 * DAY);
  g_assert_cmpfloat (g_array_index (aged->value, double, 0), ==, 20);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RdmPathSet) refused = rdm_explain_parse_journey (bad[i], NULL, 0, 0, &error);

      g_test_message ("%s", bad[i]);
      g_assert_null (refused);
      g_assert_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_PARSE);
    }
  {
    const double negative[] = { 1, -1 };
    g_autoptr (GError) error = NULL;
    g_autoptr (RdmPathSet) refused = rdm_explain_parse_journey ("A > B > C", ages, 2, 0, &error);

    g_assert_null (refused);
    g_assert_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_PARSE);
    g_assert_nonnull (strstr (error->message, "2 ages for 3 touches"));
    g_clear_error (&error);
    g_assert_null (rdm_explain_parse_journey ("A > B", negative, 2, 0, &error));
    g_assert_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_INVALID_DATA);
  }
}

static void
test_journey_rules (void)
{
  /* oldest first: 9, 6, 0 and 0 days before the conversion */
  const double ages[] = { 9, 6, 0, 0 };
  g_autoptr (RdmPathSet) three = parse ("Facebook > Email > Paid Search", NULL, 0, 0);
  g_autoptr (RdmPathSet) golden = parse ("A > B > C > D", ages, 4, 50);
  g_autoptr (RdmPathSet) untimed = parse ("A > B > C > D", NULL, 0, 50);
  g_autoptr (RdmPathSet) project = rdm_path_set_new (FALSE);
  g_autoptr (RdmPathSet) direct = parse ("Email > Home", NULL, 0, 0);
  g_autoptr (RdmExplanation) position = NULL;
  g_autoptr (RdmExplanation) decay = NULL;
  g_autoptr (RdmExplanation) refused = NULL;
  g_autoptr (RdmExplanation) alone = NULL;
  g_autoptr (RdmExplanation) with_project = NULL;
  g_autoptr (GError) error = NULL;

  /* position-based 40/20/40 on three touches: the middle one has the whole
   * middle weight */
  position = rdm_explain_journey (three, RDM_MODEL_POSITION, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (position->per_touch);
  g_assert_cmpuint (position->n_touches, ==, 3);
  g_assert_cmpstr (position->labels[2], ==, "Paid Search");
  g_assert_cmpfloat_with_epsilon (position->shares[0], 0.4, 1e-12);
  g_assert_cmpfloat_with_epsilon (position->shares[1], 0.2, 1e-12);
  g_assert_cmpfloat_with_epsilon (position->shares[2], 0.4, 1e-12);
  g_assert_true (isnan (position->age_days[0]));

  /* SPEC.md's golden case, typed: $6.92, $9.32, $16.88, $16.88 of $50 */
  decay = rdm_explain_journey (golden, RDM_MODEL_TIME_DECAY, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (decay->value, ==, 50);
  g_assert_cmpfloat_with_epsilon (decay->age_days[0], 9, 1e-12);
  g_assert_cmpfloat_with_epsilon (decay->weights[0], 0.41016, 1e-5);
  g_assert_cmpfloat_with_epsilon (round (decay->shares[0] * 5000) / 100, 6.92, 1e-9);
  g_assert_cmpfloat_with_epsilon (round (decay->shares[1] * 5000) / 100, 9.32, 1e-9);
  g_assert_cmpfloat_with_epsilon (round (decay->shares[2] * 5000) / 100, 16.88, 1e-9);
  g_assert_cmpfloat_with_epsilon (round (decay->shares[3] * 5000) / 100, 16.88, 1e-9);

  /* without ages, time decay is refused rather than made equal */
  refused = rdm_explain_journey (untimed, RDM_MODEL_TIME_DECAY, NULL, NULL, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_NEEDS_TIMES);
  g_clear_error (&error);

  /* last non-direct: "Home" is direct only when the project says so */
  alone = rdm_explain_journey (direct, RDM_MODEL_LAST_NON_DIRECT, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (alone->shares[1], ==, 1);
  rdm_path_set_intern_label (project, "Home", TRUE);
  with_project
      = rdm_explain_journey (direct, RDM_MODEL_LAST_NON_DIRECT, NULL, project, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (with_project->shares[0], ==, 1);
  g_assert_cmpfloat (with_project->shares[1], ==, 0);
}

static void
test_journey_shapley (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  g_autoptr (RdmPathSet) journey = parse ("B > A > B", NULL, 0, 30);
  g_autoptr (RdmPathSet) unknown = parse ("A > Z", NULL, 0, 0);
  g_autoptr (RdmExplanation) e = NULL;
  g_autoptr (RdmExplanation) refused = NULL;
  g_autoptr (GError) error = NULL;

  /* v(A) = 1/(1+1) = 1/2, v(B) = 1/(1+3) = 1/4, v(AB) = 3/(3+1) = 3/4; the
   * A > C journeys hold C, outside the journey's channels, and count for no
   * coalition. The journey's channels in order of appearance: B, A.
   * phi_B = 1/2 (v(B) - 0) + 1/2 (v(AB) - v(A)) = 0.125 + 0.125 = 0.25
   * phi_A = 1/2 (v(A) - 0) + 1/2 (v(AB) - v(B)) = 0.25 + 0.25 = 0.5
   * so B gets 1/3 and A 2/3 of the journey's conversion. */
  add_row (set, "A", 1, 0, 1);
  add_row (set, "B", 1, 0, 3);
  add_row (set, "A > B", 3, 0, 1);
  add_row (set, "A > C", 5, 0, 0);
  e = rdm_explain_journey (journey, RDM_MODEL_SHAPLEY, NULL, set, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (e->per_touch);
  g_assert_cmpuint (e->n_touches, ==, 3);
  g_assert_cmpuint (e->n_parts, ==, 2);
  g_assert_cmpstr (e->part_labels[0], ==, "B");
  g_assert_cmpstr (e->part_labels[1], ==, "A");
  g_assert_cmpfloat_with_epsilon (e->part_values[0], 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (e->part_values[1], 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (e->part_shares[0], 1 / 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (e->part_journey_shares[1], 2 / 3.0, 1e-12);
  g_assert_cmpuint (e->n_coalitions, ==, 3);
  g_assert_cmpstr (e->coalition_labels[0], ==, "B");
  g_assert_cmpstr (e->coalition_labels[1], ==, "A");
  g_assert_cmpstr (e->coalition_labels[2], ==, "B + A");
  g_assert_cmpfloat_with_epsilon (e->coalition_values[0], 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (e->coalition_values[1], 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (e->coalition_values[2], 0.75, 1e-12);
  g_assert_cmpfloat (e->value, ==, 30);

  refused = rdm_explain_journey (unknown, RDM_MODEL_SHAPLEY, NULL, set, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_UNKNOWN_LABEL);
  g_assert_nonnull (strstr (error->message, "“Z”"));
  g_assert_nonnull (strstr (error->message, "A, B, C"));
}

static void
test_journey_markov (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  g_autoptr (RdmPathSet) journey = parse ("A > B", NULL, 0, 0);
  g_autoptr (RdmPathSet) unknown = parse ("A > D", NULL, 0, 0);
  g_autoptr (RdmExplanation) e = NULL;
  g_autoptr (RdmExplanation) refused = NULL;
  g_autoptr (RdmCredit) credit = NULL;
  g_autoptr (GError) error = NULL;

  /* Transitions: start -> A 2, B 2, C 2 (1/3 each); A -> B 1, null 1;
   * B -> conversion 2, null 1; C -> conversion 1, null 1. So P(B) = 2/3,
   * P(A) = 1/2 * 2/3 = 1/3, P(C) = 1/2 and
   *   P = 1/3 (1/3 + 2/3 + 1/2) = 1/2.
   * Without A: 1/3 (2/3 + 1/2) = 7/18, RE_A = 1 - 7/9 = 2/9.
   * Without B: 1/3 * 1/2 = 1/6, RE_B = 1 - 1/3 = 2/3.
   * Without C: 1/3 (1/3 + 2/3) = 1/3, RE_C = 1 - 2/3 = 1/3.
   * Sum 11/9: A gets 2/11 of every touched conversion, B 6/11, C 3/11.
   * Read over the journey's own channels: A 2/8 = 1/4, B 6/8 = 3/4. */
  add_row (set, "A > B", 1, 0, 0);
  add_row (set, "A", 0, 0, 1);
  add_row (set, "B", 1, 0, 1);
  add_row (set, "C", 1, 0, 1);
  credit = rdm_attribute (set, RDM_MODEL_MARKOV, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (credit->baseline_probability, 0.5, 1e-12);

  e = rdm_explain_journey (journey, RDM_MODEL_MARKOV, NULL, set, credit, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (e->n_parts, ==, 2);
  g_assert_cmpfloat_with_epsilon (e->baseline_probability, 0.5, 1e-12);
  g_assert_cmpstr (e->part_labels[0], ==, "A");
  g_assert_cmpfloat_with_epsilon (e->part_values[0], 2 / 9.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (e->part_values[1], 2 / 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (e->part_shares[0], 2 / 11.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (e->part_shares[1], 6 / 11.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (e->part_journey_shares[0], 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (e->part_journey_shares[1], 0.75, 1e-12);
  /* the model's credit is the share of all: 3 touched conversions */
  g_assert_cmpfloat_with_epsilon (credit->conversions[rdm_credit_find_label (credit, "B")],
                                  3 * 6 / 11.0, 1e-9);

  refused = rdm_explain_journey (unknown, RDM_MODEL_MARKOV, NULL, set, credit, &error);
  g_assert_null (refused);
  g_assert_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_UNKNOWN_LABEL);
  g_assert_nonnull (strstr (error->message, "“D”"));
}

static void
test_rule_texts (void)
{
  const char *markov = rdm_explain_model_rule (RDM_MODEL_MARKOV);

  /* what a removal effect is, and what it is not */
  g_assert_null (strstr (markov, "importance"));
  g_assert_nonnull (strstr (markov, "not incrementality"));
  g_assert_nonnull (strstr (rdm_explain_model_rule (RDM_MODEL_SHAPLEY), "not incrementality"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/explain/time-decay-golden", test_time_decay_golden);
  g_test_add_func ("/explain/position", test_position);
  g_test_add_func ("/explain/view-weight-click-priority", test_view_weight_and_click_priority);
  g_test_add_func ("/explain/single-touch-models", test_single_touch_models);
  g_test_add_func ("/explain/shapley", test_shapley);
  g_test_add_func ("/explain/markov", test_markov);
  g_test_add_func ("/explain/no-touch", test_no_touch);
  g_test_add_func ("/explain/pick-row", test_pick_row);
  g_test_add_func ("/explain/refused-rows", test_refused_rows);
  g_test_add_func ("/explain/journey/parse", test_journey_parse);
  g_test_add_func ("/explain/journey/rules", test_journey_rules);
  g_test_add_func ("/explain/journey/shapley", test_journey_shapley);
  g_test_add_func ("/explain/journey/markov", test_journey_markov);
  g_test_add_func ("/explain/rule-texts", test_rule_texts);

  return g_test_run ();
}
