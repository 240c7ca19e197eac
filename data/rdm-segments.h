/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-event-store.h"
#include "rdm-filter.h"
#include "rdm-project.h"
#include "rdm-visitor-facts.h"

G_BEGIN_DECLS

/* A saved segment: a name and its filter text (rdm-filter.h grammar). */
typedef struct
{
  char *name;
  char *filter;
} RdmSegmentRecord;

void rdm_segment_record_free (RdmSegmentRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmSegmentRecord, rdm_segment_record_free)

/* What filters of @project may name: every attribute key with its values,
 * every channel. Read with bound queries only. */
RdmFilterSchema *rdm_project_filter_schema (RdmProject *project, GError **error);

/* Parses @filter_text against the project's schema, then saves it under
 * @name (replacing a segment of that name only when @replace is set). The
 * project is unchanged on any error. */
gboolean rdm_project_add_segment (RdmProject *project,
                                  const char *name,
                                  const char *filter_text,
                                  gboolean replace,
                                  GError **error);
/* Like rdm_project_add_segment(), for a segment of definitions brought
 * from another project: attributes no visitor of this one has yet are
 * accepted, and added to @new_attributes (char *, without repeats). */
gboolean _rdm_project_add_segment_for_definitions (RdmProject *project,
                                                   const char *name,
                                                   const char *filter_text,
                                                   GPtrArray *new_attributes,
                                                   GError **error);
gboolean rdm_project_remove_segment (RdmProject *project, const char *name, GError **error);
/* RdmSegmentRecord *, by name. */
GPtrArray *rdm_project_list_segments (RdmProject *project, GError **error);
/* The filter text of segment @name; RDM_PROJECT_ERROR_NOT_FOUND otherwise. */
char *rdm_project_get_segment_filter (RdmProject *project, const char *name, GError **error);

/* The facts filters are evaluated against, for the visitors of @store
 * (facts visitor v is store visitor v): their attributes from the project
 * and their behaviour from the store. */
RdmVisitorFacts *rdm_project_load_visitor_facts (RdmProject *project,
                                                 const RdmEventStore *store,
                                                 GCancellable *cancellable,
                                                 GError **error);

/* The visitor mask (bit v % 8 of byte v / 8, as rdm_path_builder_build()
 * takes) of the visitors of @store that segment @name selects. */
guint8 *rdm_project_segment_mask (RdmProject *project,
                                  const RdmEventStore *store,
                                  const char *name,
                                  guint64 *out_n_selected,
                                  GCancellable *cancellable,
                                  GError **error);

/* The same for a filter not saved in the project. */
guint8 *rdm_visitor_facts_mask (const RdmVisitorFacts *facts,
                                const RdmFilter *filter,
                                guint64 *out_n_selected,
                                GError **error);

G_END_DECLS
