/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fit is a GTask on the fitter's cancellable; a reset or a cancel drops
 * that cancellable, and a fit whose task no longer carries the current one
 * is dropped when it ends, so that the fit of a project left behind never
 * shows on the next one.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rdm-format.h"
#include "rdm-media-mix-fitter.h"

struct _RdmMediaMixFitter
{
  GObject parent_instance;

  RdmProjectData *data;
  GCancellable *cancellable; /* of the fit that runs */
  RdmMediaMixState state;
  RdmMediaMixResult *result;
  GError *error;
  guint n_fits;
};

G_DEFINE_FINAL_TYPE (RdmMediaMixFitter, rdm_media_mix_fitter, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

RdmMediaMixFitter *
rdm_media_mix_fitter_new (void)
{
  return g_object_new (RDM_TYPE_MEDIA_MIX_FITTER, NULL);
}

static void
set_state (RdmMediaMixFitter *self, RdmMediaMixState state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
clear_results (RdmMediaMixFitter *self)
{
  g_clear_pointer (&self->result, rdm_media_mix_result_unref);
  g_clear_error (&self->error);
}

static void
drop_run (RdmMediaMixFitter *self)
{
  if (self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

void
rdm_media_mix_fitter_reset (RdmMediaMixFitter *self, RdmProjectData *data)
{
  g_return_if_fail (RDM_IS_MEDIA_MIX_FITTER (self));

  drop_run (self);
  clear_results (self);
  if (data != self->data)
    {
      g_clear_pointer (&self->data, rdm_project_data_unref);
      self->data = data != NULL ? rdm_project_data_ref (data) : NULL;
    }
  /* IDLE again even when it was: the sections showing it must look again */
  self->state = RDM_MEDIA_MIX_STATE_IDLE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
fit_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  RdmProjectData *data = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_data_open (data, &error);
  g_autoptr (RdmMediaMixResult) outcome = NULL;
  RdmMmmOptions options = RDM_MMM_OPTIONS_INIT;

  if (project != NULL)
    {
      options.cancellable = cancellable;
      outcome = rdm_project_media_mix_result (project, &options, &error);
    }
  if (outcome == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&outcome),
                         (GDestroyNotify)rdm_media_mix_result_unref);
}

static void
fit_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (RdmMediaMixFitter) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmMediaMixResult) outcome = NULL;

  /* a dropped fit's outcome is left to the task, which frees it */
  if (self->cancellable == NULL || g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;
  g_clear_object (&self->cancellable);
  outcome = g_task_propagate_pointer (G_TASK (result), &error);
  if (outcome == NULL)
    {
      self->error = g_steal_pointer (&error);
      set_state (self, RDM_MEDIA_MIX_STATE_FAILED);
      return;
    }
  self->result = g_steal_pointer (&outcome);
  set_state (self, RDM_MEDIA_MIX_STATE_READY);
}

void
rdm_media_mix_fitter_fit (RdmMediaMixFitter *self)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (RDM_IS_MEDIA_MIX_FITTER (self));

  if (self->data == NULL || self->state == RDM_MEDIA_MIX_STATE_FITTING
      || self->state == RDM_MEDIA_MIX_STATE_READY)
    return;
  clear_results (self);
  self->cancellable = g_cancellable_new ();
  self->n_fits++;
  task = g_task_new (NULL, self->cancellable, fit_done, g_object_ref (self));
  g_task_set_source_tag (task, rdm_media_mix_fitter_fit);
  g_task_set_task_data (task, rdm_project_data_ref (self->data),
                        (GDestroyNotify)rdm_project_data_unref);
  set_state (self, RDM_MEDIA_MIX_STATE_FITTING);
  g_task_run_in_thread (task, fit_thread);
}

void
rdm_media_mix_fitter_cancel (RdmMediaMixFitter *self)
{
  g_return_if_fail (RDM_IS_MEDIA_MIX_FITTER (self));

  if (self->state != RDM_MEDIA_MIX_STATE_FITTING)
    return;
  drop_run (self);
  set_state (self, RDM_MEDIA_MIX_STATE_CANCELLED);
}

RdmMediaMixState
rdm_media_mix_fitter_get_state (RdmMediaMixFitter *self)
{
  g_return_val_if_fail (RDM_IS_MEDIA_MIX_FITTER (self), RDM_MEDIA_MIX_STATE_IDLE);
  return self->state;
}

const RdmMmmFit *
rdm_media_mix_fitter_get_fit (RdmMediaMixFitter *self)
{
  g_return_val_if_fail (RDM_IS_MEDIA_MIX_FITTER (self), NULL);
  return self->result != NULL ? self->result->fit : NULL;
}

const RdmMediaMixData *
rdm_media_mix_fitter_get_data (RdmMediaMixFitter *self)
{
  g_return_val_if_fail (RDM_IS_MEDIA_MIX_FITTER (self), NULL);
  return self->result != NULL ? self->result->data : NULL;
}

GPtrArray *
rdm_media_mix_fitter_get_events (RdmMediaMixFitter *self)
{
  g_return_val_if_fail (RDM_IS_MEDIA_MIX_FITTER (self), NULL);
  return self->result != NULL ? self->result->events : NULL;
}

RdmMediaMixResult *
rdm_media_mix_fitter_get_result (RdmMediaMixFitter *self)
{
  g_return_val_if_fail (RDM_IS_MEDIA_MIX_FITTER (self), NULL);
  return self->result;
}

RdmMediaMixResult *
rdm_media_mix_fitter_dup_result (RdmMediaMixFitter *self)
{
  g_return_val_if_fail (RDM_IS_MEDIA_MIX_FITTER (self), NULL);
  return self->result != NULL ? rdm_media_mix_result_ref (self->result) : NULL;
}

const GError *
rdm_media_mix_fitter_get_error (RdmMediaMixFitter *self)
{
  g_return_val_if_fail (RDM_IS_MEDIA_MIX_FITTER (self), NULL);
  return self->error;
}

guint
rdm_media_mix_fitter_get_n_fits (RdmMediaMixFitter *self)
{
  g_return_val_if_fail (RDM_IS_MEDIA_MIX_FITTER (self), 0);
  return self->n_fits;
}

static void
rdm_media_mix_fitter_dispose (GObject *object)
{
  RdmMediaMixFitter *self = RDM_MEDIA_MIX_FITTER (object);

  drop_run (self);
  clear_results (self);
  g_clear_pointer (&self->data, rdm_project_data_unref);
  G_OBJECT_CLASS (rdm_media_mix_fitter_parent_class)->dispose (object);
}

static void
rdm_media_mix_fitter_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RdmMediaMixFitter *self = RDM_MEDIA_MIX_FITTER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rdm_media_mix_fitter_class_init (RdmMediaMixFitterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rdm_media_mix_fitter_dispose;
  object_class->get_property = rdm_media_mix_fitter_get_property;

  properties[PROP_STATE]
      = g_param_spec_int ("state", NULL, NULL, RDM_MEDIA_MIX_STATE_IDLE,
                          RDM_MEDIA_MIX_STATE_CANCELLED, RDM_MEDIA_MIX_STATE_IDLE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rdm_media_mix_fitter_init (RdmMediaMixFitter *self)
{
}

char *
rdm_media_mix_missing_data_text (const GError *error)
{
  const char *fix;

  if (g_error_matches (error, RDM_MMM_ERROR, RDM_MMM_ERROR_NO_OUTCOMES))
    fix = _ ("Import a file of daily outcomes (date, conversions, value), or an event log with "
             "conversions, then come back to this section.");
  else if (g_error_matches (error, RDM_MMM_ERROR, RDM_MMM_ERROR_NO_CHANNELS))
    fix = _ ("Import daily costs per channel in the category “media”, or an ad platform’s "
             "export, then come back to this section.");
  else
    fix = _ ("The model needs at least twelve weeks of daily outcomes and media spend.");
  return g_strdup_printf ("%s\n\n%s", error->message, fix);
}
