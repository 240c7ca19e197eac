/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include <cjson/cJSON.h>

#include "rdm-business.h"
#include "rdm-project.h"

G_BEGIN_DECLS

/* A project's definitions — objectives with their initiatives and KPIs,
 * segments, saved model settings — as JSON, so that a consultant can reuse
 * a KPI framework across clients:
 *
 *   { "format": "rendement-definitions", "version": 1,
 *     "objectives": [ { "name", "function", "description",
 *                       "initiatives": [ { "name", "description", "campaigns": [...] } ],
 *                       "kpis": [ { "name", "formula", "unit", "target" (or null),
 *                                   "direction": "higher"|"lower", "period" } ] } ],
 *     "segments": [ { "name", "filter" } ],
 *     "model_settings": [ { "name", "settings": {...} } ] }
 */
char *rdm_project_export_definitions (RdmProject *project, GError **error);

/* The JSON objects of the file above, for one item (without its objective
 * and, for an objective, without its initiatives and KPIs). */
cJSON *rdm_objective_to_json (const RdmObjective *objective);
cJSON *rdm_initiative_to_json (const RdmInitiative *initiative);
cJSON *rdm_kpi_to_json (const RdmKpi *kpi);

/* Adds the definitions of @json to the project in one transaction: any
 * malformed JSON, missing member, invalid formula or filter, or name that
 * already exists fails with a message naming the item, and changes nothing.
 * Campaigns that the project does not have are left out of initiatives
 * (the framework comes from another client) and counted in
 * *@out_skipped_campaigns. Channels a segment names that the project does
 * not have are created (with the group their name suggests), and their
 * names listed in *@out_created_channels (NULL-terminated, to free; may
 * be NULL). @source names the input in messages. */
gboolean rdm_project_import_definitions (RdmProject *project,
                                         const char *json,
                                         gsize length,
                                         const char *source,
                                         guint *out_skipped_campaigns,
                                         char ***out_created_channels,
                                         GError **error);

G_END_DECLS
