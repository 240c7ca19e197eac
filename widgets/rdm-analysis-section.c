/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rdm-analysis-section.h"
#include "rdm-calibration.h"
#include "rdm-channel-rules.h"

static void
on_worker_busy (RdmSection *section, GParamSpec *pspec, RdmAnalysisWorker *worker)
{
  rdm_section_set_busy (section, rdm_analysis_worker_get_busy (worker));
}

RdmAnalysisWorker *
rdm_analysis_section_add_worker (RdmSection *section,
                                 RdmAnalysisParts parts,
                                 GCallback finished,
                                 GCallback loaded)
{
  RdmAnalysisWorker *worker = rdm_analysis_worker_new (parts);

  g_return_val_if_fail (RDM_IS_SECTION (section), worker);

  g_signal_connect_object (worker, "notify::busy", G_CALLBACK (on_worker_busy), section,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (worker, "finished", finished, section, G_CONNECT_SWAPPED);
  g_signal_connect_object (worker, "notify::loaded", loaded, section, G_CONNECT_SWAPPED);
  return worker;
}

void
rdm_analysis_section_show_session (RdmSection *section,
                                   RdmAnalysisWorker *worker,
                                   AdwStatusPage *status_page,
                                   RdmSegmentPicker *picker,
                                   const char *no_project)
{
  RdmProject *project = rdm_section_get_project (section);
  RdmAnalysisSettings *settings = rdm_section_get_settings (section);
  const char *state = rdm_section_get_state (section);
  g_autofree char *segment = NULL;

  g_return_if_fail (RDM_IS_SECTION (section));

  /* the session copied the project's settings before the picker listed
   * the project's segments: choose the saved one again */
  rdm_segment_picker_set_project (picker, project);
  if (settings != NULL)
    {
      g_object_get (settings, "segment", &segment, NULL);
      rdm_segment_picker_set_segment (picker, segment);
    }
  rdm_analysis_worker_set_data (worker, rdm_section_get_data (section));

  adw_status_page_set_icon_name (status_page, "view-list-bullet-symbolic");
  if (project == NULL)
    {
      adw_status_page_set_title (status_page, _ ("No Project"));
      adw_status_page_set_description (status_page, no_project);
      rdm_section_show_state (section, "empty");
    }
  else if (!rdm_analysis_worker_get_loaded (worker)
           && rdm_analysis_worker_get_load_error (worker) == NULL
           && (g_strcmp0 (state, "empty") == 0 || g_strcmp0 (state, "error") == 0))
    {
      adw_status_page_set_title (status_page, _ ("Loading the Project…"));
      adw_status_page_set_description (status_page, NULL);
      rdm_section_show_state (section, "empty");
    }
}

void
rdm_analysis_section_request (RdmSection *section, RdmAnalysisWorker *worker)
{
  g_return_if_fail (RDM_IS_SECTION (section));
  g_return_if_fail (RDM_IS_ANALYSIS_WORKER (worker));

  if (rdm_section_get_project (section) != NULL)
    rdm_analysis_worker_request (worker, rdm_section_get_settings (section));
}

const char *
rdm_analysis_section_label (const char *name)
{
  if (g_strcmp0 (name, RDM_NO_TOUCH_LABEL) == 0)
    return _ ("No touch");
  /* what calibration by experiments takes from the channels */
  if (g_strcmp0 (name, RDM_BASELINE_LABEL) == 0)
    return _ ("Baseline");
  return name;
}

const char *
rdm_analysis_section_level_label (RdmLevel level, const char *name)
{
  if (level == RDM_LEVEL_GROUP && g_strcmp0 (name, RDM_NO_TOUCH_LABEL) != 0
      && g_strcmp0 (name, RDM_BASELINE_LABEL) != 0)
    return rdm_channel_group_display_name (name);
  return rdm_analysis_section_label (name);
}

const char *
rdm_analysis_section_level_title (RdmLevel level)
{
  switch (level)
    {
    case RDM_LEVEL_CAMPAIGN:
      return _ ("Campaign");
    case RDM_LEVEL_GROUP:
      return _ ("Channel group");
    case RDM_LEVEL_CHANNEL:
    default:
      return _ ("Channel");
    }
}
