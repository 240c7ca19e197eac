/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Playground section under a display (Xvfb), with no project: creation
 * and finalization, then driven as a trainer would: the example journeys'
 * credit table shows what rdm_playground_attribute() gives; changing a
 * touch's channel in its drop-down, toggling a journey's conversion with
 * its switch, adding and moving touches through the buttons' actions, and
 * choosing a journey and model to explain all show the engine's numbers;
 * the world panel shows the truth and credit of rdm_playground_world_run()
 * for the sliders' settings, and moving Display's effect slider to 0 shows
 * Display's truth as 0. Screenshots go to $RDM_SCREENSHOTS_DIR.
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "rdm-playground-page-private.h"
#include "rdm-result-row.h"
#include "rdm-result-table.h"
#include "rdm-gui-test-util.h"

static void
test_create_destroy (void)
{
  GtkWidget *page = rdm_playground_page_new ();

  g_object_ref_sink (page);
  g_assert_null (rdm_section_get_project (RDM_SECTION (page)));
  g_assert_cmpuint (
      rdm_playground_n_journeys (_rdm_playground_page_get_playground (RDM_PLAYGROUND_PAGE (page))),
      ==, 3);
  g_assert_finalize_object (page);
}

/* Every cell of the credit table is what the engine gives the same
 * journeys, and the text shown is that number formatted. */
static void
assert_credit_table (RdmPlaygroundPage *self, const RdmPlayground *expected_journeys)
{
  g_autoptr (RdmPlaygroundCredit) expected = rdm_playground_attribute (expected_journeys, NULL);
  GListModel *rows = _rdm_playground_page_get_credit_rows (self);
  guint n = g_list_model_get_n_items (rows);

  g_assert_cmpuint (n, ==, rdm_path_set_n_labels (expected->set) + 1);
  for (guint r = 0; r < n; r++)
    {
      g_autoptr (RdmResultRow) row = g_list_model_get_item (rows, r);
      const char *key = rdm_result_row_get_key (row);

      for (guint m = 0; m < RDM_PLAYGROUND_N_MODELS; m++)
        {
          double want = key != NULL
                            ? rdm_playground_credit_of (expected, rdm_playground_models[m], key)
                            : expected->credits[m]->total_conversions;
          g_autofree char *text = rdm_result_format_number (want, 2);

          g_assert_cmpfloat_with_epsilon (rdm_result_row_get_number (row, m), want, 1e-12);
          g_assert_cmpstr (rdm_result_row_get_text (row, m), ==, text);
        }
    }
}

static double
cell (GListModel *rows, const char *key, guint column)
{
  for (guint r = 0; r < g_list_model_get_n_items (rows); r++)
    {
      g_autoptr (RdmResultRow) row = g_list_model_get_item (rows, r);

      if (g_strcmp0 (rdm_result_row_get_key (row), key) == 0)
        return rdm_result_row_get_number (row, column);
    }
  g_error ("no row “%s”", key);
}

static guint
string_position (GListModel *list, const char *text)
{
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (list), i), text))
      return i;
  g_error ("no “%s” in the list", text);
}

typedef struct
{
  RdmPlaygroundPage *page;
  guint worlds;
} WorldWait;

static gboolean
world_shown (gpointer data)
{
  WorldWait *wait = data;

  return _rdm_playground_page_get_worlds_shown (wait->page) >= wait->worlds
         && !rdm_section_get_busy (RDM_SECTION (wait->page));
}

static GtkScrolledWindow *
page_scroller (GtkWidget *page)
{
  return GTK_SCROLLED_WINDOW (gtk_widget_get_first_child (page));
}

static void
scroll_to (GtkWidget *page, GtkWidget *target)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (page_scroller (page));
  graphene_rect_t bounds;
  GtkWidget *content = gtk_scrolled_window_get_child (page_scroller (page));

  g_assert_true (gtk_widget_compute_bounds (target, content, &bounds));
  gtk_adjustment_set_value (adjustment, bounds.origin.y - 12);
  rdm_gui_test_settle (page);
}

static void
test_journeys (void)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *page = rdm_playground_page_new ();
  RdmPlaygroundPage *self = RDM_PLAYGROUND_PAGE (page);
  g_autoptr (RdmPlayground) expected = rdm_playground_new_example ();
  GtkDropDown *channel;
  GtkSwitch *converted;
  AdwComboRow *model_row;
  const char *explanation;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 900);
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  rdm_gui_test_settle (window);

  /* the examples, with no project */
  assert_credit_table (self, expected);
  g_assert_cmpfloat_with_epsilon (cell (_rdm_playground_page_get_credit_rows (self), "Blog",
                                        (guint)rdm_playground_model_index (RDM_MODEL_MARKOV)),
                                  0.24, 1e-12);
  /* time decay on journey 1, explained: 2^(−9 / 7) */
  explanation = _rdm_playground_page_get_explanation (self);
  g_assert_nonnull (strstr (explanation, "weight 2^(−9 / 7) = 0.410, share 19.0 %"));
  rdm_gui_test_screenshot (window, "playground-journeys");

  /* Facebook becomes Instagram in the first touch's drop-down */
  channel = _rdm_playground_page_get_channel_drop_down (self, 0, 0);
  g_assert_nonnull (channel);
  gtk_drop_down_set_selected (channel,
                              string_position (gtk_drop_down_get_model (channel), "Instagram"));
  rdm_playground_set_touch (expected, 0, 0, "Instagram", RDM_TOUCH_CLICK, 9);
  assert_credit_table (self, expected);
  g_assert_cmpfloat (cell (_rdm_playground_page_get_credit_rows (self), "Instagram",
                           (guint)rdm_playground_model_index (RDM_MODEL_FIRST)),
                     ==, 1);
  g_assert_nonnull (strstr (_rdm_playground_page_get_explanation (self), "Instagram"));

  /* journey 3 converts: three conversions to share, Blog opens one */
  converted = _rdm_playground_page_get_converted_switch (self, 2);
  g_assert_false (gtk_switch_get_active (converted));
  gtk_switch_set_active (converted, TRUE);
  rdm_playground_get_journey (expected, 2)->converted = TRUE;
  assert_credit_table (self, expected);
  g_assert_cmpfloat (cell (_rdm_playground_page_get_credit_rows (self), NULL, 0), ==, 3);
  g_assert_cmpfloat (cell (_rdm_playground_page_get_credit_rows (self), "Blog", 0), ==, 1);

  /* Markov on journey 1, in words: Email's removal effect with every
   * journey converting is 2/3 of P = 1 */
  model_row = _rdm_playground_page_get_explain_model_row (self);
  adw_combo_row_set_selected (model_row, (guint)rdm_playground_model_index (RDM_MODEL_MARKOV));
  explanation = _rdm_playground_page_get_explanation (self);
  g_assert_nonnull (strstr (explanation, "converts from the start with a chance of 1.000"));
  g_assert_nonnull (strstr (explanation,
                            "• Email: without it the chance falls to 0.333, a removal effect of 1 "
                            "− 0.333 ÷ 1.000 = 0.667"));
  /* Shapley on journey 3: four channels, fifteen groups */
  adw_combo_row_set_selected (_rdm_playground_page_get_explain_journey_row (self), 2);
  adw_combo_row_set_selected (model_row, (guint)rdm_playground_model_index (RDM_MODEL_SHAPLEY));
  explanation = _rdm_playground_page_get_explanation (self);
  g_assert_nonnull (strstr (explanation, "• v(Blog + Organic Search + Email + Direct) = 100.0 %"));
  g_assert_nonnull (strstr (explanation, "• Blog: Shapley value 0.250, share 25.0 %"));
  /* a journey that did not convert has nothing to explain */
  gtk_switch_set_active (converted, FALSE);
  rdm_playground_get_journey (expected, 2)->converted = FALSE;
  g_assert_true (g_str_has_prefix (_rdm_playground_page_get_explanation (self),
                                   "This journey did not convert"));

  /* the buttons' actions: a touch added to journey 2, then moved first */
  g_assert_true (gtk_widget_activate_action (page, "playground.add-touch", "u", 1));
  rdm_playground_append_touch (expected, 1, "Email", RDM_TOUCH_CLICK);
  assert_credit_table (self, expected);
  g_assert_true (gtk_widget_activate_action (page, "playground.move-touch", "(uui)", 1, 2, -1));
  g_assert_true (gtk_widget_activate_action (page, "playground.move-touch", "(uui)", 1, 1, -1));
  rdm_playground_move_touch (expected, 1, 2, 0);
  assert_credit_table (self, expected);
  g_assert_cmpfloat (cell (_rdm_playground_page_get_credit_rows (self), "Email",
                           (guint)rdm_playground_model_index (RDM_MODEL_FIRST)),
                     ==, 1);
  g_assert_true (gtk_widget_activate_action (page, "playground.remove-touch", "(uu)", 1, 0));
  rdm_playground_remove_touch (expected, 1, 0);
  g_assert_true (gtk_widget_activate_action (page, "playground.add-journey", NULL));
  g_assert_true (gtk_widget_activate_action (page, "playground.remove-journey", "u", 0));
  rdm_playground_add_journey_text (expected, "Instagram > Paid Search", (const double[]){ 5, 0 }, 2,
                                   TRUE, NULL);
  rdm_playground_remove_journey (expected, 0);
  assert_credit_table (self, expected);
  /* the rebuilt cards follow the journeys */
  channel = _rdm_playground_page_get_channel_drop_down (self, 2, 0);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (channel)),
                                               gtk_drop_down_get_selected (channel)),
                   ==, "Instagram");

  /* a journey emptied of its touches: its conversion goes to No touch */
  g_assert_true (gtk_widget_activate_action (page, "playground.remove-touch", "(uu)", 2, 1));
  g_assert_true (gtk_widget_activate_action (page, "playground.remove-touch", "(uu)", 2, 0));
  rdm_playground_remove_touch (expected, 2, 1);
  rdm_playground_remove_touch (expected, 2, 0);
  assert_credit_table (self, expected);
  g_assert_cmpfloat (cell (_rdm_playground_page_get_credit_rows (self), "(none)",
                           (guint)rdm_playground_model_index (RDM_MODEL_SHAPLEY)),
                     ==, 1);
  adw_combo_row_set_selected (_rdm_playground_page_get_explain_journey_row (self), 2);
  g_assert_cmpstr (_rdm_playground_page_get_explanation (self), ==,
                   "No touch: its conversion goes to “No touch” in every model.");

  g_assert_true (gtk_widget_activate_action (page, "playground.restore-examples", NULL));
  g_clear_pointer (&expected, rdm_playground_free);
  expected = rdm_playground_new_example ();
  assert_credit_table (self, expected);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The truth table and the errors shown are those of the world the sliders
 * describe. */
static void
assert_world_matches (RdmPlaygroundPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmPlaygroundWorld) world
      = rdm_playground_world_run (_rdm_playground_page_get_world_settings (self), NULL, &error);
  GListModel *truth_rows = _rdm_playground_page_get_truth_rows (self);
  GListModel *error_rows = _rdm_playground_page_get_error_rows (self);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (truth_rows), ==, world->truth->n_labels);
  for (guint t = 0; t < world->truth->n_labels; t++)
    {
      const char *name = world->truth->label_names[t];

      g_assert_cmpfloat (cell (truth_rows, name, 0), ==, world->truth->conversions[t]);
      for (guint m = 0; m < RDM_PLAYGROUND_N_MODELS; m++)
        {
          const RdmCredit *credit = world->credits->pdata[m];
          int i = rdm_credit_find_label (credit, name);

          g_assert_cmpfloat (cell (truth_rows, name, 1 + m), ==,
                             i >= 0 ? credit->conversions[i] : 0);
        }
    }
  /* closest first */
  for (guint k = 0; k < RDM_PLAYGROUND_N_MODELS; k++)
    {
      g_autoptr (RdmResultRow) row = g_list_model_get_item (error_rows, k);
      guint m = world->rank[k];

      g_assert_cmpstr (rdm_result_row_get_key (row), ==,
                       rdm_model_to_string (rdm_playground_models[m]));
      g_assert_cmpfloat (rdm_result_row_get_number (row, 0), ==, world->errors[m].share);
    }
  g_assert_cmpstr (_rdm_playground_page_get_reading (self), ==, world->reading);
}

static void
test_world (void)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *page = rdm_playground_page_new ();
  RdmPlaygroundPage *self = RDM_PLAYGROUND_PAGE (page);
  WorldWait wait = { self, 1 };
  GtkRange *display;
  gint64 start;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 900);
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  /* the first world is drawn when the page is shown */
  start = g_get_monotonic_time ();
  rdm_gui_test_wait (world_shown, &wait);
  g_test_message ("first world shown in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  assert_world_matches (self);
  g_assert_cmpfloat (cell (_rdm_playground_page_get_truth_rows (self), "Display", 0), >, 0);

  /* Display's effect to 0: it still reaches people, and caused nothing */
  display = _rdm_playground_page_get_effect_scale (self, "Display");
  g_assert_nonnull (display);
  g_assert_cmpfloat (gtk_range_get_value (display), ==, 0.05);
  gtk_range_set_value (display, 0);
  wait.worlds = _rdm_playground_page_get_worlds_shown (self) + 1;
  start = g_get_monotonic_time ();
  rdm_gui_test_wait (world_shown, &wait);
  g_test_message ("world redrawn in %.0f ms after the slider moved",
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpfloat (g_array_index (_rdm_playground_page_get_world_settings (self)->channels,
                                    RdmWorldChannel,
                                    rdm_world_settings_find_channel (
                                        _rdm_playground_page_get_world_settings (self), "Display"))
                         .effect,
                     ==, 0);
  assert_world_matches (self);
  g_assert_cmpfloat (cell (_rdm_playground_page_get_truth_rows (self), "Display", 0), ==, 0);
  {
    GListModel *rows = _rdm_playground_page_get_truth_rows (self);

    for (guint r = 0; r < g_list_model_get_n_items (rows); r++)
      {
        g_autoptr (RdmResultRow) row = g_list_model_get_item (rows, r);

        if (g_str_equal (rdm_result_row_get_key (row), "Display"))
          g_assert_cmpstr (rdm_result_row_get_text (row, 0), ==, "0");
      }
  }
  /* every model still credits Display */
  g_assert_cmpfloat (cell (_rdm_playground_page_get_truth_rows (self), "Display",
                           1 + (guint)rdm_playground_model_index (RDM_MODEL_LAST)),
                     >, 0);

  rdm_gui_test_settle (window);
  scroll_to (page, GTK_WIDGET (_rdm_playground_page_get_effect_scale (self, "Facebook")));
  rdm_gui_test_screenshot (window, "playground-sliders");
  {
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (page_scroller (page));

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    rdm_gui_test_settle (page);
  }
  rdm_gui_test_screenshot (window, "playground-world");

  /* the default effects again */
  g_assert_true (gtk_widget_activate_action (page, "playground.reset-world", NULL));
  wait.worlds = _rdm_playground_page_get_worlds_shown (self) + 1;
  rdm_gui_test_wait (world_shown, &wait);
  g_assert_cmpfloat (gtk_range_get_value (display), ==, 0.05);
  assert_world_matches (self);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  if (!rdm_gui_test_init (&argc, &argv))
    {
      g_test_add_func ("/playground-page/no-display", rdm_gui_test_no_display);
      return g_test_run ();
    }

  g_test_add_func ("/playground-page/create-destroy", test_create_destroy);
  g_test_add_func ("/playground-page/journeys", test_journeys);
  g_test_add_func ("/playground-page/world", test_world);

  return g_test_run ();
}
