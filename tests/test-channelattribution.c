/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ChannelAttribution's sample path table (../shared/datasets/
 * channelattribution_pathdata/Data.csv, 10 000 paths, 12 channels): the
 * heuristic models and exact order-1 Markov must reproduce the package's
 * published figures. Skipped when the data set is absent.
 */
#include "config.h"

#include <math.h>

#include "rdm-attribution.h"
#include "rdm-path-table.h"
#include "rdm-test-util.h"

static RdmPathSet *
load_data (void)
{
  g_autofree char *path = rdm_test_dataset ("channelattribution_pathdata/Data.csv");
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GError) error = NULL;
  RdmPathSet *set;

  if (path == NULL)
    return NULL;
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "path;total_conversions;total_conversion_value;total_null");
  set = rdm_path_set_new (FALSE);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto (GStrv) fields = NULL;

      if (lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], ";", -1);
      g_assert_cmpuint (g_strv_length (fields), ==, 4);
      g_assert_true (rdm_path_set_add_path_text (set, fields[0], g_ascii_strtod (fields[1], NULL),
                                                 g_ascii_strtod (fields[2], NULL),
                                                 g_ascii_strtod (fields[3], NULL), &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (rdm_path_set_n_rows (set), ==, 10000);
  g_assert_cmpuint (rdm_path_set_n_labels (set), ==, 12);
  return set;
}

static void
print_credit (const RdmCredit *credit)
{
  g_test_message ("%s: total %.17g conversions, %.17g value", rdm_model_to_string (credit->model),
                  credit->total_conversions, credit->total_value);
  for (guint l = 0; l < credit->n_labels; l++)
    {
      if (credit->has_removal_effects)
        g_test_message ("  %-8s %.17g conversions %.17g value, removal effect %.17g",
                        credit->label_names[l], credit->conversions[l], credit->value[l],
                        credit->removal_effect[l]);
      else
        g_test_message ("  %-8s %.17g conversions %.17g value", credit->label_names[l],
                        credit->conversions[l], credit->value[l]);
    }
}

static void
assert_sums (const RdmCredit *credit)
{
  double conv = 0, value = 0;

  for (guint l = 0; l < credit->n_labels; l++)
    {
      conv += credit->conversions[l];
      value += credit->value[l];
      g_assert_cmpfloat_with_epsilon (credit->click_conversions[l] + credit->view_conversions[l],
                                      credit->conversions[l], 1e-9);
    }
  g_assert_cmpfloat (fabs (conv - 19785) / 19785, <=, 1e-9);
  g_assert_cmpfloat (fabs (value - credit->total_value) / credit->total_value, <=, 1e-9);
  g_assert_cmpfloat_with_epsilon (credit->total_conversions, 19785, 1e-9);
}

static double
credit_of (const RdmCredit *credit, const char *label)
{
  int l = rdm_credit_find_label (credit, label);

  g_assert_cmpint (l, >=, 0);
  return credit->conversions[l];
}

static void
test_heuristics (void)
{
  g_autoptr (RdmPathSet) set = load_data ();
  /* ChannelAttribution::heuristic_models(Data, ...) for alpha */
  const struct
  {
    RdmModel model;
    double alpha;
  } expected[] = {
    { RDM_MODEL_FIRST, 6308 },
    { RDM_MODEL_LAST, 8447 },
    { RDM_MODEL_LINEAR, 7574.718593751 },
  };

  if (set == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RdmCredit) credit = rdm_attribute (set, expected[i].model, NULL, NULL, &error);

      g_assert_no_error (error);
      print_credit (credit);
      assert_sums (credit);
      g_assert_cmpfloat (fabs (credit_of (credit, "alpha") - expected[i].alpha), <=, 1e-6);
    }
}

static void
test_markov_order_1 (void)
{
  g_autoptr (RdmPathSet) set = load_data ();
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmCredit) credit = NULL;
  int alpha;

  if (set == NULL)
    return;
  credit = rdm_attribute (set, RDM_MODEL_MARKOV, NULL, NULL, &error);
  g_assert_no_error (error);
  print_credit (credit);
  assert_sums (credit);
  g_test_message ("baseline conversion probability %.17g, %u transient states",
                  credit->baseline_probability, credit->n_states);
  alpha = rdm_credit_find_label (credit, "alpha");
  g_assert_cmpfloat (fabs (credit->baseline_probability / 0.2238451355968638 - 1), <=, 1e-9);
  g_assert_cmpfloat (fabs (credit->removal_effect[alpha] / 0.5583994895077468 - 1), <=, 1e-9);
  g_assert_cmpfloat (fabs (credit->conversions[alpha] / 5344.9476820851605 - 1), <=, 1e-9);
  /* start, the 12 channels */
  g_assert_cmpuint (credit->n_states, ==, 13);
}

static void
test_other_models (void)
{
  g_autoptr (RdmPathSet) set = load_data ();
  const RdmModel models[] = { RDM_MODEL_LAST_NON_DIRECT, RDM_MODEL_POSITION,
                              RDM_MODEL_POSITION_DECAY, RDM_MODEL_CUSTOM, RDM_MODEL_SHAPLEY };

  if (set == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RdmCredit) credit = rdm_attribute (set, models[i], NULL, NULL, &error);

      g_assert_no_error (error);
      print_credit (credit);
      assert_sums (credit);
    }
  for (guint order = 2; order <= 4; order++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RdmCredit) credit = NULL;
      RdmModelOptions options;

      rdm_model_options_init (&options);
      options.markov_order = order;
      credit = rdm_attribute (set, RDM_MODEL_MARKOV, &options, NULL, &error);
      g_assert_no_error (error);
      g_test_message ("Markov order %u: %u transient states, baseline %.17g", order,
                      credit->n_states, credit->baseline_probability);
      print_credit (credit);
      assert_sums (credit);
      rdm_model_options_clear (&options);
    }
}

static void
test_time_decay_refused (void)
{
  g_autoptr (RdmPathSet) set = load_data ();
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmCredit) credit = NULL;

  if (set == NULL)
    return;
  credit = rdm_attribute (set, RDM_MODEL_TIME_DECAY, NULL, NULL, &error);
  g_assert_null (credit);
  g_assert_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_NEEDS_TIMES);
  g_assert_nonnull (strstr (error->message, "Time decay needs the time of each touch"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/channelattribution/heuristics", test_heuristics);
  g_test_add_func ("/channelattribution/markov-order-1", test_markov_order_1);
  g_test_add_func ("/channelattribution/other-models", test_other_models);
  g_test_add_func ("/channelattribution/time-decay-refused", test_time_decay_refused);
  return g_test_run ();
}
