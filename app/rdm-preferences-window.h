/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RDM_TYPE_PREFERENCES_WINDOW (rdm_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (
    RdmPreferencesWindow, rdm_preferences_window, RDM, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *rdm_preferences_window_new (void);

G_END_DECLS
