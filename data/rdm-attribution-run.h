/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-analysis-config.h"
#include "rdm-calibration.h"
#include "rdm-credit.h"
#include "rdm-event-store.h"
#include "rdm-forward.h"
#include "rdm-model.h"
#include "rdm-path-options.h"
#include "rdm-path-set.h"
#include "rdm-project.h"
#include "rdm-truth.h"

G_BEGIN_DECLS

/* The one place that turns analysis settings into attribution results,
 * for "rendement-cli" and for the window's worker alike (SPEC.md,
 * "Architecture"): what a project holds, the journeys cut from it, and the
 * models run over them. Nothing here touches GTK; everything may run in a
 * worker thread, on a connection of that thread. */

/* What a project's analyses read: its events, or, when it holds no events
 * but an imported path table, that table. Exactly one is set. A simulated
 * world's events come with their truth (RdmTruthEffect over @store), or
 * with the reason it cannot be used. */
typedef struct
{
  RdmEventStore *store;
  RdmPathSet *table;
  GHashTable *table_groups; /* with @table: channel name -> group code */
  GArray *truth;
  char *truth_unavailable;
  gboolean has_experiments; /* what calibration needs */
  /* @table holds rows whose nulls are unknown (an export of converting
   * paths only, like GA4's), stored as 0 */
  gboolean nulls_unknown;
  /* @table was built inside a warehouse (rdm-warehouse.c) with these
   * windows, period and events; NULL for other tables */
  RdmPathOptions *warehouse;
} RdmAttributionData;

gboolean rdm_attribution_data_load (RdmProject *project,
                                    RdmAttributionData *data,
                                    GCancellable *cancellable,
                                    GError **error);
void rdm_attribution_data_clear (RdmAttributionData *data);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RdmAttributionData, rdm_attribution_data_clear)

/* What to compute, in the engine's units. */
typedef struct
{
  RdmPathOptions path;
  RdmModelOptions model;
  RdmModel models[RDM_MODEL_N_MODELS]; /* run in this order */
  guint n_models;
  guint resamples; /* bootstrap replicates for intervals; 0 for none */
  guint64 seed;    /* of the bootstrap's resampling */
  guint threads;   /* bootstrap threads; 0 for one per processor */
  /* scale each model's credit by the project's experiments
   * (rdm_attribution_calibrations()); the backward direction only */
  gboolean calibrate;
  RdmUntested untested; /* with calibrate: what untested channels get */
} RdmAttributionRequest;

/* The engine's defaults (rdm_path_options_init, rdm_model_options_init),
 * no model, no bootstrap. */
void rdm_attribution_request_init (RdmAttributionRequest *request);
void rdm_attribution_request_clear (RdmAttributionRequest *request);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RdmAttributionRequest, rdm_attribution_request_clear)

/* Sets @request (initialised, or set before) from the window's settings:
 * its options (rdm_analysis_config_get_options(), whose errors it
 * returns), the models ticked and the reference model, which the
 * differences are taken from, in RdmModel order, and the bootstrap when
 * it is on. */
gboolean rdm_attribution_request_set_config (RdmAttributionRequest *request,
                                             const RdmAnalysisConfig *config,
                                             GError **error);

/* Why a model of a run gave no credit. */
typedef struct
{
  RdmModel model;
  GError *error;
} RdmAttributionFailure;

/* The journeys a request selects. */
typedef struct
{
  guint8 *visitor_mask; /* the segment's visitors; NULL for every visitor */
  guint64 n_segment_visitors;
  /* the backward journeys (unset in the forward direction): built from
   * the events, or the data's path table itself, borrowed */
  const RdmPathSet *paths;
  RdmPathSet *built;
} RdmAttributionJourneys;

/* Cuts the journeys of @path out of @data. @project is read for the
 * segment's visitors of events only, and may be NULL otherwise. A path
 * table has no visitors and no exposure times: a segment, or the forward
 * direction, is refused with G_IO_ERROR_NOT_SUPPORTED. */
gboolean rdm_attribution_journeys_init (RdmAttributionJourneys *journeys,
                                        RdmProject *project,
                                        const RdmAttributionData *data,
                                        const RdmPathOptions *path,
                                        GCancellable *cancellable,
                                        GError **error);
void rdm_attribution_journeys_clear (RdmAttributionJourneys *journeys);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RdmAttributionJourneys, rdm_attribution_journeys_clear)

/* One model's credit over @paths, with bootstrap intervals when
 * @request->resamples is not 0. */
RdmCredit *rdm_attribution_run_model (const RdmPathSet *paths,
                                      RdmModel model,
                                      const RdmAttributionRequest *request,
                                      GCancellable *cancellable,
                                      GError **error);

/* The result of a run. */
typedef struct
{
  RdmAttributionJourneys journeys;
  RdmForwardResult *forward; /* the forward direction: influence, no model */
  GPtrArray *credits;        /* RdmCredit *: the models that gave credit, in request order */
  GArray *failures;          /* RdmAttributionFailure: those that did not */
  /* a simulated world's truth over the conversions analysed, by channel
   * (backward only); otherwise NULL, and @truth_note says why when the
   * project holds a world */
  RdmTruth *truth;
  char *truth_note;
  /* with request->calibrate: RdmCalibrated * for each of credits (same
   * index), the calibrated credit with its Baseline and the factors;
   * NULL otherwise */
  GPtrArray *calibrated;
} RdmAttributionRun;

void rdm_attribution_run_free (RdmAttributionRun *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmAttributionRun, rdm_attribution_run_free)

/* The calibration of each of the @n_models @models by the project's
 * experiments (RdmCalibration *, in the order of @models), for
 * rdm_calibration_apply(): for each distinct date range of the
 * experiments, the journeys of @request->path with the evaluation period
 * set to those days (first to last, included) and at channel level, the
 * rest unchanged (segment @visitor_mask, events, windows), and each model
 * run over them without bootstrap; a tested channel's credit there is
 * what its experiment is compared with. At campaign level, each campaign
 * label is given its channel, whose factor it takes. A model that fails
 * over an experiment's dates credits its channel nothing there (see
 * rdm_calibration_new()).
 *
 * Fails with G_IO_ERROR_NOT_FOUND when @project holds no experiment, and
 * with G_IO_ERROR_NOT_SUPPORTED for a path table (no dates) or the
 * forward direction. */
GPtrArray *rdm_attribution_calibrations (RdmProject *project,
                                         const RdmAttributionData *data,
                                         const RdmAttributionRequest *request,
                                         const guint8 *visitor_mask,
                                         const RdmModel *models,
                                         guint n_models,
                                         GCancellable *cancellable,
                                         GError **error);

/* Runs @request over @data: the journeys, then, backward, each model of
 * @request (a model that fails is a failure of the run, not its end: the
 * others still count), or, forward, the influence of each exposure. Over
 * a path table whose nulls are unknown, the models that read nulls
 * (Markov, Shapley) say so in their credit's note.
 * With request->calibrate, each model's credit is then calibrated (see
 * rdm_attribution_calibrations(), whose errors fail the run).
 * Fails when the journeys cannot be cut (see
 * rdm_attribution_journeys_init()) or when @cancellable is cancelled. */
RdmAttributionRun *rdm_attribution_run (RdmProject *project,
                                        const RdmAttributionData *data,
                                        const RdmAttributionRequest *request,
                                        GCancellable *cancellable,
                                        GError **error);

G_END_DECLS
