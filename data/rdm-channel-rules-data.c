/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The channel rules of a project and what they label.
 *
 * A row that came from a source and medium (an event log with
 * utm_source/utm_medium, an ad platform's report, a GA4 path of
 * "source / medium" steps) keeps that label in traffic_source, and its
 * channel is whatever the rules give the label. Changing the rules
 * therefore re-labels the rows in place: the new channel of every label is
 * worked out once, and one UPDATE per table moves the rows whose channel
 * changed, without reading the files again. Rows whose file named their
 * channel have no label, and keep it.
 *
 * A channel a rule names takes the rule's group (the first rule naming it
 * decides); the group of a channel a file named is the user's to set.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rdm-channel-rules-data.h"
#include "rdm-project-db.h"

void
rdm_relabel_report_free (RdmRelabelReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->created_channels, g_ptr_array_unref);
  g_clear_pointer (&report->removed_channels, g_ptr_array_unref);
  g_free (report);
}

static RdmRelabelReport *
relabel_report_new (void)
{
  RdmRelabelReport *report = g_new0 (RdmRelabelReport, 1);

  report->created_channels = g_ptr_array_new_with_free_func (g_free);
  report->removed_channels = g_ptr_array_new_with_free_func (g_free);
  return report;
}

static gulong
plural_count (gint64 n)
{
  return (gulong)CLAMP (n, 0, G_MAXLONG);
}

/* In the locale's digit grouping, as the front ends write counts. */
static char *
format_count (gint64 n)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n);
}

/* "Blog, Meta" */
static char *
join_names (GPtrArray *names)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", (const char *)names->pdata[i]);
  return g_string_free (text, FALSE);
}

char *
rdm_relabel_report_describe (const RdmRelabelReport *report)
{
  g_autoptr (GPtrArray) counts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *touchpoints = format_count (report->touchpoints);
  g_autofree char *costs = format_count (report->costs);
  g_autofree char *daily_rows = format_count (report->daily_rows);
  g_autofree char *path_rows = format_count (report->path_rows);

  /* Translators: parts of "Re-labelled %s"; %s is a number */
  if (report->touchpoints > 0)
    g_ptr_array_add (
        counts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s touchpoint", "%s touchpoints",
                                              plural_count (report->touchpoints)),
                                 touchpoints));
  if (report->costs > 0)
    g_ptr_array_add (counts,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s cost row", "%s cost rows",
                                                   plural_count (report->costs)),
                                      costs));
  if (report->daily_rows > 0)
    g_ptr_array_add (counts,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s daily row", "%s daily rows",
                                                   plural_count (report->daily_rows)),
                                      daily_rows));
  if (report->path_rows > 0)
    g_ptr_array_add (counts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s path", "%s paths",
                                                           plural_count (report->path_rows)),
                                              path_rows));
  if (counts->len == 0)
    g_string_append (text, _ ("Nothing re-labelled"));
  else
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (counts, NULL);
      list = g_strjoinv (", ", (char **)counts->pdata);
      /* Translators: %s lists counts: "3 touchpoints, 2 costs" */
      g_string_append_printf (text, _ ("Re-labelled %s"), list);
    }
  if (report->created_channels->len > 0)
    {
      g_autofree char *names = join_names (report->created_channels);
      /* Translators: follows "Re-labelled 3 touchpoints"; %s lists channel names */
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE, "; new channel %s", "; new channels %s",
                                           report->created_channels->len),
                              names);
    }
  if (report->removed_channels->len > 0)
    {
      g_autofree char *names = join_names (report->removed_channels);
      /* Translators: channels left with no data, removed; %s lists their names */
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE, "; removed channel %s",
                                           "; removed channels %s", report->removed_channels->len),
                              names);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
rdm_channel_info_free (RdmChannelInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->group);
  g_free (info);
}

GPtrArray *
rdm_project_list_channel_rules (RdmProject *project, GError **error)
{
  g_autoptr (GPtrArray) rules
      = g_ptr_array_new_with_free_func ((GDestroyNotify)rdm_channel_rule_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = rdm_project_prepare (project,
                              "SELECT source, medium, campaign, syntax, channel, channel_group"
                              " FROM channel_rule ORDER BY position",
                              error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdmChannelRuleSyntax syntax = RDM_CHANNEL_RULE_GLOB;

      rdm_channel_rule_syntax_from_string ((const char *)sqlite3_column_text (stmt, 3), &syntax);
      g_ptr_array_add (rules,
                       rdm_channel_rule_new ((const char *)sqlite3_column_text (stmt, 0),
                                             (const char *)sqlite3_column_text (stmt, 1),
                                             (const char *)sqlite3_column_text (stmt, 2), syntax,
                                             (const char *)sqlite3_column_text (stmt, 4),
                                             (const char *)sqlite3_column_text (stmt, 5)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rdm_project_set_sql_error (project, error, _ ("Reading the channel rules"));
      return NULL;
    }
  return g_steal_pointer (&rules);
}

RdmChannelRules *
rdm_project_load_channel_rules (RdmProject *project, GError **error)
{
  g_autoptr (GPtrArray) rules = rdm_project_list_channel_rules (project, error);

  return rules != NULL ? rdm_channel_rules_new (rules, error) : NULL;
}

gint64
_rdm_project_ensure_channel_in_group (RdmProject *project,
                                      const char *name,
                                      const char *group,
                                      gboolean set_group,
                                      gboolean *created,
                                      GError **error)
{
  sqlite3_stmt *stmt;
  gint64 id = -1;
  gboolean same_group = TRUE;

  *created = FALSE;
  stmt = rdm_project_prepare (project, "SELECT id, channel_group FROM channel WHERE name = ?1",
                              error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      same_group = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 1), group) == 0;
    }
  sqlite3_reset (stmt);
  if (id < 0)
    {
      stmt = rdm_project_prepare (
          project, "INSERT INTO channel (name, channel_group) VALUES (?1, ?2)", error);
      if (stmt == NULL)
        return -1;
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, group, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return rdm_project_set_sql_error (project, error, _ ("Adding a channel")), -1;
      sqlite3_reset (stmt);
      *created = TRUE;
      return sqlite3_last_insert_rowid (rdm_project_get_db (project));
    }
  if (set_group && !same_group)
    {
      stmt = rdm_project_prepare (project, "UPDATE channel SET channel_group = ?2 WHERE id = ?1",
                                  error);
      if (stmt == NULL)
        return -1;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, group, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return rdm_project_set_sql_error (project, error, _ ("Changing a channel’s group")), -1;
      sqlite3_reset (stmt);
    }
  return id;
}

static gboolean
exec_counting (RdmProject *project, const char *sql, gint64 *changes, GError **error)
{
  if (!rdm_project_exec (project, sql, error))
    return FALSE;
  if (changes != NULL)
    *changes = sqlite3_changes64 (rdm_project_get_db (project));
  return TRUE;
}

static gboolean
bind_step (RdmProject *project, sqlite3_stmt *stmt, const char *what, GError **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return rdm_project_set_sql_error (project, error, what);
  return TRUE;
}

static gint64
ensure_campaign (RdmProject *project, gint64 channel, const char *name, GError **error)
{
  return *name != '\0' ? rdm_project_ensure_campaign (project, channel, name, error) : 0;
}

/* The channel of each label, into temp.relabel. */
static gboolean
map_labels (RdmProject *project,
            RdmChannelRules *rules,
            GHashTable *channel_of_name,
            RdmRelabelReport *report,
            GError **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  sqlite3_stmt *stmt, *insert;
  int rc;

  stmt = rdm_project_prepare (project, "SELECT id, source, medium, campaign FROM traffic_source",
                              error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      GStrv label = g_new0 (char *, 4);

      for (int i = 0; i < 3; i++)
        label[i] = g_strdup ((const char *)sqlite3_column_text (stmt, i + 1));
      g_array_append_val (ids, id);
      g_ptr_array_add (labels, label);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Reading the traffic sources"));

  insert = rdm_project_prepare (project,
                                "INSERT INTO temp.relabel (source_id, channel_id, campaign_id)"
                                " VALUES (?1, ?2, ?3)",
                                error);
  if (insert == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      GStrv label = labels->pdata[i];
      const char *channel, *group;
      gboolean created;
      gint64 channel_id, campaign_id;

      rdm_channel_rules_apply (rules, label[0], label[1], label[2], &channel, &group);
      channel_id = _rdm_project_ensure_channel_in_group (
          project, channel, group, !g_hash_table_contains (channel_of_name, channel), &created,
          error);
      if (channel_id < 0)
        return FALSE;
      g_hash_table_add (channel_of_name, g_strdup (channel));
      if (created)
        g_ptr_array_add (report->created_channels, g_strdup (channel));
      campaign_id = ensure_campaign (project, channel_id, label[2], error);
      if (campaign_id < 0)
        return FALSE;
      sqlite3_bind_int64 (insert, 1, g_array_index (ids, gint64, i));
      sqlite3_bind_int64 (insert, 2, channel_id);
      if (campaign_id > 0)
        sqlite3_bind_int64 (insert, 3, campaign_id);
      else
        sqlite3_bind_null (insert, 3);
      if (!bind_step (project, insert, _ ("Re-labelling the traffic sources"), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
relabel_paths (RdmProject *project, RdmChannelRules *rules, gint64 *changed, GError **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  *changed = 0;
  stmt = rdm_project_prepare (project,
                              "SELECT id, source_path, path FROM path_row"
                              " WHERE source_path IS NOT NULL",
                              error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *path
          = rdm_channel_rules_apply_to_path (rules, (const char *)sqlite3_column_text (stmt, 1));
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (g_strcmp0 (path, (const char *)sqlite3_column_text (stmt, 2)) == 0)
        continue;
      g_array_append_val (ids, id);
      g_ptr_array_add (paths, g_steal_pointer (&path));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Reading the path table"));
  stmt = rdm_project_prepare (project, "UPDATE path_row SET path = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      sqlite3_bind_text (stmt, 2, paths->pdata[i], -1, SQLITE_STATIC);
      if (!bind_step (project, stmt, _ ("Re-labelling the path table"), error))
        return FALSE;
    }
  *changed = ids->len;
  return TRUE;
}

/* Channels (and their campaigns) that only labelled rows used, and that no
 * row uses now. A channel anything else refers to stays. */
static gboolean
remove_orphans (RdmProject *project, RdmRelabelReport *report, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!rdm_project_exec (project,
                         "DELETE FROM campaign WHERE channel_id IN (SELECT channel_id FROM"
                         " temp.labelled_channel) AND id NOT IN (SELECT campaign_id FROM touchpoint"
                         " WHERE campaign_id IS NOT NULL UNION SELECT campaign_id FROM cost WHERE"
                         " campaign_id IS NOT NULL UNION SELECT campaign_id FROM campaign_daily"
                         " WHERE campaign_id IS NOT NULL UNION SELECT campaign_id FROM saving WHERE"
                         " campaign_id IS NOT NULL UNION SELECT campaign_id FROM"
                         " initiative_campaign)",
                         error))
    return FALSE;
  stmt = rdm_project_prepare (
      project,
      "DELETE FROM channel WHERE id IN (SELECT channel_id FROM temp.labelled_channel)"
      " AND NOT EXISTS (SELECT 1 FROM touchpoint WHERE channel_id = channel.id)"
      " AND NOT EXISTS (SELECT 1 FROM cost WHERE channel_id = channel.id)"
      " AND NOT EXISTS (SELECT 1 FROM campaign_daily WHERE channel_id = channel.id)"
      " AND NOT EXISTS (SELECT 1 FROM campaign WHERE channel_id = channel.id)"
      " AND NOT EXISTS (SELECT 1 FROM saving WHERE channel_id = channel.id)"
      " AND NOT EXISTS (SELECT 1 FROM truth WHERE channel_id = channel.id)"
      " AND NOT EXISTS (SELECT 1 FROM experiment WHERE channel_id = channel.id)"
      " RETURNING name",
      error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (report->removed_channels,
                     g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Removing unused channels"));
  return TRUE;
}

static gboolean
relabel (RdmProject *project, RdmChannelRules *rules, RdmRelabelReport *report, GError **error)
{
  g_autoptr (GHashTable) named = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* the channels named by rules take their rule's group, in rule order */
  for (guint i = 0; i < rdm_channel_rules_get_n_rules (rules); i++)
    {
      const RdmChannelRule *rule = rdm_channel_rules_get_rule (rules, i);
      sqlite3_stmt *stmt;

      if (g_hash_table_contains (named, rule->channel))
        continue;
      g_hash_table_add (named, g_strdup (rule->channel));
      stmt = rdm_project_prepare (project, "UPDATE channel SET channel_group = ?2 WHERE name = ?1",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, rule->channel, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, rule->group, -1, SQLITE_STATIC);
      if (!bind_step (project, stmt, _ ("Changing a channel’s group"), error))
        return FALSE;
    }

  if (!rdm_project_exec (project,
                         "CREATE TEMP TABLE IF NOT EXISTS relabel (source_id INTEGER PRIMARY KEY,"
                         " channel_id INTEGER NOT NULL, campaign_id INTEGER);"
                         "CREATE TEMP TABLE IF NOT EXISTS labelled_channel (channel_id INTEGER"
                         " PRIMARY KEY);"
                         "DELETE FROM temp.relabel; DELETE FROM temp.labelled_channel;"
                         "INSERT OR IGNORE INTO temp.labelled_channel SELECT channel_id FROM"
                         " touchpoint WHERE source_id IS NOT NULL UNION SELECT channel_id FROM cost"
                         " WHERE source_id IS NOT NULL UNION SELECT channel_id FROM campaign_daily"
                         " WHERE source_id IS NOT NULL;",
                         error)
      || !map_labels (project, rules, named, report, error))
    return FALSE;
  return exec_counting (project,
                        "UPDATE touchpoint SET channel_id = r.channel_id, campaign_id ="
                        " r.campaign_id FROM temp.relabel AS r WHERE touchpoint.source_id ="
                        " r.source_id AND (touchpoint.channel_id <> r.channel_id OR"
                        " touchpoint.campaign_id IS NOT r.campaign_id)",
                        &report->touchpoints, error)
         && exec_counting (project,
                           "UPDATE cost SET channel_id = r.channel_id, campaign_id ="
                           " r.campaign_id FROM temp.relabel AS r WHERE cost.source_id ="
                           " r.source_id AND (cost.channel_id <> r.channel_id OR"
                           " cost.campaign_id IS NOT r.campaign_id)",
                           &report->costs, error)
         && exec_counting (project,
                           "UPDATE campaign_daily SET channel_id = r.channel_id, campaign_id ="
                           " r.campaign_id FROM temp.relabel AS r WHERE campaign_daily.source_id ="
                           " r.source_id AND (campaign_daily.channel_id <> r.channel_id OR"
                           " campaign_daily.campaign_id IS NOT r.campaign_id)",
                           &report->daily_rows, error)
         && relabel_paths (project, rules, &report->path_rows, error)
         && remove_orphans (project, report, error)
         && rdm_project_exec (project,
                              "DELETE FROM temp.relabel; DELETE FROM temp.labelled_channel", error);
}

gboolean
_rdm_project_write_channel_rules (RdmProject *project,
                                  GPtrArray *rules,
                                  RdmRelabelReport *report,
                                  GError **error)
{
  g_autoptr (RdmChannelRules) compiled = rdm_channel_rules_new (rules, error);
  sqlite3_stmt *stmt;

  if (compiled == NULL || !rdm_project_exec (project, "DELETE FROM channel_rule", error))
    return FALSE;
  stmt
      = rdm_project_prepare (project,
                             "INSERT INTO channel_rule (position, source, medium, campaign,"
                             " syntax, channel, channel_group) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                             error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < rules->len; i++)
    {
      const RdmChannelRule *rule = rules->pdata[i];

      sqlite3_bind_int64 (stmt, 1, i + 1);
      sqlite3_bind_text (stmt, 2, rule->source, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, rule->medium, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, rule->campaign, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, rdm_channel_rule_syntax_to_string (rule->syntax), -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, rule->channel, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, rule->group, -1, SQLITE_STATIC);
      if (!bind_step (project, stmt, _ ("Saving the channel rules"), error))
        return FALSE;
    }
  return relabel (project, compiled, report, error);
}

gboolean
rdm_project_set_channel_rules (RdmProject *project,
                               GPtrArray *rules,
                               RdmRelabelReport **out_report,
                               GError **error)
{
  g_autoptr (RdmRelabelReport) report = relabel_report_new ();

  if (!rdm_project_begin (project, error))
    return FALSE;
  if (!_rdm_project_write_channel_rules (project, rules, report, error)
      || !rdm_project_commit (project, error))
    {
      rdm_project_rollback (project);
      return FALSE;
    }
  if (out_report != NULL)
    *out_report = g_steal_pointer (&report);
  return TRUE;
}

static gboolean
check_position (GPtrArray *rules, guint position, GError **error)
{
  if (position >= 1 && position <= rules->len)
    return TRUE;
  if (rules->len == 0)
    g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND, "%s",
                 _ ("The project has no channel rules"));
  else
    g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND,
                 _ ("No channel rule %u: the rules are numbered 1 to %u"), position, rules->len);
  return FALSE;
}

gboolean
rdm_project_add_channel_rule (RdmProject *project,
                              const RdmChannelRule *rule,
                              guint position,
                              RdmRelabelReport **report,
                              GError **error)
{
  g_autoptr (GPtrArray) rules = rdm_project_list_channel_rules (project, error);

  if (rules == NULL || !rdm_channel_rule_validate (rule, error))
    return FALSE;
  if (position == 0 || position > rules->len)
    position = rules->len + 1;
  g_ptr_array_insert (rules, (int)position - 1, rdm_channel_rule_copy (rule));
  return rdm_project_set_channel_rules (project, rules, report, error);
}

gboolean
rdm_project_remove_channel_rule (RdmProject *project,
                                 guint position,
                                 RdmRelabelReport **report,
                                 GError **error)
{
  g_autoptr (GPtrArray) rules = rdm_project_list_channel_rules (project, error);

  if (rules == NULL || !check_position (rules, position, error))
    return FALSE;
  g_ptr_array_remove_index (rules, position - 1);
  return rdm_project_set_channel_rules (project, rules, report, error);
}

gboolean
rdm_project_move_channel_rule (
    RdmProject *project, guint from, guint to, RdmRelabelReport **report, GError **error)
{
  g_autoptr (GPtrArray) rules = rdm_project_list_channel_rules (project, error);
  gpointer moved;

  if (rules == NULL || !check_position (rules, from, error) || !check_position (rules, to, error))
    return FALSE;
  moved = g_ptr_array_steal_index (rules, from - 1);
  g_ptr_array_insert (rules, (int)to - 1, moved);
  return rdm_project_set_channel_rules (project, rules, report, error);
}

gboolean
rdm_project_set_channel_group (RdmProject *project,
                               const char *channel,
                               const char *group,
                               GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (group != NULL && *group != '\0', FALSE);

  stmt = rdm_project_prepare (project,
                              "SELECT position FROM channel_rule WHERE channel = ?1"
                              " ORDER BY position LIMIT 1",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, channel, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND,
                   _ ("Channel rule %d names “%s” and gives it its group: change the rule’s group "
                      "instead"),
                   sqlite3_column_int (stmt, 0), channel);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  stmt = rdm_project_prepare (project, "UPDATE channel SET channel_group = ?2 WHERE name = ?1",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, channel, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, group, -1, SQLITE_STATIC);
  if (!bind_step (project, stmt, _ ("Changing a channel’s group"), error))
    return FALSE;
  if (sqlite3_changes (rdm_project_get_db (project)) == 0)
    {
      g_set_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND,
                   _ ("No channel named “%s” in this project"), channel);
      return FALSE;
    }
  return TRUE;
}

GHashTable *
rdm_project_channel_groups (RdmProject *project, GError **error)
{
  g_autoptr (GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = rdm_project_prepare (project, "SELECT name, channel_group FROM channel", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (groups, g_strdup ((const char *)sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *)sqlite3_column_text (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rdm_project_set_sql_error (project, error, _ ("Reading the channels"));
      return NULL;
    }
  return g_steal_pointer (&groups);
}

GPtrArray *
rdm_project_list_channels (RdmProject *project, GError **error)
{
  g_autoptr (GPtrArray) channels
      = g_ptr_array_new_with_free_func ((GDestroyNotify)rdm_channel_info_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = rdm_project_prepare (
      project,
      "SELECT name, channel_group,"
      " (SELECT count(*) FROM touchpoint WHERE channel_id = channel.id)"
      " + (SELECT count(*) FROM cost WHERE channel_id = channel.id)"
      " + (SELECT count(*) FROM campaign_daily WHERE channel_id = channel.id),"
      " EXISTS (SELECT 1 FROM touchpoint WHERE channel_id = channel.id AND source_id IS NOT NULL)"
      " OR EXISTS (SELECT 1 FROM cost WHERE channel_id = channel.id AND source_id IS NOT NULL)"
      " OR EXISTS (SELECT 1 FROM campaign_daily WHERE channel_id = channel.id"
      " AND source_id IS NOT NULL)"
      " FROM channel ORDER BY name",
      error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdmChannelInfo *info = g_new0 (RdmChannelInfo, 1);

      info->name = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      info->group = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      info->rows = sqlite3_column_int64 (stmt, 2);
      info->by_rules = sqlite3_column_int (stmt, 3) != 0;
      g_ptr_array_add (channels, info);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rdm_project_set_sql_error (project, error, _ ("Reading the channels"));
      return NULL;
    }
  return g_steal_pointer (&channels);
}
