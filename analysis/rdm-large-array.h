/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* g_realloc() for an array of tens of megabytes that is about to be
 * written once from start to end (a column of the event store, of a path
 * set): on Linux, asks for transparent huge pages where the system leaves
 * that to programs, so that the first write of each page costs one fault
 * per 2 MiB instead of one per 4 KiB. Only advice: ignored elsewhere.
 * Never returns NULL, even for 0 bytes. */
gpointer rdm_large_array_renew (gpointer array, gsize n_bytes);

/* The same advice for @n_bytes at @data, a buffer about to be filled (a
 * whole file read at once: 200 MB are otherwise 50 000 page faults, as
 * long to serve as the read itself). */
void rdm_large_array_advise (gpointer data, gsize n_bytes);

/* Reserves room for @n elements in @array, with the same advice, without
 * changing its length (GArray has no reserve of its own). */
void rdm_large_array_reserve (GArray *array, guint n);

G_END_DECLS
