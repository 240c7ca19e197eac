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

/* RdmEventStoreCache: the events of one project file, loaded by the first
 * computation that needs them and kept for the next ones, so that a page
 * recomputing for another model or period does not read every touchpoint
 * again. Reference-counted and thread-safe: a computation in a worker
 * holds a reference while it reads the store; the page drops its own and
 * makes a new cache when the file changes (another project, an import). */
typedef struct _RdmEventStoreCache RdmEventStoreCache;

RdmEventStoreCache *rdm_event_store_cache_new (void);
RdmEventStoreCache *rdm_event_store_cache_ref (RdmEventStoreCache *cache);
void rdm_event_store_cache_unref (RdmEventStoreCache *cache);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmEventStoreCache, rdm_event_store_cache_unref)

/* The events of @project, loaded with rdm_event_store_load() on the first
 * call (one loader at a time; a failed or cancelled load is not kept).
 * The store is owned by @cache and read-only; it lives as long as the
 * caller's reference. */
const RdmEventStore *rdm_event_store_cache_get (RdmEventStoreCache *cache,
                                                RdmProject *project,
                                                GCancellable *cancellable,
                                                GError **error);

G_END_DECLS
