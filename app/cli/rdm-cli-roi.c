/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "rendement-cli roi" (return on investment per channel or campaign, per
 * model, with the previous period) and "rendement-cli kpis" (the
 * scorecard).
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "rdm-cli-analysis.h"
#include "rdm-format.h"
#include "rdm-path-builder.h"
#include "rdm-kpi-report.h"
#include "rdm-roi-report.h"

static cJSON *
figure_json (RdmFigure figure)
{
  return figure.defined ? rdm_cli_json_number (figure.value) : cJSON_CreateNull ();
}

static cJSON *
roi_row_json (const RdmRoiRow *row)
{
  cJSON *object = cJSON_CreateObject ();

  cJSON_AddItemToObject (object, "cost", rdm_cli_json_number (row->cost));
  cJSON_AddItemToObject (object, "total_cost", rdm_cli_json_number (row->total_cost));
  cJSON_AddItemToObject (object, "shared_cost", rdm_cli_json_number (row->shared));
  cJSON_AddItemToObject (object, "value", rdm_cli_json_number (row->value));
  cJSON_AddItemToObject (object, "savings", rdm_cli_json_number (row->savings));
  cJSON_AddItemToObject (object, "conversions", rdm_cli_json_number (row->conversions));
  cJSON_AddItemToObject (object, "net", rdm_cli_json_number (row->net));
  cJSON_AddItemToObject (object, "roi", figure_json (row->roi));
  cJSON_AddItemToObject (object, "roas", figure_json (row->roas));
  cJSON_AddItemToObject (object, "cpa", figure_json (row->cpa));
  cJSON_AddItemToObject (object, "cost_per_conversion", figure_json (row->cost_per_conversion));
  return object;
}

static cJSON *
change_json (const RdmChange *change)
{
  cJSON *object = cJSON_CreateObject ();

  cJSON_AddItemToObject (object, "absolute", figure_json (change->absolute));
  cJSON_AddItemToObject (object, "relative", figure_json (change->relative));
  return object;
}

static cJSON *
report_row_json (const RdmRoiReport *report, const RdmRoiReportRow *row, gboolean total)
{
  cJSON *object = roi_row_json (&row->row);

  if (!total && report->by_group)
    {
      /* the code, which --shared-costs group=NAME takes, and the name shown;
       * rows of no channel ("(none)", "(shared)") keep their label as code */
      cJSON_AddStringToObject (object, "group", row->group != NULL ? row->group : row->label);
      cJSON_AddStringToObject (object, "label", rdm_cli_display_label (row->label));
    }
  else if (!total)
    {
      cJSON_AddStringToObject (object, report->level == RDM_LEVEL_CAMPAIGN ? "campaign" : "channel",
                               row->label);
    }
  if (row->has_previous)
    {
      cJSON *change = cJSON_CreateObject ();

      cJSON_AddItemToObject (object, "previous", roi_row_json (&row->previous));
      cJSON_AddItemToObject (change, "cost", change_json (&row->change.cost));
      cJSON_AddItemToObject (change, "value", change_json (&row->change.value));
      cJSON_AddItemToObject (change, "conversions", change_json (&row->change.conversions));
      cJSON_AddItemToObject (change, "roi", change_json (&row->change.roi));
      cJSON_AddItemToObject (change, "roas", change_json (&row->change.roas));
      cJSON_AddItemToObject (change, "cpa", change_json (&row->change.cpa));
      cJSON_AddItemToObject (object, "change", change);
    }
  return object;
}

/* The name of the rows' column: Channel, Campaign or Group. */
static const char *
level_title (const RdmRoiReport *report)
{
  if (report->by_group)
    return _ ("Group");
  return report->level == RDM_LEVEL_CAMPAIGN ? _ ("Campaign") : _ ("Channel");
}

static const char *
level_name (const RdmRoiReport *report)
{
  if (report->by_group)
    return "group";
  return report->level == RDM_LEVEL_CAMPAIGN ? "campaign" : "channel";
}

/* "shared_costs":{"total","rule","description"}: the shared costs counted
 * in the rows' costs and how they were allocated (description null when
 * there were none in the period). */
static cJSON *
shared_costs_json (const RdmRoiReport *report)
{
  cJSON *object = cJSON_CreateObject ();
  g_autofree char *rule = rdm_shared_rule_to_string (&report->shared_rule);
  g_autofree char *amount = rdm_format_amount (report->shared_total);
  g_autofree char *description = rdm_roi_report_describe_shared (report, amount);

  cJSON_AddItemToObject (object, "total", rdm_cli_json_number (report->shared_total));
  cJSON_AddStringToObject (object, "rule", rule);
  if (description != NULL)
    cJSON_AddStringToObject (object, "description", description);
  else
    cJSON_AddNullToObject (object, "description");
  cJSON_AddBoolToObject (object, "fell_back", report->shared != NULL && report->shared->fell_back);
  return object;
}

/* The sentences under a report's table: the shared costs' rule and a path
 * table's missing dates. */
static void
print_report_notes (const RdmRoiReport *report)
{
  g_autofree char *amount = rdm_format_amount (report->shared_total);
  g_autofree char *shared = rdm_roi_report_describe_shared (report, amount);
  g_autofree char *undated = rdm_roi_report_describe_undated (report);

  if (shared != NULL)
    g_print ("%s\n", shared);
  if (undated != NULL)
    g_print ("%s\n", undated);
}

/* Bootstrap intervals of each row's ROI: the 2.5 and 97.5 percentiles of
 * the row's attributed value over the replicates (rdm_bootstrap(), visitors
 * resampled) put through the ROI formula. ROI grows with the value at a
 * fixed cost, so these are the percentiles of the ROI itself. The total
 * row has none: resampling changes the total value too. */
typedef struct
{
  RdmFigure low;
  RdmFigure high;
} RoiInterval;

static GArray *
roi_intervals (RdmCliAnalysis *analysis,
               const RdmCliData *data,
               const RdmRoiReport *report,
               const RdmCalibration *calibration,
               GError **error)
{
  RdmPathOptions options = analysis->request.path;
  g_autoptr (RdmPathSet) paths = NULL;
  g_autoptr (RdmCredit) model_credit = NULL;
  g_autoptr (RdmCalibrated) calibrated = NULL;
  const RdmCredit *credit;
  g_autoptr (GArray) intervals = g_array_new (FALSE, TRUE, sizeof (RoiInterval));

  options.from_time = report->has_period ? report->period.start : G_MININT64;
  options.to_time = report->has_period ? report->period.end : G_MAXINT64;
  paths = rdm_path_builder_build (data->source.store, &options, data->journeys.visitor_mask, error);
  if (paths == NULL)
    return NULL;
  model_credit = rdm_attribution_run_model (paths, report->model, &analysis->request, NULL, error);
  if (model_credit == NULL)
    return NULL;
  credit = model_credit;
  /* the intervals of the calibrated value: the model's, scaled */
  if (calibration != NULL)
    {
      calibrated = rdm_calibration_apply (calibration, model_credit);
      credit = calibrated->credit;
    }
  g_array_set_size (intervals, report->rows->len);
  for (guint i = 0; i < report->rows->len; i++)
    {
      const RdmRoiReportRow *row = g_ptr_array_index (report->rows, i);
      RoiInterval *interval = &g_array_index (intervals, RoiInterval, i);
      int l = rdm_credit_find_label (credit, row->label);
      RdmRoiInput low = row->input, high = row->input;
      RdmRoiRow low_row, high_row;

      /* a row without credit (costs only) has no attributed value to vary */
      if (l >= 0)
        {
          low.value = credit->ci_value_low[l];
          high.value = credit->ci_value_high[l];
        }
      if (!rdm_roi_compute (&low, report->categories, &low_row, error)
          || !rdm_roi_compute (&high, report->categories, &high_row, error))
        return NULL;
      interval->low = low_row.roi;
      interval->high = high_row.roi;
    }
  return g_steal_pointer (&intervals);
}

static void
free_intervals (gpointer intervals)
{
  if (intervals != NULL)
    g_array_unref (intervals);
}

/* The channel of a report's row (NULL for No touch, the Baseline and
 * campaigns of no known channel). */
static const char *
row_channel (const RdmRoiReportRow *row, const RdmCalibration *calibration)
{
  const char *channel;

  if (row->no_touch || g_str_equal (row->label, RDM_BASELINE_LABEL))
    return NULL;
  if (row->channel != NULL)
    return row->channel;
  channel = calibration->label_channels != NULL
                ? g_hash_table_lookup (calibration->label_channels, row->label)
                : NULL;
  return channel != NULL ? channel : row->label;
}

/* The factors of the channels of @report's rows, each once, in row order:
 * "calibration":[{"channel","factor","value_factor","source"}]. */
static cJSON *
report_factors_json (const RdmRoiReport *report, const RdmCalibration *calibration)
{
  cJSON *array = cJSON_CreateArray ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < report->rows->len; i++)
    {
      const char *channel = row_channel (g_ptr_array_index (report->rows, i), calibration);
      RdmCalibrationFactor factor;
      cJSON *item;

      if (channel == NULL || !g_hash_table_add (seen, (gpointer)channel))
        continue;
      factor = rdm_calibration_lookup (calibration, channel);
      item = cJSON_CreateObject ();
      cJSON_AddStringToObject (item, "channel", channel);
      cJSON_AddItemToObject (item, "factor", rdm_cli_json_number (factor.factor));
      cJSON_AddItemToObject (item, "value_factor", rdm_cli_json_number (factor.value_factor));
      cJSON_AddStringToObject (item, "source", rdm_factor_source_to_string (factor.source));
      cJSON_AddItemToArray (array, item);
    }
  return array;
}

static cJSON *
report_json (const RdmRoiReport *report, const GArray *intervals, const RdmCalibration *calibration)
{
  cJSON *object = cJSON_CreateObject ();
  cJSON *rows;

  cJSON_AddStringToObject (object, "model", rdm_model_to_string (report->model));
  rows = cJSON_AddArrayToObject (object, "rows");
  for (guint i = 0; i < report->rows->len; i++)
    {
      cJSON *row = report_row_json (report, g_ptr_array_index (report->rows, i), FALSE);

      cJSON_AddItemToObject (row, "ci_low",
                             intervals != NULL
                                 ? figure_json (g_array_index (intervals, RoiInterval, i).low)
                                 : cJSON_CreateNull ());
      cJSON_AddItemToObject (row, "ci_high",
                             intervals != NULL
                                 ? figure_json (g_array_index (intervals, RoiInterval, i).high)
                                 : cJSON_CreateNull ());
      cJSON_AddItemToArray (rows, row);
    }
  cJSON_AddItemToObject (object, "total", report_row_json (report, &report->total, TRUE));
  cJSON_AddItemToObject (object, "shared_costs", shared_costs_json (report));
  if (calibration != NULL)
    cJSON_AddItemToObject (object, "calibration", report_factors_json (report, calibration));
  return object;
}

static char *
format_figure (RdmFigure figure)
{
  if (!figure.defined)
    return g_strdup (_ ("n/a"));
  return rdm_format_amount (figure.value);
}

static char *
format_roi (RdmFigure roi)
{
  g_autofree char *percent = NULL;

  if (!roi.defined)
    return g_strdup (_ ("n/a"));
  percent = rdm_format_fixed (100 * roi.value, 0);
  return g_strdup_printf ("%s%s %%", roi.value > 0 && percent[0] != '-' ? "+" : "", percent);
}

/* "Calibrated by experiments: Facebook ×0.500 (experiment), …" */
static void
print_calibration_line (const RdmRoiReport *report, const RdmCalibration *calibration)
{
  g_autoptr (GString) line = g_string_new (NULL);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < report->rows->len; i++)
    {
      const char *channel = row_channel (g_ptr_array_index (report->rows, i), calibration);
      RdmCalibrationFactor factor;
      g_autofree char *number = NULL;

      if (channel == NULL || !g_hash_table_add (seen, (gpointer)channel))
        continue;
      factor = rdm_calibration_lookup (calibration, channel);
      number = rdm_format_fixed (factor.factor, 3);
      g_string_append_printf (line, "%s%s ×%s (%s)", line->len > 0 ? ", " : "", channel, number,
                              rdm_factor_source_to_string (factor.source));
    }
  /* TRANSLATORS: then a list of channels with their factors */
  g_print (_ ("Credit calibrated by the project’s experiments; the Baseline row holds what "
              "calibration took from the channels. Factors: %s\n"),
           line->str);
}

static void
print_report_table (const RdmRoiReport *report, const GArray *intervals)
{
  g_autofree char *period
      = report->has_period ? rdm_period_to_string (&report->period) : g_strdup (_ ("all data"));
  g_autoptr (RdmCliTable) table
      = rdm_cli_table_new (intervals != NULL ? "lrrrrrrrrr" : "lrrrrrrrr");

  /* TRANSLATORS: a model's name, then a period such as 2026Q2 */
  g_print (_ ("ROI under the model %s, %s\n"), rdm_model_display_name (report->model), period);
  rdm_cli_table_add (table, level_title (report));
  rdm_cli_table_add (table, _ ("Cost"));
  /* TRANSLATORS: the part of the cost that is allocated shared costs */
  rdm_cli_table_add (table, _ ("Shared"));
  rdm_cli_table_add (table, _ ("Value"));
  rdm_cli_table_add (table, _ ("Savings"));
  rdm_cli_table_add (table, _ ("Conv."));
  rdm_cli_table_add (table, _ ("ROI"));
  if (intervals != NULL)
    rdm_cli_table_add (table, _ ("95% interval"));
  rdm_cli_table_add (table, _ ("ROAS"));
  rdm_cli_table_add (table, _ ("CPA"));
  rdm_cli_table_end_row (table);
  for (guint i = 0; i <= report->rows->len; i++)
    {
      const RdmRoiReportRow *row
          = i < report->rows->len ? g_ptr_array_index (report->rows, i) : &report->total;

      rdm_cli_table_add (table, rdm_cli_display_label (row->label));
      rdm_cli_table_take (table, rdm_format_amount (row->row.cost));
      rdm_cli_table_take (table, rdm_format_amount (row->row.shared));
      rdm_cli_table_take (table, rdm_format_amount (row->row.value));
      rdm_cli_table_take (table, rdm_format_amount (row->row.savings));
      rdm_cli_table_take (table, rdm_format_amount (row->row.conversions));
      rdm_cli_table_take (table, format_roi (row->row.roi));
      if (intervals != NULL && i < report->rows->len)
        {
          const RoiInterval *interval = &g_array_index (intervals, RoiInterval, i);
          g_autofree char *low = format_roi (interval->low);
          g_autofree char *high = format_roi (interval->high);

          rdm_cli_table_take (table, g_strdup_printf ("[%s – %s]", low, high));
        }
      else if (intervals != NULL)
        rdm_cli_table_add (table, "");
      rdm_cli_table_take (table, format_figure (row->row.roas));
      rdm_cli_table_take (table, format_figure (row->row.cpa));
      rdm_cli_table_end_row (table);
    }
  rdm_cli_table_print (table);
  print_report_notes (report);
}

static void
csv_figure (RdmCsvWriter *csv, RdmFigure figure)
{
  rdm_csv_writer_add_number (csv, figure.defined ? figure.value : NAN);
}

/* One row per model and channel (or campaign), then the model's total with
 * an empty label. */
static void
print_reports_csv (const RdmRoiReport *const *reports,
                   const GArray *const *intervals,
                   const RdmCalibration *const *calibrations,
                   guint n)
{
  g_autoptr (RdmCsvWriter) csv = rdm_csv_writer_new ();
  g_autofree char *header = g_strdup_printf (
      "model,%s,cost,total_cost,shared_cost,value,savings,conversions,net,roi,roas,cpa,"
      "cost_per_conversion,ci_low,ci_high,previous_roi,roi_change%s",
      level_name (reports[0]), calibrations != NULL ? ",factor,value_factor,factor_source" : "");

  rdm_cli_csv_header (csv, header);
  for (guint m = 0; m < n; m++)
    for (guint i = 0; i <= reports[m]->rows->len; i++)
      {
        const RdmRoiReport *report = reports[m];
        gboolean total = i == report->rows->len;
        const RdmRoiReportRow *row = total ? &report->total : g_ptr_array_index (report->rows, i);
        const RoiInterval *interval
            = intervals[m] != NULL && !total ? &g_array_index (intervals[m], RoiInterval, i) : NULL;

        rdm_csv_writer_add_text (csv, rdm_model_to_string (report->model));
        rdm_csv_writer_add_text (csv, total                                    ? ""
                                      : report->by_group && row->group != NULL ? row->group
                                                                               : row->label);
        rdm_csv_writer_add_number (csv, row->row.cost);
        rdm_csv_writer_add_number (csv, row->row.total_cost);
        rdm_csv_writer_add_number (csv, row->row.shared);
        rdm_csv_writer_add_number (csv, row->row.value);
        rdm_csv_writer_add_number (csv, row->row.savings);
        rdm_csv_writer_add_number (csv, row->row.conversions);
        rdm_csv_writer_add_number (csv, row->row.net);
        csv_figure (csv, row->row.roi);
        csv_figure (csv, row->row.roas);
        csv_figure (csv, row->row.cpa);
        csv_figure (csv, row->row.cost_per_conversion);
        rdm_csv_writer_add_number (
            csv, interval != NULL && interval->low.defined ? interval->low.value : NAN);
        rdm_csv_writer_add_number (
            csv, interval != NULL && interval->high.defined ? interval->high.value : NAN);
        rdm_csv_writer_add_number (
            csv, row->has_previous && row->previous.roi.defined ? row->previous.roi.value : NAN);
        rdm_csv_writer_add_number (csv, row->has_previous && row->change.roi.absolute.defined
                                            ? row->change.roi.absolute.value
                                            : NAN);
        if (calibrations != NULL)
          {
            const char *channel = total ? NULL : row_channel (row, calibrations[m]);
            RdmCalibrationFactor factor = { 0 };

            if (channel != NULL)
              factor = rdm_calibration_lookup (calibrations[m], channel);
            rdm_csv_writer_add_number (csv, channel != NULL ? factor.factor : NAN);
            rdm_csv_writer_add_number (csv, channel != NULL ? factor.value_factor : NAN);
            rdm_csv_writer_add_text (
                csv, channel != NULL ? rdm_factor_source_to_string (factor.source) : "");
          }
        rdm_csv_writer_end_row (csv);
      }
  rdm_cli_print_csv (csv);
}

gboolean
rdm_cli_roi (int argc, char **argv, GError **error)
{
  g_auto (RdmCliAnalysis) analysis = { 0 };
  g_auto (RdmCliData) data = { 0 };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GPtrArray) reports = NULL;
  g_autoptr (GPtrArray) intervals = g_ptr_array_new_with_free_func (free_intervals);
  g_autoptr (GPtrArray) calibrations = NULL;
  g_autoptr (GError) report_error = NULL;
  g_autofree char *categories_text = NULL;
  RdmRoiSettings settings;
  RdmPeriod period;
  gboolean table;
  const RdmPeriod *chosen = NULL;
  const GOptionEntry entries[] = {
    { "categories", 0, 0, G_OPTION_ARG_STRING, &categories_text,
      N_ ("Cost categories counted: media, content, staff, tools, training, compliance, other "
          "(default all)"),
      "C[,C…]" },
    G_OPTION_ENTRY_NULL
  };

  rdm_roi_settings_init (&settings);
  rdm_cli_analysis_init (&analysis, "linear");
  context = rdm_cli_option_context_new (
      "roi", _ ("PROJECT"),
      /* xgettext:no-c-format */
      _ ("Return on investment per channel, campaign or channel group (--by group): (attributed "
         "value + savings − cost) / cost, with ROAS and CPA, for the period (default: the latest "
         "quarter; “--period all” for all the data) and the previous one. Cost counts each "
         "channel’s part of the shared costs (--shared-costs). Over a path table, which has no "
         "dates, the costs are those of --period, or of every day without it. --bootstrap N adds "
         "95% intervals of each ROI."),
      NULL);
  rdm_cli_analysis_add_calibration_entries (&analysis, context);
  rdm_cli_analysis_add_shared_costs_entry (&analysis, context);
  rdm_cli_analysis_add_entries (&analysis, context, TRUE, entries);
  if (!rdm_cli_analysis_parse (context, &argc, &argv, error))
    return FALSE;
  /* channel groups sum the channels' rows: the journeys are by channel;
   * the bootstrap resamples each channel's credit, not a group's */
  if (g_strcmp0 (analysis.by_text, "group") == 0)
    {
      settings.by_group = TRUE;
      g_clear_pointer (&analysis.by_text, g_free);
      if (!rdm_cli_analysis_refuse (analysis.bootstrap > 0, _ ("--bootstrap with --by group"),
                                    error))
        return FALSE;
    }
  if (analysis.from_text != NULL || analysis.to_text != NULL)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("roi works on periods: use --period 2026Q2, 2026-05, 2026 or all"));
      return FALSE;
    }
  if (categories_text != NULL
      && !rdm_cost_categories_parse (categories_text, &settings.categories, error))
    return FALSE;
  if (!rdm_cli_analysis_finish (&analysis, error))
    return FALSE;
  if (analysis.request.path.direction == RDM_DIRECTION_FORWARD)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("ROI credits each conversion once, so it uses the backward direction"));
      return FALSE;
    }
  /* The report sets the period itself, for this period and the previous. */
  analysis.request.path.from_time = G_MININT64;
  analysis.request.path.to_time = G_MAXINT64;
  if (!rdm_cli_analysis_load (&analysis, argv[1], &data, error)
      || !rdm_cli_analysis_load_shared_rule (&analysis, data.project, error))
    return FALSE;
  settings.shared_rule = &analysis.shared_rule;
  table = data.source.store == NULL;
  /* a path table has no visitors to resample (and no campaigns, which
   * loading it refused) */
  if (table
      && !rdm_cli_analysis_refuse (analysis.bootstrap > 0,
                                   _ ("--bootstrap (a path table has no visitors)"), error))
    return FALSE;
  if (analysis.has_period)
    period = analysis.period;
  /* a path table's credit has no period: without --period, every cost */
  else if (!analysis.whole_data && !table
           && !rdm_project_latest_period (data.project, RDM_PERIOD_QUARTER, &period, error))
    return FALSE;
  if (analysis.has_period || (!analysis.whole_data && !table))
    chosen = &period;

  if (analysis.calibrate)
    {
      GError *calibration_error = NULL;

      calibrations = rdm_attribution_calibrations (
          data.project, &data.source, &analysis.request, data.journeys.visitor_mask,
          (const RdmModel *)analysis.models->data, analysis.models->len, NULL, &calibration_error);
      if (calibrations == NULL)
        return rdm_cli_analysis_usage_error (error, calibration_error);
    }
  /* the window's ROI section computes through the same functions */
  if (table)
    reports = rdm_roi_reports_compute_table (
        data.project, data.source.table, &analysis.request.model,
        (const RdmModel *)analysis.models->data, analysis.models->len, chosen, &settings, NULL,
        NULL, &report_error);
  else
    reports = rdm_roi_reports_compute_calibrated (
        data.project, data.source.store, &analysis.request.path, &analysis.request.model,
        data.journeys.visitor_mask, (const RdmModel *)analysis.models->data, analysis.models->len,
        calibrations != NULL ? (const RdmCalibration *const *)calibrations->pdata : NULL, chosen,
        &settings, NULL, NULL, &report_error);
  /* a rule naming a group without channels is the user's to change */
  if (reports == NULL
      && g_error_matches (report_error, RDM_SHARED_ERROR, RDM_SHARED_ERROR_EMPTY_GROUP))
    {
      g_set_error_literal (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE, report_error->message);
      return FALSE;
    }
  if (reports == NULL)
    return rdm_cli_analysis_usage_error (error, g_steal_pointer (&report_error));
  for (guint m = 0; m < reports->len; m++)
    {
      const RdmRoiReport *report = g_ptr_array_index (reports, m);

      if (analysis.bootstrap > 0)
        {
          GArray *report_intervals = roi_intervals (
              &analysis, &data, report,
              calibrations != NULL ? g_ptr_array_index (calibrations, m) : NULL, error);

          if (report_intervals == NULL)
            return FALSE;
          g_ptr_array_add (intervals, report_intervals);
        }
      else
        g_ptr_array_add (intervals, NULL);
    }

  switch (analysis.format)
    {
    case RDM_OUTPUT_JSON:
      {
        g_autoptr (cJSON) root = cJSON_CreateObject ();
        const RdmRoiReport *first = g_ptr_array_index (reports, 0);
        cJSON *models = cJSON_AddArrayToObject (root, "models");

        for (guint m = 0; m < reports->len; m++)
          cJSON_AddItemToArray (
              models,
              report_json (g_ptr_array_index (reports, m), g_ptr_array_index (intervals, m),
                           calibrations != NULL ? g_ptr_array_index (calibrations, m) : NULL));
        g_autofree char *undated = rdm_roi_report_describe_undated (first);
        g_autofree char *rule = rdm_shared_rule_to_string (&analysis.shared_rule);
        cJSON *settings_json;

        if (first->has_period)
          {
            g_autofree char *current = rdm_period_to_string (&first->period);

            cJSON_AddStringToObject (root, "period", current);
          }
        else
          cJSON_AddStringToObject (root, "period", "all");
        if (first->has_previous)
          {
            g_autofree char *previous = rdm_period_to_string (&first->previous_period);

            cJSON_AddStringToObject (root, "previous_period", previous);
          }
        else
          cJSON_AddNullToObject (root, "previous_period");
        cJSON_AddStringToObject (root, "by", level_name (first));
        /* the first model's: every model splits the same costs alike */
        cJSON_AddItemToObject (root, "shared_costs", shared_costs_json (first));
        /* a path table: the credit is the whole table's, the costs the
         * period's (or all of them) */
        cJSON_AddBoolToObject (root, "undated_credit", first->undated_credit);
        if (undated != NULL)
          cJSON_AddStringToObject (root, "note", undated);
        if (calibrations != NULL)
          cJSON_AddBoolToObject (root, "calibrated", TRUE);
        settings_json = rdm_cli_analysis_settings_json (&analysis, &data);
        cJSON_AddStringToObject (settings_json, "shared_costs", rule);
        cJSON_AddItemToObject (root, "settings", settings_json);
        return rdm_cli_print_json (root, error);
      }
    case RDM_OUTPUT_CSV:
      print_reports_csv (
          (const RdmRoiReport *const *)reports->pdata, (const GArray *const *)intervals->pdata,
          calibrations != NULL ? (const RdmCalibration *const *)calibrations->pdata : NULL,
          reports->len);
      return TRUE;
    case RDM_OUTPUT_TABLE:
    default:
      for (guint m = 0; m < reports->len; m++)
        {
          if (m > 0)
            g_print ("\n");
          print_report_table (g_ptr_array_index (reports, m), g_ptr_array_index (intervals, m));
          if (calibrations != NULL)
            print_calibration_line (g_ptr_array_index (reports, m),
                                    g_ptr_array_index (calibrations, m));
        }
      return TRUE;
    }
}

static int
compare_kpi_results (gconstpointer a, gconstpointer b)
{
  const RdmKpiResult *x = *(RdmKpiResult *const *)a, *y = *(RdmKpiResult *const *)b;
  int order = g_utf8_collate (x->kpi->objective, y->kpi->objective);

  if (order == 0)
    order = g_utf8_collate (x->kpi->name, y->kpi->name);
  if (order == 0)
    order = (x->period.start > y->period.start) - (x->period.start < y->period.start);
  return order;
}

/* "--period all": every KPI over each period of its own kind (month,
 * quarter or year) that the data cover, oldest first, by objective and KPI:
 * the scorecard's whole history. */
static GPtrArray *
kpi_history (RdmMetrics *metrics, RdmProject *project, GError **error)
{
  g_autoptr (GPtrArray) history
      = g_ptr_array_new_with_free_func ((GDestroyNotify)rdm_kpi_result_free);

  for (RdmPeriodKind kind = RDM_PERIOD_MONTH; kind <= RDM_PERIOD_YEAR; kind++)
    {
      g_autoptr (GArray) periods = rdm_project_list_periods (project, kind, error);

      if (periods == NULL)
        return NULL;
      for (guint p = 0; p < periods->len; p++)
        {
          g_autoptr (GPtrArray) results = rdm_kpi_report_compute (
              metrics, project, &g_array_index (periods, RdmPeriod, p), error);

          if (results == NULL)
            return NULL;
          for (guint i = 0; i < results->len; i++)
            {
              RdmKpiResult *result = g_ptr_array_index (results, i);

              if (result->kpi->period == kind)
                g_ptr_array_add (history, g_ptr_array_steal_index (results, i--));
            }
        }
    }
  g_ptr_array_sort (history, compare_kpi_results);
  return g_steal_pointer (&history);
}

gboolean
rdm_cli_kpis (int argc, char **argv, GError **error)
{
  g_auto (RdmCliAnalysis) analysis = { 0 };
  g_auto (RdmCliData) data = { 0 };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (RdmMetrics) metrics = NULL;
  g_autoptr (GPtrArray) results = NULL;

  rdm_cli_analysis_init (&analysis, "linear");
  context = rdm_cli_option_context_new (
      "kpis", _ ("PROJECT"),
      _ ("The KPI scorecard: each KPI over the period (default: its latest period; “--period all” "
         "for every period of the data), against its target and the previous period. --model "
         "sets the model of attributed metrics."),
      NULL);
  rdm_cli_analysis_add_entries (&analysis, context, TRUE, NULL);
  if (!rdm_cli_analysis_parse (context, &argc, &argv, error))
    return FALSE;
  /* KPIs are evaluated over their periods, by their own formulas */
  if (!rdm_cli_analysis_refuse (analysis.from_text != NULL || analysis.to_text != NULL,
                                "--from/--to (use --period)", error)
      || !rdm_cli_analysis_refuse (analysis.by_text != NULL, "--by", error)
      || !rdm_cli_analysis_refuse (analysis.bootstrap > 0, "--bootstrap", error)
      || !rdm_cli_analysis_finish (&analysis, error)
      || !rdm_cli_analysis_refuse (analysis.request.path.direction == RDM_DIRECTION_FORWARD,
                                   "--direction forward", error))
    return FALSE;
  analysis.request.path.from_time = G_MININT64;
  analysis.request.path.to_time = G_MAXINT64;
  if (!rdm_cli_analysis_load (&analysis, argv[1], &data, error))
    return FALSE;
  metrics = rdm_metrics_new (data.project, data.source.store, &analysis.request.path,
                             &analysis.request.model, data.journeys.visitor_mask,
                             g_array_index (analysis.models, RdmModel, 0));
  results = analysis.whole_data
                ? kpi_history (metrics, data.project, error)
                : rdm_kpi_report_compute (metrics, data.project,
                                          analysis.has_period ? &analysis.period : NULL, error);
  if (results == NULL)
    return FALSE;

  if (analysis.format == RDM_OUTPUT_JSON)
    {
      g_autoptr (cJSON) root = cJSON_CreateObject ();
      cJSON *kpis = cJSON_AddArrayToObject (root, "kpis");

      for (guint i = 0; i < results->len; i++)
        {
          const RdmKpiResult *result = g_ptr_array_index (results, i);
          cJSON *item = cJSON_CreateObject ();
          cJSON *trend;
          g_autofree char *period_text = rdm_period_to_string (&result->period);

          cJSON_AddStringToObject (item, "objective", result->kpi->objective);
          cJSON_AddStringToObject (item, "name", result->kpi->name);
          cJSON_AddStringToObject (item, "formula", result->kpi->formula);
          cJSON_AddStringToObject (item, "unit", result->kpi->unit);
          cJSON_AddStringToObject (item, "period", period_text);
          cJSON_AddItemToObject (item, "value", figure_json (result->actual));
          cJSON_AddItemToObject (item, "previous", figure_json (result->change.previous));
          cJSON_AddItemToObject (item, "change", change_json (&result->change));
          cJSON_AddItemToObject (item, "target",
                                 result->kpi->has_target ? rdm_cli_json_number (result->kpi->target)
                                                         : cJSON_CreateNull ());
          cJSON_AddStringToObject (item, "direction",
                                   result->kpi->lower_is_better ? "lower" : "higher");
          cJSON_AddStringToObject (item, "status", rdm_kpi_status_to_string (result->status));
          trend = cJSON_AddArrayToObject (item, "trend");
          for (guint k = 0; k < RDM_KPI_TREND_PERIODS; k++)
            cJSON_AddItemToArray (trend, figure_json (result->trend[k]));
          if (result->error != NULL)
            cJSON_AddStringToObject (item, "error", result->error);
          cJSON_AddItemToArray (kpis, item);
        }
      cJSON_AddItemToObject (root, "settings", rdm_cli_analysis_settings_json (&analysis, &data));
      return rdm_cli_print_json (root, error);
    }

  if (analysis.format == RDM_OUTPUT_CSV)
    {
      g_autoptr (RdmCsvWriter) csv = rdm_csv_writer_new ();

      rdm_cli_csv_header (csv, "objective,name,formula,unit,period,value,previous,change,"
                               "relative_change,target,direction,status,error");
      for (guint i = 0; i < results->len; i++)
        {
          const RdmKpiResult *result = g_ptr_array_index (results, i);
          g_autofree char *period_text = rdm_period_to_string (&result->period);

          rdm_csv_writer_add_text (csv, result->kpi->objective);
          rdm_csv_writer_add_text (csv, result->kpi->name);
          rdm_csv_writer_add_text (csv, result->kpi->formula);
          rdm_csv_writer_add_text (csv, result->kpi->unit);
          rdm_csv_writer_add_text (csv, period_text);
          csv_figure (csv, result->actual);
          csv_figure (csv, result->change.previous);
          csv_figure (csv, result->change.absolute);
          csv_figure (csv, result->change.relative);
          rdm_csv_writer_add_number (csv, result->kpi->has_target ? result->kpi->target : NAN);
          rdm_csv_writer_add_text (csv, result->kpi->lower_is_better ? "lower" : "higher");
          rdm_csv_writer_add_text (csv, rdm_kpi_status_to_string (result->status));
          rdm_csv_writer_add_text (csv, result->error);
          rdm_csv_writer_end_row (csv);
        }
      rdm_cli_print_csv (csv);
      return TRUE;
    }

  {
    g_autoptr (RdmCliTable) table = rdm_cli_table_new ("llrrrrl");

    rdm_cli_table_add (table, _ ("Objective"));
    rdm_cli_table_add (table, _ ("KPI"));
    rdm_cli_table_add (table, _ ("Period"));
    rdm_cli_table_add (table, _ ("Value"));
    rdm_cli_table_add (table, _ ("Previous"));
    rdm_cli_table_add (table, _ ("Target"));
    rdm_cli_table_add (table, _ ("Status"));
    rdm_cli_table_end_row (table);
    for (guint i = 0; i < results->len; i++)
      {
        const RdmKpiResult *result = g_ptr_array_index (results, i);
        const char *status = result->error != NULL                        ? result->error
                             : result->status == RDM_KPI_STATUS_MET       ? _ ("met")
                             : result->status == RDM_KPI_STATUS_MISSED    ? _ ("missed")
                             : result->status == RDM_KPI_STATUS_NO_TARGET ? _ ("no target")
                                                                          : _ ("n/a");

        rdm_cli_table_add (table, result->kpi->objective);
        rdm_cli_table_add (table, result->kpi->name);
        rdm_cli_table_take (table, rdm_period_to_string (&result->period));
        rdm_cli_table_take (table, format_figure (result->actual));
        rdm_cli_table_take (table, format_figure (result->change.previous));
        rdm_cli_table_take (table, result->kpi->has_target ? rdm_format_amount (result->kpi->target)
                                                           : g_strdup ("—"));
        rdm_cli_table_add (table, status);
        rdm_cli_table_end_row (table);
      }
    rdm_cli_table_print (table);
  }
  return TRUE;
}
