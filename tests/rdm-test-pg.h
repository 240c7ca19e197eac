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

G_END_DECLS
