-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- The warehouse route for PostgreSQL (SPEC.md "Scale beyond one machine"):
-- the path rules of SPEC.md "Path building" run inside the database, and
-- only aggregates travel. rdm-warehouse.c reads this file's named queries
-- ("-- name: x" up to the next name). Values are bound parameters, never
-- pasted text; the {{...}} slots hold identifiers only, each quoted by
-- libpq's PQescapeIdentifier (or an expression of this file built from
-- them), so a table or column name cannot change what a query does.
--
-- Slots of the events table (the canonical event log of SPEC.md "Import
-- formats", one row per touch or conversion), whose texts are read as the
-- CSV importer reads a file's fields: without spaces or tabs at either end.
--   {{table}}    the table, schema-qualified when the user said so
--   {{visitor}}  the visitor's id, as text
--   {{time}}     the row's time in whole epoch seconds (bigint), from an
--                epoch_* expression below
--   {{order}}    a column that orders rows of the same second as the file
--                did (a line number, an event sequence), or NULL when the
--                table has none: ties are then ordered by channel and kind
--   {{type}}     impression, click, visit or conversion (any case)
--   {{channel}}  the channel of a touch
--   {{value}}    the conversion's value (NULL: 0)
--   {{event}}    the conversion's event name (NULL or '': "purchase")
-- Parameters of "paths", "outcomes" and "check":
--   $1 click window, seconds (float8)   $2 view window, seconds (float8)
--   $3 restart after a conversion (boolean)
--   $4 first second of the evaluation period, NULL: unbounded (bigint)
--   $5 the second after its end, NULL: unbounded (bigint)
--   $6 the conversion events analysed, NULL: all (text[])
-- (the queries that use only some of them are sent with every type
-- declared, which PostgreSQL needs for the ones they leave out).

-- name: epoch_timestamptz
floor(extract(epoch FROM {{column}}))::bigint

-- name: epoch_timestamp
-- a time without a zone is read as UTC, as the CSV importer reads one
floor(extract(epoch FROM {{column}} AT TIME ZONE 'UTC'))::bigint

-- name: epoch_number
floor({{column}})::bigint

-- name: day_date
(({{column}}) - DATE '1970-01-01')::bigint * 86400

-- name: day_of_epoch
floor(({{column}}) / 86400.0)::bigint * 86400

-- name: columns
-- What the table's columns are: zero rows, but the result's description
-- names and types every column.
SELECT * FROM {{table}} LIMIT 0

-- name: check
-- The first row the CSV importer would refuse, or that the path table
-- could not hold (a channel name with ">"), with
-- what is wrong with it; none when every row is usable. Its order value
-- (or, without an order column, its visitor and time) lets the user find
-- it.
WITH source AS (
  SELECT btrim({{visitor}}, E' \t') AS visitor, {{time}} AS t, {{order}} AS seq,
         lower(btrim({{type}}, E' \t')) AS type, btrim({{channel}}, E' \t') AS channel
  FROM {{table}}
),
problems AS (
  SELECT seq, visitor, t, type, channel,
         CASE
           WHEN visitor IS NULL OR visitor = '' THEN 'visitor'
           WHEN t IS NULL THEN 'time'
           WHEN type IS NULL OR type NOT IN ('impression', 'click', 'visit', 'conversion')
             THEN 'type'
           WHEN type <> 'conversion'
                AND (channel IS NULL OR channel = '' OR strpos(channel, '>') > 0)
             THEN 'channel'
         END AS problem
  FROM source
)
SELECT seq::text, visitor, t::text, problem, coalesce(type, ''), coalesce(channel, '')
FROM problems
WHERE problem IS NOT NULL
LIMIT 1

-- name: paths
-- One row per distinct journey: its channels oldest first, one letter per
-- touch (c: click or visit, v: impression), the conversions' day (NULL on
-- rows of non-converting journeys), conversions, value, non-converting
-- journeys. The rules, as analysis/rdm-path-builder.c states them:
-- - touches are ordered by time, ties by the order column;
-- - a touch at t serves the analysed conversion at T when t <= T, T - t
--   is within the click window (clicks, visits) or the view window
--   (impressions), and, with restart, t is after the visitor's previous
--   analysed conversion (of any period);
-- - a conversion without such a touch is the journey "(none)";
-- - a visitor's non-converting journey is their touches after their last
--   analysed conversion before the period's end, within the period;
-- - conversions count when their time is in the period.
WITH source AS (
  SELECT btrim({{visitor}}, E' \t') AS visitor, {{time}} AS t, {{order}} AS seq,
         lower(btrim({{type}}, E' \t')) AS type, btrim({{channel}}, E' \t') AS channel,
         {{value}} AS value, btrim({{event}}, E' \t') AS event
  FROM {{table}}
),
touches AS (
  SELECT visitor, t, seq, channel,
         CASE type WHEN 'impression' THEN 'v' ELSE 'c' END AS kind
  FROM source
  WHERE type IN ('impression', 'click', 'visit')
),
analysed AS (
  SELECT visitor, t, coalesce(value, 0)::float8 AS value,
         row_number() OVER visitor_order AS number,
         lag(t) OVER visitor_order AS previous_t
  FROM source
  WHERE type = 'conversion'
    AND ($6::text[] IS NULL OR coalesce(nullif(event, ''), 'purchase') = ANY ($6::text[]))
    AND ($5::bigint IS NULL OR t < $5::bigint)
  -- without an order column, value and event keep conversions of the same
  -- second in one order from run to run
  WINDOW visitor_order AS (PARTITION BY visitor ORDER BY t, seq, value, event)
),
converting AS (
  SELECT a.t AS conversion_t, a.value,
         array_agg(c.channel ORDER BY c.t, c.seq, c.channel, c.kind)
           FILTER (WHERE c.visitor IS NOT NULL) AS channels,
         string_agg(c.kind, '' ORDER BY c.t, c.seq, c.channel, c.kind) AS kinds
  FROM analysed a
  LEFT JOIN touches c
    ON c.visitor = a.visitor AND c.t <= a.t
   AND (NOT $3::boolean OR a.previous_t IS NULL OR c.t > a.previous_t)
   AND (a.t - c.t) <= CASE c.kind WHEN 'v' THEN $2::float8 ELSE $1::float8 END
  WHERE $4::bigint IS NULL OR a.t >= $4::bigint
  GROUP BY a.visitor, a.number, a.t, a.value
),
last_conversion AS (
  SELECT visitor, max(t) AS t FROM analysed GROUP BY visitor
),
non_converting AS (
  SELECT array_agg(c.channel ORDER BY c.t, c.seq, c.channel, c.kind) AS channels,
         string_agg(c.kind, '' ORDER BY c.t, c.seq, c.channel, c.kind) AS kinds
  FROM touches c
  LEFT JOIN last_conversion l ON l.visitor = c.visitor
  WHERE (l.t IS NULL OR c.t > l.t)
    AND ($4::bigint IS NULL OR c.t >= $4::bigint)
    AND ($5::bigint IS NULL OR c.t < $5::bigint)
  GROUP BY c.visitor
)
SELECT array_to_string(channels, ' > ') AS path, kinds, day, conversions, value, nulls
FROM (
  SELECT coalesce(channels, ARRAY['(none)']) AS channels, coalesce(kinds, 'c') AS kinds,
         floor(conversion_t / 86400.0)::bigint * 86400 AS day,
         count(*)::float8 AS conversions, sum(value) AS value, 0::float8 AS nulls
  FROM converting
  GROUP BY 1, 2, 3
  UNION ALL
  SELECT channels, kinds, NULL, 0, 0, count(*)::float8
  FROM non_converting
  GROUP BY 1, 2
) AS journeys
ORDER BY day NULLS LAST, channels, kinds

-- name: pull_settings
-- COPY takes no bound parameters: the pull's period and sample travel as
-- settings of the transaction, set with bound values and read back by
-- "pull_events" with current_setting.
SELECT set_config('rendement.from_time', coalesce($4::bigint::text, ''), true),
       set_config('rendement.to_time', coalesce($5::bigint::text, ''), true),
       set_config('rendement.sample', $1::float8::text, true)

-- name: pull_events
-- The events themselves, for a local event log of mid-size data: those of
-- the period, of a sample of whole visitors (a visitor is kept when the
-- first 32 bits of the md5 of their id, as a fraction of 2^32, fall under
-- the sample), in time order, ties in the order column's, in binary.
COPY (
  WITH source AS (
    SELECT btrim({{visitor}}, E' \t') AS visitor, {{time}} AS t, {{order}} AS seq,
           lower(btrim({{type}}, E' \t')) AS type, btrim({{channel}}, E' \t') AS channel,
           btrim({{campaign}}, E' \t') AS campaign,
           {{value}} AS value, btrim({{event}}, E' \t') AS event
    FROM {{table}}
  )
  SELECT visitor, t, type, channel, campaign, value, event
  FROM source
  WHERE (nullif(current_setting('rendement.from_time'), '')::bigint IS NULL
         OR t >= nullif(current_setting('rendement.from_time'), '')::bigint)
    AND (nullif(current_setting('rendement.to_time'), '')::bigint IS NULL
         OR t < nullif(current_setting('rendement.to_time'), '')::bigint)
    AND (current_setting('rendement.sample')::float8 >= 1
         OR ('x' || substr(md5(visitor), 1, 8))::bit(32)::bigint
            < current_setting('rendement.sample')::float8 * 4294967296)
  ORDER BY t, seq, channel, type, value, event
) TO STDOUT (FORMAT binary)

-- name: outcomes
-- The analysed conversions and their value per day of the period: the
-- daily outcomes a media-mix model reads.
WITH source AS (
  SELECT {{time}} AS t, lower(btrim({{type}}, E' \t')) AS type, {{value}} AS value,
         btrim({{event}}, E' \t') AS event
  FROM {{table}}
)
SELECT floor(t / 86400.0)::bigint * 86400 AS day, count(*)::float8 AS conversions,
       sum(coalesce(value, 0)::float8) AS value
FROM source
WHERE type = 'conversion'
  AND ($6::text[] IS NULL OR coalesce(nullif(event, ''), 'purchase') = ANY ($6::text[]))
  AND ($4::bigint IS NULL OR t >= $4::bigint)
  AND ($5::bigint IS NULL OR t < $5::bigint)
GROUP BY 1
ORDER BY 1

-- name: costs
-- Costs per day, channel, campaign and category (SPEC.md's costs format),
-- read by rdm-warehouse.c with the CSV costs importer's rules; {{day}} is
-- a day_date or day_of_epoch expression, {{campaign}} and {{category}}
-- may be NULL (a category left out is media).
SELECT {{day}} AS day, {{channel}}::text AS channel, coalesce({{campaign}}::text, '') AS campaign,
       coalesce({{category}}::text, 'media') AS category,
       {{amount}}::float8 AS amount
FROM {{table}}
ORDER BY 1, 2, 3, 4
