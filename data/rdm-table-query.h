/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-project.h"

G_BEGIN_DECLS

/* The tables of a project shown row by row, as in the Data section. */
typedef enum
{
  RDM_TABLE_TOUCHPOINTS,
  RDM_TABLE_CONVERSIONS,
  RDM_TABLE_COSTS,
  RDM_TABLE_CAMPAIGNS,
} RdmTableKind;

/* How a column's cells are formatted, and so which field of RdmTableCell
 * holds them. */
typedef enum
{
  RDM_CELL_TEXT,          /* text */
  RDM_CELL_COUNT,         /* integer */
  RDM_CELL_AMOUNT,        /* amount */
  RDM_CELL_TIME,          /* integer: epoch seconds */
  RDM_CELL_DAY,           /* integer: epoch seconds at 00:00 UTC */
  RDM_CELL_INTERACTION,   /* integer: 0 impression, 1 click, 2 visit */
  RDM_CELL_CATEGORY,      /* text: a cost category code */
  RDM_CELL_CHANNEL_GROUP, /* text: a channel group code */
} RdmCellFormat;

/* The most columns a table kind has. */
#define RDM_TABLE_MAX_COLUMNS 6

typedef struct
{
  gboolean is_null;
  gint64 integer;
  double amount;
  char *text; /* NULL unless the format is a text one and the cell is not NULL */
} RdmTableCell;

/* One row: its rowid and its cells in column order. */
typedef struct
{
  gint64 id;
  RdmTableCell cells[RDM_TABLE_MAX_COLUMNS];
} RdmTableRecord;

guint rdm_table_kind_get_n_columns (RdmTableKind kind);
/* Translated. */
const char *rdm_table_kind_get_column_title (RdmTableKind kind, guint column);
RdmCellFormat rdm_table_kind_get_column_format (RdmTableKind kind, guint column);

/* The number of rows of the table and its smallest and largest rowid (0
 * and 0 when it is empty). */
gboolean rdm_table_query_count (RdmProject *project,
                                RdmTableKind kind,
                                gint64 *count,
                                gint64 *first_id,
                                gint64 *last_id,
                                GError **error);

/* An empty array of RdmTableRecord, which frees the records' texts. */
GArray *rdm_table_records_new (void);

/* Append to @records (from rdm_table_records_new()) the rows whose rowid
 * is between @first_id and @last_id, in rowid order, or those of @ids in
 * the order of @ids (unknown ids are skipped). A read that fails midway
 * leaves the rows read before the failure in @records. */
gboolean rdm_table_query_read_range (RdmProject *project,
                                     RdmTableKind kind,
                                     gint64 first_id,
                                     gint64 last_id,
                                     GArray *records,
                                     GError **error);
gboolean rdm_table_query_read_ids (RdmProject *project,
                                   RdmTableKind kind,
                                   const gint64 *ids,
                                   guint n_ids,
                                   GArray *records,
                                   GError **error);

/* Lists, on a read-only connection of its own (so it may run in a worker
 * while the project's connection is in use), the rowids of the rows of the
 * project at @path whose visitor id or channel, campaign, event or category
 * name contains @text (ASCII case-insensitive; NULL or "" keeps all rows),
 * ordered by @sort_column (-1: by rowid) and then by rowid, descending if
 * @descending. Returns a GArray of gint64. Cancelling @cancellable stops
 * the query, even inside SQLite's sort, with G_IO_ERROR_CANCELLED. */
GArray *rdm_table_query_search (const char *path,
                                RdmTableKind kind,
                                const char *text,
                                int sort_column,
                                gboolean descending,
                                GCancellable *cancellable,
                                GError **error);

G_END_DECLS
