/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Objectives, KPIs, savings, ROI and the definitions exchange, on a project
 * small enough to compute by hand (linear model, default windows):
 *
 *   2026Q2: a: Facebook click 04-10, purchase 300 on 04-11
 *           b: Email click 04-20, Facebook click 04-21, purchase 100 on 04-22
 *   2026Q1: c: Facebook click 03-01, purchase 50 on 03-02
 *   Costs Q2: Facebook media 200, content 100, staff 100; Email tools 50.
 *   Costs Q1: Facebook media 100.  Saving Q2: Email 25 (calls deflected).
 *
 * Linear credit in Q2: Facebook 1 + 1/2 = 1.5 conversions worth 300 + 50 =
 * 350; Email 1/2 worth 50.
 *   Facebook: ROI (350 − 400) / 400 = −0.125, ROAS 350 / 400 = 0.875,
 *             CPA 400 / 1.5 = 266.67; Q1: ROI (50 − 100) / 100 = −0.5, so
 *             the change is +0.375, relative +0.375 / 0.5 = +0.75.
 *   Email:    ROI (50 + 25 − 50) / 50 = 0.5, ROAS 1, CPA 100.
 *   Total:    cost 450, value 400, savings 25: ROI −25 / 450.
 *   Media only, Facebook: ROI (350 − 200) / 200 = 0.75, CPA 200 / 1.5,
 *             cost per conversion still 400 / 1.5.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "rdm-analysis-config.h"
#include "rdm-business.h"
#include "rdm-csv.h"
#include "rdm-definitions.h"
#include "rdm-event-loader.h"
#include "rdm-formula.h"
#include "rdm-project-db.h"
#include "rdm-roi-report.h"
#include "rdm-segments.h"
#include "rdm-test-util.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static gint64
at (const char *text)
{
  gint64 time;

  g_assert_true (rdm_csv_parse_time (text, &time));
  return time;
}

static void
exec (RdmProject *project, const char *sql)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (rdm_project_exec (project, sql, &error));
  g_assert_no_error (error);
}

static void insert (RdmProject *project, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
insert (RdmProject *project, const char *format, ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  exec (project, sql);
}

static void
write_project (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_create (path, &error);
  gint64 facebook, email;

  g_assert_no_error (error);
  facebook = rdm_project_ensure_channel (project, "Facebook", &error);
  email = rdm_project_ensure_channel (project, "Email", &error);
  g_assert_no_error (error);
  rdm_project_ensure_campaign (project, facebook, "Spring", &error);
  g_assert_no_error (error);

  exec (project, "INSERT INTO visitor (id, external_id) VALUES (1, 'a'), (2, 'b'), (3, 'c')");
  insert (project,
          "INSERT INTO touchpoint (visitor_id, time, channel_id, interaction) VALUES"
          " (1, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 1),"
          " (2, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 1),"
          " (2, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 1),"
          " (3, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 1)",
          at ("2026-04-10"), facebook, at ("2026-04-20"), email, at ("2026-04-21"), facebook,
          at ("2026-03-01"), facebook);
  insert (project,
          "INSERT INTO conversion (visitor_id, time, event, value) VALUES"
          " (1, %" G_GINT64_FORMAT ", 'purchase', 300), (2, %" G_GINT64_FORMAT
          ", 'purchase', 100), (3, %" G_GINT64_FORMAT ", 'purchase', 50)",
          at ("2026-04-11"), at ("2026-04-22"), at ("2026-03-02"));
  insert (project,
          "INSERT INTO cost (day, channel_id, category, amount) VALUES"
          " (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'media', 200),"
          " (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'content', 100),"
          " (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'staff', 100),"
          " (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'tools', 50),"
          " (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'media', 100)",
          at ("2026-04-01"), facebook, at ("2026-04-15"), facebook, at ("2026-05-01"), facebook,
          at ("2026-04-01"), email, at ("2026-03-01"), facebook);
  g_assert_true (rdm_project_add_saving (project, "Email", NULL, at ("2026-04-30"), 25,
                                         "calls deflected", &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  fixture->dir = rdm_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "shop.rendement", NULL);
  write_project (fixture->path);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  rdm_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static cJSON *run_json (const char *first, ...) G_GNUC_NULL_TERMINATED;

static cJSON *
run_json (const char *first, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;
  va_list args;
  cJSON *root;

  g_ptr_array_add (argv, (char *)g_getenv ("RDM_CLI"));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (status != 0)
    g_error ("rendement-cli failed: %s", err);
  root = cJSON_Parse (out);
  g_assert_nonnull (root);
  return root;
}

static const cJSON *
find_row (const cJSON *rows, const char *channel)
{
  const cJSON *row;

  cJSON_ArrayForEach (row, rows)
    if (g_strcmp0 (cJSON_GetStringValue (cJSON_GetObjectItem (row, "channel")), channel) == 0)
      return row;
  g_error ("no row for %s", channel);
}

static double
number (const cJSON *object, const char *path)
{
  g_auto (GStrv) parts = g_strsplit (path, ".", -1);
  const cJSON *item = object;

  for (guint i = 0; parts[i] != NULL; i++)
    item = cJSON_GetObjectItem (item, parts[i]);
  if (!cJSON_IsNumber (item))
    g_error ("%s is not a number", path);
  return item->valuedouble;
}

static gboolean
is_null (const cJSON *object, const char *member)
{
  return cJSON_IsNull (cJSON_GetObjectItem (object, member));
}

static void
test_roi (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (cJSON) root = run_json ("roi", fixture->path, "--model", "linear", "--period",
                                     "2026Q2", "-f", "json", NULL);
  /* one model or several, the same shape: {"models": [...], "period": ...} */
  const cJSON *linear = cJSON_GetArrayItem (cJSON_GetObjectItem (root, "models"), 0);
  const cJSON *rows = cJSON_GetObjectItem (linear, "rows");
  const cJSON *facebook = find_row (rows, "Facebook");
  const cJSON *email = find_row (rows, "Email");
  const cJSON *total = cJSON_GetObjectItem (linear, "total");

  g_assert_cmpint (cJSON_GetArraySize (cJSON_GetObjectItem (root, "models")), ==, 1);
  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (linear, "model")), ==, "linear");
  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (root, "period")), ==, "2026Q2");
  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (root, "previous_period")), ==,
                   "2026Q1");

  g_assert_cmpfloat_with_epsilon (number (facebook, "cost"), 400, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (facebook, "value"), 350, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (facebook, "conversions"), 1.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (facebook, "roi"), -0.125, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (facebook, "roas"), 0.875, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (facebook, "cpa"), 400 / 1.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (facebook, "previous.roi"), -0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (facebook, "change.roi.absolute"), 0.375, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (facebook, "change.roi.relative"), 0.75, 1e-12);

  g_assert_cmpfloat_with_epsilon (number (email, "savings"), 25, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (email, "roi"), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (email, "roas"), 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (email, "cpa"), 100, 1e-9);
  /* Email cost nothing in Q1: no ROI to compare with */
  g_assert_true (is_null (cJSON_GetObjectItem (email, "previous"), "roi"));

  g_assert_cmpfloat_with_epsilon (number (total, "cost"), 450, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (total, "roi"), -25.0 / 450, 1e-12);
}

static void
test_roi_categories (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (cJSON) root = run_json ("roi", fixture->path, "--model", "linear", "--period",
                                     "2026Q2", "--categories", "media", "-f", "json", NULL);
  const cJSON *rows
      = cJSON_GetObjectItem (cJSON_GetArrayItem (cJSON_GetObjectItem (root, "models"), 0), "rows");
  const cJSON *facebook = find_row (rows, "Facebook");
  const cJSON *email = find_row (rows, "Email");

  g_assert_cmpfloat_with_epsilon (number (facebook, "roi"), 0.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (facebook, "cpa"), 200 / 1.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (facebook, "cost_per_conversion"), 400 / 1.5, 1e-9);
  /* Email has no media cost: ROI is not a number, not infinity */
  g_assert_true (is_null (email, "roi"));
}

static void
test_roi_models_side_by_side (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (cJSON) root = run_json ("roi", fixture->path, "--model", "first,last", "--period",
                                     "2026Q2", "-f", "json", NULL);
  const cJSON *models = cJSON_GetObjectItem (root, "models");
  const cJSON *first = cJSON_GetArrayItem (models, 0);
  const cJSON *last = cJSON_GetArrayItem (models, 1);

  /* b's first touch is Email, its last Facebook */
  g_assert_cmpfloat (number (find_row (cJSON_GetObjectItem (first, "rows"), "Email"), "value"), ==,
                     100);
  g_assert_cmpfloat (number (find_row (cJSON_GetObjectItem (last, "rows"), "Email"), "value"), ==,
                     0);
  g_assert_cmpfloat (number (find_row (cJSON_GetObjectItem (last, "rows"), "Facebook"), "value"),
                     ==, 400);
}

/* Shared costs added to the project above: agency fee 300 (other) on
 * 05-10 and tools 60 on 06-01 in Q2, agency fee 100 in Q1, and 1000 in
 * Q3, outside both periods. */
static void
add_shared_costs (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (fixture->path, &error);

  g_assert_no_error (error);
  insert (project,
          "INSERT INTO shared_cost (day, category, amount, description) VALUES"
          " (%" G_GINT64_FORMAT ", 'other', 300, 'agency fee'),"
          " (%" G_GINT64_FORMAT ", 'tools', 60, 'tools'),"
          " (%" G_GINT64_FORMAT ", 'other', 100, 'agency fee'),"
          " (%" G_GINT64_FORMAT ", 'other', 1000, 'next year')",
          at ("2026-05-10"), at ("2026-06-01"), at ("2026-02-01"), at ("2026-07-01"));
}

static const cJSON *
first_model (const cJSON *root)
{
  return cJSON_GetArrayItem (cJSON_GetObjectItem (root, "models"), 0);
}

/* In Q2 only Facebook has a media cost (200), so "media" gives it all
 * 300 + 60 = 360: cost 400 + 360 = 760, ROI (350 − 760) / 760; Email is
 * as before. Total cost 810: ROI (400 + 25 − 810) / 810. In Q1 the fee of
 * 100 goes to Facebook too (media 100): cost 200, ROI (50 − 200) / 200 =
 * −0.75. The Q3 cost is in neither. */
static void
test_roi_shared_media (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (cJSON) root = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const cJSON *rows, *facebook, *email, *shared;

  add_shared_costs (fixture);
  root = run_json ("roi", fixture->path, "--period", "2026Q2", "-f", "json", NULL);
  rows = cJSON_GetObjectItem (first_model (root), "rows");
  facebook = find_row (rows, "Facebook");
  email = find_row (rows, "Email");
  g_assert_cmpfloat_with_epsilon (number (facebook, "cost"), 760, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (facebook, "shared_cost"), 360, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (facebook, "total_cost"), 760, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (facebook, "roi"), -410.0 / 760, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (facebook, "previous.roi"), -0.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (facebook, "previous.shared_cost"), 100, 1e-9);
  g_assert_cmpfloat (number (email, "shared_cost"), ==, 0);
  g_assert_cmpfloat_with_epsilon (number (email, "roi"), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (first_model (root), "total.cost"), 810, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (first_model (root), "total.shared_cost"), 360, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (first_model (root), "total.roi"), -385.0 / 810, 1e-12);

  shared = cJSON_GetObjectItem (root, "shared_costs");
  g_assert_cmpfloat (number (shared, "total"), ==, 360);
  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (shared, "rule")), ==, "media");
  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (shared, "description")), ==,
                   "Shared costs of 360.00 (agency fee, tools) are allocated in proportion to "
                   "media spend.");
  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (
                       cJSON_GetObjectItem (root, "settings"), "shared_costs")),
                   ==, "media");

  /* the table: a Shared column, and the rule under it */
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "roi", fixture->path, "--period", "2026Q2", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (out, "Shared"));
  g_assert_nonnull (strstr (out, "Shared costs of 360.00 (agency fee, tools) are allocated in "
                                 "proportion to media spend.\n"));

  /* media costs only: the shared costs (other, tools) are not counted */
  g_clear_pointer (&root, cJSON_Delete);
  root = run_json ("roi", fixture->path, "--period", "2026Q2", "--categories", "media", "-f",
                   "json", NULL);
  facebook = find_row (cJSON_GetObjectItem (first_model (root), "rows"), "Facebook");
  g_assert_cmpfloat (number (facebook, "shared_cost"), ==, 0);
  g_assert_cmpfloat_with_epsilon (number (facebook, "roi"), 0.75, 1e-12);
  g_assert_cmpfloat (number (cJSON_GetObjectItem (root, "shared_costs"), "total"), ==, 0);
  g_assert_true (is_null (cJSON_GetObjectItem (root, "shared_costs"), "description"));
}

/* "even": Facebook and Email both have a cost in Q2, 360 / 2 = 180 each:
 * Facebook 400 + 180 = 580, ROI (350 − 580) / 580; Email 50 + 180 = 230,
 * ROI (50 + 25 − 230) / 230. "group=email": Email's group takes all 360
 * (equally among its one channel, which has no media cost): Email 410,
 * ROI (75 − 410) / 410, and Facebook is back to −0.125; in Q1 the fee of
 * 100 goes to Email too, which has no value there: ROI −1. The rule saved
 * in the project is the default of the CLI. */
static void
test_roi_shared_rules (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (cJSON) even = NULL;
  g_autoptr (cJSON) group = NULL;
  g_autoptr (cJSON) saved = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const cJSON *rows;

  add_shared_costs (fixture);
  even = run_json ("roi", fixture->path, "--period", "2026Q2", "--shared-costs", "even", "-f",
                   "json", NULL);
  rows = cJSON_GetObjectItem (first_model (even), "rows");
  g_assert_cmpfloat_with_epsilon (number (find_row (rows, "Facebook"), "cost"), 580, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (find_row (rows, "Facebook"), "roi"), -230.0 / 580, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (find_row (rows, "Email"), "shared_cost"), 180, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (find_row (rows, "Email"), "roi"), -155.0 / 230, 1e-12);
  g_assert_cmpstr (
      cJSON_GetStringValue (
          cJSON_GetObjectItem (cJSON_GetObjectItem (even, "shared_costs"), "description")),
      ==,
      "Shared costs of 360.00 (agency fee, tools) are split equally among the 2 channels with a "
      "cost or a touch in the period.");

  group = run_json ("roi", fixture->path, "--period", "2026Q2", "--shared-costs", "group=email",
                    "-f", "json", NULL);
  rows = cJSON_GetObjectItem (first_model (group), "rows");
  g_assert_cmpfloat_with_epsilon (number (find_row (rows, "Email"), "cost"), 410, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (find_row (rows, "Email"), "roi"), -335.0 / 410, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (find_row (rows, "Email"), "previous.roi"), -1, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (find_row (rows, "Facebook"), "roi"), -0.125, 1e-12);
  g_assert_cmpstr (cJSON_GetStringValue (
                       cJSON_GetObjectItem (cJSON_GetObjectItem (group, "shared_costs"), "rule")),
                   ==, "group=email");

  /* a group without channels, and no rule at all: usage errors (2) */
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "roi", fixture->path, "--shared-costs",
                                     "group=paid_social", NULL),
                   ==, 2);
  g_assert_nonnull (strstr (err, "Shared costs go to the channel group “paid_social”, which has "
                                 "no channel"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (
      rdm_test_run_cli (&out, &err, "roi", fixture->path, "--shared-costs", "fair", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "Unknown rule for shared costs “fair”; expected media, even or "
                                 "group=NAME"));

  /* the window's setting, saved in the project, is the CLI's default */
  {
    g_autoptr (RdmProject) project = rdm_project_open (fixture->path, &error);
    g_auto (RdmAnalysisConfig) config = { 0 };

    g_assert_no_error (error);
    rdm_analysis_config_init (&config);
    config.shared_costs = g_strdup ("even");
    g_assert_true (rdm_project_save_analysis_config (project, &config, &error));
    g_assert_no_error (error);
  }
  saved = run_json ("roi", fixture->path, "--period", "2026Q2", "-f", "json", NULL);
  g_assert_cmpfloat_with_epsilon (
      number (find_row (cJSON_GetObjectItem (first_model (saved), "rows"), "Facebook"), "cost"),
      580, 1e-9);
}

static const cJSON *
find_group (const cJSON *rows, const char *group)
{
  const cJSON *row;

  cJSON_ArrayForEach (row, rows)
    if (g_strcmp0 (cJSON_GetStringValue (cJSON_GetObjectItem (row, "group")), group) == 0)
      return row;
  g_error ("no row for the group %s", group);
}

/* By channel group, Facebook is "social" and Email "email" (the groups
 * rdm_project_ensure_channel() guessed), each group the sum of its one
 * channel: social 760, email 50 under "media". By campaign the shared
 * costs are not split: one row of 360, the total as by channel. */
static void
test_roi_by_group (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (cJSON) groups = NULL;
  g_autoptr (cJSON) campaigns = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *table = NULL;
  g_autofree char *err = NULL;
  const cJSON *rows, *social, *shared_row = NULL, *row;

  add_shared_costs (fixture);
  groups
      = run_json ("roi", fixture->path, "--period", "2026Q2", "--by", "group", "-f", "json", NULL);
  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (groups, "by")), ==, "group");
  rows = cJSON_GetObjectItem (first_model (groups), "rows");
  g_assert_cmpint (cJSON_GetArraySize (rows), ==, 2);
  social = find_group (rows, "social");
  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (social, "label")), ==, "Social");
  g_assert_null (cJSON_GetObjectItem (social, "channel"));
  g_assert_cmpfloat_with_epsilon (number (social, "cost"), 760, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (social, "shared_cost"), 360, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (social, "value"), 350, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (social, "previous.roi"), -0.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (find_group (rows, "email"), "roi"), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (first_model (groups), "total.cost"), 810, 1e-9);

  /* CSV names the group's code, the table its name */
  g_assert_cmpint (rdm_test_run_cli (&csv, &err, "roi", fixture->path, "--period", "2026Q2", "--by",
                                     "group", "-f", "csv", NULL),
                   ==, 0);
  g_assert_true (g_str_has_prefix (csv, "model,group,cost,total_cost,shared_cost,"));
  g_assert_nonnull (strstr (csv, "\nlinear,social,760,"));
  g_assert_cmpint (rdm_test_run_cli (&table, &err, "roi", fixture->path, "--period", "2026Q2",
                                     "--by", "group", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (table, "Group"));
  g_assert_nonnull (strstr (table, "Social"));

  /* intervals resample channels' credit, not groups' */
  g_clear_pointer (&table, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rdm_test_run_cli (&table, &err, "roi", fixture->path, "--by", "group",
                                     "--bootstrap", "20", NULL),
                   ==, 2);
  g_assert_nonnull (strstr (err, "--bootstrap with --by group does not apply"));
  g_clear_pointer (&table, g_free);
  g_clear_pointer (&err, g_free);
  /* only the ROI charts count costs */
  {
    g_autofree char *png = g_build_filename (fixture->dir, "paths.png", NULL);

    g_assert_cmpint (rdm_test_run_cli (&table, &err, "chart", fixture->path, "--kind", "paths",
                                       "--out", png, "--shared-costs", "even", NULL),
                     ==, 2);
    g_assert_nonnull (strstr (err, "--shared-costs (for --kind roi or cost-value) does not apply"));
  }

  campaigns = run_json ("roi", fixture->path, "--period", "2026Q2", "--by", "campaign", "-f",
                        "json", NULL);
  cJSON_ArrayForEach (row, cJSON_GetObjectItem (first_model (campaigns), "rows"))
    if (g_strcmp0 (cJSON_GetStringValue (cJSON_GetObjectItem (row, "campaign")), "(shared)") == 0)
      shared_row = row;
  g_assert_nonnull (shared_row);
  g_assert_cmpfloat_with_epsilon (number (shared_row, "cost"), 360, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (shared_row, "shared_cost"), 360, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (first_model (campaigns), "total.cost"), 810, 1e-9);
  g_assert_cmpstr (
      cJSON_GetStringValue (
          cJSON_GetObjectItem (cJSON_GetObjectItem (campaigns, "shared_costs"), "description")),
      ==,
      "Shared costs of 360.00 are not split among campaigns: they are on a row of their own and "
      "count in the total.");
}

/* A project holding only tests/data/import/paths.csv (a > b > c: 2
 * conversions worth 10.5; b: none; c > a: 1.5 worth 3) and costs of a, b
 * and c. Linear credit: a 3.5 + 1.5 = 5, b 3.5, c 3.5 + 1.5 = 5 (value).
 * In 2026Q2: a media 4, b media 1, c content 2, and a shared fee of 5
 * split by media spend 4 : 1: a 4 + 4 = 8, ROI (5 − 8) / 8 = −0.375; b 1 +
 * 1 = 2, ROI (3.5 − 2) / 2 = 0.75; c 2, ROI 1.5; total 12, ROI (13.5 −
 * 12) / 12 = 0.125. Without --period every cost counts, a's Q1 media 10
 * too: the fee splits 14 : 1, total cost 22, ROI (13.5 − 22) / 22. */
static void
test_roi_path_table (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *project = g_build_filename (fixture->dir, "table.rendement", NULL);
  g_autofree char *paths
      = g_build_filename (g_getenv ("RDM_TEST_DATA"), "import", "paths.csv", NULL);
  g_autofree char *costs
      = rdm_test_write_file (fixture->dir, "costs.csv",
                             "date,channel,campaign,category,amount,description\n"
                             "2026-04-10,a,,media,4,\n"
                             "2026-04-12,b,,media,1,\n"
                             "2026-05-02,c,,content,2,\n"
                             "2026-01-15,a,,media,10,\n"
                             "2026-04-20,,,other,5,agency fee\n");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (cJSON) q2 = NULL;
  g_autoptr (cJSON) all = NULL;
  const cJSON *rows;

  g_assert_cmpint (rdm_test_run_cli (&out, &err, "new", project, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", project, "--kind", "paths", paths, NULL),
                   ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", project, "--kind", "costs", costs, NULL),
                   ==, 0);
  g_clear_pointer (&out, g_free);

  q2 = run_json ("roi", project, "--period", "2026Q2", "-f", "json", NULL);
  rows = cJSON_GetObjectItem (first_model (q2), "rows");
  g_assert_cmpfloat_with_epsilon (number (find_row (rows, "a"), "value"), 5, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (find_row (rows, "a"), "cost"), 8, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (find_row (rows, "a"), "shared_cost"), 4, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (find_row (rows, "a"), "roi"), -0.375, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (find_row (rows, "b"), "roi"), 0.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (find_row (rows, "c"), "roi"), 1.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (first_model (q2), "total.roi"), 0.125, 1e-12);
  g_assert_true (cJSON_IsTrue (cJSON_GetObjectItem (q2, "undated_credit")));
  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (q2, "period")), ==, "2026Q2");
  g_assert_true (is_null (q2, "previous_period"));
  g_assert_null (cJSON_GetObjectItem (find_row (rows, "a"), "previous"));
  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (q2, "note")), ==,
                   "A path table has no dates: its credit is that of all its paths, against the "
                   "costs of 2026Q2 only.");

  all = run_json ("roi", project, "-f", "json", NULL);
  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (all, "period")), ==, "all");
  g_assert_cmpfloat_with_epsilon (number (first_model (all), "total.cost"), 22, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (first_model (all), "total.roi"), -8.5 / 22, 1e-12);
  /* a: 14 + 5 × 14 / 15 */
  g_assert_cmpfloat_with_epsilon (
      number (find_row (cJSON_GetObjectItem (first_model (all), "rows"), "a"), "cost"),
      14 + 5.0 * 14 / 15, 1e-9);
  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (all, "note")), ==,
                   "A path table has no dates: its credit is that of all its paths, against the "
                   "costs of every day of the project.");

  /* the table says so too; campaigns and resampling do not apply */
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "roi", project, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "A path table has no dates"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "roi", project, "--by", "campaign", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "whose paths name channels"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "roi", project, "--bootstrap", "10", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--bootstrap (a path table has no visitors) does not apply"));
}

/* rdm_roi_reports_compute(), what the CLI above and the window's ROI
 * section both call: the same figures, whatever evaluation period the
 * options carry (the reports set their own); the forward direction and a
 * cancelled run refused. */
static void
test_roi_reports (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (fixture->path, &error);
  g_autoptr (RdmEventStore) store = NULL;
  g_autoptr (GPtrArray) reports = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  const RdmModel models[] = { RDM_MODEL_FIRST, RDM_MODEL_LAST };
  GError *model_errors[G_N_ELEMENTS (models)] = { NULL };
  RdmPathOptions path_options;
  RdmModelOptions model_options;
  RdmPeriod q2;

  g_assert_no_error (error);
  store = rdm_event_store_load (project, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rdm_period_parse ("2026Q2", &q2, NULL));
  rdm_path_options_init (&path_options);
  rdm_model_options_init (&model_options);
  /* an evaluation period with nothing in it: ignored */
  path_options.from_time = q2.start;
  path_options.to_time = q2.start + 1;
  reports = rdm_roi_reports_compute (project, store, &path_options, &model_options, NULL, models,
                                     G_N_ELEMENTS (models), &q2, NULL, NULL, model_errors, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reports->len, ==, 2);
  g_assert_null (model_errors[0]);
  g_assert_null (model_errors[1]);
  for (guint m = 0; m < 2; m++)
    {
      const RdmRoiReport *report = g_ptr_array_index (reports, m);
      guint seen = 0;

      g_assert_cmpuint (report->model, ==, models[m]);
      for (guint i = 0; i < report->rows->len; i++)
        {
          const RdmRoiReportRow *row = g_ptr_array_index (report->rows, i);

          /* as "roi --model first,last" printed above */
          if (g_str_equal (row->label, "Email"))
            {
              g_assert_cmpfloat (row->row.value, ==, m == 0 ? 100 : 0);
              seen++;
            }
          if (g_str_equal (row->label, "Facebook"))
            {
              seen++;
              g_assert_cmpstr (row->channel, ==, "Facebook");
              g_assert_false (row->no_touch);
              if (m == 1)
                g_assert_cmpfloat (row->row.value, ==, 400);
            }
        }
      g_assert_cmpuint (seen, ==, 2);
    }
  g_clear_pointer (&reports, g_ptr_array_unref);

  path_options.direction = RDM_DIRECTION_FORWARD;
  g_assert_null (rdm_roi_reports_compute (project, store, &path_options, &model_options, NULL,
                                          models, 1, &q2, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  path_options.direction = RDM_DIRECTION_BACKWARD;
  g_cancellable_cancel (cancellable);
  g_assert_null (rdm_roi_reports_compute (project, store, &path_options, &model_options, NULL,
                                          models, 1, &q2, NULL, cancellable, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  rdm_path_options_clear (&path_options);
  rdm_model_options_clear (&model_options);
}

/* With the shared costs above, the project's cost in Q2 is 450 + 300 +
 * 60 = 810, its "other" cost the fee of 300, and Facebook's cost its own
 * 400, whatever rule ROI shares them by. */
static void
test_kpi_shared_costs (Fixture *fixture, gconstpointer user_data)
{
  static const struct
  {
    const char *name;
    const char *formula;
    double expected;
  } kpis[] = {
    { "Cost", "cost", 810 },
    { "Other cost", "cost[category=\"other\"]", 300 },
    { "Facebook cost", "cost[channel=\"Facebook\"]", 400 },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (cJSON) root = NULL;
  const cJSON *item;
  guint seen = 0;

  add_shared_costs (fixture);
  {
    g_autoptr (RdmProject) project = rdm_project_open (fixture->path, &error);

    g_assert_true (rdm_project_add_objective (project, "Spend", "marketing", "", &error));
    for (guint i = 0; i < G_N_ELEMENTS (kpis); i++)
      {
        RdmKpi kpi = {
          .objective = (char *)"Spend",
          .name = (char *)kpis[i].name,
          .formula = (char *)kpis[i].formula,
          .period = RDM_PERIOD_QUARTER,
        };

        g_assert_true (rdm_project_add_kpi (project, &kpi, &error));
      }
    g_assert_no_error (error);
  }
  root = run_json ("kpis", fixture->path, "--period", "2026Q2", "-f", "json", NULL);
  cJSON_ArrayForEach (item, cJSON_GetObjectItem (root, "kpis"))
    for (guint i = 0; i < G_N_ELEMENTS (kpis); i++)
      if (g_str_equal (cJSON_GetStringValue (cJSON_GetObjectItem (item, "name")), kpis[i].name))
        {
          g_assert_cmpfloat_with_epsilon (number (item, "value"), kpis[i].expected, 1e-9);
          seen++;
        }
  g_assert_cmpuint (seen, ==, G_N_ELEMENTS (kpis));
}

static void
test_kpis (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (fixture->path, &error);
  RdmKpi roas = {
    .objective = (char *)"Sell online",
    .name = (char *)"Facebook ROAS",
    .formula = (char *)"value[model=\"linear\", channel=\"Facebook\"] / cost[channel=\"Facebook\"]",
    .has_target = TRUE,
    .target = 1,
    .period = RDM_PERIOD_QUARTER,
  };
  RdmKpi satisfaction = {
    .objective = (char *)"Sell online",
    .name = (char *)"Satisfaction",
    .formula = (char *)"manual",
    .has_target = TRUE,
    .target = 8,
    .period = RDM_PERIOD_QUARTER,
  };
  RdmKpi cpa = {
    .objective = (char *)"Sell online",
    .name = (char *)"Email CPA",
    .formula = (char *)"cost[channel=\"Email\"] / conversions[channel=\"Email\"]",
    .has_target = TRUE,
    .target = 120,
    .lower_is_better = TRUE,
    .period = RDM_PERIOD_QUARTER,
  };
  g_autoptr (cJSON) root = NULL;
  const cJSON *item;

  g_assert_true (rdm_project_add_objective (project, "Sell online", "sales", "", &error));
  g_assert_true (rdm_project_add_kpi (project, &roas, &error));
  g_assert_true (rdm_project_add_kpi (project, &satisfaction, &error));
  g_assert_true (rdm_project_add_kpi (project, &cpa, &error));
  g_assert_true (rdm_project_add_kpi_value (project, "Sell online", "Satisfaction",
                                            at ("2026-02-15"), 7.5, "survey", &error));
  g_assert_true (rdm_project_add_kpi_value (project, "Sell online", "Satisfaction",
                                            at ("2026-05-15"), 8.2, "survey", &error));
  g_assert_no_error (error);

  root = run_json ("kpis", fixture->path, "--period", "2026Q2", "-f", "json", NULL);
  cJSON_ArrayForEach (item, cJSON_GetObjectItem (root, "kpis"))
    {
      const char *name = cJSON_GetStringValue (cJSON_GetObjectItem (item, "name"));
      const char *status = cJSON_GetStringValue (cJSON_GetObjectItem (item, "status"));

      if (g_str_equal (name, "Facebook ROAS"))
        {
          /* 350 / 400, against 50 / 100 in Q1 */
          g_assert_cmpfloat_with_epsilon (number (item, "value"), 0.875, 1e-12);
          g_assert_cmpfloat_with_epsilon (number (item, "previous"), 0.5, 1e-12);
          g_assert_cmpstr (status, ==, "missed");
        }
      else if (g_str_equal (name, "Satisfaction"))
        {
          g_assert_cmpfloat (number (item, "value"), ==, 8.2);
          g_assert_cmpfloat (number (item, "previous"), ==, 7.5);
          g_assert_cmpstr (status, ==, "met");
        }
      else
        {
          /* 50 / 0.5 = 100 <= 120, lower is better; no Email conversion
           * in Q1, so the previous CPA is n/a rather than infinite */
          g_assert_cmpfloat_with_epsilon (number (item, "value"), 100, 1e-9);
          g_assert_true (is_null (item, "previous"));
          g_assert_cmpstr (status, ==, "met");
        }
    }
  g_assert_cmpint (cJSON_GetArraySize (cJSON_GetObjectItem (root, "kpis")), ==, 3);
}

static void
test_bad_definitions_change_nothing (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (fixture->path, &error);
  RdmKpi bad = {
    .objective = (char *)"Sell online",
    .name = (char *)"Typo",
    .formula = (char *)"valeu / cost",
    .period = RDM_PERIOD_QUARTER,
  };
  const struct
  {
    const char *json;
    const char *message;
  } cases[] = {
    { "{\"format\": \"rendement-definitions\", \"version\": 1, \"objectives\": [",
      "defs.json:1:65: malformed JSON" },
    { "[1, 2]", "expected a JSON object" },
    { "{\"format\": \"other\", \"version\": 1}", "not a Rendement definitions file" },
    { "{\"format\": \"rendement-definitions\", \"version\": 9}", "version 9 is not supported" },
    { "{\"format\": \"rendement-definitions\", \"version\": 1, \"objectives\": [{\"name\": "
      "\"A\", \"function\": \"sales\"}, {\"name\": \"B\", \"function\": \"sales\", \"kpis\": "
      "[{\"name\": \"K\", \"formula\": \"cost +\"}]}]}",
      "objective “B”, KPI 1: KPI “K”, formula: column 7" },
    { "{\"format\": \"rendement-definitions\", \"version\": 1, \"segments\": [{\"name\": \"S\", "
      "\"filter\": \"gender = 'f'; drop table visitor\"}]}",
      "Segment “S”" },
    { "{\"format\": \"rendement-definitions\", \"version\": 1, \"objectives\": [{\"name\": "
      "\"Sell online\", \"function\": \"sales\"}]}",
      "already exists" },
  };

  g_assert_true (rdm_project_add_objective (project, "Sell online", "sales", "", &error));
  g_assert_false (rdm_project_add_kpi (project, &bad, &error));
  g_assert_error (error, RDM_FORMULA_ERROR, RDM_FORMULA_ERROR_UNKNOWN_METRIC);
  g_assert_nonnull (strstr (error->message, "did you mean “value”"));
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *before = rdm_project_export_definitions (project, &error);
      g_autofree char *after = NULL;

      g_assert_no_error (error);
      g_assert_false (rdm_project_import_definitions (
          project, cases[i].json, strlen (cases[i].json), "defs.json", NULL, &error));
      if (error == NULL || strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: expected “%s”, got “%s”", i, cases[i].message,
                 error ? error->message : "no error");
      g_clear_error (&error);
      after = rdm_project_export_definitions (project, &error);
      g_assert_cmpstr (before, ==, after);
    }
}

/* A new client's empty project takes another client's framework: the
 * channels its segments and its channel list name are created (in the
 * file's group, else the one their name suggests) and listed, its own
 * channel rules go ahead of the project's defaults, a segment over an
 * attribute no visitor has yet is accepted and reported; a file that
 * fails later creates nothing. */
static void
test_definitions_new_client (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  g_autofree char *path = g_build_filename (dir, "new-client.rendement", NULL);
  g_autoptr (RdmProject) project = rdm_project_create (path, &error);
  g_autoptr (RdmDefinitionsReport) report = NULL;
  g_autofree char *group = NULL;
  g_autofree char *first_rule = NULL;
  const char *good
      = "{\"format\":\"rendement-definitions\",\"version\":2,\"objectives\":[],"
        "\"segments\":[{\"name\":\"Readers\",\"filter\":"
        "\"touched(\\\"Blog\\\") or first_channel in (\\\"YouTube\\\", "
        "\\\"Blog\\\")\"},{\"name\":\"Young\",\"filter\":\"age_band in "
        "(\\\"25-34\\\")\"}],\"model_settings\":[],"
        "\"channel_rules\":[{\"source\":\"*facebook*\",\"medium\":\"paid*\",\"campaign\":\"\","
        "\"syntax\":\"glob\",\"channel\":\"Meta\",\"group\":\"Paid Social\"},"
        "{\"source\":\"^\\\\(direct\\\\)$\",\"medium\":\"^(\\\\(none\\\\)|\\\\(not "
        "set\\\\))$\",\"campaign\":\"\",\"syntax\":\"regex\",\"channel\":\"Direct\","
        "\"group\":\"direct\"}],"
        "\"channels\":[{\"name\":\"Blog\",\"group\":\"Owned\"},"
        "{\"name\":\"Meta\",\"group\":\"paid_social\"}]}";
  const char *failing = "{\"format\":\"rendement-definitions\",\"version\":2,\"objectives\":[],"
                        "\"segments\":[{\"name\":\"Fans\",\"filter\":"
                        "\"touched(\\\"TikTok\\\")\"}],\"model_settings\":[],"
                        "\"channel_rules\":[{\"source\":\"(goo\",\"syntax\":\"regex\","
                        "\"channel\":\"G\",\"group\":\"paid_search\"}]}";

  g_assert_no_error (error);
  g_assert_false (rdm_project_import_definitions (project, failing, strlen (failing), "defs.json",
                                                  &report, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "channel rule 1"));
  g_assert_null (report);
  g_assert_cmpint (
      rdm_test_query_int (rdm_project_get_db (project), "SELECT count(*) FROM channel"), ==, 0);
  g_clear_error (&error);

  g_assert_true (
      rdm_project_import_definitions (project, good, strlen (good), "defs.json", &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->created_channels->len, ==, 3);
  g_assert_cmpstr (report->created_channels->pdata[0], ==, "Blog");
  g_assert_cmpstr (report->created_channels->pdata[1], ==, "Meta");
  g_assert_cmpstr (report->created_channels->pdata[2], ==, "YouTube");
  group = rdm_test_query_text (rdm_project_get_db (project),
                               "SELECT group_concat(name || '=' || channel_group, ',') FROM"
                               " (SELECT * FROM channel ORDER BY name)");
  /* listed channels take the file's group, the others the one their name
   * suggests */
  g_assert_cmpstr (g_strchomp (group), ==, "Blog=Owned,Meta=paid_social,YouTube=video");
  /* the Direct rule is the project's own already: only Meta's is new */
  g_assert_cmpuint (report->added_rules, ==, 1);
  first_rule = rdm_test_query_text (rdm_project_get_db (project),
                                    "SELECT channel FROM channel_rule ORDER BY position LIMIT 1");
  g_assert_cmpstr (g_strchomp (first_rule), ==, "Meta");
  g_assert_cmpint (
      rdm_test_query_int (rdm_project_get_db (project), "SELECT count(*) FROM channel_rule"), ==,
      27);
  g_assert_cmpuint (report->new_attributes->len, ==, 1);
  g_assert_cmpstr (report->new_attributes->pdata[0], ==, "age_band");
  g_assert_cmpint (rdm_test_query_int (rdm_project_get_db (project),
                                       "SELECT count(*) FROM segment WHERE name IN ('Readers',"
                                       " 'Young')"),
                   ==, 2);
}

static void
test_definitions_round_trip (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (fixture->path, &error);
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.rendement", NULL);
  g_autoptr (RdmProject) other = NULL;
  const char *campaigns[] = { "Facebook / Spring", NULL };
  RdmKpi kpi = {
    .objective = (char *)"Sell online",
    .name = (char *)"Social ROAS",
    .formula = (char *)"value[group=\"social\"] / cost[group=\"social\"]",
    .unit = (char *)"×",
    .has_target = TRUE,
    .target = 1.5,
    .period = RDM_PERIOD_MONTH,
  };
  g_autofree char *exported = NULL;
  g_autofree char *reexported = NULL;
  g_autoptr (RdmDefinitionsReport) report = NULL;

  g_assert_true (rdm_project_add_objective (project, "Sell online", "sales", "Grow sales", &error));
  g_assert_true (
      rdm_project_add_initiative (project, "Sell online", "Spring push", "", campaigns, &error));
  g_assert_true (rdm_project_add_kpi (project, &kpi, &error));
  g_assert_true (
      rdm_project_add_segment (project, "Email openers", "touched(\"Email\")", FALSE, &error));
  g_assert_no_error (error);
  exported = rdm_project_export_definitions (project, &error);
  g_assert_no_error (error);

  /* another client with the same channels and campaign */
  write_project (other_path);
  other = rdm_project_open (other_path, &error);
  g_assert_true (rdm_project_import_definitions (other, exported, strlen (exported), "defs.json",
                                                 &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->skipped_campaigns, ==, 0);
  reexported = rdm_project_export_definitions (other, &error);
  g_assert_cmpstr (exported, ==, reexported);
}

/* Savings, objectives and initiatives are listed, changed and removed; a
 * bad value changes nothing. */
static void
test_edit_business (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (fixture->path, &error);
  g_autoptr (GPtrArray) savings = NULL;
  g_autoptr (GPtrArray) objectives = NULL;
  g_autoptr (GPtrArray) initiatives = NULL;
  const char *const spring[] = { "Facebook / Spring", NULL };
  const char *const unknown[] = { "Facebook / Winter", NULL };
  const RdmSaving *saving;
  const RdmInitiative *initiative;
  gint64 id;

  g_assert_no_error (error);
  savings = rdm_project_list_savings (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (savings->len, ==, 1);
  saving = g_ptr_array_index (savings, 0);
  g_assert_cmpstr (saving->channel, ==, "Email");
  g_assert_null (saving->campaign);
  g_assert_cmpint (saving->day, ==, at ("2026-04-30"));
  g_assert_cmpfloat (saving->amount, ==, 25);
  g_assert_cmpstr (saving->description, ==, "calls deflected");
  id = saving->id;

  /* a negative amount, an unknown campaign: refused, nothing changed */
  g_assert_false (
      rdm_project_update_saving (project, id, "Email", NULL, at ("2026-04-30"), -1, "", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (rdm_project_update_saving (project, id, "Facebook", "Winter", at ("2026-04-30"),
                                             10, "", &error));
  g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (rdm_project_update_saving (project, id, "Facebook", "Spring",
                                            at ("2026-05-02T15:00:00"), 40.5, "support", &error));
  g_assert_no_error (error);
  g_clear_pointer (&savings, g_ptr_array_unref);
  savings = rdm_project_list_savings (project, &error);
  saving = g_ptr_array_index (savings, 0);
  g_assert_cmpstr (saving->channel, ==, "Facebook");
  g_assert_cmpstr (saving->campaign, ==, "Spring");
  g_assert_cmpint (saving->day, ==, at ("2026-05-02"));
  g_assert_cmpfloat (saving->amount, ==, 40.5);
  g_assert_true (rdm_project_remove_saving (project, id, &error));
  g_assert_false (rdm_project_remove_saving (project, id, &error));
  g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&savings, g_ptr_array_unref);
  savings = rdm_project_list_savings (project, &error);
  g_assert_cmpuint (savings->len, ==, 0);

  g_assert_true (rdm_project_add_objective (project, "Grow", "sales", "", &error));
  g_assert_true (rdm_project_add_objective (project, "Keep", "hr", "", &error));
  g_assert_true (rdm_project_add_initiative (project, "Grow", "Ads", "", spring, &error));
  g_assert_no_error (error);
  g_assert_false (rdm_project_update_objective (project, "Grow", "Keep", "sales", "", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (rdm_project_update_objective (project, "Grow", "Win", "finance", "", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_true (
      rdm_project_update_objective (project, "Grow", "Win", "marketing", "more sales", &error));
  g_assert_no_error (error);
  objectives = rdm_project_list_objectives (project, &error);
  g_assert_cmpuint (objectives->len, ==, 2);
  g_assert_cmpstr (((RdmObjective *)g_ptr_array_index (objectives, 1))->name, ==, "Win");
  g_assert_cmpstr (((RdmObjective *)g_ptr_array_index (objectives, 1))->business_function, ==,
                   "marketing");

  /* the initiative followed its objective's new name; a bad campaign
   * leaves it as it was */
  g_assert_false (
      rdm_project_update_initiative (project, "Win", "Ads", "Keep", "Ads 2", "", unknown, &error));
  g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  initiatives = rdm_project_list_initiatives (project, &error);
  g_assert_cmpuint (initiatives->len, ==, 1);
  initiative = g_ptr_array_index (initiatives, 0);
  g_assert_cmpstr (initiative->objective, ==, "Win");
  g_assert_cmpstr (initiative->name, ==, "Ads");
  g_assert_cmpstr (initiative->campaigns[0], ==, "Facebook / Spring");
  g_assert_true (
      rdm_project_update_initiative (project, "Win", "Ads", "Keep", "Ads 2", "x", NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&initiatives, g_ptr_array_unref);
  initiatives = rdm_project_list_initiatives (project, &error);
  initiative = g_ptr_array_index (initiatives, 0);
  g_assert_cmpstr (initiative->objective, ==, "Keep");
  g_assert_cmpstr (initiative->name, ==, "Ads 2");
  g_assert_null (initiative->campaigns[0]);
}
/* What the KPIs of a project are, one line each, with their manual
 * values. */
static char *
dump_kpis (RdmProject *project)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) kpis = rdm_project_list_kpis (project, &error);
  GString *dump = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < kpis->len; i++)
    {
      const RdmKpi *kpi = g_ptr_array_index (kpis, i);

      g_string_append_printf (dump, "%" G_GINT64_FORMAT " %s / %s = %s [%s] %s%g %s %s\n", kpi->id,
                              kpi->objective, kpi->name, kpi->formula, kpi->unit,
                              kpi->has_target ? "target " : "no target ", kpi->target,
                              kpi->lower_is_better ? "lower" : "higher",
                              rdm_period_kind_to_string (kpi->period));
    }
  g_string_append_printf (dump, "values %" G_GINT64_FORMAT "\n",
                          rdm_test_query_int (rdm_project_get_db (project),
                                              "SELECT count(*) FROM kpi_value"
                                              " JOIN kpi ON kpi.id = kpi_value.kpi_id"));
  return g_string_free (dump, FALSE);
}

/* A KPI is changed in place, keeping its id and manual values, after the
 * same checks as adding one, with the same messages; a refused change
 * changes nothing. */
static void
test_update_kpi (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (fixture->path, &error);
  g_autoptr (GPtrArray) kpis = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *values = NULL;
  g_autofree char *long_name = g_strnfill (201, 'k');
  RdmKpi roas = {
    .objective = (char *)"Sell online",
    .name = (char *)"ROAS",
    .formula = (char *)"value / cost",
    .unit = (char *)"×",
    .has_target = TRUE,
    .target = 2,
    .period = RDM_PERIOD_QUARTER,
  };
  RdmKpi cpa = {
    .objective = (char *)"Sell online",
    .name = (char *)"CPA",
    .formula = (char *)"cost / conversions",
    .lower_is_better = TRUE,
    .period = RDM_PERIOD_MONTH,
  };
  RdmKpi retention = {
    .objective = (char *)"Keep clients",
    .name = (char *)"Retention",
    .formula = (char *)"manual",
    .period = RDM_PERIOD_QUARTER,
  };
  RdmKpi changed = {
    .objective = (char *)"Keep clients",
    .name = (char *)"Facebook ROAS",
    .formula = (char *)"value[channel=\"Facebook\"] / cost[channel=\"Facebook\"]",
    .unit = (char *)"",
    .lower_is_better = TRUE,
    .period = RDM_PERIOD_YEAR,
  };
  const struct
  {
    const char *field;
    const char *text;
    double target;
    GQuark domain;
    int code;
    const char *message;
  } cases[] = {
    { "name", "  ", 0, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
      "A KPI’s name must be non-empty UTF-8 text of at most 200 bytes" },
    { "name", long_name, 0, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
      "A KPI’s name must be non-empty UTF-8 text of at most 200 bytes" },
    { "name", "caf\xc3", 0, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
      "A KPI’s name must be non-empty UTF-8 text of at most 200 bytes" },
    { "formula", "cost / \xff", 0, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
      "A KPI’s formula must be UTF-8 text of at most 1 MiB" },
    { "formula", "valeu / cost", 0, RDM_FORMULA_ERROR, RDM_FORMULA_ERROR_UNKNOWN_METRIC,
      "KPI “Facebook ROAS”, formula: column 1: unknown metric “valeu”; did you mean “value”?" },
    { "unit", "\xff", 0, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
      "A KPI’s unit must be UTF-8 text of at most 1 MiB" },
    { "target", NULL, 1e15, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
      "KPI “Facebook ROAS”: A KPI’s target must be a number with at most 15 digits before the "
      "decimal point" },
    { "target", NULL, NAN, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
      "KPI “Facebook ROAS”: A KPI’s target must be a number with at most 15 digits before the "
      "decimal point" },
    { "objective", "Nowhere", 0, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND,
      "No objective is named “Nowhere”" },
    /* a name already taken under the objective */
    { "name", "Retention", 0, G_IO_ERROR, G_IO_ERROR_EXISTS, "KPI “Retention” already exists" },
  };
  const RdmKpi *kpi;
  gint64 id;

  g_assert_true (rdm_project_add_objective (project, "Sell online", "sales", "", &error));
  g_assert_true (rdm_project_add_objective (project, "Keep clients", "after_sales", "", &error));
  g_assert_true (rdm_project_add_kpi (project, &roas, &error));
  g_assert_true (rdm_project_add_kpi (project, &cpa, &error));
  g_assert_true (rdm_project_add_kpi (project, &retention, &error));
  g_assert_true (rdm_project_add_kpi_value (project, "Sell online", "ROAS", at ("2026-04-15"), 1.5,
                                            "", &error));
  g_assert_no_error (error);
  kpis = rdm_project_list_kpis (project, &error);
  g_assert_no_error (error);
  kpi = g_ptr_array_index (kpis, 2);
  g_assert_cmpstr (kpi->name, ==, "ROAS");
  id = kpi->id;

  before = dump_kpis (project);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) add_error = NULL;
      g_autofree char *now = NULL;
      RdmKpi bad = changed;

      if (g_str_equal (cases[i].field, "name"))
        bad.name = (char *)cases[i].text;
      else if (g_str_equal (cases[i].field, "formula"))
        bad.formula = (char *)cases[i].text;
      else if (g_str_equal (cases[i].field, "unit"))
        bad.unit = (char *)cases[i].text;
      else if (g_str_equal (cases[i].field, "objective"))
        bad.objective = (char *)cases[i].text;
      else
        {
          bad.has_target = TRUE;
          bad.target = cases[i].target;
        }

      g_assert_false (rdm_project_update_kpi (project, id, &bad, &error));
      g_assert_nonnull (error);
      if (error->domain != cases[i].domain || error->code != cases[i].code
          || !g_str_equal (error->message, cases[i].message))
        g_error ("case %u: expected “%s”, got “%s”", i, cases[i].message, error->message);
      /* adding the same KPI is refused in the same words */
      g_assert_false (rdm_project_add_kpi (project, &bad, &add_error));
      g_assert_error (add_error, error->domain, error->code);
      g_assert_cmpstr (add_error->message, ==, error->message);
      g_clear_error (&error);
      now = dump_kpis (project);
      g_assert_cmpstr (now, ==, before);
    }

  g_assert_false (rdm_project_update_kpi (project, 9999, &changed, &error));
  g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No KPI has the number 9999");
  g_clear_error (&error);
  after = dump_kpis (project);
  g_assert_cmpstr (after, ==, before);

  /* unchanged is a change too, not a clash with itself */
  g_assert_true (rdm_project_update_kpi (project, id, &roas, &error));
  g_assert_no_error (error);
  g_assert_true (rdm_project_update_kpi (project, id, &changed, &error));
  g_assert_no_error (error);
  g_clear_pointer (&kpis, g_ptr_array_unref);
  kpis = rdm_project_list_kpis (project, &error);
  g_assert_cmpuint (kpis->len, ==, 3);
  kpi = g_ptr_array_index (kpis, 0);
  g_assert_cmpint (kpi->id, ==, id);
  g_assert_cmpstr (kpi->objective, ==, "Keep clients");
  g_assert_cmpstr (kpi->name, ==, "Facebook ROAS");
  g_assert_cmpstr (kpi->formula, ==, changed.formula);
  g_assert_cmpstr (kpi->unit, ==, "");
  g_assert_false (kpi->has_target);
  g_assert_true (kpi->lower_is_better);
  g_assert_cmpint (kpi->period, ==, RDM_PERIOD_YEAR);
  /* its manual value followed it */
  values = g_strdup_printf ("SELECT count(*) FROM kpi_value WHERE kpi_id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (rdm_test_query_int (rdm_project_get_db (project), values), ==, 1);
}

/* The campaigns as initiatives name them, in the order the KPI editor
 * lists them. */
static void
test_campaign_labels (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (fixture->path, &error);
  g_autofree char *empty_path = g_build_filename (fixture->dir, "empty.rendement", NULL);
  g_autoptr (RdmProject) empty = NULL;
  g_auto (GStrv) labels = NULL;
  g_autofree char *joined = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (rdm_project_ensure_campaign (project, 2, "Newsletter", &error), >, 0);
  g_assert_cmpint (rdm_project_ensure_campaign (project, 1, "Autumn", &error), >, 0);
  g_assert_cmpint (rdm_project_ensure_channel (project, "Video", &error), >, 0);
  g_assert_no_error (error);
  labels = rdm_project_list_campaign_labels (project, &error);
  g_assert_no_error (error);
  joined = g_strjoinv ("|", labels);
  g_assert_cmpstr (joined, ==, "Email / Newsletter|Facebook / Autumn|Facebook / Spring");
  g_assert_true (rdm_project_add_objective (project, "Grow", "sales", "", &error));
  g_assert_true (
      rdm_project_add_initiative (project, "Grow", "All", "", (const char *const *)labels, &error));
  g_assert_no_error (error);

  empty = rdm_project_create (empty_path, &error);
  g_clear_pointer (&labels, g_strfreev);
  labels = rdm_project_list_campaign_labels (empty, &error);
  g_assert_no_error (error);
  g_assert_nonnull (labels);
  g_assert_null (labels[0]);
}

/* Whatever the window or the command line writes must pass the checks a
 * file passes when it is opened (see rdm-project-check.c): a value the
 * open would refuse is refused when written, and the project still opens. */
static void
test_values_a_project_can_hold (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (fixture->path, &error);
  g_autoptr (RdmProject) reopened = NULL;
  RdmKpi huge_target = {
    .objective = (char *)"Sell online",
    .name = (char *)"Huge",
    .formula = (char *)"manual",
    .has_target = TRUE,
    .target = 1e15,
    .period = RDM_PERIOD_QUARTER,
  };
  RdmKpi bad_unit = huge_target;

  bad_unit.has_target = FALSE;
  bad_unit.unit = (char *)"\xff";
  g_assert_true (rdm_project_add_objective (project, "Sell online", "sales", "", &error));
  g_assert_false (rdm_project_add_objective (project, "Bad", "sales", "caf\xc3", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (rdm_project_add_kpi (project, &huge_target, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "15 digits"));
  g_clear_error (&error);
  g_assert_false (rdm_project_add_kpi (project, &bad_unit, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  huge_target.target = 999999999999999.0;
  g_assert_true (rdm_project_add_kpi (project, &huge_target, &error));
  g_assert_no_error (error);
  g_assert_false (rdm_project_add_kpi_value (project, "Sell online", "Huge", at ("2026-05-01"),
                                             -1e15, "", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (
      rdm_project_add_kpi_value (project, "Sell online", "Huge", at ("2300-01-01"), 1, "", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "2199-12-31"));
  g_clear_error (&error);
  g_assert_false (
      rdm_project_add_saving (project, "Email", NULL, at ("2026-05-01"), INFINITY, "", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (
      rdm_project_add_saving (project, "Email", NULL, at ("1969-12-31"), 10, "", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_clear_object (&project);
  reopened = rdm_project_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reopened);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/business/roi", test_roi);
  ADD ("/business/roi-categories", test_roi_categories);
  ADD ("/business/roi-models", test_roi_models_side_by_side);
  ADD ("/business/roi-reports", test_roi_reports);
  ADD ("/business/roi-shared-media", test_roi_shared_media);
  ADD ("/business/roi-shared-rules", test_roi_shared_rules);
  ADD ("/business/roi-by-group", test_roi_by_group);
  ADD ("/business/roi-path-table", test_roi_path_table);
  ADD ("/business/kpis", test_kpis);
  ADD ("/business/kpi-shared-costs", test_kpi_shared_costs);
  ADD ("/business/definitions/bad", test_bad_definitions_change_nothing);
  ADD ("/business/definitions/round-trip", test_definitions_round_trip);
  ADD ("/business/definitions/new-client", test_definitions_new_client);
  ADD ("/business/edit", test_edit_business);
  ADD ("/business/update-kpi", test_update_kpi);
  ADD ("/business/campaign-labels", test_campaign_labels);
  ADD ("/business/values-a-project-can-hold", test_values_a_project_can_hold);
#undef ADD

  return g_test_run ();
}
