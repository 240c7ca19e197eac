/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-project.h"

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

G_END_DECLS
