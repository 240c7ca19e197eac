/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Segments page and the segment picker under a display (Xvfb):
 * creation and finalization, then on the demo project: "blog readers aged
 * 25–49" built with the builder (touched("Blog") and age_band in
 * ("25-34", "35-49")), its live count equal to the engine's (and to
 * "rendement-cli segment list --count": 4 663 on the demo), saved; the
 * five engagement levels saved through the text mode and compared with
 * everyone, every rate and interval equal to rdm_segment_compare()'s; and
 * discovery of age_band within the saved segment equal to
 * rdm_segment_discover()'s. Screenshots in $RDM_SCREENSHOTS_DIR.
 */
#include "config.h"

#include <adwaita.h>
#include <cjson/cJSON.h>

#include "rdm-gui-test-util.h"
#include "rdm-overview-page.h"
#include "rdm-project-db.h"
#include "rdm-result-row.h"
#include "rdm-segments-page-private.h"
#include "rdm-segments.h"
#include "rdm-test-util.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

static const char *const levels[]
    = { "spectator", "sharer", "commenter", "producer", "evangelist" };

static void
test_create_destroy (void)
{
  GtkWidget *page = rdm_segments_page_new ();
  GtkWidget *picker = rdm_segment_picker_new ();

  g_object_ref_sink (page);
  g_object_ref_sink (picker);
  g_assert_null (rdm_section_get_project (RDM_SECTION (page)));
  g_assert_null (rdm_segment_picker_get_segment (RDM_SEGMENT_PICKER (picker)));
  /* a name the (absent) project does not have selects everyone */
  rdm_segment_picker_set_segment (RDM_SEGMENT_PICKER (picker), "nobody");
  g_assert_null (rdm_segment_picker_get_segment (RDM_SEGMENT_PICKER (picker)));
  g_assert_finalize_object (page);
  g_assert_finalize_object (picker);
}

static gboolean
loaded (gpointer data)
{
  RdmSegmentsPage *page = data;

  return page->shared != NULL && !rdm_section_get_busy (RDM_SECTION (page))
         && page->comparison_view->comparison != NULL;
}

typedef struct
{
  RdmSegmentsPage *page;
  guint n_segments;
} CompareWait;

static gboolean
compared (gpointer data)
{
  CompareWait *wait = data;

  const RdmSegmentComparison *comparison = wait->page->comparison_view->comparison;

  return !rdm_section_get_busy (RDM_SECTION (wait->page)) && comparison != NULL
         && comparison->n_segments == wait->n_segments;
}

/* Writes a screenshot (rdm_gui_test_screenshot() returns the texture too). */
static void
screenshot (GtkWidget *widget, const char *name)
{
  g_autoptr (GdkTexture) texture = rdm_gui_test_screenshot (widget, name);

  g_assert_nonnull (texture);
}

static void
test_picker (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *file = g_build_filename (dir, "picker.rendement", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_create (file, &error);
  GtkWidget *picker = rdm_segment_picker_new ();
  GtkDropDown *dropdown;
  GListModel *names;

  g_assert_no_error (error);
  /* segments are checked against the project's attributes */
  g_assert_true (
      rdm_project_exec (project,
                        "INSERT INTO visitor (id, external_id) VALUES (1, 'a'), (2, 'b');"
                        "INSERT INTO visitor_attribute (visitor_id, key, value) VALUES"
                        " (1, 'gender', 'F'), (2, 'gender', 'M')",
                        &error));
  g_assert_no_error (error);
  g_object_ref_sink (picker);
  g_assert_true (rdm_project_add_segment (project, "women", "gender = \"F\"", FALSE, &error));
  g_assert_no_error (error);
  rdm_segment_picker_set_project (RDM_SEGMENT_PICKER (picker), project);
  dropdown = GTK_DROP_DOWN (gtk_widget_get_first_child (picker));
  names = gtk_drop_down_get_model (dropdown);
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 0), ==, "Everyone");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 1), ==, "women");

  /* choosing in the drop-down sets the property */
  gtk_drop_down_set_selected (dropdown, 1);
  g_assert_cmpstr (rdm_segment_picker_get_segment (RDM_SEGMENT_PICKER (picker)), ==, "women");

  /* a new segment shows after a refresh; the choice is kept */
  g_assert_true (rdm_project_add_segment (project, "men", "gender = \"M\"", FALSE, &error));
  rdm_segment_picker_refresh (RDM_SEGMENT_PICKER (picker));
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, 3);
  g_assert_cmpstr (rdm_segment_picker_get_segment (RDM_SEGMENT_PICKER (picker)), ==, "women");
  rdm_segment_picker_set_segment (RDM_SEGMENT_PICKER (picker), "men");
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 1); /* listed by name */

  /* the chosen segment disappears: back to everyone */
  g_assert_true (rdm_project_remove_segment (project, "men", &error));
  rdm_segment_picker_refresh (RDM_SEGMENT_PICKER (picker));
  g_assert_null (rdm_segment_picker_get_segment (RDM_SEGMENT_PICKER (picker)));
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);

  g_assert_finalize_object (picker);
  rdm_test_remove_tree (dir);
}

/* A project without data: the page says so instead of showing zeros. */
static void
test_empty_project (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *file = g_build_filename (dir, "empty.rendement", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_create (file, &error);
  GtkWidget *window = adw_window_new ();
  GtkWidget *widget = rdm_segments_page_new ();
  RdmSegmentsPage *page = RDM_SEGMENTS_PAGE (widget);

  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  adw_window_set_content (ADW_WINDOW (window), widget);
  gtk_window_present (GTK_WINDOW (window));
  rdm_gui_test_set_project (widget, project);
  rdm_gui_test_wait (loaded, page);
  g_assert_cmpuint (page->builder->live_count, ==, 0);
  g_assert_cmpuint (page->comparison_view->comparison->segments[0].visitors, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (page->comparison_view->key_list)), ==,
                    0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->content_stack), ==, "empty");
  rdm_gui_test_settle (NULL);
  screenshot (window, "segments-empty");
  rdm_section_set_session (RDM_SECTION (page), NULL);
  g_assert_null (page->shared);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->content_stack), ==, "content");
  gtk_window_destroy (GTK_WINDOW (window));
  rdm_test_remove_tree (dir);
}

static void
assert_rows_match (GtkColumnView *table, const RdmSegmentComparison *expected)
{
  GListModel *rows = G_LIST_MODEL (gtk_column_view_get_model (table));

  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, expected->n_segments);
  for (guint i = 0; i < expected->n_segments; i++)
    {
      g_autoptr (RdmResultRow) row = g_list_model_get_item (rows, i);
      const RdmSegmentStats *s = &expected->segments[i];

      g_assert_cmpstr (rdm_result_row_get_label (row), ==, s->name);
      g_assert_cmpfloat (rdm_result_row_get_number (row, 0), ==, (double)s->visitors);
      g_assert_cmpfloat (rdm_result_row_get_number (row, 1), ==, (double)s->converters);
      g_assert_cmpfloat (rdm_result_row_get_number (row, 2), ==, s->rate);
      g_assert_cmpfloat (rdm_result_row_get_number (row, 3), ==, s->rate_low);
    }
}

/* The menu item of saved segment @name labelled @label. */
static GtkWidget *
find_row_button (GtkWidget *root, const char *name, const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child)
          && g_strcmp0 (g_object_get_data (G_OBJECT (child), "rdm-segment-name"), name) == 0
          && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      found = find_row_button (child, name, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The dialog shown, with a reference for the caller (a response may close
 * it). */
static AdwMessageDialog *
find_dialog (void)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return g_object_ref (l->data);
  g_error ("no message dialog is shown");
}

static gboolean
compared_with (gpointer data)
{
  RdmSegmentsPage *page = data;
  const char *name = g_object_get_data (G_OBJECT (page), "test-expected-name");
  guint n = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (page), "test-expected-n"));
  const RdmSegmentComparison *comparison = page->comparison_view->comparison;
  gboolean has_name = name == NULL;

  if (rdm_section_get_busy (RDM_SECTION (page)) || comparison == NULL
      || comparison->n_segments != n)
    return FALSE;
  for (guint i = 0; i < comparison->n_segments && !has_name; i++)
    has_name = g_str_equal (comparison->segments[i].name, name);
  return has_name;
}

static void
test_end_to_end (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *file = rdm_test_copy_demo (dir, "demo.rendement");
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (file, &error);
  g_autoptr (RdmSegmentData) data = NULL;
  g_autoptr (RdmFilter) expected_filter = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) bitmaps = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (RdmSegmentComparison) expected = NULL;
  g_autoptr (RdmDiscovery) expected_discovery = NULL;
  g_autofree char *canonical = NULL;
  g_autofree guint64 *blog = NULL;
  const char *const blog_values[] = { "Blog", NULL };
  const char *const ages[] = { "25-34", "35-49", NULL };
  GtkWidget *window = adw_window_new ();
  GtkWidget *widget = rdm_segments_page_new ();
  RdmSegmentsPage *page = RDM_SEGMENTS_PAGE (widget);
  RdmSegmentBuilder *builder = page->builder;
  RdmSegmentComparisonView *view = page->comparison_view;
  guint64 count = 0;
  CompareWait wait = { page, 6 };
  guint key_position = GTK_INVALID_LIST_POSITION;

  g_assert_no_error (error);
  /* the test saves the segments it works with, by position in the lists */
  g_assert_true (rdm_project_exec (project, "DELETE FROM segment", &error));
  g_assert_no_error (error);
  data = rdm_segment_data_load (project, NULL, &error);
  g_assert_no_error (error);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 1000);
  adw_window_set_content (ADW_WINDOW (window), widget);
  gtk_window_present (GTK_WINDOW (window));
  rdm_gui_test_set_project (widget, project);
  rdm_gui_test_wait (loaded, page);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->content_stack), ==, "content");
  /* before any segment is ticked, everyone alone */
  g_assert_cmpuint (view->comparison->n_segments, ==, 1);
  g_assert_cmpuint (view->comparison->segments[0].visitors, ==, data->facts->n_visitors);

  /* the builder: touched Blog, and age band 25-34 or 35-49 */
  _rdm_segment_builder_add_condition (builder, RDM_SEGMENT_FIELD_TOUCHED, NULL, 0, blog_values, 0);
  _rdm_segment_builder_add_condition (builder, RDM_SEGMENT_FIELD_ATTRIBUTE, "age_band", 0, ages, 0);
  expected_filter
      = rdm_filter_parse ("touched(\"Blog\") and age_band in (\"25-34\", \"35-49\")", NULL, &error);
  g_assert_no_error (error);
  canonical = rdm_filter_to_string (expected_filter);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (builder->expression_entry)), ==, canonical);
  blog = rdm_segment_data_evaluate (data, canonical, TRUE, &count, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (builder->live_count, ==, count);
  g_assert_cmpuint (builder->live_count, ==, 3259);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (builder->count_label), "3"));
  screenshot (window, "segments-builder");

  /* a typing error names its column and blocks saving */
  gtk_editable_set_text (GTK_EDITABLE (builder->expression_entry), "touched(\"Blog\") and");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (builder->expression_error)));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (builder->expression_error), "column "));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (builder->save_button)));
  g_assert_cmpuint (builder->live_count, ==, G_MAXUINT64);
  /* typed text replaces what the builder showed */
  g_assert_cmpuint (builder->conditions->len, ==, 0);
  gtk_editable_set_text (GTK_EDITABLE (builder->expression_entry), canonical);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (builder->expression_error)));

  gtk_editable_set_text (GTK_EDITABLE (builder->name_entry), "Blog readers 25-49");
  g_signal_emit_by_name (builder->save_button, "clicked");
  {
    g_autofree char *saved = rdm_project_get_segment_filter (project, "Blog readers 25-49", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (saved, ==, canonical);
  }
  rdm_segment_list_set_compared (page->segment_list, "Blog readers 25-49", FALSE);

  /* the engagement levels, typed in the text mode, saved and compared */
  g_ptr_array_add (names, g_strdup ("Everyone"));
  g_ptr_array_add (bitmaps, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      g_autofree char *text = g_strdup_printf ("engagement = \"%s\"", levels[i]);
      g_autofree char *name = g_strdup_printf ("Engagement: %s", levels[i]);

      gtk_editable_set_text (GTK_EDITABLE (builder->expression_entry), text);
      gtk_editable_set_text (GTK_EDITABLE (builder->name_entry), name);
      g_signal_emit_by_name (builder->save_button, "clicked");
      g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (builder->save_message), "error"));
      g_ptr_array_add (bitmaps, rdm_segment_data_evaluate (data, text, TRUE, NULL, &error));
      g_assert_no_error (error);
      g_ptr_array_add (names, g_steal_pointer (&name));
    }
  rdm_gui_test_wait (compared, &wait);

  expected = rdm_segment_compare (data->store, (const char *const *)names->pdata,
                                  (const guint64 *const *)bitmaps->pdata, names->len, NULL,
                                  RDM_MODEL_LINEAR, NULL, NULL, &error);
  g_assert_no_error (error);
  /* saved segments are listed by name, which here is level order only by
   * luck: compare by name */
  for (guint i = 0; i < expected->n_segments; i++)
    {
      const RdmSegmentStats *want = &expected->segments[i];
      const RdmSegmentStats *got = NULL;

      for (guint j = 0; j < view->comparison->n_segments; j++)
        if (g_str_equal (view->comparison->segments[j].name, want->name))
          got = &view->comparison->segments[j];
      g_assert_nonnull (got);
      g_assert_cmpuint (got->visitors, ==, want->visitors);
      g_assert_cmpuint (got->converters, ==, want->converters);
      g_assert_cmpfloat (got->rate, ==, want->rate);
      g_assert_cmpfloat (got->rate_low, ==, want->rate_low);
      g_assert_cmpfloat (got->rate_high, ==, want->rate_high);
      g_assert_cmpfloat (got->value_per_visitor, ==, want->value_per_visitor);
      g_assert_cmpfloat (got->credit->total_conversions, ==, want->credit->total_conversions);
    }
  assert_rows_match (view->compare_table, view->comparison);

  /* shared analysis settings (a 7-day click window) drive the journeys */
  {
    RdmAnalysisSettings *settings = rdm_section_get_settings (RDM_SECTION (page));
    g_autoptr (RdmSegmentComparison) windowed = NULL;
    RdmPathOptions path;
    RdmModelOptions model;
    double click_window;

    g_object_get (settings, "click-window", &click_window, NULL);
    g_object_set (settings, "click-window", 7.0, NULL);
    g_assert_true (rdm_section_get_busy (RDM_SECTION (page)));
    rdm_gui_test_wait (compared, &wait);
    g_assert_true (rdm_analysis_settings_get_options (settings, &path, &model, &error));
    g_assert_cmpfloat (path.click_window_days, ==, 7);
    windowed = rdm_segment_compare (data->store, (const char *const *)names->pdata,
                                    (const guint64 *const *)bitmaps->pdata, names->len, &path,
                                    RDM_MODEL_LINEAR, &model, NULL, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < windowed->n_segments; i++)
      for (guint j = 0; j < view->comparison->n_segments; j++)
        if (g_str_equal (view->comparison->segments[j].name, windowed->segments[i].name))
          {
            g_assert_cmpfloat (view->comparison->segments[j].avg_path_length, ==,
                               windowed->segments[i].avg_path_length);
            g_assert_cmpfloat (view->comparison->segments[j].avg_path_length, <,
                               expected->segments[i].avg_path_length);
          }
    rdm_path_options_clear (&path);
    rdm_model_options_clear (&model);
    g_object_set (settings, "click-window", click_window, NULL);
    g_assert_true (rdm_section_get_busy (RDM_SECTION (page)));
    rdm_gui_test_wait (compared, &wait);
  }

  /* "rendement-cli compare" gives the same numbers, to the last digit */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autoptr (cJSON) root = NULL;
    const cJSON *item;
    int status = rdm_test_run_cli (
        &out, &err, "compare", file, "--everyone", "--segment", "Engagement: spectator",
        "--segment", "Engagement: sharer", "--segment", "Engagement: commenter", "--segment",
        "Engagement: producer", "--segment", "Engagement: evangelist", "--format", "json", NULL);
    guint i = 0;

    g_assert_cmpint (status, ==, 0);
    root = cJSON_Parse (out);
    g_assert_nonnull (root);
    cJSON_ArrayForEach (item, cJSON_GetObjectItem (root, "segments"))
      {
        const RdmSegmentStats *want = &expected->segments[i++];

        g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (item, "name")), ==, want->name);
        g_assert_cmpfloat (cJSON_GetObjectItem (item, "visitors")->valuedouble, ==, want->visitors);
        g_assert_cmpfloat (cJSON_GetObjectItem (item, "conversion_rate")->valuedouble, ==,
                           want->rate);
        g_assert_cmpfloat (cJSON_GetObjectItem (item, "ci_low")->valuedouble, ==, want->rate_low);
        g_assert_cmpfloat (cJSON_GetObjectItem (item, "ci_high")->valuedouble, ==, want->rate_high);
      }
    g_assert_cmpuint (i, ==, 6);
  }
  /* and "segment list --count" the live count of the builder's segment */
  {
    g_autofree char *out = NULL;
    g_autoptr (cJSON) root = NULL;
    const cJSON *item;
    gboolean seen = FALSE;

    g_assert_cmpint (
        rdm_test_run_cli (&out, NULL, "segment", "list", file, "--count", "--format", "json", NULL),
        ==, 0);
    root = cJSON_Parse (out);
    cJSON_ArrayForEach (item, root)
      if (g_str_equal (cJSON_GetStringValue (cJSON_GetObjectItem (item, "name")),
                       "Blog readers 25-49"))
        {
          g_assert_cmpfloat (cJSON_GetObjectItem (item, "visitors")->valuedouble, ==, 3259);
          seen = TRUE;
        }
    g_assert_true (seen);
  }
  /* evangelists convert more than spectators, and the intervals say it is real */
  {
    const RdmSegmentStats *spectators = &expected->segments[1];
    const RdmSegmentStats *evangelists = &expected->segments[5];

    g_assert_cmpfloat (evangelists->rate_low, >, spectators->rate_high);
  }
  rdm_gui_test_settle (NULL);
  screenshot (window, "segments-comparison");

  /* discovery of age_band within the saved segment */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (view->key_list)); i++)
    if (g_str_equal (gtk_string_list_get_string (view->key_list, i), "age_band"))
      key_position = i;
  g_assert_cmpuint (key_position, !=, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (view->discover_key_dropdown, key_position);
  rdm_segment_picker_set_segment (view->discover_within, "Blog readers 25-49");
  g_assert_cmpstr (rdm_segment_picker_get_segment (view->discover_within), ==,
                   "Blog readers 25-49");
  expected_discovery
      = rdm_segment_discover (data->store, data->facts, blog, "age_band", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (view->discovery);
  g_assert_cmpuint (view->discovery->visitors, ==, 3259);
  g_assert_cmpuint (view->discovery->n_rows, ==, expected_discovery->n_rows);
  g_assert_cmpuint (view->discovery->n_rows, ==, 2);
  for (guint i = 0; i < expected_discovery->n_rows; i++)
    {
      g_assert_cmpstr (view->discovery->rows[i].value, ==, expected_discovery->rows[i].value);
      g_assert_cmpfloat (view->discovery->rows[i].rate, ==, expected_discovery->rows[i].rate);
      g_assert_cmpfloat (view->discovery->rows[i].p_value, ==, expected_discovery->rows[i].p_value);
    }
  /* and of engagement among everyone, for the screenshot */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (view->key_list)); i++)
    if (g_str_equal (gtk_string_list_get_string (view->key_list, i), "engagement"))
      gtk_drop_down_set_selected (view->discover_key_dropdown, i);
  rdm_segment_picker_set_segment (view->discover_within, NULL);
  g_assert_cmpuint (view->discovery->n_rows, ==, G_N_ELEMENTS (levels));
  g_assert_cmpstr (view->discovery->rows[0].value, ==, "evangelist");
  rdm_gui_test_settle (NULL);
  /* the whole page content, however tall */
  screenshot (gtk_widget_get_ancestor (GTK_WIDGET (view->compare_table), ADW_TYPE_CLAMP),
              "segments-page-full");

  /* behaviour conditions, combined with "any" */
  {
    const char *const channels[] = { "Blog", "Email", NULL };
    g_autoptr (RdmFilter) behaviour = rdm_filter_parse (
        "touches >= 5 or not converted or first_channel not in (\"Blog\", \"Email\")", NULL,
        &error);
    g_autofree char *behaviour_text = rdm_filter_to_string (behaviour);

    g_assert_no_error (error);
    gtk_editable_set_text (GTK_EDITABLE (builder->expression_entry), "");
    gtk_drop_down_set_selected (builder->combine_dropdown, 1);
    _rdm_segment_builder_add_condition (builder, RDM_SEGMENT_FIELD_TOUCHES, NULL, 0, NULL, 5);
    _rdm_segment_builder_add_condition (builder, RDM_SEGMENT_FIELD_CONVERTED, NULL, 1, NULL, 0);
    _rdm_segment_builder_add_condition (builder, RDM_SEGMENT_FIELD_FIRST_CHANNEL, NULL, 1, channels,
                                        0);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (builder->expression_entry)), ==,
                     behaviour_text);
    g_clear_pointer (&blog, g_free);
    blog = rdm_segment_data_evaluate (data, behaviour_text, TRUE, &count, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (builder->live_count, ==, count);
  }

  /* a condition added to a typed filter extends it */
  {
    const char *const age[] = { "25-34", NULL };
    g_autoptr (RdmFilter) extended
        = rdm_filter_parse ("engagement = \"evangelist\" and age_band = \"25-34\"", NULL, &error);
    g_autofree char *extended_text = rdm_filter_to_string (extended);

    gtk_drop_down_set_selected (builder->combine_dropdown, 0);
    gtk_editable_set_text (GTK_EDITABLE (builder->expression_entry), "engagement = \"evangelist\"");
    g_assert_cmpuint (builder->conditions->len, ==, 0);
    _rdm_segment_builder_add_condition (builder, RDM_SEGMENT_FIELD_ATTRIBUTE, "age_band", 0, age,
                                        0);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (builder->expression_entry)), ==,
                     extended_text);
    g_clear_pointer (&blog, g_free);
    blog = rdm_segment_data_evaluate (data, extended_text, TRUE, &count, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (builder->live_count, ==, count);
    g_assert_cmpuint (count, <, 814); /* fewer than all evangelists */
    screenshot (window, "segments-typed-filter");

    /* saving under an existing name asks before replacing */
    {
      g_autoptr (AdwMessageDialog) dialog = NULL;
      g_autofree char *replaced = NULL;

      gtk_editable_set_text (GTK_EDITABLE (builder->name_entry), "Engagement: evangelist");
      g_signal_emit_by_name (builder->save_button, "clicked");
      dialog = find_dialog ();
      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                       "Replace “Engagement: evangelist”?");
      adw_message_dialog_response (dialog, "replace");
      gtk_window_destroy (GTK_WINDOW (dialog));
      replaced = rdm_project_get_segment_filter (project, "Engagement: evangelist", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (replaced, ==, extended_text);
    }
  }

  /* rename a segment through its dialog: it stays ticked */
  {
    g_autoptr (AdwMessageDialog) dialog = NULL;
    g_autofree char *filter = NULL;

    g_signal_emit_by_name (
        find_row_button (GTK_WIDGET (page->segment_list), "Engagement: sharer", "_Rename…"),
        "clicked");
    dialog = find_dialog ();
    gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "Sharers");
    adw_message_dialog_response (dialog, "rename");
    gtk_window_destroy (GTK_WINDOW (dialog));
    filter = rdm_project_get_segment_filter (project, "Sharers", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (filter, ==, "engagement = \"sharer\"");
    g_assert_null (rdm_project_get_segment_filter (project, "Engagement: sharer", &error));
    g_assert_error (error, RDM_PROJECT_ERROR, RDM_PROJECT_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_object_set_data (G_OBJECT (page), "test-expected-name", (gpointer) "Sharers");
    g_object_set_data (G_OBJECT (page), "test-expected-n", GUINT_TO_POINTER (6));
    rdm_gui_test_wait (compared_with, page);
  }

  /* delete it, after confirming */
  {
    g_autoptr (AdwMessageDialog) dialog = NULL;
    g_autoptr (GPtrArray) segments = NULL;

    g_signal_emit_by_name (find_row_button (GTK_WIDGET (page->segment_list), "Sharers", "_Delete…"),
                           "clicked");
    dialog = find_dialog ();
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete “Sharers”?");
    /* cancel keeps it */
    adw_message_dialog_response (dialog, "cancel");
    g_assert_nonnull (find_row_button (GTK_WIDGET (page->segment_list), "Sharers", "_Delete…"));
    adw_message_dialog_response (dialog, "delete");
    gtk_window_destroy (GTK_WINDOW (dialog));
    segments = rdm_project_list_segments (project, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (segments->len, ==, 5);
    g_assert_null (find_row_button (GTK_WIDGET (page->segment_list), "Sharers", "_Delete…"));
    g_object_set_data (G_OBJECT (page), "test-expected-name", NULL);
    g_object_set_data (G_OBJECT (page), "test-expected-n", GUINT_TO_POINTER (5));
    rdm_gui_test_wait (compared_with, page);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  rdm_test_remove_tree (dir);
}

static gboolean
section_idle (gpointer section)
{
  return !rdm_section_get_busy (RDM_SECTION (section));
}

/* The Segments section reads the events through the session's data, so
 * that a second section of the same session (Overview, whose attributed
 * KPIs need them) does not read them again. */
static void
test_events_read_once (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *file = rdm_test_copy_demo (dir, "demo.rendement");
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_open (file, &error);
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *widget = rdm_segments_page_new ();
  GtkWidget *overview = rdm_overview_page_new ();
  RdmProjectSession *session;
  guint before = _rdm_project_data_get_n_event_loads ();

  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  gtk_box_append (GTK_BOX (box), widget);
  gtk_box_append (GTK_BOX (box), overview);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  session = rdm_gui_test_set_project (widget, project);
  rdm_gui_test_wait (loaded, widget);
  g_assert_cmpuint (_rdm_project_data_get_n_event_loads (), ==, before + 1);

  rdm_section_set_session (RDM_SECTION (overview), session);
  rdm_gui_test_wait (section_idle, overview);
  g_assert_cmpstr (rdm_section_get_state (RDM_SECTION (overview)), ==, "scorecard");
  g_assert_cmpuint (_rdm_project_data_get_n_event_loads (), ==, before + 1);

  /* an import makes new data: read once more, for both */
  rdm_project_session_data_changed (session);
  rdm_gui_test_wait (loaded, widget);
  rdm_gui_test_wait (section_idle, overview);
  g_assert_cmpuint (_rdm_project_data_get_n_event_loads (), ==, before + 2);
  gtk_window_destroy (GTK_WINDOW (window));
  rdm_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  if (!rdm_gui_test_init (&argc, &argv))
    {
      g_test_add_func ("/segments-page/no-display", rdm_gui_test_no_display);
      return g_test_run ();
    }
  g_test_add_func ("/segments-page/create-destroy", test_create_destroy);
  g_test_add_func ("/segments-page/picker", test_picker);
  g_test_add_func ("/segments-page/empty-project", test_empty_project);
  g_test_add_func ("/segments-page/end-to-end", test_end_to_end);
  g_test_add_func ("/segments-page/events-read-once", test_events_read_once);
  return g_test_run ();
}
