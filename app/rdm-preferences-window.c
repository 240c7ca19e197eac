/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RdmPreferencesWindow: the application's GSettings, bound both ways, so a
 * change applies at once and survives a restart.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rdm-preferences-window.h"

struct _RdmPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  /* Template widgets */
  GtkAdjustment *click_window_adjustment;
  GtkAdjustment *view_window_adjustment;
  GtkAdjustment *half_life_adjustment;
  AdwComboRow *currency_row;
  AdwComboRow *color_scheme_row;

  /* Owned references */
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (RdmPreferencesWindow, rdm_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* In the order of the combo row. */
static const char *const color_schemes[] = { "follow", "light", "dark" };

/* Maps a string setting to the position of its value in a NULL-terminated
 * list and back; the list is the mapping's user data. */
static gboolean
string_to_position (GValue *value, GVariant *variant, gpointer user_data)
{
  const char *const *choices = user_data;
  const char *text = g_variant_get_string (variant, NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    if (g_strcmp0 (choices[i], text) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
position_to_string (const GValue *value, const GVariantType *type, gpointer user_data)
{
  const char *const *choices = user_data;
  guint position = g_value_get_uint (value);

  if (position >= g_strv_length ((char **)choices))
    return NULL;
  return g_variant_new_string (choices[position]);
}

/* The currencies are the choices the schema declares, so the row offers
 * exactly what the setting accepts. */
static GStrv
currency_choices (GSettings *settings)
{
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettingsSchemaKey) key = NULL;
  g_autoptr (GVariant) range = NULL;
  g_autoptr (GVariant) values = NULL;
  const char *kind;

  g_object_get (settings, "settings-schema", &schema, NULL);
  key = g_settings_schema_get_key (schema, "currency");
  range = g_settings_schema_key_get_range (key);
  g_variant_get (range, "(&sv)", &kind, &values);
  return g_variant_dup_strv (values, NULL);
}

static void
rdm_preferences_window_dispose (GObject *object)
{
  RdmPreferencesWindow *self = RDM_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RDM_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rdm_preferences_window_parent_class)->dispose (object);
}

static void
rdm_preferences_window_class_init (RdmPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rdm_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/fr/rendement/Rendement/ui/rdm-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RdmPreferencesWindow,
                                        click_window_adjustment);
  gtk_widget_class_bind_template_child (widget_class, RdmPreferencesWindow, view_window_adjustment);
  gtk_widget_class_bind_template_child (widget_class, RdmPreferencesWindow, half_life_adjustment);
  gtk_widget_class_bind_template_child (widget_class, RdmPreferencesWindow, currency_row);
  gtk_widget_class_bind_template_child (widget_class, RdmPreferencesWindow, color_scheme_row);
}

static void
rdm_preferences_window_init (RdmPreferencesWindow *self)
{
  g_auto (GStrv) currencies = NULL;
  g_autoptr (GtkStringList) currency_list = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  currencies = currency_choices (self->settings);
  currency_list = gtk_string_list_new ((const char *const *)currencies);
  adw_combo_row_set_model (self->currency_row, G_LIST_MODEL (currency_list));

  g_settings_bind (self->settings, "click-window-days", self->click_window_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "view-window-days", self->view_window_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "half-life-days", self->half_life_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "currency", self->currency_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, string_to_position, position_to_string,
                                g_strdupv (currencies), (GDestroyNotify)g_strfreev);
  g_settings_bind_with_mapping (self->settings, "color-scheme", self->color_scheme_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, string_to_position, position_to_string,
                                (gpointer)color_schemes, NULL);
}

GtkWidget *
rdm_preferences_window_new (void)
{
  return g_object_new (RDM_TYPE_PREFERENCES_WINDOW, NULL);
}
