/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Segments section. The project's events and visitor attributes load
 * once in a thread (RdmSegmentData, on a connection of its own); after
 * that a filter evaluates in well under a millisecond on 40 000 visitors,
 * so the live count and discovery run on the main thread as the user
 * types, while comparisons (journeys and credit per segment) run in a
 * thread, cancelled when a newer one is asked for.
 *
 * The builder writes the expression entry; the entry is what counts: it
 * is validated against the data's schema as it changes (the parser's
 * message gives the column), and what a user types there is what is
 * counted and saved.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rdm-analysis-settings.h"
#include "rdm-result-row.h"
#include "rdm-result-table.h"
#include "rdm-settings-summary.h"
#include "rdm-segments-page-private.h"
#include "rdm-segments.h"

enum
{
  PROP_0,
  PROP_PROJECT,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RdmSegmentsPage, rdm_segments_page, GTK_TYPE_WIDGET)

typedef struct
{
  RdmSegmentField field;
  const char *key; /* attributes: the key, owned by the facts; else NULL */
} FieldEntry;

typedef struct
{
  RdmSegmentsPage *page;
  GtkWidget *row;
  GtkDropDown *field;
  GtkDropDown *op;
  GtkMenuButton *values_button;
  GtkBox *values_box; /* GtkCheckButton per value, the value as its label */
  GtkSpinButton *number;
} Condition;

typedef struct
{
  char *name;
  char *filter;
  GtkCheckButton *check;
} SegmentRow;

/* the page's models, in the order of the model drop-down (those of the
 * ROI section too: the model is shared) */
static const RdmModel page_models[] = {
  RDM_MODEL_LINEAR,          RDM_MODEL_FIRST,    RDM_MODEL_LAST,
  RDM_MODEL_LAST_NON_DIRECT, RDM_MODEL_POSITION, RDM_MODEL_TIME_DECAY,
  RDM_MODEL_MARKOV,          RDM_MODEL_SHAPLEY,  RDM_MODEL_POSITION_DECAY,
};

static void request_comparison (RdmSegmentsPage *self);

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_utf8_collate (*(const char *const *)a, *(const char *const *)b);
}

/* A sorted view of @strings that does not own them (g_ptr_array_copy()
 * would keep the source's free function). */
static GPtrArray *
sorted_strings (const GPtrArray *strings)
{
  GPtrArray *sorted = g_ptr_array_sized_new (strings->len);

  for (guint i = 0; i < strings->len; i++)
    g_ptr_array_add (sorted, strings->pdata[i]);
  g_ptr_array_sort (sorted, compare_strings);
  return sorted;
}

static void
set_table_model (GtkColumnView *view, GListStore *rows)
{
  g_autoptr (GtkNoSelection) selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (rows)));

  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (selection));
}

static void
shared_clear (gpointer data)
{
  RdmSegmentsShared *shared = data;

  g_clear_pointer (&shared->data, rdm_segment_data_free);
  g_clear_pointer (&shared->schema, rdm_filter_schema_free);
}

static void
shared_unref (RdmSegmentsShared *shared)
{
  g_atomic_rc_box_release_full (shared, shared_clear);
}

static void
segment_row_free (gpointer data)
{
  SegmentRow *row = data;

  g_free (row->name);
  g_free (row->filter);
  g_free (row);
}

/* Formatting */

static char *
format_count (guint64 count)
{
  return rdm_result_format_number ((double)count, 0);
}

static char *
format_interval (double low, double high)
{
  g_autofree char *l = rdm_result_format_percent (low);
  g_autofree char *h = rdm_result_format_percent (high);

  /* TRANSLATORS: a 95% interval of a rate, e.g. "5.5%–6.1%" */
  return g_strdup_printf (_ ("%s–%s"), l, h);
}

static char *
quote (const char *text)
{
  GString *quoted = g_string_new ("\"");

  for (const char *c = text; *c != '\0'; c++)
    {
      if (*c == '"' || *c == '\\')
        g_string_append_c (quoted, '\\');
      g_string_append_c (quoted, *c);
    }
  g_string_append_c (quoted, '"');
  return g_string_free (quoted, FALSE);
}

/* The builder */

static const FieldEntry *
condition_field (Condition *condition)
{
  GArray *fields = condition->page->fields;
  guint position = gtk_drop_down_get_selected (condition->field);

  if (fields == NULL || position >= fields->len)
    return NULL;
  return &g_array_index (fields, FieldEntry, position);
}

static GPtrArray *
condition_values (Condition *condition)
{
  GPtrArray *values = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (condition->values_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
      g_ptr_array_add (values, (gpointer)gtk_check_button_get_label (GTK_CHECK_BUTTON (child)));
  return values;
}

/* The condition as filter text, or NULL while it is incomplete (no value
 * ticked). */
static char *
condition_text (Condition *condition)
{
  const FieldEntry *entry = condition_field (condition);
  guint op = gtk_drop_down_get_selected (condition->op);
  g_autoptr (GPtrArray) values = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  static const char *const number_ops[] = { ">=", ">", "=", "<=", "<", "!=" };
  static const char *const number_fields[] = { "touches", "visits", "conversions", "value" };

  if (entry == NULL)
    return NULL;
  switch (entry->field)
    {
    case RDM_SEGMENT_FIELD_CONVERTED:
      return g_strdup (op == 0 ? "converted" : "not converted");
    case RDM_SEGMENT_FIELD_TOUCHES:
    case RDM_SEGMENT_FIELD_VISITS:
    case RDM_SEGMENT_FIELD_CONVERSIONS:
    case RDM_SEGMENT_FIELD_VALUE:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        return g_strdup_printf ("%s %s %s", number_fields[entry->field - RDM_SEGMENT_FIELD_TOUCHES],
                                number_ops[MIN (op, G_N_ELEMENTS (number_ops) - 1)],
                                g_ascii_formatd (buffer, sizeof buffer, "%.15g",
                                                 gtk_spin_button_get_value (condition->number)));
      }
    default:
      break;
    }

  values = condition_values (condition);
  if (values->len == 0)
    return NULL;
  if (entry->field == RDM_SEGMENT_FIELD_TOUCHED)
    {
      /* "is" any of the channels, "is not" none of them */
      g_string_append (text, "(");
      for (guint i = 0; i < values->len; i++)
        {
          g_autofree char *quoted = quote (values->pdata[i]);

          if (i > 0)
            g_string_append (text, op == 0 ? " or " : " and ");
          g_string_append_printf (text, "%stouched(%s)", op == 0 ? "" : "not ", quoted);
        }
      g_string_append (text, ")");
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  if (entry->field == RDM_SEGMENT_FIELD_ATTRIBUTE)
    {
      g_autofree char *quoted = quote (entry->key);

      g_string_append_printf (text, "attribute(%s)", quoted);
    }
  else
    g_string_append (text, entry->field == RDM_SEGMENT_FIELD_FIRST_CHANNEL ? "first_channel"
                                                                           : "last_channel");
  if (values->len == 1)
    {
      g_autofree char *quoted = quote (values->pdata[0]);

      g_string_append_printf (text, " %s %s", op == 0 ? "=" : "!=", quoted);
    }
  else
    {
      g_string_append (text, op == 0 ? " in (" : " not in (");
      for (guint i = 0; i < values->len; i++)
        {
          g_autofree char *quoted = quote (values->pdata[i]);

          g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", quoted);
        }
      g_string_append (text, ")");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Writes the builder's conditions into the expression entry, in the
 * parser's canonical form. */
static void
builder_changed (RdmSegmentsPage *self)
{
  g_autoptr (GString) text = g_string_new (NULL);
  gboolean any = gtk_drop_down_get_selected (self->combine_dropdown) == 1;
  g_autoptr (RdmFilter) filter = NULL;
  g_autofree char *canonical = NULL;

  /* without conditions the builder has nothing to say: typed text stays */
  if (self->syncing || (self->conditions->len == 0 && self->base_text == NULL))
    return;
  if (self->base_text != NULL)
    g_string_append_printf (text, "(%s)", self->base_text);
  for (guint i = 0; i < self->conditions->len; i++)
    {
      g_autofree char *part = condition_text (self->conditions->pdata[i]);

      if (part == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, any ? " or " : " and ");
      g_string_append_printf (text, "(%s)", part);
    }
  if (text->len > 0)
    filter = rdm_filter_parse (text->str, NULL, NULL);
  if (filter != NULL)
    canonical = rdm_filter_to_string (filter);
  self->writing_expression = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->expression_entry),
                         canonical != NULL ? canonical : text->str);
  self->writing_expression = FALSE;
}

static void
update_values_label (Condition *condition)
{
  g_autoptr (GPtrArray) values = condition_values (condition);

  if (values->len == 0)
    gtk_menu_button_set_label (condition->values_button, _ ("Choose values…"));
  else
    {
      g_ptr_array_add (values, NULL);
      {
        g_autofree char *joined = g_strjoinv (", ", (char **)values->pdata);

        gtk_menu_button_set_label (condition->values_button, joined);
      }
    }
}

static void
value_toggled_cb (GtkCheckButton *check, Condition *condition)
{
  update_values_label (condition);
  builder_changed (condition->page);
}

/* Sets the operators and the value editor that suit the field chosen. */
static void
field_changed_cb (Condition *condition)
{
  RdmSegmentsPage *self = condition->page;
  const FieldEntry *entry = condition_field (condition);
  const RdmVisitorFacts *facts = self->shared->data->facts;
  g_autoptr (GtkStringList) ops = NULL;
  GtkWidget *child;
  gboolean choice = FALSE;

  if (entry == NULL)
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (condition->values_box))) != NULL)
    gtk_box_remove (condition->values_box, child);

  switch (entry->field)
    {
    case RDM_SEGMENT_FIELD_ATTRIBUTE:
      {
        gpointer found = g_hash_table_lookup (facts->attribute_key_index, entry->key);
        GPtrArray *values
            = g_ptr_array_index (facts->attribute_values, GPOINTER_TO_UINT (found) - 1);
        g_autoptr (GPtrArray) sorted = sorted_strings (values);

        for (guint i = 0; i < sorted->len; i++)
          gtk_box_append (condition->values_box,
                          gtk_check_button_new_with_label (sorted->pdata[i]));
        choice = TRUE;
        break;
      }
    case RDM_SEGMENT_FIELD_TOUCHED:
    case RDM_SEGMENT_FIELD_FIRST_CHANNEL:
    case RDM_SEGMENT_FIELD_LAST_CHANNEL:
      for (guint i = 0; i < facts->channel_names->len; i++)
        gtk_box_append (condition->values_box,
                        gtk_check_button_new_with_label (facts->channel_names->pdata[i]));
      choice = TRUE;
      break;
    default:
      break;
    }
  for (child = gtk_widget_get_first_child (GTK_WIDGET (condition->values_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_signal_connect (child, "toggled", G_CALLBACK (value_toggled_cb), condition);

  if (choice)
    {
      const char *const names[] = { _ ("is"), _ ("is not"), NULL };
      ops = gtk_string_list_new (names);
    }
  else if (entry->field == RDM_SEGMENT_FIELD_CONVERTED)
    {
      const char *const names[] = { _ ("yes"), _ ("no"), NULL };
      ops = gtk_string_list_new (names);
    }
  else
    {
      const char *const names[] = { "≥", ">", "=", "≤", "<", "≠", NULL };
      ops = gtk_string_list_new (names);
    }
  self->syncing = TRUE;
  gtk_drop_down_set_model (condition->op, G_LIST_MODEL (ops));
  gtk_drop_down_set_selected (condition->op, 0);
  self->syncing = FALSE;
  gtk_spin_button_set_digits (condition->number, entry->field == RDM_SEGMENT_FIELD_VALUE ? 2 : 0);
  gtk_widget_set_visible (GTK_WIDGET (condition->values_button), choice);
  gtk_widget_set_visible (GTK_WIDGET (condition->number),
                          !choice && entry->field != RDM_SEGMENT_FIELD_CONVERTED);
  update_values_label (condition);
  builder_changed (self);
}

static void
remove_condition_cb (GtkButton *button, Condition *condition)
{
  RdmSegmentsPage *self = condition->page;

  gtk_list_box_remove (self->condition_list, condition->row);
  g_ptr_array_remove (self->conditions, condition);
  gtk_widget_set_visible (GTK_WIDGET (self->condition_list),
                          self->conditions->len > 0 || self->base_text != NULL);
  builder_changed (self);
}

/* A valid filter typed before the first condition is kept as the first
 * term of what the builder writes, shown as a row of its own, so adding a
 * condition to a saved segment's filter extends it instead of replacing it. */
static void
capture_base_text (RdmSegmentsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->expression_entry));
  GtkWidget *box, *caption, *label, *row;

  if (text[0] == '\0' || self->live_count == G_MAXUINT64)
    return;
  self->base_text = g_strdup (text);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  caption = gtk_label_new (_ ("Typed filter"));
  gtk_widget_add_css_class (caption, "dim-label");
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* a filter has few spaces: it wraps anywhere rather than being cut */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "monospace");
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), label);
  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_append (self->condition_list, row);
}

static Condition *
add_condition (RdmSegmentsPage *self)
{
  Condition *condition = g_new0 (Condition, 1);
  g_autoptr (GtkStringList) field_names = gtk_string_list_new (NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  static const char *const behaviour[] = {
    N_ ("Touched channel"), N_ ("First channel"), N_ ("Last channel"), N_ ("Touches"),
    N_ ("Visits"),          N_ ("Conversions"),   N_ ("Value"),        N_ ("Converted"),
  };

  g_return_val_if_fail (self->fields != NULL, NULL);

  if (self->conditions->len == 0 && self->base_text == NULL)
    capture_base_text (self);
  condition->page = self;
  for (guint i = 0; i < self->fields->len; i++)
    {
      const FieldEntry *entry = &g_array_index (self->fields, FieldEntry, i);

      gtk_string_list_append (field_names,
                              entry->field == RDM_SEGMENT_FIELD_ATTRIBUTE
                                  ? entry->key
                                  : _ (behaviour[entry->field - RDM_SEGMENT_FIELD_TOUCHED]));
    }
  condition->field
      = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (field_names)), NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (condition->field), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Field"), -1);
  condition->op = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (condition->op), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Operator"), -1);
  condition->values_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 2));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller),
                                 GTK_WIDGET (condition->values_box));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_popover_set_child (GTK_POPOVER (popover), scroller);
  condition->values_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_popover (condition->values_button, popover);
  gtk_widget_set_hexpand (GTK_WIDGET (condition->values_button), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (condition->values_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Values"), -1);
  condition->number = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 1e9, 1));
  gtk_widget_set_hexpand (GTK_WIDGET (condition->number), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (condition->number), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Number"), -1);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _ ("Remove condition"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Remove condition"), -1);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (condition->field));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (condition->op));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (condition->values_button));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (condition->number));
  gtk_box_append (GTK_BOX (box), remove);
  condition->row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (condition->row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (condition->row), box);
  gtk_list_box_append (self->condition_list, condition->row);
  gtk_widget_set_visible (GTK_WIDGET (self->condition_list), TRUE);
  g_ptr_array_add (self->conditions, condition);

  g_signal_connect_swapped (condition->field, "notify::selected", G_CALLBACK (field_changed_cb),
                            condition);
  g_signal_connect_swapped (condition->op, "notify::selected", G_CALLBACK (builder_changed), self);
  g_signal_connect_swapped (condition->number, "value-changed", G_CALLBACK (builder_changed), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_condition_cb), condition);
  field_changed_cb (condition);
  return condition;
}

static void
add_clicked_cb (RdmSegmentsPage *self)
{
  if (self->shared != NULL)
    add_condition (self);
}

void
_rdm_segments_page_add_condition (RdmSegmentsPage *self,
                                  RdmSegmentField field,
                                  const char *key,
                                  guint operator_position,
                                  const char *const *values,
                                  double number)
{
  Condition *condition;

  g_return_if_fail (RDM_IS_SEGMENTS_PAGE (self));
  g_return_if_fail (self->shared != NULL);

  condition = add_condition (self);
  for (guint i = 0; i < self->fields->len; i++)
    {
      const FieldEntry *entry = &g_array_index (self->fields, FieldEntry, i);

      if (entry->field == field && g_strcmp0 (entry->key, key) == 0)
        gtk_drop_down_set_selected (condition->field, i);
    }
  gtk_drop_down_set_selected (condition->op, operator_position);
  gtk_spin_button_set_value (condition->number, number);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (condition->values_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (values != NULL
        && g_strv_contains (values, gtk_check_button_get_label (GTK_CHECK_BUTTON (child))))
      gtk_check_button_set_active (GTK_CHECK_BUTTON (child), TRUE);
}

static void
clear_conditions (RdmSegmentsPage *self)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->condition_list))) != NULL)
    gtk_list_box_remove (self->condition_list, row);
  g_ptr_array_set_size (self->conditions, 0);
  g_clear_pointer (&self->base_text, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->condition_list), FALSE);
}

/* The expression and the live count */

static void
set_count_text (RdmSegmentsPage *self, const char *text)
{
  gtk_label_set_text (self->count_label, text);
}

static void
expression_changed_cb (RdmSegmentsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->expression_entry));
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmFilter) filter = NULL;
  g_autofree guint64 *bitmap = NULL;
  g_autofree char *count = NULL;
  g_autofree char *total = NULL;
  g_autofree char *share = NULL;
  g_autofree char *message = NULL;
  guint32 n_visitors;
  gboolean empty = text[0] == '\0';

  /* Text typed by the user is the whole expression now: conditions the
   * builder cannot show would otherwise sit there contradicting it. */
  if (!self->writing_expression && (self->conditions->len > 0 || self->base_text != NULL))
    clear_conditions (self);
  self->live_count = G_MAXUINT64;
  gtk_widget_set_visible (GTK_WIDGET (self->save_message), FALSE);
  if (self->shared == NULL)
    {
      set_count_text (self, self->project != NULL ? _ ("Loading visitors…") : "");
      return;
    }
  n_visitors = self->shared->data->facts->n_visitors;
  if (!empty)
    {
      filter = rdm_filter_parse (text, self->shared->schema, &error);
      if (filter != NULL)
        {
          bitmap = rdm_bitmap_new (n_visitors);
          if (!rdm_filter_evaluate (filter, self->shared->data->facts, bitmap, &error))
            g_clear_pointer (&filter, rdm_filter_free);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->expression_error), error != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), filter != NULL);
  if (error != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->expression_entry), "error");
      gtk_label_set_text (self->expression_error, error->message);
      set_count_text (self, _ ("The expression is not a valid filter yet"));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->expression_entry), "error");

  self->live_count = empty ? n_visitors : rdm_bitmap_count (bitmap, n_visitors);
  count = format_count (self->live_count);
  total = format_count (n_visitors);
  share = rdm_result_format_percent (n_visitors > 0 ? (double)self->live_count / n_visitors : 0);
  /* TRANSLATORS: "4 663 of 40 000 visitors match (11.7%)" */
  message = g_strdup_printf (_ ("%s of %s visitors match (%s)"), count, total, share);
  set_count_text (self, message);
}

/* Saved segments */

static void refresh_segments (RdmSegmentsPage *self);

static void
show_save_message (RdmSegmentsPage *self, const char *message, gboolean is_error)
{
  gtk_label_set_text (self->save_message, message);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->save_message), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->save_message), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->save_message), TRUE);
}

static void
save_segment (RdmSegmentsPage *self, const char *name, const char *text, gboolean replace)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (!rdm_project_add_segment (self->project, name, text, replace, &error))
    {
      show_save_message (self, error->message, TRUE);
      return;
    }
  g_hash_table_add (self->compared, g_strdup (name));
  refresh_segments (self);
  rdm_segment_picker_refresh (self->discover_within);
  /* TRANSLATORS: %s is a segment name */
  message = g_strdup_printf (_ ("Saved “%s”"), name);
  show_save_message (self, message, FALSE);
  request_comparison (self);
}

static void
replace_response_cb (AdwMessageDialog *dialog, const char *response, RdmSegmentsPage *self)
{
  if (g_strcmp0 (response, "replace") != 0 || self->project == NULL)
    return;
  save_segment (self, g_object_get_data (G_OBJECT (dialog), "rdm-segment-name"),
                g_object_get_data (G_OBJECT (dialog), "rdm-segment-filter"), TRUE);
}

static void
save_clicked_cb (RdmSegmentsPage *self)
{
  g_autofree char *name
      = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->expression_entry));
  g_autofree char *existing = NULL;

  if (self->project == NULL)
    return;
  if (name[0] == '\0')
    {
      show_save_message (self, _ ("Give the segment a name first"), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
      return;
    }
  existing = rdm_project_get_segment_filter (self->project, name, NULL);
  if (existing != NULL && !g_str_equal (existing, text))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      g_autofree char *heading = g_strdup_printf (_ ("Replace “%s”?"), name);
      g_autofree char *body = g_strdup_printf (
          _ ("A segment of that name already selects %s. Replacing it changes every result "
             "computed for it."),
          existing);
      AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (
          adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body));

      adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "replace", _ ("_Replace"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "cancel");
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_object_set_data_full (G_OBJECT (dialog), "rdm-segment-name", g_strdup (name), g_free);
      g_object_set_data_full (G_OBJECT (dialog), "rdm-segment-filter", g_strdup (text), g_free);
      g_signal_connect_object (dialog, "response", G_CALLBACK (replace_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  save_segment (self, name, text, existing != NULL);
}

static void
compare_toggled_cb (GtkCheckButton *check, SegmentRow *row)
{
  RdmSegmentsPage *self = g_object_get_data (G_OBJECT (check), "rdm-page");

  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->compared, g_strdup (row->name));
  else
    g_hash_table_remove (self->compared, row->name);
  request_comparison (self);
}

static void
segment_activated_cb (RdmSegmentsPage *self, GtkListBoxRow *list_row)
{
  SegmentRow *row = g_object_get_data (G_OBJECT (list_row), "rdm-segment");

  if (row == NULL)
    return;
  clear_conditions (self);
  gtk_editable_set_text (GTK_EDITABLE (self->expression_entry), row->filter);
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), row->name);
}

static void
delete_response_cb (AdwMessageDialog *dialog, const char *response, RdmSegmentsPage *self)
{
  const char *name = g_object_get_data (G_OBJECT (dialog), "rdm-segment-name");
  g_autoptr (GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0 || self->project == NULL)
    return;
  if (!rdm_project_remove_segment (self->project, name, &error))
    {
      show_save_message (self, error->message, TRUE);
      return;
    }
  g_hash_table_remove (self->compared, name);
  refresh_segments (self);
  rdm_segment_picker_refresh (self->discover_within);
  request_comparison (self);
}

static void
delete_clicked_cb (GtkButton *button, RdmSegmentsPage *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "rdm-segment-name");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = g_strdup_printf (_ ("Delete “%s”?"), name);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
      _ ("Its filter is removed from the project. Imported data is not affected.")));

  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "delete", _ ("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "rdm-segment-name", g_strdup (name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
rename_response_cb (AdwMessageDialog *dialog, const char *response, RdmSegmentsPage *self)
{
  const char *old_name = g_object_get_data (G_OBJECT (dialog), "rdm-segment-name");
  const char *filter = g_object_get_data (G_OBJECT (dialog), "rdm-segment-filter");
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *new_name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr (GError) error = NULL;

  if (g_strcmp0 (response, "rename") != 0 || self->project == NULL
      || g_str_equal (new_name, old_name))
    return;
  /* saving under the new name first leaves the old one intact on error */
  if (!rdm_project_add_segment (self->project, new_name, filter, FALSE, &error)
      || !rdm_project_remove_segment (self->project, old_name, &error))
    {
      show_save_message (self, error->message, TRUE);
      refresh_segments (self);
      return;
    }
  if (g_hash_table_remove (self->compared, old_name))
    g_hash_table_add (self->compared, g_strdup (new_name));
  refresh_segments (self);
  rdm_segment_picker_refresh (self->discover_within);
  request_comparison (self);
}

static void
rename_clicked_cb (GtkButton *button, RdmSegmentsPage *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "rdm-segment-name");
  const char *filter = g_object_get_data (G_OBJECT (button), "rdm-segment-filter");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _ ("Rename Segment"), NULL));
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("New name"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "rename", _ ("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "rename");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "rdm-segment-name", g_strdup (name), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "rdm-segment-filter", g_strdup (filter), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
menu_item_clicked_cb (GtkButton *button)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static GtkWidget *
menu_item (RdmSegmentsPage *self, SegmentRow *row, const char *label, GCallback callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_add_css_class (button, "flat");
  gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
  g_object_set_data_full (G_OBJECT (button), "rdm-segment-name", g_strdup (row->name), g_free);
  g_object_set_data_full (G_OBJECT (button), "rdm-segment-filter", g_strdup (row->filter), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (menu_item_clicked_cb), NULL);
  g_signal_connect_object (button, "clicked", callback, self, 0);
  return button;
}

/* Rename and delete sit in a menu so that the narrow list keeps room for
 * the names. */
static GtkWidget *
row_menu (RdmSegmentsPage *self, SegmentRow *row)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  g_autofree char *label = g_strdup_printf (_ ("Actions for “%s”"), row->name);

  gtk_box_append (GTK_BOX (box),
                  menu_item (self, row, _ ("_Rename…"), G_CALLBACK (rename_clicked_cb)));
  gtk_box_append (GTK_BOX (box),
                  menu_item (self, row, _ ("_Delete…"), G_CALLBACK (delete_clicked_cb)));
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  return button;
}

static void
refresh_segments (RdmSegmentsPage *self)
{
  g_autoptr (GPtrArray) segments = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->segment_list))) != NULL)
    gtk_list_box_remove (self->segment_list, child);
  g_ptr_array_set_size (self->segment_rows, 0);
  if (self->project == NULL)
    return;
  segments = rdm_project_list_segments (self->project, &error);
  if (segments == NULL)
    {
      show_save_message (self, error->message, TRUE);
      return;
    }
  for (guint i = 0; i < segments->len; i++)
    {
      const RdmSegmentRecord *record = g_ptr_array_index (segments, i);
      SegmentRow *row = g_new0 (SegmentRow, 1);
      GtkWidget *action_row = adw_action_row_new ();
      g_autofree char *tooltip = NULL;

      row->name = g_strdup (record->name);
      row->filter = g_strdup (record->filter);
      row->check = GTK_CHECK_BUTTON (gtk_check_button_new ());
      gtk_widget_set_valign (GTK_WIDGET (row->check), GTK_ALIGN_CENTER);
      tooltip = g_strdup_printf (_ ("Compare “%s”"), row->name);
      gtk_widget_set_tooltip_text (GTK_WIDGET (row->check), tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      tooltip, -1);
      gtk_check_button_set_active (row->check, g_hash_table_contains (self->compared, row->name));
      g_object_set_data (G_OBJECT (row->check), "rdm-page", self);
      g_signal_connect (row->check, "toggled", G_CALLBACK (compare_toggled_cb), row);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), row->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (action_row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), row->filter);
      /* names and filters wrap (0: as many lines as they need) */
      adw_action_row_set_title_lines (ADW_ACTION_ROW (action_row), 0);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (action_row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (action_row), GTK_WIDGET (row->check));
      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), row_menu (self, row));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (action_row), TRUE);
      gtk_widget_set_tooltip_text (action_row, _ ("Edit in the builder"));
      g_object_set_data (G_OBJECT (action_row), "rdm-segment", row);
      gtk_list_box_append (self->segment_list, action_row);
      g_ptr_array_add (self->segment_rows, row);
    }
  /* forget ticks of segments that are gone */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, self->compared);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        gboolean found = FALSE;

        for (guint i = 0; i < self->segment_rows->len && !found; i++)
          found = g_str_equal (((SegmentRow *)self->segment_rows->pdata[i])->name, key);
        if (!found)
          g_hash_table_iter_remove (&iter);
      }
  }
  if (segments->len == 0)
    {
      GtkWidget *label = gtk_label_new (_ ("No saved segments yet. Build one and save it."));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 12);
      gtk_widget_set_margin_bottom (label, 12);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_list_box_append (self->segment_list, label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (gtk_widget_get_parent (label)), FALSE);
    }
}

void
_rdm_segments_page_set_compared (RdmSegmentsPage *self, const char *name, gboolean compared)
{
  g_return_if_fail (RDM_IS_SEGMENTS_PAGE (self));

  for (guint i = 0; i < self->segment_rows->len; i++)
    {
      SegmentRow *row = self->segment_rows->pdata[i];

      if (g_str_equal (row->name, name))
        gtk_check_button_set_active (row->check, compared);
    }
}

/* The options of the shared settings (the Attribution page's windows,
 * period and event), or the defaults "rendement-cli compare" uses. */
static void
get_options (RdmSegmentsPage *self, RdmPathOptions *path, RdmModelOptions *model)
{
  g_autoptr (GError) error = NULL;

  if (self->settings != NULL
      && rdm_analysis_settings_get_options (self->settings, path, model, &error))
    return;
  if (self->settings != NULL)
    {
      rdm_path_options_clear (path);
      rdm_model_options_clear (model);
      show_save_message (self, error->message, TRUE);
    }
  rdm_path_options_init (path);
  rdm_model_options_init (model);
}

/* Comparison */

typedef struct
{
  RdmSegmentsShared *shared;
  GPtrArray *names;   /* char * */
  GPtrArray *bitmaps; /* guint64 *, NULL for everyone */
  RdmModel model;
  RdmPathOptions path;
  RdmModelOptions model_options;
} CompareJob;

static void
compare_job_free (gpointer data)
{
  CompareJob *job = data;

  shared_unref (job->shared);
  g_ptr_array_unref (job->names);
  g_ptr_array_unref (job->bitmaps);
  rdm_path_options_clear (&job->path);
  rdm_model_options_clear (&job->model_options);
  g_free (job);
}

static void
compare_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  CompareJob *job = task_data;
  GError *error = NULL;
  RdmSegmentComparison *comparison
      = rdm_segment_compare (job->shared->data->store, (const char *const *)job->names->pdata,
                             (const guint64 *const *)job->bitmaps->pdata, job->names->len,
                             &job->path, job->model, &job->model_options, cancellable, &error);

  if (comparison == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, comparison, (GDestroyNotify)rdm_segment_comparison_free);
}

static int
compare_credit (gconstpointer a, gconstpointer b, gpointer data)
{
  const RdmCredit *credit = data;
  const char *x = *(const char *const *)a;
  const char *y = *(const char *const *)b;
  int i, j;
  double cx, cy;

  if (g_str_equal (x, RDM_NO_TOUCH_LABEL) != g_str_equal (y, RDM_NO_TOUCH_LABEL))
    return g_str_equal (x, RDM_NO_TOUCH_LABEL) ? 1 : -1;
  i = credit != NULL ? rdm_credit_find_label (credit, x) : -1;
  j = credit != NULL ? rdm_credit_find_label (credit, y) : -1;
  cx = i >= 0 ? credit->conversions[i] : 0;
  cy = j >= 0 ? credit->conversions[j] : 0;
  if (cx != cy)
    return cx > cy ? -1 : 1;
  return g_utf8_collate (x, y);
}

static void
show_comparison (RdmSegmentsPage *self)
{
  const RdmSegmentComparison *comparison = self->comparison;
  const RdmEventStore *store = self->shared->data->store;
  const char *const titles[]
      = { _ ("Visitors"),      _ ("Converters"),  _ ("Rate"),        _ ("95% interval"),
          _ ("Value/visitor"), _ ("Path length"), _ ("Top channels") };
  g_autoptr (RdmChart) chart = rdm_chart_new (RDM_CHART_KIND_GROUPED_BARS);
  g_autofree double *rates = g_new0 (double, MAX (comparison->n_segments, 1));
  g_autofree double *lows = g_new0 (double, MAX (comparison->n_segments, 1));
  g_autofree double *highs = g_new0 (double, MAX (comparison->n_segments, 1));
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();
  g_autoptr (GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *credit_title = NULL;

  g_list_store_remove_all (self->compare_rows);
  rdm_result_table_set_columns (self->compare_table, _ ("Segment"), 190, titles,
                                G_N_ELEMENTS (titles));
  for (guint i = 0; i < comparison->n_segments; i++)
    {
      const RdmSegmentStats *s = &comparison->segments[i];
      g_autoptr (RdmResultRow) row = rdm_result_row_new (s->name, s->name, G_N_ELEMENTS (titles));
      g_autoptr (GString) top = g_string_new (NULL);

      rdm_result_row_set_cell (row, 0, (double)s->visitors, format_count (s->visitors));
      rdm_result_row_set_cell (row, 1, (double)s->converters, format_count (s->converters));
      rdm_result_row_set_cell (row, 2, s->rate, rdm_result_format_percent (s->rate));
      rdm_result_row_set_cell (row, 3, s->rate_low, format_interval (s->rate_low, s->rate_high));
      rdm_result_row_set_cell (row, 4, s->value_per_visitor,
                               rdm_result_format_number (s->value_per_visitor, 2));
      rdm_result_row_set_cell (row, 5, s->avg_path_length,
                               rdm_result_format_number (s->avg_path_length, 2));
      for (guint t = 0; t < s->n_top_channels; t++)
        g_string_append_printf (top, "%s%s", t > 0 ? ", " : "",
                                (const char *)store->channel_names->pdata[s->top_channels[t]]);
      rdm_result_row_set_cell (row, 6, NAN, g_string_free (g_steal_pointer (&top), FALSE));
      g_list_store_append (self->compare_rows, row);

      rdm_chart_add_category (chart, s->name);
      rates[i] = isfinite (s->rate) ? s->rate * 100 : NAN;
      lows[i] = s->rate_low * 100;
      highs[i] = s->rate_high * 100;
      for (guint l = 0; s->credit != NULL && l < s->credit->n_labels; l++)
        if (!g_ptr_array_find_with_equal_func (labels, s->credit->label_names[l], g_str_equal,
                                               NULL))
          g_ptr_array_add (labels, s->credit->label_names[l]);
      g_ptr_array_add (columns, g_strdup (s->name));
    }
  /* channels by the first segment's (everyone's) credit, most first; "No touch" last */
  g_ptr_array_sort_with_data (labels, compare_credit, comparison->segments[0].credit);
  rdm_chart_set_title (chart, _ ("Conversion rate by segment, with 95% intervals"));
  rdm_chart_set_axis_labels (chart, NULL, _ ("Conversion rate (%)"));
  rdm_chart_add_series (chart, _ ("Conversion rate"), rates, comparison->n_segments);
  rdm_chart_set_series_ci (chart, 0, lows, highs, comparison->n_segments);
  rdm_chart_view_set_chart (self->compare_chart, chart);

  /* TRANSLATORS: %s is a model name such as "Linear" */
  credit_title = g_strdup_printf (_ ("Credited conversions by channel (%s)"),
                                  rdm_model_display_name (comparison->model));
  gtk_label_set_text (self->credit_title, credit_title);
  g_list_store_remove_all (self->credit_rows);
  rdm_result_table_set_columns (self->credit_table, _ ("Channel"), 180,
                                (const char *const *)columns->pdata, columns->len);
  for (guint l = 0; l < labels->len; l++)
    {
      const char *label = labels->pdata[l];
      g_autoptr (RdmResultRow) row
          = rdm_result_row_new (g_str_equal (label, RDM_NO_TOUCH_LABEL) ? _ ("No touch") : label,
                                label, comparison->n_segments);

      for (guint i = 0; i < comparison->n_segments; i++)
        {
          const RdmCredit *credit = comparison->segments[i].credit;
          int index = credit != NULL ? rdm_credit_find_label (credit, label) : -1;
          double value = index >= 0 ? credit->conversions[index] : 0;

          rdm_result_row_set_cell (row, i, value, rdm_result_format_number (value, 2));
        }
      g_list_store_append (self->credit_rows, row);
    }
}

static void
compare_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  RdmSegmentComparison *comparison = g_task_propagate_pointer (G_TASK (result), &error);
  RdmSegmentsPage *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = RDM_SEGMENTS_PAGE (source);
  self->comparing = FALSE;
  gtk_spinner_stop (self->spinner);
  if (comparison == NULL)
    {
      show_save_message (self, error->message, TRUE);
      return;
    }
  g_clear_pointer (&self->comparison, rdm_segment_comparison_free);
  self->comparison = comparison;
  show_comparison (self);
}

static void
request_comparison (RdmSegmentsPage *self)
{
  g_autoptr (GTask) task = NULL;
  CompareJob *job;

  if (self->shared == NULL)
    return;
  g_cancellable_cancel (self->compare_cancellable);
  g_clear_object (&self->compare_cancellable);
  self->compare_cancellable = g_cancellable_new ();

  job = g_new0 (CompareJob, 1);
  job->shared = g_atomic_rc_box_acquire (self->shared);
  job->names = g_ptr_array_new_with_free_func (g_free);
  job->bitmaps = g_ptr_array_new_with_free_func (g_free);
  if (self->settings != NULL)
    g_object_get (self->settings, "model", &job->model, NULL);
  else
    job->model = page_models[MIN (gtk_drop_down_get_selected (self->model_dropdown),
                                  G_N_ELEMENTS (page_models) - 1)];
  get_options (self, &job->path, &job->model_options);
  g_ptr_array_add (job->names, g_strdup (_ ("Everyone")));
  g_ptr_array_add (job->bitmaps, NULL);
  for (guint i = 0; i < self->segment_rows->len; i++)
    {
      SegmentRow *row = self->segment_rows->pdata[i];
      g_autoptr (GError) error = NULL;
      guint64 *bitmap;

      if (!g_hash_table_contains (self->compared, row->name))
        continue;
      bitmap = rdm_segment_data_evaluate (self->shared->data, row->filter, FALSE, NULL, &error);
      if (bitmap == NULL)
        {
          g_autofree char *message = g_strdup_printf ("%s: %s", row->name, error->message);

          show_save_message (self, message, TRUE);
          continue;
        }
      g_ptr_array_add (job->names, g_strdup (row->name));
      g_ptr_array_add (job->bitmaps, bitmap);
    }

  self->comparing = TRUE;
  gtk_spinner_start (self->spinner);
  task = g_task_new (self, self->compare_cancellable, compare_done_cb, NULL);
  g_task_set_source_tag (task, request_comparison);
  g_task_set_task_data (task, job, compare_job_free);
  g_task_run_in_thread (task, compare_thread);
}

/* Discovery */

static void
update_discovery (RdmSegmentsPage *self)
{
  const char *const titles[] = { _ ("Visitors"),     _ ("Converters"), _ ("Rate"),
                                 _ ("95% interval"), _ ("p-value"),    _ ("Difference") };
  guint position = gtk_drop_down_get_selected (self->discover_key_dropdown);
  const char *within = rdm_segment_picker_get_segment (self->discover_within);
  g_autofree guint64 *base = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmChart) chart = NULL;
  g_autofree double *rates = NULL;
  g_autofree double *lows = NULL;
  g_autofree double *highs = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *rate = NULL;
  g_autofree char *interval = NULL;
  g_autofree char *visitors = NULL;
  RdmPathOptions path;
  RdmModelOptions model;
  const RdmDiscovery *d;

  g_clear_pointer (&self->discovery, rdm_discovery_free);
  g_list_store_remove_all (self->discover_rows);
  rdm_result_table_set_columns (self->discover_table, _ ("Value"), 160, titles,
                                G_N_ELEMENTS (titles));
  if (self->shared == NULL || position == GTK_INVALID_LIST_POSITION
      || position >= g_list_model_get_n_items (G_LIST_MODEL (self->key_list)))
    {
      gtk_label_set_text (self->discover_summary, "");
      rdm_chart_view_set_chart (self->discover_chart, NULL);
      return;
    }
  if (within != NULL)
    {
      g_autofree char *filter = rdm_project_get_segment_filter (self->project, within, &error);

      if (filter != NULL)
        base = rdm_segment_data_evaluate (self->shared->data, filter, FALSE, NULL, &error);
      if (base == NULL)
        {
          gtk_label_set_text (self->discover_summary, error->message);
          return;
        }
    }
  get_options (self, &path, &model);
  self->discovery
      = rdm_segment_discover (self->shared->data->store, self->shared->data->facts, base,
                              gtk_string_list_get_string (self->key_list, position), &path, &error);
  rdm_path_options_clear (&path);
  rdm_model_options_clear (&model);
  if (self->discovery == NULL)
    {
      gtk_label_set_text (self->discover_summary, error->message);
      return;
    }
  d = self->discovery;
  rate = rdm_result_format_percent (d->rate);
  interval = format_interval (d->rate_low, d->rate_high);
  visitors = format_count (d->visitors);
  /* TRANSLATORS: visitors, rate, interval; a p-value under 0.05 flags a real difference */
  summary = g_strdup_printf (
      _ ("%s visitors convert at %s (%s). A difference is called real when the value’s visitors "
         "differ from the other visitors with p < 0.05 (two-proportion z-test, not corrected "
         "for the number of values)."),
      visitors, rate, interval);
  gtk_label_set_text (self->discover_summary, summary);

  chart = rdm_chart_new (RDM_CHART_KIND_GROUPED_BARS);
  rates = g_new0 (double, MAX (d->n_rows, 1));
  lows = g_new0 (double, MAX (d->n_rows, 1));
  highs = g_new0 (double, MAX (d->n_rows, 1));
  for (guint i = 0; i < d->n_rows; i++)
    {
      const RdmDiscoveryRow *r = &d->rows[i];
      g_autoptr (RdmResultRow) row = rdm_result_row_new (r->value, r->value, G_N_ELEMENTS (titles));
      gboolean real = isfinite (r->p_value) && r->p_value < 0.05;

      rdm_result_row_set_cell (row, 0, (double)r->visitors, format_count (r->visitors));
      rdm_result_row_set_cell (row, 1, (double)r->converters, format_count (r->converters));
      rdm_result_row_set_cell (row, 2, r->rate, rdm_result_format_percent (r->rate));
      rdm_result_row_set_cell (row, 3, r->rate_low, format_interval (r->rate_low, r->rate_high));
      rdm_result_row_set_cell (row, 4, r->p_value,
                               r->p_value < 0.0001 ? g_strdup ("< 0.0001")
                                                   : rdm_result_format_number (r->p_value, 4));
      rdm_result_row_set_cell (
          row, 5, real ? 1 : 0,
          g_strdup (real ? (r->rate > d->rate ? _ ("Real: higher") : _ ("Real: lower"))
                         : _ ("Could be chance")));
      g_list_store_append (self->discover_rows, row);
      rdm_chart_add_category (chart, r->value);
      rates[i] = r->rate * 100;
      lows[i] = r->rate_low * 100;
      highs[i] = r->rate_high * 100;
    }
  rdm_chart_set_title (chart, _ ("Conversion rate by value, with 95% intervals"));
  rdm_chart_set_axis_labels (chart, NULL, _ ("Conversion rate (%)"));
  rdm_chart_add_series (chart, _ ("Conversion rate"), rates, d->n_rows);
  rdm_chart_set_series_ci (chart, 0, lows, highs, d->n_rows);
  rdm_chart_view_set_chart (self->discover_chart, chart);
}

/* Loading */

static void
load_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  const char *path = task_data;
  GError *error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open_for_worker (path, &error);
  RdmSegmentsShared *shared;
  RdmSegmentData *data;

  if (project == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data = rdm_segment_data_load (project, cancellable, &error);
  if (data == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  shared = g_atomic_rc_box_new0 (RdmSegmentsShared);
  shared->data = data;
  shared->schema = rdm_visitor_facts_schema (data->facts);
  g_task_return_pointer (task, shared, (GDestroyNotify)shared_unref);
}

static void
set_up_fields (RdmSegmentsPage *self)
{
  const RdmVisitorFacts *facts = self->shared->data->facts;
  g_autoptr (GPtrArray) keys = sorted_strings (facts->attribute_keys);
  FieldEntry entry = { 0 };

  g_clear_pointer (&self->fields, g_array_unref);
  self->fields = g_array_new (FALSE, FALSE, sizeof (FieldEntry));
  gtk_string_list_splice (self->key_list, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->key_list)), NULL);
  for (guint i = 0; i < keys->len; i++)
    {
      entry.field = RDM_SEGMENT_FIELD_ATTRIBUTE;
      entry.key = keys->pdata[i];
      g_array_append_val (self->fields, entry);
      gtk_string_list_append (self->key_list, keys->pdata[i]);
    }
  entry.key = NULL;
  for (RdmSegmentField f = RDM_SEGMENT_FIELD_TOUCHED; f <= RDM_SEGMENT_FIELD_CONVERTED; f++)
    {
      entry.field = f;
      g_array_append_val (self->fields, entry);
    }
}

static void
load_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  RdmSegmentsShared *shared = g_task_propagate_pointer (G_TASK (result), &error);
  RdmSegmentsPage *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = RDM_SEGMENTS_PAGE (source);
  gtk_spinner_stop (self->spinner);
  if (shared == NULL)
    {
      set_count_text (self, error->message);
      return;
    }
  self->shared = shared;
  gtk_stack_set_visible_child_name (self->content_stack,
                                    shared->data->facts->n_visitors > 0 ? "content" : "empty");
  set_up_fields (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), TRUE);
  expression_changed_cb (self);
  request_comparison (self);
  update_discovery (self);
}

static void
forget_data (RdmSegmentsPage *self)
{
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_cancellable_cancel (self->compare_cancellable);
  g_clear_object (&self->compare_cancellable);
  clear_conditions (self);
  g_clear_pointer (&self->comparison, rdm_segment_comparison_free);
  g_clear_pointer (&self->discovery, rdm_discovery_free);
  g_clear_pointer (&self->fields, g_array_unref);
  g_clear_pointer (&self->shared, shared_unref);
  self->comparing = FALSE;
  if (self->compare_rows != NULL)
    {
      g_list_store_remove_all (self->compare_rows);
      g_list_store_remove_all (self->credit_rows);
      g_list_store_remove_all (self->discover_rows);
    }
}

static void
start_load (RdmSegmentsPage *self)
{
  g_autoptr (GTask) task = NULL;

  forget_data (self);
  gtk_stack_set_visible_child_name (self->content_stack, "content");
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), FALSE);
  rdm_chart_view_set_chart (self->compare_chart, NULL);
  rdm_chart_view_set_chart (self->discover_chart, NULL);
  refresh_segments (self);
  rdm_segment_picker_set_project (self->discover_within, self->project);
  expression_changed_cb (self);
  if (self->project == NULL)
    return;
  self->load_cancellable = g_cancellable_new ();
  gtk_spinner_start (self->spinner);
  task = g_task_new (self, self->load_cancellable, load_done_cb, NULL);
  g_task_set_source_tag (task, start_load);
  g_task_set_task_data (task, g_strdup (rdm_project_get_path (self->project)), g_free);
  g_task_run_in_thread (task, load_thread);
}

/* GObject */

static void
rdm_segments_page_dispose (GObject *object)
{
  RdmSegmentsPage *self = RDM_SEGMENTS_PAGE (object);

  GtkWidget *child;

  forget_data (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), RDM_TYPE_SEGMENTS_PAGE);
  /* the template's root box has no id, so dispose_template leaves it */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->project);
  g_clear_object (&self->compare_rows);
  g_clear_object (&self->credit_rows);
  g_clear_object (&self->discover_rows);
  g_clear_object (&self->key_list);
  G_OBJECT_CLASS (rdm_segments_page_parent_class)->dispose (object);
}

static void
rdm_segments_page_finalize (GObject *object)
{
  RdmSegmentsPage *self = RDM_SEGMENTS_PAGE (object);

  g_ptr_array_unref (self->conditions);
  g_free (self->base_text);
  g_ptr_array_unref (self->segment_rows);
  g_hash_table_unref (self->compared);
  G_OBJECT_CLASS (rdm_segments_page_parent_class)->finalize (object);
}

static void
rdm_segments_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RdmSegmentsPage *self = RDM_SEGMENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rdm_segments_page_set_property (GObject *object,
                                guint prop_id,
                                const GValue *value,
                                GParamSpec *pspec)
{
  RdmSegmentsPage *self = RDM_SEGMENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      rdm_segments_page_set_project (self, g_value_get_object (value));
      break;
    case PROP_SETTINGS:
      rdm_segments_page_set_settings (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rdm_segments_page_class_init (RdmSegmentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rdm_segments_page_dispose;
  object_class->finalize = rdm_segments_page_finalize;
  object_class->get_property = rdm_segments_page_get_property;
  object_class->set_property = rdm_segments_page_set_property;

  properties[PROP_PROJECT]
      = g_param_spec_object ("project", NULL, NULL, RDM_TYPE_PROJECT,
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SETTINGS]
      = g_param_spec_object ("settings", NULL, NULL, RDM_TYPE_ANALYSIS_SETTINGS,
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  rdm_widgets_ensure_resources ();
  g_type_ensure (RDM_TYPE_CHART_VIEW);
  g_type_ensure (RDM_TYPE_SEGMENT_PICKER);
  g_type_ensure (RDM_TYPE_SETTINGS_SUMMARY);
  gtk_widget_class_set_template_from_resource (widget_class, "/fr/rendement/Rendement/widgets/"
                                                             "rdm-segments-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentsPage, settings_summary);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentsPage, segment_list);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentsPage, combine_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentsPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentsPage, condition_list);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentsPage, expression_entry);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentsPage, expression_error);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentsPage, name_entry);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentsPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentsPage, save_message);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentsPage, model_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentsPage, compare_table);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentsPage, compare_chart);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentsPage, credit_title);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentsPage, credit_table);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentsPage, discover_key_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentsPage, discover_within);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentsPage, discover_summary);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentsPage, discover_table);
  gtk_widget_class_bind_template_child (widget_class, RdmSegmentsPage, discover_chart);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

/* The model compared is the shared settings' "model" (that of ROI and the
 * KPIs), when there are shared settings. */
static void
sync_model (RdmSegmentsPage *self)
{
  guint model;
  guint selected = GTK_INVALID_LIST_POSITION;

  if (self->settings == NULL)
    return;
  g_object_get (self->settings, "model", &model, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (page_models); i++)
    if (page_models[i] == model)
      selected = i;
  self->syncing_model = TRUE;
  gtk_drop_down_set_selected (self->model_dropdown, selected);
  self->syncing_model = FALSE;
}

static void
model_selected_cb (RdmSegmentsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->model_dropdown);

  if (self->syncing_model)
    return;
  if (self->settings != NULL && selected < G_N_ELEMENTS (page_models))
    g_object_set (self->settings, "model", (guint)page_models[selected], NULL);
  else
    request_comparison (self);
}

static void
rdm_segments_page_init (RdmSegmentsPage *self)
{
  g_autoptr (GtkStringList) models = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  g_object_bind_property (self, "settings", self->settings_summary, "settings",
                          G_BINDING_SYNC_CREATE);
  self->conditions = g_ptr_array_new_with_free_func (g_free);
  self->segment_rows = g_ptr_array_new_with_free_func (segment_row_free);
  self->compared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->compare_rows = g_list_store_new (RDM_TYPE_RESULT_ROW);
  self->credit_rows = g_list_store_new (RDM_TYPE_RESULT_ROW);
  self->discover_rows = g_list_store_new (RDM_TYPE_RESULT_ROW);
  self->key_list = gtk_string_list_new (NULL);
  self->live_count = G_MAXUINT64;

  set_table_model (self->compare_table, self->compare_rows);
  set_table_model (self->credit_table, self->credit_rows);
  set_table_model (self->discover_table, self->discover_rows);
  for (guint i = 0; i < G_N_ELEMENTS (page_models); i++)
    gtk_string_list_append (models, rdm_model_display_name (page_models[i]));
  gtk_drop_down_set_model (self->model_dropdown, G_LIST_MODEL (models));
  gtk_drop_down_set_model (self->discover_key_dropdown, G_LIST_MODEL (self->key_list));
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), FALSE);

  g_signal_connect_object (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->combine_dropdown, "notify::selected", G_CALLBACK (builder_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->expression_entry, "changed", G_CALLBACK (expression_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->save_button, "clicked", G_CALLBACK (save_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->name_entry, "activate", G_CALLBACK (save_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->segment_list, "row-activated", G_CALLBACK (segment_activated_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model_dropdown, "notify::selected", G_CALLBACK (model_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->discover_key_dropdown, "notify::selected",
                           G_CALLBACK (update_discovery), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->discover_within, "notify::segment", G_CALLBACK (update_discovery),
                           self, G_CONNECT_SWAPPED);
  update_discovery (self);
}

GtkWidget *
rdm_segments_page_new (void)
{
  return g_object_new (RDM_TYPE_SEGMENTS_PAGE, NULL);
}

RdmProject *
rdm_segments_page_get_project (RdmSegmentsPage *self)
{
  g_return_val_if_fail (RDM_IS_SEGMENTS_PAGE (self), NULL);
  return self->project;
}

void
rdm_segments_page_set_project (RdmSegmentsPage *self, RdmProject *project)
{
  g_return_if_fail (RDM_IS_SEGMENTS_PAGE (self));
  g_return_if_fail (project == NULL || RDM_IS_PROJECT (project));

  if (!g_set_object (&self->project, project))
    return;
  start_load (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

void
rdm_segments_page_reload (RdmSegmentsPage *self)
{
  g_return_if_fail (RDM_IS_SEGMENTS_PAGE (self));
  start_load (self);
}

static void
settings_changed_cb (RdmSegmentsPage *self)
{
  sync_model (self);
  request_comparison (self);
  update_discovery (self);
}

RdmAnalysisSettings *
rdm_segments_page_get_settings (RdmSegmentsPage *self)
{
  g_return_val_if_fail (RDM_IS_SEGMENTS_PAGE (self), NULL);
  return self->settings;
}

void
rdm_segments_page_set_settings (RdmSegmentsPage *self, RdmAnalysisSettings *settings)
{
  g_return_if_fail (RDM_IS_SEGMENTS_PAGE (self));
  g_return_if_fail (settings == NULL || RDM_IS_ANALYSIS_SETTINGS (settings));

  if (self->settings == settings)
    return;
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  if (settings != NULL)
    g_signal_connect_swapped (settings, "notify", G_CALLBACK (settings_changed_cb), self);
  settings_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
}
