/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

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

G_END_DECLS
