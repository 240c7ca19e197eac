/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Escaping the text a crafted file can carry before it reaches a terminal
 * or a chart, and quoting a name as a string literal of the filter and
 * formula languages: every expected string below is written out by hand.
 */
#include "config.h"

#include "rdm-text.h"

static void
assert_escaped (const char *text, gboolean keep_newlines, const char *expected)
{
  g_autofree char *escaped = rdm_text_escape_controls (text, keep_newlines);

  g_assert_cmpstr (escaped, ==, expected);
  g_assert_true (g_utf8_validate (escaped, -1, NULL));
}

static void
test_plain_text_is_unchanged (void)
{
  assert_escaped ("", FALSE, "");
  assert_escaped ("Facebook", FALSE, "Facebook");
  assert_escaped ("Île-de-France « été » 10 €", FALSE, "Île-de-France « été » 10 €");
  /* markup is not a control: the GUI escapes it where it is markup */
  assert_escaped ("<b>&amp;", FALSE, "<b>&amp;");
}

static void
test_c0_and_del_become_escapes (void)
{
  assert_escaped ("a\nb", FALSE, "a\\nb");
  assert_escaped ("a\tb\rc", FALSE, "a\\tb\\rc");
  assert_escaped ("\x1b[31mred", FALSE, "\\x1b[31mred");
  assert_escaped ("\x01\x7f", FALSE, "\\x01\\x7f");
  /* a backslash already in the name stays one backslash */
  assert_escaped ("C:\\x", FALSE, "C:\\x");
}

static void
test_c1_and_bidirectional_controls_become_escapes (void)
{
  /* U+0085 NEXT LINE, U+009B CSI, U+202E RIGHT-TO-LEFT OVERRIDE,
   * U+2066 LEFT-TO-RIGHT ISOLATE, U+2069 POP DIRECTIONAL ISOLATE */
  assert_escaped ("a\xc2\x85"
                  "b",
                  FALSE, "a\\u0085b");
  assert_escaped ("\xc2\x9b"
                  "2J",
                  FALSE, "\\u009b2J");
  assert_escaped ("Blog\xe2\x80\xae"
                  "gpj.exe",
                  FALSE, "Blog\\u202egpj.exe");
  assert_escaped ("\xe2\x81\xa6x\xe2\x81\xa9", FALSE, "\\u2066x\\u2069");
  /* neighbours of the escaped ranges are ordinary characters */
  assert_escaped ("\xc2\xa0\xe2\x80\xa9\xe2\x80\xaf", FALSE, "\xc2\xa0\xe2\x80\xa9\xe2\x80\xaf");
}

static void
test_newlines_can_be_kept (void)
{
  assert_escaped ("line 1\nline 2\x1b", TRUE, "line 1\nline 2\\x1b");
  assert_escaped ("tab\there\n", TRUE, "tab\\there\n");
}

static void
test_invalid_utf8_becomes_replacement_characters (void)
{
  /* "\xff" is never UTF-8 and "\xc3" alone is a truncated sequence */
  assert_escaped ("a\xff"
                  "b",
                  FALSE,
                  "a\xef\xbf\xbd"
                  "b");
  assert_escaped ("caf\xc3", FALSE, "caf\xef\xbf\xbd");
  assert_escaped ("\xff\x1b", FALSE, "\xef\xbf\xbd\\x1b");
}

static void
assert_quoted (const char *text, const char *expected)
{
  g_autoptr (GString) out = g_string_new ("x=");

  rdm_text_append_quoted (out, text);
  g_assert_cmpstr (out->str, ==, expected);
}

static void
test_quoted_as_a_string_literal (void)
{
  assert_quoted ("", "x=\"\"");
  assert_quoted ("Spring sale", "x=\"Spring sale\"");
  assert_quoted ("say \"hi\"", "x=\"say \\\"hi\\\"\"");
  assert_quoted ("C:\\temp\\", "x=\"C:\\\\temp\\\\\"");
  /* only the two escapes of the languages: the rest is kept byte for byte */
  assert_quoted ("“été”\t'", "x=\"“été”\t'\"");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/text/plain-text-is-unchanged", test_plain_text_is_unchanged);
  g_test_add_func ("/text/c0-and-del-become-escapes", test_c0_and_del_become_escapes);
  g_test_add_func ("/text/c1-and-bidirectional-controls-become-escapes",
                   test_c1_and_bidirectional_controls_become_escapes);
  g_test_add_func ("/text/newlines-can-be-kept", test_newlines_can_be_kept);
  g_test_add_func ("/text/invalid-utf8-becomes-replacement-characters",
                   test_invalid_utf8_becomes_replacement_characters);
  g_test_add_func ("/text/quoted-as-a-string-literal", test_quoted_as_a_string_literal);
  return g_test_run ();
}
