/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "rendement-cli mirror": the lagged cross-correlation of two series, such
 * as social engagement against a survey's brand awareness
 * (analysis/rdm-mirror.c).
 */

#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <glib/gi18n.h>

#include "rdm-cli.h"
#include "rdm-csv.h"
#include "rdm-events.h"
#include "rdm-format.h"
#include "rdm-mirror.h"
#include "rdm-report-charts.h"
#include "rdm-series-analysis.h"

#define MAX_RESAMPLES 100000

static gboolean
write_chart (RdmProject *project, const RdmMirrorResult *report, const char *path, GError **error)
{
  g_autoptr (GPtrArray) events = rdm_project_list_events (project, error);
  g_autoptr (RdmChart) chart = NULL;

  if (events == NULL)
    return FALSE;
  chart = rdm_report_chart_mirror (report, events);
  return rdm_cli_write_chart (chart, path, 0, 0, error);
}

static gboolean
print_mirror (const RdmMirrorResult *report, RdmOutputFormat format, GError **error)
{
  const RdmMirror *mirror = &report->mirror;

  if (format == RDM_OUTPUT_JSON)
    {
      g_autoptr (cJSON) root = cJSON_CreateObject ();
      g_autofree char *from = rdm_cli_format_day (report->from);
      g_autofree char *to = rdm_cli_format_day (report->to);
      cJSON *lags;

      cJSON_AddStringToObject (root, "series_a", report->a->name);
      cJSON_AddStringToObject (root, "series_b", report->b->name);
      cJSON_AddStringToObject (root, "formula_a", report->a->formula);
      cJSON_AddStringToObject (root, "formula_b", report->b->formula);
      cJSON_AddStringToObject (root, "by", rdm_mirror_by_to_string (report->by));
      cJSON_AddStringToObject (root, "from", from);
      cJSON_AddStringToObject (root, "to", to);
      lags = cJSON_AddArrayToObject (root, "lags");
      for (guint i = 0; i < mirror->lags->len; i++)
        {
          const RdmMirrorLag *row = &g_array_index (mirror->lags, RdmMirrorLag, i);
          cJSON *item = cJSON_CreateObject ();

          cJSON_AddItemToObject (item, "lag", rdm_cli_json_number (row->lag));
          cJSON_AddItemToObject (item, "r", rdm_cli_json_number (row->r));
          cJSON_AddItemToObject (item, "ci_low", rdm_cli_json_number (row->ci_low));
          cJSON_AddItemToObject (item, "ci_high", rdm_cli_json_number (row->ci_high));
          cJSON_AddItemToObject (item, "n", rdm_cli_json_number (row->n));
          cJSON_AddItemToObject (item, "n_effective", rdm_cli_json_number (row->n_effective));
          cJSON_AddItemToArray (lags, item);
        }
      cJSON_AddItemToObject (root, "best_lag", rdm_cli_json_number (mirror->best_lag));
      cJSON_AddItemToObject (root, "best_lag_ci_low",
                             rdm_cli_json_number (mirror->best_lag_ci_low));
      cJSON_AddItemToObject (root, "best_lag_ci_high",
                             rdm_cli_json_number (mirror->best_lag_ci_high));
      cJSON_AddItemToObject (root, "best_r", rdm_cli_json_number (mirror->best_r));
      cJSON_AddBoolToObject (root, "best_lag_clear", rdm_mirror_best_lag_is_clear (mirror));
      cJSON_AddItemToObject (root, "periods", rdm_cli_json_number (mirror->periods));
      cJSON_AddItemToObject (root, "periods_used", rdm_cli_json_number (mirror->periods_both));
      cJSON_AddItemToObject (root, "autocorrelation_a",
                             rdm_cli_json_number (mirror->autocorrelation_a));
      cJSON_AddItemToObject (root, "autocorrelation_b",
                             rdm_cli_json_number (mirror->autocorrelation_b));
      cJSON_AddItemToObject (root, "resamples", rdm_cli_json_number (mirror->resamples));
      cJSON_AddItemToObject (root, "block_length", rdm_cli_json_number (mirror->block_length));
      cJSON_AddItemToObject (root, "seed", rdm_cli_json_number ((double)report->seed));
      return rdm_cli_print_json (root, error);
    }
  if (format == RDM_OUTPUT_CSV)
    {
      g_autoptr (RdmCsvWriter) csv = rdm_csv_writer_new ();

      rdm_cli_csv_header (csv, "lag,r,ci_low,ci_high,n,n_effective,best");
      for (guint i = 0; i < mirror->lags->len; i++)
        {
          const RdmMirrorLag *row = &g_array_index (mirror->lags, RdmMirrorLag, i);

          rdm_csv_writer_add_int (csv, row->lag);
          rdm_csv_writer_add_number (csv, row->r);
          rdm_csv_writer_add_number (csv, row->ci_low);
          rdm_csv_writer_add_number (csv, row->ci_high);
          rdm_csv_writer_add_int (csv, row->n);
          rdm_csv_writer_add_number (csv, row->n_effective);
          rdm_csv_writer_add_int (csv, row->lag == mirror->best_lag);
          rdm_csv_writer_end_row (csv);
        }
      rdm_cli_print_csv (csv);
      return TRUE;
    }
  {
    g_autoptr (RdmCliTable) table = rdm_cli_table_new ("rrrrr");
    g_autofree char *from = rdm_format_day (report->from);
    g_autofree char *to = rdm_format_day (report->to);
    g_autofree char *best_r = rdm_format_fixed (mirror->best_r, 3);

    g_print (_ ("%s against %s, by %s, %s to %s: %u of %u periods have both\n"), report->a->formula,
             report->b->formula, rdm_mirror_by_name (report->by), from, to, mirror->periods_both,
             mirror->periods);
    g_print (_ ("Best lag %d (95%% interval %d to %d), r = %s; a positive lag means the first "
                "series leads\n"),
             mirror->best_lag, mirror->best_lag_ci_low, mirror->best_lag_ci_high, best_r);
    g_print ("%s\n\n", rdm_mirror_best_lag_is_clear (mirror)
                           ? _ ("Its correlation is clear of 0, even among all the lags compared.")
                           : _ ("Its correlation is not clear of 0 once all the lags compared are "
                                "allowed for: no lag stands out."));
    rdm_cli_table_add (table, _ ("Lag"));
    rdm_cli_table_add (table, _ ("r"));
    /* xgettext:no-c-format */
    rdm_cli_table_add (table, _ ("95 % low"));
    /* xgettext:no-c-format */
    rdm_cli_table_add (table, _ ("95 % high"));
    rdm_cli_table_add (table, _ ("Pairs"));
    rdm_cli_table_end_row (table);
    for (guint i = 0; i < mirror->lags->len; i++)
      {
        const RdmMirrorLag *row = &g_array_index (mirror->lags, RdmMirrorLag, i);
        const double numbers[] = { row->r, row->ci_low, row->ci_high };

        rdm_cli_table_take (table, g_strdup_printf ("%d", row->lag));
        for (guint k = 0; k < G_N_ELEMENTS (numbers); k++)
          rdm_cli_table_take (table, isfinite (numbers[k]) ? rdm_format_fixed (numbers[k], 3)
                                                           : g_strdup (_ ("n/a")));
        rdm_cli_table_take (table, rdm_format_count (row->n));
        rdm_cli_table_end_row (table);
      }
    rdm_cli_table_print (table);
    return TRUE;
  }
}

gboolean
rdm_cli_mirror (int argc, char **argv, GError **error)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autoptr (RdmMirrorResult) report = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *chart_path = NULL;
  g_autofree char *series_a = NULL;
  g_autofree char *series_b = NULL;
  g_autofree char *max_lag_text = NULL;
  g_autofree char *by_text = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *resamples_text = NULL;
  g_autofree char *format_text = NULL;
  RdmMirrorRequest request = RDM_MIRROR_REQUEST_INIT;
  RdmOutputFormat format;
  gint64 max_lag = -1, resamples = RDM_MIRROR_DEFAULT_RESAMPLES, seed = RDM_MIRROR_DEFAULT_SEED;
  const GOptionEntry entries[]
      = { { "series", 0, 0, G_OPTION_ARG_STRING, &series_a,
            N_ ("The first series, as in KPI formulas (likes[channel=\"Instagram\"], "
                "series[\"awareness\"]) or a KPI’s name"),
            "SERIES" },
          { "against", 0, 0, G_OPTION_ARG_STRING, &series_b, N_ ("The second series, the same way"),
            "SERIES" },
          { "by", 0, 0, G_OPTION_ARG_STRING, &by_text,
            N_ ("Periods the days are averaged over: day, week (default) or month"), "PERIOD" },
          { "max-lag", 0, 0, G_OPTION_ARG_STRING, &max_lag_text,
            N_ ("Largest lag, in periods (default 14 days, 8 weeks or 3 months)"), "K" },
          { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
            N_ ("First day (default: the project’s first)"), "DATE" },
          { "to", 0, 0, G_OPTION_ARG_STRING, &to_text,
            N_ ("Last day (default: the project’s last)"), "DATE" },
          { "resamples", 0, 0, G_OPTION_ARG_STRING, &resamples_text,
            N_ ("Block-bootstrap resamples for the best lag’s interval (default 1000)"), "N" },
          { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
            N_ ("Seed of the resamples (default 1): the same seed gives the same interval"), "S" },
          { "chart", 0, 0, G_OPTION_ARG_FILENAME, &chart_path,
            N_ ("Also draw both series over time to a PNG, SVG or PDF file, the first again "
                "shifted by the best lag"),
            "FILE" },
          { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text,
            N_ ("Output format: table (default), json or csv"), "FORMAT" },
          G_OPTION_ENTRY_NULL };

  context = rdm_cli_option_context_new (
      "mirror", _ ("PROJECT"),
      _ ("Correlate two series at lags: does the first move before the second, and by how many "
         "periods? Each period is the mean of its days with data; only periods where both "
         "series have data are paired."),
      entries);
  if (!rdm_cli_parse (context, &argc, &argv, error)
      || !rdm_cli_parse_format (format_text, &format, error))
    return FALSE;
  if (argc != 2)
    return rdm_cli_usage_error (error, "%s",
                                _ ("rendement-cli mirror: expected one PROJECT file name"));
  if (series_a == NULL || series_b == NULL)
    return rdm_cli_usage_error (error, "%s", _ ("mirror needs --series and --against"));
  if (by_text != NULL && !rdm_mirror_by_from_string (by_text, &request.by))
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("--by: unknown period “%s”: expected day, week or month"), by_text);
      return FALSE;
    }
  if ((max_lag_text != NULL
       && !rdm_cli_parse_integer ("--max-lag", max_lag_text, 0, RDM_MIRROR_MAX_DAYS, &max_lag,
                                  error))
      || (resamples_text != NULL
          && !rdm_cli_parse_integer ("--resamples", resamples_text, 1, MAX_RESAMPLES, &resamples,
                                     error))
      || (seed_text != NULL
          && !rdm_cli_parse_integer ("--seed", seed_text, 0, G_MAXINT64, &seed, error))
      || (from_text != NULL && !rdm_cli_parse_day ("--from", from_text, &request.from, error))
      || (to_text != NULL && !rdm_cli_parse_day ("--to", to_text, &request.to, error)))
    return FALSE;
  if (from_text != NULL && to_text != NULL && request.to < request.from)
    return rdm_cli_usage_error (error, "%s", _ ("--to is before --from"));
  if (max_lag >= 0)
    request.max_lag = (guint)max_lag;
  request.resamples = (guint)resamples;
  request.seed = (guint64)seed;
  request.series_a = series_a;
  request.series_b = series_b;

  project = rdm_project_open_for_reading (argv[1], error);
  if (project == NULL)
    return FALSE;
  report = rdm_project_mirror (project, &request, NULL, &local_error);
  if (report == NULL)
    {
      /* days the options asked for: a usage error, as the options' own */
      if (g_error_matches (local_error, RDM_SERIES_ANALYSIS_ERROR, RDM_SERIES_ANALYSIS_ERROR_DAYS))
        return rdm_cli_usage_error (error, _ ("%s: set --from and --to within the project’s days"),
                                    local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (chart_path != NULL && !write_chart (project, report, chart_path, error))
    return FALSE;
  return print_mirror (report, format, error);
}
