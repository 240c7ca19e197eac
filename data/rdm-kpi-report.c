/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "rdm-csv-writer.h"
#include "rdm-formula.h"
#include "rdm-kpi-report.h"

const char *
rdm_kpi_status_to_string (RdmKpiStatus status)
{
  switch (status)
    {
    case RDM_KPI_STATUS_MET:
      return "met";
    case RDM_KPI_STATUS_MISSED:
      return "missed";
    case RDM_KPI_STATUS_UNKNOWN:
      return "unknown";
    case RDM_KPI_STATUS_NO_TARGET:
    default:
      return "no_target";
    }
}

void
rdm_kpi_result_free (RdmKpiResult *result)
{
  if (result == NULL)
    return;
  rdm_kpi_free (result->kpi);
  g_free (result->error);
  g_free (result);
}

static gboolean
evaluate (const RdmFormula *formula,
          RdmMetrics *metrics,
          const RdmPeriod *period,
          RdmFigure *out,
          GError **error)
{
  return rdm_formula_evaluate (formula, rdm_metrics_resolve, metrics, period, &out->value,
                               &out->defined, error);
}

static gboolean
evaluate_kpi (RdmKpiResult *result, RdmMetrics *metrics, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  RdmFormula *formula = rdm_formula_parse (result->kpi->formula, NULL, error);
  RdmPeriod periods[RDM_KPI_TREND_PERIODS];
  RdmFigure previous = { 0 };
  gboolean ok = FALSE;

  if (formula == NULL)
    return FALSE;
  rdm_metrics_set_kpi (metrics, result->kpi->id);
  periods[RDM_KPI_TREND_PERIODS - 1] = result->period;
  for (int i = RDM_KPI_TREND_PERIODS - 2; i >= 0; i--)
    if (!rdm_period_previous (&periods[i + 1], &periods[i], error))
      goto out;
  for (guint i = 0; i < RDM_KPI_TREND_PERIODS; i++)
    if (!evaluate (formula, metrics, &periods[i], &result->trend[i], error))
      goto out;
  result->actual = result->trend[RDM_KPI_TREND_PERIODS - 1];
  previous = result->trend[RDM_KPI_TREND_PERIODS - 2];
  rdm_change_compute (result->actual, previous, &result->change);

  if (!result->kpi->has_target)
    result->status = RDM_KPI_STATUS_NO_TARGET;
  else if (!result->actual.defined)
    result->status = RDM_KPI_STATUS_UNKNOWN;
  else if (result->kpi->lower_is_better)
    result->status
        = result->actual.value <= result->kpi->target ? RDM_KPI_STATUS_MET : RDM_KPI_STATUS_MISSED;
  else
    result->status
        = result->actual.value >= result->kpi->target ? RDM_KPI_STATUS_MET : RDM_KPI_STATUS_MISSED;
  ok = TRUE;
out:
  rdm_metrics_set_kpi (metrics, 0);
  rdm_formula_free (formula);
  return ok;
}

GPtrArray *
rdm_kpi_report_compute (RdmMetrics *metrics,
                        RdmProject *project,
                        const RdmPeriod *period,
                        GError **error)
{
  g_autoptr (GPtrArray) kpis = rdm_project_list_kpis (project, error);
  g_autoptr (GPtrArray) results = NULL;

  if (kpis == NULL)
    return NULL;
  results = g_ptr_array_new_with_free_func ((GDestroyNotify)rdm_kpi_result_free);
  /* each result takes its KPI */
  g_ptr_array_set_free_func (kpis, NULL);
  for (guint i = 0; i < kpis->len; i++)
    {
      RdmKpiResult *result = g_new0 (RdmKpiResult, 1);
      g_autoptr (GError) kpi_error = NULL;

      result->kpi = g_ptr_array_index (kpis, i);
      g_ptr_array_add (results, result);
      if (period != NULL)
        result->period = *period;
      else if (!rdm_project_latest_period (project, result->kpi->period, &result->period, error))
        {
          for (guint j = i + 1; j < kpis->len; j++)
            rdm_kpi_free (g_ptr_array_index (kpis, j));
          return NULL;
        }
      if (!evaluate_kpi (result, metrics, &kpi_error))
        {
          /* A database failure stops the report; a KPI's own problem
           * (e.g. a model that cannot run on this data) is shown on it. */
          if (kpi_error->domain == RDM_PROJECT_ERROR)
            {
              for (guint j = i + 1; j < kpis->len; j++)
                rdm_kpi_free (g_ptr_array_index (kpis, j));
              g_propagate_error (error, g_steal_pointer (&kpi_error));
              return NULL;
            }
          result->error = g_strdup (kpi_error->message);
          result->status = RDM_KPI_STATUS_UNKNOWN;
        }
    }
  return g_steal_pointer (&results);
}

static void
add_figure (RdmCsvWriter *writer, RdmFigure figure)
{
  rdm_csv_writer_add_number (writer, figure.defined ? figure.value : NAN);
}

char *
rdm_kpi_results_to_csv (GPtrArray *results)
{
  g_autoptr (RdmCsvWriter) writer = rdm_csv_writer_new ();
  const char *titles[] = {
    N_ ("Objective"), N_ ("KPI"),    N_ ("Period"),   N_ ("Actual"), N_ ("Target"),
    N_ ("Direction"), N_ ("Status"), N_ ("Previous"), N_ ("Change"), N_ ("Relative change"),
  };

  g_return_val_if_fail (results != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    rdm_csv_writer_add_text (writer, _ (titles[i]));
  rdm_csv_writer_end_row (writer);
  for (guint i = 0; i < results->len; i++)
    {
      const RdmKpiResult *result = g_ptr_array_index (results, i);
      g_autofree char *period = rdm_period_to_string (&result->period);

      rdm_csv_writer_add_text (writer, result->kpi->objective);
      rdm_csv_writer_add_text (writer, result->kpi->name);
      rdm_csv_writer_add_text (writer, period);
      add_figure (writer, result->actual);
      rdm_csv_writer_add_number (writer, result->kpi->has_target ? result->kpi->target : NAN);
      rdm_csv_writer_add_text (writer, result->kpi->lower_is_better ? "lower" : "higher");
      rdm_csv_writer_add_text (writer, rdm_kpi_status_to_string (result->status));
      add_figure (writer, result->change.previous);
      add_figure (writer, result->change.absolute);
      add_figure (writer, result->change.relative);
      rdm_csv_writer_end_row (writer);
    }
  return g_strdup (rdm_csv_writer_get_text (writer));
}
