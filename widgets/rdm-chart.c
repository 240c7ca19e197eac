/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RdmChart: the data of one chart, with no drawing and no GTK, so that the
 * command line builds the same charts as the window. Sysprof splits its
 * charts the same way (series data apart from the layers that draw them).
 * Programmer errors (a series with the wrong number of values, a setter
 * that does not apply to the kind) are g_return_if_fail() checks.
 */

#include "config.h"

#include <math.h>

#include "rdm-chart-private.h"

G_DEFINE_BOXED_TYPE (RdmChart, rdm_chart, rdm_chart_ref, rdm_chart_unref)

static void
series_free (gpointer data)
{
  RdmChartSeries *series = data;

  g_free (series->name);
  g_array_unref (series->values);
  g_clear_pointer (&series->ci_low, g_array_unref);
  g_clear_pointer (&series->ci_high, g_array_unref);
  g_free (series);
}

static void
point_clear (gpointer data)
{
  RdmChartPoint *point = data;

  g_free (point->label);
}

static GArray *
double_array_new (const double *values, guint n_values)
{
  GArray *array = g_array_sized_new (FALSE, FALSE, sizeof (double), n_values);

  if (n_values > 0)
    g_array_append_vals (array, values, n_values);
  return array;
}

static void
span_clear (gpointer data)
{
  g_free (((RdmChartSpan *)data)->label);
}

static void
mark_clear (gpointer data)
{
  g_free (((RdmChartMark *)data)->label);
}

/**
 * rdm_chart_new:
 * @kind: what the chart shows
 *
 * Returns: (transfer full): an empty chart, drawn as "nothing to draw"
 * until data is added
 */
RdmChart *
rdm_chart_new (RdmChartKind kind)
{
  RdmChart *chart;

  g_return_val_if_fail (kind >= RDM_CHART_KIND_BARS && kind <= RDM_CHART_KIND_HEAT_MAP, NULL);

  chart = g_new0 (RdmChart, 1);
  g_atomic_ref_count_init (&chart->ref_count);
  chart->kind = kind;
  chart->categories = g_ptr_array_new_with_free_func (g_free);
  chart->series = g_ptr_array_new_with_free_func (series_free);
  chart->points = g_array_new (FALSE, FALSE, sizeof (RdmChartPoint));
  g_array_set_clear_func (chart->points, point_clear);
  chart->spans = g_array_new (FALSE, FALSE, sizeof (RdmChartSpan));
  g_array_set_clear_func (chart->spans, span_clear);
  chart->marks = g_array_new (FALSE, FALSE, sizeof (RdmChartMark));
  g_array_set_clear_func (chart->marks, mark_clear);
  chart->row_labels = g_ptr_array_new_with_free_func (g_free);
  chart->column_labels = g_ptr_array_new_with_free_func (g_free);
  chart->matrix = g_array_new (FALSE, FALSE, sizeof (double));
  return chart;
}

RdmChart *
rdm_chart_ref (RdmChart *chart)
{
  g_return_val_if_fail (chart != NULL, NULL);

  g_atomic_ref_count_inc (&chart->ref_count);
  return chart;
}

void
rdm_chart_unref (RdmChart *chart)
{
  g_return_if_fail (chart != NULL);

  if (!g_atomic_ref_count_dec (&chart->ref_count))
    return;

  g_free (chart->title);
  g_free (chart->note);
  g_free (chart->x_label);
  g_free (chart->y_label);
  g_ptr_array_unref (chart->categories);
  g_clear_pointer (&chart->x_values, g_array_unref);
  g_ptr_array_unref (chart->series);
  g_array_unref (chart->points);
  g_array_unref (chart->spans);
  g_array_unref (chart->marks);
  g_ptr_array_unref (chart->row_labels);
  g_ptr_array_unref (chart->column_labels);
  g_array_unref (chart->matrix);
  g_free (chart);
}

RdmChartKind
rdm_chart_get_kind (const RdmChart *chart)
{
  g_return_val_if_fail (chart != NULL, RDM_CHART_KIND_BARS);

  return chart->kind;
}

static char *
nonempty_dup (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

void
rdm_chart_set_title (RdmChart *chart, const char *title)
{
  g_return_if_fail (chart != NULL);

  g_free (chart->title);
  chart->title = nonempty_dup (title);
}

void
rdm_chart_set_note (RdmChart *chart, const char *note)
{
  g_return_if_fail (chart != NULL);

  g_free (chart->note);
  chart->note = nonempty_dup (note);
}

const char *
rdm_chart_get_note (const RdmChart *chart)
{
  g_return_val_if_fail (chart != NULL, NULL);

  return chart->note;
}

/**
 * rdm_chart_get_title:
 *
 * Returns: (nullable): the title, NULL when there is none
 */
const char *
rdm_chart_get_title (const RdmChart *chart)
{
  g_return_val_if_fail (chart != NULL, NULL);

  return chart->title;
}

void
rdm_chart_set_axis_labels (RdmChart *chart, const char *x_label, const char *y_label)
{
  g_return_if_fail (chart != NULL);

  g_free (chart->x_label);
  chart->x_label = nonempty_dup (x_label);
  g_free (chart->y_label);
  chart->y_label = nonempty_dup (y_label);
}

static gboolean
has_categories (RdmChartKind kind)
{
  return kind == RDM_CHART_KIND_BARS || kind == RDM_CHART_KIND_GROUPED_BARS
         || kind == RDM_CHART_KIND_STACKED_BARS || kind == RDM_CHART_KIND_LINES;
}

void
rdm_chart_add_category (RdmChart *chart, const char *name)
{
  g_return_if_fail (chart != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (has_categories (chart->kind));
  g_return_if_fail (chart->series->len == 0);
  g_return_if_fail (chart->x_values == NULL);

  g_ptr_array_add (chart->categories, g_strdup (name));
}

guint
rdm_chart_get_n_categories (const RdmChart *chart)
{
  g_return_val_if_fail (chart != NULL, 0);

  return chart->categories->len;
}

void
rdm_chart_set_x_values (RdmChart *chart, const double *x_values, guint n_values)
{
  g_return_if_fail (chart != NULL);
  g_return_if_fail (chart->kind == RDM_CHART_KIND_LINES);
  g_return_if_fail (chart->categories->len == 0);
  g_return_if_fail (chart->series->len == 0);
  g_return_if_fail (x_values != NULL || n_values == 0);

  g_clear_pointer (&chart->x_values, g_array_unref);
  chart->x_values = double_array_new (x_values, n_values);
}

guint
_rdm_chart_get_n_slots (const RdmChart *chart)
{
  return chart->x_values != NULL ? chart->x_values->len : chart->categories->len;
}

guint
rdm_chart_add_series (RdmChart *chart, const char *name, const double *values, guint n_values)
{
  RdmChartSeries *series;

  g_return_val_if_fail (chart != NULL, 0);
  g_return_val_if_fail (has_categories (chart->kind), 0);
  g_return_val_if_fail (n_values == _rdm_chart_get_n_slots (chart), 0);
  g_return_val_if_fail (values != NULL || n_values == 0, 0);

  series = g_new0 (RdmChartSeries, 1);
  series->name = g_strdup (name != NULL ? name : "");
  series->values = double_array_new (values, n_values);
  series->colour = RDM_CHART_COLOUR_AUTO;
  g_ptr_array_add (chart->series, series);
  return chart->series->len - 1;
}

guint
rdm_chart_get_n_series (const RdmChart *chart)
{
  g_return_val_if_fail (chart != NULL, 0);

  return chart->series->len;
}

void
rdm_chart_set_series_ci (
    RdmChart *chart, guint series, const double *ci_low, const double *ci_high, guint n_values)
{
  RdmChartSeries *s;

  g_return_if_fail (chart != NULL);
  g_return_if_fail (series < chart->series->len);
  g_return_if_fail (ci_low != NULL && ci_high != NULL);

  s = g_ptr_array_index (chart->series, series);
  g_return_if_fail (n_values == s->values->len);

  g_clear_pointer (&s->ci_low, g_array_unref);
  g_clear_pointer (&s->ci_high, g_array_unref);
  s->ci_low = double_array_new (ci_low, n_values);
  s->ci_high = double_array_new (ci_high, n_values);
}

void
rdm_chart_set_series_colour (RdmChart *chart, guint series, int colour_index)
{
  RdmChartSeries *s;

  g_return_if_fail (chart != NULL);
  g_return_if_fail (series < chart->series->len);
  g_return_if_fail (colour_index >= RDM_CHART_COLOUR_AUTO);

  s = g_ptr_array_index (chart->series, series);
  s->colour = colour_index;
}

void
rdm_chart_set_x_dates (RdmChart *chart, gboolean dates)
{
  g_return_if_fail (chart != NULL);
  g_return_if_fail (chart->kind == RDM_CHART_KIND_LINES);

  chart->x_dates = dates;
}

gboolean
rdm_chart_get_x_dates (const RdmChart *chart)
{
  g_return_val_if_fail (chart != NULL, FALSE);

  return chart->x_dates;
}

void
rdm_chart_set_series_stacked (RdmChart *chart, guint series, gboolean stacked)
{
  g_return_if_fail (chart != NULL);
  g_return_if_fail (chart->kind == RDM_CHART_KIND_LINES);
  g_return_if_fail (series < chart->series->len);

  ((RdmChartSeries *)g_ptr_array_index (chart->series, series))->stacked = stacked;
}

void
rdm_chart_add_span (RdmChart *chart, double x0, double x1, const char *label)
{
  RdmChartSpan span;

  g_return_if_fail (chart != NULL);
  g_return_if_fail (chart->kind == RDM_CHART_KIND_LINES);
  g_return_if_fail (x0 <= x1);

  span.x0 = x0;
  span.x1 = x1;
  span.label = g_strdup (label != NULL ? label : "");
  g_array_append_val (chart->spans, span);
}

guint
rdm_chart_get_n_spans (const RdmChart *chart)
{
  g_return_val_if_fail (chart != NULL, 0);

  return chart->spans->len;
}

void
rdm_chart_add_mark (RdmChart *chart, guint series, double x, double y, const char *label)
{
  RdmChartMark mark;

  g_return_if_fail (chart != NULL);
  g_return_if_fail (chart->kind == RDM_CHART_KIND_LINES);
  g_return_if_fail (series < chart->series->len);

  mark.series = series;
  mark.x = x;
  mark.y = y;
  mark.label = g_strdup (label);
  g_array_append_val (chart->marks, mark);
}

void
rdm_chart_add_point (RdmChart *chart, double x, double y, double size, const char *label)
{
  RdmChartPoint point;

  g_return_if_fail (chart != NULL);
  g_return_if_fail (chart->kind == RDM_CHART_KIND_SCATTER);

  point.x = x;
  point.y = y;
  point.size = size;
  point.label = nonempty_dup (label);
  g_array_append_val (chart->points, point);
}

void
rdm_chart_set_diagonal (RdmChart *chart, gboolean diagonal)
{
  g_return_if_fail (chart != NULL);
  g_return_if_fail (chart->kind == RDM_CHART_KIND_SCATTER);

  chart->diagonal = !!diagonal;
}

void
rdm_chart_add_bucket (RdmChart *chart, const char *label, double count)
{
  RdmChartSeries *counts;

  g_return_if_fail (chart != NULL);
  g_return_if_fail (label != NULL);
  g_return_if_fail (chart->kind == RDM_CHART_KIND_HISTOGRAM);

  if (chart->series->len == 0)
    {
      counts = g_new0 (RdmChartSeries, 1);
      counts->name = g_strdup ("");
      counts->values = double_array_new (NULL, 0);
      counts->colour = RDM_CHART_COLOUR_AUTO;
      g_ptr_array_add (chart->series, counts);
    }
  counts = g_ptr_array_index (chart->series, 0);
  g_ptr_array_add (chart->categories, g_strdup (label));
  g_array_append_val (counts->values, count);
}

void
rdm_chart_set_matrix (RdmChart *chart,
                      guint n_rows,
                      guint n_cols,
                      const char *const *row_labels,
                      const char *const *column_labels,
                      const double *values)
{
  g_return_if_fail (chart != NULL);
  g_return_if_fail (chart->kind == RDM_CHART_KIND_HEAT_MAP);
  g_return_if_fail (n_rows == 0 || row_labels != NULL);
  g_return_if_fail (n_cols == 0 || column_labels != NULL);
  g_return_if_fail (values != NULL || n_rows * n_cols == 0);

  g_ptr_array_set_size (chart->row_labels, 0);
  g_ptr_array_set_size (chart->column_labels, 0);
  g_array_set_size (chart->matrix, 0);
  for (guint i = 0; i < n_rows; i++)
    g_ptr_array_add (chart->row_labels, g_strdup (row_labels[i]));
  for (guint j = 0; j < n_cols; j++)
    g_ptr_array_add (chart->column_labels, g_strdup (column_labels[j]));
  if (n_rows * n_cols > 0)
    g_array_append_vals (chart->matrix, values, n_rows * n_cols);
  chart->n_rows = n_rows;
  chart->n_cols = n_cols;
}

static gboolean
any_finite (const GArray *values)
{
  for (guint i = 0; i < values->len; i++)
    if (isfinite (g_array_index (values, double, i)))
      return TRUE;
  return FALSE;
}

gboolean
rdm_chart_is_empty (const RdmChart *chart)
{
  g_return_val_if_fail (chart != NULL, TRUE);

  switch (chart->kind)
    {
    case RDM_CHART_KIND_SCATTER:
      for (guint i = 0; i < chart->points->len; i++)
        {
          const RdmChartPoint *p = &g_array_index (chart->points, RdmChartPoint, i);

          if (isfinite (p->x) && isfinite (p->y))
            return FALSE;
        }
      return TRUE;

    case RDM_CHART_KIND_HEAT_MAP:
      return !any_finite (chart->matrix);

    case RDM_CHART_KIND_BARS:
      /* Only the first series is drawn. */
      return chart->series->len == 0
             || !any_finite (((RdmChartSeries *)g_ptr_array_index (chart->series, 0))->values);

    case RDM_CHART_KIND_GROUPED_BARS:
    case RDM_CHART_KIND_STACKED_BARS:
    case RDM_CHART_KIND_LINES:
    case RDM_CHART_KIND_HISTOGRAM:
    default:
      for (guint i = 0; i < chart->series->len; i++)
        if (any_finite (((RdmChartSeries *)g_ptr_array_index (chart->series, i))->values))
          return FALSE;
      return TRUE;
    }
}
