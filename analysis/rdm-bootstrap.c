/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bootstrap intervals: see rdm-bootstrap.h.
 *
 * A replicate is the same path set with other row weights: it shares the
 * labels, offsets and touches of the original (read only, so threads can
 * share them) and only owns new conversions, value and nulls arrays. The
 * generator is xoshiro256** seeded through splitmix64 from the seed and
 * the replicate index.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rdm-attribution.h"
#include "rdm-bootstrap.h"
#include "rdm-random.h"

/* Vose's alias table over the journey categories of a path table: 2 r is
 * row r's converting journeys, 2 r + 1 its non-converting ones. */
typedef struct
{
  guint n;
  double *prob;
  guint32 *alias;
} Alias;

static void
alias_init (Alias *a, const double *w, guint n)
{
  g_autofree guint32 *small = g_new (guint32, n);
  g_autofree guint32 *large = g_new (guint32, n);
  g_autofree double *scaled = g_new (double, n);
  guint ns = 0, nl = 0;
  double total = 0;

  a->n = n;
  a->prob = g_new (double, n);
  a->alias = g_new (guint32, n);
  for (guint i = 0; i < n; i++)
    total += w[i];
  for (guint i = 0; i < n; i++)
    {
      scaled[i] = w[i] * n / total;
      if (scaled[i] < 1.0)
        small[ns++] = i;
      else
        large[nl++] = i;
    }
  while (ns > 0 && nl > 0)
    {
      guint32 s = small[--ns], l = large[nl - 1];

      a->prob[s] = scaled[s];
      a->alias[s] = l;
      scaled[l] = (scaled[l] + scaled[s]) - 1.0;
      if (scaled[l] < 1.0)
        {
          nl--;
          small[ns++] = l;
        }
    }
  while (nl > 0)
    {
      guint32 l = large[--nl];

      a->prob[l] = 1.0;
      a->alias[l] = l;
    }
  while (ns > 0)
    {
      guint32 s = small[--ns];

      /* only rounding leaves a category here: its mass is 1 */
      a->prob[s] = 1.0;
      a->alias[s] = s;
    }
}

typedef struct
{
  const RdmPathSet *set;
  RdmModel model;
  const RdmModelOptions *options;
  guint n_resamples;
  guint64 seed;
  guint n_labels; /* of the point estimate */
  GCancellable *cancellable;

  /* path tables */
  Alias alias;
  guint64 n_journeys;

  gint next; /* atomic: the next replicate to compute */
  gint failed;
  GMutex lock;
  GError *error;

  double *conversions; /* n_resamples x n_labels */
  double *value;
} Job;

static gboolean
run_replicate (Job *job,
               guint index,
               GArray *conv_array,
               GArray *val_array,
               GArray *nul_array,
               guint32 *count,
               GError **error)
{
  double *conv = (double *)conv_array->data;
  double *val = (double *)val_array->data;
  double *nul = (double *)nul_array->data;
  const RdmPathSet *set = job->set;
  const double *c0 = (const double *)set->conversions->data;
  const double *v0 = (const double *)set->value->data;
  const double *n0 = (const double *)set->nulls->data;
  const guint32 *visitor = (const guint32 *)set->visitor->data;
  guint n_rows = rdm_path_set_n_rows (set);
  g_autoptr (RdmCredit) credit = NULL;
  RdmPathSet replicate = *set;
  RdmRng rng;

  rdm_rng_init_stream (&rng, job->seed, index);
  if (set->has_times)
    {
      memset (count, 0, sizeof (guint32) * set->n_visitors);
      for (guint32 i = 0; i < set->n_visitors; i++)
        count[rdm_rng_below (&rng, set->n_visitors)]++;
      for (guint r = 0; r < n_rows; r++)
        {
          double f = count[visitor[r]];

          conv[r] = c0[r] * f;
          val[r] = v0[r] * f;
          nul[r] = n0[r] * f;
        }
    }
  else
    {
      memset (count, 0, sizeof (guint32) * 2 * n_rows);
      for (guint64 i = 0; i < job->n_journeys; i++)
        {
          guint32 k = (guint32)rdm_rng_below (&rng, job->alias.n);

          if (rdm_rng_uniform (&rng) >= job->alias.prob[k])
            k = job->alias.alias[k];
          count[k]++;
        }
      for (guint r = 0; r < n_rows; r++)
        {
          conv[r] = count[2 * r];
          val[r] = c0[r] > 0 ? v0[r] * (count[2 * r] / c0[r]) : 0;
          nul[r] = count[2 * r + 1];
        }
    }

  replicate.conversions = conv_array;
  replicate.value = val_array;
  replicate.nulls = nul_array;

  credit = rdm_attribute (&replicate, job->model, job->options, job->cancellable, error);
  if (credit == NULL)
    return FALSE;
  for (guint l = 0; l < job->n_labels; l++)
    {
      gsize at = (gsize)index * job->n_labels + l;

      job->conversions[at] = l < credit->n_labels ? credit->conversions[l] : 0;
      job->value[at] = l < credit->n_labels ? credit->value[l] : 0;
    }
  return TRUE;
}

static gpointer
worker (gpointer data)
{
  Job *job = data;
  guint n_rows = rdm_path_set_n_rows (job->set);
  g_autoptr (GArray) conv = g_array_sized_new (FALSE, FALSE, sizeof (double), n_rows);
  g_autoptr (GArray) val = g_array_sized_new (FALSE, FALSE, sizeof (double), n_rows);
  g_autoptr (GArray) nul = g_array_sized_new (FALSE, FALSE, sizeof (double), n_rows);
  g_autofree guint32 *count
      = g_new (guint32, MAX (job->set->has_times ? job->set->n_visitors : 2 * n_rows, 1));

  g_array_set_size (conv, n_rows);
  g_array_set_size (val, n_rows);
  g_array_set_size (nul, n_rows);
  while (!g_atomic_int_get (&job->failed))
    {
      guint index = (guint)g_atomic_int_add (&job->next, 1);
      GError *local_error = NULL;

      if (index >= job->n_resamples)
        break;
      if (!run_replicate (job, index, conv, val, nul, count, &local_error))
        {
          g_mutex_lock (&job->lock);
          if (job->error == NULL)
            job->error = local_error;
          else
            g_error_free (local_error);
          g_mutex_unlock (&job->lock);
          g_atomic_int_set (&job->failed, 1);
        }
    }
  return NULL;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

/* Percentile p of the sorted @x by linear interpolation between order
 * statistics (R's type 7). */
static double
percentile (const double *x, guint n, double p)
{
  double h = (n - 1) * p;
  guint lo = (guint)floor (h);

  if (lo + 1 >= n)
    return x[n - 1];
  return x[lo] + (h - lo) * (x[lo + 1] - x[lo]);
}

void
rdm_bootstrap_interval (double *replicates, guint n, double *out_low, double *out_high)
{
  qsort (replicates, n, sizeof (double), compare_double);
  *out_low = percentile (replicates, n, 0.025);
  *out_high = percentile (replicates, n, 0.975);
}

gboolean
rdm_bootstrap_is_off_centre (const double *replicates, guint n, double point)
{
  guint below = 0, equal = 0;
  double rank;

  g_return_val_if_fail (n > 0, FALSE);

  for (guint i = 0; i < n; i++)
    {
      below += replicates[i] < point;
      equal += replicates[i] == point;
    }
  rank = (below + 0.5 * equal) / n;
  return rank < 0.05 || rank > 0.95;
}

/* Names the labels whose credit lies outside the middle 90 % of their
 * replicates: the resampling shifts the model itself there (Shapley's
 * small coalitions, Markov's rare transitions), and a percentile interval
 * that misses or skirts the point estimate needs saying so. */
static void
note_off_centre (RdmCredit *credit, GPtrArray *off_centre)
{
  g_autoptr (GString) names = g_string_new (NULL);
  g_autofree char *note = NULL;

  if (off_centre->len == 0)
    return;
  for (guint i = 0; i < off_centre->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", (const char *)off_centre->pdata[i]);
  note = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE,
                   "The credit of %s lies outside the middle 90 %% of its resamples: resampling "
                   "visitors shifts the small groups of journeys this model rests on, so its "
                   "interval shows how unstable the model is there rather than where its credit "
                   "would fall.",
                   "The credits of %s lie outside the middle 90 %% of their resamples: resampling "
                   "visitors shifts the small groups of journeys this model rests on, so their "
                   "intervals show how unstable the model is there rather than where their credit "
                   "would fall.",
                   off_centre->len),
      names->str);
  rdm_credit_add_note (credit, note);
}

gboolean
rdm_bootstrap (const RdmPathSet *set,
               RdmModel model,
               const RdmModelOptions *options,
               guint n_resamples,
               guint64 seed,
               guint n_threads,
               GCancellable *cancellable,
               RdmCredit **out_credit,
               GError **error)
{
  g_autoptr (RdmCredit) credit = NULL;
  g_autoptr (GPtrArray) threads = g_ptr_array_new ();
  g_autofree double *column = NULL;
  g_autoptr (GPtrArray) off_centre = g_ptr_array_new ();
  Job job = { 0 };
  guint n_rows = rdm_path_set_n_rows (set);

  g_return_val_if_fail (set != NULL, FALSE);
  g_return_val_if_fail (out_credit != NULL, FALSE);

  if (n_resamples < 2)
    {
      g_set_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_INVALID_OPTIONS,
                   _ ("The bootstrap needs at least 2 resamples, not %u"), n_resamples);
      return FALSE;
    }
  credit = rdm_attribute (set, model, options, cancellable, error);
  if (credit == NULL)
    return FALSE;

  job.set = set;
  job.model = model;
  job.options = options;
  job.n_resamples = n_resamples;
  job.seed = seed;
  job.n_labels = credit->n_labels;
  job.cancellable = cancellable;
  job.conversions = g_new0 (double, (gsize)n_resamples * credit->n_labels);
  job.value = g_new0 (double, (gsize)n_resamples * credit->n_labels);
  g_mutex_init (&job.lock);
  if (!set->has_times)
    {
      const double *c0 = (const double *)set->conversions->data;
      const double *n0 = (const double *)set->nulls->data;
      g_autofree double *w = g_new (double, MAX (2 * n_rows, 1));
      double total = 0;

      for (guint r = 0; r < n_rows; r++)
        {
          w[2 * r] = c0[r];
          w[2 * r + 1] = n0[r];
          total += c0[r] + n0[r];
        }
      job.n_journeys = (guint64)llround (total);
      if (job.n_journeys > 0)
        alias_init (&job.alias, w, 2 * n_rows);
    }

  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  n_threads = MIN (n_threads, n_resamples);
  for (guint t = 1; t < n_threads; t++)
    g_ptr_array_add (threads, g_thread_new ("rdm-bootstrap", worker, &job));
  worker (&job);
  for (guint t = 0; t < threads->len; t++)
    g_thread_join (threads->pdata[t]);

  g_free (job.alias.prob);
  g_free (job.alias.alias);
  g_mutex_clear (&job.lock);
  if (job.error != NULL)
    {
      g_free (job.conversions);
      g_free (job.value);
      g_propagate_error (error, job.error);
      return FALSE;
    }

  credit->n_resamples = n_resamples;
  credit->ci_low = g_new (double, credit->n_labels);
  credit->ci_high = g_new (double, credit->n_labels);
  credit->ci_value_low = g_new (double, credit->n_labels);
  credit->ci_value_high = g_new (double, credit->n_labels);
  column = g_new (double, n_resamples);
  for (guint l = 0; l < credit->n_labels; l++)
    {
      for (guint i = 0; i < n_resamples; i++)
        column[i] = job.conversions[(gsize)i * credit->n_labels + l];
      rdm_bootstrap_interval (column, n_resamples, &credit->ci_low[l], &credit->ci_high[l]);
      /* "No touch" is a count, not a model's verdict */
      if (rdm_bootstrap_is_off_centre (column, n_resamples, credit->conversions[l])
          && g_strcmp0 (credit->label_names[l], "(none)") != 0)
        g_ptr_array_add (off_centre, credit->label_names[l]);
      for (guint i = 0; i < n_resamples; i++)
        column[i] = job.value[(gsize)i * credit->n_labels + l];
      rdm_bootstrap_interval (column, n_resamples, &credit->ci_value_low[l],
                              &credit->ci_value_high[l]);
    }
  note_off_centre (credit, off_centre);
  g_free (job.conversions);
  g_free (job.value);
  *out_credit = g_steal_pointer (&credit);
  return TRUE;
}
