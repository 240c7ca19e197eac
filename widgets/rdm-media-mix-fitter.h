/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "rdm-events.h"
#include "rdm-media-mix.h"
#include "rdm-project-data.h"

G_BEGIN_DECLS

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
 * fitted once per project: rdm_project_media_mix_result() with
 * RDM_MMM_OPTIONS_INIT, as "rendement-cli mmm" fits by default, in a
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
/* A reference of its own to it, for a worker (NULL unless READY). */
RdmMediaMixResult *rdm_media_mix_fitter_dup_result (RdmMediaMixFitter *self);
/* When FAILED: why (RDM_MMM_ERROR_NO_OUTCOMES, _NO_CHANNELS and
 * _TOO_SHORT are what the project lacks, not faults). */
const GError *rdm_media_mix_fitter_get_error (RdmMediaMixFitter *self);
/* How many fits were started, for the tests. */
guint rdm_media_mix_fitter_get_n_fits (RdmMediaMixFitter *self);

/* What the user can do about a missing-data error, after its message. */
char *rdm_media_mix_missing_data_text (const GError *error);

G_END_DECLS
