/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "rendement-cli compare": segments side by side (visitors, converters,
 * conversion rate with its 95% Wilson interval, value per visitor, path
 * length, top channels and attribution credit), and "rendement-cli
 * discover": the values of one attribute ranked by conversion rate. Both
 * read analysis/rdm-segment-compare.c, as the Segments page does.
 */

#include "config.h"

#include <inttypes.h>

#include <math.h>
#include <glib/gi18n.h>

#include "rdm-cli-analysis.h"
#include "rdm-format.h"
#include "rdm-segment-compare.h"
#include "rdm-segment-report.h"

/* p-values under this flag a difference as real in "discover" */
#define SIGNIFICANCE_LEVEL 0.05

static gboolean usage_error (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
usage_error (GError **error, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE, format, args));
  va_end (args);
  return FALSE;
}

/* "--segment" is repeatable here while the shared attribution options take
 * a single one, so its occurrences are taken out of argv before the shared
 * options are parsed. Returns the values in order. */
static GPtrArray *
take_segment_arguments (int *argc, char **argv, GError **error)
{
  g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  int out = 0;

  for (int i = 0; i < *argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        {
          while (i < *argc)
            argv[out++] = argv[i++];
          break;
        }
      if (g_str_equal (argv[i], "--segment"))
        {
          if (i + 1 >= *argc)
            return usage_error (error, _ ("--segment needs a segment name or a filter")), NULL;
          g_ptr_array_add (values, g_strdup (argv[++i]));
          continue;
        }
      if (g_str_has_prefix (argv[i], "--segment="))
        {
          g_ptr_array_add (values, g_strdup (argv[i] + strlen ("--segment=")));
          continue;
        }
      argv[out++] = argv[i];
    }
  *argc = out;
  argv[out] = NULL;
  return g_steal_pointer (&values);
}

/* For people: the locale's decimal mark and grouping. */
static char *
format_percent (double rate)
{
  g_autofree char *number = NULL;

  if (!isfinite (rate))
    return g_strdup ("–");
  number = rdm_format_fixed (rate * 100, 2);
  return g_strconcat (number, " %", NULL);
}

static char *
format_fixed (double value, int decimals)
{
  if (!isfinite (value))
    return g_strdup ("–");
  return rdm_format_fixed (value, decimals);
}

static char *
format_interval (double low, double high)
{
  g_autofree char *l = format_percent (low);
  g_autofree char *h = format_percent (high);

  return g_strdup_printf ("[%s – %s]", l, h);
}

static char *
top_channels_text (const RdmSegmentStats *stats, const RdmEventStore *store)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < stats->n_top_channels; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, g_ptr_array_index (store->channel_names, stats->top_channels[i]));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The credited labels of every segment, in order of first appearance. */
static GPtrArray *
credit_labels (const RdmSegmentComparison *comparison)
{
  GPtrArray *labels = g_ptr_array_new ();

  for (guint i = 0; i < comparison->n_segments; i++)
    {
      const RdmCredit *credit = comparison->segments[i].credit;

      for (guint l = 0; credit != NULL && l < credit->n_labels; l++)
        if (!g_ptr_array_find_with_equal_func (labels, credit->label_names[l], g_str_equal, NULL))
          g_ptr_array_add (labels, credit->label_names[l]);
    }
  return labels;
}

static cJSON *
comparison_json (const RdmSegmentComparison *comparison,
                 const RdmEventStore *store,
                 char **filters,
                 cJSON *settings)
{
  cJSON *root = cJSON_CreateObject ();
  cJSON *segments;

  cJSON_AddStringToObject (root, "model", rdm_model_to_string (comparison->model));
  segments = cJSON_AddArrayToObject (root, "segments");
  for (guint i = 0; i < comparison->n_segments; i++)
    {
      const RdmSegmentStats *s = &comparison->segments[i];
      cJSON *item = cJSON_CreateObject ();
      cJSON *top;

      cJSON_AddStringToObject (item, "name", s->name);
      if (filters[i] != NULL)
        cJSON_AddStringToObject (item, "filter", filters[i]);
      else
        cJSON_AddNullToObject (item, "filter");
      cJSON_AddItemToObject (item, "visitors", rdm_cli_json_number ((double)s->visitors));
      cJSON_AddItemToObject (item, "converters", rdm_cli_json_number ((double)s->converters));
      cJSON_AddItemToObject (item, "conversion_rate", rdm_cli_json_number (s->rate));
      cJSON_AddItemToObject (item, "ci_low", rdm_cli_json_number (s->rate_low));
      cJSON_AddItemToObject (item, "ci_high", rdm_cli_json_number (s->rate_high));
      cJSON_AddItemToObject (item, "conversions", rdm_cli_json_number ((double)s->conversions));
      cJSON_AddItemToObject (item, "value", rdm_cli_json_number (s->value));
      cJSON_AddItemToObject (item, "value_per_visitor", rdm_cli_json_number (s->value_per_visitor));
      cJSON_AddItemToObject (item, "avg_path_length", rdm_cli_json_number (s->avg_path_length));
      top = cJSON_AddArrayToObject (item, "top_channels");
      for (guint t = 0; t < s->n_top_channels; t++)
        {
          cJSON *row = cJSON_CreateObject ();

          cJSON_AddStringToObject (row, "channel",
                                   g_ptr_array_index (store->channel_names, s->top_channels[t]));
          cJSON_AddItemToObject (
              row, "touches", rdm_cli_json_number ((double)s->channel_touches[s->top_channels[t]]));
          cJSON_AddItemToArray (top, row);
        }
      if (s->credit != NULL)
        {
          cJSON *credit = cJSON_AddArrayToObject (item, "credit");

          for (guint l = 0; l < s->credit->n_labels; l++)
            {
              cJSON *row = cJSON_CreateObject ();

              cJSON_AddStringToObject (row, "channel", s->credit->label_names[l]);
              cJSON_AddItemToObject (row, "conversions",
                                     rdm_cli_json_number (s->credit->conversions[l]));
              cJSON_AddItemToObject (row, "value", rdm_cli_json_number (s->credit->value[l]));
              cJSON_AddItemToArray (credit, row);
            }
        }
      else
        cJSON_AddNullToObject (item, "credit");
      cJSON_AddItemToArray (segments, item);
    }
  cJSON_AddItemToObject (root, "settings", settings);
  return root;
}

static void
print_comparison_csv (const RdmSegmentComparison *comparison, char **filters)
{
  g_autoptr (RdmCsvWriter) csv = rdm_csv_writer_new ();

  rdm_cli_csv_header (csv, "segment,filter,visitors,converters,conversion_rate,ci_low,ci_high,"
                           "conversions,value,value_per_visitor,avg_path_length");
  for (guint i = 0; i < comparison->n_segments; i++)
    {
      const RdmSegmentStats *s = &comparison->segments[i];

      rdm_csv_writer_add_text (csv, s->name);
      rdm_csv_writer_add_text (csv, filters[i]);
      rdm_csv_writer_add_number (csv, (double)s->visitors);
      rdm_csv_writer_add_number (csv, (double)s->converters);
      rdm_csv_writer_add_number (csv, s->rate);
      rdm_csv_writer_add_number (csv, s->rate_low);
      rdm_csv_writer_add_number (csv, s->rate_high);
      rdm_csv_writer_add_number (csv, (double)s->conversions);
      rdm_csv_writer_add_number (csv, s->value);
      rdm_csv_writer_add_number (csv, s->value_per_visitor);
      rdm_csv_writer_add_number (csv, s->avg_path_length);
      rdm_csv_writer_end_row (csv);
    }
  rdm_cli_print_csv (csv);
}

static void
print_comparison (const RdmSegmentComparison *comparison, const RdmEventStore *store)
{
  g_autoptr (GPtrArray) labels = credit_labels (comparison);
  g_autoptr (RdmCliTable) table = rdm_cli_table_new ("lrrrrrrl");
  g_autoptr (RdmCliTable) credit_table = NULL;
  g_autofree char *alignment = NULL;

  rdm_cli_table_add (table, _ ("Segment"));
  rdm_cli_table_add (table, _ ("Visitors"));
  rdm_cli_table_add (table, _ ("Converters"));
  rdm_cli_table_add (table, _ ("Rate"));
  rdm_cli_table_add (table, _ ("95% interval"));
  rdm_cli_table_add (table, _ ("Value/visitor"));
  rdm_cli_table_add (table, _ ("Path"));
  rdm_cli_table_add (table, _ ("Top channels"));
  rdm_cli_table_end_row (table);
  for (guint i = 0; i < comparison->n_segments; i++)
    {
      const RdmSegmentStats *s = &comparison->segments[i];

      rdm_cli_table_add (table, s->name);
      rdm_cli_table_take (table, rdm_format_count ((gint64)s->visitors));
      rdm_cli_table_take (table, rdm_format_count ((gint64)s->converters));
      rdm_cli_table_take (table, format_percent (s->rate));
      rdm_cli_table_take (table, format_interval (s->rate_low, s->rate_high));
      rdm_cli_table_take (table, format_fixed (s->value_per_visitor, 2));
      rdm_cli_table_take (table, format_fixed (s->avg_path_length, 2));
      rdm_cli_table_take (table, top_channels_text (s, store));
      rdm_cli_table_end_row (table);
    }
  rdm_cli_table_print (table);

  if (labels->len == 0)
    return;
  g_print ("\n");
  /* TRANSLATORS: %s is a model name such as "Linear" */
  g_print (_ ("Credited conversions (%s), one column per segment in the order above\n"),
           rdm_model_display_name (comparison->model));
  alignment = g_strnfill (comparison->n_segments + 1, 'r');
  alignment[0] = 'l';
  credit_table = rdm_cli_table_new (alignment);
  rdm_cli_table_add (credit_table, _ ("Channel"));
  for (guint i = 0; i < comparison->n_segments; i++)
    rdm_cli_table_take (credit_table, g_strdup_printf ("%u", i + 1));
  rdm_cli_table_end_row (credit_table);
  for (guint l = 0; l < labels->len; l++)
    {
      rdm_cli_table_add (credit_table, rdm_cli_display_label (labels->pdata[l]));
      for (guint i = 0; i < comparison->n_segments; i++)
        {
          const RdmCredit *credit = comparison->segments[i].credit;
          int index = credit != NULL ? rdm_credit_find_label (credit, labels->pdata[l]) : -1;

          rdm_cli_table_take (credit_table,
                              format_fixed (index >= 0 ? credit->conversions[index] : 0, 2));
        }
      rdm_cli_table_end_row (credit_table);
    }
  rdm_cli_table_print (credit_table);
}

gboolean
rdm_cli_compare (int argc, char **argv, GError **error)
{
  g_auto (RdmCliAnalysis) analysis = { 0 };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GPtrArray) segments = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autoptr (RdmSegmentData) data = NULL;
  g_autoptr (GPtrArray) filters = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  g_autoptr (GPtrArray) bitmaps = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (RdmSegmentComparison) comparison = NULL;
  gboolean everyone = FALSE;
  const GOptionEntry entries[]
      = { { "everyone", 0, 0, G_OPTION_ARG_NONE, &everyone,
            N_ ("Compare everyone too, in the first row, as the Segments page does"), NULL },
          G_OPTION_ENTRY_NULL };

  rdm_cli_analysis_init (&analysis, "linear");
  context = rdm_cli_option_context_new (
      "compare", _ ("PROJECT --segment NAME|FILTER [--segment …]"),
      _ ("Compare segments side by side: visitors, converters, conversion rate with its 95% "
         "Wilson interval, value per visitor, path length, top channels and the credit of one "
         "model. Each --segment is a saved segment’s name or a filter expression."),
      NULL);
  rdm_cli_analysis_add_entries (&analysis, context, TRUE, entries);
  segments = take_segment_arguments (&argc, argv, error);
  if (segments == NULL || !rdm_cli_analysis_parse (context, &argc, &argv, error))
    return FALSE;
  if (segments->len == 0 && !everyone)
    return usage_error (error,
                        _ ("compare needs --everyone or at least one --segment NAME or FILTER"));
  if (!rdm_cli_analysis_finish (&analysis, error))
    return FALSE;
  if (analysis.models->len != 1)
    return usage_error (error, _ ("compare credits with one model at a time"));
  if (analysis.request.path.direction == RDM_DIRECTION_FORWARD)
    return usage_error (error, _ ("compare builds backward journeys only"));
  if (analysis.bootstrap > 0)
    return usage_error (error, _ ("compare gives Wilson intervals for rates and does not "
                                  "bootstrap credit"));

  project = rdm_project_open_for_reading (argv[1], error);
  if (project == NULL)
    return FALSE;
  data = rdm_segment_data_load (project, NULL, error);
  if (data == NULL)
    return FALSE;
  if (everyone)
    {
      /* JSON and CSV names are data and stay untranslated */
      g_ptr_array_insert (
          segments, 0,
          g_strdup (analysis.format == RDM_OUTPUT_TABLE ? _ ("Everyone") : "Everyone"));
      g_ptr_array_add (filters, NULL);
      g_ptr_array_add (bitmaps, NULL);
    }
  for (guint i = everyone ? 1 : 0; i < segments->len; i++)
    {
      const char *name = segments->pdata[i];
      gboolean saved;
      char *text = rdm_project_resolve_segment (project, name, &saved, error);
      guint64 *bitmap;

      if (text == NULL)
        return FALSE;
      g_ptr_array_add (filters, text);
      bitmap = rdm_segment_data_evaluate (data, text, !saved, NULL, error);
      if (bitmap == NULL)
        {
          g_prefix_error (error,
                          _ ("--segment “%s” is neither a saved segment nor a valid "
                             "filter: "),
                          name);
          return FALSE;
        }
      g_ptr_array_add (bitmaps, bitmap);
    }

  comparison = rdm_segment_compare (
      data->store, (const char *const *)segments->pdata, (const guint64 *const *)bitmaps->pdata,
      segments->len, &analysis.request.path, g_array_index (analysis.models, RdmModel, 0),
      &analysis.request.model, NULL, error);
  if (comparison == NULL)
    return FALSE;

  if (analysis.format == RDM_OUTPUT_JSON)
    {
      RdmCliData view = { .project = project, .source.store = data->store };
      g_autoptr (cJSON) root = comparison_json (comparison, data->store, (char **)filters->pdata,
                                                rdm_cli_analysis_settings_json (&analysis, &view));

      return rdm_cli_print_json (root, error);
    }
  if (analysis.format == RDM_OUTPUT_CSV)
    print_comparison_csv (comparison, (char **)filters->pdata);
  else
    print_comparison (comparison, data->store);
  return TRUE;
}

static cJSON *
discovery_json (const RdmDiscovery *d, const char *within, const char *within_filter)
{
  cJSON *root = cJSON_CreateObject ();
  cJSON *values;

  cJSON_AddStringToObject (root, "attribute", d->key);
  if (within != NULL)
    {
      cJSON_AddStringToObject (root, "within", within);
      cJSON_AddStringToObject (root, "within_filter", within_filter);
    }
  else
    {
      cJSON_AddNullToObject (root, "within");
      cJSON_AddNullToObject (root, "within_filter");
    }
  cJSON_AddItemToObject (root, "visitors", rdm_cli_json_number ((double)d->visitors));
  cJSON_AddItemToObject (root, "converters", rdm_cli_json_number ((double)d->converters));
  cJSON_AddItemToObject (root, "conversion_rate", rdm_cli_json_number (d->rate));
  cJSON_AddItemToObject (root, "ci_low", rdm_cli_json_number (d->rate_low));
  cJSON_AddItemToObject (root, "ci_high", rdm_cli_json_number (d->rate_high));
  cJSON_AddItemToObject (root, "visitors_without_value",
                         rdm_cli_json_number ((double)d->visitors_without_value));
  cJSON_AddItemToObject (root, "significance_level", rdm_cli_json_number (SIGNIFICANCE_LEVEL));
  values = cJSON_AddArrayToObject (root, "values");
  for (guint i = 0; i < d->n_rows; i++)
    {
      const RdmDiscoveryRow *row = &d->rows[i];
      cJSON *item = cJSON_CreateObject ();

      cJSON_AddStringToObject (item, "value", row->value);
      cJSON_AddItemToObject (item, "visitors", rdm_cli_json_number ((double)row->visitors));
      cJSON_AddItemToObject (item, "converters", rdm_cli_json_number ((double)row->converters));
      cJSON_AddItemToObject (item, "conversion_rate", rdm_cli_json_number (row->rate));
      cJSON_AddItemToObject (item, "ci_low", rdm_cli_json_number (row->rate_low));
      cJSON_AddItemToObject (item, "ci_high", rdm_cli_json_number (row->rate_high));
      cJSON_AddItemToObject (item, "p_value", rdm_cli_json_number (row->p_value));
      cJSON_AddBoolToObject (item, "overlaps_base", row->overlaps_base);
      cJSON_AddBoolToObject (item, "significant",
                             isfinite (row->p_value) && row->p_value < SIGNIFICANCE_LEVEL);
      cJSON_AddItemToArray (values, item);
    }
  return root;
}

static void
print_discovery_csv (const RdmDiscovery *d)
{
  g_autoptr (RdmCsvWriter) csv = rdm_csv_writer_new ();

  rdm_cli_csv_header (csv, "attribute,value,visitors,converters,conversion_rate,ci_low,ci_high,"
                           "p_value,significant");
  for (guint i = 0; i < d->n_rows; i++)
    {
      const RdmDiscoveryRow *row = &d->rows[i];

      rdm_csv_writer_add_text (csv, d->key);
      rdm_csv_writer_add_text (csv, row->value);
      rdm_csv_writer_add_number (csv, (double)row->visitors);
      rdm_csv_writer_add_number (csv, (double)row->converters);
      rdm_csv_writer_add_number (csv, row->rate);
      rdm_csv_writer_add_number (csv, row->rate_low);
      rdm_csv_writer_add_number (csv, row->rate_high);
      rdm_csv_writer_add_number (csv, row->p_value);
      rdm_csv_writer_add_text (
          csv, isfinite (row->p_value) && row->p_value < SIGNIFICANCE_LEVEL ? "true" : "false");
      rdm_csv_writer_end_row (csv);
    }
  rdm_cli_print_csv (csv);
}

static void
print_discovery (const RdmDiscovery *d, const char *within)
{
  g_autofree char *rate = format_percent (d->rate);
  g_autofree char *interval = format_interval (d->rate_low, d->rate_high);
  g_autoptr (RdmCliTable) table = rdm_cli_table_new ("lrrrrrl");

  if (within != NULL)
    /* TRANSLATORS: attribute, segment, visitors, converters, rate, interval */
    g_print (_ ("%s within %s: %" PRIu64 " visitors, %" PRIu64 " converters, rate %s %s\n"), d->key,
             within, d->visitors, d->converters, rate, interval);
  else
    g_print (
        _ ("%s among all visitors: %" PRIu64 " visitors, %" PRIu64 " converters, rate %s %s\n"),
        d->key, d->visitors, d->converters, rate, interval);
  rdm_cli_table_add (table, _ ("Value"));
  rdm_cli_table_add (table, _ ("Visitors"));
  rdm_cli_table_add (table, _ ("Converters"));
  rdm_cli_table_add (table, _ ("Rate"));
  rdm_cli_table_add (table, _ ("95% interval"));
  rdm_cli_table_add (table, _ ("p-value"));
  rdm_cli_table_add (table, _ ("Difference from the rest"));
  rdm_cli_table_end_row (table);
  for (guint i = 0; i < d->n_rows; i++)
    {
      const RdmDiscoveryRow *row = &d->rows[i];
      gboolean real = isfinite (row->p_value) && row->p_value < SIGNIFICANCE_LEVEL;

      rdm_cli_table_add (table, row->value);
      rdm_cli_table_take (table, rdm_format_count ((gint64)row->visitors));
      rdm_cli_table_take (table, rdm_format_count ((gint64)row->converters));
      rdm_cli_table_take (table, format_percent (row->rate));
      rdm_cli_table_take (table, format_interval (row->rate_low, row->rate_high));
      rdm_cli_table_take (table, row->p_value < 0.0001 ? g_strdup ("<0.0001")
                                                       : format_fixed (row->p_value, 4));
      rdm_cli_table_add (table, real ? _ ("real (p < 0.05)") : _ ("could be chance"));
      rdm_cli_table_end_row (table);
    }
  rdm_cli_table_print (table);
  if (d->visitors_without_value > 0)
    g_print (_ ("%" PRIu64 " visitors have no %s.\n"), d->visitors_without_value, d->key);
}

gboolean
rdm_cli_discover (int argc, char **argv, GError **error)
{
  g_auto (RdmCliAnalysis) analysis = { 0 };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (RdmProject) project = NULL;
  g_autoptr (RdmSegmentData) data = NULL;
  g_autoptr (RdmDiscovery) discovery = NULL;
  g_autofree char *key = NULL;
  g_autofree char *within = NULL;
  g_autofree char *within_filter = NULL;
  g_autofree guint64 *base = NULL;
  const GOptionEntry entries[]
      = { { "attribute", 'a', 0, G_OPTION_ARG_STRING, &key,
            N_ ("The visitor attribute whose values are ranked, e.g. age_band"), "KEY" },
          { "within", 'w', 0, G_OPTION_ARG_STRING, &within,
            N_ ("Only the visitors of this saved segment or filter (default everyone)"),
            "NAME|FILTER" },
          G_OPTION_ENTRY_NULL };

  rdm_cli_analysis_init (&analysis, NULL);
  context = rdm_cli_option_context_new (
      "discover", _ ("PROJECT --attribute KEY"),
      _ ("Rank the values of one visitor attribute by conversion rate, with 95% Wilson "
         "intervals and a two-proportion z-test of each value against the rest, to tell real "
         "differences from chance."),
      NULL);
  rdm_cli_analysis_add_entries (&analysis, context, FALSE, entries);
  if (!rdm_cli_analysis_parse (context, &argc, &argv, error))
    return FALSE;
  if (key == NULL)
    return usage_error (error, _ ("discover needs --attribute KEY"));
  if (analysis.request.path.segment != NULL)
    return usage_error (error, _ ("discover restricts visitors with --within, not --segment"));
  if (!rdm_cli_analysis_finish (&analysis, error))
    return FALSE;

  project = rdm_project_open_for_reading (argv[1], error);
  if (project == NULL)
    return FALSE;
  data = rdm_segment_data_load (project, NULL, error);
  if (data == NULL)
    return FALSE;
  if (within != NULL)
    {
      gboolean saved;

      within_filter = rdm_project_resolve_segment (project, within, &saved, error);
      if (within_filter == NULL)
        return FALSE;
      base = rdm_segment_data_evaluate (data, within_filter, !saved, NULL, error);
      if (base == NULL)
        {
          g_prefix_error (error,
                          _ ("--within “%s” is neither a saved segment nor a valid "
                             "filter: "),
                          within);
          return FALSE;
        }
    }
  discovery
      = rdm_segment_discover (data->store, data->facts, base, key, &analysis.request.path, error);
  if (discovery == NULL)
    return FALSE;

  if (analysis.format == RDM_OUTPUT_JSON)
    {
      g_autoptr (cJSON) root = discovery_json (discovery, within, within_filter);

      return rdm_cli_print_json (root, error);
    }
  if (analysis.format == RDM_OUTPUT_CSV)
    print_discovery_csv (discovery);
  else
    print_discovery (discovery, within);
  return TRUE;
}
