/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application shell and the Data section, in-process under a display
 * (Xvfb in CI): every widget and template is created and destroyed, a small
 * project is opened in the real window and its totals, import log, tables,
 * sorting and search are checked, and screenshots go to the build dir.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "rdm-application.h"
#include "rdm-data-page-private.h"
#include "rdm-demo.h"
#include "rdm-format.h"
#include "rdm-gui-test-util.h"
#include "rdm-import-assistant-private.h"
#include "rdm-import.h"
#include "rdm-playground-page-private.h"
#include "rdm-preferences-window.h"
#include "rdm-project-db.h"
#include "rdm-table-model.h"
#include "rdm-test-util.h"
#include "rdm-window-private.h"

static RdmApplication *app;
static char *tmpdir;

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
save_screenshot (GtkWidget *widget, const char *name)
{
  rdm_gui_test_settle (widget);
  g_object_unref (rdm_gui_test_screenshot (widget, name));
}

static void
assert_accessible_label (GtkWidget *widget, const char *label)
{
  g_autofree char *message = gtk_test_accessible_check_property (
      GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label);

  g_assert_null (message);
}

static void
destroy_window (gpointer window)
{
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  g_assert_finalize_object (window);
}

/* A project small enough to check by hand and large enough to page:
 * 1,234 touchpoints (touchpoint i = 1..1234 for visitor-(1 + i % 3), on
 * Facebook with campaign Spring when i is even, on Email otherwise, at
 * 2026-04-01 00:00 UTC + i hours), 2 conversions (1,234.50 + 2,000.25 =
 * 3,234.75), one cost of 1,500 and one import of 1,236 rows with 2
 * rejects. */
static char *
make_project (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autofree char *file_name = g_strconcat (name, ".rendement", NULL);
  char *path = g_build_filename (tmpdir, file_name, NULL);

  project = rdm_project_create (path, &error);
  g_assert_no_error (error);
  rdm_project_exec (
      project,
      "BEGIN;"
      "INSERT INTO import_log (file_name, checksum, kind, preset, imported_at, rows, rejects)"
      " VALUES ('events.csv', 'abc', 'events', 'canonical', 1775001600, 1236, 2);"
      "INSERT INTO visitor (id, external_id) VALUES (1, 'visitor-1'), (2, 'visitor-2'),"
      " (3, 'visitor-3');"
      "INSERT INTO channel (id, name, channel_group) VALUES (1, 'Facebook', 'social'),"
      " (2, 'Email', 'email');"
      "INSERT INTO campaign (id, channel_id, name) VALUES (1, 1, 'Spring');"
      "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1234)"
      " INSERT INTO touchpoint (id, visitor_id, time, channel_id, campaign_id, interaction,"
      " page_views, import_id)"
      " SELECT i, 1 + i % 3, 1775001600 + i * 3600, CASE WHEN i % 2 = 0 THEN 1 ELSE 2 END,"
      " CASE WHEN i % 2 = 0 THEN 1 END, i % 3, i % 5, 1 FROM n;"
      "INSERT INTO conversion (visitor_id, time, event, value, import_id) VALUES"
      " (1, 1775500000, 'purchase', 1234.5, 1), (2, 1775600000, 'purchase', 2000.25, 1);"
      "INSERT INTO cost (day, channel_id, campaign_id, category, amount) VALUES"
      " (1775001600, 1, 1, 'media', 1500);"
      "COMMIT;",
      &error);
  g_assert_no_error (error);
  return path;
}

static RdmWindow *
open_window (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (path);
  RdmWindow *window = rdm_window_new (app);

  g_assert_true (rdm_window_open_file (window, file, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  rdm_gui_test_settle (GTK_WIDGET (window));
  return window;
}

static RdmDataPage *
data_page_of (RdmWindow *window)
{
  return RDM_DATA_PAGE (window->data_page);
}

static const char *
cell (RdmTableModel *model, guint position, guint column)
{
  g_autoptr (RdmTableRow) row = g_list_model_get_item (G_LIST_MODEL (model), position);
  static char *last;

  g_assert_nonnull (row);
  g_free (last);
  last = g_strdup (rdm_table_row_get_cell (row, column));
  return last;
}

static GtkColumnViewColumn *
column_titled (GtkColumnView *view, const char *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  g_assert_not_reached ();
}

/* Sorting and searching run in a worker. */
static void
wait_for_model (RdmTableModel *model)
{
  while (rdm_table_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (rdm_table_model_get_error (model));
}

static void
sort_by (RdmDataPage *page, const char *title, GtkSortType order)
{
  gtk_column_view_sort_by_column (page->touchpoints_view,
                                  column_titled (page->touchpoints_view, title), order);
  wait_for_model (rdm_data_page_get_table (page, RDM_TABLE_TOUCHPOINTS));
}

static void
search (RdmDataPage *page, RdmTableKind kind, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (page->search_entry), text);
  /* the entry debounces; emit now rather than wait for its timer */
  g_signal_emit_by_name (page->search_entry, "search-changed");
  wait_for_model (rdm_data_page_get_table (page, kind));
}

static void
test_create_destroy (void)
{
  g_autofree char *path = make_project ("create-destroy");
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (path, &error);
  GtkWidget *page;
  GtkWidget *window;

  g_assert_no_error (error);

  page = g_object_ref_sink (rdm_data_page_new ());
  g_assert_finalize_object (page);

  page = g_object_ref_sink (rdm_data_page_new ());
  rdm_gui_test_set_project (page, project);
  g_assert_true (rdm_section_get_project (RDM_SECTION (page)) == project);
  g_assert_finalize_object (page);

  for (RdmTableKind kind = RDM_TABLE_TOUCHPOINTS; kind <= RDM_TABLE_CAMPAIGNS; kind++)
    {
      RdmTableModel *model = rdm_table_model_new (project, kind, &error);

      g_assert_no_error (error);
      g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == RDM_TYPE_TABLE_ROW);
      g_assert_finalize_object (model);
    }

  window = rdm_preferences_window_new ();
  destroy_window (window);

  window = GTK_WIDGET (rdm_window_new (app));
  destroy_window (window);
}

/* With a hole in the rowids, file order needs the worker's key list too. */
static void
test_table_model_holes (void)
{
  g_autofree char *path = make_project ("holes");
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (path, &error);
  g_autoptr (RdmTableModel) model = NULL;

  g_assert_no_error (error);
  g_assert_true (rdm_project_exec (project, "DELETE FROM touchpoint WHERE id = 5", &error));
  g_assert_no_error (error);

  model = rdm_table_model_new (project, RDM_TABLE_TOUCHPOINTS, &error);
  g_assert_no_error (error);
  wait_for_model (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1233);
  /* position 4 is now touchpoint 6, of visitor-(1 + 6 % 3) */
  g_assert_cmpstr (cell (model, 3, 0), ==, "visitor-2");
  g_assert_cmpstr (cell (model, 4, 0), ==, "visitor-1");
  /* page 2 starts at touchpoint 258 (257 + the hole): visitor-(1 + 258 % 3) */
  g_assert_cmpstr (cell (model, 256, 0), ==, "visitor-1");
  g_assert_cmpstr (cell (model, 1232, 0), ==, "visitor-2");
}

static void
test_help_overlay (void)
{
  g_autoptr (GtkBuilder) builder
      = gtk_builder_new_from_resource ("/fr/rendement/Rendement/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

static void
test_format (void)
{
  g_autofree char *count = NULL;
  g_autofree char *money = NULL;
  g_autofree char *day = NULL;

  count = rdm_format_count (G_GINT64_CONSTANT (12345678));
  g_assert_cmpstr (count, ==, "12,345,678");
  money = rdm_format_money (-1234.5, "USD");
  g_assert_cmpstr (money, ==, "-1,234.50 USD");
  /* 2026-04-01 00:00 UTC, in en_US's %x */
  day = rdm_format_day (G_GINT64_CONSTANT (1775001600));
  g_assert_cmpstr (day, ==, "04/01/2026");
}

static void
test_welcome (void)
{
  RdmWindow *window = rdm_window_new (app);
  g_autofree char *recent = make_project ("Recent Project");
  GtkWidget *row;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_null (rdm_window_get_project (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "welcome");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->recent_group)));

  assert_accessible_label (window->demo_button, "Open the Demo Project");
  assert_accessible_label (window->new_button, "New Project");
  assert_accessible_label (window->open_button, "Open a Project");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (window->demo_button)), ==,
                   "app.demo");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (window->new_button)), ==,
                   "app.new");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (window->open_button)), ==,
                   "app.open");

  /* a missing file is left out of the list, an existing one shown */
  rdm_application_add_recent (app, "/nonexistent/Gone.rendement");
  rdm_application_add_recent (app, recent);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->recent_group)));
  g_assert_cmpuint (window->recent_rows->len, ==, 1);
  row = g_ptr_array_index (window->recent_rows, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Recent Project");

  save_screenshot (GTK_WIDGET (window), "welcome");

  /* the Playground needs no project, and leads back */
  assert_accessible_label (window->playground_button, "Open the Playground");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (window->playground_button)), ==,
                   "win.playground");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.playground", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "playground");
  g_assert_cmpuint (g_list_model_get_n_items (_rdm_playground_page_get_credit_rows (
                        RDM_PLAYGROUND_PAGE (window->welcome_playground))),
                    >, 0);
  save_screenshot (GTK_WIDGET (window), "playground-welcome");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.welcome", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "welcome");
  destroy_window (window);
}

static void
test_project_window (void)
{
  g_autofree char *path = make_project ("Spring Review");
  RdmWindow *window = open_window (path);
  RdmDataPage *page = data_page_of (window);
  RdmTableModel *touchpoints = rdm_data_page_get_table (page, RDM_TABLE_TOUCHPOINTS);
  GtkWidget *import_row;
  GtkListBoxRow *section;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "project");
  g_assert_cmpstr (adw_window_title_get_title (window->window_title), ==, "Spring Review");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->content_stack), ==, "data");

  /* the scorecard comes first, as in the method: objectives, then data */
  section = gtk_list_box_get_row_at_index (window->sidebar, 0);
  g_assert_nonnull (section);
  assert_accessible_label (GTK_WIDGET (section), "Overview");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->section_stack), ==, "overview");
  section = gtk_list_box_get_row_at_index (window->sidebar, 1);
  assert_accessible_label (GTK_WIDGET (section), "Data");
  gtk_list_box_select_row (window->sidebar, section);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->section_stack), ==, "data");

  g_assert_cmpstr (gtk_label_get_text (page->visitors_label), ==, "3");
  g_assert_cmpstr (gtk_label_get_text (page->touchpoints_label), ==, "1,234");
  g_assert_cmpstr (gtk_label_get_text (page->conversions_label), ==, "2");
  g_assert_cmpstr (gtk_label_get_text (page->value_label), ==, "3,234.75 EUR");
  g_assert_cmpstr (gtk_label_get_text (page->cost_label), ==, "1,500.00 EUR");
  g_assert_cmpstr (gtk_label_get_text (page->channels_label), ==, "2");
  g_assert_cmpstr (gtk_label_get_text (page->campaigns_label), ==, "1");
  g_assert_cmpstr (gtk_label_get_text (page->paths_label), ==, "0");
  g_assert_cmpstr (gtk_label_get_text (page->count_label), ==, "1,234 rows");

  /* the import log */
  import_row = gtk_widget_get_first_child (GTK_WIDGET (page->imports_list));
  g_assert_true (ADW_IS_ACTION_ROW (import_row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (import_row)), ==,
                   "events.csv");
  g_assert_null (gtk_widget_get_next_sibling (import_row));

  /* the virtualised table: touchpoint 1 is visitor-2 (1 + 1 % 3), on Email */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (touchpoints)), ==, 1234);
  g_assert_cmpstr (cell (touchpoints, 0, 0), ==, "visitor-2");
  g_assert_cmpstr (cell (touchpoints, 0, 2), ==, "Email");
  g_assert_cmpstr (cell (touchpoints, 0, 4), ==, "Click");
  /* touchpoint 1000 (second page and beyond): visitor-2, Facebook, Spring */
  g_assert_cmpstr (cell (touchpoints, 999, 0), ==, "visitor-2");
  g_assert_cmpstr (cell (touchpoints, 999, 3), ==, "Spring");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (touchpoints), 1234));

  save_screenshot (GTK_WIDGET (window), "data");

  /* a click on the Visitor header sorts by visitor, then again descending */
  sort_by (page, "Visitor", GTK_SORT_ASCENDING);
  g_assert_cmpint (rdm_table_model_get_sort_column (touchpoints), ==, 0);
  g_assert_false (rdm_table_model_get_sort_descending (touchpoints));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (touchpoints)), ==, 1234);
  /* visitor-1 has touchpoints 3, 6, …, 1233; ties keep rowid order */
  g_assert_cmpstr (cell (touchpoints, 0, 0), ==, "visitor-1");
  g_assert_cmpstr (cell (touchpoints, 1233, 0), ==, "visitor-3");
  sort_by (page, "Visitor", GTK_SORT_DESCENDING);
  g_assert_true (rdm_table_model_get_sort_descending (touchpoints));
  g_assert_cmpstr (cell (touchpoints, 0, 0), ==, "visitor-3");
  g_assert_cmpstr (cell (touchpoints, 1233, 0), ==, "visitor-1");
  /* by page views, descending: 4 is the largest (i % 5 == 4) */
  sort_by (page, "Page Views", GTK_SORT_DESCENDING);
  g_assert_cmpint (rdm_table_model_get_sort_column (touchpoints), ==, 5);
  g_assert_cmpstr (cell (touchpoints, 0, 5), ==, "4");
  g_assert_cmpstr (cell (touchpoints, 1233, 5), ==, "0");

  /* search: Email is on the 617 odd touchpoints, Spring on the 617 even
   * ones, visitor-3 on i = 2, 5, …, 1232: (1232 - 2) / 3 + 1 = 411 */
  /* the rows stay until the worker has the new ones, and a newer request
   * replaces an older one */
  rdm_table_model_set_filter (touchpoints, "email");
  g_assert_true (rdm_table_model_get_loading (touchpoints));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (touchpoints)), ==, 1234);
  rdm_table_model_set_filter (touchpoints, "visitor-1");
  wait_for_model (touchpoints);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (touchpoints)), ==, 411);
  g_assert_cmpstr (cell (touchpoints, 0, 0), ==, "visitor-1");

  search (page, RDM_TABLE_TOUCHPOINTS, "email");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (touchpoints)), ==, 617);
  g_assert_cmpstr (cell (touchpoints, 0, 2), ==, "Email");
  search (page, RDM_TABLE_TOUCHPOINTS, "Spring");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (touchpoints)), ==, 617);
  search (page, RDM_TABLE_TOUCHPOINTS, "visitor-3");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (touchpoints)), ==, 411);
  g_assert_cmpstr (gtk_label_get_text (page->count_label), ==, "411 rows");
  /* LIKE wildcards in the text are literal: no name holds "%" or "_" */
  search (page, RDM_TABLE_TOUCHPOINTS, "%");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (touchpoints)), ==, 0);
  search (page, RDM_TABLE_TOUCHPOINTS, "visitor_1");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (touchpoints)), ==, 0);
  search (page, RDM_TABLE_TOUCHPOINTS, "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (touchpoints)), ==, 1234);

  /* the other tables */
  g_assert_cmpuint (g_list_model_get_n_items (
                        G_LIST_MODEL (rdm_data_page_get_table (page, RDM_TABLE_CONVERSIONS))),
                    ==, 2);
  g_assert_cmpuint (
      g_list_model_get_n_items (G_LIST_MODEL (rdm_data_page_get_table (page, RDM_TABLE_COSTS))), ==,
      1);
  g_assert_cmpstr (cell (rdm_data_page_get_table (page, RDM_TABLE_COSTS), 0, 3), ==, "Media");
  g_assert_cmpstr (cell (rdm_data_page_get_table (page, RDM_TABLE_CAMPAIGNS), 0, 2), ==, "Social");

  adw_view_stack_set_visible_child_name (page->tables_stack, "imports");
  save_screenshot (GTK_WIDGET (window), "data-import-log");
  adw_view_stack_set_visible_child_name (page->tables_stack, "conversions");
  search (page, RDM_TABLE_CONVERSIONS, "visitor-2");
  g_assert_cmpuint (g_list_model_get_n_items (
                        G_LIST_MODEL (rdm_data_page_get_table (page, RDM_TABLE_CONVERSIONS))),
                    ==, 1);
  save_screenshot (GTK_WIDGET (window), "data-conversions-search");

  destroy_window (window);
}

static void
test_one_window_per_project (void)
{
  g_autofree char *path = make_project ("Single");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  guint n_windows = g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));
  RdmWindow *window;

  rdm_application_open_file (app, file);
  window = RDM_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (rdm_window_shows_file (window, file));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==,
                    n_windows + 1);
  /* opening it again presents the same window */
  rdm_application_open_file (app, file);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==,
                    n_windows + 1);
  destroy_window (window);
}

static void
test_open_errors (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *bad = rdm_test_write_file (tmpdir, "bad.rendement", "not a database");
  g_autoptr (GFile) file = g_file_new_for_path (bad);
  RdmWindow *window = rdm_window_new (app);

  g_assert_false (rdm_window_open_file (window, file, &error));
  g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_FOREIGN);
  g_assert_null (rdm_window_get_project (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "welcome");
  destroy_window (window);
}

/* A project with a trigger hidden under a name like SQLite's own: before,
 * the window opened it and "Add Suggested KPIs" ran the trigger, which
 * deleted every touchpoint. Now the window refuses it, says why, and the
 * file stays as it was. */
static void
test_open_crafted (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = make_project ("Crafted");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  RdmWindow *window;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (
      sqlite3_exec (db,
                    "PRAGMA writable_schema = ON;"
                    "INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql) VALUES"
                    " ('trigger', 'sqlite_kpi', 'kpi', 0, 'CREATE TRIGGER sqlite_kpi AFTER INSERT"
                    " ON kpi BEGIN DELETE FROM touchpoint; END')",
                    NULL, NULL, NULL),
      ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));

  window = rdm_window_new (app);
  g_assert_false (rdm_window_open_file (window, file, &error));
  g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "structure was altered or damaged"));
  g_assert_null (rdm_window_get_project (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "welcome");
  destroy_window (window);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
}

static void
test_empty_project (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "Empty.rendement", NULL);
  g_autoptr (RdmProject) project = rdm_project_create (path, &error);
  RdmWindow *window;

  g_assert_no_error (error);
  window = open_window (path);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (data_page_of (window)->content_stack), ==,
                   "empty");
  save_screenshot (GTK_WIDGET (window), "data-empty");
  destroy_window (window);
}

static void
test_save_as (void)
{
  g_autofree char *path = make_project ("Original");
  g_autofree char *copy_path = g_build_filename (tmpdir, "Copy.rendement", NULL);
  g_autoptr (GFile) copy = g_file_new_for_path (copy_path);
  g_autoptr (GFile) original = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  RdmWindow *window = open_window (path);
  RdmProjectInfo info = { 0 };

  g_assert_false (_rdm_window_save_as (window, original, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_true (_rdm_window_save_as (window, copy, &error));
  g_assert_no_error (error);
  g_assert_true (rdm_window_shows_file (window, copy));
  g_assert_cmpstr (adw_window_title_get_title (window->window_title), ==, "Copy");
  g_assert_true (rdm_project_get_info (rdm_window_get_project (window), &info, &error));
  g_assert_no_error (error);
  g_assert_cmpint (info.touchpoints, ==, 1234);
  g_assert_cmpint (info.imports, ==, 1);
  destroy_window (window);
}

static gboolean
has_window_of_type (GType type)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      return TRUE;
  return FALSE;
}

static void
destroy_windows_of_type (GType type)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  for (GList *l = windows; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      gtk_window_destroy (l->data);
  g_list_free (windows);
  spin ();
}

static void
test_app_actions (void)
{
  RdmWindow *window = rdm_window_new (app);
  GtkWidget *preferences = NULL;

  gtk_window_present (GTK_WINDOW (window));
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_assert_true (has_window_of_type (RDM_TYPE_PREFERENCES_WINDOW));
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (RDM_IS_PREFERENCES_WINDOW (l->data))
      preferences = l->data;
  save_screenshot (preferences, "preferences");
  destroy_windows_of_type (RDM_TYPE_PREFERENCES_WINDOW);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  g_assert_true (has_window_of_type (ADW_TYPE_ABOUT_WINDOW));
  destroy_windows_of_type (ADW_TYPE_ABOUT_WINDOW);

  /* the shortcuts window comes from gtk/help-overlay.ui in the resources */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  gtk_window_present (GTK_WINDOW (window));
  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  g_assert_true (gtk_widget_get_visible (
      GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)))));
  gtk_widget_set_visible (
      GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))),
      FALSE);

  for (guint i = 0; i < 8; i++)
    {
      static const char *const names[]
          = { "new", "new-window", "open", "demo", "preferences", "about", "shortcuts", "quit" };

      g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), names[i]));
    }
  destroy_window (window);
}

static void
test_preferences_settings (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *window = rdm_preferences_window_new ();
  g_autofree char *currency = NULL;

  gtk_window_present (GTK_WINDOW (window));
  g_settings_set_uint (settings, "click-window-days", 14);
  g_settings_set_string (settings, "currency", "USD");
  g_settings_set_string (settings, "color-scheme", "dark");
  spin ();
  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  g_settings_set_string (settings, "color-scheme", "follow");
  g_settings_reset (settings, "click-window-days");
  g_settings_reset (settings, "currency");
  currency = g_settings_get_string (settings, "currency");
  g_assert_cmpstr (currency, ==, "EUR");
  destroy_window (window);
}

static void
test_narrow_window (void)
{
  g_autofree char *path = make_project ("Narrow");
  RdmWindow *window = rdm_window_new (app);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 400, 700);
  g_assert_true (rdm_window_open_file (window, file, &error));
  gtk_window_present (GTK_WINDOW (window));
  rdm_gui_test_settle (GTK_WIDGET (window));
  g_assert_true (adw_leaflet_get_folded (window->leaflet));
  save_screenshot (GTK_WIDGET (window), "narrow");
  destroy_window (window);
}

/* The assistant a drop or win.import-file opened, once it has its file. */
static RdmImportAssistant *
assistant_of (RdmWindow *window)
{
  spin ();
  g_assert_nonnull (window->import_assistant);
  return RDM_IMPORT_ASSISTANT (window->import_assistant);
}

static void
wait_for_summary (RdmImportAssistant *assistant)
{
  while (!g_str_equal (gtk_stack_get_visible_child_name (assistant->stack), "summary"))
    g_main_context_iteration (NULL, TRUE);
  spin ();
}

/* What a dropped CSV file does: win.import-file with its path opens the
 * import assistant on it. */
static void
test_import_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "Import.rendement", NULL);
  g_autoptr (RdmProject) project = rdm_project_create (path, &error);
  /* 2 touchpoints (a click, an impression), 1 conversion of 50 */
  g_autofree char *csv
      = rdm_test_write_file (tmpdir, "events.csv",
                             "visitor_id,timestamp,type,channel,campaign,value,event,page_views\n"
                             "v1,2026-04-01T10:00:00Z,click,Facebook,Spring,,,1\n"
                             "v1,2026-04-02T10:00:00Z,conversion,,,50,purchase,\n"
                             "v2,2026-04-03T10:00:00Z,impression,Email,,,,0\n");
  g_autofree char *junk = rdm_test_write_file (tmpdir, "junk.csv", "a;b\n1;2\n");
  RdmImportAssistant *assistant;
  RdmWindow *window;
  RdmDataPage *page;

  g_assert_no_error (error);
  g_clear_object (&project);
  window = open_window (path);
  page = data_page_of (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->content_stack), ==, "empty");

  /* a file that matches no format cannot be imported as it is */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "s", junk);
  assistant = assistant_of (window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (assistant->problem_label)));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (assistant->import_button)));

  /* dropping another file reuses the assistant */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "s", csv);
  g_assert_true (assistant_of (window) == assistant);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (assistant->problem_label)));
  g_signal_emit_by_name (assistant->import_button, "clicked");
  wait_for_summary (assistant);
  gtk_window_destroy (GTK_WINDOW (assistant));
  spin ();

  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->content_stack), ==, "data");
  g_assert_cmpstr (gtk_label_get_text (page->touchpoints_label), ==, "2");
  g_assert_cmpstr (gtk_label_get_text (page->conversions_label), ==, "1");
  g_assert_cmpuint (g_list_model_get_n_items (
                        G_LIST_MODEL (rdm_data_page_get_table (page, RDM_TABLE_TOUCHPOINTS))),
                    ==, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                       gtk_widget_get_first_child (GTK_WIDGET (page->imports_list)))),
                   ==, "events.csv");
  destroy_window (window);
}

/* The import log shows the period a GA4 file states, and the outcomes
 * kind by its name. */
static void
test_import_log_period (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "Period.rendement", NULL);
  g_autoptr (RdmProject) project = rdm_project_create (path, &error);
  g_autofree char *ga4 = g_build_filename (g_getenv ("RDM_TEST_DATA"), "analytics",
                                           "ga4-conversion-paths.csv", NULL);
  g_autofree char *matomo
      = g_build_filename (g_getenv ("RDM_TEST_DATA"), "analytics", "matomo-goals-by-day.csv", NULL);
  GtkWidget *ga4_row, *matomo_row;
  RdmWindow *window;
  RdmDataPage *page;

  g_assert_no_error (error);
  g_assert_true (rdm_import_file (project, ga4, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_true (rdm_import_file (project, matomo, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&project);
  window = open_window (path);
  page = data_page_of (window);

  /* newest first */
  matomo_row = gtk_widget_get_first_child (GTK_WIDGET (page->imports_list));
  ga4_row = gtk_widget_get_next_sibling (matomo_row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (ga4_row)), ==,
                   "ga4-conversion-paths.csv");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (ga4_row)),
                            "covers 2026-10-01 … 2026-12-31"));
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (matomo_row)),
                                   "Daily outcomes · "));
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (matomo_row)), "covers"));
  destroy_window (window);
}

/* The remove button of the import log's row for @file_name, or NULL. */
static GtkWidget *
remove_button_of (RdmDataPage *page, const char *file_name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (page->imports_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *widget = GTK_WIDGET (row);

      if (!ADW_IS_ACTION_ROW (row)
          || g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), file_name) != 0)
        continue;
      /* depth first through the row's widgets */
      while (widget != NULL)
        {
          if (GTK_IS_BUTTON (widget)
              && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)),
                            "win.remove-import")
                     == 0)
            return widget;
          if (gtk_widget_get_first_child (widget) != NULL)
            widget = gtk_widget_get_first_child (widget);
          else
            {
              while (widget != row && gtk_widget_get_next_sibling (widget) == NULL)
                widget = gtk_widget_get_parent (widget);
              widget = widget == row ? NULL : gtk_widget_get_next_sibling (widget);
            }
        }
    }
  return NULL;
}

static AdwMessageDialog *
message_dialog_of (RdmWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel)
          && gtk_window_get_transient_for (GTK_WINDOW (toplevel)) == GTK_WINDOW (window))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static guint
count_imports (RdmDataPage *page)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (page->imports_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n += ADW_IS_ACTION_ROW (row);
  return n;
}

/* Each removable import has a remove button; it asks first, and after
 * "Remove" the import is gone from the file and every section reloads. */
static void
test_remove_import (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "Remove Import.rendement", NULL);
  g_autoptr (RdmProject) project = rdm_project_create (path, &error);
  g_autofree char *events
      = rdm_test_write_file (tmpdir, "remove-events.csv",
                             "visitor_id,timestamp,type,channel,campaign,value,event,page_views\n"
                             "v1,2026-04-01T10:00:00Z,click,Facebook,Spring,,,1\n"
                             "v1,2026-04-02T10:00:00Z,conversion,,,50,purchase,\n"
                             "v2,2026-04-03T10:00:00Z,impression,Email,,,,0\n");
  g_autofree char *costs = rdm_test_write_file (tmpdir, "remove-costs.csv",
                                                "date,channel,campaign,category,amount\n"
                                                "2026-04-01,Facebook,Spring,media,120\n");
  g_autofree char *attributes
      = rdm_test_write_file (tmpdir, "remove-attributes.csv", "visitor_id,region\nv1,North\n");
  RdmImportOptions options = { 0 };
  g_autoptr (GPtrArray) imports = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *button;
  RdmWindow *window;
  RdmDataPage *page;

  g_assert_no_error (error);
  g_assert_true (rdm_import_file (project, events, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_true (rdm_import_file (project, costs, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_true (rdm_import_file (project, attributes, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&project);

  window = open_window (path);
  page = data_page_of (window);
  g_assert_cmpuint (count_imports (page), ==, 3);
  g_assert_cmpstr (gtk_label_get_text (page->touchpoints_label), ==, "2");
  /* attributes are kept per visitor, not per import: no button */
  g_assert_null (remove_button_of (page, "remove-attributes.csv"));
  button = remove_button_of (page, "remove-events.csv");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Remove This Import");
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (button)), ==, "user-trash-symbolic");

  /* "Cancel" changes nothing */
  g_signal_emit_by_name (button, "clicked");
  dialog = message_dialog_of (window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove Import?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“remove-events.csv”"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "The 3 rows"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "remove"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  save_screenshot (GTK_WIDGET (dialog), "data-remove-import");
  /* what a click on a response button does */
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
  spin ();
  g_assert_null (message_dialog_of (window));
  g_assert_cmpuint (count_imports (page), ==, 3);

  /* "Remove" runs in a worker; the sections reload when it is done */
  g_signal_emit_by_name (remove_button_of (page, "remove-events.csv"), "clicked");
  dialog = message_dialog_of (window);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "remove");
  gtk_window_close (GTK_WINDOW (dialog));
  while (count_imports (page) != 2)
    g_main_context_iteration (NULL, TRUE);
  spin ();
  g_assert_null (remove_button_of (page, "remove-events.csv"));
  g_assert_nonnull (remove_button_of (page, "remove-costs.csv"));
  g_assert_cmpstr (gtk_label_get_text (page->touchpoints_label), ==, "0");
  g_assert_cmpstr (gtk_label_get_text (page->conversions_label), ==, "0");
  g_assert_cmpstr (gtk_label_get_text (page->cost_label), ==, "120.00 EUR");
  g_assert_cmpuint (g_list_model_get_n_items (
                        G_LIST_MODEL (rdm_data_page_get_table (page, RDM_TABLE_TOUCHPOINTS))),
                    ==, 0);
  /* v1 keeps its attribute, v2 had nothing else */
  g_assert_cmpstr (gtk_label_get_text (page->visitors_label), ==, "1");
  /* the action is back for the next removal */
  g_assert_true (gtk_widget_is_sensitive (remove_button_of (page, "remove-costs.csv")));

  project = rdm_project_open (path, &error);
  g_assert_no_error (error);
  imports = rdm_project_list_imports (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imports->len, ==, 2);
  g_assert_cmpstr (((RdmImportRecord *)imports->pdata[0])->file_name, ==, "remove-costs.csv");
  g_assert_cmpstr (((RdmImportRecord *)imports->pdata[1])->file_name, ==, "remove-attributes.csv");
  g_assert_cmpint (
      rdm_test_query_int (rdm_project_get_db (project), "SELECT count(*) FROM touchpoint"), ==, 0);
  destroy_window (window);
}

static RdmWindow *
window_showing (GFile *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (RDM_IS_WINDOW (l->data) && rdm_window_shows_file (l->data, file))
      return l->data;
  return NULL;
}

static const char *const sections[]
    = { "overview", "data", "attribution", "paths", "roi", "segments" };

static void
test_demo (void)
{
  g_autofree char *path
      = g_build_filename (g_get_user_data_dir (), "rendement", "Demo.rendement", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  RdmWindow *window;
  RdmDataPage *page;

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_action_group_activate_action (G_ACTION_GROUP (app), "demo", NULL);
  while ((window = window_showing (file)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  rdm_gui_test_settle (GTK_WIDGET (window));
  page = data_page_of (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->content_stack), ==, "data");
  g_assert_cmpuint (g_list_model_get_n_items (
                        G_LIST_MODEL (rdm_data_page_get_table (page, RDM_TABLE_TOUCHPOINTS))),
                    >, 0);
  save_screenshot (GTK_WIDGET (window), "demo");

  /* every section of the demo, as test artefacts for the README and the
   * metainfo; the sections compute in workers, and each screenshot waits
   * for them (see save_screenshot) */
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 860);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autofree char *name = g_strconcat ("section-", sections[i], NULL);

      rdm_window_show_section (window, sections[i]);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (window->section_stack), ==, sections[i]);
      save_screenshot (GTK_WIDGET (window), name);
    }
  destroy_window (window);
}

/* A demo an earlier version wrote (here: the one above, its import log
 * made to say so) is moved aside, not lost, and a new one is written. */
static void
test_outdated_demo (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "rendement", NULL);
  g_autofree char *path = g_build_filename (dir, "Demo.rendement", NULL);
  g_autofree char *aside = g_build_filename (dir, "Demo (earlier version).rendement", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  RdmWindow *window;
  gboolean outdated = FALSE;

  {
    g_autoptr (RdmProject) project = rdm_project_open (path, &error);

    g_assert_no_error (error);
    g_assert_true (rdm_demo_is_outdated (project, RDM_DEMO_DEFAULT_SEED, &outdated, &error));
    g_assert_false (outdated);
    g_assert_true (rdm_project_exec (
        project, "UPDATE import_log SET checksum = 'earlier' WHERE kind = 'demo'", &error));
    g_assert_no_error (error);
  }
  g_assert_false (g_file_test (aside, G_FILE_TEST_EXISTS));
  g_action_group_activate_action (G_ACTION_GROUP (app), "demo", NULL);
  while ((window = window_showing (file)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  rdm_gui_test_settle (GTK_WIDGET (window));
  g_assert_true (g_file_test (aside, G_FILE_TEST_EXISTS));
  {
    g_autoptr (RdmProject) earlier = rdm_project_open_for_reading (aside, &error);
    g_autoptr (RdmProject) current = rdm_project_open_for_reading (path, &error);

    g_assert_no_error (error);
    g_assert_true (rdm_demo_is_outdated (earlier, RDM_DEMO_DEFAULT_SEED, &outdated, &error));
    g_assert_true (outdated);
    g_assert_true (rdm_demo_is_outdated (current, RDM_DEMO_DEFAULT_SEED, &outdated, &error));
    g_assert_false (outdated);
  }
  destroy_window (window);
}

static void
test_window_size_saved (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  RdmWindow *window = rdm_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 650);
  gtk_window_present (GTK_WINDOW (window));
  rdm_gui_test_settle (GTK_WIDGET (window));
  g_object_ref (window);
  gtk_window_close (GTK_WINDOW (window));
  spin ();
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 650);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  g_assert_finalize_object (window);
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

static void
test_no_display (void)
{
  g_test_skip ("no display: run the GUI tests under xvfb-run");
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *locale_dir = NULL;
  int status;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/gui/no-display", test_no_display);
      return g_test_run ();
    }

  tmpdir = rdm_test_make_tmpdir ();
  /* nothing of the user's, and GLib caches these on first use */
  for (guint i = 0; i < 4; i++)
    {
      static const char *const names[]
          = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR" };
      g_autofree char *dir = g_build_filename (tmpdir, names[i], NULL);

      g_mkdir (dir, 0700);
      g_setenv (names[i], dir, TRUE);
    }
  /* gtk_test_init() switches to en_US.UTF-8 when it exists; build it in
   * the temporary dir so the locale-formatted numbers are checkable */
  locale_dir = g_build_filename (tmpdir, "locale", NULL);
  g_mkdir (locale_dir, 0700);
  rdm_test_build_locale (locale_dir, "en_US");
  g_setenv ("LOCPATH", locale_dir, TRUE);
  /* an in-process accessibility backend, so labels can be checked */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* screenshots catch no transition half-way */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  /* the numbers checked below are en_US's */
  g_assert_true (g_str_has_prefix (setlocale (LC_NUMERIC, NULL), "en_US"));

  app = rdm_application_new ();
  /* no other instance to talk to in a test */
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/gui/create-destroy", test_create_destroy);
  g_test_add_func ("/gui/help-overlay", test_help_overlay);
  g_test_add_func ("/gui/table-model-holes", test_table_model_holes);
  g_test_add_func ("/gui/format", test_format);
  g_test_add_func ("/gui/welcome", test_welcome);
  g_test_add_func ("/gui/project-window", test_project_window);
  g_test_add_func ("/gui/one-window-per-project", test_one_window_per_project);
  g_test_add_func ("/gui/open-errors", test_open_errors);
  g_test_add_func ("/gui/open-crafted", test_open_crafted);
  g_test_add_func ("/gui/empty-project", test_empty_project);
  g_test_add_func ("/gui/save-as", test_save_as);
  g_test_add_func ("/gui/app-actions", test_app_actions);
  g_test_add_func ("/gui/preferences-settings", test_preferences_settings);
  g_test_add_func ("/gui/narrow-window", test_narrow_window);
  g_test_add_func ("/gui/import-file", test_import_file);
  g_test_add_func ("/gui/import-log-period", test_import_log_period);
  g_test_add_func ("/gui/remove-import", test_remove_import);
  g_test_add_func ("/gui/demo", test_demo);
  g_test_add_func ("/gui/outdated-demo", test_outdated_demo);
  g_test_add_func ("/gui/window-size-saved", test_window_size_saved);

  status = g_test_run ();
  g_clear_object (&app);
  rdm_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
