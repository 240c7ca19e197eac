/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "rdm-events.h"
#include "rdm-media-mix.h"
#include "rdm-project-data.h"

G_BEGIN_DECLS

/* A fit with what it was fitted on, shared read-only by the sections and
 * their workers: reference-counted, thread-safe, so that a worker still
 * reading it when the project changes finishes on it. */
typedef struct
{
  RdmMmmFit *fit;
  RdmMediaMixData *data;
  GPtrArray *events; /* RdmDatedEvent *: the project's dated events */
} RdmMediaMixResult;

RdmMediaMixResult *rdm_media_mix_result_ref (RdmMediaMixResult *result);
void rdm_media_mix_result_unref (RdmMediaMixResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmMediaMixResult, rdm_media_mix_result_unref)

typedef enum
{
  RDM_MEDIA_MIX_STATE_IDLE,      /* nothing fitted yet for this data */
  RDM_MEDIA_MIX_STATE_FITTING,   /* a fit runs in a worker */
  RDM_MEDIA_MIX_STATE_READY,     /* the fit, its data and the events are there */
  RDM_MEDIA_MIX_STATE_FAILED,    /* see rdm_media_mix_fitter_get_error() */
  RDM_MEDIA_MIX_STATE_CANCELLED, /* the user stopped the fit */
} RdmMediaMixState;

/* RdmMediaMixFitter: the one media-mix fit of a project session, which
 * the Media Mix and Budget sections both show, so that the model is
 * fitted once per project: rdm_project_fit_media_mix() over all the data
 * with RDM_MMM_OPTIONS_INIT, as "rendement-cli mmm" fits by default, in a
 * worker on a connection of its own, cancellable. The session resets it
 * whenever the project or its data or definitions (costs) change.
 *
 * Property: "state" (RdmMediaMixState, read-only). */
#define RDM_TYPE_MEDIA_MIX_FITTER (rdm_media_mix_fitter_get_type ())
G_DECLARE_FINAL_TYPE (RdmMediaMixFitter, rdm_media_mix_fitter, RDM, MEDIA_MIX_FITTER, GObject)

RdmMediaMixFitter *rdm_media_mix_fitter_new (void);

/* Forgets the fit (cancelling one that runs) and fits @data (NULL: no
 * project) when next asked: the state goes back to IDLE. */
void rdm_media_mix_fitter_reset (RdmMediaMixFitter *self, RdmProjectData *data);

/* Starts a fit unless one runs or is there. */
void rdm_media_mix_fitter_fit (RdmMediaMixFitter *self);
/* Stops the fit that runs: the state becomes CANCELLED. */
void rdm_media_mix_fitter_cancel (RdmMediaMixFitter *self);

RdmMediaMixState rdm_media_mix_fitter_get_state (RdmMediaMixFitter *self);
/* When READY: the fit, the series it was fitted on, and the project's
 * dated events (RdmDatedEvent *), all owned by the fitter. */
const RdmMmmFit *rdm_media_mix_fitter_get_fit (RdmMediaMixFitter *self);
const RdmMediaMixData *rdm_media_mix_fitter_get_data (RdmMediaMixFitter *self);
GPtrArray *rdm_media_mix_fitter_get_events (RdmMediaMixFitter *self);
/* The same, as one reference (NULL unless READY). */
RdmMediaMixResult *rdm_media_mix_fitter_get_result (RdmMediaMixFitter *self);
/* When FAILED: why (RDM_MMM_ERROR_NO_OUTCOMES, _NO_CHANNELS and
 * _TOO_SHORT are what the project lacks, not faults). */
const GError *rdm_media_mix_fitter_get_error (RdmMediaMixFitter *self);
/* How many fits were started, for the tests. */
guint rdm_media_mix_fitter_get_n_fits (RdmMediaMixFitter *self);

/* Whether @error says the project lacks what a media-mix model needs
 * (daily outcomes, media spend, enough days). */
gboolean rdm_media_mix_error_is_missing_data (const GError *error);

/* The fit's quality on its held-out weeks, in one line for the user:
 * "Held-out fit over the last 10 weeks: R² 0.82, MAPE 6.1 %, NRMSE 0.09". */
char *rdm_media_mix_quality_text (const RdmMmmFit *fit);
/* What the user can do about a missing-data error, after its message. */
char *rdm_media_mix_missing_data_text (const GError *error);

G_END_DECLS
