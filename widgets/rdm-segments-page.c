/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Segments section wires its three parts: the saved list says what is
 * compared and what the builder edits, the builder says what it saved,
 * and the comparison's failures show under the builder with those of the
 * list. The project's segment data is loaded in a thread through the
 * session's data, which the other sections share.
 */

#include "config.h"

#include "rdm-result-table.h"
#include "rdm-segments-page-private.h"
#include "rdm-settings-summary.h"

G_DEFINE_FINAL_TYPE (RdmSegmentsPage, rdm_segments_page, RDM_TYPE_SECTION)

static void
compare_ticked (RdmSegmentsPage *self)
{
  g_autoptr (GPtrArray) segments = rdm_segment_list_get_compared (self->segment_list);

  rdm_segment_comparison_view_set_segments (self->comparison_view, segments);
}

static void
segments_changed_cb (RdmSegmentsPage *self)
{
  rdm_segment_comparison_view_segments_saved (self->comparison_view);
  compare_ticked (self);
}

/* A segment just saved is ticked, to be compared at once. */
static void
saved_cb (RdmSegmentsPage *self, const char *name)
{
  rdm_segment_list_set_compared (self->segment_list, name, TRUE);
  rdm_segment_list_refresh (self->segment_list);
  segments_changed_cb (self);
}

static void
edit_cb (RdmSegmentsPage *self, const char *name, const char *filter)
{
  rdm_segment_builder_edit (self->builder, name, filter);
}

static void
failed_cb (RdmSegmentsPage *self, const char *message)
{
  rdm_segment_builder_show_message (self->builder, message, TRUE);
}

static void
comparison_busy_cb (RdmSegmentsPage *self)
{
  rdm_section_set_busy (RDM_SECTION (self),
                        rdm_segment_comparison_view_get_busy (self->comparison_view));
}

static void
set_shared (RdmSegmentsPage *self, RdmSegmentsShared *shared)
{
  g_clear_pointer (&self->shared, rdm_segments_shared_unref);
  if (shared != NULL)
    self->shared = rdm_segments_shared_ref (shared);
  rdm_segment_builder_set_data (self->builder, shared);
  rdm_segment_comparison_view_set_data (self->comparison_view, shared);
}

/* Loading */

static void
load_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  RdmProjectData *data = task_data;
  GError *error = NULL;
  g_autoptr (RdmProject) project = rdm_project_data_open (data, &error);
  const RdmSegmentData *segments = NULL;

  if (project != NULL)
    segments = rdm_project_data_get_segment_data (data, project, cancellable, &error);
  if (segments == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rdm_segments_shared_new (data, segments),
                           (GDestroyNotify)rdm_segments_shared_unref);
}

static void
load_done (RdmSection *section, gpointer outcome)
{
  RdmSegmentsPage *self = RDM_SEGMENTS_PAGE (section);
  g_autoptr (RdmSegmentsShared) shared = outcome;

  rdm_section_show_state (section, shared->data->facts->n_visitors > 0 ? "content" : "empty");
  /* the ticks first, so that the data is compared once */
  compare_ticked (self);
  set_shared (self, shared);
}

/* Virtual methods */

static void
rdm_segments_page_reload (RdmSection *section)
{
  RdmSegmentsPage *self = RDM_SEGMENTS_PAGE (section);
  RdmProject *project = rdm_section_get_project (section);
  RdmProjectData *data = rdm_section_get_data (section);

  /* only what the project defines changed (KPIs, costs): the events and
   * the builder's work stay */
  if (data != NULL && data == self->data)
    return;
  g_clear_pointer (&self->data, rdm_project_data_unref);
  if (data != NULL)
    self->data = rdm_project_data_ref (data);
  rdm_section_cancel (section);
  set_shared (self, NULL);
  rdm_section_show_state (section, "content");
  rdm_segment_list_set_project (self->segment_list, project);
  rdm_segment_builder_set_project (self->builder, project);
  rdm_segment_comparison_view_set_project (self->comparison_view, project);
  if (data != NULL)
    rdm_section_run (section, load_thread, rdm_project_data_ref (data),
                     (GDestroyNotify)rdm_project_data_unref, NULL, load_done);
}

static void
rdm_segments_page_settings_changed (RdmSection *section, GParamSpec *pspec)
{
  rdm_segment_comparison_view_settings_changed (RDM_SEGMENTS_PAGE (section)->comparison_view);
}

static GtkColumnView *
rdm_segments_page_get_table (RdmSection *section, GListModel **out_rows)
{
  RdmSegmentsPage *self = RDM_SEGMENTS_PAGE (section);

  if (g_strcmp0 (rdm_section_get_state (section), "content") != 0)
    return NULL;
  return rdm_segment_comparison_view_get_table (self->comparison_view, out_rows);
}

/* GObject */

static void
rdm_segments_page_dispose (GObject *object)
{
  RdmSegmentsPage *self = RDM_SEGMENTS_PAGE (object);
  rdm_section_cancel (RDM_SECTION (self));
  gtk_widget_dispose_template (GTK_WIDGET (self), RDM_TYPE_SEGMENTS_PAGE);
  g_clear_pointer (&self->shared, rdm_segments_shared_unref);
  g_clear_pointer (&self->data, rdm_project_data_unref);
  G_OBJECT_CLASS (rdm_segments_page_parent_class)->dispose (object);
}

static void
rdm_segments_page_class_init (RdmSegmentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RdmSectionClass *section_class = RDM_SECTION_CLASS (klass);

  object_class->dispose = rdm_segments_page_dispose;
  section_class->reload = rdm_segments_page_reload;
  section_class->settings_changed = rdm_segments_page_settings_changed;
  section_class->get_table = rdm_segments_page_get_table;

  rdm_widgets_ensure_resources ();
  g_type_ensure (RDM_TYPE_SEGMENT_BUILDER);
  g_type_ensure (RDM_TYPE_SEGMENT_COMPARISON_VIEW);
  g_type_ensure (RDM_TYPE_SEGMENT_LIST);
  g_type_ensure (RDM_TYPE_SETTINGS_SUMMARY);
  gtk_widget_class_set_template_from_resource (widget_class, "/fr/rendement/Rendement/widgets/"
                                                             "rdm-segments-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentsPage, settings_summary);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentsPage, segment_list);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentsPage, builder);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentsPage, comparison_view);
}

static void
rdm_segments_page_init (RdmSegmentsPage *self)
{
  RdmSection *section = RDM_SECTION (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  rdm_section_set_status_widgets (section, self->content_stack, self->spinner, self->error_page);
  rdm_section_bind_settings (section, G_OBJECT (self->settings_summary), "settings");
  rdm_section_bind_settings (section, G_OBJECT (self->comparison_view), "settings");

  g_signal_connect_object (self->segment_list, "compared-changed", G_CALLBACK (compare_ticked),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->segment_list, "segments-changed", G_CALLBACK (segments_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->segment_list, "edit", G_CALLBACK (edit_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->segment_list, "failed", G_CALLBACK (failed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->builder, "saved", G_CALLBACK (saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->comparison_view, "failed", G_CALLBACK (failed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->comparison_view, "notify::busy", G_CALLBACK (comparison_busy_cb),
                           self, G_CONNECT_SWAPPED);
}

GtkWidget *
rdm_segments_page_new (void)
{
  return g_object_new (RDM_TYPE_SEGMENTS_PAGE, NULL);
}
