/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The KPI formula language: a lexer, a recursive-descent parser that builds
 * a tree, a printer and an evaluator (grammar in rdm-formula.h).
 *
 * The parser reads one token ahead and stops at the first error, which it
 * reports with the 1-based character column of the offending token and
 * what would have been accepted there. Nodes live in one array owned by the
 * formula, so freeing a tree of any shape takes no recursion.
 *
 * Recursion is bounded: nesting (parentheses, calls, unary minus) by
 * RDM_FORMULA_MAX_DEPTH, and the left-leaning chains of "a + b + c" by the
 * length limit (at most RDM_FORMULA_MAX_LENGTH / 2 operators).
 *
 * Evaluation carries a "defined" flag beside every value instead of letting
 * IEEE infinities and NaNs through: the scorecard shows "n/a", and a KPI
 * that divides by a zero cost never ranks first or poisons a total.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "rdm-channel-rules.h"
#include "rdm-formula.h"
#include "rdm-suggest.h"
#include "rdm-text.h"

/* The quark name is a bare dashed token, which clang-format would split. */
/* clang-format off */
G_DEFINE_QUARK (rdm-formula-error-quark, rdm_formula_error)
/* clang-format on */

typedef enum
{
  QUALIFIER_MODEL,
  QUALIFIER_GROUP,
  QUALIFIER_CHANNEL,
  QUALIFIER_CAMPAIGN,
  QUALIFIER_CATEGORY,
  QUALIFIER_EVENT,
  N_QUALIFIERS,
} Qualifier;

#define BIT(q) (1u << (q))
#define PLACEMENT (BIT (QUALIFIER_GROUP) | BIT (QUALIFIER_CHANNEL) | BIT (QUALIFIER_CAMPAIGN))

/* NULL-terminated for find_name() and suggest(). */
static const char *const qualifier_names[N_QUALIFIERS + 1] = {
  "model", "group", "channel", "campaign", "category", "event", NULL,
};

/* Shown in "takes a quoted name, as in channel="Facebook"". */
static const char *const qualifier_examples[N_QUALIFIERS] = {
  "linear", "social", "Facebook", "Spring sale", "media", "purchase",
};

/* The values the project file and the CLI accept (SPEC.md; data/rdm-schema.c
 * CHECK constraints): anything else could never match, so it is refused
 * while the user types rather than reported as an empty result. */
static const char *const model_names[] = {
  "first",          "last",   "last-non-direct", "linear",  "position", "time-decay",
  "position-decay", "custom", "markov",          "shapley", NULL,
};
static const char *const category_names[] = {
  "media", "content", "staff", "tools", "training", "compliance", "other", NULL,
};

static const char *const metric_names[] = {
  [RDM_METRIC_CONVERSIONS] = "conversions",
  [RDM_METRIC_VALUE] = "value",
  [RDM_METRIC_COST] = "cost",
  [RDM_METRIC_IMPRESSIONS] = "impressions",
  [RDM_METRIC_CLICKS] = "clicks",
  [RDM_METRIC_ENGAGEMENTS] = "engagements",
  [RDM_METRIC_LIKES] = "likes",
  [RDM_METRIC_SHARES] = "shares",
  [RDM_METRIC_COMMENTS] = "comments",
  [RDM_METRIC_FOLLOWERS] = "followers",
  [RDM_METRIC_VISITS] = "visits",
  [RDM_METRIC_SERIES] = "series",
  [RDM_METRIC_MANUAL] = "manual",
  NULL,
};

#define N_METRICS (G_N_ELEMENTS (metric_names) - 1)

static const guint metric_qualifiers[N_METRICS] = {
  [RDM_METRIC_CONVERSIONS] = BIT (QUALIFIER_MODEL) | PLACEMENT | BIT (QUALIFIER_EVENT),
  [RDM_METRIC_VALUE] = BIT (QUALIFIER_MODEL) | PLACEMENT | BIT (QUALIFIER_EVENT),
  [RDM_METRIC_COST] = PLACEMENT | BIT (QUALIFIER_CATEGORY),
  [RDM_METRIC_IMPRESSIONS] = PLACEMENT,
  [RDM_METRIC_CLICKS] = PLACEMENT,
  [RDM_METRIC_ENGAGEMENTS] = PLACEMENT,
  [RDM_METRIC_LIKES] = PLACEMENT,
  [RDM_METRIC_SHARES] = PLACEMENT,
  [RDM_METRIC_COMMENTS] = PLACEMENT,
  [RDM_METRIC_FOLLOWERS] = PLACEMENT,
  [RDM_METRIC_VISITS] = PLACEMENT,
  [RDM_METRIC_SERIES] = 0,
  [RDM_METRIC_MANUAL] = 0,
};

typedef enum
{
  FUNCTION_SUM,
  FUNCTION_AVG,
  FUNCTION_GROWTH,
  FUNCTION_PREVIOUS,
  FUNCTION_SHARE,
  FUNCTION_MIN,
  FUNCTION_MAX,
  N_FUNCTIONS,
} Function;

static const char *const function_names[] = {
  [FUNCTION_SUM] = "sum",       [FUNCTION_AVG] = "avg",
  [FUNCTION_GROWTH] = "growth", [FUNCTION_PREVIOUS] = "previous",
  [FUNCTION_SHARE] = "share",   [FUNCTION_MIN] = "min",
  [FUNCTION_MAX] = "max",       NULL,
};

static const struct
{
  guint min_args;
  guint max_args;
} function_arity[N_FUNCTIONS] = {
  [FUNCTION_SUM] = { 1, 1 },         [FUNCTION_AVG] = { 1, 1 },   [FUNCTION_GROWTH] = { 1, 1 },
  [FUNCTION_PREVIOUS] = { 1, 1 },    [FUNCTION_SHARE] = { 2, 2 }, [FUNCTION_MIN] = { 2, G_MAXUINT },
  [FUNCTION_MAX] = { 2, G_MAXUINT },
};

/* Words that only make sense in SQL: a formula starting with them was
 * almost certainly pasted from a query, and deserves a better message
 * than "unknown metric". */
static const char *const sql_keywords[] = {
  "select", "from",  "where", "insert", "update", "delete", "drop",  "create",
  "alter",  "union", "join",  "pragma", "attach", "into",   "table", NULL,
};

typedef enum
{
  NODE_NUMBER,
  NODE_METRIC,
  NODE_NEGATE,
  NODE_ADD,
  NODE_SUBTRACT,
  NODE_MULTIPLY,
  NODE_DIVIDE,
  NODE_CALL,
} NodeKind;

typedef struct _Node Node;

struct _Node
{
  NodeKind kind;
  guint column; /* of the node's first token, 1-based characters */
  double number;
  RdmMetricRef metric; /* strings owned */
  Function function;
  Node **args; /* operands of operators and calls, owned array of borrowed nodes */
  guint n_args;
};

struct _RdmFormula
{
  GPtrArray *nodes; /* every Node, owned */
  Node *root;
};

typedef enum
{
  TOKEN_END,
  TOKEN_NUMBER,
  TOKEN_NAME,
  TOKEN_STRING,
  TOKEN_PLUS,
  TOKEN_MINUS,
  TOKEN_STAR,
  TOKEN_SLASH,
  TOKEN_OPEN_PAREN,
  TOKEN_CLOSE_PAREN,
  TOKEN_OPEN_BRACKET,
  TOKEN_CLOSE_BRACKET,
  TOKEN_COMMA,
  TOKEN_EQUALS,
} TokenKind;

typedef struct
{
  TokenKind kind;
  gsize start; /* byte offsets in the text, [start, end) */
  gsize end;
  double number;
  char *string; /* TOKEN_STRING: the unescaped text, owned */
} Token;

typedef struct
{
  const char *text;
  gsize length;
  gsize pos; /* where the next token starts */
  Token token;
  RdmFormula *formula;
  GError *error; /* the first error; parsing stops there */
  gsize error_offset;
  gsize counted_offset; /* column_at(): byte offset of ... */
  guint counted_column; /* ... this character column */
} Parser;

static void
node_free (gpointer data)
{
  Node *node = data;

  g_free (node->args);
  g_free ((char *)node->metric.model);
  g_free ((char *)node->metric.group);
  g_free ((char *)node->metric.channel);
  g_free ((char *)node->metric.campaign);
  g_free ((char *)node->metric.category);
  g_free ((char *)node->metric.event);
  g_free ((char *)node->metric.series);
  g_free (node);
}

void
rdm_formula_free (RdmFormula *formula)
{
  if (formula == NULL)
    return;
  g_ptr_array_unref (formula->nodes);
  g_free (formula);
}

static const char **
qualifier_slot (RdmMetricRef *metric, Qualifier qualifier)
{
  switch (qualifier)
    {
    case QUALIFIER_MODEL:
      return &metric->model;
    case QUALIFIER_GROUP:
      return &metric->group;
    case QUALIFIER_CHANNEL:
      return &metric->channel;
    case QUALIFIER_CAMPAIGN:
      return &metric->campaign;
    case QUALIFIER_CATEGORY:
      return &metric->category;
    case QUALIFIER_EVENT:
      return &metric->event;
    case N_QUALIFIERS:
    default:
      g_assert_not_reached ();
    }
}

static int
find_name (const char *const *names, const char *name)
{
  for (int i = 0; names[i] != NULL; i++)
    {
      if (strcmp (names[i], name) == 0)
        return i;
    }
  return -1;
}

/* A third of the name, at least one edit (so "convresions", a swap of
 * neighbours, is one edit from "conversions"). */
static guint
name_limit (guint word_chars, guint candidate_chars)
{
  return MAX (1, candidate_chars / 3);
}

/* The closest of @names, or NULL; the first of them at equal distance. */
static const char *
suggest (const char *word, const char *const *names)
{
  g_autofree const char **found
      = rdm_suggest_closest (word, names, -1, RDM_SUGGEST_EXACT_CASE, name_limit, 1);

  return found[0];
}

/* The 1-based character column of byte @offset. Consecutive calls ask
 * for nearby offsets (a binary node's operator is just before its right
 * operand), so counting from the previous answer, forwards or backwards,
 * keeps parsing linear in the length of the text. */
static guint
column_at (Parser *p, gsize offset)
{
  const char *text = p->text;

  if (offset >= p->counted_offset)
    p->counted_column
        += (guint)g_utf8_strlen (text + p->counted_offset, (gssize)(offset - p->counted_offset));
  else
    p->counted_column -= (guint)g_utf8_strlen (text + offset, (gssize)(p->counted_offset - offset));
  p->counted_offset = offset;
  return p->counted_column;
}

static gpointer G_GNUC_PRINTF (4, 5)
    fail (Parser *p, gsize offset, RdmFormulaError code, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  /* Every caller unwinds on the first error: a second one would be a bug. */
  g_assert (p->error == NULL);
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  p->error_offset = offset;
  p->error
      = g_error_new (RDM_FORMULA_ERROR, code, _ ("column %u: %s"), column_at (p, offset), message);
  return NULL;
}

typedef enum
{
  UNKNOWN_METRIC,
  UNKNOWN_FUNCTION,
  UNKNOWN_MODEL,
  UNKNOWN_GROUP,
  UNKNOWN_CATEGORY,
} Unknown;

/* "unknown metric “x”", with the closest name or the list of them. One
 * literal message per kind, so that translations can agree in gender. */
static gpointer
fail_unknown (Parser *p, gsize offset, Unknown what, const char *word, const char *const *names)
{
  const char *suggestion = suggest (word, names);
  g_autofree char *list = g_strjoinv (", ", (char **)names);
  g_autofree char *shown = NULL;

  /* A pasted paragraph should not fill the status bar. */
  if (g_utf8_strlen (word, -1) > 40)
    {
      const char *cut = g_utf8_offset_to_pointer (word, 40);
      shown = g_strdup_printf ("%.*s…", (int)(cut - word), word);
    }
  else
    shown = g_strdup (word);

  switch (what)
    {
    case UNKNOWN_METRIC:
      if (suggestion != NULL)
        return fail (p, offset, RDM_FORMULA_ERROR_UNKNOWN_METRIC,
                     _ ("unknown metric “%s”; did you mean “%s”?"), shown, suggestion);
      return fail (p, offset, RDM_FORMULA_ERROR_UNKNOWN_METRIC,
                   _ ("unknown metric “%s”; expected one of %s"), shown, list);
    case UNKNOWN_FUNCTION:
      if (suggestion != NULL)
        return fail (p, offset, RDM_FORMULA_ERROR_UNKNOWN_FUNCTION,
                     _ ("unknown function “%s”; did you mean “%s”?"), shown, suggestion);
      return fail (p, offset, RDM_FORMULA_ERROR_UNKNOWN_FUNCTION,
                   _ ("unknown function “%s”; expected one of %s"), shown, list);
    case UNKNOWN_MODEL:
      if (suggestion != NULL)
        return fail (p, offset, RDM_FORMULA_ERROR_QUALIFIER,
                     _ ("unknown model “%s”; did you mean “%s”?"), shown, suggestion);
      return fail (p, offset, RDM_FORMULA_ERROR_QUALIFIER,
                   _ ("unknown model “%s”; expected one of %s"), shown, list);
    case UNKNOWN_GROUP:
      if (suggestion != NULL)
        return fail (p, offset, RDM_FORMULA_ERROR_QUALIFIER,
                     _ ("unknown channel group “%s”; did you mean “%s”?"), shown, suggestion);
      return fail (p, offset, RDM_FORMULA_ERROR_QUALIFIER,
                   _ ("unknown channel group “%s”; expected one of %s"), shown, list);
    case UNKNOWN_CATEGORY:
      if (suggestion != NULL)
        return fail (p, offset, RDM_FORMULA_ERROR_QUALIFIER,
                     _ ("unknown cost category “%s”; did you mean “%s”?"), shown, suggestion);
      return fail (p, offset, RDM_FORMULA_ERROR_QUALIFIER,
                   _ ("unknown cost category “%s”; expected one of %s"), shown, list);
    default:
      g_assert_not_reached ();
    }
}

/* The token as quoted in messages: “sum”, “)” or "the end of the formula". */
static char *
describe_token (const Parser *p)
{
  const Token *t = &p->token;
  const char *start = p->text + t->start;
  glong n_chars;

  if (t->kind == TOKEN_END)
    return g_strdup (_ ("the end of the formula"));
  n_chars = g_utf8_strlen (start, (gssize)(t->end - t->start));
  if (n_chars > 24)
    {
      const char *cut = g_utf8_offset_to_pointer (start, 24);
      return g_strdup_printf ("“%.*s…”", (int)(cut - start), start);
    }
  return g_strdup_printf ("“%.*s”", (int)(t->end - t->start), start);
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static gboolean
lex_number (Parser *p, gsize i)
{
  const char *s = p->text;
  gsize j = i;
  g_autofree char *digits = NULL;
  double value;

  while (g_ascii_isdigit (s[j]))
    j++;
  if (s[j] == '.')
    {
      j++;
      if (!g_ascii_isdigit (s[j]))
        {
          fail (p, j, RDM_FORMULA_ERROR_SYNTAX, _ ("expected a digit after the decimal point"));
          return FALSE;
        }
      while (g_ascii_isdigit (s[j]))
        j++;
    }
  if (s[j] == 'e' || s[j] == 'E')
    {
      j++;
      if (s[j] == '+' || s[j] == '-')
        j++;
      if (!g_ascii_isdigit (s[j]))
        {
          fail (p, j, RDM_FORMULA_ERROR_SYNTAX, _ ("expected the digits of the exponent"));
          return FALSE;
        }
      while (g_ascii_isdigit (s[j]))
        j++;
    }

  digits = g_strndup (s + i, j - i);
  value = g_ascii_strtod (digits, NULL);
  if (!isfinite (value))
    {
      fail (p, i, RDM_FORMULA_ERROR_SYNTAX, _ ("the number %s is too large"), digits);
      return FALSE;
    }
  p->token.kind = TOKEN_NUMBER;
  p->token.number = value;
  p->token.end = j;
  return TRUE;
}

static gboolean
lex_string (Parser *p, gsize i)
{
  const char *s = p->text;
  g_autoptr (GString) value = g_string_new (NULL);
  gsize j = i + 1;

  for (;;)
    {
      /* A text ends on its line: a newline means the quote is missing. */
      if (j >= p->length || (guchar)s[j] < 0x20)
        {
          fail (p, j, RDM_FORMULA_ERROR_SYNTAX,
                _ ("expected “\"” to close the text opened at column %u"), column_at (p, i));
          return FALSE;
        }
      if (s[j] == '"')
        break;
      if (s[j] == '\\')
        {
          if (s[j + 1] != '"' && s[j + 1] != '\\')
            {
              fail (p, j, RDM_FORMULA_ERROR_SYNTAX,
                    _ ("expected “\\\"” or “\\\\” after a backslash in a text"));
              return FALSE;
            }
          j++;
        }
      g_string_append_c (value, s[j]);
      j++;
    }
  p->token.kind = TOKEN_STRING;
  p->token.string = g_string_free (g_steal_pointer (&value), FALSE);
  p->token.end = j + 1;
  return TRUE;
}

/* Reads the next token into p->token. */
static gboolean
lex (Parser *p)
{
  const char *s = p->text;
  gsize i = p->pos;
  Token *t = &p->token;
  static const struct
  {
    char c;
    TokenKind kind;
  } punctuation[] = {
    { '+', TOKEN_PLUS },         { '-', TOKEN_MINUS },         { '*', TOKEN_STAR },
    { '/', TOKEN_SLASH },        { '(', TOKEN_OPEN_PAREN },    { ')', TOKEN_CLOSE_PAREN },
    { '[', TOKEN_OPEN_BRACKET }, { ']', TOKEN_CLOSE_BRACKET }, { ',', TOKEN_COMMA },
    { '=', TOKEN_EQUALS },
  };
  gboolean ok = TRUE;

  g_clear_pointer (&t->string, g_free);
  while (i < p->length && is_space (s[i]))
    i++;
  t->start = i;
  t->end = i + 1;

  if (i >= p->length)
    {
      t->kind = TOKEN_END;
      t->end = i;
    }
  else if (g_ascii_isdigit (s[i]))
    ok = lex_number (p, i);
  else if (g_ascii_isalpha (s[i]))
    {
      gsize j = i;

      while (g_ascii_isalnum (s[j]) || s[j] == '_')
        j++;
      t->kind = TOKEN_NAME;
      t->end = j;
    }
  else if (s[i] == '"')
    ok = lex_string (p, i);
  else
    {
      guint k;

      for (k = 0; k < G_N_ELEMENTS (punctuation); k++)
        {
          if (s[i] == punctuation[k].c)
            {
              t->kind = punctuation[k].kind;
              break;
            }
        }
      if (k == G_N_ELEMENTS (punctuation))
        {
          const char *next = g_utf8_next_char (s + i);

          if ((guchar)s[i] < 0x20 || s[i] == 0x7f)
            fail (p, i, RDM_FORMULA_ERROR_SYNTAX, _ ("unexpected control character U+%04X"),
                  (guint)(guchar)s[i]);
          else
            fail (p, i, RDM_FORMULA_ERROR_SYNTAX, _ ("unexpected character “%.*s”"),
                  (int)(next - (s + i)), s + i);
          ok = FALSE;
        }
    }
  if (ok)
    p->pos = t->end;
  return ok;
}

static char *
token_text (const Parser *p)
{
  return g_strndup (p->text + p->token.start, p->token.end - p->token.start);
}

static Node *
new_node (Parser *p, NodeKind kind, gsize offset, guint n_args)
{
  Node *node = g_new0 (Node, 1);

  node->kind = kind;
  node->column = column_at (p, offset);
  node->n_args = n_args;
  node->args = n_args > 0 ? g_new0 (Node *, n_args) : NULL;
  g_ptr_array_add (p->formula->nodes, node);
  return node;
}

static Node *
new_binary (Parser *p, NodeKind kind, gsize offset, Node *left, Node *right)
{
  Node *node = new_node (p, kind, offset, 2);

  node->args[0] = left;
  node->args[1] = right;
  return node;
}

static Node *parse_expr (Parser *p, guint depth);

static gboolean
check_depth (Parser *p, guint depth)
{
  if (depth <= RDM_FORMULA_MAX_DEPTH)
    return TRUE;
  fail (p, p->token.start, RDM_FORMULA_ERROR_LIMIT,
        _ ("the formula is nested more than %d levels deep"), RDM_FORMULA_MAX_DEPTH);
  return FALSE;
}

static gboolean
parse_qualifier_value (Parser *p, Qualifier qualifier, const char *value)
{
  const char *const *allowed = NULL;
  Unknown what = UNKNOWN_MODEL;

  switch (qualifier)
    {
    case QUALIFIER_MODEL:
      allowed = model_names;
      what = UNKNOWN_MODEL;
      break;
    case QUALIFIER_GROUP:
      /* a group may be the user's own: only a near miss of a known code
       * ("socal") is taken for a typo */
      if (find_name (rdm_channel_group_codes (), value) < 0
          && suggest (value, rdm_channel_group_codes ()) != NULL)
        {
          fail_unknown (p, p->token.start, UNKNOWN_GROUP, value, rdm_channel_group_codes ());
          return FALSE;
        }
      break;
    case QUALIFIER_CATEGORY:
      allowed = category_names;
      what = UNKNOWN_CATEGORY;
      break;
    case QUALIFIER_CHANNEL:
    case QUALIFIER_CAMPAIGN:
    case QUALIFIER_EVENT:
      break;
    case N_QUALIFIERS:
    default:
      g_assert_not_reached ();
    }

  if (allowed != NULL && find_name (allowed, value) < 0)
    {
      fail_unknown (p, p->token.start, what, value, allowed);
      return FALSE;
    }
  if (*value == '\0')
    {
      fail (p, p->token.start, RDM_FORMULA_ERROR_QUALIFIER,
            _ ("the qualifier “%s” needs a name, as in %s=\"%s\""), qualifier_names[qualifier],
            qualifier_names[qualifier], qualifier_examples[qualifier]);
      return FALSE;
    }
  return TRUE;
}

static char *
join_qualifiers (guint mask)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();

  for (guint q = 0; q < N_QUALIFIERS; q++)
    {
      if (mask & BIT (q))
        g_ptr_array_add (names, (gpointer)qualifier_names[q]);
    }
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **)names->pdata);
}

/* After "name [": key="value" pairs up to "]". */
static gboolean
parse_qualifiers (Parser *p, Node *node, gsize open_offset)
{
  RdmMetricKind kind = node->metric.kind;
  const char *metric_name = metric_names[kind];
  guint allowed = metric_qualifiers[kind];
  guint seen = 0;

  for (;;)
    {
      g_autofree char *key = NULL;
      int q;

      if (p->token.kind != TOKEN_NAME)
        {
          fail (p, p->token.start, RDM_FORMULA_ERROR_QUALIFIER,
                _ ("expected a qualifier such as %s=\"%s\""),
                qualifier_names[g_bit_nth_lsf (allowed, -1)],
                qualifier_examples[g_bit_nth_lsf (allowed, -1)]);
          return FALSE;
        }
      key = token_text (p);
      q = find_name (qualifier_names, key);
      if (q < 0 || !(allowed & BIT (q)))
        {
          g_autofree char *list = join_qualifiers (allowed);
          const char *allowed_names[N_QUALIFIERS + 1] = { NULL };
          const char *suggestion;
          guint n = 0;

          for (guint k = 0; k < N_QUALIFIERS; k++)
            {
              if (allowed & BIT (k))
                allowed_names[n++] = qualifier_names[k];
            }
          suggestion = q < 0 ? suggest (key, allowed_names) : NULL;
          if (suggestion != NULL)
            fail (p, p->token.start, RDM_FORMULA_ERROR_QUALIFIER,
                  _ ("unknown qualifier “%s”; did you mean “%s”?"), key, suggestion);
          else
            fail (p, p->token.start, RDM_FORMULA_ERROR_QUALIFIER,
                  _ ("“%s” has no qualifier “%s”; its qualifiers are %s"), metric_name, key, list);
          return FALSE;
        }
      if (seen & BIT (q))
        {
          fail (p, p->token.start, RDM_FORMULA_ERROR_QUALIFIER,
                _ ("the qualifier “%s” is given twice"), key);
          return FALSE;
        }
      seen |= BIT (q);

      if (!lex (p))
        return FALSE;
      if (p->token.kind != TOKEN_EQUALS)
        {
          fail (p, p->token.start, RDM_FORMULA_ERROR_SYNTAX,
                _ ("expected “=” after the qualifier “%s”"), key);
          return FALSE;
        }
      if (!lex (p))
        return FALSE;
      if (p->token.kind != TOKEN_STRING)
        {
          fail (p, p->token.start, RDM_FORMULA_ERROR_QUALIFIER,
                _ ("the qualifier “%s” takes a quoted name, as in %s=\"%s\""), key, key,
                qualifier_examples[q]);
          return FALSE;
        }
      if (!parse_qualifier_value (p, (Qualifier)q, p->token.string))
        return FALSE;
      *qualifier_slot (&node->metric, (Qualifier)q) = g_steal_pointer (&p->token.string);
      if (!lex (p))
        return FALSE;

      if (p->token.kind == TOKEN_CLOSE_BRACKET)
        return lex (p);
      if (p->token.kind != TOKEN_COMMA)
        {
          fail (p, p->token.start, RDM_FORMULA_ERROR_SYNTAX,
                _ ("expected “,” or “]” to close “[” opened at column %u"),
                column_at (p, open_offset));
          return FALSE;
        }
      if (!lex (p))
        return FALSE;
    }
}

/* The current token is the name of @kind, at @offset. */
static Node *
parse_metric (Parser *p, RdmMetricKind kind, gsize offset)
{
  Node *node = new_node (p, NODE_METRIC, offset, 0);
  gsize open_offset;

  node->metric.kind = kind;
  if (!lex (p))
    return NULL;

  if (p->token.kind == TOKEN_OPEN_PAREN)
    {
      g_autofree char *list = g_strjoinv (", ", (char **)function_names);

      return fail (p, offset, RDM_FORMULA_ERROR_UNKNOWN_FUNCTION,
                   _ ("“%s” is a metric, not a function; functions are %s"), metric_names[kind],
                   list);
    }
  if (p->token.kind != TOKEN_OPEN_BRACKET)
    {
      if (kind == RDM_METRIC_SERIES)
        return fail (p, p->token.start, RDM_FORMULA_ERROR_SYNTAX,
                     _ ("expected “[” and the name of a series, as in "
                        "series[\"brand_awareness\"]"));
      return node;
    }

  open_offset = p->token.start;
  if (!lex (p))
    return NULL;

  if (kind == RDM_METRIC_SERIES)
    {
      if (p->token.kind != TOKEN_STRING)
        return fail (p, p->token.start, RDM_FORMULA_ERROR_QUALIFIER,
                     _ ("expected the quoted name of a series, as in series[\"brand_awareness\"]"));
      if (*p->token.string == '\0')
        return fail (p, p->token.start, RDM_FORMULA_ERROR_QUALIFIER,
                     _ ("the name of a series cannot be empty"));
      node->metric.series = g_steal_pointer (&p->token.string);
      if (!lex (p))
        return NULL;
      if (p->token.kind != TOKEN_CLOSE_BRACKET)
        return fail (p, p->token.start, RDM_FORMULA_ERROR_SYNTAX,
                     _ ("expected “]” to close “[” opened at column %u"),
                     column_at (p, open_offset));
      if (!lex (p))
        return NULL;
      return node;
    }

  if (metric_qualifiers[kind] == 0)
    return fail (p, open_offset, RDM_FORMULA_ERROR_QUALIFIER, _ ("“%s” takes no qualifiers"),
                 metric_names[kind]);
  if (!parse_qualifiers (p, node, open_offset))
    return NULL;
  return node;
}

/* The current token is "(" after @function, named at @offset. */
static Node *
parse_call (Parser *p, Function function, gsize offset, guint depth)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  gsize open_offset = p->token.start;
  guint min_args = function_arity[function].min_args;
  guint max_args = function_arity[function].max_args;
  Node *node;

  if (!check_depth (p, depth + 1) || !lex (p))
    return NULL;

  if (p->token.kind != TOKEN_CLOSE_PAREN)
    {
      for (;;)
        {
          Node *arg = parse_expr (p, depth + 1);

          if (arg == NULL)
            return NULL;
          g_ptr_array_add (args, arg);
          if (p->token.kind == TOKEN_CLOSE_PAREN)
            break;
          if (p->token.kind != TOKEN_COMMA)
            {
              if (max_args == 1)
                return fail (p, p->token.start, RDM_FORMULA_ERROR_SYNTAX,
                             _ ("expected “)” to close “(” opened at column %u"),
                             column_at (p, open_offset));
              return fail (p, p->token.start, RDM_FORMULA_ERROR_SYNTAX,
                           _ ("expected “,” or “)” to close “(” opened at column %u"),
                           column_at (p, open_offset));
            }
          if (!lex (p))
            return NULL;
        }
    }
  if (!lex (p))
    return NULL;

  if (args->len < min_args || args->len > max_args)
    {
      if (min_args == max_args)
        return fail (p, offset, RDM_FORMULA_ERROR_ARGUMENTS,
                     ngettext ("“%s” takes %u argument, not %u", "“%s” takes %u arguments, not %u",
                               min_args),
                     function_names[function], min_args, args->len);
      return fail (p, offset, RDM_FORMULA_ERROR_ARGUMENTS,
                   _ ("“%s” takes at least %u arguments, not %u"), function_names[function],
                   min_args, args->len);
    }

  node = new_node (p, NODE_CALL, offset, args->len);
  node->function = function;
  for (guint i = 0; i < args->len; i++)
    node->args[i] = g_ptr_array_index (args, i);
  return node;
}

static gboolean
is_sql_keyword (const char *word)
{
  for (guint i = 0; sql_keywords[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (word, sql_keywords[i]) == 0)
        return TRUE;
    }
  return FALSE;
}

static gpointer
fail_sql (Parser *p, const char *word)
{
  return fail (p, p->token.start, RDM_FORMULA_ERROR_SYNTAX,
               _ ("“%s” looks like SQL; a formula is arithmetic over metrics, such as "
                  "value / cost"),
               word);
}

static Node *
parse_name (Parser *p, guint depth)
{
  g_autofree char *name = token_text (p);
  gsize offset = p->token.start;
  int function = find_name (function_names, name);
  int metric = find_name (metric_names, name);

  if (is_sql_keyword (name))
    return fail_sql (p, name);
  if (metric >= 0)
    return parse_metric (p, (RdmMetricKind)metric, offset);

  if (!lex (p))
    return NULL;
  if (p->token.kind == TOKEN_OPEN_PAREN)
    {
      if (function >= 0)
        return parse_call (p, (Function)function, offset, depth);
      return fail_unknown (p, offset, UNKNOWN_FUNCTION, name, function_names);
    }
  if (function >= 0)
    return fail (p, p->token.start, RDM_FORMULA_ERROR_SYNTAX,
                 _ ("expected “(” after the function “%s”"), name);
  return fail_unknown (p, offset, UNKNOWN_METRIC, name, metric_names);
}

static Node *
parse_primary (Parser *p, guint depth)
{
  g_autofree char *found = NULL;

  switch (p->token.kind)
    {
    case TOKEN_NUMBER:
      {
        Node *node = new_node (p, NODE_NUMBER, p->token.start, 0);

        node->number = p->token.number;
        return lex (p) ? node : NULL;
      }

    case TOKEN_NAME:
      return parse_name (p, depth);

    case TOKEN_OPEN_PAREN:
      {
        gsize open_offset = p->token.start;
        Node *inner;

        if (!check_depth (p, depth + 1) || !lex (p))
          return NULL;
        inner = parse_expr (p, depth + 1);
        if (inner == NULL)
          return NULL;
        if (p->token.kind != TOKEN_CLOSE_PAREN)
          return fail (p, p->token.start, RDM_FORMULA_ERROR_SYNTAX,
                       _ ("expected “)” to close “(” opened at column %u"),
                       column_at (p, open_offset));
        return lex (p) ? inner : NULL;
      }

    case TOKEN_END:
    case TOKEN_STRING:
    case TOKEN_PLUS:
    case TOKEN_MINUS:
    case TOKEN_STAR:
    case TOKEN_SLASH:
    case TOKEN_CLOSE_PAREN:
    case TOKEN_OPEN_BRACKET:
    case TOKEN_CLOSE_BRACKET:
    case TOKEN_COMMA:
    case TOKEN_EQUALS:
    default:
      found = describe_token (p);
      return fail (p, p->token.start, RDM_FORMULA_ERROR_SYNTAX,
                   _ ("expected a number, a metric, a function or “(”, found %s"), found);
    }
}

static Node *
parse_unary (Parser *p, guint depth)
{
  gsize offset = p->token.start;
  Node *operand;
  Node *node;

  if (p->token.kind != TOKEN_MINUS)
    return parse_primary (p, depth);

  if (!check_depth (p, depth + 1) || !lex (p))
    return NULL;
  operand = parse_unary (p, depth + 1);
  if (operand == NULL)
    return NULL;
  node = new_node (p, NODE_NEGATE, offset, 1);
  node->args[0] = operand;
  return node;
}

static Node *
parse_term (Parser *p, guint depth)
{
  Node *left = parse_unary (p, depth);

  while (left != NULL && (p->token.kind == TOKEN_STAR || p->token.kind == TOKEN_SLASH))
    {
      NodeKind kind = p->token.kind == TOKEN_STAR ? NODE_MULTIPLY : NODE_DIVIDE;
      gsize offset = p->token.start;
      Node *right;

      if (!lex (p))
        return NULL;
      right = parse_unary (p, depth);
      if (right == NULL)
        return NULL;
      left = new_binary (p, kind, offset, left, right);
    }
  return left;
}

static Node *
parse_expr (Parser *p, guint depth)
{
  Node *left = parse_term (p, depth);

  while (left != NULL && (p->token.kind == TOKEN_PLUS || p->token.kind == TOKEN_MINUS))
    {
      NodeKind kind = p->token.kind == TOKEN_PLUS ? NODE_ADD : NODE_SUBTRACT;
      gsize offset = p->token.start;
      Node *right;

      if (!lex (p))
        return NULL;
      right = parse_term (p, depth);
      if (right == NULL)
        return NULL;
      left = new_binary (p, kind, offset, left, right);
    }
  return left;
}

static void
parse_formula (Parser *p)
{
  const char *invalid;
  g_autofree char *found = NULL;

  if (!g_utf8_validate (p->text, (gssize)p->length, &invalid))
    {
      /* Columns before the bad byte are well defined; count up to it. */
      p->length = (gsize)(invalid - p->text);
      fail (p, p->length, RDM_FORMULA_ERROR_SYNTAX, _ ("the formula is not valid UTF-8 text"));
      return;
    }
  if (p->length > RDM_FORMULA_MAX_LENGTH)
    {
      gsize offset = RDM_FORMULA_MAX_LENGTH;

      while (((guchar)p->text[offset] & 0xc0) == 0x80)
        offset--;
      fail (p, offset, RDM_FORMULA_ERROR_LIMIT, _ ("the formula is longer than %d bytes"),
            RDM_FORMULA_MAX_LENGTH);
      return;
    }

  if (!lex (p))
    return;
  if (p->token.kind == TOKEN_END)
    {
      fail (p, 0, RDM_FORMULA_ERROR_SYNTAX,
            _ ("empty formula; expected a number, a metric or a function"));
      return;
    }

  p->formula->root = parse_expr (p, 0);
  if (p->formula->root == NULL || p->token.kind == TOKEN_END)
    return;

  if (p->token.kind == TOKEN_NAME)
    {
      g_autofree char *word = token_text (p);

      if (is_sql_keyword (word))
        {
          fail_sql (p, word);
          return;
        }
    }
  if (p->token.kind == TOKEN_CLOSE_PAREN)
    {
      fail (p, p->token.start, RDM_FORMULA_ERROR_SYNTAX, _ ("“)” without a matching “(”"));
      return;
    }
  found = describe_token (p);
  fail (p, p->token.start, RDM_FORMULA_ERROR_SYNTAX,
        _ ("expected an operator or the end of the formula, found %s"), found);
}

RdmFormula *
rdm_formula_parse (const char *text, guint *out_error_column, GError **error)
{
  Parser p = { 0 };
  g_autoptr (RdmFormula) formula = g_new0 (RdmFormula, 1);

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  formula->nodes = g_ptr_array_new_with_free_func (node_free);
  p.text = text;
  p.length = strlen (text);
  p.counted_column = 1;
  p.formula = formula;

  parse_formula (&p);
  g_free (p.token.string);

  if (out_error_column != NULL)
    *out_error_column = p.error != NULL ? column_at (&p, p.error_offset) : 0;
  if (p.error != NULL)
    {
      g_propagate_error (error, p.error);
      return NULL;
    }
  return g_steal_pointer (&formula);
}

const char *
rdm_metric_kind_to_string (RdmMetricKind kind)
{
  g_return_val_if_fail (kind < N_METRICS, NULL);

  return metric_names[kind];
}

const char *const *
rdm_formula_metric_names (void)
{
  return metric_names;
}

const char *const *
rdm_formula_function_names (void)
{
  return function_names;
}

static void
append_metric (GString *out, const RdmMetricRef *metric)
{
  gboolean first = TRUE;

  g_string_append (out, metric_names[metric->kind]);
  if (metric->kind == RDM_METRIC_SERIES)
    {
      g_string_append_c (out, '[');
      rdm_text_append_quoted (out, metric->series);
      g_string_append_c (out, ']');
      return;
    }
  for (guint q = 0; q < N_QUALIFIERS; q++)
    {
      const char *value = *qualifier_slot ((RdmMetricRef *)metric, (Qualifier)q);

      if (value == NULL)
        continue;
      g_string_append (out, first ? "[" : ", ");
      g_string_append_printf (out, "%s=", qualifier_names[q]);
      rdm_text_append_quoted (out, value);
      first = FALSE;
    }
  if (!first)
    g_string_append_c (out, ']');
}

char *
rdm_metric_ref_to_string (const RdmMetricRef *metric)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (metric != NULL, NULL);

  append_metric (out, metric);
  return g_string_free (out, FALSE);
}

/* The shortest decimal that reads back as exactly @value. */
static void
append_number (GString *out, double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  g_string_append (out, buffer);
}

static int
precedence (const Node *node)
{
  switch (node->kind)
    {
    case NODE_ADD:
    case NODE_SUBTRACT:
      return 1;
    case NODE_MULTIPLY:
    case NODE_DIVIDE:
      return 2;
    case NODE_NEGATE:
      return 3;
    case NODE_NUMBER:
    case NODE_METRIC:
    case NODE_CALL:
    default:
      return 4;
    }
}

static void append_node (GString *out, const Node *node);

static void
append_operand (GString *out, const Node *node, gboolean parenthesize)
{
  if (parenthesize)
    g_string_append_c (out, '(');
  append_node (out, node);
  if (parenthesize)
    g_string_append_c (out, ')');
}

static void
append_node (GString *out, const Node *node)
{
  static const char *const operators[] = {
    [NODE_ADD] = " + ",
    [NODE_SUBTRACT] = " - ",
    [NODE_MULTIPLY] = " * ",
    [NODE_DIVIDE] = " / ",
  };

  switch (node->kind)
    {
    case NODE_NUMBER:
      append_number (out, node->number);
      break;
    case NODE_METRIC:
      append_metric (out, &node->metric);
      break;
    case NODE_NEGATE:
      /* "-(-x)" rather than "--x", which reads like a comment. */
      g_string_append_c (out, '-');
      append_operand (out, node->args[0], precedence (node->args[0]) <= precedence (node));
      break;
    case NODE_ADD:
    case NODE_SUBTRACT:
    case NODE_MULTIPLY:
    case NODE_DIVIDE:
      /* Operators group to the left, so an operand of the same precedence
       * on the right was parenthesized in the source: keep it so. */
      append_operand (out, node->args[0], precedence (node->args[0]) < precedence (node));
      g_string_append (out, operators[node->kind]);
      append_operand (out, node->args[1], precedence (node->args[1]) <= precedence (node));
      break;
    case NODE_CALL:
      g_string_append (out, function_names[node->function]);
      g_string_append_c (out, '(');
      for (guint i = 0; i < node->n_args; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          append_node (out, node->args[i]);
        }
      g_string_append_c (out, ')');
      break;
    default:
      g_assert_not_reached ();
    }
}

char *
rdm_formula_to_string (const RdmFormula *formula)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (formula != NULL, NULL);

  append_node (out, formula->root);
  return g_string_free (out, FALSE);
}

GPtrArray *
rdm_formula_list_metrics (const RdmFormula *formula)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *metrics = g_ptr_array_new ();

  g_return_val_if_fail (formula != NULL, NULL);

  /* Nodes are created as the parser reads them: metric nodes are in text order. */
  for (guint i = 0; i < formula->nodes->len; i++)
    {
      const Node *node = g_ptr_array_index (formula->nodes, i);
      char *key;

      if (node->kind != NODE_METRIC)
        continue;
      key = rdm_metric_ref_to_string (&node->metric);
      if (g_hash_table_add (seen, key))
        g_ptr_array_add (metrics, (gpointer)&node->metric);
    }
  return metrics;
}

gboolean
rdm_formula_uses_periods (const RdmFormula *formula)
{
  g_return_val_if_fail (formula != NULL, FALSE);

  for (guint i = 0; i < formula->nodes->len; i++)
    {
      const Node *node = g_ptr_array_index (formula->nodes, i);

      if (node->kind == NODE_CALL
          && (node->function == FUNCTION_SUM || node->function == FUNCTION_AVG
              || node->function == FUNCTION_GROWTH || node->function == FUNCTION_PREVIOUS))
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  double value; /* finite; 0 when undefined */
  gboolean defined;
} Value;

static const Value not_available = { 0, FALSE };

static Value
finite_or_na (double value)
{
  return isfinite (value) ? (Value){ value, TRUE } : not_available;
}

static Value
divide (Value numerator, Value denominator)
{
  if (!numerator.defined || !denominator.defined || denominator.value == 0)
    return not_available;
  return finite_or_na (numerator.value / denominator.value);
}

typedef struct
{
  RdmMetricResolver resolver;
  gpointer user_data;
  guint steps; /* nodes evaluated so far */
} Context;

static gboolean
evaluate (const Node *node, Context *context, const RdmPeriod *period, Value *out, GError **error);

static gboolean
resolve (const Node *node, Context *context, const RdmPeriod *period, Value *out, GError **error)
{
  double value = 0;
  gboolean defined = FALSE;
  GError *local_error = NULL;

  if (!context->resolver (&node->metric, period, context->user_data, &value, &defined,
                          &local_error))
    {
      g_autofree char *name = rdm_metric_ref_to_string (&node->metric);

      if (local_error == NULL)
        local_error = g_error_new (RDM_FORMULA_ERROR, RDM_FORMULA_ERROR_EVALUATE,
                                   _ ("no value for “%s”"), name);
      g_propagate_prefixed_error (error, local_error, _ ("column %u: "), node->column);
      return FALSE;
    }
  if (defined && !isfinite (value))
    {
      g_autofree char *name = rdm_metric_ref_to_string (&node->metric);
      g_autofree char *period_name = rdm_period_to_string (period);

      g_set_error (error, RDM_FORMULA_ERROR, RDM_FORMULA_ERROR_EVALUATE,
                   _ ("column %u: the value of “%s” for %s is not a finite number"), node->column,
                   name, period_name);
      return FALSE;
    }
  *out = defined ? (Value){ value, TRUE } : not_available;
  return TRUE;
}

static gboolean
previous_period (const Node *node, const RdmPeriod *period, RdmPeriod *out, GError **error)
{
  if (rdm_period_previous (period, out, error))
    return TRUE;
  g_prefix_error (error, _ ("column %u: "), node->column);
  return FALSE;
}

/* sum() and avg(): @node's argument on every month of @period. */
static gboolean
evaluate_months (
    const Node *node, Context *context, const RdmPeriod *period, Value *out, GError **error)
{
  g_autoptr (GArray) months = rdm_period_list (RDM_PERIOD_MONTH, period->start, period->end, error);
  double total = 0;
  guint n_defined = 0;

  if (months == NULL)
    return FALSE;
  for (guint i = 0; i < months->len; i++)
    {
      Value month;

      if (!evaluate (node->args[0], context, &g_array_index (months, RdmPeriod, i), &month, error))
        return FALSE;
      if (month.defined)
        {
          total += month.value;
          n_defined++;
        }
    }
  if (n_defined == 0)
    *out = not_available;
  else if (node->function == FUNCTION_SUM)
    *out = finite_or_na (total);
  else
    *out = finite_or_na (total / n_defined);
  return TRUE;
}

static gboolean
evaluate_call (
    const Node *node, Context *context, const RdmPeriod *period, Value *out, GError **error)
{
  g_autofree Value *args = NULL;
  RdmPeriod previous;

  switch (node->function)
    {
    case FUNCTION_SUM:
    case FUNCTION_AVG:
      return evaluate_months (node, context, period, out, error);

    case FUNCTION_PREVIOUS:
      return previous_period (node, period, &previous, error)
             && evaluate (node->args[0], context, &previous, out, error);

    case FUNCTION_GROWTH:
      {
        Value now;
        Value before;

        if (!previous_period (node, period, &previous, error)
            || !evaluate (node->args[0], context, period, &now, error)
            || !evaluate (node->args[0], context, &previous, &before, error))
          return FALSE;
        /* |before| keeps "up" positive when the base is negative. */
        if (!now.defined || !before.defined || before.value == 0)
          *out = not_available;
        else
          *out = finite_or_na ((now.value - before.value) / fabs (before.value));
        return TRUE;
      }

    case FUNCTION_SHARE:
    case FUNCTION_MIN:
    case FUNCTION_MAX:
      args = g_new (Value, node->n_args);
      for (guint i = 0; i < node->n_args; i++)
        {
          if (!evaluate (node->args[i], context, period, &args[i], error))
            return FALSE;
        }
      if (node->function == FUNCTION_SHARE)
        {
          *out = divide (args[0], args[1]);
          return TRUE;
        }
      *out = args[0];
      for (guint i = 0; i < node->n_args && out->defined; i++)
        {
          if (!args[i].defined)
            *out = not_available;
          else if (node->function == FUNCTION_MIN)
            out->value = MIN (out->value, args[i].value);
          else
            out->value = MAX (out->value, args[i].value);
        }
      return TRUE;

    case N_FUNCTIONS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
evaluate (const Node *node, Context *context, const RdmPeriod *period, Value *out, GError **error)
{
  Value a;
  Value b;

  /* Each growth() doubles and each sum() over a year multiplies by 12 the
   * work beneath it: cap it, or a 64-deep formula would never finish. */
  if (++context->steps > RDM_FORMULA_MAX_STEPS)
    {
      g_set_error (error, RDM_FORMULA_ERROR, RDM_FORMULA_ERROR_LIMIT,
                   _ ("column %u: the formula takes more than %d steps to evaluate"), node->column,
                   RDM_FORMULA_MAX_STEPS);
      return FALSE;
    }

  switch (node->kind)
    {
    case NODE_NUMBER:
      *out = (Value){ node->number, TRUE };
      return TRUE;

    case NODE_METRIC:
      return resolve (node, context, period, out, error);

    case NODE_NEGATE:
      if (!evaluate (node->args[0], context, period, &a, error))
        return FALSE;
      *out = a.defined ? (Value){ -a.value, TRUE } : not_available;
      return TRUE;

    case NODE_ADD:
    case NODE_SUBTRACT:
    case NODE_MULTIPLY:
    case NODE_DIVIDE:
      if (!evaluate (node->args[0], context, period, &a, error)
          || !evaluate (node->args[1], context, period, &b, error))
        return FALSE;
      if (!a.defined || !b.defined)
        *out = not_available;
      else if (node->kind == NODE_ADD)
        *out = finite_or_na (a.value + b.value);
      else if (node->kind == NODE_SUBTRACT)
        *out = finite_or_na (a.value - b.value);
      else if (node->kind == NODE_MULTIPLY)
        *out = finite_or_na (a.value * b.value);
      else
        *out = divide (a, b);
      return TRUE;

    case NODE_CALL:
      return evaluate_call (node, context, period, out, error);

    default:
      g_assert_not_reached ();
    }
}

gboolean
rdm_formula_evaluate (const RdmFormula *formula,
                      RdmMetricResolver resolver,
                      gpointer user_data,
                      const RdmPeriod *period,
                      double *out_value,
                      gboolean *out_defined,
                      GError **error)
{
  Context context = { resolver, user_data, 0 };
  Value result;

  g_return_val_if_fail (formula != NULL, FALSE);
  g_return_val_if_fail (resolver != NULL, FALSE);
  g_return_val_if_fail (period != NULL, FALSE);
  g_return_val_if_fail (out_value != NULL, FALSE);
  g_return_val_if_fail (out_defined != NULL, FALSE);

  if (!evaluate (formula->root, &context, period, &result, error))
    return FALSE;
  *out_value = result.value;
  *out_defined = result.defined;
  return TRUE;
}
