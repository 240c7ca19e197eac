/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rdm-path-set.h"

G_BEGIN_DECLS

/* The attribution models of SPEC.md, "Attribution". */
typedef enum
{
  RDM_MODEL_FIRST,
  RDM_MODEL_LAST,
  RDM_MODEL_LAST_NON_DIRECT,
  RDM_MODEL_LINEAR,
  RDM_MODEL_POSITION,
  RDM_MODEL_TIME_DECAY,
  RDM_MODEL_POSITION_DECAY,
  RDM_MODEL_CUSTOM,
  RDM_MODEL_MARKOV,
  RDM_MODEL_SHAPLEY,
} RdmModel;

#define RDM_MODEL_N_MODELS (RDM_MODEL_SHAPLEY + 1)

#define RDM_MODEL_ERROR (rdm_model_error_quark ())

typedef enum
{
  RDM_MODEL_ERROR_INVALID_OPTIONS, /* an option is out of its range */
  RDM_MODEL_ERROR_INVALID_DATA,    /* negative or non-finite counts in the path set */
  RDM_MODEL_ERROR_NEEDS_TIMES,     /* time decay over a path table without touch times */
  RDM_MODEL_ERROR_NO_CONVERSIONS,  /* Markov: the chain never reaches conversion */
  RDM_MODEL_ERROR_SINGULAR,        /* Markov: states that never reach conversion or null */
  RDM_MODEL_ERROR_NOT_CONVERGED,   /* Markov: the iterative solver did not converge */
  RDM_MODEL_ERROR_TOO_MANY_LABELS, /* Shapley: a converting journey has too many labels */
  RDM_MODEL_ERROR_PARSE,           /* path text that is not "a > b > c" */
  RDM_MODEL_ERROR_UNKNOWN_LABEL,   /* a channel the project's journeys never name */
} RdmModelError;

GQuark rdm_model_error_quark (void);

/* The stable machine name ("first", "last-non-direct", ...), used by the
 * CLI and in saved comparisons. */
const char *rdm_model_to_string (RdmModel model);
gboolean rdm_model_from_string (const char *name, RdmModel *out_model);
/* The model's name for people ("Linear", "Markov chain"), translated; JSON,
 * CSV and saved settings keep rdm_model_to_string(). */
const char *rdm_model_display_name (RdmModel model);

/* The defaults of rdm_model_options_init(); every front end takes them
 * from here. The half-life is in days. Weights are set in percent, as the
 * window shows them: their hundredths are exactly the engine's fractions
 * (40 / 100.0 is the double nearest 0.4), whereas 0.4 * 100 is not 40. */
#define RDM_MODEL_DEFAULT_FIRST_PERCENT 40
#define RDM_MODEL_DEFAULT_MIDDLE_PERCENT 20
#define RDM_MODEL_DEFAULT_LAST_PERCENT 40
#define RDM_MODEL_DEFAULT_VIEW_PERCENT 100
#define RDM_MODEL_DEFAULT_HALF_LIFE_DAYS 7
#define RDM_MODEL_DEFAULT_MARKOV_ORDER 1

/* Options of every model; rdm_model_options_init() sets the defaults. */
typedef struct
{
  /* position-based and custom: weights of the first touch, of all the
   * middle touches together and of the last touch (0.4 / 0.2 / 0.4) */
  double first_weight;
  double middle_weight;
  double last_weight;
  double half_life_days;   /* time decay; default 7 */
  guint markov_order;      /* 1 .. 4; default 1 */
  gboolean click_priority; /* drop views from a path that has a click */
  double view_weight;      /* a view touch counts this much of a click; default 1 */
  GHashTable *multipliers; /* custom: label name -> double *, owned; NULL = none */
} RdmModelOptions;

void rdm_model_options_init (RdmModelOptions *options);
void rdm_model_options_clear (RdmModelOptions *options);
void rdm_model_options_set_multiplier (RdmModelOptions *options, const char *label, double factor);
/* The custom model's factor for @label: 1 unless set. */
double rdm_model_options_get_multiplier (const RdmModelOptions *options, const char *label);
gboolean rdm_model_options_validate (const RdmModelOptions *options, GError **error);

/* Copies into @out (room for the row's length) the indices of the touches
 * of @row that the models see: all of them, or only the clicks when click
 * priority is on and the row has a click. Returns how many. */
guint rdm_model_options_filter_row (const RdmModelOptions *options,
                                    const RdmPathSet *set,
                                    guint row,
                                    guint32 *out);

G_END_DECLS
