/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sys/wait.h>

#include "rdm-test-util.h"

char *
rdm_test_make_tmpdir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("rendement-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
rdm_test_remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        rdm_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

char *
rdm_test_dataset (const char *relative_path)
{
  const char *root = g_getenv ("RDM_DATASETS_DIR");
  g_autofree char *path = NULL;

  if (root == NULL)
    {
      g_test_skip ("RDM_DATASETS_DIR is not set");
      return NULL;
    }
  path = g_build_filename (root, relative_path, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *message = g_strdup_printf ("data set %s is not present", path);
      g_test_skip (message);
      return NULL;
    }
  return g_steal_pointer (&path);
}

int
rdm_test_run_cli (char **out, char **err, const char *first_arg, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return rdm_test_run_cliv (out, err, (const char *const *)argv->pdata);
}

int
rdm_test_run_cliv (char **out, char **err, const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  const char *cli = g_getenv ("RDM_CLI");
  int status = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *)cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);
  if (out != NULL)
    g_clear_pointer (out, g_free);
  if (err != NULL)
    g_clear_pointer (err, g_free);

  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status,
                &error);
  g_assert_no_error (error);
  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  return 128 + WTERMSIG (status);
}

char *
rdm_test_write_file (const char *dir, const char *name, const char *text)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

char *
rdm_test_copy_demo (const char *dir, const char *name)
{
  const char *demo = g_getenv ("RDM_DEMO_PROJECT");
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  gsize length;

  g_assert_nonnull (demo);
  g_file_get_contents (demo, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, (gssize)length, &error);
  g_assert_no_error (error);
  return path;
}

void
rdm_test_build_locale (const char *dir, const char *name)
{
  g_autofree char *target = g_strdup_printf ("%s/%s.UTF-8", dir, name);
  const char *argv[] = { "localedef", "-i", name, "-f", "UTF-8", target, NULL };
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &err, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    g_error ("localedef could not build %s.UTF-8 (%s%s%s); install the locales package, as "
             "build-aux/install-deps.sh does",
             name, error->message, err != NULL && *err != '\0' ? ": " : "",
             err ? g_strstrip (err) : "");
}

static sqlite3_stmt *
query_first_row (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return stmt;
}

char *
rdm_test_query_text (sqlite3 *db, const char *sql)
{
  g_autoptr (GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (out, "%s%s", i > 0 ? "|" : "",
                                sqlite3_column_type (stmt, i) == SQLITE_NULL
                                    ? "NULL"
                                    : (const char *)sqlite3_column_text (stmt, i));
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gint64
rdm_test_query_int (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = query_first_row (db, sql);
  gint64 value = sqlite3_column_int64 (stmt, 0);

  sqlite3_finalize (stmt);
  return value;
}

double
rdm_test_query_double (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = query_first_row (db, sql);
  double value = sqlite3_column_double (stmt, 0);

  sqlite3_finalize (stmt);
  return value;
}
