/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* RdmResultRow: one row of a results table, as the list item of a
 * GtkColumnView: a label (what the row is about, for people), its key (the
 * engine's name, "(none)" for No touch), and per column a number and the
 * text shown for it. The numbers are kept so that tests and sorting read
 * what the engine gave, not the formatted text. */
#define RDM_TYPE_RESULT_ROW (rdm_result_row_get_type ())
G_DECLARE_FINAL_TYPE (RdmResultRow, rdm_result_row, RDM, RESULT_ROW, GObject)

/* @n_columns cells, all empty (NAN, "") until set. */
RdmResultRow *rdm_result_row_new (const char *label, const char *key, guint n_columns);

const char *rdm_result_row_get_label (RdmResultRow *self);
const char *rdm_result_row_get_key (RdmResultRow *self);
guint rdm_result_row_get_n_columns (RdmResultRow *self);

/* Takes @text. */
void rdm_result_row_set_cell (RdmResultRow *self, guint column, double number, char *text);
double rdm_result_row_get_number (RdmResultRow *self, guint column);
const char *rdm_result_row_get_text (RdmResultRow *self, guint column);

G_END_DECLS
