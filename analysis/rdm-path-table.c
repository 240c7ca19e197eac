/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Path text ("a > b > c") into path-set rows: see rdm-path-table.h.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "rdm-model.h"
#include "rdm-path-table.h"

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

gboolean
rdm_path_set_add_path_text (RdmPathSet *set,
                            const char *path_text,
                            double conversions,
                            double value,
                            double nulls,
                            GError **error)
{
  return rdm_path_set_add_path_row (set, path_text, NULL, conversions, value, nulls, error);
}

gboolean
rdm_path_set_add_path_row (RdmPathSet *set,
                           const char *path_text,
                           const char *touch_kinds,
                           double conversions,
                           double value,
                           double nulls,
                           GError **error)
{
  g_autoptr (GArray) starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr (GArray) lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  const char *p = path_text;
  guint32 row;

  g_return_val_if_fail (set != NULL, FALSE);
  g_return_val_if_fail (path_text != NULL, FALSE);

  if (!(isfinite (conversions) && conversions >= 0))
    {
      g_set_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_INVALID_DATA,
                   _ ("Expected a number of conversions of zero or more"));
      return FALSE;
    }
  if (!(isfinite (nulls) && nulls >= 0))
    {
      g_set_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_INVALID_DATA,
                   _ ("Expected a number of non-converting journeys of zero or more"));
      return FALSE;
    }
  if (!isfinite (value))
    {
      g_set_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_INVALID_DATA,
                   _ ("Expected a finite conversion value"));
      return FALSE;
    }

  /* first pass: find every name, so that a bad path changes nothing */
  for (;;)
    {
      const char *begin, *end, *next = strchr (p, '>');
      gsize start, length;

      if (next == NULL)
        next = p + strlen (p);
      begin = p;
      end = next;
      while (begin < end && is_blank (*begin))
        begin++;
      while (end > begin && is_blank (end[-1]))
        end--;
      if (begin == end)
        {
          if (*next == '\0' && starts->len == 0)
            g_set_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_PARSE,
                         _ ("Column %u: expected at least one channel in the path"),
                         (guint)(begin - path_text) + 1);
          else if (*next == '\0')
            g_set_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_PARSE,
                         _ ("Column %u: expected a channel name after “>”"),
                         (guint)(begin - path_text) + 1);
          else
            g_set_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_PARSE,
                         _ ("Column %u: expected a channel name before “>”"),
                         (guint)(begin - path_text) + 1);
          return FALSE;
        }
      start = (gsize)(begin - path_text);
      length = (gsize)(end - begin);
      g_array_append_val (starts, start);
      g_array_append_val (lengths, length);
      if (*next == '\0')
        break;
      p = next + 1;
    }

  if (touch_kinds != NULL
      && (strlen (touch_kinds) != starts->len || strspn (touch_kinds, "cv") != starts->len))
    {
      g_set_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_PARSE,
                   _ ("Expected one touch kind per channel of the path (c for a click, v for a "
                      "view): the path has %u channels, the kinds are “%s”"),
                   starts->len, touch_kinds);
      return FALSE;
    }
  for (guint i = 0; i < starts->len; i++)
    {
      g_autofree char *name = g_strndup (path_text + g_array_index (starts, gsize, i),
                                         g_array_index (lengths, gsize, i));
      guint32 label
          = rdm_path_set_intern_label (set, name, g_ascii_strcasecmp (name, "direct") == 0);

      rdm_path_set_add_touch (
          set, label,
          touch_kinds != NULL && touch_kinds[i] == 'v' ? RDM_TOUCH_VIEW : RDM_TOUCH_CLICK, NAN);
    }
  row = rdm_path_set_n_rows (set);
  rdm_path_set_end_row (set, conversions, value, nulls, row);
  return TRUE;
}
