/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A document's tables as a workbook (libxlsxwriter) and as CSV files.
 *
 * Each table is one sheet whose row 0 is the header and whose row N is
 * the table's row N: the title is not a cell (it heads the printed pages)
 * so that a sheet and its CSV line up cell for cell. Numbers stay numbers
 * and only their number format carries the unit, which a spreadsheet user
 * can change; a workbook made of "12 345 €" strings could not be summed.
 *
 * libxlsxwriter accepts sheet names that Excel or Calc then refuse or
 * rename on opening (it compares names case-sensitively, for one), so the
 * names are checked here before anything is written. The file is written
 * beside @out under a temporary name and renamed over it, so that a
 * failure never leaves a truncated workbook behind.
 */

#define _GNU_SOURCE /* newlocale, uselocale, duplocale */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <xlsxwriter.h>

#include "rdm-csv-writer.h"
#include "rdm-document-xlsx.h"

/* The quark name is a bare dashed token, which clang-format would split. */
/* clang-format off */
G_DEFINE_QUARK (rdm-document-export-error-quark, rdm_document_export_error)
/* clang-format on */

/* The serial number of 1970-01-01 in the 1900 date system of Excel and
 * Calc (which counts the nonexistent 1900-02-29, so this holds for every
 * day after 1900-02-28). */
#define EXCEL_SERIAL_1970 25569

/* Excel's limit for a sheet name, in UTF-16 code units. */
#define MAX_SHEET_NAME 31

/* A column is never narrower or wider than this (in characters of the
 * default font), whatever it holds. */
#define MIN_COLUMN_WIDTH 6.0
#define MAX_COLUMN_WIDTH 60.0

/* Sheet names ----------------------------------------------------------- */

static gsize
utf16_length (const char *text)
{
  gsize length = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    length += g_utf8_get_char (p) > 0xFFFF ? 2 : 1;
  return length;
}

static gboolean
check_sheet_name (const char *name, GError **error)
{
  gsize bytes = strlen (name);
  const char *forbidden;

  if (!g_utf8_validate (name, -1, NULL))
    {
      g_autofree char *shown = g_utf8_make_valid (name, -1);

      g_set_error (error, RDM_DOCUMENT_EXPORT_ERROR, RDM_DOCUMENT_EXPORT_ERROR_SHEET_NAME,
                   _ ("The sheet name “%s” is not valid UTF-8"), shown);
      return FALSE;
    }
  if (utf16_length (name) > MAX_SHEET_NAME)
    {
      g_set_error (error, RDM_DOCUMENT_EXPORT_ERROR, RDM_DOCUMENT_EXPORT_ERROR_SHEET_NAME,
                   _ ("The sheet name “%s” is longer than the %d characters a workbook allows"),
                   name, MAX_SHEET_NAME);
      return FALSE;
    }
  forbidden = strpbrk (name, "[]:*?/\\");
  if (forbidden != NULL)
    {
      g_set_error (
          error, RDM_DOCUMENT_EXPORT_ERROR, RDM_DOCUMENT_EXPORT_ERROR_SHEET_NAME,
          /* Translators: %c is one of []:*?/\ (a character a sheet name cannot hold) */
          _ ("The sheet name “%s” contains “%c”; sheet names cannot contain any of []:*?/\\"), name,
          *forbidden);
      return FALSE;
    }
  if (name[0] == '\'' || name[bytes - 1] == '\'')
    {
      g_set_error (
          error, RDM_DOCUMENT_EXPORT_ERROR, RDM_DOCUMENT_EXPORT_ERROR_SHEET_NAME,
          _ ("The sheet name “%s” starts or ends with an apostrophe, which a workbook does "
             "not allow"),
          name);
      return FALSE;
    }
  if (g_ascii_strcasecmp (name, "History") == 0)
    {
      g_set_error (error, RDM_DOCUMENT_EXPORT_ERROR, RDM_DOCUMENT_EXPORT_ERROR_SHEET_NAME,
                   _ ("The sheet name “%s” is reserved by Excel"), name);
      return FALSE;
    }
  return TRUE;
}

/* Checks every sheet name, and that no two are equal once case is
 * ignored, as spreadsheets compare them. */
static gboolean
check_sheet_names (GPtrArray *tables, GError **error)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (tables->len == 0)
    {
      g_set_error_literal (error, RDM_DOCUMENT_EXPORT_ERROR, RDM_DOCUMENT_EXPORT_ERROR_NO_TABLE,
                           _ ("The document has no table to export"));
      return FALSE;
    }
  for (guint i = 0; i < tables->len; i++)
    {
      const char *name = rdm_document_table_get_sheet (g_ptr_array_index (tables, i));
      char *folded;
      const char *other;

      if (!check_sheet_name (name, error))
        return FALSE;
      folded = g_utf8_casefold (name, -1);
      other = g_hash_table_lookup (seen, folded);
      if (other != NULL)
        {
          /* rdm_document_add_table() refuses the very same name */
          g_set_error (error, RDM_DOCUMENT_EXPORT_ERROR, RDM_DOCUMENT_EXPORT_ERROR_SHEET_NAME,
                       _ ("The sheet names “%s” and “%s” differ only in case, which a workbook "
                          "does not allow"),
                       other, name);
          g_free (folded);
          return FALSE;
        }
      g_hash_table_insert (seen, folded, (gpointer)name);
    }
  return TRUE;
}

/* Number formats --------------------------------------------------------- */

/* The Excel format of an amount in @currency (an ISO 4217 code): the
 * symbol where it has a well-known one, placed as the currency's users
 * place it, else the code after the number. */
static char *
money_format (const char *currency)
{
  g_autoptr (GString) code = g_string_new (NULL);

  if (g_strcmp0 (currency, "EUR") == 0)
    return g_strdup ("#,##0 [$€]");
  if (g_strcmp0 (currency, "USD") == 0)
    return g_strdup ("[$$]#,##0");
  if (g_strcmp0 (currency, "GBP") == 0)
    return g_strdup ("[$£]#,##0");
  if (g_strcmp0 (currency, "CHF") == 0)
    return g_strdup ("[$CHF] #,##0");
  /* only letters and digits, which cannot end the [$…] part early */
  for (const char *p = currency; p != NULL && *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (code, *p);
  if (code->len == 0)
    return g_strdup ("#,##0");
  return g_strdup_printf ("#,##0 [$%s]", code->str);
}

/* The number format of a column of @unit, NULL for General (text). */
static char *
number_format (RdmDocumentUnit unit, gboolean signed_change, const char *currency)
{
  g_autofree char *magnitude = NULL;

  switch (unit)
    {
    case RDM_DOCUMENT_COUNT:
      magnitude = g_strdup ("#,##0");
      break;
    case RDM_DOCUMENT_DECIMAL:
      magnitude = g_strdup ("#,##0.0");
      break;
    case RDM_DOCUMENT_MONEY:
      magnitude = money_format (currency);
      break;
    case RDM_DOCUMENT_PERCENT:
      magnitude = g_strdup ("0.0%");
      break;
    case RDM_DOCUMENT_RATIO:
      magnitude = g_strdup ("0.00\"×\"");
      break;
    case RDM_DOCUMENT_POINTS:
      /* the cell holds points (see write_cell): Excel's "%" would say
       * percent */
      magnitude = g_strdup ("0.0\" pts\"");
      break;
    case RDM_DOCUMENT_DATE:
      return g_strdup ("yyyy-mm-dd");
    case RDM_DOCUMENT_FIGURE:
      magnitude = g_strdup ("#,##0.00");
      break;
    case RDM_DOCUMENT_TEXT:
    default:
      return NULL;
    }
  if (!signed_change)
    return g_steal_pointer (&magnitude);
  /* positive;negative;zero sections: a number shown by the negative
   * section loses its minus, hence the explicit one */
  return g_strdup_printf ("+%s;-%s;%s", magnitude, magnitude, magnitude);
}

typedef struct
{
  lxw_format *header_text;   /* bold with a rule below */
  lxw_format *header_number; /* the same, right-aligned over numbers */
  /* [unit][signed change][total row]; NULL for General, not bold */
  lxw_format *cells[RDM_DOCUMENT_POINTS + 1][2][2];
} Formats;

static void
formats_init (Formats *formats, lxw_workbook *workbook, const char *currency)
{
  formats->header_text = workbook_add_format (workbook);
  format_set_bold (formats->header_text);
  format_set_bottom (formats->header_text, LXW_BORDER_THIN);
  formats->header_number = workbook_add_format (workbook);
  format_set_bold (formats->header_number);
  format_set_bottom (formats->header_number, LXW_BORDER_THIN);
  format_set_align (formats->header_number, LXW_ALIGN_RIGHT);

  for (RdmDocumentUnit unit = RDM_DOCUMENT_TEXT; unit <= RDM_DOCUMENT_POINTS; unit++)
    for (int signed_change = 0; signed_change < 2; signed_change++)
      for (int total = 0; total < 2; total++)
        {
          g_autofree char *code = number_format (unit, signed_change, currency);
          lxw_format *format;

          if (code == NULL && !total)
            continue;
          format = workbook_add_format (workbook);
          if (code != NULL)
            format_set_num_format (format, code);
          if (total)
            format_set_bold (format);
          formats->cells[unit][signed_change][total] = format;
        }
}

/* Writing ----------------------------------------------------------------- */

static gboolean
set_workbook_error (GError **error, const char *out, const char *sheet, lxw_error status)
{
  if (sheet != NULL)
    g_set_error (error, RDM_DOCUMENT_EXPORT_ERROR, RDM_DOCUMENT_EXPORT_ERROR_WORKBOOK,
                 _ ("Could not write the sheet “%s” of %s: %s"), sheet, out, lxw_strerror (status));
  else
    g_set_error (error, RDM_DOCUMENT_EXPORT_ERROR, RDM_DOCUMENT_EXPORT_ERROR_WORKBOOK,
                 _ ("Could not write the workbook %s: %s"), out, lxw_strerror (status));
  return FALSE;
}

static void
widen (double *width, const char *text, double scale)
{
  double needed = scale * (double)g_utf8_strlen (text, -1) + 2;

  *width = MAX (*width, MIN (needed, MAX_COLUMN_WIDTH));
}

/* The title in the centre of the printed page header, where '&' starts a
 * code and must be doubled; Excel refuses headers over 255 characters, so
 * a long title is shortened first. */
static char *
page_header (const char *title)
{
  g_autofree char *shortened = g_utf8_strlen (title, -1) > 120
                                   ? g_strconcat (g_utf8_substring (title, 0, 119), "…", NULL)
                                   : g_strdup (title);
  GString *header = g_string_new ("&C");

  for (const char *p = shortened; *p != '\0'; p++)
    {
      if (*p == '&')
        g_string_append_c (header, '&');
      g_string_append_c (header, *p);
    }
  return g_string_free (header, FALSE);
}

static lxw_error
write_cell (lxw_worksheet *worksheet,
            const Formats *formats,
            const RdmDocumentTable *table,
            guint row,
            guint column,
            const char *currency,
            double *width)
{
  RdmDocumentUnit unit = rdm_document_table_get_unit (table, column);
  lxw_format *format = formats->cells[unit][rdm_document_table_is_signed (table, column) ? 1 : 0]
                                     [rdm_document_table_row_is_total (table, row) ? 1 : 0];
  lxw_row_t sheet_row = row + 1;
  double value;

  switch (rdm_document_table_get_cell (table, row, column))
    {
    case RDM_DOCUMENT_CELL_TEXT:
      /* an empty text is no cell, as in the CSV, even in a bold row */
      if (*rdm_document_table_get_text (table, row, column) == '\0')
        return LXW_NO_ERROR;
      widen (width, rdm_document_table_get_text (table, row, column), 1.0);
      return worksheet_write_string (worksheet, sheet_row, column,
                                     rdm_document_table_get_text (table, row, column), format);
    case RDM_DOCUMENT_CELL_NUMBER:
      value = rdm_document_table_get_number (table, row, column);
      if (unit == RDM_DOCUMENT_DATE)
        {
          widen (width, "yyyy-mm-dd", 1.0);
          return worksheet_write_number (worksheet, sheet_row, column,
                                         floor (value) + EXCEL_SERIAL_1970, format);
        }
      else
        {
          /* as wide as on a page, whose formatting is close enough */
          g_autofree char *shown = rdm_document_table_format_cell (table, row, column, currency);

          widen (width, shown, 1.0);
          return worksheet_write_number (worksheet, sheet_row, column,
                                         unit == RDM_DOCUMENT_POINTS ? 100 * value : value, format);
        }
    case RDM_DOCUMENT_CELL_MISSING:
    default:
      return LXW_NO_ERROR;
    }
}

static gboolean
write_sheet (lxw_workbook *workbook,
             const Formats *formats,
             const RdmDocumentTable *table,
             const char *currency,
             const char *out,
             GError **error)
{
  const char *sheet = rdm_document_table_get_sheet (table);
  const char *title = rdm_document_table_get_title (table);
  guint n_columns = rdm_document_table_get_n_columns (table);
  guint n_rows = rdm_document_table_get_n_rows (table);
  g_autofree double *widths = g_new (double, MAX (n_columns, 1));
  lxw_worksheet *worksheet = workbook_add_worksheet (workbook, sheet);
  lxw_error status;

  if (worksheet == NULL)
    return set_workbook_error (error, out, sheet, LXW_ERROR_PARAMETER_VALIDATION);

  for (guint c = 0; c < n_columns; c++)
    {
      const char *header = rdm_document_table_get_header (table, c);
      gboolean number = rdm_document_table_get_unit (table, c) != RDM_DOCUMENT_TEXT;

      widths[c] = MIN_COLUMN_WIDTH;
      /* bold is about a tenth wider */
      widen (&widths[c], header, 1.1);
      status = worksheet_write_string (worksheet, 0, c, header,
                                       number ? formats->header_number : formats->header_text);
      if (status != LXW_NO_ERROR)
        return set_workbook_error (error, out, sheet, status);
    }
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_columns; c++)
      {
        status = write_cell (worksheet, formats, table, r, c, currency, &widths[c]);
        if (status != LXW_NO_ERROR)
          {
            char cell[LXW_MAX_CELL_NAME_LENGTH];

            lxw_rowcol_to_cell (cell, r + 1, c);
            g_set_error (error, RDM_DOCUMENT_EXPORT_ERROR, RDM_DOCUMENT_EXPORT_ERROR_WORKBOOK,
                         /* Translators: the second %s is a cell such as B7 */
                         _ ("Could not write the sheet “%s”, cell %s, of %s: %s"), sheet, cell, out,
                         lxw_strerror (status));
            return FALSE;
          }
      }
  for (guint c = 0; c < n_columns; c++)
    {
      status = worksheet_set_column (worksheet, c, c, widths[c], NULL);
      if (status != LXW_NO_ERROR)
        return set_workbook_error (error, out, sheet, status);
    }

  worksheet_freeze_panes (worksheet, 1, 0);
  status = worksheet_repeat_rows (worksheet, 0, 0);
  if (status == LXW_NO_ERROR && title != NULL && *title != '\0')
    {
      g_autofree char *header = page_header (title);

      status = worksheet_set_header (worksheet, header);
    }
  if (status != LXW_NO_ERROR)
    return set_workbook_error (error, out, sheet, status);
  return TRUE;
}

/* For lxw_doc_properties, whose fields are not const although
 * libxlsxwriter only copies them. */
static char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? (char *)text : NULL;
}

/* Writes the workbook to @path; @out names it in messages. */
static gboolean
write_workbook (const RdmDocument *document,
                GPtrArray *tables,
                const char *path,
                const char *out,
                GError **error)
{
  const RdmDocumentCover *cover = rdm_document_get_cover (document);
  const char *currency = rdm_document_get_currency (document);
  lxw_doc_properties properties = {
    .title = nonempty (cover->title),
    .subject = nonempty (cover->period_label),
    .author = nonempty (cover->author),
    .company = nonempty (cover->client),
  };
  lxw_workbook *workbook = workbook_new (path);
  Formats formats = { 0 };
  lxw_error status;

  if (workbook == NULL)
    return set_workbook_error (error, out, NULL, LXW_ERROR_MEMORY_MALLOC_FAILED);

  formats_init (&formats, workbook, currency);
  status = workbook_set_properties (workbook, &properties);
  if (status != LXW_NO_ERROR)
    {
      lxw_workbook_free (workbook);
      return set_workbook_error (error, out, NULL, status);
    }
  for (guint i = 0; i < tables->len; i++)
    if (!write_sheet (workbook, &formats, g_ptr_array_index (tables, i), currency, out, error))
      {
        lxw_workbook_free (workbook);
        return FALSE;
      }
  /* frees the workbook, whatever happens */
  status = workbook_close (workbook);
  if (status != LXW_NO_ERROR)
    return set_workbook_error (error, out, NULL, status);
  return TRUE;
}

static gboolean
set_file_error (GError **error, int saved_errno, const char *path)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               _ ("Could not write %s: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

gboolean
rdm_document_write_xlsx (const RdmDocument *document, const char *out, GError **error)
{
  g_autoptr (GPtrArray) tables = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temporary = NULL;
  locale_t previous;
  locale_t c_numeric;
  gboolean written;
  int fd;

  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tables = rdm_document_list_tables (document);
  if (!check_sheet_names (tables, error))
    return FALSE;

  /* in the same folder, for rename() to replace @out in one step */
  dir = g_path_get_dirname (out);
  base = g_path_get_basename (out);
  temporary = g_strdup_printf ("%s%s.%s.XXXXXX", dir, G_DIR_SEPARATOR_S, base);
  fd = g_mkstemp_full (temporary, O_RDWR, 0666);
  if (fd < 0)
    return set_file_error (error, errno, out);
  g_close (fd, NULL);

  /* libxlsxwriter prints numbers with fprintf ("%.16G"), which follows
   * LC_NUMERIC: in a French locale 0.5 would be written "0,5" and the
   * spreadsheet would repair the file. This thread alone writes with the C
   * conventions for numbers. */
  c_numeric = newlocale (LC_NUMERIC_MASK, "C", duplocale (uselocale ((locale_t)0)));
  if (c_numeric == (locale_t)0)
    g_error ("newlocale: %s", g_strerror (errno));
  previous = uselocale (c_numeric);
  written = write_workbook (document, tables, temporary, out, error);
  uselocale (previous);
  freelocale (c_numeric);

  if (written && g_rename (temporary, out) != 0)
    written = set_file_error (error, errno, out);
  if (!written)
    g_unlink (temporary);
  return written;
}

/* CSV ------------------------------------------------------------------- */

/* @days since 1970-01-01 as "yyyy-mm-dd"; NULL outside the years 1 to
 * 9999. */
static char *
iso_day (double days)
{
  g_autoptr (GDateTime) day = g_date_time_new_from_unix_utc ((gint64)floor (days) * 86400);

  return day != NULL ? g_date_time_format (day, "%Y-%m-%d") : NULL;
}

static RdmCsvWriter *
table_csv (const RdmDocumentTable *table)
{
  RdmCsvWriter *writer = rdm_csv_writer_new ();
  guint n_columns = rdm_document_table_get_n_columns (table);

  for (guint c = 0; c < n_columns; c++)
    rdm_csv_writer_add_text (writer, rdm_document_table_get_header (table, c));
  rdm_csv_writer_end_row (writer);
  for (guint r = 0; r < rdm_document_table_get_n_rows (table); r++)
    {
      for (guint c = 0; c < n_columns; c++)
        {
          double value = rdm_document_table_get_number (table, r, c);
          g_autofree char *day = NULL;

          switch (rdm_document_table_get_cell (table, r, c))
            {
            case RDM_DOCUMENT_CELL_TEXT:
              rdm_csv_writer_add_text (writer, rdm_document_table_get_text (table, r, c));
              break;
            case RDM_DOCUMENT_CELL_NUMBER:
              if (rdm_document_table_get_unit (table, c) == RDM_DOCUMENT_DATE)
                day = iso_day (value);
              if (day != NULL)
                rdm_csv_writer_add_text (writer, day);
              else
                rdm_csv_writer_add_number (writer, value);
              break;
            case RDM_DOCUMENT_CELL_MISSING:
            default:
              rdm_csv_writer_add_text (writer, "");
              break;
            }
        }
      rdm_csv_writer_end_row (writer);
    }
  return writer;
}

char *
rdm_document_table_to_csv (const RdmDocumentTable *table)
{
  g_autoptr (RdmCsvWriter) writer = NULL;

  g_return_val_if_fail (table != NULL, NULL);

  writer = table_csv (table);
  return g_strdup (rdm_csv_writer_get_text (writer));
}

gboolean
rdm_document_write_csv_dir (const RdmDocument *document, const char *dir, GError **error)
{
  g_autoptr (GPtrArray) tables = NULL;

  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tables = rdm_document_list_tables (document);
  if (!check_sheet_names (tables, error))
    return FALSE;
  if (g_mkdir_with_parents (dir, 0777) != 0)
    return set_file_error (error, errno, dir);
  for (guint i = 0; i < tables->len; i++)
    {
      const RdmDocumentTable *table = g_ptr_array_index (tables, i);
      g_autofree char *name = g_strconcat (rdm_document_table_get_sheet (table), ".csv", NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr (RdmCsvWriter) writer = table_csv (table);

      if (!rdm_csv_writer_save (writer, path, error))
        return FALSE;
    }
  return TRUE;
}
