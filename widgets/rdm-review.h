/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-branding.h"
#include "rdm-calibration.h"
#include "rdm-chart.h"
#include "rdm-document.h"
#include "rdm-event-store.h"
#include "rdm-media-mix.h"
#include "rdm-model.h"
#include "rdm-path-options.h"
#include "rdm-path-set.h"
#include "rdm-period.h"
#include "rdm-project.h"
#include "rdm-shared-costs.h"
#include "rdm-truth.h"

G_BEGIN_DECLS

/* The charts of "rendement-cli chart" and the quarterly review, built from
 * one set of inputs, so that the CLI and the window's "Export Quarterly
 * Review…" write the same PDF through the same code. No GTK: PLplot draws
 * them, which must happen on the main thread (PLplot is not thread-safe). */

typedef struct
{
  RdmProject *project;
  const RdmEventStore *store; /* NULL when the project holds only a path table */
  const guint8 *visitor_mask; /* NULL for every visitor */
  const RdmPathSet *paths;    /* the journeys of the evaluation range */
  const RdmPathOptions *path;
  const RdmModelOptions *model;
  GArray *models;  /* RdmModel, at least one; the first is the one ROI uses */
  guint bootstrap; /* resamples for the models' intervals, 0 for none */
  guint64 seed;
  guint threads;
  const RdmPeriod *period; /* ROI's period; NULL for the latest quarter */
  gboolean whole_data;     /* ROI over all the data ("--period all"), @period unused */
  /* RdmCalibration * of each of @models, to calibrate the models' credit
   * and ROI by the project's experiments; NULL for the models' own */
  GPtrArray *calibrations;
  /* a simulated world's truth over the journeys, by channel; NULL otherwise */
  const RdmTruth *truth;
  const RdmSharedRule *shared_rule; /* how ROI allocates shared costs; NULL for "media" */
} RdmReviewInput;

/* The chart kinds, in the review's order, NULL-terminated. */
const char *const *rdm_review_chart_kinds (void);

/* Chart @kind ("roi", "cost-value", "models", "window", "paths",
 * "overlap") of @input. */
RdmChart *rdm_review_build_chart (const char *kind, const RdmReviewInput *input, GError **error);

/* What a quarterly review covers and how it computes: the settings of
 * "rendement-cli report" and of the window's export dialog. */
typedef struct
{
  const RdmPathOptions *path; /* its evaluation range is replaced by the period */
  const RdmModelOptions *model;
  GArray *models;  /* RdmModel, at least one; the first is the one ROI and the summary use */
  guint bootstrap; /* resamples for the models' intervals, 0 for none */
  guint64 seed;
  guint threads;
  const RdmPeriod *period; /* NULL for the latest quarter */
  gboolean whole_data;     /* all the data ("--period all"), @period unused */
  /* calibrate credit and ROI by the project's experiments, untested
   * channels as @untested says (refused without experiments) */
  gboolean calibrate;
  RdmUntested untested;
  const RdmSharedRule *shared_rule; /* how ROI allocates shared costs; NULL for "media" */
  const RdmBranding *branding;      /* the cover's; NULL for the project's own */
  gint64 today;                     /* the cover's date, epoch seconds; 0 for now */
  /* The media-mix fit of the project (rdm_project_media_mix_result()) when
   * the caller has it, as the window's session does; NULL: the review
   * fits it, over all the data as "rendement-cli mmm" does by default. */
  RdmMediaMixResult *media_mix;
  /* Leaves the media mix and budget out: the window's preview of the
   * first pages while the session's fit is not there. */
  gboolean without_media_mix;
} RdmReviewRequest;

/* The quarterly review of @project as a document: loads the events (or
 * the path table), the costs, KPIs and experiments, computes every section
 * and writes the executive summary from the numbers, in the language and
 * locale of the calling thread. Touches no PLplot state, so it may run in
 * a worker thread (with its own @project connection). Fails with a
 * message a user can act on for an empty project. */
RdmDocument *
rdm_review_compute (RdmProject *project, const RdmReviewRequest *request, GError **error);

/* Typesets @document (from rdm_review_compute()) as @layout into the PDF
 * @out. */
gboolean rdm_review_write (const RdmDocument *document,
                           RdmDocumentLayout layout,
                           const char *out,
                           GError **error);

/* Checks that @out names a PDF file. */
gboolean rdm_review_check_path (const char *out, GError **error);

/* rdm_review_compute() then rdm_review_write(): what "rendement-cli
 * report" calls; the window runs the same two steps in a thread. */
gboolean rdm_review_export (RdmProject *project,
                            const RdmReviewRequest *request,
                            RdmDocumentLayout layout,
                            const char *out,
                            GError **error);

/* The locales that write the review's numbers and dates in @language
 * ("en" or "fr"), the most fitting first, NULL-terminated; NULL for a
 * language the review is not written in. */
const char *const *rdm_review_language_locales (const char *language);

G_END_DECLS
