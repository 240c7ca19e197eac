/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rdm-chart-render.h"
#include "rdm-chart.h"

G_BEGIN_DECLS

#define RDM_TYPE_CHART_VIEW (rdm_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (RdmChartView, rdm_chart_view, RDM, CHART_VIEW, GtkWidget)

GtkWidget *rdm_chart_view_new (void);

/* Shows @chart (a new reference is taken; NULL shows nothing) and redraws.
 * The accessible label follows the chart's title. */
void rdm_chart_view_set_chart (RdmChartView *self, RdmChart *chart);
RdmChart *rdm_chart_view_get_chart (RdmChartView *self);

/* Writes the chart shown to @path as laid out at the view's size (or
 * 960 × 600 when the view is smaller than 400 × 250 or not shown): SVG and
 * PDF pages of that many points, PNGs scaled up to at least
 * RDM_CHART_PRINT_WIDTH pixels wide. This is what the "chart.export"
 * action does after its file chooser. Then activates "win.exported" with
 * @path, for the window's confirmation. */
gboolean rdm_chart_view_export_to_file (RdmChartView *self,
                                        const char *path,
                                        RdmChartFormat format,
                                        GError **error);

G_END_DECLS
