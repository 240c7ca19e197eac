/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Paths page under a display (Xvfb): creation and finalization, then
 * on the demo project: the top paths are rdm_path_analysis_compute()'s on
 * the journeys "rendement-cli paths" builds for the same options, every
 * chart has data, the copy button copies the table, the click window spin
 * button recomputes, and a session shared with the Attribution page drives
 * both from one load of the events. Screenshot in $RDM_SCREENSHOTS_DIR.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "rdm-attribution-page-private.h"
#include "rdm-event-loader.h"
#include "rdm-path-analysis.h"
#include "rdm-path-builder.h"
#include "rdm-paths-page-private.h"
#include "rdm-project-data.h"
#include "rdm-project-db.h"
#include "rdm-result-row.h"
#include "rdm-gui-test-util.h"
#include "rdm-test-util.h"

static void
test_create_destroy (void)
{
  GtkWidget *page = rdm_paths_page_new ();

  g_object_ref_sink (page);
  g_assert_null (rdm_section_get_session (RDM_SECTION (page)));
  g_assert_null (rdm_section_get_project (RDM_SECTION (page)));
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (page)), ==, "empty");
  g_assert_cmpuint (g_list_model_get_n_items (_rdm_paths_page_get_rows (RDM_PATHS_PAGE (page))), ==,
                    0);
  g_assert_finalize_object (page);
}

static void
wait_for_result (RdmPathsPage *page, guint before)
{
  /* no time limit: meson's test timeout catches a worker that never ends */
  while (_rdm_paths_page_get_n_results (page) <= before)
    g_main_context_iteration (NULL, TRUE);
}

static void
wait_for_attribution (GtkWidget *attribution, guint before)
{
  while (_rdm_attribution_page_get_n_results (RDM_ATTRIBUTION_PAGE (attribution)) <= before
         || rdm_section_get_busy (RDM_SECTION (attribution)))
    g_main_context_iteration (NULL, TRUE);
}

static void
save_screenshot (GtkWidget *widget, const char *name)
{
  rdm_gui_test_settle (widget);
  g_object_unref (rdm_gui_test_screenshot (widget, name));
}

/* What the "Copy the Table" button put on the clipboard. */
static char *
copied_text (GtkWidget *page)
{
  GtkWidget *button = rdm_gui_test_find_action_button (page, "section.copy-table");

  g_assert_nonnull (button);
  return rdm_gui_test_click_and_read_clipboard (button);
}

static void
assert_report_matches_engine (RdmPathsPage *page, const RdmEventStore *store, double click_window)
{
  GListModel *rows = _rdm_paths_page_get_rows (page);
  g_autoptr (RdmPathSet) set = NULL;
  g_autoptr (RdmPathAnalysis) report = NULL;
  g_autoptr (GError) error = NULL;
  RdmPathOptions path;

  rdm_path_options_init (&path);
  path.click_window_days = click_window;
  set = rdm_path_builder_build (store, &path, NULL, &error);
  g_assert_no_error (error);
  rdm_path_options_clear (&path);
  /* "rendement-cli paths" defaults: --top 10 --max-length 10 */
  report = rdm_path_analysis_compute (set, 10, 10);

  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, report->top_paths->len);
  g_assert_cmpuint (report->top_paths->len, >, 0);
  for (guint i = 0; i < report->top_paths->len; i++)
    {
      g_autoptr (RdmResultRow) row = g_list_model_get_item (rows, i);
      const RdmTopPath *expected = &g_array_index (report->top_paths, RdmTopPath, i);

      g_assert_cmpstr (rdm_result_row_get_key (row), ==, expected->path);
      g_assert_cmpfloat (rdm_result_row_get_number (row, 0), ==, expected->conversions);
      g_assert_cmpfloat (rdm_result_row_get_number (row, 1), ==, expected->share);
      g_assert_cmpfloat (rdm_result_row_get_number (row, 2), ==, expected->value);
    }
  for (guint c = 0; c < 5; c++)
    {
      RdmChart *chart = _rdm_paths_page_get_chart (page, c);

      g_assert_nonnull (chart);
      g_assert_false (rdm_chart_is_empty (chart));
    }
}

static void
test_end_to_end (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *file = rdm_test_copy_demo (dir, "demo.rendement");
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (file, &error);
  g_autoptr (RdmEventStore) store = NULL;
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *page = rdm_paths_page_new ();
  GtkWidget *attribution = rdm_attribution_page_new ();
  RdmPathsPage *self = RDM_PATHS_PAGE (page);
  RdmProjectSession *session;
  RdmAnalysisSettings *settings;
  guint n, n_attribution, loads;

  g_assert_no_error (error);
  store = rdm_event_store_load (project, NULL, &error);
  g_assert_no_error (error);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 1000);
  gtk_widget_set_hexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));

  /* both sections of one window, as the window does: one session, whose
   * data reads the events of the file once for both */
  g_object_ref_sink (attribution);
  loads = _rdm_project_data_get_n_event_loads ();
  session = rdm_gui_test_set_project (page, project);
  rdm_section_set_session (RDM_SECTION (attribution), session);
  settings = rdm_project_session_get_settings (session);
  wait_for_result (self, 0);
  wait_for_attribution (attribution, 0);
  g_assert_cmpuint (_rdm_project_data_get_n_event_loads (), ==, loads + 1);
  assert_report_matches_engine (self, store, 30);
  {
    /* tab-separated as shown, for a spreadsheet; the top path of the demo
     * is "No touch", 189 conversions */
    g_autofree char *text = copied_text (page);
    g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
    g_autoptr (RdmResultRow) first = g_list_model_get_item (_rdm_paths_page_get_rows (self), 0);
    g_autofree char *expected = g_strdup_printf (
        "%s\t%s\t%s\t%s", rdm_result_row_get_label (first), rdm_result_row_get_text (first, 0),
        rdm_result_row_get_text (first, 1), rdm_result_row_get_text (first, 2));

    g_assert_cmpstr (lines[0], ==, "Path\tConversions\tShare\tValue");
    g_assert_cmpstr (lines[1], ==, expected);
    g_assert_cmpuint (g_strv_length (lines), ==, 1 + 10 + 1);
  }
  rdm_gui_test_settle (NULL);
  save_screenshot (window, "paths");
  save_screenshot (_rdm_paths_page_get_report (self), "paths-report");

  n = _rdm_paths_page_get_n_results (self);
  gtk_spin_button_set_value (_rdm_paths_page_get_click_window_spin (self), 7);
  wait_for_result (self, n);
  assert_report_matches_engine (self, store, 7);

  /* the session's settings, shared with the Attribution page: a change
   * made there recomputes the paths */
  g_assert_true (rdm_section_get_settings (RDM_SECTION (page)) == settings);
  g_assert_true (rdm_section_get_settings (RDM_SECTION (attribution)) == settings);
  n = _rdm_paths_page_get_n_results (self);
  gtk_spin_button_set_value (
      _rdm_attribution_page_get_click_window_spin (RDM_ATTRIBUTION_PAGE (attribution)), 14);
  wait_for_result (self, n);
  g_assert_cmpfloat (gtk_spin_button_get_value (_rdm_paths_page_get_click_window_spin (self)), ==,
                     14);
  assert_report_matches_engine (self, store, 14);

  /* after an import (here: half the conversions deleted), the session's
   * data is read again, once for both sections */
  g_assert_true (rdm_project_exec (project, "DELETE FROM conversion WHERE id % 2 = 0", &error));
  g_assert_no_error (error);
  g_clear_pointer (&store, rdm_event_store_free);
  store = rdm_event_store_load (project, NULL, &error);
  g_assert_no_error (error);
  n = _rdm_paths_page_get_n_results (self);
  loads = _rdm_project_data_get_n_event_loads ();
  n_attribution = _rdm_attribution_page_get_n_results (RDM_ATTRIBUTION_PAGE (attribution));
  rdm_project_session_data_changed (session);
  wait_for_result (self, n);
  wait_for_attribution (attribution, n_attribution);
  g_assert_cmpuint (_rdm_project_data_get_n_event_loads (), ==, loads + 1);
  assert_report_matches_engine (self, store, 14);

  g_object_unref (attribution);
  gtk_window_destroy (GTK_WINDOW (window));
  rdm_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  if (!rdm_gui_test_init (&argc, &argv))
    {
      g_test_add_func ("/paths-page/no-display", rdm_gui_test_no_display);
      return g_test_run ();
    }

  g_test_add_func ("/paths-page/create-destroy", test_create_destroy);
  g_test_add_func ("/paths-page/end-to-end", test_end_to_end);

  return g_test_run ();
}
