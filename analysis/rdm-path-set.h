/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How a touch reached the visitor: a click or site visit, or an impression
 * that was not clicked (view-through). */
typedef enum
{
  RDM_TOUCH_CLICK = 0,
  RDM_TOUCH_VIEW = 1,
} RdmTouchKind;

/* RdmPathSet: the journeys every attribution model reads.
 *
 * It is the meeting point of the two sources of paths: journeys built from
 * the project's touchpoints and conversions (rdm-path-builder), and an
 * imported, already aggregated path table (ChannelAttribution format). A
 * row is one journey shape with how many conversions, how much value and
 * how many non-converting journeys (nulls) it stands for.
 *
 * Touches of row r are touch_label[offsets[r]] .. touch_label[offsets[r+1]-1],
 * oldest first. Labels are channels or campaigns (whichever level the set
 * was built at), interned: label i has name label_names[i] and is_direct
 * tells whether its channel group is "direct" (for last non-direct).
 * A conversion with no qualifying touch is a row with the single label
 * "(none)".
 *
 * Struct of arrays, so a million conversions with five touches each stay
 * well under the memory budget and the models stream through them.
 */
typedef struct
{
  /* labels */
  GPtrArray *label_names; /* char *, owned */
  GByteArray *label_is_direct;
  GHashTable *label_index; /* name -> index + 1 */

  /* rows */
  GArray *offsets;     /* guint32, n_rows + 1 entries */
  GArray *conversions; /* double, per row */
  GArray *value;       /* double, per row */
  GArray *nulls;       /* double, per row */
  GArray *visitor;     /* guint32 per row: the visitor index for resampling, or row index */

  /* touches */
  GArray *touch_label; /* guint32 */
  GArray *touch_kind;  /* guint8, RdmTouchKind */
  GArray *touch_age;   /* double seconds before the conversion (or end of data); NAN unknown */

  /* TRUE when touch ages are known (built from events); FALSE for imported
   * path tables, where windows and time decay do not apply. */
  gboolean has_times;
  guint32 n_visitors;
} RdmPathSet;

RdmPathSet *rdm_path_set_new (gboolean has_times);
void rdm_path_set_free (RdmPathSet *set);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmPathSet, rdm_path_set_free)

/* Makes room for @n_rows rows and @n_touches touches in all, so that a set
 * whose size is known beforehand is not grown (and copied) step by step;
 * the room is allocated, not written, so unused room costs no memory. */
void rdm_path_set_reserve (RdmPathSet *set, guint n_rows, guint n_touches);
guint32 rdm_path_set_intern_label (RdmPathSet *set, const char *name, gboolean is_direct);
void rdm_path_set_add_touch (RdmPathSet *set, guint32 label, RdmTouchKind kind, double age_seconds);
/* Closes the row made of the touches added since the previous call. */
void rdm_path_set_end_row (
    RdmPathSet *set, double conversions, double value, double nulls, guint32 visitor);

/* A copy of @set whose labels are renamed through @new_names (old name ->
 * new name; a name it lacks becomes @fallback, RDM_NO_TOUCH_LABEL stays):
 * a path table's channels seen as their groups. */
RdmPathSet *
rdm_path_set_rename_labels (const RdmPathSet *set, GHashTable *new_names, const char *fallback);

guint rdm_path_set_n_rows (const RdmPathSet *set);
guint rdm_path_set_n_labels (const RdmPathSet *set);
const char *rdm_path_set_label_name (const RdmPathSet *set, guint32 label);

/* The label of the pseudo-channel for conversions with no qualifying touch. */
#define RDM_NO_TOUCH_LABEL "(none)"

/* The index of the label "(none)" in @set, or G_MAXUINT32 when it has none. */
guint32 rdm_path_set_no_touch_label (const RdmPathSet *set);

/* FALSE when row @row of @set stands for journeys with no qualifying touch:
 * it has no touch, or only touches labelled "(none)" (@no_touch_label, from
 * rdm_path_set_no_touch_label()). Click priority never empties a row, so
 * this does not depend on the model options. */
gboolean rdm_path_set_row_is_touched (const RdmPathSet *set, guint row, guint32 no_touch_label);

G_END_DECLS
