/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Path analysis: the conversion paths reports of GA (Universal Analytics'
 * Multi-Channel Funnels: top conversion paths, path length, time lag,
 * assisted conversions; GA4's conversion paths report: early, mid and late
 * touchpoints) plus a channel overlap matrix, over the converting rows of
 * a path set. Every count is weighted by the row's conversions, so an
 * imported path table row "a > b" with 12 conversions counts as twelve
 * journeys; null rows are left out, as GA reports only converting paths.
 *
 * Positions, following GA4's description: early touchpoints are the first
 * 25% of the path's touches rounded to the nearest whole number (halves
 * up), late touchpoints the last 25% rounded up, middle the rest; early is
 * empty for a one-touch path and middle for fewer than three. In touches:
 *
 *   n      1  2  3  4  5  6  7  8  9  10
 *   early  0  1  1  1  1  2  2  2  2  3
 *   middle 0  0  1  2  2  2  3  4  4  4
 *   late   1  1  1  1  2  2  2  2  3  3
 *
 * so a one-touch path is all late (its touch both opened and closed the
 * journey; GA puts it in "late" only, and so do we: counting it in all three
 * would make the shares sum to more than the touches). Positions count
 * touches, so a channel seen twice early in a path counts twice.
 *
 * Assisted conversions (UA's definition): a label assists a conversion when
 * it appears in its path anywhere before the last touch; it counts once per
 * path however often it appears, and a label can both assist and close the
 * same path (a > b > a). The assist ratio is assisted / last-touch
 * conversions: above 1, the label mostly opens or feeds journeys; below 1,
 * it mostly closes them.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "rdm-path-analysis.h"

#define SECONDS_PER_DAY 86400.0

void
rdm_path_analysis_free (RdmPathAnalysis *analysis)
{
  if (analysis == NULL)
    return;
  for (guint i = 0; i < analysis->top_paths->len; i++)
    g_free (g_array_index (analysis->top_paths, RdmTopPath, i).path);
  g_array_unref (analysis->top_paths);
  g_free (analysis->length_histogram);
  g_strfreev (analysis->label_names);
  g_free (analysis->labels);
  g_free (analysis->overlap);
  g_free (analysis);
}

void
rdm_path_analysis_positions (guint n, guint *early, guint *middle, guint *late)
{
  /* ceil(n / 4) and round-half-up(n / 4) in integers */
  guint l = (n + 3) / 4;
  guint e = MIN ((n + 2) / 4, n - l);

  *late = l;
  *early = e;
  *middle = n - e - l;
}

guint
rdm_path_analysis_time_bucket (double age_seconds)
{
  static const double upper_days[RDM_N_TIME_BUCKETS - 1] = { 0, 1, 3, 7, 14, 30, 60 };
  double days = floor (age_seconds / SECONDS_PER_DAY);

  for (guint b = 0; b < G_N_ELEMENTS (upper_days); b++)
    if (days <= upper_days[b])
      return b;
  return RDM_N_TIME_BUCKETS - 1;
}

const char *
rdm_path_analysis_time_bucket_label (guint bucket)
{
  static const char *const labels[RDM_N_TIME_BUCKETS] = {
    "0", "1", "2-3", "4-7", "8-14", "15-30", "31-60", "61+",
  };

  g_return_val_if_fail (bucket < RDM_N_TIME_BUCKETS, NULL);
  return labels[bucket];
}

static int
compare_top_paths (gconstpointer a, gconstpointer b)
{
  const RdmTopPath *pa = a;
  const RdmTopPath *pb = b;

  if (pa->conversions != pb->conversions)
    return pa->conversions > pb->conversions ? -1 : 1;
  return strcmp (pa->path, pb->path);
}

static void
add_path_text (GHashTable *paths,
               const RdmPathSet *set,
               guint32 start,
               guint32 end,
               double conversions,
               double value)
{
  GString *text = g_string_new (NULL);
  RdmTopPath *entry;

  for (guint32 i = start; i < end; i++)
    {
      if (i > start)
        g_string_append (text, RDM_PATH_SEPARATOR);
      g_string_append (text,
                       rdm_path_set_label_name (set, g_array_index (set->touch_label, guint32, i)));
    }
  entry = g_hash_table_lookup (paths, text->str);
  if (entry == NULL)
    {
      entry = g_new0 (RdmTopPath, 1);
      entry->path = g_string_free (text, FALSE);
      g_hash_table_insert (paths, entry->path, entry);
    }
  else
    g_string_free (text, TRUE);
  entry->conversions += conversions;
  entry->value += value;
}

static void
finish_top_paths (RdmPathAnalysis *analysis, GHashTable *paths, guint top_n)
{
  g_autoptr (GArray) all
      = g_array_sized_new (FALSE, FALSE, sizeof (RdmTopPath), g_hash_table_size (paths));
  GHashTableIter iter;
  gpointer entry;
  guint keep;

  g_hash_table_iter_init (&iter, paths);
  while (g_hash_table_iter_next (&iter, NULL, &entry))
    g_array_append_vals (all, entry, 1);
  g_array_sort (all, compare_top_paths);
  analysis->n_unique_paths = all->len;
  keep = top_n == 0 ? all->len : MIN (top_n, all->len);
  for (guint i = 0; i < all->len; i++)
    {
      RdmTopPath *path = &g_array_index (all, RdmTopPath, i);

      if (i < keep)
        {
          path->share = analysis->total_conversions > 0
                            ? path->conversions / analysis->total_conversions
                            : 0;
          g_array_append_vals (analysis->top_paths, path, 1);
        }
      else
        g_free (path->path);
    }
}

RdmPathAnalysis *
rdm_path_analysis_compute (const RdmPathSet *set, guint top_n, guint max_length)
{
  g_autoptr (GHashTable) paths = NULL;
  g_autofree guint32 *stamp = NULL;
  g_autoptr (GArray) distinct = g_array_new (FALSE, FALSE, sizeof (guint32));
  RdmPathAnalysis *analysis;
  guint n_labels;

  g_return_val_if_fail (set != NULL, NULL);
  g_return_val_if_fail (max_length >= 1, NULL);

  n_labels = rdm_path_set_n_labels (set);
  analysis = g_new0 (RdmPathAnalysis, 1);
  analysis->top_paths = g_array_new (FALSE, FALSE, sizeof (RdmTopPath));
  analysis->max_length = max_length;
  analysis->length_histogram = g_new0 (double, max_length);
  analysis->has_time_histogram = set->has_times;
  analysis->n_labels = n_labels;
  analysis->label_names = g_new0 (char *, n_labels + 1);
  for (guint l = 0; l < n_labels; l++)
    analysis->label_names[l] = g_strdup (rdm_path_set_label_name (set, l));
  analysis->labels = g_new0 (RdmLabelPaths, MAX (n_labels, 1));
  analysis->overlap = g_new0 (double, MAX (n_labels * n_labels, 1));
  /* the stamp of a label is the last row + 1 where it was seen, so the
   * distinct labels of a path are found without clearing an array */
  stamp = g_new0 (guint32, MAX (n_labels, 1));
  /* keys are owned by the values (RdmTopPath.path) */
  paths = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint r = 0; r < rdm_path_set_n_rows (set); r++)
    {
      double w = g_array_index (set->conversions, double, r);
      guint32 start = g_array_index (set->offsets, guint32, r);
      guint32 end = g_array_index (set->offsets, guint32, r + 1);
      guint n = end - start;
      guint early, middle, late;
      guint32 last_label;

      if (!(w > 0) || n == 0)
        continue;
      analysis->n_converting_rows++;
      analysis->total_conversions += w;
      analysis->total_value += g_array_index (set->value, double, r);
      add_path_text (paths, set, start, end, w, g_array_index (set->value, double, r));
      analysis->length_histogram[MIN (n, max_length) - 1] += w;
      if (set->has_times)
        {
          double age = g_array_index (set->touch_age, double, start);

          if (!isnan (age))
            analysis->time_histogram[rdm_path_analysis_time_bucket (age)] += w;
        }

      rdm_path_analysis_positions (n, &early, &middle, &late);
      g_array_set_size (distinct, 0);
      for (guint k = 0; k < n; k++)
        {
          guint32 label = g_array_index (set->touch_label, guint32, start + k);
          RdmLabelPaths *lp = &analysis->labels[label];

          if (k < early)
            lp->early += w;
          else if (k < early + middle)
            lp->middle += w;
          else
            lp->late += w;
          if (stamp[label] != r + 1)
            {
              stamp[label] = r + 1;
              g_array_append_val (distinct, label);
              if (k + 1 < n)
                lp->assisted += w;
            }
        }
      last_label = g_array_index (set->touch_label, guint32, end - 1);
      analysis->labels[last_label].last_touch += w;
      for (guint a = 0; a < distinct->len; a++)
        for (guint b = 0; b < distinct->len; b++)
          analysis->overlap[g_array_index (distinct, guint32, a) * n_labels
                            + g_array_index (distinct, guint32, b)]
              += w;
    }

  /* the paths' texts move to the result; the table frees the entries */
  finish_top_paths (analysis, paths, top_n);

  for (guint l = 0; l < n_labels; l++)
    {
      RdmLabelPaths *lp = &analysis->labels[l];
      double seen = lp->early + lp->middle + lp->late;

      lp->early_share = seen > 0 ? lp->early / seen : 0;
      lp->middle_share = seen > 0 ? lp->middle / seen : 0;
      lp->late_share = seen > 0 ? lp->late / seen : 0;
      lp->assist_ratio = lp->last_touch > 0 ? lp->assisted / lp->last_touch : NAN;
    }
  if (analysis->total_conversions > 0)
    for (guint i = 0; i < n_labels * n_labels; i++)
      analysis->overlap[i] /= analysis->total_conversions;
  return analysis;
}
