/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rdm-project-session.h"

G_BEGIN_DECLS

/* RdmSection: the base of the window's sections. It holds the project
 * session the section shows, its busy spinner, its stack of states (the
 * result, an empty state, an error), the one computation it runs at a
 * time, and the "section.copy-table" action. The window gives every
 * section the same session and nothing else, so that no section can show
 * another project or other settings than its neighbours.
 *
 * Subclasses implement:
 *  - reload: show the session's project again (another project was
 *    opened, or its data changed); called once the section has a session.
 *  - settings_changed: an analysis setting changed; the default calls
 *    reload unless only the comparison of models reads that setting
 *    (rdm_analysis_settings_is_comparison_only()).
 *  - get_table: the results table the copy action copies, with its rows;
 *    NULL when none is shown.
 *
 * Properties: "session" (RdmProjectSession *), "busy" (boolean, read-only:
 * a computation of the section is running). */
#define RDM_TYPE_SECTION (rdm_section_get_type ())
G_DECLARE_DERIVABLE_TYPE (RdmSection, rdm_section, RDM, SECTION, GtkWidget)

struct _RdmSectionClass
{
  GtkWidgetClass parent_class;

  void (*reload) (RdmSection *self);
  void (*settings_changed) (RdmSection *self, GParamSpec *pspec);
  GtkColumnView *(*get_table) (RdmSection *self, GListModel **out_rows);

  gpointer padding[8];
};

RdmProjectSession *rdm_section_get_session (RdmSection *self);
void rdm_section_set_session (RdmSection *self, RdmProjectSession *session);
/* The session's project (NULL before one is open), settings, and data. */
RdmProject *rdm_section_get_project (RdmSection *self);
RdmAnalysisSettings *rdm_section_get_settings (RdmSection *self);
RdmProjectData *rdm_section_get_data (RdmSection *self);

/* For subclasses, from their instance init: the stack of states (its
 * "error" child shows @error_page), and the spinner "busy" drives. */
void rdm_section_set_status_widgets (RdmSection *self,
                                     GtkStack *stack,
                                     GtkSpinner *spinner,
                                     AdwStatusPage *error_page);
void rdm_section_show_state (RdmSection *self, const char *state);
const char *rdm_section_get_state (RdmSection *self);
/* Shows the "error" state with @title and @error's message. */
void rdm_section_show_error (RdmSection *self, const char *title, const GError *error);

/* Keeps @target's @property (an RdmAnalysisSettings) the session's
 * settings, as a settings summary or a segment picker needs. */
void rdm_section_bind_settings (RdmSection *self, GObject *target, const char *property);
/* For subclasses, from their instance init: keeps @target's @property and
 * the session's setting @setting in step, both ways, whichever session the
 * section is given (the control of a setting). */
void rdm_section_bind_setting (RdmSection *self,
                               const char *setting,
                               gpointer target,
                               const char *property);

gboolean rdm_section_get_busy (RdmSection *self);
/* For sections whose computations run elsewhere (an RdmAnalysisWorker). */
void rdm_section_set_busy (RdmSection *self, gboolean busy);

/* What a run reads, taken on the main thread as it starts: the session's
 * data (a reference) and a copy of its analysis settings. */
typedef struct
{
  RdmProjectData *data;
  RdmAnalysisConfig config;
} RdmSectionInput;

/* A run's task data is a section's own struct whose first member is an
 * RdmSectionInput: this allocates @size bytes, zero-filled, with the input
 * taken from @self; rdm_section_input_free() (the run's destroy notify)
 * frees it all. */
gpointer rdm_section_input_new (RdmSection *self, gsize size);
void rdm_section_input_free (gpointer input);
/* In a run's thread: the mask of the visitors of @store that the input's
 * segment selects (see rdm_project_segment_mask()), or NULL in *@mask when
 * no segment is chosen. */
gboolean rdm_section_input_segment_mask (const RdmSectionInput *input,
                                         RdmProject *project,
                                         const RdmEventStore *store,
                                         GCancellable *cancellable,
                                         guint8 **mask,
                                         GError **error);

/* Called on the main thread with what the latest run's thread returned
 * with g_task_return_pointer(), owned by the callee. */
typedef void (*RdmSectionDoneFunc) (RdmSection *self, gpointer outcome);

/* Runs @thread_func in a thread with @task_data (freed with
 * @task_data_free), cancelling the run in progress. When it ends and is
 * still the latest, @done receives its outcome, or the "error" state
 * shows its error under @error_title; a cancelled or superseded run
 * shows nothing. */
void rdm_section_run (RdmSection *self,
                      GTaskThreadFunc thread_func,
                      gpointer task_data,
                      GDestroyNotify task_data_free,
                      const char *error_title,
                      RdmSectionDoneFunc done);
/* Cancels the run in progress, if any. */
void rdm_section_cancel (RdmSection *self);

G_END_DECLS
