/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the three parts of the importer share: the presets
 * (rdm-import-presets.c), the row writers (rdm-import-rows.c) and the
 * driver that runs one import (rdm-import.c). Not installed, not public.
 */
#pragma once

#include "rdm-channel-rules.h"
#include "rdm-csv.h"
#include "rdm-import.h"
#include "rdm-project-db.h"

G_BEGIN_DECLS

#define MAX_COLUMNS 16

typedef struct
{
  const char *name;
  /* other header spellings, '|'-separated, compared case-insensitively */
  const char *aliases;
  gboolean required;
  /* an amount whose header may end with its currency, "Cost (EUR)" */
  gboolean money;
} ColumnSpec;

typedef enum
{
  PLATFORM_GOOGLE_ADS,
  PLATFORM_META,
  PLATFORM_LINKEDIN,
} PlatformId;

/* What an ad platform's export is like beyond its columns
 * (rdm-import-platforms.c). Its format is known, so digit grouping is read
 * as such, which the generic presets refuse as a guess. */
typedef struct
{
  PlatformId id;
  /* the decimal mark; the digit grouping is then ',' for '.', and a space
   * (plain, no-break or narrow no-break) for ',' */
  char decimal;
  /* days as M/D/YYYY (LinkedIn's English export) rather than D/M/YYYY */
  gboolean month_first;
} PlatformSpec;

typedef struct _Import Import;

#define TOUCH_BATCH 64
#define VISITOR_BATCH 64

/* A touchpoint waiting for the end of the file (see
 * _rdm_import_write_touchpoints()). */
typedef struct
{
  gint64 time;
  gint64 channel;
  gint64 campaign; /* 0: none */
  gint64 page_views;
  gint64 source;   /* traffic_source id; 0: the file named the channel */
  guint32 visitor; /* index in Import.visitor_ids */
  guint32 interaction;
} TouchRow;

typedef struct
{
  const char *name;
  const char *title; /* N_() */
  RdmImportKind kind;
  const ColumnSpec *columns;
  guint n_columns;
  /* headers the preset does not read but that only its format has
   * ('|'-separated, like aliases): each one found counts for it when the
   * preset is guessed, so that a file with "nb_visits_converted" is read
   * as Matomo's even though generic presets read its other columns too */
  const char *hints;
  /* an export of GA4's user interface, which opens with a "#" block */
  gboolean ga4;
  /* guessed only when a hint is in the header or the comment block names
   * the paths report: GA4's totals by channel group have the same columns
   * as its paths of one step */
  gboolean needs_signature;
  /* Parses and writes the current record. A bad value sets an
   * RDM_IMPORT_ERROR_BAD_ROW error and writes nothing. */
  gboolean (*row) (Import *import, GError **error);
  /* Writes what was accumulated over the rows; may be NULL. */
  gboolean (*finish) (Import *import, GError **error);
  /* for the presets of ad-platform exports, NULL for the others */
  const PlatformSpec *platform;
} Preset;

/* Text -> id, for the ids looked up on every row: open addressing with
 * linear probing, the texts packed in one string chunk. A lookup touches
 * one slot and one string where a GHashTable touches three arrays, and
 * with a few hundred thousand visitors those are all cache misses. */
typedef struct
{
  guint64 hash;
  gint64 id;
  const char *key; /* NULL: empty slot */
} IdSlot;

typedef struct
{
  IdSlot *slots;
  gsize mask;
  gsize count;
  GStringChunk *keys;
} IdMap;

struct _Import
{
  RdmProject *project;
  sqlite3 *db;
  RdmCsvReader *reader;
  const Preset *preset;
  int columns[MAX_COLUMNS]; /* field index of each canonical column, or -1 */
  guint n_header;
  GStrv header;
  guint64 header_line;
  gboolean decimal_comma;
  gint64 import_id;
  /* paths: the path column holds "source / medium" steps (GA4), labelled
   * by the channel rules and kept in path_row.source_path */
  gboolean source_paths;

  IdMap visitors;      /* external id -> index in visitor_ids */
  GArray *visitor_ids; /* of gint64, in order of first appearance */
  IdMap channels;      /* name -> channel id */
  IdMap campaigns;     /* "channel id\x1fname" -> campaign id */
  /* "source\x1fmedium\x1fcampaign" -> traffic_source id, and -> channel id */
  IdMap sources;
  IdMap source_channels;
  RdmChannelRules *channel_rules; /* loaded on first use */
  GString *scratch;
  /* SQL text (by address: always a literal) -> statement, so that the
   * statement of each row is found without hashing its text */
  GHashTable *statements;

  /* the connection's setting, changed for the import */
  gint64 foreign_keys;
  /* the import runs with a rollback journal instead of the WAL */
  gboolean rollback_journal;
  gint64 next_visitor; /* 0 until the first new visitor */
  gboolean had_visitors;
  IdSlot new_visitors[VISITOR_BATCH]; /* id and key */
  guint n_new_visitors;
  char *visitor_batch_sql;
  TouchRow *touches; /* in file order */
  gsize n_touches;
  gsize touches_alloc;
  char *touch_batch_sql;

  /* attributes: the fields that are attributes, and their keys */
  GArray *attribute_fields;

  /* Criteo */
  gint64 criteo_channel;
  GHashTable *criteo_conversions; /* ConversionKey set */
  GHashTable *criteo_costs;       /* CostKey -> double */

  /* set by a row writer for a row it skips on purpose (a report's total
   * row), which is then neither imported nor rejected */
  gboolean row_skipped;
  /* what the import did besides importing rows, for the report (char *) */
  GPtrArray *notes;

  /* ad-platform exports (rdm-import-platforms.c) */
  char *channel_override;    /* RdmImportOptions.channel, stripped */
  gboolean spread_range;     /* rows cover "Reporting starts" to "Reporting ends" */
  char currency[4];          /* ISO 4217 code, "" until the file says */
  guint64 currency_line;     /* where it said it first (0: in the header) */
  guint64 totals_first_line; /* the total rows, 0 when none yet */
  guint64 totals_last_line;
  guint64 n_totals;
  guint64 n_summaries; /* Meta's summary row */
  guint64 n_spread;    /* rows spread over several days */
};

/* Canonical column indexes, one enum per preset, in spec order: the order
 * of the preset's ColumnSpec array in rdm-import-presets.c. */
enum
{
  EV_VISITOR,
  EV_TIMESTAMP,
  EV_TYPE,
  EV_CHANNEL,
  EV_CAMPAIGN,
  EV_VALUE,
  EV_EVENT,
  EV_PAGE_VIEWS,
  EV_SOURCE,
  EV_MEDIUM,
};
enum
{
  KG_COOKIE,
  KG_TIME,
  KG_INTERACTION,
  KG_CONVERSION,
  KG_CONVERSION_VALUE,
  KG_CHANNEL,
};
enum
{
  CR_TIMESTAMP,
  CR_UID,
  CR_CAMPAIGN,
  CR_CONVERSION,
  CR_CONVERSION_TIMESTAMP,
  CR_CLICK,
  CR_COST,
  CR_CPO,
};
enum
{
  PA_PATH,
  PA_CONVERSIONS,
  PA_VALUE,
  PA_NULLS,
};
enum
{
  CO_DATE,
  CO_CHANNEL,
  CO_CAMPAIGN,
  CO_CATEGORY,
  CO_AMOUNT,
  CO_DESCRIPTION,
};
enum
{
  DA_DATE,
  DA_CHANNEL,
  DA_CAMPAIGN,
  DA_IMPRESSIONS,
  DA_CLICKS,
  DA_ENGAGEMENTS,
  DA_LIKES,
  DA_SHARES,
  DA_COMMENTS,
  DA_FOLLOWERS,
};
enum
{
  AT_VISITOR,
};
/* The presets of ad-platform exports share these columns (each with the
 * platform's own header names), so one row writer serves them all. */
enum
{
  PL_DATE,
  PL_END_DATE,
  PL_CAMPAIGN,
  PL_CAMPAIGN_TYPE,
  PL_CURRENCY,
  PL_COST,
  PL_IMPRESSIONS,
  PL_CLICKS,
  PL_ENGAGEMENTS,
  PL_LIKES,
  PL_SHARES,
  PL_COMMENTS,
  PL_FOLLOWERS,
  PL_PLATFORM,
};
enum
{
  SU_DATE,
  SU_METRIC,
  SU_VALUE,
  SU_SOURCE,
};
enum
{
  OU_DATE,
  OU_CONVERSIONS,
  OU_VALUE,
  OU_REGION,
};
enum
{
  EX_CHANNEL,
  EX_START,
  EX_END,
  EX_INCREMENTAL,
  EX_CI_LOW,
  EX_CI_HIGH,
  EX_VALUE,
  EX_METHOD,
  EX_SPEND_KEPT,
};

/* rdm-import-presets.c */
GStrv _rdm_import_normalize_header (GStrv header);
/* @header_line: where the header is in the file (GA4 writes comments
 * before it), for the messages. */
int _rdm_import_resolve_columns (const Preset *preset,
                                 const char *file_name,
                                 guint64 header_line,
                                 GStrv header,
                                 GStrv normalized,
                                 GHashTable *mapping,
                                 int *columns,
                                 GError **error);
/* What a file's "#" comment block says of it (flags). */
enum
{
  GA4_BLOCK = 1 << 0,        /* it has one: an export of GA4's interface */
  GA4_PATHS_REPORT = 1 << 1, /* its title is the Attribution (conversion) paths report */
};

/* The GA4_* flags of a comment block (rdm_csv_reader_get_comments()). */
guint _rdm_import_ga4_flags (const GPtrArray *comments);
/* A "#" comment line's text, trimmed and case-folded, to compare. */
char *_rdm_import_fold_comment (const char *line);

/* @ga4 (GA4_* flags) favours the GA4 presets and, when none fits, explains
 * what a GA4 export can be imported as. */
const Preset *_rdm_import_choose_preset (const RdmImportOptions *options,
                                         const char *file_name,
                                         guint64 header_line,
                                         GStrv header,
                                         GStrv normalized,
                                         guint ga4,
                                         GError **error);
/* Whether @header is one that the preset of @options, or any preset of its
 * kind, reads: how the header is told from a report's title lines. */
gboolean _rdm_import_header_is_known (const RdmImportOptions *options, GStrv header);
/* Why @preset reads @header (its columns resolved in @columns), for
 * RdmImportPreview.reason; @chosen when the user named it. */
char *_rdm_import_preset_reason (
    const Preset *preset, GStrv header, const int *columns, guint ga4, gboolean chosen);

/* rdm-import-rows.c: the row writers of the presets */
gboolean _rdm_import_events_row (Import *import, GError **error);
gboolean _rdm_import_kaggle_row (Import *import, GError **error);
gboolean _rdm_import_criteo_row (Import *import, GError **error);
gboolean _rdm_import_criteo_finish (Import *import, GError **error);
gboolean _rdm_import_paths_row (Import *import, GError **error);
gboolean _rdm_import_costs_row (Import *import, GError **error);
gboolean _rdm_import_daily_row (Import *import, GError **error);
gboolean _rdm_import_attributes_row (Import *import, GError **error);
gboolean _rdm_import_survey_row (Import *import, GError **error);
gboolean _rdm_import_experiments_row (Import *import, GError **error);
gboolean _rdm_import_ga4_paths_row (Import *import, GError **error);
gboolean _rdm_import_outcomes_row (Import *import, GError **error);

/* rdm-import-platforms.c */
gboolean _rdm_import_platform_row (Import *import, GError **error);
gboolean _rdm_import_platform_finish (Import *import, GError **error);
/* Reads the currency an amount's header names ("Amount spent (EUR)"). */
gboolean _rdm_import_platform_start (Import *import, GError **error);

/* rdm-import-rows.c: what the platform writer shares with the others */
G_GNUC_PRINTF (4, 5)
gboolean _rdm_import_bad_field (
    Import *import, int column, GError **error, const char *expected_format, ...);
const char *_rdm_import_text_field (Import *import, int column);
gboolean _rdm_import_channel_id (Import *import, const char *name, gint64 *id, GError **error);
gboolean _rdm_import_campaign_id (
    Import *import, gint64 channel, const char *name, gint64 *id, GError **error);
void _rdm_import_bind_optional_id (sqlite3_stmt *stmt, int index, gint64 id);

/* rdm-import-rows.c: the channel the project's channel rules give a row
 * that came from @source / @medium / @campaign ("" for none), created with
 * the rule's group when new, and the traffic_source row that records the
 * label, so that a changed rule re-labels the row. */
gboolean _rdm_import_source_channel (Import *import,
                                     const char *source,
                                     const char *medium,
                                     const char *campaign,
                                     gint64 *channel_id,
                                     gint64 *source_id,
                                     GError **error);

/* rdm-import-rows.c: the writers' state, statements and batches */
void _rdm_import_init_writers (Import *import);
void _rdm_import_clear (Import *import);
sqlite3_stmt *_rdm_import_prepare (Import *import, const char *sql, GError **error);
gboolean _rdm_import_step_done (Import *import, sqlite3_stmt *stmt, GError **error);
gboolean _rdm_import_flush_visitors (Import *import, GError **error);
gboolean _rdm_import_write_touchpoints (Import *import,
                                        GCancellable *cancellable,
                                        RdmImportProgressFunc progress,
                                        gpointer progress_data,
                                        double progress_from,
                                        GError **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, _rdm_import_clear)

G_END_DECLS
