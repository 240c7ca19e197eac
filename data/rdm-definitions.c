/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <cjson/cJSON.h>
#include <glib/gi18n-lib.h>

#include "rdm-analysis-config.h"
#include "rdm-business.h"
#include "rdm-channel-rules-data.h"
#include "rdm-branding.h"
#include "rdm-definitions.h"
#include "rdm-filter.h"
#include "rdm-project-db.h"
#include "rdm-segments.h"

#define DEFINITIONS_FORMAT "rendement-definitions"
#define DEFINITIONS_VERSION 2

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

cJSON *
rdm_objective_to_json (const RdmObjective *objective)
{
  cJSON *item = cJSON_CreateObject ();

  cJSON_AddStringToObject (item, "name", objective->name);
  cJSON_AddStringToObject (item, "function", objective->business_function);
  cJSON_AddStringToObject (item, "description", objective->description);
  return item;
}

cJSON *
rdm_initiative_to_json (const RdmInitiative *initiative)
{
  cJSON *entry = cJSON_CreateObject ();

  cJSON_AddStringToObject (entry, "name", initiative->name);
  cJSON_AddStringToObject (entry, "description", initiative->description);
  cJSON_AddItemToObject (entry, "campaigns",
                         cJSON_CreateStringArray ((const char *const *)initiative->campaigns,
                                                  g_strv_length (initiative->campaigns)));
  return entry;
}

cJSON *
rdm_kpi_to_json (const RdmKpi *kpi)
{
  cJSON *entry = cJSON_CreateObject ();

  cJSON_AddStringToObject (entry, "name", kpi->name);
  cJSON_AddStringToObject (entry, "formula", kpi->formula);
  cJSON_AddStringToObject (entry, "unit", kpi->unit);
  if (kpi->has_target)
    cJSON_AddNumberToObject (entry, "target", kpi->target);
  else
    cJSON_AddNullToObject (entry, "target");
  cJSON_AddStringToObject (entry, "direction", kpi->lower_is_better ? "lower" : "higher");
  cJSON_AddStringToObject (entry, "period", rdm_period_kind_to_string (kpi->period));
  return entry;
}

static cJSON *
objectives_json (RdmProject *project, GError **error)
{
  g_autoptr (GPtrArray) objectives = rdm_project_list_objectives (project, error);
  g_autoptr (GPtrArray) initiatives = NULL;
  g_autoptr (GPtrArray) kpis = NULL;
  g_autoptr (cJSON) list = cJSON_CreateArray ();

  if (objectives == NULL || (initiatives = rdm_project_list_initiatives (project, error)) == NULL
      || (kpis = rdm_project_list_kpis (project, error)) == NULL)
    return NULL;

  for (guint i = 0; i < objectives->len; i++)
    {
      const RdmObjective *objective = g_ptr_array_index (objectives, i);
      cJSON *item = rdm_objective_to_json (objective);
      cJSON *initiative_list = cJSON_AddArrayToObject (item, "initiatives");
      cJSON *kpi_list = cJSON_AddArrayToObject (item, "kpis");

      for (guint k = 0; k < initiatives->len; k++)
        {
          const RdmInitiative *initiative = g_ptr_array_index (initiatives, k);

          if (g_str_equal (initiative->objective, objective->name))
            cJSON_AddItemToArray (initiative_list, rdm_initiative_to_json (initiative));
        }
      for (guint k = 0; k < kpis->len; k++)
        {
          const RdmKpi *kpi = g_ptr_array_index (kpis, k);

          if (g_str_equal (kpi->objective, objective->name))
            cJSON_AddItemToArray (kpi_list, rdm_kpi_to_json (kpi));
        }
      cJSON_AddItemToArray (list, item);
    }
  return g_steal_pointer (&list);
}

static gboolean
add_channels_json (RdmProject *project, cJSON *root, GError **error)
{
  g_autoptr (GPtrArray) rules = rdm_project_list_channel_rules (project, error);
  g_autoptr (GPtrArray) channels
      = rules != NULL ? rdm_project_list_channels (project, error) : NULL;
  cJSON *list;

  if (channels == NULL)
    return FALSE;
  list = cJSON_AddArrayToObject (root, "channel_rules");
  for (guint i = 0; i < rules->len; i++)
    {
      const RdmChannelRule *rule = rules->pdata[i];
      cJSON *entry = cJSON_CreateObject ();

      cJSON_AddStringToObject (entry, "source", rule->source);
      cJSON_AddStringToObject (entry, "medium", rule->medium);
      cJSON_AddStringToObject (entry, "campaign", rule->campaign);
      cJSON_AddStringToObject (entry, "syntax", rdm_channel_rule_syntax_to_string (rule->syntax));
      cJSON_AddStringToObject (entry, "channel", rule->channel);
      cJSON_AddStringToObject (entry, "group", rule->group);
      cJSON_AddItemToArray (list, entry);
    }
  list = cJSON_AddArrayToObject (root, "channels");
  for (guint i = 0; i < channels->len; i++)
    {
      const RdmChannelInfo *info = channels->pdata[i];
      cJSON *entry = cJSON_CreateObject ();

      cJSON_AddStringToObject (entry, "name", info->name);
      cJSON_AddStringToObject (entry, "group", info->group);
      cJSON_AddItemToArray (list, entry);
    }
  return TRUE;
}

static void
add_optional_string (cJSON *object, const char *member, const char *value)
{
  if (value != NULL)
    cJSON_AddStringToObject (object, member, value);
}

/* The review's branding, when the project has one; the logo's bytes in
 * base64. */
static gboolean
add_branding_json (RdmProject *project, cJSON *root, GError **error)
{
  g_auto (RdmBranding) branding = { 0 };
  cJSON *object;

  if (!rdm_project_load_branding (project, &branding, error))
    return FALSE;
  if (branding.title == NULL && branding.client == NULL && branding.author == NULL
      && branding.logo == NULL && !branding.has_accent && branding.currency == NULL)
    return TRUE;
  object = cJSON_AddObjectToObject (root, "branding");
  add_optional_string (object, "title", branding.title);
  add_optional_string (object, "client", branding.client);
  add_optional_string (object, "author", branding.author);
  add_optional_string (object, "currency", branding.currency);
  if (branding.has_accent)
    {
      g_autofree char *accent = g_strdup_printf ("#%06x", branding.accent);

      cJSON_AddStringToObject (object, "accent", accent);
    }
  if (branding.logo != NULL)
    {
      gsize size;
      const guchar *data = g_bytes_get_data (branding.logo, &size);
      g_autofree char *encoded = g_base64_encode (data, size);

      cJSON_AddStringToObject (object, "logo_base64", encoded);
    }
  return TRUE;
}

char *
rdm_project_export_definitions (RdmProject *project, GError **error)
{
  g_autoptr (cJSON) root = cJSON_CreateObject ();
  g_autoptr (GPtrArray) segments = rdm_project_list_segments (project, error);
  cJSON *objectives, *segment_list, *settings_list;
  sqlite3_stmt *stmt;
  int rc;

  if (segments == NULL || (objectives = objectives_json (project, error)) == NULL)
    return NULL;
  cJSON_AddStringToObject (root, "format", DEFINITIONS_FORMAT);
  cJSON_AddNumberToObject (root, "version", DEFINITIONS_VERSION);
  cJSON_AddItemToObject (root, "objectives", objectives);
  segment_list = cJSON_AddArrayToObject (root, "segments");
  for (guint i = 0; i < segments->len; i++)
    {
      const RdmSegmentRecord *record = g_ptr_array_index (segments, i);
      cJSON *entry = cJSON_CreateObject ();

      cJSON_AddStringToObject (entry, "name", record->name);
      cJSON_AddStringToObject (entry, "filter", record->filter);
      cJSON_AddItemToArray (segment_list, entry);
    }

  settings_list = cJSON_AddArrayToObject (root, "model_settings");
  stmt = rdm_project_prepare (project,
                              "SELECT name, settings_json FROM model_setting ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      cJSON *entry = cJSON_CreateObject ();
      cJSON *settings = cJSON_Parse ((const char *)sqlite3_column_text (stmt, 1));

      cJSON_AddStringToObject (entry, "name", (const char *)sqlite3_column_text (stmt, 0));
      cJSON_AddItemToObject (entry, "settings",
                             settings != NULL ? settings : cJSON_CreateObject ());
      cJSON_AddItemToArray (settings_list, entry);
    }
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Reading saved model settings")), NULL;
  sqlite3_reset (stmt);
  if (!add_channels_json (project, root, error) || !add_branding_json (project, root, error))
    return NULL;
  return cJSON_Print (root);
}

typedef struct
{
  RdmProject *project;
  const char *source;
  RdmDefinitionsReport *report;
} Import;

void
rdm_definitions_report_free (RdmDefinitionsReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->created_channels, g_ptr_array_unref);
  g_clear_pointer (&report->new_attributes, g_ptr_array_unref);
  g_free (report);
}

static void
note_created_channel (Import *import, const char *name)
{
  if (!g_ptr_array_find_with_equal_func (import->report->created_channels, name, g_str_equal, NULL))
    g_ptr_array_add (import->report->created_channels, g_strdup (name));
}

static gboolean G_GNUC_PRINTF (3, 4)
    invalid (const Import *import, GError **error, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s", import->source, message);
  return FALSE;
}

/* A string member; optional ones default to "". */
static gboolean
get_string (const Import *import,
            const cJSON *object,
            const char *member,
            const char *where,
            gboolean required,
            const char **out,
            GError **error)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, member);

  if (item == NULL && !required)
    {
      *out = "";
      return TRUE;
    }
  if (!cJSON_IsString (item))
    return invalid (import, error, _ ("%s: “%s” must be a string"), where, member);
  *out = item->valuestring;
  return TRUE;
}

static const cJSON *
get_array (const Import *import,
           const cJSON *object,
           const char *member,
           const char *where,
           GError **error)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, member);

  if (item == NULL)
    {
      static cJSON empty = { .type = cJSON_Array };
      return &empty;
    }
  if (!cJSON_IsArray (item))
    return invalid (import, error, _ ("%s: “%s” must be an array"), where, member), NULL;
  return item;
}

static gboolean
campaign_exists (RdmProject *project, const char *label, gboolean *exists, GError **error)
{
  sqlite3_stmt *stmt = rdm_project_prepare (
      project,
      "SELECT 1 FROM campaign JOIN channel ON channel.id = campaign.channel_id"
      " WHERE channel.name || ' / ' || campaign.name = ?1",
      error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, label, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Reading campaigns"));
  *exists = rc == SQLITE_ROW;
  return TRUE;
}

static gboolean
import_initiative (
    Import *import, const char *objective, const cJSON *item, const char *where, GError **error)
{
  g_autoptr (GPtrArray) campaigns = g_ptr_array_new ();
  const char *name, *description;
  const cJSON *list, *campaign;

  if (!cJSON_IsObject (item))
    return invalid (import, error, _ ("%s must be an object"), where);
  if (!get_string (import, item, "name", where, TRUE, &name, error)
      || !get_string (import, item, "description", where, FALSE, &description, error)
      || (list = get_array (import, item, "campaigns", where, error)) == NULL)
    return FALSE;
  cJSON_ArrayForEach (campaign, list)
    {
      gboolean exists = FALSE;

      if (!cJSON_IsString (campaign))
        return invalid (import, error, _ ("%s: campaigns must be strings"), where);
      if (!campaign_exists (import->project, campaign->valuestring, &exists, error))
        return FALSE;
      if (exists)
        g_ptr_array_add (campaigns, campaign->valuestring);
      else
        import->report->skipped_campaigns++;
    }
  g_ptr_array_add (campaigns, NULL);
  if (!rdm_project_add_initiative (import->project, objective, name, description,
                                   (const char *const *)campaigns->pdata, error))
    {
      g_prefix_error (error, "%s: %s: ", import->source, where);
      return FALSE;
    }
  return TRUE;
}

static gboolean
import_kpi (
    Import *import, const char *objective, const cJSON *item, const char *where, GError **error)
{
  RdmKpi kpi = { .objective = (char *)objective, .period = RDM_PERIOD_QUARTER };
  const char *name, *formula, *unit, *direction, *period;
  const cJSON *target;

  if (!cJSON_IsObject (item))
    return invalid (import, error, _ ("%s must be an object"), where);
  if (!get_string (import, item, "name", where, TRUE, &name, error)
      || !get_string (import, item, "formula", where, TRUE, &formula, error)
      || !get_string (import, item, "unit", where, FALSE, &unit, error)
      || !get_string (import, item, "direction", where, FALSE, &direction, error)
      || !get_string (import, item, "period", where, FALSE, &period, error))
    return FALSE;
  kpi.name = (char *)name;
  kpi.formula = (char *)formula;
  kpi.unit = (char *)unit;
  if (*direction != '\0' && !g_str_equal (direction, "higher") && !g_str_equal (direction, "lower"))
    return invalid (import, error, _ ("%s: “direction” must be “higher” or “lower”"), where);
  kpi.lower_is_better = g_str_equal (direction, "lower");
  if (*period != '\0' && !rdm_period_kind_parse (period, &kpi.period, NULL))
    return invalid (import, error, _ ("%s: “period” must be month, quarter or year"), where);
  target = cJSON_GetObjectItemCaseSensitive (item, "target");
  if (target != NULL && !cJSON_IsNull (target))
    {
      if (!cJSON_IsNumber (target) || !isfinite (target->valuedouble))
        return invalid (import, error, _ ("%s: “target” must be a number or null"), where);
      kpi.has_target = TRUE;
      kpi.target = target->valuedouble;
    }
  if (!rdm_project_add_kpi (import->project, &kpi, error))
    {
      g_prefix_error (error, "%s: %s: ", import->source, where);
      return FALSE;
    }
  return TRUE;
}

static gboolean
import_objective (Import *import, const cJSON *item, guint index, GError **error)
{
  g_autofree char *where = g_strdup_printf (_ ("objective %u"), index + 1);
  const char *name, *function, *description;
  const cJSON *list, *entry;
  guint k = 0;

  if (!cJSON_IsObject (item))
    return invalid (import, error, _ ("%s must be an object"), where);
  if (!get_string (import, item, "name", where, TRUE, &name, error)
      || !get_string (import, item, "function", where, TRUE, &function, error)
      || !get_string (import, item, "description", where, FALSE, &description, error))
    return FALSE;
  g_free (where);
  where = g_strdup_printf (_ ("objective “%s”"), name);
  if (!rdm_project_add_objective (import->project, name, function, description, error))
    {
      g_prefix_error (error, "%s: %s: ", import->source, where);
      return FALSE;
    }
  if ((list = get_array (import, item, "initiatives", where, error)) == NULL)
    return FALSE;
  cJSON_ArrayForEach (entry, list)
    {
      g_autofree char *entry_where = g_strdup_printf (_ ("%s, initiative %u"), where, ++k);
      if (!import_initiative (import, name, entry, entry_where, error))
        return FALSE;
    }
  if ((list = get_array (import, item, "kpis", where, error)) == NULL)
    return FALSE;
  k = 0;
  cJSON_ArrayForEach (entry, list)
    {
      g_autofree char *entry_where = g_strdup_printf (_ ("%s, KPI %u"), where, ++k);
      if (!import_kpi (import, name, entry, entry_where, error))
        return FALSE;
    }
  return TRUE;
}

/* Creates the channels @filter names that the project lacks: a segment
 * of another client's framework may name channels this client has not
 * imported yet. A filter that does not parse is left to the segment's own
 * check, which says where. */
static gboolean
ensure_filter_channels (Import *import, const char *filter, GError **error)
{
  g_autoptr (RdmFilter) parsed = rdm_filter_parse (filter, NULL, NULL);
  g_auto (GStrv) names = parsed != NULL ? rdm_filter_get_channels (parsed) : NULL;
  sqlite3_stmt *exists;

  if (names == NULL || names[0] == NULL)
    return TRUE;
  exists = rdm_project_prepare (import->project,
                                "SELECT EXISTS (SELECT 1 FROM channel"
                                " WHERE name = ?1)",
                                error);
  if (exists == NULL)
    return FALSE;
  for (guint i = 0; names[i] != NULL; i++)
    {
      gboolean known;

      sqlite3_bind_text (exists, 1, names[i], -1, SQLITE_TRANSIENT);
      if (sqlite3_step (exists) != SQLITE_ROW)
        {
          sqlite3_reset (exists);
          return rdm_project_set_sql_error (import->project, error, _ ("Reading the channels"));
        }
      known = sqlite3_column_int (exists, 0) != 0;
      sqlite3_reset (exists);
      if (known)
        continue;
      if (rdm_project_ensure_channel (import->project, names[i], error) < 0)
        return FALSE;
      note_created_channel (import, names[i]);
    }
  return TRUE;
}

/* The channel list: channels this client lacks are created in the file's
 * group; those it has keep the group it gave them. */
static gboolean
import_channels (Import *import, const cJSON *root, GError **error)
{
  const cJSON *list = get_array (import, root, "channels", _ ("the file"), error);
  const cJSON *item;
  guint index = 0;

  if (list == NULL)
    return FALSE;
  cJSON_ArrayForEach (item, list)
    {
      g_autofree char *where = g_strdup_printf (_ ("channel %u"), ++index);
      g_autofree char *group = NULL;
      const char *name, *group_text;
      gboolean created;

      if (!cJSON_IsObject (item))
        return invalid (import, error, _ ("%s must be an object"), where);
      if (!get_string (import, item, "name", where, TRUE, &name, error)
          || !get_string (import, item, "group", where, TRUE, &group_text, error))
        return FALSE;
      group = rdm_channel_group_parse (group_text);
      if (group == NULL)
        return invalid (import, error, _ ("%s: “group” must not be empty"), where);
      if (_rdm_project_ensure_channel_in_group (import->project, name, group, FALSE, &created,
                                                error)
          < 0)
        return FALSE;
      if (created)
        note_created_channel (import, name);
    }
  return TRUE;
}

static gboolean
same_rule (const RdmChannelRule *a, const RdmChannelRule *b)
{
  return g_str_equal (a->source, b->source) && g_str_equal (a->medium, b->medium)
         && g_str_equal (a->campaign, b->campaign) && a->syntax == b->syntax
         && g_str_equal (a->channel, b->channel) && g_str_equal (a->group, b->group);
}

/* The file's rules that the project lacks go first, in the file's order,
 * then the project's: the framework labels as it did for the other client,
 * and a rule this client added stays ahead of the defaults it overrides. */
static gboolean
import_channel_rules (Import *import, const cJSON *root, GError **error)
{
  const cJSON *list = get_array (import, root, "channel_rules", _ ("the file"), error);
  g_autoptr (GPtrArray) existing = NULL;
  g_autoptr (GPtrArray) rules = NULL;
  g_autoptr (RdmRelabelReport) relabelled = NULL;
  const cJSON *item;
  guint index = 0;

  if (list == NULL || (existing = rdm_project_list_channel_rules (import->project, error)) == NULL)
    return FALSE;
  rules = g_ptr_array_new_with_free_func ((GDestroyNotify)rdm_channel_rule_free);
  cJSON_ArrayForEach (item, list)
    {
      g_autofree char *where = g_strdup_printf (_ ("channel rule %u"), ++index);
      g_autoptr (RdmChannelRule) rule = NULL;
      g_autoptr (GError) rule_error = NULL;
      g_autofree char *group = NULL;
      const char *source, *medium, *campaign, *syntax_text, *channel, *group_text;
      RdmChannelRuleSyntax syntax;
      gboolean known = FALSE;

      if (!cJSON_IsObject (item))
        return invalid (import, error, _ ("%s must be an object"), where);
      if (!get_string (import, item, "source", where, FALSE, &source, error)
          || !get_string (import, item, "medium", where, FALSE, &medium, error)
          || !get_string (import, item, "campaign", where, FALSE, &campaign, error)
          || !get_string (import, item, "syntax", where, TRUE, &syntax_text, error)
          || !get_string (import, item, "channel", where, TRUE, &channel, error)
          || !get_string (import, item, "group", where, TRUE, &group_text, error))
        return FALSE;
      if (!rdm_channel_rule_syntax_from_string (syntax_text, &syntax))
        return invalid (import, error, _ ("%s: “syntax” must be “glob” or “regex”, not “%s”"),
                        where, syntax_text);
      group = rdm_channel_group_parse (group_text);
      rule = rdm_channel_rule_new (source, medium, campaign, syntax, channel, group);
      if (!rdm_channel_rule_validate (rule, &rule_error))
        return invalid (import, error, "%s: %s", where, rule_error->message);
      for (guint i = 0; i < existing->len && !known; i++)
        known = same_rule (existing->pdata[i], rule);
      for (guint i = 0; i < rules->len && !known; i++)
        known = same_rule (rules->pdata[i], rule);
      if (!known)
        g_ptr_array_add (rules, g_steal_pointer (&rule));
    }
  import->report->added_rules = rules->len;
  if (rules->len == 0)
    return TRUE;
  for (guint i = 0; i < existing->len; i++)
    g_ptr_array_add (rules, rdm_channel_rule_copy (existing->pdata[i]));
  relabelled = g_new0 (RdmRelabelReport, 1);
  relabelled->created_channels = g_ptr_array_new_with_free_func (g_free);
  relabelled->removed_channels = g_ptr_array_new_with_free_func (g_free);
  if (!_rdm_project_write_channel_rules (import->project, rules, relabelled, error))
    return FALSE;
  for (guint i = 0; i < relabelled->created_channels->len; i++)
    note_created_channel (import, relabelled->created_channels->pdata[i]);
  return TRUE;
}

/* A string member that may be absent (NULL). */
static gboolean
get_optional_string (
    const Import *import, const cJSON *object, const char *member, char **out, GError **error)
{
  const char *text;

  if (cJSON_GetObjectItemCaseSensitive (object, member) == NULL)
    return TRUE;
  if (!get_string (import, object, member, _ ("branding"), TRUE, &text, error))
    return FALSE;
  *out = g_strdup (text);
  return TRUE;
}

/* The file's branding, into a project that has none yet: a project's own
 * branding stays. */
static gboolean
import_branding (Import *import, const cJSON *root, GError **error)
{
  const cJSON *object = cJSON_GetObjectItemCaseSensitive (root, "branding");
  g_auto (RdmBranding) current = { 0 };
  g_auto (RdmBranding) branding = { 0 };
  g_autofree char *accent = NULL;
  g_autofree char *logo = NULL;
  g_autoptr (GError) local_error = NULL;

  if (object == NULL)
    return TRUE;
  if (!cJSON_IsObject (object))
    return invalid (import, error, _ ("“branding” must be an object"));
  if (!get_optional_string (import, object, "title", &branding.title, error)
      || !get_optional_string (import, object, "client", &branding.client, error)
      || !get_optional_string (import, object, "author", &branding.author, error)
      || !get_optional_string (import, object, "currency", &branding.currency, error)
      || !get_optional_string (import, object, "accent", &accent, error)
      || !get_optional_string (import, object, "logo_base64", &logo, error))
    return FALSE;
  if (accent != NULL)
    {
      if (!rdm_branding_parse_accent (accent, &branding.accent, &local_error))
        return invalid (import, error, "%s", local_error->message);
      branding.has_accent = TRUE;
    }
  if (logo != NULL)
    {
      gsize size = 0;
      guchar *data = g_base64_decode (logo, &size);

      branding.logo = g_bytes_new_take (data, size);
    }
  if (!rdm_branding_check (&branding, &local_error))
    return invalid (import, error, "%s", local_error->message);
  if (!rdm_project_load_branding (import->project, &current, error))
    return FALSE;
  if (current.title != NULL || current.client != NULL || current.author != NULL
      || current.logo != NULL || current.has_accent || current.currency != NULL)
    return TRUE;
  return rdm_project_save_branding (import->project, &branding, error);
}

static gboolean
import_all (Import *import, const cJSON *root, GError **error)
{
  const cJSON *format = cJSON_GetObjectItemCaseSensitive (root, "format");
  const cJSON *version = cJSON_GetObjectItemCaseSensitive (root, "version");
  const cJSON *list, *item;
  guint index = 0;

  if (!cJSON_IsString (format) || !g_str_equal (format->valuestring, DEFINITIONS_FORMAT))
    return invalid (import, error, _ ("not a Rendement definitions file (“format” must be “%s”)"),
                    DEFINITIONS_FORMAT);
  if (!cJSON_IsNumber (version)
      || (version->valuedouble != 1 && version->valuedouble != DEFINITIONS_VERSION))
    return invalid (import, error,
                    _ ("definitions version %g is not supported: this Rendement reads version %d"),
                    cJSON_IsNumber (version) ? version->valuedouble : 0.0, DEFINITIONS_VERSION);

  /* first, so that a channel a segment names gets the file's group */
  if (!import_channels (import, root, error))
    return FALSE;
  if ((list = get_array (import, root, "objectives", _ ("the file"), error)) == NULL)
    return FALSE;
  cJSON_ArrayForEach (item, list)
    if (!import_objective (import, item, index++, error))
      return FALSE;

  if ((list = get_array (import, root, "segments", _ ("the file"), error)) == NULL)
    return FALSE;
  index = 0;
  cJSON_ArrayForEach (item, list)
    {
      g_autofree char *where = g_strdup_printf (_ ("segment %u"), ++index);
      const char *name, *filter;

      if (!cJSON_IsObject (item))
        return invalid (import, error, _ ("%s must be an object"), where);
      if (!get_string (import, item, "name", where, TRUE, &name, error)
          || !get_string (import, item, "filter", where, TRUE, &filter, error))
        return FALSE;
      if (!ensure_filter_channels (import, filter, error)
          || !_rdm_project_add_segment_for_definitions (import->project, name, filter,
                                                        import->report->new_attributes, error))
        {
          g_prefix_error (error, "%s: ", import->source);
          return FALSE;
        }
    }

  if ((list = get_array (import, root, "model_settings", _ ("the file"), error)) == NULL)
    return FALSE;
  index = 0;
  cJSON_ArrayForEach (item, list)
    {
      g_autofree char *where = g_strdup_printf (_ ("model setting %u"), ++index);
      g_autofree char *settings_text = NULL;
      const cJSON *settings = cJSON_GetObjectItemCaseSensitive (item, "settings");
      const char *name;
      sqlite3_stmt *stmt;

      if (!cJSON_IsObject (item) || !get_string (import, item, "name", where, TRUE, &name, error))
        return cJSON_IsObject (item) ? FALSE
                                     : invalid (import, error, _ ("%s must be an object"), where);
      if (!cJSON_IsObject (settings))
        return invalid (import, error, _ ("%s: “settings” must be an object"), where);
      settings_text = cJSON_PrintUnformatted (settings);
      /* every project opened in the window has its own analysis settings
       * (rdm-analysis-config.h): those of the project imported into stay */
      stmt = rdm_project_prepare (
          import->project,
          g_str_equal (name, RDM_ANALYSIS_CONFIG_NAME)
              ? "INSERT INTO model_setting (name, settings_json) VALUES (?1, ?2)"
                " ON CONFLICT (name) DO NOTHING"
              : "INSERT INTO model_setting (name, settings_json) VALUES (?1, ?2)",
          error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, settings_text, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return invalid (import, error, _ ("%s: a model setting named “%s” already exists"), where,
                        name);
    }
  return import_channel_rules (import, root, error) && import_branding (import, root, error);
}

gboolean
rdm_project_import_definitions (RdmProject *project,
                                const char *json,
                                gsize length,
                                const char *source,
                                RdmDefinitionsReport **out_report,
                                GError **error)
{
  const char *end = NULL;
  g_autoptr (cJSON) root = cJSON_ParseWithLengthOpts (json, length, &end, FALSE);
  g_autoptr (RdmDefinitionsReport) report = g_new0 (RdmDefinitionsReport, 1);
  Import import = { .project = project, .source = source, .report = report };

  report->created_channels = g_ptr_array_new_with_free_func (g_free);
  report->new_attributes = g_ptr_array_new_with_free_func (g_free);
  if (root == NULL || !cJSON_IsObject (root))
    {
      gsize offset = root == NULL && end != NULL ? (gsize)(end - json) : 0;
      guint line = 1, column = 1;

      for (gsize i = 0; i < offset && i < length; i++)
        {
          if (json[i] == '\n')
            line++, column = 1;
          else if (((guchar)json[i] & 0xc0) != 0x80)
            column++;
        }
      if (root == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _ ("%s:%u:%u: malformed JSON"),
                     source, line, column);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _ ("%s: expected a JSON object at the top"), source);
      return FALSE;
    }
  if (!rdm_project_begin (project, error))
    return FALSE;
  if (!import_all (&import, root, error))
    {
      rdm_project_rollback (project);
      return FALSE;
    }
  if (!rdm_project_commit (project, error))
    return FALSE;
  if (out_report != NULL)
    *out_report = g_steal_pointer (&report);
  return TRUE;
}
