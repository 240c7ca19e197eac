/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-period.h"
#include "rdm-project.h"

G_BEGIN_DECLS

/* The business layer of a project (the white papers' method): objectives,
 * the initiatives that serve them (linked to campaigns), the KPIs that
 * measure them with a formula (rdm-formula.h), manual KPI values, and
 * declared savings. Every function checks its input and leaves the project
 * unchanged on error. */

typedef struct
{
  gint64 id;
  char *name;
  char *business_function; /* marketing, sales, after_sales, customer_service, rnd, hr */
  char *description;
} RdmObjective;

typedef struct
{
  gint64 id;
  char *objective;
  char *name;
  char *description;
  char **campaigns; /* "Channel / Campaign", NULL-terminated */
} RdmInitiative;

typedef struct
{
  gint64 id;
  char *objective;
  char *name;
  char *formula;
  char *unit;
  gboolean has_target;
  double target;
  gboolean lower_is_better;
  RdmPeriodKind period;
} RdmKpi;

typedef struct
{
  gint64 id;
  char *channel;
  char *campaign; /* NULL: the saving is the whole channel's */
  gint64 day;     /* epoch seconds of 00:00 UTC */
  double amount;
  char *description;
} RdmSaving;

void rdm_objective_free (RdmObjective *objective);
void rdm_saving_free (RdmSaving *saving);
void rdm_initiative_free (RdmInitiative *initiative);
void rdm_kpi_free (RdmKpi *kpi);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmObjective, rdm_objective_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmInitiative, rdm_initiative_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmKpi, rdm_kpi_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmSaving, rdm_saving_free)

/* The stored names of business functions, in display order, NULL-terminated. */
const char *const *rdm_business_functions (void);
/* How people read a business function ("After-sales"), translated. */
const char *rdm_business_function_label (const char *function);

gboolean rdm_project_add_objective (RdmProject *project,
                                    const char *name,
                                    const char *business_function,
                                    const char *description,
                                    GError **error);
/* Renames objective @old_name and sets its function and description; its
 * initiatives and KPIs follow. */
gboolean rdm_project_update_objective (RdmProject *project,
                                       const char *old_name,
                                       const char *name,
                                       const char *business_function,
                                       const char *description,
                                       GError **error);
/* Also removes the objective's initiatives and KPIs. */
gboolean rdm_project_remove_objective (RdmProject *project, const char *name, GError **error);
/* RdmObjective *, by name. */
GPtrArray *rdm_project_list_objectives (RdmProject *project, GError **error);

/* @campaigns: "Channel / Campaign" names of existing campaigns, may be NULL. */
gboolean rdm_project_add_initiative (RdmProject *project,
                                     const char *objective,
                                     const char *name,
                                     const char *description,
                                     const char *const *campaigns,
                                     GError **error);
/* Replaces initiative @old_name of @old_objective by the one described
 * (which may move to another objective), in one step: on error nothing
 * changed. */
gboolean rdm_project_update_initiative (RdmProject *project,
                                        const char *old_objective,
                                        const char *old_name,
                                        const char *objective,
                                        const char *name,
                                        const char *description,
                                        const char *const *campaigns,
                                        GError **error);
gboolean rdm_project_remove_initiative (RdmProject *project,
                                        const char *objective,
                                        const char *name,
                                        GError **error);
/* RdmInitiative *, by objective then name. */
GPtrArray *rdm_project_list_initiatives (RdmProject *project, GError **error);

/* The formula is parsed first; its error (with the column) is returned. */
gboolean rdm_project_add_kpi (RdmProject *project, const RdmKpi *kpi, GError **error);
/* Changes KPI @id (which may move to another objective) to @kpi, whose own
 * id is ignored, after the same checks as adding; the KPI's manual values
 * stay with it. */
gboolean rdm_project_update_kpi (RdmProject *project, gint64 id, const RdmKpi *kpi, GError **error);
gboolean rdm_project_remove_kpi (RdmProject *project,
                                 const char *objective,
                                 const char *name,
                                 GError **error);
/* RdmKpi *, by objective then name. */
GPtrArray *rdm_project_list_kpis (RdmProject *project, GError **error);

/* A manual value of a KPI (survey, satisfaction…) on @day (epoch seconds,
 * any time of that day). */
gboolean rdm_project_add_kpi_value (RdmProject *project,
                                    const char *objective,
                                    const char *kpi,
                                    gint64 day,
                                    double value,
                                    const char *source,
                                    GError **error);

/* A declared saving of @amount on @day for a channel (and campaign). */
gboolean rdm_project_add_saving (RdmProject *project,
                                 const char *channel,
                                 const char *campaign,
                                 gint64 day,
                                 double amount,
                                 const char *description,
                                 GError **error);
/* Changes the saving @id to the values given (same checks as adding). */
gboolean rdm_project_update_saving (RdmProject *project,
                                    gint64 id,
                                    const char *channel,
                                    const char *campaign,
                                    gint64 day,
                                    double amount,
                                    const char *description,
                                    GError **error);
gboolean rdm_project_remove_saving (RdmProject *project, gint64 id, GError **error);
/* The project's channel names, sorted. */
GStrv rdm_project_list_channel_names (RdmProject *project, GError **error);
/* The campaign names of @channel, sorted. */
GStrv rdm_project_list_campaign_names (RdmProject *project, const char *channel, GError **error);
/* Every campaign as "Channel / Campaign" (the names initiatives take), by
 * channel then campaign. */
GStrv rdm_project_list_campaign_labels (RdmProject *project, GError **error);

/* RdmSaving *, by day, channel, campaign. */
GPtrArray *rdm_project_list_savings (RdmProject *project, GError **error);

G_END_DECLS
