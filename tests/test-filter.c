/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The segment filter language: parsing, every error with its column and
 * message, canonical text, evaluation over a hand-made table of ten
 * visitors, a random comparison with a naive evaluator and a fuzz run.
 */
#include "config.h"

#include <string.h>

#include "rdm-filter.h"
#include "rdm-visitor-facts.h"

/* The ten visitors of the hand-made table ("-" = missing; touches are in
 * time order; i = impression, c = click, v = visit):
 *
 *  v  engagement  age_band gender region         touches              conversions
 *  0  evangelist  25-34    female Île-de-France  Blog c, Facebook v   150
 *  1  fan         35-49    male   -              Facebook i, Facebook c, Blog v   50 + 30
 *  2  neutral     18-24    female -              Email c              -
 *  3  -           -        -      -              -                    -
 *  4  evangelist  50+      -      -              Search v, Blog i, Email v        200
 *  5  detractor   25-34    male   Bretagne       Display i, Display i, Search c   -
 *  6  fan         25-34    female -              Blog c, Blog c, Blog v, Facebook c   0
 *  7  -           35-49    female - (device mobile) Email i           -
 *  8  evangelist  18-24    male   -              Facebook v           120
 *  9  neutral     35-49    female Bretagne       Search c, Blog c     -
 *
 * so touches = 2 3 1 0 3 3 4 1 1 2, impressions = 0 1 0 0 1 2 0 1 0 0,
 * clicks = 1 1 1 0 0 1 3 0 0 2, visits = 1 1 0 0 2 0 1 0 1 0,
 * conversions = 1 2 0 0 1 0 1 0 1 0, value = 150 80 0 0 200 0 0 0 120 0,
 * first channel = Blog Facebook Email - Search Display Blog Email Facebook Search,
 * last channel = Facebook Blog Email - Email Search Facebook Email Facebook Blog.
 */

typedef struct
{
  const char *channel;
  guint interaction;
} TestTouch;

static RdmVisitorFacts *
make_table (void)
{
  static const struct
  {
    const char *engagement, *age_band, *gender, *region, *device;
    TestTouch touches[4];
    double conversions[2];
    guint n_conversions;
  } rows[] = {
    { "evangelist",
      "25-34",
      "female",
      "Île-de-France",
      NULL,
      { { "Blog", 1 }, { "Facebook", 2 } },
      { 150 },
      1 },
    { "fan",
      "35-49",
      "male",
      NULL,
      NULL,
      { { "Facebook", 0 }, { "Facebook", 1 }, { "Blog", 2 } },
      { 50, 30 },
      2 },
    { "neutral", "18-24", "female", NULL, NULL, { { "Email", 1 } }, { 0 }, 0 },
    { NULL, NULL, NULL, NULL, NULL, { { NULL, 0 } }, { 0 }, 0 },
    { "evangelist",
      "50+",
      NULL,
      NULL,
      NULL,
      { { "Search", 2 }, { "Blog", 0 }, { "Email", 2 } },
      { 200 },
      1 },
    { "detractor",
      "25-34",
      "male",
      "Bretagne",
      NULL,
      { { "Display", 0 }, { "Display", 0 }, { "Search", 1 } },
      { 0 },
      0 },
    { "fan",
      "25-34",
      "female",
      NULL,
      NULL,
      { { "Blog", 1 }, { "Blog", 1 }, { "Blog", 2 }, { "Facebook", 1 } },
      { 0 },
      1 },
    { NULL, "35-49", "female", NULL, "mobile", { { "Email", 0 } }, { 0 }, 0 },
    { "evangelist", "18-24", "male", NULL, NULL, { { "Facebook", 2 } }, { 120 }, 1 },
    { "neutral",
      "35-49",
      "female",
      "Bretagne",
      NULL,
      { { "Search", 1 }, { "Blog", 1 } },
      { 0 },
      0 },
  };
  RdmVisitorFacts *facts = rdm_visitor_facts_new ();
  static const char *const channels[] = { "Blog", "Facebook", "Email", "Search", "Display" };

  for (guint c = 0; c < G_N_ELEMENTS (channels); c++)
    rdm_visitor_facts_intern_channel (facts, channels[c]);
  /* a key no visitor has, and one that collides with a behaviour field */
  rdm_visitor_facts_intern_attribute (facts, "interest");
  rdm_visitor_facts_intern_attribute (facts, "value");

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      guint32 v = rdm_visitor_facts_add_visitor (facts);

      g_assert_cmpuint (v, ==, i);
      rdm_visitor_facts_set_attribute (facts, v, "engagement", rows[i].engagement);
      rdm_visitor_facts_set_attribute (facts, v, "age_band", rows[i].age_band);
      rdm_visitor_facts_set_attribute (facts, v, "gender", rows[i].gender);
      rdm_visitor_facts_set_attribute (facts, v, "region", rows[i].region);
      rdm_visitor_facts_set_attribute (facts, v, "device", rows[i].device);
      for (guint t = 0; t < G_N_ELEMENTS (rows[i].touches) && rows[i].touches[t].channel; t++)
        rdm_visitor_facts_add_touch (
            facts, v, rdm_visitor_facts_intern_channel (facts, rows[i].touches[t].channel),
            rows[i].touches[t].interaction);
      for (guint c = 0; c < rows[i].n_conversions; c++)
        rdm_visitor_facts_add_conversion (facts, v, rows[i].conversions[c]);
    }
  /* visitor 1 had "high" and lost it: the value stays known, nobody has it */
  rdm_visitor_facts_set_attribute (facts, 1, "value", "high");
  rdm_visitor_facts_set_attribute (facts, 1, "value", NULL);
  rdm_visitor_facts_set_attribute (facts, 4, "value", "low");
  /* a key and a channel that appear after the visitors */
  rdm_visitor_facts_set_attribute (facts, 9, "late", "yes");
  rdm_visitor_facts_intern_channel (facts, "Podcast");
  return facts;
}

/* The visitors selected, as "0 4 8". */
static char *
selected (const char *text)
{
  g_autoptr (RdmVisitorFacts) facts = make_table ();
  g_autoptr (RdmFilterSchema) schema = rdm_visitor_facts_schema (facts);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmFilter) filter = rdm_filter_parse (text, schema, &error);
  g_autofree guint64 *bitmap = rdm_bitmap_new (facts->n_visitors);
  GString *out = g_string_new (NULL);
  guint64 count = 0;

  g_assert_no_error (error);
  g_assert_nonnull (filter);
  /* garbage above bit n must be cleared by the evaluation */
  bitmap[0] = G_MAXUINT64;
  g_assert_true (rdm_filter_evaluate (filter, facts, bitmap, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bitmap[0] >> facts->n_visitors, ==, 0);
  for (guint v = 0; v < facts->n_visitors; v++)
    if (rdm_bitmap_get (bitmap, v))
      {
        g_string_append_printf (out, out->len > 0 ? " %u" : "%u", v);
        count++;
      }
  g_assert_cmpuint (rdm_bitmap_count (bitmap, facts->n_visitors), ==, count);
  return g_string_free (out, FALSE);
}

static void
assert_selects (const char *text, const char *expected)
{
  g_autofree char *got = selected (text);

  if (g_strcmp0 (got, expected) != 0)
    g_error ("%s: selected “%s”, expected “%s”", text, got, expected);
}

static void
test_operators (void)
{
  assert_selects ("engagement = \"evangelist\"", "0 4 8");
  /* missing is "not equal": 3 and 7 have no engagement */
  assert_selects ("engagement != \"evangelist\"", "1 2 3 5 6 7 9");
  /* 25-34: 0 5 6; 35-49: 1 7 9 */
  assert_selects ("age_band in (\"25-34\",\"35-49\")", "0 1 5 6 7 9");
  assert_selects ("age_band not in (\"25-34\", \"35-49\")", "2 3 4 8");
  /* males are 1 5 8; 3 and 4 have no gender */
  assert_selects ("gender != \"male\"", "0 2 3 4 6 7 9");
  assert_selects ("not gender = \"male\"", "0 2 3 4 6 7 9");
  assert_selects ("region = \"Île-de-France\"", "0");
  assert_selects ("attribute(\"device\") = \"mobile\"", "7");
  assert_selects ("device in (\"mobile\")", "7");
  assert_selects ("attribute(\"value\") = \"low\"", "4");
  assert_selects ("attribute(\"value\") = \"high\"", "");
  assert_selects ("attribute(\"interest\") != \"x\"", "0 1 2 3 4 5 6 7 8 9");

  assert_selects ("late = \"yes\"", "9");
  assert_selects ("late != \"yes\"", "0 1 2 3 4 5 6 7 8");
  assert_selects ("touched(\"Podcast\")", "");
  assert_selects ("last_channel != \"Podcast\"", "0 1 2 3 4 5 6 7 8 9");
  assert_selects ("touched(\"Blog\")", "0 1 4 6 9");
  assert_selects ("touched(\"Display\")", "5");
  assert_selects ("converted", "0 1 4 6 8");
  assert_selects ("not converted", "2 3 5 7 9");

  /* touches = 2 3 1 0 3 3 4 1 1 2 */
  assert_selects ("touches >= 3", "1 4 5 6");
  assert_selects ("touches > 3", "6");
  assert_selects ("touches = 0", "3");
  assert_selects ("touches != 1", "0 1 3 4 5 6 9");
  assert_selects ("touches < 2", "2 3 7 8");
  assert_selects ("touches <= 2", "0 2 3 7 8 9");
  /* visits = 1 1 0 0 2 0 1 0 1 0, clicks = 1 1 1 0 0 1 3 0 0 2,
   * impressions = 0 1 0 0 1 2 0 1 0 0, conversions = 1 2 0 0 1 0 1 0 1 0 */
  assert_selects ("visits >= 1", "0 1 4 6 8");
  assert_selects ("visits = 2", "4");
  assert_selects ("clicks >= 2", "6 9");
  assert_selects ("impressions > 0", "1 4 5 7");
  assert_selects ("conversions = 2", "1");
  /* value = 150 80 0 0 200 0 0 0 120 0 */
  assert_selects ("value > 100", "0 4 8");
  assert_selects ("value >= 80", "0 1 4 8");
  assert_selects ("value = 0", "2 3 5 6 7 9");
  assert_selects ("value < 80.5", "1 2 3 5 6 7 9");
  assert_selects ("value > -1", "0 1 2 3 4 5 6 7 8 9");

  /* first = Blog Facebook Email - Search Display Blog Email Facebook Search */
  assert_selects ("first_channel = \"Facebook\"", "1 8");
  assert_selects ("first_channel != \"Facebook\"", "0 2 3 4 5 6 7 9");
  /* last = Facebook Blog Email - Email Search Facebook Email Facebook Blog */
  assert_selects ("last_channel in (\"Blog\", \"Email\")", "1 2 4 7 9");
  assert_selects ("last_channel not in (\"Blog\", \"Email\")", "0 3 5 6 8");
}

static void
test_combinations (void)
{
  /* and binds tighter: evangelist {0 4 8} or (fan {1 6} and female
   * {0 2 6 7 9} = {6}) */
  assert_selects ("engagement = \"evangelist\" or engagement = \"fan\" and gender = \"female\"",
                  "0 4 6 8");
  /* ({0 4 8} or {1 6}) and {0 2 6 7 9} = {0 6} */
  assert_selects ("(engagement = \"evangelist\" or engagement = \"fan\") and gender = \"female\"",
                  "0 6");
  /* Blog {0 1 4 6 9} and age {0 1 5 6 7 9} = {0 1 6 9}, not male removes 1 */
  assert_selects ("touched(\"Blog\") and age_band in (\"25-34\",\"35-49\") and not gender = "
                  "\"male\"",
                  "0 6 9");
  /* Blog or converted = {0 1 4 6 8 9}; complement */
  assert_selects ("not (touched(\"Blog\") or converted)", "2 3 5 7");
  assert_selects ("not not converted", "0 1 4 6 8");
  /* not binds tighter than and: (not converted {2 3 5 7 9}) and Email {2 4 7} */
  assert_selects ("not converted and touched(\"Email\")", "2 7");
  assert_selects ("TOUCHED(\"Email\") AND Converted", "4");
  assert_selects ("converted Or touches = 0", "0 1 3 4 6 8");
  /* nested groups on both sides of an or inside an and inside a not */
  assert_selects ("not ((touches >= 3 or value > 100) and (gender = \"male\" or clicks >= 2))",
                  /* {1 4 5 6 0 8} and {1 5 8 6 9} = {1 5 6 8}; complement */
                  "0 2 3 4 7 9");
}

typedef struct
{
  const char *text;
  int code;
  const char *message;
} ErrorCase;

static const char *const long_suggestion_keys[] = { "colour", "color", "colon", "collar" };

static void
assert_errors (const ErrorCase *cases, gsize n, const RdmFilterSchema *schema)
{
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RdmFilter) filter = rdm_filter_parse (cases[i].text, schema, &error);

      if (filter != NULL)
        g_error ("%s: parsed, expected an error", cases[i].text);
      g_assert_error (error, RDM_FILTER_ERROR, cases[i].code);
      if (g_strcmp0 (error->message, cases[i].message) != 0)
        g_error ("%s:\n  got      %s\n  expected %s", cases[i].text, error->message,
                 cases[i].message);
    }
}

static void
test_errors (void)
{
  g_autoptr (RdmVisitorFacts) facts = make_table ();
  g_autoptr (RdmFilterSchema) schema = rdm_visitor_facts_schema (facts);
  static const ErrorCase cases[] = {
    { "engagement = evangelist", RDM_FILTER_ERROR_SYNTAX,
      "column 14: expected a quoted value after “=”, got “evangelist”" },
    { "engagment = \"fan\"", RDM_FILTER_ERROR_UNKNOWN_ATTRIBUTE,
      "column 1: unknown attribute “engagment”; did you mean “engagement”?" },
    { "Engagement = \"fan\"", RDM_FILTER_ERROR_UNKNOWN_ATTRIBUTE,
      "column 1: unknown attribute “Engagement”; did you mean “engagement”?" },
    { "convrted", RDM_FILTER_ERROR_UNKNOWN_ATTRIBUTE,
      "column 1: unknown attribute “convrted”; did you mean “converted”?" },
    { "zzz = \"fan\"", RDM_FILTER_ERROR_UNKNOWN_ATTRIBUTE, "column 1: unknown attribute “zzz”" },
    { "attribute(\"agee\") = \"x\"", RDM_FILTER_ERROR_UNKNOWN_ATTRIBUTE,
      "column 11: unknown attribute “agee”" },
    { "touched(\"Blgo\")", RDM_FILTER_ERROR_UNKNOWN_CHANNEL,
      "column 9: unknown channel “Blgo”; did you mean “Blog”?" },
    { "first_channel in (\"Blog\", \"email\")", RDM_FILTER_ERROR_UNKNOWN_CHANNEL,
      "column 27: unknown channel “email”; did you mean “Email”?" },
    { "engagement = \"evangelst\"", RDM_FILTER_ERROR_UNKNOWN_VALUE,
      "column 14: unknown value “evangelst” for “engagement”; did you mean “evangelist”?" },
    /* Î and é count as one column each (they take two bytes) */
    { "region = \"Île-de-France\" and gendr = \"male\"", RDM_FILTER_ERROR_UNKNOWN_ATTRIBUTE,
      "column 30: unknown attribute “gendr”; did you mean “gender”?" },
    { "région = \"x\"", RDM_FILTER_ERROR_SYNTAX,
      "column 2: unexpected “é”; names with characters other than A-Z, 0-9 and _ are written "
      "attribute(\"name\")" },
    { "converted and ☃", RDM_FILTER_ERROR_SYNTAX, "column 15: unexpected character “☃”" },
    /* control characters are named by code point, not printed */
    { "converted\x01", RDM_FILTER_ERROR_SYNTAX, "column 10: unexpected character U+0001" },
    { "gender = \"m\xc3\xa2le\" or gender = \"\xff\"", RDM_FILTER_ERROR_SYNTAX,
      "column 30: invalid UTF-8" },

    { "", RDM_FILTER_ERROR_EMPTY, "empty filter; to select every visitor, use no filter" },
    { " \t\n ", RDM_FILTER_ERROR_EMPTY, "empty filter; to select every visitor, use no filter" },
    { "age_band in (\"25-34\", \"35-49\"", RDM_FILTER_ERROR_SYNTAX,
      "column 30: expected “,” or “)” in the list, got the end of the filter" },
    { "age_band in ()", RDM_FILTER_ERROR_SYNTAX,
      "column 14: expected a quoted value in the list, got “)”" },
    { "age_band in (\"25-34\" \"35-49\")", RDM_FILTER_ERROR_SYNTAX,
      "column 22: expected “,” or “)” in the list, got “\"35-49\"”" },
    { "gender", RDM_FILTER_ERROR_SYNTAX,
      "column 7: expected “=”, “!=”, “in” or “not in” after “gender”, got the end of the filter" },
    { "gender > \"male\"", RDM_FILTER_ERROR_SYNTAX,
      "column 8: expected “=”, “!=”, “in” or “not in” after “gender”, got “>”" },
    { "gender not \"male\"", RDM_FILTER_ERROR_SYNTAX,
      "column 12: expected “in” after “not”, got “\"male\"”" },
    { "gender in \"male\"", RDM_FILTER_ERROR_SYNTAX,
      "column 11: expected “(” after “in”, got “\"male\"”" },
    { "touches >= \"3\"", RDM_FILTER_ERROR_SYNTAX,
      "column 12: expected a number after “>=”, got “\"3\"”" },
    { "touches 3", RDM_FILTER_ERROR_SYNTAX,
      "column 9: expected a comparison (=, !=, <, <=, >, >=) after “touches”, got “3”" },
    { "touches >= 1,5", RDM_FILTER_ERROR_SYNTAX,
      "column 13: the decimal separator is “.”: write 1.5, not 1,5" },
    { "value > 12,50 and converted", RDM_FILTER_ERROR_SYNTAX,
      "column 11: the decimal separator is “.”: write 12.50, not 12,50" },
    { "value > 1.", RDM_FILTER_ERROR_SYNTAX, "column 10: expected a digit after “.”" },
    { "value > 1.5,5", RDM_FILTER_ERROR_SYNTAX,
      "column 12: expected “and”, “or” or the end of the filter, got “,”" },
    { "value = \"high\"", RDM_FILTER_ERROR_SYNTAX,
      "column 9: expected a number after “=”, got “\"high\"”" },
    { "first_channel = Blog", RDM_FILTER_ERROR_SYNTAX,
      "column 17: expected a quoted channel name after “=”, got “Blog”" },
    { "touched(Blog)", RDM_FILTER_ERROR_SYNTAX,
      "column 9: expected a quoted channel name after “touched(”, got “Blog”" },
    { "touched \"Blog\"", RDM_FILTER_ERROR_SYNTAX,
      "column 9: expected “(” after “touched”, got “\"Blog\"”" },
    { "touched(\"Blog\"", RDM_FILTER_ERROR_SYNTAX,
      "column 15: expected “)” after the channel name, got the end of the filter" },
    { "attribute(device) = \"x\"", RDM_FILTER_ERROR_SYNTAX,
      "column 11: expected a quoted attribute name after “attribute(”, got “device”" },
    { "(converted", RDM_FILTER_ERROR_SYNTAX,
      "column 11: expected “)” to close the “(” at column 1, got the end of the filter" },
    { "converted)", RDM_FILTER_ERROR_SYNTAX, "column 10: “)” without a matching “(”" },
    { "converted converted", RDM_FILTER_ERROR_SYNTAX,
      "column 11: expected “and”, “or” or the end of the filter, got “converted”" },
    { "converted and", RDM_FILTER_ERROR_SYNTAX,
      "column 14: expected a condition, got the end of the filter" },
    { "and converted", RDM_FILTER_ERROR_SYNTAX, "column 1: expected a condition, got “and”" },
    { "converted or not", RDM_FILTER_ERROR_SYNTAX,
      "column 17: expected a condition, got the end of the filter" },
    { "()", RDM_FILTER_ERROR_SYNTAX, "column 2: expected a condition, got “)”" },
    { "\"fan\"", RDM_FILTER_ERROR_SYNTAX, "column 1: expected a condition, got “\"fan\"”" },
    { "gender = \"male", RDM_FILTER_ERROR_SYNTAX,
      "column 10: unterminated string; expected a closing “\"”" },
    { "gender = \"a\\nb\"", RDM_FILTER_ERROR_SYNTAX,
      "column 12: unknown escape in a string; only \\\" and \\\\ are allowed" },
    { "gender == \"male\"", RDM_FILTER_ERROR_SYNTAX, "column 8: write “=” to compare, not “==”" },
    { "gender <> \"male\"", RDM_FILTER_ERROR_SYNTAX,
      "column 8: write “!=” for “not equal”, not “<>”" },
    { "!converted", RDM_FILTER_ERROR_SYNTAX,
      "column 1: unexpected “!”; write “!=” for “not equal” or “not” to negate" },
    { "converted && touched(\"Blog\")", RDM_FILTER_ERROR_SYNTAX,
      "column 11: write “and”, not “&&”" },
    { "converted || touched(\"Blog\")", RDM_FILTER_ERROR_SYNTAX,
      "column 11: write “or”, not “||”" },
    { "touches >= 3.5.1", RDM_FILTER_ERROR_SYNTAX, "column 15: unexpected character “.”" },
    { "converted = 1", RDM_FILTER_ERROR_SYNTAX,
      "column 11: expected “and”, “or” or the end of the filter, got “=”" },
    /* a token longer than 40 characters is shortened in the message */
    { "converted \"0123456789012345678901234567890123456789\"", RDM_FILTER_ERROR_SYNTAX,
      "column 11: expected “and”, “or” or the end of the filter, got "
      "“\"012345678901234567890123456789012345678…”" },

    /* text that looks like SQL */
    { "gender = 'male'", RDM_FILTER_ERROR_SYNTAX,
      "column 10: single quotes are not allowed; put values in double quotes, as in \"Blog\"" },
    { "' or 1=1 --", RDM_FILTER_ERROR_SYNTAX,
      "column 1: single quotes are not allowed; put values in double quotes, as in \"Blog\"" },
    { "engagement = \"fan\"; drop table visitor", RDM_FILTER_ERROR_NOT_A_FILTER,
      "column 19: “;” is not allowed in a filter (filters are conditions, not SQL)" },
    { "converted -- all of them", RDM_FILTER_ERROR_NOT_A_FILTER,
      "column 11: “--” is not allowed in a filter (filters are conditions, not SQL)" },
    { "converted /* x */", RDM_FILTER_ERROR_NOT_A_FILTER,
      "column 11: “/*” is not allowed in a filter (filters are conditions, not SQL)" },
    { "select * from visitor", RDM_FILTER_ERROR_NOT_A_FILTER,
      "column 1: “select” is not a filter keyword (filters are conditions, not SQL)" },
    { "DROP TABLE visitor", RDM_FILTER_ERROR_NOT_A_FILTER,
      "column 1: “DROP” is not a filter keyword (filters are conditions, not SQL)" },
    { "converted union select 1", RDM_FILTER_ERROR_NOT_A_FILTER,
      "column 11: “union” is not a filter keyword (filters are conditions, not SQL)" },
    { "converted and where", RDM_FILTER_ERROR_NOT_A_FILTER,
      "column 15: “where” is not a filter keyword (filters are conditions, not SQL)" },
  };
  static const ErrorCase no_schema_cases[] = {
    { "engagement = \"x\"; drop table visitor", RDM_FILTER_ERROR_NOT_A_FILTER,
      "column 17: “;” is not allowed in a filter (filters are conditions, not SQL)" },
    { "engagement = \"x\" or 1=1", RDM_FILTER_ERROR_SYNTAX,
      "column 21: expected a condition, got “1”" },
  };

  assert_errors (cases, G_N_ELEMENTS (cases), schema);
  assert_errors (no_schema_cases, G_N_ELEMENTS (no_schema_cases), NULL);
}

static void
test_suggestions (void)
{
  g_autoptr (RdmFilterSchema) schema = rdm_filter_schema_new ();
  static const ErrorCase cases[] = {
    /* colr -> color 1 (insertion), colour 2, colon 2, collar 2: the
     * closest first, then schema order, at most three */
    { "colr = \"x\"", RDM_FILTER_ERROR_UNKNOWN_ATTRIBUTE,
      "column 1: unknown attribute “colr”; did you mean “color”, “colour” or “colon”?" },
    { "touched(\"Flog\")", RDM_FILTER_ERROR_UNKNOWN_CHANNEL,
      "column 9: unknown channel “Flog”; did you mean “Blog” or “Vlog”?" },
    /* a transposition counts as one edit: Bolg -> Blog 1, Vlog 2 */
    { "touched(\"Bolg\")", RDM_FILTER_ERROR_UNKNOWN_CHANNEL,
      "column 9: unknown channel “Bolg”; did you mean “Blog” or “Vlog”?" },
    { "touched(\"Newsletter\")", RDM_FILTER_ERROR_UNKNOWN_CHANNEL,
      "column 9: unknown channel “Newsletter”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (long_suggestion_keys); i++)
    rdm_filter_schema_add_attribute (schema, long_suggestion_keys[i]);
  rdm_filter_schema_add_channel (schema, "Blog");
  rdm_filter_schema_add_channel (schema, "Vlog");
  rdm_filter_schema_add_channel (schema, "Blog");
  assert_errors (cases, G_N_ELEMENTS (cases), schema);
}

static void
test_limits (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  RdmFilter *filter;

  /* 4096 bytes: accepted; 4097: refused */
  g_string_append (text, "converted");
  while (text->len < RDM_FILTER_MAX_LENGTH)
    g_string_append_c (text, ' ');
  filter = rdm_filter_parse (text->str, NULL, &error);
  g_assert_no_error (error);
  rdm_filter_free (filter);
  g_string_append_c (text, ' ');
  g_assert_null (rdm_filter_parse (text->str, NULL, &error));
  g_assert_error (error, RDM_FILTER_ERROR, RDM_FILTER_ERROR_TOO_LONG);
  g_assert_cmpstr (error->message, ==, "the filter is 4097 bytes long; the limit is 4096");
  g_clear_error (&error);

  /* 64 levels of parentheses are fine, the 65th "(" (column 65) is not */
  g_string_truncate (text, 0);
  for (guint i = 0; i < 64; i++)
    g_string_append_c (text, '(');
  g_string_append (text, "converted");
  for (guint i = 0; i < 64; i++)
    g_string_append_c (text, ')');
  filter = rdm_filter_parse (text->str, NULL, &error);
  g_assert_no_error (error);
  rdm_filter_free (filter);
  g_string_prepend_c (text, '(');
  g_string_append_c (text, ')');
  g_assert_null (rdm_filter_parse (text->str, NULL, &error));
  g_assert_error (error, RDM_FILTER_ERROR, RDM_FILTER_ERROR_TOO_DEEP);
  g_assert_cmpstr (error->message, ==,
                   "column 65: the filter is nested deeper than 64 levels of parentheses and "
                   "“not”");
  g_clear_error (&error);

  /* 65 "not " (4 columns each): the 65th starts at column 64 × 4 + 1 = 257 */
  g_string_truncate (text, 0);
  for (guint i = 0; i < 65; i++)
    g_string_append (text, "not ");
  g_string_append (text, "converted");
  g_assert_null (rdm_filter_parse (text->str, NULL, &error));
  g_assert_error (error, RDM_FILTER_ERROR, RDM_FILTER_ERROR_TOO_DEEP);
  g_assert_true (g_str_has_prefix (error->message, "column 257: "));
  g_clear_error (&error);

  /* depth is nesting, not length: many groups side by side are fine */
  g_string_truncate (text, 0);
  for (guint i = 0; i < 100; i++)
    g_string_append (text, i > 0 ? " or (not converted)" : "(not converted)");
  filter = rdm_filter_parse (text->str, NULL, &error);
  g_assert_no_error (error);
  rdm_filter_free (filter);
}

static void
assert_canonical (const char *text, const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmFilter) filter = rdm_filter_parse (text, NULL, &error);
  g_autoptr (RdmFilter) again = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *canonical_again = NULL;

  g_assert_no_error (error);
  canonical = rdm_filter_to_string (filter);
  g_assert_cmpstr (canonical, ==, expected);
  again = rdm_filter_parse (canonical, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rdm_filter_equal (filter, again));
  canonical_again = rdm_filter_to_string (again);
  g_assert_cmpstr (canonical_again, ==, canonical);
}

static void
test_canonical (void)
{
  assert_canonical ("engagement=\"fan\"AND(gender!=\"male\"OR touches>=003.50)",
                    "engagement = \"fan\" and (gender != \"male\" or touches >= 3.5)");
  assert_canonical ("(a = \"1\" and b = \"2\") and c = \"3\"",
                    "a = \"1\" and b = \"2\" and c = \"3\"");
  assert_canonical ("a = \"1\" or (b = \"2\" or c = \"3\")", "a = \"1\" or b = \"2\" or c = \"3\"");
  assert_canonical ("a = \"1\" or (b = \"2\" and c = \"3\")",
                    "a = \"1\" or b = \"2\" and c = \"3\"");
  assert_canonical ("NOT (converted AND touched(\"Blog\"))",
                    "not (converted and touched(\"Blog\"))");
  assert_canonical ("not (not (converted))", "not not converted");
  assert_canonical ("((converted))", "converted");
  assert_canonical ("x IN ( \"a\" ,\"b\" )  and  y Not In(\"c\")",
                    "x in (\"a\", \"b\") and y not in (\"c\")");
  assert_canonical ("attribute(\"device\") = \"mobile\"", "device = \"mobile\"");
  assert_canonical ("attribute(\"value\") = \"high\"", "attribute(\"value\") = \"high\"");
  assert_canonical ("attribute(\"Touches\") = \"a\"", "attribute(\"Touches\") = \"a\"");
  assert_canonical ("attribute(\"Select\") = \"a\"", "attribute(\"Select\") = \"a\"");
  assert_canonical ("attribute(\"région\") = \"Île-de-France\"",
                    "attribute(\"région\") = \"Île-de-France\"");
  assert_canonical ("attribute(\"age band\") != \"\"", "attribute(\"age band\") != \"\"");
  assert_canonical ("quote = \"say \\\"hi\\\" \\\\o/\"", "quote = \"say \\\"hi\\\" \\\\o/\"");
  assert_canonical ("value > -0.0", "value > 0");
  assert_canonical ("value >= 0100.250", "value >= 100.25");
  assert_canonical ("VALUE < -07", "value < -7");
  assert_canonical ("First_Channel != \"Blog\" or LAST_CHANNEL in (\"Email\")",
                    "first_channel != \"Blog\" or last_channel in (\"Email\")");
  assert_canonical ("visits=1 and clicks<2 and impressions<=3 and conversions>0",
                    "visits = 1 and clicks < 2 and impressions <= 3 and conversions > 0");
  /* no-break space and tabs are blanks too */
  assert_canonical ("converted\u00a0and\ttouched(\"Blog\")", "converted and touched(\"Blog\")");
}

static void
test_names (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmFilter) filter = rdm_filter_parse (
      "touched(\"Blog\") and engagement = \"fan\" or first_channel in (\"Email\", \"Blog\") and "
      "engagement != \"x\" and attribute(\"age band\") = \"y\" or converted",
      NULL, &error);
  g_auto (GStrv) attributes = NULL;
  g_auto (GStrv) channels = NULL;
  g_autoptr (RdmFilter) behaviour = NULL;
  g_auto (GStrv) none = NULL;

  g_assert_no_error (error);
  attributes = rdm_filter_get_attributes (filter);
  channels = rdm_filter_get_channels (filter);
  g_assert_cmpstrv (attributes, ((const char *const[]){ "age band", "engagement", NULL }));
  g_assert_cmpstrv (channels, ((const char *const[]){ "Blog", "Email", NULL }));

  behaviour = rdm_filter_parse ("converted and touches > 2", NULL, &error);
  g_assert_no_error (error);
  none = rdm_filter_get_attributes (behaviour);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
}

static void
test_evaluate_unknown_names (void)
{
  g_autoptr (RdmVisitorFacts) facts = make_table ();
  g_autofree guint64 *bitmap = rdm_bitmap_new (facts->n_visitors);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmFilter) channel
      = rdm_filter_parse ("converted or touched(\"TikTok\")", NULL, &error);
  g_autoptr (RdmFilter) attribute = NULL;
  g_autoptr (RdmFilter) value = NULL;

  g_assert_no_error (error);
  g_assert_false (rdm_filter_evaluate (channel, facts, bitmap, &error));
  g_assert_error (error, RDM_FILTER_ERROR, RDM_FILTER_ERROR_UNKNOWN_CHANNEL);
  g_assert_cmpstr (error->message, ==,
                   "the filter uses channel “TikTok”, which these visitors do not have");
  g_clear_error (&error);

  attribute = rdm_filter_parse ("not (hobby = \"chess\")", NULL, &error);
  g_assert_no_error (error);
  g_assert_false (rdm_filter_evaluate (attribute, facts, bitmap, &error));
  g_assert_error (error, RDM_FILTER_ERROR, RDM_FILTER_ERROR_UNKNOWN_ATTRIBUTE);
  g_assert_cmpstr (error->message, ==,
                   "the filter uses attribute “hobby”, which these visitors do not have");
  g_clear_error (&error);

  /* a value nobody has is not an error: it matches nobody */
  value = rdm_filter_parse ("engagement in (\"zealot\", \"fan\")", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rdm_filter_evaluate (value, facts, bitmap, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rdm_bitmap_count (bitmap, facts->n_visitors), ==, 2);
}

static void
test_bitmap_count (void)
{
  guint64 words[3] = { G_MAXUINT64, 0x5, G_MAXUINT64 };

  /* 64 + 2 (bits 0 and 2 of word 1) + 3 (bits 128..130) */
  g_assert_cmpuint (rdm_bitmap_count (words, 131), ==, 69);
  g_assert_cmpuint (rdm_bitmap_count (words, 128), ==, 66);
  g_assert_cmpuint (rdm_bitmap_count (words, 65), ==, 65);
  g_assert_cmpuint (rdm_bitmap_count (words, 0), ==, 0);
  g_assert_cmpuint (rdm_bitmap_n_words (0), ==, 0);
  g_assert_cmpuint (rdm_bitmap_n_words (64), ==, 1);
  g_assert_cmpuint (rdm_bitmap_n_words (65), ==, 2);
}

/* Random filters against a naive evaluator. */

#define N_KEYS 3
#define N_VALUES 4
#define N_CHANNELS 5

static const char *const rnd_keys[N_KEYS] = { "engagement", "age_band", "gender" };
/* the last value of each key is given to nobody */
static const char *const rnd_values[N_VALUES] = { "a", "b", "Ç \"q\"", "never" };
static const char *const rnd_channels[N_CHANNELS]
    = { "Blog", "Facebook", "Email", "Search", "Display" };

typedef struct
{
  int attribute[N_KEYS]; /* value index or -1 */
  guint touches, visits, clicks, impressions, conversions;
  double value;
  int first, last; /* channel or -1 */
  guint touched;   /* bit per channel */
} RndVisitor;

typedef enum
{
  RND_AND,
  RND_OR,
  RND_NOT,
  RND_ATTRIBUTE,
  RND_NUMBER,
  RND_CHANNEL,
  RND_TOUCHED,
  RND_CONVERTED,
} RndKind;

typedef struct _RndNode RndNode;
struct _RndNode
{
  RndKind kind;
  int op;    /* 0 = 1 != 2 < 3 <= 4 > 5 >=, or 0 = 1 != 2 in 3 not in */
  int field; /* key, number field (0 touches … 5 value) or 0 first / 1 last */
  int items[3];
  int n_items;
  double number;
  RndNode *a, *b;
};

static void
rnd_free (RndNode *node)
{
  if (node == NULL)
    return;
  rnd_free (node->a);
  rnd_free (node->b);
  g_free (node);
}

static RndNode *
rnd_generate (GRand *rand, int depth)
{
  RndNode *node = g_new0 (RndNode, 1);
  int kind = depth >= 4 ? g_rand_int_range (rand, RND_ATTRIBUTE, RND_CONVERTED + 1)
                        : g_rand_int_range (rand, RND_AND, RND_CONVERTED + 1);

  node->kind = kind;
  switch (node->kind)
    {
    case RND_AND:
    case RND_OR:
      node->a = rnd_generate (rand, depth + 1);
      node->b = rnd_generate (rand, depth + 1);
      break;
    case RND_NOT:
      node->a = rnd_generate (rand, depth + 1);
      break;
    case RND_ATTRIBUTE:
    case RND_CHANNEL:
      node->op = g_rand_int_range (rand, 0, 4);
      node->field = g_rand_int_range (rand, 0, node->kind == RND_ATTRIBUTE ? N_KEYS : 2);
      node->n_items = node->op < 2 ? 1 : g_rand_int_range (rand, 1, 4);
      for (int i = 0; i < node->n_items; i++)
        node->items[i]
            = g_rand_int_range (rand, 0, node->kind == RND_ATTRIBUTE ? N_VALUES : N_CHANNELS);
      break;
    case RND_NUMBER:
      node->op = g_rand_int_range (rand, 0, 6);
      node->field = g_rand_int_range (rand, 0, 6);
      node->number = g_rand_int_range (rand, 0, 5) + (g_rand_boolean (rand) ? 0.5 : 0);
      break;
    case RND_TOUCHED:
      node->items[0] = g_rand_int_range (rand, 0, N_CHANNELS);
      break;
    case RND_CONVERTED:
    default:
      break;
    }
  return node;
}

static void
rnd_append_quoted (GString *out, const char *text)
{
  g_string_append_c (out, '"');
  for (const char *c = text; *c; c++)
    {
      if (*c == '"' || *c == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '"');
}

/* Prints with the fewest parentheses precedence allows, so the parser's
 * precedence is exercised too. */
static void
rnd_print (const RndNode *node, GString *out)
{
  static const char *const number_ops[] = { "=", "!=", "<", "<=", ">", ">=" };
  static const char *const set_ops[] = { "=", "!=", "in", "not in" };
  static const char *const number_fields[]
      = { "touches", "visits", "clicks", "impressions", "conversions", "value" };

  switch (node->kind)
    {
    case RND_AND:
    case RND_OR:
      for (int side = 0; side < 2; side++)
        {
          const RndNode *child = side == 0 ? node->a : node->b;
          gboolean parens = node->kind == RND_AND && child->kind == RND_OR;

          if (side == 1)
            g_string_append (out, node->kind == RND_AND ? " AND " : " or ");
          g_string_append (out, parens ? "(" : "");
          rnd_print (child, out);
          g_string_append (out, parens ? ")" : "");
        }
      break;
    case RND_NOT:
      {
        gboolean parens = node->a->kind == RND_AND || node->a->kind == RND_OR;

        g_string_append (out, parens ? "not (" : "Not ");
        rnd_print (node->a, out);
        g_string_append (out, parens ? ")" : "");
      }
      break;
    case RND_ATTRIBUTE:
    case RND_CHANNEL:
      if (node->kind == RND_ATTRIBUTE)
        g_string_append (out, rnd_keys[node->field]);
      else
        g_string_append (out, node->field == 0 ? "first_channel" : "last_channel");
      g_string_append_printf (out, " %s ", set_ops[node->op]);
      if (node->op >= 2)
        g_string_append_c (out, '(');
      for (int i = 0; i < node->n_items; i++)
        {
          if (i > 0)
            g_string_append (out, ",");
          rnd_append_quoted (out, node->kind == RND_ATTRIBUTE ? rnd_values[node->items[i]]
                                                              : rnd_channels[node->items[i]]);
        }
      if (node->op >= 2)
        g_string_append_c (out, ')');
      break;
    case RND_NUMBER:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        g_string_append_printf (out, "%s %s %s", number_fields[node->field], number_ops[node->op],
                                g_ascii_dtostr (buffer, sizeof buffer, node->number));
      }
      break;
    case RND_TOUCHED:
      g_string_append (out, "touched(");
      rnd_append_quoted (out, rnd_channels[node->items[0]]);
      g_string_append (out, ")");
      break;
    case RND_CONVERTED:
    default:
      g_string_append (out, "converted");
      break;
    }
}

static gboolean
rnd_in (const RndNode *node, int item)
{
  gboolean found = FALSE;

  for (int i = 0; i < node->n_items; i++)
    found |= item >= 0 && node->items[i] == item;
  /* = and in hold for a listed item; != and not in for anything else,
   * missing included */
  return node->op == 0 || node->op == 2 ? found : !found;
}

static gboolean
rnd_eval (const RndNode *node, const RndVisitor *v)
{
  switch (node->kind)
    {
    case RND_AND:
      return rnd_eval (node->a, v) && rnd_eval (node->b, v);
    case RND_OR:
      return rnd_eval (node->a, v) || rnd_eval (node->b, v);
    case RND_NOT:
      return !rnd_eval (node->a, v);
    case RND_ATTRIBUTE:
      return rnd_in (node, v->attribute[node->field]);
    case RND_CHANNEL:
      return rnd_in (node, node->field == 0 ? v->first : v->last);
    case RND_NUMBER:
      {
        double x = node->field == 0   ? v->touches
                   : node->field == 1 ? v->visits
                   : node->field == 2 ? v->clicks
                   : node->field == 3 ? v->impressions
                   : node->field == 4 ? v->conversions
                                      : v->value;
        double y = node->number;

        switch (node->op)
          {
          case 0:
            return x == y;
          case 1:
            return x != y;
          case 2:
            return x < y;
          case 3:
            return x <= y;
          case 4:
            return x > y;
          default:
            return x >= y;
          }
      }
    case RND_TOUCHED:
      return (v->touched >> node->items[0]) & 1;
    case RND_CONVERTED:
    default:
      return v->conversions > 0;
    }
}

static void
test_random_against_naive (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261123);
  g_autoptr (RdmVisitorFacts) facts = rdm_visitor_facts_new ();
  g_autofree RndVisitor *visitors = NULL;
  /* not a multiple of 64, so the last word is partly unused */
  const guint n = 300;
  g_autofree guint64 *bitmap = rdm_bitmap_new (n);

  visitors = g_new0 (RndVisitor, n);
  for (guint c = 0; c < N_CHANNELS; c++)
    rdm_visitor_facts_intern_channel (facts, rnd_channels[c]);
  for (guint i = 0; i < n; i++)
    {
      RndVisitor *v = &visitors[i];
      guint32 id = rdm_visitor_facts_add_visitor (facts);
      guint n_touches = g_rand_int_range (rand, 0, 5);
      guint n_conversions = g_rand_int_range (rand, 0, 3);

      v->first = v->last = -1;
      for (guint k = 0; k < N_KEYS; k++)
        {
          v->attribute[k] = g_rand_int_range (rand, -1, N_VALUES - 1);
          rdm_visitor_facts_set_attribute (
              facts, id, rnd_keys[k], v->attribute[k] >= 0 ? rnd_values[v->attribute[k]] : NULL);
        }
      for (guint t = 0; t < n_touches; t++)
        {
          int channel = g_rand_int_range (rand, 0, N_CHANNELS);
          guint interaction = g_rand_int_range (rand, 0, 3);

          rdm_visitor_facts_add_touch (facts, id, channel, interaction);
          v->touches++;
          v->impressions += interaction == 0;
          v->clicks += interaction == 1;
          v->visits += interaction == 2;
          v->touched |= 1u << channel;
          if (v->first < 0)
            v->first = channel;
          v->last = channel;
        }
      for (guint c = 0; c < n_conversions; c++)
        {
          double value = g_rand_int_range (rand, 0, 3) * 1.5;

          rdm_visitor_facts_add_conversion (facts, id, value);
          v->conversions++;
          v->value += value;
        }
    }

  for (guint round = 0; round < 2000; round++)
    {
      RndNode *tree = rnd_generate (rand, 0);
      g_autoptr (GString) text = g_string_new (NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (RdmFilter) filter = NULL;
      guint count = 0;

      rnd_print (tree, text);
      filter = rdm_filter_parse (text->str, NULL, &error);
      if (error != NULL)
        g_error ("%s: %s", text->str, error->message);
      memset (bitmap, 0xaa, rdm_bitmap_n_words (n) * sizeof (guint64));
      g_assert_true (rdm_filter_evaluate (filter, facts, bitmap, &error));
      g_assert_no_error (error);
      for (guint i = 0; i < n; i++)
        {
          gboolean expected = rnd_eval (tree, &visitors[i]);

          if (rdm_bitmap_get (bitmap, i) != expected)
            g_error ("%s: visitor %u is %d, expected %d", text->str, i, rdm_bitmap_get (bitmap, i),
                     expected);
          count += expected;
        }
      g_assert_cmpuint (bitmap[rdm_bitmap_n_words (n) - 1] >> (n % 64), ==, 0);
      g_assert_cmpuint (rdm_bitmap_count (bitmap, n), ==, count);
      rnd_free (tree);
    }
}

/* Random bytes and token soups: a plan or an error, never a crash. A plan
 * must survive the round trip through its canonical text. */
static void
check_no_crash (const char *text, const RdmFilterSchema *schema, const RdmVisitorFacts *facts)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmFilter) filter = rdm_filter_parse (text, schema, &error);

  if (filter == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == RDM_FILTER_ERROR);
      g_assert_true (error->code == RDM_FILTER_ERROR_EMPTY
                     || error->code == RDM_FILTER_ERROR_TOO_LONG
                     || g_str_has_prefix (error->message, "column "));
      return;
    }
  {
    g_autofree char *canonical = rdm_filter_to_string (filter);
    g_autoptr (RdmFilter) again = rdm_filter_parse (canonical, schema, &error);
    g_autofree guint64 *bitmap = rdm_bitmap_new (facts->n_visitors);
    g_autofree guint64 *bitmap_again = rdm_bitmap_new (facts->n_visitors);
    gboolean ok, ok_again;

    g_assert_no_error (error);
    g_assert_true (rdm_filter_equal (filter, again));
    ok = rdm_filter_evaluate (filter, facts, bitmap, NULL);
    ok_again = rdm_filter_evaluate (again, facts, bitmap_again, NULL);
    /* with a schema every name is known to the facts it came from */
    g_assert_true (ok || schema == NULL);
    g_assert_cmpint (ok, ==, ok_again);
    if (ok)
      g_assert_cmpmem (bitmap, rdm_bitmap_n_words (facts->n_visitors) * 8, bitmap_again,
                       rdm_bitmap_n_words (facts->n_visitors) * 8);
  }
}

static void
test_fuzz (void)
{
  static const char *const soup[] = {
    "(",          ")",
    "and",        "or",
    "not",        "in",
    "touched",    "converted",
    "engagement", "gender",
    "=",          "!=",
    "<",          ">=",
    "\"fan\"",    "\"Blog\"",
    "\"male\"",   "3",
    "1.5",        ",",
    "attribute",  "first_channel",
    "value",      "'",
    ";",          "\"",
    "--",         "é",
    "\\",         "\"\\\"\"",
    "select",     "\"device\"",
    "-2",         "touches",
    "NOT",
  };
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);
  g_autoptr (RdmVisitorFacts) facts = make_table ();
  g_autoptr (RdmFilterSchema) schema = rdm_visitor_facts_schema (facts);
  guint parsed = 0;

  for (guint i = 0; i < 10000; i++)
    {
      char bytes[65];
      guint length = g_rand_int_range (rand, 0, 65);

      for (guint b = 0; b < length; b++)
        bytes[b] = (char)g_rand_int_range (rand, 1, 256);
      bytes[length] = '\0';
      check_no_crash (bytes, schema, facts);
    }
  for (guint i = 0; i < 10000; i++)
    {
      g_autoptr (GString) text = g_string_new (NULL);
      guint length = g_rand_int_range (rand, 0, 16);

      for (guint t = 0; t < length; t++)
        {
          g_string_append (text, soup[g_rand_int_range (rand, 0, G_N_ELEMENTS (soup))]);
          if (g_rand_boolean (rand))
            g_string_append_c (text, ' ');
        }
      {
        g_autoptr (RdmFilter) filter = rdm_filter_parse (text->str, schema, NULL);

        parsed += filter != NULL;
      }
      check_no_crash (text->str, schema, facts);
      check_no_crash (text->str, NULL, facts);
    }
  /* the soup is not all errors: some plans come out of it */
  g_assert_cmpuint (parsed, >, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/filter/operators", test_operators);
  g_test_add_func ("/filter/combinations", test_combinations);
  g_test_add_func ("/filter/errors", test_errors);
  g_test_add_func ("/filter/suggestions", test_suggestions);
  g_test_add_func ("/filter/limits", test_limits);
  g_test_add_func ("/filter/canonical", test_canonical);
  g_test_add_func ("/filter/names", test_names);
  g_test_add_func ("/filter/evaluate-unknown-names", test_evaluate_unknown_names);
  g_test_add_func ("/filter/bitmap-count", test_bitmap_count);
  g_test_add_func ("/filter/random-against-naive", test_random_against_naive);
  g_test_add_func ("/filter/fuzz", test_fuzz);

  return g_test_run ();
}
