/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-project.h"

G_BEGIN_DECLS

/* A daily series of a project, for the top-down analyses (event impact,
 * the mirror) and their charts.
 *
 * A series is named as in KPI formulas (rdm-formula.h: cost[channel="Facebook"],
 * likes, series["brand_awareness"], value / cost, ...) evaluated on each
 * day, or by the name of one of the project's KPIs (its formula, its
 * manual values for "manual"). A text that parses as a formula is a
 * formula, so a KPI named like a metric ("cost") is reached only through
 * its formula. sum(), avg(), growth() and previous() read months and are
 * refused.
 *
 * Which days have data: a flow (cost, impressions, clicks, engagements,
 * likes, shares, comments, visits, conversions, value) is 0 on a day
 * without rows inside the days its table covers, and has no data outside
 * them; a level (followers, series[...], manual) has data only on the days
 * that have a row. A formula has data on a day when all its metrics have.
 *
 * conversions and value: without a channel, group or campaign they are the
 * day's totals — from the daily outcomes (import --kind outcomes) when the
 * project has any and no event is named, otherwise from the event log's
 * conversions. With one, they are the credit the project's saved model
 * (its analysis settings, the Attribution section's) gives the conversions
 * of that day, which loads and credits the event log: slower. */
typedef struct
{
  char *name;       /* as given */
  char *formula;    /* the canonical formula evaluated */
  char *kpi;        /* "Objective / KPI" when @name named a KPI, NULL otherwise */
  gint64 first_day; /* epoch second of 00:00 UTC */
  guint n_days;
  double *values; /* n_days values, NaN on a day without data */
  guint days_with_data;
  /* where conversions and value came from: "outcomes", "events", or NULL
   * when the series reads neither */
  const char *conversions_source;
} RdmDailySeries;

void rdm_daily_series_free (RdmDailySeries *series);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmDailySeries, rdm_daily_series_free)

/* Evaluates series @name on the @n_days days from @first_day (any time of
 * the day; taken to 00:00 UTC). Fails with a message naming the series
 * when the name is neither a formula nor a KPI (G_IO_ERROR_INVALID_ARGUMENT,
 * the formula's parse error included), when it calls a period function,
 * names a survey series or a channel the project does not have
 * (RDM_PROJECT_ERROR_NOT_FOUND), or on a database error. A series without
 * any data in the days is not an error: days_with_data says so. */
RdmDailySeries *rdm_project_load_daily_series (RdmProject *project,
                                               const char *name,
                                               gint64 first_day,
                                               guint n_days,
                                               GCancellable *cancellable,
                                               GError **error);

/* The first and last day (epoch seconds of 00:00 UTC) of the project's
 * dated rows of every kind; FALSE with RDM_PROJECT_ERROR_NOT_FOUND when it
 * has none. */
gboolean rdm_project_get_day_range (RdmProject *project,
                                    gint64 *out_first_day,
                                    gint64 *out_last_day,
                                    GError **error);

typedef enum
{
  RDM_SERIES_CHOICE_OUTCOMES,
  RDM_SERIES_CHOICE_SURVEY,
  RDM_SERIES_CHOICE_ENGAGEMENTS,
  RDM_SERIES_CHOICE_COST,
  RDM_SERIES_CHOICE_KPI,
} RdmSeriesChoiceKind;

/* A series a person can pick rather than type: its name for people and
 * the formula rdm_project_load_daily_series() reads. */
typedef struct
{
  RdmSeriesChoiceKind kind;
  char *label;
  char *formula;
} RdmSeriesChoice;

void rdm_series_choice_free (RdmSeriesChoice *choice);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmSeriesChoice, rdm_series_choice_free)

/* The project's daily series worth picking, as RdmSeriesChoice in the
 * order of their kinds: its conversions and their value (with daily
 * outcomes or an event log), each survey series, the engagements of each
 * channel group that has some, the cost of each channel with costs, and
 * each KPI a day can be measured by (no period function; a KPI whose name
 * is shared by another objective's, or reads as a formula, is offered by
 * its formula). */
GPtrArray *rdm_project_list_series_choices (RdmProject *project, GError **error);

G_END_DECLS
