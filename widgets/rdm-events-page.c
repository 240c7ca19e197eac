/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The section reads the events, measures the impact and mirrors the
 * series in one run, in a thread (a KPI's series or a channel's credit
 * loads the event log); each part that fails says why in its own place,
 * so that a series misspelt in the mirror leaves the impact shown. The
 * numbers are those of "rendement-cli impact" and "rendement-cli mirror",
 * through the same data/ functions.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rdm-chart-view.h"
#include "rdm-csv.h"
#include "rdm-events-page.h"
#include "rdm-format.h"
#include "rdm-report-charts.h"
#include "rdm-stats.h"

#define DAY_SECONDS G_GINT64_CONSTANT (86400)
#define ACTUAL_COLOUR 0
#define EXPECTED_COLOUR 7

struct _RdmEventsPage
{
  RdmSection parent_instance;

  /* Template widgets */
  GtkSpinner *spinner;
  GtkStack *stack;
  AdwStatusPage *error_page;
  GtkListBox *event_list;
  GtkEntry *label_entry;
  GtkEntry *start_entry;
  GtkEntry *end_entry;
  GtkDropDown *kind_dropdown;
  GtkLabel *event_message_label;
  GtkDropDown *event_dropdown;
  GtkStringList *event_labels;
  GtkEntry *impact_series_entry;
  GtkMenuButton *impact_series_menu;
  GtkSpinButton *before_spin;
  GtkSpinButton *after_spin;
  GtkLabel *impact_label;
  RdmChartView *impact_chart;
  GtkEntry *series_a_entry;
  GtkEntry *series_b_entry;
  GtkMenuButton *series_a_menu;
  GtkMenuButton *series_b_menu;
  GtkDropDown *period_dropdown;
  GtkSpinButton *lag_spin;
  GtkLabel *mirror_label;
  RdmChartView *lags_chart;
  RdmChartView *overlay_chart;

  /* Owned */
  RdmImpactResult *impact;
  RdmMirrorResult *mirror;
  gboolean loaded;  /* the current project's events were read once */
  guint other_kind; /* "other"'s place in the kind drop-down */
};

G_DEFINE_FINAL_TYPE (RdmEventsPage, rdm_events_page, RDM_TYPE_SECTION)

GtkWidget *
rdm_events_page_new (void)
{
  return g_object_new (RDM_TYPE_EVENTS_PAGE, NULL);
}

typedef struct
{
  RdmSectionInput input;
  char *event_label; /* the event chosen; NULL: the project's first */
  char *impact_series;
  guint days_before;
  guint days_after;
  RdmMirrorRequest mirror; /* its series are owned; NULL: mirror nothing */
} Request;

static void
request_free (gpointer data)
{
  Request *request = data;

  g_free (request->event_label);
  g_free (request->impact_series);
  g_free ((char *)request->mirror.series_a);
  g_free ((char *)request->mirror.series_b);
  rdm_section_input_free (request);
}

typedef struct
{
  GPtrArray *events;  /* RdmDatedEvent * */
  GPtrArray *choices; /* RdmSeriesChoice * */
  char *event_label;  /* the event measured, or NULL */
  RdmImpactResult *impact;
  GError *impact_error;
  RdmMirrorResult *mirror;
  GError *mirror_error;
} Outcome;

static void
outcome_free (Outcome *outcome)
{
  g_clear_pointer (&outcome->events, g_ptr_array_unref);
  g_clear_pointer (&outcome->choices, g_ptr_array_unref);
  g_free (outcome->event_label);
  rdm_impact_result_free (outcome->impact);
  g_clear_error (&outcome->impact_error);
  rdm_mirror_result_free (outcome->mirror);
  g_clear_error (&outcome->mirror_error);
  g_free (outcome);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Outcome, outcome_free)

static void
compute_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Request *request = task_data;
  g_autoptr (Outcome) outcome = g_new0 (Outcome, 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_data_open (request->input.data, &error);

  if (project == NULL || (outcome->events = rdm_project_list_events (project, &error)) == NULL
      || (outcome->choices = rdm_project_list_series_choices (project, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* the event chosen, while the project has it; else (a project just
   * opened, the event removed) its first, so that the section shows a
   * result rather than empty controls */
  for (guint i = 0; i < outcome->events->len && outcome->event_label == NULL; i++)
    if (g_strcmp0 (((RdmDatedEvent *)g_ptr_array_index (outcome->events, i))->label,
                   request->event_label)
        == 0)
      outcome->event_label = g_strdup (request->event_label);
  if (outcome->event_label == NULL && outcome->events->len > 0)
    outcome->event_label
        = g_strdup (((RdmDatedEvent *)g_ptr_array_index (outcome->events, 0))->label);
  if (outcome->event_label != NULL && request->impact_series != NULL)
    outcome->impact = rdm_project_measure_impact (
        project, outcome->event_label, request->impact_series, request->days_before,
        request->days_after, cancellable, &outcome->impact_error);
  if (request->mirror.series_a != NULL)
    outcome->mirror
        = rdm_project_mirror (project, &request->mirror, cancellable, &outcome->mirror_error);
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, g_steal_pointer (&outcome), (GDestroyNotify)outcome_free);
}

static char *
number_text (double value, int decimals)
{
  return isfinite (value) ? rdm_format_fixed (value, decimals) : g_strdup (_ ("n/a"));
}

/* An event's kind as the window names it, in the order of
 * rdm_dated_event_kinds(). */
static const char *const kind_labels[] = {
  NC_ ("event kind", "Incident"),  NC_ ("event kind", "Launch"), NC_ ("event kind", "Press"),
  NC_ ("event kind", "Promotion"), NC_ ("event kind", "Other"),
};

static const char *
kind_label (const char *kind)
{
  const char *const *kinds = rdm_dated_event_kinds ();

  for (guint i = 0; kinds[i] != NULL && i < G_N_ELEMENTS (kind_labels); i++)
    if (g_str_equal (kind, kinds[i]))
      return g_dpgettext2 (GETTEXT_PACKAGE, "event kind", kind_labels[i]);
  return kind;
}

/* An empty card says nothing: a chart view shows only with a chart. */
static void
show_chart (RdmChartView *view, RdmChart *chart)
{
  rdm_chart_view_set_chart (view, chart);
  gtk_widget_set_visible (GTK_WIDGET (view), chart != NULL);
}

/* Lists @events and offers them in the drop-down, with @selected (the
 * event measured, or NULL) chosen. */
static void
fill_events (RdmEventsPage *self, GPtrArray *events, const char *selected)
{
  GtkWidget *child;
  guint position = GTK_INVALID_LIST_POSITION;
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->event_list))) != NULL)
    gtk_list_box_remove (self->event_list, child);
  for (guint i = 0; i < events->len; i++)
    {
      const RdmDatedEvent *event = g_ptr_array_index (events, i);
      g_autofree char *start = rdm_format_day (event->start_day);
      g_autofree char *end = rdm_format_day (event->end_day);
      /* Translators: an event's days, then its kind */
      g_autofree char *subtitle
          = event->end_day > event->start_day
                ? g_strdup_printf (_ ("%s to %s · %s"), start, end, kind_label (event->kind))
                : g_strdup_printf (_ ("%s · %s"), start, kind_label (event->kind));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      /* Translators: a button's tooltip; the event's label */
      g_autofree char *remove_tip = g_strdup_printf (_ ("Remove “%s”"), event->label);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), event->label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (remove, remove_tip);
      gtk_widget_add_css_class (remove, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "events.remove");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", event->label);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->event_list, row);
      g_ptr_array_add (labels, event->label);
      if (g_strcmp0 (selected, event->label) == 0)
        position = i;
    }
  if (events->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ ("No events yet"));
      adw_action_row_set_subtitle (
          ADW_ACTION_ROW (row),
          _ ("Add one with the form below; events are drawn on every time chart"));
      gtk_list_box_append (self->event_list, row);
    }
  g_ptr_array_add (labels, NULL);
  gtk_string_list_splice (self->event_labels, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->event_labels)),
                          (const char *const *)labels->pdata);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (self->event_dropdown, position);
}

/* The series over the window against what its days before predicted for
 * every day (level, trend and weekdays, without the event's change). */
static RdmChart *
impact_chart (const RdmImpactResult *result)
{
  g_autoptr (RdmChart) chart = rdm_chart_new (RDM_CHART_KIND_LINES);
  guint n = result->series->n_days;
  g_autofree double *x = g_new (double, n);
  g_autofree double *expected = g_new (double, n);
  g_autofree char *title
      = g_strdup_printf (_ ("%s around “%s”"), result->series->name, result->event->label);
  guint series;

  for (guint t = 0; t < n; t++)
    {
      x[t] = (double)(result->window_start + (gint64)t * DAY_SECONDS);
      expected[t] = rdm_impact_expected_without (&result->impact, (int)t - (int)result->days_before,
                                                 rdm_stats_weekday ((gint64)x[t]));
    }
  rdm_chart_set_title (chart, title);
  rdm_chart_set_note (
      chart, _ ("Expected without the event: the level, trend and weekdays of the days before"));
  rdm_chart_set_x_values (chart, x, n);
  rdm_chart_set_x_dates (chart, TRUE);
  series = rdm_chart_add_series (chart, result->series->name, result->series->values, n);
  rdm_chart_set_series_colour (chart, series, ACTUAL_COLOUR);
  series = rdm_chart_add_series (chart, _ ("Expected without the event"), expected, n);
  rdm_chart_set_series_colour (chart, series, EXPECTED_COLOUR);
  rdm_chart_add_span (chart, (double)result->event->start_day, (double)result->event->end_day,
                      result->event->label);
  return g_steal_pointer (&chart);
}

static void
fill_impact (RdmEventsPage *self, Outcome *outcome)
{
  g_clear_pointer (&self->impact, rdm_impact_result_free);
  show_chart (self->impact_chart, NULL);
  if (outcome->impact_error != NULL)
    {
      gtk_label_set_text (self->impact_label, outcome->impact_error->message);
      return;
    }
  if (outcome->impact == NULL)
    {
      gtk_label_set_text (self->impact_label, _ ("Choose an event and a series, then Measure"));
      return;
    }
  self->impact = g_steal_pointer (&outcome->impact);

  const RdmImpact *impact = &self->impact->impact;
  g_autofree char *level = number_text (impact->level_change.estimate, 2);
  g_autofree char *low = number_text (impact->level_change.ci_low, 2);
  g_autofree char *high = number_text (impact->level_change.ci_high, 2);
  g_autofree char *total = number_text (impact->total_change.estimate, 1);
  g_autofree char *total_low = number_text (impact->total_change.ci_low, 1);
  g_autofree char *total_high = number_text (impact->total_change.ci_high, 1);
  g_autofree char *before = number_text (impact->before_mean, 2);
  g_autofree char *slope = number_text (impact->slope_change.estimate, 3);
  g_autofree char *text = g_strdup_printf (
      /* Translators: the impact of an event on a series; the interval is 95 % */
      _ ("From its first day on, “%s” moved %s by %s a day (95%% interval %s to %s), against %s a "
         "day before, and its slope by %s a day; over the %u days after: %s in all (%s to %s)."),
      self->impact->event->label, self->impact->series->name, level, low, high, before, slope,
      impact->days_after, total, total_low, total_high);

  gtk_label_set_text (self->impact_label, text);
  g_autoptr (RdmChart) chart = impact_chart (self->impact);

  show_chart (self->impact_chart, chart);
}

static const char *
period_names (RdmMirrorBy by, guint n)
{
  switch (by)
    {
    case RDM_MIRROR_BY_DAY:
      return g_dngettext (GETTEXT_PACKAGE, "day", "days", n);
    case RDM_MIRROR_BY_MONTH:
      return g_dngettext (GETTEXT_PACKAGE, "month", "months", n);
    case RDM_MIRROR_BY_WEEK:
    default:
      return g_dngettext (GETTEXT_PACKAGE, "week", "weeks", n);
    }
}

/* r at each lag, with its interval as a band. */
static RdmChart *
lags_chart (const RdmMirrorResult *result)
{
  g_autoptr (RdmChart) chart = rdm_chart_new (RDM_CHART_KIND_LINES);
  GArray *lags = result->mirror.lags;
  g_autofree double *x = g_new (double, MAX (lags->len, 1));
  g_autofree double *r = g_new (double, MAX (lags->len, 1));
  g_autofree double *low = g_new (double, MAX (lags->len, 1));
  g_autofree double *high = g_new (double, MAX (lags->len, 1));
  g_autofree char *x_label = g_strdup_printf (_ ("Lag (%s; positive: %s leads)"),
                                              period_names (result->by, 2), result->a->name);
  guint series;

  for (guint i = 0; i < lags->len; i++)
    {
      const RdmMirrorLag *lag = &g_array_index (lags, RdmMirrorLag, i);

      x[i] = lag->lag;
      r[i] = lag->r;
      low[i] = lag->ci_low;
      high[i] = lag->ci_high;
    }
  rdm_chart_set_title (chart, _ ("Correlation at Each Lag"));
  rdm_chart_set_axis_labels (chart, x_label, _ ("Correlation (r)"));
  rdm_chart_set_x_values (chart, x, lags->len);
  /* xgettext:no-c-format */
  series = rdm_chart_add_series (chart, _ ("r, with its 95 % interval"), r, lags->len);
  rdm_chart_set_series_ci (chart, series, low, high, lags->len);
  rdm_chart_add_mark (chart, series, result->mirror.best_lag, result->mirror.best_r,
                      _ ("Best lag"));
  return g_steal_pointer (&chart);
}

static void
fill_mirror (RdmEventsPage *self, Outcome *outcome, GPtrArray *events)
{
  g_clear_pointer (&self->mirror, rdm_mirror_result_free);
  show_chart (self->lags_chart, NULL);
  show_chart (self->overlay_chart, NULL);
  if (outcome->mirror_error != NULL)
    {
      gtk_label_set_text (self->mirror_label, outcome->mirror_error->message);
      return;
    }
  if (outcome->mirror == NULL)
    {
      gtk_label_set_text (self->mirror_label, _ ("Name two series, then Compare"));
      return;
    }
  self->mirror = g_steal_pointer (&outcome->mirror);

  const RdmMirror *mirror = &self->mirror->mirror;
  g_autofree char *r = number_text (mirror->best_r, 2);
  guint periods = (guint)ABS (mirror->best_lag);
  g_autofree char *text = NULL;

  if (!rdm_mirror_best_lag_is_clear (mirror))
    {
      guint max_lag = (mirror->lags->len - 1) / 2;

      /* Translators: the mirror of two series; the interval is 95 % */
      text = g_strdup_printf (
          _ ("%s and %s show no clear relation at any lag up to %u %s: the strongest, r = %s at "
             "lag %d, is not clear of 0 once the %u lags compared are allowed for (%u periods "
             "where both have data)."),
          self->mirror->a->name, self->mirror->b->name, max_lag,
          period_names (self->mirror->by, max_lag), r, mirror->best_lag, mirror->lags->len,
          mirror->periods_both);
    }
  else if (mirror->best_lag == 0)
    /* Translators: the mirror of two series; the interval is 95 % */
    text = g_strdup_printf (_ ("%s and %s move together, without a lag (r = %s; 95%% interval of "
                               "the lag %d to %d %s), over %u periods where both have data."),
                            self->mirror->a->name, self->mirror->b->name, r,
                            mirror->best_lag_ci_low, mirror->best_lag_ci_high,
                            period_names (self->mirror->by, 2), mirror->periods_both);
  else
    text = g_strdup_printf (
        mirror->best_lag > 0
            /* Translators: the mirror of two series; the interval is 95 % */
            ? _ ("%s moves %u %s before %s (r = %s; 95%% interval of the lag %d to %d), over %u "
                 "periods where both have data.")
            : _ ("%s moves %u %s after %s (r = %s; 95%% interval of the lag %d to %d), over %u "
                 "periods where both have data."),
        self->mirror->a->name, periods, period_names (self->mirror->by, periods),
        self->mirror->b->name, r, mirror->best_lag_ci_low, mirror->best_lag_ci_high,
        mirror->periods_both);
  gtk_label_set_text (self->mirror_label, text);

  g_autoptr (RdmChart) lags = lags_chart (self->mirror);
  g_autoptr (RdmChart) overlay = rdm_report_chart_mirror (self->mirror, events);

  show_chart (self->lags_chart, lags);
  show_chart (self->overlay_chart, overlay);
}

/* The menu of @choices, one section per kind, whose items put their
 * formula into entry @target ("impact", "series-a" or "series-b"). */
static GMenuModel *
series_menu (GPtrArray *choices, const char *target)
{
  static const char *const kind_titles[] = {
    [RDM_SERIES_CHOICE_OUTCOMES] = N_ ("Outcomes"),
    [RDM_SERIES_CHOICE_SURVEY] = N_ ("Surveys and other series"),
    [RDM_SERIES_CHOICE_ENGAGEMENTS] = N_ ("Engagements"),
    [RDM_SERIES_CHOICE_COST] = N_ ("Costs"),
    [RDM_SERIES_CHOICE_KPI] = N_ ("KPIs"),
  };
  GMenu *menu = g_menu_new ();

  for (guint kind = 0; kind < G_N_ELEMENTS (kind_titles); kind++)
    {
      g_autoptr (GMenu) section = g_menu_new ();

      for (guint i = 0; i < choices->len; i++)
        {
          const RdmSeriesChoice *choice = g_ptr_array_index (choices, i);
          g_autoptr (GMenuItem) item = NULL;

          if (choice->kind != kind)
            continue;
          /* menu labels read "_" as a mnemonic: brand_awareness stays whole */
          g_autoptr (GString) label = g_string_new (choice->label);

          g_string_replace (label, "_", "__", 0);
          item = g_menu_item_new (label->str, NULL);
          g_menu_item_set_action_and_target_value (item, "events.use-series",
                                                   g_variant_new ("(ss)", target, choice->formula));
          g_menu_append_item (section, item);
        }
      if (g_menu_model_get_n_items (G_MENU_MODEL (section)) > 0)
        g_menu_append_section (menu, _ (kind_titles[kind]), G_MENU_MODEL (section));
    }
  return G_MENU_MODEL (menu);
}

static void
fill_series_menus (RdmEventsPage *self, GPtrArray *choices)
{
  struct
  {
    GtkMenuButton *button;
    const char *target;
  } menus[] = {
    { self->impact_series_menu, "impact" },
    { self->series_a_menu, "series-a" },
    { self->series_b_menu, "series-b" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (menus); i++)
    {
      g_autoptr (GMenuModel) model = series_menu (choices, menus[i].target);

      gtk_menu_button_set_menu_model (menus[i].button, model);
      gtk_widget_set_sensitive (GTK_WIDGET (menus[i].button), choices->len > 0);
    }
}

static void
compute_done (RdmSection *section, gpointer data)
{
  RdmEventsPage *self = RDM_EVENTS_PAGE (section);
  g_autoptr (Outcome) outcome = data;

  self->loaded = TRUE;
  fill_series_menus (self, outcome->choices);
  fill_events (self, outcome->events, outcome->event_label);
  fill_impact (self, outcome);
  fill_mirror (self, outcome, outcome->events);
  rdm_section_show_state (section, "report");
}

static char *
entry_text (GtkEntry *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
start_compute (RdmEventsPage *self)
{
  RdmSection *section = RDM_SECTION (self);
  GObject *event = gtk_drop_down_get_selected_item (self->event_dropdown);
  Request *request;

  if (rdm_section_get_project (section) == NULL)
    {
      rdm_section_cancel (section);
      rdm_section_show_state (section, "no-project");
      return;
    }
  request = rdm_section_input_new (section, sizeof (Request));
  request->impact_series = entry_text (self->impact_series_entry);
  if (event != NULL)
    request->event_label = g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (event)));
  request->days_before = (guint)gtk_spin_button_get_value_as_int (self->before_spin);
  request->days_after = (guint)gtk_spin_button_get_value_as_int (self->after_spin);
  request->mirror = (RdmMirrorRequest)RDM_MIRROR_REQUEST_INIT;
  request->mirror.by = (RdmMirrorBy)gtk_drop_down_get_selected (self->period_dropdown);
  request->mirror.max_lag = (guint)gtk_spin_button_get_value_as_int (self->lag_spin);
  {
    g_autofree char *a = entry_text (self->series_a_entry);
    g_autofree char *b = entry_text (self->series_b_entry);

    if (a != NULL && b != NULL)
      {
        request->mirror.series_a = g_steal_pointer (&a);
        request->mirror.series_b = g_steal_pointer (&b);
      }
  }
  rdm_section_run (section, compute_thread, request, request_free, _ ("Events"), compute_done);
}

static void
rdm_events_page_reload (RdmSection *section)
{
  RdmEventsPage *self = RDM_EVENTS_PAGE (section);

  /* the events again, the one chosen kept while the project has it */
  self->loaded = FALSE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) || rdm_section_get_project (section) == NULL)
    start_compute (self);
}

/* Nothing here reads the analysis settings but a channel's credit, which
 * the series names themselves ask for: a change re-runs what is shown, or
 * when next shown. */
static void
rdm_events_page_settings_changed (RdmSection *section, GParamSpec *pspec)
{
  RdmEventsPage *self = RDM_EVENTS_PAGE (section);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->loaded = FALSE;
  else if (self->loaded)
    start_compute (self);
}

static void
on_map (RdmEventsPage *self)
{
  if (!self->loaded)
    start_compute (self);
}

static void
compute_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  start_compute (RDM_EVENTS_PAGE (widget));
}

/* A series picked from a menu: into its entry, and measured. */
static void
use_series_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmEventsPage *self = RDM_EVENTS_PAGE (widget);
  const char *target, *formula;
  GtkEntry *entry;

  g_variant_get (parameter, "(&s&s)", &target, &formula);
  if (g_str_equal (target, "impact"))
    entry = self->impact_series_entry;
  else if (g_str_equal (target, "series-a"))
    entry = self->series_a_entry;
  else
    entry = self->series_b_entry;
  gtk_editable_set_text (GTK_EDITABLE (entry), formula);
  start_compute (self);
}

static void
show_event_message (RdmEventsPage *self, const char *message)
{
  gtk_label_set_text (self->event_message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->event_message_label), message != NULL);
}

/* @text as a day (epoch seconds of 00:00 UTC), read as "rendement-cli
 * event add" reads it (YYYY-MM-DD or DD/MM/YYYY; rdm_csv_parse_time()),
 * but never as a count of epoch seconds, which a year alone, or any whole
 * number, would be. */
static gboolean
parse_day (const char *text, gint64 *out_day)
{
  gint64 time;

  if (g_regex_match_simple ("^\\s*[-+]?[0-9]+\\s*$", text, 0, 0)
      || !rdm_csv_parse_time (text, &time))
    return FALSE;
  *out_day = rdm_csv_day_of (time);
  return TRUE;
}

static void
add_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmEventsPage *self = RDM_EVENTS_PAGE (widget);
  RdmProject *project = rdm_section_get_project (RDM_SECTION (self));
  g_autofree char *label = entry_text (self->label_entry);
  g_autofree char *start_text = entry_text (self->start_entry);
  g_autofree char *end_text = entry_text (self->end_entry);
  const char *const *kinds = rdm_dated_event_kinds ();
  g_autoptr (GError) error = NULL;
  gint64 start, end;

  if (project == NULL)
    return;
  if (label == NULL)
    {
      show_event_message (self, _ ("Give the event a label"));
      return;
    }
  if (start_text == NULL || !parse_day (start_text, &start))
    {
      g_autofree char *message = g_strdup_printf (
          _ ("“%s” is not a date: write its first day as YYYY-MM-DD or DD/MM/YYYY"),
          start_text != NULL ? start_text : "");

      show_event_message (self, message);
      return;
    }
  if (end_text == NULL)
    end = start;
  else if (!parse_day (end_text, &end))
    {
      g_autofree char *message = g_strdup_printf (
          _ ("“%s” is not a date: write its last day as YYYY-MM-DD or DD/MM/YYYY, or leave it "
             "empty for a single day"),
          end_text);

      show_event_message (self, message);
      return;
    }
  if (!rdm_project_add_event (project, start, end, label,
                              kinds[gtk_drop_down_get_selected (self->kind_dropdown)], &error))
    {
      show_event_message (self, error->message);
      return;
    }
  show_event_message (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->label_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->start_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->end_entry), "");
  gtk_drop_down_set_selected (self->kind_dropdown, self->other_kind);
  /* the media-mix model's baseline and every time chart read the events */
  rdm_project_session_definitions_changed (rdm_section_get_session (RDM_SECTION (self)));
}

static void
remove_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmEventsPage *self = RDM_EVENTS_PAGE (widget);
  RdmProject *project = rdm_section_get_project (RDM_SECTION (self));
  g_autoptr (GError) error = NULL;

  if (project == NULL)
    return;
  if (!rdm_project_remove_event (project, g_variant_get_string (parameter, NULL), &error))
    {
      show_event_message (self, error->message);
      return;
    }
  show_event_message (self, NULL);
  rdm_project_session_definitions_changed (rdm_section_get_session (RDM_SECTION (self)));
}

static void
period_selected (RdmEventsPage *self)
{
  gtk_spin_button_set_value (
      self->lag_spin,
      rdm_mirror_default_max_lag ((RdmMirrorBy)gtk_drop_down_get_selected (self->period_dropdown)));
}

GtkDropDown *
_rdm_events_page_get_event_dropdown (RdmEventsPage *self)
{
  return self->event_dropdown;
}

GtkEditable *
_rdm_events_page_get_impact_series (RdmEventsPage *self)
{
  return GTK_EDITABLE (self->impact_series_entry);
}

GtkEditable *
_rdm_events_page_get_mirror_series (RdmEventsPage *self, gboolean against)
{
  return GTK_EDITABLE (against ? self->series_b_entry : self->series_a_entry);
}

GtkMenuButton *
_rdm_events_page_get_impact_series_menu (RdmEventsPage *self)
{
  return self->impact_series_menu;
}

GtkMenuButton *
_rdm_events_page_get_mirror_series_menu (RdmEventsPage *self, gboolean against)
{
  return against ? self->series_b_menu : self->series_a_menu;
}

GtkDropDown *
_rdm_events_page_get_period_dropdown (RdmEventsPage *self)
{
  return self->period_dropdown;
}

GtkListBox *
_rdm_events_page_get_event_list (RdmEventsPage *self)
{
  return self->event_list;
}

GtkEditable *
_rdm_events_page_get_form_entry (RdmEventsPage *self, const char *field)
{
  if (g_str_equal (field, "label"))
    return GTK_EDITABLE (self->label_entry);
  return GTK_EDITABLE (g_str_equal (field, "start") ? self->start_entry : self->end_entry);
}

GtkDropDown *
_rdm_events_page_get_kind_dropdown (RdmEventsPage *self)
{
  return self->kind_dropdown;
}

const char *
_rdm_events_page_get_event_message (RdmEventsPage *self)
{
  return gtk_label_get_text (self->event_message_label);
}

const char *
_rdm_events_page_get_impact_text (RdmEventsPage *self)
{
  return gtk_label_get_text (self->impact_label);
}

const char *
_rdm_events_page_get_mirror_text (RdmEventsPage *self)
{
  return gtk_label_get_text (self->mirror_label);
}

RdmChartView *
_rdm_events_page_get_impact_chart (RdmEventsPage *self)
{
  return self->impact_chart;
}

RdmChartView *
_rdm_events_page_get_lags_chart (RdmEventsPage *self)
{
  return self->lags_chart;
}

RdmChartView *
_rdm_events_page_get_overlay_chart (RdmEventsPage *self)
{
  return self->overlay_chart;
}

const RdmImpactResult *
_rdm_events_page_get_impact (RdmEventsPage *self)
{
  return self->impact;
}

const RdmMirrorResult *
_rdm_events_page_get_mirror (RdmEventsPage *self)
{
  return self->mirror;
}

/* GObject */

static void
rdm_events_page_dispose (GObject *object)
{
  RdmEventsPage *self = RDM_EVENTS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RDM_TYPE_EVENTS_PAGE);
  g_clear_pointer (&self->impact, rdm_impact_result_free);
  g_clear_pointer (&self->mirror, rdm_mirror_result_free);
  G_OBJECT_CLASS (rdm_events_page_parent_class)->dispose (object);
}

static void
rdm_events_page_class_init (RdmEventsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rdm_events_page_dispose;
  RDM_SECTION_CLASS (klass)->reload = rdm_events_page_reload;
  RDM_SECTION_CLASS (klass)->settings_changed = rdm_events_page_settings_changed;

  g_type_ensure (RDM_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/fr/rendement/Rendement/widgets/rdm-events-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdmEventsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RdmEventsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RdmEventsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, RdmEventsPage, event_list);
  gtk_widget_class_bind_template_child (widget_class, RdmEventsPage, label_entry);
  gtk_widget_class_bind_template_child (widget_class, RdmEventsPage, start_entry);
  gtk_widget_class_bind_template_child (widget_class, RdmEventsPage, end_entry);
  gtk_widget_class_bind_template_child (widget_class, RdmEventsPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdmEventsPage, event_message_label);
  gtk_widget_class_bind_template_child (widget_class, RdmEventsPage, event_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdmEventsPage, event_labels);
  gtk_widget_class_bind_template_child (widget_class, RdmEventsPage, impact_series_entry);
  gtk_widget_class_bind_template_child (widget_class, RdmEventsPage, impact_series_menu);
  gtk_widget_class_bind_template_child (widget_class, RdmEventsPage, before_spin);
  gtk_widget_class_bind_template_child (widget_class, RdmEventsPage, after_spin);
  gtk_widget_class_bind_template_child (widget_class, RdmEventsPage, impact_label);
  gtk_widget_class_bind_template_child (widget_class, RdmEventsPage, impact_chart);
  gtk_widget_class_bind_template_child (widget_class, RdmEventsPage, series_a_entry);
  gtk_widget_class_bind_template_child (widget_class, RdmEventsPage, series_b_entry);
  gtk_widget_class_bind_template_child (widget_class, RdmEventsPage, series_a_menu);
  gtk_widget_class_bind_template_child (widget_class, RdmEventsPage, series_b_menu);
  gtk_widget_class_bind_template_child (widget_class, RdmEventsPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdmEventsPage, lag_spin);
  gtk_widget_class_bind_template_child (widget_class, RdmEventsPage, mirror_label);
  gtk_widget_class_bind_template_child (widget_class, RdmEventsPage, lags_chart);
  gtk_widget_class_bind_template_child (widget_class, RdmEventsPage, overlay_chart);
  gtk_widget_class_install_action (widget_class, "events.measure", NULL, compute_action);
  gtk_widget_class_install_action (widget_class, "events.mirror", NULL, compute_action);
  gtk_widget_class_install_action (widget_class, "events.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "events.remove", "s", remove_action);
  gtk_widget_class_install_action (widget_class, "events.use-series", "(ss)", use_series_action);
}

static void
rdm_events_page_init (RdmEventsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rdm_section_set_status_widgets (RDM_SECTION (self), self->stack, self->spinner, self->error_page);
  {
    const char *const *kinds = rdm_dated_event_kinds ();
    g_autoptr (GtkStringList) kind_names = gtk_string_list_new (NULL);

    /* a kind added to the project's without a name here would show raw */
    g_assert (g_strv_length ((GStrv)kinds) == G_N_ELEMENTS (kind_labels));
    for (guint i = 0; kinds[i] != NULL; i++)
      {
        gtk_string_list_append (kind_names, kind_label (kinds[i]));
        if (g_str_equal (kinds[i], "other"))
          self->other_kind = i;
      }
    gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kind_names));
    /* as "rendement-cli event add" unless told */
    gtk_drop_down_set_selected (self->kind_dropdown, self->other_kind);
  }
  gtk_editable_set_text (GTK_EDITABLE (self->impact_series_entry), "conversions");
  gtk_editable_set_text (GTK_EDITABLE (self->series_a_entry), "engagements");
  gtk_editable_set_text (GTK_EDITABLE (self->series_b_entry), "conversions");
  g_signal_connect_swapped (self->period_dropdown, "notify::selected", G_CALLBACK (period_selected),
                            self);
  g_signal_connect_swapped (self->impact_series_entry, "activate", G_CALLBACK (start_compute),
                            self);
  g_signal_connect_swapped (self->series_a_entry, "activate", G_CALLBACK (start_compute), self);
  g_signal_connect_swapped (self->series_b_entry, "activate", G_CALLBACK (start_compute), self);
  g_signal_connect_swapped (self, "map", G_CALLBACK (on_map), self);
}
