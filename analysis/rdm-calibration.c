/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Calibration of attribution credit by incrementality experiments (SPEC.md,
 * "Incrementality and ground truth"; the idea of Google's and Meta's
 * "calibrated attribution", e.g. Google's Meridian and Meta's Robyn
 * calibrate models on lift tests the same way).
 *
 * Credit is not incrementality: a model shares out every conversion,
 * including those that would have happened anyway. An experiment measures
 * how many conversions a channel caused over some dates. For a channel c
 * with experiments e (its incremental conversions I_e, and C_e, the
 * model's credit of c over the dates of e):
 *
 *   factor(c) = Σ_e I_e / Σ_e C_e
 *
 * (one experiment: I / C). Its value factor is Σ_e V_e / Σ_e CV_e when
 * every experiment of c measured an incremental value V_e and the model
 * credits c some value CV_e over their dates, else factor(c): the
 * conversions measured, at the model's value per conversion.
 *
 * A channel without experiments takes the conversion-weighted mean of the
 * tested channels' factors, weighted by C(c) = Σ_e C_e, which is
 * Σ_c Σ_e I_e / Σ_c Σ_e C_e (the value factor: Σ_c C(c) × value factor(c)
 * / Σ_c C(c)), or 1 with "untested keep". A channel with C(c) = 0 has no
 * factor (dividing by 0): the note says so and it counts as untested.
 *
 * Calibrated credit is factor × credit for every label but "(none)": the
 * conversions with no touch were never any channel's, and stay as they
 * are. What the scaling takes away goes to a "(baseline)" label, so that
 * the credits still sum to the conversions and value analysed:
 *
 *   baseline = Σ_l credit(l) − Σ_l factor(l) × credit(l)
 *
 * A factor above 1 (the channel caused more than the model credits it)
 * makes the baseline smaller; it may go below 0, which is kept (the sum
 * rule holds) and said in the note: the experiments and the model disagree
 * by more than the conversions analysed.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "rdm-calibration.h"

const char *
rdm_factor_source_to_string (RdmFactorSource source)
{
  switch (source)
    {
    case RDM_FACTOR_EXPERIMENT:
      return "experiment";
    case RDM_FACTOR_MEAN_OF_TESTED:
      return "mean of tested";
    case RDM_FACTOR_KEPT:
    default:
      return "kept";
    }
}

static void
factor_clear (RdmCalibrationFactor *factor)
{
  g_clear_pointer (&factor->channel, g_free);
}

static GArray *
factor_array_new (void)
{
  GArray *array = g_array_new (FALSE, TRUE, sizeof (RdmCalibrationFactor));

  g_array_set_clear_func (array, (GDestroyNotify)factor_clear);
  return array;
}

static void
add_note (char **note, const char *sentence)
{
  char *joined = *note == NULL ? g_strdup (sentence) : g_strconcat (*note, " ", sentence, NULL);

  g_free (*note);
  *note = joined;
}

/* Sums over one channel's experiments. */
typedef struct
{
  const char *channel;
  double incremental;
  double credited;
  double incremental_value;
  double credited_value;
  gboolean all_values; /* every experiment measured a value */
} ChannelSums;

RdmCalibration *
rdm_calibration_new (const RdmExperimentCredit *experiments,
                     guint n_experiments,
                     RdmUntested untested)
{
  RdmCalibration *calibration = g_new0 (RdmCalibration, 1);
  g_autoptr (GArray) sums = g_array_new (FALSE, TRUE, sizeof (ChannelSums));
  double weight = 0, weighted = 0, weighted_value = 0;

  g_return_val_if_fail (experiments != NULL || n_experiments == 0, calibration);

  calibration->tested = factor_array_new ();
  calibration->untested = untested;
  for (guint e = 0; e < n_experiments; e++)
    {
      const RdmExperimentCredit *x = &experiments[e];
      ChannelSums *s = NULL;

      for (guint i = 0; i < sums->len && s == NULL; i++)
        if (g_str_equal (g_array_index (sums, ChannelSums, i).channel, x->channel))
          s = &g_array_index (sums, ChannelSums, i);
      if (s == NULL)
        {
          ChannelSums fresh = { x->channel, 0, 0, 0, 0, TRUE };

          g_array_append_val (sums, fresh);
          s = &g_array_index (sums, ChannelSums, sums->len - 1);
        }
      s->incremental += x->incremental_conversions;
      s->credited += x->credited_conversions;
      s->credited_value += x->credited_value;
      if (isnan (x->incremental_value))
        s->all_values = FALSE;
      else
        s->incremental_value += x->incremental_value;
    }

  for (guint i = 0; i < sums->len; i++)
    {
      const ChannelSums *s = &g_array_index (sums, ChannelSums, i);
      RdmCalibrationFactor factor = { 0 };

      if (!(s->credited > 0))
        {
          g_autofree char *sentence = g_strdup_printf (
              _ ("The model credits %s with no conversion over the dates of its experiments, so "
                 "they cannot calibrate it: it is treated as untested."),
              s->channel);

          add_note (&calibration->note, sentence);
          continue;
        }
      factor.channel = g_strdup (s->channel);
      factor.factor = s->incremental / s->credited;
      factor.value_factor = s->all_values && s->credited_value > 0
                                ? s->incremental_value / s->credited_value
                                : factor.factor;
      factor.source = RDM_FACTOR_EXPERIMENT;
      g_array_append_val (calibration->tested, factor);
      weight += s->credited;
      weighted += s->credited * factor.factor;
      weighted_value += s->credited * factor.value_factor;
    }

  calibration->untested_factor = 1;
  calibration->untested_value_factor = 1;
  calibration->untested_source = RDM_FACTOR_KEPT;
  if (untested == RDM_UNTESTED_MEAN && weight > 0)
    {
      calibration->untested_factor = weighted / weight;
      calibration->untested_value_factor = weighted_value / weight;
      calibration->untested_source = RDM_FACTOR_MEAN_OF_TESTED;
    }
  else if (untested == RDM_UNTESTED_MEAN)
    add_note (&calibration->note, _ ("No experiment could calibrate a channel, so untested "
                                     "channels keep their credit."));
  return calibration;
}

void
rdm_calibration_free (RdmCalibration *calibration)
{
  if (calibration == NULL)
    return;
  g_clear_pointer (&calibration->tested, g_array_unref);
  g_clear_pointer (&calibration->label_channels, g_hash_table_unref);
  g_free (calibration->note);
  g_free (calibration);
}

void
rdm_calibration_set_label_channel (RdmCalibration *calibration,
                                   const char *label,
                                   const char *channel)
{
  g_return_if_fail (calibration != NULL && label != NULL && channel != NULL);

  if (calibration->label_channels == NULL)
    calibration->label_channels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_replace (calibration->label_channels, g_strdup (label), g_strdup (channel));
}

RdmCalibrationFactor
rdm_calibration_lookup (const RdmCalibration *calibration, const char *channel)
{
  RdmCalibrationFactor factor = { 0 };

  for (guint i = 0; i < calibration->tested->len; i++)
    {
      const RdmCalibrationFactor *tested
          = &g_array_index (calibration->tested, RdmCalibrationFactor, i);

      if (g_str_equal (tested->channel, channel))
        {
          factor = *tested;
          factor.channel = NULL;
          return factor;
        }
    }
  factor.factor = calibration->untested_factor;
  factor.value_factor = calibration->untested_value_factor;
  factor.source = calibration->untested_source;
  return factor;
}

static const char *
channel_of (const RdmCalibration *calibration, const char *label)
{
  const char *channel = calibration->label_channels != NULL
                            ? g_hash_table_lookup (calibration->label_channels, label)
                            : NULL;

  return channel != NULL ? channel : label;
}

static int
find_factor (GArray *factors, const char *channel)
{
  for (guint i = 0; i < factors->len; i++)
    if (g_str_equal (g_array_index (factors, RdmCalibrationFactor, i).channel, channel))
      return (int)i;
  return -1;
}

static double *
copy_with_room (const double *values, guint n)
{
  double *copy = g_new0 (double, n + 1);

  /* a credit without labels has no arrays to copy */
  if (n > 0)
    memcpy (copy, values, n * sizeof (double));
  return copy;
}

void
rdm_calibrated_free (RdmCalibrated *calibrated)
{
  if (calibrated == NULL)
    return;
  g_clear_pointer (&calibrated->credit, rdm_credit_free);
  g_clear_pointer (&calibrated->factors, g_array_unref);
  g_free (calibrated->label_factor);
  g_free (calibrated);
}

RdmCalibrated *
rdm_calibration_apply (const RdmCalibration *calibration, const RdmCredit *credit)
{
  g_autoptr (RdmCalibrated) calibrated = g_new0 (RdmCalibrated, 1);
  guint n = credit->n_labels;
  RdmCredit *out = g_new0 (RdmCredit, 1);
  double removed_click = 0, removed_view = 0, removed_click_value = 0, removed_view_value = 0;
  double baseline;

  g_return_val_if_fail (calibration != NULL && credit != NULL, NULL);

  calibrated->credit = out;
  calibrated->factors = factor_array_new ();
  calibrated->label_factor = g_new (int, n + 1);
  for (guint i = 0; i <= n; i++)
    calibrated->label_factor[i] = -1;
  out->model = credit->model;
  out->n_labels = n + 1;
  out->label_names = g_new0 (char *, n + 2);
  for (guint i = 0; i < n; i++)
    out->label_names[i] = g_strdup (credit->label_names[i]);
  out->label_names[n] = g_strdup (RDM_BASELINE_LABEL);
  out->conversions = copy_with_room (credit->conversions, n);
  out->value = copy_with_room (credit->value, n);
  out->click_conversions = copy_with_room (credit->click_conversions, n);
  out->view_conversions = copy_with_room (credit->view_conversions, n);
  out->click_value = copy_with_room (credit->click_value, n);
  out->view_value = copy_with_room (credit->view_value, n);
  out->total_conversions = credit->total_conversions;
  out->total_value = credit->total_value;
  out->has_removal_effects = credit->has_removal_effects;
  out->baseline_probability = credit->baseline_probability;
  out->n_states = credit->n_states;
  if (credit->removal_effect != NULL)
    out->removal_effect = copy_with_room (credit->removal_effect, n);
  out->n_resamples = credit->n_resamples;
  if (credit->ci_low != NULL)
    {
      out->ci_low = copy_with_room (credit->ci_low, n);
      out->ci_high = copy_with_room (credit->ci_high, n);
      out->ci_value_low = copy_with_room (credit->ci_value_low, n);
      out->ci_value_high = copy_with_room (credit->ci_value_high, n);
      out->ci_low[n] = out->ci_high[n] = out->ci_value_low[n] = out->ci_value_high[n] = NAN;
    }
  out->note = g_strdup (credit->note);

  for (guint i = 0; i < n; i++)
    {
      const char *channel;
      RdmCalibrationFactor factor;

      if (g_str_equal (credit->label_names[i], RDM_NO_TOUCH_LABEL))
        continue;
      channel = channel_of (calibration, credit->label_names[i]);
      factor = rdm_calibration_lookup (calibration, channel);
      calibrated->label_factor[i] = find_factor (calibrated->factors, channel);
      if (calibrated->label_factor[i] < 0)
        {
          calibrated->label_factor[i] = (int)calibrated->factors->len;
          factor.channel = g_strdup (channel);
          g_array_append_val (calibrated->factors, factor);
          factor.channel = NULL;
        }
      out->click_conversions[i] = factor.factor * credit->click_conversions[i];
      out->view_conversions[i] = factor.factor * credit->view_conversions[i];
      out->click_value[i] = factor.value_factor * credit->click_value[i];
      out->view_value[i] = factor.value_factor * credit->view_value[i];
      out->conversions[i] = out->click_conversions[i] + out->view_conversions[i];
      out->value[i] = out->click_value[i] + out->view_value[i];
      removed_click += credit->click_conversions[i] - out->click_conversions[i];
      removed_view += credit->view_conversions[i] - out->view_conversions[i];
      removed_click_value += credit->click_value[i] - out->click_value[i];
      removed_view_value += credit->view_value[i] - out->view_value[i];
      if (out->ci_low != NULL)
        {
          out->ci_low[i] *= factor.factor;
          out->ci_high[i] *= factor.factor;
          out->ci_value_low[i] *= factor.value_factor;
          out->ci_value_high[i] *= factor.value_factor;
        }
    }
  /* tested channels without credit in this credit still have a factor */
  for (guint t = 0; t < calibration->tested->len; t++)
    {
      RdmCalibrationFactor factor = g_array_index (calibration->tested, RdmCalibrationFactor, t);

      if (find_factor (calibrated->factors, factor.channel) >= 0)
        continue;
      factor.channel = g_strdup (factor.channel);
      g_array_append_val (calibrated->factors, factor);
    }

  out->click_conversions[n] = removed_click;
  out->view_conversions[n] = removed_view;
  out->click_value[n] = removed_click_value;
  out->view_value[n] = removed_view_value;
  out->conversions[n] = removed_click + removed_view;
  out->value[n] = removed_click_value + removed_view_value;

  if (calibration->note != NULL)
    rdm_credit_add_note (out, calibration->note);
  baseline = out->conversions[n];
  /* a rounding error's worth below 0 is 0, not a disagreement */
  if (baseline < -1e-9 * MAX (1.0, fabs (credit->total_conversions)))
    {
      g_autofree char *sentence = g_strdup_printf (
          _ ("The experiments give the channels %.2f conversions more than were analysed, so the "
             "Baseline is negative: the model and the experiments disagree."),
          -baseline);

      rdm_credit_add_note (out, sentence);
    }
  return g_steal_pointer (&calibrated);
}
