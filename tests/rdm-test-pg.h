/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A PostgreSQL 15 server of the test's own: initdb into a temporary
 * directory, listening only on a unix socket there, stopped and removed
 * by rdm_test_pg_stop(). As root (CI), the server runs as the "postgres"
 * user the package creates, since initdb and postgres refuse root. */
typedef struct _RdmTestPg RdmTestPg;

/* Starts a server, or returns NULL when PostgreSQL 15's server programs
 * are not installed, for the tests to skip (build-aux/install-deps.sh
 * installs them: CI never skips). Aborts when they are there but the
 * server does not start. */
RdmTestPg *rdm_test_pg_start (void);
void rdm_test_pg_stop (RdmTestPg *pg);

/* A libpq connection string to database "postgres" as the superuser
 * "rendement", or as @user when not NULL. */
char *rdm_test_pg_connection (const RdmTestPg *pg, const char *user);

/* Runs @sql (several statements allowed) as the superuser; fails the
 * test on an error. */
void rdm_test_pg_exec (const RdmTestPg *pg, const char *sql);

/* Loads @csv_path (with a header row) into @table with COPY FROM STDIN,
 * as the superuser; @columns names the table's columns in the file's
 * order. */
void rdm_test_pg_copy_csv (const RdmTestPg *pg,
                           const char *table,
                           const char *columns,
                           const char *csv_path);

/* The event log the warehouse tests load: visitors of one to eight touches
 * (impressions, clicks, visits on RDM_TEST_N_CHANNELS channels, 15 % of
 * them at the second of the touch before), 12 % of touches followed by a
 * conversion (purchase or signup; a fifth at the second of the touch, a
 * tenth twice at the same second), as the canonical CSV with a first
 * column "line" numbering the rows; seeded, so always the same file.
 * Writes visitors until @target_rows rows are written and returns how
 * many rows it wrote. */
#define RDM_TEST_N_CHANNELS 7
guint64 rdm_test_write_event_log (const char *path, guint64 target_rows);

/* Costs of every channel every third day of 2026's first 240 days, media
 * and content in turn: 80 days of RDM_TEST_N_CHANNELS rows. */
void rdm_test_write_costs (const char *path);

/* Creates the tables "events" and "costs" with those files' rows, and two
 * roles that may only read them: "reader", without a password, and
 * "secret", which must give its password, "s3cret". */
void rdm_test_pg_load_events (const RdmTestPg *pg, const char *events_csv, const char *costs_csv);

G_END_DECLS
