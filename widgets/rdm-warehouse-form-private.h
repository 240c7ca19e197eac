/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-warehouse-form.h"

G_BEGIN_DECLS

/* The instance, visible to the tests, which fill the form as a user
 * would. */
struct _RdmWarehouseForm
{
  GtkBox parent_instance;

  AdwEntryRow *connection_row;
  AdwPasswordEntryRow *password_row;
  AdwActionRow *test_row;
  AdwEntryRow *table_row;
  AdwEntryRow *order_row;
  AdwEntryRow *costs_row;
  GtkSpinButton *click_spin;
  GtkSpinButton *view_spin;
  GtkSwitch *restart_switch;
  AdwEntryRow *from_row;
  AdwEntryRow *to_row;
  AdwEntryRow *events_row;
  GtkLabel *problem_label;
  GtkLabel *mapping_label;

  /* the columns the last import read under other names than the
   * canonical ones (order aside, which has its row), kept for the next */
  GHashTable *kept_mapping;
  char *kept_costs_table;
  GHashTable *kept_costs_mapping;

  GCancellable *test_cancellable;
};

G_END_DECLS
