/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A document's tables as a workbook and as CSV (rdm-document-xlsx.h): the
 * workbook is unzipped and its XML read back, and every sheet must hold,
 * cell for cell, what the table's CSV holds, numbers as number cells with
 * the format of their unit. Bad sheet names and unwritable paths give a
 * clear error and leave no file.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "rdm-document-xlsx.h"
#include "rdm-test-util.h"

/* 2026-07-01 and 2026-09-30 in days since 1970-01-01, and 1970-01-01 in
 * the 1900 date system of spreadsheets. */
#define JULY_1 20635
#define SEPTEMBER_30 20726
#define EXCEL_SERIAL_1970 25569

/* The review's ROI table, every unit once and the changes signed. */
static RdmDocumentTable *
roi_table (void)
{
  RdmDocumentTable *table = rdm_document_table_new ("ROI", "ROI by channel & campaign");
  guint row;

  rdm_document_table_add_column (table, "Channel", RDM_DOCUMENT_TEXT, FALSE);
  rdm_document_table_add_column (table, "Conversions", RDM_DOCUMENT_COUNT, FALSE);
  rdm_document_table_add_column (table, "Attributed", RDM_DOCUMENT_DECIMAL, FALSE);
  rdm_document_table_add_column (table, "Cost", RDM_DOCUMENT_MONEY, FALSE);
  rdm_document_table_add_column (table, "ROI", RDM_DOCUMENT_PERCENT, FALSE);
  rdm_document_table_add_column (table, "ROAS", RDM_DOCUMENT_RATIO, FALSE);
  rdm_document_table_add_column (table, "ROI change", RDM_DOCUMENT_POINTS, TRUE);
  rdm_document_table_add_column (table, "Cost change", RDM_DOCUMENT_MONEY, TRUE);
  rdm_document_table_add_column (table, "First touch", RDM_DOCUMENT_DATE, FALSE);

  row = rdm_document_table_add_row (table, FALSE);
  rdm_document_table_set_text (table, row, 0, "Search € ×");
  rdm_document_table_set_number (table, row, 1, 1234);
  rdm_document_table_set_number (table, row, 2, 12345.5);
  rdm_document_table_set_number (table, row, 3, 4500);
  rdm_document_table_set_number (table, row, 4, 0.253);
  rdm_document_table_set_number (table, row, 5, 2.53);
  rdm_document_table_set_number (table, row, 6, 0.04);
  rdm_document_table_set_number (table, row, 7, 120);
  rdm_document_table_set_number (table, row, 8, JULY_1);

  /* formula-like text, a number only 17 digits give back, negatives,
   * missing cells (no cost, so no ROAS) */
  row = rdm_document_table_add_row (table, FALSE);
  rdm_document_table_set_text (table, row, 0, "=SUM(A1)");
  rdm_document_table_set_number (table, row, 1, 0);
  rdm_document_table_set_number (table, row, 2, 1.0 / 3.0);
  rdm_document_table_set_number (table, row, 3, -250.75);
  rdm_document_table_set_number (table, row, 4, -0.125);
  rdm_document_table_set_number (table, row, 6, -0.0315);
  rdm_document_table_set_number (table, row, 7, -80);
  rdm_document_table_set_number (table, row, 8, SEPTEMBER_30);

  row = rdm_document_table_add_row (table, FALSE);
  rdm_document_table_set_text (table, row, 0, "+cmd");
  rdm_document_table_set_number (table, row, 2, 0.5);
  rdm_document_table_set_text (table, row, 4, "n/a");
  rdm_document_table_set_number (table, row, 6, 0);

  row = rdm_document_table_add_row (table, TRUE);
  rdm_document_table_set_text (table, row, 0, "Total");
  rdm_document_table_set_number (table, row, 1, 1234);
  rdm_document_table_set_number (table, row, 2, 12345.5 + 1.0 / 3.0 + 0.5);
  rdm_document_table_set_number (table, row, 3, 4249.25);
  rdm_document_table_set_number (table, row, 4, 0.1875);
  rdm_document_table_set_number (table, row, 6, 0.02);
  rdm_document_table_set_number (table, row, 7, 40);
  return table;
}

/* The settings sheet: text only, with what CSV must quote or neutralise. */
static RdmDocumentTable *
settings_table (void)
{
  RdmDocumentTable *table = rdm_document_table_new ("Paramètres", "Réglages");
  const char *rows[][2] = {
    { "Modèle", "Linéaire" }, { "Formula", "-2+3" },   { "At", "@cmd" },
    { "Quoted", "a, \"b\"" }, { "Lines", "one\ntwo" }, { "Number text", "-12.5" },
  };

  rdm_document_table_add_column (table, "Setting", RDM_DOCUMENT_TEXT, FALSE);
  rdm_document_table_add_column (table, "Value", RDM_DOCUMENT_TEXT, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      guint row = rdm_document_table_add_row (table, FALSE);

      rdm_document_table_set_text (table, row, 0, rows[i][0]);
      rdm_document_table_set_text (table, row, 1, rows[i][1]);
    }
  return table;
}

/* Signed changes in the other units. */
static RdmDocumentTable *
changes_table (void)
{
  RdmDocumentTable *table = rdm_document_table_new ("Changes", NULL);
  guint row;

  rdm_document_table_add_column (table, "Day", RDM_DOCUMENT_DATE, FALSE);
  rdm_document_table_add_column (table, "Δ conversions", RDM_DOCUMENT_COUNT, TRUE);
  rdm_document_table_add_column (table, "Δ attributed", RDM_DOCUMENT_DECIMAL, TRUE);
  rdm_document_table_add_column (table, "Δ ROAS", RDM_DOCUMENT_RATIO, TRUE);
  row = rdm_document_table_add_row (table, FALSE);
  rdm_document_table_set_number (table, row, 0, JULY_1);
  rdm_document_table_set_number (table, row, 1, -3);
  rdm_document_table_set_number (table, row, 2, 7.25);
  rdm_document_table_set_number (table, row, 3, -0.4);
  row = rdm_document_table_add_row (table, TRUE);
  rdm_document_table_set_number (table, row, 1, 1e9);
  rdm_document_table_set_number (table, row, 2, -1234567.125);
  rdm_document_table_set_number (table, row, 3, 1e-5);
  return table;
}

static RdmDocument *
make_document (const char *currency)
{
  RdmDocument *document = rdm_document_new ();
  RdmDocumentCover cover = {
    .title = g_strdup ("Quarterly review"),
    .client = g_strdup ("Café Müller"),
    .author = g_strdup ("Ana Pérez"),
    .period_label = g_strdup ("Q3 2026"),
  };

  rdm_document_take_cover (document, &cover);
  rdm_document_set_currency (document, currency);
  rdm_document_add_section (document, "ROI");
  rdm_document_add_table (document, roi_table ());
  rdm_document_add_paragraph (document, "Not a table.");
  rdm_document_add_table (document, settings_table ());
  rdm_document_add_table (document, changes_table ());
  return document;
}

/* Reading the workbook back --------------------------------------------- */

static char *
unzip_member (const char *path, const char *member)
{
  const char *argv[] = { "unzip", "-p", path, member, NULL };
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  g_assert_nonnull (out);
  return out;
}

static gboolean
have_unzip (void)
{
  g_autofree char *unzip = g_find_program_in_path ("unzip");

  if (unzip == NULL)
    g_test_skip ("unzip is not installed (build-aux/install-deps.sh installs it)");
  return unzip != NULL;
}

typedef struct
{
  char *type;  /* the t attribute: "s" for a shared string, NULL for a number */
  int style;   /* index into cellXfs */
  char *value; /* the <v> text, NULL for a cell without one */
} XlsxCell;

static void
xlsx_cell_free (XlsxCell *cell)
{
  g_free (cell->type);
  g_free (cell->value);
  g_free (cell);
}

/* What the XML of one part of the workbook holds, as far as the tests
 * look: each parser fills its part. */
typedef struct
{
  GString *text;        /* the text of the element being read */
  gboolean in_text;     /* inside an element whose text is kept */
  GPtrArray *strings;   /* workbook.xml: sheet names; sharedStrings.xml: strings */
  GHashTable *cells;    /* sheet: "B3" → XlsxCell */
  XlsxCell *cell;       /* sheet: the <c> being read */
  char *pane_state;     /* sheet: <pane state> */
  char *pane_split;     /* sheet: <pane ySplit> */
  char *page_header;    /* sheet: <oddHeader> */
  GArray *widths;       /* sheet: <col width>, by column */
  GHashTable *num_fmts; /* styles: numFmtId → formatCode */
  GArray *bold_fonts;   /* styles: gboolean per <font> */
  GArray *xf_num_fmts;  /* styles: numFmtId per cellXfs <xf> */
  GArray *xf_fonts;     /* styles: fontId per cellXfs <xf> */
  const char *section;  /* styles: "fonts" or "cellXfs" while inside one */
  GHashTable *elements; /* docProps: element name → text */
  char *element;        /* docProps: the element being read */
} Xlsx;

static Xlsx *
xlsx_new (void)
{
  Xlsx *xlsx = g_new0 (Xlsx, 1);

  xlsx->text = g_string_new (NULL);
  xlsx->strings = g_ptr_array_new_with_free_func (g_free);
  xlsx->cells
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)xlsx_cell_free);
  xlsx->widths = g_array_new (FALSE, TRUE, sizeof (double));
  xlsx->num_fmts = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  xlsx->bold_fonts = g_array_new (FALSE, FALSE, sizeof (gboolean));
  xlsx->xf_num_fmts = g_array_new (FALSE, FALSE, sizeof (int));
  xlsx->xf_fonts = g_array_new (FALSE, FALSE, sizeof (int));
  xlsx->elements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return xlsx;
}

static void
xlsx_free (Xlsx *xlsx)
{
  g_string_free (xlsx->text, TRUE);
  g_ptr_array_unref (xlsx->strings);
  g_hash_table_unref (xlsx->cells);
  g_clear_pointer (&xlsx->cell, xlsx_cell_free);
  g_free (xlsx->pane_state);
  g_free (xlsx->pane_split);
  g_free (xlsx->page_header);
  g_array_unref (xlsx->widths);
  g_hash_table_unref (xlsx->num_fmts);
  g_array_unref (xlsx->bold_fonts);
  g_array_unref (xlsx->xf_num_fmts);
  g_array_unref (xlsx->xf_fonts);
  g_hash_table_unref (xlsx->elements);
  g_free (xlsx->element);
  g_free (xlsx);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Xlsx, xlsx_free)

static const char *
attribute (const char **names, const char **values, const char *name)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return values[i];
  return NULL;
}

static int
int_attribute (const char **names, const char **values, const char *name)
{
  const char *value = attribute (names, values, name);

  return value != NULL ? atoi (value) : 0;
}

static void
on_start (GMarkupParseContext *context,
          const char *element,
          const char **names,
          const char **values,
          gpointer data,
          GError **error)
{
  Xlsx *xlsx = data;
  const char *parent = g_markup_parse_context_get_element_stack (context)->next != NULL
                           ? g_markup_parse_context_get_element_stack (context)->next->data
                           : "";

  if (g_str_equal (element, "sheet"))
    g_ptr_array_add (xlsx->strings, g_strdup (attribute (names, values, "name")));
  else if (g_str_equal (element, "si"))
    g_string_truncate (xlsx->text, 0);
  else if (g_str_equal (element, "t") || g_str_equal (element, "v")
           || g_str_equal (element, "oddHeader"))
    xlsx->in_text = TRUE;
  else if (g_str_equal (element, "c"))
    {
      xlsx->cell = g_new0 (XlsxCell, 1);
      xlsx->cell->type = g_strdup (attribute (names, values, "t"));
      xlsx->cell->style = int_attribute (names, values, "s");
      g_hash_table_insert (xlsx->cells, g_strdup (attribute (names, values, "r")), xlsx->cell);
    }
  else if (g_str_equal (element, "pane"))
    {
      xlsx->pane_state = g_strdup (attribute (names, values, "state"));
      xlsx->pane_split = g_strdup (attribute (names, values, "ySplit"));
    }
  else if (g_str_equal (element, "col"))
    {
      double width = g_ascii_strtod (attribute (names, values, "width"), NULL);

      for (int c = int_attribute (names, values, "min"); c <= int_attribute (names, values, "max");
           c++)
        {
          if ((guint)c > xlsx->widths->len)
            g_array_set_size (xlsx->widths, c);
          g_array_index (xlsx->widths, double, c - 1) = width;
        }
    }
  else if (g_str_equal (element, "numFmt"))
    g_hash_table_insert (xlsx->num_fmts,
                         GINT_TO_POINTER (int_attribute (names, values, "numFmtId")),
                         g_strdup (attribute (names, values, "formatCode")));
  else if (g_str_equal (element, "fonts") || g_str_equal (element, "cellXfs"))
    xlsx->section = g_intern_string (element);
  else if (g_str_equal (element, "font") && xlsx->section == g_intern_static_string ("fonts"))
    {
      gboolean bold = FALSE;

      g_array_append_val (xlsx->bold_fonts, bold);
    }
  else if (g_str_equal (element, "b") && g_str_equal (parent, "font"))
    g_array_index (xlsx->bold_fonts, gboolean, xlsx->bold_fonts->len - 1) = TRUE;
  else if (g_str_equal (element, "xf") && xlsx->section == g_intern_static_string ("cellXfs"))
    {
      int num_fmt = int_attribute (names, values, "numFmtId");
      int font = int_attribute (names, values, "fontId");

      g_array_append_val (xlsx->xf_num_fmts, num_fmt);
      g_array_append_val (xlsx->xf_fonts, font);
    }
  else
    {
      /* docProps: every leaf element's text by its name */
      g_free (xlsx->element);
      xlsx->element = g_strdup (element);
      g_string_truncate (xlsx->text, 0);
    }
}

static void
on_end (GMarkupParseContext *context, const char *element, gpointer data, GError **error)
{
  Xlsx *xlsx = data;

  if (g_str_equal (element, "si"))
    g_ptr_array_add (xlsx->strings, g_strdup (xlsx->text->str));
  else if (g_str_equal (element, "t"))
    xlsx->in_text = FALSE;
  else if (g_str_equal (element, "v"))
    {
      xlsx->in_text = FALSE;
      xlsx->cell->value = g_strdup (xlsx->text->str);
      g_string_truncate (xlsx->text, 0);
    }
  else if (g_str_equal (element, "c"))
    xlsx->cell = NULL;
  else if (g_str_equal (element, "oddHeader"))
    {
      xlsx->in_text = FALSE;
      xlsx->page_header = g_strdup (xlsx->text->str);
    }
  else if (g_str_equal (element, "fonts") || g_str_equal (element, "cellXfs"))
    xlsx->section = NULL;
  else if (g_strcmp0 (element, xlsx->element) == 0)
    g_hash_table_insert (xlsx->elements, g_strdup (element), g_strdup (xlsx->text->str));
}

static void
on_text (
    GMarkupParseContext *context, const char *text, gsize length, gpointer data, GError **error)
{
  Xlsx *xlsx = data;

  if (xlsx->in_text || xlsx->element != NULL)
    g_string_append_len (xlsx->text, text, length);
}

static Xlsx *
read_part (const char *path, const char *member)
{
  static const GMarkupParser parser = { on_start, on_end, on_text, NULL, NULL };
  g_autofree char *xml = unzip_member (path, member);
  Xlsx *xlsx = xlsx_new ();
  g_autoptr (GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, xlsx, NULL);
  g_autoptr (GError) error = NULL;

  g_markup_parse_context_parse (context, xml, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  return xlsx;
}

/* "C12" for row 11, column 2 (both from 0). */
static char *
cell_name (guint row, guint column)
{
  g_assert_cmpuint (column, <, 26);
  return g_strdup_printf ("%c%u", 'A' + column, row + 1);
}

/* The format code of cellXfs entry @style, built-in ones included. */
static const char *
format_code (Xlsx *styles, int style)
{
  int id = g_array_index (styles->xf_num_fmts, int, style);
  const char *code = g_hash_table_lookup (styles->num_fmts, GINT_TO_POINTER (id));

  if (code != NULL)
    return code;
  /* the built-in formats ECMA-376 numbers 0 to 4 */
  switch (id)
    {
    case 0:
      return "General";
    case 1:
      return "0";
    case 2:
      return "0.00";
    case 3:
      return "#,##0";
    case 4:
      return "#,##0.00";
    default:
      g_error ("number format %d is not in styles.xml", id);
    }
}

static gboolean
is_bold (Xlsx *styles, int style)
{
  return g_array_index (styles->bold_fonts, gboolean, g_array_index (styles->xf_fonts, int, style));
}

/* CSV ------------------------------------------------------------------- */

/* The fields of RFC 4180 @text, row by row (GPtrArray of GStrv). */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_autoptr (GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) field = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          for (p++; !(*p == '"' && p[1] != '"'); p++)
            {
              g_assert_true (*p != '\0');
              if (*p == '"')
                p++;
              g_string_append_c (field, *p);
            }
          p++;
        }
      else
        for (; *p != ',' && *p != '\r' && *p != '\0'; p++)
          g_string_append_c (field, *p);

      g_ptr_array_add (fields, g_strdup (field->str));
      g_string_truncate (field, 0);
      if (*p == ',')
        p++;
      else
        {
          g_assert_true (g_str_has_prefix (p, "\r\n"));
          p += 2;
          g_ptr_array_add (fields, NULL);
          g_ptr_array_add (rows, g_ptr_array_free (g_steal_pointer (&fields), FALSE));
          fields = g_ptr_array_new_with_free_func (g_free);
        }
    }
  return rows;
}

/* Whether a spreadsheet would take @text typed in a cell for a formula:
 * what the CSV writer neutralises. */
static gboolean
runs_as_formula (const char *text)
{
  char *end = NULL;

  if (text[0] == '\0' || strchr ("=+-@", text[0]) == NULL)
    return FALSE;
  g_ascii_strtod (text, &end);
  return *end != '\0';
}

/* The expected format code of a column, as a spreadsheet user reads it. */
static const char *
expected_format (RdmDocumentUnit unit, gboolean signed_change)
{
  switch (unit)
    {
    case RDM_DOCUMENT_COUNT:
      return signed_change ? "+#,##0;-#,##0;#,##0" : "#,##0";
    case RDM_DOCUMENT_DECIMAL:
      return signed_change ? "+#,##0.0;-#,##0.0;#,##0.0" : "#,##0.0";
    case RDM_DOCUMENT_MONEY:
      return signed_change ? "+#,##0 [$€];-#,##0 [$€];#,##0 [$€]" : "#,##0 [$€]";
    case RDM_DOCUMENT_PERCENT:
      return signed_change ? "+0.0%;-0.0%;0.0%" : "0.0%";
    case RDM_DOCUMENT_RATIO:
      return signed_change ? "+0.00\"×\";-0.00\"×\";0.00\"×\"" : "0.00\"×\"";
    case RDM_DOCUMENT_POINTS:
      return signed_change ? "+0.0\" pts\";-0.0\" pts\";0.0\" pts\"" : "0.0\" pts\"";
    case RDM_DOCUMENT_DATE:
      return "yyyy-mm-dd";
    case RDM_DOCUMENT_TEXT:
    default:
      return "General";
    }
}

/* Sheet @index of the workbook at @path holds what @table's CSV holds,
 * cell for cell, with numbers as number cells in their unit's format. */
static void
assert_sheet_is_csv (const char *path, guint index, const RdmDocumentTable *table)
{
  g_autofree char *member = g_strdup_printf ("xl/worksheets/sheet%u.xml", index + 1);
  g_autoptr (Xlsx) sheet = read_part (path, member);
  g_autoptr (Xlsx) strings = read_part (path, "xl/sharedStrings.xml");
  g_autoptr (Xlsx) styles = read_part (path, "xl/styles.xml");
  g_autofree char *csv = rdm_document_table_to_csv (table);
  g_autoptr (GPtrArray) rows = parse_csv (csv);
  guint n_columns = rdm_document_table_get_n_columns (table);
  guint n_cells = 0;

  g_assert_cmpuint (rows->len, ==, rdm_document_table_get_n_rows (table) + 1);
  for (guint r = 0; r < rows->len; r++)
    {
      const char *const *fields = g_ptr_array_index (rows, r);

      g_assert_cmpuint (g_strv_length ((GStrv)fields), ==, n_columns);
      for (guint c = 0; c < n_columns; c++)
        {
          g_autofree char *name = cell_name (r, c);
          XlsxCell *cell = g_hash_table_lookup (sheet->cells, name);
          RdmDocumentUnit unit = rdm_document_table_get_unit (table, c);
          const char *field = fields[c];

          if (cell == NULL || cell->value == NULL)
            {
              g_assert_cmpstr (field, ==, "");
              g_assert_true (r > 0
                             && rdm_document_table_get_cell (table, r - 1, c)
                                    == RDM_DOCUMENT_CELL_MISSING);
              continue;
            }
          n_cells++;
          if (g_strcmp0 (cell->type, "s") == 0)
            {
              const char *text = g_ptr_array_index (strings->strings, atoi (cell->value));
              g_autofree char *neutralised = g_strconcat ("'", text, NULL);

              /* the CSV neutralises what would run as a formula; the
               * workbook's string cells never run */
              if (runs_as_formula (text))
                g_assert_cmpstr (field, ==, neutralised);
              else
                g_assert_cmpstr (field, ==, text);
              g_assert_cmpint (r == 0 ? RDM_DOCUMENT_CELL_TEXT
                                      : rdm_document_table_get_cell (table, r - 1, c),
                               ==, RDM_DOCUMENT_CELL_TEXT);
            }
          else
            {
              double value = g_ascii_strtod (cell->value, NULL);

              /* a number cell: no type attribute at all */
              g_assert_null (cell->type);
              g_assert_cmpint (rdm_document_table_get_cell (table, r - 1, c), ==,
                               RDM_DOCUMENT_CELL_NUMBER);
              if (unit == RDM_DOCUMENT_DATE)
                {
                  g_autoptr (GDateTime) day
                      = g_date_time_new_from_unix_utc ((gint64)(value - EXCEL_SERIAL_1970) * 86400);
                  g_autofree char *iso = g_date_time_format (day, "%Y-%m-%d");

                  g_assert_cmpstr (field, ==, iso);
                }
              else
                {
                  /* the CSV's 17 digits give back the double; the
                   * workbook holds it to the 16 libxlsxwriter prints */
                  char digits[G_ASCII_DTOSTR_BUF_SIZE];
                  /* points are held as points, the CSV keeps the fraction */
                  double scale = unit == RDM_DOCUMENT_POINTS ? 100.0 : 1.0;

                  g_ascii_formatd (digits, sizeof digits, "%.16g",
                                   scale * g_ascii_strtod (field, NULL));
                  g_assert_cmpfloat (value, ==, g_ascii_strtod (digits, NULL));
                  g_assert_cmpfloat (g_ascii_strtod (field, NULL), ==,
                                     rdm_document_table_get_number (table, r - 1, c));
                }
              g_assert_cmpstr (format_code (styles, cell->style), ==,
                               expected_format (unit, rdm_document_table_is_signed (table, c)));
            }
          /* the header and total rows in bold, no other */
          g_assert_cmpint (is_bold (styles, cell->style), ==,
                           r == 0 || rdm_document_table_row_is_total (table, r - 1));
        }
    }
  /* nothing in the sheet beyond the table */
  g_assert_cmpuint (g_hash_table_size (sheet->cells), ==, n_cells);

  g_assert_cmpstr (sheet->pane_state, ==, "frozen");
  g_assert_cmpstr (sheet->pane_split, ==, "1");
  g_assert_cmpuint (sheet->widths->len, ==, n_columns);
}

/* Tests ----------------------------------------------------------------- */

static void
test_csv_text (void)
{
  g_autoptr (RdmDocumentTable) roi = roi_table ();
  g_autoptr (RdmDocumentTable) settings = settings_table ();
  g_autoptr (RdmDocumentTable) changes = changes_table ();
  g_autofree char *roi_csv = rdm_document_table_to_csv (roi);
  g_autofree char *settings_csv = rdm_document_table_to_csv (settings);
  g_autofree char *changes_csv = rdm_document_table_to_csv (changes);

  /* raw numbers to 17 digits, fractions for percentages, ISO days, empty
   * missing cells, formulas neutralised */
  g_assert_cmpstr (
      roi_csv, ==,
      "Channel,Conversions,Attributed,Cost,ROI,ROAS,ROI change,Cost change,First touch\r\n"
      "Search € ×,1234,12345.5,4500,0.253,2.5299999999999998,0.040000000000000001,120,"
      "2026-07-01\r\n"
      "'=SUM(A1),0,0.33333333333333331,-250.75,-0.125,,-0.0315,-80,2026-09-30\r\n"
      "'+cmd,,0.5,,n/a,,0,,\r\n"
      "Total,1234,12346.333333333334,4249.25,0.1875,,0.02,40,\r\n");
  g_assert_cmpstr (settings_csv, ==,
                   "Setting,Value\r\n"
                   "Modèle,Linéaire\r\n"
                   "Formula,'-2+3\r\n"
                   "At,'@cmd\r\n"
                   "Quoted,\"a, \"\"b\"\"\"\r\n"
                   "Lines,\"one\ntwo\"\r\n"
                   "Number text,-12.5\r\n");
  g_assert_cmpstr (changes_csv, ==,
                   "Day,Δ conversions,Δ attributed,Δ ROAS\r\n"
                   "2026-07-01,-3,7.25,-0.40000000000000002\r\n"
                   ",1000000000,-1234567.125,1.0000000000000001e-05\r\n");
}

static void
test_workbook_matches_csv (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "review.xlsx", NULL);
  g_autoptr (RdmDocument) document = make_document ("EUR");
  g_autoptr (GPtrArray) tables = rdm_document_list_tables (document);
  g_autoptr (GError) error = NULL;
  g_autoptr (Xlsx) workbook = NULL;
  g_autoptr (Xlsx) core = NULL;
  g_autoptr (Xlsx) app = NULL;
  g_autoptr (Xlsx) roi = NULL;
  g_autoptr (Xlsx) changes = NULL;
  g_autoptr (GDir) listing = NULL;

  if (!have_unzip ())
    {
      rdm_test_remove_tree (dir);
      return;
    }
  g_assert_true (rdm_document_write_xlsx (document, path, &error));
  g_assert_no_error (error);

  /* one sheet per table, in document order, and no temporary file left */
  workbook = read_part (path, "xl/workbook.xml");
  g_assert_cmpuint (workbook->strings->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (workbook->strings, 0), ==, "ROI");
  g_assert_cmpstr (g_ptr_array_index (workbook->strings, 1), ==, "Paramètres");
  g_assert_cmpstr (g_ptr_array_index (workbook->strings, 2), ==, "Changes");
  for (guint i = 0; i < tables->len; i++)
    assert_sheet_is_csv (path, i, g_ptr_array_index (tables, i));
  listing = g_dir_open (dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "review.xlsx");
  g_assert_null (g_dir_read_name (listing));

  /* the title heads the printed pages, '&' doubled; a table without one
   * has no header */
  roi = read_part (path, "xl/worksheets/sheet1.xml");
  g_assert_cmpstr (roi->page_header, ==, "&CROI by channel && campaign");
  changes = read_part (path, "xl/worksheets/sheet3.xml");
  g_assert_null (changes->page_header);
  /* "Search € ×" is wider than "First touch" (11 characters, bold) */
  g_assert_cmpfloat (g_array_index (roi->widths, double, 0), >=, 10 + 2);
  g_assert_cmpfloat (g_array_index (roi->widths, double, 8), >=, 11 * 1.1 + 2);
  g_assert_cmpfloat (g_array_index (roi->widths, double, 8), <, 16);

  core = read_part (path, "docProps/core.xml");
  g_assert_cmpstr (g_hash_table_lookup (core->elements, "dc:title"), ==, "Quarterly review");
  g_assert_cmpstr (g_hash_table_lookup (core->elements, "dc:subject"), ==, "Q3 2026");
  g_assert_cmpstr (g_hash_table_lookup (core->elements, "dc:creator"), ==, "Ana Pérez");
  app = read_part (path, "docProps/app.xml");
  g_assert_cmpstr (g_hash_table_lookup (app->elements, "Company"), ==, "Café Müller");

  rdm_test_remove_tree (dir);
}

/* The money format for each currency: symbols where they are known, the
 * code otherwise, none without a currency. */
static void
test_currencies (void)
{
  const char *cases[][2] = {
    { "USD", "[$$]#,##0" },    { "GBP", "[$£]#,##0" },      { "CHF", "[$CHF] #,##0" },
    { "JPY", "#,##0 [$JPY]" }, { "E]U-R", "#,##0 [$EUR]" }, { NULL, "#,##0" },
  };
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "money.xlsx", NULL);

  if (!have_unzip ())
    {
      rdm_test_remove_tree (dir);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (RdmDocument) document = make_document (cases[i][0]);
      g_autoptr (GError) error = NULL;
      g_autoptr (Xlsx) sheet = NULL;
      g_autoptr (Xlsx) styles = NULL;
      g_autofree char *signed_code
          = g_strdup_printf ("+%s;-%s;%s", cases[i][1], cases[i][1], cases[i][1]);

      g_assert_true (rdm_document_write_xlsx (document, path, &error));
      g_assert_no_error (error);
      sheet = read_part (path, "xl/worksheets/sheet1.xml");
      styles = read_part (path, "xl/styles.xml");
      /* D2 is the cost, H2 its change */
      g_assert_cmpstr (
          format_code (styles, ((XlsxCell *)g_hash_table_lookup (sheet->cells, "D2"))->style), ==,
          cases[i][1]);
      g_assert_cmpstr (
          format_code (styles, ((XlsxCell *)g_hash_table_lookup (sheet->cells, "H2"))->style), ==,
          signed_code);
    }
  rdm_test_remove_tree (dir);
}

/* In a locale with a decimal comma, the workbook's numbers keep their dot
 * (libxlsxwriter prints them with fprintf). */
static void
test_french_locale (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (RdmDocument) document = NULL;
  g_autoptr (GPtrArray) tables = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (Xlsx) sheet = NULL;
  char printed[16];

  if (!g_test_subprocess ())
    {
      g_autofree char *locale_dir = rdm_test_make_tmpdir ();

      rdm_test_build_locale (locale_dir, "fr_FR");
      g_setenv ("LOCPATH", locale_dir, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_unsetenv ("LOCPATH");
      rdm_test_remove_tree (locale_dir);
      g_test_trap_assert_passed ();
      return;
    }
  if (!have_unzip ())
    return;

  g_setenv ("LC_ALL", "fr_FR.UTF-8", TRUE);
  g_assert_nonnull (setlocale (LC_ALL, ""));
  g_snprintf (printed, sizeof printed, "%.1f", 2.5);
  g_assert_cmpstr (printed, ==, "2,5");

  dir = rdm_test_make_tmpdir ();
  path = g_build_filename (dir, "revue.xlsx", NULL);
  document = make_document ("EUR");
  tables = rdm_document_list_tables (document);
  g_assert_true (rdm_document_write_xlsx (document, path, &error));
  g_assert_no_error (error);
  sheet = read_part (path, "xl/worksheets/sheet1.xml");
  g_assert_cmpstr (((XlsxCell *)g_hash_table_lookup (sheet->cells, "C2"))->value, ==, "12345.5");
  for (guint i = 0; i < tables->len; i++)
    assert_sheet_is_csv (path, i, g_ptr_array_index (tables, i));
  /* and the calling thread is French again */
  g_snprintf (printed, sizeof printed, "%.1f", 2.5);
  g_assert_cmpstr (printed, ==, "2,5");
  rdm_test_remove_tree (dir);
}

static void
assert_no_file (const char *dir)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);

  g_assert_nonnull (listing);
  g_assert_null (g_dir_read_name (listing));
}

/* Each bad sheet name fails before anything is written, naming it; an
 * existing file at the destination is left as it was. */
static void
test_bad_sheet_names (void)
{
  struct
  {
    const char *first;
    const char *second;
    const char *message;
  } cases[] = {
    { "ROI", "roi", "The sheet names “ROI” and “roi” differ only in case" },
    { "Café", "CAFÉ", "The sheet names “Café” and “CAFÉ” differ only in case" },
    { "Settings", "A name of forty characters, far too long",
      "“A name of forty characters, far too long” is longer than the 31 characters" },
    /* 31 characters, but 32 UTF-16 code units as Excel counts */
    { "Settings", "Thirty characters and a smile:😀",
      "“Thirty characters and a smile:😀” is longer than the 31 characters" },
    { "Q3/Q2", NULL, "“Q3/Q2” contains “/”" },
    { "Costs [EUR]", NULL, "“Costs [EUR]” contains “[”" },
    { "'Quoted'", NULL, "“'Quoted'” starts or ends with an apostrophe" },
    { "history", NULL, "“history” is reserved" },
    { "Bad \xff", NULL, "“Bad \xef\xbf\xbd” is not valid UTF-8" },
  };
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "review.xlsx", NULL);
  g_autofree char *csv_dir = g_build_filename (dir, "csv", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (RdmDocument) document = rdm_document_new ();
      g_autoptr (GError) error = NULL;

      rdm_document_add_table (document, rdm_document_table_new (cases[i].first, NULL));
      if (cases[i].second != NULL)
        rdm_document_add_table (document, rdm_document_table_new (cases[i].second, NULL));

      g_assert_false (rdm_document_write_xlsx (document, path, &error));
      g_assert_error (error, RDM_DOCUMENT_EXPORT_ERROR, RDM_DOCUMENT_EXPORT_ERROR_SHEET_NAME);
      g_assert_nonnull (strstr (error->message, cases[i].message));
      assert_no_file (dir);
      g_clear_error (&error);

      g_assert_false (rdm_document_write_csv_dir (document, csv_dir, &error));
      g_assert_error (error, RDM_DOCUMENT_EXPORT_ERROR, RDM_DOCUMENT_EXPORT_ERROR_SHEET_NAME);
      assert_no_file (dir);
    }

  /* 31 characters exactly is fine */
  {
    g_autoptr (RdmDocument) document = rdm_document_new ();
    g_autoptr (GError) error = NULL;
    g_autofree char *kept = NULL;

    rdm_document_add_table (document,
                            rdm_document_table_new ("Thirty-one characters, all fine", NULL));
    g_assert_true (rdm_document_write_xlsx (document, path, &error));
    g_assert_no_error (error);

    /* a failure leaves the previous workbook as it was */
    rdm_document_add_table (document, rdm_document_table_new ("a:b", NULL));
    g_assert_true (g_file_set_contents (path, "previous", -1, NULL));
    g_assert_false (rdm_document_write_xlsx (document, path, &error));
    g_assert_error (error, RDM_DOCUMENT_EXPORT_ERROR, RDM_DOCUMENT_EXPORT_ERROR_SHEET_NAME);
    g_assert_true (g_file_get_contents (path, &kept, NULL, NULL));
    g_assert_cmpstr (kept, ==, "previous");
  }
  rdm_test_remove_tree (dir);
}

static void
test_no_table (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "empty.xlsx", NULL);
  g_autofree char *csv_dir = g_build_filename (dir, "csv", NULL);
  g_autoptr (RdmDocument) document = rdm_document_new ();
  g_autoptr (GError) error = NULL;

  rdm_document_add_paragraph (document, "Text only.");
  g_assert_false (rdm_document_write_xlsx (document, path, &error));
  g_assert_error (error, RDM_DOCUMENT_EXPORT_ERROR, RDM_DOCUMENT_EXPORT_ERROR_NO_TABLE);
  g_clear_error (&error);
  g_assert_false (rdm_document_write_csv_dir (document, csv_dir, &error));
  g_assert_error (error, RDM_DOCUMENT_EXPORT_ERROR, RDM_DOCUMENT_EXPORT_ERROR_NO_TABLE);
  assert_no_file (dir);
  rdm_test_remove_tree (dir);
}

/* A path that cannot be written gives an error naming it and leaves
 * nothing behind, not even the temporary file. */
static void
test_unwritable (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *file = rdm_test_write_file (dir, "file.txt", "text");
  g_autofree char *missing = g_build_filename (dir, "missing", "review.xlsx", NULL);
  g_autofree char *under_file = g_build_filename (file, "review.xlsx", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder.xlsx", NULL);
  g_autofree char *csv_under_file = g_build_filename (file, "csv", NULL);
  g_autoptr (RdmDocument) document = make_document ("EUR");
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) listing = NULL;
  g_autofree char *text = NULL;
  const char *name;
  guint n_files = 0;

  g_assert_false (rdm_document_write_xlsx (document, missing, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  g_assert_false (rdm_document_write_xlsx (document, under_file, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR);
  g_assert_nonnull (strstr (error->message, under_file));
  g_clear_error (&error);

  /* the workbook is written, then cannot replace a folder */
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_false (rdm_document_write_xlsx (document, folder, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);
  g_assert_nonnull (strstr (error->message, folder));
  g_clear_error (&error);

  g_assert_false (rdm_document_write_csv_dir (document, csv_under_file, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR);
  g_assert_nonnull (strstr (error->message, csv_under_file));

  /* only what the test made */
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_assert_true (g_str_equal (name, "file.txt") || g_str_equal (name, "folder.xlsx"));
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, 2);
  g_assert_true (g_file_get_contents (file, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "text");
  rdm_test_remove_tree (dir);
}

/* A text over the 32 767 characters a cell holds fails, naming the sheet
 * and the cell, and leaves no file. */
static void
test_cell_too_long (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "long.xlsx", NULL);
  g_autofree char *long_text = g_strnfill (32768, 'x');
  g_autoptr (RdmDocument) document = make_document ("EUR");
  RdmDocumentTable *notes = rdm_document_table_new ("Notes", NULL);
  g_autoptr (GError) error = NULL;
  guint row;

  rdm_document_table_add_column (notes, "Note", RDM_DOCUMENT_TEXT, FALSE);
  rdm_document_table_add_column (notes, "Text", RDM_DOCUMENT_TEXT, FALSE);
  row = rdm_document_table_add_row (notes, FALSE);
  rdm_document_table_set_text (notes, row, 0, "short");
  row = rdm_document_table_add_row (notes, FALSE);
  rdm_document_table_set_text (notes, row, 1, long_text);
  rdm_document_add_table (document, notes);

  g_assert_false (rdm_document_write_xlsx (document, path, &error));
  g_assert_error (error, RDM_DOCUMENT_EXPORT_ERROR, RDM_DOCUMENT_EXPORT_ERROR_WORKBOOK);
  g_assert_nonnull (strstr (error->message, "“Notes”, cell B3"));
  g_assert_nonnull (strstr (error->message, path));
  assert_no_file (dir);
  rdm_test_remove_tree (dir);
}

static void
test_csv_dir (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *csv_dir = g_build_filename (dir, "export", "csv", NULL);
  g_autoptr (RdmDocument) document = make_document ("EUR");
  g_autoptr (GPtrArray) tables = rdm_document_list_tables (document);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) listing = NULL;
  guint n_files = 0;

  g_assert_true (rdm_document_write_csv_dir (document, csv_dir, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < tables->len; i++)
    {
      const RdmDocumentTable *table = g_ptr_array_index (tables, i);
      g_autofree char *name = g_strconcat (rdm_document_table_get_sheet (table), ".csv", NULL);
      g_autofree char *path = g_build_filename (csv_dir, name, NULL);
      g_autofree char *expected = rdm_document_table_to_csv (table);
      g_autofree char *text = NULL;

      g_file_get_contents (path, &text, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, expected);
    }
  listing = g_dir_open (csv_dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 3);

  /* again over the same files */
  g_assert_true (rdm_document_write_csv_dir (document, csv_dir, &error));
  g_assert_no_error (error);
  rdm_test_remove_tree (dir);
}

/* LibreOffice Calc, when it is installed (it is too large for
 * install-deps.sh), opens the workbook and shows each number in its
 * unit's format: a sheet exported "as shown" reads as a person sees it. */
static void
test_libreoffice (void)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out_dir = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *roi_path = NULL;
  g_autofree char *roi = NULL;
  g_autofree char *changes_path = NULL;
  g_autofree char *changes = NULL;
  g_autoptr (RdmDocument) document = make_document ("EUR");
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (soffice == NULL)
    {
      g_test_skip ("LibreOffice is not installed (apt-get install libreoffice-calc-nogui)");
      return;
    }
  dir = rdm_test_make_tmpdir ();
  path = g_build_filename (dir, "review.xlsx", NULL);
  out_dir = g_build_filename (dir, "out", NULL);
  profile = g_strdup_printf ("-env:UserInstallation=file://%s/profile", dir);
  g_assert_true (rdm_document_write_xlsx (document, path, &error));
  g_assert_no_error (error);

  {
    /* comma-separated UTF-8 in en-US, cells as shown, every sheet to its
     * own file (the last field, -1) */
    const char *argv[] = {
      soffice,
      profile,
      "--headless",
      "--convert-to",
      "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,true,false,false,-1",
      "--outdir",
      out_dir,
      path,
      NULL,
    };

    g_spawn_sync (NULL, (char **)argv, NULL,
                  G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                  &status, &error);
    g_assert_no_error (error);
    g_spawn_check_wait_status (status, &error);
    g_assert_no_error (error);
  }

  roi_path = g_build_filename (out_dir, "review-ROI.csv", NULL);
  g_file_get_contents (roi_path, &roi, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (
      roi, ==,
      "Channel,Conversions,Attributed,Cost,ROI,ROAS,ROI change,Cost change,First touch\n"
      "Search € ×,\"1,234\",\"12,345.5\",\"4,500 €\",25.3%,2.53×,+4.0%,+120 €,2026-07-01\n"
      "=SUM(A1),0,0.3,-251 €,-12.5%,,-3.2%,-80 €,2026-09-30\n"
      "+cmd,,0.5,,n/a,,0.0%,,\n"
      "Total,\"1,234\",\"12,346.3\",\"4,249 €\",18.8%,,+2.0%,+40 €,\n");
  changes_path = g_build_filename (out_dir, "review-Changes.csv", NULL);
  g_file_get_contents (changes_path, &changes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (changes, ==,
                   "Day,Δ conversions,Δ attributed,Δ ROAS\n"
                   "2026-07-01,-3,+7.3,-0.40×\n"
                   ",\"+1,000,000,000\",\"-1,234,567.1\",+0.00×\n");
  rdm_test_remove_tree (dir);
}

/* "rendement-cli export" on the demo: the workbook and the CSV files of the
 * same command hold the same sheets, cell for cell. */
static void
test_cli_export (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *project = rdm_test_copy_demo (dir, "demo.rendement");
  g_autofree char *xlsx = g_build_filename (dir, "review.xlsx", NULL);
  g_autofree char *csv_dir = g_build_filename (dir, "csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (Xlsx) workbook = NULL;
  g_autoptr (Xlsx) strings = NULL;
  g_autoptr (Xlsx) styles = NULL;
  guint n_numbers = 0, n_points = 0;

  if (!have_unzip ())
    {
      rdm_test_remove_tree (dir);
      return;
    }
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "export", project, "--out", xlsx, "--period",
                                     "2026Q3", "--model", "linear,last", NULL),
                   ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "export", project, "--out", csv_dir, "--period",
                                     "2026Q3", "--model", "linear,last", "--format", "csv", NULL),
                   ==, 0);
  workbook = read_part (xlsx, "xl/workbook.xml");
  strings = read_part (xlsx, "xl/sharedStrings.xml");
  styles = read_part (xlsx, "xl/styles.xml");
  g_assert_cmpstr (g_ptr_array_index (workbook->strings, 0), ==, "Totals");
  g_assert_true (g_ptr_array_find_with_equal_func (workbook->strings, "KPIs", g_str_equal, NULL));
  g_assert_true (
      g_ptr_array_find_with_equal_func (workbook->strings, "Settings", g_str_equal, NULL));
  for (guint i = 0; i < workbook->strings->len; i++)
    {
      const char *name = g_ptr_array_index (workbook->strings, i);
      g_autofree char *file_name = g_strconcat (name, ".csv", NULL);
      g_autofree char *path = g_build_filename (csv_dir, file_name, NULL);
      g_autofree char *member = g_strdup_printf ("xl/worksheets/sheet%u.xml", i + 1);
      g_autofree char *text = NULL;
      g_autoptr (GPtrArray) rows = NULL;
      g_autoptr (Xlsx) sheet = read_part (xlsx, member);
      guint n_cells = 0;

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      rows = parse_csv (text);
      for (guint r = 0; r < rows->len; r++)
        {
          const char *const *fields = g_ptr_array_index (rows, r);

          for (guint c = 0; fields[c] != NULL; c++)
            {
              g_autofree char *cell_ref = cell_name (r, c);
              XlsxCell *cell = g_hash_table_lookup (sheet->cells, cell_ref);

              if (cell == NULL || cell->value == NULL)
                {
                  g_assert_cmpstr (fields[c], ==, "");
                  continue;
                }
              n_cells++;
              if (g_strcmp0 (cell->type, "s") == 0)
                {
                  const char *cell_text = g_ptr_array_index (strings->strings, atoi (cell->value));

                  g_assert_cmpstr (runs_as_formula (cell_text) ? fields[c] + 1 : fields[c], ==,
                                   cell_text);
                }
              else
                {
                  /* the review has no date column: every number cell is a
                   * plain number, held to 16 digits; a change in points is
                   * held in points, where the CSV keeps the fraction */
                  char digits[G_ASCII_DTOSTR_BUF_SIZE];
                  double scale
                      = strstr (format_code (styles, cell->style), "pts") != NULL ? 100.0 : 1.0;

                  if (scale != 1.0)
                    n_points++;
                  g_ascii_formatd (digits, sizeof digits, "%.16g",
                                   scale * g_ascii_strtod (fields[c], NULL));
                  g_assert_cmpfloat (g_ascii_strtod (cell->value, NULL), ==,
                                     g_ascii_strtod (digits, NULL));
                  n_numbers++;
                }
            }
        }
      g_assert_cmpuint (g_hash_table_size (sheet->cells), ==, n_cells);
      g_assert_cmpstr (sheet->pane_state, ==, "frozen");
    }
  /* the demo's tables are mostly numbers */
  g_assert_cmpuint (n_numbers, >, 200);
  /* the ROI sheet's change of ROI from the previous quarter */
  g_assert_cmpuint (n_points, >, 0);
  rdm_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document-xlsx/csv-text", test_csv_text);
  g_test_add_func ("/document-xlsx/workbook-matches-csv", test_workbook_matches_csv);
  g_test_add_func ("/document-xlsx/currencies", test_currencies);
  g_test_add_func ("/document-xlsx/french-locale", test_french_locale);
  g_test_add_func ("/document-xlsx/bad-sheet-names", test_bad_sheet_names);
  g_test_add_func ("/document-xlsx/no-table", test_no_table);
  g_test_add_func ("/document-xlsx/unwritable", test_unwritable);
  g_test_add_func ("/document-xlsx/cell-too-long", test_cell_too_long);
  g_test_add_func ("/document-xlsx/csv-dir", test_csv_dir);
  g_test_add_func ("/document-xlsx/libreoffice", test_libreoffice);
  g_test_add_func ("/document-xlsx/cli-export", test_cli_export);
  return g_test_run ();
}
