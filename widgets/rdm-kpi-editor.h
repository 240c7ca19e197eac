/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rdm-business.h"
#include "rdm-project.h"

G_BEGIN_DECLS

/* RdmKpiEditor: the modal window that adds objectives, initiatives (with
 * the campaigns they run) and KPIs to a project, or edits a KPI. The
 * formula is checked as it is typed with rdm_formula_parse(): the message
 * says what was expected and the text from the error column on is
 * underlined; the "Insert" menu lists the metric and function names.
 *
 * Signal: "saved" (no arguments), after a change was written to the
 * project, just before the window closes. */
#define RDM_TYPE_KPI_EDITOR (rdm_kpi_editor_get_type ())
G_DECLARE_FINAL_TYPE (RdmKpiEditor, rdm_kpi_editor, RDM, KPI_EDITOR, AdwWindow)

typedef enum
{
  RDM_KPI_EDITOR_KPI,
  RDM_KPI_EDITOR_OBJECTIVE,
  RDM_KPI_EDITOR_INITIATIVE,
} RdmKpiEditorMode;

/* A modal window adding a KPI to @project (a reference is kept), or an
 * objective when the project has none yet. Present it with
 * gtk_window_present(); it destroys itself when closed. */
RdmKpiEditor *rdm_kpi_editor_new (RdmProject *project);

/* Shows the page that adds an objective, an initiative or a KPI. */
void rdm_kpi_editor_set_mode (RdmKpiEditor *self, RdmKpiEditorMode mode);
RdmKpiEditorMode rdm_kpi_editor_get_mode (RdmKpiEditor *self);

/* Fills the KPI page with @kpi, which saving then replaces (its manual
 * values are kept). */
void rdm_kpi_editor_edit_kpi (RdmKpiEditor *self, const RdmKpi *kpi);

/* What the Save button does: writes the page shown to the project, emits
 * "saved" and closes. On error (a bad formula, a missing name, a name
 * already used) the project is unchanged, the window stays open with the
 * message shown, and FALSE is returned. */
gboolean rdm_kpi_editor_save (RdmKpiEditor *self, GError **error);

/* Removes the KPI being edited (see rdm_kpi_editor_edit_kpi()), with its
 * manual values, emits "saved" and closes; what "Remove KPI…" does once
 * confirmed. */
gboolean rdm_kpi_editor_remove (RdmKpiEditor *self, GError **error);

/* For tests: the formula field, its message, and the 1-based character
 * column the last check underlined (0 when the formula parses). */
GtkEditable *_rdm_kpi_editor_get_formula_entry (RdmKpiEditor *self);
const char *_rdm_kpi_editor_get_formula_message (RdmKpiEditor *self);
guint _rdm_kpi_editor_get_error_column (RdmKpiEditor *self);
GtkEditable *_rdm_kpi_editor_get_name_entry (RdmKpiEditor *self, RdmKpiEditorMode mode);
/* Activates the row of the "Insert" menu that inserts @text ("growth()",
 * "cost"); FALSE when there is none. */
gboolean _rdm_kpi_editor_insert (RdmKpiEditor *self, const char *text);
/* Ticks campaign @index of the initiative page; FALSE when there is none. */
gboolean _rdm_kpi_editor_check_campaign (RdmKpiEditor *self, guint index);

G_END_DECLS
