/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rdm-section.h"

G_BEGIN_DECLS

/* Initialises GTK and libadwaita for an in-process GUI test and returns
 * TRUE; without a display, initialises GLib's test framework only and
 * returns FALSE, and the caller registers nothing but
 * rdm_gui_test_no_display() so the run reports a skip. */
gboolean rdm_gui_test_init (int *argc, char ***argv);
void rdm_gui_test_no_display (void);

/* Runs the main loop until @done returns TRUE (meson's timeout catches a
 * condition that never comes). */
void rdm_gui_test_wait (gboolean (*done) (gpointer data), gpointer data);

/* Runs the main loop until the window has stopped changing, as a person
 * would wait before looking: @widget (or, when NULL, every window) is
 * mapped and allocated, no spinner it shows spins (the sections compute in
 * workers), nothing is pending, and a frame has been painted after that.
 * Waits on these conditions, never for a fixed time; meson's timeout
 * catches one that never comes. */
void rdm_gui_test_settle (GtkWidget *widget);

/* Renders @widget as the compositor would and writes it to NAME.png in
 * $RDM_SCREENSHOTS_DIR (kept as test artefacts), or nowhere when unset.
 * Returns the texture for pixel checks. */
GdkTexture *rdm_gui_test_screenshot (GtkWidget *widget, const char *name);

/* Whether a label or a button under @widget reads @text (a toast's title
 * or button, say). */
gboolean rdm_gui_test_shows_label (GtkWidget *widget, const char *text);

/* Gives @section a session of its own showing @project, as the window
 * gives its sections the window's; returns that session (owned by the
 * section). */
RdmProjectSession *rdm_gui_test_set_project (GtkWidget *section, RdmProject *project);

/* The first button under @root, depth first, that is mapped (what a person
 * can click) and activates @action_name; NULL when there is none. */
GtkWidget *rdm_gui_test_find_action_button (GtkWidget *root, const char *action_name);

/* Builds the en_US and fr_FR locales under @tmpdir (localedef) and points
 * $LOCPATH at them, for rdm_gui_test_use_language(). */
void rdm_gui_test_build_languages (const char *tmpdir);

/* Switches the whole process to @locale (built with localedef under
 * $LOCPATH) and the product's catalogs in $RDM_LOCALE_DIR, as a person
 * whose desktop speaks that language would see the window. */
void rdm_gui_test_use_language (const char *locale);

/* Clicks @button, then returns the text on its clipboard. */
char *rdm_gui_test_click_and_read_clipboard (GtkWidget *button);

G_END_DECLS
