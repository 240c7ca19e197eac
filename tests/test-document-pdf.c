/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The quarterly review typeset as A4 pages and as slides, read back with
 * poppler's pdftotext -bbox and pdfinfo: every word inside the margins,
 * page numbers, a long table split with its header repeated and its total
 * row kept with the last row, numbers right-aligned; bad output paths and
 * logos; a preview page drawn into a cairo image.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "rdm-document-pdf.h"
#include "rdm-test-util.h"

#define N_CAMPAIGNS 120

typedef struct
{
  double x_min;
  double y_min;
  double x_max;
  double y_max;
  char *text;
} Word;

typedef struct
{
  double width;
  double height;
  GArray *words; /* Word */
} Page;

static void
word_clear (Word *word)
{
  g_free (word->text);
}

static void
page_free (Page *page)
{
  g_array_unref (page->words);
  g_free (page);
}

static const char long_paragraph[]
    = "Paid search returned 2.53 euros per euro spent this quarter, up from 2.10, while display "
      "stayed below break-even. The tracking parameter "
      "utm_campaign=autumn_brand_awareness_retargeting_lookalike_audiences_v2_final_final was "
      "split into three campaigns in August, so their rows start mid-quarter. "
      "Antidisestablishmentarianismfloccinaucinihilipilificationsupercalifragilisticexpialidocious "
      "is one word that no line can hold whole at this width and must be broken inside.";

static RdmDocumentTable *
campaign_table (void)
{
  g_autoptr (RdmDocumentTable) table = rdm_document_table_new ("ROI", "ROI per campaign");
  double total_cost = 0;
  double total_value = 0;
  guint row;

  rdm_document_table_add_column (table, "Campaign", RDM_DOCUMENT_TEXT, FALSE);
  rdm_document_table_add_column (table, "Cost", RDM_DOCUMENT_MONEY, FALSE);
  rdm_document_table_add_column (table, "Value", RDM_DOCUMENT_MONEY, FALSE);
  rdm_document_table_add_column (table, "ROI", RDM_DOCUMENT_PERCENT, FALSE);
  rdm_document_table_add_column (table, "ROAS", RDM_DOCUMENT_RATIO, FALSE);
  rdm_document_table_add_column (table, "Change", RDM_DOCUMENT_PERCENT, TRUE);
  for (guint i = 0; i < N_CAMPAIGNS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Campaign-%03u", i + 1);
      /* widths vary from 1 to 6 digits, so alignment is tested */
      double cost = 7 * pow (10, i % 6) + i;
      double value = cost * (0.5 + (i % 7) * 0.4);

      row = rdm_document_table_add_row (table, FALSE);
      rdm_document_table_set_text (table, row, 0, name);
      rdm_document_table_set_number (table, row, 1, cost);
      rdm_document_table_set_number (table, row, 2, value);
      rdm_document_table_set_number (table, row, 3, (value - cost) / cost);
      rdm_document_table_set_number (table, row, 4, value / cost);
      if (i % 5 == 0)
        rdm_document_table_set_missing (table, row, 5);
      else
        rdm_document_table_set_number (table, row, 5, ((int)(i % 9) - 4) * 0.013);
      total_cost += cost;
      total_value += value;
    }
  row = rdm_document_table_add_row (table, TRUE);
  rdm_document_table_set_text (table, row, 0, "Total");
  rdm_document_table_set_number (table, row, 1, total_cost);
  rdm_document_table_set_number (table, row, 2, total_value);
  rdm_document_table_set_number (table, row, 3, (total_value - total_cost) / total_cost);
  rdm_document_table_set_number (table, row, 4, total_value / total_cost);
  rdm_document_table_set_missing (table, row, 5);
  return g_steal_pointer (&table);
}

/* Twelve columns: wider than a page at the table size. */
static RdmDocumentTable *
wide_table (void)
{
  g_autoptr (RdmDocumentTable) table
      = rdm_document_table_new ("Models", "Credit by model and channel");
  static const char *const models[]
      = { "First click",  "Last click",    "Last non-direct", "Linear",
          "Position",     "Time decay",    "Position decay",  "Custom weights",
          "Markov chain", "Shapley value", "Incremental" };

  rdm_document_table_add_column (table, "Channel of the touchpoint", RDM_DOCUMENT_TEXT, FALSE);
  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    rdm_document_table_add_column (table, models[m], RDM_DOCUMENT_MONEY, FALSE);
  for (guint r = 0; r < 6; r++)
    {
      static const char *const channels[] = { "Paid search (brand and generic keywords)",
                                              "Facebook",
                                              "Display retargeting",
                                              "Newsletter",
                                              "Affiliates",
                                              "Direct" };
      guint row = rdm_document_table_add_row (table, FALSE);

      rdm_document_table_set_text (table, row, 0, channels[r]);
      for (guint m = 0; m < G_N_ELEMENTS (models); m++)
        rdm_document_table_set_number (table, row, m + 1, 1234567.0 / (r + 1) + 1000 * m);
    }
  return g_steal_pointer (&table);
}

static RdmChart *
models_chart (void)
{
  RdmChart *chart = rdm_chart_new (RDM_CHART_KIND_GROUPED_BARS);
  static const double linear[] = { 120, 80, 45, 30 };
  static const double markov[] = { 100, 95, 40, 38 };

  rdm_chart_set_title (chart, "Conversions by model");
  rdm_chart_set_axis_labels (chart, NULL, "Conversions");
  rdm_chart_add_category (chart, "Search");
  rdm_chart_add_category (chart, "Facebook");
  rdm_chart_add_category (chart, "Display");
  rdm_chart_add_category (chart, "Email");
  rdm_chart_add_series (chart, "Linear", linear, G_N_ELEMENTS (linear));
  rdm_chart_add_series (chart, "Markov", markov, G_N_ELEMENTS (markov));
  return chart;
}

static RdmDocument *
cover_only (GBytes *logo)
{
  RdmDocument *document = rdm_document_new ();
  RdmDocumentCover cover = {
    .title = g_strdup ("Quarterly review"),
    .client = g_strdup ("Acme Widgets"),
    .author = g_strdup ("Jeanne Martin"),
    .period_label = g_strdup ("Q3 2026"),
    .period_dates = g_strdup ("1 July 2026 – 30 September 2026"),
    .date = g_strdup ("6 October 2026"),
    .logo = logo != NULL ? g_bytes_ref (logo) : NULL,
    .accent = 0x1c71d8,
  };

  rdm_document_take_cover (document, &cover);
  rdm_document_set_footer (document, "Acme Widgets · Q3 2026");
  rdm_document_set_currency (document, "EUR");
  return document;
}

static RdmDocument *
full_document (void)
{
  RdmDocument *document = cover_only (NULL);
  g_autoptr (RdmChart) chart = models_chart ();
  static const char *const bullets[] = {
    "Overall cost 412 000 €, value 1 043 000 €: ROI 153 %, up 12 points on Q2.",
    "Best channel by ROI: newsletter; worst: display retargeting, which lost money again "
    "for the third quarter in a row and should be reviewed before next quarter's budget.",
    "Three of four KPI targets met.",
    NULL,
  };

  rdm_document_add_section (document, "Executive summary");
  rdm_document_add_paragraph (document, long_paragraph);
  rdm_document_add_bullets (document, bullets);
  rdm_document_add_section (document, "Return on investment");
  rdm_document_add_heading (document, "Campaigns");
  rdm_document_add_table (document, campaign_table ());
  rdm_document_add_note (
      document, "Costs include media and agency fees; value is attributed by the linear model.");
  rdm_document_add_section (document, "Models side by side");
  rdm_document_add_table (document, wide_table ());
  rdm_document_add_heading (document, "Where the models disagree");
  rdm_document_add_chart (document, chart);
  rdm_document_add_paragraph (document, long_paragraph);
  return document;
}

/* pdftotext and pdfinfo --------------------------------------------------- */

static gboolean
have_poppler (void)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");

  if (pdftotext == NULL || pdfinfo == NULL)
    {
      g_test_skip ("pdftotext and pdfinfo (poppler-utils) are not installed");
      return FALSE;
    }
  return TRUE;
}

static char *
run (const char *const *argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return out;
}

static double
attribute (const char *tag, const char *name)
{
  g_autofree char *key = g_strdup_printf (" %s=\"", name);
  const char *at = strstr (tag, key);

  g_assert_nonnull (at);
  return g_ascii_strtod (at + strlen (key), NULL);
}

static char *
unescape (const char *text, gsize length)
{
  g_autofree char *raw = g_strndup (text, length);
  g_autoptr (GString) out = g_string_new (raw);

  g_string_replace (out, "&lt;", "<", 0);
  g_string_replace (out, "&gt;", ">", 0);
  g_string_replace (out, "&quot;", "\"", 0);
  g_string_replace (out, "&amp;", "&", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The pages of @pdf with their words' boxes, in points from the top left. */
static GPtrArray *
read_words (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-bbox", pdf, "-", NULL };
  g_autofree char *xhtml = run (argv);
  GPtrArray *pages = g_ptr_array_new_with_free_func ((GDestroyNotify)page_free);
  Page *page = NULL;

  for (const char *p = xhtml; (p = strchr (p, '<')) != NULL; p++)
    {
      if (g_str_has_prefix (p, "<page "))
        {
          page = g_new0 (Page, 1);
          page->width = attribute (p, "width");
          page->height = attribute (p, "height");
          page->words = g_array_new (FALSE, FALSE, sizeof (Word));
          g_array_set_clear_func (page->words, (GDestroyNotify)word_clear);
          g_ptr_array_add (pages, page);
        }
      else if (g_str_has_prefix (p, "<word "))
        {
          const char *start = strchr (p, '>') + 1;
          const char *end = strstr (start, "</word>");
          Word word = { attribute (p, "xMin"), attribute (p, "yMin"), attribute (p, "xMax"),
                        attribute (p, "yMax"), unescape (start, end - start) };

          g_assert_nonnull (page);
          g_array_append_val (page->words, word);
        }
    }
  return pages;
}

static char *
page_text (const Page *page)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < page->words->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, g_array_index (page->words, Word, i).text);
    }
  return g_string_free (text, FALSE);
}

static const Word *
find_word (const Page *page, const char *text)
{
  for (guint i = 0; i < page->words->len; i++)
    if (g_str_equal (g_array_index (page->words, Word, i).text, text))
      return &g_array_index (page->words, Word, i);
  return NULL;
}

/* The value of @field in pdfinfo's report on @pdf, such as "1" for
 * "Pages". */
static char *
pdfinfo (const char *pdf, const char *field)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *info = run (argv);
  g_auto (GStrv) lines = g_strsplit (info, "\n", -1);
  g_autofree char *key = g_strconcat (field, ":", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], key))
      return g_strstrip (g_strdup (lines[i] + strlen (key)));
  g_error ("pdfinfo gave no %s for %s:\n%s", field, pdf, info);
}

/* The two layouts, written once ------------------------------------------- */

typedef struct
{
  RdmDocumentLayout layout;
  const char *name;
  double width;
  double height;
  double margin_x;
  double margin_top;
  const char *page_size; /* as pdfinfo writes it */
  char *pdf;
  GPtrArray *pages; /* Page */
} Written;

static char *tmpdir;

/* With RDM_SCREENSHOTS_DIR set, the PDF @pdf is copied there and its pages
 * drawn as PNGs (pdftoppm, 60 dpi), for a person to look at. */
static void
keep_for_screenshots (const char *pdf)
{
  const char *dir = g_getenv ("RDM_SCREENSHOTS_DIR");
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");
  g_autofree char *base = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (dir == NULL || *dir == '\0')
    return;
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  base = g_path_get_basename (pdf);
  copy = g_build_filename (dir, base, NULL);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  if (pdftoppm != NULL)
    {
      const char *argv[] = { "pdftoppm", "-r", "60", "-png", pdf, NULL, NULL };
      g_autofree char *out = NULL;

      prefix = g_build_filename (dir, base, NULL);
      prefix[strlen (prefix) - strlen (".pdf")] = '\0';
      argv[5] = prefix;
      out = run (argv);
    }
}
static Written written[] = {
  { RDM_DOCUMENT_LAYOUT_REPORT, "report", 595.28, 841.89, 50, 50, "595.28 x 841.89 pts (A4)" },
  { RDM_DOCUMENT_LAYOUT_SLIDES, "slides", 960, 540, 48, 36, "960 x 540 pts" },
};

static Written *
write_layout (gconstpointer data)
{
  Written *w = &written[GPOINTER_TO_UINT (data)];

  if (w->pages == NULL)
    {
      g_autoptr (RdmDocument) document = full_document ();
      g_autoptr (GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("%s.pdf", w->name);

      w->pdf = g_build_filename (tmpdir, name, NULL);
      g_assert_true (rdm_document_write_pdf (document, w->layout, w->pdf, &error));
      g_assert_no_error (error);
      w->pages = read_words (w->pdf);
      keep_for_screenshots (w->pdf);
    }
  return w;
}

static void
test_page_size_and_metadata (gconstpointer data)
{
  Written *w;
  g_autofree char *size = NULL;
  g_autofree char *title = NULL;
  g_autofree char *author = NULL;
  g_autofree char *created = NULL;
  g_autofree char *n_pages = NULL;

  if (!have_poppler ())
    return;
  w = write_layout (data);
  size = pdfinfo (w->pdf, "Page size");
  g_assert_cmpstr (size, ==, w->page_size);
  title = pdfinfo (w->pdf, "Title");
  g_assert_cmpstr (title, ==, "Quarterly review");
  author = pdfinfo (w->pdf, "Author");
  g_assert_cmpstr (author, ==, "Jeanne Martin");
  created = pdfinfo (w->pdf, "CreationDate");
  g_assert_cmpstr (created, !=, "");
  n_pages = pdfinfo (w->pdf, "Pages");
  g_assert_cmpuint (g_ascii_strtoull (n_pages, NULL, 10), ==, w->pages->len);
  /* the table of 120 rows alone takes more than two pages */
  g_assert_cmpuint (w->pages->len, >=, 5);
}

/* Every word on the page, inside the margins left and right, below the
 * top margin and above the page's foot. */
static void
test_words_inside_margins (gconstpointer data)
{
  Written *w;

  if (!have_poppler ())
    return;
  w = write_layout (data);
  for (guint p = 0; p < w->pages->len; p++)
    {
      const Page *page = g_ptr_array_index (w->pages, p);

      g_assert_cmpfloat_with_epsilon (page->width, w->width, 0.01);
      g_assert_cmpfloat_with_epsilon (page->height, w->height, 0.01);
      g_assert_cmpuint (page->words->len, >, 0);
      for (guint i = 0; i < page->words->len; i++)
        {
          const Word *word = &g_array_index (page->words, Word, i);

          if (word->x_min < w->margin_x - 1 || word->x_max > w->width - w->margin_x + 1
              || word->y_min < w->margin_top - 1 || word->y_max > w->height - 20)
            g_error ("%s page %u: “%s” at (%.1f, %.1f)–(%.1f, %.1f) is outside the margins",
                     w->name, p + 1, word->text, word->x_min, word->y_min, word->x_max,
                     word->y_max);
        }
    }
}

static void
test_cover_and_page_numbers (gconstpointer data)
{
  Written *w;
  g_autofree char *cover = NULL;

  if (!have_poppler ())
    return;
  w = write_layout (data);
  cover = page_text (g_ptr_array_index (w->pages, 0));
  g_assert_nonnull (strstr (cover, "Quarterly review"));
  g_assert_nonnull (strstr (cover, "Acme Widgets"));
  g_assert_nonnull (strstr (cover, "Q3 2026"));
  g_assert_nonnull (strstr (cover, "1 July 2026 – 30 September 2026"));
  g_assert_nonnull (strstr (cover, "Jeanne Martin"));
  g_assert_nonnull (strstr (cover, "6 October 2026"));
  /* no footer on the cover */
  g_assert_null (strstr (cover, "Page"));
  g_assert_null (strstr (cover, "·"));

  for (guint p = 1; p < w->pages->len; p++)
    {
      g_autofree char *text = page_text (g_ptr_array_index (w->pages, p));
      g_autofree char *number = g_strdup_printf ("Page %u of %u", p + 1, w->pages->len);

      g_assert_nonnull (strstr (text, number));
      g_assert_nonnull (strstr (text, "Acme Widgets · Q3 2026"));
    }
}

/* The words ending the cells of the money columns on @page's lines that
 * hold a campaign: the "€" of Cost then of Value, by line. */
static void
collect_money_ends (const Page *page, GArray *cost_ends, GArray *value_ends)
{
  for (guint i = 0; i < page->words->len; i++)
    {
      const Word *name = &g_array_index (page->words, Word, i);
      double first = -1;

      if (!g_str_has_prefix (name->text, "Campaign-") && !g_str_equal (name->text, "Total"))
        continue;
      for (guint j = 0; j < page->words->len; j++)
        {
          const Word *word = &g_array_index (page->words, Word, j);

          if (!g_str_equal (word->text, "€") || fabs (word->y_min - name->y_min) > 1)
            continue;
          if (first < 0)
            first = word->x_max;
          else
            {
              g_array_append_val (cost_ends, first);
              g_array_append_val (value_ends, word->x_max);
              /* cost comes before value */
              g_assert_cmpfloat (first, <, word->x_max);
            }
        }
    }
}

static void
assert_aligned (GArray *ends, double tolerance)
{
  g_assert_cmpuint (ends->len, >, 1);
  for (guint i = 1; i < ends->len; i++)
    g_assert_cmpfloat_with_epsilon (g_array_index (ends, double, i),
                                    g_array_index (ends, double, 0), tolerance);
}

static void
test_long_table (gconstpointer data)
{
  Written *w;
  g_autoptr (GArray) cost_ends = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) value_ends = g_array_new (FALSE, FALSE, sizeof (double));
  guint first_page = 0;
  guint last_page = 0;
  guint total_page = 0;
  guint n_totals = 0;
  guint n_rows = 0;

  if (!have_poppler ())
    return;
  w = write_layout (data);
  for (guint p = 1; p < w->pages->len; p++)
    {
      const Page *page = g_ptr_array_index (w->pages, p);
      guint rows_on_page = 0;
      g_autofree char *text = page_text (page);

      for (guint i = 0; i < page->words->len; i++)
        {
          const char *word = g_array_index (page->words, Word, i).text;

          if (g_str_has_prefix (word, "Campaign-"))
            {
              rows_on_page++;
              n_rows++;
            }
          if (g_str_equal (word, "Campaign-120"))
            last_page = p;
          if (g_str_equal (word, "Total"))
            {
              n_totals++;
              total_page = p;
            }
        }
      if (rows_on_page == 0)
        continue;
      /* no page of the table holds a lone row */
      g_assert_cmpuint (rows_on_page + (find_word (page, "Total") != NULL), >=, 2);
      if (first_page == 0)
        first_page = p;
      /* the header on every page of the table, the title marked as
       * continued after the first */
      g_assert_nonnull (find_word (page, "Campaign"));
      g_assert_nonnull (find_word (page, "Cost"));
      g_assert_nonnull (find_word (page, "ROAS"));
      g_assert_nonnull (find_word (page, "Change"));
      if (p > first_page)
        g_assert_nonnull (strstr (text, "ROI per campaign (continued)"));
      else
        g_assert_null (strstr (text, "(continued)"));
      collect_money_ends (page, cost_ends, value_ends);
    }
  g_assert_cmpuint (n_rows, ==, N_CAMPAIGNS);
  g_assert_cmpuint (last_page, >, first_page);
  /* the total row once, with the last campaign */
  g_assert_cmpuint (n_totals, ==, 1);
  g_assert_cmpuint (total_page, ==, last_page);
  /* right-aligned numbers: every Cost ends where the others do, whatever
   * its number of digits, on every page; Value too */
  g_assert_cmpuint (cost_ends->len, ==, N_CAMPAIGNS + 1);
  assert_aligned (cost_ends, 0.6);
  assert_aligned (value_ends, 0.6);
}

static void
test_wide_table (gconstpointer data)
{
  Written *w;
  guint found = 0;

  if (!have_poppler ())
    return;
  w = write_layout (data);
  for (guint p = 1; p < w->pages->len; p++)
    {
      const Page *page = g_ptr_array_index (w->pages, p);
      const Word *direct = find_word (page, "Direct");
      g_autoptr (GArray) ends = g_array_new (FALSE, FALSE, sizeof (double));

      if (direct == NULL || find_word (page, "Shapley") == NULL)
        continue;
      found++;
      /* eleven amounts on Direct's line, none wrapped: eleven "€" */
      for (guint i = 0; i < page->words->len; i++)
        {
          const Word *word = &g_array_index (page->words, Word, i);

          if (g_str_equal (word->text, "€") && fabs (word->y_min - direct->y_min) < 1)
            g_array_append_val (ends, word->x_max);
        }
      g_assert_cmpuint (ends->len, ==, 11);
    }
  g_assert_cmpuint (found, ==, 1);
}

static void
test_slides_one_idea_each (void)
{
  Written *w;
  guint summary_page = 0;
  guint roi_page = 0;
  guint chart_page = 0;

  if (!have_poppler ())
    return;
  w = write_layout (GUINT_TO_POINTER (RDM_DOCUMENT_LAYOUT_SLIDES));
  for (guint p = 1; p < w->pages->len; p++)
    {
      g_autofree char *text = page_text (g_ptr_array_index (w->pages, p));

      if (g_str_has_prefix (text, "Executive summary"))
        summary_page = p;
      if (g_str_has_prefix (text, "Return on investment") && roi_page == 0)
        roi_page = p;
      /* the chart's slide is titled by its heading */
      if (g_str_has_prefix (text, "Where the models disagree"))
        {
          chart_page = p;
          g_assert_nonnull (strstr (text, "Conversions by model"));
        }
    }
  g_assert_cmpuint (summary_page, ==, 1);
  g_assert_cmpuint (roi_page, >, summary_page);
  g_assert_cmpuint (chart_page, >, roi_page);
}

/* Whether the bytes @data contain @needle; PDF files hold NUL bytes, which
 * stop g_strstr_len(). */
static gboolean
contains (const char *data, gsize length, const char *needle)
{
  gsize needle_length = strlen (needle);

  for (gsize i = 0; i + needle_length <= length; i++)
    if (memcmp (data + i, needle, needle_length) == 0)
      return TRUE;
  return FALSE;
}

/* A bookmark per section and heading, pointing at its page. */
static void
test_outline (void)
{
  Written *w;
  g_autofree char *pdf = NULL;
  gsize length;

  if (!have_poppler ())
    return;
  w = write_layout (GUINT_TO_POINTER (RDM_DOCUMENT_LAYOUT_REPORT));
  g_assert_true (g_file_get_contents (w->pdf, &pdf, &length, NULL));
  /* cairo writes the outline uncompressed, ASCII titles as literals */
  g_assert_true (contains (pdf, length, "/Outlines"));
  g_assert_true (contains (pdf, length, "/Title (Executive summary)"));
  g_assert_true (contains (pdf, length, "/Title (Return on investment)"));
  g_assert_true (contains (pdf, length, "/Title (Campaigns)"));
  g_assert_true (contains (pdf, length, "/Title (Models side by side)"));
  /* the first section's title at the top margin: 841.89 - 50 from the
   * page's foot */
  g_assert_true (contains (pdf, length, "/XYZ 50 791.89 0]"));
}

/* A paragraph of @n_sentences sentences then a section "Summary": checks
 * that every sentence is there once and returns whether the section
 * started a page, and the bottom of the paragraph's last line. */
static gboolean
write_paragraph_then_section (guint n_sentences, double *paragraph_bottom)
{
  g_autoptr (RdmDocument) document = cover_only (NULL);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *out = g_build_filename (tmpdir, "long-paragraph.pdf", NULL);
  g_autoptr (GPtrArray) pages = NULL;
  g_autofree guint *seen = g_new0 (guint, n_sentences);
  const Page *last;
  const Word *summary;

  for (guint i = 0; i < n_sentences; i++)
    g_string_append_printf (text, "Sentence-%03u says what the numbers mean for the next quarter. ",
                            i);
  rdm_document_add_paragraph (document, text->str);
  rdm_document_add_section (document, "Summary");
  g_assert_true (rdm_document_write_pdf (document, RDM_DOCUMENT_LAYOUT_REPORT, out, &error));
  g_assert_no_error (error);
  pages = read_words (out);
  g_assert_cmpuint (pages->len, >=, 4);
  *paragraph_bottom = 0;
  for (guint p = 1; p < pages->len; p++)
    {
      const Page *page = g_ptr_array_index (pages, p);

      for (guint i = 0; i < page->words->len; i++)
        {
          const Word *word = &g_array_index (page->words, Word, i);

          if (g_str_has_prefix (word->text, "Sentence-"))
            {
              guint index = g_ascii_strtoull (word->text + strlen ("Sentence-"), NULL, 10);

              g_assert_cmpuint (index, <, n_sentences);
              seen[index]++;
            }
          g_assert_cmpfloat (word->y_max, <=, 841.89 - 20);
        }
    }
  for (guint i = 0; i < n_sentences; i++)
    g_assert_cmpuint (seen[i], ==, 1);

  /* the section is on the last page; the paragraph ends on it or on the
   * page before */
  last = g_ptr_array_index (pages, pages->len - 1);
  summary = find_word (last, "Summary");
  g_assert_nonnull (summary);
  for (guint i = 0; i < last->words->len; i++)
    if (g_str_has_prefix (g_array_index (last->words, Word, i).text, "Sentence-"))
      *paragraph_bottom = MAX (*paragraph_bottom, g_array_index (last->words, Word, i).y_max);
  if (*paragraph_bottom > 0)
    {
      g_assert_cmpfloat (summary->y_min, >, *paragraph_bottom);
      return FALSE;
    }
  /* at the top of its page */
  g_assert_cmpfloat (summary->y_min, <, 60);
  last = g_ptr_array_index (pages, pages->len - 2);
  for (guint i = 0; i < last->words->len; i++)
    if (g_str_has_prefix (g_array_index (last->words, Word, i).text, "Sentence-"))
      *paragraph_bottom = MAX (*paragraph_bottom, g_array_index (last->words, Word, i).y_max);
  return TRUE;
}

/* A paragraph longer than a page goes on over the next pages, every line
 * once; a section that would begin in the last quarter of a page (the
 * text is 791.89 - 50 = 729.89 pt high, so below 50 + 547.42 = 597.42)
 * begins the next page instead. The paragraph grows sentence by sentence
 * until both cases were seen. */
static void
test_long_paragraph_and_section_break (void)
{
  gboolean seen_break = FALSE;
  gboolean seen_same_page = FALSE;

  if (!have_poppler ())
    return;
  for (guint n = 250; n < 300 && !(seen_break && seen_same_page); n += 3)
    {
      double bottom;

      if (write_paragraph_then_section (n, &bottom))
        {
          /* the line's box is within a point of the cursor, which has
           * 5 pt of space after the paragraph */
          g_assert_cmpfloat (bottom, >, 597.42 - 6);
          seen_break = TRUE;
        }
      else
        {
          g_assert_cmpfloat (bottom, <, 597.42 + 1);
          seen_same_page = TRUE;
        }
    }
  g_assert_true (seen_break);
  g_assert_true (seen_same_page);
}

/* Tables of 40 to 60 rows, one of which would leave its last row alone on
 * a page of its own: none does, and every row is there once. */
static void
test_no_lone_row (void)
{
  if (!have_poppler ())
    return;
  for (guint n = 40; n <= 60; n++)
    {
      g_autoptr (RdmDocument) document = cover_only (NULL);
      g_autoptr (RdmDocumentTable) table = rdm_document_table_new ("Rows", "Rows");
      g_autoptr (GError) error = NULL;
      g_autofree char *out = g_build_filename (tmpdir, "rows.pdf", NULL);
      g_autoptr (GPtrArray) pages = NULL;
      guint n_seen = 0;

      rdm_document_table_add_column (table, "Row", RDM_DOCUMENT_TEXT, FALSE);
      rdm_document_table_add_column (table, "Conversions", RDM_DOCUMENT_COUNT, FALSE);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *name = g_strdup_printf ("Row-%02u", i);
          guint row = rdm_document_table_add_row (table, FALSE);

          rdm_document_table_set_text (table, row, 0, name);
          rdm_document_table_set_number (table, row, 1, i);
        }
      rdm_document_add_table (document, g_steal_pointer (&table));
      g_assert_true (rdm_document_write_pdf (document, RDM_DOCUMENT_LAYOUT_REPORT, out, &error));
      g_assert_no_error (error);
      pages = read_words (out);
      for (guint p = 1; p < pages->len; p++)
        {
          const Page *page = g_ptr_array_index (pages, p);
          guint rows_on_page = 0;

          for (guint i = 0; i < page->words->len; i++)
            if (g_str_has_prefix (g_array_index (page->words, Word, i).text, "Row-"))
              rows_on_page++;
          g_assert_cmpuint (rows_on_page, >=, 2);
          n_seen += rows_on_page;
        }
      g_assert_cmpuint (n_seen, ==, n);
    }
}

/* The same checks in French, in a process of its own: amounts grouped
 * with narrow no-break spaces ("1 234 567 €") are wider, and must still
 * fit the page and line up. */
static void
test_french (void)
{
  g_autofree char *total = NULL;

  if (!have_poppler ())
    return;
  if (!g_test_subprocess ())
    {
      g_autofree char *locale_dir = rdm_test_make_tmpdir ();

      /* a French locale of our own, without touching the system */
      rdm_test_build_locale (locale_dir, "fr_FR");
      g_setenv ("LOCPATH", locale_dir, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_unsetenv ("LOCPATH");
      rdm_test_remove_tree (locale_dir);
      g_test_trap_assert_passed ();
      return;
    }

  g_setenv ("LC_ALL", "fr_FR.UTF-8", TRUE);
  g_assert_nonnull (setlocale (LC_ALL, ""));
  for (guint i = 0; i < G_N_ELEMENTS (written); i++)
    {
      gconstpointer layout = GUINT_TO_POINTER (i);

      test_words_inside_margins (layout);
      test_cover_and_page_numbers (layout);
      test_long_table (layout);
      test_wide_table (layout);
    }
  /* the total cost, grouped by thousands, with a decimal comma in ROI */
  for (guint p = 1; p < written[0].pages->len && total == NULL; p++)
    {
      g_autofree char *text = page_text (g_ptr_array_index (written[0].pages, p));

      if (strstr (text, "Total 15 562 680 € 25 557 837 € 64,2 % 1,64 × n/a") != NULL)
        total = g_steal_pointer (&text);
    }
  g_assert_nonnull (total);
}

/* Bad input ----------------------------------------------------------------- */

static void
test_unwritable_path (void)
{
  g_autoptr (RdmDocument) document = cover_only (NULL);
  g_autoptr (GError) error = NULL;
  const char *out = "/nonexistent-folder/review.pdf";

  g_assert_false (rdm_document_write_pdf (document, RDM_DOCUMENT_LAYOUT_REPORT, out, &error));
  g_assert_error (error, RDM_DOCUMENT_PDF_ERROR, RDM_DOCUMENT_PDF_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, out));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
test_corrupt_logo (void)
{
  g_autoptr (GBytes) logo = g_bytes_new_static ("\x89PNG\r\n\x1a\n not really", 19);
  g_autoptr (RdmDocument) document = cover_only (logo);
  g_autoptr (GError) error = NULL;
  g_autofree char *out = g_build_filename (tmpdir, "corrupt-logo.pdf", NULL);

  g_assert_null (rdm_document_paginate (document, RDM_DOCUMENT_LAYOUT_SLIDES, &error));
  g_assert_error (error, RDM_DOCUMENT_PDF_ERROR, RDM_DOCUMENT_PDF_ERROR_LOGO);
  g_assert_nonnull (strstr (error->message, "logo"));
  g_clear_error (&error);
  g_assert_false (rdm_document_write_pdf (document, RDM_DOCUMENT_LAYOUT_REPORT, out, &error));
  g_assert_error (error, RDM_DOCUMENT_PDF_ERROR, RDM_DOCUMENT_PDF_ERROR_LOGO);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static cairo_status_t
append_png (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A 400 × 100 PNG: scaled into the logo box, 150 × 64 on a page, it is
 * 150 × 37.5, keeping its aspect. */
static GBytes *
png_logo (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 100);
  cairo_t *cr = cairo_create (surface);
  GByteArray *bytes = g_byte_array_new ();

  cairo_set_source_rgb (cr, 0.8, 0.1, 0.1);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_png, bytes), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (bytes);
}

/* The share of pixels of @surface's rectangle that are not white. */
static double
ink (cairo_surface_t *surface, int x0, int y0, int x1, int y1)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint inked = 0;

  cairo_surface_flush (surface);
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      if ((((const guint32 *)(data + y * stride))[x] & 0xffffff) != 0xffffff)
        inked++;
  return (double)inked / ((x1 - x0) * (y1 - y0));
}

/* A cover with a PNG logo and one with an SVG logo, drawn as the preview
 * does; and an empty document is its cover. */
static void
test_logo_and_preview (void)
{
  static const char svg[] = "<svg xmlns='http://www.w3.org/2000/svg' width='100' height='100'>"
                            "<circle cx='50' cy='50' r='50' fill='#1c71d8'/></svg>";
  g_autoptr (GBytes) png = png_logo ();
  g_autoptr (GBytes) svg_bytes = g_bytes_new_static (svg, sizeof svg - 1);
  GBytes *logos[] = { png, svg_bytes };

  for (guint i = 0; i < G_N_ELEMENTS (logos); i++)
    {
      g_autoptr (RdmDocument) document = cover_only (logos[i]);
      g_autoptr (GError) error = NULL;
      g_autoptr (RdmDocumentPages) pages
          = rdm_document_paginate (document, RDM_DOCUMENT_LAYOUT_REPORT, &error);
      cairo_surface_t *surface;
      cairo_t *cr;
      double width;
      double height;

      g_assert_no_error (error);
      g_assert_cmpuint (rdm_document_pages_get_n_pages (pages), ==, 1);
      rdm_document_pages_get_size (pages, &width, &height);
      g_assert_cmpfloat (width, ==, 595.28);
      g_assert_cmpfloat (height, ==, 841.89);

      /* half scale, as a preview draws it */
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 298, 421);
      cr = cairo_create (surface);
      cairo_scale (cr, 0.5, 0.5);
      rdm_document_pages_render (pages, 0, cr);
      cairo_destroy (cr);
      /* the logo's box at the top right: 150 × 64 from x 395.28, y 39 */
      if (i == 0)
        {
          /* a red band 150 × 37.5, fully inked, and white below it */
          g_assert_cmpfloat (ink (surface, 199, 21, 220, 36), >, 0.99);
          g_assert_cmpfloat (ink (surface, 199, 42, 220, 50), <, 0.01);
        }
      else
        /* a circle 64 pt high at the right of the box */
        g_assert_cmpfloat (ink (surface, 255, 28, 270, 40), >, 0.99);
      /* the title at 30 % of the page, white margins left of it */
      g_assert_cmpfloat (ink (surface, 25, 127, 120, 140), >, 0.05);
      g_assert_cmpfloat (ink (surface, 0, 30, 24, 400), <, 0.001);
      if (g_getenv ("RDM_SCREENSHOTS_DIR") != NULL)
        {
          g_autofree char *name = g_strdup_printf ("cover-logo-%u.png", i + 1);
          g_autofree char *path = g_build_filename (g_getenv ("RDM_SCREENSHOTS_DIR"), name, NULL);

          g_assert_cmpint (g_mkdir_with_parents (g_getenv ("RDM_SCREENSHOTS_DIR"), 0755), ==, 0);
          g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
        }
      cairo_surface_destroy (surface);
    }
}

static void
test_empty_document (void)
{
  g_autoptr (RdmDocument) document = cover_only (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *out = g_build_filename (tmpdir, "empty.pdf", NULL);
  g_autofree char *n_pages = NULL;
  g_autoptr (GPtrArray) pages = NULL;

  if (!have_poppler ())
    return;
  g_assert_true (rdm_document_write_pdf (document, RDM_DOCUMENT_LAYOUT_SLIDES, out, &error));
  g_assert_no_error (error);
  keep_for_screenshots (out);
  n_pages = pdfinfo (out, "Pages");
  g_assert_cmpstr (n_pages, ==, "1");
  pages = read_words (out);
  g_assert_cmpuint (pages->len, ==, 1);
  g_assert_nonnull (find_word (g_ptr_array_index (pages, 0), "Quarterly"));
  g_assert_null (find_word (g_ptr_array_index (pages, 0), "Page"));
}

static gpointer
write_in_thread (gpointer data)
{
  RdmDocumentLayout layout = GPOINTER_TO_UINT (data);
  g_autoptr (RdmDocument) document = full_document ();
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("thread-%u.pdf", layout);
  g_autofree char *out = g_build_filename (tmpdir, name, NULL);
  g_autoptr (RdmDocumentPages) pages = rdm_document_paginate (document, layout, &error);

  g_assert_no_error (error);
  g_assert_true (rdm_document_write_pdf (document, layout, out, &error));
  g_assert_no_error (error);
  return GUINT_TO_POINTER (rdm_document_pages_get_n_pages (pages));
}

/* The window exports in a worker while it draws its preview: both layouts
 * at once give the pages they give alone. */
static void
test_threads (void)
{
  GThread *threads[2];

  if (!have_poppler ())
    return;
  for (guint i = 0; i < 2; i++)
    threads[i] = g_thread_new ("typeset", write_in_thread, GUINT_TO_POINTER (written[i].layout));
  for (guint i = 0; i < 2; i++)
    {
      guint n_pages = GPOINTER_TO_UINT (g_thread_join (threads[i]));

      g_assert_cmpuint (n_pages, ==, write_layout (GUINT_TO_POINTER (i))->pages->len);
    }
}

int
main (int argc, char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  tmpdir = rdm_test_make_tmpdir ();

  for (guint i = 0; i < G_N_ELEMENTS (written); i++)
    {
      static const char *const tests[] = { "size-and-metadata", "inside-margins",
                                           "cover-and-page-numbers", "long-table", "wide-table" };
      static const GTestDataFunc funcs[]
          = { test_page_size_and_metadata, test_words_inside_margins, test_cover_and_page_numbers,
              test_long_table, test_wide_table };

      for (guint t = 0; t < G_N_ELEMENTS (tests); t++)
        {
          g_autofree char *path
              = g_strdup_printf ("/document-pdf/%s/%s", written[i].name, tests[t]);

          g_test_add_data_func (path, GUINT_TO_POINTER (i), funcs[t]);
        }
    }
  g_test_add_func ("/document-pdf/slides/one-idea-each", test_slides_one_idea_each);
  g_test_add_func ("/document-pdf/report/outline", test_outline);
  g_test_add_func ("/document-pdf/report/long-paragraph", test_long_paragraph_and_section_break);
  g_test_add_func ("/document-pdf/report/no-lone-row", test_no_lone_row);
  g_test_add_func ("/document-pdf/french", test_french);
  g_test_add_func ("/document-pdf/unwritable-path", test_unwritable_path);
  g_test_add_func ("/document-pdf/corrupt-logo", test_corrupt_logo);
  g_test_add_func ("/document-pdf/logo-and-preview", test_logo_and_preview);
  g_test_add_func ("/document-pdf/empty-document", test_empty_document);
  g_test_add_func ("/document-pdf/threads", test_threads);
  status = g_test_run ();

  for (guint i = 0; i < G_N_ELEMENTS (written); i++)
    {
      g_clear_pointer (&written[i].pages, g_ptr_array_unref);
      g_free (written[i].pdf);
    }
  rdm_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
