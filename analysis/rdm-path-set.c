/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RdmPathSet: see rdm-path-set.h.
 */

#include "config.h"

#include <math.h>

#include "rdm-large-array.h"
#include "rdm-path-set.h"

RdmPathSet *
rdm_path_set_new (gboolean has_times)
{
  RdmPathSet *set = g_new0 (RdmPathSet, 1);
  guint32 zero = 0;

  set->label_names = g_ptr_array_new_with_free_func (g_free);
  set->label_is_direct = g_byte_array_new ();
  set->label_index = g_hash_table_new (g_str_hash, g_str_equal);
  set->offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_array_append_val (set->offsets, zero);
  set->conversions = g_array_new (FALSE, FALSE, sizeof (double));
  set->value = g_array_new (FALSE, FALSE, sizeof (double));
  set->nulls = g_array_new (FALSE, FALSE, sizeof (double));
  set->visitor = g_array_new (FALSE, FALSE, sizeof (guint32));
  set->touch_label = g_array_new (FALSE, FALSE, sizeof (guint32));
  set->touch_kind = g_array_new (FALSE, FALSE, sizeof (guint8));
  set->touch_age = g_array_new (FALSE, FALSE, sizeof (double));
  set->has_times = has_times;
  return set;
}

void
rdm_path_set_free (RdmPathSet *set)
{
  if (set == NULL)
    return;
  /* the hash table's keys are the strings owned by label_names */
  g_hash_table_unref (set->label_index);
  g_ptr_array_unref (set->label_names);
  g_byte_array_unref (set->label_is_direct);
  g_array_unref (set->offsets);
  g_array_unref (set->conversions);
  g_array_unref (set->value);
  g_array_unref (set->nulls);
  g_array_unref (set->visitor);
  g_array_unref (set->touch_label);
  g_array_unref (set->touch_kind);
  g_array_unref (set->touch_age);
  g_free (set);
}

guint32
rdm_path_set_intern_label (RdmPathSet *set, const char *name, gboolean is_direct)
{
  gpointer found = g_hash_table_lookup (set->label_index, name);
  char *copy;
  guint8 direct = is_direct ? 1 : 0;

  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;
  copy = g_strdup (name);
  g_ptr_array_add (set->label_names, copy);
  g_byte_array_append (set->label_is_direct, &direct, 1);
  g_hash_table_insert (set->label_index, copy, GUINT_TO_POINTER (set->label_names->len));
  return set->label_names->len - 1;
}

void
rdm_path_set_reserve (RdmPathSet *set, guint n_rows, guint n_touches)
{
  g_return_if_fail (set != NULL);

  rdm_large_array_reserve (set->offsets, n_rows + 1);
  rdm_large_array_reserve (set->conversions, n_rows);
  rdm_large_array_reserve (set->value, n_rows);
  rdm_large_array_reserve (set->nulls, n_rows);
  rdm_large_array_reserve (set->visitor, n_rows);
  rdm_large_array_reserve (set->touch_label, n_touches);
  rdm_large_array_reserve (set->touch_kind, n_touches);
  rdm_large_array_reserve (set->touch_age, n_touches);
}

void
rdm_path_set_add_touch (RdmPathSet *set, guint32 label, RdmTouchKind kind, double age_seconds)
{
  guint8 kind_byte = (guint8)kind;

  g_return_if_fail (label < set->label_names->len);
  g_array_append_val (set->touch_label, label);
  g_array_append_val (set->touch_kind, kind_byte);
  g_array_append_val (set->touch_age, age_seconds);
}

void
rdm_path_set_end_row (
    RdmPathSet *set, double conversions, double value, double nulls, guint32 visitor)
{
  guint32 end = set->touch_label->len;

  g_array_append_val (set->offsets, end);
  g_array_append_val (set->conversions, conversions);
  g_array_append_val (set->value, value);
  g_array_append_val (set->nulls, nulls);
  g_array_append_val (set->visitor, visitor);
  if (visitor + 1 > set->n_visitors)
    set->n_visitors = visitor + 1;
}

RdmPathSet *
rdm_path_set_rename_labels (const RdmPathSet *set, GHashTable *new_names, const char *fallback)
{
  RdmPathSet *renamed = rdm_path_set_new (set->has_times);
  g_autofree guint32 *label_of = g_new (guint32, set->label_names->len);

  for (guint l = 0; l < set->label_names->len; l++)
    {
      const char *name = set->label_names->pdata[l];
      const char *new_name = g_hash_table_lookup (new_names, name);

      if (g_str_equal (name, RDM_NO_TOUCH_LABEL))
        new_name = name;
      else if (new_name == NULL)
        new_name = fallback;
      label_of[l] = rdm_path_set_intern_label (renamed, new_name, set->label_is_direct->data[l]);
    }
  rdm_path_set_reserve (renamed, rdm_path_set_n_rows (set), set->touch_label->len);
  for (guint r = 0; r < rdm_path_set_n_rows (set); r++)
    {
      guint32 start = g_array_index (set->offsets, guint32, r);
      guint32 end = g_array_index (set->offsets, guint32, r + 1);

      for (guint32 t = start; t < end; t++)
        rdm_path_set_add_touch (renamed, label_of[g_array_index (set->touch_label, guint32, t)],
                                g_array_index (set->touch_kind, guint8, t),
                                g_array_index (set->touch_age, double, t));
      rdm_path_set_end_row (renamed, g_array_index (set->conversions, double, r),
                            g_array_index (set->value, double, r),
                            g_array_index (set->nulls, double, r),
                            g_array_index (set->visitor, guint32, r));
    }
  return renamed;
}

guint
rdm_path_set_n_rows (const RdmPathSet *set)
{
  return set->conversions->len;
}

guint
rdm_path_set_n_labels (const RdmPathSet *set)
{
  return set->label_names->len;
}

const char *
rdm_path_set_label_name (const RdmPathSet *set, guint32 label)
{
  g_return_val_if_fail (label < set->label_names->len, NULL);
  return set->label_names->pdata[label];
}

guint32
rdm_path_set_no_touch_label (const RdmPathSet *set)
{
  gpointer found = g_hash_table_lookup (set->label_index, RDM_NO_TOUCH_LABEL);

  return found != NULL ? GPOINTER_TO_UINT (found) - 1 : G_MAXUINT32;
}

gboolean
rdm_path_set_row_is_touched (const RdmPathSet *set, guint row, guint32 no_touch_label)
{
  const guint32 *offsets = (const guint32 *)set->offsets->data;
  const guint32 *label = (const guint32 *)set->touch_label->data;

  for (guint32 t = offsets[row]; t < offsets[row + 1]; t++)
    if (label[t] != no_touch_label)
      return TRUE;
  return FALSE;
}
