/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Channel rules: how a source, a medium and a campaign, as analytics tools
 * and ad platforms name them ("google" / "cpc" / "Brand FR"), become one of
 * the project's channels and its group. The rules are ordered and the first
 * that matches wins, as in GA4's channel groups; each tests the three
 * texts, ignoring case, with a glob ("*facebook*") or a regular expression
 * (GLib's PCRE), and an empty pattern matches anything.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "rdm-channel-rules.h"

/* The quark name is a bare dashed token, which clang-format would split. */
/* clang-format off */
G_DEFINE_QUARK (rdm-channel-rules-error-quark, rdm_channel_rules_error)
/* clang-format on */

enum
{
  PART_SOURCE,
  PART_MEDIUM,
  PART_CAMPAIGN,
  N_PARTS
};

typedef struct
{
  RdmChannelRule *rule;
  /* per part: NULL for "", else the compiled pattern of the rule's syntax */
  GRegex *regex[N_PARTS];
  GPatternSpec *glob[N_PARTS];
} CompiledRule;

struct _RdmChannelRules
{
  GArray *rules; /* CompiledRule */
};

RdmChannelRule *
rdm_channel_rule_new (const char *source,
                      const char *medium,
                      const char *campaign,
                      RdmChannelRuleSyntax syntax,
                      const char *channel,
                      const char *group)
{
  RdmChannelRule *rule = g_new0 (RdmChannelRule, 1);

  rule->source = g_strdup (source != NULL ? source : "");
  rule->medium = g_strdup (medium != NULL ? medium : "");
  rule->campaign = g_strdup (campaign != NULL ? campaign : "");
  rule->syntax = syntax;
  rule->channel = g_strdup (channel != NULL ? channel : "");
  rule->group = g_strdup (group != NULL ? group : "");
  return rule;
}

RdmChannelRule *
rdm_channel_rule_copy (const RdmChannelRule *rule)
{
  return rdm_channel_rule_new (rule->source, rule->medium, rule->campaign, rule->syntax,
                               rule->channel, rule->group);
}

void
rdm_channel_rule_free (RdmChannelRule *rule)
{
  if (rule == NULL)
    return;
  g_free (rule->source);
  g_free (rule->medium);
  g_free (rule->campaign);
  g_free (rule->channel);
  g_free (rule->group);
  g_free (rule);
}

const char *
rdm_channel_rule_syntax_to_string (RdmChannelRuleSyntax syntax)
{
  return syntax == RDM_CHANNEL_RULE_REGEX ? "regex" : "glob";
}

gboolean
rdm_channel_rule_syntax_from_string (const char *text, RdmChannelRuleSyntax *syntax)
{
  if (g_strcmp0 (text, "glob") == 0)
    *syntax = RDM_CHANNEL_RULE_GLOB;
  else if (g_strcmp0 (text, "regex") == 0)
    *syntax = RDM_CHANNEL_RULE_REGEX;
  else
    return FALSE;
  return TRUE;
}

static const char *
part_text (const RdmChannelRule *rule, int part)
{
  return part == PART_SOURCE ? rule->source : part == PART_MEDIUM ? rule->medium : rule->campaign;
}

static const char *
part_name (int part)
{
  return part == PART_SOURCE ? _ ("source") : part == PART_MEDIUM ? _ ("medium") : _ ("campaign");
}

static void
compiled_rule_clear (CompiledRule *compiled)
{
  for (int part = 0; part < N_PARTS; part++)
    {
      g_clear_pointer (&compiled->regex[part], g_regex_unref);
      g_clear_pointer (&compiled->glob[part], g_pattern_spec_free);
    }
  g_clear_pointer (&compiled->rule, rdm_channel_rule_free);
}

/* Globs are matched against case-folded text, so they are folded too. */
static gboolean
compile_rule (const RdmChannelRule *rule, CompiledRule *compiled, GError **error)
{
  g_autofree char *channel = g_strstrip (g_strdup (rule->channel));
  g_autofree char *group = g_strstrip (g_strdup (rule->group));

  if (*channel == '\0' || *group == '\0')
    {
      g_set_error (error, RDM_CHANNEL_RULES_ERROR, RDM_CHANNEL_RULES_ERROR_EMPTY, "%s",
                   *channel == '\0' ? _ ("a rule must name the channel it gives")
                                    : _ ("a rule must name the group of its channel"));
      return FALSE;
    }
  compiled->rule = rdm_channel_rule_copy (rule);
  for (int part = 0; part < N_PARTS; part++)
    {
      const char *pattern = part_text (rule, part);
      g_autoptr (GError) local_error = NULL;

      if (*pattern == '\0')
        continue;
      if (rule->syntax == RDM_CHANNEL_RULE_GLOB)
        {
          g_autofree char *folded = g_utf8_casefold (pattern, -1);

          compiled->glob[part] = g_pattern_spec_new (folded);
          continue;
        }
      compiled->regex[part]
          = g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &local_error);
      if (compiled->regex[part] == NULL)
        {
          g_set_error (error, RDM_CHANNEL_RULES_ERROR, RDM_CHANNEL_RULES_ERROR_PATTERN,
                       /* Translators: "the source pattern “(goo”: missing ) …" */
                       _ ("the %s pattern “%s” is not a valid regular expression: %s"),
                       part_name (part), pattern, local_error->message);
          compiled_rule_clear (compiled);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
rdm_channel_rule_validate (const RdmChannelRule *rule, GError **error)
{
  CompiledRule compiled = { 0 };

  if (!compile_rule (rule, &compiled, error))
    return FALSE;
  compiled_rule_clear (&compiled);
  return TRUE;
}

RdmChannelRules *
rdm_channel_rules_new (GPtrArray *rules, GError **error)
{
  RdmChannelRules *self = g_new0 (RdmChannelRules, 1);

  self->rules = g_array_sized_new (FALSE, TRUE, sizeof (CompiledRule), rules->len);
  g_array_set_clear_func (self->rules, (GDestroyNotify)compiled_rule_clear);
  for (guint i = 0; i < rules->len; i++)
    {
      CompiledRule compiled = { 0 };
      g_autoptr (GError) local_error = NULL;

      if (!compile_rule (rules->pdata[i], &compiled, &local_error))
        {
          g_set_error (error, RDM_CHANNEL_RULES_ERROR, local_error->code, _ ("Rule %u: %s"), i + 1,
                       local_error->message);
          rdm_channel_rules_free (self);
          return NULL;
        }
      g_array_append_val (self->rules, compiled);
    }
  return self;
}

void
rdm_channel_rules_free (RdmChannelRules *rules)
{
  if (rules == NULL)
    return;
  g_array_unref (rules->rules);
  g_free (rules);
}

guint
rdm_channel_rules_get_n_rules (RdmChannelRules *rules)
{
  return rules->rules->len;
}

const RdmChannelRule *
rdm_channel_rules_get_rule (RdmChannelRules *rules, guint index)
{
  g_return_val_if_fail (index < rules->rules->len, NULL);
  return g_array_index (rules->rules, CompiledRule, index).rule;
}

static gboolean
part_matches (const CompiledRule *compiled, int part, const char *text, const char *folded)
{
  if (compiled->regex[part] != NULL)
    return g_regex_match (compiled->regex[part], text, 0, NULL);
  if (compiled->glob[part] != NULL)
    return g_pattern_spec_match_string (compiled->glob[part], folded);
  return TRUE;
}

int
rdm_channel_rules_match (RdmChannelRules *rules,
                         const char *source,
                         const char *medium,
                         const char *campaign)
{
  const char *texts[N_PARTS] = { source != NULL ? source : "", medium != NULL ? medium : "",
                                 campaign != NULL ? campaign : "" };
  char *folded[N_PARTS];
  int found = -1;

  for (int part = 0; part < N_PARTS; part++)
    folded[part] = g_utf8_casefold (texts[part], -1);
  for (guint i = 0; i < rules->rules->len && found < 0; i++)
    {
      const CompiledRule *compiled = &g_array_index (rules->rules, CompiledRule, i);
      gboolean matches = TRUE;

      for (int part = 0; part < N_PARTS && matches; part++)
        matches = part_matches (compiled, part, texts[part], folded[part]);
      if (matches)
        found = (int)i;
    }
  for (int part = 0; part < N_PARTS; part++)
    g_free (folded[part]);
  return found;
}

void
rdm_channel_rules_apply (RdmChannelRules *rules,
                         const char *source,
                         const char *medium,
                         const char *campaign,
                         const char **channel,
                         const char **group)
{
  int index = rdm_channel_rules_match (rules, source, medium, campaign);

  if (index < 0)
    {
      *channel = RDM_CHANNEL_UNASSIGNED;
      *group = RDM_CHANNEL_GROUP_UNASSIGNED;
      return;
    }
  *channel = g_array_index (rules->rules, CompiledRule, index).rule->channel;
  *group = g_array_index (rules->rules, CompiledRule, index).rule->group;
}

gboolean
rdm_channel_split_source_medium (const char *step, char **source, char **medium)
{
  const char *slash = strchr (step, '/');

  if (slash == NULL)
    return FALSE;
  *source = g_strstrip (g_strndup (step, (gsize)(slash - step)));
  *medium = g_strstrip (g_strdup (slash + 1));
  return TRUE;
}

char *
rdm_channel_rules_apply_to_path (RdmChannelRules *rules, const char *source_path)
{
  g_auto (GStrv) steps = g_strsplit (source_path, ">", -1);
  g_autoptr (GString) path = g_string_new (NULL);

  for (guint i = 0; steps[i] != NULL; i++)
    {
      g_autofree char *source = NULL;
      g_autofree char *medium = NULL;
      const char *channel, *group;

      g_strstrip (steps[i]);
      if (!rdm_channel_split_source_medium (steps[i], &source, &medium))
        {
          source = g_strdup (steps[i]);
          medium = g_strdup ("");
        }
      rdm_channel_rules_apply (rules, source, medium, "", &channel, &group);
      g_string_append_printf (path, "%s%s", i > 0 ? " > " : "", channel);
    }
  return g_string_free (g_steal_pointer (&path), FALSE);
}

/* GA4's default channel groups, then the broader ones earlier projects
 * used ("social", "video"), then "other". */
static const struct
{
  const char *code;
  const char *name;
} groups[] = {
  { "paid_search", N_ ("Paid Search") },
  { "organic_search", N_ ("Organic Search") },
  { "paid_social", N_ ("Paid Social") },
  { "organic_social", N_ ("Organic Social") },
  { "paid_video", N_ ("Paid Video") },
  { "organic_video", N_ ("Organic Video") },
  { "paid_shopping", N_ ("Paid Shopping") },
  { "organic_shopping", N_ ("Organic Shopping") },
  { "display", N_ ("Display") },
  { "paid_other", N_ ("Paid Other") },
  { "cross_network", N_ ("Cross-network") },
  { "email", N_ ("Email") },
  { "affiliate", N_ ("Affiliates") },
  { "referral", N_ ("Referral") },
  { "audio", N_ ("Audio") },
  { "sms", N_ ("SMS") },
  { "mobile_push", N_ ("Mobile Push Notifications") },
  { "direct", N_ ("Direct") },
  { "social", N_ ("Social") },
  { "video", N_ ("Video") },
  { "other", N_ ("Other") },
};

const char *const *
rdm_channel_group_codes (void)
{
  static const char *codes[G_N_ELEMENTS (groups) + 1];
  static gsize filled = 0;

  if (g_once_init_enter (&filled))
    {
      for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
        codes[i] = groups[i].code;
      g_once_init_leave (&filled, 1);
    }
  return codes;
}

const char *
rdm_channel_group_display_name (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (g_strcmp0 (code, groups[i].code) == 0)
      return _ (groups[i].name);
  return code != NULL ? code : "";
}

static gboolean
same_text (const char *a, const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);

  return g_str_equal (fa, fb);
}

char *
rdm_channel_group_parse (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*trimmed == '\0')
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (same_text (trimmed, groups[i].code) || same_text (trimmed, groups[i].name)
        || same_text (trimmed, _ (groups[i].name)))
      return g_strdup (groups[i].code);
  return g_steal_pointer (&trimmed);
}
