/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Display names of channel groups. The codes are those of schema 5's
 * default channel rules (GA4's default channel group,
 * support.google.com/analytics/answer/9756891) and of schema 1's fixed
 * list; any other group is the user's own word and is shown as written.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rdm-channel-group.h"

static const struct
{
  const char *code;
  const char *name;
} known_groups[] = {
  { "direct", N_ ("Direct") },
  { "cross_network", N_ ("Cross-network") },
  { "paid_shopping", N_ ("Paid Shopping") },
  { "paid_search", N_ ("Paid Search") },
  { "paid_social", N_ ("Paid Social") },
  { "paid_video", N_ ("Paid Video") },
  { "display", N_ ("Display") },
  { "paid_other", N_ ("Paid Other") },
  { "organic_shopping", N_ ("Organic Shopping") },
  { "organic_social", N_ ("Organic Social") },
  { "organic_video", N_ ("Organic Video") },
  { "organic_search", N_ ("Organic Search") },
  { "referral", N_ ("Referral") },
  { "email", N_ ("Email") },
  { "affiliate", N_ ("Affiliates") },
  { "audio", N_ ("Audio") },
  { "sms", N_ ("SMS") },
  { "mobile_push", N_ ("Mobile Push Notifications") },
  { "social", N_ ("Social") },
  { "video", N_ ("Video") },
  { "other", N_ ("Other") },
};

const char *
rdm_channel_group_display_name (const char *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (known_groups); i++)
    if (g_str_equal (code, known_groups[i].code))
      return _ (known_groups[i].name);
  return code;
}
