/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The truth of a simulated media mix in the project file (table
 * media_truth, migration 9).
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "rdm-media-truth.h"
#include "rdm-project-db.h"

void
rdm_media_truth_free (RdmMediaTruth *truth)
{
  if (truth == NULL)
    return;
  g_free (truth->channel);
  g_free (truth);
}

static gboolean
is_valid (const RdmMediaTruth *truth)
{
  const RdmResponseCurve *curve = &truth->curve;

  return truth->first_day <= truth->last_day && isfinite (curve->adstock) && curve->adstock >= 0.0
         && curve->adstock < 1.0 && isfinite (curve->half_saturation)
         && curve->half_saturation > 0.0 && isfinite (curve->shape) && curve->shape > 0.0
         && isfinite (curve->coefficient) && curve->coefficient >= 0.0
         && isfinite (truth->contribution) && isfinite (truth->contribution_value);
}

gboolean
rdm_project_add_media_truth (RdmProject *project,
                             gint64 channel_id,
                             gint64 import_id,
                             const RdmMediaTruth *truth,
                             GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RDM_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (truth != NULL, FALSE);

  if (!is_valid (truth))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("A media-mix truth needs a carry-over from 0 to below 1, a half-saturation "
                      "spend and a shape above 0, a coefficient of at least 0, finite "
                      "contributions and its first day no later than its last"));
      return FALSE;
    }
  stmt = rdm_project_prepare (
      project,
      "INSERT INTO media_truth (channel_id, import_id, first_day, last_day,"
      " adstock, half_saturation, shape, coefficient, contribution,"
      " contribution_value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, channel_id);
  sqlite3_bind_int64 (stmt, 2, import_id);
  sqlite3_bind_int64 (stmt, 3, truth->first_day);
  sqlite3_bind_int64 (stmt, 4, truth->last_day);
  sqlite3_bind_double (stmt, 5, truth->curve.adstock);
  sqlite3_bind_double (stmt, 6, truth->curve.half_saturation);
  sqlite3_bind_double (stmt, 7, truth->curve.shape);
  sqlite3_bind_double (stmt, 8, truth->curve.coefficient);
  sqlite3_bind_double (stmt, 9, truth->contribution);
  sqlite3_bind_double (stmt, 10, truth->contribution_value);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Writing the media-mix truth"));
  return TRUE;
}

GPtrArray *
rdm_project_load_media_truth (RdmProject *project, GError **error)
{
  g_autoptr (GPtrArray) rows
      = g_ptr_array_new_with_free_func ((GDestroyNotify)rdm_media_truth_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RDM_IS_PROJECT (project), NULL);

  stmt
      = rdm_project_prepare (project,
                             "SELECT channel.name, first_day, last_day, adstock, half_saturation,"
                             " shape, coefficient, contribution, contribution_value"
                             " FROM media_truth JOIN channel ON channel.id = media_truth.channel_id"
                             " ORDER BY channel.name",
                             error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdmMediaTruth *truth = g_new0 (RdmMediaTruth, 1);

      truth->channel = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      truth->first_day = sqlite3_column_int64 (stmt, 1);
      truth->last_day = sqlite3_column_int64 (stmt, 2);
      truth->curve.adstock = sqlite3_column_double (stmt, 3);
      truth->curve.half_saturation = sqlite3_column_double (stmt, 4);
      truth->curve.shape = sqlite3_column_double (stmt, 5);
      truth->curve.coefficient = sqlite3_column_double (stmt, 6);
      truth->contribution = sqlite3_column_double (stmt, 7);
      truth->contribution_value = sqlite3_column_double (stmt, 8);
      g_ptr_array_add (rows, truth);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rdm_project_set_sql_error (project, error, _ ("Reading the media-mix truth"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}
