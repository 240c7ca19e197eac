/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RDM_TYPE_APPLICATION (rdm_application_get_type ())
G_DECLARE_FINAL_TYPE (RdmApplication, rdm_application, RDM, APPLICATION, AdwApplication)

RdmApplication *rdm_application_new (void);
GSettings *rdm_application_get_settings (RdmApplication *self);
/* Presents the window of @file's project, opening it in the active window
 * when that one shows no project, or in a new window. Errors are shown in
 * the window. */
void rdm_application_open_file (RdmApplication *self, GFile *file);
/* Puts @path first in the recent projects. */
void rdm_application_add_recent (RdmApplication *self, const char *path);

G_END_DECLS
