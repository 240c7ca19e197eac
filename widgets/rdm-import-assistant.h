/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RDM_TYPE_IMPORT_ASSISTANT (rdm_import_assistant_get_type ())
G_DECLARE_FINAL_TYPE (RdmImportAssistant, rdm_import_assistant, RDM, IMPORT_ASSISTANT, AdwWindow)

/* The import assistant: preview a CSV file, check what kind of data it
 * holds and which column is which, then import it into the project at
 * @project_path in a worker thread, with progress, Cancel, and a summary
 * listing every rejected row. Cancel or an error changes nothing.
 * @file_path may be NULL: the user then chooses the file. Emits "imported"
 * after a successful import. */
RdmImportAssistant *
rdm_import_assistant_new (GtkWindow *parent, const char *project_path, const char *file_path);

void rdm_import_assistant_set_file (RdmImportAssistant *self, const char *file_path);

/* Shows the "From a database" page, filled in with the project's last
 * warehouse import and its saved path rules. */
void rdm_import_assistant_show_database (RdmImportAssistant *self);

G_END_DECLS
