/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Importers: CSV files of every format in the spec into a project, one
 * transaction per file.
 *
 * A preset says which columns a format has (canonical names, with the
 * header spellings that mean the same, French ones included) and how one
 * row is written. Every row is fully parsed and checked before anything is
 * written for it, so a rejected row (with "skip bad rows") leaves no trace,
 * and without that option the first bad row rolls the whole file back.
 *
 * Ids of visitors, channels and campaigns are cached in hash maps for the
 * length of one import, so the hot path is: parse the fields in place, look
 * up three ids, add the touchpoint to a batch written 64 rows per INSERT.
 * rdm_import_file() explains the connection settings changed for speed
 * (foreign keys, CHECKs, the touchpoint index) and why that is safe.
 */

#include "config.h"

#include <inttypes.h>

#include <string.h>
#include <glib/gi18n-lib.h>

#include "rdm-csv.h"
#include "rdm-import.h"
#include "rdm-project-db.h"

/* The quark name is a bare dashed token, which clang-format would split. */
/* clang-format off */
G_DEFINE_QUARK (rdm-import-error-quark, rdm_import_error)
/* clang-format on */

#define MAX_COLUMNS 16
#define PROGRESS_EVERY 16384

typedef struct
{
  const char *name;
  /* other header spellings, '|'-separated, compared case-insensitively */
  const char *aliases;
  gboolean required;
} ColumnSpec;

typedef struct _Import Import;

#define TOUCH_BATCH 64
#define VISITOR_BATCH 64

typedef struct
{
  gint64 visitor;
  gint64 time;
  gint64 channel;
  gint64 campaign; /* 0: none */
  gint64 page_views;
  int interaction;
} TouchRow;

typedef struct
{
  const char *name;
  RdmImportKind kind;
  const ColumnSpec *columns;
  guint n_columns;
  /* Parses and writes the current record. A bad value sets an
   * RDM_IMPORT_ERROR_BAD_ROW error and writes nothing. */
  gboolean (*row) (Import *import, GError **error);
  /* Writes what was accumulated over the rows; may be NULL. */
  gboolean (*finish) (Import *import, GError **error);
} Preset;

typedef struct
{
  gint64 visitor_id;
  gint64 time;
} ConversionKey;

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

typedef struct
{
  gint64 day;
  gint64 campaign_id;
} CostKey;

struct _Import
{
  RdmProject *project;
  sqlite3 *db;
  RdmCsvReader *reader;
  const Preset *preset;
  int columns[MAX_COLUMNS]; /* field index of each canonical column, or -1 */
  guint n_header;
  GStrv header;
  gboolean decimal_comma;
  gint64 import_id;

  IdMap visitors;  /* external id -> visitor id */
  IdMap channels;  /* name -> channel id */
  IdMap campaigns; /* "channel id\x1fname" -> campaign id */
  GString *scratch;
  /* SQL text (by address: always a literal) -> statement, so that the
   * statement of each row is found without hashing its text */
  GHashTable *statements;

  /* the connection's settings, changed for the import */
  gint64 cache_size;
  gint64 temp_store;
  gint64 foreign_keys;
  /* the touchpoint index's CREATE statement while it is dropped */
  char *touch_index_sql;
  gint64 next_visitor; /* 0 until the first new visitor */
  gboolean had_visitors;
  IdSlot new_visitors[VISITOR_BATCH]; /* id and key */
  guint n_new_visitors;
  char *visitor_batch_sql;
  TouchRow touches[TOUCH_BATCH];
  guint n_touches;
  char *touch_batch_sql;

  /* attributes: the fields that are attributes, and their keys */
  GArray *attribute_fields;

  /* Criteo */
  gint64 criteo_channel;
  GHashTable *criteo_conversions; /* ConversionKey set */
  GHashTable *criteo_costs;       /* CostKey -> double */
};

/* Canonical column indexes, one enum per preset, in spec order. */
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
enum
{
  SU_DATE,
  SU_METRIC,
  SU_VALUE,
  SU_SOURCE,
};

static const ColumnSpec events_columns[] = {
  { "visitor_id", "visitor|visitor id|user_id|user id|client_id|visiteur|id_visiteur", TRUE },
  { "timestamp", "time|datetime|date_time|horodatage|date_heure", TRUE },
  { "type", "event_type|type_evenement|type d'événement", TRUE },
  { "channel", "canal", TRUE },
  { "campaign", "campagne", FALSE },
  { "value", "valeur|revenue", FALSE },
  { "event", "event_name|événement|evenement", FALSE },
  { "page_views", "pageviews|page views|pages_vues|pages vues", FALSE },
};

static const ColumnSpec kaggle_columns[] = {
  { "cookie", "customer_id|visitor_id|user_id", TRUE },
  { "time", "timestamp", TRUE },
  { "interaction", "", FALSE },
  { "conversion", "", TRUE },
  { "conversion_value", "", TRUE },
  { "channel", "", TRUE },
};

static const ColumnSpec criteo_columns[] = {
  { "timestamp", "", TRUE },
  { "uid", "", TRUE },
  { "campaign", "", TRUE },
  { "conversion", "", TRUE },
  { "conversion_timestamp", "", TRUE },
  { "click", "", TRUE },
  { "cost", "", FALSE },
  { "cpo", "", FALSE },
};

static const ColumnSpec paths_columns[] = {
  { "path", "chemin", TRUE },
  { "total_conversions", "conversions", TRUE },
  { "total_conversion_value", "conversion_value|value|valeur", FALSE },
  { "total_null", "total_nulls|nulls|null", TRUE },
};

static const ColumnSpec costs_columns[] = {
  { "date", "day|jour", TRUE },
  { "channel", "canal", TRUE },
  { "campaign", "campagne", FALSE },
  { "category", "catégorie|categorie", TRUE },
  { "amount", "montant|cost|coût|cout", TRUE },
};

static const ColumnSpec daily_columns[] = {
  { "date", "day|jour", TRUE },
  { "channel", "canal", TRUE },
  { "campaign", "campagne", TRUE },
  { "impressions", "", TRUE },
  { "clicks", "clics", TRUE },
  { "engagements", "", TRUE },
  { "likes", "j'aime|jaime|mentions j'aime", FALSE },
  { "shares", "partages", FALSE },
  { "comments", "commentaires", FALSE },
  { "followers", "abonnés|abonnes", FALSE },
};

static const ColumnSpec attributes_columns[] = {
  { "visitor_id", "visitor|visitor id|user_id|customer_id|cookie|visiteur|id_visiteur", TRUE },
};

static const ColumnSpec survey_columns[] = {
  { "date", "day|jour", TRUE },
  { "metric", "indicateur|métrique|metrique|mesure", TRUE },
  { "value", "valeur", TRUE },
  { "source", "", FALSE },
};

static gboolean events_row (Import *import, GError **error);
static gboolean kaggle_row (Import *import, GError **error);
static gboolean criteo_row (Import *import, GError **error);
static gboolean criteo_finish (Import *import, GError **error);
static gboolean paths_row (Import *import, GError **error);
static gboolean costs_row (Import *import, GError **error);
static gboolean daily_row (Import *import, GError **error);
static gboolean attributes_row (Import *import, GError **error);
static gboolean survey_row (Import *import, GError **error);

#define PRESET(name, kind, columns, row, finish)                                                   \
  {                                                                                                \
    name, kind, columns, G_N_ELEMENTS (columns), row, finish                                       \
  }

/* The first preset of each kind is its default. */
static const Preset presets[] = {
  PRESET ("events", RDM_IMPORT_KIND_EVENTS, events_columns, events_row, NULL),
  PRESET ("kaggle", RDM_IMPORT_KIND_EVENTS, kaggle_columns, kaggle_row, NULL),
  PRESET ("criteo", RDM_IMPORT_KIND_EVENTS, criteo_columns, criteo_row, criteo_finish),
  PRESET ("costs", RDM_IMPORT_KIND_COSTS, costs_columns, costs_row, NULL),
  PRESET ("daily", RDM_IMPORT_KIND_DAILY, daily_columns, daily_row, NULL),
  PRESET ("attributes", RDM_IMPORT_KIND_ATTRIBUTES, attributes_columns, attributes_row, NULL),
  PRESET ("channelattribution", RDM_IMPORT_KIND_PATHS, paths_columns, paths_row, NULL),
  PRESET ("survey", RDM_IMPORT_KIND_SURVEY, survey_columns, survey_row, NULL),
};

static const char *const kind_names[] = {
  "", "events", "costs", "daily", "attributes", "paths", "survey",
};

const char *
rdm_import_kind_to_string (RdmImportKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), "");
  return kind_names[kind];
}

gboolean
rdm_import_kind_from_string (const char *text, RdmImportKind *kind)
{
  for (guint i = 1; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (text, kind_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

GStrv
rdm_import_list_presets (RdmImportKind kind)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (kind == RDM_IMPORT_KIND_NONE || presets[i].kind == kind)
      g_strv_builder_add (builder, presets[i].name);
  return g_strv_builder_end (builder);
}

static const Preset *
find_preset (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (g_ascii_strcasecmp (presets[i].name, name) == 0)
      return &presets[i];
  return NULL;
}

RdmImportKind
rdm_import_preset_get_kind (const char *preset)
{
  const Preset *found = find_preset (preset);

  return found != NULL ? found->kind : RDM_IMPORT_KIND_NONE;
}

void
rdm_import_reject_free (RdmImportReject *reject)
{
  if (reject == NULL)
    return;
  g_free (reject->message);
  g_free (reject);
}

void
rdm_import_report_free (RdmImportReport *report)
{
  if (report == NULL)
    return;
  g_free (report->file_name);
  g_free (report->preset);
  g_clear_pointer (&report->rejects, g_ptr_array_unref);
  g_free (report);
}

void
rdm_import_preview_free (RdmImportPreview *preview)
{
  if (preview == NULL)
    return;
  g_strfreev (preview->header);
  g_clear_pointer (&preview->rows, g_ptr_array_unref);
  g_strfreev (preview->columns);
  g_strfreev (preview->mapped_header);
  g_free (preview->problem);
  g_free (preview);
}

/* Header names are compared trimmed, case-folded and NFC-normalised, so
 * "Catégorie " matches "catégorie". */
static char *
normalize_name (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  g_autofree char *folded = g_utf8_casefold (stripped, -1);

  return g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);
}

static int
find_header (GStrv normalized_header, const char *name)
{
  g_autofree char *wanted = normalize_name (name);

  for (guint i = 0; normalized_header[i] != NULL; i++)
    if (g_str_equal (normalized_header[i], wanted))
      return (int)i;
  return -1;
}

static char *
header_list (GStrv header)
{
  g_autoptr (GString) list = g_string_new (NULL);

  for (guint i = 0; header[i] != NULL; i++)
    g_string_append_printf (list, "%s“%s”", i > 0 ? ", " : "", header[i]);
  return g_string_free (g_steal_pointer (&list), FALSE);
}

/* Finds each canonical column of @preset in the header. Returns the number
 * of columns found, or -1 with @error set when a required one is missing. */
static int
resolve_columns (const Preset *preset,
                 const char *file_name,
                 GStrv header,
                 GStrv normalized,
                 GHashTable *mapping,
                 int *columns,
                 GError **error)
{
  int found = 0;

  if (mapping != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, mapping);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          gboolean known = FALSE;

          for (guint c = 0; c < preset->n_columns; c++)
            known = known || g_str_equal (preset->columns[c].name, key);
          if (!known)
            {
              g_autoptr (GString) names = g_string_new (NULL);

              for (guint c = 0; c < preset->n_columns; c++)
                g_string_append_printf (names, "%s%s", c > 0 ? ", " : "", preset->columns[c].name);
              g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_MAPPING,
                           _ ("%s: the preset “%s” has no column “%s” (its columns: %s)"),
                           file_name, preset->name, (const char *)key, names->str);
              return -1;
            }
        }
    }

  for (guint c = 0; c < preset->n_columns; c++)
    {
      const ColumnSpec *spec = &preset->columns[c];
      const char *mapped = mapping != NULL ? g_hash_table_lookup (mapping, spec->name) : NULL;
      int index = -1;

      if (mapped != NULL)
        {
          index = find_header (normalized, mapped);
          if (index < 0)
            {
              g_autofree char *list = header_list (header);

              g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_MAPPING,
                           _ ("%s: no column “%s” to read “%s” from; the file’s columns are %s"),
                           file_name, mapped, spec->name, list);
              return -1;
            }
        }
      else
        {
          g_auto (GStrv) aliases = g_strsplit (spec->aliases, "|", -1);

          index = find_header (normalized, spec->name);
          for (guint a = 0; index < 0 && aliases[a] != NULL; a++)
            if (*aliases[a] != '\0')
              index = find_header (normalized, aliases[a]);
        }
      if (index < 0 && spec->required)
        {
          g_autofree char *list = header_list (header);

          g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_MISSING_COLUMN,
                       _ ("%s:1: missing column “%s” (preset “%s”); the file’s columns are %s"),
                       file_name, spec->name, preset->name, list);
          return -1;
        }
      columns[c] = index;
      found += index >= 0;
    }
  return found;
}

/* The preset of @kind (any kind for NONE) that reads the most columns of
 * the header, among those whose required columns are all there. */
static const Preset *
guess_preset (RdmImportKind kind, GStrv header, GStrv normalized, GHashTable *mapping)
{
  const Preset *best = NULL;
  int best_found = 0;

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      int columns[MAX_COLUMNS];
      int found;

      if (kind != RDM_IMPORT_KIND_NONE && presets[i].kind != kind)
        continue;
      found = resolve_columns (&presets[i], "", header, normalized, mapping, columns, NULL);
      if (found > best_found)
        {
          best = &presets[i];
          best_found = found;
        }
    }
  return best;
}

static const Preset *
default_preset (RdmImportKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (presets[i].kind == kind)
      return &presets[i];
  return NULL;
}

/* Picks the preset from the options, or guesses it; on failure explains
 * what is missing. */
static const Preset *
choose_preset (const RdmImportOptions *options,
               const char *file_name,
               GStrv header,
               GStrv normalized,
               GError **error)
{
  const Preset *preset = NULL;
  RdmImportKind kind = options != NULL ? options->kind : RDM_IMPORT_KIND_NONE;
  GHashTable *mapping = options != NULL ? options->mapping : NULL;

  if (kind >= G_N_ELEMENTS (kind_names))
    {
      g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_UNKNOWN_KIND,
                   _ ("Unknown import kind %d"), (int)kind);
      return NULL;
    }
  if (options != NULL && options->preset != NULL)
    {
      preset = find_preset (options->preset);
      if (preset == NULL || (kind != RDM_IMPORT_KIND_NONE && preset->kind != kind))
        {
          g_auto (GStrv) names = rdm_import_list_presets (kind);
          g_autofree char *list = g_strjoinv (", ", names);

          if (kind == RDM_IMPORT_KIND_NONE)
            g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_UNKNOWN_PRESET,
                         _ ("Unknown preset “%s”: expected one of %s"), options->preset, list);
          else
            g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_UNKNOWN_PRESET,
                         _ ("Unknown preset “%s” for the kind %s: expected one of %s"),
                         options->preset, rdm_import_kind_to_string (kind), list);
          return NULL;
        }
      return preset;
    }
  preset = guess_preset (kind, header, normalized, mapping);
  /* a wrong --map must be reported as such, not as an unknown layout */
  if (preset == NULL && mapping != NULL)
    preset = guess_preset (kind, header, normalized, NULL);
  if (preset != NULL)
    return preset;
  if (kind != RDM_IMPORT_KIND_NONE)
    {
      int columns[MAX_COLUMNS];

      /* explains which column of the default preset is missing */
      resolve_columns (default_preset (kind), file_name, header, normalized, mapping, columns,
                       error);
      if (error == NULL || *error != NULL)
        return NULL;
    }
  {
    g_autofree char *list = header_list (header);

    g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_UNRECOGNIZED,
                 _ ("%s:1: cannot tell which kind of data the columns %s hold: choose a kind "
                    "and a preset"),
                 file_name, list);
  }
  return NULL;
}

/* Bad values. */

G_GNUC_PRINTF (4, 5)
static gboolean
bad_field (Import *import, int column, GError **error, const char *expected_format, ...)
{
  int field = import->columns[column];
  g_autofree char *expected = NULL;
  g_autofree char *shown = NULL;
  const char *text;
  guint64 line;
  guint col;
  va_list args;

  va_start (args, expected_format);
  expected = g_strdup_vprintf (expected_format, args);
  va_end (args);
  rdm_csv_reader_get_position (import->reader, field, &line, &col);
  text = rdm_csv_reader_get_field (import->reader, field, NULL);
  /* a runaway value is cut in the message, on a character boundary */
  shown = g_utf8_strlen (text, 61) > 60 ? g_utf8_substring (text, 0, 60) : g_strdup (text);
  g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
               _ ("%s:%" PRIu64 ":%u: %s: expected %s, got “%s%s”"),
               rdm_csv_reader_get_name (import->reader), line, col,
               import->preset->columns[column].name, expected, shown,
               strlen (shown) < strlen (text) ? "…" : "");
  return FALSE;
}

static const char *
text_field (Import *import, int column)
{
  int field = import->columns[column];

  return field >= 0 ? rdm_csv_reader_strip_field (import->reader, field) : "";
}

static gboolean
get_name (Import *import, int column, const char **value, GError **error)
{
  *value = text_field (import, column);
  if (**value == '\0')
    return bad_field (import, column, error, "%s", _ ("a non-empty text"));
  return TRUE;
}

/* A field the reader accepts fits in a project (see rdm-project.h). */
G_STATIC_ASSERT (RDM_CSV_MAX_FIELD <= RDM_PROJECT_MAX_TEXT);

static gboolean
get_time (Import *import, int column, gint64 *value, GError **error)
{
  if (!rdm_csv_parse_time (text_field (import, column), value))
    return bad_field (import, column, error, "%s",
                      _ ("a date (YYYY-MM-DD[THH:MM:SS[Z|±hh:mm]], dd/mm/yyyy [HH:MM[:SS]] or "
                         "epoch seconds)"));
  if (*value < RDM_PROJECT_EARLIEST_TIME || *value > RDM_PROJECT_LATEST_TIME)
    return bad_field (import, column, error, "%s", _ ("a date from 1970-01-01 to 2199-12-31"));
  return TRUE;
}

static gboolean
get_day (Import *import, int column, gint64 *value, GError **error)
{
  if (!get_time (import, column, value, error))
    return FALSE;
  *value = rdm_csv_day_of (*value);
  return TRUE;
}

/* A number; an empty or absent optional cell reads as 0. */
static gboolean
get_number (Import *import, int column, gboolean non_negative, double *value, GError **error)
{
  const char *text = text_field (import, column);

  if (*text == '\0' && !import->preset->columns[column].required)
    {
      *value = 0;
      return TRUE;
    }
  if (!rdm_csv_parse_double (text, import->decimal_comma, value) || (non_negative && *value < 0))
    return bad_field (
        import, column, error, "%s",
        non_negative ? (import->decimal_comma ? _ ("a number ≥ 0 (“1234,5”, no digit grouping)")
                                              : _ ("a number ≥ 0 (“1234.5”, no digit grouping)"))
                     : (import->decimal_comma ? _ ("a number (“1234,5”, no digit grouping)")
                                              : _ ("a number (“1234.5”, no digit grouping)")));
  /* The project's limit (see rdm-project.h); below it, a sum over any
   * number of rows stays finite, so totals need no check of their own. */
  if (!rdm_project_amount_is_valid (*value))
    return bad_field (import, column, error, "%s",
                      _ ("a number with at most 15 digits before the decimal point"));
  return TRUE;
}

static gboolean
get_count (Import *import, int column, gint64 *value, GError **error)
{
  const char *text = text_field (import, column);

  if (*text == '\0' && !import->preset->columns[column].required)
    {
      *value = 0;
      return TRUE;
    }
  if (!rdm_csv_parse_int64 (text, value) || *value < 0)
    return bad_field (import, column, error, "%s", _ ("a whole number ≥ 0"));
  return TRUE;
}

static gboolean
get_flag (Import *import, int column, gboolean *value, GError **error)
{
  gint64 number;

  if (!rdm_csv_parse_int64 (text_field (import, column), &number) || number < 0 || number > 1)
    return bad_field (import, column, error, "%s", _ ("0 or 1"));
  *value = number == 1;
  return TRUE;
}

/* Ids. */

/* Like rdm_project_prepare(), for the statements run once per row. They
 * are reset after each step and all their parameters are bound again. */
static sqlite3_stmt *
import_prepare (Import *import, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (import->statements, sql);

  if (stmt != NULL)
    return stmt;
  stmt = rdm_project_prepare (import->project, sql, error);
  if (stmt != NULL)
    g_hash_table_insert (import->statements, (gpointer)sql, stmt);
  return stmt;
}

static gboolean
step_done (Import *import, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (import->project, error, _ ("Importing"));
  return TRUE;
}

static void
id_map_init (IdMap *map)
{
  map->mask = 255;
  map->count = 0;
  map->slots = g_new0 (IdSlot, map->mask + 1);
  map->keys = g_string_chunk_new (64 * 1024);
}

static void
id_map_clear (IdMap *map)
{
  g_clear_pointer (&map->slots, g_free);
  g_clear_pointer (&map->keys, g_string_chunk_free);
}

/* FNV-1a, 64 bits, then MurmurHash3's finaliser: FNV's low bits, which
 * pick the slot, depend only on the low bits of each byte, so ids such as
 * "v12345" would crowd into a few runs of slots without it. */
static guint64
text_hash (const char *text)
{
  guint64 hash = G_GUINT64_CONSTANT (14695981039346656037);

  for (const guchar *p = (const guchar *)text; *p != '\0'; p++)
    hash = (hash ^ *p) * G_GUINT64_CONSTANT (1099511628211);
  hash ^= hash >> 33;
  hash *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  hash ^= hash >> 33;
  hash *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  hash ^= hash >> 33;
  return hash;
}

static IdSlot *
id_map_find (IdMap *map, const char *key, guint64 hash)
{
  for (gsize i = hash & map->mask;; i = (i + 1) & map->mask)
    {
      IdSlot *slot = &map->slots[i];

      if (slot->key == NULL || (slot->hash == hash && strcmp (slot->key, key) == 0))
        return slot;
    }
}

static gboolean
id_map_lookup (IdMap *map, const char *key, guint64 hash, gint64 *id)
{
  IdSlot *slot = id_map_find (map, key, hash);

  if (slot->key == NULL)
    return FALSE;
  *id = slot->id;
  return TRUE;
}

/* Returns the map's copy of @key. */
static const char *
id_map_insert (IdMap *map, const char *key, guint64 hash, gint64 id)
{
  IdSlot *slot;

  /* at most half full, so probes stay short */
  if (2 * (map->count + 1) > map->mask + 1)
    {
      IdSlot *old = map->slots;
      gsize old_size = map->mask + 1;

      map->mask = 2 * old_size - 1;
      map->slots = g_new0 (IdSlot, map->mask + 1);
      for (gsize i = 0; i < old_size; i++)
        if (old[i].key != NULL)
          *id_map_find (map, old[i].key, old[i].hash) = old[i];
      g_free (old);
    }
  slot = id_map_find (map, key, hash);
  slot->hash = hash;
  slot->id = id;
  slot->key = g_string_chunk_insert (map->keys, key);
  map->count++;
  return slot->key;
}

/* New visitors get their ids from us (the import holds the write lock, so
 * max(id) + 1 onwards are free) and are written VISITOR_BATCH at a time,
 * like touchpoints. A visitor already in the project is found by a lookup,
 * skipped when the project had no visitors at all. */
static gboolean
flush_visitors (Import *import, GError **error)
{
  sqlite3_stmt *stmt;
  guint n = import->n_new_visitors;

  if (n == 0)
    return TRUE;
  import->n_new_visitors = 0;
  if (n == VISITOR_BATCH)
    {
      if (import->visitor_batch_sql == NULL)
        {
          GString *sql = g_string_new ("INSERT INTO visitor (id, external_id) VALUES ");

          for (guint i = 0; i < VISITOR_BATCH; i++)
            g_string_append (sql, i > 0 ? ", (?, ?)" : "(?, ?)");
          import->visitor_batch_sql = g_string_free (sql, FALSE);
        }
      stmt = import_prepare (import, import->visitor_batch_sql, error);
      if (stmt == NULL)
        return FALSE;
      for (guint i = 0; i < n; i++)
        {
          sqlite3_bind_int64 (stmt, 2 * (int)i + 1, import->new_visitors[i].id);
          sqlite3_bind_text (stmt, 2 * (int)i + 2, import->new_visitors[i].key, -1, SQLITE_STATIC);
        }
      return step_done (import, stmt, error);
    }
  stmt = import_prepare (import, "INSERT INTO visitor (id, external_id) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      sqlite3_bind_int64 (stmt, 1, import->new_visitors[i].id);
      sqlite3_bind_text (stmt, 2, import->new_visitors[i].key, -1, SQLITE_STATIC);
      if (!step_done (import, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
visitor_id (Import *import, const char *external_id, gint64 *id, GError **error)
{
  guint64 hash = text_hash (external_id);
  sqlite3_stmt *stmt;
  IdSlot *pending;

  if (id_map_lookup (&import->visitors, external_id, hash, id))
    return TRUE;
  if (import->next_visitor == 0)
    {
      stmt = import_prepare (import, "SELECT ifnull(max(id), 0) FROM visitor", error);
      if (stmt == NULL)
        return FALSE;
      if (sqlite3_step (stmt) != SQLITE_ROW)
        return rdm_project_set_sql_error (import->project, error, _ ("Finding a visitor"));
      import->next_visitor = sqlite3_column_int64 (stmt, 0) + 1;
      import->had_visitors = import->next_visitor > 1;
      sqlite3_reset (stmt);
    }
  *id = 0;
  if (import->had_visitors)
    {
      stmt = import_prepare (import, "SELECT id FROM visitor WHERE external_id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, external_id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        *id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  if (*id != 0)
    {
      id_map_insert (&import->visitors, external_id, hash, *id);
      return TRUE;
    }
  *id = import->next_visitor++;
  pending = &import->new_visitors[import->n_new_visitors++];
  pending->id = *id;
  pending->key = id_map_insert (&import->visitors, external_id, hash, *id);
  return import->n_new_visitors < VISITOR_BATCH || flush_visitors (import, error);
}

static gboolean
channel_id (Import *import, const char *name, gint64 *id, GError **error)
{
  guint64 hash = text_hash (name);

  if (id_map_lookup (&import->channels, name, hash, id))
    return TRUE;
  *id = rdm_project_ensure_channel (import->project, name, error);
  if (*id < 0)
    return FALSE;
  id_map_insert (&import->channels, name, hash, *id);
  return TRUE;
}

/* 0 (no campaign) for an empty name. */
static gboolean
campaign_id (Import *import, gint64 channel, const char *name, gint64 *id, GError **error)
{
  guint64 hash;

  *id = 0;
  if (*name == '\0')
    return TRUE;
  /* "channel id in hex, unit separator, name", without printf: once per row */
  g_string_truncate (import->scratch, 0);
  for (guint64 rest = (guint64)channel; rest != 0; rest >>= 4)
    g_string_append_c (import->scratch, "0123456789abcdef"[rest & 0xf]);
  g_string_append_c (import->scratch, '\x1f');
  g_string_append (import->scratch, name);
  hash = text_hash (import->scratch->str);
  if (id_map_lookup (&import->campaigns, import->scratch->str, hash, id))
    return TRUE;
  *id = rdm_project_ensure_campaign (import->project, channel, name, error);
  if (*id < 0)
    return FALSE;
  id_map_insert (&import->campaigns, import->scratch->str, hash, *id);
  return TRUE;
}

static void
bind_optional_id (sqlite3_stmt *stmt, int index, gint64 id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

/* Touchpoints are written TOUCH_BATCH at a time with one multi-row INSERT:
 * running a statement has a fixed cost (opening cursors, the statement
 * journal, halting) as large as inserting a row, so this nearly halves the
 * time of an event-log import. Every row in the batch was already checked,
 * so a batch never fails for a reason that "skip bad rows" could skip. */
static gboolean
flush_touchpoints (Import *import, GError **error)
{
  sqlite3_stmt *stmt;
  guint n = import->n_touches;
  int param = 2;

  if (n == 0)
    return TRUE;
  import->n_touches = 0;
  if (n == TOUCH_BATCH)
    {
      if (import->touch_batch_sql == NULL)
        {
          GString *sql
              = g_string_new ("INSERT INTO touchpoint (import_id, visitor_id, time,"
                              " channel_id, campaign_id, interaction, page_views) VALUES ");

          for (guint i = 0; i < TOUCH_BATCH; i++)
            g_string_append (sql, i > 0 ? ", (?1, ?, ?, ?, ?, ?, ?)" : "(?1, ?, ?, ?, ?, ?, ?)");
          import->touch_batch_sql = g_string_free (sql, FALSE);
        }
      stmt = import_prepare (import, import->touch_batch_sql, error);
    }
  else
    stmt = import_prepare (import,
                           "INSERT INTO touchpoint (import_id, visitor_id, time, channel_id,"
                           " campaign_id, interaction, page_views)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                           error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      const TouchRow *row = &import->touches[i];

      if (n < TOUCH_BATCH)
        param = 2;
      sqlite3_bind_int64 (stmt, 1, import->import_id);
      sqlite3_bind_int64 (stmt, param++, row->visitor);
      sqlite3_bind_int64 (stmt, param++, row->time);
      sqlite3_bind_int64 (stmt, param++, row->channel);
      bind_optional_id (stmt, param++, row->campaign);
      sqlite3_bind_int (stmt, param++, row->interaction);
      sqlite3_bind_int64 (stmt, param++, row->page_views);
      if (n < TOUCH_BATCH && !step_done (import, stmt, error))
        return FALSE;
    }
  return n < TOUCH_BATCH || step_done (import, stmt, error);
}

static gboolean
insert_touchpoint (Import *import,
                   gint64 visitor,
                   gint64 time,
                   gint64 channel,
                   gint64 campaign,
                   int interaction,
                   gint64 page_views,
                   GError **error)
{
  TouchRow *row = &import->touches[import->n_touches++];

  row->visitor = visitor;
  row->time = time;
  row->channel = channel;
  row->campaign = campaign;
  row->interaction = interaction;
  row->page_views = page_views;
  return import->n_touches < TOUCH_BATCH || flush_touchpoints (import, error);
}

static gboolean
insert_conversion (
    Import *import, gint64 visitor, gint64 time, const char *event, double value, GError **error)
{
  sqlite3_stmt *stmt
      = import_prepare (import,
                        "INSERT INTO conversion (visitor_id, time, event, value, import_id)"
                        " VALUES (?1, ?2, ?3, ?4, ?5)",
                        error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, visitor);
  sqlite3_bind_int64 (stmt, 2, time);
  sqlite3_bind_text (stmt, 3, event, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 4, value);
  sqlite3_bind_int64 (stmt, 5, import->import_id);
  return step_done (import, stmt, error);
}

static gboolean
insert_cost (Import *import,
             gint64 day,
             gint64 channel,
             gint64 campaign,
             const char *category,
             double amount,
             GError **error)
{
  sqlite3_stmt *stmt = import_prepare (
      import,
      "INSERT INTO cost (day, channel_id, campaign_id, category, amount, import_id)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
      error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, day);
  sqlite3_bind_int64 (stmt, 2, channel);
  bind_optional_id (stmt, 3, campaign);
  sqlite3_bind_text (stmt, 4, category, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 5, amount);
  sqlite3_bind_int64 (stmt, 6, import->import_id);
  return step_done (import, stmt, error);
}

/* Row writers. */

static gboolean
events_row (Import *import, GError **error)
{
  static const char *const types[] = { "impression", "click", "visit", "conversion" };
  const char *external_id, *type, *channel = NULL, *campaign = NULL, *event = NULL;
  gint64 time, page_views = 0, visitor, channel_key, campaign_key;
  double value = 0;
  int interaction = -1;

  if (!get_name (import, EV_VISITOR, &external_id, error)
      || !get_time (import, EV_TIMESTAMP, &time, error))
    return FALSE;
  type = text_field (import, EV_TYPE);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_ascii_strcasecmp (type, types[i]) == 0)
      interaction = (int)i;
  if (interaction < 0)
    return bad_field (import, EV_TYPE, error, "%s", _ ("impression, click, visit or conversion"));

  if (interaction == 3)
    {
      event = text_field (import, EV_EVENT);
      if (*event == '\0')
        event = "purchase";
      if (!get_number (import, EV_VALUE, FALSE, &value, error))
        return FALSE;
      return visitor_id (import, external_id, &visitor, error)
             && insert_conversion (import, visitor, time, event, value, error);
    }

  if (!get_name (import, EV_CHANNEL, &channel, error)
      || !get_count (import, EV_PAGE_VIEWS, &page_views, error))
    return FALSE;
  campaign = text_field (import, EV_CAMPAIGN);
  return visitor_id (import, external_id, &visitor, error)
         && channel_id (import, channel, &channel_key, error)
         && campaign_id (import, channel_key, campaign, &campaign_key, error)
         && insert_touchpoint (import, visitor, time, channel_key, campaign_key, interaction,
                               page_views, error);
}

/* The Kaggle "multi-touch attribution" layout: one row per impression, and
 * the row that converts (conversion = 1, interaction "conversion") also
 * carries the conversion. That row is kept as a touch too: the public path
 * tables built from this data count the converting row's channel as the
 * last touch, and doing the same lets our results be compared with them. */
static gboolean
kaggle_row (Import *import, GError **error)
{
  const char *external_id, *channel, *interaction;
  gint64 time, visitor, channel_key;
  gboolean converted;
  double value;

  if (!get_name (import, KG_COOKIE, &external_id, error)
      || !get_time (import, KG_TIME, &time, error)
      || !get_flag (import, KG_CONVERSION, &converted, error)
      || !get_number (import, KG_CONVERSION_VALUE, FALSE, &value, error)
      || !get_name (import, KG_CHANNEL, &channel, error))
    return FALSE;
  interaction = text_field (import, KG_INTERACTION);
  if (*interaction != '\0' && g_ascii_strcasecmp (interaction, "impression") != 0
      && g_ascii_strcasecmp (interaction, "conversion") != 0)
    return bad_field (import, KG_INTERACTION, error, "%s", _ ("impression or conversion"));

  if (!visitor_id (import, external_id, &visitor, error)
      || !channel_id (import, channel, &channel_key, error)
      || !insert_touchpoint (import, visitor, time, channel_key, 0, 0, 0, error))
    return FALSE;
  return !converted || insert_conversion (import, visitor, time, "conversion", value, error);
}

static guint
conversion_key_hash (gconstpointer key)
{
  const ConversionKey *k = key;

  return g_int64_hash (&k->visitor_id) * 31 + g_int64_hash (&k->time);
}

static gboolean
conversion_key_equal (gconstpointer a, gconstpointer b)
{
  const ConversionKey *x = a, *y = b;

  return x->visitor_id == y->visitor_id && x->time == y->time;
}

static guint
cost_key_hash (gconstpointer key)
{
  const CostKey *k = key;

  return g_int64_hash (&k->day) * 31 + g_int64_hash (&k->campaign_id);
}

static gboolean
cost_key_equal (gconstpointer a, gconstpointer b)
{
  const CostKey *x = a, *y = b;

  return x->day == y->day && x->campaign_id == y->campaign_id;
}

/* Criteo's attribution data set: every row is a display impression of the
 * channel "Criteo" (a click when click = 1) in the row's campaign. A
 * converting row names its conversion's time; the impressions that led to
 * one conversion all repeat it, so conversions are counted once per (uid,
 * conversion_timestamp). The data set gives no order value, so conversions
 * are worth 0. Costs are summed per day and campaign into "media" costs. */
static gboolean
criteo_row (Import *import, GError **error)
{
  const char *uid, *campaign;
  gint64 time, conversion_time = 0, visitor, campaign_key;
  gboolean converted, clicked;
  double cost;

  if (!get_time (import, CR_TIMESTAMP, &time, error) || !get_name (import, CR_UID, &uid, error)
      || !get_name (import, CR_CAMPAIGN, &campaign, error)
      || !get_flag (import, CR_CONVERSION, &converted, error)
      || !get_flag (import, CR_CLICK, &clicked, error)
      || !get_number (import, CR_COST, TRUE, &cost, error))
    return FALSE;
  if (converted && !get_time (import, CR_CONVERSION_TIMESTAMP, &conversion_time, error))
    return FALSE;

  if (import->criteo_channel == 0 && !channel_id (import, "Criteo", &import->criteo_channel, error))
    return FALSE;
  if (!visitor_id (import, uid, &visitor, error)
      || !campaign_id (import, import->criteo_channel, campaign, &campaign_key, error)
      || !insert_touchpoint (import, visitor, time, import->criteo_channel, campaign_key,
                             clicked ? 1 : 0, 0, error))
    return FALSE;

  if (cost != 0)
    {
      CostKey key = { rdm_csv_day_of (time), campaign_key };
      double *sum = g_hash_table_lookup (import->criteo_costs, &key);

      if (sum == NULL)
        {
          sum = g_new0 (double, 1);
          g_hash_table_insert (import->criteo_costs, g_memdup2 (&key, sizeof key), sum);
        }
      *sum += cost;
    }
  if (converted)
    {
      ConversionKey key = { visitor, conversion_time };

      if (!g_hash_table_contains (import->criteo_conversions, &key))
        {
          g_hash_table_add (import->criteo_conversions, g_memdup2 (&key, sizeof key));
          return insert_conversion (import, visitor, conversion_time, "conversion", 0, error);
        }
    }
  return TRUE;
}

static int
compare_cost_keys (gconstpointer a, gconstpointer b)
{
  const CostKey *x = a, *y = b;

  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;
  return x->campaign_id < y->campaign_id ? -1 : x->campaign_id > y->campaign_id;
}

static gboolean
criteo_finish (Import *import, GError **error)
{
  g_autoptr (GList) keys = g_hash_table_get_keys (import->criteo_costs);

  /* in day order, so the table reads naturally */
  keys = g_list_sort (keys, compare_cost_keys);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      const CostKey *key = l->data;
      const double *sum = g_hash_table_lookup (import->criteo_costs, key);

      if (!insert_cost (import, key->day, import->criteo_channel, key->campaign_id, "media", *sum,
                        error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
paths_row (Import *import, GError **error)
{
  g_auto (GStrv) steps = NULL;
  const char *path = text_field (import, PA_PATH);
  double conversions, value, nulls;
  GString *normalized = import->scratch;
  sqlite3_stmt *stmt;

  steps = g_strsplit (path, ">", -1);
  g_string_truncate (normalized, 0);
  /* an empty path has no step at all */
  if (steps[0] == NULL)
    return bad_field (import, PA_PATH, error, "%s",
                      _ ("channel names separated by “>” (“a > b > c”)"));
  for (guint i = 0; steps[i] != NULL; i++)
    {
      g_strstrip (steps[i]);
      if (*steps[i] == '\0')
        return bad_field (import, PA_PATH, error, "%s",
                          _ ("channel names separated by “>” (“a > b > c”)"));
      g_string_append_printf (normalized, "%s%s", i > 0 ? " > " : "", steps[i]);
    }
  if (!get_number (import, PA_CONVERSIONS, TRUE, &conversions, error)
      || !get_number (import, PA_VALUE, TRUE, &value, error)
      || !get_number (import, PA_NULLS, TRUE, &nulls, error))
    return FALSE;

  stmt = import_prepare (import,
                         "INSERT INTO path_row (path, conversions, value, nulls, import_id)"
                         " VALUES (?1, ?2, ?3, ?4, ?5)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, normalized->str, (int)normalized->len, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 2, conversions);
  sqlite3_bind_double (stmt, 3, value);
  sqlite3_bind_double (stmt, 4, nulls);
  sqlite3_bind_int64 (stmt, 5, import->import_id);
  return step_done (import, stmt, error);
}

static gboolean
costs_row (Import *import, GError **error)
{
  /* the schema's names first, then French spreadsheet words */
  static const struct
  {
    const char *word;
    const char *category;
  } categories[] = {
    { "media", "media" },        { "content", "content" },       { "staff", "staff" },
    { "tools", "tools" },        { "training", "training" },     { "compliance", "compliance" },
    { "other", "other" },        { "média", "media" },           { "contenu", "content" },
    { "personnel", "staff" },    { "outils", "tools" },          { "outil", "tools" },
    { "formation", "training" }, { "conformité", "compliance" }, { "autre", "other" },
    { "autres", "other" },
  };
  const char *channel, *campaign, *category = NULL;
  g_autofree char *folded = NULL;
  gint64 day, channel_key, campaign_key;
  double amount;

  if (!get_day (import, CO_DATE, &day, error) || !get_name (import, CO_CHANNEL, &channel, error))
    return FALSE;
  folded = g_utf8_casefold (text_field (import, CO_CATEGORY), -1);
  for (guint i = 0; i < G_N_ELEMENTS (categories) && category == NULL; i++)
    if (g_str_equal (folded, categories[i].word))
      category = categories[i].category;
  if (category == NULL)
    return bad_field (import, CO_CATEGORY, error, "%s",
                      _ ("media, content, staff, tools, training, compliance or other"));
  if (!get_number (import, CO_AMOUNT, TRUE, &amount, error))
    return FALSE;
  campaign = text_field (import, CO_CAMPAIGN);
  return channel_id (import, channel, &channel_key, error)
         && campaign_id (import, channel_key, campaign, &campaign_key, error)
         && insert_cost (import, day, channel_key, campaign_key, category, amount, error);
}

static gboolean
daily_row (Import *import, GError **error)
{
  const char *channel, *campaign;
  gint64 day, channel_key, campaign_key, counts[7];
  sqlite3_stmt *stmt;

  if (!get_day (import, DA_DATE, &day, error) || !get_name (import, DA_CHANNEL, &channel, error))
    return FALSE;
  for (int c = DA_IMPRESSIONS; c <= DA_FOLLOWERS; c++)
    if (!get_count (import, c, &counts[c - DA_IMPRESSIONS], error))
      return FALSE;
  campaign = text_field (import, DA_CAMPAIGN);
  if (!channel_id (import, channel, &channel_key, error)
      || !campaign_id (import, channel_key, campaign, &campaign_key, error))
    return FALSE;

  stmt = import_prepare (import,
                         "INSERT INTO campaign_daily (day, channel_id, campaign_id,"
                         " impressions, clicks, engagements, likes, shares, comments,"
                         " followers, import_id)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, day);
  sqlite3_bind_int64 (stmt, 2, channel_key);
  bind_optional_id (stmt, 3, campaign_key);
  for (int i = 0; i < 7; i++)
    sqlite3_bind_int64 (stmt, 4 + i, counts[i]);
  sqlite3_bind_int64 (stmt, 11, import->import_id);
  return step_done (import, stmt, error);
}

static gboolean
attributes_row (Import *import, GError **error)
{
  const char *external_id;
  gint64 visitor;

  if (!get_name (import, AT_VISITOR, &external_id, error)
      || !visitor_id (import, external_id, &visitor, error))
    return FALSE;
  for (guint i = 0; i < import->attribute_fields->len; i++)
    {
      int field = g_array_index (import->attribute_fields, int, i);
      const char *value = rdm_csv_reader_strip_field (import->reader, field);
      sqlite3_stmt *stmt;

      if (*value == '\0')
        continue;
      stmt = import_prepare (import,
                             "INSERT OR REPLACE INTO visitor_attribute (visitor_id, key,"
                             " value) VALUES (?1, ?2, ?3)",
                             error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, visitor);
      sqlite3_bind_text (stmt, 2, import->header[field], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, value, -1, SQLITE_STATIC);
      if (!step_done (import, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
survey_row (Import *import, GError **error)
{
  const char *metric, *source;
  gint64 day;
  double value;
  sqlite3_stmt *stmt;

  if (!get_day (import, SU_DATE, &day, error) || !get_name (import, SU_METRIC, &metric, error)
      || !get_number (import, SU_VALUE, FALSE, &value, error))
    return FALSE;
  source = text_field (import, SU_SOURCE);
  stmt = import_prepare (import,
                         "INSERT INTO series_value (day, metric, value, source, import_id)"
                         " VALUES (?1, ?2, ?3, ?4, ?5)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, day);
  sqlite3_bind_text (stmt, 2, metric, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 3, value);
  sqlite3_bind_text (stmt, 4, source, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, import->import_id);
  return step_done (import, stmt, error);
}

/* Driver. */

static GStrv
record_strv (RdmCsvReader *reader)
{
  guint n = rdm_csv_reader_get_n_fields (reader);
  GStrv fields = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    fields[i] = g_strdup (rdm_csv_reader_get_field (reader, i, NULL));
  return fields;
}

static GStrv
normalize_header (GStrv header)
{
  guint n = g_strv_length (header);
  GStrv normalized = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    normalized[i] = normalize_name (header[i]);
  return normalized;
}

/* A column named twice (spelled alike but for case) would leave which one
 * is read to chance: refused, naming both. Unnamed columns may repeat. */
static gboolean
check_distinct_columns (const char *file_name, GStrv header, GError **error)
{
  g_auto (GStrv) normalized = normalize_header (header);

  for (guint j = 1; normalized[j] != NULL; j++)
    for (guint i = 0; i < j; i++)
      if (*normalized[j] != '\0' && g_str_equal (normalized[i], normalized[j]))
        {
          g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_HEADER,
                       _ ("%s:1:%u: the column “%s” is named twice, in columns %u and %u: name "
                          "each column once"),
                       file_name, j + 1, header[j], i + 1, j + 1);
          return FALSE;
        }
  return TRUE;
}

/* Opens @path and reads its header line. */
static RdmCsvReader *
open_with_header (const char *path, GStrv *header, GError **error)
{
  g_autoptr (RdmCsvReader) reader = rdm_csv_reader_new_for_path (path, error);
  g_autoptr (GError) local_error = NULL;

  if (reader == NULL)
    return NULL;
  if (!rdm_csv_reader_next (reader, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_EMPTY,
                     _ ("%s:1:1: the file is empty: expected a header line naming the columns"),
                     rdm_csv_reader_get_name (reader));
      return NULL;
    }
  *header = record_strv (reader);
  for (guint i = 0; (*header)[i] != NULL; i++)
    g_strstrip ((*header)[i]);
  if (!check_distinct_columns (rdm_csv_reader_get_name (reader), *header, error))
    {
      g_clear_pointer (header, g_strfreev);
      return NULL;
    }
  return g_steal_pointer (&reader);
}

RdmImportPreview *
rdm_import_preview (const char *path,
                    guint max_rows,
                    const RdmImportOptions *options,
                    GError **error)
{
  g_autoptr (RdmImportPreview) preview = g_new0 (RdmImportPreview, 1);
  g_autoptr (RdmCsvReader) reader = NULL;
  g_autoptr (GStrvBuilder) columns = g_strv_builder_new ();
  g_autoptr (GStrvBuilder) mapped = g_strv_builder_new ();
  g_autoptr (GError) local_error = NULL;
  g_auto (GStrv) normalized = NULL;
  const Preset *preset;

  g_return_val_if_fail (path != NULL, NULL);

  reader = open_with_header (path, &preview->header, error);
  if (reader == NULL)
    return NULL;
  preview->separator = rdm_csv_reader_get_separator (reader);
  preview->bom = rdm_csv_reader_has_bom (reader);
  preview->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  while (preview->rows->len < max_rows && rdm_csv_reader_next (reader, &local_error))
    g_ptr_array_add (preview->rows, record_strv (reader));
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  normalized = normalize_header (preview->header);
  preset = choose_preset (options, "", preview->header, normalized, NULL);
  if (preset != NULL)
    {
      int indexes[MAX_COLUMNS];
      g_autofree char *file_name = g_path_get_basename (path);
      g_autoptr (GError) problem = NULL;

      /* A mapping that misses a required column is still previewed: the
       * import assistant shows the problem and lets the user fix it. */
      if (resolve_columns (preset, file_name, preview->header, normalized,
                           options != NULL ? options->mapping : NULL, indexes, &problem)
          < 0)
        {
          preview->problem = g_strdup (problem->message);
          for (guint c = 0; c < preset->n_columns; c++)
            indexes[c] = -1;
        }
      preview->kind = preset->kind;
      preview->preset = preset->name;
      for (guint c = 0; c < preset->n_columns; c++)
        {
          g_strv_builder_add (columns, preset->columns[c].name);
          g_strv_builder_add (mapped, indexes[c] >= 0 ? preview->header[indexes[c]] : "");
        }
    }
  preview->columns = g_strv_builder_end (columns);
  preview->mapped_header = g_strv_builder_end (mapped);
  return g_steal_pointer (&preview);
}

/* The SHA-256 of the file is computed in a thread of its own while the
 * rows are imported: it costs as much as a third of the import otherwise.
 * The duplicate check, which needs it, runs at the end, in the same
 * transaction, before COMMIT. */
typedef struct
{
  const guint8 *data;
  gsize size;
  gint stop; /* atomic: the import failed, the sum is not needed */
} HashJob;

static gpointer
hash_thread (gpointer user_data)
{
  HashJob *job = user_data;
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (gsize done = 0; done < job->size;)
    {
      gsize chunk = MIN (job->size - done, (gsize)16 << 20);

      if (g_atomic_int_get (&job->stop))
        return NULL;
      g_checksum_update (checksum, job->data + done, (gssize)chunk);
      done += chunk;
    }
  return g_strdup (g_checksum_get_string (checksum));
}

static gboolean
check_not_imported (Import *import, const char *checksum, GError **error)
{
  sqlite3_stmt *stmt = import_prepare (import,
                                       "SELECT id, imported_at, file_name FROM import_log"
                                       " WHERE checksum = ?1 AND id <> ?2 ORDER BY id LIMIT 1",
                                       error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, checksum, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, import->import_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr (GDateTime) when = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 1));
      g_autofree char *date
          = when != NULL ? g_date_time_format (when, "%Y-%m-%d %H:%M:%S UTC") : g_strdup ("?");

      g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_DUPLICATE,
                   _ ("%s: the same file was already imported on %s (import %" PRId64
                      ", as “%s”); import it again only with --force"),
                   rdm_csv_reader_get_name (import->reader), date,
                   (gint64)sqlite3_column_int64 (stmt, 0), sqlite3_column_text (stmt, 2));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static void
import_clear (Import *import)
{
  g_clear_pointer (&import->reader, rdm_csv_reader_free);
  g_clear_pointer (&import->header, g_strfreev);
  g_clear_pointer (&import->statements, g_hash_table_unref);
  g_clear_pointer (&import->touch_batch_sql, g_free);
  g_clear_pointer (&import->visitor_batch_sql, g_free);
  g_clear_pointer (&import->touch_index_sql, g_free);
  id_map_clear (&import->visitors);
  id_map_clear (&import->channels);
  id_map_clear (&import->campaigns);
  g_clear_pointer (&import->criteo_conversions, g_hash_table_unref);
  g_clear_pointer (&import->criteo_costs, g_hash_table_unref);
  g_clear_pointer (&import->attribute_fields, g_array_unref);
  if (import->scratch != NULL)
    g_string_free (g_steal_pointer (&import->scratch), TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

static void
add_reject (RdmImportReport *report, RdmCsvReader *reader, const GError *error)
{
  RdmImportReject *reject = g_new0 (RdmImportReject, 1);
  g_autofree char *prefix = g_strdup_printf ("%s:", rdm_csv_reader_get_name (reader));
  const char *rest = error->message;

  reject->message = g_strdup (error->message);
  reject->line = rdm_csv_reader_get_line (reader);
  reject->column = 1;
  /* the position is in the message: FILE:LINE:COLUMN: */
  if (g_str_has_prefix (rest, prefix))
    {
      char *end = NULL;

      rest += strlen (prefix);
      reject->line = g_ascii_strtoull (rest, &end, 10);
      if (end != NULL && *end == ':')
        reject->column = (guint)g_ascii_strtoull (end + 1, NULL, 10);
    }
  g_ptr_array_add (report->rejects, reject);
}

static gboolean
import_rows (Import *import,
             const RdmImportOptions *options,
             RdmImportReport *report,
             GCancellable *cancellable,
             RdmImportProgressFunc progress,
             gpointer progress_data,
             GError **error)
{
  g_autoptr (GError) local_error = NULL;
  gsize size;

  rdm_csv_reader_get_bytes (import->reader, &size);
  while (rdm_csv_reader_next (import->reader, &local_error))
    {
      guint n_fields = rdm_csv_reader_get_n_fields (import->reader);
      g_autoptr (GError) row_error = NULL;

      report->rows_read++;
      if (report->rows_read % PROGRESS_EVERY == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress != NULL)
            progress ((double)rdm_csv_reader_get_offset (import->reader) / (double)size,
                      progress_data);
        }
      if (n_fields != import->n_header)
        g_set_error (&row_error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                     _ ("%s:%" PRIu64 ":1: expected %u fields like the header, got %u"),
                     rdm_csv_reader_get_name (import->reader),
                     rdm_csv_reader_get_line (import->reader), import->n_header, n_fields);
      else if (import->preset->row (import, &row_error))
        {
          report->rows_imported++;
          continue;
        }
      if (!g_error_matches (row_error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW)
          || options == NULL || !options->skip_bad_rows)
        {
          g_propagate_error (error, g_steal_pointer (&row_error));
          return FALSE;
        }
      add_reject (report, import->reader, row_error);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (report->rows_read == 0)
    {
      g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_EMPTY,
                   _ ("%s:2:1: the file has a header line but no rows: expected at least one row"),
                   rdm_csv_reader_get_name (import->reader));
      return FALSE;
    }
  if (report->rows_imported == 0)
    {
      const RdmImportReject *first = report->rejects->pdata[0];

      /* "skip bad rows" with nothing good: an import of nothing is a
       * mistake to report, not a success */
      g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_BAD_ROW,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: %" PRIu64
                                " row read, and rejected, so nothing was imported: %s",
                                "%s: %" PRIu64 " rows read, all rejected, so nothing was imported; "
                                "the first: %s",
                                report->rows_read),
                   rdm_csv_reader_get_name (import->reader), report->rows_read, first->message);
      return FALSE;
    }
  if (!flush_visitors (import, error) || !flush_touchpoints (import, error))
    return FALSE;
  if (import->preset->finish != NULL && !import->preset->finish (import, error))
    return FALSE;
  if (progress != NULL)
    progress (1.0, progress_data);
  return TRUE;
}

static gboolean
write_log (Import *import,
           const char *file_name,
           const char *checksum,
           RdmImportReport *report,
           GError **error)
{
  sqlite3_stmt *stmt;

  if (import->import_id == 0)
    {
      stmt = import_prepare (import,
                             "INSERT INTO import_log (file_name, checksum, kind, preset,"
                             " imported_at, rows, rejects) VALUES (?1, ?2, ?3, ?4, ?5, 0, 0)",
                             error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, file_name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, checksum, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, rdm_import_kind_to_string (import->preset->kind), -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, import->preset->name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
      if (!step_done (import, stmt, error))
        return FALSE;
      import->import_id = sqlite3_last_insert_rowid (import->db);
      return TRUE;
    }
  stmt = import_prepare (import,
                         "UPDATE import_log SET checksum = ?1, rows = ?2, rejects = ?3"
                         " WHERE id = ?4",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, checksum, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, (gint64)report->rows_imported);
  sqlite3_bind_int64 (stmt, 3, (gint64)report->rejects->len);
  sqlite3_bind_int64 (stmt, 4, import->import_id);
  return step_done (import, stmt, error);
}

static gboolean
get_pragma (RdmProject *project, const char *sql, gint64 *value, GError **error)
{
  sqlite3_stmt *stmt = rdm_project_prepare (project, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return rdm_project_set_sql_error (project, error, _ ("Reading the connection’s settings"));
  *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/* A large event log going into a table that holds fewer rows than the file
 * will add is loaded without the touchpoint index, which is built again at
 * the end, in the same transaction: sorting once is several times faster
 * than inserting millions of keys one by one in random places. The index
 * is created again from its own text in the schema, so the schema stays
 * exactly what rdm_project_open() expects. A small import into a large
 * table keeps the index. */
static gboolean
drop_touch_index (Import *import, gsize file_size, GError **error)
{
  sqlite3_stmt *stmt;
  gint64 existing = 0;
  g_autofree char *sql = NULL;

  /* an event-log row is rarely under 40 bytes */
  if (import->preset->kind != RDM_IMPORT_KIND_EVENTS || file_size < 40 * 100000)
    return TRUE;
  stmt = import_prepare (import, "SELECT ifnull(max(id), 0) FROM touchpoint", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    existing = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if ((guint64)existing > file_size / 40)
    return TRUE;

  stmt = import_prepare (import,
                         "SELECT sql FROM sqlite_schema WHERE type = 'index'"
                         " AND name = 'touchpoint_visitor_time'",
                         error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    sql = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (sql == NULL)
    return TRUE;
  /* DROP needs no statement running on the connection; the statements
   * cached by rdm_project_prepare() stay active after their last row until
   * their next use, and nothing else can be using this connection now */
  for (sqlite3_stmt *other = sqlite3_next_stmt (import->db, NULL); other != NULL;
       other = sqlite3_next_stmt (import->db, other))
    if (sqlite3_stmt_busy (other))
      sqlite3_reset (other);
  if (!rdm_project_exec (import->project, "DROP INDEX touchpoint_visitor_time", error))
    return FALSE;
  import->touch_index_sql = g_steal_pointer (&sql);
  return TRUE;
}

static gboolean
restore_touch_index (Import *import, GError **error)
{
  g_autofree char *sql = g_steal_pointer (&import->touch_index_sql);
  g_autofree char *restore = NULL;

  if (sql == NULL)
    return TRUE;
  /* SQLite sorts the new index in runs the size of the page cache and
   * merges them in temporary files: with a small cache and files on disk
   * (temp_store = FILE, set above) rather than in memory, sorting 3 million
   * keys takes 1.3 s instead of 3.7 s (measured with sqlite3 3.40) */
  restore = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT "; PRAGMA threads = 0",
                             import->cache_size);
  /* The sorter merges its runs in helper threads when allowed: the rows
   * are all read by now, so the second core is free for it. */
  return rdm_project_exec (import->project, "PRAGMA cache_size = -2000; PRAGMA threads = 2", error)
         && rdm_project_exec (import->project, sql, error)
         && rdm_project_exec (import->project, restore, error);
}

/* Back to the connection's own settings. */
static void
restore_pragmas (Import *import)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA foreign_keys = %" G_GINT64_FORMAT ";"
                                          "PRAGMA ignore_check_constraints = OFF;"
                                          "PRAGMA temp_store = %" G_GINT64_FORMAT ";",
                                          import->foreign_keys, import->temp_store);

  /* cannot fail outside a transaction */
  rdm_project_exec (import->project, sql, NULL);
}

gboolean
rdm_import_file (RdmProject *project,
                 const char *path,
                 const RdmImportOptions *options,
                 GCancellable *cancellable,
                 RdmImportProgressFunc progress,
                 gpointer progress_data,
                 RdmImportReport **out_report,
                 GError **error)
{
  g_auto (Import) import = { 0 };
  g_autoptr (RdmImportReport) report = NULL;
  g_auto (GStrv) normalized = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *file_name = NULL;
  HashJob job = { 0 };
  GThread *hasher;
  gboolean ok;

  g_return_val_if_fail (RDM_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  import.project = project;
  import.db = rdm_project_get_db (project);
  import.reader = open_with_header (path, &import.header, error);
  if (import.reader == NULL)
    return FALSE;
  import.n_header = g_strv_length (import.header);
  normalized = normalize_header (import.header);
  import.preset = choose_preset (options, rdm_csv_reader_get_name (import.reader), import.header,
                                 normalized, error);
  if (import.preset == NULL
      || resolve_columns (import.preset, rdm_csv_reader_get_name (import.reader), import.header,
                          normalized, options != NULL ? options->mapping : NULL, import.columns,
                          error)
             < 0)
    return FALSE;

  import.decimal_comma = rdm_csv_reader_get_separator (import.reader) == ';';
  import.statements = g_hash_table_new (g_direct_hash, g_direct_equal);
  id_map_init (&import.visitors);
  id_map_init (&import.channels);
  id_map_init (&import.campaigns);
  import.criteo_conversions
      = g_hash_table_new_full (conversion_key_hash, conversion_key_equal, g_free, NULL);
  import.criteo_costs = g_hash_table_new_full (cost_key_hash, cost_key_equal, g_free, g_free);
  import.scratch = g_string_sized_new (256);
  import.attribute_fields = g_array_new (FALSE, FALSE, sizeof (int));
  if (import.preset->kind == RDM_IMPORT_KIND_ATTRIBUTES)
    for (guint i = 0; i < import.n_header; i++)
      if ((int)i != import.columns[AT_VISITOR] && *import.header[i] != '\0')
        g_array_append_val (import.attribute_fields, i);

  report = g_new0 (RdmImportReport, 1);
  report->rejects = g_ptr_array_new_with_free_func ((GDestroyNotify)rdm_import_reject_free);
  report->kind = import.preset->kind;
  report->preset = g_strdup (import.preset->name);
  report->separator = rdm_csv_reader_get_separator (import.reader);
  /* "-" is standard input, named as the reader names it */
  if (g_str_equal (path, "-"))
    report->file_name = g_strdup (rdm_csv_reader_get_name (import.reader));
  else
    {
      file_name = g_path_get_basename (path);
      report->file_name = g_filename_display_name (file_name);
    }

  /* Every id this import writes was just read or inserted by itself in the
   * same transaction, and every value bound to a column with a CHECK was
   * validated above (interaction is 0..2, categories and channel groups
   * come from our own lists). SQLite's foreign-key lookups (four per
   * touchpoint) and its CHECK code (which builds a temporary b-tree for
   * "IN (0, 1, 2)" on every insert) would only repeat that, and cost more
   * than half of the import's time; they are off while it runs. Changing
   * these pragmas expires the prepared statements, so every statement
   * prepared during the import is compiled again, with the checks, when
   * next used. Temporary files go to disk for the index sort (see
   * restore_touch_index()). The pragmas are no-ops inside a transaction,
   * hence before BEGIN. */
  if (!get_pragma (project, "PRAGMA cache_size", &import.cache_size, error)
      || !get_pragma (project, "PRAGMA temp_store", &import.temp_store, error)
      || !get_pragma (project, "PRAGMA foreign_keys", &import.foreign_keys, error))
    return FALSE;
  if (!rdm_project_exec (project,
                         "PRAGMA foreign_keys = OFF;"
                         "PRAGMA ignore_check_constraints = ON;"
                         "PRAGMA temp_store = FILE;",
                         error))
    {
      restore_pragmas (&import);
      return FALSE;
    }
  job.data = rdm_csv_reader_get_bytes (import.reader, &job.size);
  hasher = g_thread_new ("rdm-import-sha256", hash_thread, &job);
  ok = rdm_project_begin (project, error)
       && write_log (&import, report->file_name, "", report, error)
       && drop_touch_index (&import, job.size, error)
       && import_rows (&import, options, report, cancellable, progress, progress_data, error)
       && restore_touch_index (&import, error);
  if (!ok)
    g_atomic_int_set (&job.stop, 1);
  checksum = g_thread_join (hasher);
  ok = ok && ((options != NULL && options->force) || check_not_imported (&import, checksum, error))
       && write_log (&import, report->file_name, checksum, report, error)
       && rdm_project_commit (project, error);
  if (!ok)
    rdm_project_rollback (project);
  restore_pragmas (&import);
  if (!ok)
    return FALSE;
  report->import_id = import.import_id;
  if (out_report != NULL)
    *out_report = g_steal_pointer (&report);
  return TRUE;
}
