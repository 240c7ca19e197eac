/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RdmChartView: one RdmChart on screen, drawn by
 * rdm_chart_render_cairo_with_hits() in a GtkDrawingArea, with the exact
 * value of the item under the pointer as a tooltip and an export menu in
 * the top right corner.
 *
 * The drawing follows libadwaita's light or dark style: the view's
 * background colour is painted first (extcairo paints none) and the chart's
 * theme follows AdwStyleManager:dark.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "rdm-chart-view-private.h"
#include "rdm-error-dialog.h"

/* Below this size an export would be cramped; see export_size(). Files
 * show the chart laid out at this size (or the view's) in points, and PNGs
 * are scaled up to RDM_CHART_PRINT_WIDTH pixels. */
#define MIN_EXPORT_WIDTH 400
#define MIN_EXPORT_HEIGHT 250
#define DEFAULT_EXPORT_WIDTH 960
#define DEFAULT_EXPORT_HEIGHT 600

struct _RdmChartView
{
  GtkWidget parent_instance;

  /* Owned references */
  RdmChart *chart;
  GtkFileChooserNative *chooser; /* while the export dialog is open */
  RdmChartFormat chooser_format;

  /* Children */
  GtkWidget *overlay;
  GtkWidget *area;
  GtkWidget *menu_button;

  GArray *hits; /* RdmChartHit of the last drawing, for tooltips */
  guint n_draws;
};

G_DEFINE_FINAL_TYPE (RdmChartView, rdm_chart_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CHART,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
draw_chart (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  RdmChartView *self = RDM_CHART_VIEW (user_data);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (area));
  GdkRGBA background;

  if (!gtk_style_context_lookup_color (style, "view_bg_color", &background))
    gdk_rgba_parse (&background, dark ? "#1e1e1e" : "#ffffff");
  gdk_cairo_set_source_rgba (cr, &background);
  cairo_paint (cr);

  g_clear_pointer (&self->hits, g_array_unref);
  /* The export button lies over the top right corner: the chart keeps it
   * free, so that the button hides no legend or colour scale. */
  if (self->chart != NULL)
    self->hits = rdm_chart_render_cairo_with_corner (
        self->chart, cr, width, height, dark,
        gtk_widget_get_width (self->menu_button)
            + 2 * gtk_widget_get_margin_end (self->menu_button),
        gtk_widget_get_height (self->menu_button)
            + 2 * gtk_widget_get_margin_top (self->menu_button));
  self->n_draws++;
}

const char *
_rdm_chart_view_get_tooltip_at (RdmChartView *self, double x, double y)
{
  const RdmChartHit *hit;

  g_return_val_if_fail (RDM_IS_CHART_VIEW (self), NULL);

  hit = self->hits != NULL ? rdm_chart_hits_lookup (self->hits, x, y) : NULL;
  return hit != NULL ? hit->text : NULL;
}

static gboolean
query_tooltip (
    GtkWidget *area, int x, int y, gboolean keyboard_mode, GtkTooltip *tooltip, gpointer user_data)
{
  const char *text = _rdm_chart_view_get_tooltip_at (RDM_CHART_VIEW (user_data), x, y);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static const char *
kind_description (RdmChartKind kind)
{
  switch (kind)
    {
    case RDM_CHART_KIND_BARS:
      return _ ("Bar chart");
    case RDM_CHART_KIND_GROUPED_BARS:
      return _ ("Grouped bar chart");
    case RDM_CHART_KIND_STACKED_BARS:
      return _ ("Stacked bar chart");
    case RDM_CHART_KIND_LINES:
      return _ ("Line chart");
    case RDM_CHART_KIND_SCATTER:
      return _ ("Scatter chart");
    case RDM_CHART_KIND_HISTOGRAM:
      return _ ("Histogram");
    case RDM_CHART_KIND_HEAT_MAP:
    default:
      return _ ("Heat map");
    }
}

static void
update_accessible (RdmChartView *self)
{
  const char *title = self->chart != NULL ? rdm_chart_get_title (self->chart) : NULL;
  const char *label = title != NULL ? title : _ ("Chart");
  const char *description
      = self->chart != NULL ? kind_description (rdm_chart_get_kind (self->chart)) : "";

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

static void
export_size (RdmChartView *self, int *width, int *height)
{
  *width = gtk_widget_get_width (self->area);
  *height = gtk_widget_get_height (self->area);
  if (*width < MIN_EXPORT_WIDTH || *height < MIN_EXPORT_HEIGHT)
    {
      *width = DEFAULT_EXPORT_WIDTH;
      *height = DEFAULT_EXPORT_HEIGHT;
    }
}

gboolean
rdm_chart_view_export_to_file (RdmChartView *self,
                               const char *path,
                               RdmChartFormat format,
                               GError **error)
{
  int width, height;

  g_return_val_if_fail (RDM_IS_CHART_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->chart == NULL)
    {
      g_set_error_literal (error, RDM_CHART_ERROR, RDM_CHART_ERROR_EMPTY,
                           _ ("Nothing to draw: the chart has no data"));
      return FALSE;
    }
  export_size (self, &width, &height);
  /* The chart as laid out on screen; a PNG at print resolution. */
  if (!rdm_chart_export_scaled (self->chart, path, format, width, height,
                                rdm_chart_print_scale (width), error))
    return FALSE;
  /* the window confirms every export the same way */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.exported", "s", path);
  return TRUE;
}

static void
chooser_response (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  RdmChartView *self = RDM_CHART_VIEW (user_data);
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL && !rdm_chart_view_export_to_file (self, path, self->chooser_format, &error))
    rdm_error_dialog_present (GTK_WIDGET (self), _ ("Could Not Export the Chart"), error);

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

/* A file name from the chart's title: "ROI per channel.png". */
static char *
suggested_name (RdmChartView *self, const char *extension)
{
  const char *title = rdm_chart_get_title (self->chart);
  g_autofree char *base = g_strdup (title != NULL ? title : _ ("Chart"));

  g_strdelimit (base, "/\\:", '-');
  return g_strdup_printf ("%s.%s", base, extension);
}

static void
export_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmChartView *self = RDM_CHART_VIEW (widget);
  const char *extension = g_variant_get_string (parameter, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *pattern = NULL;
  g_autofree char *name = NULL;
  g_autofree char *probe = g_strdup_printf ("chart.%s", extension);
  RdmChartFormat format;
  g_autoptr (GError) error = NULL;

  if (!rdm_chart_format_from_path (probe, &format, &error))
    {
      g_critical ("chart.export: unknown format “%s”", extension);
      return;
    }
  if (self->chart == NULL || self->chooser != NULL)
    return;

  self->chooser_format = format;
  self->chooser = gtk_file_chooser_native_new (_ ("Export Chart"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  name = suggested_name (self, extension);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  pattern = g_strdup_printf ("*.%s", extension);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_set_name (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
update_actions (RdmChartView *self)
{
  gboolean can_export = self->chart != NULL && !rdm_chart_is_empty (self->chart);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.export", can_export);
}

void
rdm_chart_view_set_chart (RdmChartView *self, RdmChart *chart)
{
  g_return_if_fail (RDM_IS_CHART_VIEW (self));

  /* Charts are not compared by content: the same pointer may have been
   * refilled, so it is redrawn anyway. */
  if (chart != self->chart)
    {
      if (chart != NULL)
        rdm_chart_ref (chart);
      g_clear_pointer (&self->chart, rdm_chart_unref);
      self->chart = chart;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART]);
    }
  update_accessible (self);
  update_actions (self);
  gtk_widget_queue_draw (self->area);
}

/**
 * rdm_chart_view_get_chart:
 *
 * Returns: (transfer none) (nullable): the chart shown
 */
RdmChart *
rdm_chart_view_get_chart (RdmChartView *self)
{
  g_return_val_if_fail (RDM_IS_CHART_VIEW (self), NULL);

  return self->chart;
}

guint
_rdm_chart_view_get_n_draws (RdmChartView *self)
{
  g_return_val_if_fail (RDM_IS_CHART_VIEW (self), 0);

  return self->n_draws;
}

GtkWidget *
_rdm_chart_view_get_area (RdmChartView *self)
{
  g_return_val_if_fail (RDM_IS_CHART_VIEW (self), NULL);

  return self->area;
}

GtkWidget *
_rdm_chart_view_get_menu_button (RdmChartView *self)
{
  g_return_val_if_fail (RDM_IS_CHART_VIEW (self), NULL);

  return self->menu_button;
}

GtkWidget *
rdm_chart_view_new (void)
{
  return g_object_new (RDM_TYPE_CHART_VIEW, NULL);
}

static void
rdm_chart_view_dispose (GObject *object)
{
  RdmChartView *self = RDM_CHART_VIEW (object);

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_clear_pointer (&self->overlay, gtk_widget_unparent);
  g_clear_pointer (&self->chart, rdm_chart_unref);
  g_clear_pointer (&self->hits, g_array_unref);

  G_OBJECT_CLASS (rdm_chart_view_parent_class)->dispose (object);
}

static void
rdm_chart_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RdmChartView *self = RDM_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_value_set_boxed (value, self->chart);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rdm_chart_view_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RdmChartView *self = RDM_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      rdm_chart_view_set_chart (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rdm_chart_view_class_init (RdmChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rdm_chart_view_dispose;
  object_class->get_property = rdm_chart_view_get_property;
  object_class->set_property = rdm_chart_view_set_property;

  properties[PROP_CHART]
      = g_param_spec_boxed ("chart", NULL, NULL, RDM_TYPE_CHART,
                            G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* "png", "svg" or "pdf": asks for a file name, then writes the chart. */
  gtk_widget_class_install_action (widget_class, "chart.export", "s", export_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static GMenuModel *
export_menu (void)
{
  GMenu *menu = g_menu_new ();

  g_menu_append (menu, _ ("Export as _PNG…"), "chart.export::png");
  g_menu_append (menu, _ ("Export as _SVG…"), "chart.export::svg");
  g_menu_append (menu, _ ("Export as P_DF…"), "chart.export::pdf");
  return G_MENU_MODEL (menu);
}

static void
rdm_chart_view_init (RdmChartView *self)
{
  g_autoptr (GMenuModel) menu = export_menu ();

  self->overlay = gtk_overlay_new ();
  gtk_widget_set_parent (self->overlay, GTK_WIDGET (self));

  self->area = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->area), 240);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->area), 160);
  gtk_widget_set_hexpand (self->area, TRUE);
  gtk_widget_set_vexpand (self->area, TRUE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw_chart, self, NULL);
  /* Exact values of bars, points and cells under the pointer. */
  gtk_widget_set_has_tooltip (self->area, TRUE);
  g_signal_connect (self->area, "query-tooltip", G_CALLBACK (query_tooltip), self);
  gtk_overlay_set_child (GTK_OVERLAY (self->overlay), self->area);

  self->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->menu_button), menu);
  gtk_widget_set_tooltip_text (self->menu_button, _ ("Export Chart"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Export Chart"), -1);
  gtk_widget_add_css_class (self->menu_button, "flat");
  gtk_widget_set_halign (self->menu_button, GTK_ALIGN_END);
  gtk_widget_set_valign (self->menu_button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->menu_button, 3);
  gtk_widget_set_margin_end (self->menu_button, 3);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->menu_button);

  /* The chart's colours follow the style, which the area does not redraw
   * for by itself. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self->area, G_CONNECT_SWAPPED);

  update_accessible (self);
  update_actions (self);
}
