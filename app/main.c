/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "rdm-application.h"

int
main (int argc, char **argv)
{
  g_autoptr (RdmApplication) application = NULL;

  /* LC_NUMERIC stays the user's: every number on screen is formatted for
   * them. Machine output never goes through printf's %f (see rdm-cli.h),
   * and charts format their own tick labels. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_ ("Rendement"));
  application = rdm_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
