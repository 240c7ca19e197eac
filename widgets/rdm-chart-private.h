/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-chart.h"

G_BEGIN_DECLS

/* Shared by rdm-chart.c (which fills it) and rdm-chart-render.c (which only
 * reads it). */

typedef struct
{
  char *name;
  GArray *values;   /* double, one per category or x value */
  GArray *ci_low;   /* double, or NULL when the series has no interval */
  GArray *ci_high;  /* double, or NULL */
  int colour;       /* palette index or RDM_CHART_COLOUR_AUTO */
  gboolean stacked; /* lines: an area stacked on the previous stacked series */
} RdmChartSeries;

typedef struct
{
  double x0;
  double x1;
  char *label;
} RdmChartSpan;

typedef struct
{
  guint series;
  double x;
  double y;
  char *label; /* nullable */
} RdmChartMark;

typedef struct
{
  double x;
  double y;
  double size; /* <= 0 for a plain point */
  char *label; /* nullable */
} RdmChartPoint;

struct _RdmChart
{
  gatomicrefcount ref_count;
  RdmChartKind kind;

  char *title;   /* nullable */
  char *note;    /* nullable */
  char *x_label; /* nullable */
  char *y_label; /* nullable */

  GPtrArray *categories; /* char *; histogram buckets too */
  GArray *x_values;      /* double, NULL unless a LINES chart has a numeric x axis */
  gboolean x_dates;      /* the x values are days, in epoch seconds */
  GArray *spans;         /* RdmChartSpan */
  GArray *marks;         /* RdmChartMark */
  GPtrArray *series;     /* RdmChartSeries *; a histogram's counts are series 0 */

  GArray *points; /* RdmChartPoint */
  gboolean diagonal;

  guint n_rows;
  guint n_cols;
  GPtrArray *row_labels;    /* char * */
  GPtrArray *column_labels; /* char * */
  GArray *matrix;           /* double, n_rows × n_cols, row-major */
};

/* The number of values each series must have. */
guint _rdm_chart_get_n_slots (const RdmChart *chart);

G_END_DECLS
