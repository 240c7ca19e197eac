/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Small statistics and calendar helpers the analyses share. */

/* The two-sided 97.5 % quantile of Student's t with @df degrees of freedom
 * (df >= 1): exact up to 4, and by the Cornish–Fisher expansion around
 * the normal's beyond, within 1e-3 of the exact value from df = 5 on. */
double rdm_student_t_975 (double df);

/* The quantile of the standard normal distribution at @p, 0 < p < 1
 * (Wichura's algorithm AS 241, to about 1e-16). */
double rdm_stats_normal_quantile (double p);

/* Half the width of a 95 % interval from @n >= 2 draws of an estimate's
 * error: t(n − 1) times their standard deviation. The bootstraps'
 * intervals put it on either side of their estimate, where with the few
 * replicates a fit can afford the percentiles would sit next to the
 * extreme draws (tests/bench/README.md). */
double rdm_stats_t_half_width (const double *draws, guint n);

/* The weekday, 0 for Monday to 6 for Sunday, of the day starting at epoch
 * second @day (UTC; any second of the day). */
guint rdm_stats_weekday (gint64 day);

G_END_DECLS
