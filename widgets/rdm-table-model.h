/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-project.h"
#include "rdm-table-query.h"
#include "rdm-table-row.h"

G_BEGIN_DECLS

/* Rows per page read from the project at a time. */
#define RDM_TABLE_MODEL_PAGE_SIZE 256

#define RDM_TYPE_TABLE_MODEL (rdm_table_model_get_type ())
G_DECLARE_FINAL_TYPE (RdmTableModel, rdm_table_model, RDM, TABLE_MODEL, GObject)

RdmTableModel *rdm_table_model_new (RdmProject *project, RdmTableKind kind, GError **error);

RdmTableKind rdm_table_model_get_kind (RdmTableModel *self);
guint rdm_table_model_get_n_columns (RdmTableModel *self);
/* Translated. */
const char *rdm_table_model_get_column_title (RdmTableModel *self, guint column);
RdmCellFormat rdm_table_model_get_column_format (RdmTableModel *self, guint column);

/* Sorting and filtering run in a worker unless the result is the table in
 * file order: the model keeps its rows until the new ones are ready, with
 * "loading" TRUE meanwhile. A newer request cancels a running one. */

/* @column -1 restores file order (by rowid). */
void rdm_table_model_set_sort (RdmTableModel *self, int column, gboolean descending);
int rdm_table_model_get_sort_column (RdmTableModel *self);
gboolean rdm_table_model_get_sort_descending (RdmTableModel *self);

/* Keeps rows whose visitor id or channel, campaign, event or category name
 * contains @text (ASCII case-insensitive); NULL or "" keeps all. */
void rdm_table_model_set_filter (RdmTableModel *self, const char *text);
const char *rdm_table_model_get_filter (RdmTableModel *self);

gboolean rdm_table_model_get_loading (RdmTableModel *self);
/* Why the last sort or filter failed, or NULL. */
const GError *rdm_table_model_get_error (RdmTableModel *self);

/* Re-counts the table after the project changed (an import) and re-runs
 * the current sort and filter. */
gboolean rdm_table_model_reload (RdmTableModel *self, GError **error);

G_END_DECLS
