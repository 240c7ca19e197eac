/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Typesetting an RdmDocument in two passes. rdm_document_paginate() walks
 * the blocks once, measures every text with Pango and places it: the
 * result is a display list per page (texts with their box and style,
 * rules, boxes, charts, the logo). Rendering replays a page's list, laying
 * every text out again with the same width and font; metrics are unhinted
 * and glyph positions unrounded, so the lines break where they broke when
 * measured, whatever the target's scale. A paragraph split across pages is
 * one text drawn from a given line for a given number of lines.
 *
 * Tables fit the text width: their natural width at the layout's table
 * size, else a smaller size down to a floor, else header and text cells
 * wrap within narrower columns. Numbers never wrap: when even the numbers
 * alone are wider than the page at the floor, the type goes below it. */

#include "config.h"

#include <cairo-pdf.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "rdm-chart-render.h"
#include "rdm-document-pdf.h"

/* clang-format off */
G_DEFINE_QUARK (rdm-document-pdf-error-quark, rdm_document_pdf_error)
/* clang-format on */

/* The one type family of the document, the one the charts draw with. */
#define FONT_FAMILY "sans"

/* Widths of texts are measured once at this size (points) and scaled:
 * unhinted widths are proportional to the size. */
#define REFERENCE_SIZE 10.0

#define COLOUR_TEXT 0x1f1f1f
#define COLOUR_MUTED 0x5e5e5e
#define COLOUR_FOOTER 0x767676
#define COLOUR_RULE 0x3d3d3d
#define COLOUR_HAIRLINE 0xd4d4d4
#define COLOUR_HEADER_FILL 0xf2f2f2

/* Sizes of one layout, in points. */
typedef struct
{
  double width;
  double height;
  double margin_x;
  double margin_top;
  double margin_bottom; /* the footer sits inside it */
  double cover_band;    /* height of the accent band on the cover */
  double cover_title;
  double cover_client;
  double cover_period;
  double cover_detail;
  double logo_width; /* the box the logo is scaled into */
  double logo_height;
  double section;
  double heading;
  double body;
  double note;
  double table;
  double table_floor; /* wide tables shrink to this before wrapping */
  double footer;
  double chart_scale; /* a chart is laid out this many times smaller and scaled up */
} Geometry;

static const Geometry report_geometry = {
  .width = 595.28,
  .height = 841.89,
  .margin_x = 50,
  .margin_top = 50,
  .margin_bottom = 62,
  .cover_band = 14,
  .cover_title = 30,
  .cover_client = 16,
  .cover_period = 14,
  .cover_detail = 11,
  .logo_width = 150,
  .logo_height = 64,
  .section = 18,
  .heading = 13,
  .body = 10,
  .note = 8,
  .table = 8.75,
  .table_floor = 6.5,
  .footer = 8,
  .chart_scale = 1,
};

static const Geometry slides_geometry = {
  .width = 960,
  .height = 540,
  .margin_x = 48,
  .margin_top = 36,
  .margin_bottom = 52,
  .cover_band = 16,
  .cover_title = 40,
  .cover_client = 22,
  .cover_period = 20,
  .cover_detail = 15,
  .logo_width = 200,
  .logo_height = 80,
  .section = 28,
  .heading = 22,
  .body = 18,
  .note = 13,
  .table = 14,
  .table_floor = 9,
  .footer = 11,
  .chart_scale = 1.4,
};

typedef struct
{
  double size; /* points */
  gboolean bold;
  guint32 colour; /* 0xRRGGBB */
  PangoAlignment align;
  gboolean tabular;     /* tabular figures, for numbers in columns */
  gboolean single_line; /* never wraps; with PANGO_ALIGN_RIGHT, ends at the box's right */
} TextStyle;

typedef enum
{
  ITEM_TEXT,
  ITEM_RULE,
  ITEM_BOX,
  ITEM_CHART,
  ITEM_LOGO,
} ItemKind;

/* One thing drawn on a page, in points from the page's top left. */
typedef struct
{
  ItemKind kind;
  double x;
  double y;
  double width; /* TEXT: the wrapping width */
  double height;
  TextStyle style;  /* TEXT; RULE and BOX use style.colour, RULE style.size as its thickness */
  char *text;       /* TEXT, owned */
  guint first_line; /* TEXT: the lines drawn, for a paragraph split across pages */
  guint n_lines;    /* TEXT: 0 for every line */
  RdmChart *chart;  /* CHART, the document's */
  double chart_scale;
} Item;

typedef struct
{
  const char *title; /* the document's */
  guint page;
  double y;
  gboolean heading; /* a child of the section before it */
} OutlineEntry;

struct _RdmDocumentPages
{
  const RdmDocument *document;
  const Geometry *geometry;
  GPtrArray *pages;      /* GArray of Item, one per page */
  GArray *outline;       /* OutlineEntry */
  cairo_surface_t *logo; /* NULL without a logo */
};

static void
item_clear (Item *item)
{
  g_free (item->text);
}

static void
set_source_colour (cairo_t *cr, guint32 colour)
{
  cairo_set_source_rgb (cr, ((colour >> 16) & 0xff) / 255.0, ((colour >> 8) & 0xff) / 255.0,
                        (colour & 0xff) / 255.0);
}

/* Text ---------------------------------------------------------------------- */

/* A context of its own font map, so that threads never share Pango state,
 * with unhinted metrics so that a text measures the same at any scale. */
static PangoContext *
create_context (void)
{
  g_autoptr (PangoFontMap) font_map = pango_cairo_font_map_new ();
  PangoContext *context = pango_font_map_create_context (font_map);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (context, 72);
  pango_context_set_round_glyph_positions (context, FALSE);
  return context;
}

/* @text in @style, wrapped at @width points unless the style is single
 * line. */
static PangoLayout *
create_layout (PangoContext *context, const TextStyle *style, const char *text, double width)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family_static (font, FONT_FAMILY);
  pango_font_description_set_absolute_size (font, style->size * PANGO_SCALE);
  pango_font_description_set_weight (font, style->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (style->tabular)
    {
      PangoAttrList *attributes = pango_attr_list_new ();

      pango_attr_list_insert (attributes, pango_attr_font_features_new ("tnum"));
      pango_layout_set_attributes (layout, attributes);
      pango_attr_list_unref (attributes);
    }
  pango_layout_set_text (layout, text, -1);
  if (!style->single_line && width > 0)
    {
      pango_layout_set_width (layout, pango_units_from_double (width));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_alignment (layout, style->align);
    }
  return layout;
}

static double
text_width (PangoContext *context, const TextStyle *style, const char *text)
{
  TextStyle single = *style;
  g_autoptr (PangoLayout) layout = NULL;
  PangoRectangle logical;

  single.single_line = TRUE;
  layout = create_layout (context, &single, text, -1);
  pango_layout_get_extents (layout, NULL, &logical);
  return pango_units_to_double (logical.width);
}

/* The widest word of @text (split at spaces): how narrow a column can be
 * before words break inside. */
static double
widest_word (PangoContext *context, const TextStyle *style, const char *text)
{
  g_auto (GStrv) words = g_strsplit_set (text, " \n", -1);
  double widest = 0;

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      widest = MAX (widest, text_width (context, style, words[i]));
  return widest;
}

/* The bottom of every line of @layout, in points from the layout's top. */
static GArray *
line_bottoms (PangoLayout *layout)
{
  GArray *bottoms = g_array_new (FALSE, FALSE, sizeof (double));
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoRectangle logical;
      double bottom;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      bottom = pango_units_to_double (logical.y + logical.height);
      g_array_append_val (bottoms, bottom);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  return bottoms;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return pango_units_to_double (logical.height);
}

/* Draws lines @first to @first + @n_lines (0: to the end) of @layout with
 * the top of line @first at @y. */
static void
draw_layout_lines (cairo_t *cr, PangoLayout *layout, double x, double y, guint first, guint n_lines)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  guint end = n_lines > 0 ? first + n_lines : G_MAXUINT;
  double top = 0;

  for (guint index = 0; index < end; index++)
    {
      if (index >= first)
        {
          PangoRectangle logical;
          double baseline = pango_units_to_double (pango_layout_iter_get_baseline (iter));

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          if (index == first)
            top = pango_units_to_double (logical.y);
          cairo_move_to (cr, x + pango_units_to_double (logical.x), y + baseline - top);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      if (!pango_layout_iter_next_line (iter))
        break;
    }
  pango_layout_iter_free (iter);
}

/* Placing ------------------------------------------------------------------- */

typedef struct
{
  RdmDocumentPages *pages;
  const Geometry *g;
  PangoContext *context;
  GArray *page;              /* the page being filled */
  double y;                  /* the next block's top */
  gboolean page_has_content; /* more than titles */
  gboolean after_title;      /* the last thing placed is a title, or nothing is */
  const char *section;       /* the current section's title, for continued slides */
  const char *heading;       /* the current heading, titles a chart's slide */
  gboolean slides;
} Typesetter;

static double
content_bottom (const Typesetter *ts)
{
  return ts->g->height - ts->g->margin_bottom;
}

static double
content_width (const Typesetter *ts)
{
  return ts->g->width - 2 * ts->g->margin_x;
}

static double
remaining (const Typesetter *ts)
{
  return content_bottom (ts) - ts->y;
}

static Item *
add_item (Typesetter *ts, ItemKind kind, double x, double y, double width, double height)
{
  Item item = { .kind = kind, .x = x, .y = y, .width = width, .height = height };

  g_array_append_val (ts->page, item);
  ts->page_has_content = TRUE;
  ts->after_title = FALSE;
  return &g_array_index (ts->page, Item, ts->page->len - 1);
}

static void
add_text (Typesetter *ts,
          const TextStyle *style,
          const char *text,
          double x,
          double y,
          double width,
          double height,
          guint first_line,
          guint n_lines)
{
  Item *item = add_item (ts, ITEM_TEXT, x, y, width, height);

  item->style = *style;
  item->text = g_strdup (text);
  item->first_line = first_line;
  item->n_lines = n_lines;
}

static void
add_rule (Typesetter *ts, double x0, double x1, double y, double thickness, guint32 colour)
{
  Item *item = add_item (ts, ITEM_RULE, x0, y, x1 - x0, 0);

  item->style.size = thickness;
  item->style.colour = colour;
}

static void
add_box (Typesetter *ts, double x, double y, double width, double height, guint32 colour)
{
  Item *item = add_item (ts, ITEM_BOX, x, y, width, height);

  item->style.colour = colour;
}

static TextStyle
style_of (const Typesetter *ts, RdmDocumentBlockKind kind)
{
  const RdmDocumentCover *cover = rdm_document_get_cover (ts->pages->document);
  TextStyle style = { .size = ts->g->body, .colour = COLOUR_TEXT, .align = PANGO_ALIGN_LEFT };

  switch (kind)
    {
    case RDM_DOCUMENT_SECTION:
      style.size = ts->g->section;
      style.bold = TRUE;
      style.colour = cover->accent;
      break;
    case RDM_DOCUMENT_HEADING:
      style.size = ts->g->heading;
      style.bold = TRUE;
      break;
    case RDM_DOCUMENT_NOTE:
      style.size = ts->g->note;
      style.colour = COLOUR_MUTED;
      break;
    case RDM_DOCUMENT_TABLE:
      /* a table's title */
      style.size = ts->slides ? ts->g->body : ts->g->body + 0.5;
      style.bold = TRUE;
      break;
    case RDM_DOCUMENT_PARAGRAPH:
    case RDM_DOCUMENT_BULLETS:
    case RDM_DOCUMENT_CHART:
    default:
      break;
    }
  return style;
}

static char *
continued (const char *title)
{
  /* Translators: the title of a table, or of a slide, that goes on from
   * the previous page */
  return g_strdup_printf (C_ ("report", "%s (continued)"), title);
}

/* Places a line of text the width of the page at the cursor and moves
 * under it. */
static void
place_line (Typesetter *ts, const TextStyle *style, const char *text, double space_after)
{
  g_autoptr (PangoLayout) layout = create_layout (ts->context, style, text, content_width (ts));
  double height = layout_height (layout);

  add_text (ts, style, text, ts->g->margin_x, ts->y, content_width (ts), height, 0, 0);
  ts->y += height + space_after;
}

/* Places a title: the page does not count as having content for it, and
 * the block after it adds no space of its own. */
static void
place_title (Typesetter *ts, const TextStyle *style, const char *text, double space_after)
{
  gboolean had_content = ts->page_has_content;

  place_line (ts, style, text, space_after);
  ts->page_has_content = had_content;
  ts->after_title = TRUE;
}

static void
place_slide_title (Typesetter *ts, const char *title)
{
  TextStyle style = style_of (ts, RDM_DOCUMENT_SECTION);

  if (title == NULL || *title == '\0')
    return;
  place_title (ts, &style, title, 0.5 * ts->g->section);
}

static void
begin_page (Typesetter *ts)
{
  GArray *page = g_array_new (FALSE, TRUE, sizeof (Item));

  g_array_set_clear_func (page, (GDestroyNotify)item_clear);
  g_ptr_array_add (ts->pages->pages, page);
  ts->page = page;
  ts->y = ts->g->margin_top;
  ts->page_has_content = FALSE;
  ts->after_title = TRUE;
}

/* A new page for what did not fit on the last: on slides, under the
 * section's title marked as continued. */
static void
continue_on_new_page (Typesetter *ts)
{
  begin_page (ts);
  if (ts->slides && ts->section != NULL)
    {
      g_autofree char *title = continued (ts->section);

      place_slide_title (ts, title);
    }
}

/* The space before a block, none under a title or at the top of a page. */
static void
add_space (Typesetter *ts, double space)
{
  if (!ts->after_title)
    ts->y += space;
}

/* A bookmark to the current page at @y, under the last section when
 * @heading. */
static void
add_outline_entry (Typesetter *ts, const char *title, double y, gboolean heading)
{
  OutlineEntry entry = { title, ts->pages->pages->len - 1, y, heading };

  g_array_append_val (ts->pages->outline, entry);
}

/* Paragraphs ---------------------------------------------------------------- */

/* Places @text at @x, @width wide, splitting it across pages between
 * lines; a page takes at least two lines of it unless the text is shorter.
 * Returns the top of its first line, on the page that is current then
 * or before: *@first_page. */
static double
place_paragraph (Typesetter *ts,
                 const TextStyle *style,
                 const char *text,
                 double x,
                 double width,
                 GArray **first_page)
{
  g_autoptr (PangoLayout) layout = create_layout (ts->context, style, text, width);
  g_autoptr (GArray) bottoms = line_bottoms (layout);
  guint first = 0;
  double first_top = ts->y;

  *first_page = ts->page;
  while (first < bottoms->len)
    {
      double top = first > 0 ? g_array_index (bottoms, double, first - 1) : 0;
      guint last = first;

      /* the lines that fit below the cursor */
      while (last < bottoms->len && g_array_index (bottoms, double, last) - top <= remaining (ts))
        last++;
      if (last < bottoms->len && last - first < 2 && ts->page_has_content)
        {
          continue_on_new_page (ts);
          continue;
        }
      /* a page too short for even one line takes one anyway */
      last = MAX (last, first + 1);
      if (first == 0)
        {
          *first_page = ts->page;
          first_top = ts->y;
        }
      add_text (ts, style, text, x, ts->y, width, g_array_index (bottoms, double, last - 1) - top,
                first, last == bottoms->len && first == 0 ? 0 : last - first);
      ts->y += g_array_index (bottoms, double, last - 1) - top;
      first = last;
      if (first < bottoms->len)
        continue_on_new_page (ts);
    }
  return first_top;
}

/* The height of the first two lines of @text at @width: what must follow
 * a heading on its page. */
static double
first_lines_height (Typesetter *ts, const TextStyle *style, const char *text, double width)
{
  g_autoptr (PangoLayout) layout = create_layout (ts->context, style, text, width);
  g_autoptr (GArray) bottoms = line_bottoms (layout);

  return g_array_index (bottoms, double, MIN (bottoms->len, 2) - 1);
}

static double
bullet_indent (const Typesetter *ts)
{
  return 1.4 * ts->g->body;
}

static void
place_bullets (Typesetter *ts, const char *const *items)
{
  TextStyle style = style_of (ts, RDM_DOCUMENT_BULLETS);
  double indent = bullet_indent (ts);

  for (guint i = 0; items[i] != NULL; i++)
    {
      GArray *page;
      double top;
      Item bullet = { .kind = ITEM_TEXT, .x = ts->g->margin_x, .width = indent, .style = style };

      if (i > 0)
        add_space (ts, 0.35 * ts->g->body);
      top = place_paragraph (ts, &style, items[i], ts->g->margin_x + indent,
                             content_width (ts) - indent, &page);
      /* the bullet hangs beside the item's first line, wherever it landed */
      bullet.y = top;
      bullet.text = g_strdup ("•");
      g_array_append_val (page, bullet);
    }
}

/* Tables -------------------------------------------------------------------- */

typedef struct
{
  const RdmDocumentTable *table;
  guint n_columns;
  guint n_rows;
  char **cells;   /* n_rows × n_columns, as formatted for a reader */
  double size;    /* the type size, points */
  double padding; /* left and right of a cell's text */
  double *widths; /* of the columns, padding included */
  double width;   /* of the table */
  double header_height;
  double *row_heights;
  double title_height;
} TablePlan;

static void
table_plan_free (TablePlan *plan)
{
  g_strfreev (plan->cells);
  g_free (plan->widths);
  g_free (plan->row_heights);
  g_free (plan);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TablePlan, table_plan_free)

static gboolean
column_is_numeric (const RdmDocumentTable *table, guint column)
{
  return rdm_document_table_get_unit (table, column) != RDM_DOCUMENT_TEXT;
}

static TextStyle
cell_style (const TablePlan *plan, guint row, guint column)
{
  gboolean numeric
      = column_is_numeric (plan->table, column)
        && rdm_document_table_get_cell (plan->table, row, column) != RDM_DOCUMENT_CELL_TEXT;
  TextStyle style = {
    .size = plan->size,
    .bold = rdm_document_table_row_is_total (plan->table, row),
    .colour = COLOUR_TEXT,
    .align = column_is_numeric (plan->table, column) ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT,
    .tabular = numeric,
    .single_line = numeric,
  };

  return style;
}

static TextStyle
header_style (const TablePlan *plan, guint column)
{
  TextStyle style = {
    .size = plan->size,
    .bold = TRUE,
    .colour = COLOUR_TEXT,
    .align = column_is_numeric (plan->table, column) ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT,
  };

  return style;
}

/* Widths between @low and @high (per column) that add up to @available,
 * given that @low's add up to less and @high's to more. */
static void
interpolate_widths (
    double *widths, const double *low, const double *high, guint n, double available)
{
  double low_sum = 0;
  double high_sum = 0;
  double t;

  for (guint c = 0; c < n; c++)
    {
      low_sum += low[c];
      high_sum += high[c];
    }
  t = high_sum > low_sum ? (available - low_sum) / (high_sum - low_sum) : 0;
  for (guint c = 0; c < n; c++)
    widths[c] = low[c] + CLAMP (t, 0, 1) * (high[c] - low[c]);
}

static double
sum (const double *values, guint n)
{
  double total = 0;

  for (guint c = 0; c < n; c++)
    total += values[c];
  return total;
}

/* Chooses the type size and the column widths of @plan's table for
 * @available points, from widths measured at REFERENCE_SIZE, widest
 * first: natural (nothing wraps), comfortable (headers and text wrap
 * between words), words (text cells still wrap between words, headers of
 * numbers inside them) and hard (numbers whole, text five ems wide, so
 * that a name such as "Facebook" stays whole). The type
 * shrinks towards the floor before anything wraps, and below it only when
 * the numbers alone would not fit. */
static void
fit_columns (TablePlan *plan, const Typesetter *ts, double available)
{
  guint n = plan->n_columns;
  g_autofree double *natural = g_new0 (double, n);
  g_autofree double *comfortable = g_new0 (double, n);
  g_autofree double *words = g_new0 (double, n);
  g_autofree double *hard = g_new0 (double, n);
  double padding_ratio = 0.35; /* of the size, each side */
  /* a text laid out exactly as wide as it measured may wrap by a rounding
   * error: columns get this much more (at REFERENCE_SIZE) */
  double slack = 0.02 * REFERENCE_SIZE;
  double scale;

  plan->size = REFERENCE_SIZE;
  for (guint c = 0; c < n; c++)
    {
      TextStyle header = header_style (plan, c);
      const char *text = rdm_document_table_get_header (plan->table, c);
      double header_word = widest_word (ts->context, &header, text);
      double widest = text_width (ts->context, &header, text);
      double numbers = 0;
      double text_word = 0;
      double extra = 2 * padding_ratio * REFERENCE_SIZE + slack;

      for (guint r = 0; r < plan->n_rows; r++)
        {
          TextStyle style = cell_style (plan, r, c);
          const char *cell = plan->cells[r * n + c];
          double width = text_width (ts->context, &style, cell);

          widest = MAX (widest, width);
          if (style.single_line)
            numbers = MAX (numbers, width);
          else
            text_word = MAX (text_word, widest_word (ts->context, &style, cell));
        }
      /* a word longer than ten ems (a URL) breaks anyway */
      text_word = MIN (text_word, 10 * REFERENCE_SIZE);
      natural[c] = widest + extra;
      comfortable[c] = MAX (MAX (header_word, text_word), numbers) + extra;
      words[c] = MAX (text_word, numbers) + extra;
      hard[c] = MAX (numbers, MIN (text_word, 5 * REFERENCE_SIZE)) + extra;
    }

  /* the largest size up to the layout's at which the table fits whole,
   * not below the floor */
  plan->size = ts->g->table;
  if (sum (natural, n) * plan->size / REFERENCE_SIZE > available)
    plan->size
        = MAX (ts->g->table_floor, floor (10 * available * REFERENCE_SIZE / sum (natural, n)) / 10);
  /* numbers never wrap: below the floor rather than off the page */
  if (sum (hard, n) * plan->size / REFERENCE_SIZE > available)
    plan->size = floor (10 * available * REFERENCE_SIZE / sum (hard, n)) / 10;

  scale = plan->size / REFERENCE_SIZE;
  for (guint c = 0; c < n; c++)
    {
      natural[c] *= scale;
      comfortable[c] *= scale;
      words[c] *= scale;
      hard[c] *= scale;
    }
  plan->padding = padding_ratio * plan->size;
  plan->widths = g_new0 (double, n);
  if (sum (natural, n) <= available)
    memcpy (plan->widths, natural, n * sizeof (double));
  else if (sum (comfortable, n) <= available)
    interpolate_widths (plan->widths, comfortable, natural, n, available);
  else if (sum (words, n) <= available)
    interpolate_widths (plan->widths, words, comfortable, n, available);
  else
    interpolate_widths (plan->widths, hard, words, n, available);
  plan->width = MIN (sum (plan->widths, n), available);
}

static double
cell_height (const TablePlan *plan,
             const Typesetter *ts,
             const TextStyle *style,
             const char *text,
             double width)
{
  g_autoptr (PangoLayout) layout
      = create_layout (ts->context, style, text, width - 2 * plan->padding);

  return layout_height (layout) + 0.7 * plan->size;
}

static TablePlan *
plan_table (const Typesetter *ts, const RdmDocumentTable *table)
{
  g_autoptr (TablePlan) plan = g_new0 (TablePlan, 1);
  const char *currency = rdm_document_get_currency (ts->pages->document);
  const char *title = rdm_document_table_get_title (table);
  guint n;

  plan->table = table;
  plan->n_columns = n = rdm_document_table_get_n_columns (table);
  plan->n_rows = rdm_document_table_get_n_rows (table);
  plan->cells = g_new0 (char *, plan->n_rows *n + 1);
  for (guint r = 0; r < plan->n_rows; r++)
    for (guint c = 0; c < n; c++)
      plan->cells[r * n + c] = rdm_document_table_format_cell (table, r, c, currency);

  fit_columns (plan, ts, content_width (ts));

  for (guint c = 0; c < n; c++)
    {
      TextStyle style = header_style (plan, c);

      plan->header_height
          = MAX (plan->header_height,
                 cell_height (plan, ts, &style, rdm_document_table_get_header (table, c),
                              plan->widths[c]));
    }
  plan->row_heights = g_new0 (double, MAX (plan->n_rows, 1));
  for (guint r = 0; r < plan->n_rows; r++)
    for (guint c = 0; c < n; c++)
      {
        TextStyle style = cell_style (plan, r, c);

        plan->row_heights[r]
            = MAX (plan->row_heights[r],
                   cell_height (plan, ts, &style, plan->cells[r * n + c], plan->widths[c]));
      }
  if (title != NULL && *title != '\0')
    {
      TextStyle style = style_of (ts, RDM_DOCUMENT_TABLE);
      g_autofree char *longest = continued (title);
      g_autoptr (PangoLayout) layout
          = create_layout (ts->context, &style, longest, content_width (ts));

      plan->title_height = layout_height (layout) + 0.4 * style.size;
    }
  return g_steal_pointer (&plan);
}

/* Title, header and the first two rows: a table starts on a page that
 * holds them. */
static double
table_start_height (const TablePlan *plan)
{
  double height = plan->title_height + plan->header_height;

  for (guint r = 0; r < MIN (plan->n_rows, 2); r++)
    height += plan->row_heights[r];
  return height;
}

static void
place_table_head (Typesetter *ts, const TablePlan *plan, gboolean is_continued)
{
  const char *title = rdm_document_table_get_title (plan->table);
  double x = ts->g->margin_x;

  if (plan->title_height > 0)
    {
      TextStyle style = style_of (ts, RDM_DOCUMENT_TABLE);
      g_autofree char *text = is_continued ? continued (title) : g_strdup (title);

      add_text (ts, &style, text, x, ts->y, content_width (ts), plan->title_height, 0, 0);
      ts->y += plan->title_height;
    }
  add_box (ts, x, ts->y, plan->width, plan->header_height, COLOUR_HEADER_FILL);
  for (guint c = 0; c < plan->n_columns; c++)
    {
      TextStyle style = header_style (plan, c);

      add_text (ts, &style, rdm_document_table_get_header (plan->table, c), x + plan->padding,
                ts->y + 0.35 * plan->size, plan->widths[c] - 2 * plan->padding, plan->header_height,
                0, 0);
      x += plan->widths[c];
    }
  ts->y += plan->header_height;
  add_rule (ts, ts->g->margin_x, ts->g->margin_x + plan->width, ts->y, 0.8, COLOUR_RULE);
}

static void
place_table_row (Typesetter *ts, const TablePlan *plan, guint row)
{
  gboolean total = rdm_document_table_row_is_total (plan->table, row);
  double x = ts->g->margin_x;

  for (guint c = 0; c < plan->n_columns; c++)
    {
      TextStyle style = cell_style (plan, row, c);

      add_text (ts, &style, plan->cells[row * plan->n_columns + c], x + plan->padding,
                ts->y + 0.35 * plan->size, plan->widths[c] - 2 * plan->padding,
                plan->row_heights[row], 0, 0);
      x += plan->widths[c];
    }
  if (total)
    add_rule (ts, ts->g->margin_x, ts->g->margin_x + plan->width, ts->y, 0.8, COLOUR_RULE);
  ts->y += plan->row_heights[row];
  if (!total
      && (row + 1 == plan->n_rows || !rdm_document_table_row_is_total (plan->table, row + 1)))
    add_rule (ts, ts->g->margin_x, ts->g->margin_x + plan->width, ts->y, 0.3, COLOUR_HAIRLINE);
}

static void
place_table (Typesetter *ts, const RdmDocumentTable *table)
{
  g_autoptr (TablePlan) plan = plan_table (ts, table);
  guint on_page = 0;

  if (table_start_height (plan) > remaining (ts) && ts->page_has_content)
    continue_on_new_page (ts);
  place_table_head (ts, plan, FALSE);
  for (guint r = 0; r < plan->n_rows; r++)
    {
      double needed = plan->row_heights[r];

      /* a total row stays with the row above it, and the last row too:
       * a continued table never ends on a page of one row */
      if (r + 1 < plan->n_rows
          && (rdm_document_table_row_is_total (table, r + 1) || r + 2 == plan->n_rows))
        needed += plan->row_heights[r + 1];
      if (needed > remaining (ts) && on_page > 0)
        {
          continue_on_new_page (ts);
          place_table_head (ts, plan, TRUE);
          on_page = 0;
        }
      place_table_row (ts, plan, r);
      on_page++;
    }
}

/* Charts -------------------------------------------------------------------- */

static double
report_chart_height (const Typesetter *ts)
{
  return round (0.62 * content_width (ts));
}

static void
add_chart (Typesetter *ts, RdmChart *chart, double height)
{
  Item *item = add_item (ts, ITEM_CHART, ts->g->margin_x, ts->y, content_width (ts), height);

  item->chart = chart;
  item->chart_scale = ts->g->chart_scale;
  ts->y += height;
}

/* Room under a chart on a slide for the note that follows it: two lines
 * and the space between. */
static double
note_reserve (Typesetter *ts)
{
  TextStyle note = style_of (ts, RDM_DOCUMENT_NOTE);

  return 0.8 * ts->g->body + 0.2 * note.size + 2 * 1.4 * note.size;
}

/* @reserve: the height to leave under the chart on its slide. */
static void
place_chart (Typesetter *ts, RdmChart *chart, double reserve)
{
  if (ts->slides)
    {
      /* a slide of its own, under the heading or section it illustrates */
      if (ts->page_has_content)
        {
          begin_page (ts);
          if (ts->heading != NULL)
            add_outline_entry (ts, ts->heading, ts->y, TRUE);
          place_slide_title (ts, ts->heading != NULL ? ts->heading : ts->section);
        }
      add_chart (ts, chart, remaining (ts) - reserve);
      return;
    }
  if (report_chart_height (ts) > remaining (ts) && ts->page_has_content)
    continue_on_new_page (ts);
  add_chart (ts, chart, MIN (report_chart_height (ts), remaining (ts)));
}

/* Blocks -------------------------------------------------------------------- */

/* What must follow a title on its page: the first lines of text, the
 * table's head and two rows, or the chart. */
static double
block_start_height (Typesetter *ts, const RdmDocumentBlock *block)
{
  TextStyle style;

  if (block == NULL)
    return 0;
  style = style_of (ts, block->kind);
  switch (block->kind)
    {
    case RDM_DOCUMENT_SECTION:
    case RDM_DOCUMENT_HEADING:
    case RDM_DOCUMENT_PARAGRAPH:
    case RDM_DOCUMENT_NOTE:
      return first_lines_height (ts, &style, block->text, content_width (ts));
    case RDM_DOCUMENT_BULLETS:
      if (block->items[0] == NULL)
        return 0;
      return first_lines_height (ts, &style, block->items[0],
                                 content_width (ts) - bullet_indent (ts));
    case RDM_DOCUMENT_TABLE:
      {
        g_autoptr (TablePlan) plan = plan_table (ts, block->table);

        return table_start_height (plan);
      }
    case RDM_DOCUMENT_CHART:
      return ts->slides ? 0 : report_chart_height (ts);
    default:
      return 0;
    }
}

/* Places a section title or heading, on the next page unless what
 * follows it fits under it; a section also starts a page in the last
 * quarter of one. Returns the title's top. */
static double
place_heading (Typesetter *ts,
               RdmDocumentBlockKind kind,
               const char *text,
               const RdmDocumentBlock *next)
{
  TextStyle style = style_of (ts, kind);
  g_autoptr (PangoLayout) layout = create_layout (ts->context, &style, text, content_width (ts));
  double space_before = (kind == RDM_DOCUMENT_SECTION ? 1.0 : 0.9) * style.size;
  double space_after = (kind == RDM_DOCUMENT_SECTION ? 0.5 : 0.4) * style.size;
  double needed
      = space_before + layout_height (layout) + space_after + block_start_height (ts, next);
  double content_height = content_bottom (ts) - ts->g->margin_top;
  double top;

  if (ts->page_has_content
      && (needed > remaining (ts)
          || (kind == RDM_DOCUMENT_SECTION && remaining (ts) < content_height / 4)))
    continue_on_new_page (ts);
  add_space (ts, space_before);
  top = ts->y;
  place_title (ts, &style, text, space_after);
  return top;
}

static void
place_block (Typesetter *ts, const RdmDocumentBlock *block, const RdmDocumentBlock *next)
{
  TextStyle style = style_of (ts, block->kind);
  GArray *page;

  switch (block->kind)
    {
    case RDM_DOCUMENT_SECTION:
      ts->section = block->text;
      ts->heading = NULL;
      if (ts->slides)
        {
          /* every section opens a slide, the first one included */
          if (ts->page->len > 0)
            begin_page (ts);
          add_outline_entry (ts, block->text, ts->y, FALSE);
          place_slide_title (ts, block->text);
          return;
        }
      add_outline_entry (ts, block->text, place_heading (ts, block->kind, block->text, next),
                         FALSE);
      return;
    case RDM_DOCUMENT_HEADING:
      ts->heading = block->text;
      /* on slides, a chart's heading titles the chart's slide of its own */
      if (ts->slides && ts->page_has_content && next != NULL && next->kind == RDM_DOCUMENT_CHART)
        return;
      add_outline_entry (ts, block->text, place_heading (ts, block->kind, block->text, next), TRUE);
      return;
    case RDM_DOCUMENT_PARAGRAPH:
      add_space (ts, 0.2 * style.size);
      place_paragraph (ts, &style, block->text, ts->g->margin_x, content_width (ts), &page);
      ts->y += 0.5 * style.size;
      return;
    case RDM_DOCUMENT_NOTE:
      add_space (ts, 0.2 * style.size);
      place_paragraph (ts, &style, block->text, ts->g->margin_x, content_width (ts), &page);
      ts->y += 0.6 * ts->g->body;
      return;
    case RDM_DOCUMENT_BULLETS:
      add_space (ts, 0.2 * style.size);
      place_bullets (ts, (const char *const *)block->items);
      ts->y += 0.5 * style.size;
      return;
    case RDM_DOCUMENT_TABLE:
      add_space (ts, 0.4 * ts->g->body);
      place_table (ts, block->table);
      ts->y += 0.8 * ts->g->body;
      return;
    case RDM_DOCUMENT_CHART:
      add_space (ts, 0.4 * ts->g->body);
      /* on a slide, the chart's note stays under it */
      place_chart (ts, block->chart,
                   ts->slides && next != NULL && next->kind == RDM_DOCUMENT_NOTE ? note_reserve (ts)
                                                                                 : 0);
      ts->y += 0.8 * ts->g->body;
      return;
    default:
      g_assert_not_reached ();
    }
}

/* Cover --------------------------------------------------------------------- */

/* The logo as an image surface scaled to fit @width × @height points at
 * four pixels per point, keeping its aspect. */
static cairo_surface_t *
decode_logo (GBytes *bytes, double width, double height, GError **error)
{
  g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new_from_stream_at_scale (
      stream, (int)(4 * width), (int)(4 * height), TRUE, NULL, &local_error);
  g_autoptr (GdkPixbuf) rgba = NULL;
  cairo_surface_t *surface;
  int pixbuf_width;
  int pixbuf_height;
  int stride;
  guchar *data;

  if (pixbuf == NULL)
    {
      g_set_error (error, RDM_DOCUMENT_PDF_ERROR, RDM_DOCUMENT_PDF_ERROR_LOGO,
                   _ ("The logo is not a PNG or SVG image that can be read: %s"),
                   local_error->message);
      return NULL;
    }
  rgba = gdk_pixbuf_get_has_alpha (pixbuf) ? g_object_ref (pixbuf)
                                           : gdk_pixbuf_add_alpha (pixbuf, FALSE, 0, 0, 0);
  pixbuf_width = gdk_pixbuf_get_width (rgba);
  pixbuf_height = gdk_pixbuf_get_height (rgba);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixbuf_width, pixbuf_height);
  stride = cairo_image_surface_get_stride (surface);
  data = cairo_image_surface_get_data (surface);
  cairo_surface_flush (surface);
  /* GdkPixbuf's RGBA bytes to cairo's premultiplied native-endian ARGB */
  for (int y = 0; y < pixbuf_height; y++)
    {
      const guchar *in = gdk_pixbuf_read_pixels (rgba) + y * gdk_pixbuf_get_rowstride (rgba);
      guint32 *out = (guint32 *)(data + y * stride);

      for (int x = 0; x < pixbuf_width; x++, in += 4)
        {
          guint alpha = in[3];

          out[x] = (alpha << 24) | ((in[0] * alpha + 127) / 255) << 16
                   | ((in[1] * alpha + 127) / 255) << 8 | ((in[2] * alpha + 127) / 255);
        }
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

static void
place_cover_line (Typesetter *ts, const TextStyle *style, const char *text, double space_after)
{
  if (text != NULL && *text != '\0')
    place_title (ts, style, text, space_after);
}

static void
place_cover (Typesetter *ts)
{
  const RdmDocumentCover *cover = rdm_document_get_cover (ts->pages->document);
  const Geometry *g = ts->g;
  TextStyle title = { .size = g->cover_title, .bold = TRUE, .colour = cover->accent };
  TextStyle client = { .size = g->cover_client, .colour = COLOUR_TEXT };
  TextStyle period = { .size = g->cover_period, .bold = TRUE, .colour = COLOUR_TEXT };
  TextStyle detail = { .size = g->cover_detail, .colour = COLOUR_MUTED };
  double bottom_lines;

  begin_page (ts);
  add_box (ts, 0, 0, g->width, g->cover_band, cover->accent);
  if (ts->pages->logo != NULL)
    {
      double logo_width = cairo_image_surface_get_width (ts->pages->logo) / 4.0;
      double logo_height = cairo_image_surface_get_height (ts->pages->logo) / 4.0;

      add_item (ts, ITEM_LOGO, g->width - g->margin_x - logo_width,
                g->cover_band + g->margin_top / 2, logo_width, logo_height);
    }

  ts->y = g->height * (ts->slides ? 0.28 : 0.3);
  place_cover_line (ts, &title, cover->title != NULL ? cover->title : "", 0.3 * g->cover_title);
  place_cover_line (ts, &client, cover->client, 0.6 * g->cover_client);
  add_rule (ts, g->margin_x, g->width - g->margin_x, ts->y, 1.5, cover->accent);
  ts->y += 0.9 * g->cover_period;
  place_cover_line (ts, &period, cover->period_label, 0.2 * g->cover_period);
  place_cover_line (ts, &detail, cover->period_dates, 0);

  /* the author and the date at the foot of the page, below anything the
   * lines above took */
  bottom_lines = 0;
  if (cover->author != NULL && *cover->author != '\0')
    bottom_lines += 1.4 * g->cover_detail;
  if (cover->date != NULL && *cover->date != '\0')
    bottom_lines += 1.4 * g->cover_detail;
  ts->y = MAX (ts->y + g->cover_detail, content_bottom (ts) - bottom_lines);
  place_cover_line (ts, &detail, cover->author, 0.2 * g->cover_detail);
  place_cover_line (ts, &detail, cover->date, 0);
}

/* Pagination ---------------------------------------------------------------- */

RdmDocumentPages *
rdm_document_paginate (const RdmDocument *document, RdmDocumentLayout layout, GError **error)
{
  g_autoptr (RdmDocumentPages) pages = g_new0 (RdmDocumentPages, 1);
  const RdmDocumentCover *cover;
  Typesetter ts = { .pages = pages };
  guint n_blocks;

  g_return_val_if_fail (document != NULL, NULL);
  g_return_val_if_fail (
      layout == RDM_DOCUMENT_LAYOUT_REPORT || layout == RDM_DOCUMENT_LAYOUT_SLIDES, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  pages->document = document;
  pages->geometry = layout == RDM_DOCUMENT_LAYOUT_SLIDES ? &slides_geometry : &report_geometry;
  pages->pages = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  pages->outline = g_array_new (FALSE, FALSE, sizeof (OutlineEntry));
  cover = rdm_document_get_cover (document);
  if (cover->logo != NULL)
    {
      pages->logo = decode_logo (cover->logo, pages->geometry->logo_width,
                                 pages->geometry->logo_height, error);
      if (pages->logo == NULL)
        return NULL;
    }

  ts.g = pages->geometry;
  ts.context = create_context ();
  ts.slides = layout == RDM_DOCUMENT_LAYOUT_SLIDES;
  place_cover (&ts);

  n_blocks = rdm_document_get_n_blocks (document);
  if (n_blocks > 0)
    begin_page (&ts);
  for (guint i = 0; i < n_blocks; i++)
    place_block (&ts, rdm_document_get_block (document, i),
                 i + 1 < n_blocks ? rdm_document_get_block (document, i + 1) : NULL);
  g_object_unref (ts.context);
  /* blocks that draw nothing (an empty list) leave the first page empty */
  if (pages->pages->len > 1 && ts.page->len == 0)
    g_ptr_array_remove_index (pages->pages, pages->pages->len - 1);
  return g_steal_pointer (&pages);
}

void
rdm_document_pages_free (RdmDocumentPages *pages)
{
  if (pages == NULL)
    return;
  g_clear_pointer (&pages->pages, g_ptr_array_unref);
  g_clear_pointer (&pages->outline, g_array_unref);
  g_clear_pointer (&pages->logo, cairo_surface_destroy);
  g_free (pages);
}

guint
rdm_document_pages_get_n_pages (const RdmDocumentPages *pages)
{
  g_return_val_if_fail (pages != NULL, 0);
  return pages->pages->len;
}

void
rdm_document_pages_get_size (const RdmDocumentPages *pages, double *width_pt, double *height_pt)
{
  g_return_if_fail (pages != NULL);
  if (width_pt != NULL)
    *width_pt = pages->geometry->width;
  if (height_pt != NULL)
    *height_pt = pages->geometry->height;
}

/* Rendering ----------------------------------------------------------------- */

static void
render_text (cairo_t *cr, PangoContext *context, const Item *item)
{
  g_autoptr (PangoLayout) layout = create_layout (context, &item->style, item->text, item->width);
  double x = item->x;

  if (item->style.single_line && item->style.align == PANGO_ALIGN_RIGHT)
    {
      PangoRectangle logical;

      pango_layout_get_extents (layout, NULL, &logical);
      x += item->width - pango_units_to_double (logical.width);
    }
  set_source_colour (cr, item->style.colour);
  draw_layout_lines (cr, layout, x, item->y, item->first_line, item->n_lines);
}

static void
render_footer (const RdmDocumentPages *pages, guint index, cairo_t *cr, PangoContext *context)
{
  const Geometry *g = pages->geometry;
  const char *footer = rdm_document_get_footer (pages->document);
  TextStyle style = { .size = g->footer, .colour = COLOUR_FOOTER, .single_line = TRUE };
  /* Translators: at the foot of a report's page or slide */
  g_autofree char *number
      = g_strdup_printf (C_ ("report", "Page %u of %u"), index + 1, pages->pages->len);
  g_autoptr (PangoLayout) number_layout = create_layout (context, &style, number, -1);
  double width = g->width - 2 * g->margin_x;
  double y = g->height - g->margin_bottom + 1.6 * g->footer;
  PangoRectangle logical;

  pango_layout_get_extents (number_layout, NULL, &logical);
  set_source_colour (cr, style.colour);
  draw_layout_lines (cr, number_layout,
                     g->width - g->margin_x - pango_units_to_double (logical.width), y, 0, 0);
  if (footer != NULL && *footer != '\0')
    {
      g_autoptr (PangoLayout) layout = create_layout (context, &style, footer, -1);

      /* a long footer is cut short before the page number */
      pango_layout_set_width (
          layout,
          pango_units_from_double (width - pango_units_to_double (logical.width) - 2 * g->footer));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      draw_layout_lines (cr, layout, g->margin_x, y, 0, 0);
    }
}

static void
render_page (const RdmDocumentPages *pages, guint index, cairo_t *cr, PangoContext *context)
{
  GArray *items = g_ptr_array_index (pages->pages, index);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, pages->geometry->width, pages->geometry->height);
  cairo_fill (cr);
  for (guint i = 0; i < items->len; i++)
    {
      const Item *item = &g_array_index (items, Item, i);

      switch (item->kind)
        {
        case ITEM_TEXT:
          render_text (cr, context, item);
          break;
        case ITEM_RULE:
          set_source_colour (cr, item->style.colour);
          cairo_set_line_width (cr, item->style.size);
          cairo_move_to (cr, item->x, item->y);
          cairo_rel_line_to (cr, item->width, 0);
          cairo_stroke (cr);
          break;
        case ITEM_BOX:
          set_source_colour (cr, item->style.colour);
          cairo_rectangle (cr, item->x, item->y, item->width, item->height);
          cairo_fill (cr);
          break;
        case ITEM_CHART:
          cairo_save (cr);
          cairo_translate (cr, item->x, item->y);
          cairo_scale (cr, item->chart_scale, item->chart_scale);
          rdm_chart_render_cairo (item->chart, cr, (int)floor (item->width / item->chart_scale),
                                  (int)floor (item->height / item->chart_scale), FALSE);
          cairo_restore (cr);
          break;
        case ITEM_LOGO:
          cairo_save (cr);
          cairo_translate (cr, item->x, item->y);
          cairo_scale (cr, item->width / cairo_image_surface_get_width (pages->logo),
                       item->height / cairo_image_surface_get_height (pages->logo));
          cairo_set_source_surface (cr, pages->logo, 0, 0);
          cairo_paint (cr);
          cairo_restore (cr);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  if (index > 0)
    render_footer (pages, index, cr, context);
  cairo_restore (cr);
}

void
rdm_document_pages_render (const RdmDocumentPages *pages, guint index, cairo_t *cr)
{
  PangoContext *context;

  g_return_if_fail (pages != NULL);
  g_return_if_fail (index < pages->pages->len);
  g_return_if_fail (cr != NULL);

  context = create_context ();
  render_page (pages, index, cr, context);
  g_object_unref (context);
}

/* Writing ------------------------------------------------------------------- */

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
add_outline (cairo_surface_t *surface, const RdmDocumentPages *pages)
{
  int section = CAIRO_PDF_OUTLINE_ROOT;

  for (guint i = 0; i < pages->outline->len; i++)
    {
      const OutlineEntry *entry = &g_array_index (pages->outline, OutlineEntry, i);
      g_autofree char *link = g_strdup_printf ("page=%u pos=[%.2f %.2f]", entry->page + 1,
                                               pages->geometry->margin_x, entry->y);
      int id = cairo_pdf_surface_add_outline (
          surface, entry->heading ? section : CAIRO_PDF_OUTLINE_ROOT, entry->title, link,
          entry->heading ? 0 : CAIRO_PDF_OUTLINE_FLAG_OPEN);

      if (!entry->heading)
        section = id;
    }
}

static void
set_metadata (cairo_surface_t *surface, const RdmDocument *document)
{
  const RdmDocumentCover *cover = rdm_document_get_cover (document);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");

  if (cover->title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, cover->title);
  if (cover->author != NULL && *cover->author != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, cover->author);
  if (cover->client != NULL && *cover->client != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, cover->client);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Rendement");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);
}

gboolean
rdm_document_write_pdf (const RdmDocument *document,
                        RdmDocumentLayout layout,
                        const char *out,
                        GError **error)
{
  g_autoptr (RdmDocumentPages) pages = NULL;
  PangoContext *context;
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) local_error = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pages = rdm_document_paginate (document, layout, error);
  if (pages == NULL)
    return FALSE;

  surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, pages->geometry->width,
                                                 pages->geometry->height);
  set_metadata (surface, document);
  context = create_context ();
  cr = cairo_create (surface);
  for (guint i = 0; i < pages->pages->len; i++)
    {
      render_page (pages, i, cr, context);
      cairo_show_page (cr);
    }
  g_object_unref (context);
  status = cairo_status (cr);
  cairo_destroy (cr);
  add_outline (surface, pages);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, RDM_DOCUMENT_PDF_ERROR, RDM_DOCUMENT_PDF_ERROR_WRITE,
                   _ ("Could not make the PDF “%s”: %s"), out, cairo_status_to_string (status));
      return FALSE;
    }

  file = g_file_new_for_path (out);
  if (!g_file_replace_contents (file, (const char *)bytes->data, bytes->len, NULL, FALSE,
                                G_FILE_CREATE_NONE, NULL, NULL, &local_error))
    {
      g_set_error (error, RDM_DOCUMENT_PDF_ERROR, RDM_DOCUMENT_PDF_ERROR_WRITE,
                   _ ("Could not write “%s”: %s"), out, local_error->message);
      return FALSE;
    }
  return TRUE;
}
