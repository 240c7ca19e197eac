/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-analysis-settings.h"
#include "rdm-chart-view.h"
#include "rdm-segment-compare.h"
#include "rdm-segment-comparison-view.h"
#include "rdm-segment-picker.h"

G_BEGIN_DECLS

struct _RdmSegmentComparisonView
{
  GtkWidget parent_instance;

  /* Template widgets */
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
  RdmAnalysisSettings *settings;
  RdmSegmentsShared *shared; /* NULL until loaded */
  GCancellable *cancellable; /* of the comparison running */
  GPtrArray *segments;       /* RdmSegmentRecord *: the segments compared */
  GListStore *compare_rows;
  GListStore *credit_rows;
  GListStore *discover_rows;
  GtkStringList *key_list; /* attribute keys for discovery */

  /* Results, kept for tests and redraws */
  RdmSegmentComparison *comparison;
  RdmDiscovery *discovery;
  gboolean comparing;
  gboolean syncing_model; /* the model dropdown is being set from the settings */
};

G_END_DECLS
