/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Did you mean" suggestions for unknown names, shared by the segment
 * filter language and the KPI formula language.
 *
 * Closeness is the optimal string alignment distance (Levenshtein plus
 * transpositions of neighbours; Damerau 1964), computed on Unicode
 * characters so that an accented letter is one edit, with three rows of
 * the dynamic programme: O(n m) time and O(m) memory.
 *
 * The distance is at least the difference of the two lengths, so a
 * candidate whose length is further from the word's than the limit is
 * skipped without the quadratic work; a pasted paragraph costs one pass.
 */

#include "config.h"

#include <string.h>

#include "rdm-suggest.h"

static guint
osa_distance (const gunichar *a, glong na, const gunichar *b, glong nb)
{
  g_autofree guint *rows = g_new (guint, 3 * (nb + 1));
  guint *prev2 = rows, *prev = rows + nb + 1, *cur = rows + 2 * (nb + 1);

  for (glong j = 0; j <= nb; j++)
    prev[j] = (guint)j;
  for (glong i = 1; i <= na; i++)
    {
      guint *tmp;

      cur[0] = (guint)i;
      for (glong j = 1; j <= nb; j++)
        {
          guint cost = a[i - 1] == b[j - 1] ? 0 : 1;
          guint best = MIN (prev[j] + 1, cur[j - 1] + 1);

          best = MIN (best, prev[j - 1] + cost);
          if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
            best = MIN (best, prev2[j - 2] + 1);
          cur[j] = best;
        }
      tmp = prev2;
      prev2 = prev;
      prev = cur;
      cur = tmp;
    }
  return prev[nb];
}

guint
rdm_suggest_distance (const char *a, const char *b)
{
  g_autofree gunichar *ca = NULL;
  g_autofree gunichar *cb = NULL;
  glong na, nb;

  g_return_val_if_fail (a != NULL && g_utf8_validate (a, -1, NULL), G_MAXUINT);
  g_return_val_if_fail (b != NULL && g_utf8_validate (b, -1, NULL), G_MAXUINT);

  ca = g_utf8_to_ucs4_fast (a, -1, &na);
  cb = g_utf8_to_ucs4_fast (b, -1, &nb);
  return osa_distance (ca, na, cb, nb);
}

static gunichar *
to_chars (const char *text, RdmSuggestFlags flags, glong *n)
{
  g_autofree char *down = NULL;

  if (flags & RDM_SUGGEST_FOLD_CASE)
    text = down = g_utf8_strdown (text, -1);
  return g_utf8_to_ucs4_fast (text, -1, n);
}

typedef struct
{
  const char *name;
  guint distance;
  gsize order;
} Candidate;

static int
candidate_compare (gconstpointer a, gconstpointer b)
{
  const Candidate *ca = a, *cb = b;

  if (ca->distance != cb->distance)
    return ca->distance < cb->distance ? -1 : 1;
  return ca->order < cb->order ? -1 : ca->order > cb->order;
}

const char **
rdm_suggest_closest (const char *word,
                     const char *const *candidates,
                     gssize n_candidates,
                     RdmSuggestFlags flags,
                     RdmSuggestLimit limit,
                     guint max_results)
{
  g_autofree gunichar *w = NULL;
  glong nw;
  g_autoptr (GArray) found = g_array_new (FALSE, FALSE, sizeof (Candidate));
  const char **result;
  guint n_results;

  g_return_val_if_fail (word != NULL && g_utf8_validate (word, -1, NULL), NULL);
  g_return_val_if_fail (candidates != NULL || n_candidates == 0, NULL);
  g_return_val_if_fail (limit != NULL, NULL);

  w = to_chars (word, flags, &nw);
  for (gsize i = 0; n_candidates < 0 ? candidates[i] != NULL : i < (gsize)n_candidates; i++)
    {
      const char *name = candidates[i];
      g_autofree gunichar *c = NULL;
      glong nc;
      guint most;
      Candidate candidate;

      if (strcmp (name, word) == 0)
        continue;
      c = to_chars (name, flags, &nc);
      most = limit ((guint)nw, (guint)nc);
      if ((gulong)ABS (nc - nw) > most)
        continue;
      candidate.distance = osa_distance (w, nw, c, nc);
      if (candidate.distance > most)
        continue;
      candidate.name = name;
      candidate.order = i;
      g_array_append_val (found, candidate);
    }
  g_array_sort (found, candidate_compare);

  n_results = MIN (found->len, max_results);
  result = g_new (const char *, n_results + 1);
  for (guint i = 0; i < n_results; i++)
    result[i] = g_array_index (found, Candidate, i).name;
  result[n_results] = NULL;
  return result;
}
