/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-project-db.h"

G_BEGIN_DECLS

/* Creates a project file stopped at an older schema version, so that tests
 * can check the forward migrations on a real file. */
RdmProject *_rdm_project_create_at_version (const char *path, int version, GError **error);

/* Checks every value of an opened file against the limits in
 * rdm-project.h (see rdm-project-check.c). */
gboolean _rdm_project_check_content (sqlite3 *db, const char *path, GError **error);

/* Sets @error and returns TRUE when the SQLite result @code (extended or
 * not) of a call on the project at @path, with the system's errno for it
 * (sqlite3_system_errno()), says something about the file itself: read-only,
 * disk full, in use by another program, not a database. Other codes are
 * left to the caller, which knows what failed. */
gboolean _rdm_project_set_file_error (GError **error, const char *path, int code, int system_errno);

/* A read-only connection of its own to the project at @path, for a worker
 * that reads while the project's connection is in use: configured like
 * every project connection, and checked to be a project with the schema of
 * its version. Its values are not checked again (which reads every row):
 * the project's own connection did that when it opened the file. */
sqlite3 *_rdm_project_open_reader (const char *path, GError **error);

/* Removes every row of import @import_id and its line in the import log,
 * inside the caller's transaction (rdm_project_remove_import() without
 * its own): an import that replaces an earlier one does both in one. */
gboolean _rdm_project_remove_import_rows (RdmProject *project, gint64 import_id, GError **error);

/* Sets the connection's page cache to @size (PRAGMA cache_size units),
 * and returns the size it had, or 0 when it was left alone: a long scan
 * or write that reads or writes each page once needs no large cache. */
gint64 _rdm_project_swap_cache_size (RdmProject *project, gint64 size);

G_END_DECLS
