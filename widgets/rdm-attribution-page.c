/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Attribution section. The controls are bound to the session's
 * RdmAnalysisSettings; any change asks the page's RdmAnalysisWorker for a
 * new run (debounced, cancelling the previous one), and its result replaces
 * the table, the charts and the explanation at once. The worker builds the
 * same RdmPathOptions and RdmModelOptions as "rendement-cli attribute" for
 * the same choices and calls the same functions, so both show the same
 * numbers.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "rdm-analysis-section.h"
#include "rdm-attribution-page-private.h"
#include "rdm-calibration.h"
#include "rdm-chart-view.h"
#include "rdm-report-charts.h"
#include "rdm-result-row.h"
#include "rdm-result-table.h"
#include "rdm-segment-picker.h"
#include "rdm-settings-summary.h"

/* Bars and lines beyond these become unreadable: the charts then say what
 * they leave out. Every channel of a typical project fits. */
#define MAX_CHART_CATEGORIES 20
#define MAX_SWEEP_LINES RDM_CHART_PALETTE_SIZE

struct _RdmAttributionPage
{
  RdmSection parent_instance;

  /* Template widgets */
  AdwFlap *flap;
  AdwPreferencesGroup *models_group;
  GtkWidget *model_settings_group;
  AdwComboRow *reference_row;
  AdwActionRow *calibrate_row;
  GtkSwitch *calibrate_switch;
  GtkSwitch *bootstrap_switch;
  GtkSpinButton *resamples_spin;
  AdwComboRow *direction_row;
  AdwComboRow *period_row;
  AdwComboRow *event_row;
  GtkWidget *segment_picker;
  AdwComboRow *level_row;
  GtkSpinButton *click_window_spin;
  GtkSpinButton *view_window_spin;
  GtkWidget *forward_window_row;
  GtkSpinButton *forward_window_spin;
  GtkSwitch *click_priority_switch;
  GtkSwitch *restart_switch;
  GtkSpinButton *view_weight_spin;
  GtkSpinButton *half_life_spin;
  GtkSpinButton *first_weight_spin;
  GtkSpinButton *middle_weight_spin;
  GtkSpinButton *last_weight_spin;
  GtkSpinButton *markov_order_spin;
  GtkLabel *summary_label;
  GtkWidget *settings_summary;
  GtkWidget *settings_button;
  GtkSpinner *spinner;
  GtkWidget *message_box;
  GtkLabel *message_label;
  GtkStack *stack;
  AdwStatusPage *status_page;
  AdwStatusPage *error_page;
  GtkColumnView *table;
  GtkLabel *notes_label;
  GtkLabel *truth_label;
  GtkLabel *caveat_label;
  RdmChartView *models_chart;
  RdmChartView *sweep_chart;
  GtkLabel *explain_rule_label;
  GtkLabel *explain_path_label;
  GtkGrid *explain_grid;
  GtkWidget *forward_note;
  GtkLabel *forward_note_label;
  GtkColumnView *forward_table;
  RdmChartView *forward_chart;

  /* Owned references */
  RdmAnalysisWorker *worker;
  GListStore *rows;
  GListStore *forward_rows;
  GPtrArray *period_codes; /* char *: NULL for all the data, then "2026Q2"… */
  GPtrArray *event_names;  /* char *: NULL for all events, then the names */
  GtkCheckButton *model_checks[RDM_MODEL_N_MODELS];

  int model_columns[RDM_MODEL_N_MODELS];
  int ci_columns[RDM_MODEL_N_MODELS];
  int truth_column;
  guint n_results;
  double last_elapsed_ms;
  double last_fill_ms; /* main thread: table, charts and explanation */
  char *explanation_text;
  gboolean syncing; /* the page is updating its controls from the settings */
};

G_DEFINE_FINAL_TYPE (RdmAttributionPage, rdm_attribution_page, RDM_TYPE_SECTION)

static void
show_messages (RdmAttributionPage *self, GPtrArray *messages)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; messages != NULL && i < messages->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, g_ptr_array_index (messages, i));
    }
  gtk_label_set_text (self->message_label, text->str);
  gtk_widget_set_visible (self->message_box, text->len > 0);
}

/* Credit table */

static const RdmCredit *
find_credit (GPtrArray *credits, RdmModel model)
{
  for (guint i = 0; i < credits->len; i++)
    if (((const RdmCredit *)g_ptr_array_index (credits, i))->model == model)
      return g_ptr_array_index (credits, i);
  return NULL;
}

static double
credit_of (const RdmCredit *credit, const char *label, const double *array)
{
  int i = rdm_credit_find_label (credit, label);

  return i >= 0 ? array[i] : 0;
}

typedef struct
{
  const char *name;
  double sort_key;
} LabelOrder;

static int
compare_labels (gconstpointer a, gconstpointer b)
{
  const LabelOrder *la = a, *lb = b;
  /* 0 for a channel, then the Baseline, then No touch: neither is a
   * channel the user can act on */
  int rank_a = g_str_equal (la->name, RDM_NO_TOUCH_LABEL)   ? 2
               : g_str_equal (la->name, RDM_BASELINE_LABEL) ? 1
                                                            : 0;
  int rank_b = g_str_equal (lb->name, RDM_NO_TOUCH_LABEL)   ? 2
               : g_str_equal (lb->name, RDM_BASELINE_LABEL) ? 1
                                                            : 0;

  if (rank_a != rank_b)
    return rank_a - rank_b;
  if (la->sort_key != lb->sort_key)
    return la->sort_key > lb->sort_key ? -1 : 1;
  return g_utf8_collate (la->name, lb->name);
}

/* Every label any model credited, the reference's biggest first. */
static GArray *
ordered_labels (GPtrArray *credits, const RdmCredit *reference)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GArray *order = g_array_new (FALSE, FALSE, sizeof (LabelOrder));

  for (guint m = 0; m < credits->len; m++)
    {
      const RdmCredit *credit = g_ptr_array_index (credits, m);

      for (guint i = 0; i < credit->n_labels; i++)
        {
          LabelOrder entry = { credit->label_names[i], 0 };

          if (!g_hash_table_add (seen, credit->label_names[i]))
            continue;
          entry.sort_key = credit_of (reference, entry.name, reference->conversions);
          g_array_append_val (order, entry);
        }
    }
  g_array_sort (order, compare_labels);
  return order;
}

static void
fill_credit_table (RdmAttributionPage *self, const RdmAnalysisResult *result, const RdmCredit *ref)
{
  GPtrArray *credits = result->credits;
  gboolean has_ci = ref->ci_low != NULL;
  g_autoptr (GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) order = ordered_labels (credits, ref);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (RdmResultRow) total = NULL;
  const RdmTruth *truth = result->truth;
  /* the truth, when there is one, comes first: the models read against it */
  guint first_model = truth != NULL ? 1 : 0;
  guint value_column, first_delta, first_ci;

  for (guint m = 0; m < RDM_MODEL_N_MODELS; m++)
    self->model_columns[m] = self->ci_columns[m] = -1;
  self->truth_column = truth != NULL ? 0 : -1;
  if (truth != NULL)
    /* Translators: column of what each channel really caused in a simulated world */
    g_ptr_array_add (titles, g_strdup (_ ("Truth")));
  for (guint m = 0; m < credits->len; m++)
    {
      const RdmCredit *credit = g_ptr_array_index (credits, m);

      self->model_columns[credit->model] = (int)titles->len;
      g_ptr_array_add (titles, g_strdup (rdm_model_display_name (credit->model)));
    }
  value_column = titles->len;
  /* Translators: column of the conversion value credited by the reference model */
  g_ptr_array_add (titles, g_strdup_printf (_ ("Value (%s)"), rdm_model_display_name (ref->model)));
  first_delta = titles->len;
  for (guint m = 0; m < credits->len; m++)
    {
      const RdmCredit *credit = g_ptr_array_index (credits, m);

      if (credit != ref)
        /* Translators: column of a model's difference from the reference model */
        g_ptr_array_add (titles,
                         g_strdup_printf (_ ("Δ %s"), rdm_model_display_name (credit->model)));
    }
  first_ci = titles->len;
  if (has_ci)
    for (guint m = 0; m < credits->len; m++)
      self->ci_columns[((RdmCredit *)g_ptr_array_index (credits, m))->model] = (int)(first_ci + m);
  if (has_ci)
    for (guint m = 0; m < credits->len; m++)
      /* Translators: column of a model's 95% confidence interval */
      g_ptr_array_add (titles,
                       g_strdup_printf (_ ("%s 95 %% CI"),
                                        rdm_model_display_name (
                                            ((RdmCredit *)g_ptr_array_index (credits, m))->model)));

  for (guint k = 0; k < order->len; k++)
    {
      const char *name = g_array_index (order, LabelOrder, k).name;
      RdmResultRow *row = rdm_result_row_new (
          rdm_analysis_section_level_label (result->level, name), name, titles->len);
      double ref_conversions = credit_of (ref, name, ref->conversions);
      guint delta = first_delta;

      for (guint m = 0; m < credits->len; m++)
        {
          const RdmCredit *credit = g_ptr_array_index (credits, m);
          double conversions = credit_of (credit, name, credit->conversions);

          rdm_result_row_set_cell (row, first_model + m, conversions,
                                   rdm_result_format_number (conversions, 2));
          if (credit != ref)
            {
              rdm_result_row_set_cell (row, delta, conversions - ref_conversions,
                                       rdm_result_format_delta (conversions - ref_conversions, 2));
              delta++;
            }
          if (has_ci && credit->ci_low != NULL)
            {
              int i = rdm_credit_find_label (credit, name);

              if (i >= 0)
                {
                  g_autofree char *low = rdm_result_format_number (credit->ci_low[i], 2);
                  g_autofree char *high = rdm_result_format_number (credit->ci_high[i], 2);

                  rdm_result_row_set_cell (row, first_ci + m, credit->ci_low[i],
                                           g_strdup_printf ("%s–%s", low, high));
                }
            }
        }
      if (truth != NULL)
        {
          int t = rdm_truth_find_label (truth, name);

          /* "No touch" is no channel: nothing to compare */
          if (t >= 0)
            rdm_result_row_set_cell (row, (guint)self->truth_column, truth->conversions[t],
                                     rdm_result_format_number (truth->conversions[t], 2));
        }
      rdm_result_row_set_cell (row, value_column, credit_of (ref, name, ref->value),
                               rdm_result_format_number (credit_of (ref, name, ref->value), 2));
      g_ptr_array_add (rows, row);
    }

  total = rdm_result_row_new (_ ("Total"), NULL, titles->len);
  for (guint m = 0; m < credits->len; m++)
    {
      const RdmCredit *credit = g_ptr_array_index (credits, m);

      rdm_result_row_set_cell (total, first_model + m, credit->total_conversions,
                               rdm_result_format_number (credit->total_conversions, 2));
    }
  rdm_result_row_set_cell (total, value_column, ref->total_value,
                           rdm_result_format_number (ref->total_value, 2));
  if (truth != NULL)
    rdm_result_row_set_cell (total, (guint)self->truth_column, truth->total_conversions,
                             rdm_result_format_number (truth->total_conversions, 2));
  g_ptr_array_add (rows, g_steal_pointer (&total));
  if (truth != NULL)
    {
      /* Translators: row of each model's distance from the truth, 0 to 1 */
      RdmResultRow *errors = rdm_result_row_new (_ ("Share error vs truth"), NULL, titles->len);

      for (guint m = 0; m < credits->len; m++)
        {
          RdmTruthError error;

          rdm_truth_error (truth, g_ptr_array_index (credits, m), &error);
          if (!isnan (error.share))
            rdm_result_row_set_cell (errors, first_model + m, error.share,
                                     rdm_result_format_number (error.share, 3));
        }
      g_ptr_array_add (rows, errors);
    }

  g_list_store_remove_all (self->rows);
  rdm_result_table_set_columns (self->table, rdm_analysis_section_level_title (result->level),
                                result->level == RDM_LEVEL_CAMPAIGN ? 260 : 160,
                                (const char *const *)titles->pdata, titles->len);
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
}

/* A model keeps its colour whichever others are compared, here and on the
 * ROI page: its palette entry is its own index, and the palette has more
 * colours than there are models. */
G_STATIC_ASSERT (RDM_MODEL_N_MODELS <= RDM_CHART_PALETTE_SIZE);
G_STATIC_ASSERT (RDM_CHART_TRUTH_COLOUR < RDM_CHART_PALETTE_SIZE);

/* "The 20 channels with the most conversions; 14 more are in the table" when
 * @n_shown of @n_all are charted, NULL when all are. */
static char *
left_out_note (RdmLevel level, guint n_shown, guint n_all)
{
  if (n_shown >= n_all)
    return NULL;
  if (level == RDM_LEVEL_CAMPAIGN)
    return g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "The %u campaigns with the most conversions; %u more is in the "
                     "table",
                     "The %u campaigns with the most conversions; %u more are in "
                     "the table",
                     n_all - n_shown),
        n_shown, n_all - n_shown);
  if (level == RDM_LEVEL_GROUP)
    return g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "The %u channel groups with the most conversions; %u more is in the "
                     "table",
                     "The %u channel groups with the most conversions; %u more are in "
                     "the table",
                     n_all - n_shown),
        n_shown, n_all - n_shown);
  return g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE,
                   "The %u channels with the most conversions; %u more is in the "
                   "table",
                   "The %u channels with the most conversions; %u more are in the "
                   "table",
                   n_all - n_shown),
      n_shown, n_all - n_shown);
}

static void
fill_models_chart (RdmAttributionPage *self,
                   GPtrArray *credits,
                   const RdmCredit *ref,
                   const RdmTruth *truth,
                   RdmLevel level)
{
  g_autoptr (GArray) order = ordered_labels (credits, ref);
  g_autoptr (RdmChart) chart = rdm_chart_new (RDM_CHART_KIND_GROUPED_BARS);
  guint n = MIN (order->len, MAX_CHART_CATEGORIES);
  g_autofree double *values = g_new (double, MAX (n, 1));
  g_autofree double *low = g_new (double, MAX (n, 1));
  g_autofree double *high = g_new (double, MAX (n, 1));
  g_autofree char *note = left_out_note (level, n, order->len);

  rdm_chart_set_title (chart, _ ("Conversions credited by each model"));
  rdm_chart_set_note (chart, note);
  rdm_chart_set_axis_labels (chart, NULL, _ ("Conversions"));
  for (guint k = 0; k < n; k++)
    rdm_chart_add_category (
        chart, rdm_analysis_section_level_label (level, g_array_index (order, LabelOrder, k).name));
  /* a simulated world's truth first, in a colour no model has, so that
   * each model's bars read against it */
  if (truth != NULL)
    {
      for (guint k = 0; k < n; k++)
        {
          int t = rdm_truth_find_label (truth, g_array_index (order, LabelOrder, k).name);

          values[k] = t >= 0 ? truth->conversions[t] : 0.0;
        }
      rdm_chart_set_series_colour (chart, rdm_chart_add_series (chart, _ ("Truth"), values, n),
                                   RDM_CHART_TRUTH_COLOUR);
    }
  for (guint m = 0; m < credits->len; m++)
    {
      const RdmCredit *credit = g_ptr_array_index (credits, m);
      guint series;

      for (guint k = 0; k < n; k++)
        {
          const char *name = g_array_index (order, LabelOrder, k).name;
          int i = rdm_credit_find_label (credit, name);

          values[k] = i >= 0 ? credit->conversions[i] : 0;
          low[k] = i >= 0 && credit->ci_low != NULL ? credit->ci_low[i] : NAN;
          high[k] = i >= 0 && credit->ci_high != NULL ? credit->ci_high[i] : NAN;
        }
      series = rdm_chart_add_series (chart, rdm_model_display_name (credit->model), values, n);
      rdm_chart_set_series_colour (chart, series, (int)credit->model);
      if (credit->ci_low != NULL)
        rdm_chart_set_series_ci (chart, series, low, high, n);
    }
  rdm_chart_view_set_chart (self->models_chart, chart);
}

static void
fill_sweep_chart (RdmAttributionPage *self,
                  const RdmWindowSweep *sweep,
                  RdmModel reference,
                  RdmLevel level)
{
  g_autoptr (RdmChart) chart = NULL;
  g_autoptr (GArray) order = NULL;
  g_autofree char *title = NULL;
  g_autofree char *note = NULL;
  double values[RDM_WINDOW_SWEEP_N_DEFAULT_WINDOWS];

  gtk_widget_set_visible (GTK_WIDGET (self->sweep_chart), sweep != NULL);
  if (sweep == NULL)
    return;

  order = g_array_new (FALSE, FALSE, sizeof (LabelOrder));
  for (guint i = 0; i < sweep->n_labels; i++)
    {
      /* ordered by the credit at the longest window */
      LabelOrder entry = { sweep->label_names[i],
                           rdm_window_sweep_conversions (sweep, sweep->n_windows - 1, i) };

      g_array_append_val (order, entry);
    }
  g_array_sort (order, compare_labels);

  chart = rdm_chart_new (RDM_CHART_KIND_LINES);
  /* Translators: chart title; %s is a model name */
  title = g_strdup_printf (_ ("Credit against the click window — %s"),
                           rdm_model_display_name (reference));
  rdm_chart_set_title (chart, title);
  note = left_out_note (level, MIN (order->len, MAX_SWEEP_LINES), order->len);
  rdm_chart_set_note (chart, note);
  rdm_chart_set_axis_labels (chart, _ ("Click window (days)"), _ ("Conversions"));
  rdm_chart_set_x_values (chart, sweep->windows, sweep->n_windows);
  for (guint k = 0; k < order->len && k < MAX_SWEEP_LINES; k++)
    {
      const char *name = g_array_index (order, LabelOrder, k).name;
      guint label = 0;

      while (label < sweep->n_labels && !g_str_equal (sweep->label_names[label], name))
        label++;
      for (guint w = 0; w < sweep->n_windows && w < RDM_WINDOW_SWEEP_N_DEFAULT_WINDOWS; w++)
        values[w] = rdm_window_sweep_conversions (sweep, w, label);
      /* a channel keeps its colour when the order changes */
      rdm_chart_set_series_colour (
          chart,
          rdm_chart_add_series (chart, rdm_analysis_section_level_label (level, name), values,
                                MIN (sweep->n_windows, RDM_WINDOW_SWEEP_N_DEFAULT_WINDOWS)),
          (int)label);
    }
  rdm_chart_view_set_chart (self->sweep_chart, chart);
}

/* Explanation */

static void
grid_add (GtkGrid *grid, int column, int row, const char *text, gboolean numeric, gboolean header)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (header)
    {
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption-heading");
    }
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

/* A coalition of the Shapley explanation ("paid_search + email") with its
 * members as people read them; a user's own group maps to itself, so a
 * " + " inside its name reads the same. */
static char *
coalition_text (RdmLevel level, const char *coalition)
{
  g_auto (GStrv) members = g_strsplit (coalition, " + ", -1);
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  g_auto (GStrv) strings = NULL;

  for (guint i = 0; members[i] != NULL; i++)
    g_strv_builder_add (names, rdm_analysis_section_level_label (level, members[i]));
  strings = g_strv_builder_end (names);
  return g_strjoinv (" + ", strings);
}

static void
fill_explanation (RdmAttributionPage *self,
                  const RdmExplanation *e,
                  RdmModel reference,
                  RdmLevel level)
{
  g_autoptr (GString) journey = g_string_new (NULL);
  g_autofree char *conversions = NULL;
  g_autofree char *path_text = NULL;
  int r = 1;

  clear_grid (self->explain_grid);
  gtk_label_set_text (self->explain_rule_label, rdm_explain_model_rule (reference));
  g_clear_pointer (&self->explanation_text, g_free);
  self->explanation_text = g_strdup (rdm_explain_model_rule (reference));
  if (e == NULL)
    {
      gtk_label_set_text (self->explain_path_label, "");
      return;
    }

  for (guint i = 0; i < e->n_touches; i++)
    {
      if (i > 0)
        g_string_append (journey, " → ");
      g_string_append (journey, rdm_analysis_section_level_label (level, e->labels[i]));
    }
  conversions = rdm_result_format_number (e->conversions, 0);
  /* Translators: "%s" is a journey such as "Facebook → Email → Google Ads" */
  path_text = g_strdup_printf (_ ("On a real journey of this project, %s (one of its most frequent "
                                  "converting journeys):"),
                               journey->str);
  gtk_label_set_text (self->explain_path_label, path_text);

  if (e->per_touch)
    {
      grid_add (self->explain_grid, 0, 0, _ ("Touch"), FALSE, TRUE);
      grid_add (self->explain_grid, 1, 0, rdm_analysis_section_level_title (level), FALSE, TRUE);
      grid_add (self->explain_grid, 2, 0, _ ("Kind"), FALSE, TRUE);
      grid_add (self->explain_grid, 3, 0, _ ("Days before"), TRUE, TRUE);
      grid_add (self->explain_grid, 4, 0,
                reference == RDM_MODEL_TIME_DECAY ? "2^(−age/h)" : _ ("Weight"), TRUE, TRUE);
      grid_add (self->explain_grid, 5, 0, _ ("Share"), TRUE, TRUE);
      for (guint i = 0; i < e->n_touches; i++, r++)
        {
          g_autofree char *index = g_strdup_printf ("%u", i + 1);
          g_autofree char *age = rdm_result_format_number (e->age_days[i], 1);
          g_autofree char *weight
              = e->kept[i] ? rdm_result_format_number (e->weights[i], 3) : g_strdup (_ ("dropped"));
          g_autofree char *share = rdm_result_format_percent (e->shares[i]);

          grid_add (self->explain_grid, 0, r, index, TRUE, FALSE);
          grid_add (self->explain_grid, 1, r,
                    rdm_analysis_section_level_label (level, e->labels[i]), FALSE, FALSE);
          grid_add (self->explain_grid, 2, r,
                    e->kinds[i] == RDM_TOUCH_VIEW ? _ ("impression") : _ ("click or visit"), FALSE,
                    FALSE);
          grid_add (self->explain_grid, 3, r, age, TRUE, FALSE);
          grid_add (self->explain_grid, 4, r, weight, TRUE, FALSE);
          grid_add (self->explain_grid, 5, r, share, TRUE, FALSE);
        }
      return;
    }

  grid_add (self->explain_grid, 0, 0, rdm_analysis_section_level_title (level), FALSE, TRUE);
  grid_add (self->explain_grid, 1, 0,
            reference == RDM_MODEL_MARKOV ? _ ("Removal effect") : _ ("Shapley value"), TRUE, TRUE);
  grid_add (self->explain_grid, 2, 0,
            reference == RDM_MODEL_MARKOV ? _ ("Share of all conversions")
                                          : _ ("Share of this journey"),
            TRUE, TRUE);
  for (guint i = 0; i < e->n_parts; i++, r++)
    {
      g_autofree char *value = rdm_result_format_number (e->part_values[i], 4);
      g_autofree char *share = rdm_result_format_percent (e->part_shares[i]);

      grid_add (self->explain_grid, 0, r,
                rdm_analysis_section_level_label (level, e->part_labels[i]), FALSE, FALSE);
      grid_add (self->explain_grid, 1, r, value, TRUE, FALSE);
      grid_add (self->explain_grid, 2, r, share, TRUE, FALSE);
    }
  if (reference == RDM_MODEL_MARKOV)
    {
      g_autofree char *p = rdm_result_format_number (e->baseline_probability, 4);
      g_autofree char *text
          = g_strdup_printf (_ ("Chance of converting from the start, with every channel: %s"), p);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (self->explain_grid, label, 0, r + 1, 3, 1);
      return;
    }
  r++;
  grid_add (self->explain_grid, 0, r, _ ("Group of channels"), FALSE, TRUE);
  grid_add (self->explain_grid, 1, r, _ ("Conversion rate v(S)"), TRUE, TRUE);
  r++;
  for (guint s = 0; s < e->n_coalitions; s++, r++)
    {
      g_autofree char *value = rdm_result_format_percent (e->coalition_values[s]);

      g_autofree char *members = coalition_text (level, e->coalition_labels[s]);

      grid_add (self->explain_grid, 0, r, members, FALSE, FALSE);
      grid_add (self->explain_grid, 1, r, value, TRUE, FALSE);
    }
}

/* Forward */

/* most influential first */
static int
compare_forward_rows (gconstpointer a, gconstpointer b)
{
  const RdmForwardRow *ra = *(const RdmForwardRow *const *)a;
  const RdmForwardRow *rb = *(const RdmForwardRow *const *)b;

  if (ra->conversions != rb->conversions)
    return ra->conversions > rb->conversions ? -1 : 1;
  return g_utf8_collate (ra->label, rb->label);
}

static void
fill_forward (RdmAttributionPage *self, const RdmAnalysisResult *result)
{
  const RdmForwardResult *forward = result->forward;
  const char *titles[] = { _ ("Exposures"), _ ("Visitors exposed"), _ ("Influenced conversions"),
                           _ ("Influenced value"), _ ("Of which by clicks") };
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (RdmChart) chart = rdm_chart_new (RDM_CHART_KIND_BARS);
  g_autofree double *values = g_new (double, MAX (forward->rows->len, 1));
  guint n_bars = 0;

  /* borrowed rows: a copy would take the result's free function too */
  g_autoptr (GPtrArray) order = g_ptr_array_sized_new (forward->rows->len);

  for (guint i = 0; i < forward->rows->len; i++)
    g_ptr_array_add (order, g_ptr_array_index (forward->rows, i));
  gtk_label_set_text (self->forward_note_label, forward->note);
  g_ptr_array_sort (order, compare_forward_rows);
  for (guint i = 0; i < order->len; i++)
    {
      const RdmForwardRow *f = g_ptr_array_index (order, i);
      RdmResultRow *row = rdm_result_row_new (
          rdm_analysis_section_level_label (result->level, f->label), f->label, 5);

      rdm_result_row_set_cell (row, 0, (double)f->exposures,
                               rdm_result_format_number ((double)f->exposures, 0));
      rdm_result_row_set_cell (row, 1, (double)f->exposed_visitors,
                               rdm_result_format_number ((double)f->exposed_visitors, 0));
      rdm_result_row_set_cell (row, 2, f->conversions,
                               rdm_result_format_number (f->conversions, 0));
      rdm_result_row_set_cell (row, 3, f->value, rdm_result_format_number (f->value, 2));
      rdm_result_row_set_cell (row, 4, f->click_conversions,
                               rdm_result_format_number (f->click_conversions, 0));
      g_ptr_array_add (rows, row);
      if (n_bars < MAX_CHART_CATEGORIES)
        {
          rdm_chart_add_category (chart,
                                  rdm_analysis_section_level_label (result->level, f->label));
          values[n_bars++] = f->conversions;
        }
    }
  g_list_store_remove_all (self->forward_rows);
  rdm_result_table_set_columns (
      self->forward_table, rdm_analysis_section_level_title (result->level),
      result->level == RDM_LEVEL_CAMPAIGN ? 260 : 160, titles, G_N_ELEMENTS (titles));
  g_list_store_splice (self->forward_rows, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->forward_rows)), rows->pdata,
                       rows->len);
  rdm_chart_set_title (chart, _ ("Influenced conversions (not de-duplicated)"));
  {
    g_autofree char *note = left_out_note (result->level, n_bars, order->len);

    rdm_chart_set_note (chart, note);
  }
  rdm_chart_set_axis_labels (chart, NULL, _ ("Conversions"));
  rdm_chart_add_series (chart, _ ("Influenced conversions"), values, n_bars);
  rdm_chart_view_set_chart (self->forward_chart, chart);
}

/* Whether calibration can be asked for, and, when it was, the factors of
 * the reference model, appended to @notes. */
static void
show_calibration (RdmAttributionPage *self,
                  const RdmAnalysisResult *result,
                  const RdmCredit *ref,
                  GString *notes)
{
  const RdmCalibrated *calibrated = NULL;
  g_autoptr (GString) tested = g_string_new (NULL);
  g_autofree char *untested = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->calibrate_row), result->has_experiments);
  if (!result->has_experiments)
    adw_action_row_set_subtitle (self->calibrate_row,
                                 _ ("Import experiments (lift tests) to calibrate"));
  else if (result->level == RDM_LEVEL_GROUP)
    /* the switch stays: turned on, the run says why it cannot calibrate */
    adw_action_row_set_subtitle (self->calibrate_row,
                                 _ ("Experiments measure channels: calibrate by channel or "
                                    "campaign"));
  else
    adw_action_row_set_subtitle (self->calibrate_row,
                                 _ ("Scale each model by the project’s lift tests"));
  for (guint m = 0; result->calibrated != NULL && m < result->credits->len; m++)
    if (g_ptr_array_index (result->credits, m) == ref)
      calibrated = g_ptr_array_index (result->calibrated, m);
  if (calibrated == NULL)
    return;
  for (guint i = 0; i < calibrated->factors->len; i++)
    {
      const RdmCalibrationFactor *factor
          = &g_array_index (calibrated->factors, RdmCalibrationFactor, i);
      g_autofree char *number = rdm_result_format_number (factor->factor, 2);

      if (factor->source == RDM_FACTOR_EXPERIMENT)
        g_string_append_printf (tested, "%s%s ×%s", tested->len > 0 ? ", " : "", factor->channel,
                                number);
      else if (untested == NULL)
        untested = g_strdup (number);
    }
  if (notes->len > 0)
    g_string_append_c (notes, '\n');
  if (untested != NULL)
    /* Translators: "Calibrated by experiments (Last touch): Paid Search ×1.34, Display
     * ×0.10; other channels ×0.68. …" */
    g_string_append_printf (notes,
                            _ ("Calibrated by experiments (%s): %s; other channels ×%s. What "
                               "calibration removes is the Baseline row."),
                            rdm_model_display_name (ref->model), tested->str, untested);
  else
    g_string_append_printf (
        notes,
        _ ("Calibrated by experiments (%s): %s. What calibration removes is the Baseline row."),
        rdm_model_display_name (ref->model), tested->str);
}

/* The reading of the models against a simulated world's truth, with the
 * ranking, or why there is none. */
static void
show_truth (RdmAttributionPage *self, const RdmAnalysisResult *result)
{
  g_autoptr (GString) text = g_string_new (NULL);

  if (result->truth != NULL)
    {
      g_autofree char *reading = rdm_truth_reading (result->truth, result->credits);
      g_autofree guint *order = rdm_truth_rank (result->truth, result->credits);

      if (reading != NULL)
        g_string_append (text, reading);
      if (result->credits->len > 1)
        {
          g_string_append_printf (text, "%s%s ", text->len > 0 ? "\n" : "",
                                  _ ("Closest to the truth first (share error):"));
          for (guint m = 0; m < result->credits->len; m++)
            {
              const RdmCredit *credit = g_ptr_array_index (result->credits, order[m]);
              RdmTruthError error;
              g_autofree char *share = NULL;

              rdm_truth_error (result->truth, credit, &error);
              if (isnan (error.share))
                continue;
              share = rdm_result_format_number (error.share, 3);
              g_string_append_printf (text, "%s%u. %s %s", m > 0 ? " · " : "", m + 1,
                                      rdm_model_display_name (credit->model), share);
            }
        }
    }
  else if (result->truth_note != NULL)
    g_string_append (text, result->truth_note);
  gtk_label_set_text (self->truth_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->truth_label), text->len > 0);
}

static void
on_finished (RdmAttributionPage *self, RdmAnalysisResult *result, RdmAnalysisWorker *worker)
{
  gint64 fill_start;
  const RdmCredit *ref;
  g_autofree char *total = NULL;
  g_autofree char *value = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *views_share = NULL;
  g_autoptr (GString) notes = g_string_new (NULL);
  double views = 0;

  self->n_results++;
  self->last_elapsed_ms = result->elapsed_ms;
  fill_start = g_get_monotonic_time ();

  if (result->error != NULL)
    {
      rdm_section_show_error (RDM_SECTION (self), _ ("Cannot Compute the Attribution"),
                              result->error);
      gtk_label_set_text (self->summary_label, "");
      show_messages (self, NULL);
      return;
    }

  if (result->direction == RDM_DIRECTION_FORWARD)
    {
      total = rdm_result_format_number (result->forward->total_conversions, 0);
      /* Translators: %s is a number of conversions */
      summary = g_strdup_printf (ngettext ("%s distinct conversion influenced",
                                           "%s distinct conversions influenced",
                                           (gulong)round (result->forward->total_conversions)),
                                 total);
      gtk_label_set_text (self->summary_label, summary);
      show_messages (self, NULL);
      fill_forward (self, result);
      rdm_section_show_state (RDM_SECTION (self), "forward");
      return;
    }

  show_messages (self, result->messages);
  ref = find_credit (result->credits, result->reference);
  if (ref == NULL && result->credits->len > 0)
    ref = g_ptr_array_index (result->credits, 0);
  if (ref == NULL)
    {
      g_autoptr (GError) error
          = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, _ ("See the messages above."));

      rdm_section_show_error (RDM_SECTION (self), _ ("No Model Could Be Computed"), error);
      return;
    }

  total = rdm_result_format_number (ref->total_conversions, 0);
  value = rdm_result_format_number (ref->total_value, 2);
  for (guint i = 0; i < ref->n_labels; i++)
    views += ref->view_conversions[i];
  views_share
      = rdm_result_format_percent (ref->total_conversions > 0 ? views / ref->total_conversions : 0);
  /* Translators: "3 702 conversions analysed, worth 273 394,49 · 12,3 % credited
   * to impressions by Last touch": numbers, then a model name */
  summary = g_strdup_printf (
      ngettext ("%s conversion analysed, worth %s · %s credited to impressions by %s",
                "%s conversions analysed, worth %s · %s credited to impressions by %s",
                (gulong)round (ref->total_conversions)),
      total, value, views_share, rdm_model_display_name (ref->model));
  gtk_label_set_text (self->summary_label, summary);

  if (result->from_path_table)
    g_string_append (notes, _ ("An imported path table has no touch times: windows, the "
                               "evaluation period, events and time decay do not apply."));
  for (guint m = 0; m < result->credits->len; m++)
    {
      const RdmCredit *credit = g_ptr_array_index (result->credits, m);

      if (credit->note == NULL)
        continue;
      if (notes->len > 0)
        g_string_append_c (notes, '\n');
      g_string_append_printf (notes, "%s: %s", rdm_model_display_name (credit->model),
                              credit->note);
    }
  show_calibration (self, result, ref, notes);
  gtk_label_set_text (self->notes_label, notes->str);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_label), notes->len > 0);
  show_truth (self, result);

  fill_credit_table (self, result, ref);
  fill_models_chart (self, result->credits, ref, result->truth, result->level);
  if (!result->sweep_unchanged)
    fill_sweep_chart (self, result->sweep, result->reference, result->level);
  fill_explanation (self, result->explanation, result->reference, result->level);
  rdm_section_show_state (RDM_SECTION (self), "backward");
  self->last_fill_ms = (g_get_monotonic_time () - fill_start) / 1000.0;
}

/* Settings */

static void
sync_choice_rows (RdmAttributionPage *self)
{
  RdmAnalysisSettings *settings = rdm_section_get_settings (RDM_SECTION (self));
  g_autofree char *period = NULL;
  g_autofree char *event = NULL;
  guint direction;

  if (settings == NULL)
    return;
  g_object_get (settings, "period", &period, "event", &event, "direction", &direction, NULL);
  self->syncing = TRUE;
  for (guint i = 0; i < self->period_codes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->period_codes, i), period) == 0)
      adw_combo_row_set_selected (self->period_row, i);
  for (guint i = 0; i < self->event_names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->event_names, i), event) == 0)
      adw_combo_row_set_selected (self->event_row, i);
  for (guint m = 0; m < RDM_MODEL_N_MODELS; m++)
    gtk_check_button_set_active (self->model_checks[m],
                                 rdm_analysis_settings_has_model (settings, m));
  self->syncing = FALSE;
  gtk_widget_set_visible (self->forward_window_row, direction == RDM_DIRECTION_FORWARD);
  /* forward influence uses no model */
  gtk_widget_set_sensitive (GTK_WIDGET (self->models_group), direction == RDM_DIRECTION_BACKWARD);
  gtk_widget_set_sensitive (self->model_settings_group, direction == RDM_DIRECTION_BACKWARD);
}

static void
rdm_attribution_page_settings_changed (RdmSection *section, GParamSpec *pspec)
{
  RdmAttributionPage *self = RDM_ATTRIBUTION_PAGE (section);

  /* credit reads no cost: ROI's rule for shared costs does not change it */
  if (g_str_equal (g_param_spec_get_name (pspec), "shared-costs"))
    return;
  sync_choice_rows (self);
  rdm_analysis_section_request (RDM_SECTION (self), self->worker);
}

static void
on_choice_selected (RdmAttributionPage *self, GParamSpec *pspec, AdwComboRow *row)
{
  guint selected = adw_combo_row_get_selected (row);
  gboolean period = row == self->period_row;
  GPtrArray *values = period ? self->period_codes : self->event_names;

  if (self->syncing || selected >= values->len)
    return;
  g_object_set (rdm_section_get_settings (RDM_SECTION (self)), period ? "period" : "event",
                g_ptr_array_index (values, selected), NULL);
}

static void
on_model_toggled (RdmAttributionPage *self, GtkCheckButton *check)
{
  RdmAnalysisSettings *settings = rdm_section_get_settings (RDM_SECTION (self));

  if (self->syncing || settings == NULL)
    return;
  for (guint m = 0; m < RDM_MODEL_N_MODELS; m++)
    if (self->model_checks[m] == check)
      rdm_analysis_settings_set_model (settings, m, gtk_check_button_get_active (check));
  /* the last model cannot be unchecked: show the settings as they are */
  sync_choice_rows (self);
}

static void
fill_choices (RdmAttributionPage *self)
{
  g_autoptr (GtkStringList) period_list = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) event_list = gtk_string_list_new (NULL);

  rdm_analysis_worker_list_choices (self->worker, period_list, self->period_codes, event_list,
                                    self->event_names);
  self->syncing = TRUE;
  adw_combo_row_set_model (self->period_row, G_LIST_MODEL (period_list));
  adw_combo_row_set_model (self->event_row, G_LIST_MODEL (event_list));
  self->syncing = FALSE;
  sync_choice_rows (self);
}

static void
on_loaded (RdmAttributionPage *self, GParamSpec *pspec, RdmAnalysisWorker *worker)
{
  if (!rdm_analysis_worker_get_loaded (worker))
    return;
  fill_choices (self);
  rdm_analysis_section_request (RDM_SECTION (self), self->worker);
}

/* RdmSection */

static void
rdm_attribution_page_reload (RdmSection *section)
{
  RdmAttributionPage *self = RDM_ATTRIBUTION_PAGE (section);

  rdm_analysis_section_show_session (
      section, self->worker, self->status_page, RDM_SEGMENT_PICKER (self->segment_picker),
      _ ("Open a project to compare attribution models on its data."));
  sync_choice_rows (self);
}

static GtkColumnView *
rdm_attribution_page_get_table (RdmSection *section, GListModel **out_rows)
{
  RdmAttributionPage *self = RDM_ATTRIBUTION_PAGE (section);
  const char *state = rdm_section_get_state (section);

  if (g_strcmp0 (state, "forward") == 0)
    {
      *out_rows = G_LIST_MODEL (self->forward_rows);
      return self->forward_table;
    }
  if (g_strcmp0 (state, "backward") == 0)
    {
      *out_rows = G_LIST_MODEL (self->rows);
      return self->table;
    }
  return NULL;
}

/* Public API */

void
rdm_attribution_page_show_settings (RdmAttributionPage *self)
{
  g_return_if_fail (RDM_IS_ATTRIBUTION_PAGE (self));

  /* unfolded, the settings are always beside the results */
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->click_window_spin));
}

GtkWidget *
rdm_attribution_page_new (void)
{
  return g_object_new (RDM_TYPE_ATTRIBUTION_PAGE, NULL);
}

/* Private API, for tests */

guint
_rdm_attribution_page_get_n_results (RdmAttributionPage *self)
{
  return self->n_results;
}

GListModel *
_rdm_attribution_page_get_rows (RdmAttributionPage *self)
{
  return G_LIST_MODEL (self->rows);
}

GListModel *
_rdm_attribution_page_get_forward_rows (RdmAttributionPage *self)
{
  return G_LIST_MODEL (self->forward_rows);
}

int
_rdm_attribution_page_get_model_column (RdmAttributionPage *self, RdmModel model)
{
  return self->model_columns[model];
}

int
_rdm_attribution_page_get_ci_column (RdmAttributionPage *self, RdmModel model)
{
  return self->ci_columns[model];
}

GtkSpinButton *
_rdm_attribution_page_get_click_window_spin (RdmAttributionPage *self)
{
  return self->click_window_spin;
}

GtkWidget *
_rdm_attribution_page_get_direction_row (RdmAttributionPage *self)
{
  return GTK_WIDGET (self->direction_row);
}

GtkWidget *
_rdm_attribution_page_get_segment_picker (RdmAttributionPage *self)
{
  return self->segment_picker;
}

RdmChartView *
_rdm_attribution_page_get_models_chart (RdmAttributionPage *self)
{
  return self->models_chart;
}

int
_rdm_attribution_page_get_truth_column (RdmAttributionPage *self)
{
  return self->truth_column;
}

const char *
_rdm_attribution_page_get_truth_text (RdmAttributionPage *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->truth_label))
             ? gtk_label_get_text (self->truth_label)
             : NULL;
}

GtkSwitch *
_rdm_attribution_page_get_calibrate_switch (RdmAttributionPage *self)
{
  return self->calibrate_switch;
}

const char *
_rdm_attribution_page_get_notes (RdmAttributionPage *self)
{
  return gtk_label_get_text (self->notes_label);
}

const char *
_rdm_attribution_page_get_caveat (RdmAttributionPage *self)
{
  return gtk_label_get_text (self->caveat_label);
}

GtkWidget *
_rdm_attribution_page_get_forward_note (RdmAttributionPage *self)
{
  return GTK_WIDGET (self->forward_note_label);
}

GtkWidget *
_rdm_attribution_page_get_message_label (RdmAttributionPage *self)
{
  return GTK_WIDGET (self->message_label);
}

const char *
_rdm_attribution_page_get_explanation (RdmAttributionPage *self)
{
  return self->explanation_text;
}

double
_rdm_attribution_page_get_last_elapsed_ms (RdmAttributionPage *self)
{
  return self->last_elapsed_ms;
}

double
_rdm_attribution_page_get_last_fill_ms (RdmAttributionPage *self)
{
  return self->last_fill_ms;
}

const char *
_rdm_attribution_page_get_status (RdmAttributionPage *self)
{
  return adw_status_page_get_description (
      g_strcmp0 (rdm_section_get_state (RDM_SECTION (self)), "error") == 0 ? self->error_page
                                                                           : self->status_page);
}

GtkWidget *
_rdm_attribution_page_get_settings_button (RdmAttributionPage *self)
{
  return self->settings_button;
}

GtkWidget *
_rdm_attribution_page_get_results (RdmAttributionPage *self)
{
  return GTK_WIDGET (self->stack);
}

/* GObject */

static void
rdm_attribution_page_dispose (GObject *object)
{
  RdmAttributionPage *self = RDM_ATTRIBUTION_PAGE (object);

  if (self->worker != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->worker, self);
      rdm_analysis_worker_set_data (self->worker, NULL);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), RDM_TYPE_ATTRIBUTION_PAGE);
  g_clear_object (&self->worker);
  g_clear_object (&self->rows);
  g_clear_object (&self->forward_rows);
  G_OBJECT_CLASS (rdm_attribution_page_parent_class)->dispose (object);
}

static void
rdm_attribution_page_finalize (GObject *object)
{
  RdmAttributionPage *self = RDM_ATTRIBUTION_PAGE (object);

  g_clear_pointer (&self->period_codes, g_ptr_array_unref);
  g_clear_pointer (&self->event_names, g_ptr_array_unref);
  g_free (self->explanation_text);
  G_OBJECT_CLASS (rdm_attribution_page_parent_class)->finalize (object);
}

static void
rdm_attribution_page_class_init (RdmAttributionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RdmSectionClass *section_class = RDM_SECTION_CLASS (klass);

  object_class->dispose = rdm_attribution_page_dispose;
  object_class->finalize = rdm_attribution_page_finalize;
  section_class->reload = rdm_attribution_page_reload;
  section_class->settings_changed = rdm_attribution_page_settings_changed;
  section_class->get_table = rdm_attribution_page_get_table;

  rdm_widgets_ensure_resources ();
  g_type_ensure (RDM_TYPE_CHART_VIEW);
  g_type_ensure (RDM_TYPE_SEGMENT_PICKER);
  g_type_ensure (RDM_TYPE_SETTINGS_SUMMARY);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/fr/rendement/Rendement/widgets/rdm-attribution-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, models_group);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, model_settings_group);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, reference_row);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, calibrate_row);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, calibrate_switch);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, bootstrap_switch);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, resamples_spin);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, direction_row);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, period_row);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, event_row);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, segment_picker);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, level_row);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, click_window_spin);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, view_window_spin);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, forward_window_row);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, forward_window_spin);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, click_priority_switch);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, restart_switch);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, view_weight_spin);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, half_life_spin);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, first_weight_spin);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, middle_weight_spin);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, last_weight_spin);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, markov_order_spin);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, flap);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, settings_summary);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, settings_button);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, message_box);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, table);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, notes_label);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, truth_label);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, caveat_label);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, models_chart);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, sweep_chart);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, explain_rule_label);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, explain_path_label);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, explain_grid);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, forward_note);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, forward_note_label);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, forward_table);
  gtk_widget_class_bind_template_child (widget_class, RdmAttributionPage, forward_chart);
}

static void
rdm_attribution_page_init (RdmAttributionPage *self)
{
  RdmSection *section = RDM_SECTION (self);
  g_autoptr (GtkStringList) models = gtk_string_list_new (NULL);
  GtkSelectionModel *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  rdm_section_set_status_widgets (section, self->stack, self->spinner, self->error_page);
  gtk_label_set_text (self->caveat_label, rdm_truth_credit_caveat ());

  self->rows = g_list_store_new (RDM_TYPE_RESULT_ROW);
  self->forward_rows = g_list_store_new (RDM_TYPE_RESULT_ROW);
  self->period_codes = g_ptr_array_new_with_free_func (g_free);
  self->event_names = g_ptr_array_new_with_free_func (g_free);
  for (guint m = 0; m < RDM_MODEL_N_MODELS; m++)
    self->model_columns[m] = self->ci_columns[m] = -1;
  self->truth_column = -1;

  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows))));
  gtk_column_view_set_model (self->table, selection);
  g_object_unref (selection);
  selection = GTK_SELECTION_MODEL (
      gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->forward_rows))));
  gtk_column_view_set_model (self->forward_table, selection);
  g_object_unref (selection);

  for (guint m = 0; m < RDM_MODEL_N_MODELS; m++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      gtk_string_list_append (models, rdm_model_display_name (m));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rdm_model_display_name (m));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->models_group, row);
      self->model_checks[m] = GTK_CHECK_BUTTON (check);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_model_toggled), self,
                               G_CONNECT_SWAPPED);
    }
  adw_combo_row_set_model (self->reference_row, G_LIST_MODEL (models));
  g_signal_connect_object (self->period_row, "notify::selected", G_CALLBACK (on_choice_selected),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->event_row, "notify::selected", G_CALLBACK (on_choice_selected),
                           self, G_CONNECT_SWAPPED);

  self->worker = rdm_analysis_section_add_worker (
      section, RDM_ANALYSIS_CREDIT | RDM_ANALYSIS_SWEEP | RDM_ANALYSIS_EXPLAIN,
      G_CALLBACK (on_finished), G_CALLBACK (on_loaded));

  rdm_section_bind_settings (section, G_OBJECT (self->settings_summary), "settings");
  rdm_section_bind_setting (section, "reference-model", self->reference_row, "selected");
  rdm_section_bind_setting (section, "bootstrap", self->bootstrap_switch, "active");
  rdm_section_bind_setting (section, "calibrate", self->calibrate_switch, "active");
  rdm_section_bind_setting (section, "resamples",
                            gtk_spin_button_get_adjustment (self->resamples_spin), "value");
  rdm_section_bind_setting (section, "direction", self->direction_row, "selected");
  rdm_section_bind_setting (section, "level", self->level_row, "selected");
  rdm_section_bind_setting (section, "click-window",
                            gtk_spin_button_get_adjustment (self->click_window_spin), "value");
  rdm_section_bind_setting (section, "view-window",
                            gtk_spin_button_get_adjustment (self->view_window_spin), "value");
  rdm_section_bind_setting (section, "forward-window",
                            gtk_spin_button_get_adjustment (self->forward_window_spin), "value");
  rdm_section_bind_setting (section, "click-priority", self->click_priority_switch, "active");
  rdm_section_bind_setting (section, "restart", self->restart_switch, "active");
  rdm_section_bind_setting (section, "view-weight",
                            gtk_spin_button_get_adjustment (self->view_weight_spin), "value");
  rdm_section_bind_setting (section, "half-life",
                            gtk_spin_button_get_adjustment (self->half_life_spin), "value");
  rdm_section_bind_setting (section, "first-weight",
                            gtk_spin_button_get_adjustment (self->first_weight_spin), "value");
  rdm_section_bind_setting (section, "middle-weight",
                            gtk_spin_button_get_adjustment (self->middle_weight_spin), "value");
  rdm_section_bind_setting (section, "last-weight",
                            gtk_spin_button_get_adjustment (self->last_weight_spin), "value");
  rdm_section_bind_setting (section, "markov-order",
                            gtk_spin_button_get_adjustment (self->markov_order_spin), "value");
  rdm_section_bind_setting (section, "segment", self->segment_picker, "segment");
  rdm_section_show_state (section, "empty");
  fill_choices (self);
}
