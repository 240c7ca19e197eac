/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rdm-project.h"

G_BEGIN_DECLS

/* RdmSegmentList: the project's saved segments, by name, each with a tick
 * to compare it and a menu to rename or delete it (after confirming);
 * activating one edits it in the builder.
 *
 * Signals: "compared-changed": a segment was ticked or unticked.
 * "segments-changed": a segment was renamed or deleted (its tick follows).
 * "edit" (const char *name, const char *filter): the user chose a segment
 * to edit. "failed" (const char *message): the project refused a change,
 * or its segments could not be read. */
#define RDM_TYPE_SEGMENT_LIST (rdm_segment_list_get_type ())
G_DECLARE_FINAL_TYPE (RdmSegmentList, rdm_segment_list, RDM, SEGMENT_LIST, GtkWidget)

/* Shows @project's segments; those named as ticked ones stay ticked. */
void rdm_segment_list_set_project (RdmSegmentList *self, RdmProject *project);
/* Reads the saved segments again, keeping the ticks of those still there. */
void rdm_segment_list_refresh (RdmSegmentList *self);

/* Ticks (or unticks) segment @name, listed or about to be (a segment just
 * saved shows on the next refresh). */
void rdm_segment_list_set_compared (RdmSegmentList *self, const char *name, gboolean compared);
/* The ticked segments (RdmSegmentRecord *), in list order. */
GPtrArray *rdm_segment_list_get_compared (RdmSegmentList *self);

G_END_DECLS
