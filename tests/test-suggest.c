/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Did you mean" suggestions: distances worked out by hand, then which
 * candidates are offered, in which order, and how many.
 */
#include "config.h"

#include "rdm-suggest.h"

static void
assert_distance (const char *a, const char *b, guint expected)
{
  g_assert_cmpuint (rdm_suggest_distance (a, b), ==, expected);
  g_assert_cmpuint (rdm_suggest_distance (b, a), ==, expected);
}

static void
test_distance_by_hand (void)
{
  /* k→s, e→i, insert g */
  assert_distance ("kitten", "sitting", 3);
  assert_distance ("convresions", "conversions", 1);
  assert_distance ("ab", "ba", 1);
  assert_distance ("same", "same", 0);
  /* case counts: folding is the caller's choice */
  assert_distance ("Cost", "cost", 1);
}

static void
test_distance_of_empty_strings (void)
{
  assert_distance ("", "", 0);
  assert_distance ("", "abc", 3);
  assert_distance ("", "été", 3);
}

static void
test_distance_counts_characters (void)
{
  /* é→e twice; on bytes each é would cost two */
  assert_distance ("été", "ete", 2);
  assert_distance ("coût", "cost", 1);
  assert_distance ("日本", "本日", 1);
  assert_distance ("Île", "île", 1);
}

static void
test_distance_edits_each_substring_once (void)
{
  /* optimal string alignment, not unrestricted Damerau (which gives 2:
   * swap to "ac", then insert b): a swapped pair is not edited again */
  assert_distance ("ca", "abc", 3);
}

static guint
limit_two (guint word_chars, guint candidate_chars)
{
  return 2;
}

static guint
limit_third_of_candidate (guint word_chars, guint candidate_chars)
{
  return MAX (1, candidate_chars / 3);
}

static void
assert_closest (const char *word,
                const char *const *candidates,
                gssize n_candidates,
                RdmSuggestFlags flags,
                RdmSuggestLimit limit,
                guint max_results,
                const char *const *expected)
{
  g_autofree const char **found
      = rdm_suggest_closest (word, candidates, n_candidates, flags, limit, max_results);

  g_assert_nonnull (found);
  g_assert_cmpstrv (found, expected);
}

static void
test_closest_first (void)
{
  const char *const names[] = { "colon", "colour", "color", "collar", NULL };
  const char *const expected[] = { "color", "colon", "colour", "collar", NULL };

  /* color 1 (insert o); colon 2 (insert o, r→n), colour 2, collar 2 */
  assert_closest ("colr", names, -1, RDM_SUGGEST_EXACT_CASE, limit_two, 10, expected);
}

static void
test_ties_keep_the_given_order (void)
{
  const char *const vlog_first[] = { "Vlog", "Blog", NULL };
  const char *const blog_first[] = { "Blog", "Vlog", NULL };

  assert_closest ("Flog", vlog_first, -1, RDM_SUGGEST_EXACT_CASE, limit_two, 10, vlog_first);
  assert_closest ("Flog", blog_first, -1, RDM_SUGGEST_EXACT_CASE, limit_two, 10, blog_first);
}

static void
test_max_results (void)
{
  const char *const names[] = { "abcd", "abce", "abcf", "abcg", NULL };
  const char *const three[] = { "abcd", "abce", "abcf", NULL };
  const char *const one[] = { "abcd", NULL };
  const char *const none[] = { NULL };

  assert_closest ("abcx", names, -1, RDM_SUGGEST_EXACT_CASE, limit_two, 3, three);
  assert_closest ("abcx", names, -1, RDM_SUGGEST_EXACT_CASE, limit_two, 1, one);
  assert_closest ("abcx", names, -1, RDM_SUGGEST_EXACT_CASE, limit_two, 0, none);
}

static void
test_limit_is_inclusive (void)
{
  /* abd 1, ab 1, abcde 2, xyz 3, abcdef 3 */
  const char *const names[] = { "abd", "xyz", "ab", "abcde", "abcdef", NULL };
  const char *const expected[] = { "abd", "ab", "abcde", NULL };

  assert_closest ("abc", names, -1, RDM_SUGGEST_EXACT_CASE, limit_two, 10, expected);
}

static void
test_limit_by_candidate_length (void)
{
  const char *const names[] = { "sum", "average", NULL };
  const char *const sum[] = { "sum", NULL };
  const char *const none[] = { NULL };

  /* sum allows one edit and average two: "smmu" is two from sum, "avrge"
   * two from average and "avrg" three */
  assert_closest ("summ", names, -1, RDM_SUGGEST_EXACT_CASE, limit_third_of_candidate, 1, sum);
  assert_closest ("sm", names, -1, RDM_SUGGEST_EXACT_CASE, limit_third_of_candidate, 1, sum);
  assert_closest ("smu", names, -1, RDM_SUGGEST_EXACT_CASE, limit_third_of_candidate, 1, sum);
  assert_closest ("smmu", names, -1, RDM_SUGGEST_EXACT_CASE, limit_third_of_candidate, 1, none);
  assert_closest ("avrge", names + 1, -1, RDM_SUGGEST_EXACT_CASE, limit_third_of_candidate, 1,
                  names + 1);
  assert_closest ("avrg", names + 1, -1, RDM_SUGGEST_EXACT_CASE, limit_third_of_candidate, 1, none);
}

static guint seen_word_chars;
static guint seen_candidate_chars;

static guint
limit_recording (guint word_chars, guint candidate_chars)
{
  seen_word_chars = word_chars;
  seen_candidate_chars = candidate_chars;
  return 1;
}

static void
test_limit_sees_characters (void)
{
  const char *const names[] = { "Événement", NULL };
  const char *const expected[] = { "Événement", NULL };

  assert_closest ("évenement", names, -1, RDM_SUGGEST_FOLD_CASE, limit_recording, 3, expected);
  g_assert_cmpuint (seen_word_chars, ==, 9);
  g_assert_cmpuint (seen_candidate_chars, ==, 9);
}

static void
test_case_folding (void)
{
  const char *const names[] = { "Vlog", "Blog", "Email", NULL };
  const char *const blog[] = { "Blog", "Vlog", NULL };
  const char *const email[] = { "Email", NULL };
  const char *const exact[] = { "Vlog", "Blog", NULL };

  /* folded, "Blog" is zero edits away and comes before "Vlog" */
  assert_closest ("blog", names, -1, RDM_SUGGEST_FOLD_CASE, limit_two, 10, blog);
  assert_closest ("EMAIL", names, -1, RDM_SUGGEST_FOLD_CASE, limit_two, 10, email);
  /* with case, both are one edit away: the given order decides */
  assert_closest ("blog", names, -1, RDM_SUGGEST_EXACT_CASE, limit_two, 10, exact);
}

static void
test_the_word_itself_is_never_offered (void)
{
  const char *const names[] = { "Blog", "blog", "Blug", NULL };
  const char *const expected[] = { "blog", "Blug", NULL };

  assert_closest ("Blog", names, -1, RDM_SUGGEST_FOLD_CASE, limit_two, 10, expected);
}

static void
test_counted_candidates (void)
{
  const char *const names[] = { "Blog", "Vlog", "Flog" };
  const char *const two[] = { "Blog", "Vlog", NULL };
  const char *const none[] = { NULL };

  /* the array needs no NULL when it is counted, and only @n are read */
  assert_closest ("Glog", names, 2, RDM_SUGGEST_EXACT_CASE, limit_two, 10, two);
  assert_closest ("Glog", NULL, 0, RDM_SUGGEST_EXACT_CASE, limit_two, 10, none);
  assert_closest ("Glog", names, 0, RDM_SUGGEST_EXACT_CASE, limit_two, 10, none);
}

static void
test_empty_and_long_words (void)
{
  const char *const names[] = { "a", "ab", "abc", NULL };
  const char *const short_ones[] = { "a", "ab", NULL };
  const char *const none[] = { NULL };
  g_autofree char *paragraph = g_strnfill (100000, 'a');

  assert_closest ("", names, -1, RDM_SUGGEST_EXACT_CASE, limit_two, 10, short_ones);
  /* far longer than every name: no suggestion, and no quadratic work */
  assert_closest (paragraph, names, -1, RDM_SUGGEST_FOLD_CASE, limit_two, 10, none);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/suggest/distance-by-hand", test_distance_by_hand);
  g_test_add_func ("/suggest/distance-of-empty-strings", test_distance_of_empty_strings);
  g_test_add_func ("/suggest/distance-counts-characters", test_distance_counts_characters);
  g_test_add_func ("/suggest/distance-edits-each-substring-once",
                   test_distance_edits_each_substring_once);
  g_test_add_func ("/suggest/closest-first", test_closest_first);
  g_test_add_func ("/suggest/ties-keep-the-given-order", test_ties_keep_the_given_order);
  g_test_add_func ("/suggest/max-results", test_max_results);
  g_test_add_func ("/suggest/limit-is-inclusive", test_limit_is_inclusive);
  g_test_add_func ("/suggest/limit-by-candidate-length", test_limit_by_candidate_length);
  g_test_add_func ("/suggest/limit-sees-characters", test_limit_sees_characters);
  g_test_add_func ("/suggest/case-folding", test_case_folding);
  g_test_add_func ("/suggest/the-word-itself-is-never-offered",
                   test_the_word_itself_is_never_offered);
  g_test_add_func ("/suggest/counted-candidates", test_counted_candidates);
  g_test_add_func ("/suggest/empty-and-long-words", test_empty_and_long_words);
  return g_test_run ();
}
