/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "rdm-business.h"
#include "rdm-csv.h"
#include "rdm-formula.h"
#include "rdm-project-db.h"

static const char *const business_functions[] = {
  "marketing", "sales", "after_sales", "customer_service", "rnd", "hr", NULL,
};

const char *const *
rdm_business_functions (void)
{
  return business_functions;
}

const char *
rdm_business_function_label (const char *function)
{
  static const struct
  {
    const char *name;
    const char *label;
  } labels[] = {
    { "marketing", N_ ("Marketing") },          { "sales", N_ ("Sales") },
    { "after_sales", N_ ("After-sales") },      { "customer_service", N_ ("Customer service") },
    { "rnd", N_ ("Research and development") }, { "hr", N_ ("Human resources") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].name, function))
      return _ (labels[i].label);
  return function;
}

void
rdm_objective_free (RdmObjective *objective)
{
  if (objective == NULL)
    return;
  g_free (objective->name);
  g_free (objective->business_function);
  g_free (objective->description);
  g_free (objective);
}

void
rdm_initiative_free (RdmInitiative *initiative)
{
  if (initiative == NULL)
    return;
  g_free (initiative->objective);
  g_free (initiative->name);
  g_free (initiative->description);
  g_strfreev (initiative->campaigns);
  g_free (initiative);
}

void
rdm_kpi_free (RdmKpi *kpi)
{
  if (kpi == NULL)
    return;
  g_free (kpi->objective);
  g_free (kpi->name);
  g_free (kpi->formula);
  g_free (kpi->unit);
  g_free (kpi);
}

void
rdm_saving_free (RdmSaving *saving)
{
  if (saving == NULL)
    return;
  g_free (saving->channel);
  g_free (saving->campaign);
  g_free (saving->description);
  g_free (saving);
}

static gboolean
check_name (const char *what, const char *name, GError **error)
{
  g_autofree char *stripped = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL) || strlen (name) > 200)
    goto invalid;
  stripped = g_strstrip (g_strdup (name));
  if (*stripped != '\0')
    return TRUE;
invalid:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _ ("%s must be non-empty UTF-8 text of at most 200 bytes"), what);
  return FALSE;
}

/* A description, a formula, a unit or a source: anything a project may
 * hold as text (see rdm-project.h). */
static gboolean
check_text (const char *what, const char *text, GError **error)
{
  if (text == NULL || (g_utf8_validate (text, -1, NULL) && strlen (text) <= RDM_PROJECT_MAX_TEXT))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _ ("%s must be UTF-8 text of at most 1 MiB"), what);
  return FALSE;
}

static gboolean
check_amount (const char *what, double amount, GError **error)
{
  if (rdm_project_amount_is_valid (amount))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _ ("%s must be a number with at most 15 digits before the decimal point"), what);
  return FALSE;
}

static gboolean
check_day (gint64 day, GError **error)
{
  if (rdm_project_time_is_valid (day))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _ ("The date must be from 1970-01-01 to 2199-12-31"));
  return FALSE;
}

/* Runs a prepared INSERT/DELETE; a UNIQUE violation becomes "already
 * exists" with @name. */
static gboolean
step_change (
    RdmProject *project, sqlite3_stmt *stmt, const char *what, const char *name, GError **error)
{
  if (sqlite3_step (stmt) == SQLITE_DONE)
    return TRUE;
  if (sqlite3_extended_errcode (rdm_project_get_db (project)) == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _ ("%s “%s” already exists"), what, name);
      return FALSE;
    }
  return rdm_project_set_sql_error (project, error, what);
}

static gboolean
deleted_one (RdmProject *project, const char *what, const char *name, GError **error)
{
  if (sqlite3_changes (rdm_project_get_db (project)) > 0)
    return TRUE;
  g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND, _ ("No %s is named “%s”"),
               what, name);
  return FALSE;
}

static gint64
find_id (RdmProject *project,
         const char *sql,
         const char *first,
         const char *second,
         const char *what,
         const char *name,
         GError **error)
{
  sqlite3_stmt *stmt = rdm_project_prepare (project, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, first, -1, SQLITE_STATIC);
  if (second != NULL)
    sqlite3_bind_text (stmt, 2, second, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, what), -1;
  g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND, _ ("No %s is named “%s”"),
               what, name);
  return -1;
}

static gint64
find_objective (RdmProject *project, const char *name, GError **error)
{
  return find_id (project, "SELECT id FROM objective WHERE name = ?1", name, NULL, _ ("objective"),
                  name, error);
}

static gboolean
check_objective (const char *name, const char *business_function, GError **error)
{
  if (!check_name (_ ("An objective’s name"), name, error))
    return FALSE;
  if (business_function == NULL || !g_strv_contains (business_functions, business_function))
    {
      g_autofree char *known = g_strjoinv (", ", (char **)business_functions);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("Unknown business function “%s”: expected one of %s"),
                   business_function != NULL ? business_function : "", known);
      return FALSE;
    }
  return TRUE;
}

gboolean
rdm_project_add_objective (RdmProject *project,
                           const char *name,
                           const char *business_function,
                           const char *description,
                           GError **error)
{
  sqlite3_stmt *stmt;

  if (!check_objective (name, business_function, error)
      || !check_text (_ ("An objective’s description"), description, error))
    return FALSE;
  stmt = rdm_project_prepare (project,
                              "INSERT INTO objective (name, business_function, description)"
                              " VALUES (?1, ?2, ?3)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, business_function, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, description != NULL ? description : "", -1, SQLITE_STATIC);
  return step_change (project, stmt, _ ("Objective"), name, error);
}

gboolean
rdm_project_update_objective (RdmProject *project,
                              const char *old_name,
                              const char *name,
                              const char *business_function,
                              const char *description,
                              GError **error)
{
  gint64 objective_id;
  sqlite3_stmt *stmt;

  if (!check_objective (name, business_function, error)
      || !check_text (_ ("An objective’s description"), description, error))
    return FALSE;
  objective_id = find_objective (project, old_name, error);
  if (objective_id < 0)
    return FALSE;
  stmt = rdm_project_prepare (project,
                              "UPDATE objective SET name = ?2, business_function = ?3,"
                              " description = ?4 WHERE id = ?1",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, objective_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, business_function, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, description != NULL ? description : "", -1, SQLITE_STATIC);
  return step_change (project, stmt, _ ("Objective"), name, error);
}

gboolean
rdm_project_remove_objective (RdmProject *project, const char *name, GError **error)
{
  sqlite3_stmt *stmt
      = rdm_project_prepare (project, "DELETE FROM objective WHERE name = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Removing an objective"));
  return deleted_one (project, _ ("objective"), name, error);
}

GPtrArray *
rdm_project_list_objectives (RdmProject *project, GError **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)rdm_objective_free);
  sqlite3_stmt *stmt = rdm_project_prepare (
      project, "SELECT id, name, business_function, description FROM objective ORDER BY name",
      error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdmObjective *objective = g_new0 (RdmObjective, 1);

      objective->id = sqlite3_column_int64 (stmt, 0);
      objective->name = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      objective->business_function = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      objective->description = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
      g_ptr_array_add (list, objective);
    }
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Reading objectives")), NULL;
  return g_steal_pointer (&list);
}

gboolean
rdm_project_add_initiative (RdmProject *project,
                            const char *objective,
                            const char *name,
                            const char *description,
                            const char *const *campaigns,
                            GError **error)
{
  gint64 objective_id;
  gint64 initiative_id;
  sqlite3_stmt *stmt;

  if (!check_name (_ ("An initiative’s name"), name, error)
      || !check_text (_ ("An initiative’s description"), description, error))
    return FALSE;
  objective_id = find_objective (project, objective, error);
  /* a savepoint, so that this also works inside a caller's transaction */
  if (objective_id < 0 || !rdm_project_exec (project, "SAVEPOINT add_initiative", error))
    return FALSE;

  stmt = rdm_project_prepare (project,
                              "INSERT INTO initiative (objective_id, name, description)"
                              " VALUES (?1, ?2, ?3)",
                              error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, objective_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, description != NULL ? description : "", -1, SQLITE_STATIC);
  if (!step_change (project, stmt, _ ("Initiative"), name, error))
    goto fail;
  initiative_id = sqlite3_last_insert_rowid (rdm_project_get_db (project));

  for (guint i = 0; campaigns != NULL && campaigns[i] != NULL; i++)
    {
      gint64 campaign_id = find_id (
          project,
          "SELECT campaign.id FROM campaign JOIN channel ON channel.id = campaign.channel_id"
          " WHERE channel.name || ' / ' || campaign.name = ?1",
          campaigns[i], NULL, _ ("campaign"), campaigns[i], error);

      if (campaign_id < 0)
        goto fail;
      stmt = rdm_project_prepare (project,
                                  "INSERT OR IGNORE INTO initiative_campaign"
                                  " (initiative_id, campaign_id) VALUES (?1, ?2)",
                                  error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, initiative_id);
      sqlite3_bind_int64 (stmt, 2, campaign_id);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          rdm_project_set_sql_error (project, error, _ ("Linking a campaign"));
          goto fail;
        }
    }
  return rdm_project_exec (project, "RELEASE add_initiative", error);

fail:
  rdm_project_exec (project, "ROLLBACK TO add_initiative; RELEASE add_initiative", NULL);
  return FALSE;
}

/* Deletes the row @name of an objective's initiatives or KPIs (@delete_sql
 * binds ?1 the objective, ?2 the name). */
static gboolean
remove_under_objective (RdmProject *project,
                        const char *delete_sql,
                        const char *objective,
                        const char *name,
                        const char *what,
                        GError **error)
{
  gint64 objective_id = find_objective (project, objective, error);
  sqlite3_stmt *stmt;

  if (objective_id < 0)
    return FALSE;
  stmt = rdm_project_prepare (project, delete_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, objective_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, what);
  return deleted_one (project, what, name, error);
}

gboolean
rdm_project_remove_initiative (RdmProject *project,
                               const char *objective,
                               const char *name,
                               GError **error)
{
  return remove_under_objective (project,
                                 "DELETE FROM initiative WHERE objective_id = ?1 AND name = ?2",
                                 objective, name, _ ("initiative"), error);
}

gboolean
rdm_project_update_initiative (RdmProject *project,
                               const char *old_objective,
                               const char *old_name,
                               const char *objective,
                               const char *name,
                               const char *description,
                               const char *const *campaigns,
                               GError **error)
{
  /* the campaign links go with the row, so the initiative is replaced
   * whole, inside a savepoint that undoes the removal on a bad value */
  if (!rdm_project_exec (project, "SAVEPOINT update_initiative", error))
    return FALSE;
  if (!rdm_project_remove_initiative (project, old_objective, old_name, error)
      || !rdm_project_add_initiative (project, objective, name, description, campaigns, error))
    {
      rdm_project_exec (project, "ROLLBACK TO update_initiative; RELEASE update_initiative", NULL);
      return FALSE;
    }
  return rdm_project_exec (project, "RELEASE update_initiative", error);
}

GPtrArray *
rdm_project_list_initiatives (RdmProject *project, GError **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)rdm_initiative_free);
  sqlite3_stmt *stmt = rdm_project_prepare (
      project,
      "SELECT initiative.id, objective.name, initiative.name, initiative.description"
      " FROM initiative JOIN objective ON objective.id = initiative.objective_id"
      " ORDER BY objective.name, initiative.name",
      error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdmInitiative *initiative = g_new0 (RdmInitiative, 1);

      initiative->id = sqlite3_column_int64 (stmt, 0);
      initiative->objective = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      initiative->name = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      initiative->description = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
      g_ptr_array_add (list, initiative);
    }
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Reading initiatives")), NULL;

  for (guint i = 0; i < list->len; i++)
    {
      RdmInitiative *initiative = g_ptr_array_index (list, i);
      g_autoptr (GStrvBuilder) campaigns = g_strv_builder_new ();

      stmt = rdm_project_prepare (
          project,
          "SELECT channel.name || ' / ' || campaign.name FROM initiative_campaign"
          " JOIN campaign ON campaign.id = initiative_campaign.campaign_id"
          " JOIN channel ON channel.id = campaign.channel_id"
          " WHERE initiative_campaign.initiative_id = ?1 ORDER BY 1",
          error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, initiative->id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_strv_builder_add (campaigns, (const char *)sqlite3_column_text (stmt, 0));
      if (rc != SQLITE_DONE)
        return rdm_project_set_sql_error (project, error, _ ("Reading initiatives")), NULL;
      initiative->campaigns = g_strv_builder_end (campaigns);
    }
  return g_steal_pointer (&list);
}

/* Adds a KPI (@id 0) or changes KPI @id, after the same checks. */
static gboolean
write_kpi (RdmProject *project, gint64 id, const RdmKpi *kpi, GError **error)
{
  g_autoptr (GError) parse_error = NULL;
  RdmFormula *formula;
  gint64 objective_id;
  sqlite3_stmt *stmt;

  if (!check_name (_ ("A KPI’s name"), kpi->name, error)
      || !check_text (_ ("A KPI’s formula"), kpi->formula, error)
      || !check_text (_ ("A KPI’s unit"), kpi->unit, error))
    return FALSE;
  formula = rdm_formula_parse (kpi->formula, NULL, &parse_error);
  if (formula == NULL)
    {
      g_set_error (error, parse_error->domain, parse_error->code, _ ("KPI “%s”, formula: %s"),
                   kpi->name, parse_error->message);
      return FALSE;
    }
  rdm_formula_free (formula);
  if (kpi->has_target && !check_amount (_ ("A KPI’s target"), kpi->target, error))
    {
      g_prefix_error (error, _ ("KPI “%s”: "), kpi->name);
      return FALSE;
    }
  objective_id = find_objective (project, kpi->objective, error);
  if (objective_id < 0)
    return FALSE;

  stmt = rdm_project_prepare (project,
                              id == 0 ? "INSERT INTO kpi (objective_id, name, formula, unit,"
                                        " target, direction, period)"
                                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                                      : "UPDATE kpi SET objective_id = ?1, name = ?2,"
                                        " formula = ?3, unit = ?4, target = ?5, direction = ?6,"
                                        " period = ?7 WHERE id = ?8",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, objective_id);
  sqlite3_bind_text (stmt, 2, kpi->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, kpi->formula, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, kpi->unit != NULL ? kpi->unit : "", -1, SQLITE_STATIC);
  if (kpi->has_target)
    sqlite3_bind_double (stmt, 5, kpi->target);
  else
    sqlite3_bind_null (stmt, 5);
  sqlite3_bind_text (stmt, 6, kpi->lower_is_better ? "lower" : "higher", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, rdm_period_kind_to_string (kpi->period), -1, SQLITE_STATIC);
  if (id != 0)
    sqlite3_bind_int64 (stmt, 8, id);
  if (!step_change (project, stmt, _ ("KPI"), kpi->name, error))
    return FALSE;
  if (id == 0 || sqlite3_changes (rdm_project_get_db (project)) > 0)
    return TRUE;
  g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND,
               _ ("No KPI has the number %" PRId64), id);
  return FALSE;
}

gboolean
rdm_project_add_kpi (RdmProject *project, const RdmKpi *kpi, GError **error)
{
  return write_kpi (project, 0, kpi, error);
}

gboolean
rdm_project_update_kpi (RdmProject *project, gint64 id, const RdmKpi *kpi, GError **error)
{
  g_return_val_if_fail (id > 0, FALSE);
  return write_kpi (project, id, kpi, error);
}

gboolean
rdm_project_remove_kpi (RdmProject *project,
                        const char *objective,
                        const char *name,
                        GError **error)
{
  return remove_under_objective (project, "DELETE FROM kpi WHERE objective_id = ?1 AND name = ?2",
                                 objective, name, _ ("KPI"), error);
}

GPtrArray *
rdm_project_list_kpis (RdmProject *project, GError **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)rdm_kpi_free);
  sqlite3_stmt *stmt = rdm_project_prepare (
      project,
      "SELECT kpi.id, objective.name, kpi.name, kpi.formula, kpi.unit, kpi.target, kpi.direction,"
      " kpi.period FROM kpi JOIN objective ON objective.id = kpi.objective_id"
      " ORDER BY objective.name, kpi.name",
      error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdmKpi *kpi = g_new0 (RdmKpi, 1);

      kpi->id = sqlite3_column_int64 (stmt, 0);
      kpi->objective = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      kpi->name = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      kpi->formula = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
      kpi->unit = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
      kpi->has_target = sqlite3_column_type (stmt, 5) != SQLITE_NULL;
      kpi->target = sqlite3_column_double (stmt, 5);
      kpi->lower_is_better = g_str_equal ((const char *)sqlite3_column_text (stmt, 6), "lower");
      if (!rdm_period_kind_parse ((const char *)sqlite3_column_text (stmt, 7), &kpi->period, NULL))
        kpi->period = RDM_PERIOD_QUARTER;
      g_ptr_array_add (list, kpi);
    }
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Reading KPIs")), NULL;
  return g_steal_pointer (&list);
}

gboolean
rdm_project_add_kpi_value (RdmProject *project,
                           const char *objective,
                           const char *kpi,
                           gint64 day,
                           double value,
                           const char *source,
                           GError **error)
{
  gint64 objective_id = find_objective (project, objective, error);
  gint64 kpi_id;
  sqlite3_stmt *stmt;

  if (objective_id < 0 || !check_amount (_ ("A KPI value"), value, error) || !check_day (day, error)
      || !check_text (_ ("A value’s source"), source, error))
    return FALSE;
  stmt = rdm_project_prepare (project, "SELECT id FROM kpi WHERE objective_id = ?1 AND name = ?2",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, objective_id);
  sqlite3_bind_text (stmt, 2, kpi, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND,
                   _ ("No KPI is named “%s” under objective “%s”"), kpi, objective);
      return FALSE;
    }
  kpi_id = sqlite3_column_int64 (stmt, 0);

  stmt = rdm_project_prepare (project,
                              "INSERT INTO kpi_value (kpi_id, day, value, source)"
                              " VALUES (?1, ?2, ?3, ?4)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, kpi_id);
  sqlite3_bind_int64 (stmt, 2, rdm_csv_day_of (day));
  sqlite3_bind_double (stmt, 3, value);
  sqlite3_bind_text (stmt, 4, source != NULL ? source : "", -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Saving a KPI value"));
  return TRUE;
}

/* Checks a saving and finds its channel and campaign (0 for none). */
static gboolean
check_saving (RdmProject *project,
              const char *channel,
              const char *campaign,
              double amount,
              gint64 *channel_id,
              gint64 *campaign_id,
              GError **error)
{
  if (!check_amount (_ ("A saving"), amount, error))
    return FALSE;
  if (amount < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("A saving must be a positive amount or zero"));
      return FALSE;
    }
  if (channel == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _ ("A saving needs a channel"));
      return FALSE;
    }
  *channel_id = find_id (project, "SELECT id FROM channel WHERE name = ?1", channel, NULL,
                         _ ("channel"), channel, error);
  if (*channel_id < 0)
    return FALSE;
  *campaign_id = 0;
  if (campaign != NULL)
    {
      *campaign_id = find_id (project,
                              "SELECT campaign.id FROM campaign"
                              " JOIN channel ON channel.id = campaign.channel_id"
                              " WHERE campaign.name = ?1 AND channel.name = ?2",
                              campaign, channel, _ ("campaign"), campaign, error);
      if (*campaign_id < 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
changed_saving (RdmProject *project, gint64 id, GError **error)
{
  if (sqlite3_changes (rdm_project_get_db (project)) > 0)
    return TRUE;
  g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND,
               _ ("No saving has the number %" PRId64), id);
  return FALSE;
}

/* Adds a saving (@id 0) or changes saving @id, after the same checks. */
static gboolean
write_saving (RdmProject *project,
              gint64 id,
              const char *channel,
              const char *campaign,
              gint64 day,
              double amount,
              const char *description,
              GError **error)
{
  gint64 channel_id, campaign_id;
  sqlite3_stmt *stmt;

  if (!check_saving (project, channel, campaign, amount, &channel_id, &campaign_id, error)
      || !check_day (day, error) || !check_text (_ ("A saving’s description"), description, error))
    return FALSE;
  stmt = rdm_project_prepare (project,
                              id == 0 ? "INSERT INTO saving (day, channel_id, campaign_id, amount,"
                                        " description) VALUES (?1, ?2, ?3, ?4, ?5)"
                                      : "UPDATE saving SET day = ?1, channel_id = ?2,"
                                        " campaign_id = ?3, amount = ?4, description = ?5"
                                        " WHERE id = ?6",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rdm_csv_day_of (day));
  sqlite3_bind_int64 (stmt, 2, channel_id);
  if (campaign_id > 0)
    sqlite3_bind_int64 (stmt, 3, campaign_id);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_double (stmt, 4, amount);
  sqlite3_bind_text (stmt, 5, description != NULL ? description : "", -1, SQLITE_STATIC);
  if (id == 0)
    return sqlite3_step (stmt) == SQLITE_DONE
           || rdm_project_set_sql_error (project, error, _ ("Saving a saving"));
  sqlite3_bind_int64 (stmt, 6, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Changing a saving"));
  return changed_saving (project, id, error);
}

gboolean
rdm_project_add_saving (RdmProject *project,
                        const char *channel,
                        const char *campaign,
                        gint64 day,
                        double amount,
                        const char *description,
                        GError **error)
{
  return write_saving (project, 0, channel, campaign, day, amount, description, error);
}

gboolean
rdm_project_update_saving (RdmProject *project,
                           gint64 id,
                           const char *channel,
                           const char *campaign,
                           gint64 day,
                           double amount,
                           const char *description,
                           GError **error)
{
  g_return_val_if_fail (id > 0, FALSE);
  return write_saving (project, id, channel, campaign, day, amount, description, error);
}

gboolean
rdm_project_remove_saving (RdmProject *project, gint64 id, GError **error)
{
  sqlite3_stmt *stmt = rdm_project_prepare (project, "DELETE FROM saving WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Removing a saving"));
  return changed_saving (project, id, error);
}

GPtrArray *
rdm_project_list_savings (RdmProject *project, GError **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)rdm_saving_free);
  sqlite3_stmt *stmt = rdm_project_prepare (
      project,
      "SELECT saving.id, channel.name, campaign.name, saving.day, saving.amount,"
      " saving.description FROM saving JOIN channel ON channel.id = saving.channel_id"
      " LEFT JOIN campaign ON campaign.id = saving.campaign_id"
      " ORDER BY saving.day, channel.name, campaign.name, saving.id",
      error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdmSaving *saving = g_new0 (RdmSaving, 1);

      saving->id = sqlite3_column_int64 (stmt, 0);
      saving->channel = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      saving->campaign = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      saving->day = sqlite3_column_int64 (stmt, 3);
      saving->amount = sqlite3_column_double (stmt, 4);
      saving->description = g_strdup ((const char *)sqlite3_column_text (stmt, 5));
      g_ptr_array_add (list, saving);
    }
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Reading savings")), NULL;
  return g_steal_pointer (&list);
}

static GStrv
list_names (RdmProject *project, const char *sql, const char *parameter, GError **error)
{
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  sqlite3_stmt *stmt = rdm_project_prepare (project, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (parameter != NULL)
    sqlite3_bind_text (stmt, 1, parameter, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (names, (const char *)sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Reading channels and campaigns")), NULL;
  return g_strv_builder_end (names);
}

GStrv
rdm_project_list_channel_names (RdmProject *project, GError **error)
{
  return list_names (project, "SELECT name FROM channel ORDER BY name", NULL, error);
}

GStrv
rdm_project_list_campaign_names (RdmProject *project, const char *channel, GError **error)
{
  return list_names (project,
                     "SELECT campaign.name FROM campaign"
                     " JOIN channel ON channel.id = campaign.channel_id"
                     " WHERE channel.name = ?1 ORDER BY campaign.name",
                     channel, error);
}

GStrv
rdm_project_list_campaign_labels (RdmProject *project, GError **error)
{
  return list_names (project,
                     "SELECT channel.name || ' / ' || campaign.name FROM campaign"
                     " JOIN channel ON channel.id = campaign.channel_id"
                     " ORDER BY channel.name, campaign.name",
                     NULL, error);
}
