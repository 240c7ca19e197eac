/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-channel-rules.h"
#include "rdm-project.h"

G_BEGIN_DECLS

/* What a change of the channel rules did to the rows that came from a
 * source and medium. */
typedef struct
{
  gint64 touchpoints; /* rows whose channel or campaign changed */
  gint64 costs;
  gint64 daily_rows;
  gint64 path_rows;
  GPtrArray *created_channels; /* char *, channels the rules named first */
  GPtrArray *removed_channels; /* char *, channels left with no row */
} RdmRelabelReport;

void rdm_relabel_report_free (RdmRelabelReport *report);
/* "Re-labelled 3 touchpoints; new channel Meta; removed channel Paid
 * Social", or that nothing moved: for people. */
char *rdm_relabel_report_describe (const RdmRelabelReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmRelabelReport, rdm_relabel_report_free)

/* The project's channel rules, in order (RdmChannelRule). */
GPtrArray *rdm_project_list_channel_rules (RdmProject *project, GError **error);
RdmChannelRules *rdm_project_load_channel_rules (RdmProject *project, GError **error);

/* Each of these changes the rules and re-labels every row that came from
 * a source and medium, in one transaction; on error nothing changes.
 * Positions count from 1; 0 (or past the end) adds the rule last. */
gboolean rdm_project_add_channel_rule (RdmProject *project,
                                       const RdmChannelRule *rule,
                                       guint position,
                                       RdmRelabelReport **report,
                                       GError **error);
gboolean rdm_project_remove_channel_rule (RdmProject *project,
                                          guint position,
                                          RdmRelabelReport **report,
                                          GError **error);
gboolean rdm_project_move_channel_rule (
    RdmProject *project, guint from, guint to, RdmRelabelReport **report, GError **error);
gboolean rdm_project_set_channel_rules (RdmProject *project,
                                        GPtrArray *rules,
                                        RdmRelabelReport **report,
                                        GError **error);

/* Re-labels inside the caller's transaction (definitions import). */
gboolean _rdm_project_write_channel_rules (RdmProject *project,
                                           GPtrArray *rules,
                                           RdmRelabelReport *report,
                                           GError **error);

/* A channel's group, as the user sets it for a channel a file named. */
gboolean rdm_project_set_channel_group (RdmProject *project,
                                        const char *channel,
                                        const char *group,
                                        GError **error);

/* The channel id of @name, created in @group if new; an existing channel
 * takes @group when @set_group. */
gint64 _rdm_project_ensure_channel_in_group (RdmProject *project,
                                             const char *name,
                                             const char *group,
                                             gboolean set_group,
                                             gboolean *created,
                                             GError **error);

/* Channel name -> group code, for every channel of the project. */
GHashTable *rdm_project_channel_groups (RdmProject *project, GError **error);

/* The project's channels with their groups, by name. */
typedef struct
{
  char *name;
  char *group;
  gint64 rows;       /* touchpoints, costs and daily rows on the channel */
  gboolean by_rules; /* some row of it came from a source and medium */
} RdmChannelInfo;

void rdm_channel_info_free (RdmChannelInfo *info);
GPtrArray *rdm_project_list_channels (RdmProject *project, GError **error);

G_END_DECLS
