/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The KPI editor under a display (Xvfb), on the demo project: creation and
 * finalization; a bad formula is reported as typed with its column and
 * refused on save with the cursor there, the project unchanged; a good one
 * is saved and then shows on the Overview with the value
 * rdm_kpi_report_compute() gives; editing keeps the KPI's manual values;
 * objectives and initiatives (with their campaigns) are added too.
 */
#include "config.h"

#include "rdm-demo.h"
#include "rdm-event-loader.h"
#include "rdm-formula.h"
#include "rdm-gui-test-util.h"
#include "rdm-kpi-editor.h"
#include "rdm-kpi-report.h"
#include "rdm-overview-page.h"
#include "rdm-project-db.h"
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
  path = rdm_test_copy_demo (fixture->dir, "demo.rendement");
  fixture->project = rdm_project_open (path, &error);
  g_assert_no_error (error);
  /* the demo may come with a scorecard: these tests build their own */
  g_assert_true (rdm_project_exec (fixture->project, "DELETE FROM kpi", &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->project);
  rdm_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
on_saved (RdmKpiEditor *editor, gpointer data)
{
  (*(int *)data)++;
}

static guint
n_kpis (RdmProject *project)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) kpis = rdm_project_list_kpis (project, &error);

  g_assert_no_error (error);
  return kpis->len;
}

static void
test_create_destroy (Fixture *fixture, gconstpointer data)
{
  RdmKpiEditor *editor = rdm_kpi_editor_new (fixture->project);

  g_object_ref (editor);
  /* the demo has objectives: the KPI page comes first */
  g_assert_cmpint (rdm_kpi_editor_get_mode (editor), ==, RDM_KPI_EDITOR_KPI);
  g_assert_cmpuint (_rdm_kpi_editor_get_error_column (editor), ==, 0);
  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_finalize_object (editor);
}

static void
test_bad_formula (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkTexture) shot = NULL;
  RdmKpiEditor *editor = rdm_kpi_editor_new (fixture->project);
  GtkEditable *formula = _rdm_kpi_editor_get_formula_entry (editor);
  int saved = 0;

  g_signal_connect (editor, "saved", G_CALLBACK (on_saved), &saved);
  gtk_window_present (GTK_WINDOW (editor));
  gtk_editable_set_text (_rdm_kpi_editor_get_name_entry (editor, RDM_KPI_EDITOR_KPI), "Mix");

  /* "value +* cost": "value" is 1-5, " " 6, "+" 7, so the "*" is column 8, where an operand was
   * expected; checked as typed */
  gtk_editable_set_text (formula, "value +* cost");
  g_assert_cmpuint (_rdm_kpi_editor_get_error_column (editor), ==, 8);
  g_assert_true (g_str_has_prefix (_rdm_kpi_editor_get_formula_message (editor), "column 8: "));
  rdm_gui_test_settle (NULL);
  shot = rdm_gui_test_screenshot (GTK_WIDGET (editor), "kpi-editor-bad-formula");

  /* refused on save: the error, the cursor before the "*", nothing written */
  g_assert_false (rdm_kpi_editor_save (editor, &error));
  g_assert_error (error, RDM_FORMULA_ERROR, RDM_FORMULA_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "column 8: "));
  g_assert_cmpint (gtk_editable_get_position (formula), ==, 7);
  g_assert_cmpint (saved, ==, 0);
  g_assert_cmpuint (n_kpis (fixture->project), ==, 0);
  g_clear_error (&error);

  /* an unclosed parenthesis: the end of the text, column 14 */
  gtk_editable_set_text (formula, "value / (cost");
  g_assert_cmpuint (_rdm_kpi_editor_get_error_column (editor), ==, 14);

  /* and a good one clears it */
  gtk_editable_set_text (formula, "value / (cost)");
  g_assert_cmpuint (_rdm_kpi_editor_get_error_column (editor), ==, 0);
  g_assert_cmpstr (_rdm_kpi_editor_get_formula_message (editor), ==, "The formula is valid.");

  /* the Insert menu: a function's cursor lands between its parentheses;
   * "value / " is 8 characters, "growth()" 8 more, so the cursor is at 15 */
  gtk_editable_set_text (formula, "value / ");
  gtk_editable_set_position (formula, -1);
  g_assert_true (_rdm_kpi_editor_insert (editor, "growth()"));
  g_assert_cmpstr (gtk_editable_get_text (formula), ==, "value / growth()");
  g_assert_cmpint (gtk_editable_get_position (formula), ==, 15);
  g_assert_true (_rdm_kpi_editor_insert (editor, "followers"));
  g_assert_cmpstr (gtk_editable_get_text (formula), ==, "value / growth(followers)");
  g_assert_cmpuint (_rdm_kpi_editor_get_error_column (editor), ==, 0);
  g_assert_false (_rdm_kpi_editor_insert (editor, "DROP TABLE"));

  /* a KPI needs a name */
  gtk_editable_set_text (_rdm_kpi_editor_get_name_entry (editor, RDM_KPI_EDITOR_KPI), "  ");
  g_assert_false (rdm_kpi_editor_save (editor, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "A name is required");
  g_assert_cmpuint (n_kpis (fixture->project), ==, 0);
  gtk_window_destroy (GTK_WINDOW (editor));
}

static gboolean
page_idle (gpointer page)
{
  return !rdm_section_get_busy (RDM_SECTION (page));
}

static void
test_good_formula_on_overview (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmEventStore) store = NULL;
  g_autoptr (RdmMetrics) metrics = NULL;
  g_autoptr (GPtrArray) expected = NULL;
  g_autoptr (GPtrArray) kpis = NULL;
  g_autoptr (GdkTexture) shot = NULL;
  RdmKpiEditor *editor = rdm_kpi_editor_new (fixture->project);
  const RdmKpiResult *result;
  const RdmKpi *kpi;
  GtkWidget *window, *page;
  RdmPathOptions path_options;
  RdmModelOptions model_options;
  RdmPeriod q3;
  g_autofree char *value = NULL;
  int saved = 0;

  g_signal_connect (editor, "saved", G_CALLBACK (on_saved), &saved);
  gtk_window_present (GTK_WINDOW (editor));
  gtk_editable_set_text (_rdm_kpi_editor_get_name_entry (editor, RDM_KPI_EDITOR_KPI), "Email ROAS");
  gtk_editable_set_text (_rdm_kpi_editor_get_formula_entry (editor),
                         "value[channel=\"Email\"] / cost[channel=\"Email\"]");
  rdm_gui_test_settle (NULL);
  shot = rdm_gui_test_screenshot (GTK_WIDGET (editor), "kpi-editor");
  g_assert_true (rdm_kpi_editor_save (editor, &error));
  g_assert_no_error (error);
  g_assert_cmpint (saved, ==, 1);

  kpis = rdm_project_list_kpis (fixture->project, &error);
  g_assert_cmpuint (kpis->len, ==, 1);
  kpi = g_ptr_array_index (kpis, 0);
  /* the first objective of the list, by name */
  g_assert_cmpstr (kpi->objective, ==, "Build brand awareness");
  g_assert_cmpstr (kpi->formula, ==, "value[channel=\"Email\"] / cost[channel=\"Email\"]");
  /* no target unless switched on */
  g_assert_false (kpi->has_target);
  g_assert_cmpint (kpi->period, ==, RDM_PERIOD_QUARTER);

  window = adw_window_new ();
  page = rdm_overview_page_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  rdm_gui_test_set_project (page, fixture->project);
  rdm_gui_test_wait (page_idle, page);

  store = rdm_event_store_load (fixture->project, NULL, &error);
  rdm_path_options_init (&path_options);
  rdm_model_options_init (&model_options);
  path_options.from_time = G_MININT64;
  path_options.to_time = G_MAXINT64;
  metrics = rdm_metrics_new (fixture->project, store, &path_options, &model_options, NULL,
                             RDM_MODEL_LINEAR);
  g_assert_true (rdm_period_parse ("2026Q3", &q3, &error));
  expected = rdm_kpi_report_compute (metrics, fixture->project, &q3, &error);
  g_assert_no_error (error);
  result = g_ptr_array_index (expected, 0);
  g_assert_true (result->actual.defined);
  value = rdm_kpi_format_value (result->actual, "");
  g_assert_cmpstr (_rdm_overview_page_get_card_text (
                       RDM_OVERVIEW_PAGE (page), "Build brand awareness", "Email ROAS", "value"),
                   ==, value);
  rdm_path_options_clear (&path_options);
  rdm_model_options_clear (&model_options);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_edit_keeps_values (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) kpis = NULL;
  RdmKpiEditor *editor;
  const RdmKpi *kpi;
  RdmKpi added = { 0 };
  sqlite3_stmt *stmt;

  added.objective = (char *)"Reduce support calls";
  added.name = (char *)"Survey";
  added.formula = (char *)"manual";
  added.unit = (char *)"";
  added.period = RDM_PERIOD_QUARTER;
  g_assert_true (rdm_project_add_kpi (fixture->project, &added, &error));
  g_assert_true (rdm_project_add_kpi_value (fixture->project, "Reduce support calls", "Survey",
                                            RDM_DEMO_FIRST_DAY, 4.5, "poll", &error));
  g_assert_no_error (error);
  kpis = rdm_project_list_kpis (fixture->project, &error);

  editor = rdm_kpi_editor_new (fixture->project);
  rdm_kpi_editor_edit_kpi (editor, g_ptr_array_index (kpis, 0));
  gtk_editable_set_text (_rdm_kpi_editor_get_name_entry (editor, RDM_KPI_EDITOR_KPI),
                         "Satisfaction survey");
  gtk_editable_set_text (_rdm_kpi_editor_get_formula_entry (editor), "avg(manual)");
  g_assert_true (rdm_kpi_editor_save (editor, &error));
  g_assert_no_error (error);

  g_clear_pointer (&kpis, g_ptr_array_unref);
  kpis = rdm_project_list_kpis (fixture->project, &error);
  g_assert_cmpuint (kpis->len, ==, 1);
  kpi = g_ptr_array_index (kpis, 0);
  g_assert_cmpstr (kpi->name, ==, "Satisfaction survey");
  g_assert_cmpstr (kpi->formula, ==, "avg(manual)");
  g_assert_false (kpi->has_target);
  stmt = rdm_project_prepare (fixture->project, "SELECT COUNT(*) FROM kpi_value", &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_reset (stmt);

  /* and removing it takes its values along */
  editor = rdm_kpi_editor_new (fixture->project);
  rdm_kpi_editor_edit_kpi (editor, kpi);
  g_assert_true (rdm_kpi_editor_remove (editor, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_kpis (fixture->project), ==, 0);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_reset (stmt);
}

static void
test_objective_and_initiative (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) objectives = NULL;
  g_autoptr (GPtrArray) initiatives = NULL;
  g_autoptr (GdkTexture) shot = NULL;
  RdmKpiEditor *editor = rdm_kpi_editor_new (fixture->project);
  gboolean found = FALSE;

  rdm_kpi_editor_set_mode (editor, RDM_KPI_EDITOR_OBJECTIVE);
  gtk_window_present (GTK_WINDOW (editor));
  /* a name already used is refused, the project unchanged */
  gtk_editable_set_text (_rdm_kpi_editor_get_name_entry (editor, RDM_KPI_EDITOR_OBJECTIVE),
                         "Grow online sales");
  g_assert_false (rdm_kpi_editor_save (editor, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  gtk_editable_set_text (_rdm_kpi_editor_get_name_entry (editor, RDM_KPI_EDITOR_OBJECTIVE),
                         "Hire community managers");
  g_assert_true (rdm_kpi_editor_save (editor, &error));
  g_assert_no_error (error);
  objectives = rdm_project_list_objectives (fixture->project, &error);
  g_assert_cmpuint (objectives->len, ==, 4);
  for (guint i = 0; i < objectives->len; i++)
    {
      const RdmObjective *objective = g_ptr_array_index (objectives, i);

      if (g_str_equal (objective->name, "Hire community managers"))
        {
          /* the first business function of the list */
          g_assert_cmpstr (objective->business_function, ==, rdm_business_functions ()[0]);
          found = TRUE;
        }
    }
  g_assert_true (found);

  editor = rdm_kpi_editor_new (fixture->project);
  rdm_kpi_editor_set_mode (editor, RDM_KPI_EDITOR_INITIATIVE);
  gtk_window_present (GTK_WINDOW (editor));
  gtk_editable_set_text (_rdm_kpi_editor_get_name_entry (editor, RDM_KPI_EDITOR_INITIATIVE),
                         "Podcast");
  g_assert_true (_rdm_kpi_editor_check_campaign (editor, 0));
  rdm_gui_test_settle (NULL);
  shot = rdm_gui_test_screenshot (GTK_WIDGET (editor), "kpi-editor-initiative");
  g_assert_true (rdm_kpi_editor_save (editor, &error));
  g_assert_no_error (error);
  initiatives = rdm_project_list_initiatives (fixture->project, &error);
  found = FALSE;
  for (guint i = 0; i < initiatives->len; i++)
    {
      const RdmInitiative *initiative = g_ptr_array_index (initiatives, i);

      if (g_str_equal (initiative->name, "Podcast"))
        {
          g_assert_cmpstr (initiative->objective, ==, "Build brand awareness");
          g_assert_nonnull (initiative->campaigns[0]);
          g_assert_null (initiative->campaigns[1]);
          found = TRUE;
        }
    }
  g_assert_true (found);
}

int
main (int argc, char **argv)
{
  if (!rdm_gui_test_init (&argc, &argv))
    {
      g_test_add_func ("/kpi-editor/no-display", rdm_gui_test_no_display);
      return g_test_run ();
    }
  g_test_add ("/kpi-editor/create-destroy", Fixture, NULL, fixture_set_up, test_create_destroy,
              fixture_tear_down);
  g_test_add ("/kpi-editor/bad-formula", Fixture, NULL, fixture_set_up, test_bad_formula,
              fixture_tear_down);
  g_test_add ("/kpi-editor/good-formula-on-overview", Fixture, NULL, fixture_set_up,
              test_good_formula_on_overview, fixture_tear_down);
  g_test_add ("/kpi-editor/edit-keeps-values", Fixture, NULL, fixture_set_up,
              test_edit_keeps_values, fixture_tear_down);
  g_test_add ("/kpi-editor/objective-and-initiative", Fixture, NULL, fixture_set_up,
              test_objective_and_initiative, fixture_tear_down);
  return g_test_run ();
}
