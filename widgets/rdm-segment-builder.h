/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rdm-project.h"
#include "rdm-segments-shared.h"

G_BEGIN_DECLS

/* RdmSegmentBuilder: the Segments section's builder. Conditions on the
 * visitors' attributes and behaviour write the expression they make into
 * an entry, which can be edited as text and is checked as it is typed; a
 * live count gives the visitors it selects; a name and "Save Segment"
 * save it in the project, asking before replacing a segment of that name.
 *
 * The project is where segments are saved; the data, once loaded, what
 * conditions offer and expressions are counted on. Signals: "saved"
 * (const char *name): a segment was saved (added or replaced). */
#define RDM_TYPE_SEGMENT_BUILDER (rdm_segment_builder_get_type ())
G_DECLARE_FINAL_TYPE (RdmSegmentBuilder, rdm_segment_builder, RDM, SEGMENT_BUILDER, GtkWidget)

void rdm_segment_builder_set_project (RdmSegmentBuilder *self, RdmProject *project);
/* NULL while the project's data loads: conditions and the count wait. Any
 * other data clears the conditions. */
void rdm_segment_builder_set_data (RdmSegmentBuilder *self, RdmSegmentsShared *shared);

/* Shows the saved segment @name (its @filter as text) for editing. */
void rdm_segment_builder_edit (RdmSegmentBuilder *self, const char *name, const char *filter);
/* Shows @message under the save button, as an error or not. */
void
rdm_segment_builder_show_message (RdmSegmentBuilder *self, const char *message, gboolean is_error);

G_END_DECLS
