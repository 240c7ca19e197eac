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

static void
setup_cell (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  gboolean numeric = GPOINTER_TO_INT (user_data) >= 0;
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  else
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  int column = GPOINTER_TO_INT (user_data);
  RdmResultRow *row = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));

  if (column < 0)
    {
      gtk_label_set_text (label, rdm_result_row_get_label (row));
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), rdm_result_row_get_label (row));
    }
  else
    gtk_label_set_text (label, rdm_result_row_get_text (row, (guint)column));
}

static GtkColumnViewColumn *
make_column (const char *title, int index, int width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (index));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (index));
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  /* labels get room to be read; numbers take what they need */
  if (index < 0)
    {
      gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, width);
    }
  return column;
}

void
rdm_result_table_set_columns (GtkColumnView *view,
                              const char *label_title,
                              int label_width,
                              const char *const *titles,
                              guint n_titles)
{
  GListModel *columns;
  g_autoptr (GtkColumnViewColumn) first = NULL;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  columns = gtk_column_view_get_columns (view);
  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (view, column);
    }
  first = make_column (label_title, -1, label_width);
  gtk_column_view_append_column (view, first);
  for (guint i = 0; i < n_titles; i++)
    {
      g_autoptr (GtkColumnViewColumn) column = make_column (titles[i], (int)i, -1);

      gtk_column_view_append_column (view, column);
    }
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
