/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-branding.h"
#include "rdm-budget.h"
#include "rdm-calibration.h"
#include "rdm-credit.h"
#include "rdm-document.h"
#include "rdm-kpi-report.h"
#include "rdm-path-analysis.h"
#include "rdm-review.h"
#include "rdm-roi-report.h"
#include "rdm-truth.h"

G_BEGIN_DECLS

/* What the quarterly review says, computed once (rdm-review.c) and then
 * written as a document (rdm-review-document.c). */
typedef struct
{
  GArray *models;          /* RdmModel; the first is the one ROI and the summary use */
  GPtrArray *roi;          /* RdmRoiReport * of each model */
  GPtrArray *credits;      /* RdmCredit * of each model, over the period's journeys */
  const RdmTruth *truth;   /* a simulated world's truth, or NULL */
  GPtrArray *kpis;         /* RdmKpiResult *; NULL when the project has no KPI */
  RdmPathAnalysis *paths;  /* the period's journeys */
  gboolean path_table;     /* the journeys are an imported path table */
  gboolean calibrated;     /* credit and ROI calibrated by experiments */
  GPtrArray *calibrations; /* RdmCalibration * of each model when calibrated, borrowed */
  const RdmPathOptions *path;
  guint bootstrap;
  GPtrArray *imports; /* RdmImportRecord * of the project */
  char *currency;     /* the project's, or NULL */
  /* the media-mix fit and the budget for the next quarter under its
   * curves; NULL when the project lacks daily outcomes or media spend */
  RdmMediaMixResult *media_mix;
  RdmBudgetPlan *budget;
  /* the charts, each NULL when its data is missing */
  RdmChart *roi_chart;
  RdmChart *cost_value_chart;
  RdmChart *models_chart;
  RdmChart *window_chart;
  RdmChart *lengths_chart;
  RdmChart *overlap_chart;
  RdmChart *decomposition_chart;
  RdmChart *curves_chart;
} RdmReviewFacts;

void _rdm_review_facts_clear (RdmReviewFacts *facts);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RdmReviewFacts, _rdm_review_facts_clear)

/* The review of @facts with @branding's cover, made on @today (epoch
 * seconds), in the locale and language of the calling thread. */
RdmDocument *
_rdm_review_build_document (const RdmReviewFacts *facts, const RdmBranding *branding, gint64 today);

/* "Q3 2026", "March 2026", "2026": a period as people name it. */
char *_rdm_review_period_label (const RdmPeriod *period);

G_END_DECLS
