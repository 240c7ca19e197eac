/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "rdm-series-analysis.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "rdm-csv.h"
#include "rdm-stats.h"

#define DAY_SECONDS G_GINT64_CONSTANT (86400)

/* clang-format off */
G_DEFINE_QUARK (rdm-series-analysis-error-quark, rdm_series_analysis_error)
/* clang-format on */

void
rdm_impact_result_free (RdmImpactResult *result)
{
  if (result == NULL)
    return;
  rdm_dated_event_free (result->event);
  rdm_daily_series_free (result->series);
  g_free (result);
}

RdmImpactResult *
rdm_project_measure_impact (RdmProject *project,
                            const char *label,
                            const char *series_name,
                            guint days_before,
                            guint days_after,
                            GCancellable *cancellable,
                            GError **error)
{
  g_autoptr (RdmImpactResult) result = g_new0 (RdmImpactResult, 1);

  if (days_before == 0 || days_after == 0)
    {
      g_set_error (error, RDM_SERIES_ANALYSIS_ERROR, RDM_SERIES_ANALYSIS_ERROR_DAYS,
                   _ ("An impact needs days before the event and days from its start on"));
      return NULL;
    }
  result->event = rdm_project_find_event (project, label, error);
  if (result->event == NULL)
    return NULL;
  result->days_before = days_before;
  result->window_start = result->event->start_day - (gint64)days_before * DAY_SECONDS;
  result->window_end = result->event->start_day + (gint64)(days_after - 1) * DAY_SECONDS;
  result->series = rdm_project_load_daily_series (project, series_name, result->window_start,
                                                  days_before + days_after, cancellable, error);
  if (result->series == NULL)
    return NULL;
  if (!rdm_impact_fit (result->series->values, result->series->n_days,
                       rdm_stats_weekday (result->window_start), days_before, &result->impact,
                       error))
    {
      g_autofree char *from = rdm_day_to_iso (result->window_start);
      g_autofree char *to = rdm_day_to_iso (result->window_end);

      g_prefix_error (error, _ ("Series “%s” around event “%s” (%s to %s): "), series_name, label,
                      from, to);
      return NULL;
    }
  return g_steal_pointer (&result);
}

guint
rdm_mirror_default_max_lag (RdmMirrorBy by)
{
  switch (by)
    {
    case RDM_MIRROR_BY_DAY:
      return 14;
    case RDM_MIRROR_BY_MONTH:
      return 3;
    case RDM_MIRROR_BY_WEEK:
    default:
      return 8;
    }
}

void
rdm_mirror_result_free (RdmMirrorResult *result)
{
  if (result == NULL)
    return;
  rdm_daily_series_free (result->a);
  rdm_daily_series_free (result->b);
  g_clear_pointer (&result->periods_a, g_array_unref);
  g_clear_pointer (&result->periods_b, g_array_unref);
  g_clear_pointer (&result->starts, g_array_unref);
  rdm_mirror_clear (&result->mirror);
  g_free (result);
}

RdmMirrorResult *
rdm_project_mirror (RdmProject *project,
                    const RdmMirrorRequest *request,
                    GCancellable *cancellable,
                    GError **error)
{
  g_autoptr (RdmMirrorResult) result = g_new0 (RdmMirrorResult, 1);
  guint max_lag
      = request->max_lag == G_MAXUINT ? rdm_mirror_default_max_lag (request->by) : request->max_lag;

  result->by = request->by;
  result->seed = request->seed;
  result->from = request->from;
  result->to = request->to;
  if (request->from == G_MININT64 || request->to == G_MAXINT64)
    {
      gint64 first, last;

      if (!rdm_project_get_day_range (project, &first, &last, error))
        return NULL;
      if (request->from == G_MININT64)
        result->from = first;
      if (request->to == G_MAXINT64)
        result->to = last;
    }
  result->from = rdm_csv_day_of (result->from);
  result->to = rdm_csv_day_of (result->to);
  if (result->to < result->from)
    {
      g_autofree char *from = rdm_day_to_iso (result->from);
      g_autofree char *to = rdm_day_to_iso (result->to);

      g_set_error (error, RDM_SERIES_ANALYSIS_ERROR, RDM_SERIES_ANALYSIS_ERROR_DAYS,
                   _ ("The range ends on %s, before it starts on %s"), to, from);
      return NULL;
    }
  gint64 n_days = (result->to - result->from) / DAY_SECONDS + 1;

  if (n_days > RDM_MIRROR_MAX_DAYS)
    {
      g_set_error (error, RDM_SERIES_ANALYSIS_ERROR, RDM_SERIES_ANALYSIS_ERROR_DAYS,
                   _ ("The range holds %" PRId64 " days: at most %d are compared; narrow it"),
                   n_days, RDM_MIRROR_MAX_DAYS);
      return NULL;
    }
  result->a = rdm_project_load_daily_series (project, request->series_a, result->from,
                                             (guint)n_days, cancellable, error);
  if (result->a == NULL)
    return NULL;
  result->b = rdm_project_load_daily_series (project, request->series_b, result->from,
                                             (guint)n_days, cancellable, error);
  if (result->b == NULL)
    return NULL;
  result->periods_a = rdm_mirror_aggregate (result->a->values, result->a->n_days,
                                            result->a->first_day, request->by, &result->starts);
  result->periods_b = rdm_mirror_aggregate (result->b->values, result->b->n_days,
                                            result->b->first_day, request->by, NULL);
  if (!rdm_mirror_compute ((const double *)result->periods_a->data,
                           (const double *)result->periods_b->data, result->periods_a->len, max_lag,
                           request->resamples, request->seed, &result->mirror, error))
    {
      g_autofree char *from = rdm_day_to_iso (result->from);
      g_autofree char *to = rdm_day_to_iso (result->to);

      g_prefix_error (error, _ ("%s against %s by %s, %s to %s (%u and %u days with data): "),
                      request->series_a, request->series_b, rdm_mirror_by_name (request->by), from,
                      to, result->a->days_with_data, result->b->days_with_data);
      return NULL;
    }
  return g_steal_pointer (&result);
}
