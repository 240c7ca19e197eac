/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo's top-down data (data/rdm-demo.c, "The top-down view"): two
 * years of daily media spend in flights and pauses, daily outcomes made by
 * known curves and stored with their truth, a quarterly survey that
 * follows the social networks' engagement RDM_DEMO_SURVEY_LAG_WEEKS weeks
 * later, and an incident that takes RDM_DEMO_INCIDENT_DROP conversions a
 * day away. The truth is recomputed here from the stored curves and spend,
 * and the planted lag, drop and contributions are what "mirror", "impact"
 * and the media-mix model must find within their intervals.
 *
 * The project is the demo the build writes with the command line
 * (RDM_DEMO_PROJECT), copied once and only read.
 */
#include "config.h"

#include <math.h>
#include <cjson/cJSON.h>

#include "rdm-demo.h"
#include "rdm-events.h"
#include "rdm-media-mix.h"
#include "rdm-budget.h"
#include "rdm-business.h"
#include "rdm-media-truth.h"
#include "rdm-project-db.h"
#include "rdm-project-private.h"
#include "rdm-series.h"
#include "rdm-test-util.h"

#define DAY 86400
#define query_int(sql) rdm_test_query_int (rdm_project_get_db (demo), sql)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

static char *demo_dir;
static char *demo_path;
static RdmProject *demo;

/* The paid channels of the demo; the others (Organic Search, Direct, the
 * blog, email and affiliates, paid by commission) have no media spend. */
static const char *const paid_channels[] = {
  "Display", "Facebook", "Instagram", "LinkedIn", "Paid Search", "X", "YouTube",
};

static RdmMediaMixData *
load_all (void)
{
  g_autoptr (GError) error = NULL;
  RdmMediaMixData *data = rdm_project_load_media_mix (demo, G_MININT64, G_MAXINT64, &error);

  g_assert_no_error (error);
  return data;
}

static void
test_two_years (void)
{
  g_autoptr (RdmMediaMixData) data = load_all ();

  g_assert_false (data->from_event_log);
  g_assert_cmpint (data->first_day, ==, RDM_DEMO_MEDIA_FIRST_DAY);
  g_assert_cmpuint (data->n_days, ==, RDM_DEMO_MEDIA_N_DAYS);
  /* one outcome row a day, every day, ending with the journeys' last day */
  g_assert_cmpint (query_int ("SELECT count(DISTINCT day) FROM outcome"), ==,
                   RDM_DEMO_MEDIA_N_DAYS);
  g_assert_cmpint (query_int ("SELECT max(day) FROM outcome"), ==,
                   RDM_DEMO_FIRST_DAY + (RDM_DEMO_N_DAYS - 1) * DAY);
  g_assert_cmpuint (data->n_channels, ==, G_N_ELEMENTS (paid_channels));
  for (guint c = 0; c < data->n_channels; c++)
    {
      const double *spend = data->spend + (gsize)c * data->n_days;
      guint paused_weeks = 0, spent_days = 0, run = 0;
      double early = 0.0, late = 0.0;

      g_assert_cmpstr (data->channels[c], ==, paid_channels[c]);
      for (guint t = 0; t < data->n_days; t++)
        {
          g_assert_cmpfloat (spend[t], >=, 0.0);
          spent_days += spend[t] > 0.0;
          run = spend[t] > 0.0 ? 0 : run + 1;
          paused_weeks += run == 7;
          if (t < data->n_days / 2)
            early += spend[t];
          else
            late += spend[t];
        }
      g_test_message ("%s: %u days with spend, %u pauses of a week or more", data->channels[c],
                      spent_days, paused_weeks);
      /* flights and pauses, in both years */
      g_assert_cmpuint (spent_days, >=, 150);
      g_assert_cmpuint (paused_weeks, >=, 2);
      g_assert_cmpfloat (early, >, 0.0);
      g_assert_cmpfloat (late, >, 0.0);
    }
  /* the outcomes count every order, tracked or not: never fewer than the
   * tracked visitors' conversions of the same day */
  g_assert_cmpint (query_int ("SELECT count(*) FROM outcome o WHERE o.conversions < (SELECT"
                              " count(*) FROM conversion c WHERE c.time >= o.day AND c.time <"
                              " o.day + 86400)"),
                   ==, 0);
  /* from April 2026 the spend is the tracked campaigns' own: the same rows */
  g_assert_cmpint (query_int ("SELECT count(*) FROM cost WHERE category = 'media' AND day >= "
                              "1775001600 AND campaign_id IS NULL"),
                   ==, 0);
}

/* The stored contributions are the stored curves' response to the stored
 * spend, day by day over the stored period; their value is at the
 * outcomes' value per conversion. */
static void
test_truth (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) truths = rdm_project_load_media_truth (demo, &error);
  g_autoptr (RdmMediaMixData) data = load_all ();
  g_autofree double *response = g_new (double, data->n_days);
  double conversions = 0.0, value = 0.0;

  g_assert_no_error (error);
  for (guint t = 0; t < data->n_days; t++)
    {
      conversions += data->conversions[t];
      value += data->value[t];
    }
  g_assert_cmpuint (truths->len, ==, data->n_channels);
  for (guint c = 0; c < truths->len; c++)
    {
      const RdmMediaTruth *truth = g_ptr_array_index (truths, c);
      double expected = 0.0;

      g_assert_cmpstr (truth->channel, ==, data->channels[c]);
      g_assert_cmpint (truth->first_day, ==, data->first_day);
      g_assert_cmpint (truth->last_day, ==, data->first_day + (gint64)(data->n_days - 1) * DAY);
      rdm_response_curve_apply (&truth->curve, data->spend + (gsize)c * data->n_days, data->n_days,
                                response);
      for (guint t = 0; t < data->n_days; t++)
        expected += response[t];
      g_test_message ("%s: contribution %.3f", truth->channel, truth->contribution);
      g_assert_cmpfloat_with_epsilon (truth->contribution, expected, 1e-9 * expected);
      g_assert_cmpfloat_with_epsilon (truth->contribution_value,
                                      truth->contribution * value / conversions,
                                      1e-9 * truth->contribution_value);
      /* every channel brings something worth measuring, none the bulk */
      g_assert_cmpfloat (truth->contribution, >, 0.002 * conversions);
      g_assert_cmpfloat (truth->contribution, <, 0.1 * conversions);
    }
}

static cJSON *
run_json (const char *first_arg, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  cJSON *json;
  va_list ap;

  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  g_assert_cmpint (rdm_test_run_cliv (&out, &err, (const char *const *)args->pdata), ==, 0);
  json = cJSON_Parse (out);
  g_assert_nonnull (json);
  return json;
}

static double
number (const cJSON *json, const char *key)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (json, key);

  g_assert_true (cJSON_IsNumber (item));
  return item->valuedouble;
}

static void
test_mirror (void)
{
  g_autoptr (cJSON) json = run_json (
      "mirror", demo_path, "--series", "engagements[group=\"social\"]", "--against",
      "series[\"brand_awareness\"]", "--by", "week", "--max-lag", "8", "-f", "json", NULL);

  g_test_message ("best lag %g [%g, %g], r %.3f over %g weeks", number (json, "best_lag"),
                  number (json, "best_lag_ci_low"), number (json, "best_lag_ci_high"),
                  number (json, "best_r"), number (json, "periods_used"));
  /* eight quarterly waves of four weekly readings */
  g_assert_cmpfloat (number (json, "periods_used"), ==, 32);
  g_assert_cmpfloat (number (json, "best_lag"), ==, RDM_DEMO_SURVEY_LAG_WEEKS);
  g_assert_cmpfloat (number (json, "best_lag_ci_low"), <=, RDM_DEMO_SURVEY_LAG_WEEKS);
  g_assert_cmpfloat (number (json, "best_lag_ci_high"), >=, RDM_DEMO_SURVEY_LAG_WEEKS);
  g_assert_true (cJSON_IsTrue (cJSON_GetObjectItemCaseSensitive (json, "best_lag_clear")));
}

static void
test_impact (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) events = rdm_project_list_events (demo, &error);
  const RdmDatedEvent *incident;
  g_autoptr (cJSON) json = NULL;
  gint64 days;

  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  incident = g_ptr_array_index (events, 0);
  g_assert_cmpstr (incident->kind, ==, "incident");
  g_assert_cmpint (incident->start_day, >=, RDM_DEMO_MEDIA_FIRST_DAY);
  days = (incident->end_day - incident->start_day) / DAY + 1;
  g_assert_cmpint (days, ==, 28);
  /* the days after are the incident's own, so the level change is its drop */
  json = run_json ("impact", demo_path, "--event", incident->label, "--series", "conversions",
                   "--after", "28", "-f", "json", NULL);
  g_test_message ("level change %.2f [%.2f, %.2f], planted %.2f", number (json, "level_change"),
                  number (json, "ci_low"), number (json, "ci_high"), -RDM_DEMO_INCIDENT_DROP);
  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (json, "conversions_source")), ==,
                   "outcomes");
  g_assert_cmpfloat (number (json, "ci_low"), <=, -RDM_DEMO_INCIDENT_DROP);
  g_assert_cmpfloat (number (json, "ci_high"), >=, -RDM_DEMO_INCIDENT_DROP);
  g_assert_cmpfloat (number (json, "ci_high"), <, 0.0);
  g_assert_cmpfloat (number (json, "total_ci_low"), <=, -RDM_DEMO_INCIDENT_DROP * days);
  g_assert_cmpfloat (number (json, "total_ci_high"), >=, -RDM_DEMO_INCIDENT_DROP * days);
}

/* The media-mix model, at the window's and the command line's defaults,
 * against each channel's true contribution: every interval holds it.
 * (Before the folds of the cross-validation were whole weeks dealt in
 * turn, LinkedIn and YouTube, which carry over slowly with modest
 * effects, missed: YouTube took what LinkedIn and the baseline's trend
 * brought, 4435 conversions against a truth of 1758.) */
static void
test_media_mix (void)
{
  RdmMmmOptions options = RDM_MMM_OPTIONS_INIT;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) truths = rdm_project_load_media_truth (demo, &error);
  g_autoptr (RdmMmmFit) fit = NULL;
  guint covered = 0;

  g_assert_no_error (error);
  fit = rdm_project_fit_media_mix (demo, G_MININT64, G_MAXINT64, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fit->n_channels, ==, truths->len);
  g_test_message ("held-out R² %.3f, MAPE %.3f", fit->r2, fit->mape);
  for (guint c = 0; c < fit->n_channels; c++)
    {
      const RdmMmmChannel *channel = &fit->channels[c];
      const RdmMediaTruth *truth = g_ptr_array_index (truths, c);
      gboolean inside = channel->contribution.low <= truth->contribution
                        && truth->contribution <= channel->contribution.high;

      g_assert_cmpstr (channel->channel, ==, truth->channel);
      g_test_message ("%s: truth %.1f, estimate %.1f [%.1f, %.1f]%s", truth->channel,
                      truth->contribution, channel->contribution.estimate,
                      channel->contribution.low, channel->contribution.high,
                      inside ? "" : " MISSED");
      g_assert_true (isfinite (channel->contribution.estimate));
      g_assert_cmpfloat (channel->contribution.low, <=, channel->contribution.high);
      g_assert_true (inside);
      covered++;
    }
  g_assert_cmpuint (covered, ==, fit->n_channels);
}

/* The budget at the window's and the command line's defaults: the gain it
 * reports for its proposal, once the optimism of choosing the split on the
 * fitted curves is taken off, holds within its interval the gain the
 * demo's true curves give that split over today's, and the proposal is
 * within 2 % of the best split under the true curves (same total, same
 * bounds), where today's split is at 84 % of it. (Without the prior on
 * the curves' shape the proposal reached 95.5 %: the fits ended at S = 3,
 * a step that says nothing of the next euro; rdm-mmm.c.) */
static void
test_budget_gain (void)
{
  RdmMmmOptions options = RDM_MMM_OPTIONS_INIT;
  RdmBudgetRequest request = { RDM_BUDGET_DEFAULT_WEEKS, NAN, NULL, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) truths = rdm_project_load_media_truth (demo, &error);
  g_autoptr (RdmMediaMixData) data = NULL;
  g_autoptr (RdmMmmFit) fit = NULL;
  g_autoptr (RdmBudgetPlan) plan = NULL;

  g_assert_no_error (error);
  fit = rdm_project_fit_media_mix (demo, G_MININT64, G_MAXINT64, &options, &data, &error);
  g_assert_no_error (error);
  plan = rdm_budget_plan (fit, data->spend, &request, &error);
  g_assert_no_error (error);
  g_autofree RdmResponseCurve *truth = g_new (RdmResponseCurve, fit->n_channels);
  g_autofree double *today = g_new (double, fit->n_channels);
  g_autofree double *proposed = g_new (double, fit->n_channels);
  g_autofree double *best = g_new (double, fit->n_channels);
  g_autofree double *lower = g_new (double, fit->n_channels);
  g_autofree double *upper = g_new (double, fit->n_channels);

  for (guint c = 0; c < fit->n_channels; c++)
    {
      const RdmMediaTruth *channel = g_ptr_array_index (truths, c);

      g_assert_cmpstr (channel->channel, ==, fit->channels[c].channel);
      truth[c] = channel->curve;
      today[c] = plan->current[c] / plan->days;
      proposed[c] = plan->proposed[c] / plan->days;
    }
  double true_gain = (rdm_budget_expected (truth, fit->n_channels, proposed)
                      - rdm_budget_expected (truth, fit->n_channels, today))
                     * plan->days;

  g_test_message ("gain %.1f [%.1f, %.1f] after an optimism of %.1f; true %.1f",
                  plan->gain.estimate, plan->gain.low, plan->gain.high, plan->optimism, true_gain);
  g_assert_cmpfloat (plan->optimism, >, 0.0);
  g_assert_cmpfloat (plan->gain.low, >, 0.0);
  g_assert_cmpfloat (true_gain, >, 0.0);
  g_assert_cmpfloat (plan->gain.low, <=, true_gain);
  g_assert_cmpfloat (plan->gain.high, >=, true_gain);
  for (guint c = 0; c < fit->n_channels; c++)
    {
      lower[c] = plan->lower[c] / plan->days;
      upper[c] = plan->upper[c] / plan->days;
    }
  RdmBudgetProblem problem
      = { fit->n_channels, 1, truth, lower, upper, plan->total / plan->days, today };

  g_assert_true (rdm_budget_optimise (&problem, best, &error));
  g_assert_no_error (error);
  g_test_message ("proposal under the true curves: %.4f of the best split",
                  rdm_budget_expected (truth, fit->n_channels, proposed)
                      / rdm_budget_expected (truth, fit->n_channels, best));
  g_assert_cmpfloat (rdm_budget_expected (truth, fit->n_channels, proposed), >=,
                     0.98 * rdm_budget_expected (truth, fit->n_channels, best));

  g_assert_cmpfloat (plan->gain.estimate, <,
                     plan->proposed_expected.estimate - plan->current_expected.estimate);
}

/* A file of schema 8 gains the table, and the data function refuses what
 * the model could not have, changing nothing. */
/* A channel's credited conversions read the same after a cost in the
 * formula as alone (the engine made for the cost credits nothing, and
 * must give way to the credit engine). */
static void
test_credit_after_cost (void)
{
  const gint64 first = G_GINT64_CONSTANT (1775001600); /* 2026-04-01 */
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmDailySeries) alone = rdm_project_load_daily_series (
      demo, "conversions[channel=\"Paid Search\"]", first, 60, NULL, &error);
  g_assert_no_error (error);
  g_autoptr (RdmDailySeries) after_cost = rdm_project_load_daily_series (
      demo, "cost - cost + conversions[channel=\"Paid Search\"]", first, 60, NULL, &error);
  double total = 0.0;

  g_assert_no_error (error);
  for (guint t = 0; t < 60; t++)
    {
      if (isnan (after_cost->values[t]))
        continue;
      g_assert_cmpfloat_with_epsilon (after_cost->values[t], alone->values[t], 1e-9);
      total += alone->values[t];
    }
  g_assert_cmpfloat (total, >, 0.0);
}

static void
test_store (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "v8.rendement", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = _rdm_project_create_at_version (path, 8, &error);
  g_autoptr (GPtrArray) truths = NULL;
  const RdmMediaTruth good = {
    .first_day = RDM_DEMO_MEDIA_FIRST_DAY,
    .last_day = RDM_DEMO_MEDIA_FIRST_DAY + 9 * DAY,
    .curve = { 0.5, 100.0, 1.0, 8.0 },
    .contribution = 40.0,
    .contribution_value = 2960.0,
  };
  RdmMediaTruth bad[6];

  g_assert_no_error (error);
  g_clear_object (&project);
  project = rdm_project_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (rdm_project_exec (project,
                                   "INSERT INTO import_log (file_name, checksum, kind, preset,"
                                   " imported_at, rows, rejects) VALUES ('demo', '', 'demo', '', 0,"
                                   " 0, 0); INSERT INTO channel (name) VALUES ('Facebook')",
                                   &error));
  g_assert_no_error (error);
  truths = rdm_project_load_media_truth (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (truths->len, ==, 0);
  g_clear_pointer (&truths, g_ptr_array_unref);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    bad[i] = good;
  bad[0].curve.adstock = 1.0;
  bad[1].curve.half_saturation = 0.0;
  bad[2].curve.shape = -1.0;
  bad[3].curve.coefficient = -0.1;
  bad[4].contribution = NAN;
  bad[5].last_day = bad[5].first_day - DAY;
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (rdm_project_add_media_truth (project, 1, 1, &bad[i], &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }
  g_assert_cmpint (
      rdm_test_query_int (rdm_project_get_db (project), "SELECT count(*) FROM media_truth"), ==, 0);

  g_assert_true (rdm_project_add_media_truth (project, 1, 1, &good, &error));
  g_assert_no_error (error);
  truths = rdm_project_load_media_truth (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (truths->len, ==, 1);
  {
    const RdmMediaTruth *read = g_ptr_array_index (truths, 0);

    g_assert_cmpstr (read->channel, ==, "Facebook");
    g_assert_cmpint (read->first_day, ==, good.first_day);
    g_assert_cmpint (read->last_day, ==, good.last_day);
    g_assert_cmpfloat (read->curve.adstock, ==, 0.5);
    g_assert_cmpfloat (read->curve.half_saturation, ==, 100.0);
    g_assert_cmpfloat (read->curve.shape, ==, 1.0);
    g_assert_cmpfloat (read->curve.coefficient, ==, 8.0);
    g_assert_cmpfloat (read->contribution, ==, 40.0);
    g_assert_cmpfloat (read->contribution_value, ==, 2960.0);
  }
  /* one truth per channel */
  g_assert_false (rdm_project_add_media_truth (project, 1, 1, &good, &error));
  g_assert_nonnull (error);
  g_clear_object (&project);
  rdm_test_remove_tree (dir);
}

/* The series offered for picking: each kind the demo has, every one
 * loads as a daily series, the KPIs that read months are left out, and a
 * KPI whose name another objective's KPI shares, or that reads as a
 * formula, is offered by its formula. */
static void
test_series_choices (void)
{
  g_autofree char *path = rdm_test_copy_demo (demo_dir, "choices.rendement");
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (path, &error);
  g_autoptr (GPtrArray) choices = NULL;
  RdmKpi shared = { .objective = (char *)"Build brand awareness",
                    .name = (char *)"Cost per acquisition",
                    .formula = (char *)"cost[group=\"social\"] / conversions",
                    .period = RDM_PERIOD_QUARTER };
  RdmKpi like_a_metric = { .objective = (char *)"Build brand awareness",
                           .name = (char *)"likes",
                           .formula = (char *)"likes + shares",
                           .period = RDM_PERIOD_QUARTER };
  guint kinds[RDM_SERIES_CHOICE_KPI + 1] = { 0 };
  gint64 first, last;

  g_assert_no_error (error);
  g_assert_true (rdm_project_add_kpi (project, &shared, &error));
  g_assert_true (rdm_project_add_kpi (project, &like_a_metric, &error));
  g_assert_no_error (error);
  choices = rdm_project_list_series_choices (project, &error);
  g_assert_no_error (error);
  g_assert_true (rdm_project_get_day_range (project, &first, &last, &error));
  for (guint i = 0; i < choices->len; i++)
    {
      const RdmSeriesChoice *choice = g_ptr_array_index (choices, i);
      g_autoptr (RdmDailySeries) series = rdm_project_load_daily_series (
          project, choice->formula, last - 27 * DAY, 28, NULL, &error);

      g_test_message ("%s: %s", choice->label, choice->formula);
      g_assert_no_error (error);
      g_assert_nonnull (series);
      /* in the order of their kinds */
      g_assert_true (
          i == 0 || ((RdmSeriesChoice *)g_ptr_array_index (choices, i - 1))->kind <= choice->kind);
      kinds[choice->kind]++;
    }
  g_assert_cmpuint (kinds[RDM_SERIES_CHOICE_OUTCOMES], ==, 2);
  g_assert_cmpuint (kinds[RDM_SERIES_CHOICE_SURVEY], ==, 4);
  g_assert_cmpuint (kinds[RDM_SERIES_CHOICE_ENGAGEMENTS], ==, 2);
  g_assert_cmpuint (kinds[RDM_SERIES_CHOICE_COST], >=, 7);
  /* Brand awareness, the two Costs per acquisition, Customer satisfaction,
   * likes and Social ROAS; not Followers growth (growth()) nor Call
   * deflection savings (sum()) */
  g_assert_cmpuint (kinds[RDM_SERIES_CHOICE_KPI], ==, 6);
  for (guint i = 0; i < choices->len; i++)
    {
      const RdmSeriesChoice *choice = g_ptr_array_index (choices, i);

      if (g_str_equal (choice->label, "Build brand awareness: Cost per acquisition"))
        g_assert_cmpstr (choice->formula, ==, "cost[group=\"social\"] / conversions");
      else if (g_str_equal (choice->label, "Grow online sales: Cost per acquisition"))
        g_assert_cmpstr (choice->formula, ==, "cost / conversions");
      else if (g_str_equal (choice->label, "Build brand awareness: likes"))
        g_assert_cmpstr (choice->formula, ==, "likes + shares");
      else if (g_str_equal (choice->label, "Build brand awareness: Brand awareness"))
        g_assert_cmpstr (choice->formula, ==, "Brand awareness");
      else if (g_str_equal (choice->label, "brand_awareness"))
        g_assert_cmpstr (choice->formula, ==, "series[\"brand_awareness\"]");
      else if (g_str_equal (choice->label, "Engagements in Social"))
        g_assert_cmpstr (choice->formula, ==, "engagements[group=\"social\"]");
      else if (g_str_equal (choice->label, "Cost of Facebook"))
        g_assert_cmpstr (choice->formula, ==, "cost[channel=\"Facebook\"]");
    }
}

/* A project with nothing dated offers nothing to pick. */
static void
test_series_choices_empty (void)
{
  g_autofree char *path = g_build_filename (demo_dir, "nothing.rendement", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_create (path, &error);
  g_autoptr (GPtrArray) choices = NULL;

  g_assert_no_error (error);
  choices = rdm_project_list_series_choices (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (choices->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  demo_dir = rdm_test_make_tmpdir ();
  demo_path = rdm_test_copy_demo (demo_dir, "demo.rendement");
  demo = rdm_project_open (demo_path, &error);
  g_assert_no_error (error);

  g_test_add_func ("/demo-media/two-years", test_two_years);
  g_test_add_func ("/demo-media/truth", test_truth);
  g_test_add_func ("/demo-media/mirror", test_mirror);
  g_test_add_func ("/demo-media/impact", test_impact);
  g_test_add_func ("/demo-media/media-mix", test_media_mix);
  g_test_add_func ("/demo-media/budget-gain", test_budget_gain);
  g_test_add_func ("/demo-media/credit-after-cost", test_credit_after_cost);
  g_test_add_func ("/demo-media/store", test_store);
  g_test_add_func ("/demo-media/series-choices", test_series_choices);
  g_test_add_func ("/demo-media/series-choices-empty", test_series_choices_empty);
  status = g_test_run ();

  g_clear_object (&demo);
  rdm_test_remove_tree (demo_dir);
  g_free (demo_path);
  g_free (demo_dir);
  return status;
}
