/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Small dense least squares from normal equations, for models with a few
 * dozen coefficients (the media-mix model, interrupted time series). The
 * matrices are p × p, row-major; p stays small enough that a Cholesky
 * factorisation is both exact and cheap, and a library for it would be a
 * dependency for thirty lines. */

/* Solves @a x = @b for a symmetric positive definite @a (p × p), in place:
 * @a is overwritten by its Cholesky factor and @b by x. FALSE when @a is
 * not positive definite. */
gboolean rdm_linear_cholesky_solve (double *a, double *b, guint p);

/* Inverts the symmetric positive definite @p × @p matrix @a into
 * @inverse (for a covariance). FALSE when @a is not positive definite;
 * @inverse is then undefined. */
gboolean rdm_linear_cholesky_invert (const double *a, guint p, double *inverse);

/* Least squares with sign constraints, from the Gram matrix @gram = X'X
 * and @xty = X'y: minimises b'·gram·b − 2·xty'·b subject to b[j] ≥ 0 for
 * every j where @nonnegative[j] (the others are free). Lawson and Hanson's
 * active-set method (Solving Least Squares Problems, 1974, ch. 23), which
 * ends in a finite number of steps with the exact constrained optimum.
 * @ridge is added to the diagonal of the constrained coefficients (0 for
 * none). FALSE when the free part is singular. */
gboolean rdm_linear_bounded_least_squares (const double *gram,
                                           const double *xty,
                                           guint p,
                                           const gboolean *nonnegative,
                                           double ridge,
                                           double *out_b);

G_END_DECLS
