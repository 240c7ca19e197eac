/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The quarterly review as a document ("rendement-cli report" and the
 * window's export).
 *
 * A small project whose answers are worked out by hand: one-touch
 * journeys, except one Display → Search journey, so that first and last
 * touch disagree on Display only; Q2 2026 against Q1 2026:
 *
 *   Q2 (last touch)  cost  value  ROI
 *   Email             100   1000  900 %   (2 × 500)
 *   Display           400    100  −75 %   (first touch: 1100, 175 %)
 *   Search            600   2200  266.7 % (3 × 400 + 1000; first touch: 1200, 100 %)
 *   Total            1100   3300  200 %
 *   Q1: Email 100 → 500, Display 200 → 0, Search 600 → 400: 900 → 900, 0 %
 *
 * and two KPIs: Revenue (value, target 5000: 3300, missed) and Spend
 * (cost, lower is better, target 2000: 1100, met). The executive summary
 * must say exactly that, quoting numbers that are in the tables.
 *
 * The demo project with shared costs: the ROI chart states the rule they
 * were allocated by, the cost-value chart what the credit is.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "rdm-branding.h"
#include "rdm-budget.h"
#include "rdm-chart-private.h"
#include "rdm-project-db.h"
#include "rdm-review.h"
#include "rdm-test-util.h"

static const char events_csv[] = "visitor_id,timestamp,type,channel,campaign,value,event\n"
                                 "q1e,2026-02-01T09:00:00Z,click,Email,,,\n"
                                 "q1e,2026-02-01T10:00:00Z,conversion,,,500,\n"
                                 "q1s,2026-02-02T09:00:00Z,click,Search,,,\n"
                                 "q1s,2026-02-02T10:00:00Z,conversion,,,400,\n"
                                 "e1,2026-04-10T09:00:00Z,click,Email,,,\n"
                                 "e1,2026-04-10T12:00:00Z,conversion,,,500,\n"
                                 "e2,2026-04-11T09:00:00Z,click,Email,,,\n"
                                 "e2,2026-04-11T12:00:00Z,conversion,,,500,\n"
                                 "d1,2026-05-02T09:00:00Z,click,Display,,,\n"
                                 "d1,2026-05-02T12:00:00Z,conversion,,,100,\n"
                                 "s1,2026-05-03T09:00:00Z,click,Search,,,\n"
                                 "s1,2026-05-03T12:00:00Z,conversion,,,400,\n"
                                 "s2,2026-05-04T09:00:00Z,click,Search,,,\n"
                                 "s2,2026-05-04T12:00:00Z,conversion,,,400,\n"
                                 "s3,2026-05-05T09:00:00Z,click,Search,,,\n"
                                 "s3,2026-05-05T12:00:00Z,conversion,,,400,\n"
                                 "x1,2026-06-01T08:00:00Z,click,Display,,,\n"
                                 "x1,2026-06-01T09:00:00Z,click,Search,,,\n"
                                 "x1,2026-06-01T10:00:00Z,conversion,,,1000,\n";

static const char costs_csv[] = "date,channel,campaign,category,amount\n"
                                "2026-01-15,Email,,media,100\n"
                                "2026-01-15,Display,,media,200\n"
                                "2026-01-15,Search,,media,600\n"
                                "2026-04-01,Email,,media,100\n"
                                "2026-04-01,Display,,media,400\n"
                                "2026-04-01,Search,,media,600\n";

typedef struct
{
  char *dir;
  char *path;
  RdmProject *project;
  RdmMediaMixResult *media_mix; /* the demo's, fitted once for every test */
} Fixture;

static RdmMediaMixResult *demo_media_mix;

static void cli_ok (const char *first, ...) G_GNUC_NULL_TERMINATED;

static void
cli_ok (const char *first, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  if (rdm_test_run_cliv (&out, &err, (const char *const *)args->pdata) != 0)
    g_error ("rendement-cli %s failed: %s", first, err);
}

static void
small_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *events = NULL;
  g_autofree char *costs = NULL;

  fixture->dir = rdm_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "small.rdm", NULL);
  events = rdm_test_write_file (fixture->dir, "events.csv", events_csv);
  costs = rdm_test_write_file (fixture->dir, "costs.csv", costs_csv);
  cli_ok ("new", fixture->path, NULL);
  cli_ok ("import", fixture->path, "--kind", "events", events, NULL);
  cli_ok ("import", fixture->path, "--kind", "costs", costs, NULL);
  cli_ok ("objective", "add", fixture->path, "Sales", "--function", "sales", NULL);
  cli_ok ("kpi", "add", fixture->path, "Sales", "Revenue", "--formula", "value", "--target", "5000",
          NULL);
  cli_ok ("kpi", "add", fixture->path, "Sales", "Spend", "--formula", "cost", "--target", "2000",
          "--lower-is-better", NULL);
  fixture->project = rdm_project_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
demo_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = rdm_test_make_tmpdir ();
  fixture->path = rdm_test_copy_demo (fixture->dir, "demo.rendement");
  fixture->project = rdm_project_open (fixture->path, &error);
  g_assert_no_error (error);
  if (demo_media_mix == NULL)
    {
      RdmMmmOptions options = RDM_MMM_OPTIONS_INIT;

      demo_media_mix = rdm_project_media_mix_result (fixture->project, &options, &error);
      g_assert_no_error (error);
    }
  fixture->media_mix = demo_media_mix;
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  g_clear_object (&fixture->project);
  rdm_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* The review of @period_text under @models_text ("last,first"), shared
 * costs allocated by @rule_text, amounts in euros. */
static RdmDocument *
review (Fixture *fixture, const char *period_text, const char *models_text, const char *rule_text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) models = g_array_new (FALSE, FALSE, sizeof (RdmModel));
  g_auto (RdmSharedRule) rule = { RDM_SHARED_BY_MEDIA, NULL };
  g_auto (GStrv) names = g_strsplit (models_text, ",", -1);
  RdmBranding branding = { .title = (char *)"Revue", .currency = (char *)"EUR" };
  RdmPathOptions path;
  RdmModelOptions model;
  RdmPeriod period;
  RdmReviewRequest request = { 0 };
  RdmDocument *document;

  g_assert_true (rdm_shared_rule_parse (rule_text, &rule, NULL));
  g_assert_true (rdm_period_parse (period_text, &period, NULL));
  for (guint i = 0; names[i] != NULL; i++)
    {
      RdmModel m;

      g_assert_true (rdm_model_from_string (names[i], &m));
      g_array_append_val (models, m);
    }
  rdm_path_options_init (&path);
  rdm_model_options_init (&model);
  request.path = &path;
  request.model = &model;
  request.models = models;
  request.seed = 1;
  request.period = &period;
  request.shared_rule = &rule;
  request.branding = &branding;
  request.today = 1780000000; /* 2026-05-28 */
  request.media_mix = fixture->media_mix;
  document = rdm_review_compute (fixture->project, &request, &error);
  g_assert_no_error (error);
  rdm_path_options_clear (&path);
  rdm_model_options_clear (&model);
  return document;
}

/* The first block of @kind after the section titled @section. */
static const RdmDocumentBlock *
find_block (const RdmDocument *document, const char *section, RdmDocumentBlockKind kind)
{
  gboolean inside = FALSE;

  for (guint i = 0; i < rdm_document_get_n_blocks (document); i++)
    {
      const RdmDocumentBlock *block = rdm_document_get_block (document, i);

      if (block->kind == RDM_DOCUMENT_SECTION)
        inside = g_str_equal (block->text, section);
      else if (inside && block->kind == kind)
        return block;
    }
  return NULL;
}

static gboolean
has_section (const RdmDocument *document, const char *section)
{
  for (guint i = 0; i < rdm_document_get_n_blocks (document); i++)
    {
      const RdmDocumentBlock *block = rdm_document_get_block (document, i);

      if (block->kind == RDM_DOCUMENT_SECTION && g_str_equal (block->text, section))
        return TRUE;
    }
  return FALSE;
}

/* Every cell of every table of @document as a page writes it. */
static GHashTable *
table_texts (const RdmDocument *document)
{
  GHashTable *texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) tables = rdm_document_list_tables (document);

  for (guint t = 0; t < tables->len; t++)
    {
      const RdmDocumentTable *table = g_ptr_array_index (tables, t);

      for (guint r = 0; r < rdm_document_table_get_n_rows (table); r++)
        for (guint c = 0; c < rdm_document_table_get_n_columns (table); c++)
          g_hash_table_add (texts, rdm_document_table_format_cell (
                                       table, r, c, rdm_document_get_currency (document)));
    }
  return texts;
}

/* Every number in @sentence, with its unit, is a cell of a table. */
static void
assert_numbers_in_tables (const char *sentence, GHashTable *texts)
{
  g_autoptr (GRegex) number
      = g_regex_new ("−?[0-9]+(\\.[0-9]+)?( [%€×])?", G_REGEX_DEFAULT, G_REGEX_MATCH_DEFAULT, NULL);
  g_autoptr (GMatchInfo) match = NULL;

  g_regex_match (number, sentence, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *text = g_match_info_fetch (match, 0);
      GHashTableIter iter;
      const char *cell;
      gboolean found = FALSE;

      g_hash_table_iter_init (&iter, texts);
      while (!found && g_hash_table_iter_next (&iter, (gpointer *)&cell, NULL))
        found = strstr (cell, text) != NULL;
      if (!found)
        g_error ("“%s” of “%s” is in no table", text, sentence);
    }
}

static void
test_summary (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmDocument) document = review (fixture, "2026Q2", "last,first", "media");
  const RdmDocumentBlock *summary
      = find_block (document, "Executive summary", RDM_DOCUMENT_BULLETS);
  g_autoptr (GHashTable) texts = table_texts (document);
  const char *const expected[] = {
    "In Q2 2026, 1100 € of costs brought 3300 € of value: an ROI of 200.0 %.",
    "ROI rose from 0.0 % in Q1 2026 (costs 900 €, value 900 €).",
    "Email returned the most: an ROI of 900.0 % on 100 € of media cost.",
    "Display returned the least: an ROI of −75.0 %, a loss.",
    "1 of 2 KPI targets were met.",
    "Missed: Revenue (3300 against a target of 5000).",
    "Display earns under First touch (ROI 175.0 %) and loses under Last touch (ROI −75.0 %): "
    "whether to keep it depends on the model, so test it with an experiment.",
    "From 1 February 2026 to 1 June 2026, the media-mix model credits media with 0 of the 9 "
    "conversions (0.0 %).",
    "For the next quarter at today’s total of 1100 €, the media-mix model’s proposed split "
    "changes conversions by 0 (interval −1 to 1) once the optimism of choosing it on the "
    "same curves is taken off: the data cannot tell it from today’s split, so test before moving "
    "the budget (see Media mix and budget).",
    NULL,
  };

  g_assert_nonnull (summary);
  for (guint i = 0; expected[i] != NULL || summary->items[i] != NULL; i++)
    {
      g_assert_cmpstr (summary->items[i], ==, expected[i]);
      assert_numbers_in_tables (summary->items[i], texts);
    }
}

static void
test_tables (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmDocument) document = review (fixture, "2026Q2", "last,first", "media");
  const RdmDocumentTable *roi = rdm_document_find_table (document, "ROI");
  const RdmDocumentTable *kpis = rdm_document_find_table (document, "KPIs");
  const RdmDocumentTable *by_model = rdm_document_find_table (document, "ROI by model");
  const RdmDocumentTable *models = rdm_document_find_table (document, "Models");
  const RdmDocumentCover *cover = rdm_document_get_cover (document);
  guint total;

  g_assert_cmpstr (cover->title, ==, "Revue");
  g_assert_cmpstr (cover->period_label, ==, "Q2 2026");
  g_assert_cmpstr (cover->period_dates, ==, "1 April 2026 – 30 June 2026");
  g_assert_cmpstr (cover->date, ==, "28 May 2026");
  g_assert_cmpstr (rdm_document_get_footer (document), ==, "Revue · Q2 2026");

  /* Display, Email, Search, Total; ROI, previous ROI and change in points */
  g_assert_nonnull (roi);
  g_assert_cmpuint (rdm_document_table_get_n_rows (roi), ==, 4);
  g_assert_cmpstr (rdm_document_table_get_text (roi, 0, 0), ==, "Display");
  g_assert_cmpfloat_with_epsilon (rdm_document_table_get_number (roi, 0, 1), 400, 1e-9);
  g_assert_cmpfloat_with_epsilon (rdm_document_table_get_number (roi, 0, 3), 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (rdm_document_table_get_number (roi, 0, 5), -0.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (rdm_document_table_get_number (roi, 0, 8), -1, 1e-9);
  g_assert_cmpfloat_with_epsilon (rdm_document_table_get_number (roi, 0, 9), 0.25, 1e-9);
  g_assert_cmpstr (rdm_document_table_get_text (roi, 2, 0), ==, "Search");
  g_assert_cmpfloat_with_epsilon (rdm_document_table_get_number (roi, 2, 5), 1600.0 / 600, 1e-9);
  total = rdm_document_table_get_n_rows (roi) - 1;
  g_assert_true (rdm_document_table_row_is_total (roi, total));
  g_assert_cmpfloat_with_epsilon (rdm_document_table_get_number (roi, total, 1), 1100, 1e-9);
  g_assert_cmpfloat_with_epsilon (rdm_document_table_get_number (roi, total, 3), 3300, 1e-9);
  g_assert_cmpfloat_with_epsilon (rdm_document_table_get_number (roi, total, 6), 3, 1e-9);

  g_assert_nonnull (kpis);
  g_assert_cmpuint (rdm_document_table_get_n_rows (kpis), ==, 2);
  g_assert_cmpstr (rdm_document_table_get_text (kpis, 0, 1), ==, "Revenue");
  g_assert_cmpfloat_with_epsilon (rdm_document_table_get_number (kpis, 0, 3), 3300, 1e-9);
  g_assert_cmpstr (rdm_document_table_get_text (kpis, 0, 5), ==, "Missed");
  g_assert_cmpfloat_with_epsilon (rdm_document_table_get_number (kpis, 0, 6), 900, 1e-9);
  g_assert_cmpstr (rdm_document_table_get_text (kpis, 1, 1), ==, "Spend");
  g_assert_cmpstr (rdm_document_table_get_text (kpis, 1, 5), ==, "Met");

  /* first touch gives Display the Display → Search conversion */
  g_assert_nonnull (by_model);
  g_assert_cmpstr (rdm_document_table_get_text (by_model, 0, 0), ==, "Display");
  g_assert_cmpfloat_with_epsilon (rdm_document_table_get_number (by_model, 0, 1), -0.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (rdm_document_table_get_number (by_model, 0, 2), 1.75, 1e-9);
  g_assert_nonnull (models);
  g_assert_cmpstr (rdm_document_table_get_header (models, 1), ==, "Last touch");
  g_assert_cmpstr (rdm_document_table_get_header (models, 2), ==, "First touch");

  g_assert_true (has_section (document, "Paths"));
  g_assert_true (has_section (document, "Method"));
  g_assert_nonnull (rdm_document_find_table (document, "Settings"));
  g_assert_nonnull (rdm_document_find_table (document, "Time to conversion"));
}

/* One model: no disagreement to report; and the sentences follow it. */
static void
test_one_model (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmDocument) document = review (fixture, "2026Q2", "first", "media");
  const RdmDocumentBlock *summary
      = find_block (document, "Executive summary", RDM_DOCUMENT_BULLETS);

  /* totals (2), best and worst channels, KPIs (2), media mix, budget */
  g_assert_cmpuint (g_strv_length (summary->items), ==, 8);
  g_assert_cmpstr (summary->items[3], ==, "Search returned the least: an ROI of 100.0 %.");
  g_assert_null (rdm_document_find_table (document, "ROI by model"));
}

static const char *
chart_note (const RdmDocument *document, guint nth)
{
  for (guint i = 0; i < rdm_document_get_n_blocks (document); i++)
    {
      const RdmDocumentBlock *block = rdm_document_get_block (document, i);

      /* the chart's note is the note under it */
      if (block->kind == RDM_DOCUMENT_CHART && nth-- == 0)
        {
          const RdmDocumentBlock *next = rdm_document_get_block (document, i + 1);

          g_assert_null (block->chart->note);
          g_assert_cmpint (next->kind, ==, RDM_DOCUMENT_NOTE);
          return next->text;
        }
    }
  g_error ("no chart %u", nth);
}

static void
test_shared_rule (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmDocument) plain = review (fixture, "2026Q3", "linear", "media");
  g_autoptr (RdmDocument) media = NULL;
  g_autoptr (RdmDocument) even = NULL;

  g_assert_true (g_str_has_prefix (chart_note (plain, 0), "Credit is not incrementality"));

  /* 2026-07-09 and 2026-07-30, in Q3: 4000 + 500 = 4500 */
  g_assert_true (rdm_project_exec (fixture->project,
                                   "INSERT INTO shared_cost (day, category, amount, description)"
                                   " VALUES (1783555200, 'other', 4000, 'agency fee'),"
                                   " (1785369600, 'tools', 500, 'tools')",
                                   &error));
  g_assert_no_error (error);
  media = review (fixture, "2026Q3", "linear", "media");
  g_assert_cmpstr (chart_note (media, 0), ==,
                   "Shared costs of 4500.00 (agency fee, tools) are allocated in proportion to "
                   "media spend.");
  g_assert_true (g_str_has_prefix (chart_note (media, 1), "Credit is not incrementality"));

  even = review (fixture, "2026Q3", "linear", "even");
  g_assert_true (g_str_has_prefix (chart_note (even, 0), "Shared costs of 4500.00 (agency fee, "
                                                         "tools) are split equally among the "));
}

/* The demo: a KPI scorecard, truth in the models table, the window chart;
 * every number of the summary in a table. */
static void
test_demo (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmDocument) document
      = review (fixture, "2026Q3", "linear,first,last,markov", "media");
  const RdmDocumentBlock *summary
      = find_block (document, "Executive summary", RDM_DOCUMENT_BULLETS);
  const RdmDocumentTable *models = rdm_document_find_table (document, "Models");
  const RdmDocumentTable *truth;
  g_autoptr (GHashTable) texts = table_texts (document);
  g_autofree char *closest = NULL;
  guint charts = 0;

  g_assert_nonnull (summary);
  g_assert_cmpuint (g_strv_length (summary->items), >=, 4);
  for (guint i = 0; summary->items[i] != NULL; i++)
    assert_numbers_in_tables (summary->items[i], texts);
  g_assert_true (has_section (document, "KPI scorecard"));
  g_assert_cmpstr (rdm_document_table_get_header (models, 1), ==, "Truth");
  /* the models ranked against the truth, the closest first, and named so */
  g_assert_true (has_section (document, "Incrementality"));
  truth = rdm_document_find_table (document, "Truth");
  g_assert_cmpuint (rdm_document_table_get_n_rows (truth), ==, 4);
  for (guint r = 1; r < 4; r++)
    g_assert_cmpfloat (rdm_document_table_get_number (truth, r - 1, 2), <=,
                       rdm_document_table_get_number (truth, r, 2));
  closest = g_strdup_printf ("In this simulated world, %s comes closest to the truth",
                             rdm_document_table_get_text (truth, 0, 0));
  /* the last sentence before the media mix's two, without calibration */
  g_assert_true (g_str_has_prefix (summary->items[g_strv_length (summary->items) - 3], closest));
  g_assert_null (rdm_document_find_table (document, "Calibration"));
  for (guint i = 0; i < rdm_document_get_n_blocks (document); i++)
    charts += rdm_document_get_block (document, i)->kind == RDM_DOCUMENT_CHART;
  /* ROI, cost and value, models, window, media mix by week, response curves, path lengths,
   * overlap */
  g_assert_cmpuint (charts, ==, 8);
}

static void
assert_same_table (const RdmDocument *a, const RdmDocument *b, const char *sheet)
{
  const RdmDocumentTable *first = rdm_document_find_table (a, sheet);
  const RdmDocumentTable *second = rdm_document_find_table (b, sheet);

  g_assert_nonnull (first);
  g_assert_nonnull (second);
  g_assert_cmpuint (rdm_document_table_get_n_rows (first), ==,
                    rdm_document_table_get_n_rows (second));
  for (guint r = 0; r < rdm_document_table_get_n_rows (first); r++)
    for (guint c = 0; c < rdm_document_table_get_n_columns (first); c++)
      {
        g_autofree char *x = rdm_document_table_format_cell (first, r, c, "EUR");
        g_autofree char *y = rdm_document_table_format_cell (second, r, c, "EUR");

        g_assert_cmpstr (x, ==, y);
      }
}

/* The media mix and the budget: the fit's numbers and rdm_budget_plan()'s,
 * the project's events on the weekly chart, and the same numbers whether
 * the caller hands the review its fit (the window) or the review fits
 * (rendement-cli report). */
static void
test_media_mix (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmDocument) document = review (fixture, "2026Q3", "linear", "media");
  g_autoptr (RdmDocument) own_fit = NULL;
  const RdmMmmFit *fit = fixture->media_mix->fit;
  const RdmDocumentTable *mix = rdm_document_find_table (document, "Media mix");
  const RdmDocumentTable *budget = rdm_document_find_table (document, "Budget");
  const RdmDocumentTable *outcome = rdm_document_find_table (document, "Budget outcome");
  const RdmDocumentBlock *summary
      = find_block (document, "Executive summary", RDM_DOCUMENT_BULLETS);
  g_autoptr (GHashTable) texts = table_texts (document);
  RdmBudgetRequest request = { RDM_BUDGET_DEFAULT_WEEKS, NAN, NULL, NULL };
  g_autoptr (RdmBudgetPlan) plan = NULL;
  g_autoptr (GError) error = NULL;
  const RdmChart *weekly = NULL;
  double media = 0, proposed = 0;
  guint n = fit->n_channels;

  g_assert_true (has_section (document, "Media mix and budget"));
  g_assert_nonnull (mix);
  /* the channels, all media, the baseline, the whole outcome */
  g_assert_cmpuint (rdm_document_table_get_n_rows (mix), ==, n + 3);
  for (guint c = 0; c < n; c++)
    {
      g_assert_cmpstr (rdm_document_table_get_text (mix, c, 0), ==, fit->channels[c].channel);
      g_assert_cmpfloat (rdm_document_table_get_number (mix, c, 1), ==, fit->channels[c].spend);
      g_assert_cmpfloat (rdm_document_table_get_number (mix, c, 2), ==,
                         fit->channels[c].contribution.estimate);
      g_assert_cmpfloat (rdm_document_table_get_number (mix, c, 3), ==,
                         fit->channels[c].contribution.low);
      g_assert_cmpfloat (rdm_document_table_get_number (mix, c, 4), ==,
                         fit->channels[c].contribution.high);
      media += fit->channels[c].contribution.estimate;
    }
  g_assert_cmpfloat_with_epsilon (rdm_document_table_get_number (mix, n, 2), media, 1e-9);
  g_assert_cmpfloat (rdm_document_table_get_number (mix, n + 1, 2), ==, fit->baseline.estimate);
  g_assert_cmpfloat (rdm_document_table_get_number (mix, n + 2, 2), ==, fit->total_conversions);

  plan = rdm_budget_plan (fit, fixture->media_mix->data->spend, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rdm_document_table_get_n_rows (budget), ==, n + 1);
  for (guint c = 0; c < n; c++)
    {
      g_assert_cmpfloat (rdm_document_table_get_number (budget, c, 1), ==, plan->current[c]);
      g_assert_cmpfloat (rdm_document_table_get_number (budget, c, 2), ==, plan->proposed[c]);
      proposed += plan->proposed[c];
    }
  /* the proposal spends today's total */
  g_assert_cmpfloat_with_epsilon (rdm_document_table_get_number (budget, n, 2), proposed, 1e-6);
  g_assert_cmpfloat_with_epsilon (rdm_document_table_get_number (budget, n, 1), plan->total, 1e-6);
  g_assert_cmpfloat (rdm_document_table_get_number (outcome, 0, 1), ==,
                     plan->current_expected.estimate);
  g_assert_cmpfloat (rdm_document_table_get_number (outcome, 1, 1), ==,
                     plan->proposed_expected.estimate);
  g_assert_cmpfloat (rdm_document_table_get_number (outcome, 2, 1), ==, plan->gain.estimate);
  g_assert_cmpfloat (rdm_document_table_get_number (outcome, 2, 2), ==, plan->gain.low);
  g_assert_cmpfloat (rdm_document_table_get_number (outcome, 2, 3), ==, plan->gain.high);

  /* the demo's proposal is clear (its gain's interval lies above 0), and the summary says
   * so in the tables' numbers */
  g_assert_cmpint (rdm_budget_plan_verdict (plan), ==, RDM_BUDGET_VERDICT_MOVE);
  g_assert_true (g_str_has_suffix (summary->items[g_strv_length (summary->items) - 1],
                                   "taken off: the data support moving to it."));
  g_assert_true (g_str_has_prefix (summary->items[g_strv_length (summary->items) - 2],
                                   "From 1 October 2024 to 30 September 2026, the media-mix "
                                   "model credits media with "));
  for (guint i = 0; summary->items[i] != NULL; i++)
    assert_numbers_in_tables (summary->items[i], texts);

  /* the weekly chart draws the project's events */
  for (guint i = 0; i < rdm_document_get_n_blocks (document); i++)
    {
      const RdmDocumentBlock *block = rdm_document_get_block (document, i);

      if (block->kind == RDM_DOCUMENT_CHART
          && g_strcmp0 (rdm_chart_get_title (block->chart), "Contributions by Week") == 0)
        weekly = block->chart;
    }
  g_assert_nonnull (weekly);
  g_assert_cmpuint (rdm_chart_get_n_spans (weekly), ==, fixture->media_mix->events->len);
  g_assert_cmpuint (rdm_chart_get_n_spans (weekly), >, 0);

  /* without a fit handed in, the review fits the same model */
  fixture->media_mix = NULL;
  own_fit = review (fixture, "2026Q3", "linear", "media");
  assert_same_table (document, own_fit, "Media mix");
  assert_same_table (document, own_fit, "Budget");
  assert_same_table (document, own_fit, "Budget outcome");
}

/* A project without daily media spend has no media mix section. */
static void
test_no_media_mix (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmDocument) document = NULL;

  g_assert_true (rdm_project_exec (fixture->project, "DELETE FROM cost", NULL));
  document = review (fixture, "2026Q2", "last", "media");
  g_assert_false (has_section (document, "Media mix and budget"));
  g_assert_null (rdm_document_find_table (document, "Media mix"));
  g_assert_null (rdm_document_find_table (document, "Budget"));
}

/* The text of @pdf's pages @first to @last (0: to the end), or with
 * @bbox its words with their boxes, as poppler's pdftotext reads them. */
static char *
pdf_text (const char *pdf, int first, int last, gboolean bbox)
{
  g_autofree char *first_text = g_strdup_printf ("%d", first);
  g_autofree char *last_text = g_strdup_printf ("%d", last);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) "pdftotext");
  if (bbox)
    g_ptr_array_add (argv, (gpointer) "-bbox");
  g_ptr_array_add (argv, (gpointer) "-f");
  g_ptr_array_add (argv, first_text);
  if (last > 0)
    {
      g_ptr_array_add (argv, (gpointer) "-l");
      g_ptr_array_add (argv, last_text);
    }
  g_ptr_array_add (argv, (gpointer)pdf);
  g_ptr_array_add (argv, (gpointer) "-");
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* No word of @pdf runs off its page. */
static void
assert_words_inside (const char *pdf)
{
  g_autofree char *xml = pdf_text (pdf, 1, 0, TRUE);
  g_autoptr (GRegex) page = g_regex_new ("<page width=\"([0-9.]+)\" height=\"([0-9.]+)\">",
                                         G_REGEX_DEFAULT, G_REGEX_MATCH_DEFAULT, NULL);
  g_autoptr (GRegex) word = g_regex_new (
      "<word xMin=\"([0-9.-]+)\" yMin=\"([0-9.-]+)\" xMax=\"([0-9.-]+)\" yMax=\"([0-9.-]+)\">"
      "([^<]*)</word>",
      G_REGEX_DEFAULT, G_REGEX_MATCH_DEFAULT, NULL);
  g_auto (GStrv) pages = g_regex_split (page, xml, G_REGEX_MATCH_DEFAULT);
  g_autoptr (GMatchInfo) size = NULL;
  g_autofree char *width_text = NULL;
  g_autofree char *height_text = NULL;
  guint n_words = 0;
  double width;
  double height;

  g_assert_true (g_regex_match (page, xml, G_REGEX_MATCH_DEFAULT, &size));
  width_text = g_match_info_fetch (size, 1);
  height_text = g_match_info_fetch (size, 2);
  width = g_ascii_strtod (width_text, NULL);
  height = g_ascii_strtod (height_text, NULL);
  for (guint p = 0; pages[p] != NULL; p++)
    {
      g_autoptr (GMatchInfo) match = NULL;

      g_regex_match (word, pages[p], G_REGEX_MATCH_DEFAULT, &match);
      for (; g_match_info_matches (match); g_match_info_next (match, NULL))
        {
          double box[4];

          for (guint i = 0; i < 4; i++)
            {
              g_autofree char *number = g_match_info_fetch (match, (int)i + 1);

              box[i] = g_ascii_strtod (number, NULL);
            }
          if (box[0] < -0.5 || box[1] < -0.5 || box[2] > width + 0.5 || box[3] > height + 0.5)
            g_error ("“%s” runs off its page: %.1f %.1f %.1f %.1f on %.0f × %.0f",
                     g_match_info_fetch (match, 5), box[0], box[1], box[2], box[3], width, height);
          n_words++;
        }
    }
  g_assert_cmpuint (n_words, >, 500);
}

/* The numbers of the executive summary are words of the tables after it. */
static void
assert_summary_numbers_in_tables (const char *text)
{
  const char *start = strstr (text, "Executive summary");
  const char *end = start != NULL ? strstr (start, "\nTotals") : NULL;
  g_autofree char *summary = NULL;
  g_autoptr (GRegex) number
      = g_regex_new ("[−+]?[0-9]+([,.][0-9]+)*", G_REGEX_DEFAULT, G_REGEX_MATCH_DEFAULT, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  g_auto (GStrv) words = NULL;
  guint n_numbers = 0;

  g_assert_nonnull (end);
  summary = g_strndup (start, end - start);
  words = g_regex_split_simple ("\\s+", end, G_REGEX_DEFAULT, G_REGEX_MATCH_DEFAULT);
  g_regex_match (number, summary, G_REGEX_MATCH_DEFAULT, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *found = g_match_info_fetch (match, 0);

      if (!g_strv_contains ((const char *const *)words, found))
        g_error ("“%s” of the summary is in no table", found);
      n_numbers++;
    }
  g_assert_cmpuint (n_numbers, >=, 10);
}

/* "rendement-cli report" in both layouts: the cover names the title,
 * client and quarter; the summary's numbers are in the tables; no word
 * runs off a page; the branding is saved for the next review. */
static void
test_pdf (Fixture *fixture, gconstpointer user_data)
{
  const char *const layouts[] = { "report", "slides" };

  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      g_autofree char *name = g_strconcat (layouts[i], ".pdf", NULL);
      g_autofree char *pdf = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *cover = NULL;
      g_autofree char *text = NULL;

      if (i == 0)
        cli_ok ("report", fixture->path, "--out", pdf, "--layout", layouts[i], "--period", "2026Q3",
                "--title", "Revue trimestrielle", "--client", "Boulangerie Dupont", "--author",
                "Claire Martin", NULL);
      else
        /* the branding given the first time */
        cli_ok ("report", fixture->path, "--out", pdf, "--layout", layouts[i], "--period", "2026Q3",
                NULL);
      cover = pdf_text (pdf, 1, 1, FALSE);
      g_assert_nonnull (strstr (cover, "Revue trimestrielle"));
      g_assert_nonnull (strstr (cover, "Boulangerie Dupont"));
      g_assert_nonnull (strstr (cover, "Claire Martin"));
      g_assert_nonnull (strstr (cover, "Q3 2026"));
      g_assert_nonnull (strstr (cover, "1 July 2026 – 30 September 2026"));
      text = pdf_text (pdf, 1, 0, FALSE);
      assert_summary_numbers_in_tables (text);
      /* the footer: the client, the title and the quarter, and the page */
      g_assert_nonnull (strstr (text, "Boulangerie Dupont · Revue trimestrielle · Q3 2026"));
      g_assert_nonnull (strstr (text, "Page 2 of "));
      assert_words_inside (pdf);
    }
}

/* --lang fr: the review in French, with French numbers and dates,
 * whatever the interface's language. */
static void
test_french (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *locales = g_build_filename (fixture->dir, "locales", NULL);
  g_autofree char *pdf = g_build_filename (fixture->dir, "revue.pdf", NULL);
  g_autofree char *slides = g_build_filename (fixture->dir, "diapositives.pdf", NULL);
  g_autofree char *xlsx_dir = g_build_filename (fixture->dir, "csv", NULL);
  g_autofree char *totals_csv = g_build_filename (xlsx_dir, "Totals.csv", NULL);
  g_autofree char *cover = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpint (g_mkdir (locales, 0700), ==, 0);
  rdm_test_build_locale (locales, "fr_FR");
  g_setenv ("LOCPATH", locales, TRUE);
  g_setenv ("RENDEMENT_LOCALEDIR", g_getenv ("RDM_BUILD_LOCALEDIR"), TRUE);
  cli_ok ("report", fixture->path, "--out", pdf, "--period", "2026Q3", "--lang", "fr", NULL);
  cover = pdf_text (pdf, 1, 1, FALSE);
  g_assert_nonnull (strstr (cover, "Revue trimestrielle"));
  g_assert_nonnull (strstr (cover, "T3 2026"));
  /* the first of a month as French writes it */
  g_assert_nonnull (strstr (cover, "1er juillet 2026 – 30 septembre 2026"));
  text = pdf_text (pdf, 2, 2, FALSE);
  g_assert_nonnull (strstr (text, "Synthèse"));
  g_assert_nonnull (strstr (text, "Page 2 sur "));
  /* the Totals' ROI of Q3 2026, with a decimal comma: (146913.99 +
   * 9266.00 − 100815.93) / 100815.93 (tests/test-roi-page.c) */
  g_assert_nonnull (strstr (text, "54,9"));
  g_assert_null (strstr (text, "Executive summary"));
  assert_words_inside (pdf);
  /* no number with a decimal point anywhere, the charts' included */
  g_clear_pointer (&text, g_free);
  text = pdf_text (pdf, 1, 0, FALSE);
  g_assert_nonnull (strstr (text, "\n4,2\n"));
  g_assert_false (g_regex_match_simple ("(^|\\s)[0-9]+\\.[0-9]+(\\s|$)", text, G_REGEX_MULTILINE,
                                        G_REGEX_MATCH_DEFAULT));
  cli_ok ("report", fixture->path, "--out", slides, "--period", "2026Q3", "--lang", "fr",
          "--layout", "slides", NULL);
  g_clear_pointer (&text, g_free);
  text = pdf_text (slides, 2, 2, FALSE);
  g_assert_nonnull (strstr (text, "Synthèse"));
  assert_words_inside (slides);

  /* the sheets are named in French too */
  cli_ok ("export", fixture->path, "--out", xlsx_dir, "--format", "csv", "--period", "2026Q3",
          "--lang", "fr", NULL);
  g_assert_false (g_file_test (totals_csv, G_FILE_TEST_EXISTS));
  g_unsetenv ("LOCPATH");
  g_unsetenv ("RENDEMENT_LOCALEDIR");
}

/* A language the review does not speak is refused before anything is
 * written. */
static void
test_bad_options (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *pdf = g_build_filename (fixture->dir, "r.pdf", NULL);
  const char *const cases[][3] = {
    { "--lang", "de", "Unknown language “de”: expected en or fr" },
    { "--layout", "poster", "Unknown layout “poster”: expected report or slides" },
    { "--accent", "blue", "“blue” is not a colour: expected #RRGGBB" },
    { "--currency", "euro", "“euro” is not a currency code" },
    { "--logo", "/nonexistent/logo.png", "logo.png" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_auto (RdmBranding) branding = { 0 };

      g_assert_cmpint (rdm_test_run_cli (&out, &err, "report", fixture->path, "--out", pdf,
                                         cases[i][0], cases[i][1], NULL),
                       !=, 0);
      if (strstr (err, cases[i][2]) == NULL)
        g_error ("%s %s: expected “%s” in “%s”", cases[i][0], cases[i][1], cases[i][2], err);
      g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
      g_assert_true (rdm_project_load_branding (fixture->project, &branding, NULL));
      g_assert_null (branding.title);
    }
}

/* A project holding only a GA4 path table: reviewed over the whole table
 * (it has no dates), in both layouts, and exported; time decay, which
 * needs touch times, is left out of the default models. */
static void
test_path_table (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "paths.rdm", NULL);
  g_autofree char *paths = g_build_filename (g_getenv ("RDM_TEST_DATA"), "analytics",
                                             "ga4-conversion-paths.csv", NULL);
  g_autofree char *report = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *slides = g_build_filename (dir, "slides.pdf", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "review.xlsx", NULL);
  g_autofree char *cover = NULL;
  g_autofree char *text = NULL;

  cli_ok ("new", path, NULL);
  cli_ok ("import", path, "--kind", "paths", paths, NULL);
  cli_ok ("report", path, "--out", report, NULL);
  cli_ok ("report", path, "--out", slides, "--layout", "slides", NULL);
  cli_ok ("export", path, "--out", xlsx, NULL);
  cover = pdf_text (report, 1, 1, FALSE);
  g_assert_nonnull (strstr (cover, "All data"));
  text = pdf_text (report, 1, 0, FALSE);
  g_assert_nonnull (strstr (text, "Over all the data, the conversions brought"));
  g_assert_nonnull (strstr (text, "imported path table, which has no dates"));
  g_assert_null (strstr (text, "Time decay"));
  g_assert_null (strstr (text, "Credit by click window"));
  assert_words_inside (report);
  assert_words_inside (slides);
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));
  rdm_test_remove_tree (dir);
}

static void
test_empty_project (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "empty.rdm", NULL);
  g_autofree char *pdf = g_build_filename (dir, "review.pdf", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "review.xlsx", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  cli_ok ("new", path, NULL);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "report", path, "--out", pdf, NULL), !=, 0);
  g_assert_nonnull (strstr (err, "nothing to review"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "export", path, "--out", xlsx, NULL), !=, 0);
  g_assert_nonnull (strstr (err, "nothing to review"));
  g_assert_false (g_file_test (xlsx, G_FILE_TEST_EXISTS));
  rdm_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/review/summary", Fixture, NULL, small_set_up, test_summary, fixture_tear_down);
  g_test_add ("/review/tables", Fixture, NULL, small_set_up, test_tables, fixture_tear_down);
  g_test_add ("/review/one-model", Fixture, NULL, small_set_up, test_one_model, fixture_tear_down);
  g_test_add ("/review/shared-rule", Fixture, NULL, demo_set_up, test_shared_rule,
              fixture_tear_down);
  g_test_add ("/review/demo", Fixture, NULL, demo_set_up, test_demo, fixture_tear_down);
  g_test_add ("/review/media-mix", Fixture, NULL, demo_set_up, test_media_mix, fixture_tear_down);
  g_test_add ("/review/no-media-mix", Fixture, NULL, small_set_up, test_no_media_mix,
              fixture_tear_down);
  g_test_add ("/review/pdf", Fixture, NULL, demo_set_up, test_pdf, fixture_tear_down);
  g_test_add ("/review/french", Fixture, NULL, demo_set_up, test_french, fixture_tear_down);
  g_test_add ("/review/bad-options", Fixture, NULL, demo_set_up, test_bad_options,
              fixture_tear_down);
  g_test_add_func ("/review/path-table", test_path_table);
  g_test_add_func ("/review/empty-project", test_empty_project);

  status = g_test_run ();
  g_clear_pointer (&demo_media_mix, rdm_media_mix_result_unref);
  return status;
}
