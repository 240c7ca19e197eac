/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Channel groups are free text (channel.channel_group): GA4's default
 * channel group codes ("paid_social"), the older ones ("social") and the
 * user's own ("Partners").
 *
 * The name shown for @code: translated for a known code ("Paid Social",
 * "Social payant"), @code itself otherwise. Never NULL for a non-NULL
 * @code; static or @code, not to be freed. */
const char *rdm_channel_group_display_name (const char *code);

G_END_DECLS
