/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the window now does that only the CLI did, in the real window on
 * the demo project under a display (Xvfb):
 * - "win.export-review-to" writes the quarterly review through the same
 *   function as "rendement-cli report": a PDF with the same page count;
 *   a wrong file name is refused with a dialog;
 * - the ROI table exports to CSV with the numbers "rendement-cli roi"
 *   prints, at full precision;
 * - savings, objectives and initiatives are added, edited and removed in
 *   the business editor, checked through data/ and through rendement-cli,
 *   and a saving shows at once in the ROI section; bad input changes
 *   nothing and says why under the form.
 * Screenshots go to $RDM_SCREENSHOTS_DIR.
 */

#include "config.h"

#include <math.h>
#include <cjson/cJSON.h>
#include <glib/gstdio.h>

#include "rdm-analysis-settings.h"
#include "rdm-application.h"
#include "rdm-chart-view.h"
#include "rdm-business-editor-private.h"
#include "rdm-csv.h"
#include "rdm-gui-test-util.h"
#include "rdm-overview-page.h"
#include "rdm-result-row.h"
#include "rdm-roi-page.h"
#include "rdm-table-export-button.h"
#include "rdm-test-util.h"
#include "rdm-window-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

static RdmApplication *app;
static char *tmpdir;
static char *demo_path; /* made once; tests that change it work on a copy */

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static char *
copy_demo (const char *name)
{
  g_autofree char *file_name = g_strconcat (name, ".rendement", NULL);
  char *path = g_build_filename (tmpdir, file_name, NULL);
  g_autoptr (GFile) source = g_file_new_for_path (demo_path);
  g_autoptr (GFile) target = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return path;
}

static RdmWindow *
open_window (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (path);
  RdmWindow *window = rdm_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  g_assert_true (rdm_window_open_file (window, file, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  return window;
}

static void
destroy_window (gpointer window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

/* The top-level of @type other than @except, or NULL. */
static GtkWindow *
find_toplevel (GType type, gpointer except)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && (gpointer)window != except)
        return window;
    }
  return NULL;
}

static GtkWidget *
find_descendant (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  RdmWindow *window;
  const char *text;
} ToastWait;

static gboolean
toast_shown (gpointer data)
{
  ToastWait *wait = data;

  return rdm_gui_test_shows_label (GTK_WIDGET (wait->window->toast_overlay), wait->text);
}

/* Waits for the window's export toast of @file_name, with its button. */
static void
wait_for_export_toast (RdmWindow *window, const char *file_name)
{
  g_autofree char *text = g_strdup_printf ("Exported “%s”", file_name);
  ToastWait wait = { window, text };

  rdm_gui_test_wait (toast_shown, &wait);
  wait.text = "Open Folder";
  g_assert_true (toast_shown (&wait));
}

static int
pdf_pages (const char *path)
{
  g_autofree char *out = NULL;
  const char *argv[] = { "pdfinfo", path, NULL };
  int status = 0;
  const char *line;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                               NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  line = strstr (out, "Pages:");
  g_assert_nonnull (line);
  return atoi (line + strlen ("Pages:"));
}

/* Fails unless the text of the PDF @path (pdftotext, from poppler-utils)
 * holds @expected. */
static void
assert_pdf_text (const char *path, const char *expected)
{
  g_autofree char *out = NULL;
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                               NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  if (strstr (out, expected) == NULL)
    g_error ("“%s” is not in %s:\n%s", expected, path, out);
}

/* The line after the one that is @heading in the text of the PDF @path. */
static char *
pdf_line_after (const char *path, const char *heading)
{
  g_autofree char *out = NULL;
  g_auto (GStrv) lines = NULL;
  const char *argv[] = { "pdftotext", path, "-", NULL };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                               NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    /* a page starts with a form feed */
    if (g_str_equal (g_strstrip (lines[i]), heading))
      return g_strdup (lines[i + 1]);
  g_error ("no line “%s” in %s", heading, path);
}

/* The text of the PDF @path from the first line starting with @from to the
 * next starting with @to. */
static char *
pdf_text_between (const char *path, const char *from, const char *to)
{
  g_autofree char *out = NULL;
  const char *argv[] = { "pdftotext", path, "-", NULL };
  const char *start;
  const char *end;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                               NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  start = strstr (out, from);
  g_assert_nonnull (start);
  end = strstr (start, to);
  g_assert_nonnull (end);
  return g_strndup (start, end - start);
}

static gboolean
review_exported (gpointer window)
{
  return !_rdm_window_is_exporting_review (window);
}

static void
test_export_review (void)
{
  g_autofree char *pdf = g_build_filename (tmpdir, "review Q3.pdf", NULL);
  g_autofree char *cli_pdf = g_build_filename (tmpdir, "review-cli.pdf", NULL);
  g_autofree char *text = g_build_filename (tmpdir, "review.txt", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *window_summary = NULL;
  g_autofree char *cli_summary = NULL;
  RdmWindow *window = open_window (demo_path);
  GtkWindow *dialog;

  /* a preset file instead of the chooser; the analyses run in a thread,
   * the window stays responsive and says it is busy */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-review-to", "(ss)", "2026Q3", pdf);
  g_assert_true (_rdm_window_is_exporting_review (window));
  g_object_unref (rdm_gui_test_screenshot (GTK_WIDGET (window), "window-edit-review-busy"));
  rdm_gui_test_wait (review_exported, window);
  wait_for_export_toast (window, "review Q3.pdf");
  g_object_unref (rdm_gui_test_screenshot (GTK_WIDGET (window), "window-edit-review-done"));

  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  /* the CLI's report has the same pages */
  g_assert_cmpint (rdm_test_run_cli (NULL, NULL, "report", demo_path, "--out", cli_pdf, "--period",
                                     "2026Q3", NULL),
                   ==, 0);
  /* pdfinfo: poppler-utils, which build-aux/install-deps.sh installs */
  g_assert_cmpint (pdf_pages (pdf), >=, 6);
  /* the same ROI model, the same summary */
  window_summary = pdf_line_after (pdf, "Executive summary");
  cli_summary = pdf_line_after (cli_pdf, "Executive summary");
  g_assert_true (g_str_has_prefix (window_summary, "• In Q3 2026, "));
  g_assert_cmpstr (window_summary, ==, cli_summary);
  /* the review's ROI is the ROI section's: the project's model (Linear),
   * not Attribution's reference model (Last touch) */
  g_assert_cmpstr (
      rdm_model_display_name (
          rdm_analysis_settings_get_config (rdm_window_get_analysis_settings (window))->model),
      ==, "Linear");
  assert_pdf_text (pdf, "ROI by channel (Linear)");
  assert_pdf_text (cli_pdf, "ROI by channel (Linear)");
  /* the demo's media mix and budget, the same in both */
  assert_pdf_text (pdf, "Media mix and budget");
  assert_pdf_text (cli_pdf, "Media mix and budget");
  {
    g_autofree char *window_budget
        = pdf_text_between (pdf, "Budget for the next 13 weeks", "Once the optimism");
    g_autofree char *cli_budget
        = pdf_text_between (cli_pdf, "Budget for the next 13 weeks", "Once the optimism");

    g_assert_nonnull (strstr (window_budget, "Proposed split"));
    g_assert_cmpstr (window_budget, ==, cli_budget);
  }
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL));

  /* not a PDF name: a dialog says so, nothing is written */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-review-to", "(ss)", "", text);
  g_assert_false (_rdm_window_is_exporting_review (window));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ".pdf"));
  gtk_window_destroy (dialog);
  g_assert_false (g_file_test (text, G_FILE_TEST_EXISTS));

  /* a quarter that is not one */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-review-to", "(ss)", "2026Q5", pdf);
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL);
  g_assert_nonnull (dialog);
  gtk_window_destroy (dialog);
  g_assert_false (_rdm_window_is_exporting_review (window));
  destroy_window (window);
}

static gboolean
roi_idle (gpointer page)
{
  return !rdm_section_get_busy (RDM_SECTION (page))
         && g_strcmp0 (rdm_section_get_state (RDM_SECTION (page)), "report") == 0;
}

static RdmRoiPage *
show_roi (RdmWindow *window)
{
  rdm_window_show_section (window, "roi");
  rdm_gui_test_wait (roi_idle, window->roi_page);
  return RDM_ROI_PAGE (window->roi_page);
}

static void
assert_csv_number (const char *field, const cJSON *printed)
{
  double value = 0;

  if (cJSON_IsNull (printed))
    {
      g_assert_false (rdm_csv_parse_double (field, FALSE, &value));
      return;
    }
  g_assert_true (rdm_csv_parse_double (field, FALSE, &value));
  /* 17 digits in both files: the same double */
  g_assert_cmpfloat (value, ==, printed->valuedouble);
}

static void
test_export_table (void)
{
  g_autofree char *csv = g_build_filename (tmpdir, "roi.csv", NULL);
  g_autofree char *png = g_build_filename (tmpdir, "roi.png", NULL);
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmCsvReader) reader = NULL;
  g_autoptr (cJSON) root = NULL;
  RdmWindow *window = open_window (demo_path);
  RdmRoiPage *page = show_roi (window);
  GtkWidget *button = find_descendant (GTK_WIDGET (page), RDM_TYPE_TABLE_EXPORT_BUTTON);
  g_autofree char *label = NULL;
  const cJSON *model;
  const cJSON *rows;
  guint n_rows;
  static const struct
  {
    guint column;
    const char *key;
  } columns[] = {
    { RDM_ROI_COLUMN_COST, "cost" },       { RDM_ROI_COLUMN_VALUE, "value" },
    { RDM_ROI_COLUMN_SAVINGS, "savings" }, { RDM_ROI_COLUMN_ROI, "roi" },
    { RDM_ROI_COLUMN_ROAS, "roas" },       { RDM_ROI_COLUMN_CPA, "cpa" },
  };

  /* a chart's export ends with the same toast */
  g_assert_true (rdm_chart_view_export_to_file (_rdm_roi_page_get_chart (page, RDM_ROI_CHART_ROI),
                                                png, RDM_CHART_FORMAT_PNG, &error));
  g_assert_no_error (error);
  wait_for_export_toast (window, "roi.png");

  g_assert_nonnull (button);
  g_object_get (button, "tooltip-text", &label, NULL);
  g_assert_cmpstr (label, ==, "Export Table as CSV…");
  g_object_unref (rdm_gui_test_screenshot (GTK_WIDGET (window), "window-edit-roi"));
  g_assert_true (
      rdm_table_export_button_export_to_file (RDM_TABLE_EXPORT_BUTTON (button), csv, &error));
  g_assert_no_error (error);

  g_assert_cmpint (rdm_test_run_cli (&out, NULL, "roi", demo_path, "--model", "linear", "--period",
                                     "all", "--format", "json", NULL),
                   ==, 0);
  root = cJSON_Parse (out);
  g_assert_nonnull (root);
  /* the one model asked for */
  model = cJSON_GetArrayItem (cJSON_GetObjectItem (root, "models"), 0);
  rows = cJSON_GetObjectItem (model, "rows");
  n_rows = (guint)cJSON_GetArraySize (rows);
  g_assert_cmpuint (n_rows, >, 3);

  reader = rdm_csv_reader_new_for_path (csv, &error);
  g_assert_no_error (error);
  g_assert_true (rdm_csv_reader_next (reader, &error));
  g_assert_cmpstr (rdm_csv_reader_get_field (reader, 0, NULL), ==, "Channel");
  for (guint r = 0; r <= n_rows; r++)
    {
      const cJSON *printed
          = r < n_rows ? cJSON_GetArrayItem (rows, (int)r) : cJSON_GetObjectItem (model, "total");
      g_autoptr (RdmResultRow) row = g_list_model_get_item (_rdm_roi_page_get_rows (page), r);

      g_assert_true (rdm_csv_reader_next (reader, &error));
      g_assert_cmpstr (rdm_csv_reader_get_field (reader, 0, NULL), ==,
                       rdm_result_row_get_label (row));
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        assert_csv_number (rdm_csv_reader_get_field (reader, columns[c].column + 1, NULL),
                           cJSON_GetObjectItem (printed, columns[c].key));
    }
  g_assert_false (rdm_csv_reader_next (reader, &error));
  g_assert_no_error (error);
  destroy_window (window);
}

static gboolean
overview_idle (gpointer page)
{
  return !rdm_section_get_busy (RDM_SECTION (page))
         && g_strcmp0 (rdm_section_get_state (RDM_SECTION (page)), "scorecard") == 0;
}

static void
assert_csv_figure (const char *field, const cJSON *printed)
{
  double value = 0;

  if (printed == NULL || cJSON_IsNull (printed))
    g_assert_cmpstr (field, ==, "");
  else
    {
      g_assert_true (rdm_csv_parse_double (field, FALSE, &value));
      g_assert_cmpfloat (value, ==, printed->valuedouble);
    }
}

/* The Overview scorecard exports what "rendement-cli kpis" prints for the
 * quarter shown. */
static void
test_export_scorecard (void)
{
  g_autofree char *csv = g_build_filename (tmpdir, "scorecard.csv", NULL);
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmCsvReader) reader = NULL;
  g_autoptr (cJSON) root = NULL;
  RdmWindow *window = open_window (demo_path);
  GtkWidget *button;
  const cJSON *kpis;

  rdm_window_show_section (window, "overview");
  rdm_gui_test_wait (overview_idle, window->overview_page);
  button = find_descendant (window->overview_page, RDM_TYPE_TABLE_EXPORT_BUTTON);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (
      rdm_table_export_button_export_to_file (RDM_TABLE_EXPORT_BUTTON (button), csv, &error));
  g_assert_no_error (error);
  wait_for_export_toast (window, "scorecard.csv");

  g_assert_cmpint (rdm_test_run_cli (&out, NULL, "kpis", demo_path, "--period", "2026Q3",
                                     "--format", "json", NULL),
                   ==, 0);
  root = cJSON_Parse (out);
  kpis = cJSON_GetObjectItem (root, "kpis");
  g_assert_cmpint (cJSON_GetArraySize (kpis), >, 0);

  reader = rdm_csv_reader_new_for_path (csv, &error);
  g_assert_no_error (error);
  g_assert_true (rdm_csv_reader_next (reader, &error));
  g_assert_cmpuint (rdm_csv_reader_get_n_fields (reader), ==, 10);
  for (int i = 0; i < cJSON_GetArraySize (kpis); i++)
    {
      const cJSON *kpi = cJSON_GetArrayItem (kpis, i);
      const cJSON *change = cJSON_GetObjectItem (kpi, "change");

      g_assert_true (rdm_csv_reader_next (reader, &error));
      g_assert_cmpstr (rdm_csv_reader_get_field (reader, 0, NULL), ==,
                       cJSON_GetObjectItem (kpi, "objective")->valuestring);
      g_assert_cmpstr (rdm_csv_reader_get_field (reader, 1, NULL), ==,
                       cJSON_GetObjectItem (kpi, "name")->valuestring);
      g_assert_cmpstr (rdm_csv_reader_get_field (reader, 2, NULL), ==, "2026Q3");
      assert_csv_figure (rdm_csv_reader_get_field (reader, 3, NULL),
                         cJSON_GetObjectItem (kpi, "value"));
      assert_csv_figure (rdm_csv_reader_get_field (reader, 4, NULL),
                         cJSON_GetObjectItem (kpi, "target"));
      g_assert_cmpstr (rdm_csv_reader_get_field (reader, 5, NULL), ==,
                       cJSON_GetObjectItem (kpi, "direction")->valuestring);
      g_assert_cmpstr (rdm_csv_reader_get_field (reader, 6, NULL), ==,
                       cJSON_GetObjectItem (kpi, "status")->valuestring);
      assert_csv_figure (rdm_csv_reader_get_field (reader, 7, NULL),
                         cJSON_GetObjectItem (kpi, "previous"));
      assert_csv_figure (rdm_csv_reader_get_field (reader, 8, NULL),
                         cJSON_GetObjectItem (change, "absolute"));
      assert_csv_figure (rdm_csv_reader_get_field (reader, 9, NULL),
                         cJSON_GetObjectItem (change, "relative"));
    }
  g_assert_false (rdm_csv_reader_next (reader, &error));
  g_assert_no_error (error);
  destroy_window (window);
}

static void
collect (GtkWidget *widget, GType type, GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static gboolean
table_filled (gpointer button)
{
  GtkColumnView *table = rdm_table_export_button_get_table (button);

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (table))) > 0;
}

/* Every results table of the analysis sections has its export button, and
 * each writes its table whole: the header and one record per row, each as
 * wide as the table. */
static void
test_every_table (void)
{
  static const struct
  {
    const char *section;
    guint n_tables;
  } sections[] = { { "attribution", 2 }, { "paths", 1 }, { "roi", 1 }, { "segments", 3 } };
  RdmWindow *window = open_window (demo_path);

  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      GtkWidget *page = gtk_stack_get_child_by_name (window->section_stack, sections[s].section);
      g_autoptr (GPtrArray) buttons = g_ptr_array_new ();

      rdm_window_show_section (window, sections[s].section);
      collect (page, RDM_TYPE_TABLE_EXPORT_BUTTON, buttons);
      g_assert_cmpuint (buttons->len, ==, sections[s].n_tables);
      /* the first table of each section fills once its analysis is done */
      rdm_gui_test_wait (table_filled, g_ptr_array_index (buttons, 0));
      for (guint b = 0; b < buttons->len; b++)
        {
          RdmTableExportButton *button = g_ptr_array_index (buttons, b);
          GtkColumnView *table = rdm_table_export_button_get_table (button);
          guint n_columns = g_list_model_get_n_items (gtk_column_view_get_columns (table));
          guint n_rows
              = g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (table)));
          g_autofree char *name = g_strdup_printf ("%s-%u.csv", sections[s].section, b);
          g_autofree char *csv = g_build_filename (tmpdir, name, NULL);
          g_autoptr (GError) error = NULL;
          g_autoptr (RdmCsvReader) reader = NULL;
          guint n_records = 0;

          g_assert_nonnull (table);
          if (n_columns == 0)
            {
              /* not computed (discovery waits for the user): refused */
              g_assert_false (rdm_table_export_button_export_to_file (button, csv, &error));
              g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
              g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));
              continue;
            }
          g_assert_true (rdm_table_export_button_export_to_file (button, csv, &error));
          g_assert_no_error (error);
          reader = rdm_csv_reader_new_for_path (csv, &error);
          g_assert_no_error (error);
          while (rdm_csv_reader_next (reader, &error))
            {
              g_assert_cmpuint (rdm_csv_reader_get_n_fields (reader), ==, n_columns);
              n_records++;
            }
          g_assert_no_error (error);
          g_assert_cmpuint (n_records, ==, n_rows + 1);
        }
    }
  destroy_window (window);
}

/* The ROI section's savings of @channel for the latest quarter. */
static double
roi_page_savings (RdmRoiPage *page, const char *channel)
{
  GListModel *rows = _rdm_roi_page_get_rows (page);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (RdmResultRow) row = g_list_model_get_item (rows, i);

      if (g_strcmp0 (rdm_result_row_get_key (row), channel) == 0)
        return rdm_result_row_get_number (row, RDM_ROI_COLUMN_SAVINGS);
    }
  g_assert_not_reached ();
}

static double
cli_savings (const char *path, const char *channel)
{
  g_autofree char *out = NULL;
  g_autoptr (cJSON) root = NULL;
  const cJSON *rows;

  g_assert_cmpint (rdm_test_run_cli (&out, NULL, "roi", path, "--model", "linear", "--period",
                                     "all", "--format", "json", NULL),
                   ==, 0);
  root = cJSON_Parse (out);
  rows = cJSON_GetObjectItem (cJSON_GetArrayItem (cJSON_GetObjectItem (root, "models"), 0), "rows");
  for (int i = 0; i < cJSON_GetArraySize (rows); i++)
    {
      const cJSON *row = cJSON_GetArrayItem (rows, i);

      if (g_str_equal (cJSON_GetObjectItem (row, "channel")->valuestring, channel))
        return cJSON_GetObjectItem (row, "savings")->valuedouble;
    }
  g_assert_not_reached ();
}

static guint
index_of (GtkStringList *list, const char *text)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    if (g_str_equal (gtk_string_list_get_string (list, i), text))
      return i;
  g_assert_not_reached ();
}

static GPtrArray *
savings_of (RdmProject *project)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *savings = rdm_project_list_savings (project, &error);

  g_assert_no_error (error);
  return savings;
}

static void
set_text (AdwEntryRow *row, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static RdmBusinessEditor *
open_editor (RdmWindow *window, const char *page)
{
  GtkWindow *editor;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-business", "s", page);
  editor = find_toplevel (RDM_TYPE_BUSINESS_EDITOR, NULL);
  g_assert_nonnull (editor);
  g_assert_true (gtk_window_get_transient_for (editor) == GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (editor)))
    g_main_context_iteration (NULL, TRUE);
  return RDM_BUSINESS_EDITOR (editor);
}

static void
test_savings (void)
{
  g_autofree char *path = copy_demo ("savings");
  RdmWindow *window = open_window (path);
  RdmProject *project = rdm_window_get_project (window);
  RdmRoiPage *page = show_roi (window);
  double before = roi_page_savings (page, "Email");
  g_autoptr (GPtrArray) savings = savings_of (project);
  guint n_before = savings->len;
  RdmBusinessEditor *editor = open_editor (window, "savings");
  const RdmSaving *added = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id;

  g_assert_cmpfloat (cli_savings (path, "Email"), ==, before);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (editor->view_stack), ==, "savings");

  /* a bad amount: refused under the form, nothing written */
  adw_combo_row_set_selected (editor->saving_channel_row,
                              index_of (editor->saving_channels, "Email"));
  set_text (editor->saving_day_row, "2026-08-15");
  set_text (editor->saving_amount_row, "12 euros");
  set_text (editor->saving_description_row, "Calls deflected by the FAQ");
  gtk_widget_activate_action (GTK_WIDGET (editor), "business.save-saving", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor->saving_message)));
  g_assert_nonnull (strstr (gtk_label_get_text (editor->saving_message), "amount"));
  g_clear_pointer (&savings, g_ptr_array_unref);
  savings = savings_of (project);
  g_assert_cmpuint (savings->len, ==, n_before);
  g_object_unref (rdm_gui_test_screenshot (GTK_WIDGET (editor), "window-edit-saving-refused"));

  /* an impossible date */
  set_text (editor->saving_amount_row, "1234.5");
  set_text (editor->saving_day_row, "2026-02-31");
  g_assert_false (rdm_business_editor_save_saving (editor, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  set_text (editor->saving_day_row, "2026-08-15");
  gtk_widget_activate_action (GTK_WIDGET (editor), "business.save-saving", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor->saving_message)));
  g_clear_pointer (&savings, g_ptr_array_unref);
  savings = savings_of (project);
  g_assert_cmpuint (savings->len, ==, n_before + 1);
  for (guint i = 0; i < savings->len; i++)
    {
      const RdmSaving *saving = g_ptr_array_index (savings, i);

      if (g_str_equal (saving->description, "Calls deflected by the FAQ"))
        added = saving;
    }
  g_assert_nonnull (added);
  g_assert_cmpstr (added->channel, ==, "Email");
  g_assert_null (added->campaign);
  g_assert_cmpfloat (added->amount, ==, 1234.5);
  id = added->id;
  /* ROI counts it at once, in the window and in the CLI */
  rdm_gui_test_wait (roi_idle, page);
  g_assert_cmpfloat (fabs (roi_page_savings (page, "Email") - (before + 1234.5)), <, 1e-9);
  g_assert_cmpfloat (fabs (cli_savings (path, "Email") - (before + 1234.5)), <, 1e-9);
  g_object_unref (rdm_gui_test_screenshot (GTK_WIDGET (editor), "window-edit-savings"));

  /* edit: the form fills in, saving changes the same row */
  gtk_widget_activate_action (GTK_WIDGET (editor), "business.edit-saving", "x", id);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor->saving_amount_row)), ==, "1234.5");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor->saving_day_row)), ==, "2026-08-15");
  g_assert_true (gtk_widget_get_visible (editor->saving_cancel_button));
  set_text (editor->saving_amount_row, "100,25");
  gtk_widget_activate_action (GTK_WIDGET (editor), "business.save-saving", NULL);
  g_clear_pointer (&savings, g_ptr_array_unref);
  savings = savings_of (project);
  g_assert_cmpuint (savings->len, ==, n_before + 1);
  rdm_gui_test_wait (roi_idle, page);
  g_assert_cmpfloat (fabs (roi_page_savings (page, "Email") - (before + 100.25)), <, 1e-9);
  g_assert_cmpfloat (fabs (cli_savings (path, "Email") - (before + 100.25)), <, 1e-9);

  gtk_widget_activate_action (GTK_WIDGET (editor), "business.remove-saving", "x", id);
  g_clear_pointer (&savings, g_ptr_array_unref);
  savings = savings_of (project);
  g_assert_cmpuint (savings->len, ==, n_before);
  rdm_gui_test_wait (roi_idle, page);
  g_assert_cmpfloat (roi_page_savings (page, "Email"), ==, before);
  g_assert_cmpfloat (cli_savings (path, "Email"), ==, before);

  gtk_window_destroy (GTK_WINDOW (editor));
  destroy_window (window);
}

static cJSON *
cli_list (const char *command, const char *path)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (rdm_test_run_cli (&out, NULL, command, "list", path, "--format", "json", NULL),
                   ==, 0);
  return cJSON_Parse (out);
}

/* The item of the CLI's JSON list named @name, or NULL. */
static const cJSON *
listed (const cJSON *list, const char *name)
{
  for (int i = 0; i < cJSON_GetArraySize (list); i++)
    {
      const cJSON *item = cJSON_GetArrayItem (list, i);

      if (g_str_equal (cJSON_GetObjectItem (item, "name")->valuestring, name))
        return item;
    }
  return NULL;
}

static const RdmObjective *
find_objective (GPtrArray *objectives, const char *name)
{
  for (guint i = 0; i < objectives->len; i++)
    if (g_str_equal (((RdmObjective *)g_ptr_array_index (objectives, i))->name, name))
      return g_ptr_array_index (objectives, i);
  return NULL;
}

static void
test_objectives_and_initiatives (void)
{
  g_autofree char *path = copy_demo ("objectives");
  RdmWindow *window = open_window (path);
  RdmProject *project = rdm_window_get_project (window);
  RdmBusinessEditor *editor = open_editor (window, "objectives");
  g_autoptr (GPtrArray) objectives = NULL;
  g_autoptr (GPtrArray) initiatives = NULL;
  g_autoptr (cJSON) printed = NULL;
  g_autoptr (GError) error = NULL;
  const RdmObjective *objective;
  const cJSON *item;
  GtkWindow *dialog;
  GtkListBoxRow *campaign_row;
  g_autofree char *campaign = NULL;

  /* an empty name is refused */
  set_text (editor->objective_name_row, "   ");
  gtk_widget_activate_action (GTK_WIDGET (editor), "business.save-objective", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor->objective_message)));
  objectives = rdm_project_list_objectives (project, &error);
  g_assert_cmpuint (objectives->len, ==, 3);
  /* so is a name already used */
  set_text (editor->objective_name_row, "Grow online sales");
  g_assert_false (rdm_business_editor_save_objective (editor, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  set_text (editor->objective_name_row, "Hire analysts");
  adw_combo_row_set_selected (editor->objective_function_row, 5); /* hr */
  set_text (editor->objective_description_row, "Two by December");
  gtk_widget_activate_action (GTK_WIDGET (editor), "business.save-objective", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor->objective_message)));
  g_clear_pointer (&objectives, g_ptr_array_unref);
  objectives = rdm_project_list_objectives (project, &error);
  objective = find_objective (objectives, "Hire analysts");
  g_assert_nonnull (objective);
  g_assert_cmpstr (objective->business_function, ==, "hr");
  g_assert_cmpstr (objective->description, ==, "Two by December");
  printed = cli_list ("objective", path);
  item = listed (printed, "Hire analysts");
  g_assert_nonnull (item);
  g_assert_cmpstr (cJSON_GetObjectItem (item, "function")->valuestring, ==, "hr");
  g_clear_pointer (&printed, cJSON_Delete);
  g_object_unref (rdm_gui_test_screenshot (GTK_WIDGET (editor), "window-edit-objectives"));

  /* edit: renamed, and moved to another function */
  gtk_widget_activate_action (GTK_WIDGET (editor), "business.edit-objective", "s", "Hire analysts");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor->objective_name_row)), ==,
                   "Hire analysts");
  g_assert_cmpuint (adw_combo_row_get_selected (editor->objective_function_row), ==, 5);
  set_text (editor->objective_name_row, "Hire data analysts");
  adw_combo_row_set_selected (editor->objective_function_row, 4); /* rnd */
  gtk_widget_activate_action (GTK_WIDGET (editor), "business.save-objective", NULL);
  printed = cli_list ("objective", path);
  g_assert_null (listed (printed, "Hire analysts"));
  item = listed (printed, "Hire data analysts");
  g_assert_nonnull (item);
  g_assert_cmpstr (cJSON_GetObjectItem (item, "function")->valuestring, ==, "rnd");
  g_clear_pointer (&printed, cJSON_Delete);

  /* an initiative under it, running the first campaign listed */
  rdm_business_editor_show_page (editor, "initiatives");
  adw_combo_row_set_selected (editor->initiative_objective_row,
                              index_of (editor->initiative_objectives, "Hire data analysts"));
  set_text (editor->initiative_name_row, "Job ads");
  campaign_row = gtk_list_box_get_row_at_index (editor->initiative_campaign_list, 0);
  /* the rows are rebuilt on every change */
  campaign = g_strdup (g_object_get_data (G_OBJECT (campaign_row), "rdm-campaign"));
  g_assert_nonnull (campaign);
  gtk_check_button_set_active (g_object_get_data (G_OBJECT (campaign_row), "rdm-check"), TRUE);
  gtk_widget_activate_action (GTK_WIDGET (editor), "business.save-initiative", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor->initiative_message)));
  printed = cli_list ("initiative", path);
  item = listed (printed, "Job ads");
  g_assert_nonnull (item);
  g_assert_cmpstr (cJSON_GetObjectItem (item, "objective")->valuestring, ==, "Hire data analysts");
  g_assert_cmpint (cJSON_GetArraySize (cJSON_GetObjectItem (item, "campaigns")), ==, 1);
  g_assert_cmpstr (cJSON_GetArrayItem (cJSON_GetObjectItem (item, "campaigns"), 0)->valuestring, ==,
                   campaign);
  g_clear_pointer (&printed, cJSON_Delete);
  g_object_unref (rdm_gui_test_screenshot (GTK_WIDGET (editor), "window-edit-initiatives"));

  /* edit: renamed, its campaign kept checked, a description added */
  gtk_widget_activate_action (GTK_WIDGET (editor), "business.edit-initiative", "(ss)",
                              "Hire data analysts", "Job ads");
  campaign_row = gtk_list_box_get_row_at_index (editor->initiative_campaign_list, 0);
  g_assert_true (
      gtk_check_button_get_active (g_object_get_data (G_OBJECT (campaign_row), "rdm-check")));
  set_text (editor->initiative_name_row, "Job ads on LinkedIn");
  set_text (editor->initiative_description_row, "Senior profiles");
  gtk_widget_activate_action (GTK_WIDGET (editor), "business.save-initiative", NULL);
  initiatives = rdm_project_list_initiatives (project, &error);
  g_assert_no_error (error);
  printed = cli_list ("initiative", path);
  g_assert_null (listed (printed, "Job ads"));
  item = listed (printed, "Job ads on LinkedIn");
  g_assert_nonnull (item);
  g_assert_cmpstr (cJSON_GetObjectItem (item, "description")->valuestring, ==, "Senior profiles");
  g_assert_cmpint (cJSON_GetArraySize (cJSON_GetObjectItem (item, "campaigns")), ==, 1);
  g_clear_pointer (&printed, cJSON_Delete);

  gtk_widget_activate_action (GTK_WIDGET (editor), "business.remove-initiative", "(ss)",
                              "Hire data analysts", "Job ads on LinkedIn");
  printed = cli_list ("initiative", path);
  g_assert_null (listed (printed, "Job ads on LinkedIn"));
  g_clear_pointer (&printed, cJSON_Delete);

  /* removing an objective asks first: cancelling keeps it */
  gtk_widget_activate_action (GTK_WIDGET (editor), "business.remove-objective", "s",
                              "Hire data analysts");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (dialog);
  printed = cli_list ("objective", path);
  g_assert_nonnull (listed (printed, "Hire data analysts"));
  g_clear_pointer (&printed, cJSON_Delete);
  gtk_widget_activate_action (GTK_WIDGET (editor), "business.remove-objective", "s",
                              "Hire data analysts");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "remove");
  gtk_window_destroy (dialog);
  printed = cli_list ("objective", path);
  g_assert_null (listed (printed, "Hire data analysts"));
  g_assert_cmpint (cJSON_GetArraySize (printed), ==, 3);

  gtk_window_destroy (GTK_WINDOW (editor));
  destroy_window (window);
}

int
main (int argc, char **argv)
{
  int status;

  if (!rdm_gui_test_init (&argc, &argv))
    {
      g_test_add_func ("/window-edit/no-display", rdm_gui_test_no_display);
      return g_test_run ();
    }
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  tmpdir = rdm_test_make_tmpdir ();
  for (guint i = 0; i < 4; i++)
    {
      static const char *const names[]
          = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR" };
      g_autofree char *dir = g_build_filename (tmpdir, names[i], NULL);

      g_mkdir (dir, 0700);
      g_setenv (names[i], dir, TRUE);
    }
  demo_path = g_build_filename (tmpdir, "demo.rendement", NULL);
  {
    g_autofree char *out = NULL;

    g_assert_cmpint (rdm_test_run_cli (&out, NULL, "demo", demo_path, NULL), ==, 0);
  }

  app = rdm_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/window-edit/export-review", test_export_review);
  g_test_add_func ("/window-edit/export-table", test_export_table);
  g_test_add_func ("/window-edit/export-scorecard", test_export_scorecard);
  g_test_add_func ("/window-edit/every-table", test_every_table);
  g_test_add_func ("/window-edit/savings", test_savings);
  g_test_add_func ("/window-edit/objectives-and-initiatives", test_objectives_and_initiatives);

  status = g_test_run ();
  g_clear_object (&app);
  rdm_test_remove_tree (tmpdir);
  g_free (tmpdir);
  g_free (demo_path);
  return status;
}
