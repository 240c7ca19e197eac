/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shapley attribution (DP6's formulation) on coalitions computed by hand,
 * and the limit on distinct channels per journey.
 */
#include "config.h"

#include <math.h>

#include "rdm-attribution.h"
#include "rdm-path-table.h"
#include "rdm-shapley.h"
#include "rdm-test-util.h"

static void
add_path (RdmPathSet *set, const char *text, double conversions, double value, double nulls)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (rdm_path_set_add_path_text (set, text, conversions, value, nulls, &error));
  g_assert_no_error (error);
}

static RdmCredit *
shapley (const RdmPathSet *set)
{
  g_autoptr (GError) error = NULL;
  RdmCredit *credit = rdm_attribute (set, RDM_MODEL_SHAPLEY, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (credit);
  return credit;
}

static double
conv_of (const RdmCredit *credit, const char *name)
{
  int l = rdm_credit_find_label (credit, name);

  g_assert_cmpint (l, >=, 0);
  return credit->conversions[l];
}

static double
value_of (const RdmCredit *credit, const char *name)
{
  int l = rdm_credit_find_label (credit, name);

  g_assert_cmpint (l, >=, 0);
  return credit->value[l];
}

static void
test_two_channels (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  g_autoptr (RdmCredit) credit = NULL;

  /* v(a) = 1 / (1 + 3) = 0.25, v(b) = 1 / (1 + 1) = 0.5,
   * v(ab) = 3 / (3 + 1) = 0.75 (order and repeats do not matter).
   * For T = {a, b}: phi_a = 1/2 (v(a) - 0) + 1/2 (v(ab) - v(b))
   *                       = 0.125 + 0.125 = 0.25,
   *                 phi_b = 1/2 (v(b) - 0) + 1/2 (v(ab) - v(a))
   *                       = 0.25 + 0.25 = 0.5; sum 0.75 = v(ab).
   * T's 3 conversions: a 1, b 2; value 30: a 10, b 20.
   * {a} and {b} keep their own: a 1 + 1 = 2, b 1 + 2 = 3. */
  add_path (set, "a", 1, 7, 3);
  add_path (set, "b", 1, 11, 1);
  add_path (set, "a > b", 2, 20, 0);
  add_path (set, "b > a > b", 1, 10, 1);
  credit = shapley (set);
  g_assert_cmpfloat_with_epsilon (conv_of (credit, "a"), 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (conv_of (credit, "b"), 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (value_of (credit, "a"), 7 + 10, 1e-12);
  g_assert_cmpfloat_with_epsilon (value_of (credit, "b"), 11 + 20, 1e-12);
  g_assert_cmpfloat_with_epsilon (credit->total_conversions, 5, 1e-12);
  g_assert_cmpfloat_with_epsilon (credit->total_value, 48, 1e-12);
  g_assert_false (credit->has_removal_effects);
}

static void
test_three_channels (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  g_autoptr (RdmCredit) credit = NULL;

  /* v(a) = 1/2, v(b) = 1/10, v(ab) = 1/5, v(abc) = 3/20 = 0.15; {c},
   * {a,c}, {b,c} never seen: 0.
   * T = {a, b}: phi_a = 1/2 (0.5) + 1/2 (0.2 - 0.1) = 0.3,
   *             phi_b = 1/2 (0.1) + 1/2 (0.2 - 0.5) = -0.1, clipped to 0:
   *             a takes the 1 conversion.
   * T = {a, b, c}: weights |S|! (3 - |S| - 1)! / 3! = 1/3, 1/6, 1/3 for
   * |S| = 0, 1, 2.
   *   phi_a = 1/3 (0.5) + 1/6 (v(ab) - v(b)) + 1/6 (v(ac) - v(c))
   *           + 1/3 (v(abc) - v(bc))
   *         = 0.166667 + 0.016667 + 0 + 0.05 = 0.233333
   *   phi_b = 1/3 (0.1) + 1/6 (0.2 - 0.5) + 1/6 (0 - 0) + 1/3 (0.15 - 0)
   *         = 0.033333 - 0.05 + 0 + 0.05 = 0.033333
   *   phi_c = 1/3 (0) + 1/6 (0 - 0.5) + 1/6 (0 - 0.1) + 1/3 (0.15 - 0.2)
   *         = -0.083333 - 0.016667 - 0.016667 = -0.116667 -> 0
   *   (sum 0.15 = v(abc) before clipping); shares a 0.233333 / 0.266667
   *   = 7/8, b 1/8, c 0 of 3 conversions: 2.625, 0.375, 0.
   * Totals: a = 1 ({a}) + 1 ({a,b}) + 2.625 = 4.625; b = 1 + 0.375 =
   * 1.375; c = 0. */
  add_path (set, "a", 1, 0, 1);
  add_path (set, "b", 1, 0, 9);
  add_path (set, "a > b", 1, 0, 4);
  add_path (set, "c > a > b > a", 3, 80, 17);
  credit = shapley (set);
  g_assert_cmpfloat_with_epsilon (conv_of (credit, "a"), 4.625, 1e-12);
  g_assert_cmpfloat_with_epsilon (conv_of (credit, "b"), 1.375, 1e-12);
  g_assert_cmpfloat_with_epsilon (conv_of (credit, "c"), 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (value_of (credit, "a"), 70, 1e-12);
  g_assert_cmpfloat_with_epsilon (value_of (credit, "b"), 10, 1e-12);
}

static void
test_no_touch (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  g_autoptr (RdmCredit) credit = NULL;

  /* The game of test_two_channels, plus conversions without a touch: 2
   * with no touch at all (value 9) and 1 on a "(none)" touch (value 5).
   * They go to No touch exactly (3, value 14) and change nothing in the
   * coalitions: a 2 (value 17), b 3 (value 31). */
  add_path (set, "a", 1, 7, 3);
  add_path (set, "b", 1, 11, 1);
  add_path (set, "a > b", 2, 20, 0);
  add_path (set, "b > a > b", 1, 10, 1);
  rdm_path_set_end_row (set, 2, 9, 0, rdm_path_set_n_rows (set));
  add_path (set, "(none)", 1, 5, 0);
  credit = shapley (set);
  g_assert_cmpfloat_with_epsilon (conv_of (credit, "a"), 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (conv_of (credit, "b"), 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (value_of (credit, "a"), 17, 1e-12);
  g_assert_cmpfloat_with_epsilon (value_of (credit, "b"), 31, 1e-12);
  g_assert_cmpfloat (conv_of (credit, "(none)"), ==, 3);
  g_assert_cmpfloat (value_of (credit, "(none)"), ==, 14);
  g_assert_cmpfloat_with_epsilon (credit->total_conversions, 8, 1e-12);
  g_assert_cmpfloat_with_epsilon (credit->total_value, 62, 1e-12);
}

static void
test_too_many_labels (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  g_autoptr (RdmPathSet) fifteen = rdm_path_set_new (FALSE);
  g_autoptr (GString) path = g_string_new ("c0");
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmCredit) credit = NULL;
  double sum = 0;

  for (guint i = 1; i < RDM_SHAPLEY_MAX_LABELS; i++)
    g_string_append_printf (path, " > c%u", i);
  /* 15 distinct channels: exact, each gets 1/15 of the symmetric game */
  add_path (fifteen, path->str, 15, 0, 0);
  credit = shapley (fifteen);
  for (guint l = 0; l < credit->n_labels; l++)
    {
      g_assert_cmpfloat_with_epsilon (credit->conversions[l], 1, 1e-9);
      sum += credit->conversions[l];
    }
  g_assert_cmpfloat_with_epsilon (sum, 15, 1e-9);

  /* 16: refused, saying how many */
  g_string_append (path, " > c15 > c0");
  add_path (set, "c0", 1, 0, 0);
  add_path (set, path->str, 1, 0, 0);
  g_assert_null (rdm_attribute (set, RDM_MODEL_SHAPLEY, NULL, NULL, &error));
  g_assert_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_TOO_MANY_LABELS);
  g_assert_cmpstr (error->message, ==,
                   "A converting journey has 16 distinct channels; exact Shapley values are "
                   "limited to 15 per journey (2^15 coalitions). Use the Markov model, or "
                   "analyse at a coarser level.");
}

static void
test_non_converting_large_set (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  g_autoptr (GString) path = g_string_new ("c0");
  g_autoptr (RdmCredit) credit = NULL;

  /* a non-converting journey over 20 channels only lowers no rate that a
   * converting set looks up: it is allowed */
  for (guint i = 1; i < 20; i++)
    g_string_append_printf (path, " > c%u", i);
  add_path (set, path->str, 0, 0, 5);
  add_path (set, "c3", 2, 0, 2);
  credit = shapley (set);
  g_assert_cmpfloat_with_epsilon (conv_of (credit, "c3"), 2, 1e-12);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/shapley/two-channels", test_two_channels);
  g_test_add_func ("/shapley/three-channels", test_three_channels);
  g_test_add_func ("/shapley/no-touch", test_no_touch);
  g_test_add_func ("/shapley/too-many-labels", test_too_many_labels);
  g_test_add_func ("/shapley/non-converting-large-set", test_non_converting_large_set);
  return g_test_run ();
}
