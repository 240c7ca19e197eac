/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Tells the user that something failed: a dialog over @widget's window
 * with @heading and the message of @error, closed with one button. */
void rdm_error_dialog_present (GtkWidget *widget, const char *heading, const GError *error);

G_END_DECLS
