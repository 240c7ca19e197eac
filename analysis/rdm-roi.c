/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Return on investment of a channel or campaign (SPEC.md, "Objectives,
 * KPIs, ROI"):
 *
 *   ROI  = (attributed value + declared savings - cost) / cost
 *   ROAS = attributed value / cost
 *   CPA  = cost / attributed conversions
 *
 * where cost counts non-media categories (content, staff, tools, ...) too,
 * unless the user narrows the selection, and the row's part of the costs
 * of no one channel (shared costs, allocated by rdm_shared_allocate()). Every ratio whose denominator is 0
 * is "n/a" (RdmFigure.defined = FALSE): a channel with no cost has no ROI,
 * and reporting infinity would rank it first in every table.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "rdm-roi.h"

/* The quark name is a bare dashed token, which clang-format would split. */
/* clang-format off */
G_DEFINE_QUARK (rdm-roi-error-quark, rdm_roi_error)
/* clang-format on */

static const char *const category_names[RDM_COST_N_CATEGORIES] = {
  [RDM_COST_MEDIA] = "media",       [RDM_COST_CONTENT] = "content",
  [RDM_COST_STAFF] = "staff",       [RDM_COST_TOOLS] = "tools",
  [RDM_COST_TRAINING] = "training", [RDM_COST_COMPLIANCE] = "compliance",
  [RDM_COST_OTHER] = "other",
};

const char *
rdm_cost_category_to_string (RdmCostCategory category)
{
  g_return_val_if_fail (category < RDM_COST_N_CATEGORIES, NULL);

  return category_names[category];
}

gboolean
rdm_cost_category_from_string (const char *name, RdmCostCategory *out_category)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < RDM_COST_N_CATEGORIES; i++)
    {
      if (strcmp (name, category_names[i]) == 0)
        {
          if (out_category != NULL)
            *out_category = (RdmCostCategory)i;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
rdm_cost_categories_parse (const char *text, RdmCostCategories *out, GError **error)
{
  g_auto (GStrv) names = NULL;
  RdmCostCategories set = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  names = g_strsplit (text, ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);
      RdmCostCategory category;

      if (strcmp (name, "all") == 0)
        set |= RDM_COST_ALL_CATEGORIES;
      else if (rdm_cost_category_from_string (name, &category))
        set |= 1u << category;
      else
        {
          g_set_error (error, RDM_ROI_ERROR, RDM_ROI_ERROR_INVALID_CATEGORY,
                       _ ("Unknown cost category “%s”; expected “all” or a comma-separated list "
                          "of media, content, staff, tools, training, compliance, other"),
                       name);
          return FALSE;
        }
    }
  if (set == 0)
    {
      g_set_error (error, RDM_ROI_ERROR, RDM_ROI_ERROR_INVALID_CATEGORY,
                   _ ("No cost category given; expected “all” or a comma-separated list of "
                      "media, content, staff, tools, training, compliance, other"));
      return FALSE;
    }
  *out = set;
  return TRUE;
}

static RdmFigure
divide (double numerator, double denominator)
{
  double quotient;

  if (denominator == 0)
    return (RdmFigure){ 0, FALSE };
  quotient = numerator / denominator;
  /* Finite operands can still overflow (1e300 / 1e-300). */
  if (!isfinite (quotient))
    return (RdmFigure){ 0, FALSE };
  return (RdmFigure){ quotient, TRUE };
}

static gboolean
check_amount (double amount, const char *field, GError **error)
{
  if (isfinite (amount) && amount >= 0)
    return TRUE;
  g_set_error (error, RDM_ROI_ERROR, RDM_ROI_ERROR_INVALID_INPUT,
               _ ("The %s is %g; expected a finite amount, zero or more"), field, amount);
  return FALSE;
}

gboolean
rdm_roi_compute (const RdmRoiInput *input,
                 RdmCostCategories categories,
                 RdmRoiRow *out,
                 GError **error)
{
  RdmRoiRow row = { 0 };

  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  for (guint i = 0; i < RDM_COST_N_CATEGORIES; i++)
    {
      g_autofree char *field = g_strdup_printf (_ ("%s cost"), category_names[i]);

      g_autofree char *shared_field = g_strdup_printf (_ ("shared %s cost"), category_names[i]);

      if (!check_amount (input->cost[i], field, error)
          || !check_amount (input->shared[i], shared_field, error))
        return FALSE;
      row.total_cost += input->cost[i] + input->shared[i];
      if (categories & (1u << i))
        {
          row.cost += input->cost[i] + input->shared[i];
          row.shared += input->shared[i];
        }
    }
  if (!check_amount (input->conversions, _ ("number of conversions"), error)
      || !check_amount (input->value, _ ("conversion value"), error)
      || !check_amount (input->savings, _ ("declared savings"), error))
    return FALSE;

  row.value = input->value;
  row.savings = input->savings;
  row.conversions = input->conversions;
  row.net = row.value + row.savings - row.cost;
  if (!isfinite (row.total_cost) || !isfinite (row.net))
    {
      g_set_error (error, RDM_ROI_ERROR, RDM_ROI_ERROR_INVALID_INPUT,
                   _ ("The amounts are too large to add up"));
      return FALSE;
    }

  row.roi = divide (row.net, row.cost);
  row.roas = divide (row.value, row.cost);
  row.cpa = divide (row.cost, row.conversions);
  row.cost_per_conversion = divide (row.total_cost, row.conversions);
  *out = row;
  return TRUE;
}

void
rdm_roi_input_add (RdmRoiInput *total, const RdmRoiInput *input)
{
  g_return_if_fail (total != NULL);
  g_return_if_fail (input != NULL);

  for (guint i = 0; i < RDM_COST_N_CATEGORIES; i++)
    {
      total->cost[i] += input->cost[i];
      total->shared[i] += input->shared[i];
    }
  total->conversions += input->conversions;
  total->value += input->value;
  total->savings += input->savings;
}

void
rdm_change_compute (RdmFigure current, RdmFigure previous, RdmChange *out)
{
  g_return_if_fail (out != NULL);

  out->previous = previous;
  if (!current.defined || !previous.defined || !isfinite (current.value - previous.value))
    {
      out->absolute = (RdmFigure){ 0, FALSE };
      out->relative = (RdmFigure){ 0, FALSE };
      return;
    }
  out->absolute = (RdmFigure){ current.value - previous.value, TRUE };
  out->relative = divide (current.value - previous.value, fabs (previous.value));
}

static RdmFigure
amount (double value)
{
  return (RdmFigure){ value, TRUE };
}

void
rdm_roi_compare (const RdmRoiRow *current, const RdmRoiRow *previous, RdmRoiComparison *out)
{
  g_return_if_fail (current != NULL);
  g_return_if_fail (previous != NULL);
  g_return_if_fail (out != NULL);

  rdm_change_compute (amount (current->cost), amount (previous->cost), &out->cost);
  rdm_change_compute (amount (current->value), amount (previous->value), &out->value);
  rdm_change_compute (amount (current->savings), amount (previous->savings), &out->savings);
  rdm_change_compute (amount (current->conversions), amount (previous->conversions),
                      &out->conversions);
  rdm_change_compute (amount (current->net), amount (previous->net), &out->net);
  rdm_change_compute (current->roi, previous->roi, &out->roi);
  rdm_change_compute (current->roas, previous->roas, &out->roas);
  rdm_change_compute (current->cpa, previous->cpa, &out->cpa);
  rdm_change_compute (current->cost_per_conversion, previous->cost_per_conversion,
                      &out->cost_per_conversion);
}
