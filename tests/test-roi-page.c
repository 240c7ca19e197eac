/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ROI page under a display (Xvfb): creation and finalization, then on
 * the demo project: the table holds, row for row, what
 * rdm_roi_report_compute() gives (what "rendement-cli roi" prints) for the
 * latest quarter under the linear model, and follows the model, the cost
 * categories and the period; the four charts have data; with shared costs
 * added, their rule (the session's setting, chosen on the page) and the
 * channel groups; a project with only a path table. Screenshots go to
 * $RDM_SCREENSHOTS_DIR.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "rdm-event-loader.h"
#include "rdm-import.h"
#include "rdm-project-db.h"
#include "rdm-gui-test-util.h"
#include "rdm-result-row.h"
#include "rdm-roi-page.h"
#include "rdm-roi-report.h"
#include "rdm-test-util.h"

typedef struct
{
  char *dir;
  RdmProject *project;
  RdmEventStore *store;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = rdm_test_make_tmpdir ();
  path = rdm_test_copy_demo (fixture->dir, "demo.rendement");
  fixture->project = rdm_project_open (path, &error);
  g_assert_no_error (error);
  fixture->store = rdm_event_store_load (fixture->project, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_pointer (&fixture->store, rdm_event_store_free);
  g_clear_object (&fixture->project);
  rdm_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gboolean
page_idle (gpointer page)
{
  return !rdm_section_get_busy (RDM_SECTION (page));
}

/* What "rendement-cli roi --model MODEL [--period P] [--categories C]"
 * computes. */
static RdmRoiReport *
expected_report (Fixture *fixture,
                 RdmModel model,
                 RdmLevel level,
                 const char *period_text,
                 RdmCostCategories categories)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmMetrics) metrics = NULL;
  RdmPathOptions path_options;
  RdmModelOptions model_options;
  RdmPeriod period;
  RdmRoiReport *report;
  RdmRoiSettings settings;

  rdm_roi_settings_init (&settings);
  settings.categories = categories;
  if (period_text != NULL)
    g_assert_true (rdm_period_parse (period_text, &period, &error));
  rdm_path_options_init (&path_options);
  rdm_model_options_init (&model_options);
  path_options.level = level;
  path_options.from_time = G_MININT64;
  path_options.to_time = G_MAXINT64;
  metrics = rdm_metrics_new (fixture->project, fixture->store, &path_options, &model_options, NULL,
                             model);
  report = rdm_roi_report_compute (metrics, fixture->project, model, level,
                                   period_text != NULL ? &period : NULL, &settings, &error);
  g_assert_no_error (error);
  rdm_path_options_clear (&path_options);
  rdm_model_options_clear (&model_options);
  return report;
}

static void
assert_figure (RdmResultRow *row, guint column, RdmFigure figure)
{
  double number = rdm_result_row_get_number (row, column);

  if (figure.defined)
    g_assert_cmpfloat (number, ==, figure.value);
  else
    {
      g_assert_true (isnan (number));
      g_assert_cmpstr (rdm_result_row_get_text (row, column), ==, "n/a");
    }
}

static void
assert_row (RdmResultRow *row, const RdmRoiReportRow *expected)
{
  g_assert_cmpstr (rdm_result_row_get_key (row), ==, expected->label);
  g_assert_cmpfloat (rdm_result_row_get_number (row, RDM_ROI_COLUMN_COST), ==, expected->row.cost);
  g_assert_cmpfloat (rdm_result_row_get_number (row, RDM_ROI_COLUMN_SHARED), ==,
                     expected->row.shared);
  g_assert_cmpfloat (rdm_result_row_get_number (row, RDM_ROI_COLUMN_VALUE), ==,
                     expected->row.value);
  g_assert_cmpfloat (rdm_result_row_get_number (row, RDM_ROI_COLUMN_SAVINGS), ==,
                     expected->row.savings);
  assert_figure (row, RDM_ROI_COLUMN_ROI, expected->row.roi);
  assert_figure (row, RDM_ROI_COLUMN_ROAS, expected->row.roas);
  assert_figure (row, RDM_ROI_COLUMN_CPA, expected->row.cpa);
  assert_figure (row, RDM_ROI_COLUMN_COST_PER_CONVERSION, expected->row.cost_per_conversion);
  if (expected->has_previous)
    {
      assert_figure (row, RDM_ROI_COLUMN_PREVIOUS_ROI, expected->previous.roi);
      assert_figure (row, RDM_ROI_COLUMN_CHANGE, expected->change.roi.absolute);
    }
  else
    g_assert_cmpstr (rdm_result_row_get_text (row, RDM_ROI_COLUMN_PREVIOUS_ROI), ==, "—");
}

static void
assert_table (GtkWidget *page, const RdmRoiReport *expected)
{
  GListModel *rows = _rdm_roi_page_get_rows (RDM_ROI_PAGE (page));
  g_autoptr (RdmResultRow) total = NULL;

  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (page)), ==, "report");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, expected->rows->len + 1);
  for (guint i = 0; i < expected->rows->len; i++)
    {
      g_autoptr (RdmResultRow) row = g_list_model_get_item (rows, i);

      assert_row (row, g_ptr_array_index (expected->rows, i));
    }
  total = g_list_model_get_item (rows, expected->rows->len);
  g_assert_cmpstr (rdm_result_row_get_label (total), ==, "Total");
  assert_row (total, &expected->total);
}

static void
assert_close (double shown, const cJSON *printed)
{
  /* the CLI prints 17 significant digits: the same double */
  if (cJSON_IsNull (printed))
    {
      g_assert_true (isnan (shown));
      return;
    }
  g_assert_true (cJSON_IsNumber (printed));
  g_assert_cmpfloat_with_epsilon (shown, printed->valuedouble,
                                  1e-12 * MAX (1.0, fabs (printed->valuedouble)));
}

static void
assert_json_row (RdmResultRow *row, const cJSON *printed)
{
  assert_close (rdm_result_row_get_number (row, RDM_ROI_COLUMN_COST),
                cJSON_GetObjectItem (printed, "cost"));
  assert_close (rdm_result_row_get_number (row, RDM_ROI_COLUMN_SHARED),
                cJSON_GetObjectItem (printed, "shared_cost"));
  assert_close (rdm_result_row_get_number (row, RDM_ROI_COLUMN_VALUE),
                cJSON_GetObjectItem (printed, "value"));
  assert_close (rdm_result_row_get_number (row, RDM_ROI_COLUMN_SAVINGS),
                cJSON_GetObjectItem (printed, "savings"));
  assert_close (rdm_result_row_get_number (row, RDM_ROI_COLUMN_ROI),
                cJSON_GetObjectItem (printed, "roi"));
  assert_close (rdm_result_row_get_number (row, RDM_ROI_COLUMN_ROAS),
                cJSON_GetObjectItem (printed, "roas"));
  assert_close (rdm_result_row_get_number (row, RDM_ROI_COLUMN_CPA),
                cJSON_GetObjectItem (printed, "cpa"));
  assert_close (rdm_result_row_get_number (row, RDM_ROI_COLUMN_COST_PER_CONVERSION),
                cJSON_GetObjectItem (printed, "cost_per_conversion"));
}

/* The page against "rendement-cli roi PROJECT --model MODEL --format json"
 * run as a separate process on the same file. */
static void
assert_matches_cli (GtkWidget *page, Fixture *fixture, const char *model, const char *segment)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  GListModel *rows = _rdm_roi_page_get_rows (RDM_ROI_PAGE (page));
  cJSON *root, *printed_model, *printed_rows;
  guint n;

  if (segment != NULL)
    g_assert_cmpint (rdm_test_run_cli (&out, &err, "roi", rdm_project_get_path (fixture->project),
                                       "--model", model, "--segment", segment, "--format", "json",
                                       NULL),
                     ==, 0);
  else
    g_assert_cmpint (rdm_test_run_cli (&out, &err, "roi", rdm_project_get_path (fixture->project),
                                       "--model", model, "--format", "json", NULL),
                     ==, 0);
  root = cJSON_Parse (out);
  g_assert_nonnull (root);
  /* {"models": [{"model": ..., "rows": [...], "total": {...}}], ...} */
  printed_model = cJSON_GetArrayItem (cJSON_GetObjectItem (root, "models"), 0);
  printed_rows = cJSON_GetObjectItem (printed_model, "rows");
  n = (guint)cJSON_GetArraySize (printed_rows);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n + 1);
  for (guint i = 0; i <= n; i++)
    {
      g_autoptr (RdmResultRow) row = g_list_model_get_item (rows, i);
      const cJSON *printed = i < n ? cJSON_GetArrayItem (printed_rows, (int)i)
                                   : cJSON_GetObjectItem (printed_model, "total");

      if (i < n)
        {
          const char *channel = cJSON_GetObjectItem (printed, "channel")->valuestring;

          g_assert_cmpstr (rdm_result_row_get_key (row), ==, channel);
          /* the name shown: only "(none)" is "No touch"; Direct is a channel */
          g_assert_cmpstr (rdm_result_row_get_label (row), ==,
                           g_str_equal (channel, "(none)") ? "No touch" : channel);
        }
      assert_json_row (row, printed);
    }
  cJSON_Delete (root);
}

static void
test_create_destroy (void)
{
  GtkWidget *page = rdm_roi_page_new ();

  g_object_ref_sink (page);
  g_assert_null (rdm_section_get_project (RDM_SECTION (page)));
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (page)), ==, "no-project");
  g_assert_finalize_object (page);
}

static void
test_demo (Fixture *fixture, gconstpointer data)
{
  g_autoptr (RdmRoiReport) linear = expected_report (fixture, RDM_MODEL_LINEAR, RDM_LEVEL_CHANNEL,
                                                     "2026Q3", RDM_COST_ALL_CATEGORIES);
  g_autoptr (RdmRoiReport) markov = NULL;
  g_autoptr (RdmRoiReport) media = NULL;
  g_autoptr (RdmRoiReport) all_data = NULL;
  g_autoptr (RdmRoiReport) campaigns = NULL;
  g_autoptr (GdkTexture) campaign_shot = NULL;
  g_autoptr (GdkTexture) shot = NULL;
  g_autoptr (RdmResultRow) total = NULL;
  GtkWidget *window = adw_window_new ();
  GtkWidget *page = rdm_roi_page_new ();
  GtkDropDown *periods;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 1000);
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  /* the latest quarter, the period "rendement-cli roi" takes by default
   * (the shared settings default to all the data) */
  g_object_set (
      rdm_project_session_get_settings (rdm_gui_test_set_project (page, fixture->project)),
      "period", "2026Q3", NULL);
  rdm_gui_test_wait (page_idle, page);

  /* linear, Q3 2026, every category: "rendement-cli roi" printed a total
   * cost of 100815.93, a value of 146913.99 and savings of 9266.00 (half
   * the call deflection of July to September: (5604 + 6185 + 6743) / 2),
   * so an ROI of (146913.99 + 9266.00 − 100815.93) / 100815.93 = +54.9 % */
  assert_table (page, linear);
  assert_matches_cli (page, fixture, "linear", NULL);
  total = g_list_model_get_item (_rdm_roi_page_get_rows (RDM_ROI_PAGE (page)), linear->rows->len);
  g_assert_cmpfloat_with_epsilon (rdm_result_row_get_number (total, RDM_ROI_COLUMN_COST), 100815.93,
                                  0.005);
  g_assert_cmpfloat_with_epsilon (rdm_result_row_get_number (total, RDM_ROI_COLUMN_ROI),
                                  (146913.99 + 9266.00 - 100815.93) / 100815.93, 1e-6);
  g_assert_cmpstr (rdm_result_row_get_text (total, RDM_ROI_COLUMN_ROI), ==, "+54.9\u202f%");
  for (guint chart = 0; chart < RDM_ROI_N_CHARTS; chart++)
    {
      RdmChart *shown
          = rdm_chart_view_get_chart (_rdm_roi_page_get_chart (RDM_ROI_PAGE (page), chart));

      g_assert_nonnull (shown);
      g_assert_false (rdm_chart_is_empty (shown));
    }
  /* six models compared */
  g_assert_cmpuint (rdm_chart_get_n_series (rdm_chart_view_get_chart (
                        _rdm_roi_page_get_chart (RDM_ROI_PAGE (page), RDM_ROI_CHART_MODELS))),
                    ==, 6);
  shot = rdm_gui_test_screenshot (window, "roi-demo");

  /* the model */
  _rdm_roi_page_set_model (RDM_ROI_PAGE (page), RDM_MODEL_MARKOV);
  g_assert_true (rdm_section_get_busy (RDM_SECTION (page)));
  rdm_gui_test_wait (page_idle, page);
  markov = expected_report (fixture, RDM_MODEL_MARKOV, RDM_LEVEL_CHANNEL, "2026Q3",
                            RDM_COST_ALL_CATEGORIES);
  assert_table (page, markov);
  assert_matches_cli (page, fixture, "markov", NULL);

  /* media costs only */
  for (guint c = 1; c < RDM_COST_N_CATEGORIES; c++)
    _rdm_roi_page_set_category (RDM_ROI_PAGE (page), c, FALSE);
  rdm_gui_test_wait (page_idle, page);
  media = expected_report (fixture, RDM_MODEL_MARKOV, RDM_LEVEL_CHANNEL, "2026Q3",
                           1u << RDM_COST_MEDIA);
  assert_table (page, media);

  /* all the data: the last entry (after the eight quarters from Q4 2024),
   * no previous period */
  periods = _rdm_roi_page_get_period_dropdown (RDM_ROI_PAGE (page));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (periods)), ==, 9);
  gtk_drop_down_set_selected (periods, 8);
  rdm_gui_test_wait (page_idle, page);
  all_data
      = expected_report (fixture, RDM_MODEL_MARKOV, RDM_LEVEL_CHANNEL, NULL, 1u << RDM_COST_MEDIA);
  assert_table (page, all_data);

  /* campaigns, back on the latest quarter and every cost */
  gtk_drop_down_set_selected (periods, 7);
  rdm_gui_test_wait (page_idle, page);
  for (guint c = 1; c < RDM_COST_N_CATEGORIES; c++)
    _rdm_roi_page_set_category (RDM_ROI_PAGE (page), c, TRUE);
  _rdm_roi_page_set_level (RDM_ROI_PAGE (page), RDM_LEVEL_CAMPAIGN);
  rdm_gui_test_wait (page_idle, page);
  campaigns = expected_report (fixture, RDM_MODEL_MARKOV, RDM_LEVEL_CAMPAIGN, "2026Q3",
                               RDM_COST_ALL_CATEGORIES);
  g_assert_cmpuint (campaigns->rows->len, >, linear->rows->len);
  assert_table (page, campaigns);
  campaign_shot = rdm_gui_test_screenshot (window, "roi-campaigns");

  /* a segment: its attributed value against the channels' costs, as
   * "rendement-cli roi --segment" computes it */
  _rdm_roi_page_set_level (RDM_ROI_PAGE (page), RDM_LEVEL_CHANNEL);
  _rdm_roi_page_set_model (RDM_ROI_PAGE (page), RDM_MODEL_LINEAR);
  _rdm_roi_page_set_segment (RDM_ROI_PAGE (page), "Blog readers aged 25–49");
  rdm_gui_test_wait (page_idle, page);
  assert_matches_cli (page, fixture, "linear", "Blog readers aged 25–49");
  /* the page fits a 900-pixel window beside the sidebar */
  {
    int minimum = 0;

    gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_assert_cmpint (minimum, <=, 640);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The linear model's report of 2026Q3 with the shared costs of @rule. */
static RdmRoiReport *
expected_shared (Fixture *fixture, const char *rule_text, gboolean by_group)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmMetrics) metrics = NULL;
  g_auto (RdmSharedRule) rule = { RDM_SHARED_BY_MEDIA, NULL };
  RdmPathOptions path_options;
  RdmModelOptions model_options;
  RdmRoiSettings settings;
  RdmPeriod period;
  RdmRoiReport *report;

  g_assert_true (rdm_shared_rule_parse (rule_text, &rule, NULL));
  rdm_roi_settings_init (&settings);
  settings.shared_rule = &rule;
  settings.by_group = by_group;
  g_assert_true (rdm_period_parse ("2026Q3", &period, NULL));
  rdm_path_options_init (&path_options);
  rdm_model_options_init (&model_options);
  metrics = rdm_metrics_new (fixture->project, fixture->store, &path_options, &model_options, NULL,
                             RDM_MODEL_LINEAR);
  report = rdm_roi_report_compute (metrics, fixture->project, RDM_MODEL_LINEAR, RDM_LEVEL_CHANNEL,
                                   &period, &settings, &error);
  g_assert_no_error (error);
  rdm_path_options_clear (&path_options);
  rdm_model_options_clear (&model_options);
  return report;
}

/* The demo with an agency fee of 4000 and tools of 500 in 2026Q3 (and a
 * fee of 9999 in 2027, outside it): the Shared column adds up to 4500,
 * the caption states the rule; choosing "even" in the page's list sets the
 * session's "shared-costs", and the table follows, as does the level
 * "Channel Groups". */
static void
test_shared (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmRoiReport) media = NULL;
  g_autoptr (RdmRoiReport) even = NULL;
  g_autoptr (RdmRoiReport) groups = NULL;
  g_autoptr (RdmResultRow) total = NULL;
  g_autoptr (GdkTexture) shot = NULL;
  GtkWidget *window = adw_window_new ();
  GtkWidget *page = rdm_roi_page_new ();
  RdmProjectSession *session;
  GtkDropDown *rules;
  const char *caption;

  g_assert_true (rdm_project_exec (fixture->project,
                                   "INSERT INTO shared_cost (day, category, amount, description)"
                                   " VALUES (1783555200, 'other', 4000, 'agency fee'),"
                                   " (1785369600, 'tools', 500, 'tools'),"
                                   " (1798761600, 'other', 9999, 'next year')",
                                   &error));
  g_assert_no_error (error);
  media = expected_shared (fixture, "media", FALSE);
  /* 2026-07-09 and 2026-07-30 are in Q3, 2027-01-01 is not */
  g_assert_cmpfloat_with_epsilon (media->shared_total, 4500, 1e-6);
  g_assert_cmpfloat_with_epsilon (media->total.row.shared, 4500, 1e-6);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 1000);
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  session = rdm_gui_test_set_project (page, fixture->project);
  g_object_set (rdm_project_session_get_settings (session), "period", "2026Q3", NULL);
  rdm_gui_test_wait (page_idle, page);
  assert_table (page, media);
  total = g_list_model_get_item (_rdm_roi_page_get_rows (RDM_ROI_PAGE (page)), media->rows->len);
  g_assert_cmpfloat_with_epsilon (rdm_result_row_get_number (total, RDM_ROI_COLUMN_SHARED), 4500,
                                  1e-6);
  caption = _rdm_roi_page_get_caption (RDM_ROI_PAGE (page));
  g_assert_nonnull (strstr (caption, "(agency fee, tools) are allocated in proportion to media "
                                     "spend."));
  shot = rdm_gui_test_screenshot (window, "roi-shared");

  /* media, even, then one entry per channel group of the demo */
  rules = _rdm_roi_page_get_shared_dropdown (RDM_ROI_PAGE (page));
  g_assert_cmpuint (gtk_drop_down_get_selected (rules), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (rules)), >, 2);
  g_assert_cmpstr (_rdm_roi_page_get_shared_rule (RDM_ROI_PAGE (page), 1), ==, "even");
  g_assert_true (
      g_str_has_prefix (_rdm_roi_page_get_shared_rule (RDM_ROI_PAGE (page), 2), "group="));
  gtk_drop_down_set_selected (rules, 1);
  g_assert_cmpstr (
      rdm_analysis_settings_get_config (rdm_project_session_get_settings (session))->shared_costs,
      ==, "even");
  rdm_gui_test_wait (page_idle, page);
  even = expected_shared (fixture, "even", FALSE);
  assert_table (page, even);
  caption = _rdm_roi_page_get_caption (RDM_ROI_PAGE (page));
  g_assert_nonnull (strstr (caption, "are split equally among the"));

  /* channel groups, the rows of the report by group */
  _rdm_roi_page_set_level (RDM_ROI_PAGE (page), RDM_LEVEL_GROUP);
  rdm_gui_test_wait (page_idle, page);
  groups = expected_shared (fixture, "even", TRUE);
  g_assert_cmpuint (groups->rows->len, <, even->rows->len);
  assert_table (page, groups);
  g_clear_object (&shot);
  shot = rdm_gui_test_screenshot (window, "roi-groups");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A project of tests/data/import/paths.csv and costs of its channels: the
 * page computes the ROI the CLI does, and says the table has no dates. */
static void
test_path_table (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "paths.rendement", NULL);
  g_autofree char *paths
      = g_build_filename (g_getenv ("RDM_TEST_DATA"), "import", "paths.csv", NULL);
  g_autofree char *costs = rdm_test_write_file (dir, "costs.csv",
                                                "date,channel,campaign,category,amount\n"
                                                "2026-04-10,a,,media,4\n"
                                                "2026-04-12,b,,media,1\n");
  g_autoptr (RdmProject) project = rdm_project_create (path, &error);
  RdmImportOptions options = { 0 };
  GtkWidget *window = adw_window_new ();
  GtkWidget *page = rdm_roi_page_new ();
  GListModel *rows;

  g_assert_no_error (error);
  g_assert_true (rdm_import_file (project, paths, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_true (rdm_import_file (project, costs, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  rdm_gui_test_set_project (page, project);
  rdm_gui_test_wait (page_idle, page);
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (page)), ==, "report");
  /* a, b, c and the total */
  rows = _rdm_roi_page_get_rows (RDM_ROI_PAGE (page));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 4);
  g_assert_nonnull (strstr (_rdm_roi_page_get_caption (RDM_ROI_PAGE (page)),
                            "A path table has no dates: its credit is that of all its paths, "
                            "against the costs of every day of the project."));
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&project);
  rdm_test_remove_tree (dir);
}

static void
test_no_data (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "empty.rendement", NULL);
  g_autoptr (RdmProject) project = rdm_project_create (path, &error);
  GtkWidget *window = adw_window_new ();
  GtkWidget *page = rdm_roi_page_new ();

  g_assert_no_error (error);
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  rdm_gui_test_set_project (page, project);
  rdm_gui_test_wait (page_idle, page);
  /* nothing dated to place a quarter: said on the page, not a crash */
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (page)), ==, "error");
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&project);
  rdm_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  if (!rdm_gui_test_init (&argc, &argv))
    {
      g_test_add_func ("/roi-page/no-display", rdm_gui_test_no_display);
      return g_test_run ();
    }
  g_test_add_func ("/roi-page/create-destroy", test_create_destroy);
  g_test_add ("/roi-page/demo", Fixture, NULL, fixture_set_up, test_demo, fixture_tear_down);
  g_test_add ("/roi-page/shared", Fixture, NULL, fixture_set_up, test_shared, fixture_tear_down);
  g_test_add_func ("/roi-page/path-table", test_path_table);
  g_test_add_func ("/roi-page/no-data", test_no_data);
  return g_test_run ();
}
