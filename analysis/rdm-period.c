/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Calendar periods over epoch seconds, UTC.
 *
 * Dates are converted with the days-from-civil algorithm of H. Hinnant
 * ("chrono-Compatible Low-Level Date Algorithms", 2013), exact for the
 * proleptic Gregorian calendar: no time zone or locale can shift a period
 * boundary, and 2100 is correctly not a leap year.
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "rdm-period.h"

#define SECONDS_PER_DAY G_GINT64_CONSTANT (86400)

/* The quark name is a bare dashed token, which clang-format would split. */
/* clang-format off */
G_DEFINE_QUARK (rdm-period-error-quark, rdm_period_error)
/* clang-format on */

/* Days from 1970-01-01 to @year-@month-@day. */
static gint64
days_from_civil (gint64 year, int month, int day)
{
  gint64 era, yoe, doy, doe;

  year -= month <= 2;
  era = (year >= 0 ? year : year - 399) / 400;
  yoe = year - era * 400;
  doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64 days, gint64 *out_year, int *out_month)
{
  gint64 era, doe, yoe, doy, mp;
  int month;

  days += 719468;
  era = (days >= 0 ? days : days - 146096) / 146097;
  doe = days - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  month = (int)(mp < 10 ? mp + 3 : mp - 9);
  *out_year = yoe + era * 400 + (month <= 2);
  *out_month = month;
}

static int
months_per_period (RdmPeriodKind kind)
{
  switch (kind)
    {
    case RDM_PERIOD_MONTH:
      return 1;
    case RDM_PERIOD_QUARTER:
      return 3;
    case RDM_PERIOD_YEAR:
      return 12;
    default:
      g_assert_not_reached ();
    }
}

static int
periods_per_year (RdmPeriodKind kind)
{
  return 12 / months_per_period (kind);
}

const char *
rdm_period_kind_to_string (RdmPeriodKind kind)
{
  switch (kind)
    {
    case RDM_PERIOD_MONTH:
      return "month";
    case RDM_PERIOD_QUARTER:
      return "quarter";
    case RDM_PERIOD_YEAR:
      return "year";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
rdm_period_kind_parse (const char *text, RdmPeriodKind *out_kind, GError **error)
{
  static const RdmPeriodKind kinds[] = { RDM_PERIOD_MONTH, RDM_PERIOD_QUARTER, RDM_PERIOD_YEAR };

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_kind != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (g_strcmp0 (text, rdm_period_kind_to_string (kinds[i])) == 0)
        {
          *out_kind = kinds[i];
          return TRUE;
        }
    }
  g_set_error (error, RDM_PERIOD_ERROR, RDM_PERIOD_ERROR_PARSE,
               _ ("Unknown period kind “%s”; expected “month”, “quarter” or “year”"), text);
  return FALSE;
}

gboolean
rdm_period_init (RdmPeriod *out, RdmPeriodKind kind, int year, int number, GError **error)
{
  int first_month;
  int last_month;
  gint64 end_year;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (kind <= RDM_PERIOD_YEAR, FALSE);

  if (year < RDM_PERIOD_MIN_YEAR || year > RDM_PERIOD_MAX_YEAR)
    {
      g_set_error (error, RDM_PERIOD_ERROR, RDM_PERIOD_ERROR_RANGE,
                   _ ("Year %d is out of range; expected %d to %d"), year, RDM_PERIOD_MIN_YEAR,
                   RDM_PERIOD_MAX_YEAR);
      return FALSE;
    }
  if (number < 1 || number > periods_per_year (kind))
    {
      if (kind == RDM_PERIOD_MONTH)
        g_set_error (error, RDM_PERIOD_ERROR, RDM_PERIOD_ERROR_RANGE,
                     _ ("Month %d is out of range; expected 1 to 12"), number);
      else if (kind == RDM_PERIOD_QUARTER)
        g_set_error (error, RDM_PERIOD_ERROR, RDM_PERIOD_ERROR_RANGE,
                     _ ("Quarter %d is out of range; expected 1 to 4"), number);
      else
        g_set_error (error, RDM_PERIOD_ERROR, RDM_PERIOD_ERROR_RANGE,
                     _ ("A year has one period, not number %d"), number);
      return FALSE;
    }

  first_month = (number - 1) * months_per_period (kind) + 1;
  last_month = first_month + months_per_period (kind) - 1;
  end_year = last_month == 12 ? (gint64)year + 1 : year;

  out->kind = kind;
  out->year = year;
  out->number = number;
  out->start = days_from_civil (year, first_month, 1) * SECONDS_PER_DAY;
  out->end = days_from_civil (end_year, last_month % 12 + 1, 1) * SECONDS_PER_DAY;
  return TRUE;
}

static gboolean
parse_error (GError **error, const char *text, const char *at, const char *expected)
{
  /* The text was validated as UTF-8, so the offset counts characters. */
  g_set_error (error, RDM_PERIOD_ERROR, RDM_PERIOD_ERROR_PARSE, _ ("“%s”, column %ld: %s"), text,
               g_utf8_pointer_to_offset (text, at) + 1, expected);
  return FALSE;
}

/* Reads exactly @n ASCII digits at *@p. */
static gboolean
read_digits (const char **p, int n, int *out_value)
{
  int value = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      value = value * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *out_value = value;
  return TRUE;
}

gboolean
rdm_period_parse (const char *text, RdmPeriod *out, GError **error)
{
  const char *p = text;
  RdmPeriodKind kind = RDM_PERIOD_YEAR;
  int year = 0;
  int number = 1;
  const char *number_at;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, RDM_PERIOD_ERROR, RDM_PERIOD_ERROR_PARSE,
                   _ ("The period is not valid UTF-8 text"));
      return FALSE;
    }
  if (*text == '\0')
    {
      g_set_error (error, RDM_PERIOD_ERROR, RDM_PERIOD_ERROR_PARSE,
                   _ ("Empty period; expected a quarter (2026Q2), a month (2026-05) or a year "
                      "(2026)"));
      return FALSE;
    }

  for (int i = 0; i < 4; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return parse_error (error, text, p + i,
                            _ ("expected a four-digit year, as in 2026Q2, 2026-05 or 2026"));
    }
  read_digits (&p, 4, &year);

  if (*p == 'Q' || *p == 'q')
    {
      kind = RDM_PERIOD_QUARTER;
      p++;
      number_at = p;
      if (!read_digits (&p, 1, &number) || number < 1 || number > 4)
        return parse_error (error, text, number_at, _ ("expected a quarter from 1 to 4"));
    }
  else if (*p == '-')
    {
      kind = RDM_PERIOD_MONTH;
      p++;
      number_at = p;
      if (!read_digits (&p, 2, &number) || number < 1 || number > 12)
        return parse_error (error, text, number_at, _ ("expected a two-digit month from 01 to 12"));
    }
  else if (*p != '\0')
    return parse_error (error, text, p,
                        _ ("expected “Q” and a quarter, “-” and a month, or the end"));

  if (*p != '\0')
    return parse_error (error, text, p, _ ("expected the end of the period"));

  if (year < RDM_PERIOD_MIN_YEAR)
    return parse_error (error, text, text, _ ("expected a year from 0001 to 9999"));

  return rdm_period_init (out, kind, year, number, error);
}

char *
rdm_period_to_string (const RdmPeriod *period)
{
  g_return_val_if_fail (period != NULL, NULL);

  switch (period->kind)
    {
    case RDM_PERIOD_MONTH:
      return g_strdup_printf ("%04d-%02d", period->year, period->number);
    case RDM_PERIOD_QUARTER:
      return g_strdup_printf ("%04dQ%d", period->year, period->number);
    case RDM_PERIOD_YEAR:
      return g_strdup_printf ("%04d", period->year);
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
rdm_period_containing (RdmPeriodKind kind, gint64 time, RdmPeriod *out, GError **error)
{
  /* Bounds of years 1 .. 9999, so the day arithmetic below cannot overflow. */
  const gint64 min_time = days_from_civil (RDM_PERIOD_MIN_YEAR, 1, 1) * SECONDS_PER_DAY;
  const gint64 max_time = days_from_civil (RDM_PERIOD_MAX_YEAR + 1, 1, 1) * SECONDS_PER_DAY;
  gint64 days;
  gint64 year;
  int month;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (kind <= RDM_PERIOD_YEAR, FALSE);

  if (time < min_time || time >= max_time)
    {
      g_set_error (error, RDM_PERIOD_ERROR, RDM_PERIOD_ERROR_RANGE,
                   _ ("Time %" PRId64 " is outside the years %d to %d"), time, RDM_PERIOD_MIN_YEAR,
                   RDM_PERIOD_MAX_YEAR);
      return FALSE;
    }

  /* Floor division: times before 1970 belong to the day that starts before them. */
  days = time / SECONDS_PER_DAY - (time % SECONDS_PER_DAY < 0);
  civil_from_days (days, &year, &month);
  return rdm_period_init (out, kind, (int)year, (month - 1) / months_per_period (kind) + 1, error);
}

gboolean
rdm_period_previous (const RdmPeriod *period, RdmPeriod *out, GError **error)
{
  g_return_val_if_fail (period != NULL, FALSE);

  if (period->number > 1)
    return rdm_period_init (out, period->kind, period->year, period->number - 1, error);
  return rdm_period_init (out, period->kind, period->year - 1, periods_per_year (period->kind),
                          error);
}

gboolean
rdm_period_next (const RdmPeriod *period, RdmPeriod *out, GError **error)
{
  g_return_val_if_fail (period != NULL, FALSE);

  if (period->number < periods_per_year (period->kind))
    return rdm_period_init (out, period->kind, period->year, period->number + 1, error);
  return rdm_period_init (out, period->kind, period->year + 1, 1, error);
}

gboolean
rdm_period_contains (const RdmPeriod *period, gint64 time)
{
  g_return_val_if_fail (period != NULL, FALSE);

  return time >= period->start && time < period->end;
}

gboolean
rdm_period_equal (const RdmPeriod *a, const RdmPeriod *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->kind == b->kind && a->year == b->year && a->number == b->number;
}

int
rdm_period_days (const RdmPeriod *period)
{
  g_return_val_if_fail (period != NULL, 0);

  return (int)((period->end - period->start) / SECONDS_PER_DAY);
}

GArray *
rdm_period_list (RdmPeriodKind kind, gint64 from, gint64 to, GError **error)
{
  g_autoptr (GArray) periods = g_array_new (FALSE, FALSE, sizeof (RdmPeriod));
  RdmPeriod period;

  g_return_val_if_fail (kind <= RDM_PERIOD_YEAR, NULL);

  if (to <= from)
    return g_steal_pointer (&periods);

  if (!rdm_period_containing (kind, from, &period, error))
    return NULL;
  /* The last instant of the range must be representable too. */
  if (!rdm_period_containing (kind, to - 1, &(RdmPeriod){ 0 }, error))
    return NULL;

  for (;;)
    {
      g_array_append_val (periods, period);
      if (period.end >= to)
        break;
      if (!rdm_period_next (&period, &period, error))
        return NULL;
    }
  return g_steal_pointer (&periods);
}
