/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shapley-value attribution over sets of distinct labels.
 *
 * For a converting set T of t labels and a label i of T,
 *
 *   phi_i = sum over S subset of T \ {i} of  |S|! (t - |S| - 1)! / t!
 *                                            * (v(S + i) - v(S))
 *
 * with v(S) the conversion rate conversions / (conversions + nulls) of the
 * journeys whose distinct labels are exactly S, and v(empty) = 0. The
 * subsets of T are bitmasks over T's labels (sorted), so one pass over the
 * 2^t masks gives every phi_i; the values v of the masks are looked up once
 * each. The phi_i sum to v(T) > 0 (efficiency), so after clipping negative
 * ones to 0 the positive ones can always be normalised into shares of T's
 * conversions and value.
 *
 * Conversions with no qualifying touch are "(none)"'s, exactly, and the
 * game is played over the touched journeys only (SPEC.md, "Attribution").
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rdm-shapley.h"

typedef struct
{
  guint n;
  double conversions;
  double nulls;
  double value;
  guint32 labels[]; /* sorted */
} LabelSet;

static guint
label_set_hash (gconstpointer key)
{
  const LabelSet *s = key;
  guint h = 2166136261u ^ s->n;

  for (guint i = 0; i < s->n; i++)
    h = (h ^ s->labels[i]) * 16777619u;
  return h;
}

static gboolean
label_set_equal (gconstpointer a, gconstpointer b)
{
  const LabelSet *x = a, *y = b;

  return x->n == y->n && memcmp (x->labels, y->labels, x->n * sizeof (guint32)) == 0;
}

static int
compare_guint32 (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *)a, y = *(const guint32 *)b;

  return x < y ? -1 : x > y;
}

RdmCredit *
rdm_shapley_attribute (const RdmPathSet *set,
                       const RdmModelOptions *options,
                       GCancellable *cancellable,
                       GError **error)
{
  const guint32 *offsets = (const guint32 *)set->offsets->data;
  const double *conversions = (const double *)set->conversions->data;
  const double *nulls = (const double *)set->nulls->data;
  const double *values = (const double *)set->value->data;
  const guint32 *touch_label = (const guint32 *)set->touch_label->data;
  guint n_rows = rdm_path_set_n_rows (set);
  g_autoptr (RdmCredit) credit = NULL;
  g_autoptr (GHashTable) sets = NULL;
  g_autofree guint32 *kept = NULL;
  g_autofree LabelSet *scratch = NULL;
  g_autofree double *v = NULL;
  g_autofree double *phi = NULL;
  double weight[RDM_SHAPLEY_MAX_LABELS + 1][RDM_SHAPLEY_MAX_LABELS];
  double factorial[RDM_SHAPLEY_MAX_LABELS + 1];
  GHashTableIter iter;
  gpointer key;
  guint max_len = 1;
  guint32 no_touch = rdm_path_set_no_touch_label (set);

  credit = rdm_credit_new (set, RDM_MODEL_SHAPLEY, rdm_path_set_has_empty_conversions (set));
  rdm_credit_add_no_touch (credit, set, &credit->total_conversions, &credit->total_value);

  /* weight[t][s] = s! (t - s - 1)! / t! */
  factorial[0] = 1;
  for (guint i = 1; i <= RDM_SHAPLEY_MAX_LABELS; i++)
    factorial[i] = factorial[i - 1] * i;
  for (guint t = 1; t <= RDM_SHAPLEY_MAX_LABELS; t++)
    for (guint s = 0; s < t; s++)
      weight[t][s] = factorial[s] * factorial[t - s - 1] / factorial[t];

  for (guint r = 0; r < n_rows; r++)
    max_len = MAX (max_len, offsets[r + 1] - offsets[r]);
  kept = g_new (guint32, max_len);
  scratch = g_malloc (sizeof (LabelSet) + sizeof (guint32) * max_len);

  /* the journeys grouped by their set of distinct labels */
  sets = g_hash_table_new_full (label_set_hash, label_set_equal, g_free, NULL);
  for (guint r = 0; r < n_rows; r++)
    {
      double c = conversions[r], nu = nulls[r];
      LabelSet *found;
      guint n, d = 0;

      if (!(c + nu > 0) || !rdm_path_set_row_is_touched (set, r, no_touch))
        continue;
      n = rdm_model_options_filter_row (options, set, r, kept);
      for (guint i = 0; i < n; i++)
        scratch->labels[i] = touch_label[kept[i]];
      qsort (scratch->labels, n, sizeof (guint32), compare_guint32);
      for (guint i = 0; i < n; i++)
        if (d == 0 || scratch->labels[d - 1] != scratch->labels[i])
          scratch->labels[d++] = scratch->labels[i];
      scratch->n = d;
      found = g_hash_table_lookup (sets, scratch);
      if (found == NULL)
        {
          found = g_malloc0 (sizeof (LabelSet) + sizeof (guint32) * d);
          found->n = d;
          memcpy (found->labels, scratch->labels, sizeof (guint32) * d);
          g_hash_table_add (sets, found);
        }
      found->conversions += c;
      found->nulls += nu;
      if (c > 0)
        found->value += values[r];
    }

  v = g_new (double, 1u << RDM_SHAPLEY_MAX_LABELS);
  phi = g_new (double, RDM_SHAPLEY_MAX_LABELS);
  g_hash_table_iter_init (&iter, sets);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const LabelSet *T = key;
      guint t = T->n;
      double sum = 0;

      if (!(T->conversions > 0))
        continue;
      if (t > RDM_SHAPLEY_MAX_LABELS)
        {
          g_set_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_TOO_MANY_LABELS,
                       _ ("A converting journey has %u distinct channels; exact Shapley values "
                          "are limited to %u per journey (2^%u coalitions). Use the Markov "
                          "model, or analyse at a coarser level."),
                       t, RDM_SHAPLEY_MAX_LABELS, RDM_SHAPLEY_MAX_LABELS);
          return NULL;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      v[0] = 0;
      for (guint32 mask = 1; mask < (1u << t); mask++)
        {
          const LabelSet *S;
          guint d = 0;

          for (guint i = 0; i < t; i++)
            if (mask & (1u << i))
              scratch->labels[d++] = T->labels[i];
          scratch->n = d;
          S = g_hash_table_lookup (sets, scratch);
          v[mask] = S != NULL ? S->conversions / (S->conversions + S->nulls) : 0.0;
        }
      for (guint i = 0; i < t; i++)
        phi[i] = 0;
      for (guint32 mask = 0; mask < (1u << t); mask++)
        {
          const double *w = weight[t];
          guint s = (guint)__builtin_popcount (mask);

          for (guint i = 0; i < t; i++)
            if (!(mask & (1u << i)))
              phi[i] += w[s] * (v[mask | (1u << i)] - v[mask]);
        }
      for (guint i = 0; i < t; i++)
        {
          phi[i] = MAX (phi[i], 0.0);
          sum += phi[i];
        }
      for (guint i = 0; i < t; i++)
        {
          credit->conversions[T->labels[i]] += T->conversions * phi[i] / sum;
          credit->value[T->labels[i]] += T->value * phi[i] / sum;
        }
      credit->total_conversions += T->conversions;
      credit->total_value += T->value;
    }

  rdm_credit_split_by_touches (credit, set, options);
  return g_steal_pointer (&credit);
}
