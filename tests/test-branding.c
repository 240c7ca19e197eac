/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The branding a project keeps for its reviews: saved and read back as
 * given, checked before it is saved (a bad logo, colour, currency or text
 * changes nothing), and the project's currency, which the branding may set
 * and an import otherwise gives.
 */

#include <string.h>

#include <glib/gstdio.h>

#include "rdm-branding.h"
#include "rdm-definitions.h"
#include "rdm-project-db.h"
#include "rdm-test-util.h"

static const guint8 png_bytes[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13 };
static const char svg_text[] = "<?xml version=\"1.0\"?>\n<!-- logo -->\n"
                               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" "
                               "height=\"10\"/>\n";

typedef struct
{
  char *dir;
  char *path;
  RdmProject *project;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = rdm_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "p.rdm", NULL);
  fixture->project = rdm_project_create (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  g_clear_object (&fixture->project);
  rdm_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
test_round_trip (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_auto (RdmBranding) saved = {
    .title = g_strdup ("Revue trimestrielle"),
    .client = g_strdup ("Boulangerie Dupont"),
    .author = g_strdup ("Claire Martin"),
    .logo = g_bytes_new_static (png_bytes, sizeof png_bytes),
    .has_accent = TRUE,
    .accent = 0x1c71d8,
    .currency = g_strdup ("EUR"),
  };
  g_auto (RdmBranding) empty = { 0 };
  g_auto (RdmBranding) loaded = { 0 };
  g_autofree char *currency = NULL;

  g_assert_true (rdm_project_load_branding (fixture->project, &empty, &error));
  g_assert_no_error (error);
  g_assert_null (empty.title);
  g_assert_null (empty.logo);
  g_assert_false (empty.has_accent);

  g_assert_true (rdm_project_save_branding (fixture->project, &saved, &error));
  g_assert_no_error (error);
  g_assert_true (rdm_project_load_branding (fixture->project, &loaded, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (loaded.title, ==, "Revue trimestrielle");
  g_assert_cmpstr (loaded.client, ==, "Boulangerie Dupont");
  g_assert_cmpstr (loaded.author, ==, "Claire Martin");
  g_assert_true (g_bytes_equal (loaded.logo, saved.logo));
  g_assert_true (loaded.has_accent);
  g_assert_cmphex (loaded.accent, ==, 0x1c71d8);
  g_assert_cmpstr (loaded.currency, ==, "EUR");
  currency = rdm_project_get_currency (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (currency, ==, "EUR");
}

/* Saving again replaces every field: an empty client is no client. */
static void
test_replace (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  RdmBranding first = {
    .title = (char *)"One", .client = (char *)"Client", .has_accent = TRUE, .accent = 0xff0000
  };
  RdmBranding second = { .title = (char *)"Two", .client = (char *)"" };
  g_auto (RdmBranding) loaded = { 0 };

  g_assert_true (rdm_project_save_branding (fixture->project, &first, &error));
  g_assert_true (rdm_project_save_branding (fixture->project, &second, &error));
  g_assert_no_error (error);
  g_assert_true (rdm_project_load_branding (fixture->project, &loaded, &error));
  g_assert_cmpstr (loaded.title, ==, "Two");
  g_assert_null (loaded.client);
  g_assert_false (loaded.has_accent);
  g_assert_cmpint (
      rdm_test_query_int (rdm_project_get_db (fixture->project), "SELECT count(*) FROM branding"),
      ==, 1);
}

static void
assert_refused (Fixture *fixture, const RdmBranding *branding, const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_auto (RdmBranding) loaded = { 0 };

  g_assert_false (rdm_project_save_branding (fixture->project, branding, &error));
  g_assert_nonnull (error);
  if (strstr (error->message, expected) == NULL)
    g_error ("expected “%s” in “%s”", expected, error->message);
  g_assert_true (rdm_project_load_branding (fixture->project, &loaded, NULL));
  g_assert_cmpstr (loaded.title, ==, "Kept");
}

static void
test_bad_branding (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  RdmBranding kept = { .title = (char *)"Kept" };
  g_autofree char *long_title = g_strnfill (201, 'x');
  g_autoptr (GBytes) gif = g_bytes_new_static ("GIF89a....", 10);
  g_autoptr (GBytes) huge = g_bytes_new_take (g_malloc0 (RDM_BRANDING_MAX_LOGO_BYTES + 1),
                                              RDM_BRANDING_MAX_LOGO_BYTES + 1);

  g_assert_true (rdm_project_save_branding (fixture->project, &kept, &error));
  assert_refused (fixture, &(RdmBranding){ .title = long_title }, "at most 200 characters");
  assert_refused (fixture, &(RdmBranding){ .client = (char *)"two\nlines" }, "control character");
  assert_refused (fixture, &(RdmBranding){ .logo = gif }, "neither a PNG nor an SVG");
  assert_refused (fixture, &(RdmBranding){ .logo = huge }, "expected at most 4 MB");
  assert_refused (fixture, &(RdmBranding){ .currency = (char *)"euro" }, "three capital letters");
  assert_refused (fixture, &(RdmBranding){ .currency = (char *)"eur" }, "three capital letters");
}

static void
test_read_logo (void)
{
  g_autofree char *dir = rdm_test_make_tmpdir ();
  g_autofree char *png = g_build_filename (dir, "logo.png", NULL);
  g_autofree char *svg = rdm_test_write_file (dir, "logo.svg", svg_text);
  g_autofree char *text = rdm_test_write_file (dir, "logo.txt", "not an image\n");
  g_autofree char *missing = g_build_filename (dir, "missing.png", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) png_logo = NULL;
  g_autoptr (GBytes) svg_logo = NULL;
  g_autoptr (GBytes) no_logo = NULL;

  g_assert_true (g_file_set_contents (png, (const char *)png_bytes, sizeof png_bytes, NULL));
  png_logo = rdm_branding_read_logo (png, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (png_logo), ==, sizeof png_bytes);
  svg_logo = rdm_branding_read_logo (svg, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (svg_logo), ==, strlen (svg_text));

  no_logo = rdm_branding_read_logo (text, &error);
  g_assert_null (no_logo);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "logo.txt"));
  g_clear_error (&error);
  no_logo = rdm_branding_read_logo (missing, &error);
  g_assert_null (no_logo);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  rdm_test_remove_tree (dir);
}

static void
test_accent (void)
{
  g_autoptr (GError) error = NULL;
  guint32 accent = 0;

  g_assert_true (rdm_branding_parse_accent ("#1c71d8", &accent, &error));
  g_assert_cmphex (accent, ==, 0x1c71d8);
  g_assert_true (rdm_branding_parse_accent ("FFA348", &accent, &error));
  g_assert_cmphex (accent, ==, 0xffa348);
  g_assert_no_error (error);
  for (const char *const *bad
       = (const char *const[]){ "#12345", "#1234567", "blue", "#12g456", "", NULL };
       *bad != NULL; bad++)
    {
      accent = 7;
      g_assert_false (rdm_branding_parse_accent (*bad, &accent, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_cmphex (accent, ==, 7);
      g_clear_error (&error);
    }
}

/* Without branding, the currency is the one the first import named. */
static void
test_currency_from_import (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sample
      = g_build_filename (g_getenv ("RDM_TEST_DATA"), "import", "google-ads-campaigns.csv", NULL);
  g_autofree char *before = rdm_project_get_currency (fixture->project, &error);
  g_autofree char *after = NULL;
  g_autofree char *branded = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  RdmBranding branding = { .currency = (char *)"CHF" };

  g_assert_no_error (error);
  g_assert_null (before);
  g_clear_object (&fixture->project);
  g_assert_cmpint (
      rdm_test_run_cli (&out, &err, "import", fixture->path, "--kind", "daily", sample, NULL), ==,
      0);
  fixture->project = rdm_project_open (fixture->path, &error);
  g_assert_no_error (error);
  after = rdm_project_get_currency (fixture->project, &error);
  g_assert_cmpstr (after, ==, "EUR");
  g_assert_true (rdm_project_save_branding (fixture->project, &branding, &error));
  branded = rdm_project_get_currency (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (branded, ==, "CHF");
}

/* Definitions carry the branding, logo included, into a project that has
 * none; a project's own branding stays; a bad one changes nothing. */
static void
test_definitions (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.rdm", NULL);
  g_autofree char *branded_path = g_build_filename (fixture->dir, "branded.rdm", NULL);
  g_autoptr (RdmProject) other = rdm_project_create (other_path, &error);
  g_autoptr (RdmProject) branded = rdm_project_create (branded_path, &error);
  g_autoptr (GBytes) logo = g_bytes_new_static (svg_text, strlen (svg_text));
  RdmBranding saved = { .title = (char *)"Revue",
                        .client = (char *)"Dupont",
                        .logo = logo,
                        .has_accent = TRUE,
                        .accent = 0x26a269,
                        .currency = (char *)"EUR" };
  RdmBranding own = { .title = (char *)"Own" };
  g_auto (RdmBranding) copied = { 0 };
  g_auto (RdmBranding) kept = { 0 };
  g_auto (RdmBranding) unchanged = { 0 };
  g_autofree char *json = NULL;
  g_autofree char *bad = NULL;

  g_assert_no_error (error);
  g_assert_true (rdm_project_save_branding (fixture->project, &saved, &error));
  json = rdm_project_export_definitions (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (json, "\"accent\":\t\"#26a269\""));

  g_assert_true (
      rdm_project_import_definitions (other, json, strlen (json), "d.json", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rdm_project_load_branding (other, &copied, &error));
  g_assert_cmpstr (copied.title, ==, "Revue");
  g_assert_cmpstr (copied.client, ==, "Dupont");
  g_assert_cmpstr (copied.currency, ==, "EUR");
  g_assert_cmphex (copied.accent, ==, 0x26a269);
  g_assert_true (g_bytes_equal (copied.logo, logo));

  g_assert_true (rdm_project_save_branding (branded, &own, &error));
  g_assert_true (
      rdm_project_import_definitions (branded, json, strlen (json), "d.json", NULL, &error));
  g_assert_true (rdm_project_load_branding (branded, &kept, &error));
  g_assert_cmpstr (kept.title, ==, "Own");
  g_assert_null (kept.logo);

  bad = g_strdup (json);
  memcpy (strstr (bad, "#26a269"), "#26a2zz", 7);
  g_clear_object (&other);
  g_assert_true (g_remove (other_path) == 0);
  other = rdm_project_create (other_path, &error);
  g_assert_false (
      rdm_project_import_definitions (other, bad, strlen (bad), "d.json", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "#26a2zz"));
  g_assert_true (rdm_project_load_branding (other, &unchanged, NULL));
  g_assert_null (unchanged.title);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/branding/round-trip", Fixture, NULL, fixture_set_up, test_round_trip,
              fixture_tear_down);
  g_test_add ("/branding/replace", Fixture, NULL, fixture_set_up, test_replace, fixture_tear_down);
  g_test_add ("/branding/bad", Fixture, NULL, fixture_set_up, test_bad_branding, fixture_tear_down);
  g_test_add ("/branding/currency-from-import", Fixture, NULL, fixture_set_up,
              test_currency_from_import, fixture_tear_down);
  g_test_add ("/branding/definitions", Fixture, NULL, fixture_set_up, test_definitions,
              fixture_tear_down);
  g_test_add_func ("/branding/read-logo", test_read_logo);
  g_test_add_func ("/branding/accent", test_accent);
  return g_test_run ();
}
