/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Attribution page under a display (Xvfb): creation and finalization
 * of its objects, then end to end on the demo project: the table shows the
 * numbers rdm_attribute() gives for the same options (what
 * "rendement-cli attribute" prints), follows the click window spin button
 * after the debounce, follows its segment picker, copies the table shown
 * with its copy button, switches to forward influence with its caveat,
 * reports a bad setting inline, and explains the reference model on a real
 * journey. Screenshots go to $RDM_SCREENSHOTS_DIR.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "rdm-analysis-worker.h"
#include "rdm-attribution-page-private.h"
#include "rdm-attribution.h"
#include "rdm-bootstrap.h"
#include "rdm-event-loader.h"
#include "rdm-forward.h"
#include "rdm-import.h"
#include "rdm-path-builder.h"
#include "rdm-period.h"
#include "rdm-project-db.h"
#include "rdm-result-row.h"
#include "rdm-result-table.h"
#include "rdm-segment-picker.h"
#include "rdm-segments.h"
#include "rdm-attribution-run.h"
#include "rdm-calibration.h"
#include "rdm-world-data.h"
#include "rdm-gui-test-util.h"
#include "rdm-test-util.h"

static void
test_create_destroy (void)
{
  GtkWidget *page = rdm_attribution_page_new ();
  RdmProjectSession *session = rdm_project_session_new ();
  RdmAnalysisWorker *worker = rdm_analysis_worker_new (RDM_ANALYSIS_CREDIT);
  RdmResultRow *row = rdm_result_row_new ("Facebook", "Facebook", 2);

  g_object_ref_sink (page);
  g_assert_null (rdm_section_get_session (RDM_SECTION (page)));
  g_assert_null (rdm_section_get_project (RDM_SECTION (page)));
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (page)), ==, "empty");
  rdm_section_set_session (RDM_SECTION (page), session);
  g_assert_true (rdm_section_get_session (RDM_SECTION (page)) == session);
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (page)), ==, "empty");
  g_assert_cmpstr (_rdm_attribution_page_get_status (RDM_ATTRIBUTION_PAGE (page)), ==,
                   "Open a project to compare attribution models on its data.");
  g_assert_finalize_object (page);
  g_assert_finalize_object (session);
  g_assert_finalize_object (worker);
  g_assert_cmpstr (rdm_result_row_get_text (row, 1), ==, "");
  g_assert_finalize_object (row);
}

/* A campaign named like a formula must not run when the copied table is
 * pasted into a spreadsheet. */
static void
test_copy_neutralises_formulas (void)
{
  GtkWidget *view = g_object_ref_sink (gtk_column_view_new (NULL));
  g_autoptr (GListStore) rows = g_list_store_new (RDM_TYPE_RESULT_ROW);
  g_autoptr (RdmResultRow) formula = rdm_result_row_new ("=HYPERLINK(\"x\")", "k", 1);
  g_autoptr (RdmResultRow) plain = rdm_result_row_new ("Email\tnews", "e", 1);
  const char *titles[] = { "Linear" };
  g_autofree char *text = NULL;

  rdm_result_row_set_cell (formula, 0, 1.5, g_strdup ("1.50"));
  rdm_result_row_set_cell (plain, 0, -2, rdm_result_format_delta (-2, 2));
  g_list_store_append (rows, formula);
  g_list_store_append (rows, plain);
  rdm_result_table_set_columns (GTK_COLUMN_VIEW (view), "Campaign", 160, titles, 1);
  text = rdm_result_table_to_text (GTK_COLUMN_VIEW (view), G_LIST_MODEL (rows));
  /* the tab inside a name becomes a space; "−2.00" starts with U+2212 */
  g_assert_cmpstr (text, ==,
                   "Campaign\tLinear\n"
                   "'=HYPERLINK(\"x\")\t1.50\n"
                   "Email news\t−2.00\n");
  g_object_unref (view);
}

static void
test_settings_options (void)
{
  g_autoptr (RdmAnalysisSettings) settings = rdm_analysis_settings_new ();
  g_autoptr (GError) error = NULL;
  RdmModel models[RDM_MODEL_N_MODELS];
  RdmPathOptions path;
  RdmModelOptions model;

  /* the default comparison: first, last, linear, position, time decay,
   * Markov; the reference is last touch */
  g_assert_cmpuint (rdm_analysis_settings_get_models (settings, models), ==, 6);
  g_assert_true (models[0] == RDM_MODEL_FIRST);
  g_assert_true (models[5] == RDM_MODEL_MARKOV);
  g_assert_true (rdm_analysis_settings_get_reference_model (settings) == RDM_MODEL_LAST);
  g_assert_cmpuint (rdm_analysis_settings_get_resamples (settings), ==, 0);

  /* percents in the settings, fractions in the engine, like the CLI's
   * --weights 0.6,0.2,0.2 --view-weight 0.4 --period 2026Q2 --event lead */
  g_object_set (settings, "first-weight", 60.0, "last-weight", 20.0, "view-weight", 40.0, "period",
                "2026Q2", "event", "lead", "click-window", 7.0, "bootstrap", TRUE, NULL);
  g_assert_true (rdm_analysis_settings_get_options (settings, &path, &model, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (model.first_weight, ==, 0.6);
  g_assert_cmpfloat (model.last_weight, ==, 0.2);
  g_assert_cmpfloat (model.view_weight, ==, 0.4);
  g_assert_cmpfloat (path.click_window_days, ==, 7);
  /* 2026-04-01 and 2026-07-01 00:00 UTC */
  g_assert_cmpint (path.from_time, ==, G_GINT64_CONSTANT (1775001600));
  g_assert_cmpint (path.to_time, ==, G_GINT64_CONSTANT (1782864000));
  g_assert_cmpstr (path.events[0], ==, "lead");
  g_assert_true (path.restart_after_conversion);
  g_assert_null (path.events[1]);
  g_assert_cmpuint (rdm_analysis_settings_get_resamples (settings), ==, 200);
  rdm_path_options_clear (&path);
  rdm_model_options_clear (&model);

  /* the last model cannot be removed */
  for (guint m = 0; m < RDM_MODEL_N_MODELS; m++)
    rdm_analysis_settings_set_model (settings, m, FALSE);
  g_assert_cmpuint (rdm_analysis_settings_get_models (settings, models), ==, 1);

  /* a bad period is an error, not a crash */
  g_object_set (settings, "period", "2026Q9", NULL);
  g_assert_false (rdm_analysis_settings_get_options (settings, &path, &model, &error));
  g_assert_error (error, RDM_PERIOD_ERROR, RDM_PERIOD_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "“2026Q9”, column 6: expected a quarter from 1 to 4");
  rdm_path_options_clear (&path);
  rdm_model_options_clear (&model);
}

/* Numbers as a French reader expects them: the locale is built in a
 * temporary directory, as the system may not have it. */
static void
test_french_numbers (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *previous = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *number = NULL;
  g_autofree char *delta = NULL;
  g_autofree char *percent = NULL;

  rdm_test_build_locale (dir, "fr_FR");
  g_setenv ("LOCPATH", dir, TRUE);
  g_assert_nonnull (setlocale (LC_NUMERIC, "fr_FR.UTF-8"));
  number = rdm_result_format_number (1234.56, 2);
  delta = rdm_result_format_delta (-4, 2);
  percent = rdm_result_format_percent (0.256);
  setlocale (LC_NUMERIC, previous);
  g_unsetenv ("LOCPATH");

  /* glibc's fr_FR groups thousands with U+202F NARROW NO-BREAK SPACE */
  g_assert_cmpstr (number, ==, "1\u202f234,56");
  g_assert_cmpstr (delta, ==, "−4,00");
  g_assert_cmpstr (percent, ==, "25,6 %");
  rdm_test_remove_tree (dir);
}

static void
wait_for_result (RdmAttributionPage *page, guint before)
{
  /* no time limit: meson's test timeout catches a worker that never ends */
  while (_rdm_attribution_page_get_n_results (page) <= before
         || rdm_section_get_busy (RDM_SECTION (page)))
    g_main_context_iteration (NULL, TRUE);
}

static void
save_screenshot (GtkWidget *widget, const char *name)
{
  rdm_gui_test_settle (widget);
  g_object_unref (rdm_gui_test_screenshot (widget, name));
}

static RdmProject *
make_demo_project (const char *dir)
{
  g_autofree char *path = rdm_test_copy_demo (dir, "demo.rendement");
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (path, &error);

  g_assert_no_error (error);
  /* the test saves the segments it works with, by position in the lists */
  g_assert_true (rdm_project_exec (project, "DELETE FROM segment", &error));
  g_assert_no_error (error);
  return g_steal_pointer (&project);
}

/* The table against rdm_attribute() on the journeys the CLI builds for
 * --click-window @click_window (every other option at its default). */
static void
assert_table_matches_engine (RdmAttributionPage *page,
                             const RdmEventStore *store,
                             double click_window,
                             RdmLevel level)
{
  GListModel *rows = _rdm_attribution_page_get_rows (page);
  RdmAnalysisSettings *settings = rdm_section_get_settings (RDM_SECTION (page));
  RdmModel models[RDM_MODEL_N_MODELS];
  guint n_models = rdm_analysis_settings_get_models (settings, models);
  g_autoptr (RdmPathSet) set = NULL;
  g_autoptr (GError) error = NULL;
  RdmPathOptions path;
  RdmModelOptions options;
  guint n_rows = g_list_model_get_n_items (rows);

  rdm_path_options_init (&path);
  rdm_model_options_init (&options);
  path.click_window_days = click_window;
  path.level = level;
  set = rdm_path_builder_build (store, &path, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (n_rows, >, 2);
  for (guint m = 0; m < n_models; m++)
    {
      g_autoptr (RdmCredit) credit = rdm_attribute (set, models[m], &options, NULL, &error);
      int column = _rdm_attribution_page_get_model_column (page, models[m]);
      guint checked = 0;

      g_assert_no_error (error);
      g_assert_cmpint (column, >=, 0);
      for (guint r = 0; r < n_rows; r++)
        {
          g_autoptr (RdmResultRow) row = g_list_model_get_item (rows, r);
          const char *key = rdm_result_row_get_key (row);
          int l;

          if (key == NULL)
            {
              /* the Total row; the share error row of a world is checked
               * by /attribution-page/truth */
              if (g_str_equal (rdm_result_row_get_label (row), "Total"))
                g_assert_cmpfloat (rdm_result_row_get_number (row, column), ==,
                                   credit->total_conversions);
              continue;
            }
          l = rdm_credit_find_label (credit, key);
          g_assert_cmpfloat (rdm_result_row_get_number (row, column), ==,
                             l >= 0 ? credit->conversions[l] : 0);
          if (l >= 0)
            {
              g_autofree char *text = g_strdup_printf ("%'.2f", credit->conversions[l]);

              g_assert_cmpstr (rdm_result_row_get_text (row, column), ==, text);
              checked++;
            }
          if (g_str_equal (key, RDM_NO_TOUCH_LABEL))
            g_assert_cmpstr (rdm_result_row_get_label (row), ==, "No touch");
        }
      g_assert_cmpuint (checked, ==, credit->n_labels);
    }
  rdm_path_options_clear (&path);
  rdm_model_options_clear (&options);
}

/* "Copy the Table" of the table shown: its header (starting with @header),
 * then each of @rows as the table shows it, tab-separated. */
static void
assert_copied_table (GtkWidget *page, GListModel *rows, const char *header)
{
  GtkWidget *button = rdm_gui_test_find_action_button (page, "section.copy-table");
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  guint n_rows = g_list_model_get_n_items (rows);

  g_assert_nonnull (button);
  text = rdm_gui_test_click_and_read_clipboard (button);
  lines = g_strsplit (text, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], header));
  /* the header, the rows, and nothing after the last line break */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + n_rows + 1);
  g_assert_cmpstr (lines[n_rows + 1], ==, "");
  for (guint r = 0; r < n_rows; r++)
    {
      g_autoptr (RdmResultRow) row = g_list_model_get_item (rows, r);
      g_autofree char *first = g_strdup_printf ("%s\t%s\t", rdm_result_row_get_label (row),
                                                rdm_result_row_get_text (row, 0));

      g_assert_true (g_str_has_prefix (lines[r + 1], first));
    }
}

static void
test_end_to_end (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autoptr (RdmProject) project = make_demo_project (dir);
  g_autoptr (RdmEventStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmForwardResult) forward = NULL;
  GtkWidget *window = adw_window_new ();
  GtkWidget *page = rdm_attribution_page_new ();
  RdmAttributionPage *self = RDM_ATTRIBUTION_PAGE (page);
  RdmAnalysisSettings *settings;
  GtkWidget *picker;
  g_autofree char *segment = NULL;
  RdmPathOptions path;
  guint n;

  store = rdm_event_store_load (project, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rdm_project_add_segment (project, "Facebook audience", "touched(\"Facebook\")",
                                          FALSE, &error));
  g_assert_no_error (error);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 1000);
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));

  settings = rdm_project_session_get_settings (rdm_gui_test_set_project (page, project));
  wait_for_result (self, 0);
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (self)), ==, "backward");
  assert_table_matches_engine (self, store, 30, RDM_LEVEL_CHANNEL);
  /* the demo is a simulated world: its truth comes first */
  assert_copied_table (page, _rdm_attribution_page_get_rows (self),
                       "Channel\tTruth\tFirst touch\t");
  /* wide enough for both: no toggle */
  g_assert_false (gtk_widget_get_visible (_rdm_attribution_page_get_settings_button (self)));
  g_test_message ("demo: %u conversions, run in %.1f ms", store->n_conversions,
                  _rdm_attribution_page_get_last_elapsed_ms (self));
  /* the reference, last touch, explained on a real journey */
  g_assert_true (g_str_has_prefix (_rdm_attribution_page_get_explanation (self), "Last touch"));
  rdm_gui_test_settle (NULL);
  save_screenshot (window, "attribution");
  /* the whole settings column: flap, scrolled window, viewport, box */
  save_screenshot (gtk_widget_get_first_child (gtk_widget_get_first_child (
                       adw_flap_get_flap (ADW_FLAP (gtk_widget_get_first_child (page))))),
                   "attribution-settings");

  /* as a user: the spin button, twice in a row; the debounce makes one run
   * of the last value */
  n = _rdm_attribution_page_get_n_results (self);
  gtk_spin_button_set_value (_rdm_attribution_page_get_click_window_spin (self), 10);
  gtk_spin_button_set_value (_rdm_attribution_page_get_click_window_spin (self), 7);
  wait_for_result (self, n);
  g_assert_cmpuint (_rdm_attribution_page_get_n_results (self), ==, n + 1);
  assert_table_matches_engine (self, store, 7, RDM_LEVEL_CHANNEL);
  g_test_message ("click window change: worker %.1f ms, showing %.1f ms",
                  _rdm_attribution_page_get_last_elapsed_ms (self),
                  _rdm_attribution_page_get_last_fill_ms (self));

  /* a saved segment, as --segment "Facebook audience": linear's credit on
   * the segment's journeys */
  picker = _rdm_attribution_page_get_segment_picker (self);
  g_assert_true (RDM_IS_SEGMENT_PICKER (picker));
  n = _rdm_attribution_page_get_n_results (self);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_first_child (picker)), 1);
  wait_for_result (self, n);
  g_object_get (settings, "segment", &segment, NULL);
  g_assert_cmpstr (segment, ==, "Facebook audience");
  {
    g_autofree guint8 *mask = NULL;
    g_autoptr (RdmPathSet) set = NULL;
    g_autoptr (RdmCredit) credit = NULL;
    GListModel *rows = _rdm_attribution_page_get_rows (self);
    int column = _rdm_attribution_page_get_model_column (self, RDM_MODEL_LINEAR);
    RdmPathOptions segment_path;
    guint64 n_selected = 0;

    mask
        = rdm_project_segment_mask (project, store, "Facebook audience", &n_selected, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (n_selected, >, 0);
    rdm_path_options_init (&segment_path);
    segment_path.click_window_days = 7;
    set = rdm_path_builder_build (store, &segment_path, mask, &error);
    g_assert_no_error (error);
    credit = rdm_attribute (set, RDM_MODEL_LINEAR, NULL, NULL, &error);
    g_assert_no_error (error);
    for (guint r = 0; r < g_list_model_get_n_items (rows); r++)
      {
        g_autoptr (RdmResultRow) row = g_list_model_get_item (rows, r);
        const char *key = rdm_result_row_get_key (row);

        /* the share error row of the world is checked by /attribution-page/truth */
        if (key == NULL && !g_str_equal (rdm_result_row_get_label (row), "Total"))
          continue;
        if (key == NULL)
          g_assert_cmpfloat (rdm_result_row_get_number (row, column), ==,
                             credit->total_conversions);
        else
          g_assert_cmpfloat (rdm_result_row_get_number (row, column), ==,
                             credit->conversions[rdm_credit_find_label (credit, key)]);
      }
    rdm_path_options_clear (&segment_path);
  }
  n = _rdm_attribution_page_get_n_results (self);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_first_child (picker)), 0);
  wait_for_result (self, n);
  g_assert_null (rdm_segment_picker_get_segment (RDM_SEGMENT_PICKER (picker)));
  assert_table_matches_engine (self, store, 7, RDM_LEVEL_CHANNEL);

  /* campaigns, as --by campaign */
  n = _rdm_attribution_page_get_n_results (self);
  g_object_set (settings, "level", (guint)RDM_LEVEL_CAMPAIGN, NULL);
  wait_for_result (self, n);
  assert_table_matches_engine (self, store, 7, RDM_LEVEL_CAMPAIGN);
  rdm_gui_test_settle (NULL);
  save_screenshot (window, "attribution-campaigns");
  n = _rdm_attribution_page_get_n_results (self);
  g_object_set (settings, "level", (guint)RDM_LEVEL_CHANNEL, NULL);
  wait_for_result (self, n);

  /* bootstrap: the intervals of "rendement-cli attribute --bootstrap 20"
   * (seed 1) for linear, in their own column */
  n = _rdm_attribution_page_get_n_results (self);
  g_object_set (settings, "resamples", 20u, "bootstrap", TRUE, NULL);
  wait_for_result (self, n);
  {
    g_autoptr (RdmPathSet) set = NULL;
    g_autoptr (RdmCredit) credit = NULL;
    GListModel *rows = _rdm_attribution_page_get_rows (self);
    int column = _rdm_attribution_page_get_ci_column (self, RDM_MODEL_LINEAR);
    RdmPathOptions bootstrap_path;
    RdmModelOptions options;

    rdm_path_options_init (&bootstrap_path);
    rdm_model_options_init (&options);
    bootstrap_path.click_window_days = 7;
    set = rdm_path_builder_build (store, &bootstrap_path, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (
        rdm_bootstrap (set, RDM_MODEL_LINEAR, &options, 20, 1, 0, NULL, &credit, &error));
    g_assert_no_error (error);
    g_assert_cmpint (column, >=, 0);
    for (guint r = 0; r < g_list_model_get_n_items (rows); r++)
      {
        g_autoptr (RdmResultRow) row = g_list_model_get_item (rows, r);
        const char *key = rdm_result_row_get_key (row);
        int l = key != NULL ? rdm_credit_find_label (credit, key) : -1;

        if (l < 0)
          continue;
        g_assert_cmpfloat (rdm_result_row_get_number (row, column), ==, credit->ci_low[l]);
        g_assert_nonnull (strstr (rdm_result_row_get_text (row, column), "–"));
      }
    rdm_path_options_clear (&bootstrap_path);
    rdm_model_options_clear (&options);
  }
  rdm_gui_test_settle (NULL);
  save_screenshot (_rdm_attribution_page_get_results (self), "attribution-bootstrap");
  n = _rdm_attribution_page_get_n_results (self);
  g_object_set (settings, "bootstrap", FALSE, NULL);
  wait_for_result (self, n);
  g_assert_cmpint (_rdm_attribution_page_get_ci_column (self, RDM_MODEL_LINEAR), ==, -1);

  /* time decay as the reference: its explanation names 2^(-age/h) */
  n = _rdm_attribution_page_get_n_results (self);
  g_object_set (settings, "reference-model", (guint)RDM_MODEL_TIME_DECAY, NULL);
  wait_for_result (self, n);
  g_assert_true (g_str_has_prefix (_rdm_attribution_page_get_explanation (self), "Time decay"));
  rdm_gui_test_settle (NULL);
  save_screenshot (_rdm_attribution_page_get_results (self), "attribution-time-decay");

  /* Markov as the reference: removal effects of the journey's channels */
  n = _rdm_attribution_page_get_n_results (self);
  g_object_set (settings, "reference-model", (guint)RDM_MODEL_MARKOV, NULL);
  wait_for_result (self, n);
  g_assert_true (
      g_str_has_prefix (_rdm_attribution_page_get_explanation (self), "The Markov chain model"));
  rdm_gui_test_settle (NULL);
  save_screenshot (_rdm_attribution_page_get_results (self), "attribution-markov");

  /* Shapley as the reference, even when it is not among the models
   * compared: the coalition values of the journey's channels */
  n = _rdm_attribution_page_get_n_results (self);
  g_object_set (settings, "reference-model", (guint)RDM_MODEL_SHAPLEY, NULL);
  wait_for_result (self, n);
  g_assert_true (
      g_str_has_prefix (_rdm_attribution_page_get_explanation (self), "The Shapley value"));
  rdm_gui_test_settle (NULL);
  save_screenshot (_rdm_attribution_page_get_results (self), "attribution-shapley");

  /* forward: the influenced conversions and the caveat */
  n = _rdm_attribution_page_get_n_results (self);
  adw_combo_row_set_selected (ADW_COMBO_ROW (_rdm_attribution_page_get_direction_row (self)),
                              RDM_DIRECTION_FORWARD);
  wait_for_result (self, n);
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (self)), ==, "forward");
  rdm_path_options_init (&path);
  path.click_window_days = 7;
  path.direction = RDM_DIRECTION_FORWARD;
  forward = rdm_forward_compute (store, &path, NULL, &error);
  g_assert_no_error (error);
  rdm_path_options_clear (&path);
  rdm_gui_test_settle (NULL);
  g_assert_true (gtk_widget_get_mapped (_rdm_attribution_page_get_forward_note (self)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (_rdm_attribution_page_get_forward_note (self))),
                   ==, forward->note);
  g_assert_cmpuint (g_list_model_get_n_items (_rdm_attribution_page_get_forward_rows (self)), ==,
                    forward->rows->len);
  for (guint i = 0; i < forward->rows->len; i++)
    {
      g_autoptr (RdmResultRow) row
          = g_list_model_get_item (_rdm_attribution_page_get_forward_rows (self), i);
      const RdmForwardRow *expected = NULL;

      /* the page lists the most influential first */
      for (guint j = 0; j < forward->rows->len; j++)
        if (g_str_equal (((RdmForwardRow *)g_ptr_array_index (forward->rows, j))->label,
                         rdm_result_row_get_key (row)))
          expected = g_ptr_array_index (forward->rows, j);
      g_assert_nonnull (expected);
      g_assert_cmpfloat (rdm_result_row_get_number (row, 0), ==, (double)expected->exposures);
      g_assert_cmpfloat (rdm_result_row_get_number (row, 2), ==, expected->conversions);
      g_assert_cmpfloat (rdm_result_row_get_number (row, 3), ==, expected->value);
      if (i > 0)
        {
          g_autoptr (RdmResultRow) previous
              = g_list_model_get_item (_rdm_attribution_page_get_forward_rows (self), i - 1);

          g_assert_cmpfloat (rdm_result_row_get_number (previous, 2), >=,
                             rdm_result_row_get_number (row, 2));
        }
    }
  {
    int min_width, nat_width;

    gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &nat_width, NULL, NULL);
    g_test_message ("forward page: min width %d, natural %d", min_width, nat_width);
  }
  save_screenshot (window, "attribution-forward");
  assert_copied_table (page, _rdm_attribution_page_get_forward_rows (self), "Channel\tExposures\t");

  /* a setting the engine refuses shows its message in the page */
  n = _rdm_attribution_page_get_n_results (self);
  g_object_set (settings, "period", "2026Q9", NULL);
  wait_for_result (self, n);
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (self)), ==, "error");
  {
    g_autoptr (GError) period_error = NULL;
    RdmPeriod period;

    g_assert_false (rdm_period_parse ("2026Q9", &period, &period_error));
    g_assert_cmpstr (_rdm_attribution_page_get_status (self), ==, period_error->message);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  rdm_test_remove_tree (dir);
}

/* A project with only an aggregated path table: the models that need
 * touch times fail inline, the others still show. */
static void
test_path_table (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *file = g_build_filename (dir, "table.rendement", NULL);
  g_autofree char *csv
      = rdm_test_write_file (dir, "paths.csv",
                             "path,total_conversions,total_conversion_value,total_null\n"
                             "Facebook > Email,10,500,20\n"
                             "Email,5,100,30\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_create (file, &error);
  g_autoptr (RdmImportReport) report = NULL;
  RdmImportOptions options = { 0 };
  GtkWidget *window = adw_window_new ();
  GtkWidget *page = rdm_attribution_page_new ();
  RdmAttributionPage *self = RDM_ATTRIBUTION_PAGE (page);
  GtkWidget *message;
  GListModel *rows;

  g_assert_no_error (error);
  options.kind = RDM_IMPORT_KIND_PATHS;
  g_assert_true (rdm_import_file (project, csv, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);

  /* the width the page gets beside the window's sidebar: the settings fold
   * away behind a button */
  gtk_window_set_default_size (GTK_WINDOW (window), 880, 800);
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  rdm_gui_test_set_project (page, project);
  wait_for_result (self, 0);

  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (self)), ==, "backward");
  message = _rdm_attribution_page_get_message_label (self);
  g_assert_true (gtk_widget_is_visible (message));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (message)),
                                   "Time decay: Time decay needs the time of each touch"));
  /* first touch still shows: Facebook 10, Email 5 */
  rows = _rdm_attribution_page_get_rows (self);
  g_assert_cmpint (_rdm_attribution_page_get_model_column (self, RDM_MODEL_TIME_DECAY), ==, -1);
  for (guint r = 0; r < g_list_model_get_n_items (rows); r++)
    {
      g_autoptr (RdmResultRow) row = g_list_model_get_item (rows, r);
      const char *key = rdm_result_row_get_key (row);
      int first = _rdm_attribution_page_get_model_column (self, RDM_MODEL_FIRST);

      if (g_strcmp0 (key, "Facebook") == 0)
        g_assert_cmpfloat (rdm_result_row_get_number (row, first), ==, 10);
      else if (g_strcmp0 (key, "Email") == 0)
        g_assert_cmpfloat (rdm_result_row_get_number (row, first), ==, 5);
      else
        g_assert_null (key);
    }
  rdm_gui_test_settle (NULL);
  save_screenshot (window, "attribution-path-table");
  g_assert_true (gtk_widget_get_visible (_rdm_attribution_page_get_settings_button (self)));
  gtk_toggle_button_set_active (
      GTK_TOGGLE_BUTTON (_rdm_attribution_page_get_settings_button (self)), TRUE);
  rdm_gui_test_settle (NULL);
  save_screenshot (window, "attribution-narrow-settings");

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&project);
  rdm_test_remove_tree (dir);
}

/* A GA4 conversion paths export holds no nulls: Markov's note says they
 * are unknown, in the page as in the CLI. */
static void
test_ga4_path_table (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *file = g_build_filename (dir, "ga4.rendement", NULL);
  g_autofree char *csv = g_build_filename (g_getenv ("RDM_TEST_DATA"), "analytics",
                                           "ga4-conversion-paths.csv", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_create (file, &error);
  GtkWidget *window = adw_window_new ();
  GtkWidget *page = rdm_attribution_page_new ();
  RdmAttributionPage *self = RDM_ATTRIBUTION_PAGE (page);

  g_assert_no_error (error);
  g_assert_true (rdm_import_file (project, csv, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  rdm_gui_test_set_project (page, project);
  wait_for_result (self, 0);

  g_assert_nonnull (
      strstr (_rdm_attribution_page_get_notes (self),
              "Markov chain: The path table holds converting paths only (a GA4 conversion paths "
              "export): its non-converting journeys (nulls) are unknown, not zero"));
  rdm_gui_test_settle (NULL);
  save_screenshot (window, "attribution-ga4-paths");

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&project);
  rdm_test_remove_tree (dir);
}

/* A project file that cannot be read any more: the reason, in the page. */
static void
test_load_error (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *file = g_build_filename (dir, "gone.rendement", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_create (file, &error);
  GtkWidget *page = g_object_ref_sink (rdm_attribution_page_new ());
  RdmAttributionPage *self = RDM_ATTRIBUTION_PAGE (page);
  g_autoptr (GError) expected = NULL;
  g_autoptr (RdmProject) reopened = NULL;

  g_assert_no_error (error);
  /* the window's connection stays open; the file is gone and a folder has
   * its name */
  g_assert_cmpint (g_remove (file), ==, 0);
  g_assert_cmpint (g_mkdir (file, 0700), ==, 0);
  reopened = rdm_project_open (file, &expected);
  g_assert_null (reopened);

  rdm_gui_test_set_project (page, project);
  wait_for_result (self, 0);
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (self)), ==, "error");
  g_assert_cmpstr (_rdm_attribution_page_get_status (self), ==, expected->message);

  g_assert_finalize_object (page);
  g_clear_object (&project);
  g_assert_cmpint (g_rmdir (file), ==, 0);
  rdm_test_remove_tree (dir);
}

/* A simulated world where Display causes nothing: the Truth column is the
 * engine's truth, the error row each model's share error, and the page
 * says which model comes closest and that credit is not incrementality;
 * by campaign it says why there is no truth. */
static void
test_truth (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "world.rendement", NULL);
  g_autoptr (RdmWorldSettings) world_settings = rdm_world_settings_new_default ();
  g_autoptr (RdmWorld) world = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autoptr (RdmEventStore) store = NULL;
  g_autoptr (GArray) effects = NULL;
  g_autofree char *unavailable = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *window = adw_window_new ();
  GtkWidget *page = rdm_attribution_page_new ();
  RdmAttributionPage *self = RDM_ATTRIBUTION_PAGE (page);
  RdmAnalysisSettings *settings;
  GListModel *rows;
  RdmPathOptions path_options;
  g_autoptr (RdmPathSet) set = NULL;
  g_autoptr (RdmTruth) truth = NULL;
  int truth_column;
  gboolean saw_errors = FALSE;
  guint n;

  world_settings->n_visitors = 4000;
  g_array_index (world_settings->channels, RdmWorldChannel,
                 rdm_world_settings_find_channel (world_settings, "Display"))
      .effect
      = 0.0;
  world = rdm_world_generate (world_settings, &error);
  g_assert_no_error (error);
  project = rdm_project_create (path, &error);
  g_assert_no_error (error);
  g_assert_true (rdm_project_write_world (project, world, NULL, NULL, &error));
  g_assert_no_error (error);
  store = rdm_event_store_load (project, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rdm_project_load_truth (project, store, &effects, &unavailable, &error));
  g_assert_null (unavailable);
  rdm_path_options_init (&path_options);
  truth = rdm_truth_compute (store, (const RdmTruthEffect *)effects->data, effects->len,
                             &path_options, NULL);
  set = rdm_path_builder_build (store, &path_options, NULL, &error);
  g_assert_no_error (error);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 1000);
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  settings = rdm_project_session_get_settings (rdm_gui_test_set_project (page, project));
  wait_for_result (self, 0);

  truth_column = _rdm_attribution_page_get_truth_column (self);
  g_assert_cmpint (truth_column, >=, 0);
  rows = _rdm_attribution_page_get_rows (self);
  for (guint r = 0; r < g_list_model_get_n_items (rows); r++)
    {
      g_autoptr (RdmResultRow) row = g_list_model_get_item (rows, r);
      const char *key = rdm_result_row_get_key (row);

      if (key != NULL)
        {
          int t = rdm_truth_find_label (truth, key);

          if (t >= 0)
            g_assert_cmpfloat (rdm_result_row_get_number (row, truth_column), ==,
                               truth->conversions[t]);
          else
            g_assert_cmpstr (rdm_result_row_get_text (row, truth_column), ==, "");
        }
      else if (g_str_equal (rdm_result_row_get_label (row), "Share error vs truth"))
        {
          /* each model against rdm_truth_error() */
          for (guint m = 0; m < RDM_MODEL_N_MODELS; m++)
            {
              int column = _rdm_attribution_page_get_model_column (self, m);
              g_autoptr (RdmCredit) credit = NULL;
              RdmTruthError expected;

              if (column < 0)
                continue;
              credit = rdm_attribute (set, m, NULL, NULL, &error);
              g_assert_no_error (error);
              rdm_truth_error (truth, credit, &expected);
              g_assert_cmpfloat_with_epsilon (rdm_result_row_get_number (row, column),
                                              expected.share, 1e-12);
              saw_errors = TRUE;
            }
        }
    }
  g_assert_true (saw_errors);
  {
    g_autoptr (RdmResultRow) display = NULL;

    for (guint r = 0; display == NULL && r < g_list_model_get_n_items (rows); r++)
      {
        g_autoptr (RdmResultRow) row = g_list_model_get_item (rows, r);

        if (g_strcmp0 (rdm_result_row_get_key (row), "Display") == 0)
          display = g_object_ref (row);
      }
    g_assert_nonnull (display);
    g_assert_cmpfloat (rdm_result_row_get_number (display, truth_column), ==, 0.0);
    g_assert_cmpfloat (rdm_result_row_get_number (
                           display, _rdm_attribution_page_get_model_column (self, RDM_MODEL_LAST)),
                       >, 20.0);
  }
  g_assert_nonnull (strstr (_rdm_attribution_page_get_truth_text (self), "comes closest"));
  g_assert_nonnull (
      strstr (_rdm_attribution_page_get_truth_text (self), "Closest to the truth first"));
  g_assert_true (
      g_str_has_prefix (_rdm_attribution_page_get_caveat (self), "Credit is not incrementality"));
  /* the chart: the truth, then the six default models */
  g_assert_cmpuint (rdm_chart_get_n_series (
                        rdm_chart_view_get_chart (_rdm_attribution_page_get_models_chart (self))),
                    ==, 1 + 6);
  rdm_gui_test_settle (NULL);
  save_screenshot (window, "attribution-truth");
  save_screenshot (_rdm_attribution_page_get_results (self), "attribution-truth-chart");

  /* no experiments: nothing to calibrate with */
  g_assert_false (
      gtk_widget_is_sensitive (GTK_WIDGET (_rdm_attribution_page_get_calibrate_switch (self))));

  n = _rdm_attribution_page_get_n_results (self);
  g_object_set (settings, "level", (guint)RDM_LEVEL_CAMPAIGN, NULL);
  wait_for_result (self, n);
  g_assert_cmpint (_rdm_attribution_page_get_truth_column (self), ==, -1);
  g_assert_nonnull (strstr (_rdm_attribution_page_get_truth_text (self), "per channel"));

  rdm_path_options_clear (&path_options);
  gtk_window_destroy (GTK_WINDOW (window));
  rdm_test_remove_tree (dir);
}

/* A world with lift tests on three channels: the switch calibrates every
 * model as rdm_attribution_run() does for "attribute --calibrate", shows
 * the Baseline row and the factors, and brings each model closer to the
 * truth. */
static void
test_calibrate (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "tested.rendement", NULL);
  g_autoptr (RdmWorldSettings) world_settings = rdm_world_settings_new_default ();
  g_autoptr (RdmWorld) world = NULL;
  g_autoptr (GArray) experiments = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_auto (RdmAttributionData) data = { 0 };
  g_auto (RdmAttributionRequest) request;
  g_autoptr (RdmAttributionRun) run = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *window = adw_window_new ();
  GtkWidget *page = rdm_attribution_page_new ();
  RdmAttributionPage *self = RDM_ATTRIBUTION_PAGE (page);
  GtkSwitch *calibrate = _rdm_attribution_page_get_calibrate_switch (self);
  GListModel *rows;
  guint channels[] = { 6, 0, 9 }; /* Paid Search, Facebook, Display */
  gboolean saw_baseline = FALSE;
  guint n;

  world_settings->n_visitors = 6000;
  world = rdm_world_generate (world_settings, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_array_index (world_settings->channels, RdmWorldChannel, 6).name, ==,
                   "Paid Search");
  experiments = rdm_world_run_experiments (world, channels, 3, 31, 58, 0.1);
  project = rdm_project_create (path, &error);
  g_assert_no_error (error);
  g_assert_true (rdm_project_write_world (project, world, experiments, NULL, &error));
  g_assert_true (rdm_attribution_data_load (project, &data, NULL, &error));
  g_assert_no_error (error);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 1000);
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  rdm_gui_test_set_project (page, project);
  wait_for_result (self, 0);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (calibrate)));

  /* the expected numbers, as "attribute --calibrate" computes them */
  rdm_attribution_request_init (&request);
  for (guint m = 0; m < RDM_MODEL_N_MODELS; m++)
    if (_rdm_attribution_page_get_model_column (self, m) >= 0)
      request.models[request.n_models++] = m;
  request.calibrate = TRUE;
  run = rdm_attribution_run (project, &data, &request, NULL, &error);
  g_assert_no_error (error);

  n = _rdm_attribution_page_get_n_results (self);
  gtk_widget_activate (GTK_WIDGET (calibrate));
  wait_for_result (self, n);
  g_assert_true (gtk_switch_get_active (calibrate));
  rows = _rdm_attribution_page_get_rows (self);
  for (guint r = 0; r < g_list_model_get_n_items (rows); r++)
    {
      g_autoptr (RdmResultRow) row = g_list_model_get_item (rows, r);
      const char *key = rdm_result_row_get_key (row);

      if (key == NULL)
        continue;
      saw_baseline |= g_str_equal (key, RDM_BASELINE_LABEL);
      for (guint m = 0; m < run->calibrated->len; m++)
        {
          const RdmCredit *credit = ((RdmCalibrated *)run->calibrated->pdata[m])->credit;
          int column = _rdm_attribution_page_get_model_column (self, credit->model);
          int i = rdm_credit_find_label (credit, key);

          g_assert_cmpfloat_with_epsilon (rdm_result_row_get_number (row, column),
                                          i >= 0 ? credit->conversions[i] : 0.0, 1e-9);
        }
      if (g_str_equal (key, RDM_BASELINE_LABEL))
        g_assert_cmpstr (rdm_result_row_get_label (row), ==, "Baseline");
    }
  g_assert_true (saw_baseline);
  g_assert_nonnull (strstr (_rdm_attribution_page_get_notes (self), "Calibrated by experiments"));
  g_assert_nonnull (strstr (_rdm_attribution_page_get_notes (self), "Paid Search ×"));
  rdm_gui_test_settle (NULL);
  save_screenshot (window, "attribution-calibrated");

  /* experiments measure channels: by channel group, the run is refused
   * with the reason, and the switch says so once it is off */
  n = _rdm_attribution_page_get_n_results (self);
  g_object_set (rdm_section_get_settings (RDM_SECTION (self)), "level", (guint)RDM_LEVEL_GROUP,
                NULL);
  wait_for_result (self, n);
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (self)), ==, "error");
  g_assert_cmpstr (_rdm_attribution_page_get_status (self), ==,
                   "Experiments measure channels: calibrate by channel or by campaign, not by "
                   "channel group.");
  save_screenshot (window, "attribution-calibrated-by-group");
  n = _rdm_attribution_page_get_n_results (self);
  gtk_widget_activate (GTK_WIDGET (calibrate));
  wait_for_result (self, n);
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (self)), ==, "backward");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (
                       gtk_widget_get_ancestor (GTK_WIDGET (calibrate), ADW_TYPE_ACTION_ROW))),
                   ==, "Experiments measure channels: calibrate by channel or campaign");

  gtk_window_destroy (GTK_WINDOW (window));
  rdm_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  if (!rdm_gui_test_init (&argc, &argv))
    {
      g_test_add_func ("/attribution-page/no-display", rdm_gui_test_no_display);
      return g_test_run ();
    }

  g_test_add_func ("/attribution-page/create-destroy", test_create_destroy);
  g_test_add_func ("/attribution-page/settings-options", test_settings_options);
  g_test_add_func ("/attribution-page/copy-neutralises-formulas", test_copy_neutralises_formulas);
  g_test_add_func ("/attribution-page/french-numbers", test_french_numbers);
  g_test_add_func ("/attribution-page/end-to-end", test_end_to_end);
  g_test_add_func ("/attribution-page/truth", test_truth);
  g_test_add_func ("/attribution-page/calibrate", test_calibrate);
  g_test_add_func ("/attribution-page/path-table", test_path_table);
  g_test_add_func ("/attribution-page/ga4-path-table", test_ga4_path_table);
  g_test_add_func ("/attribution-page/load-error", test_load_error);

  return g_test_run ();
}
