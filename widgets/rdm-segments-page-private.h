/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rdm-segment-builder-private.h"
#include "rdm-segment-comparison-view-private.h"
#include "rdm-segment-list.h"
#include "rdm-segments-page.h"

G_BEGIN_DECLS

struct _RdmSegmentsPage
{
  RdmSection parent_instance;

  /* Template widgets */
  GtkWidget *settings_summary;
  RdmSegmentList *segment_list;
  GtkStack *content_stack;
  GtkSpinner *spinner;
  AdwStatusPage *error_page;
  RdmSegmentBuilder *builder;
  RdmSegmentComparisonView *comparison_view;

  /* Owned */
  RdmProjectData *data;      /* what is shown or loading; NULL without a project */
  RdmSegmentsShared *shared; /* NULL until loaded */
};

G_END_DECLS
