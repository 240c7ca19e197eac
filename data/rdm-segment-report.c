/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loading what segment comparisons read, shared by "rendement-cli
 * compare|discover" and the Segments page so that both get the same
 * numbers.
 */

#include "config.h"

#include "rdm-event-loader.h"
#include "rdm-filter.h"
#include "rdm-segment-report.h"
#include "rdm-segments.h"

RdmSegmentData *
rdm_segment_data_load (RdmProject *project, GCancellable *cancellable, GError **error)
{
  g_autoptr (RdmSegmentData) data = g_new0 (RdmSegmentData, 1);

  g_return_val_if_fail (RDM_IS_PROJECT (project), NULL);

  data->store = rdm_event_store_load (project, cancellable, error);
  if (data->store == NULL)
    return NULL;
  data->facts = rdm_project_load_visitor_facts (project, data->store, cancellable, error);
  if (data->facts == NULL)
    return NULL;
  return g_steal_pointer (&data);
}

void
rdm_segment_data_free (RdmSegmentData *data)
{
  if (data == NULL)
    return;
  g_clear_pointer (&data->store, rdm_event_store_free);
  g_clear_pointer (&data->facts, rdm_visitor_facts_free);
  g_free (data);
}

char *
rdm_project_resolve_segment (RdmProject *project,
                             const char *name_or_filter,
                             gboolean *out_saved,
                             GError **error)
{
  g_autoptr (GError) local_error = NULL;
  char *text = rdm_project_get_segment_filter (project, name_or_filter, &local_error);

  if (out_saved != NULL)
    *out_saved = text != NULL;
  if (text != NULL)
    return text;
  if (!g_error_matches (local_error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_strdup (name_or_filter);
}

guint64 *
rdm_segment_data_evaluate (const RdmSegmentData *data,
                           const char *filter_text,
                           gboolean check_values,
                           guint64 *out_count,
                           GError **error)
{
  g_autoptr (RdmFilterSchema) schema = check_values ? rdm_visitor_facts_schema (data->facts) : NULL;
  g_autoptr (RdmFilter) filter = rdm_filter_parse (filter_text, schema, error);
  g_autofree guint64 *bitmap = NULL;

  if (filter == NULL)
    return NULL;
  bitmap = rdm_bitmap_new (data->facts->n_visitors);
  if (!rdm_filter_evaluate (filter, data->facts, bitmap, error))
    return NULL;
  if (out_count != NULL)
    *out_count = rdm_bitmap_count (bitmap, data->facts->n_visitors);
  return g_steal_pointer (&bitmap);
}
