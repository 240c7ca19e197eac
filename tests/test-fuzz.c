/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Mutation fuzzing of what reads untrusted input: the CSV importers, the
 * project-file loader and the analysis settings saved in a project. Each case derives from a valid input by flipping,
 * inserting, deleting and duplicating bytes with a fixed seed, so a failure
 * replays exactly. Every mutant must either load or fail with a GError,
 * never crash or trip the sanitizers (CI runs this suite under ASan and
 * UBSan), and a failed import must leave the project as it was.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "rdm-analysis-config.h"
#include "rdm-event-loader.h"
#include "rdm-import.h"
#include "rdm-path-loader.h"
#include "rdm-project-db.h"
#include "rdm-project.h"
#include "rdm-test-util.h"

#define EVENTS                                                                                     \
  "visitor_id;timestamp;type;channel;campaign;value;event;page_views\n"                            \
  "v1;2026-04-01T10:00:00Z;click;Facebook;Spring;;;3\n"                                            \
  "v1;2026-04-02T10:00:00+02:00;conversion;;;49,90;purchase;\n"                                    \
  "\"v2\";02/04/2026 11:00;impression;Display;\"Banner; wide\";;;0\n"                              \
  "v3;1775001600;visit;Direct;;;;1\n"

#define PATHS                                                                                      \
  "path;total_conversions;total_conversion_value;total_null\n"                                     \
  "alpha > beta;3;30.5;10\n"                                                                       \
  "beta;1;7;2\n"

static GBytes *
mutate (GRand *rand, const char *seed_text, gsize seed_length)
{
  GByteArray *bytes = g_byte_array_new ();
  guint n_mutations = g_rand_int_range (rand, 1, 8);

  g_byte_array_append (bytes, (const guint8 *)seed_text, seed_length);
  for (guint m = 0; m < n_mutations && bytes->len > 0; m++)
    {
      guint at = g_rand_int_range (rand, 0, bytes->len);
      static const guint8 interesting[] = { 0, '"', ';', ',', '\n', '\r', 0xc3, 0xff, '>', '-' };

      switch (g_rand_int_range (rand, 0, 5))
        {
        case 0:
          bytes->data[at] ^= (guint8)(1u << g_rand_int_range (rand, 0, 8));
          break;
        case 1:
          bytes->data[at] = interesting[g_rand_int_range (rand, 0, G_N_ELEMENTS (interesting))];
          break;
        case 2:
          g_byte_array_remove_index (bytes, at);
          break;
        case 3:
          {
            g_byte_array_set_size (bytes, bytes->len + 1);
            memmove (bytes->data + at + 1, bytes->data + at, bytes->len - at - 1);
            bytes->data[at] = interesting[g_rand_int_range (rand, 0, G_N_ELEMENTS (interesting))];
          }
          break;
        default:
          {
            guint wanted = g_rand_int_range (rand, 1, 40);
            guint length = MIN (bytes->len - at, wanted);
            g_autofree guint8 *copy = g_memdup2 (bytes->data + at, length);
            g_byte_array_append (bytes, copy, length);
          }
          break;
        }
    }
  return g_byte_array_free_to_bytes (bytes);
}

static void
fuzz_import (const char *seed_text, gsize seed_length, RdmImportKind kind, guint iterations)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *project_path = g_build_filename (dir, "fuzz.rendement", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "fuzz.csv", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_create (project_path, &error);
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261123);
  guint imported = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < iterations; i++)
    {
      g_autoptr (GBytes) mutant = mutate (rand, seed_text, seed_length);
      g_autoptr (RdmImportReport) report = NULL;
      g_autoptr (RdmImportPreview) preview = NULL;
      g_autoptr (GError) import_error = NULL;
      RdmImportOptions options = { .kind = kind, .skip_bad_rows = i % 2 == 1, .force = TRUE };
      RdmProjectInfo before, after;
      gsize size;
      const char *data = g_bytes_get_data (mutant, &size);

      g_assert_true (g_file_set_contents (csv_path, data, size, NULL));
      g_assert_true (rdm_project_get_info (project, &before, NULL));
      preview = rdm_import_preview (csv_path, 5, &options, NULL);
      if (rdm_import_file (project, csv_path, &options, NULL, NULL, NULL, &report, &import_error))
        imported++;
      else
        {
          g_assert_nonnull (import_error);
          g_assert_true (g_utf8_validate (import_error->message, -1, NULL));
          g_assert_true (rdm_project_get_info (project, &after, NULL));
          g_assert_cmpint (after.touchpoints, ==, before.touchpoints);
          g_assert_cmpint (after.conversions, ==, before.conversions);
          g_assert_cmpint (after.paths, ==, before.paths);
          g_assert_cmpfloat (after.cost, ==, before.cost);
          g_assert_cmpint (after.imports, ==, before.imports);
        }
    }
  g_test_message ("%u of %u mutants imported", imported, iterations);
  g_clear_object (&project);
  rdm_test_remove_tree (dir);
}

static void
test_fuzz_events (void)
{
  fuzz_import (EVENTS, strlen (EVENTS), RDM_IMPORT_KIND_EVENTS, 600);
}

static void
test_fuzz_paths (void)
{
  fuzz_import (PATHS, strlen (PATHS), RDM_IMPORT_KIND_PATHS, 400);
}

/* Ad-platform exports, kind guessed: title lines, total rows, digit
 * grouping, currencies; and UTF-16, whose decoding meets odd lengths, lone
 * surrogates and NULs among the mutants. */
static void
test_fuzz_platforms (void)
{
  static const char *const samples[]
      = { "google-ads-campaigns.csv", "meta-ads-export.csv", "linkedin-campaigns.csv" };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path
          = g_build_filename (g_getenv ("RDM_TEST_DATA"), "import", samples[i], NULL);
      g_autofree char *text = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &text, &length, NULL));
      fuzz_import (text, length, RDM_IMPORT_KIND_NONE, 200);
    }
}

/* Every field of @config within its range, its texts UTF-8, its period
 * one the engine accepts: what a loaded configuration must be, whatever
 * the file held. */
static void
assert_config_valid (const RdmAnalysisConfig *config)
{
  g_autoptr (GError) error = NULL;
  RdmPathOptions path;
  RdmModelOptions model;

  for (guint i = 0; i < RDM_ANALYSIS_CONFIG_N_FIELDS; i++)
    {
      const RdmConfigField *field = &rdm_analysis_config_fields[i];
      const char *at = (const char *)config + field->offset;

      if (field->type == RDM_CONFIG_UINT)
        {
          g_assert_cmpfloat (*(const guint *)at, >=, field->min);
          g_assert_cmpfloat (*(const guint *)at, <=, field->max);
        }
      else if (field->type == RDM_CONFIG_DOUBLE)
        {
          g_assert_cmpfloat (*(const double *)at, >=, field->min);
          g_assert_cmpfloat (*(const double *)at, <=, field->max);
        }
      else if (field->type == RDM_CONFIG_STRING && *(char *const *)at != NULL)
        g_assert_true (g_utf8_validate (*(char *const *)at, -1, NULL));
    }
  /* the period parses; only a combination (weights all 0) may be refused */
  if (!rdm_analysis_config_get_options (config, &path, &model, &error))
    g_assert_error (error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_INVALID_OPTIONS);
  rdm_path_options_clear (&path);
  rdm_model_options_clear (&model);
}

/* The analysis settings as a file from someone else could hold them: the
 * JSON the window saves, mutated. Loading never fails (the file is
 * readable) and leaves a valid configuration, with a message when a member
 * was reset. */
static void
test_fuzz_analysis_settings (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "settings.rendement", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_create (path, &error);
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261204);
  g_autofree char *seed = NULL;
  RdmAnalysisConfig saved;
  sqlite3_stmt *stmt = NULL;
  guint warned = 0;

  g_assert_no_error (error);
  rdm_analysis_config_init (&saved);
  saved.period = g_strdup ("2026Q2");
  saved.segment = g_strdup ("Blog readers");
  saved.click_window = 7;
  g_assert_true (rdm_project_save_analysis_config (project, &saved, &error));
  rdm_analysis_config_clear (&saved);
  g_assert_cmpint (sqlite3_prepare_v2 (rdm_project_get_db (project),
                                       "SELECT settings_json FROM model_setting", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  seed = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < 600; i++)
    {
      g_autoptr (GBytes) mutant = mutate (rand, seed, strlen (seed));
      g_autofree char *warning = NULL;
      RdmAnalysisConfig config;
      gsize size;
      const char *data = g_bytes_get_data (mutant, &size);

      g_assert_cmpint (sqlite3_prepare_v2 (rdm_project_get_db (project),
                                           "UPDATE model_setting SET settings_json = ?1", -1, &stmt,
                                           NULL),
                       ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, data, (int)size, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);

      rdm_analysis_config_init (&config);
      g_assert_true (rdm_project_load_analysis_config (project, &config, &warning, &error));
      g_assert_no_error (error);
      assert_config_valid (&config);
      if (warning != NULL)
        {
          g_assert_true (g_utf8_validate (warning, -1, NULL));
          warned++;
        }
      rdm_analysis_config_clear (&config);
    }
  g_test_message ("%u of 600 mutants had a setting reset", warned);
  g_clear_object (&project);
  rdm_test_remove_tree (dir);
}

static void
test_fuzz_project_file (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *good = g_build_filename (dir, "good.rendement", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.rendement", NULL);
  g_autofree char *wal = g_strconcat (bad, "-wal", NULL);
  g_autofree char *csv = rdm_test_write_file (dir, "events.csv", EVENTS);
  g_autofree char *original = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);
  g_autoptr (GError) error = NULL;
  gsize length;
  guint opened = 0;

  {
    g_autoptr (RdmProject) project = rdm_project_create (good, &error);
    g_autoptr (RdmImportReport) report = NULL;
    RdmImportOptions options = { .kind = RDM_IMPORT_KIND_EVENTS };

    g_assert_no_error (error);
    RdmAnalysisConfig config;

    g_assert_true (rdm_import_file (project, csv, &options, NULL, NULL, NULL, &report, &error));
    g_assert_no_error (error);
    rdm_analysis_config_init (&config);
    config.period = g_strdup ("2026Q2");
    g_assert_true (rdm_project_save_analysis_config (project, &config, &error));
    rdm_analysis_config_clear (&config);
    g_assert_true (rdm_project_exec (project, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  }
  g_assert_true (g_file_get_contents (good, &original, &length, NULL));

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *copy = g_memdup2 (original, length);
      g_autoptr (RdmProject) project = NULL;
      g_autoptr (GError) open_error = NULL;
      guint n_flips = g_rand_int_range (rand, 1, 16);

      /* page 1 holds the header and the schema; later pages the rows */
      for (guint f = 0; f < n_flips; f++)
        copy[g_rand_int_range (rand, 0, length)] ^= (char)g_rand_int_range (rand, 1, 256);
      g_assert_true (g_file_set_contents (bad, copy, length, NULL));
      g_unlink (wal);

      project = rdm_project_open (bad, &open_error);
      if (project == NULL)
        {
          g_assert_nonnull (open_error);
          continue;
        }
      opened++;
      {
        g_autoptr (RdmEventStore) store = rdm_event_store_load (project, NULL, NULL);
        g_autofree char *warning = NULL;
        RdmProjectInfo info;
        RdmAnalysisConfig config;

        rdm_project_get_info (project, &info, NULL);
        (void)store;
        rdm_analysis_config_init (&config);
        rdm_project_load_analysis_config (project, &config, &warning, NULL);
        assert_config_valid (&config);
        rdm_analysis_config_clear (&config);
      }
    }
  g_test_message ("%u of 300 damaged files opened", opened);
  rdm_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fuzz/import-events", test_fuzz_events);
  g_test_add_func ("/fuzz/import-paths", test_fuzz_paths);
  g_test_add_func ("/fuzz/import-platforms", test_fuzz_platforms);
  g_test_add_func ("/fuzz/project-file", test_fuzz_project_file);
  g_test_add_func ("/fuzz/analysis-settings", test_fuzz_analysis_settings);
  return g_test_run ();
}
