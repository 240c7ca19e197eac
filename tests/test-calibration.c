/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rdm_calibration_new() and rdm_calibration_apply() on hand-made credits,
 * every expected number worked out by hand in the comments.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "rdm-calibration.h"

#define EPS 1e-12

/* A credit over @n labels: conversions and value per label, the view part
 * of conversions and value as given (the rest clicks). */
static RdmCredit *
make_credit (guint n,
             const char *const *labels,
             const double *conversions,
             const double *value,
             const double *view_conversions)
{
  RdmCredit *credit = g_new0 (RdmCredit, 1);

  credit->model = RDM_MODEL_LINEAR;
  credit->n_labels = n;
  credit->label_names = g_new0 (char *, n + 1);
  credit->conversions = g_new0 (double, n);
  credit->value = g_new0 (double, n);
  credit->click_conversions = g_new0 (double, n);
  credit->view_conversions = g_new0 (double, n);
  credit->click_value = g_new0 (double, n);
  credit->view_value = g_new0 (double, n);
  for (guint i = 0; i < n; i++)
    {
      double view_share = conversions[i] > 0 ? view_conversions[i] / conversions[i] : 0;

      credit->label_names[i] = g_strdup (labels[i]);
      credit->conversions[i] = conversions[i];
      credit->value[i] = value[i];
      credit->view_conversions[i] = view_conversions[i];
      credit->click_conversions[i] = conversions[i] - view_conversions[i];
      credit->view_value[i] = value[i] * view_share;
      credit->click_value[i] = value[i] - credit->view_value[i];
      credit->total_conversions += conversions[i];
      credit->total_value += value[i];
    }
  return credit;
}

/* A 60 (20 of them views), B 30, C 10, No touch 5: 105 conversions, worth
 * 600 + 300 + 100 + 50 = 1050. */
static RdmCredit *
standard_credit (void)
{
  static const char *const labels[] = { "A", "B", "C", "(none)" };
  static const double conversions[] = { 60, 30, 10, 5 };
  static const double value[] = { 600, 300, 100, 50 };
  static const double views[] = { 20, 0, 0, 0 };

  return make_credit (4, labels, conversions, value, views);
}

static double
label_value (const RdmCredit *credit, const char *label, gboolean value)
{
  int i = rdm_credit_find_label (credit, label);

  g_assert_cmpint (i, >=, 0);
  return value ? credit->value[i] : credit->conversions[i];
}

static const RdmCalibrationFactor *
find_factor (const RdmCalibrated *calibrated, const char *channel)
{
  for (guint i = 0; i < calibrated->factors->len; i++)
    {
      const RdmCalibrationFactor *factor
          = &g_array_index (calibrated->factors, RdmCalibrationFactor, i);

      if (g_str_equal (factor->channel, channel))
        return factor;
    }
  g_error ("no factor for %s", channel);
  return NULL;
}

/* The sum rule: credits (Baseline included) add up to the totals, and
 * each label's click and view parts to its credit. */
static void
assert_sums (const RdmCredit *credit)
{
  double conversions = 0, value = 0;

  for (guint i = 0; i < credit->n_labels; i++)
    {
      conversions += credit->conversions[i];
      value += credit->value[i];
      g_assert_cmpfloat_with_epsilon (credit->click_conversions[i] + credit->view_conversions[i],
                                      credit->conversions[i], EPS);
      g_assert_cmpfloat_with_epsilon (credit->click_value[i] + credit->view_value[i],
                                      credit->value[i], 1e-9);
    }
  g_assert_cmpfloat_with_epsilon (conversions, credit->total_conversions, 1e-9);
  g_assert_cmpfloat_with_epsilon (value, credit->total_value, 1e-9);
}

static void
test_sources (void)
{
  g_assert_cmpstr (rdm_factor_source_to_string (RDM_FACTOR_EXPERIMENT), ==, "experiment");
  g_assert_cmpstr (rdm_factor_source_to_string (RDM_FACTOR_MEAN_OF_TESTED), ==, "mean of tested");
  g_assert_cmpstr (rdm_factor_source_to_string (RDM_FACTOR_KEPT), ==, "kept");
}

/* A: 30 incremental for 40 credited over its dates, no value: factor and
 * value factor 0.75. B: 10 for 20, value 150 for 200: factor 0.5, value
 * factor 0.75. Mean for C: (40 × 0.75 + 20 × 0.5) / 60 = 2/3, value
 * (40 × 0.75 + 20 × 0.75) / 60 = 0.75. */
static const RdmExperimentCredit standard_experiments[] = {
  { "A", 30, NAN, 40, 400 },
  { "B", 10, 150, 20, 200 },
};

static void
test_mean (void)
{
  g_autoptr (RdmCredit) credit = standard_credit ();
  g_autoptr (RdmCalibration) calibration
      = rdm_calibration_new (standard_experiments, 2, RDM_UNTESTED_MEAN);
  g_autoptr (RdmCalibrated) calibrated = rdm_calibration_apply (calibration, credit);
  const RdmCredit *out = calibrated->credit;
  const RdmCalibrationFactor *factor;

  g_assert_null (calibration->note);
  g_assert_cmpuint (calibration->tested->len, ==, 2);
  g_assert_cmpfloat_with_epsilon (calibration->untested_factor, 2.0 / 3.0, EPS);
  g_assert_cmpfloat_with_epsilon (calibration->untested_value_factor, 0.75, EPS);

  g_assert_cmpuint (out->n_labels, ==, 5);
  g_assert_cmpstr (out->label_names[4], ==, RDM_BASELINE_LABEL);
  /* A: 60 × 0.75 = 45 (views 20 × 0.75 = 15), 600 × 0.75 = 450 */
  g_assert_cmpfloat_with_epsilon (label_value (out, "A", FALSE), 45, EPS);
  g_assert_cmpfloat_with_epsilon (out->view_conversions[0], 15, EPS);
  g_assert_cmpfloat_with_epsilon (label_value (out, "A", TRUE), 450, EPS);
  /* B: 30 × 0.5 = 15, 300 × 0.75 = 225 */
  g_assert_cmpfloat_with_epsilon (label_value (out, "B", FALSE), 15, EPS);
  g_assert_cmpfloat_with_epsilon (label_value (out, "B", TRUE), 225, EPS);
  /* C: 10 × 2/3, 100 × 0.75 = 75 */
  g_assert_cmpfloat_with_epsilon (label_value (out, "C", FALSE), 20.0 / 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (label_value (out, "C", TRUE), 75, EPS);
  /* No touch is never scaled */
  g_assert_cmpfloat (label_value (out, "(none)", FALSE), ==, 5);
  g_assert_cmpfloat (label_value (out, "(none)", TRUE), ==, 50);
  /* Baseline: 105 − (45 + 15 + 20/3 + 5) = 100/3; 1050 − (450 + 225 + 75
   * + 50) = 250; of the 15 conversions and 150 value removed from A, 5
   * and 50 were views */
  g_assert_cmpfloat_with_epsilon (label_value (out, RDM_BASELINE_LABEL, FALSE), 100.0 / 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (label_value (out, RDM_BASELINE_LABEL, TRUE), 250, 1e-9);
  g_assert_cmpfloat_with_epsilon (out->view_conversions[4], 5, 1e-9);
  g_assert_cmpfloat_with_epsilon (out->view_value[4], 50, 1e-9);
  g_assert_cmpfloat (out->total_conversions, ==, 105);
  g_assert_cmpfloat (out->total_value, ==, 1050);
  assert_sums (out);
  g_assert_null (out->note);

  /* factors: the credit's channels in label order, No touch left out */
  g_assert_cmpuint (calibrated->factors->len, ==, 3);
  factor = find_factor (calibrated, "A");
  g_assert_cmpfloat_with_epsilon (factor->factor, 0.75, EPS);
  g_assert_cmpint (factor->source, ==, RDM_FACTOR_EXPERIMENT);
  factor = find_factor (calibrated, "B");
  g_assert_cmpfloat_with_epsilon (factor->factor, 0.5, EPS);
  g_assert_cmpfloat_with_epsilon (factor->value_factor, 0.75, EPS);
  factor = find_factor (calibrated, "C");
  g_assert_cmpfloat_with_epsilon (factor->factor, 2.0 / 3.0, EPS);
  g_assert_cmpint (factor->source, ==, RDM_FACTOR_MEAN_OF_TESTED);
}

static void
test_keep (void)
{
  g_autoptr (RdmCredit) credit = standard_credit ();
  g_autoptr (RdmCalibration) calibration
      = rdm_calibration_new (standard_experiments, 2, RDM_UNTESTED_KEEP);
  g_autoptr (RdmCalibrated) calibrated = rdm_calibration_apply (calibration, credit);
  const RdmCredit *out = calibrated->credit;

  /* C stays at 10 and 100; Baseline 105 − (45 + 15 + 10 + 5) = 30, 1050
   * − (450 + 225 + 100 + 50) = 225 */
  g_assert_cmpfloat (label_value (out, "C", FALSE), ==, 10);
  g_assert_cmpfloat (label_value (out, "C", TRUE), ==, 100);
  g_assert_cmpfloat_with_epsilon (label_value (out, RDM_BASELINE_LABEL, FALSE), 30, 1e-9);
  g_assert_cmpfloat_with_epsilon (label_value (out, RDM_BASELINE_LABEL, TRUE), 225, 1e-9);
  g_assert_cmpint (find_factor (calibrated, "C")->source, ==, RDM_FACTOR_KEPT);
  g_assert_cmpfloat (find_factor (calibrated, "C")->factor, ==, 1);
  assert_sums (out);
}

/* Two experiments of A: 10 for 10 credited, and 10 for 30: Σ 20 / Σ 40 =
 * 0.5, not the mean of the ratios (1 and 1/3, 2/3). */
static void
test_several_experiments (void)
{
  static const RdmExperimentCredit experiments[] = {
    { "A", 10, NAN, 10, 100 },
    { "B", 15, NAN, 30, 300 },
    { "A", 10, NAN, 30, 300 },
  };
  g_autoptr (RdmCredit) credit = standard_credit ();
  g_autoptr (RdmCalibration) calibration = rdm_calibration_new (experiments, 3, RDM_UNTESTED_MEAN);
  g_autoptr (RdmCalibrated) calibrated = rdm_calibration_apply (calibration, credit);

  g_assert_cmpuint (calibration->tested->len, ==, 2);
  g_assert_cmpfloat_with_epsilon (find_factor (calibrated, "A")->factor, 0.5, EPS);
  /* B 15 / 30 = 0.5; the mean (40 × 0.5 + 30 × 0.5) / 70 = 0.5 */
  g_assert_cmpfloat_with_epsilon (calibration->untested_factor, 0.5, EPS);
  /* A 30, B 15, C 5, None 5: Baseline 105 − 55 = 50 */
  g_assert_cmpfloat_with_epsilon (label_value (calibrated->credit, RDM_BASELINE_LABEL, FALSE), 50,
                                  1e-9);
  assert_sums (calibrated->credit);
}

/* A factor above 1 makes the Baseline smaller, then negative: A 120
 * incremental for 60 credited, factor 2; A 120, B, C kept 30 and 10, None
 * 5: 165 for 105 analysed, Baseline −60 (value: 1200 + 300 + 100 + 50 =
 * 1650, Baseline −600), kept and said. */
static void
test_negative_baseline (void)
{
  static const RdmExperimentCredit small[] = { { "A", 66, NAN, 60, 600 } };
  static const RdmExperimentCredit large[] = { { "A", 120, NAN, 60, 600 } };
  g_autoptr (RdmCredit) credit = standard_credit ();
  g_autoptr (RdmCalibration) mild = rdm_calibration_new (small, 1, RDM_UNTESTED_KEEP);
  g_autoptr (RdmCalibrated) smaller = rdm_calibration_apply (mild, credit);
  g_autoptr (RdmCalibration) calibration = rdm_calibration_new (large, 1, RDM_UNTESTED_KEEP);
  g_autoptr (RdmCalibrated) calibrated = rdm_calibration_apply (calibration, credit);
  const RdmCredit *out = calibrated->credit;

  /* factor 1.1: A 66, Baseline 105 − (66 + 30 + 10 + 5) = −6: already
   * below 0 */
  g_assert_cmpfloat_with_epsilon (label_value (smaller->credit, RDM_BASELINE_LABEL, FALSE), -6,
                                  1e-9);
  g_assert_cmpfloat_with_epsilon (label_value (out, "A", FALSE), 120, EPS);
  g_assert_cmpfloat_with_epsilon (label_value (out, RDM_BASELINE_LABEL, FALSE), -60, 1e-9);
  g_assert_cmpfloat_with_epsilon (label_value (out, RDM_BASELINE_LABEL, TRUE), -600, 1e-9);
  assert_sums (out);
  g_assert_nonnull (out->note);
  g_assert_nonnull (strstr (out->note, "Baseline is negative"));
  g_assert_nonnull (strstr (out->note, "60"));
}

/* A factor above 1 with room to spare: A factor 1.05 (63 for 60) with B
 * at 0.5 (kept otherwise): Baseline 105 − (63 + 15 + 10 + 5) = 12, smaller
 * than the 15 of B alone. */
static void
test_factor_above_one (void)
{
  static const RdmExperimentCredit experiments[] = {
    { "A", 63, NAN, 60, 600 },
    { "B", 10, NAN, 20, 200 },
  };
  g_autoptr (RdmCredit) credit = standard_credit ();
  g_autoptr (RdmCalibration) calibration = rdm_calibration_new (experiments, 2, RDM_UNTESTED_KEEP);
  g_autoptr (RdmCalibrated) calibrated = rdm_calibration_apply (calibration, credit);

  g_assert_cmpfloat_with_epsilon (label_value (calibrated->credit, RDM_BASELINE_LABEL, FALSE), 12,
                                  1e-9);
  g_assert_null (calibrated->credit->note);
}

/* B's experiment falls where the model credits B nothing: no factor, a
 * note, and B takes the mean of the others (A alone, 0.75). */
static void
test_zero_credit (void)
{
  static const RdmExperimentCredit experiments[] = {
    { "A", 30, NAN, 40, 400 },
    { "B", 10, 100, 0, 0 },
  };
  g_autoptr (RdmCredit) credit = standard_credit ();
  g_autoptr (RdmCalibration) calibration = rdm_calibration_new (experiments, 2, RDM_UNTESTED_MEAN);
  g_autoptr (RdmCalibrated) calibrated = rdm_calibration_apply (calibration, credit);
  const RdmCalibrationFactor *factor = find_factor (calibrated, "B");

  g_assert_cmpuint (calibration->tested->len, ==, 1);
  g_assert_nonnull (calibration->note);
  g_assert_nonnull (strstr (calibration->note, "B"));
  g_assert_nonnull (strstr (calibration->note, "cannot calibrate"));
  g_assert_cmpint (factor->source, ==, RDM_FACTOR_MEAN_OF_TESTED);
  g_assert_cmpfloat_with_epsilon (factor->factor, 0.75, EPS);
  /* the calibration's note is the credit's too */
  g_assert_nonnull (strstr (calibrated->credit->note, "cannot calibrate"));
  assert_sums (calibrated->credit);
}

/* No experiment can calibrate anything: untested channels keep their
 * credit even with "mean", and the Baseline is 0. */
static void
test_nothing_tested (void)
{
  static const RdmExperimentCredit experiments[] = { { "B", 10, NAN, 0, 0 } };
  g_autoptr (RdmCredit) credit = standard_credit ();
  g_autoptr (RdmCalibration) calibration = rdm_calibration_new (experiments, 1, RDM_UNTESTED_MEAN);
  g_autoptr (RdmCalibrated) calibrated = rdm_calibration_apply (calibration, credit);

  g_assert_cmpint (calibration->untested_source, ==, RDM_FACTOR_KEPT);
  g_assert_cmpfloat (calibration->untested_factor, ==, 1);
  g_assert_nonnull (strstr (calibration->note, "keep their credit"));
  g_assert_cmpfloat (label_value (calibrated->credit, "A", FALSE), ==, 60);
  g_assert_cmpfloat (label_value (calibrated->credit, RDM_BASELINE_LABEL, FALSE), ==, 0);
}

/* A tested channel the credit does not name (no conversion in the period
 * analysed) is still listed with its factor, after the credit's own. */
static void
test_tested_without_credit (void)
{
  static const RdmExperimentCredit experiments[] = {
    { "A", 30, NAN, 40, 400 },
    { "Z", 5, NAN, 10, 100 },
  };
  g_autoptr (RdmCredit) credit = standard_credit ();
  g_autoptr (RdmCalibration) calibration = rdm_calibration_new (experiments, 2, RDM_UNTESTED_MEAN);
  g_autoptr (RdmCalibrated) calibrated = rdm_calibration_apply (calibration, credit);
  const RdmCalibrationFactor *last
      = &g_array_index (calibrated->factors, RdmCalibrationFactor, calibrated->factors->len - 1);

  g_assert_cmpuint (calibrated->factors->len, ==, 4);
  g_assert_cmpstr (last->channel, ==, "Z");
  g_assert_cmpfloat_with_epsilon (last->factor, 0.5, EPS);
  /* the mean: (40 × 0.75 + 10 × 0.5) / 50 = 0.7 */
  g_assert_cmpfloat_with_epsilon (find_factor (calibrated, "B")->factor, 0.7, EPS);
}

/* Campaign level: each campaign takes its channel's factor; factors are
 * listed per channel. A/x 40 and A/y 20 with A's 0.75: 30 and 15; B/z
 * untested with "keep": 30. */
static void
test_campaigns (void)
{
  static const char *const labels[] = { "A / x", "A / y", "B / z", "(none)" };
  static const double conversions[] = { 40, 20, 30, 5 };
  static const double value[] = { 400, 200, 300, 50 };
  static const double views[] = { 0, 0, 0, 0 };
  static const RdmExperimentCredit experiments[] = { { "A", 30, NAN, 40, 400 } };
  g_autoptr (RdmCredit) credit = make_credit (4, labels, conversions, value, views);
  g_autoptr (RdmCalibration) calibration = rdm_calibration_new (experiments, 1, RDM_UNTESTED_KEEP);
  g_autoptr (RdmCalibrated) calibrated = NULL;

  rdm_calibration_set_label_channel (calibration, "A / x", "A");
  rdm_calibration_set_label_channel (calibration, "A / y", "A");
  rdm_calibration_set_label_channel (calibration, "B / z", "B");
  calibrated = rdm_calibration_apply (calibration, credit);
  g_assert_cmpfloat_with_epsilon (label_value (calibrated->credit, "A / x", FALSE), 30, EPS);
  g_assert_cmpfloat_with_epsilon (label_value (calibrated->credit, "A / y", FALSE), 15, EPS);
  g_assert_cmpfloat (label_value (calibrated->credit, "B / z", FALSE), ==, 30);
  /* 95 − (30 + 15 + 30 + 5) = 15 */
  g_assert_cmpfloat_with_epsilon (label_value (calibrated->credit, RDM_BASELINE_LABEL, FALSE), 15,
                                  1e-9);
  g_assert_cmpuint (calibrated->factors->len, ==, 2);
  g_assert_cmpstr (g_array_index (calibrated->factors, RdmCalibrationFactor, 0).channel, ==, "A");
  g_assert_cmpstr (g_array_index (calibrated->factors, RdmCalibrationFactor, 1).channel, ==, "B");
  /* each label points at its channel's factor; No touch and Baseline at none */
  g_assert_cmpint (calibrated->label_factor[0], ==, 0);
  g_assert_cmpint (calibrated->label_factor[1], ==, 0);
  g_assert_cmpint (calibrated->label_factor[2], ==, 1);
  g_assert_cmpint (calibrated->label_factor[3], ==, -1);
  g_assert_cmpint (calibrated->label_factor[4], ==, -1);
}

/* Bootstrap intervals scale with their label; the Baseline has none. */
static void
test_intervals (void)
{
  g_autoptr (RdmCredit) credit = standard_credit ();
  g_autoptr (RdmCalibration) calibration
      = rdm_calibration_new (standard_experiments, 2, RDM_UNTESTED_KEEP);
  g_autoptr (RdmCalibrated) calibrated = NULL;

  credit->n_resamples = 10;
  credit->ci_low = g_new (double, 4);
  credit->ci_high = g_new (double, 4);
  credit->ci_value_low = g_new (double, 4);
  credit->ci_value_high = g_new (double, 4);
  for (guint i = 0; i < 4; i++)
    {
      credit->ci_low[i] = credit->conversions[i] - 4;
      credit->ci_high[i] = credit->conversions[i] + 4;
      credit->ci_value_low[i] = credit->value[i] - 40;
      credit->ci_value_high[i] = credit->value[i] + 40;
    }
  calibrated = rdm_calibration_apply (calibration, credit);
  /* A: 56 × 0.75 = 42, 64 × 0.75 = 48; B value 340 × 0.75 = 255 */
  g_assert_cmpfloat_with_epsilon (calibrated->credit->ci_low[0], 42, EPS);
  g_assert_cmpfloat_with_epsilon (calibrated->credit->ci_high[0], 48, EPS);
  g_assert_cmpfloat_with_epsilon (calibrated->credit->ci_value_high[1], 255, EPS);
  /* No touch untouched, Baseline none */
  g_assert_cmpfloat (calibrated->credit->ci_low[3], ==, 1);
  g_assert_true (isnan (calibrated->credit->ci_low[4]));
  g_assert_true (isnan (calibrated->credit->ci_value_high[4]));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/calibration/sources", test_sources);
  g_test_add_func ("/calibration/mean", test_mean);
  g_test_add_func ("/calibration/keep", test_keep);
  g_test_add_func ("/calibration/several-experiments", test_several_experiments);
  g_test_add_func ("/calibration/negative-baseline", test_negative_baseline);
  g_test_add_func ("/calibration/factor-above-one", test_factor_above_one);
  g_test_add_func ("/calibration/zero-credit", test_zero_credit);
  g_test_add_func ("/calibration/nothing-tested", test_nothing_tested);
  g_test_add_func ("/calibration/tested-without-credit", test_tested_without_credit);
  g_test_add_func ("/calibration/campaigns", test_campaigns);
  g_test_add_func ("/calibration/intervals", test_intervals);
  return g_test_run ();
}
