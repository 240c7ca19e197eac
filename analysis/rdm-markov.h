/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-credit.h"
#include "rdm-model.h"
#include "rdm-path-set.h"

G_BEGIN_DECLS

/* An absorbing Markov chain given by transition counts: a start state, the
 * transient states added with rdm_markov_chain_add_state(), and the two
 * absorbing states conversion and null. */
typedef struct _RdmMarkovChain RdmMarkovChain;

#define RDM_MARKOV_START G_MAXUINT32
#define RDM_MARKOV_CONVERSION (G_MAXUINT32 - 1)
#define RDM_MARKOV_NULL (G_MAXUINT32 - 2)

/* Above this many transient states the chain is solved by Gauss-Seidel
 * sweeps over the sparse transitions instead of dense elimination. */
#define RDM_MARKOV_DENSE_MAX 200
#define RDM_MARKOV_REMOVALS_DENSE_MAX 2000

RdmMarkovChain *rdm_markov_chain_new (void);
void rdm_markov_chain_free (RdmMarkovChain *chain);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmMarkovChain, rdm_markov_chain_free)

guint rdm_markov_chain_add_state (RdmMarkovChain *chain, const char *name);
guint rdm_markov_chain_n_states (const RdmMarkovChain *chain);
const char *rdm_markov_chain_state_name (const RdmMarkovChain *chain, guint state);

/* @from is a state or RDM_MARKOV_START; @to a state, RDM_MARKOV_CONVERSION
 * or RDM_MARKOV_NULL. Weights of the same pair add up. */
void rdm_markov_chain_add_transition (RdmMarkovChain *chain, guint from, guint to, double weight);
double rdm_markov_chain_get_weight (const RdmMarkovChain *chain, guint from, guint to);

/* The probability of being absorbed in conversion from the start, found by
 * solving (I - Q) x = r exactly over the states reachable from the start.
 * States flagged in @removed (n_states entries, or NULL) are removed: every
 * transition into them goes to null instead. Fails, naming them, when some
 * reachable states can never be absorbed (a cycle with no exit). */
gboolean rdm_markov_chain_solve (RdmMarkovChain *chain,
                                 const guint8 *removed,
                                 double *out_probability,
                                 GCancellable *cancellable,
                                 GError **error);

/* rdm_markov_chain_solve() with each state removed in turn, alone:
 * @out_without (n_states entries) gets P without that state. Up to
 * RDM_MARKOV_REMOVALS_DENSE_MAX states, when the transitions are dense
 * enough for it to pay, from one LU factorisation (see rdm-markov.c);
 * otherwise by one solve per state. At order 1 a state is a label, so this
 * gives every removal effect. */
gboolean rdm_markov_chain_solve_removals (RdmMarkovChain *chain,
                                          double *out_probability,
                                          double *out_without,
                                          GCancellable *cancellable,
                                          GError **error);

/* The chain of @set's journeys at options->markov_order k (states are runs
 * of k consecutive touches; see rdm-markov.c), converting rows weighted by
 * their conversions and rows with nulls by their nulls. Rows without a
 * touch (rdm_path_set_row_is_touched()) are left out. Labels are indexed as
 * in @set; @label_names names them (NULL-terminated, at least the set's). */
RdmMarkovChain *rdm_markov_chain_new_from_path_set (const RdmPathSet *set,
                                                    const RdmModelOptions *options,
                                                    const char *const *label_names);
/* The labels of a state built by rdm_markov_chain_new_from_path_set(): at
 * most the order, oldest first. */
const guint32 *
rdm_markov_chain_state_labels (const RdmMarkovChain *chain, guint state, guint *out_n);

/* Markov attribution (SPEC.md): "(none)" gets the conversions without a
 * touch, and the touched conversions are shared by the removal effects of
 * the chain of touched journeys and null paths. Also sets the credit's
 * baseline probability and removal effects (0 for "(none)", which is not
 * in the chain). Normally reached through rdm_attribute(). */
RdmCredit *rdm_markov_attribute (const RdmPathSet *set,
                                 const RdmModelOptions *options,
                                 GCancellable *cancellable,
                                 GError **error);

G_END_DECLS
