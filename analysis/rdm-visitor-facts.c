/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RdmVisitorFacts: see rdm-visitor-facts.h.
 *
 * Columns grow together: adding a visitor appends one zero to every
 * per-visitor column and, every 64 visitors, one zero word to every bitmap,
 * so evaluation never has to bounds-check a column against n_visitors.
 */

#include "config.h"

#include "rdm-filter.h"
#include "rdm-visitor-facts.h"

RdmVisitorFacts *
rdm_visitor_facts_new (void)
{
  RdmVisitorFacts *facts = g_new0 (RdmVisitorFacts, 1);

  facts->attribute_keys = g_ptr_array_new_with_free_func (g_free);
  facts->attribute_key_index = g_hash_table_new (g_str_hash, g_str_equal);
  facts->attribute_columns = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  facts->attribute_values = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  facts->attribute_value_index
      = g_ptr_array_new_with_free_func ((GDestroyNotify)g_hash_table_unref);
  facts->channel_names = g_ptr_array_new_with_free_func (g_free);
  facts->channel_index = g_hash_table_new (g_str_hash, g_str_equal);
  facts->channel_touched = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  facts->touches = g_array_new (FALSE, TRUE, sizeof (guint32));
  facts->impressions = g_array_new (FALSE, TRUE, sizeof (guint32));
  facts->clicks = g_array_new (FALSE, TRUE, sizeof (guint32));
  facts->visits = g_array_new (FALSE, TRUE, sizeof (guint32));
  facts->conversions = g_array_new (FALSE, TRUE, sizeof (guint32));
  facts->value = g_array_new (FALSE, TRUE, sizeof (double));
  facts->first_channel = g_array_new (FALSE, TRUE, sizeof (guint32));
  facts->last_channel = g_array_new (FALSE, TRUE, sizeof (guint32));
  facts->converted = g_array_new (FALSE, TRUE, sizeof (guint64));
  return facts;
}

void
rdm_visitor_facts_free (RdmVisitorFacts *facts)
{
  if (facts == NULL)
    return;
  /* the index tables' keys are the strings owned by the name arrays */
  g_hash_table_unref (facts->attribute_key_index);
  g_ptr_array_unref (facts->attribute_value_index);
  g_ptr_array_unref (facts->attribute_values);
  g_ptr_array_unref (facts->attribute_columns);
  g_ptr_array_unref (facts->attribute_keys);
  g_hash_table_unref (facts->channel_index);
  g_ptr_array_unref (facts->channel_names);
  g_ptr_array_unref (facts->channel_touched);
  g_array_unref (facts->touches);
  g_array_unref (facts->impressions);
  g_array_unref (facts->clicks);
  g_array_unref (facts->visits);
  g_array_unref (facts->conversions);
  g_array_unref (facts->value);
  g_array_unref (facts->first_channel);
  g_array_unref (facts->last_channel);
  g_array_unref (facts->converted);
  g_free (facts);
}

guint32
rdm_visitor_facts_add_visitor (RdmVisitorFacts *facts)
{
  guint32 v;
  guint32 none = RDM_VISITOR_FACTS_NO_CHANNEL;
  gsize n_words;

  g_return_val_if_fail (facts != NULL, 0);
  g_return_val_if_fail (facts->n_visitors < G_MAXUINT32 - 1, 0);

  v = facts->n_visitors++;
  g_array_set_size (facts->touches, facts->n_visitors);
  g_array_set_size (facts->impressions, facts->n_visitors);
  g_array_set_size (facts->clicks, facts->n_visitors);
  g_array_set_size (facts->visits, facts->n_visitors);
  g_array_set_size (facts->conversions, facts->n_visitors);
  g_array_set_size (facts->value, facts->n_visitors);
  g_array_append_val (facts->first_channel, none);
  g_array_append_val (facts->last_channel, none);
  for (guint k = 0; k < facts->attribute_columns->len; k++)
    g_array_set_size (g_ptr_array_index (facts->attribute_columns, k), facts->n_visitors);

  n_words = rdm_bitmap_n_words (facts->n_visitors);
  if (facts->converted->len < n_words)
    {
      g_array_set_size (facts->converted, n_words);
      for (guint c = 0; c < facts->channel_touched->len; c++)
        g_array_set_size (g_ptr_array_index (facts->channel_touched, c), n_words);
    }
  return v;
}

guint32
rdm_visitor_facts_intern_attribute (RdmVisitorFacts *facts, const char *key)
{
  gpointer found;
  char *copy;
  GArray *column;

  g_return_val_if_fail (facts != NULL, 0);
  g_return_val_if_fail (key != NULL, 0);

  found = g_hash_table_lookup (facts->attribute_key_index, key);
  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  copy = g_strdup (key);
  g_ptr_array_add (facts->attribute_keys, copy);
  g_hash_table_insert (facts->attribute_key_index, copy,
                       GUINT_TO_POINTER (facts->attribute_keys->len));
  column = g_array_new (FALSE, TRUE, sizeof (guint32));
  g_array_set_size (column, facts->n_visitors);
  g_ptr_array_add (facts->attribute_columns, column);
  g_ptr_array_add (facts->attribute_values, g_ptr_array_new_with_free_func (g_free));
  g_ptr_array_add (facts->attribute_value_index, g_hash_table_new (g_str_hash, g_str_equal));
  return facts->attribute_keys->len - 1;
}

guint32
rdm_visitor_facts_intern_channel (RdmVisitorFacts *facts, const char *name)
{
  gpointer found;
  char *copy;
  GArray *bitmap;

  g_return_val_if_fail (facts != NULL, 0);
  g_return_val_if_fail (name != NULL, 0);

  found = g_hash_table_lookup (facts->channel_index, name);
  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  copy = g_strdup (name);
  g_ptr_array_add (facts->channel_names, copy);
  g_hash_table_insert (facts->channel_index, copy, GUINT_TO_POINTER (facts->channel_names->len));
  bitmap = g_array_new (FALSE, TRUE, sizeof (guint64));
  g_array_set_size (bitmap, rdm_bitmap_n_words (facts->n_visitors));
  g_ptr_array_add (facts->channel_touched, bitmap);
  return facts->channel_names->len - 1;
}

void
rdm_visitor_facts_set_attribute (RdmVisitorFacts *facts,
                                 guint32 visitor,
                                 const char *key,
                                 const char *value)
{
  guint32 k;
  guint32 id = 0;

  g_return_if_fail (facts != NULL);
  g_return_if_fail (visitor < facts->n_visitors);
  g_return_if_fail (key != NULL);

  k = rdm_visitor_facts_intern_attribute (facts, key);
  if (value != NULL)
    {
      GHashTable *index = g_ptr_array_index (facts->attribute_value_index, k);
      GPtrArray *values = g_ptr_array_index (facts->attribute_values, k);

      id = GPOINTER_TO_UINT (g_hash_table_lookup (index, value));
      if (id == 0)
        {
          char *copy = g_strdup (value);

          g_ptr_array_add (values, copy);
          id = values->len;
          g_hash_table_insert (index, copy, GUINT_TO_POINTER (id));
        }
    }
  g_array_index ((GArray *)g_ptr_array_index (facts->attribute_columns, k), guint32, visitor) = id;
}

void
rdm_visitor_facts_add_touch (RdmVisitorFacts *facts,
                             guint32 visitor,
                             guint32 channel,
                             guint interaction)
{
  GArray *bitmap;
  GArray *counter;

  g_return_if_fail (facts != NULL);
  g_return_if_fail (visitor < facts->n_visitors);
  g_return_if_fail (channel < facts->channel_names->len);
  g_return_if_fail (interaction <= 2);

  g_array_index (facts->touches, guint32, visitor)++;
  counter = interaction == 0   ? facts->impressions
            : interaction == 1 ? facts->clicks
                               : facts->visits;
  g_array_index (counter, guint32, visitor)++;
  if (g_array_index (facts->first_channel, guint32, visitor) == RDM_VISITOR_FACTS_NO_CHANNEL)
    g_array_index (facts->first_channel, guint32, visitor) = channel;
  g_array_index (facts->last_channel, guint32, visitor) = channel;
  bitmap = g_ptr_array_index (facts->channel_touched, channel);
  g_array_index (bitmap, guint64, visitor / 64) |= G_GUINT64_CONSTANT (1) << (visitor % 64);
}

void
rdm_visitor_facts_add_conversion (RdmVisitorFacts *facts, guint32 visitor, double value)
{
  g_return_if_fail (facts != NULL);
  g_return_if_fail (visitor < facts->n_visitors);

  g_array_index (facts->conversions, guint32, visitor)++;
  g_array_index (facts->value, double, visitor) += value;
  g_array_index (facts->converted, guint64, visitor / 64) |= G_GUINT64_CONSTANT (1)
                                                             << (visitor % 64);
}

RdmFilterSchema *
rdm_visitor_facts_schema (const RdmVisitorFacts *facts)
{
  RdmFilterSchema *schema;

  g_return_val_if_fail (facts != NULL, NULL);

  schema = rdm_filter_schema_new ();
  for (guint k = 0; k < facts->attribute_keys->len; k++)
    {
      const char *key = g_ptr_array_index (facts->attribute_keys, k);
      GPtrArray *values = g_ptr_array_index (facts->attribute_values, k);

      rdm_filter_schema_add_attribute (schema, key);
      for (guint i = 0; i < values->len; i++)
        rdm_filter_schema_add_attribute_value (schema, key, g_ptr_array_index (values, i));
    }
  for (guint c = 0; c < facts->channel_names->len; c++)
    rdm_filter_schema_add_channel (schema, g_ptr_array_index (facts->channel_names, c));
  return schema;
}

guint64 *
rdm_bitmap_new (guint32 n_bits)
{
  return g_new0 (guint64, MAX (rdm_bitmap_n_words (n_bits), 1));
}

guint64
rdm_bitmap_count (const guint64 *bitmap, guint32 n_bits)
{
  gsize full = n_bits / 64;
  guint64 count = 0;

  g_return_val_if_fail (bitmap != NULL || n_bits == 0, 0);

  for (gsize i = 0; i < full; i++)
    count += (guint64)__builtin_popcountll (bitmap[i]);
  if (n_bits % 64 != 0)
    count += (guint64)__builtin_popcountll (bitmap[full]
                                            & ((G_GUINT64_CONSTANT (1) << (n_bits % 64)) - 1));
  return count;
}
