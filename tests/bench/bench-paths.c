/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loading events and building paths at scale (SPEC.md "Budgets": memory
 * under 48 bytes per touchpoint). Generates a temporary project with
 * N touchpoints (default 5 000 000; first argument to change it), five per
 * visitor, a conversion for one visitor in five, ten channels and twenty
 * campaigns, then times the load, the path building (restart on and off),
 * the forward pass and the path analysis, and reports the store's bytes per
 * touch and the growth of the resident set. Run on demand:
 *   ninja -C BUILD tests/bench/bench-paths && BUILD/tests/bench/bench-paths
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "rdm-event-loader.h"
#include "rdm-forward.h"
#include "rdm-path-analysis.h"
#include "rdm-path-builder.h"
#include "rdm-project-db.h"
#include "rdm-test-util.h"

static gint64
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line != NULL ? g_ascii_strtoll (line + 6, NULL, 10) : 0;
}

static clock_t cpu_start;

/* Wall-clock seconds since @start, and the process CPU seconds since the
 * same start_clock() call, which stay meaningful on a machine shared with
 * other jobs. */
static const char *
seconds_since (gint64 start)
{
  static char text[64];

  g_snprintf (text, sizeof text, "%.3f s wall, %.3f s cpu",
              (double)(g_get_monotonic_time () - start) / G_USEC_PER_SEC,
              (double)(clock () - cpu_start) / CLOCKS_PER_SEC);
  return text;
}

static gint64
start_clock (void)
{
  cpu_start = clock ();
  return g_get_monotonic_time ();
}

static void
generate (RdmProject *project, gint64 n_touches)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 n_visitors = n_touches / 5;

  /* times are a multiplicative hash of the row number: deterministic, and
   * out of order within each visitor so the index does the sorting */
  sql = g_strdup_printf (
      "BEGIN;"
      "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 10)"
      " INSERT INTO channel (id, name, channel_group)"
      " SELECT i, 'Channel ' || i, CASE i WHEN 10 THEN 'direct' ELSE 'other' END FROM c;"
      "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 20)"
      " INSERT INTO campaign (id, channel_id, name) SELECT i, (i - 1) %% 10 + 1, 'Campaign ' || i"
      " FROM c;"
      "WITH RECURSIVE v(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM v WHERE i < %" G_GINT64_FORMAT
      ")"
      " INSERT INTO visitor (id, external_id) SELECT i, 'v' || i FROM v;"
      "WITH RECURSIVE t(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM t WHERE i < %" G_GINT64_FORMAT
      ")"
      " INSERT INTO touchpoint (visitor_id, time, channel_id, campaign_id, interaction)"
      " SELECT i / 5 + 1, 1700000000 + (i * 2654435761) %% 7776000, i * 7 %% 10 + 1,"
      "  CASE i %% 3 WHEN 0 THEN NULL ELSE i * 7 %% 10 + 1 + 10 * (i %% 2) END, i %% 3 FROM t;"
      "INSERT INTO conversion (visitor_id, time, event, value)"
      " SELECT id, 1700000000 + (id * 40503) %% 7776000, 'purchase', id %% 100"
      " FROM visitor WHERE id %% 5 = 0;"
      "COMMIT;",
      n_visitors, n_touches - 1);
  if (!rdm_project_exec (project, sql, &error))
    g_error ("generating the project: %s", error->message);
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "bench.rendement", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autoptr (RdmEventStore) store = NULL;
  g_autoptr (RdmPathSet) set = NULL;
  g_autoptr (RdmPathSet) no_restart = NULL;
  g_autoptr (RdmForwardResult) forward = NULL;
  g_autoptr (RdmPathAnalysis) analysis = NULL;
  gint64 n_touches = argc > 1 ? g_ascii_strtoll (argv[1], NULL, 10) : 5000000;
  RdmPathOptions options;
  gint64 start, rss_before;

  if (n_touches < 5)
    {
      fprintf (stderr, "usage: bench-paths [N_TOUCHPOINTS >= 5]\n");
      return 2;
    }
  project = rdm_project_create (path, &error);
  if (project == NULL)
    g_error ("%s", error->message);
  start = start_clock ();
  generate (project, n_touches);
  printf ("generate %" G_GINT64_FORMAT " touchpoints: %s\n", n_touches, seconds_since (start));

  rss_before = rss_kib ();
  start = start_clock ();
  store = rdm_event_store_load (project, NULL, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  printf ("load: %s (%u touches, %u conversions, %u visitors)\n", seconds_since (start),
          store->n_touches, store->n_conversions, store->n_visitors);
  printf ("store: %.2f bytes per touch (arrays); resident set grew %.2f bytes per touch\n",
          (double)rdm_event_store_memory_bytes (store) / store->n_touches,
          (double)(rss_kib () - rss_before) * 1024 / store->n_touches);

  rdm_path_options_init (&options);
  start = start_clock ();
  set = rdm_path_builder_build (store, &options, NULL, &error);
  printf ("build (restart on, 30/1 days): %s, %u rows, %u touches\n", seconds_since (start),
          rdm_path_set_n_rows (set), set->touch_label->len);
  options.restart_after_conversion = FALSE;
  start = start_clock ();
  no_restart = rdm_path_builder_build (store, &options, NULL, &error);
  printf ("build (restart off): %s, %u rows\n", seconds_since (start),
          rdm_path_set_n_rows (no_restart));
  start = start_clock ();
  forward = rdm_forward_compute (store, &options, NULL, &error);
  printf ("forward (channels): %s, %u labels\n", seconds_since (start), forward->rows->len);
  start = start_clock ();
  analysis = rdm_path_analysis_compute (set, 20, 10);
  printf ("path analysis: %s, %u unique converting paths\n", seconds_since (start),
          analysis->n_unique_paths);

  g_clear_object (&project);
  rdm_test_remove_tree (dir);
  return 0;
}
