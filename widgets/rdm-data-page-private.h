/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-data-page.h"

G_BEGIN_DECLS

typedef struct
{
  RdmDataPage *page; /* borrowed: the page owns its tables */
  GtkColumnView *view;
  RdmTableModel *model;
  /* the column a header click sorts by, found by probing the view's sorter */
  int probe_column;
} RdmDataTable;

struct _RdmDataPage
{
  RdmSection parent_instance;

  /* Template widgets */
  GtkStack *content_stack;
  GtkLabel *visitors_label;
  GtkLabel *touchpoints_label;
  GtkLabel *conversions_label;
  GtkLabel *value_label;
  GtkLabel *cost_label;
  GtkLabel *channels_label;
  GtkLabel *campaigns_label;
  GtkLabel *paths_label;
  GtkLabel *count_label;
  GtkSpinner *spinner;
  GtkSearchEntry *search_entry;
  GtkSearchEntry *narrow_search_entry;
  AdwViewStack *tables_stack;
  GtkDropDown *table_dropdown;
  GtkListBox *imports_list;
  GtkColumnView *touchpoints_view;
  GtkColumnView *conversions_view;
  GtkColumnView *costs_view;
  GtkColumnView *campaigns_view;

  /* Owned references */
  GSettings *settings;
  RdmDataTable tables[RDM_TABLE_CAMPAIGNS + 1];
  guint n_imports;
};

G_END_DECLS
