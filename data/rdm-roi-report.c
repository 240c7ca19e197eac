/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ROI reports: the project's costs, shared costs and savings of a period
 * (SQL, here) against the credit of a model (RdmMetrics over events, or a
 * path table's), put through rdm_roi_compute() row by row.
 *
 * Shared costs are split among the project's channels by
 * rdm_shared_allocate() at channel level, before rows are summed into
 * channel groups, so that a group's share is its channels'. A channel is
 * active in a period when it has a cost above 0 there or is a label of the
 * period's journeys (the labels of the credit, whatever the model: every
 * model credits the same path set). At campaign level the shared costs are
 * not split among campaigns, which would need a rule of its own: they are
 * on one row of their own (RDM_SHARED_LABEL) and count in the total.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rdm-attribution.h"
#include "rdm-channel-rules.h"
#include "rdm-project-db.h"
#include "rdm-roi-report.h"

void
rdm_roi_settings_init (RdmRoiSettings *settings)
{
  *settings = (RdmRoiSettings){ RDM_COST_ALL_CATEGORIES, NULL, FALSE };
}

static void
row_free (RdmRoiReportRow *row)
{
  g_free (row->label);
  g_free (row->channel);
  g_free (row->campaign);
  g_free (row->group);
  g_free (row);
}

void
rdm_roi_report_free (RdmRoiReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->rows);
  g_free (report->total.label);
  rdm_shared_rule_clear (&report->shared_rule);
  rdm_shared_allocation_free (report->shared);
  g_free (report);
}

static RdmRoiReportRow *
get_row (RdmRoiReport *report,
         GHashTable *index,
         const char *label,
         const char *channel,
         const char *campaign)
{
  RdmRoiReportRow *row = g_hash_table_lookup (index, label);

  if (row != NULL)
    return row;
  row = g_new0 (RdmRoiReportRow, 1);
  row->label = g_strdup (label);
  row->channel = g_strdup (channel);
  row->campaign = g_strdup (campaign);
  g_ptr_array_add (report->rows, row);
  g_hash_table_insert (index, row->label, row);
  return row;
}

static char *
make_label (RdmLevel level, const char *channel, const char *campaign)
{
  if (level == RDM_LEVEL_CAMPAIGN && campaign != NULL)
    return g_strdup_printf ("%s / %s", channel, campaign);
  return g_strdup (channel);
}

/* Adds costs (by category) or savings of [from, to) into each row's input
 * (@previous selects which input). */
static gboolean
add_money (RdmRoiReport *report,
           RdmProject *project,
           GHashTable *index,
           gboolean savings,
           gint64 from,
           gint64 to,
           gboolean previous,
           GError **error)
{
  const char *sql = savings ? "SELECT channel.name, campaign.name, 'other', TOTAL(t.amount)"
                              " FROM saving t JOIN channel ON channel.id = t.channel_id"
                              " LEFT JOIN campaign ON campaign.id = t.campaign_id"
                              " WHERE t.day >= ?1 AND t.day < ?2 GROUP BY 1, 2"
                            : "SELECT channel.name, campaign.name, t.category, TOTAL(t.amount)"
                              " FROM cost t JOIN channel ON channel.id = t.channel_id"
                              " LEFT JOIN campaign ON campaign.id = t.campaign_id"
                              " WHERE t.day >= ?1 AND t.day < ?2 GROUP BY 1, 2, 3";
  sqlite3_stmt *stmt = rdm_project_prepare (project, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *channel = (const char *)sqlite3_column_text (stmt, 0);
      const char *campaign = (const char *)sqlite3_column_text (stmt, 1);
      g_autofree char *label = make_label (report->level, channel, campaign);
      RdmRoiReportRow *row = get_row (report, index, label, channel,
                                      report->level == RDM_LEVEL_CAMPAIGN ? campaign : NULL);
      RdmRoiInput *input = previous ? &row->previous_input : &row->input;
      RdmCostCategory category;

      if (savings)
        input->savings += sqlite3_column_double (stmt, 3);
      else if (rdm_cost_category_from_string ((const char *)sqlite3_column_text (stmt, 2),
                                              &category))
        input->cost[category] += sqlite3_column_double (stmt, 3);
    }
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Reading costs"));
  return TRUE;
}

/* Adds the credit of [from, to) (or @table_credit, a path table's, which
 * has no dates) into each row's input, and its labels into @touched. */
static gboolean
add_credit (RdmRoiReport *report,
            RdmMetrics *metrics,
            const RdmCredit *table_credit,
            const RdmCalibration *calibration,
            GHashTable *index,
            GHashTable *touched,
            gint64 from,
            gint64 to,
            gboolean previous,
            GError **error)
{
  const RdmCredit *credit
      = table_credit != NULL
            ? table_credit
            : rdm_metrics_get_credit (metrics, report->model, report->level, NULL, from, to, error);
  g_autoptr (RdmCalibrated) calibrated = NULL;

  if (credit == NULL)
    return FALSE;
  for (guint i = 0; i < credit->n_labels; i++)
    g_hash_table_add (touched, g_strdup (credit->label_names[i]));
  if (calibration != NULL)
    {
      calibrated = rdm_calibration_apply (calibration, credit);
      credit = calibrated->credit;
    }
  for (guint i = 0; i < credit->n_labels; i++)
    {
      RdmRoiReportRow *row;
      RdmRoiInput *input;
      gboolean no_touch;

      if (credit->conversions[i] == 0 && credit->value[i] == 0
          && g_hash_table_lookup (index, credit->label_names[i]) == NULL)
        continue;
      /* "(none)" is the pseudo-channel of untouched conversions, and
       * "(baseline)" that of calibration; every other label is a real
       * channel (Direct included) or, at campaign level, a "Channel /
       * Campaign" label already named by the costs */
      no_touch = g_str_equal (credit->label_names[i], RDM_NO_TOUCH_LABEL);
      row = get_row (report, index, credit->label_names[i],
                     no_touch || report->level == RDM_LEVEL_CAMPAIGN
                             || g_str_equal (credit->label_names[i], RDM_BASELINE_LABEL)
                         ? NULL
                         : credit->label_names[i],
                     NULL);
      row->no_touch = no_touch;
      input = previous ? &row->previous_input : &row->input;
      input->conversions += credit->conversions[i];
      input->value += credit->value[i];
    }
  return TRUE;
}

/* The project's shared costs and channels, read once for both periods. */
typedef struct
{
  GArray *costs;              /* RdmSharedCost, descriptions in @strings */
  GPtrArray *strings;         /* owned texts */
  GPtrArray *channels;        /* channel names, by name */
  GPtrArray *groups;          /* their groups, same index */
  GHashTable *channel_groups; /* name -> group, borrowed from the arrays */
} SharedData;

static void
shared_data_clear (SharedData *data)
{
  g_clear_pointer (&data->costs, g_array_unref);
  g_clear_pointer (&data->strings, g_ptr_array_unref);
  g_clear_pointer (&data->channels, g_ptr_array_unref);
  g_clear_pointer (&data->groups, g_ptr_array_unref);
  g_clear_pointer (&data->channel_groups, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SharedData, shared_data_clear)

static gboolean
shared_data_load (SharedData *data, RdmProject *project, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  data->costs = g_array_new (FALSE, FALSE, sizeof (RdmSharedCost));
  data->strings = g_ptr_array_new_with_free_func (g_free);
  data->channels = g_ptr_array_new_with_free_func (g_free);
  data->groups = g_ptr_array_new_with_free_func (g_free);
  data->channel_groups = g_hash_table_new (g_str_hash, g_str_equal);

  stmt = rdm_project_prepare (
      project, "SELECT day, category, amount, description FROM shared_cost ORDER BY day, id",
      error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdmSharedCost cost = { sqlite3_column_int64 (stmt, 0), RDM_COST_OTHER,
                             sqlite3_column_double (stmt, 2), NULL };
      char *description = g_strdup ((const char *)sqlite3_column_text (stmt, 3));

      /* the schema's CHECK admits the seven names only */
      rdm_cost_category_from_string ((const char *)sqlite3_column_text (stmt, 1), &cost.category);
      g_ptr_array_add (data->strings, description);
      cost.description = description;
      g_array_append_val (data->costs, cost);
    }
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Reading shared costs"));

  stmt = rdm_project_prepare (project, "SELECT name, channel_group FROM channel ORDER BY name",
                              error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *name = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      char *group = g_strdup ((const char *)sqlite3_column_text (stmt, 1));

      g_ptr_array_add (data->channels, name);
      g_ptr_array_add (data->groups, group);
      g_hash_table_insert (data->channel_groups, name, group);
    }
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Reading channels"));
  return TRUE;
}

static RdmRoiInput *
row_input (RdmRoiReportRow *row, gboolean previous)
{
  return previous ? &row->previous_input : &row->input;
}

/* Splits the shared costs of [from, to) among the channels (see the top
 * of this file) into the rows' inputs; what no channel takes, and at
 * campaign level all, goes to the RDM_SHARED_LABEL row. Returns the
 * allocation. */
static RdmSharedAllocation *
add_shared (RdmRoiReport *report,
            const SharedData *data,
            GHashTable *index,
            GHashTable *touched,
            gint64 from,
            gint64 to,
            gboolean previous,
            GError **error)
{
  guint n = data->channels->len;
  g_autofree RdmSharedRecipient *channels = g_new0 (RdmSharedRecipient, MAX (n, 1));
  g_autoptr (RdmSharedAllocation) allocation = NULL;
  const double *rest;

  for (guint c = 0; c < n; c++)
    {
      const char *name = g_ptr_array_index (data->channels, c);
      RdmRoiReportRow *row
          = report->level == RDM_LEVEL_CHANNEL ? g_hash_table_lookup (index, name) : NULL;
      double cost = 0;

      for (guint k = 0; row != NULL && k < RDM_COST_N_CATEGORIES; k++)
        cost += row_input (row, previous)->cost[k];
      channels[c].group = g_ptr_array_index (data->groups, c);
      channels[c].media_spend = row != NULL ? row_input (row, previous)->cost[RDM_COST_MEDIA] : 0;
      channels[c].active = cost > 0 || g_hash_table_contains (touched, name);
    }
  allocation = rdm_shared_allocate (&report->shared_rule, (const RdmSharedCost *)data->costs->data,
                                    data->costs->len, from, to, channels, n, error);
  if (allocation == NULL)
    return NULL;
  if (report->level == RDM_LEVEL_CHANNEL)
    for (guint c = 0; c < n; c++)
      {
        const char *name = g_ptr_array_index (data->channels, c);
        RdmRoiInput *input;

        if (rdm_shared_allocation_get_share (allocation, c, RDM_COST_ALL_CATEGORIES) <= 0)
          continue;
        input = row_input (get_row (report, index, name, name, NULL), previous);
        for (guint k = 0; k < RDM_COST_N_CATEGORIES; k++)
          input->shared[k] += allocation->shares[c * RDM_COST_N_CATEGORIES + k];
      }
  rest = report->level == RDM_LEVEL_CHANNEL ? allocation->unallocated
                                            : allocation->total_by_category;
  for (guint k = 0; k < RDM_COST_N_CATEGORIES; k++)
    if (rest[k] > 0)
      row_input (get_row (report, index, RDM_SHARED_LABEL, NULL, NULL), previous)->shared[k]
          += rest[k];
  return g_steal_pointer (&allocation);
}

static gboolean
fill (RdmRoiReport *report,
      RdmMetrics *metrics,
      const RdmCredit *table_credit,
      const RdmCalibration *calibration,
      RdmProject *project,
      const SharedData *shared,
      GHashTable *index,
      gint64 from,
      gint64 to,
      gboolean previous,
      GError **error)
{
  g_autoptr (GHashTable) touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  RdmSharedAllocation *allocation;

  if (!add_money (report, project, index, FALSE, from, to, previous, error)
      || !add_money (report, project, index, TRUE, from, to, previous, error)
      || !add_credit (report, metrics, table_credit, calibration, index, touched, from, to,
                      previous, error))
    return FALSE;
  allocation = add_shared (report, shared, index, touched, from, to, previous, error);
  if (allocation == NULL)
    return FALSE;
  if (previous)
    rdm_shared_allocation_free (allocation);
  else
    report->shared = allocation;
  return TRUE;
}

/* Replaces the channel rows of @report by one row per channel group, the
 * sum of its channels' inputs; rows of no channel stay as they are. */
static void
group_rows (RdmRoiReport *report, const SharedData *shared)
{
  g_autoptr (GPtrArray) channel_rows = g_steal_pointer (&report->rows);
  g_autoptr (GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);

  report->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)row_free);
  for (guint i = 0; i < channel_rows->len; i++)
    {
      RdmRoiReportRow *row = g_ptr_array_index (channel_rows, i);
      const char *code;
      RdmRoiReportRow *group;

      if (row->channel == NULL)
        {
          g_ptr_array_add (report->rows, g_ptr_array_steal_index (channel_rows, i--));
          continue;
        }
      code = g_hash_table_lookup (shared->channel_groups, row->channel);
      /* a channel credited in the events but missing from the channel
       * table cannot happen in a valid file; "other" is the schema's
       * default group */
      if (code == NULL)
        code = "other";
      group = g_hash_table_lookup (groups, code);
      if (group == NULL)
        {
          group = g_new0 (RdmRoiReportRow, 1);
          group->group = g_strdup (code);
          group->label = g_strdup (rdm_channel_group_display_name (code));
          g_ptr_array_add (report->rows, group);
          g_hash_table_insert (groups, group->group, group);
        }
      rdm_roi_input_add (&group->input, &row->input);
      rdm_roi_input_add (&group->previous_input, &row->previous_input);
    }
}

static int
compare_rows (gconstpointer a, gconstpointer b)
{
  const RdmRoiReportRow *row_a = *(RdmRoiReportRow *const *)a;
  const RdmRoiReportRow *row_b = *(RdmRoiReportRow *const *)b;

  return g_utf8_collate (row_a->label, row_b->label);
}

/* The figures of the "(baseline)" row, which may be below 0 when the
 * experiments give the channels more than the model credited
 * (rdm-calibration.c): it has no cost, so no ratio. */
static void
compute_baseline (const RdmRoiInput *input, RdmRoiRow *out)
{
  *out = (RdmRoiRow){
    .value = input->value,
    .savings = input->savings,
    .conversions = input->conversions,
    .net = input->value + input->savings,
  };
}

static gboolean
compute_figures (const RdmRoiReportRow *row,
                 const RdmRoiInput *input,
                 RdmCostCategories categories,
                 RdmRoiRow *out,
                 GError **error)
{
  if (g_strcmp0 (row->label, RDM_BASELINE_LABEL) == 0)
    {
      compute_baseline (input, out);
      return TRUE;
    }
  return rdm_roi_compute (input, categories, out, error);
}

static gboolean
compute_row (RdmRoiReport *report, RdmRoiReportRow *row, GError **error)
{
  if (!compute_figures (row, &row->input, report->categories, &row->row, error))
    return FALSE;
  report->shared_total += row != &report->total ? row->row.shared : 0;
  if (!row->has_previous)
    return TRUE;
  if (!compute_figures (row, &row->previous_input, report->categories, &row->previous, error))
    return FALSE;
  rdm_roi_compare (&row->row, &row->previous, &row->change);
  return TRUE;
}

static gboolean
path_table_has_days (RdmProject *project, gboolean *has_days, GError **error)
{
  sqlite3_stmt *stmt = rdm_project_prepare (
      project, "SELECT EXISTS (SELECT 1 FROM path_row WHERE day IS NOT NULL)", error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return rdm_project_set_sql_error (project, error, _ ("Reading the path table"));
    }
  *has_days = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return TRUE;
}

/* @metrics gives the credit of each period, or, for a path table,
 * @table_credit is the credit of every period. */
static RdmRoiReport *
report_compute (RdmMetrics *metrics,
                const RdmCredit *table_credit,
                const RdmCalibration *calibration,
                RdmProject *project,
                const SharedData *shared,
                RdmModel model,
                RdmLevel level,
                const RdmPeriod *period,
                const RdmRoiSettings *settings,
                GError **error)
{
  g_autoptr (RdmRoiReport) report = g_new0 (RdmRoiReport, 1);
  g_autoptr (GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);

  report->model = model;
  /* groups are sums of channel rows (the credit of each channel), not the
   * models run over journeys of groups (RDM_LEVEL_GROUP's credit) */
  report->by_group = settings->by_group || level == RDM_LEVEL_GROUP;
  level = level == RDM_LEVEL_GROUP ? RDM_LEVEL_CHANNEL : level;
  report->level = level;
  report->categories = settings->categories;
  report->undated_credit = table_credit != NULL;
  if (report->undated_credit && !path_table_has_days (project, &report->table_has_days, error))
    return NULL;
  rdm_shared_rule_init (&report->shared_rule);
  if (settings->shared_rule != NULL)
    rdm_shared_rule_copy (&report->shared_rule, settings->shared_rule);
  report->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)row_free);
  report->total.label = g_strdup (_ ("Total"));
  if (settings->by_group && level != RDM_LEVEL_CHANNEL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _ ("ROI by channel group sums channels: it cannot also be by campaign"));
      return NULL;
    }

  if (period != NULL)
    {
      report->has_period = TRUE;
      report->period = *period;
      /* a path table's credit is the same in every period: set against
       * the previous period's costs, it would make a change out of the
       * costs alone */
      report->has_previous = table_credit == NULL;
      if (!fill (report, metrics, table_credit, calibration, project, shared, index, period->start,
                 period->end, FALSE, error)
          || (report->has_previous
              && (!rdm_period_previous (period, &report->previous_period, error)
                  || !fill (report, metrics, table_credit, calibration, project, shared, index,
                            report->previous_period.start, report->previous_period.end, TRUE,
                            error))))
        return NULL;
    }
  else if (!fill (report, metrics, table_credit, calibration, project, shared, index, G_MININT64,
                  G_MAXINT64, FALSE, error))
    return NULL;

  for (guint i = 0; i < report->rows->len; i++)
    {
      RdmRoiReportRow *row = g_ptr_array_index (report->rows, i);
      const char *group = row->channel != NULL
                              ? g_hash_table_lookup (shared->channel_groups, row->channel)
                              : NULL;

      row->group = g_strdup (group);
    }
  if (report->by_group)
    group_rows (report, shared);
  g_ptr_array_sort (report->rows, compare_rows);
  report->total.has_previous = report->has_previous;
  for (guint i = 0; i < report->rows->len; i++)
    {
      RdmRoiReportRow *row = g_ptr_array_index (report->rows, i);

      row->has_previous = report->has_previous;
      if (!compute_row (report, row, error))
        return NULL;
      rdm_roi_input_add (&report->total.input, &row->input);
      rdm_roi_input_add (&report->total.previous_input, &row->previous_input);
    }
  if (!compute_row (report, &report->total, error))
    return NULL;
  return g_steal_pointer (&report);
}

RdmRoiReport *
rdm_roi_report_compute (RdmMetrics *metrics,
                        RdmProject *project,
                        RdmModel model,
                        RdmLevel level,
                        const RdmPeriod *period,
                        const RdmRoiSettings *settings,
                        GError **error)
{
  g_auto (SharedData) shared = { 0 };
  RdmRoiSettings defaults;

  if (settings == NULL)
    {
      rdm_roi_settings_init (&defaults);
      settings = &defaults;
    }
  if (!shared_data_load (&shared, project, error))
    return NULL;
  return report_compute (metrics, NULL, NULL, project, &shared, model, level, period, settings,
                         error);
}

char *
rdm_roi_report_describe_shared (const RdmRoiReport *report, const char *amount)
{
  const char *group_label;

  g_return_val_if_fail (report != NULL && amount != NULL, NULL);

  if (report->shared == NULL || report->shared_total <= 0)
    return NULL;
  if (report->level == RDM_LEVEL_CAMPAIGN)
    /* Translators: %s is an amount */
    return g_strdup_printf (_ ("Shared costs of %s are not split among campaigns: they are on a "
                               "row of their own and count in the total."),
                            amount);
  group_label = report->shared_rule.group != NULL
                    ? rdm_channel_group_display_name (report->shared_rule.group)
                    : NULL;
  return rdm_shared_allocation_describe (report->shared, &report->shared_rule, group_label, amount);
}

char *
rdm_roi_report_describe_undated (const RdmRoiReport *report)
{
  g_autofree char *period = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  if (!report->undated_credit)
    return NULL;
  if (report->table_has_days && !report->has_period)
    return g_strdup (_ ("The path table’s credit is that of all its paths, as the warehouse built "
                        "them for its evaluation period, against the costs of every day of the "
                        "project."));
  if (report->table_has_days)
    {
      period = rdm_period_to_string (&report->period);
      /* Translators: %s is a period, 2026Q2 */
      return g_strdup_printf (_ ("The path table’s credit is that of all its paths, as the "
                                 "warehouse built them for its evaluation period, against the "
                                 "costs of %s only."),
                              period);
    }
  if (!report->has_period)
    return g_strdup (_ ("A path table has no dates: its credit is that of all its paths, against "
                        "the costs of every day of the project."));
  period = rdm_period_to_string (&report->period);
  /* Translators: %s is a period, 2026Q2 */
  return g_strdup_printf (_ ("A path table has no dates: its credit is that of all its paths, "
                             "against the costs of %s only."),
                          period);
}

GPtrArray *
rdm_roi_reports_compute (RdmProject *project,
                         const RdmEventStore *store,
                         const RdmPathOptions *path_options,
                         const RdmModelOptions *model_options,
                         const guint8 *visitor_mask,
                         const RdmModel *models,
                         guint n_models,
                         const RdmPeriod *period,
                         const RdmRoiSettings *settings,
                         GCancellable *cancellable,
                         GError **model_errors,
                         GError **error)
{
  return rdm_roi_reports_compute_calibrated (project, store, path_options, model_options,
                                             visitor_mask, models, n_models, NULL, period, settings,
                                             cancellable, model_errors, error);
}

/* A model's report joins @reports; a model that failed leaves NULL there
 * and its error in @model_errors, or, without those, fails the whole. */
static gboolean
keep_report (GPtrArray *reports,
             RdmRoiReport *report,
             GError **model_error,
             GError **model_errors,
             guint m,
             GError **error)
{
  if (report == NULL && model_errors == NULL)
    {
      g_propagate_error (error, g_steal_pointer (model_error));
      return FALSE;
    }
  if (report == NULL)
    model_errors[m] = g_steal_pointer (model_error);
  g_ptr_array_add (reports, report);
  return TRUE;
}

GPtrArray *
rdm_roi_reports_compute_calibrated (RdmProject *project,
                                    const RdmEventStore *store,
                                    const RdmPathOptions *path_options,
                                    const RdmModelOptions *model_options,
                                    const guint8 *visitor_mask,
                                    const RdmModel *models,
                                    guint n_models,
                                    const RdmCalibration *const *calibrations,
                                    const RdmPeriod *period,
                                    const RdmRoiSettings *settings,
                                    GCancellable *cancellable,
                                    GError **model_errors,
                                    GError **error)
{
  g_autoptr (GPtrArray) reports
      = g_ptr_array_new_with_free_func ((GDestroyNotify)rdm_roi_report_free);
  g_autoptr (RdmMetrics) metrics = NULL;
  g_auto (SharedData) shared = { 0 };
  RdmPathOptions unbounded;
  RdmRoiSettings defaults;

  g_return_val_if_fail (RDM_IS_PROJECT (project), NULL);
  g_return_val_if_fail (n_models > 0, NULL);

  if (settings == NULL)
    {
      rdm_roi_settings_init (&defaults);
      settings = &defaults;
    }
  if (!shared_data_load (&shared, project, error))
    return NULL;

  if (path_options->direction == RDM_DIRECTION_FORWARD)
    {
      g_set_error_literal (
          error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
          _ ("ROI credits each conversion once, so it uses the backward direction"));
      return NULL;
    }
  /* the metrics copy the options: a shallow copy with the period opened */
  unbounded = *path_options;
  unbounded.from_time = G_MININT64;
  unbounded.to_time = G_MAXINT64;
  metrics = rdm_metrics_new (project, store, &unbounded, model_options, visitor_mask, models[0]);
  for (guint m = 0; m < n_models; m++)
    {
      g_autoptr (GError) model_error = NULL;
      RdmRoiReport *report;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      report = report_compute (metrics, NULL, calibrations != NULL ? calibrations[m] : NULL,
                               project, &shared, models[m], path_options->level, period, settings,
                               &model_error);
      if (!keep_report (reports, report, &model_error, model_errors, m, error))
        return NULL;
    }
  return g_steal_pointer (&reports);
}

GPtrArray *
rdm_roi_reports_compute_table (RdmProject *project,
                               const RdmPathSet *table,
                               const RdmModelOptions *model_options,
                               const RdmModel *models,
                               guint n_models,
                               const RdmPeriod *period,
                               const RdmRoiSettings *settings,
                               GCancellable *cancellable,
                               GError **model_errors,
                               GError **error)
{
  g_autoptr (GPtrArray) reports
      = g_ptr_array_new_with_free_func ((GDestroyNotify)rdm_roi_report_free);
  g_auto (SharedData) shared = { 0 };
  RdmRoiSettings defaults;

  g_return_val_if_fail (RDM_IS_PROJECT (project), NULL);
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (n_models > 0, NULL);

  if (settings == NULL)
    {
      rdm_roi_settings_init (&defaults);
      settings = &defaults;
    }
  if (!shared_data_load (&shared, project, error))
    return NULL;
  for (guint m = 0; m < n_models; m++)
    {
      g_autoptr (GError) model_error = NULL;
      g_autoptr (RdmCredit) credit = NULL;
      RdmRoiReport *report = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      credit = rdm_attribute (table, models[m], model_options, cancellable, &model_error);
      if (credit != NULL)
        report = report_compute (NULL, credit, NULL, project, &shared, models[m], RDM_LEVEL_CHANNEL,
                                 period, settings, &model_error);
      if (!keep_report (reports, report, &model_error, model_errors, m, error))
        return NULL;
    }
  return g_steal_pointer (&reports);
}

GStrv
rdm_roi_list_channel_groups (RdmProject *project, GError **error)
{
  g_autoptr (GStrvBuilder) groups = g_strv_builder_new ();
  sqlite3_stmt *stmt = rdm_project_prepare (
      project, "SELECT DISTINCT channel_group FROM channel ORDER BY channel_group", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (groups, (const char *)sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      rdm_project_set_sql_error (project, error, _ ("Reading channels"));
      return NULL;
    }
  return g_strv_builder_end (groups);
}
