/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The warehouse route (SPEC.md "Scale beyond one machine"): the events
 * stay in PostgreSQL, the path rules run there as SQL with window
 * functions (data/sql/postgresql.sql), and only aggregates come home.
 *
 * Why it is built this way:
 * - The queries live in one .sql file, compiled into the program as a
 *   resource, so that they can be read, reviewed and run by hand as SQL;
 *   this file only fills their identifier slots and binds their values.
 * - Identifiers are quoted by PQescapeIdentifier and values are bound
 *   parameters: neither a table name nor a setting can change a query.
 * - Everything runs in one read-only, repeatable-read transaction: a role
 *   with SELECT on the tables is enough, and the path table, the outcomes
 *   and the costs are of the same moment even while the warehouse loads.
 * - Rows are fetched one at a time (libpq's single-row mode) into a
 *   temporary file, and written to the project only once all have come,
 *   in one transaction with a small page cache: the project is not locked
 *   while the warehouse works, and this process's memory grows neither
 *   with the events nor with the path table (tests/bench/README.md).
 * - The path table is written with each touch's kind and each converting
 *   row's day, which the models' click/view split needs; the rules go
 *   with it, so that an analysis asking for others is refused and the
 *   query is run again, rather than the local copy pretending to apply.
 * - The events' texts and the costs are read by the CSV importer's rules,
 *   so that the same rows give the same numbers by either route.
 * - The streaming alternative (rdm_warehouse_pull_events) brings the
 *   events themselves over binary COPY into a local event log.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libpq-fe.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include <cjson/cJSON.h>

#include "rdm-data-resources.h"
#include "rdm-path-set.h"
#include "rdm-project-private.h"
#include "rdm-warehouse.h"

/* clang-format off */
G_DEFINE_QUARK (rdm-warehouse-error-quark, rdm_warehouse_error)
/* clang-format on */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

#define SQL_RESOURCE "/fr/rendement/Rendement/sql/postgresql.sql"

/* PostgreSQL's type oids (catalog/pg_type.dat), fixed across versions */
enum
{
  OID_BOOL = 16,
  OID_INT8 = 20,
  OID_INT2 = 21,
  OID_INT4 = 23,
  OID_FLOAT4 = 700,
  OID_FLOAT8 = 701,
  OID_TEXT_ARRAY = 1009,
  OID_DATE = 1082,
  OID_TIMESTAMP = 1114,
  OID_TIMESTAMPTZ = 1184,
  OID_NUMERIC = 1700,
};

/* SQLSTATEs the user can act on */
#define SQLSTATE_UNDEFINED_TABLE "42P01"
#define SQLSTATE_INSUFFICIENT_PRIVILEGE "42501"

static const char *const event_columns[]
    = { "visitor_id", "timestamp", "type", "channel", "campaign", "value", "event", "order", NULL };
enum
{
  EVENT_VISITOR,
  EVENT_TIMESTAMP,
  EVENT_TYPE,
  EVENT_CHANNEL,
  EVENT_CAMPAIGN,
  EVENT_VALUE,
  EVENT_EVENT,
  EVENT_ORDER,
  N_EVENT_COLUMNS,
};
static const gboolean event_column_required[N_EVENT_COLUMNS] = { TRUE, TRUE, TRUE, TRUE };

static const char *const cost_columns[]
    = { "date", "channel", "campaign", "category", "amount", NULL };
enum
{
  COST_DATE,
  COST_CHANNEL,
  COST_CAMPAIGN,
  COST_CATEGORY,
  COST_AMOUNT,
  N_COST_COLUMNS,
};
static const gboolean cost_column_required[N_COST_COLUMNS] = { TRUE, TRUE, FALSE, FALSE, TRUE };

const char *const *
rdm_warehouse_event_columns (void)
{
  return event_columns;
}

const char *const *
rdm_warehouse_cost_columns (void)
{
  return cost_columns;
}

void
rdm_warehouse_report_free (RdmWarehouseReport *report)
{
  if (report == NULL)
    return;
  g_free (report->source);
  g_free (report);
}

/* The named queries of data/sql/postgresql.sql: "-- name: x" opens the
 * query x, which runs to the next name. */
static GHashTable *
parse_queries (const char *text)
{
  GHashTable *queries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr (GString) body = NULL;
  g_autofree char *name = NULL;

  for (guint i = 0;; i++)
    {
      const char *line = lines[i];

      if (line == NULL || g_str_has_prefix (line, "-- name: "))
        {
          if (name != NULL)
            {
              g_strchomp (body->str);
              g_hash_table_insert (queries, g_steal_pointer (&name),
                                   g_string_free (g_steal_pointer (&body), FALSE));
            }
          if (line == NULL)
            break;
          name = g_strstrip (g_strdup (line + strlen ("-- name: ")));
          body = g_string_new (NULL);
          continue;
        }
      if (body != NULL)
        g_string_append_printf (body, "%s\n", line);
    }
  return queries;
}

static const char *
query_text (const char *name)
{
  static GHashTable *queries;
  const char *text;

  if (g_once_init_enter (&queries))
    {
      /* looked up in this library's own resource: a static library's
       * constructor that would register it is not linked in */
      g_autoptr (GBytes) bytes = g_resource_lookup_data (rdm_data_get_resource (), SQL_RESOURCE,
                                                         G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

      g_assert (bytes != NULL);
      g_once_init_leave (&queries, parse_queries (g_bytes_get_data (bytes, NULL)));
    }
  text = g_hash_table_lookup (queries, name);
  g_assert (text != NULL);
  return text;
}

/* @name's text with each {{slot}} replaced by its value in @slots (a NULL
 * terminated list of slot, value pairs). The values are quoted identifiers
 * or expressions of this file's queries built from them. */
static char *
fill_slots (const char *name, const char *const *slots)
{
  const char *text = query_text (name);
  GString *filled = g_string_new (NULL);

  for (const char *p = text; *p != '\0';)
    {
      const char *open = strstr (p, "{{");
      const char *close;
      gboolean found = FALSE;

      if (open == NULL)
        {
          g_string_append (filled, p);
          break;
        }
      close = strstr (open, "}}");
      g_assert (close != NULL);
      g_string_append_len (filled, p, open - p);
      for (guint s = 0; slots[s] != NULL; s += 2)
        if (strlen (slots[s]) == (gsize)(close - open - 2)
            && strncmp (slots[s], open + 2, close - open - 2) == 0)
          {
            g_string_append (filled, slots[s + 1]);
            found = TRUE;
            break;
          }
      g_assert (found);
      p = close + 2;
    }
  return g_string_free (filled, FALSE);
}

/* One connection, with what cancelling it needs. */
typedef struct
{
  PGconn *conn;
  PGcancel *cancel;
  GCancellable *cancellable;
  gulong cancelled_id;
  /* one cancel request a session: PQcancel opens a connection each time */
  gint cancel_sent;
  /* sends the request for a GCancellable: the thread that cancels (the
   * window's) must not wait on the network */
  GThread *canceller;
  GMutex lock;
} Session;

/* Asks the server to stop the running query; PQcancel is safe from any
 * thread, and does nothing when no query runs (hence the checks of the
 * cancellable before each query). */
static void
send_cancel (Session *session)
{
  char message[256];

  if (g_atomic_int_compare_and_exchange (&session->cancel_sent, 0, 1))
    PQcancel (session->cancel, message, sizeof message);
}

static gpointer
cancel_thread (gpointer user_data)
{
  send_cancel (user_data);
  return NULL;
}

static void
on_cancelled (GCancellable *cancellable, gpointer user_data)
{
  Session *session = user_data;

  g_mutex_lock (&session->lock);
  if (session->canceller == NULL)
    session->canceller = g_thread_new ("rdm-pq-cancel", cancel_thread, session);
  g_mutex_unlock (&session->lock);
}

static void
session_close (Session *session)
{
  /* waits for a handler running in another thread */
  if (session->cancelled_id != 0)
    g_cancellable_disconnect (session->cancellable, session->cancelled_id);
  session->cancelled_id = 0;
  if (session->canceller != NULL)
    g_thread_join (g_steal_pointer (&session->canceller));
  g_clear_pointer (&session->cancel, PQfreeCancel);
  g_clear_pointer (&session->conn, PQfinish);
  g_clear_object (&session->cancellable);
  g_mutex_clear (&session->lock);
}

/* libpq's messages end with a newline, and may have several lines */
static char *
server_message (const char *message)
{
  return g_strstrip (g_strdup (message != NULL ? message : ""));
}

/* The server's message without the query text it quotes: its primary
 * line, then its detail and hint when it gives them. */
static char *
result_message (const PGresult *result)
{
  const char *primary = PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY);
  const char *detail = PQresultErrorField (result, PG_DIAG_MESSAGE_DETAIL);
  const char *hint = PQresultErrorField (result, PG_DIAG_MESSAGE_HINT);

  GString *message;

  if (primary == NULL)
    return server_message (PQresultErrorMessage (result));
  message = g_string_new (primary);
  if (detail != NULL)
    g_string_append_printf (message, " (%s)", detail);
  if (hint != NULL)
    g_string_append_printf (message, " %s", hint);
  return g_string_free (message, FALSE);
}

static gboolean
session_open (Session *session,
              const char *connection,
              const char *password,
              GCancellable *cancellable,
              GError **error)
{
  /* later keywords win over what the connection string says, earlier
   * ones are defaults it may change */
  const char *keywords[6] = { "connect_timeout", "dbname" };
  const char *values[6] = { "15", connection };
  guint n = 2;

  *session = (Session){ 0 };
  g_mutex_init (&session->lock);
  if (password != NULL)
    {
      keywords[n] = "password";
      values[n++] = password;
    }
  keywords[n] = "client_encoding";
  values[n++] = "UTF8";
  keywords[n] = "application_name";
  values[n++] = "Rendement";
  keywords[n] = NULL;
  values[n] = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_mutex_clear (&session->lock);
      return FALSE;
    }
  session->conn = PQconnectdbParams (keywords, values, 1);
  if (session->conn == NULL)
    {
      g_set_error_literal (error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_CONNECTION,
                           _ ("Not enough memory to connect to the database"));
      session_close (session);
      return FALSE;
    }
  if (PQstatus (session->conn) != CONNECTION_OK)
    {
      g_autofree char *message = server_message (PQerrorMessage (session->conn));
      gboolean needs_password = PQconnectionNeedsPassword (session->conn);

      if (needs_password)
        g_set_error_literal (
            error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_PASSWORD,
            _ ("The database asks for a password: type it in the password field, or give it "
               "through libpq’s password file (~/.pgpass), a service file or PGPASSWORD"));
      else
        g_set_error (error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_CONNECTION,
                     /* Translators: the server's own message follows */
                     _ ("Could not connect to the database: %s"), message);
      session_close (session);
      return FALSE;
    }
  session->cancel = PQgetCancel (session->conn);
  if (cancellable != NULL)
    {
      session->cancellable = g_object_ref (cancellable);
      session->cancelled_id
          = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), session, NULL);
    }
  /* a cancel while connecting had no query to stop */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      session_close (session);
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_query_error (Session *session, const PGresult *result, const char *what, GError **error)
{
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  g_autofree char *message
      = result != NULL ? result_message (result) : server_message (PQerrorMessage (session->conn));
  int code = RDM_WAREHOUSE_ERROR_QUERY;

  if (g_cancellable_set_error_if_cancelled (session->cancellable, error))
    return FALSE;
  if (g_strcmp0 (state, SQLSTATE_UNDEFINED_TABLE) == 0
      || g_strcmp0 (state, SQLSTATE_INSUFFICIENT_PRIVILEGE) == 0)
    code = RDM_WAREHOUSE_ERROR_NO_TABLE;
  /* Translators: "%s: %s" is what was being done, then the server's message */
  g_set_error (error, RDM_WAREHOUSE_ERROR, code, _ ("%s: %s"), what, message);
  return FALSE;
}

/* The path rules' six parameters (see postgresql.sql), as text. */
typedef struct
{
  char click[G_ASCII_DTOSTR_BUF_SIZE];
  char view[G_ASCII_DTOSTR_BUF_SIZE];
  char from[24];
  char to[24];
  char *events; /* an array literal, or NULL */
  const char *values[6];
} Parameters;

static const Oid parameter_types[6]
    = { OID_FLOAT8, OID_FLOAT8, OID_BOOL, OID_INT8, OID_INT8, OID_TEXT_ARRAY };

/* {"a","b\"c"}: every element quoted, so that commas, braces, spaces and
 * the word NULL stay text */
static char *
text_array_literal (char **items)
{
  GString *literal = g_string_new ("{");

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_string_append (literal, i > 0 ? ",\"" : "\"");
      for (const char *c = items[i]; *c != '\0'; c++)
        {
          if (*c == '"' || *c == '\\')
            g_string_append_c (literal, '\\');
          g_string_append_c (literal, *c);
        }
      g_string_append_c (literal, '"');
    }
  g_string_append_c (literal, '}');
  return g_string_free (literal, FALSE);
}

static void
parameters_init (Parameters *p, const RdmPathOptions *path)
{
  g_ascii_dtostr (p->click, sizeof p->click, path->click_window_days * 86400.0);
  g_ascii_dtostr (p->view, sizeof p->view, path->view_window_days * 86400.0);
  g_snprintf (p->from, sizeof p->from, "%" G_GINT64_FORMAT, path->from_time);
  g_snprintf (p->to, sizeof p->to, "%" G_GINT64_FORMAT, path->to_time);
  p->events = path->events != NULL ? text_array_literal (path->events) : NULL;
  p->values[0] = p->click;
  p->values[1] = p->view;
  p->values[2] = path->restart_after_conversion ? "true" : "false";
  p->values[3] = path->from_time > G_MININT64 ? p->from : NULL;
  p->values[4] = path->to_time < G_MAXINT64 ? p->to : NULL;
  p->values[5] = p->events;
}

static void
parameters_clear (Parameters *p)
{
  g_clear_pointer (&p->events, g_free);
}

/* Runs @sql and returns its whole result: for statements and small
 * results only. */
static PGresult *
session_exec (Session *session,
              const char *sql,
              const Parameters *parameters,
              const char *what,
              GError **error)
{
  PGresult *result;
  ExecStatusType status;

  if (g_cancellable_set_error_if_cancelled (session->cancellable, error))
    return NULL;
  result = PQexecParams (session->conn, sql, parameters != NULL ? 6 : 0,
                         parameters != NULL ? parameter_types : NULL,
                         parameters != NULL ? parameters->values : NULL, NULL, NULL, 0);
  status = PQresultStatus (result);

  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
    {
      set_query_error (session, result, what, error);
      PQclear (result);
      return NULL;
    }
  return result;
}

typedef gboolean (*RowFunc) (const PGresult *row, gpointer user_data, GError **error);

/* Runs @sql and hands its rows to @func one at a time, never holding more
 * than one. */
static gboolean
session_each_row (Session *session,
                  const char *sql,
                  const Parameters *parameters,
                  const char *what,
                  RowFunc func,
                  gpointer user_data,
                  GError **error)
{
  PGresult *result;
  gboolean ok = TRUE;

  if (g_cancellable_set_error_if_cancelled (session->cancellable, error))
    return FALSE;
  if (!PQsendQueryParams (session->conn, sql, 6, parameter_types, parameters->values, NULL, NULL, 0)
      || !PQsetSingleRowMode (session->conn))
    return set_query_error (session, NULL, what, error);
  while ((result = PQgetResult (session->conn)) != NULL)
    {
      ExecStatusType status = PQresultStatus (result);

      /* after a failure, the remaining results are read and dropped, as
       * libpq requires before the next query */
      if (ok && status == PGRES_SINGLE_TUPLE)
        ok = func (result, user_data, error)
             && !g_cancellable_set_error_if_cancelled (session->cancellable, error);
      else if (ok && status != PGRES_TUPLES_OK)
        ok = set_query_error (session, result, what, error);
      PQclear (result);
      if (!ok)
        send_cancel (session);
    }
  return ok;
}

static char *
escape_identifier (Session *session, const char *name)
{
  char *escaped = PQescapeIdentifier (session->conn, name, strlen (name));
  char *copy = g_strdup (escaped);

  PQfreemem (escaped);
  return copy;
}

/* "name" or "schema.name", each part quoted. */
static char *
escape_table (Session *session, const char *table)
{
  const char *dot = strchr (table, '.');
  g_autofree char *schema = NULL;
  g_autofree char *quoted_schema = NULL;
  g_autofree char *quoted_name = NULL;

  if (dot == NULL)
    return escape_identifier (session, table);
  schema = g_strndup (table, dot - table);
  quoted_schema = escape_identifier (session, schema);
  quoted_name = escape_identifier (session, dot + 1);
  return g_strdup_printf ("%s.%s", quoted_schema, quoted_name);
}

/* A table's columns, found in the result of the "columns" query. */
typedef struct
{
  const char *table;
  PGresult *description;
} TableColumns;

static gboolean
describe_table (Session *session,
                const char *table,
                const char *quoted_table,
                TableColumns *columns,
                GError **error)
{
  const char *slots[] = { "table", quoted_table, NULL };
  g_autofree char *sql = fill_slots ("columns", slots);
  g_autofree char *what = g_strdup_printf (_ ("Reading the table “%s”"), table);

  columns->table = table;
  columns->description = session_exec (session, sql, NULL, what, error);
  return columns->description != NULL;
}

/* The field of @columns named @name (exactly, else ignoring case), or -1. */
static int
find_column (const TableColumns *columns, const char *name)
{
  int n = PQnfields (columns->description);

  for (int f = 0; f < n; f++)
    if (g_str_equal (PQfname (columns->description, f), name))
      return f;
  for (int f = 0; f < n; f++)
    if (g_ascii_strcasecmp (PQfname (columns->description, f), name) == 0)
      return f;
  return -1;
}

static char *
list_columns (const TableColumns *columns)
{
  GString *list = g_string_new (NULL);

  for (int f = 0; f < PQnfields (columns->description); f++)
    g_string_append_printf (list, "%s%s", f > 0 ? ", " : "", PQfname (columns->description, f));
  return g_string_free (list, FALSE);
}

/* For each canonical column, the table's field that holds it, or -1. */
static gboolean
map_columns (const TableColumns *columns,
             const char *const *canonical,
             const gboolean *required,
             GHashTable *mapping,
             int *fields,
             GError **error)
{
  GHashTableIter iter;
  gpointer key, value;

  if (mapping != NULL)
    {
      g_hash_table_iter_init (&iter, mapping);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!g_strv_contains (canonical, key))
          {
            g_autofree char *names = g_strjoinv (", ", (char **)canonical);

            g_set_error (error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_MAPPING,
                         _ ("“%s” is not a column Rendement reads from the table “%s”: expected "
                            "one of %s"),
                         (const char *)key, columns->table, names);
            return FALSE;
          }
    }
  for (guint c = 0; canonical[c] != NULL; c++)
    {
      const char *mapped = mapping != NULL ? g_hash_table_lookup (mapping, canonical[c]) : NULL;

      fields[c] = find_column (columns, mapped != NULL ? mapped : canonical[c]);
      if (fields[c] >= 0 || (mapped == NULL && !required[c]))
        continue;
      {
        g_autofree char *names = list_columns (columns);

        if (mapped != NULL)
          g_set_error (error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_MAPPING,
                       _ ("The table “%s” has no column “%s” (given for %s); its columns are %s"),
                       columns->table, mapped, canonical[c], names);
        else
          g_set_error (error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_MAPPING,
                       _ ("The table “%s” has no column “%s”: name the column that holds it "
                          "with --map %s=COLUMN; its columns are %s"),
                       columns->table, canonical[c], canonical[c], names);
        return FALSE;
      }
    }
  return TRUE;
}

static gboolean
is_number_type (Oid type)
{
  return type == OID_INT2 || type == OID_INT4 || type == OID_INT8 || type == OID_FLOAT4
         || type == OID_FLOAT8 || type == OID_NUMERIC;
}

static gboolean
wrong_type (const TableColumns *columns,
            int field,
            const char *canonical,
            const char *expected,
            GError **error)
{
  g_set_error (error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_MAPPING,
               /* Translators: the column, its table, what it should hold, what it should be */
               _ ("The column “%s” of the table “%s” holds the %s: expected %s"),
               PQfname (columns->description, field), columns->table, canonical, expected);
  return FALSE;
}

/* The expression of @field's time in epoch seconds. */
static char *
epoch_expression (const TableColumns *columns,
                  int field,
                  const char *quoted,
                  const char *canonical,
                  GError **error)
{
  Oid type = PQftype (columns->description, field);
  const char *slots[] = { "column", quoted, NULL };

  if (type == OID_TIMESTAMPTZ)
    return fill_slots ("epoch_timestamptz", slots);
  if (type == OID_TIMESTAMP)
    return fill_slots ("epoch_timestamp", slots);
  if (is_number_type (type))
    return fill_slots ("epoch_number", slots);
  wrong_type (columns, field, canonical,
              _ ("a timestamp, a timestamp with time zone, or seconds since 1970"), error);
  return NULL;
}

/* What the queries' slots hold for one table. */
typedef struct
{
  char *table;
  char *text[MAX ((int)N_EVENT_COLUMNS, (int)N_COST_COLUMNS)];
  char *time;
  char *day;
} Slots;

static void
slots_clear (Slots *slots)
{
  g_free (slots->table);
  for (guint i = 0; i < G_N_ELEMENTS (slots->text); i++)
    g_free (slots->text[i]);
  g_free (slots->time);
  g_free (slots->day);
}

/* @field's column cast to text, or NULL text when the table lacks it */
static char *
text_or_null (Session *session, const TableColumns *columns, int field)
{
  g_autofree char *quoted = NULL;

  if (field < 0)
    return g_strdup ("NULL::text");
  quoted = escape_identifier (session, PQfname (columns->description, field));
  return g_strdup_printf ("(%s)::text", quoted);
}

static char *
quoted_field (Session *session, const TableColumns *columns, int field)
{
  return escape_identifier (session, PQfname (columns->description, field));
}

static gboolean
event_slots (Session *session,
             const TableColumns *columns,
             const char *quoted_table,
             const int *fields,
             Slots *slots,
             GError **error)
{
  g_autofree char *time = quoted_field (session, columns, fields[EVENT_TIMESTAMP]);

  slots->table = g_strdup (quoted_table);
  slots->time = epoch_expression (columns, fields[EVENT_TIMESTAMP], time, "timestamp", error);
  if (slots->time == NULL)
    return FALSE;
  slots->text[EVENT_VISITOR] = text_or_null (session, columns, fields[EVENT_VISITOR]);
  slots->text[EVENT_TYPE] = text_or_null (session, columns, fields[EVENT_TYPE]);
  slots->text[EVENT_CHANNEL] = text_or_null (session, columns, fields[EVENT_CHANNEL]);
  slots->text[EVENT_CAMPAIGN] = text_or_null (session, columns, fields[EVENT_CAMPAIGN]);
  slots->text[EVENT_EVENT] = text_or_null (session, columns, fields[EVENT_EVENT]);
  if (fields[EVENT_VALUE] < 0)
    slots->text[EVENT_VALUE] = g_strdup ("NULL::float8");
  else if (!is_number_type (PQftype (columns->description, fields[EVENT_VALUE])))
    return wrong_type (columns, fields[EVENT_VALUE], "value", _ ("a number"), error);
  else
    {
      g_autofree char *quoted = quoted_field (session, columns, fields[EVENT_VALUE]);

      slots->text[EVENT_VALUE] = g_strdup_printf ("(%s)::float8", quoted);
    }
  slots->text[EVENT_ORDER] = fields[EVENT_ORDER] < 0
                                 ? g_strdup ("NULL::bigint")
                                 : quoted_field (session, columns, fields[EVENT_ORDER]);
  return TRUE;
}

static char *
fill_event_query (const char *name, const Slots *slots)
{
  const char *const values[] = {
    "table",    slots->table,
    "visitor",  slots->text[EVENT_VISITOR],
    "time",     slots->time,
    "order",    slots->text[EVENT_ORDER],
    "type",     slots->text[EVENT_TYPE],
    "channel",  slots->text[EVENT_CHANNEL],
    "campaign", slots->text[EVENT_CAMPAIGN],
    "value",    slots->text[EVENT_VALUE],
    "event",    slots->text[EVENT_EVENT],
    NULL,
  };

  return fill_slots (name, values);
}

static gboolean
cost_slots (Session *session,
            const TableColumns *columns,
            const char *quoted_table,
            const int *fields,
            Slots *slots,
            GError **error)
{
  Oid date_type = PQftype (columns->description, fields[COST_DATE]);
  g_autofree char *date = quoted_field (session, columns, fields[COST_DATE]);

  slots->table = g_strdup (quoted_table);
  if (date_type == OID_DATE)
    {
      const char *date_slots[] = { "column", date, NULL };

      slots->day = fill_slots ("day_date", date_slots);
    }
  else
    {
      g_autofree char *epoch = NULL;
      const char *epoch_slots[] = { "column", NULL, NULL };

      epoch = epoch_expression (columns, fields[COST_DATE], date, "date", error);
      if (epoch == NULL)
        return FALSE;
      epoch_slots[1] = epoch;
      slots->day = fill_slots ("day_of_epoch", epoch_slots);
    }
  if (!is_number_type (PQftype (columns->description, fields[COST_AMOUNT])))
    return wrong_type (columns, fields[COST_AMOUNT], "amount", _ ("a number"), error);
  slots->text[COST_AMOUNT] = quoted_field (session, columns, fields[COST_AMOUNT]);
  slots->text[COST_CHANNEL] = quoted_field (session, columns, fields[COST_CHANNEL]);
  slots->text[COST_CAMPAIGN] = text_or_null (session, columns, fields[COST_CAMPAIGN]);
  slots->text[COST_CATEGORY] = text_or_null (session, columns, fields[COST_CATEGORY]);
  return TRUE;
}

/* The connection string without its secrets (the options libpq itself
 * hides, its "*" display class: password, sslpassword): what the project
 * keeps and shows, in libpq's keyword = 'value' form. A bare word is a
 * database name, as psql reads it. */
static char *
connection_without_secrets (const char *connection, GError **error)
{
  g_autofree char *as_dbname = NULL;
  char *parse_error = NULL;
  PQconninfoOption *options;
  GString *kept;

  if (strchr (connection, '=') == NULL && !g_str_has_prefix (connection, "postgresql://")
      && !g_str_has_prefix (connection, "postgres://"))
    {
      GString *quoted = g_string_new ("dbname='");

      for (const char *c = connection; *c != '\0'; c++)
        {
          if (*c == '\'' || *c == '\\')
            g_string_append_c (quoted, '\\');
          g_string_append_c (quoted, *c);
        }
      g_string_append_c (quoted, '\'');
      as_dbname = g_string_free (quoted, FALSE);
      connection = as_dbname;
    }
  options = PQconninfoParse (connection, &parse_error);
  if (options == NULL)
    {
      g_autofree char *message = server_message (parse_error);

      PQfreemem (parse_error);
      g_set_error (error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_CONNECTION,
                   _ ("The connection string cannot be read: %s"), message);
      return NULL;
    }
  kept = g_string_new (NULL);
  for (PQconninfoOption *option = options; option->keyword != NULL; option++)
    {
      if (option->val == NULL || option->dispchar[0] == '*')
        continue;
      g_string_append_printf (kept, "%s%s='", kept->len > 0 ? " " : "", option->keyword);
      for (const char *c = option->val; *c != '\0'; c++)
        {
          if (*c == '\'' || *c == '\\')
            g_string_append_c (kept, '\\');
          g_string_append_c (kept, *c);
        }
      g_string_append_c (kept, '\'');
    }
  PQconninfoFree (options);
  return g_string_free (kept, FALSE);
}

static gboolean
check_path_options (const RdmPathOptions *path, GError **error)
{
  if (!(path->click_window_days >= 0 && isfinite (path->click_window_days))
      || !(path->view_window_days >= 0 && isfinite (path->view_window_days)))
    {
      g_set_error (error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_OPTIONS,
                   _ ("The click and view windows must be zero or more days (got %g and %g)"),
                   path->click_window_days, path->view_window_days);
      return FALSE;
    }
  if (path->from_time >= path->to_time)
    {
      g_set_error_literal (
          error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_OPTIONS,
          _ ("The evaluation period is empty: its start must come before its end"));
      return FALSE;
    }
  if (path->level != RDM_LEVEL_CHANNEL || path->direction != RDM_DIRECTION_BACKWARD
      || path->segment != NULL)
    {
      g_set_error_literal (error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_OPTIONS,
                           _ ("The warehouse builds backward journeys of channels for every "
                              "visitor: the level, direction and segment apply afterwards"));
      return FALSE;
    }
  return TRUE;
}

gboolean
rdm_warehouse_test_connection (const char *connection,
                               const char *password,
                               char **description,
                               GCancellable *cancellable,
                               GError **error)
{
  Session session;
  int version;

  g_return_val_if_fail (connection != NULL, FALSE);

  if (!session_open (&session, connection, password, cancellable, error))
    return FALSE;
  version = PQserverVersion (session.conn);
  if (description != NULL)
    {
      /* 150018 is 15.18; before 10, 90624 was 9.6.24 */
      g_autofree char *number
          = version >= 100000
                ? g_strdup_printf ("%d.%d", version / 10000, version % 10000)
                : g_strdup_printf ("%d.%d.%d", version / 10000, version / 100 % 100, version % 100);

      /* Translators: "PostgreSQL 15.18, database shop as analyst" */
      *description = g_strdup_printf (_ ("PostgreSQL %s, database %s as %s"), number,
                                      PQdb (session.conn), PQuser (session.conn));
    }
  session_close (&session);
  return TRUE;
}

/* What the warehouse sent, held until the project is written, so that the
 * project is not locked for the length of the remote queries: the path
 * table in a temporary file (its rows grow with the distinct journeys,
 * and this process's memory must not), the days of outcomes and the costs
 * in memory (a row a day; a row a day, channel and campaign). */
typedef struct
{
  char *path;
  char *kinds;
  gint64 day; /* G_MININT64: none */
  double conversions;
  double value;
  double nulls;
} PathRow;

static void
path_row_clear (PathRow *row)
{
  g_clear_pointer (&row->path, g_free);
  g_clear_pointer (&row->kinds, g_free);
}

typedef struct
{
  gint64 day;
  double conversions;
  double value;
} OutcomeRow;

typedef struct
{
  gint64 day;
  const char *channel; /* NULL for a shared cost */
  const char *campaign;
  const char *category;
  double amount;
} CostRow;

/* The import under way. */
typedef struct
{
  RdmProject *project;
  Session session;
  RdmWarehouseReport *report;
  const RdmWarehouseOptions *options;
  GStringChunk *texts;
  /* the path rows, as written by spill_path_row () */
  GFile *spill;
  GFileIOStream *spill_stream;
  GDataOutputStream *spill_out;
  guint64 n_paths;
  GArray *outcomes; /* OutcomeRow */
  GArray *costs;    /* CostRow */
  char *events_mapping;
  char *costs_mapping;
  GHashTable *channels; /* name -> channel id (gint64 *) */
  RdmImportProgressFunc progress;
  gpointer progress_data;
} Import;

/* Runs an INSERT or UPDATE and resets it; @what says what failed. */
static gboolean
step_done (RdmProject *project, sqlite3_stmt *stmt, const char *what, GError **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, what);
  return TRUE;
}

static void
say_progress (Import *import, double fraction)
{
  if (import->progress != NULL)
    import->progress (fraction, import->progress_data);
}

static gboolean
channel_of (Import *import, const char *name, gint64 *id, GError **error)
{
  gint64 *known = g_hash_table_lookup (import->channels, name);

  if (known != NULL)
    {
      *id = *known;
      return TRUE;
    }
  *id = rdm_project_ensure_channel (import->project, name, error);
  if (*id < 0)
    return FALSE;
  g_hash_table_insert (import->channels, g_strdup (name), g_memdup2 (id, sizeof *id));
  return TRUE;
}

static gboolean
bad_result (const char *what, GError **error)
{
  g_set_error (error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_QUERY,
               _ ("The database returned %s that Rendement cannot read"), what);
  return FALSE;
}

static gboolean
read_double (const PGresult *row, int field, gboolean non_negative, double *value)
{
  char *end;

  if (PQgetisnull (row, 0, field))
    return FALSE;
  *value = g_ascii_strtod (PQgetvalue (row, 0, field), &end);
  return *end == '\0' && isfinite (*value) && (!non_negative || *value >= 0);
}

static gboolean
read_day (const PGresult *row, int field, gint64 *day)
{
  char *end;

  *day = g_ascii_strtoll (PQgetvalue (row, 0, field), &end, 10);
  return *end == '\0' && !PQgetisnull (row, 0, field);
}

static gboolean
day_out_of_range (const char *table, GError **error)
{
  g_set_error (error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_BAD_ROW,
               _ ("The table “%s” has a day Rendement cannot hold (before 1970 or after 2199)"),
               table);
  return FALSE;
}

/* Progress while rows arrive, whose number is not known beforehand: it
 * moves from @from towards @to, half way at @half rows. */
static void
say_rows (Import *import, guint64 rows, double from, double to, double half)
{
  if (rows % 4096 == 0)
    say_progress (import, from + (to - from) * (double)rows / ((double)rows + half));
}

/* A path row in the spill file: the path's and the kinds' lengths and
 * bytes, then the day and the three numbers, in the stream's byte order. */
static gboolean
spill_path_row (
    GDataOutputStream *out, const char *path, const char *kinds, const PathRow *row, GError **error)
{
  guint32 path_length = (guint32)strlen (path);
  guint32 kinds_length = (guint32)strlen (kinds);
  union
  {
    double number;
    guint64 bits;
  } numbers[3] = { { row->conversions }, { row->value }, { row->nulls } };

  if (!g_data_output_stream_put_uint32 (out, path_length, NULL, error)
      || !g_output_stream_write_all (G_OUTPUT_STREAM (out), path, path_length, NULL, NULL, error)
      || !g_data_output_stream_put_uint32 (out, kinds_length, NULL, error)
      || !g_output_stream_write_all (G_OUTPUT_STREAM (out), kinds, kinds_length, NULL, NULL, error)
      || !g_data_output_stream_put_int64 (out, row->day, NULL, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    if (!g_data_output_stream_put_uint64 (out, numbers[i].bits, NULL, error))
      return FALSE;
  return TRUE;
}

static char *
read_spilled_text (GDataInputStream *in, GError **error)
{
  GError *read_error = NULL;
  guint32 length = g_data_input_stream_read_uint32 (in, NULL, &read_error);
  char *text;

  if (read_error != NULL)
    {
      g_propagate_error (error, read_error);
      return NULL;
    }
  text = g_malloc (length + 1);
  if (!g_input_stream_read_all (G_INPUT_STREAM (in), text, length, NULL, NULL, error))
    {
      g_free (text);
      return NULL;
    }
  text[length] = '\0';
  return text;
}

/* The next row of the spill file into @row (cleared first). */
static gboolean
read_spilled_row (GDataInputStream *in, PathRow *row, GError **error)
{
  GError *read_error = NULL;
  union
  {
    double number;
    guint64 bits;
  } numbers[3];

  path_row_clear (row);
  if ((row->path = read_spilled_text (in, error)) == NULL
      || (row->kinds = read_spilled_text (in, error)) == NULL)
    return FALSE;
  row->day = g_data_input_stream_read_int64 (in, NULL, &read_error);
  for (guint i = 0; i < G_N_ELEMENTS (numbers) && read_error == NULL; i++)
    numbers[i].bits = g_data_input_stream_read_uint64 (in, NULL, &read_error);
  if (read_error != NULL)
    {
      g_propagate_error (error, read_error);
      return FALSE;
    }
  row->conversions = numbers[0].number;
  row->value = numbers[1].number;
  row->nulls = numbers[2].number;
  return TRUE;
}

static gboolean
collect_path_row (const PGresult *row, gpointer user_data, GError **error)
{
  Import *import = user_data;
  const char *path = PQgetvalue (row, 0, 0);
  const char *kinds = PQgetvalue (row, 0, 1);
  guint steps = 1;
  PathRow collected = { .day = G_MININT64 };

  for (const char *p = strstr (path, " > "); p != NULL; p = strstr (p + 3, " > "))
    steps++;
  if (steps != strlen (kinds) || strspn (kinds, "cv") != steps
      || !read_double (row, 3, TRUE, &collected.conversions)
      || !read_double (row, 4, FALSE, &collected.value)
      || !read_double (row, 5, TRUE, &collected.nulls)
      || (!PQgetisnull (row, 0, 2) && !read_day (row, 2, &collected.day)))
    return bad_result (_ ("a path row"), error);
  if (!PQgetisnull (row, 0, 2) && !rdm_project_time_is_valid (collected.day))
    return day_out_of_range (import->options->table, error);
  if (!spill_path_row (import->spill_out, path, kinds, &collected, error))
    return FALSE;
  import->n_paths++;
  say_rows (import, import->n_paths, 0.2, 0.8, 100000);
  return TRUE;
}

static gboolean
collect_outcome (const PGresult *row, gpointer user_data, GError **error)
{
  Import *import = user_data;
  OutcomeRow collected;

  if (!read_day (row, 0, &collected.day) || !read_double (row, 1, TRUE, &collected.conversions)
      || !read_double (row, 2, FALSE, &collected.value))
    return bad_result (_ ("a day of outcomes"), error);
  if (!rdm_project_time_is_valid (collected.day))
    return day_out_of_range (import->options->table, error);
  g_array_append_val (import->outcomes, collected);
  return TRUE;
}

/* A cost is read by the rules of the CSV costs importer: shared costs,
 * French category words, no negative amount. */
static gboolean
collect_cost (const PGresult *row, gpointer user_data, GError **error)
{
  Import *import = user_data;
  const char *table = import->options->costs_table;
  g_autofree char *channel = g_strstrip (g_strdup (PQgetvalue (row, 0, 1)));
  g_autofree char *campaign = g_strstrip (g_strdup (PQgetvalue (row, 0, 2)));
  g_autofree char *category_text = g_strstrip (g_strdup (PQgetvalue (row, 0, 3)));
  const char *category = rdm_import_cost_category (category_text);
  CostRow collected = { 0 };

  if (!read_day (row, 0, &collected.day))
    {
      g_set_error (error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_BAD_ROW,
                   _ ("The table “%s” has a row without a date (channel “%s”)"), table, channel);
      return FALSE;
    }
  if (!rdm_project_time_is_valid (collected.day))
    return day_out_of_range (table, error);
  if (category == NULL)
    {
      g_set_error (error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_BAD_ROW,
                   _ ("The table “%s” has a row of “%s” whose category is “%s”: expected media, "
                      "content, staff, tools, training, compliance or other"),
                   table, channel, category_text);
      return FALSE;
    }
  if (!read_double (row, 4, TRUE, &collected.amount)
      || !rdm_project_amount_is_valid (collected.amount))
    {
      g_set_error (error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_BAD_ROW,
                   _ ("The table “%s” has a row of “%s” whose amount is not a usable number of "
                      "zero or more (“%s”)"),
                   table, channel, PQgetvalue (row, 0, 4));
      return FALSE;
    }
  if (rdm_import_cost_is_shared (channel) && *campaign != '\0')
    {
      g_set_error (error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_BAD_ROW,
                   _ ("The table “%s” has a shared cost with the campaign “%s”: a campaign "
                      "belongs to one channel; name the channel, or leave the campaign empty"),
                   table, campaign);
      return FALSE;
    }
  if (!rdm_import_cost_is_shared (channel))
    collected.channel = g_string_chunk_insert_const (import->texts, channel);
  collected.campaign = g_string_chunk_insert_const (import->texts, campaign);
  collected.category = category;
  g_array_append_val (import->costs, collected);
  return TRUE;
}

/* Refuses, naming it, the first row the path rules cannot take. */
static gboolean
check_rows_of (Session *session,
               const char *table,
               const Slots *slots,
               const Parameters *parameters,
               GError **error)
{
  g_autofree char *sql = fill_event_query ("check", slots);
  g_autofree char *what = g_strdup_printf (_ ("Checking the rows of “%s”"), table);
  PGresult *result = session_exec (session, sql, parameters, what, error);
  g_autofree char *where = NULL;
  const char *problem;

  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 0)
    {
      PQclear (result);
      return TRUE;
    }
  if (!PQgetisnull (result, 0, 0))
    /* Translators: the table, then the value of its order column */
    where = g_strdup_printf (_ ("the row of “%s” whose order is %s"), table,
                             PQgetvalue (result, 0, 0));
  else
    /* Translators: the table, the visitor and the time (epoch seconds) */
    where = g_strdup_printf (_ ("a row of “%s” (visitor “%s”, time %s)"), table,
                             PQgetvalue (result, 0, 1), PQgetvalue (result, 0, 2));
  problem = PQgetvalue (result, 0, 3);
  if (g_str_equal (problem, "visitor"))
    g_set_error (error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_BAD_ROW,
                 _ ("In %s: expected a visitor id"), where);
  else if (g_str_equal (problem, "time"))
    g_set_error (error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_BAD_ROW,
                 _ ("In %s: expected a time"), where);
  else if (g_str_equal (problem, "type"))
    g_set_error (error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_BAD_ROW,
                 _ ("In %s: expected the type impression, click, visit or conversion, got “%s”"),
                 where, PQgetvalue (result, 0, 4));
  else
    g_set_error (error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_BAD_ROW,
                 _ ("In %s: expected a channel name without “>”, got “%s”"), where,
                 PQgetvalue (result, 0, 5));
  PQclear (result);
  return FALSE;
}

static char *
mapping_json (const TableColumns *columns, const char *const *canonical, const int *fields)
{
  g_autoptr (cJSON) object = cJSON_CreateObject ();
  char *printed;
  char *text;

  for (guint c = 0; canonical[c] != NULL; c++)
    if (fields[c] >= 0)
      cJSON_AddStringToObject (object, canonical[c], PQfname (columns->description, fields[c]));
  printed = cJSON_PrintUnformatted (object);
  text = g_strdup (printed);
  cJSON_free (printed);
  return text;
}

static char *
events_json (char **events)
{
  g_autoptr (cJSON) array = NULL;
  char *printed;
  char *text;

  if (events == NULL)
    return NULL;
  array = cJSON_CreateArray ();
  for (guint i = 0; events[i] != NULL; i++)
    cJSON_AddItemToArray (array, cJSON_CreateString (events[i]));
  printed = cJSON_PrintUnformatted (array);
  text = g_strdup (printed);
  cJSON_free (printed);
  return text;
}

/* The import log's line and the settings' row, replacing the earlier
 * imports of the same table. */
/* Refuses a project whose analyses would not read the warehouse's path
 * table (they read an event log first), or would add it to another one (a
 * path table imported from a file): two tables built by different rules
 * counted together would be wrong without a word. */
static gboolean
check_project_accepts (RdmProject *project, GError **error)
{
  sqlite3_stmt *stmt = rdm_project_prepare (
      project,
      "SELECT EXISTS (SELECT 1 FROM touchpoint) OR EXISTS (SELECT 1 FROM conversion),"
      " (SELECT min (import_id) FROM path_row WHERE import_id IS NULL OR import_id NOT IN"
      "  (SELECT import_id FROM warehouse_source))",
      error);
  gboolean has_events;
  gboolean has_file_table;
  gint64 file_table;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return rdm_project_set_sql_error (project, error, _ ("Reading the project"));
    }
  has_events = sqlite3_column_int (stmt, 0) != 0;
  has_file_table = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
  file_table = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  if (has_events)
    {
      g_set_error_literal (
          error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_PROJECT,
          _ ("This project holds an event log, which its analyses read before any path table: "
             "import the database’s journeys into a new project, or bring the events "
             "themselves (--pull events)"));
      return FALSE;
    }
  if (has_file_table)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, file_table);

      g_set_error (error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_PROJECT,
                   /* Translators: %s is an import's number */
                   _ ("This project holds a path table imported from a file (import %s), which "
                      "would be counted with the database’s: remove it first (rendement-cli "
                      "import remove), or use a new project"),
                   number);
      return FALSE;
    }
  return TRUE;
}

/* The import log's line and the settings' row; the earlier warehouse
 * imports go, whatever their table, since a project holds one path table
 * built by one set of rules. The new line is written first so that its
 * number is not the one of the import it replaces. */
static gboolean
write_source (Import *import, const char *connection, GError **error)
{
  const RdmWarehouseOptions *options = import->options;
  const RdmPathOptions *path = options->path;
  g_autofree char *events = events_json (path->events);
  g_autofree char *checksum = NULL;
  g_autofree char *identity = NULL;
  g_autoptr (GArray) earlier = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gint64 now = g_get_real_time ();
  int rc;

  stmt = rdm_project_prepare (import->project,
                              "SELECT import_id FROM warehouse_source ORDER BY import_id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (earlier, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (import->project, error, _ ("Reading the warehouse settings"));

  /* no file to digest: the checksum tells imports apart by what and when */
  identity = g_strdup_printf ("%s\n%s\n%" G_GINT64_FORMAT, connection, options->table, now);
  checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, identity, -1);
  stmt = rdm_project_prepare (import->project,
                              "INSERT INTO import_log (file_name, checksum, kind, preset,"
                              " imported_at, rows, rejects, period_start, period_end)"
                              " VALUES (?1, ?2, 'paths', 'postgresql', ?3, ?4, 0, ?5, ?6)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, import->report->source, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, checksum, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, now / G_USEC_PER_SEC);
  sqlite3_bind_int64 (stmt, 4,
                      (gint64)(import->n_paths + import->outcomes->len + import->costs->len));
  if (path->from_time > G_MININT64)
    sqlite3_bind_int64 (stmt, 5, path->from_time - path->from_time % 86400);
  else
    sqlite3_bind_null (stmt, 5);
  /* the last day the period covers, as GA4's "# End date" */
  if (path->to_time < G_MAXINT64)
    sqlite3_bind_int64 (stmt, 6, (path->to_time - 1) - (path->to_time - 1) % 86400);
  else
    sqlite3_bind_null (stmt, 6);
  if (!step_done (import->project, stmt, _ ("Writing the import log"), error))
    return FALSE;
  import->report->import_id = sqlite3_last_insert_rowid (rdm_project_get_db (import->project));
  for (guint i = 0; i < earlier->len; i++)
    if (!_rdm_project_remove_import_rows (import->project, g_array_index (earlier, gint64, i),
                                          error))
      return FALSE;
  if (earlier->len > 0)
    import->report->replaced_import_id = g_array_index (earlier, gint64, earlier->len - 1);

  stmt = rdm_project_prepare (
      import->project,
      "INSERT INTO warehouse_source (import_id, connection, events_table, events_mapping,"
      " costs_table, costs_mapping, click_window_days, view_window_days, restart, from_time,"
      " to_time, events) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, import->report->import_id);
  sqlite3_bind_text (stmt, 2, connection, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, options->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, import->events_mapping, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, options->costs_table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, import->costs_mapping, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 7, path->click_window_days);
  sqlite3_bind_double (stmt, 8, path->view_window_days);
  sqlite3_bind_int (stmt, 9, path->restart_after_conversion);
  if (path->from_time > G_MININT64)
    sqlite3_bind_int64 (stmt, 10, path->from_time);
  else
    sqlite3_bind_null (stmt, 10);
  if (path->to_time < G_MAXINT64)
    sqlite3_bind_int64 (stmt, 11, path->to_time);
  else
    sqlite3_bind_null (stmt, 11);
  sqlite3_bind_text (stmt, 12, events, -1, SQLITE_STATIC);
  return step_done (import->project, stmt, _ ("Writing the warehouse settings"), error);
}

static gboolean
write_path_rows (Import *import, GError **error)
{
  RdmWarehouseReport *report = import->report;
  g_autoptr (GFileInputStream) file_in = g_file_read (import->spill, NULL, error);
  g_autoptr (GDataInputStream) in = NULL;
  PathRow spilled = { 0 };
  gboolean ok = FALSE;

  if (file_in == NULL)
    return FALSE;
  in = g_data_input_stream_new (G_INPUT_STREAM (file_in));
  g_buffered_input_stream_set_buffer_size (G_BUFFERED_INPUT_STREAM (in), 1 << 16);
  for (guint64 r = 0; r < import->n_paths; r++)
    {
      const PathRow *row = &spilled;
      g_auto (GStrv) steps = NULL;
      sqlite3_stmt *stmt;

      if (!read_spilled_row (in, &spilled, error))
        goto out;
      steps = g_strsplit (row->path, " > ", -1);

      for (guint s = 0; steps[s] != NULL; s++)
        {
          gint64 channel;

          if (!g_str_equal (steps[s], RDM_NO_TOUCH_LABEL)
              && !channel_of (import, steps[s], &channel, error))
            goto out;
        }
      stmt = rdm_project_prepare (
          import->project,
          "INSERT INTO path_row (path, conversions, value, nulls, import_id,"
          " nulls_known, touch_kinds, day) VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7)",
          error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_text (stmt, 1, row->path, -1, SQLITE_STATIC);
      sqlite3_bind_double (stmt, 2, row->conversions);
      sqlite3_bind_double (stmt, 3, row->value);
      sqlite3_bind_double (stmt, 4, row->nulls);
      sqlite3_bind_int64 (stmt, 5, report->import_id);
      sqlite3_bind_text (stmt, 6, row->kinds, -1, SQLITE_STATIC);
      if (row->day == G_MININT64)
        sqlite3_bind_null (stmt, 7);
      else
        sqlite3_bind_int64 (stmt, 7, row->day);
      if (!step_done (import->project, stmt, _ ("Writing the path table"), error))
        goto out;
      report->path_rows++;
      report->conversions += row->conversions;
      report->value += row->value;
      report->nulls += row->nulls;
    }
  ok = TRUE;

out:
  path_row_clear (&spilled);
  return ok;
}

static gboolean
write_outcomes (Import *import, GError **error)
{
  for (guint r = 0; r < import->outcomes->len; r++)
    {
      const OutcomeRow *row = &g_array_index (import->outcomes, OutcomeRow, r);
      sqlite3_stmt *stmt
          = rdm_project_prepare (import->project,
                                 "INSERT INTO outcome (day, region, conversions, value, import_id)"
                                 " VALUES (?1, '', ?2, ?3, ?4)",
                                 error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, row->day);
      sqlite3_bind_double (stmt, 2, row->conversions);
      sqlite3_bind_double (stmt, 3, row->value);
      sqlite3_bind_int64 (stmt, 4, import->report->import_id);
      if (!step_done (import->project, stmt, _ ("Writing the daily outcomes"), error))
        return FALSE;
      import->report->outcome_days++;
    }
  return TRUE;
}

static gboolean
write_costs (Import *import, GError **error)
{
  for (guint r = 0; r < import->costs->len; r++)
    {
      const CostRow *row = &g_array_index (import->costs, CostRow, r);
      gint64 channel, campaign = 0;
      sqlite3_stmt *stmt;

      if (row->channel == NULL)
        {
          stmt = rdm_project_prepare (import->project,
                                      "INSERT INTO shared_cost (day, category, amount,"
                                      " description, import_id) VALUES (?1, ?2, ?3, '', ?4)",
                                      error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, row->day);
          sqlite3_bind_text (stmt, 2, row->category, -1, SQLITE_STATIC);
          sqlite3_bind_double (stmt, 3, row->amount);
          sqlite3_bind_int64 (stmt, 4, import->report->import_id);
        }
      else
        {
          if (!channel_of (import, row->channel, &channel, error)
              || (*row->campaign != '\0'
                  && (campaign = rdm_project_ensure_campaign (import->project, channel,
                                                              row->campaign, error))
                         < 0))
            return FALSE;
          stmt = rdm_project_prepare (import->project,
                                      "INSERT INTO cost (day, channel_id, campaign_id, category,"
                                      " amount, import_id) VALUES (?1, ?2, nullif (?3, 0), ?4,"
                                      " ?5, ?6)",
                                      error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, row->day);
          sqlite3_bind_int64 (stmt, 2, channel);
          sqlite3_bind_int64 (stmt, 3, campaign);
          sqlite3_bind_text (stmt, 4, row->category, -1, SQLITE_STATIC);
          sqlite3_bind_double (stmt, 5, row->amount);
          sqlite3_bind_int64 (stmt, 6, import->report->import_id);
        }
      if (!step_done (import->project, stmt, _ ("Writing the costs"), error))
        return FALSE;
      import->report->cost_rows++;
    }
  return TRUE;
}

/* The events table's columns, which of them hold what, and the query slots
 * that read them. */
static gboolean
open_events_table (Session *session,
                   const RdmWarehouseOptions *options,
                   TableColumns *table,
                   int *fields,
                   Slots *slots,
                   GError **error)
{
  g_autofree char *quoted = escape_table (session, options->table);

  return describe_table (session, options->table, quoted, table, error)
         && map_columns (table, event_columns, event_column_required, options->mapping, fields,
                         error)
         && event_slots (session, table, quoted, fields, slots, error);
}

/* Connects and opens the read-only snapshot every query of an import
 * reads. */
static gboolean
session_begin (Session *session,
               const char *connection,
               const char *password,
               GCancellable *cancellable,
               GError **error)
{
  PGresult *result;

  if (!session_open (session, connection, password, cancellable, error))
    return FALSE;
  result = session_exec (session, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", NULL,
                         _ ("Starting a read-only transaction"), error);
  if (result == NULL)
    {
      session_close (session);
      return FALSE;
    }
  PQclear (result);
  return TRUE;
}

/* Everything that reads the warehouse, in one read-only snapshot. */
static gboolean
fetch (Import *import, GError **error)
{
  const RdmWarehouseOptions *options = import->options;
  Session *session = &import->session;
  Parameters parameters = { 0 };
  Slots events = { 0 };
  Slots costs = { 0 };
  TableColumns event_table = { 0 };
  TableColumns cost_table = { 0 };
  int event_fields[N_EVENT_COLUMNS];
  int cost_fields[N_COST_COLUMNS];
  g_autofree char *sql = NULL;
  gboolean ok = FALSE;

  parameters_init (&parameters, options->path);
  if (!open_events_table (session, options, &event_table, event_fields, &events, error))
    goto out;
  import->events_mapping = mapping_json (&event_table, event_columns, event_fields);
  if (options->costs_table != NULL)
    {
      g_autofree char *quoted_costs = escape_table (session, options->costs_table);

      if (!describe_table (session, options->costs_table, quoted_costs, &cost_table, error)
          || !map_columns (&cost_table, cost_columns, cost_column_required, options->costs_mapping,
                           cost_fields, error)
          || !cost_slots (session, &cost_table, quoted_costs, cost_fields, &costs, error))
        goto out;
      import->costs_mapping = mapping_json (&cost_table, cost_columns, cost_fields);
    }
  say_progress (import, 0.05);
  if (!check_rows_of (session, options->table, &events, &parameters, error))
    goto out;
  say_progress (import, 0.2);

  sql = fill_event_query ("paths", &events);
  if (!session_each_row (session, sql, &parameters, _ ("Building the journeys in the database"),
                         collect_path_row, import, error))
    goto out;
  say_progress (import, 0.8);
  g_free (sql);
  sql = fill_event_query ("outcomes", &events);
  if (!session_each_row (session, sql, &parameters, _ ("Counting the daily outcomes"),
                         collect_outcome, import, error))
    goto out;
  say_progress (import, 0.85);
  if (options->costs_table != NULL)
    {
      const char *const values[] = {
        "table",    costs.table,
        "day",      costs.day,
        "channel",  costs.text[COST_CHANNEL],
        "campaign", costs.text[COST_CAMPAIGN],
        "category", costs.text[COST_CATEGORY],
        "amount",   costs.text[COST_AMOUNT],
        NULL,
      };

      g_free (sql);
      sql = fill_slots ("costs", values);
      if (!session_each_row (session, sql, &parameters, _ ("Reading the costs"), collect_cost,
                             import, error))
        goto out;
    }
  say_progress (import, 0.9);
  ok = TRUE;

out:
  parameters_clear (&parameters);
  slots_clear (&events);
  slots_clear (&costs);
  g_clear_pointer (&event_table.description, PQclear);
  g_clear_pointer (&cost_table.description, PQclear);
  return ok;
}

static gboolean
open_spill (Import *import, GError **error)
{
  g_autoptr (GOutputStream) buffered = NULL;

  import->spill = g_file_new_tmp ("rendement-paths-XXXXXX", &import->spill_stream, error);
  if (import->spill == NULL)
    return FALSE;
  buffered = g_buffered_output_stream_new_sized (
      g_io_stream_get_output_stream (G_IO_STREAM (import->spill_stream)), 1 << 16);
  import->spill_out = g_data_output_stream_new (buffered);
  return TRUE;
}

/* Writes what came back, in one transaction, with a small page cache:
 * each page is written once, and the connection's large one (sized for
 * file imports) would keep as many pages as the path table has, up to
 * 64 MiB, making this process's memory grow with the table. */
static gboolean
write_all (Import *import, const char *connection, GError **error)
{
  gint64 cache_size;
  gboolean ok;

  if (!g_output_stream_close (G_OUTPUT_STREAM (import->spill_out), NULL, error)
      || g_cancellable_set_error_if_cancelled (import->session.cancellable, error)
      || !rdm_project_begin (import->project, error))
    return FALSE;
  cache_size = _rdm_project_swap_cache_size (import->project, -2048);
  ok = check_project_accepts (import->project, error) && write_source (import, connection, error)
       && write_path_rows (import, error) && write_outcomes (import, error)
       && write_costs (import, error)
       && !g_cancellable_set_error_if_cancelled (import->session.cancellable, error)
       && rdm_project_commit (import->project, error);
  if (!ok)
    rdm_project_rollback (import->project);
  if (cache_size != 0)
    _rdm_project_swap_cache_size (import->project, cache_size);
  if (ok)
    say_progress (import, 1);
  return ok;
}

static void
import_clear (Import *import)
{
  g_clear_pointer (&import->texts, g_string_chunk_free);
  if (import->spill_out != NULL)
    g_output_stream_close (G_OUTPUT_STREAM (import->spill_out), NULL, NULL);
  g_clear_object (&import->spill_out);
  g_clear_object (&import->spill_stream);
  if (import->spill != NULL)
    g_file_delete (import->spill, NULL, NULL);
  g_clear_object (&import->spill);
  g_clear_pointer (&import->outcomes, g_array_unref);
  g_clear_pointer (&import->costs, g_array_unref);
  g_clear_pointer (&import->channels, g_hash_table_unref);
  g_clear_pointer (&import->events_mapping, g_free);
  g_clear_pointer (&import->costs_mapping, g_free);
}

gboolean
rdm_warehouse_import (RdmProject *project,
                      const RdmWarehouseOptions *options,
                      GCancellable *cancellable,
                      RdmImportProgressFunc progress,
                      gpointer progress_data,
                      RdmWarehouseReport **out_report,
                      GError **error)
{
  g_autoptr (RdmWarehouseReport) report = g_new0 (RdmWarehouseReport, 1);
  g_autofree char *connection = NULL;
  Import import;
  gboolean ok;

  g_return_val_if_fail (RDM_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (options != NULL && options->connection != NULL && options->table != NULL
                            && options->path != NULL,
                        FALSE);

  if (!check_path_options (options->path, error) || !check_project_accepts (project, error))
    return FALSE;
  connection = connection_without_secrets (options->connection, error);
  if (connection == NULL)
    return FALSE;
  report->source = g_strdup_printf ("%s (%s)", options->table, connection);
  import = (Import){
    .project = project,
    .report = report,
    .options = options,
    .texts = g_string_chunk_new (1 << 16),
    .outcomes = g_array_new (FALSE, FALSE, sizeof (OutcomeRow)),
    .costs = g_array_new (FALSE, FALSE, sizeof (CostRow)),
    .channels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
    .progress = progress,
    .progress_data = progress_data,
  };
  ok = open_spill (&import, error)
       && session_begin (&import.session, options->connection, options->password, cancellable,
                         error);
  if (ok)
    {
      ok = fetch (&import, error);
      /* the write needs the cancellable, which the session holds */
      ok = ok && write_all (&import, connection, error);
      /* closing the connection ends the read-only transaction */
      session_close (&import.session);
    }
  import_clear (&import);
  if (ok && out_report != NULL)
    *out_report = g_steal_pointer (&report);
  return ok;
}

/* The binary COPY stream of "pull_events" (PostgreSQL's "Binary Format"
 * of COPY: a signature, flags and a header extension, then per row a
 * 16-bit field count, -1 at the end, and per field a 32-bit length, -1 for
 * NULL, then its bytes; integers in network order), written out as the
 * canonical event log's CSV. */
typedef struct
{
  GOutputStream *out;
  GString *line;
  gboolean header_read;
  gboolean finished;
  guint64 rows;
} Pull;

static const char copy_signature[] = "PGCOPY\n\377\r\n";

static guint32
read_u32 (const guint8 *p)
{
  return ((guint32)p[0] << 24) | ((guint32)p[1] << 16) | ((guint32)p[2] << 8) | p[3];
}

static guint64
read_u64 (const guint8 *p)
{
  return ((guint64)read_u32 (p) << 32) | read_u32 (p + 4);
}

/* RFC 4180: every text field quoted, quotes doubled */
static void
append_csv_text (GString *line, const guint8 *bytes, gint32 length)
{
  g_string_append_c (line, '"');
  for (gint32 i = 0; i < length; i++)
    {
      if (bytes[i] == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, (char)bytes[i]);
    }
  g_string_append_c (line, '"');
}

static gboolean
bad_stream (GError **error)
{
  g_set_error_literal (error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_QUERY,
                       _ ("The database sent events Rendement cannot read"));
  return FALSE;
}

/* The fields of pull_events: visitor, t (int8), type, channel, campaign,
 * value (float8), event. */
#define PULL_FIELDS 7

static gboolean
pull_row (Pull *pull, const guint8 *p, const guint8 *end, const guint8 **next, GError **error)
{
  gint16 n_fields;

  if (end - p < 2)
    return bad_stream (error);
  n_fields = (gint16)(((guint16)p[0] << 8) | p[1]);
  p += 2;
  if (n_fields == -1)
    {
      pull->finished = TRUE;
      *next = p;
      return TRUE;
    }
  if (n_fields != PULL_FIELDS)
    return bad_stream (error);
  g_string_truncate (pull->line, 0);
  for (int f = 0; f < PULL_FIELDS; f++)
    {
      gint32 length;

      if (end - p < 4)
        return bad_stream (error);
      length = (gint32)read_u32 (p);
      p += 4;
      if (length > end - p || length < -1)
        return bad_stream (error);
      if (f > 0)
        g_string_append_c (pull->line, ',');
      if (length == -1)
        continue;
      if (f == 1 || f == 5)
        {
          guint64 bits;

          if (length != 8)
            return bad_stream (error);
          bits = read_u64 (p);
          if (f == 1)
            g_string_append_printf (pull->line, "%" G_GINT64_FORMAT, (gint64)bits);
          else
            {
              char number[G_ASCII_DTOSTR_BUF_SIZE];
              double value;

              memcpy (&value, &bits, sizeof value);
              g_string_append (pull->line, g_ascii_dtostr (number, sizeof number, value));
            }
        }
      else
        append_csv_text (pull->line, p, length);
      p += length;
    }
  g_string_append_c (pull->line, '\n');
  *next = p;
  pull->rows++;
  return TRUE;
}

static gboolean
pull_chunk (Pull *pull, const char *data, int size, GError **error)
{
  const guint8 *p = (const guint8 *)data;
  const guint8 *end = p + size;

  if (!pull->header_read)
    {
      guint32 extension;

      if (size < 19 || memcmp (p, copy_signature, 11) != 0)
        return bad_stream (error);
      extension = read_u32 (p + 15);
      if (extension > (guint32)(size - 19))
        return bad_stream (error);
      p += 19 + extension;
      pull->header_read = TRUE;
    }
  while (p < end)
    {
      if (pull->finished || !pull_row (pull, p, end, &p, error))
        return pull->finished ? bad_stream (error) : FALSE;
      if (!pull->finished
          && !g_output_stream_write_all (pull->out, pull->line->str, pull->line->len, NULL, NULL,
                                         error))
        return FALSE;
    }
  return TRUE;
}

/* Runs the COPY and writes its rows to @out. */
static gboolean
pull_copy (Session *session, const char *sql, Pull *pull, GError **error)
{
  PGresult *result;
  char *buffer = NULL;
  int size;
  gboolean ok = TRUE;

  if (g_cancellable_set_error_if_cancelled (session->cancellable, error))
    return FALSE;
  result = PQexec (session->conn, sql);
  if (PQresultStatus (result) != PGRES_COPY_OUT)
    {
      set_query_error (session, result, _ ("Reading the events"), error);
      PQclear (result);
      return FALSE;
    }
  PQclear (result);
  while ((size = PQgetCopyData (session->conn, &buffer, 0)) > 0)
    {
      if (ok)
        ok = pull_chunk (pull, buffer, size, error)
             && !g_cancellable_set_error_if_cancelled (session->cancellable, error);
      PQfreemem (buffer);
      if (!ok)
        send_cancel (session);
    }
  while ((result = PQgetResult (session->conn)) != NULL)
    {
      if (ok && PQresultStatus (result) != PGRES_COMMAND_OK)
        ok = set_query_error (session, result, _ ("Reading the events"), error);
      PQclear (result);
    }
  if (ok && !pull->finished)
    return bad_stream (error);
  return ok;
}

/* Writes the events of the period and sample to @csv_path. */
static gboolean
pull_to_file (Session *session,
              const RdmWarehouseOptions *options,
              double sample,
              const char *csv_path,
              guint64 *rows,
              GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (csv_path);
  g_autoptr (GFileOutputStream) file_stream = NULL;
  g_autoptr (GOutputStream) out = NULL;
  g_autoptr (GString) line = g_string_new (NULL);
  char sample_text[G_ASCII_DTOSTR_BUF_SIZE];
  Parameters parameters = { 0 };
  Slots events = { 0 };
  TableColumns table = { 0 };
  int fields[N_EVENT_COLUMNS];
  g_autofree char *sql = NULL;
  PGresult *result;
  Pull pull = { 0 };
  gboolean ok = FALSE;

  parameters_init (&parameters, options->path);
  parameters.values[0] = g_ascii_dtostr (sample_text, sizeof sample_text, sample);
  if (!open_events_table (session, options, &table, fields, &events, error))
    goto out;
  if (!check_rows_of (session, options->table, &events, &parameters, error))
    goto out;
  result = session_exec (session, query_text ("pull_settings"), &parameters,
                         _ ("Reading the events"), error);
  if (result == NULL)
    goto out;
  PQclear (result);

  file_stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, error);
  if (file_stream == NULL)
    goto out;
  out = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (file_stream), 1 << 16);
  if (!g_output_stream_write_all (
          out, "visitor_id,timestamp,type,channel,campaign,value,event\n",
          strlen ("visitor_id,timestamp,type,channel,campaign,value,event\n"), NULL, NULL, error))
    goto out;
  pull.out = out;
  pull.line = line;
  sql = fill_event_query ("pull_events", &events);
  if (!pull_copy (session, sql, &pull, error) || !g_output_stream_close (out, NULL, error))
    goto out;
  *rows = pull.rows;
  ok = TRUE;

out:
  parameters_clear (&parameters);
  slots_clear (&events);
  g_clear_pointer (&table.description, PQclear);
  return ok;
}

typedef struct
{
  RdmImportProgressFunc progress;
  gpointer data;
} PullProgress;

/* the local import is the second half of the work */
static void
pull_import_progress (double fraction, gpointer user_data)
{
  PullProgress *progress = user_data;

  if (progress->progress != NULL)
    progress->progress (0.5 + fraction / 2, progress->data);
}

gboolean
rdm_warehouse_pull_events (RdmProject *project,
                           const RdmWarehouseOptions *options,
                           double sample,
                           GCancellable *cancellable,
                           RdmImportProgressFunc progress,
                           gpointer progress_data,
                           RdmImportReport **out_report,
                           GError **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *csv_path = NULL;
  PullProgress import_progress = { progress, progress_data };
  RdmImportOptions import_options = { .kind = RDM_IMPORT_KIND_EVENTS, .preset = "events" };
  Session session;
  guint64 rows = 0;
  gboolean ok;

  g_return_val_if_fail (RDM_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (options != NULL && options->connection != NULL && options->table != NULL
                            && options->path != NULL,
                        FALSE);

  if (!(sample > 0 && sample <= 1))
    {
      g_set_error (error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_OPTIONS,
                   _ ("The share of visitors to pull must be more than 0 %% and at most 100 %% "
                      "(got %g %%)"),
                   sample * 100);
      return FALSE;
    }
  if (!check_path_options (options->path, error))
    return FALSE;
  dir = g_dir_make_tmp ("rendement-pull-XXXXXX", error);
  if (dir == NULL)
    return FALSE;
  /* the import log names the file after the table */
  base = g_strdup_printf ("%s.csv", options->table);
  g_strdelimit (base, G_DIR_SEPARATOR_S, '_');
  csv_path = g_build_filename (dir, base, NULL);
  if (progress != NULL)
    progress (0, progress_data);
  ok = session_begin (&session, options->connection, options->password, cancellable, error);
  if (ok)
    {
      ok = pull_to_file (&session, options, sample, csv_path, &rows, error);
      session_close (&session);
    }
  if (ok && progress != NULL)
    progress (0.5, progress_data);
  ok = ok
       && rdm_import_file (project, csv_path, &import_options, cancellable, pull_import_progress,
                           &import_progress, out_report, error);
  g_unlink (csv_path);
  g_rmdir (dir);
  return ok;
}

RdmWarehouseSource *
rdm_warehouse_source_new (void)
{
  RdmWarehouseSource *source = g_new0 (RdmWarehouseSource, 1);

  rdm_path_options_init (&source->path);
  return source;
}

void
rdm_warehouse_source_free (RdmWarehouseSource *source)
{
  if (source == NULL)
    return;
  g_free (source->connection);
  g_free (source->password);
  g_free (source->table);
  g_clear_pointer (&source->mapping, g_hash_table_unref);
  g_free (source->costs_table);
  g_clear_pointer (&source->costs_mapping, g_hash_table_unref);
  rdm_path_options_clear (&source->path);
  g_free (source);
}

void
rdm_warehouse_source_get_options (const RdmWarehouseSource *source, RdmWarehouseOptions *options)
{
  *options = (RdmWarehouseOptions){
    .connection = source->connection,
    .password = source->password,
    .table = source->table,
    .mapping = source->mapping,
    .costs_table = source->costs_table,
    .costs_mapping = source->costs_mapping,
    .path = &source->path,
  };
}

/* A stored mapping (a JSON object of strings) as a hash table; members of
 * another type, from a file someone edited, are left out. */
static GHashTable *
mapping_from_json (const char *text)
{
  g_autoptr (cJSON) object = text != NULL ? cJSON_Parse (text) : NULL;
  GHashTable *mapping = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const cJSON *item;

  cJSON_ArrayForEach (item, object)
    if (cJSON_IsString (item) && item->string != NULL)
      g_hash_table_insert (mapping, g_strdup (item->string), g_strdup (item->valuestring));
  return mapping;
}

static char *
column_text (sqlite3_stmt *stmt, int column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL
             ? NULL
             : g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

RdmWarehouseSource *
rdm_project_load_warehouse_source (RdmProject *project, GError **error)
{
  g_autoptr (RdmWarehouseSource) source = NULL;
  RdmPathOptions *path;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RDM_IS_PROJECT (project), NULL);

  stmt = rdm_project_prepare (project,
                              "SELECT connection, events_table, events_mapping, costs_table,"
                              " costs_mapping, click_window_days, view_window_days, restart,"
                              " from_time, to_time, events"
                              " FROM warehouse_source ORDER BY import_id DESC LIMIT 1",
                              error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        rdm_project_set_sql_error (project, error, _ ("Reading the warehouse settings"));
      return NULL;
    }
  source = rdm_warehouse_source_new ();
  source->connection = column_text (stmt, 0);
  source->table = column_text (stmt, 1);
  source->mapping = mapping_from_json ((const char *)sqlite3_column_text (stmt, 2));
  source->costs_table = column_text (stmt, 3);
  source->costs_mapping = mapping_from_json ((const char *)sqlite3_column_text (stmt, 4));
  path = &source->path;
  path->click_window_days = sqlite3_column_double (stmt, 5);
  path->view_window_days = sqlite3_column_double (stmt, 6);
  path->restart_after_conversion = sqlite3_column_int (stmt, 7) != 0;
  if (sqlite3_column_type (stmt, 8) != SQLITE_NULL)
    path->from_time = sqlite3_column_int64 (stmt, 8);
  if (sqlite3_column_type (stmt, 9) != SQLITE_NULL)
    path->to_time = sqlite3_column_int64 (stmt, 9);
  if (sqlite3_column_type (stmt, 10) != SQLITE_NULL)
    {
      g_autoptr (cJSON) events = cJSON_Parse ((const char *)sqlite3_column_text (stmt, 10));
      g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
      const cJSON *item;

      cJSON_ArrayForEach (item, events)
        if (cJSON_IsString (item))
          g_strv_builder_add (names, item->valuestring);
      path->events = g_strv_builder_end (names);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&source);
}
