/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Attribution page's recomputation at the SPEC.md budget: "changing a
 * window in the GUI redraws within 100 ms for 100 000 conversions".
 * Generates a temporary project with 100 000 converting visitors (first
 * argument to change it) of five touches each over ten channels, loads it
 * in an RdmAnalysisWorker, then changes the click window and reports the
 * worker's compute time per part set (the debounce is not counted):
 * journeys + the six default models, + the window sweep, + the
 * explanation, + the paths report. Run on demand:
 *   ninja -C BUILD tests/bench/bench-analysis-worker && BUILD/tests/bench/bench-analysis-worker
 */
#include "config.h"

#include <stdio.h>

#include "rdm-analysis-worker.h"
#include "rdm-project-db.h"
#include "rdm-project.h"
#include "rdm-test-util.h"

static void
generate (RdmProject *project, gint64 n_visitors)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sql = g_strdup_printf (
      "BEGIN;"
      "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 10)"
      " INSERT INTO channel (id, name, channel_group)"
      " SELECT i, 'Channel ' || i, CASE i WHEN 10 THEN 'direct' ELSE 'other' END FROM c;"
      "WITH RECURSIVE v(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM v WHERE i < %" G_GINT64_FORMAT
      ")"
      " INSERT INTO visitor (id, external_id) SELECT i, 'v' || i FROM v;"
      "WITH RECURSIVE t(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM t WHERE i < %" G_GINT64_FORMAT
      ")"
      " INSERT INTO touchpoint (visitor_id, time, channel_id, campaign_id, interaction)"
      " SELECT i / 5 + 1, 1700000000 + (i / 5) * 60 + (i %% 5) * 86400 * ((i * 7) %% 9),"
      "  (i * 2654435761) %% 10 + 1, NULL, i %% 3 FROM t;"
      "INSERT INTO conversion (visitor_id, time, event, value)"
      " SELECT id, 1700000000 + id * 60 + 86400 * 40, 'purchase', id %% 100 FROM visitor;"
      "COMMIT;",
      n_visitors, 5 * n_visitors - 1);

  if (!rdm_project_exec (project, sql, &error))
    g_error ("generating the project: %s", error->message);
}

static void
on_finished (RdmAnalysisWorker *worker, RdmAnalysisResult *result, gpointer user_data)
{
  RdmAnalysisResult *copy = user_data;

  if (result->error != NULL)
    g_error ("%s", result->error->message);
  copy->elapsed_ms = result->elapsed_ms;
  copy->total_conversions = result->total_conversions;
}

static void
wait (RdmAnalysisWorker *worker)
{
  while (rdm_analysis_worker_get_busy (worker))
    g_main_context_iteration (NULL, TRUE);
}

/* Compute times of a click window change and of a view window change,
 * after a first run. */
static void
run (RdmAnalysisParts parts,
     const char *path,
     RdmAnalysisSettings *settings,
     double *click_ms,
     double *view_ms,
     double *conversions)
{
  g_autoptr (RdmAnalysisWorker) worker = rdm_analysis_worker_new (parts);
  g_autoptr (RdmProjectData) data = rdm_project_data_new (path);
  RdmAnalysisResult last = { 0 };

  g_signal_connect (worker, "finished", G_CALLBACK (on_finished), &last);
  rdm_analysis_worker_set_data (worker, data);
  while (!rdm_analysis_worker_get_loaded (worker))
    g_main_context_iteration (NULL, TRUE);
  rdm_analysis_worker_request (worker, settings);
  wait (worker);

  g_object_set (settings, "click-window", 7.0, NULL);
  rdm_analysis_worker_request (worker, settings);
  wait (worker);
  *click_ms = last.elapsed_ms;
  *conversions = last.total_conversions;

  g_object_set (settings, "view-window", 2.0, NULL);
  rdm_analysis_worker_request (worker, settings);
  wait (worker);
  *view_ms = last.elapsed_ms;

  g_object_set (settings, "click-window", 30.0, "view-window", 1.0, NULL);
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "bench.rendement", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autoptr (RdmAnalysisSettings) settings = rdm_analysis_settings_new ();
  gint64 n_visitors = argc > 1 ? g_ascii_strtoll (argv[1], NULL, 10) : 100000;
  const struct
  {
    const char *name;
    RdmAnalysisParts parts;
  } cases[] = {
    { "journeys + 6 models", RDM_ANALYSIS_CREDIT },
    { "+ window sweep (6 windows)", RDM_ANALYSIS_CREDIT | RDM_ANALYSIS_SWEEP },
    { "+ explanation (Attribution page)",
      RDM_ANALYSIS_CREDIT | RDM_ANALYSIS_SWEEP | RDM_ANALYSIS_EXPLAIN },
    { "paths report (Paths page)", RDM_ANALYSIS_PATHS },
  };

  project = rdm_project_create (path, &error);
  if (project == NULL)
    g_error ("%s", error->message);
  generate (project, n_visitors);
  g_clear_object (&project);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double click_ms, view_ms, conversions;

      run (cases[i].parts, path, settings, &click_ms, &view_ms, &conversions);
      printf ("%-34s click window %7.1f ms, view window %7.1f ms (%.0f conversions)\n",
              cases[i].name, click_ms, view_ms, conversions);
    }
  rdm_test_remove_tree (dir);
  return 0;
}
