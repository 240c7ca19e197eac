/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Numbers and dates as the user reads them: grouped thousands and the
 * decimal mark of LC_NUMERIC, dates of LC_TIME. For display only; machine
 * output uses rdm_cli_format_number(). */
char *rdm_format_count (gint64 value);
char *rdm_format_amount (double value);
/* @value with @decimals decimals, thousands grouped as the locale does. */
char *rdm_format_fixed (double value, int decimals);
char *rdm_format_money (double value, const char *currency);
/* A number as the user types it back: the inverse of rdm_format_fixed(),
 * with or without the locale's thousands separators (only between groups
 * of three digits) or spaces of any width, with the locale's decimal mark
 * (or '.', where the locale does not group with it), a leading sign.
 * FALSE for anything else. */
gboolean rdm_format_parse_number (const char *text, double *out_value);
char *rdm_format_time (gint64 epoch_seconds);
char *rdm_format_day (gint64 epoch_day);

G_END_DECLS
