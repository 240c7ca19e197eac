/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rendement-cli demo: a new project file filled with the demo data.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rdm-cli.h"
#include "rdm-demo.h"

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

gboolean
rdm_cli_demo (int argc, char **argv, GError **error)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autofree char *seed_text = NULL;
  const char *path;
  guint32 seed;
  /* the database and SQLite's WAL side files */
  static const char *const sqlite_files[] = { "", "-wal", "-shm" };
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
      /* the file is ours (create refuses existing files): leave nothing behind */
      g_clear_object (&project);
      for (guint i = 0; i < G_N_ELEMENTS (sqlite_files); i++)
        {
          g_autofree char *file = g_strconcat (path, sqlite_files[i], NULL);

          g_unlink (file);
        }
      return FALSE;
    }
  g_print (_ ("Created the demo project “%s” (seed %u).\n"), path, seed);
  return TRUE;
}
