/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Playground's arithmetic: see rdm-playground.h. The journeys become
 * a path set like any project's (one row per journey, ages in seconds),
 * so every number the Playground shows is the engine's own: rdm_attribute()
 * for the credit, rdm_explain_row() for the arithmetic of one journey,
 * and the world, path builder and truth of "rendement-cli simulate" for
 * the simulated-world panel.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rdm-attribution.h"
#include "rdm-path-builder.h"
#include "rdm-playground.h"

#define SECONDS_PER_DAY 86400.0

const RdmModel rdm_playground_models[RDM_PLAYGROUND_N_MODELS] = {
  RDM_MODEL_FIRST,          RDM_MODEL_LAST,     RDM_MODEL_LAST_NON_DIRECT,
  RDM_MODEL_LINEAR,         RDM_MODEL_POSITION, RDM_MODEL_TIME_DECAY,
  RDM_MODEL_POSITION_DECAY, RDM_MODEL_MARKOV,   RDM_MODEL_SHAPLEY,
};

static void
touch_clear (gpointer data)
{
  RdmPlaygroundTouch *touch = data;

  g_free (touch->channel);
}

static RdmPlaygroundJourney *
journey_new (gboolean converted)
{
  RdmPlaygroundJourney *journey = g_new0 (RdmPlaygroundJourney, 1);

  journey->touches = g_array_new (FALSE, TRUE, sizeof (RdmPlaygroundTouch));
  g_array_set_clear_func (journey->touches, touch_clear);
  journey->converted = converted;
  return journey;
}

static void
journey_free (gpointer data)
{
  RdmPlaygroundJourney *journey = data;

  g_array_unref (journey->touches);
  g_free (journey);
}

RdmPlayground *
rdm_playground_new (void)
{
  RdmPlayground *playground = g_new0 (RdmPlayground, 1);

  playground->journeys = g_ptr_array_new_with_free_func (journey_free);
  return playground;
}

RdmPlayground *
rdm_playground_new_example (void)
{
  static const struct
  {
    const char *text;
    double ages[4];
    guint n_ages;
    gboolean converted;
  } examples[] = {
    { "Facebook > Email > Paid Search", { 9, 3, 0 }, 3, TRUE },
    { "Display (view) > Direct", { 1, 0 }, 2, TRUE },
    { "Blog > Organic Search > Email > Direct", { 20, 12, 2, 0 }, 4, FALSE },
  };
  RdmPlayground *playground = rdm_playground_new ();

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      int added = rdm_playground_add_journey_text (playground, examples[i].text, examples[i].ages,
                                                   examples[i].n_ages, examples[i].converted, NULL);

      g_assert (added >= 0);
    }
  return playground;
}

RdmPlayground *
rdm_playground_copy (const RdmPlayground *playground)
{
  RdmPlayground *copy = rdm_playground_new ();

  g_return_val_if_fail (playground != NULL, copy);

  for (guint j = 0; j < playground->journeys->len; j++)
    {
      const RdmPlaygroundJourney *journey = playground->journeys->pdata[j];
      RdmPlaygroundJourney *journey_copy = journey_new (journey->converted);

      for (guint t = 0; t < journey->touches->len; t++)
        {
          RdmPlaygroundTouch touch = g_array_index (journey->touches, RdmPlaygroundTouch, t);

          touch.channel = g_strdup (touch.channel);
          g_array_append_val (journey_copy->touches, touch);
        }
      g_ptr_array_add (copy->journeys, journey_copy);
    }
  return copy;
}

void
rdm_playground_free (RdmPlayground *playground)
{
  if (playground == NULL)
    return;
  g_ptr_array_unref (playground->journeys);
  g_free (playground);
}

guint
rdm_playground_n_journeys (const RdmPlayground *playground)
{
  g_return_val_if_fail (playground != NULL, 0);
  return playground->journeys->len;
}

RdmPlaygroundJourney *
rdm_playground_get_journey (const RdmPlayground *playground, guint journey)
{
  g_return_val_if_fail (playground != NULL, NULL);
  g_return_val_if_fail (journey < playground->journeys->len, NULL);
  return playground->journeys->pdata[journey];
}

int
rdm_playground_add_journey_text (RdmPlayground *playground,
                                 const char *text,
                                 const double *ages_days,
                                 guint n_ages,
                                 gboolean converted,
                                 GError **error)
{
  g_autoptr (RdmPathSet) parsed = NULL;
  g_autofree char *copy = NULL;
  RdmPlaygroundJourney *journey;
  const guint32 *label;
  const guint8 *kind;
  guint n;

  g_return_val_if_fail (playground != NULL, -1);
  g_return_val_if_fail (text != NULL, -1);

  copy = g_strstrip (g_strdup (text));
  journey = journey_new (converted);
  if (copy[0] == '\0')
    {
      g_ptr_array_add (playground->journeys, journey);
      return (int)playground->journeys->len - 1;
    }
  parsed = rdm_explain_parse_journey (copy, ages_days, n_ages, 1, error);
  if (parsed == NULL)
    {
      journey_free (journey);
      return -1;
    }
  label = (const guint32 *)parsed->touch_label->data;
  kind = (const guint8 *)parsed->touch_kind->data;
  n = parsed->touch_label->len;
  for (guint i = 0; i < n; i++)
    {
      RdmPlaygroundTouch touch = {
        .channel = g_strdup (rdm_path_set_label_name (parsed, label[i])),
        .kind = kind[i],
        .age_days = ages_days != NULL ? ages_days[i] : (double)(n - 1 - i),
      };

      g_array_append_val (journey->touches, touch);
    }
  g_ptr_array_add (playground->journeys, journey);
  return (int)playground->journeys->len - 1;
}

void
rdm_playground_remove_journey (RdmPlayground *playground, guint journey)
{
  g_return_if_fail (playground != NULL);
  g_return_if_fail (journey < playground->journeys->len);
  g_ptr_array_remove_index (playground->journeys, journey);
}

void
rdm_playground_append_touch (RdmPlayground *playground,
                             guint journey,
                             const char *channel,
                             RdmTouchKind kind)
{
  RdmPlaygroundJourney *j = rdm_playground_get_journey (playground, journey);
  RdmPlaygroundTouch touch = { g_strdup (channel), kind, 0 };

  g_return_if_fail (j != NULL && channel != NULL && channel[0] != '\0');
  /* the new touch is the newest: the others happened a day earlier */
  for (guint t = 0; t < j->touches->len; t++)
    g_array_index (j->touches, RdmPlaygroundTouch, t).age_days += 1;
  g_array_append_val (j->touches, touch);
}

void
rdm_playground_remove_touch (RdmPlayground *playground, guint journey, guint touch)
{
  RdmPlaygroundJourney *j = rdm_playground_get_journey (playground, journey);

  g_return_if_fail (j != NULL && touch < j->touches->len);
  g_array_remove_index (j->touches, touch);
}

void
rdm_playground_move_touch (RdmPlayground *playground, guint journey, guint from, guint to)
{
  RdmPlaygroundJourney *j = rdm_playground_get_journey (playground, journey);
  RdmPlaygroundTouch moved;
  int step;

  g_return_if_fail (j != NULL && from < j->touches->len && to < j->touches->len);

  /* channels and kinds move; each position keeps its age */
  moved = g_array_index (j->touches, RdmPlaygroundTouch, from);
  step = to > from ? 1 : -1;
  for (guint t = from; t != to; t += step)
    {
      RdmPlaygroundTouch *here = &g_array_index (j->touches, RdmPlaygroundTouch, t);
      const RdmPlaygroundTouch *next = &g_array_index (j->touches, RdmPlaygroundTouch, t + step);

      here->channel = next->channel;
      here->kind = next->kind;
    }
  g_array_index (j->touches, RdmPlaygroundTouch, to).channel = moved.channel;
  g_array_index (j->touches, RdmPlaygroundTouch, to).kind = moved.kind;
}

void
rdm_playground_set_touch (RdmPlayground *playground,
                          guint journey,
                          guint touch,
                          const char *channel,
                          RdmTouchKind kind,
                          double age_days)
{
  RdmPlaygroundJourney *j = rdm_playground_get_journey (playground, journey);
  RdmPlaygroundTouch *t;

  g_return_if_fail (j != NULL && touch < j->touches->len);
  g_return_if_fail (channel != NULL && channel[0] != '\0');
  g_return_if_fail (isfinite (age_days) && age_days >= 0);

  t = &g_array_index (j->touches, RdmPlaygroundTouch, touch);
  if (t->channel != channel)
    {
      g_free (t->channel);
      t->channel = g_strdup (channel);
    }
  t->kind = kind;
  t->age_days = age_days;
}

char *
rdm_playground_journey_text (const RdmPlaygroundJourney *journey)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (journey != NULL, g_string_free (text, FALSE));

  for (guint t = 0; t < journey->touches->len; t++)
    {
      const RdmPlaygroundTouch *touch = &g_array_index (journey->touches, RdmPlaygroundTouch, t);

      if (t > 0)
        g_string_append (text, " > ");
      g_string_append (text, touch->channel);
      if (touch->kind == RDM_TOUCH_VIEW)
        g_string_append (text, " (view)");
    }
  return g_string_free (text, FALSE);
}

/* Credit */

int
rdm_playground_model_index (RdmModel model)
{
  for (guint m = 0; m < RDM_PLAYGROUND_N_MODELS; m++)
    if (rdm_playground_models[m] == model)
      return (int)m;
  return -1;
}

/* The journeys as a path set: one row per journey with a touch or a
 * conversion, a conversion worth 1 or a null; a conversion without a touch
 * is a row of the single label "(none)", as the path builder writes it. */
static RdmPathSet *
build_set (const RdmPlayground *playground, int *row_of_journey, double *conversions, double *nulls)
{
  RdmPathSet *set = rdm_path_set_new (TRUE);

  *conversions = *nulls = 0;
  for (guint j = 0; j < playground->journeys->len; j++)
    {
      const RdmPlaygroundJourney *journey = playground->journeys->pdata[j];

      if (journey->touches->len == 0 && !journey->converted)
        {
          row_of_journey[j] = -1;
          continue;
        }
      if (journey->touches->len == 0)
        rdm_path_set_add_touch (set, rdm_path_set_intern_label (set, RDM_NO_TOUCH_LABEL, FALSE),
                                RDM_TOUCH_CLICK, 0);
      for (guint t = 0; t < journey->touches->len; t++)
        {
          const RdmPlaygroundTouch *touch
              = &g_array_index (journey->touches, RdmPlaygroundTouch, t);

          rdm_path_set_add_touch (
              set,
              rdm_path_set_intern_label (set, touch->channel,
                                         g_ascii_strcasecmp (touch->channel, "direct") == 0),
              touch->kind, touch->age_days * SECONDS_PER_DAY);
        }
      row_of_journey[j] = (int)rdm_path_set_n_rows (set);
      rdm_path_set_end_row (set, journey->converted ? 1 : 0, journey->converted ? 1 : 0,
                            journey->converted ? 0 : 1, rdm_path_set_n_rows (set));
      *(journey->converted ? conversions : nulls) += 1;
    }
  set->n_visitors = rdm_path_set_n_rows (set);
  return set;
}

RdmPlaygroundCredit *
rdm_playground_attribute (const RdmPlayground *playground, const RdmModelOptions *options)
{
  RdmPlaygroundCredit *credit = g_new0 (RdmPlaygroundCredit, 1);

  g_return_val_if_fail (playground != NULL, credit);

  credit->n_journeys = playground->journeys->len;
  credit->row_of_journey = g_new0 (int, MAX (credit->n_journeys, 1));
  credit->set
      = build_set (playground, credit->row_of_journey, &credit->conversions, &credit->nulls);
  rdm_model_options_init (&credit->options);
  if (options != NULL)
    {
      credit->options.first_weight = options->first_weight;
      credit->options.middle_weight = options->middle_weight;
      credit->options.last_weight = options->last_weight;
      credit->options.half_life_days = options->half_life_days;
      credit->options.markov_order = options->markov_order;
      credit->options.click_priority = options->click_priority;
      credit->options.view_weight = options->view_weight;
    }

  for (guint m = 0; m < RDM_PLAYGROUND_N_MODELS; m++)
    {
      g_autoptr (GError) error = NULL;

      if (!(credit->conversions > 0))
        {
          credit->messages[m] = g_strdup (_ ("No journey converts: there is nothing to share."));
          continue;
        }
      credit->credits[m]
          = rdm_attribute (credit->set, rdm_playground_models[m], &credit->options, NULL, &error);
      if (credit->credits[m] == NULL)
        credit->messages[m] = g_strdup (error->message);
    }
  return credit;
}

void
rdm_playground_credit_free (RdmPlaygroundCredit *credit)
{
  if (credit == NULL)
    return;
  for (guint m = 0; m < RDM_PLAYGROUND_N_MODELS; m++)
    {
      g_clear_pointer (&credit->credits[m], rdm_credit_free);
      g_free (credit->messages[m]);
    }
  rdm_model_options_clear (&credit->options);
  g_clear_pointer (&credit->set, rdm_path_set_free);
  g_free (credit->row_of_journey);
  g_free (credit);
}

double
rdm_playground_credit_of (const RdmPlaygroundCredit *credit, RdmModel model, const char *name)
{
  int m = rdm_playground_model_index (model);
  int i;

  g_return_val_if_fail (credit != NULL && name != NULL, 0);

  if (m < 0 || credit->credits[m] == NULL)
    return 0;
  i = rdm_credit_find_label (credit->credits[m], name);
  return i >= 0 ? credit->credits[m]->conversions[i] : 0;
}

RdmExplanation *
rdm_playground_explain (const RdmPlaygroundCredit *credit,
                        guint journey,
                        RdmModel model,
                        GError **error)
{
  int m = rdm_playground_model_index (model);
  int row;

  g_return_val_if_fail (credit != NULL, NULL);
  g_return_val_if_fail (journey < credit->n_journeys, NULL);
  g_return_val_if_fail (m >= 0, NULL);

  row = credit->row_of_journey[journey];
  if (row < 0 || !(g_array_index (credit->set->conversions, double, row) > 0))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           model == RDM_MODEL_MARKOV || model == RDM_MODEL_SHAPLEY
                               ? _ ("This journey did not convert: it has no credit to share. "
                                    "The model still learns from it, as a journey that led "
                                    "nowhere.")
                               : _ ("This journey did not convert: it has no credit to share, "
                                    "and this model ignores it."));
      return NULL;
    }
  if (credit->credits[m] == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, credit->messages[m]);
      return NULL;
    }
  return rdm_explain_row (credit->set, (guint)row, model, &credit->options, credit->credits[m]);
}

double
rdm_playground_removal_effect_sum (const RdmPlaygroundCredit *credit)
{
  const RdmCredit *markov;
  double sum = 0;

  g_return_val_if_fail (credit != NULL, NAN);

  markov = credit->credits[rdm_playground_model_index (RDM_MODEL_MARKOV)];
  if (markov == NULL || !markov->has_removal_effects)
    return NAN;
  for (guint i = 0; i < markov->n_labels; i++)
    sum += markov->removal_effect[i];
  return sum;
}

double
rdm_playground_probability_without (const RdmExplanation *e, guint part)
{
  g_return_val_if_fail (e != NULL && e->model == RDM_MODEL_MARKOV && part < e->n_parts, NAN);

  return e->baseline_probability * (1 - e->part_values[part]);
}

/* The simulated world */

RdmWorldSettings *
rdm_playground_world_settings_new (void)
{
  RdmWorldSettings *settings = rdm_world_settings_new_default ();

  settings->n_visitors = RDM_PLAYGROUND_WORLD_VISITORS;
  return settings;
}

RdmPlaygroundWorld *
rdm_playground_world_run (const RdmWorldSettings *settings,
                          GCancellable *cancellable,
                          GError **error)
{
  g_autoptr (RdmPlaygroundWorld) result = g_new0 (RdmPlaygroundWorld, 1);
  g_autoptr (RdmWorld) world = NULL;
  g_autoptr (RdmEventStore) store = NULL;
  g_autoptr (RdmPathSet) set = NULL;
  RdmPathOptions options;

  g_return_val_if_fail (settings != NULL, NULL);

  world = rdm_world_generate (settings, error);
  if (world == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  result->n_visitors = world->n_visitors;
  result->n_touches = world->touches->len;
  result->n_conversions = world->conversions->len;
  result->baseline_conversions = world->baseline_conversions;

  store = rdm_world_to_event_store (world);
  rdm_path_options_init (&options);
  set = rdm_path_builder_build (store, &options, NULL, error);
  if (set == NULL)
    {
      rdm_path_options_clear (&options);
      return NULL;
    }
  result->truth = rdm_world_truth (world, store, &options, NULL);
  rdm_path_options_clear (&options);

  result->credits = g_ptr_array_new_with_free_func ((GDestroyNotify)rdm_credit_free);
  for (guint m = 0; m < RDM_PLAYGROUND_N_MODELS; m++)
    {
      RdmCredit *credit = rdm_attribute (set, rdm_playground_models[m], NULL, cancellable, error);

      if (credit == NULL)
        return NULL;
      rdm_truth_error (result->truth, credit, &result->errors[m]);
      g_ptr_array_add (result->credits, credit);
    }
  result->rank = rdm_truth_rank (result->truth, result->credits);
  result->reading = rdm_truth_reading (result->truth, result->credits);
  return g_steal_pointer (&result);
}

void
rdm_playground_world_free (RdmPlaygroundWorld *world)
{
  if (world == NULL)
    return;
  g_clear_pointer (&world->truth, rdm_truth_free);
  g_clear_pointer (&world->credits, g_ptr_array_unref);
  g_free (world->rank);
  g_free (world->reading);
  g_free (world);
}

double
rdm_playground_world_truth_of (const RdmPlaygroundWorld *world, const char *name)
{
  int t;

  g_return_val_if_fail (world != NULL && world->truth != NULL && name != NULL, 0);

  t = rdm_truth_find_label (world->truth, name);
  return t >= 0 ? world->truth->conversions[t] : 0;
}
