/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <math.h>

G_BEGIN_DECLS

/* xoshiro256** (Blackman and Vigna, 2018) seeded through splitmix64: the
 * same numbers from a seed on every machine and C library, which rand()
 * does not give. Inline, since the bootstrap draws one number per
 * resampled journey. */
typedef struct
{
  guint64 s[4];
} RdmRng;

static inline guint64
rdm_splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/* One stream from @seed. */
static inline void
rdm_rng_init (RdmRng *rng, guint64 seed)
{
  for (guint i = 0; i < 4; i++)
    rng->s[i] = rdm_splitmix64 (&seed);
}

/* Stream number @stream of @seed: independent streams (one per bootstrap
 * replicate, one per simulated visitor) that do not depend on the order
 * in which they are drawn. */
static inline void
rdm_rng_init_stream (RdmRng *rng, guint64 seed, guint64 stream)
{
  guint64 mixed = rdm_splitmix64 (&seed) ^ (stream * G_GUINT64_CONSTANT (0xd1b54a32d192ed03));

  for (guint i = 0; i < 4; i++)
    rng->s[i] = rdm_splitmix64 (&mixed);
}

static inline guint64
rdm_rng_rotl (guint64 x, int k)
{
  return (x << k) | (x >> (64 - k));
}

static inline guint64
rdm_rng_next (RdmRng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rdm_rng_rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rdm_rng_rotl (s[3], 45);
  return result;
}

/* Uniform in [0, 1). */
static inline double
rdm_rng_uniform (RdmRng *rng)
{
  return (double)(rdm_rng_next (rng) >> 11) * 0x1.0p-53;
}

/* Uniform in [0, n), by multiply and shift (bias below n / 2^64). */
static inline guint64
rdm_rng_below (RdmRng *rng, guint64 n)
{
  return (guint64)(((unsigned __int128)rdm_rng_next (rng) * n) >> 64);
}

/* Exponential with mean @mean. */
static inline double
rdm_rng_exponential (RdmRng *rng, double mean)
{
  return -mean * log1p (-rdm_rng_uniform (rng));
}

/* Standard normal, Box-Muller (one of the pair is dropped to keep the
 * stream simple). */
static inline double
rdm_rng_normal (RdmRng *rng)
{
  double u = 1.0 - rdm_rng_uniform (rng);
  double v = rdm_rng_uniform (rng);

  return sqrt (-2.0 * log (u)) * cos (2.0 * G_PI * v);
}

G_END_DECLS
