/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import row writers: one per preset, each parsing and checking the fields
 * of the current record before writing anything for it, and what they
 * share: field parsers that name the bad value, the id maps, the batched
 * INSERTs. See rdm-import.c for the importer as a whole.
 */

#include "config.h"

#include <inttypes.h>

#include <string.h>
#include <glib/gi18n-lib.h>

#include "rdm-channel-rules-data.h"
#include "rdm-import-private.h"
#include "rdm-large-array.h"

/* Bad values. */

static gboolean
bad_field_valist (
    Import *import, int column, GError **error, const char *expected_format, va_list args)
{
  int field = import->columns[column];
  g_autofree char *expected = g_strdup_vprintf (expected_format, args);
  g_autofree char *shown = NULL;
  const char *text;
  guint64 line;
  guint col;

  rdm_csv_reader_get_position (import->reader, field, &line, &col);
  text = rdm_csv_reader_get_field (import->reader, field, NULL);
  /* a runaway value is cut in the message, on a character boundary */
  shown = g_utf8_strlen (text, 61) > 60 ? g_utf8_substring (text, 0, 60) : g_strdup (text);
  g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
               _ ("%s:%" PRIu64 ":%u: %s: expected %s, got “%s%s”"),
               rdm_csv_reader_get_name (import->reader), line, col,
               import->preset->columns[column].name, expected, shown,
               strlen (shown) < strlen (text) ? "…" : "");
  return FALSE;
}

G_GNUC_PRINTF (4, 5)
static gboolean
bad_field (Import *import, int column, GError **error, const char *expected_format, ...)
{
  va_list args;

  va_start (args, expected_format);
  bad_field_valist (import, column, error, expected_format, args);
  va_end (args);
  return FALSE;
}

static const char *
text_field (Import *import, int column)
{
  int field = import->columns[column];

  return field >= 0 ? rdm_csv_reader_strip_field (import->reader, field) : "";
}

static gboolean
get_name (Import *import, int column, const char **value, GError **error)
{
  *value = text_field (import, column);
  if (**value == '\0')
    return bad_field (import, column, error, "%s", _ ("a non-empty text"));
  return TRUE;
}

/* A field the reader accepts fits in a project (see rdm-project.h). */
G_STATIC_ASSERT (RDM_CSV_MAX_FIELD <= RDM_PROJECT_MAX_TEXT);

static gboolean
get_time (Import *import, int column, gint64 *value, GError **error)
{
  if (!rdm_csv_parse_time (text_field (import, column), value))
    return bad_field (import, column, error, "%s",
                      _ ("a date (YYYY-MM-DD[THH:MM:SS[Z|±hh:mm]], dd/mm/yyyy [HH:MM[:SS]] or "
                         "epoch seconds)"));
  if (*value < RDM_PROJECT_EARLIEST_TIME || *value > RDM_PROJECT_LATEST_TIME)
    return bad_field (import, column, error, "%s", _ ("a date from 1970-01-01 to 2199-12-31"));
  return TRUE;
}

static gboolean
get_day (Import *import, int column, gint64 *value, GError **error)
{
  if (!get_time (import, column, value, error))
    return FALSE;
  *value = rdm_csv_day_of (*value);
  return TRUE;
}

/* A number; an empty or absent optional cell reads as 0. */
static gboolean
get_number (Import *import, int column, gboolean non_negative, double *value, GError **error)
{
  const char *text = text_field (import, column);

  if (*text == '\0' && !import->preset->columns[column].required)
    {
      *value = 0;
      return TRUE;
    }
  if (!rdm_csv_parse_double (text, import->decimal_comma, value) || (non_negative && *value < 0))
    return bad_field (
        import, column, error, "%s",
        non_negative ? (import->decimal_comma ? _ ("a number ≥ 0 (“1234,5”, no digit grouping)")
                                              : _ ("a number ≥ 0 (“1234.5”, no digit grouping)"))
                     : (import->decimal_comma ? _ ("a number (“1234,5”, no digit grouping)")
                                              : _ ("a number (“1234.5”, no digit grouping)")));
  /* The project's limit (see rdm-project.h); below it, a sum over any
   * number of rows stays finite, so totals need no check of their own. */
  if (!rdm_project_amount_is_valid (*value))
    return bad_field (import, column, error, "%s",
                      _ ("a number with at most 15 digits before the decimal point"));
  return TRUE;
}

static gboolean
get_count (Import *import, int column, gint64 *value, GError **error)
{
  const char *text = text_field (import, column);

  if (*text == '\0' && !import->preset->columns[column].required)
    {
      *value = 0;
      return TRUE;
    }
  if (!rdm_csv_parse_int64 (text, value) || *value < 0)
    return bad_field (import, column, error, "%s", _ ("a whole number ≥ 0"));
  return TRUE;
}

static gboolean
get_flag (Import *import, int column, gboolean *value, GError **error)
{
  gint64 number;

  if (!rdm_csv_parse_int64 (text_field (import, column), &number) || number < 0 || number > 1)
    return bad_field (import, column, error, "%s", _ ("0 or 1"));
  *value = number == 1;
  return TRUE;
}

/* Ids. */

/* Like rdm_project_prepare(), for the statements run once per row. They
 * are reset after each step and all their parameters are bound again. */
sqlite3_stmt *
_rdm_import_prepare (Import *import, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (import->statements, sql);

  if (stmt != NULL)
    return stmt;
  stmt = rdm_project_prepare (import->project, sql, error);
  if (stmt != NULL)
    g_hash_table_insert (import->statements, (gpointer)sql, stmt);
  return stmt;
}

gboolean
_rdm_import_step_done (Import *import, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (import->project, error, _ ("Importing"));
  return TRUE;
}

static void
id_map_init (IdMap *map)
{
  map->mask = 255;
  map->count = 0;
  map->slots = g_new0 (IdSlot, map->mask + 1);
  map->keys = g_string_chunk_new (64 * 1024);
}

static void
id_map_clear (IdMap *map)
{
  g_clear_pointer (&map->slots, g_free);
  g_clear_pointer (&map->keys, g_string_chunk_free);
}

/* FNV-1a, 64 bits, then MurmurHash3's finaliser: FNV's low bits, which
 * pick the slot, depend only on the low bits of each byte, so ids such as
 * "v12345" would crowd into a few runs of slots without it. */
#define FNV_OFFSET G_GUINT64_CONSTANT (14695981039346656037)
#define FNV_STEP(hash, byte) (((hash) ^ (byte)) * G_GUINT64_CONSTANT (1099511628211))

static guint64
hash_finish (guint64 hash)
{
  hash ^= hash >> 33;
  hash *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  hash ^= hash >> 33;
  hash *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  hash ^= hash >> 33;
  return hash;
}

static guint64
text_hash (const char *text)
{
  guint64 hash = FNV_OFFSET;

  for (const guchar *p = (const guchar *)text; *p != '\0'; p++)
    hash = FNV_STEP (hash, *p);
  return hash_finish (hash);
}

/* text_hash() of the @n bytes at @bytes, which hold no NUL. */
static guint64
bytes_hash (const char *bytes, gsize n)
{
  guint64 hash = FNV_OFFSET;

  for (const guchar *p = (const guchar *)bytes; p < (const guchar *)bytes + n; p++)
    hash = FNV_STEP (hash, *p);
  return hash_finish (hash);
}

#undef FNV_OFFSET
#undef FNV_STEP

static IdSlot *
id_map_find (IdMap *map, const char *key, guint64 hash)
{
  for (gsize i = hash & map->mask;; i = (i + 1) & map->mask)
    {
      IdSlot *slot = &map->slots[i];

      if (slot->key == NULL || (slot->hash == hash && strcmp (slot->key, key) == 0))
        return slot;
    }
}

static gboolean
id_map_lookup (IdMap *map, const char *key, guint64 hash, gint64 *id)
{
  IdSlot *slot = id_map_find (map, key, hash);

  if (slot->key == NULL)
    return FALSE;
  *id = slot->id;
  return TRUE;
}

/* Returns the map's copy of @key. */
static const char *
id_map_insert (IdMap *map, const char *key, guint64 hash, gint64 id)
{
  IdSlot *slot;

  /* at most half full, so probes stay short */
  if (2 * (map->count + 1) > map->mask + 1)
    {
      IdSlot *old = map->slots;
      gsize old_size = map->mask + 1;

      map->mask = 2 * old_size - 1;
      map->slots = g_new0 (IdSlot, map->mask + 1);
      for (gsize i = 0; i < old_size; i++)
        if (old[i].key != NULL)
          *id_map_find (map, old[i].key, old[i].hash) = old[i];
      g_free (old);
    }
  slot = id_map_find (map, key, hash);
  slot->hash = hash;
  slot->id = id;
  slot->key = g_string_chunk_insert (map->keys, key);
  map->count++;
  return slot->key;
}

/* New visitors get their ids from us (the import holds the write lock, so
 * max(id) + 1 onwards are free) and are written VISITOR_BATCH at a time,
 * like touchpoints. A visitor already in the project is found by a lookup,
 * skipped when the project had no visitors at all. */
gboolean
_rdm_import_flush_visitors (Import *import, GError **error)
{
  sqlite3_stmt *stmt;
  guint n = import->n_new_visitors;

  if (n == 0)
    return TRUE;
  import->n_new_visitors = 0;
  if (n == VISITOR_BATCH)
    {
      if (import->visitor_batch_sql == NULL)
        {
          GString *sql = g_string_new ("INSERT OR FAIL INTO visitor (id, external_id) VALUES ");

          for (guint i = 0; i < VISITOR_BATCH; i++)
            g_string_append (sql, i > 0 ? ", (?, ?)" : "(?, ?)");
          import->visitor_batch_sql = g_string_free (sql, FALSE);
        }
      stmt = _rdm_import_prepare (import, import->visitor_batch_sql, error);
      if (stmt == NULL)
        return FALSE;
      for (guint i = 0; i < n; i++)
        {
          sqlite3_bind_int64 (stmt, 2 * (int)i + 1, import->new_visitors[i].id);
          sqlite3_bind_text (stmt, 2 * (int)i + 2, import->new_visitors[i].key, -1, SQLITE_STATIC);
        }
      return _rdm_import_step_done (import, stmt, error);
    }
  stmt = _rdm_import_prepare (import, "INSERT INTO visitor (id, external_id) VALUES (?1, ?2)",
                              error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      sqlite3_bind_int64 (stmt, 1, import->new_visitors[i].id);
      sqlite3_bind_text (stmt, 2, import->new_visitors[i].key, -1, SQLITE_STATIC);
      if (!_rdm_import_step_done (import, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* With hundreds of thousands of visitors, the slot of a visitor is rarely
 * in the cache, nor the text of its key. So each row asks for the slot of
 * the next row's visitor, taken from the file as it stands when the fields
 * up to it are plain (no quotes); then, with its slot arrived, for the text
 * of its own visitor's key, which arrives while the rest of the row is
 * parsed. A row the look-ahead misreads (a quoted field, spaces around the
 * id, a line break inside quotes) only loses the hint. Returns the hash of
 * @external_id for visitor_index(). */
static guint64
prefetch_visitors (Import *import, int column, const char *external_id)
{
  guint64 hash = text_hash (external_id);
  const IdSlot *slot = &import->visitors.slots[hash & import->visitors.mask];
  char separator = rdm_csv_reader_get_separator (import->reader);
  gsize size;
  const char *data = rdm_csv_reader_get_text (import->reader, &size);
  const char *end = data + size;
  const char *p = data + rdm_csv_reader_get_offset (import->reader);

  if (slot->key != NULL)
    __builtin_prefetch (slot->key);
  for (int field = 0; p < end; field++)
    {
      const char *start = p;

      while (p < end && *p != separator && *p != '\n' && *p != '\r' && *p != '"' && *p != '\0')
        p++;
      if (field == column)
        {
          guint64 next = bytes_hash (start, (gsize)(p - start));

          __builtin_prefetch (&import->visitors.slots[next & import->visitors.mask]);
          break;
        }
      if (p == end || *p != separator)
        break;
      p++;
    }
  return hash;
}

/* The index of @external_id's visitor in import->visitor_ids, which is
 * where touchpoints keep it until they are written; @hash comes from
 * prefetch_visitors(). */
static gboolean
visitor_index (
    Import *import, const char *external_id, guint64 hash, guint32 *index, GError **error)
{
  sqlite3_stmt *stmt;
  IdSlot *pending;
  gint64 id = 0;

  if (id_map_lookup (&import->visitors, external_id, hash, &id))
    {
      *index = (guint32)id;
      return TRUE;
    }
  if (import->next_visitor == 0)
    {
      stmt = _rdm_import_prepare (import, "SELECT ifnull(max(id), 0) FROM visitor", error);
      if (stmt == NULL)
        return FALSE;
      if (sqlite3_step (stmt) != SQLITE_ROW)
        return rdm_project_set_sql_error (import->project, error, _ ("Finding a visitor"));
      import->next_visitor = sqlite3_column_int64 (stmt, 0) + 1;
      import->had_visitors = import->next_visitor > 1;
      sqlite3_reset (stmt);
    }
  if (import->had_visitors)
    {
      stmt = _rdm_import_prepare (import, "SELECT id FROM visitor WHERE external_id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, external_id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  *index = import->visitor_ids->len;
  if (id != 0)
    {
      g_array_append_val (import->visitor_ids, id);
      id_map_insert (&import->visitors, external_id, hash, *index);
      return TRUE;
    }
  id = import->next_visitor++;
  g_array_append_val (import->visitor_ids, id);
  pending = &import->new_visitors[import->n_new_visitors++];
  pending->id = id;
  pending->key = id_map_insert (&import->visitors, external_id, hash, *index);
  return import->n_new_visitors < VISITOR_BATCH || _rdm_import_flush_visitors (import, error);
}

static gint64
visitor_of (Import *import, guint32 index)
{
  return g_array_index (import->visitor_ids, gint64, index);
}

static gboolean
visitor_id (Import *import, const char *external_id, gint64 *id, GError **error)
{
  guint32 index;

  if (!visitor_index (import, external_id, text_hash (external_id), &index, error))
    return FALSE;
  *id = visitor_of (import, index);
  return TRUE;
}

static gboolean
channel_id (Import *import, const char *name, gint64 *id, GError **error)
{
  guint64 hash = text_hash (name);

  if (id_map_lookup (&import->channels, name, hash, id))
    return TRUE;
  *id = rdm_project_ensure_channel (import->project, name, error);
  if (*id < 0)
    return FALSE;
  id_map_insert (&import->channels, name, hash, *id);
  return TRUE;
}

gboolean
_rdm_import_source_channel (Import *import,
                            const char *source,
                            const char *medium,
                            const char *campaign,
                            gint64 *channel,
                            gint64 *source_id,
                            GError **error)
{
  const char *channel_name, *group;
  sqlite3_stmt *stmt;
  gboolean created;
  guint64 hash;

  g_string_truncate (import->scratch, 0);
  g_string_append (import->scratch, source);
  g_string_append_c (import->scratch, '\x1f');
  g_string_append (import->scratch, medium);
  g_string_append_c (import->scratch, '\x1f');
  g_string_append (import->scratch, campaign);
  hash = text_hash (import->scratch->str);
  if (id_map_lookup (&import->sources, import->scratch->str, hash, source_id))
    return id_map_lookup (&import->source_channels, import->scratch->str, hash, channel);

  if (import->channel_rules == NULL)
    {
      import->channel_rules = rdm_project_load_channel_rules (import->project, error);
      if (import->channel_rules == NULL)
        return FALSE;
    }
  rdm_channel_rules_apply (import->channel_rules, source, medium, campaign, &channel_name, &group);
  *channel = _rdm_project_ensure_channel_in_group (import->project, channel_name, group, TRUE,
                                                   &created, error);
  if (*channel < 0)
    return FALSE;

  stmt = _rdm_import_prepare (import,
                              "INSERT INTO traffic_source (source, medium, campaign)"
                              " VALUES (?1, ?2, ?3) ON CONFLICT DO UPDATE SET source = source"
                              " RETURNING id",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, source, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, medium, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, campaign, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return rdm_project_set_sql_error (import->project, error, _ ("Adding a traffic source"));
    }
  *source_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  /* the scratch text was the key; the lookups above did not change it */
  id_map_insert (&import->sources, import->scratch->str, hash, *source_id);
  id_map_insert (&import->source_channels, import->scratch->str, hash, *channel);
  return TRUE;
}

/* 0 (no campaign) for an empty name. */
static gboolean
campaign_id (Import *import, gint64 channel, const char *name, gint64 *id, GError **error)
{
  guint64 hash;

  *id = 0;
  if (*name == '\0')
    return TRUE;
  /* "channel id in hex, unit separator, name", without printf: once per row */
  g_string_truncate (import->scratch, 0);
  for (guint64 rest = (guint64)channel; rest != 0; rest >>= 4)
    g_string_append_c (import->scratch, "0123456789abcdef"[rest & 0xf]);
  g_string_append_c (import->scratch, '\x1f');
  g_string_append (import->scratch, name);
  hash = text_hash (import->scratch->str);
  if (id_map_lookup (&import->campaigns, import->scratch->str, hash, id))
    return TRUE;
  *id = rdm_project_ensure_campaign (import->project, channel, name, error);
  if (*id < 0)
    return FALSE;
  id_map_insert (&import->campaigns, import->scratch->str, hash, *id);
  return TRUE;
}

static void
bind_optional_id (sqlite3_stmt *stmt, int index, gint64 id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_touch (Import *import, sqlite3_stmt *stmt, int first, const TouchRow *row)
{
  sqlite3_bind_int64 (stmt, first, visitor_of (import, row->visitor));
  sqlite3_bind_int64 (stmt, first + 1, row->time);
  sqlite3_bind_int64 (stmt, first + 2, row->channel);
  bind_optional_id (stmt, first + 3, row->campaign);
  sqlite3_bind_int (stmt, first + 4, (int)row->interaction);
  sqlite3_bind_int64 (stmt, first + 5, row->page_views);
  bind_optional_id (stmt, first + 6, row->source);
}

static int
compare_touch_times (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const TouchRow *rows = user_data;
  gint64 x = rows[*(const gsize *)a].time, y = rows[*(const gsize *)b].time;

  return x < y ? -1 : x > y;
}

/* The order touchpoints are written in: by visitor, in order of first
 * appearance, then by time, ties in file order. A counting sort by visitor
 * keeps file order within each visitor, and a file in time order leaves
 * nothing more to sort. */
static gsize *
touch_order (Import *import)
{
  const TouchRow *rows = import->touches;
  gsize n = import->n_touches;
  guint n_visitors = import->visitor_ids->len;
  g_autofree gsize *end = g_new0 (gsize, n_visitors + 1);
  gsize *order = g_new (gsize, n);

  /* end[v + 1] counts the rows of v, then is where the next one goes */
  for (gsize i = 0; i < n; i++)
    end[rows[i].visitor + 1]++;
  for (guint v = 1; v <= n_visitors; v++)
    end[v] += end[v - 1];
  for (gsize i = 0; i < n; i++)
    order[end[rows[i].visitor]++] = i;
  /* now end[v] is where the rows of v end */
  for (gsize v = 0, from = 0; v < n_visitors; from = end[v++])
    for (gsize i = from + 1; i < end[v]; i++)
      if (rows[order[i]].time < rows[order[i - 1]].time)
        {
          /* stable, so ties stay in file order */
          g_qsort_with_data (order + from, (gint)(end[v] - from), sizeof *order,
                             compare_touch_times, (gpointer)rows);
          break;
        }
  return order;
}

/* Touchpoints are kept in memory until the whole file is read and checked,
 * then written in the order of the touchpoint index, (visitor, time, id):
 * the table and its index then both grow at their ends, where SQLite
 * appends a key to the last page instead of looking for its place among
 * millions, and the ids given in that order keep file order on ties, as
 * the index promises. That is faster than inserting in file order, and
 * than dropping the index to build it again after the rows (see
 * tests/bench/README.md).
 * Into a project that already has touchpoints, the new keys of a visitor
 * still go to one place in the index, visited once.
 *
 * They are written TOUCH_BATCH at a time with one multi-row INSERT: running
 * a statement has a fixed cost as large as inserting a row. OR FAIL rather
 * than the default OR ABORT: an aborting multi-row statement makes SQLite
 * keep a copy of every page it changes, to undo just that statement, and
 * this import undoes the whole transaction on any failure anyway. Every row
 * was already checked, so a batch never fails for a reason that "skip bad
 * rows" could skip. */
gboolean
_rdm_import_write_touchpoints (Import *import,
                               GCancellable *cancellable,
                               RdmImportProgressFunc progress,
                               gpointer progress_data,
                               double progress_from,
                               GError **error)
{
  const TouchRow *rows = import->touches;
  gsize n = import->n_touches;
  g_autofree gsize *order = NULL;
  sqlite3_stmt *batch = NULL, *single;
  gsize done = 0;

  if (n == 0)
    return TRUE;
  order = touch_order (import);
  if (n >= TOUCH_BATCH && import->touch_batch_sql == NULL)
    {
      GString *sql = g_string_new ("INSERT OR FAIL INTO touchpoint (import_id, visitor_id, time,"
                                   " channel_id, campaign_id, interaction, page_views, source_id)"
                                   " VALUES ");

      for (guint i = 0; i < TOUCH_BATCH; i++)
        g_string_append (sql, i > 0 ? ", (?1, ?, ?, ?, ?, ?, ?, ?)" : "(?1, ?, ?, ?, ?, ?, ?, ?)");
      import->touch_batch_sql = g_string_free (sql, FALSE);
    }
  if (n >= TOUCH_BATCH)
    {
      batch = _rdm_import_prepare (import, import->touch_batch_sql, error);
      if (batch == NULL)
        return FALSE;
      sqlite3_bind_int64 (batch, 1, import->import_id);
    }
  for (; n - done >= TOUCH_BATCH; done += TOUCH_BATCH)
    {
      if (done % (TOUCH_BATCH * 256) == 0 && done > 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress != NULL)
            progress (progress_from + (1 - progress_from) * (double)done / (double)n,
                      progress_data);
        }
      /* the rows are read out of order: fetching the next batch's while
       * this one is bound hides most of the cache misses */
      for (gsize i = done + TOUCH_BATCH; i < MIN (done + 2 * TOUCH_BATCH, n); i++)
        __builtin_prefetch (&rows[order[i]]);
      for (guint i = 0; i < TOUCH_BATCH; i++)
        bind_touch (import, batch, 2 + 7 * (int)i, &rows[order[done + i]]);
      if (!_rdm_import_step_done (import, batch, error))
        return FALSE;
    }
  single = _rdm_import_prepare (import,
                                "INSERT INTO touchpoint (import_id, visitor_id, time, channel_id,"
                                " campaign_id, interaction, page_views, source_id)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                error);
  if (single == NULL)
    return FALSE;
  for (; done < n; done++)
    {
      sqlite3_bind_int64 (single, 1, import->import_id);
      bind_touch (import, single, 2, &rows[order[done]]);
      if (!_rdm_import_step_done (import, single, error))
        return FALSE;
    }
  return TRUE;
}

/* The lines of the file after the current row, at least as many as its
 * rows left: the touchpoints are then stored in one allocation instead of
 * being copied at each doubling (a tenth of the import's time, with the
 * page faults of every copy). Memory never written is never resident. */
static gsize
lines_left (Import *import)
{
  gsize size;
  const char *data = rdm_csv_reader_get_text (import->reader, &size);
  const char *end = data + size;
  gsize lines = 0;

  for (const char *p = data + rdm_csv_reader_get_offset (import->reader);
       p < end && (p = memchr (p, '\n', (gsize)(end - p))) != NULL; p++)
    lines++;
  return lines;
}

static void
insert_touchpoint (Import *import,
                   guint32 visitor,
                   gint64 time,
                   gint64 channel,
                   gint64 campaign,
                   int interaction,
                   gint64 page_views,
                   gint64 source)
{
  if (import->n_touches == import->touches_alloc)
    {
      import->touches_alloc = import->touches_alloc == 0 ? MAX (lines_left (import) + 1, 4096)
                                                         : import->touches_alloc * 2;
      import->touches
          = rdm_large_array_renew (import->touches, import->touches_alloc * sizeof (TouchRow));
    }
  import->touches[import->n_touches++]
      = (TouchRow){ time, channel, campaign, page_views, source, visitor, (guint32)interaction };
}

static gboolean
insert_conversion (
    Import *import, gint64 visitor, gint64 time, const char *event, double value, GError **error)
{
  sqlite3_stmt *stmt
      = _rdm_import_prepare (import,
                             "INSERT INTO conversion (visitor_id, time, event, value, import_id)"
                             " VALUES (?1, ?2, ?3, ?4, ?5)",
                             error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, visitor);
  sqlite3_bind_int64 (stmt, 2, time);
  sqlite3_bind_text (stmt, 3, event, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 4, value);
  sqlite3_bind_int64 (stmt, 5, import->import_id);
  return _rdm_import_step_done (import, stmt, error);
}

static gboolean
insert_cost (Import *import,
             gint64 day,
             gint64 channel,
             gint64 campaign,
             const char *category,
             double amount,
             GError **error)
{
  sqlite3_stmt *stmt = _rdm_import_prepare (
      import,
      "INSERT INTO cost (day, channel_id, campaign_id, category, amount, import_id)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
      error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, day);
  sqlite3_bind_int64 (stmt, 2, channel);
  bind_optional_id (stmt, 3, campaign);
  sqlite3_bind_text (stmt, 4, category, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 5, amount);
  sqlite3_bind_int64 (stmt, 6, import->import_id);
  return _rdm_import_step_done (import, stmt, error);
}

/* A cost whose channel cell is empty or holds one of these words (case
 * aside) is shared by the channels (an agency fee, a tools licence): ROI
 * allocates it by the rule of the analysis settings. */
#define SHARED_CHANNEL "(shared)"
#define SHARED_CHANNEL_FR "(partagé)"
#define SHARED_CHANNEL_FR_UNACCENTED "(partage)"

gboolean
rdm_import_cost_is_shared (const char *channel)
{
  g_autofree char *folded = g_utf8_casefold (channel, -1);

  return *channel == '\0' || g_str_equal (folded, SHARED_CHANNEL)
         || g_str_equal (folded, SHARED_CHANNEL_FR)
         || g_str_equal (folded, SHARED_CHANNEL_FR_UNACCENTED);
}

const char *
rdm_import_cost_category (const char *text)
{
  /* the schema's names first, then French spreadsheet words */
  static const struct
  {
    const char *word;
    const char *category;
  } categories[] = {
    { "media", "media" },        { "content", "content" },       { "staff", "staff" },
    { "tools", "tools" },        { "training", "training" },     { "compliance", "compliance" },
    { "other", "other" },        { "média", "media" },           { "contenu", "content" },
    { "personnel", "staff" },    { "outils", "tools" },          { "outil", "tools" },
    { "formation", "training" }, { "conformité", "compliance" }, { "autre", "other" },
    { "autres", "other" },
  };
  g_autofree char *folded = g_utf8_casefold (text, -1);

  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    if (g_str_equal (folded, categories[i].word))
      return categories[i].category;
  return NULL;
}

static gboolean
insert_shared_cost (Import *import,
                    gint64 day,
                    const char *category,
                    double amount,
                    const char *description,
                    GError **error)
{
  sqlite3_stmt *stmt = _rdm_import_prepare (
      import,
      "INSERT INTO shared_cost (day, category, amount, description, import_id)"
      " VALUES (?1, ?2, ?3, ?4, ?5)",
      error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, day);
  sqlite3_bind_text (stmt, 2, category, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 3, amount);
  sqlite3_bind_text (stmt, 4, description, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, import->import_id);
  return _rdm_import_step_done (import, stmt, error);
}

/* Row writers. */

gboolean
_rdm_import_events_row (Import *import, GError **error)
{
  static const char *const types[] = { "impression", "click", "visit", "conversion" };
  const char *external_id, *type, *channel = NULL, *campaign = NULL, *event = NULL;
  gint64 time, page_views = 0, channel_key, campaign_key, source_key = 0;
  guint32 visitor_key;
  guint64 visitor_hash;
  double value = 0;
  int interaction = -1;

  if (!get_name (import, EV_VISITOR, &external_id, error))
    return FALSE;
  visitor_hash = prefetch_visitors (import, import->columns[EV_VISITOR], external_id);
  if (!get_time (import, EV_TIMESTAMP, &time, error))
    return FALSE;
  type = text_field (import, EV_TYPE);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_ascii_strcasecmp (type, types[i]) == 0)
      interaction = (int)i;
  if (interaction < 0)
    return bad_field (import, EV_TYPE, error, "%s", _ ("impression, click, visit or conversion"));

  if (interaction == 3)
    {
      event = text_field (import, EV_EVENT);
      if (*event == '\0')
        event = "purchase";
      if (!get_number (import, EV_VALUE, FALSE, &value, error))
        return FALSE;
      return visitor_index (import, external_id, visitor_hash, &visitor_key, error)
             && insert_conversion (import, visitor_of (import, visitor_key), time, event, value,
                                   error);
    }

  if (!get_count (import, EV_PAGE_VIEWS, &page_views, error))
    return FALSE;
  campaign = text_field (import, EV_CAMPAIGN);
  channel = text_field (import, EV_CHANNEL);
  /* a file that names the channel is followed; a source and a medium go
   * through the channel rules, and are kept for when the rules change */
  if (*channel != '\0')
    {
      if (!channel_id (import, channel, &channel_key, error))
        return FALSE;
    }
  else if (*text_field (import, EV_SOURCE) != '\0')
    {
      if (!_rdm_import_source_channel (import, text_field (import, EV_SOURCE),
                                       text_field (import, EV_MEDIUM), campaign, &channel_key,
                                       &source_key, error))
        return FALSE;
    }
  else if (import->columns[EV_CHANNEL] >= 0)
    return bad_field (import, EV_CHANNEL, error, "%s",
                      _ ("a channel name, or a source and medium for the channel rules"));
  else
    return bad_field (import, EV_SOURCE, error, "%s",
                      _ ("a source (with its medium) for the channel rules"));
  if (!campaign_id (import, channel_key, campaign, &campaign_key, error)
      || !visitor_index (import, external_id, visitor_hash, &visitor_key, error))
    return FALSE;
  insert_touchpoint (import, visitor_key, time, channel_key, campaign_key, interaction, page_views,
                     source_key);
  return TRUE;
}

/* The Kaggle "multi-touch attribution" layout: one row per impression, and
 * the row that converts (conversion = 1, interaction "conversion") also
 * carries the conversion. That row is kept as a touch too: the public path
 * tables built from this data count the converting row's channel as the
 * last touch, and doing the same lets our results be compared with them. */
gboolean
_rdm_import_kaggle_row (Import *import, GError **error)
{
  const char *external_id, *channel, *interaction;
  gint64 time, channel_key;
  guint32 visitor;
  gboolean converted = FALSE;
  double value;

  if (!get_name (import, KG_COOKIE, &external_id, error)
      || !get_time (import, KG_TIME, &time, error)
      || !get_flag (import, KG_CONVERSION, &converted, error)
      || !get_number (import, KG_CONVERSION_VALUE, FALSE, &value, error)
      || !get_name (import, KG_CHANNEL, &channel, error))
    return FALSE;
  interaction = text_field (import, KG_INTERACTION);
  if (*interaction != '\0' && g_ascii_strcasecmp (interaction, "impression") != 0
      && g_ascii_strcasecmp (interaction, "conversion") != 0)
    return bad_field (import, KG_INTERACTION, error, "%s", _ ("impression or conversion"));

  if (!visitor_index (import, external_id, text_hash (external_id), &visitor, error)
      || !channel_id (import, channel, &channel_key, error))
    return FALSE;
  insert_touchpoint (import, visitor, time, channel_key, 0, 0, 0, 0);
  return !converted
         || insert_conversion (import, visitor_of (import, visitor), time, "conversion", value,
                               error);
}

typedef struct
{
  gint64 visitor_id;
  gint64 time;
} ConversionKey;

typedef struct
{
  gint64 day;
  gint64 campaign_id;
} CostKey;

static guint
conversion_key_hash (gconstpointer key)
{
  const ConversionKey *k = key;

  return g_int64_hash (&k->visitor_id) * 31 + g_int64_hash (&k->time);
}

static gboolean
conversion_key_equal (gconstpointer a, gconstpointer b)
{
  const ConversionKey *x = a, *y = b;

  return x->visitor_id == y->visitor_id && x->time == y->time;
}

static guint
cost_key_hash (gconstpointer key)
{
  const CostKey *k = key;

  return g_int64_hash (&k->day) * 31 + g_int64_hash (&k->campaign_id);
}

static gboolean
cost_key_equal (gconstpointer a, gconstpointer b)
{
  const CostKey *x = a, *y = b;

  return x->day == y->day && x->campaign_id == y->campaign_id;
}

/* Criteo's attribution data set: every row is a display impression of the
 * channel "Criteo" (a click when click = 1) in the row's campaign. A
 * converting row names its conversion's time; the impressions that led to
 * one conversion all repeat it, so conversions are counted once per (uid,
 * conversion_timestamp). The data set gives no order value, so conversions
 * are worth 0. Costs are summed per day and campaign into "media" costs. */
gboolean
_rdm_import_criteo_row (Import *import, GError **error)
{
  const char *uid, *campaign;
  gint64 time, conversion_time = 0, campaign_key;
  guint32 visitor;
  gboolean converted = FALSE, clicked = FALSE;
  double cost;

  if (!get_time (import, CR_TIMESTAMP, &time, error) || !get_name (import, CR_UID, &uid, error)
      || !get_name (import, CR_CAMPAIGN, &campaign, error)
      || !get_flag (import, CR_CONVERSION, &converted, error)
      || !get_flag (import, CR_CLICK, &clicked, error)
      || !get_number (import, CR_COST, TRUE, &cost, error))
    return FALSE;
  if (converted && !get_time (import, CR_CONVERSION_TIMESTAMP, &conversion_time, error))
    return FALSE;

  if (import->criteo_channel == 0 && !channel_id (import, "Criteo", &import->criteo_channel, error))
    return FALSE;
  if (!visitor_index (import, uid, text_hash (uid), &visitor, error)
      || !campaign_id (import, import->criteo_channel, campaign, &campaign_key, error))
    return FALSE;
  insert_touchpoint (import, visitor, time, import->criteo_channel, campaign_key, clicked ? 1 : 0,
                     0, 0);

  if (cost != 0)
    {
      CostKey key = { rdm_csv_day_of (time), campaign_key };
      double *sum = g_hash_table_lookup (import->criteo_costs, &key);

      if (sum == NULL)
        {
          sum = g_new0 (double, 1);
          g_hash_table_insert (import->criteo_costs, g_memdup2 (&key, sizeof key), sum);
        }
      *sum += cost;
    }
  if (converted)
    {
      ConversionKey key = { visitor, conversion_time };

      if (!g_hash_table_contains (import->criteo_conversions, &key))
        {
          g_hash_table_add (import->criteo_conversions, g_memdup2 (&key, sizeof key));
          return insert_conversion (import, visitor_of (import, visitor), conversion_time,
                                    "conversion", 0, error);
        }
    }
  return TRUE;
}

static int
compare_cost_keys (gconstpointer a, gconstpointer b)
{
  const CostKey *x = a, *y = b;

  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;
  return x->campaign_id < y->campaign_id ? -1 : x->campaign_id > y->campaign_id;
}

gboolean
_rdm_import_criteo_finish (Import *import, GError **error)
{
  g_autoptr (GList) keys = g_hash_table_get_keys (import->criteo_costs);

  /* in day order, so the table reads naturally */
  keys = g_list_sort (keys, compare_cost_keys);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      const CostKey *key = l->data;
      const double *sum = g_hash_table_lookup (import->criteo_costs, key);

      if (!insert_cost (import, key->day, import->criteo_channel, key->campaign_id, "media", *sum,
                        error))
        return FALSE;
    }
  return TRUE;
}

/* Appends @step to @path @times times: GA4 shows a channel repeated on
 * consecutive touches as "Organic Search ×3". */
static void
append_step (GString *path, const char *step)
{
  const char *times_sign = g_strrstr (step, "×");
  gint64 times = 1;

  if (times_sign != NULL && times_sign > step
      && rdm_csv_parse_int64 (times_sign + strlen ("×"), &times) && times >= 1 && times <= 1000)
    {
      g_autofree char *name = g_strndup (step, times_sign - step);

      g_strstrip (name);
      if (*name != '\0')
        {
          for (gint64 t = 0; t < times; t++)
            g_string_append_printf (path, "%s%s", path->len > 0 ? " > " : "", name);
          return;
        }
    }
  g_string_append_printf (path, "%s%s", path->len > 0 ? " > " : "", step);
}

/* Writes the current record's path, conversions and value; @nulls_known
 * FALSE for an export without nulls, whose 0 means "unknown". */
static gboolean
write_path_row (Import *import, double nulls, gboolean nulls_known, GError **error)
{
  g_auto (GStrv) steps = NULL;
  g_autofree char *labelled = NULL;
  const char *path = text_field (import, PA_PATH);
  double conversions, value;
  GString *normalized = import->scratch;
  sqlite3_stmt *stmt;

  steps = g_strsplit (path, ">", -1);
  g_string_truncate (normalized, 0);
  /* an empty path has no step at all */
  if (steps[0] == NULL)
    return bad_field (import, PA_PATH, error, "%s",
                      _ ("channel names separated by “>” (“a > b > c”)"));
  for (guint i = 0; steps[i] != NULL; i++)
    {
      g_strstrip (steps[i]);
      if (*steps[i] == '\0')
        return bad_field (import, PA_PATH, error, "%s",
                          _ ("channel names separated by “>” (“a > b > c”)"));
      append_step (normalized, steps[i]);
    }
  if (!get_number (import, PA_CONVERSIONS, TRUE, &conversions, error)
      || !get_number (import, PA_VALUE, TRUE, &value, error))
    return FALSE;
  /* "source / medium" steps become channels by the project's rules, as
   * touches do; the steps are kept so that a changed rule re-labels them */
  if (import->source_paths)
    {
      if (import->channel_rules == NULL)
        {
          import->channel_rules = rdm_project_load_channel_rules (import->project, error);
          if (import->channel_rules == NULL)
            return FALSE;
        }
      labelled = rdm_channel_rules_apply_to_path (import->channel_rules, normalized->str);
    }

  stmt = _rdm_import_prepare (import,
                              "INSERT INTO path_row (path, conversions, value, nulls, import_id,"
                              " source_path, nulls_known) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                              error);
  if (stmt == NULL)
    return FALSE;
  if (labelled != NULL)
    sqlite3_bind_text (stmt, 1, labelled, -1, SQLITE_STATIC);
  else
    sqlite3_bind_text (stmt, 1, normalized->str, (int)normalized->len, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 2, conversions);
  sqlite3_bind_double (stmt, 3, value);
  sqlite3_bind_double (stmt, 4, nulls);
  sqlite3_bind_int64 (stmt, 5, import->import_id);
  if (import->source_paths)
    sqlite3_bind_text (stmt, 6, normalized->str, (int)normalized->len, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 6);
  sqlite3_bind_int (stmt, 7, nulls_known);
  return _rdm_import_step_done (import, stmt, error);
}

gboolean
_rdm_import_paths_row (Import *import, GError **error)
{
  double nulls;

  if (!get_number (import, PA_NULLS, TRUE, &nulls, error))
    return FALSE;
  return write_path_row (import, nulls, TRUE, error);
}

/* GA4's conversion paths list converting journeys only: the nulls are
 * stored as 0 and marked unknown, never guessed. */
gboolean
_rdm_import_ga4_paths_row (Import *import, GError **error)
{
  return write_path_row (import, 0, FALSE, error);
}

/* A day of an outcome: GA4 writes dates as YYYYMMDD (ISO 8601's basic
 * form), which would otherwise read as epoch seconds in 1970. */
static gboolean
get_outcome_day (Import *import, gint64 *day, GError **error)
{
  const char *text = text_field (import, OU_DATE);
  gint64 time = 0;
  gboolean parsed;

  if (strlen (text) == 8 && strspn (text, "0123456789") == 8)
    {
      g_autofree char *iso = g_strdup_printf ("%.4s-%.2s-%.2s", text, text + 4, text + 6);

      parsed = rdm_csv_parse_time (iso, &time);
    }
  else
    parsed = rdm_csv_parse_time (text, &time);
  if (!parsed || time < RDM_PROJECT_EARLIEST_TIME || time > RDM_PROJECT_LATEST_TIME)
    return bad_field (import, OU_DATE, error, "%s",
                      _ ("a day from 1970-01-01 to 2199-12-31 (YYYY-MM-DD, YYYYMMDD or "
                         "dd/mm/yyyy): export the report by day"));
  *day = rdm_csv_day_of (time);
  return TRUE;
}

gboolean
_rdm_import_outcomes_row (Import *import, GError **error)
{
  const char *region = "";
  double conversions, value;
  gint64 day = 0;
  sqlite3_stmt *stmt;

  if (!get_outcome_day (import, &day, error)
      || !get_number (import, OU_CONVERSIONS, TRUE, &conversions, error)
      || !get_number (import, OU_VALUE, TRUE, &value, error))
    return FALSE;
  if (import->preset->n_columns > OU_REGION)
    region = text_field (import, OU_REGION);
  stmt = _rdm_import_prepare (import,
                              "INSERT INTO outcome (day, region, conversions, value, import_id)"
                              " VALUES (?1, ?2, ?3, ?4, ?5)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, day);
  sqlite3_bind_text (stmt, 2, region, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 3, conversions);
  sqlite3_bind_double (stmt, 4, value);
  sqlite3_bind_int64 (stmt, 5, import->import_id);
  return _rdm_import_step_done (import, stmt, error);
}

gboolean
_rdm_import_costs_row (Import *import, GError **error)
{
  const char *channel, *campaign, *category;
  gint64 day, channel_key, campaign_key;
  double amount;
  gboolean shared;

  if (!get_day (import, CO_DATE, &day, error))
    return FALSE;
  channel = text_field (import, CO_CHANNEL);
  shared = rdm_import_cost_is_shared (channel);
  category = rdm_import_cost_category (text_field (import, CO_CATEGORY));
  if (category == NULL)
    return bad_field (import, CO_CATEGORY, error, "%s",
                      _ ("media, content, staff, tools, training, compliance or other"));
  if (!get_number (import, CO_AMOUNT, TRUE, &amount, error))
    return FALSE;
  campaign = text_field (import, CO_CAMPAIGN);
  if (shared)
    return *campaign != '\0'
               ? bad_field (import, CO_CAMPAIGN, error, "%s",
                            _ ("no campaign for a shared cost (a campaign belongs to one "
                               "channel; name the channel, or leave the campaign empty)"))
               : insert_shared_cost (import, day, category, amount,
                                     text_field (import, CO_DESCRIPTION), error);
  return channel_id (import, channel, &channel_key, error)
         && campaign_id (import, channel_key, campaign, &campaign_key, error)
         && insert_cost (import, day, channel_key, campaign_key, category, amount, error);
}

gboolean
_rdm_import_daily_row (Import *import, GError **error)
{
  const char *channel, *campaign;
  gint64 day, channel_key, campaign_key, counts[7];
  sqlite3_stmt *stmt;

  if (!get_day (import, DA_DATE, &day, error) || !get_name (import, DA_CHANNEL, &channel, error))
    return FALSE;
  for (int c = DA_IMPRESSIONS; c <= DA_FOLLOWERS; c++)
    if (!get_count (import, c, &counts[c - DA_IMPRESSIONS], error))
      return FALSE;
  campaign = text_field (import, DA_CAMPAIGN);
  if (!channel_id (import, channel, &channel_key, error)
      || !campaign_id (import, channel_key, campaign, &campaign_key, error))
    return FALSE;

  stmt = _rdm_import_prepare (import,
                              "INSERT INTO campaign_daily (day, channel_id, campaign_id,"
                              " impressions, clicks, engagements, likes, shares, comments,"
                              " followers, import_id)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, day);
  sqlite3_bind_int64 (stmt, 2, channel_key);
  bind_optional_id (stmt, 3, campaign_key);
  for (int i = 0; i < 7; i++)
    sqlite3_bind_int64 (stmt, 4 + i, counts[i]);
  sqlite3_bind_int64 (stmt, 11, import->import_id);
  return _rdm_import_step_done (import, stmt, error);
}

gboolean
_rdm_import_attributes_row (Import *import, GError **error)
{
  const char *external_id;
  gint64 visitor;

  if (!get_name (import, AT_VISITOR, &external_id, error)
      || !visitor_id (import, external_id, &visitor, error))
    return FALSE;
  for (guint i = 0; i < import->attribute_fields->len; i++)
    {
      int field = g_array_index (import->attribute_fields, int, i);
      const char *value = rdm_csv_reader_strip_field (import->reader, field);
      sqlite3_stmt *stmt;

      if (*value == '\0')
        continue;
      stmt = _rdm_import_prepare (import,
                                  "INSERT OR REPLACE INTO visitor_attribute (visitor_id, key,"
                                  " value) VALUES (?1, ?2, ?3)",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, visitor);
      sqlite3_bind_text (stmt, 2, import->header[field], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, value, -1, SQLITE_STATIC);
      if (!_rdm_import_step_done (import, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_rdm_import_survey_row (Import *import, GError **error)
{
  const char *metric, *source;
  gint64 day;
  double value;
  sqlite3_stmt *stmt;

  if (!get_day (import, SU_DATE, &day, error) || !get_name (import, SU_METRIC, &metric, error)
      || !get_number (import, SU_VALUE, FALSE, &value, error))
    return FALSE;
  source = text_field (import, SU_SOURCE);
  stmt = _rdm_import_prepare (import,
                              "INSERT INTO series_value (day, metric, value, source, import_id)"
                              " VALUES (?1, ?2, ?3, ?4, ?5)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, day);
  sqlite3_bind_text (stmt, 2, metric, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 3, value);
  sqlite3_bind_text (stmt, 4, source, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, import->import_id);
  return _rdm_import_step_done (import, stmt, error);
}

/* The channel an experiment names: one the project already has, since an
 * experiment measures a channel whose touches or costs are there; a new
 * name is most likely a typo, so the message lists the channels. */
static gboolean
experiment_channel (Import *import, gint64 *id, GError **error)
{
  const char *name;
  sqlite3_stmt *stmt;
  g_autoptr (GString) names = NULL;
  int rc;

  if (!get_name (import, EX_CHANNEL, &name, error))
    return FALSE;
  if (id_map_lookup (&import->channels, name, text_hash (name), id))
    return TRUE;
  stmt = _rdm_import_prepare (import, "SELECT id FROM channel WHERE name = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  *id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return rdm_project_set_sql_error (import->project, error, _ ("Finding a channel"));
  if (*id > 0)
    {
      id_map_insert (&import->channels, name, text_hash (name), *id);
      return TRUE;
    }
  stmt = _rdm_import_prepare (import, "SELECT name FROM channel ORDER BY name", error);
  if (stmt == NULL)
    return FALSE;
  names = g_string_new (NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (names, "%s“%s”", names->len > 0 ? ", " : "",
                            (const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (names->len == 0)
    return bad_field (import, EX_CHANNEL, error, "%s",
                      _ ("a channel of the project, which has none yet (import events or costs "
                         "first)"));
  /* TRANSLATORS: %s lists the project's channels */
  return bad_field (import, EX_CHANNEL, error, _ ("a channel of the project (%s)"), names->str);
}

/* An incrementality experiment (SPEC.md, "Incrementality and ground
 * truth"): a channel, its first and last day (both included), the
 * incremental conversions measured with their interval, and optionally
 * their value and the method. The estimate must lie within its interval.
 * Conversions, the interval's upper bound and the value are ≥ 0; the
 * lower bound may be below 0, as an inconclusive test reports it. The
 * method is free text, shown and not interpreted: tests are named in many
 * ways ("conversion lift", "geo holdout", "A/B", "ghost ads"…). The share
 * of the spend the control kept, when given, is from 0 (a holdout, as
 * when it is not given) to below 1: a test that cut the spend by 30 %
 * kept 0.7, and measured what the last 30 % brought. */
gboolean
_rdm_import_experiments_row (Import *import, GError **error)
{
  gint64 channel, start, end;
  double incremental, low, high, value = 0, spend_kept = 0;
  gboolean has_value;
  const char *method;
  sqlite3_stmt *stmt;

  if (!experiment_channel (import, &channel, error) || !get_day (import, EX_START, &start, error)
      || !get_day (import, EX_END, &end, error))
    return FALSE;
  if (end < start)
    return bad_field (import, EX_END, error, "%s",
                      _ ("a last day on or after the first day (start)"));
  if (!get_number (import, EX_INCREMENTAL, TRUE, &incremental, error)
      || !get_number (import, EX_CI_LOW, FALSE, &low, error)
      || !get_number (import, EX_CI_HIGH, TRUE, &high, error))
    return FALSE;
  if (low > incremental)
    /* TRANSLATORS: %s is a number as it was typed */
    return bad_field (import, EX_CI_LOW, error,
                      _ ("a lower bound at most the incremental conversions (%s)"),
                      text_field (import, EX_INCREMENTAL));
  if (high < incremental)
    return bad_field (import, EX_CI_HIGH, error,
                      _ ("an upper bound at least the incremental conversions (%s)"),
                      text_field (import, EX_INCREMENTAL));
  has_value = *text_field (import, EX_VALUE) != '\0';
  if (has_value && !get_number (import, EX_VALUE, TRUE, &value, error))
    return FALSE;
  method = text_field (import, EX_METHOD);
  if (!get_number (import, EX_SPEND_KEPT, TRUE, &spend_kept, error))
    return FALSE;
  if (spend_kept >= 1.0)
    return bad_field (import, EX_SPEND_KEPT, error, "%s",
                      import->decimal_comma
                          ? _ ("a share of the spend below 1 (0 for a holdout, 0,7 for a cut of "
                               "30 %)")
                          : _ ("a share of the spend below 1 (0 for a holdout, 0.7 for a cut of "
                               "30 %)"));

  stmt = _rdm_import_prepare (import,
                              "INSERT INTO experiment (channel_id, start_day, end_day,"
                              " incremental_conversions, ci_low, ci_high, incremental_value,"
                              " method, import_id, spend_kept)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, channel);
  sqlite3_bind_int64 (stmt, 2, start);
  sqlite3_bind_int64 (stmt, 3, end);
  sqlite3_bind_double (stmt, 4, incremental);
  sqlite3_bind_double (stmt, 5, low);
  sqlite3_bind_double (stmt, 6, high);
  if (has_value)
    sqlite3_bind_double (stmt, 7, value);
  else
    sqlite3_bind_null (stmt, 7);
  sqlite3_bind_text (stmt, 8, method, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 9, import->import_id);
  sqlite3_bind_double (stmt, 10, spend_kept);
  return _rdm_import_step_done (import, stmt, error);
}

/* The statement cache, the id maps and the Criteo sums, which the row
 * writers fill; _rdm_import_clear() frees them. */
void
_rdm_import_init_writers (Import *import)
{
  import->statements = g_hash_table_new (g_direct_hash, g_direct_equal);
  id_map_init (&import->visitors);
  import->visitor_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  id_map_init (&import->channels);
  id_map_init (&import->campaigns);
  id_map_init (&import->sources);
  id_map_init (&import->source_channels);
  import->criteo_conversions
      = g_hash_table_new_full (conversion_key_hash, conversion_key_equal, g_free, NULL);
  import->criteo_costs = g_hash_table_new_full (cost_key_hash, cost_key_equal, g_free, g_free);
  import->scratch = g_string_sized_new (256);
  import->notes = g_ptr_array_new_with_free_func (g_free);
}

void
_rdm_import_clear (Import *import)
{
  g_clear_pointer (&import->reader, rdm_csv_reader_free);
  g_clear_pointer (&import->header, g_strfreev);
  g_clear_pointer (&import->statements, g_hash_table_unref);
  g_clear_pointer (&import->touch_batch_sql, g_free);
  g_clear_pointer (&import->visitor_batch_sql, g_free);
  id_map_clear (&import->visitors);
  g_clear_pointer (&import->visitor_ids, g_array_unref);
  g_clear_pointer (&import->touches, g_free);
  id_map_clear (&import->channels);
  id_map_clear (&import->campaigns);
  id_map_clear (&import->sources);
  id_map_clear (&import->source_channels);
  g_clear_pointer (&import->channel_rules, rdm_channel_rules_free);
  g_clear_pointer (&import->criteo_conversions, g_hash_table_unref);
  g_clear_pointer (&import->criteo_costs, g_hash_table_unref);
  g_clear_pointer (&import->attribute_fields, g_array_unref);
  g_clear_pointer (&import->channel_override, g_free);
  g_clear_pointer (&import->notes, g_ptr_array_unref);
  if (import->scratch != NULL)
    g_string_free (g_steal_pointer (&import->scratch), TRUE);
}

/* Shared with rdm-import-platforms.c. */

gboolean
_rdm_import_bad_field (Import *import, int column, GError **error, const char *expected_format, ...)
{
  va_list args;

  va_start (args, expected_format);
  bad_field_valist (import, column, error, expected_format, args);
  va_end (args);
  return FALSE;
}

const char *
_rdm_import_text_field (Import *import, int column)
{
  return text_field (import, column);
}

gboolean
_rdm_import_channel_id (Import *import, const char *name, gint64 *id, GError **error)
{
  return channel_id (import, name, id, error);
}

gboolean
_rdm_import_campaign_id (
    Import *import, gint64 channel, const char *name, gint64 *id, GError **error)
{
  return campaign_id (import, channel, name, id, error);
}

void
_rdm_import_bind_optional_id (sqlite3_stmt *stmt, int index, gint64 id)
{
  bind_optional_id (stmt, index, id);
}
