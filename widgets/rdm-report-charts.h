/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-chart.h"
#include "rdm-credit.h"
#include "rdm-path-analysis.h"
#include "rdm-roi-report.h"
#include "rdm-series-analysis.h"
#include "rdm-truth.h"
#include "rdm-window-sweep.h"

G_BEGIN_DECLS

/* The charts of the analyses, built from the engine's results alone so that
 * "rendement-cli chart", the quarterly report and the window draw the same
 * chart from the same numbers. Texts are translated; "(none)" reads
 * "No touch". */

/* How the user sees a label: "No touch" for the no-touch pseudo-channel. */
const char *rdm_report_label (const char *label);

/* The colour of a simulated world's truth beside the models: after every
 * model's, so that none shares it. */
#define RDM_CHART_TRUTH_COLOUR RDM_MODEL_N_MODELS

/* Conversions per channel, the models side by side (GROUPED_BARS), with
 * the bootstrap intervals when the credits have them, and first, when
 * @truth is not NULL, what each channel caused in a simulated world.
 * @credits holds RdmCredit * over the same path set. */
RdmChart *rdm_report_chart_models (GPtrArray *credits, const RdmTruth *truth);

/* ROI per channel (BARS, coloured by sign), in percent; channels whose ROI
 * is undefined (no cost) are left out. */
RdmChart *rdm_report_chart_roi (const RdmRoiReport *report);

/* Attributed value against cost per channel (SCATTER with the break-even
 * line). */
RdmChart *rdm_report_chart_cost_value (const RdmRoiReport *report);

/* Credit of each channel against the click window (LINES). */
RdmChart *rdm_report_chart_window (const RdmWindowSweep *sweep, RdmModel model);

/* Conversions by number of touches (HISTOGRAM). */
RdmChart *rdm_report_chart_path_lengths (const RdmPathAnalysis *analysis);

/* Share of converting paths holding both channels (HEAT_MAP, percent). */
RdmChart *rdm_report_chart_overlap (const RdmPathAnalysis *analysis);

/* The mirror's two series over time (LINES on dates), each as standard
 * scores so that a survey's points and a day's likes share one axis, with
 * the first series again best-lag periods later ("…, 3 weeks later"),
 * when the lag is not 0, so that the eye sees what the lag lines up;
 * @events (RdmDatedEvent *, nullable) marked as spans. */
RdmChart *rdm_report_chart_mirror (const RdmMirrorResult *result, GPtrArray *events);

G_END_DECLS
