/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loading a project's events into an RdmEventStore.
 *
 * Two statements are stepped side by side, touchpoints and conversions,
 * both ordered by (visitor_id, time, id) so that SQLite walks the indexes
 * touchpoint_visitor_time and conversion_visitor_time instead of sorting
 * (tests/test-path-builder.c checks the plans), and merged by visitor: the
 * store comes out grouped by visitor and already in time order, ties in id
 * (file) order, without a sort in memory. Both statements run in one read
 * transaction, so they see the same snapshot even while an import commits.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rdm-event-loader.h"
#include "rdm-project-db.h"

#define CANCEL_CHECK_INTERVAL 65536

static const char touch_sql[] = "SELECT visitor_id, time, channel_id, campaign_id, interaction"
                                " FROM touchpoint ORDER BY visitor_id, time, id";
static const char conversion_sql[] = "SELECT visitor_id, time, event, value"
                                     " FROM conversion ORDER BY visitor_id, time, id";

typedef struct
{
  GHashTable *channels;  /* gint64 * channel.id -> store index + 1 */
  GHashTable *campaigns; /* gint64 * campaign.id -> store index + 1 */
} IdMaps;

static void
id_maps_clear (IdMaps *maps)
{
  g_clear_pointer (&maps->channels, g_hash_table_unref);
  g_clear_pointer (&maps->campaigns, g_hash_table_unref);
}

static void
id_map_insert (GHashTable *map, gint64 id, guint32 index)
{
  g_hash_table_insert (map, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (index + 1));
}

static gboolean
id_map_lookup (GHashTable *map, gint64 id, guint32 *index)
{
  gpointer found = g_hash_table_lookup (map, &id);

  if (found == NULL)
    return FALSE;
  *index = GPOINTER_TO_UINT (found) - 1;
  return TRUE;
}

static gboolean
load_names (RdmProject *project, RdmEventStore *store, IdMaps *maps, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  maps->channels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  maps->campaigns = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  stmt = rdm_project_prepare (project, "SELECT id, name, channel_group FROM channel ORDER BY id",
                              error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *group = (const char *)sqlite3_column_text (stmt, 2);
      guint32 index = rdm_event_store_intern_channel (
          store, (const char *)sqlite3_column_text (stmt, 1), g_strcmp0 (group, "direct") == 0);

      id_map_insert (maps->channels, sqlite3_column_int64 (stmt, 0), index);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Reading the channels"));

  stmt = rdm_project_prepare (project, "SELECT id, channel_id, name FROM campaign ORDER BY id",
                              error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint32 channel;

      if (!id_map_lookup (maps->channels, sqlite3_column_int64 (stmt, 1), &channel))
        {
          sqlite3_reset (stmt);
          g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_CORRUPT,
                       _ ("Campaign %lld of “%s” refers to a missing channel"),
                       (long long)sqlite3_column_int64 (stmt, 0), rdm_project_get_path (project));
          return FALSE;
        }
      id_map_insert (maps->campaigns, sqlite3_column_int64 (stmt, 0),
                     rdm_event_store_intern_campaign (store, channel,
                                                      (const char *)sqlite3_column_text (stmt, 2)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Reading the campaigns"));
  return TRUE;
}

static gboolean
add_touch (
    RdmProject *project, RdmEventStore *store, IdMaps *maps, sqlite3_stmt *stmt, GError **error)
{
  guint32 channel;
  guint32 campaign = RDM_EVENT_STORE_NO_CAMPAIGN;
  gint64 interaction = sqlite3_column_int64 (stmt, 4);

  if (!id_map_lookup (maps->channels, sqlite3_column_int64 (stmt, 2), &channel)
      || (sqlite3_column_type (stmt, 3) != SQLITE_NULL
          && !id_map_lookup (maps->campaigns, sqlite3_column_int64 (stmt, 3), &campaign))
      || interaction < RDM_INTERACTION_IMPRESSION || interaction > RDM_INTERACTION_VISIT)
    {
      g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_CORRUPT,
                   _ ("A touchpoint of visitor %lld in “%s” refers to a missing "
                      "channel or campaign, or has an unknown interaction"),
                   (long long)sqlite3_column_int64 (stmt, 0), rdm_project_get_path (project));
      return FALSE;
    }
  rdm_event_store_add_touch (store, sqlite3_column_int64 (stmt, 1), channel, campaign,
                             (RdmInteraction)interaction);
  return TRUE;
}

static void
add_conversion (RdmEventStore *store, sqlite3_stmt *stmt)
{
  const char *event = (const char *)sqlite3_column_text (stmt, 2);

  rdm_event_store_add_conversion (store, sqlite3_column_int64 (stmt, 1),
                                  rdm_event_store_intern_event (store, event != NULL ? event : ""),
                                  sqlite3_column_double (stmt, 3));
}

static gboolean
load_events (RdmProject *project,
             RdmEventStore *store,
             IdMaps *maps,
             sqlite3_stmt *touches,
             sqlite3_stmt *conversions,
             GCancellable *cancellable,
             GError **error)
{
  int trc = sqlite3_step (touches);
  int crc = sqlite3_step (conversions);
  guint64 rows = 0;

  while (trc == SQLITE_ROW || crc == SQLITE_ROW)
    {
      gint64 tv = trc == SQLITE_ROW ? sqlite3_column_int64 (touches, 0) : G_MAXINT64;
      gint64 cv = crc == SQLITE_ROW ? sqlite3_column_int64 (conversions, 0) : G_MAXINT64;
      gint64 visitor = MIN (tv, cv);

      rdm_event_store_add_visitor (store, visitor);
      for (; trc == SQLITE_ROW && sqlite3_column_int64 (touches, 0) == visitor;
           trc = sqlite3_step (touches))
        {
          if (!add_touch (project, store, maps, touches, error))
            return FALSE;
          if (++rows % CANCEL_CHECK_INTERVAL == 0
              && g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
        }
      for (; crc == SQLITE_ROW && sqlite3_column_int64 (conversions, 0) == visitor;
           crc = sqlite3_step (conversions))
        {
          add_conversion (store, conversions);
          if (++rows % CANCEL_CHECK_INTERVAL == 0
              && g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
        }
    }
  if (trc != SQLITE_DONE || crc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error,
                                      _ ("Reading the touchpoints and conversions"));
  return g_cancellable_set_error_if_cancelled (cancellable, error) == FALSE;
}

RdmEventStore *
rdm_event_store_load (RdmProject *project, GCancellable *cancellable, GError **error)
{
  g_autoptr (RdmEventStore) store = NULL;
  IdMaps maps = { NULL, NULL };
  sqlite3_stmt *touches;
  sqlite3_stmt *conversions;
  sqlite3 *db;
  gboolean own_transaction;
  gboolean ok;

  g_return_val_if_fail (RDM_IS_PROJECT (project), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  db = rdm_project_get_db (project);
  /* a caller's open transaction already gives one snapshot */
  own_transaction = sqlite3_get_autocommit (db);
  if (own_transaction && !rdm_project_exec (project, "BEGIN", error))
    return NULL;

  store = rdm_event_store_new ();
  ok = load_names (project, store, &maps, error);
  if (ok)
    {
      touches = rdm_project_prepare (project, touch_sql, error);
      conversions = touches != NULL ? rdm_project_prepare (project, conversion_sql, error) : NULL;
      ok = conversions != NULL
           && load_events (project, store, &maps, touches, conversions, cancellable, error);
      if (touches != NULL)
        sqlite3_reset (touches);
      if (conversions != NULL)
        sqlite3_reset (conversions);
    }
  id_maps_clear (&maps);
  if (own_transaction)
    sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  if (!ok)
    return NULL;

  rdm_event_store_finish (store);
  return g_steal_pointer (&store);
}
