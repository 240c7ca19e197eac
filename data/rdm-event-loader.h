/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-event-store.h"
#include "rdm-project.h"

G_BEGIN_DECLS

/* Loads every touchpoint and conversion of @project into a finished event
 * store, in (visitor, time, id) order: each visitor's events are counted
 * through the indexes touchpoint_visitor_time and conversion_visitor_time,
 * then the tables are read in their own order and every row is put in its
 * visitor's place. Visitor ids that are not integers are reported as
 * RDM_PROJECT_ERROR_CORRUPT. Channels, their "direct" group, campaigns
 * and conversion events are interned from the project's tables. Checks
 * @cancellable every 64 Ki rows. Returns NULL with @error set (G_IO_ERROR_CANCELLED, or
 * RDM_PROJECT_ERROR_SQL / _CORRUPT) on failure. */
RdmEventStore *
rdm_event_store_load (RdmProject *project, GCancellable *cancellable, GError **error);

G_END_DECLS
