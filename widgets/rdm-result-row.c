/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "rdm-result-row.h"

struct _RdmResultRow
{
  GObject parent_instance;

  char *label;
  char *key;
  guint n_columns;
  double *numbers;
  char **texts; /* n_columns + 1, NULL-terminated */
};

G_DEFINE_FINAL_TYPE (RdmResultRow, rdm_result_row, G_TYPE_OBJECT)

static void
rdm_result_row_finalize (GObject *object)
{
  RdmResultRow *self = RDM_RESULT_ROW (object);

  g_free (self->label);
  g_free (self->key);
  g_free (self->numbers);
  g_strfreev (self->texts);
  G_OBJECT_CLASS (rdm_result_row_parent_class)->finalize (object);
}

static void
rdm_result_row_class_init (RdmResultRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rdm_result_row_finalize;
}

static void
rdm_result_row_init (RdmResultRow *self)
{
}

RdmResultRow *
rdm_result_row_new (const char *label, const char *key, guint n_columns)
{
  RdmResultRow *self = g_object_new (RDM_TYPE_RESULT_ROW, NULL);

  self->label = g_strdup (label);
  self->key = g_strdup (key);
  self->n_columns = n_columns;
  self->numbers = g_new (double, MAX (n_columns, 1));
  self->texts = g_new0 (char *, n_columns + 1);
  for (guint i = 0; i < n_columns; i++)
    {
      self->numbers[i] = NAN;
      self->texts[i] = g_strdup ("");
    }
  return self;
}

const char *
rdm_result_row_get_label (RdmResultRow *self)
{
  g_return_val_if_fail (RDM_IS_RESULT_ROW (self), NULL);

  return self->label;
}

const char *
rdm_result_row_get_key (RdmResultRow *self)
{
  g_return_val_if_fail (RDM_IS_RESULT_ROW (self), NULL);

  return self->key;
}

guint
rdm_result_row_get_n_columns (RdmResultRow *self)
{
  g_return_val_if_fail (RDM_IS_RESULT_ROW (self), 0);

  return self->n_columns;
}

void
rdm_result_row_set_cell (RdmResultRow *self, guint column, double number, char *text)
{
  g_return_if_fail (RDM_IS_RESULT_ROW (self));
  g_return_if_fail (column < self->n_columns);

  self->numbers[column] = number;
  g_free (self->texts[column]);
  self->texts[column] = text != NULL ? text : g_strdup ("");
}

double
rdm_result_row_get_number (RdmResultRow *self, guint column)
{
  g_return_val_if_fail (RDM_IS_RESULT_ROW (self), NAN);
  g_return_val_if_fail (column < self->n_columns, NAN);

  return self->numbers[column];
}

const char *
rdm_result_row_get_text (RdmResultRow *self, guint column)
{
  g_return_val_if_fail (RDM_IS_RESULT_ROW (self), NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);

  return self->texts[column];
}
