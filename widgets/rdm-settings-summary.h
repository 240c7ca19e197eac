/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rdm-analysis-settings.h"

G_BEGIN_DECLS

/* RdmSettingsSummary: one line at the top of a section saying which
 * analysis settings its numbers use ("Linear · click window 7 days · view
 * window 1 day · 2026 Q2"), and a button that opens them (the window's
 * "win.analysis-settings" action). Follows its "settings" property;
 * "period-shown" (default TRUE) FALSE leaves the period out, for a section
 * that has its own. */
#define RDM_TYPE_SETTINGS_SUMMARY (rdm_settings_summary_get_type ())
G_DECLARE_FINAL_TYPE (RdmSettingsSummary, rdm_settings_summary, RDM, SETTINGS_SUMMARY, GtkWidget)

GtkWidget *rdm_settings_summary_new (void);
RdmAnalysisSettings *rdm_settings_summary_get_settings (RdmSettingsSummary *self);
void rdm_settings_summary_set_settings (RdmSettingsSummary *self, RdmAnalysisSettings *settings);
/* The line shown, for tests. */
const char *rdm_settings_summary_get_text (RdmSettingsSummary *self);

/* The line for @settings, translated (the caller frees it); the period
 * is left out unless @with_period. */
char *rdm_analysis_settings_describe (RdmAnalysisSettings *settings, gboolean with_period);

G_END_DECLS
