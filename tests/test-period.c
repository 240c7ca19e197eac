/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Calendar periods: parsing, printing, boundaries in epoch seconds, previous
 * and next across year boundaries, leap years, and every parse error.
 *
 * Reference epochs, by hand: 1970 to 2025 is 56 years with 14 leap years
 * (1972, 1976, ..., 2024), so 2026-01-01 is day 56 * 365 + 14 = 20454,
 * second 20454 * 86400 = 1767225600.
 */
#include "config.h"

#include "rdm-period.h"

#define DAY G_GINT64_CONSTANT (86400)
#define JAN_1_2026 G_GINT64_CONSTANT (1767225600)

static void
assert_period (const RdmPeriod *period, const char *text, gint64 start, gint64 end)
{
  g_autofree char *printed = rdm_period_to_string (period);

  g_assert_cmpstr (printed, ==, text);
  g_assert_cmpint (period->start, ==, start);
  g_assert_cmpint (period->end, ==, end);
}

static void
test_parse (void)
{
  g_autoptr (GError) error = NULL;
  RdmPeriod period;

  /* 2026Q2 = April 1 (Jan 31 + Feb 28 + Mar 31 = 90 days after Jan 1) to
   * July 1 (+ Apr 30 + May 31 + Jun 30 = 91 days). */
  g_assert_true (rdm_period_parse ("2026Q2", &period, &error));
  g_assert_no_error (error);
  g_assert_cmpint (period.kind, ==, RDM_PERIOD_QUARTER);
  g_assert_cmpint (period.year, ==, 2026);
  g_assert_cmpint (period.number, ==, 2);
  assert_period (&period, "2026Q2", JAN_1_2026 + 90 * DAY, JAN_1_2026 + 181 * DAY);
  g_assert_cmpint (rdm_period_days (&period), ==, 91);

  g_assert_true (rdm_period_parse ("2026q2", &period, &error));
  assert_period (&period, "2026Q2", JAN_1_2026 + 90 * DAY, JAN_1_2026 + 181 * DAY);

  /* May: after Jan..Apr = 31 + 28 + 31 + 30 = 120 days; 31 days long. */
  g_assert_true (rdm_period_parse ("2026-05", &period, &error));
  g_assert_cmpint (period.kind, ==, RDM_PERIOD_MONTH);
  assert_period (&period, "2026-05", JAN_1_2026 + 120 * DAY, JAN_1_2026 + 151 * DAY);

  g_assert_true (rdm_period_parse ("2026", &period, &error));
  g_assert_cmpint (period.kind, ==, RDM_PERIOD_YEAR);
  assert_period (&period, "2026", JAN_1_2026, JAN_1_2026 + 365 * DAY);

  /* 1970-01 starts at the epoch. */
  g_assert_true (rdm_period_parse ("1970-01", &period, &error));
  assert_period (&period, "1970-01", 0, 31 * DAY);

  g_assert_true (rdm_period_parse ("0001Q1", &period, &error));
  g_assert_true (rdm_period_parse ("9999-12", &period, &error));
  g_assert_no_error (error);
}

static void
test_leap_years (void)
{
  g_autoptr (GError) error = NULL;
  RdmPeriod period;

  /* Divisible by 4: leap; by 100: not; by 400: leap again. */
  g_assert_true (rdm_period_parse ("2024-02", &period, &error));
  g_assert_cmpint (rdm_period_days (&period), ==, 29);
  g_assert_true (rdm_period_parse ("2026-02", &period, &error));
  g_assert_cmpint (rdm_period_days (&period), ==, 28);
  g_assert_true (rdm_period_parse ("2100-02", &period, &error));
  g_assert_cmpint (rdm_period_days (&period), ==, 28);
  g_assert_true (rdm_period_parse ("2000-02", &period, &error));
  g_assert_cmpint (rdm_period_days (&period), ==, 29);
  g_assert_true (rdm_period_parse ("2024", &period, &error));
  g_assert_cmpint (rdm_period_days (&period), ==, 366);
  g_assert_true (rdm_period_parse ("2100", &period, &error));
  g_assert_cmpint (rdm_period_days (&period), ==, 365);
  /* Q1 2024 = 31 + 29 + 31 = 91 days; Q1 2100 = 31 + 28 + 31 = 90. */
  g_assert_true (rdm_period_parse ("2024Q1", &period, &error));
  g_assert_cmpint (rdm_period_days (&period), ==, 91);
  g_assert_true (rdm_period_parse ("2100Q1", &period, &error));
  g_assert_cmpint (rdm_period_days (&period), ==, 90);
  g_assert_no_error (error);
}

static void
test_previous_next (void)
{
  g_autoptr (GError) error = NULL;
  RdmPeriod period;
  RdmPeriod other;

  /* 2025Q4 = Oct 1 2025 (Oct 31 + Nov 30 + Dec 31 = 92 days before 2026) to 2026. */
  g_assert_true (rdm_period_parse ("2026Q1", &period, &error));
  g_assert_true (rdm_period_previous (&period, &other, &error));
  assert_period (&other, "2025Q4", JAN_1_2026 - 92 * DAY, JAN_1_2026);
  g_assert_true (rdm_period_next (&other, &other, &error));
  g_assert_true (rdm_period_equal (&other, &period));

  g_assert_true (rdm_period_parse ("2026-01", &period, &error));
  g_assert_true (rdm_period_previous (&period, &other, &error));
  assert_period (&other, "2025-12", JAN_1_2026 - 31 * DAY, JAN_1_2026);

  g_assert_true (rdm_period_parse ("2026Q3", &period, &error));
  g_assert_true (rdm_period_previous (&period, &other, &error));
  assert_period (&other, "2026Q2", JAN_1_2026 + 90 * DAY, JAN_1_2026 + 181 * DAY);

  g_assert_true (rdm_period_parse ("2025-12", &period, &error));
  g_assert_true (rdm_period_next (&period, &other, &error));
  assert_period (&other, "2026-01", JAN_1_2026, JAN_1_2026 + 31 * DAY);

  g_assert_true (rdm_period_parse ("2026", &period, &error));
  g_assert_true (rdm_period_previous (&period, &other, &error));
  assert_period (&other, "2025", JAN_1_2026 - 365 * DAY, JAN_1_2026);
  g_assert_no_error (error);

  g_assert_true (rdm_period_parse ("0001Q1", &period, &error));
  g_assert_false (rdm_period_previous (&period, &other, &error));
  g_assert_error (error, RDM_PERIOD_ERROR, RDM_PERIOD_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==, "Year 0 is out of range; expected 1 to 9999");
  g_clear_error (&error);

  g_assert_true (rdm_period_parse ("9999-12", &period, &error));
  g_assert_false (rdm_period_next (&period, &other, &error));
  g_assert_error (error, RDM_PERIOD_ERROR, RDM_PERIOD_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==, "Year 10000 is out of range; expected 1 to 9999");
}

static void
test_containing (void)
{
  g_autoptr (GError) error = NULL;
  RdmPeriod period;

  /* The last second of 2025 and the first of 2026. */
  g_assert_true (rdm_period_containing (RDM_PERIOD_QUARTER, JAN_1_2026 - 1, &period, &error));
  assert_period (&period, "2025Q4", JAN_1_2026 - 92 * DAY, JAN_1_2026);
  g_assert_true (rdm_period_contains (&period, JAN_1_2026 - 1));
  g_assert_false (rdm_period_contains (&period, JAN_1_2026));
  g_assert_true (rdm_period_containing (RDM_PERIOD_QUARTER, JAN_1_2026, &period, &error));
  assert_period (&period, "2026Q1", JAN_1_2026, JAN_1_2026 + 90 * DAY);
  g_assert_true (rdm_period_containing (RDM_PERIOD_YEAR, JAN_1_2026 + 200 * DAY, &period, &error));
  assert_period (&period, "2026", JAN_1_2026, JAN_1_2026 + 365 * DAY);
  /* Feb 29 2024 noon: 2024-01-01 is 2026-01-01 minus 366 + 365 days; + 31 + 28 days. */
  g_assert_true (rdm_period_containing (
      RDM_PERIOD_MONTH, JAN_1_2026 - 731 * DAY + 59 * DAY + 12 * 3600, &period, &error));
  assert_period (&period, "2024-02", JAN_1_2026 - 731 * DAY + 31 * DAY,
                 JAN_1_2026 - 731 * DAY + 60 * DAY);

  /* One second before the epoch is in December 1969, not January 1970. */
  g_assert_true (rdm_period_containing (RDM_PERIOD_MONTH, -1, &period, &error));
  assert_period (&period, "1969-12", -31 * DAY, 0);
  g_assert_no_error (error);

  g_assert_false (rdm_period_containing (RDM_PERIOD_MONTH, G_MAXINT64, &period, &error));
  g_assert_error (error, RDM_PERIOD_ERROR, RDM_PERIOD_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (rdm_period_containing (RDM_PERIOD_MONTH, G_MININT64, &period, &error));
  g_assert_error (error, RDM_PERIOD_ERROR, RDM_PERIOD_ERROR_RANGE);
}

static void
test_list (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) months = NULL;
  g_autoptr (GArray) quarters = NULL;
  g_autoptr (GArray) empty = NULL;
  g_autoptr (GArray) bad = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  /* Jan 15 to Apr 1 2026 (exclusive) overlaps January, February, March. */
  months = rdm_period_list (RDM_PERIOD_MONTH, JAN_1_2026 + 14 * DAY, JAN_1_2026 + 90 * DAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (months->len, ==, 3);
  first = rdm_period_to_string (&g_array_index (months, RdmPeriod, 0));
  last = rdm_period_to_string (&g_array_index (months, RdmPeriod, 2));
  g_assert_cmpstr (first, ==, "2026-01");
  g_assert_cmpstr (last, ==, "2026-03");

  /* Nov 1 2025 (61 days before 2026) to Feb 1 2026 crosses the year. */
  quarters
      = rdm_period_list (RDM_PERIOD_QUARTER, JAN_1_2026 - 61 * DAY, JAN_1_2026 + 31 * DAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (quarters->len, ==, 2);
  g_assert_cmpint (g_array_index (quarters, RdmPeriod, 0).year, ==, 2025);
  g_assert_cmpint (g_array_index (quarters, RdmPeriod, 0).number, ==, 4);
  g_assert_cmpint (g_array_index (quarters, RdmPeriod, 1).year, ==, 2026);
  g_assert_cmpint (g_array_index (quarters, RdmPeriod, 1).number, ==, 1);

  empty = rdm_period_list (RDM_PERIOD_YEAR, JAN_1_2026, JAN_1_2026, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->len, ==, 0);

  bad = rdm_period_list (RDM_PERIOD_YEAR, JAN_1_2026, G_MAXINT64, &error);
  g_assert_null (bad);
  g_assert_error (error, RDM_PERIOD_ERROR, RDM_PERIOD_ERROR_RANGE);
}

static void
test_init (void)
{
  g_autoptr (GError) error = NULL;
  RdmPeriod period = { 0 };

  /* 2026Q4 = Oct 1 (365 - 92 = 273 days after Jan 1) to Jan 1 2027. */
  g_assert_true (rdm_period_init (&period, RDM_PERIOD_QUARTER, 2026, 4, &error));
  g_assert_no_error (error);
  assert_period (&period, "2026Q4", JAN_1_2026 + 273 * DAY, JAN_1_2026 + 365 * DAY);

  g_assert_false (rdm_period_init (&period, RDM_PERIOD_MONTH, 2026, 13, &error));
  g_assert_error (error, RDM_PERIOD_ERROR, RDM_PERIOD_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==, "Month 13 is out of range; expected 1 to 12");
  g_clear_error (&error);
  g_assert_false (rdm_period_init (&period, RDM_PERIOD_QUARTER, 2026, 0, &error));
  g_assert_cmpstr (error->message, ==, "Quarter 0 is out of range; expected 1 to 4");
  g_clear_error (&error);
  g_assert_false (rdm_period_init (&period, RDM_PERIOD_YEAR, 2026, 2, &error));
  g_assert_cmpstr (error->message, ==, "A year has one period, not number 2");
  g_clear_error (&error);
  g_assert_false (rdm_period_init (&period, RDM_PERIOD_YEAR, 10000, 1, &error));
  g_assert_cmpstr (error->message, ==, "Year 10000 is out of range; expected 1 to 9999");
  /* Nothing written on failure. */
  assert_period (&period, "2026Q4", JAN_1_2026 + 273 * DAY, JAN_1_2026 + 365 * DAY);
}

static void
test_kind (void)
{
  g_autoptr (GError) error = NULL;
  RdmPeriodKind kind = RDM_PERIOD_YEAR;

  g_assert_true (rdm_period_kind_parse ("month", &kind, &error));
  g_assert_cmpint (kind, ==, RDM_PERIOD_MONTH);
  g_assert_true (rdm_period_kind_parse ("quarter", &kind, &error));
  g_assert_cmpint (kind, ==, RDM_PERIOD_QUARTER);
  g_assert_true (rdm_period_kind_parse ("year", &kind, &error));
  g_assert_cmpint (kind, ==, RDM_PERIOD_YEAR);
  g_assert_cmpstr (rdm_period_kind_to_string (RDM_PERIOD_QUARTER), ==, "quarter");
  g_assert_no_error (error);

  g_assert_false (rdm_period_kind_parse ("week", &kind, &error));
  g_assert_error (error, RDM_PERIOD_ERROR, RDM_PERIOD_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==,
                   "Unknown period kind “week”; expected “month”, “quarter” or “year”");
}

static void
assert_parse_error (const char *text, int code, const char *message)
{
  g_autoptr (GError) error = NULL;
  RdmPeriod period = { 0 };

  g_assert_false (rdm_period_parse (text, &period, &error));
  g_assert_error (error, RDM_PERIOD_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_parse_errors (void)
{
  assert_parse_error ("", RDM_PERIOD_ERROR_PARSE,
                      "Empty period; expected a quarter (2026Q2), a month (2026-05) or a year "
                      "(2026)");
  assert_parse_error (
      "26Q1", RDM_PERIOD_ERROR_PARSE,
      "“26Q1”, column 3: expected a four-digit year, as in 2026Q2, 2026-05 or 2026");
  assert_parse_error ("2026Q5", RDM_PERIOD_ERROR_PARSE,
                      "“2026Q5”, column 6: expected a quarter from 1 to 4");
  assert_parse_error ("2026Q0", RDM_PERIOD_ERROR_PARSE,
                      "“2026Q0”, column 6: expected a quarter from 1 to 4");
  assert_parse_error ("2026Q", RDM_PERIOD_ERROR_PARSE,
                      "“2026Q”, column 6: expected a quarter from 1 to 4");
  assert_parse_error ("2026-13", RDM_PERIOD_ERROR_PARSE,
                      "“2026-13”, column 6: expected a two-digit month from 01 to 12");
  assert_parse_error ("2026-5", RDM_PERIOD_ERROR_PARSE,
                      "“2026-5”, column 6: expected a two-digit month from 01 to 12");
  assert_parse_error ("2026-00", RDM_PERIOD_ERROR_PARSE,
                      "“2026-00”, column 6: expected a two-digit month from 01 to 12");
  assert_parse_error ("2026/05", RDM_PERIOD_ERROR_PARSE,
                      "“2026/05”, column 5: expected “Q” and a quarter, “-” and a month, or "
                      "the end");
  assert_parse_error ("2026 Q2", RDM_PERIOD_ERROR_PARSE,
                      "“2026 Q2”, column 5: expected “Q” and a quarter, “-” and a month, or "
                      "the end");
  assert_parse_error ("2026Q2x", RDM_PERIOD_ERROR_PARSE,
                      "“2026Q2x”, column 7: expected the end of the period");
  assert_parse_error ("2026-051", RDM_PERIOD_ERROR_PARSE,
                      "“2026-051”, column 8: expected the end of the period");
  assert_parse_error ("0000", RDM_PERIOD_ERROR_PARSE,
                      "“0000”, column 1: expected a year from 0001 to 9999");
  /* Columns count characters, not bytes: “é” is two bytes. */
  assert_parse_error ("é2026", RDM_PERIOD_ERROR_PARSE,
                      "“é2026”, column 1: expected a four-digit year, as in 2026Q2, 2026-05 or "
                      "2026");
  assert_parse_error ("2026é", RDM_PERIOD_ERROR_PARSE,
                      "“2026é”, column 5: expected “Q” and a quarter, “-” and a month, or the end");
  assert_parse_error ("2026Q1é", RDM_PERIOD_ERROR_PARSE,
                      "“2026Q1é”, column 7: expected the end of the period");
  assert_parse_error ("2026\xff", RDM_PERIOD_ERROR_PARSE, "The period is not valid UTF-8 text");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/period/parse", test_parse);
  g_test_add_func ("/period/parse-errors", test_parse_errors);
  g_test_add_func ("/period/leap-years", test_leap_years);
  g_test_add_func ("/period/previous-next", test_previous_next);
  g_test_add_func ("/period/containing", test_containing);
  g_test_add_func ("/period/list", test_list);
  g_test_add_func ("/period/init", test_init);
  g_test_add_func ("/period/kind", test_kind);

  return g_test_run ();
}
