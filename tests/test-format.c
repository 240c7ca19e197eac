/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Numbers as the user reads them and types them back
 * (widgets/rdm-format.c), in the C, en_US, fr_FR and de_DE locales: what
 * rdm_format_fixed() writes, rdm_format_parse_number() reads back, with or
 * without the grouping; anything else is refused.
 */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "rdm-format.h"
#include "rdm-test-util.h"

static char *locale_dir;

static void
use_locale (const char *locale)
{
  g_setenv ("LOCPATH", locale_dir, TRUE);
  if (setlocale (LC_ALL, locale) == NULL)
    g_error ("the %s locale could not be built with localedef", locale);
}

static void
assert_reads (const char *text, double expected)
{
  double value = NAN;

  if (!rdm_format_parse_number (text, &value))
    g_error ("“%s” was refused", text);
  g_assert_cmpfloat_with_epsilon (value, expected, 1e-9 * MAX (1.0, fabs (expected)));
}

static void
assert_refused (const char *text)
{
  double value = 0.0;

  if (rdm_format_parse_number (text, &value))
    g_error ("“%s” was read as %g", text, value);
}

static void
assert_round_trip (double value)
{
  g_autofree char *text = rdm_format_fixed (value, 0);

  assert_reads (text, round (value));
}

static void
test_c (void)
{
  use_locale ("C");
  assert_reads ("1234", 1234);
  assert_reads ("1234.5", 1234.5);
  assert_reads (" -12 ", -12);
  assert_reads ("+7", 7);
  assert_reads ("\xe2\x88\x92"
                "3",
                -3); /* U+2212 MINUS SIGN */
  assert_round_trip (98765432);
  assert_refused ("");
  assert_refused ("  ");
  assert_refused ("abc");
  assert_refused ("12a");
  assert_refused ("1.2.3");
  assert_refused ("1-2");
  assert_refused ("\xff");
}

static void
test_en (void)
{
  use_locale ("en_US.UTF-8");
  assert_reads ("1,234,567", 1234567);
  assert_reads ("1,234.5", 1234.5);
  assert_reads ("1234", 1234);
  assert_round_trip (1234567);
  assert_round_trip (-45678);
  assert_reads ("12,345,678.5", 12345678.5);
  assert_refused ("1.234.567");
  /* a separator not followed by three digits is a slip, not a group */
  assert_refused ("1,5");
  assert_refused ("1,23");
  assert_refused ("1,2345");
  assert_refused (",123");
}

static void
test_de (void)
{
  use_locale ("de_DE.UTF-8");
  assert_reads ("1.234.567", 1234567);
  assert_reads ("1.234,5", 1234.5);
  assert_reads ("2,5", 2.5);
  assert_round_trip (1234567);
  assert_refused ("2.5");
}

static void
test_fr (void)
{
  use_locale ("fr_FR.UTF-8");
  assert_reads ("1\xe2\x80\xaf"
                "234\xe2\x80\xaf"
                "567",
                1234567); /* U+202F */
  assert_reads ("1 234,5", 1234.5);
  assert_reads ("1\xc2\xa0"
                "234",
                1234); /* U+00A0 */
  assert_reads ("12.5", 12.5);
  assert_reads ("12,5", 12.5);
  assert_round_trip (1234567);
  assert_round_trip (-45678);
  assert_refused ("12,5,5");
}

int
main (int argc, char **argv)
{
  g_autofree char *tmpdir = rdm_test_make_tmpdir ();
  int status;

  g_test_init (&argc, &argv, NULL);
  locale_dir = g_build_filename (tmpdir, "locale", NULL);
  g_mkdir_with_parents (locale_dir, 0700);
  rdm_test_build_locale (locale_dir, "en_US");
  rdm_test_build_locale (locale_dir, "fr_FR");
  rdm_test_build_locale (locale_dir, "de_DE");
  g_test_add_func ("/format/c", test_c);
  g_test_add_func ("/format/en", test_en);
  g_test_add_func ("/format/fr", test_fr);
  g_test_add_func ("/format/de", test_de);
  status = g_test_run ();
  rdm_test_remove_tree (tmpdir);
  g_free (locale_dir);
  return status;
}
