/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RdmApplication: a unique application with one window per project.
 * "rendement FILE…" opens each project in its own window (or presents the
 * window already showing it); without a file the welcome page shows.
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rdm-application.h"
#include "rdm-demo.h"
#include "rdm-preferences-window.h"
#include "rdm-window.h"

/* Entries kept in the recent-projects setting. */
#define MAX_RECENT 10

struct _RdmApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (RdmApplication, rdm_application, ADW_TYPE_APPLICATION)

static RdmWindow *
find_window (RdmApplication *self, GFile *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (RDM_IS_WINDOW (l->data) && rdm_window_shows_file (l->data, file))
      return l->data;
  return NULL;
}

/* The active window when it shows no project yet, else a new window. */
static RdmWindow *
window_for_new_project (RdmApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (RDM_IS_WINDOW (active) && rdm_window_get_project (RDM_WINDOW (active)) == NULL)
    return RDM_WINDOW (active);
  return rdm_window_new (self);
}

void
rdm_application_open_file (RdmApplication *self, GFile *file)
{
  g_autoptr (GError) error = NULL;
  RdmWindow *window;

  g_return_if_fail (RDM_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  window = find_window (self, file);
  if (window == NULL)
    {
      window = window_for_new_project (self);
      if (!rdm_window_open_file (window, file, &error))
        rdm_window_show_toast (window, error->message);
    }
  gtk_window_present (GTK_WINDOW (window));
}

void
rdm_application_add_recent (RdmApplication *self, const char *path)
{
  g_auto (GStrv) old = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) paths = NULL;
  guint n = 1;

  g_return_if_fail (RDM_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  old = g_settings_get_strv (self->settings, "recent-projects");
  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT; i++)
    if (g_strcmp0 (old[i], path) != 0)
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  paths = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-projects", (const char *const *)paths);
}

GSettings *
rdm_application_get_settings (RdmApplication *self)
{
  g_return_val_if_fail (RDM_IS_APPLICATION (self), NULL);
  return self->settings;
}

static void
new_window_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  RdmApplication *self = user_data;

  gtk_window_present (GTK_WINDOW (rdm_window_new (self)));
}

static GtkFileChooserNative *
chooser_new (RdmApplication *self,
             const char *title,
             GtkFileChooserAction action,
             const char *accept)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  self->chooser = gtk_file_chooser_native_new (title, parent, action, accept, _ ("_Cancel"));
  gtk_file_filter_set_name (filter, _ ("Rendement projects"));
  gtk_file_filter_add_mime_type (filter, "application/x-rendement");
  gtk_file_filter_add_pattern (filter, "*.rendement");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  return self->chooser;
}

static void
open_response_cb (GtkNativeDialog *chooser, int response, RdmApplication *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      rdm_application_open_file (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

static void
open_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  RdmApplication *self = user_data;
  GtkFileChooserNative *chooser
      = chooser_new (self, _ ("Open a Project"), GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"));

  g_signal_connect (chooser, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
new_response_cb (GtkNativeDialog *chooser, int response, RdmApplication *self)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  RdmWindow *window;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = g_file_get_path (file);
  /* "Clients" becomes "Clients.rendement", so the file opens with us */
  if (path != NULL && !g_str_has_suffix (path, ".rendement"))
    {
      g_autofree char *with_suffix = g_strconcat (path, ".rendement", NULL);

      g_free (path);
      path = g_steal_pointer (&with_suffix);
      g_object_unref (file);
      file = g_file_new_for_path (path);
    }

  window = window_for_new_project (self);
  gtk_window_present (GTK_WINDOW (window));
  if (path == NULL)
    {
      rdm_window_show_toast (window, _ ("Projects can only be created on local disks"));
      goto out;
    }
  /* the chooser asked before replacing, but a project is never replaced:
   * the user's data in it would be lost */
  project = rdm_project_create (path, &error);
  if (project == NULL || !rdm_window_open_file (window, file, &error))
    rdm_window_show_toast (window, error->message);

out:
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

static void
new_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  RdmApplication *self = user_data;
  GtkFileChooserNative *chooser
      = chooser_new (self, _ ("New Project"), GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Create"));

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     /* Translators: the file name suggested for a new project */
                                     _ ("Untitled.rendement"));
  g_signal_connect (chooser, "response", G_CALLBACK (new_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The busy state is published on the session bus; without a bus (GLib
 * 2.74 then emits on a NULL connection and fails an assertion) there is no
 * shell to tell. */
static void
set_busy (RdmApplication *self, gboolean busy)
{
  if (g_application_get_dbus_connection (G_APPLICATION (self)) == NULL)
    return;
  if (busy)
    g_application_mark_busy (G_APPLICATION (self));
  else
    g_application_unmark_busy (G_APPLICATION (self));
}

static char *
demo_path (void)
{
  /* Translators: the file name of the demo project */
  g_autofree char *name = g_strconcat (_ ("Demo"), ".rendement", NULL);

  return g_build_filename (g_get_user_data_dir (), "rendement", name, NULL);
}

/* A path next to @path for an earlier demo, not taken yet. */
static char *
aside_path (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  for (guint n = 1;; n++)
    {
      /* Translators: the file name of a demo written by an earlier version */
      g_autofree char *name = n == 1 ? g_strdup (_ ("Demo (earlier version)"))
                                     : g_strdup_printf (_ ("Demo (earlier version %u)"), n);
      g_autofree char *file = g_strconcat (name, ".rendement", NULL);
      char *aside = g_build_filename (dir, file, NULL);

      if (!g_file_test (aside, G_FILE_TEST_EXISTS))
        return aside;
      g_free (aside);
    }
}

/* Moves the demo at @path aside when an earlier version of the generator
 * wrote it (the user may have added to it, so it is kept), setting
 * *@aside to where it went; leaves it, and *@aside NULL, when it is
 * current or is no demo. */
static gboolean
set_aside_if_outdated (const char *path, char **aside, GError **error)
{
  g_autoptr (RdmProject) project = rdm_project_open_for_reading (path, error);
  static const char *const side_files[] = { "", "-wal", "-shm" };
  gboolean outdated = FALSE;

  *aside = NULL;
  if (project == NULL || !rdm_demo_is_outdated (project, RDM_DEMO_DEFAULT_SEED, &outdated, error))
    return FALSE;
  g_clear_object (&project);
  if (!outdated)
    return TRUE;
  *aside = aside_path (path);
  for (guint i = 0; i < G_N_ELEMENTS (side_files); i++)
    {
      g_autofree char *from = g_strconcat (path, side_files[i], NULL);
      g_autofree char *to = g_strconcat (*aside, side_files[i], NULL);

      if ((i == 0 || g_file_test (from, G_FILE_TEST_EXISTS)) && g_rename (from, to) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _ ("Cannot move the earlier demo “%s” aside: %s"), from,
                       g_strerror (saved_errno));
          g_clear_pointer (aside, g_free);
          return FALSE;
        }
    }
  return TRUE;
}

/* Generates the demo in a worker: it writes thousands of rows. A demo
 * already there is opened as it is, unless an earlier version wrote it:
 * then it is moved aside and a new one written; the task returns where
 * the earlier one went, or NULL. A failed generation removes the
 * half-written file. */
static void
demo_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  const char *path = task_data;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *aside = NULL;
  g_autoptr (RdmProject) project = NULL;
  GError *error = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!set_aside_if_outdated (path, &aside, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      if (aside == NULL)
        {
          g_task_return_pointer (task, NULL, NULL);
          return;
        }
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               _ ("Cannot create the folder “%s”: %s"), dir,
                               g_strerror (saved_errno));
      return;
    }
  project = rdm_project_create (path, &error);
  if (project == NULL || !rdm_demo_write (project, RDM_DEMO_DEFAULT_SEED, cancellable, &error))
    {
      if (project != NULL)
        {
          g_autofree char *wal = g_strconcat (path, "-wal", NULL);
          g_autofree char *shm = g_strconcat (path, "-shm", NULL);

          g_clear_object (&project);
          g_unlink (path);
          g_unlink (wal);
          g_unlink (shm);
        }
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&aside), g_free);
}

static void
demo_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RdmApplication *self = RDM_APPLICATION (source);
  g_autofree char *path = g_strdup (g_task_get_task_data (G_TASK (result)));
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *aside = NULL;

  set_busy (self, FALSE);
  g_application_release (G_APPLICATION (self));
  aside = g_task_propagate_pointer (G_TASK (result), &error);
  if (error != NULL)
    {
      RdmWindow *window = window_for_new_project (self);

      gtk_window_present (GTK_WINDOW (window));
      rdm_window_show_toast (window, error->message);
      return;
    }
  rdm_application_open_file (self, file);
  if (aside != NULL)
    {
      g_autofree char *name = g_path_get_basename (aside);
      g_autofree char *message
          = g_strdup_printf (_ ("The demo was written again for this version; the earlier one is "
                                "kept as “%s”"),
                             name);
      GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

      if (RDM_IS_WINDOW (window))
        rdm_window_show_toast (RDM_WINDOW (window), message);
    }
}

static void
demo_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  RdmApplication *self = user_data;
  g_autofree char *path = demo_path ();
  g_autoptr (GTask) task = NULL;

  g_application_hold (G_APPLICATION (self));
  set_busy (self, TRUE);
  task = g_task_new (self, NULL, demo_done_cb, NULL);
  g_task_set_source_tag (task, demo_action);
  g_task_set_task_data (task, g_steal_pointer (&path), g_free);
  g_task_run_in_thread (task, demo_thread);
}

static void
preferences_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  RdmApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *preferences = rdm_preferences_window_new ();

  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  RdmApplication *self = user_data;
  static const char *developers[] = { "The Rendement developers", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about = adw_about_window_new ();

  adw_about_window_set_application_name (ADW_ABOUT_WINDOW (about), _ ("Rendement"));
  adw_about_window_set_application_icon (ADW_ABOUT_WINDOW (about), APPLICATION_ID);
  adw_about_window_set_version (ADW_ABOUT_WINDOW (about), PACKAGE_VERSION);
  adw_about_window_set_developer_name (ADW_ABOUT_WINDOW (about), _ ("The Rendement developers"));
  adw_about_window_set_developers (ADW_ABOUT_WINDOW (about), developers);
  adw_about_window_set_comments (ADW_ABOUT_WINDOW (about),
                                 _ ("A marketing-attribution workbench: import campaign and site "
                                    "data, compare attribution models and chart the return on "
                                    "investment of every channel."));
  adw_about_window_set_license_type (ADW_ABOUT_WINDOW (about), GTK_LICENSE_GPL_3_0);
  adw_about_window_set_copyright (ADW_ABOUT_WINDOW (about), "© 2026 The Rendement developers");
  /* Translators: put your name here, one per line, as "Name <email>" */
  adw_about_window_set_translator_credits (ADW_ABOUT_WINDOW (about), _ ("translator-credits"));
  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_set_application (GTK_WINDOW (about), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (about));
}

static void
shortcuts_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  RdmApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
quit_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  RdmApplication *self = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* closing (not destroying) the windows lets each save its size */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static void
color_scheme_changed_cb (RdmApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme color_scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_strcmp0 (scheme, "light") == 0)
    color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_strcmp0 (scheme, "dark") == 0)
    color_scheme = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), color_scheme);
}

static const GActionEntry app_actions[] = {
  { "new", new_action },
  { "new-window", new_window_action },
  { "open", open_action },
  { "demo", demo_action },
  { "preferences", preferences_action },
  { "about", about_action },
  { "shortcuts", shortcuts_action },
  { "quit", quit_action },
};

static void
rdm_application_startup (GApplication *application)
{
  static const struct
  {
    const char *action;
    const char *accels[2];
  } accels[] = {
    { "app.new", { "<Control>n", NULL } },
    { "app.new-window", { "<Control><Shift>n", NULL } },
    { "app.open", { "<Control>o", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "win.save-as", { "<Control><Shift>s", NULL } },
    { "win.import", { "<Control>i", NULL } },
    { "win.close", { "<Control>w", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };
  RdmApplication *self = RDM_APPLICATION (application);

  G_APPLICATION_CLASS (rdm_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);

  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (color_scheme_changed_cb), self, G_CONNECT_SWAPPED);
  color_scheme_changed_cb (self);
}

static void
rdm_application_activate (GApplication *application)
{
  RdmApplication *self = RDM_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (rdm_window_new (self));
  gtk_window_present (window);
}

static void
rdm_application_open (GApplication *application, GFile **files, int n_files, const char *hint)
{
  RdmApplication *self = RDM_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    rdm_application_open_file (self, files[i]);
}

static void
rdm_application_dispose (GObject *object)
{
  RdmApplication *self = RDM_APPLICATION (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rdm_application_parent_class)->dispose (object);
}

static void
rdm_application_class_init (RdmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = rdm_application_dispose;
  application_class->startup = rdm_application_startup;
  application_class->activate = rdm_application_activate;
  application_class->open = rdm_application_open;
}

static void
rdm_application_init (RdmApplication *self)
{
}

RdmApplication *
rdm_application_new (void)
{
  return g_object_new (RDM_TYPE_APPLICATION, "application-id", APPLICATION_ID, "flags",
                       G_APPLICATION_HANDLES_OPEN, "resource-base-path", "/fr/rendement/Rendement",
                       NULL);
}
