/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scorecard of the Overview section. The numbers are those of
 * rdm_kpi_report_compute(), with the window's analysis settings (model,
 * windows, segment, model options) turned into engine options by
 * rdm_analysis_config_get_options() as "rendement-cli kpis" turns its
 * options, so the page and the CLI agree; the quarter is the scorecard's
 * own (each KPI has its period); the work runs in a GTask
 * thread on a connection of its own (SQLite connections stay on their
 * thread), and only the widgets are built on the main thread.
 */
#include "config.h"

#include <math.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "rdm-analysis-settings.h"
#include "rdm-business.h"
#include "rdm-error-dialog.h"
#include "rdm-kpi-editor.h"
#include "rdm-kpi-report.h"
#include "rdm-overview-page.h"
#include "rdm-result-table.h"
#include "rdm-section.h"
#include "rdm-settings-summary.h"
#include "rdm-suggested-kpis.h"
#include "rdm-table-export-button.h"

struct _RdmOverviewPage
{
  RdmSection parent_instance;

  /* Template widgets */
  GtkWidget *settings_summary;
  GtkDropDown *period_dropdown;
  GtkStringList *period_list;
  GtkSpinner *spinner;
  GtkWidget *export_button;
  GtkWidget *suggest_button;
  GtkWidget *add_button;
  AdwToastOverlay *toast_overlay;
  GtkStack *stack;
  AdwStatusPage *error_page;
  GtkBox *objectives_box;

  /* Owned references */
  GArray *periods;        /* RdmPeriod, the quarters of the dropdown */
  GPtrArray *results;     /* RdmKpiResult *, shown */
  GPtrArray *objectives;  /* RdmObjective *, shown */
  GPtrArray *initiatives; /* RdmInitiative * */
  GHashTable *cards;      /* "objective\nkpi" -> GHashTable field -> text shown */
  gulong period_handler;
};

G_DEFINE_FINAL_TYPE (RdmOverviewPage, rdm_overview_page, RDM_TYPE_SECTION)

/* Formatting */

static int
decimals_for (double value)
{
  double magnitude = fabs (value);

  if (magnitude >= 1000)
    return 0;
  if (magnitude >= 10)
    return 1;
  return 2;
}

char *
rdm_kpi_format_value (RdmFigure figure, const char *unit)
{
  g_autofree char *number = NULL;

  if (!figure.defined)
    return g_strdup (_ ("n/a"));
  number = rdm_result_format_number (figure.value, decimals_for (figure.value));
  if (unit == NULL || unit[0] == '\0')
    return g_steal_pointer (&number);
  /* "×" and "/10" read as part of the number; other units follow it after
   * a narrow no-break space, as in "37.6 %" */
  if (g_str_has_prefix (unit, "/") || g_str_has_prefix (unit, "×"))
    return g_strconcat (number, unit, NULL);
  return g_strconcat (number, "\u202f", unit, NULL);
}

static char *
format_period (const RdmPeriod *period)
{
  switch (period->kind)
    {
    case RDM_PERIOD_MONTH:
      {
        g_autoptr (GDateTime) date = g_date_time_new_utc (period->year, period->number, 1, 0, 0, 0);

        /* Translators: a month and its year, see g_date_time_format() */
        return g_date_time_format (date, _ ("%B %Y"));
      }
    case RDM_PERIOD_YEAR:
      return g_strdup_printf ("%d", period->year);
    case RDM_PERIOD_QUARTER:
    default:
      /* Translators: a quarter of a year, "Q3 2026" */
      return g_strdup_printf (_ ("Q%d %d"), period->number, period->year);
    }
}

/* The worker */

typedef struct
{
  RdmSectionInput input;
  gboolean has_period; /* FALSE: the latest quarter */
  RdmPeriod period;
} Request;

typedef struct
{
  GArray *periods; /* RdmPeriod, the quarters with data, in time order */
  gboolean has_period;
  RdmPeriod period;       /* the quarter computed */
  GPtrArray *results;     /* RdmKpiResult * */
  GPtrArray *objectives;  /* RdmObjective *, by name */
  GPtrArray *initiatives; /* RdmInitiative *, by objective then name */
} Outcome;

static void
outcome_free (Outcome *outcome)
{
  g_clear_pointer (&outcome->periods, g_array_unref);
  g_clear_pointer (&outcome->results, g_ptr_array_unref);
  g_clear_pointer (&outcome->objectives, g_ptr_array_unref);
  g_clear_pointer (&outcome->initiatives, g_ptr_array_unref);
  g_free (outcome);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Outcome, outcome_free)

static void
compute_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Request *request = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = NULL;
  const RdmAttributionData *loaded;
  const RdmEventStore *store = NULL;
  g_autoptr (RdmMetrics) metrics = NULL;
  g_autoptr (Outcome) outcome = g_new0 (Outcome, 1);
  g_autofree guint8 *visitor_mask = NULL;
  RdmPathOptions path_options;
  RdmModelOptions model_options;
  RdmProjectInfo info;
  RdmPeriod latest;
  gboolean has_latest;

  project = rdm_project_data_open (request->input.data, &error);
  if (project == NULL || !rdm_project_get_info (project, &info, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  has_latest = rdm_project_latest_period (project, RDM_PERIOD_QUARTER, &latest, &error);
  /* without dated data there is no quarter to offer; the report then says
   * why each KPI cannot be placed, or shows the empty state without KPIs */
  if (!has_latest && !g_error_matches (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_clear_error (&error);
  if (has_latest)
    {
      outcome->periods = rdm_project_list_periods (project, RDM_PERIOD_QUARTER, &error);
      if (outcome->periods == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      outcome->has_period = TRUE;
      outcome->period = request->has_period ? request->period : latest;
    }
  else
    outcome->periods = g_array_new (FALSE, FALSE, sizeof (RdmPeriod));

  /* the events, as the CLI loads them: a project with only a path table
   * has no dates, so attributed metrics are 0 there */
  if (info.touchpoints > 0 || info.conversions > 0)
    {
      loaded = rdm_project_data_get_source (request->input.data, project, cancellable, &error);
      if (loaded == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      store = loaded->store;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  /* the segment restricts attributed metrics, as "rendement-cli kpis
   * --segment" does */
  if (store != NULL
      && !rdm_section_input_segment_mask (&request->input, project, store, cancellable,
                                          &visitor_mask, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!rdm_analysis_config_get_options (&request->input.config, &path_options, &model_options,
                                        &error))
    {
      rdm_path_options_clear (&path_options);
      rdm_model_options_clear (&model_options);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* each KPI sets its own periods */
  path_options.from_time = G_MININT64;
  path_options.to_time = G_MAXINT64;
  metrics = rdm_metrics_new (project, store, &path_options, &model_options, visitor_mask,
                             request->input.config.model);
  outcome->results = rdm_kpi_report_compute (metrics, project,
                                             outcome->has_period ? &outcome->period : NULL, &error);
  rdm_path_options_clear (&path_options);
  rdm_model_options_clear (&model_options);
  if (outcome->results == NULL
      || (outcome->objectives = rdm_project_list_objectives (project, &error)) == NULL
      || (outcome->initiatives = rdm_project_list_initiatives (project, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&outcome), (GDestroyNotify)outcome_free);
}

/* The toolbar's buttons would repeat those of the empty states. */
static void
on_state_changed (RdmOverviewPage *self)
{
  gboolean scorecard = g_strcmp0 (rdm_section_get_state (RDM_SECTION (self)), "scorecard") == 0;

  gtk_widget_set_visible (self->export_button, scorecard);
  gtk_widget_set_visible (self->suggest_button, scorecard);
  gtk_widget_set_visible (self->add_button, scorecard);
}

/* The scorecard shown, for its export button. */
static char *
scorecard_csv (gpointer user_data, GError **error)
{
  RdmOverviewPage *self = RDM_OVERVIEW_PAGE (user_data);

  if (self->results == NULL || self->results->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _ ("The scorecard has no KPIs to export"));
      return NULL;
    }
  return rdm_kpi_results_to_csv (self->results);
}

/* Cards */

static const char *
status_class (RdmKpiStatus status)
{
  switch (status)
    {
    case RDM_KPI_STATUS_MET:
      return "success";
    case RDM_KPI_STATUS_MISSED:
      return "error";
    case RDM_KPI_STATUS_UNKNOWN:
      return "warning";
    case RDM_KPI_STATUS_NO_TARGET:
    default:
      return "dim-label";
    }
}

static const char *
status_icon (RdmKpiStatus status)
{
  switch (status)
    {
    case RDM_KPI_STATUS_MET:
      return "emblem-ok-symbolic";
    case RDM_KPI_STATUS_MISSED:
      return "dialog-warning-symbolic";
    case RDM_KPI_STATUS_UNKNOWN:
      return "dialog-question-symbolic";
    case RDM_KPI_STATUS_NO_TARGET:
    default:
      return "radio-symbolic";
    }
}

static const char *
status_text (RdmKpiStatus status)
{
  switch (status)
    {
    case RDM_KPI_STATUS_MET:
      return _ ("Target met");
    case RDM_KPI_STATUS_MISSED:
      return _ ("Target missed");
    case RDM_KPI_STATUS_UNKNOWN:
      return _ ("No value for this period");
    case RDM_KPI_STATUS_NO_TARGET:
    default:
      return _ ("No target");
    }
}

typedef struct
{
  RdmFigure trend[RDM_KPI_TREND_PERIODS];
  gboolean has_target;
  double target;
} Sparkline;

static void
draw_sparkline (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  const Sparkline *line = data;
  GdkRGBA colour;
  double low = INFINITY, high = -INFINITY;
  double pad = 4, step;
  gboolean started = FALSE;
  double last_x = 0, last_y = 0;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &colour);
  G_GNUC_END_IGNORE_DEPRECATIONS

  for (guint i = 0; i < RDM_KPI_TREND_PERIODS; i++)
    if (line->trend[i].defined)
      {
        low = MIN (low, line->trend[i].value);
        high = MAX (high, line->trend[i].value);
      }
  if (!isfinite (low))
    return;
  if (line->has_target && line->target >= low - (high - low) && line->target <= high + (high - low))
    {
      low = MIN (low, line->target);
      high = MAX (high, line->target);
    }
  if (high - low < 1e-12)
    {
      low -= 1;
      high += 1;
    }
#define Y(v) (pad + (height - 2 * pad) * (1 - ((v)-low) / (high - low)))
  step = (width - 2 * pad) / (RDM_KPI_TREND_PERIODS - 1);

  if (line->has_target && line->target >= low && line->target <= high)
    {
      const double dash[] = { 3, 3 };

      cairo_set_source_rgba (cr, colour.red, colour.green, colour.blue, 0.35);
      cairo_set_line_width (cr, 1);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_move_to (cr, pad, round (Y (line->target)) + 0.5);
      cairo_line_to (cr, width - pad, round (Y (line->target)) + 0.5);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  cairo_set_source_rgba (cr, colour.red, colour.green, colour.blue, 0.8);
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint i = 0; i < RDM_KPI_TREND_PERIODS; i++)
    {
      if (!line->trend[i].defined)
        {
          started = FALSE;
          continue;
        }
      last_x = pad + i * step;
      last_y = Y (line->trend[i].value);
      if (started)
        cairo_line_to (cr, last_x, last_y);
      else
        cairo_move_to (cr, last_x, last_y);
      started = TRUE;
    }
  cairo_stroke (cr);
  if (line->trend[RDM_KPI_TREND_PERIODS - 1].defined)
    {
      cairo_arc (cr, last_x, last_y, 3, 0, 2 * G_PI);
      cairo_fill (cr);
    }
#undef Y
}

static GtkWidget *
new_label (const char *text, const char *style_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (style_class != NULL)
    gtk_widget_add_css_class (label, style_class);
  return label;
}

static void
remember (GHashTable *fields, const char *field, const char *text)
{
  g_hash_table_insert (fields, (gpointer)field, g_strdup (text));
}

static GtkWidget *
build_card (RdmOverviewPage *self, const RdmKpiResult *result)
{
  const RdmKpi *kpi = result->kpi;
  GHashTable *fields = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GtkWidget *frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *value_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *status_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name, *edit, *value, *area, *status_label, *icon, *target, *change;
  g_autofree char *value_text = rdm_kpi_format_value (result->actual, kpi->unit);
  g_autofree char *previous_text = rdm_kpi_format_value (result->change.previous, kpi->unit);
  g_autofree char *target_text = NULL;
  g_autofree char *change_text = NULL;
  g_autofree char *key = g_strconcat (kpi->objective, "\n", kpi->name, NULL);
  g_autofree char *tooltip = NULL;
  g_autofree char *edit_label = NULL;
  Sparkline *line = g_new0 (Sparkline, 1);

  /* .card has no padding of its own */
  gtk_widget_add_css_class (frame, "card");
  gtk_widget_set_size_request (frame, 240, -1);
  gtk_widget_set_margin_top (card, 12);
  gtk_widget_set_margin_bottom (card, 15);
  gtk_widget_set_margin_start (card, 18);
  gtk_widget_set_margin_end (card, 12);
  gtk_box_append (GTK_BOX (frame), card);

  name = new_label (kpi->name, "heading");
  gtk_widget_set_hexpand (name, TRUE);
  tooltip = g_strdup_printf (_ ("Formula: %s"), kpi->formula);
  gtk_widget_set_tooltip_text (name, tooltip);
  gtk_box_append (GTK_BOX (header), name);
  edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
  gtk_widget_add_css_class (edit, "flat");
  gtk_widget_add_css_class (edit, "circular");
  gtk_widget_set_valign (edit, GTK_ALIGN_START);
  edit_label = g_strdup_printf (_ ("Edit “%s”"), kpi->name);
  gtk_widget_set_tooltip_text (edit, edit_label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "overview.edit-kpi");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (edit), "(ss)", kpi->objective, kpi->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL, edit_label,
                                  -1);
  gtk_box_append (GTK_BOX (header), edit);
  gtk_box_append (GTK_BOX (card), header);

  value = new_label (value_text, "title-1");
  gtk_widget_add_css_class (value, "numeric");
  gtk_widget_set_hexpand (value, TRUE);
  gtk_label_set_wrap (GTK_LABEL (value), FALSE);
  gtk_label_set_ellipsize (GTK_LABEL (value), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (value_box), value);
  memcpy (line->trend, result->trend, sizeof line->trend);
  line->has_target = kpi->has_target;
  line->target = kpi->target;
  area = g_object_new (GTK_TYPE_DRAWING_AREA, "accessible-role", GTK_ACCESSIBLE_ROLE_IMG, NULL);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 96);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 36);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_sparkline, line, g_free);
  {
    GString *trend = g_string_new (_ ("Last four periods: "));

    for (guint i = 0; i < RDM_KPI_TREND_PERIODS; i++)
      {
        g_autofree char *point = rdm_kpi_format_value (result->trend[i], kpi->unit);

        g_string_append_printf (trend, i > 0 ? ", %s" : "%s", point);
      }
    gtk_widget_set_tooltip_text (area, trend->str);
    gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    trend->str, -1);
    g_string_free (trend, TRUE);
  }
  gtk_box_append (GTK_BOX (value_box), area);
  gtk_box_append (GTK_BOX (card), value_box);

  if (kpi->has_target)
    {
      g_autofree char *goal = rdm_kpi_format_value ((RdmFigure){ kpi->target, TRUE }, kpi->unit);

      target_text
          = g_strdup_printf (kpi->lower_is_better ? _ ("Target ≤ %s") : _ ("Target ≥ %s"), goal);
    }
  else
    target_text = g_strdup (_ ("No target"));

  if (result->error != NULL)
    {
      GtkWidget *error = new_label (result->error, "error");

      icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
      gtk_widget_add_css_class (icon, "error");
      status_label = new_label (_ ("Cannot be evaluated"), "error");
      gtk_box_append (GTK_BOX (status_box), icon);
      gtk_box_append (GTK_BOX (status_box), status_label);
      gtk_box_append (GTK_BOX (card), status_box);
      gtk_widget_add_css_class (error, "caption");
      gtk_label_set_selectable (GTK_LABEL (error), TRUE);
      gtk_box_append (GTK_BOX (card), error);
      remember (fields, "error", result->error);
    }
  else
    {
      icon = gtk_image_new_from_icon_name (status_icon (result->status));
      gtk_widget_add_css_class (icon, status_class (result->status));
      status_label = new_label (status_text (result->status), status_class (result->status));
      gtk_box_append (GTK_BOX (status_box), icon);
      gtk_box_append (GTK_BOX (status_box), status_label);
      gtk_box_append (GTK_BOX (card), status_box);
    }
  target = new_label (target_text, "dim-label");
  gtk_box_append (GTK_BOX (card), target);

  if (result->change.relative.defined)
    {
      double relative = result->change.relative.value;
      gboolean up = relative >= 0;
      gboolean better = kpi->lower_is_better ? !up : up;
      g_autofree char *percent = rdm_result_format_number (100 * fabs (relative), 1);

      /* Translators: the change from the previous period, "▲ 11.9 % on Q2 2026 (33.6 %)" */
      change_text = g_strdup_printf (_ ("%s %s %% on the previous period (%s)"), up ? "▲" : "▼",
                                     percent, previous_text);
      change = new_label (change_text, fabs (relative) < 0.0005 ? "dim-label"
                                       : better                 ? "success"
                                                                : "error");
    }
  else
    {
      change_text = g_strdup_printf (_ ("Previous period: %s"), previous_text);
      change = new_label (change_text, "dim-label");
    }
  gtk_widget_add_css_class (change, "caption");
  gtk_widget_add_css_class (change, "numeric");
  gtk_box_append (GTK_BOX (card), change);

  remember (fields, "value", value_text);
  remember (fields, "previous", previous_text);
  remember (fields, "status", gtk_label_get_text (GTK_LABEL (status_label)));
  remember (fields, "target", target_text);
  remember (fields, "change", change_text);
  g_hash_table_insert (self->cards, g_steal_pointer (&key), fields);
  return frame;
}

static void
clear_cards (RdmOverviewPage *self)
{
  GtkWidget *child;

  g_hash_table_remove_all (self->cards);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->objectives_box))) != NULL)
    gtk_box_remove (self->objectives_box, child);
}

static GtkWidget *
build_objective (RdmOverviewPage *self, const RdmObjective *objective)
{
  GtkWidget *group = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *flow = gtk_flow_box_new ();
  g_autoptr (GString) initiatives = g_string_new (NULL);
  const RdmPeriod *period = NULL;
  int n_kpis = 0, n_met = 0, n_targets = 0;

  gtk_widget_set_hexpand (titles, TRUE);
  gtk_box_append (GTK_BOX (titles), new_label (objective->name, "title-3"));
  for (guint i = 0; i < self->initiatives->len; i++)
    {
      const RdmInitiative *initiative = g_ptr_array_index (self->initiatives, i);

      if (g_str_equal (initiative->objective, objective->name))
        g_string_append_printf (initiatives, initiatives->len > 0 ? ", %s" : "%s",
                                initiative->name);
    }
  if (initiatives->len > 0)
    {
      /* Translators: the initiatives serving an objective, listed */
      g_autofree char *text = g_strdup_printf (_ ("Initiatives: %s"), initiatives->str);

      gtk_box_append (GTK_BOX (titles), new_label (text, "dim-label"));
    }
  gtk_box_append (GTK_BOX (header), titles);
  gtk_box_append (GTK_BOX (group), header);

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  /* two per line at least, so that a lone card does not stretch across the page */
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 2);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 12);
  for (guint i = 0; i < self->results->len; i++)
    {
      const RdmKpiResult *result = g_ptr_array_index (self->results, i);

      if (!g_str_equal (result->kpi->objective, objective->name))
        continue;
      gtk_flow_box_append (GTK_FLOW_BOX (flow), build_card (self, result));
      period = &result->period;
      n_kpis++;
      n_targets += result->kpi->has_target;
      n_met += result->status == RDM_KPI_STATUS_MET;
    }
  if (n_kpis == 0)
    {
      gtk_box_append (GTK_BOX (group),
                      new_label (_ ("No KPI measures this objective yet."), "dim-label"));
      g_object_ref_sink (flow);
      g_object_unref (flow);
      return group;
    }
  /* the cards of an objective fill the width: as many per line as there
   * are cards, up to four (they wrap when the window is narrow) */
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), CLAMP (n_kpis, 2, 4));
  gtk_box_append (GTK_BOX (group), flow);
  if (period != NULL)
    {
      g_autofree char *period_text = format_period (period);
      g_autofree char *summary = NULL;
      GtkWidget *label;

      if (n_targets > 0)
        /* Translators: "2 of 3 targets met in Q3 2026" */
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d of %d target met in %s",
                                                "%d of %d targets met in %s", n_targets),
                                   n_met, n_targets, period_text);
      else
        summary = g_strdup (period_text);
      label = new_label (summary, "dim-label");
      gtk_label_set_wrap (GTK_LABEL (label), FALSE);
      gtk_widget_set_valign (label, GTK_ALIGN_START);
      gtk_widget_set_margin_top (label, 6);
      gtk_box_append (GTK_BOX (header), label);
    }
  return group;
}

static void
show_results (RdmOverviewPage *self)
{
  clear_cards (self);
  for (guint i = 0; i < self->objectives->len; i++)
    gtk_box_append (self->objectives_box,
                    build_objective (self, g_ptr_array_index (self->objectives, i)));
  rdm_section_show_state (RDM_SECTION (self), self->results->len > 0 ? "scorecard" : "no-kpis");
}

static gboolean
same_periods (GArray *a, GArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!rdm_period_equal (&g_array_index (a, RdmPeriod, i), &g_array_index (b, RdmPeriod, i)))
      return FALSE;
  return TRUE;
}

static void
fill_periods (RdmOverviewPage *self, Outcome *outcome)
{
  guint selected = GTK_INVALID_LIST_POSITION;

  g_signal_handler_block (self->period_dropdown, self->period_handler);
  if (!same_periods (self->periods, outcome->periods))
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->period_list));
      g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < outcome->periods->len; i++)
        g_ptr_array_add (labels, format_period (&g_array_index (outcome->periods, RdmPeriod, i)));
      g_ptr_array_add (labels, NULL);
      gtk_string_list_splice (self->period_list, 0, n, (const char *const *)labels->pdata);
      g_clear_pointer (&self->periods, g_array_unref);
      self->periods = g_array_ref (outcome->periods);
    }
  for (guint i = 0; outcome->has_period && i < self->periods->len; i++)
    if (rdm_period_equal (&g_array_index (self->periods, RdmPeriod, i), &outcome->period))
      selected = i;
  gtk_drop_down_set_selected (self->period_dropdown, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->period_dropdown), self->periods->len > 0);
  g_signal_handler_unblock (self->period_dropdown, self->period_handler);
}

static void
compute_done (RdmSection *section, gpointer data)
{
  RdmOverviewPage *self = RDM_OVERVIEW_PAGE (section);
  g_autoptr (Outcome) outcome = data;

  fill_periods (self, outcome);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  self->results = g_steal_pointer (&outcome->results);
  g_clear_pointer (&self->objectives, g_ptr_array_unref);
  self->objectives = g_steal_pointer (&outcome->objectives);
  g_clear_pointer (&self->initiatives, g_ptr_array_unref);
  self->initiatives = g_steal_pointer (&outcome->initiatives);
  show_results (self);
}

static void
start_compute (RdmOverviewPage *self, const RdmPeriod *period)
{
  RdmSection *section = RDM_SECTION (self);
  Request *request;

  if (rdm_section_get_project (section) == NULL)
    {
      rdm_section_cancel (section);
      clear_cards (self);
      rdm_section_show_state (section, "no-project");
      return;
    }
  request = rdm_section_input_new (section, sizeof (Request));
  request->has_period = period != NULL;
  if (period != NULL)
    request->period = *period;
  rdm_section_run (section, compute_thread, request, rdm_section_input_free, NULL, compute_done);
}

static const RdmPeriod *
selected_period (RdmOverviewPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);

  if (self->periods == NULL || selected >= self->periods->len)
    return NULL;
  return &g_array_index (self->periods, RdmPeriod, selected);
}

static void
period_changed (RdmOverviewPage *self)
{
  start_compute (self, selected_period (self));
}

/* Another project, or its data changed: the quarters may have changed too. */
static void
rdm_overview_page_reload (RdmSection *section)
{
  RdmOverviewPage *self = RDM_OVERVIEW_PAGE (section);
  gboolean has_project = rdm_section_get_project (section) != NULL;

  g_clear_pointer (&self->periods, g_array_unref);
  self->periods = g_array_new (FALSE, FALSE, sizeof (RdmPeriod));
  g_signal_handler_block (self->period_dropdown, self->period_handler);
  gtk_string_list_splice (self->period_list, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->period_list)), NULL);
  g_signal_handler_unblock (self->period_dropdown, self->period_handler);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.add-kpi", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.add-suggested", has_project);
  gtk_widget_set_visible (GTK_WIDGET (self->period_dropdown), has_project);
  start_compute (self, NULL);
}

static void
rdm_overview_page_settings_changed (RdmSection *section, GParamSpec *pspec)
{
  if (!rdm_analysis_settings_is_comparison_only (pspec))
    period_changed (RDM_OVERVIEW_PAGE (section));
}

/* Actions */

static void
add_suggested (GtkWidget *widget, const char *action, GVariant *parameter)
{
  RdmOverviewPage *self = RDM_OVERVIEW_PAGE (widget);
  RdmProject *project = rdm_section_get_project (RDM_SECTION (self));
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_added = 0;

  if (project == NULL)
    return;
  if (!rdm_project_add_suggested_kpis (project, &n_added, &error))
    {
      rdm_error_dialog_present (GTK_WIDGET (self), _ ("The KPIs Could Not Be Added"), error);
      return;
    }
  if (n_added == 0)
    message = g_strdup (_ ("The project already has every suggested KPI its data can measure"));
  else
    message = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u KPI added", "%u KPIs added", n_added), n_added);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  period_changed (self);
}

static void
open_editor (RdmOverviewPage *self, const char *objective, const char *name)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  RdmProject *project = rdm_section_get_project (RDM_SECTION (self));
  RdmKpiEditor *editor;

  if (project == NULL)
    return;
  editor = rdm_kpi_editor_new (project);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  if (name != NULL)
    {
      for (guint i = 0; self->results != NULL && i < self->results->len; i++)
        {
          const RdmKpiResult *result = g_ptr_array_index (self->results, i);

          if (g_str_equal (result->kpi->objective, objective)
              && g_str_equal (result->kpi->name, name))
            rdm_kpi_editor_edit_kpi (editor, result->kpi);
        }
    }
  g_signal_connect_object (editor, "saved", G_CALLBACK (period_changed), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
add_kpi (GtkWidget *widget, const char *action, GVariant *parameter)
{
  open_editor (RDM_OVERVIEW_PAGE (widget), NULL, NULL);
}

static void
edit_kpi (GtkWidget *widget, const char *action, GVariant *parameter)
{
  const char *objective, *name;

  g_variant_get (parameter, "(&s&s)", &objective, &name);
  open_editor (RDM_OVERVIEW_PAGE (widget), objective, name);
}

/* Public */

GtkWidget *
rdm_overview_page_new (void)
{
  return g_object_new (RDM_TYPE_OVERVIEW_PAGE, NULL);
}

GtkDropDown *
_rdm_overview_page_get_period_dropdown (RdmOverviewPage *self)
{
  return self->period_dropdown;
}

RdmSettingsSummary *
_rdm_overview_page_get_summary (RdmOverviewPage *self)
{
  return RDM_SETTINGS_SUMMARY (self->settings_summary);
}

const char *
_rdm_overview_page_get_card_text (RdmOverviewPage *self,
                                  const char *objective,
                                  const char *kpi,
                                  const char *field)
{
  g_autofree char *key = g_strconcat (objective, "\n", kpi, NULL);
  GHashTable *fields = g_hash_table_lookup (self->cards, key);
  return fields != NULL ? g_hash_table_lookup (fields, field) : NULL;
}

/* GObject */

static void
rdm_overview_page_dispose (GObject *object)
{
  RdmOverviewPage *self = RDM_OVERVIEW_PAGE (object);

  rdm_section_cancel (RDM_SECTION (self));
  if (self->cards != NULL)
    g_hash_table_remove_all (self->cards);
  gtk_widget_dispose_template (GTK_WIDGET (self), RDM_TYPE_OVERVIEW_PAGE);
  G_OBJECT_CLASS (rdm_overview_page_parent_class)->dispose (object);
}

static void
rdm_overview_page_finalize (GObject *object)
{
  RdmOverviewPage *self = RDM_OVERVIEW_PAGE (object);

  g_clear_pointer (&self->cards, g_hash_table_unref);
  g_clear_pointer (&self->periods, g_array_unref);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->objectives, g_ptr_array_unref);
  g_clear_pointer (&self->initiatives, g_ptr_array_unref);
  G_OBJECT_CLASS (rdm_overview_page_parent_class)->finalize (object);
}

static void
rdm_overview_page_class_init (RdmOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RdmSectionClass *section_class = RDM_SECTION_CLASS (klass);

  object_class->dispose = rdm_overview_page_dispose;
  object_class->finalize = rdm_overview_page_finalize;
  section_class->reload = rdm_overview_page_reload;
  section_class->settings_changed = rdm_overview_page_settings_changed;

  g_type_ensure (RDM_TYPE_SETTINGS_SUMMARY);
  rdm_widgets_ensure_resources ();
  gtk_widget_class_set_template_from_resource (
      widget_class, "/fr/rendement/Rendement/widgets/rdm-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdmOverviewPage, settings_summary);
  gtk_widget_class_bind_template_child (widget_class, RdmOverviewPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdmOverviewPage, period_list);
  gtk_widget_class_bind_template_child (widget_class, RdmOverviewPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RdmOverviewPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, RdmOverviewPage, suggest_button);
  gtk_widget_class_bind_template_child (widget_class, RdmOverviewPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, RdmOverviewPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdmOverviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RdmOverviewPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, RdmOverviewPage, objectives_box);

  gtk_widget_class_install_action (widget_class, "overview.add-kpi", NULL, add_kpi);
  gtk_widget_class_install_action (widget_class, "overview.add-suggested", NULL, add_suggested);
  gtk_widget_class_install_action (widget_class, "overview.edit-kpi", "(ss)", edit_kpi);
}

static void
rdm_overview_page_init (RdmOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rdm_section_set_status_widgets (RDM_SECTION (self), self->stack, self->spinner, self->error_page);
  g_signal_connect_object (self->stack, "notify::visible-child-name", G_CALLBACK (on_state_changed),
                           self, G_CONNECT_SWAPPED);
  rdm_table_export_button_set_export_func (RDM_TABLE_EXPORT_BUTTON (self->export_button),
                                           scorecard_csv, self);
  self->cards
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_hash_table_unref);
  self->periods = g_array_new (FALSE, FALSE, sizeof (RdmPeriod));
  self->period_handler = g_signal_connect_swapped (self->period_dropdown, "notify::selected",
                                                   G_CALLBACK (period_changed), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.add-kpi", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.add-suggested", FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->period_dropdown), FALSE);
  rdm_section_bind_settings (RDM_SECTION (self), G_OBJECT (self->settings_summary), "settings");
  rdm_section_show_state (RDM_SECTION (self), "no-project");
  on_state_changed (self);
}
