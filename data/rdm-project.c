/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RdmProject: one .rendement file, an SQLite database.
 *
 * Files may come from someone else, so opening one is defensive: the
 * connection runs with SQLITE_DBCONFIG_DEFENSIVE and trusted_schema=OFF, the
 * application_id must be ours, and the schema must be exactly the one our
 * migrations produce for its user_version (a file with an extra trigger or
 * view, or an altered table, is refused before anything runs on it). Older
 * files are migrated forward in one transaction. The journal is WAL, so a
 * crash or kill at any moment leaves the last committed state.
 *
 * A file that cannot be written (read-only file, folder or medium) is
 * opened read-only for reading and refused for writing, and SQLite's codes
 * for such a file, a full disk or a lock held by another program are told
 * the user in those words, not as "not an SQLite database".
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rdm-project-private.h"
#include "rdm-schema.h"

/* A connection belongs to one thread at a time (workers open their own),
 * so SQLite's per-connection mutex is only overhead: 5 % of an import. */
#define PROJECT_OPEN_FLAGS (SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX)
#define PROJECT_READ_ONLY_FLAGS (SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI)

struct _RdmProject
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  gboolean read_only;
  /* SQL text -> prepared statement, for the statements run once per row */
  GHashTable *statements;
};

G_DEFINE_FINAL_TYPE (RdmProject, rdm_project, G_TYPE_OBJECT)
/* The quark name is a bare dashed token, which clang-format would split. */
/* clang-format off */
G_DEFINE_QUARK (rdm-project-error-quark, rdm_project_error)
/* clang-format on */

static const char *const channel_group_names[RDM_N_CHANNEL_GROUPS] = {
  "social",   "paid_search", "organic_search", "email",  "affiliate",
  "referral", "display",     "video",          "direct", "other",
};

static void
rdm_project_finalize (GObject *object)
{
  RdmProject *self = RDM_PROJECT (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_free (self->path);

  G_OBJECT_CLASS (rdm_project_parent_class)->finalize (object);
}

static void
rdm_project_class_init (RdmProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rdm_project_finalize;
}

static void
rdm_project_init (RdmProject *self)
{
  self->statements
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)sqlite3_finalize);
}

void
rdm_import_record_free (RdmImportRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->file_name);
  g_free (record->checksum);
  g_free (record->kind);
  g_free (record->preset);
  g_free (record);
}

int
rdm_project_schema_version (void)
{
  return (int)rdm_schema_n_migrations;
}

const char *
rdm_project_get_path (RdmProject *self)
{
  g_return_val_if_fail (RDM_IS_PROJECT (self), NULL);
  return self->path;
}

sqlite3 *
rdm_project_get_db (RdmProject *self)
{
  g_return_val_if_fail (RDM_IS_PROJECT (self), NULL);
  return self->db;
}

gboolean
rdm_project_is_read_only (RdmProject *self)
{
  g_return_val_if_fail (RDM_IS_PROJECT (self), FALSE);
  return self->read_only;
}

gboolean
_rdm_project_set_file_error (GError **error, const char *path, int code, int system_errno)
{
  /* A failed write or a -shm file that cannot grow is an I/O error to
   * SQLite; the system's reason says what the user can do about it. */
  if ((code & 0xff) == SQLITE_IOERR || (code & 0xff) == SQLITE_CANTOPEN)
    {
      if (system_errno == ENOSPC || system_errno == EDQUOT)
        code = SQLITE_FULL;
      else if (system_errno == EROFS)
        code = SQLITE_READONLY;
    }
  switch (code & 0xff)
    {
    case SQLITE_READONLY:
      g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_READ_ONLY,
                   _ ("“%s” is read-only: changes cannot be saved to it"), path);
      return TRUE;
    case SQLITE_FULL:
      /* SQLite undoes the statement or transaction that ran out of room */
      g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_DISK_FULL,
                   _ ("There is no space left on the disk holding “%s”; nothing was changed"),
                   path);
      return TRUE;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      /* only after the busy timeout set in configure_connection() */
      g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_BUSY,
                   _ ("“%s” is in use by another program, or by another window or task of "
                      "Rendement; try again once it is done"),
                   path);
      return TRUE;
    case SQLITE_NOTADB:
      g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_FOREIGN,
                   _ ("“%s” is not a Rendement project (it is not an SQLite database)"), path);
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
rdm_project_set_sql_error (RdmProject *self, GError **error, const char *what)
{
  if (_rdm_project_set_file_error (error, self->path, sqlite3_extended_errcode (self->db),
                                   sqlite3_system_errno (self->db)))
    return FALSE;
  g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_SQL,
               /* Translators: the first %s is an action (e.g. "saving"), the
                * second the project file, the third SQLite's message */
               _ ("%s failed in “%s”: %s"), what, self->path, sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
exec_sql (sqlite3 *db, const char *sql, char **message)
{
  char *errmsg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
    {
      *message = g_strdup (errmsg != NULL ? errmsg : sqlite3_errmsg (db));
      sqlite3_free (errmsg);
      return FALSE;
    }
  return TRUE;
}

gboolean
rdm_project_exec (RdmProject *self, const char *sql, GError **error)
{
  g_autofree char *message = NULL;

  g_return_val_if_fail (RDM_IS_PROJECT (self), FALSE);

  if (!exec_sql (self->db, sql, &message))
    {
      if (_rdm_project_set_file_error (error, self->path, sqlite3_extended_errcode (self->db),
                                       sqlite3_system_errno (self->db)))
        return FALSE;
      g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_SQL,
                   _ ("Database error in “%s”: %s"), self->path, message);
      return FALSE;
    }
  return TRUE;
}

/* Returns a cached, reset statement owned by the project. */
sqlite3_stmt *
rdm_project_prepare (RdmProject *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RDM_IS_PROJECT (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      rdm_project_set_sql_error (self, error, _ ("Preparing a query"));
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
rdm_project_begin (RdmProject *self, GError **error)
{
  g_return_val_if_fail (RDM_IS_PROJECT (self), FALSE);

  /* said before any work, rather than by the first write */
  if (self->read_only)
    {
      _rdm_project_set_file_error (error, self->path, SQLITE_READONLY, 0);
      return FALSE;
    }
  return rdm_project_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
rdm_project_commit (RdmProject *self, GError **error)
{
  return rdm_project_exec (self, "COMMIT", error);
}

void
rdm_project_rollback (RdmProject *self)
{
  g_return_if_fail (RDM_IS_PROJECT (self));
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
query_int (sqlite3 *db, const char *sql, gint64 *value)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    {
      *value = sqlite3_column_int64 (stmt, 0);
      ok = TRUE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
apply_migrations (sqlite3 *db, int from, int to, char **message)
{
  g_autofree char *set_version = NULL;

  for (int version = from; version < to; version++)
    if (!exec_sql (db, rdm_schema_migrations[version], message))
      return FALSE;
  set_version = g_strdup_printf ("PRAGMA user_version = %d", to);
  return exec_sql (db, set_version, message);
}

static gboolean
foreign_keys_hold (sqlite3 *db, char **message)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL) != SQLITE_OK)
    {
      *message = g_strdup (sqlite3_errmsg (db));
      return FALSE;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *message = g_strdup_printf ("a row of %s refers to a missing row of %s",
                                sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 2));
  else if (rc != SQLITE_DONE)
    *message = g_strdup (sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

/* Runs the migrations in one transaction. A migration may rebuild a table
 * (SQLite cannot change a CHECK otherwise), and dropping a table that other
 * tables refer to fails with foreign keys on, so they are off while the
 * migrations run and every reference is checked before COMMIT. */
static gboolean
migrate (sqlite3 *db, int from, int to, int *sqlite_code, int *system_errno, char **message)
{
  gboolean ok = exec_sql (db, "PRAGMA foreign_keys = OFF; BEGIN IMMEDIATE", message)
                && apply_migrations (db, from, to, message) && foreign_keys_hold (db, message)
                && exec_sql (db, "COMMIT", message);

  if (!ok)
    {
      /* before ROLLBACK resets them: a full disk is told as such */
      *sqlite_code = sqlite3_extended_errcode (db);
      *system_errno = sqlite3_system_errno (db);
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
    }
  sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  return ok;
}

/* The schema objects of a database, one string per object, sorted, so two
 * databases can be compared. Internal sqlite_ objects are left out. */
static GPtrArray *
schema_signature (sqlite3 *db)
{
  GPtrArray *objects = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  /* Every entry counts, whatever its name: a trigger or a view can be
   * called "sqlite_…" too. Only the statistics tables that ANALYZE creates
   * (run by the user's own sqlite3, say) may be there or not, and only with
   * SQLite's own definitions. */
  if (sqlite3_prepare_v2 (db,
                          "SELECT type, name, tbl_name, ifnull(sql, '') FROM sqlite_schema"
                          " WHERE NOT (type = 'table' AND (name, sql) IN"
                          " (VALUES ('sqlite_stat1', 'CREATE TABLE sqlite_stat1(tbl,idx,stat)'),"
                          " ('sqlite_stat4',"
                          " 'CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)')))"
                          " ORDER BY type, name",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    return objects;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (objects,
                     g_strdup_printf ("%s\x1f%s\x1f%s\x1f%s", sqlite3_column_text (stmt, 0),
                                      sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2),
                                      sqlite3_column_text (stmt, 3)));
  sqlite3_finalize (stmt);
  return objects;
}

static gboolean
schema_matches_version (sqlite3 *db, int version)
{
  g_autoptr (GPtrArray) actual = NULL;
  g_autoptr (GPtrArray) expected = NULL;
  g_autofree char *message = NULL;
  sqlite3 *reference = NULL;

  if (sqlite3_open_v2 (":memory:", &reference, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      sqlite3_close (reference);
      return FALSE;
    }
  if (!apply_migrations (reference, 0, version, &message))
    g_error ("built-in migration failed: %s", message);
  expected = schema_signature (reference);
  sqlite3_close (reference);

  actual = schema_signature (db);
  if (actual->len != expected->len)
    return FALSE;
  for (guint i = 0; i < actual->len; i++)
    if (g_strcmp0 (actual->pdata[i], expected->pdata[i]) != 0)
      return FALSE;
  return TRUE;
}

static gboolean
configure_connection (sqlite3 *db, char **message)
{
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_busy_timeout (db, 5000);
  return exec_sql (db, "PRAGMA trusted_schema = OFF", message);
}

static gboolean
configure_storage (sqlite3 *db, gboolean read_only, char **message)
{
  /* WAL: readers never block the writer and a killed writer leaves the last
   * committed state. Choosing it writes the file, so a read-only connection
   * reads in whatever mode the file was left. A 64 MiB page cache keeps bulk
   * imports off the disk. */
  if (!read_only
      && !exec_sql (db,
                    "PRAGMA journal_mode = WAL;"
                    "PRAGMA synchronous = NORMAL;",
                    message))
    return FALSE;
  return exec_sql (db,
                   "PRAGMA foreign_keys = ON;"
                   "PRAGMA cache_size = -65536;"
                   "PRAGMA temp_store = MEMORY;",
                   message);
}

static RdmProject *
project_new (const char *path, sqlite3 *db)
{
  RdmProject *self = g_object_new (RDM_TYPE_PROJECT, NULL);

  self->path = g_strdup (path);
  self->db = db;
  return self;
}

static RdmProject *
create_at_version (const char *path, int version, GError **error)
{
  g_autofree char *message = NULL;
  g_autofree char *set_id = NULL;
  int sqlite_code = SQLITE_OK;
  int system_errno = 0;
  sqlite3 *db = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_EXISTS,
                   _ ("“%s” already exists; choose another name or remove it first"), path);
      return NULL;
    }
  if (sqlite3_open_v2 (path, &db, PROJECT_OPEN_FLAGS | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_OPEN,
                   _ ("Cannot create the project “%s”: %s"), path,
                   db != NULL ? sqlite3_errmsg (db) : g_strerror (ENOMEM));
      sqlite3_close (db);
      return NULL;
    }

  set_id = g_strdup_printf ("PRAGMA application_id = %d", RDM_PROJECT_APPLICATION_ID);
  if (!configure_connection (db, &message) || !exec_sql (db, set_id, &message)
      || !configure_storage (db, FALSE, &message)
      || !migrate (db, 0, version, &sqlite_code, &system_errno, &message))
    {
      if (!_rdm_project_set_file_error (error, path, sqlite_code, system_errno))
        g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_OPEN,
                     _ ("Cannot create the project “%s”: %s"), path, message);
      sqlite3_close (db);
      g_unlink (path);
      return NULL;
    }
  return project_new (path, db);
}

RdmProject *
rdm_project_create (const char *path, GError **error)
{
  return create_at_version (path, rdm_project_schema_version (), error);
}

RdmProject *
_rdm_project_create_at_version (const char *path, int version, GError **error)
{
  g_return_val_if_fail (version >= 1 && version <= rdm_project_schema_version (), NULL);
  return create_at_version (path, version, error);
}

/* SQLite writes its journal (-wal and -shm, or -journal) beside the file,
 * so a file in a folder that cannot be written to can only be read. */
static gboolean
is_writable (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return g_access (path, W_OK) == 0 && g_access (dir, W_OK) == 0;
}

/* Whether @path, in a folder that cannot be written to, may be read as
 * "immutable", without the -shm file that SQLite could not create there to
 * read a WAL file. SQLite then takes no lock and trusts that the file does
 * not change, which holds only when nobody can write it: the medium is
 * read-only, or the file has no write permission for anyone (changing it
 * would take a chmod first). And there must be no -wal or -journal beside it,
 * which would hold committed or half-written changes that immutable mode
 * ignores. */
static gboolean
can_read_as_immutable (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  struct statvfs medium;
  GStatBuf status;

  if (g_file_test (wal, G_FILE_TEST_EXISTS) || g_file_test (journal, G_FILE_TEST_EXISTS))
    return FALSE;
  if (statvfs (path, &medium) == 0 && (medium.f_flag & ST_RDONLY) != 0)
    return TRUE;
  return g_stat (path, &status) == 0 && (status.st_mode & 0222) == 0;
}

static int
open_read_only (const char *path, sqlite3 **db)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *uri = g_filename_to_uri (absolute, NULL, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *with_mode = NULL;

  with_mode = g_strconcat (
      uri, g_access (dir, W_OK) != 0 && can_read_as_immutable (path) ? "?immutable=1" : "?mode=ro",
      NULL);
  return sqlite3_open_v2 (with_mode, db, PROJECT_READ_ONLY_FLAGS, NULL);
}

/* The error for the last failed call on @db while opening @path. */
static void
set_open_error (GError **error, const char *path, sqlite3 *db, gboolean read_only)
{
  int code = sqlite3_extended_errcode (db);
  int system_errno = sqlite3_system_errno (db);

  /* Reading a WAL file needs its -shm file, which a read-only folder may
   * not let SQLite create. */
  if (read_only && (code & 0xff) == SQLITE_READONLY)
    g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_READ_ONLY,
                 _ ("Cannot read “%s”: its folder is read-only and others may still change the "
                    "file, so it cannot be read safely; copy it to a folder you can write to"),
                 path);
  else if (!_rdm_project_set_file_error (error, path, code, system_errno))
    g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_OPEN, _ ("Cannot open “%s”: %s"), path,
                 sqlite3_errmsg (db));
}

/* Whether @db is a Rendement project with exactly the schema our
 * migrations give its version, which is returned in @version. */
static gboolean
check_schema (sqlite3 *db, const char *path, gboolean read_only, gint64 *version, GError **error)
{
  gint64 application_id = 0;
  int latest = rdm_project_schema_version ();

  if (!query_int (db, "PRAGMA application_id", &application_id)
      || !query_int (db, "PRAGMA user_version", version))
    {
      set_open_error (error, path, db, read_only);
      return FALSE;
    }
  if (application_id != RDM_PROJECT_APPLICATION_ID)
    {
      g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_FOREIGN,
                   _ ("“%s” is an SQLite database but not a Rendement project"), path);
      return FALSE;
    }
  if (*version > latest)
    {
      g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_TOO_NEW,
                   _ ("“%s” was saved by a newer version of Rendement (project format %d; this "
                      "version reads up to %d). Update Rendement to open it."),
                   path, (int)*version, latest);
      return FALSE;
    }
  if (*version < 1 || !schema_matches_version (db, (int)*version))
    {
      g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_CORRUPT,
                   _ ("“%s” is a Rendement project whose structure was altered or damaged; it "
                      "cannot be opened safely"),
                   path);
      return FALSE;
    }
  return TRUE;
}

static RdmProject *
open_project (const char *path, gboolean for_reading, gboolean check_content, GError **error)
{
  g_autofree char *message = NULL;
  RdmProject *self;
  sqlite3 *db = NULL;
  gint64 version = 0;
  int latest = rdm_project_schema_version ();
  gboolean read_only;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_OPEN,
                   _ ("Cannot open “%s”: no such project file"), path);
      return NULL;
    }
  read_only = !is_writable (path);
  rc = read_only ? open_read_only (path, &db)
                 : sqlite3_open_v2 (path, &db, PROJECT_OPEN_FLAGS, NULL);
  if (rc != SQLITE_OK)
    {
      if (db != NULL)
        set_open_error (error, path, db, read_only);
      else
        g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_OPEN, _ ("Cannot open “%s”: %s"),
                     path, g_strerror (ENOMEM));
      sqlite3_close (db);
      return NULL;
    }
  if (!configure_connection (db, &message))
    {
      set_open_error (error, path, db, read_only);
      sqlite3_close (db);
      return NULL;
    }
  if (!check_schema (db, path, read_only, &version, error)
      || (check_content && !_rdm_project_check_content (db, path, error)))
    {
      sqlite3_close (db);
      return NULL;
    }
  if (read_only && (!for_reading || version < latest))
    {
      if (version < latest)
        g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_READ_ONLY,
                     _ ("“%s” is read-only: it is in an older project format, which must be "
                        "updated before it can be opened"),
                     path);
      else
        _rdm_project_set_file_error (error, path, SQLITE_READONLY, 0);
      sqlite3_close (db);
      return NULL;
    }
  if (!configure_storage (db, read_only, &message))
    {
      set_open_error (error, path, db, read_only);
      sqlite3_close (db);
      return NULL;
    }
  if (version < latest)
    {
      int system_errno = 0;

      if (!migrate (db, (int)version, latest, &rc, &system_errno, &message))
        {
          if (!_rdm_project_set_file_error (error, path, rc, system_errno))
            g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_OPEN,
                         _ ("Cannot update “%s” to the current project format: %s"), path, message);
          sqlite3_close (db);
          return NULL;
        }
    }
  self = project_new (path, db);
  self->read_only = read_only;
  return self;
}

RdmProject *
rdm_project_open (const char *path, GError **error)
{
  return open_project (path, FALSE, TRUE, error);
}

RdmProject *
rdm_project_open_for_reading (const char *path, GError **error)
{
  return open_project (path, TRUE, TRUE, error);
}

RdmProject *
rdm_project_open_for_worker (const char *path, GError **error)
{
  return open_project (path, TRUE, FALSE, error);
}

sqlite3 *
_rdm_project_open_reader (const char *path, GError **error)
{
  g_autofree char *message = NULL;
  sqlite3 *db = NULL;
  gint64 version = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_OPEN,
                   _ ("Cannot open “%s”: no such project file"), path);
      return NULL;
    }
  if (open_read_only (path, &db) != SQLITE_OK || !configure_connection (db, &message))
    {
      if (db != NULL)
        set_open_error (error, path, db, TRUE);
      else
        g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_OPEN, _ ("Cannot open “%s”: %s"),
                     path, g_strerror (ENOMEM));
      sqlite3_close (db);
      return NULL;
    }
  if (!check_schema (db, path, TRUE, &version, error))
    {
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

gboolean
rdm_project_amount_is_valid (double amount)
{
  /* false for NaN too */
  return fabs (amount) < RDM_PROJECT_AMOUNT_LIMIT;
}

gboolean
rdm_project_time_is_valid (gint64 time)
{
  return time >= RDM_PROJECT_EARLIEST_TIME && time <= RDM_PROJECT_LATEST_TIME;
}

/* FALSE without a row, else the id in the statement's first row; leaves
 * the statement reset, since one left on a row keeps a read transaction
 * open. */
static gboolean
step_id (sqlite3_stmt *stmt, gint64 *id)
{
  gboolean found = sqlite3_step (stmt) == SQLITE_ROW;

  if (found)
    *id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return found;
}

gint64
rdm_project_ensure_channel (RdmProject *self, const char *name, GError **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (RDM_IS_PROJECT (self), -1);
  g_return_val_if_fail (name != NULL && *name != '\0', -1);

  stmt = rdm_project_prepare (self, "SELECT id FROM channel WHERE name = ?1", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (step_id (stmt, &id))
    return id;

  stmt = rdm_project_prepare (self, "INSERT INTO channel (name, channel_group) VALUES (?1, ?2)",
                              error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, rdm_channel_group_to_string (rdm_channel_group_guess (name)), -1,
                     SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return rdm_project_set_sql_error (self, error, _ ("Adding a channel")), -1;
  return sqlite3_last_insert_rowid (self->db);
}

gint64
rdm_project_ensure_campaign (RdmProject *self, gint64 channel_id, const char *name, GError **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (RDM_IS_PROJECT (self), -1);
  g_return_val_if_fail (name != NULL && *name != '\0', -1);

  stmt = rdm_project_prepare (self, "SELECT id FROM campaign WHERE channel_id = ?1 AND name = ?2",
                              error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, channel_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  if (step_id (stmt, &id))
    return id;

  stmt = rdm_project_prepare (self, "INSERT INTO campaign (channel_id, name) VALUES (?1, ?2)",
                              error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, channel_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return rdm_project_set_sql_error (self, error, _ ("Adding a campaign")), -1;
  return sqlite3_last_insert_rowid (self->db);
}

gboolean
rdm_project_get_info (RdmProject *self, RdmProjectInfo *info, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RDM_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  stmt = rdm_project_prepare (self,
                              "SELECT (SELECT count(*) FROM visitor),"
                              " (SELECT count(*) FROM touchpoint),"
                              " (SELECT count(*) FROM conversion),"
                              " (SELECT total(value) FROM conversion),"
                              " (SELECT total(amount) FROM cost),"
                              " (SELECT count(*) FROM channel),"
                              " (SELECT count(*) FROM campaign),"
                              " (SELECT count(*) FROM path_row),"
                              " (SELECT count(*) FROM import_log),"
                              " (SELECT total(amount) FROM shared_cost),"
                              " (SELECT min(t) FROM (SELECT min(time) AS t FROM touchpoint"
                              "   UNION ALL SELECT min(time) FROM conversion)),"
                              " (SELECT max(t) FROM (SELECT max(time) AS t FROM touchpoint"
                              "   UNION ALL SELECT max(time) FROM conversion)),"
                              " (SELECT count(DISTINCT day) FROM outcome),"
                              " (SELECT min(day) FROM outcome), (SELECT max(day) FROM outcome)",
                              error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return rdm_project_set_sql_error (self, error, _ ("Reading the project’s totals"));

  info->visitors = sqlite3_column_int64 (stmt, 0);
  info->touchpoints = sqlite3_column_int64 (stmt, 1);
  info->conversions = sqlite3_column_int64 (stmt, 2);
  info->conversion_value = sqlite3_column_double (stmt, 3);
  info->cost = sqlite3_column_double (stmt, 4);
  info->channels = sqlite3_column_int64 (stmt, 5);
  info->campaigns = sqlite3_column_int64 (stmt, 6);
  info->paths = sqlite3_column_int64 (stmt, 7);
  info->imports = sqlite3_column_int64 (stmt, 8);
  info->shared_cost = sqlite3_column_double (stmt, 9);
  info->first_time = sqlite3_column_int64 (stmt, 10);
  info->last_time = sqlite3_column_int64 (stmt, 11);
  info->outcome_days = sqlite3_column_int64 (stmt, 12);
  info->first_outcome_day = sqlite3_column_int64 (stmt, 13);
  info->last_outcome_day = sqlite3_column_int64 (stmt, 14);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Returns the import log, oldest first, as RdmImportRecord elements. */
GPtrArray *
rdm_project_list_imports (RdmProject *self, GError **error)
{
  g_autoptr (GPtrArray) records = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RDM_IS_PROJECT (self), NULL);

  stmt = rdm_project_prepare (self,
                              "SELECT id, file_name, checksum, kind, preset, imported_at, rows,"
                              " rejects, period_start, period_end FROM import_log ORDER BY id",
                              error);
  if (stmt == NULL)
    return NULL;

  records = g_ptr_array_new_with_free_func ((GDestroyNotify)rdm_import_record_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdmImportRecord *record = g_new0 (RdmImportRecord, 1);

      record->id = sqlite3_column_int64 (stmt, 0);
      record->file_name = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      record->checksum = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      record->kind = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
      record->preset = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
      record->imported_at = sqlite3_column_int64 (stmt, 5);
      record->rows = sqlite3_column_int64 (stmt, 6);
      record->rejects = sqlite3_column_int64 (stmt, 7);
      record->period_start = sqlite3_column_int64 (stmt, 8);
      record->period_end = sqlite3_column_int64 (stmt, 9);
      g_ptr_array_add (records, record);
    }
  if (rc != SQLITE_DONE)
    {
      rdm_project_set_sql_error (self, error, _ ("Reading the import log"));
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&records);
}

const char *
rdm_channel_group_to_string (RdmChannelGroup group)
{
  g_return_val_if_fail (group < RDM_N_CHANNEL_GROUPS, "other");
  return channel_group_names[group];
}

gboolean
rdm_channel_group_from_string (const char *text, RdmChannelGroup *group)
{
  for (guint i = 0; i < RDM_N_CHANNEL_GROUPS; i++)
    if (g_strcmp0 (text, channel_group_names[i]) == 0)
      {
        *group = i;
        return TRUE;
      }
  return FALSE;
}

/* The group a channel most likely belongs to, from words in its name; the
 * user can change it. Checked in order, so "Paid Social" is social and
 * "Online Video" is video. */
RdmChannelGroup
rdm_channel_group_guess (const char *channel_name)
{
  static const struct
  {
    const char *word;
    RdmChannelGroup group;
  } rules[] = {
    { "facebook", RDM_CHANNEL_GROUP_SOCIAL },
    { "instagram", RDM_CHANNEL_GROUP_SOCIAL },
    { "linkedin", RDM_CHANNEL_GROUP_SOCIAL },
    { "twitter", RDM_CHANNEL_GROUP_SOCIAL },
    { "tiktok", RDM_CHANNEL_GROUP_SOCIAL },
    { "pinterest", RDM_CHANNEL_GROUP_SOCIAL },
    { "youtube", RDM_CHANNEL_GROUP_VIDEO },
    { "social", RDM_CHANNEL_GROUP_SOCIAL },
    { "paid search", RDM_CHANNEL_GROUP_PAID_SEARCH },
    { "sea", RDM_CHANNEL_GROUP_PAID_SEARCH },
    { "adwords", RDM_CHANNEL_GROUP_PAID_SEARCH },
    { "google ads", RDM_CHANNEL_GROUP_PAID_SEARCH },
    { "organic", RDM_CHANNEL_GROUP_ORGANIC_SEARCH },
    { "seo", RDM_CHANNEL_GROUP_ORGANIC_SEARCH },
    { "email", RDM_CHANNEL_GROUP_EMAIL },
    { "e-mail", RDM_CHANNEL_GROUP_EMAIL },
    { "newsletter", RDM_CHANNEL_GROUP_EMAIL },
    { "affiliat", RDM_CHANNEL_GROUP_AFFILIATE },
    { "referral", RDM_CHANNEL_GROUP_REFERRAL },
    { "video", RDM_CHANNEL_GROUP_VIDEO },
    { "display", RDM_CHANNEL_GROUP_DISPLAY },
    { "banner", RDM_CHANNEL_GROUP_DISPLAY },
    { "criteo", RDM_CHANNEL_GROUP_DISPLAY },
    { "direct", RDM_CHANNEL_GROUP_DIRECT },
  };
  g_autofree char *lower = NULL;
  g_auto (GStrv) words = NULL;

  g_return_val_if_fail (channel_name != NULL, RDM_CHANNEL_GROUP_OTHER);

  lower = g_utf8_strdown (channel_name, -1);
  if (g_strcmp0 (lower, "x") == 0)
    return RDM_CHANNEL_GROUP_SOCIAL;
  words = g_strsplit_set (lower, " _-/()", -1);
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      /* short codes must match a whole word, or "seo" would match "museo" */
      if (strlen (rules[i].word) <= 3)
        {
          if (g_strv_contains ((const char *const *)words, rules[i].word))
            return rules[i].group;
        }
      else if (strstr (lower, rules[i].word) != NULL)
        return rules[i].group;
    }
  return RDM_CHANNEL_GROUP_OTHER;
}

/* Whether @project holds nothing yet: no data, no definitions. */
gboolean
rdm_project_is_empty (RdmProject *project, gboolean *empty, GError **error)
{
  static const char *const tables[] = {
    "import_log", "channel",       "campaign",    "cost",         "campaign_daily", "visitor",
    "touchpoint", "conversion",    "path_row",    "series_value", "objective",      "kpi",
    "segment",    "model_setting", "saving",      "world",        "experiment",     "shared_cost",
    "outcome",    "event",         "media_truth",
  };

  *empty = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (tables) && *empty; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT EXISTS (SELECT 1 FROM %s)", tables[i]);
      sqlite3_stmt *stmt = rdm_project_prepare (project, sql, error);

      if (stmt == NULL)
        return FALSE;
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          return rdm_project_set_sql_error (project, error, _ ("Reading the project"));
        }
      *empty = sqlite3_column_int (stmt, 0) == 0;
      sqlite3_reset (stmt);
    }
  return TRUE;
}

/* Sets the connection's page cache to @size (PRAGMA cache_size units),
 * and returns the size it had, or 0 when it was left alone. */
gint64
_rdm_project_swap_cache_size (RdmProject *project, gint64 size)
{
  sqlite3_stmt *stmt = rdm_project_prepare (project, "PRAGMA cache_size", NULL);
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, size);
  gint64 previous = 0;

  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    previous = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (previous == 0 || !rdm_project_exec (project, sql, NULL))
    return 0;
  return previous;
}
