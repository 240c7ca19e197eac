/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-credit.h"
#include "rdm-explain.h"
#include "rdm-model.h"
#include "rdm-path-set.h"
#include "rdm-truth.h"
#include "rdm-world.h"

G_BEGIN_DECLS

/* The Playground (SPEC.md, "Incrementality and ground truth"): a trainer's
 * handful of journeys, typed by hand, that every model credits as a tiny
 * data set of its own, and a small simulated world whose truth the models
 * are measured against. No project is read: the journeys are the data.
 *
 * A journey converts or not. The converting ones are what the models
 * share out; the others are the null paths Markov and Shapley learn from,
 * so toggling a journey's conversion changes what they give the rest. */

/* The models the Playground compares, in this order (custom is left out:
 * its multipliers are a project's). */
#define RDM_PLAYGROUND_N_MODELS 9
extern const RdmModel rdm_playground_models[RDM_PLAYGROUND_N_MODELS];

typedef struct
{
  char *channel;
  RdmTouchKind kind;
  double age_days; /* days before the conversion (or the end), >= 0 */
} RdmPlaygroundTouch;

typedef struct
{
  GArray *touches; /* RdmPlaygroundTouch, oldest first */
  gboolean converted;
} RdmPlaygroundJourney;

typedef struct
{
  GPtrArray *journeys; /* RdmPlaygroundJourney * */
} RdmPlayground;

/* An empty playground, or the three example journeys:
 * Facebook (9 days) > Email (3) > Paid Search (0), converted;
 * Display (view, 1) > Direct (0), converted;
 * Blog (20) > Organic Search (12) > Email (2) > Direct (0), not converted. */
RdmPlayground *rdm_playground_new (void);
RdmPlayground *rdm_playground_new_example (void);
RdmPlayground *rdm_playground_copy (const RdmPlayground *playground);
void rdm_playground_free (RdmPlayground *playground);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmPlayground, rdm_playground_free)

guint rdm_playground_n_journeys (const RdmPlayground *playground);
RdmPlaygroundJourney *rdm_playground_get_journey (const RdmPlayground *playground, guint journey);
/* Appends a journey parsed from @text ("Facebook > Display (view) >
 * Direct", as rdm_explain_parse_journey() reads it; "" for no touch) with
 * @ages_days (NULL: each touch one day older than the next, the last at
 * 0). Returns its index, or -1 with @error set. */
int rdm_playground_add_journey_text (RdmPlayground *playground,
                                     const char *text,
                                     const double *ages_days,
                                     guint n_ages,
                                     gboolean converted,
                                     GError **error);
void rdm_playground_remove_journey (RdmPlayground *playground, guint journey);

/* Touches: appended as the newest (age 0, the older ones a day older when
 * they were at 0), removed, moved from @from to @to (ages stay with
 * their position, so that the journey keeps its timeline), or changed. */
void rdm_playground_append_touch (RdmPlayground *playground,
                                  guint journey,
                                  const char *channel,
                                  RdmTouchKind kind);
void rdm_playground_remove_touch (RdmPlayground *playground, guint journey, guint touch);
void rdm_playground_move_touch (RdmPlayground *playground, guint journey, guint from, guint to);
void rdm_playground_set_touch (RdmPlayground *playground,
                               guint journey,
                               guint touch,
                               const char *channel,
                               RdmTouchKind kind,
                               double age_days);

/* "Facebook > Display (view) > Direct"; "" for a journey without touch. */
char *rdm_playground_journey_text (const RdmPlaygroundJourney *journey);

/* Every model's credit over the playground's journeys. */
typedef struct
{
  RdmPathSet *set;     /* one row per journey that has a touch or converts */
  int *row_of_journey; /* n_journeys: its row of @set, or -1 (no touch, no conversion) */
  guint n_journeys;
  double conversions; /* converting journeys */
  double nulls;       /* journeys that did not convert */
  RdmModelOptions options;
  /* per model of rdm_playground_models: its credit, or NULL and why not */
  RdmCredit *credits[RDM_PLAYGROUND_N_MODELS];
  char *messages[RDM_PLAYGROUND_N_MODELS];
} RdmPlaygroundCredit;

/* Credits @playground's journeys with every model and @options (NULL for
 * the defaults). A converting journey without a touch goes to "(none)"
 * ("No touch"), as in every project. Each journey stands for one visitor
 * and a conversion worth 1. A model that cannot run (Markov when nothing
 * converts) gets a NULL credit and a message. */
RdmPlaygroundCredit *rdm_playground_attribute (const RdmPlayground *playground,
                                               const RdmModelOptions *options);
void rdm_playground_credit_free (RdmPlaygroundCredit *credit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmPlaygroundCredit, rdm_playground_credit_free)

/* The index of @model in rdm_playground_models, or -1. */
int rdm_playground_model_index (RdmModel model);

/* The credit @credit's model @model gives channel @name (0 when none). */
double
rdm_playground_credit_of (const RdmPlaygroundCredit *credit, RdmModel model, const char *name);

/* How @model credits journey @journey: NULL with @error set when the
 * journey did not convert (G_IO_ERROR_INVALID_DATA, a sentence for people)
 * or the model could not run. Markov's removal effects and Shapley's
 * coalitions are those of the playground's journeys. */
RdmExplanation *rdm_playground_explain (const RdmPlaygroundCredit *credit,
                                        guint journey,
                                        RdmModel model,
                                        GError **error);

/* Markov's arithmetic in the words of the explanation: the sum of every
 * channel's removal effect (NAN when Markov could not run), and the
 * chance of converting without part @part of @e, P × (1 − RE). */
double rdm_playground_removal_effect_sum (const RdmPlaygroundCredit *credit);
double rdm_playground_probability_without (const RdmExplanation *e, guint part);

/* The simulated-world panel: a small world of the demo's twelve channels
 * (RDM_PLAYGROUND_WORLD_VISITORS visitors, 13 weeks) whose effects,
 * baseline and view-through effect the trainer sets, every model run on
 * it with the default windows, and each one's distance to the truth. */
#define RDM_PLAYGROUND_WORLD_VISITORS 6000

RdmWorldSettings *rdm_playground_world_settings_new (void);

typedef struct
{
  guint n_visitors; /* seen: with a touch or a conversion */
  guint n_touches;
  guint n_conversions;
  double baseline_conversions; /* would happen with every channel removed */
  RdmTruth *truth;
  GPtrArray *credits;                            /* RdmCredit *, rdm_playground_models order */
  RdmTruthError errors[RDM_PLAYGROUND_N_MODELS]; /* by model, same order */
  guint *rank;                                   /* model indices, closest first */
  char *reading;                                 /* rdm_truth_reading(), or NULL */
} RdmPlaygroundWorld;

/* Draws the world of @settings and runs every model on it. Thread-safe:
 * it touches nothing but its arguments. */
RdmPlaygroundWorld *rdm_playground_world_run (const RdmWorldSettings *settings,
                                              GCancellable *cancellable,
                                              GError **error);
void rdm_playground_world_free (RdmPlaygroundWorld *world);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmPlaygroundWorld, rdm_playground_world_free)

/* The truth of channel @name in @world (0 when it caused nothing). */
double rdm_playground_world_truth_of (const RdmPlaygroundWorld *world, const char *name);

G_END_DECLS
