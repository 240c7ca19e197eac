/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Events section under a display (Xvfb), on the demo project (its
 * e-reputation incident takes 12 orders a day away; its brand-awareness
 * survey follows social engagement three weeks later): the section lists
 * the events, measures the incident's impact on the orders with the
 * numbers of rdm_project_measure_impact() (what "rendement-cli impact"
 * prints) and the planted drop inside the interval, and mirrors
 * engagement against awareness with rdm_project_mirror()'s numbers (the
 * planted three-week lag); a misspelt series says why in its own place and
 * leaves the other result shown; a project without events says how to add
 * one. Screenshots at 900×700 and 1280×1024, in English and French, go to
 * $RDM_SCREENSHOTS_DIR.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "rdm-chart-private.h"
#include "rdm-demo.h"
#include "rdm-events-page.h"
#include "rdm-gui-test-util.h"
#include "rdm-test-util.h"

#define SOCIAL "engagements[group=\"social\"]"
#define AWARENESS "series[\"brand_awareness\"]"

static char *tmpdir;

/* The demo's e-reputation incident, by its kind. */
static char *
incident_label (RdmProject *project)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) events = rdm_project_list_events (project, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    {
      const RdmDatedEvent *event = g_ptr_array_index (events, i);

      if (g_str_equal (event->kind, "incident"))
        return g_strdup (event->label);
    }
  g_error ("the demo has no incident");
}

static char *
copy_demo (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr (GFile) source = g_file_new_for_path (g_getenv ("RDM_DEMO_PROJECT"));
  g_autoptr (GFile) target = g_file_new_for_path (path);

  g_assert_true (g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static gboolean
section_done (gpointer section)
{
  const char *state = rdm_section_get_state (RDM_SECTION (section));

  return !rdm_section_get_busy (RDM_SECTION (section))
         && (g_strcmp0 (state, "report") == 0 || g_strcmp0 (state, "error") == 0);
}

typedef struct
{
  GtkWindow *window;
  RdmEventsPage *page;
  RdmProjectSession *session;
} Shown;

static void
show_section (Shown *shown, RdmProject *project, int width, int height)
{
  shown->window = GTK_WINDOW (gtk_window_new ());
  shown->page = RDM_EVENTS_PAGE (rdm_events_page_new ());
  gtk_window_set_child (shown->window, GTK_WIDGET (shown->page));
  gtk_window_set_default_size (shown->window, width, height);
  shown->session = rdm_gui_test_set_project (GTK_WIDGET (shown->page), project);
  gtk_window_present (shown->window);
  rdm_gui_test_wait (section_done, shown->page);
  rdm_gui_test_settle (GTK_WIDGET (shown->window));
}

static void
click (Shown *shown, const char *action)
{
  g_signal_emit_by_name (rdm_gui_test_find_action_button (GTK_WIDGET (shown->page), action),
                         "clicked");
  g_assert_true (rdm_section_get_busy (RDM_SECTION (shown->page)));
  rdm_gui_test_wait (section_done, shown->page);
  rdm_gui_test_settle (GTK_WIDGET (shown->window));
}

static void
select_event (Shown *shown, const char *label)
{
  GListModel *labels = gtk_drop_down_get_model (_rdm_events_page_get_event_dropdown (shown->page));

  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      g_autoptr (GtkStringObject) item = g_list_model_get_item (labels, i);

      if (g_str_equal (gtk_string_object_get_string (item), label))
        {
          gtk_drop_down_set_selected (_rdm_events_page_get_event_dropdown (shown->page), i);
          return;
        }
    }
  g_error ("no event “%s” in the drop-down", label);
}

/* A person sets up the mirror the way the README's example does. */
static void
mirror_social_awareness (Shown *shown)
{
  gtk_editable_set_text (_rdm_events_page_get_mirror_series (shown->page, FALSE), SOCIAL);
  gtk_editable_set_text (_rdm_events_page_get_mirror_series (shown->page, TRUE), AWARENESS);
  gtk_drop_down_set_selected (_rdm_events_page_get_period_dropdown (shown->page),
                              RDM_MIRROR_BY_WEEK);
  click (shown, "events.mirror");
}

static void
test_demo (void)
{
  g_autofree char *path = copy_demo ("demo.rendement");
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (path, &error);
  g_autoptr (GPtrArray) events = NULL;
  Shown shown;

  g_assert_no_error (error);
  g_autofree char *incident = incident_label (project);

  events = rdm_project_list_events (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, >=, 1);
  show_section (&shown, project, 1280, 1024);
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (shown.page)), ==, "report");
  g_assert_true (rdm_gui_test_shows_label (GTK_WIDGET (shown.page), incident));

  /* it opens on its first event's impact on conversions */
  const RdmDatedEvent *first = g_ptr_array_index (events, 0);
  g_autoptr (GtkStringObject) chosen = NULL;

  g_assert_nonnull (_rdm_events_page_get_impact (shown.page));
  g_assert_cmpstr (_rdm_events_page_get_impact (shown.page)->event->label, ==, first->label);
  chosen = g_object_ref (
      gtk_drop_down_get_selected_item (_rdm_events_page_get_event_dropdown (shown.page)));
  g_assert_cmpstr (gtk_string_object_get_string (chosen), ==, first->label);

  /* the impact: the section's numbers are the data function's */
  select_event (&shown, incident);
  gtk_editable_set_text (_rdm_events_page_get_impact_series (shown.page), "conversions");
  click (&shown, "events.measure");
  const RdmImpactResult *shown_impact = _rdm_events_page_get_impact (shown.page);
  g_autoptr (RdmImpactResult) impact = rdm_project_measure_impact (
      project, incident, "conversions", RDM_IMPACT_DEFAULT_DAYS_BEFORE,
      RDM_IMPACT_DEFAULT_DAYS_AFTER, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (shown_impact);
  g_assert_cmpfloat (shown_impact->impact.level_change.estimate, ==,
                     impact->impact.level_change.estimate);
  g_assert_cmpfloat (shown_impact->impact.level_change.ci_low, ==,
                     impact->impact.level_change.ci_low);
  g_assert_cmpfloat (shown_impact->impact.level_change.ci_high, ==,
                     impact->impact.level_change.ci_high);
  g_assert_cmpfloat (impact->impact.level_change.ci_low, <=, -RDM_DEMO_INCIDENT_DROP);
  g_assert_cmpfloat (impact->impact.level_change.ci_high, >=, -RDM_DEMO_INCIDENT_DROP);
  g_test_message ("%s", _rdm_events_page_get_impact_text (shown.page));
  g_assert_nonnull (strstr (_rdm_events_page_get_impact_text (shown.page), incident));
  RdmChart *chart = rdm_chart_view_get_chart (_rdm_events_page_get_impact_chart (shown.page));
  g_assert_nonnull (chart);
  g_assert_cmpuint (rdm_chart_get_n_series (chart), ==, 2);
  g_assert_cmpuint (rdm_chart_get_n_spans (chart), ==, 1);

  /* the mirror: the planted three weeks */
  mirror_social_awareness (&shown);
  const RdmMirrorResult *shown_mirror = _rdm_events_page_get_mirror (shown.page);
  RdmMirrorRequest request = RDM_MIRROR_REQUEST_INIT;

  request.series_a = SOCIAL;
  request.series_b = AWARENESS;
  g_autoptr (RdmMirrorResult) mirror = rdm_project_mirror (project, &request, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (shown_mirror);
  g_assert_cmpint (shown_mirror->mirror.best_lag, ==, RDM_DEMO_SURVEY_LAG_WEEKS);
  g_assert_cmpint (shown_mirror->mirror.best_lag, ==, mirror->mirror.best_lag);
  g_assert_cmpint (shown_mirror->mirror.best_lag_ci_low, ==, mirror->mirror.best_lag_ci_low);
  g_assert_cmpint (shown_mirror->mirror.best_lag_ci_high, ==, mirror->mirror.best_lag_ci_high);
  g_assert_cmpfloat (shown_mirror->mirror.best_r, ==, mirror->mirror.best_r);
  g_test_message ("%s", _rdm_events_page_get_mirror_text (shown.page));
  g_assert_nonnull (strstr (_rdm_events_page_get_mirror_text (shown.page), "3 weeks before"));
  chart = rdm_chart_view_get_chart (_rdm_events_page_get_lags_chart (shown.page));
  g_assert_nonnull (chart);
  g_assert_cmpuint (rdm_chart_get_n_series (chart), ==, 1);
  chart = rdm_chart_view_get_chart (_rdm_events_page_get_overlay_chart (shown.page));
  g_assert_nonnull (chart);
  g_assert_cmpuint (rdm_chart_get_n_series (chart), ==, 3);
  g_assert_cmpuint (rdm_chart_get_n_spans (chart), ==, events->len);

  /* a misspelt series: its message in its place, the impact still shown */
  gtk_editable_set_text (_rdm_events_page_get_mirror_series (shown.page, TRUE),
                         "series[\"brand_awarenes\"]");
  click (&shown, "events.mirror");
  g_test_message ("%s", _rdm_events_page_get_mirror_text (shown.page));
  g_assert_nonnull (strstr (_rdm_events_page_get_mirror_text (shown.page), "brand_awarenes"));
  g_assert_null (_rdm_events_page_get_mirror (shown.page));
  g_assert_null (rdm_chart_view_get_chart (_rdm_events_page_get_overlay_chart (shown.page)));
  g_assert_nonnull (_rdm_events_page_get_impact (shown.page));
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (shown.page)), ==, "report");

  /* engagement against the orders: no lag whose r is clear of 0, and the
   * sentence does not claim one */
  gtk_editable_set_text (_rdm_events_page_get_mirror_series (shown.page, FALSE), "engagements");
  gtk_editable_set_text (_rdm_events_page_get_mirror_series (shown.page, TRUE), "conversions");
  click (&shown, "events.mirror");
  shown_mirror = _rdm_events_page_get_mirror (shown.page);
  g_assert_nonnull (shown_mirror);
  for (guint i = 0; i < shown_mirror->mirror.lags->len; i++)
    {
      const RdmMirrorLag *lag = &g_array_index (shown_mirror->mirror.lags, RdmMirrorLag, i);

      if (lag->lag == shown_mirror->mirror.best_lag)
        g_assert_true (lag->ci_low <= 0.0 && lag->ci_high >= 0.0);
    }
  g_test_message ("%s", _rdm_events_page_get_mirror_text (shown.page));
  g_assert_nonnull (strstr (_rdm_events_page_get_mirror_text (shown.page), "no clear relation"));
  gtk_window_destroy (shown.window);
}

/* The button of @page that runs @action for @target. */
static GtkWidget *
find_target_button (GtkWidget *widget, const char *action, const char *target)
{
  if (GTK_IS_BUTTON (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    {
      GVariant *value = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));

      if (value != NULL && g_str_equal (g_variant_get_string (value, NULL), target))
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_target_button (child, action, target);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkEditable *
form_entry (Shown *shown, const char *field)
{
  return _rdm_events_page_get_form_entry (shown->page, field);
}

/* A person adds an event from the form and removes it with its row's
 * button; what the form cannot take is said beside it and changes
 * nothing. */
static void
test_add_remove (void)
{
  g_autofree char *path = copy_demo ("edited.rendement");
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (path, &error);
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (RdmDatedEvent) added = NULL;
  Shown shown;

  g_assert_no_error (error);
  before = rdm_project_list_events (project, &error);
  g_assert_no_error (error);
  show_section (&shown, project, 1280, 1024);

  /* a date that does not exist */
  gtk_editable_set_text (form_entry (&shown, "label"), "Spring launch");
  gtk_editable_set_text (form_entry (&shown, "start"), "2026-02-30");
  g_signal_emit_by_name (rdm_gui_test_find_action_button (GTK_WIDGET (shown.page), "events.add"),
                         "clicked");
  g_assert_nonnull (strstr (_rdm_events_page_get_event_message (shown.page), "“2026-02-30”"));
  g_assert_false (rdm_section_get_busy (RDM_SECTION (shown.page)));

  /* then right, as a launch over a week */
  gtk_editable_set_text (form_entry (&shown, "start"), "2026-03-02");
  gtk_editable_set_text (form_entry (&shown, "end"), "2026-03-08");
  /* "other" unless told, as "rendement-cli event add" */
  g_assert_cmpuint (gtk_drop_down_get_selected (_rdm_events_page_get_kind_dropdown (shown.page)),
                    ==, 4);
  gtk_drop_down_set_selected (_rdm_events_page_get_kind_dropdown (shown.page), 1);
  click (&shown, "events.add");
  added = rdm_project_find_event (project, "Spring launch", &error);
  g_assert_no_error (error);
  g_assert_cmpint (added->start_day, ==, G_GINT64_CONSTANT (1772409600));
  g_assert_cmpint (added->end_day, ==, G_GINT64_CONSTANT (1772409600) + 6 * 86400);
  g_assert_cmpstr (added->kind, ==, "launch");
  g_assert_true (rdm_gui_test_shows_label (GTK_WIDGET (shown.page), "Spring launch"));
  g_assert_cmpstr (_rdm_events_page_get_event_message (shown.page), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (form_entry (&shown, "label")), ==, "");

  /* measured, then another event added: the one chosen stays chosen */
  select_event (&shown, "Spring launch");
  click (&shown, "events.measure");
  g_assert_cmpstr (_rdm_events_page_get_impact (shown.page)->event->label, ==, "Spring launch");
  gtk_editable_set_text (form_entry (&shown, "label"), "Press day");
  gtk_editable_set_text (form_entry (&shown, "start"), "15/04/2026");
  click (&shown, "events.add");
  g_assert_cmpstr (_rdm_events_page_get_impact (shown.page)->event->label, ==, "Spring launch");
  g_assert_cmpstr (
      gtk_string_object_get_string (GTK_STRING_OBJECT (
          gtk_drop_down_get_selected_item (_rdm_events_page_get_event_dropdown (shown.page)))),
      ==, "Spring launch");
  g_autoptr (RdmDatedEvent) press_day = rdm_project_find_event (project, "Press day", &error);
  g_assert_no_error (error);
  g_assert_cmpint (press_day->start_day, ==, G_GINT64_CONSTANT (1776211200));
  g_assert_cmpint (press_day->end_day, ==, press_day->start_day);
  g_assert_cmpstr (press_day->kind, ==, "other");

  /* a year alone is not a date */
  gtk_editable_set_text (form_entry (&shown, "label"), "Year");
  gtk_editable_set_text (form_entry (&shown, "start"), "2026");
  g_signal_emit_by_name (rdm_gui_test_find_action_button (GTK_WIDGET (shown.page), "events.add"),
                         "clicked");
  g_assert_nonnull (strstr (_rdm_events_page_get_event_message (shown.page), "“2026”"));
  gtk_editable_set_text (form_entry (&shown, "start"), "-2026");
  g_signal_emit_by_name (rdm_gui_test_find_action_button (GTK_WIDGET (shown.page), "events.add"),
                         "clicked");
  g_assert_nonnull (strstr (_rdm_events_page_get_event_message (shown.page), "“-2026”"));

  /* the same label again: the project's refusal, nothing added */
  gtk_editable_set_text (form_entry (&shown, "label"), "Spring launch");
  gtk_editable_set_text (form_entry (&shown, "start"), "2026-04-01");
  g_signal_emit_by_name (rdm_gui_test_find_action_button (GTK_WIDGET (shown.page), "events.add"),
                         "clicked");
  g_test_message ("%s", _rdm_events_page_get_event_message (shown.page));
  g_assert_nonnull (strstr (_rdm_events_page_get_event_message (shown.page), "Spring launch"));
  g_autoptr (GPtrArray) after_refusal = rdm_project_list_events (project, &error);
  g_assert_cmpuint (after_refusal->len, ==, before->len + 2);

  /* removed with its row's button */
  GtkWidget *remove
      = find_target_button (GTK_WIDGET (shown.page), "events.remove", "Spring launch");
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  rdm_gui_test_wait (section_done, shown.page);
  rdm_gui_test_settle (GTK_WIDGET (shown.window));
  g_autoptr (GPtrArray) after = rdm_project_list_events (project, &error);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  g_assert_false (rdm_gui_test_shows_label (GTK_WIDGET (shown.page), "Spring launch"));
  gtk_window_destroy (shown.window);
}

/* A project without events says how to add one and measures nothing. */
static void
test_no_events (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "empty.rendement", NULL);
  g_autoptr (RdmProject) project = rdm_project_create (path, &error);
  Shown shown;

  g_assert_no_error (error);
  show_section (&shown, project, 900, 700);
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (shown.page)), ==, "report");
  g_assert_true (rdm_gui_test_shows_label (GTK_WIDGET (shown.page), "No events yet"));
  g_assert_null (_rdm_events_page_get_impact (shown.page));
  g_assert_cmpuint (g_list_model_get_n_items (
                        gtk_drop_down_get_model (_rdm_events_page_get_event_dropdown (shown.page))),
                    ==, 0);
  gtk_window_destroy (shown.window);
}

/* The widget in @root that shows @text and can be clicked: a menu item. */
static GtkWidget *
find_clickable_with_label (GtkWidget *root, const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_signal_lookup ("clicked", G_OBJECT_TYPE (child)) != 0
          && rdm_gui_test_shows_label (child, text))
        return child;
      found = find_clickable_with_label (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A person who does not know the formulas opens the menu beside a series
 * and clicks one of the project's: its formula fills the entry and the
 * section measures it. The menus hold the demo's series by kind, and only
 * the KPIs a day can measure. */
static void
test_pick_series (void)
{
  g_autofree char *path = copy_demo ("pick.rendement");
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (path, &error);
  Shown shown;

  g_assert_no_error (error);
  show_section (&shown, project, 900, 700);
  GtkMenuButton *against = _rdm_events_page_get_mirror_series_menu (shown.page, TRUE);

  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (against)));
  gtk_menu_button_popup (against);
  rdm_gui_test_settle (GTK_WIDGET (shown.window));
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (against));

  g_assert_true (gtk_widget_get_visible (popover));
  for (guint i = 0; i < 2; i++)
    {
      /* the section titles, then one item of each kind */
      static const char *const shown_labels[] = { "Outcomes",
                                                  "Surveys and other series",
                                                  "Engagements",
                                                  "Costs",
                                                  "KPIs",
                                                  "Conversions",
                                                  "brand_awareness",
                                                  "Engagements in Social",
                                                  "Cost of Facebook",
                                                  "Grow online sales: Social ROAS" };

      for (guint l = i * 5; l < (i + 1) * 5; l++)
        g_assert_true (rdm_gui_test_shows_label (popover, shown_labels[l]));
    }
  /* sum() and growth() read months: not a daily series */
  g_assert_false (
      rdm_gui_test_shows_label (popover, "Reduce support calls: Call deflection savings"));
  g_assert_false (rdm_gui_test_shows_label (popover, "Build brand awareness: Followers growth"));

  gtk_editable_set_text (_rdm_events_page_get_mirror_series (shown.page, FALSE), SOCIAL);
  gtk_drop_down_set_selected (_rdm_events_page_get_period_dropdown (shown.page),
                              RDM_MIRROR_BY_WEEK);
  GtkWidget *item = find_clickable_with_label (popover, "brand_awareness");

  g_assert_nonnull (item);
  g_signal_emit_by_name (item, "clicked");
  g_assert_true (rdm_section_get_busy (RDM_SECTION (shown.page)));
  rdm_gui_test_wait (section_done, shown.page);
  rdm_gui_test_settle (GTK_WIDGET (shown.window));
  g_assert_cmpstr (gtk_editable_get_text (_rdm_events_page_get_mirror_series (shown.page, TRUE)),
                   ==, AWARENESS);
  /* the menus are made again with the section's results */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (against))));
  const RdmMirrorResult *mirror = _rdm_events_page_get_mirror (shown.page);

  g_assert_nonnull (mirror);
  g_assert_cmpint (mirror->mirror.best_lag, ==, RDM_DEMO_SURVEY_LAG_WEEKS);

  /* a KPI goes in by its name, and the impact is measured on it */
  GtkMenuButton *impact_menu = _rdm_events_page_get_impact_series_menu (shown.page);

  gtk_menu_button_popup (impact_menu);
  rdm_gui_test_settle (GTK_WIDGET (shown.window));
  item = find_clickable_with_label (GTK_WIDGET (gtk_menu_button_get_popover (impact_menu)),
                                    "Grow online sales: Cost per acquisition");
  g_assert_nonnull (item);
  g_signal_emit_by_name (item, "clicked");
  rdm_gui_test_wait (section_done, shown.page);
  g_assert_cmpstr (gtk_editable_get_text (_rdm_events_page_get_impact_series (shown.page)), ==,
                   "Cost per acquisition");
  g_assert_nonnull (_rdm_events_page_get_impact (shown.page));
  g_assert_cmpstr (_rdm_events_page_get_impact (shown.page)->series->kpi, ==,
                   "Grow online sales / Cost per acquisition");
  gtk_window_destroy (shown.window);
}

static void
test_screenshots (gconstpointer data)
{
  const char *lang = data;
  g_autofree char *name = g_strdup_printf ("shots-%s.rendement", lang);
  g_autofree char *path = copy_demo (name);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (path, &error);
  static const struct
  {
    int width, height;
  } sizes[] = { { 900, 700 }, { 1280, 1024 } };

  g_assert_no_error (error);
  g_autofree char *incident = incident_label (project);

  rdm_gui_test_use_language (g_str_equal (lang, "fr") ? "fr_FR.UTF-8" : "en_US.UTF-8");
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      Shown shown;
      g_autofree char *shot
          = g_strdup_printf ("events-demo-%dx%d-%s", sizes[s].width, sizes[s].height, lang);

      show_section (&shown, project, sizes[s].width, sizes[s].height);
      select_event (&shown, incident);
      mirror_social_awareness (&shown);
      rdm_gui_test_screenshot (GTK_WIDGET (shown.window), shot);
      if (s == 0)
        {
          GtkMenuButton *menu = _rdm_events_page_get_impact_series_menu (shown.page);
          g_autofree char *menu_shot = g_strdup_printf ("events-series-menu-%s", lang);

          gtk_menu_button_popup (menu);
          rdm_gui_test_settle (GTK_WIDGET (shown.window));
          rdm_gui_test_screenshot (GTK_WIDGET (gtk_menu_button_get_popover (menu)), menu_shot);
          gtk_menu_button_popdown (menu);
        }
      gtk_window_destroy (shown.window);
    }
  rdm_gui_test_use_language ("en_US.UTF-8");
}

static void
test_create_destroy (void)
{
  GtkWidget *page = rdm_events_page_new ();

  g_object_ref_sink (page);
  g_assert_finalize_object (page);
}

int
main (int argc, char **argv)
{
  int status;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      rdm_gui_test_init (&argc, &argv);
      g_test_add_func ("/events-page/no-display", rdm_gui_test_no_display);
      return g_test_run ();
    }
  tmpdir = rdm_test_make_tmpdir ();
  rdm_gui_test_build_languages (tmpdir);
  rdm_gui_test_use_language ("en_US.UTF-8");
  rdm_gui_test_init (&argc, &argv);

  g_test_add_func ("/events-page/create-destroy", test_create_destroy);
  g_test_add_func ("/events-page/demo", test_demo);
  g_test_add_func ("/events-page/no-events", test_no_events);
  g_test_add_func ("/events-page/add-remove", test_add_remove);
  g_test_add_func ("/events-page/pick-series", test_pick_series);
  g_test_add_data_func ("/events-page/screenshots/en", "en", test_screenshots);
  g_test_add_data_func ("/events-page/screenshots/fr", "fr", test_screenshots);
  status = g_test_run ();
  rdm_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
