/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The project file: creation, reopening, migration, refusal of foreign,
 * newer and tampered files, the defensive connection settings, what is
 * said of a valid file that is locked, read-only or on a full disk, and
 * saving a copy.
 */
#define _GNU_SOURCE /* unshare() */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "rdm-business.h"
#include "rdm-events.h"
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

static char *
read_bytes (const char *path, gsize *length)
{
  g_autoptr (GError) error = NULL;
  char *bytes = NULL;

  g_file_get_contents (path, &bytes, length, &error);
  g_assert_no_error (error);
  return bytes;
}

static void
assert_unchanged (const char *path, const char *before, gsize before_length)
{
  gsize length;
  g_autofree char *bytes = read_bytes (path, &length);

  g_assert_cmpmem (bytes, length, before, before_length);
}

/* What SQLite reports of the file itself is said in the user's terms, with
 * the file's name; anything else is left to the caller. */
static void
test_file_error_codes (void)
{
  static const struct
  {
    int code;
    int system_errno;
    int expected; /* an RdmProjectError, or -1 when the caller is to say */
    const char *text;
  } cases[] = {
    { SQLITE_READONLY, 0, RDM_PROJECT_ERROR_READ_ONLY,
      "“/tmp/a.rendement” is read-only: changes cannot be saved to it" },
    { SQLITE_READONLY_DIRECTORY, 0, RDM_PROJECT_ERROR_READ_ONLY, "is read-only" },
    { SQLITE_READONLY_CANTINIT, 0, RDM_PROJECT_ERROR_READ_ONLY, "is read-only" },
    { SQLITE_IOERR_WRITE, EROFS, RDM_PROJECT_ERROR_READ_ONLY, "is read-only" },
    { SQLITE_CANTOPEN, EROFS, RDM_PROJECT_ERROR_READ_ONLY, "is read-only" },
    { SQLITE_FULL, 0, RDM_PROJECT_ERROR_DISK_FULL,
      "There is no space left on the disk holding “/tmp/a.rendement”; nothing was changed" },
    { SQLITE_IOERR_WRITE, ENOSPC, RDM_PROJECT_ERROR_DISK_FULL, "no space left" },
    { SQLITE_IOERR_SHMSIZE, ENOSPC, RDM_PROJECT_ERROR_DISK_FULL, "no space left" },
    { SQLITE_IOERR_FSYNC, EDQUOT, RDM_PROJECT_ERROR_DISK_FULL, "no space left" },
    { SQLITE_BUSY, 0, RDM_PROJECT_ERROR_BUSY,
      "“/tmp/a.rendement” is in use by another program, or by another window or task of Rendement; "
      "try again once it is done" },
    { SQLITE_BUSY_SNAPSHOT, 0, RDM_PROJECT_ERROR_BUSY,
      "in use by another program, or by another window" },
    { SQLITE_LOCKED, 0, RDM_PROJECT_ERROR_BUSY, "in use by another program, or by another window" },
    { SQLITE_LOCKED_SHAREDCACHE, 0, RDM_PROJECT_ERROR_BUSY,
      "in use by another program, or by another window" },
    { SQLITE_NOTADB, 0, RDM_PROJECT_ERROR_FOREIGN,
      "“/tmp/a.rendement” is not a Rendement project (it is not an SQLite database)" },
    { SQLITE_CONSTRAINT, 0, -1, NULL },
    { SQLITE_CORRUPT, 0, -1, NULL },
    { SQLITE_ERROR, 0, -1, NULL },
    { SQLITE_IOERR_READ, EIO, -1, NULL },
    { SQLITE_CANTOPEN, ENOENT, -1, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      gboolean set = _rdm_project_set_file_error (&error, "/tmp/a.rendement", cases[i].code,
                                                  cases[i].system_errno);

      g_test_message ("SQLite code %d, errno %d", cases[i].code, cases[i].system_errno);
      g_assert_cmpint (set, ==, cases[i].expected >= 0);
      if (cases[i].expected < 0)
        {
          g_assert_no_error (error);
          continue;
        }
      g_assert_error (error, RDM_PROJECT_ERROR, cases[i].expected);
      g_assert_nonnull (strstr (error->message, cases[i].text));
    }
}

/* Creates a project with one channel and returns a second connection, in
 * rollback-journal mode when @journal_mode says so, that holds @lock. The
 * file's bytes are read first: closing any descriptor of the file would
 * drop this process's POSIX locks on it. */
static sqlite3 *
lock_project (
    const char *path, const char *journal_mode, const char *lock, char **before, gsize *length)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_create (path, &error);
  g_autofree char *sql = g_strdup_printf ("PRAGMA journal_mode = %s", journal_mode);
  sqlite3 *db = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (rdm_project_ensure_channel (project, "Email", &error), ==, 1);
  g_clear_object (&project);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  *before = read_bytes (path, length);
  g_assert_cmpint (sqlite3_exec (db, lock, NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

static void
assert_in_use (const GError *error, const char *path)
{
  g_autofree char *expected
      = g_strdup_printf ("“%s” is in use by another program, or by another window or task of "
                         "Rendement; try again once it is done",
                         path);

  g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_BUSY);
  g_assert_cmpstr (error->message, ==, expected);
}

/* Another sqlite3 holding BEGIN EXCLUSIVE on a rollback-journal file lets
 * no one read it; it was reported as "not an SQLite database". */
static void
test_locked_exclusive (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autofree char *before = NULL;
  gsize length;
  sqlite3 *other = lock_project (fixture->path, "DELETE", "BEGIN EXCLUSIVE", &before, &length);

  project = rdm_project_open_for_reading (fixture->path, &error);
  g_assert_null (project);
  assert_in_use (error, fixture->path);
  sqlite3_close (other);
  assert_unchanged (fixture->path, before, length);

  g_clear_error (&error);
  project = rdm_project_open_for_reading (fixture->path, &error);
  g_assert_no_error (error);
}

/* A RESERVED lock (a writer that has not committed yet) lets others read a
 * rollback-journal file but not turn it to WAL. */
static void
test_locked_reserved (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autofree char *before = NULL;
  gsize length;
  sqlite3 *other = lock_project (fixture->path, "DELETE",
                                 "BEGIN IMMEDIATE; INSERT INTO channel (name, channel_group)"
                                 " VALUES ('Video', 'video')",
                                 &before, &length);

  project = rdm_project_open (fixture->path, &error);
  g_assert_null (project);
  assert_in_use (error, fixture->path);
  sqlite3_close (other);
  assert_unchanged (fixture->path, before, length);
}

/* In WAL mode a writer lets others read, but not write. */
static void
test_locked_write (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autofree char *before = NULL;
  RdmProjectInfo info;
  gsize length;
  sqlite3 *other = lock_project (fixture->path, "WAL", "BEGIN IMMEDIATE", &before, &length);

  project = rdm_project_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (rdm_project_get_info (project, &info, &error));
  g_assert_cmpint (info.channels, ==, 1);
  g_assert_false (rdm_project_begin (project, &error));
  assert_in_use (error, fixture->path);
  sqlite3_close (other);
}

/* rendement-cli says so too, and changes nothing. */
static void
test_locked_cli (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *events
      = g_build_filename (g_getenv ("RDM_TEST_DATA"), "import", "events.csv", NULL);
  g_autofree char *expected = NULL;
  gsize length;
  sqlite3 *other = lock_project (fixture->path, "DELETE", "BEGIN EXCLUSIVE", &before, &length);

  expected = g_strdup_printf ("“%s” is in use by another program, or by another window or task of "
                              "Rendement; try again once it is done\n",
                              fixture->path);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "info", fixture->path, NULL), ==, 1);
  g_assert_true (g_str_has_suffix (err, expected));
  g_assert_null (strstr (err, "not a Rendement project"));
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", fixture->path, events, NULL), ==, 1);
  g_assert_true (g_str_has_suffix (err, expected));
  sqlite3_close (other);
  assert_unchanged (fixture->path, before, length);
}

/* SQLite's page limit fails a write as a full disk would, with
 * SQLITE_FULL, wherever mount is not allowed. */
static void
test_page_limit_full (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_create (fixture->path, &error);
  g_autofree char *limit = NULL;
  g_autofree char *expected = NULL;
  RdmProjectInfo info;
  sqlite3 *db = rdm_project_get_db (project);
  gint64 id = 0;

  limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT,
                           rdm_test_query_int (db, "PRAGMA page_count"));
  g_assert_true (rdm_project_exec (project, limit, &error));
  g_assert_true (rdm_project_begin (project, &error));
  for (guint i = 0; id >= 0; i++)
    {
      g_autofree char *name = g_strdup_printf ("Channel %u with a long name to fill pages", i);

      id = rdm_project_ensure_channel (project, name, &error);
    }
  expected = g_strdup_printf (
      "There is no space left on the disk holding “%s”; nothing was changed", fixture->path);
  g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_DISK_FULL);
  g_assert_cmpstr (error->message, ==, expected);
  rdm_project_rollback (project);
  g_clear_error (&error);
  g_assert_true (rdm_project_get_info (project, &info, &error));
  g_assert_cmpint (info.channels, ==, 0);
}

/* Whether this process may make a mount namespace of its own, where a
 * tmpfs can be full or read-only without touching the system. */
static gboolean
can_mount_privately (const char *dir)
{
  int status = 0;
  pid_t pid = fork ();

  if (pid == 0)
    _exit (unshare (CLONE_NEWNS) == 0 && mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0
                   && mount ("tmpfs", dir, "tmpfs", 0, "size=64k") == 0
               ? 0
               : 1);
  return pid > 0 && waitpid (pid, &status, 0) == pid && WIFEXITED (status)
         && WEXITSTATUS (status) == 0;
}

/* In a subprocess: mounts a tmpfs of @size on RDM_TEST_MOUNT and returns
 * its path. */
static const char *
mount_tmpfs (const char *size)
{
  g_autofree char *options = g_strdup_printf ("size=%s", size);
  const char *dir = g_getenv ("RDM_TEST_MOUNT");

  g_assert_cmpint (unshare (CLONE_NEWNS), ==, 0);
  g_assert_cmpint (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL), ==, 0);
  g_assert_cmpint (mount ("tmpfs", dir, "tmpfs", 0, options), ==, 0);
  return dir;
}

/* In a subprocess: mounts a tmpfs of @size on RDM_TEST_MOUNT and returns
 * the path of a project with one channel in it. */
static char *
project_on_tmpfs (const char *size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = NULL;
  char *path = g_build_filename (mount_tmpfs (size), "medium.rendement", NULL);

  project = rdm_project_create (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rdm_project_ensure_channel (project, "Email", &error), ==, 1);
  return path;
}

static void
run_in_mount_namespace (Fixture *fixture, const char *test_path)
{
  if (!can_mount_privately (fixture->dir))
    {
      g_test_skip ("cannot mount a tmpfs in a mount namespace of this process's own");
      return;
    }
  g_setenv ("RDM_TEST_MOUNT", fixture->dir, TRUE);
  g_test_trap_subprocess (test_path, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* @path, which cannot be written, is refused for writing with @expected,
 * opens for reading (its one channel readable), and refuses a transaction
 * with the same message. Returns the project opened for reading. */
static RdmProject *
assert_opens_read_only (const char *path, const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (path, &error);
  RdmProjectInfo info;

  g_assert_null (project);
  g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_READ_ONLY);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  project = rdm_project_open_for_reading (path, &error);
  g_assert_no_error (error);
  g_assert_true (rdm_project_is_read_only (project));
  g_assert_true (rdm_project_get_info (project, &info, &error));
  g_assert_cmpint (info.channels, ==, 1);
  g_assert_false (rdm_project_begin (project, &error));
  g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_READ_ONLY);
  g_assert_cmpstr (error->message, ==, expected);
  return g_steal_pointer (&project);
}

/* A project on a read-only medium: was "not an SQLite database", as
 * SQLite could not create the -shm file it needs to read a WAL file. */
static void
test_read_only_medium_subprocess (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autofree char *path = project_on_tmpfs ("4m");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *events
      = g_build_filename (g_getenv ("RDM_TEST_DATA"), "import", "events.csv", NULL);
  gsize length;

  g_assert_cmpint (mount (NULL, g_getenv ("RDM_TEST_MOUNT"), NULL, MS_REMOUNT | MS_RDONLY, NULL),
                   ==, 0);
  before = read_bytes (path, &length);
  expected = g_strdup_printf ("“%s” is read-only: changes cannot be saved to it", path);

  project = assert_opens_read_only (path, expected);
  /* a write outside a transaction is refused by SQLite itself */
  g_assert_cmpint (rdm_project_ensure_channel (project, "Video", &error), ==, -1);
  g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_READ_ONLY);
  g_clear_object (&project);

  g_assert_cmpint (rdm_test_run_cli (&out, &err, "info", path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Channels"));
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", path, events, NULL), ==, 1);
  g_assert_nonnull (strstr (err, expected));
  g_assert_cmpint (
      rdm_test_run_cli (&out, &err, "objective", "add", path, "Grow", "--function", "sales", NULL),
      ==, 1);
  g_assert_nonnull (strstr (err, expected));
  assert_unchanged (path, before, length);
}

static void
test_read_only_medium (Fixture *fixture, gconstpointer user_data)
{
  run_in_mount_namespace (fixture, "/project/read-only-medium/subprocess");
}

/* Writes zeros to @path until the disk is full. */
static void
fill_disk (const char *path)
{
  g_autofree char *block = g_malloc0 (4096);
  FILE *file = fopen (path, "w");

  g_assert_nonnull (file);
  while (fwrite (block, 1, 4096, file) == 4096 && fflush (file) == 0)
    ;
  fclose (file);
}

/* A full disk, when a transaction is committed and when opening needs
 * room for the -shm file: was "disk I/O error". */
static void
test_full_disk_subprocess (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autofree char *path = project_on_tmpfs ("1m");
  g_autofree char *filler = g_build_filename (g_getenv ("RDM_TEST_MOUNT"), "filler", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *events
      = g_build_filename (g_getenv ("RDM_TEST_DATA"), "import", "events.csv", NULL);
  RdmProjectInfo info;
  gsize length;

  expected = g_strdup_printf (
      "There is no space left on the disk holding “%s”; nothing was changed", path);
  project = rdm_project_open (path, &error);
  g_assert_no_error (error);
  fill_disk (filler);
  g_assert_true (rdm_project_begin (project, &error));
  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *name = g_strdup_printf ("Channel %u with a long name to fill pages", i);

      g_assert_cmpint (rdm_project_ensure_channel (project, name, &error), >, 0);
    }
  g_assert_false (rdm_project_commit (project, &error));
  g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_DISK_FULL);
  g_assert_cmpstr (error->message, ==, expected);
  rdm_project_rollback (project);
  g_clear_error (&error);
  g_assert_true (rdm_project_get_info (project, &info, &error));
  g_assert_cmpint (info.channels, ==, 1);
  g_clear_object (&project);

  /* closing removed the -shm file, which opening must create again */
  g_assert_cmpint (g_unlink (filler), ==, 0);
  g_assert_false (g_file_test (filler, G_FILE_TEST_EXISTS));
  fill_disk (filler);
  before = read_bytes (path, &length);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", path, events, NULL), ==, 1);
  g_assert_nonnull (strstr (err, expected));
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "info", path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, expected));
  assert_unchanged (path, before, length);
}

static void
test_full_disk (Fixture *fixture, gconstpointer user_data)
{
  run_in_mount_namespace (fixture, "/project/full-disk/subprocess");
}

/* Every table of @db, its schema and its rows, as text. */
static char *
dump_tables (sqlite3 *db)
{
  GString *dump = g_string_new (NULL);
  sqlite3_stmt *tables = NULL;

  g_string_append_printf (
      dump, "application_id %" G_GINT64_FORMAT "\nuser_version %" G_GINT64_FORMAT "\n",
      rdm_test_query_int (db, "PRAGMA application_id"),
      rdm_test_query_int (db, "PRAGMA user_version"));
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT name, sql FROM sqlite_schema WHERE type = 'table'"
                                       " ORDER BY name",
                                       -1, &tables, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      g_autofree char *select
          = g_strdup_printf ("SELECT * FROM \"%s\"", sqlite3_column_text (tables, 0));
      sqlite3_stmt *rows = NULL;

      g_string_append_printf (dump, "%s\n", sqlite3_column_text (tables, 1));
      g_assert_cmpint (sqlite3_prepare_v2 (db, select, -1, &rows, NULL), ==, SQLITE_OK);
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          for (int i = 0; i < sqlite3_column_count (rows); i++)
            {
              g_string_append_printf (dump, "%d:", sqlite3_column_type (rows, i));
              g_string_append_len (dump, (const char *)sqlite3_column_text (rows, i),
                                   sqlite3_column_bytes (rows, i));
              g_string_append_c (dump, '|');
            }
          g_string_append_c (dump, '\n');
        }
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);
  return g_string_free (dump, FALSE);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *)a, *(char *const *)b);
}

/* The names in @dir, sorted and joined by spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) listing = g_dir_open (dir, 0, &error);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (const char *name; (name = g_dir_read_name (listing)) != NULL;)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **)names->pdata);
}

/* A project with rows in most tables, some 2 MB. */
static RdmProject *
create_filled (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_create (path, &error);
  RdmKpi kpi = {
    .objective = (char *)"Grow",
    .name = (char *)"ROAS",
    .formula = (char *)"value / cost",
    .unit = (char *)"×",
    .period = RDM_PERIOD_MONTH,
  };
  const char *const campaigns[] = { "Facebook / Spring", NULL };

  g_assert_no_error (error);
  g_assert_cmpint (rdm_project_ensure_channel (project, "Facebook", &error), ==, 1);
  g_assert_cmpint (rdm_project_ensure_channel (project, "Email", &error), ==, 2);
  g_assert_cmpint (rdm_project_ensure_campaign (project, 1, "Spring", &error), ==, 1);
  g_assert_true (rdm_project_add_objective (project, "Grow", "sales", "More sales", &error));
  g_assert_true (rdm_project_add_initiative (project, "Grow", "Ads", "", campaigns, &error));
  g_assert_true (rdm_project_add_kpi (project, &kpi, &error));
  g_assert_true (rdm_project_add_saving (project, "Email", NULL, 1775001600, 25, "", &error));
  g_assert_true (
      rdm_project_add_event (project, 1775001600, 1775174400, "Bad buzz", "incident", &error));
  g_assert_true (rdm_project_exec (
      project,
      "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)"
      " INSERT INTO visitor (id, external_id) SELECT i, 'visitor-' || i FROM n;"
      "INSERT INTO touchpoint (visitor_id, time, channel_id, campaign_id, interaction)"
      " SELECT id, 1775001600 + id * 60, id % 2 + 1, CASE id % 2 WHEN 0 THEN 1 END, id % 3"
      " FROM visitor;"
      "INSERT INTO conversion (visitor_id, time, event, value)"
      " SELECT id, 1775001600 + id * 61, 'purchase', id % 97 + 0.25 FROM visitor WHERE id % 5 = 0",
      &error));
  g_assert_no_error (error);
  return g_steal_pointer (&project);
}

/* A copy of an open project opens as a project and holds the same rows;
 * nothing else is left beside it. */
static void
test_copy_to (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = create_filled (fixture->path);
  g_autoptr (RdmProject) copy = NULL;
  g_autofree char *copy_path = g_build_filename (fixture->dir, "copy.rendement", NULL);
  g_autofree char *original = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *names = NULL;
  GStatBuf copy_status;
  GStatBuf status;

  original = dump_tables (rdm_project_get_db (project));
  g_assert_true (rdm_project_copy_to (project, copy_path, &error));
  g_assert_no_error (error);
  names = list_dir (fixture->dir);
  g_assert_cmpstr (names, ==,
                   "copy.rendement test.rendement test.rendement-shm test.rendement-wal");
  /* with the permissions SQLite gives the files it creates */
  g_assert_cmpint (g_stat (copy_path, &copy_status), ==, 0);
  g_assert_cmpint (g_stat (fixture->path, &status), ==, 0);
  g_assert_cmpint (copy_status.st_mode, ==, status.st_mode);

  copy = rdm_project_open (copy_path, &error);
  g_assert_no_error (error);
  copied = dump_tables (rdm_project_get_db (copy));
  g_assert_cmpuint (strlen (original), >, 100000);
  g_assert_cmpstr (copied, ==, original);
  /* the copy is a project of its own */
  g_assert_cmpint (rdm_project_ensure_channel (copy, "Only in the copy", &error), >, 0);
  g_clear_pointer (&copied, g_free);
  copied = dump_tables (rdm_project_get_db (project));
  g_assert_cmpstr (copied, ==, original);
}

/* An existing file at the destination is replaced, even one with a
 * journal of its own left beside it (which must not be replayed into the
 * copy). */
static void
test_copy_to_replaces (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autoptr (RdmProject) old = NULL;
  g_autoptr (RdmProject) copy = NULL;
  g_autofree char *copy_path = g_build_filename (fixture->dir, "copy.rendement", NULL);
  g_autofree char *wal_path = g_strconcat (copy_path, "-wal", NULL);
  g_autofree char *wal = NULL;
  g_autofree char *original = NULL;
  g_autofree char *copied = NULL;
  gsize wal_length;

  project = rdm_project_create (fixture->path, &error);
  g_assert_cmpint (rdm_project_ensure_channel (project, "Email", &error), ==, 1);
  g_assert_no_error (error);

  /* a project whose -wal outlived it, as after a crash */
  old = rdm_project_create (copy_path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *name = g_strdup_printf ("Old channel %u", i);

      g_assert_cmpint (rdm_project_ensure_channel (old, name, &error), >, 0);
    }
  wal = read_bytes (wal_path, &wal_length);
  g_assert_cmpuint (wal_length, >, 0);
  g_clear_object (&old);
  g_assert_true (g_file_set_contents (wal_path, wal, wal_length, &error));

  original = dump_tables (rdm_project_get_db (project));
  g_assert_true (rdm_project_copy_to (project, copy_path, &error));
  g_assert_no_error (error);
  copy = rdm_project_open (copy_path, &error);
  g_assert_no_error (error);
  copied = dump_tables (rdm_project_get_db (copy));
  g_assert_cmpstr (copied, ==, original);
  g_clear_object (&copy);

  /* and a file that is not a project at all */
  g_assert_true (g_file_set_contents (copy_path, "not a project", -1, &error));
  g_assert_true (rdm_project_copy_to (project, copy_path, &error));
  g_assert_no_error (error);
  copy = rdm_project_open (copy_path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&copied, g_free);
  copied = dump_tables (rdm_project_get_db (copy));
  g_assert_cmpstr (copied, ==, original);
}

/* A copy that cannot be made says why, leaves no temporary file and
 * leaves the destination as it was. */
static void
test_copy_to_fails (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_create (fixture->path, &error);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing", "copy.rendement", NULL);
  g_autofree char *folder = g_build_filename (fixture->dir, "folder.rendement", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_no_error (error);
  before = list_dir (fixture->dir);
  g_assert_false (rdm_project_copy_to (project, missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  expected = g_strdup_printf ("Cannot save a copy as “%s”: %s", missing, g_strerror (ENOENT));
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  after = list_dir (fixture->dir);
  g_assert_cmpstr (after, ==, before);

  /* fails only when the finished copy is renamed */
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_clear_pointer (&before, g_free);
  before = list_dir (fixture->dir);
  g_assert_false (rdm_project_copy_to (project, folder, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("Cannot save a copy as “%s”: %s", folder, g_strerror (EISDIR));
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_pointer (&after, g_free);
  after = list_dir (fixture->dir);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
}

/* A copy to a full disk: the file that was at the destination is kept and
 * no partial copy is left. The copy used to remove the destination first. */
static void
test_copy_to_full_disk_subprocess (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *source_dir = rdm_test_make_tmpdir ();
  g_autofree char *source = g_build_filename (source_dir, "big.rendement", NULL);
  g_autoptr (RdmProject) project = rdm_project_create (source, &error);
  const char *dir;
  g_autofree char *destination = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *names = NULL;

  /* some 200 KiB */
  g_assert_true (rdm_project_begin (project, &error));
  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *name = g_strdup_printf ("Channel %u with a long name to fill pages", i);

      g_assert_cmpint (rdm_project_ensure_channel (project, name, &error), >, 0);
    }
  g_assert_true (rdm_project_commit (project, &error));
  dir = mount_tmpfs ("64k");
  destination = g_build_filename (dir, "copy.rendement", NULL);

  g_assert_true (g_file_set_contents (destination, "keep me", -1, &error));
  g_assert_false (rdm_project_copy_to (project, destination, &error));
  g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_DISK_FULL);
  expected = g_strdup_printf (
      "There is no space left on the disk holding “%s”; nothing was changed", destination);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_true (g_file_get_contents (destination, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "keep me");
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "copy.rendement");
  g_clear_object (&project);
  rdm_test_remove_tree (source_dir);
}

static void
test_copy_to_full_disk (Fixture *fixture, gconstpointer user_data)
{
  run_in_mount_namespace (fixture, "/project/copy-to/full-disk/subprocess");
}

/* The user that permission bits bind, when the tests run as root. */
#define NOBODY 65534

static gboolean
become_nobody (void)
{
  return setgroups (0, NULL) == 0 && setgid (NOBODY) == 0 && setuid (NOBODY) == 0;
}

static gboolean
can_become_nobody (void)
{
  int status = 0;
  pid_t pid = fork ();

  if (pid == 0)
    _exit (become_nobody () ? 0 : 1);
  return pid > 0 && waitpid (pid, &status, 0) == pid && WIFEXITED (status)
         && WEXITSTATUS (status) == 0;
}

/* Files of a user who can write neither them nor their folder: one that
 * nobody may write (mode 0444) is read; one that its owner still may (0644)
 * cannot be read without a -shm file, which the folder does not let SQLite
 * create, and is refused with a reason. Both were "not an SQLite
 * database". */
static void
test_read_only_permissions_subprocess (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autofree char *locked
      = g_build_filename (g_getenv ("RDM_TEST_SHELF"), "locked.rendement", NULL);
  g_autofree char *shared
      = g_build_filename (g_getenv ("RDM_TEST_SHELF"), "shared.rendement", NULL);
  g_autofree char *expected = NULL;

  if (getuid () == 0)
    g_assert_true (become_nobody ());
  expected = g_strdup_printf ("“%s” is read-only: changes cannot be saved to it", locked);
  project = assert_opens_read_only (locked, expected);
  g_clear_object (&project);

  project = rdm_project_open_for_reading (shared, &error);
  g_assert_null (project);
  g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "copy it to a folder you can write to"));
}

static void
test_read_only_permissions (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *shelf = g_build_filename (fixture->dir, "shelf", NULL);
  g_autofree char *locked = g_build_filename (shelf, "locked.rendement", NULL);
  g_autofree char *shared = g_build_filename (shelf, "shared.rendement", NULL);
  g_autoptr (GDir) listing = NULL;

  if (getuid () == 0 && !can_become_nobody ())
    {
      g_test_skip ("running as root without the right to become nobody");
      return;
    }
  g_assert_cmpint (g_mkdir (shelf, 0755), ==, 0);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (RdmProject) project = rdm_project_create (i == 0 ? locked : shared, &error);

      g_assert_no_error (error);
      g_assert_cmpint (rdm_project_ensure_channel (project, "Email", &error), ==, 1);
    }
  g_assert_cmpint (g_chmod (locked, 0444), ==, 0);
  g_assert_cmpint (g_chmod (shelf, 0555), ==, 0);
  g_assert_cmpint (g_chmod (fixture->dir, 0755), ==, 0);

  g_setenv ("RDM_TEST_SHELF", shelf, TRUE);
  g_test_trap_subprocess ("/project/read-only-permissions/subprocess", 0,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  /* nothing was written beside them */
  listing = g_dir_open (shelf, 0, &error);
  g_assert_no_error (error);
  for (const char *name; (name = g_dir_read_name (listing)) != NULL;)
    g_assert_true (g_str_equal (name, "locked.rendement")
                   || g_str_equal (name, "shared.rendement"));
  g_assert_cmpint (g_chmod (shelf, 0755), ==, 0);
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
    /* a blog is the owner's own: its group is the user's to say */
    { "Company blog", RDM_CHANNEL_GROUP_OTHER },
    { "YouTube", RDM_CHANNEL_GROUP_VIDEO },
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

/* A worker's connection checks the schema again but not every value: the
 * first open of the file in the process did, and every worker repeating
 * that scan made opening a large project in the window start five. */
static void
test_open_for_worker (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) worker = NULL;
  g_autoptr (RdmProject) refused = NULL;
  sqlite3 *db = NULL;

  {
    g_autoptr (RdmProject) project = rdm_project_create (fixture->path, &error);

    g_assert_no_error (error);
    /* an amount stored as text: a value no import writes */
    g_assert_true (rdm_project_exec (project,
                                     "INSERT INTO channel (name) VALUES ('Blog');"
                                     "INSERT INTO cost (day, channel_id, category, amount)"
                                     " VALUES (20000, 1, 'media', 'lots')",
                                     &error));
    g_assert_no_error (error);
  }
  refused = rdm_project_open_for_reading (fixture->path, &error);
  g_assert_null (refused);
  g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_CORRUPT);
  g_assert_nonnull (
      strstr (error->message, "(table cost, row 1, column amount: expected a number"));
  g_clear_error (&error);

  worker = rdm_project_open_for_worker (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (worker);
  g_clear_object (&worker);

  /* the schema is still checked */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE VIEW extra AS SELECT 1", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  worker = rdm_project_open_for_worker (fixture->path, &error);
  g_assert_null (worker);
  g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_CORRUPT);
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
  ADD ("/project/locked-exclusive", test_locked_exclusive);
  ADD ("/project/locked-reserved", test_locked_reserved);
  ADD ("/project/locked-write", test_locked_write);
  ADD ("/project/locked-cli", test_locked_cli);
  ADD ("/project/page-limit-full", test_page_limit_full);
  ADD ("/project/read-only-medium", test_read_only_medium);
  ADD ("/project/full-disk", test_full_disk);
  ADD ("/project/read-only-permissions", test_read_only_permissions);
  ADD ("/project/copy-to", test_copy_to);
  ADD ("/project/copy-to/replaces", test_copy_to_replaces);
  ADD ("/project/copy-to/fails", test_copy_to_fails);
  ADD ("/project/copy-to/full-disk", test_copy_to_full_disk);
  ADD ("/project/open-for-worker", test_open_for_worker);
#undef ADD
  g_test_add_func ("/project/file-error-codes", test_file_error_codes);
  g_test_add_func ("/project/read-only-medium/subprocess", test_read_only_medium_subprocess);
  g_test_add_func ("/project/full-disk/subprocess", test_full_disk_subprocess);
  g_test_add_func ("/project/copy-to/full-disk/subprocess", test_copy_to_full_disk_subprocess);
  g_test_add_func ("/project/read-only-permissions/subprocess",
                   test_read_only_permissions_subprocess);
  g_test_add_func ("/project/channel-group-guess", test_channel_group_guess);

  return g_test_run ();
}
