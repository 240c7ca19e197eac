/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <gtk/gtk.h>

#include "rdm-analysis-settings.h"
#include "rdm-credit.h"
#include "rdm-explain.h"
#include "rdm-forward.h"
#include "rdm-path-analysis.h"
#include "rdm-project-data.h"
#include "rdm-truth.h"
#include "rdm-window-sweep.h"

G_BEGIN_DECLS

/* What one run computes, on top of the journeys. */
typedef enum
{
  RDM_ANALYSIS_CREDIT
  = 1 << 0, /* the models of the settings and the reference (forward: influence) */
  RDM_ANALYSIS_SWEEP = 1 << 1,   /* reference model over rdm_window_sweep_default_windows */
  RDM_ANALYSIS_PATHS = 1 << 2,   /* the paths report, top 10 paths and 10 lengths as the CLI */
  RDM_ANALYSIS_EXPLAIN = 1 << 3, /* reference model on a representative journey */
} RdmAnalysisParts;

/* The outcome of one run, delivered on the main thread by "finished". */
typedef struct
{
  RdmDirection direction;
  RdmLevel level;
  RdmModel reference;
  gboolean from_path_table; /* the project has only an aggregated path table */
  GError *error;            /* the journeys could not be built; nothing else is set */
  GPtrArray *credits;       /* RdmCredit *, the models that succeeded, in RdmModel order */
  GPtrArray *messages;      /* char *: why a model or a part failed, for the user */
  RdmForwardResult *forward;
  RdmWindowSweep *sweep;
  /* the sweep was not recomputed: only the click window changed, which the
   * sweep varies itself, so the one shown before still holds */
  gboolean sweep_unchanged;
  RdmPathAnalysis *paths;
  RdmExplanation *explanation;
  /* with calibration: RdmCalibrated * per credit (same order), whose
   * credit is in @credits; NULL otherwise */
  GPtrArray *calibrated;
  gboolean has_experiments; /* the project has some: calibration is possible */
  RdmTruth *truth;          /* a simulated world's, by channel; NULL otherwise */
  char *truth_note;         /* why a world's truth is not shown, or NULL */
  double total_conversions;
  double elapsed_ms; /* from the start of the run to its end, in the thread */
} RdmAnalysisResult;

void rdm_analysis_result_free (RdmAnalysisResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmAnalysisResult, rdm_analysis_result_free)

/* RdmAnalysisWorker: reads a project's events from its RdmProjectData (which
 * loads them once for every section, in the worker's thread on a SQLite
 * connection of its own), then recomputes in a thread whenever asked, ~150 ms
 * after the last request, cancelling the run in progress. Results arrive
 * on the thread default main context of its creator.
 *
 * Properties: "busy" (boolean, read-only: loading, waiting or computing),
 * "loaded" (boolean, read-only: the events are in memory).
 * Signal: "finished" (RdmAnalysisResult *result), owned by the worker for
 * the emission only. */
#define RDM_TYPE_ANALYSIS_WORKER (rdm_analysis_worker_get_type ())
G_DECLARE_FINAL_TYPE (RdmAnalysisWorker, rdm_analysis_worker, RDM, ANALYSIS_WORKER, GObject)

RdmAnalysisWorker *rdm_analysis_worker_new (RdmAnalysisParts parts);

/* Shows @data (the session's: NULL forgets it), loading its events unless
 * another section already did. The data of a file that changed (an
 * import) is another RdmProjectData, read again. */
void rdm_analysis_worker_set_data (RdmAnalysisWorker *self, RdmProjectData *data);

/* Schedules a run with the options of @settings as they are when it starts. */
void rdm_analysis_worker_request (RdmAnalysisWorker *self, RdmAnalysisSettings *settings);

gboolean rdm_analysis_worker_get_busy (RdmAnalysisWorker *self);
gboolean rdm_analysis_worker_get_loaded (RdmAnalysisWorker *self);

/* After loading: the project's conversion event names (NULL-terminated,
 * owned by the worker; empty for a path table), and the time span of its
 * events in epoch seconds (FALSE when there are none). */
const char *const *rdm_analysis_worker_get_event_names (RdmAnalysisWorker *self);
gboolean rdm_analysis_worker_get_time_range (RdmAnalysisWorker *self, gint64 *first, gint64 *last);

/* The choices the loaded events offer, for the settings' period and event
 * pickers: "All the data" then each quarter with data (codes NULL, then
 * "2026Q2"…), and "All events" then each event (names NULL, then the
 * event). The arrays are emptied first and own their strings. */
void rdm_analysis_worker_list_choices (RdmAnalysisWorker *self,
                                       GtkStringList *period_list,
                                       GPtrArray *period_codes,
                                       GtkStringList *event_list,
                                       GPtrArray *event_names);

/* Why loading failed, or NULL. */
const GError *rdm_analysis_worker_get_load_error (RdmAnalysisWorker *self);

G_END_DECLS
