/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The truth of a simulated world beside the models: see rdm-truth.h.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "rdm-truth.h"

RdmTruth *
rdm_truth_compute (const RdmEventStore *store,
                   const RdmTruthEffect *effects,
                   gsize n_effects,
                   const RdmPathOptions *options,
                   const guint8 *visitor_mask)
{
  RdmTruth *truth = g_new0 (RdmTruth, 1);
  g_autofree gboolean *selected = rdm_event_store_select_events (store, options->events);

  truth->n_labels = store->channel_names->len;
  truth->label_names = g_new0 (char *, truth->n_labels + 1);
  for (guint i = 0; i < truth->n_labels; i++)
    truth->label_names[i] = g_strdup (g_ptr_array_index (store->channel_names, i));
  truth->conversions = g_new0 (double, truth->n_labels);
  truth->value = g_new0 (double, truth->n_labels);
  for (gsize i = 0; i < n_effects; i++)
    {
      const RdmTruthEffect *effect = &effects[i];

      if (effect->time < options->from_time || effect->time >= options->to_time
          || effect->event >= store->event_names->len || !selected[effect->event]
          || !rdm_visitor_mask_has (visitor_mask, effect->visitor)
          || effect->channel >= truth->n_labels)
        continue;
      truth->conversions[effect->channel] += 1.0;
      truth->value[effect->channel] += effect->value;
      truth->total_conversions += 1.0;
      truth->total_value += effect->value;
    }
  return truth;
}

void
rdm_truth_free (RdmTruth *truth)
{
  if (truth == NULL)
    return;
  g_strfreev (truth->label_names);
  g_free (truth->conversions);
  g_free (truth->value);
  g_free (truth);
}

int
rdm_truth_find_label (const RdmTruth *truth, const char *name)
{
  for (guint i = 0; i < truth->n_labels; i++)
    if (g_strcmp0 (truth->label_names[i], name) == 0)
      return (int)i;
  return -1;
}

void
rdm_truth_error (const RdmTruth *truth, const RdmCredit *credit, RdmTruthError *error)
{
  g_autofree double *credited = g_new0 (double, truth->n_labels);
  g_autofree double *credited_value = g_new0 (double, truth->n_labels);
  double credit_total = 0.0;

  /* a credited label that is no channel of the truth ("(none)",
   * "(baseline)") is left out */
  for (guint i = 0; i < credit->n_labels; i++)
    {
      int t = rdm_truth_find_label (truth, credit->label_names[i]);

      if (t < 0)
        continue;
      credited[t] = credit->conversions[i];
      credited_value[t] = credit->value[i];
      credit_total += credit->conversions[i];
    }
  *error = (RdmTruthError){ 0 };
  for (guint t = 0; t < truth->n_labels; t++)
    {
      error->conversions += fabs (credited[t] - truth->conversions[t]);
      error->value += fabs (credited_value[t] - truth->value[t]);
      if (credit_total > 0.0 && truth->total_conversions > 0.0)
        error->share
            += fabs (credited[t] / credit_total - truth->conversions[t] / truth->total_conversions);
    }
  error->share = credit_total > 0.0 && truth->total_conversions > 0.0 ? error->share / 2.0 : NAN;
}

typedef struct
{
  guint index;
  double share;
} Ranked;

static int
compare_ranked (gconstpointer a, gconstpointer b)
{
  const Ranked *x = a;
  const Ranked *y = b;

  if (isnan (x->share) != isnan (y->share))
    return isnan (x->share) ? 1 : -1;
  if (!isnan (x->share) && x->share != y->share)
    return x->share < y->share ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);
}

guint *
rdm_truth_rank (const RdmTruth *truth, const GPtrArray *credits)
{
  g_autofree Ranked *ranked = g_new (Ranked, MAX (credits->len, 1));
  guint *order = g_new (guint, MAX (credits->len, 1));

  for (guint m = 0; m < credits->len; m++)
    {
      RdmTruthError error;

      rdm_truth_error (truth, credits->pdata[m], &error);
      ranked[m] = (Ranked){ m, error.share };
    }
  qsort (ranked, credits->len, sizeof (Ranked), compare_ranked);
  for (guint m = 0; m < credits->len; m++)
    order[m] = ranked[m].index;
  return order;
}

char *
rdm_truth_reading (const RdmTruth *truth, const GPtrArray *credits)
{
  g_autofree guint *order = NULL;
  g_autoptr (GString) reading = g_string_new ("");
  const RdmCredit *closest;
  const RdmCredit *over_model = NULL;
  int over_label = -1;
  double over_excess = 0.0;
  RdmTruthError error;

  if (credits->len == 0)
    return NULL;
  order = rdm_truth_rank (truth, credits);
  closest = credits->pdata[order[0]];
  rdm_truth_error (truth, closest, &error);
  if (isnan (error.share))
    return NULL;
  if (credits->len > 1)
    g_string_append_printf (reading, _ ("On this world, %s comes closest to the truth."),
                            rdm_model_display_name (closest->model));
  else
    g_string_append_printf (reading,
                            _ ("On this world, %s shares the channels’ credit %.0f %% unlike "
                               "the truth."),
                            rdm_model_display_name (closest->model), 100.0 * error.share);

  for (guint m = 0; m < credits->len; m++)
    {
      const RdmCredit *credit = credits->pdata[m];

      for (guint i = 0; i < credit->n_labels; i++)
        {
          int t = rdm_truth_find_label (truth, credit->label_names[i]);

          if (t >= 0 && credit->conversions[i] - truth->conversions[t] > over_excess)
            {
              over_excess = credit->conversions[i] - truth->conversions[t];
              over_model = credit;
              over_label = t;
            }
        }
    }
  if (over_model != NULL)
    {
      double caused = truth->conversions[over_label];
      double credited = caused + over_excess;

      g_string_append_c (reading, ' ');
      if (caused > 0.0)
        g_string_append_printf (
            reading,
            /* Translators: "Last touch gives Display 12.3× what it caused (494 conversions
             * credited, 40 caused)." */
            _ ("%s gives %s %'.1f× what it caused (%'.0f conversions credited, %'.0f caused)."),
            rdm_model_display_name (over_model->model), truth->label_names[over_label],
            credited / caused, credited, caused);
      else
        g_string_append_printf (reading, _ ("%s gives %s %'.0f conversions it did not cause."),
                                rdm_model_display_name (over_model->model),
                                truth->label_names[over_label], credited);
    }
  return g_string_free (g_steal_pointer (&reading), FALSE);
}

const char *
rdm_truth_credit_caveat (void)
{
  return _ ("Credit is not incrementality: every model shares out all the conversions, "
            "including those that would have happened without any channel. A simulated world’s "
            "truth or an experiment says what a channel caused.");
}
