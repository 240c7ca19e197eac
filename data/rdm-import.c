/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Importers: CSV files of every format in the spec into a project, one
 * transaction per file.
 *
 * A preset says which columns a format has (canonical names, with the
 * header spellings that mean the same, French ones included) and how one
 * row is written. Every row is fully parsed and checked before anything is
 * written for it, so a rejected row (with "skip bad rows") leaves no trace,
 * and without that option the first bad row rolls the whole file back.
 *
 * Ids of visitors, channels and campaigns are cached in hash maps for the
 * length of one import, so the hot path is: parse the fields in place, look
 * up three ids, keep the touchpoint; touchpoints are written at the end, in
 * index order, 64 rows per INSERT (see _rdm_import_write_touchpoints()).
 * rdm_import_file() explains the connection settings changed for speed
 * (foreign keys, CHECKs, cache spilling) and why that is safe.
 *
 * The presets and header matching are in rdm-import-presets.c, the row
 * writers and their id maps and batches in rdm-import-rows.c; this file
 * opens the file, runs the rows in one transaction and logs the import.
 */

#include "config.h"

#include <inttypes.h>

#include <string.h>
#include <glib/gi18n-lib.h>

#include "rdm-import-private.h"

/* The quark name is a bare dashed token, which clang-format would split. */
/* clang-format off */
G_DEFINE_QUARK (rdm-import-error-quark, rdm_import_error)
/* clang-format on */

#define PROGRESS_EVERY 16384

void
rdm_import_reject_free (RdmImportReject *reject)
{
  if (reject == NULL)
    return;
  g_free (reject->message);
  g_free (reject);
}

void
rdm_import_report_free (RdmImportReport *report)
{
  if (report == NULL)
    return;
  g_free (report->file_name);
  g_free (report->preset);
  g_free (report->currency);
  g_clear_pointer (&report->notes, g_ptr_array_unref);
  g_clear_pointer (&report->rejects, g_ptr_array_unref);
  g_free (report);
}

void
rdm_import_preview_free (RdmImportPreview *preview)
{
  if (preview == NULL)
    return;
  g_strfreev (preview->header);
  g_free (preview->skipped);
  g_clear_pointer (&preview->rows, g_ptr_array_unref);
  g_strfreev (preview->columns);
  g_strfreev (preview->mapped_header);
  g_free (preview->problem);
  g_free (preview->reason);
  g_free (preview);
}

static GStrv
record_strv (RdmCsvReader *reader)
{
  guint n = rdm_csv_reader_get_n_fields (reader);
  GStrv fields = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    fields[i] = g_strdup (rdm_csv_reader_get_field (reader, i, NULL));
  return fields;
}

/* A column named twice (spelled alike but for case) would leave which one
 * is read to chance: refused, naming both. Unnamed columns may repeat. */
static gboolean
check_distinct_columns (const char *file_name, guint64 line, GStrv header, GError **error)
{
  g_auto (GStrv) normalized = _rdm_import_normalize_header (header);

  for (guint j = 1; normalized[j] != NULL; j++)
    for (guint i = 0; i < j; i++)
      if (*normalized[j] != '\0' && g_str_equal (normalized[i], normalized[j]))
        {
          g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_HEADER,
                       _ ("%s:%" PRIu64 ":%u: the column “%s” is named twice, in columns %u and "
                          "%u: name each column once"),
                       file_name, line, j + 1, header[j], i + 1, j + 1);
          return FALSE;
        }
  return TRUE;
}

/* The day of a GA4 comment's date ("20261001"), or 0. */
static gint64
comment_day (const char *text)
{
  g_autofree char *iso = NULL;
  gint64 time;

  while (*text == ' ' || *text == ':' || *text == '\t')
    text++;
  if (strlen (text) < 8 || strspn (text, "0123456789") != 8 || text[8 + strspn (text + 8, " \t")])
    return 0;
  iso = g_strdup_printf ("%.4s-%.2s-%.2s", text, text + 4, text + 6);
  return rdm_csv_parse_time (iso, &time) ? rdm_csv_day_of (time) : 0;
}

/* The period GA4's comment block states ("# Start date: 20261001", "# End
 * date: 20261231", or in French "# Date de début : …", "# Date de fin :
 * …"); 0 for a bound it does not state. */
static void
read_comment_period (const GPtrArray *comments, gint64 *start, gint64 *end)
{
  static const struct
  {
    const char *key;
    gboolean end;
  } keys[] = {
    { "start date", FALSE },
    { "date de début", FALSE },
    { "end date", TRUE },
    { "date de fin", TRUE },
  };

  *start = *end = 0;
  for (guint i = 0; i < comments->len; i++)
    {
      g_autofree char *folded = _rdm_import_fold_comment (comments->pdata[i]);

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        if (g_str_has_prefix (folded, keys[k].key))
          {
            gint64 day = comment_day (folded + strlen (keys[k].key));

            if (day != 0)
              *(keys[k].end ? end : start) = day;
          }
    }
}

/* The header of the reader's current table, or FALSE at the end. */
static gboolean
read_header (RdmCsvReader *reader, GStrv *header, GError **error)
{
  if (!rdm_csv_reader_next (reader, error))
    return FALSE;
  *header = record_strv (reader);
  for (guint i = 0; (*header)[i] != NULL; i++)
    g_strstrip ((*header)[i]);
  return TRUE;
}

/* Of a file of several tables, the first that a preset reads (with
 * @options), counted from 0; 0 when none does. Read with a reader of its
 * own over the same bytes, so that @reader stays at its first table. */
static guint
find_known_table (RdmCsvReader *reader, const RdmImportOptions *options)
{
  gsize size;
  const guint8 *data = rdm_csv_reader_get_bytes (reader, &size);
  g_autoptr (GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr (RdmCsvReader) scout = rdm_csv_reader_new_for_data ("", bytes);

  rdm_csv_reader_set_comment_marker (scout, '#');
  for (guint table = 0;; table++)
    {
      g_auto (GStrv) header = NULL;

      if (read_header (scout, &header, NULL))
        {
          g_auto (GStrv) normalized = _rdm_import_normalize_header (header);
          const Preset *preset = _rdm_import_choose_preset (
              options, "", 1, header, normalized,
              _rdm_import_ga4_flags (rdm_csv_reader_get_comments (scout)), NULL);
          int columns[MAX_COLUMNS];

          /* a preset the user named is chosen whatever the header: the
           * table is the first one it can read */
          if (preset != NULL
              && _rdm_import_resolve_columns (preset, "", 1, header, normalized,
                                              options != NULL ? options->mapping : NULL, columns,
                                              NULL)
                     >= 0)
            return table;
        }
      if (!rdm_csv_reader_next_table (scout))
        return 0;
    }
}

/* How many records may come before the header: a report's title and
 * date range, a block of comments. */
#define HEADER_SEARCH 20

static GStrv
stripped_record (RdmCsvReader *reader)
{
  GStrv record = record_strv (reader);

  for (guint i = 0; record[i] != NULL; i++)
    g_strstrip (record[i]);
  return record;
}

/* Reads the records of @reader from its start up to the first that
 * _rdm_import_header_is_known() accepts, within HEADER_SEARCH records;
 * with a NULL @options, up to the first with more than one field. */
static gboolean
find_header (RdmCsvReader *reader, const RdmImportOptions *options, GStrv *header, GError **error)
{
  rdm_csv_reader_rewind (reader);
  for (guint n = 0; n < HEADER_SEARCH && rdm_csv_reader_next (reader, error); n++)
    {
      g_auto (GStrv) record = stripped_record (reader);

      if (options != NULL ? _rdm_import_header_is_known (options, record)
                          : g_strv_length (record) > 1)
        {
          *header = g_steal_pointer (&record);
          return TRUE;
        }
    }
  return FALSE;
}

/* Opens @path and reads its header. A file that opens with GA4's comment
 * block ("# …" lines) is read as GA4 writes it: a series of tables, each
 * after its own block; the table read is the first one a preset
 * recognises, or else the first. Another file's header is the first record
 * when it is one a preset reads, else the first such record within
 * HEADER_SEARCH records (after a report's title lines), trying each
 * separator, since the lines before it ("October 1, 2026 - December 31,
 * 2026") may have misled the reader's guess; when none is, the first
 * record with several fields, or the first record, so that the error names
 * what it holds. @header_line gets the header's line, @ga4 (nullable) the
 * GA4_* flags of its block, @table (nullable) which table is read, from
 * 1. */
static RdmCsvReader *
open_with_header (const char *path,
                  const RdmImportOptions *options,
                  GStrv *header,
                  guint64 *header_line,
                  guint *ga4,
                  guint *table,
                  GError **error)
{
  static const char separators[] = { ',', ';', '\t' };
  g_autoptr (RdmCsvReader) reader = rdm_csv_reader_new_for_path (path, error);
  g_autoptr (GError) local_error = NULL;
  const RdmImportOptions no_options = { 0 };
  gboolean comments;
  guint known = 0;
  gsize size, offset;
  const char *text;

  if (reader == NULL)
    return NULL;
  text = rdm_csv_reader_get_text (reader, &size);
  /* a UTF-8 BOM is part of the text, a UTF-16 one was decoded away */
  offset = rdm_csv_reader_has_bom (reader)
                   && g_str_equal (rdm_csv_reader_get_encoding (reader), "UTF-8")
               ? 3
               : 0;
  comments = size > offset && text[offset] == '#';
  if (comments)
    {
      rdm_csv_reader_set_comment_marker (reader, '#');
      known = find_known_table (reader, options);
      for (guint t = 0; t < known; t++)
        rdm_csv_reader_next_table (reader);
      read_header (reader, header, &local_error);
    }
  else
    {
      char guessed = rdm_csv_reader_get_separator (reader);

      find_header (reader, options != NULL ? options : &no_options, header, &local_error);
      for (guint i = 0; i < G_N_ELEMENTS (separators) && *header == NULL; i++)
        if (separators[i] != guessed)
          {
            g_autoptr (GError) ignored = NULL;

            /* a record misread with the wrong separator only fails this try */
            rdm_csv_reader_set_separator (reader, separators[i]);
            find_header (reader, options != NULL ? options : &no_options, header, &ignored);
          }
      if (*header == NULL)
        {
          rdm_csv_reader_set_separator (reader, guessed);
          if (local_error == NULL && !find_header (reader, NULL, header, &local_error)
              && local_error == NULL)
            {
              rdm_csv_reader_rewind (reader);
              read_header (reader, header, &local_error);
            }
        }
      else
        g_clear_error (&local_error);
    }
  if (ga4 != NULL)
    *ga4 = _rdm_import_ga4_flags (rdm_csv_reader_get_comments (reader));
  if (table != NULL)
    *table = known + 1;
  if (*header == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (comments)
        g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_EMPTY,
                     _ ("%s:%" PRIu64 ":1: the file holds a “#” comment block (as GA4 writes "
                        "one) and no table after it: expected a header line naming the columns"),
                     rdm_csv_reader_get_name (reader), rdm_csv_reader_get_line (reader));
      else
        g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_EMPTY,
                     _ ("%s:1:1: the file is empty: expected a header line naming the columns"),
                     rdm_csv_reader_get_name (reader));
      return NULL;
    }
  *header_line = rdm_csv_reader_get_line (reader);
  if (!check_distinct_columns (rdm_csv_reader_get_name (reader), *header_line, *header, error))
    {
      g_clear_pointer (header, g_strfreev);
      return NULL;
    }
  return g_steal_pointer (&reader);
}

/* "lines 1–2: before the header, skipped" (a report's title, a comment
 * block), or NULL when the header is on the first line. */
static char *
describe_preamble (guint64 header_line)
{
  if (header_line <= 1)
    return NULL;
  if (header_line == 2)
    return g_strdup (_ ("line 1: before the header, skipped"));
  return g_strdup_printf (_ ("lines 1–%" PRIu64 ": before the header, skipped"), header_line - 1);
}

RdmImportPreview *
rdm_import_preview (const char *path,
                    guint max_rows,
                    const RdmImportOptions *options,
                    GError **error)
{
  g_autoptr (RdmImportPreview) preview = g_new0 (RdmImportPreview, 1);
  g_autoptr (RdmCsvReader) reader = NULL;
  g_autoptr (GStrvBuilder) columns = g_strv_builder_new ();
  g_autoptr (GStrvBuilder) mapped = g_strv_builder_new ();
  g_autoptr (GError) local_error = NULL;
  g_auto (GStrv) normalized = NULL;
  g_autoptr (GError) unknown = NULL;
  g_autofree char *file_name = NULL;
  guint64 header_line;
  const Preset *preset;
  guint ga4 = 0;

  g_return_val_if_fail (path != NULL, NULL);

  reader = open_with_header (path, options, &preview->header, &preview->header_line, &ga4,
                             &preview->table, error);
  if (reader == NULL)
    return NULL;
  read_comment_period (rdm_csv_reader_get_comments (reader), &preview->period_start,
                       &preview->period_end);
  preview->separator = rdm_csv_reader_get_separator (reader);
  preview->bom = rdm_csv_reader_has_bom (reader);
  preview->encoding = rdm_csv_reader_get_encoding (reader);
  preview->skipped = describe_preamble (preview->header_line);
  preview->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  while (preview->rows->len < max_rows && rdm_csv_reader_next (reader, &local_error))
    g_ptr_array_add (preview->rows, record_strv (reader));
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  normalized = _rdm_import_normalize_header (preview->header);
  file_name = g_path_get_basename (path);
  header_line = preview->header_line;
  preset = _rdm_import_choose_preset (options, file_name, header_line, preview->header, normalized,
                                      ga4, ga4 ? &unknown : NULL);
  /* what a GA4 export can be imported as is worth more than "unknown" */
  if (unknown != NULL)
    preview->problem = g_strdup (unknown->message);
  if (preset != NULL)
    {
      int indexes[MAX_COLUMNS];
      g_autoptr (GError) problem = NULL;

      /* A mapping that misses a required column is still previewed: the
       * import assistant shows the problem and lets the user fix it. */
      if (_rdm_import_resolve_columns (preset, file_name, header_line, preview->header, normalized,
                                       options != NULL ? options->mapping : NULL, indexes, &problem)
          < 0)
        {
          preview->problem = g_strdup (problem->message);
          for (guint c = 0; c < preset->n_columns; c++)
            indexes[c] = -1;
        }
      preview->reason = _rdm_import_preset_reason (preset, preview->header, indexes, ga4,
                                                   options != NULL && options->preset != NULL);
      preview->kind = preset->kind;
      preview->preset = preset->name;
      for (guint c = 0; c < preset->n_columns; c++)
        {
          g_strv_builder_add (columns, preset->columns[c].name);
          g_strv_builder_add (mapped, indexes[c] >= 0 ? preview->header[indexes[c]] : "");
        }
    }
  preview->columns = g_strv_builder_end (columns);
  preview->mapped_header = g_strv_builder_end (mapped);
  return g_steal_pointer (&preview);
}

/* The SHA-256 of the file is computed in a thread of its own while the
 * rows are imported: it costs as much as a third of the import otherwise.
 * The duplicate check, which needs it, runs at the end, in the same
 * transaction, before COMMIT. */
typedef struct
{
  const guint8 *data;
  gsize size;
  gint stop; /* atomic: the import failed, the sum is not needed */
} HashJob;

static gpointer
hash_thread (gpointer user_data)
{
  HashJob *job = user_data;
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (gsize done = 0; done < job->size;)
    {
      gsize chunk = MIN (job->size - done, (gsize)16 << 20);

      if (g_atomic_int_get (&job->stop))
        return NULL;
      g_checksum_update (checksum, job->data + done, (gssize)chunk);
      done += chunk;
    }
  return g_strdup (g_checksum_get_string (checksum));
}

static gboolean
check_not_imported (Import *import, const char *checksum, GError **error)
{
  sqlite3_stmt *stmt = _rdm_import_prepare (import,
                                            "SELECT id, imported_at, file_name FROM import_log"
                                            " WHERE checksum = ?1 AND id <> ?2 ORDER BY id LIMIT 1",
                                            error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, checksum, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, import->import_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr (GDateTime) when = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 1));
      g_autofree char *date
          = when != NULL ? g_date_time_format (when, "%Y-%m-%d %H:%M:%S UTC") : g_strdup ("?");

      g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_DUPLICATE,
                   _ ("%s: the same file was already imported on %s (import %" PRId64
                      ", as “%s”); import it again only with --force"),
                   rdm_csv_reader_get_name (import->reader), date,
                   (gint64)sqlite3_column_int64 (stmt, 0), sqlite3_column_text (stmt, 2));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static void
add_reject (RdmImportReport *report, RdmCsvReader *reader, const GError *error)
{
  RdmImportReject *reject = g_new0 (RdmImportReject, 1);
  g_autofree char *prefix = g_strdup_printf ("%s:", rdm_csv_reader_get_name (reader));
  const char *rest = error->message;

  reject->message = g_strdup (error->message);
  reject->line = rdm_csv_reader_get_line (reader);
  reject->column = 1;
  /* the position is in the message: FILE:LINE:COLUMN: */
  if (g_str_has_prefix (rest, prefix))
    {
      char *end = NULL;

      rest += strlen (prefix);
      reject->line = g_ascii_strtoull (rest, &end, 10);
      if (end != NULL && *end == ':')
        reject->column = (guint)g_ascii_strtoull (end + 1, NULL, 10);
    }
  g_ptr_array_add (report->rejects, reject);
}

static gboolean
import_rows (Import *import,
             const RdmImportOptions *options,
             RdmImportReport *report,
             GCancellable *cancellable,
             RdmImportProgressFunc progress,
             gpointer progress_data,
             GError **error)
{
  g_autoptr (GError) local_error = NULL;
  /* of the time, spent reading rows rather than writing the touchpoints
   * kept for the end (about even, measured on an event log) */
  double read_share = import->preset->kind == RDM_IMPORT_KIND_EVENTS ? 0.5 : 1.0;
  gsize size;

  rdm_csv_reader_get_text (import->reader, &size);
  while (rdm_csv_reader_next (import->reader, &local_error))
    {
      guint n_fields = rdm_csv_reader_get_n_fields (import->reader);
      g_autoptr (GError) row_error = NULL;

      report->rows_read++;
      if (report->rows_read % PROGRESS_EVERY == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress != NULL)
            progress (read_share * (double)rdm_csv_reader_get_offset (import->reader)
                          / (double)size,
                      progress_data);
        }
      if (n_fields != import->n_header)
        g_set_error (&row_error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                     _ ("%s:%" PRIu64 ":1: expected %u fields like the header, got %u"),
                     rdm_csv_reader_get_name (import->reader),
                     rdm_csv_reader_get_line (import->reader), import->n_header, n_fields);
      else if (import->preset->row (import, &row_error))
        {
          if (import->row_skipped)
            report->rows_skipped++;
          else
            report->rows_imported++;
          import->row_skipped = FALSE;
          continue;
        }
      if (!g_error_matches (row_error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW)
          || options == NULL || !options->skip_bad_rows)
        {
          g_propagate_error (error, g_steal_pointer (&row_error));
          return FALSE;
        }
      add_reject (report, import->reader, row_error);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (report->rows_read == 0)
    {
      g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_EMPTY,
                   _ ("%s:%" PRIu64 ":1: the file has a header line but no rows: expected at "
                      "least one row"),
                   rdm_csv_reader_get_name (import->reader), import->header_line + 1);
      return FALSE;
    }
  if (report->rows_imported == 0 && report->rejects->len == 0)
    {
      g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_EMPTY,
                   _ ("%s: every row after the header is a total or summary row: expected at least "
                      "one row of data"),
                   rdm_csv_reader_get_name (import->reader));
      return FALSE;
    }
  if (report->rows_imported == 0)
    {
      const RdmImportReject *first = report->rejects->pdata[0];

      /* "skip bad rows" with nothing good: an import of nothing is a
       * mistake to report, not a success */
      g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: %" PRIu64
                                " row read, and rejected, so nothing was imported: %s",
                                "%s: %" PRIu64 " rows read, all rejected, so nothing was imported; "
                                "the first: %s",
                                report->rows_read),
                   rdm_csv_reader_get_name (import->reader), report->rows_read, first->message);
      return FALSE;
    }
  if (!_rdm_import_flush_visitors (import, error)
      || !_rdm_import_write_touchpoints (import, cancellable, progress, progress_data, read_share,
                                         error))
    return FALSE;
  if (import->preset->finish != NULL && !import->preset->finish (import, error))
    return FALSE;
  if (progress != NULL)
    progress (1.0, progress_data);
  return TRUE;
}

static gboolean
write_log (Import *import,
           const char *file_name,
           const char *checksum,
           RdmImportReport *report,
           GError **error)
{
  sqlite3_stmt *stmt;

  if (import->import_id == 0)
    {
      stmt = _rdm_import_prepare (import,
                                  "INSERT INTO import_log (file_name, checksum, kind, preset,"
                                  " imported_at, rows, rejects, period_start, period_end)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, 0, 0, nullif (?6, 0),"
                                  " nullif (?7, 0))",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, file_name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, checksum, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, rdm_import_kind_to_string (import->preset->kind), -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, import->preset->name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
      sqlite3_bind_int64 (stmt, 6, report->period_start);
      sqlite3_bind_int64 (stmt, 7, report->period_end);
      if (!_rdm_import_step_done (import, stmt, error))
        return FALSE;
      import->import_id = sqlite3_last_insert_rowid (import->db);
      return TRUE;
    }
  stmt = _rdm_import_prepare (import,
                              "UPDATE import_log SET checksum = ?1, rows = ?2, rejects = ?3,"
                              " currency = ?5 WHERE id = ?4",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, checksum, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, (gint64)report->rows_imported);
  sqlite3_bind_int64 (stmt, 3, (gint64)report->rejects->len);
  sqlite3_bind_int64 (stmt, 4, import->import_id);
  if (import->currency[0] != '\0')
    sqlite3_bind_text (stmt, 5, import->currency, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 5);
  return _rdm_import_step_done (import, stmt, error);
}

static gboolean
get_pragma (RdmProject *project, const char *sql, gint64 *value, GError **error)
{
  sqlite3_stmt *stmt = rdm_project_prepare (project, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return rdm_project_set_sql_error (project, error, _ ("Reading the connection’s settings"));
  *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/* TRUE when the connection's journal is now @mode. */
static gboolean
set_journal_mode (RdmProject *project, const char *mode)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA journal_mode = %s", mode);
  sqlite3_stmt *stmt = rdm_project_prepare (project, sql, NULL);
  gboolean set;

  if (stmt == NULL)
    return FALSE;
  set = sqlite3_step (stmt) == SQLITE_ROW
        && g_ascii_strcasecmp ((const char *)sqlite3_column_text (stmt, 0), mode) == 0;
  sqlite3_reset (stmt);
  return set;
}

/* Back to the connection's own settings. */
static void
restore_pragmas (Import *import)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA foreign_keys = %" G_GINT64_FORMAT ";"
                                          "PRAGMA ignore_check_constraints = OFF;"
                                          "PRAGMA cache_spill = ON;",
                                          import->foreign_keys);

  /* cannot fail outside a transaction */
  rdm_project_exec (import->project, sql, NULL);
  /* when another connection opened the file meanwhile, the next one to
   * open it alone sets WAL again (rdm-project.c) */
  if (import->rollback_journal && set_journal_mode (import->project, "WAL"))
    rdm_project_exec (import->project, "PRAGMA synchronous = NORMAL", NULL);
}

gboolean
rdm_import_file (RdmProject *project,
                 const char *path,
                 const RdmImportOptions *options,
                 GCancellable *cancellable,
                 RdmImportProgressFunc progress,
                 gpointer progress_data,
                 RdmImportReport **out_report,
                 GError **error)
{
  g_auto (Import) import = { 0 };
  g_autoptr (RdmImportReport) report = NULL;
  g_auto (GStrv) normalized = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *file_name = NULL;
  HashJob job = { 0 };
  GThread *hasher;
  gboolean ok;
  guint ga4 = 0;

  g_return_val_if_fail (RDM_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  import.project = project;
  import.db = rdm_project_get_db (project);
  import.reader
      = open_with_header (path, options, &import.header, &import.header_line, &ga4, NULL, error);
  if (import.reader == NULL)
    return FALSE;
  import.n_header = g_strv_length (import.header);
  normalized = _rdm_import_normalize_header (import.header);
  import.preset
      = _rdm_import_choose_preset (options, rdm_csv_reader_get_name (import.reader),
                                   import.header_line, import.header, normalized, ga4, error);
  if (import.preset == NULL
      || _rdm_import_resolve_columns (import.preset, rdm_csv_reader_get_name (import.reader),
                                      import.header_line, import.header, normalized,
                                      options != NULL ? options->mapping : NULL, import.columns,
                                      error)
             < 0)
    return FALSE;
  if (options != NULL && options->channel != NULL)
    {
      if (import.preset->platform == NULL)
        {
          g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_MAPPING,
                       _ ("%s: a channel is chosen for the rows of ad-platform exports only, and "
                          "the preset “%s” names the channel of each row itself"),
                       rdm_csv_reader_get_name (import.reader), import.preset->name);
          return FALSE;
        }
      import.channel_override = g_strstrip (g_strdup (options->channel));
      if (*import.channel_override == '\0')
        {
          g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_MAPPING, "%s",
                       _ ("The channel chosen for the file’s rows is empty: expected a channel "
                          "name"));
          return FALSE;
        }
    }

  import.decimal_comma = rdm_csv_reader_get_separator (import.reader) == ';';
  _rdm_import_init_writers (&import);
  if (import.preset->platform != NULL && !_rdm_import_platform_start (&import, error))
    return FALSE;
  import.attribute_fields = g_array_new (FALSE, FALSE, sizeof (int));
  if (import.preset->kind == RDM_IMPORT_KIND_ATTRIBUTES)
    for (guint i = 0; i < import.n_header; i++)
      if ((int)i != import.columns[AT_VISITOR] && *import.header[i] != '\0')
        g_array_append_val (import.attribute_fields, i);

  report = g_new0 (RdmImportReport, 1);
  report->rejects = g_ptr_array_new_with_free_func ((GDestroyNotify)rdm_import_reject_free);
  report->kind = import.preset->kind;
  report->preset = g_strdup (import.preset->name);
  report->separator = rdm_csv_reader_get_separator (import.reader);
  report->encoding = rdm_csv_reader_get_encoding (import.reader);
  report->header_line = import.header_line;
  report->notes = g_ptr_array_new_with_free_func (g_free);
  {
    char *preamble = describe_preamble (import.header_line);

    if (preamble != NULL)
      g_ptr_array_add (report->notes, preamble);
  }
  read_comment_period (rdm_csv_reader_get_comments (import.reader), &report->period_start,
                       &report->period_end);
  if (import.preset->kind == RDM_IMPORT_KIND_PATHS && import.columns[PA_PATH] >= 0)
    import.source_paths = strchr (normalized[import.columns[PA_PATH]], '/') != NULL;
  /* "-" is standard input, named as the reader names it */
  if (g_str_equal (path, "-"))
    report->file_name = g_strdup (rdm_csv_reader_get_name (import.reader));
  else
    {
      file_name = g_path_get_basename (path);
      report->file_name = g_filename_display_name (file_name);
    }

  /* Every id this import writes was just read or inserted by itself in the
   * same transaction, and every value bound to a column with a CHECK was
   * validated above (interaction is 0..2, categories and channel groups
   * come from our own lists). SQLite's foreign-key lookups (four per
   * touchpoint) and its CHECK code (which builds a temporary b-tree for
   * "IN (0, 1, 2)" on every insert) would only repeat that, and cost more
   * than half of the import's time; they are off while it runs. Changing
   * these pragmas expires the prepared statements, so every statement
   * prepared during the import is compiled again, with the checks, when
   * next used.
   *
   * A project is kept in WAL mode so that readers never wait for a writer,
   * but WAL writes every page twice: into the WAL at COMMIT, then into the
   * file at the checkpoint. When no other connection has the file open, the
   * import therefore runs with a rollback journal, as sqlite3's own .import
   * does: the pages of new rows go straight into the file, and the journal
   * only keeps the few pages the import changes, so that a kill at any
   * moment leaves the last committed state (the next opener rolls the hot
   * journal back); synchronous = FULL, which a rollback journal needs
   * against power cuts, costs a few syncs for the whole import. Another
   * program opening the project during such an import is told that it is
   * in use until the import ends. That is a fifth of a large import's time
   * (tests/bench/README.md).
   *
   * When other connections have the file open (a window, its workers), the
   * journal stays WAL and cache_spill is off: the pages the import changes
   * stay in memory until COMMIT rather than being written to the WAL
   * whenever the page cache is full, since a page spilled that way is often
   * written again, and at COMMIT SQLite reads back every frame after the
   * first one written twice to checksum them. COMMIT appends the frames,
   * the last one marked as the commit, so a kill before that write leaves
   * frames that readers and recovery ignore.
   *
   * The pragmas are no-ops inside a transaction, hence before BEGIN. */
  if (!get_pragma (project, "PRAGMA foreign_keys", &import.foreign_keys, error))
    return FALSE;
  import.rollback_journal = set_journal_mode (project, "DELETE");
  if (!rdm_project_exec (project,
                         "PRAGMA foreign_keys = OFF;"
                         "PRAGMA ignore_check_constraints = ON;",
                         error)
      || !rdm_project_exec (project,
                            import.rollback_journal ? "PRAGMA synchronous = FULL"
                                                    : "PRAGMA cache_spill = OFF",
                            error))
    {
      restore_pragmas (&import);
      return FALSE;
    }
  job.data = rdm_csv_reader_get_bytes (import.reader, &job.size);
  hasher = g_thread_new ("rdm-import-sha256", hash_thread, &job);
  ok = rdm_project_begin (project, error)
       && write_log (&import, report->file_name, "", report, error)
       && import_rows (&import, options, report, cancellable, progress, progress_data, error);
  if (!ok)
    g_atomic_int_set (&job.stop, 1);
  checksum = g_thread_join (hasher);
  ok = ok && ((options != NULL && options->force) || check_not_imported (&import, checksum, error))
       && write_log (&import, report->file_name, checksum, report, error)
       && rdm_project_commit (project, error);
  if (!ok)
    rdm_project_rollback (project);
  restore_pragmas (&import);
  if (!ok)
    return FALSE;
  report->import_id = import.import_id;
  if (import.currency[0] != '\0')
    report->currency = g_strdup (import.currency);
  for (guint i = 0; i < import.notes->len; i++)
    g_ptr_array_add (report->notes, g_strdup (import.notes->pdata[i]));
  if (out_report != NULL)
    *out_report = g_steal_pointer (&report);
  return TRUE;
}

const char *
rdm_import_kind_label (const char *kind)
{
  static const struct
  {
    const char *kind;
    const char *label;
  } kinds[] = {
    { "events", N_ ("Event log") },
    { "costs", N_ ("Costs") },
    { "daily", N_ ("Campaign statistics") },
    { "attributes", N_ ("Visitor attributes") },
    { "paths", N_ ("Path table") },
    { "survey", N_ ("Survey series") },
    { "experiments", N_ ("Experiments") },
    { "outcomes", N_ ("Daily outcomes") },
    { "demo", N_ ("Demo data") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i].kind) == 0)
      return _ (kinds[i].label);
  return kind;
}
