/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cjson/cJSON.h>
#include <glib.h>

#include "rdm-project.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

typedef enum
{
  RDM_OUTPUT_TABLE,
  RDM_OUTPUT_JSON,
  RDM_OUTPUT_CSV,
} RdmOutputFormat;

/* One "rendement-cli COMMAND": argv[0] is the command name. Returns the
 * process exit status; errors are printed by the caller from @error. */
typedef gboolean (*RdmCliCommandFunc) (int argc, char **argv, GError **error);

gboolean rdm_cli_new (int argc, char **argv, GError **error);
gboolean rdm_cli_info (int argc, char **argv, GError **error);
gboolean rdm_cli_import (int argc, char **argv, GError **error);
gboolean rdm_cli_demo (int argc, char **argv, GError **error);
gboolean rdm_cli_attribute (int argc, char **argv, GError **error);
gboolean rdm_cli_paths (int argc, char **argv, GError **error);
gboolean rdm_cli_window_sweep (int argc, char **argv, GError **error);
gboolean rdm_cli_segment (int argc, char **argv, GError **error);
gboolean rdm_cli_compare (int argc, char **argv, GError **error);
gboolean rdm_cli_discover (int argc, char **argv, GError **error);
gboolean rdm_cli_objective (int argc, char **argv, GError **error);
gboolean rdm_cli_initiative (int argc, char **argv, GError **error);
gboolean rdm_cli_kpi (int argc, char **argv, GError **error);
gboolean rdm_cli_saving (int argc, char **argv, GError **error);
gboolean rdm_cli_definitions (int argc, char **argv, GError **error);
gboolean rdm_cli_chart (int argc, char **argv, GError **error);
gboolean rdm_cli_report (int argc, char **argv, GError **error);
gboolean rdm_cli_roi (int argc, char **argv, GError **error);
gboolean rdm_cli_kpis (int argc, char **argv, GError **error);

/* Helpers shared by the commands. */
#define RDM_CLI_ERROR (rdm_cli_error_quark ())
GQuark rdm_cli_error_quark (void);
enum
{
  RDM_CLI_ERROR_USAGE,
};

GOptionContext *rdm_cli_option_context_new (const char *command,
                                            const char *parameter_string,
                                            const char *summary,
                                            const GOptionEntry *entries);
gboolean rdm_cli_parse (GOptionContext *context, int *argc, char ***argv, GError **error);
gboolean rdm_cli_parse_format (const char *text,
                               gboolean allow_csv,
                               RdmOutputFormat *format,
                               GError **error);
char *rdm_cli_format_number (double value);
cJSON *rdm_cli_json_number (double value);
gboolean rdm_cli_print_json (cJSON *root, GError **error);
char *rdm_cli_csv_field (const char *text);
/* @label left-aligned in @label_width characters, then @value right-aligned
 * in @value_width characters (0: as it is), for tables meant for people. */
char *rdm_cli_align_row (const char *label, int label_width, const char *value, int value_width);

G_END_DECLS
