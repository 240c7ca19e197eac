/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo project: two quarters of a made-up French online shop, generated
 * from a seed.
 *
 * The data exists to make every screen say something, so the generative
 * model is built around the questions the product answers, not around
 * realism for its own sake:
 *
 * - The journeys come from a simulated world with a known causal model
 *   (analysis/rdm-world.h; README, "Credit is not incrementality"): each
 *   visitor has occasions to buy, channels reach them before each occasion
 *   (social networks, YouTube and the blog days before, at random; search,
 *   email, direct and retargeting display hours before, and more often the
 *   people already inclined to buy), and every touch raises the odds of
 *   buying by its channel's true effect. So first touch and last touch
 *   disagree, which is the point of comparing models, and the project
 *   carries the truth: for each conversion, the channels without which it
 *   would not have happened. Display reaches many people and causes little;
 *   last touch credits it with several times what it caused.
 * - A visitor's inclination to buy is the product of their attributes'
 *   odds (engagement level, age band, device) and a hidden intent no
 *   attribute shows, so segment comparisons find differences that are
 *   there, and the channels that target intent look better than they are.
 *   The blog persuades readers aged 25-49 more than others, so that "which
 *   blog readers buy?" has an answer, and a causal one.
 * - Display, YouTube and the social networks' ads are mostly seen, not
 *   clicked, within the day (display) or the days (video, social) before an
 *   occasion; seen ads count towards the odds at a share of a click's
 *   effect, so view-through credit is partly causal, and a conversion whose
 *   last touch is an ad seen carries no tracked visit, as in ad-server logs.
 * - Visitors no channel reached may still buy, so the "No touch" row
 *   appears; some buy again, so paths restart; a conversion is a lead
 *   (value 0 or small) as often as the channel that closed it brings leads,
 *   so the event filter matters; a journey opened on LinkedIn is a business
 *   buying several times the usual basket.
 * - Touches carry the campaign of their channel that runs that day (an ad
 *   campaign for an ad seen), chosen by the campaigns' share of traffic.
 * - Media spend is set per campaign and day, and non-media costs (content,
 *   staff, tools, training, compliance, affiliate commissions) are added
 *   where a real team would pay them, so that channels differ in ROI and
 *   the verdict depends on the model.
 *
 * Platform figures (campaign_daily) are derived from the tracked touches of
 * the same campaign and day, scaled by channel click-through and engagement
 * rates, so they agree in magnitude with the journeys.
 *
 * The top-down view (media mix, budget, mirror, impact) needs longer and
 * different data, so the demo also holds two years of daily totals, of
 * which the journeys are the last six months (tracking began in April
 * 2026):
 *
 * - The paid channels' media spend runs in flights and pauses drawn by the
 *   media-world generator (analysis/rdm-media-world.h) before April 2026,
 *   and is the campaigns' own spend from then on, so that the cost rows the
 *   ROI reads and the spend the media mix reads are the same rows.
 * - The daily outcomes (table outcome: all the shop's orders, tracked or
 *   not, about four times the tracked visitors' conversions) come from that
 *   spend through each channel's known adstock and Hill curve, plus a
 *   growing baseline with a weekly pattern, AR(1) noise and the days of an
 *   e-reputation incident, a known drop; the curves and each channel's
 *   contribution are stored (table media_truth), the truth of the media
 *   mix. Display's curve, as its causal effect on the journeys, brings
 *   little for what it costs.
 * - Before April 2026 the platform figures follow the spend at the rates
 *   the tracked months show (an organic part per day, a paid part per euro),
 *   and a quarterly brand-awareness survey, fielded over four weeks each
 *   quarter, follows the social networks' weekly engagement three weeks
 *   later, the lag the mirror should find.
 *
 * Everything is drawn from xoshiro256** streams seeded through splitmix64
 * (one for the shop's rows, one per visitor for the world, one for the
 * media world's flights and noise and one for the survey and the
 * platform figures before April 2026), in a fixed
 * order, so a seed gives the same rows on every run; rand() is avoided
 * because its sequence differs between C libraries.
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "rdm-demo.h"
#include "rdm-events.h"
#include "rdm-media-truth.h"
#include "rdm-media-world.h"
#include "rdm-project-db.h"
#include "rdm-random.h"
#include "rdm-segments.h"
#include "rdm-suggested-kpis.h"
#include "rdm-world-data.h"

/* The quark name is a bare dashed token, which clang-format would split. */
/* clang-format off */
G_DEFINE_QUARK (rdm-demo-error-quark, rdm_demo_error)
/* clang-format on */

#define DAY_SECONDS 86400
#define N_VISITORS 40000
#define N_MONTHS 6
/* Days of the two years before the journeys' first day. */
#define MEDIA_OFFSET ((int)((RDM_DEMO_FIRST_DAY - RDM_DEMO_MEDIA_FIRST_DAY) / DAY_SECONDS))

/* Day offsets of the first day of each month, April to October. */
static const int month_first_day[N_MONTHS + 1] = { 0, 30, 61, 91, 122, 153, 183 };

/* ---- random numbers ---------------------------------------------------- */

static double
rng_between (RdmRng *rng, double low, double high)
{
  return low + (high - low) * rdm_rng_uniform (rng);
}

/* Uniform integer in [0, n). */
static guint
rng_below (RdmRng *rng, guint n)
{
  return (guint)(rdm_rng_uniform (rng) * n);
}

static gboolean
rng_chance (RdmRng *rng, double probability)
{
  return rdm_rng_uniform (rng) < probability;
}

/* An index drawn with probability proportional to @weights; -1 if they are
 * all zero. */
static int
rng_pick (RdmRng *rng, const double *weights, guint n)
{
  double total = 0.0;
  double target;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  if (total <= 0.0)
    return -1;
  target = rdm_rng_uniform (rng) * total;
  for (guint i = 0; i < n; i++)
    {
      if (target < weights[i])
        return (int)i;
      target -= weights[i];
    }
  /* rounding left target just above the last positive weight */
  for (guint i = n; i-- > 0;)
    if (weights[i] > 0.0)
      return (int)i;
  return -1;
}

/* ---- channels and campaigns ------------------------------------------- */

enum
{
  CH_FACEBOOK,
  CH_INSTAGRAM,
  CH_LINKEDIN,
  CH_YOUTUBE,
  CH_X,
  CH_BLOG,
  CH_PAID_SEARCH,
  CH_ORGANIC_SEARCH,
  CH_EMAIL,
  CH_DISPLAY,
  CH_AFFILIATES,
  CH_DIRECT,
  N_CHANNELS
};

typedef struct
{
  const char *name;
  RdmChannelGroup group;
  double lead;   /* share of the conversions it closes that are leads, not purchases */
  double ctr;    /* platform clicks per impression */
  double like;   /* platform likes per impression; 0 off social networks */
  int followers; /* audience on 2026-04-01; 0 when the channel has none */
  double growth; /* new followers per day */
} DemoChannel;

/* The blog is grouped with social: the social team writes it and its posts
 * are what the networks share. (An imported copy of these data would put
 * it in "other", as nothing in the name "Blog" says whose it is; the user
 * says so with "rendement-cli channel group" or the Channels window.) */
static const DemoChannel channels[N_CHANNELS] = {
  { "Facebook", RDM_CHANNEL_GROUP_SOCIAL, 0.15, 0.012, 0.012, 18400, 9 },
  { "Instagram", RDM_CHANNEL_GROUP_SOCIAL, 0.12, 0.009, 0.030, 25100, 22 },
  { "LinkedIn", RDM_CHANNEL_GROUP_SOCIAL, 0.55, 0.006, 0.008, 6300, 11 },
  { "YouTube", RDM_CHANNEL_GROUP_VIDEO, 0.10, 0.005, 0.010, 3150, 4 },
  { "X", RDM_CHANNEL_GROUP_SOCIAL, 0.10, 0.007, 0.006, 9200, 3 },
  { "Blog", RDM_CHANNEL_GROUP_SOCIAL, 0.45, 0.150, 0.002, 2100, 5 },
  { "Paid Search", RDM_CHANNEL_GROUP_PAID_SEARCH, 0.10, 0.045, 0, 0, 0 },
  { "Organic Search", RDM_CHANNEL_GROUP_ORGANIC_SEARCH, 0.20, 0, 0, 0, 0 },
  { "Email", RDM_CHANNEL_GROUP_EMAIL, 0.05, 0.030, 0, 0, 0 },
  { "Display", RDM_CHANNEL_GROUP_DISPLAY, 0.05, 0.0015, 0, 0, 0 },
  { "Affiliates", RDM_CHANNEL_GROUP_AFFILIATE, 0.03, 0.010, 0, 0, 0 },
  { "Direct", RDM_CHANNEL_GROUP_DIRECT, 0.12, 0, 0, 0, 0 },
};

typedef struct
{
  int channel;
  const char *name;
  int first_day; /* offsets from 2026-04-01, inclusive */
  int last_day;
  gboolean click; /* sessions arrive by a tracked click, not a plain visit */
  gboolean ads;   /* serves impressions (display, video and social ads) */
  double traffic; /* share of the channel's sessions while it runs */
  double budget;  /* media spend per day, euros */
} DemoCampaign;

enum
{
  CP_FACEBOOK_ORGANIC,
  CP_FACEBOOK_SPRING,
  CP_FACEBOOK_SUMMER,
  CP_FACEBOOK_SCHOOL,
  CP_INSTAGRAM_ORGANIC,
  CP_INSTAGRAM_SPRING,
  CP_INSTAGRAM_INFLUENCER,
  CP_INSTAGRAM_SCHOOL,
  CP_LINKEDIN_ORGANIC,
  CP_LINKEDIN_LEADS,
  CP_LINKEDIN_AWARENESS,
  CP_YOUTUBE_ORGANIC,
  CP_YOUTUBE_AWARENESS,
  CP_YOUTUBE_TUTORIALS,
  CP_X_ORGANIC,
  CP_X_LAUNCH,
  CP_BLOG_ORGANIC,
  CP_SEARCH_BRAND,
  CP_SEARCH_GENERIC,
  CP_SEARCH_SPRING,
  CP_SEARCH_SCHOOL,
  CP_EMAIL_NEWSLETTER,
  CP_EMAIL_SPRING,
  CP_EMAIL_CART,
  CP_EMAIL_SCHOOL,
  CP_DISPLAY_RETARGETING,
  CP_DISPLAY_AWARENESS,
  CP_DISPLAY_SCHOOL,
  CP_AFFILIATES_CASHBACK,
  CP_AFFILIATES_REVIEWS,
  N_CAMPAIGNS
};

/* Days: Apr 1 = 0, May 15 = 44, Jun 1 = 61, Jun 15 = 75, Jul 1 = 91,
 * Jul 14 = 104, Jul 31 = 121, Aug 15 = 136, Sep 15 = 167, Sep 30 = 182. */
static const DemoCampaign campaigns[N_CAMPAIGNS] = {
  { CH_FACEBOOK, "(organic)", 0, 182, FALSE, FALSE, 1.0, 0 },
  { CH_FACEBOOK, "Spring sale", 0, 44, TRUE, TRUE, 1.6, 120 },
  { CH_FACEBOOK, "Summer collection", 61, 121, TRUE, TRUE, 1.2, 95 },
  { CH_FACEBOOK, "Back to school", 136, 182, TRUE, TRUE, 1.4, 110 },
  { CH_INSTAGRAM, "(organic)", 0, 182, FALSE, FALSE, 1.0, 0 },
  { CH_INSTAGRAM, "Spring sale", 0, 44, TRUE, TRUE, 1.3, 90 },
  { CH_INSTAGRAM, "Influencer summer", 75, 136, TRUE, TRUE, 1.5, 85 },
  { CH_INSTAGRAM, "Back to school", 136, 182, TRUE, TRUE, 1.3, 90 },
  { CH_LINKEDIN, "(organic)", 0, 182, FALSE, FALSE, 1.0, 0 },
  { CH_LINKEDIN, "B2B lead generation", 14, 167, TRUE, TRUE, 2.0, 130 },
  { CH_LINKEDIN, "Brand awareness Q3", 91, 182, TRUE, TRUE, 1.0, 65 },
  { CH_YOUTUBE, "(organic)", 0, 182, FALSE, FALSE, 1.0, 0 },
  { CH_YOUTUBE, "Brand awareness Q2", 0, 90, TRUE, TRUE, 1.5, 120 },
  { CH_YOUTUBE, "Product tutorials", 30, 182, TRUE, TRUE, 1.0, 50 },
  { CH_X, "(organic)", 0, 182, FALSE, FALSE, 1.0, 0 },
  { CH_X, "Summer launch", 61, 104, TRUE, TRUE, 1.0, 45 },
  { CH_BLOG, "(organic)", 0, 182, FALSE, FALSE, 1.0, 0 },
  { CH_PAID_SEARCH, "Brand keywords", 0, 182, TRUE, FALSE, 1.0, 30 },
  { CH_PAID_SEARCH, "Generic keywords", 0, 182, TRUE, FALSE, 1.6, 60 },
  { CH_PAID_SEARCH, "Spring sale", 0, 44, TRUE, FALSE, 0.8, 35 },
  { CH_PAID_SEARCH, "Back to school", 136, 182, TRUE, FALSE, 0.9, 40 },
  { CH_EMAIL, "Newsletter", 0, 182, TRUE, FALSE, 1.5, 0 },
  { CH_EMAIL, "Spring sale", 0, 44, TRUE, FALSE, 1.2, 0 },
  { CH_EMAIL, "Cart reminder", 0, 182, TRUE, FALSE, 1.0, 0 },
  { CH_EMAIL, "Back to school", 136, 182, TRUE, FALSE, 1.2, 0 },
  { CH_DISPLAY, "Retargeting", 0, 182, TRUE, TRUE, 1.5, 160 },
  { CH_DISPLAY, "Brand awareness Q2", 0, 90, TRUE, TRUE, 1.0, 190 },
  { CH_DISPLAY, "Back to school", 136, 182, TRUE, TRUE, 1.0, 150 },
  { CH_AFFILIATES, "Cashback partners", 0, 182, TRUE, FALSE, 1.5, 0 },
  { CH_AFFILIATES, "Review sites", 30, 182, TRUE, FALSE, 1.0, 0 },
};

/* ---- visitors ---------------------------------------------------------- */

static const char *const genders[] = { "female", "male", "undisclosed" };
static const double gender_weights[] = { 52, 46, 2 };

static const char *const age_bands[] = { "18-24", "25-34", "35-49", "50-64", "65+" };
static const double age_weights[] = { 16, 28, 30, 18, 8 };
static const double age_odds[] = { 0.6, 1.2, 1.3, 0.9, 0.6 };

/* The engagement pyramid: most people watch, few create or advocate. */
static const char *const engagements[]
    = { "spectator", "sharer", "commenter", "producer", "evangelist" };
static const double engagement_weights[] = { 62, 20, 10, 6, 2 };
static const double engagement_odds[] = { 1.0, 1.4, 1.8, 2.3, 3.0 };

static const char *const devices[] = { "desktop", "mobile", "tablet" };
static const double device_weights[] = { 42, 50, 8 };
static const double device_odds[] = { 1.2, 0.85, 1.0 };

/* Metropolitan regions weighted by population (millions, INSEE 2021). */
static const char *const regions[] = {
  "Île-de-France",
  "Auvergne-Rhône-Alpes",
  "Hauts-de-France",
  "Nouvelle-Aquitaine",
  "Occitanie",
  "Grand Est",
  "Provence-Alpes-Côte d’Azur",
  "Pays de la Loire",
  "Bretagne",
  "Normandie",
  "Bourgogne-Franche-Comté",
  "Centre-Val de Loire",
  "Corse",
};
static const double region_weights[]
    = { 12.3, 8.1, 6.0, 6.0, 6.0, 5.6, 5.1, 3.9, 3.4, 3.3, 2.8, 2.6, 0.3 };

static const char *const interests[]
    = { "fashion", "sport", "technology", "home", "travel", "cooking" };
static const double interest_weights[] = { 24, 18, 20, 16, 12, 10 };

/* Affiliates are paid this share of the purchases they close. */
#define AFFILIATE_COMMISSION 0.09
/* Spread of the intent no attribute shows (log-normal, mean 1): what
 * search, email and retargeting find and the models cannot see. */
#define HIDDEN_INTENT_SPREAD 0.8
/* The blog persuades readers aged 25-49 this many times more than others,
 * so that "which blog readers buy?" has an answer that is causal. */
#define BLOG_MID_AGE_EFFECT 2.0

typedef enum
{
  EVENT_TOUCH,
  EVENT_CONVERSION,
} EventType;

typedef struct
{
  gint64 time;
  guint32 seq; /* generation order, breaks ties so sorting is deterministic */
  guint8 type;
  guint8 channel;
  gint8 campaign; /* -1: none */
  guint8 interaction;
  guint8 page_views;
  gboolean purchase;
  double value;
  guint64 caused_by; /* bit c: the conversion disappears without channel c */
} DemoEvent;

enum
{
  INTERACTION_IMPRESSION = 0,
  INTERACTION_CLICK = 1,
  INTERACTION_VISIT = 2,
};

/* The platform figures of a campaign_daily row. */
enum
{
  FIGURE_IMPRESSIONS,
  FIGURE_CLICKS,
  FIGURE_LIKES,
  FIGURE_SHARES,
  FIGURE_COMMENTS,
  N_FIGURES
};

typedef struct
{
  RdmProject *project;
  GCancellable *cancellable;
  RdmRng rng;
  gint64 import_id;
  gint64 channel_ids[N_CHANNELS];
  gint64 campaign_ids[N_CAMPAIGNS];
  sqlite3_stmt *insert_visitor;
  sqlite3_stmt *insert_attribute;
  sqlite3_stmt *insert_touch;
  sqlite3_stmt *insert_conversion;
  sqlite3_stmt *insert_cost;
  sqlite3_stmt *insert_daily;
  sqlite3_stmt *insert_series;
  /* tracked touches per campaign and day, for campaign_daily */
  guint32 tracked_impressions[N_CAMPAIGNS][RDM_DEMO_N_DAYS];
  guint32 tracked_clicks[N_CAMPAIGNS][RDM_DEMO_N_DAYS];
  sqlite3_stmt *insert_truth;
  double commission[N_MONTHS];
  /* the tracked months' media spend per channel and day, and their
   * platform figures per channel (organic rows, and paid rows per euro) */
  double media_spend[N_CHANNELS][RDM_DEMO_N_DAYS];
  double organic_figures[N_CHANNELS][N_FIGURES];
  double paid_figures[N_CHANNELS][N_FIGURES];
  /* the social networks' engagements per day of the two years */
  double social_engagements[RDM_DEMO_MEDIA_N_DAYS];
  /* the top-down data's own stream, so that the journeys and costs of a
   * seed stay those of earlier versions */
  RdmRng media_rng;
  /* the causal model of the journeys, and each channel's index in it */
  RdmWorldSettings *world;
  int world_channel[N_CHANNELS];
  double mean_attribute_odds;
  GArray *world_touches;     /* RdmWorldTouch, one visitor's */
  GArray *world_conversions; /* RdmWorldConversion, one visitor's */
  GArray *events;            /* DemoEvent, one visitor's */
  gint64 rows;
} Demo;

static gint64
day_start (int day)
{
  return RDM_DEMO_FIRST_DAY + (gint64)day * DAY_SECONDS;
}

static int
day_of (gint64 time)
{
  return (int)((time - RDM_DEMO_FIRST_DAY) / DAY_SECONDS);
}

static int
month_of (int day)
{
  int month = 0;

  while (day >= month_first_day[month + 1])
    month++;
  return month;
}

static gboolean
is_weekend (int day)
{
  /* 2026-04-01 is a Wednesday: day 3 is Saturday */
  int weekday = (day + 2) % 7; /* 0 = Monday */

  return weekday >= 5;
}

static gboolean
campaign_runs (int campaign, int day)
{
  return day >= campaigns[campaign].first_day && day <= campaigns[campaign].last_day;
}

/* A campaign of @channel running on @day, drawn by traffic share; with
 * @ads_only, only those that serve impressions. -1 when there is none, which
 * for Organic Search and Direct is the normal case (no campaign). */
static int
pick_campaign (Demo *demo, int channel, int day, gboolean ads_only)
{
  double weights[N_CAMPAIGNS];

  for (int c = 0; c < N_CAMPAIGNS; c++)
    weights[c] = campaigns[c].channel == channel && campaign_runs (c, day)
                         && (!ads_only || campaigns[c].ads)
                     ? campaigns[c].traffic
                     : 0.0;
  return rng_pick (&demo->rng, weights, N_CAMPAIGNS);
}

static double
round_cents (double value)
{
  return round (value * 100.0) / 100.0;
}

/* Basket value: log-normal, with a median of 68 euros for consumers and
 * 320 euros for businesses. */
static double
purchase_value (Demo *demo, gboolean business)
{
  double median = business ? 320.0 : 68.0;
  double sigma = business ? 0.5 : 0.55;

  return round_cents (median * exp (sigma * rdm_rng_normal (&demo->rng)));
}

/* One visitor's journeys: the causal model's touches and purchases (see
 * rdm-world.h), dressed as the shop's data. Touches get the campaign of
 * their channel that runs that day (ad campaigns for the ads seen) and
 * pages viewed; a conversion is a lead as often as its last touch's
 * channel brings leads, a business purchase when the journey opened on
 * LinkedIn, and the channels it needed go with it as its truth. */
static void
draw_journeys (Demo *demo, guint index, int age, int engagement, int device)
{
  RdmRng *rng = &demo->rng;
  double effect_factor[RDM_WORLD_MAX_CHANNELS];
  RdmWorldPerson person = { .effect_factor = effect_factor };
  int demo_channel[RDM_WORLD_MAX_CHANNELS];
  guint t = 0;
  int first = -1;
  int last = -1;

  for (int c = 0; c < N_CHANNELS; c++)
    {
      effect_factor[demo->world_channel[c]] = 1.0;
      demo_channel[demo->world_channel[c]] = c;
    }
  if (age == 1 || age == 2)
    effect_factor[demo->world_channel[CH_BLOG]] = BLOG_MID_AGE_EFFECT;
  person.propensity = engagement_odds[engagement] * age_odds[age] * device_odds[device]
                      / demo->mean_attribute_odds
                      * exp (HIDDEN_INTENT_SPREAD * rdm_rng_normal (rng)
                             - HIDDEN_INTENT_SPREAD * HIDDEN_INTENT_SPREAD / 2.0);
  rdm_world_draw_person (demo->world, index, &person, demo->world_touches, demo->world_conversions);

  g_array_set_size (demo->events, 0);
  for (guint i = 0; i < demo->world_touches->len; i++)
    {
      const RdmWorldTouch *touch = &g_array_index (demo->world_touches, RdmWorldTouch, i);
      int channel = demo_channel[touch->channel];
      gboolean seen = touch->interaction == RDM_INTERACTION_IMPRESSION;
      DemoEvent event = {
        .time = touch->time,
        .seq = demo->events->len,
        .type = EVENT_TOUCH,
        .channel = channel,
        .campaign = pick_campaign (demo, channel, day_of (touch->time), seen),
        .interaction = touch->interaction,
        .page_views = seen ? 0 : 1 + rng_below (rng, channel == CH_BLOG ? 6 : 4) + engagement,
      };

      g_array_append_val (demo->events, event);
    }
  for (guint k = 0; k < demo->world_conversions->len; k++)
    {
      const RdmWorldConversion *bought
          = &g_array_index (demo->world_conversions, RdmWorldConversion, k);
      DemoEvent conversion = { .time = bought->time, .type = EVENT_CONVERSION };
      gboolean business;
      gboolean lead;

      /* the journey since the previous conversion */
      for (first = -1; t < demo->world_touches->len
                       && g_array_index (demo->world_touches, RdmWorldTouch, t).time < bought->time;
           t++)
        {
          last = demo_channel[g_array_index (demo->world_touches, RdmWorldTouch, t).channel];
          if (first < 0)
            first = last;
        }
      business = first == CH_LINKEDIN;
      lead = rng_chance (rng, business ? 0.5 : last >= 0 ? channels[last].lead : 0.1);
      conversion.purchase = !lead;
      conversion.value = lead       ? (rng_chance (rng, 0.7) ? 0.0 : 12.0)
                         : business ? purchase_value (demo, TRUE)
                                    : bought->value;
      for (guint c = 0; c < demo->world->channels->len; c++)
        if ((bought->caused_by >> c) & 1)
          conversion.caused_by |= G_GUINT64_CONSTANT (1) << demo_channel[c];
      if (!lead && last == CH_AFFILIATES)
        demo->commission[month_of (day_of (bought->time))]
            += conversion.value * AFFILIATE_COMMISSION;
      conversion.seq = demo->events->len;
      g_array_append_val (demo->events, conversion);
    }
}

static int
compare_events (gconstpointer a, gconstpointer b)
{
  const DemoEvent *x = a;
  const DemoEvent *y = b;

  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static gboolean
step_insert (Demo *demo, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (demo->project, error, _ ("Writing the demo data"));
  demo->rows++;
  return TRUE;
}

static gboolean
insert_attribute (Demo *demo, gint64 visitor_id, const char *key, const char *value, GError **error)
{
  sqlite3_bind_int64 (demo->insert_attribute, 1, visitor_id);
  sqlite3_bind_text (demo->insert_attribute, 2, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (demo->insert_attribute, 3, value, -1, SQLITE_STATIC);
  return step_insert (demo, demo->insert_attribute, error);
}

static void
bind_campaign (Demo *demo, sqlite3_stmt *stmt, int index, int campaign)
{
  if (campaign >= 0)
    sqlite3_bind_int64 (stmt, index, demo->campaign_ids[campaign]);
  else
    sqlite3_bind_null (stmt, index);
}

/* The channels @event (just written) needed. */
static gboolean
write_truth (Demo *demo, const DemoEvent *event, GError **error)
{
  gint64 conversion_id = sqlite3_last_insert_rowid (rdm_project_get_db (demo->project));

  for (int c = 0; c < N_CHANNELS; c++)
    {
      if (!((event->caused_by >> c) & 1))
        continue;
      sqlite3_bind_int64 (demo->insert_truth, 1, conversion_id);
      sqlite3_bind_int64 (demo->insert_truth, 2, demo->channel_ids[c]);
      if (!step_insert (demo, demo->insert_truth, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_events (Demo *demo, gint64 visitor_id, GError **error)
{
  g_array_sort (demo->events, compare_events);
  for (guint i = 0; i < demo->events->len; i++)
    {
      const DemoEvent *event = &g_array_index (demo->events, DemoEvent, i);
      sqlite3_stmt *stmt;

      if (event->type == EVENT_TOUCH)
        {
          int day = day_of (event->time);

          if (event->campaign >= 0 && event->interaction == INTERACTION_IMPRESSION)
            demo->tracked_impressions[event->campaign][day]++;
          else if (event->campaign >= 0)
            demo->tracked_clicks[event->campaign][day]++;
          stmt = demo->insert_touch;
          sqlite3_bind_int64 (stmt, 1, visitor_id);
          sqlite3_bind_int64 (stmt, 2, event->time);
          sqlite3_bind_int64 (stmt, 3, demo->channel_ids[event->channel]);
          bind_campaign (demo, stmt, 4, event->campaign);
          sqlite3_bind_int (stmt, 5, event->interaction);
          sqlite3_bind_int (stmt, 6, event->page_views);
          sqlite3_bind_int64 (stmt, 7, demo->import_id);
        }
      else
        {
          stmt = demo->insert_conversion;
          sqlite3_bind_int64 (stmt, 1, visitor_id);
          sqlite3_bind_int64 (stmt, 2, event->time);
          sqlite3_bind_text (stmt, 3, event->purchase ? "purchase" : "lead", -1, SQLITE_STATIC);
          sqlite3_bind_double (stmt, 4, event->value);
          sqlite3_bind_int64 (stmt, 5, demo->import_id);
        }
      if (!step_insert (demo, stmt, error))
        return FALSE;
      if (event->type == EVENT_CONVERSION && !write_truth (demo, event, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_visitor (Demo *demo, guint index, GError **error)
{
  RdmRng *rng = &demo->rng;
  int gender = rng_pick (rng, gender_weights, G_N_ELEMENTS (gender_weights));
  int age = rng_pick (rng, age_weights, G_N_ELEMENTS (age_weights));
  int engagement = rng_pick (rng, engagement_weights, G_N_ELEMENTS (engagement_weights));
  int device = rng_pick (rng, device_weights, G_N_ELEMENTS (device_weights));
  int region = rng_pick (rng, region_weights, G_N_ELEMENTS (region_weights));
  int interest = rng_pick (rng, interest_weights, G_N_ELEMENTS (interest_weights));
  char external_id[32];
  gint64 visitor_id;

  g_snprintf (external_id, sizeof external_id, "demo-%05u", index + 1);
  sqlite3_bind_text (demo->insert_visitor, 1, external_id, -1, SQLITE_TRANSIENT);
  if (!step_insert (demo, demo->insert_visitor, error))
    return FALSE;
  visitor_id = sqlite3_last_insert_rowid (rdm_project_get_db (demo->project));

  if (!insert_attribute (demo, visitor_id, "gender", genders[gender], error)
      || !insert_attribute (demo, visitor_id, "age_band", age_bands[age], error)
      || !insert_attribute (demo, visitor_id, "engagement", engagements[engagement], error)
      || !insert_attribute (demo, visitor_id, "device", devices[device], error)
      || !insert_attribute (demo, visitor_id, "region", regions[region], error)
      || !insert_attribute (demo, visitor_id, "interests", interests[interest], error))
    return FALSE;

  draw_journeys (demo, index, age, engagement, device);
  return write_events (demo, visitor_id, error);
}

/* ---- project-level rows ------------------------------------------------ */

static gboolean
write_channels (Demo *demo, GError **error)
{
  sqlite3_stmt *stmt;
  sqlite3 *db = rdm_project_get_db (demo->project);

  for (int c = 0; c < N_CHANNELS; c++)
    {
      stmt = rdm_project_prepare (
          demo->project, "INSERT INTO channel (name, channel_group) VALUES (?1, ?2)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, channels[c].name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, rdm_channel_group_to_string (channels[c].group), -1,
                         SQLITE_STATIC);
      if (!step_insert (demo, stmt, error))
        return FALSE;
      demo->channel_ids[c] = sqlite3_last_insert_rowid (db);
    }
  for (int c = 0; c < N_CAMPAIGNS; c++)
    {
      stmt = rdm_project_prepare (demo->project,
                                  "INSERT INTO campaign (channel_id, name, start_day, end_day)"
                                  " VALUES (?1, ?2, ?3, ?4)",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, demo->channel_ids[campaigns[c].channel]);
      sqlite3_bind_text (stmt, 2, campaigns[c].name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, day_start (campaigns[c].first_day));
      sqlite3_bind_int64 (stmt, 4, day_start (campaigns[c].last_day));
      if (!step_insert (demo, stmt, error))
        return FALSE;
      demo->campaign_ids[c] = sqlite3_last_insert_rowid (db);
    }
  return TRUE;
}

static gboolean
insert_cost (Demo *demo,
             int day,
             int channel,
             int campaign,
             const char *category,
             double amount,
             GError **error)
{
  sqlite3_stmt *stmt = demo->insert_cost;

  sqlite3_bind_int64 (stmt, 1, day_start (day));
  sqlite3_bind_int64 (stmt, 2, demo->channel_ids[channel]);
  bind_campaign (demo, stmt, 3, campaign);
  sqlite3_bind_text (stmt, 4, category, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 5, round_cents (amount));
  sqlite3_bind_int64 (stmt, 6, demo->import_id);
  return step_insert (demo, stmt, error);
}

/* Monthly amounts paid whatever the traffic. */
static const struct
{
  int channel;
  const char *category;
  double amount;
} monthly_costs[] = {
  { CH_FACEBOOK, "staff", 1200 }, /* community manager, share of the time */
  { CH_INSTAGRAM, "staff", 1000 },     { CH_LINKEDIN, "staff", 900 }, { CH_X, "staff", 500 },
  { CH_EMAIL, "staff", 1500 },         /* CRM marketer, half time */
  { CH_BLOG, "staff", 800 },           /* editor */
  { CH_YOUTUBE, "content", 2500 },     /* one produced video a month */
  { CH_FACEBOOK, "tools", 120 },       /* social scheduling suite */
  { CH_EMAIL, "tools", 300 },          /* emailing platform */
  { CH_ORGANIC_SEARCH, "tools", 180 }, /* SEO suite */
  { CH_YOUTUBE, "tools", 60 },         /* video editing licence */
  { CH_DISPLAY, "tools", 250 },        /* ad-verification service */
};

/* Costs paid once. */
static const struct
{
  int day;
  int channel;
  const char *category;
  double amount;
} one_off_costs[] = {
  { 5, CH_DISPLAY, "compliance", 1500 },  /* consent-banner audit */
  { 9, CH_LINKEDIN, "training", 1800 },   /* LinkedIn Ads course */
  { 20, CH_EMAIL, "compliance", 2400 },   /* GDPR review of the mailing lists */
  { 47, CH_INSTAGRAM, "content", 1200 },  /* summer photo shoot */
  { 70, CH_INSTAGRAM, "training", 900 },  /* community management workshop */
  { 130, CH_INSTAGRAM, "content", 1200 }, /* back-to-school photo shoot */
};

static gboolean
write_costs (Demo *demo, GError **error)
{
  RdmRng *rng = &demo->rng;

  for (int c = 0; c < N_CAMPAIGNS; c++)
    {
      if (campaigns[c].budget <= 0.0)
        continue;
      for (int day = campaigns[c].first_day; day <= campaigns[c].last_day; day++)
        {
          double amount
              = campaigns[c].budget * (is_weekend (day) ? 0.8 : 1.0) * rng_between (rng, 0.9, 1.1);

          if (!insert_cost (demo, day, campaigns[c].channel, c, "media", amount, error))
            return FALSE;
          demo->media_spend[campaigns[c].channel][day] += round_cents (amount);
        }
    }
  /* blog articles: one a week, written on Mondays */
  for (int day = 0; day < RDM_DEMO_N_DAYS; day++)
    if ((day + 2) % 7 == 0
        && !insert_cost (demo, day, CH_BLOG, CP_BLOG_ORGANIC, "content",
                         rng_between (rng, 380, 520), error))
      return FALSE;
  for (int month = 0; month < N_MONTHS; month++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (monthly_costs); i++)
        if (!insert_cost (demo, month_first_day[month], monthly_costs[i].channel, -1,
                          monthly_costs[i].category, monthly_costs[i].amount, error))
          return FALSE;
      if (!insert_cost (demo, month_first_day[month], CH_AFFILIATES, -1, "other",
                        demo->commission[month], error))
        return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (one_off_costs); i++)
    if (!insert_cost (demo, one_off_costs[i].day, one_off_costs[i].channel, -1,
                      one_off_costs[i].category, one_off_costs[i].amount, error))
      return FALSE;
  return TRUE;
}

static gint64
noisy (Demo *demo, double expected)
{
  return (gint64)round (MAX (0.0, expected * rng_between (&demo->rng, 0.85, 1.15)));
}

static void
add_figures (double *figures,
             gint64 impressions,
             gint64 clicks,
             gint64 likes,
             gint64 shares,
             gint64 comments)
{
  figures[FIGURE_IMPRESSIONS] += impressions;
  figures[FIGURE_CLICKS] += clicks;
  figures[FIGURE_LIKES] += likes;
  figures[FIGURE_SHARES] += shares;
  figures[FIGURE_COMMENTS] += comments;
}

static gboolean
write_campaign_daily (Demo *demo, GError **error)
{
  double followers[N_CHANNELS];

  for (int c = 0; c < N_CHANNELS; c++)
    followers[c] = channels[c].followers;

  /* day-major, so the followers of a channel grow along its rows */
  for (int day = 0; day < RDM_DEMO_N_DAYS; day++)
    {
      for (int c = 0; c < N_CHANNELS; c++)
        followers[c] += channels[c].growth * rng_between (&demo->rng, 0.4, 1.6);
      for (int c = 0; c < N_CAMPAIGNS; c++)
        {
          const DemoChannel *channel = &channels[campaigns[c].channel];
          sqlite3_stmt *stmt = demo->insert_daily;
          gboolean organic = !campaigns[c].click;
          gint64 clicks, impressions, likes, shares, comments;

          if (!campaign_runs (c, day))
            continue;
          /* platforms count clicks that never became a tracked session */
          clicks = demo->tracked_clicks[c][day] + noisy (demo, demo->tracked_clicks[c][day] * 0.15);
          impressions = MAX (noisy (demo, clicks / channel->ctr),
                             (gint64)demo->tracked_impressions[c][day] * 3);
          likes = noisy (demo, impressions * channel->like * (organic ? 2.0 : 1.0));
          shares = noisy (demo, likes * 0.12);
          comments = noisy (demo, likes * 0.06);
          add_figures (campaigns[c].budget > 0.0 ? demo->paid_figures[campaigns[c].channel]
                                                 : demo->organic_figures[campaigns[c].channel],
                       impressions, clicks, likes, shares, comments);
          if (channel->group == RDM_CHANNEL_GROUP_SOCIAL)
            demo->social_engagements[MEDIA_OFFSET + day] += likes + shares + comments;

          sqlite3_bind_int64 (stmt, 1, day_start (day));
          sqlite3_bind_int64 (stmt, 2, demo->channel_ids[campaigns[c].channel]);
          sqlite3_bind_int64 (stmt, 3, demo->campaign_ids[c]);
          sqlite3_bind_int64 (stmt, 4, impressions);
          sqlite3_bind_int64 (stmt, 5, clicks);
          sqlite3_bind_int64 (stmt, 6, likes + shares + comments);
          sqlite3_bind_int64 (stmt, 7, likes);
          sqlite3_bind_int64 (stmt, 8, shares);
          sqlite3_bind_int64 (stmt, 9, comments);
          /* the audience belongs to the account, so it is reported once, on
           * the organic row; paid rows carry 0 and sums stay meaningful */
          sqlite3_bind_int64 (stmt, 10,
                              organic ? (gint64)round (followers[campaigns[c].channel]) : 0);
          sqlite3_bind_int64 (stmt, 11, demo->import_id);
          if (!step_insert (demo, stmt, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* The support team credits the calls its tutorials (on the blog, 30 % of
 * the deflection) and its newsletter (20 %) answered: savings that ROI
 * counts as returns of those channels. The rest comes from the help
 * centre, which is no marketing channel. */
static gboolean
write_savings (Demo *demo, int day, double amount, GError **error)
{
  static const struct
  {
    int channel;
    double share;
    const char *description;
  } savers[] = {
    { CH_BLOG, 0.3, N_ ("Support calls answered by blog tutorials") },
    { CH_EMAIL, 0.2, N_ ("Support calls answered by the newsletter") },
  };
  sqlite3_stmt *stmt = rdm_project_prepare (demo->project,
                                            "INSERT INTO saving (day, channel_id, amount,"
                                            " description, import_id) VALUES (?1, ?2, ?3, ?4, ?5)",
                                            error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (savers); i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, day_start (day));
      sqlite3_bind_int64 (stmt, 2, demo->channel_ids[savers[i].channel]);
      sqlite3_bind_double (stmt, 3, round_cents (amount * savers[i].share));
      sqlite3_bind_text (stmt, 4, _ (savers[i].description), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 5, demo->import_id);
      if (!step_insert (demo, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_series (Demo *demo, GError **error)
{
  static const struct
  {
    const char *metric;
    const char *source;
    double start; /* April's value */
    double step;  /* trend per month */
    double noise; /* standard deviation */
    double scale; /* rounding: 10 = one decimal */
  } series[] = {
    { "customer_satisfaction", "survey", 7.4, 0.09, 0.05, 100 }, /* out of 10 */
    { "net_promoter_score", "survey", 18, 1.8, 1.0, 1 },
    { "call_deflection_savings", "customer service", 3800, 600, 150, 1 }, /* euros */
  };

  for (guint i = 0; i < G_N_ELEMENTS (series); i++)
    for (int month = 0; month < N_MONTHS; month++)
      {
        sqlite3_stmt *stmt = demo->insert_series;
        double value = series[i].start + series[i].step * month
                       + series[i].noise * rdm_rng_normal (&demo->rng);

        sqlite3_bind_int64 (stmt, 1, day_start (month_first_day[month]));
        sqlite3_bind_text (stmt, 2, series[i].metric, -1, SQLITE_STATIC);
        sqlite3_bind_double (stmt, 3, round (value * series[i].scale) / series[i].scale);
        sqlite3_bind_text (stmt, 4, series[i].source, -1, SQLITE_STATIC);
        sqlite3_bind_int64 (stmt, 5, demo->import_id);
        if (!step_insert (demo, stmt, error))
          return FALSE;
        if (g_str_equal (series[i].metric, "call_deflection_savings")
            && !write_savings (demo, month_first_day[month], round (value), error))
          return FALSE;
      }
  return TRUE;
}

/* ---- the media mix: two years of daily totals -------------------------- */

/* The paid channels' curves (analysis/rdm-mmm.h: θ, the steady daily spend
 * at half saturation, S, and β, the most a channel brings in a day) and
 * their flights before April 2026, at about the spend of the campaigns
 * that follow. Search answers demand at once; video and LinkedIn build
 * slowly and carry over for weeks; Display saturates late and brings
 * little for what it costs, as in the journeys' causal model. */
static const struct
{
  int channel;
  double mean_daily_spend;
  double on_share;
  RdmResponseCurve curve;
} media_channels[] = {
  { CH_PAID_SEARCH, 100.0, 0.9, { 0.1, 120.0, 1.2, 14.0 } },
  { CH_FACEBOOK, 90.0, 0.7, { 0.5, 100.0, 1.0, 8.0 } },
  { CH_INSTAGRAM, 70.0, 0.6, { 0.4, 80.0, 1.0, 6.0 } },
  { CH_LINKEDIN, 120.0, 0.6, { 0.6, 150.0, 0.8, 5.0 } },
  { CH_YOUTUBE, 100.0, 0.5, { 0.7, 150.0, 1.5, 7.0 } },
  { CH_X, 30.0, 0.4, { 0.3, 40.0, 1.0, 2.0 } },
  { CH_DISPLAY, 250.0, 0.7, { 0.3, 400.0, 2.0, 6.0 } },
};

#define N_MEDIA_CHANNELS G_N_ELEMENTS (media_channels)

/* Orders a day without media at the start, growing by a sixth over the
 * two years; the mean basket of the tracked purchases. */
#define MEDIA_BASELINE 60.0
#define MEDIA_GROWTH 0.15
#define MEDIA_NOISE 4.0
#define MEDIA_VALUE_PER_CONVERSION 74.0

/* The e-reputation incident: a bad buzz about late deliveries, 19 January
 * to 15 February 2026, in days from the first of the two years. */
#define INCIDENT_FIRST 475
#define INCIDENT_LAST 502
#define INCIDENT_LABEL N_ ("Bad buzz about late deliveries")

/* The quarterly survey: four weekly readings from the first Monday six
 * weeks into each quarter; awareness (%) is SURVEY_BASE plus SURVEY_SLOPE
 * per daily engagement of the social networks three weeks before, with
 * the survey's sampling error. */
#define SURVEY_WEEKS 4
#define SURVEY_BASE 22.0
#define SURVEY_SLOPE 0.03
#define SURVEY_ERROR 0.3

static int
media_day (int day)
{
  return day - MEDIA_OFFSET;
}

/* Before April 2026, platform figures at the tracked months' rates: an
 * organic part each day and a paid part per euro of the day's spend. */
static gboolean
write_early_figures (Demo *demo, const RdmMediaWorld *world, GError **error)
{
  RdmRng *rng = &demo->media_rng;
  double spend_total[N_CHANNELS] = { 0 };
  const double *spend[N_CHANNELS] = { NULL };

  for (guint m = 0; m < N_MEDIA_CHANNELS; m++)
    {
      int c = media_channels[m].channel;

      spend[c] = world->spend + (gsize)m * world->n_days;
      for (int day = 0; day < RDM_DEMO_N_DAYS; day++)
        spend_total[c] += demo->media_spend[c][day];
    }
  for (int t = 0; t < MEDIA_OFFSET; t++)
    for (int c = 0; c < N_CHANNELS; c++)
      {
        sqlite3_stmt *stmt = demo->insert_daily;
        gint64 figures[N_FIGURES];
        gint64 any = 0;
        /* the audience grew at its usual pace up to April 2026 */
        double followers = channels[c].followers - channels[c].growth * (MEDIA_OFFSET - t);

        for (int f = 0; f < N_FIGURES; f++)
          {
            double expected = demo->organic_figures[c][f] / RDM_DEMO_N_DAYS;

            if (spend[c] != NULL && spend_total[c] > 0.0)
              expected += demo->paid_figures[c][f] / spend_total[c] * spend[c][t];
            figures[f] = (gint64)round (MAX (0.0, expected * rng_between (rng, 0.85, 1.15)));
            any += figures[f];
          }
        if (any == 0 && channels[c].followers == 0)
          continue;
        if (channels[c].group == RDM_CHANNEL_GROUP_SOCIAL)
          demo->social_engagements[t]
              += figures[FIGURE_LIKES] + figures[FIGURE_SHARES] + figures[FIGURE_COMMENTS];
        sqlite3_bind_int64 (stmt, 1, day_start (media_day (t)));
        sqlite3_bind_int64 (stmt, 2, demo->channel_ids[c]);
        sqlite3_bind_null (stmt, 3);
        sqlite3_bind_int64 (stmt, 4, figures[FIGURE_IMPRESSIONS]);
        sqlite3_bind_int64 (stmt, 5, figures[FIGURE_CLICKS]);
        sqlite3_bind_int64 (
            stmt, 6, figures[FIGURE_LIKES] + figures[FIGURE_SHARES] + figures[FIGURE_COMMENTS]);
        sqlite3_bind_int64 (stmt, 7, figures[FIGURE_LIKES]);
        sqlite3_bind_int64 (stmt, 8, figures[FIGURE_SHARES]);
        sqlite3_bind_int64 (stmt, 9, figures[FIGURE_COMMENTS]);
        sqlite3_bind_int64 (stmt, 10, (gint64)round (MAX (0.0, followers)));
        sqlite3_bind_int64 (stmt, 11, demo->import_id);
        if (!step_insert (demo, stmt, error))
          return FALSE;
      }
  return TRUE;
}

static gboolean
write_outcomes (Demo *demo, const RdmMediaWorld *world, GError **error)
{
  sqlite3_stmt *stmt = rdm_project_prepare (demo->project,
                                            "INSERT INTO outcome (day, conversions, value,"
                                            " import_id) VALUES (?1, ?2, ?3, ?4)",
                                            error);

  if (stmt == NULL)
    return FALSE;
  for (guint t = 0; t < world->n_days; t++)
    {
      /* orders are whole; the value is theirs at the mean basket */
      double conversions = round (world->conversions[t]);

      sqlite3_bind_int64 (stmt, 1, day_start (media_day ((int)t)));
      sqlite3_bind_double (stmt, 2, conversions);
      sqlite3_bind_double (stmt, 3, round_cents (conversions * MEDIA_VALUE_PER_CONVERSION));
      sqlite3_bind_int64 (stmt, 4, demo->import_id);
      if (!step_insert (demo, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* The awareness survey's readings, from the engagements written. */
static gboolean
write_awareness_survey (Demo *demo, GError **error)
{
  /* 2024-10-01 was a Tuesday: day 6 is the first Monday */
  const int first_monday = 6;

  /* the quarters' first days, from 1 October 2024 */
  static const int quarter_starts[] = { 0, 92, 182, 273, 365, 457, 547, 638 };

  for (guint quarter = 0; quarter < G_N_ELEMENTS (quarter_starts); quarter++)
    {
      int start = quarter_starts[quarter] + 42;

      start += ((first_monday - start) % 7 + 7) % 7;
      for (int week = 0; week < SURVEY_WEEKS; week++)
        {
          int monday = start + 7 * week;
          int seen = monday - 7 * RDM_DEMO_SURVEY_LAG_WEEKS;
          double engagement = 0.0;
          double awareness;
          sqlite3_stmt *stmt = demo->insert_series;

          for (int d = seen; d < seen + 7; d++)
            engagement += demo->social_engagements[d] / 7.0;
          awareness = SURVEY_BASE + SURVEY_SLOPE * engagement
                      + SURVEY_ERROR * rdm_rng_normal (&demo->media_rng);
          sqlite3_bind_int64 (stmt, 1, day_start (media_day (monday)));
          sqlite3_bind_text (stmt, 2, "brand_awareness", -1, SQLITE_STATIC);
          sqlite3_bind_double (stmt, 3, round (awareness * 10.0) / 10.0);
          sqlite3_bind_text (stmt, 4, "survey", -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 5, demo->import_id);
          if (!step_insert (demo, stmt, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Two years of media spend, outcomes generated from it by known curves,
 * and their truth; then the platform figures before April 2026 and the
 * survey that follows them. */
static gboolean
write_media_mix (Demo *demo, guint32 seed, GError **error)
{
  RdmMediaWorldChannel world_channels[N_MEDIA_CHANNELS];
  g_autofree double *planned = g_new (double, N_MEDIA_CHANNELS *RDM_DEMO_MEDIA_N_DAYS);
  g_autoptr (RdmMediaWorld) world = NULL;
  RdmMediaWorldSpec spec = {
    .seed = G_GUINT64_CONSTANT (0x6d65646961000000) | seed,
    .first_day = RDM_DEMO_MEDIA_FIRST_DAY,
    .n_days = RDM_DEMO_MEDIA_N_DAYS,
    .baseline = MEDIA_BASELINE,
    .growth = MEDIA_GROWTH,
    .weekday = { 1.0, 1.02, 1.0, 0.98, 1.05, 0.9, 0.85 },
    .noise = MEDIA_NOISE,
    .noise_carryover = 0.3,
    .value_per_conversion = MEDIA_VALUE_PER_CONVERSION,
    .spend_unit = 0.01,
    .event_first = INCIDENT_FIRST,
    .event_last = INCIDENT_LAST,
    .event_effect = -RDM_DEMO_INCIDENT_DROP,
    .n_channels = N_MEDIA_CHANNELS,
    .channels = world_channels,
  };

  for (guint m = 0; m < N_MEDIA_CHANNELS; m++)
    {
      int c = media_channels[m].channel;
      double *spend = planned + (gsize)m * RDM_DEMO_MEDIA_N_DAYS;

      /* flights drawn before the tracked months, the campaigns' spend in them */
      for (int t = 0; t < RDM_DEMO_MEDIA_N_DAYS; t++)
        spend[t] = t < MEDIA_OFFSET ? NAN : demo->media_spend[c][t - MEDIA_OFFSET];
      world_channels[m] = (RdmMediaWorldChannel){
        .name = channels[c].name,
        .mean_daily_spend = media_channels[m].mean_daily_spend,
        .on_share = media_channels[m].on_share,
        .curve = media_channels[m].curve,
        .spend = spend,
      };
    }
  world = rdm_media_world_generate (&spec);

  for (guint m = 0; m < N_MEDIA_CHANNELS; m++)
    {
      int c = media_channels[m].channel;
      const double *spend = world->spend + (gsize)m * world->n_days;
      RdmMediaTruth truth = {
        .first_day = RDM_DEMO_MEDIA_FIRST_DAY,
        .last_day = RDM_DEMO_MEDIA_FIRST_DAY + (gint64)(RDM_DEMO_MEDIA_N_DAYS - 1) * DAY_SECONDS,
        .curve = media_channels[m].curve,
        .contribution = world->contribution[m],
        .contribution_value = world->contribution[m] * MEDIA_VALUE_PER_CONVERSION,
      };

      for (int t = 0; t < MEDIA_OFFSET; t++)
        if (spend[t] > 0.0 && !insert_cost (demo, media_day (t), c, -1, "media", spend[t], error))
          return FALSE;
      if (!rdm_project_add_media_truth (demo->project, demo->channel_ids[c], demo->import_id,
                                        &truth, error))
        return FALSE;
      demo->rows++;
    }
  return write_outcomes (demo, world, error) && write_early_figures (demo, world, error)
         && write_awareness_survey (demo, error);
}

static gboolean
write_objectives (Demo *demo, GError **error)
{
  /* in the user's language, as the suggested KPIs that join them are */
  static const struct
  {
    const char *name;
    const char *function;
    const char *description;
  } objectives[] = {
    { N_ ("Grow online sales"), "sales",
      /* xgettext:no-c-format */
      N_ ("Online revenue up 15% on last year") },
    { N_ ("Build brand awareness"), "marketing",
      /* xgettext:no-c-format */
      N_ ("Be known by 40% of the target audience by the end of September") },
    { N_ ("Reduce support calls"), "customer_service",
      N_ ("Answer common questions with tutorials and newsletters instead of calls") },
  };
  static const struct
  {
    int objective;
    const char *name;
    const char *description;
    int campaigns[5]; /* -1 terminated */
  } initiatives[] = {
    { 0,
      N_ ("Seasonal sales"),
      N_ ("Spring sale and back-to-school pushes on every channel"),
      { CP_FACEBOOK_SPRING, CP_SEARCH_SPRING, CP_EMAIL_SPRING, CP_SEARCH_SCHOOL,
        CP_EMAIL_SCHOOL } },
    { 0,
      N_ ("Always-on search and retargeting"),
      "",
      { CP_SEARCH_BRAND, CP_SEARCH_GENERIC, CP_DISPLAY_RETARGETING, CP_EMAIL_CART, -1 } },
    { 0,
      N_ ("B2B accounts"),
      N_ ("Lead generation for businesses on LinkedIn"),
      { CP_LINKEDIN_LEADS, -1 } },
    { 1,
      N_ ("Video storytelling"),
      "",
      { CP_YOUTUBE_AWARENESS, CP_DISPLAY_AWARENESS, CP_LINKEDIN_AWARENESS, -1 } },
    { 1,
      N_ ("Social presence"),
      N_ ("Community management and influencers"),
      { CP_FACEBOOK_ORGANIC, CP_INSTAGRAM_ORGANIC, CP_INSTAGRAM_INFLUENCER, CP_X_ORGANIC,
        CP_X_LAUNCH } },
    { 2,
      N_ ("Self-service tutorials"),
      N_ ("How-to videos and blog articles"),
      { CP_YOUTUBE_TUTORIALS, CP_BLOG_ORGANIC, -1 } },
    { 2, N_ ("Customer newsletter"), "", { CP_EMAIL_NEWSLETTER, -1 } },
  };
  sqlite3 *db = rdm_project_get_db (demo->project);
  gint64 objective_ids[G_N_ELEMENTS (objectives)];
  sqlite3_stmt *stmt;

  for (guint i = 0; i < G_N_ELEMENTS (objectives); i++)
    {
      stmt = rdm_project_prepare (demo->project,
                                  "INSERT INTO objective (name, business_function, description)"
                                  " VALUES (?1, ?2, ?3)",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, _ (objectives[i].name), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, objectives[i].function, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, _ (objectives[i].description), -1, SQLITE_STATIC);
      if (!step_insert (demo, stmt, error))
        return FALSE;
      objective_ids[i] = sqlite3_last_insert_rowid (db);
    }
  for (guint i = 0; i < G_N_ELEMENTS (initiatives); i++)
    {
      gint64 initiative_id;

      stmt = rdm_project_prepare (demo->project,
                                  "INSERT INTO initiative (objective_id, name, description)"
                                  " VALUES (?1, ?2, ?3)",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, objective_ids[initiatives[i].objective]);
      sqlite3_bind_text (stmt, 2, _ (initiatives[i].name), -1, SQLITE_STATIC);
      /* gettext ("") is the catalog's header, not an empty text */
      sqlite3_bind_text (
          stmt, 3, initiatives[i].description[0] != '\0' ? _ (initiatives[i].description) : "", -1,
          SQLITE_STATIC);
      if (!step_insert (demo, stmt, error))
        return FALSE;
      initiative_id = sqlite3_last_insert_rowid (db);
      for (guint k = 0; k < G_N_ELEMENTS (initiatives[i].campaigns); k++)
        {
          if (initiatives[i].campaigns[k] < 0)
            break;
          stmt = rdm_project_prepare (demo->project,
                                      "INSERT INTO initiative_campaign (initiative_id, campaign_id)"
                                      " VALUES (?1, ?2)",
                                      error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, initiative_id);
          sqlite3_bind_int64 (stmt, 2, demo->campaign_ids[initiatives[i].campaigns[k]]);
          if (!step_insert (demo, stmt, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* The causal model's settings: the project holds a world and its truth. */
static gboolean
write_world (Demo *demo, GError **error)
{
  g_autofree char *json = rdm_world_settings_to_json (demo->world);
  sqlite3_stmt *stmt = rdm_project_prepare (
      demo->project, "INSERT INTO world (id, import_id, settings_json) VALUES (1, ?1, ?2)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, demo->import_id);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_TRANSIENT);
  return step_insert (demo, stmt, error);
}

/* The journeys' causal model: the simulated world's twelve channels over
 * the demo's two quarters, each visitor one person of it. */
static void
demo_world_init (Demo *demo, guint32 seed)
{
  double engagement = 0.0, age = 0.0, device = 0.0;
  double total;

  demo->world = rdm_world_settings_new_default ();
  demo->world->seed = seed;
  demo->world->n_visitors = N_VISITORS;
  demo->world->first_day = RDM_DEMO_FIRST_DAY;
  demo->world->n_days = RDM_DEMO_N_DAYS;
  for (int c = 0; c < N_CHANNELS; c++)
    {
      demo->world_channel[c] = rdm_world_settings_find_channel (demo->world, channels[c].name);
      g_assert (demo->world_channel[c] >= 0);
    }
  /* the attributes' odds, scaled to a mean of 1 over the visitors */
  total = 0.0;
  for (guint i = 0; i < G_N_ELEMENTS (engagement_odds); i++)
    {
      engagement += engagement_weights[i] * engagement_odds[i];
      total += engagement_weights[i];
    }
  engagement /= total;
  total = 0.0;
  for (guint i = 0; i < G_N_ELEMENTS (age_odds); i++)
    {
      age += age_weights[i] * age_odds[i];
      total += age_weights[i];
    }
  age /= total;
  total = 0.0;
  for (guint i = 0; i < G_N_ELEMENTS (device_odds); i++)
    {
      device += device_weights[i] * device_odds[i];
      total += device_weights[i];
    }
  device /= total;
  demo->mean_attribute_odds = engagement * age * device;
  demo->world_touches = g_array_new (FALSE, FALSE, sizeof (RdmWorldTouch));
  demo->world_conversions = g_array_new (FALSE, FALSE, sizeof (RdmWorldConversion));
}

static void
demo_world_clear (Demo *demo)
{
  g_clear_pointer (&demo->world, rdm_world_settings_free);
  g_clear_pointer (&demo->world_touches, g_array_unref);
  g_clear_pointer (&demo->world_conversions, g_array_unref);
}

/* What the import log records of a demo: its generator's version and seed. */
static char *
demo_checksum (guint32 seed)
{
  g_autofree char *identity
      = g_strdup_printf ("rendement-demo version %d seed %u", RDM_DEMO_VERSION, seed);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, identity, -1);
}

gboolean
rdm_demo_is_outdated (RdmProject *project, guint32 seed, gboolean *outdated, GError **error)
{
  g_autofree char *checksum = demo_checksum (seed);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RDM_IS_PROJECT (project), FALSE);

  stmt = rdm_project_prepare (
      project, "SELECT EXISTS (SELECT 1 FROM import_log WHERE kind = 'demo' AND checksum != ?1)",
      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, checksum, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return rdm_project_set_sql_error (project, error, _ ("Reading the import log"));
    }
  *outdated = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
write_import_log (Demo *demo, guint32 seed, GError **error)
{
  g_autofree char *checksum = demo_checksum (seed);
  sqlite3_stmt *stmt;

  stmt = rdm_project_prepare (
      demo->project,
      /* the demo's shop sells in euros */
      "INSERT INTO import_log (file_name, checksum, kind, preset,"
      " imported_at, rows, rejects, currency) VALUES ('demo', ?1, 'demo', '', ?2, 0, 0, 'EUR')",
      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, checksum, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
  if (!step_insert (demo, stmt, error))
    return FALSE;
  demo->import_id = sqlite3_last_insert_rowid (rdm_project_get_db (demo->project));
  return write_world (demo, error);
}

static gboolean
finish_import_log (Demo *demo, GError **error)
{
  sqlite3_stmt *stmt
      = rdm_project_prepare (demo->project, "UPDATE import_log SET rows = ?1 WHERE id = ?2", error);

  if (stmt == NULL)
    return FALSE;
  /* every row written except the log's own */
  sqlite3_bind_int64 (stmt, 1, demo->rows - 1);
  sqlite3_bind_int64 (stmt, 2, demo->import_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return rdm_project_set_sql_error (demo->project, error, _ ("Writing the demo data"));
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
prepare_statements (Demo *demo, GError **error)
{
  RdmProject *project = demo->project;

  demo->insert_visitor
      = rdm_project_prepare (project, "INSERT INTO visitor (external_id) VALUES (?1)", error);
  if (demo->insert_visitor == NULL)
    return FALSE;
  demo->insert_attribute = rdm_project_prepare (project,
                                                "INSERT INTO visitor_attribute (visitor_id, key,"
                                                " value) VALUES (?1, ?2, ?3)",
                                                error);
  if (demo->insert_attribute == NULL)
    return FALSE;
  demo->insert_touch = rdm_project_prepare (project,
                                            "INSERT INTO touchpoint (visitor_id, time, channel_id,"
                                            " campaign_id, interaction, page_views, import_id)"
                                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                            error);
  if (demo->insert_touch == NULL)
    return FALSE;
  demo->insert_conversion = rdm_project_prepare (project,
                                                 "INSERT INTO conversion (visitor_id, time, event,"
                                                 " value, import_id) VALUES (?1, ?2, ?3, ?4, ?5)",
                                                 error);
  if (demo->insert_conversion == NULL)
    return FALSE;
  demo->insert_cost = rdm_project_prepare (project,
                                           "INSERT INTO cost (day, channel_id, campaign_id,"
                                           " category, amount, import_id)"
                                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                           error);
  if (demo->insert_cost == NULL)
    return FALSE;
  demo->insert_daily
      = rdm_project_prepare (project,
                             "INSERT INTO campaign_daily (day, channel_id,"
                             " campaign_id, impressions, clicks, engagements, likes,"
                             " shares, comments, followers, import_id)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                             error);
  if (demo->insert_daily == NULL)
    return FALSE;
  demo->insert_truth = rdm_project_prepare (
      project, "INSERT INTO truth (conversion_id, channel_id) VALUES (?1, ?2)", error);
  if (demo->insert_truth == NULL)
    return FALSE;
  demo->insert_series = rdm_project_prepare (project,
                                             "INSERT INTO series_value (day, metric, value, source,"
                                             " import_id) VALUES (?1, ?2, ?3, ?4, ?5)",
                                             error);
  return demo->insert_series != NULL;
}

static gboolean
write_all (Demo *demo, guint32 seed, GError **error)
{
  if (!write_import_log (demo, seed, error) || !write_channels (demo, error)
      || !write_objectives (demo, error) || !prepare_statements (demo, error))
    return FALSE;
  for (guint v = 0; v < N_VISITORS; v++)
    {
      if (v % 1024 == 0 && g_cancellable_set_error_if_cancelled (demo->cancellable, error))
        return FALSE;
      if (!write_visitor (demo, v, error))
        return FALSE;
    }
  return write_campaign_daily (demo, error) && write_costs (demo, error)
         && write_series (demo, error) && write_media_mix (demo, seed, error)
         && finish_import_log (demo, error);
}

/**
 * rdm_demo_write:
 * @project: an empty project
 * @seed: the seed of the generator; the same seed writes the same rows
 * @cancellable: (nullable): cancels the generation, leaving the project empty
 * @error: return location for an error
 *
 * Fills @project with the demo data described at the top of this file, in
 * one transaction: on any error (or cancellation) nothing is written. A
 * project that already holds data is refused with RDM_DEMO_ERROR_NOT_EMPTY.
 *
 * Returns: TRUE on success
 */
/* The scorecard and the segments a demo wants to show off, written with
 * the same functions a user's actions call, so that they are exactly what
 * a user would have made. */
static gboolean
write_definitions (RdmProject *project, GError **error)
{
  gint64 incident_start = RDM_DEMO_MEDIA_FIRST_DAY + (gint64)INCIDENT_FIRST * DAY_SECONDS;
  gint64 incident_end = RDM_DEMO_MEDIA_FIRST_DAY + (gint64)INCIDENT_LAST * DAY_SECONDS;

  static const struct
  {
    const char *name;
    const char *filter;
  } segments[] = {
    { N_ ("Blog readers aged 25–49"), "touched(\"Blog\") and age_band in (\"25-34\", \"35-49\")" },
    { N_ ("Evangelists"), "engagement = \"evangelist\"" },
    { N_ ("Spectators"), "engagement = \"spectator\"" },
  };

  if (!rdm_project_add_suggested_kpis (project, NULL, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (segments); i++)
    if (!rdm_project_add_segment (project, _ (segments[i].name), segments[i].filter, FALSE, error))
      return FALSE;
  return rdm_project_add_event (project, incident_start, incident_end, _ (INCIDENT_LABEL),
                                "incident", error);
}

gboolean
rdm_demo_write (RdmProject *project, guint32 seed, GCancellable *cancellable, GError **error)
{
  g_autofree Demo *demo = NULL;
  g_autoptr (GArray) events = NULL;
  gboolean empty;

  g_return_val_if_fail (RDM_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!rdm_project_is_empty (project, &empty, error))
    return FALSE;
  if (!empty)
    {
      g_set_error (error, RDM_DEMO_ERROR, RDM_DEMO_ERROR_NOT_EMPTY,
                   _ ("The demo data can only be written into an empty project, and “%s” already "
                      "holds data"),
                   rdm_project_get_path (project));
      return FALSE;
    }

  events = g_array_sized_new (FALSE, FALSE, sizeof (DemoEvent), 64);
  demo = g_new0 (Demo, 1);
  demo->project = project;
  demo->cancellable = cancellable;
  demo->events = events;
  rdm_rng_init (&demo->rng, seed);
  rdm_rng_init (&demo->media_rng, G_GUINT64_CONSTANT (0x737572766579) ^ seed);
  demo_world_init (demo, seed);

  if (!rdm_project_begin (project, error))
    {
      demo_world_clear (demo);
      return FALSE;
    }
  if (!write_all (demo, seed, error) || !rdm_project_commit (project, error))
    {
      rdm_project_rollback (project);
      demo_world_clear (demo);
      return FALSE;
    }
  demo_world_clear (demo);
  return write_definitions (project, error);
}
