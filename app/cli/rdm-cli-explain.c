/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "rendement-cli explain": the arithmetic of one model on a journey the
 * user types, the same arithmetic as the window's "How is this computed?"
 * panel (rdm_explain_journey(), which the Playground calls too). Rule-based
 * models read the journey alone; Markov and Shapley read the project's
 * journeys, cut by the attribution options. JSON output is documented in
 * README.md.
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "rdm-attribution.h"
#include "rdm-cli-analysis.h"
#include "rdm-explain.h"
#include "rdm-format.h"
#include "rdm-text.h"

/* One row per distinct label of the journey: what it gets of the
 * journey's conversion, with the model's numbers behind it. */
typedef struct
{
  const char *label;
  double share;
  double removal_effect;           /* Markov; NAN otherwise */
  double share_of_all_conversions; /* Markov; NAN otherwise */
  double shapley_value;            /* Shapley; NAN otherwise */
} LabelRow;

static const char *
label_key (const RdmCliAnalysis *analysis)
{
  return analysis->request.path.level == RDM_LEVEL_CAMPAIGN ? "campaign" : "channel";
}

static const char *
labels_key (const RdmCliAnalysis *analysis)
{
  return analysis->request.path.level == RDM_LEVEL_CAMPAIGN ? "campaigns" : "channels";
}

static gboolean
usage_error (GError **error, const char *message)
{
  g_set_error_literal (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE, message);
  return FALSE;
}

static gboolean
parse_ages (const char *text, GArray *ages, GError **error)
{
  g_autofree char *bad = NULL;

  if (rdm_cli_parse_days (text, ages, &bad))
    return TRUE;
  g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE,
               _ ("--ages expects days before the conversion separated by commas, one per touch, "
                  "got “%s”"),
               bad);
  return FALSE;
}

/* The journey's labels and their shares: summed over each label's touches
 * for the rule-based models, the parts of Markov and Shapley otherwise. */
static GArray *
label_rows (const RdmExplanation *e)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (LabelRow));

  if (!e->per_touch)
    {
      for (guint i = 0; i < e->n_parts; i++)
        {
          LabelRow row = { e->part_labels[i], e->part_journey_shares[i], NAN, NAN, NAN };

          if (e->model == RDM_MODEL_MARKOV)
            {
              row.removal_effect = e->part_values[i];
              row.share_of_all_conversions = e->part_shares[i];
            }
          else
            row.shapley_value = e->part_values[i];
          g_array_append_val (rows, row);
        }
      return rows;
    }
  for (guint i = 0; i < e->n_touches; i++)
    {
      gboolean seen = FALSE;

      for (guint k = 0; k < rows->len && !seen; k++)
        if (g_str_equal (g_array_index (rows, LabelRow, k).label, e->labels[i]))
          {
            g_array_index (rows, LabelRow, k).share += e->shares[i];
            seen = TRUE;
          }
      if (!seen)
        {
          LabelRow row = { e->labels[i], e->shares[i], NAN, NAN, NAN };

          g_array_append_val (rows, row);
        }
    }
  return rows;
}

/* The labels of coalition @c of @e: bit j of c + 1 holds part_labels[j]
 * (rdm-explain.h). */
static cJSON *
coalition_json (const RdmExplanation *e, guint c)
{
  cJSON *members = cJSON_CreateArray ();

  for (guint j = 0; j < e->n_parts; j++)
    if ((c + 1) & (1u << j))
      cJSON_AddItemToArray (members, cJSON_CreateString (e->part_labels[j]));
  return members;
}

/* What the numbers of Markov and Shapley mean, for people. */
static const char *
model_note (RdmModel model)
{
  if (model == RDM_MODEL_MARKOV)
    return _ ("Markov does not credit journey by journey. It shares all the project’s touched "
              "conversions in proportion to the removal effects: the share of all conversions. "
              "Here this journey’s conversion is split between its own channels in the same "
              "proportions: the share of this journey. A removal effect measures how many "
              "converting journeys pass through a channel, not what the channel caused.");
  if (model == RDM_MODEL_SHAPLEY)
    return _ ("A coalition’s value is the conversion rate of the project’s journeys whose "
              "channels are exactly that group (0 when there are none). The model splits the "
              "conversions of every journey with these channels this way. The rates are "
              "observed, not caused: credit is not incrementality.");
  return NULL;
}

static char *
journey_text (const RdmExplanation *e, const char *separator)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < e->n_touches; i++)
    {
      if (i > 0)
        g_string_append (text, separator);
      g_string_append (text, e->labels[i]);
      if (e->kinds[i] == RDM_TOUCH_VIEW)
        g_string_append (text, " (view)");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
print_json (const RdmCliAnalysis *analysis,
            const RdmCliData *data,
            const RdmExplanation *e,
            GArray *rows,
            GError **error)
{
  g_autoptr (cJSON) root = cJSON_CreateObject ();
  g_autofree char *journey = journey_text (e, " > ");
  const char *note = model_note (e->model);
  cJSON *touches, *labels;

  cJSON_AddStringToObject (root, "model", rdm_model_to_string (e->model));
  cJSON_AddStringToObject (root, "journey", journey);
  cJSON_AddItemToObject (root, "conversions", rdm_cli_json_number (e->conversions));
  cJSON_AddItemToObject (root, "value", rdm_cli_json_number (e->value));
  touches = cJSON_AddArrayToObject (root, "touches");
  for (guint i = 0; i < e->n_touches; i++)
    {
      cJSON *touch = cJSON_CreateObject ();
      gboolean weighed = e->per_touch;

      cJSON_AddItemToObject (touch, "position", rdm_cli_json_number (i + 1));
      cJSON_AddStringToObject (touch, label_key (analysis), e->labels[i]);
      cJSON_AddStringToObject (touch, "kind", e->kinds[i] == RDM_TOUCH_VIEW ? "view" : "click");
      cJSON_AddItemToObject (touch, "age_days", rdm_cli_json_number (e->age_days[i]));
      cJSON_AddBoolToObject (touch, "kept", e->kept[i]);
      cJSON_AddItemToObject (touch, "weight", rdm_cli_json_number (weighed ? e->weights[i] : NAN));
      cJSON_AddItemToObject (touch, "share", rdm_cli_json_number (weighed ? e->shares[i] : NAN));
      cJSON_AddItemToObject (touch, "conversions",
                             rdm_cli_json_number (weighed ? e->shares[i] * e->conversions : NAN));
      cJSON_AddItemToObject (touch, "value",
                             rdm_cli_json_number (weighed ? e->shares[i] * e->value : NAN));
      cJSON_AddItemToArray (touches, touch);
    }
  labels = cJSON_AddArrayToObject (root, labels_key (analysis));
  for (guint k = 0; k < rows->len; k++)
    {
      const LabelRow *row = &g_array_index (rows, LabelRow, k);
      cJSON *object = cJSON_CreateObject ();

      cJSON_AddStringToObject (object, label_key (analysis), row->label);
      cJSON_AddItemToObject (object, "share", rdm_cli_json_number (row->share));
      cJSON_AddItemToObject (object, "conversions",
                             rdm_cli_json_number (row->share * e->conversions));
      cJSON_AddItemToObject (object, "value", rdm_cli_json_number (row->share * e->value));
      if (e->model == RDM_MODEL_MARKOV)
        {
          cJSON_AddItemToObject (object, "removal_effect",
                                 rdm_cli_json_number (row->removal_effect));
          cJSON_AddItemToObject (object, "share_of_all_conversions",
                                 rdm_cli_json_number (row->share_of_all_conversions));
        }
      if (e->model == RDM_MODEL_SHAPLEY)
        cJSON_AddItemToObject (object, "shapley_value", rdm_cli_json_number (row->shapley_value));
      cJSON_AddItemToArray (labels, object);
    }
  if (e->model == RDM_MODEL_MARKOV)
    cJSON_AddItemToObject (root, "baseline_conversion_probability",
                           rdm_cli_json_number (e->baseline_probability));
  if (e->model == RDM_MODEL_SHAPLEY)
    {
      cJSON *coalitions = cJSON_AddArrayToObject (root, "coalitions");

      for (guint c = 0; c < e->n_coalitions; c++)
        {
          cJSON *coalition = cJSON_CreateObject ();

          cJSON_AddItemToObject (coalition, labels_key (analysis), coalition_json (e, c));
          cJSON_AddItemToObject (coalition, "conversion_rate",
                                 rdm_cli_json_number (e->coalition_values[c]));
          cJSON_AddItemToArray (coalitions, coalition);
        }
    }
  cJSON_AddStringToObject (root, "rule", rdm_explain_model_rule (e->model));
  if (note != NULL)
    cJSON_AddStringToObject (root, "note", note);
  else
    cJSON_AddNullToObject (root, "note");
  cJSON_AddItemToObject (root, "settings", rdm_cli_analysis_settings_json (analysis, data));
  return rdm_cli_print_json (root, error);
}

static void
print_csv (const RdmCliAnalysis *analysis, const RdmExplanation *e, GArray *rows)
{
  g_autoptr (RdmCsvWriter) csv = rdm_csv_writer_new ();
  g_autofree char *header = g_strdup_printf (
      "section,position,%s,kind,age_days,kept,weight,share,conversions,value,removal_effect,"
      "share_of_all_conversions,shapley_value,conversion_rate",
      label_key (analysis));

  rdm_cli_csv_header (csv, header);
  for (guint i = 0; i < e->n_touches; i++)
    {
      gboolean weighed = e->per_touch;
      double numbers[] = { weighed ? e->weights[i] : NAN,
                           weighed ? e->shares[i] : NAN,
                           weighed ? e->shares[i] * e->conversions : NAN,
                           weighed ? e->shares[i] * e->value : NAN,
                           NAN,
                           NAN,
                           NAN,
                           NAN };

      rdm_csv_writer_add_text (csv, "touch");
      rdm_csv_writer_add_number (csv, i + 1);
      rdm_csv_writer_add_text (csv, e->labels[i]);
      rdm_csv_writer_add_text (csv, e->kinds[i] == RDM_TOUCH_VIEW ? "view" : "click");
      rdm_csv_writer_add_number (csv, e->age_days[i]);
      rdm_csv_writer_add_text (csv, e->kept[i] ? "true" : "false");
      for (guint k = 0; k < G_N_ELEMENTS (numbers); k++)
        rdm_csv_writer_add_number (csv, numbers[k]);
      rdm_csv_writer_end_row (csv);
    }
  for (guint k = 0; k < rows->len; k++)
    {
      const LabelRow *row = &g_array_index (rows, LabelRow, k);
      double numbers[] = { NAN,
                           row->share,
                           row->share * e->conversions,
                           row->share * e->value,
                           row->removal_effect,
                           row->share_of_all_conversions,
                           row->shapley_value,
                           NAN };

      rdm_csv_writer_add_text (csv, label_key (analysis));
      rdm_csv_writer_add_number (csv, NAN);
      rdm_csv_writer_add_text (csv, row->label);
      rdm_csv_writer_add_text (csv, "");
      rdm_csv_writer_add_number (csv, NAN);
      rdm_csv_writer_add_text (csv, "");
      for (guint n = 0; n < G_N_ELEMENTS (numbers); n++)
        rdm_csv_writer_add_number (csv, numbers[n]);
      rdm_csv_writer_end_row (csv);
    }
  for (guint c = 0; c < e->n_coalitions; c++)
    {
      rdm_csv_writer_add_text (csv, "coalition");
      rdm_csv_writer_add_number (csv, NAN);
      rdm_csv_writer_add_text (csv, e->coalition_labels[c]);
      rdm_csv_writer_add_text (csv, "");
      rdm_csv_writer_add_number (csv, NAN);
      rdm_csv_writer_add_text (csv, "");
      for (guint n = 0; n < 7; n++)
        rdm_csv_writer_add_number (csv, NAN);
      rdm_csv_writer_add_number (csv, e->coalition_values[c]);
      rdm_csv_writer_end_row (csv);
    }
  rdm_cli_print_csv (csv);
}

static char *
format_percent (double share)
{
  g_autofree char *number = rdm_format_fixed (share * 100, 1);

  /* TRANSLATORS: a percentage, such as "40.0%" */
  return g_strdup_printf (_ ("%s%%"), number);
}

static void
print_table (const RdmCliAnalysis *analysis, const RdmExplanation *e, GArray *rows)
{
  const char *title
      = analysis->request.path.level == RDM_LEVEL_CAMPAIGN ? _ ("Campaign") : _ ("Channel");
  g_autofree char *text = journey_text (e, " → ");
  g_autofree char *journey = rdm_text_escape_controls (text, FALSE);
  g_autofree char *value = rdm_format_amount (e->value);
  const char *note = model_note (e->model);

  /* TRANSLATORS: a model name, then a journey such as "Facebook → Email" */
  g_print (_ ("%s on the journey %s\n"), rdm_model_display_name (e->model), journey);
  g_print ("%s %s\n\n", _ ("Conversion value:"), value);
  g_print ("%s\n\n", rdm_explain_model_rule (e->model));

  if (e->per_touch)
    {
      g_autoptr (RdmCliTable) touches = rdm_cli_table_new ("rllrrrr");

      rdm_cli_table_add (touches, _ ("Touch"));
      rdm_cli_table_add (touches, title);
      rdm_cli_table_add (touches, _ ("Kind"));
      rdm_cli_table_add (touches, _ ("Days before"));
      rdm_cli_table_add (touches, e->model == RDM_MODEL_TIME_DECAY ? "2^(−age/h)" : _ ("Weight"));
      rdm_cli_table_add (touches, _ ("Share"));
      rdm_cli_table_add (touches, _ ("Value"));
      rdm_cli_table_end_row (touches);
      for (guint i = 0; i < e->n_touches; i++)
        {
          rdm_cli_table_take (touches, g_strdup_printf ("%u", i + 1));
          rdm_cli_table_add (touches, e->labels[i]);
          rdm_cli_table_add (touches, e->kinds[i] == RDM_TOUCH_VIEW ? _ ("impression")
                                                                    : _ ("click or visit"));
          rdm_cli_table_take (touches, isnan (e->age_days[i])
                                           ? g_strdup ("–")
                                           : rdm_format_fixed (e->age_days[i], 1));
          rdm_cli_table_take (touches, e->kept[i] ? rdm_format_fixed (e->weights[i], 4)
                                                  : g_strdup (_ ("dropped")));
          rdm_cli_table_take (touches, format_percent (e->shares[i]));
          rdm_cli_table_take (touches, rdm_format_amount (e->shares[i] * e->value));
          rdm_cli_table_end_row (touches);
        }
      rdm_cli_table_print (touches);
      g_print ("\n");
    }

  {
    gboolean markov = e->model == RDM_MODEL_MARKOV, shapley = e->model == RDM_MODEL_SHAPLEY;
    g_autoptr (RdmCliTable) table = rdm_cli_table_new (markov ? "lrrrr" : shapley ? "lrrr" : "lrr");

    rdm_cli_table_add (table, title);
    if (markov)
      {
        rdm_cli_table_add (table, _ ("Removal effect"));
        rdm_cli_table_add (table, _ ("Share of all conversions"));
      }
    if (shapley)
      rdm_cli_table_add (table, _ ("Shapley value"));
    rdm_cli_table_add (table, _ ("Share of this journey"));
    rdm_cli_table_add (table, _ ("Value"));
    rdm_cli_table_end_row (table);
    for (guint k = 0; k < rows->len; k++)
      {
        const LabelRow *row = &g_array_index (rows, LabelRow, k);

        rdm_cli_table_add (table, row->label);
        if (markov)
          {
            rdm_cli_table_take (table, rdm_format_fixed (row->removal_effect, 4));
            rdm_cli_table_take (table, format_percent (row->share_of_all_conversions));
          }
        if (shapley)
          rdm_cli_table_take (table, rdm_format_fixed (row->shapley_value, 4));
        rdm_cli_table_take (table, format_percent (row->share));
        rdm_cli_table_take (table, rdm_format_amount (row->share * e->value));
        rdm_cli_table_end_row (table);
      }
    rdm_cli_table_print (table);
  }

  if (e->model == RDM_MODEL_MARKOV)
    {
      g_autofree char *p = rdm_format_fixed (e->baseline_probability, 4);

      g_print ("\n");
      g_print (_ ("Chance of converting from the start, with every channel: %s\n"), p);
    }
  if (e->model == RDM_MODEL_SHAPLEY)
    {
      g_autoptr (RdmCliTable) coalitions = rdm_cli_table_new ("lr");

      g_print ("\n");
      rdm_cli_table_add (coalitions, _ ("Group of channels"));
      rdm_cli_table_add (coalitions, _ ("Conversion rate v(S)"));
      rdm_cli_table_end_row (coalitions);
      for (guint c = 0; c < e->n_coalitions; c++)
        {
          rdm_cli_table_add (coalitions, e->coalition_labels[c]);
          rdm_cli_table_take (coalitions, format_percent (e->coalition_values[c]));
          rdm_cli_table_end_row (coalitions);
        }
      rdm_cli_table_print (coalitions);
    }
  if (note != NULL)
    g_print ("\n%s\n", note);
}

gboolean
rdm_cli_explain (int argc, char **argv, GError **error)
{
  g_auto (RdmCliAnalysis) analysis = { 0 };
  g_auto (RdmCliData) data = { 0 };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GArray) ages = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (RdmPathSet) journey = NULL;
  g_autoptr (RdmCredit) credit = NULL;
  g_autoptr (RdmExplanation) e = NULL;
  g_autoptr (GArray) rows = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *journey_text = NULL;
  g_autofree char *ages_text = NULL;
  double value = 0;
  RdmModel model;
  const GOptionEntry entries[] = {
    { "journey", 'j', 0, G_OPTION_ARG_STRING, &journey_text,
      N_ ("The journey, oldest touch first: \"Facebook > Display (view) > Email\"; a touch is a "
          "click unless it ends in (view)"),
      "TEXT" },
    { "ages", 0, 0, G_OPTION_ARG_STRING, &ages_text,
      N_ ("Days from each touch to the conversion, one per touch, oldest first (needed by "
          "time-decay)"),
      "D,D,…" },
    { "value", 0, 0, G_OPTION_ARG_DOUBLE, &value,
      N_ ("Value of the journey’s conversion (default 0)"), "AMOUNT" },
    G_OPTION_ENTRY_NULL
  };

  rdm_cli_analysis_init (&analysis, NULL);
  context = rdm_cli_option_context_new (
      "explain", _ ("PROJECT"),
      _ ("Show how a model credits one journey that you type: each touch’s weight and share, or "
         "for Markov and Shapley the project’s removal effects or coalition values."),
      NULL);
  rdm_cli_analysis_add_entries (&analysis, context, TRUE, entries);
  if (!rdm_cli_analysis_parse (context, &argc, &argv, error))
    return FALSE;
  if (journey_text == NULL)

    return usage_error (error,
                        _ ("explain needs --journey, such as --journey \"Facebook > Email\""));
  if (analysis.models_text == NULL)

    return usage_error (error, _ ("explain needs --model with one model name"));
  if (!rdm_cli_analysis_refuse (analysis.bootstrap > 0, "--bootstrap", error)
      || !rdm_cli_analysis_finish (&analysis, error))
    return FALSE;
  if (analysis.models->len != 1)

    return usage_error (error, _ ("explain takes exactly one model"));
  if (analysis.request.path.direction == RDM_DIRECTION_FORWARD)

    return usage_error (error, _ ("explain works in the backward direction only"));
  if (!isfinite (value))

    return usage_error (error, _ ("--value expects a number"));
  model = g_array_index (analysis.models, RdmModel, 0);
  if (ages_text != NULL && !parse_ages (ages_text, ages, error))
    return FALSE;

  journey = rdm_explain_parse_journey (journey_text,
                                       ages_text != NULL ? (double *)(gpointer)ages->data : NULL,
                                       ages->len, value, &local_error);
  if (journey == NULL)
    {
      g_set_error (error, RDM_CLI_ERROR, RDM_CLI_ERROR_USAGE, "--journey “%s”: %s", journey_text,
                   local_error->message);
      return FALSE;
    }
  if (model == RDM_MODEL_TIME_DECAY && !journey->has_times)

    return usage_error (error,
                        _ ("time-decay needs the age of each touch: add --ages with the days "
                           "from each touch to the conversion, oldest first, such as --ages "
                           "9,6,0"));

  /* Markov and Shapley read the project's journeys; the rule-based models
   * only the direct flags of its channels, for last non-direct */
  if (!rdm_cli_analysis_load (&analysis, argv[1], &data, error))
    return FALSE;
  if (model == RDM_MODEL_MARKOV)
    {
      credit = rdm_attribution_run_model (data.journeys.paths, model, &analysis.request, NULL,
                                          &local_error);
      if (credit == NULL)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error), _ ("Model %s: "),
                                      rdm_model_to_string (model));
          return FALSE;
        }
    }
  e = rdm_explain_journey (journey, model, &analysis.request.model, data.journeys.paths, credit,
                           &local_error);
  if (e == NULL)
    {
      if (g_error_matches (local_error, RDM_MODEL_ERROR, RDM_MODEL_ERROR_UNKNOWN_LABEL))
        usage_error (error, local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  rows = label_rows (e);
  switch (analysis.format)
    {
    case RDM_OUTPUT_JSON:
      return print_json (&analysis, &data, e, rows, error);
    case RDM_OUTPUT_CSV:
      print_csv (&analysis, e, rows);
      return TRUE;
    case RDM_OUTPUT_TABLE:
    default:
      print_table (&analysis, e, rows);
      return TRUE;
    }
}
