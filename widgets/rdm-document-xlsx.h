/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rdm-document.h"

G_BEGIN_DECLS

/* The tables of a document as data: an XLSX workbook of one sheet per
 * table ("rendement-cli export --out FILE.xlsx"), or one CSV file per
 * table. Row 0 of a sheet is the table's header and row N its row N, cell
 * for cell the same as the table's CSV, so a sheet and its CSV can be
 * compared; the table's title goes into the sheet's printed page header.
 * No GTK. */

#define RDM_DOCUMENT_EXPORT_ERROR (rdm_document_export_error_quark ())

typedef enum
{
  RDM_DOCUMENT_EXPORT_ERROR_NO_TABLE,   /* the document has no table to write */
  RDM_DOCUMENT_EXPORT_ERROR_SHEET_NAME, /* a sheet name a spreadsheet would refuse or rename */
  RDM_DOCUMENT_EXPORT_ERROR_WORKBOOK,   /* libxlsxwriter could not write a cell or the file */
} RdmDocumentExportError;

GQuark rdm_document_export_error_quark (void);

/* Writes every table of @document as one sheet of the workbook @out, in
 * document order, replacing @out atomically: on error nothing is left at
 * @out (an existing file stays as it was).
 *
 * Numbers are number cells with a format for their unit (COUNT "#,##0",
 * DECIMAL "#,##0.0", MONEY "#,##0" with the document's currency, PERCENT
 * "0.0%" on the fraction, RATIO "0.00×", DATE a true date "yyyy-mm-dd"),
 * explicitly signed in signed-change columns ("+4.0%"); they keep the 16
 * significant digits libxlsxwriter writes (spreadsheets show 15). Missing
 * cells are empty. The header row is bold, frozen and repeated on printed
 * pages; total rows are bold; columns are as wide as their longest
 * content. The workbook's title, subject, author and company are the
 * cover's title, period, author and client.
 *
 * Sheet names are checked first, as Excel and LibreOffice Calc check them
 * (at most 31 characters, none of []:*?/\, no apostrophe at either end,
 * not "History", unique whatever the case): a bad one gives
 * RDM_DOCUMENT_EXPORT_ERROR_SHEET_NAME naming it, rather than a file the
 * spreadsheet would repair. A document without tables gives
 * RDM_DOCUMENT_EXPORT_ERROR_NO_TABLE. */
gboolean rdm_document_write_xlsx (const RdmDocument *document, const char *out, GError **error);

/* @table as RFC 4180 CSV text (rdm-csv-writer.h: CRLF line ends, texts
 * that would run as a formula neutralised with an apostrophe): a header
 * row, then the rows. Numbers are written raw, with a dot and 17
 * significant digits, without units: a percentage, or a change of one in
 * points, is the fraction the table holds (0.253), an amount has no
 * currency. Dates are written
 * "yyyy-mm-dd". Missing cells are empty. */
char *rdm_document_table_to_csv (const RdmDocumentTable *table);

/* Writes every table of @document as @dir/SHEET.csv (creating @dir and
 * its parents), for "rendement-cli export --format csv"; each file is
 * replaced atomically. Sheet names are checked as for the workbook first,
 * which also keeps the file names safe (no slash, unique on a
 * case-insensitive file system); a failure to write one file leaves the
 * ones written before it. */
gboolean rdm_document_write_csv_dir (const RdmDocument *document, const char *dir, GError **error);

G_END_DECLS
