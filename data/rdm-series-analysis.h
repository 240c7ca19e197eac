/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-events.h"
#include "rdm-impact.h"
#include "rdm-mirror.h"
#include "rdm-series.h"

G_BEGIN_DECLS

/* The analyses of a project's daily series (SPEC.md, "Top-down
 * measurement"): an event's impact and the mirror of two series, as
 * "rendement-cli impact" and "rendement-cli mirror" print them and the
 * window's Events section shows them. */

#define RDM_SERIES_ANALYSIS_ERROR (rdm_series_analysis_error_quark ())
GQuark rdm_series_analysis_error_quark (void);

typedef enum
{
  /* days asked for that cannot be read: a reversed or too long range, no
   * day on a side of an event */
  RDM_SERIES_ANALYSIS_ERROR_DAYS,
} RdmSeriesAnalysisError;

/* Days around an event the impact reads unless told otherwise. */
#define RDM_IMPACT_DEFAULT_DAYS_BEFORE 56
#define RDM_IMPACT_DEFAULT_DAYS_AFTER 28

typedef struct
{
  RdmDatedEvent *event;
  RdmDailySeries *series; /* the days window_start .. window_end */
  gint64 window_start;    /* epoch second of 00:00 UTC */
  gint64 window_end;      /* the last day */
  guint days_before;      /* days of the window before the event's start */
  RdmImpact impact;
} RdmImpactResult;

void rdm_impact_result_free (RdmImpactResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmImpactResult, rdm_impact_result_free)

/* The impact of the event labelled @label on series @series_name (see
 * rdm_project_load_daily_series()) over @days_before days before its
 * start and @days_after from its start on. Fails when no event has the
 * label, the series is unknown, either count of days is 0
 * (RDM_SERIES_ANALYSIS_ERROR_DAYS), or the days cannot be fitted (the
 * message then names the series, the event and the days). */
RdmImpactResult *rdm_project_measure_impact (RdmProject *project,
                                             const char *label,
                                             const char *series_name,
                                             guint days_before,
                                             guint days_after,
                                             GCancellable *cancellable,
                                             GError **error);

/* The largest lag unless told otherwise: 14 days, 8 weeks or 3 months. */
guint rdm_mirror_default_max_lag (RdmMirrorBy by);

#define RDM_MIRROR_DEFAULT_RESAMPLES 1000
#define RDM_MIRROR_DEFAULT_SEED 1
/* Twenty years of days: the longest range compared. */
#define RDM_MIRROR_MAX_DAYS 7305

typedef struct
{
  const char *series_a;
  const char *series_b;
  RdmMirrorBy by;
  guint max_lag; /* G_MAXUINT: rdm_mirror_default_max_lag (by) */
  gint64 from;   /* first day; G_MININT64: the project's first */
  gint64 to;     /* last day; G_MAXINT64: the project's last */
  guint resamples;
  guint64 seed;
} RdmMirrorRequest;

#define RDM_MIRROR_REQUEST_INIT                                                                    \
  {                                                                                                \
    NULL, NULL, RDM_MIRROR_BY_WEEK, G_MAXUINT, G_MININT64, G_MAXINT64,                             \
        RDM_MIRROR_DEFAULT_RESAMPLES, RDM_MIRROR_DEFAULT_SEED                                      \
  }

typedef struct
{
  RdmDailySeries *a;
  RdmDailySeries *b;
  RdmMirrorBy by;
  gint64 from;
  gint64 to;
  guint64 seed;
  /* each period's mean of its days with data (NaN without), and the
   * epoch second of its first day */
  GArray *periods_a;
  GArray *periods_b;
  GArray *starts;
  RdmMirror mirror;
} RdmMirrorResult;

void rdm_mirror_result_free (RdmMirrorResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmMirrorResult, rdm_mirror_result_free)

/* The mirror of @request's two series. Fails when a series is unknown,
 * when the range is reversed or longer than RDM_MIRROR_MAX_DAYS
 * (RDM_SERIES_ANALYSIS_ERROR_DAYS), or when the periods cannot hold the
 * lags (the message then names both series, the period and the range). */
RdmMirrorResult *rdm_project_mirror (RdmProject *project,
                                     const RdmMirrorRequest *request,
                                     GCancellable *cancellable,
                                     GError **error);

G_END_DECLS
