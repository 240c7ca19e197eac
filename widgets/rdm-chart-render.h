/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "rdm-chart.h"

G_BEGIN_DECLS

#define RDM_CHART_ERROR (rdm_chart_error_quark ())

typedef enum
{
  RDM_CHART_ERROR_FORMAT, /* unknown file format or file name extension */
  RDM_CHART_ERROR_EMPTY,  /* the chart has nothing to draw */
  RDM_CHART_ERROR_SIZE,   /* width or height out of range */
  RDM_CHART_ERROR_DRIVER, /* the PLplot cairo driver is not installed */
  RDM_CHART_ERROR_WRITE,  /* the file could not be written */
} RdmChartError;

typedef enum
{
  RDM_CHART_FORMAT_GUESS, /* from the file name's extension */
  RDM_CHART_FORMAT_PNG,
  RDM_CHART_FORMAT_SVG,
  RDM_CHART_FORMAT_PDF,
} RdmChartFormat;

/* Exported pages are at most this many pixels (PNG) or points (SVG, PDF)
 * on a side, and at least RDM_CHART_MIN_SIZE. */
#define RDM_CHART_MIN_SIZE 64
#define RDM_CHART_MAX_SIZE 16384

GQuark rdm_chart_error_quark (void);

/* Draws @chart into @cr over (0, 0, @width, @height) in user units, with
 * the light or dark theme. Paints no background: the caller paints the
 * view's background first. An empty chart shows "No data to draw". Safe to
 * call from any thread: all PLplot use is serialised by one lock. */
void
rdm_chart_render_cairo (const RdmChart *chart, cairo_t *cr, int width, int height, gboolean dark);

/* A data item drawn by rdm_chart_render_cairo_with_hits(): its box in the
 * cairo context's user units and a one-line (scatter: three-line)
 * description for a tooltip, such as "Facebook — Markov: 140 (120 to 160)". */
typedef struct
{
  double x;
  double y;
  double width;
  double height;
  char *text;
} RdmChartHit;

/* Draws like rdm_chart_render_cairo() and returns the items drawn, in
 * drawing order (free with g_array_unref()). */
GArray *rdm_chart_render_cairo_with_hits (
    const RdmChart *chart, cairo_t *cr, int width, int height, gboolean dark);

/* The topmost item of @hits under (@x, @y), or NULL. */
const RdmChartHit *rdm_chart_hits_lookup (GArray *hits, double x, double y);

/* Writes @chart to @path with the same drawing code as the screen, in the
 * light theme on a white page, @width × @height pixels (PNG) or points
 * (SVG, PDF). The file is replaced atomically; on error nothing is written.
 * An empty chart is an RDM_CHART_ERROR_EMPTY error. */
gboolean rdm_chart_export (const RdmChart *chart,
                           const char *path,
                           RdmChartFormat format,
                           int width,
                           int height,
                           GError **error);

/* Writes @n_charts charts to the PDF file @path, one per page of @width ×
 * @height points, for reports. An empty chart makes a page that says
 * "No data to draw" (a report keeps its sections); no chart at all is an
 * RDM_CHART_ERROR_EMPTY error. */
gboolean rdm_chart_export_pdf_pages (const RdmChart *const *charts,
                                     guint n_charts,
                                     const char *path,
                                     int width,
                                     int height,
                                     GError **error);

/* The format named by @path's extension (.png, .svg, .pdf, any case). */
gboolean rdm_chart_format_from_path (const char *path, RdmChartFormat *format, GError **error);

/* "png", "svg" or "pdf"; NULL for RDM_CHART_FORMAT_GUESS. */
const char *rdm_chart_format_get_extension (RdmChartFormat format);

/* @value with @decimals decimals as drawn on charts: the decimal and
 * thousands separators of the user's LC_NUMERIC (read from the environment,
 * so a program that switched its own LC_NUMERIC to "C" for machine output
 * still draws "0,5" for a French user), and "−" (U+2212) for negatives. */
char *rdm_chart_format_number (double value, int decimals);

G_END_DECLS
