/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-calibration.h"
#include "rdm-metrics.h"
#include "rdm-roi.h"

G_BEGIN_DECLS

/* One channel (or campaign) of an ROI report, with the previous period. */
typedef struct
{
  char *label;       /* channel name, or "Channel / Campaign" */
  char *channel;     /* NULL for "No touch", and at campaign level for a row only credited */
  char *campaign;    /* NULL at channel level or without campaign */
  gboolean no_touch; /* the conversions without any qualifying touch ("(none)") */
  RdmRoiInput input; /* this period */
  RdmRoiRow row;
  gboolean has_previous;
  RdmRoiInput previous_input;
  RdmRoiRow previous;
  RdmRoiComparison change;
} RdmRoiReportRow;

typedef struct
{
  RdmModel model;
  RdmLevel level;
  RdmCostCategories categories;
  gboolean has_period; /* FALSE: all the data, no previous period */
  RdmPeriod period;
  RdmPeriod previous_period;
  GPtrArray *rows; /* RdmRoiReportRow *, by label */
  RdmRoiReportRow total;
} RdmRoiReport;

void rdm_roi_report_free (RdmRoiReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmRoiReport, rdm_roi_report_free)

/* ROI per channel or campaign under @model: costs of the chosen
 * @categories and declared savings of the period against the credit of the
 * period's conversions (SPEC.md, "Objectives, KPIs, ROI"), with the
 * previous period's figures when @period is given (NULL: all the data). */
RdmRoiReport *rdm_roi_report_compute (RdmMetrics *metrics,
                                      RdmProject *project,
                                      RdmModel model,
                                      RdmLevel level,
                                      const RdmPeriod *period,
                                      RdmCostCategories categories,
                                      GError **error);

/* What "rendement-cli roi" and the window's ROI section compute: the
 * report of each of the @n_models @models (same @level and @period as
 * rdm_roi_report_compute) over the journeys @path_options cut out of
 * @store, restricted to @visitor_mask (NULL: every visitor). The
 * evaluation period of @path_options is ignored: the reports set their own
 * (this period and the one before). ROI credits each conversion once, so
 * the forward direction is refused.
 *
 * Returns the reports in the order of @models. With @model_errors (an
 * array of @n_models NULL GError pointers), a model that fails leaves NULL
 * in the array and its error there; without, the first failure fails the
 * call. Stops with G_IO_ERROR_CANCELLED when @cancellable is cancelled. */
GPtrArray *rdm_roi_reports_compute (RdmProject *project,
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
                                    GError **error);

/* rdm_roi_reports_compute() with each model's credit calibrated by
 * @calibrations[m] (rdm_attribution_calibrations(); NULL: none), in both
 * periods: the channels' attributed conversions and value are the
 * calibrated ones, and a "(baseline)" row (RDM_BASELINE_LABEL, no
 * channel, no cost) holds what calibration took from them, so the total
 * is unchanged. */
GPtrArray *rdm_roi_reports_compute_calibrated (RdmProject *project,
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
                                               GError **error);

G_END_DECLS
