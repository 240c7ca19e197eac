/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rdm-business-editor.h"

G_BEGIN_DECLS

struct _RdmBusinessEditor
{
  AdwWindow parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwViewStack *view_stack;
  AdwPreferencesGroup *objectives_group;
  AdwPreferencesGroup *objective_form;
  AdwEntryRow *objective_name_row;
  AdwComboRow *objective_function_row;
  GtkStringList *objective_functions;
  AdwEntryRow *objective_description_row;
  GtkLabel *objective_message;
  GtkWidget *objective_cancel_button;
  GtkWidget *objective_save_button;
  AdwPreferencesGroup *initiatives_group;
  AdwPreferencesGroup *initiative_form;
  AdwComboRow *initiative_objective_row;
  GtkStringList *initiative_objectives;
  AdwEntryRow *initiative_name_row;
  AdwEntryRow *initiative_description_row;
  GtkListBox *initiative_campaign_list;
  GtkLabel *initiative_message;
  GtkWidget *initiative_cancel_button;
  GtkWidget *initiative_save_button;
  AdwPreferencesGroup *savings_group;
  AdwPreferencesGroup *saving_form;
  AdwComboRow *saving_channel_row;
  GtkStringList *saving_channels;
  AdwComboRow *saving_campaign_row;
  GtkStringList *saving_campaigns;
  AdwEntryRow *saving_day_row;
  AdwEntryRow *saving_amount_row;
  AdwEntryRow *saving_description_row;
  GtkLabel *saving_message;
  GtkWidget *saving_cancel_button;
  GtkWidget *saving_save_button;

  /* Owned references */
  RdmProject *project;
  GPtrArray *objectives;  /* RdmObjective *, listed */
  GPtrArray *initiatives; /* RdmInitiative *, listed */
  GPtrArray *savings;     /* RdmSaving *, listed */
  GPtrArray *list_rows;   /* the rows of the three lists, removed on refresh */
  GStrv channels;         /* the saving form's channel choices */
  char *editing_objective;
  char *editing_initiative_objective;
  char *editing_initiative;
  gint64 editing_saving; /* 0 when adding */
};

G_END_DECLS
