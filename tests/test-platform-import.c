/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ad-platform exports as downloaded (tests/data/import/google-ads-*,
 * meta-ads-*, linkedin-*; tests/data/README.md says which documentation
 * each follows): each imports with no hand edit and no --preset, and its
 * costs, daily rows, currency and skipped lines are checked value by value;
 * malformed variants, written from the samples at test time, fail with a
 * clear message and change nothing.
 */
/* memmem() */
#define _GNU_SOURCE

#include "config.h"

#include <string.h>
#include <cjson/cJSON.h>

#include "rdm-csv.h"
#include "rdm-import.h"
#include "rdm-project-db.h"
#include "rdm-test-util.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

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
sample_path (const char *name)
{
  const char *root = g_getenv ("RDM_TEST_DATA");

  g_assert_nonnull (root);
  return g_build_filename (root, "import", name, NULL);
}

static char *
sample_text (const char *name)
{
  g_autofree char *path = sample_path (name);
  g_autoptr (GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* A sample with @from replaced by @to (which must be there), written to
 * the fixture's folder as @name. */
static char *
write_variant (
    Fixture *fixture, const char *sample, const char *name, const char *from, const char *to)
{
  g_autofree char *text = sample_text (sample);
  g_autoptr (GString) variant = g_string_new (text);

  g_assert_nonnull (strstr (text, from));
  g_string_replace (variant, from, to, 1);
  return rdm_test_write_file (fixture->dir, name, variant->str);
}

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

/* The costs of import @id: day, channel, campaign, category, amount, and
 * the source / medium they came from ("none" for a chosen channel). */
static char *
costs_of (RdmProject *project, gint64 id)
{
  g_autofree char *sql = g_strdup_printf (
      "SELECT date(c.day, 'unixepoch'), ch.name, ca.name, c.category, c.amount,"
      " ifnull(ts.source || ' / ' || ts.medium, 'none') FROM cost c"
      " JOIN channel ch ON ch.id = c.channel_id LEFT JOIN campaign ca ON ca.id = c.campaign_id"
      " LEFT JOIN traffic_source ts ON ts.id = c.source_id"
      " WHERE c.import_id = %" G_GINT64_FORMAT " ORDER BY c.id",
      id);

  return sql_text (project, sql);
}

/* The daily rows of import @id: day, channel, campaign, impressions,
 * clicks, engagements, likes, shares, comments, followers, source. */
static char *
daily_of (RdmProject *project, gint64 id)
{
  g_autofree char *sql = g_strdup_printf (
      "SELECT date(d.day, 'unixepoch'), ch.name, ca.name, d.impressions, d.clicks,"
      " d.engagements, d.likes, d.shares, d.comments, d.followers,"
      " ifnull(ts.source || ' / ' || ts.medium, 'none') FROM campaign_daily d"
      " JOIN channel ch ON ch.id = d.channel_id LEFT JOIN campaign ca ON ca.id = d.campaign_id"
      " LEFT JOIN traffic_source ts ON ts.id = d.source_id"
      " WHERE d.import_id = %" G_GINT64_FORMAT " ORDER BY d.id",
      id);

  return sql_text (project, sql);
}

static RdmImportReport *
import_path (RdmProject *project, const char *path, const RdmImportOptions *options)
{
  g_autoptr (GError) error = NULL;
  RdmImportReport *report = NULL;

  g_assert_true (rdm_import_file (project, path, options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  return report;
}

static RdmImportReport *
import_sample (RdmProject *project, const char *name, const RdmImportOptions *options)
{
  g_autofree char *path = sample_path (name);

  return import_path (project, path, options);
}

static void
assert_notes (const RdmImportReport *report, const char *const *expected)
{
  g_assert_cmpuint (report->notes->len, ==, g_strv_length ((char **)expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (report->notes->pdata[i], ==, expected[i]);
}

/* Everything an import may change, as text. */
static char *
project_state (RdmProject *project)
{
  return sql_text (project,
                   "SELECT 'log', count(*), group_concat(ifnull(currency, '-')) FROM import_log"
                   " UNION ALL SELECT 'cost', count(*), total(amount) FROM cost"
                   " UNION ALL SELECT 'daily', count(*), total(impressions) FROM campaign_daily"
                   " UNION ALL SELECT 'channel', count(*), group_concat(name) FROM channel"
                   " UNION ALL SELECT 'campaign', count(*), group_concat(name) FROM campaign"
                   " UNION ALL SELECT 'source', count(*), '' FROM traffic_source");
}

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
  g_autofree char *before = project_state (project);
  g_autofree char *after = NULL;

  g_assert_false (rdm_import_file (project, path, options, NULL, NULL, NULL, &report, &error));
  g_assert_null (report);
  g_assert_error (error, domain, code);
  if (strstr (error->message, message) == NULL)
    g_error ("expected “%s” in the message “%s”", message, error->message);
  after = project_state (project);
  g_assert_cmpstr (before, ==, after);
}

/* Google Ads "Download → CSV": two title lines, the header on line 3, six
 * days × campaigns, six total rows (lines 10–15), quoted numbers with
 * digit grouping, "--" for no conversions. */
static void
test_google_ads_csv (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmImportReport) report
      = import_sample (fixture->project, "google-ads-campaigns.csv", NULL);
  g_autofree char *costs = costs_of (fixture->project, report->import_id);
  g_autofree char *daily = daily_of (fixture->project, report->import_id);

  g_assert_cmpstr (report->preset, ==, "google-ads");
  g_assert_cmpint (report->kind, ==, RDM_IMPORT_KIND_DAILY);
  g_assert_cmpint (report->separator, ==, ',');
  g_assert_cmpstr (report->encoding, ==, "UTF-8");
  g_assert_cmpuint (report->header_line, ==, 3);
  /* lines 4–15 */
  g_assert_cmpuint (report->rows_read, ==, 12);
  g_assert_cmpuint (report->rows_imported, ==, 6);
  g_assert_cmpuint (report->rows_skipped, ==, 6);
  g_assert_cmpuint (report->rejects->len, ==, 0);
  g_assert_cmpstr (report->currency, ==, "EUR");
  assert_notes (report, (const char *const[]){ "lines 1–2: before the header, skipped",
                                               "lines 10–15: total rows, skipped", NULL });

  /* the channel rules' default set (GA4's): google / cpc is Paid Search,
   * medium display is Display, youtube / cpv Paid Video, shopping.google
   * / cpc Paid Shopping; "1,045.20" is 1045.2 */
  g_assert_cmpstr (costs, ==,
                   "2026-10-01|Paid Search|Brand - Search|media|1045.2|google / cpc\n"
                   "2026-10-01|Display|Prospecting - Display|media|312.75|google / display\n"
                   "2026-10-02|Paid Search|Brand - Search|media|987.65|google / cpc\n"
                   "2026-10-02|Display|Prospecting - Display|media|298.1|google / display\n"
                   "2026-10-02|Paid Video|Product demo - Video|media|150.0|youtube / cpv\n"
                   "2026-10-03|Paid Shopping|Autumn catalogue - Shopping|media|1210.0|"
                   "shopping.google / cpc\n");
  g_assert_cmpstr (daily, ==,
                   "2026-10-01|Paid Search|Brand - Search|1234|87|0|0|0|0|0|google / cpc\n"
                   "2026-10-01|Display|Prospecting - Display|25600|41|0|0|0|0|0|google / display\n"
                   "2026-10-02|Paid Search|Brand - Search|1198|79|0|0|0|0|0|google / cpc\n"
                   "2026-10-02|Display|Prospecting - Display|24980|38|0|0|0|0|0|google / display\n"
                   "2026-10-02|Paid Video|Product demo - Video|8400|12|0|0|0|0|0|youtube / cpv\n"
                   "2026-10-03|Paid Shopping|Autumn catalogue - Shopping|3050|64|0|0|0|0|0|"
                   "shopping.google / cpc\n");
  /* the sums are the file's "Total: Account" row: 4,003.70 and 64,462
   * impressions, 321 clicks */
  assert_sql (fixture->project, "SELECT round(sum(amount), 2) FROM cost", "4003.7\n");
  assert_sql (fixture->project, "SELECT sum(impressions), sum(clicks) FROM campaign_daily",
              "64462|321\n");
  assert_sql (fixture->project, "SELECT preset, rows, rejects, currency FROM import_log",
              "google-ads|6|0|EUR\n");
}

/* The "Excel CSV" download: UTF-16LE with a BOM, tabs, numbers unquoted,
 * the currency in the cost header ("Cost (EUR)") instead of a column, and
 * a title line with a comma ("October 1, 2026 - …") that makes the first
 * guess of the separator wrong. Same rows as the CSV. */
static void
test_google_ads_utf16 (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmImportReport) csv
      = import_sample (fixture->project, "google-ads-campaigns.csv", NULL);
  g_autoptr (RdmImportReport) tsv
      = import_sample (fixture->project, "google-ads-campaigns-utf16.tsv", NULL);
  g_autofree char *csv_costs = costs_of (fixture->project, csv->import_id);
  g_autofree char *tsv_costs = costs_of (fixture->project, tsv->import_id);
  g_autofree char *csv_daily = daily_of (fixture->project, csv->import_id);
  g_autofree char *tsv_daily = daily_of (fixture->project, tsv->import_id);

  g_assert_cmpstr (tsv->preset, ==, "google-ads");
  g_assert_cmpint (tsv->separator, ==, '\t');
  g_assert_cmpstr (tsv->encoding, ==, "UTF-16LE");
  g_assert_cmpuint (tsv->header_line, ==, 3);
  g_assert_cmpuint (tsv->rows_imported, ==, 6);
  g_assert_cmpuint (tsv->rows_skipped, ==, 2);
  g_assert_cmpstr (tsv->currency, ==, "EUR");
  assert_notes (tsv, (const char *const[]){ "lines 1–2: before the header, skipped",
                                            "lines 10–11: total rows, skipped", NULL });
  g_assert_cmpstr (tsv_costs, ==, csv_costs);
  g_assert_cmpstr (tsv_daily, ==, csv_daily);
  /* the second import's rows join the first's channels and campaigns */
  assert_sql (fixture->project, "SELECT count(*) FROM campaign", "4\n");
  assert_sql (fixture->project, "SELECT count(*) FROM traffic_source", "4\n");
}

/* The French interface: French headers and totals ("Total : compte"),
 * numbers with a decimal comma and digit groups split by a narrow no-break
 * space (U+202F), a no-break space (U+00A0) or a space, "Réseau de
 * Recherche" and "Vidéo" campaign types. */
static void
test_google_ads_french (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmImportReport) report
      = import_sample (fixture->project, "google-ads-campaigns-fr.csv", NULL);
  g_autofree char *costs = costs_of (fixture->project, report->import_id);
  g_autofree char *daily = daily_of (fixture->project, report->import_id);

  g_assert_cmpstr (report->preset, ==, "google-ads-fr");
  g_assert_cmpuint (report->header_line, ==, 3);
  g_assert_cmpuint (report->rows_imported, ==, 4);
  g_assert_cmpuint (report->rows_skipped, ==, 2);
  g_assert_cmpstr (report->currency, ==, "EUR");
  assert_notes (report, (const char *const[]){ "lines 1–2: before the header, skipped",
                                               "lines 8–9: total rows, skipped", NULL });
  g_assert_cmpstr (costs, ==,
                   "2026-10-01|Paid Search|Marque - Recherche|media|1045.2|google / cpc\n"
                   "2026-10-01|Display|Prospection - Display|media|312.75|google / display\n"
                   "2026-10-02|Paid Search|Marque - Recherche|media|987.65|google / cpc\n"
                   "2026-10-02|Paid Video|Démo produit - Vidéo|media|150.0|youtube / cpv\n");
  /* "1 234" (U+202F), "25 600" (U+00A0), "1 198" (a space) */
  g_assert_cmpstr (daily, ==,
                   "2026-10-01|Paid Search|Marque - Recherche|1234|87|0|0|0|0|0|google / cpc\n"
                   "2026-10-01|Display|Prospection - Display|25600|41|0|0|0|0|0|google / display\n"
                   "2026-10-02|Paid Search|Marque - Recherche|1198|79|0|0|0|0|0|google / cpc\n"
                   "2026-10-02|Paid Video|Démo produit - Vidéo|8400|12|0|0|0|0|0|youtube / cpv\n");
  /* the "Total : compte" row: 2 495,60 */
  assert_sql (fixture->project, "SELECT round(sum(amount), 2) FROM cost", "2495.6\n");
}

/* Meta Ads Manager without a breakdown by day: each row covers Reporting
 * starts to Reporting ends (2026-10-01 to 2026-10-07, 7 days) and is spread
 * evenly, the remainder on the first days:
 *   700.00 → 100.00 a day; 42000 impressions → 6000; 610 link clicks →
 *   87 r 1 → 88, 87 ×6; 1530 engagements → 218 r 4 → 219 ×4, 218 ×3;
 *   100.00 = 10000 cents → 1428 r 4 → 14.29 ×4, 14.28 ×3; 9001 → 1285 r 6
 *   → 1286 ×6, 1285; 95 → 13 r 4 → 14 ×4, 13 ×3; 230 → 32 r 6 → 33 ×6, 32;
 *   45.50 → 6.50 a day; 12000 → 1714 r 2 → 1715 ×2, 1714 ×5; no link
 *   clicks (an empty cell) → 0; 410 → 58 r 4 → 59 ×4, 58 ×3. */
static void
test_meta_range (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmImportReport) report
      = import_sample (fixture->project, "meta-ads-export.csv", NULL);
  g_autofree char *autumn_costs = NULL;
  g_autofree char *interests_daily = NULL;

  g_assert_cmpstr (report->preset, ==, "meta-ads");
  g_assert_cmpuint (report->header_line, ==, 1);
  g_assert_cmpuint (report->rows_imported, ==, 3);
  g_assert_cmpuint (report->rows_skipped, ==, 0);
  g_assert_cmpstr (report->currency, ==, "EUR");
  assert_notes (report, (const char *const[]){
                            "3 rows covered several days (“Reporting starts” to “Reporting "
                            "ends”): their cost and counts were spread evenly over their days; "
                            "export with a breakdown by day to import each day’s own figures",
                            NULL });
  assert_sql (fixture->project, "SELECT count(*) FROM cost", "21\n");
  assert_sql (fixture->project, "SELECT count(*) FROM campaign_daily", "21\n");
  /* the rows' own sums come back: 700 + 100 and 45.50 */
  assert_sql (fixture->project,
              "SELECT ca.name, round(sum(c.amount), 2), count(*) FROM cost c"
              " JOIN campaign ca ON ca.id = c.campaign_id GROUP BY ca.name ORDER BY ca.name",
              "Autumn launch|800.0|14\nPage likes|45.5|7\n");
  assert_sql (fixture->project,
              "SELECT sum(impressions), sum(clicks), sum(engagements) FROM campaign_daily",
              "63001|705|2170\n");
  autumn_costs = sql_text (fixture->project,
                           "SELECT date(day, 'unixepoch'), amount FROM cost WHERE id BETWEEN 8 "
                           "AND 14 ORDER BY id");
  g_assert_cmpstr (autumn_costs, ==,
                   "2026-10-01|14.29\n2026-10-02|14.29\n2026-10-03|14.29\n2026-10-04|14.29\n"
                   "2026-10-05|14.28\n2026-10-06|14.28\n2026-10-07|14.28\n");
  interests_daily
      = sql_text (fixture->project, "SELECT impressions, clicks, engagements FROM campaign_daily"
                                    " WHERE id BETWEEN 8 AND 14 ORDER BY id");
  g_assert_cmpstr (interests_daily, ==,
                   "1286|14|33\n1286|14|33\n1286|14|33\n1286|14|33\n1286|13|33\n1286|13|33\n"
                   "1285|13|32\n");
  assert_sql (fixture->project,
              "SELECT group_concat(amount) FROM cost WHERE id <= 7 UNION ALL"
              " SELECT group_concat(impressions || '/' || clicks || '/' || engagements)"
              " FROM campaign_daily WHERE id <= 7 UNION ALL"
              " SELECT group_concat(impressions || '/' || clicks || '/' || engagements)"
              " FROM campaign_daily WHERE id > 14",
              "100.0,100.0,100.0,100.0,100.0,100.0,100.0\n"
              "6000/88/219,6000/87/219,6000/87/219,6000/87/219,6000/87/218,6000/87/218,"
              "6000/87/218\n"
              "1715/0/59,1715/0/59,1714/0/59,1714/0/59,1714/0/58,1714/0/58,1714/0/58\n");
  assert_sql (fixture->project, "SELECT DISTINCT source, medium FROM traffic_source",
              "facebook|paid_social\n");
}

/* The summary row Ads Manager adds when "Include summary row" is ticked:
 * the whole range, no campaign name; skipped and said, the rows imported
 * as without it. */
static void
test_meta_summary (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = write_variant (
      fixture, "meta-ads-export.csv", "meta-summary.csv", "Result indicator\n",
      "Result indicator\n2026-10-01,2026-10-07,,,845.50,63001,31700,705,2170,69,\n");
  g_autoptr (RdmImportReport) report = import_path (fixture->project, path, NULL);

  g_assert_cmpuint (report->rows_read, ==, 4);
  g_assert_cmpuint (report->rows_imported, ==, 3);
  g_assert_cmpuint (report->rows_skipped, ==, 1);
  g_assert_cmpstr (report->notes->pdata[0], ==, "1 summary row (no campaign name), skipped");
  /* 700 + 100 + 45.50, not twice that */
  assert_sql (fixture->project, "SELECT round(sum(amount), 2), count(*) FROM cost", "845.5|21\n");
}

/* Meta broken down by day and by platform: the Day column is the day, an
 * Instagram row comes from instagram / paid_social, and post reactions,
 * shares and comments feed likes, shares and comments. */
static void
test_meta_daily (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmImportReport) report = import_sample (fixture->project, "meta-ads-daily.csv", NULL);
  g_autofree char *costs = costs_of (fixture->project, report->import_id);
  g_autofree char *daily = daily_of (fixture->project, report->import_id);

  g_assert_cmpstr (report->preset, ==, "meta-ads");
  g_assert_cmpuint (report->rows_imported, ==, 3);
  assert_notes (report, (const char *const[]){ NULL });
  g_assert_cmpstr (costs, ==,
                   "2026-10-08|Paid Social|Autumn launch|media|60.25|facebook / paid_social\n"
                   "2026-10-08|Paid Social|Autumn launch|media|39.75|instagram / paid_social\n"
                   "2026-10-09|Paid Social|Autumn launch|media|58.1|facebook / paid_social\n");
  g_assert_cmpstr (daily, ==,
                   "2026-10-08|Paid Social|Autumn launch|5100|71|180|52|4|9|0|"
                   "facebook / paid_social\n"
                   "2026-10-08|Paid Social|Autumn launch|4300|48|260|131|6|17|0|"
                   "instagram / paid_social\n"
                   "2026-10-09|Paid Social|Autumn launch|4900|66|170|47|3|8|0|"
                   "facebook / paid_social\n");
}

/* LinkedIn Campaign Manager: UTF-16LE, tabs, four title lines (one with a
 * comma), days as M/D/YYYY, a Currency column, social actions. */
static void
test_linkedin (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmImportReport) report
      = import_sample (fixture->project, "linkedin-campaigns.csv", NULL);
  g_autofree char *costs = costs_of (fixture->project, report->import_id);
  g_autofree char *daily = daily_of (fixture->project, report->import_id);

  g_assert_cmpstr (report->preset, ==, "linkedin-ads");
  g_assert_cmpint (report->separator, ==, '\t');
  g_assert_cmpstr (report->encoding, ==, "UTF-16LE");
  g_assert_cmpuint (report->header_line, ==, 5);
  g_assert_cmpuint (report->rows_imported, ==, 3);
  g_assert_cmpstr (report->currency, ==, "EUR");
  assert_notes (report, (const char *const[]){ "lines 1–4: before the header, skipped", NULL });
  g_assert_cmpstr (costs, ==,
                   "2026-10-01|Paid Social|Q4 - Decision makers|media|250.4|"
                   "linkedin / paid_social\n"
                   "2026-10-01|Paid Social|Q4 - Retargeting|media|48.0|linkedin / paid_social\n"
                   "2026-10-02|Paid Social|Q4 - Decision makers|media|1012.6|"
                   "linkedin / paid_social\n");
  /* engagements are Total Social Actions; likes Reactions; followers
   * Follows */
  g_assert_cmpstr (daily, ==,
                   "2026-10-01|Paid Social|Q4 - Decision makers|10234|85|52|41|3|6|2|"
                   "linkedin / paid_social\n"
                   "2026-10-01|Paid Social|Q4 - Retargeting|3120|22|0|0|0|0|0|"
                   "linkedin / paid_social\n"
                   "2026-10-02|Paid Social|Q4 - Decision makers|40117|301|202|160|11|22|9|"
                   "linkedin / paid_social\n");
}

/* Detection from the header alone, and the preview the import assistant
 * shows: the preset, the header line and what is skipped. */
static void
test_preview (Fixture *fixture, gconstpointer user_data)
{
  static const struct
  {
    const char *file;
    const char *preset;
    char separator;
    const char *encoding;
    guint64 header_line;
  } cases[] = {
    { "google-ads-campaigns.csv", "google-ads", ',', "UTF-8", 3 },
    { "google-ads-campaigns-utf16.tsv", "google-ads", '\t', "UTF-16LE", 3 },
    { "google-ads-campaigns-fr.csv", "google-ads-fr", ',', "UTF-8", 3 },
    { "meta-ads-export.csv", "meta-ads", ',', "UTF-8", 1 },
    { "meta-ads-daily.csv", "meta-ads", ',', "UTF-8", 1 },
    { "linkedin-campaigns.csv", "linkedin-ads", '\t', "UTF-16LE", 5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = sample_path (cases[i].file);
      g_autoptr (GError) error = NULL;
      g_autoptr (RdmImportPreview) preview = rdm_import_preview (path, 2, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (preview->preset, ==, cases[i].preset);
      g_assert_cmpint (preview->kind, ==, RDM_IMPORT_KIND_DAILY);
      g_assert_cmpint (preview->separator, ==, cases[i].separator);
      g_assert_cmpstr (preview->encoding, ==, cases[i].encoding);
      g_assert_cmpuint (preview->header_line, ==, cases[i].header_line);
      g_assert_null (preview->problem);
      g_assert_cmpuint (preview->rows->len, ==, 2);
      if (cases[i].header_line == 1)
        g_assert_null (preview->skipped);
    }
  {
    g_autofree char *path = sample_path ("google-ads-campaigns.csv");
    g_autoptr (RdmImportPreview) preview = rdm_import_preview (path, 1, NULL, NULL);

    g_assert_cmpstr (preview->skipped, ==, "lines 1–2: before the header, skipped");
    g_assert_cmpstr (preview->header[6], ==, "Cost");
    g_assert_cmpstr (((char **)preview->rows->pdata[0])[1], ==, "Brand - Search");
    /* date, end_date, campaign, campaign_type, currency, cost */
    g_assert_cmpstr (preview->mapped_header[5], ==, "Cost");
    g_assert_cmpstr (preview->mapped_header[1], ==, "");
  }
}

/* --channel: every row on the chosen channel, created when new, with no
 * traffic source (a changed rule must not move them). */
static void
test_chosen_channel (Fixture *fixture, gconstpointer user_data)
{
  RdmImportOptions options = { .channel = " LinkedIn Ads " };
  g_autoptr (RdmImportReport) report
      = import_sample (fixture->project, "linkedin-campaigns.csv", &options);
  g_autofree char *costs = costs_of (fixture->project, report->import_id);
  g_autofree char *path = sample_path ("costs.csv");
  RdmImportOptions generic = { .channel = "Facebook" };

  g_assert_cmpstr (costs, ==,
                   "2026-10-01|LinkedIn Ads|Q4 - Decision makers|media|250.4|none\n"
                   "2026-10-01|LinkedIn Ads|Q4 - Retargeting|media|48.0|none\n"
                   "2026-10-02|LinkedIn Ads|Q4 - Decision makers|media|1012.6|none\n");
  assert_sql (fixture->project, "SELECT name FROM channel", "LinkedIn Ads\n");
  assert_sql (fixture->project, "SELECT count(*) FROM traffic_source", "0\n");
  assert_sql (fixture->project, "SELECT count(*) FROM campaign_daily WHERE source_id IS NULL",
              "3\n");
  /* a generic file names its channels itself */
  import_fails (fixture->project, path, &generic, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_MAPPING,
                "costs.csv: a channel is chosen for the rows of ad-platform exports only");
}

/* A platform import is removed whole, costs and daily rows. */
static void
test_remove (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmImportReport) report
      = import_sample (fixture->project, "meta-ads-export.csv", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_true (rdm_project_remove_import (fixture->project, report->import_id, NULL, &error));
  g_assert_no_error (error);
  assert_sql (fixture->project,
              "SELECT (SELECT count(*) FROM cost), (SELECT count(*) FROM campaign_daily),"
              " (SELECT count(*) FROM import_log)",
              "0|0|0\n");
}

/* A file whose currency differs from the project's earlier imports, a file
 * mixing currencies, a header currency its rows contradict: refused. */
static void
test_currency (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmImportReport) first
      = import_sample (fixture->project, "google-ads-campaigns.csv", NULL);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *usd = write_variant (fixture, "meta-ads-export.csv", "meta-usd.csv",
                                        "Amount spent (EUR)", "Amount spent (USD)");
  g_autofree char *expected = g_strdup_printf (
      "meta-usd.csv: the file is in USD but this project’s costs are in EUR (imported from "
      "google-ads-campaigns.csv on %s): expected amounts in EUR",
      today);
  g_autofree char *mixed = write_variant (fixture, "google-ads-campaigns.csv", "google-mixed.csv",
                                          "2026-10-02,Brand - Search,Search,EUR",
                                          "2026-10-02,Brand - Search,Search,USD");
  g_autofree char *bad_code = write_variant (fixture, "google-ads-campaigns.csv", "google-euro.csv",
                                             "2026-10-02,Brand - Search,Search,EUR",
                                             "2026-10-02,Brand - Search,Search,€");
  g_autofree char *contradicted = write_variant (fixture, "meta-ads-daily.csv", "meta-currency.csv",
                                                 "Reporting ends\n", "Reporting ends,Currency\n");
  g_autoptr (GString) contradicted_text = NULL;
  RdmImportOptions force = { .force = TRUE };

  g_assert_cmpstr (first->currency, ==, "EUR");
  import_fails (fixture->project, usd, NULL, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_CURRENCY, expected);
  /* line 6 is the 2026-10-02 Brand row, its currency after 3 fields of
   * 10 + 14 + 6 characters and their commas: column 34 */
  import_fails (fixture->project, mixed, &force, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_CURRENCY,
                "google-mixed.csv:6:34: currency: expected EUR, as on line 4, got “USD”: a file "
                "in several currencies cannot be imported as one project’s costs");
  import_fails (fixture->project, bad_code, &force, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                "google-euro.csv:6:34: currency: expected a currency code of three letters "
                "(EUR, USD…), got “€”");
  /* "Amount spent (EUR)" and a row saying USD */
  {
    g_autofree char *text = NULL;

    g_file_get_contents (contradicted, &text, NULL, NULL);
    contradicted_text = g_string_new (text);
    g_string_replace (contradicted_text, "2026-10-08\n", "2026-10-08,EUR\n", 0);
    g_string_replace (contradicted_text, "2026-10-09\n", "2026-10-09,USD\n", 0);
    g_file_set_contents (contradicted, contradicted_text->str, -1, NULL);
  }
  import_fails (fixture->project, contradicted, NULL, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_CURRENCY,
                "meta-currency.csv:4:87: currency: expected EUR, as the header says (“Amount "
                "spent (EUR)”), got “USD”");
}

/* Malformed variants of the samples, each refused with what was expected. */
static void
test_errors (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *no_cost = write_variant (fixture, "google-ads-campaigns.csv", "no-cost.csv",
                                            "Clicks,Cost,Conversions", "Clicks,Spend,Conversions");
  g_autofree char *german = rdm_test_write_file (
      fixture->dir, "german.csv",
      "Kampagnenbericht\n"
      "1. Oktober 2026 - 3. Oktober 2026\n"
      "Tag,Kampagne,Kampagnentyp,Währungscode,Impr.,Klicks,Kosten,Conversions\n"
      "2026-10-01,Marke - Suche,Suche,EUR,\"1.234\",87,\"1.045,20\",\"6,00\"\n");
  g_autofree char *total_inside = write_variant (
      fixture, "google-ads-campaigns.csv", "total-inside.csv",
      "2026-10-03,Autumn catalogue - Shopping,Shopping,EUR,\"3,050\",64,\"1,210.00\",9.00\r\n",
      "Total: Shopping,--,--,EUR,\"3,050\",64,\"1,210.00\",9.00\r\n"
      "2026-10-03,Autumn catalogue - Shopping,Shopping,EUR,\"3,050\",64,\"1,210.00\",9.00\r\n");
  g_autofree char *bad_grouping = write_variant (
      fixture, "google-ads-campaigns.csv", "bad-grouping.csv", "\"1,045.20\"", "\"1,04,5.20\"");
  g_autofree char *french_point = write_variant (fixture, "google-ads-campaigns-fr.csv",
                                                 "french-point.csv", "\"312,75\"", "312.75");
  g_autofree char *backwards
      = write_variant (fixture, "meta-ads-export.csv", "backwards.csv",
                       "2026-10-01,2026-10-07,Page likes", "2026-10-08,2026-10-07,Page likes");
  g_autofree char *too_long
      = write_variant (fixture, "meta-ads-export.csv", "too-long.csv",
                       "2026-10-01,2026-10-07,Page likes", "2025-10-01,2026-10-07,Page likes");
  g_autofree char *only_totals = rdm_test_write_file (
      fixture->dir, "only-totals.csv",
      "Campaign report\n"
      "Day,Campaign,Campaign type,Currency code,Impr.,Clicks,Cost,Conversions\n"
      "Total: Account,--,--,EUR,0,0,0.00,0.00\n");
  g_autofree char *linkedin_day = NULL;

  /* Day and Campaign are there: the preset is known, its Cost is not */
  import_fails (fixture->project, no_cost, NULL, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_MISSING_COLUMN,
                "no-cost.csv:3: missing column “cost” (preset “google-ads”); the file’s columns "
                "are “Day”, “Campaign”, “Campaign type”, “Currency code”, “Impr.”, “Clicks”, "
                "“Spend”, “Conversions”");
  import_fails (fixture->project, german, NULL, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_UNRECOGNIZED,
                "german.csv:3: the columns “Tag”, “Kampagne”, “Kampagnentyp”, “Währungscode”, "
                "“Impr.”, “Klicks”, “Kosten”, “Conversions” look like a Google Ads report in a "
                "language Rendement does not read: expected the English or French column names "
                "(Day or Jour, Campaign or Campagne, Cost or Coût)");
  import_fails (fixture->project, total_inside, NULL, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                "total-inside.csv:10:1: a row of data after the total rows (from line 9): "
                "expected the total rows at the end of the report");
  import_fails (fixture->project, bad_grouping, NULL, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                "bad-grouping.csv:4:49: cost: expected an amount ≥ 0 (“1,234.56”, with or without "
                "digit grouping, or “--” for none), got “1,04,5.20”");
  import_fails (fixture->project, french_point, NULL, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                "french-point.csv:5:58: cost: expected an amount ≥ 0 (“1 234,56”, with or "
                "without digit grouping, or “--” for none), got “312.75”");
  import_fails (fixture->project, backwards, NULL, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                "backwards.csv:4:12: end_date: expected a last day on or after the first "
                "(2026-10-08), got “2026-10-07”");
  import_fails (fixture->project, too_long, NULL, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                "too-long.csv:4:12: end_date: expected a range of at most 366 days: export the "
                "report with a breakdown by day");
  import_fails (fixture->project, only_totals, NULL, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_EMPTY,
                "only-totals.csv: every row after the header is a total or summary row");

  /* LinkedIn's days are month first: 10/13/2026 is October 13, 13/10/2026
   * no day at all */
  {
    g_autofree char *path = sample_path ("linkedin-campaigns.csv");
    g_autofree char *text = NULL;
    g_autofree char *utf8 = NULL;
    gsize size;

    g_file_get_contents (path, &text, &size, NULL);
    utf8 = g_convert (text + 2, (gssize)size - 2, "UTF-8", "UTF-16LE", NULL, NULL, NULL);
    g_autoptr (GString) variant = g_string_new (utf8);
    g_autofree char *encoded = NULL;
    gsize length;

    g_assert_nonnull (utf8);
    g_string_replace (variant, "10/2/2026\tAcme", "13/10/2026\tAcme", 1);
    encoded
        = g_convert (variant->str, (gssize)variant->len, "UTF-16LE", "UTF-8", NULL, &length, NULL);
    linkedin_day = g_build_filename (fixture->dir, "linkedin-day.csv", NULL);
    {
      g_autoptr (GString) bytes = g_string_new_len ("\xFF\xFE", 2);

      g_string_append_len (bytes, encoded, (gssize)length);
      g_file_set_contents (linkedin_day, bytes->str, (gssize)bytes->len, NULL);
    }
    import_fails (fixture->project, linkedin_day, NULL, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                  "linkedin-day.csv:8:1: date: expected a date from 1970 to 2199, as M/D/YYYY "
                  "(“10/31/2026”) or YYYY-MM-DD, got “13/10/2026”");
  }
}

/* A UTF-16 file broken inside (a lone surrogate) or cut in the middle of
 * a character: refused, at the line and column of the decoded text. */
static void
test_broken_utf16 (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = sample_path ("linkedin-campaigns.csv");
  g_autofree char *data = NULL;
  g_autofree char *broken = g_build_filename (fixture->dir, "broken.csv", NULL);
  g_autofree char *cut = g_build_filename (fixture->dir, "cut.csv", NULL);
  const char *campaign;
  gsize length;

  g_file_get_contents (path, &data, &length, NULL);
  /* "Q4 - Retargeting" is on line 7 after "10/1/2026\tAcme Furniture\tEUR\t
   * 312004890\t" (10 + 15 + 4 + 10 = 39 characters): "Q" → U+D800 */
  campaign = memmem (data, length, "Q\0004\000 \000-\000 \000R", 12);
  g_assert_nonnull (campaign);
  ((char *)campaign)[0] = 0x00;
  ((char *)campaign)[1] = (char)0xD8;
  g_file_set_contents (broken, data, (gssize)length, NULL);
  import_fails (fixture->project, broken, NULL, RDM_CSV_ERROR, RDM_CSV_ERROR_ENCODING,
                "broken.csv:7:40: invalid UTF-16 (a lone surrogate, 0xD800): expected a UTF-16 "
                "text file");
  g_file_set_contents (cut, data, (gssize)length - 1, NULL);
  import_fails (fixture->project, cut, NULL, RDM_CSV_ERROR, RDM_CSV_ERROR_ENCODING, "cut.csv:");
}

/* A platform preset is told by the platform's own column names, never by
 * generic ones: "date, campaign, cost" is no Google Ads report, and a
 * daily file missing its channel is said to be one. A report imported as
 * --kind costs is read all the same, since it holds costs. */
static void
test_detection (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *generic = rdm_test_write_file (fixture->dir, "generic.csv",
                                                  "date,campaign,cost\n2026-10-01,Autumn,12.5\n");
  g_autofree char *daily = rdm_test_write_file (
      fixture->dir, "daily.csv",
      "date,campaign,impressions,clicks,engagements\n2026-10-01,Autumn,100,4,9\n");
  RdmImportOptions as_daily = { .kind = RDM_IMPORT_KIND_DAILY };
  RdmImportOptions as_costs = { .kind = RDM_IMPORT_KIND_COSTS };
  RdmImportOptions wrong = { .kind = RDM_IMPORT_KIND_EVENTS, .preset = "meta-ads" };
  g_autofree char *google = sample_path ("google-ads-campaigns.csv");
  g_autoptr (RdmImportReport) report = NULL;
  g_auto (GStrv) costs_presets = rdm_import_list_presets (RDM_IMPORT_KIND_COSTS);
  g_autofree char *list = g_strjoinv (",", costs_presets);

  import_fails (fixture->project, generic, NULL, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_UNRECOGNIZED,
                "generic.csv:1: cannot tell which kind of data the columns “date”, “campaign”, "
                "“cost” hold");
  import_fails (fixture->project, daily, &as_daily, RDM_IMPORT_ERROR,
                RDM_IMPORT_ERROR_MISSING_COLUMN,
                "daily.csv:1: missing column “channel” (preset “daily”)");
  import_fails (fixture->project, google, &wrong, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_UNKNOWN_PRESET,
                "Unknown preset “meta-ads” for the kind events");
  g_assert_cmpstr (list, ==, "costs,google-ads,google-ads-fr,meta-ads,linkedin-ads");
  g_assert_true (rdm_import_preset_is_platform ("linkedin-ads"));
  g_assert_false (rdm_import_preset_is_platform ("daily"));
  report = import_path (fixture->project, google, &as_costs);
  g_assert_cmpstr (report->preset, ==, "google-ads");
  g_assert_cmpint (report->kind, ==, RDM_IMPORT_KIND_DAILY);
  g_assert_cmpuint (report->rows_imported, ==, 6);
}

/* The generic presets keep refusing digit grouping: their numbers' format
 * is not known, and "1,234" could be 1234 or 1.234. */
static void
test_generic_grouping (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = rdm_test_write_file (fixture->dir, "grouped.csv",
                                               "date,channel,campaign,category,amount\n"
                                               "2026-10-01,Facebook,Autumn,media,\"1,234\"\n");

  import_fails (fixture->project, path, NULL, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                "grouped.csv:2:34: amount: expected a number ≥ 0 (“1234.5”, no digit grouping), "
                "got “1,234”");
}

static void
test_cli (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *google = sample_path ("google-ads-campaigns.csv");
  g_autofree char *linkedin = sample_path ("linkedin-campaigns.csv");
  g_autofree char *german = rdm_test_write_file (fixture->dir, "german.csv",
                                                 "Kampagnenbericht\n"
                                                 "Tag,Kampagne,Impr.,Klicks,Kosten\n"
                                                 "2026-10-01,Marke,\"1.234\",87,\"1.045,20\"\n");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (cJSON) json = NULL;
  cJSON *notes;

  /* the file must not be open elsewhere while the CLI writes */
  g_clear_object (&fixture->project);

  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "--channel=NAME"));
  g_assert_nonnull (strstr (out, "google-ads-fr"));
  g_assert_nonnull (strstr (out, "Start Date (in UTC)"));

  g_assert_cmpint (
      rdm_test_run_cli (&out, &err, "import", fixture->path, google, "--format", "json", NULL), ==,
      0);
  g_assert_cmpstr (err, ==, "");
  json = cJSON_Parse (out);
  g_assert_nonnull (json);
  g_assert_cmpstr (cJSON_GetObjectItem (json, "preset")->valuestring, ==, "google-ads");
  g_assert_cmpstr (cJSON_GetObjectItem (json, "kind")->valuestring, ==, "daily");
  g_assert_cmpstr (cJSON_GetObjectItem (json, "currency")->valuestring, ==, "EUR");
  g_assert_cmpstr (cJSON_GetObjectItem (json, "encoding")->valuestring, ==, "UTF-8");
  g_assert_cmpfloat (cJSON_GetObjectItem (json, "header_line")->valuedouble, ==, 3);
  g_assert_cmpfloat (cJSON_GetObjectItem (json, "rows_imported")->valuedouble, ==, 6);
  g_assert_cmpfloat (cJSON_GetObjectItem (json, "rows_skipped")->valuedouble, ==, 6);
  notes = cJSON_GetObjectItem (json, "notes");
  g_assert_cmpint (cJSON_GetArraySize (notes), ==, 2);
  g_assert_cmpstr (cJSON_GetArrayItem (notes, 1)->valuestring, ==,
                   "lines 10–15: total rows, skipped");

  g_assert_cmpint (
      rdm_test_run_cli (&out, &err, "import", fixture->path, linkedin, "--dry-run", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Detected: LinkedIn Campaign Manager export — the header "
                                        "has “Start Date (in UTC)”"));
  g_assert_nonnull (strstr (out, "\nNote: lines 1–4: before the header, skipped\n"));
  g_assert_nonnull (strstr (out, "  cost ← “Total Spent”\n"));

  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", fixture->path, linkedin, "--channel",
                                     "LinkedIn", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (out, "(kind daily, preset linkedin-ads)"));
  g_assert_nonnull (strstr (out, "Currency:      EUR\n"));
  g_assert_nonnull (strstr (out, "Rows imported: 3\n"));
  g_assert_nonnull (strstr (out, "Note: lines 1–4: before the header, skipped\n"));

  /* the rows keep their source and medium: a rule added later moves them,
   * and leaves the rows put on a chosen channel where they are */
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "channel-rule", "add", fixture->path, "--source",
                                     "google", "--medium", "cpc", "--channel", "Google Ads",
                                     "--group", "paid_search", "--position", "1", NULL),
                   ==, 0);

  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", fixture->path, german, NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "german.csv:2: the columns “Tag”, “Kampagne”, “Impr.”, "
                                 "“Klicks”, “Kosten” look like a Google Ads report in a language "
                                 "Rendement does not read"));

  fixture->project = rdm_project_open (fixture->path, NULL);
  g_assert_nonnull (fixture->project);
  assert_sql (fixture->project,
              "SELECT ch.name, round(sum(c.amount), 2) FROM cost c JOIN channel ch"
              " ON ch.id = c.channel_id GROUP BY ch.name ORDER BY ch.name",
              "Display|610.85\nGoogle Ads|2032.85\nLinkedIn|1311.0\nPaid Shopping|1210.0\n"
              "Paid Video|150.0\n");
  assert_sql (
      fixture->project,
      "SELECT DISTINCT ch.name FROM campaign_daily d JOIN channel ch ON ch.id = d.channel_id"
      " JOIN traffic_source ts ON ts.id = d.source_id WHERE ts.medium = 'cpc'"
      " AND ts.source = 'google'",
      "Google Ads\n");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/platform-import/google-ads-csv", test_google_ads_csv);
  ADD ("/platform-import/google-ads-utf16", test_google_ads_utf16);
  ADD ("/platform-import/google-ads-french", test_google_ads_french);
  ADD ("/platform-import/meta-range", test_meta_range);
  ADD ("/platform-import/meta-summary", test_meta_summary);
  ADD ("/platform-import/meta-daily", test_meta_daily);
  ADD ("/platform-import/linkedin", test_linkedin);
  ADD ("/platform-import/preview", test_preview);
  ADD ("/platform-import/chosen-channel", test_chosen_channel);
  ADD ("/platform-import/remove", test_remove);
  ADD ("/platform-import/currency", test_currency);
  ADD ("/platform-import/errors", test_errors);
  ADD ("/platform-import/broken-utf16", test_broken_utf16);
  ADD ("/platform-import/detection", test_detection);
  ADD ("/platform-import/generic-grouping", test_generic_grouping);
  ADD ("/platform-import/cli", test_cli);
#undef ADD

  return g_test_run ();
}
