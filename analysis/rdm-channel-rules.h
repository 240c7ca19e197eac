/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RDM_CHANNEL_RULES_ERROR (rdm_channel_rules_error_quark ())

typedef enum
{
  RDM_CHANNEL_RULES_ERROR_PATTERN, /* a regular expression that does not compile */
  RDM_CHANNEL_RULES_ERROR_EMPTY,   /* a rule naming no channel or no group */
} RdmChannelRulesError;

typedef enum
{
  RDM_CHANNEL_RULE_GLOB,
  RDM_CHANNEL_RULE_REGEX,
} RdmChannelRuleSyntax;

/* One rule: a row matches when its source, medium and campaign all match
 * the rule's patterns ("" matches anything); it then belongs to @channel,
 * in @group (a group code such as "paid_social", or the user's own name). */
typedef struct
{
  char *source;
  char *medium;
  char *campaign;
  RdmChannelRuleSyntax syntax;
  char *channel;
  char *group;
} RdmChannelRule;

/* What a row's label maps to when no rule matches: GA4's name for it. */
#define RDM_CHANNEL_UNASSIGNED "Unassigned"
#define RDM_CHANNEL_GROUP_UNASSIGNED "other"

typedef struct _RdmChannelRules RdmChannelRules;

GQuark rdm_channel_rules_error_quark (void);

RdmChannelRule *rdm_channel_rule_new (const char *source,
                                      const char *medium,
                                      const char *campaign,
                                      RdmChannelRuleSyntax syntax,
                                      const char *channel,
                                      const char *group);
RdmChannelRule *rdm_channel_rule_copy (const RdmChannelRule *rule);
void rdm_channel_rule_free (RdmChannelRule *rule);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmChannelRule, rdm_channel_rule_free)

const char *rdm_channel_rule_syntax_to_string (RdmChannelRuleSyntax syntax);
gboolean rdm_channel_rule_syntax_from_string (const char *text, RdmChannelRuleSyntax *syntax);
/* Checks one rule alone (its patterns compile, it names a channel and a
 * group), with a message naming the bad pattern. */
gboolean rdm_channel_rule_validate (const RdmChannelRule *rule, GError **error);

/* Compiles @rules (RdmChannelRule, in order; copied). Fails on the first
 * invalid rule, naming its position from 1. */
RdmChannelRules *rdm_channel_rules_new (GPtrArray *rules, GError **error);
void rdm_channel_rules_free (RdmChannelRules *rules);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmChannelRules, rdm_channel_rules_free)

guint rdm_channel_rules_get_n_rules (RdmChannelRules *rules);
const RdmChannelRule *rdm_channel_rules_get_rule (RdmChannelRules *rules, guint index);

/* The index of the first rule matching the label, or -1. Matching ignores
 * case; NULL stands for "". */
int rdm_channel_rules_match (RdmChannelRules *rules,
                             const char *source,
                             const char *medium,
                             const char *campaign);

/* The channel and group the rules give the label: the first matching
 * rule's, or RDM_CHANNEL_UNASSIGNED in RDM_CHANNEL_GROUP_UNASSIGNED. */
void rdm_channel_rules_apply (RdmChannelRules *rules,
                              const char *source,
                              const char *medium,
                              const char *campaign,
                              const char **channel,
                              const char **group);

/* A path of "source / medium" steps separated by ">" (a GA4 conversion
 * path by source and medium) as the channels the rules give its steps,
 * "a > b"; a step without '/' is a source with an empty medium. */
char *rdm_channel_rules_apply_to_path (RdmChannelRules *rules, const char *source_path);

/* Splits a "source / medium" step as GA4 writes it (also "source/medium");
 * FALSE when @step holds no '/'. */
gboolean rdm_channel_split_source_medium (const char *step, char **source, char **medium);

/* The codes of the groups we know, in display order; NULL-terminated. */
const char *const *rdm_channel_group_codes (void);
/* A group's name for people: translated for a known code, @code itself for
 * the user's own groups. */
const char *rdm_channel_group_display_name (const char *code);
/* The code of a group typed by a person: a known code, or a known group's
 * English or translated name in any case ("Paid Social" -> "paid_social"),
 * else the text itself, trimmed (the user's own group). NULL when empty. */
char *rdm_channel_group_parse (const char *text);

G_END_DECLS
