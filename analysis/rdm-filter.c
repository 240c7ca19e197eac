/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RdmFilter: the segment filter language (grammar in rdm-filter.h).
 *
 * A hand-written lexer produces one token at a time (so the first problem
 * in reading order is the one reported), and a recursive-descent parser
 * builds a tree whose "and" and "or" nodes are n-ary and flattened. Names
 * stay names in the plan; the evaluator resolves them against the facts
 * it is given, so one parsed filter serves any RdmVisitorFacts.
 *
 * Evaluation is column-wise: every leaf turns a whole column into a bitmap
 * word by word and merges it into its parent's bitmap with a word
 * operation, so an "and" of leaves needs no temporary bitmap at all and
 * only nested groups allocate one (one per nesting level).
 *
 * Suggestions for unknown names use the edit distance of rdm-suggest.c on
 * lower-cased characters.
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <string.h>

#include "rdm-filter.h"
#include "rdm-suggest.h"
#include "rdm-text.h"

/* The quark name is a bare dashed token, which clang-format would split. */
/* clang-format off */
G_DEFINE_QUARK (rdm-filter-error-quark, rdm_filter_error)
/* clang-format on */

/* Schema */

typedef struct
{
  GPtrArray *values; /* char *, owned */
  GHashTable *known; /* value set, keys owned by values */
} SchemaKey;

struct _RdmFilterSchema
{
  GPtrArray *keys;     /* char *, owned, in insertion order */
  GHashTable *key_map; /* key -> SchemaKey * */
  GPtrArray *channels; /* char *, owned */
  GHashTable *channel_set;
};

static void
schema_key_free (SchemaKey *key)
{
  g_hash_table_unref (key->known);
  g_ptr_array_unref (key->values);
  g_free (key);
}

RdmFilterSchema *
rdm_filter_schema_new (void)
{
  RdmFilterSchema *schema = g_new0 (RdmFilterSchema, 1);

  schema->keys = g_ptr_array_new_with_free_func (g_free);
  schema->key_map
      = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)schema_key_free);
  schema->channels = g_ptr_array_new_with_free_func (g_free);
  schema->channel_set = g_hash_table_new (g_str_hash, g_str_equal);
  return schema;
}

void
rdm_filter_schema_free (RdmFilterSchema *schema)
{
  if (schema == NULL)
    return;
  g_hash_table_unref (schema->key_map);
  g_ptr_array_unref (schema->keys);
  g_hash_table_unref (schema->channel_set);
  g_ptr_array_unref (schema->channels);
  g_free (schema);
}

static SchemaKey *
schema_ensure_key (RdmFilterSchema *schema, const char *key)
{
  SchemaKey *entry = g_hash_table_lookup (schema->key_map, key);
  char *copy;

  if (entry != NULL)
    return entry;
  copy = g_strdup (key);
  g_ptr_array_add (schema->keys, copy);
  entry = g_new0 (SchemaKey, 1);
  entry->values = g_ptr_array_new_with_free_func (g_free);
  entry->known = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (schema->key_map, copy, entry);
  return entry;
}

void
rdm_filter_schema_add_attribute (RdmFilterSchema *schema, const char *key)
{
  g_return_if_fail (schema != NULL);
  g_return_if_fail (key != NULL);

  schema_ensure_key (schema, key);
}

void
rdm_filter_schema_add_attribute_value (RdmFilterSchema *schema, const char *key, const char *value)
{
  SchemaKey *entry;
  char *copy;

  g_return_if_fail (schema != NULL);
  g_return_if_fail (key != NULL);
  g_return_if_fail (value != NULL);

  entry = schema_ensure_key (schema, key);
  if (g_hash_table_contains (entry->known, value))
    return;
  copy = g_strdup (value);
  g_ptr_array_add (entry->values, copy);
  g_hash_table_add (entry->known, copy);
}

void
rdm_filter_schema_add_channel (RdmFilterSchema *schema, const char *name)
{
  char *copy;

  g_return_if_fail (schema != NULL);
  g_return_if_fail (name != NULL);

  if (g_hash_table_contains (schema->channel_set, name))
    return;
  copy = g_strdup (name);
  g_ptr_array_add (schema->channels, copy);
  g_hash_table_add (schema->channel_set, copy);
}

/* Plan */

typedef enum
{
  NODE_OR,
  NODE_AND,
  NODE_NOT,
  NODE_CONVERTED,
  NODE_TOUCHED,   /* name = channel */
  NODE_NUMBER,    /* field, op, number */
  NODE_CHANNEL,   /* field, op, values */
  NODE_ATTRIBUTE, /* name = key, op, values */
} NodeKind;

typedef enum
{
  OP_EQ,
  OP_NE,
  OP_LT,
  OP_LE,
  OP_GT,
  OP_GE,
  OP_IN,
  OP_NOT_IN,
} Op;

static const char *const op_text[] = { "=", "!=", "<", "<=", ">", ">=", "in", "not in" };

typedef enum
{
  FIELD_TOUCHES,
  FIELD_VISITS,
  FIELD_CLICKS,
  FIELD_IMPRESSIONS,
  FIELD_CONVERSIONS,
  FIELD_VALUE,
} NumberField;

static const char *const number_fields[]
    = { "touches", "visits", "clicks", "impressions", "conversions", "value" };

typedef enum
{
  FIELD_FIRST_CHANNEL,
  FIELD_LAST_CHANNEL,
} ChannelField;

static const char *const channel_fields[] = { "first_channel", "last_channel" };

/* Words that are never attribute keys when written bare: the connectives,
 * then the words that start a condition (also offered as suggestions). */
static const char *const keywords[] = {
  "and",          "or",     "not",    "in",          "converted",   "touched", "attribute",
  "touches",      "visits", "clicks", "impressions", "conversions", "value",   "first_channel",
  "last_channel",
};
#define N_CONNECTIVES 4

/* SQL words refused where a condition or a connective is expected, so that
 * pasted SQL gets an explanation rather than "unknown attribute". */
static const char *const sql_words[] = {
  "select", "insert", "update", "delete",  "drop", "create",  "alter",    "union",  "where",
  "from",   "table",  "join",   "having",  "exec", "execute", "truncate", "pragma", "attach",
  "detach", "like",   "null",   "between", "into", "values",  "distinct", "grant",
};

typedef struct _Node Node;
struct _Node
{
  NodeKind kind;
  Op op;
  guint field;       /* NumberField or ChannelField */
  char *name;        /* attribute key or touched channel */
  GPtrArray *values; /* char *: attribute values or channel names */
  double number;
  char *number_text;   /* canonical decimal text of number */
  GPtrArray *children; /* Node * */
};

struct _RdmFilter
{
  Node *root;
};

static void
node_free (Node *node)
{
  if (node == NULL)
    return;
  g_free (node->name);
  g_free (node->number_text);
  if (node->values != NULL)
    g_ptr_array_unref (node->values);
  if (node->children != NULL)
    g_ptr_array_unref (node->children);
  g_free (node);
}

static Node *
node_new (NodeKind kind)
{
  Node *node = g_new0 (Node, 1);

  node->kind = kind;
  if (kind == NODE_AND || kind == NODE_OR || kind == NODE_NOT)
    node->children = g_ptr_array_new_with_free_func ((GDestroyNotify)node_free);
  else if (kind == NODE_CHANNEL || kind == NODE_ATTRIBUTE)
    node->values = g_ptr_array_new_with_free_func (g_free);
  return node;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Node, node_free)

void
rdm_filter_free (RdmFilter *filter)
{
  if (filter == NULL)
    return;
  node_free (filter->root);
  g_free (filter);
}

/* Lexer */

typedef enum
{
  TOK_END,
  TOK_IDENT,
  TOK_STRING,
  TOK_NUMBER,
  TOK_LPAREN,
  TOK_RPAREN,
  TOK_COMMA,
  TOK_EQ,
  TOK_NE,
  TOK_LT,
  TOK_LE,
  TOK_GT,
  TOK_GE,
} TokenKind;

typedef struct
{
  TokenKind kind;
  gsize start; /* byte offsets into the text */
  gsize end;
  guint column; /* 1-based, in characters */
  char *value;  /* identifier, unescaped string or number text */
} Token;

typedef struct
{
  const char *text;
  gsize pos;
  guint column; /* of pos */
  Token tok;
  const RdmFilterSchema *schema;
  guint depth;
  GError **error;
} Parser;

static gboolean
word_in (const char *word, const char *const *list, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (g_ascii_strcasecmp (word, list[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_keyword (const char *word)
{
  return word_in (word, keywords, G_N_ELEMENTS (keywords));
}

static gboolean
is_sql_word (const char *word)
{
  return word_in (word, sql_words, G_N_ELEMENTS (sql_words));
}

static void fail (Parser *p, int code, guint column, const char *format, ...) G_GNUC_PRINTF (4, 5);

static void
fail (Parser *p, int code, guint column, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* translators: the first %u is a character position in the filter text */
  g_set_error (p->error, RDM_FILTER_ERROR, code, _ ("column %u: %s"), column, message);
}

/* Moves one character forward. */
static void
step (Parser *p)
{
  p->pos = g_utf8_next_char (p->text + p->pos) - p->text;
  p->column++;
}

static char
peek (Parser *p, gsize ahead)
{
  /* the text is NUL-terminated and ahead is at most 1 past a non-NUL byte */
  return p->text[p->pos + ahead];
}

/* Reports the character at the current position as unexpected. */
static gboolean
fail_unexpected (Parser *p)
{
  const char *here = p->text + p->pos;
  g_autofree char *what = g_strndup (here, g_utf8_next_char (here) - here);
  gunichar ch = g_utf8_get_char (here);

  if (!g_unichar_isprint (ch))
    fail (p, RDM_FILTER_ERROR_SYNTAX, p->column, _ ("unexpected character U+%04X"), (guint)ch);
  else if (g_unichar_isalpha (ch))
    fail (p, RDM_FILTER_ERROR_SYNTAX, p->column,
          _ ("unexpected “%s”; names with characters other than A-Z, 0-9 and _ are "
             "written attribute(\"name\")"),
          what);
  else
    fail (p, RDM_FILTER_ERROR_SYNTAX, p->column, _ ("unexpected character “%s”"), what);
  return FALSE;
}

/* Lexes a double-quoted string starting at the opening quote. */
static gboolean
lex_string (Parser *p)
{
  GString *value = g_string_new (NULL);
  guint open_column = p->column;

  step (p);
  for (;;)
    {
      char c = peek (p, 0);

      if (c == '\0')
        {
          g_string_free (value, TRUE);
          fail (p, RDM_FILTER_ERROR_SYNTAX, open_column,
                _ ("unterminated string; expected a closing “\"”"));
          return FALSE;
        }
      if (c == '"')
        {
          step (p);
          break;
        }
      if (c == '\\')
        {
          char next = peek (p, 1);

          if (next != '"' && next != '\\')
            {
              guint column = p->column;

              g_string_free (value, TRUE);
              fail (p, RDM_FILTER_ERROR_SYNTAX, column,
                    _ ("unknown escape in a string; only \\\" and \\\\ are allowed"));
              return FALSE;
            }
          g_string_append_c (value, next);
          step (p);
          step (p);
          continue;
        }
      {
        gsize from = p->pos;

        step (p);
        g_string_append_len (value, p->text + from, p->pos - from);
      }
    }
  p->tok.kind = TOK_STRING;
  p->tok.value = g_string_free (value, FALSE);
  return TRUE;
}

/* Lexes [-]digits[.digits]; the value keeps the text, canonicalised later. */
static gboolean
lex_number (Parser *p)
{
  gsize from = p->pos;

  if (peek (p, 0) == '-')
    step (p);
  while (g_ascii_isdigit (peek (p, 0)))
    step (p);
  if (peek (p, 0) == '.')
    {
      if (!g_ascii_isdigit (peek (p, 1)))
        {
          fail (p, RDM_FILTER_ERROR_SYNTAX, p->column, _ ("expected a digit after “.”"));
          return FALSE;
        }
      step (p);
      while (g_ascii_isdigit (peek (p, 0)))
        step (p);
    }
  p->tok.kind = TOK_NUMBER;
  p->tok.value = g_strndup (p->text + from, p->pos - from);
  return TRUE;
}

/* Reads the next token into p->tok. */
static gboolean
advance (Parser *p)
{
  char c;

  g_clear_pointer (&p->tok.value, g_free);

  for (;;)
    {
      gunichar ch = g_utf8_get_char (p->text + p->pos);

      if (ch == 0 || !g_unichar_isspace (ch))
        break;
      step (p);
    }

  p->tok.start = p->pos;
  p->tok.column = p->column;
  c = peek (p, 0);

  if (c == '\0')
    p->tok.kind = TOK_END;
  else if (c == '(' || c == ')' || c == ',')
    {
      p->tok.kind = c == '(' ? TOK_LPAREN : c == ')' ? TOK_RPAREN : TOK_COMMA;
      step (p);
    }
  else if (c == '=')
    {
      if (peek (p, 1) == '=')
        {
          fail (p, RDM_FILTER_ERROR_SYNTAX, p->column, _ ("write “=” to compare, not “==”"));
          return FALSE;
        }
      p->tok.kind = TOK_EQ;
      step (p);
    }
  else if (c == '!')
    {
      if (peek (p, 1) != '=')
        {
          fail (p, RDM_FILTER_ERROR_SYNTAX, p->column,
                _ ("unexpected “!”; write “!=” for “not equal” or “not” to negate"));
          return FALSE;
        }
      p->tok.kind = TOK_NE;
      step (p);
      step (p);
    }
  else if (c == '<' || c == '>')
    {
      if (c == '<' && peek (p, 1) == '>')
        {
          fail (p, RDM_FILTER_ERROR_SYNTAX, p->column, _ ("write “!=” for “not equal”, not “<>”"));
          return FALSE;
        }
      step (p);
      if (peek (p, 0) == '=')
        {
          p->tok.kind = c == '<' ? TOK_LE : TOK_GE;
          step (p);
        }
      else
        p->tok.kind = c == '<' ? TOK_LT : TOK_GT;
    }
  else if (c == '"')
    {
      if (!lex_string (p))
        return FALSE;
    }
  else if (c == '\'')
    {
      fail (p, RDM_FILTER_ERROR_SYNTAX, p->column,
            _ ("single quotes are not allowed; put values in double quotes, as in \"Blog\""));
      return FALSE;
    }
  else if (c == ';' || (c == '-' && peek (p, 1) == '-') || (c == '/' && peek (p, 1) == '*'))
    {
      g_autofree char *what = g_strndup (p->text + p->pos, c == ';' ? 1 : 2);

      fail (p, RDM_FILTER_ERROR_NOT_A_FILTER, p->column,
            _ ("“%s” is not allowed in a filter (filters are conditions, not SQL)"), what);
      return FALSE;
    }
  else if ((c == '&' && peek (p, 1) == '&') || (c == '|' && peek (p, 1) == '|'))
    {
      fail (p, RDM_FILTER_ERROR_SYNTAX, p->column,
            c == '&' ? _ ("write “and”, not “&&”") : _ ("write “or”, not “||”"));
      return FALSE;
    }
  else if (g_ascii_isdigit (c) || (c == '-' && g_ascii_isdigit (peek (p, 1))))
    {
      if (!lex_number (p))
        return FALSE;
    }
  else if (g_ascii_isalpha (c) || c == '_')
    {
      while (g_ascii_isalnum (peek (p, 0)) || peek (p, 0) == '_')
        step (p);
      /* "région": report the accent, not an unknown attribute "r" */
      if ((guchar)peek (p, 0) >= 0x80 && g_unichar_isalpha (g_utf8_get_char (p->text + p->pos)))
        return fail_unexpected (p);
      p->tok.kind = TOK_IDENT;
      p->tok.value = g_strndup (p->text + p->tok.start, p->pos - p->tok.start);
    }
  else
    return fail_unexpected (p);

  p->tok.end = p->pos;
  return TRUE;
}

/* How a token is named in messages: its text, shortened, or "the end". */
static char *
describe (Parser *p)
{
  g_autofree char *slice = NULL;

  if (p->tok.kind == TOK_END)
    return g_strdup (_ ("the end of the filter"));
  slice = g_strndup (p->text + p->tok.start, p->tok.end - p->tok.start);
  if (g_utf8_strlen (slice, -1) > 40)
    {
      g_autofree char *head = g_utf8_substring (slice, 0, 40);

      return g_strdup_printf ("“%s…”", head);
    }
  return g_strdup_printf ("“%s”", slice);
}

static gboolean
tok_is_word (Parser *p, const char *word)
{
  return p->tok.kind == TOK_IDENT && g_ascii_strcasecmp (p->tok.value, word) == 0;
}

/* Reports "expected X, got <token>" at the current token; SQL words get
 * the explanation that filters are not SQL instead. */
static void
fail_expected (Parser *p, const char *expected)
{
  g_autofree char *got = NULL;

  if (p->tok.kind == TOK_IDENT && is_sql_word (p->tok.value))
    {
      fail (p, RDM_FILTER_ERROR_NOT_A_FILTER, p->tok.column,
            _ ("“%s” is not a filter keyword (filters are conditions, not SQL)"), p->tok.value);
      return;
    }
  got = describe (p);
  /* translators: "expected <what>, got <token>" */
  fail (p, RDM_FILTER_ERROR_SYNTAX, p->tok.column, _ ("expected %s, got %s"), expected, got);
}

/* Suggestions */

/* One edit for words of up to three characters, two up to six, three
 * beyond: about a third of the word, rounded up, and never more than 3. */
static guint
word_limit (guint word_chars, guint candidate_chars)
{
  return word_chars <= 3 ? 1 : word_chars <= 6 ? 2 : 3;
}

/* "; did you mean “a”, “b” or “c”?" naming up to three of @names (may be
 * NULL) and the @n_more words of @more that are close to @word, or "". */
static char *
suggest (const char *word, const GPtrArray *names, const char *const *more, gsize n_more)
{
  guint n_names = names != NULL ? names->len : 0;
  g_autofree const char **candidates = g_new (const char *, n_names + n_more);
  g_autofree const char **found = NULL;

  for (guint i = 0; i < n_names; i++)
    candidates[i] = g_ptr_array_index (names, i);
  for (gsize i = 0; i < n_more; i++)
    candidates[n_names + i] = more[i];
  found = rdm_suggest_closest (word, candidates, (gssize)(n_names + n_more), RDM_SUGGEST_FOLD_CASE,
                               word_limit, 3);

  if (found[0] == NULL)
    return g_strdup ("");
  if (found[1] == NULL)
    return g_strdup_printf (_ ("; did you mean “%s”?"), found[0]);
  if (found[2] == NULL)
    return g_strdup_printf (_ ("; did you mean “%s” or “%s”?"), found[0], found[1]);
  return g_strdup_printf (_ ("; did you mean “%s”, “%s” or “%s”?"), found[0], found[1], found[2]);
}

/* Parser */

static Node *parse_or (Parser *p);

static gboolean
enter (Parser *p)
{
  if (p->depth >= RDM_FILTER_MAX_DEPTH)
    {
      fail (p, RDM_FILTER_ERROR_TOO_DEEP, p->tok.column,
            _ ("the filter is nested deeper than %d levels of parentheses and “not”"),
            RDM_FILTER_MAX_DEPTH);
      return FALSE;
    }
  p->depth++;
  return TRUE;
}

/* Checks a channel name (the current string token) against the schema. */
static gboolean
check_channel (Parser *p)
{
  g_autofree char *hint = NULL;

  if (p->schema == NULL || g_hash_table_contains (p->schema->channel_set, p->tok.value))
    return TRUE;
  hint = suggest (p->tok.value, p->schema->channels, NULL, 0);
  fail (p, RDM_FILTER_ERROR_UNKNOWN_CHANNEL, p->tok.column, _ ("unknown channel “%s”%s"),
        p->tok.value, hint);
  return FALSE;
}

/* Checks an attribute value (the current string token) of @key. */
static gboolean
check_value (Parser *p, const char *key)
{
  SchemaKey *entry;
  g_autofree char *hint = NULL;

  if (p->schema == NULL)
    return TRUE;
  entry = g_hash_table_lookup (p->schema->key_map, key);
  if (entry == NULL || entry->values->len == 0
      || g_hash_table_contains (entry->known, p->tok.value))
    return TRUE;
  hint = suggest (p->tok.value, entry->values, NULL, 0);
  fail (p, RDM_FILTER_ERROR_UNKNOWN_VALUE, p->tok.column, _ ("unknown value “%s” for “%s”%s"),
        p->tok.value, key, hint);
  return FALSE;
}

/* Parses the operator and value(s) after an attribute or channel field
 * @subject into @node (NODE_ATTRIBUTE or NODE_CHANNEL). */
static gboolean
parse_set_comparison (Parser *p, Node *node, const char *subject)
{
  gboolean is_channel = node->kind == NODE_CHANNEL;
  const char *quoted = is_channel ? _ ("a quoted channel name") : _ ("a quoted value");

  if (p->tok.kind == TOK_EQ || p->tok.kind == TOK_NE)
    {
      g_autofree char *expected = NULL;

      node->op = p->tok.kind == TOK_EQ ? OP_EQ : OP_NE;
      if (!advance (p))
        return FALSE;
      if (p->tok.kind != TOK_STRING)
        {
          /* translators: "a quoted value after “=”" */
          expected = g_strdup_printf (_ ("%s after “%s”"), quoted, op_text[node->op]);
          fail_expected (p, expected);
          return FALSE;
        }
      if (!(is_channel ? check_channel (p) : check_value (p, node->name)))
        return FALSE;
      g_ptr_array_add (node->values, g_steal_pointer (&p->tok.value));
      return advance (p);
    }

  if (tok_is_word (p, "not") || tok_is_word (p, "in"))
    {
      node->op = OP_IN;
      if (tok_is_word (p, "not"))
        {
          node->op = OP_NOT_IN;
          if (!advance (p))
            return FALSE;
          if (!tok_is_word (p, "in"))
            {
              fail_expected (p, _ ("“in” after “not”"));
              return FALSE;
            }
        }
      if (!advance (p))
        return FALSE;
      if (p->tok.kind != TOK_LPAREN)
        {
          fail_expected (p, _ ("“(” after “in”"));
          return FALSE;
        }
      for (;;)
        {
          if (!advance (p))
            return FALSE;
          if (p->tok.kind != TOK_STRING)
            {
              g_autofree char *expected = g_strdup_printf (_ ("%s in the list"), quoted);

              fail_expected (p, expected);
              return FALSE;
            }
          if (!(is_channel ? check_channel (p) : check_value (p, node->name)))
            return FALSE;
          g_ptr_array_add (node->values, g_steal_pointer (&p->tok.value));
          if (!advance (p))
            return FALSE;
          if (p->tok.kind == TOK_RPAREN)
            return advance (p);
          if (p->tok.kind != TOK_COMMA)
            {
              fail_expected (p, _ ("“,” or “)” in the list"));
              return FALSE;
            }
        }
    }

  {
    g_autofree char *expected
        = g_strdup_printf (_ ("“=”, “!=”, “in” or “not in” after “%s”"), subject);

    fail_expected (p, expected);
    return FALSE;
  }
}

/* "007.50" -> "7.5", "-0" -> "0": the same decimal value, one spelling. */
static char *
canonical_number (const char *text)
{
  gboolean negative = text[0] == '-';
  const char *digits = negative ? text + 1 : text;
  const char *dot = strchr (digits, '.');
  g_autofree char *integer
      = g_strndup (digits, dot != NULL ? (gsize)(dot - digits) : strlen (digits));
  g_autofree char *fraction = g_strdup (dot != NULL ? dot + 1 : "");
  const char *int_start = integer;
  gsize flen = strlen (fraction);

  while (int_start[0] == '0' && int_start[1] != '\0')
    int_start++;
  while (flen > 0 && fraction[flen - 1] == '0')
    fraction[--flen] = '\0';
  if (strcmp (int_start, "0") == 0 && flen == 0)
    negative = FALSE;
  return g_strconcat (negative ? "-" : "", int_start, flen > 0 ? "." : "", fraction, NULL);
}

static Node *
parse_number_comparison (Parser *p, NumberField field)
{
  g_autoptr (Node) node = node_new (NODE_NUMBER);
  static const TokenKind ops[] = { TOK_EQ, TOK_NE, TOK_LT, TOK_LE, TOK_GT, TOK_GE };
  gboolean found = FALSE;

  node->field = field;
  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    if (p->tok.kind == ops[i])
      {
        node->op = (Op)i;
        found = TRUE;
      }
  if (!found)
    {
      g_autofree char *expected = g_strdup_printf (
          _ ("a comparison (=, !=, <, <=, >, >=) after “%s”"), number_fields[field]);

      fail_expected (p, expected);
      return NULL;
    }
  if (!advance (p))
    return NULL;
  if (p->tok.kind != TOK_NUMBER)
    {
      g_autofree char *expected = g_strdup_printf (_ ("a number after “%s”"), op_text[node->op]);

      fail_expected (p, expected);
      return NULL;
    }
  node->number_text = canonical_number (p->tok.value);
  node->number = g_ascii_strtod (node->number_text, NULL);
  {
    gsize end = p->tok.end;

    /* "1,5" written for 1.5: a comma glued to digits on both sides */
    if (p->text[end] == ',' && g_ascii_isdigit (p->text[end + 1])
        && strchr (p->tok.value, '.') == NULL)
      {
        gsize stop = end + 1;
        g_autofree char *fraction = NULL;

        while (g_ascii_isdigit (p->text[stop]))
          stop++;
        fraction = g_strndup (p->text + end + 1, stop - end - 1);
        fail (p, RDM_FILTER_ERROR_SYNTAX, p->tok.column + (guint)(end - p->tok.start),
              _ ("the decimal separator is “.”: write %s.%s, not %s,%s"), p->tok.value, fraction,
              p->tok.value, fraction);
        return NULL;
      }
  }
  if (!advance (p))
    return NULL;
  return g_steal_pointer (&node);
}

/* Parses `( "string" )` after touched/attribute and returns the string. */
static char *
parse_string_argument (Parser *p, const char *function, gboolean channel)
{
  g_autofree char *expected = NULL;
  g_autofree char *value = NULL;

  if (!advance (p))
    return NULL;
  if (p->tok.kind != TOK_LPAREN)
    {
      expected = g_strdup_printf (_ ("“(” after “%s”"), function);
      fail_expected (p, expected);
      return NULL;
    }
  if (!advance (p))
    return NULL;
  if (p->tok.kind != TOK_STRING)
    {
      expected = g_strdup_printf (channel ? _ ("a quoted channel name after “%s(”")
                                          : _ ("a quoted attribute name after “%s(”"),
                                  function);
      fail_expected (p, expected);
      return NULL;
    }
  if (channel && !check_channel (p))
    return NULL;
  if (!channel && p->schema != NULL && !g_hash_table_contains (p->schema->key_map, p->tok.value))
    {
      g_autofree char *hint = suggest (p->tok.value, p->schema->keys, NULL, 0);

      fail (p, RDM_FILTER_ERROR_UNKNOWN_ATTRIBUTE, p->tok.column, _ ("unknown attribute “%s”%s"),
            p->tok.value, hint);
      return NULL;
    }
  value = g_steal_pointer (&p->tok.value);
  if (!advance (p))
    return NULL;
  if (p->tok.kind != TOK_RPAREN)
    {
      fail_expected (p, channel ? _ ("“)” after the channel name")
                                : _ ("“)” after the attribute name"));
      return NULL;
    }
  if (!advance (p))
    return NULL;
  return g_steal_pointer (&value);
}

static Node *
parse_primary (Parser *p)
{
  const char *word;

  if (p->tok.kind == TOK_LPAREN)
    {
      guint open_column = p->tok.column;
      g_autoptr (Node) inner = NULL;

      if (!enter (p) || !advance (p))
        return NULL;
      inner = parse_or (p);
      if (inner == NULL)
        return NULL;
      if (p->tok.kind != TOK_RPAREN)
        {
          g_autofree char *expected
              = g_strdup_printf (_ ("“)” to close the “(” at column %u"), open_column);

          fail_expected (p, expected);
          return NULL;
        }
      p->depth--;
      if (!advance (p))
        return NULL;
      return g_steal_pointer (&inner);
    }

  if (p->tok.kind != TOK_IDENT)
    {
      fail_expected (p, _ ("a condition"));
      return NULL;
    }

  word = p->tok.value;
  if (g_ascii_strcasecmp (word, "converted") == 0)
    {
      if (!advance (p))
        return NULL;
      return node_new (NODE_CONVERTED);
    }
  if (g_ascii_strcasecmp (word, "touched") == 0)
    {
      g_autoptr (Node) node = node_new (NODE_TOUCHED);

      node->name = parse_string_argument (p, "touched", TRUE);
      return node->name != NULL ? g_steal_pointer (&node) : NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (number_fields); i++)
    if (g_ascii_strcasecmp (word, number_fields[i]) == 0)
      return advance (p) ? parse_number_comparison (p, (NumberField)i) : NULL;
  for (guint i = 0; i < G_N_ELEMENTS (channel_fields); i++)
    if (g_ascii_strcasecmp (word, channel_fields[i]) == 0)
      {
        g_autoptr (Node) node = node_new (NODE_CHANNEL);

        node->field = i;
        if (!advance (p) || !parse_set_comparison (p, node, channel_fields[i]))
          return NULL;
        return g_steal_pointer (&node);
      }
  if (g_ascii_strcasecmp (word, "attribute") == 0)
    {
      g_autoptr (Node) node = node_new (NODE_ATTRIBUTE);

      node->name = parse_string_argument (p, "attribute", FALSE);
      if (node->name == NULL || !parse_set_comparison (p, node, node->name))
        return NULL;
      return g_steal_pointer (&node);
    }
  if (is_keyword (word) || is_sql_word (word))
    {
      fail_expected (p, _ ("a condition"));
      return NULL;
    }
  if (p->schema != NULL && !g_hash_table_contains (p->schema->key_map, word))
    {
      g_autofree char *hint = suggest (word, p->schema->keys, keywords + N_CONNECTIVES,
                                       G_N_ELEMENTS (keywords) - N_CONNECTIVES);

      fail (p, RDM_FILTER_ERROR_UNKNOWN_ATTRIBUTE, p->tok.column, _ ("unknown attribute “%s”%s"),
            word, hint);
      return NULL;
    }

  {
    g_autoptr (Node) node = node_new (NODE_ATTRIBUTE);

    node->name = g_steal_pointer (&p->tok.value);
    if (!advance (p) || !parse_set_comparison (p, node, node->name))
      return NULL;
    return g_steal_pointer (&node);
  }
}

static Node *
parse_not (Parser *p)
{
  g_autoptr (Node) node = NULL;
  Node *child;

  if (!tok_is_word (p, "not"))
    return parse_primary (p);
  if (!enter (p) || !advance (p))
    return NULL;
  child = parse_not (p);
  if (child == NULL)
    return NULL;
  p->depth--;
  node = node_new (NODE_NOT);
  g_ptr_array_add (node->children, child);
  return g_steal_pointer (&node);
}

/* Appends @child to the n-ary @parent, splicing in the children of a
 * child of the same kind (from parentheses). */
static void
add_flattened (Node *parent, Node *child)
{
  if (child->kind != parent->kind)
    {
      g_ptr_array_add (parent->children, child);
      return;
    }
  for (guint i = 0; i < child->children->len; i++)
    g_ptr_array_add (parent->children, g_ptr_array_index (child->children, i));
  g_ptr_array_set_free_func (child->children, NULL);
  node_free (child);
}

static Node *
parse_binary (Parser *p, NodeKind kind)
{
  const char *word = kind == NODE_OR ? "or" : "and";
  g_autoptr (Node) node = NULL;
  Node *first = kind == NODE_OR ? parse_binary (p, NODE_AND) : parse_not (p);

  if (first == NULL)
    return NULL;
  if (!tok_is_word (p, word))
    return first;

  node = node_new (kind);
  add_flattened (node, first);
  while (tok_is_word (p, word))
    {
      Node *next;

      if (!advance (p))
        return NULL;
      next = kind == NODE_OR ? parse_binary (p, NODE_AND) : parse_not (p);
      if (next == NULL)
        return NULL;
      add_flattened (node, next);
    }
  return g_steal_pointer (&node);
}

static Node *
parse_or (Parser *p)
{
  return parse_binary (p, NODE_OR);
}

RdmFilter *
rdm_filter_parse (const char *text, const RdmFilterSchema *schema, GError **error)
{
  Parser p = { 0 };
  const char *invalid = NULL;
  g_autoptr (Node) root = NULL;
  gsize length;
  RdmFilter *filter;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  length = strlen (text);
  if (length > RDM_FILTER_MAX_LENGTH)
    {
      g_set_error (error, RDM_FILTER_ERROR, RDM_FILTER_ERROR_TOO_LONG,
                   _ ("the filter is %zu bytes long; the limit is %d"), length,
                   RDM_FILTER_MAX_LENGTH);
      return NULL;
    }
  p.text = text;
  p.column = 1;
  p.schema = schema;
  p.error = error;
  if (!g_utf8_validate (text, -1, &invalid))
    {
      fail (&p, RDM_FILTER_ERROR_SYNTAX, (guint)g_utf8_strlen (text, invalid - text) + 1,
            _ ("invalid UTF-8"));
      return NULL;
    }

  if (!advance (&p))
    return NULL;
  if (p.tok.kind == TOK_END)
    {
      g_set_error (error, RDM_FILTER_ERROR, RDM_FILTER_ERROR_EMPTY,
                   _ ("empty filter; to select every visitor, use no filter"));
      return NULL;
    }
  root = parse_or (&p);
  if (root != NULL && p.tok.kind != TOK_END)
    {
      if (p.tok.kind == TOK_RPAREN)
        fail (&p, RDM_FILTER_ERROR_SYNTAX, p.tok.column, _ ("“)” without a matching “(”"));
      else
        fail_expected (&p, _ ("“and”, “or” or the end of the filter"));
      g_clear_pointer (&root, node_free);
    }
  g_free (p.tok.value);
  if (root == NULL)
    return NULL;

  filter = g_new0 (RdmFilter, 1);
  filter->root = g_steal_pointer (&root);
  return filter;
}

/* Canonical text */

static gboolean
is_bare_key (const char *key)
{
  if (!(g_ascii_isalpha (key[0]) || key[0] == '_'))
    return FALSE;
  for (const char *c = key; *c != '\0'; c++)
    if (!(g_ascii_isalnum (*c) || *c == '_'))
      return FALSE;
  return !is_keyword (key) && !is_sql_word (key);
}

static void
append_values (GString *out, const Node *node)
{
  g_string_append_printf (out, " %s ", op_text[node->op]);
  if (node->op == OP_EQ || node->op == OP_NE)
    {
      rdm_text_append_quoted (out, g_ptr_array_index (node->values, 0));
      return;
    }
  g_string_append_c (out, '(');
  for (guint i = 0; i < node->values->len; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      rdm_text_append_quoted (out, g_ptr_array_index (node->values, i));
    }
  g_string_append_c (out, ')');
}

static void
append_node (GString *out, const Node *node)
{
  switch (node->kind)
    {
    case NODE_OR:
    case NODE_AND:
      for (guint i = 0; i < node->children->len; i++)
        {
          const Node *child = g_ptr_array_index (node->children, i);
          gboolean parens = node->kind == NODE_AND && child->kind == NODE_OR;

          if (i > 0)
            g_string_append (out, node->kind == NODE_OR ? " or " : " and ");
          if (parens)
            g_string_append_c (out, '(');
          append_node (out, child);
          if (parens)
            g_string_append_c (out, ')');
        }
      break;
    case NODE_NOT:
      {
        const Node *child = g_ptr_array_index (node->children, 0);
        gboolean parens = child->kind == NODE_OR || child->kind == NODE_AND;

        g_string_append (out, parens ? "not (" : "not ");
        append_node (out, child);
        if (parens)
          g_string_append_c (out, ')');
      }
      break;
    case NODE_CONVERTED:
      g_string_append (out, "converted");
      break;
    case NODE_TOUCHED:
      g_string_append (out, "touched(");
      rdm_text_append_quoted (out, node->name);
      g_string_append_c (out, ')');
      break;
    case NODE_NUMBER:
      g_string_append_printf (out, "%s %s %s", number_fields[node->field], op_text[node->op],
                              node->number_text);
      break;
    case NODE_CHANNEL:
      g_string_append (out, channel_fields[node->field]);
      append_values (out, node);
      break;
    case NODE_ATTRIBUTE:
      if (is_bare_key (node->name))
        g_string_append (out, node->name);
      else
        {
          g_string_append (out, "attribute(");
          rdm_text_append_quoted (out, node->name);
          g_string_append_c (out, ')');
        }
      append_values (out, node);
      break;
    default:
      g_assert_not_reached ();
    }
}

char *
rdm_filter_to_string (const RdmFilter *filter)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (filter != NULL, NULL);

  append_node (out, filter->root);
  return g_string_free (out, FALSE);
}

static gboolean
strings_equal (const GPtrArray *a, const GPtrArray *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (strcmp (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

static gboolean
node_equal (const Node *a, const Node *b)
{
  if (a->kind != b->kind || a->op != b->op || a->field != b->field
      || g_strcmp0 (a->name, b->name) != 0 || g_strcmp0 (a->number_text, b->number_text) != 0
      || !strings_equal (a->values, b->values))
    return FALSE;
  if (a->children == NULL)
    return TRUE;
  if (a->children->len != b->children->len)
    return FALSE;
  for (guint i = 0; i < a->children->len; i++)
    if (!node_equal (g_ptr_array_index (a->children, i), g_ptr_array_index (b->children, i)))
      return FALSE;
  return TRUE;
}

gboolean
rdm_filter_equal (const RdmFilter *a, const RdmFilter *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return node_equal (a->root, b->root);
}

static void
collect_names (const Node *node, GHashTable *attributes, GHashTable *channels)
{
  switch (node->kind)
    {
    case NODE_OR:
    case NODE_AND:
    case NODE_NOT:
      for (guint i = 0; i < node->children->len; i++)
        collect_names (g_ptr_array_index (node->children, i), attributes, channels);
      break;
    case NODE_TOUCHED:
      g_hash_table_add (channels, node->name);
      break;
    case NODE_CHANNEL:
      for (guint i = 0; i < node->values->len; i++)
        g_hash_table_add (channels, g_ptr_array_index (node->values, i));
      break;
    case NODE_ATTRIBUTE:
      g_hash_table_add (attributes, node->name);
      break;
    case NODE_CONVERTED:
    case NODE_NUMBER:
    default:
      break;
    }
}

static int
compare_strings (const void *a, const void *b)
{
  return strcmp (*(char *const *)a, *(char *const *)b);
}

static char **
sorted_strv (GHashTable *set)
{
  GHashTableIter iter;
  gpointer key;
  char **result = g_new0 (char *, g_hash_table_size (set) + 1);
  guint n = 0;

  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    result[n++] = g_strdup (key);
  qsort (result, n, sizeof (char *), compare_strings);
  return result;
}

char **
rdm_filter_get_attributes (const RdmFilter *filter)
{
  g_autoptr (GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) channels = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (filter != NULL, NULL);

  collect_names (filter->root, attributes, channels);
  return sorted_strv (attributes);
}

char **
rdm_filter_get_channels (const RdmFilter *filter)
{
  g_autoptr (GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) channels = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (filter != NULL, NULL);

  collect_names (filter->root, attributes, channels);
  return sorted_strv (channels);
}

/* Evaluation */

typedef enum
{
  MERGE_SET,
  MERGE_AND,
  MERGE_OR,
} Merge;

typedef struct
{
  const RdmVisitorFacts *facts;
  gsize n_words;
  guint64 tail_mask; /* bits of the last word that stand for visitors */
  GError **error;
} Eval;

static inline void
merge_word (guint64 *out, gsize i, guint64 word, Merge how)
{
  if (how == MERGE_SET)
    out[i] = word;
  else if (how == MERGE_AND)
    out[i] &= word;
  else
    out[i] |= word;
}

/* Builds each word of the result from PRED evaluated for visitor v and
 * merges it into out. */
#define FOR_EACH_WORD(PRED)                                                                        \
  for (gsize i_ = 0; i_ < e->n_words; i_++)                                                        \
    {                                                                                              \
      guint32 base_ = (guint32)(i_ * 64);                                                          \
      guint32 limit_ = MIN (64, e->facts->n_visitors - base_);                                     \
      guint64 word_ = 0;                                                                           \
                                                                                                   \
      for (guint32 b_ = 0; b_ < limit_; b_++)                                                      \
        {                                                                                          \
          guint32 v = base_ + b_;                                                                  \
                                                                                                   \
          word_ |= (guint64)(PRED) << b_;                                                          \
        }                                                                                          \
      merge_word (out, i_, word_, how);                                                            \
    }

static void
merge_bitmap (Eval *e, guint64 *out, const guint64 *in, Merge how)
{
  for (gsize i = 0; i < e->n_words; i++)
    merge_word (out, i, in[i], how);
}

#define NUMBER_CASES(X)                                                                            \
  switch (node->op)                                                                                \
    {                                                                                              \
    case OP_EQ:                                                                                    \
      FOR_EACH_WORD ((X) == x);                                                                    \
      break;                                                                                       \
    case OP_NE:                                                                                    \
      FOR_EACH_WORD ((X) != x);                                                                    \
      break;                                                                                       \
    case OP_LT:                                                                                    \
      FOR_EACH_WORD ((X) < x);                                                                     \
      break;                                                                                       \
    case OP_LE:                                                                                    \
      FOR_EACH_WORD ((X) <= x);                                                                    \
      break;                                                                                       \
    case OP_GT:                                                                                    \
      FOR_EACH_WORD ((X) > x);                                                                     \
      break;                                                                                       \
    case OP_GE:                                                                                    \
    case OP_IN:                                                                                    \
    case OP_NOT_IN:                                                                                \
    default:                                                                                       \
      FOR_EACH_WORD ((X) >= x);                                                                    \
      break;                                                                                       \
    }

static void
eval_number (Eval *e, const Node *node, guint64 *out, Merge how)
{
  const double x = node->number;
  const GArray *columns[] = { e->facts->touches,     e->facts->visits,      e->facts->clicks,
                              e->facts->impressions, e->facts->conversions, e->facts->value };

  if (node->field == FIELD_VALUE)
    {
      const double *column = (const double *)(gconstpointer)columns[node->field]->data;

      NUMBER_CASES (column[v]);
    }
  else
    {
      const guint32 *column = (const guint32 *)(gconstpointer)columns[node->field]->data;

      NUMBER_CASES ((double)column[v]);
    }
}

/* match[id] for every id 0 .. n_ids, where id 0 is "missing": TRUE for the
 * listed ids with = and in, the others with != and not in. */
static guint8 *
membership (const Node *node, GHashTable *index, guint n_ids)
{
  gboolean negated = node->op == OP_NE || node->op == OP_NOT_IN;
  guint8 *match = g_new (guint8, n_ids + 1);

  memset (match, negated ? 1 : 0, n_ids + 1);
  for (guint i = 0; i < node->values->len; i++)
    {
      guint id
          = GPOINTER_TO_UINT (g_hash_table_lookup (index, g_ptr_array_index (node->values, i)));

      if (id != 0)
        match[id] = negated ? 0 : 1;
    }
  return match;
}

static gboolean
eval_attribute (Eval *e, const Node *node, guint64 *out, Merge how)
{
  const RdmVisitorFacts *facts = e->facts;
  guint k = GPOINTER_TO_UINT (g_hash_table_lookup (facts->attribute_key_index, node->name));
  const GPtrArray *values;
  const guint32 *column;
  g_autofree guint8 *match = NULL;

  if (k == 0)
    {
      g_set_error (e->error, RDM_FILTER_ERROR, RDM_FILTER_ERROR_UNKNOWN_ATTRIBUTE,
                   _ ("the filter uses attribute “%s”, which these visitors do not have"),
                   node->name);
      return FALSE;
    }
  k--;
  values = g_ptr_array_index (facts->attribute_values, k);
  column
      = (const guint32 *)(gconstpointer)((GArray *)g_ptr_array_index (facts->attribute_columns, k))
            ->data;
  match = membership (node, g_ptr_array_index (facts->attribute_value_index, k), values->len);
  FOR_EACH_WORD (match[column[v]]);
  return TRUE;
}

static gboolean
check_channel_known (Eval *e, const char *name, guint *index)
{
  guint c = GPOINTER_TO_UINT (g_hash_table_lookup (e->facts->channel_index, name));

  if (c == 0)
    {
      g_set_error (e->error, RDM_FILTER_ERROR, RDM_FILTER_ERROR_UNKNOWN_CHANNEL,
                   _ ("the filter uses channel “%s”, which these visitors do not have"), name);
      return FALSE;
    }
  *index = c - 1;
  return TRUE;
}

static gboolean
eval_channel_field (Eval *e, const Node *node, guint64 *out, Merge how)
{
  const RdmVisitorFacts *facts = e->facts;
  guint n_channels = facts->channel_names->len;
  gboolean negated = node->op == OP_NE || node->op == OP_NOT_IN;
  g_autofree guint8 *match = g_new (guint8, n_channels + 1);
  const GArray *array
      = node->field == FIELD_FIRST_CHANNEL ? facts->first_channel : facts->last_channel;
  const guint32 *column = (const guint32 *)(gconstpointer)array->data;

  /* slot n_channels stands for "no touch" (RDM_VISITOR_FACTS_NO_CHANNEL) */
  memset (match, negated ? 1 : 0, n_channels + 1);
  for (guint i = 0; i < node->values->len; i++)
    {
      guint c;

      if (!check_channel_known (e, g_ptr_array_index (node->values, i), &c))
        return FALSE;
      match[c] = negated ? 0 : 1;
    }
  FOR_EACH_WORD (match[MIN (column[v], n_channels)]);
  return TRUE;
}

static gboolean
eval_node (Eval *e, const Node *node, guint64 *out, Merge how)
{
  switch (node->kind)
    {
    case NODE_AND:
    case NODE_OR:
    case NODE_NOT:
      {
        /* a group writes into out directly when it is the first thing
         * written there, otherwise into a bitmap of its own */
        g_autofree guint64 *own = how == MERGE_SET ? NULL : g_new (guint64, MAX (e->n_words, 1));
        guint64 *target = own != NULL ? own : out;
        Merge inner = node->kind == NODE_OR ? MERGE_OR : MERGE_AND;

        for (guint i = 0; i < node->children->len; i++)
          if (!eval_node (e, g_ptr_array_index (node->children, i), target,
                          i == 0 ? MERGE_SET : inner))
            return FALSE;
        if (node->kind == NODE_NOT)
          {
            for (gsize i = 0; i < e->n_words; i++)
              target[i] = ~target[i];
            if (e->n_words > 0)
              target[e->n_words - 1] &= e->tail_mask;
          }
        if (own != NULL)
          merge_bitmap (e, out, own, how);
        return TRUE;
      }
    case NODE_CONVERTED:
      merge_bitmap (e, out, (const guint64 *)(gconstpointer)e->facts->converted->data, how);
      return TRUE;
    case NODE_TOUCHED:
      {
        guint c;

        if (!check_channel_known (e, node->name, &c))
          return FALSE;
        merge_bitmap (e, out,
                      (const guint64 *)(gconstpointer)((GArray *)g_ptr_array_index (
                                                           e->facts->channel_touched, c))
                          ->data,
                      how);
        return TRUE;
      }
    case NODE_NUMBER:
      eval_number (e, node, out, how);
      return TRUE;
    case NODE_CHANNEL:
      return eval_channel_field (e, node, out, how);
    case NODE_ATTRIBUTE:
      return eval_attribute (e, node, out, how);
    default:
      g_assert_not_reached ();
    }
}

gboolean
rdm_filter_evaluate (const RdmFilter *filter,
                     const RdmVisitorFacts *facts,
                     guint64 *out_bitmap,
                     GError **error)
{
  Eval e;

  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (facts != NULL, FALSE);
  g_return_val_if_fail (out_bitmap != NULL || facts->n_visitors == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  e.facts = facts;
  e.n_words = rdm_bitmap_n_words (facts->n_visitors);
  e.tail_mask = facts->n_visitors % 64 == 0
                    ? G_MAXUINT64
                    : (G_GUINT64_CONSTANT (1) << (facts->n_visitors % 64)) - 1;
  e.error = error;
  return eval_node (&e, filter->root, out_bitmap, MERGE_SET);
}
