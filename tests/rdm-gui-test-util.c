/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>

#include "rdm-gui-test-util.h"

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
  return TRUE;
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
