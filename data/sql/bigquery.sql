-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- The warehouse route for BigQuery over the GA4 export (SPEC.md "Scale
-- beyond one machine"): the path rules of SPEC.md "Path building", as
-- data/sql/postgresql.sql runs them, written for GoogleSQL and the schema
-- of GA4's BigQuery export, so that the events stay in BigQuery and only
-- the path table comes home. Rendement does not run this file: you run it
-- in BigQuery and import its result. It has been written and reviewed,
-- but never executed by the project's tests (they run the PostgreSQL
-- file against a real server).
--
-- The file holds two queries, each from its "-- name: x" line up to the
-- next one: "paths" (the path table) and "outcomes" (conversions and value
-- per day). Replace `my-project.analytics_123456789.events_*` in both by
-- your export's dataset: a table name cannot be a query parameter.
--
-- What GA4's export is, and how it becomes the canonical event log:
--   visitor     user_pseudo_id (one browser or app instance). user_id
--               would join devices, but only after a login, which would
--               cut one journey in two.
--   touch       a session: (user_pseudo_id, event param ga_session_id),
--               at the time of its first event. GA4 exports no ad
--               impressions, so every touch is a click or visit (kind c)
--               and the view window never applies. It is still a
--               parameter so that the three routes take the same ones.
--               A session without a source is (direct) / (none): Direct,
--               a real channel, never "No touch" (SPEC.md).
--   source      the session's first collected source, medium and campaign:
--               collected_traffic_source.manual_* (exports since 2023),
--               else the event params 'source', 'medium', 'campaign'
--               (older exports). A Google Ads click (gclid) is google /
--               cpc, as auto-tagging takes precedence in GA4. Not used:
--               traffic_source, the user's first acquisition, the same on
--               every event of the user, and session_traffic_source_last_click,
--               GA's own attribution, which gives a direct session the
--               previous non-direct source and would thus count a click
--               twice.
--   channel     source / medium / campaign through a CASE that copies the
--               26 rules a new Rendement project starts with (GA4's
--               default channel group). The project's own rules are
--               richer: editable, per project, and they re-label imported
--               touches when changed. A path table keeps the names
--               written here.
--   conversion  an event named in @events (e.g. ['purchase']), with value
--               ecommerce.purchase_revenue, else the event param 'value',
--               else 0 (in the currency the site sent: use
--               purchase_revenue_in_usd when it sent several). A
--               conversion without user_pseudo_id (consent mode's
--               cookieless pings) has no touch that could be its own: it
--               is "(none)", so that the path table's conversions equal
--               the daily outcomes.
--   order       ties of the same second are ordered by event_timestamp
--               (microseconds), event_bundle_sequence_id, then
--               batch_event_index (exports since 2024, NULL before),
--               while times and windows are whole seconds, as in an event
--               log imported by Rendement.
-- A field your export lacks altogether (collected_traffic_source before
-- mid-2023, batch_event_index before mid-2024) stops the query: write
-- NULL in its place.
--
-- Named query parameters, bound by BigQuery, never pasted into the text:
--   @click_window_seconds  FLOAT64  a click or visit may precede its
--                                   conversion by this much (30 days:
--                                   2592000), inclusive
--   @view_window_seconds   FLOAT64  the same for impressions (1 day: 86400)
--   @restart               BOOL     paths restart after each conversion
--   @from_time             INT64    first second of the evaluation period
--                                   (epoch, UTC), NULL: unbounded
--   @to_time               INT64    the second after its end, NULL:
--                                   unbounded
--   @events                ARRAY<STRING>  the conversion events analysed
-- "outcomes" uses the last three only.
--
-- Running it and importing the result. The paths query of the first
-- quarter of 2026 with the default windows, as CSV on standard output:
--
--   sed -n '/^-- name: paths$/,/^-- name: outcomes$/p' bigquery.sql |
--     bq query --use_legacy_sql=false --format=csv --max_rows=100000000 \
--       --parameter=click_window_seconds:FLOAT64:2592000 \
--       --parameter=view_window_seconds:FLOAT64:86400 \
--       --parameter=restart:BOOL:true \
--       --parameter=from_time:INT64:1767225600 \
--       --parameter=to_time:INT64:1775001600 \
--       --parameter='events:ARRAY<STRING>:["purchase"]' > paths.csv
--
-- (the outcomes query: sed -n '/^-- name: outcomes$/,$p', with the last
-- three parameters), or, for large results, put the query after
--   EXPORT DATA OPTIONS (uri = 'gs://BUCKET/paths-*.csv', format = 'CSV',
--                        header = true, overwrite = true) AS
-- and import each file it writes. Then
--
--   rendement-cli import PROJECT --kind paths paths.csv
--   rendement-cli import PROJECT --kind outcomes outcomes.csv
--
-- The CSV path-table import reads path, conversions, value and nulls
-- (its total_conversions, total_conversion_value and total_null). It
-- currently ignores the kinds and day columns: the imported paths are all
-- clicks and have no conversion days. The PostgreSQL route (rendement-cli
-- import PROJECT --from postgresql://...) imports both directly, so
-- view-through splits need it. From GA4, which has no impressions, the
-- kinds are all c anyway.

-- name: paths
-- One row per distinct journey: its channels oldest first, one letter per
-- touch, the conversions' UTC day (NULL on rows of non-converting
-- journeys), conversions, value, non-converting journeys. The rules, as
-- analysis/rdm-path-builder.c states them:
-- - touches are ordered by time, ties by the order columns;
-- - a touch at t serves the analysed conversion at T when t <= T, T - t
--   is within the click window (clicks, visits) or the view window
--   (impressions), and, with restart, t is after the visitor's previous
--   analysed conversion (of any period);
-- - a conversion without such a touch is the journey "(none)";
-- - a visitor's non-converting journey is their touches after their last
--   analysed conversion before the period's end, within the period;
-- - conversions count when their time is in the period.
-- One consequence in GA4: with restart, a second purchase in the same
-- session is "(none)", since the session started before the first one.
WITH events AS (
  SELECT
    user_pseudo_id AS visitor,
    DIV(event_timestamp, 1000000) AS t,
    event_timestamp AS micros,
    event_bundle_sequence_id AS bundle,
    batch_event_index,
    event_name,
    (SELECT value.int_value FROM UNNEST(event_params) WHERE key = 'ga_session_id') AS session_id,
    COALESCE(collected_traffic_source.manual_source,
             (SELECT value.string_value FROM UNNEST(event_params) WHERE key = 'source')) AS source,
    COALESCE(collected_traffic_source.manual_medium,
             (SELECT value.string_value FROM UNNEST(event_params) WHERE key = 'medium')) AS medium,
    COALESCE(collected_traffic_source.manual_campaign_name,
             (SELECT value.string_value FROM UNNEST(event_params) WHERE key = 'campaign'))
      AS campaign,
    collected_traffic_source.gclid AS gclid,
    COALESCE(ecommerce.purchase_revenue,
             (SELECT COALESCE(value.double_value, value.float_value, value.int_value)
              FROM UNNEST(event_params) WHERE key = 'value'),
             0) AS value
  FROM `my-project.analytics_123456789.events_*`
  -- The suffix keeps the daily tables read to the days that can matter
  -- (BigQuery bills the bytes read). A touch more than a window before
  -- the period cannot serve a conversion of the period, and a conversion
  -- that long before only cuts off touches the window leaves out anyway,
  -- so reading from (from_time - longest window) gives the same result as
  -- reading everything. Two days more: the tables are days of the
  -- property's time zone, not UTC, and a session that began the day
  -- before must be seen from its first event. Nothing after the period
  -- matters. The bounds are 8-digit dates, which also leaves out the
  -- events_intraday_* tables, whose suffix sorts after every date: they
  -- repeat a day until it is final.
  WHERE _TABLE_SUFFIX >= COALESCE(
          FORMAT_DATE('%Y%m%d', DATE_SUB(DATE(TIMESTAMP_SECONDS(
            @from_time
            - CAST(CEIL(GREATEST(@click_window_seconds, @view_window_seconds)) AS INT64))),
            INTERVAL 2 DAY)),
          '')
    AND _TABLE_SUFFIX <= COALESCE(
          FORMAT_DATE('%Y%m%d', DATE_ADD(DATE(TIMESTAMP_SECONDS(@to_time - 1)), INTERVAL 1 DAY)),
          '99999999')
),
sessions AS (
  SELECT
    visitor,
    ARRAY_AGG(STRUCT(t, micros, bundle, batch_event_index)
              ORDER BY micros, bundle, batch_event_index LIMIT 1)[OFFSET(0)] AS first_event,
    -- the first event that says where the session came from
    ARRAY_AGG(IF(source IS NULL AND gclid IS NULL, NULL, STRUCT(source, medium, campaign, gclid))
              IGNORE NULLS ORDER BY micros, bundle, batch_event_index LIMIT 1)[SAFE_OFFSET(0)]
      AS origin
  FROM events
  WHERE visitor IS NOT NULL AND session_id IS NOT NULL
  GROUP BY visitor, session_id
),
origins AS (
  SELECT
    visitor, first_event.t, first_event.micros, first_event.bundle, first_event.batch_event_index,
    -- lower case, as the project's rules match regardless of case
    LOWER(IF(origin.gclid IS NOT NULL, 'google', COALESCE(origin.source, '(direct)'))) AS source,
    LOWER(IF(origin.gclid IS NOT NULL, 'cpc',
             COALESCE(origin.medium, IF(origin.source IS NULL, '(none)', '(not set)')))) AS medium,
    LOWER(COALESCE(origin.campaign, '')) AS campaign
  FROM sessions
),
facts AS (
  -- the site lists and the paid media, once, for the CASE below (the
  -- patterns of data/rdm-schema.c's default rules, unchanged)
  SELECT
    *,
    REGEXP_CONTAINS(medium, r'^(.*cp.*|ppc|retargeting|paid.*)$') AS paid,
    REGEXP_CONTAINS(source, r'(^|\.)(amazon|ebay|etsy|shopify|shopping\.google|walmart|aliexpress|cdiscount|fnac|rakuten|zalando)(\.|$)')
      OR REGEXP_CONTAINS(campaign, r'^(.*(([^a-df-z]|^)shop|shopping).*)$') AS shopping,
    REGEXP_CONTAINS(source, r'(^|\.)(google|bing|yahoo|baidu|duckduckgo|ecosia|qwant|yandex|naver|startpage|seznam|sogou|ask|aol|lilo)(\.|$)') AS search,
    REGEXP_CONTAINS(source, r'(^|\.)(facebook|fb|m\.facebook|instagram|ig|linkedin|lnkd|twitter|t\.co|x|tiktok|pinterest|reddit|snapchat|threads|mastodon|whatsapp|messenger|quora|tumblr|vk|weibo|wechat|xing|viadeo)(\.|$)') AS social,
    REGEXP_CONTAINS(source, r'(^|\.)(youtube|youtu\.be|vimeo|dailymotion|twitch|wistia)(\.|$)')
      AS video
  FROM origins
),
touches AS (
  SELECT
    visitor, t, micros, bundle, batch_event_index,
    -- GA4's default channel group, first match wins, in its order
    CASE
      WHEN source = '(direct)' AND medium IN ('(none)', '(not set)') THEN 'Direct'
      WHEN REGEXP_CONTAINS(campaign, r'cross-network') THEN 'Cross-network'
      WHEN shopping AND paid THEN 'Paid Shopping'
      WHEN search AND paid THEN 'Paid Search'
      WHEN social AND paid THEN 'Paid Social'
      WHEN video AND paid THEN 'Paid Video'
      WHEN medium IN ('display', 'banner', 'expandable', 'interstitial', 'cpm') THEN 'Display'
      WHEN paid THEN 'Paid Other'
      WHEN shopping THEN 'Organic Shopping'
      WHEN social
           OR medium IN ('social', 'social-network', 'social-media', 'sm', 'social network',
                         'social media') THEN 'Organic Social'
      WHEN video OR REGEXP_CONTAINS(medium, r'video') THEN 'Organic Video'
      WHEN search OR medium = 'organic' THEN 'Organic Search'
      WHEN medium IN ('referral', 'app', 'link') THEN 'Referral'
      WHEN source IN ('email', 'e-mail', 'e_mail', 'e mail')
           OR medium IN ('email', 'e-mail', 'e_mail', 'e mail') THEN 'Email'
      WHEN medium = 'affiliate' THEN 'Affiliates'
      WHEN medium = 'audio' THEN 'Audio'
      WHEN source = 'sms' OR medium = 'sms' THEN 'SMS'
      WHEN REGEXP_CONTAINS(medium, r'(push$|mobile|notification)') OR source = 'firebase'
        THEN 'Mobile Push Notifications'
      ELSE 'Unassigned'
    END AS channel,
    'c' AS kind  -- a session is a visit: GA4 has no impressions
  FROM facts
),
analysed AS (
  SELECT
    visitor, t, value,
    ROW_NUMBER() OVER visitor_order AS number,
    LAG(t) OVER visitor_order AS previous_t
  FROM events
  WHERE event_name IN UNNEST(@events)
    AND (@to_time IS NULL OR t < @to_time)
  WINDOW visitor_order AS (PARTITION BY visitor ORDER BY t, micros, bundle, batch_event_index)
),
converting AS (
  -- STRING_AGG skips the NULL of a conversion without touch (NULL then,
  -- "(none)" below); both aggregates sort alike, so letter i is touch i
  SELECT
    a.t AS conversion_t, a.value,
    STRING_AGG(c.channel, ' > '
               ORDER BY c.t, c.micros, c.bundle, c.batch_event_index, c.channel, c.kind) AS path,
    STRING_AGG(c.kind, ''
               ORDER BY c.t, c.micros, c.bundle, c.batch_event_index, c.channel, c.kind) AS kinds
  FROM analysed AS a
  LEFT JOIN touches AS c
    ON c.visitor = a.visitor AND c.t <= a.t
   AND (NOT @restart OR a.previous_t IS NULL OR c.t > a.previous_t)
   AND a.t - c.t <= IF(c.kind = 'v', @view_window_seconds, @click_window_seconds)
  WHERE @from_time IS NULL OR a.t >= @from_time
  GROUP BY a.visitor, a.number, a.t, a.value
),
last_conversion AS (
  SELECT visitor, MAX(t) AS t FROM analysed GROUP BY visitor
),
non_converting AS (
  SELECT
    STRING_AGG(c.channel, ' > '
               ORDER BY c.t, c.micros, c.bundle, c.batch_event_index, c.channel, c.kind) AS path,
    STRING_AGG(c.kind, ''
               ORDER BY c.t, c.micros, c.bundle, c.batch_event_index, c.channel, c.kind) AS kinds
  FROM touches AS c
  LEFT JOIN last_conversion AS l ON l.visitor = c.visitor
  WHERE (l.t IS NULL OR c.t > l.t)
    AND (@from_time IS NULL OR c.t >= @from_time)
    AND (@to_time IS NULL OR c.t < @to_time)
  GROUP BY c.visitor
)
-- NULLS is a reserved word of GoogleSQL, hence the quotes
SELECT path, kinds, day, conversions, value, `nulls`
FROM (
  SELECT
    COALESCE(path, '(none)') AS path, COALESCE(kinds, 'c') AS kinds,
    CAST(FLOOR(conversion_t / 86400) AS INT64) * 86400 AS day,
    COUNT(*) AS conversions, SUM(value) AS value, 0 AS `nulls`
  FROM converting
  GROUP BY 1, 2, 3
  UNION ALL
  SELECT path, kinds, NULL, 0, 0, COUNT(*)
  FROM non_converting
  GROUP BY 1, 2
) AS journeys
ORDER BY day NULLS LAST, path, kinds

-- name: outcomes
-- The analysed conversions and their value per UTC day of the period: the
-- daily outcomes a media-mix model reads (rendement-cli import --kind
-- outcomes reads day as a date in epoch seconds).
SELECT
  CAST(FLOOR(t / 86400) AS INT64) * 86400 AS day,
  COUNT(*) AS conversions,
  SUM(value) AS value
FROM (
  SELECT
    DIV(event_timestamp, 1000000) AS t,
    COALESCE(ecommerce.purchase_revenue,
             (SELECT COALESCE(value.double_value, value.float_value, value.int_value)
              FROM UNNEST(event_params) WHERE key = 'value'),
             0) AS value
  FROM `my-project.analytics_123456789.events_*`
  WHERE event_name IN UNNEST(@events)
    -- the days of the period, one more on each side for the property's
    -- time zone, and no intraday table (see "paths")
    AND _TABLE_SUFFIX >= COALESCE(
          FORMAT_DATE('%Y%m%d', DATE_SUB(DATE(TIMESTAMP_SECONDS(@from_time)), INTERVAL 1 DAY)), '')
    AND _TABLE_SUFFIX <= COALESCE(
          FORMAT_DATE('%Y%m%d', DATE_ADD(DATE(TIMESTAMP_SECONDS(@to_time - 1)), INTERVAL 1 DAY)),
          '99999999')
) AS conversions
WHERE (@from_time IS NULL OR t >= @from_time)
  AND (@to_time IS NULL OR t < @to_time)
GROUP BY 1
ORDER BY 1
