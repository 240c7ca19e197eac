/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ad-platform exports (Google Ads, Meta Ads Manager, LinkedIn Campaign
 * Manager), as the user downloads them: each row lands as a media cost and
 * a campaign daily row, on the channel the project's channel rules give the
 * platform's source and medium (or the one the user chose for the file).
 *
 * What these files hold besides rows, and how it is read:
 * - title lines before the header: rdm-import.c finds the header;
 * - total rows at the end ("Total: Account", "Total : compte"), skipped and
 *   counted; a data row after them means the file was edited or pasted
 *   together, and is refused;
 * - Meta's summary row (no campaign name), skipped and counted;
 * - numbers as the platform writes them: digit grouping ("1,234.56", or
 *   "1 234,56" in French), "--" for none (read as 0);
 * - a currency, in a column or in an amount's header ("Cost (EUR)"): one
 *   per file, and the same as the project's earlier imports that said
 *   theirs, since amounts in two currencies cannot be added up;
 * - Meta rows without a daily breakdown cover "Reporting starts" to
 *   "Reporting ends": their cost and counts are spread evenly over those
 *   days (cost to the cent, counts to the unit, the remainder on the first
 *   days, so that the sums are the file's), and the report says so.
 */

#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "rdm-import-private.h"

/* Longest range a row may cover: beyond a year, spreading a row evenly
 * over its days says nothing worth storing. */
#define MAX_RANGE_DAYS 366

/* An ISO 4217 code: three ASCII letters, kept in upper case. */
static gboolean
read_currency_code (const char *text, gsize length, char code[4])
{
  if (length != 3)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    {
      if (!g_ascii_isalpha (text[i]))
        return FALSE;
      code[i] = g_ascii_toupper (text[i]);
    }
  code[3] = '\0';
  return TRUE;
}

/* The project's currency, as the first earlier import that named one
 * said, when it differs from @code. */
static gboolean
check_project_currency (Import *import, const char *code, GError **error)
{
  sqlite3_stmt *stmt
      = _rdm_import_prepare (import,
                             "SELECT currency, file_name, imported_at FROM import_log"
                             " WHERE currency IS NOT NULL AND currency <> ?1 AND id <> ?2"
                             " ORDER BY id LIMIT 1",
                             error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, import->import_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr (GDateTime) when = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 2));
      g_autofree char *date = when != NULL ? g_date_time_format (when, "%Y-%m-%d") : g_strdup ("?");

      /* TRANSLATORS: "FILE: the file is in USD but this project's costs are
       * in EUR (imported from OTHER-FILE on 2026-12-06)…" */
      g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_CURRENCY,
                   _ ("%s: the file is in %s but this project’s costs are in %s (imported from "
                      "%s on %s): expected amounts in %s; download the report in that currency, "
                      "or keep a project per currency"),
                   rdm_csv_reader_get_name (import->reader), code, sqlite3_column_text (stmt, 0),
                   sqlite3_column_text (stmt, 1), date, sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
_rdm_import_platform_start (Import *import, GError **error)
{
  int cost = import->columns[PL_COST];
  const char *header = import->header[cost];
  gsize length = strlen (header);

  /* "Amount spent (EUR)" */
  if (length > 6 && header[length - 1] == ')' && header[length - 5] == '('
      && header[length - 6] == ' ' && read_currency_code (header + length - 4, 3, import->currency))
    {
      import->currency_line = 0;
      if (!check_project_currency (import, import->currency, error))
        return FALSE;
    }
  /* Meta's rows cover a range unless the export is broken down by day */
  import->spread_range
      = import->preset->platform->id == PLATFORM_META && import->columns[PL_END_DATE] >= 0
        && g_ascii_strcasecmp (import->header[import->columns[PL_DATE]], "Day") != 0;
  return TRUE;
}

/* A total row: its first field that says anything starts with "Total"
 * then a colon ("Total: Account", "Total : compte", "Total: Campaigns"). */
static gboolean
is_total_row (Import *import)
{
  guint n = rdm_csv_reader_get_n_fields (import->reader);

  for (guint i = 0; i < n; i++)
    {
      const char *text = rdm_csv_reader_get_field (import->reader, i, NULL);

      while (*text == ' ' || *text == '\t')
        text++;
      if (*text == '\0' || g_str_has_prefix (text, "--"))
        continue;
      if (g_ascii_strncasecmp (text, "total", 5) != 0)
        return FALSE;
      /* French puts a space, often a no-break one, before the colon */
      for (text += 5;;)
        if (*text == ' ')
          text++;
        else if (g_str_has_prefix (text, "\xC2\xA0"))
          text += 2;
        else if (g_str_has_prefix (text, "\xE2\x80\xAF"))
          text += 3;
        else
          break;
      return *text == ':';
    }
  return FALSE;
}

/* The length of a digit-group separator at @p, 0 if none: ',' with a
 * decimal point; with a decimal comma a space, a no-break space (U+00A0)
 * or a narrow no-break space (U+202F), as French spreadsheets write. */
static gsize
group_separator (const char *p, char decimal)
{
  if (decimal == '.')
    return *p == ',';
  if (*p == ' ')
    return 1;
  if (g_str_has_prefix (p, "\xC2\xA0"))
    return 2;
  if (g_str_has_prefix (p, "\xE2\x80\xAF"))
    return 3;
  return 0;
}

/* A number as the platform writes it: "1,234.56" ("1 234,56" with a
 * decimal comma), groups of three digits after the first, an optional
 * minus sign; "" and "--" (no data) read as 0. */
static gboolean
parse_platform_number (const char *text, char decimal, double *value)
{
  char copy[64];
  gsize n = 0;
  guint group = 0; /* digits in the current group */
  gboolean grouped = FALSE;
  const char *p = text;

  if (*p == '\0' || g_str_equal (p, "--"))
    {
      *value = 0;
      return TRUE;
    }
  if (*p == '-')
    copy[n++] = *p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  for (;; p++)
    {
      gsize separator = group_separator (p, decimal);

      if (g_ascii_isdigit (*p))
        {
          if (n + 2 >= sizeof copy)
            return FALSE;
          copy[n++] = *p;
          group++;
          continue;
        }
      if (separator > 0)
        {
          /* 1 to 3 digits before the first separator, then exactly 3 */
          if (group == 0 || group > 3 || (grouped && group != 3))
            return FALSE;
          grouped = TRUE;
          group = 0;
          p += separator - 1;
          continue;
        }
      break;
    }
  if (grouped && group != 3)
    return FALSE;
  if (*p == decimal)
    {
      copy[n++] = '.';
      if (!g_ascii_isdigit (*++p))
        return FALSE;
      for (; g_ascii_isdigit (*p); p++)
        {
          if (n + 2 >= sizeof copy)
            return FALSE;
          copy[n++] = *p;
        }
    }
  if (*p != '\0')
    return FALSE;
  copy[n] = '\0';
  *value = g_ascii_strtod (copy, NULL);
  return isfinite (*value);
}

static const char *
number_example (Import *import)
{
  return import->preset->platform->decimal == ','
             ? _ ("“1 234,56”, with or without digit grouping, or “--” for none")
             : _ ("“1,234.56”, with or without digit grouping, or “--” for none");
}

static gboolean
get_amount (Import *import, int column, double *value, GError **error)
{
  if (!parse_platform_number (_rdm_import_text_field (import, column),
                              import->preset->platform->decimal, value)
      || *value < 0)
    /* TRANSLATORS: %s is an example of a number as the platform writes it */
    return _rdm_import_bad_field (import, column, error, _ ("an amount ≥ 0 (%s)"),
                                  number_example (import));
  if (!rdm_project_amount_is_valid (*value))
    return _rdm_import_bad_field (import, column, error, "%s",
                                  _ ("a number with at most 15 digits before the decimal point"));
  return TRUE;
}

static gboolean
get_platform_count (Import *import, int column, gint64 *value, GError **error)
{
  double number;

  if (import->columns[column] < 0)
    {
      *value = 0;
      return TRUE;
    }
  if (!parse_platform_number (_rdm_import_text_field (import, column),
                              import->preset->platform->decimal, &number)
      || number < 0 || number != floor (number) || number > 1e15)
    /* TRANSLATORS: %s is an example of a number as the platform writes it */
    return _rdm_import_bad_field (import, column, error, _ ("a whole number ≥ 0 (%s)"),
                                  number_example (import));
  *value = (gint64)number;
  return TRUE;
}

/* A day: ISO 8601 as Google Ads and Meta write it; LinkedIn's English
 * export writes M/D/YYYY, read as such. */
static gboolean
get_platform_day (Import *import, int column, gint64 *day, GError **error)
{
  const char *text = _rdm_import_text_field (import, column);
  g_autofree char *swapped = NULL;
  gboolean parsed;

  if (import->preset->platform->month_first)
    {
      g_auto (GStrv) parts = g_strsplit (text, "/", -1);

      if (g_strv_length (parts) == 3)
        swapped = g_strdup_printf ("%s/%s/%s", parts[1], parts[0], parts[2]);
    }
  parsed = rdm_csv_parse_time (swapped != NULL ? swapped : text, day);
  if (!parsed || *day < RDM_PROJECT_EARLIEST_TIME || *day > RDM_PROJECT_LATEST_TIME)
    return _rdm_import_bad_field (
        import, column, error, "%s",
        import->preset->platform->month_first
            ? _ ("a date from 1970 to 2199, as M/D/YYYY (“10/31/2026”) or YYYY-MM-DD")
            : _ ("a date from 1970 to 2199, as YYYY-MM-DD (“2026-10-31”)"));
  *day = rdm_csv_day_of (*day);
  return TRUE;
}

/* The row's currency, when its column says one: the same on every row, and
 * the same as the header's. */
static gboolean
check_row_currency (Import *import, GError **error)
{
  const char *text = _rdm_import_text_field (import, PL_CURRENCY);
  guint64 line;
  guint column;
  char code[4];

  if (*text == '\0' || g_str_equal (text, "--"))
    return TRUE;
  if (!read_currency_code (text, strlen (text), code))
    return _rdm_import_bad_field (import, PL_CURRENCY, error, "%s",
                                  _ ("a currency code of three letters (EUR, USD…)"));
  if (import->currency[0] == '\0')
    {
      memcpy (import->currency, code, sizeof code);
      import->currency_line = rdm_csv_reader_get_line (import->reader);
      return check_project_currency (import, code, error);
    }
  if (g_str_equal (code, import->currency))
    return TRUE;
  rdm_csv_reader_get_position (import->reader, import->columns[PL_CURRENCY], &line, &column);
  if (import->currency_line == 0)
    g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_CURRENCY,
                 _ ("%s:%" PRIu64 ":%u: currency: expected %s, as the header says (“%s”), got "
                    "“%s”: a file in several currencies cannot be imported as one project’s "
                    "costs"),
                 rdm_csv_reader_get_name (import->reader), line, column, import->currency,
                 import->header[import->columns[PL_COST]], text);
  else
    g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_CURRENCY,
                 _ ("%s:%" PRIu64 ":%u: currency: expected %s, as on line %" PRIu64 ", got "
                    "“%s”: a file in several currencies cannot be imported as one project’s "
                    "costs"),
                 rdm_csv_reader_get_name (import->reader), line, column, import->currency,
                 import->currency_line, text);
  return FALSE;
}

/* The source and medium the platform tags its clicks with, which the
 * channel rules turn into a channel: google / cpc for Google Ads (display
 * and video campaigns as Google tags them), facebook or instagram /
 * paid_social for Meta, linkedin / paid_social for LinkedIn. */
static void
source_and_medium (Import *import, const char **source, const char **medium)
{
  g_autofree char *type = g_utf8_casefold (_rdm_import_text_field (import, PL_CAMPAIGN_TYPE), -1);
  g_autofree char *platform = g_utf8_casefold (_rdm_import_text_field (import, PL_PLATFORM), -1);

  switch (import->preset->platform->id)
    {
    case PLATFORM_GOOGLE_ADS:
      *source = "google";
      *medium = "cpc";
      if (g_str_equal (type, "display"))
        *medium = "display";
      else if (g_str_equal (type, "video") || g_str_equal (type, "vidéo"))
        {
          *source = "youtube";
          *medium = "cpv";
        }
      else if (g_str_equal (type, "shopping"))
        *source = "shopping.google";
      break;
    case PLATFORM_META:
      *source = g_str_equal (platform, "instagram") ? "instagram" : "facebook";
      *medium = "paid_social";
      break;
    case PLATFORM_LINKEDIN:
      *source = "linkedin";
      *medium = "paid_social";
      break;
    default:
      g_assert_not_reached ();
    }
}

typedef struct
{
  gint64 channel;
  gint64 source; /* traffic_source id, 0 for none */
} RowChannel;

/* The row's channel and traffic source: the chosen channel with no source
 * (a changed rule must not move it), or the rules' channel for the
 * platform's labels. */
static gboolean
row_channel (Import *import, const char *campaign, RowChannel *row, GError **error)
{
  const char *source, *medium;

  if (import->channel_override != NULL)
    {
      row->source = 0;
      return _rdm_import_channel_id (import, import->channel_override, &row->channel, error);
    }
  source_and_medium (import, &source, &medium);
  return _rdm_import_source_channel (import, source, medium, campaign, &row->channel, &row->source,
                                     error);
}

static gboolean
insert_day (Import *import,
            gint64 day,
            const RowChannel *channel,
            gint64 campaign,
            gint64 cents,
            double amount,
            const gint64 *counts,
            GError **error)
{
  sqlite3_stmt *stmt;

  /* a day without spend has no cost row, only its counts */
  if (cents != 0 || amount != 0)
    {
      stmt = _rdm_import_prepare (import,
                                  "INSERT INTO cost (day, channel_id, campaign_id, category,"
                                  " amount, import_id, source_id)"
                                  " VALUES (?1, ?2, ?3, 'media', ?4, ?5, ?6)",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, day);
      sqlite3_bind_int64 (stmt, 2, channel->channel);
      _rdm_import_bind_optional_id (stmt, 3, campaign);
      sqlite3_bind_double (stmt, 4, cents != 0 ? (double)cents / 100 : amount);
      sqlite3_bind_int64 (stmt, 5, import->import_id);
      _rdm_import_bind_optional_id (stmt, 6, channel->source);
      if (!_rdm_import_step_done (import, stmt, error))
        return FALSE;
    }
  stmt = _rdm_import_prepare (import,
                              "INSERT INTO campaign_daily (day, channel_id, campaign_id,"
                              " impressions, clicks, engagements, likes, shares, comments,"
                              " followers, import_id, source_id)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, day);
  sqlite3_bind_int64 (stmt, 2, channel->channel);
  _rdm_import_bind_optional_id (stmt, 3, campaign);
  for (int i = 0; i < 7; i++)
    sqlite3_bind_int64 (stmt, 4 + i, counts[i]);
  sqlite3_bind_int64 (stmt, 11, import->import_id);
  _rdm_import_bind_optional_id (stmt, 12, channel->source);
  return _rdm_import_step_done (import, stmt, error);
}

gboolean
_rdm_import_platform_row (Import *import, GError **error)
{
  const char *campaign;
  gint64 day, last_day, n_days, campaign_key, counts[7], cents;
  double amount;
  RowChannel channel;

  if (is_total_row (import))
    {
      guint64 line = rdm_csv_reader_get_line (import->reader);

      if (import->totals_first_line == 0)
        import->totals_first_line = line;
      import->totals_last_line = line;
      import->n_totals++;
      import->row_skipped = TRUE;
      return TRUE;
    }
  if (import->totals_first_line != 0)
    {
      g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                   _ ("%s:%" PRIu64 ":1: a row of data after the total rows (from line %" PRIu64
                      "): expected the total rows at the end of the report, as the platform "
                      "writes them; was the file edited or put together from several?"),
                   rdm_csv_reader_get_name (import->reader),
                   rdm_csv_reader_get_line (import->reader), import->totals_first_line);
      return FALSE;
    }
  campaign = _rdm_import_text_field (import, PL_CAMPAIGN);
  if (*campaign == '\0' && import->preset->platform->id == PLATFORM_META)
    {
      /* the summary row Ads Manager adds on request: the whole account */
      import->n_summaries++;
      import->row_skipped = TRUE;
      return TRUE;
    }
  if (*campaign == '\0' || g_str_equal (campaign, "--"))
    return _rdm_import_bad_field (import, PL_CAMPAIGN, error, "%s", _ ("a campaign name"));
  if (!get_platform_day (import, PL_DATE, &day, error))
    return FALSE;
  last_day = day;
  if (import->spread_range)
    {
      if (!get_platform_day (import, PL_END_DATE, &last_day, error))
        return FALSE;
      if (last_day < day)
        /* TRANSLATORS: %s is the text of the first day, as in the file */
        return _rdm_import_bad_field (import, PL_END_DATE, error,
                                      _ ("a last day on or after the first (%s)"),
                                      _rdm_import_text_field (import, PL_DATE));
      if ((last_day - day) / 86400 + 1 > MAX_RANGE_DAYS)
        return _rdm_import_bad_field (import, PL_END_DATE, error,
                                      _ ("a range of at most %d days: export the report with a "
                                         "breakdown by day"),
                                      MAX_RANGE_DAYS);
    }
  n_days = (last_day - day) / 86400 + 1;
  if (!check_row_currency (import, error) || !get_amount (import, PL_COST, &amount, error))
    return FALSE;
  for (int c = PL_IMPRESSIONS; c <= PL_FOLLOWERS; c++)
    if (!get_platform_count (import, c, &counts[c - PL_IMPRESSIONS], error))
      return FALSE;
  if (!row_channel (import, campaign, &channel, error)
      || !_rdm_import_campaign_id (import, channel.channel, campaign, &campaign_key, error))
    return FALSE;
  if (n_days == 1)
    return insert_day (import, day, &channel, campaign_key, 0, amount, counts, error);

  /* spread evenly: each day gets the quotient, the first days one unit of
   * the remainder each, so the days add up to the row exactly */
  import->n_spread++;
  cents = llround (amount * 100);
  for (gint64 d = 0; d < n_days; d++)
    {
      gint64 share[7];
      gint64 day_cents = cents / n_days + (d < cents % n_days);

      for (int i = 0; i < 7; i++)
        share[i] = counts[i] / n_days + (d < counts[i] % n_days);
      if (!insert_day (import, day + d * 86400, &channel, campaign_key, day_cents, 0, share, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_rdm_import_platform_finish (Import *import, GError **error)
{
  if (import->n_totals > 0)
    g_ptr_array_add (
        import->notes,
        import->totals_first_line == import->totals_last_line
            ? g_strdup_printf (_ ("line %" PRIu64 ": a total row, skipped"),
                               import->totals_first_line)
            : g_strdup_printf (_ ("lines %" PRIu64 "–%" PRIu64 ": total rows, skipped"),
                               import->totals_first_line, import->totals_last_line));
  if (import->n_summaries > 0)
    g_ptr_array_add (import->notes,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%" PRIu64 " summary row (no campaign name), "
                                                   "skipped",
                                                   "%" PRIu64 " summary rows (no campaign name), "
                                                   "skipped",
                                                   (gulong)MIN (import->n_summaries, G_MAXULONG)),
                                      import->n_summaries));
  if (import->n_spread > 0)
    g_ptr_array_add (
        import->notes,
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%" PRIu64 " row covered several days (“Reporting starts” "
                                      "to “Reporting ends”): its cost and counts were spread "
                                      "evenly over its days; export with a breakdown by day to "
                                      "import each day’s own figures",
                                      "%" PRIu64 " rows covered several days (“Reporting starts” "
                                      "to “Reporting ends”): their cost and counts were spread "
                                      "evenly over their days; export with a breakdown by day to "
                                      "import each day’s own figures",
                                      (gulong)MIN (import->n_spread, G_MAXULONG)),
                         import->n_spread));
  return TRUE;
}
