/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo project: reproducible for a seed, within its stated sizes,
 * referentially sound, and showing the effects it was built to show
 * (engagement pyramid, segment differences, repeat buyers, "No touch"
 * conversions, view-through). Also the "demo" command line.
 *
 * Writing the demo takes about a second, so one project (the default seed)
 * is written once and shared by the read-only checks.
 */
#include "config.h"

#include <cjson/cJSON.h>
#include <glib/gstdio.h>
#include <libintl.h>
#include <locale.h>

#include "rdm-attribution-run.h"
#include "rdm-demo.h"
#include "rdm-project-db.h"
#include "rdm-test-util.h"

#define query_int(project, sql) rdm_test_query_int (rdm_project_get_db (project), sql)
#define query_double(project, sql) rdm_test_query_double (rdm_project_get_db (project), sql)

static char *shared_dir;
static RdmProject *shared_project;

static RdmProject *
write_demo (const char *dir, const char *name, guint32 seed)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (RdmProject) project = rdm_project_create (path, &error);

  g_assert_no_error (error);
  rdm_demo_write (project, seed, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&project);
}

/* SHA-256 over every row of every table, in a fixed order. The import
 * log's imported_at is left out: it is the real time of the run. */
static char *
content_checksum (RdmProject *project)
{
  static const char *const queries[] = {
    "SELECT id, file_name, checksum, kind, preset, rows, rejects FROM import_log ORDER BY id",
    "SELECT * FROM channel ORDER BY id",
    "SELECT * FROM campaign ORDER BY id",
    "SELECT * FROM cost ORDER BY id",
    "SELECT * FROM campaign_daily ORDER BY id",
    "SELECT * FROM visitor ORDER BY id",
    "SELECT * FROM visitor_attribute ORDER BY visitor_id, key",
    "SELECT * FROM touchpoint ORDER BY id",
    "SELECT * FROM conversion ORDER BY id",
    "SELECT * FROM path_row ORDER BY id",
    "SELECT * FROM series_value ORDER BY id",
    "SELECT * FROM objective ORDER BY id",
    "SELECT * FROM initiative ORDER BY id",
    "SELECT * FROM initiative_campaign ORDER BY initiative_id, campaign_id",
    "SELECT * FROM kpi ORDER BY id",
    "SELECT * FROM kpi_value ORDER BY id",
    "SELECT * FROM segment ORDER BY id",
    "SELECT * FROM model_setting ORDER BY id",
    "SELECT * FROM outcome ORDER BY id",
    "SELECT * FROM media_truth ORDER BY channel_id",
    "SELECT * FROM event ORDER BY id",
  };
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (
          sqlite3_prepare_v2 (rdm_project_get_db (project), queries[q], -1, &stmt, NULL), ==,
          SQLITE_OK);
      g_checksum_update (checksum, (const guchar *)queries[q], -1);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            /* the type tag keeps NULL apart from '' and 1 apart from 1.0 */
            guchar type = (guchar)sqlite3_column_type (stmt, c);
            const guchar *text = sqlite3_column_text (stmt, c);

            g_checksum_update (checksum, &type, 1);
            if (text != NULL)
              g_checksum_update (checksum, text, sqlite3_column_bytes (stmt, c) + 1);
          }
      sqlite3_finalize (stmt);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

static void
test_deterministic (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autoptr (RdmProject) again = write_demo (dir, "again.rendement", RDM_DEMO_DEFAULT_SEED);
  g_autoptr (RdmProject) other = write_demo (dir, "other.rendement", RDM_DEMO_DEFAULT_SEED + 1);
  g_autofree char *shared_sum = content_checksum (shared_project);
  g_autofree char *again_sum = content_checksum (again);
  g_autofree char *other_sum = content_checksum (other);

  g_assert_cmpstr (shared_sum, ==, again_sum);
  g_assert_cmpstr (shared_sum, !=, other_sum);
  /* not only the import log's seed checksum differs: the journeys do */
  g_assert_cmpint (query_int (shared_project, "SELECT total(time) FROM touchpoint"), !=,
                   query_int (other, "SELECT total(time) FROM touchpoint"));

  g_clear_object (&again);
  g_clear_object (&other);
  rdm_test_remove_tree (dir);
}

static void
test_totals (void)
{
  g_autoptr (GError) error = NULL;
  RdmProjectInfo info;

  rdm_project_get_info (shared_project, &info, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info.visitors, ==, 40000);
  g_assert_cmpint (info.touchpoints, >=, 150000);
  g_assert_cmpint (info.touchpoints, <=, 250000);
  g_assert_cmpint (info.conversions, >=, 2000);
  g_assert_cmpint (info.conversions, <=, 4000);
  g_assert_cmpint (info.channels, ==, 12);
  g_assert_cmpint (info.campaigns, ==, 30);
  g_assert_cmpint (info.paths, ==, 0);
  g_assert_cmpint (info.imports, ==, 1);
  g_assert_cmpfloat (info.conversion_value, >, 0.0);
  g_assert_cmpfloat (info.cost, >, 0.0);
  /* 2026-04-01T00:00:00Z = 1775001600; 2026-10-01T00:00:00Z = 1775001600 + 183 * 86400 */
  g_assert_cmpint (info.first_time, >=, 1775001600);
  g_assert_cmpint (info.last_time, <, 1775001600 + 183 * 86400);
  /* the costs of the tracked months; media spend also runs in the
   * eighteen months before, for the media mix */
  g_assert_cmpint (query_int (shared_project, "SELECT min(day) FROM cost WHERE category != 'media'"
                                              " OR campaign_id IS NOT NULL"),
                   >=, 1775001600);
  g_assert_cmpint (query_int (shared_project, "SELECT min(day) FROM cost"), ==,
                   RDM_DEMO_MEDIA_FIRST_DAY);
  g_assert_cmpint (query_int (shared_project, "SELECT max(day) FROM cost"), <=,
                   1775001600 + 182 * 86400);
  /* the starter scorecard, every KPI of which the data can evaluate, and
   * three segments worth comparing */
  g_assert_cmpint (query_int (shared_project, "SELECT count(*) FROM kpi"), ==, 6);
  g_assert_cmpint (query_int (shared_project, "SELECT count(*) FROM segment"), ==, 3);
}

static void
test_channels (void)
{
  static const char *const expected[][2] = {
    { "Facebook", "social" },
    { "Instagram", "social" },
    { "LinkedIn", "social" },
    { "YouTube", "video" },
    { "X", "social" },
    { "Blog", "social" },
    { "Paid Search", "paid_search" },
    { "Organic Search", "organic_search" },
    { "Email", "email" },
    { "Display", "display" },
    { "Affiliates", "affiliate" },
    { "Direct", "direct" },
  };
  sqlite3_stmt *stmt = NULL;
  guint row = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (rdm_project_get_db (shared_project),
                                       "SELECT name, channel_group FROM channel ORDER BY id", -1,
                                       &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpuint (row, <, G_N_ELEMENTS (expected));
      g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, expected[row][0]);
      g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 1), ==, expected[row][1]);
      row++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (row, ==, G_N_ELEMENTS (expected));

  /* Organic Search and Direct have no campaign; every other channel has */
  g_assert_cmpint (query_int (shared_project,
                              "SELECT count(*) FROM channel WHERE NOT EXISTS (SELECT 1 FROM"
                              " campaign WHERE channel_id = channel.id)"),
                   ==, 2);
  g_assert_cmpint (query_int (shared_project,
                              "SELECT count(*) FROM campaign WHERE start_day IS NULL"
                              " OR end_day < start_day"),
                   ==, 0);
}

static void
test_references (void)
{
  static const char *const orphans[] = {
    "SELECT count(*) FROM campaign WHERE channel_id NOT IN (SELECT id FROM channel)",
    "SELECT count(*) FROM touchpoint WHERE channel_id NOT IN (SELECT id FROM channel)",
    "SELECT count(*) FROM touchpoint WHERE visitor_id NOT IN (SELECT id FROM visitor)",
    "SELECT count(*) FROM conversion WHERE visitor_id NOT IN (SELECT id FROM visitor)",
    "SELECT count(*) FROM cost WHERE channel_id NOT IN (SELECT id FROM channel)",
    "SELECT count(*) FROM campaign_daily WHERE channel_id NOT IN (SELECT id FROM channel)",
    "SELECT count(*) FROM initiative WHERE objective_id NOT IN (SELECT id FROM objective)",
    "SELECT count(*) FROM initiative_campaign WHERE campaign_id NOT IN (SELECT id FROM campaign)",
    /* a campaign belongs to the channel of the row that names it */
    "SELECT count(*) FROM touchpoint t JOIN campaign c ON c.id = t.campaign_id"
    " WHERE c.channel_id != t.channel_id",
    "SELECT count(*) FROM cost t JOIN campaign c ON c.id = t.campaign_id"
    " WHERE c.channel_id != t.channel_id",
    "SELECT count(*) FROM campaign_daily t JOIN campaign c ON c.id = t.campaign_id"
    " WHERE c.channel_id != t.channel_id",
    "SELECT count(*) FROM touchpoint WHERE campaign_id IS NOT NULL"
    " AND campaign_id NOT IN (SELECT id FROM campaign)",
    /* touches only while their campaign runs */
    "SELECT count(*) FROM touchpoint t JOIN campaign c ON c.id = t.campaign_id"
    " WHERE t.time < c.start_day OR t.time >= c.end_day + 86400",
    "SELECT count(*) FROM campaign_daily t JOIN campaign c ON c.id = t.campaign_id"
    " WHERE t.day < c.start_day OR t.day > c.end_day",
    /* every row points at the demo's import log entry */
    "SELECT (SELECT count(*) FROM touchpoint WHERE import_id IS NOT 1)"
    " + (SELECT count(*) FROM conversion WHERE import_id IS NOT 1)"
    " + (SELECT count(*) FROM cost WHERE import_id IS NOT 1)"
    " + (SELECT count(*) FROM campaign_daily WHERE import_id IS NOT 1)"
    " + (SELECT count(*) FROM series_value WHERE import_id IS NOT 1)",
  };

  for (guint i = 0; i < G_N_ELEMENTS (orphans); i++)
    {
      g_test_message ("%s", orphans[i]);
      g_assert_cmpint (query_int (shared_project, orphans[i]), ==, 0);
    }
  g_assert_cmpint (query_int (shared_project, "SELECT count(*) FROM objective"), ==, 3);
  g_assert_cmpint (query_int (shared_project,
                              "SELECT count(*) FROM objective WHERE NOT EXISTS (SELECT 1 FROM"
                              " initiative WHERE objective_id = objective.id)"),
                   ==, 0);
  g_assert_cmpint (query_int (shared_project,
                              "SELECT count(*) FROM initiative WHERE NOT EXISTS (SELECT 1 FROM"
                              " initiative_campaign WHERE initiative_id = initiative.id)"),
                   ==, 0);
}

static void
test_import_log (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) imports = rdm_project_list_imports (shared_project, &error);
  g_autofree char *expected
      = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "rendement-demo version 4 seed 2026", -1);
  const RdmImportRecord *record;

  g_assert_no_error (error);
  g_assert_cmpuint (imports->len, ==, 1);
  record = imports->pdata[0];
  g_assert_cmpstr (record->kind, ==, "demo");
  g_assert_cmpstr (record->file_name, ==, "demo");
  g_assert_cmpstr (record->checksum, ==, expected);
  g_assert_cmpint (record->rejects, ==, 0);
  /* rows = everything written but the log entry itself */
  g_assert_cmpint (
      record->rows, ==,
      query_int (shared_project,
                 "SELECT (SELECT count(*) FROM channel) + (SELECT count(*) FROM"
                 " campaign) + (SELECT count(*) FROM cost) + (SELECT count(*) FROM"
                 " campaign_daily) + (SELECT count(*) FROM visitor) + (SELECT"
                 " count(*) FROM visitor_attribute) + (SELECT count(*) FROM"
                 " touchpoint) + (SELECT count(*) FROM conversion) + (SELECT"
                 " count(*) FROM series_value) + (SELECT count(*) FROM objective) +"
                 " (SELECT count(*) FROM initiative) + (SELECT count(*) FROM"
                 " initiative_campaign) + (SELECT count(*) FROM saving) + (SELECT count(*) FROM"
                 " world) + (SELECT count(*) FROM truth) + (SELECT count(*) FROM outcome) +"
                 " (SELECT count(*) FROM media_truth)"));
  /* six months of savings for the blog and the newsletter */
  g_assert_cmpint (query_int (shared_project,
                              "SELECT count(*) FROM saving JOIN channel ON channel.id = channel_id"
                              " WHERE import_id = 1 AND amount > 0"
                              " AND channel.name IN ('Blog', 'Email')"),
                   ==, 12);
}

static void
test_conversions (void)
{
  g_assert_cmpint (query_int (shared_project, "SELECT count(*) FROM conversion WHERE value < 0"),
                   ==, 0);
  g_assert_cmpint (query_int (shared_project,
                              "SELECT count(*) FROM conversion WHERE event NOT IN ('purchase',"
                              " 'lead')"),
                   ==, 0);
  g_assert_cmpint (query_int (shared_project,
                              "SELECT count(*) FROM conversion WHERE event = 'purchase'"
                              " AND value <= 0"),
                   ==, 0);
  /* leads are worth 0 or a flat 12 euros */
  g_assert_cmpint (query_int (shared_project, "SELECT count(*) FROM conversion WHERE event = 'lead'"
                                              " AND value NOT IN (0, 12)"),
                   ==, 0);
  g_assert_cmpint (
      query_int (shared_project, "SELECT count(*) FROM conversion WHERE event = 'lead'"), >, 100);
  /* values are whole cents */
  g_assert_cmpint (query_int (shared_project,
                              "SELECT count(*) FROM conversion WHERE abs(value * 100 -"
                              " round(value * 100)) > 1e-6"),
                   ==, 0);
}

static void
test_journeys (void)
{
  /* repeat buyers */
  g_assert_cmpint (query_int (shared_project,
                              "SELECT count(*) FROM (SELECT visitor_id FROM conversion WHERE"
                              " event = 'purchase' GROUP BY visitor_id HAVING count(*) >= 2)"),
                   >, 0);
  /* "No touch": conversions with no touch at all before them */
  g_assert_cmpint (query_int (shared_project,
                              "SELECT count(*) FROM conversion c WHERE NOT EXISTS (SELECT 1 FROM"
                              " touchpoint t WHERE t.visitor_id = c.visitor_id AND t.time <="
                              " c.time)"),
                   >, 0);
  /* view-through: a purchase whose last touch is an impression within the day */
  g_assert_cmpint (query_int (shared_project,
                              "SELECT count(*) FROM conversion c WHERE c.event = 'purchase' AND"
                              " (SELECT interaction FROM touchpoint t WHERE t.visitor_id ="
                              " c.visitor_id AND t.time <= c.time ORDER BY t.time DESC, t.id DESC"
                              " LIMIT 1) = 0 AND EXISTS (SELECT 1 FROM touchpoint t WHERE"
                              " t.visitor_id = c.visitor_id AND t.interaction = 0 AND t.time"
                              " BETWEEN c.time - 86400 AND c.time)"),
                   >, 0);
  /* all three interaction kinds, impressions from ad channels only */
  for (int kind = 0; kind <= 2; kind++)
    {
      g_autofree char *sql
          = g_strdup_printf ("SELECT count(*) FROM touchpoint WHERE interaction = %d", kind);

      g_assert_cmpint (query_int (shared_project, sql), >, 10000);
    }
  g_assert_cmpint (query_int (shared_project,
                              "SELECT count(*) FROM touchpoint t JOIN channel ch ON ch.id ="
                              " t.channel_id WHERE t.interaction = 0 AND ch.name NOT IN"
                              " ('Display', 'YouTube', 'Facebook', 'Instagram', 'LinkedIn', 'X')"),
                   ==, 0);
  /* social opens and direct closes: the first touch of converting visitors
   * is social more often than their last, and direct the other way round */
  g_assert_cmpint (
      query_int (shared_project,
                 "SELECT count(*) FROM conversion c WHERE (SELECT channel_id FROM touchpoint t"
                 " WHERE t.visitor_id = c.visitor_id ORDER BY t.time, t.id LIMIT 1) IN (SELECT id"
                 " FROM channel WHERE channel_group = 'social')"),
      >,
      2
          * query_int (
              shared_project,
              "SELECT count(*) FROM conversion c WHERE (SELECT channel_id FROM touchpoint t"
              " WHERE t.visitor_id = c.visitor_id AND t.time <= c.time ORDER BY t.time DESC,"
              " t.id DESC LIMIT 1) IN (SELECT id FROM channel WHERE channel_group ="
              " 'social')"));
}

/* The demo is a simulated world and carries its truth: every model reads
 * against it, Display is reached often and causes little (last touch
 * credits it with several times what it caused), and the channels cause
 * fewer conversions than there are. */
static void
test_truth (void)
{
  g_auto (RdmAttributionData) data = { 0 };
  g_auto (RdmAttributionRequest) request;
  g_autoptr (RdmAttributionRun) run = NULL;
  g_autoptr (GError) error = NULL;
  const RdmCredit *last;
  int display;

  g_assert_cmpint (query_int (shared_project, "SELECT count(*) FROM world"), ==, 1);
  g_assert_cmpint (query_int (shared_project,
                              "SELECT count(*) FROM truth t JOIN conversion c ON c.id ="
                              " t.conversion_id WHERE c.import_id = (SELECT import_id FROM world)"),
                   ==, query_int (shared_project, "SELECT count(*) FROM truth"));
  g_assert_true (rdm_attribution_data_load (shared_project, &data, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (data.truth_unavailable);
  rdm_attribution_request_init (&request);
  request.models[request.n_models++] = RDM_MODEL_LAST;
  run = rdm_attribution_run (shared_project, &data, &request, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run->truth);
  last = run->credits->pdata[0];
  display = rdm_truth_find_label (run->truth, "Display");
  g_assert_cmpfloat (run->truth->conversions[display], >, 0.0);
  g_assert_cmpfloat (last->conversions[rdm_credit_find_label (last, "Display")], >,
                     3.0 * run->truth->conversions[display]);
  g_assert_cmpfloat (run->truth->total_conversions, <, last->total_conversions);
  for (guint t = 0; t < run->truth->n_labels; t++)
    g_assert_cmpfloat (run->truth->conversions[t], <=, last->total_conversions);
}

static void
test_costs (void)
{
  static const char *const categories[]
      = { "media", "content", "staff", "tools", "training", "compliance", "other" };

  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    {
      g_autofree char *sql = g_strdup_printf (
          "SELECT count(*) FROM cost WHERE category = '%s' AND amount > 0", categories[i]);

      g_test_message ("%s", categories[i]);
      g_assert_cmpint (query_int (shared_project, sql), >, 0);
    }
  g_assert_cmpint (query_int (shared_project, "SELECT count(*) FROM cost WHERE amount < 0"), ==, 0);
  /* media spend every day of every paid campaign: 30 campaigns, of which the
   * 6 organic ones, 4 email and 2 affiliate campaigns have no media budget */
  g_assert_cmpint (query_int (shared_project,
                              "SELECT count(DISTINCT campaign_id) FROM cost WHERE category ="
                              " 'media'"),
                   ==, 30 - 6 - 4 - 2);
  g_assert_cmpint (query_int (shared_project,
                              "SELECT count(*) FROM cost c JOIN campaign p ON p.id = c.campaign_id"
                              " WHERE c.category = 'media'"),
                   ==,
                   query_int (shared_project,
                              "SELECT total((end_day - start_day) / 86400 + 1) FROM campaign"
                              " WHERE id IN (SELECT campaign_id FROM cost WHERE category ="
                              " 'media')"));
}

static void
test_campaign_daily (void)
{
  /* one row per day for every campaign while it runs */
  g_assert_cmpint (
      query_int (shared_project,
                 "SELECT count(*) FROM campaign_daily WHERE campaign_id IS NOT NULL"),
      ==,
      query_int (shared_project, "SELECT total((end_day - start_day) / 86400 + 1) FROM campaign"));
  /* before the tracked months, at most one row per channel and day, of no
   * campaign, for the mirror and the followers */
  g_assert_cmpint (query_int (shared_project,
                              "SELECT count(*) FROM campaign_daily WHERE campaign_id IS NULL AND"
                              " day >= 1775001600"),
                   ==, 0);
  g_assert_cmpint (query_int (shared_project,
                              "SELECT count(*) FROM (SELECT 1 FROM campaign_daily WHERE campaign_id"
                              " IS NULL GROUP BY day, channel_id HAVING count(*) > 1)"),
                   ==, 0);
  g_assert_cmpint (query_int (shared_project, "SELECT min(day) FROM campaign_daily"), ==,
                   RDM_DEMO_MEDIA_FIRST_DAY);
  /* platforms report at least the clicks and visits that were tracked */
  g_assert_cmpint (query_int (shared_project,
                              "SELECT count(*) FROM campaign c WHERE (SELECT total(clicks) FROM"
                              " campaign_daily d WHERE d.campaign_id = c.id) < (SELECT count(*)"
                              " FROM touchpoint t WHERE t.campaign_id = c.id AND t.interaction >"
                              " 0)"),
                   ==, 0);
  g_assert_cmpint (query_int (shared_project,
                              "SELECT count(*) FROM campaign_daily WHERE clicks > impressions OR"
                              " engagements != likes + shares + comments"),
                   ==, 0);
  /* followers only on the organic rows of the six social and video
   * accounts, and they grow */
  g_assert_cmpint (query_int (shared_project,
                              "SELECT count(DISTINCT campaign_id) FROM campaign_daily WHERE"
                              " followers > 0"),
                   ==, 6);
  g_assert_cmpint (query_int (shared_project,
                              "SELECT count(*) FROM campaign c WHERE c.name = '(organic)' AND"
                              " (SELECT followers FROM campaign_daily WHERE campaign_id = c.id"
                              " ORDER BY day DESC LIMIT 1) <= (SELECT followers FROM"
                              " campaign_daily WHERE campaign_id = c.id ORDER BY day LIMIT 1)"),
                   ==, 0);
}

static void
test_attributes (void)
{
  g_assert_cmpint (query_int (shared_project, "SELECT count(*) FROM visitor_attribute"), ==,
                   6 * 40000);
  g_assert_cmpint (query_int (shared_project,
                              "SELECT count(*) FROM visitor v WHERE (SELECT count(*) FROM"
                              " visitor_attribute a WHERE a.visitor_id = v.id AND a.key IN"
                              " ('gender', 'age_band', 'engagement', 'device', 'region',"
                              " 'interests')) != 6"),
                   ==, 0);
  g_assert_cmpint (query_int (shared_project,
                              "SELECT count(*) FROM visitor_attribute WHERE key = 'age_band' AND"
                              " value NOT IN ('18-24', '25-34', '35-49', '50-64', '65+')"),
                   ==, 0);
  g_assert_cmpint (query_int (shared_project,
                              "SELECT count(*) FROM visitor_attribute WHERE key = 'device' AND"
                              " value NOT IN ('desktop', 'mobile', 'tablet')"),
                   ==, 0);
  g_assert_cmpint (query_int (shared_project,
                              "SELECT count(DISTINCT value) FROM visitor_attribute WHERE key ="
                              " 'region'"),
                   ==, 13);
  g_assert_cmpint (query_int (shared_project,
                              "SELECT count(*) FROM visitor_attribute WHERE key = 'region' AND"
                              " value = 'Île-de-France'"),
                   >, 0);
}

static gint64
engagement_count (const char *level)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM visitor_attribute WHERE key ="
                                          " 'engagement' AND value = '%s'",
                                          level);

  return query_int (shared_project, sql);
}

static void
test_pyramid (void)
{
  static const char *const levels[]
      = { "spectator", "sharer", "commenter", "producer", "evangelist" };

  for (guint i = 0; i + 1 < G_N_ELEMENTS (levels); i++)
    {
      g_test_message ("%s > %s", levels[i], levels[i + 1]);
      g_assert_cmpint (engagement_count (levels[i]), >, engagement_count (levels[i + 1]));
    }
  g_assert_cmpint (engagement_count ("spectator"), >, 40000 / 2);
  g_assert_cmpint (engagement_count ("evangelist"), >, 0);
}

/* Share of the visitors matching @where (over visitor v) who bought. */
static double
purchase_rate (const char *where)
{
  g_autofree char *sql = g_strdup_printf (
      "SELECT avg(EXISTS (SELECT 1 FROM conversion c WHERE c.visitor_id = v.id AND c.event ="
      " 'purchase')) FROM visitor v WHERE %s",
      where);

  return query_double (shared_project, sql);
}

static void
test_segments_differ (void)
{
  const char *age_25_49 = "(SELECT value FROM visitor_attribute WHERE visitor_id = v.id AND key"
                          " = 'age_band') IN ('25-34', '35-49')";
  const char *blog = "EXISTS (SELECT 1 FROM touchpoint t JOIN channel ch ON ch.id ="
                     " t.channel_id WHERE t.visitor_id = v.id AND ch.name = 'Blog')";
  g_autofree char *blog_mid = g_strdup_printf ("%s AND %s", age_25_49, blog);
  g_autofree char *not_blog_mid = g_strdup_printf ("%s AND NOT %s", age_25_49, blog);
  double evangelists = purchase_rate ("(SELECT value FROM visitor_attribute WHERE visitor_id ="
                                      " v.id AND key = 'engagement') = 'evangelist'");
  double spectators = purchase_rate ("(SELECT value FROM visitor_attribute WHERE visitor_id ="
                                     " v.id AND key = 'engagement') = 'spectator'");
  double young = purchase_rate ("(SELECT value FROM visitor_attribute WHERE visitor_id = v.id"
                                " AND key = 'age_band') = '18-24'");

  /* odds multipliers 3.0 vs 1.0 (engagement), 1.2-1.3 vs 0.6 (age), 1.9 (blog
   * readers 25-49): the generated rates must keep clear gaps */
  g_assert_cmpfloat (evangelists, >, 2.0 * spectators);
  g_assert_cmpfloat (purchase_rate (age_25_49), >, 1.5 * young);
  g_assert_cmpfloat (purchase_rate (blog_mid), >, 1.5 * purchase_rate (not_blog_mid));
}

static void
test_series_and_objectives (void)
{
  g_assert_cmpint (query_int (shared_project, "SELECT count(*) FROM series_value WHERE metric ="
                                              " 'customer_satisfaction' AND source = 'survey'"),
                   ==, 6);
  /* brand awareness: eight quarterly waves of four weekly readings, on
   * Mondays, over the two years */
  g_assert_cmpint (query_int (shared_project,
                              "SELECT count(*) FROM series_value WHERE metric = 'brand_awareness'"
                              " AND source = 'survey' AND (day / 86400 + 3) % 7 = 0 AND day >= "
                              "1727740800"),
                   ==, 8 * 4);
  g_assert_cmpint (query_int (shared_project,
                              "SELECT count(*) FROM series_value WHERE metric ="
                              " 'call_deflection_savings' AND source = 'customer service' AND"
                              " value > 0"),
                   ==, 6);
  g_assert_cmpint (query_int (shared_project,
                              "SELECT count(*) FROM objective WHERE business_function IN"
                              " ('sales', 'marketing', 'customer_service')"),
                   ==, 3);
}

static gboolean
has_row (RdmProject *project, const char *sql, const char *text)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found;

  g_assert_cmpint (sqlite3_prepare_v2 (rdm_project_get_db (project), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

/* Written in French, the demo's objectives, initiatives, savings and KPIs
 * are all French (from the built catalog, po/fr.po). */
static void
test_french (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *locales = NULL;
  g_autofree char *path = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autoptr (GError) error = NULL;

  /* the parent builds the locale: a child that skipped would fail */
  if (!g_test_subprocess ())
    {
      locales = rdm_test_make_tmpdir ();
      rdm_test_build_locale (locales, "fr_FR");
      g_setenv ("LOCPATH", locales, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_unsetenv ("LOCPATH");
      rdm_test_remove_tree (locales);
      g_test_trap_assert_passed ();
      return;
    }
  dir = rdm_test_make_tmpdir ();
  g_setenv ("LC_ALL", "fr_FR.UTF-8", TRUE);
  g_assert_nonnull (setlocale (LC_ALL, ""));
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("RDM_BUILD_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  path = g_build_filename (dir, "fr.rendement", NULL);
  project = rdm_project_create (path, &error);
  g_assert_no_error (error);
  g_assert_true (rdm_demo_write (project, RDM_DEMO_DEFAULT_SEED, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (has_row (project, "SELECT 1 FROM objective WHERE name = ?1",
                          "Augmenter les ventes en ligne"));
  g_assert_false (
      has_row (project, "SELECT 1 FROM objective WHERE name = ?1", "Grow online sales"));
  g_assert_true (
      has_row (project, "SELECT 1 FROM kpi WHERE name = ?1", "ROAS des réseaux sociaux"));
  g_assert_true (has_row (project, "SELECT 1 FROM kpi WHERE name = ?1", "Coût par acquisition"));
  /* still three objectives: the suggested KPIs join the demo's own */
  g_assert_cmpint (query_int (project, "SELECT count(*) FROM objective"), ==, 3);
  g_clear_object (&project);
  rdm_test_remove_tree (dir);
}

static void
test_refuses_non_empty (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "used.rendement", NULL);
  g_autoptr (RdmProject) project = rdm_project_create (path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (rdm_project_ensure_channel (project, "Facebook", &error), ==, 1);
  g_assert_no_error (error);

  g_assert_false (rdm_demo_write (project, 1, NULL, &error));
  g_assert_error (error, RDM_DEMO_ERROR, RDM_DEMO_ERROR_NOT_EMPTY);
  g_assert_nonnull (strstr (error->message, "empty project"));
  g_assert_nonnull (strstr (error->message, "used.rendement"));
  g_assert_cmpint (query_int (project, "SELECT count(*) FROM channel"), ==, 1);
  g_assert_cmpint (query_int (project, "SELECT count(*) FROM import_log"), ==, 0);
  g_clear_error (&error);

  /* the shared demo itself is not empty either */
  g_assert_false (rdm_demo_write (shared_project, 1, NULL, &error));
  g_assert_error (error, RDM_DEMO_ERROR, RDM_DEMO_ERROR_NOT_EMPTY);
  g_assert_cmpint (query_int (shared_project, "SELECT count(*) FROM import_log"), ==, 1);

  g_clear_object (&project);
  rdm_test_remove_tree (dir);
}

static void
test_cancelled (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "cancelled.rendement", NULL);
  g_autoptr (RdmProject) project = rdm_project_create (path, &error);

  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  g_assert_false (rdm_demo_write (project, 1, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* one transaction: nothing of what was written before the check stays */
  g_assert_cmpint (query_int (project,
                              "SELECT (SELECT count(*) FROM import_log) + (SELECT count(*) FROM"
                              " channel) + (SELECT count(*) FROM objective) + (SELECT count(*)"
                              " FROM visitor)"),
                   ==, 0);
  g_clear_error (&error);
  /* and the project can still take the demo afterwards */
  g_assert_true (rdm_demo_write (project, 1, NULL, &error));
  g_assert_no_error (error);

  g_clear_object (&project);
  rdm_test_remove_tree (dir);
}

static gint64
json_int (cJSON *root, const char *name)
{
  cJSON *item = cJSON_GetObjectItemCaseSensitive (root, name);

  g_assert_true (cJSON_IsNumber (item));
  return (gint64)item->valuedouble;
}

static void
test_cli (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "cli.rendement", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *table = NULL;
  cJSON *root;
  cJSON *imports;
  RdmProjectInfo info;

  g_assert_cmpint (rdm_test_run_cli (&out, &err, "demo", path, "--seed", "2026", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "cli.rendement"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* the default seed is 2026: same content as the shared project */
  project = rdm_project_open (path, &error);
  g_assert_no_error (error);
  {
    g_autofree char *cli_sum = content_checksum (project);
    g_autofree char *shared_sum = content_checksum (shared_project);

    g_assert_cmpstr (cli_sum, ==, shared_sum);
  }
  rdm_project_get_info (project, &info, &error);
  g_assert_no_error (error);

  g_assert_cmpint (rdm_test_run_cli (&out, &err, "info", path, "--format", "json", NULL), ==, 0);
  root = cJSON_Parse (out);
  g_assert_nonnull (root);
  g_assert_cmpint (json_int (root, "visitors"), ==, 40000);
  g_assert_cmpint (json_int (root, "channels"), ==, 12);
  g_assert_cmpint (json_int (root, "campaigns"), ==, 30);
  g_assert_cmpint (json_int (root, "paths"), ==, 0);
  g_assert_cmpint (json_int (root, "touchpoints"), ==,
                   query_int (project, "SELECT count(*) FROM touchpoint"));
  g_assert_cmpint (json_int (root, "conversions"), ==,
                   query_int (project, "SELECT count(*) FROM conversion"));
  g_assert_cmpfloat_with_epsilon (cJSON_GetObjectItemCaseSensitive (root, "cost")->valuedouble,
                                  query_double (project, "SELECT total(amount) FROM cost"), 1e-6);
  g_assert_cmpfloat_with_epsilon (
      cJSON_GetObjectItemCaseSensitive (root, "conversion_value")->valuedouble,
      query_double (project, "SELECT total(value) FROM conversion"), 1e-6);
  g_assert_cmpstr (cJSON_GetObjectItemCaseSensitive (root, "first_time")->valuestring, >=,
                   "2026-04-01T00:00:00Z");
  g_assert_cmpstr (cJSON_GetObjectItemCaseSensitive (root, "last_time")->valuestring, <,
                   "2026-10-01T00:00:00Z");
  imports = cJSON_GetObjectItemCaseSensitive (root, "imports");
  g_assert_cmpint (cJSON_GetArraySize (imports), ==, 1);
  g_assert_cmpstr (
      cJSON_GetObjectItemCaseSensitive (cJSON_GetArrayItem (imports, 0), "kind")->valuestring, ==,
      "demo");
  cJSON_Delete (root);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (rdm_test_run_cli (&table, &err, "info", path, NULL), ==, 0);
  g_assert_nonnull (strstr (table, "40000"));
  g_assert_nonnull (strstr (table, "demo"));
  g_clear_pointer (&err, g_free);

  /* an existing file is refused and left as it was */
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "demo", path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "already exists"));
  g_assert_cmpint (query_int (project, "SELECT count(*) FROM import_log"), ==, 1);
  g_assert_cmpint (query_int (project, "SELECT count(*) FROM visitor"), ==, 40000);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_clear_object (&project);
  rdm_test_remove_tree (dir);
}

static void
test_cli_bad_usage (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "bad.rendement", NULL);
  static const char *const bad_seeds[] = { "abc", "-1", "4294967296", "12x", "" };

  for (guint i = 0; i < G_N_ELEMENTS (bad_seeds); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_test_message ("seed “%s”", bad_seeds[i]);
      g_assert_cmpint (rdm_test_run_cli (&out, &err, "demo", path, "--seed", bad_seeds[i], NULL),
                       ==, 2);
      g_assert_nonnull (strstr (err, "Invalid seed"));
      g_assert_nonnull (strstr (err, "expected a whole number from 0 to 4294967295"));
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }

  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (rdm_test_run_cli (&out, &err, "demo", NULL), ==, 2);
    g_assert_nonnull (strstr (err, "expected one PROJECT"));
  }
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (rdm_test_run_cli (&out, &err, "demo", path, "other.rendement", NULL), ==, 2);
    g_assert_nonnull (strstr (err, "expected one PROJECT"));
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (rdm_test_run_cli (&out, &err, "demo", "--help", NULL), ==, 0);
    g_assert_nonnull (strstr (out, "--seed"));
    g_assert_nonnull (strstr (out, "PROJECT"));
  }
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *missing = g_build_filename (dir, "no-such-dir", "x.rendement", NULL);

    /* the file cannot be created: an error, and nothing left behind */
    g_assert_cmpint (rdm_test_run_cli (&out, &err, "demo", missing, NULL), ==, 1);
    g_assert_nonnull (strstr (err, "x.rendement"));
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
  rdm_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  shared_dir = rdm_test_make_tmpdir ();
  shared_project = write_demo (shared_dir, "demo.rendement", RDM_DEMO_DEFAULT_SEED);

  g_test_add_func ("/demo/deterministic", test_deterministic);
  g_test_add_func ("/demo/totals", test_totals);
  g_test_add_func ("/demo/channels", test_channels);
  g_test_add_func ("/demo/references", test_references);
  g_test_add_func ("/demo/import-log", test_import_log);
  g_test_add_func ("/demo/conversions", test_conversions);
  g_test_add_func ("/demo/journeys", test_journeys);
  g_test_add_func ("/demo/truth", test_truth);
  g_test_add_func ("/demo/costs", test_costs);
  g_test_add_func ("/demo/campaign-daily", test_campaign_daily);
  g_test_add_func ("/demo/attributes", test_attributes);
  g_test_add_func ("/demo/pyramid", test_pyramid);
  g_test_add_func ("/demo/segments-differ", test_segments_differ);
  g_test_add_func ("/demo/series-and-objectives", test_series_and_objectives);
  g_test_add_func ("/demo/refuses-non-empty", test_refuses_non_empty);
  g_test_add_func ("/demo/french", test_french);
  g_test_add_func ("/demo/cancelled", test_cancelled);
  g_test_add_func ("/demo/cli", test_cli);
  g_test_add_func ("/demo/cli-bad-usage", test_cli_bad_usage);
  status = g_test_run ();

  g_clear_object (&shared_project);
  rdm_test_remove_tree (shared_dir);
  g_free (shared_dir);
  return status;
}
