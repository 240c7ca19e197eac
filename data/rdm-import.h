/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-project.h"

G_BEGIN_DECLS

#define RDM_IMPORT_ERROR (rdm_import_error_quark ())

typedef enum
{
  RDM_IMPORT_ERROR_EMPTY,          /* no header, or a header and no rows */
  RDM_IMPORT_ERROR_UNKNOWN_KIND,   /* a kind name we do not know */
  RDM_IMPORT_ERROR_UNKNOWN_PRESET, /* a preset name we do not know, or of another kind */
  RDM_IMPORT_ERROR_MISSING_COLUMN, /* a required column is not in the header */
  RDM_IMPORT_ERROR_BAD_MAPPING,    /* --map names an unknown column or header */
  RDM_IMPORT_ERROR_BAD_ROW,        /* a row does not hold what its columns expect */
  RDM_IMPORT_ERROR_DUPLICATE,      /* the same file was imported before */
  RDM_IMPORT_ERROR_UNRECOGNIZED,   /* no kind or preset matches the header */
  RDM_IMPORT_ERROR_HEADER,         /* the header names a column twice */
  /* the file's money is in another currency than the project's costs, or
   * in several */
  RDM_IMPORT_ERROR_CURRENCY,
} RdmImportError;

typedef enum
{
  RDM_IMPORT_KIND_NONE, /* guess from the preset or the header */
  RDM_IMPORT_KIND_EVENTS,
  RDM_IMPORT_KIND_COSTS,
  RDM_IMPORT_KIND_DAILY,
  RDM_IMPORT_KIND_ATTRIBUTES,
  RDM_IMPORT_KIND_PATHS,
  RDM_IMPORT_KIND_SURVEY,
  RDM_IMPORT_KIND_EXPERIMENTS,
  RDM_IMPORT_KIND_OUTCOMES, /* daily totals: date, conversions, value, region */
} RdmImportKind;

typedef struct
{
  RdmImportKind kind;
  const char *preset; /* NULL: the best match for the header within the kind */
  /* canonical column name -> header in the file; overrides the preset */
  GHashTable *mapping;
  gboolean skip_bad_rows;
  gboolean force; /* import even if the same bytes were imported before */
  /* an ad-platform export's rows all go to this channel (created when
   * new) instead of the one the channel rules give; NULL: the rules' */
  const char *channel;
} RdmImportOptions;

typedef struct
{
  guint64 line;
  guint column;
  char *message; /* "FILE:LINE:COLUMN: …" */
} RdmImportReject;

typedef struct
{
  gint64 import_id;
  char *file_name;
  RdmImportKind kind;
  char *preset;
  char separator;
  const char *encoding; /* "UTF-8", "UTF-16LE", "UTF-16BE" */
  guint64 header_line;  /* 1, or after the title lines of a report */
  guint64 rows_read;    /* after the header: imported, skipped or rejected */
  guint64 rows_imported;
  guint64 rows_skipped; /* a report's total rows */
  char *currency;       /* what the file said its money is in, or NULL */
  GPtrArray *notes;     /* char *: lines skipped, costs spread over days… */
  GPtrArray *rejects;   /* RdmImportReject */
  /* the days the file says it covers (GA4's "# Start date" and "# End
   * date"), epoch seconds of 00:00 UTC; 0 when it does not say */
  gint64 period_start;
  gint64 period_end;
} RdmImportReport;

typedef struct
{
  char separator;
  gboolean bom;
  const char *encoding; /* "UTF-8", "UTF-16LE", "UTF-16BE" */
  guint64 header_line;  /* 1, or after the title lines of a report */
  char *skipped;        /* the lines before the header, said, or NULL */
  GStrv header;
  GPtrArray *rows;     /* GStrv, at most max_rows */
  RdmImportKind kind;  /* RDM_IMPORT_KIND_NONE when nothing matches */
  const char *preset;  /* NULL when nothing matches */
  GStrv columns;       /* the preset's canonical columns */
  GStrv mapped_header; /* for each column, the file header it reads, or "" */
  char *problem;       /* why the file cannot be imported as mapped, or NULL */
  /* which preset reads the file and why ("Detected: GA4 conversion paths:
   * the header has …"), for the user; NULL when nothing matches */
  char *reason;
  guint table;         /* of a file of several tables (GA4), the one read, from 1 */
  gint64 period_start; /* as in RdmImportReport */
  gint64 period_end;
} RdmImportPreview;

/* @fraction is 0..1 of the file's bytes. */
typedef void (*RdmImportProgressFunc) (double fraction, gpointer user_data);

GQuark rdm_import_error_quark (void);

const char *rdm_import_kind_to_string (RdmImportKind kind);
gboolean rdm_import_kind_from_string (const char *text, RdmImportKind *kind);
/* The presets of @kind (all of them for RDM_IMPORT_KIND_NONE). */
GStrv rdm_import_list_presets (RdmImportKind kind);
RdmImportKind rdm_import_preset_get_kind (const char *preset);
/* Whether @preset reads an ad-platform export, whose rows may all be put
 * on one channel (RdmImportOptions.channel). */
gboolean rdm_import_preset_is_platform (const char *preset);
/* What @preset reads, for people ("GA4 conversion paths"), translated;
 * NULL for an unknown preset. */
const char *rdm_import_preset_get_title (const char *preset);

void rdm_import_reject_free (RdmImportReject *reject);
void rdm_import_report_free (RdmImportReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmImportReport, rdm_import_report_free)
void rdm_import_preview_free (RdmImportPreview *preview);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmImportPreview, rdm_import_preview_free)

/* Reads the first @max_rows records and guesses the kind and preset (the
 * ones in @options are used when set). */
RdmImportPreview *rdm_import_preview (const char *path,
                                      guint max_rows,
                                      const RdmImportOptions *options,
                                      GError **error);

/* Imports @path in one transaction on @project's connection: all rows or,
 * on the first bad row, nothing (unless skip_bad_rows). A file whose bytes
 * are already in the import log is refused unless force; that check runs
 * at the end, in the same transaction, because the file's SHA-256 is
 * computed by a second thread while the rows are read. Safe to run in a
 * worker thread as long as @project is used by that thread only; for the
 * length of the call the connection runs with foreign keys and CHECKs off
 * (the importer checks every value itself) and its settings are restored
 * before returning. */
gboolean rdm_import_file (RdmProject *project,
                          const char *path,
                          const RdmImportOptions *options,
                          GCancellable *cancellable,
                          RdmImportProgressFunc progress,
                          gpointer progress_data,
                          RdmImportReport **out_report,
                          GError **error);

/* Whether an import of @kind (as the import log names it) can be removed:
 * not an attributes import, whose values are kept per visitor rather than
 * per import, nor the demo (see rdm-import-removal.c). */
gboolean rdm_import_kind_is_removable (const char *kind);

/* Removes import @import_id (its number in the import log) in one
 * transaction: every row it wrote, the visitors nothing else refers to,
 * then its log line, returned in @removed (nullable). On any error the
 * project is unchanged. */
gboolean rdm_project_remove_import (RdmProject *project,
                                    gint64 import_id,
                                    RdmImportRecord **removed,
                                    GError **error);

/* The cost category @text names: the schema's words or a French
 * spreadsheet's (média, contenu, personnel, outils, formation, conformité,
 * autre), in any case; NULL for another word. */
const char *rdm_import_cost_category (const char *text);
/* Whether a cost's @channel names the costs shared by every channel (an
 * agency fee, a licence) rather than one: empty, "(shared)" or
 * "(partagé)", in any case. */
gboolean rdm_import_cost_is_shared (const char *channel);

/* What an import of @kind ("events", "costs", ...) holds, as people call
 * it ("Event log"); an unknown kind as it is. */
const char *rdm_import_kind_label (const char *kind);

G_END_DECLS
