/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading the experiments a project holds (the experiment table of
 * migration 4), for calibration (rdm-attribution-run.c).
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "rdm-experiments.h"
#include "rdm-project-db.h"

static void
experiment_clear (RdmExperiment *experiment)
{
  g_clear_pointer (&experiment->channel, g_free);
  g_clear_pointer (&experiment->method, g_free);
}

GArray *
rdm_project_load_experiments (RdmProject *project, gboolean holdouts_only, GError **error)
{
  g_autoptr (GArray) experiments = g_array_new (FALSE, TRUE, sizeof (RdmExperiment));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RDM_IS_PROJECT (project), NULL);

  g_array_set_clear_func (experiments, (GDestroyNotify)experiment_clear);
  stmt = rdm_project_prepare (project,
                              "SELECT channel.name, e.start_day, e.end_day,"
                              " e.incremental_conversions, e.ci_low, e.ci_high,"
                              " e.incremental_value, e.method, e.spend_kept"
                              " FROM experiment e JOIN channel ON channel.id = e.channel_id"
                              " WHERE ?1 = 0 OR e.spend_kept = 0"
                              " ORDER BY channel.name, e.start_day, e.end_day, e.id",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, holdouts_only);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdmExperiment experiment = {
        .channel = g_strdup ((const char *)sqlite3_column_text (stmt, 0)),
        .start_day = sqlite3_column_int64 (stmt, 1),
        .end_day = sqlite3_column_int64 (stmt, 2),
        .incremental_conversions = sqlite3_column_double (stmt, 3),
        .ci_low = sqlite3_column_double (stmt, 4),
        .ci_high = sqlite3_column_double (stmt, 5),
        .incremental_value
        = sqlite3_column_type (stmt, 6) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 6),
        .method = g_strdup ((const char *)sqlite3_column_text (stmt, 7)),
        .spend_kept = sqlite3_column_double (stmt, 8),
      };

      g_array_append_val (experiments, experiment);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rdm_project_set_sql_error (project, error, _ ("Reading the experiments"));
      return NULL;
    }
  return g_steal_pointer (&experiments);
}
