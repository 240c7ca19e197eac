/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import assistant, driven through its widgets as a user would: the
 * kind is guessed from the header, the import runs in a worker, a bad file
 * lists its error and imports nothing, skipping bad rows lists each one,
 * an ad-platform export is recognised and its rows put on a chosen channel.
 */
#include "config.h"

#include "rdm-gui-test-util.h"
#include "rdm-import-assistant-private.h"
#include "rdm-project.h"
#include "rdm-test-util.h"

#define GOOD_EVENTS                                                                                \
  "visitor_id;timestamp;type;channel;campaign;value;event;page_views\n"                            \
  "v1;2026-04-01T10:00:00Z;click;Facebook;Spring;;;3\n"                                            \
  "v1;2026-04-02T10:00:00Z;conversion;;;49,90;purchase;\n"                                         \
  "v2;02/04/2026 11:00;impression;Display;Banner;;;0\n"

#define BAD_EVENTS                                                                                 \
  "visitor_id,timestamp,type,channel,campaign,value,event,page_views\n"                            \
  "v1,2026-04-01T10:00:00Z,click,Facebook,Spring,,,3\n"                                            \
  "v1,2026-13-02T10:00:00Z,conversion,,,49.90,purchase,\n"                                         \
  "v2,2026-04-02T11:00:00Z,impression,Display,Banner,,,0\n"

typedef struct
{
  char *dir;
  char *project;
  RdmImportAssistant *assistant;
  guint imported;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = NULL;

  fixture->dir = rdm_test_make_tmpdir ();
  fixture->project = g_build_filename (fixture->dir, "test.rendement", NULL);
  project = rdm_project_create (fixture->project, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  if (fixture->assistant != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->assistant));
  rdm_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->project);
}

static void
imported_cb (RdmImportAssistant *assistant, Fixture *fixture)
{
  fixture->imported++;
}

static void
open_assistant (Fixture *fixture, const char *name, const char *contents)
{
  g_autofree char *csv = rdm_test_write_file (fixture->dir, name, contents);

  fixture->assistant = rdm_import_assistant_new (NULL, fixture->project, csv);
  g_signal_connect (fixture->assistant, "imported", G_CALLBACK (imported_cb), fixture);
  gtk_window_set_default_size (GTK_WINDOW (fixture->assistant), 900, 760);
  gtk_window_present (GTK_WINDOW (fixture->assistant));
}

static gboolean
summary_shown (gpointer data)
{
  Fixture *fixture = data;
  return g_str_equal (gtk_stack_get_visible_child_name (fixture->assistant->stack), "summary")
         && !gtk_stack_get_transition_running (fixture->assistant->stack);
}

static gboolean
drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static void
run_import (Fixture *fixture)
{
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (fixture->assistant->import_button)));
  g_signal_emit_by_name (fixture->assistant->import_button, "clicked");
  rdm_gui_test_wait (summary_shown, fixture);
}

static RdmProjectInfo
project_info (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (fixture->project, &error);
  RdmProjectInfo info;

  g_assert_no_error (error);
  g_assert_true (rdm_project_get_info (project, &info, &error));
  return info;
}

static void
test_create_destroy (void)
{
  GtkWidget *assistant = GTK_WIDGET (rdm_import_assistant_new (NULL, "/nonexistent", NULL));

  /* no file yet: nothing to import */
  g_assert_false (
      gtk_widget_is_sensitive (GTK_WIDGET (RDM_IMPORT_ASSISTANT (assistant)->import_button)));
  gtk_window_destroy (GTK_WINDOW (assistant));
}

static void
test_good_file (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GdkTexture) texture = NULL;
  RdmProjectInfo info;

  open_assistant (fixture, "events.csv", GOOD_EVENTS);
  rdm_gui_test_wait (drawn, fixture->assistant);

  /* a semicolon file with a decimal comma, recognised as events */
  g_assert_cmpuint (adw_combo_row_get_selected (fixture->assistant->kind_row), ==, 0);
  g_assert_nonnull (
      strstr (adw_action_row_get_subtitle (fixture->assistant->file_row), "semicolon"));
  g_assert_cmpuint (fixture->assistant->mapping_rows->len, >=, 4);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->assistant->problem_label)));
  g_assert_cmpuint (
      g_list_model_get_n_items (gtk_column_view_get_columns (fixture->assistant->preview_view)), ==,
      8);
  texture = rdm_gui_test_screenshot (GTK_WIDGET (fixture->assistant), "import-assistant-preview");

  run_import (fixture);
  g_assert_cmpuint (fixture->imported, ==, 1);
  g_assert_cmpstr (adw_status_page_get_title (fixture->assistant->summary_page), ==,
                   "Imported 3 Rows");
  info = project_info (fixture);
  g_assert_cmpint (info.touchpoints, ==, 2);
  g_assert_cmpint (info.conversions, ==, 1);
  g_assert_cmpfloat (info.conversion_value, ==, 49.9);
}

static void
test_bad_file_changes_nothing (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GdkTexture) texture = NULL;
  RdmProjectInfo info;

  open_assistant (fixture, "bad.csv", BAD_EVENTS);
  rdm_gui_test_wait (drawn, fixture->assistant);
  run_import (fixture);

  g_assert_cmpuint (fixture->imported, ==, 0);
  g_assert_cmpstr (adw_status_page_get_title (fixture->assistant->summary_page), ==,
                   "Nothing Was Imported");
  /* the message names the file, the line and the column */
  g_assert_nonnull (
      strstr (adw_status_page_get_description (fixture->assistant->summary_page), "bad.csv:3:"));
  texture = rdm_gui_test_screenshot (GTK_WIDGET (fixture->assistant), "import-assistant-error");
  info = project_info (fixture);
  g_assert_cmpint (info.touchpoints, ==, 0);
  g_assert_cmpint (info.imports, ==, 0);
}

static void
test_skip_bad_rows (Fixture *fixture, gconstpointer user_data)
{
  GListModel *rejects;
  RdmProjectInfo info;

  open_assistant (fixture, "bad.csv", BAD_EVENTS);
  rdm_gui_test_wait (drawn, fixture->assistant);
  gtk_switch_set_active (fixture->assistant->skip_switch, TRUE);
  run_import (fixture);

  g_assert_cmpuint (fixture->imported, ==, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->assistant->rejects_window)));
  rejects = G_LIST_MODEL (gtk_list_view_get_model (fixture->assistant->rejects_view));
  g_assert_cmpuint (g_list_model_get_n_items (rejects), ==, 1);
  info = project_info (fixture);
  g_assert_cmpint (info.touchpoints, ==, 2);
  g_assert_cmpint (info.conversions, ==, 0);
}

/* A LinkedIn Campaign Manager export as downloaded (UTF-16, tabs, title
 * lines): the preset is found, the file row says what is skipped, and the
 * channel typed for its rows is the one they land on. */
static void
test_ad_platform (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *sample
      = g_build_filename (g_getenv ("RDM_TEST_DATA"), "import", "linkedin-campaigns.csv", NULL);
  g_autoptr (GdkTexture) texture = NULL;
  const char *subtitle;
  RdmProjectInfo info;

  fixture->assistant = rdm_import_assistant_new (NULL, fixture->project, sample);
  g_signal_connect (fixture->assistant, "imported", G_CALLBACK (imported_cb), fixture);
  gtk_window_set_default_size (GTK_WINDOW (fixture->assistant), 900, 760);
  gtk_window_present (GTK_WINDOW (fixture->assistant));
  rdm_gui_test_wait (drawn, fixture->assistant);

  /* kinds: events, costs, daily… */
  g_assert_cmpuint (adw_combo_row_get_selected (fixture->assistant->kind_row), ==, 2);
  g_assert_cmpstr (gtk_string_object_get_string (
                       adw_combo_row_get_selected_item (fixture->assistant->preset_row)),
                   ==, "linkedin-ads");
  subtitle = adw_action_row_get_subtitle (fixture->assistant->file_row);
  g_assert_nonnull (strstr (subtitle, "tab-separated, UTF-16 · lines 1–4: before the header, "
                                      "skipped"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->assistant->problem_label)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->assistant->channel_row)));
  gtk_editable_set_text (GTK_EDITABLE (fixture->assistant->channel_row), "LinkedIn");
  texture = rdm_gui_test_screenshot (GTK_WIDGET (fixture->assistant), "import-assistant-platform");

  run_import (fixture);
  g_assert_cmpuint (fixture->imported, ==, 1);
  g_assert_cmpstr (adw_status_page_get_title (fixture->assistant->summary_page), ==,
                   "Imported 3 Rows");
  g_assert_cmpstr (adw_status_page_get_description (fixture->assistant->summary_page), ==,
                   "lines 1–4: before the header, skipped");
  info = project_info (fixture);
  /* 250.40 + 48.00 + 1012.60, all on the channel typed */
  g_assert_cmpfloat_with_epsilon (info.cost, 1311.0, 1e-9);
  g_assert_cmpint (info.channels, ==, 1);
  g_assert_cmpint (info.campaigns, ==, 2);
}

/* A GA4 conversion paths download: its "#" block skipped, the preset
 * detected and the reason shown. */
static void
test_ga4_file (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *sample = g_build_filename (g_getenv ("RDM_TEST_DATA"), "analytics",
                                              "ga4-conversion-paths.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  const char *reason;
  RdmProjectInfo info;

  g_assert_true (g_file_get_contents (sample, &contents, NULL, &error));
  open_assistant (fixture, "ga4-conversion-paths.csv", contents);
  rdm_gui_test_wait (drawn, fixture->assistant);

  /* "Aggregated paths", preset ga4-paths */
  g_assert_cmpuint (adw_combo_row_get_selected (fixture->assistant->kind_row), ==, 4);
  g_assert_cmpstr (
      fixture->assistant->presets[adw_combo_row_get_selected (fixture->assistant->preset_row)], ==,
      "ga4-paths");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->assistant->detected_label)));
  reason = gtk_label_get_text (fixture->assistant->detected_label);
  g_assert_true (g_str_has_prefix (reason, "Detected: GA4 conversion paths — the header has "
                                           "“Default channel group”, “Conversions”, “Purchase "
                                           "revenue”"));
  g_assert_nonnull (strstr (reason, "GA4’s “#” comment block"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->assistant->problem_label)));
  /* the table's five columns, not the comments */
  g_assert_cmpuint (
      g_list_model_get_n_items (gtk_column_view_get_columns (fixture->assistant->preview_view)), ==,
      5);
  texture = rdm_gui_test_screenshot (GTK_WIDGET (fixture->assistant), "import-assistant-ga4");

  run_import (fixture);
  g_assert_cmpuint (fixture->imported, ==, 1);
  info = project_info (fixture);
  g_assert_cmpint (info.paths, ==, 4);
}

static void
test_unknown_columns (Fixture *fixture, gconstpointer user_data)
{
  open_assistant (fixture, "odd.csv", "colour,shape\nred,round\n");
  rdm_gui_test_wait (drawn, fixture->assistant);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->assistant->problem_label)));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (fixture->assistant->import_button)));
}

int
main (int argc, char **argv)
{
  if (!rdm_gui_test_init (&argc, &argv))
    {
      g_test_add_func ("/import-assistant/no-display", rdm_gui_test_no_display);
      return g_test_run ();
    }

  g_test_add_func ("/import-assistant/create-destroy", test_create_destroy);
#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/import-assistant/good-file", test_good_file);
  ADD ("/import-assistant/bad-file", test_bad_file_changes_nothing);
  ADD ("/import-assistant/skip-bad-rows", test_skip_bad_rows);
  ADD ("/import-assistant/unknown-columns", test_unknown_columns);
  ADD ("/import-assistant/ad-platform", test_ad_platform);
  ADD ("/import-assistant/ga4-file", test_ga4_file);
#undef ADD
  return g_test_run ();
}
