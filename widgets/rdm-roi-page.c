/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ROI section. The numbers are those of rdm_roi_report_compute() with
 * the window's analysis settings turned into engine options by
 * rdm_analysis_config_get_options(), as "rendement-cli roi" turns its
 * options, so that the page and the CLI agree row for row for the same
 * settings. The model, level, segment, period and shared-costs controls
 * of the page are views of those shared settings; at the level of channel
 * groups, ROI sums the channel rows (rdm_roi_report_compute()). A project holding only
 * a path table gets its ROI from rdm_roi_reports_compute_table(), as the
 * CLI does. The reports (the chosen model, then
 * the six models of the comparison chart, ~100 ms each on the demo) run in
 * a GTask thread on a connection of their own; the charts are drawn by
 * the chart views on the main thread, as PLplot requires.
 */
#include "config.h"

#include <math.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "rdm-error-dialog.h"
#include "rdm-analysis-settings.h"
#include "rdm-attribution-run.h"
#include "rdm-channel-rules.h"
#include "rdm-project-data.h"
#include "rdm-truth.h"
#include "rdm-result-row.h"
#include "rdm-result-table.h"
#include "rdm-roi-page.h"
#include "rdm-roi-report.h"
#include "rdm-segment-picker.h"
#include "rdm-settings-summary.h"

/* The models the user can pick (those of the Segments section too: the
 * model is shared), and those compared in the last chart. */
static const RdmModel page_models[] = {
  RDM_MODEL_LINEAR,          RDM_MODEL_FIRST,    RDM_MODEL_LAST,
  RDM_MODEL_LAST_NON_DIRECT, RDM_MODEL_POSITION, RDM_MODEL_TIME_DECAY,
  RDM_MODEL_POSITION_DECAY,  RDM_MODEL_MARKOV,   RDM_MODEL_SHAPLEY,
};
static const RdmModel compared_models[] = {
  RDM_MODEL_FIRST,    RDM_MODEL_LAST,       RDM_MODEL_LINEAR,
  RDM_MODEL_POSITION, RDM_MODEL_TIME_DECAY, RDM_MODEL_MARKOV,
};
#define N_COMPARED G_N_ELEMENTS (compared_models)

struct _RdmRoiPage
{
  RdmSection parent_instance;

  /* Template widgets */
  GtkWidget *settings_summary;
  GtkDropDown *model_dropdown;
  GtkWidget *segment_picker;
  GtkStringList *model_list;
  GtkDropDown *period_dropdown;
  GtkStringList *period_list;
  GtkDropDown *level_dropdown;
  GtkDropDown *shared_dropdown;
  GtkStringList *shared_list;
  GtkMenuButton *categories_button;
  GtkBox *categories_box;
  GtkSpinner *spinner;
  GtkStack *stack;
  AdwStatusPage *error_page;
  GtkFlowBox *summary_box;
  GtkLabel *caption_label;
  RdmChartView *roi_chart;
  RdmChartView *scatter_chart;
  RdmChartView *costs_chart;
  RdmChartView *models_chart;
  GtkColumnView *table;

  /* Borrowed references: the check buttons of categories_box */
  GtkCheckButton *category_checks[RDM_COST_N_CATEGORIES];

  /* Owned references */
  GListStore *rows;
  GArray *periods; /* RdmPeriod, the quarters of the dropdown, before "All data" */
  gulong period_handler;
  GStrv shared_rules; /* the rule of each item of shared_dropdown */
  gulong shared_handler;
  gboolean syncing; /* the controls are being set from the settings */
};

G_DEFINE_FINAL_TYPE (RdmRoiPage, rdm_roi_page, RDM_TYPE_SECTION)

static const char *
category_label (RdmCostCategory category)
{
  switch (category)
    {
    case RDM_COST_MEDIA:
      return _ ("Media");
    case RDM_COST_CONTENT:
      return _ ("Content");
    case RDM_COST_STAFF:
      return _ ("Staff");
    case RDM_COST_TOOLS:
      return _ ("Tools");
    case RDM_COST_TRAINING:
      return _ ("Training");
    case RDM_COST_COMPLIANCE:
      return _ ("Compliance");
    case RDM_COST_OTHER:
    default:
      return _ ("Other");
    }
}

/* The worker */

typedef struct
{
  RdmSectionInput input;
  RdmCostCategories categories;
} Request;

typedef struct
{
  GArray *periods; /* RdmPeriod, quarters with data */
  RdmRoiReport *report;
  RdmRoiReport *compared[N_COMPARED]; /* NULL where the model failed */
  GPtrArray *messages;                /* char *, why a compared model failed */
  gboolean calibrated;                /* the credit was calibrated by experiments */
  GStrv groups;                       /* the project's channel groups, for the rule */
} Outcome;

static void
outcome_free (Outcome *outcome)
{
  g_clear_pointer (&outcome->periods, g_array_unref);
  g_clear_pointer (&outcome->report, rdm_roi_report_free);
  for (guint i = 0; i < N_COMPARED; i++)
    g_clear_pointer (&outcome->compared[i], rdm_roi_report_free);
  g_clear_pointer (&outcome->messages, g_ptr_array_unref);
  g_clear_pointer (&outcome->groups, g_strfreev);
  g_free (outcome);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Outcome, outcome_free)

/* With calibration on and experiments in the project, each model's
 * calibration (rdm_attribution_calibrations()), as "rendement-cli roi
 * --calibrate" computes it; *@calibrations stays NULL otherwise. */
static gboolean
compute_calibrations (Request *request,
                      RdmProject *project,
                      const guint8 *visitor_mask,
                      const RdmModel *models,
                      guint n_models,
                      GPtrArray **calibrations,
                      GCancellable *cancellable,
                      GError **error)
{
  g_auto (RdmAttributionRequest) attribution;
  const RdmAttributionData *data;

  rdm_attribution_request_init (&attribution);
  *calibrations = NULL;
  if (!request->input.config.calibrate)
    return TRUE;
  data = rdm_project_data_get_source (request->input.data, project, cancellable, error);
  if (data == NULL)
    return FALSE;
  if (!data->has_experiments)
    return TRUE;
  if (!rdm_attribution_request_set_config (&attribution, &request->input.config, error))
    return FALSE;
  *calibrations = rdm_attribution_calibrations (project, data, &attribution, visitor_mask, models,
                                                n_models, cancellable, error);
  return *calibrations != NULL;
}

static void
compute_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Request *request = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = NULL;
  const RdmEventStore *store = NULL;
  g_autoptr (Outcome) outcome = g_new0 (Outcome, 1);
  g_autofree guint8 *visitor_mask = NULL;
  g_autoptr (GPtrArray) reports = NULL;
  g_autoptr (GPtrArray) calibrations = NULL;
  RdmModel models[1 + N_COMPARED];
  GError *model_errors[1 + N_COMPARED] = { NULL };
  RdmPathOptions path_options;
  RdmModelOptions model_options;
  RdmPeriod period;
  const RdmPeriod *chosen = NULL;
  const RdmAttributionData *data;
  g_auto (RdmSharedRule) rule = { RDM_SHARED_BY_MEDIA, NULL };
  RdmRoiSettings settings;

  outcome->messages = g_ptr_array_new_with_free_func (g_free);
  rdm_roi_settings_init (&settings);
  settings.categories = request->categories;
  settings.shared_rule = &rule;
  /* by group, the credit and its calibration are the channels', summed */
  if (request->input.config.level == RDM_LEVEL_GROUP)
    {
      settings.by_group = TRUE;
      request->input.config.level = RDM_LEVEL_CHANNEL;
    }
  if (!rdm_shared_rule_parse (request->input.config.shared_costs, &rule, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (request->input.config.period != NULL)
    {
      if (!rdm_period_parse (request->input.config.period, &period, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      chosen = &period;
    }
  project = rdm_project_data_open (request->input.data, &error);
  if (project == NULL
      || (outcome->periods = rdm_project_list_periods (project, RDM_PERIOD_QUARTER, &error)) == NULL
      || (outcome->groups = rdm_roi_list_channel_groups (project, &error)) == NULL
      || (data = rdm_project_data_get_source (request->input.data, project, cancellable, &error))
             == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* the chosen model, then those of the comparison chart, computed as
   * "rendement-cli roi" computes them */
  models[0] = request->input.config.model;
  memcpy (models + 1, compared_models, sizeof compared_models);

  if (data->store == NULL)
    {
      if (rdm_analysis_config_get_options (&request->input.config, &path_options, &model_options,
                                           &error))
        reports = rdm_roi_reports_compute_table (project, data->table, &model_options, models,
                                                 G_N_ELEMENTS (models), chosen, &settings,
                                                 cancellable, model_errors, &error);
      rdm_path_options_clear (&path_options);
      rdm_model_options_clear (&model_options);
      goto computed;
    }
  store = data->store;

  /* the segment restricts the attributed value, as "rendement-cli roi
   * --segment" does; costs stay the channels' whole costs */
  if (!rdm_section_input_segment_mask (&request->input, project, store, cancellable, &visitor_mask,
                                       &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!compute_calibrations (request, project, visitor_mask, models, G_N_ELEMENTS (models),
                             &calibrations, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  outcome->calibrated = calibrations != NULL;
  if (rdm_analysis_config_get_options (&request->input.config, &path_options, &model_options,
                                       &error))
    reports = rdm_roi_reports_compute_calibrated (
        project, store, &path_options, &model_options, visitor_mask, models, G_N_ELEMENTS (models),
        calibrations != NULL ? (const RdmCalibration *const *)calibrations->pdata : NULL, chosen,
        &settings, cancellable, model_errors, &error);
  rdm_path_options_clear (&path_options);
  rdm_model_options_clear (&model_options);
computed:
  if (reports != NULL && reports->pdata[0] == NULL)
    error = g_steal_pointer (&model_errors[0]);
  for (guint i = 1; i < G_N_ELEMENTS (models); i++)
    if (model_errors[i] != NULL)
      g_ptr_array_add (outcome->messages,
                       g_strdup_printf (_ ("%s: %s"), rdm_model_display_name (models[i]),
                                        model_errors[i]->message));
  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    g_clear_error (&model_errors[i]);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  outcome->report = g_steal_pointer (&reports->pdata[0]);
  for (guint i = 0; i < N_COMPARED; i++)
    outcome->compared[i] = g_steal_pointer (&reports->pdata[i + 1]);
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, g_steal_pointer (&outcome), (GDestroyNotify)outcome_free);
}

/* Showing a report */

static char *
row_label (const RdmRoiReportRow *row)
{
  if (row->no_touch)
    return g_strdup (_ ("No touch"));
  if (g_str_equal (row->label, RDM_SHARED_LABEL))
    return g_strdup (_ ("Shared costs"));
  return g_strdup (row->label);
}

static void
set_figure (RdmResultRow *row, guint column, RdmFigure figure, int decimals)
{
  if (!figure.defined)
    rdm_result_row_set_cell (row, column, NAN, g_strdup (_ ("n/a")));
  else
    rdm_result_row_set_cell (row, column, figure.value,
                             rdm_result_format_number (figure.value, decimals));
}

static char *
format_roi (RdmFigure roi)
{
  g_autofree char *number = NULL;

  if (!roi.defined)
    return g_strdup (_ ("n/a"));
  number = rdm_result_format_delta (100 * roi.value, 1);
  return g_strconcat (number, "\u202f%", NULL);
}

static void
set_roi (RdmResultRow *row, guint column, RdmFigure roi)
{
  rdm_result_row_set_cell (row, column, roi.defined ? roi.value : NAN, format_roi (roi));
}

static RdmResultRow *
table_row (const RdmRoiReportRow *report_row, const char *label)
{
  RdmResultRow *row = rdm_result_row_new (label, report_row->label, RDM_ROI_N_COLUMNS);
  const RdmRoiRow *figures = &report_row->row;

  rdm_result_row_set_cell (row, RDM_ROI_COLUMN_COST, figures->cost,
                           rdm_result_format_number (figures->cost, 2));
  rdm_result_row_set_cell (row, RDM_ROI_COLUMN_SHARED, figures->shared,
                           rdm_result_format_number (figures->shared, 2));
  rdm_result_row_set_cell (row, RDM_ROI_COLUMN_VALUE, figures->value,
                           rdm_result_format_number (figures->value, 2));
  rdm_result_row_set_cell (row, RDM_ROI_COLUMN_SAVINGS, figures->savings,
                           rdm_result_format_number (figures->savings, 2));
  set_roi (row, RDM_ROI_COLUMN_ROI, figures->roi);
  set_figure (row, RDM_ROI_COLUMN_ROAS, figures->roas, 2);
  set_figure (row, RDM_ROI_COLUMN_CPA, figures->cpa, 2);
  set_figure (row, RDM_ROI_COLUMN_COST_PER_CONVERSION, figures->cost_per_conversion, 2);
  if (report_row->has_previous)
    {
      RdmFigure change = report_row->change.roi.absolute;

      set_roi (row, RDM_ROI_COLUMN_PREVIOUS_ROI, report_row->previous.roi);
      if (change.defined)
        {
          g_autofree char *points = rdm_result_format_delta (100 * change.value, 1);

          /* Translators: a change of ROI in percentage points */
          rdm_result_row_set_cell (row, RDM_ROI_COLUMN_CHANGE, change.value,
                                   g_strdup_printf (_ ("%s pts"), points));
        }
      else
        rdm_result_row_set_cell (row, RDM_ROI_COLUMN_CHANGE, NAN, g_strdup (_ ("n/a")));
    }
  else
    {
      rdm_result_row_set_cell (row, RDM_ROI_COLUMN_PREVIOUS_ROI, NAN, g_strdup ("—"));
      rdm_result_row_set_cell (row, RDM_ROI_COLUMN_CHANGE, NAN, g_strdup ("—"));
    }
  return row;
}

static const char *
level_title (const RdmRoiReport *report)
{
  if (report->by_group)
    return _ ("Channel group");
  return report->level == RDM_LEVEL_CAMPAIGN ? _ ("Campaign") : _ ("Channel");
}

static void
fill_table (RdmRoiPage *self, const RdmRoiReport *report)
{
  const char *const titles[] = {
    _ ("Cost"),
    /* Translators: the part of the cost that is allocated shared costs */
    _ ("Shared"),
    _ ("Value"),
    _ ("Savings"),
    _ ("ROI"),
    _ ("ROAS"),
    _ ("CPA"),
    /* Translators: the full cost of an attributed conversion, every category counted */
    _ ("Cost/Conv."),
    _ ("Previous ROI"),
    _ ("Change"),
  };
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  G_STATIC_ASSERT (G_N_ELEMENTS (titles) == RDM_ROI_N_COLUMNS);
  g_list_store_remove_all (self->rows);
  rdm_result_table_set_columns (self->table, level_title (report),
                                report->level == RDM_LEVEL_CAMPAIGN ? 260 : 160, titles,
                                RDM_ROI_N_COLUMNS);
  for (guint i = 0; i < report->rows->len; i++)
    {
      const RdmRoiReportRow *row = g_ptr_array_index (report->rows, i);
      g_autofree char *label = row_label (row);

      g_ptr_array_add (rows, table_row (row, label));
    }
  g_ptr_array_add (rows, table_row (&report->total, _ ("Total")));
  g_list_store_splice (self->rows, 0, 0, rows->pdata, rows->len);
}

/* A row is charted when money was spent on it: without cost its ROI is
 * undefined and it has no place on the cost axis. */
static gboolean
charted (const RdmRoiReportRow *row)
{
  return row->row.cost > 0;
}

/* With many campaigns the scatter's labels pile up: beyond
 * MAX_SCATTER_POINTS_LABELLED points, only the MAX_SCATTER_LABELS biggest
 * by cost plus return are named there (the table names them all). */
#define MAX_SCATTER_LABELS 8
/* up to this many points (the channels of most projects), all are named */
#define MAX_SCATTER_POINTS_LABELLED 14

static double
scatter_size (const RdmRoiReportRow *row)
{
  return row->row.cost + row->row.value + row->row.savings;
}

static gboolean
labelled (GPtrArray *rows, const RdmRoiReportRow *row)
{
  guint bigger = 0;

  if (rows->len <= MAX_SCATTER_POINTS_LABELLED)
    return TRUE;
  for (guint i = 0; i < rows->len; i++)
    if (scatter_size (g_ptr_array_index (rows, i)) > scatter_size (row))
      bigger++;
  return bigger < MAX_SCATTER_LABELS;
}

static void
fill_charts (RdmRoiPage *self, const Outcome *outcome)
{
  const RdmRoiReport *report = outcome->report;
  g_autoptr (RdmChart) roi = rdm_chart_new (RDM_CHART_KIND_BARS);
  g_autoptr (RdmChart) scatter = rdm_chart_new (RDM_CHART_KIND_SCATTER);
  g_autoptr (RdmChart) costs = rdm_chart_new (RDM_CHART_KIND_STACKED_BARS);
  g_autoptr (RdmChart) models = rdm_chart_new (RDM_CHART_KIND_GROUPED_BARS);
  g_autoptr (GArray) roi_values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GPtrArray) charted_rows = g_ptr_array_new ();
  const char *level = level_title (report);
  double shared_sum = 0;

  for (guint i = 0; i < report->rows->len; i++)
    {
      const RdmRoiReportRow *row = g_ptr_array_index (report->rows, i);

      if (charted (row))
        g_ptr_array_add (charted_rows, (gpointer)row);
    }

  rdm_chart_set_title (roi, _ ("ROI"));
  rdm_chart_set_axis_labels (roi, level, _ ("ROI (%)"));
  for (guint i = 0; i < charted_rows->len; i++)
    {
      const RdmRoiReportRow *row = g_ptr_array_index (charted_rows, i);
      double value = row->row.roi.defined ? 100 * row->row.roi.value : NAN;

      rdm_chart_add_category (roi, row->label);
      g_array_append_val (roi_values, value);
    }
  rdm_chart_add_series (roi, _ ("ROI"), (const double *)roi_values->data, roi_values->len);

  rdm_chart_set_title (scatter, _ ("Cost against Value and Savings"));
  rdm_chart_set_axis_labels (scatter, _ ("Cost"), _ ("Attributed value + savings"));
  rdm_chart_set_diagonal (scatter, TRUE);
  for (guint i = 0; i < charted_rows->len; i++)
    {
      const RdmRoiReportRow *row = g_ptr_array_index (charted_rows, i);

      rdm_chart_add_point (scatter, row->row.cost, row->row.value + row->row.savings, 0,
                           labelled (charted_rows, row) ? row->label : NULL);
    }

  rdm_chart_set_title (costs, _ ("Cost by Category"));
  rdm_chart_set_axis_labels (costs, level, _ ("Cost"));
  for (guint i = 0; i < charted_rows->len; i++)
    rdm_chart_add_category (costs, ((RdmRoiReportRow *)g_ptr_array_index (charted_rows, i))->label);
  for (guint c = 0; c < RDM_COST_N_CATEGORIES; c++)
    {
      g_autoptr (GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
      double sum = 0;

      if (!(report->categories & (1u << c)))
        continue;
      for (guint i = 0; i < charted_rows->len; i++)
        {
          const RdmRoiReportRow *row = g_ptr_array_index (charted_rows, i);

          g_array_append_val (values, row->input.cost[c]);
          sum += row->input.cost[c];
        }
      /* a category keeps its colour when others are unticked */
      if (sum > 0)
        rdm_chart_set_series_colour (costs,
                                     rdm_chart_add_series (costs, category_label (c),
                                                           (const double *)values->data,
                                                           values->len),
                                     (int)c);
    }
  /* the allocated shared costs, so that each bar is the row's cost */
  {
    g_autoptr (GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint i = 0; i < charted_rows->len; i++)
      {
        const RdmRoiReportRow *row = g_ptr_array_index (charted_rows, i);

        g_array_append_val (values, row->row.shared);
        shared_sum += row->row.shared;
      }
    if (shared_sum > 0)
      rdm_chart_set_series_colour (
          costs,
          rdm_chart_add_series (costs, _ ("Shared"), (const double *)values->data, values->len),
          RDM_COST_N_CATEGORIES);
  }

  rdm_chart_set_title (models, _ ("ROI under Each Model"));
  rdm_chart_set_axis_labels (models, level, _ ("ROI (%)"));
  for (guint i = 0; i < charted_rows->len; i++)
    rdm_chart_add_category (models,
                            ((RdmRoiReportRow *)g_ptr_array_index (charted_rows, i))->label);
  for (guint m = 0; m < N_COMPARED; m++)
    {
      g_autoptr (GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
      const RdmRoiReport *other = outcome->compared[m];

      if (other == NULL)
        continue;
      for (guint i = 0; i < charted_rows->len; i++)
        {
          const RdmRoiReportRow *row = g_ptr_array_index (charted_rows, i);
          double value = NAN;

          /* both reports list the same labels, by label */
          for (guint j = 0; j < other->rows->len; j++)
            {
              const RdmRoiReportRow *match = g_ptr_array_index (other->rows, j);

              if (g_str_equal (match->label, row->label) && match->row.roi.defined)
                value = 100 * match->row.roi.value;
            }
          g_array_append_val (values, value);
        }
      /* a model has the same colour on every chart, see rdm-attribution-page.c */
      rdm_chart_set_series_colour (
          models,
          rdm_chart_add_series (models, rdm_model_display_name (compared_models[m]),
                                (const double *)values->data, values->len),
          (int)compared_models[m]);
    }

  rdm_chart_view_set_chart (self->roi_chart, roi);
  rdm_chart_view_set_chart (self->scatter_chart, scatter);
  rdm_chart_view_set_chart (self->costs_chart, costs);
  rdm_chart_view_set_chart (self->models_chart, models);
}

static GtkWidget *
summary_card (const char *title, const char *value, const char *detail, const char *style_class)
{
  GtkWidget *frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *label;

  gtk_widget_add_css_class (frame, "card");
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  /* the cards reflow to fit their text, which wraps in the last resort */
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  label = gtk_label_new (value);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "title-2");
  gtk_widget_add_css_class (label, "numeric");
  if (style_class != NULL)
    gtk_widget_add_css_class (label, style_class);
  gtk_box_append (GTK_BOX (box), label);
  label = gtk_label_new (detail);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (frame), box);
  return frame;
}

static char *
previous_detail (const RdmRoiReportRow *total, RdmChange change, gboolean percent)
{
  g_autofree char *text = NULL;

  if (!total->has_previous)
    return g_strdup (_ ("No previous period"));
  if (!change.previous.defined)
    return g_strdup (_ ("Previous: n/a"));
  text = percent ? format_roi (change.previous)
                 : rdm_result_format_number (change.previous.value, 0);
  return g_strdup_printf (_ ("Previous: %s"), text);
}

static void
fill_summary (RdmRoiPage *self, const RdmRoiReport *report)
{
  const RdmRoiReportRow *total = &report->total;
  const RdmRoiRow *row = &total->row;
  GtkWidget *child;
  g_autofree char *cost = rdm_result_format_number (row->cost, 0);
  g_autofree char *value = rdm_result_format_number (row->value, 0);
  g_autofree char *savings = rdm_result_format_number (row->savings, 0);
  g_autofree char *roi = format_roi (row->roi);
  g_autofree char *roas
      = row->roas.defined ? rdm_result_format_number (row->roas.value, 2) : g_strdup (_ ("n/a"));
  g_autofree char *cost_detail = previous_detail (total, total->change.cost, FALSE);
  g_autofree char *value_detail = previous_detail (total, total->change.value, FALSE);
  g_autofree char *savings_detail = previous_detail (total, total->change.savings, FALSE);
  g_autofree char *roi_detail = previous_detail (total, total->change.roi, TRUE);
  g_autofree char *roas_detail = NULL;
  g_autofree char *conversions = rdm_result_format_number (row->conversions, 0);

  /* Translators: attributed conversions under the ROAS */
  roas_detail = g_strdup_printf (
      ngettext ("%s conversion", "%s conversions", (gulong)round (row->conversions)), conversions);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->summary_box))) != NULL)
    gtk_flow_box_remove (self->summary_box, child);
  gtk_flow_box_append (self->summary_box, summary_card (_ ("Cost"), cost, cost_detail, NULL));
  gtk_flow_box_append (self->summary_box,
                       summary_card (_ ("Attributed Value"), value, value_detail, NULL));
  gtk_flow_box_append (self->summary_box,
                       summary_card (_ ("Savings"), savings, savings_detail, NULL));
  gtk_flow_box_append (self->summary_box, summary_card (_ ("ROI"), roi, roi_detail,
                                                        !row->roi.defined     ? NULL
                                                        : row->roi.value >= 0 ? "success"
                                                                              : "error"));
  gtk_flow_box_append (self->summary_box, summary_card (_ ("ROAS"), roas, roas_detail, NULL));
}

/* "Q2 2026", as the period list says it; months and years as coded. */
static char *
period_label (const RdmPeriod *period)
{
  if (period->kind == RDM_PERIOD_QUARTER)
    return g_strdup_printf (_ ("Q%d %d"), period->number, period->year);
  return rdm_period_to_string (period);
}

static void
fill_caption (RdmRoiPage *self, const Outcome *outcome)
{
  const RdmRoiReport *report = outcome->report;
  g_autofree char *period = NULL;
  g_autofree char *text = NULL;

  if (report->has_previous)
    {
      g_autofree char *previous = period_label (&report->previous_period);

      period = period_label (&report->period);
      /* Translators: "Linear model, Q3 2026 against Q2 2026." */
      text = g_strdup_printf (_ ("%s model, %s against %s. ROI = (attributed value + savings − "
                                 "cost) / cost."),
                              rdm_model_display_name (report->model), period, previous);
    }
  else if (report->has_period)
    {
      period = period_label (&report->period);
      /* Translators: "Linear model, Q3 2026." (a path table: no previous period) */
      text = g_strdup_printf (_ ("%s model, %s. ROI = (attributed value + savings − cost) / cost."),
                              rdm_model_display_name (report->model), period);
    }
  else
    text = g_strdup_printf (_ ("%s model, all the data. ROI = (attributed value + savings − cost) "
                               "/ cost."),
                            rdm_model_display_name (report->model));
  {
    char *with = g_strdup_printf (
        "%s %s", text,
        outcome->calibrated
            ? _ ("The credit is calibrated by the project’s experiments: the Baseline row holds "
                 "the conversions they say would have happened anyway.")
            : rdm_truth_credit_caveat ());

    g_free (text);
    text = with;
  }
  if (outcome->messages->len > 0)
    {
      g_autoptr (GString) joined = g_string_new (NULL);
      char *with;

      for (guint i = 0; i < outcome->messages->len; i++)
        g_string_append_printf (joined, i > 0 ? "; %s" : "%s",
                                (const char *)g_ptr_array_index (outcome->messages, i));
      /* Translators: the caption, then why some models are missing from the chart */
      with = g_strdup_printf (_ ("%s Not compared: %s."), text, joined->str);
      g_free (text);
      text = with;
    }
  {
    g_autofree char *amount = rdm_result_format_number (report->shared_total, 0);
    g_autofree char *shared = rdm_roi_report_describe_shared (report, amount);
    g_autofree char *undated = rdm_roi_report_describe_undated (report);

    for (guint i = 0; i < 2; i++)
      {
        const char *more = i == 0 ? shared : undated;
        char *with;

        if (more == NULL)
          continue;
        with = g_strdup_printf ("%s %s", text, more);
        g_free (text);
        text = with;
      }
  }
  gtk_label_set_text (self->caption_label, text);
}

/* Lists the quarters with data and selects the one computed (or "All
 * data"), without starting another run. */
static void
fill_periods (RdmRoiPage *self, GArray *periods, const RdmRoiReport *report)
{
  gboolean same = self->periods->len == periods->len;
  /* "All data", or none for a month or a year (set in the project file) */
  guint selected = report->has_period ? GTK_INVALID_LIST_POSITION : periods->len;

  for (guint i = 0; same && i < periods->len; i++)
    same = rdm_period_equal (&g_array_index (self->periods, RdmPeriod, i),
                             &g_array_index (periods, RdmPeriod, i));
  g_signal_handler_block (self->period_dropdown, self->period_handler);
  if (!same || g_list_model_get_n_items (G_LIST_MODEL (self->period_list)) == 0)
    {
      g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < periods->len; i++)
        {
          const RdmPeriod *period = &g_array_index (periods, RdmPeriod, i);

          g_ptr_array_add (labels, g_strdup_printf (_ ("Q%d %d"), period->number, period->year));
        }
      g_ptr_array_add (labels, g_strdup (_ ("All data")));
      g_ptr_array_add (labels, NULL);
      g_array_set_size (self->periods, 0);
      g_array_append_vals (self->periods, periods->data, periods->len);
      gtk_string_list_splice (self->period_list, 0,
                              g_list_model_get_n_items (G_LIST_MODEL (self->period_list)),
                              (const char *const *)labels->pdata);
    }
  for (guint i = 0; report->has_period && i < periods->len; i++)
    if (rdm_period_equal (&g_array_index (periods, RdmPeriod, i), &report->period))
      selected = i;
  gtk_drop_down_set_selected (self->period_dropdown, selected);
  g_signal_handler_unblock (self->period_dropdown, self->period_handler);
}

/* The rules the user can choose, the channel groups of the project
 * included, with the one of the settings selected (added when it names a
 * group the project no longer has, so that the page shows what the
 * settings say). */
static void
fill_shared (RdmRoiPage *self, GStrv groups)
{
  const RdmAnalysisConfig *config
      = rdm_analysis_settings_get_config (rdm_section_get_settings (RDM_SECTION (self)));
  g_auto (RdmSharedRule) rule = { RDM_SHARED_BY_MEDIA, NULL };
  g_autoptr (GStrvBuilder) rules = g_strv_builder_new ();
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *current = NULL;
  guint selected = 0;

  rdm_shared_rule_parse (config->shared_costs, &rule, NULL);
  current = rdm_shared_rule_to_string (&rule);
  g_strv_builder_add (rules, "media");
  g_ptr_array_add (labels, g_strdup (_ ("Shared Costs by Media Spend")));
  g_strv_builder_add (rules, "even");
  g_ptr_array_add (labels, g_strdup (_ ("Shared Costs Evenly")));
  for (guint i = 0; groups != NULL && groups[i] != NULL; i++)
    {
      g_autofree char *code = g_strconcat ("group=", groups[i], NULL);

      g_strv_builder_add (rules, code);
      /* Translators: %s is a channel group, "Paid Social" */
      g_ptr_array_add (labels, g_strdup_printf (_ ("Shared Costs to %s"),
                                                rdm_channel_group_display_name (groups[i])));
      if (g_str_equal (code, current))
        selected = i + 2;
    }
  if (rule.kind == RDM_SHARED_EVENLY)
    selected = 1;
  else if (rule.kind == RDM_SHARED_TO_GROUP && selected == 0)
    {
      selected = labels->len;
      g_strv_builder_add (rules, current);
      g_ptr_array_add (labels, g_strdup_printf (_ ("Shared Costs to %s"),
                                                rdm_channel_group_display_name (rule.group)));
    }
  g_ptr_array_add (labels, NULL);
  g_strfreev (self->shared_rules);
  self->shared_rules = g_strv_builder_end (rules);
  g_signal_handler_block (self->shared_dropdown, self->shared_handler);
  gtk_string_list_splice (self->shared_list, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->shared_list)),
                          (const char *const *)labels->pdata);
  gtk_drop_down_set_selected (self->shared_dropdown, selected);
  g_signal_handler_unblock (self->shared_dropdown, self->shared_handler);
}

static void
compute_done (RdmSection *section, gpointer data)
{
  RdmRoiPage *self = RDM_ROI_PAGE (section);
  g_autoptr (Outcome) outcome = data;

  fill_shared (self, outcome->groups);
  fill_periods (self, outcome->periods, outcome->report);
  fill_summary (self, outcome->report);
  fill_caption (self, outcome);
  fill_table (self, outcome->report);
  fill_charts (self, outcome);
  rdm_section_show_state (section, "report");
}

static void
start_compute (RdmRoiPage *self)
{
  RdmSection *section = RDM_SECTION (self);
  Request *request;

  if (rdm_section_get_project (section) == NULL)
    {
      rdm_section_cancel (section);
      g_list_store_remove_all (self->rows);
      rdm_section_show_state (section, "no-project");
      return;
    }
  request = rdm_section_input_new (section, sizeof (Request));
  for (guint c = 0; c < RDM_COST_N_CATEGORIES; c++)
    if (gtk_check_button_get_active (self->category_checks[c]))
      request->categories |= 1u << c;
  rdm_section_run (section, compute_thread, request, rdm_section_input_free, NULL, compute_done);
}

/* The settings, into the page's controls */

static void
sync_controls (RdmRoiPage *self)
{
  RdmAnalysisSettings *settings = rdm_section_get_settings (RDM_SECTION (self));
  const RdmAnalysisConfig *config = rdm_analysis_settings_get_config (settings);
  guint model = GTK_INVALID_LIST_POSITION;
  guint period = config->period == NULL ? self->periods->len : GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < G_N_ELEMENTS (page_models); i++)
    if (page_models[i] == config->model)
      model = i;
  for (guint i = 0; config->period != NULL && i < self->periods->len; i++)
    {
      g_autofree char *code = rdm_period_to_string (&g_array_index (self->periods, RdmPeriod, i));

      if (g_str_equal (code, config->period))
        period = i;
    }
  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->model_dropdown, model);
  /* Channels, Campaigns, Channel Groups: RdmLevel's order */
  gtk_drop_down_set_selected (self->level_dropdown, config->level);
  rdm_segment_picker_set_segment (RDM_SEGMENT_PICKER (self->segment_picker), config->segment);
  /* the list is empty until the first report has listed the quarters */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->period_list)) > 0)
    gtk_drop_down_set_selected (self->period_dropdown, period);
  self->syncing = FALSE;
}

static void
rdm_roi_page_settings_changed (RdmSection *section, GParamSpec *pspec)
{
  RdmRoiPage *self = RDM_ROI_PAGE (section);

  if (rdm_analysis_settings_is_comparison_only (pspec))
    return;
  sync_controls (self);
  start_compute (self);
}

/* The page's controls, into the settings */

static void
model_selected (RdmRoiPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->model_dropdown);

  if (!self->syncing && selected < G_N_ELEMENTS (page_models))
    g_object_set (rdm_section_get_settings (RDM_SECTION (self)), "model",
                  (guint)page_models[selected], NULL);
}

static void
level_selected (RdmRoiPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->level_dropdown);

  if (!self->syncing && selected <= RDM_LEVEL_GROUP)
    g_object_set (rdm_section_get_settings (RDM_SECTION (self)), "level", selected, NULL);
}

static void
shared_selected (RdmRoiPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->shared_dropdown);

  if (self->syncing || self->shared_rules == NULL || selected >= g_strv_length (self->shared_rules))
    return;
  /* "media" is the default, which the settings keep as NULL */
  g_object_set (rdm_section_get_settings (RDM_SECTION (self)), "shared-costs",
                selected == 0 ? NULL : self->shared_rules[selected], NULL);
}

static void
segment_chosen (RdmRoiPage *self)
{
  if (!self->syncing)
    g_object_set (rdm_section_get_settings (RDM_SECTION (self)), "segment",
                  rdm_segment_picker_get_segment (RDM_SEGMENT_PICKER (self->segment_picker)), NULL);
}

static void
period_selected (RdmRoiPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);
  g_autofree char *code = NULL;

  if (self->syncing || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (selected < self->periods->len)
    code = rdm_period_to_string (&g_array_index (self->periods, RdmPeriod, selected));
  g_object_set (rdm_section_get_settings (RDM_SECTION (self)), "period", code, NULL);
}

static void
category_toggled (RdmRoiPage *self)
{
  guint n = 0, last = 0;
  g_autofree char *label = NULL;

  for (guint c = 0; c < RDM_COST_N_CATEGORIES; c++)
    if (gtk_check_button_get_active (self->category_checks[c]))
      {
        n++;
        last = c;
      }
  /* an ROI over no cost at all means nothing: keep one category */
  if (n == 0)
    {
      gtk_check_button_set_active (self->category_checks[RDM_COST_MEDIA], TRUE);
      return;
    }
  if (n == RDM_COST_N_CATEGORIES)
    label = g_strdup (_ ("All Costs"));
  else if (n == 1)
    label = g_strdup_printf (_ ("%s Costs"), category_label (last));
  else
    label = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u Cost Category", "%u Cost Categories", n), n);
  gtk_menu_button_set_label (self->categories_button, label);
  start_compute (self);
}

/* Public */

GtkWidget *
rdm_roi_page_new (void)
{
  return g_object_new (RDM_TYPE_ROI_PAGE, NULL);
}

/* Another project, or its data changed: the quarters may have changed too. */
static void
rdm_roi_page_reload (RdmSection *section)
{
  RdmRoiPage *self = RDM_ROI_PAGE (section);

  g_array_set_size (self->periods, 0);
  g_signal_handler_block (self->period_dropdown, self->period_handler);
  gtk_string_list_splice (self->period_list, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->period_list)), NULL);
  g_signal_handler_unblock (self->period_dropdown, self->period_handler);
  rdm_segment_picker_set_project (RDM_SEGMENT_PICKER (self->segment_picker),
                                  rdm_section_get_project (section));
  if (rdm_section_get_settings (section) != NULL)
    sync_controls (self);
  start_compute (self);
}

static GtkColumnView *
rdm_roi_page_get_table (RdmSection *section, GListModel **out_rows)
{
  RdmRoiPage *self = RDM_ROI_PAGE (section);

  *out_rows = G_LIST_MODEL (self->rows);
  return self->table;
}

GListModel *
_rdm_roi_page_get_rows (RdmRoiPage *self)
{
  return G_LIST_MODEL (self->rows);
}

void
_rdm_roi_page_set_model (RdmRoiPage *self, RdmModel model)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_models); i++)
    if (page_models[i] == model)
      gtk_drop_down_set_selected (self->model_dropdown, i);
}

RdmSettingsSummary *
_rdm_roi_page_get_summary (RdmRoiPage *self)
{
  return RDM_SETTINGS_SUMMARY (self->settings_summary);
}

void
_rdm_roi_page_set_level (RdmRoiPage *self, RdmLevel level)
{
  gtk_drop_down_set_selected (self->level_dropdown, level);
}

GtkDropDown *
_rdm_roi_page_get_shared_dropdown (RdmRoiPage *self)
{
  return self->shared_dropdown;
}

const char *
_rdm_roi_page_get_shared_rule (RdmRoiPage *self, guint position)
{
  g_return_val_if_fail (self->shared_rules != NULL, NULL);
  g_return_val_if_fail (position < g_strv_length (self->shared_rules), NULL);
  return self->shared_rules[position];
}

const char *
_rdm_roi_page_get_caption (RdmRoiPage *self)
{
  return gtk_label_get_text (self->caption_label);
}

void
_rdm_roi_page_set_segment (RdmRoiPage *self, const char *segment)
{
  rdm_segment_picker_set_segment (RDM_SEGMENT_PICKER (self->segment_picker), segment);
}

GtkDropDown *
_rdm_roi_page_get_period_dropdown (RdmRoiPage *self)
{
  return self->period_dropdown;
}

void
_rdm_roi_page_set_category (RdmRoiPage *self, guint category, gboolean counted)
{
  g_return_if_fail (category < RDM_COST_N_CATEGORIES);
  gtk_check_button_set_active (self->category_checks[category], counted);
}

RdmChartView *
_rdm_roi_page_get_chart (RdmRoiPage *self, RdmRoiChart chart)
{
  RdmChartView *charts[]
      = { self->roi_chart, self->scatter_chart, self->costs_chart, self->models_chart };

  g_return_val_if_fail (chart < RDM_ROI_N_CHARTS, NULL);
  return charts[chart];
}

/* GObject */

static void
rdm_roi_page_dispose (GObject *object)
{
  RdmRoiPage *self = RDM_ROI_PAGE (object);

  rdm_section_cancel (RDM_SECTION (self));
  gtk_widget_dispose_template (GTK_WIDGET (self), RDM_TYPE_ROI_PAGE);
  g_clear_object (&self->rows);
  G_OBJECT_CLASS (rdm_roi_page_parent_class)->dispose (object);
}

static void
rdm_roi_page_finalize (GObject *object)
{
  RdmRoiPage *self = RDM_ROI_PAGE (object);

  g_clear_pointer (&self->periods, g_array_unref);
  g_clear_pointer (&self->shared_rules, g_strfreev);
  G_OBJECT_CLASS (rdm_roi_page_parent_class)->finalize (object);
}

static void
rdm_roi_page_class_init (RdmRoiPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rdm_roi_page_dispose;
  object_class->finalize = rdm_roi_page_finalize;
  RDM_SECTION_CLASS (klass)->reload = rdm_roi_page_reload;
  RDM_SECTION_CLASS (klass)->settings_changed = rdm_roi_page_settings_changed;
  RDM_SECTION_CLASS (klass)->get_table = rdm_roi_page_get_table;

  g_type_ensure (RDM_TYPE_CHART_VIEW);
  g_type_ensure (RDM_TYPE_SETTINGS_SUMMARY);
  g_type_ensure (RDM_TYPE_SEGMENT_PICKER);
  rdm_widgets_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/rendement/Rendement/widgets/rdm-roi-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdmRoiPage, settings_summary);
  gtk_widget_class_bind_template_child (widget_class, RdmRoiPage, model_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdmRoiPage, segment_picker);
  gtk_widget_class_bind_template_child (widget_class, RdmRoiPage, model_list);
  gtk_widget_class_bind_template_child (widget_class, RdmRoiPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdmRoiPage, period_list);
  gtk_widget_class_bind_template_child (widget_class, RdmRoiPage, level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdmRoiPage, shared_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdmRoiPage, shared_list);
  gtk_widget_class_bind_template_child (widget_class, RdmRoiPage, categories_button);
  gtk_widget_class_bind_template_child (widget_class, RdmRoiPage, categories_box);
  gtk_widget_class_bind_template_child (widget_class, RdmRoiPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RdmRoiPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RdmRoiPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, RdmRoiPage, summary_box);
  gtk_widget_class_bind_template_child (widget_class, RdmRoiPage, caption_label);
  gtk_widget_class_bind_template_child (widget_class, RdmRoiPage, roi_chart);
  gtk_widget_class_bind_template_child (widget_class, RdmRoiPage, scatter_chart);
  gtk_widget_class_bind_template_child (widget_class, RdmRoiPage, costs_chart);
  gtk_widget_class_bind_template_child (widget_class, RdmRoiPage, models_chart);
  gtk_widget_class_bind_template_child (widget_class, RdmRoiPage, table);
}

static void
rdm_roi_page_init (RdmRoiPage *self)
{
  GtkSelectionModel *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  rdm_section_set_status_widgets (RDM_SECTION (self), self->stack, self->spinner, self->error_page);
  self->rows = g_list_store_new (RDM_TYPE_RESULT_ROW);
  self->periods = g_array_new (FALSE, FALSE, sizeof (RdmPeriod));
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows))));
  gtk_column_view_set_model (self->table, selection);
  g_object_unref (selection);

  for (guint i = 0; i < G_N_ELEMENTS (page_models); i++)
    gtk_string_list_append (self->model_list, rdm_model_display_name (page_models[i]));
  for (guint c = 0; c < RDM_COST_N_CATEGORIES; c++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (category_label (c));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (category_toggled), self);
      gtk_box_append (self->categories_box, check);
      self->category_checks[c] = GTK_CHECK_BUTTON (check);
    }
  gtk_menu_button_set_label (self->categories_button, _ ("All Costs"));
  g_signal_connect_swapped (self->model_dropdown, "notify::selected", G_CALLBACK (model_selected),
                            self);
  g_signal_connect_swapped (self->segment_picker, "notify::segment", G_CALLBACK (segment_chosen),
                            self);
  g_signal_connect_swapped (self->level_dropdown, "notify::selected", G_CALLBACK (level_selected),
                            self);
  self->period_handler = g_signal_connect_swapped (self->period_dropdown, "notify::selected",
                                                   G_CALLBACK (period_selected), self);
  self->shared_handler = g_signal_connect_swapped (self->shared_dropdown, "notify::selected",
                                                   G_CALLBACK (shared_selected), self);
  rdm_section_bind_settings (RDM_SECTION (self), G_OBJECT (self->settings_summary), "settings");
  rdm_section_show_state (RDM_SECTION (self), "no-project");
}
