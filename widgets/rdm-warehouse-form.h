/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rdm-path-options.h"
#include "rdm-warehouse.h"

G_BEGIN_DECLS

#define RDM_TYPE_WAREHOUSE_FORM (rdm_warehouse_form_get_type ())
G_DECLARE_FINAL_TYPE (RdmWarehouseForm, rdm_warehouse_form, RDM, WAREHOUSE_FORM, GtkBox)

/* The import assistant's "From a database" page: where the events are (a
 * PostgreSQL connection, tested in a worker thread, a password asked for
 * when the server wants one), which tables, and the path rules the
 * database runs (SPEC.md "Scale beyond one machine"). */
RdmWarehouseForm *rdm_warehouse_form_new (void);

/* Shows @path's windows, restart, period and events: the project's saved
 * analysis settings, so that the database builds the journeys the other
 * sections would. */
void rdm_warehouse_form_set_path_options (RdmWarehouseForm *self, const RdmPathOptions *path);

/* What the form says, or NULL with @error naming the field to correct
 * (an empty connection or table, a date that cannot be read, a period
 * that ends before it starts). */
RdmWarehouseSource *rdm_warehouse_form_get_source (RdmWarehouseForm *self, GError **error);

/* Shows @source's connection, tables and order column (a project's last
 * warehouse import, to run it again); its path rules are left to
 * rdm_warehouse_form_set_path_options(). */
void rdm_warehouse_form_set_source (RdmWarehouseForm *self, const RdmWarehouseSource *source);

/* Says @message beside the form (NULL hides it); with @ask_password the
 * password row is shown and focused, for a server that wants one. */
void rdm_warehouse_form_show_problem (RdmWarehouseForm *self,
                                      const char *message,
                                      gboolean ask_password);

G_END_DECLS
