/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-project.h"

G_BEGIN_DECLS

/* Dated events of a project (SPEC.md, "Top-down measurement"): what
 * happened on some days and may have moved the numbers — an e-reputation
 * incident, a launch, press coverage, a promotion. Not to be confused with
 * the conversion events of the event log ("purchase"): these are marks on
 * the calendar, named by a label unique in the project. */
typedef struct
{
  gint64 id;
  gint64 start_day; /* epoch second of 00:00 UTC */
  gint64 end_day;   /* the same, the last day of the event, >= start_day */
  char *label;
  char *kind; /* one of rdm_dated_event_kinds() */
} RdmDatedEvent;

void rdm_dated_event_free (RdmDatedEvent *event);

/* Day @day (epoch seconds) as YYYY-MM-DD, UTC, for messages. */
char *rdm_day_to_iso (gint64 day);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmDatedEvent, rdm_dated_event_free)

/* The kinds an event may have, NULL-terminated: "incident", "launch",
 * "press", "promotion", "other" (the default). */
const char *const *rdm_dated_event_kinds (void);
gboolean rdm_dated_event_kind_is_valid (const char *kind);

/* Adds an event from @start_day to @end_day (epoch seconds, each taken to
 * its day; @end_day inclusive). @kind NULL is "other". Refuses, with
 * G_IO_ERROR_INVALID_ARGUMENT and nothing changed: an empty or blank
 * label, a label over 200 bytes or not UTF-8, an unknown kind, a day
 * outside the project's dates, an end before the start; with
 * G_IO_ERROR_EXISTS a label already used. */
gboolean rdm_project_add_event (RdmProject *project,
                                gint64 start_day,
                                gint64 end_day,
                                const char *label,
                                const char *kind,
                                GError **error);
/* RDM_PROJECT_ERROR_NOT_FOUND when no event has @label. */
gboolean rdm_project_remove_event (RdmProject *project, const char *label, GError **error);
/* RdmDatedEvent *, by start day, then end day, then label. */
GPtrArray *rdm_project_list_events (RdmProject *project, GError **error);
/* The event labelled @label; NULL with RDM_PROJECT_ERROR_NOT_FOUND when
 * there is none. */
RdmDatedEvent *rdm_project_find_event (RdmProject *project, const char *label, GError **error);

G_END_DECLS
