/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rdm-document.h"
#include "rdm-format.h"

typedef struct
{
  char *header;
  RdmDocumentUnit unit;
  gboolean signed_change;
} Column;

typedef struct
{
  RdmDocumentCellKind kind;
  double number;
  char *text;
} Cell;

typedef struct
{
  gboolean total;
  Cell *cells;
} Row;

struct _RdmDocumentTable
{
  char *sheet;
  char *title;
  GArray *columns; /* Column */
  GArray *rows;    /* Row */
};

struct _RdmDocument
{
  RdmDocumentCover cover;
  char *footer;
  char *currency;
  GArray *blocks; /* RdmDocumentBlock */
};

static void
column_clear (Column *column)
{
  g_free (column->header);
}

static void
row_clear (Row *row, guint n_columns)
{
  for (guint c = 0; c < n_columns; c++)
    g_free (row->cells[c].text);
  g_free (row->cells);
}

RdmDocumentTable *
rdm_document_table_new (const char *sheet, const char *title)
{
  RdmDocumentTable *table = g_new0 (RdmDocumentTable, 1);

  g_return_val_if_fail (sheet != NULL && *sheet != '\0', NULL);

  table->sheet = g_strdup (sheet);
  table->title = g_strdup (title);
  table->columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_array_set_clear_func (table->columns, (GDestroyNotify)column_clear);
  table->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  return table;
}

void
rdm_document_table_free (RdmDocumentTable *table)
{
  if (table == NULL)
    return;
  for (guint r = 0; r < table->rows->len; r++)
    row_clear (&g_array_index (table->rows, Row, r), table->columns->len);
  g_array_unref (table->rows);
  g_array_unref (table->columns);
  g_free (table->sheet);
  g_free (table->title);
  g_free (table);
}

guint
rdm_document_table_add_column (RdmDocumentTable *table,
                               const char *header,
                               RdmDocumentUnit unit,
                               gboolean signed_change)
{
  Column column = { g_strdup (header), unit, signed_change };

  g_return_val_if_fail (table != NULL && header != NULL, 0);
  /* the rows are allocated with their number of columns */
  g_return_val_if_fail (table->rows->len == 0, 0);

  g_array_append_val (table->columns, column);
  return table->columns->len - 1;
}

guint
rdm_document_table_add_row (RdmDocumentTable *table, gboolean total)
{
  Row row = { total, g_new0 (Cell, MAX (table->columns->len, 1)) };

  g_return_val_if_fail (table != NULL, 0);

  g_array_append_val (table->rows, row);
  return table->rows->len - 1;
}

static Cell *
cell_at (const RdmDocumentTable *table, guint row, guint column)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (row < table->rows->len && column < table->columns->len, NULL);

  return &g_array_index (table->rows, Row, row).cells[column];
}

void
rdm_document_table_set_text (RdmDocumentTable *table, guint row, guint column, const char *text)
{
  Cell *cell = cell_at (table, row, column);

  g_return_if_fail (cell != NULL && text != NULL);

  g_free (cell->text);
  cell->text = g_strdup (text);
  cell->kind = RDM_DOCUMENT_CELL_TEXT;
  cell->number = 0;
}

void
rdm_document_table_set_number (RdmDocumentTable *table, guint row, guint column, double value)
{
  Cell *cell = cell_at (table, row, column);

  g_return_if_fail (cell != NULL);

  if (!isfinite (value))
    {
      rdm_document_table_set_missing (table, row, column);
      return;
    }
  g_clear_pointer (&cell->text, g_free);
  cell->kind = RDM_DOCUMENT_CELL_NUMBER;
  cell->number = value;
}

void
rdm_document_table_set_missing (RdmDocumentTable *table, guint row, guint column)
{
  Cell *cell = cell_at (table, row, column);

  g_return_if_fail (cell != NULL);

  g_clear_pointer (&cell->text, g_free);
  cell->kind = RDM_DOCUMENT_CELL_MISSING;
  cell->number = 0;
}

const char *
rdm_document_table_get_sheet (const RdmDocumentTable *table)
{
  return table->sheet;
}

const char *
rdm_document_table_get_title (const RdmDocumentTable *table)
{
  return table->title;
}

guint
rdm_document_table_get_n_columns (const RdmDocumentTable *table)
{
  return table->columns->len;
}

guint
rdm_document_table_get_n_rows (const RdmDocumentTable *table)
{
  return table->rows->len;
}

const char *
rdm_document_table_get_header (const RdmDocumentTable *table, guint column)
{
  g_return_val_if_fail (column < table->columns->len, NULL);
  return g_array_index (table->columns, Column, column).header;
}

RdmDocumentUnit
rdm_document_table_get_unit (const RdmDocumentTable *table, guint column)
{
  g_return_val_if_fail (column < table->columns->len, RDM_DOCUMENT_TEXT);
  return g_array_index (table->columns, Column, column).unit;
}

gboolean
rdm_document_table_is_signed (const RdmDocumentTable *table, guint column)
{
  g_return_val_if_fail (column < table->columns->len, FALSE);
  return g_array_index (table->columns, Column, column).signed_change;
}

gboolean
rdm_document_table_row_is_total (const RdmDocumentTable *table, guint row)
{
  g_return_val_if_fail (row < table->rows->len, FALSE);
  return g_array_index (table->rows, Row, row).total;
}

RdmDocumentCellKind
rdm_document_table_get_cell (const RdmDocumentTable *table, guint row, guint column)
{
  const Cell *cell = cell_at (table, row, column);

  return cell != NULL ? cell->kind : RDM_DOCUMENT_CELL_MISSING;
}

const char *
rdm_document_table_get_text (const RdmDocumentTable *table, guint row, guint column)
{
  const Cell *cell = cell_at (table, row, column);

  return cell != NULL ? cell->text : NULL;
}

double
rdm_document_table_get_number (const RdmDocumentTable *table, guint row, guint column)
{
  const Cell *cell = cell_at (table, row, column);

  return cell != NULL ? cell->number : 0;
}

/* The sign of a change: "+" for a rise, U+2212 for a fall, none for a value
 * that rounds to zero at @decimals. */
static const char *
change_sign (double value, int decimals)
{
  if (fabs (value) < 0.5 * pow (10, -decimals))
    return "";
  return value > 0 ? "+" : "−";
}

/* Euro, dollar and pound amounts carry their sign; any other currency its
 * ISO code. */
static const char *
currency_symbol (const char *currency)
{
  if (g_strcmp0 (currency, "EUR") == 0)
    return "€";
  if (g_strcmp0 (currency, "USD") == 0)
    return "$";
  if (g_strcmp0 (currency, "GBP") == 0)
    return "£";
  return currency;
}

/* A KPI's value keeps three significant digits or its whole part. */
static int
figure_decimals (double value)
{
  double magnitude = fabs (value);

  if (magnitude >= 1000)
    return 0;
  if (magnitude >= 10)
    return 1;
  return 2;
}

static char *
format_number (RdmDocumentUnit unit, double value, gboolean signed_change, const char *currency)
{
  static const int decimals[] = {
    [RDM_DOCUMENT_COUNT] = 0,   [RDM_DOCUMENT_DECIMAL] = 1, [RDM_DOCUMENT_MONEY] = 0,
    [RDM_DOCUMENT_PERCENT] = 1, [RDM_DOCUMENT_RATIO] = 2,   [RDM_DOCUMENT_POINTS] = 1,
  };
  double shown = unit == RDM_DOCUMENT_PERCENT || unit == RDM_DOCUMENT_POINTS ? 100 * value : value;
  int places = unit == RDM_DOCUMENT_FIGURE ? figure_decimals (value) : decimals[unit];
  const char *sign;
  g_autofree char *digits = NULL;
  const char *symbol;

  /* the grouped digits of the magnitude; the sign is written as a true
   * minus or a plus, and not at all on a number that rounds to zero */
  if (fabs (shown) < 0.5 * pow (10, -places))
    shown = 0;
  sign = signed_change ? change_sign (shown, places) : (shown < 0 ? "−" : "");
  digits = rdm_format_fixed (fabs (shown), places);
  switch (unit)
    {
    case RDM_DOCUMENT_PERCENT:
      /* Translators: a percentage in a report table; the first %s is the
       * sign, the second the number */
      return g_strdup_printf (C_ ("report", "%s%s %%"), sign, digits);
    case RDM_DOCUMENT_POINTS:
      /* Translators: a change of a percentage in a report table, in
       * percentage points; the first %s is the sign, the second the number */
      return g_strdup_printf (C_ ("report", "%s%s pts"), sign, digits);
    case RDM_DOCUMENT_RATIO:
      /* Translators: a multiple in a report table, such as a return on ad
       * spend of 2.53 ×; the first %s is the sign, the second the number */
      return g_strdup_printf (C_ ("report", "%s%s ×"), sign, digits);
    case RDM_DOCUMENT_MONEY:
      symbol = currency_symbol (currency);
      if (symbol == NULL || *symbol == '\0')
        return g_strconcat (sign, digits, NULL);
      /* Translators: an amount in a report table; the first %s is the
       * sign, the second the number, the third the currency sign or code */
      return g_strdup_printf (C_ ("report", "%s%s %s"), sign, digits, symbol);
    case RDM_DOCUMENT_TEXT:
    case RDM_DOCUMENT_COUNT:
    case RDM_DOCUMENT_DECIMAL:
    case RDM_DOCUMENT_DATE:
    case RDM_DOCUMENT_FIGURE:
    default:
      return g_strconcat (sign, digits, NULL);
    }
}

char *
rdm_document_table_format_cell (const RdmDocumentTable *table,
                                guint row,
                                guint column,
                                const char *currency)
{
  const Cell *cell = cell_at (table, row, column);
  const Column *spec;

  g_return_val_if_fail (cell != NULL, NULL);

  spec = &g_array_index (table->columns, Column, column);
  switch (cell->kind)
    {
    case RDM_DOCUMENT_CELL_TEXT:
      return g_strdup (cell->text);
    case RDM_DOCUMENT_CELL_NUMBER:
      if (spec->unit == RDM_DOCUMENT_DATE)
        return rdm_format_day ((gint64)cell->number * 86400);
      return format_number (spec->unit, cell->number, spec->signed_change, currency);
    case RDM_DOCUMENT_CELL_MISSING:
    default:
      /* Translators: a figure that does not exist, such as an ROI without cost */
      return g_strdup (_ ("n/a"));
    }
}

void
rdm_document_cover_clear (RdmDocumentCover *cover)
{
  g_clear_pointer (&cover->title, g_free);
  g_clear_pointer (&cover->client, g_free);
  g_clear_pointer (&cover->author, g_free);
  g_clear_pointer (&cover->period_label, g_free);
  g_clear_pointer (&cover->period_dates, g_free);
  g_clear_pointer (&cover->date, g_free);
  g_clear_pointer (&cover->logo, g_bytes_unref);
  cover->accent = 0;
}

static void
block_clear (RdmDocumentBlock *block)
{
  g_free (block->text);
  g_strfreev (block->items);
  g_clear_pointer (&block->table, rdm_document_table_free);
  g_clear_pointer (&block->chart, rdm_chart_unref);
}

RdmDocument *
rdm_document_new (void)
{
  RdmDocument *document = g_new0 (RdmDocument, 1);

  document->blocks = g_array_new (FALSE, TRUE, sizeof (RdmDocumentBlock));
  g_array_set_clear_func (document->blocks, (GDestroyNotify)block_clear);
  return document;
}

void
rdm_document_free (RdmDocument *document)
{
  if (document == NULL)
    return;
  rdm_document_cover_clear (&document->cover);
  g_free (document->footer);
  g_free (document->currency);
  g_array_unref (document->blocks);
  g_free (document);
}

void
rdm_document_take_cover (RdmDocument *document, RdmDocumentCover *cover)
{
  g_return_if_fail (document != NULL && cover != NULL);

  rdm_document_cover_clear (&document->cover);
  document->cover = *cover;
  memset (cover, 0, sizeof *cover);
}

const RdmDocumentCover *
rdm_document_get_cover (const RdmDocument *document)
{
  return &document->cover;
}

void
rdm_document_set_footer (RdmDocument *document, const char *footer)
{
  g_free (document->footer);
  document->footer = g_strdup (footer);
}

const char *
rdm_document_get_footer (const RdmDocument *document)
{
  return document->footer;
}

void
rdm_document_set_currency (RdmDocument *document, const char *currency)
{
  g_free (document->currency);
  document->currency = g_strdup (currency);
}

const char *
rdm_document_get_currency (const RdmDocument *document)
{
  return document->currency;
}

static void
add_text_block (RdmDocument *document, RdmDocumentBlockKind kind, const char *text)
{
  RdmDocumentBlock block = { .kind = kind, .text = g_strdup (text) };

  g_return_if_fail (document != NULL && text != NULL);
  g_array_append_val (document->blocks, block);
}

void
rdm_document_add_section (RdmDocument *document, const char *title)
{
  add_text_block (document, RDM_DOCUMENT_SECTION, title);
}

void
rdm_document_add_heading (RdmDocument *document, const char *text)
{
  add_text_block (document, RDM_DOCUMENT_HEADING, text);
}

void
rdm_document_add_paragraph (RdmDocument *document, const char *text)
{
  add_text_block (document, RDM_DOCUMENT_PARAGRAPH, text);
}

void
rdm_document_add_note (RdmDocument *document, const char *text)
{
  add_text_block (document, RDM_DOCUMENT_NOTE, text);
}

void
rdm_document_add_bullets (RdmDocument *document, const char *const *items)
{
  RdmDocumentBlock block = { .kind = RDM_DOCUMENT_BULLETS, .items = g_strdupv ((GStrv)items) };

  g_return_if_fail (document != NULL && items != NULL);
  g_array_append_val (document->blocks, block);
}

void
rdm_document_add_table (RdmDocument *document, RdmDocumentTable *table)
{
  RdmDocumentBlock block = { .kind = RDM_DOCUMENT_TABLE, .table = table };

  g_return_if_fail (document != NULL && table != NULL);
  g_return_if_fail (rdm_document_find_table (document, table->sheet) == NULL);
  g_array_append_val (document->blocks, block);
}

void
rdm_document_add_chart (RdmDocument *document, RdmChart *chart)
{
  RdmDocumentBlock block = { .kind = RDM_DOCUMENT_CHART, .chart = rdm_chart_ref (chart) };

  g_return_if_fail (document != NULL);
  g_array_append_val (document->blocks, block);
}

guint
rdm_document_get_n_blocks (const RdmDocument *document)
{
  return document->blocks->len;
}

const RdmDocumentBlock *
rdm_document_get_block (const RdmDocument *document, guint index)
{
  g_return_val_if_fail (index < document->blocks->len, NULL);
  return &g_array_index (document->blocks, RdmDocumentBlock, index);
}

GPtrArray *
rdm_document_list_tables (const RdmDocument *document)
{
  GPtrArray *tables = g_ptr_array_new ();

  for (guint i = 0; i < document->blocks->len; i++)
    {
      const RdmDocumentBlock *block = &g_array_index (document->blocks, RdmDocumentBlock, i);

      if (block->kind == RDM_DOCUMENT_TABLE)
        g_ptr_array_add (tables, block->table);
    }
  return tables;
}

const RdmDocumentTable *
rdm_document_find_table (const RdmDocument *document, const char *sheet)
{
  for (guint i = 0; i < document->blocks->len; i++)
    {
      const RdmDocumentBlock *block = &g_array_index (document->blocks, RdmDocumentBlock, i);

      if (block->kind == RDM_DOCUMENT_TABLE && g_str_equal (block->table->sheet, sheet))
        return block->table;
    }
  return NULL;
}

const char *
rdm_document_layout_to_string (RdmDocumentLayout layout)
{
  return layout == RDM_DOCUMENT_LAYOUT_SLIDES ? "slides" : "report";
}

gboolean
rdm_document_layout_from_string (const char *text, RdmDocumentLayout *out_layout)
{
  if (g_strcmp0 (text, "report") == 0)
    *out_layout = RDM_DOCUMENT_LAYOUT_REPORT;
  else if (g_strcmp0 (text, "slides") == 0)
    *out_layout = RDM_DOCUMENT_LAYOUT_SLIDES;
  else
    return FALSE;
  return TRUE;
}
