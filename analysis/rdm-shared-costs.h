/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rdm-roi.h"

G_BEGIN_DECLS

/* How the costs of no one channel (an agency fee, a tools licence) are
 * shared among channels before ROI is computed:
 *
 *   media        in proportion to each channel's media cost of the period
 *                (the default);
 *   even         equally among the channels active in the period;
 *   group=NAME   to the channels of the channel group NAME, in proportion
 *                to their media cost of the period, or equally when none
 *                of them has any.
 *
 * A channel is active in a period when it has a cost above 0 there (any
 * category) or a touch on a journey analysed for the period (for a path
 * table, which has no dates: a step of any path). Activity does not
 * depend on the attribution model, so every model's ROI carries the same
 * allocation. */
typedef enum
{
  RDM_SHARED_BY_MEDIA,
  RDM_SHARED_EVENLY,
  RDM_SHARED_TO_GROUP,
} RdmSharedRuleKind;

typedef struct
{
  RdmSharedRuleKind kind;
  char *group; /* RDM_SHARED_TO_GROUP: the group's code, as in channel.channel_group */
} RdmSharedRule;

#define RDM_SHARED_ERROR (rdm_shared_error_quark ())

typedef enum
{
  RDM_SHARED_ERROR_INVALID_RULE, /* text that is not a rule */
  RDM_SHARED_ERROR_EMPTY_GROUP,  /* group=NAME where NAME has no channel */
  RDM_SHARED_ERROR_INVALID_COST, /* a negative, NaN or infinite amount */
} RdmSharedError;

GQuark rdm_shared_error_quark (void);

/* "media". */
void rdm_shared_rule_init (RdmSharedRule *rule);
void rdm_shared_rule_clear (RdmSharedRule *rule);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RdmSharedRule, rdm_shared_rule_clear)
void rdm_shared_rule_copy (RdmSharedRule *dest, const RdmSharedRule *src);

/* Parses "media", "even", "group=NAME" (or "group:NAME"); NULL or "" is
 * "media". Spaces around the text and NAME are ignored. Anything else,
 * and a group without a name, fails with RDM_SHARED_ERROR_INVALID_RULE
 * and leaves @rule as it was. */
gboolean rdm_shared_rule_parse (const char *text, RdmSharedRule *rule, GError **error);

/* "media", "even" or "group=NAME": what rdm_shared_rule_parse() reads. */
char *rdm_shared_rule_to_string (const RdmSharedRule *rule);

/* One row of shared_cost. */
typedef struct
{
  gint64 day; /* epoch second of 00:00 UTC */
  RdmCostCategory category;
  double amount;           /* >= 0 */
  const char *description; /* may be NULL or "" */
} RdmSharedCost;

/* A channel that may take a share. */
typedef struct
{
  const char *group;  /* its channel group's code */
  double media_spend; /* its media cost of the period, >= 0 */
  gboolean active;    /* see above */
} RdmSharedRecipient;

typedef enum
{
  RDM_SHARED_BASIS_NONE,  /* nothing was given to any channel */
  RDM_SHARED_BASIS_MEDIA, /* in proportion to media cost */
  RDM_SHARED_BASIS_EVEN,  /* in equal parts */
} RdmSharedBasis;

typedef struct
{
  double total; /* the shared costs of the period */
  double total_by_category[RDM_COST_N_CATEGORIES];
  RdmSharedBasis basis; /* how the channels' parts were set */
  /* media: no channel had a media cost, so the active channels took equal
   * parts; group=NAME: none of the group's channels had, idem among them */
  gboolean fell_back;
  guint n_recipients; /* channels given a part */
  /* what no channel could take (no active channel under "even" or a
   * "media" that fell back), by category; 0 otherwise */
  double unallocated[RDM_COST_N_CATEGORIES];
  double unallocated_total;
  /* n_channels * RDM_COST_N_CATEGORIES: channel c's part of category k at
   * [c * RDM_COST_N_CATEGORIES + k] */
  double *shares;
  guint n_channels;
  /* the distinct non-empty descriptions of the costs counted, in the order
   * of their first cost; NULL-terminated */
  char **descriptions;
} RdmSharedAllocation;

void rdm_shared_allocation_free (RdmSharedAllocation *allocation);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmSharedAllocation, rdm_shared_allocation_free)

/* Shares the @n_costs @costs dated in [@from, @to) (others are not
 * counted) among the @n_channels @channels by @rule. The parts of all
 * channels plus the unallocated part add up to the total, category by
 * category (up to rounding).
 *
 * Fails with RDM_SHARED_ERROR_EMPTY_GROUP when @rule names a group none
 * of @channels belongs to (whether or not there is anything to share:
 * the rule itself is wrong), and with RDM_SHARED_ERROR_INVALID_COST on a
 * negative or non-finite amount (a cost's or a media spend). */
RdmSharedAllocation *rdm_shared_allocate (const RdmSharedRule *rule,
                                          const RdmSharedCost *costs,
                                          guint n_costs,
                                          gint64 from,
                                          gint64 to,
                                          const RdmSharedRecipient *channels,
                                          guint n_channels,
                                          GError **error);

/* Channel @channel's part, every category of @categories added. */
double rdm_shared_allocation_get_share (const RdmSharedAllocation *allocation,
                                        guint channel,
                                        RdmCostCategories categories);

/* The sentence shown under ROI tables and charts, e.g. "Shared costs of
 * 4 000.00 (agency fee, tools) are allocated in proportion to media
 * spend." @amount is the total as the caller formats money; @group_label
 * the display name of the rule's group (NULL for other rules). States the
 * fall-back, and that nothing went to any channel when none could take a
 * part (the costs then count in the total only). */
char *rdm_shared_allocation_describe (const RdmSharedAllocation *allocation,
                                      const RdmSharedRule *rule,
                                      const char *group_label,
                                      const char *amount);

G_END_DECLS
