/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rdm-project.h"
#include "rdm-table-model.h"

G_BEGIN_DECLS

#define RDM_TYPE_DATA_PAGE (rdm_data_page_get_type ())
G_DECLARE_FINAL_TYPE (RdmDataPage, rdm_data_page, RDM, DATA_PAGE, GtkWidget)

GtkWidget *rdm_data_page_new (void);
RdmProject *rdm_data_page_get_project (RdmDataPage *self);
void rdm_data_page_set_project (RdmDataPage *self, RdmProject *project);
/* Re-reads totals, import log and tables after the project changed. */
void rdm_data_page_reload (RdmDataPage *self);
/* The model behind one of the tables; NULL without a project. */
RdmTableModel *rdm_data_page_get_table (RdmDataPage *self, RdmTableKind kind);

G_END_DECLS
