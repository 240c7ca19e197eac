/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CSV writer: RFC 4180 quoting, formula neutralising, numbers that
 * read back to the same double whatever the locale, and a round trip
 * through the project's own CSV reader.
 */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "rdm-csv-writer.h"
#include "rdm-csv.h"
#include "rdm-test-util.h"

static void
test_quoting (void)
{
  g_autoptr (RdmCsvWriter) writer = rdm_csv_writer_new ();

  rdm_csv_writer_add_text (writer, "plain");
  rdm_csv_writer_add_text (writer, "a,b");
  rdm_csv_writer_add_text (writer, "say \"hi\"");
  rdm_csv_writer_add_text (writer, "two\nlines");
  rdm_csv_writer_add_text (writer, "");
  rdm_csv_writer_end_row (writer);
  rdm_csv_writer_add_text (writer, "é, ü");
  rdm_csv_writer_end_row (writer);
  g_assert_cmpstr (rdm_csv_writer_get_text (writer), ==,
                   "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n\"é, ü\"\r\n");
}

static void
test_formula (void)
{
  const struct
  {
    const char *text;
    const char *field;
  } cases[] = {
    { "=1+2", "'=1+2" },
    { "+33 6 12", "'+33 6 12" },
    { "-cmd", "'-cmd" },
    { "@SUM(A1)", "'@SUM(A1)" },
    { "\tx", "'\tx" },
    { "=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"" },
    { "-", "'-" },
    { "-inf", "'-inf" },
    /* plain numbers keep their sign */
    { "-12.5", "-12.5" },
    { "+3", "+3" },
    { "-1e-05", "-1e-05" },
    { "a=b", "a=b" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *field = rdm_csv_field (cases[i].text);

      g_assert_cmpstr (field, ==, cases[i].field);
    }
}

static void
test_numbers (void)
{
  g_autoptr (RdmCsvWriter) writer = rdm_csv_writer_new ();
  const char *previous = setlocale (LC_NUMERIC, NULL);
  g_autofree char *saved = g_strdup (previous);

  /* a comma-decimal locale must not leak into the file, when one exists */
  setlocale (LC_NUMERIC, "fr_FR.UTF-8");
  rdm_csv_writer_add_number (writer, 0.1);
  rdm_csv_writer_add_number (writer, -2.5);
  rdm_csv_writer_add_number (writer, 1.0 / 3.0);
  rdm_csv_writer_add_number (writer, NAN);
  rdm_csv_writer_add_number (writer, INFINITY);
  rdm_csv_writer_add_int (writer, -42);
  rdm_csv_writer_end_row (writer);
  setlocale (LC_NUMERIC, saved);
  g_assert_cmpstr (rdm_csv_writer_get_text (writer), ==,
                   "0.10000000000000001,-2.5,0.33333333333333331,,,-42\r\n");
}

static void
test_round_trip (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "table.csv", NULL);
  g_autoptr (RdmCsvWriter) writer = rdm_csv_writer_new ();
  g_autoptr (RdmCsvReader) reader = NULL;
  g_autoptr (GError) error = NULL;
  double value = 0;

  rdm_csv_writer_add_text (writer, "Channel");
  rdm_csv_writer_add_text (writer, "Value");
  rdm_csv_writer_end_row (writer);
  rdm_csv_writer_add_text (writer, "Facebook, \"paid\"");
  rdm_csv_writer_add_number (writer, 1.0 / 3.0);
  rdm_csv_writer_end_row (writer);
  g_assert_true (rdm_csv_writer_save (writer, path, &error));
  g_assert_no_error (error);

  reader = rdm_csv_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  g_assert_true (rdm_csv_reader_next (reader, &error));
  g_assert_cmpuint (rdm_csv_reader_get_n_fields (reader), ==, 2);
  g_assert_cmpstr (rdm_csv_reader_get_field (reader, 0, NULL), ==, "Channel");
  g_assert_true (rdm_csv_reader_next (reader, &error));
  g_assert_cmpstr (rdm_csv_reader_get_field (reader, 0, NULL), ==, "Facebook, \"paid\"");
  g_assert_true (rdm_csv_parse_double (rdm_csv_reader_get_field (reader, 1, NULL), FALSE, &value));
  g_assert_cmpfloat (value, ==, 1.0 / 3.0);
  g_assert_false (rdm_csv_reader_next (reader, &error));
  g_assert_no_error (error);
  rdm_test_remove_tree (dir);
}

static void
test_save_error (void)
{
  g_autoptr (RdmCsvWriter) writer = rdm_csv_writer_new ();
  g_autoptr (GError) error = NULL;

  rdm_csv_writer_add_text (writer, "x");
  g_assert_false (rdm_csv_writer_save (writer, "/nonexistent-dir/table.csv", &error));
  g_assert_nonnull (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/csv-writer/quoting", test_quoting);
  g_test_add_func ("/csv-writer/formula", test_formula);
  g_test_add_func ("/csv-writer/numbers", test_numbers);
  g_test_add_func ("/csv-writer/round-trip", test_round_trip);
  g_test_add_func ("/csv-writer/save-error", test_save_error);
  return g_test_run ();
}
