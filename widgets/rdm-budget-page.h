/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-section.h"

G_BEGIN_DECLS

/* RdmBudgetPage: the Budget section. Over the session's media-mix fit
 * (shared with the Media Mix section), one slider per channel for its
 * spend over a plan of RDM_BUDGET_DEFAULT_WEEKS weeks, starting at today's
 * split (rdm_budget_plan()'s); the expected conversions and value from
 * media with their 95 % interval, and the change against today's split,
 * follow the sliders as they move (rdm_budget_expected_mean() over the
 * fit's bootstrap curves, as the plan values its splits); "Propose the
 * Best Split" sets the sliders to rdm_budget_plan()'s best split of their
 * total within each channel's bounds. */
#define RDM_TYPE_BUDGET_PAGE (rdm_budget_page_get_type ())
G_DECLARE_FINAL_TYPE (RdmBudgetPage, rdm_budget_page, RDM, BUDGET_PAGE, RdmSection)

GtkWidget *rdm_budget_page_new (void);

/* For the tests: channel @c's slider (its adjustment is the spin
 * button's too), the labels, and the conversions the expected label
 * shows (NAN before a plan). */
GtkScale *_rdm_budget_page_get_scale (RdmBudgetPage *self, guint c);
guint _rdm_budget_page_get_n_channels (RdmBudgetPage *self);
const char *_rdm_budget_page_get_expected_text (RdmBudgetPage *self);
double _rdm_budget_page_get_expected (RdmBudgetPage *self);
const char *_rdm_budget_page_get_total_text (RdmBudgetPage *self);
const char *_rdm_budget_page_get_message (RdmBudgetPage *self);
const char *_rdm_budget_page_get_change_text (RdmBudgetPage *self);
const char *_rdm_budget_page_get_bounds_text (RdmBudgetPage *self, guint c);

G_END_DECLS
