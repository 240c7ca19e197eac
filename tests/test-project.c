/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The project file: creation, reopening, migration, refusal of foreign,
 * newer and tampered files, and the defensive connection settings.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "rdm-project-private.h"
#include "rdm-test-util.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  fixture->dir = rdm_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "test.rendement", NULL);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  rdm_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static void
raw_exec (const char *path, const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_create_and_reopen (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_create (fixture->path, &error);
  RdmProjectInfo info;
  sqlite3 *db;

  g_assert_no_error (error);
  db = rdm_project_get_db (project);
  g_assert_cmpint (rdm_test_query_int (db, "PRAGMA application_id"), ==,
                   RDM_PROJECT_APPLICATION_ID);
  g_assert_cmpint (rdm_test_query_int (db, "PRAGMA user_version"), ==,
                   rdm_project_schema_version ());
  g_assert_cmpint (rdm_test_query_int (db, "PRAGMA trusted_schema"), ==, 0);
  g_assert_cmpint (rdm_test_query_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (rdm_project_ensure_channel (project, "Facebook", &error), ==, 1);
  g_assert_cmpint (rdm_project_ensure_channel (project, "Email", &error), ==, 2);
  g_assert_cmpint (rdm_project_ensure_channel (project, "Facebook", &error), ==, 1);
  g_assert_cmpint (rdm_project_ensure_campaign (project, 1, "Spring", &error), ==, 1);
  g_assert_cmpint (rdm_project_ensure_campaign (project, 2, "Spring", &error), ==, 2);
  g_assert_no_error (error);
  g_clear_object (&project);

  project = rdm_project_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (rdm_project_get_info (project, &info, &error));
  g_assert_cmpint (info.channels, ==, 2);
  g_assert_cmpint (info.campaigns, ==, 2);
  g_assert_cmpint (info.touchpoints, ==, 0);
  g_assert_cmpint (rdm_test_query_int (rdm_project_get_db (project),
                                       "SELECT count(*) FROM channel WHERE name = 'Facebook'"
                                       " AND channel_group = 'social'"),
                   ==, 1);
}

static void
test_create_refuses_existing (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (fixture->path, "keep me", -1, NULL));
  project = rdm_project_create (fixture->path, &error);
  g_assert_null (project);
  g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_EXISTS);
  g_assert_true (g_file_get_contents (fixture->path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "keep me");
}

static void
test_migrate_from_version_1 (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = _rdm_project_create_at_version (fixture->path, 1, &error);

  g_assert_no_error (error);
  g_assert_cmpint (rdm_project_ensure_channel (project, "Blog", &error), ==, 1);
  g_assert_cmpint (
      rdm_test_query_int (rdm_project_get_db (project),
                          "SELECT count(*) FROM sqlite_schema WHERE name = 'objective'"),
      ==, 0);
  g_clear_object (&project);

  project = rdm_project_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rdm_test_query_int (rdm_project_get_db (project), "PRAGMA user_version"), ==,
                   rdm_project_schema_version ());
  g_assert_cmpint (
      rdm_test_query_int (rdm_project_get_db (project),
                          "SELECT count(*) FROM sqlite_schema WHERE name = 'objective'"),
      ==, 1);
  g_assert_cmpint (
      rdm_test_query_int (rdm_project_get_db (project), "SELECT count(*) FROM channel"), ==, 1);
}

static void
test_refuse_foreign_sqlite (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = NULL;

  raw_exec (fixture->path, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  project = rdm_project_open (fixture->path, &error);
  g_assert_null (project);
  g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_FOREIGN);
  g_assert_nonnull (strstr (error->message, "not a Rendement project"));
}

static void
test_refuse_not_sqlite (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autofree char *garbage = g_malloc (8192);

  for (guint i = 0; i < 8192; i++)
    garbage[i] = (char)(i * 7919 % 251);
  g_assert_true (g_file_set_contents (fixture->path, garbage, 8192, NULL));
  project = rdm_project_open (fixture->path, &error);
  g_assert_null (project);
  g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_FOREIGN);
}

static void
test_refuse_missing (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (fixture->path, &error);

  g_assert_null (project);
  g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_OPEN);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static void
test_refuse_newer (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_create (fixture->path, &error);
  g_autofree char *sql = NULL;

  g_assert_no_error (error);
  g_clear_object (&project);
  sql = g_strdup_printf ("PRAGMA user_version = %d", rdm_project_schema_version () + 1);
  raw_exec (fixture->path, sql);

  project = rdm_project_open (fixture->path, &error);
  g_assert_null (project);
  g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version"));
}

/* A file from someone else that carries our application_id but a trigger
 * of its own must be refused before anything runs on it. */
static void
test_refuse_tampered_schema (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_create (fixture->path, &error);

  g_assert_no_error (error);
  g_clear_object (&project);
  raw_exec (fixture->path, "CREATE TRIGGER evil AFTER INSERT ON channel BEGIN"
                           " DELETE FROM touchpoint; END;");

  project = rdm_project_open (fixture->path, &error);
  g_assert_null (project);
  g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_CORRUPT);
}

/* Objects named like SQLite's own are checked like any other: a trigger, a
 * view or an index called "sqlite_…", or a statistics table with another
 * definition, is refused; the statistics of ANALYZE are not. */
static void
test_refuse_sqlite_named_objects (Fixture *fixture, gconstpointer user_data)
{
  static const char *const crafted[] = {
    "INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql) VALUES ('trigger',"
    " 'sqlite_evil', 'import_log', 0, 'CREATE TRIGGER sqlite_evil AFTER INSERT ON import_log"
    " BEGIN DELETE FROM touchpoint; DELETE FROM conversion; END')",
    "INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql) VALUES ('view',"
    " 'sqlite_view', 'sqlite_view', 0, 'CREATE VIEW sqlite_view AS SELECT 1')",
    "INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql) VALUES ('trigger',"
    " 'sqlite_wipe', 'segment', 0, 'CREATE TRIGGER sqlite_wipe AFTER INSERT ON segment"
    " BEGIN DELETE FROM cost; END')",
  };

  for (guint i = 0; i < G_N_ELEMENTS (crafted); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RdmProject) project = rdm_project_create (fixture->path, &error);
      g_autofree char *sql = g_strdup_printf (
          "PRAGMA writable_schema = ON; %s; PRAGMA writable_schema = OFF;", crafted[i]);

      g_assert_no_error (error);
      g_clear_object (&project);
      raw_exec (fixture->path, sql);
      project = rdm_project_open (fixture->path, &error);
      g_assert_null (project);
      g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_CORRUPT);
      g_unlink (fixture->path);
    }

  /* ANALYZE by the user's own sqlite3 leaves sqlite_stat1: still ours */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (RdmProject) project = rdm_project_create (fixture->path, &error);

    g_assert_no_error (error);
    g_clear_object (&project);
    raw_exec (fixture->path, "ANALYZE");
    project = rdm_project_open (fixture->path, &error);
    g_assert_no_error (error);
    g_assert_nonnull (project);
    g_clear_object (&project);

    /* the same table with a definition of its own is not */
    raw_exec (fixture->path,
              "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql ="
              " 'CREATE TABLE sqlite_stat1(tbl,idx,stat,extra)' WHERE name = 'sqlite_stat1';"
              " PRAGMA writable_schema = OFF;");
    project = rdm_project_open (fixture->path, &error);
    g_assert_null (project);
    g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_CORRUPT);
  }
}

static void
test_defensive_mode (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_create (fixture->path, &error);

  g_assert_no_error (error);
  /* defensive mode forbids writing the schema table directly */
  g_assert_false (rdm_project_exec (project,
                                    "PRAGMA writable_schema = ON;"
                                    "UPDATE sqlite_schema SET sql = '' WHERE name = 'channel';",
                                    &error));
  g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_SQL);
}

static void
test_rollback_leaves_nothing (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_create (fixture->path, &error);
  RdmProjectInfo info;

  g_assert_true (rdm_project_begin (project, &error));
  g_assert_cmpint (rdm_project_ensure_channel (project, "Email", &error), >, 0);
  rdm_project_rollback (project);
  g_assert_true (rdm_project_get_info (project, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpint (info.channels, ==, 0);
}

static void
test_channel_group_guess (void)
{
  static const struct
  {
    const char *name;
    RdmChannelGroup group;
  } cases[] = {
    { "Facebook", RDM_CHANNEL_GROUP_SOCIAL },
    { "Twitter/X", RDM_CHANNEL_GROUP_SOCIAL },
    { "X", RDM_CHANNEL_GROUP_SOCIAL },
    { "Company blog", RDM_CHANNEL_GROUP_SOCIAL },
    { "Paid Search", RDM_CHANNEL_GROUP_PAID_SEARCH },
    { "Organic Search", RDM_CHANNEL_GROUP_ORGANIC_SEARCH },
    { "SEO", RDM_CHANNEL_GROUP_ORGANIC_SEARCH },
    { "Museo", RDM_CHANNEL_GROUP_OTHER },
    { "Email", RDM_CHANNEL_GROUP_EMAIL },
    { "Online Display", RDM_CHANNEL_GROUP_DISPLAY },
    { "Online Video", RDM_CHANNEL_GROUP_VIDEO },
    { "Affiliates", RDM_CHANNEL_GROUP_AFFILIATE },
    { "Direct", RDM_CHANNEL_GROUP_DIRECT },
    { "alpha", RDM_CHANNEL_GROUP_OTHER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (rdm_channel_group_guess (cases[i].name), ==, cases[i].group);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/project/create-and-reopen", test_create_and_reopen);
  ADD ("/project/create-refuses-existing", test_create_refuses_existing);
  ADD ("/project/migrate-from-version-1", test_migrate_from_version_1);
  ADD ("/project/refuse-foreign-sqlite", test_refuse_foreign_sqlite);
  ADD ("/project/refuse-not-sqlite", test_refuse_not_sqlite);
  ADD ("/project/refuse-missing", test_refuse_missing);
  ADD ("/project/refuse-newer", test_refuse_newer);
  ADD ("/project/refuse-tampered-schema", test_refuse_tampered_schema);
  ADD ("/project/refuse-sqlite-named-objects", test_refuse_sqlite_named_objects);
  ADD ("/project/defensive-mode", test_defensive_mode);
  ADD ("/project/rollback-leaves-nothing", test_rollback_leaves_nothing);
#undef ADD
  g_test_add_func ("/project/channel-group-guess", test_channel_group_guess);

  return g_test_run ();
}
