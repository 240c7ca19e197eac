/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Tells the user that something failed: a dialog over @widget's window
 * with @heading and the message of @error, closed with one button. */
void rdm_error_dialog_present (GtkWidget *widget, const char *heading, const GError *error);

/* A toast and a status page's description are Pango markup in libadwaita
 * 1.2; a message that quotes a name from a file ("<b", "&") must be shown
 * as the text it is. */
AdwToast *rdm_toast_new_for_text (const char *text);
void rdm_status_page_set_description_text (AdwStatusPage *page, const char *text);

G_END_DECLS
