/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "rendement-cli mmm" and "budget" on a project imported from a simulated
 * market with known curves (analysis/rdm-media-world.h: the default
 * market's first three channels over a year): the JSON must be what
 * analysis/ computes on the generated series themselves, which checks the
 * reading of costs and outcomes and the wiring, and keep its contract;
 * bad options are refused with a clear message and change nothing.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "rdm-budget.h"
#include "rdm-media-world.h"
#include "rdm-mmm.h"
#include "rdm-test-util.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

#define DAY 86400
#define N_CHANNELS 3
#define N_DAYS 364
#define REPLICATES "5"

typedef struct
{
  char *dir;
  char *path;
  RdmMediaWorldSpec spec;
  RdmMediaWorld *world;
} Fixture;

static char *
format_day (gint64 day)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_unix_utc (day);

  return g_date_time_format (time, "%Y-%m-%d");
}

static void
import (Fixture *fixture, const char *kind, const char *name, const char *text)
{
  g_autofree char *file = rdm_test_write_file (fixture->dir, name, text);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (
      rdm_test_run_cli (&out, &err, "import", fixture->path, "--kind", kind, file, NULL), ==, 0);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GString) costs = g_string_new ("date,channel,campaign,category,amount\n");
  g_autoptr (GString) outcomes = g_string_new ("date,conversions,value\n");
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  char value[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *out = NULL;

  fixture->spec = rdm_media_world_spec_default (3);
  fixture->spec.n_channels = N_CHANNELS;
  fixture->spec.n_days = N_DAYS;
  fixture->world = rdm_media_world_generate (&fixture->spec);
  fixture->dir = rdm_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "market.rendement", NULL);
  g_assert_cmpint (rdm_test_run_cli (&out, NULL, "new", fixture->path, NULL), ==, 0);

  for (guint t = 0; t < N_DAYS; t++)
    {
      g_autofree char *date = format_day (fixture->spec.first_day + (gint64)t * DAY);

      for (guint c = 0; c < N_CHANNELS; c++)
        {
          double spend = fixture->world->spend[(gsize)c * N_DAYS + t];

          /* a pause has no cost row, as in an ad platform's export */
          if (spend > 0.0)
            g_string_append_printf (costs, "%s,%s,,media,%s\n", date,
                                    fixture->spec.channels[c].name,
                                    g_ascii_formatd (number, sizeof number, "%.17g", spend));
        }
      g_string_append_printf (
          outcomes, "%s,%s,%s\n", date,
          g_ascii_formatd (number, sizeof number, "%.17g", fixture->world->conversions[t]),
          g_ascii_formatd (value, sizeof value, "%.17g", fixture->world->value[t]));
    }
  import (fixture, "costs", "costs.csv", costs->str);
  import (fixture, "outcomes", "outcomes.csv", outcomes->str);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  rdm_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  rdm_media_world_free (fixture->world);
}

/* The fit analysis/ makes of the generated series, with the options the
 * CLI runs use; the channels in the project's order (by name). */
static RdmMmmFit *
reference_fit (Fixture *fixture, guint *order)
{
  const char *names[N_CHANNELS];
  g_autofree double *spend = g_new (double, N_CHANNELS *N_DAYS);
  RdmMmmOptions options = RDM_MMM_OPTIONS_INIT;
  g_autoptr (GError) error = NULL;
  RdmMmmFit *fit;

  for (guint c = 0; c < N_CHANNELS; c++)
    order[c] = c;
  for (guint i = 0; i < N_CHANNELS; i++)
    for (guint j = i + 1; j < N_CHANNELS; j++)
      if (g_strcmp0 (fixture->spec.channels[order[j]].name, fixture->spec.channels[order[i]].name)
          < 0)
        {
          guint swap = order[i];

          order[i] = order[j];
          order[j] = swap;
        }
  for (guint c = 0; c < N_CHANNELS; c++)
    {
      names[c] = fixture->spec.channels[order[c]].name;
      memcpy (spend + (gsize)c * N_DAYS, fixture->world->spend + (gsize)order[c] * N_DAYS,
              sizeof (double) * N_DAYS);
    }
  RdmMmmInput input
      = { fixture->spec.first_day, N_DAYS, N_CHANNELS, names, spend, fixture->world->conversions,
          fixture->world->value,   0,      NULL };

  options.bootstrap = atoi (REPLICATES);
  fit = rdm_mmm_fit (&input, &options, &error);
  g_assert_no_error (error);
  return fit;
}

static cJSON *
run_json (const char *first_arg, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list ap;
  cJSON *root;

  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  g_assert_cmpint (rdm_test_run_cliv (&out, &err, (const char *const *)args->pdata), ==, 0);
  root = cJSON_Parse (out);
  g_assert_nonnull (root);
  return root;
}

static double
number (const cJSON *object, const char *key)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, key);

  g_assert_true (cJSON_IsNumber (item));
  return item->valuedouble;
}

static void
assert_close (double a, double b)
{
  g_assert_cmpfloat (fabs (a - b), <=, 1e-9 * MAX (1.0, fabs (b)));
}

static void
test_mmm_json (Fixture *fixture, gconstpointer user_data)
{
  guint order[N_CHANNELS];
  g_autoptr (RdmMmmFit) fit = reference_fit (fixture, order);
  g_autoptr (cJSON) root
      = run_json ("mmm", fixture->path, "--bootstrap", REPLICATES, "-f", "json", NULL);
  const cJSON *rows = cJSON_GetObjectItemCaseSensitive (root, "rows");
  const cJSON *quality = cJSON_GetObjectItemCaseSensitive (root, "fit");
  const cJSON *baseline = cJSON_GetObjectItemCaseSensitive (root, "baseline");
  const cJSON *decomposition = cJSON_GetObjectItemCaseSensitive (root, "decomposition");
  const cJSON *period = cJSON_GetObjectItemCaseSensitive (root, "period");
  double sum = number (baseline, "contribution");

  g_assert_cmpint (cJSON_GetArraySize (rows), ==, N_CHANNELS);
  for (guint c = 0; c < N_CHANNELS; c++)
    {
      const cJSON *row = cJSON_GetArrayItem (rows, (int)c);
      const RdmMmmChannel *channel = &fit->channels[c];
      static const char *const keys[]
          = { "contribution_value", "roi",   "marginal_roi", "adstock",
              "half_saturation",    "shape", "share",        "media_share" };

      g_assert_cmpstr (cJSON_GetObjectItemCaseSensitive (row, "channel")->valuestring, ==,
                       fixture->spec.channels[order[c]].name);
      assert_close (number (row, "spend"), channel->spend);
      assert_close (number (row, "contribution"), channel->contribution.estimate);
      assert_close (number (row, "ci_low"), channel->contribution.low);
      assert_close (number (row, "ci_high"), channel->contribution.high);
      assert_close (number (row, "roi"), channel->roi.estimate);
      assert_close (number (row, "adstock"), channel->adstock.estimate);
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        g_assert_true (cJSON_IsNumber (cJSON_GetObjectItemCaseSensitive (row, keys[k])));
      g_assert_true (cJSON_IsArray (cJSON_GetObjectItemCaseSensitive (row, "warnings")));
      g_assert_cmpfloat (number (row, "ci_low"), <=, number (row, "ci_high"));
      /* ROI as everywhere: (value − spend) ÷ spend */
      assert_close (number (row, "roi"),
                    (number (row, "contribution_value") - number (row, "spend"))
                        / number (row, "spend"));
      sum += number (row, "contribution");
    }
  assert_close (number (quality, "r2"), fit->r2);
  assert_close (number (quality, "mape"), fit->mape);
  assert_close (number (quality, "nrmse"), fit->nrmse);
  /* the baseline and the channels share out the fitted conversions */
  {
    double fitted = 0.0;

    for (guint t = 0; t < N_DAYS; t++)
      fitted += fit->fitted[t];
    assert_close (sum, fitted);
  }
  g_assert_cmpint (cJSON_GetArraySize (decomposition), ==, N_DAYS);
  g_assert_cmpstr (cJSON_GetObjectItemCaseSensitive (period, "from")->valuestring, ==,
                   "2025-01-06");
  g_assert_cmpstr (cJSON_GetObjectItemCaseSensitive (period, "outcomes")->valuestring, ==,
                   "outcomes");
  assert_close (number (root, "total_conversions"), fit->total_conversions);
}

static void
test_budget_json (Fixture *fixture, gconstpointer user_data)
{
  guint order[N_CHANNELS];
  g_autoptr (RdmMmmFit) fit = reference_fit (fixture, order);
  g_autoptr (cJSON) root = NULL;
  g_autofree double *spend = g_new (double, N_CHANNELS *N_DAYS);
  g_autoptr (GError) error = NULL;
  g_autofree char *cap = NULL;
  g_autofree char *total_text = NULL;
  RdmBudgetRequest request = { 13, NAN, NULL, NULL };
  double upper[N_CHANNELS] = { NAN, NAN, NAN };
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  for (guint c = 0; c < N_CHANNELS; c++)
    memcpy (spend + (gsize)c * N_DAYS, fixture->world->spend + (gsize)order[c] * N_DAYS,
            sizeof (double) * N_DAYS);
  /* a tenth more than today's spend, the biggest spender held at today's */
  g_autoptr (RdmBudgetPlan) today = rdm_budget_plan (fit, spend, &request, &error);
  guint capped = 0;

  g_assert_no_error (error);
  for (guint c = 1; c < N_CHANNELS; c++)
    if (today->current[c] > today->current[capped])
      capped = c;
  request.total = round (1.1 * today->total);
  upper[capped] = today->current[capped];
  request.upper = upper;
  cap = g_strdup_printf ("%s=%s", fit->channels[capped].channel,
                         g_ascii_formatd (buffer, sizeof buffer, "%.17g", upper[capped]));
  total_text = g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.17g", request.total));
  g_autoptr (RdmBudgetPlan) plan = rdm_budget_plan (fit, spend, &request, &error);
  g_assert_no_error (error);

  root = run_json ("budget", fixture->path, "--bootstrap", REPLICATES, "--weeks", "13", "--total",
                   total_text, "--max", cap, "-f", "json", NULL);
  const cJSON *current = cJSON_GetObjectItemCaseSensitive (root, "current");
  const cJSON *proposed = cJSON_GetObjectItemCaseSensitive (root, "proposed");
  const cJSON *rows = cJSON_GetObjectItemCaseSensitive (proposed, "rows");
  double total = 0.0;

  g_assert_cmpint (cJSON_GetArraySize (rows), ==, N_CHANNELS);
  for (guint c = 0; c < N_CHANNELS; c++)
    {
      const cJSON *row = cJSON_GetArrayItem (rows, (int)c);

      assert_close (number (row, "spend"), plan->proposed[c]);
      g_assert_cmpfloat (number (row, "spend"), >=, number (row, "min") - 1e-6);
      g_assert_cmpfloat (number (row, "spend"), <=, number (row, "max") + 1e-6);
      total += number (row, "spend");
    }
  g_assert_cmpfloat (fabs (total - request.total), <, 1e-3);
  g_assert_cmpfloat (number (cJSON_GetArrayItem (rows, (int)capped), "max"), ==, upper[capped]);
  /* more money, spent as well as the curves allow, brings more */
  g_assert_cmpfloat (number (proposed, "expected"), >, number (current, "expected"));
  assert_close (number (current, "expected"), plan->current_expected.estimate);
  assert_close (number (proposed, "expected"), plan->proposed_expected.estimate);
  g_assert_cmpfloat (number (proposed, "ci_low"), <=, number (proposed, "expected"));
  g_assert_cmpfloat (number (proposed, "ci_high"), >=, number (proposed, "expected"));
  /* the gain is the plan's, once its optimism is taken off */
  assert_close (number (root, "gain"), plan->gain.estimate);
  assert_close (number (root, "gain") + number (root, "optimism"),
                number (proposed, "expected") - number (current, "expected"));
  assert_close (number (root, "gain_ci_low"), plan->gain.low);
  assert_close (number (root, "gain_ci_high"), plan->gain.high);
  g_assert_cmpfloat (number (root, "optimism"), >, 0.0);
  g_autofree char *note = rdm_budget_describe_gain (plan);
  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (root, "gain_note")), ==,
                   note);
}

static void
test_table_and_csv (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *csv = NULL;
  g_auto (GStrv) lines = NULL;

  g_assert_cmpint (rdm_test_run_cli (&out, NULL, "mmm", fixture->path, "--bootstrap", "0", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (out, "Paid Search"));
  g_assert_nonnull (strstr (out, "held-out"));
  g_assert_nonnull (strstr (out, "Baseline"));
  g_assert_cmpint (
      rdm_test_run_cli (&csv, NULL, "budget", fixture->path, "--bootstrap", "0", "-f", "csv", NULL),
      ==, 0);
  /* RFC 4180 rows end in CR LF */
  g_assert_true (g_str_has_prefix (csv, "channel,current,proposed,change,min,max\r\n"));
  lines = g_strsplit (g_strstrip (csv), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, N_CHANNELS + 1);
}

/* An experiment holds its channel ("calibrated"), and a dated event gets
 * its level, reported with its days. */
static void
test_experiment_and_event (Fixture *fixture, gconstpointer user_data)
{
  const char *tested = fixture->spec.channels[1].name;
  g_autofree char *experiments
      = g_strdup_printf ("channel,start,end,incremental_conversions,ci_low,ci_high\n%s,2025-06-02,"
                         "2025-07-27,900,700,1100\n"
                         "Blog,2025-06-02,2025-07-27,50,40,60\n",
                         tested);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* Blog has costs, but none of media */
  import (fixture, "costs", "content.csv",
          "date,channel,campaign,category,amount\n2025-03-03,Blog,,content,100\n");
  import (fixture, "experiments", "experiments.csv", experiments);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "event", "add", fixture->path, "--date",
                                     "2025-09-01", "--end", "2025-09-14", "--label", "Bad buzz",
                                     "--kind", "incident", NULL),
                   ==, 0);
  g_autoptr (cJSON) root = run_json ("mmm", fixture->path, "--bootstrap", "0", "-f", "json", NULL);
  const cJSON *rows = cJSON_GetObjectItemCaseSensitive (root, "rows");
  const cJSON *events = cJSON_GetObjectItemCaseSensitive (root, "events");
  const cJSON *row;

  cJSON_ArrayForEach (row, rows)
    {
      const char *channel = cJSON_GetObjectItemCaseSensitive (row, "channel")->valuestring;

      /* the test of a channel without spend is left out */
      g_assert_true (cJSON_IsBool (cJSON_GetObjectItemCaseSensitive (row, "calibrated")));
      g_assert_cmpint (cJSON_IsTrue (cJSON_GetObjectItemCaseSensitive (row, "calibrated")), ==,
                       g_str_equal (channel, tested));
    }
  g_assert_cmpint (cJSON_GetArraySize (events), ==, 1);
  g_assert_cmpstr (
      cJSON_GetObjectItemCaseSensitive (cJSON_GetArrayItem (events, 0), "label")->valuestring, ==,
      "Bad buzz");
  g_assert_cmpstr (
      cJSON_GetObjectItemCaseSensitive (cJSON_GetArrayItem (events, 0), "from")->valuestring, ==,
      "2025-09-01");
  g_assert_true (cJSON_IsNumber (
      cJSON_GetObjectItemCaseSensitive (cJSON_GetArrayItem (events, 0), "effect_per_day")));
}

/* Each refusal names the problem, exits non-zero and writes nothing on
 * stdout. */
static void
test_bad_input (Fixture *fixture, gconstpointer user_data)
{
  const struct
  {
    const char *args[10];
    const char *message;
  } cases[] = {
    { { "mmm", NULL, "--bootstrap", "-1" }, "--bootstrap expects a whole number from 0 to 1000" },
    { { "mmm", NULL, "--bootstrap", "1" }, "--bootstrap expects 0 (no intervals) or from 2" },
    { { "mmm", NULL, "--from", "2030-01-01" }, "No outcomes in the period" },
    { { "mmm", NULL, "--from", "2025-01-06", "--to", "2025-02-01" }, "at least 84 days" },
    { { "mmm", NULL, "--to", "31/02/2025" }, "is not a date" },
    { { "budget", NULL, "--max", "Nowhere=3" }, "no channel “Nowhere” has media spend" },
    { { "budget", NULL, "--min", "Paid Search" }, "expects CHANNEL=AMOUNT" },
    { { "budget", NULL, "--total", "-5" }, "cannot be below 0" },
    { { "budget", NULL, "--weeks", "0" }, "--weeks expects a whole number from 1" },
    { { "budget", NULL, "--total", "10", "--min", "Facebook=1000" },
      "cannot be split within the channels’ bounds" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* without a bootstrap, to be quick; a case's own --bootstrap
       * comes after and wins */
      const char *args[14] = { cases[i].args[0], fixture->path, "--bootstrap", "0" };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      for (guint k = 2; k < 10 && cases[i].args[k] != NULL; k++)
        args[k + 2] = cases[i].args[k];
      g_assert_cmpint (rdm_test_run_cliv (&out, &err, args), !=, 0);
      g_assert_cmpstr (out, ==, "");
      if (strstr (err, cases[i].message) == NULL)
        g_error ("case %u: “%s” not in “%s”", i, cases[i].message, err);
    }
}

/* A project with an event log and no costs: the model says what is
 * missing. */
static void
test_no_media (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "empty.rendement", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (rdm_test_run_cli (&out, NULL, "new", path, NULL), ==, 0);
  g_assert_cmpint (rdm_test_run_cli (NULL, &err, "mmm", path, NULL), !=, 0);
  g_assert_nonnull (strstr (err, "No outcomes in the period"));
  rdm_test_remove_tree (dir);
}

/* Imported outcomes with a day missing: refused with the day, rather
 * than read as a day without sales. */
static void
test_outcome_gap (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "gap.rendement", NULL);
  g_autoptr (GString) outcomes = g_string_new ("date,conversions,value\n");
  g_autofree char *file = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  for (guint t = 0; t < 120; t++)
    {
      g_autofree char *date = format_day (G_GINT64_CONSTANT (1736121600) + (gint64)t * DAY);

      if (t != 40)
        g_string_append_printf (outcomes, "%s,%u,%u\n", date, 50 + t % 7, 500);
    }
  file = rdm_test_write_file (dir, "outcomes.csv", outcomes->str);
  g_assert_cmpint (rdm_test_run_cli (&out, NULL, "new", path, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", path, "--kind", "outcomes", file, NULL),
                   ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "mmm", path, "--bootstrap", "0", NULL), !=, 0);
  g_assert_nonnull (strstr (err, "miss 1 day between their first and last, 2025-02-15"));
  rdm_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli-mmm/mmm-json", test_mmm_json);
  ADD ("/cli-mmm/budget-json", test_budget_json);
  ADD ("/cli-mmm/table-and-csv", test_table_and_csv);
  ADD ("/cli-mmm/experiment-and-event", test_experiment_and_event);
  ADD ("/cli-mmm/bad-input", test_bad_input);
  g_test_add_func ("/cli-mmm/no-media", test_no_media);
  g_test_add_func ("/cli-mmm/outcome-gap", test_outcome_gap);
  return g_test_run ();
}
