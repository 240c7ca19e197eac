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

/* Exported PNGs are at least this many pixels wide by default: print
 * resolution for a chart a page wide. */
#define RDM_CHART_PRINT_WIDTH 1600

/* Series colours: Okabe–Ito's eight colour-blind-safe colours first, then
 * Paul Tol's muted and light schemes, all told apart by at least 15 CIELAB
 * ΔE units in each theme. Series beyond this many repeat the colours on
 * lines with a dash pattern, see rdm_chart_set_series_colour(). */
#define RDM_CHART_PALETTE_SIZE 20

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

/* Like rdm_chart_render_cairo_with_hits(), leaving the top right corner of
 * @corner_width × @corner_height user units free for a button laid over
 * the chart: the title stops short of it and the plot starts below it. */
GArray *rdm_chart_render_cairo_with_corner (const RdmChart *chart,
                                            cairo_t *cr,
                                            int width,
                                            int height,
                                            gboolean dark,
                                            int corner_width,
                                            int corner_height);

/* The topmost item of @hits under (@x, @y), or NULL. */
const RdmChartHit *rdm_chart_hits_lookup (GArray *hits, double x, double y);

/* Writes @chart to @path with the same drawing code as the screen, in the
 * light theme on a white page, @width × @height pixels (PNG) or points
 * (SVG, PDF). Text keeps the proportions it has on a screen about 800
 * pixels wide: a wider page is laid out at 800 units and scaled up, so a
 * 1600 × 900 PNG is an 800 × 450 chart at twice the resolution. The file
 * is replaced atomically; on error nothing is written. An empty chart is
 * an RDM_CHART_ERROR_EMPTY error. */
gboolean rdm_chart_export (const RdmChart *chart,
                           const char *path,
                           RdmChartFormat format,
                           int width,
                           int height,
                           GError **error);

/* Writes @chart laid out as on a screen of @width × @height: SVG and PDF
 * pages of @width × @height points, PNG of @width × @height pixels times
 * @scale (at least 1), so that every format shows the same picture. */
gboolean rdm_chart_export_scaled (const RdmChart *chart,
                                  const char *path,
                                  RdmChartFormat format,
                                  int width,
                                  int height,
                                  double scale,
                                  GError **error);

/* The scale that makes a PNG of a chart @width wide on screen at least
 * RDM_CHART_PRINT_WIDTH pixels wide (1 when it already is). */
double rdm_chart_print_scale (int width);

/* The colour of palette entry @index (wrapping around) in the light or
 * dark theme. */
void rdm_chart_palette_colour (gboolean dark, guint index, guint8 rgb[3]);

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
