/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rdm-chart.h"

G_BEGIN_DECLS

/* The quarterly review as content, before any layout: a cover, then
 * sections of headings, paragraphs, tables and charts. The same document
 * is typeset as A4 pages or 16:9 slides (rdm-document-pdf.h) and written
 * as a workbook, one sheet per table (rdm-document-xlsx.h), so the PDF,
 * the XLSX and the CSV can never disagree. No GTK: rendement-cli builds
 * it too. A document is built in one thread and read-only afterwards. */

/* What a table cell's number is, which decides how it is written: grouped
 * thousands and the locale's decimal mark on a page, a number format in a
 * workbook. */
typedef enum
{
  RDM_DOCUMENT_TEXT,    /* text, left-aligned */
  RDM_DOCUMENT_COUNT,   /* a whole number: 12 345 */
  RDM_DOCUMENT_DECIMAL, /* one decimal: attributed conversions, 12 345.5 */
  RDM_DOCUMENT_MONEY,   /* an amount in the document's currency, no decimals: 12 345 € */
  RDM_DOCUMENT_PERCENT, /* a fraction shown as a percentage: 0.253 → 25.3 % */
  RDM_DOCUMENT_RATIO,   /* a multiple: ROAS 2.53 → 2.53 × */
  RDM_DOCUMENT_DATE,    /* a day, the number is days since 1970-01-01 */
  RDM_DOCUMENT_FIGURE,  /* a KPI's value in its own unit: 2 decimals below 10, 1 below 1 000 */
  RDM_DOCUMENT_POINTS,  /* a change of a percentage, in points: 0.123 → 12.3 pts */
} RdmDocumentUnit;

typedef struct _RdmDocumentTable RdmDocumentTable;

/* A table of @n_columns columns added with rdm_document_table_add_column().
 * @sheet names it in a workbook (at most 31 characters, no []:*?/\ ), @title
 * heads it on a page. */
RdmDocumentTable *rdm_document_table_new (const char *sheet, const char *title);
void rdm_document_table_free (RdmDocumentTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmDocumentTable, rdm_document_table_free)

/* A column; with @signed_change, numbers carry their sign ("+12.5 %"), as
 * changes from the previous period do. Returns its index. */
guint rdm_document_table_add_column (RdmDocumentTable *table,
                                     const char *header,
                                     RdmDocumentUnit unit,
                                     gboolean signed_change);
/* Appends an empty row (every cell missing) and returns its index. A total
 * row is set in bold and stays with the row above it. */
guint rdm_document_table_add_row (RdmDocumentTable *table, gboolean total);
void
rdm_document_table_set_text (RdmDocumentTable *table, guint row, guint column, const char *text);
void rdm_document_table_set_number (RdmDocumentTable *table, guint row, guint column, double value);
/* A number the table cannot give (no cost, so no ROI): "n/a" on a page,
 * an empty cell in a workbook. Rows start with every cell missing. */
void rdm_document_table_set_missing (RdmDocumentTable *table, guint row, guint column);

const char *rdm_document_table_get_sheet (const RdmDocumentTable *table);
const char *rdm_document_table_get_title (const RdmDocumentTable *table);
guint rdm_document_table_get_n_columns (const RdmDocumentTable *table);
guint rdm_document_table_get_n_rows (const RdmDocumentTable *table);
const char *rdm_document_table_get_header (const RdmDocumentTable *table, guint column);
RdmDocumentUnit rdm_document_table_get_unit (const RdmDocumentTable *table, guint column);
gboolean rdm_document_table_is_signed (const RdmDocumentTable *table, guint column);
gboolean rdm_document_table_row_is_total (const RdmDocumentTable *table, guint row);

typedef enum
{
  RDM_DOCUMENT_CELL_MISSING,
  RDM_DOCUMENT_CELL_TEXT,
  RDM_DOCUMENT_CELL_NUMBER,
} RdmDocumentCellKind;

RdmDocumentCellKind
rdm_document_table_get_cell (const RdmDocumentTable *table, guint row, guint column);
/* The cell's text; NULL unless it is a text cell. */
const char *rdm_document_table_get_text (const RdmDocumentTable *table, guint row, guint column);
/* The cell's number; 0 unless it is a number cell. */
double rdm_document_table_get_number (const RdmDocumentTable *table, guint row, guint column);

/* The cell as a reader sees it on a page, in the locale of the calling
 * thread: "12 345 €", "25,3 %", "+4,0 %", "2,53 ×", "n/a", with @currency
 * the document's (NULL: no currency sign). */
char *rdm_document_table_format_cell (const RdmDocumentTable *table,
                                      guint row,
                                      guint column,
                                      const char *currency);

/* The cover and the branding the project keeps for every review. */
typedef struct
{
  char *title;        /* "Quarterly review" when the user gave none */
  char *client;       /* NULL or empty: no client line */
  char *author;       /* NULL or empty: no author line */
  char *period_label; /* "Q3 2026", "All data" */
  char *period_dates; /* "1 July 2026 – 30 September 2026", or NULL */
  char *date;         /* the day the document was made, as the locale writes it */
  GBytes *logo;       /* PNG or SVG file contents, or NULL */
  guint32 accent;     /* 0xRRGGBB, the title and rule colour */
} RdmDocumentCover;

void rdm_document_cover_clear (RdmDocumentCover *cover);

typedef enum
{
  RDM_DOCUMENT_SECTION,   /* a section title: a new slide, a level-1 heading on a page */
  RDM_DOCUMENT_HEADING,   /* a level-2 heading */
  RDM_DOCUMENT_PARAGRAPH, /* body text */
  RDM_DOCUMENT_BULLETS,   /* a list of sentences */
  RDM_DOCUMENT_NOTE,      /* a small note under a table or a chart */
  RDM_DOCUMENT_TABLE,
  RDM_DOCUMENT_CHART,
} RdmDocumentBlockKind;

typedef struct
{
  RdmDocumentBlockKind kind;
  char *text;              /* SECTION, HEADING, PARAGRAPH, NOTE */
  GStrv items;             /* BULLETS */
  RdmDocumentTable *table; /* TABLE */
  RdmChart *chart;         /* CHART */
} RdmDocumentBlock;

typedef struct _RdmDocument RdmDocument;

/* How a document is typeset (rdm-document-pdf.h). */
typedef enum
{
  RDM_DOCUMENT_LAYOUT_REPORT, /* A4 portrait pages */
  RDM_DOCUMENT_LAYOUT_SLIDES, /* 16:9 slides, one idea each, large type */
} RdmDocumentLayout;

/* "report" or "slides", as the command line and saved settings name them. */
const char *rdm_document_layout_to_string (RdmDocumentLayout layout);
gboolean rdm_document_layout_from_string (const char *text, RdmDocumentLayout *out_layout);

RdmDocument *rdm_document_new (void);
void rdm_document_free (RdmDocument *document);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmDocument, rdm_document_free)

/* Takes @cover's contents (it is left cleared). */
void rdm_document_take_cover (RdmDocument *document, RdmDocumentCover *cover);
const RdmDocumentCover *rdm_document_get_cover (const RdmDocument *document);
/* The text at the foot of every page after the cover, next to the page
 * number: the client and the period. */
void rdm_document_set_footer (RdmDocument *document, const char *footer);
const char *rdm_document_get_footer (const RdmDocument *document);
/* The currency money cells are in (an ISO 4217 code, "EUR"); NULL: none. */
void rdm_document_set_currency (RdmDocument *document, const char *currency);
const char *rdm_document_get_currency (const RdmDocument *document);

void rdm_document_add_section (RdmDocument *document, const char *title);
void rdm_document_add_heading (RdmDocument *document, const char *text);
void rdm_document_add_paragraph (RdmDocument *document, const char *text);
void rdm_document_add_bullets (RdmDocument *document, const char *const *items);
void rdm_document_add_note (RdmDocument *document, const char *text);
/* Takes @table. */
void rdm_document_add_table (RdmDocument *document, RdmDocumentTable *table);
/* Keeps a reference to @chart. */
void rdm_document_add_chart (RdmDocument *document, RdmChart *chart);

guint rdm_document_get_n_blocks (const RdmDocument *document);
const RdmDocumentBlock *rdm_document_get_block (const RdmDocument *document, guint index);

/* Every table, in document order (RdmDocumentTable *, owned by
 * @document): the workbook's sheets. */
GPtrArray *rdm_document_list_tables (const RdmDocument *document);
/* The table whose sheet is @sheet, or NULL. */
const RdmDocumentTable *rdm_document_find_table (const RdmDocument *document, const char *sheet);

G_END_DECLS
