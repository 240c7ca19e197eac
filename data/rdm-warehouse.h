/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-import.h"
#include "rdm-path-options.h"
#include "rdm-project.h"

G_BEGIN_DECLS

#define RDM_WAREHOUSE_ERROR (rdm_warehouse_error_quark ())

typedef enum
{
  RDM_WAREHOUSE_ERROR_CONNECTION, /* the server cannot be reached or refuses us */
  RDM_WAREHOUSE_ERROR_PASSWORD,   /* the server wants a password we did not give */
  RDM_WAREHOUSE_ERROR_NO_TABLE,   /* the table does not exist or cannot be read */
  RDM_WAREHOUSE_ERROR_MAPPING,    /* a column missing, unknown or of the wrong type */
  RDM_WAREHOUSE_ERROR_BAD_ROW,    /* a row the CSV importer would refuse */
  RDM_WAREHOUSE_ERROR_QUERY,      /* the server failed running a query */
  RDM_WAREHOUSE_ERROR_OPTIONS,    /* settings the path rules cannot take */
  /* an analysis asks for other path rules than the warehouse ran for the
   * project's path table: the table must be built again */
  RDM_WAREHOUSE_ERROR_OTHER_RULES,
  /* the project holds data the warehouse's path table cannot go with */
  RDM_WAREHOUSE_ERROR_PROJECT,
} RdmWarehouseError;

GQuark rdm_warehouse_error_quark (void);

/* Where the events are and how to read them.
 *
 * @connection: a libpq connection string or URI ("postgresql://user@host/db",
 * "service=warehouse"); a password in it is used, never stored.
 * @password: NULL, or the password the person typed.
 * @table: the events table, "name" or "schema.name", in the canonical
 * event log's layout (SPEC.md "Import formats"): visitor_id, timestamp,
 * type, channel, and optionally value, event, and order (a column that
 * orders rows of the same second, such as the file's line number).
 * @mapping: NULL, or canonical column -> the table's column, for columns
 * not named as the canonical ones.
 * @costs_table: NULL, or a table of costs: date, channel, and optionally
 * campaign, category (default media) and amount; @costs_mapping as
 * @mapping for it.
 * @path: the windows, restart, evaluation period and events the path rules
 * run with (level, direction and segment do not apply). */
typedef struct
{
  const char *connection;
  const char *password;
  const char *table;
  GHashTable *mapping;
  const char *costs_table;
  GHashTable *costs_mapping;
  const RdmPathOptions *path;
} RdmWarehouseOptions;

typedef struct
{
  gint64 import_id;
  char *source;              /* the import log's name for it, without password */
  gint64 replaced_import_id; /* the earlier import of the same table it replaced, or 0 */
  guint64 path_rows;
  double conversions;
  double value;
  double nulls;
  guint64 outcome_days;
  guint64 cost_rows;
} RdmWarehouseReport;

void rdm_warehouse_report_free (RdmWarehouseReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmWarehouseReport, rdm_warehouse_report_free)

/* The canonical columns of the events table and of the costs table, for
 * mapping editors and messages. */
const char *const *rdm_warehouse_event_columns (void);
const char *const *rdm_warehouse_cost_columns (void);

/* Connects as rdm_warehouse_import() would and says what it reached
 * ("PostgreSQL 15.18, database shop as analyst") in @description. */
gboolean rdm_warehouse_test_connection (const char *connection,
                                        const char *password,
                                        char **description,
                                        GCancellable *cancellable,
                                        GError **error);

/* Runs the path rules on @options->table inside the database (the
 * "paths" query of data/sql/postgresql.sql) in one read-only snapshot, and
 * writes what comes back to @project in one transaction: the path table
 * (with each touch's kind and each converting row's day), the analysed
 * conversions per day as daily outcomes, the costs table's rows, and the
 * settings, so that other settings run the query again. An earlier import
 * of the same table over the same connection is replaced in that
 * transaction. On any error, or when @cancellable is cancelled (the
 * running query too), @project is unchanged. */
gboolean rdm_warehouse_import (RdmProject *project,
                               const RdmWarehouseOptions *options,
                               GCancellable *cancellable,
                               RdmImportProgressFunc progress,
                               gpointer progress_data,
                               RdmWarehouseReport **out_report,
                               GError **error);

/* The streaming alternative for mid-size data: the events of
 * @options->table in @options->path's period (by their time; choose a
 * period that starts a click window before the one to analyse), of a
 * @sample (0 < @sample <= 1) of whole visitors, arrive through COPY in
 * binary in time order and are imported as a local event log by
 * rdm_import_file(), every rule of the CSV importer applying; the windows
 * and events of @options->path then apply locally, as for any event log.
 * The costs table is not read. On any error @project is unchanged. */
gboolean rdm_warehouse_pull_events (RdmProject *project,
                                    const RdmWarehouseOptions *options,
                                    double sample,
                                    GCancellable *cancellable,
                                    RdmImportProgressFunc progress,
                                    gpointer progress_data,
                                    RdmImportReport **out_report,
                                    GError **error);

/* A warehouse import's settings, owning copies of everything (a worker
 * thread may use them while the window changes): what the window's form
 * says, and what a project keeps of its last warehouse import (without
 * the password). */
typedef struct
{
  char *connection;
  char *password; /* NULL: none typed, or a stored source */
  char *table;
  GHashTable *mapping; /* canonical column -> table column */
  char *costs_table;   /* NULL: none */
  GHashTable *costs_mapping;
  RdmPathOptions path;
} RdmWarehouseSource;

/* An empty source: no connection, the engine's default path rules. */
RdmWarehouseSource *rdm_warehouse_source_new (void);
void rdm_warehouse_source_free (RdmWarehouseSource *source);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmWarehouseSource, rdm_warehouse_source_free)

/* The options rdm_warehouse_import() takes, pointing into @source. */
void rdm_warehouse_source_get_options (const RdmWarehouseSource *source,
                                       RdmWarehouseOptions *options);

/* The source of @project's path table when a warehouse built it, with the
 * path rules it ran; NULL with @error unset when no warehouse did. */
RdmWarehouseSource *rdm_project_load_warehouse_source (RdmProject *project, GError **error);

G_END_DECLS
