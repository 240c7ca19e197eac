/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import assistant's "From a database" page against a PostgreSQL 15
 * server the test starts: a person opens the page, types the connection,
 * tests it, names the tables and imports; the project then holds exactly
 * the path table rendement-cli's import --from builds. A table that does
 * not exist is said on the form, which stays open, and changes nothing.
 */
#include "config.h"

#include "rdm-attribution-page.h"
#include "rdm-gui-test-util.h"
#include "rdm-import-assistant-private.h"
#include "rdm-path-options.h"
#include "rdm-project-db.h"
#include "rdm-test-pg.h"
#include "rdm-test-util.h"
#include "rdm-warehouse-form-private.h"
#include "rdm-warehouse.h"

#define ROWS 20000

static RdmTestPg *pg;
static char *dir;

typedef struct
{
  char *project;
  RdmImportAssistant *assistant;
  guint imported;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  static guint count;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autofree char *name = g_strdup_printf ("project-%u.rendement", ++count);

  fixture->project = g_build_filename (dir, name, NULL);
  project = rdm_project_create (fixture->project, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  if (fixture->assistant != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->assistant));
  g_free (fixture->project);
}

static void
imported_cb (RdmImportAssistant *assistant, Fixture *fixture)
{
  fixture->imported++;
}

/* Clicks the button of @action_name under @root, as a person would. */
static void
click (GtkWidget *root, const char *action_name)
{
  GtkWidget *button = rdm_gui_test_find_action_button (root, action_name);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

static void
open_database_page (Fixture *fixture, int width, int height)
{
  fixture->assistant = rdm_import_assistant_new (NULL, fixture->project, NULL);
  g_signal_connect (fixture->assistant, "imported", G_CALLBACK (imported_cb), fixture);
  gtk_window_set_default_size (GTK_WINDOW (fixture->assistant), width, height);
  gtk_window_present (GTK_WINDOW (fixture->assistant));
  rdm_gui_test_settle (GTK_WIDGET (fixture->assistant));
  click (GTK_WIDGET (fixture->assistant), "assistant.database");
  rdm_gui_test_settle (GTK_WIDGET (fixture->assistant));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (fixture->assistant->stack), ==, "database");
}

static void
type (AdwEntryRow *row, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static gboolean
tested (gpointer data)
{
  RdmWarehouseForm *form = data;

  /* the button is off while the worker connects */
  return gtk_widget_is_sensitive (
      rdm_gui_test_find_action_button (GTK_WIDGET (form), "warehouse.test"));
}

static gboolean
import_finished (gpointer data)
{
  Fixture *fixture = data;
  const char *page = gtk_stack_get_visible_child_name (fixture->assistant->stack);

  return !fixture->assistant->importing && !g_str_equal (page, "progress")
         && !gtk_stack_get_transition_running (fixture->assistant->stack);
}

static char *
path_rows (const char *project_path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open_for_reading (project_path, &error);

  g_assert_no_error (error);
  return rdm_test_query_text (rdm_project_get_db (project),
                              "SELECT path, touch_kinds, day, conversions, value, nulls"
                              " FROM path_row ORDER BY id");
}

static void
test_import (Fixture *fixture, gconstpointer user_data)
{
  RdmWarehouseForm *form;
  g_autofree char *connection = rdm_test_pg_connection (pg, "reader");
  g_autofree char *expected_project = g_build_filename (dir, "by-cli.rendement", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;
  g_autofree char *out = NULL;

  if (pg == NULL)
    {
      g_test_skip ("PostgreSQL 15's server is not installed");
      return;
    }
  open_database_page (fixture, 900, 700);
  form = fixture->assistant->warehouse_form;

  type (form->connection_row, connection);
  click (GTK_WIDGET (form), "warehouse.test");
  rdm_gui_test_wait (tested, form);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (form->test_row), "PostgreSQL 15"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (form->problem_label)));

  type (form->table_row, "events");
  type (form->order_row, "line");
  type (form->costs_row, "costs");
  g_assert_cmpfloat (gtk_spin_button_get_value (form->click_spin), ==, 30);
  gtk_spin_button_set_value (form->click_spin, 14);
  type (form->from_row, "01/02/2026");
  click (GTK_WIDGET (fixture->assistant), "assistant.import");
  rdm_gui_test_wait (import_finished, fixture);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (fixture->assistant->stack), ==, "summary");
  g_assert_cmpuint (fixture->imported, ==, 1);
  rdm_gui_test_settle (GTK_WIDGET (fixture->assistant));
  rdm_gui_test_screenshot (GTK_WIDGET (fixture->assistant), "import-database-summary");

  /* the same journeys as the command line's, with the same settings */
  g_assert_cmpint (rdm_test_run_cli (&out, NULL, "new", expected_project, NULL), ==, 0);
  g_assert_cmpint (rdm_test_run_cli (&out, NULL, "import", expected_project, "--from", connection,
                                     "--table", "events", "--map", "order=line", "--costs-table",
                                     "costs", "--click-window", "14", "--from-date", "2026-02-01",
                                     NULL),
                   ==, 0);
  expected = path_rows (expected_project);
  actual = path_rows (fixture->project);
  g_assert_cmpstr (actual, ==, expected);
  g_assert_cmpuint (strlen (actual), >, 1000);
}

static void
test_refused (Fixture *fixture, gconstpointer user_data)
{
  RdmWarehouseForm *form;
  g_autofree char *connection = rdm_test_pg_connection (pg, "reader");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (pg == NULL)
    {
      g_test_skip ("PostgreSQL 15's server is not installed");
      return;
    }
  open_database_page (fixture, 900, 700);
  form = fixture->assistant->warehouse_form;
  before = path_rows (fixture->project);

  /* nothing typed: said, nothing run */
  click (GTK_WIDGET (fixture->assistant), "assistant.import");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (form->problem_label)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (fixture->assistant->stack), ==, "database");

  type (form->connection_row, connection);
  type (form->table_row, "orders");
  type (form->to_row, "31/13/2026");
  click (GTK_WIDGET (fixture->assistant), "assistant.import");
  g_assert_nonnull (strstr (gtk_label_get_text (form->problem_label), "31/13/2026"));

  type (form->to_row, "");
  click (GTK_WIDGET (fixture->assistant), "assistant.import");
  rdm_gui_test_wait (import_finished, fixture);
  /* the form stays, with the server's reason */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (fixture->assistant->stack), ==, "database");
  g_assert_nonnull (strstr (gtk_label_get_text (form->problem_label), "orders"));
  g_assert_cmpuint (fixture->imported, ==, 0);
  after = path_rows (fixture->project);
  g_assert_cmpstr (after, ==, before);
}

/* A server that wants a password: the form says so, keeps the person on
 * it with the password field focused, and imports once it is typed. */
static void
test_password (Fixture *fixture, gconstpointer user_data)
{
  RdmWarehouseForm *form;
  g_autofree char *connection = NULL;

  if (pg == NULL)
    {
      g_test_skip ("PostgreSQL 15's server is not installed");
      return;
    }
  connection = rdm_test_pg_connection (pg, "secret");
  open_database_page (fixture, 900, 700);
  form = fixture->assistant->warehouse_form;
  type (form->connection_row, connection);
  type (form->table_row, "events");
  type (form->order_row, "line");
  click (GTK_WIDGET (fixture->assistant), "assistant.import");
  rdm_gui_test_wait (import_finished, fixture);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (fixture->assistant->stack), ==, "database");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (form->problem_label)));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (form->password_row))
                 || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->assistant)),
                                            GTK_WIDGET (form->password_row)));
  rdm_gui_test_settle (GTK_WIDGET (fixture->assistant));
  rdm_gui_test_screenshot (GTK_WIDGET (fixture->assistant), "import-database-password");
  g_assert_cmpuint (fixture->imported, ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (form->password_row), "s3cret");
  click (GTK_WIDGET (fixture->assistant), "assistant.import");
  rdm_gui_test_wait (import_finished, fixture);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (fixture->assistant->stack), ==, "summary");
  g_assert_cmpuint (fixture->imported, ==, 1);
}

static gboolean
section_settled (gpointer data)
{
  RdmSection *section = data;
  const char *state = rdm_section_get_state (section);

  return !rdm_section_get_busy (section) && state != NULL && !g_str_equal (state, "loading");
}

static GtkWidget *
visible_action_button (GtkWidget *root, const char *action_name)
{
  GtkWidget *button = rdm_gui_test_find_action_button (root, action_name);

  return button != NULL && gtk_widget_is_visible (button) ? button : NULL;
}

/* Other windows in the attribution section than the warehouse ran: the
 * section says so and offers to build the journeys again, and the
 * assistant does, with the section's rules and the last import's tables. */
static void
test_other_rules (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *connection = rdm_test_pg_connection (pg, "reader");
  g_autoptr (RdmProject) project = NULL;
  g_autoptr (RdmWarehouseReport) report = NULL;
  g_autoptr (RdmWarehouseSource) built = NULL;
  g_autoptr (GHashTable) mapping = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GError) error = NULL;
  GtkWidget *window;
  GtkWidget *page;
  RdmAnalysisSettings *settings;
  RdmWarehouseForm *form;
  RdmPathOptions path;
  RdmWarehouseOptions options = { .connection = connection, .table = "events" };

  if (pg == NULL)
    {
      g_test_skip ("PostgreSQL 15's server is not installed");
      return;
    }
  project = rdm_project_open (fixture->project, &error);
  g_assert_no_error (error);
  rdm_path_options_init (&path);
  g_hash_table_insert (mapping, (gpointer) "order", (gpointer) "line");
  options.mapping = mapping;
  options.path = &path;
  g_assert_true (rdm_warehouse_import (project, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);

  window = adw_window_new ();
  page = rdm_attribution_page_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 1000);
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  settings = rdm_project_session_get_settings (rdm_gui_test_set_project (page, project));
  rdm_gui_test_wait (section_settled, page);
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (page)), !=, "error");
  g_assert_null (visible_action_button (page, "win.import-database"));

  g_object_set (settings, "click-window", 7.0, NULL);
  rdm_gui_test_wait (section_settled, page);
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (page)), ==, "error");
  g_assert_nonnull (visible_action_button (page, "win.import-database"));
  rdm_gui_test_settle (window);
  rdm_gui_test_screenshot (window, "import-database-other-rules");
  gtk_window_destroy (GTK_WINDOW (window));

  /* what the window's action opens: the last import's tables, the
   * section's rules (saved in the project by the session) */
  fixture->assistant = rdm_import_assistant_new (NULL, fixture->project, NULL);
  g_signal_connect (fixture->assistant, "imported", G_CALLBACK (imported_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->assistant));
  rdm_import_assistant_show_database (fixture->assistant);
  form = fixture->assistant->warehouse_form;
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form->table_row)), ==, "events");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form->order_row)), ==, "line");
  g_assert_cmpfloat (gtk_spin_button_get_value (form->click_spin), ==, 7);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (fixture->assistant->stack), ==, "database");
  click (GTK_WIDGET (fixture->assistant), "assistant.import");
  rdm_gui_test_wait (import_finished, fixture);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (fixture->assistant->stack), ==, "summary");
  built = rdm_project_load_warehouse_source (project, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (built->path.click_window_days, ==, 7);
  rdm_path_options_clear (&path);
}

static void
test_screenshots (Fixture *fixture, gconstpointer data)
{
  const char *lang = data;
  g_autofree char *connection = NULL;
  const int sizes[][2] = { { 900, 700 }, { 1280, 1024 } };

  if (pg == NULL)
    {
      g_test_skip ("PostgreSQL 15's server is not installed");
      return;
    }
  connection = rdm_test_pg_connection (pg, "reader");
  rdm_gui_test_use_language (g_str_equal (lang, "fr") ? "fr_FR.UTF-8" : "en_US.UTF-8");
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autofree char *shot
          = g_strdup_printf ("import-database-%s-%dx%d", lang, sizes[s][0], sizes[s][1]);
      RdmWarehouseForm *form;

      open_database_page (fixture, sizes[s][0], sizes[s][1]);
      form = fixture->assistant->warehouse_form;
      type (form->connection_row, connection);
      type (form->table_row, "events");
      type (form->order_row, "line");
      click (GTK_WIDGET (form), "warehouse.test");
      rdm_gui_test_wait (tested, form);
      rdm_gui_test_settle (GTK_WIDGET (fixture->assistant));
      rdm_gui_test_screenshot (GTK_WIDGET (fixture->assistant), shot);
      gtk_window_destroy (GTK_WINDOW (fixture->assistant));
      fixture->assistant = NULL;
    }
  rdm_gui_test_use_language ("en_US.UTF-8");
}

int
main (int argc, char **argv)
{
  g_autofree char *events = NULL;
  g_autofree char *costs = NULL;
  int status;

  if (!rdm_gui_test_init (&argc, &argv))
    {
      g_test_add_func ("/warehouse-assistant/no-display", rdm_gui_test_no_display);
      return g_test_run ();
    }
  dir = rdm_test_make_tmpdir ();
  rdm_gui_test_build_languages (dir);
  rdm_gui_test_use_language ("en_US.UTF-8");
  events = g_build_filename (dir, "events.csv", NULL);
  costs = g_build_filename (dir, "costs.csv", NULL);
  rdm_test_write_event_log (events, ROWS);
  rdm_test_write_costs (costs);
  pg = rdm_test_pg_start ();
  if (pg != NULL)
    rdm_test_pg_load_events (pg, events, costs);

#define ADD(name, data, func)                                                                      \
  g_test_add (name, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/warehouse-assistant/import", NULL, test_import);
  ADD ("/warehouse-assistant/refused", NULL, test_refused);
  ADD ("/warehouse-assistant/other-rules", NULL, test_other_rules);
  ADD ("/warehouse-assistant/password", NULL, test_password);
  ADD ("/warehouse-assistant/screenshots/en", "en", test_screenshots);
  ADD ("/warehouse-assistant/screenshots/fr", "fr", test_screenshots);
#undef ADD

  status = g_test_run ();
  rdm_test_pg_stop (pg);
  rdm_test_remove_tree (dir);
  return status;
}
