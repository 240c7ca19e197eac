/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Paths section: the conversion paths report (rdm-path-analysis) over
 * the same journeys as "rendement-cli paths" for the same settings. Its
 * compact settings bar binds to an RdmAnalysisSettings, which the window
 * may share with the Attribution page.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "rdm-error-dialog.h"
#include "rdm-analysis-worker.h"
#include "rdm-chart-view.h"
#include "rdm-path-set.h"
#include "rdm-paths-page-private.h"
#include "rdm-period.h"
#include "rdm-result-row.h"
#include "rdm-result-table.h"
#include "rdm-settings-summary.h"
#include "rdm-segment-picker.h"

/* a heat map of more labels has unreadable cells */
#define MAX_OVERLAP_LABELS 12
#define N_CHARTS 5

struct _RdmPathsPage
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkWidget *settings_summary;
  GtkDropDown *period_dropdown;
  GtkDropDown *event_dropdown;
  GtkDropDown *level_dropdown;
  GtkWidget *segment_picker;
  GtkSpinButton *click_window_spin;
  GtkSpinButton *view_window_spin;
  GtkSpinner *spinner;
  GtkStack *stack;
  AdwStatusPage *status_page;
  GtkLabel *summary_label;
  GtkColumnView *table;
  GtkWidget *report;
  RdmChartView *length_chart;
  RdmChartView *time_chart;
  RdmChartView *assist_chart;
  RdmChartView *position_chart;
  RdmChartView *overlap_chart;

  /* Owned references */
  RdmProject *project;
  RdmAnalysisSettings *settings;
  RdmAnalysisWorker *worker;
  GListStore *rows;
  GPtrArray *bindings;
  GPtrArray *period_codes; /* char *: NULL for all the data, then "2026Q2"… */
  GPtrArray *event_names;  /* char *: NULL for all events */

  guint n_results;
  gboolean syncing;
};

G_DEFINE_FINAL_TYPE (RdmPathsPage, rdm_paths_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_PROJECT,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
display_label (const char *name)
{
  return g_strcmp0 (name, RDM_NO_TOUCH_LABEL) == 0 ? _ ("No touch") : name;
}

/* "(none)" inside a path text, for people */
static char *
display_path (const char *path)
{
  g_auto (GStrv) labels = g_strsplit (path, RDM_PATH_SEPARATOR, -1);
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; labels[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (text, " → ");
      g_string_append (text, display_label (labels[i]));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Labels ordered by the conversions whose path holds them (the overlap
 * diagonal), biggest first, "(none)" left out: it shares no path. */
static GArray *
label_order (const RdmPathAnalysis *report)
{
  GArray *order = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < report->n_labels; i++)
    if (!g_str_equal (report->label_names[i], RDM_NO_TOUCH_LABEL))
      g_array_append_val (order, i);
  for (guint i = 1; i < order->len; i++)
    for (guint j = i; j > 0; j--)
      {
        guint a = g_array_index (order, guint, j - 1), b = g_array_index (order, guint, j);

        if (report->overlap[b * report->n_labels + b] <= report->overlap[a * report->n_labels + a])
          break;
        g_array_index (order, guint, j - 1) = b;
        g_array_index (order, guint, j) = a;
      }
  return order;
}

static void
fill_top_paths (RdmPathsPage *self, const RdmPathAnalysis *report)
{
  const char *titles[] = { _ ("Conversions"), _ ("Share"), _ ("Value") };
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < report->top_paths->len; i++)
    {
      const RdmTopPath *path = &g_array_index (report->top_paths, RdmTopPath, i);
      g_autofree char *text = display_path (path->path);
      RdmResultRow *row = rdm_result_row_new (text, path->path, G_N_ELEMENTS (titles));

      rdm_result_row_set_cell (row, 0, path->conversions,
                               rdm_result_format_number (path->conversions, 0));
      rdm_result_row_set_cell (row, 1, path->share, rdm_result_format_percent (path->share));
      rdm_result_row_set_cell (row, 2, path->value, rdm_result_format_number (path->value, 2));
      g_ptr_array_add (rows, row);
    }
  g_list_store_remove_all (self->rows);
  rdm_result_table_set_columns (self->table, _ ("Path"), 320, titles, G_N_ELEMENTS (titles));
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
}

static void
fill_histograms (RdmPathsPage *self, const RdmPathAnalysis *report)
{
  g_autoptr (RdmChart) lengths = rdm_chart_new (RDM_CHART_KIND_HISTOGRAM);
  g_autoptr (RdmChart) times = NULL;

  rdm_chart_set_title (lengths, _ ("Path length"));
  rdm_chart_set_axis_labels (lengths, _ ("Touches"), _ ("Conversions"));
  for (guint k = 0; k < report->max_length; k++)
    {
      g_autofree char *bucket = k + 1 == report->max_length ? g_strdup_printf ("%u+", k + 1)
                                                            : g_strdup_printf ("%u", k + 1);

      rdm_chart_add_bucket (lengths, bucket, report->length_histogram[k]);
    }
  rdm_chart_view_set_chart (self->length_chart, lengths);

  gtk_widget_set_visible (GTK_WIDGET (self->time_chart), report->has_time_histogram);
  if (!report->has_time_histogram)
    return;
  times = rdm_chart_new (RDM_CHART_KIND_HISTOGRAM);
  rdm_chart_set_title (times, _ ("Time to conversion"));
  rdm_chart_set_axis_labels (times, _ ("Days from the first touch"), _ ("Conversions"));
  for (guint b = 0; b < RDM_N_TIME_BUCKETS; b++)
    rdm_chart_add_bucket (times, rdm_path_analysis_time_bucket_label (b),
                          report->time_histogram[b]);
  rdm_chart_view_set_chart (self->time_chart, times);
}

static void
fill_label_charts (RdmPathsPage *self, const RdmPathAnalysis *report)
{
  g_autoptr (GArray) order = label_order (report);
  g_autoptr (RdmChart) assists = rdm_chart_new (RDM_CHART_KIND_GROUPED_BARS);
  g_autoptr (RdmChart) positions = rdm_chart_new (RDM_CHART_KIND_STACKED_BARS);
  g_autoptr (RdmChart) overlap = rdm_chart_new (RDM_CHART_KIND_HEAT_MAP);
  guint n = order->len, n_overlap = MIN (order->len, MAX_OVERLAP_LABELS);
  g_autofree double *last = g_new (double, MAX (n, 1));
  g_autofree double *assisted = g_new (double, MAX (n, 1));
  g_autofree double *early = g_new (double, MAX (n, 1));
  g_autofree double *middle = g_new (double, MAX (n, 1));
  g_autofree double *late = g_new (double, MAX (n, 1));
  g_autofree double *matrix = g_new (double, MAX (n_overlap * n_overlap, 1));
  g_autofree const char **names = g_new0 (const char *, MAX (n, 1) + 1);

  for (guint k = 0; k < n; k++)
    {
      guint i = g_array_index (order, guint, k);
      const RdmLabelPaths *label = &report->labels[i];

      names[k] = display_label (report->label_names[i]);
      rdm_chart_add_category (assists, names[k]);
      rdm_chart_add_category (positions, names[k]);
      last[k] = label->last_touch;
      assisted[k] = label->assisted;
      early[k] = 100 * label->early_share;
      middle[k] = 100 * label->middle_share;
      late[k] = 100 * label->late_share;
    }
  rdm_chart_set_title (assists, _ ("Assisted and last-touch conversions"));
  rdm_chart_set_axis_labels (assists, NULL, _ ("Conversions"));
  rdm_chart_add_series (assists, _ ("Last touch"), last, n);
  rdm_chart_add_series (assists, _ ("Assisted"), assisted, n);
  rdm_chart_view_set_chart (self->assist_chart, assists);

  rdm_chart_set_title (positions, _ ("Where each channel appears in converting paths"));
  rdm_chart_set_axis_labels (positions, NULL, _ ("Share of its touches (%)"));
  rdm_chart_add_series (positions, _ ("Early"), early, n);
  rdm_chart_add_series (positions, _ ("Middle"), middle, n);
  rdm_chart_add_series (positions, _ ("Late"), late, n);
  rdm_chart_view_set_chart (self->position_chart, positions);

  for (guint r = 0; r < n_overlap; r++)
    for (guint c = 0; c < n_overlap; c++)
      matrix[r * n_overlap + c]
          = 100
            * report->overlap[g_array_index (order, guint, r) * report->n_labels
                              + g_array_index (order, guint, c)];
  rdm_chart_set_title (overlap, _ ("Channel overlap: % of conversions whose path has both"));
  rdm_chart_set_matrix (overlap, n_overlap, n_overlap, names, names, matrix);
  rdm_chart_view_set_chart (self->overlap_chart, overlap);
}

static void
on_finished (RdmPathsPage *self, RdmAnalysisResult *result, RdmAnalysisWorker *worker)
{
  const RdmPathAnalysis *report = result->paths;
  g_autofree char *total = NULL;
  g_autofree char *unique = NULL;
  g_autofree char *summary = NULL;

  self->n_results++;
  if (result->error != NULL || report == NULL)
    {
      adw_status_page_set_icon_name (self->status_page, "dialog-error-symbolic");
      adw_status_page_set_title (self->status_page, _ ("Cannot Build the Paths"));
      rdm_status_page_set_description_text (self->status_page,
                                            result->error != NULL ? result->error->message : NULL);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  total = rdm_result_format_number (report->total_conversions, 0);
  unique = rdm_result_format_number (report->n_unique_paths, 0);
  /* Translators: the first %s is a number of conversions, the second of distinct paths */
  summary = g_strdup_printf (ngettext ("%s conversion over %s distinct paths",
                                       "%s conversions over %s distinct paths",
                                       (gulong)round (report->total_conversions)),
                             total, unique);
  gtk_label_set_text (self->summary_label, summary);
  fill_top_paths (self, report);
  fill_histograms (self, report);
  fill_label_charts (self, report);
  gtk_stack_set_visible_child_name (self->stack, "report");
}

/* Settings */

static void
request (RdmPathsPage *self)
{
  if (self->project != NULL)
    rdm_analysis_worker_request (self->worker, self->settings);
}

static void
sync_choices (RdmPathsPage *self)
{
  g_autofree char *period = NULL;
  g_autofree char *event = NULL;

  g_object_get (self->settings, "period", &period, "event", &event, NULL);
  self->syncing = TRUE;
  for (guint i = 0; i < self->period_codes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->period_codes, i), period) == 0)
      gtk_drop_down_set_selected (self->period_dropdown, i);
  for (guint i = 0; i < self->event_names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->event_names, i), event) == 0)
      gtk_drop_down_set_selected (self->event_dropdown, i);
  self->syncing = FALSE;
}

static void
on_settings_notify (RdmPathsPage *self, GParamSpec *pspec, RdmAnalysisSettings *settings)
{
  const char *name = g_param_spec_get_name (pspec);

  sync_choices (self);
  /* the report reads journeys only: model settings do not change it */
  if (g_str_equal (name, "click-window") || g_str_equal (name, "view-window")
      || g_str_equal (name, "period") || g_str_equal (name, "event") || g_str_equal (name, "level")
      || g_str_equal (name, "restart") || g_str_equal (name, "segment"))
    request (self);
}

static void
on_choice_selected (RdmPathsPage *self, GParamSpec *pspec, GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  GPtrArray *values = dropdown == self->period_dropdown ? self->period_codes : self->event_names;

  if (self->syncing || selected >= values->len)
    return;
  g_object_set (self->settings, dropdown == self->period_dropdown ? "period" : "event",
                g_ptr_array_index (values, selected), NULL);
}

static void
fill_choices (RdmPathsPage *self)
{
  g_autoptr (GtkStringList) period_list = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) event_list = gtk_string_list_new (NULL);

  rdm_analysis_worker_list_choices (self->worker, period_list, self->period_codes, event_list,
                                    self->event_names);
  self->syncing = TRUE;
  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (period_list));
  gtk_drop_down_set_model (self->event_dropdown, G_LIST_MODEL (event_list));
  self->syncing = FALSE;
  sync_choices (self);
}

static void
on_loaded (RdmPathsPage *self, GParamSpec *pspec, RdmAnalysisWorker *worker)
{
  if (!rdm_analysis_worker_get_loaded (worker))
    return;
  fill_choices (self);
  request (self);
}

static void
bind (RdmPathsPage *self, const char *name, gpointer target, const char *property)
{
  g_ptr_array_add (self->bindings, g_object_ref (g_object_bind_property (
                                       self->settings, name, target, property,
                                       G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE)));
}

static void
unbind_settings (RdmPathsPage *self)
{
  for (guint i = 0; i < self->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->bindings, i));
  g_ptr_array_set_size (self->bindings, 0);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
}

static void
copy_table_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmPathsPage *self = RDM_PATHS_PAGE (widget);
  g_autofree char *text = rdm_result_table_to_text (self->table, G_LIST_MODEL (self->rows));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

/* Public API */

RdmProject *
rdm_paths_page_get_project (RdmPathsPage *self)
{
  g_return_val_if_fail (RDM_IS_PATHS_PAGE (self), NULL);

  return self->project;
}

void
rdm_paths_page_set_project (RdmPathsPage *self, RdmProject *project)
{
  g_return_if_fail (RDM_IS_PATHS_PAGE (self));
  g_return_if_fail (project == NULL || RDM_IS_PROJECT (project));

  if (!g_set_object (&self->project, project))
    return;
  rdm_analysis_worker_set_project_path (self->worker,
                                        project != NULL ? rdm_project_get_path (project) : NULL);
  adw_status_page_set_icon_name (self->status_page, "view-list-bullet-symbolic");
  adw_status_page_set_title (self->status_page,
                             project == NULL ? _ ("No Project") : _ ("Loading the Project…"));
  adw_status_page_set_description (
      self->status_page,
      project == NULL ? _ ("Open a project to see its conversion paths.") : NULL);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

void
rdm_paths_page_reload (RdmPathsPage *self)
{
  g_return_if_fail (RDM_IS_PATHS_PAGE (self));

  /* the results shown stay until the new ones arrive */
  rdm_analysis_worker_reload (self->worker);
}

RdmAnalysisSettings *
rdm_paths_page_get_settings (RdmPathsPage *self)
{
  g_return_val_if_fail (RDM_IS_PATHS_PAGE (self), NULL);

  return self->settings;
}

void
rdm_paths_page_set_settings (RdmPathsPage *self, RdmAnalysisSettings *settings)
{
  g_autoptr (RdmAnalysisSettings) fresh = NULL;

  g_return_if_fail (RDM_IS_PATHS_PAGE (self));
  g_return_if_fail (settings == NULL || RDM_IS_ANALYSIS_SETTINGS (settings));

  if (settings == NULL)
    settings = fresh = rdm_analysis_settings_new ();
  if (settings == self->settings)
    return;
  unbind_settings (self);
  g_set_object (&self->settings, settings);
  bind (self, "click-window", gtk_spin_button_get_adjustment (self->click_window_spin), "value");
  bind (self, "view-window", gtk_spin_button_get_adjustment (self->view_window_spin), "value");
  bind (self, "level", self->level_dropdown, "selected");
  bind (self, "segment", self->segment_picker, "segment");
  g_signal_connect_object (self->settings, "notify", G_CALLBACK (on_settings_notify), self,
                           G_CONNECT_SWAPPED);
  sync_choices (self);
  request (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
}

GtkWidget *
rdm_paths_page_new (void)
{
  return g_object_new (RDM_TYPE_PATHS_PAGE, NULL);
}

/* Private API, for tests */

guint
_rdm_paths_page_get_n_results (RdmPathsPage *self)
{
  return self->n_results;
}

GListModel *
_rdm_paths_page_get_rows (RdmPathsPage *self)
{
  return G_LIST_MODEL (self->rows);
}

GtkSpinButton *
_rdm_paths_page_get_click_window_spin (RdmPathsPage *self)
{
  return self->click_window_spin;
}

RdmChart *
_rdm_paths_page_get_chart (RdmPathsPage *self, guint index)
{
  RdmChartView *views[N_CHARTS] = { self->length_chart, self->time_chart, self->assist_chart,
                                    self->position_chart, self->overlap_chart };

  g_return_val_if_fail (index < N_CHARTS, NULL);

  return rdm_chart_view_get_chart (views[index]);
}

GtkWidget *
_rdm_paths_page_get_report (RdmPathsPage *self)
{
  return GTK_WIDGET (self->report);
}

/* GObject */

static void
rdm_paths_page_dispose (GObject *object)
{
  RdmPathsPage *self = RDM_PATHS_PAGE (object);
  GtkWidget *child;

  if (self->worker != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->worker, self);
      rdm_analysis_worker_set_project_path (self->worker, NULL);
    }
  if (self->bindings != NULL)
    unbind_settings (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), RDM_TYPE_PATHS_PAGE);
  /* the template's root box has no id, so it is not one of the children
   * dispose_template() unparents */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->worker);
  g_clear_object (&self->settings);
  g_clear_object (&self->project);
  g_clear_object (&self->rows);
  G_OBJECT_CLASS (rdm_paths_page_parent_class)->dispose (object);
}

static void
rdm_paths_page_finalize (GObject *object)
{
  RdmPathsPage *self = RDM_PATHS_PAGE (object);

  g_clear_pointer (&self->bindings, g_ptr_array_unref);
  g_clear_pointer (&self->period_codes, g_ptr_array_unref);
  g_clear_pointer (&self->event_names, g_ptr_array_unref);
  G_OBJECT_CLASS (rdm_paths_page_parent_class)->finalize (object);
}

static void
rdm_paths_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RdmPathsPage *self = RDM_PATHS_PAGE (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rdm_paths_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RdmPathsPage *self = RDM_PATHS_PAGE (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      rdm_paths_page_set_project (self, g_value_get_object (value));
      break;
    case PROP_SETTINGS:
      rdm_paths_page_set_settings (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rdm_paths_page_class_init (RdmPathsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rdm_paths_page_dispose;
  object_class->finalize = rdm_paths_page_finalize;
  object_class->get_property = rdm_paths_page_get_property;
  object_class->set_property = rdm_paths_page_set_property;

  properties[PROP_PROJECT]
      = g_param_spec_object ("project", NULL, NULL, RDM_TYPE_PROJECT,
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SETTINGS]
      = g_param_spec_object ("settings", NULL, NULL, RDM_TYPE_ANALYSIS_SETTINGS,
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "paths.copy-table", NULL, copy_table_action);

  rdm_widgets_ensure_resources ();
  g_type_ensure (RDM_TYPE_CHART_VIEW);
  g_type_ensure (RDM_TYPE_SEGMENT_PICKER);
  g_type_ensure (RDM_TYPE_SETTINGS_SUMMARY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/rendement/Rendement/widgets/rdm-paths-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, RdmPathsPage, settings_summary);
  gtk_widget_class_bind_template_child (widget_class, RdmPathsPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdmPathsPage, event_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdmPathsPage, level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdmPathsPage, segment_picker);
  gtk_widget_class_bind_template_child (widget_class, RdmPathsPage, click_window_spin);
  gtk_widget_class_bind_template_child (widget_class, RdmPathsPage, view_window_spin);
  gtk_widget_class_bind_template_child (widget_class, RdmPathsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RdmPathsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RdmPathsPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, RdmPathsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RdmPathsPage, table);
  gtk_widget_class_bind_template_child (widget_class, RdmPathsPage, report);
  gtk_widget_class_bind_template_child (widget_class, RdmPathsPage, length_chart);
  gtk_widget_class_bind_template_child (widget_class, RdmPathsPage, time_chart);
  gtk_widget_class_bind_template_child (widget_class, RdmPathsPage, assist_chart);
  gtk_widget_class_bind_template_child (widget_class, RdmPathsPage, position_chart);
  gtk_widget_class_bind_template_child (widget_class, RdmPathsPage, overlap_chart);
}

static void
rdm_paths_page_init (RdmPathsPage *self)
{
  GtkSelectionModel *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  g_object_bind_property (self, "project", self->segment_picker, "project", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "settings", self->settings_summary, "settings",
                          G_BINDING_SYNC_CREATE);

  self->rows = g_list_store_new (RDM_TYPE_RESULT_ROW);
  self->bindings = g_ptr_array_new_with_free_func (g_object_unref);
  self->period_codes = g_ptr_array_new_with_free_func (g_free);
  self->event_names = g_ptr_array_new_with_free_func (g_free);

  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows))));
  gtk_column_view_set_model (self->table, selection);
  g_object_unref (selection);

  g_signal_connect_object (self->period_dropdown, "notify::selected",
                           G_CALLBACK (on_choice_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->event_dropdown, "notify::selected",
                           G_CALLBACK (on_choice_selected), self, G_CONNECT_SWAPPED);

  self->worker = rdm_analysis_worker_new (RDM_ANALYSIS_PATHS);
  g_object_bind_property (self->worker, "busy", self->spinner, "spinning", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->worker, "finished", G_CALLBACK (on_finished), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->worker, "notify::loaded", G_CALLBACK (on_loaded), self,
                           G_CONNECT_SWAPPED);

  rdm_paths_page_set_settings (self, NULL);
  fill_choices (self);
}
