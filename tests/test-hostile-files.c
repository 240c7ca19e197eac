/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Project files crafted by someone else, run through every command.
 *
 * Each case starts from the same small project (the shipped examples, an
 * attribute file, a segment) and changes it the way an attacker or a
 * damaged disk would: objects hidden in the schema, values no import
 * writes (times out of range, text that is not UTF-8, an 8 MB name, an
 * infinite amount, NULL where the schema says NOT NULL). Every command
 * must then refuse the file with the same clear message, exit 1 (never a
 * crash, a hang or a usage error) and leave it byte for byte as it was.
 * A last case holds names that are valid but hostile (terminal escapes,
 * newlines, bidirectional overrides, markup, PLplot escapes): every
 * command must work, and print them escaped. The crafted files also seed
 * a mutation fuzzer of the project loader.
 */
#include "config.h"

#include <cjson/cJSON.h>
#include <glib/gstdio.h>

#include "rdm-event-loader.h"
#include "rdm-project.h"
#include "rdm-test-util.h"

typedef struct
{
  const char *name;
  /* run on a copy of the seed project; "--reopen" between two statements
   * closes the connection and opens it again (for schema edits) */
  const char *const *sql;
  /* what every command's error says */
  const char *refusal;
  const char *column; /* for a refused value, NULL for the schema */
} Craft;

#define SQL(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* How the schema check words its refusal, and the content check's. */
#define ALTERED "structure was altered or damaged", NULL
#define VALUE(table, column) "(table " table ", ", "column " column ":"

static const Craft crafts[] = {
  { "trigger-named-like-sqlite",
    SQL ("PRAGMA writable_schema = ON",
         "INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql) VALUES ('trigger',"
         " 'sqlite_evil', 'import_log', 0, 'CREATE TRIGGER sqlite_evil AFTER INSERT ON import_log"
         " BEGIN DELETE FROM touchpoint; DELETE FROM conversion; END')"),
    ALTERED },
  { "trigger-on-segment",
    SQL ("CREATE TRIGGER wipe_costs AFTER INSERT ON segment BEGIN DELETE FROM cost; END"),
    ALTERED },
  { "trigger-on-kpi",
    SQL ("PRAGMA writable_schema = ON",
         "INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql) VALUES ('trigger',"
         " 'sqlite_kpi', 'kpi', 0, 'CREATE TRIGGER sqlite_kpi AFTER INSERT ON kpi"
         " BEGIN DELETE FROM touchpoint; END')"),
    ALTERED },
  { "view-named-like-sqlite",
    SQL ("PRAGMA writable_schema = ON",
         "INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql) VALUES ('view',"
         " 'sqlite_v', 'sqlite_v', 0, 'CREATE VIEW sqlite_v AS SELECT 1')"),
    ALTERED },
  { "touch-time-far-negative",
    SQL ("UPDATE touchpoint SET time = -9223372036854775799 WHERE id = 1"),
    VALUE ("touchpoint", "time") },
  { "conversion-time-year-9999",
    SQL ("UPDATE conversion SET time = 253402300799"
         " WHERE id = (SELECT min(id) FROM conversion)"),
    VALUE ("conversion", "time") },
  { "touch-time-as-text", SQL ("UPDATE touchpoint SET time = 'soon' WHERE id = 2"),
    VALUE ("touchpoint", "time") },
  { "cost-day-year-1", SQL ("UPDATE cost SET day = -62135596800 WHERE id = 1"),
    VALUE ("cost", "day") },
  { "channel-name-not-utf8",
    SQL ("UPDATE channel SET name = CAST(X'466163C3' AS TEXT) WHERE name = 'Facebook'"),
    VALUE ("channel", "name") },
  { "channel-name-8-mb",
    SQL ("UPDATE channel SET name = 'Blog' || hex(zeroblob(4194304)) WHERE name = 'Blog'"),
    VALUE ("channel", "name") },
  { "event-not-utf8",
    SQL ("UPDATE conversion SET event = CAST(X'FF' AS TEXT)"
         " WHERE id = (SELECT max(id) FROM conversion)"),
    VALUE ("conversion", "event") },
  { "value-infinite",
    SQL ("UPDATE conversion SET value = 9e999 WHERE id = (SELECT min(id) FROM conversion)"),
    VALUE ("conversion", "value") },
  { "amount-1e308", SQL ("UPDATE cost SET amount = 1e308 WHERE id = 1"), VALUE ("cost", "amount") },
  { "attribute-with-nul", SQL ("UPDATE visitor_attribute SET value = CAST(X'32350034' AS TEXT)"),
    VALUE ("visitor_attribute", "value") },
  { "channel-name-null",
    SQL ("PRAGMA writable_schema = ON",
         "UPDATE sqlite_schema SET sql = replace(sql, 'name TEXT NOT NULL UNIQUE',"
         " 'name TEXT UNIQUE') WHERE name = 'channel'",
         "--reopen",
         "UPDATE channel SET name = NULL WHERE name = 'Email'",
         "PRAGMA writable_schema = ON",
         "UPDATE sqlite_schema SET sql = replace(sql, 'name TEXT UNIQUE',"
         " 'name TEXT NOT NULL UNIQUE') WHERE name = 'channel'"),
    VALUE ("channel", "name") },
};

/* A channel name that is valid UTF-8 but hostile everywhere it is shown. */
#define HOSTILE_NAME "Bl\x1b[31mog\n<b>&#u\xe2\x80\xae"
#define HOSTILE_NAME_ESCAPED "Bl\\x1b[31mog\\n<b>&#u\\u202e"

/* Every command, with "@P" for the project and "@D" for a scratch folder;
 * NULL-separated, ending with two NULLs. */
static const char *const commands[] = {
  "info",
  "@P",
  NULL,
  "info",
  "@P",
  "-f",
  "json",
  NULL,
  "import",
  "@P",
  "@D/more-costs.csv",
  NULL,
  "attribute",
  "@P",
  NULL,
  "attribute",
  "@P",
  "-f",
  "json",
  "--model",
  "linear,markov,shapley",
  NULL,
  "paths",
  "@P",
  NULL,
  "paths",
  "@P",
  "-f",
  "json",
  NULL,
  "window-sweep",
  "@P",
  NULL,
  "explain",
  "@P",
  "--journey",
  "Facebook > Email",
  "--model",
  "markov",
  "-f",
  "json",
  NULL,
  "segment",
  "list",
  "@P",
  "--count",
  NULL,
  "segment",
  "add",
  "@P",
  "from-facebook",
  "--filter",
  "touched(\"Facebook\")",
  NULL,
  "compare",
  "@P",
  "--segment",
  "fb",
  "--segment",
  "not touched(\"Facebook\")",
  NULL,
  "discover",
  "@P",
  "--attribute",
  "age_band",
  NULL,
  "roi",
  "@P",
  NULL,
  "roi",
  "@P",
  "-f",
  "json",
  NULL,
  "chart",
  "@P",
  "--kind",
  "models",
  "--out",
  "@D/models.png",
  NULL,
  "chart",
  "@P",
  "--kind",
  "roi",
  "--out",
  "@D/roi.svg",
  NULL,
  "report",
  "@P",
  "--out",
  "@D/review.pdf",
  NULL,
  "kpis",
  "@P",
  NULL,
  "objective",
  "list",
  "@P",
  NULL,
  "objective",
  "add",
  "@P",
  "Growth",
  "--function",
  "marketing",
  NULL,
  "initiative",
  "list",
  "@P",
  NULL,
  "kpi",
  "list",
  "@P",
  NULL,
  "saving",
  "list",
  "@P",
  NULL,
  "definitions",
  "export",
  "@P",
  "--out",
  "@D/definitions.json",
  NULL,
  NULL,
};

static char *seed_dir;
static char *seed_path;

static char *
source_path (const char *relative)
{
  return g_build_filename (g_getenv ("RDM_SOURCE_ROOT"), relative, NULL);
}

#define CHECK_CLI(...)                                                                             \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_autofree char *out_ = NULL;                                                                  \
    g_autofree char *err_ = NULL;                                                                  \
    if (rdm_test_run_cli (&out_, &err_, __VA_ARGS__, NULL) != 0)                                   \
      g_error ("preparing the seed project: %s", err_);                                            \
  }                                                                                                \
  G_STMT_END

/* The seed: the shipped examples, ages for three visitors, a segment. */
static void
make_seed (void)
{
  g_autofree char *visits = source_path ("examples/visits.csv");
  g_autofree char *costs = source_path ("examples/costs.csv");
  g_autofree char *attributes = NULL;

  seed_dir = rdm_test_make_tmpdir ();
  seed_path = g_build_filename (seed_dir, "seed.rendement", NULL);
  attributes = rdm_test_write_file (
      seed_dir, "ages.csv",
      "visitor_id,age_band\nvisitor-0281,25-34\nvisitor-0251,35-49\nvisitor-0001,25-34\n");
  CHECK_CLI ("new", seed_path);
  CHECK_CLI ("import", seed_path, visits);
  CHECK_CLI ("import", seed_path, costs);
  CHECK_CLI ("import", seed_path, attributes);
  CHECK_CLI ("segment", "add", seed_path, "fb", "--filter", "touched(\"Facebook\")");
}

static char *
craft_project (const char *dir, const char *const *sql)
{
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, "crafted.rendement", NULL);
  sqlite3 *db = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (seed_path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, contents, (gssize)length, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (guint i = 0; sql[i] != NULL; i++)
    {
      char *message = NULL;

      if (g_str_equal (sql[i], "--reopen"))
        {
          g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
          g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
          continue;
        }
      if (sqlite3_exec (db, sql[i], NULL, NULL, &message) != SQLITE_OK)
        g_error ("crafting with “%s”: %s", sql[i], message);
    }
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return path;
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
}

/* Runs every command on @project; calls @check with each one's result. */
typedef void (*CheckFunc) (
    const char *command, int status, const char *out, const char *err, gconstpointer data);

static void
run_every_command (const char *project, const char *dir, CheckFunc check, gconstpointer data)
{
  g_autofree char *costs = g_build_filename (dir, "more-costs.csv", NULL);

  g_free (rdm_test_write_file (dir, "more-costs.csv",
                               "date,channel,campaign,category,amount\n"
                               "2026-06-30,Blog,Posts,content,120.00\n"));
  for (const char *const *c = commands; *c != NULL; c++)
    {
      g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
      g_auto (GStrv) argv = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *command = NULL;
      /* rdm_test_run_cli() takes a NULL-terminated list: padded with NULLs
       * rather than read past the end of a shorter argv */
      const char *args[9] = { NULL };
      int status;

      for (; *c != NULL; c++)
        {
          if (g_str_equal (*c, "@P"))
            g_strv_builder_add (builder, project);
          else if (g_str_has_prefix (*c, "@D"))
            {
              g_autofree char *path = g_strconcat (dir, *c + 2, NULL);

              g_strv_builder_add (builder, path);
            }
          else
            g_strv_builder_add (builder, *c);
        }
      argv = g_strv_builder_end (builder);
      command = g_strjoinv (" ", argv);
      g_assert_cmpuint (g_strv_length (argv), <, G_N_ELEMENTS (args));
      for (guint i = 0; argv[i] != NULL; i++)
        args[i] = argv[i];
      status = rdm_test_run_cli (&out, &err, args[0], args[1], args[2], args[3], args[4], args[5],
                                 args[6], args[7], NULL);
      check (command, status, out, err, data);
    }
}

static void
check_refused (
    const char *command, int status, const char *out, const char *err, gconstpointer data)
{
  const Craft *craft = data;

  if (status != 1 || strstr (err, craft->refusal) == NULL
      || (craft->column != NULL && strstr (err, craft->column) == NULL) || *out != '\0')
    g_error ("%s on the crafted file “%s”: exit %d, expected 1 with “%s”\nstdout: %s\nstderr: %s",
             command, craft->name, status, craft->refusal, out, err);
}

static void
test_refused (gconstpointer data)
{
  const Craft *craft = data;
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *project = craft_project (dir, craft->sql);
  g_autofree char *before = file_checksum (project);
  g_autofree char *after = NULL;

  run_every_command (project, dir, check_refused, craft);
  after = file_checksum (project);
  g_assert_cmpstr (before, ==, after);
  rdm_test_remove_tree (dir);
}

static void
check_escaped (
    const char *command, int status, const char *out, const char *err, gconstpointer data)
{
  if (status != 0)
    g_error ("%s on a project with hostile names: exit %d\n%s", command, status, err);
  for (const char *p = out; *p != '\0'; p++)
    if ((guchar)*p < 0x20 && *p != '\n' && *p != '\t')
      g_error ("%s printed the control character 0x%02x:\n%s", command, (guchar)*p, out);
  g_assert_true (g_utf8_validate (out, -1, NULL));
  /* JSON keeps the name exact (cJSON escapes the control characters); a
   * table shows the override as an escape */
  if (strstr (command, "-f json") == NULL)
    g_assert_null (strstr (out, "\xe2\x80\xae"));
  else
    {
      cJSON *json = cJSON_Parse (out);

      if (json == NULL)
        g_error ("%s printed invalid JSON:\n%s", command, out);
      cJSON_Delete (json);
    }
}

static void
test_hostile_names (void)
{
  const char *const *sql = SQL ("UPDATE channel SET name = '" HOSTILE_NAME "' WHERE name = 'Blog'",
                                "UPDATE campaign SET name = 'Q2' || char(7) || char(13) || 'x'",
                                "UPDATE segment SET name = 'fb', filter = 'touched(\"Facebook\")'");
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *project = craft_project (dir, sql);
  g_autofree char *out = NULL;

  run_every_command (project, dir, check_escaped, NULL);

  /* the name is shown, escaped, and kept whole in JSON */
  g_assert_cmpint (rdm_test_run_cli (&out, NULL, "roi", project, NULL), ==, 0);
  g_assert_nonnull (strstr (out, HOSTILE_NAME_ESCAPED));
  g_assert_cmpint (rdm_test_run_cli (&out, NULL, "attribute", project, "-f", "json", NULL), ==, 0);
  {
    g_autoptr (GString) expected = g_string_new (NULL);
    cJSON *name = cJSON_CreateString (HOSTILE_NAME);
    char *printed = cJSON_PrintUnformatted (name);

    g_string_append (expected, printed);
    g_assert_nonnull (strstr (out, expected->str));
    cJSON_free (printed);
    cJSON_Delete (name);
  }
  rdm_test_remove_tree (dir);
}

/* Damaged copies of each crafted file (bytes flipped anywhere, with a
 * fixed seed so a failure replays) are opened and, when they open, loaded
 * like the engine loads them: a GError or a project, never a crash (this
 * suite also runs under ASan and UBSan). */
static void
test_fuzz_crafted (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *damaged = g_build_filename (dir, "damaged.rendement", NULL);
  g_autoptr (GRand) rand = g_rand_new_with_seed (11);
  guint opened = 0, tried = 0;

  for (guint c = 0; c < G_N_ELEMENTS (crafts); c++)
    {
      g_autofree char *crafted = craft_project (dir, crafts[c].sql);
      g_autofree char *original = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (crafted, &original, &length, NULL));
      for (guint i = 0; i < 20; i++, tried++)
        {
          g_autofree char *copy = g_memdup2 (original, length);
          g_autoptr (RdmProject) project = NULL;
          g_autoptr (GError) error = NULL;
          guint n_flips = g_rand_int_range (rand, 1, 16);

          for (guint f = 0; f < n_flips; f++)
            copy[g_rand_int_range (rand, 0, (gint32)length)]
                ^= (char)g_rand_int_range (rand, 1, 256);
          g_assert_true (g_file_set_contents (damaged, copy, (gssize)length, NULL));
          project = rdm_project_open (damaged, &error);
          if (project == NULL)
            {
              g_assert_nonnull (error);
              continue;
            }
          opened++;
          {
            g_autoptr (RdmEventStore) store = rdm_event_store_load (project, NULL, NULL);
            RdmProjectInfo info;

            (void)store;
            rdm_project_get_info (project, &info, NULL);
          }
        }
    }
  g_test_message ("%u of %u damaged crafted files opened", opened, tried);
  rdm_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  make_seed ();
  for (guint i = 0; i < G_N_ELEMENTS (crafts); i++)
    {
      g_autofree char *name = g_strdup_printf ("/hostile-files/refused/%s", crafts[i].name);

      g_test_add_data_func (name, &crafts[i], test_refused);
    }
  g_test_add_func ("/hostile-files/hostile-names", test_hostile_names);
  g_test_add_func ("/hostile-files/fuzz-crafted", test_fuzz_crafted);
  status = g_test_run ();
  rdm_test_remove_tree (seed_dir);
  g_free (seed_dir);
  g_free (seed_path);
  return status;
}
