/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Removing an import: every row marked with its number, then its line in
 * the import log, in one transaction.
 *
 * What an import brings besides its rows stays. Channels and campaigns are
 * named by segment filters, KPI formulas, initiatives and declared savings,
 * and carry the channel group the user chose, which a later import of the
 * same data should find again; the channel list, the segment editor and the
 * definitions check all read them from the channel table, so removing them
 * would break those definitions. A visitor goes when nothing is left of it:
 * no touchpoint, no conversion and no attribute.
 *
 * Visitor attributes are not marked with an import's number (a later file
 * replaces a visitor's value), so an attributes import, and the demo that
 * writes attributes and business definitions too, cannot be undone row by
 * row and are refused.
 */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "rdm-import.h"
#include "rdm-project-private.h"

/* Every table with "import_id INTEGER REFERENCES import_log (id)". */
static const char *const delete_rows_sql[] = {
  "DELETE FROM touchpoint WHERE import_id = ?1",
  "DELETE FROM conversion WHERE import_id = ?1",
  "DELETE FROM cost WHERE import_id = ?1",
  "DELETE FROM campaign_daily WHERE import_id = ?1",
  "DELETE FROM path_row WHERE import_id = ?1",
  "DELETE FROM series_value WHERE import_id = ?1",
  "DELETE FROM saving WHERE import_id = ?1",
  "DELETE FROM experiment WHERE import_id = ?1",
  "DELETE FROM outcome WHERE import_id = ?1",
  "DELETE FROM shared_cost WHERE import_id = ?1",
  "DELETE FROM warehouse_source WHERE import_id = ?1",
};

gboolean
rdm_import_kind_is_removable (const char *kind)
{
  RdmImportKind value;

  if (!rdm_import_kind_from_string (kind, &value))
    return FALSE;
  return value != RDM_IMPORT_KIND_ATTRIBUTES;
}

static RdmImportRecord *
find_record (RdmProject *project, gint64 import_id, GError **error)
{
  sqlite3_stmt *stmt = rdm_project_prepare (project,
                                            "SELECT file_name, checksum, kind, preset,"
                                            " imported_at, rows, rejects FROM import_log"
                                            " WHERE id = ?1",
                                            error);
  RdmImportRecord *record;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, import_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND,
                   /* Translators: %s is the project file */
                   _ ("There is no import number %" PRId64 " in “%s”"), import_id,
                   rdm_project_get_path (project));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      rdm_project_set_sql_error (project, error, _ ("Reading the import log"));
      return NULL;
    }
  record = g_new0 (RdmImportRecord, 1);
  record->id = import_id;
  record->file_name = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  record->checksum = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  record->kind = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  record->preset = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
  record->imported_at = sqlite3_column_int64 (stmt, 4);
  record->rows = sqlite3_column_int64 (stmt, 5);
  record->rejects = sqlite3_column_int64 (stmt, 6);
  sqlite3_reset (stmt);
  return record;
}

static gboolean
check_removable (const RdmImportRecord *record, GError **error)
{
  if (rdm_import_kind_is_removable (record->kind))
    return TRUE;
  if (g_strcmp0 (record->kind, "attributes") == 0)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _ ("Import %" PRId64 " (“%s”) set visitor attributes, which are kept per visitor "
                    "rather than per import, so it cannot be removed; import a corrected file "
                    "to replace them"),
                 record->id, record->file_name);
  else if (g_strcmp0 (record->kind, "simulation") == 0)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _ ("Import %" PRId64 " is a simulated world: its truth belongs to its own "
                    "conversions, so it cannot be removed; simulate a new project instead"),
                 record->id);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _ ("Import %" PRId64 " (“%s”) also wrote visitor attributes and definitions, "
                    "which are not recorded per import, so it cannot be removed; start a new "
                    "project instead"),
                 record->id, record->file_name);
  return FALSE;
}

static gboolean
step_with_id (RdmProject *project, const char *sql, gint64 import_id, GError **error)
{
  sqlite3_stmt *stmt = rdm_project_prepare (project, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, import_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      rdm_project_set_sql_error (project, error, _ ("Removing an import"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
_rdm_project_remove_import_rows (RdmProject *project, gint64 import_id, GError **error)
{
  /* The visitors to remove are found through the import's own rows, so
   * they go first; the foreign keys are checked at COMMIT, when those rows
   * are gone too. */
  if (!rdm_project_exec (project, "PRAGMA defer_foreign_keys = ON", error)
      || !step_with_id (
          project,
          "DELETE FROM visitor WHERE id IN"
          " (SELECT visitor_id FROM touchpoint WHERE import_id = ?1"
          "  UNION SELECT visitor_id FROM conversion WHERE import_id = ?1)"
          " AND NOT EXISTS (SELECT 1 FROM touchpoint t WHERE t.visitor_id = visitor.id"
          "  AND t.import_id IS NOT ?1)"
          " AND NOT EXISTS (SELECT 1 FROM conversion c"
          "  WHERE c.visitor_id = visitor.id AND c.import_id IS NOT ?1)"
          " AND NOT EXISTS (SELECT 1 FROM visitor_attribute a"
          "  WHERE a.visitor_id = visitor.id)",
          import_id, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (delete_rows_sql); i++)
    if (!step_with_id (project, delete_rows_sql[i], import_id, error))
      return FALSE;
  return step_with_id (project, "DELETE FROM import_log WHERE id = ?1", import_id, error);
}

/**
 * rdm_project_remove_import:
 * @project: the project
 * @import_id: the import's number in the import log
 * @removed: (out) (optional): the import log's line of the removed import
 * @error: an unknown number, an import that cannot be removed, or SQLite's
 *
 * Removes every row of import @import_id, the visitors only it brought
 * and its line in the import log, in one transaction: on any error the
 * project is as it was.
 */
gboolean
rdm_project_remove_import (RdmProject *project,
                           gint64 import_id,
                           RdmImportRecord **removed,
                           GError **error)
{
  g_autoptr (RdmImportRecord) record = NULL;

  g_return_val_if_fail (RDM_IS_PROJECT (project), FALSE);

  if (!rdm_project_begin (project, error))
    return FALSE;
  record = find_record (project, import_id, error);
  if (record == NULL || !check_removable (record, error)
      || !_rdm_project_remove_import_rows (project, import_id, error)
      || !rdm_project_commit (project, error))
    {
      rdm_project_rollback (project);
      return FALSE;
    }
  if (removed != NULL)
    *removed = g_steal_pointer (&record);
  return TRUE;
}
