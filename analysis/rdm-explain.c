/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The arithmetic of a model on one journey, for people. The rule-based
 * models follow the three steps of rdm-attribution.c (click priority, the
 * model's rule, the view weight) but keep the weights before normalisation,
 * so the panel can show, for time decay, 2^(-age/h) next to each touch and
 * then the share it gets. Markov and Shapley credit labels rather than
 * touches: their explanation is the removal effects of the journey's labels
 * (from the model's credit over the whole set) or the coalition values
 * v(S) of the journey's label set and the Shapley values they give
 * (recomputed here over the subsets of that one set, which is what the
 * engine does for each converting set; DP6's formulation).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "rdm-explain.h"
#include "rdm-path-table.h"
#include "rdm-shapley.h"

#define SECONDS_PER_DAY 86400.0

void
rdm_explanation_free (RdmExplanation *explanation)
{
  if (explanation == NULL)
    return;
  g_strfreev (explanation->labels);
  g_free (explanation->kinds);
  g_free (explanation->age_days);
  g_free (explanation->kept);
  g_free (explanation->weights);
  g_free (explanation->shares);
  g_strfreev (explanation->part_labels);
  g_free (explanation->part_values);
  g_free (explanation->part_shares);
  g_free (explanation->part_journey_shares);
  g_strfreev (explanation->coalition_labels);
  g_free (explanation->coalition_values);
  g_free (explanation);
}

const char *
rdm_explain_model_rule (RdmModel model)
{
  switch (model)
    {
    case RDM_MODEL_FIRST:
      return _ ("First touch gives the whole conversion to the first touch of the journey: it "
                "rewards the channels that bring people in.");
    case RDM_MODEL_LAST:
      return _ ("Last touch gives the whole conversion to the last touch before it: it rewards "
                "the channels that close.");
    case RDM_MODEL_LAST_NON_DIRECT:
      return _ ("Last non-direct gives the whole conversion to the last touch that is not a "
                "direct visit (or to the last touch if all of them are direct).");
    case RDM_MODEL_LINEAR:
      return _ ("Linear shares each conversion equally between the touches of the journey: with "
                "n touches, each gets 1/n, so a channel seen twice gets twice as much.");
    case RDM_MODEL_POSITION:
      return _ ("Position-based gives the first and the last touches the biggest shares and "
                "splits the middle weight between the touches in between. With two touches the "
                "middle weight is dropped and the other two are scaled to add up to 100 %.");
    case RDM_MODEL_TIME_DECAY:
      return _ ("Time decay weighs each touch by 2^(−age/h), where age is the time from the touch "
                "to the conversion and h the half-life: a touch one half-life older counts half "
                "as much. The weights are then scaled to add up to 100 %.");
    case RDM_MODEL_POSITION_DECAY:
      return _ ("Position decay weighs the i-th of n touches by i, so later touches count more "
                "regardless of how much time passed: i / (n(n+1)/2).");
    case RDM_MODEL_CUSTOM:
      return _ ("Custom uses your first, middle and last weights, multiplied by each channel’s "
                "factor, then scaled to add up to 100 %.");
    case RDM_MODEL_MARKOV:
      return _ ("The Markov chain model learns how journeys move from channel to channel, to a "
                "conversion or to nothing. A channel’s removal effect is how much the chain’s "
                "chance of converting drops when every move into that channel goes to nothing "
                "instead. It measures how many converting journeys pass through the channel, not "
                "what the channel caused: credit is not incrementality, and conversions that "
                "would have happened anyway are shared out too. The conversions are shared in "
                "proportion to the removal effects, over the whole data rather than journey by "
                "journey. Conversions with no qualifying touch go to “No touch”, as in every "
                "model: no channel touched them, so they stay out of the chain.");
    case RDM_MODEL_SHAPLEY:
      return _ ("The Shapley value treats the channels of a journey as a team. The conversion rate "
                "of journeys that used exactly a given group of channels is that group’s value; "
                "each channel gets its average gain in that rate when added to every smaller "
                "group. The journey’s conversions are shared by those gains. They are observed "
                "rates, not effects: credit is not incrementality, and conversions that would "
                "have happened anyway are shared out too. Conversions with no qualifying touch go "
                "to “No touch”, as in every model, and take no part in the game.");
    default:
      g_return_val_if_reached ("");
    }
}

/* Step 2 of rdm-attribution.c before normalisation: position-based and
 * custom weights are the user's first/middle/last weights themselves (the
 * middle one split over the middle touches). */
static void
rule_weights (const RdmPathSet *set,
              RdmModel model,
              const RdmModelOptions *options,
              const guint32 *t,
              guint n,
              double *w)
{
  const guint32 *label = (const guint32 *)set->touch_label->data;
  const double *age = (const double *)set->touch_age->data;
  double f = options->first_weight, m = options->middle_weight, l = options->last_weight;
  guint chosen;

  switch (model)
    {
    case RDM_MODEL_FIRST:
    case RDM_MODEL_LAST:
    case RDM_MODEL_LAST_NON_DIRECT:
      chosen = model == RDM_MODEL_FIRST ? 0 : n - 1;
      if (model == RDM_MODEL_LAST_NON_DIRECT)
        for (guint i = n; i-- > 0;)
          if (!set->label_is_direct->data[label[t[i]]])
            {
              chosen = i;
              break;
            }
      for (guint i = 0; i < n; i++)
        w[i] = i == chosen;
      break;

    case RDM_MODEL_LINEAR:
      for (guint i = 0; i < n; i++)
        w[i] = 1;
      break;

    case RDM_MODEL_POSITION:
    case RDM_MODEL_CUSTOM:
      if (n == 1)
        w[0] = 1;
      else if (n == 2)
        {
          w[0] = f + l > 0 ? f : 1;
          w[1] = f + l > 0 ? l : 1;
        }
      else
        {
          w[0] = f;
          w[n - 1] = l;
          for (guint i = 1; i + 1 < n; i++)
            w[i] = m / (n - 2);
        }
      if (model == RDM_MODEL_CUSTOM)
        {
          double sum = 0;

          for (guint i = 0; i < n; i++)
            sum += w[i]
                   * rdm_model_options_get_multiplier (options,
                                                       rdm_path_set_label_name (set, label[t[i]]));
          if (sum > 0)
            for (guint i = 0; i < n; i++)
              w[i] *= rdm_model_options_get_multiplier (options,
                                                        rdm_path_set_label_name (set, label[t[i]]));
        }
      break;

    case RDM_MODEL_POSITION_DECAY:
      for (guint i = 0; i < n; i++)
        w[i] = i + 1;
      break;

    case RDM_MODEL_TIME_DECAY:
      for (guint i = 0; i < n; i++)
        {
          w[i] = exp2 (-age[t[i]] / (options->half_life_days * SECONDS_PER_DAY));
          if (!isfinite (w[i]))
            {
              /* no times: the engine falls back to equal weights */
              for (guint j = 0; j < n; j++)
                w[j] = 1;
              break;
            }
        }
      break;

    case RDM_MODEL_MARKOV:
    case RDM_MODEL_SHAPLEY:
    default:
      g_assert_not_reached ();
    }
}

/* Step 3: a view counts view_weight of a click, unless that zeroes the
 * row. Single-touch models are unchanged by it (renormalised back to 1). */
static void
apply_view_weight (
    const RdmPathSet *set, const RdmModelOptions *options, const guint32 *t, guint n, double *w)
{
  const guint8 *kind = (const guint8 *)set->touch_kind->data;
  double sum = 0;

  for (guint i = 0; i < n; i++)
    sum += kind[t[i]] == RDM_TOUCH_VIEW ? w[i] * options->view_weight : w[i];
  if (!(sum > 0))
    return;
  for (guint i = 0; i < n; i++)
    if (kind[t[i]] == RDM_TOUCH_VIEW)
      w[i] *= options->view_weight;
}

/* The distinct labels of the kept touches @t[0..n-1], in order of first
 * appearance. */
static GArray *
distinct_labels (const RdmPathSet *set, const guint32 *t, guint n)
{
  const guint32 *label = (const guint32 *)set->touch_label->data;
  GArray *labels = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint i = 0; i < n; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < labels->len && !seen; j++)
        seen = g_array_index (labels, guint32, j) == label[t[i]];
      if (!seen)
        g_array_append_val (labels, label[t[i]]);
    }
  return labels;
}

static void
explain_markov (RdmExplanation *e, const RdmPathSet *set, GArray *labels, const RdmCredit *credit)
{
  double sum = 0, journey_sum = 0;

  for (guint i = 0; i < credit->n_labels; i++)
    sum += credit->removal_effect[i];
  e->baseline_probability = credit->baseline_probability;
  for (guint k = 0; k < labels->len; k++)
    {
      const char *name = rdm_path_set_label_name (set, g_array_index (labels, guint32, k));
      int i = rdm_credit_find_label (credit, name);
      double re = i >= 0 ? credit->removal_effect[i] : 0;

      e->part_labels[k] = g_strdup (name);
      e->part_values[k] = re;
      e->part_shares[k] = sum > 0 ? re / sum : 0;
      journey_sum += re;
    }
  for (guint k = 0; k < labels->len; k++)
    e->part_journey_shares[k]
        = journey_sum > 0 ? e->part_values[k] / journey_sum : 1.0 / labels->len;
}

static double
factorial (guint n)
{
  double f = 1;

  for (guint i = 2; i <= n; i++)
    f *= i;
  return f;
}

static void
explain_shapley (RdmExplanation *e,
                 const RdmPathSet *set,
                 const RdmModelOptions *options,
                 GArray *labels)
{
  const guint32 *offsets = (const guint32 *)set->offsets->data;
  const double *conversions = (const double *)set->conversions->data;
  const double *nulls = (const double *)set->nulls->data;
  const guint32 *touch_label = (const guint32 *)set->touch_label->data;
  guint n = labels->len, n_sets = 1u << n;
  g_autofree double *conv = g_new0 (double, n_sets);
  g_autofree double *all = g_new0 (double, n_sets);
  g_autofree guint32 *kept = NULL;
  guint max_len = 1;
  double sum = 0;

  for (guint r = 0; r < rdm_path_set_n_rows (set); r++)
    max_len = MAX (max_len, offsets[r + 1] - offsets[r]);
  kept = g_new (guint32, max_len);

  /* v(S) from the journeys whose distinct labels are exactly S ⊆ T */
  for (guint r = 0; r < rdm_path_set_n_rows (set); r++)
    {
      guint k = rdm_model_options_filter_row (options, set, r, kept);
      guint mask = 0;
      gboolean inside = TRUE;

      for (guint i = 0; i < k && inside; i++)
        {
          inside = FALSE;
          for (guint j = 0; j < n; j++)
            if (g_array_index (labels, guint32, j) == touch_label[kept[i]])
              {
                mask |= 1u << j;
                inside = TRUE;
              }
        }
      if (!inside || mask == 0)
        continue;
      conv[mask] += conversions[r];
      all[mask] += conversions[r] + nulls[r];
    }

  e->n_coalitions = n_sets - 1;
  e->coalition_labels = g_new0 (char *, n_sets);
  e->coalition_values = g_new0 (double, n_sets);
  for (guint s = 1; s < n_sets; s++)
    {
      g_autoptr (GString) text = g_string_new (NULL);

      for (guint j = 0; j < n; j++)
        if (s & (1u << j))
          {
            if (text->len > 0)
              g_string_append (text, " + ");
            g_string_append (text,
                             rdm_path_set_label_name (set, g_array_index (labels, guint32, j)));
          }
      e->coalition_labels[s - 1] = g_string_free (g_steal_pointer (&text), FALSE);
      e->coalition_values[s - 1] = all[s] > 0 ? conv[s] / all[s] : 0;
    }

  /* phi_i = sum over S not holding i of |S|! (n - |S| - 1)! / n! (v(S + i) - v(S)) */
  for (guint i = 0; i < n; i++)
    {
      double phi = 0;

      for (guint s = 0; s < n_sets; s++)
        {
          double v_s, v_si;
          guint size;

          if (s & (1u << i))
            continue;
          v_s = s > 0 ? e->coalition_values[s - 1] : 0;
          v_si = e->coalition_values[(s | (1u << i)) - 1];
          size = (guint)__builtin_popcount (s);
          phi += factorial (size) * factorial (n - size - 1) / factorial (n) * (v_si - v_s);
        }
      e->part_labels[i]
          = g_strdup (rdm_path_set_label_name (set, g_array_index (labels, guint32, i)));
      e->part_values[i] = MAX (phi, 0);
      sum += e->part_values[i];
    }
  for (guint i = 0; i < n; i++)
    {
      e->part_shares[i] = sum > 0 ? e->part_values[i] / sum : 1.0 / n;
      e->part_journey_shares[i] = e->part_shares[i];
    }
}

/* A new explanation of row @row of @set with its touches filled in, and in
 * @kept (room for the row's touches, at least one) the touches the models
 * see; their number in @n_kept. */
static RdmExplanation *
explanation_new (const RdmPathSet *set,
                 guint row,
                 RdmModel model,
                 const RdmModelOptions *options,
                 guint32 *kept,
                 guint *n_kept)
{
  const guint32 *offsets = (const guint32 *)set->offsets->data;
  const guint32 *label = (const guint32 *)set->touch_label->data;
  const guint8 *kind = (const guint8 *)set->touch_kind->data;
  const double *age = (const double *)set->touch_age->data;
  guint n = offsets[row + 1] - offsets[row];
  RdmExplanation *e = g_new0 (RdmExplanation, 1);

  e->model = model;
  e->row = row;
  e->conversions = g_array_index (set->conversions, double, row);
  e->value = g_array_index (set->value, double, row);
  e->half_life_days = options->half_life_days;
  e->per_touch = model != RDM_MODEL_MARKOV && model != RDM_MODEL_SHAPLEY;
  e->n_touches = n;
  e->labels = g_new0 (char *, n + 1);
  e->kinds = g_new0 (RdmTouchKind, MAX (n, 1));
  e->age_days = g_new0 (double, MAX (n, 1));
  e->kept = g_new0 (gboolean, MAX (n, 1));
  e->weights = g_new0 (double, MAX (n, 1));
  e->shares = g_new0 (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      guint32 t = offsets[row] + i;

      e->labels[i] = g_strdup (rdm_path_set_label_name (set, label[t]));
      e->kinds[i] = kind[t];
      e->age_days[i] = set->has_times ? age[t] / SECONDS_PER_DAY : NAN;
    }

  *n_kept = rdm_model_options_filter_row (options, set, row, kept);
  for (guint i = 0; i < *n_kept; i++)
    e->kept[kept[i] - offsets[row]] = TRUE;
  return e;
}

static void
parts_alloc (RdmExplanation *e, guint n_parts)
{
  e->n_parts = n_parts;
  e->part_labels = g_new0 (char *, n_parts + 1);
  e->part_values = g_new0 (double, MAX (n_parts, 1));
  e->part_shares = g_new0 (double, MAX (n_parts, 1));
  e->part_journey_shares = g_new0 (double, MAX (n_parts, 1));
}

/* The weights and shares of a rule-based model for the kept touches @kept
 * of row @row. */
static void
explain_rule (RdmExplanation *e,
              const RdmPathSet *set,
              guint row,
              const RdmModelOptions *options,
              const guint32 *kept,
              guint n_kept)
{
  const guint32 *offsets = (const guint32 *)set->offsets->data;
  g_autofree double *w = NULL;
  double sum = 0;

  if (n_kept == 0)
    return;
  w = g_new (double, n_kept);
  rule_weights (set, e->model, options, kept, n_kept, w);
  if (options->view_weight != 1.0 && e->model != RDM_MODEL_FIRST && e->model != RDM_MODEL_LAST
      && e->model != RDM_MODEL_LAST_NON_DIRECT)
    apply_view_weight (set, options, kept, n_kept, w);
  for (guint i = 0; i < n_kept; i++)
    sum += w[i];
  for (guint i = 0; i < n_kept; i++)
    {
      guint k = kept[i] - offsets[row];

      e->weights[k] = w[i];
      e->shares[k] = sum > 0 ? w[i] / sum : 1.0 / n_kept;
    }
}

RdmExplanation *
rdm_explain_row (const RdmPathSet *set,
                 guint row,
                 RdmModel model,
                 const RdmModelOptions *options,
                 const RdmCredit *credit)
{
  g_autoptr (RdmExplanation) e = NULL;
  g_autofree guint32 *kept = NULL;
  RdmModelOptions defaults;
  guint n_kept;

  g_return_val_if_fail (set != NULL, NULL);

  if (row >= rdm_path_set_n_rows (set) || !(g_array_index (set->conversions, double, row) > 0))
    return NULL;
  if (model == RDM_MODEL_MARKOV && (credit == NULL || !credit->has_removal_effects))
    return NULL;
  if (options == NULL)
    {
      rdm_model_options_init (&defaults);
      options = &defaults;
    }

  kept = g_new (guint32, MAX (g_array_index (set->offsets, guint32, row + 1)
                                  - g_array_index (set->offsets, guint32, row),
                              1));
  e = explanation_new (set, row, model, options, kept, &n_kept);

  if (!e->per_touch && !rdm_path_set_row_is_touched (set, row, rdm_path_set_no_touch_label (set)))
    {
      /* no channel touched it: No touch has it whole, outside the chain or
       * the game (SPEC.md, "Attribution") */
      parts_alloc (e, 1);
      e->part_labels[0] = g_strdup (RDM_NO_TOUCH_LABEL);
      e->part_shares[0] = 1;
      e->part_journey_shares[0] = 1;
      if (model == RDM_MODEL_MARKOV)
        e->baseline_probability = credit->baseline_probability;
      return g_steal_pointer (&e);
    }
  if (!e->per_touch)
    {
      g_autoptr (GArray) labels = distinct_labels (set, kept, n_kept);

      parts_alloc (e, labels->len);
      if (model == RDM_MODEL_MARKOV)
        explain_markov (e, set, labels, credit);
      else
        explain_shapley (e, set, options, labels);
      return g_steal_pointer (&e);
    }

  explain_rule (e, set, row, options, kept, n_kept);
  return g_steal_pointer (&e);
}

typedef struct
{
  guint first_row;
  guint n_touches;
  double conversions;
} Sequence;

gint64
rdm_explain_pick_row (const RdmPathSet *set, guint min_touches, guint max_touches)
{
  const guint32 *offsets;
  const guint32 *label;
  g_autoptr (GHashTable) sequences = NULL;
  g_autoptr (GArray) order = NULL;
  const Sequence *best = NULL, *best_any = NULL;

  g_return_val_if_fail (set != NULL, -1);

  offsets = (const guint32 *)set->offsets->data;
  label = (const guint32 *)set->touch_label->data;
  sequences
      = g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify)g_bytes_unref, NULL);
  order = g_array_new (FALSE, FALSE, sizeof (Sequence));
  for (guint r = 0; r < rdm_path_set_n_rows (set); r++)
    {
      double c = g_array_index (set->conversions, double, r);
      guint n = offsets[r + 1] - offsets[r];
      g_autoptr (GBytes) key = NULL;
      gpointer index;

      if (!(c > 0) || n == 0)
        continue;
      key = g_bytes_new (label + offsets[r], n * sizeof (guint32));
      if (g_hash_table_lookup_extended (sequences, key, NULL, &index))
        g_array_index (order, Sequence, GPOINTER_TO_UINT (index)).conversions += c;
      else
        {
          Sequence s = { r, n, c };

          g_hash_table_insert (sequences, g_steal_pointer (&key), GUINT_TO_POINTER (order->len));
          g_array_append_val (order, s);
        }
    }
  for (guint i = 0; i < order->len; i++)
    {
      const Sequence *s = &g_array_index (order, Sequence, i);

      if (best_any == NULL || s->conversions > best_any->conversions)
        best_any = s;
      if (s->n_touches >= min_touches && s->n_touches <= max_touches
          && (best == NULL || s->conversions > best->conversions))
        best = s;
    }
  if (best == NULL)
    best = best_any;
  return best != NULL ? (gint64)best->first_row : -1;
}

/* A trailing "(view)" or "(click)" on @name, blanks allowed before it and
 * inside the parentheses: removed from @name, and the kind in @kind. */
static void
strip_kind (char *name, RdmTouchKind *kind)
{
  static const struct
  {
    const char *word;
    RdmTouchKind kind;
  } kinds[] = { { "view", RDM_TOUCH_VIEW }, { "click", RDM_TOUCH_CLICK } };
  char *open = strrchr (name, '(');
  g_autofree char *word = NULL;

  *kind = RDM_TOUCH_CLICK;
  g_strchomp (name);
  if (open == NULL || !g_str_has_suffix (name, ")"))
    return;
  word = g_strndup (open + 1, strlen (open + 1) - 1);
  g_strstrip (word);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_ascii_strcasecmp (word, kinds[i].word) == 0)
      {
        *kind = kinds[i].kind;
        *open = '\0';
        g_strchomp (name);
        return;
      }
}

RdmPathSet *
rdm_explain_parse_journey (
    const char *text, const double *ages_days, guint n_ages, double value, GError **error)
{
  g_autoptr (RdmPathSet) parsed = rdm_path_set_new (FALSE);
  g_autoptr (RdmPathSet) journey = NULL;
  const guint32 *label;
  guint n;

  g_return_val_if_fail (text != NULL, NULL);

  if (!rdm_path_set_add_path_text (parsed, text, 1, value, 0, error))
    return NULL;
  label = (const guint32 *)parsed->touch_label->data;
  n = parsed->touch_label->len;
  if (ages_days != NULL && n_ages != n)
    {
      g_set_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_PARSE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Expected one age per touch: %u age for %u touches",
                                "Expected one age per touch: %u ages for %u touches", n_ages),
                   n_ages, n);
      return NULL;
    }
  for (guint i = 0; ages_days != NULL && i < n; i++)
    if (!(isfinite (ages_days[i]) && ages_days[i] >= 0))
      {
        g_set_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_INVALID_DATA,
                     _ ("Touch %u: expected an age of zero or more days"), i + 1);
        return NULL;
      }

  journey = rdm_path_set_new (ages_days != NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup (rdm_path_set_label_name (parsed, label[i]));
      RdmTouchKind kind;

      strip_kind (name, &kind);
      if (name[0] == '\0')
        {
          g_set_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_PARSE,
                       _ ("Touch %u: expected a channel name before the kind"), i + 1);
          return NULL;
        }
      if (g_str_equal (name, RDM_NO_TOUCH_LABEL))
        {
          g_set_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_PARSE,
                       _ ("Touch %u: “%s” stands for conversions without a touch, not a channel"),
                       i + 1, RDM_NO_TOUCH_LABEL);
          return NULL;
        }
      rdm_path_set_add_touch (
          journey,
          rdm_path_set_intern_label (journey, name, g_ascii_strcasecmp (name, "direct") == 0), kind,
          ages_days != NULL ? ages_days[i] * SECONDS_PER_DAY : NAN);
    }
  rdm_path_set_end_row (journey, 1, value, 0, 0);
  return g_steal_pointer (&journey);
}

/* The index in @set of the label called @name, or G_MAXUINT32. */
static guint32
find_label (const RdmPathSet *set, const char *name)
{
  gpointer index = g_hash_table_lookup (set->label_index, name);

  return index != NULL ? GPOINTER_TO_UINT (index) - 1 : G_MAXUINT32;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_utf8_collate (*(const char *const *)a, *(const char *const *)b);
}

/* @project's labels in alphabetical order, "(none)" left out, for a
 * message. */
static char *
known_labels (const RdmPathSet *project)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < rdm_path_set_n_labels (project); i++)
    if (!g_str_equal (rdm_path_set_label_name (project, i), RDM_NO_TOUCH_LABEL))
      g_ptr_array_add (names, (gpointer)rdm_path_set_label_name (project, i));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **)names->pdata);
}

/* The labels @labels of @journey as indices of @project, or FALSE with
 * RDM_MODEL_ERROR_UNKNOWN_LABEL when @project does not know one of them
 * (Markov: when @credit has no removal effect for it). */
static gboolean
project_labels (const RdmPathSet *journey,
                GArray *labels,
                const RdmPathSet *project,
                const RdmCredit *credit,
                GError **error)
{
  for (guint k = 0; k < labels->len; k++)
    {
      const char *name = rdm_path_set_label_name (journey, g_array_index (labels, guint32, k));
      guint32 index = find_label (project, name);

      if (index == G_MAXUINT32 || (credit != NULL && rdm_credit_find_label (credit, name) < 0))
        {
          g_autofree char *known = known_labels (project);

          g_set_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_UNKNOWN_LABEL,
                       _ ("The project’s journeys never name “%s”, and Markov and Shapley learn "
                          "only from them. They name: %s"),
                       name, known);
          return FALSE;
        }
      g_array_index (labels, guint32, k) = index;
    }
  return TRUE;
}

RdmExplanation *
rdm_explain_journey (const RdmPathSet *journey,
                     RdmModel model,
                     const RdmModelOptions *options,
                     const RdmPathSet *project,
                     const RdmCredit *credit,
                     GError **error)
{
  const guint32 *label;
  const guint8 *kind;
  const double *age;
  g_autoptr (RdmPathSet) work = NULL;
  g_autoptr (RdmExplanation) e = NULL;
  g_autoptr (GArray) labels = NULL;
  g_autofree guint32 *kept = NULL;
  RdmModelOptions defaults;
  guint n, n_kept;

  g_return_val_if_fail (journey != NULL, NULL);
  g_return_val_if_fail (rdm_path_set_n_rows (journey) == 1, NULL);
  g_return_val_if_fail (model != RDM_MODEL_SHAPLEY || project != NULL, NULL);
  g_return_val_if_fail (model != RDM_MODEL_MARKOV
                            || (project != NULL && credit != NULL && credit->has_removal_effects),
                        NULL);

  if (options == NULL)
    {
      rdm_model_options_init (&defaults);
      options = &defaults;
    }
  if (!rdm_model_options_validate (options, error))
    return NULL;
  if (model == RDM_MODEL_TIME_DECAY && !journey->has_times)
    {
      g_set_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_NEEDS_TIMES,
                   _ ("Time decay needs the age of every touch, in days before the conversion"));
      return NULL;
    }

  /* the journey again, with the project's direct flags for last non-direct */
  label = (const guint32 *)journey->touch_label->data;
  kind = (const guint8 *)journey->touch_kind->data;
  age = (const double *)journey->touch_age->data;
  n = journey->touch_label->len;
  work = rdm_path_set_new (journey->has_times);
  for (guint i = 0; i < n; i++)
    {
      const char *name = rdm_path_set_label_name (journey, label[i]);
      guint32 known = project != NULL ? find_label (project, name) : G_MAXUINT32;
      gboolean is_direct = known != G_MAXUINT32 ? project->label_is_direct->data[known]
                                                : journey->label_is_direct->data[label[i]];

      rdm_path_set_add_touch (work, rdm_path_set_intern_label (work, name, is_direct), kind[i],
                              age[i]);
    }
  rdm_path_set_end_row (work, g_array_index (journey->conversions, double, 0),
                        g_array_index (journey->value, double, 0), 0, 0);

  kept = g_new (guint32, MAX (n, 1));
  e = explanation_new (work, 0, model, options, kept, &n_kept);
  if (e->per_touch)
    {
      explain_rule (e, work, 0, options, kept, n_kept);
      return g_steal_pointer (&e);
    }

  labels = distinct_labels (work, kept, n_kept);
  if (model == RDM_MODEL_SHAPLEY && labels->len > RDM_SHAPLEY_MAX_LABELS)
    {
      g_set_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_TOO_MANY_LABELS,
                   _ ("The journey has %u different channels; the Shapley value is exact up to "
                      "%u"),
                   labels->len, RDM_SHAPLEY_MAX_LABELS);
      return NULL;
    }
  if (!project_labels (work, labels, project, model == RDM_MODEL_MARKOV ? credit : NULL, error))
    return NULL;
  parts_alloc (e, labels->len);
  if (model == RDM_MODEL_MARKOV)
    explain_markov (e, project, labels, credit);
  else
    explain_shapley (e, project, options, labels);
  return g_steal_pointer (&e);
}
