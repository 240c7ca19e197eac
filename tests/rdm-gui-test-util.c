/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "rdm-gui-test-util.h"
#include "rdm-test-util.h"

gboolean
rdm_gui_test_init (int *argc, char ***argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (argc, argv, NULL);
      return FALSE;
    }
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  /* transitions end at once, so that a settled window is a still one */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  return TRUE;
}

static gboolean
shows_spinner (GtkWidget *widget)
{
  if (GTK_IS_SPINNER (widget) && gtk_widget_get_mapped (widget)
      && gtk_spinner_get_spinning (GTK_SPINNER (widget)))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_spinner (child))
      return TRUE;
  return FALSE;
}

static void
set_flag (GdkFrameClock *clock, gpointer flag)
{
  *(gboolean *)flag = TRUE;
}

static void
settle_widget (GtkWidget *widget)
{
  GtkWidget *root;
  gboolean painted;

  while (gtk_widget_get_width (widget) == 0 || !gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);
  root = GTK_WIDGET (gtk_widget_get_root (widget));
  do
    {
      GdkFrameClock *clock;
      gulong handler;

      while (shows_spinner (root))
        g_main_context_iteration (NULL, TRUE);
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      /* what the last events changed, laid out and drawn */
      painted = FALSE;
      clock = gtk_widget_get_frame_clock (root);
      handler = g_signal_connect (clock, "after-paint", G_CALLBACK (set_flag), &painted);
      gtk_widget_queue_draw (root);
      while (!painted)
        g_main_context_iteration (NULL, TRUE);
      g_signal_handler_disconnect (clock, handler);
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
    }
  while (shows_spinner (root));
}

void
rdm_gui_test_settle (GtkWidget *widget)
{
  g_autoptr (GList) windows = NULL;

  if (widget != NULL)
    {
      settle_widget (widget);
      return;
    }
  /* held, since running the main loop may close one */
  windows = gtk_window_list_toplevels ();
  g_list_foreach (windows, (GFunc)g_object_ref, NULL);
  for (GList *l = windows; l != NULL; l = l->next)
    if (gtk_widget_get_mapped (l->data))
      settle_widget (l->data);
  g_list_foreach (windows, (GFunc)g_object_unref, NULL);
}

void
rdm_gui_test_no_display (void)
{
  g_test_skip ("no display: run the GUI tests under xvfb-run (see README)");
}

void
rdm_gui_test_wait (gboolean (*done) (gpointer data), gpointer data)
{
  while (!done (data))
    g_main_context_iteration (NULL, TRUE);
}

GdkTexture *
rdm_gui_test_screenshot (GtkWidget *widget, const char *name)
{
  const char *dir = g_getenv ("RDM_SCREENSHOTS_DIR");
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = 0, height = 0;
  GdkTexture *texture;

  /* a widget has something to paint once its first frame is laid out */
  while (node == NULL)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        g_main_context_iteration (NULL, TRUE);
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (dir != NULL)
    {
      g_autofree char *file_name = g_strconcat (name, ".png", NULL);
      g_autofree char *path = g_build_filename (dir, file_name, NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
      g_assert_true (gdk_texture_save_to_png (texture, path));
    }
  return texture;
}

RdmProjectSession *
rdm_gui_test_set_project (GtkWidget *section, RdmProject *project)
{
  g_autoptr (RdmProjectSession) session = rdm_project_session_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (rdm_project_session_open (session, project, NULL, &error));
  g_assert_no_error (error);
  rdm_section_set_session (RDM_SECTION (section), session);
  return session;
}

GtkWidget *
rdm_gui_test_find_action_button (GtkWidget *root, const char *action_name)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = rdm_gui_test_find_action_button (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
read_text_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  char **text = user_data;
  g_autoptr (GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

char *
rdm_gui_test_click_and_read_clipboard (GtkWidget *button)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (button);
  char *text = NULL;

  /* something else first, so that the text read is the click's */
  gdk_clipboard_set_text (clipboard, "");
  g_signal_emit_by_name (button, "clicked");
  gdk_clipboard_read_text_async (clipboard, NULL, read_text_cb, &text);
  while (text == NULL)
    g_main_context_iteration (NULL, TRUE);
  return text;
}

gboolean
rdm_gui_test_shows_label (GtkWidget *widget, const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (rdm_gui_test_shows_label (child, text))
      return TRUE;
  return FALSE;
}

void
rdm_gui_test_build_languages (const char *tmpdir)
{
  g_autofree char *dir = g_build_filename (tmpdir, "locale", NULL);

  g_mkdir (dir, 0700);
  rdm_test_build_locale (dir, "en_US");
  rdm_test_build_locale (dir, "fr_FR");
  g_setenv ("LOCPATH", dir, TRUE);
}

void
rdm_gui_test_use_language (const char *locale)
{
  const char *catalogs = g_getenv ("RDM_LOCALE_DIR");

  g_assert_nonnull (catalogs);
  g_unsetenv ("LANGUAGE");
  g_setenv ("LC_ALL", locale, TRUE);
  if (setlocale (LC_ALL, locale) == NULL)
    g_error ("the %s locale could not be built with localedef", locale);
  bindtextdomain (GETTEXT_PACKAGE, catalogs);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
