/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The reporting periods of KPIs and ROI (SPEC.md, "Objectives, KPIs, ROI"):
 * calendar months, quarters and years in UTC, the same calendar as the
 * project file's epoch-second days. Years 1 to 9999 (proleptic Gregorian). */
typedef enum
{
  RDM_PERIOD_MONTH,
  RDM_PERIOD_QUARTER,
  RDM_PERIOD_YEAR,
} RdmPeriodKind;

typedef struct
{
  RdmPeriodKind kind;
  int year;     /* 1 .. 9999 */
  int number;   /* month 1 .. 12, quarter 1 .. 4, 1 for a year */
  gint64 start; /* epoch seconds UTC of the first instant, inclusive */
  gint64 end;   /* epoch seconds UTC of the next period's start, exclusive */
} RdmPeriod;

#define RDM_PERIOD_MIN_YEAR 1
#define RDM_PERIOD_MAX_YEAR 9999

#define RDM_PERIOD_ERROR (rdm_period_error_quark ())

typedef enum
{
  RDM_PERIOD_ERROR_PARSE, /* text that is not a period or a period kind */
  RDM_PERIOD_ERROR_RANGE, /* a period before year 1 or after year 9999 */
} RdmPeriodError;

GQuark rdm_period_error_quark (void);

/* "month", "quarter", "year": the values of the kpi.period column. */
const char *rdm_period_kind_to_string (RdmPeriodKind kind);
gboolean rdm_period_kind_parse (const char *text, RdmPeriodKind *out_kind, GError **error);

/* Fills @out with month, quarter or year @number of @year. Fails with
 * RDM_PERIOD_ERROR_RANGE when either is out of range. */
gboolean rdm_period_init (RdmPeriod *out, RdmPeriodKind kind, int year, int number, GError **error);

/* Parses "2026Q2" (or "2026q2"), "2026-05" and "2026" into a quarter, a
 * month and a year. The whole text must match: no spaces, four-digit years,
 * two-digit months. Errors name the 1-based column and what was expected. */
gboolean rdm_period_parse (const char *text, RdmPeriod *out, GError **error);

/* The inverse of rdm_period_parse(): "2026Q2", "2026-05", "2026". */
char *rdm_period_to_string (const RdmPeriod *period);

/* The period of @kind that contains @time (epoch seconds UTC). Fails with
 * RDM_PERIOD_ERROR_RANGE outside years 1 .. 9999. */
gboolean rdm_period_containing (RdmPeriodKind kind, gint64 time, RdmPeriod *out, GError **error);

/* The period just before or after @period, of the same kind: the previous
 * of 2026Q1 is 2025Q4. Fails with RDM_PERIOD_ERROR_RANGE past the limits. */
gboolean rdm_period_previous (const RdmPeriod *period, RdmPeriod *out, GError **error);
gboolean rdm_period_next (const RdmPeriod *period, RdmPeriod *out, GError **error);

gboolean rdm_period_contains (const RdmPeriod *period, gint64 time);
gboolean rdm_period_equal (const RdmPeriod *a, const RdmPeriod *b);

/* Whole days in the period (28 .. 366 for months to years). */
int rdm_period_days (const RdmPeriod *period);

/* The periods of @kind that overlap [@from, @to), in time order, as a GArray
 * of RdmPeriod; empty when @to <= @from. Fails with RDM_PERIOD_ERROR_RANGE
 * when the range leaves years 1 .. 9999. */
GArray *rdm_period_list (RdmPeriodKind kind, gint64 from, gint64 to, GError **error);

G_END_DECLS
