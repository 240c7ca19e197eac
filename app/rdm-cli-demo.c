#include "config.h"
#include <glib/gi18n.h>
#include "rdm-cli.h"
gboolean
rdm_cli_demo (int argc, char **argv, GError **error)
{
  g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE, "TODO-HELPER");
  return FALSE;
}
