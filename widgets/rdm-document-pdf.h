/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "rdm-document.h"

G_BEGIN_DECLS

/* An RdmDocument typeset on pages: A4 report pages or 16:9 slides, drawn
 * into any cairo context (the window's preview) or written as a PDF (the
 * command line and the window's export). One type family, sizes in points;
 * no GTK, and every call creates its own Pango font map, so a worker
 * thread can typeset while the main thread draws a preview. */

#define RDM_DOCUMENT_PDF_ERROR (rdm_document_pdf_error_quark ())

typedef enum
{
  RDM_DOCUMENT_PDF_ERROR_LOGO,  /* the cover's logo is not a PNG or SVG image */
  RDM_DOCUMENT_PDF_ERROR_WRITE, /* the PDF could not be made or written */
} RdmDocumentPdfError;

GQuark rdm_document_pdf_error_quark (void);

/* RdmDocumentLayout (rdm-document.h): A4 portrait is 595.28 × 841.89 pt,
 * slides 16:9 at 960 × 540 pt, one idea per slide. */

/* The document laid out on pages. It refers to the document's texts,
 * tables and charts: the document must outlive it and stay unchanged. */
typedef struct _RdmDocumentPages RdmDocumentPages;

/* Lays out @document: the cover is page 0, every other page has a footer
 * with the document's footer text and "Page N of M". Fails only when the
 * cover's logo cannot be decoded (RDM_DOCUMENT_PDF_ERROR_LOGO). A document
 * without blocks is a cover alone. */
RdmDocumentPages *
rdm_document_paginate (const RdmDocument *document, RdmDocumentLayout layout, GError **error);
void rdm_document_pages_free (RdmDocumentPages *pages);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdmDocumentPages, rdm_document_pages_free)

/* At least 1 (the cover). */
guint rdm_document_pages_get_n_pages (const RdmDocumentPages *pages);
/* The page size in points (1/72 inch); every page has the same. */
void
rdm_document_pages_get_size (const RdmDocumentPages *pages, double *width_pt, double *height_pt);

/* Draws page @index (0 is the cover) into @cr in points from (0, 0),
 * white background included: a preview scales @cr first. @cr's state is
 * left as it was. */
void rdm_document_pages_render (const RdmDocumentPages *pages, guint index, cairo_t *cr);

/* Typesets @document and writes it to the PDF file @out, with its title,
 * author and creation date as metadata and a bookmark per section and
 * heading. The file is replaced at once: on error nothing is written and
 * the message names @out. */
gboolean rdm_document_write_pdf (const RdmDocument *document,
                                 RdmDocumentLayout layout,
                                 const char *out,
                                 GError **error);

G_END_DECLS
