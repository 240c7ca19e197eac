/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The project file's schema.
 *
 * Times are stored as integer seconds since the Unix epoch, UTC; days (for
 * costs, daily metrics and survey series) as the epoch second of 00:00 UTC
 * that day. Money and conversion values are plain REAL in the project's
 * currency. Interaction codes: 0 impression, 1 click, 2 visit.
 *
 * Migration 1 is the first shipped schema (data); migration 2 adds what the
 * business layer needs (objectives, KPIs, segments, saved settings);
 * migration 3 the savings a channel brings besides revenue (call
 * deflection, fewer support tickets), which count as returns in ROI;
 * migration 4 what incrementality needs: the causal model of a simulated
 * world and its truth (for each conversion, the channels without which it
 * would not have happened), and the experiments that measured a channel's
 * incremental conversions; migration 5 what real exports need: channel
 * groups as free text, the channel rules that turn a source and medium
 * into a channel, the source each row came from (so that a changed rule
 * re-labels it), costs shared by channels, and daily outcomes; migration 6
 * what aggregated analytics exports leave out: the period a file covers
 * when it says so (GA4 states it in its comment block, and its path table
 * holds no dates), and whether a path table knows its non-converting
 * journeys (GA4's conversion paths hold converting ones only); migration 7
 * the branding of the project's quarterly reviews; migration 8 the dated
 * events (an e-reputation incident, a launch, press coverage) that time
 * charts mark and whose impact on a daily series is measured; migration 9
 * the truth of a simulated media mix (the demo's): each channel's known
 * response curve and what it brought over the days its outcomes cover;
 * migration 10 what the warehouse route brings home (rdm-warehouse.c): a
 * path table whose touches say whether they were clicks or views and whose
 * converting rows say their day, and the query settings each such table
 * was built with, so that changed settings are run again, not assumed;
 * migration 11 the share of the spend an experiment's control kept.
 */

#include "rdm-schema.h"

const char *const rdm_schema_migrations[] = {
  /* 0 -> 1 */
  "CREATE TABLE import_log ("
  "  id INTEGER PRIMARY KEY,"
  "  file_name TEXT NOT NULL,"
  "  checksum TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  preset TEXT NOT NULL,"
  "  imported_at INTEGER NOT NULL,"
  "  rows INTEGER NOT NULL,"
  "  rejects INTEGER NOT NULL);"
  "CREATE INDEX import_log_checksum ON import_log (checksum);"
  "CREATE TABLE channel ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  channel_group TEXT NOT NULL DEFAULT 'other' CHECK (channel_group IN"
  "   ('social', 'paid_search', 'organic_search', 'email', 'affiliate', 'referral',"
  "    'display', 'video', 'direct', 'other')));"
  "CREATE TABLE campaign ("
  "  id INTEGER PRIMARY KEY,"
  "  channel_id INTEGER NOT NULL REFERENCES channel (id),"
  "  name TEXT NOT NULL,"
  "  start_day INTEGER,"
  "  end_day INTEGER,"
  "  UNIQUE (channel_id, name));"
  "CREATE TABLE cost ("
  "  id INTEGER PRIMARY KEY,"
  "  day INTEGER NOT NULL,"
  "  channel_id INTEGER NOT NULL REFERENCES channel (id),"
  "  campaign_id INTEGER REFERENCES campaign (id),"
  "  category TEXT NOT NULL CHECK (category IN"
  "   ('media', 'content', 'staff', 'tools', 'training', 'compliance', 'other')),"
  "  amount REAL NOT NULL,"
  "  import_id INTEGER REFERENCES import_log (id));"
  "CREATE INDEX cost_day ON cost (day);"
  "CREATE TABLE campaign_daily ("
  "  id INTEGER PRIMARY KEY,"
  "  day INTEGER NOT NULL,"
  "  channel_id INTEGER NOT NULL REFERENCES channel (id),"
  "  campaign_id INTEGER REFERENCES campaign (id),"
  "  impressions INTEGER NOT NULL DEFAULT 0,"
  "  clicks INTEGER NOT NULL DEFAULT 0,"
  "  engagements INTEGER NOT NULL DEFAULT 0,"
  "  likes INTEGER NOT NULL DEFAULT 0,"
  "  shares INTEGER NOT NULL DEFAULT 0,"
  "  comments INTEGER NOT NULL DEFAULT 0,"
  "  followers INTEGER NOT NULL DEFAULT 0,"
  "  import_id INTEGER REFERENCES import_log (id));"
  "CREATE INDEX campaign_daily_day ON campaign_daily (day);"
  "CREATE TABLE visitor ("
  "  id INTEGER PRIMARY KEY,"
  "  external_id TEXT NOT NULL UNIQUE);"
  "CREATE TABLE visitor_attribute ("
  "  visitor_id INTEGER NOT NULL REFERENCES visitor (id),"
  "  key TEXT NOT NULL,"
  "  value TEXT NOT NULL,"
  "  PRIMARY KEY (visitor_id, key)) WITHOUT ROWID;"
  "CREATE INDEX visitor_attribute_key ON visitor_attribute (key, value);"
  "CREATE TABLE touchpoint ("
  "  id INTEGER PRIMARY KEY,"
  "  visitor_id INTEGER NOT NULL REFERENCES visitor (id),"
  "  time INTEGER NOT NULL,"
  "  channel_id INTEGER NOT NULL REFERENCES channel (id),"
  "  campaign_id INTEGER REFERENCES campaign (id),"
  "  interaction INTEGER NOT NULL CHECK (interaction IN (0, 1, 2)),"
  "  page_views INTEGER NOT NULL DEFAULT 0,"
  "  import_id INTEGER REFERENCES import_log (id));"
  /* "all touchpoints of a visitor in time order"; id keeps file order on ties */
  "CREATE INDEX touchpoint_visitor_time ON touchpoint (visitor_id, time, id);"
  "CREATE TABLE conversion ("
  "  id INTEGER PRIMARY KEY,"
  "  visitor_id INTEGER NOT NULL REFERENCES visitor (id),"
  "  time INTEGER NOT NULL,"
  "  event TEXT NOT NULL,"
  "  value REAL NOT NULL DEFAULT 0,"
  "  import_id INTEGER REFERENCES import_log (id));"
  /* "conversions in a date range" */
  "CREATE INDEX conversion_time ON conversion (time);"
  "CREATE INDEX conversion_visitor_time ON conversion (visitor_id, time, id);"
  "CREATE TABLE path_row ("
  "  id INTEGER PRIMARY KEY,"
  "  path TEXT NOT NULL,"
  "  conversions REAL NOT NULL,"
  "  value REAL NOT NULL,"
  "  nulls REAL NOT NULL,"
  "  import_id INTEGER REFERENCES import_log (id));"
  "CREATE TABLE series_value ("
  "  id INTEGER PRIMARY KEY,"
  "  day INTEGER NOT NULL,"
  "  metric TEXT NOT NULL,"
  "  value REAL NOT NULL,"
  "  source TEXT NOT NULL DEFAULT '',"
  "  import_id INTEGER REFERENCES import_log (id));"
  "CREATE INDEX series_value_metric_day ON series_value (metric, day);",

  /* 1 -> 2 */
  "CREATE TABLE objective ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  business_function TEXT NOT NULL CHECK (business_function IN"
  "   ('marketing', 'sales', 'after_sales', 'customer_service', 'rnd', 'hr')),"
  "  description TEXT NOT NULL DEFAULT '');"
  "CREATE TABLE initiative ("
  "  id INTEGER PRIMARY KEY,"
  "  objective_id INTEGER NOT NULL REFERENCES objective (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  UNIQUE (objective_id, name));"
  "CREATE TABLE initiative_campaign ("
  "  initiative_id INTEGER NOT NULL REFERENCES initiative (id) ON DELETE CASCADE,"
  "  campaign_id INTEGER NOT NULL REFERENCES campaign (id),"
  "  PRIMARY KEY (initiative_id, campaign_id)) WITHOUT ROWID;"
  "CREATE TABLE kpi ("
  "  id INTEGER PRIMARY KEY,"
  "  objective_id INTEGER NOT NULL REFERENCES objective (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  formula TEXT NOT NULL,"
  "  unit TEXT NOT NULL DEFAULT '',"
  "  target REAL,"
  "  direction TEXT NOT NULL DEFAULT 'higher' CHECK (direction IN ('higher', 'lower')),"
  "  period TEXT NOT NULL DEFAULT 'quarter' CHECK (period IN ('month', 'quarter', 'year')),"
  "  UNIQUE (objective_id, name));"
  "CREATE TABLE kpi_value ("
  "  id INTEGER PRIMARY KEY,"
  "  kpi_id INTEGER NOT NULL REFERENCES kpi (id) ON DELETE CASCADE,"
  "  day INTEGER NOT NULL,"
  "  value REAL NOT NULL,"
  "  source TEXT NOT NULL DEFAULT '');"
  "CREATE TABLE segment ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  filter TEXT NOT NULL);"
  "CREATE TABLE model_setting ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  settings_json TEXT NOT NULL);",
  /* 2 -> 3 */
  "CREATE TABLE saving ("
  "  id INTEGER PRIMARY KEY,"
  "  day INTEGER NOT NULL,"
  "  channel_id INTEGER NOT NULL REFERENCES channel (id),"
  "  campaign_id INTEGER REFERENCES campaign (id),"
  "  amount REAL NOT NULL CHECK (amount >= 0),"
  "  description TEXT NOT NULL DEFAULT '',"
  "  import_id INTEGER REFERENCES import_log (id));"
  "CREATE INDEX saving_day ON saving (day);",
  /* 3 -> 4 */
  "CREATE TABLE world ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  import_id INTEGER NOT NULL REFERENCES import_log (id),"
  "  settings_json TEXT NOT NULL);"
  /* the world re-run with the channel's touches removed lacks this
   * conversion; drawn with the same random numbers, so exact */
  "CREATE TABLE truth ("
  "  conversion_id INTEGER NOT NULL REFERENCES conversion (id) ON DELETE CASCADE,"
  "  channel_id INTEGER NOT NULL REFERENCES channel (id),"
  "  PRIMARY KEY (conversion_id, channel_id)) WITHOUT ROWID;"
  "CREATE TABLE experiment ("
  "  id INTEGER PRIMARY KEY,"
  "  channel_id INTEGER NOT NULL REFERENCES channel (id),"
  "  start_day INTEGER NOT NULL,"
  "  end_day INTEGER NOT NULL CHECK (end_day >= start_day),"
  "  incremental_conversions REAL NOT NULL,"
  "  ci_low REAL NOT NULL,"
  "  ci_high REAL NOT NULL CHECK (ci_low <= ci_high),"
  "  incremental_value REAL,"
  "  method TEXT NOT NULL DEFAULT '',"
  "  import_id INTEGER REFERENCES import_log (id));",
  /* 4 -> 5 */
  /* channel groups become free text (GA4's default channel groups and the
   * user's own): SQLite changes a CHECK only by rebuilding the table */
  "CREATE TABLE channel_v5 ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  channel_group TEXT NOT NULL DEFAULT 'other' CHECK (length(channel_group) > 0));"
  "INSERT INTO channel_v5 (id, name, channel_group) SELECT id, name, channel_group FROM channel;"
  "DROP TABLE channel;"
  "ALTER TABLE channel_v5 RENAME TO channel;"
  /* ordered; '' matches anything; the first rule that matches names the
   * channel of a source / medium / campaign */
  "CREATE TABLE channel_rule ("
  "  id INTEGER PRIMARY KEY,"
  "  position INTEGER NOT NULL UNIQUE,"
  "  source TEXT NOT NULL DEFAULT '',"
  "  medium TEXT NOT NULL DEFAULT '',"
  "  campaign TEXT NOT NULL DEFAULT '',"
  "  syntax TEXT NOT NULL DEFAULT 'glob' CHECK (syntax IN ('glob', 'regex')),"
  "  channel TEXT NOT NULL CHECK (length(channel) > 0),"
  "  channel_group TEXT NOT NULL CHECK (length(channel_group) > 0));"
  /* what a file said a touch, cost or daily row came from, kept so that a
   * changed rule re-labels the rows without importing them again */
  "CREATE TABLE traffic_source ("
  "  id INTEGER PRIMARY KEY,"
  "  source TEXT NOT NULL,"
  "  medium TEXT NOT NULL,"
  "  campaign TEXT NOT NULL DEFAULT '',"
  "  UNIQUE (source, medium, campaign));"
  "ALTER TABLE touchpoint ADD COLUMN source_id INTEGER REFERENCES traffic_source (id);"
  "ALTER TABLE cost ADD COLUMN source_id INTEGER REFERENCES traffic_source (id);"
  "ALTER TABLE campaign_daily ADD COLUMN source_id INTEGER REFERENCES traffic_source (id);"
  /* the currency a file's money was in, when the file said */
  "ALTER TABLE import_log ADD COLUMN currency TEXT;"
  /* a path of "source / medium" steps as exported, when the path was one */
  "ALTER TABLE path_row ADD COLUMN source_path TEXT;"
  /* costs of no one channel (an agency fee, tools), allocated to channels
   * by the rule the analysis settings name */
  "CREATE TABLE shared_cost ("
  "  id INTEGER PRIMARY KEY,"
  "  day INTEGER NOT NULL,"
  "  category TEXT NOT NULL CHECK (category IN"
  "   ('media', 'content', 'staff', 'tools', 'training', 'compliance', 'other')),"
  "  amount REAL NOT NULL,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  import_id INTEGER REFERENCES import_log (id));"
  "CREATE INDEX shared_cost_day ON shared_cost (day);"
  /* daily totals, for businesses without visitor-level tracking */
  "CREATE TABLE outcome ("
  "  id INTEGER PRIMARY KEY,"
  "  day INTEGER NOT NULL,"
  "  region TEXT NOT NULL DEFAULT '',"
  "  conversions REAL NOT NULL,"
  "  value REAL NOT NULL DEFAULT 0,"
  "  import_id INTEGER REFERENCES import_log (id));"
  "CREATE INDEX outcome_day ON outcome (day);"
  /* GA4's default channel group (support.google.com/analytics/answer/9756891),
   * its "A or B" conditions as two rules; the site lists are the main
   * sites of Google's longer lists */
  "INSERT INTO channel_rule (position, source, medium, campaign, syntax, channel, channel_group)"
  " SELECT column1, column2, column3, column4, 'regex', column5, column6 FROM (VALUES"
  "  (1, '^\\(direct\\)$', '^(\\(none\\)|\\(not set\\))$', '', 'Direct', 'direct'),"
  "  (2, '', '', 'cross-network', 'Cross-network', 'cross_network'),"
  "  (3, "
  "'(^|\\.)(amazon|ebay|etsy|shopify|shopping\\.google|walmart|aliexpress|cdiscount|fnac|rakuten|"
  "zalando)(\\.|$)', '^(.*cp.*|ppc|retargeting|paid.*)$', '', 'Paid Shopping', 'paid_shopping'),"
  "  (4, '', '^(.*cp.*|ppc|retargeting|paid.*)$', '^(.*(([^a-df-z]|^)shop|shopping).*)$', 'Paid "
  "Shopping', 'paid_shopping'),"
  "  (5, "
  "'(^|\\.)(google|bing|yahoo|baidu|duckduckgo|ecosia|qwant|yandex|naver|startpage|seznam|sogou|"
  "ask|aol|lilo)(\\.|$)', '^(.*cp.*|ppc|retargeting|paid.*)$', '', 'Paid Search', 'paid_search'),"
  "  (6, "
  "'(^|\\.)(facebook|fb|m\\.facebook|instagram|ig|linkedin|lnkd|twitter|t\\.co|x|tiktok|pinterest|"
  "reddit|snapchat|threads|mastodon|whatsapp|messenger|quora|tumblr|vk|weibo|wechat|xing|viadeo)("
  "\\.|$)', '^(.*cp.*|ppc|retargeting|paid.*)$', '', 'Paid Social', 'paid_social'),"
  "  (7, '(^|\\.)(youtube|youtu\\.be|vimeo|dailymotion|twitch|wistia)(\\.|$)', "
  "'^(.*cp.*|ppc|retargeting|paid.*)$', '', 'Paid Video', 'paid_video'),"
  "  (8, '', '^(display|banner|expandable|interstitial|cpm)$', '', 'Display', 'display'),"
  "  (9, '', '^(.*cp.*|ppc|retargeting|paid.*)$', '', 'Paid Other', 'paid_other'),"
  "  (10, "
  "'(^|\\.)(amazon|ebay|etsy|shopify|shopping\\.google|walmart|aliexpress|cdiscount|fnac|rakuten|"
  "zalando)(\\.|$)', '', '', 'Organic Shopping', 'organic_shopping'),"
  "  (11, '', '', '^(.*(([^a-df-z]|^)shop|shopping).*)$', 'Organic Shopping', 'organic_shopping'),"
  "  (12, "
  "'(^|\\.)(facebook|fb|m\\.facebook|instagram|ig|linkedin|lnkd|twitter|t\\.co|x|tiktok|pinterest|"
  "reddit|snapchat|threads|mastodon|whatsapp|messenger|quora|tumblr|vk|weibo|wechat|xing|viadeo)("
  "\\.|$)', '', '', 'Organic Social', 'organic_social'),"
  "  (13, '', '^(social|social-network|social-media|sm|social network|social media)$', '', "
  "'Organic Social', 'organic_social'),"
  "  (14, '(^|\\.)(youtube|youtu\\.be|vimeo|dailymotion|twitch|wistia)(\\.|$)', '', '', 'Organic "
  "Video', 'organic_video'),"
  "  (15, '', 'video', '', 'Organic Video', 'organic_video'),"
  "  (16, "
  "'(^|\\.)(google|bing|yahoo|baidu|duckduckgo|ecosia|qwant|yandex|naver|startpage|seznam|sogou|"
  "ask|aol|lilo)(\\.|$)', '', '', 'Organic Search', 'organic_search'),"
  "  (17, '', '^organic$', '', 'Organic Search', 'organic_search'),"
  "  (18, '', '^(referral|app|link)$', '', 'Referral', 'referral'),"
  "  (19, '^(email|e-mail|e_mail|e mail)$', '', '', 'Email', 'email'),"
  "  (20, '', '^(email|e-mail|e_mail|e mail)$', '', 'Email', 'email'),"
  "  (21, '', '^affiliate$', '', 'Affiliates', 'affiliate'),"
  "  (22, '', '^audio$', '', 'Audio', 'audio'),"
  "  (23, '^sms$', '', '', 'SMS', 'sms'),"
  "  (24, '', '^sms$', '', 'SMS', 'sms'),"
  "  (25, '', '(push$|mobile|notification)', '', 'Mobile Push Notifications', 'mobile_push'),"
  "  (26, '^firebase$', '', '', 'Mobile Push Notifications', 'mobile_push'));",
  /* 5 -> 6 */
  /* days, as elsewhere; NULL when the file did not say */
  "ALTER TABLE import_log ADD COLUMN period_start INTEGER;"
  "ALTER TABLE import_log ADD COLUMN period_end INTEGER;"
  /* 0: the export had no null column, and the 0 stored in nulls stands for
   * "unknown", which null-dependent models must say */
  "ALTER TABLE path_row ADD COLUMN nulls_known INTEGER NOT NULL DEFAULT 1"
  " CHECK (nulls_known IN (0, 1));",
  /* 6 -> 7 */
  /* how the project's reviews look, one row at most; the logo is the file's
   * bytes (PNG or SVG), so that the project travels without it; the
   * currency is the one the project's money is in when no import said */
  "CREATE TABLE branding ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  title TEXT,"
  "  client TEXT,"
  "  author TEXT,"
  "  logo BLOB,"
  "  accent INTEGER CHECK (accent IS NULL OR accent BETWEEN 0 AND 16777215),"
  "  currency TEXT CHECK (currency IS NULL OR length(currency) = 3));",
  /* 7 -> 8 */
  /* days as elsewhere, the end day included (a one-day event ends the day
   * it starts); the label is how the user names it on the command line */
  "CREATE TABLE event ("
  "  id INTEGER PRIMARY KEY,"
  "  start_day INTEGER NOT NULL,"
  "  end_day INTEGER NOT NULL CHECK (end_day >= start_day),"
  "  label TEXT NOT NULL UNIQUE CHECK (length(label) > 0),"
  "  kind TEXT NOT NULL DEFAULT 'other' CHECK (kind IN"
  "   ('incident', 'launch', 'press', 'promotion', 'other')));"
  "CREATE INDEX event_start_day ON event (start_day);",
  /* 8 -> 9 */
  /* the curve the outcome table's days were generated from (analysis/
   * rdm-mmm.h), and the conversions and value its spend brought from
   * first_day to last_day inclusive: exact, since the generator knows
   * what removing the channel takes away */
  "CREATE TABLE media_truth ("
  "  channel_id INTEGER PRIMARY KEY REFERENCES channel (id),"
  "  import_id INTEGER NOT NULL REFERENCES import_log (id),"
  "  first_day INTEGER NOT NULL,"
  "  last_day INTEGER NOT NULL CHECK (last_day >= first_day),"
  "  adstock REAL NOT NULL CHECK (adstock >= 0 AND adstock < 1),"
  "  half_saturation REAL NOT NULL CHECK (half_saturation > 0),"
  "  shape REAL NOT NULL CHECK (shape > 0),"
  "  coefficient REAL NOT NULL CHECK (coefficient >= 0),"
  "  contribution REAL NOT NULL,"
  "  contribution_value REAL NOT NULL);",
  /* 9 -> 10 */
  /* one letter per touch of the path, c (click or visit) or v (view);
   * NULL: every touch a click of unknown kind (ChannelAttribution's
   * tables). day: the conversions' day; NULL for non-converting rows and
   * for tables without dates */
  "ALTER TABLE path_row ADD COLUMN touch_kinds TEXT"
  " CHECK (touch_kinds IS NULL OR (length(touch_kinds) > 0 AND touch_kinds NOT GLOB '*[^cv]*'));"
  "ALTER TABLE path_row ADD COLUMN day INTEGER;"
  /* the connection has no password (libpq's service file, its password
   * file or the person typing it supplies one); the mapping is a JSON
   * object, canonical column -> warehouse column; times are epoch
   * seconds, NULL when unbounded; events a JSON array, NULL for all */
  "CREATE TABLE warehouse_source ("
  "  import_id INTEGER PRIMARY KEY REFERENCES import_log (id),"
  "  connection TEXT NOT NULL,"
  "  events_table TEXT NOT NULL,"
  "  events_mapping TEXT NOT NULL,"
  "  costs_table TEXT,"
  "  costs_mapping TEXT,"
  "  click_window_days REAL NOT NULL CHECK (click_window_days >= 0),"
  "  view_window_days REAL NOT NULL CHECK (view_window_days >= 0),"
  "  restart INTEGER NOT NULL CHECK (restart IN (0, 1)),"
  "  from_time INTEGER,"
  "  to_time INTEGER,"
  "  events TEXT);",
  /* 10 -> 11 */
  /* the share of the channel's spend an experiment's control kept: 0 for
   * a holdout, which measured all the spend brought; 0.7 for a test that
   * cut it by 30 %, which measured what the rest brought */
  "ALTER TABLE experiment ADD COLUMN spend_kept REAL NOT NULL DEFAULT 0"
  " CHECK (spend_kept >= 0 AND spend_kept < 1);",
};

const guint rdm_schema_n_migrations = G_N_ELEMENTS (rdm_schema_migrations);
