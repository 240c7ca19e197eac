/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rendement-cli demo and simulate: a new project file filled with the demo
 * data, or with a simulated world and its truth.
 */

#include "config.h"

#include <inttypes.h>

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rdm-cli.h"
#include "rdm-demo.h"
#include "rdm-format.h"
#include "rdm-world-data.h"

/* --seed's help names the default */
G_STATIC_ASSERT (RDM_DEMO_DEFAULT_SEED == 2026);

static gboolean
parse_seed (const char *text, guint32 *seed, GError **error)
{
  guint64 value;

  if (text == NULL)
    {
      *seed = RDM_DEMO_DEFAULT_SEED;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &value, NULL))
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("Invalid seed “%s”: expected a whole number from 0 to %u"), text,
                   G_MAXUINT32);
      return FALSE;
    }
  *seed = (guint32)value;
  return TRUE;
}

/* Leaves nothing behind of a project this command created and could not
 * fill (rdm_project_create() refuses existing files, so they are ours). */
static void
remove_project_files (const char *path)
{
  /* the database and SQLite's WAL side files */
  static const char *const sqlite_files[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (sqlite_files); i++)
    {
      g_autofree char *file = g_strconcat (path, sqlite_files[i], NULL);

      g_unlink (file);
    }
}

gboolean
rdm_cli_demo (int argc, char **argv, GError **error)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autofree char *seed_text = NULL;
  const char *path;
  guint32 seed;
  const GOptionEntry entries[] = {
    { "seed", 's', 0, G_OPTION_ARG_STRING, &seed_text,
      N_ ("Seed of the generator (default 2026); the same seed gives the same data"), N_ ("N") },
    { NULL },
  };

  context = rdm_cli_option_context_new (
      "demo", _ ("PROJECT"),
      _ ("Create a project file (.rendement) holding the demo data: two quarters of a made-up "
         "online shop with 12 channels, 40 000 visitors, costs, objectives and survey series."),
      entries);
  if (!rdm_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("rendement-cli demo: expected one PROJECT file name"));
      return FALSE;
    }
  if (!parse_seed (seed_text, &seed, error))
    return FALSE;

  path = argv[1];
  project = rdm_project_create (path, error);
  if (project == NULL)
    return FALSE;
  if (!rdm_demo_write (project, seed, NULL, error))
    {
      g_clear_object (&project);
      remove_project_files (path);
      return FALSE;
    }
  g_print (_ ("Created the demo project “%s” (seed %u).\n"), path, seed);
  return TRUE;
}

static gboolean
parse_bounded (
    const char *option, const char *text, double low, double high, double *value, GError **error)
{
  char *end = NULL;

  if (text == NULL)
    return TRUE;
  *value = g_ascii_strtod (text, &end);
  if (end != text && *end == '\0' && *value >= low && *value <= high)
    return TRUE;
  g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
               /* Translators: "Invalid --baseline “2”: expected a number from 0 to 0.5" */
               _ ("Invalid %s “%s”: expected a number from %g to %g"), option, text, low, high);
  return FALSE;
}

static gboolean
parse_whole (
    const char *option, const char *text, guint64 low, guint64 high, guint64 *value, GError **error)
{
  if (text == NULL || g_ascii_string_to_unsigned (text, 10, low, high, value, NULL))
    return TRUE;
  g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
               _ ("Invalid %s “%s”: expected a whole number from %" PRIu64 " to %" PRIu64), option,
               text, low, high);
  return FALSE;
}

/* --effect CHANNEL=FACTOR, each channel at most once. */
static gboolean
parse_effects (char **texts, RdmWorldSettings *settings, GError **error)
{
  g_autofree gboolean *given = g_new0 (gboolean, settings->channels->len);

  for (guint i = 0; texts != NULL && texts[i] != NULL; i++)
    {
      const char *equals = strrchr (texts[i], '=');
      g_autofree char *name
          = equals != NULL ? g_strndup (texts[i], (gsize)(equals - texts[i])) : NULL;
      int c = name != NULL ? rdm_world_settings_find_channel (settings, name) : -1;
      double factor = 0.0;

      if (equals == NULL)
        {
          g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                       _ ("Invalid --effect “%s”: expected CHANNEL=FACTOR, e.g. Display=0"),
                       texts[i]);
          return FALSE;
        }
      if (c < 0)
        {
          g_autoptr (GString) names = g_string_new ("");

          for (guint k = 0; k < settings->channels->len; k++)
            g_string_append_printf (names, "%s%s", k > 0 ? ", " : "",
                                    g_array_index (settings->channels, RdmWorldChannel, k).name);
          g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                       _ ("Invalid --effect “%s”: the world has no channel “%s” (its channels: "
                          "%s)"),
                       texts[i], name, names->str);
          return FALSE;
        }
      if (given[c])
        {
          g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE, _ ("--effect names “%s” twice"),
                       name);
          return FALSE;
        }
      if (!parse_bounded ("--effect", equals + 1, 0.0, 100.0, &factor, error))
        return FALSE;
      given[c] = TRUE;
      g_array_index (settings->channels, RdmWorldChannel, c).effect = factor;
    }
  return TRUE;
}

/* --experiments CHANNEL[,CHANNEL…]: indices of the settings' channels,
 * each at most once. */
static gboolean
parse_experiment_channels (const char *text,
                           const RdmWorldSettings *settings,
                           GArray *channels,
                           GError **error)
{
  g_auto (GStrv) names = NULL;

  if (text == NULL)
    return TRUE;
  names = g_strsplit (text, ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      int c = rdm_world_settings_find_channel (settings, g_strstrip (names[i]));

      if (c < 0)
        {
          g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                       _ ("Invalid --experiments: the world has no channel “%s”"), names[i]);
          return FALSE;
        }
      for (guint k = 0; k < channels->len; k++)
        if (g_array_index (channels, guint, k) == (guint)c)
          {
            g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                         _ ("--experiments names “%s” twice"), names[i]);
            return FALSE;
          }
      g_array_append_val (channels, c);
    }
  return TRUE;
}

gboolean
rdm_cli_simulate (int argc, char **argv, GError **error)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autoptr (RdmWorldSettings) settings = rdm_world_settings_new_default ();
  g_autoptr (RdmWorld) world = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *visitors_text = NULL;
  g_autofree char *days_text = NULL;
  g_autofree char *baseline_text = NULL;
  g_autofree char *view_text = NULL;
  g_auto (GStrv) effect_texts = NULL;
  g_autofree char *experiments_text = NULL;
  g_autofree char *experiment_error_text = NULL;
  g_autoptr (GArray) experiment_channels = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) experiments = NULL;
  double experiment_error = 0.1;
  guint64 seed = settings->seed;
  guint64 visitors = settings->n_visitors;
  guint64 days = settings->n_days;
  g_autofree char *caused = NULL;
  g_autofree char *anyway = NULL;
  double truth_total = 0.0;
  const char *path;
  const GOptionEntry entries[] = {
    { "seed", 's', 0, G_OPTION_ARG_STRING, &seed_text,
      N_ ("Seed of the world (default 2026); the same seed draws the same world"), N_ ("N") },
    { "visitors", 0, 0, G_OPTION_ARG_STRING, &visitors_text,
      N_ ("People with occasions to buy (default 20 000)"), N_ ("N") },
    { "days", 0, 0, G_OPTION_ARG_STRING, &days_text,
      N_ ("Length of the period from 2026-07-01 (default 91, a quarter)"), N_ ("D") },
    { "effect", 0, 0, G_OPTION_ARG_STRING_ARRAY, &effect_texts,
      N_ ("A channel’s true effect: each click multiplies the odds of buying by 1 + FACTOR; 0 "
          "makes a channel that reaches people and causes nothing (repeatable)"),
      N_ ("CHANNEL=FACTOR") },
    { "baseline", 0, 0, G_OPTION_ARG_STRING, &baseline_text,
      N_ ("Probability of buying at an occasion with no touch at all (default 0.03)"),
      N_ ("RATE") },
    { "view-effect", 0, 0, G_OPTION_ARG_STRING, &view_text,
      N_ ("Share of a click’s effect an ad seen but not clicked has (default 0.3)"), N_ ("X") },
    { "experiments", 0, 0, G_OPTION_ARG_STRING, &experiments_text,
      N_ ("Also write a lift test of each channel over the middle four weeks, for --calibrate"),
      N_ ("CHANNEL[,CHANNEL…]") },
    { "experiment-error", 0, 0, G_OPTION_ARG_STRING, &experiment_error_text,
      N_ ("Standard error of those tests, as a share of what the channel caused (default 0.1)"),
      N_ ("X") },
    { NULL },
  };

  context = rdm_cli_option_context_new (
      "simulate", _ ("PROJECT"),
      _ ("Create a project file (.rendement) holding a simulated world whose causal model is "
         "known, with its truth: for every conversion, the channels without which it would not "
         "have happened. The README describes the model."),
      entries);
  if (!rdm_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("rendement-cli simulate: expected one PROJECT file name"));
      return FALSE;
    }
  if (!parse_whole ("--seed", seed_text, 0, G_MAXUINT32, &seed, error)
      || !parse_whole ("--visitors", visitors_text, 1, 5000000, &visitors, error)
      || !parse_whole ("--days", days_text, 1, 3660, &days, error)
      || !parse_bounded ("--baseline", baseline_text, 0.0, 0.5, &settings->baseline, error)
      || !parse_bounded ("--view-effect", view_text, 0.0, 1.0, &settings->view_effect, error)
      || !parse_effects (effect_texts, settings, error)
      || !parse_experiment_channels (experiments_text, settings, experiment_channels, error)
      || !parse_bounded ("--experiment-error", experiment_error_text, 0.0, 2.0, &experiment_error,
                         error))
    return FALSE;
  if (experiment_error_text != NULL && experiments_text == NULL)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
                   _ ("--experiment-error needs --experiments"));
      return FALSE;
    }
  settings->seed = seed;
  settings->n_visitors = (guint)visitors;
  settings->n_days = (guint)days;
  world = rdm_world_generate (settings, error);
  if (world == NULL)
    return FALSE;
  if (experiment_channels->len > 0)
    {
      /* four weeks in the middle of the period, or all of a shorter one */
      guint first = settings->n_days > 28 ? (settings->n_days - 28) / 2 : 0;
      guint last = MIN (first + 27, settings->n_days - 1);

      experiments
          = rdm_world_run_experiments (world, (const guint *)experiment_channels->data,
                                       experiment_channels->len, first, last, experiment_error);
    }

  path = argv[1];
  project = rdm_project_create (path, error);
  if (project == NULL)
    return FALSE;
  if (!rdm_project_write_world (project, world, experiments, NULL, error))
    {
      g_clear_object (&project);
      remove_project_files (path);
      return FALSE;
    }
  for (guint c = 0; c < settings->channels->len; c++)
    truth_total += world->truth_conversions[c];
  caused = rdm_format_fixed (truth_total, 0);
  anyway = rdm_format_fixed (world->baseline_conversions, 0);
  g_print (_ ("Created the simulated world “%s” (seed %" PRIu64 "): %u visitors seen, %u "
              "touches, %u conversions.\n"),
           path, seed, world->n_visitors, world->touches->len, world->conversions->len);
  g_print (_ ("Removing one channel at a time, %s conversions disappear in all; %s would "
              "happen with every channel removed.\n"),
           caused, anyway);
  for (guint i = 0; experiments != NULL && i < experiments->len; i++)
    {
      const RdmWorldExperiment *experiment = &g_array_index (experiments, RdmWorldExperiment, i);
      g_autofree char *estimate = rdm_format_fixed (experiment->incremental_conversions, 1);
      g_autofree char *truth = rdm_format_fixed (experiment->truth, 0);

      g_print (_ ("Lift test of %s: %s incremental conversions measured, %s caused.\n"),
               g_array_index (settings->channels, RdmWorldChannel, experiment->channel).name,
               estimate, truth);
    }
  return TRUE;
}
