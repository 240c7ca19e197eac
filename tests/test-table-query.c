/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading the Data section's tables (data/rdm-table-query.c): columns,
 * counts, pages of typed values for every table kind, and the search that
 * lists rowids on a connection of its own: with and without matches, LIKE
 * wildcards taken literally, sorting, cancellation, and a missing, foreign
 * or altered file refused with a clear error.
 */
#include "config.h"

#include "rdm-import.h"
#include "rdm-project-db.h"
#include "rdm-table-query.h"
#include "rdm-test-util.h"

/* 2026-03-01 00:00:00 UTC */
#define MARCH1 G_GINT64_CONSTANT (1772323200)
#define HOUR 3600
#define DAY 86400

static const char events_csv[]
    = "visitor_id,timestamp,type,channel,campaign,value,event,page_views\n"
      "alice,2026-03-01T10:00:00Z,impression,Facebook,Spring_Sale,,,0\n"
      "alice,2026-03-02T11:00:00Z,click,Newsletter,,,,3\n"
      "bob,2026-03-03T12:00:00Z,visit,Google Ads,Brand,,,7\n"
      "alice,2026-03-04T09:00:00Z,conversion,,,120.50,signup,\n"
      "bob,2026-03-05T08:00:00Z,conversion,,,80,,\n";

static const char costs_csv[] = "date,channel,campaign,category,amount\n"
                                "2026-03-01,Facebook,Spring_Sale,media,100.25\n"
                                "2026-03-02,Newsletter,,staff,50\n";

typedef struct
{
  char *dir;
  char *path;
  RdmProject *project;
} Fixture;

static void
import_text (Fixture *fixture, const char *name, const char *text)
{
  g_autofree char *csv = rdm_test_write_file (fixture->dir, name, text);
  g_autoptr (RdmImportReport) report = NULL;
  g_autoptr (GError) error = NULL;
  RdmImportOptions options = { 0 };

  g_assert_true (
      rdm_import_file (fixture->project, csv, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = rdm_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "test.rendement", NULL);
  fixture->project = rdm_project_create (fixture->path, &error);
  g_assert_no_error (error);
  if (user_data == NULL)
    {
      import_text (fixture, "events.csv", events_csv);
      import_text (fixture, "costs.csv", costs_csv);
    }
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  g_clear_object (&fixture->project);
  rdm_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* The rowids as "1,2,3". */
static char *
ids_text (GArray *ids)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));
  return g_string_free (text, FALSE);
}

static char *
search (Fixture *fixture, RdmTableKind kind, const char *text, int sort_column, gboolean descending)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids
      = rdm_table_query_search (fixture->path, kind, text, sort_column, descending, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  return ids_text (ids);
}

static const RdmTableRecord *
record_at (GArray *records, guint index)
{
  g_assert_cmpuint (index, <, records->len);
  return &g_array_index (records, RdmTableRecord, index);
}

static GArray *
read_all (Fixture *fixture, RdmTableKind kind)
{
  g_autoptr (GError) error = NULL;
  GArray *records = rdm_table_records_new ();

  g_assert_true (rdm_table_query_read_range (fixture->project, kind, 1, 1000, records, &error));
  g_assert_no_error (error);
  return records;
}

#define assert_text(cell, expected)                                                                \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_assert_false ((cell)->is_null);                                                              \
    g_assert_cmpstr ((cell)->text, ==, expected);                                                  \
  }                                                                                                \
  G_STMT_END

#define assert_integer(cell, expected)                                                             \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_assert_false ((cell)->is_null);                                                              \
    g_assert_cmpint ((cell)->integer, ==, expected);                                               \
  }                                                                                                \
  G_STMT_END

#define assert_amount(cell, expected)                                                              \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_assert_false ((cell)->is_null);                                                              \
    g_assert_cmpfloat ((cell)->amount, ==, expected);                                              \
  }                                                                                                \
  G_STMT_END

static void
test_columns (void)
{
  static const guint n_columns[] = { 6, 4, 5, 5 };

  for (RdmTableKind kind = RDM_TABLE_TOUCHPOINTS; kind <= RDM_TABLE_CAMPAIGNS; kind++)
    {
      g_assert_cmpuint (rdm_table_kind_get_n_columns (kind), ==, n_columns[kind]);
      g_assert_cmpuint (n_columns[kind], <=, RDM_TABLE_MAX_COLUMNS);
    }
  g_assert_cmpstr (rdm_table_kind_get_column_title (RDM_TABLE_TOUCHPOINTS, 0), ==, "Visitor");
  g_assert_cmpstr (rdm_table_kind_get_column_title (RDM_TABLE_TOUCHPOINTS, 5), ==, "Page Views");
  g_assert_cmpstr (rdm_table_kind_get_column_title (RDM_TABLE_CAMPAIGNS, 2), ==, "Channel Group");
  g_assert_cmpint (rdm_table_kind_get_column_format (RDM_TABLE_TOUCHPOINTS, 1), ==, RDM_CELL_TIME);
  g_assert_cmpint (rdm_table_kind_get_column_format (RDM_TABLE_TOUCHPOINTS, 4), ==,
                   RDM_CELL_INTERACTION);
  g_assert_cmpint (rdm_table_kind_get_column_format (RDM_TABLE_CONVERSIONS, 3), ==,
                   RDM_CELL_AMOUNT);
  g_assert_cmpint (rdm_table_kind_get_column_format (RDM_TABLE_COSTS, 3), ==, RDM_CELL_CATEGORY);
  g_assert_cmpint (rdm_table_kind_get_column_format (RDM_TABLE_CAMPAIGNS, 4), ==, RDM_CELL_DAY);
}

static void
assert_count (Fixture *fixture, RdmTableKind kind, gint64 count, gint64 first_id, gint64 last_id)
{
  g_autoptr (GError) error = NULL;
  gint64 values[3] = { -1, -1, -1 };

  g_assert_true (
      rdm_table_query_count (fixture->project, kind, &values[0], &values[1], &values[2], &error));
  g_assert_no_error (error);
  g_assert_cmpint (values[0], ==, count);
  g_assert_cmpint (values[1], ==, first_id);
  g_assert_cmpint (values[2], ==, last_id);
}

static void
test_count (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;

  assert_count (fixture, RDM_TABLE_TOUCHPOINTS, 3, 1, 3);
  assert_count (fixture, RDM_TABLE_CONVERSIONS, 2, 1, 2);
  assert_count (fixture, RDM_TABLE_COSTS, 2, 1, 2);
  assert_count (fixture, RDM_TABLE_CAMPAIGNS, 2, 1, 2);

  /* a hole: the count and the id range disagree */
  g_assert_true (
      rdm_project_exec (fixture->project, "DELETE FROM touchpoint WHERE id = 2", &error));
  g_assert_no_error (error);
  assert_count (fixture, RDM_TABLE_TOUCHPOINTS, 2, 1, 3);
}

static void
test_count_empty (Fixture *fixture, gconstpointer user_data)
{
  for (RdmTableKind kind = RDM_TABLE_TOUCHPOINTS; kind <= RDM_TABLE_CAMPAIGNS; kind++)
    assert_count (fixture, kind, 0, 0, 0);
}

static void
test_read_touchpoints (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GArray) records = read_all (fixture, RDM_TABLE_TOUCHPOINTS);
  const RdmTableRecord *record;

  g_assert_cmpuint (records->len, ==, 3);
  record = record_at (records, 0);
  g_assert_cmpint (record->id, ==, 1);
  assert_text (&record->cells[0], "alice");
  assert_integer (&record->cells[1], MARCH1 + 10 * HOUR);
  assert_text (&record->cells[2], "Facebook");
  assert_text (&record->cells[3], "Spring_Sale");
  assert_integer (&record->cells[4], 0);
  assert_integer (&record->cells[5], 0);

  /* no campaign reads as "", not NULL */
  record = record_at (records, 1);
  g_assert_cmpint (record->id, ==, 2);
  assert_integer (&record->cells[1], MARCH1 + DAY + 11 * HOUR);
  assert_text (&record->cells[2], "Newsletter");
  assert_text (&record->cells[3], "");
  assert_integer (&record->cells[4], 1);
  assert_integer (&record->cells[5], 3);

  record = record_at (records, 2);
  assert_text (&record->cells[0], "bob");
  assert_text (&record->cells[2], "Google Ads");
  assert_text (&record->cells[3], "Brand");
  assert_integer (&record->cells[4], 2);
  assert_integer (&record->cells[5], 7);
}

static void
test_read_conversions (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GArray) records = read_all (fixture, RDM_TABLE_CONVERSIONS);
  const RdmTableRecord *record;

  g_assert_cmpuint (records->len, ==, 2);
  record = record_at (records, 0);
  assert_text (&record->cells[0], "alice");
  assert_integer (&record->cells[1], MARCH1 + 3 * DAY + 9 * HOUR);
  assert_text (&record->cells[2], "signup");
  assert_amount (&record->cells[3], 120.5);

  /* an integer value reads as an amount too; no event is a purchase */
  record = record_at (records, 1);
  assert_text (&record->cells[0], "bob");
  assert_text (&record->cells[2], "purchase");
  assert_amount (&record->cells[3], 80.0);
}

static void
test_read_costs (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GArray) records = read_all (fixture, RDM_TABLE_COSTS);
  const RdmTableRecord *record;

  g_assert_cmpuint (records->len, ==, 2);
  record = record_at (records, 0);
  assert_integer (&record->cells[0], MARCH1);
  assert_text (&record->cells[1], "Facebook");
  assert_text (&record->cells[2], "Spring_Sale");
  assert_text (&record->cells[3], "media");
  assert_amount (&record->cells[4], 100.25);

  record = record_at (records, 1);
  assert_integer (&record->cells[0], MARCH1 + DAY);
  assert_text (&record->cells[1], "Newsletter");
  assert_text (&record->cells[2], "");
  assert_text (&record->cells[3], "staff");
  assert_amount (&record->cells[4], 50.0);
}

static void
test_read_campaigns (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GArray) records = read_all (fixture, RDM_TABLE_CAMPAIGNS);
  g_autoptr (GError) error = NULL;
  const RdmTableRecord *record;

  g_assert_cmpuint (records->len, ==, 2);
  record = record_at (records, 0);
  assert_text (&record->cells[0], "Spring_Sale");
  assert_text (&record->cells[1], "Facebook");
  assert_text (&record->cells[2], "social");
  /* no start or end day */
  g_assert_true (record->cells[3].is_null);
  g_assert_true (record->cells[4].is_null);

  record = record_at (records, 1);
  assert_text (&record->cells[0], "Brand");
  assert_text (&record->cells[1], "Google Ads");
  assert_text (&record->cells[2], "paid_search");

  g_assert_true (rdm_project_exec (fixture->project,
                                   "UPDATE campaign SET start_day = 1772323200,"
                                   " end_day = 1772409600 WHERE name = 'Brand'",
                                   &error));
  g_assert_no_error (error);
  g_clear_pointer (&records, g_array_unref);
  records = read_all (fixture, RDM_TABLE_CAMPAIGNS);
  record = record_at (records, 1);
  assert_integer (&record->cells[3], MARCH1);
  assert_integer (&record->cells[4], MARCH1 + DAY);
}

static void
test_read_pages (Fixture *fixture, gconstpointer user_data)
{
  static const gint64 ids[] = { 3, 99, 1 };
  g_autoptr (GArray) records = rdm_table_records_new ();
  g_autoptr (GError) error = NULL;

  /* a range past the end, then ids in their order with an unknown one
   * skipped, appended to the same array */
  g_assert_true (rdm_table_query_read_range (fixture->project, RDM_TABLE_TOUCHPOINTS, 2, 257,
                                             records, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_true (rdm_table_query_read_ids (fixture->project, RDM_TABLE_TOUCHPOINTS, ids,
                                           G_N_ELEMENTS (ids), records, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 4);
  g_assert_cmpint (record_at (records, 0)->id, ==, 2);
  g_assert_cmpint (record_at (records, 1)->id, ==, 3);
  g_assert_cmpint (record_at (records, 2)->id, ==, 3);
  assert_text (&record_at (records, 2)->cells[0], "bob");
  g_assert_cmpint (record_at (records, 3)->id, ==, 1);
  assert_text (&record_at (records, 3)->cells[0], "alice");

  g_assert_true (
      rdm_table_query_read_ids (fixture->project, RDM_TABLE_COSTS, NULL, 0, records, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 4);
}

static void
assert_search (Fixture *fixture,
               RdmTableKind kind,
               const char *text,
               int sort_column,
               gboolean descending,
               const char *expected)
{
  g_autofree char *ids = search (fixture, kind, text, sort_column, descending);

  g_assert_cmpstr (ids, ==, expected);
}

static void
test_search (Fixture *fixture, gconstpointer user_data)
{
  /* no text: every row, in rowid order either way */
  assert_search (fixture, RDM_TABLE_TOUCHPOINTS, NULL, -1, FALSE, "1,2,3");
  assert_search (fixture, RDM_TABLE_TOUCHPOINTS, "", -1, TRUE, "3,2,1");

  /* visitor, channel and campaign names, ignoring ASCII case */
  assert_search (fixture, RDM_TABLE_TOUCHPOINTS, "alice", -1, FALSE, "1,2");
  assert_search (fixture, RDM_TABLE_TOUCHPOINTS, "ALICE", -1, TRUE, "2,1");
  assert_search (fixture, RDM_TABLE_TOUCHPOINTS, "letter", -1, FALSE, "2");
  assert_search (fixture, RDM_TABLE_TOUCHPOINTS, "brand", -1, FALSE, "3");
  assert_search (fixture, RDM_TABLE_CONVERSIONS, "SIGN", -1, FALSE, "1");
  assert_search (fixture, RDM_TABLE_CONVERSIONS, "bob", -1, FALSE, "2");
  assert_search (fixture, RDM_TABLE_COSTS, "staff", -1, FALSE, "2");
  assert_search (fixture, RDM_TABLE_COSTS, "spring", -1, FALSE, "1");
  assert_search (fixture, RDM_TABLE_CAMPAIGNS, "google", -1, FALSE, "2");

  /* sorted by a column, then by rowid */
  assert_search (fixture, RDM_TABLE_TOUCHPOINTS, NULL, 5, TRUE, "3,2,1");
  assert_search (fixture, RDM_TABLE_TOUCHPOINTS, NULL, 2, FALSE, "1,3,2");
  assert_search (fixture, RDM_TABLE_TOUCHPOINTS, "alice", 0, TRUE, "2,1");
  assert_search (fixture, RDM_TABLE_CONVERSIONS, NULL, 3, FALSE, "2,1");

  /* no match: an empty list, not an error */
  assert_search (fixture, RDM_TABLE_TOUCHPOINTS, "nobody", -1, FALSE, "");
  assert_search (fixture, RDM_TABLE_CAMPAIGNS, "staff", -1, FALSE, "");
}

/* LIKE's wildcards and escape character are searched for as themselves. */
static void
test_search_wildcards (Fixture *fixture, gconstpointer user_data)
{
  assert_search (fixture, RDM_TABLE_TOUCHPOINTS, "g_S", -1, FALSE, "1");
  assert_search (fixture, RDM_TABLE_TOUCHPOINTS, "g%S", -1, FALSE, "");
  assert_search (fixture, RDM_TABLE_TOUCHPOINTS, "%", -1, FALSE, "");
  assert_search (fixture, RDM_TABLE_TOUCHPOINTS, "_", -1, FALSE, "1");
  assert_search (fixture, RDM_TABLE_TOUCHPOINTS, "a_i", -1, FALSE, "");
  assert_search (fixture, RDM_TABLE_TOUCHPOINTS, "\\", -1, FALSE, "");
  assert_search (fixture, RDM_TABLE_TOUCHPOINTS, "'; DROP TABLE touchpoint; --", -1, FALSE, "");
  assert_count (fixture, RDM_TABLE_TOUCHPOINTS, 3, 1, 3);
}

static void
test_search_cancelled (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = NULL;

  g_cancellable_cancel (cancellable);
  ids = rdm_table_query_search (fixture->path, RDM_TABLE_TOUCHPOINTS, "alice", 0, FALSE,
                                cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (ids);
}

static void
assert_search_refused (const char *path, GQuark domain, int code, const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids
      = rdm_table_query_search (path, RDM_TABLE_TOUCHPOINTS, "alice", -1, FALSE, NULL, &error);

  g_assert_error (error, domain, code);
  g_assert_null (ids);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, expected));
}

static void
test_search_bad_files (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.rendement", NULL);
  g_autofree char *text = rdm_test_write_file (fixture->dir, "notes.rendement", "not a project\n");
  g_autofree char *foreign = g_build_filename (fixture->dir, "other.sqlite", NULL);
  g_autoptr (GError) error = NULL;
  sqlite3 *db = NULL;

  assert_search_refused (missing, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_OPEN,
                         "no such project file");
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  assert_search_refused (text, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_FOREIGN,
                         "not an SQLite database");

  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (
      sqlite3_exec (db, "CREATE TABLE touchpoint (id INTEGER PRIMARY KEY)", NULL, NULL, NULL), ==,
      SQLITE_OK);
  sqlite3_close (db);
  assert_search_refused (foreign, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_FOREIGN,
                         "not a Rendement project");

  /* the search's connection checks the schema as the project's does */
  g_assert_true (rdm_project_exec (
      fixture->project, "CREATE VIEW touchpoint_view AS SELECT * FROM touchpoint", &error));
  g_assert_no_error (error);
  assert_search_refused (fixture->path, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_CORRUPT,
                         "altered or damaged");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/table-query/columns", test_columns);
  ADD ("/table-query/count", test_count);
  g_test_add ("/table-query/count-empty", Fixture, "empty", fixture_set_up, test_count_empty,
              fixture_tear_down);
  ADD ("/table-query/read-touchpoints", test_read_touchpoints);
  ADD ("/table-query/read-conversions", test_read_conversions);
  ADD ("/table-query/read-costs", test_read_costs);
  ADD ("/table-query/read-campaigns", test_read_campaigns);
  ADD ("/table-query/read-pages", test_read_pages);
  ADD ("/table-query/search", test_search);
  ADD ("/table-query/search-wildcards", test_search_wildcards);
  ADD ("/table-query/search-cancelled", test_search_cancelled);
  ADD ("/table-query/search-bad-files", test_search_bad_files);
#undef ADD

  return g_test_run ();
}
