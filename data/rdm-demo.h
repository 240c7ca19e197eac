/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-project.h"

G_BEGIN_DECLS

#define RDM_DEMO_ERROR (rdm_demo_error_quark ())

typedef enum
{
  RDM_DEMO_ERROR_NOT_EMPTY, /* the project already holds data */
} RdmDemoError;

/* The seed "rendement-cli demo" uses when none is given. */
#define RDM_DEMO_DEFAULT_SEED 2026u

/* Version of the generator, recorded in the import log's checksum: a change
 * that alters the data written for a seed must bump it. */
#define RDM_DEMO_VERSION 4

/* First day of the demo data (2026-04-01 00:00 UTC) and its number of days
 * (up to 2026-09-30 inclusive), in epoch seconds and days. */
#define RDM_DEMO_FIRST_DAY G_GINT64_CONSTANT (1775001600)
#define RDM_DEMO_N_DAYS 183

/* The daily media spend and outcomes cover two years (2024-10-01 to
 * 2026-09-30), the journeys only their last 183 days: the shop tracked
 * visitors from April 2026 on. */
#define RDM_DEMO_MEDIA_FIRST_DAY G_GINT64_CONSTANT (1727740800)
#define RDM_DEMO_MEDIA_N_DAYS 730

/* Planted for the mirror and the impact: the quarterly awareness survey
 * follows the social networks' engagement this many weeks later, and the
 * e-reputation incident takes this many conversions a day away while it
 * lasts (its dates are in the project's event list). */
#define RDM_DEMO_SURVEY_LAG_WEEKS 3
#define RDM_DEMO_INCIDENT_DROP 12.0

GQuark rdm_demo_error_quark (void);

gboolean
rdm_demo_write (RdmProject *project, guint32 seed, GCancellable *cancellable, GError **error);

/* Whether @project is a demo written by an earlier version of the
 * generator (its import log names the demo with another version or
 * seed than RDM_DEMO_VERSION and @seed): one the current generator would
 * write differently. A project that is no demo is not outdated. */
gboolean
rdm_demo_is_outdated (RdmProject *project, guint32 seed, gboolean *outdated, GError **error);

G_END_DECLS
