/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rdm-period.h"

G_BEGIN_DECLS

/* The KPI formula language (SPEC.md, "Objectives, KPIs, ROI").
 *
 * A formula is arithmetic over the project's metrics for one period, parsed
 * by our own recursive-descent parser into a tree and evaluated through a
 * callback: it is never turned into SQL.
 *
 *   formula    = expr END ;
 *   expr       = term { ( "+" | "-" ) term } ;
 *   term       = unary { ( "*" | "/" ) unary } ;
 *   unary      = "-" unary | primary ;
 *   primary    = number | call | metric | "(" expr ")" ;
 *   call       = function "(" expr { "," expr } ")" ;
 *   metric     = name [ "[" ( string | qualifier { "," qualifier } ) "]" ] ;
 *   qualifier  = key "=" string ;
 *   number     = digit { digit } [ "." digit { digit } ]
 *                [ ( "e" | "E" ) [ "+" | "-" ] digit { digit } ] ;
 *   string     = '"' { character | '\"' | '\\' } '"' ;
 *   name, key, function = letter { letter | digit | "_" } ;
 *
 * where `character` is any UTF-8 character but '"', '\' and control
 * characters (a text stays on one line), letters and digits are ASCII, and
 * names are case-sensitive. Spaces, tabs and newlines may separate tokens.
 *
 * Metrics, with the qualifiers each accepts (all optional; absent = all):
 *
 *   conversions, value                       model, group, channel, campaign, event
 *   cost                                     group, channel, campaign, category
 *   impressions, clicks, engagements, likes,
 *   shares, comments, followers, visits      group, channel, campaign
 *   series["name"]                           a survey or manual series (required name)
 *   manual                                   the KPI's own manual values (kpi_value)
 *
 * conversions and value are the attributed conversions and conversion value
 * under `model` (default: the model of the report). `model` is one of the
 * CLI model names, `group` a channel group, `category` a cost category; the
 * parser rejects any other value. A bare metric is its value over the whole
 * period as the resolver defines it (totals for counts and money); for
 * `manual` the resolver knows, through its user data, which KPI it is
 * evaluating.
 *
 * Functions:
 *
 *   sum(x)       x evaluated on each month of the period, added up
 *   avg(x)       the same months, averaged
 *                (both leave out months where x is n/a; n/a when all are)
 *   growth(x)    (x - x on the previous period) / |x on the previous period|
 *   previous(x)  x on the previous period
 *   share(x, y)  x / y
 *   min(x, y, ...), max(x, y, ...)
 *
 * A result is "n/a" (undefined) after a division by zero, growth from 0,
 * an overflow, or any n/a operand: never inf or NaN.
 *
 * Examples: value[model="linear", group="social"] / cost[group="social"],
 * growth(followers[channel="Instagram"]), avg(series["brand_awareness"]),
 * (value + series["call_centre_savings"] - cost) / cost.
 *
 * Input is limited to RDM_FORMULA_MAX_LENGTH bytes and RDM_FORMULA_MAX_DEPTH
 * levels of parentheses, function calls and unary minus, so a saved or
 * received formula cannot exhaust the stack, and its evaluation to
 * RDM_FORMULA_MAX_STEPS steps, so growth(growth(...)) cannot run forever.
 */

#define RDM_FORMULA_MAX_LENGTH 4096
#define RDM_FORMULA_MAX_DEPTH 64
/* Evaluation steps (nodes visited, months and previous periods included). */
#define RDM_FORMULA_MAX_STEPS 1000000

#define RDM_FORMULA_ERROR (rdm_formula_error_quark ())

typedef enum
{
  RDM_FORMULA_ERROR_SYNTAX,           /* malformed text, unexpected or missing token */
  RDM_FORMULA_ERROR_UNKNOWN_METRIC,   /* a name that is not a metric */
  RDM_FORMULA_ERROR_UNKNOWN_FUNCTION, /* a call of a name that is not a function */
  RDM_FORMULA_ERROR_ARGUMENTS,        /* a function called with the wrong number of arguments */
  RDM_FORMULA_ERROR_QUALIFIER,        /* a qualifier unknown, repeated or with a bad value */
  RDM_FORMULA_ERROR_LIMIT,            /* over MAX_LENGTH, MAX_DEPTH or MAX_STEPS */
  RDM_FORMULA_ERROR_EVALUATE,         /* the resolver gave an infinite or NaN value */
} RdmFormulaError;

GQuark rdm_formula_error_quark (void);

typedef enum
{
  RDM_METRIC_CONVERSIONS,
  RDM_METRIC_VALUE,
  RDM_METRIC_COST,
  RDM_METRIC_IMPRESSIONS,
  RDM_METRIC_CLICKS,
  RDM_METRIC_ENGAGEMENTS,
  RDM_METRIC_LIKES,
  RDM_METRIC_SHARES,
  RDM_METRIC_COMMENTS,
  RDM_METRIC_FOLLOWERS,
  RDM_METRIC_VISITS,
  RDM_METRIC_SERIES,
  RDM_METRIC_MANUAL,
} RdmMetricKind;

/* One metric of a formula. NULL fields are "not restricted"; the strings
 * are owned by the formula and validated at parse time. */
typedef struct
{
  RdmMetricKind kind;
  const char *model;    /* conversions, value: "linear", ...; NULL = the report's model */
  const char *group;    /* channel group: "social", "paid_search", ... */
  const char *channel;  /* channel name, non-empty */
  const char *campaign; /* campaign name, non-empty */
  const char *category; /* cost only: "media", "content", ... */
  const char *event;    /* conversions, value: conversion event name, non-empty */
  const char *series;   /* series only: the series_value.metric name, never NULL there */
} RdmMetricRef;

/* The metric's name in the language: "conversions", "series", ... */
const char *rdm_metric_kind_to_string (RdmMetricKind kind);

/* The metric as written in canonical form: value[model="linear", group="social"]. */
char *rdm_metric_ref_to_string (const RdmMetricRef *metric);

/* Supplies the value of @metric over @period (epoch seconds [start, end)).
 * Sets *@out_defined to FALSE when the value does not exist ("n/a", e.g. a
 * survey series with no answer in the period). Returns FALSE and sets
 * @error when the value cannot be computed (a database error). */
typedef gboolean (*RdmMetricResolver) (const RdmMetricRef *metric,
                                       const RdmPeriod *period,
                                       gpointer user_data,
                                       double *out_value,
                                       gboolean *out_defined,
                                       GError **error);

typedef struct _RdmFormula RdmFormula;

/* Parses @text. On error returns NULL, sets @error to a message that starts
 * "column N: " (1-based, in characters) and says what was expected, and
 * sets *@out_error_column (nullable) to N, for the editor to place the
 * cursor; *@out_error_column is 0 on success. */
RdmFormula *rdm_formula_parse (const char *text, guint *out_error_column, GError **error);
void rdm_formula_free (RdmFormula *formula);

/* The canonical text: single spaces around binary operators, after commas,
 * only the parentheses the tree needs, qualifiers in a fixed order, numbers
 * in their shortest exact form. Parsing it gives the same tree. */
char *rdm_formula_to_string (const RdmFormula *formula);

/* The distinct metrics the formula reads, in order of first appearance, as
 * borrowed const RdmMetricRef *, for the editor to check that channels and
 * series exist in the project. */
GPtrArray *rdm_formula_list_metrics (const RdmFormula *formula);

/* Whether the formula calls sum(), avg(), growth() or previous(), which
 * read the months of a period or the period before: such a formula has no
 * meaning on one day. */
gboolean rdm_formula_uses_periods (const RdmFormula *formula);

/* NULL-terminated, for completion in the editor. */
const char *const *rdm_formula_metric_names (void);
const char *const *rdm_formula_function_names (void);

/* Evaluates @formula for @period. On success *@out_defined says whether
 * *@out_value exists (FALSE = "n/a", and then *@out_value is 0); the value
 * is always finite. Fails, with the column of the node at fault, when the
 * resolver fails, when it returns an infinite or NaN value
 * (RDM_FORMULA_ERROR_EVALUATE), when the evaluation takes more than
 * RDM_FORMULA_MAX_STEPS steps (RDM_FORMULA_ERROR_LIMIT), or when growth()
 * or previous() would leave the years the calendar supports
 * (RDM_PERIOD_ERROR_RANGE). The resolver is called once per metric node,
 * month and period visited, without caching: cache in the resolver if
 * lookups are expensive. */
gboolean rdm_formula_evaluate (const RdmFormula *formula,
                               RdmMetricResolver resolver,
                               gpointer user_data,
                               const RdmPeriod *period,
                               double *out_value,
                               gboolean *out_defined,
                               GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmFormula, rdm_formula_free)

G_END_DECLS
