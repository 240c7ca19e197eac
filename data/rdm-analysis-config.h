/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-model.h"
#include "rdm-path-options.h"
#include "rdm-project.h"

G_BEGIN_DECLS

/* RdmAnalysisConfig: the analysis settings of a project, shared by every
 * section of its window (SPEC.md's "saved attribution configuration"),
 * and the one place that turns them into engine options.
 *
 * Units are those of the window's controls: windows and half-life in days,
 * weights in percent (the engine takes fractions). Each field is described
 * by one row of rdm_analysis_config_fields[], with its range and default,
 * which the window's settings object turns into GObject properties and the
 * project file into JSON members of the same names. */
typedef struct
{
  guint models;          /* bit (1 << RdmModel) per model compared; never 0 */
  guint reference_model; /* RdmModel the differences are taken from */
  guint model;           /* RdmModel of single-model results: ROI, KPIs */
  double click_window;
  double view_window;
  double forward_window;
  guint direction; /* RdmDirection */
  guint level;     /* RdmLevel */
  gboolean restart;
  char *period;  /* "2026Q2", "2026-05", "2026", or NULL for all the data */
  char *event;   /* conversion event, or NULL for all */
  char *segment; /* saved segment name, or NULL for every visitor */
  gboolean click_priority;
  double view_weight; /* percent of a click, 0 .. 100 */
  double half_life;
  double first_weight;
  double middle_weight;
  double last_weight;
  guint markov_order; /* 1 .. 4 */
  gboolean bootstrap;
  guint resamples;    /* 10 .. 10000 */
  gboolean calibrate; /* scale the credit by the project's experiments */
  /* how ROI shares the costs of no one channel: "media", "even" or
   * "group=NAME" (rdm_shared_rule_parse()); NULL is "media" */
  char *shared_costs;
} RdmAnalysisConfig;

typedef enum
{
  RDM_CONFIG_UINT,
  RDM_CONFIG_DOUBLE,
  RDM_CONFIG_BOOLEAN,
  RDM_CONFIG_STRING,
} RdmConfigType;

typedef struct
{
  const char *name; /* property and JSON member name */
  RdmConfigType type;
  gsize offset; /* in RdmAnalysisConfig */
  double min;   /* numbers: inclusive range */
  double max;
  double def; /* numbers and booleans; strings default to NULL */
} RdmConfigField;

#define RDM_ANALYSIS_CONFIG_N_FIELDS 23
extern const RdmConfigField rdm_analysis_config_fields[RDM_ANALYSIS_CONFIG_N_FIELDS];

/* The engine's defaults (rdm_path_options_init, rdm_model_options_init). */
void rdm_analysis_config_init (RdmAnalysisConfig *config);
void rdm_analysis_config_clear (RdmAnalysisConfig *config);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RdmAnalysisConfig, rdm_analysis_config_clear)
void rdm_analysis_config_copy (RdmAnalysisConfig *dest, const RdmAnalysisConfig *src);

/* Fills @path and @model (initialised by this call; clear them after) with
 * the options "rendement-cli" builds from the same choices. Fails, with the
 * CLI's message, when the period is not a valid period or the model
 * options are refused by rdm_model_options_validate() (weights all 0). */
gboolean rdm_analysis_config_get_options (const RdmAnalysisConfig *config,
                                          RdmPathOptions *path,
                                          RdmModelOptions *model,
                                          GError **error);

/* The name of the model_setting row holding the window's settings. */
#define RDM_ANALYSIS_CONFIG_NAME "analysis"

/* Reads the settings saved in @project over @config: members absent from
 * the file keep @config's values. The file may come from someone else, so
 * a member of the wrong type, out of range or not a valid period keeps
 * @config's value too, and *@out_warning (when not NULL) gets one sentence
 * per such member, for the user; NULL when all was read. Fails only when
 * the file cannot be read. */
gboolean rdm_project_load_analysis_config (RdmProject *project,
                                           RdmAnalysisConfig *config,
                                           char **out_warning,
                                           GError **error);

/* Saves @config as the project's analysis settings, replacing the last. */
gboolean rdm_project_save_analysis_config (RdmProject *project,
                                           const RdmAnalysisConfig *config,
                                           GError **error);

G_END_DECLS
