/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Charts without GTK: every kind written as PNG, SVG and PDF and checked by
 * signature, drawn into a cairo surface in both themes, bad formats, sizes
 * and paths refused with an error and no file, empty charts, the number
 * format, French numbers on charts with unchanged machine files, and
 * exports from two threads at once (PLplot alone crashes on that), and the
 * layout rules on the demo project's numbers: the axis break for
 * outliers, the palette, colours that stay when a series is hidden, scatter
 * labels that never collide, every series and category drawn, the corner
 * left to the view's button, and print-resolution PNGs.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <plplot.h>
#include <string.h>

#include "rdm-chart-render-private.h"
#include "rdm-test-util.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  fixture->dir = rdm_test_make_tmpdir ();
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  rdm_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* One chart of each kind, with UTF-8 text, a '#' (PLplot's escape
 * character), a missing value and a label too long for its slot. */
static RdmChart *
make_chart (RdmChartKind kind)
{
  static const char *const channels[]
      = { "Facebook", "Google Ads #1", "Email", "Affiliate network with a very long name" };
  RdmChart *chart = rdm_chart_new (kind);

  rdm_chart_set_title (chart, "Île-de-France — coût en €");
  rdm_chart_set_axis_labels (chart, "Canal", "Valeur (€)");

  switch (kind)
    {
    case RDM_CHART_KIND_BARS:
    case RDM_CHART_KIND_GROUPED_BARS:
    case RDM_CHART_KIND_STACKED_BARS:
      {
        double a[] = { 120.5, -40, NAN, 300 };
        double b[] = { 100, 20, 95, 310 };
        double low[] = { 90, 10, 80, 280 };
        double high[] = { 110, 30, 110, 330 };
        guint s;

        for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
          rdm_chart_add_category (chart, channels[i]);
        rdm_chart_add_series (chart, "Dernier clic", a, G_N_ELEMENTS (a));
        s = rdm_chart_add_series (chart, "Markov", b, G_N_ELEMENTS (b));
        rdm_chart_set_series_ci (chart, s, low, high, G_N_ELEMENTS (low));
      }
      break;
    case RDM_CHART_KIND_LINES:
      {
        double x[] = { 1, 7, 30, 90 };
        double a[] = { 50, 120, NAN, 210 };
        double low[] = { 40, 100, NAN, 190 };
        double high[] = { 60, 140, NAN, 230 };
        guint s;

        rdm_chart_set_x_values (chart, x, G_N_ELEMENTS (x));
        s = rdm_chart_add_series (chart, "Facebook", a, G_N_ELEMENTS (a));
        rdm_chart_set_series_ci (chart, s, low, high, G_N_ELEMENTS (low));
        rdm_chart_set_series_colour (chart, s, 3);
      }
      break;
    case RDM_CHART_KIND_SCATTER:
      rdm_chart_add_point (chart, 12000, 30000, 500, "Facebook");
      rdm_chart_add_point (chart, 3000, 18000, 300, "Email");
      rdm_chart_add_point (chart, 8000, 6000, 0, NULL);
      rdm_chart_add_point (chart, NAN, 6000, 0, "missing");
      rdm_chart_set_diagonal (chart, TRUE);
      break;
    case RDM_CHART_KIND_HISTOGRAM:
      rdm_chart_add_bucket (chart, "1", 4200);
      rdm_chart_add_bucket (chart, "2–3", 2600);
      rdm_chart_add_bucket (chart, "4+", 900);
      break;
    case RDM_CHART_KIND_HEAT_MAP:
    default:
      {
        double values[] = { 1, 0.25, NAN, 0.4, 1, 0.1 };

        rdm_chart_set_matrix (chart, 2, 3, channels, channels, values);
      }
      break;
    }
  return chart;
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32)p[0] << 24) | ((guint32)p[1] << 16) | ((guint32)p[2] << 8) | p[3];
}

static void
assert_png (const char *path, guint width, guint height)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpuint (length, >, 33);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  /* The first chunk is IHDR: length (4), type (4), width, height. */
  g_assert_cmpmem (data + 12, 4, "IHDR", 4);
  g_assert_cmpuint (read_be32 ((const guint8 *)data + 16), ==, width);
  g_assert_cmpuint (read_be32 ((const guint8 *)data + 20), ==, height);
}

static void
count_start_element (GMarkupParseContext *context,
                     const char *element_name,
                     const char **attribute_names,
                     const char **attribute_values,
                     gpointer user_data,
                     GError **error)
{
  if (strcmp (element_name, "svg") == 0)
    (*(guint *)user_data)++;
}

static void
assert_svg (const char *path)
{
  static const GMarkupParser parser = { .start_element = count_start_element };
  g_autofree char *data = NULL;
  g_autoptr (GError) error = NULL;
  GMarkupParseContext *context;
  guint n_svg = 0;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_nonnull (strstr (data, "<svg"));
  context = g_markup_parse_context_new (&parser, 0, &n_svg, NULL);
  g_assert_true (g_markup_parse_context_parse (context, data, length, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);
  g_assert_cmpuint (n_svg, ==, 1);
}

static void
assert_pdf (const char *path)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpuint (length, >, 100);
  g_assert_true (g_str_has_prefix (data, "%PDF-"));
  /* The trailer ends the file, give or take a newline. */
  g_assert_nonnull (g_strstr_len (data + length - 16, 16, "%%EOF"));
}

static void
test_export_every_kind (Fixture *fixture, gconstpointer user_data)
{
  for (RdmChartKind kind = RDM_CHART_KIND_BARS; kind <= RDM_CHART_KIND_HEAT_MAP; kind++)
    {
      g_autoptr (RdmChart) chart = make_chart (kind);
      g_autoptr (GError) error = NULL;
      g_autofree char *png = g_strdup_printf ("%s/kind-%d.png", fixture->dir, kind);
      g_autofree char *svg = g_strdup_printf ("%s/kind-%d.svg", fixture->dir, kind);
      g_autofree char *pdf = g_strdup_printf ("%s/kind-%d.pdf", fixture->dir, kind);

      g_assert_false (rdm_chart_is_empty (chart));
      g_assert_true (rdm_chart_export (chart, png, RDM_CHART_FORMAT_GUESS, 640, 400, &error));
      g_assert_no_error (error);
      assert_png (png, 640, 400);
      g_assert_true (rdm_chart_export (chart, svg, RDM_CHART_FORMAT_GUESS, 640, 400, &error));
      g_assert_no_error (error);
      assert_svg (svg);
      g_assert_true (rdm_chart_export (chart, pdf, RDM_CHART_FORMAT_GUESS, 640, 400, &error));
      g_assert_no_error (error);
      assert_pdf (pdf);
    }
}

static void
test_export_format (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmChart) chart = make_chart (RDM_CHART_KIND_BARS);
  g_autoptr (GError) error = NULL;
  g_autofree char *upper = g_build_filename (fixture->dir, "chart.PNG", NULL);
  g_autofree char *data = g_build_filename (fixture->dir, "chart.dat", NULL);
  g_autofree char *text = g_build_filename (fixture->dir, "chart.txt", NULL);
  g_autofree char *bare = g_build_filename (fixture->dir, "chart", NULL);
  g_autofree char *dotted_dir = g_build_filename (fixture->dir, "v1.png", "chart", NULL);
  RdmChartFormat format = RDM_CHART_FORMAT_GUESS;

  /* Extensions in any case. */
  g_assert_true (rdm_chart_export (chart, upper, RDM_CHART_FORMAT_GUESS, 300, 200, &error));
  g_assert_no_error (error);
  assert_png (upper, 300, 200);

  /* An explicit format wins over the extension. */
  g_assert_true (rdm_chart_export (chart, data, RDM_CHART_FORMAT_SVG, 300, 200, &error));
  g_assert_no_error (error);
  assert_svg (data);

  g_assert_false (rdm_chart_export (chart, text, RDM_CHART_FORMAT_GUESS, 300, 200, &error));
  g_assert_error (error, RDM_CHART_ERROR, RDM_CHART_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, text));
  g_assert_nonnull (strstr (error->message, "expected .png, .svg or .pdf"));
  g_assert_false (g_file_test (text, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (rdm_chart_export (chart, bare, RDM_CHART_FORMAT_GUESS, 300, 200, &error));
  g_assert_error (error, RDM_CHART_ERROR, RDM_CHART_ERROR_FORMAT);
  g_assert_false (g_file_test (bare, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* A dot in a directory name is not an extension. */
  g_assert_false (rdm_chart_format_from_path (dotted_dir, &format, &error));
  g_assert_error (error, RDM_CHART_ERROR, RDM_CHART_ERROR_FORMAT);
  g_clear_error (&error);

  g_assert_false (rdm_chart_export (chart, data, (RdmChartFormat)42, 300, 200, &error));
  g_assert_error (error, RDM_CHART_ERROR, RDM_CHART_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "unknown format 42"));
  g_clear_error (&error);

  g_assert_true (rdm_chart_format_from_path ("a/b.Pdf", &format, &error));
  g_assert_cmpint (format, ==, RDM_CHART_FORMAT_PDF);
  g_assert_cmpstr (rdm_chart_format_get_extension (RDM_CHART_FORMAT_SVG), ==, "svg");
  g_assert_null (rdm_chart_format_get_extension (RDM_CHART_FORMAT_GUESS));
}

static void
test_export_refused (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmChart) chart = make_chart (RDM_CHART_KIND_HISTOGRAM);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "chart.png", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-dir", "chart.png", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_false (rdm_chart_export (chart, path, RDM_CHART_FORMAT_PNG, 10, 200, &error));
  g_assert_error (error, RDM_CHART_ERROR, RDM_CHART_ERROR_SIZE);
  g_assert_cmpstr (error->message, ==,
                   "Cannot export a chart of 10 × 200: each side must be between 64 and 16384");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (rdm_chart_export (chart, path, RDM_CHART_FORMAT_PNG, 200, 20000, &error));
  g_assert_error (error, RDM_CHART_ERROR, RDM_CHART_ERROR_SIZE);
  g_clear_error (&error);

  /* PLplot would prompt on stdin for another name: we get an error. */
  g_assert_false (rdm_chart_export (chart, missing, RDM_CHART_FORMAT_GUESS, 200, 200, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "no-such-dir"));
  g_clear_error (&error);

  /* An existing file is replaced by the new picture. */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_true (rdm_chart_export (chart, path, RDM_CHART_FORMAT_GUESS, 200, 100, &error));
  g_assert_no_error (error);
  assert_png (path, 200, 100);
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  g_assert_true (rdm_chart_export (chart, path, RDM_CHART_FORMAT_GUESS, 200, 100, &error));
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  /* Same chart, same bytes: drawing is deterministic. */
  g_assert_cmpstr (before, ==, after);
}

static void
test_export_pdf_pages (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmChart) bars = make_chart (RDM_CHART_KIND_BARS);
  g_autoptr (RdmChart) heat = make_chart (RDM_CHART_KIND_HEAT_MAP);
  g_autoptr (RdmChart) empty = rdm_chart_new (RDM_CHART_KIND_LINES);
  const RdmChart *charts[] = { bars, empty, heat };
  g_autofree char *path = g_build_filename (fixture->dir, "report.pdf", NULL);
  g_autofree char *data = NULL;
  gsize length = 0;
  g_autoptr (GError) error = NULL;
  /* PDF is binary: raw bytes, not UTF-8. */
  g_autoptr (GRegex) page = g_regex_new ("/Type\\s*/Page[^s]", G_REGEX_RAW, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  guint n_pages = 0;

  g_assert_true (
      rdm_chart_export_pdf_pages (charts, G_N_ELEMENTS (charts), path, 595, 842, &error));
  g_assert_no_error (error);
  assert_pdf (path);
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  /* One page object per chart, the empty one included. */
  for (g_regex_match_full (page, data, length, 0, 0, &match, NULL); g_match_info_matches (match);
       g_match_info_next (match, NULL))
    n_pages++;
  g_assert_cmpuint (n_pages, ==, 3);

  g_assert_false (rdm_chart_export_pdf_pages (charts, 0, path, 595, 842, &error));
  g_assert_error (error, RDM_CHART_ERROR, RDM_CHART_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_false (rdm_chart_export_pdf_pages (charts, 1, path, 595, 0, &error));
  g_assert_error (error, RDM_CHART_ERROR, RDM_CHART_ERROR_SIZE);
}

/* Decision: an empty chart is an error for files (a blank picture in a
 * report helps nobody and the command line must say so) and a "No data to
 * draw" message on screen. */
static void
test_empty (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmChart) empty = rdm_chart_new (RDM_CHART_KIND_GROUPED_BARS);
  g_autoptr (RdmChart) untitled = rdm_chart_new (RDM_CHART_KIND_SCATTER);
  g_autoptr (RdmChart) all_nan = rdm_chart_new (RDM_CHART_KIND_LINES);
  g_autoptr (RdmChart) empty_map = rdm_chart_new (RDM_CHART_KIND_HEAT_MAP);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "empty.pdf", NULL);
  double nans[] = { NAN, NAN };

  rdm_chart_set_title (empty, "ROI");
  rdm_chart_add_category (empty, "Facebook");
  g_assert_true (rdm_chart_is_empty (empty));
  g_assert_false (rdm_chart_export (empty, path, RDM_CHART_FORMAT_GUESS, 300, 200, &error));
  g_assert_error (error, RDM_CHART_ERROR, RDM_CHART_ERROR_EMPTY);
  g_assert_cmpstr (error->message, ==, "Nothing to draw: the chart “ROI” has no data");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (rdm_chart_export (untitled, path, RDM_CHART_FORMAT_GUESS, 300, 200, &error));
  g_assert_error (error, RDM_CHART_ERROR, RDM_CHART_ERROR_EMPTY);
  g_assert_cmpstr (error->message, ==, "Nothing to draw: the chart has no data");
  g_clear_error (&error);

  rdm_chart_add_category (all_nan, "Jan");
  rdm_chart_add_category (all_nan, "Feb");
  rdm_chart_add_series (all_nan, "KPI", nans, G_N_ELEMENTS (nans));
  g_assert_true (rdm_chart_is_empty (all_nan));
  g_assert_true (rdm_chart_is_empty (empty_map));
  rdm_chart_set_matrix (empty_map, 1, 1, (const char *const[]){ "a" }, (const char *const[]){ "b" },
                        nans);
  g_assert_true (rdm_chart_is_empty (empty_map));
}

/* Pixels that differ from the painted background. */
static guint
count_drawn_pixels (cairo_surface_t *surface, guint32 background)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint n = 0;

  cairo_surface_flush (surface);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      if ((((const guint32 *)(data + y * stride))[x] & 0xffffff) != background)
        n++;
  return n;
}

static guint
render_to_surface (const RdmChart *chart, gboolean dark, int width, int height)
{
  guint32 background = dark ? 0x1e1e1e : 0xffffff;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  guint n;

  cairo_set_source_rgb (cr, ((background >> 16) & 0xff) / 255.0, ((background >> 8) & 0xff) / 255.0,
                        (background & 0xff) / 255.0);
  cairo_paint (cr);
  rdm_chart_render_cairo (chart, cr, width, height, dark);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  n = count_drawn_pixels (surface, background);
  cairo_surface_destroy (surface);
  return n;
}

static void
test_render_cairo (void)
{
  PLINT before = -1;
  PLINT after = -2;
  g_autoptr (RdmChart) empty = rdm_chart_new (RDM_CHART_KIND_BARS);
  guint empty_pixels;

  plgstrm (&before);
  for (RdmChartKind kind = RDM_CHART_KIND_BARS; kind <= RDM_CHART_KIND_HEAT_MAP; kind++)
    {
      g_autoptr (RdmChart) chart = make_chart (kind);

      for (int dark = 0; dark <= 1; dark++)
        {
          /* A chart covers more than a few percent of its area: at least
           * 2% of 400 × 300 = 2400 pixels. Tiny sizes draw nothing and
           * must not fail. */
          g_assert_cmpuint (render_to_surface (chart, dark, 400, 300), >, 2400);
          g_assert_cmpuint (render_to_surface (chart, dark, 120, 80), >, 0);
          g_assert_cmpuint (render_to_surface (chart, dark, 10, 10), ==, 0);
        }
    }

  /* The empty chart shows its message: some ink, far less than a chart. */
  empty_pixels = render_to_surface (empty, FALSE, 400, 300);
  g_assert_cmpuint (empty_pixels, >, 50);
  g_assert_cmpuint (empty_pixels, <, 2400);

  /* The caller's current PLplot stream is left as it was. */
  plgstrm (&after);
  g_assert_cmpint (after, ==, before);
}

static GArray *
render_hits (const RdmChart *chart, int width, int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  GArray *hits = rdm_chart_render_cairo_with_hits (chart, cr, width, height, FALSE);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  for (guint i = 0; i < hits->len; i++)
    {
      const RdmChartHit *hit = &g_array_index (hits, RdmChartHit, i);

      g_assert_cmpfloat (hit->x, >=, 0);
      g_assert_cmpfloat (hit->y, >=, 0);
      g_assert_cmpfloat (hit->x + hit->width, <=, width);
      g_assert_cmpfloat (hit->y + hit->height, <=, height);
    }
  return hits;
}

static const RdmChartHit *
find_hit (GArray *hits, const char *text)
{
  for (guint i = 0; i < hits->len; i++)
    if (g_strcmp0 (g_array_index (hits, RdmChartHit, i).text, text) == 0)
      return &g_array_index (hits, RdmChartHit, i);
  return NULL;
}

/* Every drawn item can be found under the pointer with its exact value. */
static void
test_render_hits (void)
{
  g_autoptr (RdmChart) grouped = make_chart (RDM_CHART_KIND_GROUPED_BARS);
  g_autoptr (RdmChart) heat = make_chart (RDM_CHART_KIND_HEAT_MAP);
  g_autoptr (RdmChart) scatter = make_chart (RDM_CHART_KIND_SCATTER);
  g_autoptr (RdmChart) lines = make_chart (RDM_CHART_KIND_LINES);
  g_autoptr (GArray) bars = render_hits (grouped, 640, 400);
  g_autoptr (GArray) cells = render_hits (heat, 640, 400);
  g_autoptr (GArray) points = render_hits (scatter, 640, 400);
  g_autoptr (GArray) line_points = render_hits (lines, 640, 400);
  const RdmChartHit *hit;

  /* 4 + 4 values, one of them NAN. */
  g_assert_cmpuint (bars->len, ==, 7);
  hit = find_hit (bars, "Facebook — Markov: 100 (90 to 110)");
  g_assert_nonnull (hit);
  g_assert_true (rdm_chart_hits_lookup (bars, hit->x + hit->width / 2, hit->y + hit->height / 2)
                 == hit);
  g_assert_nonnull (find_hit (bars, "Facebook — Dernier clic: 120.50"));
  g_assert_nonnull (find_hit (bars, "Google Ads #1 — Dernier clic: \u221240"));
  g_assert_null (rdm_chart_hits_lookup (bars, 1, 1));

  /* 2 × 3 cells, one NAN. */
  g_assert_cmpuint (cells->len, ==, 5);
  g_assert_nonnull (find_hit (cells, "Facebook × Google Ads #1: 0.25"));

  /* The point with no coordinates is not drawn. */
  g_assert_cmpuint (points->len, ==, 3);
  g_assert_nonnull (find_hit (points, "Email\nCanal: 3000\nValeur (€): 18000"));
  g_assert_nonnull (find_hit (points, "Canal: 8000\nValeur (€): 6000"));

  /* Numeric x: the window is named by its value. */
  g_assert_cmpuint (line_points->len, ==, 3);
  g_assert_nonnull (find_hit (line_points, "7 — Facebook: 120 (100 to 140)"));
}

/* A value from a small set of awkward ones, or an ordinary one. */
static double
awkward_value (GRand *rand)
{
  static const double special[]
      = { 0, 1e12, -1e12, 1e-9, NAN, INFINITY, -INFINITY, G_MAXDOUBLE / 2, -G_MAXDOUBLE / 2, 5 };

  if (g_rand_int_range (rand, 0, 3) == 0)
    return special[g_rand_int_range (rand, 0, G_N_ELEMENTS (special))];
  return g_rand_double_range (rand, -1000, 1000);
}

/* Seeded random charts with awkward values, shapes and page sizes: every
 * one must draw and return (tick labels wider than the page once made the
 * label loop spin forever). */
static void
test_render_odd_data (void)
{
  static const char *const labels[]
      = { "a", "Some quite long category label", "c", "d", "e", "f", "g", "h" };
  g_autoptr (GRand) rand = g_rand_new_with_seed (20260401);
  g_autoptr (RdmChart) wide = rdm_chart_new (RDM_CHART_KIND_GROUPED_BARS);
  double huge[] = { 1.5e12, -2.5e12 };

  rdm_chart_set_axis_labels (wide, NULL, "Value");
  rdm_chart_add_category (wide, "a");
  rdm_chart_add_category (wide, "b");
  rdm_chart_add_series (wide, "s", huge, G_N_ELEMENTS (huge));
  render_to_surface (wide, FALSE, 110, 300);

  for (guint iteration = 0; iteration < 200; iteration++)
    {
      RdmChartKind kind = (RdmChartKind)g_rand_int_range (rand, 0, RDM_CHART_KIND_HEAT_MAP + 1);
      g_autoptr (RdmChart) chart = rdm_chart_new (kind);
      guint n = g_rand_int_range (rand, 1, G_N_ELEMENTS (labels) + 1);
      guint n_series = g_rand_int_range (rand, 1, 4);
      double values[G_N_ELEMENTS (labels) * 3];
      double low[G_N_ELEMENTS (labels)];
      double high[G_N_ELEMENTS (labels)];

      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        values[i] = awkward_value (rand);
      for (guint i = 0; i < G_N_ELEMENTS (low); i++)
        {
          low[i] = awkward_value (rand);
          high[i] = awkward_value (rand);
        }
      if (kind == RDM_CHART_KIND_SCATTER)
        {
          for (guint i = 0; i < n; i++)
            rdm_chart_add_point (chart, values[i], values[i + n], values[i + 2 * n], labels[i]);
          rdm_chart_set_diagonal (chart, g_rand_boolean (rand));
        }
      else if (kind == RDM_CHART_KIND_HISTOGRAM)
        for (guint i = 0; i < n; i++)
          rdm_chart_add_bucket (chart, labels[i], values[i]);
      else if (kind == RDM_CHART_KIND_HEAT_MAP)
        rdm_chart_set_matrix (chart, n_series, n, labels, labels, values);
      else
        {
          if (kind == RDM_CHART_KIND_LINES && g_rand_boolean (rand))
            rdm_chart_set_x_values (chart, values, n);
          else
            for (guint i = 0; i < n; i++)
              rdm_chart_add_category (chart, labels[i]);
          for (guint s = 0; s < n_series; s++)
            {
              guint id = rdm_chart_add_series (chart, labels[s], values + s * n, n);

              if (g_rand_boolean (rand))
                rdm_chart_set_series_ci (chart, id, low, high, n);
            }
        }
      render_to_surface (chart, g_rand_boolean (rand), g_rand_int_range (rand, 16, 900),
                         g_rand_int_range (rand, 16, 700));
    }
}

static void
test_format_number (void)
{
  /* The test environment runs under LC_ALL=C.UTF-8: a point, no grouping. */
  g_autofree char *a = rdm_chart_format_number (1234.5, 1);
  g_autofree char *b = rdm_chart_format_number (-0.349, 2);
  g_autofree char *c = rdm_chart_format_number (-0.001, 2);
  g_autofree char *d = rdm_chart_format_number (2.5, 0);
  g_autofree char *e = rdm_chart_format_number (1e6, 0);

  g_assert_cmpstr (a, ==, "1234.5");
  g_assert_cmpstr (b, ==, "\u22120.35");
  /* Rounds to zero: no minus sign. */
  g_assert_cmpstr (c, ==, "0.00");
  /* printf rounding, half to even: 2.5 → "2". */
  g_assert_cmpstr (d, ==, "2");
  g_assert_cmpstr (e, ==, "1000000");
}

/* The exported SVG of @chart, under the current locale, with cairo's
 * surface ids (a process-wide counter) taken out. */
static char *
export_svg (const RdmChart *chart, const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GRegex) surface_id = g_regex_new ("id=\"surface[0-9]+\"", 0, 0, NULL);
  g_autofree char *data = NULL;

  g_assert_true (rdm_chart_export (chart, path, RDM_CHART_FORMAT_SVG, 500, 300, &error));
  g_assert_no_error (error);
  assert_svg (path);
  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  return g_regex_replace_literal (surface_id, data, -1, 0, "id=\"surface\"", 0, NULL);
}

/* Runs in a subprocess, since it changes the environment and the locale.
 * The parent builds the locale: a child that skipped would exit 77, which
 * g_test_trap_assert_passed() takes for a failure. */
static void
test_french_locale (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *svg_c = NULL;
  g_autofree char *svg_fr = NULL;
  g_autofree char *number = NULL;
  g_autofree char *big = NULL;
  g_autoptr (RdmChart) integers = rdm_chart_new (RDM_CHART_KIND_BARS);
  g_autoptr (GError) error = NULL;
  double values[] = { 3, 5, -2 };
  char printed[16];

  if (!g_test_subprocess ())
    {
      g_autofree char *locale_dir = rdm_test_make_tmpdir ();

      /* A French locale of our own, without touching the system. */
      rdm_test_build_locale (locale_dir, "fr_FR");
      g_setenv ("LOCPATH", locale_dir, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_unsetenv ("LOCPATH");
      rdm_test_remove_tree (locale_dir);
      g_test_trap_assert_passed ();
      return;
    }

  dir = rdm_test_make_tmpdir ();
  rdm_chart_add_category (integers, "a");
  rdm_chart_add_category (integers, "b");
  rdm_chart_add_category (integers, "c");
  rdm_chart_add_series (integers, "n", values, G_N_ELEMENTS (values));
  svg_c = export_svg (integers, dir, "c.svg");

  g_setenv ("LC_ALL", "fr_FR.UTF-8", TRUE);
  g_assert_nonnull (setlocale (LC_ALL, ""));
  /* The whole process is French now, printf included. */
  g_snprintf (printed, sizeof printed, "%.1f", 2.5);
  g_assert_cmpstr (printed, ==, "2,5");

  /* Charts use the comma, and the narrow no-break space between thousands
   * (glibc's fr_FR). */
  number = rdm_chart_format_number (0.5, 1);
  g_assert_cmpstr (number, ==, "0,5");
  big = rdm_chart_format_number (-1234567.25, 2);
  g_assert_cmpstr (big, ==, "\u22121\u202f234\u202f567,25");

  /* With integer ticks and labels the pictures are the same, so the files
   * must be byte for byte the same: nothing in the file format follows the
   * locale. */
  svg_fr = export_svg (integers, dir, "fr.svg");
  g_assert_cmpstr (svg_fr, ==, svg_c);
  for (RdmChartKind kind = RDM_CHART_KIND_BARS; kind <= RDM_CHART_KIND_HEAT_MAP; kind++)
    {
      g_autoptr (RdmChart) chart = make_chart (kind);
      g_autofree char *png = g_build_filename (dir, "fr.png", NULL);
      g_autofree char *pdf = g_build_filename (dir, "fr.pdf", NULL);
      g_autofree char *svg = export_svg (chart, dir, "fr-kind.svg");

      g_assert_true (rdm_chart_export (chart, png, RDM_CHART_FORMAT_GUESS, 320, 200, &error));
      g_assert_no_error (error);
      assert_png (png, 320, 200);
      g_assert_true (rdm_chart_export (chart, pdf, RDM_CHART_FORMAT_GUESS, 320, 200, &error));
      g_assert_no_error (error);
      assert_pdf (pdf);
    }
  rdm_test_remove_tree (dir);
}

typedef struct
{
  const char *dir;
  guint index;
} ThreadData;

static gpointer
export_many (gpointer user_data)
{
  ThreadData *data = user_data;

  for (guint i = 0; i < 6; i++)
    {
      g_autoptr (RdmChart) chart = make_chart ((RdmChartKind)(i % 7));
      g_autofree char *name = g_strdup_printf ("t%u-%u.%s", data->index, i, i % 2 ? "svg" : "png");
      g_autofree char *path = g_build_filename (data->dir, name, NULL);
      g_autoptr (GError) error = NULL;

      g_assert_true (rdm_chart_export (chart, path, RDM_CHART_FORMAT_GUESS, 300, 200, &error));
      g_assert_no_error (error);
    }
  return NULL;
}

static void
test_threads (Fixture *fixture, gconstpointer user_data)
{
  ThreadData data[2] = { { fixture->dir, 0 }, { fixture->dir, 1 } };
  GThread *threads[2];

  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    threads[t] = g_thread_new ("export", export_many, &data[t]);
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    g_thread_join (threads[t]);

  for (guint t = 0; t < 2; t++)
    for (guint i = 0; i < 6; i++)
      {
        g_autofree char *name = g_strdup_printf ("t%u-%u.%s", t, i, i % 2 ? "svg" : "png");
        g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

        if (i % 2)
          assert_svg (path);
        else
          assert_png (path, 300, 200);
      }
}

/* The demo project's channels in its latest quarter (linear model): cost,
 * attributed value plus savings, conversions, ROI in percent. */
typedef struct
{
  const char *name;
  double cost;
  double value;
  double conversions;
  double roi;
} DemoChannel;

static const DemoChannel demo_channels[] = {
  { "Affiliates", 1026.49, 8969.26, 115.3, 773.78 },
  { "Blog", 8370.54, 16284.92, 149.5, 94.55 },
  { "Display", 21381.44, 21706.56, 277.0, 1.52 },
  { "Email", 5400, 16446.04, 163.6, 204.56 },
  { "Facebook", 11680.33, 8540.05, 119.6, -26.89 },
  { "Instagram", 11893.64, 9648.65, 130.6, -18.88 },
  { "LinkedIn", 17615.55, 7025.13, 59.6, -60.12 },
  { "Organic Search", 540, 20017.29, 289.5, 3606.91 },
  { "Paid Search", 9605.67, 17366.96, 241.4, 80.80 },
  { "X", 2093.75, 2393.17, 30.3, 14.30 },
  { "YouTube", 12029.44, 5760.75, 84.1, -52.11 },
};

/* The sizes the charts have in the window (the ROI page's half-width
 * charts), a wide window, and the default PNG export. */
static const int layout_sizes[][2] = { { 557, 300 }, { 900, 420 }, { 1600, 900 } };

static RdmChart *
demo_roi_chart (void)
{
  RdmChart *chart = rdm_chart_new (RDM_CHART_KIND_BARS);
  double values[G_N_ELEMENTS (demo_channels)];

  rdm_chart_set_title (chart, "ROI");
  rdm_chart_set_axis_labels (chart, "Channel", "ROI (%)");
  for (guint i = 0; i < G_N_ELEMENTS (demo_channels); i++)
    {
      rdm_chart_add_category (chart, demo_channels[i].name);
      values[i] = demo_channels[i].roi;
    }
  rdm_chart_add_series (chart, "ROI", values, G_N_ELEMENTS (values));
  return chart;
}

static gboolean
boxes_overlap (const RdmChartItem *a, const RdmChartItem *b)
{
  return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

static const RdmChartItem *
find_item (GArray *items, RdmChartItemRole role, const char *text)
{
  for (guint i = 0; i < items->len; i++)
    {
      const RdmChartItem *item = &g_array_index (items, RdmChartItem, i);

      if (item->role == role && g_strcmp0 (item->text, text) == 0)
        return item;
    }
  return NULL;
}

static guint
count_items (GArray *items, RdmChartItemRole role)
{
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    n += g_array_index (items, RdmChartItem, i).role == role;
  return n;
}

/* Hand-checked cases of the outlier rule (ratio 3, at most a quarter of
 * the values out, at least three values). */
static void
test_axis_break_rule (void)
{
  double roi[G_N_ELEMENTS (demo_channels)];
  /* Two outliers of eight: 900 > 3 × 50 once 1000 is out, and a quarter
   * of eight is two. */
  double two_out[] = { 1000, 900, 50, 40, 30, 20, 10, 5 };
  /* Three of eight would be needed: more than a quarter, so no break. */
  double three_out[] = { 1000, 900, 800, 50, 40, 30, 20, 10 };
  double even[] = { 100, 90, 80, 10 };
  double boundary[] = { 300, 100, 0, 0 }; /* exactly 3×: not more */
  double just_over[] = { 301, 100, 0, 0 };
  double negative[] = { -5000, 100, 200, 50 };
  double pair[] = { 500, 10 };
  double zeros[] = { 10, 0, 0, 0 };
  double with_nan[] = { 4000, NAN, 100, NAN, 50 };
  double lo = 42, hi = 42;

  for (guint i = 0; i < G_N_ELEMENTS (demo_channels); i++)
    roi[i] = demo_channels[i].roi;
  /* The demo: Organic Search at 3607 % is 4.7 times Affiliates' 774 %. */
  g_assert_true (_rdm_chart_axis_break (roi, G_N_ELEMENTS (roi), &lo, &hi));
  g_assert_cmpfloat (lo, ==, -60.12);
  g_assert_cmpfloat (hi, ==, 773.78);

  g_assert_true (_rdm_chart_axis_break (two_out, G_N_ELEMENTS (two_out), &lo, &hi));
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, ==, 50);
  g_assert_false (_rdm_chart_axis_break (three_out, G_N_ELEMENTS (three_out), &lo, &hi));
  g_assert_false (_rdm_chart_axis_break (even, G_N_ELEMENTS (even), &lo, &hi));
  g_assert_false (_rdm_chart_axis_break (boundary, G_N_ELEMENTS (boundary), &lo, &hi));
  g_assert_true (_rdm_chart_axis_break (just_over, G_N_ELEMENTS (just_over), &lo, &hi));
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, ==, 100);
  /* A negative outlier is cut below; the range still holds zero. */
  g_assert_true (_rdm_chart_axis_break (negative, G_N_ELEMENTS (negative), &lo, &hi));
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, ==, 200);
  g_assert_false (_rdm_chart_axis_break (pair, G_N_ELEMENTS (pair), &lo, &hi));
  /* Nothing else to flatten. */
  g_assert_false (_rdm_chart_axis_break (zeros, G_N_ELEMENTS (zeros), &lo, &hi));
  g_assert_true (_rdm_chart_axis_break (with_nan, G_N_ELEMENTS (with_nan), &lo, &hi));
  g_assert_cmpfloat (hi, ==, 100);
}

/* The demo's ROI chart: Organic Search's bar is cut and says 3607, the
 * other bars keep their proportions and are not flattened. */
static void
test_axis_break_drawn (void)
{
  g_autoptr (RdmChart) chart = demo_roi_chart ();

  for (guint k = 0; k < G_N_ELEMENTS (layout_sizes); k++)
    {
      int width = layout_sizes[k][0];
      int height = layout_sizes[k][1];
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
      cairo_t *cr = cairo_create (surface);
      g_autoptr (GArray) hits = rdm_chart_render_cairo_with_hits (chart, cr, width, height, FALSE);
      g_autoptr (GArray) items = _rdm_chart_layout (chart, width, height, 0, 0);
      const RdmChartHit *organic = find_hit (hits, "Organic Search: 3606.91");
      const RdmChartHit *affiliates = find_hit (hits, "Affiliates: 773.78");
      const RdmChartHit *email = find_hit (hits, "Email: 204.56");
      const RdmChartItem *label = find_item (items, RDM_CHART_ITEM_VALUE, "3607");

      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      g_assert_nonnull (organic);
      g_assert_nonnull (affiliates);
      g_assert_nonnull (email);
      /* The outlier is still the tallest bar... */
      g_assert_cmpfloat (organic->height, >, affiliates->height);
      /* ...but Affiliates is more than half its height, where to scale it
       * would be 21 %, */
      g_assert_cmpfloat (affiliates->height, >, organic->height * 0.5);
      /* and the bars shown to scale keep their ratio (774 / 205). */
      g_assert_cmpfloat (fabs (affiliates->height / email->height - 773.78 / 204.56), <, 0.05);
      /* The true value is written on the clipped bar, above it. */
      g_assert_nonnull (label);
      g_assert_cmpfloat (label->y1, <=, organic->y + 1);
      g_assert_cmpfloat (fabs ((label->x0 + label->x1) / 2 - (organic->x + organic->width / 2)), <,
                         1);
      /* No tick label claims a value past the break (a little above
       * 774), and the ticks reach the bars shown to scale. */
      {
        double top_tick = -G_MAXDOUBLE;

        for (guint i = 0; i < items->len; i++)
          {
            const RdmChartItem *item = &g_array_index (items, RdmChartItem, i);

            /* Negative ticks start with U+2212, which strtod skips. */
            if (item->role == RDM_CHART_ITEM_TICK && g_ascii_isdigit (item->text[0]))
              top_tick = MAX (top_tick, g_ascii_strtod (item->text, NULL));
          }
        g_assert_cmpfloat (top_tick, >=, 500);
        g_assert_cmpfloat (top_tick, <, 900);
      }
      /* Every channel is labelled. */
      for (guint i = 0; i < G_N_ELEMENTS (demo_channels); i++)
        g_assert_nonnull (find_item (items, RDM_CHART_ITEM_CATEGORY, demo_channels[i].name));
    }
}

/* Sixty campaigns, one far ahead: bars too narrow for its value written
 * flat, so it is written upwards, but written. */
static void
test_axis_break_narrow (void)
{
  g_autoptr (RdmChart) chart = rdm_chart_new (RDM_CHART_KIND_BARS);
  g_autoptr (GArray) items = NULL;
  double values[60];

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *name = g_strdup_printf ("Campaign %u", i);

      rdm_chart_add_category (chart, name);
      values[i] = i == 30 ? 123456 : 10 + i;
    }
  rdm_chart_add_series (chart, "ROI", values, G_N_ELEMENTS (values));
  items = _rdm_chart_layout (chart, 557, 300, 0, 0);
  {
    const RdmChartItem *label = find_item (items, RDM_CHART_ITEM_VALUE, "123456");

    g_assert_nonnull (label);
    /* Upwards: taller than wide. */
    g_assert_cmpfloat (label->y1 - label->y0, >, label->x1 - label->x0);
  }
}

/* ROI under each model, as on the demo's ROI page: Organic Search is far
 * above the rest under every model (2750 % to 3900 %, next best 1000 %),
 * so its six bars are cut, each with its value, and the others are drawn
 * to a scale that shows them. */
static void
test_axis_break_grouped (void)
{
  static const char *const channels[] = { "Affiliates", "Blog", "Email", "Organic Search", "X" };
  static const double roi[][G_N_ELEMENTS (channels)] = {
    { 774, 95, 205, 3607, 14 }, { 1000, 80, 480, 3900, -20 }, { 700, 110, 150, 3800, 30 },
    { 800, 90, 260, 3700, 10 }, { 780, 85, 270, 3300, 12 },   { 600, 70, 180, 2750, 5 },
  };
  g_autoptr (RdmChart) chart = rdm_chart_new (RDM_CHART_KIND_GROUPED_BARS);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 557, 300);
  cairo_t *cr = cairo_create (surface);
  g_autoptr (GArray) hits = NULL;
  g_autoptr (GArray) items = NULL;
  const RdmChartHit *organic;
  const RdmChartHit *affiliates;

  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    rdm_chart_add_category (chart, channels[i]);
  for (guint m = 0; m < G_N_ELEMENTS (roi); m++)
    {
      g_autofree char *name = g_strdup_printf ("Model %u", m);

      rdm_chart_add_series (chart, name, roi[m], G_N_ELEMENTS (channels));
    }
  hits = rdm_chart_render_cairo_with_hits (chart, cr, 557, 300, FALSE);
  items = _rdm_chart_layout (chart, 557, 300, 0, 0);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  organic = find_hit (hits, "Organic Search — Model 5: 2750");
  affiliates = find_hit (hits, "Affiliates — Model 1: 1000");
  g_assert_nonnull (organic);
  g_assert_nonnull (affiliates);
  g_assert_cmpfloat (affiliates->height, >, organic->height * 0.5);
  for (guint m = 0; m < G_N_ELEMENTS (roi); m++)
    {
      g_autofree char *value = g_strdup_printf ("%.0f", roi[m][3]);

      g_assert_nonnull (find_item (items, RDM_CHART_ITEM_VALUE, value));
    }
  /* Values of neighbouring cut bars do not run into each other. */
  for (guint i = 0; i < items->len; i++)
    for (guint j = i + 1; j < items->len; j++)
      {
        const RdmChartItem *a = &g_array_index (items, RdmChartItem, i);
        const RdmChartItem *b = &g_array_index (items, RdmChartItem, j);

        if (a->role == RDM_CHART_ITEM_VALUE && b->role == RDM_CHART_ITEM_VALUE)
          g_assert_false (boxes_overlap (a, b));
      }
}

/* CIELAB of an sRGB colour (D65). */
static void
to_lab (const guint8 rgb[3], double lab[3])
{
  double lin[3];
  double xyz[3];
  double f[3];

  for (guint c = 0; c < 3; c++)
    {
      double v = rgb[c] / 255.0;

      lin[c] = v <= 0.04045 ? v / 12.92 : pow ((v + 0.055) / 1.055, 2.4);
    }
  xyz[0] = (0.4124 * lin[0] + 0.3576 * lin[1] + 0.1805 * lin[2]) / 0.95047;
  xyz[1] = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
  xyz[2] = (0.0193 * lin[0] + 0.1192 * lin[1] + 0.9505 * lin[2]) / 1.08883;
  for (guint c = 0; c < 3; c++)
    f[c] = xyz[c] > 0.008856 ? cbrt (xyz[c]) : 7.787 * xyz[c] + 16.0 / 116;
  lab[0] = 116 * f[1] - 16;
  lab[1] = 500 * (f[0] - f[1]);
  lab[2] = 200 * (f[1] - f[2]);
}

/* At least 16 colours, every pair clearly apart, in both themes; the
 * palette wraps around. */
static void
test_palette (void)
{
  g_assert_cmpuint (RDM_CHART_PALETTE_SIZE, >=, 16);
  for (int dark = 0; dark <= 1; dark++)
    {
      double min_distance = G_MAXDOUBLE;
      guint8 first[3], wrapped[3];

      for (guint i = 0; i < RDM_CHART_PALETTE_SIZE; i++)
        for (guint j = i + 1; j < RDM_CHART_PALETTE_SIZE; j++)
          {
            guint8 a[3], b[3];
            double la[3], lb[3];

            rdm_chart_palette_colour (dark, i, a);
            rdm_chart_palette_colour (dark, j, b);
            to_lab (a, la);
            to_lab (b, lb);
            min_distance = MIN (min_distance, sqrt ((la[0] - lb[0]) * (la[0] - lb[0])
                                                    + (la[1] - lb[1]) * (la[1] - lb[1])
                                                    + (la[2] - lb[2]) * (la[2] - lb[2])));
          }
      /* Measured: 16.6 (light) and 16.1 (dark). */
      g_assert_cmpfloat (min_distance, >=, 15);
      rdm_chart_palette_colour (dark, 0, first);
      rdm_chart_palette_colour (dark, RDM_CHART_PALETTE_SIZE, wrapped);
      g_assert_cmpmem (first, 3, wrapped, 3);
    }
}

static guint32
pixel_at (cairo_surface_t *surface, double x, double y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  cairo_surface_flush (surface);
  return ((const guint32 *)(data + (int)y * stride))[(int)x] & 0xffffff;
}

static guint32
palette_pixel (guint index)
{
  guint8 rgb[3];

  rdm_chart_palette_colour (FALSE, index, rgb);
  return (guint32)rgb[0] << 16 | (guint32)rgb[1] << 8 | rgb[2];
}

/* The colour drawn at the middle of the hit whose text is @text. */
static guint32
drawn_colour (const RdmChart *chart, const char *text)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 640, 400);
  cairo_t *cr = cairo_create (surface);
  g_autoptr (GArray) hits = rdm_chart_render_cairo_with_hits (chart, cr, 640, 400, FALSE);
  const RdmChartHit *hit = find_hit (hits, text);
  guint32 colour;

  g_assert_nonnull (hit);
  colour = pixel_at (surface, hit->x + hit->width / 2, hit->y + hit->height / 2);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return colour;
}

/* Cost by category with "Fees" unticked: "Agency" keeps the colour it had
 * with all three shown, because its colour is its index among all the
 * categories, as the ROI page sets it. */
static RdmChart *
cost_chart (gboolean with_fees)
{
  static const char *const categories[] = { "Media", "Fees", "Agency" };
  static const double costs[][2] = { { 100, 80 }, { 30, 20 }, { 50, 60 } };
  RdmChart *chart = rdm_chart_new (RDM_CHART_KIND_STACKED_BARS);

  rdm_chart_add_category (chart, "Facebook");
  rdm_chart_add_category (chart, "Email");
  for (guint c = 0; c < G_N_ELEMENTS (categories); c++)
    if (with_fees || c != 1)
      rdm_chart_set_series_colour (chart, rdm_chart_add_series (chart, categories[c], costs[c], 2),
                                   (int)c);
  return chart;
}

static void
test_stable_colour (void)
{
  g_autoptr (RdmChart) all = cost_chart (TRUE);
  g_autoptr (RdmChart) hidden = cost_chart (FALSE);
  g_autoptr (RdmChart) many = rdm_chart_new (RDM_CHART_KIND_LINES);

  g_assert_cmphex (drawn_colour (all, "Facebook — Agency: 50"), ==, palette_pixel (2));
  g_assert_cmphex (drawn_colour (hidden, "Facebook — Agency: 50"), ==, palette_pixel (2));
  g_assert_cmphex (drawn_colour (hidden, "Facebook — Media: 100"), ==, palette_pixel (0));

  /* 13 lines, as on the demo's window chart: 13 different colours in
   * the legend. */
  {
    double x[] = { 1, 7, 30 };
    g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 900, 420);
    cairo_t *cr = cairo_create (surface);
    g_autoptr (GArray) items = NULL;

    rdm_chart_set_x_values (many, x, G_N_ELEMENTS (x));
    for (guint s = 0; s < 13; s++)
      {
        g_autofree char *name = g_strdup_printf ("Channel %u", s);
        double values[] = { s, s * 2, s * 3 };

        rdm_chart_add_series (many, name, values, G_N_ELEMENTS (values));
      }
    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_paint (cr);
    rdm_chart_render_cairo (many, cr, 900, 420, FALSE);
    items = _rdm_chart_layout (many, 900, 420, 0, 0);
    g_assert_cmpuint (count_items (items, RDM_CHART_ITEM_LEGEND), ==, 13);
    for (guint i = 0; i < items->len; i++)
      {
        const RdmChartItem *item = &g_array_index (items, RdmChartItem, i);

        /* The swatch's dot is centred one swatch (0.8 of the 3.5 mm
         * text height) left of the name. */
        if (item->role == RDM_CHART_ITEM_LEGEND)
          g_hash_table_add (seen, GUINT_TO_POINTER (pixel_at (surface, item->x0 - 2.8 * 72 / 25.4,
                                                              (item->y0 + item->y1) / 2)));
      }
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
    g_assert_cmpuint (g_hash_table_size (seen), ==, 13);
  }
}

static RdmChart *
demo_scatter (gboolean bubbles)
{
  RdmChart *chart = rdm_chart_new (RDM_CHART_KIND_SCATTER);

  rdm_chart_set_title (chart, "Cost against Value and Savings");
  rdm_chart_set_axis_labels (chart, "Cost", "Attributed value + savings");
  rdm_chart_set_diagonal (chart, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (demo_channels); i++)
    rdm_chart_add_point (chart, demo_channels[i].cost, demo_channels[i].value,
                         bubbles ? demo_channels[i].conversions : 0, demo_channels[i].name);
  return chart;
}

/* The demo's scatter, where YouTube and LinkedIn, Email and Blog, Facebook
 * and Instagram used to collide: every label drawn, no two label boxes
 * overlapping, and plain points never covered by a label. */
static void
test_scatter_labels (void)
{
  for (int bubbles = 0; bubbles <= 1; bubbles++)
    for (guint k = 0; k < G_N_ELEMENTS (layout_sizes); k++)
      {
        g_autoptr (RdmChart) chart = demo_scatter (bubbles);
        g_autoptr (GArray) items
            = _rdm_chart_layout (chart, layout_sizes[k][0], layout_sizes[k][1], 0, 0);

        g_assert_cmpuint (count_items (items, RDM_CHART_ITEM_POINT), ==,
                          G_N_ELEMENTS (demo_channels));
        g_assert_cmpuint (count_items (items, RDM_CHART_ITEM_NOTE), ==, 0);
        for (guint i = 0; i < G_N_ELEMENTS (demo_channels); i++)
          g_assert_nonnull (find_item (items, RDM_CHART_ITEM_POINT_LABEL, demo_channels[i].name));
        for (guint i = 0; i < items->len; i++)
          for (guint j = 0; j < items->len; j++)
            {
              const RdmChartItem *a = &g_array_index (items, RdmChartItem, i);
              const RdmChartItem *b = &g_array_index (items, RdmChartItem, j);

              if (i == j || a->role != RDM_CHART_ITEM_POINT_LABEL)
                continue;
              if (b->role == RDM_CHART_ITEM_POINT_LABEL
                  || (b->role == RDM_CHART_ITEM_POINT && !bubbles))
                {
                  if (boxes_overlap (a, b))
                    g_error ("%d × %d: label “%s” overlaps %s “%s”", layout_sizes[k][0],
                             layout_sizes[k][1], a->text,
                             b->role == RDM_CHART_ITEM_POINT ? "point" : "label", b->text);
                }
            }
      }
}

/* The demo's models chart in a window-sized view: all 13 channels (LinkedIn,
 * X and No touch included) on the axis, all 6 models in the legend. */
static void
test_every_series_drawn (void)
{
  static const char *const channels[]
      = { "LinkedIn",    "Organic Search", "X",       "Blog",     "YouTube",
          "Paid Search", "Display",        "Direct",  "Facebook", "Instagram",
          "Affiliates",  "Email",          "No touch" };
  static const char *const models[]
      = { "linear", "first", "last", "position", "time-decay", "markov" };
  g_autoptr (RdmChart) chart = rdm_chart_new (RDM_CHART_KIND_GROUPED_BARS);

  rdm_chart_set_title (chart, "Conversions credited by each model");
  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    rdm_chart_add_category (chart, channels[i]);
  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    {
      double values[G_N_ELEMENTS (channels)];

      for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
        values[i] = 50 + 40 * ((i * 7 + m * 3) % 13);
      rdm_chart_add_series (chart, models[m], values, G_N_ELEMENTS (values));
    }
  for (guint k = 0; k < G_N_ELEMENTS (layout_sizes); k++)
    {
      g_autoptr (GArray) items
          = _rdm_chart_layout (chart, layout_sizes[k][0], layout_sizes[k][1], 40, 40);

      for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
        g_assert_nonnull (find_item (items, RDM_CHART_ITEM_CATEGORY, channels[i]));
      for (guint m = 0; m < G_N_ELEMENTS (models); m++)
        g_assert_nonnull (find_item (items, RDM_CHART_ITEM_LEGEND, models[m]));
      g_assert_cmpuint (count_items (items, RDM_CHART_ITEM_NOTE), ==, 0);
    }
}

/* Too many categories for their labels: the chart says that it thins
 * them out. */
static void
test_thinned_labels_noted (void)
{
  g_autoptr (RdmChart) chart = rdm_chart_new (RDM_CHART_KIND_BARS);
  double values[120];

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *name = g_strdup_printf ("Campaign %u", i);

      rdm_chart_add_category (chart, name);
      values[i] = i + 1;
    }
  rdm_chart_add_series (chart, "Conversions", values, G_N_ELEMENTS (values));
  rdm_chart_set_axis_labels (chart, "Campaign", "Conversions");
  {
    g_autoptr (GArray) items = _rdm_chart_layout (chart, 557, 300, 0, 0);
    const RdmChartItem *note = NULL;

    g_assert_cmpuint (count_items (items, RDM_CHART_ITEM_NOTE), ==, 1);
    g_assert_cmpuint (count_items (items, RDM_CHART_ITEM_CATEGORY), <, G_N_ELEMENTS (values));
    for (guint i = 0; i < items->len; i++)
      if (g_array_index (items, RdmChartItem, i).role == RDM_CHART_ITEM_NOTE)
        note = &g_array_index (items, RdmChartItem, i);
    g_assert_cmpstr (note->text, ==, "Only one label in 4 shown for lack of room");
    /* The note has a line of its own. */
    for (guint i = 0; i < items->len; i++)
      if (&g_array_index (items, RdmChartItem, i) != note)
        g_assert_false (boxes_overlap (note, &g_array_index (items, RdmChartItem, i)));
  }
  rdm_chart_set_note (chart, "The 120 campaigns with the most conversions");
  {
    g_autoptr (GArray) items = _rdm_chart_layout (chart, 557, 300, 0, 0);

    g_assert_nonnull (
        find_item (items, RDM_CHART_ITEM_NOTE, "The 120 campaigns with the most conversions"));
  }
}

/* A time chart as the Media Mix section draws it: 52 weeks from Monday
 * 6 January 2025 on a date axis, two parts stacked under a line, two
 * events close together and a marked point. The axis reads months, not
 * epoch seconds; each event is drawn with its label, the two labels
 * apart; hovering an event, a stacked part or the mark says what it is. */
static void
test_time_chart (void)
{
  g_autoptr (RdmChart) chart = rdm_chart_new (RDM_CHART_KIND_LINES);
  const double first = 1736121600; /* 2025-01-06 00:00 UTC */
  double weeks[52], base[52], part[52], actual[52];
  guint months = 0;
  const RdmChartItem *launch, *press;

  for (guint w = 0; w < 52; w++)
    {
      weeks[w] = first + w * 7 * 86400.0;
      base[w] = 100 + w;
      part[w] = 20 + w % 5;
      actual[w] = base[w] + part[w] + (w % 2 ? 3 : -3);
    }
  rdm_chart_set_x_values (chart, weeks, 52);
  rdm_chart_set_x_dates (chart, TRUE);
  rdm_chart_set_series_stacked (chart, rdm_chart_add_series (chart, "Baseline", base, 52), TRUE);
  rdm_chart_set_series_stacked (chart, rdm_chart_add_series (chart, "Display", part, 52), TRUE);
  rdm_chart_add_series (chart, "Actual", actual, 52);
  rdm_chart_add_span (chart, first + 56 * 86400.0, first + 62 * 86400.0, "Launch");
  rdm_chart_add_span (chart, first + 60 * 86400.0, first + 60 * 86400.0, "Press");
  rdm_chart_add_mark (chart, 2, weeks[10], actual[10], "Today");
  g_assert_cmpuint (rdm_chart_get_n_spans (chart), ==, 2);
  {
    g_autoptr (GArray) items = _rdm_chart_layout (chart, 800, 400, 0, 0);

    for (guint i = 0; i < items->len; i++)
      {
        const RdmChartItem *item = &g_array_index (items, RdmChartItem, i);

        if (item->role == RDM_CHART_ITEM_TICK && g_str_has_suffix (item->text, " 2025"))
          months++;
      }
    /* months, every one or every other, never the raw seconds */
    g_assert_cmpuint (months, >=, 5);
    launch = find_item (items, RDM_CHART_ITEM_NOTE, "Launch");
    press = find_item (items, RDM_CHART_ITEM_NOTE, "Press");
    g_assert_nonnull (launch);
    g_assert_nonnull (press);
    g_assert_false (boxes_overlap (launch, press));
  }
  {
    g_autoptr (GArray) hits = render_hits (chart, 800, 400);
    gboolean span = FALSE, stacked = FALSE, mark = FALSE;

    for (guint i = 0; i < hits->len; i++)
      {
        const char *text = g_array_index (hits, RdmChartHit, i).text;

        span |= g_str_has_prefix (text, "Launch: ") && strstr (text, " to ") != NULL;
        stacked |= strstr (text, "Display: ") != NULL;
        mark |= g_str_equal (text, "Today");
      }
    g_assert_true (span);
    g_assert_true (stacked);
    g_assert_true (mark);
  }
}

/* The heat map under the view's export button: nothing is drawn in the
 * corner the button covers. */
static void
test_corner_kept_free (void)
{
  for (RdmChartKind kind = RDM_CHART_KIND_BARS; kind <= RDM_CHART_KIND_HEAT_MAP; kind++)
    {
      g_autoptr (RdmChart) chart = make_chart (kind);
      int width = 557, height = 300, corner = 40;
      g_autoptr (GArray) items = _rdm_chart_layout (chart, width, height, corner, corner);
      RdmChartItem button = { .x0 = width - corner, .y0 = 0, .x1 = width, .y1 = corner };

      for (guint i = 0; i < items->len; i++)
        {
          const RdmChartItem *item = &g_array_index (items, RdmChartItem, i);

          if (boxes_overlap (item, &button))
            g_error ("kind %d: “%s” lies under the button", kind, item->text);
        }
    }
}

/* PNGs at print resolution with the layout of the screen; SVG and PDF
 * pages of the same layout, in points. */
static void
test_export_print_size (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (RdmChart) chart = demo_roi_chart ();
  g_autofree char *png = g_build_filename (fixture->dir, "roi.png", NULL);
  g_autofree char *svg = g_build_filename (fixture->dir, "roi.svg", NULL);
  g_autofree char *data = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpfloat (rdm_chart_print_scale (557), ==, 1600.0 / 557);
  g_assert_cmpfloat (rdm_chart_print_scale (2000), ==, 1);
  g_assert_true (rdm_chart_export_scaled (chart, png, RDM_CHART_FORMAT_GUESS, 557, 300,
                                          rdm_chart_print_scale (557), &error));
  g_assert_no_error (error);
  /* 300 × 1600 / 557 = 861.8 */
  assert_png (png, 1600, 862);
  g_assert_true (rdm_chart_export_scaled (chart, svg, RDM_CHART_FORMAT_GUESS, 557, 300,
                                          rdm_chart_print_scale (557), &error));
  g_assert_no_error (error);
  assert_svg (svg);
  g_assert_true (g_file_get_contents (svg, &data, NULL, NULL));
  g_assert_nonnull (strstr (data, "viewBox=\"0 0 557 300\""));

  /* A scale too big for the largest PNG is refused. */
  g_assert_false (
      rdm_chart_export_scaled (chart, png, RDM_CHART_FORMAT_PNG, 10000, 300, 2.0, &error));
  g_assert_error (error, RDM_CHART_ERROR, RDM_CHART_ERROR_SIZE);
  g_clear_error (&error);

  /* A 1600 × 900 export is the 800 × 450 layout at twice the size: the
   * same texts at the same places, twice as far from the origin. */
  {
    g_autoptr (GArray) small = _rdm_chart_layout (chart, 800, 450, 0, 0);

    g_assert_true (rdm_chart_export (chart, png, RDM_CHART_FORMAT_PNG, 1600, 900, &error));
    g_assert_no_error (error);
    assert_png (png, 1600, 900);
    g_assert_nonnull (find_item (small, RDM_CHART_ITEM_VALUE, "3607"));
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/chart/export/every-kind", Fixture, NULL, fixture_set_up, test_export_every_kind,
              fixture_tear_down);
  g_test_add ("/chart/export/format", Fixture, NULL, fixture_set_up, test_export_format,
              fixture_tear_down);
  g_test_add ("/chart/export/refused", Fixture, NULL, fixture_set_up, test_export_refused,
              fixture_tear_down);
  g_test_add ("/chart/export/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/chart/export/pdf-pages", Fixture, NULL, fixture_set_up, test_export_pdf_pages,
              fixture_tear_down);
  g_test_add ("/chart/export/threads", Fixture, NULL, fixture_set_up, test_threads,
              fixture_tear_down);
  g_test_add_func ("/chart/render/cairo", test_render_cairo);
  g_test_add_func ("/chart/render/odd-data", test_render_odd_data);
  g_test_add_func ("/chart/render/hits", test_render_hits);
  g_test_add_func ("/chart/format-number", test_format_number);
  g_test_add_func ("/chart/locale/french", test_french_locale);
  g_test_add_func ("/chart/layout/axis-break-rule", test_axis_break_rule);
  g_test_add_func ("/chart/layout/axis-break-drawn", test_axis_break_drawn);
  g_test_add_func ("/chart/layout/axis-break-grouped", test_axis_break_grouped);
  g_test_add_func ("/chart/layout/axis-break-narrow", test_axis_break_narrow);
  g_test_add_func ("/chart/layout/palette", test_palette);
  g_test_add_func ("/chart/layout/stable-colour", test_stable_colour);
  g_test_add_func ("/chart/layout/scatter-labels", test_scatter_labels);
  g_test_add_func ("/chart/layout/every-series", test_every_series_drawn);
  g_test_add_func ("/chart/layout/thinned-labels", test_thinned_labels_noted);
  g_test_add_func ("/chart/layout/corner", test_corner_kept_free);
  g_test_add_func ("/chart/layout/time", test_time_chart);
  g_test_add ("/chart/export/print-size", Fixture, NULL, fixture_set_up, test_export_print_size,
              fixture_tear_down);

  return g_test_run ();
}
