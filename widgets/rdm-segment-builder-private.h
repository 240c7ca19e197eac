/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-segment-builder.h"

G_BEGIN_DECLS

struct _RdmSegmentBuilder
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkDropDown *combine_dropdown;
  GtkButton *add_button;
  GtkListBox *condition_list;
  GtkEntry *expression_entry;
  GtkLabel *expression_error;
  GtkLabel *count_label;
  GtkEntry *name_entry;
  GtkButton *save_button;
  GtkLabel *save_message;

  /* Owned */
  RdmProject *project;
  RdmSegmentsShared *shared; /* NULL until loaded */
  GPtrArray *conditions;     /* Condition *, in list order */
  char *base_text;           /* a typed filter the conditions extend, or NULL */
  GArray *fields;            /* FieldEntry: what the field drop-downs offer */

  guint64 live_count; /* visitors the expression selects; G_MAXUINT64 when invalid */
  gboolean syncing;
  gboolean writing_expression; /* the builder is setting the entry's text */
};

/* Friends (tests): the builder's fields. */
typedef enum
{
  RDM_SEGMENT_FIELD_ATTRIBUTE,
  RDM_SEGMENT_FIELD_TOUCHED,
  RDM_SEGMENT_FIELD_FIRST_CHANNEL,
  RDM_SEGMENT_FIELD_LAST_CHANNEL,
  RDM_SEGMENT_FIELD_TOUCHES,
  RDM_SEGMENT_FIELD_VISITS,
  RDM_SEGMENT_FIELD_CONVERSIONS,
  RDM_SEGMENT_FIELD_VALUE,
  RDM_SEGMENT_FIELD_CONVERTED,
} RdmSegmentField;

/* Adds a condition row as the "Add Condition" button does, then sets it
 * as a user would: the field (@key for attributes), the operator's
 * position in its drop-down, the values ticked and the number. */
void _rdm_segment_builder_add_condition (RdmSegmentBuilder *self,
                                         RdmSegmentField field,
                                         const char *key,
                                         guint operator_position,
                                         const char *const *values,
                                         double number);

G_END_DECLS
