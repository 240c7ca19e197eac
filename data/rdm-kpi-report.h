/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-business.h"
#include "rdm-metrics.h"
#include "rdm-roi.h"

G_BEGIN_DECLS

#define RDM_KPI_TREND_PERIODS 4

typedef enum
{
  RDM_KPI_STATUS_NO_TARGET,
  RDM_KPI_STATUS_MET,
  RDM_KPI_STATUS_MISSED,
  RDM_KPI_STATUS_UNKNOWN, /* the actual value is n/a */
} RdmKpiStatus;

const char *rdm_kpi_status_to_string (RdmKpiStatus status);

/* One KPI of the scorecard: its value over the period, the previous period
 * and the change, its status against the target, and its last periods for
 * a sparkline. A formula that cannot be evaluated keeps its error message
 * rather than failing the whole scorecard. */
typedef struct
{
  RdmKpi *kpi;
  RdmPeriod period;
  RdmFigure actual;
  RdmChange change; /* change.previous is the previous period's value */
  RdmKpiStatus status;
  RdmFigure trend[RDM_KPI_TREND_PERIODS]; /* oldest first, the last is @period */
  char *error;                            /* NULL when evaluated */
} RdmKpiResult;

void rdm_kpi_result_free (RdmKpiResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmKpiResult, rdm_kpi_result_free)

/* Evaluates every KPI of @project over @period (NULL: each KPI's latest
 * period of its own kind). Returns RdmKpiResult *, by objective then name. */
GPtrArray *rdm_kpi_report_compute (RdmMetrics *metrics,
                                   RdmProject *project,
                                   const RdmPeriod *period,
                                   GError **error);

/* The scorecard @results (RdmKpiResult *) as CSV (rdm-csv-writer.h), one
 * row per KPI: objective, KPI, period, actual, target, direction, status
 * ("met", "missed", "no_target", "unknown"), the previous period's value,
 * the change and the relative change; numbers at full precision, empty
 * when undefined. */
char *rdm_kpi_results_to_csv (GPtrArray *results);

G_END_DECLS
