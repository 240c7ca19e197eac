/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Markov-chain attribution, solved exactly.
 *
 * The chain. Each journey becomes start -> s1 -> ... -> sm -> conversion
 * (weight: the row's conversions) and -> null (weight: its nulls); the
 * transitions before the end carry conversions + nulls. The probability of
 * the transition i -> j is its weight over the total weight leaving i.
 * Conversions with no qualifying touch (rows without touches, or with only
 * "(none)") stay out of the chain: no channel can have caused them, so
 * "No touch" gets exactly those conversions and their value, and the
 * removal effects share out the touched conversions only (SPEC.md).
 *
 * States at order k follow ChannelAttribution (markov_model, order > 1):
 * the states of a journey of n touches l1 .. ln are the n - k + 1 runs of k
 * consecutive touches (l1..lk), (l2..lk+1), ..., or the single shorter run
 * (l1..ln) when n < k; then consecutive equal states are merged. At order 1
 * this is the usual collapse of repeated channels (a > a > b is a > b); at
 * order 2, a > a > b gives (a,a) -> (a,b) and a > a > a the single state
 * (a,a). Removing a channel removes every state whose run contains it.
 *
 * The solve. With Q the transitions among transient states (start
 * included) and r the one-step conversion probabilities, the absorption
 * probabilities x satisfy x = Q x + r, i.e. (I - Q) x = r, and the baseline
 * is P = x[start]. Only states reachable from start take part. I - Q is a
 * nonsingular M-matrix exactly when every such state can reach conversion
 * or null; that is checked on the graph first so that a trapped cycle gets
 * an error naming its states rather than a division by a tiny pivot.
 * Up to RDM_MARKOV_DENSE_MAX states: Gaussian elimination with partial
 * pivoting (m^3/3 flops, a few milliseconds at the limit). Above: Gauss-
 * Seidel sweeps over the sparse rows, which converge for an M-matrix
 * (Stein-Rosenberg) and stop when the largest residual |x - Q x - r| is
 * below 1e-15 (or stalls at rounding level below 1e-13); states are
 * numbered in order of first appearance along the journeys, so a sweep
 * mostly follows the flow and few sweeps are needed.
 *
 * The removal effects. At order k > 1 each channel removes many states and
 * each removal is one more solve. At order 1 a channel is one state, and
 * rdm_markov_chain_solve_removals() gets all of them from a single LU
 * factorisation when that is cheaper (500 channels: about 0.1 s instead of
 * 10 s of separate solves).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "rdm-markov.h"

#define GS_TOLERANCE 1e-15
#define GS_STALL_TOLERANCE 1e-13
#define GS_MAX_SWEEPS 1000000
#define MAX_ORDER 4

struct _RdmMarkovChain
{
  GPtrArray *names; /* char *, per state */
  /* tuple labels of states built from a path set: MAX_ORDER per state */
  GArray *tuple_labels; /* guint32 */
  GArray *tuple_len;    /* guint8 */

  GArray *from;   /* guint32 */
  GArray *to;     /* guint32 */
  GArray *weight; /* double */
  guint32 *slots; /* open addressing over (from, to): transition index + 1 */
  guint mask;
};

static inline guint64
mix64 (guint64 x)
{
  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  x ^= x >> 33;
  return x;
}

RdmMarkovChain *
rdm_markov_chain_new (void)
{
  RdmMarkovChain *chain = g_new0 (RdmMarkovChain, 1);

  chain->names = g_ptr_array_new_with_free_func (g_free);
  chain->tuple_labels = g_array_new (FALSE, FALSE, sizeof (guint32));
  chain->tuple_len = g_array_new (FALSE, FALSE, sizeof (guint8));
  chain->from = g_array_new (FALSE, FALSE, sizeof (guint32));
  chain->to = g_array_new (FALSE, FALSE, sizeof (guint32));
  chain->weight = g_array_new (FALSE, FALSE, sizeof (double));
  chain->mask = 63;
  chain->slots = g_new0 (guint32, chain->mask + 1);
  return chain;
}

void
rdm_markov_chain_free (RdmMarkovChain *chain)
{
  if (chain == NULL)
    return;
  g_ptr_array_unref (chain->names);
  g_array_unref (chain->tuple_labels);
  g_array_unref (chain->tuple_len);
  g_array_unref (chain->from);
  g_array_unref (chain->to);
  g_array_unref (chain->weight);
  g_free (chain->slots);
  g_free (chain);
}

guint
rdm_markov_chain_add_state (RdmMarkovChain *chain, const char *name)
{
  g_ptr_array_add (chain->names, g_strdup (name));
  return chain->names->len - 1;
}

guint
rdm_markov_chain_n_states (const RdmMarkovChain *chain)
{
  return chain->names->len;
}

const char *
rdm_markov_chain_state_name (const RdmMarkovChain *chain, guint state)
{
  g_return_val_if_fail (state < chain->names->len, NULL);
  return chain->names->pdata[state];
}

static guint32 *
find_slot (const RdmMarkovChain *chain, guint32 from, guint32 to)
{
  const guint32 *f = (const guint32 *)chain->from->data;
  const guint32 *t = (const guint32 *)chain->to->data;
  guint i = (guint)mix64 (((guint64)from << 32) | to) & chain->mask;

  while (chain->slots[i] != 0)
    {
      guint32 k = chain->slots[i] - 1;

      if (f[k] == from && t[k] == to)
        break;
      i = (i + 1) & chain->mask;
    }
  return &chain->slots[i];
}

static void
grow_slots (RdmMarkovChain *chain)
{
  const guint32 *f = (const guint32 *)chain->from->data;
  const guint32 *t = (const guint32 *)chain->to->data;

  g_free (chain->slots);
  chain->mask = chain->mask * 2 + 1;
  chain->slots = g_new0 (guint32, chain->mask + 1);
  for (guint k = 0; k < chain->from->len; k++)
    *find_slot (chain, f[k], t[k]) = k + 1;
}

void
rdm_markov_chain_add_transition (RdmMarkovChain *chain, guint from, guint to, double weight)
{
  guint32 *slot;

  g_return_if_fail (from == RDM_MARKOV_START || from < chain->names->len);
  g_return_if_fail (to == RDM_MARKOV_CONVERSION || to == RDM_MARKOV_NULL || to < chain->names->len);

  slot = find_slot (chain, from, to);
  if (*slot != 0)
    {
      g_array_index (chain->weight, double, *slot - 1) += weight;
      return;
    }
  g_array_append_val (chain->from, from);
  g_array_append_val (chain->to, to);
  g_array_append_val (chain->weight, weight);
  *slot = chain->from->len;
  if (chain->from->len * 2 > chain->mask)
    grow_slots (chain);
}

double
rdm_markov_chain_get_weight (const RdmMarkovChain *chain, guint from, guint to)
{
  guint32 *slot = find_slot (chain, from, to);

  return *slot != 0 ? g_array_index (chain->weight, double, *slot - 1) : 0.0;
}

/* Transient index: 0 is start, state s is s + 1. */
static inline guint32
transient_index (guint32 state)
{
  return state == RDM_MARKOV_START ? 0 : state + 1;
}

static void
set_trapped_error (const RdmMarkovChain *chain,
                   const guint32 *trapped,
                   guint n_trapped,
                   GError **error)
{
  g_autoptr (GString) names = g_string_new (NULL);
  guint shown = MIN (n_trapped, 5);

  for (guint i = 0; i < shown; i++)
    {
      const char *name = trapped[i] == 0 ? _ ("(start)") : chain->names->pdata[trapped[i] - 1];

      if (i > 0)
        g_string_append (names, ", ");
      g_string_append_printf (names, "“%s”", name);
    }
  if (n_trapped > shown)
    g_string_append_printf (names, _ (" and %u more"), n_trapped - shown);
  g_set_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_SINGULAR,
               _ ("The Markov chain cannot be solved: from %s a journey never reaches "
                  "conversion or null (a cycle with no exit)"),
               names->str);
}

/* Dense a = I - Q of the system, row-major m x m. */
static double *
dense_matrix (guint m, const guint32 *row_start, const guint32 *col, const double *prob)
{
  double *a = g_new0 (double, (gsize)m *m);

  for (guint i = 0; i < m; i++)
    {
      a[(gsize)i * m + i] = 1.0;
      for (guint32 e = row_start[i]; e < row_start[i + 1]; e++)
        a[(gsize)i * m + col[e]] -= prob[e];
    }
  return a;
}

/* In place P a = L U with partial pivoting: L unit lower, U upper, row i of
 * P a is row perm[i] of a. */
static gboolean
lu_factor (double *a, guint m, guint32 *perm, GError **error)
{
  for (guint i = 0; i < m; i++)
    perm[i] = i;
  for (guint k = 0; k < m; k++)
    {
      guint p = k;
      double best = fabs (a[(gsize)k * m + k]);

      for (guint i = k + 1; i < m; i++)
        {
          if (fabs (a[(gsize)i * m + k]) > best)
            {
              best = fabs (a[(gsize)i * m + k]);
              p = i;
            }
        }
      if (!(best > 1e-300))
        {
          g_set_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_SINGULAR,
                       _ ("The Markov chain cannot be solved: its transition system is singular"));
          return FALSE;
        }
      if (p != k)
        {
          guint32 t = perm[k];

          perm[k] = perm[p];
          perm[p] = t;
          for (guint j = 0; j < m; j++)
            {
              double v = a[(gsize)k * m + j];

              a[(gsize)k * m + j] = a[(gsize)p * m + j];
              a[(gsize)p * m + j] = v;
            }
        }
      for (guint i = k + 1; i < m; i++)
        {
          double f = a[(gsize)i * m + k] / a[(gsize)k * m + k];

          a[(gsize)i * m + k] = f;
          if (f == 0)
            continue;
          for (guint j = k + 1; j < m; j++)
            a[(gsize)i * m + j] -= f * a[(gsize)k * m + j];
        }
    }
  return TRUE;
}

/* Solves a x = b with the factors of lu_factor(); @b is overwritten with x. */
static void
lu_solve (const double *lu, guint m, const guint32 *perm, double *b, double *work)
{
  for (guint i = 0; i < m; i++)
    work[i] = b[perm[i]];
  for (guint i = 0; i < m; i++)
    {
      double s = work[i];

      for (guint j = 0; j < i; j++)
        s -= lu[(gsize)i * m + j] * work[j];
      work[i] = s;
    }
  for (guint i = m; i-- > 0;)
    {
      double s = work[i];

      for (guint j = i + 1; j < m; j++)
        s -= lu[(gsize)i * m + j] * work[j];
      work[i] = s / lu[(gsize)i * m + i];
    }
  memcpy (b, work, sizeof (double) * m);
}

/* Solves a^T y = b: a^T = U^T L^T P, so U^T w = b, L^T v = w, y = P^T v. */
static void
lu_solve_transposed (const double *lu, guint m, const guint32 *perm, double *b, double *work)
{
  for (guint i = 0; i < m; i++)
    {
      double s = b[i];

      for (guint j = 0; j < i; j++)
        s -= lu[(gsize)j * m + i] * work[j];
      work[i] = s / lu[(gsize)i * m + i];
    }
  for (guint i = m; i-- > 0;)
    {
      double s = work[i];

      for (guint j = i + 1; j < m; j++)
        s -= lu[(gsize)j * m + i] * work[j];
      work[i] = s;
    }
  for (guint i = 0; i < m; i++)
    b[perm[i]] = work[i];
}

static gboolean
solve_dense (guint m,
             const guint32 *row_start,
             const guint32 *col,
             const double *prob,
             double *x,
             GError **error)
{
  g_autofree double *a = dense_matrix (m, row_start, col, prob);
  g_autofree guint32 *perm = g_new (guint32, m);
  g_autofree double *work = g_new (double, m);

  /* x holds r on entry and the solution on return */
  if (!lu_factor (a, m, perm, error))
    return FALSE;
  lu_solve (a, m, perm, x, work);
  return TRUE;
}

static gboolean
solve_gauss_seidel (guint m,
                    const guint32 *row_start,
                    const guint32 *col,
                    const double *prob,
                    const double *r,
                    double *x,
                    GCancellable *cancellable,
                    GError **error)
{
  g_autofree double *diag = g_new0 (double, m);
  double best = INFINITY;
  guint best_sweep = 0;

  for (guint i = 0; i < m; i++)
    {
      for (guint32 e = row_start[i]; e < row_start[i + 1]; e++)
        if (col[e] == i)
          diag[i] += prob[e];
      x[i] = 0;
    }
  for (guint sweep = 0; sweep < GS_MAX_SWEEPS; sweep++)
    {
      double residual = 0;

      if ((sweep & 63) == 63 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      for (guint i = 0; i < m; i++)
        {
          double s = r[i];

          for (guint32 e = row_start[i]; e < row_start[i + 1]; e++)
            if (col[e] != i)
              s += prob[e] * x[col[e]];
          /* the residual of the previous iterate, row by row as it is
           * replaced: exact at convergence, an overestimate before */
          residual = MAX (residual, fabs (s + diag[i] * x[i] - x[i]));
          x[i] = s / (1.0 - diag[i]);
        }
      if (residual <= GS_TOLERANCE)
        return TRUE;
      /* rounding can keep the residual of long rows just above the
       * tolerance: accept a residual that stopped decreasing near it */
      if (residual < best)
        {
          best = residual;
          best_sweep = sweep;
        }
      else if (sweep - best_sweep >= 50 && best <= GS_STALL_TOLERANCE)
        return TRUE;
    }
  g_set_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_NOT_CONVERGED,
               _ ("The Markov chain solver did not converge after %u sweeps"), GS_MAX_SWEEPS);
  return FALSE;
}

/* The linear system over the transient states reachable from start (start
 * is compact index 0): CSR rows of Q and the one-step conversion
 * probabilities r. */
typedef struct
{
  guint m;
  guint n_all;
  guint32 *compact; /* transient index -> system index, or G_MAXUINT32 */
  guint32 *row;
  guint32 *col;
  double *prob;
  double *r;
} System;

static void
system_clear (System *sys)
{
  g_clear_pointer (&sys->compact, g_free);
  g_clear_pointer (&sys->row, g_free);
  g_clear_pointer (&sys->col, g_free);
  g_clear_pointer (&sys->prob, g_free);
  g_clear_pointer (&sys->r, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (System, system_clear)

/* Fills @sys for the chain with @removed states (or none). Leaves sys->m at
 * 0 when start has no transition at all (P = 0). */
static gboolean
build_system (RdmMarkovChain *chain, const guint8 *removed, System *sys, GError **error)
{
  guint n_all = chain->names->len + 1;
  guint n_edges = chain->from->len;
  const guint32 *from = (const guint32 *)chain->from->data;
  const guint32 *to = (const guint32 *)chain->to->data;
  const double *weight = (const double *)chain->weight->data;
  g_autofree double *out_total = g_new0 (double, n_all);
  g_autofree double *exit_weight = g_new0 (double, n_all);
  g_autofree double *conv_weight = g_new0 (double, n_all);
  g_autofree guint32 *row_start = g_new0 (guint32, n_all + 1);
  g_autofree guint32 *rev_start = g_new0 (guint32, n_all + 2);
  g_autofree guint32 *edge_to = NULL;
  g_autofree guint32 *rev_from = NULL;
  g_autofree guint32 *stack = g_new (guint32, n_all);
  g_autofree guint8 *reached = g_new0 (guint8, n_all);
  g_autofree guint8 *exits = g_new0 (guint8, n_all);
  guint n_inner = 0, sp = 0, m = 0, n_trapped = 0;

  sys->n_all = n_all;
  sys->m = 0;
  sys->compact = g_new (guint32, n_all);

  /* weights leaving each transient state, split into those to another
   * transient state (the CSR rows) and exits: conversion, null, removed */
  for (guint e = 0; e < n_edges; e++)
    {
      guint32 i = transient_index (from[e]);

      out_total[i] += weight[e];
      if (to[e] == RDM_MARKOV_CONVERSION)
        {
          conv_weight[i] += weight[e];
          exit_weight[i] += weight[e];
        }
      else if (to[e] == RDM_MARKOV_NULL || (removed != NULL && removed[to[e]]))
        exit_weight[i] += weight[e];
      else if (weight[e] > 0)
        {
          row_start[i + 1]++;
          rev_start[to[e] + 2]++;
          n_inner++;
        }
    }
  if (!(out_total[0] > 0))
    return TRUE;
  for (guint i = 0; i < n_all; i++)
    {
      row_start[i + 1] += row_start[i];
      rev_start[i + 1] += rev_start[i];
    }
  edge_to = g_new (guint32, MAX (n_inner, 1));
  rev_from = g_new (guint32, MAX (n_inner, 1));
  {
    g_autofree guint32 *fill = g_memdup2 (row_start, sizeof (guint32) * n_all);
    g_autofree guint32 *rfill = g_memdup2 (rev_start, sizeof (guint32) * n_all);

    for (guint e = 0; e < n_edges; e++)
      {
        guint32 i = transient_index (from[e]), j;

        if (to[e] == RDM_MARKOV_CONVERSION || to[e] == RDM_MARKOV_NULL
            || (removed != NULL && removed[to[e]]) || !(weight[e] > 0))
          continue;
        j = to[e] + 1;
        edge_to[fill[i]++] = j;
        rev_from[rfill[j]++] = i;
      }
  }

  /* states reachable from start */
  reached[0] = 1;
  stack[sp++] = 0;
  while (sp > 0)
    {
      guint32 i = stack[--sp];

      for (guint32 e = row_start[i]; e < row_start[i + 1]; e++)
        if (!reached[edge_to[e]])
          {
            reached[edge_to[e]] = 1;
            stack[sp++] = edge_to[e];
          }
    }
  /* of those, the ones that can reach an exit */
  for (guint i = 0; i < n_all; i++)
    if (reached[i] && exit_weight[i] > 0)
      {
        exits[i] = 1;
        stack[sp++] = i;
      }
  while (sp > 0)
    {
      guint32 j = stack[--sp];

      for (guint32 e = rev_start[j]; e < rev_start[j + 1]; e++)
        {
          guint32 i = rev_from[e];

          if (reached[i] && !exits[i])
            {
              exits[i] = 1;
              stack[sp++] = i;
            }
        }
    }
  for (guint i = 0; i < n_all; i++)
    if (reached[i] && !exits[i])
      stack[n_trapped++] = i;
  if (n_trapped > 0)
    {
      set_trapped_error (chain, stack, n_trapped, error);
      return FALSE;
    }

  for (guint i = 0; i < n_all; i++)
    sys->compact[i] = reached[i] ? m++ : G_MAXUINT32;
  sys->m = m;
  sys->row = g_new0 (guint32, m + 1);
  sys->col = g_new (guint32, MAX (n_inner, 1));
  sys->prob = g_new (double, MAX (n_inner, 1));
  sys->r = g_new0 (double, m);
  {
    guint32 k = 0;

    /* the CSR rows in edge order, as edge_to was filled */
    for (guint i = 0; i < n_all; i++)
      {
        if (!reached[i])
          continue;
        sys->r[sys->compact[i]] = conv_weight[i] / out_total[i];
        for (guint32 e = row_start[i]; e < row_start[i + 1]; e++)
          sys->col[k++] = sys->compact[edge_to[e]];
        sys->row[sys->compact[i] + 1] = k;
      }
    for (guint i = 0; i < n_all; i++)
      row_start[i] = reached[i] ? sys->row[sys->compact[i]] : 0;
    for (guint e = 0; e < n_edges; e++)
      {
        guint32 i = transient_index (from[e]);

        if (!reached[i] || to[e] == RDM_MARKOV_CONVERSION || to[e] == RDM_MARKOV_NULL
            || (removed != NULL && removed[to[e]]) || !(weight[e] > 0))
          continue;
        sys->prob[row_start[i]++] = weight[e] / out_total[i];
      }
  }
  return TRUE;
}

static gboolean
solve_system (const System *sys, double *x, GCancellable *cancellable, GError **error)
{
  if (sys->m <= RDM_MARKOV_DENSE_MAX)
    {
      memcpy (x, sys->r, sizeof (double) * sys->m);
      return solve_dense (sys->m, sys->row, sys->col, sys->prob, x, error);
    }
  return solve_gauss_seidel (sys->m, sys->row, sys->col, sys->prob, sys->r, x, cancellable, error);
}

gboolean
rdm_markov_chain_solve (RdmMarkovChain *chain,
                        const guint8 *removed,
                        double *out_probability,
                        GCancellable *cancellable,
                        GError **error)
{
  g_auto (System) sys = { 0 };
  g_autofree double *x = NULL;

  if (!build_system (chain, removed, &sys, error))
    return FALSE;
  if (sys.m == 0)
    {
      *out_probability = 0;
      return TRUE;
    }
  x = g_new0 (double, sys.m);
  if (!solve_system (&sys, x, cancellable, error))
    return FALSE;
  *out_probability = x[sys.compact[0]];
  return TRUE;
}

gboolean
rdm_markov_chain_solve_removals (RdmMarkovChain *chain,
                                 double *out_probability,
                                 double *out_without,
                                 GCancellable *cancellable,
                                 GError **error)
{
  guint n_states = chain->names->len;
  g_auto (System) sys = { 0 };
  g_autofree double *a = NULL;
  g_autofree guint32 *perm = NULL;
  g_autofree double *x = NULL;
  g_autofree double *y = NULL;
  g_autofree double *z = NULL;
  g_autofree double *work = NULL;
  guint m, nnz;
  double p;

  if (!build_system (chain, NULL, &sys, error))
    return FALSE;
  m = sys.m;
  nnz = m > 0 ? sys.row[m] : 0;
  /* dense costs about 3 m^3 flops; one sparse solve per state about
   * 2 nnz flops per sweep, some 50 sweeps */
  if (m == 0 || m > RDM_MARKOV_REMOVALS_DENSE_MAX || 3.0 * m * m * m > 100.0 * nnz * m)
    {
      g_autofree guint8 *removed = g_new0 (guint8, MAX (n_states, 1));

      if (!rdm_markov_chain_solve (chain, NULL, out_probability, cancellable, error))
        return FALSE;
      for (guint s = 0; s < n_states; s++)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          removed[s] = 1;
          if (!rdm_markov_chain_solve (chain, removed, &out_without[s], cancellable, error))
            return FALSE;
          removed[s] = 0;
        }
      return TRUE;
    }

  /* With N = (I - Q)^-1, a journey from start visits state c with
   * probability f_c = N[start][c] / N[c][c], and converts from there with
   * probability x_c. Removing c (sending every transition into it to null)
   * keeps exactly the journeys that never visit c:
   *   P_without_c = P - f_c x_c.
   * One factorisation gives x, the row N[start] (a transposed solve) and
   * the diagonal of N (one solve per state). */
  a = dense_matrix (m, sys.row, sys.col, sys.prob);
  perm = g_new (guint32, m);
  x = g_memdup2 (sys.r, sizeof (double) * m);
  y = g_new0 (double, m);
  z = g_new (double, m);
  work = g_new (double, m);
  if (!lu_factor (a, m, perm, error))
    return FALSE;
  lu_solve (a, m, perm, x, work);
  p = x[sys.compact[0]];
  y[sys.compact[0]] = 1;
  lu_solve_transposed (a, m, perm, y, work);
  *out_probability = p;
  for (guint s = 0; s < n_states; s++)
    {
      guint32 c = sys.compact[s + 1];
      double f;

      out_without[s] = p;
      if (c == G_MAXUINT32)
        continue;
      if ((s & 31) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      memset (z, 0, sizeof (double) * m);
      z[c] = 1;
      lu_solve (a, m, perm, z, work);
      f = y[c] / z[c];
      out_without[s] = MAX (p - f * x[c], 0.0);
    }
  return TRUE;
}

/* Builder: states keyed by their run of labels. */
typedef struct
{
  RdmMarkovChain *chain;
  guint order;
  guint32 *state_of_label; /* order 1 */
  guint32 *slots;          /* order > 1: open addressing, state + 1 */
  guint mask;
  const char *const *label_names;
} Builder;

static guint64
hash_run (const guint32 *run, guint n)
{
  guint64 h = n;

  for (guint i = 0; i < n; i++)
    h = mix64 (h ^ ((guint64)run[i] + 0x9e3779b97f4a7c15 * (i + 1)));
  return h;
}

static gboolean
run_equal (const RdmMarkovChain *chain, guint32 state, const guint32 *run, guint n)
{
  const guint32 *labels = &g_array_index (chain->tuple_labels, guint32, (gsize)state * MAX_ORDER);

  return g_array_index (chain->tuple_len, guint8, state) == n
         && memcmp (labels, run, n * sizeof (guint32)) == 0;
}

static guint32
new_state (Builder *b, const guint32 *run, guint n)
{
  g_autoptr (GString) name = g_string_new (NULL);
  guint32 padded[MAX_ORDER] = { 0 };
  guint8 len = (guint8)n;

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (name, " > ");
      g_string_append (name, b->label_names[run[i]]);
      padded[i] = run[i];
    }
  g_array_append_vals (b->chain->tuple_labels, padded, MAX_ORDER);
  g_array_append_val (b->chain->tuple_len, len);
  return rdm_markov_chain_add_state (b->chain, name->str);
}

static guint32
state_of_run (Builder *b, const guint32 *run, guint n)
{
  guint i;
  guint32 state;

  if (b->order == 1)
    {
      if (b->state_of_label[run[0]] == G_MAXUINT32)
        b->state_of_label[run[0]] = new_state (b, run, 1);
      return b->state_of_label[run[0]];
    }
  i = (guint)hash_run (run, n) & b->mask;
  while (b->slots[i] != 0)
    {
      if (run_equal (b->chain, b->slots[i] - 1, run, n))
        return b->slots[i] - 1;
      i = (i + 1) & b->mask;
    }
  state = new_state (b, run, n);
  b->slots[i] = state + 1;
  if ((state + 1) * 2 > b->mask)
    {
      guint n_states = state + 1;

      g_free (b->slots);
      b->mask = b->mask * 2 + 1;
      b->slots = g_new0 (guint32, b->mask + 1);
      for (guint32 s = 0; s < n_states; s++)
        {
          const guint32 *labels
              = &g_array_index (b->chain->tuple_labels, guint32, (gsize)s * MAX_ORDER);
          guint len = g_array_index (b->chain->tuple_len, guint8, s);

          i = (guint)hash_run (labels, len) & b->mask;
          while (b->slots[i] != 0)
            i = (i + 1) & b->mask;
          b->slots[i] = s + 1;
        }
    }
  return state;
}

RdmMarkovChain *
rdm_markov_chain_new_from_path_set (const RdmPathSet *set,
                                    const RdmModelOptions *options,
                                    const char *const *label_names)
{
  const guint32 *offsets = (const guint32 *)set->offsets->data;
  const double *conversions = (const double *)set->conversions->data;
  const double *nulls = (const double *)set->nulls->data;
  const guint32 *touch_label = (const guint32 *)set->touch_label->data;
  guint n_rows = rdm_path_set_n_rows (set);
  guint n_labels = g_strv_length ((char **)label_names);
  guint k = options->markov_order;
  guint32 no_touch = rdm_path_set_no_touch_label (set);
  g_autofree guint32 *kept = NULL;
  g_autofree guint32 *labels = NULL;
  guint max_len = 1;
  Builder b = { 0 };

  for (guint row = 0; row < n_rows; row++)
    max_len = MAX (max_len, offsets[row + 1] - offsets[row]);
  kept = g_new (guint32, max_len);
  labels = g_new (guint32, max_len);

  b.chain = rdm_markov_chain_new ();
  b.order = k;
  b.label_names = label_names;
  if (k == 1)
    {
      b.state_of_label = g_new (guint32, n_labels);
      for (guint l = 0; l < n_labels; l++)
        b.state_of_label[l] = G_MAXUINT32;
    }
  else
    {
      b.mask = 255;
      b.slots = g_new0 (guint32, b.mask + 1);
    }

  for (guint row = 0; row < n_rows; row++)
    {
      double c = conversions[row], nu = nulls[row], through = c + nu;
      guint32 prev = RDM_MARKOV_START;
      guint n, n_runs;

      /* no channel can have caused a conversion it never touched: the
       * journeys without a touch stay out of the chain (SPEC.md) */
      if (!(through > 0) || !rdm_path_set_row_is_touched (set, row, no_touch))
        continue;
      n = rdm_model_options_filter_row (options, set, row, kept);
      for (guint i = 0; i < n; i++)
        labels[i] = touch_label[kept[i]];

      n_runs = n >= k ? n - k + 1 : 1;
      for (guint i = 0; i < n_runs; i++)
        {
          guint32 s = state_of_run (&b, labels + i, MIN (k, n));

          if (s == prev)
            continue;
          rdm_markov_chain_add_transition (b.chain, prev, s, through);
          prev = s;
        }
      if (c > 0)
        rdm_markov_chain_add_transition (b.chain, prev, RDM_MARKOV_CONVERSION, c);
      if (nu > 0)
        rdm_markov_chain_add_transition (b.chain, prev, RDM_MARKOV_NULL, nu);
    }
  g_free (b.state_of_label);
  g_free (b.slots);
  return b.chain;
}

const guint32 *
rdm_markov_chain_state_labels (const RdmMarkovChain *chain, guint state, guint *out_n)
{
  g_return_val_if_fail (state < chain->tuple_len->len, NULL);
  *out_n = g_array_index (chain->tuple_len, guint8, state);
  return &g_array_index (chain->tuple_labels, guint32, (gsize)state * MAX_ORDER);
}

RdmCredit *
rdm_markov_attribute (const RdmPathSet *set,
                      const RdmModelOptions *options,
                      GCancellable *cancellable,
                      GError **error)
{
  const double *conversions = (const double *)set->conversions->data;
  const double *values = (const double *)set->value->data;
  guint n_rows = rdm_path_set_n_rows (set);
  g_autoptr (RdmCredit) credit = NULL;
  g_autoptr (RdmMarkovChain) chain = NULL;
  g_autofree guint8 *removed = NULL;
  g_autofree guint8 *in_chain = NULL;
  g_autofree double *p_without = NULL;
  double p, sum_re = 0, no_touch_conversions, no_touch_value;
  guint n_states;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  credit = rdm_credit_new (set, RDM_MODEL_MARKOV, rdm_path_set_has_empty_conversions (set));
  for (guint r = 0; r < n_rows; r++)
    {
      if (conversions[r] > 0)
        {
          credit->total_conversions += conversions[r];
          credit->total_value += values[r];
        }
    }
  credit->has_removal_effects = TRUE;
  credit->removal_effect = g_new0 (double, credit->n_labels);
  rdm_credit_add_no_touch (credit, set, &no_touch_conversions, &no_touch_value);
  if (no_touch_conversions > 0 && !(credit->total_conversions > no_touch_conversions))
    {
      /* every conversion is without a touch: "No touch" has them all and
       * no channel has a removal effect */
      rdm_credit_split_by_touches (credit, set, options);
      return g_steal_pointer (&credit);
    }

  chain
      = rdm_markov_chain_new_from_path_set (set, options, (const char *const *)credit->label_names);
  n_states = rdm_markov_chain_n_states (chain);
  if (!rdm_markov_chain_solve (chain, NULL, &p, cancellable, error))
    return NULL;
  if (!(p > 0))
    {
      g_set_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_NO_CONVERSIONS,
                   _ ("No journey converts, so the Markov model has nothing to attribute"));
      return NULL;
    }
  credit->n_states = n_states + 1;
  removed = g_new (guint8, MAX (n_states, 1));
  in_chain = g_new0 (guint8, credit->n_labels);
  for (guint s = 0; s < n_states; s++)
    {
      guint len = 0;
      const guint32 *labels = rdm_markov_chain_state_labels (chain, s, &len);

      for (guint i = 0; i < len; i++)
        in_chain[labels[i]] = 1;
    }

  p_without = g_new (double, credit->n_labels);
  if (options->markov_order == 1)
    {
      /* one state per label: every removal at once, and a baseline from
       * the same factorisation */
      g_autofree double *state_without = g_new (double, MAX (n_states, 1));

      if (!rdm_markov_chain_solve_removals (chain, &p, state_without, cancellable, error))
        return NULL;
      for (guint s = 0; s < n_states; s++)
        {
          guint len = 0;
          const guint32 *labels = rdm_markov_chain_state_labels (chain, s, &len);

          p_without[labels[0]] = state_without[s];
        }
    }
  else
    {
      for (guint l = 0; l < credit->n_labels; l++)
        {
          if (!in_chain[l])
            continue;
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
          for (guint s = 0; s < n_states; s++)
            {
              guint len = 0;
              const guint32 *labels = rdm_markov_chain_state_labels (chain, s, &len);

              removed[s] = 0;
              for (guint i = 0; i < len; i++)
                if (labels[i] == l)
                  removed[s] = 1;
            }
          if (!rdm_markov_chain_solve (chain, removed, &p_without[l], cancellable, error))
            return NULL;
        }
    }
  credit->baseline_probability = p;
  for (guint l = 0; l < credit->n_labels; l++)
    {
      if (!in_chain[l])
        continue;
      credit->removal_effect[l] = 1.0 - p_without[l] / p;
      /* removing a state can only lower P; a negative effect is rounding */
      sum_re += MAX (credit->removal_effect[l], 0.0);
    }

  if (!(sum_re > 0))
    {
      g_set_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_NO_CONVERSIONS,
                   _ ("No channel has a removal effect, so the Markov model has nothing to "
                      "attribute"));
      return NULL;
    }
  for (guint l = 0; l < credit->n_labels; l++)
    {
      double share = MAX (credit->removal_effect[l], 0.0) / sum_re;

      /* "(none)" is not in the chain: its share is 0 and it keeps the
       * conversions without a touch */
      credit->conversions[l] += share * (credit->total_conversions - no_touch_conversions);
      credit->value[l] += share * (credit->total_value - no_touch_value);
    }
  rdm_credit_split_by_touches (credit, set, options);
  return g_steal_pointer (&credit);
}
