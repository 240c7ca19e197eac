/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading the tables of the Data section: row counts, pages of rows and
 * the ordered, filtered lists of rowids that the section's model pages
 * through (see app/rdm-table-model.c).
 *
 * Pages are found by keys, never by OFFSET (which scans every row before
 * the page): either a rowid range, or a list of rowids bound as one JSON
 * array. Sorting or searching tens of millions of rows takes SQLite
 * seconds, so rdm_table_query_search() runs on a connection of its own,
 * in a worker, and a progress handler lets a cancelled search stop inside
 * SQLite's sort.
 *
 * Sort columns and search conditions come from the static tables below;
 * the search text only ever reaches SQLite as a bound LIKE pattern.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rdm-project-private.h"
#include "rdm-table-query.h"

typedef struct
{
  const char *title; /* N_() */
  const char *expression;
  RdmCellFormat format;
} ColumnSpec;

typedef struct
{
  const char *table; /* the base table, aliased "t" in from */
  const char *from;
  const char *search; /* a condition on the LIKE pattern ?1 */
  const ColumnSpec *columns;
  guint n_columns;
} TableSpec;

static const ColumnSpec touchpoint_columns[] = {
  { N_ ("Visitor"), "v.external_id", RDM_CELL_TEXT },
  { N_ ("Time"), "t.time", RDM_CELL_TIME },
  { N_ ("Channel"), "ch.name", RDM_CELL_TEXT },
  { N_ ("Campaign"), "ifnull(ca.name, '')", RDM_CELL_TEXT },
  { N_ ("Interaction"), "t.interaction", RDM_CELL_INTERACTION },
  { N_ ("Page Views"), "t.page_views", RDM_CELL_COUNT },
};

static const ColumnSpec conversion_columns[] = {
  { N_ ("Visitor"), "v.external_id", RDM_CELL_TEXT },
  { N_ ("Time"), "t.time", RDM_CELL_TIME },
  { N_ ("Event"), "t.event", RDM_CELL_TEXT },
  { N_ ("Value"), "t.value", RDM_CELL_AMOUNT },
};

static const ColumnSpec cost_columns[] = {
  { N_ ("Day"), "t.day", RDM_CELL_DAY },
  { N_ ("Channel"), "ch.name", RDM_CELL_TEXT },
  { N_ ("Campaign"), "ifnull(ca.name, '')", RDM_CELL_TEXT },
  { N_ ("Category"), "t.category", RDM_CELL_CATEGORY },
  { N_ ("Amount"), "t.amount", RDM_CELL_AMOUNT },
};

static const ColumnSpec campaign_columns[] = {
  { N_ ("Campaign"), "t.name", RDM_CELL_TEXT },
  { N_ ("Channel"), "ch.name", RDM_CELL_TEXT },
  { N_ ("Channel Group"), "ch.channel_group", RDM_CELL_CHANNEL_GROUP },
  { N_ ("Start"), "t.start_day", RDM_CELL_DAY },
  { N_ ("End"), "t.end_day", RDM_CELL_DAY },
};

G_STATIC_ASSERT (G_N_ELEMENTS (touchpoint_columns) <= RDM_TABLE_MAX_COLUMNS);
G_STATIC_ASSERT (G_N_ELEMENTS (conversion_columns) <= RDM_TABLE_MAX_COLUMNS);
G_STATIC_ASSERT (G_N_ELEMENTS (cost_columns) <= RDM_TABLE_MAX_COLUMNS);
G_STATIC_ASSERT (G_N_ELEMENTS (campaign_columns) <= RDM_TABLE_MAX_COLUMNS);

static const TableSpec table_specs[] = {
  [RDM_TABLE_TOUCHPOINTS]
  = { "touchpoint",
      "touchpoint t JOIN visitor v ON v.id = t.visitor_id"
      " JOIN channel ch ON ch.id = t.channel_id LEFT JOIN campaign ca ON ca.id = t.campaign_id",
      "v.external_id LIKE ?1 ESCAPE '\\' OR ch.name LIKE ?1 ESCAPE '\\'"
      " OR ca.name LIKE ?1 ESCAPE '\\'",
      touchpoint_columns, G_N_ELEMENTS (touchpoint_columns) },
  [RDM_TABLE_CONVERSIONS] = { "conversion", "conversion t JOIN visitor v ON v.id = t.visitor_id",
                              "v.external_id LIKE ?1 ESCAPE '\\' OR t.event LIKE ?1 ESCAPE '\\'",
                              conversion_columns, G_N_ELEMENTS (conversion_columns) },
  [RDM_TABLE_COSTS] = { "cost",
                        "cost t JOIN channel ch ON ch.id = t.channel_id LEFT JOIN campaign ca ON "
                        "ca.id = t.campaign_id",
                        "ch.name LIKE ?1 ESCAPE '\\' OR ca.name LIKE ?1 ESCAPE '\\' OR t.category "
                        "LIKE ?1 ESCAPE '\\'",
                        cost_columns, G_N_ELEMENTS (cost_columns) },
  [RDM_TABLE_CAMPAIGNS] = { "campaign", "campaign t JOIN channel ch ON ch.id = t.channel_id",
                            "t.name LIKE ?1 ESCAPE '\\' OR ch.name LIKE ?1 ESCAPE '\\'",
                            campaign_columns, G_N_ELEMENTS (campaign_columns) },
};

static const TableSpec *
get_spec (RdmTableKind kind)
{
  g_return_val_if_fail ((guint)kind < G_N_ELEMENTS (table_specs), &table_specs[0]);
  return &table_specs[kind];
}

guint
rdm_table_kind_get_n_columns (RdmTableKind kind)
{
  return get_spec (kind)->n_columns;
}

const char *
rdm_table_kind_get_column_title (RdmTableKind kind, guint column)
{
  const TableSpec *spec = get_spec (kind);

  g_return_val_if_fail (column < spec->n_columns, NULL);
  return _ (spec->columns[column].title);
}

RdmCellFormat
rdm_table_kind_get_column_format (RdmTableKind kind, guint column)
{
  const TableSpec *spec = get_spec (kind);

  g_return_val_if_fail (column < spec->n_columns, RDM_CELL_TEXT);
  return spec->columns[column].format;
}

static gboolean
set_sql_error (RdmProject *project, GError **error)
{
  return rdm_project_set_sql_error (project, error, _ ("Reading a table"));
}

gboolean
rdm_table_query_count (RdmProject *project,
                       RdmTableKind kind,
                       gint64 *count,
                       gint64 *first_id,
                       gint64 *last_id,
                       GError **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RDM_IS_PROJECT (project), FALSE);

  sql = g_strdup_printf ("SELECT count(*), ifnull(min(id), 0), ifnull(max(id), 0) FROM %s",
                         get_spec (kind)->table);
  stmt = rdm_project_prepare (project, sql, error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_sql_error (project, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  *count = sqlite3_column_int64 (stmt, 0);
  *first_id = sqlite3_column_int64 (stmt, 1);
  *last_id = sqlite3_column_int64 (stmt, 2);
  sqlite3_reset (stmt);
  return TRUE;
}

static void
record_clear (gpointer data)
{
  RdmTableRecord *record = data;

  for (guint i = 0; i < RDM_TABLE_MAX_COLUMNS; i++)
    g_free (record->cells[i].text);
}

GArray *
rdm_table_records_new (void)
{
  GArray *records = g_array_new (FALSE, TRUE, sizeof (RdmTableRecord));

  g_array_set_clear_func (records, record_clear);
  return records;
}

static char *
select_list (const TableSpec *spec)
{
  GString *list = g_string_new ("t.id");

  for (guint i = 0; i < spec->n_columns; i++)
    g_string_append_printf (list, ", %s", spec->columns[i].expression);
  return g_string_free (list, FALSE);
}

/* Steps the bound @stmt, whose columns are the rowid then those of @spec,
 * appending its rows to @records, and resets it. */
static gboolean
read_records (
    RdmProject *project, const TableSpec *spec, sqlite3_stmt *stmt, GArray *records, GError **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdmTableRecord record = { .id = sqlite3_column_int64 (stmt, 0) };

      for (guint c = 0; c < spec->n_columns; c++)
        {
          RdmTableCell *cell = &record.cells[c];
          int index = (int)c + 1;

          cell->is_null = sqlite3_column_type (stmt, index) == SQLITE_NULL;
          if (cell->is_null)
            continue;
          switch (spec->columns[c].format)
            {
            case RDM_CELL_COUNT:
            case RDM_CELL_TIME:
            case RDM_CELL_DAY:
            case RDM_CELL_INTERACTION:
              cell->integer = sqlite3_column_int64 (stmt, index);
              break;
            case RDM_CELL_AMOUNT:
              cell->amount = sqlite3_column_double (stmt, index);
              break;
            case RDM_CELL_TEXT:
            case RDM_CELL_CATEGORY:
            case RDM_CELL_CHANNEL_GROUP:
            default:
              cell->text = g_strdup ((const char *)sqlite3_column_text (stmt, index));
              break;
            }
        }
      g_array_append_val (records, record);
    }
  if (rc != SQLITE_DONE)
    set_sql_error (project, error);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return rc == SQLITE_DONE;
}

gboolean
rdm_table_query_read_range (RdmProject *project,
                            RdmTableKind kind,
                            gint64 first_id,
                            gint64 last_id,
                            GArray *records,
                            GError **error)
{
  const TableSpec *spec = get_spec (kind);
  g_autofree char *columns = select_list (spec);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RDM_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);

  sql = g_strdup_printf ("SELECT %s FROM %s WHERE t.id BETWEEN ?1 AND ?2 ORDER BY t.id", columns,
                         spec->from);
  stmt = rdm_project_prepare (project, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, first_id);
  sqlite3_bind_int64 (stmt, 2, last_id);
  return read_records (project, spec, stmt, records, error);
}

gboolean
rdm_table_query_read_ids (RdmProject *project,
                          RdmTableKind kind,
                          const gint64 *ids,
                          guint n_ids,
                          GArray *records,
                          GError **error)
{
  const TableSpec *spec = get_spec (kind);
  g_autofree char *columns = select_list (spec);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  GString *json;

  g_return_val_if_fail (RDM_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);
  g_return_val_if_fail (records != NULL, FALSE);

  /* json_each() turns the rowids, bound as one JSON array, into a table;
   * its key is the position in the array */
  sql = g_strdup_printf ("SELECT %s FROM json_each (?1) k CROSS JOIN %s"
                         " WHERE t.id = k.value ORDER BY k.key",
                         columns, spec->from);
  stmt = rdm_project_prepare (project, sql, error);
  if (stmt == NULL)
    return FALSE;
  json = g_string_new ("[");
  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (json, ']');
  sqlite3_bind_text (stmt, 1, g_string_free (json, FALSE), -1, g_free);
  return read_records (project, spec, stmt, records, error);
}

static char *
like_pattern (const char *text)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

/* Lets a cancelled query stop inside SQLite's sort, before any row. */
static int
progress_cb (void *cancellable)
{
  return g_cancellable_is_cancelled (cancellable);
}

GArray *
rdm_table_query_search (const char *path,
                        RdmTableKind kind,
                        const char *text,
                        int sort_column,
                        gboolean descending,
                        GCancellable *cancellable,
                        GError **error)
{
  const TableSpec *spec = get_spec (kind);
  const char *direction = descending ? "DESC" : "ASC";
  gboolean filtered = text != NULL && *text != '\0';
  g_autoptr (GArray) ids = NULL;
  g_autofree char *order = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *pattern = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (sort_column >= -1 && sort_column < (int)spec->n_columns, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  db = _rdm_project_open_reader (path, error);
  if (db == NULL)
    return NULL;
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 10000, progress_cb, cancellable);

  if (sort_column >= 0)
    order = g_strdup_printf ("%s %s, t.id %s", spec->columns[sort_column].expression, direction,
                             direction);
  else
    order = g_strdup_printf ("t.id %s", direction);
  sql = g_strdup_printf ("SELECT t.id FROM %s WHERE %s ORDER BY %s", spec->from,
                         filtered ? spec->search : "1", order);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      if (filtered)
        {
          pattern = like_pattern (text);
          sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_STATIC);
        }
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    g_clear_pointer (&ids, g_array_unref);
  else if (rc != SQLITE_OK)
    {
      if (!_rdm_project_set_file_error (error, path, sqlite3_extended_errcode (db),
                                        sqlite3_system_errno (db)))
        g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_SQL,
                     _ ("Reading a table failed in “%s”: %s"), path, sqlite3_errmsg (db));
      g_clear_pointer (&ids, g_array_unref);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_steal_pointer (&ids);
}
