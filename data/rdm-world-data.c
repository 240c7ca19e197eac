/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A simulated world in a project file, and its truth read back.
 *
 * The truth is stored per conversion (the channels without which it would
 * not have happened) rather than per channel, so that any analysis —
 * a period, an event, a segment — finds the truth of exactly the
 * conversions it analyses.
 */

#include "config.h"

#include <inttypes.h>

#include <cjson/cJSON.h>
#include <glib/gi18n-lib.h>

#include "rdm-project-db.h"
#include "rdm-world-data.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

typedef struct
{
  RdmProject *project;
  gint64 import_id;
  gint64 *channel_ids;
  gint64 rows;
} Writer;

static gboolean
step (Writer *writer, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (writer->project, error, _ ("Writing the simulated world"));
  writer->rows++;
  return TRUE;
}

static gint64
last_id (Writer *writer)
{
  return sqlite3_last_insert_rowid (rdm_project_get_db (writer->project));
}

char *
rdm_world_settings_to_json (const RdmWorldSettings *settings)
{
  g_autoptr (cJSON) root = cJSON_CreateObject ();
  cJSON *channels = NULL;
  char *text;
  char *result;

  cJSON_AddNumberToObject (root, "seed", (double)settings->seed);
  cJSON_AddNumberToObject (root, "visitors", settings->n_visitors);
  cJSON_AddNumberToObject (root, "days", settings->n_days);
  cJSON_AddNumberToObject (root, "first_day", (double)settings->first_day);
  cJSON_AddNumberToObject (root, "baseline", settings->baseline);
  cJSON_AddNumberToObject (root, "view_effect", settings->view_effect);
  cJSON_AddNumberToObject (root, "repeat", settings->repeat);
  cJSON_AddNumberToObject (root, "propensity_spread", settings->propensity_spread);
  cJSON_AddNumberToObject (root, "effect_window_days", settings->effect_window_days);
  cJSON_AddNumberToObject (root, "median_value", settings->mean_value);
  channels = cJSON_AddArrayToObject (root, "channels");
  for (guint i = 0; i < settings->channels->len; i++)
    {
      const RdmWorldChannel *channel = &g_array_index (settings->channels, RdmWorldChannel, i);
      cJSON *object = cJSON_CreateObject ();

      cJSON_AddStringToObject (object, "name", channel->name);
      cJSON_AddNumberToObject (object, "reach", channel->reach);
      cJSON_AddNumberToObject (object, "targeting", channel->targeting);
      cJSON_AddNumberToObject (object, "touches", channel->touches);
      cJSON_AddNumberToObject (object, "click_share", channel->click_share);
      cJSON_AddNumberToObject (object, "lag_days", channel->lag_days);
      cJSON_AddNumberToObject (object, "effect", channel->effect);
      cJSON_AddItemToArray (channels, object);
    }
  text = cJSON_PrintUnformatted (root);
  result = g_strdup (text);
  cJSON_free (text);
  return result;
}

static gboolean
write_header (Writer *writer, const RdmWorld *world, GError **error)
{
  const RdmWorldSettings *settings = world->settings;
  g_autofree char *json = rdm_world_settings_to_json (settings);
  g_autofree char *checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, json, -1);
  sqlite3_stmt *stmt = rdm_project_prepare (
      writer->project,
      "INSERT INTO import_log (file_name, checksum, kind, preset, imported_at, rows, rejects)"
      " VALUES ('simulation', ?1, 'simulation', '', ?2, 0, 0)",
      error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, checksum, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
  if (!step (writer, stmt, error))
    return FALSE;
  writer->import_id = last_id (writer);

  stmt = rdm_project_prepare (writer->project,
                              "INSERT INTO world (id, import_id, settings_json) VALUES (1, ?1, ?2)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, writer->import_id);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_TRANSIENT);
  if (!step (writer, stmt, error))
    return FALSE;

  stmt = rdm_project_prepare (writer->project,
                              "INSERT INTO channel (name, channel_group) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint c = 0; c < settings->channels->len; c++)
    {
      const RdmWorldChannel *channel = &g_array_index (settings->channels, RdmWorldChannel, c);
      RdmChannelGroup group
          = channel->is_direct ? RDM_CHANNEL_GROUP_DIRECT : rdm_channel_group_guess (channel->name);

      sqlite3_bind_text (stmt, 1, channel->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, rdm_channel_group_to_string (group), -1, SQLITE_STATIC);
      if (!step (writer, stmt, error))
        return FALSE;
      writer->channel_ids[c] = last_id (writer);
    }
  return TRUE;
}

static gboolean
write_events (Writer *writer, const RdmWorld *world, GCancellable *cancellable, GError **error)
{
  sqlite3_stmt *visitor_stmt = rdm_project_prepare (
      writer->project, "INSERT INTO visitor (external_id) VALUES (?1)", error);
  sqlite3_stmt *touch_stmt = rdm_project_prepare (
      writer->project,
      "INSERT INTO touchpoint (visitor_id, time, channel_id, interaction, page_views, import_id)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
      error);
  sqlite3_stmt *conversion_stmt
      = rdm_project_prepare (writer->project,
                             "INSERT INTO conversion (visitor_id, time, event, value, import_id)"
                             " VALUES (?1, ?2, 'purchase', ?3, ?4)",
                             error);
  sqlite3_stmt *truth_stmt = rdm_project_prepare (
      writer->project, "INSERT INTO truth (conversion_id, channel_id) VALUES (?1, ?2)", error);
  guint t = 0;
  guint k = 0;

  if (visitor_stmt == NULL || touch_stmt == NULL || conversion_stmt == NULL || truth_stmt == NULL)
    return FALSE;
  for (guint32 v = 0; v < world->n_visitors; v++)
    {
      char external_id[32];
      gint64 visitor_id;

      if (v % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_snprintf (external_id, sizeof external_id, "sim-%06u", world->visitor_stream[v] + 1);
      sqlite3_bind_text (visitor_stmt, 1, external_id, -1, SQLITE_TRANSIENT);
      if (!step (writer, visitor_stmt, error))
        return FALSE;
      visitor_id = last_id (writer);

      for (;
           t < world->touches->len && g_array_index (world->touches, RdmWorldTouch, t).visitor == v;
           t++)
        {
          const RdmWorldTouch *touch = &g_array_index (world->touches, RdmWorldTouch, t);

          sqlite3_bind_int64 (touch_stmt, 1, visitor_id);
          sqlite3_bind_int64 (touch_stmt, 2, touch->time);
          sqlite3_bind_int64 (touch_stmt, 3, writer->channel_ids[touch->channel]);
          sqlite3_bind_int (touch_stmt, 4, touch->interaction);
          sqlite3_bind_int (touch_stmt, 5,
                            touch->interaction == RDM_INTERACTION_IMPRESSION ? 0 : 1);
          sqlite3_bind_int64 (touch_stmt, 6, writer->import_id);
          if (!step (writer, touch_stmt, error))
            return FALSE;
        }
      for (; k < world->conversions->len
             && g_array_index (world->conversions, RdmWorldConversion, k).visitor == v;
           k++)
        {
          const RdmWorldConversion *conversion
              = &g_array_index (world->conversions, RdmWorldConversion, k);
          gint64 conversion_id;

          sqlite3_bind_int64 (conversion_stmt, 1, visitor_id);
          sqlite3_bind_int64 (conversion_stmt, 2, conversion->time);
          sqlite3_bind_double (conversion_stmt, 3, conversion->value);
          sqlite3_bind_int64 (conversion_stmt, 4, writer->import_id);
          if (!step (writer, conversion_stmt, error))
            return FALSE;
          conversion_id = last_id (writer);
          for (guint c = 0; c < world->settings->channels->len; c++)
            {
              if (!((conversion->caused_by >> c) & 1))
                continue;
              sqlite3_bind_int64 (truth_stmt, 1, conversion_id);
              sqlite3_bind_int64 (truth_stmt, 2, writer->channel_ids[c]);
              if (!step (writer, truth_stmt, error))
                return FALSE;
            }
        }
    }
  return TRUE;
}

static gboolean
write_experiments (Writer *writer, const GArray *experiments, GError **error)
{
  sqlite3_stmt *stmt = rdm_project_prepare (
      writer->project,
      "INSERT INTO experiment (channel_id, start_day, end_day, incremental_conversions, ci_low,"
      " ci_high, incremental_value, method, import_id)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'simulated lift test', ?8)",
      error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; experiments != NULL && i < experiments->len; i++)
    {
      const RdmWorldExperiment *experiment = &g_array_index (experiments, RdmWorldExperiment, i);

      sqlite3_bind_int64 (stmt, 1, writer->channel_ids[experiment->channel]);
      sqlite3_bind_int64 (stmt, 2, experiment->start_day);
      sqlite3_bind_int64 (stmt, 3, experiment->end_day);
      sqlite3_bind_double (stmt, 4, experiment->incremental_conversions);
      sqlite3_bind_double (stmt, 5, experiment->ci_low);
      sqlite3_bind_double (stmt, 6, experiment->ci_high);
      sqlite3_bind_double (stmt, 7, experiment->incremental_value);
      sqlite3_bind_int64 (stmt, 8, writer->import_id);
      if (!step (writer, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
finish_header (Writer *writer, GError **error)
{
  sqlite3_stmt *stmt = rdm_project_prepare (writer->project,
                                            "UPDATE import_log SET rows = ?1 WHERE id = ?2", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, writer->rows);
  sqlite3_bind_int64 (stmt, 2, writer->import_id);
  return step (writer, stmt, error);
}

gboolean
rdm_project_write_world (RdmProject *project,
                         const RdmWorld *world,
                         const GArray *experiments,
                         GCancellable *cancellable,
                         GError **error)
{
  g_autofree gint64 *channel_ids = g_new0 (gint64, world->settings->channels->len);
  Writer writer = { .project = project, .channel_ids = channel_ids };
  gboolean empty;

  g_return_val_if_fail (RDM_IS_PROJECT (project), FALSE);

  if (!rdm_project_is_empty (project, &empty, error))
    return FALSE;
  if (!empty)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _ ("A simulated world can only be written into an empty project, and “%s” "
                      "already holds data"),
                   rdm_project_get_path (project));
      return FALSE;
    }
  if (!rdm_project_begin (project, error))
    return FALSE;
  if (!write_header (&writer, world, error) || !write_events (&writer, world, cancellable, error)
      || !write_experiments (&writer, experiments, error) || !finish_header (&writer, error)
      || !rdm_project_commit (project, error))
    {
      rdm_project_rollback (project);
      return FALSE;
    }
  return TRUE;
}

/* ---- reading the truth back ---------------------------------------------- */

static gint64
query_count (RdmProject *project, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = rdm_project_prepare (project, sql, error);
  gint64 count;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      rdm_project_set_sql_error (project, error, _ ("Reading the simulated world’s truth"));
      return -1;
    }
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

/* The store's index of project visitor @id (the store keeps them in id
 * order), or -1. */
static gint64
find_visitor (const RdmEventStore *store, gint64 id)
{
  guint32 low = 0;
  guint32 high = store->n_visitors;

  while (low < high)
    {
      guint32 mid = low + (high - low) / 2;

      if (store->visitor_id[mid] < id)
        low = mid + 1;
      else
        high = mid;
    }
  return low < store->n_visitors && store->visitor_id[low] == id ? (gint64)low : -1;
}

gboolean
rdm_project_load_truth (RdmProject *project,
                        const RdmEventStore *store,
                        GArray **effects,
                        char **unavailable,
                        GError **error)
{
  g_autoptr (GArray) loaded = NULL;
  sqlite3_stmt *stmt;
  gint64 worlds;
  gint64 foreign;
  int rc;

  *effects = NULL;
  *unavailable = NULL;
  worlds = query_count (project, "SELECT count(*) FROM world", error);
  if (worlds <= 0)
    return worlds == 0;
  foreign = query_count (project,
                         "SELECT count(*) FROM conversion"
                         " WHERE import_id IS NOT (SELECT import_id FROM world)",
                         error);
  if (foreign < 0)
    return FALSE;
  if (foreign > 0)
    {
      *unavailable = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE,
                       "The truth is not shown: it covers the simulated world’s conversions "
                       "only, and this project also holds %" PRId64 " imported conversion.",
                       "The truth is not shown: it covers the simulated world’s conversions "
                       "only, and this project also holds %" PRId64 " imported conversions.",
                       (gulong)foreign),
          foreign);
      return TRUE;
    }

  stmt = rdm_project_prepare (project,
                              "SELECT c.visitor_id, c.time, c.event, c.value, ch.name FROM truth t"
                              " JOIN conversion c ON c.id = t.conversion_id"
                              " JOIN channel ch ON ch.id = t.channel_id",
                              error);
  if (stmt == NULL)
    return FALSE;
  loaded = g_array_new (FALSE, FALSE, sizeof (RdmTruthEffect));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 visitor = find_visitor (store, sqlite3_column_int64 (stmt, 0));
      gint64 event
          = rdm_event_store_find_event (store, (const char *)sqlite3_column_text (stmt, 2));
      gint64 channel
          = rdm_event_store_find_channel (store, (const char *)sqlite3_column_text (stmt, 4));
      RdmTruthEffect effect;

      /* a conversion the store holds has all three */
      if (visitor < 0 || event < 0 || channel < 0)
        {
          sqlite3_reset (stmt);
          g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_CORRUPT,
                       _ ("“%s” holds a truth that names a conversion or channel it does not "
                          "hold; the file was damaged or altered"),
                       rdm_project_get_path (project));
          return FALSE;
        }
      effect = (RdmTruthEffect){
        .visitor = (guint32)visitor,
        .time = sqlite3_column_int64 (stmt, 1),
        .event = (guint32)event,
        .value = sqlite3_column_double (stmt, 3),
        .channel = (guint32)channel,
      };
      g_array_append_val (loaded, effect);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Reading the simulated world’s truth"));
  *effects = g_steal_pointer (&loaded);
  return TRUE;
}
