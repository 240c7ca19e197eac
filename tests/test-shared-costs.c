/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared costs shared among channels (rdm_shared_allocate()), on a small
 * hand-computed case. The period is days [100, 200); the costs:
 *
 *   day 120  other  900  "agency fee"   counted
 *   day 150  tools   90  "tools"        counted
 *   day  90  other 5000  "old fee"      before the period: not counted
 *   day 200  tools 1000  "next fee"     the period's end is excluded
 *
 * so the period's shared costs are 990: other 900, tools 90. The channels:
 *
 *   0 Facebook    paid_social     media 600  active
 *   1 Google Ads  paid_search     media 300  active
 *   2 Newsletter  email           media   0  active (it has a content cost)
 *   3 Blog        organic_social  media   0  not active
 */
#include "config.h"

#include <math.h>

#include "rdm-shared-costs.h"

#define EPSILON 1e-9
#define FROM 100
#define TO 200

static const RdmSharedCost costs[] = {
  { 120, RDM_COST_OTHER, 900, "agency fee" },
  { 150, RDM_COST_TOOLS, 90, "tools" },
  { 90, RDM_COST_OTHER, 5000, "old fee" },
  { 200, RDM_COST_TOOLS, 1000, "next fee" },
};

static const RdmSharedRecipient channels[] = {
  { "paid_social", 600, TRUE },
  { "paid_search", 300, TRUE },
  { "email", 0, TRUE },
  { "organic_social", 0, FALSE },
};

static RdmSharedAllocation *
allocate (const char *rule_text, const RdmSharedRecipient *recipients, guint n, GError **error)
{
  g_auto (RdmSharedRule) rule = { RDM_SHARED_BY_MEDIA, NULL };

  rdm_shared_rule_init (&rule);
  g_assert_true (rdm_shared_rule_parse (rule_text, &rule, NULL));
  return rdm_shared_allocate (&rule, costs, G_N_ELEMENTS (costs), FROM, TO, recipients, n, error);
}

static void
assert_share (const RdmSharedAllocation *allocation, guint channel, double other, double tools)
{
  g_assert_cmpfloat_with_epsilon (
      rdm_shared_allocation_get_share (allocation, channel, 1u << RDM_COST_OTHER), other, EPSILON);
  g_assert_cmpfloat_with_epsilon (
      rdm_shared_allocation_get_share (allocation, channel, 1u << RDM_COST_TOOLS), tools, EPSILON);
  g_assert_cmpfloat_with_epsilon (
      rdm_shared_allocation_get_share (allocation, channel, RDM_COST_ALL_CATEGORIES), other + tools,
      EPSILON);
}

static char *
describe (const char *rule_text, const RdmSharedAllocation *allocation, const char *group_label)
{
  g_auto (RdmSharedRule) rule = { RDM_SHARED_BY_MEDIA, NULL };

  rdm_shared_rule_init (&rule);
  g_assert_true (rdm_shared_rule_parse (rule_text, &rule, NULL));
  return rdm_shared_allocation_describe (allocation, &rule, group_label, "990.00");
}

/* Media spend is 600 + 300 = 900: Facebook takes 600/900 = 2/3 of each
 * category (other 900 * 2/3 = 600, tools 90 * 2/3 = 60), Google Ads 1/3
 * (300 and 30); the channels without media spend take nothing. */
static void
test_media (void)
{
  g_autoptr (RdmSharedAllocation) allocation
      = allocate ("media", channels, G_N_ELEMENTS (channels), NULL);
  g_autofree char *sentence = NULL;

  g_assert_nonnull (allocation);
  g_assert_cmpfloat_with_epsilon (allocation->total, 990, EPSILON);
  g_assert_cmpfloat_with_epsilon (allocation->total_by_category[RDM_COST_OTHER], 900, EPSILON);
  g_assert_cmpfloat_with_epsilon (allocation->total_by_category[RDM_COST_TOOLS], 90, EPSILON);
  g_assert_cmpint (allocation->basis, ==, RDM_SHARED_BASIS_MEDIA);
  g_assert_false (allocation->fell_back);
  g_assert_cmpuint (allocation->n_recipients, ==, 2);
  g_assert_cmpfloat (allocation->unallocated_total, ==, 0);
  assert_share (allocation, 0, 600, 60);
  assert_share (allocation, 1, 300, 30);
  assert_share (allocation, 2, 0, 0);
  assert_share (allocation, 3, 0, 0);
  /* the costs outside the period are not described either */
  g_assert_cmpuint (g_strv_length (allocation->descriptions), ==, 2);
  sentence = describe ("media", allocation, NULL);
  g_assert_cmpstr (sentence, ==,
                   "Shared costs of 990.00 (agency fee, tools) are allocated in proportion to "
                   "media spend.");
}

/* Three channels are active (Blog is not): 990 / 3 = 330 each, other
 * 900 / 3 = 300 and tools 90 / 3 = 30. */
static void
test_even (void)
{
  g_autoptr (RdmSharedAllocation) allocation
      = allocate ("even", channels, G_N_ELEMENTS (channels), NULL);
  g_autofree char *sentence = NULL;

  g_assert_nonnull (allocation);
  g_assert_cmpint (allocation->basis, ==, RDM_SHARED_BASIS_EVEN);
  g_assert_cmpuint (allocation->n_recipients, ==, 3);
  assert_share (allocation, 0, 300, 30);
  assert_share (allocation, 1, 300, 30);
  assert_share (allocation, 2, 300, 30);
  assert_share (allocation, 3, 0, 0);
  sentence = describe ("even", allocation, NULL);
  g_assert_cmpstr (sentence, ==,
                   "Shared costs of 990.00 (agency fee, tools) are split equally among the 3 "
                   "channels with a cost or a touch in the period.");
}

/* group=paid_social: Facebook alone, all 990. group=email: Newsletter,
 * without media spend, takes all 990 by the equal split among the
 * group's one channel. group=organic_social: Blog, though not active,
 * is the group's channel and takes all 990. */
static void
test_group (void)
{
  g_autoptr (RdmSharedAllocation) social = NULL;
  g_autoptr (RdmSharedAllocation) email = NULL;
  g_autoptr (RdmSharedAllocation) blog = NULL;
  g_autofree char *sentence = NULL;

  social = allocate ("group=paid_social", channels, G_N_ELEMENTS (channels), NULL);
  g_assert_cmpint (social->basis, ==, RDM_SHARED_BASIS_MEDIA);
  g_assert_false (social->fell_back);
  assert_share (social, 0, 900, 90);
  assert_share (social, 1, 0, 0);
  sentence = describe ("group=paid_social", social, "Paid Social");
  g_assert_cmpstr (sentence, ==,
                   "Shared costs of 990.00 (agency fee, tools) are allocated to the channel group "
                   "“Paid Social”, in proportion to its channels’ media spend.");

  email = allocate ("group:email", channels, G_N_ELEMENTS (channels), NULL);
  g_assert_cmpint (email->basis, ==, RDM_SHARED_BASIS_EVEN);
  g_assert_true (email->fell_back);
  assert_share (email, 2, 900, 90);
  assert_share (email, 0, 0, 0);

  blog = allocate ("group=organic_social", channels, G_N_ELEMENTS (channels), NULL);
  assert_share (blog, 3, 900, 90);
}

/* A group that no channel belongs to is the rule's mistake: an error,
 * even with nothing to share. */
static void
test_empty_group (void)
{
  g_autoptr (GError) error = NULL;
  g_auto (RdmSharedRule) rule = { RDM_SHARED_BY_MEDIA, NULL };

  g_assert_null (allocate ("group=partners", channels, G_N_ELEMENTS (channels), &error));
  g_assert_error (error, RDM_SHARED_ERROR, RDM_SHARED_ERROR_EMPTY_GROUP);
  g_assert_cmpstr (error->message, ==,
                   "Shared costs go to the channel group “partners”, which has no channel; give "
                   "channels that group or choose another rule (media, even)");
  g_clear_error (&error);

  rdm_shared_rule_init (&rule);
  g_assert_true (rdm_shared_rule_parse ("group=partners", &rule, NULL));
  g_assert_null (rdm_shared_allocate (&rule, NULL, 0, FROM, TO, channels, 2, &error));
  g_assert_error (error, RDM_SHARED_ERROR, RDM_SHARED_ERROR_EMPTY_GROUP);
}

/* No media spend at all: "media" falls back to equal parts among the
 * active channels (A and B: 990 / 2 = 495, other 450 and tools 45), and
 * says so; with no active channel either, nothing goes to any channel and
 * all 990 stay unallocated. */
static void
test_zero_media (void)
{
  static const RdmSharedRecipient no_media[] = {
    { "display", 0, TRUE },
    { "email", 0, TRUE },
    { "referral", 0, FALSE },
  };
  static const RdmSharedRecipient idle[] = {
    { "display", 0, FALSE },
  };
  g_autoptr (RdmSharedAllocation) allocation = NULL;
  g_autoptr (RdmSharedAllocation) nowhere = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *nowhere_sentence = NULL;

  allocation = allocate ("media", no_media, G_N_ELEMENTS (no_media), NULL);
  g_assert_true (allocation->fell_back);
  g_assert_cmpint (allocation->basis, ==, RDM_SHARED_BASIS_EVEN);
  g_assert_cmpuint (allocation->n_recipients, ==, 2);
  assert_share (allocation, 0, 450, 45);
  assert_share (allocation, 1, 450, 45);
  assert_share (allocation, 2, 0, 0);
  sentence = describe ("media", allocation, NULL);
  g_assert_cmpstr (sentence, ==,
                   "Shared costs of 990.00 (agency fee, tools) are allocated in proportion to "
                   "media spend; no channel had media spend in the period, so they are split "
                   "equally among the 2 channels with a cost or a touch in it.");

  nowhere = allocate ("media", idle, G_N_ELEMENTS (idle), NULL);
  g_assert_cmpint (nowhere->basis, ==, RDM_SHARED_BASIS_NONE);
  g_assert_cmpuint (nowhere->n_recipients, ==, 0);
  g_assert_cmpfloat_with_epsilon (nowhere->unallocated_total, 990, EPSILON);
  g_assert_cmpfloat_with_epsilon (nowhere->unallocated[RDM_COST_OTHER], 900, EPSILON);
  assert_share (nowhere, 0, 0, 0);
  nowhere_sentence = describe ("media", nowhere, NULL);
  g_assert_cmpstr (nowhere_sentence, ==,
                   "Shared costs of 990.00 (agency fee, tools) have no channel to go to: no "
                   "channel has a cost or a touch in the period.");
}

/* Every cost outside [FROM, TO): nothing counted, nothing shared. */
static void
test_outside_period (void)
{
  g_auto (RdmSharedRule) rule = { RDM_SHARED_BY_MEDIA, NULL };
  g_autoptr (RdmSharedAllocation) allocation = NULL;

  rdm_shared_rule_init (&rule);
  allocation = rdm_shared_allocate (&rule, costs + 2, 2, FROM, TO, channels,
                                    G_N_ELEMENTS (channels), NULL);
  g_assert_cmpfloat (allocation->total, ==, 0);
  g_assert_cmpuint (g_strv_length (allocation->descriptions), ==, 0);
  for (guint c = 0; c < G_N_ELEMENTS (channels); c++)
    assert_share (allocation, c, 0, 0);
}

static void
test_invalid_amounts (void)
{
  static const RdmSharedCost negative[] = { { 120, RDM_COST_OTHER, -5, NULL } };
  static const RdmSharedRecipient nan_media[] = { { "display", NAN, TRUE } };
  g_auto (RdmSharedRule) rule = { RDM_SHARED_BY_MEDIA, NULL };
  g_autoptr (GError) error = NULL;

  rdm_shared_rule_init (&rule);
  g_assert_null (rdm_shared_allocate (&rule, negative, 1, FROM, TO, channels, 1, &error));
  g_assert_error (error, RDM_SHARED_ERROR, RDM_SHARED_ERROR_INVALID_COST);
  g_clear_error (&error);
  g_assert_null (rdm_shared_allocate (&rule, costs, 1, FROM, TO, nan_media, 1, &error));
  g_assert_error (error, RDM_SHARED_ERROR, RDM_SHARED_ERROR_INVALID_COST);
}

static void
test_rules (void)
{
  static const struct
  {
    const char *text;
    RdmSharedRuleKind kind;
    const char *group;
    const char *canonical;
  } good[] = {
    { NULL, RDM_SHARED_BY_MEDIA, NULL, "media" },
    { "", RDM_SHARED_BY_MEDIA, NULL, "media" },
    { "media", RDM_SHARED_BY_MEDIA, NULL, "media" },
    { " even ", RDM_SHARED_EVENLY, NULL, "even" },
    { "group=paid_social", RDM_SHARED_TO_GROUP, "paid_social", "group=paid_social" },
    { "group: Partners ", RDM_SHARED_TO_GROUP, "Partners", "group=Partners" },
  };
  static const char *const bad[] = { "group=", "group: ", "proportional", "Media", "groups=x" };
  g_auto (RdmSharedRule) rule = { RDM_SHARED_BY_MEDIA, NULL };

  rdm_shared_rule_init (&rule);
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *text = NULL;

      g_assert_true (rdm_shared_rule_parse (good[i].text, &rule, NULL));
      g_assert_cmpint (rule.kind, ==, good[i].kind);
      g_assert_cmpstr (rule.group, ==, good[i].group);
      text = rdm_shared_rule_to_string (&rule);
      g_assert_cmpstr (text, ==, good[i].canonical);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      /* a refused text leaves the rule as it was: "group=Partners" */
      g_assert_false (rdm_shared_rule_parse (bad[i], &rule, &error));
      g_assert_error (error, RDM_SHARED_ERROR, RDM_SHARED_ERROR_INVALID_RULE);
      g_assert_cmpint (rule.kind, ==, RDM_SHARED_TO_GROUP);
      g_assert_cmpstr (rule.group, ==, "Partners");
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shared-costs/media", test_media);
  g_test_add_func ("/shared-costs/even", test_even);
  g_test_add_func ("/shared-costs/group", test_group);
  g_test_add_func ("/shared-costs/empty-group", test_empty_group);
  g_test_add_func ("/shared-costs/zero-media", test_zero_media);
  g_test_add_func ("/shared-costs/outside-period", test_outside_period);
  g_test_add_func ("/shared-costs/invalid-amounts", test_invalid_amounts);
  g_test_add_func ("/shared-costs/rules", test_rules);

  return g_test_run ();
}
