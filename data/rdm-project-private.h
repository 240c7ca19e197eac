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

G_END_DECLS
