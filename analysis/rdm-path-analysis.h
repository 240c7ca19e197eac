/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rdm-path-set.h"

G_BEGIN_DECLS

/* The joiner of path texts, as in ChannelAttribution's path tables. */
#define RDM_PATH_SEPARATOR " > "

/* Time-to-conversion buckets, in whole days from the path's first touch to
 * the conversion: 0, 1, 2-3, 4-7, 8-14, 15-30, 31-60, 61 and more. */
#define RDM_N_TIME_BUCKETS 8

typedef struct
{
  char *path; /* labels joined by RDM_PATH_SEPARATOR */
  double conversions;
  double value;
  double share; /* of all conversions */
} RdmTopPath;

/* Per label of the path set, all weighted by the rows' conversions. */
typedef struct
{
  /* positions (GA's rule, see rdm-path-analysis.c); touches, not paths */
  double early;
  double middle;
  double late;
  double early_share; /* early / (early + middle + late); 0 when never seen */
  double middle_share;
  double late_share;
  double last_touch;   /* conversions whose last touch is this label */
  double assisted;     /* conversions whose path has this label before the last touch */
  double assist_ratio; /* assisted / last_touch; NAN when last_touch is 0 */
} RdmLabelPaths;

typedef struct
{
  double total_conversions;
  double total_value;
  guint n_converting_rows;

  GArray *top_paths;    /* RdmTopPath, at most top_n, by conversions then text */
  guint n_unique_paths; /* distinct converting paths */

  /* length_histogram[k] = conversions with k + 1 touches, the last bucket
   * (index max_length - 1) holding max_length touches and more */
  guint max_length;
  double *length_histogram;

  /* only when the set has_times */
  gboolean has_time_histogram;
  double time_histogram[RDM_N_TIME_BUCKETS];

  guint n_labels;     /* the path set's labels, same indices */
  char **label_names; /* NULL-terminated copy */
  RdmLabelPaths *labels;
  /* overlap[i * n_labels + j]: share of conversions whose path contains
   * both labels i and j; the diagonal is the share containing i */
  double *overlap;
} RdmPathAnalysis;

void rdm_path_analysis_free (RdmPathAnalysis *analysis);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmPathAnalysis, rdm_path_analysis_free)

/* The conversion paths report over the converting rows of @set (rows with
 * conversions > 0; null rows are ignored), every count weighted by the
 * row's conversions so that imported path tables and built journeys agree.
 * @top_n: how many top paths to keep (0 keeps all); @max_length >= 1: the
 * number of path-length buckets. */
RdmPathAnalysis *rdm_path_analysis_compute (const RdmPathSet *set, guint top_n, guint max_length);

/* The bucket of a time to conversion in seconds, and the buckets' labels
 * ("0", "1", "2-3", ...; not translated: they are numbers). */
guint rdm_path_analysis_time_bucket (double age_seconds);
const char *rdm_path_analysis_time_bucket_label (guint bucket);

/* How many of the @n touches of a path are early, middle and late. */
void rdm_path_analysis_positions (guint n, guint *early, guint *middle, guint *late);

G_END_DECLS
