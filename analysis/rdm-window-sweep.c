/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "rdm-attribution.h"
#include "rdm-path-builder.h"
#include "rdm-window-sweep.h"

const double rdm_window_sweep_default_windows[RDM_WINDOW_SWEEP_N_DEFAULT_WINDOWS]
    = { 1, 7, 14, 30, 60, 90 };

void
rdm_window_sweep_free (RdmWindowSweep *sweep)
{
  if (sweep == NULL)
    return;
  g_free (sweep->windows);
  g_strfreev (sweep->label_names);
  g_free (sweep->conversions);
  g_free (sweep->value);
  g_free (sweep->total_conversions);
  g_free (sweep);
}

RdmWindowSweep *
rdm_window_sweep_compute (const RdmEventStore *store,
                          const RdmPathOptions *path_options,
                          const guint8 *visitor_mask,
                          RdmModel model,
                          const RdmModelOptions *model_options,
                          const double *windows,
                          guint n_windows,
                          GCancellable *cancellable,
                          GError **error)
{
  g_autoptr (GPtrArray) credits = g_ptr_array_new_with_free_func ((GDestroyNotify)rdm_credit_free);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autoptr (GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  RdmPathOptions options = *path_options;
  RdmWindowSweep *sweep;

  for (guint w = 0; w < n_windows; w++)
    {
      g_autoptr (RdmPathSet) paths = NULL;
      RdmCredit *credit;

      options.click_window_days = windows[w];
      paths = rdm_path_builder_build (store, &options, visitor_mask, error);
      if (paths == NULL)
        return NULL;
      credit = rdm_attribute (paths, model, model_options, cancellable, error);
      if (credit == NULL)
        return NULL;
      g_ptr_array_add (credits, credit);
      /* Labels in order of first appearance, so that a label only some
       * windows credit (such as "(none)") still gets one row. */
      for (guint i = 0; i < credit->n_labels; i++)
        if (!g_hash_table_contains (index, credit->label_names[i]))
          {
            g_hash_table_insert (index, credit->label_names[i], GUINT_TO_POINTER (names->len));
            g_ptr_array_add (names, credit->label_names[i]);
          }
    }

  sweep = g_new0 (RdmWindowSweep, 1);
  sweep->n_windows = n_windows;
  sweep->windows = g_memdup2 (windows, sizeof (double) * n_windows);
  sweep->n_labels = names->len;
  sweep->label_names = g_new0 (char *, names->len + 1);
  for (guint i = 0; i < names->len; i++)
    sweep->label_names[i] = g_strdup (g_ptr_array_index (names, i));
  sweep->conversions = g_new0 (double, (gsize)n_windows * names->len);
  sweep->value = g_new0 (double, (gsize)n_windows * names->len);
  sweep->total_conversions = g_new0 (double, n_windows);
  for (guint w = 0; w < n_windows; w++)
    {
      const RdmCredit *credit = g_ptr_array_index (credits, w);

      sweep->total_conversions[w] = credit->total_conversions;
      for (guint i = 0; i < credit->n_labels; i++)
        {
          guint k = GPOINTER_TO_UINT (g_hash_table_lookup (index, credit->label_names[i]));

          sweep->conversions[(gsize)w * names->len + k] = credit->conversions[i];
          sweep->value[(gsize)w * names->len + k] = credit->value[i];
        }
    }
  return sweep;
}

double
rdm_window_sweep_conversions (const RdmWindowSweep *sweep, guint window, guint label)
{
  return sweep->conversions[(gsize)window * sweep->n_labels + label];
}

double
rdm_window_sweep_value (const RdmWindowSweep *sweep, guint window, guint label)
{
  return sweep->value[(gsize)window * sweep->n_labels + label];
}
