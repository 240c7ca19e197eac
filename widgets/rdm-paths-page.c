/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Paths section: the conversion paths report (rdm-path-analysis) over
 * the same journeys as "rendement-cli paths" for the same settings. Its
 * compact settings bar binds to the session's settings, which every
 * section shares.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "rdm-analysis-section.h"
#include "rdm-chart-view.h"
#include "rdm-path-set.h"
#include "rdm-paths-page-private.h"
#include "rdm-result-row.h"
#include "rdm-result-table.h"
#include "rdm-settings-summary.h"
#include "rdm-segment-picker.h"

/* a heat map of more labels has unreadable cells */
#define MAX_OVERLAP_LABELS 12
#define N_CHARTS 5

struct _RdmPathsPage
{
  RdmSection parent_instance;

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
  AdwStatusPage *error_page;
  GtkLabel *summary_label;
  GtkColumnView *table;
  GtkWidget *report;
  RdmChartView *length_chart;
  RdmChartView *time_chart;
  RdmChartView *assist_chart;
  RdmChartView *position_chart;
  RdmChartView *overlap_chart;

  /* Owned references */
  RdmAnalysisWorker *worker;
  GListStore *rows;
  GPtrArray *period_codes; /* char *: NULL for all the data, then "2026Q2"… */
  GPtrArray *event_names;  /* char *: NULL for all events */

  guint n_results;
  gboolean syncing;
};

G_DEFINE_FINAL_TYPE (RdmPathsPage, rdm_paths_page, RDM_TYPE_SECTION)

/* "(none)" inside a path text, for people */
static char *
display_path (RdmLevel level, const char *path)
{
  g_auto (GStrv) labels = g_strsplit (path, RDM_PATH_SEPARATOR, -1);
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; labels[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (text, " → ");
      g_string_append (text, rdm_analysis_section_level_label (level, labels[i]));
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
fill_top_paths (RdmPathsPage *self, const RdmPathAnalysis *report, RdmLevel level)
{
  const char *titles[] = { _ ("Conversions"), _ ("Share"), _ ("Value") };
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < report->top_paths->len; i++)
    {
      const RdmTopPath *path = &g_array_index (report->top_paths, RdmTopPath, i);
      g_autofree char *text = display_path (level, path->path);
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
fill_label_charts (RdmPathsPage *self, const RdmPathAnalysis *report, RdmLevel level)
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

      names[k] = rdm_analysis_section_level_label (level, report->label_names[i]);
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
  /* without an error, the worker always builds the report */
  if (result->error != NULL)
    {
      rdm_section_show_error (RDM_SECTION (self), _ ("Cannot Build the Paths"), result->error);
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
  fill_top_paths (self, report, result->level);
  fill_histograms (self, report);
  fill_label_charts (self, report, result->level);
  rdm_section_show_state (RDM_SECTION (self), "report");
}

/* Settings */

static void
sync_choices (RdmPathsPage *self)
{
  RdmAnalysisSettings *settings = rdm_section_get_settings (RDM_SECTION (self));
  g_autofree char *period = NULL;
  g_autofree char *event = NULL;

  if (settings == NULL)
    return;
  g_object_get (settings, "period", &period, "event", &event, NULL);
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
rdm_paths_page_settings_changed (RdmSection *section, GParamSpec *pspec)
{
  RdmPathsPage *self = RDM_PATHS_PAGE (section);
  const char *name = g_param_spec_get_name (pspec);

  sync_choices (self);
  /* the report reads journeys only: model settings do not change it */
  if (g_str_equal (name, "click-window") || g_str_equal (name, "view-window")
      || g_str_equal (name, "period") || g_str_equal (name, "event") || g_str_equal (name, "level")
      || g_str_equal (name, "restart") || g_str_equal (name, "segment"))
    rdm_analysis_section_request (RDM_SECTION (self), self->worker);
}

static void
on_choice_selected (RdmPathsPage *self, GParamSpec *pspec, GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  GPtrArray *values = dropdown == self->period_dropdown ? self->period_codes : self->event_names;

  if (self->syncing || selected >= values->len)
    return;
  g_object_set (rdm_section_get_settings (RDM_SECTION (self)),
                dropdown == self->period_dropdown ? "period" : "event",
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
  rdm_analysis_section_request (RDM_SECTION (self), self->worker);
}

/* RdmSection */

static void
rdm_paths_page_reload (RdmSection *section)
{
  RdmPathsPage *self = RDM_PATHS_PAGE (section);

  rdm_analysis_section_show_session (section, self->worker, self->status_page,
                                     RDM_SEGMENT_PICKER (self->segment_picker),
                                     _ ("Open a project to see its conversion paths."));
  sync_choices (self);
}

static GtkColumnView *
rdm_paths_page_get_table (RdmSection *section, GListModel **out_rows)
{
  RdmPathsPage *self = RDM_PATHS_PAGE (section);

  if (g_strcmp0 (rdm_section_get_state (section), "report") != 0)
    return NULL;
  *out_rows = G_LIST_MODEL (self->rows);
  return self->table;
}

/* Public API */

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
  if (self->worker != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->worker, self);
      rdm_analysis_worker_set_data (self->worker, NULL);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), RDM_TYPE_PATHS_PAGE);
  g_clear_object (&self->worker);
  g_clear_object (&self->rows);
  G_OBJECT_CLASS (rdm_paths_page_parent_class)->dispose (object);
}

static void
rdm_paths_page_finalize (GObject *object)
{
  RdmPathsPage *self = RDM_PATHS_PAGE (object);

  g_clear_pointer (&self->period_codes, g_ptr_array_unref);
  g_clear_pointer (&self->event_names, g_ptr_array_unref);
  G_OBJECT_CLASS (rdm_paths_page_parent_class)->finalize (object);
}

static void
rdm_paths_page_class_init (RdmPathsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RdmSectionClass *section_class = RDM_SECTION_CLASS (klass);

  object_class->dispose = rdm_paths_page_dispose;
  object_class->finalize = rdm_paths_page_finalize;
  section_class->reload = rdm_paths_page_reload;
  section_class->settings_changed = rdm_paths_page_settings_changed;
  section_class->get_table = rdm_paths_page_get_table;

  rdm_widgets_ensure_resources ();
  g_type_ensure (RDM_TYPE_CHART_VIEW);
  g_type_ensure (RDM_TYPE_SEGMENT_PICKER);
  g_type_ensure (RDM_TYPE_SETTINGS_SUMMARY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/rendement/Rendement/widgets/rdm-paths-page.ui");
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
  gtk_widget_class_bind_template_child (widget_class, RdmPathsPage, error_page);
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
  RdmSection *section = RDM_SECTION (self);
  GtkSelectionModel *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  rdm_section_set_status_widgets (section, self->stack, self->spinner, self->error_page);

  self->rows = g_list_store_new (RDM_TYPE_RESULT_ROW);
  self->period_codes = g_ptr_array_new_with_free_func (g_free);
  self->event_names = g_ptr_array_new_with_free_func (g_free);

  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows))));
  gtk_column_view_set_model (self->table, selection);
  g_object_unref (selection);

  g_signal_connect_object (self->period_dropdown, "notify::selected",
                           G_CALLBACK (on_choice_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->event_dropdown, "notify::selected",
                           G_CALLBACK (on_choice_selected), self, G_CONNECT_SWAPPED);

  self->worker = rdm_analysis_section_add_worker (section, RDM_ANALYSIS_PATHS,
                                                  G_CALLBACK (on_finished), G_CALLBACK (on_loaded));

  rdm_section_bind_settings (section, G_OBJECT (self->settings_summary), "settings");
  rdm_section_bind_setting (section, "click-window",
                            gtk_spin_button_get_adjustment (self->click_window_spin), "value");
  rdm_section_bind_setting (section, "view-window",
                            gtk_spin_button_get_adjustment (self->view_window_spin), "value");
  rdm_section_bind_setting (section, "level", self->level_dropdown, "selected");
  rdm_section_bind_setting (section, "segment", self->segment_picker, "segment");
  rdm_section_show_state (section, "empty");
  fill_choices (self);
}
