/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-section.h"

G_BEGIN_DECLS

/* RdmPathsPage: the Paths section of the window, GA's conversion paths
 * report: top converting paths, path length and time to conversion,
 * assisted against last-touch conversions, early/middle/late positions and
 * channel overlap, over the journeys of the session's settings
 * (RdmSection): the same journeys as the Attribution section's. */
#define RDM_TYPE_PATHS_PAGE (rdm_paths_page_get_type ())
G_DECLARE_FINAL_TYPE (RdmPathsPage, rdm_paths_page, RDM, PATHS_PAGE, RdmSection)

GtkWidget *rdm_paths_page_new (void);

G_END_DECLS
