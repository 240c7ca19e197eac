/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The segment drop-down shared by the analysis pages (Attribution, Paths,
 * ROI): one place that lists saved segments, so every page offers the same
 * choices under the same names.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rdm-segment-picker.h"
#include "rdm-segments.h"

struct _RdmSegmentPicker
{
  GtkWidget parent_instance;

  GtkDropDown *dropdown;
  GtkStringList *names; /* item 0 is "Everyone" */
  RdmProject *project;
  char *segment;
  gboolean syncing;
};

enum
{
  PROP_0,
  PROP_PROJECT,
  PROP_SEGMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RdmSegmentPicker, rdm_segment_picker, GTK_TYPE_WIDGET)

static void
store_segment (RdmSegmentPicker *self, const char *segment)
{
  if (g_strcmp0 (self->segment, segment) == 0)
    return;
  g_free (self->segment);
  self->segment = g_strdup (segment);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEGMENT]);
}

/* Selects @segment in the list, or "Everyone" when it is not there. */
static void
select_segment (RdmSegmentPicker *self, const char *segment)
{
  guint position = 0;

  for (guint i = 1; segment != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->names));
       i++)
    if (g_str_equal (gtk_string_list_get_string (self->names, i), segment))
      position = i;
  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->dropdown, position);
  self->syncing = FALSE;
  store_segment (self, position == 0 ? NULL : segment);
}

void
rdm_segment_picker_refresh (RdmSegmentPicker *self)
{
  g_autoptr (GPtrArray) segments = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *keep = g_strdup (self->segment);
  guint n_old;

  g_return_if_fail (RDM_IS_SEGMENT_PICKER (self));

  if (self->project != NULL)
    {
      segments = rdm_project_list_segments (self->project, &error);
      if (segments == NULL)
        g_warning ("Cannot list segments: %s", error->message);
    }
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->names));
  self->syncing = TRUE;
  gtk_string_list_splice (self->names, 1, n_old - 1, NULL);
  for (guint i = 0; segments != NULL && i < segments->len; i++)
    gtk_string_list_append (self->names,
                            ((RdmSegmentRecord *)g_ptr_array_index (segments, i))->name);
  self->syncing = FALSE;
  select_segment (self, keep);
}

static void
selected_cb (RdmSegmentPicker *self)
{
  guint position = gtk_drop_down_get_selected (self->dropdown);

  if (self->syncing)
    return;
  store_segment (self, position == 0 || position == GTK_INVALID_LIST_POSITION
                           ? NULL
                           : gtk_string_list_get_string (self->names, position));
}

static void
rdm_segment_picker_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (rdm_segment_picker_parent_class)->map (widget);
  rdm_segment_picker_refresh (RDM_SEGMENT_PICKER (widget));
}

static void
rdm_segment_picker_dispose (GObject *object)
{
  RdmSegmentPicker *self = RDM_SEGMENT_PICKER (object);

  if (self->dropdown != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->dropdown));
      self->dropdown = NULL;
    }
  g_clear_object (&self->project);
  G_OBJECT_CLASS (rdm_segment_picker_parent_class)->dispose (object);
}

static void
rdm_segment_picker_finalize (GObject *object)
{
  RdmSegmentPicker *self = RDM_SEGMENT_PICKER (object);

  g_free (self->segment);
  G_OBJECT_CLASS (rdm_segment_picker_parent_class)->finalize (object);
}

static void
rdm_segment_picker_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RdmSegmentPicker *self = RDM_SEGMENT_PICKER (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_SEGMENT:
      g_value_set_string (value, self->segment);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rdm_segment_picker_set_property (GObject *object,
                                 guint prop_id,
                                 const GValue *value,
                                 GParamSpec *pspec)
{
  RdmSegmentPicker *self = RDM_SEGMENT_PICKER (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      rdm_segment_picker_set_project (self, g_value_get_object (value));
      break;
    case PROP_SEGMENT:
      rdm_segment_picker_set_segment (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rdm_segment_picker_class_init (RdmSegmentPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rdm_segment_picker_dispose;
  object_class->finalize = rdm_segment_picker_finalize;
  object_class->get_property = rdm_segment_picker_get_property;
  object_class->set_property = rdm_segment_picker_set_property;
  widget_class->map = rdm_segment_picker_map;

  properties[PROP_PROJECT]
      = g_param_spec_object ("project", NULL, NULL, RDM_TYPE_PROJECT,
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SEGMENT]
      = g_param_spec_string ("segment", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rdm_segment_picker_init (RdmSegmentPicker *self)
{
  const char *const everyone[] = { _ ("Everyone"), NULL };

  self->names = gtk_string_list_new (everyone);
  /* the drop-down takes the model's reference */
  self->dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (self->names), NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->dropdown),
                               _ ("Only the visitors of a saved segment"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Segment"), -1);
  gtk_widget_set_parent (GTK_WIDGET (self->dropdown), GTK_WIDGET (self));
  g_signal_connect_object (self->dropdown, "notify::selected", G_CALLBACK (selected_cb), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
rdm_segment_picker_new (void)
{
  return g_object_new (RDM_TYPE_SEGMENT_PICKER, NULL);
}

RdmProject *
rdm_segment_picker_get_project (RdmSegmentPicker *self)
{
  g_return_val_if_fail (RDM_IS_SEGMENT_PICKER (self), NULL);
  return self->project;
}

void
rdm_segment_picker_set_project (RdmSegmentPicker *self, RdmProject *project)
{
  g_return_if_fail (RDM_IS_SEGMENT_PICKER (self));
  g_return_if_fail (project == NULL || RDM_IS_PROJECT (project));

  if (!g_set_object (&self->project, project))
    return;
  rdm_segment_picker_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

const char *
rdm_segment_picker_get_segment (RdmSegmentPicker *self)
{
  g_return_val_if_fail (RDM_IS_SEGMENT_PICKER (self), NULL);
  return self->segment;
}

void
rdm_segment_picker_set_segment (RdmSegmentPicker *self, const char *segment)
{
  g_return_if_fail (RDM_IS_SEGMENT_PICKER (self));
  select_segment (self, segment);
}
