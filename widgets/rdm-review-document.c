/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The quarterly review as a document (SPEC.md, "The quarterly review and
 * the client deck"): the cover, an executive summary written from the
 * numbers, then one section per kind of result, each present when its
 * data is. The summary quotes the tables' cells as the tables write them,
 * so every number in a sentence is in a table of the same document. */

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "rdm-format.h"
#include "rdm-media-mix-report.h"
#include "rdm-import.h"
#include "rdm-report-charts.h"
#include "rdm-review-private.h"

/* The accent of a review without branding: GNOME's blue, the window's. */
#define DEFAULT_ACCENT 0x1c71d8

void
_rdm_review_facts_clear (RdmReviewFacts *facts)
{
  g_clear_pointer (&facts->roi, g_ptr_array_unref);
  g_clear_pointer (&facts->credits, g_ptr_array_unref);
  g_clear_pointer (&facts->kpis, g_ptr_array_unref);
  g_clear_pointer (&facts->paths, rdm_path_analysis_free);
  g_clear_pointer (&facts->imports, g_ptr_array_unref);
  g_clear_pointer (&facts->currency, g_free);
  g_clear_pointer (&facts->roi_chart, rdm_chart_unref);
  g_clear_pointer (&facts->cost_value_chart, rdm_chart_unref);
  g_clear_pointer (&facts->models_chart, rdm_chart_unref);
  g_clear_pointer (&facts->window_chart, rdm_chart_unref);
  g_clear_pointer (&facts->lengths_chart, rdm_chart_unref);
  g_clear_pointer (&facts->overlap_chart, rdm_chart_unref);
  g_clear_pointer (&facts->media_mix, rdm_media_mix_result_unref);
  g_clear_pointer (&facts->budget, rdm_budget_plan_free);
  g_clear_pointer (&facts->decomposition_chart, rdm_chart_unref);
  g_clear_pointer (&facts->curves_chart, rdm_chart_unref);
}

char *
_rdm_review_period_label (const RdmPeriod *period)
{
  g_autoptr (GDateTime) start = g_date_time_new_from_unix_utc (period->start);

  switch (period->kind)
    {
    case RDM_PERIOD_QUARTER:
      /* Translators: a quarter and its year, "Q3 2026" */
      return g_strdup_printf (_ ("Q%d %d"), period->number, period->year);
    case RDM_PERIOD_MONTH:
      /* Translators: a month and its year, see g_date_time_format() */
      return g_date_time_format (start, C_ ("period", "%B %Y"));
    case RDM_PERIOD_YEAR:
    default:
      return g_strdup_printf ("%d", period->year);
    }
}

/* "6 December 2026": a day as the cover writes it. */
static char *
long_day (gint64 time)
{
  g_autoptr (GDateTime) day = g_date_time_new_from_unix_utc (time);

  if (day == NULL)
    return g_strdup ("");
  if (g_date_time_get_day_of_month (day) == 1)
    /* Translators: the first day of a month written out, see
     * g_date_time_format(); "1 July 2026" (French writes "1er juillet 2026") */
    return g_date_time_format (day, C_ ("report first of month", "%-d %B %Y"));
  /* Translators: a date written out, see g_date_time_format(); "6 December 2026" */
  return g_date_time_format (day, C_ ("report", "%-d %B %Y"));
}

static char *
period_dates (const RdmPeriod *period)
{
  g_autofree char *first = long_day (period->start);
  g_autofree char *last = long_day (period->end - 86400);

  /* Translators: the first and the last day of a period */
  return g_strdup_printf (C_ ("report", "%s – %s"), first, last);
}

static const RdmRoiReport *
main_report (const RdmReviewFacts *facts)
{
  return g_ptr_array_index (facts->roi, 0);
}

static RdmModel
model_at (const RdmReviewFacts *facts, guint index)
{
  return g_array_index (facts->models, RdmModel, index);
}

/* A cell of @table as the table writes it. */
static char *
cell (const RdmDocumentTable *table, guint row, guint column, const char *currency)
{
  return rdm_document_table_format_cell (table, row, column, currency);
}

static void
set_figure (RdmDocumentTable *table, guint row, guint column, RdmFigure figure)
{
  if (figure.defined)
    rdm_document_table_set_number (table, row, column, figure.value);
}

static double
other_costs (const RdmRoiInput *input, const RdmRoiReport *report)
{
  double sum = 0;

  for (guint c = 0; c < RDM_COST_N_CATEGORIES; c++)
    if (c != RDM_COST_MEDIA && (report->categories & (1u << c)) != 0)
      sum += input->cost[c] + input->shared[c];
  return sum;
}

static double
media_cost (const RdmRoiInput *input, const RdmRoiReport *report)
{
  if ((report->categories & (1u << RDM_COST_MEDIA)) == 0)
    return 0;
  return input->cost[RDM_COST_MEDIA] + input->shared[RDM_COST_MEDIA];
}

/* The row's label as a reader knows it. */
static const char *
row_label (const RdmRoiReportRow *row)
{
  if (row->no_touch)
    return rdm_report_label (RDM_NO_TOUCH_LABEL);
  if (g_strcmp0 (row->label, RDM_SHARED_LABEL) == 0)
    return C_ ("report", "Shared costs");
  return rdm_report_label (row->label);
}

/* The ROI table's columns */
enum
{
  ROI_LABEL,
  ROI_MEDIA,
  ROI_OTHER,
  ROI_VALUE,
  ROI_SAVINGS,
  ROI_ROI,
  ROI_ROAS,
  ROI_CPA,
  ROI_PREVIOUS,
  ROI_CHANGE,
};

static void
fill_roi_row (RdmDocumentTable *table,
              guint row,
              const RdmRoiReport *report,
              const RdmRoiReportRow *data,
              const char *label)
{
  rdm_document_table_set_text (table, row, ROI_LABEL, label);
  rdm_document_table_set_number (table, row, ROI_MEDIA, media_cost (&data->input, report));
  rdm_document_table_set_number (table, row, ROI_OTHER, other_costs (&data->input, report));
  rdm_document_table_set_number (table, row, ROI_VALUE, data->row.value);
  rdm_document_table_set_number (table, row, ROI_SAVINGS, data->row.savings);
  set_figure (table, row, ROI_ROI, data->row.roi);
  set_figure (table, row, ROI_ROAS, data->row.roas);
  set_figure (table, row, ROI_CPA, data->row.cpa);
  if (report->has_previous && data->has_previous)
    {
      set_figure (table, row, ROI_PREVIOUS, data->previous.roi);
      set_figure (table, row, ROI_CHANGE, data->change.roi.absolute);
    }
}

static RdmDocumentTable *
roi_table (const RdmReviewFacts *facts)
{
  const RdmRoiReport *report = main_report (facts);
  g_autoptr (RdmDocumentTable) table = NULL;
  g_autofree char *title = NULL;

  /* Translators: a table's title; %s is a model, "Linear" */
  title = g_strdup_printf (_ ("Return on investment by channel (%s)"),
                           rdm_model_display_name (report->model));
  table = rdm_document_table_new (C_ ("sheet", "ROI"), title);
  rdm_document_table_add_column (table, report->by_group ? _ ("Channel group") : _ ("Channel"),
                                 RDM_DOCUMENT_TEXT, FALSE);
  rdm_document_table_add_column (table, _ ("Media cost"), RDM_DOCUMENT_MONEY, FALSE);
  rdm_document_table_add_column (table, _ ("Other costs"), RDM_DOCUMENT_MONEY, FALSE);
  rdm_document_table_add_column (table, _ ("Value"), RDM_DOCUMENT_MONEY, FALSE);
  rdm_document_table_add_column (table, _ ("Savings"), RDM_DOCUMENT_MONEY, FALSE);
  rdm_document_table_add_column (table, _ ("ROI"), RDM_DOCUMENT_PERCENT, FALSE);
  rdm_document_table_add_column (table, _ ("ROAS"), RDM_DOCUMENT_RATIO, FALSE);
  rdm_document_table_add_column (table, _ ("CPA"), RDM_DOCUMENT_MONEY, FALSE);
  rdm_document_table_add_column (table, _ ("Previous ROI"), RDM_DOCUMENT_PERCENT, FALSE);
  /* Translators: the change of ROI from the previous period, in points */
  rdm_document_table_add_column (table, _ ("ROI change (points)"), RDM_DOCUMENT_POINTS, TRUE);
  for (guint i = 0; i < report->rows->len; i++)
    {
      const RdmRoiReportRow *data = g_ptr_array_index (report->rows, i);

      fill_roi_row (table, rdm_document_table_add_row (table, FALSE), report, data,
                    row_label (data));
    }
  fill_roi_row (table, rdm_document_table_add_row (table, TRUE), report, &report->total,
                C_ ("report", "Total"));
  return g_steal_pointer (&table);
}

/* The row of @table whose first cell is @label, or -1. */
static int
find_row (const RdmDocumentTable *table, const char *label)
{
  for (guint r = 0; r < rdm_document_table_get_n_rows (table); r++)
    if (g_strcmp0 (rdm_document_table_get_text (table, r, 0), label) == 0)
      return (int)r;
  return -1;
}

/* The channels whose ROI a decision can rest on: with a cost and an ROI. */
static gboolean
is_channel_row (const RdmRoiReportRow *row)
{
  return !row->no_touch && g_strcmp0 (row->label, RDM_SHARED_LABEL) != 0 && row->row.roi.defined
         && row->row.cost > 0;
}

/* Totals of this period and the previous one. */
enum
{
  TOTAL_PERIOD,
  TOTAL_COST,
  TOTAL_VALUE,
  TOTAL_SAVINGS,
  TOTAL_ROI,
  TOTAL_ROAS,
};

static void
fill_total_row (RdmDocumentTable *table, guint row, const char *period, const RdmRoiRow *data)
{
  rdm_document_table_set_text (table, row, TOTAL_PERIOD, period);
  rdm_document_table_set_number (table, row, TOTAL_COST, data->cost);
  rdm_document_table_set_number (table, row, TOTAL_VALUE, data->value);
  rdm_document_table_set_number (table, row, TOTAL_SAVINGS, data->savings);
  set_figure (table, row, TOTAL_ROI, data->roi);
  set_figure (table, row, TOTAL_ROAS, data->roas);
}

static char *
report_period_label (const RdmRoiReport *report)
{
  if (!report->has_period)
    return g_strdup (C_ ("period", "All data"));
  return _rdm_review_period_label (&report->period);
}

static RdmDocumentTable *
totals_table (const RdmReviewFacts *facts)
{
  const RdmRoiReport *report = main_report (facts);
  RdmDocumentTable *table = rdm_document_table_new (C_ ("sheet", "Totals"), _ ("Totals"));
  g_autofree char *period = report_period_label (report);

  rdm_document_table_add_column (table, _ ("Period"), RDM_DOCUMENT_TEXT, FALSE);
  rdm_document_table_add_column (table, _ ("Cost"), RDM_DOCUMENT_MONEY, FALSE);
  rdm_document_table_add_column (table, _ ("Value"), RDM_DOCUMENT_MONEY, FALSE);
  rdm_document_table_add_column (table, _ ("Savings"), RDM_DOCUMENT_MONEY, FALSE);
  rdm_document_table_add_column (table, _ ("ROI"), RDM_DOCUMENT_PERCENT, FALSE);
  rdm_document_table_add_column (table, _ ("ROAS"), RDM_DOCUMENT_RATIO, FALSE);
  fill_total_row (table, rdm_document_table_add_row (table, FALSE), period, &report->total.row);
  /* a previous period before the data began has nothing to compare */
  if (report->has_previous && report->total.has_previous
      && (report->total.previous.cost > 0 || report->total.previous.value > 0
          || report->total.previous.savings > 0))
    {
      g_autofree char *previous = _rdm_review_period_label (&report->previous_period);

      fill_total_row (table, rdm_document_table_add_row (table, FALSE), previous,
                      &report->total.previous);
    }
  return table;
}

/* KPI scorecard columns */
enum
{
  KPI_OBJECTIVE,
  KPI_NAME,
  KPI_UNIT,
  KPI_ACTUAL,
  KPI_TARGET,
  KPI_STATUS,
  KPI_PREVIOUS,
  KPI_CHANGE,
};

static const char *
kpi_status_label (RdmKpiStatus status)
{
  switch (status)
    {
    case RDM_KPI_STATUS_MET:
      return C_ ("kpi", "Met");
    case RDM_KPI_STATUS_MISSED:
      return C_ ("kpi", "Missed");
    case RDM_KPI_STATUS_UNKNOWN:
      return C_ ("kpi", "Unknown");
    case RDM_KPI_STATUS_NO_TARGET:
    default:
      return C_ ("kpi", "No target");
    }
}

static RdmDocumentTable *
kpi_table (const RdmReviewFacts *facts)
{
  RdmDocumentTable *table
      = rdm_document_table_new (C_ ("sheet", "KPIs"), _ ("Objectives and KPIs"));

  rdm_document_table_add_column (table, _ ("Objective"), RDM_DOCUMENT_TEXT, FALSE);
  rdm_document_table_add_column (table, _ ("KPI"), RDM_DOCUMENT_TEXT, FALSE);
  rdm_document_table_add_column (table, _ ("Unit"), RDM_DOCUMENT_TEXT, FALSE);
  rdm_document_table_add_column (table, _ ("Actual"), RDM_DOCUMENT_FIGURE, FALSE);
  rdm_document_table_add_column (table, _ ("Target"), RDM_DOCUMENT_FIGURE, FALSE);
  rdm_document_table_add_column (table, _ ("Status"), RDM_DOCUMENT_TEXT, FALSE);
  rdm_document_table_add_column (table, _ ("Previous period"), RDM_DOCUMENT_FIGURE, FALSE);
  rdm_document_table_add_column (table, _ ("Change"), RDM_DOCUMENT_PERCENT, TRUE);
  for (guint i = 0; i < facts->kpis->len; i++)
    {
      const RdmKpiResult *result = g_ptr_array_index (facts->kpis, i);
      guint row = rdm_document_table_add_row (table, FALSE);

      rdm_document_table_set_text (table, row, KPI_OBJECTIVE, result->kpi->objective);
      rdm_document_table_set_text (table, row, KPI_NAME, result->kpi->name);
      rdm_document_table_set_text (table, row, KPI_UNIT, result->kpi->unit);
      set_figure (table, row, KPI_ACTUAL, result->actual);
      if (result->kpi->has_target)
        rdm_document_table_set_number (table, row, KPI_TARGET, result->kpi->target);
      rdm_document_table_set_text (table, row, KPI_STATUS, kpi_status_label (result->status));
      set_figure (table, row, KPI_PREVIOUS, result->change.previous);
      set_figure (table, row, KPI_CHANGE, result->change.relative);
    }
  return table;
}

/* The labels the models credit, in the first model's order, without
 * duplicates. */
static GPtrArray *
credited_labels (const RdmReviewFacts *facts)
{
  GPtrArray *labels = g_ptr_array_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint m = 0; m < facts->credits->len; m++)
    {
      const RdmCredit *credit = g_ptr_array_index (facts->credits, m);

      for (guint l = 0; l < credit->n_labels; l++)
        if (g_hash_table_add (seen, credit->label_names[l]))
          g_ptr_array_add (labels, credit->label_names[l]);
    }
  return labels;
}

static double
truth_of (const RdmTruth *truth, const char *label)
{
  for (guint l = 0; l < truth->n_labels; l++)
    if (g_strcmp0 (truth->label_names[l], label) == 0)
      return truth->conversions[l];
  return 0;
}

static RdmDocumentTable *
models_table (const RdmReviewFacts *facts)
{
  g_autoptr (GPtrArray) labels = credited_labels (facts);
  RdmDocumentTable *table
      = rdm_document_table_new (C_ ("sheet", "Models"), _ ("Conversions credited by each model"));
  gboolean intervals = facts->bootstrap > 0;

  rdm_document_table_add_column (table, _ ("Channel"), RDM_DOCUMENT_TEXT, FALSE);
  if (facts->truth != NULL)
    /* Translators: the conversions a channel truly caused, in a simulated world */
    rdm_document_table_add_column (table, _ ("Truth"), RDM_DOCUMENT_DECIMAL, FALSE);
  for (guint m = 0; m < facts->credits->len; m++)
    {
      const char *name = rdm_model_display_name (model_at (facts, m));

      rdm_document_table_add_column (table, name, RDM_DOCUMENT_DECIMAL, FALSE);
      if (intervals)
        {
          /* Translators: the bounds of a model's 95 % interval, "Linear low" */
          g_autofree char *low = g_strdup_printf (_ ("%s low"), name);
          g_autofree char *high = g_strdup_printf (_ ("%s high"), name);

          rdm_document_table_add_column (table, low, RDM_DOCUMENT_DECIMAL, FALSE);
          rdm_document_table_add_column (table, high, RDM_DOCUMENT_DECIMAL, FALSE);
        }
    }
  for (guint l = 0; l < labels->len; l++)
    {
      const char *label = g_ptr_array_index (labels, l);
      guint row = rdm_document_table_add_row (table, FALSE);
      guint column = 0;

      rdm_document_table_set_text (table, row, column++, rdm_report_label (label));
      if (facts->truth != NULL)
        rdm_document_table_set_number (table, row, column++, truth_of (facts->truth, label));
      for (guint m = 0; m < facts->credits->len; m++)
        {
          const RdmCredit *credit = g_ptr_array_index (facts->credits, m);
          int index = rdm_credit_find_label (credit, label);

          /* a label a model does not credit gets nothing from it */
          rdm_document_table_set_number (table, row, column,
                                         index >= 0 ? credit->conversions[index] : 0);
          column++;
          if (intervals)
            {
              if (index >= 0 && credit->ci_low != NULL)
                {
                  rdm_document_table_set_number (table, row, column, credit->ci_low[index]);
                  rdm_document_table_set_number (table, row, column + 1, credit->ci_high[index]);
                }
              column += 2;
            }
        }
    }
  return table;
}

/* ROI of each channel under each model. */
static RdmDocumentTable *
model_roi_table (const RdmReviewFacts *facts)
{
  const RdmRoiReport *first = main_report (facts);
  RdmDocumentTable *table
      = rdm_document_table_new (C_ ("sheet", "ROI by model"), _ ("ROI of each channel by model"));

  rdm_document_table_add_column (table, _ ("Channel"), RDM_DOCUMENT_TEXT, FALSE);
  for (guint m = 0; m < facts->roi->len; m++)
    rdm_document_table_add_column (table, rdm_model_display_name (model_at (facts, m)),
                                   RDM_DOCUMENT_PERCENT, FALSE);
  for (guint i = 0; i < first->rows->len; i++)
    {
      const RdmRoiReportRow *data = g_ptr_array_index (first->rows, i);
      guint row;

      if (!is_channel_row (data))
        continue;
      row = rdm_document_table_add_row (table, FALSE);
      rdm_document_table_set_text (table, row, 0, row_label (data));
      for (guint m = 0; m < facts->roi->len; m++)
        {
          const RdmRoiReport *report = g_ptr_array_index (facts->roi, m);

          for (guint j = 0; j < report->rows->len; j++)
            {
              const RdmRoiReportRow *other = g_ptr_array_index (report->rows, j);

              if (g_strcmp0 (other->label, data->label) == 0)
                set_figure (table, row, 1 + m, other->row.roi);
            }
        }
    }
  return table;
}

static RdmDocumentTable *
lengths_table (const RdmPathAnalysis *paths)
{
  RdmDocumentTable *table = rdm_document_table_new (C_ ("sheet", "Path length"),
                                                    _ ("Conversions by number of touches"));

  rdm_document_table_add_column (table, _ ("Touches"), RDM_DOCUMENT_TEXT, FALSE);
  rdm_document_table_add_column (table, _ ("Conversions"), RDM_DOCUMENT_DECIMAL, FALSE);
  rdm_document_table_add_column (table, _ ("Share"), RDM_DOCUMENT_PERCENT, FALSE);
  for (guint k = 0; k < paths->max_length; k++)
    {
      guint row = rdm_document_table_add_row (table, FALSE);
      g_autofree char *label = k + 1 < paths->max_length ? g_strdup_printf ("%u", k + 1)
                                                         : g_strdup_printf ("%u+", k + 1);

      rdm_document_table_set_text (table, row, 0, label);
      rdm_document_table_set_number (table, row, 1, paths->length_histogram[k]);
      if (paths->total_conversions > 0)
        rdm_document_table_set_number (table, row, 2,
                                       paths->length_histogram[k] / paths->total_conversions);
    }
  return table;
}

static RdmDocumentTable *
time_table (const RdmPathAnalysis *paths)
{
  RdmDocumentTable *table = rdm_document_table_new (C_ ("sheet", "Time to conversion"),
                                                    _ ("Conversions by days from first touch"));

  rdm_document_table_add_column (table, _ ("Days"), RDM_DOCUMENT_TEXT, FALSE);
  rdm_document_table_add_column (table, _ ("Conversions"), RDM_DOCUMENT_DECIMAL, FALSE);
  rdm_document_table_add_column (table, _ ("Share"), RDM_DOCUMENT_PERCENT, FALSE);
  for (guint b = 0; b < RDM_N_TIME_BUCKETS; b++)
    {
      guint row = rdm_document_table_add_row (table, FALSE);

      rdm_document_table_set_text (table, row, 0, rdm_path_analysis_time_bucket_label (b));
      rdm_document_table_set_number (table, row, 1, paths->time_histogram[b]);
      if (paths->total_conversions > 0)
        rdm_document_table_set_number (table, row, 2,
                                       paths->time_histogram[b] / paths->total_conversions);
    }
  return table;
}

/* Each channel: the share of conversions whose path holds it, and how
 * often it closes them or assists. */
static RdmDocumentTable *
channel_paths_table (const RdmPathAnalysis *paths)
{
  RdmDocumentTable *table
      = rdm_document_table_new (C_ ("sheet", "Channels in paths"), _ ("Channels in the paths"));

  rdm_document_table_add_column (table, _ ("Channel"), RDM_DOCUMENT_TEXT, FALSE);
  /* Translators: the share of conversions whose path holds the channel */
  rdm_document_table_add_column (table, _ ("In converting paths"), RDM_DOCUMENT_PERCENT, FALSE);
  rdm_document_table_add_column (table, _ ("Last touch"), RDM_DOCUMENT_DECIMAL, FALSE);
  rdm_document_table_add_column (table, _ ("Assisted"), RDM_DOCUMENT_DECIMAL, FALSE);
  rdm_document_table_add_column (table, _ ("Assists per last touch"), RDM_DOCUMENT_RATIO, FALSE);
  for (guint l = 0; l < paths->n_labels; l++)
    {
      const RdmLabelPaths *label = &paths->labels[l];
      guint row;

      if (g_strcmp0 (paths->label_names[l], RDM_NO_TOUCH_LABEL) == 0)
        continue;
      row = rdm_document_table_add_row (table, FALSE);
      rdm_document_table_set_text (table, row, 0, rdm_report_label (paths->label_names[l]));
      rdm_document_table_set_number (table, row, 1, paths->overlap[l * paths->n_labels + l]);
      rdm_document_table_set_number (table, row, 2, label->last_touch);
      rdm_document_table_set_number (table, row, 3, label->assisted);
      if (!isnan (label->assist_ratio))
        rdm_document_table_set_number (table, row, 4, label->assist_ratio);
    }
  return table;
}

static void
add_setting (RdmDocumentTable *table, const char *name, const char *value)
{
  guint row = rdm_document_table_add_row (table, FALSE);

  rdm_document_table_set_text (table, row, 0, name);
  rdm_document_table_set_text (table, row, 1, value);
}

static char *
model_list (const RdmReviewFacts *facts)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();

  for (guint m = 0; m < facts->models->len; m++)
    g_ptr_array_add (names, (gpointer)rdm_model_display_name (model_at (facts, m)));
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **)names->pdata);
}

static char *
days_text (double days)
{
  g_autofree char *number = rdm_format_fixed (days, days == floor (days) ? 0 : 1);

  /* Translators: a window length, "30 days" */
  return g_strdup_printf (ngettext ("%s day", "%s days", days == 1 ? 1 : 2), number);
}

/* How the shared costs are allocated, in words. */
static char *
shared_rule_label (const RdmSharedRule *rule)
{
  switch (rule->kind)
    {
    case RDM_SHARED_EVENLY:
      return g_strdup (_ ("Equally among the channels with activity"));
    case RDM_SHARED_TO_GROUP:
      /* Translators: %s is a channel group's code, "social" */
      return g_strdup_printf (_ ("To the channel group “%s”"), rule->group);
    case RDM_SHARED_BY_MEDIA:
    default:
      return g_strdup (_ ("In proportion to media spend"));
    }
}

static char *
fit_first_day (const RdmMmmFit *fit)
{
  return long_day (fit->first_day);
}

static char *
fit_last_day (const RdmMmmFit *fit)
{
  return long_day (fit->first_day + (gint64)(fit->n_days - 1) * 86400);
}

static RdmDocumentTable *
settings_table (const RdmReviewFacts *facts)
{
  const RdmRoiReport *report = main_report (facts);
  RdmDocumentTable *table = rdm_document_table_new (C_ ("sheet", "Settings"), _ ("Settings"));
  g_autofree char *period = report_period_label (report);
  g_autofree char *models = model_list (facts);
  g_autofree char *shared = shared_rule_label (&report->shared_rule);

  rdm_document_table_add_column (table, _ ("Setting"), RDM_DOCUMENT_TEXT, FALSE);
  rdm_document_table_add_column (table, _ ("Value"), RDM_DOCUMENT_TEXT, FALSE);
  add_setting (table, _ ("Period"), period);
  if (report->has_period)
    {
      g_autofree char *dates = period_dates (&report->period);

      add_setting (table, _ ("Dates"), dates);
    }
  if (report->has_previous)
    {
      g_autofree char *previous = _rdm_review_period_label (&report->previous_period);

      add_setting (table, _ ("Compared with"), previous);
    }
  add_setting (table, _ ("Models"), models);
  add_setting (table, _ ("ROI and summary by"), rdm_model_display_name (report->model));
  if (!facts->path_table)
    {
      g_autofree char *click = days_text (facts->path->click_window_days);
      g_autofree char *view = days_text (facts->path->view_window_days);

      add_setting (table, _ ("Click window"), click);
      add_setting (table, _ ("View window"), view);
    }
  add_setting (table, _ ("Segment"),
               facts->path->segment != NULL ? facts->path->segment : _ ("Every visitor"));
  add_setting (table, _ ("Shared costs allocated"), shared);
  add_setting (table, _ ("Credit"),
               facts->calibrated ? _ ("Calibrated by the project’s experiments")
                                 : _ ("As the models give it"));
  if (facts->currency != NULL)
    add_setting (table, _ ("Currency"), facts->currency);
  if (facts->media_mix != NULL)
    {
      const RdmMmmFit *fit = facts->media_mix->fit;
      g_autofree char *first = fit_first_day (fit);
      g_autofree char *last = fit_last_day (fit);
      g_autofree char *days = NULL;
      g_autofree char *replicates = g_strdup_printf ("%u", fit->n_replicates);

      /* Translators: the days a model was fitted on, "1 October 2024 to 30 September 2026" */
      days = g_strdup_printf (C_ ("report", "%s to %s"), first, last);
      add_setting (table, _ ("Media-mix model fitted on"), days);
      add_setting (table, _ ("Media-mix bootstrap replicates"), replicates);
    }
  for (guint i = 0; facts->imports != NULL && i < facts->imports->len; i++)
    {
      const RdmImportRecord *record = g_ptr_array_index (facts->imports, i);
      g_autofree char *day = rdm_format_day (record->imported_at);
      /* Translators: an imported file in the settings table: "costs.csv, costs, 2026-12-06" */
      g_autofree char *text
          = g_strdup_printf (C_ ("report", "%s (%s, imported %s)"), record->file_name,
                             rdm_import_kind_label (record->kind), day);

      add_setting (table, _ ("Data source"), text);
    }
  return table;
}

/* Sentences of the executive summary. */

static void
add_sentence (GPtrArray *sentences, char *sentence)
{
  g_ptr_array_add (sentences, sentence);
}

static void
summarise_totals (GPtrArray *sentences,
                  const RdmDocumentTable *totals,
                  gboolean has_period,
                  const char *currency)
{
  g_autofree char *cost = cell (totals, 0, TOTAL_COST, currency);
  g_autofree char *value = cell (totals, 0, TOTAL_VALUE, currency);
  g_autofree char *roi = cell (totals, 0, TOTAL_ROI, currency);
  const char *period = rdm_document_table_get_text (totals, 0, TOTAL_PERIOD);

  if (!has_period)
    add_sentence (sentences,
                  rdm_document_table_get_cell (totals, 0, TOTAL_ROI) == RDM_DOCUMENT_CELL_NUMBER
                      ? g_strdup_printf (_ ("Over all the data, %s of costs brought %s of value: "
                                            "an ROI of %s."),
                                         cost, value, roi)
                      : g_strdup_printf (_ ("Over all the data, the conversions brought %s of "
                                            "value; with no cost recorded, ROI cannot be "
                                            "computed."),
                                         value));
  else if (rdm_document_table_get_cell (totals, 0, TOTAL_ROI) == RDM_DOCUMENT_CELL_NUMBER)
    /* Translators: "In Q3 2026, 12 000 € of costs brought 30 000 € of value: an ROI of 150.0 %." */
    add_sentence (sentences, g_strdup_printf (_ ("In %s, %s of costs brought %s of value: an ROI "
                                                 "of %s."),
                                              period, cost, value, roi));
  else
    add_sentence (sentences,
                  g_strdup_printf (_ ("In %s, the conversions brought %s of value; with no cost "
                                      "recorded, ROI cannot be computed."),
                                   period, value));
  if (rdm_document_table_get_n_rows (totals) > 1)
    {
      g_autofree char *previous_cost = cell (totals, 1, TOTAL_COST, currency);
      g_autofree char *previous_value = cell (totals, 1, TOTAL_VALUE, currency);
      g_autofree char *previous_roi = cell (totals, 1, TOTAL_ROI, currency);
      double now = rdm_document_table_get_number (totals, 0, TOTAL_ROI);
      double before = rdm_document_table_get_number (totals, 1, TOTAL_ROI);
      const char *previous = rdm_document_table_get_text (totals, 1, TOTAL_PERIOD);

      if (rdm_document_table_get_cell (totals, 0, TOTAL_ROI) != RDM_DOCUMENT_CELL_NUMBER
          || rdm_document_table_get_cell (totals, 1, TOTAL_ROI) != RDM_DOCUMENT_CELL_NUMBER)
        /* Translators: "In Q2 2026, costs were 9 000 € and value 20 000 €." */
        add_sentence (sentences, g_strdup_printf (_ ("In %s, costs were %s and value %s."),
                                                  previous, previous_cost, previous_value));
      else
        add_sentence (sentences,
                      g_strdup_printf (
                          now > before   ? _ ("ROI rose from %s in %s (costs %s, value %s).")
                          : now < before ? _ ("ROI fell from %s in %s (costs %s, value %s).")
                                         : _ ("ROI was the same, %s, in %s (costs %s, value %s)."),
                          previous_roi, previous, previous_cost, previous_value));
    }
}

static void
summarise_channels (GPtrArray *sentences,
                    const RdmReviewFacts *facts,
                    const RdmDocumentTable *roi,
                    const char *currency)
{
  const RdmRoiReport *report = main_report (facts);
  const RdmRoiReportRow *best = NULL;
  const RdmRoiReportRow *worst = NULL;
  guint n_channels = 0;

  for (guint i = 0; i < report->rows->len; i++)
    {
      const RdmRoiReportRow *row = g_ptr_array_index (report->rows, i);

      if (!is_channel_row (row))
        continue;
      n_channels++;
      if (best == NULL || row->row.roi.value > best->row.roi.value)
        best = row;
      if (worst == NULL || row->row.roi.value < worst->row.roi.value)
        worst = row;
    }
  if (best == NULL)
    {
      add_sentence (sentences, g_strdup (_ ("No channel had a cost in this period, so no channel "
                                            "can be ranked by ROI.")));
      return;
    }
  {
    int row = find_row (roi, row_label (best));
    g_autofree char *roi_text = cell (roi, row, ROI_ROI, currency);
    g_autofree char *media = cell (roi, row, ROI_MEDIA, currency);
    g_autofree char *other = cell (roi, row, ROI_OTHER, currency);
    const char *label = row_label (best);

    /* the costs as the table splits them, naming only those it spent */
    if (rdm_document_table_get_number (roi, row, ROI_OTHER) == 0)
      /* Translators: "Email returned the most: an ROI of 339.0 % on 1 200 € of media cost." */
      add_sentence (sentences, g_strdup_printf (_ ("%s returned the most: an ROI of %s on %s of "
                                                   "media cost."),
                                                label, roi_text, media));
    else if (rdm_document_table_get_number (roi, row, ROI_MEDIA) == 0)
      add_sentence (sentences, g_strdup_printf (_ ("%s returned the most: an ROI of %s on %s of "
                                                   "costs other than media."),
                                                label, roi_text, other));
    else
      add_sentence (sentences, g_strdup_printf (_ ("%s returned the most: an ROI of %s on %s of "
                                                   "media cost and %s of other costs."),
                                                label, roi_text, media, other));
  }
  if (n_channels > 1)
    {
      int row = find_row (roi, row_label (worst));
      g_autofree char *roi_text = cell (roi, row, ROI_ROI, currency);

      add_sentence (
          sentences,
          g_strdup_printf (
              worst->row.roi.value < 0
                  /* Translators: "LinkedIn returned the least: an ROI of −88.0 %, a loss." */
                  ? _ ("%s returned the least: an ROI of %s, a loss.")
                  : _ ("%s returned the least: an ROI of %s."),
              row_label (worst), roi_text));
    }
}

static void
summarise_kpis (GPtrArray *sentences, const RdmReviewFacts *facts, const RdmDocumentTable *kpis)
{
  g_autoptr (GPtrArray) missed = g_ptr_array_new_with_free_func (g_free);
  guint met = 0;
  guint targeted = 0;

  for (guint i = 0; i < facts->kpis->len; i++)
    {
      const RdmKpiResult *result = g_ptr_array_index (facts->kpis, i);

      if (result->status == RDM_KPI_STATUS_MET || result->status == RDM_KPI_STATUS_MISSED)
        targeted++;
      if (result->status == RDM_KPI_STATUS_MET)
        met++;
      else if (result->status == RDM_KPI_STATUS_MISSED)
        {
          g_autofree char *actual = cell (kpis, i, KPI_ACTUAL, NULL);
          g_autofree char *target = cell (kpis, i, KPI_TARGET, NULL);

          /* Translators: a missed KPI: "Revenue (3 300.0 against a target of 5 000)" */
          g_ptr_array_add (missed, g_strdup_printf (_ ("%s (%s against a target of %s)"),
                                                    result->kpi->name, actual, target));
        }
    }
  if (targeted == 0)
    return;
  /* Translators: "2 of 3 KPI targets were met." */
  add_sentence (sentences, g_strdup_printf (ngettext ("%u of %u KPI target was met.",
                                                      "%u of %u KPI targets were met.", targeted),
                                            met, targeted));
  if (missed->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (missed, NULL);
      /* Translators: between the missed KPIs of a sentence */
      list = g_strjoinv (C_ ("list", "; "), (char **)missed->pdata);
      /* Translators: the KPIs that missed their target, after a colon */
      add_sentence (sentences, g_strdup_printf (
                                   ngettext ("Missed: %s.", "Missed: %s.", missed->len - 1), list));
    }
}

/* The models whose numbers in @row of @table are the lowest and the
 * highest, model m's number in column @first + m × @stride; FALSE when no
 * model has one. */
static gboolean
row_extremes (const RdmDocumentTable *table,
              guint row,
              guint first,
              guint stride,
              guint n_models,
              guint *low,
              guint *high)
{
  gboolean any = FALSE;

  for (guint m = 0; m < n_models; m++)
    {
      guint column = first + m * stride;
      double v;

      if (rdm_document_table_get_cell (table, row, column) != RDM_DOCUMENT_CELL_NUMBER)
        continue;
      v = rdm_document_table_get_number (table, row, column);
      if (!any || v < rdm_document_table_get_number (table, row, first + *low * stride))
        *low = m;
      if (!any || v > rdm_document_table_get_number (table, row, first + *high * stride))
        *high = m;
      any = TRUE;
    }
  return any;
}

/* The row of @table whose highest and lowest model numbers lie furthest
 * apart, among the rows @accept takes; -1 when there is none. */
static int
widest_row (const RdmDocumentTable *table,
            guint first,
            guint stride,
            guint n_models,
            gboolean (*accept) (double low, double high),
            guint *low_model,
            guint *high_model)
{
  double widest = 0;
  int chosen = -1;

  for (guint r = 0; r < rdm_document_table_get_n_rows (table); r++)
    {
      guint low = 0;
      guint high = 0;
      double low_value;
      double high_value;

      if (!row_extremes (table, r, first, stride, n_models, &low, &high))
        continue;
      low_value = rdm_document_table_get_number (table, r, first + low * stride);
      high_value = rdm_document_table_get_number (table, r, first + high * stride);
      if (accept (low_value, high_value) && high_value - low_value > widest)
        {
          widest = high_value - low_value;
          chosen = (int)r;
          *low_model = low;
          *high_model = high;
        }
    }
  return chosen;
}

/* A loss under one model, a gain under another: a decision. */
static gboolean
flips_verdict (double low, double high)
{
  return low < 0 && high > 0;
}

static gboolean
any_gap (double low, double high)
{
  return TRUE;
}

/* The channel whose ROI turns from gain to loss between two models, with
 * the widest gap: the decision to keep or cut it rests on the model. */
static void
summarise_disagreement (GPtrArray *sentences,
                        const RdmReviewFacts *facts,
                        const RdmDocumentTable *model_roi)
{
  guint low_model = 0;
  guint high_model = 0;
  int row;

  if (facts->roi->len < 2)
    return;
  row = widest_row (model_roi, 1, 1, facts->roi->len, flips_verdict, &low_model, &high_model);
  if (row < 0)
    {
      add_sentence (sentences, g_strdup (_ ("The models agree on which channels earn more than "
                                            "they cost.")));
      return;
    }
  {
    const char *channel = rdm_document_table_get_text (model_roi, row, 0);
    g_autofree char *low_roi = cell (model_roi, row, 1 + low_model, NULL);
    g_autofree char *high_roi = cell (model_roi, row, 1 + high_model, NULL);

    /* Translators: "Display earns under First touch (ROI 175.0 %) and loses under Last touch
     * (ROI −75.0 %): whether to keep it depends on the model, so test it with an experiment." */
    add_sentence (sentences,
                  g_strdup_printf (_ ("%s earns under %s (ROI %s) and loses under %s (ROI %s): "
                                      "whether to keep it depends on the model, so test it with "
                                      "an experiment."),
                                   channel, rdm_model_display_name (model_at (facts, high_model)),
                                   high_roi, rdm_model_display_name (model_at (facts, low_model)),
                                   low_roi));
  }
}

/* What separates the models on this data: the channel whose credit
 * differs most between them. */
static char *
models_paragraph (const RdmReviewFacts *facts, const RdmDocumentTable *models)
{
  guint first_column = facts->truth != NULL ? 2 : 1;
  guint stride = facts->bootstrap > 0 ? 3 : 1;
  guint low_model = 0;
  guint high_model = 0;
  int row;

  if (facts->credits->len < 2)
    return NULL;
  row = widest_row (models, first_column, stride, facts->credits->len, any_gap, &low_model,
                    &high_model);
  if (row < 0)
    return g_strdup (_ ("Every model gives each channel the same credit on this data: its "
                        "journeys are too short for the models to differ."));
  {
    g_autofree char *high = cell (models, row, first_column + high_model * stride, NULL);
    g_autofree char *low = cell (models, row, first_column + low_model * stride, NULL);

    /* Translators: "The models differ most on Display: First touch credits it with 612.0
     * conversions, Last touch with 82.0. Models that favour the first touches credit the
     * channels that open journeys; those that favour the last, the channels that close them." */
    return g_strdup_printf (
        _ ("The models differ most on %s: %s credits it with %s conversions, %s with %s. Models "
           "that favour the first touches credit the channels that open journeys; those that "
           "favour the last touches, the channels that close them."),
        rdm_document_table_get_text (models, row, 0),
        rdm_model_display_name (model_at (facts, high_model)), high,
        rdm_model_display_name (model_at (facts, low_model)), low);
  }
}

/* How far each model's credit is from a simulated world's truth, the
 * closest first. */
static RdmDocumentTable *
truth_table (const RdmReviewFacts *facts)
{
  RdmDocumentTable *table
      = rdm_document_table_new (C_ ("sheet", "Truth"), _ ("Each model against the truth"));
  g_autofree guint *order = rdm_truth_rank (facts->truth, facts->credits);

  rdm_document_table_add_column (table, _ ("Model"), RDM_DOCUMENT_TEXT, FALSE);
  /* Translators: Σ |credit − truth| over the channels */
  rdm_document_table_add_column (table, _ ("Conversions misplaced"), RDM_DOCUMENT_DECIMAL, FALSE);
  /* Translators: ½ Σ |credit share − truth share| */
  rdm_document_table_add_column (table, _ ("Share of credit misplaced"), RDM_DOCUMENT_PERCENT,
                                 FALSE);
  for (guint i = 0; i < facts->credits->len; i++)
    {
      const RdmCredit *credit = g_ptr_array_index (facts->credits, order[i]);
      guint row = rdm_document_table_add_row (table, FALSE);
      RdmTruthError error;

      rdm_truth_error (facts->truth, credit, &error);
      rdm_document_table_set_text (table, row, 0,
                                   rdm_model_display_name (model_at (facts, order[i])));
      rdm_document_table_set_number (table, row, 1, error.conversions);
      if (!isnan (error.share))
        rdm_document_table_set_number (table, row, 2, error.share);
    }
  return table;
}

static const char *
factor_source_label (RdmFactorSource source)
{
  switch (source)
    {
    case RDM_FACTOR_EXPERIMENT:
      return C_ ("factor", "Experiment");
    case RDM_FACTOR_MEAN_OF_TESTED:
      return C_ ("factor", "Mean of the tested channels");
    case RDM_FACTOR_KEPT:
    default:
      return C_ ("factor", "Kept as the model gives it");
    }
}

static void
add_factor_row (RdmDocumentTable *table,
                const char *channel,
                double factor,
                double value_factor,
                RdmFactorSource source)
{
  guint row = rdm_document_table_add_row (table, FALSE);

  rdm_document_table_set_text (table, row, 0, channel);
  rdm_document_table_set_number (table, row, 1, factor);
  if (!isnan (value_factor))
    rdm_document_table_set_number (table, row, 2, value_factor);
  rdm_document_table_set_text (table, row, 3, factor_source_label (source));
}

/* The factors the experiments give the first model's credit. */
static RdmDocumentTable *
calibration_table (const RdmReviewFacts *facts)
{
  const RdmCalibration *calibration = g_ptr_array_index (facts->calibrations, 0);
  RdmDocumentTable *table
      = rdm_document_table_new (C_ ("sheet", "Calibration"), _ ("Calibration by the experiments"));

  rdm_document_table_add_column (table, _ ("Channel"), RDM_DOCUMENT_TEXT, FALSE);
  /* Translators: calibrated conversions = factor × credited conversions */
  rdm_document_table_add_column (table, _ ("Conversions factor"), RDM_DOCUMENT_RATIO, FALSE);
  rdm_document_table_add_column (table, _ ("Value factor"), RDM_DOCUMENT_RATIO, FALSE);
  rdm_document_table_add_column (table, _ ("From"), RDM_DOCUMENT_TEXT, FALSE);
  for (guint i = 0; i < calibration->tested->len; i++)
    {
      const RdmCalibrationFactor *factor
          = &g_array_index (calibration->tested, RdmCalibrationFactor, i);

      add_factor_row (table, factor->channel, factor->factor, factor->value_factor, factor->source);
    }
  add_factor_row (table, _ ("Every other channel"), calibration->untested_factor,
                  calibration->untested_value_factor, calibration->untested_source);
  return table;
}

static void
summarise_truth (GPtrArray *sentences, const RdmDocumentTable *truth)
{
  g_autofree char *share = cell (truth, 0, 2, NULL);

  if (rdm_document_table_get_cell (truth, 0, 2) != RDM_DOCUMENT_CELL_NUMBER)
    return;
  /* Translators: "In this simulated world, Markov chain comes closest to the truth: it
   * misplaces 12.0 % of the credit." */
  add_sentence (sentences, g_strdup_printf (_ ("In this simulated world, %s comes closest to the "
                                               "truth: it misplaces %s of the credit."),
                                            rdm_document_table_get_text (truth, 0, 0), share));
}

/* A chart, its note set under it as the document's text: a page's column
 * is narrower than the chart's one-line note. */
static void
add_chart (RdmDocument *document, RdmChart *chart)
{
  g_autofree char *note = NULL;

  if (chart == NULL || rdm_chart_is_empty (chart))
    return;
  note = g_strdup (rdm_chart_get_note (chart));
  rdm_chart_set_note (chart, NULL);
  rdm_document_add_chart (document, chart);
  if (note != NULL)
    rdm_document_add_note (document, note);
}

static void
fill_cover (RdmDocument *document,
            const RdmReviewFacts *facts,
            const RdmBranding *branding,
            gint64 today)
{
  const RdmRoiReport *report = main_report (facts);
  RdmDocumentCover cover = { 0 };
  g_autofree char *footer = NULL;

  cover.title = g_strdup (branding->title != NULL ? branding->title : _ ("Quarterly review"));
  cover.client = g_strdup (branding->client);
  cover.author = g_strdup (branding->author);
  cover.period_label = report_period_label (report);
  if (report->has_period)
    cover.period_dates = period_dates (&report->period);
  cover.date = long_day (today);
  cover.logo = branding->logo != NULL ? g_bytes_ref (branding->logo) : NULL;
  cover.accent = branding->has_accent ? branding->accent : DEFAULT_ACCENT;
  footer = branding->client != NULL
               /* Translators: the page footer, "Boulangerie Dupont · Quarterly review · Q3 2026" */
               ? g_strdup_printf (C_ ("report", "%s · %s · %s"), branding->client, cover.title,
                                  cover.period_label)
               : g_strdup_printf (C_ ("report", "%s · %s"), cover.title, cover.period_label);
  rdm_document_take_cover (document, &cover);
  rdm_document_set_footer (document, footer);
}

static void
add_method (RdmDocument *document, const RdmReviewFacts *facts)
{
  rdm_document_add_section (document, _ ("Method"));
  rdm_document_add_paragraph (
      document,
      /* xgettext:no-c-format */
      _ ("Attribution shares out each conversion among the channels of the journey that led to "
         "it. First touch gives it all to the first channel, last touch to the last; linear "
         "shares it equally; position-based gives 40 % to the first and the last and splits "
         "the rest; time decay favours the touches closest to the conversion; the Markov model "
         "credits a channel with the conversions lost when it is removed from the journeys; "
         "Shapley shares them by each channel’s average contribution to every group of "
         "channels."));
  rdm_document_add_paragraph (
      document,
      facts->calibrated
          ? _ ("Credit is not incrementality: a model also shares out the conversions that "
               "would have happened anyway. Here the credit is calibrated by the project’s "
               "experiments, which measured what each tested channel adds.")
          : _ ("Credit is not incrementality: a model also shares out the conversions that "
               "would have happened anyway. Only an experiment (a holdout or a geographic "
               "test) measures what a channel adds; until then, read ROI as an upper bound."));
  if (facts->path_table)
    rdm_document_add_paragraph (document,
                                _ ("The journeys come from an imported path table, which has no "
                                   "dates: the credit is the whole table’s, set against the "
                                   "period’s costs."));
  rdm_document_add_table (document, settings_table (facts));
}

/* The media-mix model's channels, then all media, the baseline and the
 * whole outcome. */
enum
{
  MIX_CHANNEL,
  MIX_SPEND,
  MIX_CONTRIBUTION,
  MIX_LOW,
  MIX_HIGH,
  MIX_SHARE,
  MIX_ROI,
  MIX_MARGINAL_ROI,
  MIX_WARNING,
};

static void
set_estimate (RdmDocumentTable *table, guint row, guint column, double value)
{
  if (isfinite (value))
    rdm_document_table_set_number (table, row, column, value);
}

static RdmDocumentTable *
media_mix_table (const RdmReviewFacts *facts)
{
  const RdmMmmFit *fit = facts->media_mix->fit;
  g_autofree char *first = fit_first_day (fit);
  g_autofree char *last = fit_last_day (fit);
  /* Translators: a table's title; the first and the last day the model was fitted on */
  g_autofree char *title
      = g_strdup_printf (_ ("Conversions each channel brought, %s to %s"), first, last);
  RdmDocumentTable *table = rdm_document_table_new (C_ ("sheet", "Media mix"), title);
  double media = 0, media_value = 0, spend = 0;
  guint row;

  rdm_document_table_add_column (table, _ ("Channel"), RDM_DOCUMENT_TEXT, FALSE);
  rdm_document_table_add_column (table, _ ("Media cost"), RDM_DOCUMENT_MONEY, FALSE);
  rdm_document_table_add_column (table, _ ("Conversions brought"), RDM_DOCUMENT_COUNT, FALSE);
  /* Translators: the bounds of the 95 % interval of the column before */
  rdm_document_table_add_column (table, _ ("Low (95 %)"), RDM_DOCUMENT_COUNT, FALSE);
  rdm_document_table_add_column (table, _ ("High (95 %)"), RDM_DOCUMENT_COUNT, FALSE);
  rdm_document_table_add_column (table, _ ("Share"), RDM_DOCUMENT_PERCENT, FALSE);
  rdm_document_table_add_column (table, _ ("ROI"), RDM_DOCUMENT_PERCENT, FALSE);
  /* Translators: the return of the next unit of spend */
  rdm_document_table_add_column (table, _ ("Marginal ROI"), RDM_DOCUMENT_PERCENT, FALSE);
  rdm_document_table_add_column (table, _ ("Warning"), RDM_DOCUMENT_TEXT, FALSE);
  for (guint c = 0; c < fit->n_channels; c++)
    {
      const RdmMmmChannel *channel = &fit->channels[c];

      row = rdm_document_table_add_row (table, FALSE);
      rdm_document_table_set_text (table, row, MIX_CHANNEL, channel->channel);
      rdm_document_table_set_number (table, row, MIX_SPEND, channel->spend);
      rdm_document_table_set_number (table, row, MIX_CONTRIBUTION, channel->contribution.estimate);
      set_estimate (table, row, MIX_LOW, channel->contribution.low);
      set_estimate (table, row, MIX_HIGH, channel->contribution.high);
      if (fit->total_conversions > 0)
        rdm_document_table_set_number (table, row, MIX_SHARE,
                                       channel->contribution.estimate / fit->total_conversions);
      if (fit->has_value)
        {
          set_estimate (table, row, MIX_ROI, channel->roi.estimate);
          set_estimate (table, row, MIX_MARGINAL_ROI, channel->marginal_roi.estimate);
        }
      rdm_document_table_set_text (table, row, MIX_WARNING,
                                   rdm_media_mix_warning_word (channel->warnings));
      media += channel->contribution.estimate;
      media_value += channel->contribution_value.estimate;
      spend += channel->spend;
    }
  row = rdm_document_table_add_row (table, FALSE);
  rdm_document_table_set_text (table, row, MIX_CHANNEL, _ ("All media"));
  rdm_document_table_set_number (table, row, MIX_SPEND, spend);
  rdm_document_table_set_number (table, row, MIX_CONTRIBUTION, media);
  if (fit->total_conversions > 0)
    rdm_document_table_set_number (table, row, MIX_SHARE, media / fit->total_conversions);
  if (fit->has_value && spend > 0)
    rdm_document_table_set_number (table, row, MIX_ROI, (media_value - spend) / spend);
  rdm_document_table_set_text (table, row, MIX_WARNING, "");
  row = rdm_document_table_add_row (table, FALSE);
  rdm_document_table_set_text (table, row, MIX_CHANNEL, _ ("Baseline"));
  rdm_document_table_set_text (table, row, MIX_WARNING, "");
  rdm_document_table_set_number (table, row, MIX_CONTRIBUTION, fit->baseline.estimate);
  set_estimate (table, row, MIX_LOW, fit->baseline.low);
  set_estimate (table, row, MIX_HIGH, fit->baseline.high);
  if (fit->total_conversions > 0)
    rdm_document_table_set_number (table, row, MIX_SHARE,
                                   fit->baseline.estimate / fit->total_conversions);
  row = rdm_document_table_add_row (table, TRUE);
  rdm_document_table_set_text (table, row, MIX_CHANNEL, C_ ("report", "Total"));
  rdm_document_table_set_number (table, row, MIX_CONTRIBUTION, fit->total_conversions);
  rdm_document_table_set_text (table, row, MIX_WARNING, "");
  return table;
}

/* The budget for the next quarter: each channel's spend today and
 * proposed, with the bounds the search kept to. */
enum
{
  BUDGET_CHANNEL,
  BUDGET_TODAY,
  BUDGET_PROPOSED,
  BUDGET_CHANGE,
  BUDGET_LOWER,
  BUDGET_UPPER,
};

static RdmDocumentTable *
budget_table (const RdmReviewFacts *facts)
{
  const RdmBudgetPlan *plan = facts->budget;
  const RdmMmmFit *fit = facts->media_mix->fit;
  guint weeks = plan->days / 7;
  /* Translators: a table's title; %u is a number of weeks */
  g_autofree char *title = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "Budget for the next %u week, at today’s total",
                   "Budget for the next %u weeks, at today’s total", weeks),
      weeks);
  RdmDocumentTable *table = rdm_document_table_new (C_ ("sheet", "Budget"), title);
  double today = 0, proposed = 0;
  guint row;

  rdm_document_table_add_column (table, _ ("Channel"), RDM_DOCUMENT_TEXT, FALSE);
  rdm_document_table_add_column (table, _ ("Today’s split"), RDM_DOCUMENT_MONEY, FALSE);
  rdm_document_table_add_column (table, _ ("Proposed split"), RDM_DOCUMENT_MONEY, FALSE);
  rdm_document_table_add_column (table, _ ("Change"), RDM_DOCUMENT_MONEY, TRUE);
  /* Translators: the least and the most the search could give a channel */
  rdm_document_table_add_column (table, _ ("At least"), RDM_DOCUMENT_MONEY, FALSE);
  rdm_document_table_add_column (table, _ ("At most"), RDM_DOCUMENT_MONEY, FALSE);
  for (guint c = 0; c < plan->n_channels; c++)
    {
      row = rdm_document_table_add_row (table, FALSE);
      rdm_document_table_set_text (table, row, BUDGET_CHANNEL, fit->channels[c].channel);
      rdm_document_table_set_number (table, row, BUDGET_TODAY, plan->current[c]);
      rdm_document_table_set_number (table, row, BUDGET_PROPOSED, plan->proposed[c]);
      rdm_document_table_set_number (table, row, BUDGET_CHANGE,
                                     plan->proposed[c] - plan->current[c]);
      rdm_document_table_set_number (table, row, BUDGET_LOWER, plan->lower[c]);
      rdm_document_table_set_number (table, row, BUDGET_UPPER, plan->upper[c]);
      today += plan->current[c];
      proposed += plan->proposed[c];
    }
  row = rdm_document_table_add_row (table, TRUE);
  rdm_document_table_set_text (table, row, BUDGET_CHANNEL, C_ ("report", "Total"));
  rdm_document_table_set_number (table, row, BUDGET_TODAY, today);
  rdm_document_table_set_number (table, row, BUDGET_PROPOSED, proposed);
  rdm_document_table_set_number (table, row, BUDGET_CHANGE, proposed - today);
  return table;
}

/* What today's and the proposed split bring under the fitted curves, and
 * what the proposal gains once its optimism is taken off. */
static void
add_outcome_row (RdmDocumentTable *table,
                 const char *label,
                 const RdmMmmEstimate *estimate,
                 double value_per_conversion)
{
  guint row = rdm_document_table_add_row (table, FALSE);

  rdm_document_table_set_text (table, row, 0, label);
  set_estimate (table, row, 1, estimate->estimate);
  set_estimate (table, row, 2, estimate->low);
  set_estimate (table, row, 3, estimate->high);
  if (rdm_document_table_get_n_columns (table) > 4)
    set_estimate (table, row, 4, estimate->estimate * value_per_conversion);
}

enum
{
  OUTCOME_TODAY,
  OUTCOME_PROPOSED,
  OUTCOME_GAIN,
  OUTCOME_OPTIMISM,
};

static RdmDocumentTable *
budget_outcome_table (const RdmReviewFacts *facts)
{
  const RdmBudgetPlan *plan = facts->budget;
  RdmDocumentTable *table = rdm_document_table_new (
      C_ ("sheet", "Budget outcome"), _ ("Conversions from media under the fitted curves"));
  RdmMmmEstimate optimism = { plan->optimism, NAN, NAN };

  rdm_document_table_add_column (table, _ ("Split"), RDM_DOCUMENT_TEXT, FALSE);
  rdm_document_table_add_column (table, _ ("Conversions"), RDM_DOCUMENT_COUNT, FALSE);
  rdm_document_table_add_column (table, _ ("Low (95 %)"), RDM_DOCUMENT_COUNT, FALSE);
  rdm_document_table_add_column (table, _ ("High (95 %)"), RDM_DOCUMENT_COUNT, FALSE);
  if (facts->media_mix->fit->has_value)
    rdm_document_table_add_column (table, _ ("Value"), RDM_DOCUMENT_MONEY, FALSE);
  add_outcome_row (table, _ ("Today’s split"), &plan->current_expected, plan->value_per_conversion);
  add_outcome_row (table, _ ("Proposed split"), &plan->proposed_expected,
                   plan->value_per_conversion);
  /* Translators: what the proposed split gains over today's */
  add_outcome_row (table, _ ("Gain, optimism taken off"), &plan->gain, plan->value_per_conversion);
  if (isfinite (plan->optimism))
    /* Translators: the gain the fitted curves promise beyond what is real */
    add_outcome_row (table, _ ("Optimism taken off"), &optimism, plan->value_per_conversion);
  return table;
}

/* What the budget section concludes, in numbers of its tables. */
static char *
budget_sentence (const RdmReviewFacts *facts,
                 const RdmDocumentTable *budget,
                 const RdmDocumentTable *outcome)
{
  g_autofree char *total
      = cell (budget, rdm_document_table_get_n_rows (budget) - 1, BUDGET_TODAY, facts->currency);
  g_autofree char *gain = cell (outcome, OUTCOME_GAIN, 1, NULL);
  g_autofree char *low = cell (outcome, OUTCOME_GAIN, 2, NULL);
  g_autofree char *high = cell (outcome, OUTCOME_GAIN, 3, NULL);

  switch (rdm_budget_plan_verdict (facts->budget))
    {
    case RDM_BUDGET_VERDICT_TODAY_IS_BEST:
      return g_strdup_printf (_ ("For the next quarter at today’s total of %s, the media-mix "
                                 "model finds today’s split the best within its bounds."),
                              total);
    case RDM_BUDGET_VERDICT_UNMEASURED:
      return g_strdup_printf (_ ("For the next quarter at today’s total of %s, the media-mix "
                                 "model’s proposed split gains %s conversions under its curves; "
                                 "without a bootstrap, how much of that is noise is not "
                                 "measured."),
                              total, gain);
    case RDM_BUDGET_VERDICT_MOVE:
      /* Translators: "For the next quarter at today's total of 60 000 €, the media-mix model's
       * proposed split gains 233 conversions (interval 52 to 414) once the optimism of
       * choosing it on the same curves is taken off: the data support moving to it." */
      return g_strdup_printf (_ ("For the next quarter at today’s total of %s, the media-mix "
                                 "model’s proposed split gains %s conversions (interval %s to %s) "
                                 "once the optimism of choosing it on the same curves is "
                                 "taken off: the data support moving to it."),
                              total, gain, low, high);
    case RDM_BUDGET_VERDICT_KEEP:
      return g_strdup_printf (_ ("For the next quarter at today’s total of %s, the media-mix "
                                 "model’s proposed split changes conversions by %s (interval %s "
                                 "to %s) once the optimism of choosing it on the same "
                                 "curves is taken off: keep today’s split."),
                              total, gain, low, high);
    case RDM_BUDGET_VERDICT_UNDECIDED:
    default:
      return g_strdup_printf (_ ("For the next quarter at today’s total of %s, the media-mix "
                                 "model’s proposed split changes conversions by %s (interval %s "
                                 "to %s) once the optimism of choosing it on the same "
                                 "curves is taken off: the data cannot tell it from today’s "
                                 "split, so test before moving the budget (see Media mix and "
                                 "budget)."),
                              total, gain, low, high);
    }
}

static void
summarise_media_mix (GPtrArray *sentences,
                     const RdmReviewFacts *facts,
                     const RdmDocumentTable *mix,
                     const RdmDocumentTable *budget,
                     const RdmDocumentTable *outcome)
{
  const RdmMmmFit *fit = facts->media_mix->fit;
  guint media_row = fit->n_channels;
  guint total_row = fit->n_channels + 2;
  int best = -1;
  g_autofree char *first = fit_first_day (fit);
  g_autofree char *last = fit_last_day (fit);
  g_autofree char *media = cell (mix, media_row, MIX_CONTRIBUTION, NULL);
  g_autofree char *total = cell (mix, total_row, MIX_CONTRIBUTION, NULL);
  g_autofree char *share = cell (mix, media_row, MIX_SHARE, NULL);

  for (guint c = 0; c < fit->n_channels; c++)
    if (best < 0
        || fit->channels[c].contribution.estimate > fit->channels[best].contribution.estimate)
      best = (int)c;
  /* a channel is named only when it brought something */
  if (best >= 0 && round (fit->channels[best].contribution.estimate) > 0)
    {
      g_autofree char *most = cell (mix, best, MIX_CONTRIBUTION, NULL);
      g_autofree char *low = cell (mix, best, MIX_LOW, NULL);
      g_autofree char *high = cell (mix, best, MIX_HIGH, NULL);

      add_sentence (sentences,
                    /* Translators: "From 1 January 2025 to 31 December 2026, the media-mix
                     * model credits media with 12 000 of the 50 000 conversions (24.0 %); Paid
                     * Search brought the most: 4 000 (interval 3 100 to 4 900)." */
                    g_strdup_printf (_ ("From %s to %s, the media-mix model credits media with %s "
                                        "of the %s conversions (%s); %s brought the most: %s "
                                        "(interval %s to %s)."),
                                     first, last, media, total, share, fit->channels[best].channel,
                                     most, low, high));
    }
  else
    add_sentence (sentences,
                  g_strdup_printf (_ ("From %s to %s, the media-mix model credits media with %s "
                                      "of the %s conversions (%s)."),
                                   first, last, media, total, share));
  add_sentence (sentences, budget_sentence (facts, budget, outcome));
}

static void
add_media_mix (RdmDocument *document,
               const RdmReviewFacts *facts,
               RdmDocumentTable *mix,
               RdmDocumentTable *budget,
               RdmDocumentTable *outcome)
{
  const RdmMmmFit *fit = facts->media_mix->fit;
  g_autofree char *first = fit_first_day (fit);
  g_autofree char *last = fit_last_day (fit);
  g_autofree char *quality = rdm_media_mix_quality_text (fit);
  g_autofree char *warnings = rdm_media_mix_warnings_text (fit);
  g_autofree char *gain = rdm_budget_describe_gain (facts->budget);
  g_autofree char *model = NULL;
  g_autofree char *split = NULL;
  guint weeks = facts->budget->days / 7;

  rdm_document_add_section (document, _ ("Media mix and budget"));
  model = g_strdup_printf (
      /* Translators: the first and the last day the model was fitted on, a number of bootstrap
       * replicates */
      _ ("The media-mix model explains each day’s conversions from %s to %s by a baseline (trend, "
         "day "
         "of the week, the project’s events) and by each channel’s spend, carried over the next "
         "days and saturating as it grows. It sees what journeys miss — what a channel brings "
         "off-site and later — but not who converted. Intervals come from %u bootstrap "
         "replicates over weeks."),
      first, last, fit->n_replicates);
  rdm_document_add_paragraph (document, model);
  rdm_document_add_note (document, quality);
  rdm_document_add_table (document, mix);
  if (warnings != NULL)
    rdm_document_add_note (document, warnings);
  add_chart (document, facts->decomposition_chart);
  add_chart (document, facts->curves_chart);
  split = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE,
                   "The proposed split gives the next %u week’s budget, at today’s total, to the "
                   "channels where the fitted curves say it brings the most conversions, each "
                   "channel between half and twice its spend of the last 13 weeks.",
                   "The proposed split gives the next %u weeks’ budget, at today’s total, to the "
                   "channels where the fitted curves say it brings the most conversions, each "
                   "channel between half and twice its spend of the last 13 weeks.",
                   weeks),
      weeks);
  rdm_document_add_paragraph (document, split);
  rdm_document_add_table (document, budget);
  rdm_document_add_table (document, outcome);
  rdm_document_add_paragraph (document, gain);
}

RdmDocument *
_rdm_review_build_document (const RdmReviewFacts *facts, const RdmBranding *branding, gint64 today)
{
  g_autoptr (RdmDocument) document = rdm_document_new ();
  g_autoptr (RdmDocumentTable) totals = totals_table (facts);
  g_autoptr (RdmDocumentTable) roi = roi_table (facts);
  g_autoptr (RdmDocumentTable) kpis = facts->kpis != NULL ? kpi_table (facts) : NULL;
  g_autoptr (RdmDocumentTable) model_roi = model_roi_table (facts);
  g_autoptr (RdmDocumentTable) models = models_table (facts);
  g_autoptr (RdmDocumentTable) truth = facts->truth != NULL ? truth_table (facts) : NULL;
  g_autoptr (RdmDocumentTable) mix = facts->media_mix != NULL ? media_mix_table (facts) : NULL;
  g_autoptr (RdmDocumentTable) budget = facts->media_mix != NULL ? budget_table (facts) : NULL;
  g_autoptr (RdmDocumentTable) outcome
      = facts->media_mix != NULL ? budget_outcome_table (facts) : NULL;
  g_autoptr (GPtrArray) sentences = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *separation = models_paragraph (facts, models);

  fill_cover (document, facts, branding, today);
  rdm_document_set_currency (document, facts->currency);

  summarise_totals (sentences, totals, main_report (facts)->has_period, facts->currency);
  summarise_channels (sentences, facts, roi, facts->currency);
  if (kpis != NULL)
    summarise_kpis (sentences, facts, kpis);
  summarise_disagreement (sentences, facts, model_roi);
  if (truth != NULL)
    summarise_truth (sentences, truth);
  if (facts->calibrated)
    add_sentence (sentences, g_strdup (_ ("Credit and ROI are calibrated by the project’s "
                                          "experiments.")));
  if (mix != NULL)
    summarise_media_mix (sentences, facts, mix, budget, outcome);
  g_ptr_array_add (sentences, NULL);
  rdm_document_add_section (document, _ ("Executive summary"));
  rdm_document_add_bullets (document, (const char *const *)sentences->pdata);
  rdm_document_add_table (document, g_steal_pointer (&totals));

  if (kpis != NULL)
    {
      rdm_document_add_section (document, _ ("KPI scorecard"));
      rdm_document_add_table (document, g_steal_pointer (&kpis));
    }

  rdm_document_add_section (document, _ ("Return on investment"));
  rdm_document_add_table (document, g_steal_pointer (&roi));
  {
    g_autofree char *amount = rdm_format_amount (main_report (facts)->shared_total);
    g_autofree char *shared = rdm_roi_report_describe_shared (main_report (facts), amount);
    g_autofree char *undated = rdm_roi_report_describe_undated (main_report (facts));

    if (shared != NULL)
      rdm_document_add_note (document, shared);
    if (undated != NULL)
      rdm_document_add_note (document, undated);
  }
  add_chart (document, facts->roi_chart);
  add_chart (document, facts->cost_value_chart);

  rdm_document_add_section (document, _ ("Models side by side"));
  rdm_document_add_table (document, g_steal_pointer (&models));
  if (separation != NULL)
    rdm_document_add_paragraph (document, separation);
  add_chart (document, facts->models_chart);
  if (facts->roi->len > 1)
    rdm_document_add_table (document, g_steal_pointer (&model_roi));
  add_chart (document, facts->window_chart);

  /* what the channels caused: known in a simulated world, measured by
   * experiments otherwise */
  if (truth != NULL || facts->calibrated)
    {
      rdm_document_add_section (document, _ ("Incrementality"));
      if (truth != NULL)
        {
          rdm_document_add_paragraph (
              document, _ ("This project is a simulated world whose causal model is known: the "
                           "truth is the conversions each channel caused. The table ranks the "
                           "models by how much of the credit they give to channels that did not "
                           "cause it."));
          rdm_document_add_table (document, g_steal_pointer (&truth));
        }
      if (facts->calibrated)
        {
          rdm_document_add_paragraph (
              document, _ ("The project’s experiments measured what the tested channels add. "
                           "Each channel’s credit is scaled by its factor, and the Baseline "
                           "holds what the scaling took away."));
          rdm_document_add_table (document, calibration_table (facts));
        }
    }

  if (mix != NULL)
    add_media_mix (document, facts, g_steal_pointer (&mix), g_steal_pointer (&budget),
                   g_steal_pointer (&outcome));

  if (facts->paths->total_conversions > 0)
    {
      rdm_document_add_section (document, _ ("Paths"));
      rdm_document_add_table (document, lengths_table (facts->paths));
      add_chart (document, facts->lengths_chart);
      if (facts->paths->has_time_histogram)
        rdm_document_add_table (document, time_table (facts->paths));
      rdm_document_add_table (document, channel_paths_table (facts->paths));
      add_chart (document, facts->overlap_chart);
    }

  add_method (document, facts);
  return g_steal_pointer (&document);
}
