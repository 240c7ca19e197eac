/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Segments in the project file, and the bridge from the project to the
 * filter evaluator: a filter text is parsed by rdm-filter.c, never handed
 * to SQLite; the queries here only bind names as parameters.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rdm-project-db.h"
#include "rdm-segments.h"

/* Keys with more distinct values than this (identifiers, free text) are not
 * given a closed list of values, so any value may be written for them. */
#define MAX_SUGGESTED_VALUES 500

void
rdm_segment_record_free (RdmSegmentRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->name);
  g_free (record->filter);
  g_free (record);
}

RdmFilterSchema *
rdm_project_filter_schema (RdmProject *project, GError **error)
{
  g_autoptr (RdmFilterSchema) schema = rdm_filter_schema_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = rdm_project_prepare (project,
                              "SELECT key, COUNT(DISTINCT value) FROM visitor_attribute"
                              " GROUP BY key ORDER BY key",
                              error);
  if (stmt == NULL)
    return NULL;
  {
    g_autoptr (GPtrArray) closed_keys = g_ptr_array_new_with_free_func (g_free);

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        const char *key = (const char *)sqlite3_column_text (stmt, 0);

        rdm_filter_schema_add_attribute (schema, key);
        if (sqlite3_column_int64 (stmt, 1) <= MAX_SUGGESTED_VALUES)
          g_ptr_array_add (closed_keys, g_strdup (key));
      }
    if (rc != SQLITE_DONE)
      return rdm_project_set_sql_error (project, error, _ ("Reading visitor attributes")), NULL;

    for (guint i = 0; i < closed_keys->len; i++)
      {
        const char *key = g_ptr_array_index (closed_keys, i);

        stmt = rdm_project_prepare (project,
                                    "SELECT DISTINCT value FROM visitor_attribute WHERE key = ?1"
                                    " ORDER BY value",
                                    error);
        if (stmt == NULL)
          return NULL;
        sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
        while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
          rdm_filter_schema_add_attribute_value (schema, key,
                                                 (const char *)sqlite3_column_text (stmt, 0));
        if (rc != SQLITE_DONE)
          return rdm_project_set_sql_error (project, error, _ ("Reading visitor attributes")), NULL;
      }
  }

  stmt = rdm_project_prepare (project, "SELECT name FROM channel ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    rdm_filter_schema_add_channel (schema, (const char *)sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Reading channels")), NULL;

  return g_steal_pointer (&schema);
}

static gboolean
check_segment_name (const char *name, GError **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));

  if (*stripped == '\0' || !g_utf8_validate (name, -1, NULL) || strlen (name) > 200)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _ ("A segment name must be non-empty UTF-8 text of at most 200 bytes"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
add_segment (RdmProject *project,
             const char *name,
             const char *filter_text,
             gboolean replace,
             RdmFilterSchema *schema,
             GError **error)
{
  g_autoptr (RdmFilter) filter = NULL;
  g_autofree char *canonical = NULL;
  sqlite3_stmt *stmt;

  filter = rdm_filter_parse (filter_text, schema, error);
  if (filter == NULL)
    {
      g_prefix_error (error, _ ("Segment “%s”: "), name);
      return FALSE;
    }
  canonical = rdm_filter_to_string (filter);

  stmt = rdm_project_prepare (project,
                              replace ? "INSERT INTO segment (name, filter) VALUES (?1, ?2)"
                                        " ON CONFLICT (name) DO UPDATE SET filter = excluded.filter"
                                      : "INSERT INTO segment (name, filter) VALUES (?1, ?2)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, canonical, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (rdm_project_get_db (project)) == SQLITE_CONSTRAINT_UNIQUE)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _ ("A segment named “%s” already exists"), name);
          return FALSE;
        }
      return rdm_project_set_sql_error (project, error, _ ("Saving a segment"));
    }
  return TRUE;
}

gboolean
rdm_project_add_segment (RdmProject *project,
                         const char *name,
                         const char *filter_text,
                         gboolean replace,
                         GError **error)
{
  g_autoptr (RdmFilterSchema) schema = NULL;

  if (!check_segment_name (name, error))
    return FALSE;
  schema = rdm_project_filter_schema (project, error);
  return schema != NULL && add_segment (project, name, filter_text, replace, schema, error);
}

/* The attributes a known key would reject are still checked; those no
 * visitor has at all are accepted (they come with another import). */
gboolean
_rdm_project_add_segment_for_definitions (RdmProject *project,
                                          const char *name,
                                          const char *filter_text,
                                          GPtrArray *new_attributes,
                                          GError **error)
{
  g_autoptr (RdmFilterSchema) schema = NULL;
  g_autoptr (RdmFilter) unchecked = NULL;
  g_auto (GStrv) keys = NULL;
  sqlite3_stmt *stmt;

  if (!check_segment_name (name, error))
    return FALSE;
  schema = rdm_project_filter_schema (project, error);
  if (schema == NULL)
    return FALSE;
  /* a filter that does not parse at all is reported by add_segment() */
  unchecked = rdm_filter_parse (filter_text, NULL, NULL);
  keys = unchecked != NULL ? rdm_filter_get_attributes (unchecked) : NULL;
  stmt = rdm_project_prepare (
      project, "SELECT EXISTS (SELECT 1 FROM visitor_attribute WHERE key = ?1)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      gboolean known;

      sqlite3_bind_text (stmt, 1, keys[i], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          return rdm_project_set_sql_error (project, error, _ ("Reading visitor attributes"));
        }
      known = sqlite3_column_int (stmt, 0) != 0;
      sqlite3_reset (stmt);
      if (known)
        continue;
      rdm_filter_schema_add_attribute (schema, keys[i]);
      if (!g_ptr_array_find_with_equal_func (new_attributes, keys[i], g_str_equal, NULL))
        g_ptr_array_add (new_attributes, g_strdup (keys[i]));
    }
  return add_segment (project, name, filter_text, FALSE, schema, error);
}

gboolean
rdm_project_remove_segment (RdmProject *project, const char *name, GError **error)
{
  sqlite3_stmt *stmt = rdm_project_prepare (project, "DELETE FROM segment WHERE name = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Removing a segment"));
  if (sqlite3_changes (rdm_project_get_db (project)) == 0)
    {
      g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND,
                   _ ("No segment is named “%s”"), name);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
rdm_project_list_segments (RdmProject *project, GError **error)
{
  g_autoptr (GPtrArray) records
      = g_ptr_array_new_with_free_func ((GDestroyNotify)rdm_segment_record_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = rdm_project_prepare (project, "SELECT name, filter FROM segment ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdmSegmentRecord *record = g_new0 (RdmSegmentRecord, 1);

      record->name = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      record->filter = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      g_ptr_array_add (records, record);
    }
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Reading segments")), NULL;
  return g_steal_pointer (&records);
}

char *
rdm_project_get_segment_filter (RdmProject *project, const char *name, GError **error)
{
  sqlite3_stmt *stmt
      = rdm_project_prepare (project, "SELECT filter FROM segment WHERE name = ?1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Reading segments")), NULL;
  g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND,
               _ ("No segment is named “%s”"), name);
  return NULL;
}

RdmVisitorFacts *
rdm_project_load_visitor_facts (RdmProject *project,
                                const RdmEventStore *store,
                                GCancellable *cancellable,
                                GError **error)
{
  g_autoptr (RdmVisitorFacts) facts = rdm_visitor_facts_new ();
  g_autoptr (GHashTable) index_of_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree guint32 *facts_channel = g_new (guint32, MAX (store->channel_names->len, 1));
  sqlite3_stmt *stmt;
  int rc;

  for (guint c = 0; c < store->channel_names->len; c++)
    facts_channel[c]
        = rdm_visitor_facts_intern_channel (facts, g_ptr_array_index (store->channel_names, c));

  for (guint32 v = 0; v < store->n_visitors; v++)
    {
      guint32 visitor = rdm_visitor_facts_add_visitor (facts);

      g_hash_table_insert (index_of_id, &store->visitor_id[v], GUINT_TO_POINTER (visitor + 1));
      for (guint32 t = store->visitor_touch_start[v]; t < store->visitor_touch_start[v + 1]; t++)
        rdm_visitor_facts_add_touch (facts, visitor, facts_channel[store->touch_channel[t]],
                                     store->touch_interaction[t]);
      for (guint32 k = store->visitor_conversion_start[v];
           k < store->visitor_conversion_start[v + 1]; k++)
        rdm_visitor_facts_add_conversion (facts, visitor, store->conversion_value[k]);
    }

  /* Channels and keys that no loaded visitor has are known all the same,
   * so that a filter naming them selects nobody instead of failing. */
  stmt = rdm_project_prepare (project, "SELECT name FROM channel", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    rdm_visitor_facts_intern_channel (facts, (const char *)sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Reading channels")), NULL;

  stmt = rdm_project_prepare (project, "SELECT DISTINCT key FROM visitor_attribute", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    rdm_visitor_facts_intern_attribute (facts, (const char *)sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Reading visitor attributes")), NULL;

  stmt = rdm_project_prepare (project, "SELECT visitor_id, key, value FROM visitor_attribute",
                              error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gpointer found = g_hash_table_lookup (index_of_id, &id);

      if (found == NULL)
        continue; /* a visitor with attributes but no touch or conversion */
      rdm_visitor_facts_set_attribute (facts, GPOINTER_TO_UINT (found) - 1,
                                       (const char *)sqlite3_column_text (stmt, 1),
                                       (const char *)sqlite3_column_text (stmt, 2));
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Reading visitor attributes")), NULL;

  return g_steal_pointer (&facts);
}

guint8 *
rdm_visitor_facts_mask (const RdmVisitorFacts *facts,
                        const RdmFilter *filter,
                        guint64 *out_n_selected,
                        GError **error)
{
  g_autofree guint64 *bitmap = rdm_bitmap_new (facts->n_visitors);
  guint8 *mask;

  if (!rdm_filter_evaluate (filter, facts, bitmap, error))
    return NULL;
  /* The builder's masks are bytes, the evaluator's 64-bit words: copy bit
   * by bit rather than rely on the machine's byte order. */
  mask = g_new0 (guint8, (facts->n_visitors + 7) / 8 + 1);
  for (guint32 v = 0; v < facts->n_visitors; v++)
    if (rdm_bitmap_get (bitmap, v))
      mask[v >> 3] |= (guint8)(1u << (v & 7));
  if (out_n_selected != NULL)
    *out_n_selected = rdm_bitmap_count (bitmap, facts->n_visitors);
  return mask;
}

guint8 *
rdm_project_segment_mask (RdmProject *project,
                          const RdmEventStore *store,
                          const char *name,
                          guint64 *out_n_selected,
                          GCancellable *cancellable,
                          GError **error)
{
  g_autofree char *text = rdm_project_get_segment_filter (project, name, error);
  g_autoptr (RdmVisitorFacts) facts = NULL;
  g_autoptr (RdmFilter) filter = NULL;

  if (text == NULL)
    return NULL;
  facts = rdm_project_load_visitor_facts (project, store, cancellable, error);
  if (facts == NULL)
    return NULL;
  /* Parsed without a closed list of values: a saved segment stays valid
   * when a later import drops the last visitor with one of its values. */
  filter = rdm_filter_parse (text, NULL, error);
  if (filter == NULL)
    {
      g_prefix_error (error, _ ("Segment “%s”: "), name);
      return NULL;
    }
  return rdm_visitor_facts_mask (facts, filter, out_n_selected, error);
}
