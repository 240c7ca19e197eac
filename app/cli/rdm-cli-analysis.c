/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The options every analysing command shares, and loading what they
 * analyse, so that "attribute", "paths", "roi" and "chart" read the same
 * journeys from the same settings — and the window, which builds the same
 * RdmPathOptions and RdmModelOptions, gets the same numbers.
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "rdm-bootstrap.h"
#include "rdm-cli-analysis.h"
#include "rdm-warehouse.h"
#include "rdm-csv.h"
#include "rdm-period.h"

#define SECONDS_PER_DAY 86400

void
rdm_cli_analysis_init (RdmCliAnalysis *analysis, const char *default_models)
{
  *analysis = (RdmCliAnalysis){ 0 };
  /* GOption replaces a string option's pointer without freeing what it
   * pointed to, so the default is kept apart rather than pre-filled */
  analysis->default_models = default_models;
  analysis->seed = RDM_BOOTSTRAP_DEFAULT_SEED;
  analysis->threads = 0;
  analysis->models = g_array_new (FALSE, FALSE, sizeof (RdmModel));
  analysis->help_texts = g_ptr_array_new_with_free_func (g_free);
  rdm_attribution_request_init (&analysis->request);
  /* unset until typed (see rdm_cli_analysis_finish) */
  analysis->request.path.click_window_days = RDM_CLI_UNSET_DOUBLE;
  analysis->request.path.view_window_days = RDM_CLI_UNSET_DOUBLE;
}

void
rdm_cli_analysis_clear (RdmCliAnalysis *analysis)
{
  g_clear_pointer (&analysis->models_text, g_free);
  g_clear_pointer (&analysis->weights_text, g_free);
  g_clear_pointer (&analysis->multiplier_texts, g_strfreev);
  g_clear_pointer (&analysis->direction_text, g_free);
  g_clear_pointer (&analysis->from_text, g_free);
  g_clear_pointer (&analysis->to_text, g_free);
  g_clear_pointer (&analysis->period_text, g_free);
  g_clear_pointer (&analysis->by_text, g_free);
  g_clear_pointer (&analysis->format_text, g_free);
  g_clear_pointer (&analysis->untested_text, g_free);
  g_clear_pointer (&analysis->shared_costs_text, g_free);
  rdm_shared_rule_clear (&analysis->shared_rule);
  g_clear_pointer (&analysis->models, g_array_unref);
  g_clear_pointer (&analysis->help_texts, g_ptr_array_unref);
  rdm_attribution_request_clear (&analysis->request);
}

const char *
rdm_cli_analysis_help_with_default (RdmCliAnalysis *analysis,
                                    const char *format,
                                    guint n_values,
                                    ...)
{
  g_autoptr (GString) values = g_string_new (NULL);
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  va_list args;
  GString *text;

  va_start (args, n_values);
  for (guint i = 0; i < n_values; i++)
    {
      if (i > 0)
        g_string_append_c (values, ',');
      g_string_append (values,
                       g_ascii_formatd (number, sizeof number, "%g", va_arg (args, double)));
    }
  va_end (args);
  text = g_string_new (_ (format));
  g_string_replace (text, "%s", values->str, 1);
  g_ptr_array_add (analysis->help_texts, text->str);
  return g_string_free (text, FALSE);
}

void
rdm_cli_analysis_add_entries (RdmCliAnalysis *analysis,
                              GOptionContext *context,
                              gboolean with_models,
                              const GOptionEntry *extra)
{
  const GOptionEntry path_entries[] = {
    { "direction", 0, 0, G_OPTION_ARG_STRING, &analysis->direction_text,
      N_ ("backward (credit per conversion, default) or forward (influence per exposure)"), "DIR" },
    { "click-window", 0, 0, G_OPTION_ARG_DOUBLE, &analysis->request.path.click_window_days,
      rdm_cli_analysis_help_with_default (
          analysis, N_ ("Days a click or visit may precede a conversion (default %s)"), 1,
          (double)RDM_PATH_DEFAULT_CLICK_WINDOW_DAYS),
      "DAYS" },
    { "view-window", 0, 0, G_OPTION_ARG_DOUBLE, &analysis->request.path.view_window_days,
      rdm_cli_analysis_help_with_default (
          analysis, N_ ("Days an unclicked impression may precede a conversion (default %s)"), 1,
          (double)RDM_PATH_DEFAULT_VIEW_WINDOW_DAYS),
      "DAYS" },
    { "forward-window", 0, 0, G_OPTION_ARG_DOUBLE, &analysis->request.path.forward_window_days,
      rdm_cli_analysis_help_with_default (
          analysis, N_ ("Forward direction: days after an exposure (default %s)"), 1,
          (double)RDM_PATH_DEFAULT_FORWARD_WINDOW_DAYS),
      "DAYS" },
    { "no-restart", 0, 0, G_OPTION_ARG_NONE, &analysis->no_restart,
      N_ ("Do not start a new path after each conversion"), NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, &analysis->from_text,
      N_ ("First day of the evaluation period (conversions from this date)"), "DATE" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &analysis->to_text,
      N_ ("Last day of the evaluation period, included"), "DATE" },
    { "period", 0, 0, G_OPTION_ARG_STRING, &analysis->period_text,
      N_ ("Evaluation period as a quarter, month or year (2026Q2, 2026-05, 2026), or all "
          "for all the data"),
      "PERIOD" },
    { "event", 0, 0, G_OPTION_ARG_STRING_ARRAY, &analysis->request.path.events,
      N_ ("Conversion event to analyse (repeatable; default all)"), "NAME" },
    { "segment", 0, 0, G_OPTION_ARG_STRING, &analysis->request.path.segment,
      N_ ("Only the visitors of this saved segment"), "NAME" },
    { "by", 0, 0, G_OPTION_ARG_STRING, &analysis->by_text,
      N_ ("Credit channels (default), campaigns or channel groups"), "channel|campaign|group" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &analysis->format_text,
      N_ ("Output format: table (default), json or csv"), "FORMAT" },
    G_OPTION_ENTRY_NULL
  };
  const GOptionEntry model_entries[] = {
    { "model", 'm', 0, G_OPTION_ARG_STRING, &analysis->models_text,
      N_ ("Models, comma-separated: first last last-non-direct linear position time-decay "
          "position-decay custom markov shapley"),
      "M[,M…]" },
    { "order", 0, 0, G_OPTION_ARG_INT, &analysis->request.model.markov_order,
      rdm_cli_analysis_help_with_default (analysis, N_ ("Markov chain order, 1 to 4 (default %s)"),
                                          1, (double)RDM_MODEL_DEFAULT_MARKOV_ORDER),
      "K" },
    { "half-life", 0, 0, G_OPTION_ARG_DOUBLE, &analysis->request.model.half_life_days,
      rdm_cli_analysis_help_with_default (analysis,
                                          N_ ("Time decay half-life in days (default %s)"), 1,
                                          (double)RDM_MODEL_DEFAULT_HALF_LIFE_DAYS),
      "DAYS" },
    { "weights", 0, 0, G_OPTION_ARG_STRING, &analysis->weights_text,
      rdm_cli_analysis_help_with_default (
          analysis, N_ ("Position and custom models: first, middle and last weights (default %s)"),
          3, RDM_MODEL_DEFAULT_FIRST_PERCENT / 100.0, RDM_MODEL_DEFAULT_MIDDLE_PERCENT / 100.0,
          RDM_MODEL_DEFAULT_LAST_PERCENT / 100.0),
      "F,M,L" },
    { "multiplier", 0, 0, G_OPTION_ARG_STRING_ARRAY, &analysis->multiplier_texts,
      N_ ("Custom model: multiply a channel’s weight (repeatable)"), "CHANNEL=FACTOR" },
    { "click-priority", 0, 0, G_OPTION_ARG_NONE, &analysis->request.model.click_priority,
      N_ ("Drop impressions from paths that have a click"), NULL },
    { "view-weight", 0, 0, G_OPTION_ARG_DOUBLE, &analysis->request.model.view_weight,
      rdm_cli_analysis_help_with_default (
          analysis, N_ ("Weight of an impression relative to a click, 0 to 1 (default %s)"), 1,
          RDM_MODEL_DEFAULT_VIEW_PERCENT / 100.0),
      "W" },
    { "bootstrap", 0, 0, G_OPTION_ARG_INT, &analysis->bootstrap,
      N_ ("Resample visitors N times for 95% confidence intervals"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &analysis->seed,
      rdm_cli_analysis_help_with_default (analysis,
                                          N_ ("Seed of the bootstrap’s resampling (default %s)"), 1,
                                          (double)RDM_BOOTSTRAP_DEFAULT_SEED),
      "S" },
    { "threads", 0, 0, G_OPTION_ARG_INT, &analysis->threads,
      N_ ("Bootstrap threads (default: one per processor)"), "N" },
    G_OPTION_ENTRY_NULL
  };

  if (extra != NULL)
    g_option_context_add_main_entries (context, extra, GETTEXT_PACKAGE);
  if (with_models)
    g_option_context_add_main_entries (context, model_entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, path_entries, GETTEXT_PACKAGE);
}

void
rdm_cli_analysis_add_calibration_entries (RdmCliAnalysis *analysis, GOptionContext *context)
{
  const GOptionEntry entries[] = {
    { "calibrate", 0, 0, G_OPTION_ARG_NONE, &analysis->calibrate,
      N_ ("Scale each model’s credit by the project’s experiments (import --kind experiments); "
          "what it removes goes to a Baseline row"),
      NULL },
    { "untested", 0, 0, G_OPTION_ARG_STRING, &analysis->untested_text,
      N_ ("With --calibrate, channels without an experiment take the mean factor of the tested "
          "ones (mean, default) or keep their credit (keep)"),
      "keep|mean" },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

void
rdm_cli_analysis_add_shared_costs_entry (RdmCliAnalysis *analysis, GOptionContext *context)
{
  const GOptionEntry entries[]
      = { { "shared-costs", 0, 0, G_OPTION_ARG_STRING, &analysis->shared_costs_text,
            N_ ("How costs of no one channel (an agency fee) are allocated: in proportion to media "
                "spend (media), equally among the active channels (even) or to a channel group "
                "(group=NAME); default: the project’s setting, else media"),
            "media|even|group=NAME" },
          G_OPTION_ENTRY_NULL };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

gboolean
rdm_cli_analysis_load_shared_rule (RdmCliAnalysis *analysis, RdmProject *project, GError **error)
{
  g_auto (RdmAnalysisConfig) config = { 0 };
  GError *rule_error = NULL;

  if (analysis->shared_costs_text != NULL)
    {
      if (rdm_shared_rule_parse (analysis->shared_costs_text, &analysis->shared_rule, &rule_error))
        return TRUE;
      g_propagate_error (
          error, g_error_new_literal (RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE, rule_error->message));
      g_error_free (rule_error);
      return FALSE;
    }
  rdm_analysis_config_init (&config);
  /* a saved value that is no rule was refused when read: "media" stays */
  if (!rdm_project_load_analysis_config (project, &config, NULL, error))
    return FALSE;
  rdm_shared_rule_parse (config.shared_costs, &analysis->shared_rule, NULL);
  return TRUE;
}

gboolean
rdm_cli_analysis_parse (GOptionContext *context, int *argc, char ***argv, GError **error)
{
  if (!rdm_cli_parse (context, argc, argv, error))
    return FALSE;
  if (*argc != 2)
    {
      /* the program name is "rendement-cli COMMAND" */
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("%s takes one project file; see %s --help"), g_get_prgname (),
                   g_get_prgname ());
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_models (RdmCliAnalysis *analysis, const char *text, GError **error)
{
  g_auto (GStrv) names = g_strsplit (text, ",", -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      RdmModel model;

      g_strstrip (names[i]);
      if (!rdm_model_from_string (names[i], &model))
        return rdm_cli_usage_error (
            error,
            _ ("Unknown model “%s”: expected first, last, last-non-direct, "
               "linear, position, time-decay, position-decay, custom, markov "
               "or shapley"),
            names[i]);
      for (guint j = 0; j < analysis->models->len; j++)
        if (g_array_index (analysis->models, RdmModel, j) == model)
          return rdm_cli_usage_error (error, _ ("Model “%s” is named twice"), names[i]);
      g_array_append_val (analysis->models, model);
    }
  if (analysis->models->len == 0)
    return rdm_cli_usage_error (error, _ ("--model needs at least one model name"));
  return TRUE;
}

static gboolean
parse_number (const char *text, double *value)
{
  char *end = NULL;

  *value = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && isfinite (*value);
}

static gboolean
parse_weights (RdmCliAnalysis *analysis, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (analysis->weights_text, ",", -1);
  double weights[3];

  if (g_strv_length (parts) != 3)
    return rdm_cli_usage_error (error, _ ("--weights expects three numbers F,M,L, got “%s”"),
                                analysis->weights_text);
  for (guint i = 0; i < 3; i++)
    if (!parse_number (g_strstrip (parts[i]), &weights[i]))
      return rdm_cli_usage_error (error, _ ("--weights: “%s” is not a number"), parts[i]);
  analysis->request.model.first_weight = weights[0];
  analysis->request.model.middle_weight = weights[1];
  analysis->request.model.last_weight = weights[2];
  return TRUE;
}

static gboolean
parse_multipliers (RdmCliAnalysis *analysis, GError **error)
{
  for (guint i = 0; analysis->multiplier_texts[i] != NULL; i++)
    {
      const char *text = analysis->multiplier_texts[i];
      const char *equals = strrchr (text, '=');
      g_autofree char *label = NULL;
      double factor;

      if (equals == NULL || equals == text || !parse_number (equals + 1, &factor))
        return rdm_cli_usage_error (error, _ ("--multiplier expects CHANNEL=FACTOR, got “%s”"),
                                    text);
      label = g_strndup (text, equals - text);
      rdm_model_options_set_multiplier (&analysis->request.model, label, factor);
    }
  return TRUE;
}

/* A date alone bounds whole days: --to 2026-06-30 includes that day. */
static gboolean
parse_bound (const char *option, const char *text, gboolean is_end, gint64 *out, GError **error)
{
  gint64 time;

  if (!rdm_csv_parse_time (text, &time))
    return rdm_cli_usage_error (
        error,
        _ ("%s: “%s” is not a date: expected YYYY-MM-DD, DD/MM/YYYY, an ISO 8601 "
           "time or epoch seconds"),
        option, text);
  if (is_end && strlen (text) == 10 && (text[4] == '-' || text[2] == '/'))
    time += SECONDS_PER_DAY;
  *out = time;
  return TRUE;
}

static gboolean
parse_period (RdmCliAnalysis *analysis, GError **error)
{
  if (analysis->period_text != NULL)
    {
      g_autoptr (GError) period_error = NULL;
      RdmPeriod period;

      if (analysis->from_text != NULL || analysis->to_text != NULL)
        return rdm_cli_usage_error (error, _ ("Give either --period or --from/--to, not both"));
      if (g_str_equal (analysis->period_text, "all"))
        {
          analysis->whole_data = TRUE;
          analysis->request.path.from_time = G_MININT64;
          analysis->request.path.to_time = G_MAXINT64;
          return TRUE;
        }
      if (!rdm_period_parse (analysis->period_text, &period, &period_error))
        /* TRANSLATORS: the error follows */
        return rdm_cli_usage_error (error,
                                    _ ("--period expects a quarter, a month, a year or all: %s"),
                                    period_error->message);
      analysis->period = period;
      analysis->has_period = TRUE;
      analysis->request.path.from_time = period.start;
      analysis->request.path.to_time = period.end;
      return TRUE;
    }
  if (analysis->from_text != NULL
      && !parse_bound ("--from", analysis->from_text, FALSE, &analysis->request.path.from_time,
                       error))
    return FALSE;
  if (analysis->to_text != NULL
      && !parse_bound ("--to", analysis->to_text, TRUE, &analysis->request.path.to_time, error))
    return FALSE;
  if (analysis->request.path.from_time >= analysis->request.path.to_time)
    return rdm_cli_usage_error (error,
                                _ ("The evaluation period is empty: --from must come before --to"));
  return TRUE;
}

static gboolean
check_range (const char *option, double value, double low, double high, GError **error)
{
  if (isfinite (value) && value >= low && value <= high)
    return TRUE;
  return rdm_cli_usage_error (error, _ ("%s expects a number from %g to %g"), option, low, high);
}

static gboolean
uses_model (const RdmCliAnalysis *analysis, RdmModel wanted)
{
  for (guint m = 0; m < analysis->models->len; m++)
    if (g_array_index (analysis->models, RdmModel, m) == wanted)
      return TRUE;
  return FALSE;
}

/* Model options are refused where no model of the command would read them,
 * rather than silently ignored (SPEC.md, "Command line"). An option counts
 * as given when it differs from its default: one typed with its default
 * value changes nothing either way. */
static gboolean
check_model_options_apply (const RdmCliAnalysis *analysis, GError **error)
{
  RdmModelOptions defaults;
  const char *unused = NULL;
  const char *needs = NULL;

  rdm_model_options_init (&defaults);
  if (analysis->request.path.direction == RDM_DIRECTION_FORWARD)
    {
      /* the forward direction counts influenced conversions: no model */
      if (analysis->models_text != NULL)
        return rdm_cli_usage_error (error,
                                    _ ("--model does not apply to --direction forward, which "
                                       "counts influenced conversions without a model"));
      if (analysis->request.model.markov_order != defaults.markov_order)
        unused = "--order";
      else if (analysis->request.model.half_life_days != defaults.half_life_days)
        unused = "--half-life";
      else if (analysis->weights_text != NULL)
        unused = "--weights";
      else if (analysis->multiplier_texts != NULL)
        unused = "--multiplier";
      else if (analysis->request.model.click_priority)
        unused = "--click-priority";
      else if (analysis->request.model.view_weight != defaults.view_weight)
        unused = "--view-weight";
      else if (analysis->bootstrap > 0)
        unused = "--bootstrap";
      if (unused != NULL)
        return rdm_cli_usage_error (error, _ ("%s does not apply to --direction forward"), unused);
      return TRUE;
    }
  if (analysis->request.model.markov_order != defaults.markov_order
      && !uses_model (analysis, RDM_MODEL_MARKOV))
    unused = "--order", needs = "markov";
  else if (analysis->request.model.half_life_days != defaults.half_life_days
           && !uses_model (analysis, RDM_MODEL_TIME_DECAY))
    unused = "--half-life", needs = "time-decay";
  else if (analysis->weights_text != NULL && !uses_model (analysis, RDM_MODEL_POSITION)
           && !uses_model (analysis, RDM_MODEL_CUSTOM))
    unused = "--weights", needs = "position, custom";
  else if (analysis->multiplier_texts != NULL && !uses_model (analysis, RDM_MODEL_CUSTOM))
    unused = "--multiplier", needs = "custom";
  if (unused != NULL)
    /* TRANSLATORS: an option, then model names */
    return rdm_cli_usage_error (error,
                                _ ("%s applies only to the models %s, and none of them is asked "
                                   "for with --model"),
                                unused, needs);
  return TRUE;
}

gboolean
rdm_cli_analysis_finish (RdmCliAnalysis *analysis, GError **error)
{
  if (!rdm_cli_parse_format (analysis->format_text, &analysis->format, error))
    return FALSE;
  if (analysis->models_text != NULL || analysis->default_models != NULL)
    {
      const char *models
          = analysis->models_text != NULL ? analysis->models_text : analysis->default_models;
      if (!parse_models (analysis, models, error))
        return FALSE;
    }
  if (analysis->weights_text != NULL && !parse_weights (analysis, error))
    return FALSE;
  if (analysis->multiplier_texts != NULL && !parse_multipliers (analysis, error))
    return FALSE;
  analysis->typed_windows = analysis->request.path.click_window_days != RDM_CLI_UNSET_DOUBLE
                            || analysis->request.path.view_window_days != RDM_CLI_UNSET_DOUBLE;
  if (analysis->request.path.click_window_days == RDM_CLI_UNSET_DOUBLE)
    analysis->request.path.click_window_days = RDM_PATH_DEFAULT_CLICK_WINDOW_DAYS;
  if (analysis->request.path.view_window_days == RDM_CLI_UNSET_DOUBLE)
    analysis->request.path.view_window_days = RDM_PATH_DEFAULT_VIEW_WINDOW_DAYS;
  if ((int)analysis->request.model.markov_order < 1 || analysis->request.model.markov_order > 4)
    return rdm_cli_usage_error (error, _ ("--order expects a Markov order of 1, 2, 3 or 4"));
  if (!check_range ("--view-weight", analysis->request.model.view_weight, 0, 1, error)
      || !check_range ("--click-window", analysis->request.path.click_window_days, 0, 36500, error)
      || !check_range ("--view-window", analysis->request.path.view_window_days, 0, 36500, error)
      || !check_range ("--forward-window", analysis->request.path.forward_window_days, 0, 36500,
                       error))
    return FALSE;
  if (!(isfinite (analysis->request.model.half_life_days)
        && analysis->request.model.half_life_days > 0))
    return rdm_cli_usage_error (error, _ ("--half-life expects a number of days greater than 0"));
  if (!rdm_model_options_validate (&analysis->request.model, error))
    return FALSE;

  if (analysis->direction_text == NULL || g_str_equal (analysis->direction_text, "backward"))
    analysis->request.path.direction = RDM_DIRECTION_BACKWARD;
  else if (g_str_equal (analysis->direction_text, "forward"))
    analysis->request.path.direction = RDM_DIRECTION_FORWARD;
  else
    return rdm_cli_usage_error (error, _ ("Unknown direction “%s”: expected backward or forward"),
                                analysis->direction_text);

  if (analysis->by_text == NULL || g_str_equal (analysis->by_text, "channel"))
    analysis->request.path.level = RDM_LEVEL_CHANNEL;
  else if (g_str_equal (analysis->by_text, "campaign"))
    analysis->request.path.level = RDM_LEVEL_CAMPAIGN;
  else if (g_str_equal (analysis->by_text, "group"))
    analysis->request.path.level = RDM_LEVEL_GROUP;
  else
    return rdm_cli_usage_error (
        error, _ ("Unknown level “%s”: expected channel, campaign or group"), analysis->by_text);
  analysis->request.path.restart_after_conversion = !analysis->no_restart;

  if (analysis->bootstrap < 0 || analysis->bootstrap > 100000)
    return rdm_cli_usage_error (error, _ ("--bootstrap expects 0 (none) or 2 to 100000 resamples"));
  if (analysis->bootstrap == 1)
    return rdm_cli_usage_error (error,
                                _ ("--bootstrap needs at least 2 resamples for an interval"));
  if (analysis->seed < 0)
    return rdm_cli_usage_error (error, _ ("--seed expects 0 or more"));
  if (analysis->threads < 0 || analysis->threads > 256)
    return rdm_cli_usage_error (error, _ ("--threads expects 0 (automatic) to 256"));
  if (analysis->bootstrap == 0
      && (analysis->seed != RDM_BOOTSTRAP_DEFAULT_SEED || analysis->threads != 0))
    return rdm_cli_usage_error (error, _ ("--seed and --threads apply only with --bootstrap N"));
  if (!check_model_options_apply (analysis, error))
    return FALSE;
  if (analysis->untested_text != NULL && !analysis->calibrate)
    return rdm_cli_usage_error (error, _ ("--untested applies only with --calibrate"));
  if (analysis->untested_text == NULL || g_str_equal (analysis->untested_text, "mean"))
    analysis->request.untested = RDM_UNTESTED_MEAN;
  else if (g_str_equal (analysis->untested_text, "keep"))
    analysis->request.untested = RDM_UNTESTED_KEEP;
  else
    return rdm_cli_usage_error (error,
                                _ ("Unknown value “%s” for --untested: expected keep or mean"),
                                analysis->untested_text);
  if (analysis->calibrate && analysis->request.path.direction == RDM_DIRECTION_FORWARD)
    return rdm_cli_usage_error (error,
                                _ ("--calibrate scales the credit of conversions, so it does not "
                                   "apply to --direction forward"));
  analysis->request.calibrate = analysis->calibrate;
  g_assert (analysis->models->len <= RDM_MODEL_N_MODELS);
  analysis->request.n_models = analysis->models->len;
  /* commands without --model have an empty array, whose data may be NULL */
  if (analysis->models->len > 0)
    memcpy (analysis->request.models, analysis->models->data,
            analysis->models->len * sizeof (RdmModel));
  analysis->request.resamples = (guint)analysis->bootstrap;
  analysis->request.seed = (guint64)analysis->seed;
  analysis->request.threads = (guint)analysis->threads;

  return parse_period (analysis, error);
}

gboolean
rdm_cli_analysis_refuse (gboolean given, const char *option, GError **error)
{
  if (!given)
    return TRUE;
  /* TRANSLATORS: "rendement-cli COMMAND", then an option */
  return rdm_cli_usage_error (error, _ ("%s: %s does not apply to this command"), g_get_prgname (),
                              option);
}

void
rdm_cli_data_clear (RdmCliData *data)
{
  g_clear_object (&data->project);
  rdm_attribution_journeys_clear (&data->journeys);
  rdm_attribution_data_clear (&data->source);
}

gboolean
rdm_cli_analysis_open (RdmCliAnalysis *analysis,
                       const char *project_path,
                       RdmCliData *data,
                       GError **error)
{
  const RdmPathOptions *built;
  RdmPathOptions *path = &analysis->request.path;

  *data = (RdmCliData){ 0 };
  data->project = rdm_project_open_for_reading (project_path, error);
  if (data->project == NULL
      || !rdm_attribution_data_load (data->project, &data->source, NULL, error))
    return FALSE;
  /* a path table built in a warehouse answers for its own rules: the ones
   * the user did not type are the table's, the typed ones must match them
   * (rdm_attribution_journeys_init() refuses the others) */
  built = data->source.warehouse;
  if (built == NULL)
    return TRUE;
  if (!analysis->typed_windows)
    {
      path->click_window_days = built->click_window_days;
      path->view_window_days = built->view_window_days;
    }
  if (!analysis->no_restart)
    path->restart_after_conversion = built->restart_after_conversion;
  if (analysis->period_text == NULL && analysis->from_text == NULL && analysis->to_text == NULL)
    {
      path->from_time = built->from_time;
      path->to_time = built->to_time;
    }
  if (path->events == NULL && built->events != NULL)
    path->events = g_strdupv (built->events);
  return TRUE;
}

gboolean
rdm_cli_analysis_usage_error (GError **error, GError *analysis_error)
{
  /* an option the project cannot honour (a segment of a path table) is the
   * user's to drop, as one out of range is: exit status 2 */
  if (g_error_matches (analysis_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED)
      || g_error_matches (analysis_error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_OTHER_RULES))
    {
      rdm_cli_usage_error (error, "%s", analysis_error->message);
      g_error_free (analysis_error);
    }
  else
    g_propagate_error (error, analysis_error);
  return FALSE;
}

gboolean
rdm_cli_analysis_load (RdmCliAnalysis *analysis,
                       const char *project_path,
                       RdmCliData *data,
                       GError **error)
{
  GError *journeys_error = NULL;

  if (!rdm_cli_analysis_open (analysis, project_path, data, error))
    return FALSE;
  if (rdm_attribution_journeys_init (&data->journeys, data->project, &data->source,
                                     &analysis->request.path, NULL, &journeys_error))
    return TRUE;
  return rdm_cli_analysis_usage_error (error, journeys_error);
}

static cJSON *
time_json (gint64 time, gboolean unbounded)
{
  g_autoptr (GDateTime) date = NULL;

  if (unbounded)
    return cJSON_CreateNull ();
  date = g_date_time_new_from_unix_utc (time);
  if (date == NULL)
    return cJSON_CreateNull ();
  {
    g_autofree char *text = g_date_time_format_iso8601 (date);
    return cJSON_CreateString (text);
  }
}

cJSON *
rdm_cli_analysis_settings_json (const RdmCliAnalysis *analysis, const RdmCliData *data)
{
  const RdmPathOptions *path = &analysis->request.path;
  const RdmModelOptions *model = &analysis->request.model;
  cJSON *settings = cJSON_CreateObject ();
  gboolean from_events = data->source.store != NULL;
  /* a warehouse's table states the settings it was built with */
  gboolean has_paths_settings = from_events || data->source.warehouse != NULL;

  cJSON_AddStringToObject (settings, "source",
                           from_events                      ? "events"
                           : data->source.warehouse != NULL ? "warehouse"
                                                            : "path_table");
  if (data->source.warehouse != NULL)
    path = data->source.warehouse;
  cJSON_AddStringToObject (settings, "direction",
                           path->direction == RDM_DIRECTION_FORWARD ? "forward" : "backward");
  cJSON_AddStringToObject (settings, "by", rdm_cli_level_key (analysis->request.path.level));
  if (has_paths_settings)
    {
      cJSON *events = cJSON_AddArrayToObject (settings, "events");

      cJSON_AddItemToObject (settings, "click_window_days",
                             rdm_cli_json_number (path->click_window_days));
      cJSON_AddItemToObject (settings, "view_window_days",
                             rdm_cli_json_number (path->view_window_days));
      if (from_events)
        cJSON_AddItemToObject (settings, "forward_window_days",
                               rdm_cli_json_number (path->forward_window_days));
      cJSON_AddBoolToObject (settings, "restart_after_conversion", path->restart_after_conversion);
      cJSON_AddItemToObject (settings, "from",
                             time_json (path->from_time, path->from_time == G_MININT64));
      cJSON_AddItemToObject (settings, "to",
                             time_json (path->to_time, path->to_time == G_MAXINT64));
      for (guint i = 0; path->events != NULL && path->events[i] != NULL; i++)
        cJSON_AddItemToArray (events, cJSON_CreateString (path->events[i]));
    }
  else
    cJSON_AddStringToObject (settings, "note",
                             _ ("An imported path table has no touch times: windows, the "
                                "evaluation period, events and time decay do not apply."));
  if (path->segment != NULL)
    {
      cJSON_AddStringToObject (settings, "segment", path->segment);
      cJSON_AddItemToObject (settings, "segment_visitors",
                             rdm_cli_json_number ((double)data->journeys.n_segment_visitors));
    }
  else
    cJSON_AddNullToObject (settings, "segment");

  if (analysis->models != NULL && analysis->models->len > 0)
    {
      cJSON *weights = cJSON_AddArrayToObject (settings, "weights");

      cJSON_AddItemToArray (weights, rdm_cli_json_number (model->first_weight));
      cJSON_AddItemToArray (weights, rdm_cli_json_number (model->middle_weight));
      cJSON_AddItemToArray (weights, rdm_cli_json_number (model->last_weight));
      cJSON_AddItemToObject (settings, "half_life_days",
                             rdm_cli_json_number (model->half_life_days));
      cJSON_AddItemToObject (settings, "markov_order", rdm_cli_json_number (model->markov_order));
      cJSON_AddBoolToObject (settings, "click_priority", model->click_priority);
      cJSON_AddItemToObject (settings, "view_weight", rdm_cli_json_number (model->view_weight));
      if (model->multipliers != NULL)
        {
          cJSON *multipliers = cJSON_AddObjectToObject (settings, "multipliers");
          GHashTableIter iter;
          gpointer key, value;

          g_hash_table_iter_init (&iter, model->multipliers);
          while (g_hash_table_iter_next (&iter, &key, &value))
            cJSON_AddItemToObject (multipliers, key, rdm_cli_json_number (*(double *)value));
        }
      cJSON_AddItemToObject (settings, "bootstrap", rdm_cli_json_number (analysis->bootstrap));
      if (analysis->calibrate)
        {
          cJSON_AddBoolToObject (settings, "calibrate", TRUE);
          cJSON_AddStringToObject (settings, "untested",
                                   analysis->request.untested == RDM_UNTESTED_KEEP ? "keep"
                                                                                   : "mean");
        }
      if (analysis->bootstrap > 0)
        cJSON_AddItemToObject (settings, "seed", rdm_cli_json_number ((double)analysis->seed));
    }
  return settings;
}

gboolean
rdm_cli_parse_days (const char *text, GArray *days, char **bad)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *end = NULL;
      double value = g_ascii_strtod (g_strstrip (parts[i]), &end);

      if (end == parts[i] || *end != '\0' || !(value >= 0) || !isfinite (value))
        {
          *bad = g_strdup (parts[i]);
          return FALSE;
        }
      g_array_append_val (days, value);
    }
  return TRUE;
}
