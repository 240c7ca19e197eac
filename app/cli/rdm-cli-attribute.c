/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "rendement-cli attribute": models side by side, backward or forward, with
 * bootstrap intervals; "rendement-cli window-sweep": credit as the click
 * window grows. JSON output is the documented contract (SPEC.md, "Command
 * line"); tables are for people and follow the locale.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "rdm-calibration.h"
#include "rdm-cli-analysis.h"
#include "rdm-format.h"
#include "rdm-window-sweep.h"

static const char *
label_key (const RdmCliAnalysis *analysis)
{
  return rdm_cli_level_key (analysis->request.path.level);
}

/* "calibration":[{"channel","factor","value_factor","source"}] of one
 * model, in the order of its rows. */
static cJSON *
factors_json (const GArray *factors)
{
  cJSON *array = cJSON_CreateArray ();

  for (guint i = 0; i < factors->len; i++)
    {
      const RdmCalibrationFactor *factor = &g_array_index (factors, RdmCalibrationFactor, i);
      cJSON *item = cJSON_CreateObject ();

      cJSON_AddStringToObject (item, "channel", factor->channel);
      cJSON_AddItemToObject (item, "factor", rdm_cli_json_number (factor->factor));
      cJSON_AddItemToObject (item, "value_factor", rdm_cli_json_number (factor->value_factor));
      cJSON_AddStringToObject (item, "source", rdm_factor_source_to_string (factor->source));
      cJSON_AddItemToArray (array, item);
    }
  return array;
}

/* @calibrated (nullable) is the calibration @credit comes from; @truth
 * (nullable) a simulated world's. */
static cJSON *
credit_json (const RdmCliAnalysis *analysis,
             const RdmCredit *credit,
             const RdmCalibrated *calibrated,
             const RdmTruth *truth)
{
  cJSON *object = cJSON_CreateObject ();
  cJSON *rows;

  cJSON_AddStringToObject (object, "model", rdm_model_to_string (credit->model));
  if (credit->has_removal_effects)
    cJSON_AddItemToObject (object, "baseline_conversion_probability",
                           rdm_cli_json_number (credit->baseline_probability));
  if (credit->note != NULL)
    cJSON_AddStringToObject (object, "note", credit->note);
  rows = cJSON_AddArrayToObject (object, "rows");
  for (guint i = 0; i < credit->n_labels; i++)
    {
      cJSON *row = cJSON_CreateObject ();
      gboolean has_ci = credit->ci_low != NULL;

      cJSON_AddStringToObject (row, label_key (analysis), credit->label_names[i]);
      cJSON_AddItemToObject (row, "conversions", rdm_cli_json_number (credit->conversions[i]));
      cJSON_AddItemToObject (row, "value", rdm_cli_json_number (credit->value[i]));
      cJSON_AddItemToObject (row, "click_conversions",
                             rdm_cli_json_number (credit->click_conversions[i]));
      cJSON_AddItemToObject (row, "view_conversions",
                             rdm_cli_json_number (credit->view_conversions[i]));
      cJSON_AddItemToObject (row, "click_value", rdm_cli_json_number (credit->click_value[i]));
      cJSON_AddItemToObject (row, "view_value", rdm_cli_json_number (credit->view_value[i]));
      cJSON_AddItemToObject (
          row, "ci_low", has_ci ? rdm_cli_json_number (credit->ci_low[i]) : cJSON_CreateNull ());
      cJSON_AddItemToObject (
          row, "ci_high", has_ci ? rdm_cli_json_number (credit->ci_high[i]) : cJSON_CreateNull ());
      cJSON_AddItemToObject (row, "ci_value_low",
                             has_ci ? rdm_cli_json_number (credit->ci_value_low[i])
                                    : cJSON_CreateNull ());
      cJSON_AddItemToObject (row, "ci_value_high",
                             has_ci ? rdm_cli_json_number (credit->ci_value_high[i])
                                    : cJSON_CreateNull ());
      if (credit->has_removal_effects)
        cJSON_AddItemToObject (row, "removal_effect",
                               rdm_cli_json_number (credit->removal_effect[i]));
      cJSON_AddItemToArray (rows, row);
    }
  if (calibrated != NULL)
    cJSON_AddItemToObject (object, "calibration", factors_json (calibrated->factors));
  if (truth != NULL)
    {
      cJSON *error_json = cJSON_AddObjectToObject (object, "error_vs_truth");
      RdmTruthError error;

      rdm_truth_error (truth, credit, &error);
      cJSON_AddItemToObject (error_json, "conversions", rdm_cli_json_number (error.conversions));
      cJSON_AddItemToObject (error_json, "value", rdm_cli_json_number (error.value));
      cJSON_AddItemToObject (error_json, "share",
                             isnan (error.share) ? cJSON_CreateNull ()
                                                 : rdm_cli_json_number (error.share));
    }
  return object;
}

/* The "truth" object: what each channel caused, the models ranked by
 * share error and the reading of that ranking. */
static cJSON *
truth_json (const RdmTruth *truth, GPtrArray *credits)
{
  cJSON *object = cJSON_CreateObject ();
  cJSON *rows = cJSON_AddArrayToObject (object, "rows");
  cJSON *ranking = cJSON_AddArrayToObject (object, "ranking");
  g_autofree guint *order = rdm_truth_rank (truth, credits);
  g_autofree char *reading = rdm_truth_reading (truth, credits);

  for (guint t = 0; t < truth->n_labels; t++)
    {
      cJSON *row = cJSON_CreateObject ();

      cJSON_AddStringToObject (row, "channel", truth->label_names[t]);
      cJSON_AddItemToObject (row, "conversions", rdm_cli_json_number (truth->conversions[t]));
      cJSON_AddItemToObject (row, "value", rdm_cli_json_number (truth->value[t]));
      cJSON_AddItemToArray (rows, row);
    }
  cJSON_AddItemToObject (object, "total_conversions",
                         rdm_cli_json_number (truth->total_conversions));
  cJSON_AddItemToObject (object, "total_value", rdm_cli_json_number (truth->total_value));
  for (guint m = 0; m < credits->len; m++)
    {
      const RdmCredit *credit = credits->pdata[order[m]];

      cJSON_AddItemToArray (ranking, cJSON_CreateString (rdm_model_to_string (credit->model)));
    }
  if (reading != NULL)
    cJSON_AddStringToObject (object, "reading", reading);
  return object;
}

/* With @calibrated (RdmCalibrated *, parallel to @credits; NULL without
 * calibration), each row also has its channel's factors. */
static void
print_credit_csv (const RdmCliAnalysis *analysis,
                  GPtrArray *credits,
                  GPtrArray *calibrated,
                  const RdmTruth *truth)
{
  g_autoptr (RdmCsvWriter) csv = rdm_csv_writer_new ();
  g_autofree char *header = g_strdup_printf (
      "model,%s,conversions,value,click_conversions,view_conversions,click_value,view_value,"
      "ci_low,ci_high,ci_value_low,ci_value_high,removal_effect%s",
      label_key (analysis), calibrated != NULL ? ",factor,value_factor,factor_source" : "");

  rdm_cli_csv_header (csv, header);
  for (guint m = 0; m < credits->len; m++)
    {
      const RdmCredit *credit = g_ptr_array_index (credits, m);
      gboolean has_ci = credit->ci_low != NULL;

      for (guint i = 0; i < credit->n_labels; i++)
        {
          double numbers[] = {
            credit->conversions[i],
            credit->value[i],
            credit->click_conversions[i],
            credit->view_conversions[i],
            credit->click_value[i],
            credit->view_value[i],
            has_ci ? credit->ci_low[i] : NAN,
            has_ci ? credit->ci_high[i] : NAN,
            has_ci ? credit->ci_value_low[i] : NAN,
            has_ci ? credit->ci_value_high[i] : NAN,
            credit->has_removal_effects ? credit->removal_effect[i] : NAN,
          };

          rdm_csv_writer_add_text (csv, rdm_model_to_string (credit->model));
          rdm_csv_writer_add_text (csv, credit->label_names[i]);
          for (guint k = 0; k < G_N_ELEMENTS (numbers); k++)
            rdm_csv_writer_add_number (csv, numbers[k]);
          if (calibrated != NULL)
            {
              const RdmCalibrated *c = g_ptr_array_index (calibrated, m);
              const RdmCalibrationFactor *factor
                  = c->label_factor[i] >= 0
                        ? &g_array_index (c->factors, RdmCalibrationFactor, c->label_factor[i])
                        : NULL;

              rdm_csv_writer_add_number (csv, factor != NULL ? factor->factor : NAN);
              rdm_csv_writer_add_number (csv, factor != NULL ? factor->value_factor : NAN);
              rdm_csv_writer_add_text (
                  csv, factor != NULL ? rdm_factor_source_to_string (factor->source) : "");
            }
          rdm_csv_writer_end_row (csv);
        }
    }
  /* the truth as one more "model", with only conversions and value */
  for (guint t = 0; truth != NULL && t < truth->n_labels; t++)
    {
      rdm_csv_writer_add_text (csv, "truth");
      rdm_csv_writer_add_text (csv, truth->label_names[t]);
      rdm_csv_writer_add_number (csv, truth->conversions[t]);
      rdm_csv_writer_add_number (csv, truth->value[t]);
      for (guint k = 0; k < 9; k++)
        rdm_csv_writer_add_number (csv, NAN);
      if (calibrated != NULL)
        {
          rdm_csv_writer_add_number (csv, NAN);
          rdm_csv_writer_add_number (csv, NAN);
          rdm_csv_writer_add_text (csv, "");
        }
      rdm_csv_writer_end_row (csv);
    }
  rdm_cli_print_csv (csv);
}

/* Conversions (with the interval when bootstrapped) per label and model,
 * labels ordered by the first model's credit. */
static const char *
source_display_name (RdmFactorSource source)
{
  switch (source)
    {
    case RDM_FACTOR_EXPERIMENT:
      return _ ("experiment");
    case RDM_FACTOR_MEAN_OF_TESTED:
      return _ ("mean of tested");
    case RDM_FACTOR_KEPT:
    default:
      return _ ("kept");
    }
}

/* The calibration factors of each model, channels as rows. */
static void
print_factors_table (GPtrArray *calibrated)
{
  const RdmCalibrated *first = g_ptr_array_index (calibrated, 0);
  g_autofree char *alignment = g_strnfill (calibrated->len + 1, 'r');
  g_autoptr (RdmCliTable) table = NULL;

  alignment[0] = 'l';
  table = rdm_cli_table_new (alignment);
  g_print ("\n%s\n", _ ("Calibration factors (calibrated credit = factor × credit):"));
  rdm_cli_table_add (table, _ ("Channel"));
  for (guint m = 0; m < calibrated->len; m++)
    {
      const RdmCalibrated *c = g_ptr_array_index (calibrated, m);

      rdm_cli_table_add (table, rdm_model_display_name (c->credit->model));
    }
  rdm_cli_table_end_row (table);
  /* every model lists the same channels, tested or not */
  for (guint i = 0; i < first->factors->len; i++)
    {
      const char *channel = g_array_index (first->factors, RdmCalibrationFactor, i).channel;

      rdm_cli_table_add (table, channel);
      for (guint m = 0; m < calibrated->len; m++)
        {
          const RdmCalibrated *c = g_ptr_array_index (calibrated, m);
          const RdmCalibrationFactor *factor = NULL;

          for (guint k = 0; k < c->factors->len && factor == NULL; k++)
            if (g_str_equal (g_array_index (c->factors, RdmCalibrationFactor, k).channel, channel))
              factor = &g_array_index (c->factors, RdmCalibrationFactor, k);
          if (factor == NULL)
            rdm_cli_table_add (table, "");
          else
            {
              g_autofree char *number = rdm_format_fixed (factor->factor, 3);

              rdm_cli_table_take (
                  table, g_strdup_printf ("%s (%s)", number, source_display_name (factor->source)));
            }
        }
      rdm_cli_table_end_row (table);
    }
  rdm_cli_table_print (table);
}

static void
print_credit_table (const RdmCliAnalysis *analysis,
                    GPtrArray *credits,
                    const RdmTruth *truth,
                    const char *truth_note)
{
  const RdmCredit *first = g_ptr_array_index (credits, 0);
  g_autofree guint *order = g_new (guint, first->n_labels);
  g_autofree char *alignment = g_strnfill (credits->len + (truth != NULL ? 2 : 1), 'r');
  g_autoptr (RdmCliTable) table = NULL;
  g_autofree char *value = rdm_format_amount (first->total_value);

  alignment[0] = 'l';
  table = rdm_cli_table_new (alignment);
  for (guint i = 0; i < first->n_labels; i++)
    order[i] = i;
  for (guint i = 1; i < first->n_labels; i++)
    for (guint j = i; j > 0 && first->conversions[order[j]] > first->conversions[order[j - 1]]; j--)
      {
        guint swap = order[j];
        order[j] = order[j - 1];
        order[j - 1] = swap;
      }

  rdm_cli_table_add (table, rdm_cli_level_header (analysis->request.path.level));
  if (truth != NULL)
    /* Translators: column of what each channel really caused in a simulated world */
    rdm_cli_table_add (table, _ ("Truth"));
  for (guint m = 0; m < credits->len; m++)
    {
      const RdmCredit *credit = g_ptr_array_index (credits, m);

      rdm_cli_table_add (table, rdm_model_display_name (credit->model));
    }
  rdm_cli_table_end_row (table);

  for (guint k = 0; k < first->n_labels; k++)
    {
      const char *label = first->label_names[order[k]];

      rdm_cli_table_add (table, rdm_cli_level_label (analysis->request.path.level, label));
      if (truth != NULL)
        {
          int t = rdm_truth_find_label (truth, label);

          /* "No touch" and "Baseline" are no channel: nothing to compare */
          rdm_cli_table_take (table,
                              t >= 0 ? rdm_format_amount (truth->conversions[t]) : g_strdup ("—"));
        }
      for (guint m = 0; m < credits->len; m++)
        {
          const RdmCredit *credit = g_ptr_array_index (credits, m);
          int i = rdm_credit_find_label (credit, label);
          g_autofree char *conversions = rdm_format_amount (i >= 0 ? credit->conversions[i] : 0);

          if (credit->ci_low != NULL && i >= 0)
            {
              g_autofree char *low = rdm_format_amount (credit->ci_low[i]);
              g_autofree char *high = rdm_format_amount (credit->ci_high[i]);

              rdm_cli_table_take (table, g_strdup_printf ("%s [%s–%s]", conversions, low, high));
            }
          else
            rdm_cli_table_add (table, conversions);
        }
      rdm_cli_table_end_row (table);
    }
  rdm_cli_table_add (table, _ ("Total"));
  if (truth != NULL)
    rdm_cli_table_take (table, rdm_format_amount (truth->total_conversions));
  for (guint m = 0; m < credits->len; m++)
    {
      const RdmCredit *credit = g_ptr_array_index (credits, m);

      rdm_cli_table_take (table, rdm_format_amount (credit->total_conversions));
    }
  rdm_cli_table_end_row (table);
  if (truth != NULL)
    {
      rdm_cli_table_add (table, _ ("Share error vs truth"));
      rdm_cli_table_add (table, "");
      for (guint m = 0; m < credits->len; m++)
        {
          RdmTruthError error;

          rdm_truth_error (truth, g_ptr_array_index (credits, m), &error);
          rdm_cli_table_take (table, isnan (error.share) ? g_strdup ("—")
                                                         : rdm_format_fixed (error.share, 3));
        }
      rdm_cli_table_end_row (table);
    }
  rdm_cli_table_print (table);

  g_print ("\n%s %s\n", _ ("Conversion value analysed:"), value);
  for (guint m = 0; m < credits->len; m++)
    {
      const RdmCredit *credit = g_ptr_array_index (credits, m);
      if (credit->note != NULL)
        g_print ("%s: %s\n", rdm_model_display_name (credit->model), credit->note);
    }
  if (truth != NULL)
    {
      g_autofree char *reading = rdm_truth_reading (truth, credits);

      g_print ("\n%s\n",
               _ ("Truth: the conversions each channel caused in this simulated world (they "
                  "disappear when its touches are removed). Share error: half the sum of the "
                  "differences between the model’s and the truth’s shares of the channels, from 0 "
                  "(the same split) to 1."));
      if (reading != NULL)
        g_print ("%s\n", reading);
    }
  else if (truth_note != NULL)
    g_print ("\n%s\n", truth_note);
  g_print ("\n%s\n", rdm_truth_credit_caveat ());
}

static gboolean
print_forward (RdmCliAnalysis *analysis,
               RdmCliData *data,
               const RdmForwardResult *result,
               GError **error)
{
  if (analysis->format == RDM_OUTPUT_JSON)
    {
      g_autoptr (cJSON) root = cJSON_CreateObject ();
      cJSON *rows = cJSON_AddArrayToObject (root, "rows");

      cJSON_AddStringToObject (root, "direction", "forward");
      cJSON_AddBoolToObject (root, "deduplicated", FALSE);
      cJSON_AddStringToObject (root, "note", result->note);
      for (guint i = 0; i < result->rows->len; i++)
        {
          const RdmForwardRow *r = g_ptr_array_index (result->rows, i);
          cJSON *row = cJSON_CreateObject ();

          cJSON_AddStringToObject (row, label_key (analysis), r->label);
          cJSON_AddItemToObject (row, "exposures", rdm_cli_json_number ((double)r->exposures));
          cJSON_AddItemToObject (row, "click_exposures",
                                 rdm_cli_json_number ((double)r->click_exposures));
          cJSON_AddItemToObject (row, "exposed_visitors",
                                 rdm_cli_json_number ((double)r->exposed_visitors));
          cJSON_AddItemToObject (row, "influenced_conversions",
                                 rdm_cli_json_number (r->conversions));
          cJSON_AddItemToObject (row, "influenced_value", rdm_cli_json_number (r->value));
          cJSON_AddItemToObject (row, "click_conversions",
                                 rdm_cli_json_number (r->click_conversions));
          cJSON_AddItemToObject (row, "view_conversions",
                                 rdm_cli_json_number (r->view_conversions));
          cJSON_AddItemToObject (row, "click_value", rdm_cli_json_number (r->click_value));
          cJSON_AddItemToObject (row, "view_value", rdm_cli_json_number (r->view_value));
          cJSON_AddItemToArray (rows, row);
        }
      cJSON_AddItemToObject (root, "total_influenced_conversions",
                             rdm_cli_json_number (result->total_conversions));
      cJSON_AddItemToObject (root, "total_influenced_value",
                             rdm_cli_json_number (result->total_value));
      cJSON_AddItemToObject (root, "settings", rdm_cli_analysis_settings_json (analysis, data));
      return rdm_cli_print_json (root, error);
    }
  if (analysis->format == RDM_OUTPUT_CSV)
    {
      g_autoptr (RdmCsvWriter) csv = rdm_csv_writer_new ();
      g_autofree char *header
          = g_strdup_printf ("%s,exposures,click_exposures,exposed_visitors,influenced_conversions,"
                             "influenced_value,click_conversions,view_conversions,click_value,"
                             "view_value",
                             label_key (analysis));

      rdm_cli_csv_header (csv, header);
      for (guint i = 0; i < result->rows->len; i++)
        {
          const RdmForwardRow *r = g_ptr_array_index (result->rows, i);

          rdm_csv_writer_add_text (csv, r->label);
          rdm_csv_writer_add_number (csv, (double)r->exposures);
          rdm_csv_writer_add_number (csv, (double)r->click_exposures);
          rdm_csv_writer_add_number (csv, (double)r->exposed_visitors);
          rdm_csv_writer_add_number (csv, r->conversions);
          rdm_csv_writer_add_number (csv, r->value);
          rdm_csv_writer_add_number (csv, r->click_conversions);
          rdm_csv_writer_add_number (csv, r->view_conversions);
          rdm_csv_writer_add_number (csv, r->click_value);
          rdm_csv_writer_add_number (csv, r->view_value);
          rdm_csv_writer_end_row (csv);
        }
      rdm_cli_print_csv (csv);
      return TRUE;
    }
  {
    g_autoptr (RdmCliTable) table = rdm_cli_table_new ("lrrrr");

    rdm_cli_table_add (table, rdm_cli_level_header (analysis->request.path.level));
    rdm_cli_table_add (table, _ ("Exposures"));
    rdm_cli_table_add (table, _ ("Visitors"));
    rdm_cli_table_add (table, _ ("Influenced"));
    rdm_cli_table_add (table, _ ("Value"));
    rdm_cli_table_end_row (table);
    for (guint i = 0; i < result->rows->len; i++)
      {
        const RdmForwardRow *r = g_ptr_array_index (result->rows, i);

        rdm_cli_table_add (table, rdm_cli_level_label (analysis->request.path.level, r->label));
        rdm_cli_table_take (table, rdm_format_count ((gint64)r->exposures));
        rdm_cli_table_take (table, rdm_format_count ((gint64)r->exposed_visitors));
        rdm_cli_table_take (table, rdm_format_amount (r->conversions));
        rdm_cli_table_take (table, rdm_format_amount (r->value));
        rdm_cli_table_end_row (table);
      }
    rdm_cli_table_print (table);
  }
  g_print ("\n%s\n", result->note);
  return TRUE;
}

gboolean
rdm_cli_attribute (int argc, char **argv, GError **error)
{
  g_auto (RdmCliAnalysis) analysis = { 0 };
  g_auto (RdmCliData) data = { 0 };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (RdmAttributionRun) run = NULL;
  g_autoptr (GPtrArray) shown = NULL;
  GError *run_error = NULL;
  GPtrArray *credits;

  rdm_cli_analysis_init (&analysis, "linear");
  context = rdm_cli_option_context_new ("attribute", _ ("PROJECT"),
                                        _ ("Credit conversions and their value to channels or "
                                           "campaigns with one or more attribution models."),
                                        NULL);
  rdm_cli_analysis_add_calibration_entries (&analysis, context);
  rdm_cli_analysis_add_entries (&analysis, context, TRUE, NULL);
  if (!rdm_cli_analysis_parse (context, &argc, &argv, error))
    return FALSE;
  if (!rdm_cli_analysis_finish (&analysis, error)
      || !rdm_cli_analysis_open (&analysis, argv[1], &data, error))
    return FALSE;
  run = rdm_attribution_run (data.project, &data.source, &analysis.request, NULL, &run_error);
  if (run == NULL)
    return rdm_cli_analysis_usage_error (error, run_error);
  /* the settings report the segment's visitors of these journeys */
  data.journeys = run->journeys;
  run->journeys = (RdmAttributionJourneys){ 0 };

  if (analysis.request.path.direction == RDM_DIRECTION_FORWARD)
    return print_forward (&analysis, &data, run->forward, error);

  if (run->failures->len > 0)
    {
      RdmAttributionFailure *failure = &g_array_index (run->failures, RdmAttributionFailure, 0);

      g_propagate_prefixed_error (error, g_steal_pointer (&failure->error), _ ("Model %s: "),
                                  rdm_model_to_string (failure->model));
      return FALSE;
    }
  credits = run->credits;
  /* calibrated, the credits shown are the calibrated ones, Baseline
   * included */
  if (run->calibrated != NULL)
    {
      shown = g_ptr_array_new ();
      for (guint m = 0; m < run->calibrated->len; m++)
        g_ptr_array_add (shown, ((RdmCalibrated *)g_ptr_array_index (run->calibrated, m))->credit);
      credits = shown;
    }

  switch (analysis.format)
    {
    case RDM_OUTPUT_JSON:
      {
        g_autoptr (cJSON) root = cJSON_CreateObject ();
        cJSON *models = cJSON_AddArrayToObject (root, "models");
        const RdmCredit *first = g_ptr_array_index (credits, 0);

        for (guint m = 0; m < credits->len; m++)
          cJSON_AddItemToArray (
              models,
              credit_json (&analysis, g_ptr_array_index (credits, m),
                           run->calibrated != NULL ? g_ptr_array_index (run->calibrated, m) : NULL,
                           run->truth));
        cJSON_AddItemToObject (root, "total_conversions",
                               rdm_cli_json_number (first->total_conversions));
        cJSON_AddItemToObject (root, "total_value", rdm_cli_json_number (first->total_value));
        if (run->calibrated != NULL)
          cJSON_AddBoolToObject (root, "calibrated", TRUE);
        if (run->truth != NULL)
          cJSON_AddItemToObject (root, "truth", truth_json (run->truth, credits));
        else if (run->truth_note != NULL)
          cJSON_AddStringToObject (root, "truth_note", run->truth_note);
        cJSON_AddItemToObject (root, "settings", rdm_cli_analysis_settings_json (&analysis, &data));
        return rdm_cli_print_json (root, error);
      }
    case RDM_OUTPUT_CSV:
      print_credit_csv (&analysis, credits, run->calibrated, run->truth);
      return TRUE;
    case RDM_OUTPUT_TABLE:
    default:
      print_credit_table (&analysis, credits, run->truth, run->truth_note);
      if (run->calibrated != NULL)
        print_factors_table (run->calibrated);
      return TRUE;
    }
}

static gboolean
parse_windows (const char *text, GArray *windows, GError **error)
{
  g_autofree char *bad = NULL;

  if (rdm_cli_parse_days (text, windows, &bad))
    return windows->len > 0;
  g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
               _ ("--windows expects days separated by commas, got “%s”"), bad);
  return FALSE;
}

gboolean
rdm_cli_window_sweep (int argc, char **argv, GError **error)
{
  g_auto (RdmCliAnalysis) analysis = { 0 };
  g_auto (RdmCliData) data = { 0 };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GArray) windows = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (RdmWindowSweep) sweep = NULL;
  g_autofree char *windows_text = NULL;
  RdmModel model;
  const double *sweep_windows = rdm_window_sweep_default_windows;
  GOptionEntry entries[]
      = { { "windows", 0, 0, G_OPTION_ARG_STRING, &windows_text, NULL, "D[,D…]" },
          G_OPTION_ENTRY_NULL };

  rdm_cli_analysis_init (&analysis, "linear");
  G_STATIC_ASSERT (RDM_WINDOW_SWEEP_N_DEFAULT_WINDOWS == 6);
  entries[0].description = rdm_cli_analysis_help_with_default (
      &analysis, N_ ("Click windows to compare, in days (default %s)"), 6, sweep_windows[0],
      sweep_windows[1], sweep_windows[2], sweep_windows[3], sweep_windows[4], sweep_windows[5]);
  context = rdm_cli_option_context_new (
      "window-sweep", _ ("PROJECT"),
      _ ("Show how each channel’s credit changes as the click window grows."), NULL);
  rdm_cli_analysis_add_entries (&analysis, context, TRUE, entries);
  if (!rdm_cli_analysis_parse (context, &argc, &argv, error))
    return FALSE;
  if (windows_text == NULL)
    g_array_append_vals (windows, rdm_window_sweep_default_windows,
                         RDM_WINDOW_SWEEP_N_DEFAULT_WINDOWS);
  else if (!parse_windows (windows_text, windows, error))
    return FALSE;
  if (!rdm_cli_analysis_refuse (analysis.bootstrap > 0, "--bootstrap", error)
      || !rdm_cli_analysis_finish (&analysis, error))
    return FALSE;
  if (analysis.models->len != 1)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("window-sweep takes exactly one model"));
      return FALSE;
    }
  model = g_array_index (analysis.models, RdmModel, 0);
  if (analysis.request.path.direction == RDM_DIRECTION_FORWARD)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("window-sweep works in the backward direction only"));
      return FALSE;
    }
  if (!rdm_cli_analysis_load (&analysis, argv[1], &data, error))
    return FALSE;
  if (data.source.store == NULL)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("An imported path table has no touch times, so windows do not apply to it"));
      return FALSE;
    }

  sweep = rdm_window_sweep_compute (
      data.source.store, &analysis.request.path, data.journeys.visitor_mask, model,
      &analysis.request.model, (const double *)(gpointer)windows->data, windows->len, NULL, error);
  if (sweep == NULL)
    return FALSE;

  if (analysis.format == RDM_OUTPUT_JSON)
    {
      g_autoptr (cJSON) root = cJSON_CreateObject ();
      cJSON *days = cJSON_AddArrayToObject (root, "click_window_days");
      cJSON *rows = cJSON_AddArrayToObject (root, "rows");
      cJSON *totals = cJSON_AddArrayToObject (root, "total_conversions");

      cJSON_AddStringToObject (root, "model", rdm_model_to_string (model));
      for (guint w = 0; w < sweep->n_windows; w++)
        {
          cJSON_AddItemToArray (days, rdm_cli_json_number (sweep->windows[w]));
          cJSON_AddItemToArray (totals, rdm_cli_json_number (sweep->total_conversions[w]));
        }
      for (guint i = 0; i < sweep->n_labels; i++)
        {
          cJSON *row = cJSON_CreateObject ();
          cJSON *conversions = cJSON_AddArrayToObject (row, "conversions");
          cJSON *value = cJSON_AddArrayToObject (row, "value");

          cJSON_AddStringToObject (row, label_key (&analysis), sweep->label_names[i]);
          for (guint w = 0; w < sweep->n_windows; w++)
            {
              cJSON_AddItemToArray (
                  conversions, rdm_cli_json_number (rdm_window_sweep_conversions (sweep, w, i)));
              cJSON_AddItemToArray (value,
                                    rdm_cli_json_number (rdm_window_sweep_value (sweep, w, i)));
            }
          cJSON_AddItemToArray (rows, row);
        }
      cJSON_AddItemToObject (root, "settings", rdm_cli_analysis_settings_json (&analysis, &data));
      return rdm_cli_print_json (root, error);
    }

  if (analysis.format == RDM_OUTPUT_CSV)
    {
      g_autoptr (RdmCsvWriter) csv = rdm_csv_writer_new ();
      g_autofree char *header
          = g_strdup_printf ("model,%s,click_window_days,conversions,value", label_key (&analysis));

      /* one row per label and window, as a spreadsheet's pivot wants */
      rdm_cli_csv_header (csv, header);
      for (guint i = 0; i < sweep->n_labels; i++)
        for (guint w = 0; w < sweep->n_windows; w++)
          {
            rdm_csv_writer_add_text (csv, rdm_model_to_string (model));
            rdm_csv_writer_add_text (csv, sweep->label_names[i]);
            rdm_csv_writer_add_number (csv, sweep->windows[w]);
            rdm_csv_writer_add_number (csv, rdm_window_sweep_conversions (sweep, w, i));
            rdm_csv_writer_add_number (csv, rdm_window_sweep_value (sweep, w, i));
            rdm_csv_writer_end_row (csv);
          }
      rdm_cli_print_csv (csv);
      return TRUE;
    }

  {
    g_autofree char *alignment = g_strnfill (sweep->n_windows + 1, 'r');
    g_autoptr (RdmCliTable) table = NULL;

    alignment[0] = 'l';
    table = rdm_cli_table_new (alignment);
    g_print (_ ("Credited conversions under the model %s, by click window\n"),
             rdm_model_display_name (model));
    rdm_cli_table_add (table, rdm_cli_level_header (analysis.request.path.level));
    for (guint w = 0; w < sweep->n_windows; w++)
      {
        g_autofree char *days = rdm_format_fixed (
            sweep->windows[w], sweep->windows[w] == floor (sweep->windows[w]) ? 0 : 2);

        /* TRANSLATORS: a number of days, as a column heading */
        rdm_cli_table_take (table, g_strdup_printf (_ ("%s d"), days));
      }
    rdm_cli_table_end_row (table);
    for (guint i = 0; i < sweep->n_labels; i++)
      {
        rdm_cli_table_add (
            table, rdm_cli_level_label (analysis.request.path.level, sweep->label_names[i]));
        for (guint w = 0; w < sweep->n_windows; w++)
          rdm_cli_table_take (table,
                              rdm_format_amount (rdm_window_sweep_conversions (sweep, w, i)));
        rdm_cli_table_end_row (table);
      }
    rdm_cli_table_print (table);
  }
  return TRUE;
}
