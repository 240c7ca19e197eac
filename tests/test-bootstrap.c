/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bootstrap intervals: reproducible for a seed whatever the number of
 * threads, around the point estimate, different for another seed.
 */
#include "config.h"

#include <math.h>

#include <string.h>

#include "rdm-bootstrap.h"
#include "rdm-event-loader.h"
#include "rdm-path-builder.h"
#include "rdm-path-table.h"
#include "rdm-test-util.h"

static RdmPathSet *
path_table (void)
{
  RdmPathSet *set = rdm_path_set_new (FALSE);
  g_autoptr (GError) error = NULL;

  g_assert_true (rdm_path_set_add_path_text (set, "a", 50, 500, 50, &error));
  g_assert_true (rdm_path_set_add_path_text (set, "a > b", 30, 600, 70, &error));
  g_assert_true (rdm_path_set_add_path_text (set, "b", 20, 100, 80, &error));
  g_assert_true (rdm_path_set_add_path_text (set, "c > b > a", 10, 50, 10, &error));
  g_assert_no_error (error);
  return set;
}

/* 300 visitors with one to three journeys each. */
static RdmPathSet *
event_set (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (5);
  RdmPathSet *set = rdm_path_set_new (TRUE);
  const char *names[] = { "search", "social", "email", "direct" };

  for (guint v = 0; v < 300; v++)
    {
      guint n_rows = (guint)g_rand_int_range (rand, 1, 4);

      for (guint r = 0; r < n_rows; r++)
        {
          guint n = (guint)g_rand_int_range (rand, 1, 5);
          gboolean converts = g_rand_int_range (rand, 0, 3) == 0;

          for (guint i = 0; i < n; i++)
            {
              guint l = (guint)g_rand_int_range (rand, 0, 4);

              rdm_path_set_add_touch (set, rdm_path_set_intern_label (set, names[l], l == 3),
                                      g_rand_boolean (rand) ? RDM_TOUCH_CLICK : RDM_TOUCH_VIEW,
                                      (n - i) * 3600.0);
            }
          rdm_path_set_end_row (set, converts ? 1 : 0, converts ? 40 : 0, converts ? 0 : 1, v);
        }
    }
  return set;
}

static RdmCredit *
bootstrap (const RdmPathSet *set, RdmModel model, guint64 seed, guint n_threads)
{
  g_autoptr (GError) error = NULL;
  RdmCredit *credit = NULL;

  g_assert_true (rdm_bootstrap (set, model, NULL, 200, seed, n_threads, NULL, &credit, &error));
  g_assert_no_error (error);
  g_assert_nonnull (credit->ci_low);
  g_assert_cmpuint (credit->n_resamples, ==, 200);
  return credit;
}

static void
check_reproducible (const RdmPathSet *set, RdmModel model)
{
  g_autoptr (RdmCredit) one = bootstrap (set, model, 12345, 1);
  g_autoptr (RdmCredit) two = bootstrap (set, model, 12345, 2);
  g_autoptr (RdmCredit) other = bootstrap (set, model, 54321, 2);
  gboolean differs = FALSE;

  g_assert_cmpuint (one->n_labels, ==, two->n_labels);
  for (guint l = 0; l < one->n_labels; l++)
    {
      g_test_message ("%s %s: %.6g [%.6g, %.6g], value %.6g [%.6g, %.6g]",
                      rdm_model_to_string (model), one->label_names[l], one->conversions[l],
                      one->ci_low[l], one->ci_high[l], one->value[l], one->ci_value_low[l],
                      one->ci_value_high[l]);
      /* bit for bit, whatever the threads */
      g_assert_cmpfloat (one->ci_low[l], ==, two->ci_low[l]);
      g_assert_cmpfloat (one->ci_high[l], ==, two->ci_high[l]);
      g_assert_cmpfloat (one->ci_value_low[l], ==, two->ci_value_low[l]);
      g_assert_cmpfloat (one->ci_value_high[l], ==, two->ci_value_high[l]);
      g_assert_cmpfloat (one->conversions[l], ==, two->conversions[l]);
      /* the point estimate inside its interval, the interval not empty */
      g_assert_cmpfloat (one->ci_low[l], <=, one->conversions[l]);
      g_assert_cmpfloat (one->conversions[l], <=, one->ci_high[l]);
      g_assert_cmpfloat (one->ci_low[l], <, one->ci_high[l]);
      if (one->ci_low[l] != other->ci_low[l] || one->ci_high[l] != other->ci_high[l])
        differs = TRUE;
    }
  g_assert_true (differs);
}

static void
test_path_table (void)
{
  g_autoptr (RdmPathSet) set = path_table ();

  check_reproducible (set, RDM_MODEL_LINEAR);
  check_reproducible (set, RDM_MODEL_MARKOV);
  check_reproducible (set, RDM_MODEL_SHAPLEY);
}

static void
test_visitors (void)
{
  g_autoptr (RdmPathSet) set = event_set ();

  check_reproducible (set, RDM_MODEL_LAST);
  check_reproducible (set, RDM_MODEL_TIME_DECAY);
  check_reproducible (set, RDM_MODEL_MARKOV);
}

static void
test_single_channel (void)
{
  /* one channel takes every conversion of every replicate: the interval
   * of a path table's conversions is the binomial spread of 100 converting
   * journeys among 200, around 100 */
  g_autoptr (RdmPathSet) set = rdm_path_set_new (FALSE);
  g_autoptr (RdmCredit) credit = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (rdm_path_set_add_path_text (set, "a", 100, 1000, 100, &error));
  credit = bootstrap (set, RDM_MODEL_FIRST, 1, 2);
  /* sd = sqrt (200 * 0.5 * 0.5) = 7.07: the 95% interval is about
   * 100 -+ 14 */
  g_assert_cmpfloat (credit->ci_low[0], >, 75);
  g_assert_cmpfloat (credit->ci_low[0], <, 95);
  g_assert_cmpfloat (credit->ci_high[0], >, 105);
  g_assert_cmpfloat (credit->ci_high[0], <, 125);
  /* value follows the converting journeys: 10 each */
  g_assert_cmpfloat_with_epsilon (credit->ci_value_low[0], credit->ci_low[0] * 10, 1e-9);
}

static void
test_errors (void)
{
  g_autoptr (RdmPathSet) set = path_table ();
  g_autoptr (RdmPathSet) table = path_table ();
  g_autoptr (GError) error = NULL;
  RdmCredit *credit = NULL;

  g_assert_false (rdm_bootstrap (set, RDM_MODEL_LINEAR, NULL, 1, 1, 1, NULL, &credit, &error));
  g_assert_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_INVALID_OPTIONS);
  g_assert_cmpstr (error->message, ==, "The bootstrap needs at least 2 resamples, not 1");
  g_assert_null (credit);
  g_clear_error (&error);

  g_assert_false (
      rdm_bootstrap (table, RDM_MODEL_TIME_DECAY, NULL, 10, 1, 2, NULL, &credit, &error));
  g_assert_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_NEEDS_TIMES);
  g_assert_null (credit);
}

static void
test_cancelled (void)
{
  g_autoptr (RdmPathSet) set = path_table ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  RdmCredit *credit = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (
      rdm_bootstrap (set, RDM_MODEL_MARKOV, NULL, 50, 1, 2, cancellable, &credit, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (credit);
}

/* The rule behind the note: outside the middle 90 % of the replicates,
 * ties counting half. Replicates 1 to 100: 5 lie below 5.5 (rank 0.05,
 * inside), 4 below 5 with one tie (rank 0.045, outside). */
static void
test_off_centre (void)
{
  double replicates[100];

  for (guint i = 0; i < 100; i++)
    replicates[i] = 100 - i; /* any order */
  g_assert_true (rdm_bootstrap_is_off_centre (replicates, 100, 0.0));
  g_assert_true (rdm_bootstrap_is_off_centre (replicates, 100, 5.0));
  g_assert_false (rdm_bootstrap_is_off_centre (replicates, 100, 5.5));
  g_assert_false (rdm_bootstrap_is_off_centre (replicates, 100, 50.0));
  g_assert_false (rdm_bootstrap_is_off_centre (replicates, 100, 95.5));
  g_assert_true (rdm_bootstrap_is_off_centre (replicates, 100, 96.0));
  g_assert_true (rdm_bootstrap_is_off_centre (replicates, 100, 1000.0));
  /* all equal: the point sits in the middle */
  for (guint i = 0; i < 100; i++)
    replicates[i] = 7.0;
  g_assert_false (rdm_bootstrap_is_off_centre (replicates, 100, 7.0));
}

/* On the demo, no model's credit sits off-centre in its resamples, and
 * the credit's note says nothing more: every label whose point estimate
 * lies outside its own interval would be named. */
static void
test_centred_credit_has_no_note (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = rdm_test_copy_demo (dir, "demo.rendement");
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (path, &error);
  g_autoptr (RdmEventStore) store = NULL;
  g_autoptr (RdmPathSet) set = NULL;
  RdmPathOptions options;
  const RdmModel models[] = { RDM_MODEL_LINEAR, RDM_MODEL_SHAPLEY };

  g_assert_no_error (error);
  store = rdm_event_store_load (project, NULL, &error);
  g_assert_no_error (error);
  rdm_path_options_init (&options);
  set = rdm_path_builder_build (store, &options, NULL, &error);
  g_assert_no_error (error);
  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    {
      g_autoptr (RdmCredit) credit = NULL;

      g_assert_true (rdm_bootstrap (set, models[m], NULL, 200, 1, 0, NULL, &credit, &error));
      for (guint i = 0; i < credit->n_labels; i++)
        if (credit->conversions[i] < credit->ci_low[i]
            || credit->conversions[i] > credit->ci_high[i])
          g_assert_true (credit->note != NULL
                         && strstr (credit->note, credit->label_names[i]) != NULL);
      if (models[m] == RDM_MODEL_LINEAR)
        g_assert_null (credit->note);
    }
  rdm_path_options_clear (&options);
  rdm_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bootstrap/path-table", test_path_table);
  g_test_add_func ("/bootstrap/visitors", test_visitors);
  g_test_add_func ("/bootstrap/single-channel", test_single_channel);
  g_test_add_func ("/bootstrap/errors", test_errors);
  g_test_add_func ("/bootstrap/cancelled", test_cancelled);
  g_test_add_func ("/bootstrap/off-centre", test_off_centre);
  g_test_add_func ("/bootstrap/centred-credit-has-no-note", test_centred_credit_has_no_note);
  return g_test_run ();
}
