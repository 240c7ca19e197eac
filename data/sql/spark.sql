-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- The warehouse route for Spark SQL (SPEC.md "Scale beyond one machine"):
-- the path rules of SPEC.md "Path building", as data/sql/postgresql.sql
-- runs them, written for Spark SQL 3.1 or later, so that the events stay
-- in the cluster and only the path table comes home. Rendement does not
-- run this file: you run it in Spark and import its result. It has been
-- written and reviewed, but never executed by the project's tests (they
-- run the PostgreSQL file against a real server).
--
-- The file holds two queries, each from its "-- name: x" line up to the
-- next one: "paths" (the path table) and "outcomes" (conversions and value
-- per day). (No semicolon appears in this file, comments included: the
-- spark-sql shell splits its input at every one.)
--
-- The events table (or view) has the canonical event log's columns
-- (SPEC.md "Import formats", one row per touch or conversion):
--   visitor_id  the visitor's id
--   timestamp   a TIMESTAMP. A column of epoch seconds instead: replace
--               unix_seconds(`timestamp`) below by
--               CAST(floor(`timestamp`) AS BIGINT). Times read from text
--               without a zone are in spark.sql.session.timeZone: set it
--               to UTC, as Rendement's CSV importer reads them.
--   type        impression, click, visit or conversion (any case)
--   channel     the channel of a touch, without ">" (the path's separator)
--               and without blanks at either end
--   value       the conversion's value (NULL: 0)
--   event       the conversion's event name (NULL or '': "purchase")
--   order       a column that orders rows of the same second as the file
--               did (a line number, an event sequence). A table without
--               one: a view adding CAST(NULL AS BIGINT) AS `order`, and
--               ties are then ordered by channel and kind.
-- A table named otherwise: a view that renames its columns.
--
-- Settings are Spark SQL variables, ${name}, which Spark replaces by their
-- text before it parses the query (spark.sql.variable.substitute, on by
-- default). This is text substitution, not bound parameters: give
-- numbers, true or false, NULL, and a table name you trust. Each value is
-- CAST to its type, so a variable left unset (replaced by nothing) stops
-- the query with a syntax error instead of changing what it does.
--   ${events_table}          the events table, e.g. analytics.events
--   ${click_window_seconds}  a click or visit may precede its conversion
--                            by this much (30 days: 2592000), inclusive
--   ${view_window_seconds}   the same for impressions (1 day: 86400)
--   ${restart}               true: paths restart after each conversion
--   ${from_time}             first second of the evaluation period
--                            (epoch, UTC), NULL: unbounded
--   ${to_time}               the second after its end, NULL: unbounded
--   ${events}                the conversion events analysed, as an array
--                            expression, array('purchase'), NULL: all
-- "outcomes" uses events_table and the last three only.
--
-- Running it and importing the result, from PySpark (the first quarter of
-- 2026, default windows):
--
--   settings = {"events_table": "analytics.events",
--               "click_window_seconds": "2592000",
--               "view_window_seconds": "86400", "restart": "true",
--               "from_time": "1767225600", "to_time": "1775001600",
--               "events": "array('purchase')"}
--   for name, value in settings.items():
--       spark.conf.set(name, value)
--   text = open("spark.sql").read()
--   queries = dict(part.split("\n", 1) for part in text.split("\n-- name: ")[1:])
--   (spark.sql(queries["paths"]).coalesce(1)
--        .write.option("header", True).csv("paths"))
--
-- In the spark-sql shell, SET name=value sets a variable as spark.conf.set
-- does, but the shell prints text, not CSV. df.write.csv writes a folder:
-- its part-*.csv file is the table, with empty fields for NULL. Then
--
--   rendement-cli import PROJECT --kind paths paths/part-*.csv
--   rendement-cli import PROJECT --kind outcomes outcomes/part-*.csv
--
-- The CSV path-table import reads path, conversions, value and nulls
-- (its total_conversions, total_conversion_value and total_null). It
-- currently ignores the kinds and day columns: the imported paths are all
-- clicks and have no conversion days. The PostgreSQL route (rendement-cli
-- import PROJECT --from postgresql://...) imports both directly, so
-- view-through splits need it.

-- name: paths
-- One row per distinct journey: its channels oldest first, one letter per
-- touch (c: click or visit, v: impression), the conversions' UTC day (NULL
-- on rows of non-converting journeys), conversions, value, non-converting
-- journeys. The rules, as analysis/rdm-path-builder.c states them:
-- - touches are ordered by time, ties by the order column
-- - a touch at t serves the analysed conversion at T when t <= T, T - t
--   is within the click window (clicks, visits) or the view window
--   (impressions), and, with restart, t is after the visitor's previous
--   analysed conversion (of any period)
-- - a conversion without such a touch is the journey "(none)"
-- - a visitor's non-converting journey is their touches after their last
--   analysed conversion before the period's end, within the period
-- - conversions count when their time is in the period.
-- The order column sorts as in PostgreSQL, whose NULLs come last.
WITH params AS (
  SELECT
    CAST(${click_window_seconds} AS DOUBLE) AS click_window,
    CAST(${view_window_seconds} AS DOUBLE) AS view_window,
    CAST(${restart} AS BOOLEAN) AS restart,
    CAST(${from_time} AS BIGINT) AS from_time,
    CAST(${to_time} AS BIGINT) AS to_time,
    CAST(${events} AS ARRAY<STRING>) AS events
),
source AS (
  SELECT
    visitor_id AS visitor, unix_seconds(`timestamp`) AS t, `order` AS seq,
    lower(type) AS type, channel, value, event
  FROM ${events_table}
),
touches AS (
  SELECT visitor, t, seq, channel, CASE type WHEN 'impression' THEN 'v' ELSE 'c' END AS kind
  FROM source
  WHERE type IN ('impression', 'click', 'visit')
),
analysed AS (
  SELECT
    s.visitor, s.t, CAST(coalesce(s.value, 0) AS DOUBLE) AS value,
    row_number() OVER visitor_order AS number,
    lag(s.t) OVER visitor_order AS previous_t
  FROM source AS s
  CROSS JOIN params AS p
  WHERE s.type = 'conversion'
    AND (p.events IS NULL OR array_contains(p.events, coalesce(nullif(s.event, ''), 'purchase')))
    AND (p.to_time IS NULL OR s.t < p.to_time)
  -- value and event keep conversions of one second in one order from run
  -- to run when the table has no order column, as postgresql.sql does
  WINDOW visitor_order AS (PARTITION BY s.visitor ORDER BY s.t, s.seq NULLS LAST, s.value, s.event)
),
converting AS (
  -- collect_list keeps no order: the touches are gathered as structs
  -- whose fields are the sort keys, in order, and array_sort sorts them
  -- field by field. seq_missing puts NULL order values last (false sorts
  -- before true), where array_sort alone would put them first. The FILTER
  -- leaves out the NULL row of a conversion without touch, whose array
  -- is then empty.
  SELECT
    a.t AS conversion_t, a.value,
    array_sort(collect_list(named_struct('t', c.t, 'seq_missing', c.seq IS NULL, 'seq', c.seq,
                                         'channel', c.channel, 'kind', c.kind))
                 FILTER (WHERE c.visitor IS NOT NULL)) AS path_touches
  FROM analysed AS a
  CROSS JOIN params AS p
  LEFT JOIN touches AS c
    ON c.visitor = a.visitor AND c.t <= a.t
   AND (NOT p.restart OR a.previous_t IS NULL OR c.t > a.previous_t)
   AND (a.t - c.t) <= CASE c.kind WHEN 'v' THEN p.view_window ELSE p.click_window END
  WHERE p.from_time IS NULL OR a.t >= p.from_time
  GROUP BY a.visitor, a.number, a.t, a.value
),
last_conversion AS (
  SELECT visitor, max(t) AS t FROM analysed GROUP BY visitor
),
non_converting AS (
  SELECT
    array_sort(collect_list(named_struct('t', c.t, 'seq_missing', c.seq IS NULL, 'seq', c.seq,
                                         'channel', c.channel, 'kind', c.kind))) AS path_touches
  FROM touches AS c
  CROSS JOIN params AS p
  LEFT JOIN last_conversion AS l ON l.visitor = c.visitor
  WHERE (l.t IS NULL OR c.t > l.t)
    AND (p.from_time IS NULL OR c.t >= p.from_time)
    AND (p.to_time IS NULL OR c.t < p.to_time)
  GROUP BY c.visitor
),
converting_text AS (
  -- the sorted touches as text: channels joined by " > ", kinds one
  -- letter each. An empty array, a conversion without touch, is "(none)".
  SELECT
    CAST(floor(conversion_t / 86400) AS BIGINT) * 86400 AS day,
    value,
    coalesce(nullif(concat_ws(' > ', transform(path_touches, x -> x.channel)), ''), '(none)')
      AS path,
    coalesce(nullif(concat_ws('', transform(path_touches, x -> x.kind)), ''), 'c') AS kinds
  FROM converting
),
non_converting_text AS (
  SELECT
    concat_ws(' > ', transform(path_touches, x -> x.channel)) AS path,
    concat_ws('', transform(path_touches, x -> x.kind)) AS kinds
  FROM non_converting
)
SELECT path, kinds, day, conversions, value, `nulls`
FROM (
  SELECT path, kinds, day, count(*) AS conversions, sum(value) AS value, 0 AS `nulls`
  FROM converting_text
  GROUP BY path, kinds, day
  UNION ALL
  SELECT path, kinds, NULL, 0, 0, count(*)
  FROM non_converting_text
  GROUP BY path, kinds
) AS path_table
ORDER BY day NULLS LAST, path, kinds

-- name: outcomes
-- The analysed conversions and their value per UTC day of the period: the
-- daily outcomes a media-mix model reads (rendement-cli import --kind
-- outcomes reads day as a date in epoch seconds).
WITH params AS (
  SELECT
    CAST(${from_time} AS BIGINT) AS from_time,
    CAST(${to_time} AS BIGINT) AS to_time,
    CAST(${events} AS ARRAY<STRING>) AS events
),
source AS (
  SELECT unix_seconds(`timestamp`) AS t, lower(type) AS type, value, event
  FROM ${events_table}
)
SELECT
  CAST(floor(s.t / 86400) AS BIGINT) * 86400 AS day,
  count(*) AS conversions,
  sum(CAST(coalesce(s.value, 0) AS DOUBLE)) AS value
FROM source AS s
CROSS JOIN params AS p
WHERE s.type = 'conversion'
  AND (p.events IS NULL OR array_contains(p.events, coalesce(nullif(s.event, ''), 'purchase')))
  AND (p.from_time IS NULL OR s.t >= p.from_time)
  AND (p.to_time IS NULL OR s.t < p.to_time)
GROUP BY 1
ORDER BY 1
