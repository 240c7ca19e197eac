/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RdmTableModel: a GListModel over one table of a project, for the
 * virtualised GtkColumnViews of the Data section. Tables may hold tens of
 * millions of rows, so the model never reads them all: it counts them once
 * and reads pages of RDM_TABLE_MODEL_PAGE_SIZE rows when the view asks for
 * an item, keeping a bounded cache of pages.
 *
 * Pages are found by keys (data/rdm-table-query.c reads them):
 *
 *   - in file order with no filter, and when the rowids have no holes (the
 *     usual case: imports only append), position p is rowid first_id + p;
 *   - otherwise a worker thread lists the rowids of the matching rows in
 *     display order (8 bytes a row), and a page is read by the 256 rowids
 *     of its slice.
 *
 * Sorting or searching 10 million rows takes seconds, so it runs in that
 * worker: the view keeps showing the previous order meanwhile ("loading"
 * is TRUE), and a newer request cancels the older one.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rdm-channel-rules.h"
#include "rdm-format.h"
#include "rdm-table-model.h"

/* Pages kept in memory: enough for a few screens of scrolling back and forth. */
#define MAX_CACHED_PAGES 64

struct _RdmTableModel
{
  GObject parent_instance;

  RdmProject *project;
  RdmTableKind kind;

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
count_rows (RdmTableModel *self, GError **error)
{
  gint64 count, max_id;

  if (!rdm_table_query_count (self->project, self->kind, &count, &self->first_id, &max_id, error))
    return FALSE;
  self->dense = count == 0 || max_id - self->first_id + 1 == count;
  self->table_count = (guint)MIN (count, (gint64)G_MAXUINT);
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
  RdmTableKind kind;
  char *filter; /* NULL without a filter */
  int sort_column;
  gboolean descending;
} KeysQuery;

static void
keys_query_free (KeysQuery *query)
{
  g_free (query->path);
  g_free (query->filter);
  g_free (query);
}

static void
keys_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  KeysQuery *query = task_data;
  GError *error = NULL;
  GArray *keys;

  keys = rdm_table_query_search (query->path, query->kind, query->filter, query->sort_column,
                                 query->descending, cancellable, &error);
  if (keys == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, keys, (GDestroyNotify)g_array_unref);
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
  if (keys == NULL)
    {
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
  KeysQuery *query;
  GWeakRef *model_ref;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  set_loading (self, FALSE);
  g_clear_error (&self->error);

  if (self->sort_column < 0 && !self->descending && self->filter == NULL && self->dense)
    {
      set_rows (self, NULL, self->table_count);
      return;
    }

  query = g_new0 (KeysQuery, 1);
  query->path = g_strdup (rdm_project_get_path (self->project));
  query->kind = self->kind;
  query->filter = g_strdup (self->filter);
  query->sort_column = self->sort_column;
  query->descending = self->descending;

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
    { "media", N_ ("Media") }, { "content", N_ ("Content") },   { "staff", N_ ("Staff") },
    { "tools", N_ ("Tools") }, { "training", N_ ("Training") }, { "compliance", N_ ("Compliance") },
    { "other", N_ ("Other") },
  };

  if (format == RDM_CELL_CHANNEL_GROUP)
    return g_strdup (rdm_channel_group_display_name (code));
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    if (g_strcmp0 (code, categories[i].code) == 0)
      return g_strdup (_ (categories[i].label));
  return g_strdup (code != NULL ? code : "");
}

static char *
format_cell (const RdmTableCell *cell, RdmCellFormat format)
{
  if (cell->is_null)
    return g_strdup ("");

  switch (format)
    {
    case RDM_CELL_COUNT:
      return rdm_format_count (cell->integer);
    case RDM_CELL_AMOUNT:
      return rdm_format_amount (cell->amount);
    case RDM_CELL_TIME:
      return rdm_format_time (cell->integer);
    case RDM_CELL_DAY:
      return rdm_format_day (cell->integer);
    case RDM_CELL_INTERACTION:
      switch (cell->integer)
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
      return format_code (cell->text, format);
    case RDM_CELL_TEXT:
    default:
      return g_strdup (cell->text);
    }
}

static GPtrArray *
load_page (RdmTableModel *self, guint page)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GArray) records = rdm_table_records_new ();
  g_autoptr (GError) error = NULL;
  guint n_columns = rdm_table_kind_get_n_columns (self->kind);
  guint first = page * RDM_TABLE_MODEL_PAGE_SIZE;
  gboolean ok;

  if (self->keys != NULL)
    ok = rdm_table_query_read_ids (
        self->project, self->kind, &g_array_index (self->keys, gint64, first),
        MIN (RDM_TABLE_MODEL_PAGE_SIZE, self->keys->len - first), records, &error);
  else
    ok = rdm_table_query_read_range (self->project, self->kind, self->first_id + first,
                                     self->first_id + first + RDM_TABLE_MODEL_PAGE_SIZE - 1,
                                     records, &error);
  /* A failed read leaves the page short; the missing rows show empty, and
   * the next reload re-counts. */
  if (!ok)
    g_debug ("Reading page %u: %s", page, error->message);
  for (guint i = 0; i < records->len; i++)
    {
      const RdmTableRecord *record = &g_array_index (records, RdmTableRecord, i);
      GStrv cells = g_new0 (char *, n_columns + 1);

      for (guint c = 0; c < n_columns; c++)
        cells[c]
            = format_cell (&record->cells[c], rdm_table_kind_get_column_format (self->kind, c));
      g_ptr_array_add (rows, rdm_table_row_new (record->id, cells));
    }
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

  if (position >= self->n_items)
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
  if (!count_rows (self, error))
    return NULL;
  update_rows (self);
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
  return rdm_table_kind_get_n_columns (self->kind);
}

const char *
rdm_table_model_get_column_title (RdmTableModel *self, guint column)
{
  g_return_val_if_fail (RDM_IS_TABLE_MODEL (self), NULL);
  return rdm_table_kind_get_column_title (self->kind, column);
}

RdmCellFormat
rdm_table_model_get_column_format (RdmTableModel *self, guint column)
{
  g_return_val_if_fail (RDM_IS_TABLE_MODEL (self), RDM_CELL_TEXT);
  return rdm_table_kind_get_column_format (self->kind, column);
}

void
rdm_table_model_set_sort (RdmTableModel *self, int column, gboolean descending)
{
  g_return_if_fail (RDM_IS_TABLE_MODEL (self));
  g_return_if_fail (column >= -1 && column < (int)rdm_table_kind_get_n_columns (self->kind));

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
  return TRUE;
}
