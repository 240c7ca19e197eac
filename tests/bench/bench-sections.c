/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Memory of one open project, against SPEC.md "Budgets": one copy of the
 * events in memory per open project, shared by all sections, under 48
 * bytes per touchpoint. Opens PROJECT in the real window, then shows
 * every section in turn and waits until it has finished computing and
 * drawn, printing the resident set size (VmRSS) before the project is
 * opened, after it is opened, and after each section; and how many times
 * the events were read.
 *
 * Usage (needs a display, e.g. under xvfb-run):
 *   ninja -C build tests/bench/bench-sections
 *   xvfb-run -a build/tests/bench/bench-sections PROJECT
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "rdm-application.h"
#include "rdm-gui-test-util.h"
#include "rdm-project-data.h"
#include "rdm-window-private.h"

static const char *const sections[]
    = { "overview", "data", "attribution", "paths", "roi", "segments" };

static double
rss_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? g_ascii_strtod (line + strlen ("VmRSS:"), NULL) / 1024.0 : -1;
}

static gboolean
sections_idle (gpointer data)
{
  RdmWindow *window = data;

  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (window->section_stack));
       page != NULL; page = gtk_widget_get_next_sibling (page))
    if (RDM_IS_SECTION (page) && rdm_section_get_busy (RDM_SECTION (page)))
      return FALSE;
  return TRUE;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (RdmApplication) app = NULL;
  g_autoptr (RdmProject) project = NULL;
  RdmProjectInfo info;
  RdmWindow *window;
  double before, opened, after = 0;

  setlocale (LC_ALL, "");
  if (argc != 2)
    {
      g_printerr ("usage: %s PROJECT\n", argv[0]);
      return 2;
    }
  project = rdm_project_open_for_reading (argv[1], &error);
  if (project == NULL || !rdm_project_get_info (project, &info, &error))
    {
      g_printerr ("bench-sections: %s\n", error->message);
      return 1;
    }
  g_clear_object (&project);
  if (!rdm_gui_test_init (&argc, &argv))
    {
      g_printerr ("bench-sections: no display (run it under xvfb-run)\n");
      return 1;
    }

  app = rdm_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("bench-sections: %s\n", error->message);
      return 1;
    }
  window = rdm_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  gtk_window_present (GTK_WINDOW (window));
  rdm_gui_test_settle (GTK_WIDGET (window));
  before = rss_mib ();

  file = g_file_new_for_path (argv[1]);
  if (!rdm_window_open_file (window, file, &error))
    {
      g_printerr ("bench-sections: %s\n", error->message);
      return 1;
    }
  rdm_gui_test_wait (sections_idle, window);
  rdm_gui_test_settle (GTK_WIDGET (window));
  opened = rss_mib ();
  g_print ("touchpoints %" G_GINT64_FORMAT ", conversions %" G_GINT64_FORMAT "\n", info.touchpoints,
           info.conversions);
  g_print ("%-12s %8.1f MiB\n", "window", before);
  g_print ("%-12s %8.1f MiB\n", "opened", opened);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      rdm_window_show_section (window, sections[i]);
      rdm_gui_test_wait (sections_idle, window);
      rdm_gui_test_settle (GTK_WIDGET (window));
      after = rss_mib ();
      g_print ("%-12s %8.1f MiB\n", sections[i], after);
    }
  g_print ("events read %u time(s); %.1f bytes per touchpoint over the empty window\n",
           _rdm_project_data_get_n_event_loads (),
           info.touchpoints > 0 ? (after - before) * 1048576.0 / info.touchpoints : 0.0);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
