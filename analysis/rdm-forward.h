/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rdm-event-store.h"
#include "rdm-path-options.h"

G_BEGIN_DECLS

/* What one channel or campaign influenced, forward direction. */
typedef struct
{
  char *label;
  gboolean is_direct;
  guint64 exposures;        /* touches in the evaluation period */
  guint64 click_exposures;  /* of which clicks and visits */
  guint64 exposed_visitors; /* visitors with at least one exposure */
  double conversions;       /* influenced conversions */
  double value;
  double click_conversions; /* influenced by a click or visit of this label in the window */
  double view_conversions;  /* influenced by impressions of this label only */
  double click_value;
  double view_value;
} RdmForwardRow;

typedef struct
{
  GPtrArray *rows;          /* RdmForwardRow *, owned; by label in order of first exposure */
  double total_conversions; /* distinct conversions influenced by any label */
  double total_value;
  /* the report's caveat, translated: influenced conversions are not
   * de-duplicated across labels, so the rows do not sum to the total */
  const char *note;
} RdmForwardResult;

void rdm_forward_result_free (RdmForwardResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmForwardResult, rdm_forward_result_free)

/* Forward ("vers l'avant") influence, SPEC.md "Forward direction": for each
 * exposure (touch) at time t in the evaluation period [from, to), the same
 * visitor's conversions of the analysed events at T with
 * t <= T <= t + forward window (inclusive) are influenced by the exposure's
 * label (channel or campaign, options->level). A conversion counts once per
 * label however many exposures of that label precede it, and once for every
 * label that influenced it. It counts as click-influenced when a click or
 * visit of the label is in its window, view-influenced otherwise.
 * Conversions may fall after the period's end: the period selects the
 * exposures, as a campaign report does. Restart and the click/view windows
 * do not apply. @visitor_mask as in rdm_path_builder_build(). Returns NULL
 * with @error set when the forward window is negative or the period empty. */
RdmForwardResult *rdm_forward_compute (const RdmEventStore *store,
                                       const RdmPathOptions *options,
                                       const guint8 *visitor_mask,
                                       GError **error);

G_END_DECLS
