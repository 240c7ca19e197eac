/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-event-store.h"
#include "rdm-model.h"
#include "rdm-path-options.h"

G_BEGIN_DECLS

/* A model's credit for several click windows, from one load of the events:
 * "how much does the window matter?". */
typedef struct
{
  guint n_windows;
  double *windows; /* click window in days, as asked */
  guint n_labels;
  char **label_names;        /* every label credited under any window, NULL-terminated */
  double *conversions;       /* [w * n_labels + i] */
  double *value;             /* [w * n_labels + i] */
  double *total_conversions; /* per window */
} RdmWindowSweep;

void rdm_window_sweep_free (RdmWindowSweep *sweep);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmWindowSweep, rdm_window_sweep_free)

/* The click windows compared unless others are asked for, in days: the
 * window's sweep, "rendement-cli window-sweep" and the review charts. */
#define RDM_WINDOW_SWEEP_N_DEFAULT_WINDOWS 6
extern const double rdm_window_sweep_default_windows[RDM_WINDOW_SWEEP_N_DEFAULT_WINDOWS];

/* Builds the journeys of @store once per click window (the other options
 * from @path_options) and credits them with @model. */
RdmWindowSweep *rdm_window_sweep_compute (const RdmEventStore *store,
                                          const RdmPathOptions *path_options,
                                          const guint8 *visitor_mask,
                                          RdmModel model,
                                          const RdmModelOptions *model_options,
                                          const double *windows,
                                          guint n_windows,
                                          GCancellable *cancellable,
                                          GError **error);

double rdm_window_sweep_conversions (const RdmWindowSweep *sweep, guint window, guint label);
double rdm_window_sweep_value (const RdmWindowSweep *sweep, guint window, guint label);

G_END_DECLS
