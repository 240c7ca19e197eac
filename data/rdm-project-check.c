/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The content check a project file passes before it is used.
 *
 * The schema check proves the tables are ours; it says nothing of what is
 * in them. A file a stranger sends can hold what no import ever writes: a
 * time in year 9999 (signed overflows in the engine), a 50 MB channel name
 * (minutes of work and gigabytes in every table that shows it), bytes that
 * are not UTF-8 (invalid JSON, PLplot refusing the string), text in an
 * integer column, NULL where the schema says NOT NULL (constraints hold
 * for writes, not for a file edited byte by byte), or an infinite amount.
 * Every column of every table is therefore checked once, at open, against
 * the rules the importer applies to the same values; the rules come from
 * each column's declared type, so a column a migration adds is checked
 * without changing this file.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rdm-project-private.h"

/* Columns holding times or days, in epoch seconds. */
static gboolean
is_time_column (const char *name)
{
  return g_str_equal (name, "time") || g_str_equal (name, "day") || g_str_has_suffix (name, "_day")
         || g_str_equal (name, "imported_at");
}

static void
valid_text_function (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  sqlite3_value *value = argv[0];
  const char *text;
  int bytes;

  g_assert (argc == 1);
  if (sqlite3_value_type (value) != SQLITE_TEXT)
    {
      sqlite3_result_int (context, 0);
      return;
    }
  bytes = sqlite3_value_bytes (value);
  if (bytes > RDM_PROJECT_MAX_TEXT)
    {
      sqlite3_result_int (context, 0);
      return;
    }
  text = (const char *)sqlite3_value_text (value);
  /* g_utf8_validate_len() also refuses a NUL inside the text */
  sqlite3_result_int (context, text != NULL && g_utf8_validate_len (text, (gsize)bytes, NULL));
}

/* An SQL expression that is true when a value of @column cannot be used,
 * or NULL for a column that needs no check: an id or a count that is not
 * an integer reads as 0 or is truncated, and the loaders report an id that
 * matches nothing. The expressions are kept cheap (one comparison for the
 * time of each touchpoint) since they run on every row at every open. */
static char *
column_fault (const char *column, const char *type, gboolean not_null)
{
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", column);
  g_autofree char *fault = NULL;

  /* text compares above every number, so text fails BETWEEN too */
  if (g_ascii_strcasecmp (type, "INTEGER") == 0 && is_time_column (column))
    fault = g_strdup_printf ("%s NOT BETWEEN %" G_GINT64_FORMAT " AND %" G_GINT64_FORMAT, quoted,
                             RDM_PROJECT_EARLIEST_TIME, RDM_PROJECT_LATEST_TIME);
  /* NaN is stored as NULL; an infinity fails the comparison; abs() of text
   * or a blob is 0, hence the type */
  else if (g_ascii_strcasecmp (type, "REAL") == 0)
    fault = g_strdup_printf ("(typeof(%s) NOT IN ('integer', 'real') OR NOT abs(%s) < %g)", quoted,
                             quoted, RDM_PROJECT_AMOUNT_LIMIT);
  else if (g_ascii_strcasecmp (type, "TEXT") == 0)
    fault = g_strdup_printf ("NOT rdm_valid_text(%s)", quoted);
  else
    return NULL;

  if (not_null)
    return g_strdup_printf ("(%s IS NULL OR %s)", quoted, fault);
  return g_strdup_printf ("(%s IS NOT NULL AND %s)", quoted, fault);
}

static const char *
column_expectation (const char *column, const char *type)
{
  if (g_ascii_strcasecmp (type, "INTEGER") == 0 && is_time_column (column))
    return _ ("a date from 1970-01-01 to 2199-12-31");
  if (g_ascii_strcasecmp (type, "REAL") == 0)
    return _ ("a number with at most 15 digits before the decimal point");
  return _ ("UTF-8 text of at most 1 MiB");
}

static gboolean
set_sql_error (sqlite3 *db, const char *path, GError **error)
{
  if (_rdm_project_set_file_error (error, path, sqlite3_extended_errcode (db),
                                   sqlite3_system_errno (db)))
    return FALSE;
  g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_SQL, _ ("Cannot check “%s”: %s"), path,
               sqlite3_errmsg (db));
  return FALSE;
}

/* Finds the first value of @table that breaks its column's rule. */
static gboolean
check_table (sqlite3 *db, const char *path, const char *table, gboolean has_rowid, GError **error)
{
  g_autoptr (GString) sql = g_string_new ("SELECT ");
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) any = g_string_new ("");
  char *info_sql
      = sqlite3_mprintf ("SELECT name, type, \"notnull\" FROM pragma_table_info(%Q)", table);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, info_sql, -1, &stmt, NULL);
  sqlite3_free (info_sql);
  if (rc != SQLITE_OK)
    return set_sql_error (db, path, error);
  g_string_append (sql, has_rowid ? "rowid" : "NULL");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *)sqlite3_column_text (stmt, 0);
      const char *type = (const char *)sqlite3_column_text (stmt, 1);
      g_autofree char *fault = column_fault (name, type, sqlite3_column_int (stmt, 2) != 0);

      if (fault == NULL)
        continue;
      g_string_append_printf (sql, ", coalesce(%s, 0)", fault);
      g_string_append_printf (any, "%s%s", any->len > 0 ? " OR " : "", fault);
      g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_add (types, g_strdup (type));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return set_sql_error (db, path, error);
  if (names->len == 0)
    return TRUE;

  g_string_append_printf (sql, " FROM \"%s\" WHERE %s LIMIT 1", table, any->str);
  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return set_sql_error (db, path, error);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      guint bad = 0;

      while (bad + 1 < names->len && sqlite3_column_int (stmt, (int)bad + 1) == 0)
        bad++;
      if (has_rowid)
        g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_CORRUPT,
                     _ ("“%s” holds a value Rendement cannot use (table %s, row %lld, column %s: "
                        "expected %s); the file was damaged or altered, so it was not opened"),
                     path, table, (long long)sqlite3_column_int64 (stmt, 0),
                     (const char *)names->pdata[bad],
                     column_expectation (names->pdata[bad], types->pdata[bad]));
      else
        g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_CORRUPT,
                     _ ("“%s” holds a value Rendement cannot use (table %s, column %s: expected "
                        "%s); the file was damaged or altered, so it was not opened"),
                     path, table, (const char *)names->pdata[bad],
                     column_expectation (names->pdata[bad], types->pdata[bad]));
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return set_sql_error (db, path, error);
  return TRUE;
}

gboolean
_rdm_project_check_content (sqlite3 *db, const char *path, GError **error)
{
  g_autoptr (GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gboolean));
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* DIRECTONLY: the function exists for this check, never for SQL stored
   * in the file (which the schema check has vetted anyway) */
  if (sqlite3_create_function (db, "rdm_valid_text", 1,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL,
                               valid_text_function, NULL, NULL)
      != SQLITE_OK)
    return set_sql_error (db, path, error);
  if (sqlite3_prepare_v2 (db,
                          "SELECT name, NOT wr FROM pragma_table_list"
                          " WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite^_%'"
                          " ESCAPE '^' ORDER BY name",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    return set_sql_error (db, path, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean has_rowid = sqlite3_column_int (stmt, 1) != 0;

      g_ptr_array_add (tables, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
      g_array_append_val (rowids, has_rowid);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return set_sql_error (db, path, error);
  for (guint i = 0; i < tables->len; i++)
    if (!check_table (db, path, tables->pdata[i], g_array_index (rowids, gboolean, i), error))
      return FALSE;
  return TRUE;
}
