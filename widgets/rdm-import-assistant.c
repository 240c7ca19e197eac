/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rdm-analysis-config.h"
#include "rdm-error-dialog.h"
#include "rdm-format.h"
#include "rdm-import-assistant-private.h"
#include "rdm-import.h"
#include "rdm-result-table.h"

#define PREVIEW_ROWS 20

/* The kinds offered, in the order of the kind row; RDM_IMPORT_KIND_NONE is
 * never offered: the preview guesses one. */
static const RdmImportKind kinds[] = {
  RDM_IMPORT_KIND_EVENTS,      RDM_IMPORT_KIND_COSTS,    RDM_IMPORT_KIND_DAILY,
  RDM_IMPORT_KIND_ATTRIBUTES,  RDM_IMPORT_KIND_PATHS,    RDM_IMPORT_KIND_SURVEY,
  RDM_IMPORT_KIND_EXPERIMENTS, RDM_IMPORT_KIND_OUTCOMES,
};

enum
{
  PROP_0,
  PROP_PROJECT_PATH,
  PROP_FILE_PATH,
  N_PROPS
};

enum
{
  SIGNAL_IMPORTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RdmImportAssistant, rdm_import_assistant, ADW_TYPE_WINDOW)

static const char *
kind_title (RdmImportKind kind)
{
  switch (kind)
    {
    case RDM_IMPORT_KIND_EVENTS:
      return _ ("Events: touches and conversions");
    case RDM_IMPORT_KIND_COSTS:
      return _ ("Costs");
    case RDM_IMPORT_KIND_DAILY:
      return _ ("Campaign daily figures");
    case RDM_IMPORT_KIND_ATTRIBUTES:
      return _ ("Visitor attributes");
    case RDM_IMPORT_KIND_PATHS:
      return _ ("Aggregated paths");
    case RDM_IMPORT_KIND_SURVEY:
      return _ ("Survey or brand series");
    case RDM_IMPORT_KIND_EXPERIMENTS:
      return _ ("Incrementality experiments");
    case RDM_IMPORT_KIND_OUTCOMES:
      return _ ("Daily outcomes");
    case RDM_IMPORT_KIND_NONE:
    default:
      return _ ("Unknown");
    }
}

static RdmImportKind
selected_kind (RdmImportAssistant *self)
{
  guint index = adw_combo_row_get_selected (self->kind_row);

  return index < G_N_ELEMENTS (kinds) ? kinds[index] : RDM_IMPORT_KIND_NONE;
}

static const char *
selected_preset (RdmImportAssistant *self)
{
  guint index = adw_combo_row_get_selected (self->preset_row);

  if (self->presets == NULL || index >= g_strv_length (self->presets))
    return NULL;
  return self->presets[index];
}

static void
set_problem (RdmImportAssistant *self, const char *message)
{
  gtk_label_set_text (self->problem_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), message != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.import",
                                 message == NULL && self->file_path != NULL);
}

/* The mapping the user chose in the column rows: canonical column -> file
 * header, for the columns that name one. */
static GHashTable *
current_mapping (RdmImportAssistant *self)
{
  GHashTable *mapping = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < self->mapping_rows->len; i++)
    {
      AdwComboRow *row = g_ptr_array_index (self->mapping_rows, i);
      guint selected = adw_combo_row_get_selected (row);
      const char *column = g_object_get_data (G_OBJECT (row), "rdm-column");

      /* entry 0 is "not in the file" */
      if (selected > 0 && selected != GTK_INVALID_LIST_POSITION && self->preview != NULL)
        g_hash_table_insert (mapping, g_strdup (column),
                             g_strdup (self->preview->header[selected - 1]));
    }
  return mapping;
}

/* The channel typed for an ad-platform export's rows, or NULL: the rules
 * choose. Valid until the row's text changes. */
static const char *
chosen_channel (RdmImportAssistant *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->channel_row));

  if (!gtk_widget_get_visible (GTK_WIDGET (self->channel_row)))
    return NULL;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return text;
  return NULL;
}

static void
fill_options (RdmImportAssistant *self, RdmImportOptions *options, gboolean with_mapping)
{
  *options = (RdmImportOptions){
    .kind = selected_kind (self),
    .preset = selected_preset (self),
    .mapping = with_mapping ? current_mapping (self) : NULL,
    .skip_bad_rows = gtk_switch_get_active (self->skip_switch),
    .channel = chosen_channel (self),
  };
}

static void
preview_cell_setup (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_list_item_set_child (item, label);
}

static void
preview_cell_bind (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  RdmImportAssistant *self = user_data;
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "rdm-column"));
  guint row = gtk_list_item_get_position (item);
  GStrv fields;

  if (self->preview == NULL || row >= self->preview->rows->len)
    return;
  fields = g_ptr_array_index (self->preview->rows, row);
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      column < g_strv_length (fields) ? fields[column] : "");
}

static void
rebuild_preview_table (RdmImportAssistant *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->preview_view);
  g_autoptr (GtkStringList) rows = gtk_string_list_new (NULL);
  g_autoptr (GtkNoSelection) selection = NULL;

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (self->preview_view, column);
    }
  if (self->preview == NULL)
    return;
  for (guint i = 0; self->preview->header[i] != NULL; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr (GtkColumnViewColumn) column = NULL;

      g_object_set_data (G_OBJECT (factory), "rdm-column", GUINT_TO_POINTER (i));
      g_signal_connect (factory, "setup", G_CALLBACK (preview_cell_setup), self);
      g_signal_connect (factory, "bind", G_CALLBACK (preview_cell_bind), self);
      column = gtk_column_view_column_new (self->preview->header[i], factory);
      gtk_column_view_append_column (self->preview_view, column);
    }
  /* items only count rows; the cells read the preview */
  for (guint r = 0; r < self->preview->rows->len; r++)
    gtk_string_list_append (rows, "");
  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&rows)));
  gtk_column_view_set_model (self->preview_view, GTK_SELECTION_MODEL (selection));
}

static void mapping_changed_cb (RdmImportAssistant *self);

static void
rebuild_mapping_rows (RdmImportAssistant *self)
{
  g_autoptr (GtkStringList) choices = gtk_string_list_new (NULL);

  for (guint i = 0; i < self->mapping_rows->len; i++)
    adw_preferences_group_remove (self->mapping_group, g_ptr_array_index (self->mapping_rows, i));
  g_ptr_array_set_size (self->mapping_rows, 0);
  if (self->preview == NULL || self->preview->columns == NULL)
    return;

  gtk_string_list_append (choices, _ ("— Not in the file —"));
  for (guint i = 0; self->preview->header[i] != NULL; i++)
    gtk_string_list_append (choices, self->preview->header[i]);

  for (guint c = 0; self->preview->columns[c] != NULL; c++)
    {
      GtkWidget *row = adw_combo_row_new ();
      const char *mapped = self->preview->mapped_header[c];
      guint selected = 0;

      for (guint i = 0; mapped[0] != '\0' && self->preview->header[i] != NULL; i++)
        if (g_str_equal (self->preview->header[i], mapped))
          selected = i + 1;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), self->preview->columns[c]);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choices));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
      g_object_set_data_full (G_OBJECT (row), "rdm-column", g_strdup (self->preview->columns[c]),
                              g_free);
      g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (mapping_changed_cb), self);
      adw_preferences_group_add (self->mapping_group, row);
      g_ptr_array_add (self->mapping_rows, row);
    }
}

static void
set_presets (RdmImportAssistant *self, RdmImportKind kind, const char *preset)
{
  g_autoptr (GtkStringList) model = NULL;
  guint selected = 0;

  g_clear_pointer (&self->presets, g_strfreev);
  self->presets = rdm_import_list_presets (kind);
  model = gtk_string_list_new ((const char *const *)self->presets);
  for (guint i = 0; self->presets[i] != NULL; i++)
    if (g_strcmp0 (self->presets[i], preset) == 0)
      selected = i;
  adw_combo_row_set_model (self->preset_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->preset_row, selected);
}

/* Says which preset reads the file and why: the first look's detection
 * while its preset is the one selected, what the preset chosen reads
 * otherwise. */
static void
show_reason (RdmImportAssistant *self)
{
  const char *preset = self->preview != NULL ? self->preview->preset : NULL;
  const char *reason = NULL;

  /* nothing detected: what the first look said of the file still holds */
  if ((preset != NULL && g_strcmp0 (preset, self->detected_preset) == 0)
      || self->detected_preset == NULL)
    reason = self->detected_reason;
  else if (self->preview != NULL)
    reason = self->preview->reason;
  gtk_label_set_text (self->detected_label, reason != NULL ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detected_label), reason != NULL);
}

/* Reads the file's first rows again with the options chosen so far. A
 * change of kind or preset starts from that preset's own mapping; a change
 * of one column keeps the user's mapping. */
static void
refresh (RdmImportAssistant *self, gboolean keep_mapping)
{
  g_autoptr (GError) error = NULL;
  RdmImportOptions options;
  RdmImportPreview *preview;

  if (self->file_path == NULL)
    return;
  self->updating = TRUE;
  fill_options (self, &options, keep_mapping);
  preview = rdm_import_preview (self->file_path, PREVIEW_ROWS, &options, &error);
  g_clear_pointer (&options.mapping, g_hash_table_unref);
  g_clear_pointer (&self->preview, rdm_import_preview_free);
  self->preview = preview;

  show_reason (self);
  if (preview == NULL)
    {
      rebuild_mapping_rows (self);
      rebuild_preview_table (self);
      set_problem (self, error->message);
      self->updating = FALSE;
      return;
    }
  if (!keep_mapping)
    rebuild_mapping_rows (self);
  rebuild_preview_table (self);
  gtk_widget_set_visible (GTK_WIDGET (self->channel_row),
                          preview->preset != NULL
                              && rdm_import_preset_is_platform (preview->preset));
  if (preview->kind == RDM_IMPORT_KIND_NONE && preview->problem == NULL)
    set_problem (self, _ ("This file does not look like any kind of data Rendement imports: "
                          "choose the kind and map its columns."));
  else
    set_problem (self, preview->problem);
  self->updating = FALSE;
}

static void
mapping_changed_cb (RdmImportAssistant *self)
{
  if (!self->updating)
    refresh (self, TRUE);
}

static void
kind_changed_cb (RdmImportAssistant *self)
{
  if (self->updating)
    return;
  self->updating = TRUE;
  set_presets (self, selected_kind (self), NULL);
  self->updating = FALSE;
  refresh (self, FALSE);
}

static void
preset_changed_cb (RdmImportAssistant *self)
{
  if (!self->updating)
    refresh (self, FALSE);
}

static char *
describe_file (const RdmImportPreview *preview, const char *path)
{
  g_autofree char *size = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                  G_FILE_QUERY_INFO_NONE, NULL, NULL);

  if (info != NULL)
    size = g_format_size (g_file_info_get_size (info));
  return g_strdup_printf ("%s · %s%s%s%s", size != NULL ? size : "",
                          preview->separator == ';'    ? _ ("semicolon-separated")
                          : preview->separator == '\t' ? _ ("tab-separated")
                                                       : _ ("comma-separated"),
                          g_str_has_prefix (preview->encoding, "UTF-16") ? _ (", UTF-16")
                          : preview->bom                                 ? _ (", UTF-8 with BOM")
                                                                         : "",
                          preview->skipped != NULL ? " · " : "",
                          preview->skipped != NULL ? preview->skipped : "");
}

void
rdm_import_assistant_set_file (RdmImportAssistant *self, const char *file_path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *basename = NULL;

  g_return_if_fail (RDM_IS_IMPORT_ASSISTANT (self));

  g_free (self->file_path);
  self->file_path = g_strdup (file_path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE_PATH]);
  if (file_path == NULL)
    {
      set_problem (self, NULL);
      return;
    }
  basename = g_path_get_basename (file_path);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), basename);

  /* a first look without options guesses the kind and the preset */
  g_clear_pointer (&self->preview, rdm_import_preview_free);
  self->preview = rdm_import_preview (file_path, PREVIEW_ROWS, NULL, &error);
  g_clear_pointer (&self->detected_preset, g_free);
  g_clear_pointer (&self->detected_reason, g_free);
  self->updating = TRUE;
  if (self->preview != NULL)
    {
      self->detected_preset = g_strdup (self->preview->preset);
      /* a GA4 export that no preset reads says why in its problem */
      self->detected_reason = g_strdup (self->preview->reason != NULL ? self->preview->reason
                                                                      : self->preview->problem);
      g_autofree char *description = describe_file (self->preview, file_path);
      RdmImportKind kind = self->preview->kind != RDM_IMPORT_KIND_NONE ? self->preview->kind
                                                                       : RDM_IMPORT_KIND_EVENTS;

      adw_action_row_set_subtitle (self->file_row, description);
      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        if (kinds[i] == kind)
          adw_combo_row_set_selected (self->kind_row, i);
      set_presets (self, kind, self->preview->preset);
    }
  else
    adw_action_row_set_subtitle (self->file_row, "");
  self->updating = FALSE;

  if (self->preview == NULL)
    {
      rebuild_mapping_rows (self);
      rebuild_preview_table (self);
      set_problem (self, error->message);
      return;
    }
  refresh (self, FALSE);
}

static void
chooser_response_cb (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  RdmImportAssistant *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        rdm_import_assistant_set_file (self, path);
    }
  g_object_unref (dialog);
}

static void
choose_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  GtkFileChooserNative *chooser
      = gtk_file_chooser_native_new (_ ("Choose a CSV File"), GTK_WINDOW (widget),
                                     GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"), _ ("_Cancel"));
  g_autoptr (GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (csv, _ ("CSV files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_suffix (csv, "txt");
  gtk_file_filter_set_name (all, _ ("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
database_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  rdm_import_assistant_show_database (RDM_IMPORT_ASSISTANT (widget));
}

typedef struct
{
  char *project_path;
  char *file_path;
  /* the database route instead of a file, when not NULL */
  RdmWarehouseSource *warehouse;
  RdmImportOptions options;
  char *preset;
  char *channel;
  GWeakRef assistant;
  double fraction;
  gboolean progress_queued;
  GMutex lock;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_free (job->project_path);
  g_free (job->file_path);
  g_clear_pointer (&job->warehouse, rdm_warehouse_source_free);
  g_free (job->preset);
  g_free (job->channel);
  g_clear_pointer (&job->options.mapping, g_hash_table_unref);
  g_weak_ref_clear (&job->assistant);
  g_mutex_clear (&job->lock);
  g_free (job);
}

static gboolean
show_progress_idle (gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  ImportJob *job = g_task_get_task_data (task);
  g_autoptr (RdmImportAssistant) self = g_weak_ref_get (&job->assistant);
  double fraction;

  g_mutex_lock (&job->lock);
  fraction = job->fraction;
  job->progress_queued = FALSE;
  g_mutex_unlock (&job->lock);
  if (self != NULL)
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  return G_SOURCE_REMOVE;
}

/* Called in the worker: at most one redraw waits in the main loop. */
static void
import_progress_cb (double fraction, gpointer user_data)
{
  GTask *task = user_data;
  ImportJob *job = g_task_get_task_data (task);
  gboolean queue;

  g_mutex_lock (&job->lock);
  job->fraction = fraction;
  queue = !job->progress_queued;
  job->progress_queued = TRUE;
  g_mutex_unlock (&job->lock);
  if (queue)
    g_main_context_invoke (NULL, show_progress_idle, g_object_ref (task));
}

static void
import_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (job->project_path, &error);
  RdmImportReport *report = NULL;

  if (project != NULL && job->warehouse != NULL)
    {
      RdmWarehouseReport *warehouse_report = NULL;
      RdmWarehouseOptions options;

      rdm_warehouse_source_get_options (job->warehouse, &options);
      if (!rdm_warehouse_import (project, &options, cancellable, import_progress_cb, task,
                                 &warehouse_report, &error))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, warehouse_report, (GDestroyNotify)rdm_warehouse_report_free);
      return;
    }
  if (project == NULL
      || !rdm_import_file (project, job->file_path, &job->options, cancellable, import_progress_cb,
                           task, &report, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, report, (GDestroyNotify)rdm_import_report_free);
}

static void
reject_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_item_set_child (item, label);
}

static void
reject_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkStringObject *text = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (text));
}

static void
show_summary (RdmImportAssistant *self, const RdmImportReport *report, const GError *error)
{
  g_autoptr (GtkStringList) rejects = gtk_string_list_new (NULL);
  g_autoptr (GtkNoSelection) selection = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->import_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->close_button), TRUE);

  if (error != NULL)
    {
      gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

      adw_status_page_set_icon_name (self->summary_page,
                                     cancelled ? "process-stop-symbolic" : "dialog-error-symbolic");
      adw_status_page_set_title (self->summary_page,
                                 cancelled ? _ ("Import Cancelled") : _ ("Nothing Was Imported"));
      rdm_status_page_set_description_text (
          self->summary_page, cancelled ? _ ("The project is unchanged.") : error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->rejects_window), FALSE);
    }
  else
    {
      g_autofree char *count = g_strdup_printf ("%'" G_GUINT64_FORMAT, report->rows_imported);
      g_autofree char *title
          = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %s Row", "Imported %s Rows",
                                          report->rows_imported),
                             count);
      g_autoptr (GString) description = g_string_new (NULL);

      if (report->rejects->len > 0)
        g_string_append_printf (
            description,
            g_dngettext (GETTEXT_PACKAGE, "%u row was rejected; it is listed below.",
                         "%u rows were rejected; they are listed below.", report->rejects->len),
            report->rejects->len);
      /* what was skipped or spread, one line each */
      for (guint i = 0; i < report->notes->len; i++)
        g_string_append_printf (description, "%s%s", description->len > 0 ? "\n" : "",
                                (const char *)report->notes->pdata[i]);
      adw_status_page_set_icon_name (self->summary_page, "emblem-ok-symbolic");
      adw_status_page_set_title (self->summary_page, title);
      rdm_status_page_set_description_text (self->summary_page,
                                            description->len > 0 ? description->str : NULL);
      for (guint i = 0; i < report->rejects->len; i++)
        {
          const RdmImportReject *reject = g_ptr_array_index (report->rejects, i);
          gtk_string_list_append (rejects, reject->message);
        }
      gtk_widget_set_visible (GTK_WIDGET (self->rejects_window), report->rejects->len > 0);
    }
  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&rejects)));
  gtk_list_view_set_model (self->rejects_view, GTK_SELECTION_MODEL (selection));
  gtk_stack_set_visible_child_name (self->stack, "summary");
}

/* The database's summary: what came home, in the units people count. */
static void
show_warehouse_summary (RdmImportAssistant *self, const RdmWarehouseReport *report)
{
  g_autofree char *rows = rdm_format_count ((gint64)report->path_rows);
  g_autofree char *conversions = rdm_format_fixed (report->conversions, 0);
  g_autofree char *nulls = rdm_format_fixed (report->nulls, 0);
  g_autofree char *value = rdm_format_amount (report->value);
  g_autofree char *title = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "Imported %s Distinct Path", "Imported %s Distinct Paths",
                   (gulong)MIN (report->path_rows, G_MAXULONG)),
      rows);
  g_autofree char *days = rdm_format_count ((gint64)report->outcome_days);
  g_autofree char *costs = rdm_format_count ((gint64)report->cost_rows);
  g_autoptr (GString) description = g_string_new (NULL);

  g_string_append_printf (
      description,
      /* Translators: conversions, their value, non-converting journeys */
      _ ("The database built them from the table %s: %s conversions worth %s, and %s "
         "journeys without a conversion."),
      report->source, conversions, value, nulls);
  g_string_append_c (description, '\n');
  g_string_append_printf (description,
                          g_dngettext (GETTEXT_PACKAGE, "%s day of outcomes", "%s days of outcomes",
                                       (gulong)MIN (report->outcome_days, G_MAXULONG)),
                          days);
  g_string_append (description, ", ");
  g_string_append_printf (description,
                          g_dngettext (GETTEXT_PACKAGE, "%s cost row", "%s cost rows",
                                       (gulong)MIN (report->cost_rows, G_MAXULONG)),
                          costs);
  g_string_append_c (description, '.');
  if (report->replaced_import_id != 0)
    {
      g_autofree char *replaced = g_strdup_printf ("%" G_GINT64_FORMAT, report->replaced_import_id);

      g_string_append_c (description, '\n');
      /* Translators: %s is the number of an earlier import */
      g_string_append_printf (description, _ ("They replace import %s, from the same table."),
                              replaced);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->close_button), TRUE);
  adw_status_page_set_icon_name (self->summary_page, "emblem-ok-symbolic");
  adw_status_page_set_title (self->summary_page, title);
  rdm_status_page_set_description_text (self->summary_page, description->str);
  gtk_widget_set_visible (GTK_WIDGET (self->rejects_window), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "summary");
}

static void
import_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RdmImportAssistant *self = RDM_IMPORT_ASSISTANT (source);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  gpointer report = g_task_propagate_pointer (G_TASK (result), &error);

  g_clear_object (&self->cancellable);
  self->importing = FALSE;
  if (job->warehouse != NULL)
    {
      g_autoptr (RdmWarehouseReport) warehouse_report = report;

      /* a refused connection or table is for the form to correct, not the
       * end of the assistant */
      if (error != NULL && error->domain == RDM_WAREHOUSE_ERROR)
        {
          gtk_stack_set_visible_child_name (self->stack, "database");
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.import", TRUE);
          rdm_warehouse_form_show_problem (
              self->warehouse_form, error->message,
              g_error_matches (error, RDM_WAREHOUSE_ERROR, RDM_WAREHOUSE_ERROR_PASSWORD));
          return;
        }
      if (error != NULL)
        show_summary (self, NULL, error);
      else
        show_warehouse_summary (self, warehouse_report);
    }
  else
    {
      g_autoptr (RdmImportReport) file_report = report;

      show_summary (self, file_report, error);
    }
  if (report != NULL)
    g_signal_emit (self, signals[SIGNAL_IMPORTED], 0);
}

static void
import_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmImportAssistant *self = RDM_IMPORT_ASSISTANT (widget);
  g_autoptr (GTask) task = NULL;
  ImportJob *job;

  if (self->importing)
    return;
  job = g_new0 (ImportJob, 1);
  g_weak_ref_init (&job->assistant, self);
  g_mutex_init (&job->lock);
  job->project_path = g_strdup (self->project_path);
  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "database"))
    {
      g_autoptr (GError) error = NULL;

      job->warehouse = rdm_warehouse_form_get_source (self->warehouse_form, &error);
      if (job->warehouse == NULL)
        {
          rdm_warehouse_form_show_problem (self->warehouse_form, error->message, FALSE);
          import_job_free (job);
          return;
        }
      rdm_warehouse_form_show_problem (self->warehouse_form, NULL, FALSE);
      adw_status_page_set_description (
          self->progress_page, _ ("The database is building the journeys. Nothing changes in the "
                                  "project until they have all come back."));
    }
  else if (self->file_path == NULL)
    {
      import_job_free (job);
      return;
    }
  else
    {
      job->file_path = g_strdup (self->file_path);
      fill_options (self, &job->options, TRUE);
      job->preset = g_strdup (job->options.preset);
      job->options.preset = job->preset;
      job->channel = g_strdup (job->options.channel);
      job->options.channel = job->channel;
    }

  self->importing = TRUE;
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  gtk_widget_action_set_enabled (widget, "assistant.import", FALSE);

  task = g_task_new (self, self->cancellable, import_done_cb, NULL);
  g_task_set_source_tag (task, import_action);
  g_task_set_task_data (task, job, (GDestroyNotify)import_job_free);
  g_task_run_in_thread (task, import_thread);
}

static void
cancel_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdmImportAssistant *self = RDM_IMPORT_ASSISTANT (widget);

  if (self->importing)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* Closing while importing cancels and waits for the rollback to finish. */
static gboolean
rdm_import_assistant_close_request (GtkWindow *window)
{
  RdmImportAssistant *self = RDM_IMPORT_ASSISTANT (window);

  if (self->importing)
    {
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (rdm_import_assistant_parent_class)->close_request (window);
}

static void
rdm_import_assistant_dispose (GObject *object)
{
  RdmImportAssistant *self = RDM_IMPORT_ASSISTANT (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RDM_TYPE_IMPORT_ASSISTANT);
  G_OBJECT_CLASS (rdm_import_assistant_parent_class)->dispose (object);
}

static void
rdm_import_assistant_finalize (GObject *object)
{
  RdmImportAssistant *self = RDM_IMPORT_ASSISTANT (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->preview, rdm_import_preview_free);
  g_clear_pointer (&self->presets, g_strfreev);
  g_clear_pointer (&self->mapping_rows, g_ptr_array_unref);
  g_free (self->project_path);
  g_free (self->file_path);
  g_free (self->detected_preset);
  g_free (self->detected_reason);
  G_OBJECT_CLASS (rdm_import_assistant_parent_class)->finalize (object);
}

static void
rdm_import_assistant_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RdmImportAssistant *self = RDM_IMPORT_ASSISTANT (object);

  switch (prop_id)
    {
    case PROP_PROJECT_PATH:
      g_value_set_string (value, self->project_path);
      break;
    case PROP_FILE_PATH:
      g_value_set_string (value, self->file_path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rdm_import_assistant_set_property (GObject *object,
                                   guint prop_id,
                                   const GValue *value,
                                   GParamSpec *pspec)
{
  RdmImportAssistant *self = RDM_IMPORT_ASSISTANT (object);

  switch (prop_id)
    {
    case PROP_PROJECT_PATH:
      self->project_path = g_value_dup_string (value);
      break;
    case PROP_FILE_PATH:
      rdm_import_assistant_set_file (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rdm_import_assistant_class_init (RdmImportAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rdm_import_assistant_dispose;
  object_class->finalize = rdm_import_assistant_finalize;
  object_class->get_property = rdm_import_assistant_get_property;
  object_class->set_property = rdm_import_assistant_set_property;
  window_class->close_request = rdm_import_assistant_close_request;

  properties[PROP_PROJECT_PATH]
      = g_param_spec_string ("project-path", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE_PATH]
      = g_param_spec_string ("file-path", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  rdm_widgets_ensure_resources ();
  g_type_ensure (RDM_TYPE_WAREHOUSE_FORM);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/fr/rendement/Rendement/widgets/rdm-import-assistant.ui");
  gtk_widget_class_bind_template_child (widget_class, RdmImportAssistant, stack);
  gtk_widget_class_bind_template_child (widget_class, RdmImportAssistant, file_row);
  gtk_widget_class_bind_template_child (widget_class, RdmImportAssistant, kind_row);
  gtk_widget_class_bind_template_child (widget_class, RdmImportAssistant, channel_row);
  gtk_widget_class_bind_template_child (widget_class, RdmImportAssistant, preset_row);
  gtk_widget_class_bind_template_child (widget_class, RdmImportAssistant, skip_switch);
  gtk_widget_class_bind_template_child (widget_class, RdmImportAssistant, mapping_group);
  gtk_widget_class_bind_template_child (widget_class, RdmImportAssistant, problem_label);
  gtk_widget_class_bind_template_child (widget_class, RdmImportAssistant, detected_label);
  gtk_widget_class_bind_template_child (widget_class, RdmImportAssistant, preview_view);
  gtk_widget_class_bind_template_child (widget_class, RdmImportAssistant, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RdmImportAssistant, progress_page);
  gtk_widget_class_bind_template_child (widget_class, RdmImportAssistant, warehouse_form);
  gtk_widget_class_bind_template_child (widget_class, RdmImportAssistant, summary_page);
  gtk_widget_class_bind_template_child (widget_class, RdmImportAssistant, rejects_window);
  gtk_widget_class_bind_template_child (widget_class, RdmImportAssistant, rejects_view);
  gtk_widget_class_bind_template_child (widget_class, RdmImportAssistant, import_button);
  gtk_widget_class_bind_template_child (widget_class, RdmImportAssistant, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RdmImportAssistant, close_button);

  gtk_widget_class_install_action (widget_class, "assistant.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "assistant.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "assistant.database", NULL, database_action);
  gtk_widget_class_install_action (widget_class, "assistant.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "assistant.cancel", NULL);
}

static void
rdm_import_assistant_init (RdmImportAssistant *self)
{
  g_autoptr (GtkStringList) kind_names = gtk_string_list_new (NULL);
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->mapping_rows = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_string_list_append (kind_names, kind_title (kinds[i]));
  self->updating = TRUE;
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kind_names));
  set_presets (self, kinds[0], NULL);
  self->updating = FALSE;
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (kind_changed_cb), self);
  g_signal_connect_swapped (self->preset_row, "notify::selected", G_CALLBACK (preset_changed_cb),
                            self);
  g_signal_connect_swapped (self->skip_switch, "notify::active", G_CALLBACK (mapping_changed_cb),
                            self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (reject_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (reject_bind_cb), NULL);
  gtk_list_view_set_factory (self->rejects_view, factory);
  g_object_unref (factory);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.import", FALSE);
}

/* The path rules come from the project's saved analysis settings, so that
 * the journeys are those the sections ask for; the connection and tables
 * from its last warehouse import, if any, so that running it again with
 * other rules is one click. */
void
rdm_import_assistant_show_database (RdmImportAssistant *self)
{
  g_autoptr (RdmProject) project = rdm_project_open_for_reading (self->project_path, NULL);
  g_autoptr (RdmWarehouseSource) source = NULL;
  g_auto (RdmAnalysisConfig) config = { 0 };
  RdmPathOptions path;
  RdmModelOptions model;

  g_return_if_fail (RDM_IS_IMPORT_ASSISTANT (self));

  /* an import under way keeps its progress page */
  if (self->importing)
    return;
  rdm_analysis_config_init (&config);
  if (project != NULL && rdm_project_load_analysis_config (project, &config, NULL, NULL)
      && rdm_analysis_config_get_options (&config, &path, &model, NULL))
    {
      rdm_warehouse_form_set_path_options (self->warehouse_form, &path);
      rdm_path_options_clear (&path);
      rdm_model_options_clear (&model);
    }
  if (project != NULL && (source = rdm_project_load_warehouse_source (project, NULL)) != NULL)
    rdm_warehouse_form_set_source (self->warehouse_form, source);
  gtk_window_set_title (GTK_WINDOW (self), _ ("Import From a Database"));
  gtk_stack_set_visible_child_name (self->stack, "database");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.import", TRUE);
}

RdmImportAssistant *
rdm_import_assistant_new (GtkWindow *parent, const char *project_path, const char *file_path)
{
  g_return_val_if_fail (project_path != NULL, NULL);

  return g_object_new (RDM_TYPE_IMPORT_ASSISTANT, "transient-for", parent, "project-path",
                       project_path, "file-path", file_path, NULL);
}
