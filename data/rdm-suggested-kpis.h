/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-project.h"

G_BEGIN_DECLS

/* A starter scorecard for a social-media marketing project, the KPIs the
 * white papers recommend measuring first:
 *
 *   sales objective             Social ROAS, Cost per acquisition
 *   marketing objective         Brand awareness, Followers growth
 *   customer-service objective  Customer satisfaction, Call deflection savings
 *
 * Each KPI goes to the first objective of its business function, which is
 * created when the project has none. KPIs over a survey series are only
 * added when the project holds that series, and followers growth only when
 * it holds follower counts, so every KPI added can be evaluated. A KPI
 * whose objective already has one of the same name is left as it is, so
 * calling this twice adds nothing the second time.
 *
 * Everything is written in one transaction; on error nothing is changed.
 * @out_n_added (nullable) receives the number of KPIs added. */
gboolean rdm_project_add_suggested_kpis (RdmProject *project, guint *out_n_added, GError **error);

G_END_DECLS
