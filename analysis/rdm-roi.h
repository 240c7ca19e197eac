/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The cost categories of the project file (cost.category). */
typedef enum
{
  RDM_COST_MEDIA,
  RDM_COST_CONTENT,
  RDM_COST_STAFF,
  RDM_COST_TOOLS,
  RDM_COST_TRAINING,
  RDM_COST_COMPLIANCE,
  RDM_COST_OTHER,
} RdmCostCategory;

#define RDM_COST_N_CATEGORIES (RDM_COST_OTHER + 1)

/* A set of categories: bit (1 << category). */
typedef guint RdmCostCategories;

#define RDM_COST_ALL_CATEGORIES ((RdmCostCategories)((1u << RDM_COST_N_CATEGORIES) - 1))

#define RDM_ROI_ERROR (rdm_roi_error_quark ())

typedef enum
{
  RDM_ROI_ERROR_INVALID_CATEGORY, /* a category name that is not one of the seven */
  RDM_ROI_ERROR_INVALID_INPUT,    /* a non-finite or negative amount */
} RdmRoiError;

GQuark rdm_roi_error_quark (void);

/* "media", "content", "staff", "tools", "training", "compliance", "other". */
const char *rdm_cost_category_to_string (RdmCostCategory category);
gboolean rdm_cost_category_from_string (const char *name, RdmCostCategory *out_category);

/* Parses a comma-separated list such as "media,content" (spaces around
 * names allowed, repeats harmless) into a set; "all" is every category. An
 * empty list or an unknown name fails with RDM_ROI_ERROR_INVALID_CATEGORY. */
gboolean rdm_cost_categories_parse (const char *text, RdmCostCategories *out, GError **error);

/* A ratio or a change that may not exist: "n/a" when @defined is FALSE
 * (zero denominator), and then @value is 0, never inf or NaN. */
typedef struct
{
  double value;
  gboolean defined;
} RdmFigure;

/* What one channel or campaign brought in one period, under one model. */
typedef struct
{
  double cost[RDM_COST_N_CATEGORIES]; /* money spent, by category, >= 0 */
  /* its part of the costs of no one channel (rdm-shared-costs.h), by
   * category, >= 0; counted as cost */
  double shared[RDM_COST_N_CATEGORIES];
  double conversions; /* attributed conversions, >= 0 (fractional) */
  double value;       /* attributed conversion value (money), >= 0 */
  double savings;     /* declared savings (call-centre, ...), >= 0 */
} RdmRoiInput;

/* The figures of one row, with the cost (own and shared, added) restricted
 * to the chosen categories:
 *
 *   roi                 = (value + savings - cost) / cost
 *   roas                = value / cost
 *   cpa                 = cost / conversions
 *   cost_per_conversion = total cost of every category / conversions
 *
 * cpa follows the category selection ("media" gives the advertising
 * platforms' CPA), cost_per_conversion always counts every cost so that it
 * stays the full price of an attributed conversion. With all categories
 * selected the two are equal. Each ratio is undefined when its denominator
 * is 0. */
typedef struct
{
  double cost;       /* selected categories, the shared part included */
  double total_cost; /* every category, the shared part included */
  double shared;     /* the shared part of @cost */
  double value;
  double savings;
  double conversions;
  double net; /* value + savings - cost */
  RdmFigure roi;
  RdmFigure roas;
  RdmFigure cpa;
  RdmFigure cost_per_conversion;
} RdmRoiRow;

/* Fills @out from @input. Fails with RDM_ROI_ERROR_INVALID_INPUT, naming
 * the field, when an amount is negative, NaN or infinite. */
gboolean rdm_roi_compute (const RdmRoiInput *input,
                          RdmCostCategories categories,
                          RdmRoiRow *out,
                          GError **error);

/* Adds @input into @total, field by field: the total row of a table is
 * rdm_roi_compute() over the sum of its inputs, not a sum of ratios. */
void rdm_roi_input_add (RdmRoiInput *total, const RdmRoiInput *input);

/* The change from the previous period to the current one, for ROI rows and
 * for KPI values alike (the quarterly review shows both):
 * absolute = current - previous, relative = (current - previous) / |previous|.
 * Dividing by |previous| keeps the sign meaning "went up" even when the
 * previous value was negative (an ROI of -0.5 going to -0.25 is +50 %).
 * Absolute is undefined when either side is; relative also when previous
 * is 0. */
typedef struct
{
  RdmFigure previous;
  RdmFigure absolute;
  RdmFigure relative;
} RdmChange;

void rdm_change_compute (RdmFigure current, RdmFigure previous, RdmChange *out);

/* A row with the previous period's figures and the change of each. */
typedef struct
{
  RdmChange cost;
  RdmChange value;
  RdmChange savings;
  RdmChange conversions;
  RdmChange net;
  RdmChange roi;
  RdmChange roas;
  RdmChange cpa;
  RdmChange cost_per_conversion;
} RdmRoiComparison;

void rdm_roi_compare (const RdmRoiRow *current, const RdmRoiRow *previous, RdmRoiComparison *out);

G_END_DECLS
