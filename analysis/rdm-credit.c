/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RdmCredit: see rdm-credit.h.
 */

#include "config.h"

#include "rdm-credit.h"

gboolean
rdm_path_set_has_empty_conversions (const RdmPathSet *set)
{
  const guint32 *offsets = (const guint32 *)set->offsets->data;
  const double *conversions = (const double *)set->conversions->data;
  guint n_rows = rdm_path_set_n_rows (set);

  for (guint r = 0; r < n_rows; r++)
    if (conversions[r] > 0 && offsets[r] == offsets[r + 1])
      return TRUE;
  return FALSE;
}

RdmCredit *
rdm_credit_new (const RdmPathSet *set, RdmModel model, gboolean needs_none)
{
  RdmCredit *credit = g_new0 (RdmCredit, 1);
  guint n = rdm_path_set_n_labels (set);
  gboolean add_none = needs_none && !g_hash_table_contains (set->label_index, RDM_NO_TOUCH_LABEL);

  credit->model = model;
  credit->n_labels = n + (add_none ? 1 : 0);
  credit->label_names = g_new0 (char *, credit->n_labels + 1);
  for (guint i = 0; i < n; i++)
    credit->label_names[i] = g_strdup (rdm_path_set_label_name (set, i));
  if (add_none)
    credit->label_names[n] = g_strdup (RDM_NO_TOUCH_LABEL);
  credit->conversions = g_new0 (double, credit->n_labels);
  credit->value = g_new0 (double, credit->n_labels);
  credit->click_conversions = g_new0 (double, credit->n_labels);
  credit->view_conversions = g_new0 (double, credit->n_labels);
  credit->click_value = g_new0 (double, credit->n_labels);
  credit->view_value = g_new0 (double, credit->n_labels);
  return credit;
}

void
rdm_credit_free (RdmCredit *credit)
{
  if (credit == NULL)
    return;
  g_strfreev (credit->label_names);
  g_free (credit->conversions);
  g_free (credit->value);
  g_free (credit->click_conversions);
  g_free (credit->view_conversions);
  g_free (credit->click_value);
  g_free (credit->view_value);
  g_free (credit->removal_effect);
  g_free (credit->ci_low);
  g_free (credit->ci_high);
  g_free (credit->ci_value_low);
  g_free (credit->ci_value_high);
  g_free (credit->note);
  g_free (credit);
}

int
rdm_credit_find_label (const RdmCredit *credit, const char *name)
{
  for (guint i = 0; i < credit->n_labels; i++)
    if (g_str_equal (credit->label_names[i], name))
      return (int)i;
  return -1;
}

void
rdm_credit_add_no_touch (RdmCredit *credit,
                         const RdmPathSet *set,
                         double *out_conversions,
                         double *out_value)
{
  const double *conversions = (const double *)set->conversions->data;
  const double *values = (const double *)set->value->data;
  guint32 no_touch = rdm_path_set_no_touch_label (set);
  guint n_rows = rdm_path_set_n_rows (set);
  double sum_conversions = 0, sum_value = 0;

  for (guint r = 0; r < n_rows; r++)
    {
      if (!(conversions[r] > 0) || rdm_path_set_row_is_touched (set, r, no_touch))
        continue;
      sum_conversions += conversions[r];
      sum_value += values[r];
    }
  if (sum_conversions > 0)
    {
      /* such a row exists, so rdm_credit_new() has the label */
      int none = rdm_credit_find_label (credit, RDM_NO_TOUCH_LABEL);

      g_assert (none >= 0);
      credit->conversions[none] += sum_conversions;
      credit->value[none] += sum_value;
    }
  *out_conversions = sum_conversions;
  *out_value = sum_value;
}

void
rdm_credit_add_note (RdmCredit *credit, const char *sentence)
{
  char *joined;

  if (credit->note == NULL)
    {
      credit->note = g_strdup (sentence);
      return;
    }
  joined = g_strconcat (credit->note, " ", sentence, NULL);
  g_free (credit->note);
  credit->note = joined;
}

void
rdm_credit_split_by_touches (RdmCredit *credit,
                             const RdmPathSet *set,
                             const RdmModelOptions *options)
{
  const guint32 *offsets = (const guint32 *)set->offsets->data;
  const double *conversions = (const double *)set->conversions->data;
  const double *nulls = (const double *)set->nulls->data;
  const guint32 *label = (const guint32 *)set->touch_label->data;
  const guint8 *kind = (const guint8 *)set->touch_kind->data;
  guint n_rows = rdm_path_set_n_rows (set);
  guint n_labels = credit->n_labels;
  g_autofree double *click = g_new0 (double, 2 * n_labels);
  g_autofree double *view = g_new0 (double, 2 * n_labels);
  g_autofree guint32 *kept = NULL;
  guint max_len = 0;

  for (guint r = 0; r < n_rows; r++)
    max_len = MAX (max_len, offsets[r + 1] - offsets[r]);
  kept = g_new (guint32, MAX (max_len, 1));

  /* click[l], view[l]: over converting rows, views weighted;
   * click[n_labels + l], view[n_labels + l]: over all rows, unweighted, the
   * fallback (a label seen only as views with a view weight of 0 still
   * splits as views) */
  for (guint r = 0; r < n_rows; r++)
    {
      double w_conv = conversions[r], w_all = conversions[r] + nulls[r];
      guint n = rdm_model_options_filter_row (options, set, r, kept);

      for (guint k = 0; k < n; k++)
        {
          guint32 l = label[kept[k]];
          double *into = kind[kept[k]] == RDM_TOUCH_VIEW ? view : click;
          double scale = kind[kept[k]] == RDM_TOUCH_VIEW ? options->view_weight : 1.0;

          into[l] += scale * w_conv;
          into[n_labels + l] += w_all;
        }
    }

  for (guint l = 0; l < n_labels; l++)
    {
      double c = click[l], v = view[l], share;

      if (c + v <= 0)
        {
          c = click[n_labels + l];
          v = view[n_labels + l];
        }
      share = c + v > 0 ? c / (c + v) : 1.0;
      credit->click_conversions[l] = credit->conversions[l] * share;
      credit->view_conversions[l] = credit->conversions[l] - credit->click_conversions[l];
      credit->click_value[l] = credit->value[l] * share;
      credit->view_value[l] = credit->value[l] - credit->click_value[l];
    }
}
