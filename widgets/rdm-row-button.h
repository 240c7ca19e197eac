/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A flat icon button for the suffix of a list row, running @action_name
 * with @target (may be NULL). @label names it for screen readers, often
 * more precisely than @tooltip ("Remove rule 3, Paid Search"); NULL uses
 * @tooltip. */
GtkWidget *rdm_row_button_new (const char *icon_name,
                               const char *tooltip,
                               const char *label,
                               const char *action_name,
                               GVariant *target);

G_END_DECLS
