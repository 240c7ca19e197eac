/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "rdm-table-row.h"

struct _RdmTableRow
{
  GObject parent_instance;

  gint64 id;
  GStrv cells;
  guint n_cells;
};

G_DEFINE_FINAL_TYPE (RdmTableRow, rdm_table_row, G_TYPE_OBJECT)

static void
rdm_table_row_finalize (GObject *object)
{
  RdmTableRow *self = RDM_TABLE_ROW (object);

  g_clear_pointer (&self->cells, g_strfreev);

  G_OBJECT_CLASS (rdm_table_row_parent_class)->finalize (object);
}

static void
rdm_table_row_class_init (RdmTableRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rdm_table_row_finalize;
}

static void
rdm_table_row_init (RdmTableRow *self)
{
}

RdmTableRow *
rdm_table_row_new (gint64 id, GStrv cells)
{
  RdmTableRow *self = g_object_new (RDM_TYPE_TABLE_ROW, NULL);

  self->id = id;
  self->cells = cells;
  self->n_cells = cells != NULL ? g_strv_length (cells) : 0;
  return self;
}

gint64
rdm_table_row_get_id (RdmTableRow *self)
{
  g_return_val_if_fail (RDM_IS_TABLE_ROW (self), -1);
  return self->id;
}

const char *
rdm_table_row_get_cell (RdmTableRow *self, guint column)
{
  g_return_val_if_fail (RDM_IS_TABLE_ROW (self), "");
  return column < self->n_cells ? self->cells[column] : "";
}
