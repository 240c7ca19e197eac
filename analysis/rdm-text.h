/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @text with every control character written as an escape ("\n", "\t",
 * "\x1b", "\u0085") and the bidirectional overrides too ("\u202e"), so that
 * a name from a file can neither drive a terminal nor reorder what is
 * printed around it. With @keep_newlines, "\n" is left as it is (for
 * messages of several lines). Bytes that are not UTF-8 become U+FFFD. */
char *rdm_text_escape_controls (const char *text, gboolean keep_newlines);

/* Appends @text to @out as a string literal of the filter and formula
 * languages, which share one syntax: in double quotes, with '"' and '\\'
 * preceded by a backslash and every other byte as it is. */
void rdm_text_append_quoted (GString *out, const char *text);

G_END_DECLS
