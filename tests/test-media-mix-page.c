/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Media Mix and Budget sections under a display (Xvfb), on a project
 * made from a simulated market with known response curves
 * (rdm-media-world.h: a year of three channels, imported as media costs
 * and daily outcomes, and one dated event): the table holds, channel for
 * channel, the numbers of rdm_project_fit_media_mix() over the same
 * project (what "rendement-cli mmm" prints), the fit's quality is shown,
 * the decomposition chart draws the event, and the two sections share one
 * fit. On the Budget section: the sliders start at today's split of
 * rdm_budget_plan(); moving one makes the expected outcome the value
 * rdm_budget_expected_mean() gives (the time the section takes is
 * reported, not asserted); "Propose the Best Split" keeps the sliders'
 * total and raises the expected outcome. A project without outcomes
 * shows the empty state with the model's message; a fit cancelled says
 * so and fits again on request. Screenshots at 900×700
 * and 1280×1024, in English and French, go to $RDM_SCREENSHOTS_DIR.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "rdm-budget-page.h"
#include "rdm-budget.h"
#include "rdm-chart-private.h"
#include "rdm-events.h"
#include "rdm-format.h"
#include "rdm-gui-test-util.h"
#include "rdm-import.h"
#include "rdm-media-mix-page.h"
#include "rdm-media-world.h"
#include "rdm-result-row.h"
#include "rdm-result-table.h"
#include "rdm-test-util.h"

#define SECONDS_PER_DAY 86400
#define WORLD_DAYS 364
#define WORLD_CHANNELS 3

static char *tmpdir;

/* A year of the default market's first three channels, as a project. */
static char *
make_world_project (const char *name, gboolean with_outcomes)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr (RdmProject) project = rdm_project_create (path, &error);
  RdmMediaWorldSpec spec = rdm_media_world_spec_default (7);
  g_autoptr (RdmMediaWorld) world = NULL;
  g_autoptr (GString) costs = g_string_new ("date,channel,campaign,category,amount\n");
  g_autoptr (GString) outcomes = g_string_new ("date,conversions,value\n");
  g_autofree char *costs_path = NULL;
  g_autofree char *outcomes_path = NULL;
  RdmImportOptions cost_options = { .kind = RDM_IMPORT_KIND_COSTS };
  RdmImportOptions outcome_options = { .kind = RDM_IMPORT_KIND_OUTCOMES };

  g_assert_no_error (error);
  spec.n_days = WORLD_DAYS;
  spec.n_channels = WORLD_CHANNELS;
  world = rdm_media_world_generate (&spec);
  for (guint t = 0; t < spec.n_days; t++)
    {
      g_autoptr (GDateTime) day
          = g_date_time_new_from_unix_utc (spec.first_day + (gint64)t * SECONDS_PER_DAY);
      g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");

      for (guint c = 0; c < spec.n_channels; c++)
        g_string_append_printf (costs, "%s,%s,,media,%.2f\n", date, spec.channels[c].name,
                                world->spend[(gsize)c * spec.n_days + t]);
      g_string_append_printf (outcomes, "%s,%.0f,%.2f\n", date, round (world->conversions[t]),
                              round (world->conversions[t]) * spec.value_per_conversion);
    }
  costs_path = rdm_test_write_file (tmpdir, "costs.csv", costs->str);
  g_assert_true (
      rdm_import_file (project, costs_path, &cost_options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  if (with_outcomes)
    {
      outcomes_path = rdm_test_write_file (tmpdir, "outcomes.csv", outcomes->str);
      g_assert_true (rdm_import_file (project, outcomes_path, &outcome_options, NULL, NULL, NULL,
                                      NULL, &error));
      g_assert_no_error (error);
      g_assert_true (rdm_project_add_event (project, spec.first_day + 150 * SECONDS_PER_DAY,
                                            spec.first_day + 163 * SECONDS_PER_DAY,
                                            "Press campaign", "press", &error));
      g_assert_no_error (error);
    }
  return g_steal_pointer (&path);
}

static gboolean
section_idle (gpointer section)
{
  const char *state = rdm_section_get_state (RDM_SECTION (section));

  return !rdm_section_get_busy (RDM_SECTION (section)) && g_strcmp0 (state, "fitting") != 0;
}

typedef struct
{
  GtkWindow *window;
  GtkStack *stack;
  RdmMediaMixPage *media_mix;
  RdmBudgetPage *budget;
  RdmProjectSession *session;
} Shown;

/* The two sections in a window, on one session, as the window has them. */
static void
show_sections (Shown *shown, RdmProject *project, int width, int height)
{
  shown->window = GTK_WINDOW (gtk_window_new ());
  shown->stack = GTK_STACK (gtk_stack_new ());
  shown->media_mix = RDM_MEDIA_MIX_PAGE (rdm_media_mix_page_new ());
  shown->budget = RDM_BUDGET_PAGE (rdm_budget_page_new ());
  gtk_stack_add_named (shown->stack, GTK_WIDGET (shown->media_mix), "media-mix");
  gtk_stack_add_named (shown->stack, GTK_WIDGET (shown->budget), "budget");
  gtk_window_set_child (shown->window, GTK_WIDGET (shown->stack));
  gtk_window_set_default_size (shown->window, width, height);
  shown->session = rdm_gui_test_set_project (GTK_WIDGET (shown->media_mix), project);
  rdm_section_set_session (RDM_SECTION (shown->budget), shown->session);
  gtk_window_present (shown->window);
  rdm_gui_test_wait (section_idle, shown->media_mix);
  rdm_gui_test_settle (GTK_WIDGET (shown->window));
}

static void
show_budget (Shown *shown)
{
  gtk_stack_set_visible_child_name (shown->stack, "budget");
  rdm_gui_test_wait (section_idle, shown->budget);
  rdm_gui_test_settle (GTK_WIDGET (shown->window));
}

#define assert_close(actual, expected)                                                             \
  g_assert_cmpfloat_with_epsilon ((actual), (expected), 1e-9 * MAX (1.0, fabs (expected)))

static double
sliders_total (RdmBudgetPage *page)
{
  double total = 0;

  for (guint c = 0; c < _rdm_budget_page_get_n_channels (page); c++)
    total += gtk_range_get_value (GTK_RANGE (_rdm_budget_page_get_scale (page, c)));
  return total;
}

static void
test_sections (void)
{
  g_autofree char *path = make_world_project ("world.rendement", TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (path, &error);
  g_autoptr (RdmMediaMixData) data = NULL;
  g_autoptr (RdmMmmFit) fit = NULL;
  g_autoptr (RdmBudgetPlan) plan = NULL;
  RdmMmmOptions options = RDM_MMM_OPTIONS_INIT;
  RdmBudgetRequest request = { RDM_BUDGET_DEFAULT_WEEKS, NAN, NULL, NULL };
  GListModel *rows;
  RdmChart *chart;
  Shown shown;
  g_autofree double *daily = NULL;
  g_autofree char *expected_text = NULL;
  double expected, before, total_before, moved;
  gint64 start, elapsed;

  g_assert_no_error (error);
  /* what "rendement-cli mmm" computes */
  fit = rdm_project_fit_media_mix (project, G_MININT64, G_MAXINT64, &options, &data, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fit->n_channels, ==, WORLD_CHANNELS);

  show_sections (&shown, project, 1280, 1024);
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (shown.media_mix)), ==, "report");
  rows = _rdm_media_mix_page_get_rows (shown.media_mix);
  /* the channels, then the baseline */
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, fit->n_channels + 1);
  for (guint c = 0; c < fit->n_channels; c++)
    {
      g_autoptr (RdmResultRow) row = g_list_model_get_item (rows, c);
      const RdmMmmChannel *channel = &fit->channels[c];

      g_assert_cmpstr (rdm_result_row_get_key (row), ==, channel->channel);
      assert_close (rdm_result_row_get_number (row, RDM_MEDIA_MIX_COLUMN_SPEND), channel->spend);
      assert_close (rdm_result_row_get_number (row, RDM_MEDIA_MIX_COLUMN_CONTRIBUTION),
                    channel->contribution.estimate);
      assert_close (rdm_result_row_get_number (row, RDM_MEDIA_MIX_COLUMN_ROI),
                    channel->roi.estimate);
      assert_close (rdm_result_row_get_number (row, RDM_MEDIA_MIX_COLUMN_MARGINAL_ROI),
                    channel->marginal_roi.estimate);
      assert_close (rdm_result_row_get_number (row, RDM_MEDIA_MIX_COLUMN_ADSTOCK),
                    channel->adstock.estimate);
      assert_close (rdm_result_row_get_number (row, RDM_MEDIA_MIX_COLUMN_HALF_SATURATION),
                    channel->half_saturation.estimate);
      assert_close (rdm_result_row_get_number (row, RDM_MEDIA_MIX_COLUMN_SHAPE),
                    channel->shape.estimate);
      assert_close (rdm_result_row_get_number (row, RDM_MEDIA_MIX_COLUMN_SHARE),
                    channel->contribution.estimate / fit->total_conversions);
    }
  {
    g_autoptr (RdmResultRow) baseline = g_list_model_get_item (rows, fit->n_channels);

    assert_close (rdm_result_row_get_number (baseline, RDM_MEDIA_MIX_COLUMN_CONTRIBUTION),
                  fit->baseline.estimate);
  }
  /* the held-out fit, with its own numbers */
  {
    g_autofree char *r2 = g_strdup_printf ("%.2f", fit->r2);

    g_assert_nonnull (strstr (_rdm_media_mix_page_get_quality (shown.media_mix), "R²"));
    g_assert_nonnull (strstr (_rdm_media_mix_page_get_quality (shown.media_mix), r2));
  }
  /* weekly sums of the decomposition, the event drawn on them */
  chart = rdm_chart_view_get_chart (_rdm_media_mix_page_get_decomposition_chart (shown.media_mix));
  g_assert_true (rdm_chart_get_x_dates (chart));
  g_assert_cmpuint (_rdm_chart_get_n_slots (chart), ==, fit->n_days / 7);
  g_assert_cmpuint (rdm_chart_get_n_series (chart), ==, fit->n_channels + 2);
  g_assert_cmpuint (rdm_chart_get_n_spans (chart), ==, 1);
  chart = rdm_chart_view_get_chart (_rdm_media_mix_page_get_curves_chart (shown.media_mix));
  g_assert_cmpuint (rdm_chart_get_n_series (chart), ==, fit->n_channels);
  g_assert_cmpuint (chart->marks->len, ==, fit->n_channels);
  rdm_gui_test_screenshot (GTK_WIDGET (shown.window), "media-mix-world");

  /* the Budget section takes the same fit */
  show_budget (&shown);
  g_assert_cmpuint (
      rdm_media_mix_fitter_get_n_fits (rdm_project_session_get_media_mix (shown.session)), ==, 1);
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (shown.budget)), ==, "budget");
  plan = rdm_budget_plan (fit, data->spend, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (_rdm_budget_page_get_n_channels (shown.budget), ==, fit->n_channels);
  for (guint c = 0; c < fit->n_channels; c++)
    {
      g_autofree char *lower = rdm_result_format_number (plan->lower[c], 0);
      g_autofree char *upper = rdm_result_format_number (plan->upper[c], 0);

      assert_close (gtk_range_get_value (GTK_RANGE (_rdm_budget_page_get_scale (shown.budget, c))),
                    plan->current[c]);
      g_assert_nonnull (strstr (_rdm_budget_page_get_bounds_text (shown.budget, c), lower));
      g_assert_nonnull (strstr (_rdm_budget_page_get_bounds_text (shown.budget, c), upper));
    }
  assert_close (_rdm_budget_page_get_expected (shown.budget), plan->current_expected.estimate);
  rdm_gui_test_screenshot (GTK_WIDGET (shown.window), "budget-world");

  /* a slider moved by a person: a third more on the first channel */
  before = _rdm_budget_page_get_expected (shown.budget);
  moved = plan->current[0] * 4 / 3;
  start = g_get_monotonic_time ();
  gtk_range_set_value (GTK_RANGE (_rdm_budget_page_get_scale (shown.budget, 0)), moved);
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("the expected outcome followed the slider in %.3f ms", elapsed / 1000.0);
  start = g_get_monotonic_time ();
  rdm_gui_test_settle (GTK_WIDGET (shown.window));
  g_test_message ("and the window was painted again %.1f ms later",
                  (g_get_monotonic_time () - start) / 1000.0);
  daily = g_new (double, fit->n_channels);
  for (guint c = 0; c < fit->n_channels; c++)
    daily[c] = (c == 0 ? moved : plan->current[c]) / plan->days;
  expected = plan->days
             * rdm_budget_expected_mean (fit->replicate_curves, fit->n_replicates, fit->n_channels,
                                         daily);
  assert_close (_rdm_budget_page_get_expected (shown.budget), expected);
  g_assert_cmpfloat (expected, !=, before);
  expected_text = rdm_result_format_number (expected, 0);
  g_assert_nonnull (strstr (_rdm_budget_page_get_expected_text (shown.budget), expected_text));

  /* the best split of the sliders' total */
  total_before = sliders_total (shown.budget);
  before = _rdm_budget_page_get_expected (shown.budget);
  g_signal_emit_by_name (
      rdm_gui_test_find_action_button (GTK_WIDGET (shown.budget), "budget.propose"), "clicked");
  rdm_gui_test_wait (section_idle, shown.budget);
  rdm_gui_test_settle (GTK_WIDGET (shown.window));
  assert_close (sliders_total (shown.budget), total_before);
  g_assert_cmpfloat (_rdm_budget_page_get_expected (shown.budget), >, before);
  /* with what the plan says its gain is, once its optimism is taken off */
  {
    RdmBudgetRequest proposal_request = { RDM_BUDGET_DEFAULT_WEEKS, total_before, NULL, NULL };
    g_autoptr (RdmBudgetPlan) proposal
        = rdm_budget_plan (fit, data->spend, &proposal_request, &error);
    g_autofree char *gain = NULL;

    g_assert_no_error (error);
    gain = rdm_budget_describe_gain (proposal);
    g_autofree char *change = rdm_result_format_delta (proposal->gain.estimate, 0);

    g_test_message ("%s", _rdm_budget_page_get_message (shown.budget));
    g_assert_nonnull (strstr (_rdm_budget_page_get_message (shown.budget), gain));
    /* the gain above the sliders is that one too, not the fitted difference */
    g_assert_true (g_str_has_prefix (_rdm_budget_page_get_change_text (shown.budget), change));
    g_assert_nonnull (strstr (_rdm_budget_page_get_change_text (shown.budget), "optimism"));
  }
  rdm_gui_test_screenshot (GTK_WIDGET (shown.window), "budget-world-proposed");

  /* a spend typed in its spin button: grouped as the locale groups, and a
   * typo keeps the spend it had */
  {
    GtkWidget *spin
        = gtk_widget_get_next_sibling (GTK_WIDGET (_rdm_budget_page_get_scale (shown.budget, 0)));
    GtkAdjustment *adjustment
        = gtk_range_get_adjustment (GTK_RANGE (_rdm_budget_page_get_scale (shown.budget, 0)));
    double had = gtk_adjustment_get_value (adjustment);
    g_autofree char *shown_text = rdm_format_fixed (had, 0);

    g_assert_true (GTK_IS_SPIN_BUTTON (spin));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, shown_text);
    gtk_editable_set_text (GTK_EDITABLE (spin), "12k");
    gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
    g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, had);
    gtk_editable_set_text (GTK_EDITABLE (spin), "1,5");
    gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
    g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, had);
    gtk_editable_set_text (GTK_EDITABLE (spin), "1,234");
    gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
    g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 1234);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "1,234");
    gtk_adjustment_set_value (adjustment, had);
  }

  /* a slider moved off the proposal: the split is the user's own, and the
   * proposal's sentence goes */
  {
    GtkAdjustment *adjustment
        = gtk_range_get_adjustment (GTK_RANGE (_rdm_budget_page_get_scale (shown.budget, 0)));

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) * 1.1);
    g_assert_cmpstr (_rdm_budget_page_get_message (shown.budget), ==, "");
    g_assert_null (strstr (_rdm_budget_page_get_change_text (shown.budget), "optimism"));
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) / 1.1);
  }

  /* every slider at its top: more than the bounds allow in all, said
   * beside the sliders, and nothing moves */
  for (guint c = 0; c < fit->n_channels; c++)
    {
      GtkAdjustment *adjustment
          = gtk_range_get_adjustment (GTK_RANGE (_rdm_budget_page_get_scale (shown.budget, c)));

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    }
  total_before = sliders_total (shown.budget);
  g_signal_emit_by_name (
      rdm_gui_test_find_action_button (GTK_WIDGET (shown.budget), "budget.propose"), "clicked");
  rdm_gui_test_settle (GTK_WIDGET (shown.window));
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (shown.budget)), ==, "budget");
  g_assert_nonnull (strstr (_rdm_budget_page_get_message (shown.budget), "within its bounds"));
  assert_close (sliders_total (shown.budget), total_before);

  gtk_window_destroy (shown.window);
}

static void
test_empty (void)
{
  g_autofree char *path = make_world_project ("no-outcomes.rendement", FALSE);
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) fit_error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (path, &error);
  RdmMmmOptions options = RDM_MMM_OPTIONS_INIT;
  Shown shown;

  g_assert_no_error (error);
  g_assert_null (
      rdm_project_fit_media_mix (project, G_MININT64, G_MAXINT64, &options, NULL, &fit_error));
  g_assert_error (fit_error, RDM_MMM_ERROR, RDM_MMM_ERROR_NO_OUTCOMES);
  show_sections (&shown, project, 900, 700);
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (shown.media_mix)), ==, "empty");
  g_assert_nonnull (strstr (
      adw_status_page_get_description (_rdm_media_mix_page_get_empty_page (shown.media_mix)),
      fit_error->message));
  rdm_gui_test_screenshot (GTK_WIDGET (shown.window), "media-mix-empty");
  show_budget (&shown);
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (shown.budget)), ==, "empty");
  gtk_window_destroy (shown.window);
}

/* Cancel while the model fits, as a person would on a long fit: the
 * section says so and offers to fit again, which brings the results. */
static void
test_cancel (void)
{
  g_autofree char *path = make_world_project ("cancel.rendement", TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (path, &error);
  RdmMediaMixFitter *fitter;
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *page = rdm_media_mix_page_new ();
  RdmProjectSession *session;

  g_assert_no_error (error);
  gtk_window_set_child (window, page);
  gtk_window_set_default_size (window, 900, 700);
  session = rdm_gui_test_set_project (page, project);
  fitter = rdm_project_session_get_media_mix (session);
  /* shown: the fit starts */
  gtk_window_present (window);
  while (!gtk_widget_get_mapped (page))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (rdm_media_mix_fitter_get_state (fitter), ==, RDM_MEDIA_MIX_STATE_FITTING);
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (page)), ==, "fitting");
  g_signal_emit_by_name (rdm_gui_test_find_action_button (page, "media-mix.cancel"), "clicked");
  g_assert_cmpint (rdm_media_mix_fitter_get_state (fitter), ==, RDM_MEDIA_MIX_STATE_CANCELLED);
  rdm_gui_test_settle (GTK_WIDGET (window));
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (page)), ==, "cancelled");
  g_assert_false (rdm_section_get_busy (RDM_SECTION (page)));

  g_signal_emit_by_name (rdm_gui_test_find_action_button (page, "media-mix.fit"), "clicked");
  rdm_gui_test_wait (section_idle, page);
  rdm_gui_test_settle (GTK_WIDGET (window));
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (page)), ==, "report");
  g_assert_cmpuint (rdm_media_mix_fitter_get_n_fits (fitter), ==, 2);
  gtk_window_destroy (window);
}

static void
test_screenshots (gconstpointer data)
{
  const char *lang = data;
  g_autofree char *name = g_strdup_printf ("shots-%s.rendement", lang);
  g_autofree char *path = make_world_project (name, TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (path, &error);
  static const struct
  {
    int width, height;
  } sizes[] = { { 900, 700 }, { 1280, 1024 } };

  g_assert_no_error (error);
  rdm_gui_test_use_language (g_str_equal (lang, "fr") ? "fr_FR.UTF-8" : "en_US.UTF-8");
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      Shown shown;
      g_autofree char *media_mix_name
          = g_strdup_printf ("media-mix-world-%dx%d-%s", sizes[s].width, sizes[s].height, lang);
      g_autofree char *budget_name
          = g_strdup_printf ("budget-world-%dx%d-%s", sizes[s].width, sizes[s].height, lang);

      show_sections (&shown, project, sizes[s].width, sizes[s].height);
      rdm_gui_test_screenshot (GTK_WIDGET (shown.window), media_mix_name);
      show_budget (&shown);
      rdm_gui_test_screenshot (GTK_WIDGET (shown.window), budget_name);
      gtk_window_destroy (shown.window);
    }
  rdm_gui_test_use_language ("en_US.UTF-8");
}

static void
test_create_destroy (void)
{
  GtkWidget *pages[] = { rdm_media_mix_page_new (), rdm_budget_page_new () };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_object_ref_sink (pages[i]);
      g_assert_finalize_object (pages[i]);
    }
}

int
main (int argc, char **argv)
{
  int status;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      rdm_gui_test_init (&argc, &argv);
      g_test_add_func ("/media-mix-page/no-display", rdm_gui_test_no_display);
      return g_test_run ();
    }
  tmpdir = rdm_test_make_tmpdir ();
  rdm_gui_test_build_languages (tmpdir);
  rdm_gui_test_use_language ("en_US.UTF-8");
  rdm_gui_test_init (&argc, &argv);

  g_test_add_func ("/media-mix-page/create-destroy", test_create_destroy);
  g_test_add_func ("/media-mix-page/sections", test_sections);
  g_test_add_func ("/media-mix-page/empty", test_empty);
  g_test_add_func ("/media-mix-page/cancel", test_cancel);
  g_test_add_data_func ("/media-mix-page/screenshots/en", "en", test_screenshots);
  g_test_add_data_func ("/media-mix-page/screenshots/fr", "fr", test_screenshots);
  status = g_test_run ();
  rdm_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
