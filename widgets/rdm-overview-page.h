/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rdm-analysis-settings.h"
#include "rdm-project.h"
#include "rdm-roi.h"
#include "rdm-settings-summary.h"

G_BEGIN_DECLS

/* RdmOverviewPage: the Overview section of the window, the KPI scorecard
 * of "rendement-cli kpis": for the quarter chosen (the latest by default),
 * each objective with a card per KPI giving its value, target and status,
 * the previous quarter's value and the change, and a sparkline of its last
 * four periods. Computed in a thread on its own connection to the project
 * file; a new request cancels the one in progress.
 *
 * Properties: "project" (RdmProject *, may be NULL); "settings" (the
 * window's RdmAnalysisSettings: the model, windows, segment and model
 * options of attributed metrics; a page of its own when NULL). The quarter
 * is the scorecard's own: KPIs are read per period. */
#define RDM_TYPE_OVERVIEW_PAGE (rdm_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (RdmOverviewPage, rdm_overview_page, RDM, OVERVIEW_PAGE, GtkWidget)

GtkWidget *rdm_overview_page_new (void);

RdmProject *rdm_overview_page_get_project (RdmOverviewPage *self);
void rdm_overview_page_set_project (RdmOverviewPage *self, RdmProject *project);
/* Computes the scorecard again (after the project's KPIs or data changed). */
void rdm_overview_page_reload (RdmOverviewPage *self);
RdmAnalysisSettings *rdm_overview_page_get_settings (RdmOverviewPage *self);
void rdm_overview_page_set_settings (RdmOverviewPage *self, RdmAnalysisSettings *settings);

/* @figure in @unit as the scorecard shows it, in the user's locale:
 * "37.6 %", "18,629 €", "0.74×", "7.87/10"; "n/a" when undefined. */
char *rdm_kpi_format_value (RdmFigure figure, const char *unit);

/* For tests. */
gboolean _rdm_overview_page_get_busy (RdmOverviewPage *self);
/* "no-project", "no-kpis", "error" or "scorecard". */
const char *_rdm_overview_page_get_state (RdmOverviewPage *self);
GtkDropDown *_rdm_overview_page_get_period_dropdown (RdmOverviewPage *self);
RdmSettingsSummary *_rdm_overview_page_get_summary (RdmOverviewPage *self);
/* The text a KPI's card shows for @field ("value", "previous", "change",
 * "status", "target" or "error"), or NULL without that card. */
const char *_rdm_overview_page_get_card_text (RdmOverviewPage *self,
                                              const char *objective,
                                              const char *kpi,
                                              const char *field);

G_END_DECLS
