/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rdm-result-row.h"
#include "rdm-result-table.h"
#include "rdm-segment-comparison-view-private.h"
#include "rdm-segments.h"
#include "rdm-table-export-button.h"

enum
{
  PROP_0,
  PROP_SETTINGS,
  PROP_BUSY,
  N_PROPS
};

enum
{
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RdmSegmentComparisonView, rdm_segment_comparison_view, GTK_TYPE_WIDGET)

static void
fail (RdmSegmentComparisonView *self, const char *message)
{
  g_signal_emit (self, signals[FAILED], 0, message);
}

static void
set_comparing (RdmSegmentComparisonView *self, gboolean comparing)
{
  if (self->comparing == comparing)
    return;
  self->comparing = comparing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
cancel_comparison (RdmSegmentComparisonView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_comparing (self, FALSE);
}

/* the models offered, in the order of the model drop-down (those of the
 * ROI section too: the model is shared) */
static const RdmModel offered_models[] = {
  RDM_MODEL_LINEAR,          RDM_MODEL_FIRST,    RDM_MODEL_LAST,
  RDM_MODEL_LAST_NON_DIRECT, RDM_MODEL_POSITION, RDM_MODEL_TIME_DECAY,
  RDM_MODEL_MARKOV,          RDM_MODEL_SHAPLEY,  RDM_MODEL_POSITION_DECAY,
};

static void
set_table_model (GtkColumnView *view, GListStore *rows)
{
  g_autoptr (GtkNoSelection) selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (rows)));

  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (selection));
}

static char *
format_count (guint64 count)
{
  return rdm_result_format_number ((double)count, 0);
}

static char *
format_interval (double low, double high)
{
  g_autofree char *l = rdm_result_format_percent (low);
  g_autofree char *h = rdm_result_format_percent (high);

  /* TRANSLATORS: a 95% interval of a rate, e.g. "5.5%–6.1%" */
  return g_strdup_printf (_ ("%s–%s"), l, h);
}

/* The options of the settings (the Attribution section's windows, period
 * and event), or the defaults "rendement-cli compare" uses when they
 * cannot be turned into options. */
static void
get_options (RdmSegmentComparisonView *self, RdmPathOptions *path, RdmModelOptions *model)
{
  g_autoptr (GError) error = NULL;

  if (rdm_analysis_settings_get_options (self->settings, path, model, &error))
    return;
  rdm_path_options_clear (path);
  rdm_model_options_clear (model);
  fail (self, error->message);
  rdm_path_options_init (path);
  rdm_model_options_init (model);
}

/* Comparison */

typedef struct
{
  RdmSegmentsShared *shared;
  GPtrArray *names;   /* char * */
  GPtrArray *bitmaps; /* guint64 *, NULL for everyone */
  RdmModel model;
  RdmPathOptions path;
  RdmModelOptions model_options;
} CompareJob;

static void
compare_job_free (gpointer data)
{
  CompareJob *job = data;

  rdm_segments_shared_unref (job->shared);
  g_ptr_array_unref (job->names);
  g_ptr_array_unref (job->bitmaps);
  rdm_path_options_clear (&job->path);
  rdm_model_options_clear (&job->model_options);
  g_free (job);
}

static void
compare_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  CompareJob *job = task_data;
  GError *error = NULL;
  RdmSegmentComparison *comparison
      = rdm_segment_compare (job->shared->data->store, (const char *const *)job->names->pdata,
                             (const guint64 *const *)job->bitmaps->pdata, job->names->len,
                             &job->path, job->model, &job->model_options, cancellable, &error);

  if (comparison == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, comparison, (GDestroyNotify)rdm_segment_comparison_free);
}

static int
compare_credit (gconstpointer a, gconstpointer b, gpointer data)
{
  const RdmCredit *credit = data;
  const char *x = *(const char *const *)a;
  const char *y = *(const char *const *)b;
  int i, j;
  double cx, cy;

  if (g_str_equal (x, RDM_NO_TOUCH_LABEL) != g_str_equal (y, RDM_NO_TOUCH_LABEL))
    return g_str_equal (x, RDM_NO_TOUCH_LABEL) ? 1 : -1;
  i = credit != NULL ? rdm_credit_find_label (credit, x) : -1;
  j = credit != NULL ? rdm_credit_find_label (credit, y) : -1;
  cx = i >= 0 ? credit->conversions[i] : 0;
  cy = j >= 0 ? credit->conversions[j] : 0;
  if (cx != cy)
    return cx > cy ? -1 : 1;
  return g_utf8_collate (x, y);
}

static void
show_comparison (RdmSegmentComparisonView *self)
{
  const RdmSegmentComparison *comparison = self->comparison;
  const RdmEventStore *store = self->shared->data->store;
  const char *const titles[]
      = { _ ("Visitors"),      _ ("Converters"),  _ ("Rate"),        _ ("95% interval"),
          _ ("Value/visitor"), _ ("Path length"), _ ("Top channels") };
  g_autoptr (RdmChart) chart = rdm_chart_new (RDM_CHART_KIND_GROUPED_BARS);
  g_autofree double *rates = g_new0 (double, MAX (comparison->n_segments, 1));
  g_autofree double *lows = g_new0 (double, MAX (comparison->n_segments, 1));
  g_autofree double *highs = g_new0 (double, MAX (comparison->n_segments, 1));
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();
  g_autoptr (GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *credit_title = NULL;

  g_list_store_remove_all (self->compare_rows);
  rdm_result_table_set_columns (self->compare_table, _ ("Segment"), 190, titles,
                                G_N_ELEMENTS (titles));
  for (guint i = 0; i < comparison->n_segments; i++)
    {
      const RdmSegmentStats *s = &comparison->segments[i];
      g_autoptr (RdmResultRow) row = rdm_result_row_new (s->name, s->name, G_N_ELEMENTS (titles));
      g_autoptr (GString) top = g_string_new (NULL);

      rdm_result_row_set_cell (row, 0, (double)s->visitors, format_count (s->visitors));
      rdm_result_row_set_cell (row, 1, (double)s->converters, format_count (s->converters));
      rdm_result_row_set_cell (row, 2, s->rate, rdm_result_format_percent (s->rate));
      rdm_result_row_set_cell (row, 3, s->rate_low, format_interval (s->rate_low, s->rate_high));
      rdm_result_row_set_cell (row, 4, s->value_per_visitor,
                               rdm_result_format_number (s->value_per_visitor, 2));
      rdm_result_row_set_cell (row, 5, s->avg_path_length,
                               rdm_result_format_number (s->avg_path_length, 2));
      for (guint t = 0; t < s->n_top_channels; t++)
        g_string_append_printf (top, "%s%s", t > 0 ? ", " : "",
                                (const char *)store->channel_names->pdata[s->top_channels[t]]);
      rdm_result_row_set_cell (row, 6, NAN, g_string_free (g_steal_pointer (&top), FALSE));
      g_list_store_append (self->compare_rows, row);

      rdm_chart_add_category (chart, s->name);
      rates[i] = isfinite (s->rate) ? s->rate * 100 : NAN;
      lows[i] = s->rate_low * 100;
      highs[i] = s->rate_high * 100;
      for (guint l = 0; s->credit != NULL && l < s->credit->n_labels; l++)
        if (!g_ptr_array_find_with_equal_func (labels, s->credit->label_names[l], g_str_equal,
                                               NULL))
          g_ptr_array_add (labels, s->credit->label_names[l]);
      g_ptr_array_add (columns, g_strdup (s->name));
    }
  /* channels by the first segment's (everyone's) credit, most first; "No touch" last */
  g_ptr_array_sort_with_data (labels, compare_credit, comparison->segments[0].credit);
  rdm_chart_set_title (chart, _ ("Conversion rate by segment, with 95% intervals"));
  rdm_chart_set_axis_labels (chart, NULL, _ ("Conversion rate (%)"));
  rdm_chart_add_series (chart, _ ("Conversion rate"), rates, comparison->n_segments);
  rdm_chart_set_series_ci (chart, 0, lows, highs, comparison->n_segments);
  rdm_chart_view_set_chart (self->compare_chart, chart);

  /* TRANSLATORS: %s is a model name such as "Linear" */
  credit_title = g_strdup_printf (_ ("Credited conversions by channel (%s)"),
                                  rdm_model_display_name (comparison->model));
  gtk_label_set_text (self->credit_title, credit_title);
  g_list_store_remove_all (self->credit_rows);
  rdm_result_table_set_columns (self->credit_table, _ ("Channel"), 180,
                                (const char *const *)columns->pdata, columns->len);
  for (guint l = 0; l < labels->len; l++)
    {
      const char *label = labels->pdata[l];
      g_autoptr (RdmResultRow) row
          = rdm_result_row_new (g_str_equal (label, RDM_NO_TOUCH_LABEL) ? _ ("No touch") : label,
                                label, comparison->n_segments);

      for (guint i = 0; i < comparison->n_segments; i++)
        {
          const RdmCredit *credit = comparison->segments[i].credit;
          int index = credit != NULL ? rdm_credit_find_label (credit, label) : -1;
          double value = index >= 0 ? credit->conversions[index] : 0;

          rdm_result_row_set_cell (row, i, value, rdm_result_format_number (value, 2));
        }
      g_list_store_append (self->credit_rows, row);
    }
}

static void
compare_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  RdmSegmentComparison *comparison = g_task_propagate_pointer (G_TASK (result), &error);
  RdmSegmentComparisonView *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = RDM_SEGMENT_COMPARISON_VIEW (source);
  set_comparing (self, FALSE);
  if (comparison == NULL)
    {
      fail (self, error->message);
      return;
    }
  g_clear_pointer (&self->comparison, rdm_segment_comparison_free);
  self->comparison = comparison;
  show_comparison (self);
}

static void
request_comparison (RdmSegmentComparisonView *self)
{
  g_autoptr (GTask) task = NULL;
  CompareJob *job;

  if (self->shared == NULL || self->settings == NULL)
    return;
  cancel_comparison (self);
  self->cancellable = g_cancellable_new ();

  job = g_new0 (CompareJob, 1);
  job->shared = rdm_segments_shared_ref (self->shared);
  job->names = g_ptr_array_new_with_free_func (g_free);
  job->bitmaps = g_ptr_array_new_with_free_func (g_free);
  g_object_get (self->settings, "model", &job->model, NULL);
  get_options (self, &job->path, &job->model_options);
  g_ptr_array_add (job->names, g_strdup (_ ("Everyone")));
  g_ptr_array_add (job->bitmaps, NULL);
  for (guint i = 0; i < self->segments->len; i++)
    {
      const RdmSegmentRecord *segment = self->segments->pdata[i];
      g_autoptr (GError) error = NULL;
      guint64 *bitmap
          = rdm_segment_data_evaluate (self->shared->data, segment->filter, FALSE, NULL, &error);

      if (bitmap == NULL)
        {
          g_autofree char *message = g_strdup_printf ("%s: %s", segment->name, error->message);

          fail (self, message);
          continue;
        }
      g_ptr_array_add (job->names, g_strdup (segment->name));
      g_ptr_array_add (job->bitmaps, bitmap);
    }

  set_comparing (self, TRUE);
  task = g_task_new (self, self->cancellable, compare_done_cb, NULL);
  g_task_set_source_tag (task, request_comparison);
  g_task_set_task_data (task, job, compare_job_free);
  g_task_run_in_thread (task, compare_thread);
}

/* Discovery */

static void
update_discovery (RdmSegmentComparisonView *self)
{
  const char *const titles[] = { _ ("Visitors"),     _ ("Converters"), _ ("Rate"),
                                 _ ("95% interval"), _ ("p-value"),    _ ("Difference") };
  guint position = gtk_drop_down_get_selected (self->discover_key_dropdown);
  const char *within = rdm_segment_picker_get_segment (self->discover_within);
  g_autofree guint64 *base = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmChart) chart = NULL;
  g_autofree double *rates = NULL;
  g_autofree double *lows = NULL;
  g_autofree double *highs = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *rate = NULL;
  g_autofree char *interval = NULL;
  g_autofree char *visitors = NULL;
  RdmPathOptions path;
  RdmModelOptions model;
  const RdmDiscovery *d;

  g_clear_pointer (&self->discovery, rdm_discovery_free);
  g_list_store_remove_all (self->discover_rows);
  rdm_result_table_set_columns (self->discover_table, _ ("Value"), 160, titles,
                                G_N_ELEMENTS (titles));
  if (self->shared == NULL || self->settings == NULL || position == GTK_INVALID_LIST_POSITION
      || position >= g_list_model_get_n_items (G_LIST_MODEL (self->key_list)))
    {
      gtk_label_set_text (self->discover_summary, "");
      rdm_chart_view_set_chart (self->discover_chart, NULL);
      return;
    }
  if (within != NULL)
    {
      g_autofree char *filter = rdm_project_get_segment_filter (self->project, within, &error);

      if (filter != NULL)
        base = rdm_segment_data_evaluate (self->shared->data, filter, FALSE, NULL, &error);
      if (base == NULL)
        {
          gtk_label_set_text (self->discover_summary, error->message);
          return;
        }
    }
  get_options (self, &path, &model);
  self->discovery
      = rdm_segment_discover (self->shared->data->store, self->shared->data->facts, base,
                              gtk_string_list_get_string (self->key_list, position), &path, &error);
  rdm_path_options_clear (&path);
  rdm_model_options_clear (&model);
  if (self->discovery == NULL)
    {
      gtk_label_set_text (self->discover_summary, error->message);
      return;
    }
  d = self->discovery;
  rate = rdm_result_format_percent (d->rate);
  interval = format_interval (d->rate_low, d->rate_high);
  visitors = format_count (d->visitors);
  /* TRANSLATORS: visitors, rate, interval; a p-value under 0.05 flags a real difference */
  summary = g_strdup_printf (
      _ ("%s visitors convert at %s (%s). A difference is called real when the value’s visitors "
         "differ from the other visitors with p < 0.05 (two-proportion z-test, not corrected "
         "for the number of values)."),
      visitors, rate, interval);
  gtk_label_set_text (self->discover_summary, summary);

  chart = rdm_chart_new (RDM_CHART_KIND_GROUPED_BARS);
  rates = g_new0 (double, MAX (d->n_rows, 1));
  lows = g_new0 (double, MAX (d->n_rows, 1));
  highs = g_new0 (double, MAX (d->n_rows, 1));
  for (guint i = 0; i < d->n_rows; i++)
    {
      const RdmDiscoveryRow *r = &d->rows[i];
      g_autoptr (RdmResultRow) row = rdm_result_row_new (r->value, r->value, G_N_ELEMENTS (titles));
      gboolean real = isfinite (r->p_value) && r->p_value < 0.05;

      rdm_result_row_set_cell (row, 0, (double)r->visitors, format_count (r->visitors));
      rdm_result_row_set_cell (row, 1, (double)r->converters, format_count (r->converters));
      rdm_result_row_set_cell (row, 2, r->rate, rdm_result_format_percent (r->rate));
      rdm_result_row_set_cell (row, 3, r->rate_low, format_interval (r->rate_low, r->rate_high));
      rdm_result_row_set_cell (row, 4, r->p_value,
                               r->p_value < 0.0001 ? g_strdup ("< 0.0001")
                                                   : rdm_result_format_number (r->p_value, 4));
      rdm_result_row_set_cell (
          row, 5, real ? 1 : 0,
          g_strdup (real ? (r->rate > d->rate ? _ ("Real: higher") : _ ("Real: lower"))
                         : _ ("Could be chance")));
      g_list_store_append (self->discover_rows, row);
      rdm_chart_add_category (chart, r->value);
      rates[i] = r->rate * 100;
      lows[i] = r->rate_low * 100;
      highs[i] = r->rate_high * 100;
    }
  rdm_chart_set_title (chart, _ ("Conversion rate by value, with 95% intervals"));
  rdm_chart_set_axis_labels (chart, NULL, _ ("Conversion rate (%)"));
  rdm_chart_add_series (chart, _ ("Conversion rate"), rates, d->n_rows);
  rdm_chart_set_series_ci (chart, 0, lows, highs, d->n_rows);
  rdm_chart_view_set_chart (self->discover_chart, chart);
}

/* The model compared is the settings' "model" (that of ROI and the KPIs):
 * the drop-down shows it and sets it. */
static void
sync_model (RdmSegmentComparisonView *self)
{
  guint model;
  guint selected = GTK_INVALID_LIST_POSITION;

  if (self->settings == NULL)
    return;
  g_object_get (self->settings, "model", &model, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (offered_models); i++)
    if (offered_models[i] == model)
      selected = i;
  self->syncing_model = TRUE;
  gtk_drop_down_set_selected (self->model_dropdown, selected);
  self->syncing_model = FALSE;
}

static void
model_selected_cb (RdmSegmentComparisonView *self)
{
  guint selected = gtk_drop_down_get_selected (self->model_dropdown);

  /* the settings' change compares again */
  if (!self->syncing_model && self->settings != NULL && selected < G_N_ELEMENTS (offered_models))
    g_object_set (self->settings, "model", (guint)offered_models[selected], NULL);
}

void
rdm_segment_comparison_view_set_project (RdmSegmentComparisonView *self, RdmProject *project)
{
  g_return_if_fail (RDM_IS_SEGMENT_COMPARISON_VIEW (self));
  g_return_if_fail (project == NULL || RDM_IS_PROJECT (project));

  if (g_set_object (&self->project, project))
    rdm_segment_picker_set_project (self->discover_within, project);
}

/* The data's attribute keys, by name: what discovery ranks. */
static void
set_up_keys (RdmSegmentComparisonView *self)
{
  g_autoptr (GPtrArray) keys = NULL;

  gtk_string_list_splice (self->key_list, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->key_list)), NULL);
  if (self->shared == NULL)
    return;
  keys = rdm_segments_sorted_strings (self->shared->data->facts->attribute_keys);
  for (guint i = 0; i < keys->len; i++)
    gtk_string_list_append (self->key_list, keys->pdata[i]);
}

void
rdm_segment_comparison_view_set_data (RdmSegmentComparisonView *self, RdmSegmentsShared *shared)
{
  g_return_if_fail (RDM_IS_SEGMENT_COMPARISON_VIEW (self));

  if (shared == self->shared)
    return;
  cancel_comparison (self);
  g_clear_pointer (&self->comparison, rdm_segment_comparison_free);
  g_clear_pointer (&self->shared, rdm_segments_shared_unref);
  g_list_store_remove_all (self->compare_rows);
  g_list_store_remove_all (self->credit_rows);
  rdm_chart_view_set_chart (self->compare_chart, NULL);
  if (shared != NULL)
    self->shared = rdm_segments_shared_ref (shared);
  set_up_keys (self);
  sync_model (self);
  request_comparison (self);
  update_discovery (self);
}

void
rdm_segment_comparison_view_set_segments (RdmSegmentComparisonView *self, GPtrArray *segments)
{
  g_return_if_fail (RDM_IS_SEGMENT_COMPARISON_VIEW (self));
  g_return_if_fail (segments != NULL);

  g_ptr_array_unref (self->segments);
  self->segments = g_ptr_array_ref (segments);
  request_comparison (self);
}

void
rdm_segment_comparison_view_segments_saved (RdmSegmentComparisonView *self)
{
  g_return_if_fail (RDM_IS_SEGMENT_COMPARISON_VIEW (self));
  rdm_segment_picker_refresh (self->discover_within);
}

void
rdm_segment_comparison_view_settings_changed (RdmSegmentComparisonView *self)
{
  g_return_if_fail (RDM_IS_SEGMENT_COMPARISON_VIEW (self));

  sync_model (self);
  request_comparison (self);
  update_discovery (self);
}

gboolean
rdm_segment_comparison_view_get_busy (RdmSegmentComparisonView *self)
{
  g_return_val_if_fail (RDM_IS_SEGMENT_COMPARISON_VIEW (self), FALSE);
  return self->comparing;
}

GtkColumnView *
rdm_segment_comparison_view_get_table (RdmSegmentComparisonView *self, GListModel **out_rows)
{
  g_return_val_if_fail (RDM_IS_SEGMENT_COMPARISON_VIEW (self), NULL);

  if (self->comparison == NULL)
    return NULL;
  *out_rows = G_LIST_MODEL (self->compare_rows);
  return self->compare_table;
}

static void
set_settings (RdmSegmentComparisonView *self, RdmAnalysisSettings *settings)
{
  if (!g_set_object (&self->settings, settings))
    return;
  rdm_segment_comparison_view_settings_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
}

/* GObject */

static void
rdm_segment_comparison_view_dispose (GObject *object)
{
  RdmSegmentComparisonView *self = RDM_SEGMENT_COMPARISON_VIEW (object);
  GtkWidget *child;

  cancel_comparison (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), RDM_TYPE_SEGMENT_COMPARISON_VIEW);
  /* the template's root box has no id, so dispose_template leaves it */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->settings);
  g_clear_object (&self->project);
  g_clear_object (&self->compare_rows);
  g_clear_object (&self->credit_rows);
  g_clear_object (&self->discover_rows);
  g_clear_object (&self->key_list);
  G_OBJECT_CLASS (rdm_segment_comparison_view_parent_class)->dispose (object);
}

static void
rdm_segment_comparison_view_finalize (GObject *object)
{
  RdmSegmentComparisonView *self = RDM_SEGMENT_COMPARISON_VIEW (object);

  g_ptr_array_unref (self->segments);
  g_clear_pointer (&self->shared, rdm_segments_shared_unref);
  g_clear_pointer (&self->comparison, rdm_segment_comparison_free);
  g_clear_pointer (&self->discovery, rdm_discovery_free);
  G_OBJECT_CLASS (rdm_segment_comparison_view_parent_class)->finalize (object);
}

static void
rdm_segment_comparison_view_get_property (GObject *object,
                                          guint prop_id,
                                          GValue *value,
                                          GParamSpec *pspec)
{
  RdmSegmentComparisonView *self = RDM_SEGMENT_COMPARISON_VIEW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->comparing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rdm_segment_comparison_view_set_property (GObject *object,
                                          guint prop_id,
                                          const GValue *value,
                                          GParamSpec *pspec)
{
  RdmSegmentComparisonView *self = RDM_SEGMENT_COMPARISON_VIEW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      set_settings (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rdm_segment_comparison_view_class_init (RdmSegmentComparisonViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rdm_segment_comparison_view_dispose;
  object_class->finalize = rdm_segment_comparison_view_finalize;
  object_class->get_property = rdm_segment_comparison_view_get_property;
  object_class->set_property = rdm_segment_comparison_view_set_property;

  properties[PROP_SETTINGS]
      = g_param_spec_object ("settings", NULL, NULL, RDM_TYPE_ANALYSIS_SETTINGS,
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY]
      = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  rdm_widgets_ensure_resources ();
  g_type_ensure (RDM_TYPE_CHART_VIEW);
  g_type_ensure (RDM_TYPE_SEGMENT_PICKER);
  g_type_ensure (RDM_TYPE_TABLE_EXPORT_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, "/fr/rendement/Rendement/widgets/"
                                                             "rdm-segment-comparison-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentComparisonView, model_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentComparisonView, compare_table);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentComparisonView, compare_chart);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentComparisonView, credit_title);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentComparisonView, credit_table);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentComparisonView,
                                        discover_key_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentComparisonView, discover_within);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentComparisonView, discover_summary);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentComparisonView, discover_table);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentComparisonView, discover_chart);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rdm_segment_comparison_view_init (RdmSegmentComparisonView *self)
{
  g_autoptr (GtkStringList) models = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->segments = g_ptr_array_new ();
  self->compare_rows = g_list_store_new (RDM_TYPE_RESULT_ROW);
  self->credit_rows = g_list_store_new (RDM_TYPE_RESULT_ROW);
  self->discover_rows = g_list_store_new (RDM_TYPE_RESULT_ROW);
  self->key_list = gtk_string_list_new (NULL);

  set_table_model (self->compare_table, self->compare_rows);
  set_table_model (self->credit_table, self->credit_rows);
  set_table_model (self->discover_table, self->discover_rows);
  for (guint i = 0; i < G_N_ELEMENTS (offered_models); i++)
    gtk_string_list_append (models, rdm_model_display_name (offered_models[i]));
  gtk_drop_down_set_model (self->model_dropdown, G_LIST_MODEL (models));
  gtk_drop_down_set_model (self->discover_key_dropdown, G_LIST_MODEL (self->key_list));

  g_signal_connect_object (self->model_dropdown, "notify::selected", G_CALLBACK (model_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->discover_key_dropdown, "notify::selected",
                           G_CALLBACK (update_discovery), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->discover_within, "notify::segment", G_CALLBACK (update_discovery),
                           self, G_CONNECT_SWAPPED);
  update_discovery (self);
}
