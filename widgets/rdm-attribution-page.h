/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-section.h"

G_BEGIN_DECLS

/* RdmAttributionPage: the Attribution section of the window: settings on
 * the left, models side by side on the right (table, grouped bars, credit
 * against the click window, forward influence, and how the reference model
 * computes one real journey of the project), with the session's project
 * and settings (RdmSection). */
#define RDM_TYPE_ATTRIBUTION_PAGE (rdm_attribution_page_get_type ())
G_DECLARE_FINAL_TYPE (RdmAttributionPage, rdm_attribution_page, RDM, ATTRIBUTION_PAGE, RdmSection)

GtkWidget *rdm_attribution_page_new (void);

/* Shows the settings panel (revealing it when folded) with the focus on
 * the click window: what the sections' "Analysis Settings…" buttons open. */
void rdm_attribution_page_show_settings (RdmAttributionPage *self);

G_END_DECLS
