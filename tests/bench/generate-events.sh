#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes the benchmarks' event log to standard output: always the same for
# a given ROWS (a Lehmer generator, not awk's rand()).
#
# Usage: tests/bench/generate-events.sh ROWS [labels] > events.csv
#   labels  name each touch's source and medium instead of its channel, as
#           an analytics export does, for the channel rules to map
set -eu

rows=$1
labels=${2:-}

# An event log shaped like a small shop's: ~rows/10 visitors, 12 channels,
# 3 campaigns per channel, 2 % conversions with a value, ISO 8601 times
# over March 2026, in time order.
awk -v rows="$rows" -v labels="$labels" 'BEGIN {
  split("Facebook,Instagram,LinkedIn,Google Ads,Bing Ads,Organic Search,Newsletter,Affiliates,Referral,Display,YouTube,Direct", ch, ",");
  # the same twelve as source,medium
  split("facebook.com|referral,instagram|paid_social,linkedin.com|paid_social,google|cpc,bing|cpc,google|organic,newsletter|email,partner|affiliate,lemonde.fr|referral,criteo|display,youtube.com|cpv,(direct)|(none)", sm, ",");
  split("impression,impression,click,visit", types, ",");
  seed = 12345;
  visitors = int(rows / 10) + 1;
  if (labels == "labels")
    print "visitor_id,timestamp,type,source,medium,campaign,value,event,page_views";
  else
    print "visitor_id,timestamp,type,channel,campaign,value,event,page_views";
  t = 1772323200;
  for (i = 0; i < rows; i++) {
    # Park-Miller "minimal standard": its products stay exact in awk doubles
    seed = (seed * 16807) % 2147483647;
    r = seed;
    v = r % visitors;
    t += r % 2;  # 0.5 s apart on average: 3 million rows stay in March
    s = t % 86400;
    d = int((t - 1772323200) / 86400) + 1;
    stamp = sprintf("2026-03-%02dT%02d:%02d:%02dZ", d, int(s / 3600), int(s % 3600 / 60), s % 60);
    if (int(r / 7) % 50 == 0) {
      printf "v%d,%s,conversion,%s,,%d.%02d,purchase,\n", v, stamp, labels == "labels" ? "," : "", 20 + r % 180, r % 100;
    } else {
      c = 1 + int(r / 11) % 12;
      label = ch[c];
      if (labels == "labels") {
        split(sm[c], parts, "|");
        label = parts[1] "," parts[2];
      }
      printf "v%d,%s,%s,%s,%s Spring %d,,,%d\n", v, stamp, types[1 + int(r / 13) % 4], label, ch[c], int(r / 17) % 3, int(r / 19) % 6;
    }
  }
}'
