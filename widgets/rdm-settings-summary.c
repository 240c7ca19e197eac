/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The summary line of the analysis settings, shown at the top of every
 * section that computes with them, so that numbers never come without the
 * model, windows and period behind them.
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "rdm-period.h"
#include "rdm-result-table.h"
#include "rdm-settings-summary.h"

struct _RdmSettingsSummary
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkWidget *box;
  GtkLabel *label;

  /* Owned references */
  RdmAnalysisSettings *settings;

  gboolean period_shown;
};

G_DEFINE_FINAL_TYPE (RdmSettingsSummary, rdm_settings_summary, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SETTINGS,
  PROP_PERIOD_SHOWN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_days (double days)
{
  return g_strdup_printf ("%g", days);
}

/* "2026 Q2", as the period lists of the sections say it. */
static char *
format_period (const char *code)
{
  RdmPeriod period;

  if (code == NULL)
    return g_strdup (_ ("all the data"));
  if (!rdm_period_parse (code, &period, NULL))
    return g_strdup (code);
  switch (period.kind)
    {
    case RDM_PERIOD_QUARTER:
      return g_strdup_printf (_ ("%d Q%d"), period.year, period.number);
    case RDM_PERIOD_MONTH:
    case RDM_PERIOD_YEAR:
    default:
      return g_strdup (code);
    }
}

/* The count ngettext() chooses a plural form by: whole days as they are, so
 * each language applies its own rule (French says "0 jour"); a fraction of
 * a day reads as plural. */
static gulong
plural_count (double days)
{
  if (days == floor (days) && days >= 0 && days < (double)G_MAXULONG)
    return (gulong)days;
  return 2;
}

char *
rdm_analysis_settings_describe (RdmAnalysisSettings *settings, gboolean with_period)
{
  const RdmAnalysisConfig *config = rdm_analysis_settings_get_config (settings);
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *click = format_days (config->click_window);
  g_autofree char *view = format_days (config->view_window);

  if (config->direction == RDM_DIRECTION_FORWARD)
    {
      g_autofree char *forward = format_days (config->forward_window);

      /* Translators: the forward direction and its window, in days */
      g_ptr_array_add (
          parts, g_strdup_printf (ngettext ("Forward · window %s day", "Forward · window %s days",
                                            plural_count (config->forward_window)),
                                  forward));
    }
  else
    g_ptr_array_add (parts, g_strdup (rdm_model_display_name (config->model)));
  g_ptr_array_add (parts, g_strdup_printf (ngettext ("click window %s day", "click window %s days",
                                                     plural_count (config->click_window)),
                                           click));
  g_ptr_array_add (parts, g_strdup_printf (ngettext ("view window %s day", "view window %s days",
                                                     plural_count (config->view_window)),
                                           view));
  if (with_period)
    g_ptr_array_add (parts, format_period (config->period));
  if (config->event != NULL)
    /* Translators: the conversion event analysed */
    g_ptr_array_add (parts, g_strdup_printf (_ ("event “%s”"), config->event));
  if (config->segment != NULL)
    /* Translators: the segment of visitors analysed */
    g_ptr_array_add (parts, g_strdup_printf (_ ("segment “%s”"), config->segment));
  if (config->level == RDM_LEVEL_CAMPAIGN)
    g_ptr_array_add (parts, g_strdup (_ ("by campaign")));
  else if (config->level == RDM_LEVEL_GROUP)
    g_ptr_array_add (parts, g_strdup (_ ("by channel group")));
  if (config->click_priority)
    g_ptr_array_add (parts, g_strdup (_ ("click priority")));
  if (config->view_weight != 100)
    {
      g_autofree char *weight = g_strdup_printf ("%g", config->view_weight);

      /* Translators: a view counts this percentage of a click */
      g_ptr_array_add (parts, g_strdup_printf (_ ("views at %s %%"), weight));
    }
  if (!config->restart)
    g_ptr_array_add (parts, g_strdup (_ ("no restart after a conversion")));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **)parts->pdata);
}

static void
update (RdmSettingsSummary *self)
{
  g_autofree char *text = NULL;

  if (self->settings != NULL)
    text = rdm_analysis_settings_describe (self->settings, self->period_shown);
  gtk_label_set_text (self->label, text != NULL ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->label), text);
}

GtkWidget *
rdm_settings_summary_new (void)
{
  return g_object_new (RDM_TYPE_SETTINGS_SUMMARY, NULL);
}

RdmAnalysisSettings *
rdm_settings_summary_get_settings (RdmSettingsSummary *self)
{
  g_return_val_if_fail (RDM_IS_SETTINGS_SUMMARY (self), NULL);
  return self->settings;
}

void
rdm_settings_summary_set_settings (RdmSettingsSummary *self, RdmAnalysisSettings *settings)
{
  g_return_if_fail (RDM_IS_SETTINGS_SUMMARY (self));
  g_return_if_fail (settings == NULL || RDM_IS_ANALYSIS_SETTINGS (settings));

  if (settings == self->settings)
    return;
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  if (settings != NULL)
    g_signal_connect_object (settings, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
}

const char *
rdm_settings_summary_get_text (RdmSettingsSummary *self)
{
  g_return_val_if_fail (RDM_IS_SETTINGS_SUMMARY (self), NULL);
  return gtk_label_get_text (self->label);
}

static void
rdm_settings_summary_dispose (GObject *object)
{
  RdmSettingsSummary *self = RDM_SETTINGS_SUMMARY (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), RDM_TYPE_SETTINGS_SUMMARY);
  G_OBJECT_CLASS (rdm_settings_summary_parent_class)->dispose (object);
}

static void
rdm_settings_summary_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RdmSettingsSummary *self = RDM_SETTINGS_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_PERIOD_SHOWN:
      g_value_set_boolean (value, self->period_shown);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rdm_settings_summary_set_property (GObject *object,
                                   guint prop_id,
                                   const GValue *value,
                                   GParamSpec *pspec)
{
  RdmSettingsSummary *self = RDM_SETTINGS_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      rdm_settings_summary_set_settings (self, g_value_get_object (value));
      break;
    case PROP_PERIOD_SHOWN:
      if (self->period_shown != g_value_get_boolean (value))
        {
          self->period_shown = g_value_get_boolean (value);
          update (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rdm_settings_summary_class_init (RdmSettingsSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rdm_settings_summary_dispose;
  object_class->get_property = rdm_settings_summary_get_property;
  object_class->set_property = rdm_settings_summary_set_property;

  properties[PROP_SETTINGS]
      = g_param_spec_object ("settings", NULL, NULL, RDM_TYPE_ANALYSIS_SETTINGS,
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* FALSE in a section with a period of its own (the scorecard) */
  properties[PROP_PERIOD_SHOWN]
      = g_param_spec_boolean ("period-shown", NULL, NULL, TRUE,
                              G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  rdm_widgets_ensure_resources ();
  gtk_widget_class_set_template_from_resource (
      widget_class, "/fr/rendement/Rendement/widgets/rdm-settings-summary.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, RdmSettingsSummary, box);
  gtk_widget_class_bind_template_child (widget_class, RdmSettingsSummary, label);
}

static void
rdm_settings_summary_init (RdmSettingsSummary *self)
{
  self->period_shown = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}
