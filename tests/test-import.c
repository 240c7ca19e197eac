/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The importers on hand-written fixtures (tests/data/import), every error
 * path with its message and an unchanged project, rendement-cli import, a
 * killed import, and the public data sets when they are present.
 */
/* truncate() */
#define _POSIX_C_SOURCE 200809L

#include "config.h"

#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cjson/cJSON.h>
#include <glib/gstdio.h>

#include "rdm-csv.h"
#include "rdm-experiments.h"
#include "rdm-import.h"
#include "rdm-project-db.h"
#include "rdm-test-util.h"

#define sql_int(project, sql) rdm_test_query_int (rdm_project_get_db (project), sql)
#define sql_double(project, sql) rdm_test_query_double (rdm_project_get_db (project), sql)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

/* 2026-03-01 00:00:00 UTC (`date -u -d 2026-03-01 +%s`) */
#define MARCH1 G_GINT64_CONSTANT (1772323200)
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
fixture_file (const char *name)
{
  const char *root = g_getenv ("RDM_TEST_DATA");

  g_assert_nonnull (root);
  return g_build_filename (root, "import", name, NULL);
}

/* All rows of a query, one line per row, '|' between columns. */
static char *
sql_text (RdmProject *project, const char *sql)
{
  return rdm_test_query_text (rdm_project_get_db (project), sql);
}

static void
assert_sql (RdmProject *project, const char *sql, const char *expected)
{
  g_autofree char *text = sql_text (project, sql);

  g_assert_cmpstr (text, ==, expected);
}

/* An import changes some connection settings for speed and must put them
 * back as rdm_project_open() left them, whether it succeeds or fails. */
static void
assert_connection_settings (RdmProject *project)
{
  assert_sql (project, "PRAGMA foreign_keys", "1\n");
  assert_sql (project, "PRAGMA ignore_check_constraints", "0\n");
  /* 2 = MEMORY */
  assert_sql (project, "PRAGMA temp_store", "2\n");
  assert_sql (project, "PRAGMA cache_size", "-65536\n");
  /* spilling again: the pages a 64 MiB cache holds */
  assert_sql (project, "PRAGMA cache_spill", "15857\n");
  assert_sql (project, "PRAGMA journal_mode", "wal\n");
  /* 1 = NORMAL */
  assert_sql (project, "PRAGMA synchronous", "1\n");
}

static RdmProjectInfo
get_info (RdmProject *project)
{
  g_autoptr (GError) error = NULL;
  RdmProjectInfo info;

  g_assert_true (rdm_project_get_info (project, &info, &error));
  g_assert_no_error (error);
  return info;
}

static void
assert_info_equal (const RdmProjectInfo *a, const RdmProjectInfo *b)
{
  g_assert_cmpint (a->visitors, ==, b->visitors);
  g_assert_cmpint (a->touchpoints, ==, b->touchpoints);
  g_assert_cmpint (a->conversions, ==, b->conversions);
  g_assert_cmpfloat (a->conversion_value, ==, b->conversion_value);
  g_assert_cmpfloat (a->cost, ==, b->cost);
  g_assert_cmpfloat (a->shared_cost, ==, b->shared_cost);
  g_assert_cmpint (a->channels, ==, b->channels);
  g_assert_cmpint (a->campaigns, ==, b->campaigns);
  g_assert_cmpint (a->paths, ==, b->paths);
  g_assert_cmpint (a->imports, ==, b->imports);
  g_assert_cmpint (a->first_time, ==, b->first_time);
  g_assert_cmpint (a->last_time, ==, b->last_time);
}

static RdmImportReport *
import_ok (RdmProject *project, const char *name, RdmImportKind kind, const char *preset)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = fixture_file (name);
  RdmImportOptions options = { .kind = kind, .preset = preset };
  RdmImportReport *report = NULL;

  g_assert_true (rdm_import_file (project, path, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* Imports @path expecting an error with @message in it, and checks that
 * the project did not change at all. */
static void
import_fails (RdmProject *project,
              const char *path,
              const RdmImportOptions *options,
              GQuark domain,
              int code,
              const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmImportReport) report = NULL;
  g_autofree char *log_before
      = sql_text (project, "SELECT id, checksum, rows, rejects FROM import_log ORDER BY id");
  g_autofree char *log_after = NULL;
  RdmProjectInfo before = get_info (project);
  RdmProjectInfo after;

  g_assert_false (rdm_import_file (project, path, options, NULL, NULL, NULL, &report, &error));
  g_assert_null (report);
  g_assert_error (error, domain, code);
  if (strstr (error->message, message) == NULL)
    g_error ("expected “%s” in the message “%s”", message, error->message);
  after = get_info (project);
  assert_info_equal (&before, &after);
  log_after = sql_text (project, "SELECT id, checksum, rows, rejects FROM import_log ORDER BY id");
  g_assert_cmpstr (log_before, ==, log_after);
  assert_connection_settings (project);
}

static void
test_events (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmImportReport) report
      = import_ok (fixture->project, "events.csv", RDM_IMPORT_KIND_EVENTS, NULL);
  g_autofree char *conversions = NULL;
  g_autofree char *log = NULL;
  RdmProjectInfo info = get_info (fixture->project);

  g_assert_cmpstr (report->preset, ==, "events");
  g_assert_cmpint (report->kind, ==, RDM_IMPORT_KIND_EVENTS);
  g_assert_cmpint (report->separator, ==, ',');
  g_assert_cmpuint (report->rows_read, ==, 7);
  g_assert_cmpuint (report->rows_imported, ==, 7);
  g_assert_cmpuint (report->rejects->len, ==, 0);
  g_assert_cmpint (report->import_id, ==, 1);

  /* 7 rows: 5 touches (v1 ×3, v2 ×1, v3 ×1) and 2 conversions */
  g_assert_cmpint (info.visitors, ==, 3);
  g_assert_cmpint (info.touchpoints, ==, 5);
  g_assert_cmpint (info.conversions, ==, 2);
  /* 120.50 + 80 */
  g_assert_cmpfloat (info.conversion_value, ==, 200.5);
  /* Facebook, Email, Google Ads; Facebook/Spring, Google Ads/Brand */
  g_assert_cmpint (info.channels, ==, 3);
  g_assert_cmpint (info.campaigns, ==, 2);
  g_assert_cmpint (info.imports, ==, 1);
  /* v2's click at epoch 1772323200 is the earliest; v3's impression on
   * 2026-03-05T08:00Z = MARCH1 + 4 days + 8 h the latest */
  g_assert_cmpint (info.first_time, ==, MARCH1);
  g_assert_cmpint (info.last_time, ==, MARCH1 + 4 * DAY + 8 * 3600);

  /* 0 + 3 + 5 + 1 + 0 */
  g_assert_cmpint (sql_int (fixture->project, "SELECT sum(page_views) FROM touchpoint"), ==, 9);
  g_assert_cmpint (
      sql_int (fixture->project, "SELECT count(*) FROM touchpoint WHERE interaction = 0"), ==, 2);
  g_assert_cmpint (
      sql_int (fixture->project, "SELECT count(*) FROM touchpoint WHERE interaction = 1"), ==, 2);
  g_assert_cmpint (
      sql_int (fixture->project, "SELECT count(*) FROM touchpoint WHERE interaction = 2"), ==, 1);
  /* "02/03/2026 12:00" is 2 March, 12:00 UTC */
  g_assert_cmpint (sql_int (fixture->project, "SELECT time FROM touchpoint WHERE interaction = 2"),
                   ==, MARCH1 + DAY + 12 * 3600);
  g_assert_cmpint (
      sql_int (fixture->project, "SELECT count(*) FROM touchpoint WHERE campaign_id IS NULL"), ==,
      1);
  g_assert_cmpint (
      sql_int (fixture->project, "SELECT count(*) FROM touchpoint WHERE import_id = 1"), ==, 5);

  /* 09:00+01:00 on 3 March is 08:00 UTC; 2026-03-04 is midnight UTC */
  conversions = sql_text (fixture->project,
                          "SELECT v.external_id, c.time, c.event, c.value FROM conversion c"
                          " JOIN visitor v ON v.id = c.visitor_id ORDER BY c.time");
  g_assert_cmpstr (conversions, ==,
                   "v1|1772524800|purchase|120.5\n"
                   "v2|1772582400|signup|80.0\n");
  assert_sql (fixture->project, "SELECT name, channel_group FROM channel ORDER BY name",
              "Email|email\nFacebook|social\nGoogle Ads|paid_search\n");

  log = sql_text (
      fixture->project,
      "SELECT file_name, length(checksum), kind, preset, rows, rejects FROM import_log");
  g_assert_cmpstr (log, ==, "events.csv|64|events|events|7|0\n");
}

static const char touch_dump_sql[]
    = "SELECT v.external_id, t.time, ch.name, ifnull(ca.name, ''), t.interaction, t.page_views"
      " FROM touchpoint t JOIN visitor v ON v.id = t.visitor_id"
      " JOIN channel ch ON ch.id = t.channel_id LEFT JOIN campaign ca ON ca.id = t.campaign_id"
      " ORDER BY t.id";
static const char conversion_dump_sql[]
    = "SELECT v.external_id, c.time, c.event, c.value FROM conversion c"
      " JOIN visitor v ON v.id = c.visitor_id ORDER BY c.id";

/* The same data as a comma CSV and as a French export (BOM, CRLF, ';',
 * decimal comma, French headers) gives exactly the same rows. */
static void
test_events_semicolon (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.rendement", NULL);
  g_autoptr (RdmProject) other = rdm_project_create (other_path, &error);
  g_autoptr (RdmImportReport) comma
      = import_ok (fixture->project, "events.csv", RDM_IMPORT_KIND_EVENTS, NULL);
  g_autoptr (RdmImportReport) semicolon
      = import_ok (other, "events-fr.csv", RDM_IMPORT_KIND_EVENTS, NULL);
  g_autofree char *touches_a = sql_text (fixture->project, touch_dump_sql);
  g_autofree char *touches_b = sql_text (other, touch_dump_sql);
  g_autofree char *conversions_a = sql_text (fixture->project, conversion_dump_sql);
  g_autofree char *conversions_b = sql_text (other, conversion_dump_sql);
  RdmProjectInfo a = get_info (fixture->project);
  RdmProjectInfo b = get_info (other);

  g_assert_no_error (error);
  g_assert_cmpint (semicolon->separator, ==, ';');
  g_assert_cmpstr (semicolon->preset, ==, "events");
  g_assert_cmpuint (semicolon->rows_imported, ==, 7);
  assert_info_equal (&a, &b);
  g_assert_cmpstr (touches_a, ==, touches_b);
  g_assert_cmpstr (conversions_a, ==, conversions_b);
}

static void
test_kaggle (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmImportReport) report
      = import_ok (fixture->project, "kaggle.csv", RDM_IMPORT_KIND_EVENTS, "kaggle");
  RdmProjectInfo info = get_info (fixture->project);

  g_assert_cmpuint (report->rows_imported, ==, 6);
  /* every row is an impression, converting rows included */
  g_assert_cmpint (info.touchpoints, ==, 6);
  g_assert_cmpint (
      sql_int (fixture->project, "SELECT count(*) FROM touchpoint WHERE interaction = 0"), ==, 6);
  g_assert_cmpint (info.visitors, ==, 3);
  g_assert_cmpint (info.conversions, ==, 2);
  /* 6.5 + 4 */
  g_assert_cmpfloat (info.conversion_value, ==, 10.5);
  g_assert_cmpint (info.channels, ==, 5);
  g_assert_cmpint (info.campaigns, ==, 0);
  /* each conversion at its row's time, with that row's channel as a touch */
  assert_sql (fixture->project,
              "SELECT v.external_id, c.event, c.value, ch.name FROM conversion c"
              " JOIN visitor v ON v.id = c.visitor_id JOIN touchpoint t ON"
              " t.visitor_id = c.visitor_id AND t.time = c.time"
              " JOIN channel ch ON ch.id = t.channel_id ORDER BY v.external_id",
              "c1|conversion|6.5|Paid Search\nc2|conversion|4.0|Facebook\n");
}

static void
test_criteo (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmImportReport) report
      = import_ok (fixture->project, "criteo.csv", RDM_IMPORT_KIND_NONE, "criteo");
  RdmProjectInfo info = get_info (fixture->project);

  g_assert_cmpint (report->kind, ==, RDM_IMPORT_KIND_EVENTS);
  g_assert_cmpuint (report->rows_imported, ==, 5);
  g_assert_cmpint (info.touchpoints, ==, 5);
  g_assert_cmpint (
      sql_int (fixture->project, "SELECT count(*) FROM touchpoint WHERE interaction = 1"), ==, 2);
  g_assert_cmpint (info.visitors, ==, 2);
  /* u1's two rows converting at 5000 are one conversion; u2 converts at 90000 */
  g_assert_cmpint (info.conversions, ==, 2);
  assert_sql (fixture->project,
              "SELECT v.external_id, c.time, c.value FROM conversion c"
              " JOIN visitor v ON v.id = c.visitor_id ORDER BY c.time",
              "u1|5000|0.0\nu2|90000|0.0\n");
  g_assert_cmpint (info.channels, ==, 1);
  g_assert_cmpint (info.campaigns, ==, 2);
  assert_sql (fixture->project, "SELECT name, channel_group FROM channel", "Criteo|display\n");
  /* day 0: campaign 101 0.5 + 0.25 = 0.75, campaign 202 1.0;
   * day 1 (86400): campaign 101 2.0 + 0.75 = 2.75; in all 4.5 */
  assert_sql (fixture->project,
              "SELECT c.day, ca.name, c.category, c.amount FROM cost c"
              " JOIN campaign ca ON ca.id = c.campaign_id ORDER BY c.id",
              "0|101|media|0.75\n0|202|media|1.0\n86400|101|media|2.75\n");
  g_assert_cmpfloat (info.cost, ==, 4.5);
}

static void
test_paths (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmImportReport) report
      = import_ok (fixture->project, "paths.csv", RDM_IMPORT_KIND_PATHS, NULL);
  RdmProjectInfo info = get_info (fixture->project);

  g_assert_cmpstr (report->preset, ==, "channelattribution");
  g_assert_cmpint (info.paths, ==, 3);
  /* the decimal commas: 2 + 0 + 1,5; 10,5 + 0 + 3; 3 + 7 + 0 */
  g_assert_cmpfloat (sql_double (fixture->project, "SELECT sum(conversions) FROM path_row"), ==,
                     3.5);
  g_assert_cmpfloat (sql_double (fixture->project, "SELECT sum(value) FROM path_row"), ==, 13.5);
  g_assert_cmpfloat (sql_double (fixture->project, "SELECT sum(nulls) FROM path_row"), ==, 10);
  /* " c >a " is written the canonical way */
  assert_sql (fixture->project, "SELECT path FROM path_row ORDER BY id", "a > b > c\nb\nc > a\n");
  g_assert_cmpint (info.touchpoints, ==, 0);
}

static const char cost_dump_sql[]
    = "SELECT c.day, ch.name, ifnull(ca.name, ''), c.category, c.amount FROM cost c"
      " JOIN channel ch ON ch.id = c.channel_id LEFT JOIN campaign ca ON ca.id = c.campaign_id"
      " ORDER BY c.id";

static void
test_costs (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.rendement", NULL);
  g_autoptr (RdmProject) other = rdm_project_create (other_path, &error);
  g_autoptr (RdmImportReport) report
      = import_ok (fixture->project, "costs.csv", RDM_IMPORT_KIND_COSTS, NULL);
  g_autoptr (RdmImportReport) french
      = import_ok (other, "costs-fr.csv", RDM_IMPORT_KIND_NONE, NULL);
  g_autofree char *dump_a = sql_text (fixture->project, cost_dump_sql);
  g_autofree char *dump_b = sql_text (other, cost_dump_sql);
  RdmProjectInfo info = get_info (fixture->project);
  RdmProjectInfo info_fr = get_info (other);

  g_assert_no_error (error);
  /* the French header is recognised without naming the kind */
  g_assert_cmpstr (french->preset, ==, "costs");
  /* 100.25 + 50 + 200 + 9.75 */
  g_assert_cmpfloat (info.cost, ==, 360);
  g_assert_cmpint (info.channels, ==, 2);
  g_assert_cmpint (info.campaigns, ==, 1);
  /* 15:00 on 2 March lands on the day 2026-03-02 00:00 */
  g_assert_cmpstr (dump_a, ==,
                   "1772323200|Facebook|Spring|media|100.25\n"
                   "1772323200|Facebook||content|50.0\n"
                   "1772323200|Blog||staff|200.0\n"
                   "1772409600|Facebook|Spring|tools|9.75\n");
  g_assert_cmpstr (dump_a, ==, dump_b);
  assert_info_equal (&info, &info_fr);
}

/* A cost whose channel cell is empty, "(shared)" or "(partagé)" is a
 * shared cost, with its description; the channel's own cost is not. */
static void
test_shared_costs (Fixture *fixture, gconstpointer user_data)
{
  RdmImportOptions costs = { .kind = RDM_IMPORT_KIND_COSTS };
  g_autoptr (RdmImportReport) report
      = import_ok (fixture->project, "costs-shared.csv", RDM_IMPORT_KIND_NONE, NULL);
  g_autofree char *path = NULL;
  RdmProjectInfo info = get_info (fixture->project);

  g_assert_cmpstr (report->preset, ==, "costs");
  g_assert_cmpfloat (info.cost, ==, 100.25);
  /* 400 + 50 + 25.5 */
  g_assert_cmpfloat (info.shared_cost, ==, 475.5);
  g_assert_cmpint (info.channels, ==, 1);
  /* 2026-03-01, then 14 and 19 days later (+ 1 209 600 and + 1 641 600
   * seconds), at 00:00 UTC */
  assert_sql (fixture->project,
              "SELECT day, category, amount, description, import_id FROM shared_cost ORDER BY id",
              "1772323200|other|400.0|agency fee|1\n"
              "1773532800|tools|50.0|tools licence|1\n"
              "1773964800|staff|25.5||1\n");

  /* a campaign belongs to one channel: a shared cost has none; the
   * campaign starts after "2026-03-01,," (12 characters) */
  path = rdm_test_write_file (fixture->dir, "shared-campaign.csv",
                              "date,channel,campaign,category,amount\n"
                              "2026-03-01,,Spring,other,1\n");
  import_fails (fixture->project, path, &costs, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                "shared-campaign.csv:2:13: campaign: expected no campaign for a shared cost (a "
                "campaign belongs to one channel; name the channel, or leave the campaign empty), "
                "got “Spring”");
  g_clear_pointer (&path, g_free);
  /* its amount is checked like any cost's; it starts after
   * "2026-03-01,(shared),,other," (27 characters) */
  path = rdm_test_write_file (fixture->dir, "shared-amount.csv",
                              "date,channel,campaign,category,amount\n"
                              "2026-03-01,(shared),,other,-4\n");
  import_fails (fixture->project, path, &costs, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                "shared-amount.csv:2:28: amount: expected a number ≥ 0");
}

static void
test_daily (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmImportReport) report
      = import_ok (fixture->project, "daily.csv", RDM_IMPORT_KIND_DAILY, NULL);

  g_assert_cmpuint (report->rows_imported, ==, 3);
  /* 1000 + 1200 + 500, 50 + 60 + 10, 30 + 40 + 8; empty likes etc. are 0:
   * likes 20 + 0 + 4, followers 2 + 0 + 1 */
  assert_sql (fixture->project,
              "SELECT sum(impressions), sum(clicks), sum(engagements), sum(likes),"
              " sum(shares), sum(comments), sum(followers) FROM campaign_daily",
              "2700|120|78|24|7|7|3\n");
  assert_sql (fixture->project,
              "SELECT d.day, ch.name, ca.name FROM campaign_daily d"
              " JOIN channel ch ON ch.id = d.channel_id"
              " JOIN campaign ca ON ca.id = d.campaign_id ORDER BY d.id",
              "1772323200|Facebook|Spring\n1772409600|Facebook|Spring\n"
              "1772323200|LinkedIn|B2B\n");
}

static void
test_attributes (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmImportReport) events
      = import_ok (fixture->project, "events.csv", RDM_IMPORT_KIND_EVENTS, NULL);
  g_autoptr (RdmImportReport) report
      = import_ok (fixture->project, "attributes.csv", RDM_IMPORT_KIND_ATTRIBUTES, NULL);
  RdmProjectInfo info = get_info (fixture->project);

  /* the same three visitors as the event log, not new ones */
  g_assert_cmpint (info.visitors, ==, 3);
  /* 3 + 2 + 1 non-empty cells */
  assert_sql (fixture->project,
              "SELECT v.external_id, a.key, a.value FROM visitor_attribute a"
              " JOIN visitor v ON v.id = a.visitor_id ORDER BY 1, 2",
              "v1|age_band|25-34\nv1|device|mobile\nv1|gender|f\n"
              "v2|age_band|35-44\nv2|device|desktop\nv3|gender|m\n");
}

static void
test_survey (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmImportReport) report
      = import_ok (fixture->project, "survey.csv", RDM_IMPORT_KIND_SURVEY, NULL);

  /* 01/04/2026 = MARCH1 + 31 days = 1775001600; 15 March = MARCH1 + 14 days */
  assert_sql (fixture->project, "SELECT day, metric, value, source FROM series_value ORDER BY id",
              "1772323200|satisfaction|7.5|Panel A\n"
              "1775001600|satisfaction|8.0|Panel A\n"
              "1773532800|brand_awareness|0.42|\n");
}

/* Experiments name channels the project has (here from costs.csv), days
 * in any accepted date form (a time is cut to its day), and optionally a
 * value and a method; removing the import removes them. 14 March =
 * MARCH1 + 13 days, 15 and 28 March + 14 and 27 days. */
static void
test_experiments (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmImportReport) costs
      = import_ok (fixture->project, "costs.csv", RDM_IMPORT_KIND_COSTS, NULL);
  g_autoptr (RdmImportReport) report
      = import_ok (fixture->project, "experiments.csv", RDM_IMPORT_KIND_NONE, NULL);
  g_autoptr (GArray) experiments = NULL;
  const RdmExperiment *blog;

  /* recognised by its header */
  g_assert_cmpint (report->kind, ==, RDM_IMPORT_KIND_EXPERIMENTS);
  g_assert_cmpstr (report->preset, ==, "experiments");
  g_assert_cmpuint (report->rows_imported, ==, 3);
  assert_sql (fixture->project,
              "SELECT c.name, e.start_day, e.end_day, e.incremental_conversions, e.ci_low,"
              " e.ci_high, e.incremental_value, e.method, e.import_id = 2 FROM experiment e"
              " JOIN channel c ON c.id = e.channel_id ORDER BY e.id",
              "Facebook|1772323200|1773446400|12.5|-2.0|30.0|800.0|conversion lift|1\n"
              "Blog|1772323200|1772323200|3.0|1.0|5.0|NULL|geo holdout|1\n"
              "Facebook|1773532800|1774656000|4.0|4.0|4.0|NULL||1\n");
  /* no channel was added */
  g_assert_cmpint (sql_int (fixture->project, "SELECT count(*) FROM channel"), ==, 2);

  experiments = rdm_project_load_experiments (fixture->project, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (experiments->len, ==, 3);
  /* by channel name, then days */
  blog = &g_array_index (experiments, RdmExperiment, 0);
  g_assert_cmpstr (blog->channel, ==, "Blog");
  g_assert_true (isnan (blog->incremental_value));
  g_assert_cmpstr (blog->method, ==, "geo holdout");
  g_assert_cmpfloat (g_array_index (experiments, RdmExperiment, 1).incremental_value, ==, 800);
  g_assert_cmpint (g_array_index (experiments, RdmExperiment, 2).start_day, ==, MARCH1 + 14 * DAY);

  g_assert_true (rdm_import_kind_is_removable ("experiments"));
  g_assert_true (rdm_project_remove_import (fixture->project, report->import_id, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (fixture->project, "SELECT count(*) FROM experiment"), ==, 0);
  g_assert_cmpint (sql_int (fixture->project, "SELECT count(*) FROM import_log"), ==, 1);
}

/* A test that cut a channel's spend says what share its control kept
 * (spend_kept, “dépense_conservée”): 0 or blank for a holdout. Only
 * holdouts are loaded for calibration; a share of 1 or more, or below 0,
 * is refused with its line and changes nothing. */
static void
test_experiments_spend_kept (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmImportReport) costs
      = import_ok (fixture->project, "costs.csv", RDM_IMPORT_KIND_COSTS, NULL);
  g_autoptr (RdmImportReport) report = NULL;
  g_autoptr (GArray) all = NULL;
  g_autoptr (GArray) holdouts = NULL;
  RdmImportOptions options = { .kind = RDM_IMPORT_KIND_EXPERIMENTS };
  const char *header = "canal;début;fin;conversions_incrémentales;ic_bas;ic_haut;"
                       "dépense_conservée\n";
  static const struct
  {
    const char *row;
    const char *message;
  } bad[] = {
    { "Blog;01/03/2026;07/03/2026;3;1;5;1\n",
      "bad.csv:3:34: spend_kept: expected a share of the spend below 1 (0 for a holdout, 0,7 for "
      "a cut of 30 %), got “1”" },
    { "Blog;01/03/2026;07/03/2026;3;1;5;-0,2\n",
      "bad.csv:3:34: spend_kept: expected a number ≥ 0 (“1234,5”, no digit grouping), got "
      "“-0,2”" },
    { "Blog;01/03/2026;07/03/2026;3;1;5;70 %\n",
      "bad.csv:3:34: spend_kept: expected a number ≥ 0 (“1234,5”, no digit grouping), got "
      "“70 %”" },
  };
  g_autofree char *path = rdm_test_write_file (fixture->dir, "cuts.csv",
                                               "canal;début;fin;conversions_incrémentales;ic_bas;"
                                               "ic_haut;dépense_conservée\n"
                                               "Facebook;01/03/2026;28/03/2026;40,5;30;51;0,7\n"
                                               "Blog;01/03/2026;07/03/2026;3;1;5;\n");

  g_assert_true (
      rdm_import_file (fixture->project, path, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  assert_sql (fixture->project,
              "SELECT c.name, e.incremental_conversions, e.spend_kept FROM experiment e"
              " JOIN channel c ON c.id = e.channel_id ORDER BY e.id",
              "Facebook|40.5|0.7\nBlog|3.0|0.0\n");
  all = rdm_project_load_experiments (fixture->project, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpfloat (g_array_index (all, RdmExperiment, 1).spend_kept, ==, 0.7);
  holdouts = rdm_project_load_experiments (fixture->project, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (holdouts->len, ==, 1);
  g_assert_cmpstr (g_array_index (holdouts, RdmExperiment, 0).channel, ==, "Blog");

  g_assert_true (rdm_project_remove_import (fixture->project, report->import_id, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *text
          = g_strconcat (header, "Blog;01/03/2026;07/03/2026;3;1;5;0\n", bad[i].row, NULL);

      g_clear_pointer (&path, g_free);
      path = rdm_test_write_file (fixture->dir, "bad.csv", text);
      import_fails (fixture->project, path, &options, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                    bad[i].message);
      g_assert_cmpint (sql_int (fixture->project, "SELECT count(*) FROM experiment"), ==, 0);
    }
}

/* Every bad experiment names its file, line, column and what was
 * expected, and changes nothing. */
static void
test_experiments_errors (Fixture *fixture, gconstpointer user_data)
{
  const char *header = "channel,start,end,incremental_conversions,ci_low,ci_high,"
                       "incremental_value,method\n";
  const char *good = "Blog,2026-03-01,2026-03-07,3,1,5,,\n";
  RdmImportOptions options = { .kind = RDM_IMPORT_KIND_EXPERIMENTS };
  static const struct
  {
    const char *row;
    const char *message;
  } bad[] = {
    { "TikTok,2026-03-01,2026-03-07,3,1,5,,\n",
      "bad.csv:3:1: channel: expected a channel of the project (“Blog”, “Facebook”), got "
      "“TikTok”" },
    { ",2026-03-01,2026-03-07,3,1,5,,\n", "bad.csv:3:1: channel: expected a non-empty text" },
    { "Blog,2026-03-07,2026-03-01,3,1,5,,\n",
      "bad.csv:3:17: end: expected a last day on or after the first day (start), got "
      "“2026-03-01”" },
    { "Blog,2026-03-01,someday,3,1,5,,\n", "bad.csv:3:17: end: expected a date" },
    { "Blog,2026-03-01,2026-03-07,3,4,5,,\n",
      "bad.csv:3:30: ci_low: expected a lower bound at most the incremental conversions (3), got "
      "“4”" },
    { "Blog,2026-03-01,2026-03-07,3,1,2.5,,\n",
      "bad.csv:3:32: ci_high: expected an upper bound at least the incremental conversions (3), "
      "got “2.5”" },
    { "Blog,2026-03-01,2026-03-07,-3,-4,5,,\n",
      "bad.csv:3:28: incremental_conversions: expected a number ≥ 0" },
    { "Blog,2026-03-01,2026-03-07,three,1,5,,\n",
      "bad.csv:3:28: incremental_conversions: expected a number ≥ 0 (“1234.5”, no digit "
      "grouping), got “three”" },
    { "Blog,2026-03-01,2026-03-07,3,1,5,-10,\n",
      "bad.csv:3:34: incremental_value: expected a number ≥ 0" },
    { "Blog,2026-03-01,2026-03-07,3,1,lots,,\n", "bad.csv:3:32: ci_high: expected a number ≥ 0" },
  };
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr (RdmImportReport) costs = NULL;

  /* a project without channels says so */
  path = rdm_test_write_file (fixture->dir, "early.csv",
                              "channel,start,end,"
                              "incremental_conversions,ci_low,ci_high\n"
                              "Blog,2026-03-01,2026-03-07,3,1,5\n");
  import_fails (fixture->project, path, &options, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                "early.csv:2:1: channel: expected a channel of the project, which has none yet");
  g_clear_pointer (&path, g_free);

  costs = import_ok (fixture->project, "costs.csv", RDM_IMPORT_KIND_COSTS, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      text = g_strconcat (header, good, bad[i].row, NULL);
      path = rdm_test_write_file (fixture->dir, "bad.csv", text);
      import_fails (fixture->project, path, &options, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                    bad[i].message);
      g_assert_cmpint (sql_int (fixture->project, "SELECT count(*) FROM experiment"), ==, 0);
      g_clear_pointer (&text, g_free);
      g_clear_pointer (&path, g_free);
    }

  /* a required column missing */
  path = rdm_test_write_file (fixture->dir, "short.csv",
                              "channel,start,end,incremental_conversions,ci_low\n"
                              "Blog,2026-03-01,2026-03-07,3,1\n");
  import_fails (fixture->project, path, &options, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_MISSING_COLUMN,
                "short.csv:1: missing column “ci_high” (preset “experiments”)");
  g_assert_cmpint (sql_int (fixture->project, "SELECT count(*) FROM experiment"), ==, 0);
}

static void
test_guess_and_preview (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *kaggle = fixture_file ("kaggle.csv");
  g_autofree char *french = fixture_file ("events-fr.csv");
  g_autoptr (RdmImportPreview) preview = rdm_import_preview (kaggle, 2, NULL, &error);
  g_autoptr (RdmImportPreview) preview_fr = NULL;
  g_autoptr (RdmImportReport) report = NULL;
  g_auto (GStrv) event_presets = rdm_import_list_presets (RDM_IMPORT_KIND_EVENTS);

  g_assert_no_error (error);
  g_assert_cmpint (preview->separator, ==, ',');
  g_assert_false (preview->bom);
  g_assert_cmpuint (g_strv_length (preview->header), ==, 6);
  g_assert_cmpuint (preview->rows->len, ==, 2);
  g_assert_cmpstr (((char **)preview->rows->pdata[1])[5], ==, "Instagram");
  g_assert_cmpint (preview->kind, ==, RDM_IMPORT_KIND_EVENTS);
  g_assert_cmpstr (preview->preset, ==, "kaggle");
  g_assert_cmpstr (preview->columns[0], ==, "cookie");
  g_assert_cmpstr (preview->mapped_header[0], ==, "cookie");

  preview_fr = rdm_import_preview (french, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (preview_fr->separator, ==, ';');
  g_assert_true (preview_fr->bom);
  g_assert_cmpuint (preview_fr->rows->len, ==, 7);
  g_assert_cmpstr (preview_fr->preset, ==, "events");
  g_assert_cmpstr (preview_fr->header[0], ==, "Visiteur");
  g_assert_cmpstr (preview_fr->mapped_header[0], ==, "Visiteur");
  g_assert_cmpstr (preview_fr->mapped_header[7], ==, "Pages vues");

  g_assert_cmpstrv (event_presets, ((const char *[]){ "events", "kaggle", "criteo", NULL }));
  g_assert_cmpint (rdm_import_preset_get_kind ("channelattribution"), ==, RDM_IMPORT_KIND_PATHS);

  /* --kind events alone picks the Kaggle layout from the header */
  report = import_ok (fixture->project, "kaggle.csv", RDM_IMPORT_KIND_EVENTS, NULL);
  g_assert_cmpstr (report->preset, ==, "kaggle");
}

static void
test_mapping (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) mapping = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *path = rdm_test_write_file (
      fixture->dir, "mapped.csv", "Who,When,What,Where\nv1,2026-03-01,click,Facebook\n");
  g_autoptr (RdmImportReport) report = NULL;
  RdmImportOptions options = { .kind = RDM_IMPORT_KIND_EVENTS, .mapping = mapping };

  g_hash_table_insert (mapping, g_strdup ("visitor_id"), g_strdup (" who "));
  g_hash_table_insert (mapping, g_strdup ("timestamp"), g_strdup ("WHEN"));
  g_hash_table_insert (mapping, g_strdup ("type"), g_strdup ("What"));
  g_hash_table_insert (mapping, g_strdup ("channel"), g_strdup ("Where"));
  g_assert_true (
      rdm_import_file (fixture->project, path, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (report->preset, ==, "events");
  assert_sql (fixture->project, touch_dump_sql, "v1|1772323200|Facebook||1|0\n");

  g_hash_table_insert (mapping, g_strdup ("channel"), g_strdup ("Nowhere"));
  options.force = TRUE;
  import_fails (fixture->project, path, &options, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_MAPPING,
                "mapped.csv: no column “Nowhere” to read “channel” from; the file’s columns are "
                "“Who”, “When”, “What”, “Where”");
  g_hash_table_insert (mapping, g_strdup ("channel"), g_strdup ("Where"));
  g_hash_table_insert (mapping, g_strdup ("colour"), g_strdup ("Where"));
  options.preset = "events";
  import_fails (fixture->project, path, &options, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_MAPPING,
                "the preset “events” has no column “colour”");
}

/* Touchpoints are stored in the order of their index, (visitor, time,
 * id): by visitor in order of first appearance, then by time, rows of the
 * same visitor and time in file order; and the same again in a project
 * that already holds some, after them. */
static void
test_index_order (Fixture *fixture, gconstpointer user_data)
{
  static const char order_sql[]
      = "SELECT v.external_id, t.time - 1772323200, ch.name FROM touchpoint t"
        " JOIN visitor v ON v.id = t.visitor_id JOIN channel ch ON ch.id = t.channel_id"
        " ORDER BY t.id";
  g_autoptr (GError) error = NULL;
  g_autofree char *first = rdm_test_write_file (fixture->dir, "first.csv",
                                                "visitor_id,timestamp,type,channel\n"
                                                "b,1772323260,click,B2\n"
                                                "a,1772323200,click,A1\n"
                                                "b,1772323200,click,B1\n"
                                                "a,1772323320,visit,A3\n"
                                                "b,1772323260,click,B3\n"
                                                "a,1772323260,click,A2\n");
  g_autofree char *second = rdm_test_write_file (fixture->dir, "second.csv",
                                                 "visitor_id,timestamp,type,channel\n"
                                                 "c,1772323200,click,C1\n"
                                                 "a,1772323380,click,A4\n"
                                                 "a,1772323140,click,A0\n");
  RdmImportOptions options = { .kind = RDM_IMPORT_KIND_EVENTS };

  g_assert_true (
      rdm_import_file (fixture->project, first, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_sql (fixture->project, order_sql, "b|0|B1\nb|60|B2\nb|60|B3\na|0|A1\na|60|A2\na|120|A3\n");
  g_assert_true (
      rdm_import_file (fixture->project, second, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_sql (fixture->project, order_sql,
              "b|0|B1\nb|60|B2\nb|60|B3\na|0|A1\na|60|A2\na|120|A3\n"
              "c|0|C1\na|-60|A0\na|180|A4\n");
  assert_sql (fixture->project, "PRAGMA integrity_check", "ok\n");
  assert_connection_settings (fixture->project);
}

/* Unnamed columns (a spreadsheet's empty trailing cells) may repeat: only
 * named columns must be distinct. */
static void
test_unnamed_columns (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = rdm_test_write_file (fixture->dir, "unnamed.csv",
                                               "visitor_id,timestamp,type,channel,,\n"
                                               "v1,2026-03-01,click,Facebook,,\n");
  RdmImportOptions options = { .kind = RDM_IMPORT_KIND_EVENTS };
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmImportReport) report = NULL;

  g_assert_true (
      rdm_import_file (fixture->project, path, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (get_info (fixture->project).touchpoints, ==, 1);
}

/* Errors: each leaves the project (already holding one import) unchanged. */
static void
test_errors (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmImportReport) first
      = import_ok (fixture->project, "events.csv", RDM_IMPORT_KIND_EVENTS, NULL);
  g_autofree char *events = fixture_file ("events.csv");
  const char *header = "visitor_id,timestamp,type,channel,campaign,value,event,page_views\n";
  const char *good = "v9,2026-03-01,click,Facebook,,,,1\n";
  RdmImportOptions options = { .kind = RDM_IMPORT_KIND_EVENTS };
  RdmImportOptions costs = { .kind = RDM_IMPORT_KIND_COSTS };
  RdmImportOptions paths = { .kind = RDM_IMPORT_KIND_PATHS };
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  /* "v1," is 3 characters: the date starts at column 4 of line 3 */
  text = g_strconcat (header, good, "v1,2026-02-31,click,Facebook,,,,1\n", NULL);
  path = rdm_test_write_file (fixture->dir, "bad-date.csv", text);
  import_fails (fixture->project, path, &options, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                "bad-date.csv:3:4: timestamp: expected a date (YYYY-MM-DD");
  import_fails (fixture->project, path, &options, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                "got “2026-02-31”");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&path, g_free);

  /* Times far off are refused where they stand (they overflowed the
   * engine's differences): year 1, the year 2200, epoch seconds near the
   * limit of 64 bits, a second before 1970; costs' days too. */
  {
    static const struct
    {
      const char *row;
      const char *message;
    } far[] = {
      { "v1,0001-01-01,click,Facebook,,,,1\n", ":3:4: timestamp: expected a date from 1970-01-01 "
                                               "to 2199-12-31, got “0001-01-01”" },
      { "v1,2200-01-01T00:00:00Z,click,Facebook,,,,1\n", ":3:4: timestamp: expected a date from" },
      { "v1,9223372036854775799,click,Facebook,,,,1\n", ":3:4: timestamp: expected a date from" },
      { "v1,-1,click,Facebook,,,,1\n", ":3:4: timestamp: expected a date from" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (far); i++)
      {
        text = g_strconcat (header, good, far[i].row, NULL);
        path = rdm_test_write_file (fixture->dir, "far.csv", text);
        import_fails (fixture->project, path, &options, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                      far[i].message);
        g_clear_pointer (&text, g_free);
        g_clear_pointer (&path, g_free);
      }
    path = rdm_test_write_file (fixture->dir, "far-costs.csv",
                                "date,channel,campaign,category,amount\n"
                                "31/12/2199,Blog,,content,10\n01/01/2200,Blog,,content,10\n");
    import_fails (fixture->project, path, &costs, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                  "far-costs.csv:3:1: date: expected a date from 1970-01-01 to 2199-12-31");
    g_clear_pointer (&path, g_free);
  }

  /* Values a project cannot analyse: an empty path (every model failed
   * on it), amounts of 10^15 or more (two of 1e308 made every total
   * infinite); 999 999 999 999 999.9 still fits. */
  {
    const struct
    {
      const char *text;
      const RdmImportOptions *options;
      const char *message;
    } unusable[] = {
      { "path,conversions,value,nulls\na > b,1,10,0\n,2,20,1\n", &paths,
        "unusable.csv:3:1: path: expected channel names separated by “>” (“a > b > c”), got “”" },
      { "path,conversions,value,nulls\n\"  \",5,50,5\n", &paths,
        "unusable.csv:2:1: path: expected channel names separated by “>”" },
      { "path,conversions,value,nulls\na,1e308,10,0\n", &paths,
        "unusable.csv:2:3: total_conversions: expected a number with at most 15 digits before the "
        "decimal point, got “1e308”" },
      { "date,channel,campaign,category,amount\n"
        "2026-03-01,Blog,,content,999999999999999.9\n2026-03-02,Blog,,content,1e15\n",
        &costs, "unusable.csv:3:26: amount: expected a number with at most 15 digits" },
      { "visitor_id,timestamp,type,channel,campaign,value,event,page_views\n"
        "v1,2026-03-01,conversion,,,-1e300,sale,\n",
        &options, "unusable.csv:2:28: value: expected a number with at most 15 digits" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (unusable); i++)
      {
        path = rdm_test_write_file (fixture->dir, "unusable.csv", unusable[i].text);
        import_fails (fixture->project, path, unusable[i].options, RDM_IMPORT_ERROR,
                      RDM_IMPORT_ERROR_BAD_ROW, unusable[i].message);
        g_clear_pointer (&path, g_free);
      }
  }

  text = g_strconcat (header, good, "v1,2026-03-01,click,Facebook,,,,abc\n", NULL);
  path = rdm_test_write_file (fixture->dir, "bad-count.csv", text);
  /* "v1,2026-03-01,click,Facebook,,,," is 3 + 11 + 6 + 9 + 3 = 32 characters */
  import_fails (fixture->project, path, &options, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                "bad-count.csv:3:33: page_views: expected a whole number ≥ 0, got “abc”");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&path, g_free);

  text = g_strconcat (header, "v1,2026-03-01,purchase,Facebook,,,,1\n", NULL);
  path = rdm_test_write_file (fixture->dir, "bad-type.csv", text);
  import_fails (fixture->project, path, &options, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                "bad-type.csv:2:15: type: expected impression, click, visit or conversion, got "
                "“purchase”");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&path, g_free);

  text = g_strconcat (header, "v1,2026-03-01,click,,,,,1\n", NULL);
  path = rdm_test_write_file (fixture->dir, "no-channel.csv", text);
  import_fails (fixture->project, path, &options, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                "no-channel.csv:2:21: channel: expected a channel name, or a source and medium for "
                "the channel rules, got “”");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&path, g_free);

  text = g_strconcat (header, good, good, "v1,2026-03-01,click,Facebook,,,\n", NULL);
  path = rdm_test_write_file (fixture->dir, "ragged.csv", text);
  import_fails (fixture->project, path, &options, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                "ragged.csv:4:1: expected 8 fields like the header, got 7");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&path, g_free);

  path = rdm_test_write_file (fixture->dir, "missing.csv", "visitor_id,type,channel\nv1,click,x\n");
  import_fails (fixture->project, path, &options, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_MISSING_COLUMN,
                "missing.csv:1: missing column “timestamp” (preset “events”); the file’s columns "
                "are “visitor_id”, “type”, “channel”");
  g_clear_pointer (&path, g_free);

  /* a column named twice, whatever the case: which one would be read? */
  path = rdm_test_write_file (fixture->dir, "twice.csv",
                              "visitor_id,timestamp,type,channel,campaign,Channel\n"
                              "v1,2026-03-01,click,Facebook,,Email\n");
  import_fails (fixture->project, path, &options, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_HEADER,
                "twice.csv:1:6: the column “Channel” is named twice, in columns 4 and 6: name "
                "each column once");
  g_clear_pointer (&path, g_free);
  path = rdm_test_write_file (fixture->dir, "empty.csv", "");
  import_fails (fixture->project, path, &options, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_EMPTY,
                "empty.csv:1:1: the file is empty");
  g_clear_pointer (&path, g_free);

  path = rdm_test_write_file (fixture->dir, "header.csv", header);
  import_fails (fixture->project, path, &options, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_EMPTY,
                "header.csv:2:1: the file has a header line but no rows");
  g_clear_pointer (&path, g_free);

  {
    /* binary garbage: a PNG signature and a NUL after a plausible header */
    static const char garbage[] = "visitor_id,timestamp,type,channel,campaign,value,event,page_"
                                  "views\n\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    GError *local_error = NULL;

    path = g_build_filename (fixture->dir, "garbage.csv", NULL);
    g_file_set_contents (path, garbage, sizeof garbage - 1, &local_error);
    g_assert_no_error (local_error);
    import_fails (fixture->project, path, &options, RDM_CSV_ERROR, RDM_CSV_ERROR_ENCODING,
                  "garbage.csv:2:1: invalid UTF-8");
    g_clear_pointer (&path, g_free);
  }

  {
    gsize size = 10 * 1024 * 1024;
    g_autofree char *huge = g_malloc (size);
    GError *local_error = NULL;

    memset (huge, 'x', size);
    memcpy (huge, header, strlen (header));
    path = g_build_filename (fixture->dir, "huge.csv", NULL);
    g_file_set_contents (path, huge, size, &local_error);
    g_assert_no_error (local_error);
    import_fails (fixture->project, path, &options, RDM_CSV_ERROR, RDM_CSV_ERROR_FIELD_TOO_LONG,
                  "huge.csv:2:1: a field longer than 1 MiB");
    g_clear_pointer (&path, g_free);
  }

  /* a decimal comma in a comma-separated file is a mistake, not 100.25;
   * the quoted amount starts after "2026-03-01,Facebook,,media," (27) */
  path = rdm_test_write_file (fixture->dir, "comma.csv",
                              "date,channel,campaign,category,amount\n"
                              "2026-03-01,Facebook,,media,\"100,25\"\n");
  import_fails (fixture->project, path, &costs, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                "comma.csv:2:28: amount: expected a number ≥ 0 (“1234.5”, no digit grouping), got "
                "“100,25”");
  g_clear_pointer (&path, g_free);

  path = rdm_test_write_file (fixture->dir, "category.csv",
                              "date;channel;campaign;category;amount\n"
                              "2026-03-01;Facebook;;pizza;1\n");
  import_fails (fixture->project, path, &costs, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                "category.csv:2:22: category: expected media, content, staff, tools, training, "
                "compliance or other, got “pizza”");
  g_clear_pointer (&path, g_free);

  path = rdm_test_write_file (fixture->dir, "bad-path.csv",
                              "path;total_conversions;total_conversion_value;total_null\n"
                              "a > > b;1;1;1\n");
  import_fails (fixture->project, path, &paths, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                "bad-path.csv:2:1: path: expected channel names separated by “>”");
  g_clear_pointer (&path, g_free);

  path = rdm_test_write_file (fixture->dir, "negative.csv",
                              "path;total_conversions;total_conversion_value;total_null\n"
                              "a > b;-1;1;1\n");
  import_fails (fixture->project, path, &paths, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                "negative.csv:2:7: total_conversions: expected a number ≥ 0 (“1234,5”, no digit "
                "grouping), got “-1”");
  g_clear_pointer (&path, g_free);

  path = rdm_test_write_file (fixture->dir, "unknown.csv", "colour,size\nred,3\n");
  import_fails (fixture->project, path, NULL, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_UNRECOGNIZED,
                "unknown.csv:1: cannot tell which kind of data the columns “colour”, “size” hold");
  g_clear_pointer (&path, g_free);

  {
    RdmImportOptions unknown_preset = { .preset = "facebook-ads" };
    RdmImportOptions wrong_kind = { .kind = RDM_IMPORT_KIND_COSTS, .preset = "kaggle" };
    RdmImportOptions unknown_kind = { .kind = 42 };

    import_fails (fixture->project, events, &unknown_preset, RDM_IMPORT_ERROR,
                  RDM_IMPORT_ERROR_UNKNOWN_PRESET,
                  "Unknown preset “facebook-ads”: expected one of events, kaggle, criteo, costs, "
                  "daily, google-ads, google-ads-fr, meta-ads, linkedin-ads, attributes, "
                  "channelattribution, survey");
    import_fails (fixture->project, events, &wrong_kind, RDM_IMPORT_ERROR,
                  RDM_IMPORT_ERROR_UNKNOWN_PRESET,
                  "Unknown preset “kaggle” for the kind costs: expected one of costs");
    import_fails (fixture->project, events, &unknown_kind, RDM_IMPORT_ERROR,
                  RDM_IMPORT_ERROR_UNKNOWN_KIND, "Unknown import kind 42");
  }

  /* the same bytes again */
  import_fails (fixture->project, events, &options, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_DUPLICATE,
                "events.csv: the same file was already imported on ");
  import_fails (fixture->project, events, &options, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_DUPLICATE,
                "(import 1, as “events.csv”); import it again only with --force");
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (RdmImportReport) again = NULL;
    RdmImportOptions force = { .kind = RDM_IMPORT_KIND_EVENTS, .force = TRUE };
    RdmProjectInfo info;

    g_assert_true (
        rdm_import_file (fixture->project, events, &force, NULL, NULL, NULL, &again, &error));
    g_assert_no_error (error);
    info = get_info (fixture->project);
    g_assert_cmpint (again->import_id, ==, 2);
    g_assert_cmpint (info.imports, ==, 2);
    /* same visitors, twice the rows */
    g_assert_cmpint (info.visitors, ==, 3);
    g_assert_cmpint (info.touchpoints, ==, 10);
  }
}

/* @message is FILE then @rest, or starts so when @rest ends with "date". */
static void
assert_message (const char *message, const char *file, const char *rest)
{
  g_autofree char *expected = g_strconcat (file, rest, NULL);

  if (g_str_has_suffix (rest, "date"))
    g_assert_true (g_str_has_prefix (message, expected));
  else
    g_assert_cmpstr (message, ==, expected);
}

static void
test_skip_bad_rows (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmImportReport) report = NULL;
  g_autofree char *path = fixture_file ("bad-rows.csv");
  RdmImportOptions options = { .kind = RDM_IMPORT_KIND_EVENTS };
  const RdmImportReject *reject;
  RdmProjectInfo info;

  /* without the option, the first bad row (line 3) stops everything */
  import_fails (fixture->project, path, &options, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                "bad-rows.csv:3:4: timestamp:");

  options.skip_bad_rows = TRUE;
  g_assert_true (
      rdm_import_file (fixture->project, path, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->rows_read, ==, 6);
  g_assert_cmpuint (report->rows_imported, ==, 2);
  g_assert_cmpuint (report->rejects->len, ==, 4);
  /* line 3: 31 February; line 5: type "purchase" (after "v2,2026-03-02,",
   * 14 characters); line 6: 7 fields; line 7: page_views "x" at 30 */
  reject = report->rejects->pdata[0];
  g_assert_cmpuint (reject->line, ==, 3);
  g_assert_cmpuint (reject->column, ==, 4);
  assert_message (reject->message, path, ":3:4: timestamp: expected a date");
  reject = report->rejects->pdata[1];
  g_assert_cmpuint (reject->line, ==, 5);
  g_assert_cmpuint (reject->column, ==, 15);
  g_assert_true (g_str_has_suffix (reject->message, "got “purchase”"));
  reject = report->rejects->pdata[2];
  g_assert_cmpuint (reject->line, ==, 6);
  g_assert_cmpuint (reject->column, ==, 1);
  assert_message (reject->message, path, ":6:1: expected 8 fields like the header, got 7");
  reject = report->rejects->pdata[3];
  g_assert_cmpuint (reject->line, ==, 7);
  g_assert_cmpuint (reject->column, ==, 30);
  assert_message (reject->message, path, ":7:30: page_views: expected a whole number ≥ 0, got “x”");

  info = get_info (fixture->project);
  /* lines 2 and 4 landed; no visitor was created for a rejected row */
  g_assert_cmpint (info.touchpoints, ==, 2);
  g_assert_cmpint (info.visitors, ==, 2);
  assert_sql (fixture->project, "SELECT rows, rejects FROM import_log", "2|4\n");

  /* every row bad: nothing to land, and that is an error, not a success */
  g_clear_pointer (&path, g_free);
  path = rdm_test_write_file (fixture->dir, "all-bad.csv",
                              "visitor_id,timestamp,type,channel\n"
                              "v1,2026-02-31,click,Facebook\n"
                              "v2,2026-03-01,purchase,Email\n");
  import_fails (fixture->project, path, &options, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                "all-bad.csv: 2 rows read, all rejected, so nothing was imported; the first: ");
}

static void
record_progress (double fraction, gpointer user_data)
{
  GArray *fractions = user_data;

  g_array_append_val (fractions, fraction);
}

static void
test_cancel_and_progress (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmImportReport) report = NULL;
  g_autofree char *events = fixture_file ("events.csv");
  g_autofree char *costs = fixture_file ("costs.csv");
  RdmImportOptions options = { 0 };
  RdmProjectInfo before = get_info (fixture->project);
  RdmProjectInfo after;

  g_cancellable_cancel (cancellable);
  g_assert_false (rdm_import_file (fixture->project, events, &options, cancellable, NULL, NULL,
                                   &report, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = get_info (fixture->project);
  assert_info_equal (&before, &after);

  g_clear_error (&error);
  g_assert_true (rdm_import_file (fixture->project, costs, &options, NULL, record_progress,
                                  fractions, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fractions->len, >=, 1);
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
}

static void
test_cli (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *costs = fixture_file ("costs.csv");
  g_autofree char *bad_rows = fixture_file ("bad-rows.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (cJSON) json = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) reopened = NULL;

  /* the file must not be open elsewhere while the CLI writes */
  g_clear_object (&fixture->project);

  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "--skip-bad-rows"));
  g_assert_nonnull (strstr (out, "channelattribution"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (
      rdm_test_run_cli (&out, &err, "import", fixture->path, "--kind", "costs", costs, NULL), ==,
      0);
  g_assert_nonnull (strstr (out, "Rows imported: 4\n"));
  g_assert_nonnull (strstr (out, "Rows rejected: 0\n"));
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* again: refused, exit 1, message on stderr */
  g_assert_cmpint (
      rdm_test_run_cli (&out, &err, "import", fixture->path, "--kind", "costs", costs, NULL), ==,
      1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "costs.csv: the same file was already imported on"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (
      rdm_test_run_cli (&out, &err, "import", fixture->path, "--kind", "colours", costs, NULL), ==,
      1);
  g_assert_nonnull (strstr (err, "Unknown kind “colours”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", fixture->path, "--preset", "events",
                                     "--skip-bad-rows", bad_rows, NULL),
                   ==, 0);
  g_assert_nonnull (strstr (out, "Rows imported: 2\n"));
  g_assert_nonnull (strstr (out, "Rows rejected: 4\n"));
  g_assert_nonnull (strstr (out, "/bad-rows.csv:6:1: expected 8 fields like the header, got 7\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", fixture->path, "--map", "amount=montant",
                                     "--format", "json", "--force", costs, NULL),
                   ==, 1);
  g_assert_nonnull (strstr (err, "no column “montant” to read “amount” from"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", fixture->path, "--map", "amount=Amount",
                                     "--format", "json", "--force", costs, NULL),
                   ==, 0);
  json = cJSON_Parse (out);
  g_assert_nonnull (json);
  g_assert_cmpstr (cJSON_GetObjectItem (json, "kind")->valuestring, ==, "costs");
  g_assert_cmpstr (cJSON_GetObjectItem (json, "preset")->valuestring, ==, "costs");
  g_assert_cmpfloat (cJSON_GetObjectItem (json, "import_id")->valuedouble, ==, 3);
  g_assert_cmpfloat (cJSON_GetObjectItem (json, "rows_imported")->valuedouble, ==, 4);
  g_assert_cmpfloat (cJSON_GetObjectItem (json, "rows_rejected")->valuedouble, ==, 0);
  g_assert_cmpint (cJSON_GetArraySize (cJSON_GetObjectItem (json, "rejects")), ==, 0);

  reopened = rdm_project_open (fixture->path, &error);
  g_assert_no_error (error);
  /* two cost imports of 360 */
  g_assert_cmpfloat (get_info (reopened).cost, ==, 720);
}

/* A large event log, written at test time: @rows clicks of 100 000
 * visitors v0..v99999, one second apart from 2023-11-14T22:13:20Z. */
static char *
write_large_log (const char *dir, guint rows)
{
  g_autofree char *path = g_build_filename (dir, "large.csv", NULL);
  g_autoptr (GString) text = g_string_sized_new ((gsize)rows * 48);
  GError *error = NULL;

  g_string_append (text, "visitor_id,timestamp,type,channel,campaign,value,event,page_views\n");
  for (guint i = 0; i < rows; i++)
    g_string_append_printf (text, "v%u,%u,click,Channel %u,Campaign %u,,,%u\n", i % 100000,
                            1700000000u + i, i % 7, i % 13, i % 5);
  g_file_set_contents (path, text->str, (gssize)text->len, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* A file large enough to be loaded without the touchpoint index, which is
 * built again before COMMIT: the project must reopen (its schema is
 * checked) with everything in place. */
static void
test_large_import (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmImportReport) events
      = import_ok (fixture->project, "events.csv", RDM_IMPORT_KIND_EVENTS, NULL);
  g_autofree char *large = write_large_log (fixture->dir, 120000);
  g_autoptr (RdmImportReport) report = NULL;
  g_autoptr (RdmProject) reopened = NULL;
  RdmImportOptions options = { .kind = RDM_IMPORT_KIND_EVENTS };
  RdmProjectInfo info;

  g_assert_true (
      rdm_import_file (fixture->project, large, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->rows_imported, ==, 120000);
  assert_connection_settings (fixture->project);
  /* the CHECK on interaction is enforced again */
  g_assert_cmpint (sqlite3_exec (rdm_project_get_db (fixture->project),
                                 "INSERT INTO touchpoint (visitor_id, time, channel_id,"
                                 " interaction) VALUES (1, 0, 1, 7)",
                                 NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);
  g_clear_object (&fixture->project);

  reopened = rdm_project_open (fixture->path, &error);
  g_assert_no_error (error);
  assert_sql (reopened, "PRAGMA integrity_check", "ok\n");
  assert_sql (reopened, "SELECT count(*) FROM sqlite_schema WHERE name = 'touchpoint_visitor_time'",
              "1\n");
  info = get_info (reopened);
  /* v1, v2 and v3 of events.csv are among v0..v99999 */
  g_assert_cmpint (info.visitors, ==, 100000);
  g_assert_cmpint (info.touchpoints, ==, 5 + 120000);
  /* 7 channels "Channel 0..6" + 3 from events.csv; 13 campaigns per
   * channel id residue: i % 7 and i % 13 meet in all 91 pairs, + 2 */
  g_assert_cmpint (info.channels, ==, 10);
  g_assert_cmpint (info.campaigns, ==, 91 + 2);
  /* v1: 3 touches from events.csv, rows 1 and 100001 of the large file */
  assert_sql (reopened,
              "SELECT count(*) FROM touchpoint t JOIN visitor v ON v.id = t.visitor_id"
              " WHERE v.external_id = 'v1'",
              "5\n");
  /* the index is used again */
  assert_sql (reopened,
              "SELECT count(*) FROM touchpoint INDEXED BY touchpoint_visitor_time"
              " WHERE visitor_id = 1",
              "5\n");
}

static GSubprocess *
start_import (const char *project_path, const char *csv_path)
{
  g_autoptr (GError) error = NULL;
  GSubprocess *process = g_subprocess_new (
      G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
      g_getenv ("RDM_CLI"), "import", project_path, "--kind", "events", csv_path, NULL);

  g_assert_no_error (error);
  return process;
}

typedef struct
{
  const char *journal_path;
  gboolean journal_seen;
} JournalWatch;

/* Called inside the import's transaction, after its last row. */
static void
watch_journal (double fraction, gpointer data)
{
  JournalWatch *watch = data;

  if (fraction == 1.0)
    watch->journal_seen = g_file_test (watch->journal_path, G_FILE_TEST_EXISTS);
}

/* Alone with the file, an import runs with a rollback journal (new pages
 * are written once, see rdm-import.c); with another connection open it
 * keeps the WAL, which that connection needs. Either way the connection is
 * back to WAL mode and its usual settings afterwards, and both connections
 * see the rows. */
static void
test_journal (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *journal = g_strconcat (fixture->path, "-journal", NULL);
  g_autofree char *large = write_large_log (fixture->dir, 2000);
  g_autofree char *events = fixture_file ("events.csv");
  g_autoptr (RdmImportReport) first = NULL;
  g_autoptr (RdmImportReport) second = NULL;
  g_autoptr (RdmProject) reader = NULL;
  g_autoptr (GError) error = NULL;
  RdmImportOptions options = { .kind = RDM_IMPORT_KIND_EVENTS };
  JournalWatch watch = { journal, FALSE };
  g_autofree char *touches = NULL;

  g_assert_true (rdm_import_file (fixture->project, events, &options, NULL, watch_journal, &watch,
                                  &first, &error));
  g_assert_no_error (error);
  g_assert_true (watch.journal_seen);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  assert_connection_settings (fixture->project);
  touches = sql_text (fixture->project, "SELECT count(*) + 2000 FROM touchpoint");

  reader = rdm_project_open_for_reading (fixture->path, &error);
  g_assert_no_error (error);
  assert_sql (reader, "SELECT count(*) + 2000 FROM touchpoint", touches);
  g_assert_true (rdm_import_file (fixture->project, large, &options, NULL, watch_journal, &watch,
                                  &second, &error));
  g_assert_no_error (error);
  g_assert_false (watch.journal_seen);
  assert_connection_settings (fixture->project);
  assert_sql (reader, "SELECT count(*) FROM touchpoint", touches);
  assert_sql (fixture->project, "SELECT count(*) FROM touchpoint", touches);
}

/* The importer killed at random moments of a 300 000-row import, for as
 * long as KILL_LOOP_SECONDS allows: each time, the project reopens, passes
 * integrity_check and holds either exactly what it held before or the
 * whole import (when the kill came after COMMIT). The moments are drawn
 * with the test's seed, so a failure replays with --seed. */
#define KILL_LOOP_SECONDS 15
#define KILL_LOOP_ROWS 300000

static void
test_killed_import (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmImportReport) report
      = import_ok (fixture->project, "events.csv", RDM_IMPORT_KIND_EVENTS, NULL);
  g_autofree char *large = write_large_log (fixture->dir, KILL_LOOP_ROWS);
  g_autofree char *dump_before = sql_text (fixture->project, touch_dump_sql);
  g_autofree char *baseline = g_build_filename (fixture->dir, "baseline.rendement", NULL);
  g_autoptr (GFile) baseline_file = g_file_new_for_path (baseline);
  g_autoptr (GFile) project_file = g_file_new_for_path (fixture->path);
  RdmProjectInfo before = get_info (fixture->project);
  guint killed = 0, completed = 0;
  gint64 started, import_us;

  g_clear_object (&fixture->project);
  g_assert_true (
      g_file_copy (project_file, baseline_file, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* how long a whole import takes here, to draw kill moments across it */
  {
    g_autoptr (GSubprocess) process = start_import (fixture->path, large);

    started = g_get_monotonic_time ();
    g_assert_true (g_subprocess_wait_check (process, NULL, &error));
    g_assert_no_error (error);
    import_us = g_get_monotonic_time () - started;
  }

  started = g_get_monotonic_time ();
  while (g_get_monotonic_time () - started < KILL_LOOP_SECONDS * G_USEC_PER_SEC || killed < 3)
    {
      g_autoptr (GSubprocess) process = NULL;
      g_autoptr (RdmProject) reopened = NULL;
      RdmProjectInfo after;

      g_assert_true (g_file_copy (baseline_file, project_file, G_FILE_COPY_OVERWRITE, NULL, NULL,
                                  NULL, &error));
      g_assert_no_error (error);
      process = start_import (fixture->path, large);
      g_usleep ((gulong)g_test_rand_double_range (0, 1.1 * (double)import_us));
      g_subprocess_send_signal (process, SIGKILL);
      g_assert_true (g_subprocess_wait (process, NULL, &error));
      g_assert_no_error (error);

      reopened = rdm_project_open (fixture->path, &error);
      g_assert_no_error (error);
      assert_sql (reopened, "PRAGMA integrity_check", "ok\n");
      after = get_info (reopened);
      if (after.imports == before.imports)
        {
          g_autofree char *dump_after = sql_text (reopened, touch_dump_sql);

          assert_info_equal (&before, &after);
          g_assert_cmpstr (dump_before, ==, dump_after);
        }
      else
        {
          g_assert_cmpint (after.imports, ==, before.imports + 1);
          g_assert_cmpint (after.touchpoints, ==, before.touchpoints + KILL_LOOP_ROWS);
        }
      if (g_subprocess_get_if_signaled (process))
        killed++;
      else
        {
          g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
          completed++;
        }
    }
  g_test_message ("%u imports killed, %u completed before the kill; a whole import takes %.2f s",
                  killed, completed, (double)import_us / G_USEC_PER_SEC);
}

static void
assert_import_refused (Fixture *fixture, const char *path, const char *expected_message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmImportReport) report = NULL;
  RdmImportOptions options = { .kind = RDM_IMPORT_KIND_COSTS };
  RdmProjectInfo before = get_info (fixture->project);
  RdmProjectInfo after;

  g_assert_false (
      rdm_import_file (fixture->project, path, &options, NULL, NULL, NULL, &report, &error));
  g_assert_nonnull (error);
  if (strstr (error->message, expected_message) == NULL)
    g_error ("expected “%s” in “%s”", expected_message, error->message);
  after = get_info (fixture->project);
  assert_info_equal (&before, &after);
}

typedef struct
{
  const char *fifo;
  const char *source;
} FifoWriter;

static gpointer
write_fifo (gpointer data)
{
  const FifoWriter *writer = data;
  g_autofree char *text = NULL;
  GError *error = NULL;

  g_file_get_contents (writer->source, &text, NULL, &error);
  g_assert_no_error (error);
  /* opening a FIFO for writing waits for its reader */
  g_file_set_contents_full (writer->fifo, text, -1, G_FILE_SET_CONTENTS_NONE, 0666, &error);
  g_assert_no_error (error);
  return NULL;
}

/* Folders, devices and pipes: a clear refusal, or the data they stream;
 * before, a folder or a device gave "mmap() failed: No such device" and a
 * named pipe without a writer hung. */
static void
test_odd_sources (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *costs = fixture_file ("costs.csv");
  g_autofree char *fifo = g_build_filename (fixture->dir, "costs.fifo", NULL);
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmImportReport) report = NULL;
  g_autoptr (RdmCsvReader) reader = NULL;
  g_autoptr (RdmProject) reopened = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  RdmImportOptions options = { .kind = RDM_IMPORT_KIND_COSTS };
  FifoWriter writer = { fifo, costs };
  GThread *thread;
  gsize size = 0;

  assert_import_refused (fixture, fixture->dir, "it is a folder: expected a CSV file");
  assert_import_refused (fixture, "/dev/null", "it is a device, not a file");
  assert_import_refused (fixture, "/dev/zero", "it is a device, not a file");

  /* /proc files say they are empty but are not */
  reader = rdm_csv_reader_new_for_path ("/proc/self/status", &error);
  g_assert_no_error (error);
  g_assert_nonnull (rdm_csv_reader_get_bytes (reader, &size));
  g_assert_cmpuint (size, >, 0);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  /* nobody writes: refused after a while instead of waiting forever */
  assert_import_refused (fixture, fifo, "it is a named pipe and no program wrote to it");
  thread = g_thread_new ("fifo-writer", write_fifo, &writer);
  g_assert_true (
      rdm_import_file (fixture->project, fifo, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_thread_join (thread);
  g_assert_cmpuint (report->rows_imported, ==, 4);
  g_assert_cmpstr (report->file_name, ==, "costs.fifo");
  g_clear_object (&fixture->project);

  /* "-" is standard input */
  launcher
      = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_stdin_file_path (launcher, costs);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("RDM_CLI"), "import",
                                         fixture->path, "--kind", "costs", "--force", "-", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_nonnull (strstr (out, "Imported “standard input” (kind costs, preset costs)"));
  g_assert_nonnull (strstr (out, "Rows imported: 4\n"));

  reopened = rdm_project_open (fixture->path, &error);
  g_assert_no_error (error);
  /* two imports of 360, the second named as it came */
  g_assert_cmpfloat (get_info (reopened).cost, ==, 720);
  assert_sql (reopened, "SELECT file_name FROM import_log ORDER BY id",
              "costs.fifo\nstandard input\n");
}

/* The CSV shrinks while it is imported: before, the mapped file's missing
 * pages killed the importer with SIGBUS. Now each import either reads the
 * whole file, is refused because the file changed, or reads a file already
 * cut (and stops at its broken last line): the exit status says which, the
 * process is never killed by a signal, and the project stays whole. */
static void
test_shrinking_file (Fixture *fixture, gconstpointer user_data)
{
  static const guint delays_ms[] = { 20, 150, 400 };

  g_clear_object (&fixture->project);
  for (guint i = 0; i < G_N_ELEMENTS (delays_ms); i++)
    {
      g_autofree char *large = write_large_log (fixture->dir, 400000);
      g_autoptr (GSubprocess) process = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (RdmProject) reopened = NULL;

      process
          = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                              &error, g_getenv ("RDM_CLI"), "import", fixture->path, "--kind",
                              "events", "--force", large, NULL);
      g_assert_no_error (error);
      g_usleep (delays_ms[i] * 1000);
      g_assert_cmpint (truncate (large, 1000000), ==, 0);
      g_assert_true (g_subprocess_wait (process, NULL, &error));
      g_assert_no_error (error);
      if (g_subprocess_get_if_signaled (process))
        g_error ("the import was killed by signal %d when its file shrank",
                 g_subprocess_get_term_sig (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), <=, 1);

      reopened = rdm_project_open (fixture->path, &error);
      g_assert_no_error (error);
      assert_sql (reopened, "PRAGMA integrity_check", "ok\n");
      /* all or nothing: every import that landed landed whole */
      assert_sql (reopened,
                  "SELECT count(*) FROM import_log l WHERE l.rows"
                  " != (SELECT count(*) FROM touchpoint t WHERE t.import_id = l.id)",
                  "0\n");
    }
}

static void
test_dataset_kaggle (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = rdm_test_dataset ("si05_attribution_subset/attribution_data.csv");
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmImportReport) report = NULL;
  RdmImportOptions options = { .kind = RDM_IMPORT_KIND_EVENTS, .preset = "kaggle" };
  RdmProjectInfo info;

  if (path == NULL)
    return;
  g_assert_true (
      rdm_import_file (fixture->project, path, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  info = get_info (fixture->project);
  /* totals from the data set's SOURCE.md */
  g_assert_cmpuint (report->rows_imported, ==, 62483);
  g_assert_cmpint (info.touchpoints, ==, 62483);
  g_assert_cmpint (info.conversions, ==, 1838);
  g_assert_cmpfloat (info.conversion_value, ==, 11423.5);
  g_assert_cmpint (info.visitors, ==, 7896);
  g_assert_cmpint (info.channels, ==, 5);
}

static void
test_dataset_paths (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = rdm_test_dataset ("channelattribution_pathdata/Data.csv");
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmImportReport) report = NULL;
  RdmImportOptions options = { .kind = RDM_IMPORT_KIND_PATHS };
  double value;

  if (path == NULL)
    return;
  g_assert_true (
      rdm_import_file (fixture->project, path, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->rows_imported, ==, 10000);
  g_assert_cmpint (get_info (fixture->project).paths, ==, 10000);
  g_assert_cmpfloat (sql_double (fixture->project, "SELECT sum(conversions) FROM path_row"), ==,
                     19785);
  g_assert_cmpfloat (sql_double (fixture->project, "SELECT sum(nulls) FROM path_row"), ==, 68602);
  value = sql_double (fixture->project, "SELECT sum(value) FROM path_row");
  g_assert_cmpfloat (fabs (value - 74802.97158721084) / 74802.97158721084, <=, 1e-9);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/import/events", test_events);
  ADD ("/import/events-semicolon", test_events_semicolon);
  ADD ("/import/kaggle", test_kaggle);
  ADD ("/import/criteo", test_criteo);
  ADD ("/import/paths", test_paths);
  ADD ("/import/costs", test_costs);
  ADD ("/import/shared-costs", test_shared_costs);
  ADD ("/import/daily", test_daily);
  ADD ("/import/attributes", test_attributes);
  ADD ("/import/survey", test_survey);
  ADD ("/import/experiments", test_experiments);
  ADD ("/import/experiments-errors", test_experiments_errors);
  ADD ("/import/experiments-spend-kept", test_experiments_spend_kept);
  ADD ("/import/guess-and-preview", test_guess_and_preview);
  ADD ("/import/mapping", test_mapping);
  ADD ("/import/index-order", test_index_order);
  ADD ("/import/errors", test_errors);
  ADD ("/import/unnamed-columns", test_unnamed_columns);
  ADD ("/import/skip-bad-rows", test_skip_bad_rows);
  ADD ("/import/cancel-and-progress", test_cancel_and_progress);
  ADD ("/import/cli", test_cli);
  ADD ("/import/large", test_large_import);
  ADD ("/import/journal", test_journal);
  ADD ("/import/killed", test_killed_import);
  ADD ("/import/odd-sources", test_odd_sources);
  ADD ("/import/shrinking-file", test_shrinking_file);
  ADD ("/import/dataset-kaggle", test_dataset_kaggle);
  ADD ("/import/dataset-paths", test_dataset_paths);
#undef ADD

  return g_test_run ();
}
