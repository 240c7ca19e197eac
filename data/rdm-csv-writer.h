/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* RdmCsvWriter: builds a CSV document as RFC 4180 asks (comma separated,
 * CRLF line ends, fields quoted when they hold a comma, a quote or a line
 * break, quotes doubled), for every table the CLI and the window export.
 *
 * A text that a spreadsheet would run as a formula (starting with =, +,
 * -, @, a tab or a carriage return) gets a leading apostrophe, as OWASP
 * advises against CSV injection; a plain number such as "-12.5" is left
 * alone. Numbers are written with a dot whatever the locale and with 17
 * significant digits, so that reading them back gives the same double. */
typedef struct _RdmCsvWriter RdmCsvWriter;

RdmCsvWriter *rdm_csv_writer_new (void);
void rdm_csv_writer_free (RdmCsvWriter *writer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmCsvWriter, rdm_csv_writer_free)

void rdm_csv_writer_add_text (RdmCsvWriter *writer, const char *text);
/* An empty field for NAN and the infinities, which CSV cannot hold. */
void rdm_csv_writer_add_number (RdmCsvWriter *writer, double value);
void rdm_csv_writer_add_int (RdmCsvWriter *writer, gint64 value);
/* Ends the current record. */
void rdm_csv_writer_end_row (RdmCsvWriter *writer);

/* The document so far. */
const char *rdm_csv_writer_get_text (RdmCsvWriter *writer);
/* Writes the document to @path, replacing it atomically. */
gboolean rdm_csv_writer_save (RdmCsvWriter *writer, const char *path, GError **error);

/* One field as the writer puts it (quoted, neutralised); for callers that
 * build a line themselves. */
char *rdm_csv_field (const char *text);

G_END_DECLS
