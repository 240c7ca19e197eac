/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rdm-branding.h"
#include "rdm-project-db.h"

#define MAX_TEXT_CHARS 200

void
rdm_branding_clear (RdmBranding *branding)
{
  g_clear_pointer (&branding->title, g_free);
  g_clear_pointer (&branding->client, g_free);
  g_clear_pointer (&branding->author, g_free);
  g_clear_pointer (&branding->logo, g_bytes_unref);
  g_clear_pointer (&branding->currency, g_free);
  branding->has_accent = FALSE;
  branding->accent = 0;
}

static char *
column_text (sqlite3_stmt *stmt, int column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

gboolean
rdm_project_load_branding (RdmProject *project, RdmBranding *out, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RDM_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  stmt = rdm_project_prepare (
      project, "SELECT title, client, author, logo, accent, currency FROM branding WHERE id = 1",
      error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      out->title = column_text (stmt, 0);
      out->client = column_text (stmt, 1);
      out->author = column_text (stmt, 2);
      if (sqlite3_column_type (stmt, 3) == SQLITE_BLOB)
        out->logo = g_bytes_new (sqlite3_column_blob (stmt, 3), sqlite3_column_bytes (stmt, 3));
      out->has_accent = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
      out->accent = (guint32)sqlite3_column_int64 (stmt, 4);
      out->currency = column_text (stmt, 5);
      rc = sqlite3_step (stmt);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Reading the review’s branding"));
  return TRUE;
}

static gboolean
check_text (const char *text, const char *what, GError **error)
{
  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL) || g_utf8_strlen (text, -1) > MAX_TEXT_CHARS)
    {
      /* TRANSLATORS: %s is "title", "client" or "author" */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("The review’s %s is too long: expected at most %d characters of text"), what,
                   MAX_TEXT_CHARS);
      return FALSE;
    }
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     _ ("The review’s %s holds a control character: expected one line of text"),
                     what);
        return FALSE;
      }
  return TRUE;
}

static gboolean
is_png (const guint8 *data, gsize size)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  return size >= sizeof signature && memcmp (data, signature, sizeof signature) == 0;
}

/* An SVG file opens with "<svg" after an optional XML declaration,
 * comments and a doctype, all within its first kilobytes. */
static gboolean
is_svg (const guint8 *data, gsize size)
{
  g_autofree char *head = g_strndup ((const char *)data, MIN (size, 4096));

  return g_utf8_validate (head, -1, NULL) && strstr (head, "<svg") != NULL;
}

static gboolean
set_too_large (GError **error, const char *name, guint64 size)
{
  g_autofree char *size_text = g_format_size (size);

  /* TRANSLATORS: "logo.png: the logo is 5.2 MB: expected at most 4 MB" */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _ ("%s: the logo is %s: expected at most %d MB"), name, size_text,
               RDM_BRANDING_MAX_LOGO_BYTES / (1024 * 1024));
  return FALSE;
}

static gboolean
check_logo (GBytes *logo, const char *name, GError **error)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (logo, &size);

  if (size > RDM_BRANDING_MAX_LOGO_BYTES)
    return set_too_large (error, name, size);
  if (!is_png (data, size) && !is_svg (data, size))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _ ("%s: the logo is neither a PNG nor an SVG image: expected a .png or .svg "
                      "file"),
                   name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_currency (const char *currency, GError **error)
{
  if (currency == NULL)
    return TRUE;
  if (strlen (currency) != 3 || !g_ascii_isupper (currency[0]) || !g_ascii_isupper (currency[1])
      || !g_ascii_isupper (currency[2]))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("“%s” is not a currency code: expected three capital letters such as EUR"),
                   currency);
      return FALSE;
    }
  return TRUE;
}

gboolean
rdm_branding_check (const RdmBranding *branding, GError **error)
{
  g_return_val_if_fail (branding != NULL, FALSE);

  return check_text (branding->title, C_ ("branding", "title"), error)
         && check_text (branding->client, C_ ("branding", "client"), error)
         && check_text (branding->author, C_ ("branding", "author"), error)
         && (branding->logo == NULL || check_logo (branding->logo, _ ("Logo"), error))
         && check_currency (branding->currency, error);
}

static void
bind_text (sqlite3_stmt *stmt, int column, const char *text)
{
  if (text != NULL && text[0] != '\0')
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, column);
}

gboolean
rdm_project_save_branding (RdmProject *project, const RdmBranding *branding, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RDM_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (branding != NULL, FALSE);

  if (!rdm_branding_check (branding, error))
    return FALSE;
  stmt = rdm_project_prepare (project,
                              "INSERT OR REPLACE INTO branding"
                              " (id, title, client, author, logo, accent, currency)"
                              " VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
                              error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, branding->title);
  bind_text (stmt, 2, branding->client);
  bind_text (stmt, 3, branding->author);
  if (branding->logo != NULL)
    {
      gsize size;
      const void *data = g_bytes_get_data (branding->logo, &size);

      sqlite3_bind_blob64 (stmt, 4, data, size, SQLITE_STATIC);
    }
  else
    sqlite3_bind_null (stmt, 4);
  if (branding->has_accent)
    sqlite3_bind_int64 (stmt, 5, branding->accent & 0xffffff);
  else
    sqlite3_bind_null (stmt, 5);
  bind_text (stmt, 6, branding->currency);
  rc = sqlite3_step (stmt);
  sqlite3_clear_bindings (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rdm_project_set_sql_error (project, error, _ ("Saving the review’s branding"));
  return TRUE;
}

GBytes *
rdm_branding_read_logo (const char *path, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GBytes) bytes = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL,
                            error);
  if (info == NULL)
    return NULL;
  /* refused before reading a large file into memory */
  if (g_file_info_get_size (info) > RDM_BRANDING_MAX_LOGO_BYTES)
    return set_too_large (error, path, (guint64)g_file_info_get_size (info)), NULL;
  bytes = g_file_load_bytes (file, NULL, NULL, error);
  if (bytes == NULL || !check_logo (bytes, path, error))
    return NULL;
  return g_steal_pointer (&bytes);
}

gboolean
rdm_branding_parse_accent (const char *text, guint32 *out, GError **error)
{
  const char *digits = text[0] == '#' ? text + 1 : text;
  guint32 value = 0;

  if (strlen (digits) != 6)
    goto invalid;
  for (guint i = 0; i < 6; i++)
    {
      int digit = g_ascii_xdigit_value (digits[i]);

      if (digit < 0)
        goto invalid;
      value = value * 16 + (guint32)digit;
    }
  *out = value;
  return TRUE;

invalid:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _ ("“%s” is not a colour: expected #RRGGBB, such as #1c71d8"), text);
  return FALSE;
}

char *
rdm_project_get_currency (RdmProject *project, GError **error)
{
  sqlite3_stmt *stmt;
  char *currency = NULL;
  int rc;

  g_return_val_if_fail (RDM_IS_PROJECT (project), NULL);

  stmt = rdm_project_prepare (project,
                              "SELECT currency FROM branding WHERE currency IS NOT NULL"
                              " UNION ALL SELECT * FROM (SELECT currency FROM import_log"
                              " WHERE currency IS NOT NULL ORDER BY id LIMIT 1)",
                              error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      currency = column_text (stmt, 0);
      rc = SQLITE_DONE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rdm_project_set_sql_error (project, error, _ ("Reading the project’s currency"));
      return NULL;
    }
  return currency;
}
