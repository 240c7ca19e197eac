/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The analysis settings shared by the sections of the real window, on the
 * demo project, under a display (Xvfb):
 *
 * - the ROI table equals "rendement-cli roi" row for row, names included
 *   (the conversions without a touch are "No touch", Direct is Direct);
 * - a click window of 7 days typed in Attribution reaches ROI, whose Blog
 *   value then equals "rendement-cli roi --click-window 7", and every
 *   section's summary line says so;
 * - the settings survive closing and reopening the project;
 * - a project file holding an out-of-range window opens with the default.
 */
#include "config.h"

#include <cjson/cJSON.h>
#include <glib/gstdio.h>
#include <math.h>

#include "rdm-application.h"
#include "rdm-attribution-page-private.h"
#include "rdm-gui-test-util.h"
#include "rdm-result-row.h"
#include "rdm-roi-page.h"
#include "rdm-settings-summary.h"
#include "rdm-test-util.h"
#include "rdm-window-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

static RdmApplication *app;
static char *tmpdir;
static char *demo_path;

static gboolean
roi_idle (gpointer page)
{
  return !rdm_section_get_busy (RDM_SECTION (page));
}

static RdmWindow *
open_window (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (demo_path);
  RdmWindow *window = rdm_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  g_assert_true (rdm_window_open_file (window, file, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  rdm_gui_test_wait (roi_idle, window->roi_page);
  return window;
}

static void
close_window (RdmWindow *window)
{
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (window);
}

/* The section's summary line (its one RdmSettingsSummary). */
static RdmSettingsSummary *
find_summary (GtkWidget *widget)
{
  if (RDM_IS_SETTINGS_SUMMARY (widget))
    return RDM_SETTINGS_SUMMARY (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      RdmSettingsSummary *found = find_summary (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
summary_text (GtkWidget *page)
{
  RdmSettingsSummary *summary = find_summary (page);

  g_assert_nonnull (summary);
  return rdm_settings_summary_get_text (summary);
}

/* "rendement-cli roi DEMO --model linear --format json" with @extra options. */
static cJSON *
run_cli_roi (const char *click_window, const char *period)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  cJSON *root;

  g_assert_cmpint (rdm_test_run_cli (&out, &err, "roi", demo_path, "--model", "linear",
                                     "--click-window", click_window, "--period", period, "--format",
                                     "json", NULL),
                   ==, 0);
  root = cJSON_Parse (out);
  g_assert_nonnull (root);
  return root;
}

/* The window's ROI rows equal the CLI's: same channels, in the same order,
 * under the same names (only "(none)" is shown as "No touch"), same
 * numbers. Returns the value of @channel. */
static double
assert_roi_matches_cli (RdmWindow *window, const cJSON *root, const char *channel)
{
  GListModel *rows = _rdm_roi_page_get_rows (RDM_ROI_PAGE (window->roi_page));
  const cJSON *printed_rows
      = cJSON_GetObjectItem (cJSON_GetArrayItem (cJSON_GetObjectItem (root, "models"), 0), "rows");
  guint n = (guint)cJSON_GetArraySize (printed_rows);
  guint no_touch = 0;
  double value = NAN;

  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (window->roi_page)), ==, "report");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n + 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RdmResultRow) row = g_list_model_get_item (rows, i);
      const cJSON *printed = cJSON_GetArrayItem (printed_rows, (int)i);
      const char *name = cJSON_GetObjectItem (printed, "channel")->valuestring;
      double printed_value = cJSON_GetObjectItem (printed, "value")->valuedouble;

      g_assert_cmpstr (rdm_result_row_get_label (row), ==,
                       g_str_equal (name, "(none)") ? "No touch" : name);
      if (g_str_equal (rdm_result_row_get_label (row), "No touch"))
        no_touch++;
      g_assert_cmpfloat_with_epsilon (rdm_result_row_get_number (row, RDM_ROI_COLUMN_VALUE),
                                      printed_value, 1e-9 * MAX (1.0, fabs (printed_value)));
      g_assert_cmpfloat_with_epsilon (rdm_result_row_get_number (row, RDM_ROI_COLUMN_COST),
                                      cJSON_GetObjectItem (printed, "cost")->valuedouble, 1e-9);
      if (g_str_equal (name, channel))
        value = rdm_result_row_get_number (row, RDM_ROI_COLUMN_VALUE);
    }
  g_assert_cmpuint (no_touch, ==, 1);
  g_assert_false (isnan (value));
  return value;
}

static void
test_shared_settings (void)
{
  RdmWindow *window = open_window ();
  RdmAnalysisSettings *settings = rdm_window_get_analysis_settings (window);
  GtkWidget *sections[] = { window->overview_page, window->data_page, window->attribution_page,
                            window->paths_page,    window->roi_page,  window->segments_page };
  GtkWidget *pages[]
      = { window->attribution_page, window->paths_page, window->roi_page, window->segments_page };
  GtkDropDown *periods = NULL;
  g_autoptr (cJSON) all_30 = NULL;
  g_autoptr (cJSON) all_7 = NULL;
  g_autoptr (cJSON) q3_7 = NULL;
  GtkSpinButton *click_window;
  double blog;

  /* every section computes with the window's settings */
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    g_assert_true (rdm_section_get_settings (RDM_SECTION (sections[i])) == settings);

  /* all the data (the shared default), 30 days: the CLI's rows and names */
  all_30 = run_cli_roi ("30", "all");
  assert_roi_matches_cli (window, all_30, "Direct");
  g_assert_cmpstr (summary_text (window->roi_page), ==,
                   "Linear · click window 30 days · view window 1 day · all the data");

  /* the latest quarter, chosen in ROI: what "rendement-cli roi" prints by
   * default, Blog 8 283.24 */
  periods = _rdm_roi_page_get_period_dropdown (RDM_ROI_PAGE (window->roi_page));
  /* Q4 2024 to Q3 2026, then all the data */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (periods)), ==, 9);
  gtk_drop_down_set_selected (periods, 7);
  rdm_gui_test_wait (roi_idle, window->roi_page);
  {
    g_autoptr (cJSON) q3_30 = run_cli_roi ("30", "2026Q3");

    blog = assert_roi_matches_cli (window, q3_30, "Blog");
    g_assert_cmpfloat_with_epsilon (blog, 8283.24, 0.005);
  }

  /* 7 days typed in Attribution: ROI follows, Blog 4 563.40 as
   * "rendement-cli roi --model linear --click-window 7" prints */
  rdm_window_show_section (window, "attribution");
  click_window = _rdm_attribution_page_get_click_window_spin (
      RDM_ATTRIBUTION_PAGE (window->attribution_page));
  gtk_spin_button_set_value (click_window, 7);
  g_assert_true (rdm_section_get_busy (RDM_SECTION (window->roi_page)));
  rdm_gui_test_wait (roi_idle, window->roi_page);
  q3_7 = run_cli_roi ("7", "2026Q3");
  blog = assert_roi_matches_cli (window, q3_7, "Blog");
  g_assert_cmpfloat_with_epsilon (blog, 4563.40, 0.005);

  /* every section says which settings its numbers use; the scorecard has
   * its own quarter */
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    g_assert_cmpstr (summary_text (pages[i]), ==,
                     "Linear · click window 7 days · view window 1 day · 2026 Q3");
  g_assert_cmpstr (summary_text (window->overview_page), ==,
                   "Linear · click window 7 days · view window 1 day");

  /* back to all the data, from the settings themselves */
  g_object_set (settings, "period", NULL, NULL);
  rdm_gui_test_wait (roi_idle, window->roi_page);
  g_assert_cmpuint (gtk_drop_down_get_selected (periods), ==, 8);
  all_7 = run_cli_roi ("7", "all");
  assert_roi_matches_cli (window, all_7, "Blog");

  /* the summary's button opens the settings, from any section */
  rdm_window_show_section (window, "roi");
  gtk_widget_activate_action (window->roi_page, "win.analysis-settings", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->section_stack), ==, "attribution");
  close_window (window);
}

static void
test_reopen (void)
{
  RdmWindow *window = open_window ();
  g_autoptr (cJSON) all_7 = NULL;
  double click_window = 0;

  /* what the last test chose: 7 days, all the data */
  g_object_get (rdm_window_get_analysis_settings (window), "click-window", &click_window, NULL);
  g_assert_cmpfloat (click_window, ==, 7);
  g_assert_cmpfloat (gtk_spin_button_get_value (_rdm_attribution_page_get_click_window_spin (
                         RDM_ATTRIBUTION_PAGE (window->attribution_page))),
                     ==, 7);
  all_7 = run_cli_roi ("7", "all");
  assert_roi_matches_cli (window, all_7, "Blog");
  g_assert_cmpstr (summary_text (window->paths_page), ==,
                   "Linear · click window 7 days · view window 1 day · all the data");
  close_window (window);
}

static void
test_bad_stored_window (void)
{
  RdmWindow *window;
  sqlite3 *db = NULL;
  double click_window = 0, view_window = 0;

  /* as someone else's file could hold it: a click window of 1000 days */
  g_assert_cmpint (sqlite3_open (demo_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "UPDATE model_setting SET settings_json ="
                                 " '{\"click-window\": 1000, \"view-window\": 2}'"
                                 " WHERE name = 'analysis'",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);

  window = open_window ();
  g_object_get (rdm_window_get_analysis_settings (window), "click-window", &click_window,
                "view-window", &view_window, NULL);
  g_assert_cmpfloat (click_window, ==, 30);
  g_assert_cmpfloat (view_window, ==, 2);
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (window->roi_page)), ==, "report");
  close_window (window);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  if (!rdm_gui_test_init (&argc, &argv))
    {
      g_test_add_func ("/window-settings/no-display", rdm_gui_test_no_display);
      return g_test_run ();
    }
  tmpdir = rdm_test_make_tmpdir ();
  demo_path = rdm_test_copy_demo (tmpdir, "demo.rendement");

  app = rdm_application_new ();
  /* no other instance to talk to in a test */
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  /* in this order: each test opens the file the previous one left */
  g_test_add_func ("/window-settings/shared", test_shared_settings);
  g_test_add_func ("/window-settings/reopen", test_reopen);
  g_test_add_func ("/window-settings/bad-stored-window", test_bad_stored_window);
  status = g_test_run ();

  g_clear_object (&app);
  rdm_test_remove_tree (tmpdir);
  g_free (tmpdir);
  g_free (demo_path);
  return status;
}
