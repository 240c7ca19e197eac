/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-chart-render.h"

G_BEGIN_DECLS

/* The layout decisions of rdm-chart-render.c, for the tests. */

typedef enum
{
  RDM_CHART_ITEM_TITLE,
  RDM_CHART_ITEM_LEGEND,      /* a series name in the legend */
  RDM_CHART_ITEM_CATEGORY,    /* a category (or bucket, or heat map row and column) label */
  RDM_CHART_ITEM_TICK,        /* a value axis label */
  RDM_CHART_ITEM_AXIS_TITLE,  /* an axis title */
  RDM_CHART_ITEM_VALUE,       /* a value written on a bar or a cell */
  RDM_CHART_ITEM_POINT_LABEL, /* a scatter point's label */
  RDM_CHART_ITEM_POINT,       /* a scatter point's disc (text: its label or NULL) */
  RDM_CHART_ITEM_NOTE,        /* a message or a note on what the chart left out */
} RdmChartItemRole;

/* Something drawn, its box in the page's user units (pixels on screen),
 * from the top left like the hits. */
typedef struct
{
  RdmChartItemRole role;
  char *text;
  double x0;
  double y0;
  double x1;
  double y1;
} RdmChartItem;

/* Draws @chart on a page of @width × @height (as on screen, in the light
 * theme, keeping the top right @corner_width × @corner_height free) and
 * returns the texts and points drawn (free with g_array_unref()). */
GArray *_rdm_chart_layout (
    const RdmChart *chart, int width, int height, int corner_width, int corner_height);

/* The outlier rule of bar charts: sorted by magnitude, the values whose
 * magnitude is more than RDM_CHART_BREAK_RATIO times the largest of the
 * others, with at most a quarter of the values (at least one) taken out
 * and at least three finite values in all. Returns TRUE when the axis is
 * broken, with *@lo and *@hi the value range that the axis shows (it
 * holds zero and every value that is not an outlier). */
#define RDM_CHART_BREAK_RATIO 3.0
gboolean _rdm_chart_axis_break (const double *values, guint n_values, double *lo, double *hi);

G_END_DECLS
