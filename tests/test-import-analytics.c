/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Analytics exports as they are downloaded (tests/data/analytics, each file
 * shaped like the documentation named in tests/data/README.md): GA4's
 * "#" comment blocks and tables, its conversion paths (nulls unknown) and
 * explorations by day, Matomo's goals by day, the outcomes kind; which
 * preset is detected and why; every malformed variant with its message and
 * an unchanged project; what "attribute" says of unknown nulls.
 */
#include "config.h"

#include <string.h>
#include <cjson/cJSON.h>

#include "rdm-csv.h"
#include "rdm-import.h"
#include "rdm-project-db.h"
#include "rdm-test-util.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

/* `date -u -d 2026-10-01 +%s` and so on */
#define OCT1 G_GINT64_CONSTANT (1790812800)
#define OCT31 G_GINT64_CONSTANT (1793404800)
#define DEC31 G_GINT64_CONSTANT (1798675200)
#define DAY 86400

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
data_file (const char *name)
{
  const char *root = g_getenv ("RDM_TEST_DATA");

  g_assert_nonnull (root);
  return g_build_filename (root, "analytics", name, NULL);
}

static void
assert_sql (RdmProject *project, const char *sql, const char *expected)
{
  g_autofree char *text = rdm_test_query_text (rdm_project_get_db (project), sql);

  g_assert_cmpstr (text, ==, expected);
}

/* Imports @name with the header's own preset (none named). */
static RdmImportReport *
import_detected (RdmProject *project, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = data_file (name);
  RdmImportReport *report = NULL;

  g_assert_true (rdm_import_file (project, path, NULL, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  return report;
}

/* Imports @name, which must fail with @code and a message holding each of
 * the NULL-terminated strings, and leave the project as it was. */
static void
import_fails (RdmProject *project, const char *name, const char *preset, int code, ...)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = data_file (name);
  RdmImportOptions options = { .preset = preset };
  va_list args;

  g_assert_false (rdm_import_file (project, path, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, RDM_IMPORT_ERROR, code);
  va_start (args, code);
  for (const char *part = va_arg (args, const char *); part != NULL;
       part = va_arg (args, const char *))
    if (strstr (error->message, part) == NULL)
      g_error ("“%s” is not in “%s”", part, error->message);
  va_end (args);
  assert_sql (project,
              "SELECT (SELECT count(*) FROM import_log), (SELECT count(*) FROM path_row),"
              " (SELECT count(*) FROM outcome), (SELECT count(*) FROM channel)",
              "0|0|0|0\n");
}

static void
test_csv_comment_blocks (void)
{
  static const char text[] = "# ----\n# Title\n# Start date: 20261001\n\n"
                             "a;b\n1;2\n\n# ----\n# Second\n\nc,d,e\n3,4,5\n";
  g_autoptr (GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr (RdmCsvReader) reader = rdm_csv_reader_new_for_data ("t.csv", bytes);
  g_autoptr (GError) error = NULL;
  const GPtrArray *comments;

  rdm_csv_reader_set_comment_marker (reader, '#');
  comments = rdm_csv_reader_get_comments (reader);
  g_assert_cmpuint (comments->len, ==, 3);
  g_assert_cmpstr (comments->pdata[1], ==, " Title");
  /* the separator comes from the table's first line, not the comments */
  g_assert_cmpint (rdm_csv_reader_get_separator (reader), ==, ';');
  g_assert_true (rdm_csv_reader_next (reader, &error));
  g_assert_cmpuint (rdm_csv_reader_get_line (reader), ==, 5);
  g_assert_true (rdm_csv_reader_next (reader, &error));
  g_assert_cmpstr (rdm_csv_reader_get_field (reader, 1, NULL), ==, "2");
  /* the next block ends the first table */
  g_assert_false (rdm_csv_reader_next (reader, &error));
  g_assert_no_error (error);
  g_assert_true (rdm_csv_reader_next_table (reader));
  g_assert_cmpuint (comments->len, ==, 2);
  g_assert_cmpint (rdm_csv_reader_get_separator (reader), ==, ',');
  g_assert_true (rdm_csv_reader_next (reader, &error));
  g_assert_cmpuint (rdm_csv_reader_get_n_fields (reader), ==, 3);
  g_assert_cmpuint (rdm_csv_reader_get_line (reader), ==, 11);
  g_assert_true (rdm_csv_reader_next (reader, &error));
  g_assert_false (rdm_csv_reader_next (reader, &error));
  g_assert_false (rdm_csv_reader_next_table (reader));
  g_assert_no_error (error);
}

static void
test_ga4_paths (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmImportReport) report
      = import_detected (fixture->project, "ga4-conversion-paths.csv");

  g_assert_cmpstr (report->preset, ==, "ga4-paths");
  g_assert_cmpint (report->kind, ==, RDM_IMPORT_KIND_PATHS);
  g_assert_cmpuint (report->rows_imported, ==, 4);
  /* "# Start date: 20261001", "# End date: 20261231" */
  g_assert_cmpint (report->period_start, ==, OCT1);
  g_assert_cmpint (report->period_end, ==, DEC31);
  /* the file's rows as they are; no null column: 0, marked unknown */
  assert_sql (fixture->project,
              "SELECT path, conversions, value, nulls, nulls_known, source_path IS NULL"
              " FROM path_row ORDER BY id",
              "Direct|120.0|9600.5|0.0|0|1\n"
              "Organic Search > Direct|45.0|4050.0|0.0|0|1\n"
              "Paid Search > Organic Search > Direct|18.0|2160.75|0.0|0|1\n"
              "Email > Paid Search|7.0|0.0|0.0|0|1\n");
  assert_sql (fixture->project, "SELECT kind, preset, period_start, period_end FROM import_log",
              "paths|ga4-paths|1790812800|1798675200\n");
}

static void
test_ga4_paths_source_medium (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmImportReport) report
      = import_detected (fixture->project, "ga4-conversion-paths-source-medium.csv");
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpstr (report->preset, ==, "ga4-paths");
  g_assert_cmpint (report->period_end, ==, OCT31);
  /* the steps become channels by the default channel rules (GA4's
   * grouping: (direct) / (none) is Direct, google / cpc Paid Search,
   * medium email Email, google / organic Organic Search); the steps are
   * kept for when the rules change */
  assert_sql (fixture->project,
              "SELECT path, conversions, value, source_path FROM path_row ORDER BY id",
              "Direct|31.0|2480.0|(direct) / (none)\n"
              "Paid Search > Direct|12.0|1130.4|google / cpc > (direct) / (none)\n"
              "Email > Organic Search > Direct|5.0|612.5|newsletter / email > google / organic > "
              "(direct) / (none)\n");

  /* a rule added first re-labels the imported paths, without importing
   * again */
  g_clear_object (&fixture->project);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "channel-rule", "add", fixture->path, "--source",
                                     "newsletter", "--channel", "Newsletter", "--group", "email",
                                     "--position", "1", NULL),
                   ==, 0);
  fixture->project = rdm_project_open (fixture->path, &error);
  g_assert_no_error (error);
  assert_sql (fixture->project, "SELECT path FROM path_row ORDER BY id",
              "Direct\nPaid Search > Direct\nNewsletter > Organic Search > Direct\n");
}

static void
test_ga4_paths_french (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmImportReport) report
      = import_detected (fixture->project, "ga4-conversion-paths-fr.csv");

  g_assert_cmpstr (report->preset, ==, "ga4-paths");
  /* "# Date de début : 20261001", "# Date de fin : 20261231" */
  g_assert_cmpint (report->period_start, ==, OCT1);
  g_assert_cmpint (report->period_end, ==, DEC31);
  assert_sql (fixture->project, "SELECT path, conversions, value FROM path_row ORDER BY id",
              "Direct|64.0|5120.0\nOrganic Search > Direct|21.0|1890.5\n");
}

static void
test_ga4_second_table (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = data_file ("ga4-two-tables.csv");
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmImportPreview) preview = rdm_import_preview (path, 10, NULL, &error);
  g_autoptr (RdmImportReport) report = NULL;
  RdmImportOptions options = { .preset = "ga4-paths" };

  /* the chart's "Nth day" table is no preset's: the paths table is read */
  g_assert_no_error (error);
  g_assert_cmpuint (preview->table, ==, 2);
  g_assert_cmpstr (preview->preset, ==, "ga4-paths");
  g_assert_cmpuint (preview->rows->len, ==, 2);
  /* the same with the preset named */
  g_clear_pointer (&preview, rdm_import_preview_free);
  preview = rdm_import_preview (path, 10, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->table, ==, 2);
  g_assert_null (preview->problem);
  report = import_detected (fixture->project, "ga4-two-tables.csv");
  g_assert_cmpuint (report->rows_read, ==, 2);
  assert_sql (fixture->project, "SELECT path, conversions, value FROM path_row ORDER BY id",
              "Direct|30.0|2400.0\nReferral > Direct|8.0|560.0\n");
}

/* GA4 shows a channel repeated on consecutive touches as "Name ×N". */
static void
test_ga4_repeated_steps (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path
      = rdm_test_write_file (fixture->dir, "repeat.csv",
                             "# Conversion paths\n# Start date: 20261001\n\n"
                             "Default channel group,Conversions,Purchase revenue\n"
                             "Organic Search ×3 > Direct,4,100\nDirect × 2,1,10\n");

  g_assert_true (rdm_import_file (fixture->project, path, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_sql (fixture->project, "SELECT path FROM path_row ORDER BY id",
              "Organic Search > Organic Search > Organic Search > Direct\nDirect > Direct\n");
}

static void
test_ga4_daily (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmImportReport) report
      = import_detected (fixture->project, "ga4-exploration-daily.csv");
  g_autoptr (GError) error = NULL;
  RdmProjectInfo info;

  g_assert_cmpstr (report->preset, ==, "ga4-daily");
  g_assert_cmpint (report->kind, ==, RDM_IMPORT_KIND_OUTCOMES);
  /* "20261001" is a day (YYYYMMDD), not epoch seconds */
  assert_sql (fixture->project, "SELECT day, region, conversions, value FROM outcome ORDER BY id",
              "1790812800||12.0|840.5\n1790899200||9.0|612.0\n1790985600||15.0|1104.25\n");
  g_assert_true (rdm_project_get_info (fixture->project, &info, &error));
  g_assert_cmpint (info.outcome_days, ==, 3);
  g_assert_cmpint (info.first_outcome_day, ==, OCT1);
  g_assert_cmpint (info.last_outcome_day, ==, OCT1 + 2 * DAY);
}

static void
test_matomo_goals (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmImportReport) report
      = import_detected (fixture->project, "matomo-goals-by-day.csv");
  g_autoptr (RdmImportReport) french = NULL;
  g_autoptr (GError) error = NULL;
  RdmProjectInfo info;

  g_assert_cmpstr (report->preset, ==, "matomo-goals");
  g_assert_cmpint (report->period_start, ==, 0);
  assert_sql (fixture->project, "SELECT day, conversions, value FROM outcome ORDER BY id",
              "1790812800|14.0|1120.5\n1790899200|9.0|705.0\n1790985600|0.0|0.0\n"
              "1791072000|21.0|1890.25\n");
  /* the interface's export in French: translated headers, ';' and decimal
   * commas */
  french = import_detected (fixture->project, "matomo-goals-ui-fr.csv");
  g_assert_cmpstr (french->preset, ==, "matomo-goals");
  assert_sql (fixture->project,
              "SELECT day, conversions, value FROM outcome WHERE import_id = 2 ORDER BY id",
              "1790812800|14.0|1120.5\n1790899200|9.0|705.0\n");
  /* 2026-10-01 … 04, the French file's two days among them */
  g_assert_true (rdm_project_get_info (fixture->project, &info, &error));
  g_assert_cmpint (info.outcome_days, ==, 4);
}

static void
test_outcomes_kind (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = data_file ("outcomes-fr.csv");
  RdmImportOptions options = { .kind = RDM_IMPORT_KIND_OUTCOMES };
  g_autoptr (RdmImportReport) report = NULL;
  g_autoptr (RdmImportRecord) removed = NULL;

  g_assert_true (
      rdm_import_file (fixture->project, path, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (report->preset, ==, "outcomes");
  /* French words, dd/mm/yyyy, decimal comma, a region per row */
  assert_sql (fixture->project, "SELECT day, region, conversions, value FROM outcome ORDER BY id",
              "1790812800|Nord|12.0|840.5\n1790812800|Sud|7.0|420.0\n1790899200|Nord|9.0|612.0\n");
  g_assert_true (rdm_import_kind_is_removable ("outcomes"));
  g_assert_true (rdm_project_remove_import (fixture->project, report->import_id, &removed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (removed->rows, ==, 3);
  assert_sql (fixture->project, "SELECT count(*) FROM outcome", "0\n");
}

static void
test_malformed (Fixture *fixture, gconstpointer user_data)
{
  import_fails (fixture->project, "ga4-conversion-paths-no-table.csv", NULL, RDM_IMPORT_ERROR_EMPTY,
                "ga4-conversion-paths-no-table.csv:11:1:", "no table after it", NULL);
  import_fails (fixture->project, "ga4-conversion-paths-no-conversions.csv", NULL,
                RDM_IMPORT_ERROR_MISSING_COLUMN, "missing column “conversions”", "ga4-paths", NULL);
  /* named, the preset says the same */
  import_fails (fixture->project, "ga4-conversion-paths-no-conversions.csv", "ga4-paths",
                RDM_IMPORT_ERROR_MISSING_COLUMN, "missing column “conversions”", NULL);
  import_fails (
      fixture->project, "ga4-conversion-paths-de.csv", NULL, RDM_IMPORT_ERROR_UNRECOGNIZED,
      "ga4-conversion-paths-de.csv:11:", "“Standard-Channelgruppe”", "English or French", NULL);
  /* totals by channel group are not paths of one step */
  import_fails (fixture->project, "ga4-exploration-by-channel.csv", NULL,
                RDM_IMPORT_ERROR_UNRECOGNIZED, "exploration by other dimensions", NULL);
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *twice = rdm_test_write_file (
        fixture->dir, "twice.csv",
        "# Conversion paths\n\nDefault channel group,Conversions,conversions\nDirect,1,1\n");

    /* a column named twice, at its own line and column */
    g_assert_false (
        rdm_import_file (fixture->project, twice, NULL, NULL, NULL, NULL, NULL, &error));
    g_assert_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_HEADER);
    g_assert_nonnull (strstr (error->message, "twice.csv:3:3: the column “conversions”"));
  }
  import_fails (fixture->project, "matomo-goals-by-goal.csv", NULL, RDM_IMPORT_ERROR_BAD_ROW,
                "matomo-goals-by-goal.csv:2:1: date:", "export the report by day",
                "“Newsletter signup”", NULL);
}

static void
test_preview_reason (void)
{
  g_autofree char *paths = data_file ("ga4-conversion-paths.csv");
  g_autofree char *matomo = data_file ("matomo-goals-by-day.csv");
  g_autofree char *german = data_file ("ga4-conversion-paths-de.csv");
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmImportPreview) preview = rdm_import_preview (paths, 5, NULL, &error);
  g_autoptr (RdmImportPreview) chosen = NULL;
  g_autoptr (RdmImportPreview) unknown = NULL;
  RdmImportOptions options = { .preset = "channelattribution" };

  g_assert_no_error (error);
  g_assert_cmpstr (preview->reason, ==,
                   "Detected: GA4 conversion paths — the header has “Default channel group”, "
                   "“Conversions”, “Purchase revenue”, “Days to conversion”, “Touchpoints to "
                   "conversion” and the file starts with GA4’s “#” comment block");
  g_assert_cmpint (preview->period_start, ==, OCT1);
  g_clear_pointer (&preview, rdm_import_preview_free);
  preview = rdm_import_preview (matomo, 5, NULL, &error);
  g_assert_cmpstr (preview->reason, ==,
                   "Detected: Matomo goals by day — the header has “date”, “nb_conversions”, "
                   "“revenue”, “nb_visits_converted”, “conversion_rate”");
  /* a preset the user names is said to be chosen, with what it misses */
  chosen = rdm_import_preview (paths, 5, &options, &error);
  g_assert_true (
      g_str_has_prefix (chosen->reason, "Preset chosen: Path table (ChannelAttribution)"));
  g_assert_nonnull (strstr (chosen->problem, "missing column “path”"));
  /* a GA4 export no preset reads says why */
  unknown = rdm_import_preview (german, 5, NULL, &error);
  g_assert_null (unknown->preset);
  g_assert_null (unknown->reason);
  g_assert_nonnull (strstr (unknown->problem, "English or French"));
}

static void
test_cli (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *paths = data_file ("ga4-conversion-paths.csv");
  g_autofree char *known = NULL;
  g_autofree char *known_project = g_build_filename (fixture->dir, "known.rendement", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (cJSON) root = NULL;
  const cJSON *models;
  const char *root_dir = g_getenv ("RDM_TEST_DATA");

  g_clear_object (&fixture->project);
  /* --dry-run names the preset and why, and touches no project */
  g_assert_cmpint (
      rdm_test_run_cli (&out, &err, "import", "/nonexistent.rendement", paths, "--dry-run", NULL),
      ==, 0);
  g_assert_nonnull (strstr (out, "Detected: GA4 conversion paths"));
  g_assert_nonnull (strstr (out, "conversions ← “Conversions”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", fixture->path, paths, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Period (as the file states it): 2026-10-01 … 2026-12-31"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Markov and Shapley say the nulls are unknown, in JSON and the table */
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "attribute", fixture->path, "--model",
                                     "last,markov,shapley", "-f", "json", NULL),
                   ==, 0);
  root = cJSON_Parse (out);
  models = cJSON_GetObjectItem (root, "models");
  g_assert_null (cJSON_GetObjectItem (cJSON_GetArrayItem (models, 0), "note"));
  for (int m = 1; m <= 2; m++)
    g_assert_nonnull (
        strstr (cJSON_GetStringValue (cJSON_GetObjectItem (cJSON_GetArrayItem (models, m), "note")),
                "non-converting journeys (nulls) are unknown, not zero"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (
      rdm_test_run_cli (&out, &err, "attribute", fixture->path, "--model", "markov", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Markov chain: The path table holds converting paths only"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* info: the period GA4 stated, the days of outcomes */
  {
    g_autofree char *matomo = data_file ("matomo-goals-by-day.csv");
    g_autoptr (cJSON) info = NULL;
    const cJSON *first_import;

    g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", fixture->path, matomo, NULL), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (rdm_test_run_cli (&out, &err, "info", fixture->path, "-f", "json", NULL), ==,
                     0);
    info = cJSON_Parse (out);
    g_assert_cmpfloat (cJSON_GetNumberValue (cJSON_GetObjectItem (info, "outcome_days")), ==, 4);
    g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (info, "first_outcome_day")), ==,
                     "2026-10-01");
    g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (info, "last_outcome_day")), ==,
                     "2026-10-04");
    first_import = cJSON_GetArrayItem (cJSON_GetObjectItem (info, "imports"), 0);
    g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (first_import, "period_start")), ==,
                     "2026-10-01");
    g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (first_import, "period_end")), ==,
                     "2026-12-31");
    /* Matomo's file states no period */
    g_assert_null (cJSON_GetObjectItem (
        cJSON_GetArrayItem (cJSON_GetObjectItem (info, "imports"), 1), "period_start"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* a path table with its nulls says nothing of the kind */
  known = g_build_filename (root_dir, "import", "paths.csv", NULL);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "new", known_project, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", known_project, known, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (
      rdm_test_run_cli (&out, &err, "attribute", known_project, "--model", "markov", NULL), ==, 0);
  g_assert_null (strstr (out, "unknown"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-analytics/csv-comment-blocks", test_csv_comment_blocks);
  g_test_add_func ("/import-analytics/preview-reason", test_preview_reason);
#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/import-analytics/ga4-paths", test_ga4_paths);
  ADD ("/import-analytics/ga4-paths-source-medium", test_ga4_paths_source_medium);
  ADD ("/import-analytics/ga4-paths-french", test_ga4_paths_french);
  ADD ("/import-analytics/ga4-second-table", test_ga4_second_table);
  ADD ("/import-analytics/ga4-repeated-steps", test_ga4_repeated_steps);
  ADD ("/import-analytics/ga4-daily", test_ga4_daily);
  ADD ("/import-analytics/matomo-goals", test_matomo_goals);
  ADD ("/import-analytics/outcomes-kind", test_outcomes_kind);
  ADD ("/import-analytics/malformed", test_malformed);
  ADD ("/import-analytics/cli", test_cli);
#undef ADD
  return g_test_run ();
}
