/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* A new empty temporary directory, removed with its content by
 * rdm_test_remove_tree(). */
char *rdm_test_make_tmpdir (void);
void rdm_test_remove_tree (const char *path);

/* The path of a file in ../shared/datasets, or NULL after calling
 * g_test_skip() when the data sets are not there. */
char *rdm_test_dataset (const char *relative_path);

/* Runs rendement-cli with the arguments (NULL-terminated) and returns its
 * exit status; stdout and stderr are returned when the pointers are set,
 * replacing (and freeing) what they held, so one variable serves several
 * runs. */
int rdm_test_run_cli (char **out, char **err, const char *first_arg, ...) G_GNUC_NULL_TERMINATED;
/* The same with the arguments in a NULL-terminated array. */
int rdm_test_run_cliv (char **out, char **err, const char *const *args);

/* The first column of the first row of @sql, which must give a row. */
/* Every row of @sql's result, columns joined by "|", rows ended by "\n",
 * NULL as "NULL": for comparing table contents as text. */
char *rdm_test_query_text (sqlite3 *db, const char *sql);
gint64 rdm_test_query_int (sqlite3 *db, const char *sql);
double rdm_test_query_double (sqlite3 *db, const char *sql);

/* Builds the glibc locale @name (such as "fr_FR") in UTF-8 as
 * @dir/@name.UTF-8, to be used with LOCPATH=@dir: tests check locale
 * formatting without changing the system. A locale that cannot be built
 * fails the test: build-aux/install-deps.sh installs the locales package
 * that localedef needs, and a skipped check would hide a regression. */
void rdm_test_build_locale (const char *dir, const char *name);

/* Writes @text to DIR/NAME and returns the path. */
char *rdm_test_write_file (const char *dir, const char *name, const char *text);

/* A copy of the demo project (seed RDM_DEMO_DEFAULT_SEED, written once per
 * build by tests/meson.build) as @dir/@name, for a test to change. */
char *rdm_test_copy_demo (const char *dir, const char *name);

G_END_DECLS
