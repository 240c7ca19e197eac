/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include "rdm-csv-writer.h"

struct _RdmCsvWriter
{
  GString *text;
  gboolean row_started; /* a field was added since the last end of row */
};

RdmCsvWriter *
rdm_csv_writer_new (void)
{
  RdmCsvWriter *writer = g_new0 (RdmCsvWriter, 1);

  writer->text = g_string_new (NULL);
  return writer;
}

void
rdm_csv_writer_free (RdmCsvWriter *writer)
{
  if (writer == NULL)
    return;
  g_string_free (writer->text, TRUE);
  g_free (writer);
}

/* Whether @text reads as a number a spreadsheet would take as such
 * ("-12.5", "+3", "1e-5"), which needs no apostrophe even though it starts
 * with a sign. */
static gboolean
is_plain_number (const char *text)
{
  char *end = NULL;

  if (*text == '\0' || g_ascii_isspace (*text))
    return FALSE;
  g_ascii_strtod (text, &end);
  if (end == text || *end != '\0')
    return FALSE;
  /* strtod also reads "inf", "nan" and hexadecimal */
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && strchr ("+-.eE", *p) == NULL)
      return FALSE;
  return TRUE;
}

static void
append_field (GString *out, const char *text)
{
  gboolean formula = (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@'
                      || text[0] == '\t' || text[0] == '\r')
                     && !is_plain_number (text);
  gboolean quote = strpbrk (text, ",\"\r\n") != NULL;

  if (quote)
    g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

char *
rdm_csv_field (const char *text)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);
  append_field (out, text);
  return g_string_free (out, FALSE);
}

static void
start_field (RdmCsvWriter *writer)
{
  if (writer->row_started)
    g_string_append_c (writer->text, ',');
  writer->row_started = TRUE;
}

void
rdm_csv_writer_add_text (RdmCsvWriter *writer, const char *text)
{
  g_return_if_fail (writer != NULL);

  start_field (writer);
  append_field (writer->text, text != NULL ? text : "");
}

void
rdm_csv_writer_add_number (RdmCsvWriter *writer, double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (writer != NULL);

  start_field (writer);
  if (isfinite (value))
    g_string_append (writer->text, g_ascii_formatd (buffer, sizeof buffer, "%.17g", value));
}

void
rdm_csv_writer_add_int (RdmCsvWriter *writer, gint64 value)
{
  g_return_if_fail (writer != NULL);

  start_field (writer);
  g_string_append_printf (writer->text, "%" G_GINT64_FORMAT, value);
}

void
rdm_csv_writer_end_row (RdmCsvWriter *writer)
{
  g_return_if_fail (writer != NULL);

  g_string_append (writer->text, "\r\n");
  writer->row_started = FALSE;
}

const char *
rdm_csv_writer_get_text (RdmCsvWriter *writer)
{
  g_return_val_if_fail (writer != NULL, NULL);
  return writer->text->str;
}

gboolean
rdm_csv_writer_save (RdmCsvWriter *writer, const char *path, GError **error)
{
  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return g_file_set_contents (path, writer->text->str, (gssize)writer->text->len, error);
}
