/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every section of the real window on the demo project, at 900×700 and
 * 1600×1000, in English and in French (and at 1280×800 in English): each control the user can act on is
 * on screen or reachable by scrolling, the tables' headers and first
 * column are shown whole, and the first column stays in sight when a
 * table scrolls sideways, numbers are never cut, no label is ellipsized,
 * and the wheel over a table that cannot scroll vertically scrolls the
 * page. Then the same for the Attribution section of a simulated world,
 * whose truth adds a column and a reading. Screenshots of every section go
 * to $RDM_SCREENSHOTS_DIR, named SECTION-WIDTHxHEIGHT-LANG.png (the world's
 * attribution-world-…; see README, "Building by hand").
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rdm-application.h"
#include "rdm-gui-test-util.h"
#include "rdm-test-util.h"
#include "rdm-window-private.h"

static RdmApplication *app;
static char *tmpdir;
static char *demo_path;
static char *world_path;

static const char *const sections[]
    = { "overview", "data",      "attribution", "paths",  "roi",
        "segments", "media-mix", "budget",      "events", "playground" };

typedef struct
{
  const char *lang;   /* "en" or "fr" */
  const char *locale; /* for setlocale() */
  int width;
  int height;
} Layout;

/* 1280×800 in English too: where the Attribution settings must fold */
static const Layout layouts[] = {
  { "en", "en_US.UTF-8", 900, 700 },   { "en", "en_US.UTF-8", 1280, 800 },
  { "en", "en_US.UTF-8", 1600, 1000 }, { "fr", "fr_FR.UTF-8", 900, 700 },
  { "fr", "fr_FR.UTF-8", 1600, 1000 },
};

static gboolean
is_actionable (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_ENTRY (widget)
         || GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_SPIN_BUTTON (widget) || GTK_IS_SWITCH (widget)
         || GTK_IS_CHECK_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget)
         || GTK_IS_COMBO_BOX (widget);
}

static char *
describe (GtkWidget *widget)
{
  const char *text = NULL;
  GtkWidget *parent;

  if (GTK_IS_LABEL (widget))
    text = gtk_label_get_text (GTK_LABEL (widget));
  else if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    text = gtk_button_get_label (GTK_BUTTON (widget));
  else if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)))
    text = gtk_menu_button_get_label (GTK_MENU_BUTTON (widget));
  else if (gtk_widget_get_tooltip_text (widget) != NULL)
    text = gtk_widget_get_tooltip_text (widget);
  if (text == NULL)
    for (parent = gtk_widget_get_parent (widget); parent != NULL && text == NULL;
         parent = gtk_widget_get_parent (parent))
      {
        if (ADW_IS_PREFERENCES_ROW (parent))
          text = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (parent));
        else if (gtk_widget_get_tooltip_text (parent) != NULL)
          text = gtk_widget_get_tooltip_text (parent);
      }
  return g_strdup_printf ("%s “%s”", G_OBJECT_TYPE_NAME (widget), text != NULL ? text : "");
}

static GtkScrolledWindow *
scrolled_ancestor (GtkWidget *widget)
{
  GtkWidget *ancestor
      = gtk_widget_get_ancestor (gtk_widget_get_parent (widget), GTK_TYPE_SCROLLED_WINDOW);

  return ancestor != NULL ? GTK_SCROLLED_WINDOW (ancestor) : NULL;
}

/* Whether a rectangle from @start, @size long (in a scrolled window's
 * coordinates), lies in what the scrolled window can show by scrolling
 * along one axis. */
static gboolean
reachable_along (GtkAdjustment *adjustment,
                 GtkPolicyType policy,
                 gboolean scrolls,
                 double start,
                 double size,
                 double visible)
{
  double content_start = start + gtk_adjustment_get_value (adjustment);

  if (policy == GTK_POLICY_NEVER || policy == GTK_POLICY_EXTERNAL || !scrolls)
    return start >= -1 && start + size <= visible + 1;
  return content_start >= -1 && content_start + size <= gtk_adjustment_get_upper (adjustment) + 1;
}

/* Reachable: inside the window, or inside what its nearest scrolled window
 * can scroll to while that scrolled window is itself reachable. */
static gboolean
is_reachable (GtkWidget *widget, GtkWidget *window)
{
  GtkScrolledWindow *scrolled = scrolled_ancestor (widget);
  graphene_rect_t bounds;

  if (scrolled == NULL)
    {
      if (!gtk_widget_compute_bounds (widget, window, &bounds))
        return FALSE;
      return bounds.origin.x >= -1 && bounds.origin.y >= -1
             && bounds.origin.x + bounds.size.width <= gtk_widget_get_width (window) + 1
             && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (window) + 1;
    }
  else
    {
      GtkPolicyType hpolicy, vpolicy;

      if (!gtk_widget_compute_bounds (widget, GTK_WIDGET (scrolled), &bounds))
        return FALSE;
      gtk_scrolled_window_get_policy (scrolled, &hpolicy, &vpolicy);
      /* a table scrolls sideways, with its first column pinned; a row of
       * controls that does is cut for whoever does not guess it */
      return reachable_along (gtk_scrolled_window_get_hadjustment (scrolled), hpolicy,
                              GTK_IS_COLUMN_VIEW (gtk_scrolled_window_get_child (scrolled)),
                              bounds.origin.x, bounds.size.width,
                              gtk_widget_get_width (GTK_WIDGET (scrolled)))
             && reachable_along (gtk_scrolled_window_get_vadjustment (scrolled), vpolicy, TRUE,
                                 bounds.origin.y, bounds.size.height,
                                 gtk_widget_get_height (GTK_WIDGET (scrolled)))
             && is_reachable (GTK_WIDGET (scrolled), window);
    }
}

static gboolean
is_number (const char *text)
{
  gboolean digit = FALSE;

  for (const char *c = text; *c != '\0'; c = g_utf8_next_char (c))
    {
      gunichar u = g_utf8_get_char (c);

      if (g_unichar_isdigit (u))
        digit = TRUE;
      else if (g_unichar_isalpha (u))
        return FALSE;
    }
  return digit;
}

static void
check_label (GtkLabel *label, gboolean in_table, GString *problems)
{
  GtkWidget *widget = GTK_WIDGET (label);
  const char *text = gtk_label_get_text (label);
  int natural = 0;

  if (text == NULL || *text == '\0')
    return;
  if (pango_layout_is_ellipsized (gtk_label_get_layout (label)))
    {
      g_autofree char *what = describe (widget);

      g_string_append_printf (problems, "  ellipsized: %s\n", what);
      return;
    }
  if (!in_table)
    return;
  if (gtk_widget_get_width (widget) == 0)
    {
      g_autofree char *what = describe (widget);

      g_string_append_printf (problems, "  zero width in a table: %s\n", what);
      return;
    }
  if (is_number (text) && gtk_label_get_wrap (label) == FALSE)
    {
      gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      if (natural > gtk_widget_get_width (widget))
        {
          g_autofree char *what = describe (widget);

          g_string_append_printf (problems, "  number cut (%d < %d px): %s\n",
                                  gtk_widget_get_width (widget), natural, what);
        }
    }
}

/* A table's header labels and its first column, whichever view holds it,
 * must be there: mapped and not empty. */
static void
check_column_view (GtkColumnView *view, GString *problems)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (!gtk_column_view_column_get_visible (column))
        continue;
      for (GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (view)); header != NULL;
           header = gtk_widget_get_next_sibling (header))
        {
          if (g_strcmp0 (gtk_widget_get_css_name (header), "header") != 0)
            continue;
          for (GtkWidget *title = gtk_widget_get_first_child (header); title != NULL;
               title = gtk_widget_get_next_sibling (title))
            {
              GtkWidget *label = title;

              while (label != NULL && !GTK_IS_LABEL (label))
                label = gtk_widget_get_first_child (label);
              if (label == NULL
                  || g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)),
                                gtk_column_view_column_get_title (column))
                         != 0)
                continue;
              if (!gtk_widget_get_mapped (title) || gtk_widget_get_width (title) == 0)
                g_string_append_printf (problems, "  column “%s” not shown\n",
                                        gtk_column_view_column_get_title (column));
            }
        }
    }
}

static void
walk (GtkWidget *widget, GtkWidget *window, gboolean in_table, GString *problems)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;
  /* a popover is checked when it opens */
  if (GTK_IS_POPOVER (widget))
    return;
  if (GTK_IS_COLUMN_VIEW (widget))
    {
      in_table = TRUE;
      check_column_view (GTK_COLUMN_VIEW (widget), problems);
    }
  if (is_actionable (widget) && gtk_widget_get_mapped (widget))
    {
      if (gtk_widget_get_width (widget) <= 0 || gtk_widget_get_height (widget) <= 0)
        {
          g_autofree char *what = describe (widget);

          g_string_append_printf (problems, "  control without size: %s\n", what);
        }
      else if (!is_reachable (widget, window))
        {
          g_autofree char *what = describe (widget);

          g_string_append_printf (problems, "  control out of reach: %s\n", what);
        }
    }
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    check_label (GTK_LABEL (widget), in_table, problems);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk (child, window, in_table, problems);
}

/* A vertical wheel turn over a table that does not scroll vertically
 * moves the page that holds it. */
static void
check_wheel (GtkWidget *widget, GString *problems)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_SCROLLED_WINDOW (widget)
      && GTK_IS_COLUMN_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (widget))))
    {
      GtkScrolledWindow *table = GTK_SCROLLED_WINDOW (widget);
      GtkScrolledWindow *page = scrolled_ancestor (widget);
      GtkPolicyType hpolicy, vpolicy;

      gtk_scrolled_window_get_policy (table, &hpolicy, &vpolicy);
      if (vpolicy == GTK_POLICY_NEVER && page != NULL)
        {
          GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (page);
          double before = gtk_adjustment_get_value (adjustment);
          gboolean can_move
              = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment)
                > before + 1;
          gboolean moved = FALSE;
          GListModel *controllers = gtk_widget_observe_controllers (widget);

          for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
            {
              g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);
              gboolean handled = FALSE;

              if (!GTK_IS_EVENT_CONTROLLER_SCROLL (controller))
                continue;
              g_signal_emit_by_name (controller, "scroll", 0.0, 1.0, &handled);
              if (gtk_adjustment_get_value (adjustment) > before)
                moved = TRUE;
            }
          g_object_unref (controllers);
          gtk_adjustment_set_value (adjustment, before);
          if (can_move && !moved)
            {
              g_autofree char *what = describe (gtk_scrolled_window_get_child (table));

              g_string_append_printf (problems,
                                      "  the wheel over a table does not scroll the "
                                      "page: %s\n",
                                      what);
            }
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_wheel (child, problems);
}

static GtkWidget *
find_label (GtkWidget *widget, const char *text)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A result table (one that never scrolls vertically: the page does)
 * scrolled to its last column still shows its first column's title. */
static void
check_pinned (GtkWidget *widget, GString *problems)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_SCROLLED_WINDOW (widget)
      && GTK_IS_COLUMN_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (widget))))
    {
      GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (widget);
      GtkColumnView *view = GTK_COLUMN_VIEW (gtk_scrolled_window_get_child (scrolled));
      GtkAdjustment *adjustment = gtk_scrolled_window_get_hadjustment (scrolled);
      GListModel *columns = gtk_column_view_get_columns (view);
      GtkPolicyType vpolicy;
      double before = gtk_adjustment_get_value (adjustment);

      gtk_scrolled_window_get_policy (scrolled, NULL, &vpolicy);
      if (vpolicy == GTK_POLICY_NEVER && g_list_model_get_n_items (columns) > 0
          && gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) > 1)
        {
          g_autoptr (GtkColumnViewColumn) first = g_list_model_get_item (columns, 0);
          const char *title = gtk_column_view_column_get_title (first);
          GtkWidget *table = gtk_widget_get_parent (widget);
          GtkWidget *label;
          graphene_rect_t bounds;

          gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment)
                                                    - gtk_adjustment_get_page_size (adjustment));
          rdm_gui_test_settle (table);
          label = find_label (table, title);
          if (label == NULL || !gtk_widget_compute_bounds (label, table, &bounds)
              || bounds.origin.x < 0
              || bounds.origin.x + bounds.size.width > gtk_widget_get_width (table))
            g_string_append_printf (problems, "  column “%s” scrolls out of sight\n", title);
          gtk_adjustment_set_value (adjustment, before);
          rdm_gui_test_settle (table);
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_pinned (child, problems);
}

/* Shows @section of @window and appends what is wrong with it to
 * @problems; the screenshot is named after @shot. */
static void
check_section (RdmWindow *window,
               const Layout *layout,
               const char *section,
               const char *shot,
               GString *problems)
{
  g_autofree char *name
      = g_strdup_printf ("%s-%dx%d-%s", shot, layout->width, layout->height, layout->lang);
  g_autoptr (GString) found = g_string_new (NULL);
  g_autoptr (GdkTexture) screenshot = NULL;

  rdm_window_show_section (window, section);
  rdm_gui_test_settle (GTK_WIDGET (window));
  /* the window keeps the size asked for (less its frame under X11):
   * nothing forces it larger */
  if (gtk_widget_get_width (GTK_WIDGET (window)) > layout->width
      || gtk_widget_get_height (GTK_WIDGET (window)) > layout->height)
    g_string_append_printf (found, "  the window is %d×%d\n",
                            gtk_widget_get_width (GTK_WIDGET (window)),
                            gtk_widget_get_height (GTK_WIDGET (window)));
  walk (GTK_WIDGET (window), GTK_WIDGET (window), FALSE, found);
  check_wheel (GTK_WIDGET (window), found);
  check_pinned (GTK_WIDGET (window), found);
  screenshot = rdm_gui_test_screenshot (GTK_WIDGET (window), name);
  if (found->len > 0)
    g_string_append_printf (problems, "%s:\n%s", name, found->str);
}

static void
test_layout (gconstpointer data)
{
  const Layout *layout = data;
  g_autoptr (GFile) file = g_file_new_for_path (demo_path);
  g_autoptr (GFile) world = g_file_new_for_path (world_path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) problems = g_string_new (NULL);
  RdmWindow *window;

  rdm_gui_test_use_language (layout->locale);
  if (g_str_equal (layout->lang, "fr"))
    g_assert_cmpstr (_ ("Overview"), !=, "Overview");
  window = rdm_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), layout->width, layout->height);
  g_assert_true (rdm_window_open_file (window, file, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    check_section (window, layout, sections[i], sections[i], problems);
  g_assert_true (rdm_window_open_file (window, world, &error));
  g_assert_no_error (error);
  check_section (window, layout, "attribution", "attribution-world", problems);
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_object_unref (window);
  if (problems->len > 0)
    {
      g_auto (GStrv) lines = g_strsplit (problems->str, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        if (*lines[i] != '\0')
          g_test_message ("%s", lines[i]);
      g_test_fail_printf ("layout problems, listed above");
    }
}

static void
write_projects (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  demo_path = rdm_test_copy_demo (tmpdir, "demo.rendement");
  world_path = g_build_filename (tmpdir, "world.rendement", NULL);
  g_assert_cmpint (
      rdm_test_run_cli (&out, &err, "simulate", world_path, "--visitors", "4000", NULL), ==, 0);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      rdm_gui_test_init (&argc, &argv);
      g_test_add_func ("/layout/no-display", rdm_gui_test_no_display);
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
  /* both languages' locales, built in the temporary dir */
  rdm_gui_test_build_languages (tmpdir);
  rdm_gui_test_init (&argc, &argv);
  /* screenshots catch no transition half-way */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  write_projects ();
  app = rdm_application_new ();
  /* no other instance to talk to in a test */
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      g_autofree char *path = g_strdup_printf ("/layout/%s/%dx%d", layouts[i].lang,
                                               layouts[i].width, layouts[i].height);

      g_test_add_data_func (path, &layouts[i], test_layout);
    }

  status = g_test_run ();
  g_clear_object (&app);
  rdm_test_remove_tree (tmpdir);
  g_free (tmpdir);
  g_free (demo_path);
  g_free (world_path);
  return status;
}
