/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-chart-view.h"
#include "rdm-section.h"

G_BEGIN_DECLS

/* RdmMediaMixPage: the Media Mix section. It shows the session's media-mix
 * fit (RdmMediaMixFitter, fitted once for this section and the Budget
 * one): per channel its spend, contribution, share, ROI, marginal ROI and
 * response (θ, K, S) with intervals and warnings in words; the fit's
 * held-out quality above the results; the weekly decomposition of the
 * outcome over time with the project's events; and the response curves
 * with today's spend marked. */
#define RDM_TYPE_MEDIA_MIX_PAGE (rdm_media_mix_page_get_type ())
G_DECLARE_FINAL_TYPE (RdmMediaMixPage, rdm_media_mix_page, RDM, MEDIA_MIX_PAGE, RdmSection)

GtkWidget *rdm_media_mix_page_new (void);

/* For the tests. */
GListModel *_rdm_media_mix_page_get_rows (RdmMediaMixPage *self);
RdmChartView *_rdm_media_mix_page_get_decomposition_chart (RdmMediaMixPage *self);
RdmChartView *_rdm_media_mix_page_get_curves_chart (RdmMediaMixPage *self);
const char *_rdm_media_mix_page_get_quality (RdmMediaMixPage *self);
const char *_rdm_media_mix_page_get_warnings (RdmMediaMixPage *self);
AdwStatusPage *_rdm_media_mix_page_get_empty_page (RdmMediaMixPage *self);

/* Columns of the table, after the channel. */
typedef enum
{
  RDM_MEDIA_MIX_COLUMN_SPEND,
  RDM_MEDIA_MIX_COLUMN_CONTRIBUTION,
  RDM_MEDIA_MIX_COLUMN_CONTRIBUTION_INTERVAL,
  RDM_MEDIA_MIX_COLUMN_SHARE,
  RDM_MEDIA_MIX_COLUMN_ROI,
  RDM_MEDIA_MIX_COLUMN_ROI_INTERVAL,
  RDM_MEDIA_MIX_COLUMN_MARGINAL_ROI,
  RDM_MEDIA_MIX_COLUMN_ADSTOCK,
  RDM_MEDIA_MIX_COLUMN_HALF_SATURATION,
  RDM_MEDIA_MIX_COLUMN_SHAPE,
  RDM_MEDIA_MIX_COLUMN_WARNING,
  RDM_MEDIA_MIX_N_COLUMNS
} RdmMediaMixColumn;

/* Makes *@fitter the fitter of @section's session (NULL without one),
 * with @on_state (swapped: @section first) called on each change of its
 * state, as the Media Mix and Budget sections follow it; then shows it:
 * "no-project" without a fitter, else through @on_state. What both
 * sections' reload does. */
void
rdm_media_mix_fitter_follow (RdmSection *section, RdmMediaMixFitter **fitter, GCallback on_state);

/* Shows the state of @fitter in @section ("no-project", "fitting",
 * "cancelled", "empty" with @empty_page saying what is missing, or the
 * error), starting the fit when the section is shown and the fitter is
 * idle; TRUE when the fit is ready, for the section to show it. */
gboolean rdm_media_mix_fitter_show_state (RdmSection *section,
                                          RdmMediaMixFitter *fitter,
                                          AdwStatusPage *empty_page);

G_END_DECLS
