/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RdmTableModel: a GListModel over one table of a project, for the
 * virtualised GtkColumnViews of the Data section. Tables may hold tens of
 * millions of rows, so the model never reads them all: it counts them once
 * and reads pages of RDM_TABLE_MODEL_PAGE_SIZE rows when the view asks for
 * an item, keeping a bounded cache of pages.
 *
 * Pages are found by keys, never by OFFSET (which scans every row before
 * the page):
 *
 *   - in file order with no filter, and when the rowids have no holes (the
 *     usual case: imports only append), position p is rowid first_id + p;
 *   - otherwise a worker thread, on its own read-only connection, lists
 *     the rowids of the matching rows in display order (8 bytes a row), and
 *     a page is looked up by the 256 rowids of its slice.
 *
 * Sorting or searching 10 million rows takes SQLite seconds, so it runs in
 * that worker: the view keeps showing the previous order meanwhile
 * ("loading" is TRUE), and a newer request cancels the older one.
 *
 * Sort columns and search conditions come from the static tables below;
 * the search text only ever reaches SQLite as a bound LIKE pattern.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rdm-format.h"
#include "rdm-table-model.h"

/* Pages kept in memory: enough for a few screens of scrolling back and forth. */
#define MAX_CACHED_PAGES 64

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

struct _RdmTableModel
{
  GObject parent_instance;

  RdmProject *project;
  RdmTableKind kind;
  const TableSpec *spec;

  int sort_column; /* -1: rowid order */
  gboolean descending;
  char *filter; /* NULL when empty */

  /* the whole table, counted at open and reload */
  guint table_count;
  gint64 first_id;
  gboolean dense;

  /* rowids in display order; NULL while pages are rowid ranges */
  GArray *keys;
  guint n_items;
  sqlite3_stmt *page_stmt;
  GHashTable *pages; /* page number -> GPtrArray of RdmTableRow */

  GCancellable *cancellable; /* of the running key query */
  GError *error;             /* of the last key query */
};

enum
{
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rdm_table_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdmTableModel,
                               rdm_table_model,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      rdm_table_model_list_model_init))

static gboolean
set_sql_error (RdmTableModel *self, GError **error)
{
  return rdm_project_set_sql_error (self->project, error, _ ("Reading a table"));
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

static char *
select_list (const TableSpec *spec)
{
  GString *list = g_string_new ("t.id");

  for (guint i = 0; i < spec->n_columns; i++)
    g_string_append_printf (list, ", %s", spec->columns[i].expression);
  return g_string_free (list, FALSE);
}

static gboolean
count_rows (RdmTableModel *self, GError **error)
{
  g_autofree char *sql = NULL;
  sqlite3 *db = rdm_project_get_db (self->project);
  sqlite3_stmt *stmt = NULL;
  gint64 count, max_id;

  sql = g_strdup_printf ("SELECT count(*), ifnull(min(id), 0), ifnull(max(id), 0) FROM %s",
                         self->spec->table);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK
      || sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      return set_sql_error (self, error);
    }
  count = sqlite3_column_int64 (stmt, 0);
  self->first_id = sqlite3_column_int64 (stmt, 1);
  max_id = sqlite3_column_int64 (stmt, 2);
  sqlite3_finalize (stmt);

  self->dense = count == 0 || max_id - self->first_id + 1 == count;
  self->table_count = (guint)MIN (count, (gint64)G_MAXUINT);
  return TRUE;
}

static gboolean
prepare_pages (RdmTableModel *self, gboolean by_keys, GError **error)
{
  g_autofree char *columns = select_list (self->spec);
  g_autofree char *sql = NULL;

  g_clear_pointer (&self->page_stmt, sqlite3_finalize);
  if (by_keys)
    /* json_each() turns the page's rowids, bound as one JSON array, into a
     * table; its key is the position in the array */
    sql = g_strdup_printf ("SELECT %s FROM json_each (?1) k CROSS JOIN %s"
                           " WHERE t.id = k.value ORDER BY k.key",
                           columns, self->spec->from);
  else
    sql = g_strdup_printf ("SELECT %s FROM %s WHERE t.id BETWEEN ?1 AND ?2 ORDER BY t.id", columns,
                           self->spec->from);
  if (sqlite3_prepare_v2 (rdm_project_get_db (self->project), sql, -1, &self->page_stmt, NULL)
      != SQLITE_OK)
    return set_sql_error (self, error);
  return TRUE;
}

static void
set_rows (RdmTableModel *self, GArray *keys, guint n_items)
{
  guint old_n_items = self->n_items;

  g_hash_table_remove_all (self->pages);
  g_clear_pointer (&self->keys, g_array_unref);
  self->keys = keys;
  self->n_items = n_items;
  if (old_n_items != 0 || n_items != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, n_items);
}

static void
set_loading (RdmTableModel *self, gboolean loading)
{
  if ((self->cancellable != NULL) == loading)
    return;
  if (!loading)
    g_clear_object (&self->cancellable);
  else
    self->cancellable = g_cancellable_new ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

typedef struct
{
  char *path;
  char *sql;
  char *pattern; /* NULL without a filter */
} KeysQuery;

static void
keys_query_free (KeysQuery *query)
{
  g_free (query->path);
  g_free (query->sql);
  g_free (query->pattern);
  g_free (query);
}

/* Lets a cancelled query stop inside SQLite's sort, before any row. */
static int
progress_cb (void *cancellable)
{
  return g_cancellable_is_cancelled (cancellable);
}

static void
keys_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  KeysQuery *query = task_data;
  g_autoptr (GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* the main connection validated this file when the project opened; this
   * one only reads, with the same defensive settings */
  rc = sqlite3_open_v2 (query->path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
      sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
      sqlite3_busy_timeout (db, 5000);
      sqlite3_progress_handler (db, 10000, progress_cb, cancellable);
      rc = sqlite3_prepare_v2 (db, query->sql, -1, &stmt, NULL);
    }
  if (rc == SQLITE_OK)
    {
      if (query->pattern != NULL)
        sqlite3_bind_text (stmt, 1, query->pattern, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (keys, id);
        }
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  if (g_cancellable_is_cancelled (cancellable))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
  else if (rc != SQLITE_OK)
    g_task_return_new_error (task, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_SQL,
                             _ ("Reading a table failed in “%s”: %s"), query->path,
                             db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  else
    g_task_return_pointer (task, g_steal_pointer (&keys), (GDestroyNotify)g_array_unref);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* The task holds only a weak reference: a model dropped by its view
 * cancels its query in dispose instead of living until the query ends. */
static void
keys_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GWeakRef *model_ref = user_data;
  g_autoptr (RdmTableModel) self = g_weak_ref_get (model_ref);
  g_autoptr (GError) error = NULL;
  GArray *keys;

  g_weak_ref_clear (model_ref);
  g_free (model_ref);
  /* gone, or a newer query replaced this one */
  if (self == NULL || g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;

  keys = g_task_propagate_pointer (G_TASK (result), &error);
  if (keys == NULL || !prepare_pages (self, TRUE, &error))
    {
      g_clear_pointer (&keys, g_array_unref);
      g_clear_error (&self->error);
      self->error = g_steal_pointer (&error);
    }
  else
    set_rows (self, keys, MIN (keys->len, G_MAXUINT));
  set_loading (self, FALSE);
}

/* Shows the rows for the current sort and filter: at once in file order,
 * else when the worker has listed their keys. */
static void
update_rows (RdmTableModel *self)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *order = NULL;
  KeysQuery *query;
  GWeakRef *model_ref;
  const char *direction = self->descending ? "DESC" : "ASC";

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  set_loading (self, FALSE);
  g_clear_error (&self->error);

  if (self->sort_column < 0 && !self->descending && self->filter == NULL && self->dense)
    {
      if (!prepare_pages (self, FALSE, &self->error))
        set_rows (self, NULL, 0);
      else
        set_rows (self, NULL, self->table_count);
      return;
    }

  if (self->sort_column >= 0)
    order = g_strdup_printf ("%s %s, t.id %s", self->spec->columns[self->sort_column].expression,
                             direction, direction);
  else
    order = g_strdup_printf ("t.id %s", direction);
  query = g_new0 (KeysQuery, 1);
  query->path = g_strdup (rdm_project_get_path (self->project));
  query->sql = g_strdup_printf ("SELECT t.id FROM %s WHERE %s ORDER BY %s", self->spec->from,
                                self->filter != NULL ? self->spec->search : "1", order);
  query->pattern = self->filter != NULL ? like_pattern (self->filter) : NULL;

  set_loading (self, TRUE);
  model_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (model_ref, self);
  task = g_task_new (NULL, self->cancellable, keys_done_cb, model_ref);
  g_task_set_source_tag (task, update_rows);
  g_task_set_task_data (task, query, (GDestroyNotify)keys_query_free);
  g_task_run_in_thread (task, keys_thread);
}

static char *
format_code (const char *code, RdmCellFormat format)
{
  static const struct
  {
    const char *code;
    const char *label;
  } categories[] = {
    { "media", N_("Media") },     { "content", N_("Content") },   { "staff", N_("Staff") },
    { "tools", N_("Tools") },     { "training", N_("Training") }, { "compliance", N_("Compliance") },
    { "other", N_("Other") },
  },
    groups[] = {
      { "social", N_("Social") },
      { "paid_search", N_("Paid Search") },
      { "organic_search", N_("Organic Search") },
      { "email", N_("Email") },
      { "affiliate", N_("Affiliate") },
      { "referral", N_("Referral") },
      { "display", N_("Display") },
      { "video", N_("Video") },
      { "direct", N_("Direct") },
      { "other", N_("Other") },
    };
  gboolean is_category = format == RDM_CELL_CATEGORY;
  guint n = is_category ? G_N_ELEMENTS (categories) : G_N_ELEMENTS (groups);

  for (guint i = 0; i < n; i++)
    {
      const char *known = is_category ? categories[i].code : groups[i].code;

      if (g_strcmp0 (code, known) == 0)
        return g_strdup (_ (is_category ? categories[i].label : groups[i].label));
    }
  return g_strdup (code != NULL ? code : "");
}

static char *
format_cell (sqlite3_stmt *stmt, int index, RdmCellFormat format)
{
  if (sqlite3_column_type (stmt, index) == SQLITE_NULL)
    return g_strdup ("");

  switch (format)
    {
    case RDM_CELL_COUNT:
      return rdm_format_count (sqlite3_column_int64 (stmt, index));
    case RDM_CELL_AMOUNT:
      return rdm_format_amount (sqlite3_column_double (stmt, index));
    case RDM_CELL_TIME:
      return rdm_format_time (sqlite3_column_int64 (stmt, index));
    case RDM_CELL_DAY:
      return rdm_format_day (sqlite3_column_int64 (stmt, index));
    case RDM_CELL_INTERACTION:
      switch (sqlite3_column_int (stmt, index))
        {
        case 0:
          return g_strdup (_ ("Impression"));
        case 1:
          return g_strdup (_ ("Click"));
        default:
          return g_strdup (_ ("Visit"));
        }
    case RDM_CELL_CATEGORY:
    case RDM_CELL_CHANNEL_GROUP:
      return format_code ((const char *)sqlite3_column_text (stmt, index), format);
    case RDM_CELL_TEXT:
    default:
      return g_strdup ((const char *)sqlite3_column_text (stmt, index));
    }
}

static GPtrArray *
load_page (RdmTableModel *self, guint page)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);
  guint first = page * RDM_TABLE_MODEL_PAGE_SIZE;
  sqlite3_stmt *stmt = self->page_stmt;
  int rc;

  sqlite3_reset (stmt);
  if (self->keys != NULL)
    {
      GString *json = g_string_new ("[");
      guint end = MIN (first + RDM_TABLE_MODEL_PAGE_SIZE, self->keys->len);

      for (guint i = first; i < end; i++)
        g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > first ? "," : "",
                                g_array_index (self->keys, gint64, i));
      g_string_append_c (json, ']');
      sqlite3_bind_text (stmt, 1, g_string_free (json, FALSE), -1, g_free);
    }
  else
    {
      sqlite3_bind_int64 (stmt, 1, self->first_id + first);
      sqlite3_bind_int64 (stmt, 2, self->first_id + first + RDM_TABLE_MODEL_PAGE_SIZE - 1);
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GStrv cells = g_new0 (char *, self->spec->n_columns + 1);

      for (guint c = 0; c < self->spec->n_columns; c++)
        cells[c] = format_cell (stmt, (int)c + 1, self->spec->columns[c].format);
      g_ptr_array_add (rows, rdm_table_row_new (sqlite3_column_int64 (stmt, 0), cells));
    }
  /* A failed read leaves the page short; the missing rows show empty, and
   * the next reload re-counts. */
  if (rc != SQLITE_DONE)
    g_debug ("Reading page %u of %s: %s", page, self->spec->table,
             sqlite3_errmsg (rdm_project_get_db (self->project)));
  sqlite3_reset (stmt);
  return rows;
}

static GType
rdm_table_model_get_item_type (GListModel *model)
{
  return RDM_TYPE_TABLE_ROW;
}

static guint
rdm_table_model_get_n_items (GListModel *model)
{
  return RDM_TABLE_MODEL (model)->n_items;
}

static gpointer
rdm_table_model_get_item (GListModel *model, guint position)
{
  RdmTableModel *self = RDM_TABLE_MODEL (model);
  guint page = position / RDM_TABLE_MODEL_PAGE_SIZE;
  guint offset = position % RDM_TABLE_MODEL_PAGE_SIZE;
  GPtrArray *rows;

  if (position >= self->n_items || self->page_stmt == NULL)
    return NULL;

  rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (rows == NULL)
    {
      if (g_hash_table_size (self->pages) >= MAX_CACHED_PAGES)
        g_hash_table_remove_all (self->pages);
      rows = load_page (self, page);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
    }
  if (offset >= rows->len)
    return rdm_table_row_new (-1, g_new0 (char *, 1));
  return g_object_ref (g_ptr_array_index (rows, offset));
}

static void
rdm_table_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rdm_table_model_get_item_type;
  iface->get_n_items = rdm_table_model_get_n_items;
  iface->get_item = rdm_table_model_get_item;
}

static void
rdm_table_model_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RdmTableModel *self = RDM_TABLE_MODEL (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, rdm_table_model_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rdm_table_model_dispose (GObject *object)
{
  RdmTableModel *self = RDM_TABLE_MODEL (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->page_stmt, sqlite3_finalize);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (rdm_table_model_parent_class)->dispose (object);
}

static void
rdm_table_model_finalize (GObject *object)
{
  RdmTableModel *self = RDM_TABLE_MODEL (object);

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->keys, g_array_unref);
  g_clear_error (&self->error);
  g_free (self->filter);

  G_OBJECT_CLASS (rdm_table_model_parent_class)->finalize (object);
}

static void
rdm_table_model_class_init (RdmTableModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rdm_table_model_dispose;
  object_class->finalize = rdm_table_model_finalize;
  object_class->get_property = rdm_table_model_get_property;

  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rdm_table_model_init (RdmTableModel *self)
{
  self->sort_column = -1;
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)g_ptr_array_unref);
}

RdmTableModel *
rdm_table_model_new (RdmProject *project, RdmTableKind kind, GError **error)
{
  g_autoptr (RdmTableModel) self = NULL;

  g_return_val_if_fail (RDM_IS_PROJECT (project), NULL);
  g_return_val_if_fail (kind <= RDM_TABLE_CAMPAIGNS, NULL);

  self = g_object_new (RDM_TYPE_TABLE_MODEL, NULL);
  self->project = g_object_ref (project);
  self->kind = kind;
  self->spec = &table_specs[kind];
  if (!count_rows (self, error))
    return NULL;
  update_rows (self);
  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return NULL;
    }
  return g_steal_pointer (&self);
}

RdmTableKind
rdm_table_model_get_kind (RdmTableModel *self)
{
  g_return_val_if_fail (RDM_IS_TABLE_MODEL (self), RDM_TABLE_TOUCHPOINTS);
  return self->kind;
}

guint
rdm_table_model_get_n_columns (RdmTableModel *self)
{
  g_return_val_if_fail (RDM_IS_TABLE_MODEL (self), 0);
  return self->spec->n_columns;
}

const char *
rdm_table_model_get_column_title (RdmTableModel *self, guint column)
{
  g_return_val_if_fail (RDM_IS_TABLE_MODEL (self), NULL);
  g_return_val_if_fail (column < self->spec->n_columns, NULL);
  return _ (self->spec->columns[column].title);
}

RdmCellFormat
rdm_table_model_get_column_format (RdmTableModel *self, guint column)
{
  g_return_val_if_fail (RDM_IS_TABLE_MODEL (self), RDM_CELL_TEXT);
  g_return_val_if_fail (column < self->spec->n_columns, RDM_CELL_TEXT);
  return self->spec->columns[column].format;
}

void
rdm_table_model_set_sort (RdmTableModel *self, int column, gboolean descending)
{
  g_return_if_fail (RDM_IS_TABLE_MODEL (self));
  g_return_if_fail (column >= -1 && column < (int)self->spec->n_columns);

  if (column == self->sort_column && !!descending == self->descending)
    return;
  self->sort_column = column;
  self->descending = !!descending;
  update_rows (self);
}

int
rdm_table_model_get_sort_column (RdmTableModel *self)
{
  g_return_val_if_fail (RDM_IS_TABLE_MODEL (self), -1);
  return self->sort_column;
}

gboolean
rdm_table_model_get_sort_descending (RdmTableModel *self)
{
  g_return_val_if_fail (RDM_IS_TABLE_MODEL (self), FALSE);
  return self->descending;
}

void
rdm_table_model_set_filter (RdmTableModel *self, const char *text)
{
  g_return_if_fail (RDM_IS_TABLE_MODEL (self));

  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (text, self->filter) == 0)
    return;
  g_free (self->filter);
  self->filter = g_strdup (text);
  update_rows (self);
}

const char *
rdm_table_model_get_filter (RdmTableModel *self)
{
  g_return_val_if_fail (RDM_IS_TABLE_MODEL (self), NULL);
  return self->filter;
}

gboolean
rdm_table_model_get_loading (RdmTableModel *self)
{
  g_return_val_if_fail (RDM_IS_TABLE_MODEL (self), FALSE);
  return self->cancellable != NULL;
}

const GError *
rdm_table_model_get_error (RdmTableModel *self)
{
  g_return_val_if_fail (RDM_IS_TABLE_MODEL (self), NULL);
  return self->error;
}

gboolean
rdm_table_model_reload (RdmTableModel *self, GError **error)
{
  g_return_val_if_fail (RDM_IS_TABLE_MODEL (self), FALSE);

  if (!count_rows (self, error))
    return FALSE;
  update_rows (self);
  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return FALSE;
    }
  return TRUE;
}
