/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-chart-view.h"
#include "rdm-model.h"
#include "rdm-path-options.h"
#include "rdm-section.h"
#include "rdm-settings-summary.h"

G_BEGIN_DECLS

/* RdmRoiPage: the ROI section of the window, "rendement-cli roi" on
 * screen: for a model, a quarter (or all the data), the cost categories
 * counted, the rule of the shared costs (the session's "shared-costs"
 * setting) and the level (channels, campaigns or channel groups), the
 * ROI per row with
 * ROAS, CPA and the previous quarter, and four charts: ROI by row (bars
 * coloured by sign), cost against attributed value and savings (with the
 * break-even line), the cost by category, and the ROI under six models,
 * so the user sees how much the verdict depends on the model. An
 * RdmSection: model, level, segment, period, windows and model options
 * are the session's analysis settings. States: "no-project", "error" and
 * "report". */
#define RDM_TYPE_ROI_PAGE (rdm_roi_page_get_type ())
G_DECLARE_FINAL_TYPE (RdmRoiPage, rdm_roi_page, RDM, ROI_PAGE, RdmSection)

/* The numeric columns of the table (RdmResultRow cells). ROI and its
 * change are ratios (0.58 for +58 %), shown as percentages and points. */
typedef enum
{
  RDM_ROI_COLUMN_COST,   /* the shared part included */
  RDM_ROI_COLUMN_SHARED, /* the part of the cost that is allocated shared costs */
  RDM_ROI_COLUMN_VALUE,
  RDM_ROI_COLUMN_SAVINGS,
  RDM_ROI_COLUMN_ROI,
  RDM_ROI_COLUMN_ROAS,
  RDM_ROI_COLUMN_CPA,
  RDM_ROI_COLUMN_COST_PER_CONVERSION, /* every category, whatever the selection */
  RDM_ROI_COLUMN_PREVIOUS_ROI,
  RDM_ROI_COLUMN_CHANGE,
  RDM_ROI_N_COLUMNS,
} RdmRoiColumn;

/* The charts, in the order of the page. */
typedef enum
{
  RDM_ROI_CHART_ROI,
  RDM_ROI_CHART_SCATTER,
  RDM_ROI_CHART_COSTS,
  RDM_ROI_CHART_MODELS,
  RDM_ROI_N_CHARTS,
} RdmRoiChart;

GtkWidget *rdm_roi_page_new (void);

/* For tests. */
/* RdmResultRow items, the rows of the report then "Total". */
GListModel *_rdm_roi_page_get_rows (RdmRoiPage *self);
void _rdm_roi_page_set_model (RdmRoiPage *self, RdmModel model);
void _rdm_roi_page_set_level (RdmRoiPage *self, RdmLevel level);
void _rdm_roi_page_set_segment (RdmRoiPage *self, const char *segment);
GtkDropDown *_rdm_roi_page_get_period_dropdown (RdmRoiPage *self);
/* The rule dropdown: its items' rules ("media", "even", "group=NAME"). */
GtkDropDown *_rdm_roi_page_get_shared_dropdown (RdmRoiPage *self);
const char *_rdm_roi_page_get_shared_rule (RdmRoiPage *self, guint position);
const char *_rdm_roi_page_get_caption (RdmRoiPage *self);
/* Toggles the check button of a cost category. */
void _rdm_roi_page_set_category (RdmRoiPage *self, guint category, gboolean counted);
RdmChartView *_rdm_roi_page_get_chart (RdmRoiPage *self, RdmRoiChart chart);
RdmSettingsSummary *_rdm_roi_page_get_summary (RdmRoiPage *self);

G_END_DECLS
