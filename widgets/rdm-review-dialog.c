/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The review dialog runs two kinds of work in GTask threads, each on a
 * project connection of its own (SQLite connections stay in one thread):
 *
 *   form change ─300 ms─▶ preview: compute ▶ paginate ▶ first pages as
 *                                  pixels ▶ (main) textures
 *   Export… ▶ file chooser ▶ export: compute ▶ write the PDF ▶ (main) save
 *                                    the branding, "exported", close
 *
 * At most one preview runs: a change while one runs cancels it (its
 * result is dropped) and the next starts when it returns, so typing a
 * title never piles up computations. Both kinds switch their thread to
 * the language chosen (use_language()) and back.
 */

#define _GNU_SOURCE /* newlocale, uselocale */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rdm-branding.h"
#include "rdm-document-pdf.h"
#include "rdm-error-dialog.h"
#include "rdm-experiments.h"
#include "rdm-metrics.h"
#include "rdm-result-table.h"
#include "rdm-review-dialog.h"
#include "rdm-review.h"

/* Pages the preview shows, from the cover on. */
#define PREVIEW_PAGES 3
/* Thumbnails are drawn this many pixels wide, enough for the pane's width
 * on a large window without scaling up. */
#define THUMBNAIL_WIDTH 640
/* How long the form must stay unchanged before the preview follows: a
 * typed word recomputes once, not once per letter. */
#define PREVIEW_DELAY_MS 300

struct _RdmReviewDialog
{
  AdwWindow parent_instance;

  /* Template widgets */
  GtkWidget *export_button;
  GtkRevealer *progress_revealer;
  GtkLabel *progress_label;
  GtkProgressBar *progress_bar;
  GtkWidget *form_page;
  AdwComboRow *layout_row;
  AdwComboRow *quarter_row;
  GtkStringList *quarters;
  AdwComboRow *model_row;
  GtkStringList *models;
  AdwComboRow *language_row;
  AdwPreferencesGroup *branding_group;
  AdwEntryRow *title_row;
  AdwEntryRow *client_row;
  AdwEntryRow *author_row;
  AdwActionRow *logo_row;
  GtkColorButton *accent_button;
  GtkSpinner *preview_spinner;
  GtkSpinner *loading_spinner;
  GtkStack *preview_stack;
  GtkBox *pages_box;
  AdwStatusPage *error_page;

  /* Owned references */
  RdmProject *project;
  RdmAnalysisSettings *settings;
  RdmMediaMixFitter *fitter; /* the session's, or NULL */
  GArray *periods;      /* RdmPeriod of quarter_row's items, newest first; "All data" follows */
  RdmBranding branding; /* as loaded: keeps the currency, which the form does not show */
  GBytes *logo;         /* the logo the review uses, NULL for none */
  char *logo_name;      /* the file it was chosen from, NULL when it is the project's */
  gboolean accent_set;  /* the branding has an accent (loaded or chosen) */
  GtkFileChooserNative *chooser;
  GCancellable *preview_cancellable; /* the running preview's, NULL when none runs */
  gboolean preview_pending;          /* the form changed while a preview ran */
  guint preview_source;              /* the delay before the next preview */
  GPtrArray *thumbnails;             /* GdkTexture * of the first pages */
  char *preview_error;
  GCancellable *export_cancellable; /* NULL unless an export runs */
  guint pulse_source;
  gboolean filling; /* the form is being filled: no preview yet */
};

G_DEFINE_FINAL_TYPE (RdmReviewDialog, rdm_review_dialog, ADW_TYPE_WINDOW)

enum
{
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Language */

/* Makes @language the one of the calling thread's texts, numbers and
 * dates: a thread locale (uselocale(3)), so the interface, drawn by the
 * main thread, keeps its own. Sets *@out_locale to the locale the caller
 * makes its thread's with uselocale() and frees after, or (locale_t) 0
 * for the interface language, which needs nothing switched.
 *
 * glibc's gettext looks up a thread's LC_MESSAGES, except that the
 * LANGUAGE environment variable, when set, comes first for every locale
 * but "C". English is therefore asked for with LC_MESSAGES "C": the
 * source strings are English and LANGUAGE cannot override them. French
 * needs the French catalog, which LANGUAGE can hide ("LANGUAGE=de" with
 * a German catalog, or "en" alone): the catalog gettext really picked is
 * checked through its header, and GLib's C_() and model names go through
 * g_dgettext(), which decides once per process, from the interface's
 * locale, whether to translate at all. Either failure is said rather
 * than writing a review half in English. */
static const char catalog_header[] = "";

static gboolean
use_language (RdmReviewLanguage language, locale_t *out_locale, GError **error)
{
  const char *const *candidates
      = rdm_review_language_locales (language == RDM_REVIEW_LANGUAGE_FRENCH ? "fr" : "en");
  locale_t locale = (locale_t)0;
  locale_t previous;
  const char *header;

  *out_locale = (locale_t)0;
  if (language == RDM_REVIEW_LANGUAGE_INTERFACE)
    return TRUE;
  for (guint i = 0; candidates[i] != NULL && locale == (locale_t)0; i++)
    locale = newlocale (LC_ALL_MASK, candidates[i], (locale_t)0);
  if (locale == (locale_t)0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   /* Translators: %s is a locale name, "fr_FR.UTF-8" */
                   _ ("No %s locale is installed for the review’s numbers and dates: install "
                      "one (on Debian, the “locales” package), or choose the interface language"),
                   candidates[0]);
      return FALSE;
    }
  if (language == RDM_REVIEW_LANGUAGE_ENGLISH)
    {
      locale_t messages = newlocale (LC_MESSAGES_MASK, "C", locale);

      if (messages == (locale_t)0)
        {
          freelocale (locale);
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _ ("The review could not be switched to English"));
          return FALSE;
        }
      *out_locale = messages;
      return TRUE;
    }

  previous = uselocale (locale);
  /* the empty msgid gives the catalog's header, which names its language;
   * a variable, so that xgettext does not take it for a message */
  header = dgettext (GETTEXT_PACKAGE, catalog_header);
  if (strstr (header, "Language: fr") == NULL)
    {
      const char *languages = g_getenv ("LANGUAGE");

      uselocale (previous);
      freelocale (locale);
      if (languages != NULL && *languages != '\0')
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                     /* Translators: %s is the value of the LANGUAGE environment variable */
                     _ ("The review cannot be written in French here: the LANGUAGE environment "
                        "variable (“%s”) chooses the languages of Rendement’s texts. Start "
                        "Rendement without it, or choose the interface language"),
                     languages);
      else
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _ ("The review cannot be written in French: Rendement’s French "
                                "translation is not installed"));
      return FALSE;
    }
  if (strcmp (g_dgettext (GETTEXT_PACKAGE, ""), header) != 0)
    {
      uselocale (previous);
      freelocale (locale);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _ ("The review cannot be written in French from an interface in a "
                              "language Rendement has no translation for: start Rendement in "
                              "English or French, or choose the interface language"));
      return FALSE;
    }
  uselocale (previous);
  *out_locale = locale;
  return TRUE;
}

/* What a preview or an export computes in its thread. */
typedef struct
{
  char *project_path;
  RdmPathOptions path;
  RdmModelOptions model;
  GArray *models; /* RdmModel, the one chosen first, then the others compared */
  guint bootstrap;
  gboolean calibrate; /* the switch is on: calibrate when there are experiments */
  gboolean has_period;
  RdmPeriod period;
  RdmSharedRule shared_rule;
  RdmBranding branding;
  RdmDocumentLayout layout;
  RdmReviewLanguage language;
  GFile *file; /* the PDF an export writes; NULL for a preview */
  /* the session's media-mix fit when it is there; without it, an export
   * fits the model and a preview leaves the media mix out */
  RdmMediaMixResult *media_mix;
  /* the dialog, which a task does not keep: closing it disposes it at
   * once, while its parent is still there */
  GWeakRef dialog;
} ReviewJob;

static void
review_job_free (ReviewJob *job)
{
  g_free (job->project_path);
  rdm_path_options_clear (&job->path);
  rdm_model_options_clear (&job->model);
  g_clear_pointer (&job->models, g_array_unref);
  rdm_shared_rule_clear (&job->shared_rule);
  rdm_branding_clear (&job->branding);
  g_clear_object (&job->file);
  g_clear_pointer (&job->media_mix, rdm_media_mix_result_unref);
  g_weak_ref_clear (&job->dialog);
  g_free (job);
}

/* The review's document, in the calling thread's language. */
static RdmDocument *
compute_document (ReviewJob *job, GError **error)
{
  g_autoptr (RdmProject) project = NULL;
  gboolean calibrate = job->calibrate;
  RdmReviewRequest request;

  project = rdm_project_open_for_worker (job->project_path, error);
  if (project == NULL)
    return NULL;
  if (calibrate)
    {
      g_autoptr (GArray) experiments = rdm_project_load_experiments (project, TRUE, error);

      /* as the sections do: the switch waits for experiments */
      if (experiments == NULL)
        return NULL;
      calibrate = experiments->len > 0;
    }
  request = (RdmReviewRequest){
    .path = &job->path,
    .model = &job->model,
    .models = job->models,
    .bootstrap = job->bootstrap,
    .seed = 1,
    .period = job->has_period ? &job->period : NULL,
    .whole_data = !job->has_period,
    .calibrate = calibrate,
    .untested = RDM_UNTESTED_MEAN,
    .shared_rule = &job->shared_rule,
    .branding = &job->branding,
    .media_mix = job->media_mix,
    .without_media_mix = job->media_mix == NULL && job->file == NULL,
  };
  return rdm_review_compute (project, &request, error);
}

/* A page drawn for the preview, as cairo's pixels (premultiplied ARGB in
 * native order, which is GDK_MEMORY_DEFAULT). */
typedef struct
{
  GBytes *pixels;
  int width;
  int height;
  int stride;
} Thumbnail;

static void
thumbnail_free (Thumbnail *thumbnail)
{
  g_bytes_unref (thumbnail->pixels);
  g_free (thumbnail);
}

static Thumbnail *
draw_thumbnail (const RdmDocumentPages *pages, guint index)
{
  double width_pt, height_pt, scale;
  cairo_surface_t *surface;
  cairo_t *cr;
  Thumbnail *thumbnail = g_new0 (Thumbnail, 1);

  rdm_document_pages_get_size (pages, &width_pt, &height_pt);
  scale = THUMBNAIL_WIDTH / width_pt;
  thumbnail->width = THUMBNAIL_WIDTH;
  thumbnail->height = (int)ceil (height_pt * scale);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, thumbnail->width, thumbnail->height);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  rdm_document_pages_render (pages, index, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  thumbnail->stride = cairo_image_surface_get_stride (surface);
  thumbnail->pixels = g_bytes_new (cairo_image_surface_get_data (surface),
                                   (gsize)thumbnail->stride * (gsize)thumbnail->height);
  cairo_surface_destroy (surface);
  return thumbnail;
}

static void
preview_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  ReviewJob *job = task_data;
  g_autoptr (RdmDocument) document = NULL;
  g_autoptr (RdmDocumentPages) pages = NULL;
  g_autoptr (GPtrArray) thumbnails
      = g_ptr_array_new_with_free_func ((GDestroyNotify)thumbnail_free);
  GError *error = NULL;
  locale_t locale, previous = (locale_t)0;

  if (!use_language (job->language, &locale, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (locale != (locale_t)0)
    previous = uselocale (locale);
  document = compute_document (job, &error);
  if (document != NULL && !g_cancellable_is_cancelled (cancellable))
    pages = rdm_document_paginate (document, job->layout, &error);
  for (guint i = 0; pages != NULL && i < MIN (PREVIEW_PAGES, rdm_document_pages_get_n_pages (pages))
                    && !g_cancellable_is_cancelled (cancellable);
       i++)
    g_ptr_array_add (thumbnails, draw_thumbnail (pages, i));
  /* the pages refer to the document: freed first, in the job's language */
  g_clear_pointer (&pages, rdm_document_pages_free);
  g_clear_pointer (&document, rdm_document_free);
  if (locale != (locale_t)0)
    {
      uselocale (previous);
      freelocale (locale);
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, g_steal_pointer (&thumbnails), (GDestroyNotify)g_ptr_array_unref);
}

static void
export_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  ReviewJob *job = task_data;
  g_autoptr (RdmDocument) document = NULL;
  g_autofree char *path = g_file_get_path (job->file);
  GError *error = NULL;
  gboolean written = FALSE;
  locale_t locale, previous = (locale_t)0;

  if (!use_language (job->language, &locale, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (locale != (locale_t)0)
    previous = uselocale (locale);
  document = compute_document (job, &error);
  /* the computation cannot be interrupted, but the file is written only
   * when the user still wants it */
  if (document != NULL && !g_cancellable_is_cancelled (cancellable))
    written = rdm_review_write (document, job->layout, path, &error);
  g_clear_pointer (&document, rdm_document_free);
  if (locale != (locale_t)0)
    {
      uselocale (previous);
      freelocale (locale);
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, written);
}

/* The form */

static char *
entry_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static guint32
accent_from_button (RdmReviewDialog *self)
{
  GdkRGBA rgba;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->accent_button), &rgba);
  return (guint32)lround (CLAMP (rgba.red, 0, 1) * 255) << 16
         | (guint32)lround (CLAMP (rgba.green, 0, 1) * 255) << 8
         | (guint32)lround (CLAMP (rgba.blue, 0, 1) * 255);
}

/* The branding the form shows, into @out (cleared first). */
static void
read_branding (RdmReviewDialog *self, RdmBranding *out)
{
  rdm_branding_clear (out);
  out->title = entry_text (self->title_row);
  out->client = entry_text (self->client_row);
  out->author = entry_text (self->author_row);
  out->logo = self->logo != NULL ? g_bytes_ref (self->logo) : NULL;
  out->has_accent = self->accent_set;
  out->accent = self->accent_set ? accent_from_button (self) : 0;
  out->currency = g_strdup (self->branding.currency);
}

static gboolean
has_period (RdmReviewDialog *self)
{
  return adw_combo_row_get_selected (self->quarter_row) < self->periods->len;
}

static ReviewJob *
review_job_new (RdmReviewDialog *self, GError **error)
{
  const RdmAnalysisConfig *config = rdm_analysis_settings_get_config (self->settings);
  RdmModel compared[RDM_MODEL_N_MODELS];
  RdmModel chosen = (RdmModel)adw_combo_row_get_selected (self->model_row);
  guint n_compared;
  ReviewJob *job = g_new0 (ReviewJob, 1);

  g_weak_ref_init (&job->dialog, self);
  if (!rdm_analysis_settings_get_options (self->settings, &job->path, &job->model, error))
    {
      review_job_free (job);
      return NULL;
    }
  job->project_path = g_strdup (rdm_project_get_path (self->project));
  /* the model chosen first, since the review's ROI and summary use the
   * first, then the models compared in Attribution */
  job->models = g_array_new (FALSE, FALSE, sizeof (RdmModel));
  g_array_append_val (job->models, chosen);
  n_compared = rdm_analysis_settings_get_models (self->settings, compared);
  for (guint i = 0; i < n_compared; i++)
    if (compared[i] != chosen)
      g_array_append_val (job->models, compared[i]);
  job->bootstrap = rdm_analysis_settings_get_resamples (self->settings);
  job->calibrate = config->calibrate;
  /* the setting was checked when it was read or chosen; "media" otherwise */
  rdm_shared_rule_parse (config->shared_costs, &job->shared_rule, NULL);
  job->has_period = has_period (self);
  if (job->has_period)
    job->period
        = g_array_index (self->periods, RdmPeriod, adw_combo_row_get_selected (self->quarter_row));
  read_branding (self, &job->branding);
  if (self->fitter != NULL)
    job->media_mix = rdm_media_mix_fitter_dup_result (self->fitter);
  job->layout = adw_combo_row_get_selected (self->layout_row) == 1 ? RDM_DOCUMENT_LAYOUT_SLIDES
                                                                   : RDM_DOCUMENT_LAYOUT_REPORT;
  job->language = (RdmReviewLanguage)adw_combo_row_get_selected (self->language_row);
  return job;
}

/* Preview */

static void start_preview (RdmReviewDialog *self);

/* Export is offered while nothing is being written and the form, as last
 * previewed, makes a review: what failed to preview would fail to export
 * with the same message, which the preview shows already. */
static void
update_export_action (RdmReviewDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.export",
                                 self->export_cancellable == NULL && self->preview_error == NULL);
}

static void
show_thumbnails (RdmReviewDialog *self, GPtrArray *thumbnails)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pages_box))) != NULL)
    gtk_box_remove (self->pages_box, child);
  g_ptr_array_set_size (self->thumbnails, 0);
  for (guint i = 0; i < thumbnails->len; i++)
    {
      const Thumbnail *thumbnail = g_ptr_array_index (thumbnails, i);
      g_autoptr (GdkTexture) texture
          = gdk_memory_texture_new (thumbnail->width, thumbnail->height, GDK_MEMORY_DEFAULT,
                                    thumbnail->pixels, (gsize)thumbnail->stride);
      g_autofree char *label = NULL;
      GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));

      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
      gtk_widget_set_halign (picture, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (picture, "card");
      gtk_widget_set_overflow (picture, GTK_OVERFLOW_HIDDEN);
      /* Translators: the preview's thumbnail of a page; %u is its number */
      label = i == 0 ? g_strdup (_ ("Cover")) : g_strdup_printf (_ ("Page %u"), i + 1);
      gtk_picture_set_alternative_text (GTK_PICTURE (picture), label);
      gtk_box_append (self->pages_box, picture);
      g_ptr_array_add (self->thumbnails, g_steal_pointer (&texture));
    }
  g_clear_pointer (&self->preview_error, g_free);
  gtk_stack_set_visible_child_name (self->preview_stack, "pages");
  update_export_action (self);
}

static void
show_preview_error (RdmReviewDialog *self, const GError *error)
{
  g_free (self->preview_error);
  self->preview_error = g_strdup (error->message);
  g_ptr_array_set_size (self->thumbnails, 0);
  rdm_status_page_set_description_text (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->preview_stack, "error");
  update_export_action (self);
}

static void
update_spinners (RdmReviewDialog *self)
{
  gboolean busy
      = self->preview_cancellable != NULL || self->preview_pending || self->preview_source != 0;
  gboolean loading
      = g_str_equal (gtk_stack_get_visible_child_name (self->preview_stack), "loading");

  gtk_spinner_set_spinning (self->preview_spinner, busy && !loading);
  gtk_spinner_set_spinning (self->loading_spinner, busy && loading);
}

static void
preview_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ReviewJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (RdmReviewDialog) self = g_weak_ref_get (&job->dialog);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) thumbnails = g_task_propagate_pointer (G_TASK (result), &error);

  /* the window was closed meanwhile */
  if (self == NULL)
    return;
  if (cancellable == self->preview_cancellable)
    g_clear_object (&self->preview_cancellable);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || g_cancellable_is_cancelled (cancellable))
    {
      /* a change cancelled it: the next one is due */
      if (self->preview_pending)
        start_preview (self);
      update_spinners (self);
      return;
    }
  if (thumbnails == NULL)
    show_preview_error (self, error);
  else
    show_thumbnails (self, thumbnails);
  if (self->preview_pending)
    start_preview (self);
  update_spinners (self);
}

static void
start_preview (RdmReviewDialog *self)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  ReviewJob *job;

  if (self->preview_cancellable != NULL)
    {
      self->preview_pending = TRUE;
      return;
    }
  self->preview_pending = FALSE;
  job = review_job_new (self, &error);
  /* a title too long says so at once, rather than when exported */
  if (job == NULL || !rdm_branding_check (&job->branding, &error))
    {
      g_clear_pointer (&job, review_job_free);
      show_preview_error (self, error);
      return;
    }
  self->preview_cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->preview_cancellable, preview_done, NULL);
  g_task_set_source_tag (task, start_preview);
  g_task_set_task_data (task, job, (GDestroyNotify)review_job_free);
  g_task_run_in_thread (task, preview_thread);
}

static gboolean
preview_delay_done (gpointer data)
{
  RdmReviewDialog *self = data;

  self->preview_source = 0;
  start_preview (self);
  update_spinners (self);
  return G_SOURCE_REMOVE;
}

/* The form changed: the preview follows once it stays unchanged. */
static void
form_changed (RdmReviewDialog *self)
{
  if (self->filling)
    return;
  /* what runs shows a form that is no more */
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_handle_id (&self->preview_source, g_source_remove);
  self->preview_source = g_timeout_add (PREVIEW_DELAY_MS, preview_delay_done, self);
  update_spinners (self);
}

static void
accent_changed (RdmReviewDialog *self)
{
  if (self->filling)
    return;
  self->accent_set = TRUE;
  form_changed (self);
}

/* Logo */

static void
update_logo_row (RdmReviewDialog *self)
{
  const char *subtitle;

  if (self->logo == NULL)
    subtitle = _ ("None");
  else if (self->logo_name != NULL)
    subtitle = self->logo_name;
  else
    subtitle = _ ("Saved in the project");
  adw_action_row_set_subtitle (self->logo_row, subtitle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.remove-logo", self->logo != NULL);
}

gboolean
_rdm_review_dialog_set_logo_file (RdmReviewDialog *self, const char *path, GError **error)
{
  GBytes *logo;

  g_return_val_if_fail (RDM_IS_REVIEW_DIALOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  logo = rdm_branding_read_logo (path, error);
  if (logo == NULL)
    return FALSE;
  g_clear_pointer (&self->logo, g_bytes_unref);
  self->logo = logo;
  g_free (self->logo_name);
  self->logo_name = g_path_get_basename (path);
  update_logo_row (self);
  form_changed (self);
  return TRUE;
}

static void
logo_chooser_response_cb (GtkNativeDialog *chooser, int response, RdmReviewDialog *self)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         _ ("The logo must be a local file"));
  if (path == NULL || !_rdm_review_dialog_set_logo_file (self, path, &error))
    rdm_error_dialog_present (GTK_WIDGET (self), _ ("Could Not Use the Logo"), error);
}

static void
choose_logo_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmReviewDialog *self = RDM_REVIEW_DIALOG (widget);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser
      = gtk_file_chooser_native_new (_ ("Choose a Logo"), GTK_WINDOW (self),
                                     GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Choose"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _ ("PNG and SVG images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/svg+xml");
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_filter_add_suffix (filter, "svg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (logo_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
remove_logo_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmReviewDialog *self = RDM_REVIEW_DIALOG (widget);

  g_clear_pointer (&self->logo, g_bytes_unref);
  g_clear_pointer (&self->logo_name, g_free);
  update_logo_row (self);
  form_changed (self);
}

/* Export */

static gboolean
pulse_cb (gpointer data)
{
  RdmReviewDialog *self = data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
set_exporting (RdmReviewDialog *self, GFile *file)
{
  gboolean exporting = file != NULL;

  gtk_widget_set_sensitive (self->form_page, !exporting);
  update_export_action (self);
  gtk_revealer_set_reveal_child (self->progress_revealer, exporting);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  if (exporting)
    {
      g_autofree char *name = g_file_get_basename (file);
      /* Translators: %s is a file name */
      g_autofree char *text = g_strdup_printf (_ ("Writing “%s”…"), name);

      gtk_label_set_text (self->progress_label, text);
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      self->pulse_source = g_timeout_add (100, pulse_cb, self);
    }
}

static void
export_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ReviewJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (RdmReviewDialog) self = g_weak_ref_get (&job->dialog);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  g_autoptr (GError) error = NULL;
  gboolean written = g_task_propagate_boolean (G_TASK (result), &error);
  GtkWindow *parent;

  if (g_cancellable_is_cancelled (cancellable))
    {
      /* cancelled while the file was being written: no half-wanted file */
      if (written)
        g_file_delete (job->file, NULL, NULL);
      if (self != NULL)
        {
          g_clear_object (&self->export_cancellable);
          set_exporting (self, NULL);
        }
      return;
    }
  g_clear_object (&self->export_cancellable);
  set_exporting (self, NULL);
  if (!written)
    {
      rdm_error_dialog_present (GTK_WIDGET (self), _ ("Could Not Export"), error);
      return;
    }

  /* the next review looks the same: the branding is kept in the project,
   * unless the project cannot be written, which the user knows already */
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (!rdm_project_is_read_only (self->project)
      && !rdm_project_save_branding (self->project, &job->branding, &error))
    rdm_error_dialog_present (parent != NULL ? GTK_WIDGET (parent) : GTK_WIDGET (self),
                              _ ("Could Not Save the Branding"), error);
  g_signal_emit (self, signals[EXPORTED], 0, job->file);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
rdm_review_dialog_export_to (RdmReviewDialog *self, GFile *file)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  ReviewJob *job = NULL;

  g_return_if_fail (RDM_IS_REVIEW_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->export_cancellable != NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         _ ("The review can only be written to a local file"));
  if (path == NULL || !rdm_review_check_path (path, &error)
      || (job = review_job_new (self, &error)) == NULL)
    {
      rdm_error_dialog_present (GTK_WIDGET (self), _ ("Could Not Export"), error);
      return;
    }
  if (!rdm_branding_check (&job->branding, &error))
    {
      review_job_free (job);
      rdm_error_dialog_present (GTK_WIDGET (self), _ ("Could Not Export"), error);
      return;
    }
  job->file = g_object_ref (file);

  self->export_cancellable = g_cancellable_new ();
  set_exporting (self, file);
  task = g_task_new (NULL, self->export_cancellable, export_done, NULL);
  g_task_set_source_tag (task, rdm_review_dialog_export_to);
  g_task_set_task_data (task, job, (GDestroyNotify)review_job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
rdm_review_dialog_is_exporting (RdmReviewDialog *self)
{
  g_return_val_if_fail (RDM_IS_REVIEW_DIALOG (self), FALSE);
  return self->export_cancellable != NULL;
}

static void
export_chooser_response_cb (GtkNativeDialog *chooser, int response, RdmReviewDialog *self)
{
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
  if (file != NULL)
    rdm_review_dialog_export_to (self, file);
}

static char *
suggested_name (RdmReviewDialog *self)
{
  gboolean slides = adw_combo_row_get_selected (self->layout_row) == 1;
  const RdmPeriod *period;

  if (!has_period (self))
    return g_strdup (slides ? _ ("Quarterly review slides.pdf") : _ ("Quarterly review.pdf"));
  period
      = &g_array_index (self->periods, RdmPeriod, adw_combo_row_get_selected (self->quarter_row));
  return slides
             /* Translators: the suggested file name of the slides; Q%d %d is the quarter,
                "Q2 2026" */
             ? g_strdup_printf (_ ("Quarterly review Q%d %d slides.pdf"), period->number,
                                period->year)
             /* Translators: the suggested file name; Q%d %d is the quarter, "Q2 2026" */
             : g_strdup_printf (_ ("Quarterly review Q%d %d.pdf"), period->number, period->year);
}

static void
export_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmReviewDialog *self = RDM_REVIEW_DIALOG (widget);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *suggestion = NULL;

  if (self->chooser != NULL || self->export_cancellable != NULL)
    return;
  suggestion = suggested_name (self);
  self->chooser
      = gtk_file_chooser_native_new (_ ("Export Quarterly Review"), GTK_WINDOW (self),
                                     GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _ ("PDF documents"));
  gtk_file_filter_add_pattern (filter, "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), suggestion);
  g_signal_connect (self->chooser, "response", G_CALLBACK (export_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Cancel stops an export and keeps the form; otherwise it closes. */
static void
cancel_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmReviewDialog *self = RDM_REVIEW_DIALOG (widget);

  if (self->export_cancellable == NULL)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  g_cancellable_cancel (self->export_cancellable);
  gtk_label_set_text (self->progress_label, _ ("Cancelling…"));
}

/* Filling the form */

static gboolean
fill_quarters (RdmReviewDialog *self, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GArray) periods
      = rdm_project_list_periods (self->project, RDM_PERIOD_QUARTER, &local_error);

  /* a project without dated data has "All data" alone, whose preview then
   * says what the review needs */
  if (g_error_matches (local_error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND))
    periods = g_array_new (FALSE, FALSE, sizeof (RdmPeriod));
  else if (periods == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* newest first, the latest selected */
  for (guint i = periods->len; i > 0; i--)
    {
      const RdmPeriod *period = &g_array_index (periods, RdmPeriod, i - 1);
      /* Translators: a quarter and its year, "Q3 2026" */
      g_autofree char *label = g_strdup_printf (_ ("Q%d %d"), period->number, period->year);

      gtk_string_list_append (self->quarters, label);
      g_array_append_val (self->periods, *period);
    }
  gtk_string_list_append (self->quarters, C_ ("period", "All data"));
  adw_combo_row_set_selected (self->quarter_row, 0);
  return TRUE;
}

static gboolean
fill_branding (RdmReviewDialog *self, GError **error)
{
  GdkRGBA rgba = { 0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0, 1 };

  if (!rdm_project_load_branding (self->project, &self->branding, error))
    return FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->title_row),
                         self->branding.title != NULL ? self->branding.title : "");
  gtk_editable_set_text (GTK_EDITABLE (self->client_row),
                         self->branding.client != NULL ? self->branding.client : "");
  gtk_editable_set_text (GTK_EDITABLE (self->author_row),
                         self->branding.author != NULL ? self->branding.author : "");
  self->logo = self->branding.logo != NULL ? g_bytes_ref (self->branding.logo) : NULL;
  update_logo_row (self);
  /* without an accent of its own the review uses GNOME's blue, as shown */
  self->accent_set = self->branding.has_accent;
  if (self->branding.has_accent)
    {
      rgba.red = ((self->branding.accent >> 16) & 0xff) / 255.0;
      rgba.green = ((self->branding.accent >> 8) & 0xff) / 255.0;
      rgba.blue = (self->branding.accent & 0xff) / 255.0;
    }
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->accent_button), &rgba);
  if (rdm_project_is_read_only (self->project))
    adw_preferences_group_set_description (
        self->branding_group,
        _ ("The project is read-only: the branding applies to this review only"));
  else
    adw_preferences_group_set_description (
        self->branding_group, _ ("Kept in the project when you export, for the next review"));
  return TRUE;
}

RdmReviewDialog *
rdm_review_dialog_new (GtkWindow *parent,
                       RdmProject *project,
                       RdmAnalysisSettings *settings,
                       RdmMediaMixFitter *fitter,
                       GError **error)
{
  RdmReviewDialog *self;
  RdmModel roi_model;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RDM_IS_PROJECT (project), NULL);
  g_return_val_if_fail (RDM_IS_ANALYSIS_SETTINGS (settings), NULL);

  /* owned by GTK's list of top-levels until destroyed */
  self = g_object_new (RDM_TYPE_REVIEW_DIALOG, NULL);
  self->project = g_object_ref (project);
  self->settings = g_object_ref (settings);
  self->fitter = fitter != NULL ? g_object_ref (fitter) : NULL;
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);

  self->filling = TRUE;
  for (guint i = 0; i < RDM_MODEL_N_MODELS; i++)
    gtk_string_list_append (self->models, rdm_model_display_name ((RdmModel)i));
  /* the ROI section's model, as the review's ROI is that section's */
  roi_model = rdm_analysis_settings_get_config (settings)->model;
  adw_combo_row_set_selected (self->model_row, roi_model);
  if (!fill_quarters (self, error) || !fill_branding (self, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  self->filling = FALSE;

  start_preview (self);
  update_spinners (self);
  return self;
}

/* Test accessors */

AdwComboRow *
_rdm_review_dialog_get_layout_row (RdmReviewDialog *self)
{
  g_return_val_if_fail (RDM_IS_REVIEW_DIALOG (self), NULL);
  return self->layout_row;
}

AdwComboRow *
_rdm_review_dialog_get_quarter_row (RdmReviewDialog *self)
{
  g_return_val_if_fail (RDM_IS_REVIEW_DIALOG (self), NULL);
  return self->quarter_row;
}

AdwComboRow *
_rdm_review_dialog_get_model_row (RdmReviewDialog *self)
{
  g_return_val_if_fail (RDM_IS_REVIEW_DIALOG (self), NULL);
  return self->model_row;
}

AdwComboRow *
_rdm_review_dialog_get_language_row (RdmReviewDialog *self)
{
  g_return_val_if_fail (RDM_IS_REVIEW_DIALOG (self), NULL);
  return self->language_row;
}

GtkEditable *
_rdm_review_dialog_get_title_entry (RdmReviewDialog *self)
{
  g_return_val_if_fail (RDM_IS_REVIEW_DIALOG (self), NULL);
  return GTK_EDITABLE (self->title_row);
}

GtkEditable *
_rdm_review_dialog_get_client_entry (RdmReviewDialog *self)
{
  g_return_val_if_fail (RDM_IS_REVIEW_DIALOG (self), NULL);
  return GTK_EDITABLE (self->client_row);
}

gboolean
_rdm_review_dialog_preview_is_ready (RdmReviewDialog *self)
{
  g_return_val_if_fail (RDM_IS_REVIEW_DIALOG (self), FALSE);
  return self->preview_cancellable == NULL && !self->preview_pending && self->preview_source == 0;
}

GdkTexture *
_rdm_review_dialog_get_thumbnail (RdmReviewDialog *self, guint index)
{
  g_return_val_if_fail (RDM_IS_REVIEW_DIALOG (self), NULL);
  return index < self->thumbnails->len ? g_ptr_array_index (self->thumbnails, index) : NULL;
}

const char *
_rdm_review_dialog_get_preview_error (RdmReviewDialog *self)
{
  g_return_val_if_fail (RDM_IS_REVIEW_DIALOG (self), NULL);
  return self->preview_error;
}

static void
rdm_review_dialog_dispose (GObject *object)
{
  RdmReviewDialog *self = RDM_REVIEW_DIALOG (object);

  /* running workers finish on their own connection; their results are
   * dropped */
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->preview_cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_handle_id (&self->preview_source, g_source_remove);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), RDM_TYPE_REVIEW_DIALOG);
  g_clear_object (&self->project);
  g_clear_object (&self->settings);
  g_clear_object (&self->fitter);
  g_clear_pointer (&self->logo, g_bytes_unref);

  G_OBJECT_CLASS (rdm_review_dialog_parent_class)->dispose (object);
}

static void
rdm_review_dialog_finalize (GObject *object)
{
  RdmReviewDialog *self = RDM_REVIEW_DIALOG (object);

  g_clear_pointer (&self->periods, g_array_unref);
  g_clear_pointer (&self->thumbnails, g_ptr_array_unref);
  rdm_branding_clear (&self->branding);
  g_free (self->logo_name);
  g_free (self->preview_error);

  G_OBJECT_CLASS (rdm_review_dialog_parent_class)->finalize (object);
}

static void
rdm_review_dialog_class_init (RdmReviewDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rdm_review_dialog_dispose;
  object_class->finalize = rdm_review_dialog_finalize;

  signals[EXPORTED] = g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  rdm_widgets_ensure_resources ();
  gtk_widget_class_set_template_from_resource (
      widget_class, "/fr/rendement/Rendement/widgets/rdm-review-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RdmReviewDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, RdmReviewDialog, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, RdmReviewDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, RdmReviewDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RdmReviewDialog, form_page);
  gtk_widget_class_bind_template_child (widget_class, RdmReviewDialog, layout_row);
  gtk_widget_class_bind_template_child (widget_class, RdmReviewDialog, quarter_row);
  gtk_widget_class_bind_template_child (widget_class, RdmReviewDialog, quarters);
  gtk_widget_class_bind_template_child (widget_class, RdmReviewDialog, model_row);
  gtk_widget_class_bind_template_child (widget_class, RdmReviewDialog, models);
  gtk_widget_class_bind_template_child (widget_class, RdmReviewDialog, language_row);
  gtk_widget_class_bind_template_child (widget_class, RdmReviewDialog, branding_group);
  gtk_widget_class_bind_template_child (widget_class, RdmReviewDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, RdmReviewDialog, client_row);
  gtk_widget_class_bind_template_child (widget_class, RdmReviewDialog, author_row);
  gtk_widget_class_bind_template_child (widget_class, RdmReviewDialog, logo_row);
  gtk_widget_class_bind_template_child (widget_class, RdmReviewDialog, accent_button);
  gtk_widget_class_bind_template_child (widget_class, RdmReviewDialog, preview_spinner);
  gtk_widget_class_bind_template_child (widget_class, RdmReviewDialog, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, RdmReviewDialog, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, RdmReviewDialog, pages_box);
  gtk_widget_class_bind_template_child (widget_class, RdmReviewDialog, error_page);
  gtk_widget_class_bind_template_callback (widget_class, form_changed);
  gtk_widget_class_bind_template_callback (widget_class, accent_changed);

  gtk_widget_class_install_action (widget_class, "review.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "review.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "review.choose-logo", NULL, choose_logo_action);
  gtk_widget_class_install_action (widget_class, "review.remove-logo", NULL, remove_logo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "review.cancel", NULL);
}

static void
rdm_review_dialog_init (RdmReviewDialog *self)
{
  /* until rdm_review_dialog_new() has filled the form */
  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->periods = g_array_new (FALSE, FALSE, sizeof (RdmPeriod));
  self->thumbnails = g_ptr_array_new_with_free_func (g_object_unref);
}
