/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The SQLite connection behind a project, for data/ only: everything above
 * data/ asks data/ functions, and never sees SQL (see SPEC.md,
 * "Architecture"; build-aux/check-layers.sh enforces it). */

#include <sqlite3.h>

#include "rdm-project.h"

G_BEGIN_DECLS

sqlite3 *rdm_project_get_db (RdmProject *self);

gboolean rdm_project_exec (RdmProject *self, const char *sql, GError **error);
/* A statement cached by the project for its SQL text: reset after use,
 * never finalized by the caller. */
sqlite3_stmt *rdm_project_prepare (RdmProject *self, const char *sql, GError **error);
/* Sets @error from the connection's last error, @what saying what failed. */
gboolean rdm_project_set_sql_error (RdmProject *self, GError **error, const char *what);

G_END_DECLS
