/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Playground section: see rdm-playground-page.h. The page holds the
 * journeys (an RdmPlayground) and the settings of the world; every edit
 * goes through them, and the page shows what analysis/rdm-playground
 * computes from them. Editing a touch's channel, kind or age, or a
 * journey's conversion, recomputes in place (a few journeys take
 * microseconds); adding, removing and moving touches or journeys are
 * actions, after which the journey cards are built again. The world runs
 * in a thread, one at a time: a slider moved while one runs asks for
 * another when it ends.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rdm-analysis-section.h"
#include "rdm-format.h"
#include "rdm-playground-page-private.h"
#include "rdm-result-row.h"
#include "rdm-result-table.h"
#include "rdm-row-button.h"

/* how long the sliders must rest before a new world is drawn */
#define WORLD_DELAY_MS 120
#define MAX_AGE_DAYS 365

struct _RdmPlaygroundPage
{
  RdmSection parent_instance;

  /* Template widgets */
  GtkBox *journeys_box;
  GtkColumnView *credit_table;
  GtkLabel *credit_note;
  AdwComboRow *explain_journey_row;
  AdwComboRow *explain_model_row;
  GtkLabel *explain_rule_label;
  GtkLabel *explain_label;
  GtkSpinner *world_spinner;
  GtkScale *baseline_scale;
  GtkScale *view_effect_scale;
  AdwPreferencesGroup *effects_group;
  GtkLabel *world_summary;
  GtkLabel *world_reading;
  GtkLabel *caveat_label;
  GtkColumnView *error_table;
  GtkColumnView *truth_table;

  /* Borrowed references: the effect sliders, in the channels' order */
  GPtrArray *effect_scales;

  /* Owned references */
  RdmPlayground *playground;
  RdmPlaygroundCredit *credit;
  GtkStringList *channels;
  GtkStringList *journey_names;
  GListStore *credit_rows;
  GListStore *error_rows;
  GListStore *truth_rows;
  RdmWorldSettings *world_settings;
  RdmPlaygroundWorld *world;
  GCancellable *world_cancellable;
  guint world_timeout;
  guint worlds_shown;
  gboolean world_running;
  gboolean world_pending;
  /* controls are being set from the data: their signals change nothing */
  gboolean updating;
};

G_DEFINE_FINAL_TYPE (RdmPlaygroundPage, rdm_playground_page, RDM_TYPE_SECTION)

static void refresh (RdmPlaygroundPage *self);
static void schedule_world (RdmPlaygroundPage *self);

/* Journeys */

static guint
channel_position (RdmPlaygroundPage *self, const char *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->channels));

  for (guint i = 0; i < n; i++)
    if (g_str_equal (gtk_string_list_get_string (self->channels, i), name))
      return i;
  gtk_string_list_append (self->channels, name);
  return n;
}

static void
touch_changed (RdmPlaygroundPage *self, GtkWidget *control)
{
  guint journey = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (control), "rdm-journey"));
  guint touch = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (control), "rdm-touch"));
  GtkWidget *row = gtk_widget_get_parent (control);
  GtkDropDown *channel = g_object_get_data (G_OBJECT (row), "rdm-channel");
  GtkDropDown *kind = g_object_get_data (G_OBJECT (row), "rdm-kind");
  GtkSpinButton *age = g_object_get_data (G_OBJECT (row), "rdm-age");
  guint selected = gtk_drop_down_get_selected (channel);

  if (self->updating || selected == GTK_INVALID_LIST_POSITION)
    return;
  rdm_playground_set_touch (
      self->playground, journey, touch, gtk_string_list_get_string (self->channels, selected),
      gtk_drop_down_get_selected (kind) == 1 ? RDM_TOUCH_VIEW : RDM_TOUCH_CLICK,
      gtk_spin_button_get_value (age));
  refresh (self);
}

static void
touch_choice_changed (RdmPlaygroundPage *self, GParamSpec *pspec, GtkWidget *control)
{
  touch_changed (self, control);
}

static void
converted_changed (RdmPlaygroundPage *self, GParamSpec *pspec, GtkSwitch *control)
{
  guint journey = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (control), "rdm-journey"));

  if (self->updating)
    return;
  rdm_playground_get_journey (self->playground, journey)->converted
      = gtk_switch_get_active (control);
  refresh (self);
}

static void
set_data (gpointer object, guint journey, guint touch)
{
  g_object_set_data (G_OBJECT (object), "rdm-journey", GUINT_TO_POINTER (journey));
  g_object_set_data (G_OBJECT (object), "rdm-touch", GUINT_TO_POINTER (touch));
}

static GtkWidget *
touch_row (RdmPlaygroundPage *self, guint j, guint t, guint n_touches)
{
  const RdmPlaygroundTouch *touch = &g_array_index (
      rdm_playground_get_journey (self->playground, j)->touches, RdmPlaygroundTouch, t);
  const char *kinds[] = { _ ("Click"), _ ("View"), NULL };
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *number = g_strdup_printf ("%u", t + 1);
  g_autofree char *channel_label = g_strdup_printf (_ ("Channel of touch %u"), t + 1);
  g_autofree char *kind_label = g_strdup_printf (_ ("Click or view, touch %u"), t + 1);
  /* Translators: accessible name of the spin button of a touch's age */
  g_autofree char *age_label = g_strdup_printf (_ ("Days from touch %u to the end"), t + 1);
  GtkWidget *index = gtk_label_new (number);
  GtkWidget *channel = gtk_drop_down_new (g_object_ref (G_LIST_MODEL (self->channels)), NULL);
  GtkWidget *kind = gtk_drop_down_new_from_strings (kinds);
  GtkWidget *age = gtk_spin_button_new_with_range (0, MAX_AGE_DAYS, 1);

  gtk_label_set_width_chars (GTK_LABEL (index), 2);
  gtk_widget_add_css_class (index, "dim-label");
  gtk_widget_add_css_class (index, "numeric");
  gtk_box_append (GTK_BOX (row), index);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (channel), channel_position (self, touch->channel));
  /* as wide as the longest channel name: the touches line up */
  gtk_widget_set_size_request (channel, 180, -1);
  gtk_widget_set_size_request (kind, 90, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (channel), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  channel_label, -1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (kind), touch->kind == RDM_TOUCH_VIEW ? 1 : 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (kind), GTK_ACCESSIBLE_PROPERTY_LABEL, kind_label,
                                  -1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (age), touch->age_days);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (age), TRUE);
  gtk_widget_set_tooltip_text (age, _ ("Days before the conversion (or the end)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (age), GTK_ACCESSIBLE_PROPERTY_LABEL, age_label,
                                  -1);
  {
    GtkWidget *controls[] = { channel, kind, age };

    for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
      {
        set_data (controls[i], j, t);
        gtk_widget_set_valign (controls[i], GTK_ALIGN_CENTER);
        gtk_box_append (GTK_BOX (row), controls[i]);
      }
  }
  g_object_set_data (G_OBJECT (row), "rdm-channel", channel);
  g_object_set_data (G_OBJECT (row), "rdm-kind", kind);
  g_object_set_data (G_OBJECT (row), "rdm-age", age);
  g_signal_connect_object (channel, "notify::selected", G_CALLBACK (touch_choice_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (kind, "notify::selected", G_CALLBACK (touch_choice_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (age, "value-changed", G_CALLBACK (touch_changed), self,
                           G_CONNECT_SWAPPED);

  {
    GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
    GtkWidget *up = rdm_row_button_new ("go-up-symbolic", _ ("Move the Touch Earlier"), NULL,
                                        "playground.move-touch", g_variant_new ("(uui)", j, t, -1));
    GtkWidget *down
        = rdm_row_button_new ("go-down-symbolic", _ ("Move the Touch Later"), NULL,
                              "playground.move-touch", g_variant_new ("(uui)", j, t, 1));

    gtk_widget_set_hexpand (spacer, TRUE);
    gtk_box_append (GTK_BOX (row), spacer);
    gtk_widget_set_sensitive (up, t > 0);
    gtk_widget_set_sensitive (down, t + 1 < n_touches);
    gtk_box_append (GTK_BOX (row), up);
    gtk_box_append (GTK_BOX (row), down);
    gtk_box_append (GTK_BOX (row),
                    rdm_row_button_new ("list-remove-symbolic", _ ("Remove the Touch"), NULL,
                                        "playground.remove-touch", g_variant_new ("(uu)", j, t)));
  }
  return row;
}

static GtkWidget *
journey_card (RdmPlaygroundPage *self, guint j)
{
  const RdmPlaygroundJourney *journey = rdm_playground_get_journey (self->playground, j);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *title = g_strdup_printf (_ ("Journey %u"), j + 1);
  g_autofree char *converted_label = g_strdup_printf (_ ("Journey %u converted"), j + 1);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *converted_text = gtk_label_new (_ ("Converted"));
  GtkWidget *converted = gtk_switch_new ();

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "playground-journey");
  g_object_set_data (G_OBJECT (card), "rdm-journey", GUINT_TO_POINTER (j));

  gtk_widget_add_css_class (title_label, "heading");
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_widget_set_hexpand (title_label, TRUE);
  gtk_box_append (GTK_BOX (header), title_label);
  gtk_box_append (GTK_BOX (header), converted_text);
  gtk_switch_set_active (GTK_SWITCH (converted), journey->converted);
  gtk_widget_set_valign (converted, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (converted), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  converted_label, -1);
  set_data (converted, j, 0);
  g_object_set_data (G_OBJECT (card), "rdm-converted", converted);
  g_signal_connect_object (converted, "notify::active", G_CALLBACK (converted_changed), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (header), converted);
  gtk_box_append (GTK_BOX (header),
                  rdm_row_button_new ("list-add-symbolic", _ ("Add a Touch"), NULL,
                                      "playground.add-touch", g_variant_new_uint32 (j)));
  gtk_box_append (GTK_BOX (header),
                  rdm_row_button_new ("user-trash-symbolic", _ ("Remove the Journey"), NULL,
                                      "playground.remove-journey", g_variant_new_uint32 (j)));
  gtk_box_append (GTK_BOX (card), header);
  if (journey->touches->len > 0)
    {
      GtkWidget *caption = gtk_label_new (
          _ ("Each touch: its channel, a click or an ad seen, and the days from it to the end of "
             "the journey."));

      gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
      gtk_label_set_xalign (GTK_LABEL (caption), 0);
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_widget_add_css_class (caption, "caption");
      gtk_box_append (GTK_BOX (card), caption);
    }

  for (guint t = 0; t < journey->touches->len; t++)
    gtk_box_append (GTK_BOX (card), touch_row (self, j, t, journey->touches->len));
  if (journey->touches->len == 0)
    {
      GtkWidget *empty = gtk_label_new (
          journey->converted ? _ ("No touch: its conversion goes to “No touch” in every model.")
                             : _ ("No touch: the models do not see this journey."));

      gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
      gtk_label_set_xalign (GTK_LABEL (empty), 0);
      gtk_widget_add_css_class (empty, "dim-label");
      gtk_box_append (GTK_BOX (card), empty);
    }
  return card;
}

static void
rebuild_journeys (RdmPlaygroundPage *self)
{
  GtkWidget *child;
  guint n = rdm_playground_n_journeys (self->playground);
  guint selected = adw_combo_row_get_selected (self->explain_journey_row);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->journeys_box))) != NULL)
    gtk_box_remove (self->journeys_box, child);
  for (guint j = 0; j < n; j++)
    {
      gtk_box_append (self->journeys_box, journey_card (self, j));
      g_ptr_array_add (names, g_strdup_printf (_ ("Journey %u"), j + 1));
    }
  g_ptr_array_add (names, NULL);

  self->updating = TRUE;
  gtk_string_list_splice (self->journey_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->journey_names)),
                          (const char *const *)names->pdata);
  adw_combo_row_set_selected (self->explain_journey_row,
                              n == 0 ? GTK_INVALID_LIST_POSITION : MIN (selected, n - 1));
  self->updating = FALSE;
}

/* Credit */

static void
fill_credit_table (RdmPlaygroundPage *self)
{
  const RdmPlaygroundCredit *credit = self->credit;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GString) note = g_string_new (NULL);
  g_autofree char *conversions = rdm_result_format_number (credit->conversions, 0);
  g_autofree char *nulls = rdm_result_format_number (credit->nulls, 0);
  RdmResultRow *total;

  for (guint label = 0; label < rdm_path_set_n_labels (credit->set); label++)
    {
      const char *name = rdm_path_set_label_name (credit->set, label);
      RdmResultRow *row
          = rdm_result_row_new (rdm_analysis_section_label (name), name, RDM_PLAYGROUND_N_MODELS);

      for (guint m = 0; m < RDM_PLAYGROUND_N_MODELS; m++)
        {
          double value = credit->credits[m] != NULL
                             ? rdm_playground_credit_of (credit, rdm_playground_models[m], name)
                             : NAN;

          rdm_result_row_set_cell (row, m, value, rdm_result_format_number (value, 2));
        }
      g_ptr_array_add (rows, row);
    }
  total = rdm_result_row_new (_ ("Total"), NULL, RDM_PLAYGROUND_N_MODELS);
  for (guint m = 0; m < RDM_PLAYGROUND_N_MODELS; m++)
    {
      double value = credit->credits[m] != NULL ? credit->credits[m]->total_conversions : NAN;

      rdm_result_row_set_cell (total, m, value, rdm_result_format_number (value, 2));
    }
  g_ptr_array_add (rows, total);
  g_list_store_splice (self->credit_rows, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->credit_rows)), rows->pdata,
                       rows->len);

  g_string_append_printf (note,
                          _ ("Conversions shared: %s, one per converting journey. Journeys that "
                             "did not convert: %s."),
                          conversions, nulls);
  for (guint m = 0; m < RDM_PLAYGROUND_N_MODELS; m++)
    if (credit->messages[m] != NULL && credit->conversions > 0)
      g_string_append_printf (note, "\n%s: %s", rdm_model_display_name (rdm_playground_models[m]),
                              credit->messages[m]);
  gtk_label_set_text (self->credit_note, note->str);
  gtk_widget_set_visible (GTK_WIDGET (self->credit_note), TRUE);
}

/* The arithmetic of @e in sentences, one per line. */
static char *
explanation_text (RdmPlaygroundPage *self, const RdmExplanation *e, guint journey)
{
  GString *text = g_string_new (NULL);
  const char *model_name = rdm_model_display_name (e->model);

  if (e->per_touch)
    {
      double sum = 0;
      g_autofree char *sum_text = NULL;

      g_string_append_printf (text,
                              _ ("%s shares the conversion of journey %u between its "
                                 "touches:"),
                              model_name, journey + 1);
      for (guint i = 0; i < e->n_touches; i++)
        {
          g_autofree char *age = rdm_result_format_number (e->age_days[i], 0);
          g_autofree char *weight = rdm_result_format_number (e->weights[i], 3);
          g_autofree char *share = rdm_result_format_percent (e->shares[i]);
          g_autofree char *half_life = rdm_result_format_number (e->half_life_days, 0);
          const char *label = rdm_analysis_section_label (e->labels[i]);
          const char *kind = e->kinds[i] == RDM_TOUCH_VIEW ? _ ("an ad seen") : _ ("a click");

          g_string_append_c (text, '\n');
          if (!e->kept[i])
            g_string_append_printf (
                text, _ ("• Touch %u, %s (%s, %s days before): dropped by click priority"), i + 1,
                label, kind, age);
          else if (e->model == RDM_MODEL_TIME_DECAY)
            /* Translators: "weight 2^(−9 / 7) = 0.410": age over half-life */
            g_string_append_printf (
                text, _ ("• Touch %u, %s (%s, %s days before): weight 2^(−%s / %s) = %s, share %s"),
                i + 1, label, kind, age, age, half_life, weight, share);
          else
            g_string_append_printf (text,
                                    _ ("• Touch %u, %s (%s, %s days before): weight %s, share %s"),
                                    i + 1, label, kind, age, weight, share);
          sum += e->kept[i] ? e->weights[i] : 0;
        }
      sum_text = rdm_result_format_number (sum, 3);
      g_string_append_c (text, '\n');
      g_string_append_printf (
          text, _ ("The weights add up to %s; each share is a weight divided by that sum."),
          sum_text);
      return g_string_free (text, FALSE);
    }

  if (e->model == RDM_MODEL_MARKOV)
    {
      g_autofree char *p = rdm_result_format_number (e->baseline_probability, 3);
      g_autofree char *sum_text
          = rdm_result_format_number (rdm_playground_removal_effect_sum (self->credit), 3);
      g_autofree char *conversions = rdm_result_format_number (self->credit->conversions, 0);

      g_string_append_printf (text,
                              _ ("Learnt from the playground’s journeys, the chain converts from "
                                 "the start with a chance of %s."),
                              p);
      for (guint k = 0; k < e->n_parts; k++)
        {
          g_autofree char *without_text
              = rdm_result_format_number (rdm_playground_probability_without (e, k), 3);
          g_autofree char *re = rdm_result_format_number (e->part_values[k], 3);
          g_autofree char *share = rdm_result_format_percent (e->part_shares[k]);
          g_autofree char *journey_share = rdm_result_format_percent (e->part_journey_shares[k]);

          g_string_append_c (text, '\n');
          g_string_append_printf (
              text,
              _ ("• %s: without it the chance falls to %s, a removal effect of 1 − %s ÷ %s = %s; "
                 "it gets %s of all the conversions (%s of this journey’s channels’ effects)."),
              rdm_analysis_section_label (e->part_labels[k]), without_text, without_text, p, re,
              share, journey_share);
        }
      g_string_append_c (text, '\n');
      g_string_append_printf (text,
                              _ ("The removal effects of all the channels add up to %s: each "
                                 "channel gets its removal effect divided by that sum, times the "
                                 "%s conversions."),
                              sum_text, conversions);
      return g_string_free (text, FALSE);
    }

  g_string_append (text, _ ("The value of each group of this journey’s channels is the "
                            "conversion rate of the playground’s journeys whose channels are "
                            "exactly that group:"));
  for (guint s = 0; s < e->n_coalitions; s++)
    {
      g_autofree char *rate = rdm_result_format_percent (e->coalition_values[s]);

      g_string_append_printf (text, "\n• v(%s) = %s", e->coalition_labels[s], rate);
    }
  g_string_append_c (text, '\n');
  g_string_append (text, _ ("Each channel gets its average gain in that rate when it joins the "
                            "groups without it, and the journey’s conversion is shared in "
                            "proportion:"));
  for (guint k = 0; k < e->n_parts; k++)
    {
      g_autofree char *value = rdm_result_format_number (e->part_values[k], 3);
      g_autofree char *share = rdm_result_format_percent (e->part_shares[k]);

      g_string_append_c (text, '\n');
      g_string_append_printf (text, _ ("• %s: Shapley value %s, share %s"),
                              rdm_analysis_section_label (e->part_labels[k]), value, share);
    }
  return g_string_free (text, FALSE);
}

static void
update_explanation (RdmPlaygroundPage *self)
{
  guint journey = adw_combo_row_get_selected (self->explain_journey_row);
  guint m = adw_combo_row_get_selected (self->explain_model_row);
  RdmModel model;
  g_autoptr (RdmExplanation) e = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  if (m >= RDM_PLAYGROUND_N_MODELS)
    m = 0;
  model = rdm_playground_models[m];
  gtk_label_set_text (self->explain_rule_label, rdm_explain_model_rule (model));
  if (journey >= self->credit->n_journeys)
    {
      gtk_label_set_text (self->explain_label, _ ("Add a journey to see how it is credited."));
      return;
    }
  if (rdm_playground_get_journey (self->playground, journey)->touches->len == 0
      && rdm_playground_get_journey (self->playground, journey)->converted)
    {
      /* no channel to weigh: every model gives it whole to No touch */
      gtk_label_set_text (self->explain_label,
                          _ ("No touch: its conversion goes to “No touch” in every model."));
      return;
    }
  e = rdm_playground_explain (self->credit, journey, model, &error);
  if (e == NULL)
    {
      gtk_label_set_text (self->explain_label, error->message);
      return;
    }
  text = explanation_text (self, e, journey);
  gtk_label_set_text (self->explain_label, text);
}

static void
explain_choice_changed (RdmPlaygroundPage *self)
{
  if (!self->updating && self->credit != NULL)
    update_explanation (self);
}

static void
refresh (RdmPlaygroundPage *self)
{
  g_clear_pointer (&self->credit, rdm_playground_credit_free);
  self->credit = rdm_playground_attribute (self->playground, NULL);
  fill_credit_table (self);
  update_explanation (self);
}

/* Actions */

static void
add_journey_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmPlaygroundPage *self = RDM_PLAYGROUND_PAGE (widget);
  static const double ages[] = { 5, 0 };
  int added = rdm_playground_add_journey_text (self->playground, "Instagram > Paid Search", ages,
                                               G_N_ELEMENTS (ages), TRUE, NULL);

  g_assert (added >= 0);
  rebuild_journeys (self);
  adw_combo_row_set_selected (self->explain_journey_row, (guint)added);
  refresh (self);
}

static void
remove_journey_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmPlaygroundPage *self = RDM_PLAYGROUND_PAGE (widget);
  guint journey = g_variant_get_uint32 (parameter);

  if (journey >= rdm_playground_n_journeys (self->playground))
    return;
  rdm_playground_remove_journey (self->playground, journey);
  rebuild_journeys (self);
  refresh (self);
}

static void
add_touch_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmPlaygroundPage *self = RDM_PLAYGROUND_PAGE (widget);
  guint journey = g_variant_get_uint32 (parameter);

  if (journey >= rdm_playground_n_journeys (self->playground))
    return;
  rdm_playground_append_touch (self->playground, journey, "Email", RDM_TOUCH_CLICK);
  rebuild_journeys (self);
  refresh (self);
}

static gboolean
valid_touch (RdmPlaygroundPage *self, guint journey, guint touch)
{
  return journey < rdm_playground_n_journeys (self->playground)
         && touch < rdm_playground_get_journey (self->playground, journey)->touches->len;
}

static void
remove_touch_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmPlaygroundPage *self = RDM_PLAYGROUND_PAGE (widget);
  guint journey, touch;

  g_variant_get (parameter, "(uu)", &journey, &touch);
  if (!valid_touch (self, journey, touch))
    return;
  rdm_playground_remove_touch (self->playground, journey, touch);
  rebuild_journeys (self);
  refresh (self);
}

static void
move_touch_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmPlaygroundPage *self = RDM_PLAYGROUND_PAGE (widget);
  guint journey, touch;
  gint32 step;
  gint64 to;

  g_variant_get (parameter, "(uui)", &journey, &touch, &step);
  to = (gint64)touch + step;
  if (!valid_touch (self, journey, touch) || to < 0 || !valid_touch (self, journey, (guint)to))
    return;
  rdm_playground_move_touch (self->playground, journey, touch, (guint)to);
  rebuild_journeys (self);
  refresh (self);
}

static void
restore_examples_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmPlaygroundPage *self = RDM_PLAYGROUND_PAGE (widget);

  g_clear_pointer (&self->playground, rdm_playground_free);
  self->playground = rdm_playground_new_example ();
  rebuild_journeys (self);
  refresh (self);
}

/* The simulated world */

static void
fill_world (RdmPlaygroundPage *self)
{
  const RdmPlaygroundWorld *world = self->world;
  const RdmTruth *truth = world->truth;
  g_autoptr (GPtrArray) error_rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) truth_rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *visitors = rdm_format_count (world->n_visitors);
  g_autofree char *conversions = rdm_format_count (world->n_conversions);
  g_autofree char *anyway = rdm_format_count ((gint64)world->baseline_conversions);
  g_autofree char *summary = NULL;

  summary = g_strdup_printf (_ ("%s people met a channel or bought; %s conversions, of which %s "
                                "would have happened with every channel removed."),
                             visitors, conversions, anyway);
  gtk_label_set_text (self->world_summary, summary);
  gtk_label_set_text (self->world_reading, world->reading != NULL ? world->reading : "");

  for (guint k = 0; k < RDM_PLAYGROUND_N_MODELS; k++)
    {
      guint m = world->rank[k];
      const RdmTruthError *error = &world->errors[m];
      RdmResultRow *row = rdm_result_row_new (rdm_model_display_name (rdm_playground_models[m]),
                                              rdm_model_to_string (rdm_playground_models[m]), 2);

      rdm_result_row_set_cell (row, 0, error->share, rdm_result_format_number (error->share, 3));
      rdm_result_row_set_cell (row, 1, error->conversions,
                               rdm_result_format_number (error->conversions, 0));
      g_ptr_array_add (error_rows, row);
    }
  for (guint t = 0; t < truth->n_labels; t++)
    {
      const char *name = truth->label_names[t];
      RdmResultRow *row = rdm_result_row_new (rdm_analysis_section_label (name), name,
                                              1 + RDM_PLAYGROUND_N_MODELS);

      rdm_result_row_set_cell (row, 0, truth->conversions[t],
                               rdm_result_format_number (truth->conversions[t], 0));
      for (guint m = 0; m < RDM_PLAYGROUND_N_MODELS; m++)
        {
          const RdmCredit *credit = world->credits->pdata[m];
          int i = rdm_credit_find_label (credit, name);
          double value = i >= 0 ? credit->conversions[i] : 0;

          rdm_result_row_set_cell (row, 1 + m, value, rdm_result_format_number (value, 0));
        }
      g_ptr_array_add (truth_rows, row);
    }
  g_list_store_splice (self->error_rows, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->error_rows)),
                       error_rows->pdata, error_rows->len);
  g_list_store_splice (self->truth_rows, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->truth_rows)),
                       truth_rows->pdata, truth_rows->len);
}

static void
world_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  RdmPlaygroundWorld *world = rdm_playground_world_run (task_data, cancellable, &error);

  if (world == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, world, (GDestroyNotify)rdm_playground_world_free);
}

static void start_world (RdmPlaygroundPage *self);

static void
world_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RdmPlaygroundPage *self = RDM_PLAYGROUND_PAGE (source);
  g_autoptr (GError) error = NULL;
  RdmPlaygroundWorld *world = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->world_running = FALSE;
  g_clear_object (&self->world_cancellable);
  if (world != NULL)
    {
      g_clear_pointer (&self->world, rdm_playground_world_free);
      self->world = world;
      self->worlds_shown++;
      fill_world (self);
    }
  else
    gtk_label_set_text (self->world_reading, error->message);
  if (self->world_pending)
    start_world (self);
  else
    {
      gtk_spinner_set_spinning (self->world_spinner, FALSE);
      rdm_section_set_busy (RDM_SECTION (self), FALSE);
    }
}

static void
start_world (RdmPlaygroundPage *self)
{
  g_autoptr (GTask) task = NULL;

  if (self->world_running)
    {
      self->world_pending = TRUE;
      return;
    }
  self->world_pending = FALSE;
  self->world_running = TRUE;
  gtk_spinner_set_spinning (self->world_spinner, TRUE);
  rdm_section_set_busy (RDM_SECTION (self), TRUE);
  self->world_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->world_cancellable, world_done, NULL);
  g_task_set_source_tag (task, start_world);
  g_task_set_task_data (task, rdm_world_settings_copy (self->world_settings),
                        (GDestroyNotify)rdm_world_settings_free);
  g_task_run_in_thread (task, world_thread);
}

static gboolean
world_timeout_cb (gpointer user_data)
{
  RdmPlaygroundPage *self = user_data;

  self->world_timeout = 0;
  start_world (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_world (RdmPlaygroundPage *self)
{
  g_clear_handle_id (&self->world_timeout, g_source_remove);
  self->world_timeout = g_timeout_add (WORLD_DELAY_MS, world_timeout_cb, self);
}

static void
effect_changed (RdmPlaygroundPage *self, GtkRange *scale)
{
  guint channel = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (scale), "rdm-channel"));

  if (self->updating)
    return;
  g_array_index (self->world_settings->channels, RdmWorldChannel, channel).effect
      = gtk_range_get_value (scale);
  schedule_world (self);
}

static void
world_setting_changed (RdmPlaygroundPage *self)
{
  if (self->updating)
    return;
  self->world_settings->baseline = gtk_range_get_value (GTK_RANGE (self->baseline_scale));
  self->world_settings->view_effect = gtk_range_get_value (GTK_RANGE (self->view_effect_scale));
  schedule_world (self);
}

static void
set_scales (RdmPlaygroundPage *self)
{
  self->updating = TRUE;
  gtk_range_set_value (GTK_RANGE (self->baseline_scale), self->world_settings->baseline);
  gtk_range_set_value (GTK_RANGE (self->view_effect_scale), self->world_settings->view_effect);
  for (guint c = 0; c < self->effect_scales->len; c++)
    gtk_range_set_value (self->effect_scales->pdata[c],
                         g_array_index (self->world_settings->channels, RdmWorldChannel, c).effect);
  self->updating = FALSE;
}

static void
reset_world_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmPlaygroundPage *self = RDM_PLAYGROUND_PAGE (widget);

  g_clear_pointer (&self->world_settings, rdm_world_settings_free);
  self->world_settings = rdm_playground_world_settings_new ();
  set_scales (self);
  schedule_world (self);
}

static void
add_effect_rows (RdmPlaygroundPage *self)
{
  for (guint c = 0; c < self->world_settings->channels->len; c++)
    {
      const RdmWorldChannel *channel
          = &g_array_index (self->world_settings->channels, RdmWorldChannel, c);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0, 1, 0.05);
      /* Translators: accessible name of a slider; %s is a channel */
      g_autofree char *label = g_strdup_printf (_ ("True effect of %s"), channel->name);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), channel->name);
      gtk_scale_set_draw_value (GTK_SCALE (scale), TRUE);
      gtk_scale_set_value_pos (GTK_SCALE (scale), GTK_POS_RIGHT);
      gtk_scale_set_digits (GTK_SCALE (scale), 2);
      gtk_widget_set_size_request (scale, 200, -1);
      gtk_widget_set_valign (scale, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      g_object_set_data (G_OBJECT (scale), "rdm-channel", GUINT_TO_POINTER (c));
      g_object_set_data_full (G_OBJECT (scale), "rdm-name", g_strdup (channel->name), g_free);
      g_signal_connect_object (scale, "value-changed", G_CALLBACK (effect_changed), self,
                               G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), scale);
      adw_preferences_group_add (self->effects_group, row);
      g_ptr_array_add (self->effect_scales, scale);
    }
}

/* GtkWidget */

static void
rdm_playground_page_map (GtkWidget *widget)
{
  RdmPlaygroundPage *self = RDM_PLAYGROUND_PAGE (widget);

  GTK_WIDGET_CLASS (rdm_playground_page_parent_class)->map (widget);
  /* the first world is drawn when the page is first seen */
  if (self->worlds_shown == 0 && !self->world_running && self->world_timeout == 0)
    start_world (self);
}

/* RdmSection */

static GtkColumnView *
rdm_playground_page_get_table (RdmSection *section, GListModel **out_rows)
{
  RdmPlaygroundPage *self = RDM_PLAYGROUND_PAGE (section);

  *out_rows = G_LIST_MODEL (self->credit_rows);
  return self->credit_table;
}

/* GObject */

static void
rdm_playground_page_dispose (GObject *object)
{
  RdmPlaygroundPage *self = RDM_PLAYGROUND_PAGE (object);

  g_cancellable_cancel (self->world_cancellable);
  g_clear_object (&self->world_cancellable);
  g_clear_handle_id (&self->world_timeout, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), RDM_TYPE_PLAYGROUND_PAGE);
  g_clear_object (&self->credit_rows);
  g_clear_object (&self->error_rows);
  g_clear_object (&self->truth_rows);
  g_clear_object (&self->channels);
  g_clear_object (&self->journey_names);

  G_OBJECT_CLASS (rdm_playground_page_parent_class)->dispose (object);
}

static void
rdm_playground_page_finalize (GObject *object)
{
  RdmPlaygroundPage *self = RDM_PLAYGROUND_PAGE (object);

  g_clear_pointer (&self->effect_scales, g_ptr_array_unref);
  g_clear_pointer (&self->playground, rdm_playground_free);
  g_clear_pointer (&self->credit, rdm_playground_credit_free);
  g_clear_pointer (&self->world_settings, rdm_world_settings_free);
  g_clear_pointer (&self->world, rdm_playground_world_free);

  G_OBJECT_CLASS (rdm_playground_page_parent_class)->finalize (object);
}

static void
rdm_playground_page_class_init (RdmPlaygroundPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RdmSectionClass *section_class = RDM_SECTION_CLASS (klass);

  object_class->dispose = rdm_playground_page_dispose;
  object_class->finalize = rdm_playground_page_finalize;
  widget_class->map = rdm_playground_page_map;
  section_class->get_table = rdm_playground_page_get_table;

  rdm_widgets_ensure_resources ();
  gtk_widget_class_set_template_from_resource (
      widget_class, "/fr/rendement/Rendement/widgets/rdm-playground-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdmPlaygroundPage, journeys_box);
  gtk_widget_class_bind_template_child (widget_class, RdmPlaygroundPage, credit_table);
  gtk_widget_class_bind_template_child (widget_class, RdmPlaygroundPage, credit_note);
  gtk_widget_class_bind_template_child (widget_class, RdmPlaygroundPage, explain_journey_row);
  gtk_widget_class_bind_template_child (widget_class, RdmPlaygroundPage, explain_model_row);
  gtk_widget_class_bind_template_child (widget_class, RdmPlaygroundPage, explain_rule_label);
  gtk_widget_class_bind_template_child (widget_class, RdmPlaygroundPage, explain_label);
  gtk_widget_class_bind_template_child (widget_class, RdmPlaygroundPage, world_spinner);
  gtk_widget_class_bind_template_child (widget_class, RdmPlaygroundPage, baseline_scale);
  gtk_widget_class_bind_template_child (widget_class, RdmPlaygroundPage, view_effect_scale);
  gtk_widget_class_bind_template_child (widget_class, RdmPlaygroundPage, effects_group);
  gtk_widget_class_bind_template_child (widget_class, RdmPlaygroundPage, world_summary);
  gtk_widget_class_bind_template_child (widget_class, RdmPlaygroundPage, world_reading);
  gtk_widget_class_bind_template_child (widget_class, RdmPlaygroundPage, caveat_label);
  gtk_widget_class_bind_template_child (widget_class, RdmPlaygroundPage, error_table);
  gtk_widget_class_bind_template_child (widget_class, RdmPlaygroundPage, truth_table);

  gtk_widget_class_install_action (widget_class, "playground.add-journey", NULL,
                                   add_journey_action);
  gtk_widget_class_install_action (widget_class, "playground.remove-journey", "u",
                                   remove_journey_action);
  gtk_widget_class_install_action (widget_class, "playground.add-touch", "u", add_touch_action);
  gtk_widget_class_install_action (widget_class, "playground.remove-touch", "(uu)",
                                   remove_touch_action);
  gtk_widget_class_install_action (widget_class, "playground.move-touch", "(uui)",
                                   move_touch_action);
  gtk_widget_class_install_action (widget_class, "playground.restore-examples", NULL,
                                   restore_examples_action);
  gtk_widget_class_install_action (widget_class, "playground.reset-world", NULL,
                                   reset_world_action);
}

static void
set_table (GtkColumnView *table, GListStore *rows)
{
  gtk_column_view_set_model (
      table, GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (rows)))));
}

static void
rdm_playground_page_init (RdmPlaygroundPage *self)
{
  g_autoptr (RdmWorldSettings) defaults = rdm_world_settings_new_default ();
  g_autoptr (GtkStringList) models = gtk_string_list_new (NULL);
  const char *model_titles[RDM_PLAYGROUND_N_MODELS];
  const char *truth_titles[1 + RDM_PLAYGROUND_N_MODELS];
  const char *error_titles[2];

  gtk_widget_init_template (GTK_WIDGET (self));

  self->effect_scales = g_ptr_array_new ();
  self->playground = rdm_playground_new_example ();
  self->world_settings = rdm_playground_world_settings_new ();
  self->channels = gtk_string_list_new (NULL);
  for (guint c = 0; c < defaults->channels->len; c++)
    gtk_string_list_append (self->channels,
                            g_array_index (defaults->channels, RdmWorldChannel, c).name);
  self->journey_names = gtk_string_list_new (NULL);
  self->credit_rows = g_list_store_new (RDM_TYPE_RESULT_ROW);
  self->error_rows = g_list_store_new (RDM_TYPE_RESULT_ROW);
  self->truth_rows = g_list_store_new (RDM_TYPE_RESULT_ROW);

  /* the tables' columns never change */
  truth_titles[0] = _ ("Truth");
  for (guint m = 0; m < RDM_PLAYGROUND_N_MODELS; m++)
    {
      model_titles[m] = rdm_model_display_name (rdm_playground_models[m]);
      truth_titles[1 + m] = model_titles[m];
      gtk_string_list_append (models, model_titles[m]);
    }
  error_titles[0] = _ ("Share error");
  error_titles[1] = _ ("Conversions error");
  rdm_result_table_set_columns (self->credit_table, _ ("Channel"), 140, model_titles,
                                RDM_PLAYGROUND_N_MODELS);
  rdm_result_table_set_columns (self->truth_table, _ ("Channel"), 140, truth_titles,
                                G_N_ELEMENTS (truth_titles));
  rdm_result_table_set_columns (self->error_table, _ ("Model"), 160, error_titles,
                                G_N_ELEMENTS (error_titles));
  set_table (self->credit_table, self->credit_rows);
  set_table (self->truth_table, self->truth_rows);
  set_table (self->error_table, self->error_rows);
  gtk_label_set_text (self->caveat_label, rdm_truth_credit_caveat ());

  adw_combo_row_set_model (self->explain_journey_row, G_LIST_MODEL (self->journey_names));
  adw_combo_row_set_model (self->explain_model_row, G_LIST_MODEL (models));
  adw_combo_row_set_selected (self->explain_model_row,
                              (guint)rdm_playground_model_index (RDM_MODEL_TIME_DECAY));
  g_signal_connect_object (self->explain_journey_row, "notify::selected",
                           G_CALLBACK (explain_choice_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->explain_model_row, "notify::selected",
                           G_CALLBACK (explain_choice_changed), self, G_CONNECT_SWAPPED);

  add_effect_rows (self);
  set_scales (self);
  g_signal_connect_object (self->baseline_scale, "value-changed",
                           G_CALLBACK (world_setting_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_effect_scale, "value-changed",
                           G_CALLBACK (world_setting_changed), self, G_CONNECT_SWAPPED);

  rebuild_journeys (self);
  adw_combo_row_set_selected (self->explain_journey_row, 0);
  refresh (self);
}

GtkWidget *
rdm_playground_page_new (void)
{
  return g_object_new (RDM_TYPE_PLAYGROUND_PAGE, NULL);
}

/* For tests */

const RdmPlayground *
_rdm_playground_page_get_playground (RdmPlaygroundPage *self)
{
  return self->playground;
}

GListModel *
_rdm_playground_page_get_credit_rows (RdmPlaygroundPage *self)
{
  return G_LIST_MODEL (self->credit_rows);
}

static GtkWidget *
journey_card_widget (RdmPlaygroundPage *self, guint journey)
{
  for (GtkWidget *card = gtk_widget_get_first_child (GTK_WIDGET (self->journeys_box)); card != NULL;
       card = gtk_widget_get_next_sibling (card))
    if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (card), "rdm-journey")) == journey)
      return card;
  return NULL;
}

GtkDropDown *
_rdm_playground_page_get_channel_drop_down (RdmPlaygroundPage *self, guint journey, guint touch)
{
  GtkWidget *card = journey_card_widget (self, journey);
  /* the header, the caption, then one row per touch */
  GtkWidget *row = card != NULL ? gtk_widget_get_next_sibling (
                       gtk_widget_get_next_sibling (gtk_widget_get_first_child (card)))
                                : NULL;

  for (guint t = 0; row != NULL && t < touch; t++)
    row = gtk_widget_get_next_sibling (row);
  return row != NULL ? g_object_get_data (G_OBJECT (row), "rdm-channel") : NULL;
}

GtkSwitch *
_rdm_playground_page_get_converted_switch (RdmPlaygroundPage *self, guint journey)
{
  GtkWidget *card = journey_card_widget (self, journey);

  return card != NULL ? g_object_get_data (G_OBJECT (card), "rdm-converted") : NULL;
}

const char *
_rdm_playground_page_get_explanation (RdmPlaygroundPage *self)
{
  return gtk_label_get_text (self->explain_label);
}

AdwComboRow *
_rdm_playground_page_get_explain_journey_row (RdmPlaygroundPage *self)
{
  return self->explain_journey_row;
}

AdwComboRow *
_rdm_playground_page_get_explain_model_row (RdmPlaygroundPage *self)
{
  return self->explain_model_row;
}

GtkRange *
_rdm_playground_page_get_effect_scale (RdmPlaygroundPage *self, const char *name)
{
  for (guint c = 0; c < self->effect_scales->len; c++)
    if (g_strcmp0 (g_object_get_data (self->effect_scales->pdata[c], "rdm-name"), name) == 0)
      return self->effect_scales->pdata[c];
  return NULL;
}

const RdmPlaygroundWorld *
_rdm_playground_page_get_world (RdmPlaygroundPage *self)
{
  return self->world;
}

guint
_rdm_playground_page_get_worlds_shown (RdmPlaygroundPage *self)
{
  return self->worlds_shown;
}

const RdmWorldSettings *
_rdm_playground_page_get_world_settings (RdmPlaygroundPage *self)
{
  return self->world_settings;
}

GListModel *
_rdm_playground_page_get_truth_rows (RdmPlaygroundPage *self)
{
  return G_LIST_MODEL (self->truth_rows);
}

GListModel *
_rdm_playground_page_get_error_rows (RdmPlaygroundPage *self)
{
  return G_LIST_MODEL (self->error_rows);
}

const char *
_rdm_playground_page_get_reading (RdmPlaygroundPage *self)
{
  return gtk_label_get_text (self->world_reading);
}
