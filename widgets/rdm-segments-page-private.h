/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rdm-chart-view.h"
#include "rdm-filter.h"
#include "rdm-segment-compare.h"
#include "rdm-segment-picker.h"
#include "rdm-segment-report.h"
#include "rdm-segments-page.h"

G_BEGIN_DECLS

/* What the loading thread hands over: shared with comparison threads,
 * hence reference counted (g_atomic_rc_box). */
typedef struct
{
  RdmSegmentData *data;
  RdmFilterSchema *schema;
} RdmSegmentsShared;

struct _RdmSegmentsPage
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkWidget *settings_summary;
  GtkListBox *segment_list;
  GtkStack *content_stack;
  GtkSpinner *spinner;
  GtkDropDown *combine_dropdown;
  GtkButton *add_button;
  GtkListBox *condition_list;
  GtkEntry *expression_entry;
  GtkLabel *expression_error;
  GtkLabel *count_label;
  GtkEntry *name_entry;
  GtkButton *save_button;
  GtkLabel *save_message;
  GtkDropDown *model_dropdown;
  GtkColumnView *compare_table;
  RdmChartView *compare_chart;
  GtkLabel *credit_title;
  GtkColumnView *credit_table;
  GtkDropDown *discover_key_dropdown;
  RdmSegmentPicker *discover_within;
  GtkLabel *discover_summary;
  GtkColumnView *discover_table;
  RdmChartView *discover_chart;

  /* Owned */
  RdmProject *project;
  RdmAnalysisSettings *settings; /* NULL: the defaults */
  RdmSegmentsShared *shared;     /* NULL until loaded */
  GCancellable *load_cancellable;
  GCancellable *compare_cancellable;
  GPtrArray *conditions;   /* Condition *, in list order */
  char *base_text;         /* a typed filter the conditions extend, or NULL */
  GHashTable *compared;    /* names of the ticked segments */
  GPtrArray *segment_rows; /* SegmentRow *, in list order */
  GListStore *compare_rows;
  GListStore *credit_rows;
  GListStore *discover_rows;
  GtkStringList *key_list; /* attribute keys for discovery */
  GArray *fields;          /* FieldEntry: what the builder's field drop-downs offer */

  /* Results, kept for tests and redraws */
  guint64 live_count; /* visitors the expression selects; G_MAXUINT64 when invalid */
  RdmSegmentComparison *comparison;
  RdmDiscovery *discovery;
  gboolean comparing;
  gboolean syncing;
  gboolean syncing_model;      /* the model dropdown is being set from the settings */
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
void _rdm_segments_page_add_condition (RdmSegmentsPage *self,
                                       RdmSegmentField field,
                                       const char *key,
                                       guint operator_position,
                                       const char *const *values,
                                       double number);
/* Ticks (or unticks) a saved segment for the comparison. */
void _rdm_segments_page_set_compared (RdmSegmentsPage *self, const char *name, gboolean compared);

G_END_DECLS
