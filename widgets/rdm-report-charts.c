/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "rdm-report-charts.h"

#include "rdm-calibration.h"
#include "rdm-events.h"

const char *
rdm_report_label (const char *label)
{
  if (g_strcmp0 (label, RDM_NO_TOUCH_LABEL) == 0)
    return _ ("No touch");
  /* what calibration by experiments takes from the channels */
  if (g_strcmp0 (label, RDM_BASELINE_LABEL) == 0)
    return _ ("Baseline");
  return label;
}

RdmChart *
rdm_report_chart_models (GPtrArray *credits, const RdmTruth *truth)
{
  RdmChart *chart = rdm_chart_new (RDM_CHART_KIND_GROUPED_BARS);
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree double *values = NULL;
  g_autofree double *low = NULL;
  g_autofree double *high = NULL;

  rdm_chart_set_title (chart, _ ("Credit by model"));
  rdm_chart_set_axis_labels (chart, NULL, _ ("Conversions"));
  if (credits->len == 0)
    return chart;
  /* Every label any model credits, in the order they first appear: a
   * channel that one model gives nothing to still has its place. */
  for (guint m = 0; m < credits->len; m++)
    {
      const RdmCredit *credit = g_ptr_array_index (credits, m);

      for (guint i = 0; i < credit->n_labels; i++)
        if (g_hash_table_add (seen, credit->label_names[i]))
          g_ptr_array_add (labels, credit->label_names[i]);
    }
  for (guint i = 0; i < labels->len; i++)
    rdm_chart_add_category (chart, rdm_report_label (g_ptr_array_index (labels, i)));

  values = g_new (double, MAX (labels->len, 1));
  low = g_new (double, MAX (labels->len, 1));
  high = g_new (double, MAX (labels->len, 1));
  if (truth != NULL)
    {
      for (guint i = 0; i < labels->len; i++)
        {
          int t = rdm_truth_find_label (truth, g_ptr_array_index (labels, i));

          values[i] = t >= 0 ? truth->conversions[t] : 0.0;
        }
      rdm_chart_set_series_colour (chart,
                                   rdm_chart_add_series (chart, _ ("Truth"), values, labels->len),
                                   RDM_CHART_TRUTH_COLOUR);
    }
  for (guint m = 0; m < credits->len; m++)
    {
      const RdmCredit *credit = g_ptr_array_index (credits, m);
      guint series;

      for (guint i = 0; i < labels->len; i++)
        {
          int k = rdm_credit_find_label (credit, g_ptr_array_index (labels, i));

          values[i] = k >= 0 ? credit->conversions[k] : 0;
          low[i] = k >= 0 && credit->ci_low != NULL ? credit->ci_low[k] : NAN;
          high[i] = k >= 0 && credit->ci_high != NULL ? credit->ci_high[k] : NAN;
        }
      series = rdm_chart_add_series (chart, rdm_model_display_name (credit->model), values,
                                     labels->len);
      /* a model has the same colour on every chart, whichever others are
       * compared */
      rdm_chart_set_series_colour (chart, series, (int)credit->model);
      if (credit->ci_low != NULL)
        rdm_chart_set_series_ci (chart, series, low, high, labels->len);
    }
  return chart;
}

RdmChart *
rdm_report_chart_roi (const RdmRoiReport *report)
{
  RdmChart *chart = rdm_chart_new (RDM_CHART_KIND_BARS);
  g_autoptr (GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *title
      = g_strdup_printf (_ ("ROI by channel (%s)"), rdm_model_display_name (report->model));

  rdm_chart_set_title (chart, title);
  rdm_chart_set_axis_labels (chart, NULL, _ ("ROI (%)"));
  for (guint i = 0; i < report->rows->len; i++)
    {
      const RdmRoiReportRow *row = g_ptr_array_index (report->rows, i);
      double percent = 100 * row->row.roi.value;

      if (!row->row.roi.defined)
        continue;
      rdm_chart_add_category (chart, rdm_report_label (row->label));
      g_array_append_val (values, percent);
    }
  if (values->len > 0)
    rdm_chart_add_series (chart, _ ("ROI"), (const double *)(gpointer)values->data, values->len);
  return chart;
}

RdmChart *
rdm_report_chart_cost_value (const RdmRoiReport *report)
{
  RdmChart *chart = rdm_chart_new (RDM_CHART_KIND_SCATTER);
  g_autofree char *title = g_strdup_printf (_ ("Cost and attributed value (%s)"),
                                            rdm_model_display_name (report->model));

  rdm_chart_set_title (chart, title);
  rdm_chart_set_axis_labels (chart, _ ("Cost"), _ ("Attributed value + savings"));
  rdm_chart_set_diagonal (chart, TRUE);
  for (guint i = 0; i < report->rows->len; i++)
    {
      const RdmRoiReportRow *row = g_ptr_array_index (report->rows, i);

      if (row->row.cost > 0)
        rdm_chart_add_point (chart, row->row.cost, row->row.value + row->row.savings,
                             row->row.conversions, rdm_report_label (row->label));
    }
  return chart;
}

RdmChart *
rdm_report_chart_window (const RdmWindowSweep *sweep, RdmModel model)
{
  RdmChart *chart = rdm_chart_new (RDM_CHART_KIND_LINES);
  g_autofree double *values = g_new (double, MAX (sweep->n_windows, 1));
  g_autofree char *title
      = g_strdup_printf (_ ("Credit by click window (%s)"), rdm_model_display_name (model));

  rdm_chart_set_title (chart, title);
  rdm_chart_set_axis_labels (chart, _ ("Click window (days)"), _ ("Conversions"));
  rdm_chart_set_x_values (chart, sweep->windows, sweep->n_windows);
  for (guint i = 0; i < sweep->n_labels; i++)
    {
      for (guint w = 0; w < sweep->n_windows; w++)
        values[w] = rdm_window_sweep_conversions (sweep, w, i);
      rdm_chart_add_series (chart, rdm_report_label (sweep->label_names[i]), values,
                            sweep->n_windows);
    }
  return chart;
}

RdmChart *
rdm_report_chart_path_lengths (const RdmPathAnalysis *analysis)
{
  RdmChart *chart = rdm_chart_new (RDM_CHART_KIND_HISTOGRAM);

  rdm_chart_set_title (chart, _ ("Path length"));
  rdm_chart_set_axis_labels (chart, _ ("Touches before the conversion"), _ ("Conversions"));
  for (guint k = 0; k < analysis->max_length; k++)
    {
      g_autofree char *label = k + 1 == analysis->max_length ? g_strdup_printf ("%u+", k + 1)
                                                             : g_strdup_printf ("%u", k + 1);
      rdm_chart_add_bucket (chart, label, analysis->length_histogram[k]);
    }
  return chart;
}

RdmChart *
rdm_report_chart_overlap (const RdmPathAnalysis *analysis)
{
  RdmChart *chart = rdm_chart_new (RDM_CHART_KIND_HEAT_MAP);
  guint n = analysis->n_labels;
  g_autofree const char **labels = g_new (const char *, MAX (n, 1));
  g_autofree double *percent = g_new (double, MAX ((gsize)n * n, 1));

  rdm_chart_set_title (chart, _ ("Channels sharing converting paths (%)"));
  for (guint i = 0; i < n; i++)
    labels[i] = rdm_report_label (analysis->label_names[i]);
  for (gsize k = 0; k < (gsize)n * n; k++)
    percent[k] = 100 * analysis->overlap[k];
  if (n > 0)
    rdm_chart_set_matrix (chart, n, n, labels, labels, percent);
  return chart;
}

/* @values as standard scores over their finite values (NaN kept). */
static double *
standard_scores (const double *values, guint n)
{
  double *scores = g_new (double, MAX (n, 1));
  double mean = 0.0, squares = 0.0;
  guint count = 0;

  for (guint i = 0; i < n; i++)
    if (isfinite (values[i]))
      {
        mean += values[i];
        count++;
      }
  mean = count > 0 ? mean / count : 0.0;
  for (guint i = 0; i < n; i++)
    if (isfinite (values[i]))
      squares += (values[i] - mean) * (values[i] - mean);
  double spread = count > 1 ? sqrt (squares / (count - 1)) : 0.0;

  for (guint i = 0; i < n; i++)
    scores[i] = isfinite (values[i]) && spread > 0.0 ? (values[i] - mean) / spread : NAN;
  return scores;
}

/* "3 weeks later" (or earlier, for a negative lag): the shifted series'
 * name on the chart. */
static char *
shifted_name (const char *series, RdmMirrorBy by, int lag)
{
  guint n = (guint)ABS (lag);

  switch (by)
    {
    case RDM_MIRROR_BY_DAY:
      /* TRANSLATORS: a series, then a lag */
      return g_strdup_printf (
          lag > 0 ? g_dngettext (GETTEXT_PACKAGE, "%s, %u day later", "%s, %u days later", n)
                  : g_dngettext (GETTEXT_PACKAGE, "%s, %u day earlier", "%s, %u days earlier", n),
          series, n);
    case RDM_MIRROR_BY_MONTH:
      return g_strdup_printf (
          lag > 0
              ? g_dngettext (GETTEXT_PACKAGE, "%s, %u month later", "%s, %u months later", n)
              : g_dngettext (GETTEXT_PACKAGE, "%s, %u month earlier", "%s, %u months earlier", n),
          series, n);
    case RDM_MIRROR_BY_WEEK:
    default:
      return g_strdup_printf (
          lag > 0 ? g_dngettext (GETTEXT_PACKAGE, "%s, %u week later", "%s, %u weeks later", n)
                  : g_dngettext (GETTEXT_PACKAGE, "%s, %u week earlier", "%s, %u weeks earlier", n),
          series, n);
    }
}

RdmChart *
rdm_report_chart_mirror (const RdmMirrorResult *result, GPtrArray *events)
{
  const char *name_a = result->a->name, *name_b = result->b->name;
  const double *a = (const double *)result->periods_a->data;
  const double *b = (const double *)result->periods_b->data;
  const gint64 *starts = (const gint64 *)result->starts->data;
  guint n = result->periods_a->len;
  int best_lag = result->mirror.best_lag;
  RdmChart *chart = rdm_chart_new (RDM_CHART_KIND_LINES);
  g_autofree double *x = g_new (double, MAX (n, 1));
  g_autofree double *scores_a = standard_scores (a, n);
  g_autofree double *scores_b = standard_scores (b, n);
  g_autofree char *title = g_strdup_printf (_ ("%s against %s"), name_a, name_b);

  for (guint i = 0; i < n; i++)
    x[i] = (double)starts[i];
  rdm_chart_set_title (chart, title);
  rdm_chart_set_axis_labels (chart, NULL, _ ("Standard score"));
  rdm_chart_set_x_values (chart, x, n);
  rdm_chart_set_x_dates (chart, TRUE);
  rdm_chart_add_series (chart, name_a, scores_a, n);
  rdm_chart_add_series (chart, name_b, scores_b, n);
  if (best_lag != 0)
    {
      g_autofree double *shifted = g_new (double, MAX (n, 1));

      for (guint i = 0; i < n; i++)
        {
          int from = (int)i - best_lag;

          shifted[i] = from >= 0 && from < (int)n ? scores_a[from] : NAN;
        }
      g_autofree char *name = shifted_name (name_a, result->by, best_lag);

      rdm_chart_add_series (chart, name, shifted, n);
    }
  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      const RdmDatedEvent *event = g_ptr_array_index (events, i);

      rdm_chart_add_span (chart, (double)event->start_day, (double)event->end_day, event->label);
    }
  return chart;
}
