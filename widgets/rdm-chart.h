/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What a chart shows; every kind is drawn by rdm-chart-render.c with the
 * same theme. Values are in the caller's unit; NAN marks a missing value,
 * which is left out of the drawing (a gap in a line, no bar). */
typedef enum
{
  RDM_CHART_KIND_BARS,         /* first series, one bar per category, coloured by sign */
  RDM_CHART_KIND_GROUPED_BARS, /* series side by side per category, CI whiskers, legend */
  RDM_CHART_KIND_STACKED_BARS, /* series stacked per category, legend */
  RDM_CHART_KIND_LINES,        /* one line per series over the categories or the x values */
  RDM_CHART_KIND_SCATTER,      /* labelled points; bubbles when points have a size */
  RDM_CHART_KIND_HISTOGRAM,    /* counts per bucket, adjacent bars */
  RDM_CHART_KIND_HEAT_MAP,     /* matrix of cells with their values and a colour bar */
} RdmChartKind;

/* Automatic colour for a series: its position in the palette. */
#define RDM_CHART_COLOUR_AUTO (-1)

typedef struct _RdmChart RdmChart;

#define RDM_TYPE_CHART (rdm_chart_get_type ())

GType rdm_chart_get_type (void) G_GNUC_CONST;

RdmChart *rdm_chart_new (RdmChartKind kind);
RdmChart *rdm_chart_ref (RdmChart *chart);
void rdm_chart_unref (RdmChart *chart);

RdmChartKind rdm_chart_get_kind (const RdmChart *chart);

/* Texts are UTF-8; NULL or "" leaves the title or axis label out. */
void rdm_chart_set_title (RdmChart *chart, const char *title);
const char *rdm_chart_get_title (const RdmChart *chart);
/* A line under the title, for what the chart leaves out and why, such as
 * "The 20 channels with the most credit; 14 more are in the table". NULL
 * or "" removes it. */
void rdm_chart_set_note (RdmChart *chart, const char *note);
const char *rdm_chart_get_note (const RdmChart *chart);
void rdm_chart_set_axis_labels (RdmChart *chart, const char *x_label, const char *y_label);

/* Bars, stacked bars and lines: categories along x, in order. Categories
 * are added before series. */
void rdm_chart_add_category (RdmChart *chart, const char *name);
guint rdm_chart_get_n_categories (const RdmChart *chart);

/* Lines only: a numeric x axis instead of categories, @n_values values
 * in increasing order (for example attribution windows in days). Each
 * series then has @n_values values. */
void rdm_chart_set_x_values (RdmChart *chart, const double *x_values, guint n_values);

/* Adds a series with one value per category (or per x value) and returns
 * its index. */
guint
rdm_chart_add_series (RdmChart *chart, const char *name, const double *values, guint n_values);
guint rdm_chart_get_n_series (const RdmChart *chart);

/* Lines with x values: the x values are days (epoch seconds of 00:00
 * UTC), labelled with months or years along the axis. */
void rdm_chart_set_x_dates (RdmChart *chart, gboolean dates);
gboolean rdm_chart_get_x_dates (const RdmChart *chart);

/* Lines: draws series @series as an area stacked on the stacked series
 * before it (a part of a whole, such as a channel's share of the
 * outcome), under the lines of the other series. */
void rdm_chart_set_series_stacked (RdmChart *chart, guint series, gboolean stacked);

/* Lines with x values: a span from @x0 to @x1 shaded across the plot
 * with @label at its top, such as a dated event. With dates, @x1 is the
 * span's last day, which the span covers whole. Spans outside the x range
 * are left out. */
void rdm_chart_add_span (RdmChart *chart, double x0, double x1, const char *label);
guint rdm_chart_get_n_spans (const RdmChart *chart);

/* Lines: marks the point (@x, @y) of series @series with a ringed dot in
 * the series' colour, such as today's spend on a response curve; @label
 * (nullable) is its tooltip. */
void rdm_chart_add_mark (RdmChart *chart, guint series, double x, double y, const char *label);

/* Confidence interval of a series, as absolute bounds per category: drawn as
 * whiskers on grouped bars and as a band on lines. */
void rdm_chart_set_series_ci (
    RdmChart *chart, guint series, const double *ci_low, const double *ci_high, guint n_values);

/* A palette index or RDM_CHART_COLOUR_AUTO, which takes the series' index.
 * A series keeps its colour when others are left out only if its colour
 * follows a stable key, such as its index in the full list of what could
 * be shown: callers that show a subset set it. Indices past the palette
 * repeat its colours, with a dash pattern on lines. Setting a colour on the
 * series of a BARS chart turns the by-sign colouring off. */
void rdm_chart_set_series_colour (RdmChart *chart, guint series, int colour_index);

/* Scatter: one point; @size > 0 makes it a bubble whose area is proportional
 * to @size, @label may be NULL. */
void rdm_chart_add_point (RdmChart *chart, double x, double y, double size, const char *label);
/* Scatter: draws the y = x line, for example "value = cost" (break-even). */
void rdm_chart_set_diagonal (RdmChart *chart, gboolean diagonal);

/* Histogram: one bucket with its label, for example "3–4". */
void rdm_chart_add_bucket (RdmChart *chart, const char *label, double count);

/* Heat map: @values has @n_rows × @n_cols values, row after row. Replaces a
 * previous matrix. */
void rdm_chart_set_matrix (RdmChart *chart,
                           guint n_rows,
                           guint n_cols,
                           const char *const *row_labels,
                           const char *const *column_labels,
                           const double *values);

/* TRUE when the chart has no finite value to draw. */
gboolean rdm_chart_is_empty (const RdmChart *chart);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmChart, rdm_chart_unref)

G_END_DECLS
