/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-calibration.h"
#include "rdm-metrics.h"
#include "rdm-path-set.h"
#include "rdm-roi.h"
#include "rdm-shared-costs.h"

G_BEGIN_DECLS

/* The row of the shared costs no channel took: at campaign level all of
 * them (they are not split among campaigns), otherwise those of a period
 * where no channel could take a part (rdm_shared_allocate()). */
#define RDM_SHARED_LABEL "(shared)"

/* What an ROI report counts and how it groups its rows. */
typedef struct
{
  RdmCostCategories categories;     /* the cost categories counted */
  const RdmSharedRule *shared_rule; /* how shared costs are allocated; NULL for "media" */
  /* one row per channel group (channel.channel_group) instead of per
   * channel: the sums of the group's channels; at channel level only
   * (RDM_LEVEL_GROUP as the level means the same) */
  gboolean by_group;
} RdmRoiSettings;

/* Every category, "media", by channel. */
void rdm_roi_settings_init (RdmRoiSettings *settings);

/* One channel (or campaign, or channel group) of an ROI report, with the
 * previous period. */
typedef struct
{
  char *label;    /* channel name, "Channel / Campaign", or a group's display name */
  char *channel;  /* NULL for "No touch", RDM_SHARED_LABEL, a group, and at campaign
                  * level for a row only credited */
  char *campaign; /* NULL at channel level or without campaign */
  /* the channel's group code, or the group of a group row; NULL for rows
   * of no channel */
  char *group;
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
  gboolean by_group;
  RdmCostCategories categories;
  gboolean has_period; /* FALSE: all the data, no previous period */
  RdmPeriod period;
  /* the previous period was computed (@previous_period): with a period,
   * except over a path table */
  gboolean has_previous;
  RdmPeriod previous_period;
  /* a path table's credit: of the whole table, which has no dates, against
   * the costs of @period (or of every day without one) */
  gboolean undated_credit;
  /* the path table came from a warehouse and knows its conversions' days,
   * which its credit does not follow yet */
  gboolean table_has_days;
  GPtrArray *rows; /* RdmRoiReportRow *, by label */
  RdmRoiReportRow total;

  RdmSharedRule shared_rule;
  RdmSharedAllocation *shared; /* this period's shared costs and their split */
  /* the shared costs counted in the rows' costs: this period's, of the
   * chosen categories; the sum of the rows' row.shared */
  double shared_total;
} RdmRoiReport;

void rdm_roi_report_free (RdmRoiReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmRoiReport, rdm_roi_report_free)

/* ROI per channel, campaign or channel group under @model: costs of the
 * chosen categories, with each channel's part of the shared costs by the
 * rule of @settings (NULL: rdm_roi_settings_init()'s), and declared
 * savings of the period against the credit of the period's conversions
 * (SPEC.md, "Objectives, KPIs, ROI"), with the previous period's figures
 * when @period is given (NULL: all the data). Each period's shared costs
 * are split by that period's media costs and activity. Fails on a rule
 * naming a group with no channel (RDM_SHARED_ERROR_EMPTY_GROUP) and on
 * by_group at campaign level (G_IO_ERROR_NOT_SUPPORTED). */
RdmRoiReport *rdm_roi_report_compute (RdmMetrics *metrics,
                                      RdmProject *project,
                                      RdmModel model,
                                      RdmLevel level,
                                      const RdmPeriod *period,
                                      const RdmRoiSettings *settings,
                                      GError **error);

/* The sentence that states how @report's shared costs were allocated
 * (rdm_shared_allocation_describe(), or, at campaign level, that they are
 * on a row of their own), with @amount the caller's formatting of
 * report->shared_total; NULL when the period has no shared cost. */
char *rdm_roi_report_describe_shared (const RdmRoiReport *report, const char *amount);

/* The distinct channel groups of @project's channels (codes), sorted: the
 * groups a "group=NAME" rule may name. */
GStrv rdm_roi_list_channel_groups (RdmProject *project, GError **error);

/* The note of a report over a path table: its credit is the whole
 * table's, against which period's costs. NULL for a report over events. */
char *rdm_roi_report_describe_undated (const RdmRoiReport *report);

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
                                    const RdmRoiSettings *settings,
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
                                               const RdmRoiSettings *settings,
                                               GCancellable *cancellable,
                                               GError **model_errors,
                                               GError **error);

/* ROI over an aggregated path table (a project without events): each of
 * the @n_models @models credits the channels over the whole @table
 * (@model_options), which has no dates, and the costs matched by channel
 * name are those of @period, or of every day when @period is NULL; no
 * previous period. At channel level: a path table names channels only.
 * Errors as rdm_roi_reports_compute(). */
GPtrArray *rdm_roi_reports_compute_table (RdmProject *project,
                                          const RdmPathSet *table,
                                          const RdmModelOptions *model_options,
                                          const RdmModel *models,
                                          guint n_models,
                                          const RdmPeriod *period,
                                          const RdmRoiSettings *settings,
                                          GCancellable *cancellable,
                                          GError **model_errors,
                                          GError **error);

G_END_DECLS
