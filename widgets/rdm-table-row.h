/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RDM_TYPE_TABLE_ROW (rdm_table_row_get_type ())
G_DECLARE_FINAL_TYPE (RdmTableRow, rdm_table_row, RDM, TABLE_ROW, GObject)

/* One row of an RdmTableModel: its rowid in the project and its cells,
 * already formatted for display. Takes ownership of @cells. */
RdmTableRow *rdm_table_row_new (gint64 id, GStrv cells);
gint64 rdm_table_row_get_id (RdmTableRow *self);
/* Returns "" past the last column. */
const char *rdm_table_row_get_cell (RdmTableRow *self, guint column);

G_END_DECLS
