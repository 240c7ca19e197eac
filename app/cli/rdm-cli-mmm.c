/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "rendement-cli mmm" (the media-mix model) and "rendement-cli budget"
 * (the best split of a budget under its curves).
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "rdm-budget.h"
#include "rdm-cli.h"
#include "rdm-format.h"
#include "rdm-media-mix.h"

#define SECONDS_PER_DAY 86400
#define MAX_BOOTSTRAP 1000
#define MAX_PLAN_WEEKS 104

/* The options of the fit, which both commands take. */
typedef struct
{
  char *from_text;
  char *to_text;
  char *bootstrap_text;
  char *seed_text;
  char *holdout_text;
  char *format_text;
} FitOptions;

static void
fit_options_clear (FitOptions *options)
{
  g_free (options->from_text);
  g_free (options->to_text);
  g_free (options->bootstrap_text);
  g_free (options->seed_text);
  g_free (options->holdout_text);
  g_free (options->format_text);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FitOptions, fit_options_clear)

static GOptionEntry *
fit_option_entries (FitOptions *options, const GOptionEntry *more)
{
  const GOptionEntry common[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &options->from_text,
      N_ ("The first day of the data to fit (default: the first day with outcomes)"), "DATE" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &options->to_text,
      N_ ("The last day of the data to fit (default: the last day with outcomes)"), "DATE" },
    { "bootstrap", 0, 0, G_OPTION_ARG_STRING, &options->bootstrap_text,
      N_ ("Bootstrap replicates for the intervals, 0 for none (default 20)"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &options->seed_text,
      N_ ("Seed of the search and the bootstrap (default 1)"), "S" },
    { "holdout-weeks", 0, 0, G_OPTION_ARG_STRING, &options->holdout_text,
      N_ ("Last weeks kept out of the fit to measure it (default: about a tenth)"), "N" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &options->format_text,
      N_ ("Output format: table (default), json or csv"), "FORMAT" },
  };
  GArray *entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));

  g_array_append_vals (entries, common, G_N_ELEMENTS (common));
  for (const GOptionEntry *entry = more; entry != NULL && entry->long_name != NULL; entry++)
    g_array_append_val (entries, *entry);
  return (GOptionEntry *)(void *)g_array_free (entries, FALSE);
}

/* What a command checks of the data before the fit, so that a mistake
 * in its options costs no fit. */
typedef gboolean (*DataCheck) (const RdmMediaMixData *data, gpointer user_data, GError **error);

/* Parses the fit's options, opens @path, reads its data, runs @check
 * (nullable) on them, and fits. */
static RdmMmmFit *
fit_project (const char *path,
             FitOptions *options,
             DataCheck check,
             gpointer check_data,
             RdmOutputFormat *format,
             RdmMediaMixData **out_data,
             GError **error)
{
  RdmMmmOptions fit_options = RDM_MMM_OPTIONS_INIT;
  gint64 from = G_MININT64, to = G_MAXINT64, number;
  g_autoptr (RdmProject) project = NULL;

  if (!rdm_cli_parse_format (options->format_text, format, error))
    return NULL;
  if (options->from_text != NULL && !rdm_cli_parse_day ("--from", options->from_text, &from, error))
    return NULL;
  if (options->to_text != NULL)
    {
      if (!rdm_cli_parse_day ("--to", options->to_text, &to, error))
        return NULL;
      to += SECONDS_PER_DAY;
    }
  if (from >= to)
    {
      rdm_cli_usage_error (error, _ ("The period is empty: --from must come before --to"));
      return NULL;
    }
  if (options->bootstrap_text != NULL)
    {
      if (!rdm_cli_parse_integer ("--bootstrap", options->bootstrap_text, 0, MAX_BOOTSTRAP, &number,
                                  error))
        return NULL;
      /* one replicate is no spread to take an interval from */
      if (number == 1)
        {
          rdm_cli_usage_error (error, _ ("--bootstrap expects 0 (no intervals) or from 2 to %d"),
                               MAX_BOOTSTRAP);
          return NULL;
        }
      fit_options.bootstrap = (guint)number;
    }
  if (options->seed_text != NULL)
    {
      if (!rdm_cli_parse_integer ("--seed", options->seed_text, 0, G_MAXINT64, &number, error))
        return NULL;
      fit_options.seed = (guint64)number;
    }
  if (options->holdout_text != NULL)
    {
      if (!rdm_cli_parse_integer ("--holdout-weeks", options->holdout_text, 1, 52, &number, error))
        return NULL;
      fit_options.holdout_weeks = (guint)number;
    }
  project = rdm_project_open_for_reading (path, error);
  if (project == NULL)
    return NULL;
  g_autoptr (RdmMediaMixData) data = rdm_project_load_media_mix (project, from, to, error);

  if (data == NULL || (check != NULL && !check (data, check_data, error)))
    return NULL;
  RdmMmmFit *fit = rdm_media_mix_data_fit (data, &fit_options, error);

  if (fit != NULL)
    *out_data = g_steal_pointer (&data);
  return fit;
}

static cJSON *
interval_json (const RdmMmmEstimate *estimate)
{
  cJSON *pair = cJSON_CreateArray ();

  cJSON_AddItemToArray (pair, rdm_cli_json_number (estimate->low));
  cJSON_AddItemToArray (pair, rdm_cli_json_number (estimate->high));
  return pair;
}

/* A money figure of a project without values is unknown: null. */
static cJSON *
value_json (const RdmMmmFit *fit, double value)
{
  return fit->has_value ? rdm_cli_json_number (value) : cJSON_CreateNull ();
}

static cJSON *
channel_json (const RdmMmmFit *fit, guint c)
{
  const RdmMmmChannel *channel = &fit->channels[c];
  cJSON *row = cJSON_CreateObject ();
  cJSON *intervals = cJSON_CreateObject ();
  g_auto (GStrv) warnings = rdm_mmm_warning_names (channel->warnings);
  g_autofree char *description = rdm_mmm_describe_warnings (fit, c);
  double media = fit->total_conversions - fit->baseline.estimate;

  cJSON_AddStringToObject (row, "channel", channel->channel);
  cJSON_AddItemToObject (row, "spend", rdm_cli_json_number (channel->spend));
  cJSON_AddItemToObject (row, "contribution", rdm_cli_json_number (channel->contribution.estimate));
  cJSON_AddItemToObject (row, "contribution_value",
                         value_json (fit, channel->contribution_value.estimate));
  cJSON_AddItemToObject (
      row, "share",
      rdm_cli_json_number (fit->total_conversions > 0.0
                               ? channel->contribution.estimate / fit->total_conversions
                               : 0.0));
  cJSON_AddItemToObject (
      row, "media_share",
      rdm_cli_json_number (media > 0.0 ? channel->contribution.estimate / media : 0.0));
  cJSON_AddItemToObject (row, "roi",
                         channel->spend > 0.0 ? value_json (fit, channel->roi.estimate)
                                              : cJSON_CreateNull ());
  cJSON_AddItemToObject (row, "marginal_roi",
                         channel->spend > 0.0 ? value_json (fit, channel->marginal_roi.estimate)
                                              : cJSON_CreateNull ());
  cJSON_AddItemToObject (row, "adstock", rdm_cli_json_number (channel->adstock.estimate));
  cJSON_AddItemToObject (row, "half_saturation",
                         rdm_cli_json_number (channel->half_saturation.estimate));
  cJSON_AddItemToObject (row, "shape", rdm_cli_json_number (channel->shape.estimate));
  cJSON_AddItemToObject (row, "coefficient", rdm_cli_json_number (channel->curve.coefficient));
  cJSON_AddBoolToObject (row, "calibrated", channel->calibrated);
  cJSON_AddItemToObject (row, "ci_low", rdm_cli_json_number (channel->contribution.low));
  cJSON_AddItemToObject (row, "ci_high", rdm_cli_json_number (channel->contribution.high));
  if (fit->has_value)
    {
      cJSON_AddItemToObject (intervals, "contribution_value",
                             interval_json (&channel->contribution_value));
      cJSON_AddItemToObject (intervals, "roi", interval_json (&channel->roi));
      cJSON_AddItemToObject (intervals, "marginal_roi", interval_json (&channel->marginal_roi));
    }
  cJSON_AddItemToObject (intervals, "adstock", interval_json (&channel->adstock));
  cJSON_AddItemToObject (intervals, "half_saturation", interval_json (&channel->half_saturation));
  cJSON_AddItemToObject (intervals, "shape", interval_json (&channel->shape));
  cJSON_AddItemToObject (row, "intervals", intervals);
  cJSON_AddItemToObject (
      row, "warnings",
      cJSON_CreateStringArray ((const char *const *)warnings, (int)g_strv_length (warnings)));
  if (description != NULL)
    cJSON_AddStringToObject (row, "warning_text", description);
  else
    cJSON_AddNullToObject (row, "warning_text");
  return row;
}

static cJSON *
decomposition_json (const RdmMmmFit *fit)
{
  cJSON *days = cJSON_CreateArray ();

  for (guint t = 0; t < fit->n_days; t++)
    {
      cJSON *day = cJSON_CreateObject ();
      cJSON *channels = cJSON_CreateObject ();
      g_autofree char *date = rdm_cli_format_day (fit->first_day + (gint64)t * SECONDS_PER_DAY);

      cJSON_AddStringToObject (day, "date", date);
      cJSON_AddItemToObject (day, "actual", rdm_cli_json_number (fit->actual[t]));
      cJSON_AddItemToObject (day, "fitted", rdm_cli_json_number (fit->fitted[t]));
      cJSON_AddItemToObject (day, "baseline", rdm_cli_json_number (fit->base[t]));
      for (guint c = 0; c < fit->n_channels; c++)
        cJSON_AddItemToObject (
            channels, fit->channels[c].channel,
            rdm_cli_json_number (fit->contributions[(gsize)c * fit->n_days + t]));
      cJSON_AddItemToObject (day, "channels", channels);
      cJSON_AddItemToArray (days, day);
    }
  return days;
}

static cJSON *
period_json (const RdmMmmFit *fit, const RdmMediaMixData *data)
{
  cJSON *period = cJSON_CreateObject ();
  g_autofree char *first = rdm_cli_format_day (fit->first_day);
  g_autofree char *last
      = rdm_cli_format_day (fit->first_day + (gint64)(fit->n_days - 1) * SECONDS_PER_DAY);

  cJSON_AddStringToObject (period, "from", first);
  cJSON_AddStringToObject (period, "to", last);
  cJSON_AddItemToObject (period, "days", rdm_cli_json_number (fit->n_days));
  cJSON_AddStringToObject (period, "outcomes", data->from_event_log ? "event_log" : "outcomes");
  return period;
}

static gboolean
print_mmm_json (const RdmMmmFit *fit,
                const RdmMediaMixData *data,
                const RdmMmmOptions *settings,
                GError **error)
{
  g_autoptr (cJSON) root = cJSON_CreateObject ();
  cJSON *rows = cJSON_AddArrayToObject (root, "rows");
  cJSON *baseline = cJSON_CreateObject ();
  cJSON *quality = cJSON_CreateObject ();
  cJSON *options = cJSON_CreateObject ();
  g_autofree char *fit_warning = rdm_mmm_describe_fit (fit);

  for (guint c = 0; c < fit->n_channels; c++)
    cJSON_AddItemToArray (rows, channel_json (fit, c));
  cJSON_AddItemToObject (baseline, "contribution", rdm_cli_json_number (fit->baseline.estimate));
  cJSON_AddItemToObject (baseline, "contribution_value",
                         value_json (fit, fit->baseline.estimate * fit->value_per_conversion));
  cJSON_AddItemToObject (baseline, "ci_low", rdm_cli_json_number (fit->baseline.low));
  cJSON_AddItemToObject (baseline, "ci_high", rdm_cli_json_number (fit->baseline.high));
  cJSON_AddItemToObject (root, "baseline", baseline);
  cJSON_AddItemToObject (quality, "r2", rdm_cli_json_number (fit->r2));
  cJSON_AddItemToObject (quality, "mape", rdm_cli_json_number (fit->mape));
  cJSON_AddItemToObject (quality, "nrmse", rdm_cli_json_number (fit->nrmse));
  cJSON_AddItemToObject (quality, "r2_in_sample", rdm_cli_json_number (fit->r2_in_sample));
  cJSON_AddItemToObject (quality, "train_days", rdm_cli_json_number (fit->train_days));
  cJSON_AddItemToObject (quality, "holdout_days", rdm_cli_json_number (fit->holdout_days));
  if (fit_warning != NULL)
    cJSON_AddStringToObject (quality, "warning_text", fit_warning);
  else
    cJSON_AddNullToObject (quality, "warning_text");
  cJSON_AddItemToObject (root, "fit", quality);
  cJSON_AddItemToObject (root, "total_conversions", rdm_cli_json_number (fit->total_conversions));
  cJSON_AddItemToObject (root, "total_value", value_json (fit, fit->total_value));
  cJSON_AddItemToObject (root, "period", period_json (fit, data));
  cJSON_AddItemToObject (options, "bootstrap", rdm_cli_json_number (fit->n_replicates));
  cJSON_AddItemToObject (options, "seed", rdm_cli_json_number ((double)settings->seed));
  cJSON_AddItemToObject (options, "evaluations", rdm_cli_json_number (fit->evaluations));
  cJSON_AddItemToObject (root, "settings", options);
  cJSON *events = cJSON_AddArrayToObject (root, "events");

  for (guint e = 0; e < data->n_events; e++)
    {
      cJSON *event = cJSON_CreateObject ();
      g_autofree char *first
          = rdm_cli_format_day (fit->first_day + (gint64)data->events[e].first * SECONDS_PER_DAY);
      g_autofree char *last
          = rdm_cli_format_day (fit->first_day + (gint64)data->events[e].last * SECONDS_PER_DAY);

      cJSON_AddStringToObject (event, "label", data->events[e].label);
      cJSON_AddStringToObject (event, "from", first);
      cJSON_AddStringToObject (event, "to", last);
      cJSON_AddItemToObject (event, "effect_per_day", rdm_cli_json_number (fit->event_effects[e]));
      cJSON_AddItemToArray (events, event);
    }
  cJSON_AddItemToObject (root, "decomposition", decomposition_json (fit));
  return rdm_cli_print_json (root, error);
}

static void
print_mmm_csv (const RdmMmmFit *fit)
{
  g_autoptr (RdmCsvWriter) csv = rdm_csv_writer_new ();

  rdm_cli_csv_header (csv, "channel,spend,contribution,ci_low,ci_high,contribution_value,roi,"
                           "roi_low,roi_high,marginal_roi,adstock,half_saturation,shape,warnings");
  for (guint c = 0; c < fit->n_channels; c++)
    {
      const RdmMmmChannel *channel = &fit->channels[c];
      g_auto (GStrv) warnings = rdm_mmm_warning_names (channel->warnings);
      g_autofree char *warning_list = g_strjoinv (" ", warnings);
      const double numbers[] = {
        channel->spend,
        channel->contribution.estimate,
        channel->contribution.low,
        channel->contribution.high,
        channel->contribution_value.estimate,
        channel->roi.estimate,
        channel->roi.low,
        channel->roi.high,
        channel->marginal_roi.estimate,
        channel->adstock.estimate,
        channel->half_saturation.estimate,
        channel->shape.estimate,
      };

      rdm_csv_writer_add_text (csv, channel->channel);
      for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
        {
          /* ROIs of a channel without spend, and money without values,
           * are unknown */
          gboolean unknown = (i >= 4 && i <= 8) && (!fit->has_value || channel->spend <= 0.0);

          if (unknown)
            rdm_csv_writer_add_text (csv, "");
          else
            rdm_csv_writer_add_number (csv, numbers[i]);
        }
      rdm_csv_writer_add_text (csv, warning_list);
      rdm_csv_writer_end_row (csv);
    }
  rdm_cli_print_csv (csv);
}

static char *
format_percent (double share)
{
  g_autofree char *number = rdm_format_fixed (100.0 * share, 0);

  return g_strdup_printf ("%s %%", number);
}

static char *
format_interval (const RdmMmmEstimate *estimate, int decimals)
{
  g_autofree char *value = rdm_format_fixed (estimate->estimate, decimals);
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;

  if (estimate->low == estimate->high)
    return g_steal_pointer (&value);
  low = rdm_format_fixed (estimate->low, decimals);
  high = rdm_format_fixed (estimate->high, decimals);
  /* TRANSLATORS: an estimate and its 95 % interval, "1 234 [1 100–1 400]" */
  return g_strdup_printf (_ ("%s [%s–%s]"), value, low, high);
}

static char *
format_roi (const RdmMmmFit *fit, const RdmMmmChannel *channel, const RdmMmmEstimate *roi)
{
  RdmMmmEstimate percent = { 100.0 * roi->estimate, 100.0 * roi->low, 100.0 * roi->high };
  g_autofree char *text = NULL;

  if (!fit->has_value || channel->spend <= 0.0)
    return g_strdup ("—");
  text = format_interval (&percent, 0);
  return g_strdup_printf ("%s %%", text);
}

static void
print_mmm_table (const RdmMmmFit *fit, const RdmMediaMixData *data)
{
  g_autoptr (RdmCliTable) table = rdm_cli_table_new ("lrrrrrrrr");
  g_autofree char *first = rdm_format_day (fit->first_day);
  g_autofree char *last
      = rdm_format_day (fit->first_day + (gint64)(fit->n_days - 1) * SECONDS_PER_DAY);
  g_autofree char *r2 = rdm_format_fixed (fit->r2, 2);
  g_autofree char *mape = format_percent (fit->mape);
  g_autofree char *nrmse = rdm_format_fixed (fit->nrmse, 3);
  g_autofree char *baseline = format_interval (&fit->baseline, 0);
  g_autofree char *baseline_share
      = format_percent (fit->baseline.estimate / fit->total_conversions);
  g_autofree char *fit_warning = rdm_mmm_describe_fit (fit);

  g_print (_ ("Media mix from %s to %s (%u days), outcomes from %s\n"), first, last, fit->n_days,
           data->from_event_log ? _ ("the event log") : _ ("the daily outcomes"));
  g_print (g_dngettext (GETTEXT_PACKAGE, "Fit on the %u held-out week: R² %s, MAPE %s, NRMSE %s\n",
                        "Fit on the %u held-out weeks: R² %s, MAPE %s, NRMSE %s\n",
                        fit->holdout_days / 7),
           fit->holdout_days / 7, r2, mape, nrmse);
  if (fit_warning != NULL)
    g_print ("%s\n", fit_warning);
  g_print ("\n");
  rdm_cli_table_add (table, _ ("Channel"));
  rdm_cli_table_add (table, _ ("Spend"));
  rdm_cli_table_add (table, _ ("Contribution [95 %]"));
  rdm_cli_table_add (table, _ ("Share"));
  rdm_cli_table_add (table, _ ("ROI [95 %]"));
  rdm_cli_table_add (table, _ ("Marginal ROI"));
  rdm_cli_table_add (table, _ ("Carry-over"));
  rdm_cli_table_add (table, _ ("Half saturation"));
  rdm_cli_table_add (table, _ ("Shape"));
  rdm_cli_table_end_row (table);
  for (guint c = 0; c < fit->n_channels; c++)
    {
      const RdmMmmChannel *channel = &fit->channels[c];
      RdmMmmEstimate marginal = channel->marginal_roi;

      marginal.low = marginal.high = marginal.estimate;
      rdm_cli_table_add (table, channel->channel);
      rdm_cli_table_take (table, rdm_format_amount (channel->spend));
      rdm_cli_table_take (table, format_interval (&channel->contribution, 0));
      rdm_cli_table_take (table,
                          format_percent (channel->contribution.estimate / fit->total_conversions));
      rdm_cli_table_take (table, format_roi (fit, channel, &channel->roi));
      rdm_cli_table_take (table, format_roi (fit, channel, &marginal));
      rdm_cli_table_take (table, rdm_format_fixed (channel->adstock.estimate, 2));
      rdm_cli_table_take (table, rdm_format_amount (channel->half_saturation.estimate));
      rdm_cli_table_take (table, rdm_format_fixed (channel->shape.estimate, 2));
      rdm_cli_table_end_row (table);
    }
  rdm_cli_table_add (table, _ ("Baseline"));
  rdm_cli_table_add (table, "");
  rdm_cli_table_take (table, g_steal_pointer (&baseline));
  rdm_cli_table_take (table, g_steal_pointer (&baseline_share));
  for (guint i = 0; i < 5; i++)
    rdm_cli_table_add (table, "");
  rdm_cli_table_end_row (table);
  rdm_cli_table_print (table);
  for (guint e = 0; e < data->n_events; e++)
    {
      g_autofree char *effect = rdm_format_fixed (fit->event_effects[e], 1);

      g_print (_ ("\nThe event “%s” moved the baseline by %s conversions a day."),
               data->events[e].label, effect);
    }
  for (guint c = 0; c < fit->n_channels; c++)
    {
      g_autofree char *warnings = rdm_mmm_describe_warnings (fit, c);

      if (warnings != NULL)
        /* TRANSLATORS: a channel, then why its numbers are not to be
         * trusted */
        g_print (_ ("\n%s: %s"), fit->channels[c].channel, warnings);
    }
  g_print ("\n%s\n", _ ("Contribution: the conversions the channel’s spend brought; the "
                        "baseline’s are those that would have come without any media."));
}

gboolean
rdm_cli_mmm (int argc, char **argv, GError **error)
{
  g_auto (FitOptions) options = { 0 };
  g_autofree GOptionEntry *entries = fit_option_entries (&options, NULL);
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (RdmMediaMixData) data = NULL;
  g_autoptr (RdmMmmFit) fit = NULL;
  RdmOutputFormat format;
  RdmMmmOptions settings = RDM_MMM_OPTIONS_INIT;

  context = rdm_cli_option_context_new (
      "mmm", "PROJECT",
      _ ("Fit a media-mix model on daily media spend and daily outcomes: each channel’s "
         "contribution, ROI and response curve, with 95 % intervals and the fit on held-out "
         "weeks."),
      entries);
  if (!rdm_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2)
    return rdm_cli_usage_error (error, _ ("mmm needs a project: rendement-cli mmm PROJECT"));
  fit = fit_project (argv[1], &options, NULL, NULL, &format, &data, error);
  if (fit == NULL)
    return FALSE;
  if (options.seed_text != NULL)
    settings.seed = g_ascii_strtoull (options.seed_text, NULL, 10);
  switch (format)
    {
    case RDM_OUTPUT_JSON:
      return print_mmm_json (fit, data, &settings, error);
    case RDM_OUTPUT_CSV:
      print_mmm_csv (fit);
      return TRUE;
    case RDM_OUTPUT_TABLE:
    default:
      print_mmm_table (fit, data);
      return TRUE;
    }
}

/* "CHANNEL=AMOUNT" options into @bounds (NaN where not given). */
static gboolean
parse_bounds (
    const char *option, char **texts, const RdmMediaMixData *data, double *bounds, GError **error)
{
  for (guint c = 0; c < data->n_channels; c++)
    bounds[c] = NAN;
  for (guint i = 0; texts != NULL && texts[i] != NULL; i++)
    {
      const char *equals = strrchr (texts[i], '=');
      g_autofree char *name = NULL;
      guint c;

      if (equals == NULL)
        return rdm_cli_usage_error (error, _ ("%s expects CHANNEL=AMOUNT, got “%s”"), option,
                                    texts[i]);
      name = g_strndup (texts[i], equals - texts[i]);
      for (c = 0; c < data->n_channels; c++)
        if (g_str_equal (data->channels[c], name))
          break;
      if (c == data->n_channels)
        {
          g_autoptr (GString) known = g_string_new (NULL);

          for (guint k = 0; k < data->n_channels; k++)
            g_string_append_printf (known, "%s%s", k > 0 ? ", " : "", data->channels[k]);
          return rdm_cli_usage_error (
              error, _ ("%s: no channel “%s” has media spend; the channels are %s"), option, name,
              known->str);
        }
      if (!rdm_cli_parse_number (option, equals + 1, &bounds[c], error))
        return FALSE;
      if (bounds[c] < 0.0)
        return rdm_cli_usage_error (error, _ ("%s: %s’s amount cannot be below 0"), option, name);
    }
  return TRUE;
}

/* --min and --max, read against the data's channels before the fit. */
typedef struct
{
  char **lowest;
  char **highest;
  double *lower;
  double *upper;
} Bounds;

static void
bounds_clear (Bounds *bounds)
{
  g_free (bounds->lower);
  g_free (bounds->upper);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Bounds, bounds_clear)

static gboolean
check_bounds (const RdmMediaMixData *data, gpointer user_data, GError **error)
{
  Bounds *bounds = user_data;

  bounds->lower = g_new (double, MAX (data->n_channels, 1));
  bounds->upper = g_new (double, MAX (data->n_channels, 1));
  return parse_bounds ("--min", bounds->lowest, data, bounds->lower, error)
         && parse_bounds ("--max", bounds->highest, data, bounds->upper, error);
}

static cJSON *
plan_side_json (const RdmMmmFit *fit,
                const RdmBudgetPlan *plan,
                const double *spend,
                const RdmMmmEstimate *expected,
                gboolean proposed)
{
  cJSON *side = cJSON_CreateObject ();
  cJSON *rows = cJSON_AddArrayToObject (side, "rows");

  for (guint c = 0; c < plan->n_channels; c++)
    {
      cJSON *row = cJSON_CreateObject ();

      cJSON_AddStringToObject (row, "channel", fit->channels[c].channel);
      cJSON_AddItemToObject (row, "spend", rdm_cli_json_number (spend[c]));
      if (proposed)
        {
          cJSON_AddItemToObject (row, "change", rdm_cli_json_number (spend[c] - plan->current[c]));
          cJSON_AddItemToObject (row, "min", rdm_cli_json_number (plan->lower[c]));
          cJSON_AddItemToObject (row, "max", rdm_cli_json_number (plan->upper[c]));
        }
      cJSON_AddItemToArray (rows, row);
    }
  cJSON_AddItemToObject (side, "expected", rdm_cli_json_number (expected->estimate));
  cJSON_AddItemToObject (side, "ci_low", rdm_cli_json_number (expected->low));
  cJSON_AddItemToObject (side, "ci_high", rdm_cli_json_number (expected->high));
  cJSON_AddItemToObject (side, "expected_value",
                         value_json (fit, expected->estimate * plan->value_per_conversion));
  return side;
}

static gboolean
print_budget_json (const RdmMmmFit *fit, const RdmBudgetPlan *plan, GError **error)
{
  g_autoptr (cJSON) root = cJSON_CreateObject ();
  double gain = plan->gain.estimate;
  g_autofree char *fit_warning = rdm_mmm_describe_fit (fit);
  g_autofree char *gain_text = rdm_budget_describe_gain (plan);

  cJSON_AddItemToObject (root, "weeks", rdm_cli_json_number (plan->days / 7));
  cJSON_AddItemToObject (root, "total", rdm_cli_json_number (plan->total));
  cJSON_AddItemToObject (root, "current",
                         plan_side_json (fit, plan, plan->current, &plan->current_expected, FALSE));
  cJSON_AddItemToObject (
      root, "proposed", plan_side_json (fit, plan, plan->proposed, &plan->proposed_expected, TRUE));
  cJSON_AddItemToObject (root, "gain", rdm_cli_json_number (gain));
  cJSON_AddItemToObject (root, "gain_value", value_json (fit, gain * plan->value_per_conversion));
  cJSON_AddItemToObject (root, "gain_ci_low", rdm_cli_json_number (plan->gain.low));
  cJSON_AddItemToObject (root, "gain_ci_high", rdm_cli_json_number (plan->gain.high));
  cJSON_AddItemToObject (root, "optimism", rdm_cli_json_number (plan->optimism));
  cJSON_AddStringToObject (root, "gain_note", gain_text);
  cJSON_AddItemToObject (root, "bootstrap", rdm_cli_json_number (fit->n_replicates));
  cJSON_AddItemToObject (root, "fit_r2", rdm_cli_json_number (fit->r2));
  if (fit_warning != NULL)
    cJSON_AddStringToObject (root, "fit_warning", fit_warning);
  else
    cJSON_AddNullToObject (root, "fit_warning");
  return rdm_cli_print_json (root, error);
}

static void
print_budget_csv (const RdmMmmFit *fit, const RdmBudgetPlan *plan)
{
  g_autoptr (RdmCsvWriter) csv = rdm_csv_writer_new ();

  rdm_cli_csv_header (csv, "channel,current,proposed,change,min,max");
  for (guint c = 0; c < plan->n_channels; c++)
    {
      rdm_csv_writer_add_text (csv, fit->channels[c].channel);
      rdm_csv_writer_add_number (csv, plan->current[c]);
      rdm_csv_writer_add_number (csv, plan->proposed[c]);
      rdm_csv_writer_add_number (csv, plan->proposed[c] - plan->current[c]);
      rdm_csv_writer_add_number (csv, plan->lower[c]);
      rdm_csv_writer_add_number (csv, plan->upper[c]);
      rdm_csv_writer_end_row (csv);
    }
  rdm_cli_print_csv (csv);
}

static void
print_budget_table (const RdmMmmFit *fit, const RdmBudgetPlan *plan)
{
  g_autoptr (RdmCliTable) table = rdm_cli_table_new ("lrrrrr");
  g_autofree char *total = rdm_format_amount (plan->total);
  g_autofree char *current = format_interval (&plan->current_expected, 0);
  g_autofree char *proposed = format_interval (&plan->proposed_expected, 0);
  g_autofree char *gain_text = rdm_budget_describe_gain (plan);

  g_autofree char *fit_warning = rdm_mmm_describe_fit (fit);

  g_print (g_dngettext (GETTEXT_PACKAGE, "Budget of %s over %u week\n",
                        "Budget of %s over %u weeks\n", plan->days / 7),
           total, plan->days / 7);
  if (fit_warning != NULL)
    g_print ("%s\n", fit_warning);
  g_print ("\n");
  rdm_cli_table_add (table, _ ("Channel"));
  rdm_cli_table_add (table, _ ("Today’s split"));
  rdm_cli_table_add (table, _ ("Proposed"));
  rdm_cli_table_add (table, _ ("Change"));
  rdm_cli_table_add (table, _ ("Lowest"));
  rdm_cli_table_add (table, _ ("Highest"));
  rdm_cli_table_end_row (table);
  for (guint c = 0; c < plan->n_channels; c++)
    {
      rdm_cli_table_add (table, fit->channels[c].channel);
      rdm_cli_table_take (table, rdm_format_amount (plan->current[c]));
      rdm_cli_table_take (table, rdm_format_amount (plan->proposed[c]));
      rdm_cli_table_take (table, rdm_format_amount (plan->proposed[c] - plan->current[c]));
      rdm_cli_table_take (table, rdm_format_amount (plan->lower[c]));
      rdm_cli_table_take (table, rdm_format_amount (plan->upper[c]));
      rdm_cli_table_end_row (table);
    }
  rdm_cli_table_print (table);
  g_print ("\n");
  g_print (_ ("Conversions from media, today’s split: %s\n"), current);
  g_print (_ ("Conversions from media, proposed split: %s\n"), proposed);
  g_print ("%s\n", _ ("Expected over the plan under the fitted response curves, averaged over "
                      "the bootstrap’s curves, with their 95 % interval."));
  g_print ("%s\n", gain_text);
}

gboolean
rdm_cli_budget (int argc, char **argv, GError **error)
{
  g_auto (FitOptions) options = { 0 };
  g_autofree char *total_text = NULL;
  g_autofree char *weeks_text = NULL;
  g_auto (GStrv) lowest = NULL;
  g_auto (GStrv) highest = NULL;
  const GOptionEntry budget_entries[]
      = { { "total", 0, 0, G_OPTION_ARG_STRING, &total_text,
            N_ ("The budget to split over the plan (default: today’s spend over the same weeks)"),
            "AMOUNT" },
          { "weeks", 0, 0, G_OPTION_ARG_STRING, &weeks_text,
            N_ ("The plan’s length in weeks; today’s split is the spend of the last as many weeks "
                "(default 13)"),
            "N" },
          { "min", 0, 0, G_OPTION_ARG_STRING_ARRAY, &lowest,
            N_ ("A channel’s lowest spend over the plan (default: half of today’s); repeatable"),
            "CHANNEL=AMOUNT" },
          { "max", 0, 0, G_OPTION_ARG_STRING_ARRAY, &highest,
            N_ ("A channel’s highest spend over the plan (default: twice today’s); repeatable"),
            "CHANNEL=AMOUNT" },
          G_OPTION_ENTRY_NULL };
  g_autofree GOptionEntry *entries = fit_option_entries (&options, budget_entries);
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (RdmMediaMixData) data = NULL;
  g_autoptr (RdmMmmFit) fit = NULL;
  g_autoptr (RdmBudgetPlan) plan = NULL;
  g_autofree double *lower = NULL;
  g_autofree double *upper = NULL;
  RdmBudgetRequest request = { RDM_BUDGET_DEFAULT_WEEKS, NAN, NULL, NULL };
  g_auto (Bounds) bounds = { 0 };
  RdmOutputFormat format;
  gint64 weeks;

  context = rdm_cli_option_context_new (
      "budget", "PROJECT",
      _ ("Split a budget between the channels to bring the most conversions under the media-mix "
         "model’s response curves, against today’s split."),
      entries);
  if (!rdm_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2)
    return rdm_cli_usage_error (error, _ ("budget needs a project: rendement-cli budget PROJECT"));
  if (weeks_text != NULL)
    {
      if (!rdm_cli_parse_integer ("--weeks", weeks_text, 1, MAX_PLAN_WEEKS, &weeks, error))
        return FALSE;
      request.weeks = (guint)weeks;
    }
  if (total_text != NULL)
    {
      if (!rdm_cli_parse_number ("--total", total_text, &request.total, error))
        return FALSE;
      if (request.total < 0.0)
        return rdm_cli_usage_error (error, _ ("--total cannot be below 0"));
    }
  bounds.lowest = lowest;
  bounds.highest = highest;
  fit = fit_project (argv[1], &options, check_bounds, &bounds, &format, &data, error);
  if (fit == NULL)
    return FALSE;
  lower = g_steal_pointer (&bounds.lower);
  upper = g_steal_pointer (&bounds.upper);
  request.lower = lower;
  request.upper = upper;
  plan = rdm_budget_plan (fit, data->spend, &request, error);
  if (plan == NULL)
    return FALSE;
  switch (format)
    {
    case RDM_OUTPUT_JSON:
      return print_budget_json (fit, plan, error);
    case RDM_OUTPUT_CSV:
      print_budget_csv (fit, plan);
      return TRUE;
    case RDM_OUTPUT_TABLE:
    default:
      print_budget_table (fit, plan);
      return TRUE;
    }
}
