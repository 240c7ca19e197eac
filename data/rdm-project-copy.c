/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saving a copy of a project ("Save As").
 *
 * The SQLite backup API copies a consistent snapshot even while the source
 * is open, which copying the file (and its WAL) would not. The copy is
 * written to a temporary file beside the destination, made durable by
 * SQLite's commit, and only then renamed over the destination: a rename
 * within a folder replaces the file in one step, so a copy that fails (full
 * disk, read-only medium) or is killed half-way never leaves a half-written
 * project, nor destroys a file that was at the destination. A kill leaves
 * at most the hidden temporary file.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rdm-project-private.h"

/* SQLite's own mode for the files it creates. */
#define COPY_FILE_MODE 0644

static void
remove_journals (const char *path)
{
  static const char *const suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *journal = g_strconcat (path, suffixes[i], NULL);

      g_unlink (journal);
    }
}

static gboolean
set_errno_error (GError **error, const char *destination, int saved_errno)
{
  if (!_rdm_project_set_file_error (error, destination, SQLITE_CANTOPEN, saved_errno))
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _ ("Cannot save a copy as “%s”: %s"), destination, g_strerror (saved_errno));
  return FALSE;
}

/* Copies the whole of @source into the empty database @path. */
static int
backup_into (sqlite3 *source, const char *path, sqlite3 **db)
{
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (path, db, SQLITE_OPEN_READWRITE, NULL);
  /* the commit must have reached the disk before the rename publishes it */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (*db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return rc;
  backup = sqlite3_backup_init (*db, "main", source, "main");
  if (backup == NULL)
    return sqlite3_extended_errcode (*db);
  rc = sqlite3_backup_step (backup, -1);
  /* finishing sets the error of @db to the step's */
  if (sqlite3_backup_finish (backup) == SQLITE_OK && rc == SQLITE_DONE)
    return SQLITE_OK;
  return rc == SQLITE_DONE ? sqlite3_extended_errcode (*db) : rc;
}

gboolean
rdm_project_copy_to (RdmProject *self, const char *destination, GError **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autofree char *temp = NULL;
  sqlite3 *db = NULL;
  int fd;
  int rc;

  g_return_val_if_fail (RDM_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  dir = g_path_get_dirname (destination);
  base = g_path_get_basename (destination);
  name = g_strconcat (".", base, "-XXXXXX", NULL);
  temp = g_build_filename (dir, name, NULL);
  fd = g_mkstemp_full (temp, O_RDWR, COPY_FILE_MODE);
  if (fd < 0)
    return set_errno_error (error, destination, errno);
  g_close (fd, NULL);

  rc = backup_into (rdm_project_get_db (self), temp, &db);
  if (rc != SQLITE_OK)
    {
      int system_errno = db != NULL ? sqlite3_system_errno (db) : 0;

      if (!_rdm_project_set_file_error (error, destination, rc, system_errno))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("Cannot save a copy as “%s”: %s"),
                     destination, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      g_unlink (temp);
      remove_journals (temp);
      return FALSE;
    }
  sqlite3_close (db);

  /* The journal of a file being replaced would be replayed into the copy
   * when it is opened. */
  remove_journals (destination);
  if (g_rename (temp, destination) != 0)
    {
      int saved_errno = errno;

      g_unlink (temp);
      return set_errno_error (error, destination, saved_errno);
    }
  return TRUE;
}
