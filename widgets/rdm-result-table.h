/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Helpers for the results tables of the analysis pages: GtkColumnViews over
 * RdmResultRow items. */

/* Replaces the columns of @view by a label column titled @label_title, at
 * least @label_width pixels wide, and one right-aligned numeric column per
 * title (cell i of the rows). Columns are as wide as their cells and a
 * table too wide for its place scrolls sideways, so numbers are never cut
 * (a label only when it alone is wider than the page). When @view's
 * GtkScrolledWindow sits in a GtkBox styled "result-table", the label
 * column is shown pinned at the box's start, outside the scrolling. A
 * table whose scrolled window does not scroll vertically passes vertical
 * wheel turns to the page around it. Empty the model first: its rows must
 * have a cell for every column. */
void rdm_result_table_set_columns (GtkColumnView *view,
                                   const char *label_title,
                                   int label_width,
                                   const char *const *titles,
                                   guint n_titles);

/* Takes every column out of @view. */
void rdm_result_table_remove_columns (GtkColumnView *view);

/* @value with @decimals decimals as the user reads numbers: the locale's
 * decimal mark and thousands grouping ("1 234,56" in French). "–" for
 * NAN. */
char *rdm_result_format_number (double value, int decimals);
/* The same with a sign: "+12.30", "−4.00". */
char *rdm_result_format_delta (double value, int decimals);
/* @share (0 .. 1) as a percentage with one decimal. */
char *rdm_result_format_percent (double share);

/* The table as tab-separated text, as shown (the user's number format),
 * header first, for pasting into a spreadsheet. A cell that a spreadsheet
 * would run as a formula (starting with =, +, -, @) is prefixed with '. */
char *rdm_result_table_to_text (GtkColumnView *view, GListModel *rows);

/* The table @view shows as CSV (rdm-csv-writer.h): the column titles,
 * then per row its label and, per cell, the engine's number at full
 * precision (dot decimals, whatever the locale), or the text shown when the
 * cell holds no number. Rows in the order shown. */
char *rdm_result_table_to_csv (GtkColumnView *view);

/* Registers the widgets' GResource (templates, CSS) and adds their style
 * sheet to the default display, once. Called from the class_init of every
 * templated widget of this folder. */
void rdm_widgets_ensure_resources (void);

G_END_DECLS
