/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  RDM_LEVEL_CHANNEL,
  RDM_LEVEL_CAMPAIGN,
  RDM_LEVEL_GROUP, /* each touch stands for its channel's group */
} RdmLevel;

typedef enum
{
  RDM_DIRECTION_BACKWARD,
  RDM_DIRECTION_FORWARD,
} RdmDirection;

/* The defaults of rdm_path_options_init(), in days; every front end takes
 * them from here. */
#define RDM_PATH_DEFAULT_CLICK_WINDOW_DAYS 30
#define RDM_PATH_DEFAULT_VIEW_WINDOW_DAYS 1
#define RDM_PATH_DEFAULT_FORWARD_WINDOW_DAYS 30

/* How journeys are cut out of the touchpoints and conversions (SPEC.md,
 * "Path building"). Defaults from rdm_path_options_init(). */
typedef struct
{
  RdmLevel level;
  RdmDirection direction;
  double click_window_days;          /* clicks and visits qualify within this; default 30 */
  double view_window_days;           /* unclicked impressions qualify within this; default 1 */
  double forward_window_days;        /* forward direction: default 30 */
  gboolean restart_after_conversion; /* default TRUE */
  gint64 from_time;                  /* evaluation period on conversion time, epoch s, inclusive; */
  gint64 to_time;                    /* G_MININT64 / G_MAXINT64 when unbounded; to is exclusive */
  char **events;                     /* conversion events analysed; NULL = all */
  char *segment;                     /* segment name; NULL = every visitor */
} RdmPathOptions;

void rdm_path_options_init (RdmPathOptions *options);
void rdm_path_options_clear (RdmPathOptions *options);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RdmPathOptions, rdm_path_options_clear)

G_END_DECLS
