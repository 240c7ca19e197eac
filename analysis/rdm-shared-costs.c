/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared costs: the costs of no one channel (an agency fee, a tools
 * licence), shared among channels by a stated rule before ROI (SPEC.md,
 * "Real exports in"). Channel c of the recipients takes, of each category
 * k of the period's shared costs S_k,
 *
 *   media:       S_k * m_c / sum(m)            m = media cost of the period
 *   even:        S_k / n                       n = active channels
 *   group=G:     media among G's channels, or even among them when
 *                none of them has a media cost
 *
 * Without this, users book the fee on a pseudo-channel that shows -100 %
 * ROI while the real channels' ROI looks better than it is. The split is
 * an accounting convention, not a measure: the rule is always stated with
 * the numbers (rdm_shared_allocation_describe()).
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "rdm-shared-costs.h"

/* The quark name is a bare dashed token, which clang-format would split. */
/* clang-format off */
G_DEFINE_QUARK (rdm-shared-error-quark, rdm_shared_error)
/* clang-format on */

/* Descriptions named in the sentence before "…" */
#define MAX_DESCRIBED 3

void
rdm_shared_rule_init (RdmSharedRule *rule)
{
  *rule = (RdmSharedRule){ RDM_SHARED_BY_MEDIA, NULL };
}

void
rdm_shared_rule_clear (RdmSharedRule *rule)
{
  g_clear_pointer (&rule->group, g_free);
  rule->kind = RDM_SHARED_BY_MEDIA;
}

void
rdm_shared_rule_copy (RdmSharedRule *dest, const RdmSharedRule *src)
{
  if (dest == src)
    return;
  rdm_shared_rule_clear (dest);
  dest->kind = src->kind;
  dest->group = g_strdup (src->group);
}

gboolean
rdm_shared_rule_parse (const char *text, RdmSharedRule *rule, GError **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  g_return_val_if_fail (rule != NULL, FALSE);

  if (*stripped == '\0' || strcmp (stripped, "media") == 0)
    {
      rdm_shared_rule_clear (rule);
      return TRUE;
    }
  if (strcmp (stripped, "even") == 0)
    {
      rdm_shared_rule_clear (rule);
      rule->kind = RDM_SHARED_EVENLY;
      return TRUE;
    }
  if (g_str_has_prefix (stripped, "group=") || g_str_has_prefix (stripped, "group:"))
    {
      g_autofree char *group = g_strstrip (g_strdup (stripped + strlen ("group=")));

      if (*group != '\0')
        {
          rdm_shared_rule_clear (rule);
          rule->kind = RDM_SHARED_TO_GROUP;
          rule->group = g_steal_pointer (&group);
          return TRUE;
        }
    }
  g_set_error (error, RDM_SHARED_ERROR, RDM_SHARED_ERROR_INVALID_RULE,
               _ ("Unknown rule for shared costs “%s”; expected media, even or group=NAME (a "
                  "channel group)"),
               stripped);
  return FALSE;
}

char *
rdm_shared_rule_to_string (const RdmSharedRule *rule)
{
  switch (rule->kind)
    {
    case RDM_SHARED_EVENLY:
      return g_strdup ("even");
    case RDM_SHARED_TO_GROUP:
      return g_strconcat ("group=", rule->group, NULL);
    case RDM_SHARED_BY_MEDIA:
    default:
      return g_strdup ("media");
    }
}

void
rdm_shared_allocation_free (RdmSharedAllocation *allocation)
{
  if (allocation == NULL)
    return;
  g_free (allocation->shares);
  g_strfreev (allocation->descriptions);
  g_free (allocation);
}

static gboolean
check_amount (double amount, GError **error)
{
  if (isfinite (amount) && amount >= 0)
    return TRUE;
  g_set_error (error, RDM_SHARED_ERROR, RDM_SHARED_ERROR_INVALID_COST,
               _ ("A shared cost or a media cost is %g; expected a finite amount, zero or more"),
               amount);
  return FALSE;
}

/* Sets @weights (summing to 1 over the channels @eligible) in proportion
 * to media cost, or equally when @by_media is FALSE or no eligible
 * channel has one (then *@fell_back). Returns the channels weighted. */
static guint
weigh (const RdmSharedRecipient *channels,
       const gboolean *eligible,
       guint n_channels,
       gboolean by_media,
       double *weights,
       gboolean *fell_back)
{
  double media = 0;
  guint n = 0;

  for (guint c = 0; c < n_channels; c++)
    if (eligible[c])
      {
        media += channels[c].media_spend;
        n++;
      }
  *fell_back = by_media && media == 0 && n > 0;
  for (guint c = 0; c < n_channels; c++)
    {
      if (!eligible[c])
        weights[c] = 0;
      else if (by_media && media > 0)
        weights[c] = channels[c].media_spend / media;
      else
        weights[c] = 1.0 / n;
    }
  if (by_media && media > 0)
    {
      n = 0;
      for (guint c = 0; c < n_channels; c++)
        n += weights[c] > 0;
    }
  return n;
}

RdmSharedAllocation *
rdm_shared_allocate (const RdmSharedRule *rule,
                     const RdmSharedCost *costs,
                     guint n_costs,
                     gint64 from,
                     gint64 to,
                     const RdmSharedRecipient *channels,
                     guint n_channels,
                     GError **error)
{
  g_autoptr (RdmSharedAllocation) allocation = g_new0 (RdmSharedAllocation, 1);
  g_autofree gboolean *eligible = g_new0 (gboolean, MAX (n_channels, 1));
  g_autofree double *weights = g_new0 (double, MAX (n_channels, 1));
  g_autoptr (GStrvBuilder) descriptions = g_strv_builder_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean fell_back = FALSE;
  guint n_group = 0;

  g_return_val_if_fail (rule != NULL, NULL);
  g_return_val_if_fail (costs != NULL || n_costs == 0, NULL);
  g_return_val_if_fail (channels != NULL || n_channels == 0, NULL);

  for (guint c = 0; c < n_channels; c++)
    {
      if (!check_amount (channels[c].media_spend, error))
        return NULL;
      if (rule->kind == RDM_SHARED_TO_GROUP)
        n_group += eligible[c] = g_strcmp0 (channels[c].group, rule->group) == 0;
      else if (rule->kind == RDM_SHARED_EVENLY)
        eligible[c] = channels[c].active;
      else
        eligible[c] = TRUE;
    }
  if (rule->kind == RDM_SHARED_TO_GROUP && n_group == 0)
    {
      g_set_error (error, RDM_SHARED_ERROR, RDM_SHARED_ERROR_EMPTY_GROUP,
                   _ ("Shared costs go to the channel group “%s”, which has no channel; give "
                      "channels that group or choose another rule (media, even)"),
                   rule->group);
      return NULL;
    }

  for (guint i = 0; i < n_costs; i++)
    {
      if (!check_amount (costs[i].amount, error))
        return NULL;
      if (costs[i].day < from || costs[i].day >= to)
        continue;
      allocation->total_by_category[costs[i].category] += costs[i].amount;
      allocation->total += costs[i].amount;
      if (costs[i].description != NULL && *costs[i].description != '\0'
          && g_hash_table_add (seen, (gpointer)costs[i].description))
        g_strv_builder_add (descriptions, costs[i].description);
    }
  allocation->descriptions = g_strv_builder_end (descriptions);
  allocation->n_channels = n_channels;
  allocation->shares = g_new0 (double, MAX (n_channels, 1) * RDM_COST_N_CATEGORIES);

  switch (rule->kind)
    {
    case RDM_SHARED_BY_MEDIA:
      allocation->n_recipients = weigh (channels, eligible, n_channels, TRUE, weights, &fell_back);
      /* no media cost anywhere: "media" has no proportion to follow, and
       * equal parts among the active channels is the least arbitrary
       * split left; said in the sentence */
      if (fell_back)
        {
          for (guint c = 0; c < n_channels; c++)
            eligible[c] = channels[c].active;
          allocation->n_recipients
              = weigh (channels, eligible, n_channels, FALSE, weights, &(gboolean){ FALSE });
        }
      break;
    case RDM_SHARED_EVENLY:
      allocation->n_recipients = weigh (channels, eligible, n_channels, FALSE, weights, &fell_back);
      break;
    case RDM_SHARED_TO_GROUP:
    default:
      allocation->n_recipients = weigh (channels, eligible, n_channels, TRUE, weights, &fell_back);
      break;
    }
  allocation->fell_back = fell_back;
  allocation->basis = allocation->n_recipients == 0                  ? RDM_SHARED_BASIS_NONE
                      : rule->kind == RDM_SHARED_EVENLY || fell_back ? RDM_SHARED_BASIS_EVEN
                                                                     : RDM_SHARED_BASIS_MEDIA;

  for (guint k = 0; k < RDM_COST_N_CATEGORIES; k++)
    {
      if (allocation->n_recipients == 0)
        {
          allocation->unallocated[k] = allocation->total_by_category[k];
          allocation->unallocated_total += allocation->unallocated[k];
          continue;
        }
      for (guint c = 0; c < n_channels; c++)
        allocation->shares[c * RDM_COST_N_CATEGORIES + k]
            = allocation->total_by_category[k] * weights[c];
    }
  return g_steal_pointer (&allocation);
}

double
rdm_shared_allocation_get_share (const RdmSharedAllocation *allocation,
                                 guint channel,
                                 RdmCostCategories categories)
{
  double share = 0;

  g_return_val_if_fail (allocation != NULL, 0);
  g_return_val_if_fail (channel < allocation->n_channels, 0);

  for (guint k = 0; k < RDM_COST_N_CATEGORIES; k++)
    if (categories & (1u << k))
      share += allocation->shares[channel * RDM_COST_N_CATEGORIES + k];
  return share;
}

char *
rdm_shared_allocation_describe (const RdmSharedAllocation *allocation,
                                const RdmSharedRule *rule,
                                const char *group_label,
                                const char *amount)
{
  g_autoptr (GString) names = g_string_new (NULL);
  g_autofree char *subject = NULL;
  g_autofree char *sentence = NULL;
  guint n = allocation->descriptions != NULL ? g_strv_length (allocation->descriptions) : 0;

  g_return_val_if_fail (allocation != NULL && rule != NULL && amount != NULL, NULL);

  for (guint i = 0; i < MIN (n, MAX_DESCRIBED); i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", allocation->descriptions[i]);
  if (n > MAX_DESCRIBED)
    g_string_append (names, ", …");
  if (names->len > 0)
    /* Translators: the subject of the sentences below: an amount, then
     * what the costs are ("agency fee, tools") */
    subject = g_strdup_printf (_ ("Shared costs of %s (%s)"), amount, names->str);
  else
    subject = g_strdup_printf (_ ("Shared costs of %s"), amount);

  if (allocation->n_recipients == 0)
    /* Translators: %s is "Shared costs of 4 000.00 (agency fee)" */
    sentence = g_strdup_printf (_ ("%s have no channel to go to: no channel has a cost or a touch "
                                   "in the period."),
                                subject);
  else if (rule->kind == RDM_SHARED_BY_MEDIA && !allocation->fell_back)
    sentence = g_strdup_printf (_ ("%s are allocated in proportion to media spend."), subject);
  else if (rule->kind == RDM_SHARED_BY_MEDIA)
    sentence = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "%s are allocated in proportion to media spend; no channel had media spend "
                     "in the period, so they go to the only channel with a cost or a touch in it.",
                     "%s are allocated in proportion to media spend; no channel had media spend "
                     "in the period, so they are split equally among the %u channels with a cost "
                     "or a touch in it.",
                     allocation->n_recipients),
        subject, allocation->n_recipients);
  else if (rule->kind == RDM_SHARED_EVENLY)
    sentence = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "%s go to the only channel with a cost or a touch in the period.",
                     "%s are split equally among the %u channels with a cost or a touch in the "
                     "period.",
                     allocation->n_recipients),
        subject, allocation->n_recipients);
  else if (!allocation->fell_back)
    /* Translators: the second %s is a channel group, "Paid Social" */
    sentence = g_strdup_printf (_ ("%s are allocated to the channel group “%s”, in proportion to "
                                   "its channels’ media spend."),
                                subject, group_label != NULL ? group_label : rule->group);
  else
    sentence = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "%s are allocated to the channel group “%s”, to its only channel.",
                     "%s are allocated to the channel group “%s”, equally among its %u channels, "
                     "as none had media spend in the period.",
                     allocation->n_recipients),
        subject, group_label != NULL ? group_label : rule->group, allocation->n_recipients);
  return g_steal_pointer (&sentence);
}
