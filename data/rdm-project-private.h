/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-project.h"

G_BEGIN_DECLS

/* Creates a project file stopped at an older schema version, so that tests
 * can check the forward migrations on a real file. */
RdmProject *_rdm_project_create_at_version (const char *path, int version, GError **error);

G_END_DECLS
