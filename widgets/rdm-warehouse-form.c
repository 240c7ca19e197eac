/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rdm-csv.h"
#include "rdm-result-table.h"
#include "rdm-warehouse-form-private.h"

#define SECONDS_PER_DAY 86400

G_DEFINE_FINAL_TYPE (RdmWarehouseForm, rdm_warehouse_form, GTK_TYPE_BOX)

/* The row's text without blanks around it, or NULL when empty. */
static char *
row_text (AdwEntryRow *row)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*text != '\0')
    return text;
  g_free (text);
  return NULL;
}

static gboolean
field_error (GError **error, const char *message)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, message);
  return FALSE;
}

/* The day typed in @row as its first second, or @unbounded when empty. */
static gboolean
row_day (AdwEntryRow *row, gint64 unbounded, gint64 *day, GError **error)
{
  g_autofree char *text = row_text (row);
  gint64 time;

  if (text == NULL)
    {
      *day = unbounded;
      return TRUE;
    }
  if (!rdm_csv_parse_time (text, &time))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: the field's title, then what was typed */
                   _ ("%s: “%s” is not a date; type it as YYYY-MM-DD or DD/MM/YYYY"),
                   adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), text);
      return FALSE;
    }
  *day = rdm_csv_day_of (time);
  return TRUE;
}

static char **
row_events (AdwEntryRow *row)
{
  g_autofree char *text = row_text (row);
  g_auto (GStrv) parts = NULL;
  g_autoptr (GStrvBuilder) events = NULL;
  guint n = 0;

  if (text == NULL)
    return NULL;
  parts = g_strsplit (text, ",", -1);
  events = g_strv_builder_new ();
  for (guint i = 0; parts[i] != NULL; i++)
    if (*g_strstrip (parts[i]) != '\0')
      {
        g_strv_builder_add (events, parts[i]);
        n++;
      }
  return n > 0 ? g_strv_builder_end (events) : NULL;
}

/* A copy of @mapping (canonical -> column) without "order", which the
 * form has a row for; an empty table for NULL. */
static GHashTable *
copy_mapping (GHashTable *mapping)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, value;

  if (mapping == NULL)
    return copy;
  g_hash_table_iter_init (&iter, mapping);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_str_equal (key, "order"))
      g_hash_table_insert (copy, g_strdup (key), g_strdup (value));
  return copy;
}

static int
compare_names (const void *a, const void *b)
{
  return g_strcmp0 (*(const char *const *)a, *(const char *const *)b);
}

/* "value ← revenue, event ← name", in a stable order */
static char *
describe_mapping (GHashTable *mapping)
{
  guint n = 0;
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (mapping, &n);
  GString *text = g_string_new (NULL);

  qsort (keys, n, sizeof *keys, compare_names);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%s ← %s", i > 0 ? ", " : "", (const char *)keys[i],
                            (const char *)g_hash_table_lookup (mapping, keys[i]));
  return g_string_free (text, FALSE);
}

RdmWarehouseSource *
rdm_warehouse_form_get_source (RdmWarehouseForm *self, GError **error)
{
  g_autoptr (RdmWarehouseSource) request = rdm_warehouse_source_new ();
  g_autofree char *order = NULL;
  const char *password;

  g_return_val_if_fail (RDM_IS_WAREHOUSE_FORM (self), NULL);

  request->connection = row_text (self->connection_row);
  if (request->connection == NULL)
    return field_error (error, _ ("Type the connection to the database, such as "
                                  "postgresql://analyst@warehouse/shop")),
           NULL;
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  request->password = *password != '\0' ? g_strdup (password) : NULL;
  request->table = row_text (self->table_row);
  if (request->table == NULL)
    return field_error (error, _ ("Type the name of the events table")), NULL;
  request->mapping = copy_mapping (self->kept_mapping);
  order = row_text (self->order_row);
  if (order != NULL)
    g_hash_table_insert (request->mapping, g_strdup ("order"), g_steal_pointer (&order));
  request->costs_table = row_text (self->costs_row);
  if (request->costs_table != NULL && g_strcmp0 (request->costs_table, self->kept_costs_table) == 0)
    request->costs_mapping = copy_mapping (self->kept_costs_mapping);

  request->path.click_window_days = gtk_spin_button_get_value (self->click_spin);
  request->path.view_window_days = gtk_spin_button_get_value (self->view_spin);
  request->path.restart_after_conversion = gtk_switch_get_active (self->restart_switch);
  if (!row_day (self->from_row, G_MININT64, &request->path.from_time, error)
      || !row_day (self->to_row, G_MAXINT64, &request->path.to_time, error))
    return NULL;
  /* the last day is included */
  if (request->path.to_time != G_MAXINT64)
    request->path.to_time += SECONDS_PER_DAY;
  if (request->path.from_time >= request->path.to_time)
    return field_error (error, _ ("The evaluation period ends before it starts")), NULL;
  request->path.events = row_events (self->events_row);
  return g_steal_pointer (&request);
}

static void
set_day (AdwEntryRow *row, gint64 time, gboolean unbounded)
{
  g_autoptr (GDateTime) date = NULL;
  g_autofree char *text = NULL;

  if (!unbounded)
    {
      date = g_date_time_new_from_unix_utc (time);
      text = g_date_time_format (date, "%Y-%m-%d");
    }
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

void
rdm_warehouse_form_set_source (RdmWarehouseForm *self, const RdmWarehouseSource *source)
{
  const char *order
      = source->mapping != NULL ? g_hash_table_lookup (source->mapping, "order") : NULL;

  g_return_if_fail (RDM_IS_WAREHOUSE_FORM (self));

  gtk_editable_set_text (GTK_EDITABLE (self->connection_row),
                         source->connection != NULL ? source->connection : "");
  gtk_editable_set_text (GTK_EDITABLE (self->table_row),
                         source->table != NULL ? source->table : "");
  gtk_editable_set_text (GTK_EDITABLE (self->order_row), order != NULL ? order : "");
  gtk_editable_set_text (GTK_EDITABLE (self->costs_row),
                         source->costs_table != NULL ? source->costs_table : "");
  g_clear_pointer (&self->kept_mapping, g_hash_table_unref);
  g_clear_pointer (&self->kept_costs_mapping, g_hash_table_unref);
  g_clear_pointer (&self->kept_costs_table, g_free);
  self->kept_mapping = copy_mapping (source->mapping);
  self->kept_costs_table = g_strdup (source->costs_table);
  self->kept_costs_mapping = copy_mapping (source->costs_mapping);
  if (g_hash_table_size (self->kept_mapping) > 0)
    {
      g_autofree char *columns = describe_mapping (self->kept_mapping);
      g_autofree char *text
          /* Translators: "value ← revenue, event ← name": canonical column ← the table's */
          = g_strdup_printf (_ ("Read as in the last import: %s"), columns);

      gtk_label_set_text (self->mapping_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_label),
                          g_hash_table_size (self->kept_mapping) > 0);
}

void
rdm_warehouse_form_set_path_options (RdmWarehouseForm *self, const RdmPathOptions *path)
{
  g_autofree char *events = NULL;

  g_return_if_fail (RDM_IS_WAREHOUSE_FORM (self));

  gtk_spin_button_set_value (self->click_spin, path->click_window_days);
  gtk_spin_button_set_value (self->view_spin, path->view_window_days);
  gtk_switch_set_active (self->restart_switch, path->restart_after_conversion);
  set_day (self->from_row, path->from_time, path->from_time == G_MININT64);
  set_day (self->to_row, path->to_time - SECONDS_PER_DAY, path->to_time == G_MAXINT64);
  events = path->events != NULL ? g_strjoinv (", ", path->events) : NULL;
  gtk_editable_set_text (GTK_EDITABLE (self->events_row), events != NULL ? events : "");
}

void
rdm_warehouse_form_show_problem (RdmWarehouseForm *self, const char *message, gboolean ask_password)
{
  g_return_if_fail (RDM_IS_WAREHOUSE_FORM (self));

  gtk_label_set_text (self->problem_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), message != NULL);
  if (ask_password)
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
test_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  RdmWarehouseSource *job = task_data;
  GError *error = NULL;
  char *description = NULL;

  if (rdm_warehouse_test_connection (job->connection, job->password, &description, cancellable,
                                     &error))
    g_task_return_pointer (task, description, g_free);
  else
    g_task_return_error (task, error);
}

static void
test_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RdmWarehouseForm *self = RDM_WAREHOUSE_FORM (source);
  g_autoptr (GError) error = NULL;
  g_autofree char *description = g_task_propagate_pointer (G_TASK (result), &error);

  g_clear_object (&self->test_cancellable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "warehouse.test", TRUE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  adw_action_row_set_subtitle (self->test_row,
                               description != NULL ? description : _ ("The connection failed"));
  rdm_warehouse_form_show_problem (
      self, error != NULL ? error->message : NULL,
      g_error_matches (error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_PASSWORD));
}

static void
test_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmWarehouseForm *self = RDM_WAREHOUSE_FORM (widget);
  g_autoptr (GTask) task = NULL;
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  RdmWarehouseSource *job = rdm_warehouse_source_new ();

  job->connection = row_text (self->connection_row);
  if (job->connection == NULL)
    {
      rdm_warehouse_source_free (job);
      rdm_warehouse_form_show_problem (
          self,
          _ ("Type the connection to the database, such as postgresql://analyst@warehouse/shop"),
          FALSE);
      return;
    }
  job->password = *password != '\0' ? g_strdup (password) : NULL;
  adw_action_row_set_subtitle (self->test_row, _ ("Connecting…"));
  rdm_warehouse_form_show_problem (self, NULL, FALSE);
  gtk_widget_action_set_enabled (widget, "warehouse.test", FALSE);
  self->test_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->test_cancellable, test_done_cb, NULL);
  g_task_set_source_tag (task, test_action);
  g_task_set_task_data (task, job, (GDestroyNotify)rdm_warehouse_source_free);
  g_task_run_in_thread (task, test_thread);
}

static void
rdm_warehouse_form_dispose (GObject *object)
{
  RdmWarehouseForm *self = RDM_WAREHOUSE_FORM (object);

  if (self->test_cancellable != NULL)
    g_cancellable_cancel (self->test_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RDM_TYPE_WAREHOUSE_FORM);
  G_OBJECT_CLASS (rdm_warehouse_form_parent_class)->dispose (object);
}

static void
rdm_warehouse_form_finalize (GObject *object)
{
  RdmWarehouseForm *self = RDM_WAREHOUSE_FORM (object);

  g_clear_object (&self->test_cancellable);
  g_clear_pointer (&self->kept_mapping, g_hash_table_unref);
  g_clear_pointer (&self->kept_costs_mapping, g_hash_table_unref);
  g_free (self->kept_costs_table);
  G_OBJECT_CLASS (rdm_warehouse_form_parent_class)->finalize (object);
}

static void
rdm_warehouse_form_class_init (RdmWarehouseFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rdm_warehouse_form_dispose;
  object_class->finalize = rdm_warehouse_form_finalize;

  rdm_widgets_ensure_resources ();
  gtk_widget_class_set_template_from_resource (
      widget_class, "/fr/rendement/Rendement/widgets/rdm-warehouse-form.ui");
  gtk_widget_class_bind_template_child (widget_class, RdmWarehouseForm, connection_row);
  gtk_widget_class_bind_template_child (widget_class, RdmWarehouseForm, password_row);
  gtk_widget_class_bind_template_child (widget_class, RdmWarehouseForm, test_row);
  gtk_widget_class_bind_template_child (widget_class, RdmWarehouseForm, table_row);
  gtk_widget_class_bind_template_child (widget_class, RdmWarehouseForm, order_row);
  gtk_widget_class_bind_template_child (widget_class, RdmWarehouseForm, costs_row);
  gtk_widget_class_bind_template_child (widget_class, RdmWarehouseForm, click_spin);
  gtk_widget_class_bind_template_child (widget_class, RdmWarehouseForm, view_spin);
  gtk_widget_class_bind_template_child (widget_class, RdmWarehouseForm, restart_switch);
  gtk_widget_class_bind_template_child (widget_class, RdmWarehouseForm, from_row);
  gtk_widget_class_bind_template_child (widget_class, RdmWarehouseForm, to_row);
  gtk_widget_class_bind_template_child (widget_class, RdmWarehouseForm, events_row);
  gtk_widget_class_bind_template_child (widget_class, RdmWarehouseForm, problem_label);
  gtk_widget_class_bind_template_child (widget_class, RdmWarehouseForm, mapping_label);
  gtk_widget_class_install_action (widget_class, "warehouse.test", NULL, test_action);
}

static void
rdm_warehouse_form_init (RdmWarehouseForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

RdmWarehouseForm *
rdm_warehouse_form_new (void)
{
  return g_object_new (RDM_TYPE_WAREHOUSE_FORM, NULL);
}
