/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Overview page under a display (Xvfb): creation and finalization,
 * then on the demo project with the suggested KPIs: every card shows what
 * rdm_kpi_report_compute() gives (what "rendement-cli kpis" prints) for the
 * latest quarter, the quarter selector recomputes them, and a project
 * without KPIs shows the empty state whose button adds the suggested ones.
 * Screenshots go to $RDM_SCREENSHOTS_DIR.
 */
#include "config.h"

#include <math.h>
#include <cjson/cJSON.h>

#include "rdm-event-loader.h"
#include "rdm-gui-test-util.h"
#include "rdm-kpi-editor.h"
#include "rdm-kpi-report.h"
#include "rdm-overview-page.h"
#include "rdm-project-db.h"
#include "rdm-suggested-kpis.h"
#include "rdm-test-util.h"

typedef struct
{
  char *dir;
  RdmProject *project;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = rdm_test_make_tmpdir ();
  if (GPOINTER_TO_INT (data))
    {
      path = rdm_test_copy_demo (fixture->dir, "demo.rendement");
      fixture->project = rdm_project_open (path, &error);
      g_assert_no_error (error);
      /* the demo may come with a scorecard: these tests build their own */
      g_assert_true (rdm_project_exec (fixture->project, "DELETE FROM kpi", &error));
      g_assert_no_error (error);
    }
  else
    {
      path = g_build_filename (fixture->dir, "demo.rendement", NULL);
      fixture->project = rdm_project_create (path, &error);
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->project);
  rdm_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gboolean
page_idle (gpointer page)
{
  return !rdm_section_get_busy (RDM_SECTION (page));
}

static GtkWidget *
show_page (RdmProject *project, GtkWidget **out_window)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *page = rdm_overview_page_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 860);
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  rdm_gui_test_set_project (page, project);
  rdm_gui_test_wait (page_idle, page);
  *out_window = window;
  return page;
}

/* The scorecard as "rendement-cli kpis --period PERIOD" computes it. */
static GPtrArray *
expected_results (RdmProject *project, const char *period_text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmEventStore) store = rdm_event_store_load (project, NULL, &error);
  g_autoptr (RdmMetrics) metrics = NULL;
  RdmPathOptions path_options;
  RdmModelOptions model_options;
  RdmPeriod period;
  GPtrArray *results;

  g_assert_no_error (error);
  g_assert_true (rdm_period_parse (period_text, &period, &error));
  rdm_path_options_init (&path_options);
  rdm_model_options_init (&model_options);
  path_options.from_time = G_MININT64;
  path_options.to_time = G_MAXINT64;
  metrics = rdm_metrics_new (project, store, &path_options, &model_options, NULL, RDM_MODEL_LINEAR);
  results = rdm_kpi_report_compute (metrics, project, &period, &error);
  g_assert_no_error (error);
  rdm_path_options_clear (&path_options);
  rdm_model_options_clear (&model_options);
  return results;
}

static void
assert_cards (GtkWidget *page, GPtrArray *expected)
{
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (page)), ==, "scorecard");
  for (guint i = 0; i < expected->len; i++)
    {
      const RdmKpiResult *result = g_ptr_array_index (expected, i);
      g_autofree char *value = rdm_kpi_format_value (result->actual, result->kpi->unit);
      g_autofree char *previous = rdm_kpi_format_value (result->change.previous, result->kpi->unit);

      g_assert_null (result->error);
      g_assert_cmpstr (_rdm_overview_page_get_card_text (RDM_OVERVIEW_PAGE (page),
                                                         result->kpi->objective, result->kpi->name,
                                                         "value"),
                       ==, value);
      g_assert_cmpstr (_rdm_overview_page_get_card_text (RDM_OVERVIEW_PAGE (page),
                                                         result->kpi->objective, result->kpi->name,
                                                         "previous"),
                       ==, previous);
    }
}

static RdmFigure
json_figure (const cJSON *item)
{
  if (cJSON_IsNull (item))
    return (RdmFigure){ 0, FALSE };
  g_assert_true (cJSON_IsNumber (item));
  return (RdmFigure){ item->valuedouble, TRUE };
}

/* The cards against "rendement-cli kpis PROJECT [--period P] --format
 * json" run as a separate process on the same file. */
static void
assert_matches_cli (GtkWidget *page, RdmProject *project, const char *period)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  cJSON *root, *kpis;
  int status;

  if (period != NULL)
    status = rdm_test_run_cli (&out, &err, "kpis", rdm_project_get_path (project), "--period",
                               period, "--format", "json", NULL);
  else
    status = rdm_test_run_cli (&out, &err, "kpis", rdm_project_get_path (project), "--format",
                               "json", NULL);
  g_assert_cmpint (status, ==, 0);
  root = cJSON_Parse (out);
  g_assert_nonnull (root);
  kpis = cJSON_GetObjectItem (root, "kpis");
  g_assert_cmpint (cJSON_GetArraySize (kpis), ==, 6);
  for (int i = 0; i < cJSON_GetArraySize (kpis); i++)
    {
      const cJSON *kpi = cJSON_GetArrayItem (kpis, i);
      const char *objective = cJSON_GetObjectItem (kpi, "objective")->valuestring;
      const char *name = cJSON_GetObjectItem (kpi, "name")->valuestring;
      const char *unit = cJSON_GetObjectItem (kpi, "unit")->valuestring;
      g_autofree char *value
          = rdm_kpi_format_value (json_figure (cJSON_GetObjectItem (kpi, "value")), unit);
      g_autofree char *previous
          = rdm_kpi_format_value (json_figure (cJSON_GetObjectItem (kpi, "previous")), unit);

      g_assert_cmpstr (
          _rdm_overview_page_get_card_text (RDM_OVERVIEW_PAGE (page), objective, name, "value"), ==,
          value);
      g_assert_cmpstr (
          _rdm_overview_page_get_card_text (RDM_OVERVIEW_PAGE (page), objective, name, "previous"),
          ==, previous);
    }
  cJSON_Delete (root);
}

static void
test_create_destroy (void)
{
  GtkWidget *page = rdm_overview_page_new ();

  g_object_ref_sink (page);
  g_assert_null (rdm_section_get_project (RDM_SECTION (page)));
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (page)), ==, "no-project");
  g_assert_false (rdm_section_get_busy (RDM_SECTION (page)));
  g_assert_finalize_object (page);
}

static void
test_format (void)
{
  g_autofree char *percent = rdm_kpi_format_value ((RdmFigure){ 37.6, TRUE }, "%");
  g_autofree char *euros = rdm_kpi_format_value ((RdmFigure){ 18629, TRUE }, "€");
  g_autofree char *ratio = rdm_kpi_format_value ((RdmFigure){ 0.7412, TRUE }, "×");
  g_autofree char *score = rdm_kpi_format_value ((RdmFigure){ 7.866, TRUE }, "/10");
  g_autofree char *plain = rdm_kpi_format_value ((RdmFigure){ -3.5, TRUE }, "");
  g_autofree char *missing = rdm_kpi_format_value ((RdmFigure){ 0, FALSE }, "€");

  /* C.UTF-8: "." and no grouping; 2 decimals under 10, 1 under 1000, 0 above */
  g_assert_cmpstr (percent, ==, "37.6\u202f%");
  g_assert_cmpstr (euros, ==, "18629\u202f€");
  g_assert_cmpstr (ratio, ==, "0.74×");
  g_assert_cmpstr (score, ==, "7.87/10");
  g_assert_cmpstr (plain, ==, "-3.50");
  g_assert_cmpstr (missing, ==, "n/a");
}

static void
test_demo_scorecard (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) q3 = NULL;
  g_autoptr (GPtrArray) q2 = NULL;
  g_autoptr (GdkTexture) shot = NULL;
  GtkWidget *window, *page;
  GtkDropDown *dropdown;
  guint n_added = 0;

  g_assert_true (rdm_project_add_suggested_kpis (fixture->project, &n_added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, 6);
  page = show_page (fixture->project, &window);

  /* the demo's daily totals run from October 2024 to September 2026:
   * eight quarters, the latest selected */
  dropdown = _rdm_overview_page_get_period_dropdown (RDM_OVERVIEW_PAGE (page));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==, 8);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 7);
  g_assert_cmpstr (
      gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (dropdown)), 0), ==,
      "Q4 2024");
  g_assert_cmpstr (
      gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (dropdown)), 7), ==,
      "Q3 2026");

  q3 = expected_results (fixture->project, "2026Q3");
  g_assert_cmpuint (q3->len, ==, 6);
  assert_cards (page, q3);
  /* the CLI's default is each KPI's latest quarter, Q3 here */
  assert_matches_cli (page, fixture->project, NULL);
  /* "rendement-cli kpis" printed 33.80 for brand awareness (the last
   * reading of the Q3 wave, 7 September), 39.10 in Q2 (8 June's) */
  g_assert_cmpstr (_rdm_overview_page_get_card_text (RDM_OVERVIEW_PAGE (page),
                                                     "Build brand awareness", "Brand awareness",
                                                     "value"),
                   ==, "33.8\u202f%");
  g_assert_cmpstr (_rdm_overview_page_get_card_text (RDM_OVERVIEW_PAGE (page),
                                                     "Build brand awareness", "Brand awareness",
                                                     "previous"),
                   ==, "39.1\u202f%");
  /* 33.8 under the target of 40: missed; (33.8 − 39.1) / 39.1 = −13.6 % */
  g_assert_cmpstr (_rdm_overview_page_get_card_text (RDM_OVERVIEW_PAGE (page),
                                                     "Build brand awareness", "Brand awareness",
                                                     "status"),
                   ==, "Target missed");
  g_assert_nonnull (
      strstr (_rdm_overview_page_get_card_text (RDM_OVERVIEW_PAGE (page), "Build brand awareness",
                                                "Brand awareness", "change"),
              "▼ 13.6 %"));
  g_assert_cmpstr (_rdm_overview_page_get_card_text (RDM_OVERVIEW_PAGE (page), "Grow online sales",
                                                     "Cost per acquisition", "target"),
                   ==, "Target ≤ 60.0\u202f€");
  shot = rdm_gui_test_screenshot (window, "overview-demo");
  g_assert_cmpint (gdk_texture_get_width (shot), >, 0);

  /* a card's edit button opens the editor on its KPI */
  g_assert_true (gtk_widget_activate_action (page, "overview.edit-kpi", "(ss)",
                                             "Build brand awareness", "Brand awareness"));
  {
    GListModel *toplevels = gtk_window_get_toplevels (); /* owned by GTK */
    RdmKpiEditor *editor = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

        if (RDM_IS_KPI_EDITOR (toplevel))
          editor = RDM_KPI_EDITOR (toplevel);
      }
    g_assert_nonnull (editor);
    g_assert_cmpstr (gtk_editable_get_text (_rdm_kpi_editor_get_formula_entry (editor)), ==,
                     "series[\"brand_awareness\"]");
    gtk_window_destroy (GTK_WINDOW (editor));
  }

  /* Q2: recomputed; its previous quarter, Q1 2026, has a survey wave too
   * (the journeys start in April, the daily totals earlier):
   * "rendement-cli kpis --period 2026Q2" printed 39.10 and 36.50 */
  gtk_drop_down_set_selected (dropdown, 6);
  g_assert_true (rdm_section_get_busy (RDM_SECTION (page)));
  rdm_gui_test_wait (page_idle, page);
  q2 = expected_results (fixture->project, "2026Q2");
  assert_cards (page, q2);
  assert_matches_cli (page, fixture->project, "2026Q2");
  g_assert_cmpstr (_rdm_overview_page_get_card_text (RDM_OVERVIEW_PAGE (page),
                                                     "Build brand awareness", "Brand awareness",
                                                     "value"),
                   ==, "39.1\u202f%");
  g_assert_cmpstr (_rdm_overview_page_get_card_text (RDM_OVERVIEW_PAGE (page),
                                                     "Build brand awareness", "Brand awareness",
                                                     "previous"),
                   ==, "36.5\u202f%");
  /* the page fits a 900-pixel window beside the sidebar */
  {
    int minimum = 0;

    gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_assert_cmpint (minimum, <=, 640);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_empty_then_suggested (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) kpis = NULL;
  g_autoptr (GdkTexture) shot = NULL;
  GtkWidget *window, *page;

  page = show_page (fixture->project, &window);
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (page)), ==, "no-kpis");
  shot = rdm_gui_test_screenshot (window, "overview-empty");

  g_assert_true (gtk_widget_activate_action (page, "overview.add-suggested", NULL));
  rdm_gui_test_wait (page_idle, page);
  kpis = rdm_project_list_kpis (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kpis->len, ==, 6);
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (page)), ==, "scorecard");
  g_assert_nonnull (_rdm_overview_page_get_card_text (
      RDM_OVERVIEW_PAGE (page), "Reduce support calls", "Customer satisfaction", "value"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_formula_error_on_card (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkTexture) shot = NULL;
  GtkWidget *window, *page;
  RdmKpi kpi = { 0 };

  /* a file from elsewhere may hold a formula our parser rejects: the
   * card shows the error instead of the scorecard failing */
  g_assert_true (rdm_project_add_objective (fixture->project, "Grow", "sales", "", &error));
  kpi.objective = (char *)"Grow";
  kpi.name = (char *)"Broken";
  kpi.formula = (char *)"cost";
  kpi.unit = (char *)"";
  kpi.period = RDM_PERIOD_QUARTER;
  g_assert_true (rdm_project_add_kpi (fixture->project, &kpi, &error));
  g_assert_no_error (error);
  g_assert_true (rdm_project_exec (fixture->project, "UPDATE kpi SET formula = 'cost +'", &error));
  g_assert_no_error (error);
  page = show_page (fixture->project, &window);
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (page)), ==, "scorecard");
  g_assert_nonnull (
      _rdm_overview_page_get_card_text (RDM_OVERVIEW_PAGE (page), "Grow", "Broken", "error"));
  g_assert_cmpstr (
      _rdm_overview_page_get_card_text (RDM_OVERVIEW_PAGE (page), "Grow", "Broken", "value"), ==,
      "n/a");
  /* the demo's objectives have no KPI here: each says so */
  shot = rdm_gui_test_screenshot (window, "overview-formula-error");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_no_dated_data (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  GtkWidget *window, *page;
  RdmKpi kpi = { 0 };

  /* no KPI: the empty state, whose buttons add some */
  page = show_page (fixture->project, &window);
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (page)), ==, "no-kpis");
  gtk_window_destroy (GTK_WINDOW (window));

  /* a KPI but no data to place its period: said plainly */
  g_assert_true (rdm_project_add_objective (fixture->project, "Grow", "sales", "", &error));
  kpi.objective = (char *)"Grow";
  kpi.name = (char *)"Spend";
  kpi.formula = (char *)"cost";
  kpi.unit = (char *)"€";
  kpi.period = RDM_PERIOD_QUARTER;
  g_assert_true (rdm_project_add_kpi (fixture->project, &kpi, &error));
  g_assert_no_error (error);
  page = show_page (fixture->project, &window);
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (page)), ==, "error");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  if (!rdm_gui_test_init (&argc, &argv))
    {
      g_test_add_func ("/overview-page/no-display", rdm_gui_test_no_display);
      return g_test_run ();
    }
  g_test_add_func ("/overview-page/create-destroy", test_create_destroy);
  g_test_add_func ("/overview-page/format", test_format);
  g_test_add ("/overview-page/demo-scorecard", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up,
              test_demo_scorecard, fixture_tear_down);
  g_test_add ("/overview-page/empty-then-suggested", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_empty_then_suggested, fixture_tear_down);
  g_test_add ("/overview-page/formula-error-on-card", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_formula_error_on_card, fixture_tear_down);
  g_test_add ("/overview-page/no-dated-data", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up,
              test_no_dated_data, fixture_tear_down);
  return g_test_run ();
}
