/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-mmm.h"
#include "rdm-project.h"

G_BEGIN_DECLS

/* The truth of a simulated media mix (table media_truth, migration 9):
 * the response curve each channel's outcomes were generated with, and
 * what its media spend brought over the days stored. The demo writes one
 * (data/rdm-demo.c), so that a media-mix fit can be set against it as the
 * path models are set against the journeys' truth. */
typedef struct
{
  char *channel;
  gint64 first_day; /* epoch seconds of 00:00 UTC, both days included */
  gint64 last_day;
  RdmResponseCurve curve;
  double contribution;       /* conversions the channel's spend brought */
  double contribution_value; /* their value */
} RdmMediaTruth;

void rdm_media_truth_free (RdmMediaTruth *truth);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmMediaTruth, rdm_media_truth_free)

/* Records @truth for @channel_id, written by import @import_id. Refuses
 * a curve the model could not have (θ outside [0, 1), K or S not above 0,
 * β below 0, a value not finite) or days in the wrong order with
 * G_IO_ERROR_INVALID_ARGUMENT, changing nothing. */
gboolean rdm_project_add_media_truth (RdmProject *project,
                                      gint64 channel_id,
                                      gint64 import_id,
                                      const RdmMediaTruth *truth,
                                      GError **error);

/* RdmMediaTruth *, by channel name; empty when the project holds no
 * simulated media mix. */
GPtrArray *rdm_project_load_media_truth (RdmProject *project, GError **error);

G_END_DECLS
