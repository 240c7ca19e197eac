/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "rdm-test-pg.h"
#include "rdm-test-util.h"

#define DAY 86400
/* 2026-01-01T00:00:00Z */
#define FIRST_DAY G_GINT64_CONSTANT (1767225600)

#define SERVER_BIN "/usr/lib/postgresql/15/bin"
#define PORT "5432"

struct _RdmTestPg
{
  char *dir;
  GPid pid;
};

/* setpriv's arguments to run as the postgres user when we are root; the
 * server is told to stop when the test dies (a failed assertion aborts
 * it), instead of outliving it with the test's output pipes open. */
static void
add_user_switch (GPtrArray *argv)
{
  if (getuid () != 0)
    return;
  g_ptr_array_add (argv, g_strdup ("setpriv"));
  g_ptr_array_add (argv, g_strdup ("--reuid=postgres"));
  g_ptr_array_add (argv, g_strdup ("--regid=postgres"));
  g_ptr_array_add (argv, g_strdup ("--clear-groups"));
  g_ptr_array_add (argv, g_strdup ("--pdeathsig=SIGINT"));
}

/* the same for a server that runs as ourselves */
static void
stop_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGINT);
}

static void
give_to_server_user (const char *path)
{
  struct passwd *user;

  if (getuid () != 0)
    return;
  user = getpwnam ("postgres");
  g_assert_nonnull (user);
  g_assert_cmpint (chown (path, user->pw_uid, user->pw_gid), ==, 0);
}

RdmTestPg *
rdm_test_pg_start (void)
{
  g_autoptr (GPtrArray) initdb = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) server = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *connection = NULL;
  g_autofree char *log_path = NULL;
  int log_fd;
  RdmTestPg *pg;
  int status;

  if (!g_file_test (SERVER_BIN "/postgres", G_FILE_TEST_IS_EXECUTABLE))
    return NULL;
  pg = g_new0 (RdmTestPg, 1);
  pg->dir = rdm_test_make_tmpdir ();
  /* the server user must reach its directory: the temporary one is 0700 */
  g_assert_cmpint (g_chmod (pg->dir, 0755), ==, 0);
  give_to_server_user (pg->dir);
  data = g_build_filename (pg->dir, "data", NULL);

  add_user_switch (initdb);
  g_ptr_array_add (initdb, g_strdup (SERVER_BIN "/initdb"));
  g_ptr_array_add (initdb, g_strdup ("--pgdata"));
  g_ptr_array_add (initdb, g_strdup (data));
  g_ptr_array_add (initdb, g_strdup ("--username=rendement"));
  g_ptr_array_add (initdb, g_strdup ("--auth=trust"));
  g_ptr_array_add (initdb, g_strdup ("--encoding=UTF8"));
  g_ptr_array_add (initdb, g_strdup ("--locale=C.UTF-8"));
  g_ptr_array_add (initdb, g_strdup ("--no-sync"));
  g_ptr_array_add (initdb, NULL);
  if (!g_spawn_sync (pg->dir, (char **)initdb->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                     &err, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    g_error ("initdb failed: %s\n%s%s", error->message, out, err);
  /* the role "secret" must give its password, as a real server asks */
  {
    g_autofree char *hba_path = g_build_filename (data, "pg_hba.conf", NULL);
    g_autofree char *hba = NULL;
    g_autofree char *with_password = NULL;

    g_file_get_contents (hba_path, &hba, NULL, &error);
    g_assert_no_error (error);
    with_password = g_strconcat ("local all secret scram-sha-256\n", hba, NULL);
    g_file_set_contents (hba_path, with_password, -1, &error);
    g_assert_no_error (error);
  }

  add_user_switch (server);
  g_ptr_array_add (server, g_strdup (SERVER_BIN "/postgres"));
  g_ptr_array_add (server, g_strdup ("-D"));
  g_ptr_array_add (server, g_strdup (data));
  g_ptr_array_add (server, g_strdup ("-k"));
  g_ptr_array_add (server, g_strdup (pg->dir));
  /* no TCP: only the socket in our directory */
  g_ptr_array_add (server, g_strdup ("-h"));
  g_ptr_array_add (server, g_strdup (""));
  g_ptr_array_add (server, g_strdup ("-p"));
  g_ptr_array_add (server, g_strdup (PORT));
  /* a test server holds nothing worth an fsync */
  g_ptr_array_add (server, g_strdup ("-c"));
  g_ptr_array_add (server, g_strdup ("fsync=off"));
  g_ptr_array_add (server, g_strdup ("-c"));
  g_ptr_array_add (server, g_strdup ("full_page_writes=off"));
  g_ptr_array_add (server, g_strdup ("-c"));
  g_ptr_array_add (server, g_strdup ("synchronous_commit=off"));
  g_ptr_array_add (server, NULL);
  /* the server's messages go to its log, not the test's TAP output */
  log_path = g_build_filename (pg->dir, "server.log", NULL);
  log_fd = g_open (log_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  g_assert_cmpint (log_fd, >=, 0);
  if (!g_spawn_async_with_pipes_and_fds (pg->dir, (const char *const *)server->pdata, NULL,
                                         G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                         getuid () != 0 ? stop_with_parent : NULL, NULL, -1, log_fd,
                                         log_fd, NULL, NULL, 0, &pg->pid, NULL, NULL, NULL, &error))
    g_error ("postgres did not start: %s", error->message);
  close (log_fd);

  connection = rdm_test_pg_connection (pg, NULL);
  for (int tries = 0; PQping (connection) != PQPING_OK; tries++)
    {
      if (tries > 300 || waitpid (pg->pid, &status, WNOHANG) == pg->pid)
        g_error ("the test's PostgreSQL server did not come up: see %s", log_path);
      g_usleep (100 * 1000);
    }
  return pg;
}

void
rdm_test_pg_stop (RdmTestPg *pg)
{
  int status;

  if (pg == NULL)
    return;
  /* SIGINT: the fast shutdown, which ends the sessions still open */
  kill (pg->pid, SIGINT);
  while (waitpid (pg->pid, &status, 0) < 0 && errno == EINTR)
    ;
  g_spawn_close_pid (pg->pid);
  rdm_test_remove_tree (pg->dir);
  g_free (pg->dir);
  g_free (pg);
}

char *
rdm_test_pg_connection (const RdmTestPg *pg, const char *user)
{
  return g_strdup_printf ("host=%s port=" PORT " dbname=postgres user=%s", pg->dir,
                          user != NULL ? user : "rendement");
}

static PGconn *
connect_superuser (const RdmTestPg *pg)
{
  g_autofree char *connection = rdm_test_pg_connection (pg, NULL);
  PGconn *conn = PQconnectdb (connection);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("connecting to the test server: %s", PQerrorMessage (conn));
  return conn;
}

void
rdm_test_pg_exec (const RdmTestPg *pg, const char *sql)
{
  PGconn *conn = connect_superuser (pg);
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  PQclear (result);
  PQfinish (conn);
}

void
rdm_test_pg_copy_csv (const RdmTestPg *pg,
                      const char *table,
                      const char *columns,
                      const char *csv_path)
{
  g_autofree char *sql
      = g_strdup_printf ("COPY %s (%s) FROM STDIN (FORMAT csv, HEADER true)", table, columns);
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (csv_path);
  g_autoptr (GFileInputStream) stream = g_file_read (file, NULL, &error);
  PGconn *conn = connect_superuser (pg);
  PGresult *result = PQexec (conn, sql);
  char buffer[1 << 16];
  gssize n;

  g_assert_no_error (error);
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COPY_IN);
  PQclear (result);
  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer, NULL, &error))
         > 0)
    g_assert_cmpint (PQputCopyData (conn, buffer, (int)n), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (PQputCopyEnd (conn, NULL), ==, 1);
  result = PQgetResult (conn);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  PQclear (result);
  PQfinish (conn);
}

static const char *const channels[RDM_TEST_N_CHANNELS]
    = { "Facebook", "Instagram", "Paid Search", "Email", "Display", "Direct", "Affiliate" };

static void
append_time (GString *row, gint64 time)
{
  g_autoptr (GDateTime) date = g_date_time_new_from_unix_utc (time);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%dT%H:%M:%SZ");

  g_string_append (row, text);
}

/* Rows of one visitor, in time order; a gap of 0 makes a tie. */
static void
write_visitor (GString *out, GRand *rand, guint visitor, guint64 *line)
{
  gint64 time
      = FIRST_DAY + g_rand_int_range (rand, 0, 200) * (gint64)DAY + g_rand_int_range (rand, 0, DAY);
  guint touches = g_rand_int_range (rand, 1, 9);

  for (guint t = 0; t < touches; t++)
    {
      double kind = g_rand_double (rand);
      const char *type = kind < 0.45 ? "impression" : kind < 0.85 ? "click" : "visit";
      const char *channel = channels[g_rand_int_range (rand, 0, G_N_ELEMENTS (channels))];

      /* gaps of hours to weeks, so that every window setting cuts some
       * touches; 15 % ties */
      if (g_rand_double (rand) >= 0.15)
        time += (gint64)(g_rand_double (rand) * g_rand_double (rand) * 40 * DAY) + 1;
      g_string_append_printf (out, "%" G_GUINT64_FORMAT ",v%07u,", ++*line, visitor);
      append_time (out, time);
      g_string_append_printf (out, ",%s,%s,Campaign %u,,\n", type, channel,
                              (guint)g_rand_int_range (rand, 1, 4));
      if (g_rand_double (rand) < 0.12)
        {
          guint repeats = g_rand_double (rand) < 0.1 ? 2 : 1;

          /* 20 % at the second of the touch before */
          if (g_rand_double (rand) >= 0.2)
            time += g_rand_int_range (rand, 1, 3 * DAY);
          for (guint r = 0; r < repeats; r++)
            {
              g_string_append_printf (out, "%" G_GUINT64_FORMAT ",v%07u,", ++*line, visitor);
              append_time (out, time);
              g_string_append_printf (out, ",conversion,,,%d.%02d,%s\n",
                                      g_rand_int_range (rand, 5, 300),
                                      g_rand_int_range (rand, 0, 100),
                                      g_rand_double (rand) < 0.75 ? "purchase" : "signup");
            }
        }
    }
}

guint64
rdm_test_write_event_log (const char *path, guint64 target_rows)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261207);
  g_autoptr (GString) out = g_string_new ("line,visitor_id,timestamp,type,channel,campaign,value,"
                                          "event\n");
  g_autoptr (GError) error = NULL;
  guint64 line = 0;

  for (guint visitor = 0; line < target_rows; visitor++)
    write_visitor (out, rand, visitor, &line);
  g_file_set_contents (path, out->str, (gssize)out->len, &error);
  g_assert_no_error (error);
  return line;
}

void
rdm_test_write_costs (const char *path)
{
  g_autoptr (GString) out = g_string_new ("date,channel,campaign,category,amount\n");
  g_autoptr (GError) error = NULL;

  for (guint d = 0; d < 240; d += 3)
    for (guint c = 0; c < G_N_ELEMENTS (channels); c++)
      {
        g_autoptr (GDateTime) date = g_date_time_new_from_unix_utc (FIRST_DAY + (gint64)d * DAY);
        g_autofree char *day = g_date_time_format (date, "%Y-%m-%d");

        g_string_append_printf (out, "%s,%s,Campaign %u,%s,%u.25\n", day, channels[c], d % 3 + 1,
                                d % 2 == 0 ? "media" : "content", 100 + 7 * c + d);
      }
  g_file_set_contents (path, out->str, (gssize)out->len, &error);
  g_assert_no_error (error);
}

void
rdm_test_pg_load_events (const RdmTestPg *pg, const char *events_csv, const char *costs_csv)
{
  rdm_test_pg_exec (pg, "CREATE TABLE events (line bigint PRIMARY KEY, visitor_id text,"
                        " \"timestamp\" timestamptz, type text, channel text, campaign text,"
                        " value numeric(12, 2), event text);"
                        "CREATE TABLE costs (date date, channel text, campaign text,"
                        " category text, amount numeric(12, 2));"
                        "CREATE ROLE reader LOGIN;"
                        "CREATE ROLE secret LOGIN PASSWORD 's3cret';"
                        "GRANT SELECT ON events, costs TO reader, secret;");
  rdm_test_pg_copy_csv (pg, "events",
                        "line, visitor_id, \"timestamp\", type, channel, campaign, value, event",
                        events_csv);
  rdm_test_pg_copy_csv (pg, "costs", "date, channel, campaign, category, amount", costs_csv);
  rdm_test_pg_exec (pg, "ANALYZE events; ANALYZE costs");
}
