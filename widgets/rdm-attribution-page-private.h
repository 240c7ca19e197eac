/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-attribution-page.h"
#include "rdm-chart-view.h"
#include "rdm-model.h"

G_BEGIN_DECLS

/* For tests: what the page shows and the controls a user would change. */

/* Results received from the worker so far. */
guint _rdm_attribution_page_get_n_results (RdmAttributionPage *self);
/* RdmResultRow items of the credit table and the forward table. */
GListModel *_rdm_attribution_page_get_rows (RdmAttributionPage *self);
GListModel *_rdm_attribution_page_get_forward_rows (RdmAttributionPage *self);
/* The table column (cell index of the rows) of @model's conversions, or -1. */
int _rdm_attribution_page_get_model_column (RdmAttributionPage *self, RdmModel model);
/* The column of @model's 95 % interval (its number is the low bound), or -1. */
int _rdm_attribution_page_get_ci_column (RdmAttributionPage *self, RdmModel model);
/* The chart of the models side by side. */
RdmChartView *_rdm_attribution_page_get_models_chart (RdmAttributionPage *self);
/* The column of a simulated world's truth, or -1. */
int _rdm_attribution_page_get_truth_column (RdmAttributionPage *self);
/* The reading against the truth with the ranking, or why there is no
 * truth; NULL when nothing is said. */
const char *_rdm_attribution_page_get_truth_text (RdmAttributionPage *self);
/* The switch that calibrates the credit by the project's experiments. */
GtkSwitch *_rdm_attribution_page_get_calibrate_switch (RdmAttributionPage *self);
/* The notes under the table (models' notes, calibration factors). */
const char *_rdm_attribution_page_get_notes (RdmAttributionPage *self);
/* The sentence that credit is not incrementality. */
const char *_rdm_attribution_page_get_caveat (RdmAttributionPage *self);
GtkSpinButton *_rdm_attribution_page_get_click_window_spin (RdmAttributionPage *self);
GtkWidget *_rdm_attribution_page_get_direction_row (RdmAttributionPage *self);
/* The RdmSegmentPicker of the settings. */
GtkWidget *_rdm_attribution_page_get_segment_picker (RdmAttributionPage *self);
GtkWidget *_rdm_attribution_page_get_forward_note (RdmAttributionPage *self);
GtkWidget *_rdm_attribution_page_get_message_label (RdmAttributionPage *self);
const char *_rdm_attribution_page_get_explanation (RdmAttributionPage *self);
/* Milliseconds of the last run in the worker, and of showing its result. */
double _rdm_attribution_page_get_last_elapsed_ms (RdmAttributionPage *self);
double _rdm_attribution_page_get_last_fill_ms (RdmAttributionPage *self);
/* The description of the status shown in the "empty" state (no project,
 * loading) or the "error" state (rdm_section_get_state()). */
const char *_rdm_attribution_page_get_status (RdmAttributionPage *self);
/* The toggle that shows the settings when the page is too narrow for both. */
GtkWidget *_rdm_attribution_page_get_settings_button (RdmAttributionPage *self);
/* The results column, whole (for screenshots below the fold). */
GtkWidget *_rdm_attribution_page_get_results (RdmAttributionPage *self);

G_END_DECLS
