/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One lock guards every part: loads are rare (once per file and import)
 * and a second computation needing the same part must wait for the first
 * one's load rather than read the file a second time.
 */
#include "config.h"

#include "rdm-event-loader.h"
#include "rdm-project-data.h"
#include "rdm-segments.h"

struct _RdmProjectData
{
  char *path;
  GMutex lock;
  gboolean has_source;
  RdmAttributionData source;
  RdmSegmentData segments;   /* .store borrowed from source or own_events */
  RdmEventStore *own_events; /* the events when the source is a path table */
};

static guint n_event_loads;

RdmProjectData *
rdm_project_data_new (const char *path)
{
  RdmProjectData *self = g_atomic_rc_box_new0 (RdmProjectData);

  g_return_val_if_fail (path != NULL, NULL);
  self->path = g_strdup (path);
  g_mutex_init (&self->lock);
  return self;
}

RdmProjectData *
rdm_project_data_ref (RdmProjectData *self)
{
  return g_atomic_rc_box_acquire (self);
}

static void
project_data_clear (RdmProjectData *self)
{
  g_free (self->path);
  rdm_attribution_data_clear (&self->source);
  g_clear_pointer (&self->segments.facts, rdm_visitor_facts_free);
  g_clear_pointer (&self->own_events, rdm_event_store_free);
  g_mutex_clear (&self->lock);
}

void
rdm_project_data_unref (RdmProjectData *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify)project_data_clear);
}

const char *
rdm_project_data_get_path (RdmProjectData *self)
{
  return self->path;
}

RdmProject *
rdm_project_data_open (RdmProjectData *self, GError **error)
{
  return rdm_project_open_for_worker (self->path, error);
}

static gboolean
load_source_locked (RdmProjectData *self,
                    RdmProject *project,
                    GCancellable *cancellable,
                    GError **error)
{
  if (self->has_source)
    return TRUE;
  g_atomic_int_inc (&n_event_loads);
  self->has_source = rdm_attribution_data_load (project, &self->source, cancellable, error);
  return self->has_source;
}

const RdmAttributionData *
rdm_project_data_get_source (RdmProjectData *self,
                             RdmProject *project,
                             GCancellable *cancellable,
                             GError **error)
{
  gboolean ok;

  g_return_val_if_fail (RDM_IS_PROJECT (project), NULL);

  g_mutex_lock (&self->lock);
  ok = load_source_locked (self, project, cancellable, error);
  g_mutex_unlock (&self->lock);
  return ok ? &self->source : NULL;
}

static const RdmEventStore *
get_events_locked (RdmProjectData *self,
                   RdmProject *project,
                   GCancellable *cancellable,
                   GError **error)
{
  if (!load_source_locked (self, project, cancellable, error))
    return NULL;
  if (self->source.store != NULL)
    return self->source.store;
  if (self->own_events == NULL)
    self->own_events = rdm_event_store_load (project, cancellable, error);
  return self->own_events;
}

const RdmEventStore *
rdm_project_data_get_events (RdmProjectData *self,
                             RdmProject *project,
                             GCancellable *cancellable,
                             GError **error)
{
  const RdmEventStore *store;

  g_return_val_if_fail (RDM_IS_PROJECT (project), NULL);

  g_mutex_lock (&self->lock);
  store = get_events_locked (self, project, cancellable, error);
  g_mutex_unlock (&self->lock);
  return store;
}

const RdmSegmentData *
rdm_project_data_get_segment_data (RdmProjectData *self,
                                   RdmProject *project,
                                   GCancellable *cancellable,
                                   GError **error)
{
  const RdmSegmentData *data = NULL;

  g_return_val_if_fail (RDM_IS_PROJECT (project), NULL);

  g_mutex_lock (&self->lock);
  self->segments.store = (RdmEventStore *)get_events_locked (self, project, cancellable, error);
  if (self->segments.store != NULL && self->segments.facts == NULL)
    self->segments.facts
        = rdm_project_load_visitor_facts (project, self->segments.store, cancellable, error);
  if (self->segments.store != NULL && self->segments.facts != NULL)
    data = &self->segments;
  g_mutex_unlock (&self->lock);
  return data;
}

guint
_rdm_project_data_get_n_event_loads (void)
{
  return g_atomic_int_get (&n_event_loads);
}
