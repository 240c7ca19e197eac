/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rdm-business.h"
#include "rdm-project-db.h"
#include "rdm-suggested-kpis.h"

typedef enum
{
  NEEDS_NOTHING,
  NEEDS_SERIES, /* the series named in the formula */
  NEEDS_FOLLOWERS,
} Requirement;

typedef struct
{
  const char *business_function;
  const char *objective_name; /* created when no objective has the function */
  const char *objective_description;
} SuggestedObjective;

static const SuggestedObjective suggested_objectives[] = {
  { "sales", N_ ("Grow online sales"), N_ ("Revenue from the channels worth their cost") },
  { "marketing", N_ ("Build brand awareness"),
    N_ ("Be known and followed by the target audience") },
  { "customer_service", N_ ("Reduce support calls"),
    N_ ("Answer common questions online instead of on the phone") },
};

typedef struct
{
  guint objective; /* index in suggested_objectives */
  const char *name;
  const char *formula;
  const char *unit;
  double target;
  gboolean lower_is_better;
  Requirement requirement;
  const char *series;
} SuggestedKpi;

/* Targets fit a small business spending tens of thousands a quarter (the
 * demo project): a social ROAS of 1 pays the social spend back, an acquisition
 * under 60, awareness of 40 % (the demo objective), satisfaction of 8 out
 * of 10, followers up 5 % a quarter and 15 000 of calls saved a quarter. */
static const SuggestedKpi suggested_kpis[] = {
  { 0, N_ ("Social ROAS"), "value[group=\"social\"] / cost[group=\"social\"]", "×", 1, FALSE,
    NEEDS_NOTHING, NULL },
  { 0, N_ ("Cost per acquisition"), "cost / conversions", "€", 60, TRUE, NEEDS_NOTHING, NULL },
  { 1, N_ ("Brand awareness"), "series[\"brand_awareness\"]", "%", 40, FALSE, NEEDS_SERIES,
    "brand_awareness" },
  { 1, N_ ("Followers growth"), "100 * growth(followers)", "%", 5, FALSE, NEEDS_FOLLOWERS, NULL },
  { 2, N_ ("Customer satisfaction"), "series[\"customer_satisfaction\"]", "/10", 8, FALSE,
    NEEDS_SERIES, "customer_satisfaction" },
  { 2, N_ ("Call deflection savings"), "sum(series[\"call_deflection_savings\"])", "€", 15000,
    FALSE, NEEDS_SERIES, "call_deflection_savings" },
};

static gboolean
project_has (RdmProject *project, const SuggestedKpi *kpi, gboolean *out_has, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  switch (kpi->requirement)
    {
    case NEEDS_NOTHING:
      *out_has = TRUE;
      return TRUE;
    case NEEDS_SERIES:
      stmt = rdm_project_prepare (project, "SELECT 1 FROM series_value WHERE metric = ?1 LIMIT 1",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, kpi->series, -1, SQLITE_STATIC);
      break;
    case NEEDS_FOLLOWERS:
    default:
      stmt = rdm_project_prepare (
          project, "SELECT 1 FROM campaign_daily WHERE followers > 0 LIMIT 1", error);
      if (stmt == NULL)
        return FALSE;
      break;
    }
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Reading the project’s data"));
  *out_has = rc == SQLITE_ROW;
  return TRUE;
}

/* The name of the objective of @function, creating it when needed. */
static const char *
ensure_objective (RdmProject *project,
                  GPtrArray *objectives,
                  const SuggestedObjective *suggested,
                  GError **error)
{
  RdmObjective *created;

  for (guint i = 0; i < objectives->len; i++)
    {
      RdmObjective *objective = g_ptr_array_index (objectives, i);

      if (g_strcmp0 (objective->business_function, suggested->business_function) == 0)
        return objective->name;
    }
  if (!rdm_project_add_objective (project, _ (suggested->objective_name),
                                  suggested->business_function,
                                  _ (suggested->objective_description), error))
    return NULL;
  created = g_new0 (RdmObjective, 1);
  created->name = g_strdup (_ (suggested->objective_name));
  created->business_function = g_strdup (suggested->business_function);
  created->description = g_strdup (_ (suggested->objective_description));
  g_ptr_array_add (objectives, created);
  return created->name;
}

static gboolean
has_kpi (GPtrArray *kpis, const char *objective, const char *name)
{
  for (guint i = 0; i < kpis->len; i++)
    {
      RdmKpi *kpi = g_ptr_array_index (kpis, i);

      if (g_str_equal (kpi->objective, objective) && g_str_equal (kpi->name, name))
        return TRUE;
    }
  return FALSE;
}

static gboolean
add_all (RdmProject *project, guint *out_n_added, GError **error)
{
  g_autoptr (GPtrArray) objectives = rdm_project_list_objectives (project, error);
  g_autoptr (GPtrArray) kpis = NULL;

  if (objectives == NULL)
    return FALSE;
  kpis = rdm_project_list_kpis (project, error);
  if (kpis == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (suggested_kpis); i++)
    {
      const SuggestedKpi *suggested = &suggested_kpis[i];
      const char *objective;
      gboolean has_data = FALSE;
      RdmKpi kpi = { 0 };

      if (!project_has (project, suggested, &has_data, error))
        return FALSE;
      if (!has_data)
        continue;
      objective = ensure_objective (project, objectives,
                                    &suggested_objectives[suggested->objective], error);
      if (objective == NULL)
        return FALSE;
      if (has_kpi (kpis, objective, _ (suggested->name)))
        continue;

      kpi.objective = (char *)objective;
      kpi.name = (char *)_ (suggested->name);
      kpi.formula = (char *)suggested->formula;
      kpi.unit = (char *)suggested->unit;
      kpi.has_target = TRUE;
      kpi.target = suggested->target;
      kpi.lower_is_better = suggested->lower_is_better;
      kpi.period = RDM_PERIOD_QUARTER;
      if (!rdm_project_add_kpi (project, &kpi, error))
        return FALSE;
      (*out_n_added)++;
    }
  return TRUE;
}

gboolean
rdm_project_add_suggested_kpis (RdmProject *project, guint *out_n_added, GError **error)
{
  guint n_added = 0;

  g_return_val_if_fail (RDM_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!rdm_project_begin (project, error))
    return FALSE;
  if (!add_all (project, &n_added, error) || !rdm_project_commit (project, error))
    {
      rdm_project_rollback (project);
      return FALSE;
    }
  if (out_n_added != NULL)
    *out_n_added = n_added;
  return TRUE;
}
