/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RdmWindow: one window per project. Without a project it shows the
 * welcome page (demo, new, open, recent projects); with one, a leaflet of a
 * section sidebar and the sections' pages, folding to one pane on narrow
 * windows. Sections (RdmSection) are added with rdm_window_add_section().
 *
 * The window holds one RdmProjectSession, given to every section: the
 * project, its analysis settings (read from the project file when it
 * opens and written back on every change, so that a window chosen in one
 * section holds in all of them and when the project is opened again) and
 * its data, read once for every section. An import or its removal renews
 * the session's data, which reloads every section.
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "rdm-analysis-settings.h"
#include "rdm-attribution-page.h"
#include "rdm-business-editor.h"
#include "rdm-channels-editor.h"
#include "rdm-data-page.h"
#include "rdm-error-dialog.h"
#include "rdm-format.h"
#include "rdm-import.h"
#include "rdm-import-assistant.h"
#include "rdm-metrics.h"
#include "rdm-overview-page.h"
#include "rdm-paths-page.h"
#include "rdm-experiments.h"
#include "rdm-playground-page.h"
#include "rdm-review.h"
#include "rdm-review-dialog.h"
#include "rdm-roi-page.h"
#include "rdm-events-page.h"
#include "rdm-media-mix-page.h"
#include "rdm-budget-page.h"
#include "rdm-section.h"
#include "rdm-segments-page.h"
#include "rdm-warehouse.h"
#include "rdm-window-private.h"

/* Recent projects listed on the welcome page. */
#define MAX_RECENT_ROWS 6

enum
{
  PROP_0,
  PROP_PROJECT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RdmWindow, rdm_window, ADW_TYPE_APPLICATION_WINDOW)

static RdmApplication *
get_application (RdmWindow *self)
{
  return RDM_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

void
rdm_window_show_toast (RdmWindow *self, const char *message)
{
  AdwToast *toast;

  g_return_if_fail (RDM_IS_WINDOW (self));

  toast = rdm_toast_new_for_text (message);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* "~/Documents" rather than "/home/someone/Documents". */
static char *
display_dir (GFile *file)
{
  g_autoptr (GFile) parent = g_file_get_parent (file);
  g_autofree char *path = parent != NULL ? g_file_get_path (parent) : NULL;
  const char *home = g_get_home_dir ();

  if (path == NULL)
    return g_file_get_parse_name (file);
  if (g_str_has_prefix (path, home) && (path[strlen (home)] == '/' || path[strlen (home)] == '\0'))
    return g_strconcat ("~", path + strlen (home), NULL);
  return g_steal_pointer (&path);
}

static char *
project_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  if (g_str_has_suffix (basename, ".rendement") && strlen (basename) > strlen (".rendement"))
    basename[strlen (basename) - strlen (".rendement")] = '\0';
  return g_steal_pointer (&basename);
}

static void
recent_row_activated_cb (AdwActionRow *row, RdmWindow *self)
{
  GFile *file = g_object_get_data (G_OBJECT (row), "rdm-file");

  rdm_application_open_file (get_application (self), file);
}

static void
update_recent (RdmWindow *self)
{
  g_auto (GStrv) paths = g_settings_get_strv (self->settings, "recent-projects");
  guint shown = 0;

  for (guint i = 0; i < self->recent_rows->len; i++)
    adw_preferences_group_remove (self->recent_group, g_ptr_array_index (self->recent_rows, i));
  g_ptr_array_set_size (self->recent_rows, 0);

  for (guint i = 0; paths[i] != NULL && shown < MAX_RECENT_ROWS; i++)
    {
      g_autoptr (GFile) file = NULL;
      g_autofree char *name = NULL;
      g_autofree char *dir = NULL;
      GtkWidget *row;

      if (!g_file_test (paths[i], G_FILE_TEST_IS_REGULAR))
        continue;
      file = g_file_new_for_path (paths[i]);
      name = project_name (file);
      dir = display_dir (file);

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dir);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "rdm-file", g_steal_pointer (&file), g_object_unref);
      g_signal_connect (row, "activated", G_CALLBACK (recent_row_activated_cb), self);
      adw_preferences_group_add (self->recent_group, row);
      g_ptr_array_add (self->recent_rows, row);
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), shown > 0);
}

/* Analysis settings */

static void
settings_save_failed_cb (RdmWindow *self, const GError *error)
{
  rdm_window_show_toast (self, error->message);
}

RdmAnalysisSettings *
rdm_window_get_analysis_settings (RdmWindow *self)
{
  g_return_val_if_fail (RDM_IS_WINDOW (self), NULL);
  return rdm_project_session_get_settings (self->session);
}

static void
analysis_settings_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmWindow *self = RDM_WINDOW (widget);

  rdm_window_show_section (self, "attribution");
  rdm_attribution_page_show_settings (RDM_ATTRIBUTION_PAGE (self->attribution_page));
}

gboolean
rdm_window_open_file (RdmWindow *self, GFile *file, GError **error)
{
  g_autoptr (RdmProject) project = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *dir = NULL;
  gboolean writable;

  g_return_val_if_fail (RDM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _ ("Cannot open “%s”: only local project files can be opened"), uri);
      return FALSE;
    }
  project = rdm_project_open_for_reading (path, error);
  if (project == NULL)
    return FALSE;
  if (!rdm_project_session_open (self->session, project, &warning, error))
    return FALSE;

  g_set_object (&self->file, file);
  g_set_object (&self->project, project);
  if (warning != NULL)
    rdm_window_show_toast (self, warning);
  if (rdm_project_is_read_only (project))
    {
      /* Translators: %s is a project file */
      g_autofree char *message
          = g_strdup_printf (_ ("“%s” is read-only: changes cannot be saved to it"), path);

      rdm_window_show_toast (self, message);
    }

  name = project_name (file);
  dir = display_dir (file);
  adw_window_title_set_title (self->window_title, name);
  adw_window_title_set_subtitle (self->window_title, dir);
  gtk_window_set_title (GTK_WINDOW (self), name);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", TRUE);
  /* a read-only project is only read: no import to run or remove */
  writable = !rdm_project_is_read_only (self->project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-file", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-import",
                                 writable && !self->removing_import);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-review", !self->exporting_review);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-business", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-channels", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-review-to",
                                 !self->exporting_review);
  gtk_stack_set_visible_child_name (self->main_stack, "project");
  /* folded, the section shows rather than the list of sections */
  adw_leaflet_set_visible_child_name (self->leaflet, "content");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
  if (get_application (self) != NULL)
    rdm_application_add_recent (get_application (self), path);
  return TRUE;
}

gboolean
rdm_window_shows_file (RdmWindow *self, GFile *file)
{
  g_return_val_if_fail (RDM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return self->file != NULL && g_file_equal (self->file, file);
}

RdmProject *
rdm_window_get_project (RdmWindow *self)
{
  g_return_val_if_fail (RDM_IS_WINDOW (self), NULL);
  return self->project;
}

gboolean
_rdm_window_save_as (RdmWindow *self, GFile *file, GError **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (RDM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->project != NULL, FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _ ("Cannot save a copy as “%s”: only local files can be written"), uri);
      return FALSE;
    }
  if (g_file_equal (file, self->file))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _ ("Cannot save a copy as “%s”: it is the project’s own file"), path);
      return FALSE;
    }
  /* the user confirmed replacing an existing file in the file chooser */
  return rdm_project_copy_to (self->project, path, error)
         && rdm_window_open_file (self, file, error);
}

static void
save_as_response_cb (GtkNativeDialog *chooser, int response, RdmWindow *self)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->project != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (!_rdm_window_save_as (self, file, &error))
        rdm_window_show_toast (self, error->message);
      else
        {
          g_autofree char *name = project_name (file);
          /* Translators: %s is a project name */
          g_autofree char *message = g_strdup_printf (_ ("Saved as “%s”"), name);

          rdm_window_show_toast (self, message);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

static void
save_as_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmWindow *self = RDM_WINDOW (widget);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  g_autofree char *suggestion = NULL;

  if (self->project == NULL || self->chooser != NULL)
    return;

  self->chooser
      = gtk_file_chooser_native_new (_ ("Save a Copy of the Project"), GTK_WINDOW (self),
                                     GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"), _ ("_Cancel"));
  gtk_file_filter_set_name (filter, _ ("Rendement projects"));
  gtk_file_filter_add_pattern (filter, "*.rendement");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  name = project_name (self->file);
  /* Translators: the suggested file name for a copy; %s is the project name */
  suggestion = g_strdup_printf (_ ("%s (copy).rendement"), name);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), suggestion);
  g_signal_connect (self->chooser, "response", G_CALLBACK (save_as_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Exports */

/* The toast of an export, with a button that opens @file itself when
 * @open_file (a document the user reads next), its folder otherwise. */
static void
show_exported (RdmWindow *self, GFile *file, gboolean open_file)
{
  g_autofree char *name = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;
  g_autoptr (GFile) parent = NULL;
  AdwToast *toast;

  name = g_file_get_basename (file);
  /* the title is markup */
  escaped = g_markup_escape_text (name, -1);
  /* Translators: %s is a file name */
  title = g_strdup_printf (_ ("Exported “%s”"), escaped);
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 5);
  parent = g_file_get_parent (file);
  if (open_file)
    {
      g_autofree char *uri = g_file_get_uri (file);

      adw_toast_set_button_label (toast, _ ("Open"));
      adw_toast_set_action_name (toast, "win.show-uri");
      adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
    }
  else if (parent != NULL)
    {
      g_autofree char *uri = g_file_get_uri (parent);

      adw_toast_set_button_label (toast, _ ("Open Folder"));
      adw_toast_set_action_name (toast, "win.show-uri");
      adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
rdm_window_show_exported (RdmWindow *self, GFile *file)
{
  g_return_if_fail (RDM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  show_exported (self, file, FALSE);
}

void
rdm_window_show_export_error (RdmWindow *self, const GError *error)
{
  g_return_if_fail (RDM_IS_WINDOW (self));

  rdm_error_dialog_present (GTK_WIDGET (self), _ ("Could Not Export"), error);
}

static void
exported_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_autoptr (GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  rdm_window_show_exported (RDM_WINDOW (widget), file);
}

/* Opens a file or a folder (a URI) in the user's application for it. */
static void
show_uri_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

/* What a review export computes and writes in its thread. */
typedef struct
{
  char *project_path;
  RdmPathOptions path;
  RdmModelOptions model;
  GArray *models; /* RdmModel, the Attribution section's reference first */
  guint bootstrap;
  gboolean calibrate; /* the switch is on: calibrate when there are experiments */
  gboolean has_period;
  RdmPeriod period;
  RdmSharedRule shared_rule; /* the ROI section's */
  GFile *file;
  RdmMediaMixResult *media_mix; /* the session's fit, or NULL: the review fits the model */
} ReviewJob;

static void
review_job_free (ReviewJob *job)
{
  g_free (job->project_path);
  rdm_path_options_clear (&job->path);
  rdm_model_options_clear (&job->model);
  g_clear_pointer (&job->models, g_array_unref);
  rdm_shared_rule_clear (&job->shared_rule);
  g_clear_object (&job->file);
  g_clear_pointer (&job->media_mix, rdm_media_mix_result_unref);
  g_free (job);
}

static void
review_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  ReviewJob *job = task_data;
  g_autoptr (RdmProject) project = NULL;
  g_autoptr (RdmDocument) document = NULL;
  g_autofree char *path = g_file_get_path (job->file);
  GError *error = NULL;

  /* a connection of this thread's own: SQLite connections are not shared
   * across threads */
  project = rdm_project_open_for_worker (job->project_path, &error);
  if (project != NULL && job->calibrate)
    {
      g_autoptr (GArray) experiments = rdm_project_load_experiments (project, TRUE, &error);

      /* as the sections do: the switch waits for experiments */
      if (experiments == NULL)
        g_clear_object (&project);
      else
        job->calibrate = experiments->len > 0;
    }
  if (project != NULL)
    {
      RdmReviewRequest request = {
        .path = &job->path,
        .model = &job->model,
        .models = job->models,
        .bootstrap = job->bootstrap,
        .seed = 1,
        .period = job->has_period ? &job->period : NULL,
        .calibrate = job->calibrate,
        .untested = RDM_UNTESTED_MEAN,
        .shared_rule = &job->shared_rule,
        .media_mix = job->media_mix,
      };

      document = rdm_review_compute (project, &request, &error);
    }
  /* the typesetter draws the charts under PLplot's lock, from any thread */
  if (document == NULL || !rdm_review_write (document, RDM_DOCUMENT_LAYOUT_REPORT, path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
set_exporting_review (RdmWindow *self, gboolean exporting)
{
  self->exporting_review = exporting;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-review",
                                 self->project != NULL && !exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-review-to",
                                 self->project != NULL && !exporting);
  if (exporting)
    {
      self->busy_toast = adw_toast_new (_ ("Exporting the quarterly review…"));
      adw_toast_set_timeout (self->busy_toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (self->busy_toast));
    }
  else if (self->busy_toast != NULL)
    {
      adw_toast_dismiss (self->busy_toast);
      g_clear_object (&self->busy_toast);
    }
}

static void
review_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RdmWindow *self = RDM_WINDOW (source);
  ReviewJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;

  set_exporting_review (self, FALSE);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    rdm_window_show_export_error (self, error);
  else
    rdm_window_show_exported (self, job->file);
}

void
rdm_window_export_review (RdmWindow *self, const RdmPeriod *period, GFile *file)
{
  RdmAnalysisSettings *settings;
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  RdmModel models[RDM_MODEL_N_MODELS];
  RdmModel roi_model;
  guint n_models;
  ReviewJob *job;

  g_return_if_fail (RDM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->project == NULL || self->exporting_review)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _ ("The review can only be written to a local file"));
      rdm_window_show_export_error (self, error);
      return;
    }
  if (!rdm_review_check_path (path, &error))
    {
      rdm_window_show_export_error (self, error);
      return;
    }

  job = g_new0 (ReviewJob, 1);
  job->project_path = g_strdup (rdm_project_get_path (self->project));
  job->file = g_object_ref (file);
  job->has_period = period != NULL;
  if (period != NULL)
    job->period = *period;
  settings = rdm_project_session_get_settings (self->session);
  if (!rdm_analysis_settings_get_options (settings, &job->path, &job->model, &error))
    {
      review_job_free (job);
      rdm_window_show_export_error (self, error);
      return;
    }
  /* the ROI section's model first, since the review's ROI uses the first,
   * then the models compared in Attribution */
  roi_model = rdm_analysis_settings_get_config (settings)->model;
  job->models = g_array_new (FALSE, FALSE, sizeof (RdmModel));
  g_array_append_val (job->models, roi_model);
  n_models = rdm_analysis_settings_get_models (settings, models);
  for (guint i = 0; i < n_models; i++)
    if (models[i] != roi_model)
      g_array_append_val (job->models, models[i]);
  job->bootstrap = rdm_analysis_settings_get_resamples (settings);
  job->calibrate = rdm_analysis_settings_get_config (settings)->calibrate;
  /* the setting was checked when it was read or chosen; "media" otherwise */
  rdm_shared_rule_parse (rdm_analysis_settings_get_config (settings)->shared_costs,
                         &job->shared_rule, NULL);
  job->media_mix
      = rdm_media_mix_fitter_dup_result (rdm_project_session_get_media_mix (self->session));

  set_exporting_review (self, TRUE);
  task = g_task_new (self, self->cancellable, review_done, NULL);
  g_task_set_source_tag (task, rdm_window_export_review);
  g_task_set_task_data (task, job, (GDestroyNotify)review_job_free);
  g_task_run_in_thread (task, review_thread);
}

gboolean
_rdm_window_is_exporting_review (RdmWindow *self)
{
  g_return_val_if_fail (RDM_IS_WINDOW (self), FALSE);
  return self->exporting_review;
}

static void
review_dialog_exported_cb (RdmWindow *self, GFile *file)
{
  show_exported (self, file, TRUE);
}

/* Opens the review dialog (one per window): its choices, the branding and
 * a preview, then the file. */
static void
export_review_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmWindow *self = RDM_WINDOW (widget);
  g_autoptr (GError) error = NULL;
  RdmReviewDialog *dialog;

  if (self->project == NULL)
    return;
  if (self->review_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->review_dialog));
      return;
    }
  dialog = rdm_review_dialog_new (GTK_WINDOW (self), self->project,
                                  rdm_project_session_get_settings (self->session),
                                  rdm_project_session_get_media_mix (self->session), &error);
  if (dialog == NULL)
    {
      rdm_window_show_export_error (self, error);
      return;
    }
  self->review_dialog = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->review_dialog);
  g_signal_connect_object (dialog, "exported", G_CALLBACK (review_dialog_exported_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_review_to_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmWindow *self = RDM_WINDOW (widget);
  const char *period_text, *path;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  RdmPeriod period;

  g_variant_get (parameter, "(&s&s)", &period_text, &path);
  if (*period_text != '\0' && !rdm_period_parse (period_text, &period, &error))
    {
      rdm_window_show_export_error (self, error);
      return;
    }
  file = g_file_new_for_path (path);
  rdm_window_export_review (self, *period_text != '\0' ? &period : NULL, file);
}

/* Objectives, initiatives and savings change what Overview and ROI show. */
static void
business_changed_cb (RdmWindow *self)
{
  rdm_project_session_definitions_changed (self->session);
}

static void
edit_business_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmWindow *self = RDM_WINDOW (widget);
  RdmBusinessEditor *editor;

  if (self->project == NULL)
    return;
  editor = rdm_business_editor_new (self->project);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  if (parameter != NULL)
    rdm_business_editor_show_page (editor, g_variant_get_string (parameter, NULL));
  g_signal_connect_object (editor, "changed", G_CALLBACK (business_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
close_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* Every section shows data that an import, or its removal, changes. */
static void
reload_sections (RdmWindow *self)
{
  if (self->data_page == NULL)
    return;
  rdm_project_session_data_changed (self->session);
}

/* A change of the channel rules re-labels the project's rows: every
 * section reads them again. */
static void
edit_channels_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmWindow *self = RDM_WINDOW (widget);
  RdmChannelsEditor *editor;

  if (self->project == NULL)
    return;
  editor = rdm_channels_editor_new (self->project);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  if (parameter != NULL)
    rdm_channels_editor_show_page (editor, g_variant_get_string (parameter, NULL));
  g_signal_connect_object (editor, "changed", G_CALLBACK (reload_sections), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
import_done_cb (RdmWindow *self)
{
  g_autoptr (RdmWarehouseSource) source = NULL;

  rdm_window_show_toast (self, _ ("Import finished"));
  /* the journeys a database built answer for its windows: the sections
   * take them, rather than asking at once for the ones they had */
  if (self->project != NULL
      && (source = rdm_project_load_warehouse_source (self->project, NULL)) != NULL)
    g_object_set (rdm_project_session_get_settings (self->session), "click-window",
                  source->path.click_window_days, "view-window", source->path.view_window_days,
                  "restart", source->path.restart_after_conversion, NULL);
  reload_sections (self);
}

typedef struct
{
  char *project_path;
  gint64 import_id;
} RemoveImportJob;

static void
remove_import_job_free (RemoveImportJob *job)
{
  g_free (job->project_path);
  g_free (job);
}

static void
set_removing_import (RdmWindow *self, gboolean removing)
{
  self->removing_import = removing;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-import",
                                 self->project != NULL && !rdm_project_is_read_only (self->project)
                                     && !removing);
}

static void
remove_import_thread (GTask *task,
                      gpointer source_object,
                      gpointer task_data,
                      GCancellable *cancellable)
{
  RemoveImportJob *job = task_data;
  g_autoptr (RdmProject) project = NULL;
  RdmImportRecord *record = NULL;
  GError *error = NULL;

  /* deleting a large import's rows takes a while: on a connection of this
   * thread's own, as SQLite connections are not shared across threads */
  project = rdm_project_open (job->project_path, &error);
  if (project == NULL || !rdm_project_remove_import (project, job->import_id, &record, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, record, (GDestroyNotify)rdm_import_record_free);
}

static void
remove_import_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RdmWindow *self = RDM_WINDOW (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmImportRecord) record = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *rows = NULL;
  g_autofree char *message = NULL;

  /* the window was closed meanwhile */
  if (self->data_page == NULL)
    return;
  set_removing_import (self, FALSE);
  if (record == NULL)
    {
      rdm_error_dialog_present (GTK_WIDGET (self), _ ("Could Not Remove the Import"), error);
      return;
    }
  rows = rdm_format_count (record->rows);
  /* Translators: the first %s is a file name, the second a number of rows */
  message
      = g_strdup_printf (ngettext ("Removed “%s” and its %s row", "Removed “%s” and its %s rows",
                                   (gulong)MIN (record->rows, G_MAXULONG)),
                         record->file_name, rows);
  rdm_window_show_toast (self, message);
  reload_sections (self);
}

static void
remove_import_response_cb (AdwMessageDialog *dialog, const char *response, RdmWindow *self)
{
  const gint64 *import_id = g_object_get_data (G_OBJECT (dialog), "rdm-import-id");
  g_autoptr (GTask) task = NULL;
  RemoveImportJob *job;

  if (!g_str_equal (response, "remove") || self->project == NULL || self->removing_import)
    return;
  job = g_new0 (RemoveImportJob, 1);
  job->project_path = g_strdup (rdm_project_get_path (self->project));
  job->import_id = *import_id;
  set_removing_import (self, TRUE);
  task = g_task_new (self, NULL, remove_import_done, NULL);
  g_task_set_source_tag (task, remove_import_response_cb);
  g_task_set_task_data (task, job, (GDestroyNotify)remove_import_job_free);
  g_task_run_in_thread (task, remove_import_thread);
}

/* Asks before removing import @parameter (its number in the import log). */
static void
remove_import_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmWindow *self = RDM_WINDOW (widget);
  gint64 import_id = g_variant_get_int64 (parameter);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) imports = NULL;
  const RdmImportRecord *record = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->project == NULL || self->removing_import)
    return;
  imports = rdm_project_list_imports (self->project, &error);
  if (imports == NULL)
    {
      rdm_error_dialog_present (GTK_WIDGET (self), _ ("Could Not Remove the Import"), error);
      return;
    }
  for (guint i = 0; i < imports->len && record == NULL; i++)
    if (((const RdmImportRecord *)imports->pdata[i])->id == import_id)
      record = imports->pdata[i];
  if (record == NULL)
    {
      g_set_error (&error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND,
                   _ ("There is no import number %" PRId64 " in “%s”"), import_id,
                   rdm_project_get_path (self->project));
      rdm_error_dialog_present (GTK_WIDGET (self), _ ("Could Not Remove the Import"), error);
      return;
    }

  rows = rdm_format_count (record->rows);
  body = g_strdup_printf (
      /* Translators: the first %s is a file name, the second a number of rows */
      ngettext ("The %s row imported from “%s” will be removed from the project. Channels, "
                "campaigns and definitions stay.",
                "The %s rows imported from “%s” will be removed from the project. Channels, "
                "campaigns and definitions stay.",
                (gulong)MIN (record->rows, G_MAXULONG)),
      rows, record->file_name);
  /* the body is plain text (body-use-markup is off): a file name shows as it is */
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _ ("Remove Import?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "remove",
                                    _ ("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "rdm-import-id",
                          g_memdup2 (&import_id, sizeof import_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_import_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Opens the import assistant on @file_path (NULL: the user chooses the
 * file there). One assistant per window: a second request reuses it. */
static void
open_import_assistant (RdmWindow *self, const char *file_path)
{
  if (self->project == NULL)
    {
      rdm_window_show_toast (self, _ ("Open or create a project before importing data"));
      return;
    }
  if (self->import_assistant == NULL)
    {
      self->import_assistant = GTK_WIDGET (rdm_import_assistant_new (
          GTK_WINDOW (self), rdm_project_get_path (self->project), file_path));
      g_object_add_weak_pointer (G_OBJECT (self->import_assistant),
                                 (gpointer *)&self->import_assistant);
      g_signal_connect_object (self->import_assistant, "imported", G_CALLBACK (import_done_cb),
                               self, G_CONNECT_SWAPPED);
    }
  else if (file_path != NULL)
    rdm_import_assistant_set_file (RDM_IMPORT_ASSISTANT (self->import_assistant), file_path);
  gtk_window_present (GTK_WINDOW (self->import_assistant));
}

static void
import_file_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  open_import_assistant (RDM_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
import_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  open_import_assistant (RDM_WINDOW (widget), NULL);
}

/* A section whose path table the warehouse built with other rules offers
 * this: the assistant's database page, ready to run them again. */
static void
import_database_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmWindow *self = RDM_WINDOW (widget);

  open_import_assistant (self, NULL);
  if (self->import_assistant != NULL)
    rdm_import_assistant_show_database (RDM_IMPORT_ASSISTANT (self->import_assistant));
}

static gboolean
drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, RdmWindow *self)
{
  GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));
  gboolean handled = FALSE;

  for (GSList *l = files; l != NULL; l = l->next)
    {
      GFile *file = l->data;
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *lower = path != NULL ? g_ascii_strdown (path, -1) : NULL;

      if (lower == NULL)
        continue;
      if (g_str_has_suffix (lower, ".rendement"))
        {
          rdm_application_open_file (get_application (self), file);
          handled = TRUE;
        }
      else if (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv")
               || g_str_has_suffix (lower, ".txt"))
        {
          if (self->project == NULL)
            rdm_window_show_toast (self, _ ("Open or create a project before importing data"));
          else
            gtk_widget_activate_action (GTK_WIDGET (self), "win.import-file", "s", path);
          handled = TRUE;
        }
    }
  g_slist_free (files);
  if (!handled)
    rdm_window_show_toast (self, _ ("Drop a Rendement project or a CSV file"));
  return handled;
}

static void
sidebar_row_selected_cb (RdmWindow *self, GtkListBoxRow *row)
{
  if (row != NULL)
    gtk_stack_set_visible_child_name (self->section_stack,
                                      g_object_get_data (G_OBJECT (row), "rdm-section"));
}

static void
sidebar_row_activated_cb (RdmWindow *self, GtkListBoxRow *row)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
back_clicked_cb (RdmWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* The Playground reads no project: from the welcome page it opens on its
 * own, with a way back; with a project, it is one of the sections. */
static void
playground_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmWindow *self = RDM_WINDOW (widget);

  if (self->project != NULL)
    rdm_window_show_section (self, "playground");
  else
    gtk_stack_set_visible_child_name (self->main_stack, "playground");
}

static void
welcome_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmWindow *self = RDM_WINDOW (widget);

  if (self->project == NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "welcome");
}

void
rdm_window_add_section (
    RdmWindow *self, const char *id, const char *title, const char *icon_name, GtkWidget *page)
{
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *label;

  g_return_if_fail (RDM_IS_WINDOW (self));
  g_return_if_fail (id != NULL && title != NULL && icon_name != NULL);
  g_return_if_fail (RDM_IS_SECTION (page));
  g_return_if_fail (gtk_stack_get_child_by_name (self->section_stack, id) == NULL);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_object_set_data_full (G_OBJECT (row), "rdm-section", g_strdup (id), g_free);

  gtk_stack_add_titled (self->section_stack, page, id, title);
  rdm_section_set_session (RDM_SECTION (page), self->session);
  gtk_list_box_append (self->sidebar, row);
  if (gtk_list_box_get_selected_row (self->sidebar) == NULL)
    gtk_list_box_select_row (self->sidebar, GTK_LIST_BOX_ROW (row));
}

void
rdm_window_show_section (RdmWindow *self, const char *id)
{
  g_return_if_fail (RDM_IS_WINDOW (self));
  g_return_if_fail (id != NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row)
        && g_strcmp0 (g_object_get_data (G_OBJECT (row), "rdm-section"), id) == 0)
      {
        gtk_list_box_select_row (self->sidebar, GTK_LIST_BOX_ROW (row));
        adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
        return;
      }
  g_critical ("No section “%s” in the window", id);
}

static gboolean
rdm_window_close_request (GtkWindow *window)
{
  RdmWindow *self = RDM_WINDOW (window);
  gboolean maximized = gtk_window_is_maximized (window);
  int width, height;

  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  if (!maximized)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", MAX (width, 360));
      g_settings_set_int (self->settings, "window-height", MAX (height, 294));
    }
  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (rdm_window_parent_class)->close_request (window);
}

static void
rdm_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RdmWindow *self = RDM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rdm_window_dispose (GObject *object)
{
  RdmWindow *self = RDM_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->review_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->review_dialog));
  g_clear_object (&self->busy_toast);
  gtk_widget_dispose_template (GTK_WIDGET (self), RDM_TYPE_WINDOW);
  self->data_page = NULL;
  self->overview_page = NULL;
  self->attribution_page = NULL;
  self->paths_page = NULL;
  self->roi_page = NULL;
  self->segments_page = NULL;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_object (&self->project);
  g_clear_object (&self->file);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (rdm_window_parent_class)->dispose (object);
}

static void
rdm_window_finalize (GObject *object)
{
  RdmWindow *self = RDM_WINDOW (object);

  g_clear_pointer (&self->recent_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (rdm_window_parent_class)->finalize (object);
}

static void
rdm_window_class_init (RdmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rdm_window_dispose;
  object_class->finalize = rdm_window_finalize;
  object_class->get_property = rdm_window_get_property;
  window_class->close_request = rdm_window_close_request;

  properties[PROP_PROJECT] = g_param_spec_object ("project", NULL, NULL, RDM_TYPE_PROJECT,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/rendement/Rendement/ui/rdm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RdmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdmWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, RdmWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, RdmWindow, demo_button);
  gtk_widget_class_bind_template_child (widget_class, RdmWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, RdmWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, RdmWindow, playground_button);
  gtk_widget_class_bind_template_child (widget_class, RdmWindow, playground_box);
  gtk_widget_class_bind_template_child (widget_class, RdmWindow, recent_group);
  gtk_widget_class_bind_template_child (widget_class, RdmWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RdmWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, RdmWindow, section_stack);
  gtk_widget_class_bind_template_child (widget_class, RdmWindow, window_title);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);

  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.playground", NULL, playground_action);
  gtk_widget_class_install_action (widget_class, "win.welcome", NULL, welcome_action);
  gtk_widget_class_install_action (widget_class, "win.import-file", "s", import_file_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-database", NULL,
                                   import_database_action);
  /* the number of an import in the import log */
  gtk_widget_class_install_action (widget_class, "win.remove-import", "x", remove_import_action);
  gtk_widget_class_install_action (widget_class, "win.export-review", NULL, export_review_action);
  gtk_widget_class_install_action (widget_class, "win.export-review-to", "(ss)",
                                   export_review_to_action);
  gtk_widget_class_install_action (widget_class, "win.exported", "s", exported_action);
  /* "objectives", "initiatives" or "savings" */
  gtk_widget_class_install_action (widget_class, "win.edit-business", "s", edit_business_action);
  gtk_widget_class_install_action (widget_class, "win.edit-channels", "s", edit_channels_action);
  gtk_widget_class_install_action (widget_class, "win.show-uri", "s", show_uri_action);
  gtk_widget_class_install_action (widget_class, "win.analysis-settings", NULL,
                                   analysis_settings_action);
}

/* The sections, in the order of the method: the scorecard first, then
 * the data, the analyses, the return, the visitors. Every section that
 * computes shares the window's analysis settings. */
static void
add_sections (RdmWindow *self)
{
  GtkWidget *overview_page = rdm_overview_page_new ();
  GtkWidget *attribution_page = rdm_attribution_page_new ();
  GtkWidget *paths_page = rdm_paths_page_new ();
  GtkWidget *roi_page = rdm_roi_page_new ();
  GtkWidget *segments_page = rdm_segments_page_new ();

  self->data_page = rdm_data_page_new ();
  self->overview_page = overview_page;
  self->attribution_page = attribution_page;
  self->paths_page = paths_page;
  self->roi_page = roi_page;
  self->segments_page = segments_page;

  rdm_window_add_section (self, "overview", _ ("Overview"), "view-grid-symbolic", overview_page);
  rdm_window_add_section (self, "data", _ ("Data"), "x-office-spreadsheet-symbolic",
                          self->data_page);
  rdm_window_add_section (self, "attribution", _ ("Attribution"), "emblem-shared-symbolic",
                          attribution_page);
  rdm_window_add_section (self, "paths", _ ("Paths"), "media-playlist-consecutive-symbolic",
                          paths_page);
  rdm_window_add_section (self, "roi", _ ("ROI"), "x-office-presentation-symbolic", roi_page);
  rdm_window_add_section (self, "segments", _ ("Segments"), "system-users-symbolic", segments_page);
  rdm_window_add_section (self, "media-mix", _ ("Media Mix"), "view-paged-symbolic",
                          rdm_media_mix_page_new ());
  rdm_window_add_section (self, "budget", _ ("Budget"), "preferences-system-symbolic",
                          rdm_budget_page_new ());
  rdm_window_add_section (self, "events", _ ("Events"), "x-office-calendar-symbolic",
                          rdm_events_page_new ());
  rdm_window_add_section (self, "playground", _ ("Playground"), "applications-science-symbolic",
                          rdm_playground_page_new ());
}

static void
rdm_window_init (RdmWindow *self)
{
  GtkDropTarget *drop_target;

  g_type_ensure (RDM_TYPE_DATA_PAGE);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  self->cancellable = g_cancellable_new ();
  self->recent_rows = g_ptr_array_new ();

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-file", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-import", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-review", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-business", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-channels", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-review-to", FALSE);

  g_signal_connect_object (self->settings, "changed::recent-projects", G_CALLBACK (update_recent),
                           self, G_CONNECT_SWAPPED);
  update_recent (self);

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop_target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  /* until a project opens, the settings are the user's defaults */
  self->session = rdm_project_session_new ();
  g_signal_connect_object (self->session, "save-failed", G_CALLBACK (settings_save_failed_cb), self,
                           G_CONNECT_SWAPPED);
  add_sections (self);
  self->welcome_playground = rdm_playground_page_new ();
  gtk_widget_set_vexpand (self->welcome_playground, TRUE);
  gtk_box_append (self->playground_box, self->welcome_playground);
}

RdmWindow *
rdm_window_new (RdmApplication *application)
{
  return g_object_new (RDM_TYPE_WINDOW, "application", application, NULL);
}
