/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rdm-visitor-facts.h"

G_BEGIN_DECLS

/* RdmFilter: a segment filter, parsed by our own parser into a plan that
 * rdm_filter_evaluate() runs over RdmVisitorFacts. Filter text is never
 * pasted into SQL.
 *
 * Grammar (EBNF; keywords are case-insensitive, quoted values are
 * case-sensitive, blanks separate tokens):
 *
 *   filter      = or-expr ;
 *   or-expr     = and-expr { "or" and-expr } ;
 *   and-expr    = not-expr { "and" not-expr } ;
 *   not-expr    = "not" not-expr | primary ;
 *   primary     = "(" or-expr ")"
 *               | "converted"
 *               | "touched" "(" string ")"
 *               | number-field number-op number
 *               | channel-field ( eq-op string | in-op list )
 *               | attribute ( eq-op string | in-op list ) ;
 *   attribute   = identifier | "attribute" "(" string ")" ;
 *   number-field = "touches" | "visits" | "clicks" | "impressions"
 *               | "conversions" | "value" ;
 *   channel-field = "first_channel" | "last_channel" ;
 *   eq-op       = "=" | "!=" ;
 *   in-op       = "in" | "not" "in" ;
 *   number-op   = "=" | "!=" | "<" | "<=" | ">" | ">=" ;
 *   list        = "(" string { "," string } ")" ;
 *   identifier  = ( letter | "_" ) { letter | digit | "_" } ;  (ASCII letters)
 *   string      = '"' { character | '\"' | '\\' } '"' ;
 *   number      = [ "-" ] digit { digit } [ "." digit { digit } ] ;
 *
 * Precedence: not > and > or, so `a or b and c` is `a or (b and c)` and
 * `not a = "x" and b = "y"` is `(not a = "x") and b = "y"`.
 *
 * Meaning: `touches`, `visits` (interaction visit), `clicks`, `impressions`
 * count the visitor's touches; `conversions` and `value` sum its
 * conversions; `converted` is conversions > 0; `touched("X")` is true when
 * any touch is on channel X; `first_channel` / `last_channel` are the
 * channels of the oldest and newest touch. An attribute key that is a
 * keyword, an SQL word or not an identifier (spaces, accents) is written
 * attribute("key").
 *
 * Missing values: for a visitor without the attribute (or without any
 * touch, for first_channel / last_channel), `=` and `in` are false and
 * `!=` and `not in` are true. Unlike SQL NULL, `gender != "male"` therefore
 * selects visitors of unknown gender, and `not (gender = "male")` means
 * the same thing.
 *
 * Rejected, with the column (1-based, in characters) and what was
 * expected: empty text (pass no filter to select everyone), text over
 * RDM_FILTER_MAX_LENGTH bytes, invalid UTF-8, unterminated strings, single
 * quotes, ";", "--", "/" "*" (a comment opener), SQL words (select,
 * drop, union, where…) where a condition is expected, decimal commas,
 * nesting of parentheses and "not" deeper than RDM_FILTER_MAX_DEPTH,
 * trailing text, and (when a schema is
 * given) unknown attributes, values and channels, with the closest known
 * names as suggestions.
 */

#define RDM_FILTER_MAX_LENGTH 4096
#define RDM_FILTER_MAX_DEPTH 64

#define RDM_FILTER_ERROR (rdm_filter_error_quark ())

typedef enum
{
  RDM_FILTER_ERROR_SYNTAX,
  RDM_FILTER_ERROR_EMPTY,
  RDM_FILTER_ERROR_TOO_LONG,
  RDM_FILTER_ERROR_TOO_DEEP,
  RDM_FILTER_ERROR_NOT_A_FILTER, /* SQL-looking text */
  RDM_FILTER_ERROR_UNKNOWN_ATTRIBUTE,
  RDM_FILTER_ERROR_UNKNOWN_VALUE,
  RDM_FILTER_ERROR_UNKNOWN_CHANNEL,
} RdmFilterError;

GQuark rdm_filter_error_quark (void);

/* RdmFilterSchema: the attribute keys, attribute values and channel names
 * a filter may use. A key with at least one known value only accepts known
 * values; a key without values accepts any. */
RdmFilterSchema *rdm_filter_schema_new (void);
void rdm_filter_schema_free (RdmFilterSchema *schema);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmFilterSchema, rdm_filter_schema_free)
void rdm_filter_schema_add_attribute (RdmFilterSchema *schema, const char *key);
/* Adds @key too when it is new. */
void
rdm_filter_schema_add_attribute_value (RdmFilterSchema *schema, const char *key, const char *value);
void rdm_filter_schema_add_channel (RdmFilterSchema *schema, const char *name);

typedef struct _RdmFilter RdmFilter;

/* Parses @text. With @schema NULL any attribute, value and channel is
 * accepted (rdm_filter_evaluate() still checks them against the facts).
 * Returns NULL and sets @error (RDM_FILTER_ERROR) on any problem; the
 * message starts with "column N: " when the problem has a place. */
RdmFilter *rdm_filter_parse (const char *text, const RdmFilterSchema *schema, GError **error);
void rdm_filter_free (RdmFilter *filter);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmFilter, rdm_filter_free)

/* The canonical text of the plan: lower-case keywords, single spaces,
 * parentheses only where precedence needs them, shortest exact numbers.
 * Parsing it gives an equal plan. */
char *rdm_filter_to_string (const RdmFilter *filter);

/* TRUE when both plans are the same tree (nested "and"s and "or"s are
 * flattened when parsed, so `(a and b) and c` equals `a and (b and c)`). */
gboolean rdm_filter_equal (const RdmFilter *a, const RdmFilter *b);

/* The attribute keys and the channel names the filter mentions, sorted and
 * without duplicates; free with g_strfreev(). */
char **rdm_filter_get_attributes (const RdmFilter *filter);
char **rdm_filter_get_channels (const RdmFilter *filter);

/* Sets bit v of @out_bitmap (rdm_bitmap_n_words (facts->n_visitors) words)
 * for each visitor v that the filter selects, clears the others (including
 * the unused bits of the last word). Fails, leaving @out_bitmap
 * unspecified, when the filter names an attribute key or a channel that
 * @facts does not know. Values no visitor has simply match nobody. */
gboolean rdm_filter_evaluate (const RdmFilter *filter,
                              const RdmVisitorFacts *facts,
                              guint64 *out_bitmap,
                              GError **error);

G_END_DECLS
