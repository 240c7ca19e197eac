/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cjson/cJSON.h>
#include <glib.h>

#include "rdm-chart.h"
#include "rdm-csv-writer.h"
#include "rdm-import.h"
#include "rdm-project.h"

#include "rdm-path-options.h"

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
gboolean rdm_cli_simulate (int argc, char **argv, GError **error);
gboolean rdm_cli_attribute (int argc, char **argv, GError **error);
gboolean rdm_cli_paths (int argc, char **argv, GError **error);
gboolean rdm_cli_window_sweep (int argc, char **argv, GError **error);
gboolean rdm_cli_explain (int argc, char **argv, GError **error);
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
gboolean rdm_cli_export (int argc, char **argv, GError **error);
gboolean rdm_cli_roi (int argc, char **argv, GError **error);
gboolean rdm_cli_kpis (int argc, char **argv, GError **error);
gboolean rdm_cli_channel_rule (int argc, char **argv, GError **error);
gboolean rdm_cli_channel (int argc, char **argv, GError **error);
gboolean rdm_cli_event (int argc, char **argv, GError **error);
gboolean rdm_cli_impact (int argc, char **argv, GError **error);
gboolean rdm_cli_mirror (int argc, char **argv, GError **error);
gboolean rdm_cli_mmm (int argc, char **argv, GError **error);
gboolean rdm_cli_budget (int argc, char **argv, GError **error);
/* "import PROJECT --from CONNECTION --table T …" (rdm-cli-warehouse.c) */
gboolean rdm_cli_import_from_warehouse (int argc, char **argv, GError **error);

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
/* table (also for NULL), json or csv: every command that computes offers
 * all three (SPEC.md, "Command line"). */
/* A usage error (exit status 2) with a printf-style message; FALSE. */
gboolean rdm_cli_usage_error (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);
/* The day (epoch second of 00:00 UTC) of a date option; NULL @text is
 * "required". */
gboolean rdm_cli_parse_day (const char *option, const char *text, gint64 *day, GError **error);
gboolean rdm_cli_parse_integer (
    const char *option, const char *text, gint64 least, gint64 most, gint64 *value, GError **error);
gboolean rdm_cli_parse_number (const char *option, const char *text, double *value, GError **error);
/* What a double option holds until typed: no value a user types can be
 * it (a typed "nan" is NAN, refused by the range checks). */
#define RDM_CLI_UNSET_DOUBLE (-G_MAXDOUBLE)

/* @format (untranslated, with one %s) translated, its %s the default
 * @value: an option's help that follows the engine's defaults. */
char *rdm_cli_help_with_default (const char *format, double value);
/* "--map timestamp=Date" pairs into canonical column -> header (or
 * column); NULL with a usage error on a pair without "=". */
GHashTable *rdm_cli_parse_mapping (char **pairs, GError **error);
/* An import's report, as "import" prints it (rdm-cli-import.c). */
gboolean
rdm_cli_print_import_report (const RdmImportReport *report, RdmOutputFormat format, GError **error);
/* Writes @chart to @path, its format from the extension (.png, .svg,
 * .pdf); a @width or @height of 0 takes the size "chart" writes. */
gboolean rdm_cli_write_chart (
    const RdmChart *chart, const char *path, int width, int height, GError **error);
/* YYYY-MM-DD of a day. */
char *rdm_cli_format_day (gint64 day);
gboolean rdm_cli_parse_format (const char *text, RdmOutputFormat *format, GError **error);
/* table or json, for the commands that list or change the project rather
 * than compute (import, objective, initiative, kpi, saving, segment). */
gboolean rdm_cli_parse_list_format (const char *text, RdmOutputFormat *format, GError **error);
char *rdm_cli_format_number (double value);
cJSON *rdm_cli_json_number (double value);
gboolean rdm_cli_print_json (cJSON *root, GError **error);

/* CSV output goes through the project's one writer, RdmCsvWriter (RFC
 * 4180, CRLF, formula injection neutralised, numbers to 17 digits): a
 * header row from comma-separated @names (plain identifiers), and the
 * document printed on standard output. */
void rdm_cli_csv_header (RdmCsvWriter *csv, const char *names);
void rdm_cli_print_csv (RdmCsvWriter *csv);

/* Tables meant for people, aligned by characters rather than bytes (accented
 * labels, the narrow no-break space grouping French digits). @alignment has
 * one letter per column: 'l' left, 'r' right. */
typedef struct _RdmCliTable RdmCliTable;
RdmCliTable *rdm_cli_table_new (const char *alignment);
void rdm_cli_table_free (RdmCliTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmCliTable, rdm_cli_table_free)
/* Adds the next cell of the current row; @text is copied. */
void rdm_cli_table_add (RdmCliTable *table, const char *text);
/* Takes @text (allocated). */
void rdm_cli_table_take (RdmCliTable *table, char *text);
void rdm_cli_table_end_row (RdmCliTable *table);
/* Prints every row, columns two spaces apart, each line ending in \n. */
void rdm_cli_table_print (const RdmCliTable *table);

/* @label left-aligned in @label_width characters, then @value right-aligned
 * in @value_width characters (0: as it is), for tables meant for people. */
char *rdm_cli_align_row (const char *label, int label_width, const char *value, int value_width);

/* A label for people: "(none)" reads "No touch", "(baseline)" (what
 * calibration took from the channels) "Baseline". */
const char *rdm_cli_display_label (const char *label);
/* The JSON key, the column heading and a row's label at @level. */
const char *rdm_cli_level_key (RdmLevel level);
const char *rdm_cli_level_header (RdmLevel level);
const char *rdm_cli_level_label (RdmLevel level, const char *label);

G_END_DECLS
