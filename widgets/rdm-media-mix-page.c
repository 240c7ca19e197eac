/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The section only shows: the fit is the session's RdmMediaMixFitter,
 * started when the section is first shown with a project, so that the
 * window fits once whichever of Media Mix and Budget is opened first. The
 * numbers are the fit's (rdm_project_fit_media_mix(), as "rendement-cli
 * mmm" prints them); the decomposition is summed by week because daily
 * values swing with the weekday and hide the trend.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rdm-budget.h"
#include "rdm-chart-view.h"
#include "rdm-error-dialog.h"
#include "rdm-format.h"
#include "rdm-media-mix-page.h"
#include "rdm-media-mix-report.h"
#include "rdm-result-row.h"
#include "rdm-result-table.h"
#include "rdm-table-export-button.h"

#define SECONDS_PER_DAY 86400

struct _RdmMediaMixPage
{
  RdmSection parent_instance;

  /* Template widgets */
  GtkLabel *quality_label;
  GtkSpinner *spinner;
  GtkButton *cancel_button;
  GtkStack *stack;
  AdwStatusPage *empty_page;
  AdwStatusPage *error_page;
  GtkLabel *caption_label;
  GtkColumnView *table;
  GtkLabel *warnings_label;
  RdmChartView *decomposition_chart;
  RdmChartView *curves_chart;

  /* Borrowed references */
  RdmMediaMixFitter *fitter; /* the session's */

  /* Owned references */
  GListStore *rows;
};

G_DEFINE_FINAL_TYPE (RdmMediaMixPage, rdm_media_mix_page, RDM_TYPE_SECTION)

GtkWidget *
rdm_media_mix_page_new (void)
{
  return g_object_new (RDM_TYPE_MEDIA_MIX_PAGE, NULL);
}

static char *
interval_text (const RdmMmmEstimate *estimate, int decimals, gboolean percent)
{
  g_autofree char *low = percent ? rdm_result_format_percent (estimate->low)
                                 : rdm_result_format_number (estimate->low, decimals);
  g_autofree char *high = percent ? rdm_result_format_percent (estimate->high)
                                  : rdm_result_format_number (estimate->high, decimals);

  /* Translators: a 95 % interval, low to high */
  return g_strdup_printf (_ ("%s to %s"), low, high);
}

static RdmResultRow *
channel_row (const RdmMmmFit *fit, const RdmMmmChannel *channel)
{
  RdmResultRow *row
      = rdm_result_row_new (channel->channel, channel->channel, RDM_MEDIA_MIX_N_COLUMNS);
  double share
      = fit->total_conversions > 0 ? channel->contribution.estimate / fit->total_conversions : NAN;

  rdm_result_row_set_cell (row, RDM_MEDIA_MIX_COLUMN_SPEND, channel->spend,
                           rdm_result_format_number (channel->spend, 0));
  rdm_result_row_set_cell (row, RDM_MEDIA_MIX_COLUMN_CONTRIBUTION, channel->contribution.estimate,
                           rdm_result_format_number (channel->contribution.estimate, 0));
  rdm_result_row_set_cell (row, RDM_MEDIA_MIX_COLUMN_CONTRIBUTION_INTERVAL, NAN,
                           interval_text (&channel->contribution, 0, FALSE));
  rdm_result_row_set_cell (row, RDM_MEDIA_MIX_COLUMN_SHARE, share,
                           rdm_result_format_percent (share));
  rdm_result_row_set_cell (row, RDM_MEDIA_MIX_COLUMN_ROI, channel->roi.estimate,
                           rdm_result_format_percent (channel->roi.estimate));
  rdm_result_row_set_cell (row, RDM_MEDIA_MIX_COLUMN_ROI_INTERVAL, NAN,
                           interval_text (&channel->roi, 0, TRUE));
  rdm_result_row_set_cell (row, RDM_MEDIA_MIX_COLUMN_MARGINAL_ROI, channel->marginal_roi.estimate,
                           rdm_result_format_percent (channel->marginal_roi.estimate));
  rdm_result_row_set_cell (row, RDM_MEDIA_MIX_COLUMN_ADSTOCK, channel->adstock.estimate,
                           rdm_result_format_number (channel->adstock.estimate, 2));
  rdm_result_row_set_cell (row, RDM_MEDIA_MIX_COLUMN_HALF_SATURATION,
                           channel->half_saturation.estimate,
                           rdm_result_format_number (channel->half_saturation.estimate, 0));
  rdm_result_row_set_cell (row, RDM_MEDIA_MIX_COLUMN_SHAPE, channel->shape.estimate,
                           rdm_result_format_number (channel->shape.estimate, 2));
  rdm_result_row_set_cell (row, RDM_MEDIA_MIX_COLUMN_WARNING, NAN,
                           g_strdup (rdm_media_mix_warning_word (channel->warnings)));
  return row;
}

static RdmResultRow *
baseline_row (const RdmMmmFit *fit)
{
  RdmResultRow *row = rdm_result_row_new (_ ("Baseline"), "(baseline)", RDM_MEDIA_MIX_N_COLUMNS);
  double share = fit->total_conversions > 0 ? fit->baseline.estimate / fit->total_conversions : NAN;

  rdm_result_row_set_cell (row, RDM_MEDIA_MIX_COLUMN_CONTRIBUTION, fit->baseline.estimate,
                           rdm_result_format_number (fit->baseline.estimate, 0));
  rdm_result_row_set_cell (row, RDM_MEDIA_MIX_COLUMN_CONTRIBUTION_INTERVAL, NAN,
                           interval_text (&fit->baseline, 0, FALSE));
  rdm_result_row_set_cell (row, RDM_MEDIA_MIX_COLUMN_SHARE, share,
                           rdm_result_format_percent (share));
  return row;
}

static void
fill_table (RdmMediaMixPage *self, const RdmMmmFit *fit)
{
  const char *const titles[] = {
    _ ("Spend"),
    _ ("Contribution"),
    /* Translators: the 95 % interval of the column before */
    _ ("95 % Interval"),
    _ ("Share"),
    _ ("ROI"),
    _ ("95 % Interval"),
    /* Translators: the return of the next unit of spend */
    _ ("Marginal ROI"),
    /* Translators: θ, the share of a day's effect carried to the next */
    _ ("Carry-over θ"),
    /* Translators: K, the daily spend at which a channel gives half its maximum */
    _ ("Half-Saturation K"),
    /* Translators: S, the shape of the response curve */
    _ ("Shape S"),
    _ ("Warning"),
  };
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *warnings = rdm_media_mix_warnings_text (fit);

  G_STATIC_ASSERT (G_N_ELEMENTS (titles) == RDM_MEDIA_MIX_N_COLUMNS);
  g_list_store_remove_all (self->rows);
  rdm_result_table_set_columns (self->table, _ ("Channel"), 120, titles, G_N_ELEMENTS (titles));
  for (guint c = 0; c < fit->n_channels; c++)
    g_ptr_array_add (rows, channel_row (fit, &fit->channels[c]));
  g_ptr_array_add (rows, baseline_row (fit));
  g_list_store_splice (self->rows, 0, 0, rows->pdata, rows->len);

  gtk_label_set_text (self->warnings_label, warnings != NULL ? warnings : "");
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_label), warnings != NULL);
}

static void
show_fit (RdmMediaMixPage *self)
{
  const RdmMmmFit *fit = rdm_media_mix_fitter_get_fit (self->fitter);
  const RdmMediaMixData *data = rdm_media_mix_fitter_get_data (self->fitter);
  g_autoptr (RdmChart) decomposition
      = rdm_media_mix_decomposition_chart (fit, rdm_media_mix_fitter_get_events (self->fitter));
  g_autofree double *today = rdm_budget_recent_daily_spend (data->spend, data->n_channels,
                                                            data->n_days, RDM_BUDGET_DEFAULT_WEEKS);
  g_autoptr (RdmChart) curves = rdm_media_mix_curves_chart (
      fit, today, today,
      _ ("Conversions a day at a steady daily spend; rings mark today’s spend, the mean of the "
         "last 13 weeks"));
  g_autofree char *quality = rdm_media_mix_quality_text (fit);
  g_autofree char *first = rdm_format_day (fit->first_day);
  g_autofree char *last
      = rdm_format_day (fit->first_day + (gint64)(fit->n_days - 1) * SECONDS_PER_DAY);
  g_autofree char *caption = NULL;
  g_autofree char *conversions = rdm_result_format_number (fit->total_conversions, 0);

  gtk_label_set_text (self->quality_label, quality);
  if (fit->r2 < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->quality_label), "warning");
  caption = g_strdup_printf (
      /* Translators: first day, last day, conversions, replicates, then where the outcomes come from */
      _ ("%s to %s: %s conversions. Intervals from %u bootstrap replicates over weeks; a "
         "contribution’s also takes in every value the data fit almost as well. %s"),
      first, last, conversions, fit->n_replicates,
      data->from_event_log ? _ ("Daily outcomes from the event log’s conversions.")
                           : _ ("Daily outcomes from the imported outcomes."));
  gtk_label_set_text (self->caption_label, caption);
  fill_table (self, fit);
  rdm_chart_view_set_chart (self->decomposition_chart, decomposition);
  rdm_chart_view_set_chart (self->curves_chart, curves);
  rdm_section_show_state (RDM_SECTION (self), "report");
}

static void
update (RdmMediaMixPage *self)
{
  RdmMediaMixState state = rdm_media_mix_fitter_get_state (self->fitter);
  gboolean fitting = state == RDM_MEDIA_MIX_STATE_FITTING;

  rdm_section_set_busy (RDM_SECTION (self), fitting);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), fitting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media-mix.cancel", fitting);
  if (state != RDM_MEDIA_MIX_STATE_READY)
    {
      g_list_store_remove_all (self->rows);
      gtk_widget_remove_css_class (GTK_WIDGET (self->quality_label), "warning");
      gtk_label_set_text (self->quality_label, _ ("Media-mix model over all the project’s days"));
    }
  if (!rdm_media_mix_fitter_show_state (RDM_SECTION (self), self->fitter, self->empty_page))
    return;
  show_fit (self);
}

/* Shows the state of @fitter in @section ("no-project", "fitting",
 * "cancelled", "empty" with @empty_page saying what is missing, or the
 * error), starting the fit when the section is shown and the fitter idle.
 * TRUE when the fit is ready, for the section to show it. */
gboolean
rdm_media_mix_fitter_show_state (RdmSection *section,
                                 RdmMediaMixFitter *fitter,
                                 AdwStatusPage *empty_page)
{
  switch (rdm_media_mix_fitter_get_state (fitter))
    {
    case RDM_MEDIA_MIX_STATE_IDLE:
      if (rdm_section_get_project (section) == NULL)
        rdm_section_show_state (section, "no-project");
      else if (gtk_widget_get_mapped (GTK_WIDGET (section)))
        rdm_media_mix_fitter_fit (fitter);
      return FALSE;
    case RDM_MEDIA_MIX_STATE_FITTING:
      rdm_section_show_state (section, "fitting");
      return FALSE;
    case RDM_MEDIA_MIX_STATE_CANCELLED:
      rdm_section_show_state (section, "cancelled");
      return FALSE;
    case RDM_MEDIA_MIX_STATE_FAILED:
      {
        const GError *error = rdm_media_mix_fitter_get_error (fitter);

        if (rdm_media_mix_error_is_missing_data (error))
          {
            g_autofree char *text = rdm_media_mix_missing_data_text (error);

            rdm_status_page_set_description_text (empty_page, text);
            rdm_section_show_state (section, "empty");
          }
        else
          rdm_section_show_error (section, NULL, error);
      }
      return FALSE;
    case RDM_MEDIA_MIX_STATE_READY:
    default:
      return TRUE;
    }
}

void
rdm_media_mix_fitter_follow (RdmSection *section, RdmMediaMixFitter **fitter, GCallback on_state)
{
  RdmProjectSession *session = rdm_section_get_session (section);
  RdmMediaMixFitter *current = session != NULL ? rdm_project_session_get_media_mix (session) : NULL;

  if (current != *fitter)
    {
      if (*fitter != NULL)
        g_signal_handlers_disconnect_by_data (*fitter, section);
      *fitter = current;
      if (current != NULL)
        g_signal_connect_object (current, "notify::state", on_state, section, G_CONNECT_SWAPPED);
    }
  if (current == NULL)
    rdm_section_show_state (section, "no-project");
  else
    ((void (*) (RdmSection *))on_state) (section);
}

static void
rdm_media_mix_page_reload (RdmSection *section)
{
  RdmMediaMixPage *self = RDM_MEDIA_MIX_PAGE (section);

  rdm_media_mix_fitter_follow (section, &self->fitter, G_CALLBACK (update));
}

/* The model fits only for what the section shows: no analysis setting
 * changes it. */
static void
rdm_media_mix_page_settings_changed (RdmSection *section, GParamSpec *pspec)
{
}

static void
on_map (RdmMediaMixPage *self)
{
  if (self->fitter != NULL
      && rdm_media_mix_fitter_get_state (self->fitter) == RDM_MEDIA_MIX_STATE_IDLE)
    update (self);
}

static GtkColumnView *
rdm_media_mix_page_get_table (RdmSection *section, GListModel **out_rows)
{
  RdmMediaMixPage *self = RDM_MEDIA_MIX_PAGE (section);

  *out_rows = G_LIST_MODEL (self->rows);
  return self->table;
}

static void
fit_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmMediaMixPage *self = RDM_MEDIA_MIX_PAGE (widget);

  if (self->fitter != NULL)
    rdm_media_mix_fitter_fit (self->fitter);
}

static void
cancel_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmMediaMixPage *self = RDM_MEDIA_MIX_PAGE (widget);

  if (self->fitter != NULL)
    rdm_media_mix_fitter_cancel (self->fitter);
}

GListModel *
_rdm_media_mix_page_get_rows (RdmMediaMixPage *self)
{
  return G_LIST_MODEL (self->rows);
}

RdmChartView *
_rdm_media_mix_page_get_decomposition_chart (RdmMediaMixPage *self)
{
  return self->decomposition_chart;
}

RdmChartView *
_rdm_media_mix_page_get_curves_chart (RdmMediaMixPage *self)
{
  return self->curves_chart;
}

const char *
_rdm_media_mix_page_get_quality (RdmMediaMixPage *self)
{
  return gtk_label_get_text (self->quality_label);
}

const char *
_rdm_media_mix_page_get_warnings (RdmMediaMixPage *self)
{
  return gtk_label_get_text (self->warnings_label);
}

AdwStatusPage *
_rdm_media_mix_page_get_empty_page (RdmMediaMixPage *self)
{
  return self->empty_page;
}

/* GObject */

static void
rdm_media_mix_page_dispose (GObject *object)
{
  RdmMediaMixPage *self = RDM_MEDIA_MIX_PAGE (object);

  if (self->fitter != NULL)
    g_signal_handlers_disconnect_by_data (self->fitter, self);
  self->fitter = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), RDM_TYPE_MEDIA_MIX_PAGE);
  g_clear_object (&self->rows);
  G_OBJECT_CLASS (rdm_media_mix_page_parent_class)->dispose (object);
}

static void
rdm_media_mix_page_class_init (RdmMediaMixPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rdm_media_mix_page_dispose;
  RDM_SECTION_CLASS (klass)->reload = rdm_media_mix_page_reload;
  RDM_SECTION_CLASS (klass)->settings_changed = rdm_media_mix_page_settings_changed;
  RDM_SECTION_CLASS (klass)->get_table = rdm_media_mix_page_get_table;

  g_type_ensure (RDM_TYPE_CHART_VIEW);
  g_type_ensure (RDM_TYPE_TABLE_EXPORT_BUTTON);
  rdm_widgets_ensure_resources ();
  gtk_widget_class_set_template_from_resource (
      widget_class, "/fr/rendement/Rendement/widgets/rdm-media-mix-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdmMediaMixPage, quality_label);
  gtk_widget_class_bind_template_child (widget_class, RdmMediaMixPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RdmMediaMixPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RdmMediaMixPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RdmMediaMixPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RdmMediaMixPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, RdmMediaMixPage, caption_label);
  gtk_widget_class_bind_template_child (widget_class, RdmMediaMixPage, table);
  gtk_widget_class_bind_template_child (widget_class, RdmMediaMixPage, warnings_label);
  gtk_widget_class_bind_template_child (widget_class, RdmMediaMixPage, decomposition_chart);
  gtk_widget_class_bind_template_child (widget_class, RdmMediaMixPage, curves_chart);
  gtk_widget_class_install_action (widget_class, "media-mix.fit", NULL, fit_action);
  gtk_widget_class_install_action (widget_class, "media-mix.cancel", NULL, cancel_action);
}

static void
rdm_media_mix_page_init (RdmMediaMixPage *self)
{
  GtkSelectionModel *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  rdm_section_set_status_widgets (RDM_SECTION (self), self->stack, self->spinner, self->error_page);
  self->rows = g_list_store_new (RDM_TYPE_RESULT_ROW);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows))));
  gtk_column_view_set_model (self->table, selection);
  g_object_unref (selection);
  /* the fit starts when the section is first seen, not when the window opens */
  g_signal_connect_swapped (self, "map", G_CALLBACK (on_map), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media-mix.cancel", FALSE);
  rdm_section_show_state (RDM_SECTION (self), "no-project");
}
