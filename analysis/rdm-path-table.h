/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rdm-path-set.h"

G_BEGIN_DECLS

/* Appends to @set (built with has_times FALSE) one row of an aggregated
 * path table (ChannelAttribution's format): @path_text lists channels
 * oldest first separated by ">", with optional spaces around each name
 * ("a > b > c"). Names are interned; "direct" in any case is the direct
 * channel. Touches are clicks of unknown age (NAN). The row's visitor is
 * its row index.
 *
 * Fails with RDM_MODEL_ERROR_PARSE, naming the 1-based character column,
 * on an empty path or an empty channel name, and with
 * RDM_MODEL_ERROR_INVALID_DATA on negative or non-finite counts; @set is
 * then unchanged. */
gboolean rdm_path_set_add_path_text (RdmPathSet *set,
                                     const char *path_text,
                                     double conversions,
                                     double value,
                                     double nulls,
                                     GError **error);

/* As rdm_path_set_add_path_text(), with each touch's kind: @touch_kinds
 * holds one letter per channel of the path, c for a click or visit and v
 * for an impression (the warehouse route's path tables); NULL makes every
 * touch a click. A kinds text of another length or with other letters
 * fails with RDM_MODEL_ERROR_PARSE and changes nothing. */
gboolean rdm_path_set_add_path_row (RdmPathSet *set,
                                    const char *path_text,
                                    const char *touch_kinds,
                                    double conversions,
                                    double value,
                                    double nulls,
                                    GError **error);

G_END_DECLS
