/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-roi.h"
#include "rdm-section.h"
#include "rdm-settings-summary.h"

G_BEGIN_DECLS

/* RdmOverviewPage: the Overview section of the window, the KPI scorecard
 * of "rendement-cli kpis": for the quarter chosen (the latest by default),
 * each objective with a card per KPI giving its value, target and status,
 * the previous quarter's value and the change, and a sparkline of its last
 * four periods. An RdmSection: attributed metrics follow the session's
 * analysis settings (model, windows, segment, model options); the quarter
 * is the scorecard's own: KPIs are read per period. States: "no-project",
 * "no-kpis", "error" and "scorecard". */
#define RDM_TYPE_OVERVIEW_PAGE (rdm_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (RdmOverviewPage, rdm_overview_page, RDM, OVERVIEW_PAGE, RdmSection)

GtkWidget *rdm_overview_page_new (void);

/* @figure in @unit as the scorecard shows it, in the user's locale:
 * "37.6 %", "18,629 €", "0.74×", "7.87/10"; "n/a" when undefined. */
char *rdm_kpi_format_value (RdmFigure figure, const char *unit);

/* For tests. */
GtkDropDown *_rdm_overview_page_get_period_dropdown (RdmOverviewPage *self);
RdmSettingsSummary *_rdm_overview_page_get_summary (RdmOverviewPage *self);
/* The text a KPI's card shows for @field ("value", "previous", "change",
 * "status", "target" or "error"), or NULL without that card. */
const char *_rdm_overview_page_get_card_text (RdmOverviewPage *self,
                                              const char *objective,
                                              const char *kpi,
                                              const char *field);

G_END_DECLS
