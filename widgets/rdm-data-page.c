/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RdmDataPage: the Data section. Project totals, the import log and one
 * virtualised table per kind of row (touchpoints, conversions, costs,
 * campaigns), each a GtkColumnView over an RdmTableModel that pages rows
 * from SQLite. Sorting and searching are done by the model in SQL, so they
 * stay quick on tables far larger than memory.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rdm-data-page-private.h"
#include "rdm-format.h"
#include "rdm-import.h"
#include "rdm-result-table.h"
#include "rdm-row-button.h"

/* Stack page names, in RdmTableKind order. */
static const char *const table_names[] = { "touchpoints", "conversions", "costs", "campaigns" };

G_DEFINE_FINAL_TYPE (RdmDataPage, rdm_data_page, RDM_TYPE_SECTION)

static RdmDataTable *
visible_table (RdmDataPage *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->tables_stack);

  for (guint i = 0; i < G_N_ELEMENTS (table_names); i++)
    if (g_strcmp0 (name, table_names[i]) == 0)
      return &self->tables[i];
  return NULL;
}

static void
show_error (RdmDataPage *self, const GError *error)
{
  gtk_label_set_text (self->count_label, error->message);
}

static void
update_count (RdmDataPage *self)
{
  RdmDataTable *table = visible_table (self);
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;
  guint n;

  if (table == NULL)
    {
      n = self->n_imports;
      count = rdm_format_count (n);
      /* Translators: %s is a number of imported files, e.g. "1,234" */
      text = g_strdup_printf (ngettext ("%s import", "%s imports", n), count);
    }
  else if (table->model != NULL && rdm_table_model_get_error (table->model) != NULL)
    text = g_strdup (rdm_table_model_get_error (table->model)->message);
  else if (table->model != NULL && rdm_table_model_get_loading (table->model))
    text = g_strdup (_ ("Loading…"));
  else
    {
      n = table->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (table->model)) : 0;
      count = rdm_format_count (n);
      /* Translators: %s is a number of table rows, e.g. "1,234" */
      text = g_strdup_printf (ngettext ("%s row", "%s rows", n), count);
    }
  gtk_label_set_text (self->count_label, text);
  rdm_section_set_busy (RDM_SECTION (self), table != NULL && table->model != NULL
                                                && rdm_table_model_get_loading (table->model));
}

static void
set_count_label (GtkLabel *label, gint64 value)
{
  g_autofree char *text = rdm_format_count (value);

  gtk_label_set_text (label, text);
}

/* The currency code is set smaller than the amount, so four totals fit on
 * a line; the label's text still reads "1,234.50 EUR". */
static void
set_money_label (RdmDataPage *self, GtkLabel *label, double value)
{
  g_autofree char *currency = g_settings_get_string (self->settings, "currency");
  g_autofree char *amount = rdm_format_amount (value);
  g_autofree char *markup = g_markup_printf_escaped (
      "%s <span size=\"smaller\" weight=\"bold\">%s</span>", amount, currency);

  gtk_label_set_markup (label, markup);
}

static gboolean
update_totals (RdmDataPage *self, GError **error)
{
  RdmProjectInfo info = { 0 };

  if (!rdm_project_get_info (rdm_section_get_project (RDM_SECTION (self)), &info, error))
    return FALSE;

  set_count_label (self->visitors_label, info.visitors);
  set_count_label (self->touchpoints_label, info.touchpoints);
  set_count_label (self->conversions_label, info.conversions);
  set_money_label (self, self->value_label, info.conversion_value);
  set_money_label (self, self->cost_label, info.cost);
  set_count_label (self->channels_label, info.channels);
  set_count_label (self->campaigns_label, info.campaigns);
  set_count_label (self->paths_label, info.paths);

  rdm_section_show_state (RDM_SECTION (self), info.imports == 0 && info.channels == 0
                                                      && info.touchpoints == 0
                                                      && info.conversions == 0 && info.paths == 0
                                                  ? "empty"
                                                  : "data");
  return TRUE;
}

static GtkWidget *
import_row_new (const RdmImportRecord *record)
{
  g_autofree char *date = rdm_format_time (record->imported_at);
  g_autofree char *subtitle
      = g_strdup_printf ("%s · %s", rdm_import_kind_label (record->kind), date);
  g_autofree char *covered = NULL;
  g_autofree char *rows = rdm_format_count (record->rows);
  g_autofree char *rows_text = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), record->file_name);
  /* the period a GA4 file states: its path table has no dates of its own */
  if (record->period_start != 0 && record->period_end != 0)
    {
      g_autoptr (GDateTime) start = g_date_time_new_from_unix_utc (record->period_start);
      g_autoptr (GDateTime) end = g_date_time_new_from_unix_utc (record->period_end);
      g_autofree char *from = g_date_time_format (start, "%Y-%m-%d");
      g_autofree char *to = g_date_time_format (end, "%Y-%m-%d");

      /* Translators: an import's kind and date, then the days its file covers */
      covered = g_strdup_printf (_ ("%s · covers %s … %s"), subtitle, from, to);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), covered != NULL ? covered : subtitle);

  if (record->rejects > 0)
    {
      g_autofree char *rejects = rdm_format_count (record->rejects);
      g_autofree char *rejects_text
          /* Translators: %s is a number of rows refused by an import */
          = g_strdup_printf (ngettext ("%s rejected", "%s rejected", record->rejects), rejects);

      label = gtk_label_new (rejects_text);
      gtk_widget_add_css_class (label, "warning");
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }

  /* Translators: %s is a number of imported rows, e.g. "1,234" */
  rows_text = g_strdup_printf (ngettext ("%s row", "%s rows", record->rows), rows);
  label = gtk_label_new (rows_text);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  /* the window asks first and reloads every section after */
  if (rdm_import_kind_is_removable (record->kind))
    {
      adw_action_row_add_suffix (
          ADW_ACTION_ROW (row),
          rdm_row_button_new ("user-trash-symbolic", _ ("Remove This Import"), NULL,
                              "win.remove-import", g_variant_new_int64 (record->id)));
    }
  return row;
}

static gboolean
update_imports (RdmDataPage *self, GError **error)
{
  g_autoptr (GPtrArray) records
      = rdm_project_list_imports (rdm_section_get_project (RDM_SECTION (self)), error);
  GtkWidget *child;

  if (records == NULL)
    return FALSE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->imports_list))) != NULL)
    gtk_list_box_remove (self->imports_list, child);
  /* newest first: the import the user just made is the one they look for */
  for (guint i = records->len; i > 0; i--)
    gtk_list_box_append (self->imports_list, import_row_new (g_ptr_array_index (records, i - 1)));
  self->n_imports = records->len;
  return TRUE;
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  RdmCellFormat format = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "rdm-format"));
  GtkWidget *inscription = gtk_inscription_new (NULL);
  gboolean numeric = format == RDM_CELL_COUNT || format == RDM_CELL_AMOUNT;
  guint chars = format == RDM_CELL_TIME ? 20 : numeric ? 10 : 18;

  gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), numeric ? 1.0f : 0.0f);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  /* a narrow window scrolls the table sideways rather than squeezing its
   * columns below what their usual values need */
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), chars);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), chars);
  if (numeric)
    gtk_widget_add_css_class (inscription, "numeric");
  gtk_list_item_set_child (item, inscription);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "rdm-column"));
  RdmTableRow *row = gtk_list_item_get_item (item);

  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)),
                            rdm_table_row_get_cell (row, column));
}

typedef struct
{
  RdmDataTable *table;
  int column;
} SortProbe;

/* GTK 4.8 has no API to ask a GtkColumnView which column the user sorted by
 * (gtk_column_view_sorter_get_primary_sort_column() is 4.10). Its sorter
 * compares with the primary column's sorter first and inverts the result
 * when descending, so each column's sorter records its index and answers
 * "smaller": the first index recorded is the primary column, and a
 * "larger" result means descending. */
static int
sort_probe_cb (gconstpointer a, gconstpointer b, gpointer user_data)
{
  SortProbe *probe = user_data;

  if (probe->table->probe_column < 0)
    probe->table->probe_column = probe->column;
  return -1;
}

static void
view_sorter_changed_cb (GtkSorter *sorter, GtkSorterChange change, gpointer user_data)
{
  RdmDataTable *table = user_data;
  GtkOrdering order;

  if (table->model == NULL)
    return;

  table->probe_column = -1;
  order = gtk_sorter_compare (sorter, table->page, table->view);
  rdm_table_model_set_sort (table->model, table->probe_column, order == GTK_ORDERING_LARGER);
}

static void
model_changed_cb (RdmDataPage *self)
{
  update_count (self);
}

static void
add_columns (RdmDataTable *table)
{
  guint n_columns = rdm_table_model_get_n_columns (table->model);

  for (guint c = 0; c < n_columns; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr (GtkColumnViewColumn) column = NULL;
      SortProbe *probe = g_new0 (SortProbe, 1);
      GtkSorter *sorter;

      g_object_set_data (G_OBJECT (factory), "rdm-column", GUINT_TO_POINTER (c));
      g_object_set_data (G_OBJECT (factory), "rdm-format",
                         GUINT_TO_POINTER (rdm_table_model_get_column_format (table->model, c)));
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), NULL);

      column = gtk_column_view_column_new (rdm_table_model_get_column_title (table->model, c),
                                           factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, TRUE);
      probe->table = table;
      probe->column = (int)c;
      sorter = GTK_SORTER (gtk_custom_sorter_new (sort_probe_cb, probe, g_free));
      gtk_column_view_column_set_sorter (column, sorter);
      g_object_unref (sorter);
      gtk_column_view_append_column (table->view, column);
    }
}

static void
clear_tables (RdmDataPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->tables); i++)
    {
      RdmDataTable *table = &self->tables[i];

      /* the model goes first, so resetting the sort does not re-query it */
      gtk_column_view_set_model (table->view, NULL);
      g_clear_object (&table->model);
      gtk_column_view_sort_by_column (table->view, NULL, GTK_SORT_ASCENDING);
      rdm_result_table_remove_columns (table->view);
    }
}

static gboolean
load_tables (RdmDataPage *self, GError **error)
{
  const char *filter = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  RdmDataTable *visible = visible_table (self);

  for (guint i = 0; i < G_N_ELEMENTS (self->tables); i++)
    {
      RdmDataTable *table = &self->tables[i];
      g_autoptr (GtkNoSelection) selection = NULL;

      table->model = rdm_table_model_new (rdm_section_get_project (RDM_SECTION (self)),
                                          (RdmTableKind)i, error);
      if (table->model == NULL)
        return FALSE;
      g_signal_connect_object (table->model, "notify::loading", G_CALLBACK (model_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (table->model, "items-changed", G_CALLBACK (model_changed_cb), self,
                               G_CONNECT_SWAPPED);
      if (table == visible)
        rdm_table_model_set_filter (table->model, filter);
      add_columns (table);
      selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (table->model)));
      gtk_column_view_set_model (table->view, GTK_SELECTION_MODEL (selection));
    }
  return TRUE;
}

/* Totals, import log and tables, read again after the project changed. */
static void
rdm_data_page_reload (RdmSection *section)
{
  RdmDataPage *self = RDM_DATA_PAGE (section);
  g_autoptr (GError) error = NULL;

  clear_tables (self);
  if (rdm_section_get_project (section) == NULL)
    {
      rdm_section_show_state (section, "empty");
      return;
    }
  if (!update_totals (self, &error) || !update_imports (self, &error)
      || !load_tables (self, &error))
    {
      show_error (self, error);
      return;
    }
  update_count (self);
}

static void
search_changed_cb (RdmDataPage *self, GtkSearchEntry *entry)
{
  RdmDataTable *table = visible_table (self);

  if (table == NULL || table->model == NULL)
    return;
  rdm_table_model_set_filter (table->model, gtk_editable_get_text (GTK_EDITABLE (entry)));
  update_count (self);
}

/* The narrowest layout picks a table from a drop-down of the tabs' titles */
static void
sync_table_dropdown (RdmDataPage *self)
{
  g_autoptr (GtkSelectionModel) pages = adw_view_stack_get_pages (self->tables_stack);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    if (gtk_selection_model_is_selected (pages, i))
      gtk_drop_down_set_selected (self->table_dropdown, i);
}

static void
visible_table_changed_cb (RdmDataPage *self)
{
  RdmDataTable *table = visible_table (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), table != NULL);
  if (table != NULL)
    search_changed_cb (self, self->search_entry);
  update_count (self);
  sync_table_dropdown (self);
}

static void
table_dropdown_selected_cb (RdmDataPage *self)
{
  guint position = gtk_drop_down_get_selected (self->table_dropdown);
  g_autoptr (GtkSelectionModel) pages = adw_view_stack_get_pages (self->tables_stack);

  /* selecting a page of the stack's model shows it */
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_selection_model_select_item (pages, position, TRUE);
}

static void
currency_changed_cb (RdmDataPage *self)
{
  g_autoptr (GError) error = NULL;

  if (rdm_section_get_project (RDM_SECTION (self)) != NULL && !update_totals (self, &error))
    show_error (self, error);
}

static gboolean
focus_search_cb (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  RdmDataPage *self = RDM_DATA_PAGE (widget);
  GtkWidget *entry = GTK_WIDGET (self->search_entry);

  if (!gtk_widget_get_mapped (entry))
    entry = GTK_WIDGET (self->narrow_search_entry);
  if (!gtk_widget_get_sensitive (entry))
    return FALSE;
  return gtk_widget_grab_focus (entry);
}

static void
rdm_data_page_dispose (GObject *object)
{
  RdmDataPage *self = RDM_DATA_PAGE (object);

  for (guint i = 0; i < G_N_ELEMENTS (self->tables); i++)
    {
      RdmDataTable *table = &self->tables[i];

      if (table->view != NULL)
        g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (table->view), table);
      g_clear_object (&table->model);
      table->view = NULL;
    }
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), RDM_TYPE_DATA_PAGE);

  G_OBJECT_CLASS (rdm_data_page_parent_class)->dispose (object);
}

static void
rdm_data_page_class_init (RdmDataPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rdm_data_page_dispose;
  RDM_SECTION_CLASS (klass)->reload = rdm_data_page_reload;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/rendement/Rendement/widgets/rdm-data-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdmDataPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, RdmDataPage, visitors_label);
  gtk_widget_class_bind_template_child (widget_class, RdmDataPage, touchpoints_label);
  gtk_widget_class_bind_template_child (widget_class, RdmDataPage, conversions_label);
  gtk_widget_class_bind_template_child (widget_class, RdmDataPage, value_label);
  gtk_widget_class_bind_template_child (widget_class, RdmDataPage, cost_label);
  gtk_widget_class_bind_template_child (widget_class, RdmDataPage, channels_label);
  gtk_widget_class_bind_template_child (widget_class, RdmDataPage, campaigns_label);
  gtk_widget_class_bind_template_child (widget_class, RdmDataPage, paths_label);
  gtk_widget_class_bind_template_child (widget_class, RdmDataPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, RdmDataPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RdmDataPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RdmDataPage, narrow_search_entry);
  gtk_widget_class_bind_template_child (widget_class, RdmDataPage, table_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdmDataPage, tables_stack);
  gtk_widget_class_bind_template_child (widget_class, RdmDataPage, imports_list);
  gtk_widget_class_bind_template_child (widget_class, RdmDataPage, touchpoints_view);
  gtk_widget_class_bind_template_child (widget_class, RdmDataPage, conversions_view);
  gtk_widget_class_bind_template_child (widget_class, RdmDataPage, costs_view);
  gtk_widget_class_bind_template_child (widget_class, RdmDataPage, campaigns_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, visible_table_changed_cb);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, focus_search_cb, NULL);
}

static void
rdm_data_page_init (RdmDataPage *self)
{
  GtkColumnView *views[G_N_ELEMENTS (self->tables)];

  gtk_widget_init_template (GTK_WIDGET (self));
  rdm_section_set_status_widgets (RDM_SECTION (self), self->content_stack, self->spinner, NULL);

  views[RDM_TABLE_TOUCHPOINTS] = self->touchpoints_view;
  views[RDM_TABLE_CONVERSIONS] = self->conversions_view;
  views[RDM_TABLE_COSTS] = self->costs_view;
  views[RDM_TABLE_CAMPAIGNS] = self->campaigns_view;
  for (guint i = 0; i < G_N_ELEMENTS (self->tables); i++)
    {
      RdmDataTable *table = &self->tables[i];

      table->page = self;
      table->view = views[i];
      table->probe_column = -1;
      g_signal_connect (gtk_column_view_get_sorter (table->view), "changed",
                        G_CALLBACK (view_sorter_changed_cb), table);
    }

  g_object_bind_property (self->search_entry, "text", self->narrow_search_entry, "text",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->search_entry, "sensitive", self->narrow_search_entry, "sensitive",
                          G_BINDING_SYNC_CREATE);
  {
    g_autoptr (GtkSelectionModel) pages = adw_view_stack_get_pages (self->tables_stack);

    gtk_drop_down_set_expression (
        self->table_dropdown,
        gtk_property_expression_new (ADW_TYPE_VIEW_STACK_PAGE, NULL, "title"));
    gtk_drop_down_set_model (self->table_dropdown, G_LIST_MODEL (pages));
    sync_table_dropdown (self);
    g_signal_connect_object (self->table_dropdown, "notify::selected",
                             G_CALLBACK (table_dropdown_selected_cb), self, G_CONNECT_SWAPPED);
  }
  gtk_list_box_set_placeholder (self->imports_list,
                                gtk_label_new (_ ("Nothing has been imported yet")));
  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed::currency", G_CALLBACK (currency_changed_cb),
                           self, G_CONNECT_SWAPPED);
  rdm_section_show_state (RDM_SECTION (self), "empty");
}

GtkWidget *
rdm_data_page_new (void)
{
  return g_object_new (RDM_TYPE_DATA_PAGE, NULL);
}

RdmTableModel *
rdm_data_page_get_table (RdmDataPage *self, RdmTableKind kind)
{
  g_return_val_if_fail (RDM_IS_DATA_PAGE (self), NULL);
  g_return_val_if_fail (kind <= RDM_TABLE_CAMPAIGNS, NULL);
  return self->tables[kind].model;
}
