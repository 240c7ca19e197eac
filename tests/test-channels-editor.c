/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Channels editor under a display (Xvfb), opened from the real window
 * on a project imported from events-source-medium.csv plus a file naming
 * its channel ("Blog"): a rule added at the top through the form re-labels
 * the Facebook touches and the toast says so; bad rules are refused inline
 * with nothing changed; the Test page follows what is typed; the rule is
 * moved down and removed with its row's buttons; a file-named channel's
 * group is typed and picked, a rule-named one's explained; the Attribution
 * section then credits channel groups by their names. A read-only project
 * is shown, not edited. Screenshots of the three pages at 900×700 and
 * 1280×1024, in English and French, go to $RDM_SCREENSHOTS_DIR.
 */
#define _GNU_SOURCE /* unshare() */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rdm-application.h"
#include "rdm-attribution-page-private.h"
#include "rdm-channel-rules-data.h"
#include "rdm-channels-editor-private.h"
#include "rdm-paths-page-private.h"
#include "rdm-gui-test-util.h"
#include "rdm-import.h"
#include "rdm-project-db.h"
#include "rdm-result-row.h"
#include "rdm-test-util.h"
#include "rdm-window-private.h"

static RdmApplication *app;
static char *tmpdir;

#define sql_int(project, sql) rdm_test_query_int (rdm_project_get_db (project), sql)

/* The project of these tests: GA4's default rules label the event log
 * (see test-channel-rules.c, test_import_by_source_medium: Direct 1, Email
 * 1, Organic Social 1, Paid Search 1, Paid Social 2), and a second file
 * names its channel, Blog, whose visitor converts. */
static char *
make_project_in (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *events
      = g_build_filename (g_getenv ("RDM_TEST_DATA"), "import", "events-source-medium.csv", NULL);
  g_autofree char *blog = rdm_test_write_file (tmpdir, "blog.csv",
                                               "visitor_id,timestamp,type,channel,value\n"
                                               "b1,2026-10-01T10:00:00Z,click,Blog,\n"
                                               "b1,2026-10-02T10:00:00Z,conversion,,40\n");
  g_autoptr (RdmProject) project = NULL;
  g_autoptr (GError) error = NULL;

  g_remove (path);
  project = rdm_project_create (path, &error);
  g_assert_no_error (error);
  g_assert_true (rdm_import_file (project, events, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rdm_import_file (project, blog, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static char *
make_project (const char *name)
{
  return make_project_in (tmpdir, name);
}

static gint64
touches_on (RdmProject *project, const char *channel)
{
  g_autofree char *sql
      = g_strdup_printf ("SELECT count(*) FROM touchpoint t JOIN channel ch ON ch.id ="
                         " t.channel_id WHERE ch.name = '%s'",
                         channel);

  return sql_int (project, sql);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

static RdmWindow *
open_window (const char *path, int width, int height)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  RdmWindow *window = rdm_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  g_assert_true (rdm_window_open_file (window, file, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
close_window (GtkWindow *window)
{
  g_object_ref (window);
  gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_object_unref (window);
}

/* The editor as the primary menu opens it. */
static RdmChannelsEditor *
open_editor (RdmWindow *window, int width, int height)
{
  GtkWindow *editor;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-channels", "s", "rules");
  editor = find_toplevel (RDM_TYPE_CHANNELS_EDITOR);
  g_assert_nonnull (editor);
  g_assert_true (gtk_window_get_transient_for (editor) == GTK_WINDOW (window));
  gtk_window_set_default_size (editor, width, height);
  rdm_gui_test_settle (GTK_WIDGET (editor));
  return RDM_CHANNELS_EDITOR (editor);
}

/* The mapped button under @root that runs @action with @target. */
static GtkWidget *
find_button (GtkWidget *root, const char *action, GVariant *target)
{
  g_autoptr (GVariant) owned = g_variant_ref_sink (target);

  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0
      && gtk_actionable_get_action_target_value (GTK_ACTIONABLE (root)) != NULL
      && g_variant_equal (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (root)), target))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, action, g_variant_ref (owned));

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  rdm_gui_test_settle (NULL);
}

/* The text of the label under @root that starts with @prefix, or NULL. */
static const char *
find_label (GtkWidget *root, const char *prefix)
{
  if (GTK_IS_LABEL (root) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (root)), prefix))
    return gtk_label_get_text (GTK_LABEL (root));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found = find_label (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The rows of a list group, in order: AdwPreferencesRow under @group. */
static void
collect_rows (GtkWidget *widget, GPtrArray *rows)
{
  if (ADW_IS_PREFERENCES_ROW (widget))
    {
      g_ptr_array_add (rows, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

/* The row of @channel on the Channels page. */
static GtkWidget *
list_row (AdwPreferencesGroup *group, const char *title)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (group), rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (g_object_get_data (rows->pdata[i], "rdm-channel"), title) == 0)
      return rows->pdata[i];
  return NULL;
}

static GtkWidget *
nth_row (AdwPreferencesGroup *group, guint n)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (group), rows);
  g_assert_cmpuint (n, <, rows->len);
  return rows->pdata[n];
}

static guint
n_rows (AdwPreferencesGroup *group)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (group), rows);
  return rows->len;
}

static void
type (AdwEntryRow *row, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
shoot_pages (RdmChannelsEditor *editor, const char *size, const char *lang)
{
  static const char *const pages[] = { "rules", "test", "channels" };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *name = g_strdup_printf ("channels-editor-%s-%s-%s", pages[i], size, lang);

      rdm_channels_editor_show_page (editor, pages[i]);
      rdm_gui_test_settle (GTK_WIDGET (editor));
      g_object_unref (rdm_gui_test_screenshot (GTK_WIDGET (editor), name));
    }
}

static void
test_create_destroy (void)
{
  g_autofree char *path = make_project ("create.rendement");
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (path, &error);
  RdmChannelsEditor *editor;

  g_assert_no_error (error);
  editor = rdm_channels_editor_new (project);
  g_object_ref (editor);
  /* GA4's 26 default rules, one row each */
  g_assert_cmpuint (n_rows (editor->rules_group), ==, 26);
  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_finalize_object (editor);
}

static gboolean
attribution_done (gpointer page)
{
  return g_strcmp0 (rdm_section_get_state (RDM_SECTION (page)), "backward") == 0
         && !rdm_section_get_busy (RDM_SECTION (page));
}

/* The first-touch credit of the row labelled @label, or -1 without one. */
static double
first_touch_of (RdmAttributionPage *page, const char *label)
{
  GListModel *rows = _rdm_attribution_page_get_rows (page);
  int column = _rdm_attribution_page_get_model_column (page, RDM_MODEL_FIRST);

  g_assert_cmpint (column, >=, 0);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (RdmResultRow) row = g_list_model_get_item (rows, i);

      if (g_str_equal (rdm_result_row_get_label (row), label))
        return rdm_result_row_get_number (row, (guint)column);
    }
  return -1;
}

static gboolean
has_path (GtkWidget *page, const char *label)
{
  GListModel *rows = _rdm_paths_page_get_rows (RDM_PATHS_PAGE (page));

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (RdmResultRow) row = g_list_model_get_item (rows, i);

      if (g_str_equal (rdm_result_row_get_label (row), label))
        return TRUE;
    }
  return FALSE;
}

static void
test_edit (void)
{
  g_autofree char *path = make_project ("edit.rendement");
  RdmWindow *window = open_window (path, 1280, 900);
  RdmProject *project = rdm_window_get_project (window);
  RdmChannelsEditor *editor = open_editor (window, 900, 700);
  RdmAttributionPage *attribution = RDM_ATTRIBUTION_PAGE (window->attribution_page);
  GtkWidget *row;
  g_autoptr (GError) error = NULL;
  guint n;

  g_assert_cmpstr (adw_view_stack_get_visible_child_name (editor->view_stack), ==, "rules");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor->read_only_label)));

  /* refused: nothing changes, the reason is under the form */
  type (editor->source_row, "*facebook*");
  type (editor->group_row, "Paid Social");
  click (rdm_gui_test_find_action_button (GTK_WIDGET (editor), "channels.add-rule"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor->rule_message)));
  g_assert_cmpstr (gtk_label_get_text (editor->rule_message), ==,
                   "A rule must name the channel it gives");
  g_assert_cmpint (sql_int (project, "SELECT count(*) FROM channel_rule"), ==, 26);
  type (editor->channel_row, "Meta");
  type (editor->source_row, "(facebook");
  gtk_switch_set_active (editor->regex_switch, TRUE);
  click (rdm_gui_test_find_action_button (GTK_WIDGET (editor), "channels.add-rule"));
  g_assert_nonnull (strstr (gtk_label_get_text (editor->rule_message), "(facebook"));
  g_assert_cmpint (sql_int (project, "SELECT count(*) FROM channel_rule"), ==, 26);
  g_assert_cmpint (touches_on (project, "Meta"), ==, 0);
  g_object_unref (rdm_gui_test_screenshot (GTK_WIDGET (editor), "channels-editor-refused"));

  /* first, the glob takes the three Facebook touches (facebook.com
   * referral, m.facebook.com paid_social, Facebook.com CPC): the two
   * Social channels had only those, and go */
  gtk_switch_set_active (editor->regex_switch, FALSE);
  type (editor->source_row, "*facebook*");
  g_assert_cmpuint (adw_combo_row_get_selected (editor->position_row), ==, 0);
  click (rdm_gui_test_find_action_button (GTK_WIDGET (editor), "channels.add-rule"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor->rule_message)));
  g_assert_cmpint (touches_on (project, "Meta"), ==, 3);
  g_assert_cmpint (touches_on (project, "Paid Social"), ==, 0);
  g_assert_cmpint (sql_int (project,
                            "SELECT count(*) FROM channel WHERE name = 'Meta' AND channel_group ="
                            " 'paid_social'"),
                   ==, 1);
  g_assert_cmpstr (find_label (GTK_WIDGET (editor->toast_overlay), "Re-labelled"), ==,
                   "Re-labelled 3 touchpoints; new channel Meta; removed channels Organic Social, "
                   "Paid Social");
  /* the form is empty again, the rule first */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor->source_row)), ==, "");
  g_assert_cmpuint (n_rows (editor->rules_group), ==, 27);
  row = nth_row (editor->rules_group, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Meta (Paid Social)");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "source matches *facebook*, medium matches any, campaign matches any · glob");
  rdm_gui_test_settle (NULL);
  g_object_unref (rdm_gui_test_screenshot (GTK_WIDGET (editor), "channels-editor-added"));

  /* the Test page, as typed */
  rdm_channels_editor_show_page (editor, "test");
  type (editor->test_source_row, "m.facebook.com");
  type (editor->test_medium_row, "paid_social");
  g_assert_cmpstr (gtk_label_get_text (editor->test_result_label), ==,
                   "Meta (Paid Social), by rule 1");
  /* GA4's Paid Search rule was the 5th (test-channel-rules.c removes it
   * as rule 5), one lower now */
  type (editor->test_source_row, "google");
  type (editor->test_medium_row, "cpc");
  g_assert_cmpstr (gtk_label_get_text (editor->test_result_label), ==,
                   "Paid Search (Paid Search), by rule 6");
  type (editor->test_source_row, "acme");
  type (editor->test_medium_row, "print");
  g_assert_cmpstr (gtk_label_get_text (editor->test_result_label), ==,
                   "Unassigned (Other): no rule matches");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor->test_rule_label)));
  rdm_channels_editor_show_page (editor, "rules");
  rdm_gui_test_settle (NULL);

  /* down one: GA4's first rule (cross-network campaigns) matches no
   * Facebook touch, so nothing moves */
  /* the first rule cannot go up */
  g_assert_null (
      find_button (GTK_WIDGET (editor), "channels.move-rule", g_variant_new ("(uu)", 1, 0)));
  click (find_button (GTK_WIDGET (editor), "channels.move-rule", g_variant_new ("(uu)", 1, 2)));
  g_assert_cmpstr (find_label (GTK_WIDGET (editor->toast_overlay), "Nothing"), ==,
                   "Nothing re-labelled");
  g_assert_cmpstr (
      adw_preferences_row_get_title (ADW_PREFERENCES_ROW (nth_row (editor->rules_group, 1))), ==,
      "Meta (Paid Social)");
  g_assert_cmpint (touches_on (project, "Meta"), ==, 3);

  /* removed: the touches go back to GA4's channels */
  click (find_button (GTK_WIDGET (editor), "channels.remove-rule", g_variant_new_uint32 (2)));
  g_assert_cmpint (touches_on (project, "Meta"), ==, 0);
  g_assert_cmpint (touches_on (project, "Paid Social"), ==, 2);
  g_assert_cmpint (touches_on (project, "Organic Social"), ==, 1);
  g_assert_cmpuint (n_rows (editor->rules_group), ==, 26);
  g_assert_nonnull (
      find_label (GTK_WIDGET (editor->toast_overlay), "Re-labelled 3 touchpoints; new channels "));

  /* Channels: a rule's channel says why it cannot be changed here */
  rdm_channels_editor_show_page (editor, "channels");
  rdm_gui_test_settle (NULL);
  row = list_row (editor->channels_group, "Email");
  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_cmpstr (
      adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
      "Email · Channel rule 19 names “Email” and gives it its group: change the rule’s group "
      "instead");
  /* Blog, named by its file: its group typed, then picked */
  row = list_row (editor->channels_group, "Blog");
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Group of “Blog”");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Other");
  type (ADW_ENTRY_ROW (row), "   ");
  g_signal_emit_by_name (row, "apply");
  g_assert_true (gtk_widget_get_visible (editor->channel_message_group));
  g_assert_cmpstr (gtk_label_get_text (editor->channel_message), ==,
                   "Type a group for “Blog”, or pick a known one");
  type (ADW_ENTRY_ROW (row), "Owned media");
  g_signal_emit_by_name (row, "apply");
  g_assert_false (gtk_widget_get_visible (editor->channel_message_group));
  g_assert_cmpint (
      sql_int (
          project,
          "SELECT count(*) FROM channel WHERE name = 'Blog' AND channel_group = 'Owned media'"),
      ==, 1);
  g_assert_cmpstr (find_label (GTK_WIDGET (editor->toast_overlay), "“Blog”"), ==,
                   "“Blog” is now in Owned media");
  /* the menu item of Paid Social, as the row's menu button offers it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "channels.set-group", "(ss)",
                                             "Blog", "paid_social"));
  rdm_gui_test_settle (NULL);
  g_assert_cmpint (
      sql_int (
          project,
          "SELECT count(*) FROM channel WHERE name = 'Blog' AND channel_group = 'paid_social'"),
      ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (list_row (editor->channels_group, "Blog"))),
                   ==, "Paid Social");
  /* a rule's channel refused through the data layer too, unchanged */
  g_assert_false (rdm_channels_editor_set_channel_group (editor, "Email", "Owned", &error));
  g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (sql_int (project,
                            "SELECT count(*) FROM channel WHERE name = 'Email' AND channel_group ="
                            " 'email'"),
                   ==, 1);

  /* the Attribution section by channel group: Blog's conversion and the
   * two Paid Social touches' make one "Paid Social" row */
  gtk_window_destroy (GTK_WINDOW (editor));
  rdm_window_show_section (window, "attribution");
  n = _rdm_attribution_page_get_n_results (attribution);
  g_object_set (rdm_window_get_analysis_settings (window), "level", (guint)RDM_LEVEL_GROUP, NULL);
  while (_rdm_attribution_page_get_n_results (attribution) <= n)
    g_main_context_iteration (NULL, TRUE);
  rdm_gui_test_wait (attribution_done, attribution);
  /* first touches: v1 google/cpc (Paid Search), v2 m.facebook.com
   * (Paid Social), v3 newsletter (Email), b1 Blog (now Paid Social) */
  g_assert_cmpfloat (first_touch_of (attribution, "Paid Social"), ==, 2);
  g_assert_cmpfloat (first_touch_of (attribution, "Paid Search"), ==, 1);
  g_assert_cmpfloat (first_touch_of (attribution, "Email"), ==, 1);
  g_assert_cmpfloat (first_touch_of (attribution, "paid_social"), ==, -1);
  g_assert_cmpfloat (first_touch_of (attribution, "Blog"), ==, -1);
  rdm_gui_test_settle (NULL);
  g_object_unref (rdm_gui_test_screenshot (GTK_WIDGET (window), "channels-attribution-by-group"));

  /* Paths, at the same level: v2's journey and v3's, by group name */
  rdm_window_show_section (window, "paths");
  while (_rdm_paths_page_get_n_results (RDM_PATHS_PAGE (window->paths_page)) == 0
         || rdm_section_get_busy (RDM_SECTION (window->paths_page)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (has_path (window->paths_page, "Paid Social → Direct"));
  g_assert_true (has_path (window->paths_page, "Email → Paid Social"));
  g_assert_true (has_path (window->paths_page, "Paid Social"));
  rdm_gui_test_settle (NULL);
  g_object_unref (rdm_gui_test_screenshot (GTK_WIDGET (window), "channels-paths-by-group"));

  /* the Data section's Channels card opens the editor on its channels */
  rdm_window_show_section (window, "data");
  rdm_gui_test_settle (NULL);
  click (rdm_gui_test_find_action_button (window->data_page, "win.edit-channels"));
  editor = RDM_CHANNELS_EDITOR (find_toplevel (RDM_TYPE_CHANNELS_EDITOR));
  g_assert_nonnull (editor);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (editor->view_stack), ==, "channels");
  gtk_window_destroy (GTK_WINDOW (editor));

  close_window (GTK_WINDOW (window));
}

/* Whether this process may make a mount namespace of its own, where a
 * tmpfs can be read-only without touching the system (as in
 * test-project.c). */
static gboolean
can_mount_privately (const char *dir)
{
  int status = 0;
  pid_t pid = fork ();

  if (pid == 0)
    _exit (unshare (CLONE_NEWNS) == 0 && mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0
                   && mount ("tmpfs", dir, "tmpfs", 0, "size=64k") == 0
               ? 0
               : 1);
  return pid > 0 && waitpid (pid, &status, 0) == pid && WIFEXITED (status)
         && WEXITSTATUS (status) == 0;
}

/* In a subprocess: the project on a tmpfs remounted read-only, which
 * even root cannot write. */
static void
test_read_only_subprocess (void)
{
  const char *dir = g_getenv ("RDM_TEST_MOUNT");
  g_autofree char *path = NULL;
  RdmWindow *window;
  RdmChannelsEditor *editor;

  g_assert_cmpint (unshare (CLONE_NEWNS), ==, 0);
  g_assert_cmpint (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL), ==, 0);
  g_assert_cmpint (mount ("tmpfs", dir, "tmpfs", 0, "size=4m"), ==, 0);
  path = make_project_in (dir, "read-only.rendement");
  g_assert_cmpint (mount (NULL, dir, NULL, MS_REMOUNT | MS_RDONLY, NULL), ==, 0);

  window = open_window (path, 1280, 900);
  g_assert_true (rdm_project_is_read_only (rdm_window_get_project (window)));
  editor = open_editor (window, 900, 700);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor->read_only_label)));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (editor->rule_form)));
  g_assert_false (gtk_widget_is_sensitive (
      find_button (GTK_WIDGET (editor), "channels.remove-rule", g_variant_new_uint32 (1))));
  g_assert_false (gtk_widget_is_sensitive (editor->add_button));
  rdm_channels_editor_show_page (editor, "channels");
  rdm_gui_test_settle (NULL);
  /* every channel shown with its group, none editable */
  g_assert_true (ADW_IS_ACTION_ROW (list_row (editor->channels_group, "Blog")));
  g_assert_cmpstr (
      adw_action_row_get_subtitle (ADW_ACTION_ROW (list_row (editor->channels_group, "Blog"))), ==,
      "Other");
  g_object_unref (rdm_gui_test_screenshot (GTK_WIDGET (editor), "channels-editor-read-only"));
  gtk_window_destroy (GTK_WINDOW (editor));
  close_window (GTK_WINDOW (window));
}

static void
test_read_only (void)
{
  g_autofree char *dir = g_build_filename (tmpdir, "medium", NULL);

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  if (!can_mount_privately (dir))
    {
      g_test_skip ("cannot mount a tmpfs in a mount namespace of this process's own");
      return;
    }
  g_setenv ("RDM_TEST_MOUNT", dir, TRUE);
  g_test_trap_subprocess ("/channels-editor/read-only/subprocess", 0,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* The three pages at 900×700 and 1280×1024, with an added rule and the
 * Test page filled in. */
static void
test_screenshots (gconstpointer data)
{
  const char *lang = data;
  g_autofree char *name = g_strdup_printf ("shots-%s.rendement", lang);
  g_autofree char *path = make_project (name);
  static const struct
  {
    int width, height;
    const char *name;
  } sizes[] = { { 900, 700, "900x700" }, { 1280, 1024, "1280x1024" } };

  rdm_gui_test_use_language (g_str_equal (lang, "fr") ? "fr_FR.UTF-8" : "en_US.UTF-8");
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      RdmWindow *window = open_window (path, 1280, 900);
      RdmChannelsEditor *editor = open_editor (window, sizes[s].width, sizes[s].height);

      if (s == 0)
        {
          type (editor->source_row, "*facebook*");
          type (editor->channel_row, "Meta");
          type (editor->group_row, _ ("Paid Social"));
          click (rdm_gui_test_find_action_button (GTK_WIDGET (editor), "channels.add-rule"));
        }
      type (editor->test_source_row, "google");
      type (editor->test_medium_row, "cpc");
      type (editor->test_campaign_row, "Brand");
      /* the form filled in, to see its rows with text */
      type (editor->source_row, "newsletter*");
      type (editor->medium_row, "email");
      type (editor->channel_row, "Newsletter");
      type (editor->group_row, _ ("Email"));
      shoot_pages (editor, sizes[s].name, lang);
      gtk_window_destroy (GTK_WINDOW (editor));
      close_window (GTK_WINDOW (window));
    }
  rdm_gui_test_use_language ("en_US.UTF-8");
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      rdm_gui_test_init (&argc, &argv);
      g_test_add_func ("/channels-editor/no-display", rdm_gui_test_no_display);
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
  rdm_gui_test_build_languages (tmpdir);
  rdm_gui_test_use_language ("en_US.UTF-8");
  rdm_gui_test_init (&argc, &argv);

  app = rdm_application_new ();
  /* no other instance to talk to in a test */
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/channels-editor/create-destroy", test_create_destroy);
  g_test_add_func ("/channels-editor/edit", test_edit);
  g_test_add_func ("/channels-editor/read-only", test_read_only);
  g_test_add_func ("/channels-editor/read-only/subprocess", test_read_only_subprocess);
  g_test_add_data_func ("/channels-editor/screenshots/en", "en", test_screenshots);
  g_test_add_data_func ("/channels-editor/screenshots/fr", "fr", test_screenshots);

  status = g_test_run ();
  g_clear_object (&app);
  rdm_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
