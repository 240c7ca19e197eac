/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rdm-analysis-settings.h"
#include "rdm-project.h"

G_BEGIN_DECLS

/* RdmSegmentsPage: the Segments section of the window. A list of saved
 * segments (tick to compare, rename, delete), a builder of conditions with
 * the expression it makes (editable as text, checked as it is typed) and a
 * live count of the visitors it selects, the comparison of the ticked
 * segments with everyone (rates with 95% Wilson intervals, value per
 * visitor, path length, top channels, credit by channel, and a chart with
 * error bars), and discovery: the values of one attribute ranked by
 * conversion rate. The numbers are those of "rendement-cli compare" and
 * "rendement-cli discover" with the same options.
 *
 * Properties: "project" (RdmProject *, may be NULL), "settings"
 * (RdmAnalysisSettings *, may be NULL: the engine's defaults, as
 * "rendement-cli compare" without options; share the Attribution page's to
 * compare under its windows, period and event). The project's events
 * and visitor attributes are loaded once in a worker thread on a
 * connection of its own. */
#define RDM_TYPE_SEGMENTS_PAGE (rdm_segments_page_get_type ())
G_DECLARE_FINAL_TYPE (RdmSegmentsPage, rdm_segments_page, RDM, SEGMENTS_PAGE, GtkWidget)

GtkWidget *rdm_segments_page_new (void);

RdmProject *rdm_segments_page_get_project (RdmSegmentsPage *self);
void rdm_segments_page_set_project (RdmSegmentsPage *self, RdmProject *project);
RdmAnalysisSettings *rdm_segments_page_get_settings (RdmSegmentsPage *self);
void rdm_segments_page_set_settings (RdmSegmentsPage *self, RdmAnalysisSettings *settings);

/* Reads the project file again (after an import into it). */
void rdm_segments_page_reload (RdmSegmentsPage *self);

G_END_DECLS
