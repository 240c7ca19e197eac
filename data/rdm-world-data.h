/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-event-store.h"
#include "rdm-project.h"
#include "rdm-world.h"

G_BEGIN_DECLS

/* Writes @world into @project, which must be empty (G_IO_ERROR_EXISTS
 * otherwise), in one transaction: its channels, visitors ("sim-000001" by
 * person), touchpoints, conversions (event "purchase"), the truth of each
 * conversion, the causal model's settings (the "world" table) and
 * @experiments (RdmWorldExperiment, may be NULL) as experiments, under one
 * import of kind "simulation". On error nothing is written. */
gboolean rdm_project_write_world (RdmProject *project,
                                  const RdmWorld *world,
                                  const GArray *experiments,
                                  GCancellable *cancellable,
                                  GError **error);

/* The truth of @project's world as effects over @store (loaded from the
 * same project). Sets *@effects to NULL when the project holds no world,
 * or when it also holds conversions from elsewhere (which the world's
 * truth says nothing about): *@unavailable then says why, translated. */
gboolean rdm_project_load_truth (RdmProject *project,
                                 const RdmEventStore *store,
                                 GArray **effects,
                                 char **unavailable,
                                 GError **error);

/* The settings as the JSON stored in the project's world row. */
char *rdm_world_settings_to_json (const RdmWorldSettings *settings);

G_END_DECLS
