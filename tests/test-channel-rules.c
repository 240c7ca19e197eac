/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Channel rules: GA4's default set on labels whose channel GA4's help
 * names, globs and regular expressions, bad rules, an event log labelled by
 * source and medium, re-labelling in place when a rule changes, channel
 * groups, analysis by group (from events and from a path table), and the
 * migration that rebuilt the channel table.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "rdm-attribution-run.h"
#include "rdm-channel-rules-data.h"
#include "rdm-credit.h"
#include "rdm-import.h"
#include "rdm-project-db.h"
#include "rdm-project-private.h"
#include "rdm-test-util.h"

#define sql_int(project, sql) rdm_test_query_int (rdm_project_get_db (project), sql)

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

static void
import_file (RdmProject *project, const char *name)
{
  g_autofree char *path = fixture_file (name);
  g_autoptr (GError) error = NULL;

  g_assert_true (rdm_import_file (project, path, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Each label with the channel GA4's default channel group gives it
 * (support.google.com/analytics/answer/9756891), read rule by rule. */
static void
test_default_rules (Fixture *fixture, gconstpointer user_data)
{
  static const struct
  {
    const char *source, *medium, *campaign, *channel, *group;
  } cases[] = {
    { "(direct)", "(none)", "", "Direct", "direct" },
    { "google", "cpc", "Brand", "Paid Search", "paid_search" },
    { "www.bing.com", "ppc", "", "Paid Search", "paid_search" },
    { "google", "organic", "", "Organic Search", "organic_search" },
    /* the search-site list is what makes it organic search */
    { "duckduckgo", "referral", "", "Organic Search", "organic_search" },
    { "m.facebook.com", "paid_social", "", "Paid Social", "paid_social" },
    { "Facebook.com", "CPC", "", "Paid Social", "paid_social" },
    { "facebook.com", "referral", "", "Organic Social", "organic_social" },
    { "t.co", "referral", "", "Organic Social", "organic_social" },
    { "acme", "social-network", "", "Organic Social", "organic_social" },
    { "youtube.com", "cpv", "", "Paid Video", "paid_video" },
    { "vimeo.com", "referral", "", "Organic Video", "organic_video" },
    /* a shopping campaign's name makes paid traffic Paid Shopping, even
     * from a search engine: that rule comes first in GA4 */
    { "google", "cpc", "Summer shopping", "Paid Shopping", "paid_shopping" },
    { "criteo", "display", "", "Display", "display" },
    { "criteo", "retargeting", "", "Paid Other", "paid_other" },
    { "newsletter", "email", "Oct", "Email", "email" },
    { "e-mail", "", "", "Email", "email" },
    { "partner", "affiliate", "", "Affiliates", "affiliate" },
    { "lemonde.fr", "referral", "", "Referral", "referral" },
    { "spotify", "audio", "", "Audio", "audio" },
    { "sms", "", "", "SMS", "sms" },
    { "app", "push", "", "Mobile Push Notifications", "mobile_push" },
    { "google", "cpc", "pmax cross-network", "Cross-network", "cross_network" },
    /* nothing matches: GA4's Unassigned */
    { "acme", "print", "", "Unassigned", "other" },
    { "", "", "", "Unassigned", "other" },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmChannelRules) rules = rdm_project_load_channel_rules (fixture->project, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rdm_channel_rules_get_n_rules (rules), ==, 26);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *channel, *group;

      rdm_channel_rules_apply (rules, cases[i].source, cases[i].medium, cases[i].campaign, &channel,
                               &group);
      g_test_message ("%s / %s / %s", cases[i].source, cases[i].medium, cases[i].campaign);
      g_assert_cmpstr (channel, ==, cases[i].channel);
      g_assert_cmpstr (group, ==, cases[i].group);
    }
  {
    /* GA4 writes source / medium paths with spaces around '/' or none */
    g_autofree char *path = rdm_channel_rules_apply_to_path (
        rules, "google / cpc > (direct) / (none) >facebook.com/referral> acme");

    g_assert_cmpstr (path, ==, "Paid Search > Direct > Organic Social > Unassigned");
  }
}

static void
test_glob_and_regex (void)
{
  g_autoptr (GPtrArray) list
      = g_ptr_array_new_with_free_func ((GDestroyNotify)rdm_channel_rule_free);
  g_autoptr (RdmChannelRules) rules = NULL;
  g_autoptr (GError) error = NULL;

  /* a glob ignores case and must match the whole text */
  g_ptr_array_add (list, rdm_channel_rule_new ("*FaceBook*", "paid?social", "",
                                               RDM_CHANNEL_RULE_GLOB, "Meta Ads", "paid_social"));
  g_ptr_array_add (list, rdm_channel_rule_new ("", "", "^brand", RDM_CHANNEL_RULE_REGEX, "Brand",
                                               "My brand group"));
  rules = rdm_channel_rules_new (list, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rdm_channel_rules_match (rules, "l.facebook.com", "paid_social", ""), ==, 0);
  g_assert_cmpint (rdm_channel_rules_match (rules, "l.facebook.com", "paid-social", "x"), ==, 0);
  /* "paid?social" is exactly 11 characters */
  g_assert_cmpint (rdm_channel_rules_match (rules, "facebook", "paid__social", ""), ==, -1);
  /* a regex matches anywhere unless anchored, ignoring case */
  g_assert_cmpint (rdm_channel_rules_match (rules, "google", "cpc", "BRAND FR"), ==, 1);
  g_assert_cmpint (rdm_channel_rules_match (rules, "google", "cpc", "FR brand"), ==, -1);
  g_assert_cmpint (rdm_channel_rules_match (rules, NULL, NULL, NULL), ==, -1);

  /* a bad rule is refused with its position and pattern */
  g_ptr_array_add (list, rdm_channel_rule_new ("(goo", "", "", RDM_CHANNEL_RULE_REGEX, "X", "x"));
  g_assert_null (rdm_channel_rules_new (list, &error));
  g_assert_error (error, RDM_CHANNEL_RULES_ERROR, RDM_CHANNEL_RULES_ERROR_PATTERN);
  g_assert_true (g_str_has_prefix (error->message, "Rule 3: "));
  g_assert_nonnull (strstr (error->message, "“(goo”"));
  g_clear_error (&error);
  g_ptr_array_set_size (list, 2);
  g_ptr_array_add (list, rdm_channel_rule_new ("a", "", "", RDM_CHANNEL_RULE_GLOB, " ", "x"));
  g_assert_null (rdm_channel_rules_new (list, &error));
  g_assert_error (error, RDM_CHANNEL_RULES_ERROR, RDM_CHANNEL_RULES_ERROR_EMPTY);
}

static void
test_group_names (void)
{
  g_autofree char *paid = rdm_channel_group_parse ("  paid SOCIAL ");
  g_autofree char *code = rdm_channel_group_parse ("organic_video");
  g_autofree char *own = rdm_channel_group_parse (" Partners ");

  g_assert_cmpstr (paid, ==, "paid_social");
  g_assert_cmpstr (code, ==, "organic_video");
  g_assert_cmpstr (own, ==, "Partners");
  g_assert_null (rdm_channel_group_parse ("   "));
  g_assert_cmpstr (rdm_channel_group_display_name ("Partners"), ==, "Partners");
  g_assert_true (g_strv_contains (rdm_channel_group_codes (), "mobile_push"));
}

/* The fixture's touches by the default rules:
 * v1: google/cpc/Brand -> Paid Search, facebook.com/referral -> Organic
 *     Social, then converts (100);
 * v2: m.facebook.com/paid_social/Spring -> Paid Social, (direct)/(none)
 *     -> Direct, converts (50);
 * v3: newsletter/email/Oct -> Email, Facebook.com/CPC/Spring -> Paid
 *     Social, converts (30). */
static void
test_import_by_source_medium (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *channels = NULL;

  import_file (fixture->project, "events-source-medium.csv");
  channels = rdm_test_query_text (
      rdm_project_get_db (fixture->project),
      "SELECT ch.name, ch.channel_group, count(*) FROM touchpoint t JOIN channel ch ON"
      " ch.id = t.channel_id GROUP BY ch.name ORDER BY ch.name");
  g_assert_cmpstr (channels, ==,
                   "Direct|direct|1\n"
                   "Email|email|1\n"
                   "Organic Social|organic_social|1\n"
                   "Paid Search|paid_search|1\n"
                   "Paid Social|paid_social|2\n");
  /* one label per distinct source / medium / campaign */
  g_assert_cmpint (sql_int (fixture->project, "SELECT count(*) FROM traffic_source"), ==, 6);
  g_assert_cmpint (
      sql_int (fixture->project, "SELECT count(*) FROM touchpoint WHERE source_id IS NULL"), ==, 0);
  /* the campaign "Spring" hangs off the channel its touches got */
  g_assert_cmpint (sql_int (fixture->project,
                            "SELECT count(*) FROM campaign c JOIN channel ch ON ch.id ="
                            " c.channel_id WHERE c.name = 'Spring' AND ch.name = 'Paid Social'"),
                   ==, 1);
}

static void
test_import_refuses_unlabelled (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *no_column = rdm_test_write_file (fixture->dir, "no-channel.csv",
                                                    "visitor_id,timestamp,type,campaign\n"
                                                    "v1,2026-10-01,click,Brand\n");
  g_autofree char *empty = rdm_test_write_file (fixture->dir, "empty-source.csv",
                                                "visitor_id,timestamp,type,source,medium\n"
                                                "v1,2026-10-01,click,google,cpc\n"
                                                "v1,2026-10-02,click,,organic\n");
  g_autoptr (GError) error = NULL;

  /* without a kind, this header reads as visitor attributes */
  {
    RdmImportOptions options = { .kind = RDM_IMPORT_KIND_EVENTS };

    g_assert_false (
        rdm_import_file (fixture->project, no_column, &options, NULL, NULL, NULL, NULL, &error));
    g_assert_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_MISSING_COLUMN);
    g_assert_nonnull (strstr (error->message, "“source” and “medium”"));
    g_clear_error (&error);
  }
  g_assert_false (rdm_import_file (fixture->project, empty, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW);
  g_assert_nonnull (strstr (error->message, "empty-source.csv:3:"));
  /* nothing landed, not even the first row's label */
  g_assert_cmpint (sql_int (fixture->project, "SELECT count(*) FROM touchpoint"), ==, 0);
  g_assert_cmpint (sql_int (fixture->project, "SELECT count(*) FROM traffic_source"), ==, 0);
}

static gint64
touches_on (RdmProject *project, const char *channel)
{
  g_autofree char *sql
      = g_strdup_printf ("SELECT count(*) FROM touchpoint t JOIN channel ch ON ch.id ="
                         " t.channel_id WHERE ch.name = '%s'",
                         channel);

  return sql_int (project, sql);
}

static gboolean
strv_has (GPtrArray *names, const char *name)
{
  return g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL);
}

static void
test_relabel (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmChannelRule) meta = rdm_channel_rule_new (
      "*facebook*", "", "", RDM_CHANNEL_RULE_GLOB, "Meta", "Social networks");
  g_autoptr (RdmRelabelReport) report = NULL;
  g_autoptr (GError) error = NULL;

  import_file (fixture->project, "events-source-medium.csv");
  /* first: every Facebook touch, paid or not, is now "Meta" */
  g_assert_true (rdm_project_add_channel_rule (fixture->project, meta, 1, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report->touchpoints, ==, 3);
  g_assert_cmpint (touches_on (fixture->project, "Meta"), ==, 3);
  g_assert_true (strv_has (report->created_channels, "Meta"));
  /* the channels only Facebook's touches had are gone, with nothing else */
  g_assert_true (strv_has (report->removed_channels, "Paid Social"));
  g_assert_true (strv_has (report->removed_channels, "Organic Social"));
  g_assert_cmpuint (report->removed_channels->len, ==, 2);
  g_assert_cmpint (sql_int (fixture->project,
                            "SELECT count(*) FROM channel WHERE name = 'Meta' AND channel_group ="
                            " 'Social networks'"),
                   ==, 1);
  g_assert_cmpint (sql_int (fixture->project,
                            "SELECT count(*) FROM campaign c JOIN channel ch ON ch.id ="
                            " c.channel_id WHERE c.name = 'Spring' AND ch.name = 'Meta'"),
                   ==, 1);
  g_assert_cmpint (sql_int (fixture->project, "SELECT count(*) FROM campaign WHERE name ="
                                              " 'Spring'"),
                   ==, 1);
  g_clear_pointer (&report, rdm_relabel_report_free);

  /* moved last, the GA4 rules match first again */
  g_assert_true (rdm_project_move_channel_rule (fixture->project, 1, 27, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report->touchpoints, ==, 3);
  g_assert_cmpint (touches_on (fixture->project, "Paid Social"), ==, 2);
  g_assert_cmpint (touches_on (fixture->project, "Organic Social"), ==, 1);
  g_assert_true (strv_has (report->removed_channels, "Meta"));
  g_clear_pointer (&report, rdm_relabel_report_free);

  /* removing the Paid Search rule sends google / cpc to Paid Other */
  g_assert_true (rdm_project_remove_channel_rule (fixture->project, 5, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report->touchpoints, ==, 1);
  g_assert_cmpint (touches_on (fixture->project, "Paid Other"), ==, 1);
  g_assert_cmpint (touches_on (fixture->project, "Paid Search"), ==, 0);
  g_clear_pointer (&report, rdm_relabel_report_free);

  /* bad positions change nothing */
  g_assert_false (rdm_project_remove_channel_rule (fixture->project, 99, NULL, &error));
  g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (sql_int (fixture->project, "SELECT count(*) FROM channel_rule"), ==, 26);
}

static void
test_channel_group (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) channels = NULL;

  g_assert_cmpint (rdm_project_ensure_channel (fixture->project, "Blog", &error), >, 0);
  g_assert_true (rdm_project_set_channel_group (fixture->project, "Blog", "Owned", &error));
  g_assert_no_error (error);
  /* a channel a rule names takes the rule's group */
  g_assert_cmpint (rdm_project_ensure_channel (fixture->project, "Email", &error), >, 0);
  g_assert_false (rdm_project_set_channel_group (fixture->project, "Email", "Owned", &error));
  g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "rule 19"));
  g_clear_error (&error);
  g_assert_false (rdm_project_set_channel_group (fixture->project, "Nope", "Owned", &error));
  g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  channels = rdm_project_list_channels (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (channels->len, ==, 2);
  g_assert_cmpstr (((RdmChannelInfo *)channels->pdata[0])->name, ==, "Blog");
  g_assert_cmpstr (((RdmChannelInfo *)channels->pdata[0])->group, ==, "Owned");
}

static double
credit_of (const RdmCredit *credit, const char *label)
{
  int index = rdm_credit_find_label (credit, label);

  g_assert_cmpint (index, >=, 0);
  return credit->conversions[index];
}

static RdmAttributionRun *
run_linear (RdmProject *project, RdmLevel level)
{
  g_auto (RdmAttributionData) data = { 0 };
  RdmAttributionRequest request;
  g_autoptr (GError) error = NULL;
  RdmAttributionRun *run;

  g_assert_true (rdm_attribution_data_load (project, &data, NULL, &error));
  g_assert_no_error (error);
  rdm_attribution_request_init (&request);
  request.path.level = level;
  request.models[0] = RDM_MODEL_LINEAR;
  request.n_models = 1;
  run = rdm_attribution_run (project, &data, &request, NULL, &error);
  g_assert_no_error (error);
  return run;
}

/* Linear credit by group is the sum of its channels' credit (a second
 * method), and by hand: v1 0.5 Paid Search + 0.5 Organic Social, v2 0.5
 * Paid Social + 0.5 Direct, v3 0.5 Email + 0.5 Paid Social. With Facebook
 * in the group "Social networks", its three touches weigh 0.5 + 0.5 + 0.5. */
static void
test_by_group (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmChannelRule) meta = rdm_channel_rule_new (
      "*facebook*", "", "", RDM_CHANNEL_RULE_GLOB, "Meta", "Social networks");
  g_autoptr (RdmAttributionRun) channels = NULL;
  g_autoptr (RdmAttributionRun) groups = NULL;
  g_autoptr (GError) error = NULL;
  const RdmCredit *credit;

  import_file (fixture->project, "events-source-medium.csv");
  groups = run_linear (fixture->project, RDM_LEVEL_GROUP);
  credit = groups->credits->pdata[0];
  g_assert_cmpfloat_with_epsilon (credit_of (credit, "paid_social"), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (credit_of (credit, "organic_social"), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (credit_of (credit, "direct"), 0.5, 1e-12);
  g_clear_pointer (&groups, rdm_attribution_run_free);

  g_assert_true (rdm_project_add_channel_rule (fixture->project, meta, 1, NULL, &error));
  g_assert_no_error (error);
  channels = run_linear (fixture->project, RDM_LEVEL_CHANNEL);
  groups = run_linear (fixture->project, RDM_LEVEL_GROUP);
  credit = groups->credits->pdata[0];
  g_assert_cmpfloat_with_epsilon (credit_of (credit, "Social networks"), 1.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (credit_of (credit, "Social networks"),
                                  credit_of (channels->credits->pdata[0], "Meta"), 1e-12);
  g_assert_cmpfloat_with_epsilon (credit_of (credit, "paid_search"), 0.5, 1e-12);
}

/* A path table's channels, seen as their groups: Facebook and Instagram
 * (both Social) add up, and a channel the project does not list is
 * "other". Linear: "Facebook > Email" (3 conv.) gives Social 1.5, Email 1.5;
 * "Instagram" (2) Social 2; "Podcast > Email" (1) other 0.5, Email 0.5. */
static void
test_path_table_by_group (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *paths = rdm_test_write_file (fixture->dir, "paths.csv",
                                                "path,total_conversions,total_conversion_value,"
                                                "total_null\n"
                                                "Facebook > Email,3,30,10\n"
                                                "Instagram,2,20,5\n"
                                                "Podcast > Email,1,10,4\n");
  g_autoptr (RdmAttributionRun) run = NULL;
  g_autoptr (GError) error = NULL;
  const RdmCredit *credit;

  g_assert_true (rdm_import_file (fixture->project, paths, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rdm_project_ensure_channel (fixture->project, "Facebook", &error), >, 0);
  g_assert_cmpint (rdm_project_ensure_channel (fixture->project, "Instagram", &error), >, 0);
  g_assert_cmpint (rdm_project_ensure_channel (fixture->project, "Email", &error), >, 0);
  run = run_linear (fixture->project, RDM_LEVEL_GROUP);
  credit = run->credits->pdata[0];
  g_assert_cmpfloat_with_epsilon (credit_of (credit, "social"), 3.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (credit_of (credit, "email"), 2.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (credit_of (credit, "other"), 0.5, 1e-12);
}

/* A project of schema 4 with data: the channel table is rebuilt under its
 * rows, which still refer to the same channels. */
static void
test_migrate_from_4 (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "old.rendement", NULL);
  g_autoptr (RdmProject) project = _rdm_project_create_at_version (path, 4, NULL);
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (project);
  g_assert_true (rdm_project_exec (project,
                                   "INSERT INTO channel (name, channel_group) VALUES ('Blog',"
                                   " 'social'), ('Direct', 'direct');"
                                   "INSERT INTO visitor (external_id) VALUES ('v1');"
                                   "INSERT INTO touchpoint (visitor_id, time, channel_id,"
                                   " interaction) VALUES (1, 1790000000, 2, 1);",
                                   &error));
  g_assert_no_error (error);
  g_clear_object (&project);

  project = rdm_project_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (project, "SELECT channel_id FROM touchpoint"), ==, 2);
  g_assert_cmpint (sql_int (project,
                            "SELECT count(*) FROM channel WHERE name = 'Direct' AND channel_group"
                            " = 'direct'"),
                   ==, 1);
  g_assert_cmpint (sql_int (project, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  g_assert_cmpint (sql_int (project, "SELECT count(*) FROM channel_rule"), ==, 26);
  /* groups are free text now */
  g_assert_true (rdm_project_set_channel_group (project, "Blog", "Owned media", &error));
  g_assert_no_error (error);
}

static void
test_cli (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *events = fixture_file ("events-source-medium.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_clear_object (&fixture->project);
  g_assert_cmpint (rdm_test_run_cli (&out, NULL, "import", fixture->path, events, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (rdm_test_run_cli (&out, NULL, "channel-rule", "test", fixture->path, "--source",
                                     "google", "--medium", "cpc", "-f", "json", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (out, "\"channel\":\t\"Paid Search\""));
  g_assert_nonnull (strstr (out, "\"rule\":\t5"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (rdm_test_run_cli (NULL, &err, "channel-rule", "add", fixture->path, "--source",
                                     "*facebook*", "--channel", "Meta", "--group", "Paid Social",
                                     "--position", "1", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (err, "Meta"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rdm_test_run_cli (&out, NULL, "attribute", fixture->path, "--model", "linear",
                                     "--by", "group", "-f", "json", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (out, "\"by\":\t\"group\""));
  g_assert_nonnull (strstr (out, "\"group\":\t\"paid_social\""));
  g_clear_pointer (&out, g_free);

  /* bad input: a regex that does not compile, a rule with no pattern, a
   * position that does not exist */
  g_assert_cmpint (rdm_test_run_cli (NULL, &err, "channel-rule", "add", fixture->path, "--source",
                                     "(goo", "--regex", "--channel", "X", "--group", "x", NULL),
                   !=, 0);
  g_assert_nonnull (strstr (err, "“(goo”"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rdm_test_run_cli (NULL, &err, "channel-rule", "add", fixture->path, "--channel",
                                     "X", "--group", "x", NULL),
                   !=, 0);
  g_assert_nonnull (strstr (err, "match everything"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (
      rdm_test_run_cli (NULL, &err, "channel-rule", "remove", fixture->path, "0", NULL), !=, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (
      rdm_test_run_cli (&out, NULL, "channel-rule", "list", fixture->path, "-f", "json", NULL), ==,
      0);
  g_assert_nonnull (strstr (out, "\"channel\":\t\"Meta\""));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func)                                                                            \
  g_test_add ("/channel-rules/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("default-rules", test_default_rules);
  g_test_add_func ("/channel-rules/glob-and-regex", test_glob_and_regex);
  g_test_add_func ("/channel-rules/group-names", test_group_names);
  ADD ("import-by-source-medium", test_import_by_source_medium);
  ADD ("import-refuses-unlabelled", test_import_refuses_unlabelled);
  ADD ("relabel", test_relabel);
  ADD ("channel-group", test_channel_group);
  ADD ("by-group", test_by_group);
  ADD ("path-table-by-group", test_path_table_by_group);
  ADD ("migrate-from-4", test_migrate_from_4);
  ADD ("cli", test_cli);
#undef ADD

  return g_test_run ();
}
