/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The project file's schema as a list of forward migrations: migration i
 * (0-based) takes a file from user_version i to i + 1. A shipped migration
 * is never edited; a change to the schema is a new entry at the end. */
extern const char *const rdm_schema_migrations[];
extern const guint rdm_schema_n_migrations;

G_END_DECLS
