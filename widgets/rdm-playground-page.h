/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-section.h"

G_BEGIN_DECLS

/* RdmPlaygroundPage: the Playground section, a teaching tool that reads no
 * project (SPEC.md, "Incrementality and ground truth"): journeys the user
 * edits, credited by every model as they change, with the arithmetic of
 * one journey and model in plain words; and a small simulated world whose
 * true effects the user sets with sliders, every model measured against
 * its truth. The computation is analysis/rdm-playground's. */
#define RDM_TYPE_PLAYGROUND_PAGE (rdm_playground_page_get_type ())
G_DECLARE_FINAL_TYPE (RdmPlaygroundPage, rdm_playground_page, RDM, PLAYGROUND_PAGE, RdmSection)

GtkWidget *rdm_playground_page_new (void);

G_END_DECLS
