/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "rdm-analysis-config.h"
#include "rdm-model.h"
#include "rdm-path-options.h"

G_BEGIN_DECLS

/* RdmAnalysisSettings: what every section of a project's window computes
 * with, as properties the sections' controls bind to; the window holds one
 * per project and saves it in the project file (RdmAnalysisConfig).
 *
 * Properties (all G_PARAM_EXPLICIT_NOTIFY, notified only on change):
 *   "models"          guint   bit (1 << RdmModel) per model compared
 *   "reference-model" guint   RdmModel the differences are taken from
 *   "model"           guint   RdmModel of single-model results (ROI, KPIs)
 *   "click-window"    double  days; "view-window", "forward-window" likewise
 *   "direction"       guint   RdmDirection
 *   "level"           guint   RdmLevel
 *   "restart"         boolean a new journey after each conversion (default)
 *   "period"          string  "2026Q2" or NULL for all the data
 *   "event"           string  conversion event name or NULL for all
 *   "segment"         string  saved segment name or NULL for every visitor
 *   "click-priority"  boolean
 *   "view-weight"     double  percent of a click, 0 .. 100
 *   "half-life"       double  days
 *   "first-weight", "middle-weight", "last-weight"  double percent
 *   "markov-order"    guint   1 .. 4
 *   "bootstrap"       boolean
 *   "resamples"       guint   10 .. 10000
 *   "calibrate"       boolean scale the credit by the project's experiments
 *   "shared-costs"    string  "media", "even" or "group=NAME": how ROI shares the
 *                             costs of no one channel; NULL for "media"
 *
 * Windows and the half-life default to the fr.rendement.Rendement GSettings
 * keys when that schema is installed, otherwise to the engine's defaults. */
#define RDM_TYPE_ANALYSIS_SETTINGS (rdm_analysis_settings_get_type ())
G_DECLARE_FINAL_TYPE (RdmAnalysisSettings, rdm_analysis_settings, RDM, ANALYSIS_SETTINGS, GObject)

RdmAnalysisSettings *rdm_analysis_settings_new (void);

/* Fills @path and @model (initialised by this call; clear them after) with
 * the options the CLI would build from the same choices. Fails only when
 * "period" is not a valid period. */
gboolean rdm_analysis_settings_get_options (RdmAnalysisSettings *self,
                                            RdmPathOptions *path,
                                            RdmModelOptions *model,
                                            GError **error);

/* The fields behind the properties, for saving them. */
const RdmAnalysisConfig *rdm_analysis_settings_get_config (RdmAnalysisSettings *self);
/* Sets every property from @config, notifying those that change. */
void rdm_analysis_settings_set_config (RdmAnalysisSettings *self, const RdmAnalysisConfig *config);

/* The models compared, in RdmModel order; returns how many (0 .. 10). */
guint rdm_analysis_settings_get_models (RdmAnalysisSettings *self,
                                        RdmModel out[RDM_MODEL_N_MODELS]);
gboolean rdm_analysis_settings_has_model (RdmAnalysisSettings *self, RdmModel model);
void rdm_analysis_settings_set_model (RdmAnalysisSettings *self, RdmModel model, gboolean enabled);
RdmModel rdm_analysis_settings_get_reference_model (RdmAnalysisSettings *self);
/* 0 when the bootstrap is off */
guint rdm_analysis_settings_get_resamples (RdmAnalysisSettings *self);

/* TRUE for the properties that only the comparison of models reads (the
 * models compared, the reference, the bootstrap): results under one model
 * (ROI, KPIs) need not be computed again when they change. */
gboolean rdm_analysis_settings_is_comparison_only (GParamSpec *pspec);

G_END_DECLS
