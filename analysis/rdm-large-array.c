/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Large arrays: see rdm-large-array.h.
 *
 * The page faults of the first writes into freshly allocated columns were
 * a sixth of the time of loading the events and of building a path set
 * (perf, 3 million touchpoints): one fault per 4 KiB page, each clearing
 * its page, where one huge page clears 2 MiB in a single fault.
 */

/* madvise() */
#define _DEFAULT_SOURCE

#include "config.h"

#include <sys/mman.h>

#include "rdm-large-array.h"

void
rdm_large_array_advise (gpointer start, gsize n_bytes)
{
#ifdef MADV_HUGEPAGE
  const guintptr huge = 2 << 20;
  guintptr first = ((guintptr)start + huge - 1) & ~(huge - 1);
  guintptr end = ((guintptr)start + n_bytes) & ~(huge - 1);

  if (end > first)
    madvise ((void *)first, end - first, MADV_HUGEPAGE);
#endif
}

gpointer
rdm_large_array_renew (gpointer array, gsize n_bytes)
{
  array = g_realloc (array, MAX (n_bytes, 1));
  rdm_large_array_advise (array, n_bytes);
  return array;
}

void
rdm_large_array_reserve (GArray *array, guint n)
{
  guint len;
  guint element_size;

  g_return_if_fail (array != NULL);

  len = array->len;
  if (n <= len)
    return;
  element_size = g_array_get_element_size (array);
  g_array_set_size (array, n);
  g_array_set_size (array, len);
  rdm_large_array_advise (array->data, (gsize)n * element_size);
}
