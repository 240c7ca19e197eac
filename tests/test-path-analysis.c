/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Path analysis on a tiny hand-made path set, every number worked out by
 * hand in the comments.
 *
 * Labels A, B, C; rows (conversions, value, touches with ages):
 *   r0  1 conv, 10   A (10 d) > B (2 d) > C (0)
 *   r1  1 conv, 20   A (0.5 d) > B > C
 *   r2  2 conv, 5    C (1 d + 1 s)
 *   r3  1 conv, 1    B (61 d) > A > B > A > B
 *   r4  0 conv, 3 nulls   A > C            (ignored: not converting)
 * Total: 5 conversions, value 36, 4 converting rows.
 */
#include "config.h"

#include <math.h>

#include "rdm-path-analysis.h"
#include "rdm-test-util.h"

#define DAY 86400.0

enum
{
  A,
  B,
  C
};

static void
add_row (RdmPathSet *set,
         const guint32 *labels,
         const double *ages,
         guint n,
         double conversions,
         double value,
         double nulls)
{
  for (guint i = 0; i < n; i++)
    rdm_path_set_add_touch (set, labels[i], RDM_TOUCH_CLICK, ages[i]);
  rdm_path_set_end_row (set, conversions, value, nulls, rdm_path_set_n_rows (set));
}

static RdmPathSet *
new_set (gboolean has_times)
{
  RdmPathSet *set = rdm_path_set_new (has_times);

  rdm_path_set_intern_label (set, "A", FALSE);
  rdm_path_set_intern_label (set, "B", FALSE);
  rdm_path_set_intern_label (set, "C", FALSE);
  add_row (set, (guint32[]){ A, B, C }, (double[]){ 10 * DAY, 2 * DAY, 0 }, 3, 1, 10, 0);
  add_row (set, (guint32[]){ A, B, C }, (double[]){ 0.5 * DAY, 100, 0 }, 3, 1, 20, 0);
  add_row (set, (guint32[]){ C }, (double[]){ DAY + 1 }, 1, 2, 5, 0);
  add_row (set, (guint32[]){ B, A, B, A, B }, (double[]){ 61 * DAY, 3, 2, 1, 0 }, 5, 1, 1, 0);
  add_row (set, (guint32[]){ A, C }, (double[]){ 5, 0 }, 2, 0, 0, 3);
  return set;
}

static void
test_top_paths (void)
{
  g_autoptr (RdmPathSet) set = new_set (TRUE);
  g_autoptr (RdmPathAnalysis) all = rdm_path_analysis_compute (set, 0, 4);
  g_autoptr (RdmPathAnalysis) top2 = rdm_path_analysis_compute (set, 2, 4);
  RdmTopPath *path;

  g_assert_cmpfloat (all->total_conversions, ==, 5);
  g_assert_cmpfloat (all->total_value, ==, 36);
  g_assert_cmpuint (all->n_converting_rows, ==, 4);
  g_assert_cmpuint (all->n_unique_paths, ==, 3);
  g_assert_cmpuint (all->top_paths->len, ==, 3);
  /* "A > B > C": r0 + r1 = 2 conversions, 30, share 2/5; "C": 2, 5, 2/5,
   * after "A > B > C" by text; then the 5-touch path: 1, 1, 1/5 */
  path = &g_array_index (all->top_paths, RdmTopPath, 0);
  g_assert_cmpstr (path->path, ==, "A > B > C");
  g_assert_cmpfloat (path->conversions, ==, 2);
  g_assert_cmpfloat (path->value, ==, 30);
  g_assert_cmpfloat (path->share, ==, 0.4);
  path = &g_array_index (all->top_paths, RdmTopPath, 1);
  g_assert_cmpstr (path->path, ==, "C");
  g_assert_cmpfloat (path->conversions, ==, 2);
  g_assert_cmpfloat (path->value, ==, 5);
  g_assert_cmpfloat (path->share, ==, 0.4);
  path = &g_array_index (all->top_paths, RdmTopPath, 2);
  g_assert_cmpstr (path->path, ==, "B > A > B > A > B");
  g_assert_cmpfloat (path->conversions, ==, 1);
  g_assert_cmpfloat (path->value, ==, 1);
  g_assert_cmpfloat (path->share, ==, 0.2);

  g_assert_cmpuint (top2->n_unique_paths, ==, 3);
  g_assert_cmpuint (top2->top_paths->len, ==, 2);
  g_assert_cmpstr (g_array_index (top2->top_paths, RdmTopPath, 1).path, ==, "C");
}

static void
test_histograms (void)
{
  g_autoptr (RdmPathSet) set = new_set (TRUE);
  g_autoptr (RdmPathAnalysis) analysis = rdm_path_analysis_compute (set, 10, 4);
  g_autoptr (RdmPathSet) table = new_set (FALSE);
  g_autoptr (RdmPathAnalysis) no_times = rdm_path_analysis_compute (table, 10, 4);
  const double lengths[4] = { 2, 0, 2, 1 };
  const double days[RDM_N_TIME_BUCKETS] = { 1, 2, 0, 0, 1, 0, 0, 1 };

  /* lengths: r2 has 1 touch (2 conversions), r0 and r1 3, r3 5 → "4+" */
  g_assert_cmpuint (analysis->max_length, ==, 4);
  for (guint k = 0; k < 4; k++)
    g_assert_cmpfloat (analysis->length_histogram[k], ==, lengths[k]);
  /* first-touch ages: r1 0.5 d → "0"; r2 1 d + 1 s → "1" (×2); r0 10 d →
   * "8-14"; r3 61 d → "61+" */
  g_assert_true (analysis->has_time_histogram);
  for (guint b = 0; b < RDM_N_TIME_BUCKETS; b++)
    g_assert_cmpfloat (analysis->time_histogram[b], ==, days[b]);

  /* a path table has no times: no time histogram, the rest unchanged */
  g_assert_false (no_times->has_time_histogram);
  for (guint b = 0; b < RDM_N_TIME_BUCKETS; b++)
    g_assert_cmpfloat (no_times->time_histogram[b], ==, 0);
  g_assert_cmpfloat (no_times->length_histogram[0], ==, 2);
}

static void
test_time_buckets (void)
{
  const struct
  {
    double age;
    guint bucket;
  } cases[] = {
    { 0, 0 },        { DAY - 1, 0 },      { DAY, 1 },      { 2 * DAY - 1, 1 },
    { 2 * DAY, 2 },  { 4 * DAY - 1, 2 },  { 4 * DAY, 3 },  { 8 * DAY - 1, 3 },
    { 8 * DAY, 4 },  { 15 * DAY - 1, 4 }, { 15 * DAY, 5 }, { 31 * DAY - 1, 5 },
    { 31 * DAY, 6 }, { 61 * DAY - 1, 6 }, { 61 * DAY, 7 }, { 400 * DAY, 7 },
  };
  const char *labels[RDM_N_TIME_BUCKETS]
      = { "0", "1", "2-3", "4-7", "8-14", "15-30", "31-60", "61+" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpuint (rdm_path_analysis_time_bucket (cases[i].age), ==, cases[i].bucket);
  for (guint b = 0; b < RDM_N_TIME_BUCKETS; b++)
    g_assert_cmpstr (rdm_path_analysis_time_bucket_label (b), ==, labels[b]);
}

static void
test_position_rule (void)
{
  /* GA4: early = first 25% rounded to nearest (halves up), empty for one
   * touch; late = last 25% rounded up; middle = the rest */
  const guint expected[10][3] = {
    { 0, 0, 1 }, { 1, 0, 1 }, { 1, 1, 1 }, { 1, 2, 1 }, { 1, 2, 2 },
    { 2, 2, 2 }, { 2, 3, 2 }, { 2, 4, 2 }, { 2, 4, 3 }, { 3, 4, 3 },
  };

  for (guint n = 1; n <= 10; n++)
    {
      guint early, middle, late;

      rdm_path_analysis_positions (n, &early, &middle, &late);
      g_assert_cmpuint (early, ==, expected[n - 1][0]);
      g_assert_cmpuint (middle, ==, expected[n - 1][1]);
      g_assert_cmpuint (late, ==, expected[n - 1][2]);
    }
}

static void
test_channels (void)
{
  g_autoptr (RdmPathSet) set = new_set (TRUE);
  g_autoptr (RdmPathAnalysis) analysis = rdm_path_analysis_compute (set, 10, 4);
  const RdmLabelPaths *a = &analysis->labels[A];
  const RdmLabelPaths *b = &analysis->labels[B];
  const RdmLabelPaths *c = &analysis->labels[C];

  g_assert_cmpuint (analysis->n_labels, ==, 3);
  g_assert_cmpstr (analysis->label_names[C], ==, "C");
  g_assert_null (analysis->label_names[3]);

  /* positions: r0, r1 (3 touches: 1/1/1) give A early, B middle, C late,
   * 1 each; r2 (1 touch, weight 2): C late 2; r3 (5 touches: 1/2/2)
   * B early, A B middle, A B late.
   * A: early 2, middle 1, late 1 → 0.5 / 0.25 / 0.25
   * B: early 1, middle 2 + 1, late 1 → 0.2 / 0.6 / 0.2
   * C: late 1 + 1 + 2 = 4 → 0 / 0 / 1 */
  g_assert_cmpfloat (a->early, ==, 2);
  g_assert_cmpfloat (a->middle, ==, 1);
  g_assert_cmpfloat (a->late, ==, 1);
  g_assert_cmpfloat (a->early_share, ==, 0.5);
  g_assert_cmpfloat (a->middle_share, ==, 0.25);
  g_assert_cmpfloat (a->late_share, ==, 0.25);
  g_assert_cmpfloat (b->early, ==, 1);
  g_assert_cmpfloat (b->middle, ==, 3);
  g_assert_cmpfloat (b->late, ==, 1);
  g_assert_cmpfloat_with_epsilon (b->middle_share, 0.6, 1e-15);
  g_assert_cmpfloat (c->late, ==, 4);
  g_assert_cmpfloat (c->late_share, ==, 1);
  g_assert_cmpfloat (c->early_share, ==, 0);

  /* last touch: C closes r0, r1, r2 (1 + 1 + 2), B closes r3 (1).
   * assisted (before the last touch, once per path): A in r0, r1, r3 = 3;
   * B in r0, r1, r3 = 3 (r3 counts once although B is also its last);
   * C never. Ratios: A none closed → NAN; B 3 / 1; C 0 / 4. */
  g_assert_cmpfloat (a->last_touch, ==, 0);
  g_assert_cmpfloat (b->last_touch, ==, 1);
  g_assert_cmpfloat (c->last_touch, ==, 4);
  g_assert_cmpfloat (a->assisted, ==, 3);
  g_assert_cmpfloat (b->assisted, ==, 3);
  g_assert_cmpfloat (c->assisted, ==, 0);
  g_assert_true (isnan (a->assist_ratio));
  g_assert_cmpfloat (b->assist_ratio, ==, 3);
  g_assert_cmpfloat (c->assist_ratio, ==, 0);
}

static void
test_overlap (void)
{
  g_autoptr (RdmPathSet) set = new_set (TRUE);
  g_autoptr (RdmPathAnalysis) analysis = rdm_path_analysis_compute (set, 10, 4);
  /* distinct label sets: r0, r1 {A, B, C} (1 each), r2 {C} (2), r3 {A, B}
   * (1); over 5 conversions:
   * A: 3 → 0.6, B: 3 → 0.6, C: 4 → 0.8, A&B: 3 → 0.6, A&C: 2 → 0.4,
   * B&C: 2 → 0.4 */
  const double expected[3][3] = {
    { 0.6, 0.6, 0.4 },
    { 0.6, 0.6, 0.4 },
    { 0.4, 0.4, 0.8 },
  };

  for (guint i = 0; i < 3; i++)
    for (guint j = 0; j < 3; j++)
      g_assert_cmpfloat_with_epsilon (analysis->overlap[i * 3 + j], expected[i][j], 1e-15);
}

static void
test_empty (void)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (TRUE);
  g_autoptr (RdmPathAnalysis) analysis = NULL;

  /* only a null row: nothing converts */
  rdm_path_set_intern_label (set, "A", FALSE);
  rdm_path_set_add_touch (set, 0, RDM_TOUCH_VIEW, 10);
  rdm_path_set_end_row (set, 0, 0, 4, 0);
  analysis = rdm_path_analysis_compute (set, 10, 1);
  g_assert_cmpfloat (analysis->total_conversions, ==, 0);
  g_assert_cmpuint (analysis->top_paths->len, ==, 0);
  g_assert_cmpfloat (analysis->length_histogram[0], ==, 0);
  g_assert_cmpfloat (analysis->labels[0].early_share, ==, 0);
  g_assert_true (isnan (analysis->labels[0].assist_ratio));
  g_assert_cmpfloat (analysis->overlap[0], ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/path-analysis/top-paths", test_top_paths);
  g_test_add_func ("/path-analysis/histograms", test_histograms);
  g_test_add_func ("/path-analysis/time-buckets", test_time_buckets);
  g_test_add_func ("/path-analysis/position-rule", test_position_rule);
  g_test_add_func ("/path-analysis/channels", test_channels);
  g_test_add_func ("/path-analysis/overlap", test_overlap);
  g_test_add_func ("/path-analysis/empty", test_empty);
  return g_test_run ();
}
