/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rdm-project.h"

G_BEGIN_DECLS

/* How a project's quarterly reviews look (SPEC.md, "The quarterly review
 * and the client deck"): saved in the project so that the next quarter's
 * review looks the same, and exported with its definitions. */
typedef struct
{
  char *title;  /* NULL: the review's own title */
  char *client; /* NULL: no client line */
  char *author; /* NULL: no author line */
  GBytes *logo; /* a PNG or SVG file's bytes, or NULL */
  gboolean has_accent;
  guint32 accent; /* 0xRRGGBB */
  char *currency; /* ISO 4217 code the project's money is in, or NULL */
} RdmBranding;

void rdm_branding_clear (RdmBranding *branding);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RdmBranding, rdm_branding_clear)

/* The largest logo a project keeps. */
#define RDM_BRANDING_MAX_LOGO_BYTES (4 * 1024 * 1024)

/* Fills @out with @project's branding (all unset when it has none). */
gboolean rdm_project_load_branding (RdmProject *project, RdmBranding *out, GError **error);
/* Replaces @project's branding with @branding, after checking it
 * (rdm_branding_check()). */
gboolean
rdm_project_save_branding (RdmProject *project, const RdmBranding *branding, GError **error);

/* Checks @branding: texts of at most 200 characters without control
 * characters, a logo that is a PNG or an SVG file of at most
 * RDM_BRANDING_MAX_LOGO_BYTES, a currency of three capital letters. */
gboolean rdm_branding_check (const RdmBranding *branding, GError **error);

/* Reads the logo file @path (PNG or SVG, by its contents). */
GBytes *rdm_branding_read_logo (const char *path, GError **error);

/* Parses an accent colour written "#RRGGBB" (or "RRGGBB"). */
gboolean rdm_branding_parse_accent (const char *text, guint32 *out, GError **error);

/* The currency @project's money is in: the branding's, else the first
 * import that named one; NULL when nothing said. */
char *rdm_project_get_currency (RdmProject *project, GError **error);

G_END_DECLS
