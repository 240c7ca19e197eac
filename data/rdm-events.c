/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Dated events in the project file (table event, migration 8). Labels are
 * bound as parameters, never pasted into SQL.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "rdm-csv.h"
#include "rdm-events.h"
#include "rdm-project-db.h"

/* The longest label, in bytes: a name on a chart, not a description. */
#define MAX_LABEL_BYTES 200

static const char *const event_kinds[]
    = { "incident", "launch", "press", "promotion", "other", NULL };

void
rdm_dated_event_free (RdmDatedEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->label);
  g_free (event->kind);
  g_free (event);
}

const char *const *
rdm_dated_event_kinds (void)
{
  return event_kinds;
}

gboolean
rdm_dated_event_kind_is_valid (const char *kind)
{
  return kind != NULL && g_strv_contains (event_kinds, kind);
}

static gboolean
check_label (const char *label, GError **error)
{
  g_autofree char *stripped = NULL;

  if (label != NULL && g_utf8_validate (label, -1, NULL) && strlen (label) <= MAX_LABEL_BYTES)
    stripped = g_strstrip (g_strdup (label));
  if (stripped == NULL || *stripped == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("An event’s label must be non-empty UTF-8 text of at most %d bytes"),
                   MAX_LABEL_BYTES);
      return FALSE;
    }
  return TRUE;
}

char *
rdm_day_to_iso (gint64 day)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_unix_utc (day);

  return time != NULL ? g_date_time_format (time, "%Y-%m-%d") : g_strdup ("?");
}

gboolean
rdm_project_add_event (RdmProject *project,
                       gint64 start_day,
                       gint64 end_day,
                       const char *label,
                       const char *kind,
                       GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RDM_IS_PROJECT (project), FALSE);

  if (!check_label (label, error))
    return FALSE;
  if (kind == NULL)
    kind = "other";
  if (!rdm_dated_event_kind_is_valid (kind))
    {
      g_autofree char *kinds = g_strjoinv (", ", (char **)event_kinds);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("Unknown event kind “%s”: expected one of %s"), kind, kinds);
      return FALSE;
    }
  if (!rdm_project_time_is_valid (start_day) || !rdm_project_time_is_valid (end_day))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _ ("An event’s dates must be from 1970-01-01 to 2199-12-31"));
      return FALSE;
    }
  start_day = rdm_csv_day_of (start_day);
  end_day = rdm_csv_day_of (end_day);
  if (end_day < start_day)
    {
      g_autofree char *start_text = rdm_day_to_iso (start_day);
      g_autofree char *end_text = rdm_day_to_iso (end_day);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("Event “%s” would end (%s) before it starts (%s)"), label, end_text,
                   start_text);
      return FALSE;
    }

  stmt = rdm_project_prepare (
      project, "INSERT INTO event (start_day, end_day, label, kind) VALUES (?1, ?2, ?3, ?4)",
      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, start_day);
  sqlite3_bind_int64 (stmt, 2, end_day);
  sqlite3_bind_text (stmt, 3, label, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, kind, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_DONE)
    return TRUE;
  if (sqlite3_extended_errcode (rdm_project_get_db (project)) == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _ ("An event labelled “%s” already exists"), label);
      return FALSE;
    }
  return rdm_project_set_sql_error (project, error, _ ("Saving an event"));
}

static gboolean
set_not_found (const char *label, GError **error)
{
  g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND,
               _ ("No event is labelled “%s”: “rendement-cli event list” shows them"), label);
  return FALSE;
}

gboolean
rdm_project_remove_event (RdmProject *project, const char *label, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RDM_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  stmt = rdm_project_prepare (project, "DELETE FROM event WHERE label = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, label, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Removing an event"));
  if (sqlite3_changes (rdm_project_get_db (project)) == 0)
    return set_not_found (label, error);
  return TRUE;
}

static RdmDatedEvent *
read_event (sqlite3_stmt *stmt)
{
  RdmDatedEvent *event = g_new0 (RdmDatedEvent, 1);

  event->id = sqlite3_column_int64 (stmt, 0);
  event->start_day = sqlite3_column_int64 (stmt, 1);
  event->end_day = sqlite3_column_int64 (stmt, 2);
  event->label = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
  event->kind = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
  return event;
}

GPtrArray *
rdm_project_list_events (RdmProject *project, GError **error)
{
  g_autoptr (GPtrArray) events
      = g_ptr_array_new_with_free_func ((GDestroyNotify)rdm_dated_event_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RDM_IS_PROJECT (project), NULL);

  stmt = rdm_project_prepare (project,
                              "SELECT id, start_day, end_day, label, kind FROM event"
                              " ORDER BY start_day, end_day, label",
                              error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (events, read_event (stmt));
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Reading events")), NULL;
  return g_steal_pointer (&events);
}

RdmDatedEvent *
rdm_project_find_event (RdmProject *project, const char *label, GError **error)
{
  sqlite3_stmt *stmt;
  RdmDatedEvent *event;
  int rc;

  g_return_val_if_fail (RDM_IS_PROJECT (project), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  stmt = rdm_project_prepare (
      project, "SELECT id, start_day, end_day, label, kind FROM event WHERE label = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, label, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      set_not_found (label, error);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    return rdm_project_set_sql_error (project, error, _ ("Reading events")), NULL;
  event = read_event (stmt);
  sqlite3_reset (stmt);
  return event;
}
