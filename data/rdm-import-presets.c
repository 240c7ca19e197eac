/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import presets: the columns of each format, how a header is matched to
 * them (by name, alias or --map), and which preset a header is read with
 * when the user names none. See rdm-import.c for the importer as a whole.
 */

#include "config.h"

#include <inttypes.h>

#include <string.h>
#include <glib/gi18n-lib.h>

#include "rdm-import-private.h"

static const ColumnSpec events_columns[] = {
  { "visitor_id", "visitor|visitor id|user_id|user id|client_id|visiteur|id_visiteur", TRUE },
  { "timestamp", "time|datetime|date_time|horodatage|date_heure", TRUE },
  { "type", "event_type|type_evenement|type d'événement", TRUE },
  { "channel", "canal", FALSE },
  { "campaign", "campagne|utm_campaign", FALSE },
  { "value", "valeur|revenue", FALSE },
  { "event", "event_name|événement|evenement", FALSE },
  { "page_views", "pageviews|page views|pages_vues|pages vues", FALSE },
  /* without a channel column, source and medium name the channel through
   * the channel rules */
  { "source", "utm_source|traffic_source|session source", FALSE },
  { "medium", "utm_medium|session medium|support", FALSE },
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
  /* kept for shared costs, whose description the ROI caption names */
  { "description", "libellé|libelle|label|note|comment|commentaire", FALSE },
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

/* A measured experiment per row (SPEC.md, "Incrementality and ground
 * truth"): the channel must already be in the project. */
static const ColumnSpec experiments_columns[] = {
  { "channel", "canal", TRUE },
  { "start", "start_date|from|début|debut|date_début|date_debut", TRUE },
  { "end", "end_date|to|fin|date_fin", TRUE },
  { "incremental_conversions",
    "incremental|lift|conversions_incrémentales|conversions_incrementales", TRUE },
  { "ci_low", "lower|low|ic_bas", TRUE },
  { "ci_high", "upper|high|ic_haut", TRUE },
  { "incremental_value", "valeur_incrémentale|valeur_incrementale", FALSE },
  { "method", "méthode|methode", FALSE },
  { "spend_kept", "dépense_conservée|depense_conservee", FALSE },
};

/* Ad-platform exports, in the columns of the PL_ enum. The header names
 * are the platforms' own (see tests/data/README.md for the documentation
 * each follows), and only they are read, never the canonical names: a
 * file of "date, campaign, cost" is not a Google Ads report. An amount's
 * header may carry its currency, "Cost (EUR)".
 * Google Ads localises its headers: the English and French ones are read,
 * each with its numbers ("1,234.56", "1 234,56"). */
static const ColumnSpec google_ads_columns[] = {
  { "date", "day", TRUE },
  { "end_date", "", FALSE },
  { "campaign", "campaign", TRUE },
  { "campaign_type", "campaign type", FALSE },
  { "currency", "currency code", FALSE },
  { "cost", "cost", TRUE, TRUE },
  { "impressions", "impr.", FALSE },
  { "clicks", "clicks", FALSE },
  { "engagements", "", FALSE },
  { "likes", "", FALSE },
  { "shares", "", FALSE },
  { "comments", "", FALSE },
  { "followers", "", FALSE },
  { "platform", "", FALSE },
};

static const ColumnSpec google_ads_fr_columns[] = {
  { "date", "jour", TRUE },
  { "end_date", "", FALSE },
  { "campaign", "campagne", TRUE },
  { "campaign_type", "type de campagne", FALSE },
  { "currency", "code de la devise|code devise", FALSE },
  { "cost", "coût|cout", TRUE, TRUE },
  { "impressions", "impr.", FALSE },
  { "clicks", "clics", FALSE },
  { "engagements", "", FALSE },
  { "likes", "", FALSE },
  { "shares", "", FALSE },
  { "comments", "", FALSE },
  { "followers", "", FALSE },
  { "platform", "", FALSE },
};

/* With a breakdown by day the export has a "Day" column; without it, each
 * row covers "Reporting starts" to "Reporting ends". */
static const ColumnSpec meta_ads_columns[] = {
  { "date", "day|reporting starts", TRUE },
  { "end_date", "reporting ends", FALSE },
  { "campaign", "campaign name", TRUE },
  { "campaign_type", "", FALSE },
  { "currency", "currency", FALSE },
  { "cost", "amount spent", TRUE, TRUE },
  { "impressions", "impressions", FALSE },
  { "clicks", "link clicks", FALSE },
  { "engagements", "post engagement|post engagements", FALSE },
  { "likes", "post reactions", FALSE },
  { "shares", "post shares", FALSE },
  { "comments", "post comments", FALSE },
  { "followers", "page likes", FALSE },
  { "platform", "platform", FALSE },
};

static const ColumnSpec linkedin_ads_columns[] = {
  { "date", "start date (in utc)", TRUE },
  { "end_date", "", FALSE },
  { "campaign", "campaign name", TRUE },
  { "campaign_type", "campaign type", FALSE },
  { "currency", "currency", FALSE },
  { "cost", "total spent", TRUE, TRUE },
  { "impressions", "impressions", FALSE },
  { "clicks", "clicks", FALSE },
  { "engagements", "total social actions|social actions", FALSE },
  { "likes", "reactions", FALSE },
  { "shares", "shares", FALSE },
  { "comments", "comments", FALSE },
  { "followers", "follows", FALSE },
  { "platform", "", FALSE },
};

static const PlatformSpec google_ads = { PLATFORM_GOOGLE_ADS, '.', FALSE };
static const PlatformSpec google_ads_fr = { PLATFORM_GOOGLE_ADS, ',', FALSE };
static const PlatformSpec meta_ads = { PLATFORM_META, '.', FALSE };
static const PlatformSpec linkedin_ads = { PLATFORM_LINKEDIN, '.', TRUE };

/* Daily totals, for a business without visitor-level tracking (SPEC.md,
 * "Top-down measurement"). */
static const ColumnSpec outcomes_columns[] = {
  { "date", "day|jour", TRUE },
  { "conversions", "total_conversions", TRUE },
  { "value", "valeur|revenue|revenu|chiffre d'affaires|chiffre d’affaires", FALSE },
  { "region", "région|zone", FALSE },
};

/* The header names below are those of GA4's user interface in English
 * and French (support.google.com/analytics/answer/10595568, "Attribution
 * paths report", formerly "Conversion paths"; conversions were renamed key
 * events in 2024, so both names are read). The French ones are written
 * with both apostrophes, since GA4 uses the typographic one. */
#define GA4_CONVERSIONS "key events|événements clés|evenements cles"
#define GA4_REVENUE                                                                                  \
  "purchase revenue|total revenue|revenue|revenus d'achat|revenus d’achat|revenus générés par " \
  "les achats|revenus totaux|revenu total|revenu"

/* The Advertising > Attribution paths report: one row per path of the
 * dimension chosen (the default channel group, or source / medium), with
 * no null column, since it lists converting paths only. Read in the
 * order of PA_PATH .. PA_VALUE. */
static const ColumnSpec ga4_paths_columns[] = {
  { "path",
    "default channel group|session default channel group|first user default channel group|"
    "source / medium|session source / medium|session source/medium|source/medium|"
    "groupe de canaux par défaut|groupe de canaux par défaut de la session|source/support|"
    "source / support|source/support de la session|source / support de la session",
    TRUE },
  { "conversions", GA4_CONVERSIONS, TRUE },
  { "value", GA4_REVENUE, FALSE },
};

/* A free-form exploration by day: "Date" (YYYYMMDD) and its metrics. */
static const ColumnSpec ga4_daily_columns[] = {
  { "date", "jour", TRUE },
  { "conversions", GA4_CONVERSIONS, TRUE },
  { "value", GA4_REVENUE, FALSE },
};

/* Matomo's Goals overview by day: the API's Goals.get with period=day and
 * format=CSV (a "date" column first, then nb_conversions,
 * nb_visits_converted, revenue, conversion_rate), or the same report
 * exported from the interface with its columns' translated names
 * (developer.matomo.org/api-reference/reporting-api, "Goals"). */
static const ColumnSpec matomo_goals_columns[] = {
  { "date", "label", TRUE },
  { "conversions", "nb_conversions", TRUE },
  { "value", "revenue|revenu|chiffre d'affaires|chiffre d’affaires", FALSE },
};

/* The row writers in rdm-import-rows.c read these columns by the enums of
 * rdm-import-private.h; a column added on one side only fails here. */
G_STATIC_ASSERT (G_N_ELEMENTS (events_columns) == EV_MEDIUM + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (kaggle_columns) == KG_CHANNEL + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (criteo_columns) == CR_CPO + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (paths_columns) == PA_NULLS + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (costs_columns) == CO_DESCRIPTION + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (daily_columns) == DA_FOLLOWERS + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (attributes_columns) == AT_VISITOR + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (survey_columns) == SU_SOURCE + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (experiments_columns) == EX_SPEND_KEPT + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (google_ads_columns) == PL_PLATFORM + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (google_ads_fr_columns) == PL_PLATFORM + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (meta_ads_columns) == PL_PLATFORM + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (linkedin_ads_columns) == PL_PLATFORM + 1);
G_STATIC_ASSERT (PL_PLATFORM < MAX_COLUMNS);
G_STATIC_ASSERT (G_N_ELEMENTS (outcomes_columns) == OU_REGION + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (ga4_paths_columns) == PA_VALUE + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (ga4_daily_columns) == OU_VALUE + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (matomo_goals_columns) == OU_VALUE + 1);

#define PRESET(name, title, kind, columns, row, finish)                                            \
  {                                                                                                \
    name, title, kind, columns, G_N_ELEMENTS (columns), NULL, FALSE, FALSE, row, finish, NULL      \
  }
#define PRESET_HINTED(name, title, kind, columns, row, hints, ga4, needs_signature)                \
  {                                                                                                \
    name, title, kind, columns, G_N_ELEMENTS (columns), hints, ga4, needs_signature, row, NULL,    \
        NULL                                                                                       \
  }
#define PLATFORM_PRESET(name, title, columns, platform)                                            \
  {                                                                                                \
    name, title, RDM_IMPORT_KIND_DAILY, columns, G_N_ELEMENTS (columns), NULL, FALSE, FALSE,       \
        _rdm_import_platform_row, _rdm_import_platform_finish, platform                            \
  }

/* The first preset of each kind is its default, and wins a tie. */
static const Preset presets[] = {
  PRESET ("events",
          N_ ("Event log"),
          RDM_IMPORT_KIND_EVENTS,
          events_columns,
          _rdm_import_events_row,
          NULL),
  PRESET ("kaggle",
          N_ ("Kaggle multi-touch attribution"),
          RDM_IMPORT_KIND_EVENTS,
          kaggle_columns,
          _rdm_import_kaggle_row,
          NULL),
  PRESET ("criteo",
          N_ ("Criteo attribution"),
          RDM_IMPORT_KIND_EVENTS,
          criteo_columns,
          _rdm_import_criteo_row,
          _rdm_import_criteo_finish),
  PRESET ("costs", N_ ("Costs"), RDM_IMPORT_KIND_COSTS, costs_columns, _rdm_import_costs_row, NULL),
  PRESET ("daily",
          N_ ("Campaign daily metrics"),
          RDM_IMPORT_KIND_DAILY,
          daily_columns,
          _rdm_import_daily_row,
          NULL),
  PLATFORM_PRESET ("google-ads", N_ ("Google Ads report"), google_ads_columns, &google_ads),
  PLATFORM_PRESET ("google-ads-fr",
                   N_ ("Google Ads report (French interface)"),
                   google_ads_fr_columns,
                   &google_ads_fr),
  PLATFORM_PRESET ("meta-ads", N_ ("Meta Ads Manager export"), meta_ads_columns, &meta_ads),
  PLATFORM_PRESET (
      "linkedin-ads", N_ ("LinkedIn Campaign Manager export"), linkedin_ads_columns, &linkedin_ads),
  PRESET ("attributes",
          N_ ("Visitor attributes"),
          RDM_IMPORT_KIND_ATTRIBUTES,
          attributes_columns,
          _rdm_import_attributes_row,
          NULL),
  PRESET ("channelattribution",
          N_ ("Path table (ChannelAttribution)"),
          RDM_IMPORT_KIND_PATHS,
          paths_columns,
          _rdm_import_paths_row,
          NULL),
  PRESET ("survey",
          N_ ("Survey or brand series"),
          RDM_IMPORT_KIND_SURVEY,
          survey_columns,
          _rdm_import_survey_row,
          NULL),
  PRESET ("experiments",
          N_ ("Experiments"),
          RDM_IMPORT_KIND_EXPERIMENTS,
          experiments_columns,
          _rdm_import_experiments_row,
          NULL),
  PRESET_HINTED ("ga4-paths",
                 N_ ("GA4 conversion paths"),
                 RDM_IMPORT_KIND_PATHS,
                 ga4_paths_columns,
                 _rdm_import_ga4_paths_row,
                 "days to conversion|touchpoints to conversion|days to key event|days to key "
                 "events|touchpoints to key event|touchpoints to key events|jours jusqu'à la "
                 "conversion|points de contact jusqu'à la conversion",
                 TRUE,
                 TRUE),
  PRESET ("outcomes",
          N_ ("Daily outcomes"),
          RDM_IMPORT_KIND_OUTCOMES,
          outcomes_columns,
          _rdm_import_outcomes_row,
          NULL),
  PRESET_HINTED ("ga4-daily",
                 N_ ("GA4 exploration by day"),
                 RDM_IMPORT_KIND_OUTCOMES,
                 ga4_daily_columns,
                 _rdm_import_outcomes_row,
                 "session default channel group|default channel group|first user default "
                 "channel group|groupe de canaux par défaut de la session|groupe de canaux par "
                 "défaut",
                 TRUE,
                 FALSE),
  PRESET_HINTED ("matomo-goals",
                 N_ ("Matomo goals by day"),
                 RDM_IMPORT_KIND_OUTCOMES,
                 matomo_goals_columns,
                 _rdm_import_outcomes_row,
                 "nb_visits_converted|conversion_rate|visits converted|conversion rate|visites "
                 "converties|taux de conversion",
                 FALSE,
                 FALSE),
};

/* Whether @preset reads files of @kind (any for NONE). An ad-platform
 * export is daily figures and costs at once, so it is offered as either. */
static gboolean
preset_has_kind (const Preset *preset, RdmImportKind kind)
{
  return kind == RDM_IMPORT_KIND_NONE || preset->kind == kind
         || (preset->platform != NULL && kind == RDM_IMPORT_KIND_COSTS);
}

static const char *const kind_names[] = {
  "", "events", "costs", "daily", "attributes", "paths", "survey", "experiments", "outcomes",
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
    if (preset_has_kind (&presets[i], kind))
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

gboolean
rdm_import_preset_is_platform (const char *preset)
{
  const Preset *found = find_preset (preset);

  return found != NULL && found->platform != NULL;
}

const char *
rdm_import_preset_get_title (const char *preset)
{
  const Preset *found = find_preset (preset);

  return found != NULL ? g_dgettext (GETTEXT_PACKAGE, found->title) : NULL;
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

GStrv
_rdm_import_normalize_header (GStrv header)
{
  guint n = g_strv_length (header);
  GStrv normalized = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    normalized[i] = normalize_name (header[i]);
  return normalized;
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

/* Whether @normalized is @wanted followed by a currency, " (eur)". */
static gboolean
is_with_currency (const char *normalized, const char *wanted)
{
  gsize length = strlen (wanted);
  const char *rest = normalized + length;

  return strncmp (normalized, wanted, length) == 0 && rest[0] == ' ' && rest[1] == '('
         && g_ascii_isalpha (rest[2]) && g_ascii_isalpha (rest[3]) && g_ascii_isalpha (rest[4])
         && rest[5] == ')' && rest[6] == '\0';
}

/* The header of @spec's column by its name (unless @aliases_only), then
 * its aliases, then (an amount) the same followed by a currency; -1 if
 * none. */
static int
find_column (const ColumnSpec *spec, GStrv normalized, gboolean aliases_only)
{
  g_auto (GStrv) aliases = g_strsplit (spec->aliases, "|", -1);
  int index = aliases_only ? -1 : find_header (normalized, spec->name);

  for (guint a = 0; index < 0 && aliases[a] != NULL; a++)
    if (*aliases[a] != '\0')
      index = find_header (normalized, aliases[a]);
  for (guint i = 0; index < 0 && spec->money && normalized[i] != NULL; i++)
    {
      g_autofree char *name = normalize_name (spec->name);

      if (!aliases_only && is_with_currency (normalized[i], name))
        index = (int)i;
      for (guint a = 0; index < 0 && aliases[a] != NULL; a++)
        if (*aliases[a] != '\0')
          {
            g_autofree char *alias = normalize_name (aliases[a]);

            if (is_with_currency (normalized[i], alias))
              index = (int)i;
          }
    }
  return index;
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
int
_rdm_import_resolve_columns (const Preset *preset,
                             const char *file_name,
                             guint64 header_line,
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
        index = find_column (spec, normalized, preset->platform != NULL);
      if (index < 0 && spec->required)
        {
          g_autofree char *list = header_list (header);

          g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_MISSING_COLUMN,
                       _ ("%s:%" PRIu64 ": missing column “%s” (preset “%s”); the file’s columns "
                          "are %s"),
                       file_name, header_line, spec->name, preset->name, list);
          return -1;
        }
      columns[c] = index;
      found += index >= 0;
    }
  if (preset->row == _rdm_import_events_row && columns[EV_CHANNEL] < 0 && columns[EV_SOURCE] < 0)
    {
      g_autofree char *list = header_list (header);

      g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_MISSING_COLUMN,
                   _ ("%s:%" PRIu64 ": missing column “channel” (or “source” and “medium”, "
                      "which the channel rules turn into channels) (preset “%s”); the file’s "
                      "columns are %s"),
                   file_name, header_line, preset->name, list);
      return -1;
    }
  return found;
}

/* The '|'-separated names of @names found in the header, as indexes into
 * it, appended to @found. */
static void
find_names (GStrv normalized, const char *names, GArray *found)
{
  g_auto (GStrv) split = g_strsplit (names != NULL ? names : "", "|", -1);

  for (guint i = 0; split[i] != NULL; i++)
    {
      int index = *split[i] != '\0' ? find_header (normalized, split[i]) : -1;

      if (index >= 0)
        g_array_append_val (found, index);
    }
}

char *
_rdm_import_fold_comment (const char *line)
{
  g_autofree char *stripped = g_strstrip (g_strdup (line));

  return g_utf8_casefold (stripped, -1);
}

guint
_rdm_import_ga4_flags (const GPtrArray *comments)
{
  /* the report's title, as GA4 writes it in English and French */
  static const char *const paths_titles[] = {
    "conversion paths",      "attribution paths",     "chemins de conversion",
    "chemins d'attribution", "chemins d’attribution",
  };
  guint flags = comments->len > 0 ? GA4_BLOCK : 0;

  for (guint i = 0; i < comments->len; i++)
    {
      g_autofree char *folded = _rdm_import_fold_comment (comments->pdata[i]);

      for (guint t = 0; t < G_N_ELEMENTS (paths_titles); t++)
        if (g_str_equal (folded, paths_titles[t]))
          flags |= GA4_PATHS_REPORT;
    }
  return flags;
}

/* The preset of @kind (any kind for NONE) that reads the most columns of
 * the header, among those whose required columns are all there; a header
 * only one format has (a hint) counts like a column read, and so does
 * GA4's comment block for the GA4 presets. */
static const Preset *
guess_preset (RdmImportKind kind, GStrv header, GStrv normalized, GHashTable *mapping, guint ga4)
{
  const Preset *best = NULL;
  int best_found = 0;

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      g_autoptr (GArray) hints = g_array_new (FALSE, FALSE, sizeof (int));
      int columns[MAX_COLUMNS];
      int found;

      if (!preset_has_kind (&presets[i], kind))
        continue;
      found = _rdm_import_resolve_columns (&presets[i], "", 1, header, normalized, mapping, columns,
                                           NULL);
      if (found <= 0)
        continue;
      find_names (normalized, presets[i].hints, hints);
      if (presets[i].needs_signature && hints->len == 0 && !(ga4 & GA4_PATHS_REPORT))
        continue;
      found += (int)hints->len + ((ga4 & GA4_BLOCK) && presets[i].ga4);
      if (found > best_found)
        {
          best = &presets[i];
          best_found = found;
        }
    }
  return best;
}

char *
_rdm_import_preset_reason (
    const Preset *preset, GStrv header, const int *columns, guint ga4, gboolean chosen)
{
  g_auto (GStrv) normalized = _rdm_import_normalize_header (header);
  g_autoptr (GArray) shown = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GString) list = g_string_new (NULL);
  const char *title = g_dgettext (GETTEXT_PACKAGE, preset->title);

  for (guint c = 0; c < preset->n_columns; c++)
    if (columns[c] >= 0)
      g_array_append_val (shown, columns[c]);
  find_names (normalized, preset->hints, shown);
  for (guint i = 0; i < shown->len; i++)
    g_string_append_printf (list, "%s“%s”", i > 0 ? ", " : "",
                            header[g_array_index (shown, int, i)]);
  if (chosen)
    /* Translators: the first %s is a preset's title, the second a list of columns */
    return g_strdup_printf (_ ("Preset chosen: %s; it reads %s"), title, list->str);
  if ((ga4 & GA4_BLOCK) && preset->ga4)
    return g_strdup_printf (_ ("Detected: %s — the header has %s and the file starts with "
                               "GA4’s “#” comment block"),
                            title, list->str);
  return g_strdup_printf (_ ("Detected: %s — the header has %s"), title, list->str);
}

static const Preset *
default_preset (RdmImportKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (presets[i].kind == kind)
      return &presets[i];
  return NULL;
}

/* Whether @name (normalised) is a column name or alias of a generic
 * preset ("day", "campaign", "impressions"), which says nothing of which
 * platform wrote a file. */
static gboolean
is_generic_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      if (presets[i].platform != NULL)
        continue;
      for (guint c = 0; c < presets[i].n_columns; c++)
        {
          g_auto (GStrv) aliases = g_strsplit (presets[i].columns[c].aliases, "|", -1);
          g_autofree char *column = normalize_name (presets[i].columns[c].name);

          if (g_str_equal (column, name))
            return TRUE;
          for (guint a = 0; aliases[a] != NULL; a++)
            {
              g_autofree char *alias = normalize_name (aliases[a]);

              if (g_str_equal (alias, name))
                return TRUE;
            }
        }
    }
  return FALSE;
}

/* The ad-platform preset the header is closest to, among those that find
 * at least two of their columns there by names only the platform uses
 * ("Impr.", "Campaign type", "Amount spent"; not "Day" nor "Campaign"),
 * required or not: a report with its cost column removed is still told
 * from an unknown file, and a generic file missing a column is not taken
 * for a report. */
static const Preset *
closest_platform (GStrv normalized)
{
  const Preset *best = NULL;
  guint best_found = 1;

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      guint found = 0;

      if (presets[i].platform == NULL)
        continue;
      for (guint c = 0; c < presets[i].n_columns; c++)
        {
          int index = find_column (&presets[i].columns[c], normalized, TRUE);

          found += index >= 0 && !is_generic_name (normalized[index]);
        }
      if (found > best_found)
        {
          best = &presets[i];
          best_found = found;
        }
    }
  return best;
}

/* Picks the preset from the options, or guesses it; on failure explains
 * what is missing. */
const Preset *
_rdm_import_choose_preset (const RdmImportOptions *options,
                           const char *file_name,
                           guint64 header_line,
                           GStrv header,
                           GStrv normalized,
                           guint ga4,
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
      if (preset == NULL || !preset_has_kind (preset, kind))
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
  preset = guess_preset (kind, header, normalized, mapping, ga4);
  /* a wrong --map must be reported as such, not as an unknown layout */
  if (preset == NULL && mapping != NULL)
    preset = guess_preset (kind, header, normalized, NULL, ga4);
  /* columns only an ad platform writes ("Impr.", "Campaign type") make the
   * file that platform's report even when a generic preset reads a few of
   * its columns (a Google Ads report has "Day" and "Conversions", as daily
   * outcomes do): one missing its cost is said to be that */
  if (preset != NULL && preset->platform == NULL && preset_has_kind (preset, kind)
      && (kind == RDM_IMPORT_KIND_NONE || kind == RDM_IMPORT_KIND_DAILY
          || kind == RDM_IMPORT_KIND_COSTS))
    {
      const Preset *platform = closest_platform (normalized);
      int columns[MAX_COLUMNS];

      if (platform != NULL)
        return _rdm_import_resolve_columns (platform, file_name, header_line, header, normalized,
                                            mapping, columns, error)
                       >= 0
                   ? platform
                   : NULL;
    }
  if (preset != NULL)
    return preset;
  if (ga4 && kind == RDM_IMPORT_KIND_NONE)
    {
      g_autofree char *list = NULL;

      /* a GA4 report with its first column and not the others: say which
       * column is missing */
      for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
        {
          int columns[MAX_COLUMNS];
          g_auto (GStrv) first = g_strsplit (presets[i].columns[0].aliases, "|", -1);
          gboolean has_first = find_header (normalized, presets[i].columns[0].name) >= 0;

          for (guint a = 0; !has_first && first[a] != NULL; a++)
            has_first = find_header (normalized, first[a]) >= 0;
          if (presets[i].ga4 && has_first
              && _rdm_import_resolve_columns (&presets[i], file_name, header_line, header,
                                              normalized, mapping, columns, error)
                     < 0)
            return NULL;
        }
      list = header_list (header);

      /* GA4 names its columns in the language of its interface, and a
       * report that is neither can only be mapped by hand */
      g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_UNRECOGNIZED,
                   _ ("%s:%" PRIu64
                      ": a GA4 export with the columns %s, which is neither the Attribution "
                      "(conversion) paths report (a path column such as “Default channel "
                      "group”, with “Conversions” or “Key events”) nor an exploration by day (a "
                      "“Date” column with “Conversions” or “Key events”), in English or French; "
                      "an exploration by other dimensions holds totals that Rendement has no "
                      "table for. Download the report with GA4’s interface in English or "
                      "French, or choose a kind and map the columns"),
                   file_name, header_line, list);
      return NULL;
    }
  if (kind == RDM_IMPORT_KIND_NONE || kind == RDM_IMPORT_KIND_DAILY
      || kind == RDM_IMPORT_KIND_COSTS)
    preset = closest_platform (normalized);
  if (preset == NULL && kind != RDM_IMPORT_KIND_NONE)
    preset = default_preset (kind);
  if (preset != NULL)
    {
      int columns[MAX_COLUMNS];

      /* explains which column of that preset is missing */
      _rdm_import_resolve_columns (preset, file_name, header_line, header, normalized, mapping,
                                   columns, error);
      if (error == NULL || *error != NULL)
        return NULL;
    }
  {
    g_autofree char *list = header_list (header);

    /* "Impr." is Google Ads' column in most of its languages */
    if (find_header (normalized, "impr.") >= 0)
      g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_UNRECOGNIZED,
                   _ ("%s:%" PRIu64 ": the columns %s look like a Google Ads report in a "
                      "language Rendement does not read: expected the English or French column "
                      "names (Day or Jour, Campaign or Campagne, Cost or Coût); switch the Google "
                      "Ads interface to English or French and download the report again"),
                   file_name, header_line, list);
    else
      g_set_error (error, RDM_IMPORT_ERROR, RDM_IMPORT_ERROR_UNRECOGNIZED,
                   _ ("%s:%" PRIu64 ": cannot tell which kind of data the columns %s hold: "
                      "choose a kind and a preset"),
                   file_name, header_line, list);
  }
  return NULL;
}

gboolean
_rdm_import_header_is_known (const RdmImportOptions *options, GStrv header)
{
  g_auto (GStrv) normalized = _rdm_import_normalize_header (header);
  const Preset *preset = NULL;
  int columns[MAX_COLUMNS];

  if (options != NULL && options->preset != NULL)
    {
      preset = find_preset (options->preset);
      return preset != NULL
             && _rdm_import_resolve_columns (preset, "", 1, header, normalized, options->mapping,
                                             columns, NULL)
                    >= 0;
    }
  /* a file without GA4's comment block: no GA4 flags */
  return guess_preset (options != NULL ? options->kind : RDM_IMPORT_KIND_NONE, header, normalized,
                       options != NULL ? options->mapping : NULL, 0)
         != NULL;
}
