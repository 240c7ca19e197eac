/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawing of an RdmChart with PLplot's extcairo driver, one code path for
 * the screen (the widget's cairo context) and for files (cairo image, SVG
 * and PDF surfaces, scaled), so an exported chart is the chart on screen:
 * a file is laid out at a screen's size and drawn at print resolution,
 * rather than laid out on a page so large that its text looks tiny.
 *
 * The layout follows a few rules so that charts stay readable with real
 * data: bars start at zero, and an outlier is cut with a break mark and its
 * true value (see _rdm_chart_axis_break()) rather than flatten the other
 * bars; no two series share a colour (20 colours, then dashes on lines);
 * scatter labels never overlap (see place_label()); nothing is left out
 * without a note saying so; and a corner can be kept free for a button.
 *
 * PLplot is used as a drawing surface only: the whole page is one viewport
 * whose world coordinates are millimetres from the bottom-left corner, and
 * this file does its own layout, ticks and labels. That keeps text at a
 * constant size whatever the page size (after plschr), lets long labels be
 * rotated or ellipsised, and keeps PLplot's printf-based tick labels (which
 * follow whatever LC_NUMERIC the process has) out of the picture. Numbers
 * are formatted here with the user's separators, see
 * rdm_chart_format_number().
 *
 * PLplot keeps the current stream and driver options in globals and is not
 * thread-safe (two threads exporting crash), so every use is under one lock
 * and each drawing makes a fresh stream and restores the previous one.
 * plinit() with an unknown device prompts on stdin then exits, so device
 * names are checked with plgDevs() first.
 */

#define _GNU_SOURCE /* nl_langinfo's RADIXCHAR and THOUSEP */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <langinfo.h>
#include <locale.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <plplot.h>
#include <string.h>

#include "rdm-chart-private.h"
#include "rdm-chart-render-private.h"
#include "rdm-text.h"

/* clang-format off */
G_DEFINE_QUARK (rdm-chart-error-quark, rdm_chart_error)
/* clang-format on */

G_LOCK_DEFINE_STATIC (plplot);

typedef guint8 Rgb[3];

typedef struct
{
  Rgb background; /* Adwaita view background */
  Rgb text;
  Rgb muted; /* tick labels, axis titles */
  Rgb grid;
  Rgb axis;
  Rgb positive;
  Rgb negative;
  Rgb heat_low;
  Rgb heat_high;
  Rgb palette[RDM_CHART_PALETTE_SIZE];
} Theme;

/* Okabe–Ito's colour-blind-safe eight, then Paul Tol's muted and light
 * schemes without the colours too close to those already in. The dark
 * theme lightens the colours that would vanish on a dark background (black,
 * indigo, wine). Every pair is at least 15 CIELAB ΔE apart, which
 * test-chart checks. */
static const Theme light_theme = {
  .background = { 0xff, 0xff, 0xff },
  .text = { 0x24, 0x1f, 0x31 },
  .muted = { 0x5e, 0x5c, 0x64 },
  .grid = { 0xe6, 0xe5, 0xe8 },
  .axis = { 0x9a, 0x99, 0x96 },
  .positive = { 0x26, 0xa2, 0x69 },
  .negative = { 0xc0, 0x1c, 0x28 },
  .heat_low = { 0xee, 0xf3, 0xfb },
  .heat_high = { 0x1a, 0x5f, 0xb4 },
  .palette = {
    { 0x00, 0x72, 0xb2 }, /* blue */
    { 0xe6, 0x9f, 0x00 }, /* orange */
    { 0x00, 0x9e, 0x73 }, /* bluish green */
    { 0xd5, 0x5e, 0x00 }, /* vermillion */
    { 0x56, 0xb4, 0xe9 }, /* sky blue */
    { 0xcc, 0x79, 0xa7 }, /* reddish purple */
    { 0xf0, 0xe4, 0x42 }, /* yellow */
    { 0x00, 0x00, 0x00 }, /* black */
    { 0x33, 0x22, 0x88 }, /* indigo */
    { 0xcc, 0x66, 0x77 }, /* rose */
    { 0x11, 0x77, 0x33 }, /* green */
    { 0x88, 0x22, 0x55 }, /* wine */
    { 0x44, 0xaa, 0x99 }, /* teal */
    { 0x99, 0x99, 0x33 }, /* olive */
    { 0xaa, 0x44, 0x99 }, /* purple */
    { 0xdd, 0xcc, 0x77 }, /* sand */
    { 0x99, 0xdd, 0xff }, /* light cyan */
    { 0xee, 0x88, 0x66 }, /* light orange */
    { 0xbb, 0xcc, 0x33 }, /* pear */
    { 0xff, 0xaa, 0xbb }, /* pink */
  },
};

static const Theme dark_theme = {
  .background = { 0x1e, 0x1e, 0x1e },
  .text = { 0xff, 0xff, 0xff },
  .muted = { 0xc0, 0xbf, 0xbc },
  .grid = { 0x36, 0x36, 0x3a },
  .axis = { 0x77, 0x76, 0x7b },
  .positive = { 0x2e, 0xc2, 0x7e },
  .negative = { 0xf6, 0x61, 0x51 },
  .heat_low = { 0x2a, 0x2e, 0x36 },
  .heat_high = { 0x62, 0xa0, 0xea },
  .palette = {
    { 0x4f, 0x7f, 0xef },
    { 0xe6, 0x9f, 0x00 },
    { 0x00, 0xc2, 0x8f },
    { 0xf0, 0x7a, 0x2a },
    { 0x56, 0xb4, 0xe9 },
    { 0xcc, 0x79, 0xa7 },
    { 0xf0, 0xe4, 0x42 },
    { 0xe8, 0xe8, 0xe8 },
    { 0x88, 0x77, 0xee },
    { 0xcc, 0x66, 0x77 },
    { 0x44, 0xaa, 0x55 },
    { 0xd0, 0x50, 0x8a },
    { 0x44, 0xaa, 0x99 },
    { 0xa8, 0xa8, 0x38 },
    { 0xc0, 0x60, 0xb5 },
    { 0xdd, 0xcc, 0x77 },
    { 0x99, 0xdd, 0xff },
    { 0xee, 0x88, 0x66 },
    { 0xbb, 0xcc, 0x33 },
    { 0xff, 0xaa, 0xbb },
  },
};

void
rdm_chart_palette_colour (gboolean dark, guint index, guint8 rgb[3])
{
  const Theme *theme = dark ? &dark_theme : &light_theme;

  memcpy (rgb, theme->palette[index % RDM_CHART_PALETTE_SIZE], 3);
}

/* Pixels per millimetre of the cairo drivers, which assume 72 dpi. */
#define PX_PER_MM (72.0 / 25.4)
/* Font size over PLplot character height for the cairo drivers, measured
 * (3.5 mm characters are drawn with a 4.67 mm font). */
#define FONT_PER_CHAR 1.333
/* The one cmap0 entry recoloured before each use. */
#define WORK_COLOUR 15

typedef struct
{
  const RdmChart *chart;
  const Theme *theme;
  double w; /* page, mm */
  double h;
  double chr;       /* body text height, mm */
  cairo_t *measure; /* scratch context for text widths */
  char decimal[8];
  char thousands[8];
  GArray *hits;     /* RdmChartHit, or NULL when nobody asked */
  GArray *items;    /* RdmChartItem, or NULL when nobody asked */
  double px_per_mm; /* user units of the target per page millimetre */
  double height_px;
  double corner_w; /* mm kept free in the top right corner */
  double corner_h;
} Ctx;

typedef struct
{
  double lo; /* first tick */
  double hi; /* last tick */
  double step;
  int decimals;
} Ticks;

/* Plot area in page millimetres and the data range it shows. */
typedef struct
{
  double left;
  double right;
  double bottom;
  double top;
  double xmin;
  double xmax;
  double ymin;
  double ymax;
  /* A broken value axis has no ticks past these values; ±G_MAXDOUBLE
   * otherwise. */
  double tick_min;
  double tick_max;
  /* Millimetres kept clear above the top value and below the bottom one,
   * for clipped bars; 0 otherwise. */
  double reserve_top;
  double reserve_bottom;
} Frame;

typedef enum
{
  LABELS_FLAT,
  LABELS_SLANTED, /* 45° */
  LABELS_UPRIGHT, /* 90°, every stride-th label */
} LabelMode;

typedef struct
{
  LabelMode mode;
  guint stride;
  double max_width; /* mm, longer labels are ellipsised */
  double height;    /* mm taken below the axis */
} LabelPlan;

/* Millimetres well off any page, see frame_x(). */
#define FAR_AWAY 10000.0

/* Text size factors relative to Ctx.chr. */
#define TITLE_SCALE 1.2
#define TICK_SCALE 0.9
#define SMALL_SCALE 0.85

/* Numbers ----------------------------------------------------------------- */

/* The separators of the calling thread's locale: the process's, or the
 * one a worker took with uselocale() to write a review in another
 * language than the window's. */
static void
read_separators (char *decimal, char *thousands, gsize size)
{
  const char *radix = nl_langinfo (RADIXCHAR);

  g_strlcpy (decimal, *radix != '\0' ? radix : ".", size);
  g_strlcpy (thousands, nl_langinfo (THOUSEP), size);
}

static char *
format_with (double value, int decimals, const char *decimal, const char *thousands)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char fmt[16];
  const char *digits;
  const char *point;
  gsize n_int;
  GString *out = g_string_new (NULL);

  g_snprintf (fmt, sizeof fmt, "%%.%df", CLAMP (decimals, 0, 9));
  g_ascii_formatd (buf, sizeof buf, fmt, value);
  digits = buf;
  if (*digits == '-')
    {
      digits++;
      /* "-0" and "-0.0" after rounding are plain zeros. */
      if (strspn (digits, "0.") != strlen (digits))
        g_string_append (out, "\u2212");
    }
  point = strchr (digits, '.');
  n_int = point != NULL ? (gsize)(point - digits) : strlen (digits);
  for (gsize i = 0; i < n_int; i++)
    {
      if (i > 0 && (n_int - i) % 3 == 0)
        g_string_append (out, thousands);
      g_string_append_c (out, digits[i]);
    }
  if (point != NULL)
    {
      g_string_append (out, decimal);
      g_string_append (out, point + 1);
    }
  return g_string_free (out, FALSE);
}

char *
rdm_chart_format_number (double value, int decimals)
{
  char decimal[8];
  char thousands[8];

  read_separators (decimal, thousands, sizeof decimal);
  return format_with (value, decimals, decimal, thousands);
}

static char *
ctx_number (const Ctx *ctx, double value, int decimals)
{
  return format_with (value, decimals, ctx->decimal, ctx->thousands);
}

/* A value as a tooltip shows it: whole numbers as such, others with two
 * decimals. */
static char *
hit_number (const Ctx *ctx, double value)
{
  return ctx_number (ctx, value, fabs (value - round (value)) < 1e-9 ? 0 : 2);
}

/* Records that the page rectangle (@x0, @y0)–(@x1, @y1), in millimetres,
 * shows what @text says (taken). Tiny items get a box big enough to point
 * at. */
static void
add_hit (const Ctx *ctx, double x0, double y0, double x1, double y1, char *text)
{
  double min_size = 1.5;
  RdmChartHit hit;

  if (ctx->hits == NULL)
    {
      g_free (text);
      return;
    }
  if (fabs (x1 - x0) < min_size)
    {
      double centre = (x0 + x1) / 2;

      x0 = centre - min_size / 2;
      x1 = centre + min_size / 2;
    }
  if (fabs (y1 - y0) < min_size)
    {
      double centre = (y0 + y1) / 2;

      y0 = centre - min_size / 2;
      y1 = centre + min_size / 2;
    }
  hit.x = MIN (x0, x1) * ctx->px_per_mm;
  hit.width = fabs (x1 - x0) * ctx->px_per_mm;
  hit.y = ctx->height_px - MAX (y0, y1) * ctx->px_per_mm;
  hit.height = fabs (y1 - y0) * ctx->px_per_mm;
  hit.text = text;
  g_array_append_val (ctx->hits, hit);
}

/* Enough decimals to tell apart values of this size: 1234 → 0, 12.3 → 1,
 * 0.25 → 2; whole numbers get none. */
static int
value_decimals (const double *values, guint n)
{
  double biggest = 0;
  gboolean whole = TRUE;

  for (guint i = 0; i < n; i++)
    {
      if (!isfinite (values[i]))
        continue;
      biggest = MAX (biggest, fabs (values[i]));
      if (fabs (values[i] - round (values[i])) > 1e-9)
        whole = FALSE;
    }
  if (whole || biggest >= 100)
    return 0;
  return biggest >= 10 ? 1 : 2;
}

/* Round steps (1, 2, 5 × 10^k) covering [lo, hi] with about @target
 * intervals. */
static void
nice_ticks (double lo, double hi, int target, Ticks *ticks)
{
  double raw;
  double magnitude;
  double norm;
  double step;

  if (!(hi > lo))
    {
      double pad = fabs (lo) > 0 ? fabs (lo) * 0.5 : 1.0;

      lo -= pad;
      hi += pad;
    }
  raw = (hi - lo) / MAX (target, 1);
  /* Values near ±DBL_MAX overflow the range: draw a plain axis rather
   * than loop over infinitely many ticks. */
  if (!isfinite (raw) || raw < 1e-300 || fabs (lo) > 1e300 || fabs (hi) > 1e300)
    {
      lo = -1;
      hi = 1;
      raw = 2.0 / MAX (target, 1);
    }
  magnitude = pow (10, floor (log10 (raw)));
  norm = raw / magnitude;
  if (norm < 1.5)
    step = 1 * magnitude;
  else if (norm < 3)
    step = 2 * magnitude;
  else if (norm < 7)
    step = 5 * magnitude;
  else
    step = 10 * magnitude;

  ticks->step = step;
  ticks->lo = floor (lo / step + 1e-9) * step;
  ticks->hi = ceil (hi / step - 1e-9) * step;
  ticks->decimals = 0;
  while (ticks->decimals < 9)
    {
      double scaled = step * pow (10, ticks->decimals);

      if (fabs (scaled - round (scaled)) < 1e-6 * MAX (1.0, scaled))
        break;
      ticks->decimals++;
    }
}

static guint
ticks_count (const Ticks *ticks)
{
  return (guint)round ((ticks->hi - ticks->lo) / ticks->step) + 1;
}

static double
tick_value (const Ticks *ticks, guint i)
{
  return ticks->lo + i * ticks->step;
}

/* PLplot primitives in page millimetres --------------------------------- */

static void
use_colour (const Rgb rgb, double alpha)
{
  plscol0a (WORK_COLOUR, rgb[0], rgb[1], rgb[2], alpha);
  plcol0 (WORK_COLOUR);
}

static void
fill_rect (double x0, double y0, double x1, double y1)
{
  PLFLT xs[4] = { x0, x1, x1, x0 };
  PLFLT ys[4] = { y0, y0, y1, y1 };

  if (fabs (x1 - x0) < 1e-6 || fabs (y1 - y0) < 1e-6)
    return;
  plfill (4, xs, ys);
}

/* @width in millimetres. */
static void
draw_line (double x0, double y0, double x1, double y1, double width)
{
  PLFLT xs[2] = { x0, x1 };
  PLFLT ys[2] = { y0, y1 };

  plwidth (width * PX_PER_MM);
  plline (2, xs, ys);
}

static void
fill_circle (double x, double y, double r)
{
  plarc (x, y, r, r, 0, 360, 0, TRUE);
}

static void
stroke_circle (double x, double y, double r, double width)
{
  plwidth (width * PX_PER_MM);
  plarc (x, y, r, r, 0, 360, 0, FALSE);
}

static void
use_font (const Ctx *ctx, double scale, gboolean bold)
{
  plschr (ctx->chr * scale, 1.0);
  plsfont (PL_FCI_SANS, PL_FCI_UPRIGHT, bold ? PL_FCI_BOLD : PL_FCI_MEDIUM);
}

/* '#' is PLplot's escape character (as in "#u" for superscript), so it is
 * doubled to be drawn as itself; control characters are drawn as escapes,
 * as the command line prints them. */
static char *
escape_text (const char *text)
{
  g_autofree char *visible = rdm_text_escape_controls (text, FALSE);
  GString *out = g_string_new (NULL);

  for (const char *p = visible; *p != '\0'; p++)
    {
      if (*p == '#')
        g_string_append_c (out, '#');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Draws @text with its vertical middle on (@x, @y), @angle in degrees,
 * @just 0 left, 0.5 centre, 1 right. */
static double text_width (const Ctx *ctx, const char *text, double scale, gboolean bold);

static void
add_item (const Ctx *ctx,
          RdmChartItemRole role,
          const char *text,
          double x0,
          double y0,
          double x1,
          double y1)
{
  RdmChartItem item;

  if (ctx->items == NULL)
    return;
  /* In the target's user units, like the hits. */
  item.role = role;
  item.text = g_strdup (text);
  item.x0 = MIN (x0, x1) * ctx->px_per_mm;
  item.x1 = MAX (x0, x1) * ctx->px_per_mm;
  item.y0 = ctx->height_px - MAX (y0, y1) * ctx->px_per_mm;
  item.y1 = ctx->height_px - MIN (y0, y1) * ctx->px_per_mm;
  g_array_append_val (ctx->items, item);
}

/* Records the box of a text drawn as draw_text() draws it. */
static void
add_text_item (const Ctx *ctx,
               RdmChartItemRole role,
               double x,
               double y,
               double angle,
               double just,
               double scale,
               gboolean bold,
               const char *text)
{
  double w = text_width (ctx, text, scale, bold);
  double half_h = ctx->chr * scale * 0.6;
  double rad = angle * G_PI / 180.0;
  double c = cos (rad);
  double s = sin (rad);
  double xs[4], ys[4];
  double along[2] = { -just * w, (1 - just) * w };
  double across[2] = { -half_h, half_h };

  if (ctx->items == NULL)
    return;
  for (guint i = 0; i < 4; i++)
    {
      double a = along[i / 2];
      double b = across[i % 2];

      xs[i] = x + a * c - b * s;
      ys[i] = y + a * s + b * c;
    }
  add_item (ctx, role, text, MIN (MIN (xs[0], xs[1]), MIN (xs[2], xs[3])),
            MIN (MIN (ys[0], ys[1]), MIN (ys[2], ys[3])),
            MAX (MAX (xs[0], xs[1]), MAX (xs[2], xs[3])),
            MAX (MAX (ys[0], ys[1]), MAX (ys[2], ys[3])));
}

static void
draw_text (const Ctx *ctx,
           RdmChartItemRole role,
           double x,
           double y,
           double angle,
           double just,
           double scale,
           gboolean bold,
           const Rgb colour,
           const char *text)
{
  g_autofree char *escaped = escape_text (text);
  double rad = angle * G_PI / 180.0;

  use_font (ctx, scale, bold);
  use_colour (colour, 1.0);
  plptex (x, y, cos (rad), sin (rad), just, escaped);
  add_text_item (ctx, role, x, y, angle, just, scale, bold, text);
}

static double
text_width (const Ctx *ctx, const char *text, double scale, gboolean bold)
{
  cairo_text_extents_t extents;

  cairo_select_font_face (ctx->measure, "sans", CAIRO_FONT_SLANT_NORMAL,
                          bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (ctx->measure, ctx->chr * scale * FONT_PER_CHAR);
  cairo_text_extents (ctx->measure, text, &extents);
  return extents.x_advance;
}

/* @text, or its longest prefix followed by "…" that fits in @max_width
 * (a binary search: widths grow with the prefix). */
static char *
ellipsise (const Ctx *ctx, const char *text, double scale, gboolean bold, double max_width)
{
  glong lo = 0; /* a prefix length known to fit */
  glong hi;     /* one known not to */

  if (text_width (ctx, text, scale, bold) <= max_width)
    return g_strdup (text);

  hi = g_utf8_strlen (text, -1);
  while (hi - lo > 1)
    {
      glong mid = (lo + hi) / 2;
      g_autofree char *prefix = g_utf8_substring (text, 0, mid);
      g_autofree char *candidate = g_strconcat (g_strchomp (prefix), "…", NULL);

      if (text_width (ctx, candidate, scale, bold) <= max_width)
        lo = mid;
      else
        hi = mid;
    }
  if (lo == 0)
    return g_strdup ("…");
  {
    g_autofree char *prefix = g_utf8_substring (text, 0, lo);

    return g_strconcat (g_strchomp (prefix), "…", NULL);
  }
}

/* The palette slot of a series: its own colour, or its index in the
 * chart's full list of series, never its position among those drawn. */
static guint
series_slot (const RdmChartSeries *series, guint index)
{
  return series != NULL && series->colour >= 0 ? (guint)series->colour : index;
}

static const guint8 *
palette_colour (const Ctx *ctx, const RdmChartSeries *series, guint index)
{
  return ctx->theme->palette[series_slot (series, index) % RDM_CHART_PALETTE_SIZE];
}

/* Lines past the palette's length repeat its colours with a dash pattern
 * (PLplot's styles 2 to 8), so no two lines look alike. */
static PLINT
line_style (const RdmChartSeries *series, guint index)
{
  return 1 + (PLINT)((series_slot (series, index) / RDM_CHART_PALETTE_SIZE) % 8);
}

static double
frame_x (const Frame *f, double x)
{
  double mm = f->left + (x - f->xmin) / (f->xmax - f->xmin) * (f->right - f->left);

  /* Values far outside the axis range (only absurd data) must still give
   * coordinates PLplot and cairo can handle. */
  return CLAMP (mm, -FAR_AWAY, FAR_AWAY);
}

static double
frame_y (const Frame *f, double y)
{
  double mm = f->bottom + (y - f->ymin) / (f->ymax - f->ymin) * (f->top - f->bottom);

  return CLAMP (mm, -FAR_AWAY, FAR_AWAY);
}

/* Page furniture ---------------------------------------------------------- */

#define MARGIN(ctx) ((ctx)->chr * 0.8)

/* Draws the title and returns the top of the space left under it, which is
 * also below the corner kept free for the view's button. */
static double
draw_title (const Ctx *ctx)
{
  double top = ctx->h - MARGIN (ctx);
  /* Labels centred on the top of the plot stand half their height above
   * it. */
  double below_corner
      = ctx->corner_h > 0 ? ctx->h - ctx->corner_h - ctx->chr * TICK_SCALE * 0.7 : ctx->h;
  g_autofree char *title = NULL;

  if (ctx->chart->title != NULL)
    {
      title = ellipsise (ctx, ctx->chart->title, TITLE_SCALE, TRUE,
                         ctx->w - 2 * MARGIN (ctx) - ctx->corner_w);
      draw_text (ctx, RDM_CHART_ITEM_TITLE, MARGIN (ctx), top - ctx->chr * TITLE_SCALE * 0.6, 0, 0,
                 TITLE_SCALE, TRUE, ctx->theme->text, title);
      top -= ctx->chr * TITLE_SCALE * (ctx->chart->note != NULL ? 1.6 : 2.3);
    }
  if (ctx->chart->note != NULL)
    {
      g_autofree char *note = ellipsise (ctx, ctx->chart->note, SMALL_SCALE, FALSE,
                                         ctx->w - 2 * MARGIN (ctx) - ctx->corner_w);

      draw_text (ctx, RDM_CHART_ITEM_NOTE, MARGIN (ctx), top - ctx->chr * SMALL_SCALE * 0.6, 0, 0,
                 SMALL_SCALE, FALSE, ctx->theme->muted, note);
      top -= ctx->chr * SMALL_SCALE * 2.2;
    }
  return MIN (top, below_corner);
}

/* A legend under the title, in centred rows, when there is more than one
 * series. Returns the top of the space left under it. */
static double
draw_legend (const Ctx *ctx, double top, gboolean line_swatch)
{
  GPtrArray *series = ctx->chart->series;
  double swatch = ctx->chr * 0.8;
  double gap = ctx->chr * 1.2;
  double row_h = ctx->chr * 1.6;
  double avail = ctx->w - 2 * MARGIN (ctx);
  guint start = 0;

  if (series->len < 2)
    return top;

  while (start < series->len)
    {
      double row_w = 0;
      guint end = start;
      double x;
      double y = top - row_h * 0.5;

      /* As many entries as fit on this row, at least one. */
      while (end < series->len)
        {
          const RdmChartSeries *s = g_ptr_array_index (series, end);
          double entry = swatch * 1.5 + MIN (text_width (ctx, s->name, SMALL_SCALE, FALSE), avail);

          if (end > start && row_w + gap + entry > avail)
            break;
          row_w += (end > start ? gap : 0) + entry;
          end++;
        }

      x = (ctx->w - MIN (row_w, avail)) / 2;
      for (guint i = start; i < end; i++)
        {
          const RdmChartSeries *s = g_ptr_array_index (series, i);
          g_autofree char *name
              = ellipsise (ctx, s->name, SMALL_SCALE, FALSE, avail - swatch * 1.5);

          use_colour (palette_colour (ctx, s, i), 1.0);
          if (line_swatch && !s->stacked)
            {
              pllsty (line_style (s, i));
              draw_line (x - swatch * 0.2, y, x + swatch * 1.2, y, 0.7);
              pllsty (1);
              fill_circle (x + swatch * 0.5, y, swatch * 0.3);
            }
          else
            fill_rect (x, y - swatch / 2, x + swatch, y + swatch / 2);
          x += swatch * 1.5;
          draw_text (ctx, RDM_CHART_ITEM_LEGEND, x, y, 0, 0, SMALL_SCALE, FALSE, ctx->theme->text,
                     name);
          x += text_width (ctx, name, SMALL_SCALE, FALSE) + gap;
        }
      top -= row_h;
      start = end;
    }
  return top - ctx->chr * 0.4;
}

static void
draw_message (const Ctx *ctx, const char *message)
{
  double top = draw_title (ctx);
  g_autofree char *text = ellipsise (ctx, message, 1.0, FALSE, ctx->w - 2 * MARGIN (ctx));

  draw_text (ctx, RDM_CHART_ITEM_NOTE, ctx->w / 2, top / 2, 0, 0.5, 1.0, FALSE, ctx->theme->muted,
             text);
}

/* How to fit @n labels in slots @slot mm wide under an axis: flat if they
 * fit, else slanted, else upright and thinned out. Labels never take more than 30% of the
 * page height. */
static void
plan_labels (const Ctx *ctx, const char *const *labels, guint n, double slot, LabelPlan *plan)
{
  double ch = ctx->chr * TICK_SCALE;
  double widest = 0;
  double max_extent = ctx->h * 0.3;

  for (guint i = 0; i < n; i++)
    widest = MAX (widest, text_width (ctx, labels[i], TICK_SCALE, FALSE));
  /* A page too narrow for its margins leaves no room at all. */
  slot = MAX (slot, 0.1);

  plan->stride = 1;
  if (widest <= slot * 0.92)
    {
      plan->mode = LABELS_FLAT;
      plan->max_width = slot * 0.92;
      plan->height = ch * 1.8;
    }
  else if (slot * G_SQRT2 / 2 >= ch * 1.25)
    {
      plan->mode = LABELS_SLANTED;
      plan->max_width = MIN (widest, max_extent * G_SQRT2);
      plan->height = plan->max_width * G_SQRT2 / 2 + ch * 1.6;
    }
  else
    {
      plan->mode = LABELS_UPRIGHT;
      /* Upright labels need air between them to read as separate. */
      plan->stride = (guint)ceil (ch * 1.8 / slot);
      plan->max_width = MIN (widest, max_extent);
      plan->height = plan->max_width + ch * 1.2;
      /* A line under the labels for the note saying they are thinned. */
      if (plan->stride > 1)
        plan->height += ctx->chr * SMALL_SCALE * 1.6;
    }
}

static void
draw_labels (const Ctx *ctx,
             const char *const *labels,
             guint n,
             const LabelPlan *plan,
             double first_x,
             double slot,
             double axis_y)
{
  double ch = ctx->chr * TICK_SCALE;

  for (guint i = 0; i < n; i += plan->stride)
    {
      g_autofree char *text = ellipsise (ctx, labels[i], TICK_SCALE, FALSE, plan->max_width);
      double x = first_x + i * slot;

      switch (plan->mode)
        {
        case LABELS_FLAT:
          draw_text (ctx, RDM_CHART_ITEM_CATEGORY, x, axis_y - ch * 0.9, 0, 0.5, TICK_SCALE, FALSE,
                     ctx->theme->muted, text);
          break;
        case LABELS_SLANTED:
          {
            /* The first labels run out of the page on the left. */
            double room = (x + ch * 0.3 - MARGIN (ctx)) * G_SQRT2;

            if (room < plan->max_width)
              {
                g_free (text);
                text = ellipsise (ctx, labels[i], TICK_SCALE, FALSE, room);
              }
            draw_text (ctx, RDM_CHART_ITEM_CATEGORY, x + ch * 0.3, axis_y - ch * 0.8, 45, 1.0,
                       TICK_SCALE, FALSE, ctx->theme->muted, text);
          }
          break;
        case LABELS_UPRIGHT:
        default:
          draw_text (ctx, RDM_CHART_ITEM_CATEGORY, x, axis_y - ch * 0.5, 90, 1.0, TICK_SCALE, FALSE,
                     ctx->theme->muted, text);
          break;
        }
    }
  /* Thinned labels are said to be so, never left out silently. */
  if (plan->stride > 1)
    {
      g_autofree char *note
          = g_strdup_printf (_ ("Only one label in %u shown for lack of room"), plan->stride);

      draw_text (ctx, RDM_CHART_ITEM_NOTE, ctx->w - MARGIN (ctx),
                 axis_y - plan->height + ctx->chr * SMALL_SCALE * 0.7, 0, 1.0, SMALL_SCALE, FALSE,
                 ctx->theme->muted, note);
    }
}

/* Value axis on the left: sets frame->left, draws grid lines and labels.
 * frame->bottom/top and the y range must be set. */
/* Where the plot area starts to leave room for @ticks' labels and the y
 * axis title. */
static double
y_axis_left (const Ctx *ctx, const Ticks *ticks)
{
  double widest = 0;

  for (guint i = 0; i < ticks_count (ticks); i++)
    {
      g_autofree char *text = ctx_number (ctx, tick_value (ticks, i), ticks->decimals);

      widest = MAX (widest, text_width (ctx, text, TICK_SCALE, FALSE));
    }
  return MARGIN (ctx) + widest + ctx->chr * TICK_SCALE * 0.8
         + (ctx->chart->y_label != NULL ? ctx->chr * 1.6 : 0);
}

/* Value axis on the left: sets frame->left, draws grid lines and labels.
 * frame->bottom/top and the y range must be set. */
static void
draw_y_axis (const Ctx *ctx, Frame *frame, const Ticks *ticks)
{
  guint n = ticks_count (ticks);
  double ch = ctx->chr * TICK_SCALE;

  frame->left = y_axis_left (ctx, ticks);
  for (guint i = 0; i < n; i++)
    {
      double y = frame_y (frame, tick_value (ticks, i));
      g_autofree char *text = NULL;

      /* Past an axis break the scale no longer holds. */
      if (tick_value (ticks, i) > frame->tick_max + ticks->step * 1e-6
          || tick_value (ticks, i) < frame->tick_min - ticks->step * 1e-6)
        continue;
      text = ctx_number (ctx, tick_value (ticks, i), ticks->decimals);

      use_colour (ctx->theme->grid, 1.0);
      draw_line (frame->left, y, frame->right, y, 0.25);
      draw_text (ctx, RDM_CHART_ITEM_TICK, frame->left - ch * 0.6, y, 0, 1.0, TICK_SCALE, FALSE,
                 ctx->theme->muted, text);
    }

  if (ctx->chart->y_label != NULL)
    {
      g_autofree char *label
          = ellipsise (ctx, ctx->chart->y_label, 1.0, FALSE, frame->top - frame->bottom);

      draw_text (ctx, RDM_CHART_ITEM_AXIS_TITLE, MARGIN (ctx) + ctx->chr * 0.5,
                 (frame->top + frame->bottom) / 2, 90, 0.5, 1.0, FALSE, ctx->theme->muted, label);
    }
}

static void
draw_x_title (const Ctx *ctx, const Frame *frame)
{
  g_autofree char *label = NULL;

  if (ctx->chart->x_label == NULL)
    return;
  label = ellipsise (ctx, ctx->chart->x_label, 1.0, FALSE, frame->right - frame->left);
  draw_text (ctx, RDM_CHART_ITEM_AXIS_TITLE, (frame->left + frame->right) / 2,
             MARGIN (ctx) + ctx->chr * 0.5, 0, 0.5, 1.0, FALSE, ctx->theme->muted, label);
}

static double
x_title_height (const Ctx *ctx)
{
  return ctx->chart->x_label != NULL ? ctx->chr * 1.6 : 0;
}

static int
y_tick_target (const Ctx *ctx, double height)
{
  return CLAMP ((int)(height / (ctx->chr * 3.2)), 2, 8);
}

/* Sets frame's y range from the ticks and draws the value axis, with the
 * categories' labels under the plot area. Returns the slot width. */
static double
layout_category_frame (const Ctx *ctx, Frame *frame, double top, double lo, double hi)
{
  const char *const *labels = (const char *const *)ctx->chart->categories->pdata;
  guint n = ctx->chart->categories->len;
  LabelPlan plan;
  Ticks ticks;
  double slot;

  frame->top = top;
  frame->right = ctx->w - MARGIN (ctx) * 1.5;

  /* The left margin depends on the tick labels, which depend on the height,
   * which depends on the category labels, which depend on the slot width:
   * estimate the width from a first set of ticks, then settle. */
  nice_ticks (lo, hi, y_tick_target (ctx, top * 0.7), &ticks);
  frame->left = y_axis_left (ctx, &ticks);
  slot = (frame->right - frame->left) / MAX (n, 1);
  plan_labels (ctx, labels, n, slot, &plan);
  frame->bottom = MARGIN (ctx) + x_title_height (ctx) + plan.height;

  /* Widen the range so that the reserved millimetres stay clear of the
   * values, leaving the scale at least a third of the height. */
  if (frame->reserve_top > 0 || frame->reserve_bottom > 0)
    {
      double height = frame->top - frame->bottom;
      double scale_h = MAX (height - frame->reserve_top - frame->reserve_bottom, height / 3);
      double per_mm = (hi - lo) / scale_h;

      hi += frame->reserve_top * per_mm;
      lo -= frame->reserve_bottom * per_mm;
    }
  nice_ticks (lo, hi, y_tick_target (ctx, frame->top - frame->bottom), &ticks);
  frame->ymin = ticks.lo;
  frame->ymax = ticks.hi;
  frame->xmin = 0;
  frame->xmax = MAX (n, 1);
  draw_y_axis (ctx, frame, &ticks);
  /* The y labels may have grown the margin a little: slots follow. */
  slot = (frame->right - frame->left) / MAX (n, 1);
  draw_labels (ctx, labels, n, &plan, frame->left + slot / 2, slot, frame->bottom);
  draw_x_title (ctx, frame);
  return slot;
}

static void
draw_zero_line (const Ctx *ctx, const Frame *frame)
{
  double y = frame_y (frame, MAX (frame->ymin, MIN (0, frame->ymax)));

  use_colour (ctx->theme->axis, 1.0);
  draw_line (frame->left, y, frame->right, y, 0.35);
}

static const RdmChartSeries *
series_at (const RdmChart *chart, guint i)
{
  return g_ptr_array_index (chart->series, i);
}

static double
value_at (const RdmChartSeries *series, guint i)
{
  return g_array_index (series->values, double, i);
}

/* Draws @text above a positive bar or below a negative one whose end is at
 * @y, when it fits in @room (in a smaller size if need be). */
static void
draw_bar_label (
    const Ctx *ctx, double x, double y, gboolean positive, double room, const char *text)
{
  double scale = SMALL_SCALE;

  if (text_width (ctx, text, scale, FALSE) > room)
    scale = SMALL_SCALE * 0.8;
  if (text_width (ctx, text, scale, FALSE) > room)
    return;
  y += (positive ? 1 : -1) * ctx->chr * scale * 1.05;
  draw_text (ctx, RDM_CHART_ITEM_VALUE, x, y, 0, 0.5, scale, FALSE, ctx->theme->text, text);
}

static void
draw_bar_value (
    const Ctx *ctx, const Frame *frame, double x, double value, double room, int decimals)
{
  g_autofree char *text = ctx_number (ctx, value, decimals);

  draw_bar_label (ctx, x, frame_y (frame, value), value >= 0, room, text);
}

/* Chart kinds --------------------------------------------------------------- */

static void
range_of (const GArray *values, double *lo, double *hi)
{
  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      double v = g_array_index (values, double, i);

      if (isfinite (v))
        {
          *lo = MIN (*lo, v);
          *hi = MAX (*hi, v);
        }
    }
}

static int
compare_magnitudes (gconstpointer a, gconstpointer b)
{
  double x = fabs (*(const double *)a);
  double y = fabs (*(const double *)b);

  return (x < y) - (x > y);
}

gboolean
_rdm_chart_axis_break (const double *values, guint n_values, double *lo, double *hi)
{
  g_autofree double *sorted = g_new (double, MAX (n_values, 1));
  guint n = 0;
  guint max_outliers;
  guint n_outliers = 0;

  for (guint i = 0; i < n_values; i++)
    if (isfinite (values[i]))
      sorted[n++] = values[i];
  if (n < 3)
    return FALSE;
  qsort (sorted, n, sizeof (double), compare_magnitudes);
  max_outliers = MAX (n / 4, 1);
  for (guint j = 1; j <= max_outliers && n_outliers == 0; j++)
    if (fabs (sorted[j]) > 0 && fabs (sorted[j - 1]) > RDM_CHART_BREAK_RATIO * fabs (sorted[j]))
      n_outliers = j;
  if (n_outliers == 0)
    return FALSE;
  *lo = 0;
  *hi = 0;
  for (guint i = n_outliers; i < n; i++)
    {
      *lo = MIN (*lo, sorted[i]);
      *hi = MAX (*hi, sorted[i]);
    }
  return TRUE;
}

/* A value axis cut short so that outliers do not flatten the other bars:
 * bars past the cut end near the edge of the plot, crossed by a break mark,
 * with their true value written past their end. */
typedef struct
{
  gboolean broken;
  gboolean above; /* some bars are clipped above axis.hi */
  gboolean below; /* some below axis.lo */
  double lo;      /* the values shown to scale */
  double hi;
  guint levels;     /* rows of clipped values, filled in turn */
  gboolean upright; /* clipped values written upwards, one per bar */
  double label_h;   /* mm past a clipped bar's end for its value */
} AxisBreak;

static gboolean clipped (const AxisBreak *axis, double v);
static char *clipped_value_text (const Ctx *ctx, double v);

/* Sets @axis from the values of @chart's first @n_series series (those
 * drawn) and narrows [@lo, @hi], the range to draw, to the values shown to
 * scale. The rule looks at categories, each by its value of largest
 * magnitude, so that a channel far above the others under every model is
 * one outlier, not six. */
static void
plan_axis_break (const RdmChart *chart, guint n_series, AxisBreak *axis, double *lo, double *hi)
{
  guint n = chart->categories->len;
  g_autofree double *biggest = g_new (double, MAX (n, 1));
  double rule_lo, rule_hi; /* the outlier rule's range, over the categories */

  for (guint i = 0; i < n; i++)
    {
      biggest[i] = NAN;
      for (guint s = 0; s < n_series; s++)
        {
          double v = value_at (series_at (chart, s), i);

          if (isfinite (v) && (!isfinite (biggest[i]) || fabs (v) > fabs (biggest[i])))
            biggest[i] = v;
        }
    }
  axis->broken = _rdm_chart_axis_break (biggest, n, &rule_lo, &rule_hi);
  if (!axis->broken)
    return;
  /* The scale holds every value of the other categories. */
  axis->lo = 0;
  axis->hi = 0;
  for (guint i = 0; i < n; i++)
    {
      double shown_lo = 0, shown_hi = 0;

      if (!isfinite (biggest[i]))
        continue;
      for (guint s = 0; s < n_series; s++)
        {
          double v = value_at (series_at (chart, s), i);

          if (isfinite (v))
            {
              shown_lo = MIN (shown_lo, v);
              shown_hi = MAX (shown_hi, v);
            }
        }
      if (biggest[i] > rule_hi || biggest[i] < rule_lo)
        continue;
      axis->lo = MIN (axis->lo, shown_lo);
      axis->hi = MAX (axis->hi, shown_hi);
    }
  *lo = axis->lo;
  *hi = axis->hi;
  for (guint s = 0; s < n_series; s++)
    for (guint i = 0; i < n; i++)
      {
        double v = value_at (series_at (chart, s), i);

        axis->above |= isfinite (v) && v > axis->hi;
        axis->below |= isfinite (v) && v < axis->lo;
      }
}

/* How the values of the clipped bars among @chart's first @n_series
 * series are written, when each may take @room mm in a row: above their
 * bar when they fit, else in rows taken in turn by neighbours (up to two),
 * else upwards; then the millimetres they and the break need past the
 * values shown to scale, which @frame keeps clear. */
static void
plan_clipped_labels (const Ctx *ctx,
                     const RdmChart *chart,
                     guint n_series,
                     AxisBreak *axis,
                     Frame *frame,
                     double room)
{
  double ch = ctx->chr * SMALL_SCALE;
  double widest = 0;
  double reserve;

  if (!axis->broken)
    return;
  for (guint s = 0; s < n_series; s++)
    for (guint i = 0; i < chart->categories->len; i++)
      {
        double v = value_at (series_at (chart, s), i);
        g_autofree char *text = NULL;

        if (!isfinite (v) || !clipped (axis, v))
          continue;
        text = clipped_value_text (ctx, v);
        widest = MAX (widest, text_width (ctx, text, SMALL_SCALE, FALSE));
      }
  axis->levels = CLAMP ((guint)ceil (widest * 1.1 / MAX (room, 0.1)), 1, n_series);
  axis->upright = axis->levels > 2 || widest * 1.1 > room * axis->levels;
  if (axis->upright)
    axis->label_h = widest + ch * 0.8;
  else
    axis->label_h = ch * (2.1 + 1.25 * (axis->levels - 1));
  /* The break sits in a band of two character heights under the ends. */
  reserve = axis->label_h + ctx->chr * 2;
  frame->reserve_top = axis->above ? reserve : 0;
  frame->reserve_bottom = axis->below ? reserve : 0;
  frame->tick_min = axis->below ? axis->lo : -G_MAXDOUBLE;
  frame->tick_max = axis->above ? axis->hi : G_MAXDOUBLE;
}

static gboolean
clipped (const AxisBreak *axis, double v)
{
  return axis->broken && (v > axis->hi || v < axis->lo);
}

/* The end of a bar of value @v in page millimetres: its place on the scale,
 * or near the edge of the plot for a clipped bar, below its value. */
static double
bar_end (const Frame *frame, const AxisBreak *axis, double v)
{
  if (!clipped (axis, v))
    return frame_y (frame, v);
  return v > 0 ? frame->top - axis->label_h : frame->bottom + axis->label_h;
}

/* Where the break marks go, in page millimetres: halfway between the last
 * value to scale and the clipped ends. */
static double
break_y (const Frame *frame, const AxisBreak *axis, gboolean above)
{
  if (above)
    return (frame_y (frame, axis->hi) + frame->top - axis->label_h) / 2;
  return (frame_y (frame, axis->lo) + frame->bottom + axis->label_h) / 2;
}

/* The break mark: a slanted gap across the bar from @x0 to @x1 at @y, in
 * the background colour, edged with the axis colour. Leaves the axis
 * colour current. */
static void
draw_break_mark (const Ctx *ctx, double x0, double x1, double y)
{
  double rise = MIN ((x1 - x0) * 0.2, ctx->chr * 0.4);
  double gap = ctx->chr * 0.3;
  PLFLT xs[4] = { x0 - 0.3, x1 + 0.3, x1 + 0.3, x0 - 0.3 };
  PLFLT ys[4] = { y - rise - gap / 2, y + rise - gap / 2, y + rise + gap / 2, y - rise + gap / 2 };

  use_colour (ctx->theme->background, 1.0);
  plfill (4, xs, ys);
  use_colour (ctx->theme->axis, 1.0);
  draw_line (xs[0], ys[0], xs[1], ys[1], 0.25);
  draw_line (xs[3], ys[3], xs[2], ys[2], 0.25);
}

/* A clipped bar's true value, as written on it. */
static char *
clipped_value_text (const Ctx *ctx, double v)
{
  return ctx_number (ctx, v, fabs (v) >= 100 ? 0 : 2);
}

/* Draws a bar of value @v from the zero line in @colour, clipped, marked
 * and labelled with its true value when it is past the break. Returns
 * whether it wrote the value. */
static gboolean
draw_bar (const Ctx *ctx,
          const Frame *frame,
          const AxisBreak *axis,
          double x0,
          double x1,
          double v,
          const guint8 *colour,
          double label_room,
          guint level)
{
  double end = bar_end (frame, axis, v);
  double ch = ctx->chr * SMALL_SCALE;
  g_autofree char *text = NULL;

  use_colour (colour, 1.0);
  fill_rect (x0, frame_y (frame, 0), x1, end);
  if (!clipped (axis, v))
    return FALSE;
  draw_break_mark (ctx, x0, x1, break_y (frame, axis, v > 0));
  text = clipped_value_text (ctx, v);
  if (axis->upright)
    draw_text (ctx, RDM_CHART_ITEM_VALUE, (x0 + x1) / 2, v > 0 ? end + ch * 0.4 : end - ch * 0.4,
               90, v > 0 ? 0 : 1, SMALL_SCALE, FALSE, ctx->theme->text, text);
  else
    {
      /* Values too wide for their bar go in rows, one bar in each row in
       * turn, so that neighbours do not run into each other. */
      double row = (level % MAX (axis->levels, 1)) * ch * 1.25;

      draw_bar_label (ctx, (x0 + x1) / 2, v > 0 ? end + row : end - row, v > 0, label_room, text);
    }
  return TRUE;
}

/* BARS: the first series, green up and red down from the zero line unless
 * the series has its own colour; HISTOGRAM: counts in adjacent bars. */
static void
draw_bars (const Ctx *ctx, gboolean histogram)
{
  const RdmChartSeries *series = series_at (ctx->chart, 0);
  double top = draw_title (ctx);
  double lo = 0;
  double hi = 0;
  double slot;
  int decimals;
  AxisBreak axis = { FALSE };
  Frame frame = { .tick_min = -G_MAXDOUBLE, .tick_max = G_MAXDOUBLE };

  range_of (series->values, &lo, &hi);
  /* A histogram's counts are all to scale: its buckets are compared as a
   * shape. */
  if (!histogram)
    plan_axis_break (ctx->chart, 1, &axis, &lo, &hi);
  /* A value may take 1.9 slots, and a slot is about the page's width over
   * the categories: near enough to tell whether a value fits over its
   * bar. */
  plan_clipped_labels (ctx, ctx->chart, 1, &axis, &frame,
                       ctx->w * 0.85 / MAX (series->values->len, 1) * 1.9);
  /* Room for the value labels past the ends of the longest bars. */
  if (hi > 0)
    hi += (hi - lo) * 0.06;
  if (lo < 0)
    lo -= (hi - lo) * 0.06;
  slot = layout_category_frame (ctx, &frame, top - ctx->chr, lo, hi);
  decimals = value_decimals ((const double *)series->values->data, series->values->len);

  for (guint i = 0; i < series->values->len; i++)
    {
      double v = value_at (series, i);
      double centre = frame.left + slot * (i + 0.5);
      double half = histogram ? slot / 2 - MIN (0.3, slot * 0.05) : slot * 0.32;
      const guint8 *colour;

      if (!isfinite (v))
        continue;
      if (histogram || series->colour >= 0)
        colour = palette_colour (ctx, series, 0);
      else
        colour = v >= 0 ? ctx->theme->positive : ctx->theme->negative;
      if (!draw_bar (ctx, &frame, &axis, centre - half, centre + half, v, colour, slot * 1.9, 0))
        draw_bar_value (ctx, &frame, centre, v, slot * 0.95, decimals);
      {
        g_autofree char *number = hit_number (ctx, v);

        add_hit (ctx, centre - half, frame_y (&frame, 0), centre + half, bar_end (&frame, &axis, v),
                 g_strdup_printf (_ ("%s: %s"),
                                  (const char *)g_ptr_array_index (ctx->chart->categories, i),
                                  number));
      }
    }
  draw_zero_line (ctx, &frame);
}

/* "Facebook — Markov: 140 (120 to 160)": the slot's category (or x value),
 * the series and its value with its interval. */
/* The day @epoch_seconds (UTC) in @format, in the user's language. */
static char *
date_text (double epoch_seconds, const char *format)
{
  g_autoptr (GDateTime) day = g_date_time_new_from_unix_utc ((gint64)epoch_seconds);

  return day != NULL ? g_date_time_format (day, format) : g_strdup ("?");
}

static char *
series_hit_text (const Ctx *ctx, const RdmChartSeries *series, guint i)
{
  const RdmChart *chart = ctx->chart;
  g_autofree char *where = NULL;
  g_autofree char *value = hit_number (ctx, value_at (series, i));

  if (chart->x_values != NULL && chart->x_dates)
    where = date_text (g_array_index (chart->x_values, double, i), "%x");
  else if (chart->x_values != NULL)
    where = hit_number (ctx, g_array_index (chart->x_values, double, i));
  else
    where = g_strdup (g_ptr_array_index (chart->categories, i));

  if (series->ci_low != NULL && isfinite (g_array_index (series->ci_low, double, i))
      && isfinite (g_array_index (series->ci_high, double, i)))
    {
      g_autofree char *low = hit_number (ctx, g_array_index (series->ci_low, double, i));
      g_autofree char *high = hit_number (ctx, g_array_index (series->ci_high, double, i));

      /* Translators: category — series: value (interval low to high) */
      return g_strdup_printf (_ ("%s — %s: %s (%s to %s)"), where, series->name, value, low, high);
    }
  /* Translators: category — series: value */
  return g_strdup_printf (_ ("%s — %s: %s"), where, series->name, value);
}

static void
draw_grouped_bars (const Ctx *ctx)
{
  const RdmChart *chart = ctx->chart;
  double top = draw_legend (ctx, draw_title (ctx), FALSE);
  double lo = 0;
  double hi = 0;
  guint n_series = chart->series->len;
  guint n = chart->categories->len;
  double slot;
  double bar;
  Frame frame = { .tick_min = -G_MAXDOUBLE, .tick_max = G_MAXDOUBLE };
  AxisBreak axis = { FALSE };

  for (guint s = 0; s < n_series; s++)
    range_of (series_at (chart, s)->values, &lo, &hi);
  plan_axis_break (chart, n_series, &axis, &lo, &hi);
  /* Intervals widen the range, except those of clipped bars. */
  for (guint s = 0; s < n_series; s++)
    {
      const RdmChartSeries *series = series_at (chart, s);

      for (guint i = 0; series->ci_low != NULL && i < series->values->len; i++)
        {
          double low = g_array_index (series->ci_low, double, i);
          double high = g_array_index (series->ci_high, double, i);

          if (clipped (&axis, value_at (series, i)))
            continue;
          if (isfinite (low))
            lo = MIN (lo, axis.broken ? MAX (low, axis.lo) : low);
          if (isfinite (high))
            hi = MAX (hi, axis.broken ? MIN (high, axis.hi) : high);
        }
    }
  plan_clipped_labels (ctx, chart, n_series, &axis, &frame,
                       ctx->w * 0.85 / MAX (n, 1) * 0.8 / n_series);
  slot = layout_category_frame (ctx, &frame, top, lo, hi);
  bar = slot * 0.8 / n_series;
  for (guint s = 0; s < n_series; s++)
    {
      const RdmChartSeries *series = series_at (chart, s);

      for (guint i = 0; i < series->values->len; i++)
        {
          double v = value_at (series, i);
          double x0 = frame.left + slot * (i + 0.1) + bar * s;
          double inset = MIN (bar * 0.08, 0.4);

          if (!isfinite (v))
            continue;
          draw_bar (ctx, &frame, &axis, x0 + inset, x0 + bar - inset, v,
                    palette_colour (ctx, series, s), bar * axis.levels, s);
          add_hit (ctx, x0, frame_y (&frame, 0), x0 + bar, bar_end (&frame, &axis, v),
                   series_hit_text (ctx, series, i));
        }
    }

  /* Whiskers over all bars, so a neighbour never hides one. */
  for (guint s = 0; s < n_series; s++)
    {
      const RdmChartSeries *series = series_at (chart, s);

      if (series->ci_low == NULL)
        continue;
      use_colour (ctx->theme->text, 0.75);
      for (guint i = 0; i < series->values->len; i++)
        {
          double low = g_array_index (series->ci_low, double, i);
          double high = g_array_index (series->ci_high, double, i);
          double x = frame.left + slot * (i + 0.1) + bar * (s + 0.5);
          double cap = MIN (bar * 0.2, ctx->chr * 0.5);

          /* A clipped bar's interval is off the scale too: its tooltip
           * gives it. */
          if (!isfinite (low) || !isfinite (high) || clipped (&axis, value_at (series, i)))
            continue;
          draw_line (x, frame_y (&frame, low), x, frame_y (&frame, high), 0.3);
          draw_line (x - cap, frame_y (&frame, low), x + cap, frame_y (&frame, low), 0.3);
          draw_line (x - cap, frame_y (&frame, high), x + cap, frame_y (&frame, high), 0.3);
        }
    }
  draw_zero_line (ctx, &frame);
}

/* Positive values stack upwards and negative ones downwards, each from the
 * zero line; the total is written over each stack. */
static void
draw_stacked_bars (const Ctx *ctx)
{
  const RdmChart *chart = ctx->chart;
  guint n = chart->categories->len;
  double top = draw_legend (ctx, draw_title (ctx), FALSE);
  g_autofree double *up = g_new0 (double, n);
  g_autofree double *down = g_new0 (double, n);
  g_autofree double *totals = g_new0 (double, n);
  double lo = 0;
  double hi = 0;
  double slot;
  Frame frame = { .tick_min = -G_MAXDOUBLE, .tick_max = G_MAXDOUBLE };

  for (guint s = 0; s < chart->series->len; s++)
    for (guint i = 0; i < n; i++)
      {
        double v = value_at (series_at (chart, s), i);

        if (!isfinite (v))
          continue;
        if (v >= 0)
          up[i] += v;
        else
          down[i] += v;
        totals[i] += v;
      }
  for (guint i = 0; i < n; i++)
    {
      hi = MAX (hi, up[i]);
      lo = MIN (lo, down[i]);
    }
  if (lo < 0)
    lo -= (hi - lo) * 0.06;
  slot = layout_category_frame (ctx, &frame, top - ctx->chr, lo, hi);

  memset (up, 0, n * sizeof (double));
  memset (down, 0, n * sizeof (double));
  for (guint s = 0; s < chart->series->len; s++)
    {
      const RdmChartSeries *series = series_at (chart, s);

      use_colour (palette_colour (ctx, series, s), 1.0);
      for (guint i = 0; i < n; i++)
        {
          double v = value_at (series, i);
          double centre = frame.left + slot * (i + 0.5);
          double *base = v >= 0 ? &up[i] : &down[i];
          /* A hairline gap between segments separates equal colours. */
          double gap = 0.15;

          if (!isfinite (v) || v == 0)
            continue;
          fill_rect (centre - slot * 0.32, frame_y (&frame, *base) + (v > 0 ? gap : -gap),
                     centre + slot * 0.32, frame_y (&frame, *base + v));
          add_hit (ctx, centre - slot * 0.32, frame_y (&frame, *base), centre + slot * 0.32,
                   frame_y (&frame, *base + v), series_hit_text (ctx, series, i));
          *base += v;
        }
    }
  {
    int decimals = value_decimals (totals, n);

    for (guint i = 0; i < n; i++)
      draw_bar_value (ctx, &frame, frame.left + slot * (i + 0.5), totals[i] >= 0 ? up[i] : down[i],
                      slot * 0.95, decimals);
  }
  draw_zero_line (ctx, &frame);
}

/* A numeric x axis along the bottom: sets frame's x range and bottom. */
static void
draw_x_value_axis (const Ctx *ctx, Frame *frame, const Ticks *ticks)
{
  double ch = ctx->chr * TICK_SCALE;

  for (guint i = 0; i < ticks_count (ticks); i++)
    {
      double value = tick_value (ticks, i);
      double x = frame_x (frame, value);
      g_autofree char *text = ctx_number (ctx, value, ticks->decimals);

      use_colour (ctx->theme->grid, 1.0);
      draw_line (x, frame->bottom, x, frame->top, 0.25);
      draw_text (ctx, RDM_CHART_ITEM_TICK, x, frame->bottom - ch * 0.9, 0, 0.5, TICK_SCALE, FALSE,
                 ctx->theme->muted, text);
    }
  draw_x_title (ctx, frame);
}

/* The first day of the month @months months after January of year 0
 * (UTC), in epoch seconds. */
static double
month_start (int months)
{
  g_autoptr (GDateTime) day = g_date_time_new_utc (months / 12, months % 12 + 1, 1, 0, 0, 0);

  return day != NULL ? (double)g_date_time_to_unix (day) : NAN;
}

static int
month_of (double epoch_seconds)
{
  g_autoptr (GDateTime) day = g_date_time_new_from_unix_utc ((gint64)epoch_seconds);

  return day != NULL ? g_date_time_get_year (day) * 12 + g_date_time_get_month (day) - 1 : 0;
}

/* A date axis along the bottom: a tick on the first day of every month,
 * quarter, half year or year, whichever leaves room for the labels
 * ("Jan 2026", or the year alone from a year up), each label centred on
 * the period it starts. */
static void
draw_x_date_axis (const Ctx *ctx, const Frame *frame)
{
  static const int steps[] = { 1, 2, 3, 6, 12, 24, 60 };
  double ch = ctx->chr * TICK_SCALE;
  int first = month_of (frame->xmin);
  int last = month_of (frame->xmax);
  int step = steps[G_N_ELEMENTS (steps) - 1];
  const char *format = "%Y";

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      const char *candidate = steps[i] < 12 ? "%b %Y" : "%Y";
      g_autofree char *sample = date_text (month_start (first), candidate);
      double per_label = text_width (ctx, sample, TICK_SCALE, FALSE) + ch * 3;
      double period
          = frame_x (frame, month_start (first + steps[i])) - frame_x (frame, month_start (first));

      if (period >= per_label)
        {
          step = steps[i];
          format = candidate;
          break;
        }
    }
  for (int m = first - (first % step + step) % step; m <= last; m += step)
    {
      double start = month_start (m);
      double end = MIN (month_start (m + step), frame->xmax);
      double x = frame_x (frame, start);
      double centre = (frame_x (frame, MAX (start, frame->xmin)) + frame_x (frame, end)) / 2;
      g_autofree char *text = date_text (start, format);
      double width = text_width (ctx, text, TICK_SCALE, FALSE);

      if (start >= frame->xmin && start <= frame->xmax)
        {
          use_colour (ctx->theme->grid, 1.0);
          draw_line (x, frame->bottom, x, frame->top, 0.25);
        }
      /* a month or a year is read as the stretch between two lines, and
       * labelled in its middle; a step of several months ("Jan 2026"
       * every second month) is read as a date, and labelled on its line */
      if (step != 1 && step < 12)
        {
          if (start < frame->xmin || x + width / 2 > frame->right || x - width / 2 < frame->left)
            continue;
          draw_text (ctx, RDM_CHART_ITEM_TICK, x, frame->bottom - ch * 0.9, 0, 0.5, TICK_SCALE,
                     FALSE, ctx->theme->muted, text);
          continue;
        }
      /* a period cut short at either end gets its label only if it fits */
      if (frame_x (frame, end) - frame_x (frame, MAX (start, frame->xmin)) < width + ch * 0.5)
        continue;
      draw_text (ctx, RDM_CHART_ITEM_TICK, centre, frame->bottom - ch * 0.9, 0, 0.5, TICK_SCALE,
                 FALSE, ctx->theme->muted, text);
    }
  draw_x_title (ctx, frame);
}

/* Sets up a frame with value axes on both sides. */
static void
layout_xy_frame (
    const Ctx *ctx, Frame *frame, double top, double xlo, double xhi, double ylo, double yhi)
{
  Ticks xticks;
  Ticks yticks;

  g_autofree char *last = NULL;

  if (ctx->chart->x_dates)
    {
      frame->top = top;
      frame->right = ctx->w - MARGIN (ctx) * 1.5;
      frame->bottom = MARGIN (ctx) + x_title_height (ctx) + ctx->chr * TICK_SCALE * 1.8;
      nice_ticks (ylo, yhi, y_tick_target (ctx, frame->top - frame->bottom), &yticks);
      frame->ymin = yticks.lo;
      frame->ymax = yticks.hi;
      draw_y_axis (ctx, frame, &yticks);
      frame->xmin = xlo;
      frame->xmax = xhi > xlo ? xhi : xlo + 1;
      draw_x_date_axis (ctx, frame);
      return;
    }

  /* About one x tick label per 7 character heights of width. */
  nice_ticks (xlo, xhi, CLAMP ((int)(ctx->w * 0.8 / (ctx->chr * 7)), 2, 10), &xticks);
  last = ctx_number (ctx, xticks.hi, xticks.decimals);

  frame->top = top;
  /* The last x label is centred on the right edge of the plot. */
  frame->right = ctx->w - MARGIN (ctx) - text_width (ctx, last, TICK_SCALE, FALSE) / 2;
  frame->bottom = MARGIN (ctx) + x_title_height (ctx) + ctx->chr * TICK_SCALE * 1.8;
  nice_ticks (ylo, yhi, y_tick_target (ctx, frame->top - frame->bottom), &yticks);
  frame->ymin = yticks.lo;
  frame->ymax = yticks.hi;
  draw_y_axis (ctx, frame, &yticks);

  frame->xmin = xticks.lo;
  frame->xmax = xticks.hi;
  draw_x_value_axis (ctx, frame, &xticks);
}

/* The stacked series' cumulative tops per slot: @tops[s × n + i] is the
 * top of stacked series s at slot i (its bottom is the previous stacked
 * series' top, or zero), positives stacked up and negatives down. */
static double *
stack_series (const RdmChart *chart, guint n)
{
  double *tops = g_new0 (double, (gsize)chart->series->len *n);
  g_autofree double *up = g_new0 (double, n);
  g_autofree double *down = g_new0 (double, n);

  for (guint s = 0; s < chart->series->len; s++)
    {
      const RdmChartSeries *series = series_at (chart, s);

      if (!series->stacked)
        continue;
      for (guint i = 0; i < n; i++)
        {
          double v = value_at (series, i);
          double *base = isfinite (v) && v < 0 ? &down[i] : &up[i];

          if (isfinite (v))
            *base += v;
          tops[(gsize)s * n + i] = *base;
        }
    }
  return tops;
}

/* The bottom of stacked series @s at slot @i. */
static double
stack_bottom (const RdmChart *chart, const double *tops, guint n, guint s, guint i)
{
  double v = value_at (series_at (chart, s), i);

  for (guint before = s; before-- > 0;)
    {
      double w = value_at (series_at (chart, before), i);

      if (series_at (chart, before)->stacked && isfinite (w) && (w < 0) == (v < 0))
        return tops[(gsize)before * n + i];
    }
  return 0;
}

static gboolean
span_visible (const RdmChart *chart, const RdmChartSpan *span, double xlo, double xhi)
{
  return span->x1 >= xlo && span->x0 <= xhi;
}

/* Rows of span labels above the plot: as many as the spans need to keep
 * their labels apart, at most three. */
#define MAX_SPAN_ROWS 3

static guint
span_rows_needed (const RdmChart *chart, double xlo, double xhi)
{
  guint visible = 0;

  for (guint i = 0; i < chart->spans->len; i++)
    if (span_visible (chart, &g_array_index (chart->spans, RdmChartSpan, i), xlo, xhi))
      visible++;
  return MIN (visible, MAX_SPAN_ROWS);
}

static void
draw_spans (const Ctx *ctx, const Frame *frame, guint rows)
{
  const RdmChart *chart = ctx->chart;
  double row_h = ctx->chr * SMALL_SCALE * 1.5;
  double row_end[MAX_SPAN_ROWS];
  /* a date span covers its last day whole */
  double extra = chart->x_dates ? 86400.0 : 0;

  for (guint r = 0; r < MAX_SPAN_ROWS; r++)
    row_end[r] = -G_MAXDOUBLE;
  for (guint i = 0; i < chart->spans->len; i++)
    {
      const RdmChartSpan *span = &g_array_index (chart->spans, RdmChartSpan, i);
      double x0 = frame_x (frame, MAX (span->x0, frame->xmin));
      double x1 = frame_x (frame, MIN (span->x1 + extra, frame->xmax));
      g_autofree char *label = NULL;
      g_autofree char *text = NULL;
      guint row = 0;
      double label_y;

      if (!span_visible (chart, span, frame->xmin, frame->xmax))
        continue;
      /* at least a hairline, so that a one-day event on two years shows */
      if (x1 - x0 < 0.5)
        x1 = x0 + 0.5;
      use_colour (ctx->theme->muted, 0.14);
      fill_rect (x0, frame->bottom, x1, frame->top);
      use_colour (ctx->theme->muted, 0.8);
      pllsty (2);
      draw_line (x0, frame->bottom, x0, frame->top + rows * row_h, 0.25);
      pllsty (1);

      /* the first row free at this x, else the one that frees up first */
      for (guint r = 0; r < rows; r++)
        if (row_end[r] < x0)
          {
            row = r;
            break;
          }
        else if (row_end[r] < row_end[row])
          row = r;
      label = ellipsise (
          ctx, span->label, SMALL_SCALE, FALSE,
          MAX (frame->right - x0 - ctx->chr * 0.4, (frame->right - frame->left) * 0.3));
      label_y = frame->top + (row + 0.5) * row_h;
      if (x0 + ctx->chr * 0.4 + text_width (ctx, label, SMALL_SCALE, FALSE) > ctx->w - MARGIN (ctx))
        draw_text (ctx, RDM_CHART_ITEM_NOTE, x0 - ctx->chr * 0.4, label_y, 0, 1.0, SMALL_SCALE,
                   FALSE, ctx->theme->text, label);
      else
        draw_text (ctx, RDM_CHART_ITEM_NOTE, x0 + ctx->chr * 0.4, label_y, 0, 0, SMALL_SCALE, FALSE,
                   ctx->theme->text, label);
      row_end[row] = x0 + ctx->chr * 0.8 + text_width (ctx, label, SMALL_SCALE, FALSE);

      if (chart->x_dates)
        {
          g_autofree char *first = date_text (span->x0, "%x");
          g_autofree char *last_day = date_text (span->x1, "%x");

          text = span->x1 > span->x0
                     /* Translators: an event on a chart, then its first and last days */
                     ? g_strdup_printf (_ ("%s: %s to %s"), span->label, first, last_day)
                     /* Translators: an event on a chart, then its day */
                     : g_strdup_printf (_ ("%s: %s"), span->label, first);
        }
      else
        text = g_strdup (span->label);
      add_hit (ctx, x0, frame->bottom, x1, frame->top + rows * row_h, g_steal_pointer (&text));
    }
}

static void
draw_marks (const Ctx *ctx, const Frame *frame)
{
  const RdmChart *chart = ctx->chart;

  for (guint i = 0; i < chart->marks->len; i++)
    {
      const RdmChartMark *mark = &g_array_index (chart->marks, RdmChartMark, i);
      const RdmChartSeries *series = series_at (chart, mark->series);
      double x = frame_x (frame, mark->x);
      double y = frame_y (frame, mark->y);

      if (!isfinite (mark->x) || !isfinite (mark->y) || mark->x < frame->xmin
          || mark->x > frame->xmax)
        continue;
      use_colour (ctx->theme->background, 1.0);
      fill_circle (x, y, ctx->chr * 0.55);
      use_colour (palette_colour (ctx, series, mark->series), 1.0);
      stroke_circle (x, y, ctx->chr * 0.5, 0.45);
      fill_circle (x, y, ctx->chr * 0.25);
      if (mark->label != NULL)
        add_hit (ctx, x - ctx->chr * 0.6, y - ctx->chr * 0.6, x + ctx->chr * 0.6,
                 y + ctx->chr * 0.6, g_strdup (mark->label));
    }
}

static void
draw_stacked_areas (
    const Ctx *ctx, const Frame *frame, const double *xs, const double *tops, guint n)
{
  const RdmChart *chart = ctx->chart;

  for (guint s = 0; s < chart->series->len; s++)
    {
      const RdmChartSeries *series = series_at (chart, s);

      if (!series->stacked)
        continue;
      use_colour (palette_colour (ctx, series, s), 0.85);
      for (guint i = 0; i + 1 < n; i++)
        {
          double v0 = value_at (series, i);
          double v1 = value_at (series, i + 1);
          PLFLT px[4] = { xs[i], xs[i + 1], xs[i + 1], xs[i] };
          PLFLT py[4];

          if (!isfinite (v0) || !isfinite (v1))
            continue;
          py[0] = frame_y (frame, stack_bottom (chart, tops, n, s, i));
          py[1] = frame_y (frame, stack_bottom (chart, tops, n, s, i + 1));
          py[2] = frame_y (frame, tops[(gsize)s * n + i + 1]);
          py[3] = frame_y (frame, tops[(gsize)s * n + i]);
          plfill (4, px, py);
        }
      for (guint i = 0; i < n; i++)
        {
          double half = (n > 1 ? (xs[MIN (i + 1, n - 1)] - xs[i > 0 ? i - 1 : 0])
                                     / (i > 0 && i + 1 < n ? 4 : 2)
                               : 1);

          if (!isfinite (value_at (series, i)))
            continue;
          add_hit (ctx, xs[i] - half, frame_y (frame, stack_bottom (chart, tops, n, s, i)),
                   xs[i] + half, frame_y (frame, tops[(gsize)s * n + i]),
                   series_hit_text (ctx, series, i));
        }
    }
}

static void
draw_lines (const Ctx *ctx)
{
  const RdmChart *chart = ctx->chart;
  guint n = _rdm_chart_get_n_slots (chart);
  double top = draw_legend (ctx, draw_title (ctx), TRUE);
  double lo = G_MAXDOUBLE;
  double hi = -G_MAXDOUBLE;
  g_autofree double *xs = g_new (double, n);
  g_autofree double *tops = stack_series (chart, n);
  gboolean markers;
  guint span_rows = 0;
  Frame frame = { .tick_min = -G_MAXDOUBLE, .tick_max = G_MAXDOUBLE };

  for (guint s = 0; s < chart->series->len; s++)
    {
      if (series_at (chart, s)->stacked)
        {
          for (guint i = 0; i < n; i++)
            {
              lo = MIN (lo, MIN (tops[(gsize)s * n + i], 0));
              hi = MAX (hi, MAX (tops[(gsize)s * n + i], 0));
            }
          continue;
        }
      range_of (series_at (chart, s)->values, &lo, &hi);
      range_of (series_at (chart, s)->ci_low, &lo, &hi);
      range_of (series_at (chart, s)->ci_high, &lo, &hi);
    }
  for (guint i = 0; i < chart->marks->len; i++)
    {
      double y = g_array_index (chart->marks, RdmChartMark, i).y;

      if (isfinite (y))
        {
          lo = MIN (lo, y);
          hi = MAX (hi, y);
        }
    }
  /* A value axis starts at zero unless the data are far from it. */
  if (lo > 0 && lo < hi * 0.5)
    lo = 0;

  if (chart->x_values != NULL)
    {
      double xlo = G_MAXDOUBLE;
      double xhi = -G_MAXDOUBLE;

      range_of (chart->x_values, &xlo, &xhi);
      span_rows = span_rows_needed (chart, xlo, xhi);
      layout_xy_frame (ctx, &frame, top - span_rows * ctx->chr * SMALL_SCALE * 1.5, xlo, xhi, lo,
                       hi);
      for (guint i = 0; i < n; i++)
        xs[i] = frame_x (&frame, g_array_index (chart->x_values, double, i));
      if (span_rows > 0)
        draw_spans (ctx, &frame, span_rows);
    }
  else
    {
      double slot = layout_category_frame (ctx, &frame, top, lo, hi);

      for (guint i = 0; i < n; i++)
        xs[i] = frame.left + slot * (i + 0.5);
    }
  markers = n <= 40 && (frame.right - frame.left) / MAX (n, 1) > ctx->chr * 0.8;
  draw_stacked_areas (ctx, &frame, xs, tops, n);

  for (guint s = 0; s < chart->series->len; s++)
    {
      const RdmChartSeries *series = series_at (chart, s);
      const guint8 *colour = palette_colour (ctx, series, s);

      if (series->stacked)
        continue;
      /* The interval band, one quadrilateral per segment so that missing
       * values leave a gap. */
      if (series->ci_low != NULL)
        {
          use_colour (colour, 0.18);
          for (guint i = 0; i + 1 < n; i++)
            {
              double l0 = g_array_index (series->ci_low, double, i);
              double h0 = g_array_index (series->ci_high, double, i);
              double l1 = g_array_index (series->ci_low, double, i + 1);
              double h1 = g_array_index (series->ci_high, double, i + 1);
              PLFLT px[4] = { xs[i], xs[i + 1], xs[i + 1], xs[i] };
              PLFLT py[4];

              if (!isfinite (l0) || !isfinite (h0) || !isfinite (l1) || !isfinite (h1))
                continue;
              py[0] = frame_y (&frame, l0);
              py[1] = frame_y (&frame, l1);
              py[2] = frame_y (&frame, h1);
              py[3] = frame_y (&frame, h0);
              plfill (4, px, py);
            }
        }

      use_colour (colour, 1.0);
      pllsty (line_style (series, s));
      for (guint i = 0; i + 1 < n; i++)
        {
          double v0 = value_at (series, i);
          double v1 = value_at (series, i + 1);

          if (isfinite (v0) && isfinite (v1))
            draw_line (xs[i], frame_y (&frame, v0), xs[i + 1], frame_y (&frame, v1), 0.7);
        }
      pllsty (1);
      for (guint i = 0; i < n; i++)
        {
          double v = value_at (series, i);
          gboolean alone = (i == 0 || !isfinite (value_at (series, i - 1)))
                           && (i + 1 == n || !isfinite (value_at (series, i + 1)));

          if (!isfinite (v))
            continue;
          /* A lone value between gaps would be invisible without its marker. */
          if (markers || alone)
            fill_circle (xs[i], frame_y (&frame, v), ctx->chr * 0.28);
          add_hit (ctx, xs[i] - ctx->chr * 0.5, frame_y (&frame, v) - ctx->chr * 0.5,
                   xs[i] + ctx->chr * 0.5, frame_y (&frame, v) + ctx->chr * 0.5,
                   series_hit_text (ctx, series, i));
        }
    }
  draw_marks (ctx, &frame);
  if (frame.ymin < 0 && frame.ymax > 0)
    draw_zero_line (ctx, &frame);
}

typedef struct
{
  double x0;
  double y0;
  double x1;
  double y1;
} Box;

static double
overlap_area (const Box *a, const Box *b)
{
  double w = MIN (a->x1, b->x1) - MAX (a->x0, b->x0);
  double h = MIN (a->y1, b->y1) - MAX (a->y0, b->y0);

  return w > 0 && h > 0 ? w * h : 0;
}

/* The area of @box over @boxes, each grown by @margin on every side except
 * the one at @skip (G_MAXUINT for none). */
static double
total_overlap (const GArray *boxes, const Box *box, double margin, guint skip)
{
  double total = 0;

  for (guint i = 0; i < boxes->len; i++)
    {
      const Box *b = &g_array_index (boxes, Box, i);
      Box grown = { b->x0 - margin, b->y0 - margin, b->x1 + margin, b->y1 + margin };

      if (i != skip)
        total += overlap_area (box, &grown);
    }
  return total;
}

/* The number of rings of places tried around a point, see place_label(). */
#define LABEL_RINGS 5

/* Places a @w × @h label for the point at (@x, @y) of radius @r: tries
 * eight places around it (right, left, above, below, then the diagonals)
 * at growing distances, and takes the first one inside @frame that
 * overlaps neither a label already placed nor a point. Failing that, the
 * one that overlaps no label and the fewest points (@own, the index of
 * the label's point in @points, is not in the way). Returns FALSE when
 * every place overlaps a label (the label is then left out), else sets
 * @box and @ring (0 next to the point; above 0 a leader line is due). */
static gboolean
place_label (const GArray *labels,
             const GArray *points,
             guint own,
             const Frame *frame,
             double x,
             double y,
             double r,
             double w,
             double h,
             double step,
             Box *box,
             guint *ring)
{
  double best_overlap = G_MAXDOUBLE;

  for (guint k = 0; k < LABEL_RINGS; k++)
    {
      double d = r + step * (0.3 + 1.4 * k);
      double e = d * G_SQRT2 / 2;
      Box tries[8] = {
        { x + d, y - h / 2, x + d + w, y + h / 2 }, { x - d - w, y - h / 2, x - d, y + h / 2 },
        { x - w / 2, y + d, x + w / 2, y + d + h }, { x - w / 2, y - d - h, x + w / 2, y - d },
        { x + e, y + e, x + e + w, y + e + h },     { x - e - w, y + e, x - e, y + e + h },
        { x + e, y - e - h, x + e + w, y - e },     { x - e - w, y - e - h, x - e, y - e },
      };

      for (guint t = 0; t < G_N_ELEMENTS (tries); t++)
        {
          const Box *b = &tries[t];
          double on_points;

          if (b->x0 < frame->left || b->x1 > frame->right + 1 || b->y0 < frame->bottom
              || b->y1 > frame->top || total_overlap (labels, b, 0, G_MAXUINT) > 0)
            continue;
          /* Other points get a margin, so that a label does not sit
           * closer to another point than to its own. */
          on_points = total_overlap (points, b, step * 0.5, own);
          if (on_points < best_overlap)
            {
              best_overlap = on_points;
              *box = *b;
              *ring = k;
            }
          if (on_points == 0)
            return TRUE;
        }
    }
  return best_overlap < G_MAXDOUBLE;
}

/* "Facebook", then the point's coordinates named by the axis labels. */
static char *
scatter_hit_text (const Ctx *ctx, const RdmChartPoint *p)
{
  const char *x_name = ctx->chart->x_label != NULL ? ctx->chart->x_label : "x";
  const char *y_name = ctx->chart->y_label != NULL ? ctx->chart->y_label : "y";
  g_autofree char *x_text = hit_number (ctx, p->x);
  g_autofree char *y_text = hit_number (ctx, p->y);

  if (p->label == NULL)
    return g_strdup_printf (_ ("%s: %s\n%s: %s"), x_name, x_text, y_name, y_text);
  return g_strdup_printf (_ ("%s\n%s: %s\n%s: %s"), p->label, x_name, x_text, y_name, y_text);
}

/* Larger radii first. */
static int
compare_radii (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const double *radii = user_data;
  double ra = radii[*(const guint *)a];
  double rb = radii[*(const guint *)b];

  return (ra < rb) - (ra > rb);
}

static void
draw_scatter (const Ctx *ctx)
{
  const RdmChart *chart = ctx->chart;
  GArray *points = chart->points;
  double top = draw_title (ctx);
  double xlo = 0, xhi = 0, ylo = 0, yhi = 0;
  double max_size = 0;
  double r_max;
  const guint8 *colour = ctx->theme->palette[0];
  g_autoptr (GArray) boxes = g_array_new (FALSE, FALSE, sizeof (Box)); /* labels */
  /* Points, by index; those not drawn keep an empty box. */
  g_autoptr (GArray) marks = g_array_new (FALSE, TRUE, sizeof (Box));
  guint n_left_out = 0;
  g_autofree double *radii = g_new (double, points->len);
  g_autofree guint *order = g_new (guint, points->len);
  Frame frame = { .tick_min = -G_MAXDOUBLE, .tick_max = G_MAXDOUBLE };

  for (guint i = 0; i < points->len; i++)
    {
      const RdmChartPoint *p = &g_array_index (points, RdmChartPoint, i);

      if (!isfinite (p->x) || !isfinite (p->y))
        continue;
      xlo = MIN (xlo, p->x);
      xhi = MAX (xhi, p->x);
      ylo = MIN (ylo, p->y);
      yhi = MAX (yhi, p->y);
      if (isfinite (p->size))
        max_size = MAX (max_size, p->size);
    }
  /* With the reference line, both axes share one range so that y = x is
   * the diagonal of the plot. */
  if (chart->diagonal)
    {
      xlo = ylo = MIN (xlo, ylo);
      xhi = yhi = MAX (xhi, yhi);
    }
  layout_xy_frame (ctx, &frame, top - ctx->chr * 0.5, xlo, xhi, ylo, yhi);

  r_max = MAX (ctx->chr * 0.6, MIN (frame.right - frame.left, frame.top - frame.bottom) * 0.08);
  g_array_set_size (marks, points->len);
  for (guint i = 0; i < points->len; i++)
    {
      const RdmChartPoint *p = &g_array_index (points, RdmChartPoint, i);

      radii[i] = ctx->chr * 0.4;
      if (max_size > 0 && isfinite (p->size) && p->size > 0)
        radii[i] = MAX (ctx->chr * 0.3, r_max * sqrt (p->size / max_size));
    }

  if (chart->diagonal)
    {
      double a = MAX (frame.xmin, frame.ymin);
      double b = MIN (frame.xmax, frame.ymax);

      use_colour (ctx->theme->axis, 1.0);
      pllsty (3);
      draw_line (frame_x (&frame, a), frame_y (&frame, a), frame_x (&frame, b), frame_y (&frame, b),
                 0.35);
      pllsty (1);
    }

  /* Bubbles first, largest at the back, then all labels over them. */
  for (guint i = 0; i < points->len; i++)
    order[i] = i;
  g_qsort_with_data (order, points->len, sizeof (guint), compare_radii, radii);
  for (guint k = 0; k < points->len; k++)
    {
      guint i = order[k];
      const RdmChartPoint *p = &g_array_index (points, RdmChartPoint, i);
      double x, y;

      if (!isfinite (p->x) || !isfinite (p->y))
        continue;
      x = frame_x (&frame, p->x);
      y = frame_y (&frame, p->y);
      use_colour (colour, 0.55);
      fill_circle (x, y, radii[i]);
      use_colour (colour, 1.0);
      stroke_circle (x, y, radii[i], 0.3);

      add_hit (ctx, x - radii[i], y - radii[i], x + radii[i], y + radii[i],
               scatter_hit_text (ctx, p));
      add_item (ctx, RDM_CHART_ITEM_POINT, p->label, x - radii[i], y - radii[i], x + radii[i],
                y + radii[i]);
      g_array_index (marks, Box, i)
          = (Box){ x - radii[i], y - radii[i], x + radii[i], y + radii[i] };
    }

  for (guint i = 0; i < points->len; i++)
    {
      const RdmChartPoint *p = &g_array_index (points, RdmChartPoint, i);
      double ch = ctx->chr * SMALL_SCALE;
      double x, y, w;
      g_autofree char *label = NULL;
      Box box;
      guint ring = 0;

      if (p->label == NULL || !isfinite (p->x) || !isfinite (p->y))
        continue;
      x = frame_x (&frame, p->x);
      y = frame_y (&frame, p->y);
      label = ellipsise (ctx, p->label, SMALL_SCALE, FALSE, (frame.right - frame.left) * 0.4);
      w = text_width (ctx, label, SMALL_SCALE, FALSE);
      if (!place_label (boxes, marks, i, &frame, x, y, radii[i], w, ch * 1.2, ch, &box, &ring))
        {
          n_left_out++;
          continue;
        }
      g_array_append_val (boxes, box);
      if (ring > 0)
        {
          /* A leader line from the disc's edge to the nearest point of the
           * label. */
          double nx = CLAMP (x, box.x0, box.x1);
          double ny = CLAMP (y, box.y0, box.y1);
          double dist = hypot (nx - x, ny - y);

          use_colour (ctx->theme->muted, 1.0);
          draw_line (x + (nx - x) * radii[i] / dist, y + (ny - y) * radii[i] / dist, nx, ny, 0.2);
        }
      draw_text (ctx, RDM_CHART_ITEM_POINT_LABEL, box.x0, (box.y0 + box.y1) / 2, 0, 0, SMALL_SCALE,
                 FALSE, ctx->theme->text, label);
    }
  /* A label with no free place is left out, and the chart says so. */
  if (n_left_out > 0)
    {
      g_autofree char *note
          = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u label left out for lack of room",
                                          "%u labels left out for lack of room", n_left_out),
                             n_left_out);

      draw_text (ctx, RDM_CHART_ITEM_NOTE, frame.right, frame.top - ctx->chr * 0.6, 0, 1.0,
                 SMALL_SCALE, FALSE, ctx->theme->muted, note);
    }
}

static void
heat_colour (const Ctx *ctx, double t, Rgb out)
{
  t = CLAMP (t, 0, 1);
  for (guint c = 0; c < 3; c++)
    out[c] = (guint8)round (ctx->theme->heat_low[c]
                            + (ctx->theme->heat_high[c] - ctx->theme->heat_low[c]) * t);
}

static void
draw_heat_map (const Ctx *ctx)
{
  const RdmChart *chart = ctx->chart;
  const double *values = (const double *)chart->matrix->data;
  guint n_values = chart->matrix->len;
  double top = draw_title (ctx) - ctx->chr * 0.3;
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;
  double ch = ctx->chr * TICK_SCALE;
  double row_label_w = 0;
  double bar_w = ctx->chr;
  double bar_labels_w = 0;
  double cell_w, cell_h;
  int decimals = value_decimals (values, n_values);
  LabelPlan plan;
  Frame frame = { .tick_min = -G_MAXDOUBLE, .tick_max = G_MAXDOUBLE };
  Ticks ticks;

  range_of (chart->matrix, &lo, &hi);
  nice_ticks (lo, hi, 4, &ticks);
  for (guint i = 0; i < ticks_count (&ticks); i++)
    {
      g_autofree char *text = ctx_number (ctx, tick_value (&ticks, i), ticks.decimals);

      bar_labels_w = MAX (bar_labels_w, text_width (ctx, text, TICK_SCALE, FALSE));
    }
  for (guint r = 0; r < chart->n_rows; r++)
    row_label_w = MAX (
        row_label_w, text_width (ctx, g_ptr_array_index (chart->row_labels, r), TICK_SCALE, FALSE));
  row_label_w = MIN (row_label_w, ctx->w * 0.3);

  frame.top = top;
  frame.left
      = MARGIN (ctx) + row_label_w + ch * 0.8 + (chart->y_label != NULL ? ctx->chr * 1.6 : 0);
  frame.right = ctx->w - MARGIN (ctx) - bar_labels_w - ch * 0.8 - bar_w - ctx->chr * 1.5;
  cell_w = (frame.right - frame.left) / chart->n_cols;
  plan_labels (ctx, (const char *const *)chart->column_labels->pdata, chart->n_cols, cell_w, &plan);
  frame.bottom = MARGIN (ctx) + x_title_height (ctx) + plan.height;
  cell_h = (frame.top - frame.bottom) / chart->n_rows;

  for (guint r = 0; r < chart->n_rows; r++)
    {
      /* Row 0 at the top, as in a table. */
      double y1 = frame.top - r * cell_h;
      g_autofree char *label = ellipsise (ctx, g_ptr_array_index (chart->row_labels, r), TICK_SCALE,
                                          FALSE, row_label_w);

      draw_text (ctx, RDM_CHART_ITEM_CATEGORY, frame.left - ch * 0.6, y1 - cell_h / 2, 0, 1.0,
                 TICK_SCALE, FALSE, ctx->theme->muted, label);
      for (guint c = 0; c < chart->n_cols; c++)
        {
          double v = values[r * chart->n_cols + c];
          double x0 = frame.left + c * cell_w;
          double gap = MIN (0.4, MIN (cell_w, cell_h) * 0.05);
          Rgb colour;
          g_autofree char *text = NULL;
          double luminance;

          if (!isfinite (v))
            {
              use_colour (ctx->theme->grid, 1.0);
              fill_rect (x0 + gap, y1 - cell_h + gap, x0 + cell_w - gap, y1 - gap);
              continue;
            }
          heat_colour (ctx, hi > lo ? (v - lo) / (hi - lo) : 1.0, colour);
          use_colour (colour, 1.0);
          fill_rect (x0 + gap, y1 - cell_h + gap, x0 + cell_w - gap, y1 - gap);

          text = ctx_number (ctx, v, decimals);
          add_hit (ctx, x0, y1 - cell_h, x0 + cell_w, y1,
                   g_strdup_printf (
                       _ ("%s × %s: %s"), (const char *)g_ptr_array_index (chart->row_labels, r),
                       (const char *)g_ptr_array_index (chart->column_labels, c), text));
          if (cell_h < ch * 1.3 || text_width (ctx, text, SMALL_SCALE, FALSE) > cell_w * 0.9)
            continue;
          luminance = (0.2126 * colour[0] + 0.7152 * colour[1] + 0.0722 * colour[2]) / 255.0;
          draw_text (ctx, RDM_CHART_ITEM_VALUE, x0 + cell_w / 2, y1 - cell_h / 2, 0, 0.5,
                     SMALL_SCALE, FALSE, luminance > 0.55 ? light_theme.text : dark_theme.text,
                     text);
        }
    }

  draw_labels (ctx, (const char *const *)chart->column_labels->pdata, chart->n_cols, &plan,
               frame.left + cell_w / 2, cell_w, frame.bottom);
  frame.xmin = 0;
  frame.xmax = 1;
  draw_x_title (ctx, &frame);
  if (chart->y_label != NULL)
    {
      g_autofree char *label
          = ellipsise (ctx, chart->y_label, 1.0, FALSE, frame.top - frame.bottom);

      draw_text (ctx, RDM_CHART_ITEM_AXIS_TITLE, MARGIN (ctx) + ctx->chr * 0.5,
                 (frame.top + frame.bottom) / 2, 90, 0.5, 1.0, FALSE, ctx->theme->muted, label);
    }

  /* Colour bar over the data range, ticks on its right. */
  {
    double x0 = frame.right + ctx->chr * 1.5;
    guint steps = 64;
    Frame bar = { .left = x0,
                  .right = x0 + bar_w,
                  .bottom = frame.bottom,
                  .top = frame.top,
                  .xmin = 0,
                  .xmax = 1,
                  .ymin = MIN (lo, ticks.lo),
                  .ymax = MAX (hi, ticks.hi) };
    double span = hi > lo ? hi - lo : 1;

    for (guint i = 0; i < steps; i++)
      {
        double v0 = bar.ymin + (bar.ymax - bar.ymin) * i / steps;
        double v1 = bar.ymin + (bar.ymax - bar.ymin) * (i + 1) / steps;
        Rgb colour;

        heat_colour (ctx, ((v0 + v1) / 2 - lo) / span, colour);
        use_colour (colour, 1.0);
        /* Overlap by a hair so no seam shows between steps. */
        fill_rect (bar.left, frame_y (&bar, v0), bar.right, frame_y (&bar, v1) + 0.05);
      }
    for (guint i = 0; i < ticks_count (&ticks); i++)
      {
        double v = tick_value (&ticks, i);
        g_autofree char *text = ctx_number (ctx, v, ticks.decimals);

        use_colour (ctx->theme->axis, 1.0);
        draw_line (bar.right, frame_y (&bar, v), bar.right + ch * 0.3, frame_y (&bar, v), 0.25);
        draw_text (ctx, RDM_CHART_ITEM_TICK, bar.right + ch * 0.6, frame_y (&bar, v), 0, 0,
                   TICK_SCALE, FALSE, ctx->theme->muted, text);
      }
  }
}

static void
draw_contents (const Ctx *ctx)
{
  const RdmChart *chart = ctx->chart;

  if (rdm_chart_is_empty (chart))
    draw_message (ctx, _ ("No data to draw"));
  else
    switch (chart->kind)
      {
      case RDM_CHART_KIND_BARS:
        draw_bars (ctx, FALSE);
        break;
      case RDM_CHART_KIND_HISTOGRAM:
        draw_bars (ctx, TRUE);
        break;
      case RDM_CHART_KIND_GROUPED_BARS:
        draw_grouped_bars (ctx);
        break;
      case RDM_CHART_KIND_STACKED_BARS:
        draw_stacked_bars (ctx);
        break;
      case RDM_CHART_KIND_LINES:
        draw_lines (ctx);
        break;
      case RDM_CHART_KIND_SCATTER:
        draw_scatter (ctx);
        break;
      case RDM_CHART_KIND_HEAT_MAP:
      default:
        draw_heat_map (ctx);
        break;
      }
}

typedef struct
{
  GArray *hits;  /* nullable */
  GArray *items; /* nullable */
  double width_px;
  double height_px;
  double corner_w_px;
  double corner_h_px;
} PageRequest;

/* The whole page, on a stream that plinit() has set up. @request's hits,
 * when not NULL, receive the data items at their place on a target of its
 * size. */
static void
draw_page (const RdmChart *chart, const Theme *theme, const PageRequest *request)
{
  cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_font_options_t *options = cairo_font_options_create ();
  PLFLT xmin, xmax, ymin, ymax;
  Ctx ctx = { .chart = chart, .theme = theme };

  pladv (0);
  plgspa (&xmin, &xmax, &ymin, &ymax);
  ctx.w = xmax - xmin;
  ctx.h = ymax - ymin;
  /* 3.5 mm characters are 10 pt text on a 96 dpi screen; small widgets
   * shrink it a little rather than drop everything but the labels. */
  ctx.chr = CLAMP (MIN (ctx.w, ctx.h) * 0.045, 2.6, 3.5);
  ctx.hits = request->hits;
  ctx.items = request->items;
  ctx.px_per_mm = request->width_px / ctx.w;
  ctx.height_px = request->height_px;
  ctx.corner_w = request->corner_w_px / ctx.px_per_mm;
  ctx.corner_h = request->corner_h_px / ctx.px_per_mm;
  plsvpa (0, ctx.w, 0, ctx.h);
  plwind (0, ctx.w, 0, ctx.h);

  ctx.measure = cairo_create (scratch);
  /* Unhinted metrics in millimetre units, the way PLplot's pango text
   * is laid out on any page size. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_set_font_options (ctx.measure, options);
  read_separators (ctx.decimal, ctx.thousands, sizeof ctx.decimal);

  /* Below about 130 × 70 pixels on screen nothing would be legible. */
  if (ctx.w >= 35 && ctx.h >= 25)
    draw_contents (&ctx);

  cairo_destroy (ctx.measure);
  cairo_font_options_destroy (options);
  cairo_surface_destroy (scratch);
}

/* Streams ------------------------------------------------------------------ */

/* Called with the lock held. The list is read once: plgDevs() scans the
 * driver folder. */
static gboolean
device_available (const char *name)
{
  static char **available;

  if (available == NULL)
    {
      const char *menus[128] = { NULL };
      const char *devices[128] = { NULL };
      const char **menus_p = menus;
      const char **devices_p = devices;
      int n = G_N_ELEMENTS (devices) - 1;

      plgDevs (&menus_p, &devices_p, &n);
      devices[MAX (n, 0)] = NULL;
      available = g_strdupv ((char **)devices);
    }
  return g_strv_contains ((const char *const *)available, name);
}

/* Draws @chart into @cr over (0, 0, @width, @height) with a fresh extcairo
 * stream, then restores the caller's stream. Called with the lock held
 * and the extcairo driver known to be there. */
static void
draw_on_cairo (const RdmChart *chart,
               cairo_t *cr,
               int width,
               int height,
               const Theme *theme,
               const PageRequest *request)
{
  PLINT old;
  PLINT stream;

  cairo_save (cr);
  plgstrm (&old);
  plmkstrm (&stream);
  plsdev ("extcairo");
  plspage (0, 0, width, height, 0, 0);
  plscolbg (theme->background[0], theme->background[1], theme->background[2]);
  plinit ();
  pl_cmd (PLESC_DEVINIT, cr);
  draw_page (chart, theme, request);
  /* plend1() frees a stream > 0 and makes stream 0 current. */
  plend1 ();
  plsstrm (old);
  cairo_restore (cr);
}

static void
hit_clear (gpointer data)
{
  RdmChartHit *hit = data;

  g_free (hit->text);
}

static void
item_clear (gpointer data)
{
  RdmChartItem *item = data;

  g_free (item->text);
}

static void
render (const RdmChart *chart,
        cairo_t *cr,
        int width,
        int height,
        gboolean dark,
        const PageRequest *request)
{
  const Theme *theme = dark ? &dark_theme : &light_theme;

  if (width < 16 || height < 16)
    return;

  G_LOCK (plplot);
  if (!device_available ("extcairo"))
    {
      G_UNLOCK (plplot);
      g_warning ("The PLplot extcairo driver is not installed: charts cannot be drawn");
      return;
    }
  draw_on_cairo (chart, cr, width, height, theme, request);
  G_UNLOCK (plplot);
}

void
rdm_chart_render_cairo (const RdmChart *chart, cairo_t *cr, int width, int height, gboolean dark)
{
  PageRequest request = { .width_px = width, .height_px = height };

  g_return_if_fail (chart != NULL);
  g_return_if_fail (cr != NULL);

  render (chart, cr, width, height, dark, &request);
}

GArray *
rdm_chart_render_cairo_with_corner (const RdmChart *chart,
                                    cairo_t *cr,
                                    int width,
                                    int height,
                                    gboolean dark,
                                    int corner_width,
                                    int corner_height)
{
  PageRequest request = { .width_px = width,
                          .height_px = height,
                          .corner_w_px = MAX (corner_width, 0),
                          .corner_h_px = MAX (corner_height, 0) };

  g_return_val_if_fail (chart != NULL, NULL);
  g_return_val_if_fail (cr != NULL, NULL);

  request.hits = g_array_new (FALSE, FALSE, sizeof (RdmChartHit));
  g_array_set_clear_func (request.hits, hit_clear);
  render (chart, cr, width, height, dark, &request);
  return request.hits;
}

GArray *
rdm_chart_render_cairo_with_hits (
    const RdmChart *chart, cairo_t *cr, int width, int height, gboolean dark)
{
  return rdm_chart_render_cairo_with_corner (chart, cr, width, height, dark, 0, 0);
}

GArray *
_rdm_chart_layout (
    const RdmChart *chart, int width, int height, int corner_width, int corner_height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  PageRequest request = { .width_px = width,
                          .height_px = height,
                          .corner_w_px = corner_width,
                          .corner_h_px = corner_height };

  request.items = g_array_new (FALSE, FALSE, sizeof (RdmChartItem));
  g_array_set_clear_func (request.items, item_clear);
  render (chart, cr, width, height, FALSE, &request);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return request.items;
}

const RdmChartHit *
rdm_chart_hits_lookup (GArray *hits, double x, double y)
{
  g_return_val_if_fail (hits != NULL, NULL);

  /* The last drawn is on top. */
  for (guint i = hits->len; i > 0; i--)
    {
      const RdmChartHit *hit = &g_array_index (hits, RdmChartHit, i - 1);

      if (x >= hit->x && x < hit->x + hit->width && y >= hit->y && y < hit->y + hit->height)
        return hit;
    }
  return NULL;
}

const char *
rdm_chart_format_get_extension (RdmChartFormat format)
{
  switch (format)
    {
    case RDM_CHART_FORMAT_PNG:
      return "png";
    case RDM_CHART_FORMAT_SVG:
      return "svg";
    case RDM_CHART_FORMAT_PDF:
      return "pdf";
    case RDM_CHART_FORMAT_GUESS:
    default:
      return NULL;
    }
}

gboolean
rdm_chart_format_from_path (const char *path, RdmChartFormat *format, GError **error)
{
  const char *dot;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  dot = strrchr (path, '.');
  if (dot != NULL && strchr (dot, G_DIR_SEPARATOR) == NULL)
    {
      for (RdmChartFormat f = RDM_CHART_FORMAT_PNG; f <= RDM_CHART_FORMAT_PDF; f++)
        if (g_ascii_strcasecmp (dot + 1, rdm_chart_format_get_extension (f)) == 0)
          {
            *format = f;
            return TRUE;
          }
    }
  g_set_error (error, RDM_CHART_ERROR, RDM_CHART_ERROR_FORMAT,
               _ ("Cannot export a chart to “%s”: unknown file name extension, expected .png, "
                  ".svg or .pdf"),
               path);
  return FALSE;
}

static gboolean
check_size (int width, int height, GError **error)
{
  if (width >= RDM_CHART_MIN_SIZE && width <= RDM_CHART_MAX_SIZE && height >= RDM_CHART_MIN_SIZE
      && height <= RDM_CHART_MAX_SIZE)
    return TRUE;
  g_set_error (error, RDM_CHART_ERROR, RDM_CHART_ERROR_SIZE,
               _ ("Cannot export a chart of %d × %d: each side must be between %d and %d"), width,
               height, RDM_CHART_MIN_SIZE, RDM_CHART_MAX_SIZE);
  return FALSE;
}

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Draws @charts, one per page of @layout_width × @layout_height as on
 * screen, into a file of @format whose pages are @file_width ×
 * @file_height pixels (PNG) or points (SVG, PDF). The file is written
 * whole, in place of any file at @path. */
static gboolean
write_pages (const RdmChart *const *charts,
             guint n_charts,
             RdmChartFormat format,
             const char *path,
             int layout_width,
             int layout_height,
             int file_width,
             int file_height,
             GError **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  gboolean available;

  switch (format)
    {
    case RDM_CHART_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, file_width, file_height);
      break;
    case RDM_CHART_FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, file_width, file_height);
      break;
    case RDM_CHART_FORMAT_PNG:
    case RDM_CHART_FORMAT_GUESS:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, file_width, file_height);
      break;
    }

  G_LOCK (plplot);
  available = device_available ("extcairo");
  for (guint i = 0; available && i < n_charts; i++)
    {
      cairo_t *cr = cairo_create (surface);
      PageRequest request = { .width_px = layout_width, .height_px = layout_height };

      cairo_set_source_rgb (cr, light_theme.background[0] / 255.0,
                            light_theme.background[1] / 255.0, light_theme.background[2] / 255.0);
      cairo_paint (cr);
      cairo_scale (cr, (double)file_width / layout_width, (double)file_height / layout_height);
      draw_on_cairo (charts[i], cr, layout_width, layout_height, &light_theme, &request);
      if (format != RDM_CHART_FORMAT_PNG)
        cairo_show_page (cr);
      cairo_destroy (cr);
    }
  G_UNLOCK (plplot);

  if (available && format == RDM_CHART_FORMAT_PNG)
    cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (!available)
    {
      g_set_error (error, RDM_CHART_ERROR, RDM_CHART_ERROR_DRIVER,
                   _ ("Cannot export “%s”: the PLplot driver “extcairo” is not installed "
                      "(package plplot-driver-cairo)"),
                   path);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS || bytes->len == 0)
    {
      g_set_error (error, RDM_CHART_ERROR, RDM_CHART_ERROR_WRITE,
                   _ ("Cannot export “%s”: the drawing failed (%s)"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return g_file_set_contents (path, (const char *)bytes->data, bytes->len, error);
}

static gboolean
check_chart (const RdmChart *chart, const char *path, RdmChartFormat *format, GError **error)
{
  if (*format == RDM_CHART_FORMAT_GUESS && !rdm_chart_format_from_path (path, format, error))
    return FALSE;
  if (*format < RDM_CHART_FORMAT_PNG || *format > RDM_CHART_FORMAT_PDF)
    {
      g_set_error (error, RDM_CHART_ERROR, RDM_CHART_ERROR_FORMAT,
                   _ ("Cannot export a chart to “%s”: unknown format %d, expected PNG, SVG or "
                      "PDF"),
                   path, (int)*format);
      return FALSE;
    }
  if (rdm_chart_is_empty (chart))
    {
      if (chart->title != NULL)
        g_set_error (error, RDM_CHART_ERROR, RDM_CHART_ERROR_EMPTY,
                     _ ("Nothing to draw: the chart “%s” has no data"), chart->title);
      else
        g_set_error_literal (error, RDM_CHART_ERROR, RDM_CHART_ERROR_EMPTY,
                             _ ("Nothing to draw: the chart has no data"));
      return FALSE;
    }
  return TRUE;
}

/* Pages wider than this are laid out at this width and scaled up, so that
 * text keeps its proportions; a page is never laid out shorter than
 * MIN_LAYOUT_HEIGHT for it. */
#define LAYOUT_WIDTH 800
#define MIN_LAYOUT_HEIGHT 200

static double
layout_scale (int width, int height)
{
  return MAX (1.0, MIN ((double)width / LAYOUT_WIDTH, (double)height / MIN_LAYOUT_HEIGHT));
}

gboolean
rdm_chart_export (const RdmChart *chart,
                  const char *path,
                  RdmChartFormat format,
                  int width,
                  int height,
                  GError **error)
{
  double scale;

  g_return_val_if_fail (chart != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (format == RDM_CHART_FORMAT_GUESS && !rdm_chart_format_from_path (path, &format, error))
    return FALSE;
  if (format >= RDM_CHART_FORMAT_PNG && format <= RDM_CHART_FORMAT_PDF
      && !check_size (width, height, error))
    return FALSE;
  if (!check_chart (chart, path, &format, error))
    return FALSE;
  scale = layout_scale (width, height);
  return write_pages (&chart, 1, format, path, (int)round (width / scale),
                      (int)round (height / scale), width, height, error);
}

double
rdm_chart_print_scale (int width)
{
  return width > 0 ? MAX (1.0, (double)RDM_CHART_PRINT_WIDTH / width) : 1.0;
}

gboolean
rdm_chart_export_scaled (const RdmChart *chart,
                         const char *path,
                         RdmChartFormat format,
                         int width,
                         int height,
                         double scale,
                         GError **error)
{
  int file_width = width;
  int file_height = height;

  g_return_val_if_fail (chart != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_chart (chart, path, &format, error))
    return FALSE;
  if (format == RDM_CHART_FORMAT_PNG)
    {
      file_width = (int)round (width * MAX (scale, 1.0));
      file_height = (int)round (height * MAX (scale, 1.0));
    }
  if (!check_size (width, height, error) || !check_size (file_width, file_height, error))
    return FALSE;
  return write_pages (&chart, 1, format, path, width, height, file_width, file_height, error);
}

gboolean
rdm_chart_export_pdf_pages (const RdmChart *const *charts,
                            guint n_charts,
                            const char *path,
                            int width,
                            int height,
                            GError **error)
{
  double scale;

  g_return_val_if_fail (charts != NULL || n_charts == 0, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_charts == 0)
    {
      g_set_error (error, RDM_CHART_ERROR, RDM_CHART_ERROR_EMPTY,
                   _ ("Nothing to draw in “%s”: no charts"), path);
      return FALSE;
    }
  if (!check_size (width, height, error))
    return FALSE;
  scale = layout_scale (width, height);
  return write_pages (charts, n_charts, RDM_CHART_FORMAT_PDF, path, (int)round (width / scale),
                      (int)round (height / scale), width, height, error);
}
