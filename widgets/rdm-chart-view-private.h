/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-chart-view.h"

G_BEGIN_DECLS

/* How many times the drawing area has been drawn, for tests that wait for
 * the first frame. */
guint _rdm_chart_view_get_n_draws (RdmChartView *self);

/* The tooltip for the point (@x, @y) of the drawing area, from the last
 * drawing; NULL where no data item is. */
const char *_rdm_chart_view_get_tooltip_at (RdmChartView *self, double x, double y);

/* The drawing area and the export button laid over its top right corner. */
GtkWidget *_rdm_chart_view_get_area (RdmChartView *self);
GtkWidget *_rdm_chart_view_get_menu_button (RdmChartView *self);

G_END_DECLS
