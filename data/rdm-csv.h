/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RDM_CSV_ERROR (rdm_csv_error_quark ())

typedef enum
{
  RDM_CSV_ERROR_OPEN,     /* the file cannot be read */
  RDM_CSV_ERROR_ENCODING, /* not UTF-8 (nor UTF-16 with a BOM), or NULs (a binary file) */
  RDM_CSV_ERROR_FIELD_TOO_LONG /* one field over RDM_CSV_MAX_FIELD bytes */,
  RDM_CSV_ERROR_QUOTE, /* a quote in the wrong place, or never closed */
  RDM_CSV_ERROR_VALUE, /* a field that does not hold the expected value */
} RdmCsvError;

/* A field longer than this is refused: no CSV export has one, and a binary
 * or runaway-quoted file must fail fast instead of filling memory. */
#define RDM_CSV_MAX_FIELD (1024 * 1024)
/* Likewise for the number of fields in one record. */
#define RDM_CSV_MAX_FIELDS 4096

typedef struct _RdmCsvReader RdmCsvReader;

GQuark rdm_csv_error_quark (void);

/* Reads the file at @path whole ("-" is standard input). A folder, a
 * device, a terminal, a named pipe nobody writes to and a file changed
 * while it is read give RDM_CSV_ERROR_OPEN. */
RdmCsvReader *rdm_csv_reader_new_for_path (const char *path, GError **error);
RdmCsvReader *rdm_csv_reader_new_for_data (const char *display_name, GBytes *bytes);
void rdm_csv_reader_free (RdmCsvReader *reader);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmCsvReader, rdm_csv_reader_free)

/* Forces the separator instead of detecting it from the first line that
 * holds a comma, a semicolon or a tab. */
void rdm_csv_reader_set_separator (RdmCsvReader *reader, char separator);
char rdm_csv_reader_get_separator (RdmCsvReader *reader);
gboolean rdm_csv_reader_has_bom (RdmCsvReader *reader);
const char *rdm_csv_reader_get_name (RdmCsvReader *reader);
/* "UTF-8", or "UTF-16LE" / "UTF-16BE" for a file with that BOM, which is
 * read as its UTF-8 decoding. */
const char *rdm_csv_reader_get_encoding (RdmCsvReader *reader);
/* The whole file as read, BOM included (for its checksum). */
const guint8 *rdm_csv_reader_get_bytes (RdmCsvReader *reader, gsize *size);
/* The text records are read from: the file, or its UTF-8 decoding. */
const char *rdm_csv_reader_get_text (RdmCsvReader *reader, gsize *size);
/* Bytes of the text consumed so far, 0..size, for progress reports. */
gsize rdm_csv_reader_get_offset (RdmCsvReader *reader);
/* Back to the first record, e.g. to read the file again with another
 * separator. */
void rdm_csv_reader_rewind (RdmCsvReader *reader);

/* Makes lines that start with @marker comments (GA4's downloads open each
 * table with a block of "# …" lines; 0, the default, turns this off), and
 * detects the separator again from the first line that is not one. The
 * file is then a series of tables, each after its comment block: next()
 * reads the current table's records and returns FALSE at its end, as at
 * the end of the file; next_table() moves to the following table. */
void rdm_csv_reader_set_comment_marker (RdmCsvReader *reader, char marker);
/* The comment lines of the current table's block, marker and line end
 * removed, in file order; empty without comments. */
const GPtrArray *rdm_csv_reader_get_comments (RdmCsvReader *reader);
/* Skips the rest of the current table and its blank lines, then reads the
 * next table's comment block. FALSE when no table follows. */
gboolean rdm_csv_reader_next_table (RdmCsvReader *reader);

/* Reads the next record. Returns FALSE at the end of the file or of the
 * current table (@error unset) or on a malformed file (@error set, with
 * file:line:column). Blank lines are skipped. */
gboolean rdm_csv_reader_next (RdmCsvReader *reader, GError **error);
guint rdm_csv_reader_get_n_fields (RdmCsvReader *reader);
/* The field's text, NUL-terminated, valid until the next call to next(). */
const char *rdm_csv_reader_get_field (RdmCsvReader *reader, guint index, gsize *length);
/* The field without its leading and trailing spaces and tabs, changed in
 * place; same lifetime as get_field(). */
char *rdm_csv_reader_strip_field (RdmCsvReader *reader, guint index);
/* The physical line (from 1) where the current record starts. */
guint64 rdm_csv_reader_get_line (RdmCsvReader *reader);
/* Where field @index starts, as a physical line and a column counted in
 * characters from 1. Computed on demand: meant for error messages. */
void rdm_csv_reader_get_position (RdmCsvReader *reader, guint index, guint64 *line, guint *column);

/* Value parsers. @decimal_comma accepts "3,5" as 3.5 (files separated by
 * ';'); a number with both '.' and ',' or with digit-group separators is
 * refused, since reading "1,234" as 1234 or 1.234 silently is a guess. */
gboolean rdm_csv_parse_double (const char *text, gboolean decimal_comma, double *value);
gboolean rdm_csv_parse_int64 (const char *text, gint64 *value);
/* ISO 8601 (YYYY-MM-DD, YYYY-MM-DD[T ]HH:MM[:SS[.fff]][Z|±hh[:]mm]),
 * dd/mm/yyyy [HH:MM[:SS]] and integer epoch seconds, to epoch seconds UTC;
 * a time without a zone is UTC. Impossible dates (31/02) are refused. */
gboolean rdm_csv_parse_time (const char *text, gint64 *epoch_seconds);
/* Epoch second of 00:00 UTC on the day holding @epoch_seconds. */
gint64 rdm_csv_day_of (gint64 epoch_seconds);

G_END_DECLS
