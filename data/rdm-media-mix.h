/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-mmm.h"
#include "rdm-project.h"

G_BEGIN_DECLS

/* The daily series a media-mix model is fitted on, read from a project:
 * media spend per channel and day (cost rows of category media, which
 * ad-platform imports land in), and daily outcomes, from the outcome
 * table (summed over regions) when the project has one, otherwise from
 * the event log's conversions. The days run from the first to the last
 * day with outcomes, within the asked range; a day without a row has no
 * conversions and no spend. The project's dated events within the days
 * give their days a level of their own in the baseline, so that an
 * incident's drop is not blamed on the channels that spent then (events
 * on the same days share one level, named "A + B"; an event on every day
 * is left out, being the baseline itself). The
 * project's experiments on channels with spend, within the days, hold
 * those channels near what they measured. */
typedef struct
{
  gint64 first_day;
  guint n_days;
  guint n_channels;
  char **channels;     /* NULL-terminated */
  double *spend;       /* n_channels rows of n_days */
  double *conversions; /* n_days */
  double *value;       /* n_days */
  gboolean from_event_log;
  guint n_events;
  RdmMmmEvent *events; /* labels owned */
  guint n_experiments;
  RdmMmmExperiment *experiments;
} RdmMediaMixData;

void rdm_media_mix_data_free (RdmMediaMixData *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmMediaMixData, rdm_media_mix_data_free)

/* Days in [@from, @to) (epoch seconds; G_MININT64 and G_MAXINT64 for all
 * the data). */
RdmMediaMixData *
rdm_project_load_media_mix (RdmProject *project, gint64 from, gint64 to, GError **error);

/* The model's input over @data (pointers into @data). */
RdmMmmInput rdm_media_mix_data_input (const RdmMediaMixData *data);

/* Fits the model on @data. */
RdmMmmFit *
rdm_media_mix_data_fit (const RdmMediaMixData *data, const RdmMmmOptions *options, GError **error);

/* Loads and fits: what the window calls, and the CLI in two steps (to
 * check its options against the data's channels before the fit). */
RdmMmmFit *rdm_project_fit_media_mix (RdmProject *project,
                                      gint64 from,
                                      gint64 to,
                                      const RdmMmmOptions *options,
                                      RdmMediaMixData **out_data,
                                      GError **error);

/* Whether @error says the project lacks what a media-mix model needs
 * (daily outcomes, media spend, enough days). */
gboolean rdm_media_mix_error_is_missing_data (const GError *error);

/* A fit with what it was fitted on and the project's dated events, shared
 * read-only by the window's sections, their workers and the quarterly
 * review: reference-counted, thread-safe, so that a worker still reading
 * it when the project changes finishes on it. */
typedef struct
{
  RdmMmmFit *fit;
  RdmMediaMixData *data;
  GPtrArray *events; /* RdmDatedEvent *: the project's dated events */
} RdmMediaMixResult;

RdmMediaMixResult *rdm_media_mix_result_ref (RdmMediaMixResult *result);
void rdm_media_mix_result_unref (RdmMediaMixResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmMediaMixResult, rdm_media_mix_result_unref)

/* The project's fit over all its data with @options, as "rendement-cli
 * mmm" fits by default and the window's sections show it, with its
 * events. */
RdmMediaMixResult *
rdm_project_media_mix_result (RdmProject *project, const RdmMmmOptions *options, GError **error);

G_END_DECLS
