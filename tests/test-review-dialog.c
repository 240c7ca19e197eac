/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's "Export Quarterly Review…" dialog (RdmReviewDialog), in the
 * real window on copies of the demo project under a display (Xvfb):
 * - the form: quarters newest first with the latest chosen and "All data"
 *   last, the ROI section's model preselected, the interface language;
 * - slides for a chosen quarter and client: the preview's first pages
 *   appear (16:9, not blank), the export writes a 16:9 PDF that names the
 *   client and the quarter, the branding is saved in the project, the
 *   dialog closes and the window's toast offers to open the file;
 * - cancelling an export leaves no file and no saved branding; a logo that
 *   is not an image and a title too long are refused, an empty project
 *   shows why there is no preview, and Export waits for a good form;
 * - the dialog is freed when closed, even while its preview computes;
 * - French and English reviews from an English interface, each thread in
 *   its language while the interface keeps its own, LANGUAGE set or not;
 *   from a C.UTF-8 interface, French is refused with the reason.
 * Screenshots of the dialog at 900×700 and at the screen's size go to
 * $RDM_SCREENSHOTS_DIR.
 */

#define _DEFAULT_SOURCE /* symlink */

#include "config.h"

#include <locale.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rdm-analysis-settings.h"
#include "rdm-application.h"
#include "rdm-branding.h"
#include "rdm-gui-test-util.h"
#include "rdm-review-dialog.h"
#include "rdm-test-util.h"
#include "rdm-window-private.h"

static RdmApplication *app;
static char *tmpdir;
static char *program; /* this test program, which test_foreign_interface runs again */

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
destroy_window (RdmWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Opens the dialog as the menu item does. */
static RdmReviewDialog *
open_dialog (RdmWindow *window)
{
  RdmReviewDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-review", NULL);
  g_assert_true (RDM_IS_REVIEW_DIALOG (window->review_dialog));
  dialog = RDM_REVIEW_DIALOG (window->review_dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  while (!gtk_widget_get_mapped (GTK_WIDGET (dialog)))
    g_main_context_iteration (NULL, TRUE);
  return dialog;
}

static gboolean
preview_ready (gpointer dialog)
{
  return _rdm_review_dialog_preview_is_ready (dialog);
}

static gboolean
not_exporting (gpointer dialog)
{
  return !rdm_review_dialog_is_exporting (dialog);
}

static gboolean
dialog_closed (gpointer window)
{
  return RDM_WINDOW (window)->review_dialog == NULL;
}

/* Waits for the preview of the form as it is now. */
static void
wait_for_preview (RdmReviewDialog *dialog)
{
  rdm_gui_test_wait (preview_ready, dialog);
}

static guint
string_index (AdwComboRow *row, const char *text)
{
  GListModel *items = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (items), i), text))
      return i;
  g_error ("no “%s” in the row “%s”", text,
           adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
}

/* The share of a thumbnail's pixels that are not white: a drawn page has
 * text and rules, a blank one none. */
static double
inked_share (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize)width * 4;
  g_autofree guchar *pixels = g_malloc (stride * (gsize)height);
  gsize inked = 0;

  gdk_texture_download (texture, pixels, stride);
  for (gsize i = 0; i < stride * (gsize)height; i += 4)
    if (pixels[i] < 240 || pixels[i + 1] < 240 || pixels[i + 2] < 240)
      inked++;
  return (double)inked / ((double)width * height);
}

static char *
run_tool (const char *tool, const char *path)
{
  const char *argv[] = { tool, path, "-", NULL };
  g_autofree char *found = g_find_program_in_path (tool);
  char *out = NULL;
  int status = 0;

  /* pdfinfo takes no output file */
  if (g_str_equal (tool, "pdfinfo"))
    argv[2] = NULL;
  if (found == NULL)
    return NULL;
  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                               NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* Fails unless the text of the PDF @path holds @expected. */
static void
assert_pdf_text (const char *path, const char *expected)
{
  g_autofree char *text = run_tool ("pdftotext", path);

  g_assert_nonnull (text);
  if (strstr (text, expected) == NULL)
    g_error ("“%s” is not in %s:\n%s", expected, path, text);
}

static gboolean
pdf_has_text (const char *path, const char *text)
{
  g_autofree char *out = run_tool ("pdftotext", path);

  return out != NULL && strstr (out, text) != NULL;
}

/* Exports the dialog's review to @path through the hook the file chooser
 * calls, and waits for the dialog to close. */
static void
export_and_wait (RdmWindow *window, RdmReviewDialog *dialog, const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);

  rdm_review_dialog_export_to (dialog, file);
  g_assert_true (rdm_review_dialog_is_exporting (dialog));
  rdm_gui_test_wait (dialog_closed, window);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
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

/* The form as it opens; Cancel closes it and writes nothing. */
static void
test_form (void)
{
  g_autofree char *path = rdm_test_copy_demo (tmpdir, "form.rendement");
  RdmWindow *window = open_window (path);
  RdmReviewDialog *dialog = open_dialog (window);
  AdwComboRow *quarter_row = _rdm_review_dialog_get_quarter_row (dialog);
  GListModel *quarters = adw_combo_row_get_model (quarter_row);
  AdwComboRow *model_row = _rdm_review_dialog_get_model_row (dialog);

  /* the demo's daily totals run from October 2024 to September 2026 */
  g_assert_cmpuint (g_list_model_get_n_items (quarters), ==, 9);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (quarters), 0), ==, "Q3 2026");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (quarters), 1), ==, "Q2 2026");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (quarters), 7), ==, "Q4 2024");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (quarters), 8), ==, "All data");
  g_assert_cmpuint (adw_combo_row_get_selected (quarter_row), ==, 0);
  /* the ROI section's model, Linear in the demo */
  g_assert_cmpuint (adw_combo_row_get_selected (model_row), ==, RDM_MODEL_LINEAR);
  g_assert_cmpuint (adw_combo_row_get_selected (_rdm_review_dialog_get_layout_row (dialog)), ==, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (_rdm_review_dialog_get_language_row (dialog)), ==,
                    RDM_REVIEW_LANGUAGE_INTERFACE);
  g_assert_cmpstr (gtk_editable_get_text (_rdm_review_dialog_get_client_entry (dialog)), ==, "");

  /* the report's cover first: A4 portrait */
  wait_for_preview (dialog);
  g_assert_null (_rdm_review_dialog_get_preview_error (dialog));
  g_assert_nonnull (_rdm_review_dialog_get_thumbnail (dialog, 0));
  g_assert_cmpint (gdk_texture_get_width (_rdm_review_dialog_get_thumbnail (dialog, 0)), ==, 640);
  g_assert_cmpint (gdk_texture_get_height (_rdm_review_dialog_get_thumbnail (dialog, 0)), ==, 906);

  /* a second request shows the same dialog */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-review", NULL);
  g_assert_true (window->review_dialog == GTK_WIDGET (dialog));

  gtk_widget_activate_action (GTK_WIDGET (dialog), "review.cancel", NULL);
  rdm_gui_test_wait (dialog_closed, window);
  destroy_window (window);
}

/* Closing the dialog while its preview computes frees it at once: the
 * worker keeps no reference, and its result is dropped. */
static void
test_finalize (void)
{
  g_autofree char *path = rdm_test_copy_demo (tmpdir, "finalize.rendement");
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open_for_reading (path, &error);
  g_autoptr (RdmAnalysisSettings) settings = rdm_analysis_settings_new ();
  RdmReviewDialog *dialog;

  g_assert_no_error (error);
  dialog = rdm_review_dialog_new (NULL, project, settings, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (_rdm_review_dialog_preview_is_ready (dialog));
  g_object_ref (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  /* the worker's end, in a later test's main loop, finds no dialog */
  g_assert_finalize_object (dialog);
}

/* Slides of Q2 for a client: the preview, the PDF, the branding kept. */
static void
test_export_slides (void)
{
  g_autofree char *path = rdm_test_copy_demo (tmpdir, "slides.rendement");
  g_autofree char *pdf = g_build_filename (tmpdir, "Quarterly review Q2 2026 slides.pdf", NULL);
  g_autofree char *info = NULL;
  RdmWindow *window = open_window (path);
  RdmReviewDialog *dialog = open_dialog (window);
  AdwComboRow *quarter_row = _rdm_review_dialog_get_quarter_row (dialog);
  g_auto (RdmBranding) branding = { 0 };
  g_autoptr (GError) error = NULL;
  GdkTexture *cover;
  ToastWait wait = { window, NULL };

  adw_combo_row_set_selected (_rdm_review_dialog_get_layout_row (dialog), 1);
  adw_combo_row_set_selected (quarter_row, string_index (quarter_row, "Q2 2026"));
  gtk_editable_set_text (_rdm_review_dialog_get_client_entry (dialog), "Maison Dubois & Fils");
  g_assert_false (_rdm_review_dialog_preview_is_ready (dialog));
  wait_for_preview (dialog);
  g_assert_true (gtk_widget_get_sensitive (
      rdm_gui_test_find_action_button (GTK_WIDGET (dialog), "review.export")));

  /* three slides, 16:9, with something drawn on them */
  g_assert_null (_rdm_review_dialog_get_preview_error (dialog));
  cover = _rdm_review_dialog_get_thumbnail (dialog, 0);
  g_assert_nonnull (cover);
  g_assert_cmpint (gdk_texture_get_width (cover), ==, 640);
  g_assert_cmpint (gdk_texture_get_height (cover), ==, 360);
  g_assert_cmpfloat (inked_share (cover), >, 0.005);
  g_assert_nonnull (_rdm_review_dialog_get_thumbnail (dialog, 2));
  g_assert_cmpfloat (inked_share (_rdm_review_dialog_get_thumbnail (dialog, 1)), >, 0.005);
  g_assert_null (_rdm_review_dialog_get_thumbnail (dialog, 3));

  gtk_window_set_default_size (GTK_WINDOW (dialog), 900, 700);
  rdm_gui_test_settle (GTK_WIDGET (dialog));
  g_object_unref (rdm_gui_test_screenshot (GTK_WIDGET (dialog), "review-dialog-900x700"));
  /* the whole screen: Xvfb has no window manager to maximise it */
  gtk_window_set_default_size (GTK_WINDOW (dialog), 1280, 1024);
  rdm_gui_test_settle (GTK_WIDGET (dialog));
  g_object_unref (rdm_gui_test_screenshot (GTK_WIDGET (dialog), "review-dialog-1280x1024"));

  /* nothing is saved before the export */
  g_assert_true (rdm_project_load_branding (rdm_window_get_project (window), &branding, &error));
  g_assert_no_error (error);
  g_assert_null (branding.client);

  export_and_wait (window, dialog, pdf);
  assert_pdf_text (pdf, "Maison Dubois & Fils");
  assert_pdf_text (pdf, "Q2 2026");
  info = run_tool ("pdfinfo", pdf);
  g_assert_nonnull (strstr (info, "Page size:       960 x 540 pts"));

  g_assert_true (rdm_project_load_branding (rdm_window_get_project (window), &branding, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (branding.client, ==, "Maison Dubois & Fils");
  g_assert_null (branding.title);
  g_assert_false (branding.has_accent);

  /* the window says so and offers to open the PDF itself */
  wait.text = "Exported “Quarterly review Q2 2026 slides.pdf”";
  rdm_gui_test_wait (toast_shown, &wait);
  wait.text = "Open";
  g_assert_true (toast_shown (&wait));

  /* the next review starts from the saved branding */
  dialog = open_dialog (window);
  g_assert_cmpstr (gtk_editable_get_text (_rdm_review_dialog_get_client_entry (dialog)), ==,
                   "Maison Dubois & Fils");
  wait_for_preview (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  destroy_window (window);
}

/* Cancel during an export: no file, the branding unsaved, the form back. */
static void
test_cancel_export (void)
{
  g_autofree char *path = rdm_test_copy_demo (tmpdir, "cancel.rendement");
  g_autofree char *pdf = g_build_filename (tmpdir, "cancelled.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (pdf);
  RdmWindow *window = open_window (path);
  RdmReviewDialog *dialog = open_dialog (window);
  g_auto (RdmBranding) branding = { 0 };
  g_autoptr (GError) error = NULL;

  gtk_editable_set_text (_rdm_review_dialog_get_client_entry (dialog), "Not saved");
  rdm_review_dialog_export_to (dialog, file);
  g_assert_true (rdm_review_dialog_is_exporting (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "review.cancel", NULL);
  g_assert_true (rdm_review_dialog_is_exporting (dialog));
  g_object_unref (rdm_gui_test_screenshot (GTK_WIDGET (dialog), "review-dialog-cancelling"));
  rdm_gui_test_wait (not_exporting, dialog);

  g_assert_true (window->review_dialog == GTK_WIDGET (dialog));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_true (rdm_project_load_branding (rdm_window_get_project (window), &branding, &error));
  g_assert_null (branding.client);

  /* not a PDF name: refused before anything runs */
  {
    g_autofree char *text_path = g_build_filename (tmpdir, "review.txt", NULL);
    g_autoptr (GFile) text = g_file_new_for_path (text_path);

    rdm_review_dialog_export_to (dialog, text);
    g_assert_false (rdm_review_dialog_is_exporting (dialog));
    g_assert_false (g_file_test (text_path, G_FILE_TEST_EXISTS));
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
  destroy_window (window);
}

/* A logo that is not an image is refused; a PNG is shown on the cover. */
static void
test_logo (void)
{
  g_autofree char *path = rdm_test_copy_demo (tmpdir, "logo.rendement");
  g_autofree char *not_logo = rdm_test_write_file (tmpdir, "logo.png", "not a PNG");
  g_autofree char *logo = g_build_filename (tmpdir, "real-logo.png", NULL);
  RdmWindow *window = open_window (path);
  RdmReviewDialog *dialog = open_dialog (window);
  g_autoptr (GError) error = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 64, 32);
  cairo_t *cr = cairo_create (surface);
  double before;

  cairo_set_source_rgb (cr, 0.8, 0.1, 0.1);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, logo), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  wait_for_preview (dialog);
  before = inked_share (_rdm_review_dialog_get_thumbnail (dialog, 0));
  g_assert_false (_rdm_review_dialog_set_logo_file (dialog, not_logo, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (_rdm_review_dialog_set_logo_file (dialog, logo, &error));
  g_assert_no_error (error);
  wait_for_preview (dialog);
  g_assert_cmpfloat (inked_share (_rdm_review_dialog_get_thumbnail (dialog, 0)), >, before);

  /* removed, the cover is as it was */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "review.remove-logo", NULL);
  wait_for_preview (dialog);
  g_assert_cmpfloat (inked_share (_rdm_review_dialog_get_thumbnail (dialog, 0)), ==, before);
  gtk_window_destroy (GTK_WINDOW (dialog));
  destroy_window (window);
}

/* A title the project cannot keep is refused in the preview, before any
 * export; shortened, the preview comes back. */
static void
test_long_title (void)
{
  g_autofree char *path = rdm_test_copy_demo (tmpdir, "long-title.rendement");
  g_autofree char *title = g_strnfill (201, 'T');
  RdmWindow *window = open_window (path);
  RdmReviewDialog *dialog = open_dialog (window);
  GtkWidget *export_button = rdm_gui_test_find_action_button (GTK_WIDGET (dialog), "review.export");

  wait_for_preview (dialog);
  gtk_editable_set_text (_rdm_review_dialog_get_title_entry (dialog), title);
  wait_for_preview (dialog);
  g_assert_cmpstr (_rdm_review_dialog_get_preview_error (dialog), ==,
                   "The review’s title is too long: expected at most 200 characters of text");
  g_assert_false (gtk_widget_get_sensitive (export_button));
  title[200] = '\0';
  gtk_editable_set_text (_rdm_review_dialog_get_title_entry (dialog), title);
  wait_for_preview (dialog);
  g_assert_null (_rdm_review_dialog_get_preview_error (dialog));
  g_assert_nonnull (_rdm_review_dialog_get_thumbnail (dialog, 0));
  g_assert_true (gtk_widget_get_sensitive (export_button));
  gtk_window_destroy (GTK_WINDOW (dialog));
  destroy_window (window);
}

/* A project without data: the preview says why, "All data" alone. */
static void
test_empty_project (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "empty.rendement", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_create (path, &error);
  RdmWindow *window;
  RdmReviewDialog *dialog;

  g_assert_no_error (error);
  g_clear_object (&project);
  window = open_window (path);
  dialog = open_dialog (window);
  g_assert_cmpuint (g_list_model_get_n_items (
                        adw_combo_row_get_model (_rdm_review_dialog_get_quarter_row (dialog))),
                    ==, 1);
  wait_for_preview (dialog);
  g_assert_nonnull (strstr (_rdm_review_dialog_get_preview_error (dialog), "nothing to review"));
  g_assert_null (_rdm_review_dialog_get_thumbnail (dialog, 0));
  /* what cannot be previewed cannot be exported */
  g_assert_false (gtk_widget_get_sensitive (
      rdm_gui_test_find_action_button (GTK_WIDGET (dialog), "review.export")));
  g_object_unref (rdm_gui_test_screenshot (GTK_WIDGET (dialog), "review-dialog-empty"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  destroy_window (window);
}

/* Exports the demo's Q3 review in @language to @name. */
static char *
export_in (RdmReviewLanguage language, const char *name)
{
  g_autofree char *project = g_strconcat (name, ".rendement", NULL);
  g_autofree char *path = rdm_test_copy_demo (tmpdir, project);
  g_autofree char *pdf_name = g_strconcat (name, ".pdf", NULL);
  char *pdf = g_build_filename (tmpdir, pdf_name, NULL);
  RdmWindow *window = open_window (path);
  RdmReviewDialog *dialog = open_dialog (window);

  g_autofree char *shot = g_strconcat ("review-dialog-", name, NULL);

  adw_combo_row_set_selected (_rdm_review_dialog_get_language_row (dialog), language);
  wait_for_preview (dialog);
  g_assert_null (_rdm_review_dialog_get_preview_error (dialog));
  rdm_gui_test_settle (GTK_WIDGET (dialog));
  g_object_unref (rdm_gui_test_screenshot (GTK_WIDGET (dialog), shot));
  export_and_wait (window, dialog, pdf);
  destroy_window (window);
  return pdf;
}

/* French and English reviews from an English interface, which stays
 * English: the thread's locale, not the process's, changes. */
static void
test_languages (void)
{
  g_autofree char *french = NULL;
  g_autofree char *english = NULL;

  g_assert_null (g_getenv ("LANGUAGE"));
  french = export_in (RDM_REVIEW_LANGUAGE_FRENCH, "french");
  /* fr.po: "Q%d %d" is "T%d %d"; the dates are glibc's fr_FR */
  assert_pdf_text (french, "T3 2026");
  assert_pdf_text (french, "septembre 2026");
  g_assert_false (pdf_has_text (french, "Q3 2026"));
  g_assert_cmpstr (_ ("Q%d %d"), ==, "Q%d %d");
  g_assert_cmpstr (setlocale (LC_NUMERIC, NULL), ==, "en_US.UTF-8");

  english = export_in (RDM_REVIEW_LANGUAGE_ENGLISH, "english");
  assert_pdf_text (english, "Q3 2026");
  assert_pdf_text (english, "September 2026");
}

/* LANGUAGE overrides a thread's LC_MESSAGES in glibc: English, asked for
 * with LC_MESSAGES "C", stays English under LANGUAGE=fr; French under
 * LANGUAGE=en cannot be had and the preview says why. */
static void
test_language_variable (void)
{
  g_autofree char *path = rdm_test_copy_demo (tmpdir, "language-variable.rendement");
  g_autofree char *english = NULL;
  RdmWindow *window;
  RdmReviewDialog *dialog;

  g_setenv ("LANGUAGE", "fr", TRUE);
  /* the interface's texts follow LANGUAGE */
  g_assert_cmpstr (_ ("Q%d %d"), ==, "T%d %d");
  english = export_in (RDM_REVIEW_LANGUAGE_ENGLISH, "english-under-fr");
  assert_pdf_text (english, "Q3 2026");
  g_assert_false (pdf_has_text (english, "T3 2026"));

  g_setenv ("LANGUAGE", "en", TRUE);
  window = open_window (path);
  dialog = open_dialog (window);
  adw_combo_row_set_selected (_rdm_review_dialog_get_language_row (dialog),
                              RDM_REVIEW_LANGUAGE_FRENCH);
  wait_for_preview (dialog);
  g_assert_nonnull (_rdm_review_dialog_get_preview_error (dialog));
  g_assert_nonnull (strstr (_rdm_review_dialog_get_preview_error (dialog), "LANGUAGE"));
  g_assert_null (_rdm_review_dialog_get_thumbnail (dialog, 0));
  gtk_window_destroy (GTK_WINDOW (dialog));
  destroy_window (window);
  g_unsetenv ("LANGUAGE");
}

/* GLib's C_() and the models' names go through g_dgettext(), which
 * decides once per process, from the interface's locale, whether to
 * translate: under C.UTF-8 (no catalog, not "C", not "en_"), never. A
 * French review would come out half English, so the dialog refuses it and
 * says why. The interface's locale is the process's: this test runs the
 * test program again under C.UTF-8. */
static void
test_foreign_interface (void)
{
  if (g_getenv ("RDM_TEST_INTERFACE_LOCALE") == NULL)
    {
      g_auto (GStrv) environment = g_get_environ ();
      const char *argv[] = { program, "-p", "/review-dialog/foreign-interface", NULL };
      g_autofree char *french_only = g_build_filename (tmpdir, "locale-fr", NULL);
      g_autofree char *link = g_build_filename (french_only, "fr_FR.UTF-8", NULL);
      g_autofree char *target = g_build_filename (g_getenv ("LOCPATH"), "fr_FR.UTF-8", NULL);
      g_autofree char *out = NULL;
      g_autoptr (GError) error = NULL;
      int status = 0;

      /* gtk_test_init() switches the process to en_US.UTF-8 when it can:
       * the child's locales are French alone, so it stays in C.UTF-8 */
      g_assert_cmpint (g_mkdir (french_only, 0700), ==, 0);
      g_assert_cmpint (symlink (target, link), ==, 0);
      environment = g_environ_setenv (g_steal_pointer (&environment), "RDM_TEST_INTERFACE_LOCALE",
                                      "C.UTF-8", TRUE);
      environment = g_environ_setenv (g_steal_pointer (&environment), "LOCPATH", french_only, TRUE);
      g_assert_true (g_spawn_sync (NULL, (char **)argv, environment, G_SPAWN_DEFAULT, NULL, NULL,
                                   &out, NULL, &status, &error));
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, &error))
        g_error ("under C.UTF-8: %s\n%s", error->message, out);
      /* the child ran the test, not nothing */
      g_assert_nonnull (strstr (out, "ok 1 /review-dialog/foreign-interface"));
      return;
    }
  {
    g_autofree char *path = rdm_test_copy_demo (tmpdir, "foreign.rendement");
    g_autofree char *english = NULL;
    RdmWindow *window = open_window (path);
    RdmReviewDialog *dialog = open_dialog (window);

    g_assert_cmpstr (setlocale (LC_MESSAGES, NULL), ==, "C.UTF-8");
    adw_combo_row_set_selected (_rdm_review_dialog_get_language_row (dialog),
                                RDM_REVIEW_LANGUAGE_FRENCH);
    wait_for_preview (dialog);
    g_assert_nonnull (_rdm_review_dialog_get_preview_error (dialog));
    g_assert_nonnull (strstr (_rdm_review_dialog_get_preview_error (dialog), "no translation"));
    gtk_window_destroy (GTK_WINDOW (dialog));
    destroy_window (window);
    /* English needs no catalog */
    english = export_in (RDM_REVIEW_LANGUAGE_ENGLISH, "english-from-c");
    assert_pdf_text (english, "Q3 2026");
  }
}

int
main (int argc, char **argv)
{
  g_autofree char *locale_dir = NULL;
  const char *catalogs = g_getenv ("RDM_LOCALE_DIR");
  const char *interface_locale;
  int status;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      rdm_gui_test_init (&argc, &argv);
      g_test_add_func ("/review-dialog/no-display", rdm_gui_test_no_display);
      return g_test_run ();
    }

  program = argv[0];
  tmpdir = rdm_test_make_tmpdir ();
  for (guint i = 0; i < 4; i++)
    {
      static const char *const names[]
          = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR" };
      g_autofree char *dir = g_build_filename (tmpdir, names[i], NULL);

      g_mkdir (dir, 0700);
      g_setenv (names[i], dir, TRUE);
    }
  /* an English interface (or the one test_foreign_interface asks for) with
   * the French catalog as built, and the locales the reviews switch to,
   * which the system may not have */
  interface_locale = g_getenv ("RDM_TEST_INTERFACE_LOCALE");
  if (interface_locale == NULL)
    {
      interface_locale = "en_US.UTF-8";
      locale_dir = g_build_filename (tmpdir, "locale", NULL);
      g_mkdir (locale_dir, 0700);
      rdm_test_build_locale (locale_dir, "en_US");
      rdm_test_build_locale (locale_dir, "en_GB");
      rdm_test_build_locale (locale_dir, "fr_FR");
      g_setenv ("LOCPATH", locale_dir, TRUE);
    }
  g_unsetenv ("LANGUAGE");
  g_setenv ("LC_ALL", interface_locale, TRUE);
  g_assert_nonnull (catalogs);
  if (setlocale (LC_ALL, interface_locale) == NULL)
    g_error ("the %s locale could not be built with localedef", interface_locale);
  bindtextdomain (GETTEXT_PACKAGE, catalogs);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  rdm_gui_test_init (&argc, &argv);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  app = rdm_application_new ();
  /* no other instance to talk to in a test */
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/review-dialog/finalize", test_finalize);
  g_test_add_func ("/review-dialog/form", test_form);
  g_test_add_func ("/review-dialog/export-slides", test_export_slides);
  g_test_add_func ("/review-dialog/cancel-export", test_cancel_export);
  g_test_add_func ("/review-dialog/logo", test_logo);
  g_test_add_func ("/review-dialog/long-title", test_long_title);
  g_test_add_func ("/review-dialog/empty-project", test_empty_project);
  g_test_add_func ("/review-dialog/languages", test_languages);
  g_test_add_func ("/review-dialog/language-variable", test_language_variable);
  g_test_add_func ("/review-dialog/foreign-interface", test_foreign_interface);

  status = g_test_run ();
  g_clear_object (&app);
  rdm_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
