/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rdm-project.h"

G_BEGIN_DECLS

/* RdmSegmentPicker: a drop-down of "Everyone" and the project's saved
 * segments, for the settings bar of any analysis page.
 *
 * Properties: "project" (RdmProject *, may be NULL: only "Everyone"),
 * "segment" (string: the chosen segment's name, NULL for everyone;
 * notified only on change). The list is read again each time the picker is
 * mapped (the user comes back to the page after editing segments) and on
 * rdm_segment_picker_refresh(); when the chosen segment disappears the
 * picker falls back to everyone. */
#define RDM_TYPE_SEGMENT_PICKER (rdm_segment_picker_get_type ())
G_DECLARE_FINAL_TYPE (RdmSegmentPicker, rdm_segment_picker, RDM, SEGMENT_PICKER, GtkWidget)

GtkWidget *rdm_segment_picker_new (void);

RdmProject *rdm_segment_picker_get_project (RdmSegmentPicker *self);
void rdm_segment_picker_set_project (RdmSegmentPicker *self, RdmProject *project);

const char *rdm_segment_picker_get_segment (RdmSegmentPicker *self);
/* NULL or a name not saved in the project selects everyone. */
void rdm_segment_picker_set_segment (RdmSegmentPicker *self, const char *segment);

/* Reads the saved segments again. */
void rdm_segment_picker_refresh (RdmSegmentPicker *self);

G_END_DECLS
