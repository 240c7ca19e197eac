/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The KPI formula language: precedence, every function and qualifier,
 * growth through the previous period, n/a instead of inf/NaN, every error
 * with its exact column and message, the canonical text, and a fuzz loop
 * that must never crash (the suite runs under ASan and UBSan in CI).
 *
 * The fake project, 2026Q2 (April to June) and the quarter before:
 *
 *   metric                                  2026Q1  2026Q2   by month (Q1 | Q2)
 *   conversions                               32      40
 *   value[model="linear", group="social"]            1500
 *   cost                                     800    1000
 *   cost[category="content"]                          300
 *   clicks                                            500
 *   impressions[channel="Facebook"]                 20000
 *   engagements                                0      250
 *   visits                                             0
 *   followers                                320      400   100 100 120 | 100 130 170
 *   series["brand_awareness"]                               | 0.30 n/a 0.36
 *   manual                                            7.5
 */
#include "config.h"

#include <math.h>

#include "rdm-formula.h"

#define EPSILON 1e-12

typedef struct
{
  GHashTable *values; /* "metric@period" -> double * */
  guint calls;
} FakeProject;

static void
fake_set (FakeProject *project, const char *metric, const char *period, double value)
{
  double *boxed = g_new (double, 1);

  *boxed = value;
  g_hash_table_insert (project->values, g_strdup_printf ("%s@%s", metric, period), boxed);
}

static gboolean
fake_resolve (const RdmMetricRef *metric,
              const RdmPeriod *period,
              gpointer user_data,
              double *out_value,
              gboolean *out_defined,
              GError **error)
{
  FakeProject *project = user_data;
  g_autofree char *name = rdm_metric_ref_to_string (metric);
  g_autofree char *period_name = rdm_period_to_string (period);
  g_autofree char *key = g_strdup_printf ("%s@%s", name, period_name);
  const double *value = g_hash_table_lookup (project->values, key);

  project->calls++;
  if (metric->kind == RDM_METRIC_SERIES && g_str_equal (metric->series, "fail"))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "database is locked");
      return FALSE;
    }
  /* A careless resolver that fails without saying why. */
  if (metric->kind == RDM_METRIC_SERIES && g_str_equal (metric->series, "silent"))
    return FALSE;
  if (metric->kind == RDM_METRIC_SERIES && g_str_equal (metric->series, "nan"))
    {
      *out_value = NAN;
      *out_defined = TRUE;
      return TRUE;
    }
  *out_defined = value != NULL;
  *out_value = value != NULL ? *value : 0;
  return TRUE;
}

static FakeProject *
fake_project_new (void)
{
  FakeProject *project = g_new0 (FakeProject, 1);
  static const double followers_q1[] = { 100, 100, 120 };
  static const double followers_q2[] = { 100, 130, 170 };

  project->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  fake_set (project, "conversions", "2026Q1", 32);
  fake_set (project, "conversions", "2026Q2", 40);
  fake_set (project, "value[model=\"linear\", group=\"social\"]", "2026Q2", 1500);
  fake_set (project, "cost", "2026Q1", 800);
  fake_set (project, "cost", "2026Q2", 1000);
  fake_set (project, "cost[category=\"content\"]", "2026Q2", 300);
  fake_set (project, "clicks", "2026Q2", 500);
  fake_set (project, "impressions[channel=\"Facebook\"]", "2026Q2", 20000);
  fake_set (project, "engagements", "2026Q1", 0);
  fake_set (project, "engagements", "2026Q2", 250);
  fake_set (project, "visits", "2026Q2", 0);
  fake_set (project, "followers", "2026Q1", 320);
  fake_set (project, "followers", "2026Q2", 400);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *q1 = g_strdup_printf ("2026-%02u", i + 1);
      g_autofree char *q2 = g_strdup_printf ("2026-%02u", i + 4);

      fake_set (project, "followers", q1, followers_q1[i]);
      fake_set (project, "followers", q2, followers_q2[i]);
    }
  fake_set (project, "series[\"brand_awareness\"]", "2026-04", 0.30);
  fake_set (project, "series[\"brand_awareness\"]", "2026-06", 0.36);
  fake_set (project, "manual", "2026Q2", 7.5);
  return project;
}

static void
fake_project_free (FakeProject *project)
{
  g_hash_table_unref (project->values);
  g_free (project);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeProject, fake_project_free)

static RdmPeriod
period (const char *text)
{
  g_autoptr (GError) error = NULL;
  RdmPeriod result;

  g_assert_true (rdm_period_parse (text, &result, &error));
  g_assert_no_error (error);
  return result;
}

/* Evaluates @text for @period_text in the fake project. */
static gboolean
evaluate_at (const char *text, const char *period_text, double *out_value)
{
  g_autoptr (FakeProject) project = fake_project_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmFormula) formula = NULL;
  RdmPeriod at = period (period_text);
  gboolean defined = TRUE;
  guint column = 99;

  formula = rdm_formula_parse (text, &column, &error);
  g_assert_no_error (error);
  g_assert_nonnull (formula);
  g_assert_cmpuint (column, ==, 0);
  *out_value = -12345;
  g_assert_true (
      rdm_formula_evaluate (formula, fake_resolve, project, &at, out_value, &defined, &error));
  g_assert_no_error (error);
  g_assert_true (isfinite (*out_value));
  return defined;
}

static void
assert_value (const char *text, const char *period_text, double expected)
{
  double value;

  if (g_test_verbose ())
    g_test_message ("%s at %s", text, period_text);
  g_assert_true (evaluate_at (text, period_text, &value));
  g_assert_cmpfloat_with_epsilon (value, expected, EPSILON);
}

static void
assert_not_available (const char *text, const char *period_text)
{
  double value;

  g_assert_false (evaluate_at (text, period_text, &value));
  g_assert_cmpfloat (value, ==, 0);
}

static void
assert_canonical (const char *text, const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmFormula) formula = rdm_formula_parse (text, NULL, &error);
  g_autoptr (RdmFormula) again = NULL;
  g_autofree char *printed = NULL;
  g_autofree char *printed_again = NULL;

  g_assert_no_error (error);
  printed = rdm_formula_to_string (formula);
  g_assert_cmpstr (printed, ==, expected);
  again = rdm_formula_parse (printed, NULL, &error);
  g_assert_no_error (error);
  printed_again = rdm_formula_to_string (again);
  g_assert_cmpstr (printed_again, ==, expected);
}

static void
assert_error (const char *text, int code, guint column, const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmFormula) formula = NULL;
  guint error_column = 0;

  formula = rdm_formula_parse (text, &error_column, &error);
  g_assert_null (formula);
  g_assert_error (error, RDM_FORMULA_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpuint (error_column, ==, column);
}

static void
test_precedence (void)
{
  /* * binds tighter than +: 1 + (2 * 3) = 7 */
  assert_value ("1 + 2 * 3", "2026Q2", 7);
  assert_value ("(1 + 2) * 3", "2026Q2", 9);
  /* unary minus binds tightest: (-2) * 3 */
  assert_value ("-2 * 3", "2026Q2", -6);
  assert_value ("2 * -3", "2026Q2", -6);
  /* left to right: (8 / 4) / 2 = 1, not 8 / (4 / 2) = 4 */
  assert_value ("8 / 4 / 2", "2026Q2", 1);
  assert_value ("8 / (4 / 2)", "2026Q2", 4);
  /* (2 - 3) - 4 = -5 */
  assert_value ("2 - 3 - 4", "2026Q2", -5);
  assert_value ("2 - (3 - 4)", "2026Q2", 3);
  assert_value ("-(1 + 2)", "2026Q2", -3);
  assert_value ("- -2", "2026Q2", 2);
  /* 1e3 / 8 = 125; 2.5e-1 * 4 = 1 */
  assert_value ("1e3 / 8", "2026Q2", 125);
  assert_value ("2.5E-1*4", "2026Q2", 1);
  assert_value ("\t1\n+\r2 ", "2026Q2", 3);
}

static void
test_metrics (void)
{
  /* 1500 / 1000 */
  assert_value ("value[model=\"linear\", group=\"social\"] / cost", "2026Q2", 1.5);
  /* Qualifiers in any order name the same metric. */
  assert_value ("value[group=\"social\", model=\"linear\"]", "2026Q2", 1500);
  assert_value ("cost[category=\"content\"] / cost", "2026Q2", 0.3);
  /* Click-through rate: 500 / 20000 = 0.025 */
  assert_value ("clicks / impressions[channel=\"Facebook\"]", "2026Q2", 0.025);
  /* ROI with declared savings: (1500 + 7.5 - 1000) / 1000 = 0.5075 */
  assert_value ("(value[model=\"linear\", group=\"social\"] + manual - cost) / cost", "2026Q2",
                0.5075);
  /* CPA: 1000 / 40 = 25 */
  assert_value ("cost / conversions", "2026Q2", 25);
  assert_value ("series[\"brand_awareness\"]", "2026-06", 0.36);
  /* A metric with no data is n/a, and so is anything computed from it. */
  assert_not_available ("clicks", "2026Q1");
  assert_not_available ("clicks + 1", "2026Q1");
}

static void
test_functions (void)
{
  /* 100 + 130 + 170 = 400; one month: 130 */
  assert_value ("sum(followers)", "2026Q2", 400);
  assert_value ("sum(followers)", "2026-05", 130);
  /* 400 / 3 */
  assert_value ("avg(followers)", "2026Q2", 400.0 / 3.0);
  /* May has no brand awareness: (0.30 + 0.36) / 2 = 0.33, sum 0.66 */
  assert_value ("avg(series[\"brand_awareness\"])", "2026Q2", 0.33);
  assert_value ("sum(series[\"brand_awareness\"])", "2026Q2", 0.66);
  /* (40 - 32) / 32 = 0.25 */
  assert_value ("growth(conversions)", "2026Q2", 0.25);
  /* (400 - 320) / 320 = 0.25, and the same from the monthly sums:
   * Q2 100 + 130 + 170 = 400, Q1 100 + 100 + 120 = 320. */
  assert_value ("growth(followers)", "2026Q2", 0.25);
  assert_value ("growth(sum(followers))", "2026Q2", 0.25);
  /* Month over month: (170 - 130) / 130 */
  assert_value ("growth(followers)", "2026-06", 40.0 / 130.0);
  /* Across the year boundary: January 100 vs December, which has no data. */
  assert_not_available ("growth(followers)", "2026-01");
  assert_value ("previous(cost)", "2026Q2", 800);
  /* cost - previous(cost) = 1000 - 800 */
  assert_value ("cost - previous(cost)", "2026Q2", 200);
  /* 40 / 500 = 0.08 */
  assert_value ("share(conversions, clicks)", "2026Q2", 0.08);
  assert_value ("min(cost, 1200, value[model=\"linear\", group=\"social\"])", "2026Q2", 1000);
  assert_value ("max(cost, 1200, value[model=\"linear\", group=\"social\"])", "2026Q2", 1500);
  assert_value ("min(-1, -2)", "2026Q2", -2);
  assert_value ("max(3, 3)", "2026Q2", 3);
}

static void
test_not_available (void)
{
  assert_not_available ("1 / 0", "2026Q2");
  assert_not_available ("-(1 / 0)", "2026Q2");
  assert_not_available ("(1 / 0) * 0", "2026Q2");
  /* 40 / 0 visits */
  assert_not_available ("share(conversions, visits)", "2026Q2");
  assert_not_available ("conversions / visits", "2026Q2");
  /* 500 - 500 = 0 */
  assert_not_available ("cost / (clicks - 500)", "2026Q2");
  /* growth from 0 engagements */
  assert_not_available ("growth(engagements)", "2026Q2");
  /* an overflow is n/a, never inf */
  assert_not_available ("1e308 * 10", "2026Q2");
  assert_not_available ("1e308 + 1e308", "2026Q2");
  assert_not_available ("-1e308 - 1e308", "2026Q2");
  assert_not_available ("1e308 / 1e-308", "2026Q2");
  /* May has no brand awareness */
  assert_not_available ("series[\"brand_awareness\"]", "2026-05");
  assert_not_available ("min(1, series[\"brand_awareness\"])", "2026-05");
  assert_not_available ("max(series[\"brand_awareness\"], 1)", "2026-05");
  /* no month has a value at all */
  assert_not_available ("avg(series[\"never\"])", "2026Q2");
  assert_not_available ("sum(series[\"never\"])", "2026Q2");
  assert_not_available ("previous(clicks)", "2026Q2");
}

static void
assert_evaluate_error (
    const char *text, const char *period_text, GQuark domain, int code, const char *message)
{
  g_autoptr (FakeProject) project = fake_project_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmFormula) formula = rdm_formula_parse (text, NULL, &error);
  RdmPeriod at = period (period_text);
  double value = 42;
  gboolean defined = TRUE;

  g_assert_no_error (error);
  g_assert_false (
      rdm_formula_evaluate (formula, fake_resolve, project, &at, &value, &defined, &error));
  g_assert_error (error, domain, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_evaluate_errors (void)
{
  assert_evaluate_error ("1 + series[\"nan\"]", "2026Q2", RDM_FORMULA_ERROR,
                         RDM_FORMULA_ERROR_EVALUATE,
                         "column 5: the value of “series[\"nan\"]” for 2026Q2 is not a finite "
                         "number");
  assert_evaluate_error ("cost + series[\"fail\"]", "2026Q2", G_FILE_ERROR, G_FILE_ERROR_FAILED,
                         "column 8: database is locked");
  /* Failures deep inside functions come out too. */
  assert_evaluate_error ("sum(1 + series[\"fail\"])", "2026Q2", G_FILE_ERROR, G_FILE_ERROR_FAILED,
                         "column 9: database is locked");
  assert_evaluate_error ("min(1, series[\"fail\"])", "2026Q2", G_FILE_ERROR, G_FILE_ERROR_FAILED,
                         "column 8: database is locked");
  assert_evaluate_error ("growth(series[\"fail\"])", "2026Q2", G_FILE_ERROR, G_FILE_ERROR_FAILED,
                         "column 8: database is locked");
  assert_evaluate_error ("previous(series[\"silent\"])", "2026Q2", RDM_FORMULA_ERROR,
                         RDM_FORMULA_ERROR_EVALUATE,
                         "column 10: no value for “series[\"silent\"]”");
  assert_evaluate_error ("avg(growth(cost))", "0001Q1", RDM_PERIOD_ERROR, RDM_PERIOD_ERROR_RANGE,
                         "column 5: Year 0 is out of range; expected 1 to 9999");
  assert_evaluate_error ("1 + growth(cost)", "0001Q1", RDM_PERIOD_ERROR, RDM_PERIOD_ERROR_RANGE,
                         "column 5: Year 0 is out of range; expected 1 to 9999");
}

static void
test_step_limit (void)
{
  g_autoptr (FakeProject) project = fake_project_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (RdmFormula) formula = NULL;
  RdmPeriod at = period ("2026");
  double value = 1;
  gboolean defined = TRUE;

  /* 30 nested growth() read 2^30 periods: refused after a million steps
   * instead of running for minutes. */
  for (guint i = 0; i < 30; i++)
    g_string_append (text, "growth(");
  g_string_append (text, "cost");
  for (guint i = 0; i < 30; i++)
    g_string_append_c (text, ')');
  formula = rdm_formula_parse (text->str, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (
      rdm_formula_evaluate (formula, fake_resolve, project, &at, &value, &defined, &error));
  g_assert_error (error, RDM_FORMULA_ERROR, RDM_FORMULA_ERROR_LIMIT);
  g_assert_true (
      g_str_has_suffix (error->message, "the formula takes more than 1000000 steps to evaluate"));
  g_assert_cmpuint (project->calls, <, 1000000);
}

static void
test_canonical (void)
{
  assert_canonical ("1+2*3", "1 + 2 * 3");
  assert_canonical ("(1+2)*3", "(1 + 2) * 3");
  assert_canonical ("8/4/2", "8 / 4 / 2");
  assert_canonical ("8/(4/2)", "8 / (4 / 2)");
  assert_canonical ("(8/4)/2", "8 / 4 / 2");
  assert_canonical ("1-(2-3)", "1 - (2 - 3)");
  assert_canonical ("1-(2+3)", "1 - (2 + 3)");
  assert_canonical ("(1*2)+3", "1 * 2 + 3");
  assert_canonical ("((((1))))", "1");
  assert_canonical ("- - 2", "-(-2)");
  assert_canonical ("-(2*3)", "-(2 * 3)");
  assert_canonical ("-2*3", "-2 * 3");
  assert_canonical ("2*-3", "2 * -3");
  assert_canonical ("1 - -2", "1 - -2");
  assert_canonical ("0.1 + 1.0 + 007 + 1e20 + 1.5e-7 + 3.14159",
                    "0.1 + 1 + 7 + 1e+20 + 1.5e-07 + 3.14159");
  /* a group of the user's own, not near a known code */
  assert_canonical ("cost[group=\"Partners\"]", "cost[group=\"Partners\"]");
  assert_canonical ("value[ group = \"social\" ,model=\"linear\" ]",
                    "value[model=\"linear\", group=\"social\"]");
  assert_canonical ("conversions[event=\"purchase\", campaign=\"Été 2026\", channel=\"Facebook\", "
                    "group=\"social\", model=\"time-decay\"]",
                    "conversions[model=\"time-decay\", group=\"social\", channel=\"Facebook\", "
                    "campaign=\"Été 2026\", event=\"purchase\"]");
  assert_canonical ("cost[category=\"staff\",channel=\"Le \\\"Bon\\\" \\\\ Coin\"]",
                    "cost[channel=\"Le \\\"Bon\\\" \\\\ Coin\", category=\"staff\"]");
  assert_canonical ("series[ \"brand_awareness\" ]", "series[\"brand_awareness\"]");
  /* The examples of rdm-formula.h. */
  assert_canonical ("(value+series[\"call_centre_savings\"]-cost)/cost",
                    "(value + series[\"call_centre_savings\"] - cost) / cost");
  assert_canonical ("growth(followers[channel=\"Instagram\"])",
                    "growth(followers[channel=\"Instagram\"])");
  assert_canonical ("share(sum(clicks),avg(impressions))+growth(likes)*previous(shares)",
                    "share(sum(clicks), avg(impressions)) + growth(likes) * previous(shares)");
  assert_canonical ("min(comments,engagements,followers,visits,manual)",
                    "min(comments, engagements, followers, visits, manual)");
}

static void
test_list_metrics (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmFormula) formula = NULL;
  g_autoptr (GPtrArray) metrics = NULL;
  const RdmMetricRef *metric;
  const char *const *names;

  formula = rdm_formula_parse ("(value[model=\"markov\", group=\"social\"] - cost) / cost + "
                               "cost[channel=\"Facebook\", category=\"media\"] * "
                               "avg(series[\"nps\"]) + value[group=\"social\", model=\"markov\"]",
                               NULL, &error);
  g_assert_no_error (error);
  metrics = rdm_formula_list_metrics (formula);
  /* value twice (same qualifiers), cost twice: four distinct metrics. */
  g_assert_cmpuint (metrics->len, ==, 4);

  metric = g_ptr_array_index (metrics, 0);
  g_assert_cmpint (metric->kind, ==, RDM_METRIC_VALUE);
  g_assert_cmpstr (metric->model, ==, "markov");
  g_assert_cmpstr (metric->group, ==, "social");
  g_assert_null (metric->channel);
  g_assert_null (metric->campaign);
  g_assert_null (metric->category);
  g_assert_null (metric->event);
  g_assert_null (metric->series);

  metric = g_ptr_array_index (metrics, 1);
  g_assert_cmpint (metric->kind, ==, RDM_METRIC_COST);
  g_assert_null (metric->channel);
  g_assert_null (metric->category);

  metric = g_ptr_array_index (metrics, 2);
  g_assert_cmpint (metric->kind, ==, RDM_METRIC_COST);
  g_assert_cmpstr (metric->channel, ==, "Facebook");
  g_assert_cmpstr (metric->category, ==, "media");

  metric = g_ptr_array_index (metrics, 3);
  g_assert_cmpint (metric->kind, ==, RDM_METRIC_SERIES);
  g_assert_cmpstr (metric->series, ==, "nps");

  names = rdm_formula_metric_names ();
  g_assert_cmpuint (g_strv_length ((char **)names), ==, 13);
  g_assert_cmpstr (names[0], ==, "conversions");
  g_assert_cmpstr (rdm_metric_kind_to_string (RDM_METRIC_MANUAL), ==, "manual");
  names = rdm_formula_function_names ();
  g_assert_cmpuint (g_strv_length ((char **)names), ==, 7);
  g_assert_cmpstr (names[2], ==, "growth");
}

static void
test_syntax_errors (void)
{
  assert_error ("", RDM_FORMULA_ERROR_SYNTAX, 1,
                "column 1: empty formula; expected a number, a metric or a function");
  assert_error ("  \t ", RDM_FORMULA_ERROR_SYNTAX, 1,
                "column 1: empty formula; expected a number, a metric or a function");
  assert_error ("1+(2 + 3", RDM_FORMULA_ERROR_SYNTAX, 9,
                "column 9: expected “)” to close “(” opened at column 3");
  assert_error ("(1 + 2 3)", RDM_FORMULA_ERROR_SYNTAX, 8,
                "column 8: expected “)” to close “(” opened at column 1");
  assert_error ("sum(cost", RDM_FORMULA_ERROR_SYNTAX, 9,
                "column 9: expected “)” to close “(” opened at column 4");
  assert_error ("share(cost clicks)", RDM_FORMULA_ERROR_SYNTAX, 12,
                "column 12: expected “,” or “)” to close “(” opened at column 6");
  assert_error ("1 +", RDM_FORMULA_ERROR_SYNTAX, 4,
                "column 4: expected a number, a metric, a function or “(”, found the end of the "
                "formula");
  assert_error ("* 2", RDM_FORMULA_ERROR_SYNTAX, 1,
                "column 1: expected a number, a metric, a function or “(”, found “*”");
  assert_error ("+2", RDM_FORMULA_ERROR_SYNTAX, 1,
                "column 1: expected a number, a metric, a function or “(”, found “+”");
  assert_error ("cost / ()", RDM_FORMULA_ERROR_SYNTAX, 9,
                "column 9: expected a number, a metric, a function or “(”, found “)”");
  assert_error ("\"text\" + 1", RDM_FORMULA_ERROR_SYNTAX, 1,
                "column 1: expected a number, a metric, a function or “(”, found “\"text\"”");
  /* trailing garbage */
  assert_error ("cost 2", RDM_FORMULA_ERROR_SYNTAX, 6,
                "column 6: expected an operator or the end of the formula, found “2”");
  assert_error ("cost clicks", RDM_FORMULA_ERROR_SYNTAX, 6,
                "column 6: expected an operator or the end of the formula, found “clicks”");
  assert_error ("2cost", RDM_FORMULA_ERROR_SYNTAX, 2,
                "column 2: expected an operator or the end of the formula, found “cost”");
  assert_error ("cost)", RDM_FORMULA_ERROR_SYNTAX, 5, "column 5: “)” without a matching “(”");
  assert_error ("1 + 2;", RDM_FORMULA_ERROR_SYNTAX, 6, "column 6: unexpected character “;”");
  assert_error ("cost % 2", RDM_FORMULA_ERROR_SYNTAX, 6, "column 6: unexpected character “%”");
  assert_error ("1 + \x01", RDM_FORMULA_ERROR_SYNTAX, 5,
                "column 5: unexpected control character U+0001");
  /* numbers */
  assert_error ("1.", RDM_FORMULA_ERROR_SYNTAX, 3,
                "column 3: expected a digit after the decimal point");
  assert_error (".5", RDM_FORMULA_ERROR_SYNTAX, 1, "column 1: unexpected character “.”");
  assert_error ("2e+", RDM_FORMULA_ERROR_SYNTAX, 4,
                "column 4: expected the digits of the exponent");
  assert_error ("1 + 1e999", RDM_FORMULA_ERROR_SYNTAX, 5,
                "column 5: the number 1e999 is too large");
  /* texts */
  assert_error ("series[\"brand", RDM_FORMULA_ERROR_SYNTAX, 14,
                "column 14: expected “\"” to close the text opened at column 8");
  assert_error ("series[\"brand\n\"]", RDM_FORMULA_ERROR_SYNTAX, 14,
                "column 14: expected “\"” to close the text opened at column 8");
  assert_error ("series[\"a\\nb\"]", RDM_FORMULA_ERROR_SYNTAX, 10,
                "column 10: expected “\\\"” or “\\\\” after a backslash in a text");
  assert_error ("series[\"a\\", RDM_FORMULA_ERROR_SYNTAX, 10,
                "column 10: expected “\\\"” or “\\\\” after a backslash in a text");
  /* SQL is refused by name, wherever it starts */
  assert_error ("select * from cost", RDM_FORMULA_ERROR_SYNTAX, 1,
                "column 1: “select” looks like SQL; a formula is arithmetic over metrics, such as "
                "value / cost");
  assert_error ("SELECT value FROM conversion", RDM_FORMULA_ERROR_SYNTAX, 1,
                "column 1: “SELECT” looks like SQL; a formula is arithmetic over metrics, such as "
                "value / cost");
  assert_error ("cost where 1", RDM_FORMULA_ERROR_SYNTAX, 6,
                "column 6: “where” looks like SQL; a formula is arithmetic over metrics, such as "
                "value / cost");
  /* Bad characters anywhere: in brackets, in calls. */
  assert_error ("clicks[channel;", RDM_FORMULA_ERROR_SYNTAX, 15,
                "column 15: unexpected character “;”");
  assert_error ("clicks[channel=;", RDM_FORMULA_ERROR_SYNTAX, 16,
                "column 16: unexpected character “;”");
  assert_error ("clicks[channel=\"x\" ; ]", RDM_FORMULA_ERROR_SYNTAX, 20,
                "column 20: unexpected character “;”");
  assert_error ("series[\"x\";", RDM_FORMULA_ERROR_SYNTAX, 11,
                "column 11: unexpected character “;”");
  assert_error ("sum(1;", RDM_FORMULA_ERROR_SYNTAX, 6, "column 6: unexpected character “;”");
  assert_error ("sum(;", RDM_FORMULA_ERROR_SYNTAX, 5, "column 5: unexpected character “;”");
  assert_error ("1; drop table cost", RDM_FORMULA_ERROR_SYNTAX, 2,
                "column 2: unexpected character “;”");
}

static void
test_name_errors (void)
{
  assert_error ("convresions", RDM_FORMULA_ERROR_UNKNOWN_METRIC, 1,
                "column 1: unknown metric “convresions”; did you mean “conversions”?");
  assert_error ("cost / Cost", RDM_FORMULA_ERROR_UNKNOWN_METRIC, 8,
                "column 8: unknown metric “Cost”; did you mean “cost”?");
  assert_error ("cost + revenue", RDM_FORMULA_ERROR_UNKNOWN_METRIC, 8,
                "column 8: unknown metric “revenue”; expected one of conversions, value, cost, "
                "impressions, clicks, engagements, likes, shares, comments, followers, visits, "
                "series, manual");
  /* A pasted paragraph is shortened to 40 characters in the message. */
  assert_error (
      "clicks + aaaaaaaaaabbbbbbbbbbccccccccccddddddddddeeeee", RDM_FORMULA_ERROR_UNKNOWN_METRIC,
      10,
      "column 10: unknown metric “aaaaaaaaaabbbbbbbbbbccccccccccdddddddddd…”; expected one "
      "of conversions, value, cost, impressions, clicks, engagements, likes, shares, "
      "comments, followers, visits, series, manual");
  assert_error ("summ(cost)", RDM_FORMULA_ERROR_UNKNOWN_FUNCTION, 1,
                "column 1: unknown function “summ”; did you mean “sum”?");
  assert_error ("1 + median(cost)", RDM_FORMULA_ERROR_UNKNOWN_FUNCTION, 5,
                "column 5: unknown function “median”; expected one of sum, avg, growth, previous, "
                "share, min, max");
  assert_error ("cost(1)", RDM_FORMULA_ERROR_UNKNOWN_FUNCTION, 1,
                "column 1: “cost” is a metric, not a function; functions are sum, avg, growth, "
                "previous, share, min, max");
  assert_error ("sum cost", RDM_FORMULA_ERROR_SYNTAX, 5,
                "column 5: expected “(” after the function “sum”");
  assert_error ("growth", RDM_FORMULA_ERROR_SYNTAX, 7,
                "column 7: expected “(” after the function “growth”");
  /* argument counts */
  assert_error ("share(cost)", RDM_FORMULA_ERROR_ARGUMENTS, 1,
                "column 1: “share” takes 2 arguments, not 1");
  assert_error ("share(cost, clicks, likes)", RDM_FORMULA_ERROR_ARGUMENTS, 1,
                "column 1: “share” takes 2 arguments, not 3");
  assert_error ("2 * sum(cost, clicks)", RDM_FORMULA_ERROR_ARGUMENTS, 5,
                "column 5: “sum” takes 1 argument, not 2");
  assert_error ("sum()", RDM_FORMULA_ERROR_ARGUMENTS, 1, "column 1: “sum” takes 1 argument, not 0");
  assert_error ("min(cost)", RDM_FORMULA_ERROR_ARGUMENTS, 1,
                "column 1: “min” takes at least 2 arguments, not 1");
  assert_error ("max()", RDM_FORMULA_ERROR_ARGUMENTS, 1,
                "column 1: “max” takes at least 2 arguments, not 0");
}

static void
test_qualifier_errors (void)
{
  assert_error ("value[modle=\"linear\"]", RDM_FORMULA_ERROR_QUALIFIER, 7,
                "column 7: unknown qualifier “modle”; did you mean “model”?");
  assert_error ("cost[model=\"linear\"]", RDM_FORMULA_ERROR_QUALIFIER, 6,
                "column 6: “cost” has no qualifier “model”; its qualifiers are group, channel, "
                "campaign, category");
  assert_error ("clicks[size=\"big\"]", RDM_FORMULA_ERROR_QUALIFIER, 8,
                "column 8: “clicks” has no qualifier “size”; its qualifiers are group, channel, "
                "campaign");
  assert_error ("value[model=\"liner\"]", RDM_FORMULA_ERROR_QUALIFIER, 13,
                "column 13: unknown model “liner”; did you mean “linear”?");
  assert_error ("value[model=\"ideal\"]", RDM_FORMULA_ERROR_QUALIFIER, 13,
                "column 13: unknown model “ideal”; expected one of first, last, last-non-direct, "
                "linear, position, time-decay, position-decay, custom, markov, shapley");
  assert_error ("value[model=linear]", RDM_FORMULA_ERROR_QUALIFIER, 13,
                "column 13: the qualifier “model” takes a quoted name, as in model=\"linear\"");
  assert_error ("value[model=2]", RDM_FORMULA_ERROR_QUALIFIER, 13,
                "column 13: the qualifier “model” takes a quoted name, as in model=\"linear\"");
  assert_error ("value[model=\"linear\", model=\"last\"]", RDM_FORMULA_ERROR_QUALIFIER, 23,
                "column 23: the qualifier “model” is given twice");
  assert_error ("cost[category=\"ads\"]", RDM_FORMULA_ERROR_QUALIFIER, 15,
                "column 15: unknown cost category “ads”; expected one of media, content, staff, "
                "tools, training, compliance, other");
  assert_error ("cost[category=\"contnet\"]", RDM_FORMULA_ERROR_QUALIFIER, 15,
                "column 15: unknown cost category “contnet”; did you mean “content”?");
  assert_error ("cost[group=\"socail\"]", RDM_FORMULA_ERROR_QUALIFIER, 12,
                "column 12: unknown channel group “socail”; did you mean “social”?");
  assert_error ("clicks[channel=\"\"]", RDM_FORMULA_ERROR_QUALIFIER, 16,
                "column 16: the qualifier “channel” needs a name, as in channel=\"Facebook\"");
  assert_error ("clicks[channel \"x\"]", RDM_FORMULA_ERROR_SYNTAX, 16,
                "column 16: expected “=” after the qualifier “channel”");
  assert_error ("clicks[channel=\"x\"", RDM_FORMULA_ERROR_SYNTAX, 19,
                "column 19: expected “,” or “]” to close “[” opened at column 7");
  assert_error ("clicks[channel=\"x\",]", RDM_FORMULA_ERROR_QUALIFIER, 20,
                "column 20: expected a qualifier such as group=\"social\"");
  assert_error ("clicks[]", RDM_FORMULA_ERROR_QUALIFIER, 8,
                "column 8: expected a qualifier such as group=\"social\"");
  assert_error ("conversions[\"x\"]", RDM_FORMULA_ERROR_QUALIFIER, 13,
                "column 13: expected a qualifier such as model=\"linear\"");
  assert_error ("manual[\"x\"]", RDM_FORMULA_ERROR_QUALIFIER, 7,
                "column 7: “manual” takes no qualifiers");
  assert_error ("series + 1", RDM_FORMULA_ERROR_SYNTAX, 8,
                "column 8: expected “[” and the name of a series, as in "
                "series[\"brand_awareness\"]");
  assert_error ("series[name=\"x\"]", RDM_FORMULA_ERROR_QUALIFIER, 8,
                "column 8: expected the quoted name of a series, as in "
                "series[\"brand_awareness\"]");
  assert_error ("series[\"\"]", RDM_FORMULA_ERROR_QUALIFIER, 8,
                "column 8: the name of a series cannot be empty");
  assert_error ("series[\"a\", \"b\"]", RDM_FORMULA_ERROR_SYNTAX, 11,
                "column 11: expected “]” to close “[” opened at column 7");
}

static void
test_utf8_columns (void)
{
  /* "é" is two bytes and one column: the "]" is byte 29 but column 28. */
  assert_error ("clicks[channel=\"Réseau\"] + ]", RDM_FORMULA_ERROR_SYNTAX, 28,
                "column 28: expected a number, a metric, a function or “(”, found “]”");
  assert_error ("é + 1", RDM_FORMULA_ERROR_SYNTAX, 1, "column 1: unexpected character “é”");
  assert_error ("1 + 2 × 3", RDM_FORMULA_ERROR_SYNTAX, 7, "column 7: unexpected character “×”");
  assert_error ("1 + \xff", RDM_FORMULA_ERROR_SYNTAX, 5,
                "column 5: the formula is not valid UTF-8 text");
  assert_error ("series[\"é\xc3\"]", RDM_FORMULA_ERROR_SYNTAX, 10,
                "column 10: the formula is not valid UTF-8 text");
}

static void
test_limits (void)
{
  g_autoptr (GString) text = g_string_new ("1");
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmFormula) formula = NULL;
  g_autofree char *too_long = NULL;
  double value;

  /* 1 + 1 + ... in exactly 4095 bytes: 2048 ones, a left-leaning chain of
   * 2047 additions, evaluated without trouble. */
  while (text->len + 2 <= RDM_FORMULA_MAX_LENGTH)
    g_string_append (text, "+1");
  g_assert_cmpuint (text->len, ==, 4095);
  assert_value (text->str, "2026Q2", 2048);
  /* 4096 bytes is the limit, 4097 is over it. */
  g_string_append_c (text, ' ');
  assert_value (text->str, "2026Q2", 2048);
  g_string_append_c (text, ' ');
  assert_error (text->str, RDM_FORMULA_ERROR_LIMIT, 4097,
                "column 4097: the formula is longer than 4096 bytes");
  /* The column counts characters: 2000 "é" are 4000 bytes, so byte 4096 is
   * column 2000 + 96 + 1. */
  g_string_truncate (text, 0);
  for (guint i = 0; i < 2000; i++)
    g_string_append (text, "é");
  g_string_append (text, "                                                                  ");
  g_string_append (text, "                                                                  ");
  g_assert_cmpuint (text->len, >, 4096);
  assert_error (text->str, RDM_FORMULA_ERROR_LIMIT, 2097,
                "column 2097: the formula is longer than 4096 bytes");

  /* When byte 4096 is inside a character, the column is that character's:
   * 4095 "1" then "é" (bytes 4095 and 4096, column 4096). */
  g_string_truncate (text, 0);
  for (guint i = 0; i < 4095; i++)
    g_string_append_c (text, '1');
  g_string_append (text, "é");
  assert_error (text->str, RDM_FORMULA_ERROR_LIMIT, 4096,
                "column 4096: the formula is longer than 4096 bytes");

  /* A megabyte of garbage is refused as quickly. */
  too_long = g_strnfill (1 << 20, '(');
  formula = rdm_formula_parse (too_long, NULL, &error);
  g_assert_null (formula);
  g_assert_error (error, RDM_FORMULA_ERROR, RDM_FORMULA_ERROR_LIMIT);

  /* 64 levels of parentheses are fine, the 65th "(" (column 65) is not. */
  g_string_truncate (text, 0);
  for (guint i = 0; i < 64; i++)
    g_string_append_c (text, '(');
  g_string_append_c (text, '1');
  for (guint i = 0; i < 64; i++)
    g_string_append_c (text, ')');
  g_assert_true (evaluate_at (text->str, "2026Q2", &value));
  g_assert_cmpfloat (value, ==, 1);
  g_string_prepend_c (text, '(');
  g_string_append_c (text, ')');
  assert_error (text->str, RDM_FORMULA_ERROR_LIMIT, 65,
                "column 65: the formula is nested more than 64 levels deep");

  /* 64 minus signs give back 1; the 65th is at column 65. */
  g_string_truncate (text, 0);
  for (guint i = 0; i < 64; i++)
    g_string_append_c (text, '-');
  g_string_append_c (text, '1');
  g_assert_true (evaluate_at (text->str, "2026Q2", &value));
  g_assert_cmpfloat (value, ==, 1);
  g_string_prepend_c (text, '-');
  assert_error (text->str, RDM_FORMULA_ERROR_LIMIT, 65,
                "column 65: the formula is nested more than 64 levels deep");

  /* Calls count too: the 65th "sum(" has its "(" at column 4 * 65 = 260. */
  g_string_truncate (text, 0);
  for (guint i = 0; i < 64; i++)
    g_string_append (text, "sum(");
  g_string_append (text, "followers");
  for (guint i = 0; i < 64; i++)
    g_string_append_c (text, ')');
  /* Over one month each sum() is the month's value. */
  assert_value (text->str, "2026-05", 130);
  g_string_prepend (text, "sum(");
  g_string_append_c (text, ')');
  assert_error (text->str, RDM_FORMULA_ERROR_LIMIT, 260,
                "column 260: the formula is nested more than 64 levels deep");
}

/* Every metric has a value, picked from the name and the period so that
 * zeros (division by zero) and huge values (overflow) both come up. */
static gboolean
fuzz_resolve (const RdmMetricRef *metric,
              const RdmPeriod *at,
              gpointer user_data,
              double *out_value,
              gboolean *out_defined,
              GError **error)
{
  static const double values[] = { 0, 1, -1, 2.5, 1e308, -1e308, 1e-308, 7 };
  g_autofree char *name = rdm_metric_ref_to_string (metric);
  guint hash = g_str_hash (name) ^ (guint)at->start;

  *out_defined = hash % 9 != 8;
  *out_value = *out_defined ? values[hash % G_N_ELEMENTS (values)] : 0;
  return TRUE;
}

static void
fuzz_one (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmFormula) formula = NULL;
  guint column = 0;

  formula = rdm_formula_parse (text, &column, &error);
  if (formula == NULL)
    {
      g_autofree char *prefix = g_strdup_printf ("column %u: ", column);

      g_assert_nonnull (error);
      g_assert_cmpuint (column, >=, 1);
      g_assert_true (g_str_has_prefix (error->message, prefix));
      return;
    }
  else
    {
      g_autofree char *printed = rdm_formula_to_string (formula);
      g_autoptr (RdmFormula) again = rdm_formula_parse (printed, NULL, &error);
      g_autofree char *printed_again = NULL;
      g_autoptr (GPtrArray) metrics = rdm_formula_list_metrics (formula);
      RdmPeriod at = period ("2026-03");
      double value = 0;
      gboolean defined = FALSE;

      g_assert_no_error (error);
      printed_again = rdm_formula_to_string (again);
      g_assert_cmpstr (printed, ==, printed_again);
      if (rdm_formula_evaluate (formula, fuzz_resolve, NULL, &at, &value, &defined, &error))
        {
          g_assert_true (isfinite (value));
          if (!defined)
            g_assert_cmpfloat (value, ==, 0);
        }
      else
        {
          g_assert_nonnull (error);
          g_clear_error (&error);
        }
    }
}

static void
test_fuzz (void)
{
  static const char *const tokens[] = {
    "1",      "0",     "2.5",    "1e308",    "+",      "-",       "*",        "/",
    "(",      ")",     "[",      "]",        ",",      "=",       "\"",       "\"x\"",
    "cost",   "value", "clicks", "series",   "manual", "sum",     "avg",      "growth",
    "share",  "min",   "max",    "previous", "model",  "channel", "category", "\"linear\"",
    "select", "é",     " ",      "\\",       ";",      "1.",      "e",        "followers",
  };
  static const char alphabet[] = "0123456789.eE+-*/()[],=\"\\ abcxyz_;é\t\n";
  int n_iterations = g_test_thorough () ? 100000 : 10000;

  for (int i = 0; i < n_iterations; i++)
    {
      g_autoptr (GString) text = g_string_new (NULL);
      int length = g_test_rand_int_range (0, 40);

      for (int k = 0; k < length; k++)
        {
          if (i % 2 == 0)
            g_string_append (text, tokens[g_test_rand_int_range (0, G_N_ELEMENTS (tokens))]);
          else
            g_string_append_c (text, alphabet[g_test_rand_int_range (0, (int)sizeof alphabet - 1)]);
        }
      fuzz_one (text->str);
    }

  /* Valid formulas, built from the grammar, so that evaluation is reached
   * often: expression trees of random shape over every function. */
  for (int i = 0; i < n_iterations; i++)
    {
      static const char *const leaves[] = {
        "1", "0", "cost", "clicks", "value[model=\"linear\"]", "series[\"x\"]", "1e308",
      };
      /* prefix, separator of a second operand (NULL: one operand), suffix */
      static const char *const shapes[][3] = {
        { "(", " + ", ")" },   { "(", " - ", ")" },      { "(", " * ", ")" },
        { "(", " / ", ")" },   { "-", NULL, "" },        { "sum(", NULL, ")" },
        { "avg(", NULL, ")" }, { "growth(", NULL, ")" }, { "share(", ", ", ")" },
        { "min(", ", ", ")" }, { "max(", ", ", ")" },    { "previous(", NULL, ")" },
      };
      g_autofree char *text = g_strdup (leaves[g_test_rand_int_range (0, G_N_ELEMENTS (leaves))]);

      for (int depth = g_test_rand_int_range (0, 12); depth > 0; depth--)
        {
          const char *const *shape = shapes[g_test_rand_int_range (0, G_N_ELEMENTS (shapes))];
          const char *leaf = leaves[g_test_rand_int_range (0, G_N_ELEMENTS (leaves))];
          char *next;

          if (shape[1] == NULL)
            next = g_strconcat (shape[0], text, shape[2], NULL);
          else if (g_test_rand_bit ())
            next = g_strconcat (shape[0], text, shape[1], leaf, shape[2], NULL);
          else
            next = g_strconcat (shape[0], leaf, shape[1], text, shape[2], NULL);
          g_free (text);
          text = next;
        }
      fuzz_one (text);
    }
}

/* Daily series refuse the functions that read months or the period before. */
static void
test_uses_periods (void)
{
  const struct
  {
    const char *text;
    gboolean uses;
  } cases[] = {
    { "value / cost", FALSE },
    { "max(likes, 2) + share(value, cost)", FALSE },
    { "sum(cost)", TRUE },
    { "1 + avg(series[\"nps\"])", TRUE },
    { "min(growth(likes), 1)", TRUE },
    { "previous(cost)", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RdmFormula) formula = rdm_formula_parse (cases[i].text, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (rdm_formula_uses_periods (formula), ==, cases[i].uses);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/formula/precedence", test_precedence);
  g_test_add_func ("/formula/metrics", test_metrics);
  g_test_add_func ("/formula/functions", test_functions);
  g_test_add_func ("/formula/not-available", test_not_available);
  g_test_add_func ("/formula/evaluate-errors", test_evaluate_errors);
  g_test_add_func ("/formula/step-limit", test_step_limit);
  g_test_add_func ("/formula/canonical", test_canonical);
  g_test_add_func ("/formula/list-metrics", test_list_metrics);
  g_test_add_func ("/formula/syntax-errors", test_syntax_errors);
  g_test_add_func ("/formula/name-errors", test_name_errors);
  g_test_add_func ("/formula/qualifier-errors", test_qualifier_errors);
  g_test_add_func ("/formula/utf8-columns", test_utf8_columns);
  g_test_add_func ("/formula/limits", test_limits);
  g_test_add_func ("/formula/fuzz", test_fuzz);
  g_test_add_func ("/formula/uses-periods", test_uses_periods);

  return g_test_run ();
}
