/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-chart.h"
#include "rdm-paths-page.h"

G_BEGIN_DECLS

/* For tests. */
guint _rdm_paths_page_get_n_results (RdmPathsPage *self);
/* RdmResultRow items of the top paths: cells conversions, share, value. */
GListModel *_rdm_paths_page_get_rows (RdmPathsPage *self);
GtkSpinButton *_rdm_paths_page_get_click_window_spin (RdmPathsPage *self);
/* 0 length, 1 time to conversion, 2 assists, 3 positions, 4 overlap */
RdmChart *_rdm_paths_page_get_chart (RdmPathsPage *self, guint index);
/* The report column, whole (for screenshots below the fold). */
GtkWidget *_rdm_paths_page_get_report (RdmPathsPage *self);

G_END_DECLS
