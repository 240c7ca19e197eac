/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-credit.h"
#include "rdm-event-store.h"
#include "rdm-formula.h"
#include "rdm-model.h"
#include "rdm-path-options.h"
#include "rdm-period.h"
#include "rdm-project.h"

G_BEGIN_DECLS

/* RdmMetrics: the project's numbers for KPI formulas and ROI, per period.
 *
 * Money and counts come from the project file through bound queries;
 * attributed conversions and value come from the attribution engine over
 * the events loaded once, with the analysis options given (windows,
 * segment mask, model options), credits being cached per model, event,
 * level and period.
 *
 * Meanings (documented to users in the KPI editor):
 * - cost, impressions, clicks, engagements, likes, shares, comments: sums
 *   over the days of the period; the whole project's cost includes the
 *   shared costs (whatever rule ROI splits them by), a channel's, group's
 *   or campaign's cost only its own;
 * - visits: touchpoints of interaction "visit" in the period;
 * - followers and series["name"]: levels, not flows — the latest value in
 *   the period (per channel and campaign for followers, then added up), so
 *   sum(series[...]) adds the months' latest values and avg() averages them;
 * - manual: the KPI's own latest manual value in the period;
 * - conversions, value: the credit of the conversions in the period.
 */
typedef struct _RdmMetrics RdmMetrics;

/* @store may be NULL (a project without events: attributed metrics are
 * then 0). The options are copied; @visitor_mask (nullable) is borrowed
 * and must outlive the object. */
RdmMetrics *rdm_metrics_new (RdmProject *project,
                             const RdmEventStore *store,
                             const RdmPathOptions *path_options,
                             const RdmModelOptions *model_options,
                             const guint8 *visitor_mask,
                             RdmModel default_model);
void rdm_metrics_free (RdmMetrics *metrics);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmMetrics, rdm_metrics_free)

/* The KPI whose manual values "manual" reads; 0 for none. */
void rdm_metrics_set_kpi (RdmMetrics *metrics, gint64 kpi_id);

/* An RdmMetricResolver; @user_data is the RdmMetrics. */
gboolean rdm_metrics_resolve (const RdmMetricRef *metric,
                              const RdmPeriod *period,
                              gpointer user_data,
                              double *out_value,
                              gboolean *out_defined,
                              GError **error);

/* The credit of @model for the conversions in [@from, @to) at @level
 * (cached; owned by @metrics). */
const RdmCredit *rdm_metrics_get_credit (RdmMetrics *metrics,
                                         RdmModel model,
                                         RdmLevel level,
                                         const char *event,
                                         gint64 from,
                                         gint64 to,
                                         GError **error);

/* The period of @kind holding the project's latest touch or conversion (or
 * its latest cost or daily row when it has no events); FALSE when the
 * project has no dated data. */
gboolean
rdm_project_latest_period (RdmProject *project, RdmPeriodKind kind, RdmPeriod *out, GError **error);

/* The periods of @kind from the project's first dated row to its latest
 * period, oldest first (RdmPeriod), for period pickers. */
GArray *rdm_project_list_periods (RdmProject *project, RdmPeriodKind kind, GError **error);

G_END_DECLS
