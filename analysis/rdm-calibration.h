/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rdm-credit.h"

G_BEGIN_DECLS

/* Calibrating a model's credit with incrementality experiments (SPEC.md,
 * "Incrementality and ground truth"): see rdm-calibration.c for the
 * formulas. */

/* The label of what calibration takes away from the channels: the
 * conversions that would have happened without them. Shown as
 * "Baseline", as "(none)" is shown as "No touch". */
#define RDM_BASELINE_LABEL "(baseline)"

typedef enum
{
  RDM_UNTESTED_MEAN, /* the conversion-weighted mean factor of the tested channels */
  RDM_UNTESTED_KEEP, /* factor 1: the model's credit as it is */
} RdmUntested;

typedef enum
{
  RDM_FACTOR_EXPERIMENT,     /* the channel's own experiments */
  RDM_FACTOR_MEAN_OF_TESTED, /* untested: the mean of the tested channels */
  RDM_FACTOR_KEPT,           /* untested, kept at 1 */
} RdmFactorSource;

/* "experiment", "mean of tested", "kept": the JSON and CSV names. */
const char *rdm_factor_source_to_string (RdmFactorSource source);

/* One experiment, with what the model credits its channel over the
 * experiment's dates (its first to its last day, the evaluation period of
 * a run of the same model with every other option unchanged). */
typedef struct
{
  const char *channel;
  double incremental_conversions; /* the experiment's estimate, ≥ 0 */
  double incremental_value;       /* NAN when the experiment measured none */
  double credited_conversions;    /* the model's credit of @channel over the dates, ≥ 0 */
  double credited_value;
} RdmExperimentCredit;

/* A channel's factors. */
typedef struct
{
  char *channel;
  double factor;       /* calibrated conversions = factor × credited conversions */
  double value_factor; /* calibrated value = value_factor × credited value */
  RdmFactorSource source;
} RdmCalibrationFactor;

typedef struct
{
  /* RdmCalibrationFactor, source RDM_FACTOR_EXPERIMENT: each channel
   * tested with some credit over its experiments' dates, in the order of
   * its first experiment */
  GArray *tested;
  RdmUntested untested;
  /* what an untested channel gets: the mean of the tested channels with
   * RDM_UNTESTED_MEAN and at least one of them, else 1 ("kept") */
  double untested_factor;
  double untested_value_factor;
  RdmFactorSource untested_source;
  /* at campaign level, label -> its channel (char * -> char *); a label
   * not in it (or no table) is a channel itself */
  GHashTable *label_channels;
  char *note; /* sentences for the user, or NULL */
} RdmCalibration;

/* Factors from @n_experiments experiments (any order, several per channel
 * allowed). A channel whose credit over its experiments' dates is 0 cannot
 * be calibrated: the note says so and it counts as untested. */
RdmCalibration *rdm_calibration_new (const RdmExperimentCredit *experiments,
                                     guint n_experiments,
                                     RdmUntested untested);
void rdm_calibration_free (RdmCalibration *calibration);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmCalibration, rdm_calibration_free)

/* At campaign level: the credit's label @label belongs to @channel. */
void rdm_calibration_set_label_channel (RdmCalibration *calibration,
                                        const char *label,
                                        const char *channel);

/* The factors of @channel (tested or not). */
RdmCalibrationFactor rdm_calibration_lookup (const RdmCalibration *calibration,
                                             const char *channel);

/* A calibrated credit and the factors it used. */
typedef struct
{
  /* the credit with every label but "(none)" scaled (conversions, value,
   * their click and view parts, and bootstrap intervals alike), and one
   * more label, RDM_BASELINE_LABEL, holding what the scaling removed (its
   * click part what it removed from clicks, its view part from views; no
   * interval), so that the credits still sum to total_conversions and
   * total_value; its note adds the calibration's */
  RdmCredit *credit;
  /* RdmCalibrationFactor: each channel of the credit's labels ("(none)"
   * excepted) in label order, then each tested channel the credit does not
   * name */
  GArray *factors;
  /* for each label of credit, the index of its channel in factors; -1 for
   * "(none)" and the Baseline */
  int *label_factor;
} RdmCalibrated;

/* Scales @credit (any model, any period) by @calibration. A negative
 * Baseline (the channels calibrated above the conversions analysed) is
 * kept, and the note says so. */
RdmCalibrated *rdm_calibration_apply (const RdmCalibration *calibration, const RdmCredit *credit);
void rdm_calibrated_free (RdmCalibrated *calibrated);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmCalibrated, rdm_calibrated_free)

G_END_DECLS
