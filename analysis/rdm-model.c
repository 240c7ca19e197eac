/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Model names and options: see rdm-model.h.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rdm-model.h"

/* The quark name is a bare dashed token, which clang-format would split. */
/* clang-format off */
G_DEFINE_QUARK (rdm-model-error-quark, rdm_model_error)
/* clang-format on */

static const char *const model_names[RDM_MODEL_N_MODELS] = {
  [RDM_MODEL_FIRST] = "first",
  [RDM_MODEL_LAST] = "last",
  [RDM_MODEL_LAST_NON_DIRECT] = "last-non-direct",
  [RDM_MODEL_LINEAR] = "linear",
  [RDM_MODEL_POSITION] = "position",
  [RDM_MODEL_TIME_DECAY] = "time-decay",
  [RDM_MODEL_POSITION_DECAY] = "position-decay",
  [RDM_MODEL_CUSTOM] = "custom",
  [RDM_MODEL_MARKOV] = "markov",
  [RDM_MODEL_SHAPLEY] = "shapley",
};

/* the names people read, in the locale's language: context "model" keeps
 * them apart from the same English words elsewhere ("Custom", "Linear") */
static const char *const model_display_names[RDM_MODEL_N_MODELS] = {
  [RDM_MODEL_FIRST] = NC_ ("model", "First touch"),
  [RDM_MODEL_LAST] = NC_ ("model", "Last touch"),
  [RDM_MODEL_LAST_NON_DIRECT] = NC_ ("model", "Last non-direct"),
  [RDM_MODEL_LINEAR] = NC_ ("model", "Linear"),
  [RDM_MODEL_POSITION] = NC_ ("model", "Position-based"),
  [RDM_MODEL_TIME_DECAY] = NC_ ("model", "Time decay"),
  [RDM_MODEL_POSITION_DECAY] = NC_ ("model", "Position decay"),
  [RDM_MODEL_CUSTOM] = NC_ ("model", "Custom"),
  [RDM_MODEL_MARKOV] = NC_ ("model", "Markov chain"),
  [RDM_MODEL_SHAPLEY] = NC_ ("model", "Shapley value"),
};

const char *
rdm_model_display_name (RdmModel model)
{
  g_return_val_if_fail ((guint)model < RDM_MODEL_N_MODELS, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "model", model_display_names[model]);
}

const char *
rdm_model_to_string (RdmModel model)
{
  g_return_val_if_fail ((guint)model < RDM_MODEL_N_MODELS, NULL);
  return model_names[model];
}

gboolean
rdm_model_from_string (const char *name, RdmModel *out_model)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < RDM_MODEL_N_MODELS; i++)
    {
      if (g_str_equal (name, model_names[i]))
        {
          if (out_model != NULL)
            *out_model = (RdmModel)i;
          return TRUE;
        }
    }
  return FALSE;
}

void
rdm_model_options_init (RdmModelOptions *options)
{
  *options = (RdmModelOptions){
    .first_weight = RDM_MODEL_DEFAULT_FIRST_PERCENT / 100.0,
    .middle_weight = RDM_MODEL_DEFAULT_MIDDLE_PERCENT / 100.0,
    .last_weight = RDM_MODEL_DEFAULT_LAST_PERCENT / 100.0,
    .half_life_days = RDM_MODEL_DEFAULT_HALF_LIFE_DAYS,
    .markov_order = RDM_MODEL_DEFAULT_MARKOV_ORDER,
    .click_priority = FALSE,
    .view_weight = RDM_MODEL_DEFAULT_VIEW_PERCENT / 100.0,
    .multipliers = NULL,
  };
}

void
rdm_model_options_clear (RdmModelOptions *options)
{
  g_clear_pointer (&options->multipliers, g_hash_table_unref);
}

void
rdm_model_options_set_multiplier (RdmModelOptions *options, const char *label, double factor)
{
  g_return_if_fail (label != NULL);

  if (options->multipliers == NULL)
    options->multipliers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_replace (options->multipliers, g_strdup (label), g_memdup2 (&factor, sizeof factor));
}

double
rdm_model_options_get_multiplier (const RdmModelOptions *options, const char *label)
{
  const double *factor;

  if (options->multipliers == NULL)
    return 1.0;
  factor = g_hash_table_lookup (options->multipliers, label);
  return factor != NULL ? *factor : 1.0;
}

static gboolean
check_non_negative (double x, const char *name, GError **error)
{
  if (isfinite (x) && x >= 0)
    return TRUE;
  g_set_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_INVALID_OPTIONS,
               /* Translators: %s is an option name such as "first weight" */
               _ ("The %s must be a finite number of zero or more"), name);
  return FALSE;
}

gboolean
rdm_model_options_validate (const RdmModelOptions *options, GError **error)
{
  GHashTableIter iter;
  gpointer key, factor;

  if (!check_non_negative (options->first_weight, _ ("first weight"), error)
      || !check_non_negative (options->middle_weight, _ ("middle weight"), error)
      || !check_non_negative (options->last_weight, _ ("last weight"), error)
      || !check_non_negative (options->view_weight, _ ("view-through weight"), error))
    return FALSE;
  if (options->first_weight + options->middle_weight + options->last_weight <= 0)
    {
      g_set_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_INVALID_OPTIONS,
                   _ ("The first, middle and last weights cannot all be zero"));
      return FALSE;
    }
  if (!(isfinite (options->half_life_days) && options->half_life_days > 0))
    {
      g_set_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_INVALID_OPTIONS,
                   _ ("The half-life must be a positive number of days"));
      return FALSE;
    }
  if (options->markov_order < 1 || options->markov_order > 4)
    {
      g_set_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_INVALID_OPTIONS,
                   _ ("The Markov order must be 1, 2, 3 or 4, not %u"), options->markov_order);
      return FALSE;
    }
  if (options->multipliers != NULL)
    {
      g_hash_table_iter_init (&iter, options->multipliers);
      while (g_hash_table_iter_next (&iter, &key, &factor))
        {
          double x = *(double *)factor;

          if (!(isfinite (x) && x >= 0))
            {
              g_set_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_INVALID_OPTIONS,
                           _ ("The multiplier of “%s” must be a finite number of zero or more"),
                           (const char *)key);
              return FALSE;
            }
        }
    }
  return TRUE;
}

guint
rdm_model_options_filter_row (const RdmModelOptions *options,
                              const RdmPathSet *set,
                              guint row,
                              guint32 *out)
{
  const guint32 *offsets = (const guint32 *)set->offsets->data;
  const guint8 *kind = (const guint8 *)set->touch_kind->data;
  guint32 begin = offsets[row], end = offsets[row + 1];
  gboolean has_click = FALSE, has_view = FALSE;
  guint n = 0;

  if (options->click_priority)
    {
      for (guint32 t = begin; t < end; t++)
        {
          if (kind[t] == RDM_TOUCH_VIEW)
            has_view = TRUE;
          else
            has_click = TRUE;
        }
    }
  if (has_click && has_view)
    {
      for (guint32 t = begin; t < end; t++)
        if (kind[t] != RDM_TOUCH_VIEW)
          out[n++] = t;
      return n;
    }
  for (guint32 t = begin; t < end; t++)
    out[n++] = t;
  return n;
}
