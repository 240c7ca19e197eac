/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The value of PRAGMA application_id in every project file ("RDMT"). */
#define RDM_PROJECT_APPLICATION_ID 0x52444d54

/* What a project holds. The importer refuses anything else, and a file is
 * checked against the same limits when it is opened, so a file from
 * elsewhere cannot bring in what an import would have refused. Times (epoch
 * seconds, UTC) run from 1970 to the end of 2199: far beyond, their
 * differences overflow. Text is UTF-8, at most as long as a CSV field may
 * be. Amounts and values stay under 10^15 in size, so that the sums of a
 * whole project stay exact to the cent and finite. */
#define RDM_PROJECT_EARLIEST_TIME G_GINT64_CONSTANT (0)        /* 1970-01-01T00:00:00Z */
#define RDM_PROJECT_LATEST_TIME G_GINT64_CONSTANT (7258118399) /* 2199-12-31T23:59:59Z */
#define RDM_PROJECT_MAX_TEXT (1024 * 1024)
#define RDM_PROJECT_AMOUNT_LIMIT 1e15

#define RDM_PROJECT_ERROR (rdm_project_error_quark ())

typedef enum
{
  RDM_PROJECT_ERROR_OPEN,      /* the file cannot be opened or created */
  RDM_PROJECT_ERROR_EXISTS,    /* creating over an existing file */
  RDM_PROJECT_ERROR_FOREIGN,   /* not a Rendement project */
  RDM_PROJECT_ERROR_TOO_NEW,   /* written by a newer Rendement */
  RDM_PROJECT_ERROR_CORRUPT,   /* a Rendement project whose schema was altered or damaged */
  RDM_PROJECT_ERROR_SQL,       /* an SQLite call failed */
  RDM_PROJECT_ERROR_NOT_FOUND, /* a named object does not exist */
  RDM_PROJECT_ERROR_READ_ONLY, /* the file, its folder or its medium cannot be written to */
  RDM_PROJECT_ERROR_DISK_FULL, /* no space left on the disk holding the file */
  RDM_PROJECT_ERROR_BUSY       /* another program holds a lock on the file */
} RdmProjectError;

/* Channel groups, as stored in channel.channel_group. */
typedef enum
{
  RDM_CHANNEL_GROUP_SOCIAL,
  RDM_CHANNEL_GROUP_PAID_SEARCH,
  RDM_CHANNEL_GROUP_ORGANIC_SEARCH,
  RDM_CHANNEL_GROUP_EMAIL,
  RDM_CHANNEL_GROUP_AFFILIATE,
  RDM_CHANNEL_GROUP_REFERRAL,
  RDM_CHANNEL_GROUP_DISPLAY,
  RDM_CHANNEL_GROUP_VIDEO,
  RDM_CHANNEL_GROUP_DIRECT,
  RDM_CHANNEL_GROUP_OTHER,
  RDM_N_CHANNEL_GROUPS
} RdmChannelGroup;

/* Totals shown by "rendement-cli info" and the window's overview. */
typedef struct
{
  gint64 visitors;
  gint64 touchpoints;
  gint64 conversions;
  double conversion_value;
  double cost;        /* costs of a channel */
  double shared_cost; /* costs of no one channel, which ROI allocates */
  gint64 channels;
  gint64 campaigns;
  gint64 paths; /* rows of the aggregated path table */
  gint64 imports;
  gint64 first_time; /* earliest touchpoint or conversion, epoch seconds; 0 if none */
  gint64 last_time;
  gint64 outcome_days;      /* distinct days of the daily outcomes */
  gint64 first_outcome_day; /* epoch seconds of 00:00 UTC; 0 if none */
  gint64 last_outcome_day;
} RdmProjectInfo;

/* One row of the import log. */
typedef struct
{
  gint64 id;
  char *file_name;
  char *checksum; /* SHA-256 of the file's bytes, hex */
  char *kind;
  char *preset;
  gint64 imported_at; /* epoch seconds */
  gint64 rows;
  gint64 rejects;
  /* the days the file said it covers (GA4), epoch seconds; 0 if it did not */
  gint64 period_start;
  gint64 period_end;
} RdmImportRecord;

void rdm_import_record_free (RdmImportRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmImportRecord, rdm_import_record_free)

#define RDM_TYPE_PROJECT (rdm_project_get_type ())
G_DECLARE_FINAL_TYPE (RdmProject, rdm_project, RDM, PROJECT, GObject)

GQuark rdm_project_error_quark (void);

RdmProject *rdm_project_create (const char *path, GError **error);
/* Opens a project to change it: a file that cannot be written is refused
 * with RDM_PROJECT_ERROR_READ_ONLY. */
RdmProject *rdm_project_open (const char *path, GError **error);
/* Opens a project to read it: a file that cannot be written (read-only file,
 * folder or medium) is opened read-only instead of refused, and any write
 * to it then fails with RDM_PROJECT_ERROR_READ_ONLY. */
RdmProject *rdm_project_open_for_reading (const char *path, GError **error);
/* Like rdm_project_open_for_reading(), for a worker thread's own connection
 * to a file this process has already opened with one of the above: the
 * schema is checked again, but not every value, which that first open did
 * (a scan of the whole file, repeated by every worker otherwise). */
RdmProject *rdm_project_open_for_worker (const char *path, GError **error);
gboolean rdm_project_is_read_only (RdmProject *self);
/* Whether a value fits in a project (see the limits above). */
gboolean rdm_project_amount_is_valid (double amount);
gboolean rdm_project_time_is_valid (gint64 time);
int rdm_project_schema_version (void);

const char *rdm_project_get_path (RdmProject *self);

/* Saves a copy of the project as @destination (not the project's own file),
 * replacing any file there only once the copy is complete: a copy that
 * fails leaves what was at @destination as it was (see rdm-project-copy.c). */
gboolean rdm_project_copy_to (RdmProject *self, const char *destination, GError **error);

gboolean rdm_project_is_empty (RdmProject *self, gboolean *empty, GError **error);
gboolean rdm_project_begin (RdmProject *self, GError **error);
gboolean rdm_project_commit (RdmProject *self, GError **error);
void rdm_project_rollback (RdmProject *self);

gint64 rdm_project_ensure_channel (RdmProject *self, const char *name, GError **error);
gint64
rdm_project_ensure_campaign (RdmProject *self, gint64 channel_id, const char *name, GError **error);

gboolean rdm_project_get_info (RdmProject *self, RdmProjectInfo *info, GError **error);
GPtrArray *rdm_project_list_imports (RdmProject *self, GError **error);

const char *rdm_channel_group_to_string (RdmChannelGroup group);
gboolean rdm_channel_group_from_string (const char *text, RdmChannelGroup *group);
RdmChannelGroup rdm_channel_group_guess (const char *channel_name);

G_END_DECLS
