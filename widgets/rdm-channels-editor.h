/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rdm-project.h"

G_BEGIN_DECLS

/* RdmChannelsEditor: the modal window that edits a project's channel rules
 * and the groups of its channels. Three pages: the rules in order (each
 * moved up, down or removed by its row's buttons) with a form adding one;
 * a test of what the rules give a source, medium and campaign, as typed;
 * and every channel with its group, which can be set for the channels the
 * files named (a rule's channel takes the rule's group). Each change
 * re-labels the project's touches at once and a toast says what moved. A
 * refused change shows why and leaves the project unchanged. A read-only
 * project is shown, not edited.
 *
 * Signal: "changed" (no arguments), after every change written to the
 * project, so that the sections read the re-labelled data again. */
#define RDM_TYPE_CHANNELS_EDITOR (rdm_channels_editor_get_type ())
G_DECLARE_FINAL_TYPE (RdmChannelsEditor, rdm_channels_editor, RDM, CHANNELS_EDITOR, AdwWindow)

/* A reference to @project is kept. Present it with gtk_window_present(). */
RdmChannelsEditor *rdm_channels_editor_new (RdmProject *project);

/* Shows the "rules", "test" or "channels" page. */
void rdm_channels_editor_show_page (RdmChannelsEditor *self, const char *name);

/* What the rule form's Add button does: adds the rule, first or last as
 * the form says, re-labels, refreshes the pages and empties the form. On
 * error the message shows under the form and nothing changes. */
gboolean rdm_channels_editor_add_rule (RdmChannelsEditor *self, GError **error);

/* The rules' row buttons; positions count from 1. */
gboolean
rdm_channels_editor_move_rule (RdmChannelsEditor *self, guint from, guint to, GError **error);
gboolean rdm_channels_editor_remove_rule (RdmChannelsEditor *self, guint position, GError **error);

/* A channel's group, typed or picked on the Channels page: a known group's
 * name or code, or the user's own. */
gboolean rdm_channels_editor_set_channel_group (RdmChannelsEditor *self,
                                                const char *channel,
                                                const char *group,
                                                GError **error);

G_END_DECLS
