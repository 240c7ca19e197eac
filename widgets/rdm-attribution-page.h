/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rdm-analysis-settings.h"
#include "rdm-project.h"

G_BEGIN_DECLS

/* RdmAttributionPage: the Attribution section of the window: settings on
 * the left, models side by side on the right (table, grouped bars, credit
 * against the click window, forward influence, and how the reference model
 * computes one real journey of the project).
 *
 * Properties: "project" (RdmProject *, may be NULL), "settings"
 * (RdmAnalysisSettings *, never NULL: setting NULL makes a fresh one). */
#define RDM_TYPE_ATTRIBUTION_PAGE (rdm_attribution_page_get_type ())
G_DECLARE_FINAL_TYPE (RdmAttributionPage, rdm_attribution_page, RDM, ATTRIBUTION_PAGE, GtkWidget)

GtkWidget *rdm_attribution_page_new (void);

RdmProject *rdm_attribution_page_get_project (RdmAttributionPage *self);
void rdm_attribution_page_set_project (RdmAttributionPage *self, RdmProject *project);
/* Reads the project file again (after an import into it) and recomputes. */
void rdm_attribution_page_reload (RdmAttributionPage *self);

RdmAnalysisSettings *rdm_attribution_page_get_settings (RdmAttributionPage *self);
void rdm_attribution_page_set_settings (RdmAttributionPage *self, RdmAnalysisSettings *settings);
/* Shows the settings panel (revealing it when folded) with the focus on
 * the click window: what the sections' "Analysis Settings…" buttons open. */
void rdm_attribution_page_show_settings (RdmAttributionPage *self);

G_END_DECLS
