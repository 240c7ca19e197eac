/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "rdm-csv-writer.h"
#include "rdm-result-row.h"
#include "rdm-result-table.h"
#include "rdm-table-export-button.h"
#include "rdm-widgets-gresource.h"

char *
rdm_result_format_number (double value, int decimals)
{
  if (!isfinite (value))
    return g_strdup ("–");
  /* the ' flag groups thousands as LC_NUMERIC says; rounding -0.004 must
   * not show "-0.00" */
  if (fabs (value) < 0.5 * pow (10, -decimals))
    value = 0;
  return g_strdup_printf ("%'.*f", decimals, value);
}

char *
rdm_result_format_delta (double value, int decimals)
{
  g_autofree char *number = NULL;

  if (!isfinite (value))
    return g_strdup ("–");
  if (fabs (value) < 0.5 * pow (10, -decimals))
    return rdm_result_format_number (0, decimals);
  number = rdm_result_format_number (fabs (value), decimals);
  return g_strconcat (value > 0 ? "+" : "−", number, NULL);
}

char *
rdm_result_format_percent (double share)
{
  g_autofree char *number = rdm_result_format_number (100 * share, 1);

  /* Translators: a percentage; %s is the number */
  return g_strdup_printf (g_dpgettext2 (GETTEXT_PACKAGE, "percent", "%s %%"), number);
}

/* The horizontal padding of a cell, in rdm-widgets.css */
#define CELL_PADDING 24

/* Columns take the width of their widest cell and a table too wide for its
 * place scrolls sideways: numbers are never cut. A label is only cut when
 * it alone is wider than the page (a long path), rather than forcing the
 * window wider; its tooltip shows it whole. */
static void
setup_label_cell (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  int least_width = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_size_request (label, MAX (least_width - CELL_PADDING, 0), -1);
  gtk_list_item_set_child (item, label);
}

static void
bind_label_cell (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  RdmResultRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), rdm_result_row_get_label (row));
  gtk_widget_set_tooltip_text (label, rdm_result_row_get_label (row));
}

static void
setup_number_cell (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_number_cell (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  RdmResultRow *row = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      rdm_result_row_get_text (row, GPOINTER_TO_UINT (user_data)));
}

/* The label column takes what is left over */
static GtkColumnViewColumn *
make_label_column (const char *title, int least_width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cell), GINT_TO_POINTER (least_width));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cell), NULL);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, TRUE);
  return column;
}

static GtkColumnViewColumn *
make_number_column (const char *title, guint index)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_number_cell), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_number_cell), GUINT_TO_POINTER (index));
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  return column;
}

void
rdm_result_table_remove_columns (GtkColumnView *view)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (view, column);
    }
}

#define PINNED_VIEW_KEY "rdm-result-table-pinned-view"
#define WHEEL_CONTROLLER_NAME "rdm-result-table-wheel"

/* The view that shows @view's label column outside its horizontal
 * scrolling, created at the start of the "result-table" box that holds
 * @view's scrolled window; NULL for a table laid out otherwise. Both views
 * show the same selection model, row for row. */
static GtkColumnView *
pinned_view_of (GtkColumnView *view)
{
  GtkWidget *pinned = g_object_get_data (G_OBJECT (view), PINNED_VIEW_KEY);
  GtkWidget *scrolled = gtk_widget_get_parent (GTK_WIDGET (view));
  GtkWidget *box = scrolled != NULL ? gtk_widget_get_parent (scrolled) : NULL;

  if (pinned != NULL)
    return GTK_COLUMN_VIEW (pinned);
  if (!GTK_IS_SCROLLED_WINDOW (scrolled) || !GTK_IS_BOX (box)
      || !gtk_widget_has_css_class (box, "result-table"))
    return NULL;
  pinned = gtk_column_view_new (NULL);
  gtk_column_view_set_show_row_separators (GTK_COLUMN_VIEW (pinned),
                                           gtk_column_view_get_show_row_separators (view));
  gtk_column_view_set_reorderable (GTK_COLUMN_VIEW (pinned), FALSE);
  gtk_widget_add_css_class (pinned, "data-table");
  gtk_widget_add_css_class (pinned, "pinned");
  gtk_widget_set_hexpand (pinned, TRUE);
  gtk_widget_set_valign (pinned, GTK_ALIGN_START);
  gtk_box_prepend (GTK_BOX (box), pinned);
  g_object_bind_property (view, "model", pinned, "model", G_BINDING_SYNC_CREATE);
  /* the box owns it; both go with the page */
  g_object_set_data (G_OBJECT (view), PINNED_VIEW_KEY, pinned);
  return GTK_COLUMN_VIEW (pinned);
}

/* A table that never scrolls vertically lets a vertical wheel turn over it
 * scroll the page that holds it: GtkScrolledWindow keeps every scroll
 * event it receives, even along an axis it does not scroll. */
static gboolean
wheel_to_page_cb (GtkEventControllerScroll *controller, double dx, double dy, gpointer user_data)
{
  GtkWidget *table = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *page
      = gtk_widget_get_ancestor (gtk_widget_get_parent (table), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  double step;

  if (page == NULL || dy == 0)
    return GDK_EVENT_PROPAGATE;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (page));
  /* a wheel notch moves as far as GtkScrolledWindow moves it */
  step = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL
             ? pow (gtk_adjustment_get_page_size (adjustment), 2.0 / 3.0)
             : 1;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + dy * step);
  return GDK_EVENT_STOP;
}

static void
pass_wheel_to_page (GtkColumnView *view)
{
  GtkWidget *scrolled = gtk_widget_get_parent (GTK_WIDGET (view));
  GListModel *controllers;
  GtkEventController *controller;
  GtkPolicyType vpolicy;

  if (!GTK_IS_SCROLLED_WINDOW (scrolled))
    return;
  gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (scrolled), NULL, &vpolicy);
  if (vpolicy != GTK_POLICY_NEVER)
    return;
  controllers = gtk_widget_observe_controllers (scrolled);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) existing = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (existing), WHEEL_CONTROLLER_NAME) == 0)
        {
          g_object_unref (controllers);
          return;
        }
    }
  g_object_unref (controllers);
  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_name (controller, WHEEL_CONTROLLER_NAME);
  /* before the scrolled window's own controller, which would keep it */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "scroll", G_CALLBACK (wheel_to_page_cb), NULL);
  gtk_widget_add_controller (scrolled, controller);
}

void
rdm_result_table_set_columns (GtkColumnView *view,
                              const char *label_title,
                              int label_width,
                              const char *const *titles,
                              guint n_titles)
{
  g_autoptr (GtkColumnViewColumn) first = NULL;
  GtkColumnView *pinned;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  rdm_result_table_remove_columns (view);
  pinned = pinned_view_of (view);
  first = make_label_column (label_title, label_width);
  gtk_column_view_append_column (view, first);
  if (pinned != NULL)
    {
      g_autoptr (GtkColumnViewColumn) shown = make_label_column (label_title, label_width);

      /* kept, hidden, so the view still reads as the whole table */
      gtk_column_view_column_set_visible (first, FALSE);
      rdm_result_table_remove_columns (pinned);
      gtk_column_view_append_column (pinned, shown);
    }
  for (guint i = 0; i < n_titles; i++)
    {
      g_autoptr (GtkColumnViewColumn) column = make_number_column (titles[i], i);

      gtk_column_view_append_column (view, column);
    }
  pass_wheel_to_page (view);
}

static void
append_cell (GString *text, const char *cell)
{
  /* OWASP's CSV injection rule; a leading minus of a number is kept, as
   * formatted numbers start with "−" (U+2212), not "-" */
  if (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@')
    g_string_append_c (text, '\'');
  for (const char *c = cell; *c != '\0'; c++)
    g_string_append_c (text, *c == '\t' || *c == '\n' ? ' ' : *c);
}

char *
rdm_result_table_to_text (GtkColumnView *view, GListModel *rows)
{
  GListModel *columns;
  g_autoptr (GString) text = g_string_new (NULL);
  guint n_columns;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (rows), NULL);

  columns = gtk_column_view_get_columns (view);
  n_columns = g_list_model_get_n_items (columns);
  for (guint c = 0; c < n_columns; c++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, c);

      if (c > 0)
        g_string_append_c (text, '\t');
      append_cell (text, gtk_column_view_column_get_title (column));
    }
  g_string_append_c (text, '\n');
  for (guint r = 0; r < g_list_model_get_n_items (rows); r++)
    {
      g_autoptr (RdmResultRow) row = g_list_model_get_item (rows, r);

      append_cell (text, rdm_result_row_get_label (row));
      for (guint c = 0; c + 1 < n_columns && c < rdm_result_row_get_n_columns (row); c++)
        {
          g_string_append_c (text, '\t');
          append_cell (text, rdm_result_row_get_text (row, c));
        }
      g_string_append_c (text, '\n');
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
rdm_result_table_to_csv (GtkColumnView *view)
{
  g_autoptr (RdmCsvWriter) writer = rdm_csv_writer_new ();
  GListModel *columns;
  GListModel *rows;
  guint n_columns;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);

  columns = gtk_column_view_get_columns (view);
  n_columns = g_list_model_get_n_items (columns);
  for (guint c = 0; c < n_columns; c++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, c);

      rdm_csv_writer_add_text (writer, gtk_column_view_column_get_title (column));
    }
  rdm_csv_writer_end_row (writer);

  /* the selection model lists the rows as sorted on screen */
  rows = G_LIST_MODEL (gtk_column_view_get_model (view));
  for (guint r = 0; rows != NULL && r < g_list_model_get_n_items (rows); r++)
    {
      g_autoptr (RdmResultRow) row = g_list_model_get_item (rows, r);

      rdm_csv_writer_add_text (writer, rdm_result_row_get_label (row));
      for (guint c = 0; c + 1 < n_columns && c < rdm_result_row_get_n_columns (row); c++)
        {
          double number = rdm_result_row_get_number (row, c);

          if (isfinite (number))
            rdm_csv_writer_add_number (writer, number);
          else
            rdm_csv_writer_add_text (writer, rdm_result_row_get_text (row, c));
        }
      rdm_csv_writer_end_row (writer);
    }
  return g_strdup (rdm_csv_writer_get_text (writer));
}

void
rdm_widgets_ensure_resources (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      GdkDisplay *display = gdk_display_get_default ();

      /* referencing the resource links its object file, whose constructor
       * registers it, into programs that use this static library */
      if (rdm_widgets_get_resource () == NULL)
        g_error ("The widgets' resources are missing");
      /* the sections' templates put one beside each results table */
      g_type_ensure (RDM_TYPE_TABLE_EXPORT_BUTTON);
      if (display != NULL)
        {
          g_autoptr (GtkCssProvider) provider = gtk_css_provider_new ();

          gtk_css_provider_load_from_resource (provider,
                                               "/fr/rendement/Rendement/widgets/rdm-widgets.css");
          gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                                      GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
        }
      g_once_init_leave (&done, 1);
    }
}
