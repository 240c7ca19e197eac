/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rdm-analysis-settings.h"
#include "rdm-document.h"
#include "rdm-media-mix-fitter.h"
#include "rdm-project.h"

G_BEGIN_DECLS

/* RdmReviewDialog: the window's "Export Quarterly Review…" (SPEC.md, "The
 * quarterly review and the client deck"). A modal window with the choices
 * of "rendement-cli report" (layout, quarter, model, language) and the
 * project's branding (title, client, author, logo, accent), beside a
 * preview of the document's first pages that follows every change. The
 * review is computed and typeset in worker threads, each on a project
 * connection of its own, and in the language chosen without changing the
 * interface's. Export asks for a PDF file, writes it with a progress bar
 * (Cancel stops it), saves the branding in the project and closes.
 *
 * Signal: "exported" (GFile *file), after the PDF was written and the
 * branding saved, just before the window closes. */
#define RDM_TYPE_REVIEW_DIALOG (rdm_review_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RdmReviewDialog, rdm_review_dialog, RDM, REVIEW_DIALOG, AdwWindow)

/* The languages a review is written in. */
typedef enum
{
  RDM_REVIEW_LANGUAGE_INTERFACE, /* the interface's: nothing switched */
  RDM_REVIEW_LANGUAGE_ENGLISH,
  RDM_REVIEW_LANGUAGE_FRENCH,
} RdmReviewLanguage;

/* A modal window over @parent for @project's review, computed with
 * @settings (the window's: windows, models compared, bootstrap,
 * calibration, shared costs; its ROI model is the one preselected) and
 * @fitter's media-mix fit when it is there (the session's; NULL for
 * none: an export then fits the model, a preview leaves it out). All
 * are referenced. The form is filled from the project's quarters and
 * branding; NULL with @error set when they cannot be read. Present it
 * with gtk_window_present(); it destroys itself when closed. */
RdmReviewDialog *rdm_review_dialog_new (GtkWindow *parent,
                                        RdmProject *project,
                                        RdmAnalysisSettings *settings,
                                        RdmMediaMixFitter *fitter,
                                        GError **error);

/* What "Export…" does once a file is chosen: checks the branding (an
 * error shows in a dialog and nothing starts), then computes and writes
 * the review to @file in a worker thread. Ends with "exported" and the
 * window closing, or an error dialog with the form kept. */
void rdm_review_dialog_export_to (RdmReviewDialog *self, GFile *file);
/* Whether an export runs. */
gboolean rdm_review_dialog_is_exporting (RdmReviewDialog *self);

/* For tests: the form's rows and the preview. */
AdwComboRow *_rdm_review_dialog_get_layout_row (RdmReviewDialog *self);
AdwComboRow *_rdm_review_dialog_get_quarter_row (RdmReviewDialog *self);
AdwComboRow *_rdm_review_dialog_get_model_row (RdmReviewDialog *self);
AdwComboRow *_rdm_review_dialog_get_language_row (RdmReviewDialog *self);
GtkEditable *_rdm_review_dialog_get_title_entry (RdmReviewDialog *self);
GtkEditable *_rdm_review_dialog_get_client_entry (RdmReviewDialog *self);
/* Whether the preview is up to date with the form (no computation pending
 * or running). */
gboolean _rdm_review_dialog_preview_is_ready (RdmReviewDialog *self);
/* The preview's thumbnail of page @index (0 is the cover), or NULL when it
 * has no such page or shows an error. */
GdkTexture *_rdm_review_dialog_get_thumbnail (RdmReviewDialog *self, guint index);
/* The error the preview shows, or NULL. */
const char *_rdm_review_dialog_get_preview_error (RdmReviewDialog *self);
/* Sets the logo as if @path had been chosen; FALSE with @error when it is
 * not a PNG or SVG file. */
gboolean _rdm_review_dialog_set_logo_file (RdmReviewDialog *self, const char *path, GError **error);

G_END_DECLS
