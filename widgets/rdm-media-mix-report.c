/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rdm-format.h"
#include "rdm-media-mix-report.h"

#define SECONDS_PER_DAY 86400
/* Response curves run to this multiple of today's daily spend. */
#define CURVE_REACH 2.5
#define CURVE_POINTS 241

char *
rdm_media_mix_quality_text (const RdmMmmFit *fit)
{
  g_autofree char *r2 = rdm_format_fixed (fit->r2, 2);
  g_autofree char *mape = rdm_format_fixed (fit->mape * 100, 1);
  g_autofree char *nrmse = rdm_format_fixed (fit->nrmse, 2);
  guint weeks = (fit->holdout_days + 6) / 7;
  g_autofree char *text = g_strdup_printf (
      /* Translators: R², MAPE and NRMSE are measures of fit; %u is a number of weeks */
      g_dngettext (GETTEXT_PACKAGE,
                   "Fit on the last %u week, held out: R² %s, MAPE %s %%, NRMSE %s",
                   "Fit on the last %u weeks, held out: R² %s, MAPE %s %%, NRMSE %s", weeks),
      weeks, r2, mape, nrmse);

  g_autofree char *warning = rdm_mmm_describe_fit (fit);

  if (warning == NULL)
    return g_steal_pointer (&text);
  /* Translators: the fit's quality, then why it should make the reader
   * wary */
  return g_strdup_printf (_ ("%s. %s"), text, warning);
}

const char *
rdm_media_mix_warning_word (RdmMmmWarnings warnings)
{
  if (warnings & RDM_MMM_WARNING_NO_SPEND)
    return _ ("No spend");
  if (warnings & RDM_MMM_WARNING_FLAT_SPEND)
    return _ ("Flat spend");
  if (warnings & RDM_MMM_WARNING_COLLINEAR)
    return _ ("Collinear");
  if (warnings & RDM_MMM_WARNING_UNCERTAIN)
    return _ ("Uncertain");
  if (warnings & RDM_MMM_WARNING_OFF_CENTRE)
    return _ ("Unstable");
  if (warnings & RDM_MMM_WARNING_CURVE_AT_LIMIT)
    return _ ("Curve unsettled");
  return "";
}

char *
rdm_media_mix_warnings_text (const RdmMmmFit *fit)
{
  g_autoptr (GString) warnings = g_string_new (NULL);

  /* channels with the same warnings are named together, so that a long
   * list of channels reads as one sentence */
  for (guint c = 0; c < fit->n_channels; c++)
    {
      g_autofree char *text = rdm_mmm_describe_warnings (fit, c);
      g_autoptr (GString) names = NULL;

      if (text == NULL)
        continue;
      for (guint before = 0; before < c; before++)
        {
          g_autofree char *other = rdm_mmm_describe_warnings (fit, before);

          if (g_strcmp0 (other, text) == 0)
            g_clear_pointer (&text, g_free);
          if (text == NULL)
            break;
        }
      if (text == NULL)
        continue;
      names = g_string_new (fit->channels[c].channel);
      for (guint after = c + 1; after < fit->n_channels; after++)
        {
          g_autofree char *other = rdm_mmm_describe_warnings (fit, after);

          if (g_strcmp0 (other, text) == 0)
            /* Translators: the separator of a list of channels */
            g_string_append_printf (names, _ (", %s"), fit->channels[after].channel);
        }
      /* Translators: channels, then why their numbers are not to be trusted */
      g_string_append_printf (warnings, _ ("%s: %s\n"), names->str, text);
    }
  if (warnings->len == 0)
    return NULL;
  g_string_truncate (warnings, warnings->len - 1);
  return g_string_free (g_steal_pointer (&warnings), FALSE);
}

/* Channel @c's colour on both charts: the palette in order, skipping
 * yellow, too close to the baseline's sand, and black, which the actual
 * outcome uses. */
#define YELLOW_COLOUR 6
#define ACTUAL_COLOUR 7
#define BASELINE_COLOUR 15

static int
channel_colour (guint c)
{
  return c < YELLOW_COLOUR ? (int)c : (int)c + 2;
}

RdmChart *
rdm_media_mix_decomposition_chart (const RdmMmmFit *fit, GPtrArray *events)
{
  guint n_weeks = fit->n_days / 7;
  g_autoptr (RdmChart) chart = rdm_chart_new (RDM_CHART_KIND_LINES);
  g_autofree double *weeks = g_new (double, MAX (n_weeks, 1));
  g_autofree double *sums = g_new (double, MAX (n_weeks, 1));
  guint series;

  rdm_chart_set_title (chart, _ ("Contributions by Week"));
  rdm_chart_set_axis_labels (chart, NULL, _ ("Conversions per week"));
  if (fit->n_days % 7 != 0)
    {
      g_autofree char *note = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE,
                       "Baseline and channels stacked, actual as a line; the last day, short of a "
                       "week, left out",
                       "Baseline and channels stacked, actual as a line; the last %u days, short "
                       "of a week, left out",
                       fit->n_days % 7),
          fit->n_days % 7);

      rdm_chart_set_note (chart, note);
    }
  else
    rdm_chart_set_note (chart, _ ("Baseline and channels stacked, actual as a line"));
  for (guint w = 0; w < n_weeks; w++)
    weeks[w] = (double)(fit->first_day + (gint64)w * 7 * SECONDS_PER_DAY);
  rdm_chart_set_x_values (chart, weeks, n_weeks);
  rdm_chart_set_x_dates (chart, TRUE);

#define WEEKLY(series_values)                                                                      \
  G_STMT_START                                                                                     \
  {                                                                                                \
    for (guint w = 0; w < n_weeks; w++)                                                            \
      {                                                                                            \
        sums[w] = 0;                                                                               \
        for (guint d = 0; d < 7; d++)                                                              \
          sums[w] += (series_values)[w * 7 + d];                                                   \
      }                                                                                            \
  }                                                                                                \
  G_STMT_END

  WEEKLY (fit->base);
  series = rdm_chart_add_series (chart, _ ("Baseline"), sums, n_weeks);
  rdm_chart_set_series_stacked (chart, series, TRUE);
  rdm_chart_set_series_colour (chart, series, BASELINE_COLOUR);
  for (guint c = 0; c < fit->n_channels; c++)
    {
      WEEKLY (fit->contributions + (gsize)c * fit->n_days);
      series = rdm_chart_add_series (chart, fit->channels[c].channel, sums, n_weeks);
      rdm_chart_set_series_stacked (chart, series, TRUE);
      rdm_chart_set_series_colour (chart, series, channel_colour (c));
    }
  WEEKLY (fit->actual);
  series = rdm_chart_add_series (chart, _ ("Actual"), sums, n_weeks);
  rdm_chart_set_series_colour (chart, series, ACTUAL_COLOUR);
#undef WEEKLY

  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      const RdmDatedEvent *event = g_ptr_array_index (events, i);

      rdm_chart_add_span (chart, (double)event->start_day, (double)event->end_day, event->label);
    }
  return g_steal_pointer (&chart);
}

RdmChart *
rdm_media_mix_curves_chart (const RdmMmmFit *fit,
                            const double *today,
                            const double *marked,
                            const char *note)
{
  g_autoptr (RdmChart) chart = rdm_chart_new (RDM_CHART_KIND_LINES);
  g_autofree double *xs = g_new (double, CURVE_POINTS);
  g_autofree double *ys = g_new (double, CURVE_POINTS);
  double reach = 0;

  rdm_chart_set_title (chart, _ ("Response Curves"));
  rdm_chart_set_note (chart, note);
  rdm_chart_set_axis_labels (chart, _ ("Daily spend"), _ ("Conversions per day"));
  for (guint c = 0; c < fit->n_channels; c++)
    reach = MAX (reach, MAX (CURVE_REACH * today[c], marked[c]));
  if (reach <= 0)
    return g_steal_pointer (&chart);
  for (guint i = 0; i < CURVE_POINTS; i++)
    xs[i] = reach * i / (CURVE_POINTS - 1);
  rdm_chart_set_x_values (chart, xs, CURVE_POINTS);
  for (guint c = 0; c < fit->n_channels; c++)
    {
      const RdmResponseCurve *curve = &fit->channels[c].curve;
      /* each curve stops at its own reach: far beyond the spends seen,
       * it is a guess */
      double own_reach
          = MAX (MAX (CURVE_REACH * today[c], marked[c]), reach / (CURVE_POINTS - 1) * 2);
      guint series;
      g_autofree char *spend = rdm_format_fixed (marked[c], 0);
      g_autofree char *outcome = NULL;
      g_autofree char *label = NULL;
      double at_mark = rdm_response_curve_steady (curve, marked[c]);

      for (guint i = 0; i < CURVE_POINTS; i++)
        ys[i] = xs[i] <= own_reach * (1 + 1e-9) ? rdm_response_curve_steady (curve, xs[i]) : NAN;
      series = rdm_chart_add_series (chart, fit->channels[c].channel, ys, CURVE_POINTS);
      rdm_chart_set_series_colour (chart, series, channel_colour (c));
      outcome = rdm_format_fixed (at_mark, 1);
      /* Translators: a channel, a daily spend, the conversions a day it brings */
      label = g_strdup_printf (_ ("%s — %s a day: %s conversions a day"), fit->channels[c].channel,
                               spend, outcome);
      rdm_chart_add_mark (chart, series, marked[c], at_mark, label);
    }
  return g_steal_pointer (&chart);
}
