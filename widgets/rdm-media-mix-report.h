/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-chart.h"
#include "rdm-events.h"
#include "rdm-mmm.h"

G_BEGIN_DECLS

/* What the window's Media Mix and Budget sections and the quarterly review
 * show of a media-mix fit, built once for all three. No GTK. */

/* The fit's quality on its held-out weeks, in one line for the user:
 * "Held-out fit over the last 10 weeks: R² 0.82, MAPE 6.1 %, NRMSE 0.09". */
char *rdm_media_mix_quality_text (const RdmMmmFit *fit);

/* The first of @warnings in one word or two ("Collinear"), "" for none:
 * a table's warning column. */
const char *rdm_media_mix_warning_word (RdmMmmWarnings warnings);

/* Why some channels' numbers are not to be trusted, one line per
 * reason, channels with the same reasons named together; NULL when every
 * channel's are. */
char *rdm_media_mix_warnings_text (const RdmMmmFit *fit);

/* Weekly sums of @fit's day-by-day decomposition (baseline and channels
 * stacked, the actual outcome as a line), full weeks only, with @events
 * (RdmDatedEvent *, or NULL) as spans. */
RdmChart *rdm_media_mix_decomposition_chart (const RdmMmmFit *fit, GPtrArray *events);

/* The response curves of @fit, each up to 2.5 times today's daily spend
 * (@today, per channel), with rings at the daily spends @marked
 * (today's, or a plan's) described by @note. */
RdmChart *rdm_media_mix_curves_chart (const RdmMmmFit *fit,
                                      const double *today,
                                      const double *marked,
                                      const char *note);

G_END_DECLS
