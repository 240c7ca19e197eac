/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rdm-segments-shared.h"

RdmSegmentsShared *
rdm_segments_shared_new (RdmProjectData *project_data, const RdmSegmentData *data)
{
  RdmSegmentsShared *self = g_atomic_rc_box_new0 (RdmSegmentsShared);

  self->project_data = rdm_project_data_ref (project_data);
  self->data = data;
  self->schema = rdm_visitor_facts_schema (data->facts);
  return self;
}

RdmSegmentsShared *
rdm_segments_shared_ref (RdmSegmentsShared *self)
{
  return g_atomic_rc_box_acquire (self);
}

static void
shared_clear (gpointer data)
{
  RdmSegmentsShared *self = data;

  g_clear_pointer (&self->schema, rdm_filter_schema_free);
  g_clear_pointer (&self->project_data, rdm_project_data_unref);
}

void
rdm_segments_shared_unref (RdmSegmentsShared *self)
{
  g_atomic_rc_box_release_full (self, shared_clear);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_utf8_collate (*(const char *const *)a, *(const char *const *)b);
}

GPtrArray *
rdm_segments_sorted_strings (const GPtrArray *strings)
{
  GPtrArray *sorted = g_ptr_array_sized_new (strings->len);

  for (guint i = 0; i < strings->len; i++)
    g_ptr_array_add (sorted, strings->pdata[i]);
  g_ptr_array_sort (sorted, compare_strings);
  return sorted;
}
