/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sliders are worth their expected outcome at once: valuing a split
 * is a sum of Hill curves over the fit's replicates (microseconds), so it
 * runs on the main loop at every move; only the plans, which optimise,
 * run in a worker, on a reference to the shared fit that outlives a
 * project change.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rdm-budget-page.h"
#include "rdm-format.h"
#include "rdm-budget.h"
#include "rdm-chart-view.h"
#include "rdm-error-dialog.h"
#include "rdm-media-mix-page.h"
#include "rdm-media-mix-report.h"
#include "rdm-result-table.h"

struct _RdmBudgetPage
{
  RdmSection parent_instance;

  /* Template widgets */
  GtkLabel *quality_label;
  GtkSpinner *spinner;
  GtkButton *cancel_button;
  GtkStack *stack;
  AdwStatusPage *empty_page;
  AdwStatusPage *error_page;
  GtkLabel *expected_label;
  GtkLabel *interval_label;
  GtkLabel *change_label;
  GtkLabel *total_label;
  GtkLabel *message_label;
  GtkListBox *channels_box;
  RdmChartView *curves_chart;

  /* Borrowed references */
  RdmMediaMixFitter *fitter; /* the session's */

  /* Owned references */
  RdmMediaMixResult *result; /* the fit the sliders are on */
  RdmBudgetPlan *today;      /* today's split and the bounds */
  RdmBudgetPlan *proposal;   /* the split proposed, while the sliders show it */
  GPtrArray *adjustments;    /* GtkAdjustment *, per channel */
  GPtrArray *scales;         /* GtkScale *, per channel */
  GPtrArray *bounds_labels;  /* GtkLabel *, per channel */
  double expected;           /* conversions the sliders' split is expected to bring */
  gboolean setting;          /* the sliders are being set together */
};

G_DEFINE_FINAL_TYPE (RdmBudgetPage, rdm_budget_page, RDM_TYPE_SECTION)

/* What a plan's worker reads. */
typedef struct
{
  RdmSectionInput input;
  RdmMediaMixResult *result;
  double total; /* NAN: today's */
} PlanInput;

static void
plan_input_free (gpointer data)
{
  PlanInput *input = data;

  g_clear_pointer (&input->result, rdm_media_mix_result_unref);
  rdm_section_input_free (input);
}

GtkWidget *
rdm_budget_page_new (void)
{
  return g_object_new (RDM_TYPE_BUDGET_PAGE, NULL);
}

static guint
n_channels (RdmBudgetPage *self)
{
  return self->adjustments->len;
}

static double
slider_value (RdmBudgetPage *self, guint c)
{
  return gtk_adjustment_get_value (g_ptr_array_index (self->adjustments, c));
}

/* The conversions from media over the plan of the plan-long spends
 * @spends, as rdm_budget_plan() values a split. */
static double
expected_of (RdmBudgetPage *self, const double *spends, double *out_low, double *out_high)
{
  RdmMmmEstimate expected;

  rdm_budget_value_split (self->result->fit, spends, self->today->days, &expected);
  *out_low = expected.low;
  *out_high = expected.high;
  return expected.estimate;
}

/* The curves with rings at the sliders' daily spends. */
static void
update_curves (RdmBudgetPage *self, const double *spends)
{
  const RdmMmmFit *fit = self->result->fit;
  g_autofree double *today = g_new (double, fit->n_channels);
  g_autofree double *planned = g_new (double, fit->n_channels);
  g_autoptr (RdmChart) chart = NULL;

  for (guint c = 0; c < fit->n_channels; c++)
    {
      today[c] = self->today->current[c] / self->today->days;
      planned[c] = spends[c] / self->today->days;
    }
  chart = rdm_media_mix_curves_chart (
      fit, today, planned,
      _ ("Conversions a day at a steady daily spend; rings mark the sliders’ spend"));
  rdm_chart_view_set_chart (self->curves_chart, chart);
}

/* Whether the sliders' @spends are @split's, to the unit. */
static gboolean
at_split (RdmBudgetPage *self, const double *spends, const double *split)
{
  for (guint c = 0; c < n_channels (self); c++)
    if (fabs (spends[c] - split[c]) > 0.5)
      return FALSE;
  return TRUE;
}

static void
update_expected (RdmBudgetPage *self)
{
  const RdmMmmFit *fit;
  g_autofree double *spends = NULL;
  double low, high, today_low, today_high, today_expected, total = 0;
  g_autofree char *conversions = NULL, *low_text = NULL, *high_text = NULL, *value = NULL;
  g_autofree char *change = NULL, *change_value = NULL, *total_text = NULL, *today_total = NULL;
  g_autofree char *text = NULL;

  if (self->setting || self->result == NULL || self->today == NULL)
    return;
  fit = self->result->fit;
  spends = g_new (double, n_channels (self));
  for (guint c = 0; c < n_channels (self); c++)
    {
      spends[c] = slider_value (self, c);
      total += spends[c];
    }
  self->expected = expected_of (self, spends, &low, &high);
  today_expected = expected_of (self, self->today->current, &today_low, &today_high);

  conversions = rdm_result_format_number (self->expected, 0);
  low_text = rdm_result_format_number (low, 0);
  high_text = rdm_result_format_number (high, 0);
  /* Translators: expected conversions over the plan */
  text = g_strdup_printf (_ ("%s conversions from media"), conversions);
  gtk_label_set_text (self->expected_label, text);
  g_clear_pointer (&text, g_free);
  if (fit->has_value)
    {
      value = rdm_result_format_number (self->expected * fit->value_per_conversion, 0);
      /* Translators: the interval's low and high, then the conversions' value */
      text = g_strdup_printf (_ ("95 %% interval %s to %s; worth %s"), low_text, high_text, value);
    }
  else
    /* Translators: the interval's low and high */
    text = g_strdup_printf (_ ("95 %% interval %s to %s"), low_text, high_text);
  gtk_label_set_text (self->interval_label, text);
  g_clear_pointer (&text, g_free);

  /* the proposal's gain is told once its optimism is taken off (see
   * rdm_budget_plan()); moved away from it, the sliders are the user's own
   * split and its message no longer applies */
  if (self->proposal != NULL && !at_split (self, spends, self->proposal->proposed))
    {
      g_clear_pointer (&self->proposal, rdm_budget_plan_free);
      gtk_label_set_text (self->message_label, "");
    }
  if (self->proposal != NULL && !at_split (self, self->today->current, self->proposal->proposed))
    {
      change = rdm_result_format_delta (self->proposal->gain.estimate, 0);
      if (fit->has_value)
        {
          change_value = rdm_result_format_delta (
              self->proposal->gain.estimate * fit->value_per_conversion, 0);
          /* Translators: change in conversions, then in value */
          text = g_strdup_printf (_ ("%s conversions (%s in value) against today’s split, once "
                                     "the optimism of choosing it is taken off"),
                                  change, change_value);
        }
      else
        /* Translators: change in conversions */
        text = g_strdup_printf (_ ("%s conversions against today’s split, once the optimism of "
                                   "choosing it is taken off"),
                                change);
    }
  else if (fabs (self->expected - today_expected) < 0.5)
    text = g_strdup (_ ("As many as today’s split"));
  else if (fit->has_value)
    {
      change = rdm_result_format_delta (self->expected - today_expected, 0);
      change_value = rdm_result_format_delta (
          (self->expected - today_expected) * fit->value_per_conversion, 0);
      /* Translators: change in conversions, then in value */
      text = g_strdup_printf (_ ("%s conversions (%s in value) against today’s split"), change,
                              change_value);
    }
  else
    {
      change = rdm_result_format_delta (self->expected - today_expected, 0);
      /* Translators: change in conversions */
      text = g_strdup_printf (_ ("%s conversions against today’s split"), change);
    }
  gtk_label_set_text (self->change_label, text);
  g_clear_pointer (&text, g_free);

  total_text = rdm_result_format_number (total, 0);
  today_total = rdm_result_format_number (self->today->total, 0);
  text = g_strdup_printf (
      /* Translators: the sliders' total, today's total, then the number of weeks */
      g_dngettext (GETTEXT_PACKAGE, "Total spend %s (today’s split: %s) over the next week",
                   "Total spend %s (today’s split: %s) over the next %u weeks",
                   self->today->days / 7),
      total_text, today_total, self->today->days / 7);
  gtk_label_set_text (self->total_label, text);
  update_curves (self, spends);
}

static void
set_sliders (RdmBudgetPage *self, const double *spends)
{
  self->setting = TRUE;
  for (guint c = 0; c < n_channels (self); c++)
    {
      GtkAdjustment *adjustment = g_ptr_array_index (self->adjustments, c);

      if (spends[c] > gtk_adjustment_get_upper (adjustment))
        gtk_adjustment_set_upper (adjustment, spends[c]);
      gtk_adjustment_set_value (adjustment, spends[c]);
    }
  self->setting = FALSE;
  update_expected (self);
}

/* A spend as the rest of the section shows it, thousands grouped; read
 * back with or without the grouping. */
static gboolean
spin_output (GtkSpinButton *spin, gpointer unused)
{
  g_autofree char *text = rdm_format_fixed (gtk_spin_button_get_value (spin), 0);

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
spin_input (GtkSpinButton *spin, double *new_value, gpointer unused)
{
  if (rdm_format_parse_number (gtk_editable_get_text (GTK_EDITABLE (spin)), new_value))
    return TRUE;
  /* GTK applies *new_value even after an error: a typo keeps the spend */
  *new_value = gtk_spin_button_get_value (spin);
  return GTK_INPUT_ERROR;
}

static GtkWidget *
channel_row (RdmBudgetPage *self, guint c)
{
  const RdmBudgetPlan *plan = self->today;
  const char *name = self->result->fit->channels[c].channel;
  /* room past the upper bound, where the curves are guesses but a
   * person may still look */
  double upper = MAX (MAX (plan->upper[c], plan->current[c]) * 1.5, 1.0);
  GtkAdjustment *adjustment = gtk_adjustment_new (
      plan->current[c], 0, upper, MAX (round (upper / 200), 1), MAX (round (upper / 20), 1), 0);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (name);
  GtkWidget *scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, adjustment);
  GtkWidget *spin = gtk_spin_button_new (adjustment, 1, 0);
  g_autofree char *today = rdm_result_format_number (plan->current[c], 0);
  g_autofree char *lower_text = rdm_result_format_number (plan->lower[c], 0);
  g_autofree char *upper_text = rdm_result_format_number (plan->upper[c], 0);
  /* Translators: today's spend of a channel over the plan, then the bounds of a proposal */
  g_autofree char *bounds_text = g_strdup_printf (
      _ ("Today’s split: %s; a proposal keeps it within %s to %s"), today, lower_text, upper_text);
  GtkWidget *bounds = gtk_label_new (bounds_text);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_size_request (label, 130, -1);
  gtk_widget_set_tooltip_text (label, name);
  gtk_widget_set_hexpand (scale, TRUE);
  gtk_scale_set_draw_value (GTK_SCALE (scale), FALSE);
  gtk_scale_add_mark (GTK_SCALE (scale), plan->current[c], GTK_POS_BOTTOM, NULL);
  gtk_scale_add_mark (GTK_SCALE (scale), plan->lower[c], GTK_POS_TOP, NULL);
  gtk_scale_add_mark (GTK_SCALE (scale), plan->upper[c], GTK_POS_TOP, NULL);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 10);
  g_signal_connect (spin, "output", G_CALLBACK (spin_output), NULL);
  g_signal_connect (spin, "input", G_CALLBACK (spin_input), NULL);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_label_set_xalign (GTK_LABEL (bounds), 0);
  gtk_label_set_wrap (GTK_LABEL (bounds), TRUE);
  gtk_widget_add_css_class (bounds, "dim-label");
  gtk_widget_add_css_class (bounds, "caption");
  gtk_box_append (GTK_BOX (line), label);
  gtk_box_append (GTK_BOX (line), scale);
  gtk_box_append (GTK_BOX (line), spin);
  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (GTK_BOX (box), bounds);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (update_expected), self,
                           G_CONNECT_SWAPPED);
  g_ptr_array_add (self->adjustments, g_object_ref (adjustment));
  g_ptr_array_add (self->scales, scale);
  g_ptr_array_add (self->bounds_labels, bounds);
  return box;
}

static void
clear_sliders (RdmBudgetPage *self)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->channels_box))) != NULL)
    gtk_list_box_remove (self->channels_box, row);
  g_ptr_array_set_size (self->adjustments, 0);
  g_ptr_array_set_size (self->scales, 0);
  g_ptr_array_set_size (self->bounds_labels, 0);
  g_clear_pointer (&self->today, rdm_budget_plan_free);
  g_clear_pointer (&self->proposal, rdm_budget_plan_free);
  g_clear_pointer (&self->result, rdm_media_mix_result_unref);
  self->expected = NAN;
}

static void
plan_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PlanInput *input = task_data;
  g_autoptr (GError) error = NULL;
  RdmBudgetRequest request = { RDM_BUDGET_DEFAULT_WEEKS, input->total, NULL, NULL };
  RdmBudgetPlan *plan
      = rdm_budget_plan (input->result->fit, input->result->data->spend, &request, &error);

  if (plan == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, plan, (GDestroyNotify)rdm_budget_plan_free);
}

static void
today_done (RdmSection *section, gpointer outcome)
{
  RdmBudgetPage *self = RDM_BUDGET_PAGE (section);

  self->today = outcome;
  for (guint c = 0; c < self->result->fit->n_channels; c++)
    gtk_list_box_append (self->channels_box, channel_row (self, c));
  gtk_label_set_text (self->message_label, "");
  update_expected (self);
  rdm_section_show_state (section, "budget");
}

static void
proposal_done (RdmSection *section, gpointer outcome)
{
  RdmBudgetPage *self = RDM_BUDGET_PAGE (section);
  g_autoptr (RdmBudgetPlan) plan = outcome;

  g_autofree char *gain = rdm_budget_describe_gain (plan);
  /* Translators: then what the split gains, in a sentence */
  g_autofree char *message
      = g_strdup_printf (_ ("The best split of this total within each channel’s bounds. %s"), gain);

  g_clear_pointer (&self->proposal, rdm_budget_plan_free);
  self->proposal = g_steal_pointer (&plan);
  gtk_label_set_text (self->message_label, message);
  set_sliders (self, self->proposal->proposed);
  rdm_section_show_state (section, "budget");
}

static void
start_plan (RdmBudgetPage *self, double total, RdmSectionDoneFunc done)
{
  PlanInput *input = rdm_section_input_new (RDM_SECTION (self), sizeof (PlanInput));

  input->result = rdm_media_mix_result_ref (self->result);
  input->total = total;
  rdm_section_run (RDM_SECTION (self), plan_thread, input, plan_input_free,
                   _ ("The Budget Could Not Be Planned"), done);
}

static void
update (RdmBudgetPage *self)
{
  RdmMediaMixState state = rdm_media_mix_fitter_get_state (self->fitter);
  gboolean fitting = state == RDM_MEDIA_MIX_STATE_FITTING;
  g_autofree char *quality = NULL;

  /* the plan of this very fit is shown, or on its way */
  if (state == RDM_MEDIA_MIX_STATE_READY && self->result != NULL
      && rdm_media_mix_fitter_get_result (self->fitter) == self->result)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), fitting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "budget.cancel", fitting);
  rdm_section_cancel (RDM_SECTION (self));
  rdm_section_set_busy (RDM_SECTION (self), fitting);
  if (state != RDM_MEDIA_MIX_STATE_READY
      || rdm_media_mix_fitter_get_result (self->fitter) != self->result)
    clear_sliders (self);
  gtk_widget_remove_css_class (GTK_WIDGET (self->quality_label), "warning");
  gtk_label_set_text (self->quality_label,
                      _ ("Budget for the next 13 weeks under the media-mix model"));
  if (!rdm_media_mix_fitter_show_state (RDM_SECTION (self), self->fitter, self->empty_page))
    return;
  quality = rdm_media_mix_quality_text (rdm_media_mix_fitter_get_fit (self->fitter));
  gtk_label_set_text (self->quality_label, quality);
  if (rdm_media_mix_fitter_get_fit (self->fitter)->r2 < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->quality_label), "warning");
  self->result = rdm_media_mix_result_ref (rdm_media_mix_fitter_get_result (self->fitter));
  rdm_section_show_state (RDM_SECTION (self), "fitting");
  start_plan (self, NAN, today_done);
}

static void
rdm_budget_page_reload (RdmSection *section)
{
  RdmBudgetPage *self = RDM_BUDGET_PAGE (section);

  rdm_media_mix_fitter_follow (section, &self->fitter, G_CALLBACK (update));
}

static void
rdm_budget_page_settings_changed (RdmSection *section, GParamSpec *pspec)
{
}

static void
on_map (RdmBudgetPage *self)
{
  if (self->fitter != NULL
      && rdm_media_mix_fitter_get_state (self->fitter) == RDM_MEDIA_MIX_STATE_IDLE)
    update (self);
}

static void
propose_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmBudgetPage *self = RDM_BUDGET_PAGE (widget);
  double total = 0, lowest = 0, highest = 0;

  if (self->today == NULL)
    return;
  for (guint c = 0; c < n_channels (self); c++)
    {
      total += slider_value (self, c);
      lowest += self->today->lower[c];
      highest += self->today->upper[c];
    }
  /* said beside the sliders, where the total was set, rather than as a
   * failed plan */
  if (total < lowest || total > highest)
    {
      g_autofree char *total_text = rdm_result_format_number (total, 0);
      g_autofree char *lowest_text = rdm_result_format_number (lowest, 0);
      g_autofree char *highest_text = rdm_result_format_number (highest, 0);
      g_autofree char *message = g_strdup_printf (
          _ ("No split of %s keeps every channel within its bounds, which allow %s to %s in "
             "all: bring the sliders’ total within them"),
          total_text, lowest_text, highest_text);

      gtk_label_set_text (self->message_label, message);
      return;
    }
  gtk_label_set_text (self->message_label, _ ("Looking for the best split…"));
  start_plan (self, total, proposal_done);
}

static void
reset_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmBudgetPage *self = RDM_BUDGET_PAGE (widget);

  if (self->today == NULL)
    return;
  g_clear_pointer (&self->proposal, rdm_budget_plan_free);
  set_sliders (self, self->today->current);
  gtk_label_set_text (self->message_label, "");
}

static void
fit_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmBudgetPage *self = RDM_BUDGET_PAGE (widget);

  if (self->fitter != NULL)
    rdm_media_mix_fitter_fit (self->fitter);
}

static void
cancel_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmBudgetPage *self = RDM_BUDGET_PAGE (widget);

  if (self->fitter != NULL)
    rdm_media_mix_fitter_cancel (self->fitter);
}

GtkScale *
_rdm_budget_page_get_scale (RdmBudgetPage *self, guint c)
{
  g_return_val_if_fail (c < self->scales->len, NULL);
  return g_ptr_array_index (self->scales, c);
}

guint
_rdm_budget_page_get_n_channels (RdmBudgetPage *self)
{
  return n_channels (self);
}

const char *
_rdm_budget_page_get_expected_text (RdmBudgetPage *self)
{
  return gtk_label_get_text (self->expected_label);
}

double
_rdm_budget_page_get_expected (RdmBudgetPage *self)
{
  return self->expected;
}

const char *
_rdm_budget_page_get_change_text (RdmBudgetPage *self)
{
  return gtk_label_get_text (self->change_label);
}

const char *
_rdm_budget_page_get_message (RdmBudgetPage *self)
{
  return gtk_label_get_text (self->message_label);
}

const char *
_rdm_budget_page_get_total_text (RdmBudgetPage *self)
{
  return gtk_label_get_text (self->total_label);
}

const char *
_rdm_budget_page_get_bounds_text (RdmBudgetPage *self, guint c)
{
  g_return_val_if_fail (c < self->bounds_labels->len, NULL);
  return gtk_label_get_text (g_ptr_array_index (self->bounds_labels, c));
}

/* GObject */

static void
rdm_budget_page_dispose (GObject *object)
{
  RdmBudgetPage *self = RDM_BUDGET_PAGE (object);

  rdm_section_cancel (RDM_SECTION (self));
  if (self->fitter != NULL)
    g_signal_handlers_disconnect_by_data (self->fitter, self);
  self->fitter = NULL;
  g_clear_pointer (&self->today, rdm_budget_plan_free);
  g_clear_pointer (&self->proposal, rdm_budget_plan_free);
  g_clear_pointer (&self->result, rdm_media_mix_result_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), RDM_TYPE_BUDGET_PAGE);
  G_OBJECT_CLASS (rdm_budget_page_parent_class)->dispose (object);
}

static void
rdm_budget_page_finalize (GObject *object)
{
  RdmBudgetPage *self = RDM_BUDGET_PAGE (object);

  g_ptr_array_unref (self->adjustments);
  g_ptr_array_unref (self->scales);
  g_ptr_array_unref (self->bounds_labels);
  G_OBJECT_CLASS (rdm_budget_page_parent_class)->finalize (object);
}

static void
rdm_budget_page_class_init (RdmBudgetPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rdm_budget_page_dispose;
  object_class->finalize = rdm_budget_page_finalize;
  RDM_SECTION_CLASS (klass)->reload = rdm_budget_page_reload;
  RDM_SECTION_CLASS (klass)->settings_changed = rdm_budget_page_settings_changed;

  g_type_ensure (RDM_TYPE_CHART_VIEW);
  rdm_widgets_ensure_resources ();
  gtk_widget_class_set_template_from_resource (
      widget_class, "/fr/rendement/Rendement/widgets/rdm-budget-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdmBudgetPage, quality_label);
  gtk_widget_class_bind_template_child (widget_class, RdmBudgetPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RdmBudgetPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RdmBudgetPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RdmBudgetPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RdmBudgetPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, RdmBudgetPage, expected_label);
  gtk_widget_class_bind_template_child (widget_class, RdmBudgetPage, interval_label);
  gtk_widget_class_bind_template_child (widget_class, RdmBudgetPage, change_label);
  gtk_widget_class_bind_template_child (widget_class, RdmBudgetPage, curves_chart);
  gtk_widget_class_bind_template_child (widget_class, RdmBudgetPage, total_label);
  gtk_widget_class_bind_template_child (widget_class, RdmBudgetPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, RdmBudgetPage, channels_box);
  gtk_widget_class_install_action (widget_class, "budget.propose", NULL, propose_action);
  gtk_widget_class_install_action (widget_class, "budget.reset", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "budget.fit", NULL, fit_action);
  gtk_widget_class_install_action (widget_class, "budget.cancel", NULL, cancel_action);
}

static void
rdm_budget_page_init (RdmBudgetPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rdm_section_set_status_widgets (RDM_SECTION (self), self->stack, self->spinner, self->error_page);
  self->adjustments = g_ptr_array_new_with_free_func (g_object_unref);
  self->scales = g_ptr_array_new ();
  self->bounds_labels = g_ptr_array_new ();
  self->expected = NAN;
  g_signal_connect_swapped (self, "map", G_CALLBACK (on_map), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "budget.cancel", FALSE);
  rdm_section_show_state (RDM_SECTION (self), "no-project");
}
