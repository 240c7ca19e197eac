/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rdm-credit.h"
#include "rdm-event-store.h"
#include "rdm-path-options.h"

G_BEGIN_DECLS

/* The truth of a simulated world beside the models (SPEC.md,
 * "Incrementality and ground truth").
 *
 * A world records, for each conversion, the channels without which it
 * would not have happened (rdm-world.h). One such pair is an effect; the
 * truth of a channel over an analysis is the number (and value) of the
 * analysed conversions it caused: those of the evaluation period, of the
 * events analysed, of the segment's visitors, exactly as the path builder
 * selects them. */
typedef struct
{
  guint32 visitor; /* of the event store */
  gint64 time;     /* of the conversion */
  guint32 event;   /* of the event store */
  double value;
  guint32 channel; /* of the event store */
} RdmTruthEffect;

typedef struct
{
  guint n_labels;
  char **label_names; /* the store's channels, NULL-terminated */
  double *conversions;
  double *value;
  double total_conversions; /* sums over the channels: what they caused */
  double total_value;
} RdmTruth;

/* The truth over the conversions @options and @visitor_mask select from
 * @store, from @effects (@n_effects of them, in any order). */
RdmTruth *rdm_truth_compute (const RdmEventStore *store,
                             const RdmTruthEffect *effects,
                             gsize n_effects,
                             const RdmPathOptions *options,
                             const guint8 *visitor_mask);
void rdm_truth_free (RdmTruth *truth);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmTruth, rdm_truth_free)

/* The index of channel @name in @truth, or -1. */
int rdm_truth_find_label (const RdmTruth *truth, const char *name);

/* How far a model's credit is from the truth, over the channels (the "No
 * touch" and "Baseline" rows are no channel, and get no truth):
 * conversions = Σ |credit − truth|, value likewise, share = ½ Σ |credit
 * share − truth share| (0: the same split, 1: nothing in common; NAN when
 * the channels caused nothing or got no credit). */
typedef struct
{
  double conversions;
  double value;
  double share;
} RdmTruthError;

void rdm_truth_error (const RdmTruth *truth, const RdmCredit *credit, RdmTruthError *error);

/* The order of @credits (RdmCredit *) from the closest to the truth to the
 * furthest by share error, as indices; models without a share error come
 * last, in their order. */
guint *rdm_truth_rank (const RdmTruth *truth, const GPtrArray *credits);

/* The reading of @credits against @truth for people, translated: which
 * model comes closest, and the largest credit a model gives a channel
 * beyond what it caused. NULL when there is nothing to compare. */
char *rdm_truth_reading (const RdmTruth *truth, const GPtrArray *credits);

/* The sentence shown wherever credit is: credit is not incrementality. */
const char *rdm_truth_credit_caveat (void);

G_END_DECLS
