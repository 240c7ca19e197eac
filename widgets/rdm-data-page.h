/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-section.h"
#include "rdm-table-model.h"

G_BEGIN_DECLS

/* RdmDataPage: the Data section, an RdmSection: the project's totals, its
 * import log (with a remove button per removable import) and its tables,
 * searchable and sortable. States: "empty" and "data". */
#define RDM_TYPE_DATA_PAGE (rdm_data_page_get_type ())
G_DECLARE_FINAL_TYPE (RdmDataPage, rdm_data_page, RDM, DATA_PAGE, RdmSection)

GtkWidget *rdm_data_page_new (void);
/* The model behind one of the tables; NULL without a project. */
RdmTableModel *rdm_data_page_get_table (RdmDataPage *self, RdmTableKind kind);

G_END_DECLS
