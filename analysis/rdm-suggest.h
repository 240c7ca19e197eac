/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  RDM_SUGGEST_EXACT_CASE = 0,
  /* compare lower-cased text, so "blog" is zero edits from "Blog" */
  RDM_SUGGEST_FOLD_CASE = 1 << 0,
} RdmSuggestFlags;

/* The largest distance, in edits, at which a candidate still counts as a
 * typo of the word, given both lengths in characters (after folding). Each
 * language keeps its own policy. */
typedef guint (*RdmSuggestLimit) (guint word_chars, guint candidate_chars);

/* The optimal string alignment distance between @a and @b, counted in
 * characters: the fewest insertions, deletions, substitutions and swaps of
 * two neighbours that turn one into the other, each substring edited at
 * most once. Case counts ("A" is one edit from "a"). Both must be valid
 * UTF-8; anything else is a programming error and returns G_MAXUINT. */
guint rdm_suggest_distance (const char *a, const char *b);

/* The @candidates (@n_candidates of them, or up to a NULL when it is -1)
 * within @limit of @word, closest first and, at equal distance, in the
 * order given; at most @max_results of them. A candidate equal to @word
 * byte for byte is never offered: it is not a typo. All must be valid
 * UTF-8. Returns a NULL-terminated array, to free with g_free(), of
 * pointers borrowed from @candidates; it is empty when nothing is close. */
const char **rdm_suggest_closest (const char *word,
                                  const char *const *candidates,
                                  gssize n_candidates,
                                  RdmSuggestFlags flags,
                                  RdmSuggestLimit limit,
                                  guint max_results);

G_END_DECLS
