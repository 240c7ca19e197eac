/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The warehouse route against a real PostgreSQL 15 server the test starts
 * itself: a generated event log (with ties between touches, between a
 * touch and its conversion, and between two conversions) is loaded both
 * into PostgreSQL and, as the same CSV, into a local project; the path
 * table `import --from` builds inside the database must equal the
 * journeys the local path builder cuts, for several windows, periods and
 * events, and so must every model's credit and the ROI.
 *
 * RDM_WAREHOUSE_ROWS sets the event log's size (default 2 000 000 rows).
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "rdm-attribution.h"
#include "rdm-event-loader.h"
#include "rdm-import.h"
#include "rdm-path-builder.h"
#include "rdm-path-loader.h"
#include "rdm-project-db.h"
#include "rdm-test-pg.h"
#include "rdm-test-util.h"
#include "rdm-warehouse.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

#define DEFAULT_ROWS 2000000

typedef struct
{
  RdmTestPg *pg;
  char *dir;
  char *events_csv;
  char *costs_csv;
  char *local_path; /* the CSV imported locally */
  guint64 rows;
} World;

static World world;

static RdmProject *
new_project (const char *name)
{
  g_autofree char *path = g_build_filename (world.dir, name, NULL);
  g_autoptr (GError) error = NULL;
  RdmProject *project;

  g_unlink (path);
  project = rdm_project_create (path, &error);
  g_assert_no_error (error);
  return project;
}

static void
import_csv (RdmProject *project, const char *path, RdmImportKind kind)
{
  g_autoptr (RdmImportReport) report = NULL;
  g_autoptr (GError) error = NULL;
  RdmImportOptions options = { .kind = kind };

  g_assert_true (rdm_import_file (project, path, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
}

static gboolean
warehouse_import (RdmProject *project,
                  const RdmPathOptions *path,
                  const char *table,
                  GHashTable *mapping,
                  const char *user,
                  RdmWarehouseReport **report,
                  GError **error)
{
  g_autofree char *connection = rdm_test_pg_connection (world.pg, user);
  g_autoptr (GHashTable) default_mapping = NULL;
  RdmWarehouseOptions options = {
    .connection = connection,
    .table = table,
    .mapping = mapping,
    .path = path,
  };

  if (mapping == NULL)
    {
      default_mapping = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_insert (default_mapping, (gpointer) "order", (gpointer) "line");
      options.mapping = default_mapping;
    }
  return rdm_warehouse_import (project, &options, NULL, NULL, NULL, report, error);
}

/* "path with kinds" -> conversions, value, nulls summed over the rows. */
typedef struct
{
  double conversions;
  double value;
  double nulls;
} Totals;

static GHashTable *
aggregate (const RdmPathSet *set)
{
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint r = 0; r < rdm_path_set_n_rows (set); r++)
    {
      guint32 start = g_array_index (set->offsets, guint32, r);
      guint32 end = g_array_index (set->offsets, guint32, r + 1);
      GString *key = g_string_new (NULL);
      Totals *totals;

      for (guint32 t = start; t < end; t++)
        g_string_append_printf (
            key, "%s%s:%c", t > start ? " > " : "",
            rdm_path_set_label_name (set, g_array_index (set->touch_label, guint32, t)),
            g_array_index (set->touch_kind, guint8, t) == RDM_TOUCH_VIEW ? 'v' : 'c');
      g_string_append (key, g_array_index (set->nulls, double, r) > 0 ? " |null" : " |conv");
      totals = g_hash_table_lookup (rows, key->str);
      if (totals == NULL)
        {
          totals = g_new0 (Totals, 1);
          g_hash_table_insert (rows, g_strdup (key->str), totals);
        }
      totals->conversions += g_array_index (set->conversions, double, r);
      totals->value += g_array_index (set->value, double, r);
      totals->nulls += g_array_index (set->nulls, double, r);
      g_string_free (key, TRUE);
    }
  return rows;
}

static void
assert_close (double expected, double actual)
{
  g_assert_cmpfloat_with_epsilon (actual, expected, 1e-9 * MAX (1, fabs (expected)));
}

static void
assert_same_journeys (const RdmPathSet *local, const RdmPathSet *warehouse)
{
  g_autoptr (GHashTable) expected = aggregate (local);
  g_autoptr (GHashTable) actual = aggregate (warehouse);
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpuint (g_hash_table_size (actual), ==, g_hash_table_size (expected));
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Totals *want = value;
      const Totals *got = g_hash_table_lookup (actual, key);

      if (got == NULL)
        g_error ("the warehouse has no journey %s", (const char *)key);
      g_assert_cmpfloat (got->conversions, ==, want->conversions);
      g_assert_cmpfloat (got->nulls, ==, want->nulls);
      assert_close (want->value, got->value);
    }
}

static void
assert_same_credit (const RdmPathSet *local,
                    const RdmPathSet *warehouse,
                    const RdmModelOptions *options)
{
  for (guint m = 0; m < RDM_MODEL_N_MODELS; m++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RdmCredit) want = NULL;
      g_autoptr (RdmCredit) got = NULL;

      /* time decay needs each touch's age, which a path table has not */
      if (m == RDM_MODEL_TIME_DECAY)
        continue;
      want = rdm_attribute (local, (RdmModel)m, options, NULL, &error);
      g_assert_no_error (error);
      got = rdm_attribute (warehouse, (RdmModel)m, options, NULL, &error);
      g_assert_no_error (error);
      assert_close (want->total_conversions, got->total_conversions);
      assert_close (want->total_value, got->total_value);
      for (guint l = 0; l < want->n_labels; l++)
        {
          guint k = 0;

          while (k < got->n_labels && !g_str_equal (got->label_names[k], want->label_names[l]))
            k++;
          if (k == got->n_labels)
            {
              /* a label with no credit may be missing from the other side */
              g_assert_cmpfloat (want->conversions[l], ==, 0);
              continue;
            }
          assert_close (want->conversions[l], got->conversions[k]);
          assert_close (want->value[l], got->value[k]);
          assert_close (want->click_conversions[l], got->click_conversions[k]);
          assert_close (want->view_conversions[l], got->view_conversions[k]);
        }
    }
}

/* Conversions and value per day: the local project's analysed
 * conversions against the days of the warehouse's path rows and its
 * daily outcomes. */
static void
assert_same_days (RdmProject *local, RdmProject *warehouse, const RdmPathOptions *path)
{
  g_autofree char *events = NULL;
  g_autofree char *local_sql = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *from_rows = NULL;
  g_autofree char *from_outcomes = NULL;

  if (path->events != NULL)
    {
      g_autofree char *joined = g_strjoinv ("', '", path->events);

      events = g_strdup_printf ("event IN ('%s')", joined);
    }
  local_sql = g_strdup_printf (
      "SELECT time - time %% 86400, count (*), printf ('%%.6f', sum (value)) FROM conversion"
      " WHERE time >= %" G_GINT64_FORMAT " AND time < %" G_GINT64_FORMAT " AND %s"
      " GROUP BY 1 ORDER BY 1",
      path->from_time, path->to_time, events != NULL ? events : "1");
  expected = rdm_test_query_text (rdm_project_get_db (local), local_sql);
  from_rows = rdm_test_query_text (rdm_project_get_db (warehouse),
                                   "SELECT day, CAST (sum (conversions) AS INTEGER),"
                                   " printf ('%.6f', sum (value)) FROM path_row"
                                   " WHERE day IS NOT NULL GROUP BY 1 ORDER BY 1");
  from_outcomes = rdm_test_query_text (rdm_project_get_db (warehouse),
                                       "SELECT day, CAST (conversions AS INTEGER),"
                                       " printf ('%.6f', value) FROM outcome ORDER BY 1");
  g_assert_cmpstr (from_rows, ==, expected);
  g_assert_cmpstr (from_outcomes, ==, expected);
}

typedef struct
{
  const char *name;
  double click_window;
  double view_window;
  gboolean restart;
  const char *from; /* YYYY-MM-DD or NULL */
  const char *to;   /* the day after the last, or NULL */
  const char *event;
} Setting;

static gint64
day_of (const char *text, gint64 unbounded)
{
  g_autoptr (GDateTime) date = NULL;
  g_autofree char *iso = NULL;

  if (text == NULL)
    return unbounded;
  iso = g_strdup_printf ("%sT00:00:00Z", text);
  date = g_date_time_new_from_iso8601 (iso, NULL);
  return g_date_time_to_unix (date);
}

static void
test_equal_to_local (void)
{
  static const Setting settings[] = {
    { "defaults", 30, 1, TRUE, NULL, NULL, NULL },
    { "short windows, a quarter", 7, 0, TRUE, "2026-04-01", "2026-07-01", NULL },
    { "no restart, purchases", 30, 1, FALSE, "2026-03-01", NULL, "purchase" },
    { "half a day of clicks, three of views", 0.5, 3, TRUE, NULL, "2026-05-15", "signup" },
  };
  g_autoptr (RdmProject) local = NULL;
  g_autoptr (RdmProject) warehouse = NULL;
  g_autoptr (RdmEventStore) store = NULL;
  g_autoptr (GError) error = NULL;
  gint64 previous_import = 0;

  if (world.pg == NULL)
    {
      g_test_skip ("no PostgreSQL server");
      return;
    }
  local = new_project ("local.rendement");
  import_csv (local, world.events_csv, RDM_IMPORT_KIND_EVENTS);
  store = rdm_event_store_load (local, NULL, &error);
  g_assert_no_error (error);
  warehouse = new_project ("warehouse.rendement");

  for (guint s = 0; s < G_N_ELEMENTS (settings); s++)
    {
      const Setting *setting = &settings[s];
      g_autoptr (RdmWarehouseReport) report = NULL;
      g_autoptr (RdmPathSet) expected = NULL;
      g_autoptr (RdmPathSet) actual = NULL;
      char *events[] = { (char *)setting->event, NULL };
      RdmPathOptions path;
      RdmModelOptions model;

      g_test_message ("setting: %s", setting->name);
      rdm_path_options_init (&path);
      path.click_window_days = setting->click_window;
      path.view_window_days = setting->view_window;
      path.restart_after_conversion = setting->restart;
      path.from_time = day_of (setting->from, G_MININT64);
      path.to_time = day_of (setting->to, G_MAXINT64);
      if (setting->event != NULL)
        path.events = g_strdupv (events);

      /* a role that may only read the table is enough */
      g_assert_true (
          warehouse_import (warehouse, &path, "public.events", NULL, "reader", &report, &error));
      g_assert_no_error (error);
      g_assert_cmpint (report->replaced_import_id, ==, previous_import);
      g_test_message ("%" G_GUINT64_FORMAT " path rows: %.0f conversions, %.0f non-converting "
                      "journeys",
                      report->path_rows, report->conversions, report->nulls);
      g_assert_cmpfloat (report->conversions, >, 1000);
      g_assert_cmpfloat (report->nulls, >, 1000);
      previous_import = report->import_id;

      expected = rdm_path_builder_build (store, &path, NULL, &error);
      g_assert_no_error (error);
      actual = rdm_project_load_path_table (warehouse, NULL, &error);
      g_assert_no_error (error);
      assert_same_journeys (expected, actual);
      assert_same_days (local, warehouse, &path);

      rdm_model_options_init (&model);
      assert_same_credit (expected, actual, &model);
      /* the touch kinds came home: view weight and click priority apply */
      model.view_weight = 0.4;
      assert_same_credit (expected, actual, &model);
      model.view_weight = 1;
      model.click_priority = TRUE;
      assert_same_credit (expected, actual, &model);
      rdm_model_options_clear (&model);

      /* the project says what the table was built with */
      {
        g_autoptr (RdmWarehouseSource) stored
            = rdm_project_load_warehouse_source (warehouse, &error);
        const RdmPathOptions *built;

        g_assert_no_error (error);
        g_assert_nonnull (stored);
        built = &stored->path;
        g_assert_cmpstr (stored->table, ==, "public.events");
        g_assert_cmpstr (g_hash_table_lookup (stored->mapping, "order"), ==, "line");
        g_assert_null (stored->password);
        g_assert_cmpfloat (built->click_window_days, ==, path.click_window_days);
        g_assert_cmpfloat (built->view_window_days, ==, path.view_window_days);
        g_assert_cmpint (built->restart_after_conversion, ==, path.restart_after_conversion);
        g_assert_cmpint (built->from_time, ==, path.from_time);
        g_assert_cmpint (built->to_time, ==, path.to_time);
        g_assert_true ((built->events == NULL) == (path.events == NULL));
        if (path.events != NULL)
          g_assert_cmpstrv (built->events, path.events);
      }
      rdm_path_options_clear (&path);
    }
  /* each import replaced the one before: one path table, one settings row */
  g_assert_cmpint (rdm_test_query_int (rdm_project_get_db (warehouse),
                                       "SELECT count (DISTINCT import_id) FROM path_row"),
                   ==, 1);
  g_assert_cmpint (
      rdm_test_query_int (rdm_project_get_db (warehouse), "SELECT count (*) FROM warehouse_source"),
      ==, 1);
}

/* What an import can change in a project, as text. */
static char *
snapshot (RdmProject *project)
{
  return rdm_test_query_text (
      rdm_project_get_db (project),
      "SELECT 'log', id, file_name, kind, rows FROM import_log"
      " UNION ALL SELECT 'paths', count (*), sum (conversions), sum (nulls), NULL FROM path_row"
      " UNION ALL SELECT 'outcomes', count (*), sum (conversions), NULL, NULL FROM outcome"
      " UNION ALL SELECT 'costs', count (*), sum (amount), NULL, NULL FROM cost"
      " UNION ALL SELECT 'channels', count (*), group_concat (name), NULL, NULL FROM channel"
      " UNION ALL SELECT 'source', import_id, connection, events_table, click_window_days"
      "  FROM warehouse_source");
}

static void
assert_refused (RdmProject *project,
                const char *table,
                GHashTable *mapping,
                const char *user,
                const RdmPathOptions *path,
                GQuark domain,
                int code,
                const char *message_part)
{
  g_autofree char *before = snapshot (project);
  g_autofree char *after = NULL;
  g_autoptr (RdmWarehouseReport) report = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_false (warehouse_import (project, path, table, mapping, user, &report, &error));
  g_assert_error (error, domain, code);
  g_test_message ("%s", error->message);
  if (message_part != NULL && strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, message_part);
  g_assert_null (report);
  after = snapshot (project);
  g_assert_cmpstr (after, ==, before);
}

static GHashTable *
mapping_of (const char *canonical, const char *column)
{
  GHashTable *mapping = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (mapping, (gpointer)canonical, (gpointer)column);
  return mapping;
}

static void
test_bad_input (void)
{
  g_autoptr (RdmProject) project = NULL;
  g_autoptr (RdmWarehouseReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) unknown = mapping_of ("colour", "line");
  g_autoptr (GHashTable) missing = mapping_of ("order", "sequence");
  g_autoptr (GHashTable) text_time = mapping_of ("timestamp", "written");
  RdmPathOptions path;

  if (world.pg == NULL)
    {
      g_test_skip ("no PostgreSQL server");
      return;
    }
  rdm_test_pg_exec (world.pg,
                    "CREATE TABLE few AS SELECT * FROM events WHERE line <= 5000;"
                    "UPDATE few SET type = 'purchased' WHERE line = 4321;"
                    "CREATE TABLE arrows AS SELECT * FROM events WHERE line <= 5000;"
                    "UPDATE arrows SET channel = 'Search > Brand' WHERE line = 77"
                    " AND type <> 'conversion';"
                    "UPDATE arrows SET channel = 'Search > Brand'"
                    " WHERE line = (SELECT min (line) FROM arrows WHERE type = 'click');"
                    "CREATE TABLE untyped AS SELECT line, visitor_id, \"timestamp\", channel"
                    " FROM events WHERE line <= 100;"
                    "CREATE TABLE texts AS SELECT *, \"timestamp\"::text AS written FROM events"
                    " WHERE line <= 100;"
                    "CREATE ROLE stranger LOGIN;"
                    "GRANT SELECT ON few, arrows, untyped, texts TO reader;");
  project = new_project ("refusals.rendement");
  rdm_path_options_init (&path);
  /* a project that holds an import already, which no refusal may touch */
  g_assert_true (warehouse_import (project, &path, "events", NULL, "reader", &report, &error));
  g_assert_no_error (error);

  assert_refused (project, "no_such_table", NULL, "reader", &path, RDM_WAREHOUSE_ERROR,
                  RDM_WAREHOUSE_ERROR_NO_TABLE, "no_such_table");
  assert_refused (project, "events", NULL, "stranger", &path, RDM_WAREHOUSE_ERROR,
                  RDM_WAREHOUSE_ERROR_NO_TABLE, "permission denied");
  assert_refused (project, "events", unknown, "reader", &path, RDM_WAREHOUSE_ERROR,
                  RDM_WAREHOUSE_ERROR_MAPPING, "colour");
  assert_refused (project, "events", missing, "reader", &path, RDM_WAREHOUSE_ERROR,
                  RDM_WAREHOUSE_ERROR_MAPPING, "sequence");
  assert_refused (project, "untyped", NULL, "reader", &path, RDM_WAREHOUSE_ERROR,
                  RDM_WAREHOUSE_ERROR_MAPPING, "--map type=COLUMN");
  assert_refused (project, "texts", text_time, "reader", &path, RDM_WAREHOUSE_ERROR,
                  RDM_WAREHOUSE_ERROR_MAPPING, "written");
  assert_refused (project, "few", NULL, "reader", &path, RDM_WAREHOUSE_ERROR,
                  RDM_WAREHOUSE_ERROR_BAD_ROW, "whose order is 4321");
  assert_refused (project, "arrows", NULL, "reader", &path, RDM_WAREHOUSE_ERROR,
                  RDM_WAREHOUSE_ERROR_BAD_ROW, "Search > Brand");
  path.view_window_days = -1;
  assert_refused (project, "events", NULL, "reader", &path, RDM_WAREHOUSE_ERROR,
                  RDM_WAREHOUSE_ERROR_OPTIONS, NULL);
  path.view_window_days = 1;
  path.level = RDM_LEVEL_CAMPAIGN;
  assert_refused (project, "events", NULL, "reader", &path, RDM_WAREHOUSE_ERROR,
                  RDM_WAREHOUSE_ERROR_OPTIONS, NULL);
  rdm_path_options_clear (&path);

  {
    g_autofree char *before = snapshot (project);
    g_autofree char *after = NULL;
    const char *unreachable[]
        = { "host=/nonexistent port=1 dbname=postgres",
            "postgresql://reader@/postgres?host=/nonexistent", "host='unterminated" };

    for (guint i = 0; i < G_N_ELEMENTS (unreachable); i++)
      {
        RdmWarehouseOptions options = { .connection = unreachable[i], .table = "events" };

        rdm_path_options_init (&path);
        options.path = &path;
        g_assert_false (rdm_warehouse_import (project, &options, NULL, NULL, NULL, NULL, &error));
        g_assert_error (error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_CONNECTION);
        g_test_message ("%s", error->message);
        g_clear_error (&error);
        rdm_path_options_clear (&path);
      }
    after = snapshot (project);
    g_assert_cmpstr (after, ==, before);
  }
}

static gpointer
cancel_soon (gpointer cancellable)
{
  g_usleep (300 * 1000);
  g_cancellable_cancel (cancellable);
  return NULL;
}

/* Cancelling stops the query the server is running and leaves the
 * project as it was; the project keeps no password. */
static void
test_cancel_and_password (void)
{
  g_autoptr (RdmProject) project = NULL;
  g_autoptr (GCancellable) cancelled = g_cancellable_new ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GThread) canceller = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmWarehouseReport) report = NULL;
  g_autofree char *reader = NULL;
  g_autofree char *with_password = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *stored = NULL;
  RdmWarehouseOptions options = { .table = "slow_events" };
  RdmPathOptions path;

  if (world.pg == NULL)
    {
      g_test_skip ("no PostgreSQL server");
      return;
    }
  /* a view that takes a minute to read, so the cancel lands mid-query */
  rdm_test_pg_exec (world.pg, "CREATE VIEW slow_events AS SELECT e.* FROM events e,"
                              " (SELECT pg_sleep (60)) AS pause;"
                              "GRANT SELECT ON slow_events TO reader;");
  project = new_project ("cancel.rendement");
  before = snapshot (project);
  rdm_path_options_init (&path);
  reader = rdm_test_pg_connection (world.pg, "reader");
  options.connection = reader;
  options.path = &path;
  options.mapping = mapping_of ("order", "line");

  g_cancellable_cancel (cancelled);
  g_assert_false (rdm_warehouse_import (project, &options, cancelled, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  canceller = g_thread_new ("canceller", cancel_soon, cancellable);
  g_assert_false (rdm_warehouse_import (project, &options, cancellable, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  after = snapshot (project);
  g_assert_cmpstr (after, ==, before);

  /* trust authentication ignores the password; the project must not
   * keep it, neither in the settings nor in the import log */
  with_password = g_strdup_printf ("%s password=s3cret-Passw0rd", reader);
  options.connection = with_password;
  options.table = "events";
  g_assert_true (rdm_warehouse_import (project, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  stored = rdm_test_query_text (rdm_project_get_db (project),
                                "SELECT connection FROM warehouse_source"
                                " UNION ALL SELECT file_name FROM import_log");
  g_assert_null (strstr (stored, "s3cret"));
  g_assert_nonnull (strstr (stored, "user='reader'"));
  g_assert_nonnull (strstr (report->source, "events"));
  g_hash_table_unref ((GHashTable *)options.mapping);
  rdm_path_options_clear (&path);
}

/* The numbers and names of a CLI JSON result as "model|channel|key=value"
 * lines, sorted (rows come in the order channels were first seen, which
 * differs between the two sources), leaving out the settings, which say
 * where the journeys came from, and @skipped. */
static void
collect_values (const cJSON *item,
                const char *skipped,
                const char *model,
                const char *channel,
                GPtrArray *lines)
{
  const cJSON *child;
  const cJSON *name;

  if (item->string != NULL
      && (g_str_equal (item->string, skipped) || g_str_equal (item->string, "settings")))
    return;
  if (cJSON_IsObject (item))
    {
      if ((name = cJSON_GetObjectItem (item, "model")) != NULL && cJSON_IsString (name))
        model = name->valuestring;
      if ((name = cJSON_GetObjectItem (item, "channel")) != NULL && cJSON_IsString (name))
        channel = name->valuestring;
    }
  if (cJSON_IsNumber (item))
    g_ptr_array_add (
        lines, g_strdup_printf ("%s|%s|%s=%.9g", model, channel, item->string, item->valuedouble));
  else if (cJSON_IsString (item))
    g_ptr_array_add (
        lines, g_strdup_printf ("%s|%s|%s=%s", model, channel, item->string, item->valuestring));
  cJSON_ArrayForEach (child, item)
    collect_values (child, skipped, model, channel, lines);
}

static int
compare_lines (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *)a, *(char *const *)b);
}

static char *
cli_values (const char *json, const char *skipped)
{
  g_autoptr (cJSON) root = cJSON_Parse (json);
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (root);
  collect_values (root, skipped, "", "", lines);
  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **)lines->pdata);
}

static void
test_cli (void)
{
  g_autofree char *local = g_build_filename (world.dir, "cli-local.rendement", NULL);
  g_autofree char *remote = g_build_filename (world.dir, "cli-warehouse.rendement", NULL);
  g_autofree char *connection = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;
  g_autoptr (cJSON) root = NULL;
  const cJSON *settings;
  const char *models = "first,last,last-non-direct,linear,position,position-decay,markov,shapley";

  if (world.pg == NULL)
    {
      g_test_skip ("no PostgreSQL server");
      return;
    }
  connection = rdm_test_pg_connection (world.pg, "reader");
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "new", local, NULL), ==, 0);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "new", remote, NULL), ==, 0);
  g_assert_cmpint (
      rdm_test_run_cli (&out, &err, "import", local, "--kind", "events", world.events_csv, NULL),
      ==, 0);
  g_assert_cmpint (
      rdm_test_run_cli (&out, &err, "import", local, "--kind", "costs", world.costs_csv, NULL), ==,
      0);

  /* usage errors: exit status 2, nothing done */
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", remote, "--from", connection, NULL), ==,
                   2);
  g_assert_nonnull (strstr (err, "--table"));
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", remote, "--from", connection, "--table",
                                     "events", "--costs-map", "amount=cost", NULL),
                   ==, 2);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", remote, "--from", connection, "--table",
                                     "events", "--from-date", "2026-05-01", "--to-date",
                                     "2026-04-30", NULL),
                   ==, 2);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", remote, "--from", connection, "--table",
                                     "events", "--map", "order", NULL),
                   ==, 2);
  /* a refusal by the database: status 1, a message naming the table */
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", remote, "--from", connection, "--table",
                                     "missing", NULL),
                   ==, 1);
  g_assert_nonnull (strstr (err, "missing"));

  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", remote, "--from", connection, "--table",
                                     "events", "--map", "order=line", "--costs-table", "costs",
                                     "--format", "json", NULL),
                   ==, 0);
  root = cJSON_Parse (out);
  g_assert_nonnull (root);
  g_assert_cmpfloat (cJSON_GetObjectItem (root, "import_id")->valuedouble, >=, 1);
  g_assert_true (cJSON_IsNull (cJSON_GetObjectItem (root, "replaced_import_id")));
  g_assert_cmpfloat (cJSON_GetObjectItem (root, "path_rows")->valuedouble, >, 1000);
  g_assert_cmpfloat (cJSON_GetObjectItem (root, "cost_rows")->valuedouble, ==,
                     80 * RDM_TEST_N_CHANNELS);
  g_assert_cmpfloat (cJSON_GetObjectItem (root, "outcome_days")->valuedouble, >, 100);
  g_assert_cmpfloat (
      cJSON_GetObjectItem (cJSON_GetObjectItem (root, "settings"), "click_window_days")
          ->valuedouble,
      ==, 30);
  g_assert_true (
      cJSON_IsNull (cJSON_GetObjectItem (cJSON_GetObjectItem (root, "settings"), "events")));

  /* the same credit and the same ROI as the local import */
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "attribute", local, "--model", models, "--format",
                                     "json", NULL),
                   ==, 0);
  expected = cli_values (out, "settings");
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "attribute", remote, "--model", models, "--format",
                                     "json", NULL),
                   ==, 0);
  actual = cli_values (out, "settings");
  g_assert_cmpstr (actual, ==, expected);
  g_clear_pointer (&root, cJSON_Delete);
  root = cJSON_Parse (out);
  settings = cJSON_GetObjectItem (root, "settings");
  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (settings, "source")), ==,
                   "warehouse");
  g_assert_cmpfloat (cJSON_GetObjectItem (settings, "click_window_days")->valuedouble, ==, 30);
  /* other windows than the table's are refused, not ignored */
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "attribute", remote, "--model", "linear",
                                     "--click-window", "7", NULL),
                   ==, 2);
  g_assert_nonnull (strstr (err, "build them again"));
  g_free (expected);
  g_free (actual);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "roi", local, "--model", "linear", "--period",
                                     "all", "--format", "json", NULL),
                   ==, 0);
  g_assert_null (strstr (out, "\"note\""));
  expected = cli_values (out, "note");
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "roi", remote, "--model", "linear", "--period",
                                     "all", "--format", "json", NULL),
                   ==, 0);
  /* the warehouse's table says what its credit covers; the local one has
   * nothing to say */
  g_assert_nonnull (strstr (out, "as the warehouse built them"));
  actual = cli_values (out, "note");
  g_assert_cmpstr (actual, ==, expected);
}

static gboolean
pull (RdmProject *project, const char *from, const char *to, double sample, GError **error)
{
  g_autofree char *connection = rdm_test_pg_connection (world.pg, "reader");
  g_autoptr (GHashTable) mapping = mapping_of ("order", "line");
  g_autoptr (RdmImportReport) report = NULL;
  RdmWarehouseOptions options = { .connection = connection, .table = "events" };
  RdmPathOptions path;
  gboolean ok;

  rdm_path_options_init (&path);
  path.from_time = day_of (from, G_MININT64);
  path.to_time = day_of (to, G_MAXINT64);
  options.path = &path;
  options.mapping = mapping;
  ok = rdm_warehouse_pull_events (project, &options, sample, NULL, NULL, NULL, &report, error);
  rdm_path_options_clear (&path);
  return ok;
}

/* What a project holds of its events, visitor by visitor. */
static char *
events_text (RdmProject *project, const char *where)
{
  g_autofree char *sql = g_strdup_printf (
      "SELECT v.external_id, t.time, t.interaction, c.name, coalesce (p.name, '')"
      " FROM touchpoint t JOIN visitor v ON v.id = t.visitor_id"
      " JOIN channel c ON c.id = t.channel_id LEFT JOIN campaign p ON p.id = t.campaign_id"
      " WHERE %s ORDER BY v.external_id, t.time, t.id",
      where);
  g_autofree char *conversions_sql
      = g_strdup_printf ("SELECT v.external_id, t.time, t.event, printf ('%%.2f', t.value)"
                         " FROM conversion t JOIN visitor v ON v.id = t.visitor_id"
                         " WHERE %s ORDER BY v.external_id, t.time, t.id",
                         where);
  g_autofree char *touches = rdm_test_query_text (rdm_project_get_db (project), sql);
  g_autofree char *conversions
      = rdm_test_query_text (rdm_project_get_db (project), conversions_sql);

  return g_strconcat (touches, "--\n", conversions, NULL);
}

/* --pull events: the events themselves over binary COPY, as a local event
 * log equal to the CSV's, for the whole table, a period, or a sample of
 * whole visitors. */
static void
test_pull_events (void)
{
  g_autoptr (RdmProject) local = NULL;
  g_autoptr (RdmProject) whole = NULL;
  g_autoptr (RdmProject) period = NULL;
  g_autoptr (RdmProject) sample = NULL;
  g_autoptr (RdmEventStore) local_store = NULL;
  g_autoptr (RdmEventStore) pulled_store = NULL;
  g_autoptr (RdmPathSet) expected = NULL;
  g_autoptr (RdmPathSet) actual = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *expected_text = NULL;
  g_autofree char *actual_text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *visitors = NULL;
  g_autofree char *in_sample = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *connection = NULL;
  g_autofree char *project_path = NULL;
  gint64 total, kept;
  RdmPathOptions path;

  if (world.pg == NULL)
    {
      g_test_skip ("no PostgreSQL server");
      return;
    }
  local = new_project ("pull-local.rendement");
  import_csv (local, world.events_csv, RDM_IMPORT_KIND_EVENTS);

  whole = new_project ("pull-whole.rendement");
  pull (whole, NULL, NULL, 1, &error);
  g_assert_no_error (error);
  expected_text = events_text (local, "1");
  actual_text = events_text (whole, "1");
  g_assert_cmpstr (actual_text, ==, expected_text);
  /* and so the same journeys, ties included */
  local_store = rdm_event_store_load (local, NULL, &error);
  pulled_store = rdm_event_store_load (whole, NULL, &error);
  g_assert_no_error (error);
  rdm_path_options_init (&path);
  expected = rdm_path_builder_build (local_store, &path, NULL, &error);
  actual = rdm_path_builder_build (pulled_store, &path, NULL, &error);
  g_assert_no_error (error);
  assert_same_journeys (expected, actual);
  rdm_path_options_clear (&path);

  /* the same rows again are the same file: refused, nothing changes */
  before = snapshot (whole);
  g_assert_false (pull (whole, NULL, NULL, 1, &error));
  g_assert_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_DUPLICATE);
  g_clear_error (&error);
  after = snapshot (whole);
  g_assert_cmpstr (after, ==, before);

  period = new_project ("pull-period.rendement");
  g_assert_true (pull (period, "2026-03-01", "2026-05-01", 1, &error));
  g_assert_no_error (error);
  g_free (expected_text);
  g_free (actual_text);
  expected_text = events_text (local, "t.time >= 1772323200 AND t.time < 1777593600");
  actual_text = events_text (period, "1");
  g_assert_cmpstr (actual_text, ==, expected_text);

  /* a quarter of the visitors, each with every one of their events */
  sample = new_project ("pull-sample.rendement");
  g_assert_true (pull (sample, NULL, NULL, 0.25, &error));
  g_assert_no_error (error);
  total = rdm_test_query_int (rdm_project_get_db (local), "SELECT count (*) FROM visitor");
  kept = rdm_test_query_int (rdm_project_get_db (sample), "SELECT count (*) FROM visitor");
  g_test_message ("sample: %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " visitors", kept, total);
  g_assert_cmpfloat (fabs ((double)kept / total - 0.25), <, 0.02);
  visitors = rdm_test_query_text (rdm_project_get_db (sample),
                                  "SELECT group_concat (quote (external_id)) FROM visitor");
  g_strchomp (visitors);
  in_sample = g_strdup_printf ("v.external_id IN (%s)", visitors);
  g_free (expected_text);
  g_free (actual_text);
  expected_text = events_text (local, in_sample);
  actual_text = events_text (sample, "1");
  g_assert_cmpstr (actual_text, ==, expected_text);

  /* the command line refuses what a pull cannot honour */
  connection = rdm_test_pg_connection (world.pg, "reader");
  project_path = g_build_filename (world.dir, "pull-cli.rendement", NULL);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "new", project_path, NULL), ==, 0);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", project_path, "--from", connection,
                                     "--table", "events", "--pull", "events", "--click-window", "7",
                                     NULL),
                   ==, 2);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", project_path, "--from", connection,
                                     "--table", "events", "--pull", "paths", NULL),
                   ==, 2);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", project_path, "--from", connection,
                                     "--table", "events", "--pull", "events", "--sample", "0",
                                     NULL),
                   ==, 2);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", project_path, "--from", connection,
                                     "--table", "events", "--sample", "10", NULL),
                   ==, 2);
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "import", project_path, "--from", connection,
                                     "--table", "events", "--map", "order=line", "--pull", "events",
                                     "--sample", "10", "--format", "json", NULL),
                   ==, 0);
  {
    g_autoptr (cJSON) root = cJSON_Parse (out);

    g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (root, "kind")), ==, "events");
    g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (root, "file")), ==, "events.csv");
    g_assert_cmpfloat (cJSON_GetObjectItem (root, "rows_imported")->valuedouble, >, 1000);
  }
}

/* Edges the generated log meets only by chance, on a hand-made one: a
 * click exactly a click window before its conversion and one a second
 * more, a view at the view window's edge, texts with spaces and tabs
 * around them (the CSV importer trims them), a blank event (a purchase),
 * two conversions of one second, a conversion at a touch's second. */
static const char edge_log[] = "line,visitor_id,timestamp,type,channel,campaign,value,event\n"
                               "1,a,2026-03-01T00:00:00Z,click,Search,,,\n"
                               "2,a,2026-03-01T00:00:01Z,click,Email,,,\n"
                               "3,a,2026-03-31T00:00:00Z,impression,Display,,,\n"
                               "4,a,2026-03-31T00:00:01Z,conversion,,,10,\n"
                               "5,\" a\",2026-03-31T00:00:01Z,click,\" Social\t\",,,\n"
                               "6,a,2026-04-01T00:00:01Z,impression,Display,,,\n"
                               "7,a,2026-04-02T00:00:01Z,conversion,,,20,\" signup \"\n"
                               "8,a,2026-04-02T00:00:01Z,conversion,,,30,signup\n"
                               "9,b ,2026-03-10T00:00:00Z,visit,Direct,,,\n"
                               "10,b,2026-03-10T00:00:00Z,CLICK,Search,,,\n"
                               "11,b,2026-03-10T00:00:00Z,conversion,,,5,\"  \"\n"
                               "12,c,2026-03-15T00:00:00Z,conversion,,,7,purchase\n"
                               "13,d,2026-03-20T00:00:00Z,impression,Display,,,\n";

static void
test_edges (void)
{
  g_autofree char *csv = NULL;
  g_autoptr (RdmProject) local = NULL;
  g_autoptr (RdmEventStore) store = NULL;
  g_autoptr (GError) error = NULL;
  const char *const events[][2] = { { NULL, NULL }, { "signup", NULL }, { "purchase", NULL } };
  const double windows[][2] = { { 30, 1 }, { 29.99999, 0 }, { 1, 1 } };

  if (world.pg == NULL)
    {
      g_test_skip ("no PostgreSQL server");
      return;
    }
  csv = rdm_test_write_file (world.dir, "edges.csv", edge_log);
  rdm_test_pg_exec (world.pg, "CREATE TABLE edges (LIKE events); GRANT SELECT ON edges TO reader");
  rdm_test_pg_copy_csv (world.pg, "edges",
                        "line, visitor_id, \"timestamp\", type, channel, campaign, value, event",
                        csv);
  local = new_project ("edges-local.rendement");
  import_csv (local, csv, RDM_IMPORT_KIND_EVENTS);
  store = rdm_event_store_load (local, NULL, &error);
  g_assert_no_error (error);

  for (guint e = 0; e < G_N_ELEMENTS (events); e++)
    for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
      for (int restart = 0; restart <= 1; restart++)
        {
          g_autoptr (RdmProject) warehouse = new_project ("edges.rendement");
          g_autoptr (RdmWarehouseReport) report = NULL;
          g_autoptr (RdmPathSet) expected = NULL;
          g_autoptr (RdmPathSet) actual = NULL;
          RdmModelOptions model;
          RdmPathOptions path;

          rdm_path_options_init (&path);
          path.click_window_days = windows[w][0];
          path.view_window_days = windows[w][1];
          path.restart_after_conversion = restart;
          if (events[e][0] != NULL)
            path.events = g_strdupv ((char **)events[e]);
          g_assert_true (
              warehouse_import (warehouse, &path, "edges", NULL, "reader", &report, &error));
          g_assert_no_error (error);
          expected = rdm_path_builder_build (store, &path, NULL, &error);
          actual = rdm_project_load_path_table (warehouse, NULL, &error);
          g_assert_no_error (error);
          assert_same_journeys (expected, actual);
          rdm_model_options_init (&model);
          assert_same_credit (expected, actual, &model);
          rdm_model_options_clear (&model);
          rdm_path_options_clear (&path);
        }
}

/* One path table per project, built by one set of rules: a new import
 * replaces every earlier warehouse import, and none goes beside events or
 * a path table from a file. */
static void
test_one_table (void)
{
  g_autoptr (RdmProject) project = NULL;
  g_autoptr (RdmProject) with_events = NULL;
  g_autoptr (RdmProject) with_file_table = NULL;
  g_autoptr (RdmWarehouseReport) first = NULL;
  g_autoptr (RdmWarehouseReport) second = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *paths_csv = NULL;
  RdmPathOptions path;

  if (world.pg == NULL)
    {
      g_test_skip ("no PostgreSQL server");
      return;
    }
  rdm_test_pg_exec (world.pg, "CREATE VIEW public.events_view AS SELECT * FROM events;"
                              "GRANT SELECT ON events_view TO reader");
  rdm_path_options_init (&path);
  project = new_project ("one-table.rendement");
  path.click_window_days = 7;
  g_assert_true (warehouse_import (project, &path, "events", NULL, "reader", &first, &error));
  path.click_window_days = 30;
  g_assert_true (warehouse_import (project, &path, "events_view", NULL, "reader", &second, &error));
  g_assert_no_error (error);
  g_assert_cmpint (second->replaced_import_id, ==, first->import_id);
  g_assert_cmpint (second->import_id, >, first->import_id);
  g_assert_cmpint (rdm_test_query_int (rdm_project_get_db (project),
                                       "SELECT count (DISTINCT import_id) FROM path_row"),
                   ==, 1);
  g_assert_cmpint (rdm_test_query_int (rdm_project_get_db (project),
                                       "SELECT count (DISTINCT import_id) FROM outcome"),
                   ==, 1);
  g_assert_cmpfloat (rdm_test_query_double (rdm_project_get_db (project),
                                            "SELECT sum (conversions) FROM path_row"),
                     ==, second->conversions);

  with_events = new_project ("one-table-events.rendement");
  {
    g_autofree char *small = rdm_test_write_file (world.dir, "small-events.csv", edge_log);

    import_csv (with_events, small, RDM_IMPORT_KIND_EVENTS);
  }
  assert_refused (with_events, "events", NULL, "reader", &path, RDM_WAREHOUSE_ERROR,
                  RDM_WAREHOUSE_ERROR_PROJECT, "--pull events");

  with_file_table = new_project ("one-table-file.rendement");
  paths_csv = rdm_test_write_file (world.dir, "paths.csv",
                                   "path,total_conversions,total_conversion_value,total_null\n"
                                   "Search > Email,3,30,4\n");
  import_csv (with_file_table, paths_csv, RDM_IMPORT_KIND_PATHS);
  assert_refused (with_file_table, "events", NULL, "reader", &path, RDM_WAREHOUSE_ERROR,
                  RDM_WAREHOUSE_ERROR_PROJECT, "import remove");
  rdm_path_options_clear (&path);
}

/* Costs go through the CSV costs importer's rules: the same costs table,
 * from a file or the warehouse, gives the same costs, shared ones
 * included; a negative amount is refused. */
static void
test_costs_rules (void)
{
  static const char costs[] = "date,channel,campaign,category,amount\n"
                              "2026-03-01,Search,Brand,media,100\n"
                              "2026-03-01,(shared),,Personnel,200\n"
                              "2026-03-02,,,média,50.5\n"
                              "2026-03-02,(partagé),,outils,7\n"
                              "2026-03-03, Email ,,CONTENT,12\n";
  g_autofree char *csv = rdm_test_write_file (world.dir, "rules-costs.csv", costs);
  g_autoptr (RdmProject) local = NULL;
  g_autoptr (RdmProject) warehouse = NULL;
  g_autoptr (RdmWarehouseReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *connection = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;
  RdmWarehouseOptions options = { .table = "events", .costs_table = "rule_costs" };
  RdmPathOptions path;
  const char *summary = "SELECT 'cost', c.name, coalesce (p.name, ''), o.category, o.day,"
                        " o.amount FROM cost o JOIN channel c ON c.id = o.channel_id"
                        " LEFT JOIN campaign p ON p.id = o.campaign_id"
                        " UNION ALL SELECT 'shared', '', '', category, day, amount FROM shared_cost"
                        " ORDER BY 1, 2, 4, 5";

  if (world.pg == NULL)
    {
      g_test_skip ("no PostgreSQL server");
      return;
    }
  rdm_test_pg_exec (world.pg, "CREATE TABLE rule_costs (date date, channel text, campaign text,"
                              " category text, amount numeric);"
                              "GRANT SELECT ON rule_costs TO reader");
  rdm_test_pg_copy_csv (world.pg, "rule_costs", "date, channel, campaign, category, amount", csv);
  local = new_project ("costs-local.rendement");
  import_csv (local, csv, RDM_IMPORT_KIND_COSTS);
  expected = rdm_test_query_text (rdm_project_get_db (local), summary);

  warehouse = new_project ("costs-warehouse.rendement");
  connection = rdm_test_pg_connection (world.pg, "reader");
  rdm_path_options_init (&path);
  options.connection = connection;
  options.path = &path;
  options.mapping = mapping_of ("order", "line");
  g_assert_true (rdm_warehouse_import (warehouse, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  actual = rdm_test_query_text (rdm_project_get_db (warehouse), summary);
  g_assert_cmpstr (actual, ==, expected);
  g_assert_nonnull (strstr (actual, "shared"));

  rdm_test_pg_exec (world.pg, "INSERT INTO rule_costs VALUES ('2026-03-04', 'Search', '', 'media',"
                              " -3)");
  {
    g_autofree char *before = snapshot (warehouse);
    g_autofree char *after = NULL;

    g_assert_false (rdm_warehouse_import (warehouse, &options, NULL, NULL, NULL, NULL, &error));
    g_assert_error (error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_BAD_ROW);
    g_clear_error (&error);
    after = snapshot (warehouse);
    g_assert_cmpstr (after, ==, before);
  }
  g_hash_table_unref ((GHashTable *)options.mapping);
  rdm_path_options_clear (&path);
}

/* A role with a password: without it, the error says so (the window asks
 * for it); with it, the import runs; the project never keeps it, nor any
 * other secret libpq hides. */
static void
test_password (void)
{
  g_autoptr (RdmProject) project = NULL;
  g_autoptr (RdmWarehouseReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *with_secrets = NULL;
  g_autofree char *stored = NULL;
  RdmWarehouseOptions options = { .table = "events" };
  RdmPathOptions path;

  if (world.pg == NULL)
    {
      g_test_skip ("no PostgreSQL server");
      return;
    }
  project = new_project ("password.rendement");
  secret = rdm_test_pg_connection (world.pg, "secret");
  rdm_path_options_init (&path);
  options.connection = secret;
  options.path = &path;
  g_assert_false (rdm_warehouse_import (project, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_PASSWORD);
  g_clear_error (&error);
  g_assert_false (rdm_warehouse_test_connection (secret, "wrong", NULL, NULL, &error));
  g_assert_error (error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_CONNECTION);
  g_clear_error (&error);

  options.password = "s3cret";
  with_secrets = g_strdup_printf ("%s sslpassword=TopSecret1 sslmode=disable", secret);
  options.connection = with_secrets;
  g_assert_true (rdm_warehouse_import (project, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  stored = rdm_test_query_text (rdm_project_get_db (project),
                                "SELECT connection FROM warehouse_source"
                                " UNION ALL SELECT file_name FROM import_log");
  g_assert_null (strstr (stored, "s3cret"));
  g_assert_null (strstr (stored, "TopSecret1"));
  g_assert_null (strstr (report->source, "TopSecret1"));
  g_assert_nonnull (strstr (stored, "sslmode='disable'"));
  rdm_path_options_clear (&path);
}

static void
cancel_while_rows_arrive (double fraction, gpointer user_data)
{
  /* past the check, while the journeys come back one by one */
  if (fraction > 0.2 && fraction < 0.8)
    g_cancellable_cancel (user_data);
}

/* A cancel while the path rows arrive stops the query and writes nothing;
 * the command line takes the table's rules when none are typed and refuses
 * typed ones that differ, the engine's defaults included. */
static void
test_cancel_mid_stream_and_rules (void)
{
  g_autoptr (RdmProject) project = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GHashTable) mapping = mapping_of ("order", "line");
  g_autoptr (GError) error = NULL;
  g_autofree char *connection = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *project_path = NULL;
  RdmWarehouseOptions options = { .table = "events" };
  RdmPathOptions path;

  if (world.pg == NULL)
    {
      g_test_skip ("no PostgreSQL server");
      return;
    }
  project_path = g_build_filename (world.dir, "mid-stream.rendement", NULL);
  project = new_project ("mid-stream.rendement");
  connection = rdm_test_pg_connection (world.pg, "reader");
  rdm_path_options_init (&path);
  path.click_window_days = 7;
  path.view_window_days = 0.5;
  options.connection = connection;
  options.path = &path;
  options.mapping = mapping;
  g_assert_true (rdm_warehouse_import (project, &options, NULL, NULL, NULL, NULL, &error));
  before = snapshot (project);
  path.click_window_days = 14;
  g_assert_false (rdm_warehouse_import (project, &options, cancellable, cancel_while_rows_arrive,
                                        cancellable, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = snapshot (project);
  g_assert_cmpstr (after, ==, before);
  rdm_path_options_clear (&path);
  g_clear_object (&project);

  g_assert_cmpint (rdm_test_run_cli (&out, &err, "attribute", project_path, "--model", "linear",
                                     "--format", "json", NULL),
                   ==, 0);
  {
    g_autoptr (cJSON) root = cJSON_Parse (out);
    const cJSON *settings = cJSON_GetObjectItem (root, "settings");

    g_assert_cmpfloat (cJSON_GetObjectItem (settings, "click_window_days")->valuedouble, ==, 7);
    g_assert_cmpfloat (cJSON_GetObjectItem (settings, "view_window_days")->valuedouble, ==, 0.5);
  }
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "attribute", project_path, "--model", "linear",
                                     "--click-window", "7", "--view-window", "0.5", NULL),
                   ==, 0);
  /* the engine's defaults, typed, are not the table's */
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "attribute", project_path, "--model", "linear",
                                     "--click-window", "30", "--view-window", "1", NULL),
                   ==, 2);
  g_assert_nonnull (strstr (err, "7 days"));
  g_assert_cmpint (rdm_test_run_cli (&out, &err, "attribute", project_path, "--model", "linear",
                                     "--no-restart", NULL),
                   ==, 2);
}

int
main (int argc, char **argv)
{
  const char *rows = g_getenv ("RDM_WAREHOUSE_ROWS");
  int status;

  g_test_init (&argc, &argv, NULL);
  world.dir = rdm_test_make_tmpdir ();
  world.events_csv = g_build_filename (world.dir, "events.csv", NULL);
  world.costs_csv = g_build_filename (world.dir, "costs.csv", NULL);
  world.rows = rdm_test_write_event_log (
      world.events_csv, rows != NULL ? g_ascii_strtoull (rows, NULL, 10) : DEFAULT_ROWS);
  rdm_test_write_costs (world.costs_csv);
  world.pg = rdm_test_pg_start ();
  if (world.pg != NULL)
    rdm_test_pg_load_events (world.pg, world.events_csv, world.costs_csv);
  g_test_message ("event log of %" G_GUINT64_FORMAT " rows", world.rows);

  g_test_add_func ("/warehouse/equal-to-local", test_equal_to_local);
  g_test_add_func ("/warehouse/bad-input", test_bad_input);
  g_test_add_func ("/warehouse/cancel-and-password", test_cancel_and_password);
  g_test_add_func ("/warehouse/cli", test_cli);
  g_test_add_func ("/warehouse/pull-events", test_pull_events);
  g_test_add_func ("/warehouse/edges", test_edges);
  g_test_add_func ("/warehouse/one-table", test_one_table);
  g_test_add_func ("/warehouse/costs-rules", test_costs_rules);
  g_test_add_func ("/warehouse/password", test_password);
  g_test_add_func ("/warehouse/cancel-mid-stream-and-rules", test_cancel_mid_stream_and_rules);

  status = g_test_run ();
  rdm_test_pg_stop (world.pg);
  rdm_test_remove_tree (world.dir);
  return status;
}
