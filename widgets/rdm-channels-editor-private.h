/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-channels-editor.h"

G_BEGIN_DECLS

struct _RdmChannelsEditor
{
  AdwWindow parent_instance;

  /* Template widgets */
  GtkLabel *read_only_label;
  AdwToastOverlay *toast_overlay;
  AdwViewStack *view_stack;
  AdwPreferencesGroup *rule_form;
  AdwEntryRow *source_row;
  AdwEntryRow *medium_row;
  AdwEntryRow *campaign_row;
  GtkSwitch *regex_switch;
  AdwEntryRow *channel_row;
  AdwEntryRow *group_row;
  AdwComboRow *position_row;
  GtkLabel *rule_message;
  GtkWidget *add_button;
  AdwPreferencesGroup *rules_group;
  AdwEntryRow *test_source_row;
  AdwEntryRow *test_medium_row;
  AdwEntryRow *test_campaign_row;
  GtkLabel *test_result_label;
  GtkLabel *test_rule_label;
  GtkWidget *channel_message_group;
  GtkLabel *channel_message;
  AdwPreferencesGroup *channels_group;

  /* Owned references */
  RdmProject *project;
  GPtrArray *rules;          /* RdmChannelRule *, in order */
  RdmChannelRules *compiled; /* the same, for the Test page */
  GPtrArray *channels;       /* RdmChannelInfo * */
  GPtrArray *list_rows;      /* rows of the rules and channels lists, removed on refresh */
  gboolean read_only;
};

G_END_DECLS
