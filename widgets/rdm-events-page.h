/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-chart-view.h"
#include "rdm-section.h"
#include "rdm-series-analysis.h"

G_BEGIN_DECLS

/* RdmEventsPage: the Events section. It lists the project's dated events
 * (e-reputation incidents, launches, press), measures an event's impact
 * on a daily series (rdm_project_measure_impact(), as "rendement-cli
 * impact") with the series drawn against what the days before predicted,
 * and mirrors two series (rdm_project_mirror(), as "rendement-cli
 * mirror"): their correlation at each lag with intervals, and both over
 * time with the first shifted by the best lag. */
#define RDM_TYPE_EVENTS_PAGE (rdm_events_page_get_type ())
G_DECLARE_FINAL_TYPE (RdmEventsPage, rdm_events_page, RDM, EVENTS_PAGE, RdmSection)

GtkWidget *rdm_events_page_new (void);

/* For the tests: the controls and what they show. */
GtkDropDown *_rdm_events_page_get_event_dropdown (RdmEventsPage *self);
GtkEditable *_rdm_events_page_get_impact_series (RdmEventsPage *self);
GtkEditable *_rdm_events_page_get_mirror_series (RdmEventsPage *self, gboolean against);
/* the menus of the project's series beside the entries above */
GtkMenuButton *_rdm_events_page_get_impact_series_menu (RdmEventsPage *self);
GtkMenuButton *_rdm_events_page_get_mirror_series_menu (RdmEventsPage *self, gboolean against);
GtkDropDown *_rdm_events_page_get_period_dropdown (RdmEventsPage *self);
GtkListBox *_rdm_events_page_get_event_list (RdmEventsPage *self);
/* @field: "label", "start" or "end" */
GtkEditable *_rdm_events_page_get_form_entry (RdmEventsPage *self, const char *field);
GtkDropDown *_rdm_events_page_get_kind_dropdown (RdmEventsPage *self);
/* what the form could not take, or "" */
const char *_rdm_events_page_get_event_message (RdmEventsPage *self);
const char *_rdm_events_page_get_impact_text (RdmEventsPage *self);
const char *_rdm_events_page_get_mirror_text (RdmEventsPage *self);
RdmChartView *_rdm_events_page_get_impact_chart (RdmEventsPage *self);
RdmChartView *_rdm_events_page_get_lags_chart (RdmEventsPage *self);
RdmChartView *_rdm_events_page_get_overlay_chart (RdmEventsPage *self);
/* The results the section shows, NULL before a run or after an error. */
const RdmImpactResult *_rdm_events_page_get_impact (RdmEventsPage *self);
const RdmMirrorResult *_rdm_events_page_get_mirror (RdmEventsPage *self);

G_END_DECLS
