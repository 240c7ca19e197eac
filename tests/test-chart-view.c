/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RdmChartView under a display (Xvfb in CI): creation and finalization,
 * drawing in a window, an in-process screenshot with real chart pixels,
 * the dark style, the accessible label, and the export path used by the
 * "chart.export" action after its dialog.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "rdm-chart-view-private.h"
#include "rdm-test-util.h"

static RdmChart *
make_chart (void)
{
  static const char *const channels[] = { "Facebook", "Google Ads", "Email", "Affiliate" };
  double last[] = { 120, 240, 80, 45 };
  double markov[] = { 140, 200, 70, 60 };
  double low[] = { 120, 180, 60, 40 };
  double high[] = { 160, 220, 82, 75 };
  RdmChart *chart = rdm_chart_new (RDM_CHART_KIND_GROUPED_BARS);
  guint s;

  rdm_chart_set_title (chart, "Conversions by channel — Île-de-France");
  rdm_chart_set_axis_labels (chart, NULL, "Conversions");
  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    rdm_chart_add_category (chart, channels[i]);
  rdm_chart_add_series (chart, "Last click", last, G_N_ELEMENTS (last));
  s = rdm_chart_add_series (chart, "Markov", markov, G_N_ELEMENTS (markov));
  rdm_chart_set_series_ci (chart, s, low, high, G_N_ELEMENTS (low));
  return chart;
}

static void
wait_for_draw (RdmChartView *view, guint after)
{
  /* No time limit here: meson's test timeout catches a view that never
   * draws. */
  while (_rdm_chart_view_get_n_draws (view) <= after)
    g_main_context_iteration (NULL, TRUE);
}

static char *
screenshot_dir (void)
{
  const char *dir = g_getenv ("RDM_SCREENSHOTS_DIR");

  if (dir == NULL)
    return NULL;
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  return g_strdup (dir);
}

/* Renders @widget as the compositor would and returns the texture. */
static GdkTexture *
snapshot_widget (GtkWidget *widget)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

typedef struct
{
  guint differing; /* pixels unlike the top-left one */
  guint32 corner;  /* 0xRRGGBB of the top-left pixel */
} PixelCount;

static void
count_pixels (GdkTexture *texture, PixelCount *count)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize)width * 4;
  g_autofree guint8 *data = g_malloc (stride * height);

  /* GDK_MEMORY_DEFAULT: B, G, R, A in memory on little-endian. */
  gdk_texture_download (texture, data, stride);
  count->corner = ((guint32 *)data)[0] & 0xffffff;
  count->differing = 0;
  for (int i = 0; i < width * height; i++)
    if ((((guint32 *)data)[i] & 0xffffff) != count->corner)
      count->differing++;
}

static void
test_create_destroy (void)
{
  GtkWidget *view = g_object_ref_sink (rdm_chart_view_new ());
  g_autoptr (RdmChart) chart = make_chart ();
  RdmChart *got = NULL;

  rdm_chart_view_set_chart (RDM_CHART_VIEW (view), chart);
  g_assert_true (rdm_chart_view_get_chart (RDM_CHART_VIEW (view)) == chart);
  g_object_get (view, "chart", &got, NULL);
  g_assert_true (got == chart);
  rdm_chart_unref (got);
  g_assert_finalize_object (view);
}

static void
test_draw_and_snapshot (void)
{
  g_autoptr (RdmChart) chart = make_chart ();
  g_autoptr (RdmChart) other = rdm_chart_new (RDM_CHART_KIND_BARS);
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *window = adw_window_new ();
  GtkWidget *view = rdm_chart_view_new ();
  g_autofree char *dir = screenshot_dir ();
  gboolean temporary = dir == NULL;
  g_autofree char *light_png = NULL;
  g_autofree char *dark_png = NULL;
  g_autoptr (GdkTexture) light = NULL;
  g_autoptr (GdkTexture) dark = NULL;
  PixelCount count;
  guint draws;

  if (temporary)
    dir = rdm_test_make_tmpdir ();
  light_png = g_build_filename (dir, "chart-view-light.png", NULL);
  dark_png = g_build_filename (dir, "chart-view-dark.png", NULL);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  rdm_chart_view_set_chart (RDM_CHART_VIEW (view), chart);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 400);
  adw_window_set_content (ADW_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_draw (RDM_CHART_VIEW (view), 0);

  g_assert_cmpint (gtk_widget_get_width (view), >=, 240);
  light = snapshot_widget (view);
  g_assert_true (gdk_texture_save_to_png (light, light_png));
  count_pixels (light, &count);
  /* A white page with a chart on it: the bars alone cover well over 5%. */
  g_assert_cmphex (count.corner, ==, 0xffffff);
  g_assert_cmpuint (count.differing, >,
                    gdk_texture_get_width (light) * gdk_texture_get_height (light) / 20);

  /* Tooltips: some point of the chart is over a bar, the corner is not. */
  {
    const char *found = NULL;

    for (int y = 0; y < gtk_widget_get_height (view) && found == NULL; y += 8)
      for (int x = 0; x < gtk_widget_get_width (view) && found == NULL; x += 8)
        found = _rdm_chart_view_get_tooltip_at (RDM_CHART_VIEW (view), x, y);
    g_assert_nonnull (found);
    g_assert_nonnull (strstr (found, " — "));
    g_assert_null (_rdm_chart_view_get_tooltip_at (RDM_CHART_VIEW (view), 1, 1));
  }

  /* The dark style repaints on its own, on a dark background. */
  draws = _rdm_chart_view_get_n_draws (RDM_CHART_VIEW (view));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  wait_for_draw (RDM_CHART_VIEW (view), draws);
  dark = snapshot_widget (view);
  g_assert_true (gdk_texture_save_to_png (dark, dark_png));
  count_pixels (dark, &count);
  g_assert_cmphex (count.corner, ==, 0x1e1e1e);
  g_assert_cmpuint (count.differing, >,
                    gdk_texture_get_width (dark) * gdk_texture_get_height (dark) / 20);

  /* A new chart queues a redraw by itself. */
  draws = _rdm_chart_view_get_n_draws (RDM_CHART_VIEW (view));
  rdm_chart_view_set_chart (RDM_CHART_VIEW (view), other);
  wait_for_draw (RDM_CHART_VIEW (view), draws);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (window));
  if (temporary)
    rdm_test_remove_tree (dir);
}

static void
test_accessible (void)
{
  GtkWidget *view = g_object_ref_sink (rdm_chart_view_new ());
  g_autoptr (RdmChart) chart = make_chart ();

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Chart");
  rdm_chart_view_set_chart (RDM_CHART_VIEW (view), chart);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Conversions by channel — Île-de-France");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Grouped bar chart");
  g_assert_finalize_object (view);
}

static guint32
read_be32 (const guint8 *p)
{
  return (guint32)p[0] << 24 | (guint32)p[1] << 16 | (guint32)p[2] << 8 | p[3];
}

static void
assert_png_size (const char *path, guint width, guint height)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpuint (read_be32 ((const guint8 *)data + 16), ==, width);
  g_assert_cmpuint (read_be32 ((const guint8 *)data + 20), ==, height);
}

/* A heat map, whose colour scale runs along the right edge, shown at the
 * size of the paths page's charts: the export button covers nothing of
 * the chart, and a PNG export is at least 1600 pixels wide. */
static void
test_button_corner_and_print_export (void)
{
  static const char *const names[]
      = { "LinkedIn", "Organic Search", "X", "Blog", "YouTube", "Paid Search", "Display", "Email" };
  g_autoptr (RdmChart) chart = rdm_chart_new (RDM_CHART_KIND_HEAT_MAP);
  double values[G_N_ELEMENTS (names) * G_N_ELEMENTS (names)];
  GtkWidget *window = adw_window_new ();
  GtkWidget *view = rdm_chart_view_new ();
  GtkWidget *area = _rdm_chart_view_get_area (RDM_CHART_VIEW (view));
  GtkWidget *button = _rdm_chart_view_get_menu_button (RDM_CHART_VIEW (view));
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree guint8 *pixels = NULL;
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *png = g_build_filename (dir, "overlap.png", NULL);
  g_autoptr (GError) error = NULL;
  graphene_rect_t bounds;
  int width, height;
  guint covered = 0;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    values[i] = (i * 37) % 50;
  rdm_chart_set_title (chart, "Channels sharing converting paths (%)");
  rdm_chart_set_matrix (chart, G_N_ELEMENTS (names), G_N_ELEMENTS (names), names, names, values);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
  rdm_chart_view_set_chart (RDM_CHART_VIEW (view), chart);
  gtk_window_set_default_size (GTK_WINDOW (window), 557, 300);
  adw_window_set_content (ADW_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_draw (RDM_CHART_VIEW (view), 0);
  /* The first drawing may come before the button has its size. */
  wait_for_draw (RDM_CHART_VIEW (view), _rdm_chart_view_get_n_draws (RDM_CHART_VIEW (view)) - 1);
  gtk_widget_queue_draw (area);
  wait_for_draw (RDM_CHART_VIEW (view), _rdm_chart_view_get_n_draws (RDM_CHART_VIEW (view)));

  texture = snapshot_widget (area);
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  pixels = g_malloc ((gsize)width * height * 4);
  gdk_texture_download (texture, pixels, (gsize)width * 4);
  g_assert_true (gtk_widget_compute_bounds (button, area, &bounds));
  g_assert_cmpfloat (bounds.size.width, >, 10);
  for (int y = MAX ((int)bounds.origin.y, 0);
       y < MIN ((int)(bounds.origin.y + bounds.size.height), height); y++)
    for (int x = MAX ((int)bounds.origin.x, 0);
         x < MIN ((int)(bounds.origin.x + bounds.size.width), width); x++)
      if ((((guint32 *)pixels)[y * width + x] & 0xffffff) != 0xffffff)
        covered++;
  /* Nothing of the chart (the colour scale, its labels, the title) under
   * the button. */
  g_assert_cmpuint (covered, ==, 0);

  g_assert_true (
      rdm_chart_view_export_to_file (RDM_CHART_VIEW (view), png, RDM_CHART_FORMAT_PNG, &error));
  g_assert_no_error (error);
  assert_png_size (
      png, 1600,
      (guint)round (gtk_widget_get_height (area) * 1600.0 / gtk_widget_get_width (area)));

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (window));
  rdm_test_remove_tree (dir);
}

static void
test_export (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *svg = g_build_filename (dir, "view.svg", NULL);
  g_autofree char *png = g_build_filename (dir, "view.png", NULL);
  g_autofree char *bad = g_build_filename (dir, "view.bmp", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (RdmChart) chart = make_chart ();
  g_autoptr (GError) error = NULL;
  GtkWidget *view = g_object_ref_sink (rdm_chart_view_new ());

  /* No chart yet: nothing to write. */
  g_assert_false (
      rdm_chart_view_export_to_file (RDM_CHART_VIEW (view), svg, RDM_CHART_FORMAT_GUESS, &error));
  g_assert_error (error, RDM_CHART_ERROR, RDM_CHART_ERROR_EMPTY);
  g_assert_false (g_file_test (svg, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  rdm_chart_view_set_chart (RDM_CHART_VIEW (view), chart);
  g_assert_true (
      rdm_chart_view_export_to_file (RDM_CHART_VIEW (view), svg, RDM_CHART_FORMAT_GUESS, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  /* Not shown, so the default size: 960 × 600 points. */
  g_assert_nonnull (strstr (contents, "viewBox=\"0 0 960 600\""));

  g_assert_true (
      rdm_chart_view_export_to_file (RDM_CHART_VIEW (view), png, RDM_CHART_FORMAT_PNG, &error));
  g_assert_no_error (error);
  /* The same 960 × 600 layout at print resolution, 1600 pixels wide. */
  assert_png_size (png, 1600, 1000);

  g_assert_false (
      rdm_chart_view_export_to_file (RDM_CHART_VIEW (view), bad, RDM_CHART_FORMAT_GUESS, &error));
  g_assert_error (error, RDM_CHART_ERROR, RDM_CHART_ERROR_FORMAT);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));

  g_assert_finalize_object (view);
  rdm_test_remove_tree (dir);
}

static void
test_no_display (void)
{
  g_test_skip ("no display: run the GUI tests under xvfb-run");
}

int
main (int argc, char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/chart-view/no-display", test_no_display);
      return g_test_run ();
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/chart-view/create-destroy", test_create_destroy);
  g_test_add_func ("/chart-view/draw-and-snapshot", test_draw_and_snapshot);
  g_test_add_func ("/chart-view/accessible", test_accessible);
  g_test_add_func ("/chart-view/export", test_export);
  g_test_add_func ("/chart-view/button-corner", test_button_corner_and_print_export);

  return g_test_run ();
}
