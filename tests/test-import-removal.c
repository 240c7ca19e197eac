/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Removing an import: every table loses that import's rows and nothing
 * else, the visitors only it brought go, the file stays consistent, and an
 * unknown number or an import that cannot be removed leaves the file
 * byte for byte as it was; then "rendement-cli import remove".
 */
#include "config.h"

#include <cjson/cJSON.h>
#include <glib/gstdio.h>

#include "rdm-import.h"
#include "rdm-project-db.h"
#include "rdm-test-util.h"

#define sql_int(project, sql) rdm_test_query_int (rdm_project_get_db (project), sql)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

/* 2026-03-01 00:00:00 UTC */
#define MARCH1 G_GINT64_CONSTANT (1772323200)

/* Every table of the schema but the definitions', which no import touches. */
static const char *const tables[] = {
  "import_log", "channel",           "campaign",   "cost",     "campaign_daily",
  "visitor",    "touchpoint",        "conversion", "path_row", "series_value",
  "saving",     "visitor_attribute", "experiment",
};

/* v1 again (on a channel of its own) and a new visitor v9 */
static const char more_events[]
    = "visitor_id,timestamp,type,channel,campaign,value,event,page_views\n"
      "v1,2026-03-06T10:00:00Z,click,Newsletter,,,,1\n"
      "v9,2026-03-06T11:00:00Z,visit,Email,,,,2\n"
      "v9,2026-03-07T11:00:00Z,conversion,,,20,,\n";

typedef struct
{
  char *dir;
  char *path;
  RdmProject *project;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = rdm_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "test.rendement", NULL);
  fixture->project = rdm_project_create (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  g_clear_object (&fixture->project);
  rdm_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static char *
fixture_file (const char *name)
{
  const char *root = g_getenv ("RDM_TEST_DATA");

  g_assert_nonnull (root);
  return g_build_filename (root, "import", name, NULL);
}

static gint64
import_path (RdmProject *project, const char *path)
{
  g_autoptr (RdmImportReport) report = NULL;
  g_autoptr (GError) error = NULL;
  RdmImportOptions options = { 0 };

  g_assert_true (rdm_import_file (project, path, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  return report->import_id;
}

static gint64
import_fixture (RdmProject *project, const char *name)
{
  g_autofree char *path = fixture_file (name);

  return import_path (project, path);
}

static gint64
count_rows (RdmProject *project, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return sql_int (project, sql);
}

/* All rows of a query, one line per row, '|' between columns. */
static char *
sql_text (RdmProject *project, const char *sql)
{
  return rdm_test_query_text (rdm_project_get_db (project), sql);
}

/* Every column of the second import's touchpoints and conversions. */
static char *
second_import_rows (RdmProject *project)
{
  g_autofree char *touchpoints
      = sql_text (project, "SELECT * FROM touchpoint WHERE import_id = 2 ORDER BY id");
  g_autofree char *conversions
      = sql_text (project, "SELECT * FROM conversion WHERE import_id = 2 ORDER BY id");

  return g_strconcat (touchpoints, conversions, NULL);
}

static void
assert_consistent (RdmProject *project)
{
  g_autofree char *integrity = sql_text (project, "PRAGMA integrity_check");
  g_autofree char *foreign_keys = sql_text (project, "PRAGMA foreign_key_check");

  g_assert_cmpstr (integrity, ==, "ok\n");
  g_assert_cmpstr (foreign_keys, ==, "");
}

/* The project file's bytes, read with the project closed: the last
 * connection to close checkpoints the WAL into the file and deletes it. */
static GBytes *
file_bytes (Fixture *fixture)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GMappedFile) mapped = NULL;

  g_clear_object (&fixture->project);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  mapped = g_mapped_file_new (fixture->path, FALSE, &error);
  g_assert_no_error (error);
  return g_mapped_file_get_bytes (mapped);
}

static void
reopen (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;

  fixture->project = rdm_project_open (fixture->path, &error);
  g_assert_no_error (error);
}

/* Removing @import_id fails with @domain/@code and leaves every byte. */
static void
assert_refused (Fixture *fixture, gint64 import_id, GQuark domain, int code, const char *message)
{
  g_autoptr (GBytes) before = file_bytes (fixture);
  g_autoptr (GBytes) after = NULL;
  g_autoptr (GError) error = NULL;
  RdmImportRecord *removed = NULL;

  reopen (fixture);
  g_assert_false (rdm_project_remove_import (fixture->project, import_id, &removed, &error));
  g_assert_error (error, domain, code);
  g_assert_null (removed);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
  /* the transaction is closed: the connection writes again */
  g_assert_true (sqlite3_get_autocommit (rdm_project_get_db (fixture->project)));
  after = file_bytes (fixture);
  g_assert_true (g_bytes_equal (before, after));
  reopen (fixture);
}

/* Six imports, one of each kind with rows of its own; the first goes. */
static void
test_remove_first (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmImportRecord) removed = NULL;
  g_autoptr (GPtrArray) imports = NULL;
  g_autofree char *more = rdm_test_write_file (fixture->dir, "more-events.csv", more_events);
  g_autofree char *second_before = NULL;
  g_autofree char *second_after = NULL;
  g_autofree char *saving = NULL;
  g_autoptr (RdmImportRecord) removed2 = NULL;
  RdmProject *project = fixture->project;
  gint64 before[G_N_ELEMENTS (tables)];
  gint64 first;

  first = import_fixture (project, "events.csv");
  g_assert_cmpint (first, ==, 1);
  g_assert_cmpint (import_path (project, more), ==, 2);
  import_fixture (project, "costs.csv");
  import_fixture (project, "daily.csv");
  import_fixture (project, "paths.csv");
  import_fixture (project, "survey.csv");
  import_fixture (project, "experiments.csv");
  /* no importer writes savings yet, but the table has an import number */
  g_assert_true (rdm_project_exec (project,
                                   "INSERT INTO saving (day, channel_id, amount, description,"
                                   " import_id) VALUES (1772323200, 1, 10, 'imported', 1),"
                                   " (1772323200, 1, 5, 'declared', NULL)",
                                   &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      before[i] = count_rows (project, tables[i]);
      /* every table but the attributes has rows to lose or keep */
      if (!g_str_equal (tables[i], "visitor_attribute"))
        g_assert_cmpint (before[i], >, 0);
    }
  second_before = second_import_rows (project);
  g_assert_cmpint (sql_int (project, "SELECT count(*) FROM visitor"), ==, 4);

  g_assert_true (rdm_project_remove_import (project, first, &removed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (removed->id, ==, 1);
  g_assert_cmpstr (removed->file_name, ==, "events.csv");
  g_assert_cmpstr (removed->kind, ==, "events");
  g_assert_cmpint (removed->rows, ==, 7);

  /* events.csv held 5 touchpoints and 2 conversions of v1, v2 and v3; v1
   * is in the second file too */
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      gint64 expected = before[i];

      if (g_str_equal (tables[i], "import_log"))
        expected = before[i] - 1;
      else if (g_str_equal (tables[i], "touchpoint"))
        expected = before[i] - 5;
      else if (g_str_equal (tables[i], "conversion"))
        expected = before[i] - 2;
      else if (g_str_equal (tables[i], "visitor"))
        expected = before[i] - 2;
      else if (g_str_equal (tables[i], "saving"))
        expected = before[i] - 1;
      g_test_message ("%s: %" G_GINT64_FORMAT " rows", tables[i], expected);
      g_assert_cmpint (count_rows (project, tables[i]), ==, expected);
    }
  g_assert_cmpint (sql_int (project, "SELECT count(*) FROM visitor WHERE external_id IN"
                                     " ('v1', 'v9')"),
                   ==, 2);
  saving = sql_text (project, "SELECT description FROM saving");
  g_assert_cmpstr (saving, ==, "declared\n");
  /* the second import is as it was, to the byte of every column */
  second_after = second_import_rows (project);
  g_assert_cmpstr (second_after, ==, second_before);
  g_assert_cmpint (sql_int (project, "SELECT count(*) FROM touchpoint WHERE import_id = 2"), ==, 2);
  assert_consistent (project);

  imports = rdm_project_list_imports (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imports->len, ==, 6);
  g_assert_cmpint (((RdmImportRecord *)imports->pdata[0])->id, ==, 2);

  /* the file is no longer in the log, so importing it again is not a
   * duplicate */
  g_assert_cmpint (import_fixture (project, "events.csv"), ==, 8);

  /* the experiments import (number 7) goes with its rows, the channels
   * it named stay */
  g_assert_true (rdm_project_remove_import (project, 7, &removed2, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (removed2->kind, ==, "experiments");
  g_assert_cmpint (count_rows (project, "experiment"), ==, 0);
  g_assert_cmpint (sql_int (project, "SELECT count(*) FROM channel WHERE name = 'Blog'"), ==, 1);
  assert_consistent (project);
  assert_consistent (project);
}

/* An unknown number, a number removed already: refused, nothing written. */
static void
test_unknown_number (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  import_fixture (fixture->project, "events.csv");
  import_fixture (fixture->project, "costs.csv");

  message = g_strdup_printf ("There is no import number 99 in “%s”", fixture->path);
  assert_refused (fixture, 99, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND, message);
  assert_refused (fixture, 0, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND, NULL);
  assert_refused (fixture, -1, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND, NULL);

  g_assert_true (rdm_project_remove_import (fixture->project, 1, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&message, g_free);
  message = g_strdup_printf ("There is no import number 1 in “%s”", fixture->path);
  assert_refused (fixture, 1, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND, message);
  g_assert_cmpint (count_rows (fixture->project, "import_log"), ==, 1);
  g_assert_cmpint (count_rows (fixture->project, "cost"), ==, 4);
  assert_consistent (fixture->project);
}

/* A costs import takes its shared costs with it; another import's costs
 * and the channels stay. */
static void
test_shared_costs (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  gint64 costs = import_fixture (fixture->project, "costs.csv");
  gint64 shared = import_fixture (fixture->project, "costs-shared.csv");

  g_assert_cmpint (count_rows (fixture->project, "shared_cost"), ==, 3);
  g_assert_true (rdm_project_remove_import (fixture->project, shared, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture->project, "shared_cost"), ==, 0);
  /* costs.csv's 4 rows; Facebook, named by both, stays */
  g_assert_cmpint (count_rows (fixture->project, "cost"), ==, 4);
  g_assert_cmpint (
      sql_int (fixture->project, "SELECT count(*) FROM channel WHERE name = 'Facebook'"), ==, 1);
  g_assert_true (rdm_project_remove_import (fixture->project, costs, NULL, &error));
  g_assert_cmpint (count_rows (fixture->project, "cost"), ==, 0);
  assert_consistent (fixture->project);
}

/* Attribute values are not marked with their import: such an import stays,
 * and the visitors they describe stay when their events go. */
static void
test_attributes (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  gint64 events = import_fixture (fixture->project, "events.csv");
  gint64 attributes = import_fixture (fixture->project, "attributes.csv");
  gint64 n_attributes = count_rows (fixture->project, "visitor_attribute");

  g_assert_cmpint (n_attributes, >, 0);
  assert_refused (fixture, attributes, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, NULL);

  g_assert_true (rdm_project_remove_import (fixture->project, events, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture->project, "touchpoint"), ==, 0);
  g_assert_cmpint (count_rows (fixture->project, "conversion"), ==, 0);
  /* v1, v2 and v3 all have attributes */
  g_assert_cmpint (count_rows (fixture->project, "visitor"), ==, 3);
  g_assert_cmpint (count_rows (fixture->project, "visitor_attribute"), ==, n_attributes);
  assert_consistent (fixture->project);
}

static void
test_removable_kinds (void)
{
  static const struct
  {
    const char *kind;
    gboolean removable;
  } kinds[] = {
    { "events", TRUE }, { "costs", TRUE },       { "daily", TRUE },       { "paths", TRUE },
    { "survey", TRUE }, { "experiments", TRUE }, { "attributes", FALSE }, { "demo", FALSE },
    { "", FALSE },      { "colours", FALSE },    { NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_assert_cmpint (rdm_import_kind_is_removable (kinds[i].kind), ==, kinds[i].removable);
}

static void
test_cli (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *events = fixture_file ("events.csv");
  g_autofree char *costs = fixture_file ("costs.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  g_autoptr (cJSON) json = NULL;

  g_clear_object (&fixture->project);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", fixture->path, events, NULL), ==, 0);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", fixture->path, costs, NULL), ==, 0);

  /* info lists the numbers that remove takes */
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "info", fixture->path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\n1  events"));
  g_assert_nonnull (strstr (out, "\n2  costs"));

  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", "remove", fixture->path, "1", NULL), ==,
                   0);
  g_assert_cmpstr (out, ==, "Removed import 1 (“events.csv”): 7 rows.\n");
  g_assert_cmpstr (err, ==, "");

  /* twice, or a number that never was: exit 1, the file unchanged */
  before = file_bytes (fixture);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", "remove", fixture->path, "1", NULL), ==,
                   1);
  expected
      = g_strdup_printf ("rendement-cli: There is no import number 1 in “%s”\n", fixture->path);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, expected);
  after = file_bytes (fixture);
  g_assert_true (g_bytes_equal (before, after));

  /* usage errors: exit 2 */
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", "remove", fixture->path, "one", NULL),
                   ==, 2);
  g_assert_nonnull (strstr (err, "“one” is not an import number"));
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", "remove", fixture->path, NULL), ==, 2);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", "remove", fixture->path, "2", "--kind",
                                     "costs", NULL),
                   ==, 2);
  g_assert_cmpint (
      rdm_test_run_cli (&out, &err, "import", "remove", fixture->path, "2", "-f", "csv", NULL), ==,
      2);

  g_assert_cmpint (
      rdm_test_run_cli (&out, &err, "import", "remove", fixture->path, "2", "-f", "json", NULL), ==,
      0);
  json = cJSON_Parse (out);
  g_assert_nonnull (json);
  g_assert_cmpint (cJSON_GetObjectItem (json, "import_id")->valueint, ==, 2);
  g_assert_cmpstr (cJSON_GetObjectItem (json, "file")->valuestring, ==, "costs.csv");
  g_assert_cmpstr (cJSON_GetObjectItem (json, "kind")->valuestring, ==, "costs");
  g_assert_cmpint (cJSON_GetObjectItem (json, "rows")->valueint, ==, 4);

  g_assert_cmpint (rdm_test_run_cli (&out, &err, "info", fixture->path, "-f", "json", NULL), ==, 0);
  g_clear_pointer (&json, cJSON_Delete);
  json = cJSON_Parse (out);
  g_assert_cmpint (cJSON_GetArraySize (cJSON_GetObjectItem (json, "imports")), ==, 0);
  g_assert_cmpint (cJSON_GetObjectItem (json, "touchpoints")->valueint, ==, 0);

  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", "remove", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "rendement-cli import remove [OPTION…] PROJECT NUMBER"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/import-removal/remove-first", Fixture, NULL, fixture_set_up, test_remove_first,
              fixture_tear_down);
  g_test_add ("/import-removal/unknown-number", Fixture, NULL, fixture_set_up, test_unknown_number,
              fixture_tear_down);
  g_test_add ("/import-removal/shared-costs", Fixture, NULL, fixture_set_up, test_shared_costs,
              fixture_tear_down);
  g_test_add ("/import-removal/attributes", Fixture, NULL, fixture_set_up, test_attributes,
              fixture_tear_down);
  g_test_add_func ("/import-removal/removable-kinds", test_removable_kinds);
  g_test_add ("/import-removal/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);
  return g_test_run ();
}
