/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "rdm-format.h"

#include <locale.h>
#include <math.h>
#include <string.h>

/* printf's ' flag groups thousands with the locale's separator, which GLib
 * does not offer; g_strdup_printf() uses the system printf on glibc. */
char *
rdm_format_count (gint64 value)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, value);
}

char *
rdm_format_amount (double value)
{
  return rdm_format_fixed (value, 2);
}

char *
rdm_format_fixed (double value, int decimals)
{
  if (value == 0)
    value = 0; /* no "-0.00" */
  return g_strdup_printf ("%'.*f", decimals, value);
}

gboolean
rdm_format_parse_number (const char *text, double *out_value)
{
  const struct lconv *conventions = localeconv ();
  const char *group = conventions->thousands_sep != NULL ? conventions->thousands_sep : "";
  const char *mark = conventions->decimal_point != NULL ? conventions->decimal_point : ".";
  g_autoptr (GString) plain = g_string_new (NULL);
  gboolean digits = FALSE, decimal = FALSE;
  char *end = NULL;

  for (const char *p = text; *p != '\0';)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar)-1 || c == (gunichar)-2)
        return FALSE;
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (plain, *p);
          digits = TRUE;
        }
      else if ((c == '-' || c == 0x2212 || c == '+') && plain->len == 0 && !digits)
        g_string_append_c (plain, c == '+' ? '+' : '-');
      else if (mark[0] != '\0' && g_str_has_prefix (p, mark) && !decimal)
        {
          g_string_append_c (plain, '.');
          decimal = TRUE;
          p += strlen (mark);
          continue;
        }
      else if (group[0] != '\0' && g_str_has_prefix (p, group) && !decimal)
        {
          /* a separator only between groups of three digits: "1,5" in
           * en_US is a slip for 1.5, not 15 */
          const char *after = p + strlen (group);
          guint run = 0;

          while (g_ascii_isdigit (after[run]))
            run++;
          if (!digits || run != 3
              || !(after[run] == '\0' || g_str_has_prefix (after + run, group)
                   || g_str_has_prefix (after + run, mark) || g_ascii_isspace (after[run])))
            return FALSE;
          p = after;
          continue;
        }
      else if (c == '.' && !decimal && strcmp (group, ".") != 0)
        {
          g_string_append_c (plain, '.');
          decimal = TRUE;
        }
      else if (!(g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F))
        return FALSE;
      p = g_utf8_next_char (p);
    }
  if (!digits)
    return FALSE;
  *out_value = g_ascii_strtod (plain->str, &end);
  return end != NULL && *end == '\0' && isfinite (*out_value);
}

/* The ISO code follows the amount: amounts are never converted, so the code
 * says which currency they were recorded in. */
char *
rdm_format_money (double value, const char *currency)
{
  g_autofree char *amount = rdm_format_amount (value);

  if (currency == NULL || *currency == '\0')
    return g_steal_pointer (&amount);
  return g_strdup_printf ("%s %s", amount, currency);
}

char *
rdm_format_time (gint64 epoch_seconds)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_unix_local (epoch_seconds);

  if (time == NULL)
    return g_strdup ("");
  return g_date_time_format (time, "%x %X");
}

/* Days are stored as 00:00 UTC, so they are shown in UTC: in local time a
 * day west of Greenwich would show as the day before. */
char *
rdm_format_day (gint64 epoch_day)
{
  g_autoptr (GDateTime) day = g_date_time_new_from_unix_utc (epoch_day);

  if (day == NULL)
    return g_strdup ("");
  return g_date_time_format (day, "%x");
}
