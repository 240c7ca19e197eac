/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rule-based models, and the dispatch to Markov and Shapley.
 *
 * Each converting row gets a weight per touch that sums to 1 and the row's
 * conversions and value are shared by those weights. The order of the steps
 * within a row is fixed:
 *
 *   1. click priority drops the row's views when it has a click;
 *   2. the model's rule gives the remaining n touches weights summing to 1;
 *   3. with a view-through weight w != 1, each view's weight is multiplied
 *      by w and the row renormalised, so that a view counts w of a click
 *      *within the same rule* (a 2-touch linear path view, click with
 *      w = 0.4 gives 0.4/1.4 and 1/1.4). When every weight becomes 0 (all
 *      views and w = 0, or a rule that only credited views) the row keeps
 *      the weights of step 2: credit must still sum to the conversions.
 *      First, last and last non-direct give one touch all the weight, which
 *      renormalises back to 1: the view weight does not change them.
 *
 * A converting row without touches goes to "(none)", as a click.
 *
 * Markov and Shapley credit labels, not touches: click priority filters
 * their journeys the same way, and the view weight only enters the split
 * of each label's credit into clicks and views (rdm_credit_split_by_touches).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rdm-attribution.h"
#include "rdm-markov.h"
#include "rdm-shapley.h"

#define SECONDS_PER_DAY 86400.0

typedef struct
{
  RdmModel model;
  const RdmModelOptions *options;
  const RdmPathSet *set;
  const guint32 *label;
  const guint8 *kind;
  const double *age;
  const guint8 *is_direct;
  double *factor; /* custom: per-label multiplier */
  double inv_half_life;
  guint n_rows_without_times;
} RuleContext;

/* Positional weights of position-based and custom, summing to 1. */
static void
positional_weights (const RdmModelOptions *options, guint n, double *w)
{
  double f = options->first_weight, m = options->middle_weight, l = options->last_weight;
  double sum;

  if (n == 1)
    {
      w[0] = 1;
      return;
    }
  if (n == 2)
    {
      /* the middle weight has no touch: renormalise first and last (Adobe:
       * 60/20/20 gives 75/25); with both zero, split evenly */
      sum = f + l;
      w[0] = sum > 0 ? f / sum : 0.5;
      w[1] = sum > 0 ? l / sum : 0.5;
      return;
    }
  sum = f + m + l;
  w[0] = f / sum;
  w[n - 1] = l / sum;
  for (guint i = 1; i + 1 < n; i++)
    w[i] = m / sum / (double)(n - 2);
}

static void
equal_weights (guint n, double *w)
{
  for (guint i = 0; i < n; i++)
    w[i] = 1.0 / n;
}

/* First, last and last non-direct: the position of the one touch of
 * @t[0..n-1], n >= 1, that takes all the credit. */
static guint
single_touch (const RuleContext *ctx, const guint32 *t, guint n)
{
  if (ctx->model == RDM_MODEL_FIRST)
    return 0;
  if (ctx->model == RDM_MODEL_LAST_NON_DIRECT)
    for (guint i = n; i-- > 0;)
      if (!ctx->is_direct[ctx->label[t[i]]])
        return i;
  return n - 1;
}

/* Step 2 of the file comment, over the kept touches @t[0..n-1], n >= 1,
 * for the models that share a row between touches. */
static void
rule_weights (RuleContext *ctx, const guint32 *t, guint n, double *w)
{
  double sum, min_age;

  switch (ctx->model)
    {
    case RDM_MODEL_LINEAR:
      equal_weights (n, w);
      break;

    case RDM_MODEL_POSITION:
      positional_weights (ctx->options, n, w);
      break;

    case RDM_MODEL_POSITION_DECAY:
      /* i / (n (n + 1) / 2), oldest touch i = 1 */
      sum = n * (n + 1) / 2.0;
      for (guint i = 0; i < n; i++)
        w[i] = (i + 1) / sum;
      break;

    case RDM_MODEL_TIME_DECAY:
      /* 2^(-age/h) relative to the youngest touch of the row: the same
       * normalised weights, without underflow for paths months old */
      min_age = INFINITY;
      for (guint i = 0; i < n; i++)
        min_age = MIN (min_age, ctx->age[t[i]]);
      if (isnan (min_age) || !isfinite (min_age))
        {
          ctx->n_rows_without_times++;
          equal_weights (n, w);
          break;
        }
      sum = 0;
      for (guint i = 0; i < n; i++)
        {
          double a = ctx->age[t[i]];

          if (isnan (a))
            {
              sum = 0;
              break;
            }
          w[i] = exp2 (-(a - min_age) * ctx->inv_half_life);
          sum += w[i];
        }
      if (!(sum > 0))
        {
          ctx->n_rows_without_times++;
          equal_weights (n, w);
          break;
        }
      for (guint i = 0; i < n; i++)
        w[i] /= sum;
      break;

    case RDM_MODEL_CUSTOM:
      positional_weights (ctx->options, n, w);
      sum = 0;
      for (guint i = 0; i < n; i++)
        sum += w[i] * ctx->factor[ctx->label[t[i]]];
      /* multipliers that zero the whole row leave the positional rule */
      if (sum > 0)
        for (guint i = 0; i < n; i++)
          w[i] = w[i] * ctx->factor[ctx->label[t[i]]] / sum;
      break;

    case RDM_MODEL_FIRST:
    case RDM_MODEL_LAST:
    case RDM_MODEL_LAST_NON_DIRECT:
    case RDM_MODEL_MARKOV:
    case RDM_MODEL_SHAPLEY:
    default:
      g_assert_not_reached ();
    }
}

/* Step 3 of the file comment. */
static void
apply_view_weight (const RuleContext *ctx, const guint32 *t, guint n, double *w)
{
  double vw = ctx->options->view_weight, sum = 0;
  gboolean any_view = FALSE;

  for (guint i = 0; i < n; i++)
    {
      if (ctx->kind[t[i]] == RDM_TOUCH_VIEW)
        {
          any_view = TRUE;
          sum += w[i] * vw;
        }
      else
        sum += w[i];
    }
  if (!any_view || !(sum > 0))
    return;
  for (guint i = 0; i < n; i++)
    w[i] = (ctx->kind[t[i]] == RDM_TOUCH_VIEW ? w[i] * vw : w[i]) / sum;
}

static RdmCredit *
attribute_rules (const RdmPathSet *set,
                 RdmModel model,
                 const RdmModelOptions *options,
                 GCancellable *cancellable,
                 GError **error)
{
  const guint32 *offsets = (const guint32 *)set->offsets->data;
  const double *conversions = (const double *)set->conversions->data;
  const double *values = (const double *)set->value->data;
  guint n_rows = rdm_path_set_n_rows (set);
  guint n_set_labels = rdm_path_set_n_labels (set);
  g_autoptr (RdmCredit) credit = NULL;
  g_autofree guint32 *kept = NULL;
  g_autofree double *w = NULL;
  g_autofree double *factor = NULL;
  g_autofree double *acc = NULL;
  gboolean single;
  RuleContext ctx = { 0 };
  guint none_label = 0;
  guint max_len = 1;
  double total_conversions = 0, total_value = 0;

  if (model == RDM_MODEL_TIME_DECAY && !set->has_times)
    {
      g_set_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_NEEDS_TIMES,
                   _ ("Time decay needs the time of each touch, which only event data have; "
                      "an imported path table has none. Use position decay instead, "
                      "or import the touchpoints."));
      return NULL;
    }

  credit = rdm_credit_new (set, model, rdm_path_set_has_empty_conversions (set));
  if (credit->n_labels > n_set_labels)
    none_label = n_set_labels;
  else if (g_hash_table_contains (set->label_index, RDM_NO_TOUCH_LABEL))
    none_label = GPOINTER_TO_UINT (g_hash_table_lookup (set->label_index, RDM_NO_TOUCH_LABEL)) - 1;

  for (guint r = 0; r < n_rows; r++)
    max_len = MAX (max_len, offsets[r + 1] - offsets[r]);
  kept = g_new (guint32, max_len);
  w = g_new (double, max_len);

  ctx.model = model;
  ctx.options = options;
  ctx.set = set;
  ctx.label = (const guint32 *)set->touch_label->data;
  ctx.kind = (const guint8 *)set->touch_kind->data;
  ctx.age = (const double *)set->touch_age->data;
  ctx.is_direct = set->label_is_direct->data;
  ctx.inv_half_life = 1.0 / (options->half_life_days * SECONDS_PER_DAY);
  if (model == RDM_MODEL_CUSTOM)
    {
      factor = g_new (double, n_set_labels);
      for (guint l = 0; l < n_set_labels; l++)
        factor[l] = rdm_model_options_get_multiplier (options, rdm_path_set_label_name (set, l));
      ctx.factor = factor;
    }

  /* per label: click conversions, click value, view conversions, view
   * value, side by side so that a touch updates one cache line */
  acc = g_new0 (double, 4 * (gsize)credit->n_labels);
  single
      = model == RDM_MODEL_FIRST || model == RDM_MODEL_LAST || model == RDM_MODEL_LAST_NON_DIRECT;
  for (guint r = 0; r < n_rows; r++)
    {
      double c = conversions[r], v, *a;
      guint n;

      if (!(c > 0))
        continue;
      v = values[r];
      total_conversions += c;
      total_value += v;
      if ((r & 0xffff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      if (options->click_priority)
        n = rdm_model_options_filter_row (options, set, r, kept);
      else
        {
          n = offsets[r + 1] - offsets[r];
          for (guint i = 0; i < n; i++)
            kept[i] = offsets[r] + i;
        }
      if (n == 0)
        {
          acc[4 * none_label] += c;
          acc[4 * none_label + 1] += v;
          continue;
        }
      if (single)
        {
          /* one touch takes it all; a view weight renormalises that single
           * weight back to 1 (or to 0, then falls back to it): no effect */
          guint32 t = kept[single_touch (&ctx, kept, n)];

          a = acc + 4 * ctx.label[t] + 2 * (ctx.kind[t] == RDM_TOUCH_VIEW);
          a[0] += c;
          a[1] += v;
          continue;
        }
      rule_weights (&ctx, kept, n, w);
      if (options->view_weight != 1.0)
        apply_view_weight (&ctx, kept, n, w);
      for (guint i = 0; i < n; i++)
        {
          guint32 t = kept[i];

          a = acc + 4 * ctx.label[t] + 2 * (ctx.kind[t] == RDM_TOUCH_VIEW);
          a[0] += c * w[i];
          a[1] += v * w[i];
        }
    }

  for (guint l = 0; l < credit->n_labels; l++)
    {
      credit->click_conversions[l] = acc[4 * l];
      credit->click_value[l] = acc[4 * l + 1];
      credit->view_conversions[l] = acc[4 * l + 2];
      credit->view_value[l] = acc[4 * l + 3];
      credit->conversions[l] = credit->click_conversions[l] + credit->view_conversions[l];
      credit->value[l] = credit->click_value[l] + credit->view_value[l];
    }
  credit->total_conversions = total_conversions;
  credit->total_value = total_value;

  if (ctx.n_rows_without_times > 0)
    {
      g_autofree char *note = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE,
                       "%u converting path had touches without a time; its credit was split "
                       "evenly.",
                       "%u converting paths had touches without a time; their credit was split "
                       "evenly.",
                       ctx.n_rows_without_times),
          ctx.n_rows_without_times);
      rdm_credit_add_note (credit, note);
    }
  return g_steal_pointer (&credit);
}

gboolean
rdm_path_set_validate_counts (const RdmPathSet *set, GError **error)
{
  const double *conversions = (const double *)set->conversions->data;
  const double *values = (const double *)set->value->data;
  const double *nulls = (const double *)set->nulls->data;
  guint n_rows = rdm_path_set_n_rows (set);

  for (guint r = 0; r < n_rows; r++)
    {
      if (!(isfinite (conversions[r]) && conversions[r] >= 0 && isfinite (nulls[r]) && nulls[r] >= 0
            && isfinite (values[r])))
        {
          g_set_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_INVALID_DATA,
                       _ ("Path %u has a negative or non-finite count of conversions or "
                          "non-converting journeys, or a non-finite value"),
                       r + 1);
          return FALSE;
        }
    }
  return TRUE;
}

RdmCredit *
rdm_attribute (const RdmPathSet *set,
               RdmModel model,
               const RdmModelOptions *options,
               GCancellable *cancellable,
               GError **error)
{
  RdmModelOptions defaults;
  RdmCredit *credit;

  g_return_val_if_fail (set != NULL, NULL);
  g_return_val_if_fail ((guint)model < RDM_MODEL_N_MODELS, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  rdm_model_options_init (&defaults);
  if (options == NULL)
    options = &defaults;
  if (!rdm_model_options_validate (options, error) || !rdm_path_set_validate_counts (set, error))
    return NULL;

  switch (model)
    {
    case RDM_MODEL_MARKOV:
      credit = rdm_markov_attribute (set, options, cancellable, error);
      break;
    case RDM_MODEL_SHAPLEY:
      credit = rdm_shapley_attribute (set, options, cancellable, error);
      break;
    case RDM_MODEL_FIRST:
    case RDM_MODEL_LAST:
    case RDM_MODEL_LAST_NON_DIRECT:
    case RDM_MODEL_LINEAR:
    case RDM_MODEL_POSITION:
    case RDM_MODEL_TIME_DECAY:
    case RDM_MODEL_POSITION_DECAY:
    case RDM_MODEL_CUSTOM:
    default:
      credit = attribute_rules (set, model, options, cancellable, error);
      break;
    }
  return credit;
}
