/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ROI arithmetic on a small hand-computed project:
 *
 *   channel A: media 600 + content 300 + staff 100 = cost 1000,
 *              value 1500, savings 200, 20 conversions
 *   channel B: no cost, value 300, 5 conversions
 *   channel C: tools 50 + training 200 = cost 250, nothing attributed
 *
 * and channel A's previous quarter: media 500 + content 300 = cost 800,
 * value 1000, no savings, 16 conversions.
 */
#include "config.h"

#include <math.h>

#include "rdm-roi.h"

#define EPSILON 1e-12

static const RdmRoiInput channel_a = {
  .cost = { [RDM_COST_MEDIA] = 600, [RDM_COST_CONTENT] = 300, [RDM_COST_STAFF] = 100 },
  .conversions = 20,
  .value = 1500,
  .savings = 200,
};

static const RdmRoiInput channel_b = {
  .conversions = 5,
  .value = 300,
};

static const RdmRoiInput channel_c = {
  .cost = { [RDM_COST_TOOLS] = 50, [RDM_COST_TRAINING] = 200 },
};

static const RdmRoiInput channel_a_previous = {
  .cost = { [RDM_COST_MEDIA] = 500, [RDM_COST_CONTENT] = 300 },
  .conversions = 16,
  .value = 1000,
};

static void
assert_figure (RdmFigure figure, double expected)
{
  g_assert_true (figure.defined);
  g_assert_cmpfloat_with_epsilon (figure.value, expected, EPSILON);
}

static void
assert_undefined (RdmFigure figure)
{
  g_assert_false (figure.defined);
  g_assert_cmpfloat (figure.value, ==, 0);
}

static void
test_all_categories (void)
{
  g_autoptr (GError) error = NULL;
  RdmRoiRow row;

  g_assert_true (rdm_roi_compute (&channel_a, RDM_COST_ALL_CATEGORIES, &row, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (row.cost, ==, 1000);
  g_assert_cmpfloat (row.total_cost, ==, 1000);
  g_assert_cmpfloat (row.value, ==, 1500);
  g_assert_cmpfloat (row.savings, ==, 200);
  g_assert_cmpfloat (row.conversions, ==, 20);
  /* 1500 + 200 - 1000 = 700 */
  g_assert_cmpfloat (row.net, ==, 700);
  /* 700 / 1000 */
  assert_figure (row.roi, 0.7);
  /* 1500 / 1000 */
  assert_figure (row.roas, 1.5);
  /* 1000 / 20 */
  assert_figure (row.cpa, 50);
  assert_figure (row.cost_per_conversion, 50);
}

static void
test_zero_denominators (void)
{
  g_autoptr (GError) error = NULL;
  RdmRoiRow row;

  /* B: no cost, so no ROI nor ROAS; CPA = 0 / 5 = 0 is a real figure. */
  g_assert_true (rdm_roi_compute (&channel_b, RDM_COST_ALL_CATEGORIES, &row, &error));
  g_assert_cmpfloat (row.cost, ==, 0);
  g_assert_cmpfloat (row.net, ==, 300);
  assert_undefined (row.roi);
  assert_undefined (row.roas);
  assert_figure (row.cpa, 0);
  assert_figure (row.cost_per_conversion, 0);

  /* C: cost 250, nothing back: ROI = (0 + 0 - 250) / 250 = -1, ROAS 0,
   * and no conversions to divide by. */
  g_assert_true (rdm_roi_compute (&channel_c, RDM_COST_ALL_CATEGORIES, &row, &error));
  g_assert_cmpfloat (row.cost, ==, 250);
  assert_figure (row.roi, -1);
  assert_figure (row.roas, 0);
  assert_undefined (row.cpa);
  assert_undefined (row.cost_per_conversion);

  /* C's cost is all non-media: with media only it costs nothing. */
  g_assert_true (rdm_roi_compute (&channel_c, 1u << RDM_COST_MEDIA, &row, &error));
  g_assert_cmpfloat (row.cost, ==, 0);
  g_assert_cmpfloat (row.total_cost, ==, 250);
  assert_undefined (row.roi);
  g_assert_no_error (error);

  /* Finite operands whose quotient overflows are n/a, never inf. */
  g_assert_true (rdm_roi_compute (&(RdmRoiInput){ .cost = { [RDM_COST_MEDIA] = 1e-300 },
                                                  .value = 1e300,
                                                  .conversions = 1e-320 },
                                  RDM_COST_ALL_CATEGORIES, &row, &error));
  assert_undefined (row.roi);
  assert_undefined (row.roas);
  g_assert_no_error (error);
}

static void
test_category_subset (void)
{
  g_autoptr (GError) error = NULL;
  RdmRoiRow row;

  /* Media only: cost 600; net = 1500 + 200 - 600 = 1100; ROI = 1100 / 600;
   * ROAS = 1500 / 600 = 2.5; CPA = 600 / 20 = 30; the full cost per
   * conversion stays 1000 / 20 = 50. */
  g_assert_true (rdm_roi_compute (&channel_a, 1u << RDM_COST_MEDIA, &row, &error));
  g_assert_cmpfloat (row.cost, ==, 600);
  g_assert_cmpfloat (row.total_cost, ==, 1000);
  g_assert_cmpfloat (row.net, ==, 1100);
  assert_figure (row.roi, 1100.0 / 600.0);
  assert_figure (row.roas, 2.5);
  assert_figure (row.cpa, 30);
  assert_figure (row.cost_per_conversion, 50);

  /* Media and content: cost 900; ROI = (1700 - 900) / 900 = 8 / 9;
   * ROAS = 1500 / 900 = 5 / 3; CPA = 900 / 20 = 45. */
  g_assert_true (rdm_roi_compute (&channel_a, (1u << RDM_COST_MEDIA) | (1u << RDM_COST_CONTENT),
                                  &row, &error));
  g_assert_cmpfloat (row.cost, ==, 900);
  assert_figure (row.roi, 8.0 / 9.0);
  assert_figure (row.roas, 5.0 / 3.0);
  assert_figure (row.cpa, 45);
  g_assert_no_error (error);
}

/* Channel A with a part of the shared costs: other 150 and tools 50. All
 * categories: cost 1000 + 200 = 1200, of which shared 200; ROI = (1500 +
 * 200 - 1200) / 1200 = 500 / 1200; ROAS = 1500 / 1200 = 1.25; CPA = 1200
 * / 20 = 60. Media and tools only: own media 600 + shared tools 50 = 650,
 * of which shared 50; ROI = (1700 - 650) / 650; the full cost per
 * conversion stays 1200 / 20 = 60. */
static void
test_shared (void)
{
  g_autoptr (GError) error = NULL;
  RdmRoiInput input = channel_a;
  RdmRoiInput total = { 0 };
  RdmRoiRow row;

  input.shared[RDM_COST_OTHER] = 150;
  input.shared[RDM_COST_TOOLS] = 50;
  g_assert_true (rdm_roi_compute (&input, RDM_COST_ALL_CATEGORIES, &row, &error));
  g_assert_cmpfloat (row.cost, ==, 1200);
  g_assert_cmpfloat (row.total_cost, ==, 1200);
  g_assert_cmpfloat (row.shared, ==, 200);
  g_assert_cmpfloat (row.net, ==, 500);
  assert_figure (row.roi, 500.0 / 1200.0);
  assert_figure (row.roas, 1.25);
  assert_figure (row.cpa, 60);

  g_assert_true (
      rdm_roi_compute (&input, (1u << RDM_COST_MEDIA) | (1u << RDM_COST_TOOLS), &row, &error));
  g_assert_cmpfloat (row.cost, ==, 650);
  g_assert_cmpfloat (row.shared, ==, 50);
  assert_figure (row.roi, 1050.0 / 650.0);
  assert_figure (row.cost_per_conversion, 60);

  /* the total adds the shared parts too: 200 + 0 */
  rdm_roi_input_add (&total, &input);
  rdm_roi_input_add (&total, &channel_b);
  g_assert_cmpfloat (total.shared[RDM_COST_OTHER], ==, 150);
  g_assert_cmpfloat (total.shared[RDM_COST_TOOLS], ==, 50);

  /* a negative part is refused like a negative cost */
  input.shared[RDM_COST_TOOLS] = -1;
  g_assert_false (rdm_roi_compute (&input, RDM_COST_ALL_CATEGORIES, &row, &error));
  g_assert_error (error, RDM_ROI_ERROR, RDM_ROI_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "The shared tools cost is -1; expected a finite amount, zero or more");
}

static void
test_total (void)
{
  g_autoptr (GError) error = NULL;
  RdmRoiInput total = { 0 };
  RdmRoiRow row;

  rdm_roi_input_add (&total, &channel_a);
  rdm_roi_input_add (&total, &channel_b);
  rdm_roi_input_add (&total, &channel_c);
  /* cost 1000 + 0 + 250 = 1250, value 1800, savings 200, 25 conversions:
   * ROI = (1800 + 200 - 1250) / 1250 = 0.6, ROAS = 1800 / 1250 = 1.44,
   * CPA = 1250 / 25 = 50. Not the mean of the rows' ratios. */
  g_assert_true (rdm_roi_compute (&total, RDM_COST_ALL_CATEGORIES, &row, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (row.cost, ==, 1250);
  g_assert_cmpfloat (row.value, ==, 1800);
  g_assert_cmpfloat (row.savings, ==, 200);
  g_assert_cmpfloat (row.conversions, ==, 25);
  assert_figure (row.roi, 0.6);
  assert_figure (row.roas, 1.44);
  assert_figure (row.cpa, 50);
}

static void
test_previous_period (void)
{
  g_autoptr (GError) error = NULL;
  RdmRoiRow current;
  RdmRoiRow previous;
  RdmRoiComparison comparison;

  g_assert_true (rdm_roi_compute (&channel_a, RDM_COST_ALL_CATEGORIES, &current, &error));
  g_assert_true (rdm_roi_compute (&channel_a_previous, RDM_COST_ALL_CATEGORIES, &previous, &error));
  g_assert_no_error (error);
  /* Previous: ROI = (1000 + 0 - 800) / 800 = 0.25, ROAS = 1000 / 800 = 1.25,
   * CPA = 800 / 16 = 50. */
  assert_figure (previous.roi, 0.25);
  assert_figure (previous.roas, 1.25);
  assert_figure (previous.cpa, 50);

  rdm_roi_compare (&current, &previous, &comparison);
  /* cost 800 -> 1000: +200, +200 / 800 = +25 % */
  assert_figure (comparison.cost.previous, 800);
  assert_figure (comparison.cost.absolute, 200);
  assert_figure (comparison.cost.relative, 0.25);
  /* conversions 16 -> 20: +4, +25 % */
  assert_figure (comparison.conversions.absolute, 4);
  assert_figure (comparison.conversions.relative, 0.25);
  /* value 1000 -> 1500: +500, +50 % */
  assert_figure (comparison.value.absolute, 500);
  assert_figure (comparison.value.relative, 0.5);
  /* savings 0 -> 200: +200, no relative change from zero */
  assert_figure (comparison.savings.absolute, 200);
  assert_undefined (comparison.savings.relative);
  /* net 200 -> 700: +500, +250 % */
  assert_figure (comparison.net.absolute, 500);
  assert_figure (comparison.net.relative, 2.5);
  /* ROI 0.25 -> 0.7: +0.45, 0.45 / 0.25 = +180 % */
  assert_figure (comparison.roi.previous, 0.25);
  assert_figure (comparison.roi.absolute, 0.45);
  assert_figure (comparison.roi.relative, 1.8);
  /* ROAS 1.25 -> 1.5: +0.25, +20 % */
  assert_figure (comparison.roas.absolute, 0.25);
  assert_figure (comparison.roas.relative, 0.2);
  /* CPA 50 -> 50: no change */
  assert_figure (comparison.cpa.absolute, 0);
  assert_figure (comparison.cpa.relative, 0);
  assert_figure (comparison.cost_per_conversion.relative, 0);
}

static void
test_change (void)
{
  RdmChange change;

  /* -0.5 -> -0.25 improved: +0.25, +0.25 / |-0.5| = +50 % */
  rdm_change_compute ((RdmFigure){ -0.25, TRUE }, (RdmFigure){ -0.5, TRUE }, &change);
  assert_figure (change.absolute, 0.25);
  assert_figure (change.relative, 0.5);

  /* 0.5 -> -0.5: -1, -200 % */
  rdm_change_compute ((RdmFigure){ -0.5, TRUE }, (RdmFigure){ 0.5, TRUE }, &change);
  assert_figure (change.absolute, -1);
  assert_figure (change.relative, -2);

  /* From or to n/a: no change either way. */
  rdm_change_compute ((RdmFigure){ 0.7, TRUE }, (RdmFigure){ 0, FALSE }, &change);
  assert_undefined (change.previous);
  assert_undefined (change.absolute);
  assert_undefined (change.relative);
  rdm_change_compute ((RdmFigure){ 0, FALSE }, (RdmFigure){ 0.7, TRUE }, &change);
  assert_figure (change.previous, 0.7);
  assert_undefined (change.absolute);
  assert_undefined (change.relative);

  /* A difference that overflows is n/a too. */
  rdm_change_compute ((RdmFigure){ 1.7e308, TRUE }, (RdmFigure){ -1.7e308, TRUE }, &change);
  assert_undefined (change.absolute);
  assert_undefined (change.relative);
}

static void
assert_input_error (const RdmRoiInput *input, const char *message)
{
  g_autoptr (GError) error = NULL;
  RdmRoiRow row = { 0 };

  g_assert_false (rdm_roi_compute (input, RDM_COST_ALL_CATEGORIES, &row, &error));
  g_assert_error (error, RDM_ROI_ERROR, RDM_ROI_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, message);
  /* Nothing written on failure. */
  g_assert_cmpfloat (row.cost, ==, 0);
}

static void
test_invalid_input (void)
{
  assert_input_error (&(RdmRoiInput){ .cost = { [RDM_COST_MEDIA] = -5 } },
                      "The media cost is -5; expected a finite amount, zero or more");
  assert_input_error (&(RdmRoiInput){ .cost = { [RDM_COST_STAFF] = INFINITY } },
                      "The staff cost is inf; expected a finite amount, zero or more");
  assert_input_error (&(RdmRoiInput){ .value = NAN },
                      "The conversion value is nan; expected a finite amount, zero or more");
  assert_input_error (&(RdmRoiInput){ .conversions = -1 },
                      "The number of conversions is -1; expected a finite amount, zero or more");
  assert_input_error (&(RdmRoiInput){ .savings = -0.5 },
                      "The declared savings is -0.5; expected a finite amount, zero or more");
  assert_input_error (
      &(RdmRoiInput){ .cost = { [RDM_COST_MEDIA] = 1.7e308, [RDM_COST_OTHER] = 1.7e308 } },
      "The amounts are too large to add up");
}

static void
test_categories (void)
{
  g_autoptr (GError) error = NULL;
  RdmCostCategories set = 0;
  RdmCostCategory category;

  g_assert_true (rdm_cost_categories_parse ("media, content", &set, &error));
  g_assert_cmpuint (set, ==, (1u << RDM_COST_MEDIA) | (1u << RDM_COST_CONTENT));
  g_assert_true (rdm_cost_categories_parse ("all", &set, &error));
  g_assert_cmpuint (set, ==, RDM_COST_ALL_CATEGORIES);
  /* Seven categories: bits 0 to 6. */
  g_assert_cmpuint (RDM_COST_ALL_CATEGORIES, ==, 0x7f);
  g_assert_true (rdm_cost_categories_parse ("staff,staff", &set, &error));
  g_assert_cmpuint (set, ==, 1u << RDM_COST_STAFF);
  g_assert_no_error (error);

  for (guint i = 0; i < RDM_COST_N_CATEGORIES; i++)
    {
      g_assert_true (rdm_cost_category_from_string (rdm_cost_category_to_string (i), &category));
      g_assert_cmpint (category, ==, i);
    }
  g_assert_cmpstr (rdm_cost_category_to_string (RDM_COST_COMPLIANCE), ==, "compliance");
  g_assert_false (rdm_cost_category_from_string ("Media", &category));

  set = 42;
  g_assert_false (rdm_cost_categories_parse ("media,ads", &set, &error));
  g_assert_error (error, RDM_ROI_ERROR, RDM_ROI_ERROR_INVALID_CATEGORY);
  g_assert_cmpstr (error->message, ==,
                   "Unknown cost category “ads”; expected “all” or a comma-separated list of "
                   "media, content, staff, tools, training, compliance, other");
  g_assert_cmpuint (set, ==, 42);
  g_clear_error (&error);

  g_assert_false (rdm_cost_categories_parse ("", &set, &error));
  g_assert_error (error, RDM_ROI_ERROR, RDM_ROI_ERROR_INVALID_CATEGORY);
  g_assert_cmpstr (error->message, ==,
                   "No cost category given; expected “all” or a comma-separated list of media, "
                   "content, staff, tools, training, compliance, other");
  g_clear_error (&error);

  g_assert_false (rdm_cost_categories_parse ("media,,content", &set, &error));
  g_assert_error (error, RDM_ROI_ERROR, RDM_ROI_ERROR_INVALID_CATEGORY);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/roi/all-categories", test_all_categories);
  g_test_add_func ("/roi/zero-denominators", test_zero_denominators);
  g_test_add_func ("/roi/category-subset", test_category_subset);
  g_test_add_func ("/roi/shared", test_shared);
  g_test_add_func ("/roi/total", test_total);
  g_test_add_func ("/roi/previous-period", test_previous_period);
  g_test_add_func ("/roi/change", test_change);
  g_test_add_func ("/roi/invalid-input", test_invalid_input);
  g_test_add_func ("/roi/categories", test_categories);

  return g_test_run ();
}
