/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-attribution-run.h"
#include "rdm-cli.h"
#include "rdm-event-store.h"
#include "rdm-model.h"
#include "rdm-path-options.h"
#include "rdm-path-set.h"
#include "rdm-period.h"
#include "rdm-shared-costs.h"

G_BEGIN_DECLS

/* The attribution options shared by "attribute", "paths", "window-sweep",
 * "roi" and "chart": how journeys are cut out (RdmPathOptions), how models
 * weigh them (RdmModelOptions), which models, and the output format. The
 * defaults are the engine's, those of rdm_attribution_request_init(). */
typedef struct
{
  /* as typed */
  const char *default_models; /* when --model is not given; NULL: no models */
  char *models_text;
  char *weights_text;
  char **multiplier_texts;
  char *direction_text;
  char *from_text;
  char *to_text;
  char *period_text;
  char *by_text;
  char *format_text;
  gboolean no_restart;
  /* --click-window or --view-window was given (rdm_cli_analysis_finish) */
  gboolean typed_windows;
  gboolean calibrate;      /* --calibrate (attribute, roi) */
  char *untested_text;     /* --untested keep|mean */
  char *shared_costs_text; /* --shared-costs (roi, chart, report) */
  int bootstrap;
  gint64 seed;
  int threads;

  /* parsed */
  gboolean whole_data; /* --period all */
  gboolean has_period; /* --period as a month, quarter or year: @period */
  RdmPeriod period;
  /* what rdm_attribution_run() is asked: path and model options, and,
   * copied from the values typed and --model, bootstrap and models */
  RdmAttributionRequest request;
  GArray *models; /* RdmModel */
  RdmOutputFormat format;
  /* --shared-costs, or the project's saved rule without it
   * (rdm_cli_analysis_load_shared_rule()) */
  RdmSharedRule shared_rule;

  /* char *: the help texts that state a default, kept while the option
   * context that shows them lives */
  GPtrArray *help_texts;
} RdmCliAnalysis;

void rdm_cli_analysis_init (RdmCliAnalysis *analysis, const char *default_models);
void rdm_cli_analysis_clear (RdmCliAnalysis *analysis);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RdmCliAnalysis, rdm_cli_analysis_clear)

/* Adds the options to @context as its main entries, after @extra (may be
 * NULL). @with_models adds --model and the model options. */
void rdm_cli_analysis_add_entries (RdmCliAnalysis *analysis,
                                   GOptionContext *context,
                                   gboolean with_models,
                                   const GOptionEntry *extra);

/* Adds --calibrate and --untested (attribute and roi), which
 * rdm_cli_analysis_finish() turns into request.calibrate and
 * request.untested. */
void rdm_cli_analysis_add_calibration_entries (RdmCliAnalysis *analysis, GOptionContext *context);

/* Adds --shared-costs (roi, chart, report). */
void rdm_cli_analysis_add_shared_costs_entry (RdmCliAnalysis *analysis, GOptionContext *context);

/* Sets @analysis->shared_rule: --shared-costs as typed (a usage error when
 * it is no rule), or, without it, the rule saved in @project's analysis
 * settings, which the window's ROI section sets, so that the two agree. */
gboolean
rdm_cli_analysis_load_shared_rule (RdmCliAnalysis *analysis, RdmProject *project, GError **error);

/* Parses the command line of a command taking one project file. */
gboolean rdm_cli_analysis_parse (GOptionContext *context, int *argc, char ***argv, GError **error);

/* Checks and converts the options typed; call after parsing. Refuses values
 * out of range and options that no model of the command would read, naming
 * the option. --period takes a month, quarter or year (the evaluation
 * period, also in @period) or "all" (@whole_data). */
gboolean rdm_cli_analysis_finish (RdmCliAnalysis *analysis, GError **error);

/* Refuses @option, which the command cannot honour, when @given: a usage
 * error naming it rather than an option silently ignored. */
gboolean rdm_cli_analysis_refuse (gboolean given, const char *option, GError **error);

/* Appends the days of @text ("9,6,0": numbers of at least 0 separated by
 * commas) to @days. On a part that is no such number, returns FALSE with
 * that part in *@bad (to free), for the caller's message. */
gboolean rdm_cli_parse_days (const char *text, GArray *days, char **bad);

/* What a command analyses: the project's journeys (from its events, or
 * from its imported path table when it has no events), restricted to the
 * segment when one was asked for, as rdm_attribution_run() cuts them. */
typedef struct
{
  RdmProject *project;
  RdmAttributionData source;       /* source.store NULL for a path table */
  RdmAttributionJourneys journeys; /* no paths in the forward direction */
} RdmCliData;

void rdm_cli_data_clear (RdmCliData *data);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RdmCliData, rdm_cli_data_clear)

gboolean rdm_cli_analysis_load (RdmCliAnalysis *analysis,
                                const char *project_path,
                                RdmCliData *data,
                                GError **error);

/* Opens the project and loads what it holds, without the journeys, for a
 * command that leaves them to rdm_attribution_run(); the path rules of a
 * warehouse's table replace those the user did not type. */
gboolean rdm_cli_analysis_open (RdmCliAnalysis *analysis,
                                const char *project_path,
                                RdmCliData *data,
                                GError **error);

/* Propagates @analysis_error (taken) into @error, as a usage error when it
 * says the project cannot honour a setting (G_IO_ERROR_NOT_SUPPORTED).
 * Returns FALSE. */
gboolean rdm_cli_analysis_usage_error (GError **error, GError *analysis_error);

/* The settings actually used, for the "settings" object of JSON output. */
cJSON *rdm_cli_analysis_settings_json (const RdmCliAnalysis *analysis, const RdmCliData *data);

/* @format (translatable, one %s) with the engine's default @values
 * (doubles), written as the option takes them ("0.4,0.2,0.4"), so that the
 * help cannot state another default than the one used; owned by
 * @analysis. */
const char *rdm_cli_analysis_help_with_default (RdmCliAnalysis *analysis,
                                                const char *format,
                                                guint n_values,
                                                ...);

G_END_DECLS
