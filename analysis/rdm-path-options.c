/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "rdm-path-options.h"

void
rdm_path_options_init (RdmPathOptions *options)
{
  *options = (RdmPathOptions){
    .level = RDM_LEVEL_CHANNEL,
    .direction = RDM_DIRECTION_BACKWARD,
    .click_window_days = RDM_PATH_DEFAULT_CLICK_WINDOW_DAYS,
    .view_window_days = RDM_PATH_DEFAULT_VIEW_WINDOW_DAYS,
    .forward_window_days = RDM_PATH_DEFAULT_FORWARD_WINDOW_DAYS,
    .restart_after_conversion = TRUE,
    .from_time = G_MININT64,
    .to_time = G_MAXINT64,
    .events = NULL,
    .segment = NULL,
  };
}

void
rdm_path_options_clear (RdmPathOptions *options)
{
  g_clear_pointer (&options->events, g_strfreev);
  g_clear_pointer (&options->segment, g_free);
}
