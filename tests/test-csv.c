/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CSV reader and the value parsers, on hand-written input.
 */
#include "config.h"

#include <string.h>

#include "rdm-csv.h"
#include "rdm-test-util.h"

static RdmCsvReader *
reader_for (const char *text, gsize length)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, length == 0 ? strlen (text) : length);

  return rdm_csv_reader_new_for_data ("data.csv", bytes);
}

/* Reads the next record and checks its fields, given '|'-separated. */
static void
assert_record (RdmCsvReader *reader, guint64 line, const char *const *expected)
{
  g_autoptr (GError) error = NULL;
  guint n = g_strv_length ((char **)expected);

  g_assert_true (rdm_csv_reader_next (reader, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rdm_csv_reader_get_line (reader), ==, line);
  g_assert_cmpuint (rdm_csv_reader_get_n_fields (reader), ==, n);
  for (guint i = 0; i < n; i++)
    {
      gsize length;

      g_assert_cmpstr (rdm_csv_reader_get_field (reader, i, &length), ==, expected[i]);
      g_assert_cmpuint (length, ==, strlen (expected[i]));
    }
}

static void
assert_end (RdmCsvReader *reader)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (rdm_csv_reader_next (reader, &error));
  g_assert_no_error (error);
}

static void
assert_read_error (const char *text, gsize length, int code, const char *message)
{
  g_autoptr (RdmCsvReader) reader = reader_for (text, length);
  g_autoptr (GError) error = NULL;

  while (rdm_csv_reader_next (reader, &error))
    ;
  g_assert_error (error, RDM_CSV_ERROR, code);
  if (!g_str_has_prefix (error->message, message))
    g_error ("expected a message starting with “%s”, got “%s”", message, error->message);
}

static void
test_quoting (void)
{
  g_autoptr (RdmCsvReader) reader
      = reader_for ("a,b,c\n1,\"x,y\",\"he said \"\"hi\"\"\"\n\"\",,\"\"\"\"\n", 0);

  g_assert_cmpint (rdm_csv_reader_get_separator (reader), ==, ',');
  g_assert_false (rdm_csv_reader_has_bom (reader));
  assert_record (reader, 1, (const char *[]){ "a", "b", "c", NULL });
  assert_record (reader, 2, (const char *[]){ "1", "x,y", "he said \"hi\"", NULL });
  assert_record (reader, 3, (const char *[]){ "", "", "\"", NULL });
  assert_end (reader);
}

static void
test_embedded_newline (void)
{
  /* the quoted field spans lines 2 and 3, so the next record is on line 4 */
  g_autoptr (RdmCsvReader) reader = reader_for ("a,b\n\"line1\nline2\",2\n3,4", 0);
  guint64 line;
  guint column;

  assert_record (reader, 1, (const char *[]){ "a", "b", NULL });
  assert_record (reader, 2, (const char *[]){ "line1\nline2", "2", NULL });
  /* "2" is on line 3, after `line2",` (7 characters) */
  rdm_csv_reader_get_position (reader, 1, &line, &column);
  g_assert_cmpuint (line, ==, 3);
  g_assert_cmpuint (column, ==, 8);
  assert_record (reader, 4, (const char *[]){ "3", "4", NULL });
  assert_end (reader);
}

static void
test_separators (void)
{
  g_autoptr (RdmCsvReader) semicolon = reader_for ("a;b;\"c,d,e\"\n1;2,5;3\n", 0);
  g_autoptr (RdmCsvReader) comma = reader_for ("\"a;b;c\",d\n1,2\n", 0);
  g_autoptr (RdmCsvReader) tab = reader_for ("a\tb\n1\t2\n", 0);

  g_assert_cmpint (rdm_csv_reader_get_separator (semicolon), ==, ';');
  assert_record (semicolon, 1, (const char *[]){ "a", "b", "c,d,e", NULL });
  assert_record (semicolon, 2, (const char *[]){ "1", "2,5", "3", NULL });
  /* the semicolons of the header are inside quotes */
  g_assert_cmpint (rdm_csv_reader_get_separator (comma), ==, ',');
  assert_record (comma, 1, (const char *[]){ "a;b;c", "d", NULL });
  g_assert_cmpint (rdm_csv_reader_get_separator (tab), ==, '\t');
  assert_record (tab, 1, (const char *[]){ "a", "b", NULL });
  assert_record (tab, 2, (const char *[]){ "1", "2", NULL });
}

static void
test_bom_crlf_blank_lines (void)
{
  g_autoptr (RdmCsvReader) reader = reader_for ("\xEF\xBB\xBF"
                                                "a,b\r\n1,2\r\n\r\n3,\"x\r\ny\"\r\n4,5",
                                                0);
  guint64 line;
  guint column;

  g_assert_true (rdm_csv_reader_has_bom (reader));
  assert_record (reader, 1, (const char *[]){ "a", "b", NULL });
  /* the BOM is not a character of the first column */
  rdm_csv_reader_get_position (reader, 1, &line, &column);
  g_assert_cmpuint (column, ==, 3);
  assert_record (reader, 2, (const char *[]){ "1", "2", NULL });
  /* line 3 is blank and skipped */
  assert_record (reader, 4, (const char *[]){ "3", "x\r\ny", NULL });
  assert_record (reader, 6, (const char *[]){ "4", "5", NULL });
  assert_end (reader);
}

static void
test_columns (void)
{
  /* 1 , " x , y " , z é , w: field 2 starts at character 9, field 3 at 12 */
  g_autoptr (RdmCsvReader) reader = reader_for ("1,\"x,y\",zé,w\n", 0);
  guint64 line;
  guint column;

  assert_record (reader, 1, (const char *[]){ "1", "x,y", "zé", "w", NULL });
  rdm_csv_reader_get_position (reader, 1, &line, &column);
  g_assert_cmpuint (column, ==, 3);
  rdm_csv_reader_get_position (reader, 2, &line, &column);
  g_assert_cmpuint (column, ==, 9);
  rdm_csv_reader_get_position (reader, 3, &line, &column);
  g_assert_cmpuint (column, ==, 12);
}

static void
test_strip (void)
{
  g_autoptr (RdmCsvReader) reader = reader_for ("  a b \t,\" c \"\n", 0);

  g_assert_true (rdm_csv_reader_next (reader, NULL));
  g_assert_cmpstr (rdm_csv_reader_strip_field (reader, 0), ==, "a b");
  g_assert_cmpstr (rdm_csv_reader_strip_field (reader, 1), ==, "c");
}

static void
test_bad_files (void)
{
  /* "1," is 2 characters, so the bad byte is column 3 */
  assert_read_error ("a,b\n1,\xff\n", 0, RDM_CSV_ERROR_ENCODING, "data.csv:2:3: invalid UTF-8");
  assert_read_error ("a,b\n1,\"\xc3\"\n", 0, RDM_CSV_ERROR_ENCODING, "data.csv:2:4: invalid UTF-8");
  assert_read_error ("a,b\n1,x\0y\n", 10, RDM_CSV_ERROR_ENCODING,
                     "data.csv:2:4: binary data (a NUL byte)");
  assert_read_error ("a,b\n1,\"abc\n2,3\n", 0, RDM_CSV_ERROR_QUOTE,
                     "data.csv:2:3: a quoted field is never closed");
  assert_read_error ("a,b\n\"x\"y,2\n", 0, RDM_CSV_ERROR_QUOTE,
                     "data.csv:2:4: text after a closing quote");
}

/* @text (ASCII and a few escapes) as UTF-16 with its BOM. */
static GBytes *
utf16 (const char *text, gboolean big_endian)
{
  g_autofree gunichar2 *units = g_utf8_to_utf16 (text, -1, NULL, NULL, NULL);
  GByteArray *bytes = g_byte_array_new ();
  static const guint8 le_bom[] = { 0xFF, 0xFE }, be_bom[] = { 0xFE, 0xFF };

  g_assert_nonnull (units);
  g_byte_array_append (bytes, big_endian ? be_bom : le_bom, 2);
  for (const gunichar2 *u = units; *u != 0; u++)
    {
      guint8 pair[2] = { *u & 0xFF, *u >> 8 };

      if (big_endian)
        {
          pair[0] = *u >> 8;
          pair[1] = *u & 0xFF;
        }
      g_byte_array_append (bytes, pair, 2);
    }
  return g_byte_array_free_to_bytes (bytes);
}

static void
test_utf16 (void)
{
  /* "é" is one UTF-16 unit, "😀" (U+1F600) a surrogate pair */
  const char *text = "Campaign report\r\nDay\tCampaign\tCost\r\n2026-10-01\tCafé 😀\t1,045.20\r\n";

  for (int big_endian = 0; big_endian <= 1; big_endian++)
    {
      g_autoptr (GBytes) bytes = utf16 (text, big_endian);
      g_autoptr (RdmCsvReader) reader = rdm_csv_reader_new_for_data ("data.csv", bytes);
      guint64 line;
      guint column;
      gsize size;

      g_assert_true (rdm_csv_reader_has_bom (reader));
      g_assert_cmpstr (rdm_csv_reader_get_encoding (reader), ==,
                       big_endian ? "UTF-16BE" : "UTF-16LE");
      /* the title holds no separator; the first line that does has tabs */
      g_assert_cmpint (rdm_csv_reader_get_separator (reader), ==, '\t');
      /* the checksum is of the file as read: BOM + 2 bytes a unit, and
       * the text is its UTF-8 */
      rdm_csv_reader_get_bytes (reader, &size);
      g_assert_cmpuint (size, ==, g_bytes_get_size (bytes));
      g_assert_cmpstr (rdm_csv_reader_get_text (reader, &size), ==, text);
      assert_record (reader, 1, (const char *[]){ "Campaign report", NULL });
      assert_record (reader, 2, (const char *[]){ "Day", "Campaign", "Cost", NULL });
      assert_record (reader, 3, (const char *[]){ "2026-10-01", "Café 😀", "1,045.20", NULL });
      /* "2026-10-01\tCafé 😀\t" is 18 characters: the cost is column 19 */
      rdm_csv_reader_get_position (reader, 2, &line, &column);
      g_assert_cmpuint (line, ==, 3);
      g_assert_cmpuint (column, ==, 19);
      assert_end (reader);
      /* read again from the start, with another separator */
      rdm_csv_reader_set_separator (reader, ',');
      rdm_csv_reader_rewind (reader);
      assert_record (reader, 1, (const char *[]){ "Campaign report", NULL });
      assert_record (reader, 2, (const char *[]){ "Day\tCampaign\tCost", NULL });
    }
}

static void
assert_utf16_error (const char *bytes, gsize length, const char *message)
{
  g_autoptr (GBytes) data = g_bytes_new (bytes, length);
  g_autoptr (RdmCsvReader) reader = rdm_csv_reader_new_for_data ("data.csv", data);
  g_autoptr (GError) error = NULL;

  /* nothing is read from a file that cannot be decoded, even before the
   * bad character */
  g_assert_false (rdm_csv_reader_next (reader, &error));
  g_assert_error (error, RDM_CSV_ERROR, RDM_CSV_ERROR_ENCODING);
  if (!g_str_has_prefix (error->message, message))
    g_error ("expected a message starting with “%s”, got “%s”", message, error->message);
  g_clear_error (&error);
  g_assert_false (rdm_csv_reader_next (reader, &error));
  g_assert_error (error, RDM_CSV_ERROR, RDM_CSV_ERROR_ENCODING);
}

static void
test_utf16_errors (void)
{
  /* "a,b\r\n1,", then a lone high surrogate: line 2, after "1," (2
   * characters), so column 3 */
  assert_utf16_error ("\xFF\xFE"
                      "a\0,\0b\0\r\0\n\0"
                      "1\0,\0\x00\xD8x\0",
                      20, "data.csv:2:3: invalid UTF-16 (a lone surrogate, 0xD800)");
  /* a low surrogate with no high one before it, big-endian */
  assert_utf16_error ("\xFE\xFF"
                      "\0a\xDC\x00",
                      6, "data.csv:1:2: invalid UTF-16 (a lone surrogate, 0xDC00)");
  /* a NUL character: a binary file */
  assert_utf16_error ("\xFF\xFE"
                      "a\0\n\0\0\0",
                      8, "data.csv:2:1: binary data (a NUL character)");
  /* an odd number of bytes: "ab" and half a unit */
  assert_utf16_error ("\xFF\xFE"
                      "a\0b\0c",
                      7, "data.csv:1:3: invalid UTF-16: the file ends within a character");
}

static void
test_huge_field (void)
{
  gsize size = 10 * 1024 * 1024;
  g_autofree char *text = g_malloc (size);
  g_autofree char *quoted = NULL;

  /* a header, then one unquoted 10 MB field on line 2 */
  memset (text, 'x', size);
  memcpy (text, "a,b\n", 4);
  assert_read_error (text, size, RDM_CSV_ERROR_FIELD_TOO_LONG,
                     "data.csv:2:1: a field longer than 1 MiB");
  /* the same inside quotes, never closed */
  text[4] = '"';
  assert_read_error (text, size, RDM_CSV_ERROR_FIELD_TOO_LONG,
                     "data.csv:2:1: a field longer than 1 MiB");
}

static void
test_numbers (void)
{
  double d = 0;
  gint64 i = 0;

  g_assert_true (rdm_csv_parse_double ("3.5", FALSE, &d));
  g_assert_cmpfloat (d, ==, 3.5);
  g_assert_true (rdm_csv_parse_double ("3,5", TRUE, &d));
  g_assert_cmpfloat (d, ==, 3.5);
  g_assert_true (rdm_csv_parse_double ("3.5", TRUE, &d));
  g_assert_cmpfloat (d, ==, 3.5);
  g_assert_true (rdm_csv_parse_double (" -2e3 ", FALSE, &d));
  g_assert_cmpfloat (d, ==, -2000);
  g_assert_true (rdm_csv_parse_double (".25", FALSE, &d));
  g_assert_cmpfloat (d, ==, 0.25);
  g_assert_true (rdm_csv_parse_double ("+7", FALSE, &d));
  g_assert_cmpfloat (d, ==, 7);
  g_assert_true (rdm_csv_parse_double ("1.5E-1", FALSE, &d));
  g_assert_cmpfloat (d, ==, 0.15);

  /* a decimal comma only where asked; no digit grouping in any form */
  g_assert_false (rdm_csv_parse_double ("3,5", FALSE, &d));
  g_assert_false (rdm_csv_parse_double ("1,234.5", TRUE, &d));
  g_assert_false (rdm_csv_parse_double ("1.234,5", TRUE, &d));
  g_assert_false (rdm_csv_parse_double ("1 234", TRUE, &d));
  g_assert_false (rdm_csv_parse_double ("1\xc2\xa0"
                                        "234",
                                        TRUE, &d));
  g_assert_false (rdm_csv_parse_double ("1.2.3", FALSE, &d));
  g_assert_false (rdm_csv_parse_double ("", FALSE, &d));
  g_assert_false (rdm_csv_parse_double ("-", FALSE, &d));
  g_assert_false (rdm_csv_parse_double ("abc", FALSE, &d));
  g_assert_false (rdm_csv_parse_double ("nan", FALSE, &d));
  g_assert_false (rdm_csv_parse_double ("inf", FALSE, &d));
  g_assert_false (rdm_csv_parse_double ("0x10", FALSE, &d));
  g_assert_false (rdm_csv_parse_double ("1e", FALSE, &d));
  g_assert_false (rdm_csv_parse_double ("1e999", FALSE, &d));
  g_assert_false (rdm_csv_parse_double ("12€", FALSE, &d));

  g_assert_true (rdm_csv_parse_int64 ("42", &i));
  g_assert_cmpint (i, ==, 42);
  g_assert_true (rdm_csv_parse_int64 (" -3 ", &i));
  g_assert_cmpint (i, ==, -3);
  g_assert_true (rdm_csv_parse_int64 ("9223372036854775799", &i));
  g_assert_cmpint (i, ==, G_GINT64_CONSTANT (9223372036854775799));
  g_assert_false (rdm_csv_parse_int64 ("4.0", &i));
  g_assert_false (rdm_csv_parse_int64 ("99999999999999999999", &i));
  g_assert_false (rdm_csv_parse_int64 ("", &i));
  g_assert_false (rdm_csv_parse_int64 ("1 000", &i));
}

static void
assert_time (const char *text, gint64 expected)
{
  gint64 value = 0;

  if (!rdm_csv_parse_time (text, &value))
    g_error ("“%s” was refused", text);
  g_assert_cmpint (value, ==, expected);
}

static void
test_dates (void)
{
  /* 2026-03-01 00:00 UTC: 56 years since 1970 with 14 leap days
   * (1972..2024) = 20454 days to 2026-01-01, + 31 + 28 = 20513 days,
   * × 86400 = 1772323200 (checked with `date -u -d 2026-03-01 +%s`). */
  const gint64 march1 = 1772323200;
  /* 10:20:30 = 37230 s */
  const gint64 at = march1 + 37230;
  gint64 value;

  assert_time ("2026-03-01", march1);
  assert_time ("2026-03-01T10:20:30Z", at);
  assert_time ("2026-03-01T10:20:30", at);
  assert_time ("2026-03-01 10:20:30", at);
  assert_time ("2026-03-01T10:20:30.250Z", at);
  assert_time ("2026-03-01T10:20:30+02:00", at - 7200);
  assert_time ("2026-03-01T10:20:30-0130", at + 5400);
  assert_time ("2026-03-01T10:20Z", at - 30);
  assert_time ("01/03/2026", march1);
  assert_time ("1/3/2026", march1);
  assert_time ("01/03/2026 10:20", at - 30);
  assert_time ("01/03/2026 10:20:30", at);
  assert_time ("1772360430", at);
  assert_time ("0", 0);
  /* leap day 2024: `date -u -d 2024-02-29 +%s` */
  assert_time ("2024-02-29", 1709164800);
  assert_time ("29/02/2024", 1709164800);
  assert_time ("1969-12-31T23:59:59Z", -1);

  g_assert_false (rdm_csv_parse_time ("31/02/2026", &value));
  g_assert_false (rdm_csv_parse_time ("2026-02-29", &value));
  g_assert_false (rdm_csv_parse_time ("2026-13-01", &value));
  g_assert_false (rdm_csv_parse_time ("2026-00-10", &value));
  g_assert_false (rdm_csv_parse_time ("32/01/2026", &value));
  g_assert_false (rdm_csv_parse_time ("01/13/2026", &value));
  g_assert_false (rdm_csv_parse_time ("2026-03-01T24:00:00", &value));
  g_assert_false (rdm_csv_parse_time ("2026-03-01T10:60", &value));
  g_assert_false (rdm_csv_parse_time ("2026-03-01T10:20:30+25:00", &value));
  g_assert_false (rdm_csv_parse_time ("2026-03-01Tx", &value));
  g_assert_false (rdm_csv_parse_time ("2026/03/01", &value));
  g_assert_false (rdm_csv_parse_time ("2026-3-1", &value));
  g_assert_false (rdm_csv_parse_time ("01/03/26", &value));
  g_assert_false (rdm_csv_parse_time ("", &value));
  g_assert_false (rdm_csv_parse_time ("yesterday", &value));
  g_assert_false (rdm_csv_parse_time ("1772360430.5", &value));

  g_assert_cmpint (rdm_csv_day_of (at), ==, march1);
  g_assert_cmpint (rdm_csv_day_of (march1), ==, march1);
  g_assert_cmpint (rdm_csv_day_of (-1), ==, -86400);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/quoting", test_quoting);
  g_test_add_func ("/csv/embedded-newline", test_embedded_newline);
  g_test_add_func ("/csv/separators", test_separators);
  g_test_add_func ("/csv/bom-crlf-blank-lines", test_bom_crlf_blank_lines);
  g_test_add_func ("/csv/columns", test_columns);
  g_test_add_func ("/csv/strip", test_strip);
  g_test_add_func ("/csv/bad-files", test_bad_files);
  g_test_add_func ("/csv/utf16", test_utf16);
  g_test_add_func ("/csv/utf16-errors", test_utf16_errors);
  g_test_add_func ("/csv/huge-field", test_huge_field);
  g_test_add_func ("/csv/numbers", test_numbers);
  g_test_add_func ("/csv/dates", test_dates);

  return g_test_run ();
}
