/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-playground-page.h"
#include "rdm-playground.h"

G_BEGIN_DECLS

/* For tests: what the page holds and shows. */

/* The journeys being edited (owned by the page). */
const RdmPlayground *_rdm_playground_page_get_playground (RdmPlaygroundPage *self);
/* The credit table's rows (RdmResultRow: a channel, one cell per model of
 * rdm_playground_models, then a "Total" row keyed NULL). */
GListModel *_rdm_playground_page_get_credit_rows (RdmPlaygroundPage *self);
/* The controls of touch @touch of journey @journey, and of the journey. */
GtkDropDown *
_rdm_playground_page_get_channel_drop_down (RdmPlaygroundPage *self, guint journey, guint touch);
GtkSwitch *_rdm_playground_page_get_converted_switch (RdmPlaygroundPage *self, guint journey);
/* The explanation shown and the combo rows that choose it. */
const char *_rdm_playground_page_get_explanation (RdmPlaygroundPage *self);
AdwComboRow *_rdm_playground_page_get_explain_journey_row (RdmPlaygroundPage *self);
AdwComboRow *_rdm_playground_page_get_explain_model_row (RdmPlaygroundPage *self);

/* The slider of channel @name's true effect. */
GtkRange *_rdm_playground_page_get_effect_scale (RdmPlaygroundPage *self, const char *name);
/* The world last shown (NULL before the first), and how many have been
 * shown since the page was made. */
const RdmPlaygroundWorld *_rdm_playground_page_get_world (RdmPlaygroundPage *self);
guint _rdm_playground_page_get_worlds_shown (RdmPlaygroundPage *self);
/* The settings the sliders describe. */
const RdmWorldSettings *_rdm_playground_page_get_world_settings (RdmPlaygroundPage *self);
/* The truth table's rows (a channel: Truth, then one cell per model) and
 * the error table's (a model: share error, conversions error), closest
 * model first; the reading shown. */
GListModel *_rdm_playground_page_get_truth_rows (RdmPlaygroundPage *self);
GListModel *_rdm_playground_page_get_error_rows (RdmPlaygroundPage *self);
const char *_rdm_playground_page_get_reading (RdmPlaygroundPage *self);

G_END_DECLS
