/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Markov attribution: chains solved by hand, order 2, the errors, and an
 * independent computation (value iteration on transition counts made here)
 * that the exact solve must match to 1e-9.
 */
#include "config.h"

#include <math.h>

#include "rdm-attribution.h"
#include "rdm-markov.h"
#include "rdm-path-table.h"
#include "rdm-test-util.h"

static void
add_path (RdmPathSet *set, const char *text, double conversions, double value, double nulls)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (rdm_path_set_add_path_text (set, text, conversions, value, nulls, &error));
  g_assert_no_error (error);
}

static RdmCredit *
markov (const RdmPathSet *set, guint order)
{
  g_autoptr (GError) error = NULL;
  RdmModelOptions options;
  RdmCredit *credit;

  rdm_model_options_init (&options);
  options.markov_order = order;
  credit = rdm_attribute (set, RDM_MODEL_MARKOV, &options, NULL, &error);
  g_assert_no_error (error);
  rdm_model_options_clear (&options);
  return credit;
}

static int
label (const RdmCredit *credit, const char *name)
{
  int l = rdm_credit_find_label (credit, name);

  g_assert_cmpint (l, >=, 0);
  return l;
}

static void
test_by_hand (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  g_autoptr (RdmCredit) credit = NULL;
  int a, b;

  /* Journeys: "a" 1 conversion + 1 null, "a > b" 1 conversion, "b" 2 nulls.
   * Transition weights: start->a 2 + 1 = 3, start->b 2; a->conv 1,
   * a->null 1, a->b 1; b->conv 1, b->null 2.
   * Probabilities: start: a 3/5, b 2/5; a: conv, null, b 1/3 each;
   * b: conv 1/3, null 2/3.
   * Absorption in conversion: x_b = 1/3; x_a = 1/3 + 1/3 x_b = 4/9;
   * P = x_start = 3/5 * 4/9 + 2/5 * 1/3 = 12/45 + 6/45 = 2/5 (indeed 2
   * conversions out of 5 journeys).
   * Without a (start->a and nothing else goes to null): P = 2/5 * 1/3 =
   * 2/15, RE_a = 1 - (2/15) / (2/5) = 2/3.
   * Without b (a->b and start->b go to null): P = 3/5 * 1/3 = 1/5,
   * RE_b = 1 - (1/5) / (2/5) = 1/2.
   * Credit of the 2 conversions: a (2/3) / (7/6) * 2 = 8/7,
   * b (1/2) / (7/6) * 2 = 6/7; value 35 likewise: 20 and 15. */
  add_path (set, "a", 1, 15, 1);
  add_path (set, "a > b", 1, 20, 0);
  add_path (set, "b", 0, 0, 2);
  credit = markov (set, 1);
  a = label (credit, "a");
  b = label (credit, "b");
  g_assert_true (credit->has_removal_effects);
  g_assert_cmpuint (credit->n_states, ==, 3);
  g_assert_cmpfloat_with_epsilon (credit->baseline_probability, 2.0 / 5, 1e-15);
  g_assert_cmpfloat_with_epsilon (credit->removal_effect[a], 2.0 / 3, 1e-15);
  g_assert_cmpfloat_with_epsilon (credit->removal_effect[b], 1.0 / 2, 1e-15);
  g_assert_cmpfloat_with_epsilon (credit->conversions[a], 8.0 / 7, 1e-14);
  g_assert_cmpfloat_with_epsilon (credit->conversions[b], 6.0 / 7, 1e-14);
  g_assert_cmpfloat_with_epsilon (credit->value[a], 20, 1e-12);
  g_assert_cmpfloat_with_epsilon (credit->value[b], 15, 1e-12);
  g_assert_cmpfloat_with_epsilon (credit->total_conversions, 2, 1e-15);
}

static void
test_collapse (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  g_autoptr (RdmPathSet) collapsed = rdm_path_set_new (FALSE);
  g_autoptr (RdmCredit) x = NULL;
  g_autoptr (RdmCredit) y = NULL;

  /* order 1 merges repeats: a > a > b > b is a > b */
  add_path (set, "a > a > b > b", 3, 0, 1);
  add_path (set, "b > a", 1, 0, 2);
  add_path (collapsed, "a > b", 3, 0, 1);
  add_path (collapsed, "b > a", 1, 0, 2);
  x = markov (set, 1);
  y = markov (collapsed, 1);
  g_assert_cmpfloat (x->baseline_probability, ==, y->baseline_probability);
  g_assert_cmpfloat (x->conversions[0], ==, y->conversions[0]);
  g_assert_cmpfloat (x->conversions[1], ==, y->conversions[1]);
}

static void
test_order_2 (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  g_autoptr (RdmCredit) credit = NULL;
  g_autoptr (RdmMarkovChain) chain = NULL;
  g_autoptr (RdmPathSet) runs = rdm_path_set_new (FALSE);
  RdmModelOptions options;
  const char *names[] = { "a", "b", "c", NULL };

  /* Journeys "a > b > c" 1 conversion, "b > c" 1 conversion + 1 null,
   * "a > c" 1 null. Order-2 states: (a,b) -> (b,c); (b,c); (a,c).
   * Weights: start->(a,b) 1, start->(b,c) 2, start->(a,c) 1;
   * (a,b)->(b,c) 1; (b,c)->conv 2, (b,c)->null 1; (a,c)->null 1.
   * x_(b,c) = 2/3, x_(a,b) = 2/3, x_(a,c) = 0;
   * P = 1/4 * 2/3 + 2/4 * 2/3 + 1/4 * 0 = 1/2.
   * Without a, (a,b) and (a,c) go: P = 2/4 * 2/3 = 1/3, RE_a = 1/3.
   * Without b, (a,b) and (b,c) go: P = 0, RE_b = 1; likewise RE_c = 1.
   * Credit of 2 conversions: a (1/3)/(7/3) * 2 = 2/7, b and c 6/7. */
  add_path (set, "a > b > c", 1, 0, 0);
  add_path (set, "b > c", 1, 0, 1);
  add_path (set, "a > c", 0, 0, 1);
  credit = markov (set, 2);
  g_assert_cmpuint (credit->n_states, ==, 4);
  g_assert_cmpfloat_with_epsilon (credit->baseline_probability, 0.5, 1e-15);
  g_assert_cmpfloat_with_epsilon (credit->removal_effect[label (credit, "a")], 1.0 / 3, 1e-15);
  g_assert_cmpfloat_with_epsilon (credit->removal_effect[label (credit, "b")], 1, 1e-15);
  g_assert_cmpfloat_with_epsilon (credit->removal_effect[label (credit, "c")], 1, 1e-15);
  g_assert_cmpfloat_with_epsilon (credit->conversions[label (credit, "a")], 2.0 / 7, 1e-14);
  g_assert_cmpfloat_with_epsilon (credit->conversions[label (credit, "b")], 6.0 / 7, 1e-14);
  g_assert_cmpfloat_with_epsilon (credit->conversions[label (credit, "c")], 6.0 / 7, 1e-14);

  /* ChannelAttribution's runs: a > a > b gives (a,a) -> (a,b); a > a > a
   * the single state (a,a); a path shorter than the order is one state */
  add_path (runs, "a > a > b", 1, 0, 0);
  add_path (runs, "a > a > a", 1, 0, 0);
  add_path (runs, "c", 0, 0, 1);
  rdm_model_options_init (&options);
  options.markov_order = 2;
  chain = rdm_markov_chain_new_from_path_set (runs, &options, names);
  g_assert_cmpuint (rdm_markov_chain_n_states (chain), ==, 3);
  g_assert_cmpstr (rdm_markov_chain_state_name (chain, 0), ==, "a > a");
  g_assert_cmpstr (rdm_markov_chain_state_name (chain, 1), ==, "a > b");
  g_assert_cmpstr (rdm_markov_chain_state_name (chain, 2), ==, "c");
  g_assert_cmpfloat (rdm_markov_chain_get_weight (chain, RDM_MARKOV_START, 0), ==, 2);
  g_assert_cmpfloat (rdm_markov_chain_get_weight (chain, 0, 1), ==, 1);
  g_assert_cmpfloat (rdm_markov_chain_get_weight (chain, 0, 0), ==, 0);
  g_assert_cmpfloat (rdm_markov_chain_get_weight (chain, 0, RDM_MARKOV_CONVERSION), ==, 1);
  g_assert_cmpfloat (rdm_markov_chain_get_weight (chain, 2, RDM_MARKOV_NULL), ==, 1);
  rdm_model_options_clear (&options);
}

static void
test_no_touch (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  g_autoptr (RdmCredit) credit = NULL;
  int a, b, none;

  /* Touched journeys: a > b converts 1 (value 10); a is a null path;
   * b converts 1 (value 4) and is a null path once.
   * Chain: start->a 2, start->b 2; a->b 1, a->null 1; b->conv 2, b->null 1.
   * x_b = 2/3, x_a = 1/2 x_b = 1/3, P = 1/2 x_a + 1/2 x_b = 1/2.
   * Without a: P = 1/2 x_b = 1/3, RE_a = 1 - (1/3)/(1/2) = 1/3.
   * Without b: P = 0, RE_b = 1. Sum 4/3: a gets 1/4 of the 2 touched
   * conversions and of their value 14, b 3/4.
   * Conversions without a touch (3 with no touch at all, value 30, and 1
   * on the path builder's "(none)" touch, value 6) go to No touch exactly:
   * 4, value 36, and take no part in the chain. */
  add_path (set, "a > b", 1, 10, 0);
  add_path (set, "a", 0, 0, 1);
  add_path (set, "b", 1, 4, 1);
  rdm_path_set_end_row (set, 3, 30, 0, rdm_path_set_n_rows (set));
  add_path (set, "(none)", 1, 6, 0);
  credit = markov (set, 1);
  a = label (credit, "a");
  b = label (credit, "b");
  none = label (credit, "(none)");
  g_assert_cmpuint (credit->n_labels, ==, 3);
  g_assert_cmpfloat_with_epsilon (credit->baseline_probability, 0.5, 1e-15);
  g_assert_cmpfloat_with_epsilon (credit->removal_effect[a], 1.0 / 3, 1e-15);
  g_assert_cmpfloat_with_epsilon (credit->removal_effect[b], 1, 1e-15);
  g_assert_cmpfloat (credit->removal_effect[none], ==, 0);
  g_assert_cmpfloat_with_epsilon (credit->conversions[a], 0.5, 1e-14);
  g_assert_cmpfloat_with_epsilon (credit->conversions[b], 1.5, 1e-14);
  g_assert_cmpfloat_with_epsilon (credit->value[a], 3.5, 1e-13);
  g_assert_cmpfloat_with_epsilon (credit->value[b], 10.5, 1e-13);
  g_assert_cmpfloat (credit->conversions[none], ==, 4);
  g_assert_cmpfloat (credit->value[none], ==, 36);
  g_assert_cmpfloat (credit->click_conversions[none], ==, 4);
  g_assert_cmpfloat (credit->total_conversions, ==, 6);
  g_assert_cmpfloat (credit->total_value, ==, 50);
  /* start, a and b: "(none)" is no state */
  g_assert_cmpuint (credit->n_states, ==, 3);
}

static void
test_only_no_touch (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  g_autoptr (RdmCredit) credit = NULL;
  int none;

  /* nothing touched converts: No touch has it all, a nothing */
  add_path (set, "(none)", 2, 8, 0);
  add_path (set, "a", 0, 0, 3);
  credit = markov (set, 1);
  none = label (credit, "(none)");
  g_assert_cmpfloat (credit->conversions[none], ==, 2);
  g_assert_cmpfloat (credit->value[none], ==, 8);
  g_assert_cmpfloat (credit->conversions[label (credit, "a")], ==, 0);
  g_assert_cmpfloat (credit->total_conversions, ==, 2);
}

static void
test_singular (void)
{
  g_autoptr (RdmMarkovChain) chain = rdm_markov_chain_new ();
  g_autoptr (GError) error = NULL;
  guint x = rdm_markov_chain_add_state (chain, "x");
  guint y = rdm_markov_chain_add_state (chain, "y");
  guint z = rdm_markov_chain_add_state (chain, "z");
  guint w = rdm_markov_chain_add_state (chain, "unreached");
  g_autofree guint8 *removed = g_new0 (guint8, 4);
  double p = -1;

  /* x and y send each other everything: no way out. w is trapped too but
   * never reached from start, so it does not matter. */
  rdm_markov_chain_add_transition (chain, RDM_MARKOV_START, x, 1);
  rdm_markov_chain_add_transition (chain, RDM_MARKOV_START, z, 1);
  rdm_markov_chain_add_transition (chain, x, y, 2);
  rdm_markov_chain_add_transition (chain, y, x, 2);
  rdm_markov_chain_add_transition (chain, z, RDM_MARKOV_CONVERSION, 1);
  rdm_markov_chain_add_transition (chain, w, w, 1);
  g_assert_false (rdm_markov_chain_solve (chain, NULL, &p, NULL, &error));
  g_assert_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_SINGULAR);
  g_assert_cmpstr (error->message, ==,
                   "The Markov chain cannot be solved: from “x”, “y” a journey never reaches "
                   "conversion or null (a cycle with no exit)");
  g_clear_error (&error);

  /* removing y opens the cycle: x -> y now goes to null; P = 1/2 */
  removed[y] = 1;
  g_assert_true (rdm_markov_chain_solve (chain, removed, &p, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (p, 0.5, 1e-15);
}

static void
test_no_conversion (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  g_autoptr (GError) error = NULL;

  add_path (set, "a > b", 0, 0, 4);
  g_assert_null (rdm_attribute (set, RDM_MODEL_MARKOV, NULL, NULL, &error));
  g_assert_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_NO_CONVERSIONS);
  g_assert_cmpstr (error->message, ==,
                   "No journey converts, so the Markov model has nothing to attribute");
}

/* The independent computation: transition counts made here from the label
 * sequences (repeats collapsed), then x <- Q x + r iterated until it stops
 * moving. Returns P with the labels flagged in @removed sent to null. */
static double
value_iteration (guint n_labels,
                 GPtrArray *paths,
                 const double *conv,
                 const double *nulls,
                 const gboolean *removed)
{
  /* index 0 start, 1 + l label l, n + 1 conversion, n + 2 null */
  guint n = n_labels + 3;
  g_autofree double *w = g_new0 (double, n *n);
  g_autofree double *x = g_new0 (double, n);
  g_autofree double *next = g_new0 (double, n);

  for (guint r = 0; r < paths->len; r++)
    {
      GArray *path = paths->pdata[r];
      guint prev = 0;

      for (guint i = 0; i < path->len; i++)
        {
          guint s = 1 + g_array_index (path, guint, i);

          if (s == prev)
            continue;
          w[prev * n + s] += conv[r] + nulls[r];
          prev = s;
        }
      w[prev * n + n_labels + 1] += conv[r];
      w[prev * n + n_labels + 2] += nulls[r];
    }
  for (guint it = 0; it < 100000; it++)
    {
      double change = 0;

      for (guint i = 0; i < n_labels + 1; i++)
        {
          double total = 0, s = 0;

          for (guint j = 0; j < n; j++)
            total += w[i * n + j];
          if (total == 0)
            continue;
          s = w[i * n + n_labels + 1] / total;
          for (guint j = 1; j < n_labels + 1; j++)
            if (!removed[j - 1])
              s += w[i * n + j] / total * x[j];
          next[i] = s;
          change = MAX (change, fabs (next[i] - x[i]));
        }
      memcpy (x, next, sizeof (double) * n);
      if (change < 1e-17)
        break;
    }
  return x[0];
}

static void
test_independent (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (4242);
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  g_autoptr (RdmCredit) credit = NULL;
  const char *names[] = { "c0", "c1", "c2", "c3", "c4", "c5" };
  double conv[400], nulls[400], p, sum_re = 0, re[6], total = 0;
  gboolean removed[6] = { FALSE };

  for (guint r = 0; r < 400; r++)
    {
      GArray *path = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr (GString) text = g_string_new (NULL);
      guint len = (guint)g_rand_int_range (rand, 1, 9);

      for (guint i = 0; i < len; i++)
        {
          guint l = (guint)g_rand_int_range (rand, 0, 6);

          g_array_append_val (path, l);
          g_string_append_printf (text, "%s%s", i > 0 ? " > " : "", names[l]);
        }
      conv[r] = g_rand_int_range (rand, 0, 4);
      nulls[r] = g_rand_int_range (rand, 0, 6);
      total += conv[r];
      g_ptr_array_add (paths, path);
      add_path (set, text->str, conv[r], conv[r] * 10, nulls[r]);
    }
  credit = markov (set, 1);
  p = value_iteration (6, paths, conv, nulls, removed);
  g_test_message ("exact P %.17g, value iteration %.17g", credit->baseline_probability, p);
  g_assert_cmpfloat (fabs (credit->baseline_probability - p), <=, 1e-9 * p);
  for (guint l = 0; l < 6; l++)
    {
      removed[l] = TRUE;
      re[l] = 1 - value_iteration (6, paths, conv, nulls, removed) / p;
      removed[l] = FALSE;
      sum_re += re[l];
    }
  for (guint l = 0; l < 6; l++)
    {
      int k = label (credit, names[l]);

      g_assert_cmpfloat (fabs (credit->removal_effect[k] - re[l]), <=, 1e-9);
      g_assert_cmpfloat (fabs (credit->conversions[k] - re[l] / sum_re * total), <=, 1e-9 * total);
    }
}

static void
test_gauss_seidel (void)
{
  /* a random sparse chain larger than RDM_MARKOV_DENSE_MAX, so the solve
   * takes the iterative path, against plain value iteration */
  g_autoptr (GRand) rand = g_rand_new_with_seed (77);
  g_autoptr (RdmMarkovChain) chain = rdm_markov_chain_new ();
  const guint n = RDM_MARKOV_DENSE_MAX * 2;
  g_autofree double *w = g_new0 (double, (n + 1) * (n + 2));
  g_autofree double *x = g_new0 (double, n + 1);
  g_autofree double *total = g_new0 (double, n + 1);
  g_autoptr (GError) error = NULL;
  double p;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("s%u", i);

      rdm_markov_chain_add_state (chain, name);
    }
  /* rows 0..n-1 states, row n start; column n conversion, n + 1 null */
  for (guint i = 0; i <= n; i++)
    {
      for (guint e = 0; e < 5; e++)
        {
          guint j = (guint)g_rand_int_range (rand, 0, n);
          double weight = g_rand_int_range (rand, 1, 10);

          w[i * (n + 2) + j] += weight;
          rdm_markov_chain_add_transition (chain, i == n ? RDM_MARKOV_START : i, j, weight);
        }
      if (i < n)
        {
          double c = g_rand_int_range (rand, 0, 3), nu = g_rand_int_range (rand, 1, 3);

          w[i * (n + 2) + n] += c;
          w[i * (n + 2) + n + 1] += nu;
          if (c > 0)
            rdm_markov_chain_add_transition (chain, i, RDM_MARKOV_CONVERSION, c);
          rdm_markov_chain_add_transition (chain, i, RDM_MARKOV_NULL, nu);
        }
    }
  for (guint i = 0; i <= n; i++)
    for (guint j = 0; j < n + 2; j++)
      total[i] += w[i * (n + 2) + j];
  for (guint it = 0; it < 200000; it++)
    {
      double change = 0;

      for (guint i = 0; i <= n; i++)
        {
          double s = w[i * (n + 2) + n] / total[i];

          for (guint j = 0; j < n; j++)
            s += w[i * (n + 2) + j] / total[i] * x[j];
          change = MAX (change, fabs (s - x[i]));
          x[i] = s;
        }
      if (change < 1e-17)
        break;
    }
  g_assert_true (rdm_markov_chain_solve (chain, NULL, &p, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("Gauss-Seidel P %.17g, value iteration %.17g", p, x[n]);
  g_assert_cmpfloat (fabs (p - x[n]), <=, 1e-9 * x[n]);
}

/* Every single-state removal from one factorisation (dense transitions)
 * or from one solve per state (sparse ones) against removing the state in
 * rdm_markov_chain_solve(). */
static void
check_removals (guint n, guint n_edges)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (n_edges);
  g_autoptr (RdmMarkovChain) chain = rdm_markov_chain_new ();
  g_autoptr (GError) error = NULL;
  g_autofree double *without = g_new (double, n);
  g_autofree guint8 *removed = g_new0 (guint8, n);
  double p, q;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("s%u", i);

      rdm_markov_chain_add_state (chain, name);
    }
  for (guint i = 0; i <= n; i++)
    {
      guint from = i == n ? RDM_MARKOV_START : i;

      for (guint e = 0; e < n_edges; e++)
        rdm_markov_chain_add_transition (chain, from, (guint)g_rand_int_range (rand, 0, n - 5),
                                         g_rand_int_range (rand, 1, 10));
      if (i < n)
        {
          rdm_markov_chain_add_transition (chain, i, RDM_MARKOV_CONVERSION,
                                           g_rand_int_range (rand, 1, 4));
          rdm_markov_chain_add_transition (chain, i, RDM_MARKOV_NULL,
                                           g_rand_int_range (rand, 1, 4));
        }
    }
  g_assert_true (rdm_markov_chain_solve_removals (chain, &p, without, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rdm_markov_chain_solve (chain, NULL, &q, NULL, &error));
  g_assert_cmpfloat (fabs (p - q), <=, 1e-13);
  for (guint s = 0; s < n; s++)
    {
      removed[s] = 1;
      g_assert_true (rdm_markov_chain_solve (chain, removed, &q, NULL, &error));
      removed[s] = 0;
      g_assert_cmpfloat (fabs (without[s] - q), <=, 1e-13);
      /* the last five states are never entered: removing them changes
       * nothing; removing another never raises P */
      if (s >= n - 5)
        g_assert_cmpfloat (without[s], ==, p);
      else
        g_assert_cmpfloat (without[s], <=, p);
    }
}

static void
test_removals (void)
{
  /* 60 states, some 20 transitions each: the factorisation pays */
  check_removals (60, 20);
  /* 200 states, two transitions each: one sparse solve per state */
  check_removals (200, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/markov/by-hand", test_by_hand);
  g_test_add_func ("/markov/collapse", test_collapse);
  g_test_add_func ("/markov/order-2", test_order_2);
  g_test_add_func ("/markov/no-touch", test_no_touch);
  g_test_add_func ("/markov/only-no-touch", test_only_no_touch);
  g_test_add_func ("/markov/singular", test_singular);
  g_test_add_func ("/markov/no-conversion", test_no_conversion);
  g_test_add_func ("/markov/independent", test_independent);
  g_test_add_func ("/markov/gauss-seidel", test_gauss_seidel);
  g_test_add_func ("/markov/removals", test_removals);
  return g_test_run ();
}
