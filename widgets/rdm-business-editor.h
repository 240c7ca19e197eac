/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rdm-business.h"
#include "rdm-project.h"

G_BEGIN_DECLS

/* RdmBusinessEditor: the modal window that lists a project's objectives,
 * initiatives and declared savings and adds, edits and removes them. Each
 * page has the list (with an edit and a remove button per row) and a form
 * below it that adds a new item, or saves the one being edited. A bad
 * value is refused with the reason under the form and the project left
 * unchanged.
 *
 * Signal: "changed" (no arguments), after every change written to the
 * project, so that the sections showing ROI and objectives recompute. */
#define RDM_TYPE_BUSINESS_EDITOR (rdm_business_editor_get_type ())
G_DECLARE_FINAL_TYPE (RdmBusinessEditor, rdm_business_editor, RDM, BUSINESS_EDITOR, AdwWindow)

/* A reference to @project is kept. Present it with gtk_window_present(). */
RdmBusinessEditor *rdm_business_editor_new (RdmProject *project);

/* Shows the "objectives", "initiatives" or "savings" page. */
void rdm_business_editor_show_page (RdmBusinessEditor *self, const char *name);

/* What each form's Add (or Save) button does: writes the form to the
 * project, refreshes the lists, empties the form and emits "changed". On
 * error the message shows under the form, the project is unchanged and
 * FALSE is returned. */
gboolean rdm_business_editor_save_objective (RdmBusinessEditor *self, GError **error);
gboolean rdm_business_editor_save_initiative (RdmBusinessEditor *self, GError **error);
gboolean rdm_business_editor_save_saving (RdmBusinessEditor *self, GError **error);

/* Fills a form with an item, which saving then changes (the rows' edit
 * buttons). FALSE when there is no such item. */
gboolean rdm_business_editor_edit_objective (RdmBusinessEditor *self, const char *name);
gboolean rdm_business_editor_edit_initiative (RdmBusinessEditor *self,
                                              const char *objective,
                                              const char *name);
gboolean rdm_business_editor_edit_saving (RdmBusinessEditor *self, gint64 id);

/* The rows' remove buttons (an objective's asks first, since its
 * initiatives and KPIs go with it). */
gboolean
rdm_business_editor_remove_objective (RdmBusinessEditor *self, const char *name, GError **error);
gboolean rdm_business_editor_remove_initiative (RdmBusinessEditor *self,
                                                const char *objective,
                                                const char *name,
                                                GError **error);
gboolean rdm_business_editor_remove_saving (RdmBusinessEditor *self, gint64 id, GError **error);

G_END_DECLS
