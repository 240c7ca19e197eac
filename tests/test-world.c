/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Simulated worlds and their truth (analysis/rdm-world.c, rdm-truth.c).
 */

#include <math.h>
#include <string.h>

#include "rdm-attribution.h"
#include "rdm-path-builder.h"
#include "rdm-truth.h"
#include "rdm-world.h"

#define DAY 86400

static RdmWorldChannel *
channel (RdmWorldSettings *settings, const char *name)
{
  int c = rdm_world_settings_find_channel (settings, name);

  g_assert_cmpint (c, >=, 0);
  return &g_array_index (settings->channels, RdmWorldChannel, c);
}

static double
sum (const double *values, guint n)
{
  double total = 0.0;

  for (guint i = 0; i < n; i++)
    total += values[i];
  return total;
}

/* The same seed draws the same world; another seed another one. */
static void
test_deterministic (void)
{
  g_autoptr (RdmWorldSettings) settings = rdm_world_settings_new_default ();
  g_autoptr (RdmWorld) a = NULL;
  g_autoptr (RdmWorld) b = NULL;
  g_autoptr (RdmWorld) c = NULL;

  settings->n_visitors = 3000;
  a = rdm_world_generate (settings, NULL);
  b = rdm_world_generate (settings, NULL);
  settings->seed++;
  c = rdm_world_generate (settings, NULL);
  g_assert_cmpuint (a->touches->len, ==, b->touches->len);
  g_assert_cmpuint (a->conversions->len, ==, b->conversions->len);
  g_assert_cmpmem (a->touches->data, a->touches->len * sizeof (RdmWorldTouch), b->touches->data,
                   b->touches->len * sizeof (RdmWorldTouch));
  g_assert_cmpmem (a->truth_conversions, 12 * sizeof (double), b->truth_conversions,
                   12 * sizeof (double));
  g_assert_true (
      a->touches->len != c->touches->len
      || memcmp (a->touches->data, c->touches->data, a->touches->len * sizeof (RdmWorldTouch))
             != 0);
}

/* Every touch lies within the period and the effect window before an
 * occasion, touches and conversions are in visitor then time order, and
 * a conversion is only caused by a channel that touched its visitor. */
static void
test_shape (void)
{
  g_autoptr (RdmWorldSettings) settings = rdm_world_settings_new_default ();
  g_autoptr (RdmWorld) world = NULL;
  gint64 end;

  settings->n_visitors = 4000;
  world = rdm_world_generate (settings, NULL);
  end = settings->first_day + (gint64)settings->n_days * DAY;
  g_assert_cmpuint (world->n_visitors, >, 1000);
  g_assert_cmpuint (world->n_visitors, <=, 4000);
  for (guint i = 0; i < world->touches->len; i++)
    {
      const RdmWorldTouch *t = &g_array_index (world->touches, RdmWorldTouch, i);

      g_assert_cmpint (t->time, >=, settings->first_day);
      g_assert_cmpint (t->time, <, end);
      g_assert_cmpuint (t->visitor, <, world->n_visitors);
      if (i > 0)
        {
          const RdmWorldTouch *p = t - 1;

          g_assert_true (p->visitor < t->visitor
                         || (p->visitor == t->visitor && p->time <= t->time));
        }
    }
  for (guint k = 0; k < world->conversions->len; k++)
    {
      const RdmWorldConversion *conversion
          = &g_array_index (world->conversions, RdmWorldConversion, k);
      guint64 met = 0;

      g_assert_cmpint (conversion->time, <, end);
      g_assert_cmpfloat (conversion->value, >, 0.0);
      for (guint i = 0; i < world->touches->len; i++)
        {
          const RdmWorldTouch *t = &g_array_index (world->touches, RdmWorldTouch, i);

          if (t->visitor == conversion->visitor && t->time < conversion->time)
            met |= G_GUINT64_CONSTANT (1) << t->channel;
        }
      g_assert_cmpuint (conversion->caused_by & ~met, ==, 0);
    }
  g_assert_cmpfloat (world->baseline_conversions, >, 0.0);
  g_assert_cmpfloat (world->baseline_conversions, <, world->conversions->len);
}

/* The truth is what removing a channel changes: a channel with effect 0
 * draws the same random numbers and touches, and causes nothing, so the
 * same world with one channel's effect set to 0 has exactly the truth of
 * that channel fewer conversions (and value). Checked for every channel:
 * an independent computation of each counterfactual world. */
static void
test_truth_is_the_counterfactual (void)
{
  g_autoptr (RdmWorldSettings) settings = rdm_world_settings_new_default ();
  g_autoptr (RdmWorld) world = NULL;
  double value = 0.0;

  settings->n_visitors = 3000;
  world = rdm_world_generate (settings, NULL);
  for (guint k = 0; k < world->conversions->len; k++)
    value += g_array_index (world->conversions, RdmWorldConversion, k).value;

  for (guint c = 0; c < settings->channels->len; c++)
    {
      g_autoptr (RdmWorldSettings) without = rdm_world_settings_copy (settings);
      g_autoptr (RdmWorld) other = NULL;
      double other_value = 0.0;

      g_array_index (without->channels, RdmWorldChannel, c).effect = 0.0;
      other = rdm_world_generate (without, NULL);
      g_assert_cmpuint (other->touches->len, ==, world->touches->len);
      for (guint k = 0; k < other->conversions->len; k++)
        other_value += g_array_index (other->conversions, RdmWorldConversion, k).value;
      g_assert_cmpfloat (world->truth_conversions[c], ==,
                         (double)world->conversions->len - other->conversions->len);
      g_assert_cmpfloat_with_epsilon (world->truth_value[c], value - other_value, 1e-6);
      g_assert_cmpfloat (other->truth_conversions[c], ==, 0.0);
    }
}

/* A world whose outcome can be worked out by hand: no spread of
 * propensity, one occasion per visitor, one channel that reaches half the
 * visitors with exactly one click. Without the click the odds are
 * 0.2 / 0.8 = 0.25 (p = 0.2); with it, doubled (effect 1) to 0.5, so
 * p = 1/3. Expected conversions 20 000 × (½ × 1/3 + ½ × 0.2) = 5 333.3 and
 * truth 20 000 × ½ × (1/3 − 0.2) = 1 333.3; the bounds are 4 standard
 * deviations of those binomial counts. */
static void
test_hand_computed_world (void)
{
  g_autoptr (RdmWorldSettings) settings = rdm_world_settings_new_default ();
  g_autoptr (RdmWorld) world = NULL;
  RdmWorldChannel only;

  g_array_set_size (settings->channels, 0);
  only = (RdmWorldChannel){ .name = g_strdup ("Search"),
                            .reach = 0.5,
                            .touches = 1.0,
                            .click_share = 1.0,
                            .lag_days = 0.01,
                            .effect = 1.0 };
  g_array_append_val (settings->channels, only);
  settings->propensity_spread = 0.0;
  settings->repeat = 0.0;
  settings->baseline = 0.2;
  world = rdm_world_generate (settings, NULL);

  g_assert_cmpfloat (fabs (world->conversions->len - 5333.3), <,
                     4 * sqrt (20000 * 0.2667 * 0.7333));
  g_assert_cmpfloat (fabs (world->truth_conversions[0] - 1333.3), <,
                     4 * sqrt (20000 * 0.0667 * 0.9333));
  /* without the channel, only the baseline: the rest */
  g_assert_cmpfloat (world->baseline_conversions, ==,
                     world->conversions->len - world->truth_conversions[0]);
}

/* --effect Display=0: Display still reaches people, so last touch credits
 * it, but it caused nothing. */
static void
test_zero_effect_channel (void)
{
  g_autoptr (RdmWorldSettings) settings = rdm_world_settings_new_default ();
  g_autoptr (RdmWorld) world = NULL;
  g_autoptr (RdmEventStore) store = NULL;
  g_autoptr (RdmPathSet) set = NULL;
  g_autoptr (RdmCredit) last = NULL;
  g_autoptr (RdmTruth) truth = NULL;
  RdmPathOptions options;
  RdmTruthError error;
  int display = rdm_world_settings_find_channel (settings, "Display");
  int credited;

  settings->n_visitors = 5000;
  channel (settings, "Display")->effect = 0.0;
  world = rdm_world_generate (settings, NULL);
  g_assert_cmpfloat (world->truth_conversions[display], ==, 0.0);
  g_assert_cmpfloat (world->truth_value[display], ==, 0.0);

  store = rdm_world_to_event_store (world);
  g_assert_cmpuint (store->n_touches, ==, world->touches->len);
  g_assert_cmpuint (store->n_conversions, ==, world->conversions->len);
  rdm_path_options_init (&options);
  options.view_window_days = 7;
  set = rdm_path_builder_build (store, &options, NULL, NULL);
  last = rdm_attribute (set, RDM_MODEL_LAST, NULL, NULL, NULL);
  credited = rdm_credit_find_label (last, "Display");
  g_assert_cmpint (credited, >=, 0);
  g_assert_cmpfloat (last->conversions[credited], >, 10.0);

  truth = rdm_world_truth (world, store, &options, NULL);
  g_assert_cmpfloat (truth->conversions[rdm_truth_find_label (truth, "Display")], ==, 0.0);
  g_assert_cmpfloat (truth->total_conversions, ==,
                     sum (world->truth_conversions, settings->channels->len));
  rdm_truth_error (truth, last, &error);
  g_assert_cmpfloat (error.conversions, >=, last->conversions[credited]);
  rdm_path_options_clear (&options);
}

static RdmCredit *
make_credit (const char *const *labels, const double *conversions, const double *value)
{
  RdmCredit *credit = g_new0 (RdmCredit, 1);
  guint n = g_strv_length ((char **)labels);

  credit->n_labels = n;
  credit->label_names = g_strdupv ((char **)labels);
  credit->conversions = g_memdup2 (conversions, n * sizeof (double));
  credit->value = g_memdup2 (value, n * sizeof (double));
  credit->click_conversions = g_new0 (double, n);
  credit->view_conversions = g_new0 (double, n);
  credit->click_value = g_new0 (double, n);
  credit->view_value = g_new0 (double, n);
  return credit;
}

/* The truth of an analysis takes the conversions the analysis selects
 * (period, event, segment), and the error is worked out by hand. */
static void
test_truth_selection_and_error (void)
{
  g_autoptr (RdmEventStore) store = rdm_event_store_new ();
  guint32 a = rdm_event_store_intern_channel (store, "A", FALSE);
  guint32 b = rdm_event_store_intern_channel (store, "B", FALSE);
  guint32 purchase = rdm_event_store_intern_event (store, "purchase");
  guint32 lead = rdm_event_store_intern_event (store, "lead");
  guint8 mask = 0x1; /* visitor 0 only */
  RdmTruthEffect effects[] = {
    { 0, 10 * DAY, purchase, 100, a },
    { 0, 10 * DAY, purchase, 100, b },
    { 0, 20 * DAY, lead, 0, a },
    { 1, 30 * DAY, purchase, 50, b },
  };
  const char *const labels[] = { "A", "B", "(none)", NULL };
  const double conversions[] = { 3, 1, 2 };
  const double value[] = { 120, 90, 40 };
  g_autoptr (RdmCredit) credit = make_credit (labels, conversions, value);
  RdmPathOptions options;
  RdmTruthError error;

  rdm_event_store_add_visitor (store, 1);
  rdm_event_store_add_touch (store, 9 * DAY, a, RDM_EVENT_STORE_NO_CAMPAIGN, 1);
  rdm_event_store_add_conversion (store, 10 * DAY, purchase, 100);
  rdm_event_store_add_conversion (store, 20 * DAY, lead, 0);
  rdm_event_store_add_visitor (store, 2);
  rdm_event_store_add_touch (store, 29 * DAY, b, RDM_EVENT_STORE_NO_CAMPAIGN, 1);
  rdm_event_store_add_conversion (store, 30 * DAY, purchase, 50);
  rdm_event_store_finish (store);
  rdm_path_options_init (&options);

  {
    g_autoptr (RdmTruth) truth
        = rdm_truth_compute (store, effects, G_N_ELEMENTS (effects), &options, NULL);

    g_assert_cmpuint (truth->n_labels, ==, 2);
    g_assert_cmpfloat (truth->conversions[a], ==, 2);
    g_assert_cmpfloat (truth->conversions[b], ==, 2);
    g_assert_cmpfloat (truth->value[a], ==, 100);
    g_assert_cmpfloat (truth->value[b], ==, 150);
    g_assert_cmpfloat (truth->total_conversions, ==, 4);
    /* |3 − 2| + |1 − 2| = 2; shares 3/4, 1/4 against 1/2, 1/2: ½ (¼ + ¼) */
    rdm_truth_error (truth, credit, &error);
    g_assert_cmpfloat (error.conversions, ==, 2);
    g_assert_cmpfloat (error.value, ==, 20 + 60);
    g_assert_cmpfloat (error.share, ==, 0.25);
  }
  {
    g_autoptr (RdmTruth) truth = NULL;

    options.from_time = 15 * DAY;
    options.to_time = 30 * DAY; /* exclusive: visitor 1's purchase is out */
    truth = rdm_truth_compute (store, effects, G_N_ELEMENTS (effects), &options, NULL);
    g_assert_cmpfloat (truth->conversions[a], ==, 1);
    g_assert_cmpfloat (truth->conversions[b], ==, 0);
  }
  {
    g_autoptr (RdmTruth) truth = NULL;

    options.from_time = G_MININT64;
    options.to_time = G_MAXINT64;
    options.events = g_strsplit ("purchase", ",", -1);
    truth = rdm_truth_compute (store, effects, G_N_ELEMENTS (effects), &options, &mask);
    g_assert_cmpfloat (truth->conversions[a], ==, 1);
    g_assert_cmpfloat (truth->conversions[b], ==, 1);
    g_assert_cmpfloat (truth->value[b], ==, 100);
  }
  {
    /* nothing caused: no share to compare */
    g_autoptr (RdmTruth) truth = rdm_truth_compute (store, effects, 0, &options, NULL);

    rdm_truth_error (truth, credit, &error);
    g_assert_cmpfloat (error.conversions, ==, 4);
    g_assert_true (isnan (error.share));
  }
  rdm_path_options_clear (&options);
}

/* A lift test measures the channel's truth over its days: exactly with
 * no error, within its stated error otherwise, never below 0. */
static void
test_experiments (void)
{
  g_autoptr (RdmWorldSettings) settings = rdm_world_settings_new_default ();
  g_autoptr (RdmWorld) world = NULL;
  g_autoptr (GArray) exact = NULL;
  g_autoptr (GArray) noisy = NULL;
  guint channels[] = { (guint)rdm_world_settings_find_channel (settings, "Paid Search"),
                       (guint)rdm_world_settings_find_channel (settings, "Display") };
  gint64 start, end;

  settings->n_visitors = 5000;
  world = rdm_world_generate (settings, NULL);
  exact = rdm_world_run_experiments (world, channels, 2, 30, 57, 0.0);
  noisy = rdm_world_run_experiments (world, channels, 2, 30, 57, 0.2);
  start = settings->first_day + 30 * DAY;
  end = settings->first_day + 58 * DAY;
  for (guint i = 0; i < 2; i++)
    {
      const RdmWorldExperiment *e = &g_array_index (exact, RdmWorldExperiment, i);
      const RdmWorldExperiment *n = &g_array_index (noisy, RdmWorldExperiment, i);
      double truth = 0.0, value = 0.0;

      for (guint k = 0; k < world->conversions->len; k++)
        {
          const RdmWorldConversion *c = &g_array_index (world->conversions, RdmWorldConversion, k);

          if (c->time >= start && c->time < end && (c->caused_by >> channels[i]) & 1)
            {
              truth += 1.0;
              value += c->value;
            }
        }
      g_assert_cmpint (e->start_day, ==, start);
      g_assert_cmpint (e->end_day, ==, end - DAY);
      g_assert_cmpfloat (e->truth, ==, truth);
      g_assert_cmpfloat_with_epsilon (e->truth_value, value, 1e-6);
      g_assert_cmpfloat (e->incremental_conversions, ==, truth);
      g_assert_cmpfloat (e->ci_low, ==, truth);
      g_assert_cmpfloat (e->ci_high, ==, truth);
      g_assert_cmpfloat_with_epsilon (e->incremental_value, value, 1e-6);
      g_assert_cmpfloat (n->truth, ==, truth);
      g_assert_cmpfloat (n->incremental_conversions, >=, 0.0);
      g_assert_cmpfloat (fabs (n->incremental_conversions - truth), <=, 5 * 0.2 * MAX (truth, 1.0));
      g_assert_cmpfloat_with_epsilon (n->ci_high - n->ci_low, 2 * 1.96 * 0.2 * MAX (truth, 1.0),
                                      1e-9);
    }
  g_assert_cmpfloat (g_array_index (exact, RdmWorldExperiment, 0).truth, >, 10.0);
}

static void
test_bad_settings (void)
{
  static const struct
  {
    const char *field;
    double value;
    const char *message;
  } cases[] = {
    { "baseline", 0.7, "The baseline conversion rate must be from 0 to 0.5, not 0.7" },
    { "view", -0.1, "The view-through effect must be from 0 to 1, not -0.1" },
    { "effect", -1, "The effect of Display must be from 0 to 100, not -1" },
    { "visitors", 0, "The number of visitors must be from 1 to 5 000 000, not 0" },
    { "twice", 0, "Channel “Facebook” is named twice" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (RdmWorldSettings) settings = rdm_world_settings_new_default ();
      g_autoptr (GError) error = NULL;
      g_autoptr (RdmWorld) world = NULL;

      if (g_str_equal (cases[i].field, "baseline"))
        settings->baseline = cases[i].value;
      else if (g_str_equal (cases[i].field, "view"))
        settings->view_effect = cases[i].value;
      else if (g_str_equal (cases[i].field, "effect"))
        channel (settings, "Display")->effect = cases[i].value;
      else if (g_str_equal (cases[i].field, "visitors"))
        settings->n_visitors = 0;
      else
        {
          RdmWorldChannel *instagram = channel (settings, "Instagram");

          g_free (instagram->name);
          instagram->name = g_strdup ("Facebook");
        }
      world = rdm_world_generate (settings, &error);
      g_assert_null (world);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/world/deterministic", test_deterministic);
  g_test_add_func ("/world/shape", test_shape);
  g_test_add_func ("/world/truth-is-the-counterfactual", test_truth_is_the_counterfactual);
  g_test_add_func ("/world/hand-computed", test_hand_computed_world);
  g_test_add_func ("/world/zero-effect-channel", test_zero_effect_channel);
  g_test_add_func ("/world/truth-selection-and-error", test_truth_selection_and_error);
  g_test_add_func ("/world/experiments", test_experiments);
  g_test_add_func ("/world/bad-settings", test_bad_settings);
  return g_test_run ();
}
