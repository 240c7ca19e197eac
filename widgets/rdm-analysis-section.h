/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rdm-analysis-worker.h"
#include "rdm-section.h"
#include "rdm-segment-picker.h"

G_BEGIN_DECLS

/* What the sections computing with an RdmAnalysisWorker (Attribution,
 * Paths) do alike around it. */

/* Makes the worker of @section, whose "busy" is the section's; @finished
 * ("finished") and @loaded ("notify::loaded") are connected to the worker,
 * swapped, with @section as their first argument. */
RdmAnalysisWorker *rdm_analysis_section_add_worker (RdmSection *section,
                                                    RdmAnalysisParts parts,
                                                    GCallback finished,
                                                    GCallback loaded);

/* Shows the session of @section: its data in @worker, its saved segments in
 * @picker, and until its results arrive, @status_page in the "empty"
 * state: "No Project" and @no_project without a project, else that the
 * project is loading. Results already shown stay until the new ones
 * arrive (after an import). */
void rdm_analysis_section_show_session (RdmSection *section,
                                        RdmAnalysisWorker *worker,
                                        AdwStatusPage *status_page,
                                        RdmSegmentPicker *picker,
                                        const char *no_project);

/* Asks @worker for the results of the session's settings, when the session
 * has a project. */
void rdm_analysis_section_request (RdmSection *section, RdmAnalysisWorker *worker);

/* @name, a channel or path label of the results, as people read it: the
 * label of paths without any touch is "No touch". */
const char *rdm_analysis_section_label (const char *name);
/* The same for results at @level: by channel group, the labels are group
 * codes, read by their names ("paid_social" is "Paid Social"). */
const char *rdm_analysis_section_level_label (RdmLevel level, const char *name);
/* The title of the column naming what @level credits: "Channel",
 * "Campaign" or "Channel group". */
const char *rdm_analysis_section_level_title (RdmLevel level);

G_END_DECLS
