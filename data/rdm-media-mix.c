/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "rdm-media-mix.h"

#include <glib/gi18n.h>

#include "rdm-events.h"
#include "rdm-experiments.h"
#include "rdm-project-db.h"

#define SECONDS_PER_DAY 86400

void
rdm_media_mix_data_free (RdmMediaMixData *data)
{
  if (data == NULL)
    return;
  g_strfreev (data->channels);
  g_free (data->spend);
  g_free (data->conversions);
  g_free (data->value);
  for (guint e = 0; e < data->n_events; e++)
    g_free ((char *)data->events[e].label);
  g_free (data->events);
  g_free (data->experiments);
  g_free (data);
}

static gint64
day_of (gint64 time)
{
  return time - (((time % SECONDS_PER_DAY) + SECONDS_PER_DAY) % SECONDS_PER_DAY);
}

/* The outcome table's days, or the event log's conversions by day. */
static const char *const outcome_sql = "SELECT day, TOTAL(conversions), TOTAL(value) FROM outcome"
                                       " WHERE day >= ?1 AND day < ?2 GROUP BY day ORDER BY day";
static const char *const event_log_sql
    = "SELECT time - (time % 86400), count(*), TOTAL(value) FROM conversion"
      " WHERE time >= ?1 AND time < ?2 GROUP BY 1 ORDER BY 1";

static gboolean
has_outcome_table_rows (RdmProject *project, gboolean *out_has, GError **error)
{
  sqlite3_stmt *stmt
      = rdm_project_prepare (project, "SELECT EXISTS (SELECT 1 FROM outcome)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  *out_has = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rdm_project_set_sql_error (project, error, _ ("Reading the outcomes"));
}

typedef struct
{
  gint64 day;
  double conversions;
  double value;
} DayOutcome;

static GArray *
read_outcomes (RdmProject *project, gboolean event_log, gint64 from, gint64 to, GError **error)
{
  sqlite3_stmt *stmt
      = rdm_project_prepare (project, event_log ? event_log_sql : outcome_sql, error);
  g_autoptr (GArray) days = g_array_new (FALSE, FALSE, sizeof (DayOutcome));
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DayOutcome day = { day_of (sqlite3_column_int64 (stmt, 0)), sqlite3_column_double (stmt, 1),
                         sqlite3_column_double (stmt, 2) };

      g_array_append_val (days, day);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rdm_project_set_sql_error (project, error, _ ("Reading the outcomes"));
      return NULL;
    }
  return g_steal_pointer (&days);
}

static gboolean
read_spend (RdmProject *project, RdmMediaMixData *data, GError **error)
{
  sqlite3_stmt *stmt
      = rdm_project_prepare (project,
                             "SELECT channel.name, cost.day, TOTAL(cost.amount) FROM cost"
                             " JOIN channel ON channel.id = cost.channel_id"
                             " WHERE cost.category = 'media' AND cost.day >= ?1 AND cost.day < ?2"
                             " GROUP BY channel.name, cost.day ORDER BY channel.name, cost.day",
                             error);
  gint64 end = data->first_day + (gint64)data->n_days * SECONDS_PER_DAY;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) spend = g_array_new (FALSE, TRUE, sizeof (double));
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, data->first_day);
  sqlite3_bind_int64 (stmt, 2, end);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *)sqlite3_column_text (stmt, 0);
      guint t
          = (guint)((day_of (sqlite3_column_int64 (stmt, 1)) - data->first_day) / SECONDS_PER_DAY);

      if (names->len == 0 || !g_str_equal (g_ptr_array_index (names, names->len - 1), name))
        {
          g_ptr_array_add (names, g_strdup (name));
          g_array_set_size (spend, (gsize)names->len * data->n_days);
        }
      g_array_index (spend, double, (gsize)(names->len - 1) * data->n_days + t)
          += sqlite3_column_double (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Reading the media spend"));
  data->n_channels = names->len;
  g_ptr_array_add (names, NULL);
  data->channels = (char **)g_ptr_array_free (g_steal_pointer (&names), FALSE);
  data->spend = (double *)(void *)g_array_free (g_steal_pointer (&spend), FALSE);
  return TRUE;
}

static gboolean
read_events (RdmProject *project, RdmMediaMixData *data, GError **error)
{
  g_autoptr (GPtrArray) events = rdm_project_list_events (project, error);
  gint64 last_day = data->first_day + (gint64)(data->n_days - 1) * SECONDS_PER_DAY;

  if (events == NULL)
    return FALSE;
  data->events = g_new0 (RdmMmmEvent, MAX (events->len, 1));
  for (guint i = 0; i < events->len; i++)
    {
      const RdmDatedEvent *event = g_ptr_array_index (events, i);
      RdmMmmEvent *kept = &data->events[data->n_events];

      if (event->end_day < data->first_day || event->start_day > last_day)
        continue;
      guint first
          = (guint)((MAX (event->start_day, data->first_day) - data->first_day) / SECONDS_PER_DAY);
      guint last = (guint)((MIN (event->end_day, last_day) - data->first_day) / SECONDS_PER_DAY);
      RdmMmmEvent *same = NULL;

      /* an event on every day is the baseline itself, which the model
       * cannot tell apart from the intercept */
      if (first == 0 && last == data->n_days - 1)
        continue;
      /* events on the same days (a launch and its press) are one level:
       * the model sees them together */
      for (guint e = 0; e < data->n_events; e++)
        if (data->events[e].first == first && data->events[e].last == last)
          same = &data->events[e];
      if (same != NULL)
        {
          char *joined = g_strdup_printf ("%s + %s", same->label, event->label);

          g_free ((char *)same->label);
          same->label = joined;
          continue;
        }
      kept->label = g_strdup (event->label);
      kept->first = first;
      kept->last = last;
      data->n_events++;
    }
  return TRUE;
}

static gboolean
read_experiments (RdmProject *project, RdmMediaMixData *data, GError **error)
{
  g_autoptr (GArray) experiments = rdm_project_load_experiments (project, FALSE, error);
  gint64 last_day = data->first_day + (gint64)(data->n_days - 1) * SECONDS_PER_DAY;

  if (experiments == NULL)
    return FALSE;
  data->experiments = g_new0 (RdmMmmExperiment, MAX (experiments->len, 1));
  for (guint i = 0; i < experiments->len; i++)
    {
      const RdmExperiment *experiment = &g_array_index (experiments, RdmExperiment, i);
      guint c;

      /* a test that began before the data or ran past it measured days
       * the model does not see */
      if (experiment->start_day < data->first_day || experiment->end_day > last_day)
        continue;
      for (c = 0; c < data->n_channels; c++)
        if (g_str_equal (data->channels[c], experiment->channel))
          break;
      if (c == data->n_channels)
        continue;
      data->experiments[data->n_experiments++] = (RdmMmmExperiment){
        .channel = c,
        .first = (guint)((experiment->start_day - data->first_day) / SECONDS_PER_DAY),
        .last = (guint)((experiment->end_day - data->first_day) / SECONDS_PER_DAY),
        .incremental = experiment->incremental_conversions,
        .ci_low = experiment->ci_low,
        .ci_high = experiment->ci_high,
        .spend_kept = experiment->spend_kept,
      };
    }
  return TRUE;
}

RdmMediaMixData *
rdm_project_load_media_mix (RdmProject *project, gint64 from, gint64 to, GError **error)
{
  g_autoptr (RdmMediaMixData) data = g_new0 (RdmMediaMixData, 1);
  g_autoptr (GArray) days = NULL;
  gboolean has_outcomes;

  if (!has_outcome_table_rows (project, &has_outcomes, error))
    return NULL;
  data->from_event_log = !has_outcomes;
  days = read_outcomes (project, data->from_event_log, from, to, error);
  if (days == NULL)
    return NULL;
  if (days->len == 0)
    {
      g_set_error (error, RDM_MMM_ERROR, RDM_MMM_ERROR_NO_OUTCOMES,
                   _ ("No outcomes in the period: import daily outcomes (import --kind outcomes) "
                      "or an event log first"));
      return NULL;
    }
  data->first_day = g_array_index (days, DayOutcome, 0).day;
  data->n_days = (guint)((g_array_index (days, DayOutcome, days->len - 1).day - data->first_day)
                         / SECONDS_PER_DAY)
                 + 1;
  /* a day missing from imported outcomes is not a day without sales:
   * read as 0 it would be the fit's worst outlier */
  if (!data->from_event_log && days->len < data->n_days)
    {
      gint64 missing = data->first_day;

      for (guint i = 0; i < days->len; i++, missing += SECONDS_PER_DAY)
        if (g_array_index (days, DayOutcome, i).day != missing)
          break;
      g_autoptr (GDateTime) date = g_date_time_new_from_unix_utc (missing);
      g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");

      g_set_error (error, RDM_MMM_ERROR, RDM_MMM_ERROR_BAD_INPUT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The daily outcomes miss %u day between their first and last, "
                                "%s: import it, or fit a period without gaps (--from, --to)",
                                "The daily outcomes miss %u days between their first and last, "
                                "the first on %s: import them, or fit a period without gaps "
                                "(--from, --to)",
                                data->n_days - days->len),
                   data->n_days - days->len, text);
      return NULL;
    }
  data->conversions = g_new0 (double, data->n_days);
  data->value = g_new0 (double, data->n_days);
  for (guint i = 0; i < days->len; i++)
    {
      const DayOutcome *day = &g_array_index (days, DayOutcome, i);
      guint t = (guint)((day->day - data->first_day) / SECONDS_PER_DAY);

      data->conversions[t] += day->conversions;
      data->value[t] += day->value;
    }
  if (!read_spend (project, data, error) || !read_events (project, data, error)
      || !read_experiments (project, data, error))
    return NULL;
  return g_steal_pointer (&data);
}

RdmMmmInput
rdm_media_mix_data_input (const RdmMediaMixData *data)
{
  RdmMmmInput input = {
    .first_day = data->first_day,
    .n_days = data->n_days,
    .n_channels = data->n_channels,
    .channels = (const char *const *)data->channels,
    .spend = data->spend,
    .conversions = data->conversions,
    .value = data->value,
    .n_events = data->n_events,
    .events = data->events,
    .n_experiments = data->n_experiments,
    .experiments = data->experiments,
  };
  return input;
}

RdmMmmFit *
rdm_media_mix_data_fit (const RdmMediaMixData *data, const RdmMmmOptions *options, GError **error)
{
  RdmMmmInput input = rdm_media_mix_data_input (data);

  return rdm_mmm_fit (&input, options, error);
}

RdmMmmFit *
rdm_project_fit_media_mix (RdmProject *project,
                           gint64 from,
                           gint64 to,
                           const RdmMmmOptions *options,
                           RdmMediaMixData **out_data,
                           GError **error)
{
  g_autoptr (RdmMediaMixData) data = rdm_project_load_media_mix (project, from, to, error);
  RdmMmmFit *fit;

  if (data == NULL)
    return NULL;
  fit = rdm_media_mix_data_fit (data, options, error);
  if (fit != NULL && out_data != NULL)
    *out_data = g_steal_pointer (&data);
  return fit;
}

gboolean
rdm_media_mix_error_is_missing_data (const GError *error)
{
  return error != NULL
         && (g_error_matches (error, RDM_MMM_ERROR, RDM_MMM_ERROR_NO_OUTCOMES)
             || g_error_matches (error, RDM_MMM_ERROR, RDM_MMM_ERROR_NO_CHANNELS)
             || g_error_matches (error, RDM_MMM_ERROR, RDM_MMM_ERROR_TOO_SHORT));
}

static void
result_clear (gpointer data)
{
  RdmMediaMixResult *result = data;

  g_clear_pointer (&result->fit, rdm_mmm_fit_free);
  g_clear_pointer (&result->data, rdm_media_mix_data_free);
  g_clear_pointer (&result->events, g_ptr_array_unref);
}

RdmMediaMixResult *
rdm_media_mix_result_ref (RdmMediaMixResult *result)
{
  return g_atomic_rc_box_acquire (result);
}

void
rdm_media_mix_result_unref (RdmMediaMixResult *result)
{
  g_atomic_rc_box_release_full (result, result_clear);
}

RdmMediaMixResult *
rdm_project_media_mix_result (RdmProject *project, const RdmMmmOptions *options, GError **error)
{
  g_autoptr (RdmMediaMixResult) result = g_atomic_rc_box_new0 (RdmMediaMixResult);

  result->fit
      = rdm_project_fit_media_mix (project, G_MININT64, G_MAXINT64, options, &result->data, error);
  if (result->fit == NULL)
    return NULL;
  result->events = rdm_project_list_events (project, error);
  if (result->events == NULL)
    return NULL;
  return g_steal_pointer (&result);
}
