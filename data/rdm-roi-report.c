/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rdm-project-db.h"
#include "rdm-roi-report.h"

static void
row_free (RdmRoiReportRow *row)
{
  g_free (row->label);
  g_free (row->channel);
  g_free (row->campaign);
  g_free (row);
}

void
rdm_roi_report_free (RdmRoiReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->rows);
  g_free (report->total.label);
  g_free (report);
}

static RdmRoiReportRow *
get_row (RdmRoiReport *report,
         GHashTable *index,
         const char *label,
         const char *channel,
         const char *campaign)
{
  RdmRoiReportRow *row = g_hash_table_lookup (index, label);

  if (row != NULL)
    return row;
  row = g_new0 (RdmRoiReportRow, 1);
  row->label = g_strdup (label);
  row->channel = g_strdup (channel);
  row->campaign = g_strdup (campaign);
  g_ptr_array_add (report->rows, row);
  g_hash_table_insert (index, row->label, row);
  return row;
}

static char *
make_label (RdmLevel level, const char *channel, const char *campaign)
{
  if (level == RDM_LEVEL_CAMPAIGN && campaign != NULL)
    return g_strdup_printf ("%s / %s", channel, campaign);
  return g_strdup (channel);
}

/* Adds costs (by category) or savings of [from, to) into each row's input
 * (@previous selects which input). */
static gboolean
add_money (RdmRoiReport *report,
           RdmProject *project,
           GHashTable *index,
           gboolean savings,
           gint64 from,
           gint64 to,
           gboolean previous,
           GError **error)
{
  const char *sql = savings ? "SELECT channel.name, campaign.name, 'other', TOTAL(t.amount)"
                              " FROM saving t JOIN channel ON channel.id = t.channel_id"
                              " LEFT JOIN campaign ON campaign.id = t.campaign_id"
                              " WHERE t.day >= ?1 AND t.day < ?2 GROUP BY 1, 2"
                            : "SELECT channel.name, campaign.name, t.category, TOTAL(t.amount)"
                              " FROM cost t JOIN channel ON channel.id = t.channel_id"
                              " LEFT JOIN campaign ON campaign.id = t.campaign_id"
                              " WHERE t.day >= ?1 AND t.day < ?2 GROUP BY 1, 2, 3";
  sqlite3_stmt *stmt = rdm_project_prepare (project, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *channel = (const char *)sqlite3_column_text (stmt, 0);
      const char *campaign = (const char *)sqlite3_column_text (stmt, 1);
      g_autofree char *label = make_label (report->level, channel, campaign);
      RdmRoiReportRow *row = get_row (report, index, label, channel,
                                      report->level == RDM_LEVEL_CAMPAIGN ? campaign : NULL);
      RdmRoiInput *input = previous ? &row->previous_input : &row->input;
      RdmCostCategory category;

      if (savings)
        input->savings += sqlite3_column_double (stmt, 3);
      else if (rdm_cost_category_from_string ((const char *)sqlite3_column_text (stmt, 2),
                                              &category))
        input->cost[category] += sqlite3_column_double (stmt, 3);
    }
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Reading costs"));
  return TRUE;
}

static gboolean
add_credit (RdmRoiReport *report,
            RdmMetrics *metrics,
            const RdmCalibration *calibration,
            GHashTable *index,
            gint64 from,
            gint64 to,
            gboolean previous,
            GError **error)
{
  const RdmCredit *credit
      = rdm_metrics_get_credit (metrics, report->model, report->level, NULL, from, to, error);
  g_autoptr (RdmCalibrated) calibrated = NULL;

  if (credit == NULL)
    return FALSE;
  if (calibration != NULL)
    {
      calibrated = rdm_calibration_apply (calibration, credit);
      credit = calibrated->credit;
    }
  for (guint i = 0; i < credit->n_labels; i++)
    {
      RdmRoiReportRow *row;
      RdmRoiInput *input;
      gboolean no_touch;

      if (credit->conversions[i] == 0 && credit->value[i] == 0
          && g_hash_table_lookup (index, credit->label_names[i]) == NULL)
        continue;
      /* "(none)" is the pseudo-channel of untouched conversions, and
       * "(baseline)" that of calibration; every other label is a real
       * channel (Direct included) or, at campaign level, a "Channel /
       * Campaign" label already named by the costs */
      no_touch = g_str_equal (credit->label_names[i], RDM_NO_TOUCH_LABEL);
      row = get_row (report, index, credit->label_names[i],
                     no_touch || report->level == RDM_LEVEL_CAMPAIGN
                             || g_str_equal (credit->label_names[i], RDM_BASELINE_LABEL)
                         ? NULL
                         : credit->label_names[i],
                     NULL);
      row->no_touch = no_touch;
      input = previous ? &row->previous_input : &row->input;
      input->conversions += credit->conversions[i];
      input->value += credit->value[i];
    }
  return TRUE;
}

static gboolean
fill (RdmRoiReport *report,
      RdmMetrics *metrics,
      const RdmCalibration *calibration,
      RdmProject *project,
      GHashTable *index,
      gint64 from,
      gint64 to,
      gboolean previous,
      GError **error)
{
  return add_money (report, project, index, FALSE, from, to, previous, error)
         && add_money (report, project, index, TRUE, from, to, previous, error)
         && add_credit (report, metrics, calibration, index, from, to, previous, error);
}

static int
compare_rows (gconstpointer a, gconstpointer b)
{
  const RdmRoiReportRow *row_a = *(RdmRoiReportRow *const *)a;
  const RdmRoiReportRow *row_b = *(RdmRoiReportRow *const *)b;

  return g_utf8_collate (row_a->label, row_b->label);
}

static gboolean
compute_row (RdmRoiReport *report, RdmRoiReportRow *row, GError **error)
{
  if (!rdm_roi_compute (&row->input, report->categories, &row->row, error))
    return FALSE;
  if (!row->has_previous)
    return TRUE;
  if (!rdm_roi_compute (&row->previous_input, report->categories, &row->previous, error))
    return FALSE;
  rdm_roi_compare (&row->row, &row->previous, &row->change);
  return TRUE;
}

static RdmRoiReport *
report_compute (RdmMetrics *metrics,
                const RdmCalibration *calibration,
                RdmProject *project,
                RdmModel model,
                RdmLevel level,
                const RdmPeriod *period,
                RdmCostCategories categories,
                GError **error)
{
  g_autoptr (RdmRoiReport) report = g_new0 (RdmRoiReport, 1);
  g_autoptr (GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);

  report->model = model;
  report->level = level;
  report->categories = categories;
  report->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)row_free);
  report->total.label = g_strdup (_ ("Total"));

  if (period != NULL)
    {
      report->has_period = TRUE;
      report->period = *period;
      if (!rdm_period_previous (period, &report->previous_period, error)
          || !fill (report, metrics, calibration, project, index, period->start, period->end, FALSE,
                    error)
          || !fill (report, metrics, calibration, project, index, report->previous_period.start,
                    report->previous_period.end, TRUE, error))
        return NULL;
    }
  else if (!fill (report, metrics, calibration, project, index, G_MININT64, G_MAXINT64, FALSE,
                  error))
    return NULL;

  g_ptr_array_sort (report->rows, compare_rows);
  report->total.has_previous = report->has_period;
  for (guint i = 0; i < report->rows->len; i++)
    {
      RdmRoiReportRow *row = g_ptr_array_index (report->rows, i);

      row->has_previous = report->has_period;
      if (!compute_row (report, row, error))
        return NULL;
      rdm_roi_input_add (&report->total.input, &row->input);
      rdm_roi_input_add (&report->total.previous_input, &row->previous_input);
    }
  if (!compute_row (report, &report->total, error))
    return NULL;
  return g_steal_pointer (&report);
}

RdmRoiReport *
rdm_roi_report_compute (RdmMetrics *metrics,
                        RdmProject *project,
                        RdmModel model,
                        RdmLevel level,
                        const RdmPeriod *period,
                        RdmCostCategories categories,
                        GError **error)
{
  return report_compute (metrics, NULL, project, model, level, period, categories, error);
}

GPtrArray *
rdm_roi_reports_compute (RdmProject *project,
                         const RdmEventStore *store,
                         const RdmPathOptions *path_options,
                         const RdmModelOptions *model_options,
                         const guint8 *visitor_mask,
                         const RdmModel *models,
                         guint n_models,
                         const RdmPeriod *period,
                         RdmCostCategories categories,
                         GCancellable *cancellable,
                         GError **model_errors,
                         GError **error)
{
  return rdm_roi_reports_compute_calibrated (project, store, path_options, model_options,
                                             visitor_mask, models, n_models, NULL, period,
                                             categories, cancellable, model_errors, error);
}

GPtrArray *
rdm_roi_reports_compute_calibrated (RdmProject *project,
                                    const RdmEventStore *store,
                                    const RdmPathOptions *path_options,
                                    const RdmModelOptions *model_options,
                                    const guint8 *visitor_mask,
                                    const RdmModel *models,
                                    guint n_models,
                                    const RdmCalibration *const *calibrations,
                                    const RdmPeriod *period,
                                    RdmCostCategories categories,
                                    GCancellable *cancellable,
                                    GError **model_errors,
                                    GError **error)
{
  g_autoptr (GPtrArray) reports
      = g_ptr_array_new_with_free_func ((GDestroyNotify)rdm_roi_report_free);
  g_autoptr (RdmMetrics) metrics = NULL;
  RdmPathOptions unbounded;

  g_return_val_if_fail (RDM_IS_PROJECT (project), NULL);
  g_return_val_if_fail (n_models > 0, NULL);

  if (path_options->direction == RDM_DIRECTION_FORWARD)
    {
      g_set_error_literal (
          error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
          _ ("ROI credits each conversion once, so it uses the backward direction"));
      return NULL;
    }
  /* the metrics copy the options: a shallow copy with the period opened */
  unbounded = *path_options;
  unbounded.from_time = G_MININT64;
  unbounded.to_time = G_MAXINT64;
  metrics = rdm_metrics_new (project, store, &unbounded, model_options, visitor_mask, models[0]);
  for (guint m = 0; m < n_models; m++)
    {
      g_autoptr (GError) model_error = NULL;
      RdmRoiReport *report;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      report = report_compute (metrics, calibrations != NULL ? calibrations[m] : NULL, project,
                               models[m], path_options->level, period, categories, &model_error);
      if (report == NULL && model_errors == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&model_error));
          return NULL;
        }
      if (report == NULL)
        model_errors[m] = g_steal_pointer (&model_error);
      g_ptr_array_add (reports, report);
    }
  return g_steal_pointer (&reports);
}
