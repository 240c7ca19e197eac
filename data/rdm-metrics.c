/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rdm-attribution.h"
#include "rdm-metrics.h"
#include "rdm-path-builder.h"
#include "rdm-project-db.h"

/* Where a credited label belongs: its channel and campaign (NULL for a
 * channel-level label or a touch without campaign). */
typedef struct
{
  const char *channel;
  const char *campaign;
} LabelOwner;

struct _RdmMetrics
{
  RdmProject *project;
  const RdmEventStore *store;
  RdmPathOptions path_options;
  RdmModelOptions model_options;
  const guint8 *visitor_mask;
  RdmModel default_model;
  gint64 kpi_id;

  GHashTable *credits;        /* key text -> RdmCredit */
  GHashTable *channel_groups; /* channel name -> group name, loaded on first use */
  GHashTable *label_owners;   /* label -> LabelOwner, campaign-level labels */
  GPtrArray *owned_strings;
};

static void
copy_model_options (RdmModelOptions *to, const RdmModelOptions *from)
{
  *to = *from;
  to->multipliers = NULL;
  if (from->multipliers != NULL)
    {
      GHashTableIter iter;
      gpointer label, factor;

      g_hash_table_iter_init (&iter, from->multipliers);
      while (g_hash_table_iter_next (&iter, &label, &factor))
        rdm_model_options_set_multiplier (to, label, *(double *)factor);
    }
}

RdmMetrics *
rdm_metrics_new (RdmProject *project,
                 const RdmEventStore *store,
                 const RdmPathOptions *path_options,
                 const RdmModelOptions *model_options,
                 const guint8 *visitor_mask,
                 RdmModel default_model)
{
  RdmMetrics *metrics = g_new0 (RdmMetrics, 1);

  metrics->project = g_object_ref (project);
  metrics->store = store;
  metrics->path_options = *path_options;
  metrics->path_options.events = g_strdupv (path_options->events);
  metrics->path_options.segment = g_strdup (path_options->segment);
  copy_model_options (&metrics->model_options, model_options);
  metrics->visitor_mask = visitor_mask;
  metrics->default_model = default_model;
  metrics->credits
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)rdm_credit_free);
  metrics->owned_strings = g_ptr_array_new_with_free_func (g_free);
  return metrics;
}

void
rdm_metrics_free (RdmMetrics *metrics)
{
  if (metrics == NULL)
    return;
  g_object_unref (metrics->project);
  rdm_path_options_clear (&metrics->path_options);
  rdm_model_options_clear (&metrics->model_options);
  g_hash_table_unref (metrics->credits);
  g_clear_pointer (&metrics->channel_groups, g_hash_table_unref);
  g_clear_pointer (&metrics->label_owners, g_hash_table_unref);
  g_ptr_array_unref (metrics->owned_strings);
  g_free (metrics);
}

void
rdm_metrics_set_kpi (RdmMetrics *metrics, gint64 kpi_id)
{
  metrics->kpi_id = kpi_id;
}

static gboolean
has_conversions (const RdmPathSet *paths)
{
  for (guint r = 0; r < paths->conversions->len; r++)
    if (g_array_index (paths->conversions, double, r) > 0)
      return TRUE;
  return FALSE;
}

const RdmCredit *
rdm_metrics_get_credit (RdmMetrics *metrics,
                        RdmModel model,
                        RdmLevel level,
                        const char *event,
                        gint64 from,
                        gint64 to,
                        GError **error)
{
  g_autofree char *key = g_strdup_printf ("%d|%d|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT, model,
                                          level, event != NULL ? event : "", from, to);
  RdmCredit *credit = g_hash_table_lookup (metrics->credits, key);
  RdmPathOptions options = metrics->path_options;
  g_autoptr (RdmPathSet) paths = NULL;
  char *events[2] = { (char *)event, NULL };

  if (credit != NULL)
    return credit;
  options.level = level;
  options.from_time = MAX (from, metrics->path_options.from_time);
  options.to_time = MIN (to, metrics->path_options.to_time);
  if (event != NULL)
    options.events = events;
  if (options.from_time >= options.to_time)
    options.to_time = options.from_time + 1; /* an empty period: nothing to credit */

  if (metrics->store != NULL)
    paths = rdm_path_builder_build (metrics->store, &options, metrics->visitor_mask, error);
  else
    paths = rdm_path_set_new (TRUE);
  if (paths == NULL)
    return NULL;
  /* A period without a conversion (often the previous one) credits nothing
   * under every model; Markov would refuse an empty chain. */
  if (has_conversions (paths))
    credit = rdm_attribute (paths, model, &metrics->model_options, NULL, error);
  else
    credit = rdm_credit_new (paths, model, FALSE);
  if (credit == NULL)
    return NULL;
  g_hash_table_insert (metrics->credits, g_steal_pointer (&key), credit);
  return credit;
}

static GHashTable *
channel_groups (RdmMetrics *metrics, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (metrics->channel_groups != NULL)
    return metrics->channel_groups;
  stmt = rdm_project_prepare (metrics->project, "SELECT name, channel_group FROM channel", error);
  if (stmt == NULL)
    return NULL;
  metrics->channel_groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (metrics->channel_groups,
                         g_strdup ((const char *)sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *)sqlite3_column_text (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      g_clear_pointer (&metrics->channel_groups, g_hash_table_unref);
      return rdm_project_set_sql_error (metrics->project, error, _ ("Reading channels")), NULL;
    }
  return metrics->channel_groups;
}

static const LabelOwner *
label_owner (RdmMetrics *metrics, const char *label)
{
  const RdmEventStore *store = metrics->store;

  if (metrics->label_owners == NULL)
    {
      metrics->label_owners = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      for (guint c = 0; store != NULL && c < store->campaign_names->len; c++)
        {
          char *name = rdm_event_store_campaign_label (store, c);
          LabelOwner *owner = g_new0 (LabelOwner, 1);

          owner->channel = g_ptr_array_index (store->channel_names,
                                              g_array_index (store->campaign_channel, guint32, c));
          owner->campaign = g_ptr_array_index (store->campaign_names, c);
          g_ptr_array_add (metrics->owned_strings, name);
          g_hash_table_insert (metrics->label_owners, name, owner);
        }
      for (guint c = 0; store != NULL && c < store->channel_names->len; c++)
        {
          LabelOwner *owner = g_new0 (LabelOwner, 1);

          owner->channel = g_ptr_array_index (store->channel_names, c);
          g_hash_table_insert (metrics->label_owners, (char *)owner->channel, owner);
        }
    }
  return g_hash_table_lookup (metrics->label_owners, label);
}

static gboolean
resolve_attributed (RdmMetrics *metrics,
                    const RdmMetricRef *metric,
                    const RdmPeriod *period,
                    double *out_value,
                    GError **error)
{
  RdmModel model = metrics->default_model;
  RdmLevel level = metric->campaign != NULL ? RDM_LEVEL_CAMPAIGN : RDM_LEVEL_CHANNEL;
  const RdmCredit *credit;
  GHashTable *groups = NULL;
  double sum = 0;

  if (metric->model != NULL && !rdm_model_from_string (metric->model, &model))
    {
      g_set_error (error, RDM_FORMULA_ERROR, RDM_FORMULA_ERROR_QUALIFIER, _ ("Unknown model “%s”"),
                   metric->model);
      return FALSE;
    }
  credit = rdm_metrics_get_credit (metrics, model, level, metric->event, period->start, period->end,
                                   error);
  if (credit == NULL)
    return FALSE;
  if (metric->group != NULL && (groups = channel_groups (metrics, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < credit->n_labels; i++)
    {
      const char *label = credit->label_names[i];
      const char *channel = label;
      const char *campaign = NULL;

      if (level == RDM_LEVEL_CAMPAIGN)
        {
          const LabelOwner *owner = label_owner (metrics, label);

          if (owner == NULL)
            continue; /* "(none)": no campaign */
          channel = owner->channel;
          campaign = owner->campaign;
        }
      if (metric->channel != NULL && g_strcmp0 (metric->channel, channel) != 0)
        continue;
      if (metric->campaign != NULL && g_strcmp0 (metric->campaign, campaign) != 0)
        continue;
      if (groups != NULL && g_strcmp0 (g_hash_table_lookup (groups, channel), metric->group) != 0)
        continue;
      sum += metric->kind == RDM_METRIC_VALUE ? credit->value[i] : credit->conversions[i];
    }
  *out_value = sum;
  return TRUE;
}

/* Binds the common restrictions: ?1 start day, ?2 end day, ?3 group,
 * ?4 channel, ?5 campaign (NULL = any). */
static void
bind_scope (sqlite3_stmt *stmt, const RdmMetricRef *metric, const RdmPeriod *period)
{
  sqlite3_bind_int64 (stmt, 1, period->start);
  sqlite3_bind_int64 (stmt, 2, period->end);
  sqlite3_bind_text (stmt, 3, metric->group, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, metric->channel, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, metric->campaign, -1, SQLITE_STATIC);
}

#define SCOPE_JOINS                                                                                \
  " JOIN channel ON channel.id = t.channel_id"                                                     \
  " LEFT JOIN campaign ON campaign.id = t.campaign_id"
#define SCOPE_WHERE                                                                                \
  " (?3 IS NULL OR channel.channel_group = ?3) AND (?4 IS NULL OR channel.name = ?4)"              \
  " AND (?5 IS NULL OR campaign.name = ?5)"

static gboolean
query_number (RdmMetrics *metrics,
              const char *sql,
              const RdmMetricRef *metric,
              const RdmPeriod *period,
              const char *sixth_text,
              gint64 sixth_id,
              double *out_value,
              gboolean *out_defined,
              GError **error)
{
  sqlite3_stmt *stmt = rdm_project_prepare (metrics->project, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_scope (stmt, metric, period);
  /* ?6, when the query has it: a text (NULL binds NULL) or an id */
  if (sqlite3_bind_parameter_count (stmt) >= 6)
    {
      if (sixth_id != 0)
        sqlite3_bind_int64 (stmt, 6, sixth_id);
      else
        sqlite3_bind_text (stmt, 6, sixth_text, -1, SQLITE_STATIC);
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      /* "the latest value in the period" of a period without any */
      *out_defined = FALSE;
      return TRUE;
    }
  if (rc != SQLITE_ROW)
    return rdm_project_set_sql_error (metrics->project, error, _ ("Reading a metric"));
  *out_defined = sqlite3_column_type (stmt, 0) != SQLITE_NULL;
  *out_value = sqlite3_column_double (stmt, 0);
  return TRUE;
}

gboolean
rdm_metrics_resolve (const RdmMetricRef *metric,
                     const RdmPeriod *period,
                     gpointer user_data,
                     double *out_value,
                     gboolean *out_defined,
                     GError **error)
{
  RdmMetrics *metrics = user_data;
  const char *column = NULL;

  *out_defined = TRUE;
  *out_value = 0;
  switch (metric->kind)
    {
    case RDM_METRIC_CONVERSIONS:
    case RDM_METRIC_VALUE:
      return resolve_attributed (metrics, metric, period, out_value, error);

    case RDM_METRIC_COST:
      /* the whole project's cost counts the shared costs, whatever their
       * allocation; a channel's, group's or campaign's is its own */
      if (!query_number (metrics,
                         "SELECT (SELECT TOTAL(t.amount) FROM cost t" SCOPE_JOINS
                         " WHERE t.day >= ?1 AND t.day < ?2 AND" SCOPE_WHERE
                         " AND (?6 IS NULL OR t.category = ?6))"
                         " + (SELECT TOTAL(s.amount) FROM shared_cost s"
                         " WHERE ?3 IS NULL AND ?4 IS NULL AND ?5 IS NULL"
                         " AND s.day >= ?1 AND s.day < ?2 AND (?6 IS NULL OR s.category = ?6))",
                         metric, period, metric->category, 0, out_value, out_defined, error))
        return FALSE;
      return TRUE;

    case RDM_METRIC_VISITS:
      return query_number (
          metrics,
          "SELECT COUNT(*) FROM touchpoint t" SCOPE_JOINS
          " WHERE t.interaction = 2 AND t.time >= ?1 AND t.time < ?2 AND" SCOPE_WHERE,
          metric, period, NULL, 0, out_value, out_defined, error);

    case RDM_METRIC_FOLLOWERS:
      /* a level: each account's latest figure in the period, added up */
      return query_number (metrics,
                           "SELECT TOTAL(f) FROM (SELECT t.followers AS f, MAX(t.day)"
                           " FROM campaign_daily t" SCOPE_JOINS
                           " WHERE t.day >= ?1 AND t.day < ?2 AND t.followers > 0 AND" SCOPE_WHERE
                           " GROUP BY t.channel_id, t.campaign_id)",
                           metric, period, NULL, 0, out_value, out_defined, error);

    case RDM_METRIC_SERIES:
      {
        RdmMetricRef unscoped = { .kind = RDM_METRIC_SERIES };

        if (!query_number (metrics,
                           "SELECT value FROM series_value t WHERE t.day >= ?1 AND t.day < ?2"
                           " AND ?3 IS NULL AND ?4 IS NULL AND ?5 IS NULL AND t.metric = ?6"
                           " ORDER BY t.day DESC, t.id DESC LIMIT 1",
                           &unscoped, period, metric->series, 0, out_value, out_defined, error))
          return FALSE;
        return TRUE;
      }

    case RDM_METRIC_MANUAL:
      {
        RdmMetricRef unscoped = { .kind = RDM_METRIC_MANUAL };

        return query_number (metrics,
                             "SELECT value FROM kpi_value t WHERE t.day >= ?1 AND t.day < ?2"
                             " AND ?3 IS NULL AND ?4 IS NULL AND ?5 IS NULL AND t.kpi_id = ?6"
                             " ORDER BY t.day DESC, t.id DESC LIMIT 1",
                             &unscoped, period, NULL, metrics->kpi_id, out_value, out_defined,
                             error);
      }

    case RDM_METRIC_IMPRESSIONS:
      column = "impressions";
      break;
    case RDM_METRIC_CLICKS:
      column = "clicks";
      break;
    case RDM_METRIC_ENGAGEMENTS:
      column = "engagements";
      break;
    case RDM_METRIC_LIKES:
      column = "likes";
      break;
    case RDM_METRIC_SHARES:
      column = "shares";
      break;
    case RDM_METRIC_COMMENTS:
      column = "comments";
      break;
    default:
      g_assert_not_reached ();
    }

  {
    /* @column is one of the fixed names above, never user text */
    g_autofree char *sql = g_strdup_printf ("SELECT TOTAL(t.%s) FROM campaign_daily t" SCOPE_JOINS
                                            " WHERE t.day >= ?1 AND t.day < ?2 AND" SCOPE_WHERE,
                                            column);
    return query_number (metrics, sql, metric, period, NULL, 0, out_value, out_defined, error);
  }
}

gboolean
rdm_project_latest_period (RdmProject *project, RdmPeriodKind kind, RdmPeriod *out, GError **error)
{
  sqlite3_stmt *stmt = rdm_project_prepare (
      project,
      "SELECT COALESCE((SELECT MAX(time) FROM conversion), (SELECT MAX(time) FROM touchpoint),"
      " (SELECT MAX(day) FROM cost), (SELECT MAX(day) FROM campaign_daily),"
      " (SELECT MAX(day) FROM series_value))",
      error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return rdm_project_set_sql_error (project, error, _ ("Reading the project’s dates"));
  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    {
      g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND,
                   _ ("The project has no dated data yet: import events, costs or daily figures"));
      return FALSE;
    }
  return rdm_period_containing (kind, sqlite3_column_int64 (stmt, 0), out, error);
}

GArray *
rdm_project_list_periods (RdmProject *project, RdmPeriodKind kind, GError **error)
{
  RdmPeriod latest;
  sqlite3_stmt *stmt;
  gint64 first;
  int rc;

  if (!rdm_project_latest_period (project, kind, &latest, error))
    return NULL;
  stmt = rdm_project_prepare (
      project,
      "SELECT MIN(d) FROM (SELECT MIN(time) AS d FROM touchpoint UNION ALL"
      " SELECT MIN(time) FROM conversion UNION ALL SELECT MIN(day) FROM cost UNION ALL"
      " SELECT MIN(day) FROM campaign_daily UNION ALL SELECT MIN(day) FROM series_value)",
      error);
  if (stmt == NULL)
    return NULL;
  first = latest.start;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    first = MIN (first, sqlite3_column_int64 (stmt, 0));
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Reading the project’s dates")), NULL;
  return rdm_period_list (kind, first, latest.end, error);
}
