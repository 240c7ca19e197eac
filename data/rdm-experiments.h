/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-project.h"

G_BEGIN_DECLS

/* An imported incrementality experiment (import --kind experiments). */
typedef struct
{
  char *channel;
  gint64 start_day; /* epoch seconds of 00:00 UTC of the first day */
  gint64 end_day;   /* of the last day, included */
  double incremental_conversions;
  double ci_low;
  double ci_high;
  double incremental_value; /* NAN when the experiment measured none */
  char *method;             /* free text, may be empty */
  /* the share of the spend the control kept: 0 for a holdout, which
   * measured all the spend brought; above 0 for a cut, which measured
   * what the rest brought (the curve's slope, for the media mix only) */
  double spend_kept;
} RdmExperiment;

/* The project's experiments (RdmExperiment, freed with the array), by
 * channel name, then start and end day, then import order; with
 * @holdouts_only, those that measured all a channel's spend brought, the
 * only ones that can calibrate a model's credit. Empty when the project
 * holds none. */
GArray *rdm_project_load_experiments (RdmProject *project, gboolean holdouts_only, GError **error);

G_END_DECLS
