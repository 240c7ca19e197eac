/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loading a project's events into an RdmEventStore.
 *
 * The store wants the events grouped by visitor in (time, id) order. The
 * index touchpoint_visitor_time gives that order, but walking it fetches
 * every row from the table by rowid, at random: on a file larger than the
 * page cache that is a read per touchpoint, ten times slower than reading
 * the table in its own order. The tables are therefore always read in id
 * order, in one of two ways:
 *
 * - in one pass, when the touchpoints are grouped by visitor in increasing
 *   visitor order, as the importer writes them: the conversions (few, and
 *   in file order) are read first and sorted by visitor in memory, then
 *   the touchpoints are read once and each visitor's rows are appended as
 *   they come, with its conversions;
 * - otherwise (rows of several imports, or files written before the
 *   importer sorted its rows), with a counting sort: each visitor's events
 *   are counted first through the indexes alone (touchpoint_visitor_time
 *   and conversion_visitor_time cover visitor_id), which places every
 *   visitor's range in the store's arrays, then each row read is put
 *   straight into its visitor's range, with no per-row allocation. The
 *   single pass finds out on its first row out of order and hands over.
 *
 * Either way rows within a visitor arrive in id order, so the store's
 * stable sort by time leaves ties in id (file) order, the order "ORDER BY
 * visitor_id, time, id" gives (tests/test-path-builder.c compares both).
 * All the statements run in one read transaction, so they see the same
 * snapshot even while an import commits.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rdm-event-loader.h"
#include "rdm-project-private.h"

#define CANCEL_CHECK_INTERVAL 65536

static const char touch_count_sql[]
    = "SELECT visitor_id, count(*) FROM touchpoint GROUP BY visitor_id ORDER BY visitor_id";
static const char conversion_count_sql[]
    = "SELECT visitor_id, count(*) FROM conversion GROUP BY visitor_id ORDER BY visitor_id";
static const char touch_total_sql[] = "SELECT count(*) FROM touchpoint";
static const char conversion_total_sql[] = "SELECT count(*) FROM conversion";
static const char visitor_total_sql[] = "SELECT count(*) FROM visitor";
static const char touch_sql[] = "SELECT visitor_id, time, channel_id, campaign_id, interaction"
                                " FROM touchpoint ORDER BY id";
static const char conversion_sql[] = "SELECT visitor_id, time, event, value"
                                     " FROM conversion ORDER BY id";

/* Project ids (channel, campaign, visitor) to store indexes: a table
 * indexed by id when the ids are dense, as the importer's always are, a
 * binary search otherwise. Cheaper than a hash table per row. */
typedef struct
{
  GArray *ids;     /* gint64, strictly increasing */
  GArray *values;  /* guint32 per id */
  guint32 *direct; /* value + 1 at id - first id, 0 for none; NULL when sparse */
  guint64 direct_len;
} IdIndex;

static void
id_index_init (IdIndex *index, guint reserved)
{
  index->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), reserved);
  index->values = g_array_sized_new (FALSE, FALSE, sizeof (guint32), reserved);
  index->direct = NULL;
  index->direct_len = 0;
}

static void
id_index_clear (IdIndex *index)
{
  g_clear_pointer (&index->ids, g_array_unref);
  g_clear_pointer (&index->values, g_array_unref);
  g_clear_pointer (&index->direct, g_free);
}

/* FALSE when @id does not come after the last one appended. */
static gboolean
id_index_append (IdIndex *index, gint64 id, guint32 value)
{
  if (index->ids->len > 0 && id <= g_array_index (index->ids, gint64, index->ids->len - 1))
    return FALSE;
  g_array_append_val (index->ids, id);
  g_array_append_val (index->values, value);
  return TRUE;
}

/* Builds the direct table when it costs at most 4 entries per id. */
static void
id_index_seal (IdIndex *index)
{
  const gint64 *ids = (const gint64 *)(gpointer)index->ids->data;
  guint n = index->ids->len;
  guint64 span;

  if (n == 0)
    return;
  /* unsigned: the difference of any two gint64 fits */
  span = (guint64)ids[n - 1] - (guint64)ids[0];
  if (span >= 4 * (guint64)n + 1024)
    return;
  index->direct_len = span + 1;
  index->direct = g_new0 (guint32, index->direct_len);
  for (guint i = 0; i < n; i++)
    index->direct[(guint64)ids[i] - (guint64)ids[0]]
        = g_array_index (index->values, guint32, i) + 1;
}

static inline void
id_index_prefetch (const IdIndex *index, gint64 id)
{
  const gint64 *ids = (const gint64 *)(gpointer)index->ids->data;

  if (index->direct != NULL && id >= ids[0] && (guint64)id - (guint64)ids[0] < index->direct_len)
    __builtin_prefetch (&index->direct[(guint64)id - (guint64)ids[0]]);
}

static gboolean
id_index_lookup (const IdIndex *index, gint64 id, guint32 *value)
{
  const gint64 *ids = (const gint64 *)(gpointer)index->ids->data;
  guint low = 0;
  guint high = index->ids->len;

  if (high == 0 || id < ids[0] || id > ids[high - 1])
    return FALSE;
  if (index->direct != NULL)
    {
      guint32 found = index->direct[(guint64)id - (guint64)ids[0]];

      *value = found - 1;
      return found != 0;
    }
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (ids[middle] < id)
        low = middle + 1;
      else
        high = middle;
    }
  if (low == index->ids->len || ids[low] != id)
    return FALSE;
  *value = g_array_index (index->values, guint32, low);
  return TRUE;
}

typedef struct
{
  IdIndex channels;
  IdIndex campaigns;
  IdIndex visitors;
} IdMaps;

static void
id_maps_clear (IdMaps *maps)
{
  id_index_clear (&maps->channels);
  id_index_clear (&maps->campaigns);
  id_index_clear (&maps->visitors);
}

static gboolean
load_names (RdmProject *project, RdmEventStore *store, IdMaps *maps, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = rdm_project_prepare (project, "SELECT id, name, channel_group FROM channel ORDER BY id",
                              error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *group = (const char *)sqlite3_column_text (stmt, 2);
      guint32 index = rdm_event_store_intern_channel (
          store, (const char *)sqlite3_column_text (stmt, 1), g_strcmp0 (group, "direct") == 0);

      rdm_event_store_set_channel_group (store, index, group);

      /* rowids come in increasing order */
      id_index_append (&maps->channels, sqlite3_column_int64 (stmt, 0), index);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Reading the channels"));
  id_index_seal (&maps->channels);

  stmt = rdm_project_prepare (project, "SELECT id, channel_id, name FROM campaign ORDER BY id",
                              error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint32 channel;

      if (!id_index_lookup (&maps->channels, sqlite3_column_int64 (stmt, 1), &channel))
        {
          sqlite3_reset (stmt);
          g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_CORRUPT,
                       _ ("Campaign %lld of “%s” refers to a missing channel"),
                       (long long)sqlite3_column_int64 (stmt, 0), rdm_project_get_path (project));
          return FALSE;
        }
      id_index_append (&maps->campaigns, sqlite3_column_int64 (stmt, 0),
                       rdm_event_store_intern_campaign (
                           store, channel, (const char *)sqlite3_column_text (stmt, 2)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Reading the campaigns"));
  id_index_seal (&maps->campaigns);
  return TRUE;
}

static gboolean
bad_visitor_ids (RdmProject *project, GError **error)
{
  g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_CORRUPT,
               _ ("The visitor ids of the touchpoints or conversions in “%s” are not all "
                  "integers; the file was damaged or altered"),
               rdm_project_get_path (project));
  return FALSE;
}

/* One visitor's count from a "visitor_id, count(*)" statement, or
 * G_MAXINT64 for its end. */
static gboolean
step_count (RdmProject *project,
            sqlite3_stmt *stmt,
            gint64 *visitor,
            guint32 *count,
            gint64 *total,
            GError **error)
{
  gint64 previous = *visitor;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE)
    {
      *visitor = G_MAXINT64;
      *count = 0;
      return TRUE;
    }
  if (rc != SQLITE_ROW)
    return rdm_project_set_sql_error (project, error, _ ("Counting the events of each visitor"));
  *visitor = sqlite3_column_int64 (stmt, 0);
  *count = (guint32)sqlite3_column_int64 (stmt, 1);
  *total += *count;
  /* two groups of one id mean text or real ids beside the integers; the
   * last id is kept as the end mark */
  if ((*visitor <= previous && previous != G_MININT64) || *visitor == G_MAXINT64
      || *total >= G_MAXUINT32 - 1)
    return bad_visitor_ids (project, error);
  return TRUE;
}

static gboolean
count_events (RdmProject *project,
              sqlite3_stmt *touches,
              sqlite3_stmt *conversions,
              GArray *counts,
              gint64 *n_touches,
              gint64 *n_conversions,
              GError **error)
{
  gint64 tv = G_MININT64;
  gint64 cv = G_MININT64;
  guint32 tn;
  guint32 cn;

  if (!step_count (project, touches, &tv, &tn, n_touches, error)
      || !step_count (project, conversions, &cv, &cn, n_conversions, error))
    return FALSE;
  while (tv != G_MAXINT64 || cv != G_MAXINT64)
    {
      gint64 visitor = MIN (tv, cv);
      /* visitor, touches, conversions */
      gint64 row[3] = { visitor, tv == visitor ? tn : 0, cv == visitor ? cn : 0 };

      g_array_append_vals (counts, row, 3);
      if ((tv == visitor && !step_count (project, touches, &tv, &tn, n_touches, error))
          || (cv == visitor && !step_count (project, conversions, &cv, &cn, n_conversions, error)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
declare_visitors (RdmProject *project,
                  RdmEventStore *store,
                  IdMaps *maps,
                  sqlite3_stmt *touch_counts,
                  sqlite3_stmt *conversion_counts,
                  GError **error)
{
  g_autoptr (GArray) counts = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 n_touches = 0;
  gint64 n_conversions = 0;
  guint n_visitors;

  if (!count_events (project, touch_counts, conversion_counts, counts, &n_touches, &n_conversions,
                     error))
    return FALSE;
  n_visitors = counts->len / 3;
  if (n_visitors >= G_MAXUINT32 - 1)
    return bad_visitor_ids (project, error);
  rdm_event_store_reserve (store, (guint32)n_touches, (guint32)n_conversions, n_visitors);
  for (guint v = 0; v < n_visitors; v++)
    {
      const gint64 *row = &g_array_index (counts, gint64, 3 * v);

      if (!id_index_append (&maps->visitors, row[0], v))
        return bad_visitor_ids (project, error);
      rdm_event_store_declare_visitor (store, row[0], (guint32)row[1], (guint32)row[2]);
    }
  id_index_seal (&maps->visitors);
  return TRUE;
}

/* Touches are read in batches: finding a row's visitor and its place in
 * the store are random accesses into arrays as large as the visitors, and
 * prefetching a whole batch overlaps their cache misses instead of waiting
 * for each in turn (twice as fast on 3 million touches). */
#define TOUCH_BATCH 64

typedef struct
{
  gint64 visitor_id;
  gint64 time;
  guint32 channel;
  guint32 campaign;
  guint32 visitor;
  RdmInteraction interaction;
} TouchRow;

static gboolean
read_touch (RdmProject *project, IdMaps *maps, sqlite3_stmt *stmt, TouchRow *row, GError **error)
{
  gint64 interaction = sqlite3_column_int64 (stmt, 4);

  row->visitor_id = sqlite3_column_int64 (stmt, 0);
  row->time = sqlite3_column_int64 (stmt, 1);
  row->campaign = RDM_EVENT_STORE_NO_CAMPAIGN;
  if (!id_index_lookup (&maps->channels, sqlite3_column_int64 (stmt, 2), &row->channel)
      || (sqlite3_column_type (stmt, 3) != SQLITE_NULL
          && !id_index_lookup (&maps->campaigns, sqlite3_column_int64 (stmt, 3), &row->campaign))
      || interaction < RDM_INTERACTION_IMPRESSION || interaction > RDM_INTERACTION_VISIT)
    {
      g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_CORRUPT,
                   _ ("A touchpoint of visitor %lld in “%s” refers to a missing "
                      "channel or campaign, or has an unknown interaction"),
                   (long long)row->visitor_id, rdm_project_get_path (project));
      return FALSE;
    }
  row->interaction = (RdmInteraction)interaction;
  return TRUE;
}

static gboolean
put_touches (RdmProject *project,
             RdmEventStore *store,
             IdMaps *maps,
             TouchRow *rows,
             guint n,
             GError **error)
{
  for (guint i = 0; i < n; i++)
    id_index_prefetch (&maps->visitors, rows[i].visitor_id);
  /* a row the counts did not see can only come from ids that change value
   * between a GROUP BY and a read, such as text */
  for (guint i = 0; i < n; i++)
    {
      if (!id_index_lookup (&maps->visitors, rows[i].visitor_id, &rows[i].visitor))
        return bad_visitor_ids (project, error);
      rdm_event_store_prefetch_visitor (store, rows[i].visitor);
    }
  for (guint i = 0; i < n; i++)
    if (!rdm_event_store_put_touch (store, rows[i].visitor, rows[i].time, rows[i].channel,
                                    rows[i].campaign, rows[i].interaction))
      return bad_visitor_ids (project, error);
  return TRUE;
}

static gboolean
put_conversion (
    RdmProject *project, RdmEventStore *store, IdMaps *maps, sqlite3_stmt *stmt, GError **error)
{
  const char *event = (const char *)sqlite3_column_text (stmt, 2);
  guint32 visitor;

  if (!id_index_lookup (&maps->visitors, sqlite3_column_int64 (stmt, 0), &visitor)
      || !rdm_event_store_put_conversion (
          store, visitor, sqlite3_column_int64 (stmt, 1),
          rdm_event_store_intern_event (store, event != NULL ? event : ""),
          sqlite3_column_double (stmt, 3)))
    return bad_visitor_ids (project, error);
  return TRUE;
}

static gboolean
load_events (RdmProject *project,
             RdmEventStore *store,
             IdMaps *maps,
             sqlite3_stmt *touches,
             sqlite3_stmt *conversions,
             GCancellable *cancellable,
             GError **error)
{
  guint64 rows = 0;
  int rc;
  TouchRow batch[TOUCH_BATCH];
  guint n = 0;

  while ((rc = sqlite3_step (touches)) == SQLITE_ROW)
    {
      if (!read_touch (project, maps, touches, &batch[n++], error))
        return FALSE;
      if (n == TOUCH_BATCH)
        {
          if (!put_touches (project, store, maps, batch, n, error))
            return FALSE;
          n = 0;
        }
      if (++rows % CANCEL_CHECK_INTERVAL == 0
          && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  if (rc == SQLITE_DONE && !put_touches (project, store, maps, batch, n, error))
    return FALSE;
  if (rc == SQLITE_DONE)
    while ((rc = sqlite3_step (conversions)) == SQLITE_ROW)
      {
        if (!put_conversion (project, store, maps, conversions, error))
          return FALSE;
        if (++rows % CANCEL_CHECK_INTERVAL == 0
            && g_cancellable_set_error_if_cancelled (cancellable, error))
          return FALSE;
      }
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error,
                                      _ ("Reading the touchpoints and conversions"));
  /* every put landed in a declared place, so as many puts as declared
   * fill every place */
  if (store->n_touches != store->visitor_touch_start[store->n_visitors]
      || store->n_conversions != store->visitor_conversion_start[store->n_visitors])
    return bad_visitor_ids (project, error);
  return g_cancellable_set_error_if_cancelled (cancellable, error) == FALSE;
}

static void
id_maps_init (IdMaps *maps)
{
  id_index_init (&maps->channels, 0);
  id_index_init (&maps->campaigns, 0);
  id_index_init (&maps->visitors, 0);
}

/* The count of a "SELECT count(*)" statement. */
static gboolean
count_rows (RdmProject *project, const char *sql, gint64 *count, GError **error)
{
  sqlite3_stmt *stmt = rdm_project_prepare (project, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  *count = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return rdm_project_set_sql_error (project, error, _ ("Counting the events of each visitor"));
  return TRUE;
}

/* Steps @stmt, whose first column is a visitor id, to its next row;
 * @visitor is then its visitor, or G_MAXINT64 at the end. */
static gboolean
step_visitor_row (RdmProject *project, sqlite3_stmt *stmt, gint64 *visitor, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE)
    {
      *visitor = G_MAXINT64;
      return TRUE;
    }
  if (rc != SQLITE_ROW)
    return rdm_project_set_sql_error (project, error,
                                      _ ("Reading the touchpoints and conversions"));
  /* the type first: reading the value as an integer would convert it */
  if (sqlite3_column_type (stmt, 0) != SQLITE_INTEGER)
    return bad_visitor_ids (project, error);
  *visitor = sqlite3_column_int64 (stmt, 0);
  /* the last id is kept as the end mark */
  if (*visitor == G_MAXINT64)
    return bad_visitor_ids (project, error);
  return TRUE;
}

typedef struct
{
  gint64 visitor_id;
  gint64 time;
  double value;
  guint32 event;
} ConversionRow;

static int
compare_conversion_visitors (gconstpointer a, gconstpointer b, gpointer user_data)
{
  gint64 x = ((const ConversionRow *)a)->visitor_id, y = ((const ConversionRow *)b)->visitor_id;

  return x < y ? -1 : x > y;
}

/* The conversions, in id order within each visitor, visitors in increasing
 * order. */
static GArray *
read_conversions (RdmProject *project,
                  RdmEventStore *store,
                  sqlite3_stmt *stmt,
                  gint64 n_conversions,
                  GError **error)
{
  g_autoptr (GArray) rows
      = g_array_sized_new (FALSE, FALSE, sizeof (ConversionRow), (guint)n_conversions);
  gboolean sorted = TRUE;
  ConversionRow row;

  while (step_visitor_row (project, stmt, &row.visitor_id, error))
    {
      const char *event;

      if (row.visitor_id == G_MAXINT64)
        {
          /* g_qsort_with_data() is stable, so ids stay in order */
          if (!sorted)
            g_qsort_with_data (rows->data, (gint)rows->len, sizeof (ConversionRow),
                               compare_conversion_visitors, NULL);
          return g_steal_pointer (&rows);
        }
      event = (const char *)sqlite3_column_text (stmt, 2);
      row.time = sqlite3_column_int64 (stmt, 1);
      row.value = sqlite3_column_double (stmt, 3);
      row.event = rdm_event_store_intern_event (store, event != NULL ? event : "");
      sorted
          = sorted
            && (rows->len == 0
                || g_array_index (rows, ConversionRow, rows->len - 1).visitor_id <= row.visitor_id);
      g_array_append_val (rows, row);
    }
  return NULL;
}

/* Reads the touchpoints once, in id order, and appends each visitor's
 * touches as they come, with its conversions, read first and sorted by
 * visitor (there are few of them). Stops with @in_order FALSE, leaving the
 * store incomplete, at the first touchpoint whose visitor came before the
 * current one: the touchpoints are not grouped by visitor. */
static gboolean
load_in_one_pass (RdmProject *project,
                  RdmEventStore *store,
                  IdMaps *maps,
                  sqlite3_stmt *touches,
                  sqlite3_stmt *conversions,
                  GCancellable *cancellable,
                  gboolean *in_order,
                  GError **error)
{
  g_autoptr (GArray) conversion_rows = NULL;
  const ConversionRow *conversion;
  gint64 n_touches, n_conversions, n_visitors;
  gint64 touch_visitor, conversion_visitor;
  gint64 current = G_MININT64;
  guint64 rows = 0;
  guint next_conversion = 0;

  *in_order = TRUE;
  if (!count_rows (project, touch_total_sql, &n_touches, error)
      || !count_rows (project, conversion_total_sql, &n_conversions, error)
      || !count_rows (project, visitor_total_sql, &n_visitors, error))
    return FALSE;
  if (n_touches + n_conversions >= G_MAXUINT32 - 1)
    return bad_visitor_ids (project, error);
  /* visitors without events are not loaded, and those with events may be
   * missing from the visitor table of an altered file: its count only
   * sizes the arrays */
  n_visitors = CLAMP (n_visitors, 0, n_touches + n_conversions);
  rdm_event_store_reserve_adding (store, (guint32)n_touches, (guint32)n_conversions,
                                  (guint32)n_visitors);
  conversion_rows = read_conversions (project, store, conversions, n_conversions, error);
  if (conversion_rows == NULL)
    return FALSE;
  conversion = (const ConversionRow *)(gpointer)conversion_rows->data;

  if (!step_visitor_row (project, touches, &touch_visitor, error))
    return FALSE;
  conversion_visitor = conversion_rows->len > 0 ? conversion[0].visitor_id : G_MAXINT64;
  while (touch_visitor != G_MAXINT64 || conversion_visitor != G_MAXINT64)
    {
      gint64 visitor = MIN (touch_visitor, conversion_visitor);

      if (visitor <= current)
        {
          *in_order = FALSE;
          return TRUE;
        }
      current = visitor;
      rdm_event_store_add_visitor (store, visitor);
      while (touch_visitor == visitor)
        {
          TouchRow row;

          if (!read_touch (project, maps, touches, &row, error))
            return FALSE;
          rdm_event_store_add_touch (store, row.time, row.channel, row.campaign, row.interaction);
          if (!step_visitor_row (project, touches, &touch_visitor, error))
            return FALSE;
          if (++rows % CANCEL_CHECK_INTERVAL == 0
              && g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
        }
      for (; conversion_visitor == visitor; next_conversion++)
        {
          rdm_event_store_add_conversion (store, conversion[next_conversion].time,
                                          conversion[next_conversion].event,
                                          conversion[next_conversion].value);
          conversion_visitor = next_conversion + 1 < conversion_rows->len
                                   ? conversion[next_conversion + 1].visitor_id
                                   : G_MAXINT64;
        }
    }
  return g_cancellable_set_error_if_cancelled (cancellable, error) == FALSE;
}

static RdmEventStore *
load (RdmProject *project, GCancellable *cancellable, GError **error)
{
  const char *const sql[] = { touch_sql, conversion_sql, touch_count_sql, conversion_count_sql };
  sqlite3_stmt *stmts[G_N_ELEMENTS (sql)] = { NULL };
  g_autoptr (RdmEventStore) store = rdm_event_store_new ();
  gboolean in_order = TRUE;
  IdMaps maps;
  gboolean ok;

  id_maps_init (&maps);
  ok = load_names (project, store, &maps, error);
  for (guint i = 0; ok && i < G_N_ELEMENTS (sql); i++)
    ok = (stmts[i] = rdm_project_prepare (project, sql[i], error)) != NULL;
  ok = ok
       && load_in_one_pass (project, store, &maps, stmts[0], stmts[1], cancellable, &in_order,
                            error);
  if (ok && !in_order)
    {
      sqlite3_reset (stmts[0]);
      sqlite3_reset (stmts[1]);
      rdm_event_store_free (store);
      store = rdm_event_store_new ();
      id_maps_clear (&maps);
      id_maps_init (&maps);
      ok = load_names (project, store, &maps, error)
           && declare_visitors (project, store, &maps, stmts[2], stmts[3], error)
           && load_events (project, store, &maps, stmts[0], stmts[1], cancellable, error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    if (stmts[i] != NULL)
      sqlite3_reset (stmts[i]);
  id_maps_clear (&maps);
  return ok ? g_steal_pointer (&store) : NULL;
}

RdmEventStore *
rdm_event_store_load (RdmProject *project, GCancellable *cancellable, GError **error)
{
  RdmEventStore *store;
  sqlite3 *db;
  gboolean own_transaction;
  gint64 cache_size;

  g_return_val_if_fail (RDM_IS_PROJECT (project), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  db = rdm_project_get_db (project);
  /* a caller's open transaction already gives one snapshot */
  own_transaction = sqlite3_get_autocommit (db);
  if (own_transaction && !rdm_project_exec (project, "BEGIN", error))
    return NULL;

  /* the scans read each page once, so a small page cache serves them as
   * well as the connection's large one (sized for imports), which would
   * otherwise fill with 64 MiB of pages no one reads again and keep them:
   * as much memory as 3 million touchpoints take in the store */
  cache_size = _rdm_project_swap_cache_size (project, -2048);
  store = load (project, cancellable, error);
  if (cache_size != 0)
    _rdm_project_swap_cache_size (project, cache_size);
  if (own_transaction)
    sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  if (store != NULL)
    rdm_event_store_finish (store);
  return store;
}
