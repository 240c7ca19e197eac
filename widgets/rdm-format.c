/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "rdm-format.h"

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
