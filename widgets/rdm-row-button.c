/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "rdm-row-button.h"

GtkWidget *
rdm_row_button_new (const char *icon_name,
                    const char *tooltip,
                    const char *label,
                    const char *action_name,
                    GVariant *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label != NULL ? label : tooltip, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}
