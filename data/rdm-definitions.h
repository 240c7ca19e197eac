/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include <cjson/cJSON.h>

#include "rdm-business.h"
#include "rdm-project.h"

G_BEGIN_DECLS

/* A project's definitions — objectives with their initiatives and KPIs,
 * segments, saved model settings, channel rules and channel groups — as
 * JSON, so that a consultant can reuse a KPI framework across clients:
 *
 *   { "format": "rendement-definitions", "version": 2,
 *     "objectives": [ { "name", "function", "description",
 *                       "initiatives": [ { "name", "description", "campaigns": [...] } ],
 *                       "kpis": [ { "name", "formula", "unit", "target" (or null),
 *                                   "direction": "higher"|"lower", "period" } ] } ],
 *     "segments": [ { "name", "filter" } ],
 *     "model_settings": [ { "name", "settings": {...} } ],
 *     "channel_rules": [ { "source", "medium", "campaign", "syntax": "glob"|"regex",
 *                          "channel", "group" } ],
 *     "channels": [ { "name", "group" } ] }
 *
 * Version 1 files (without the last two members) are read too.
 */
char *rdm_project_export_definitions (RdmProject *project, GError **error);

/* The JSON objects of the file above, for one item (without its objective
 * and, for an objective, without its initiatives and KPIs). */
cJSON *rdm_objective_to_json (const RdmObjective *objective);
cJSON *rdm_initiative_to_json (const RdmInitiative *initiative);
cJSON *rdm_kpi_to_json (const RdmKpi *kpi);

/* What an import of definitions added besides the definitions. */
typedef struct
{
  guint skipped_campaigns;     /* named by initiatives, not in the project: left out */
  GPtrArray *created_channels; /* char *: named by segments, rules or the channel list */
  guint added_rules;           /* channel rules the project did not have, put first */
  GPtrArray *new_attributes;   /* char *: attributes segments name that no visitor has yet */
} RdmDefinitionsReport;

void rdm_definitions_report_free (RdmDefinitionsReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmDefinitionsReport, rdm_definitions_report_free)

/* Adds the definitions of @json to the project in one transaction: any
 * malformed JSON, missing member, invalid formula, filter or rule, or name
 * that already exists fails with a message naming the item, and changes
 * nothing. What the framework needs and this client lacks is created
 * rather than refused, and listed in *@out_report (may be NULL): the
 * channels segments and the channel list name (in the group the file
 * gives, else the one their name suggests); the channel rules the project
 * does not have, ahead of its own (so the framework's labelling wins, and
 * the data are re-labelled); segments over attributes no visitor has yet
 * (they select nobody until such attributes are imported). Campaigns the
 * project does not have are left out of initiatives (they belong to the
 * other client). @source names the input in messages. */
gboolean rdm_project_import_definitions (RdmProject *project,
                                         const char *json,
                                         gsize length,
                                         const char *source,
                                         RdmDefinitionsReport **out_report,
                                         GError **error);

G_END_DECLS
