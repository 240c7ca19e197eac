/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where a project's journeys come from: its events when it has any (the
 * full rules of SPEC.md "Path building" apply), else its imported path
 * table (the scale-out route of SPEC.md, already aggregated elsewhere).
 * A project holding both uses its events: they carry times, so windows and
 * time decay mean something; the path table stays available through
 * rdm_project_load_path_table().
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rdm-channel-rules-data.h"
#include "rdm-event-loader.h"
#include "rdm-path-builder.h"
#include "rdm-path-loader.h"
#include "rdm-path-table.h"
#include "rdm-project-db.h"

#define CANCEL_CHECK_INTERVAL 4096

static gboolean
has_events (RdmProject *project, gboolean *events, GError **error)
{
  sqlite3_stmt *stmt = rdm_project_prepare (project,
                                            "SELECT EXISTS (SELECT 1 FROM touchpoint)"
                                            " OR EXISTS (SELECT 1 FROM conversion)",
                                            error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return rdm_project_set_sql_error (project, error,
                                      _ ("Reading the touchpoints and conversions"));
  *events = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return TRUE;
}

/* A path's channel is direct when the project's channel of that name is in
 * the direct group, as for touches (a path text alone can only go by the
 * name "direct"): last non-direct then reads both sources alike. */
static RdmPathSet *
mark_direct_channels (RdmProject *project, RdmPathSet *set, GError **error)
{
  g_autoptr (RdmPathSet) marked = set;
  g_autoptr (GHashTable) groups = rdm_project_channel_groups (project, error);

  if (groups == NULL)
    return NULL;
  for (guint l = 0; l < rdm_path_set_n_labels (marked); l++)
    {
      const char *group = g_hash_table_lookup (groups, rdm_path_set_label_name (marked, l));

      if (group != NULL)
        marked->label_is_direct->data[l] = g_str_equal (group, "direct");
    }
  return g_steal_pointer (&marked);
}

RdmPathSet *
rdm_project_load_path_table (RdmProject *project, GCancellable *cancellable, GError **error)
{
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  sqlite3_stmt *stmt;
  guint64 rows = 0;
  int rc;

  g_return_val_if_fail (RDM_IS_PROJECT (project), NULL);

  stmt = rdm_project_prepare (
      project, "SELECT id, path, conversions, value, nulls, touch_kinds FROM path_row ORDER BY id",
      error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (!rdm_path_set_add_path_row (
              set, (const char *)sqlite3_column_text (stmt, 1),
              (const char *)sqlite3_column_text (stmt, 5), sqlite3_column_double (stmt, 2),
              sqlite3_column_double (stmt, 3), sqlite3_column_double (stmt, 4), error))
        {
          g_prefix_error (error,
                          /* Translators: the first %s is the project file; the error follows */
                          _ ("Path table row %lld of “%s”: "),
                          (long long)sqlite3_column_int64 (stmt, 0),
                          rdm_project_get_path (project));
          sqlite3_reset (stmt);
          return NULL;
        }
      if (++rows % CANCEL_CHECK_INTERVAL == 0
          && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_reset (stmt);
          return NULL;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rdm_project_set_sql_error (project, error, _ ("Reading the path table"));
      return NULL;
    }
  return mark_direct_channels (project, g_steal_pointer (&set), error);
}

RdmPathSet *
rdm_project_load_path_set (RdmProject *project,
                           const RdmPathOptions *options,
                           GCancellable *cancellable,
                           GError **error)
{
  g_autoptr (RdmEventStore) store = NULL;
  g_autoptr (RdmPathSet) table = NULL;
  gboolean events = FALSE;

  g_return_val_if_fail (RDM_IS_PROJECT (project), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (!has_events (project, &events, error))
    return NULL;
  if (!events)
    {
      table = rdm_project_load_path_table (project, cancellable, error);
      if (table == NULL)
        return NULL;
      if (rdm_path_set_n_rows (table) > 0)
        return g_steal_pointer (&table);
    }
  /* no events and no path table: building from the empty store gives the
   * empty set, with the options still checked */
  store = rdm_event_store_load (project, cancellable, error);
  if (store == NULL)
    return NULL;
  return rdm_path_builder_build (store, options, NULL, error);
}

gboolean
rdm_project_path_table_totals (RdmProject *project, RdmPathTableTotals *out, GError **error)
{
  g_autoptr (RdmPathSet) set = rdm_project_load_path_table (project, NULL, error);
  guint32 no_touch;

  if (set == NULL)
    return FALSE;
  *out = (RdmPathTableTotals){ 0 };
  for (guint r = 0; r < rdm_path_set_n_rows (set); r++)
    {
      out->conversions += g_array_index (set->conversions, double, r);
      out->value += g_array_index (set->value, double, r);
    }
  no_touch = rdm_path_set_no_touch_label (set);
  out->channels = rdm_path_set_n_labels (set) - (no_touch != G_MAXUINT32 ? 1 : 0);
  return TRUE;
}
