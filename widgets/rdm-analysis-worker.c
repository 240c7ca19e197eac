/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The analysis pages' engine room. The events come from the session's
 * RdmProjectData, read once per project file for every section (in a GTask
 * thread with its own RdmProject: SQLite connections are not shared across
 * threads); a run holds a reference to that data, so that a run still
 * reading the previous project's events keeps them alive. Each settings
 * change waits DEBOUNCE_MS for the next one (a spin button held down sends
 * many), cancels the run in progress and starts a new one; a result that is
 * not from the latest run is dropped. The threads only read the data and
 * write their own result.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rdm-analysis-worker.h"
#include "rdm-attribution-run.h"
#include "rdm-period.h"
#include "rdm-project.h"

#define DEBOUNCE_MS 150

struct _RdmAnalysisWorker
{
  GObject parent_instance;

  RdmAnalysisParts parts;
  RdmProjectData *data;             /* NULL without a project */
  const RdmAttributionData *source; /* data's, NULL until loaded */
  char **event_names;               /* of the source, once loaded */
  GError *load_error;
  GCancellable *load_cancellable; /* of the load under way */
  GCancellable *run_cancellable;
  RdmAnalysisSettings *pending; /* the settings of the next run */
  guint debounce_id;
  guint serial;    /* of the latest run */
  char *sweep_key; /* the settings of the sweep last delivered */
  gboolean running;
  gboolean busy;
};

G_DEFINE_FINAL_TYPE (RdmAnalysisWorker, rdm_analysis_worker, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_BUSY,
  PROP_LOADED,
  N_PROPS
};

enum
{
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
rdm_analysis_result_free (RdmAnalysisResult *result)
{
  if (result == NULL)
    return;
  g_clear_error (&result->error);
  g_clear_pointer (&result->credits, g_ptr_array_unref);
  g_clear_pointer (&result->messages, g_ptr_array_unref);
  g_clear_pointer (&result->forward, rdm_forward_result_free);
  g_clear_pointer (&result->sweep, rdm_window_sweep_free);
  g_clear_pointer (&result->paths, rdm_path_analysis_free);
  g_clear_pointer (&result->explanation, rdm_explanation_free);
  g_clear_pointer (&result->calibrated, g_ptr_array_unref);
  g_clear_pointer (&result->truth, rdm_truth_free);
  g_free (result->truth_note);
  g_free (result);
}

static void
set_busy (RdmAnalysisWorker *self, gboolean busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
update_busy (RdmAnalysisWorker *self)
{
  set_busy (self, self->load_cancellable != NULL || self->running || self->debounce_id != 0);
}

/* Loading */

static void
load_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  RdmProjectData *data = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdmProject) project = rdm_project_data_open (data, &error);
  const RdmAttributionData *loaded = NULL;

  if (project != NULL)
    loaded = rdm_project_data_get_source (data, project, cancellable, &error);
  if (loaded == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    /* owned by the data, which the worker holds */
    g_task_return_pointer (task, (gpointer)loaded, NULL);
}

static void start_run (RdmAnalysisWorker *self);

static void
load_done (GObject *object, GAsyncResult *result, gpointer user_data)
{
  RdmAnalysisWorker *self = RDM_ANALYSIS_WORKER (object);
  g_autoptr (GError) error = NULL;
  const RdmAttributionData *loaded = g_task_propagate_pointer (G_TASK (result), &error);
  const RdmEventStore *store;

  /* a load for data the worker no longer shows */
  if (self->load_cancellable == NULL
      || g_task_get_cancellable (G_TASK (result)) != self->load_cancellable)
    return;
  g_clear_object (&self->load_cancellable);
  if (loaded == NULL)
    {
      g_autoptr (RdmAnalysisResult) failed = g_new0 (RdmAnalysisResult, 1);

      self->load_error = g_error_copy (error);
      failed->error = g_steal_pointer (&error);
      update_busy (self);
      g_signal_emit (self, signals[FINISHED], 0, failed);
      return;
    }
  self->source = loaded;
  store = loaded->store;
  self->event_names = g_new0 (char *, (store != NULL ? store->event_names->len : 0) + 1);
  for (guint i = 0; store != NULL && i < store->event_names->len; i++)
    self->event_names[i] = g_strdup (g_ptr_array_index (store->event_names, i));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
  if (self->pending != NULL && self->debounce_id == 0)
    start_run (self);
  update_busy (self);
}

static void
start_load (RdmAnalysisWorker *self)
{
  g_autoptr (GTask) task = NULL;

  self->load_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->load_cancellable, load_done, NULL);
  g_task_set_source_tag (task, start_load);
  g_task_set_task_data (task, rdm_project_data_ref (self->data),
                        (GDestroyNotify)rdm_project_data_unref);
  g_task_run_in_thread (task, load_thread);
}

/* Running */

typedef struct
{
  RdmProjectData *data;
  const RdmAttributionData *source; /* data's */
  RdmAnalysisParts parts;
  RdmAttributionRequest request;
  RdmModel reference;
  guint serial;
  char *sweep_key;      /* every setting the sweep depends on */
  gboolean reuse_sweep; /* sweep_key is the one of the sweep shown */
} RunData;

static void
run_data_free (RunData *run)
{
  g_clear_pointer (&run->data, rdm_project_data_unref);
  rdm_attribution_request_clear (&run->request);
  g_free (run->sweep_key);
  g_free (run);
}

static void
add_message (RdmAnalysisResult *result, RdmModel model, const GError *error)
{
  /* Translators: %s is a model name, then the reason it failed */
  g_ptr_array_add (result->messages,
                   g_strdup_printf (_ ("%s: %s"), rdm_model_display_name (model), error->message));
}

static void
run_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  RunData *run = task_data;
  RdmAttributionRequest *request = &run->request;
  g_autoptr (RdmAnalysisResult) result = g_new0 (RdmAnalysisResult, 1);
  g_autoptr (RdmProject) project = NULL;
  g_autoptr (RdmAttributionRun) attribution = NULL;
  g_autoptr (GError) error = NULL;
  const RdmEventStore *store = run->source->store;
  const RdmPathSet *set;
  gint64 start = g_get_monotonic_time ();

  result->direction = request->path.direction;
  result->level = request->path.level;
  result->reference = run->reference;
  result->from_path_table = store == NULL;
  result->credits = g_ptr_array_new_with_free_func ((GDestroyNotify)rdm_credit_free);
  result->messages = g_ptr_array_new_with_free_func (g_free);
  result->has_experiments = run->source->has_experiments;
  /* the switch waits for experiments; until then the credit is the models' */
  request->calibrate = request->calibrate && result->has_experiments;

  /* the paths report and the explanation read backward journeys whatever
   * the direction; only the credit goes forward */
  if (!(run->parts & RDM_ANALYSIS_CREDIT))
    {
      request->path.direction = RDM_DIRECTION_BACKWARD;
      request->n_models = 0;
    }
  /* a segment's mask reads the visitors' attributes, and calibration the
   * experiments: a connection of this thread's own, as "rendement-cli
   * --segment" does */
  if ((request->path.segment != NULL || request->calibrate) && store != NULL)
    {
      project = rdm_project_data_open (run->data, &result->error);
      if (project == NULL)
        {
          g_task_return_pointer (task, g_steal_pointer (&result),
                                 (GDestroyNotify)rdm_analysis_result_free);
          return;
        }
    }
  attribution = rdm_attribution_run (project, run->source, request, cancellable, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (attribution == NULL || attribution->forward != NULL)
    {
      result->elapsed_ms = (g_get_monotonic_time () - start) / 1000.0;
      result->error = g_steal_pointer (&error);
      if (attribution != NULL)
        result->forward = g_steal_pointer (&attribution->forward);
      g_task_return_pointer (task, g_steal_pointer (&result),
                             (GDestroyNotify)rdm_analysis_result_free);
      return;
    }

  set = attribution->journeys.paths;
  for (guint i = 0; i < rdm_path_set_n_rows (set); i++)
    result->total_conversions += g_array_index (set->conversions, double, i);
  /* calibrated, the credit shown is the calibrated one, with its Baseline */
  if (attribution->calibrated != NULL)
    {
      for (guint m = 0; m < attribution->calibrated->len; m++)
        {
          RdmCalibrated *calibrated = g_ptr_array_index (attribution->calibrated, m);

          g_ptr_array_add (result->credits, g_steal_pointer (&calibrated->credit));
        }
      result->calibrated = g_steal_pointer (&attribution->calibrated);
    }
  else
    g_ptr_array_extend_and_steal (result->credits, g_steal_pointer (&attribution->credits));
  result->truth = g_steal_pointer (&attribution->truth);
  result->truth_note = g_steal_pointer (&attribution->truth_note);
  for (guint i = 0; i < attribution->failures->len; i++)
    {
      const RdmAttributionFailure *failure
          = &g_array_index (attribution->failures, RdmAttributionFailure, i);

      add_message (result, failure->model, failure->error);
    }

  result->sweep_unchanged = run->reuse_sweep;
  if ((run->parts & RDM_ANALYSIS_SWEEP) && store != NULL && !run->reuse_sweep)
    {
      result->sweep = rdm_window_sweep_compute (
          store, &request->path, attribution->journeys.visitor_mask, run->reference,
          &request->model, rdm_window_sweep_default_windows, RDM_WINDOW_SWEEP_N_DEFAULT_WINDOWS,
          cancellable, &error);
      if (result->sweep == NULL && !g_cancellable_is_cancelled (cancellable))
        add_message (result, run->reference, error);
      g_clear_error (&error);
    }

  if (run->parts & RDM_ANALYSIS_PATHS)
    result->paths = rdm_path_analysis_compute (set, 10, 10);

  if (run->parts & RDM_ANALYSIS_EXPLAIN)
    {
      gint64 row = rdm_explain_pick_row (set, 3, 5);
      const RdmCredit *credit = NULL;

      /* Markov's removal effects come from its credit over the whole set;
       * when it failed, the message above says why and nothing is explained */
      /* the model's own credit, not the calibrated one */
      GPtrArray *raw = attribution->credits != NULL ? attribution->credits : result->credits;

      for (guint i = 0; i < raw->len; i++)
        if (((RdmCredit *)g_ptr_array_index (raw, i))->model == run->reference)
          credit = g_ptr_array_index (raw, i);
      if (row >= 0)
        result->explanation
            = rdm_explain_row (set, (guint)row, run->reference, &request->model, credit);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  result->elapsed_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify)rdm_analysis_result_free);
}

static void
run_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  RdmAnalysisWorker *self = RDM_ANALYSIS_WORKER (source);
  RunData *run = g_task_get_task_data (G_TASK (res));
  g_autoptr (RdmAnalysisResult) result = NULL;
  g_autoptr (GError) error = NULL;

  result = g_task_propagate_pointer (G_TASK (res), &error);
  if (run->serial != self->serial)
    return;
  self->running = FALSE;
  g_clear_object (&self->run_cancellable);
  update_busy (self);
  if (result == NULL)
    return;
  if (result->direction == RDM_DIRECTION_BACKWARD && result->error == NULL)
    {
      g_free (self->sweep_key);
      self->sweep_key = g_strdup (run->sweep_key);
    }
  g_signal_emit (self, signals[FINISHED], 0, result);
}

static void
start_run (RdmAnalysisWorker *self)
{
  g_autoptr (RdmAnalysisSettings) settings = g_steal_pointer (&self->pending);
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  RunData *run;

  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
  g_clear_object (&self->run_cancellable);
  self->serial++;
  self->running = FALSE;

  run = g_new0 (RunData, 1);
  run->data = rdm_project_data_ref (self->data);
  run->source = self->source;
  run->parts = self->parts;
  run->serial = self->serial;
  run->reference = rdm_analysis_settings_get_reference_model (settings);
  rdm_attribution_request_init (&run->request);
  if (!rdm_attribution_request_set_config (&run->request,
                                           rdm_analysis_settings_get_config (settings), &error))
    {
      g_autoptr (RdmAnalysisResult) failed = g_new0 (RdmAnalysisResult, 1);

      run_data_free (run);
      failed->error = g_steal_pointer (&error);
      update_busy (self);
      g_signal_emit (self, signals[FINISHED], 0, failed);
      return;
    }

  /* the sweep varies the click window itself: when nothing else changed,
   * the one shown still holds, and a window change costs one build */
  run->sweep_key = g_strdup_printf (
      "%u %a %u %u %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s %u %a %a %a %a %a %u %u %s",
      run->reference, run->request.path.view_window_days, run->request.path.level,
      run->request.path.restart_after_conversion, run->request.path.from_time,
      run->request.path.to_time,
      run->request.path.events != NULL ? run->request.path.events[0] : "",
      run->request.model.click_priority, run->request.model.view_weight,
      run->request.model.half_life_days, run->request.model.first_weight,
      run->request.model.middle_weight, run->request.model.last_weight,
      run->request.model.markov_order, run->request.path.direction,
      run->request.path.segment != NULL ? run->request.path.segment : "");
  run->reuse_sweep = self->sweep_key != NULL && g_str_equal (self->sweep_key, run->sweep_key);

  self->run_cancellable = g_cancellable_new ();
  self->running = TRUE;
  task = g_task_new (self, self->run_cancellable, run_done, NULL);
  g_task_set_source_tag (task, start_run);
  g_task_set_task_data (task, run, (GDestroyNotify)run_data_free);
  g_task_run_in_thread (task, run_thread);
  update_busy (self);
}

static gboolean
debounce_cb (gpointer user_data)
{
  RdmAnalysisWorker *self = user_data;

  self->debounce_id = 0;
  if (self->source != NULL && self->pending != NULL)
    start_run (self);
  update_busy (self);
  return G_SOURCE_REMOVE;
}

void
rdm_analysis_worker_request (RdmAnalysisWorker *self, RdmAnalysisSettings *settings)
{
  g_return_if_fail (RDM_IS_ANALYSIS_WORKER (self));
  g_return_if_fail (RDM_IS_ANALYSIS_SETTINGS (settings));

  g_set_object (&self->pending, settings);
  if (self->debounce_id != 0)
    g_source_remove (self->debounce_id);
  self->debounce_id = g_timeout_add (DEBOUNCE_MS, debounce_cb, self);
  update_busy (self);
}

void
rdm_analysis_worker_set_data (RdmAnalysisWorker *self, RdmProjectData *data)
{
  gboolean was_loaded;

  g_return_if_fail (RDM_IS_ANALYSIS_WORKER (self));

  if (data == self->data)
    return;
  was_loaded = self->source != NULL;
  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
  g_clear_object (&self->run_cancellable);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->running = FALSE;
  self->serial++;
  g_clear_pointer (&self->sweep_key, g_free);
  self->source = NULL;
  g_clear_pointer (&self->event_names, g_strfreev);
  g_clear_error (&self->load_error);
  g_clear_pointer (&self->data, rdm_project_data_unref);
  if (data != NULL)
    {
      self->data = rdm_project_data_ref (data);
      start_load (self);
    }
  if (was_loaded)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
  update_busy (self);
}

gboolean
rdm_analysis_worker_get_busy (RdmAnalysisWorker *self)
{
  g_return_val_if_fail (RDM_IS_ANALYSIS_WORKER (self), FALSE);

  return self->busy;
}

gboolean
rdm_analysis_worker_get_loaded (RdmAnalysisWorker *self)
{
  g_return_val_if_fail (RDM_IS_ANALYSIS_WORKER (self), FALSE);

  return self->source != NULL;
}

const char *const *
rdm_analysis_worker_get_event_names (RdmAnalysisWorker *self)
{
  g_return_val_if_fail (RDM_IS_ANALYSIS_WORKER (self), NULL);

  return (const char *const *)self->event_names;
}

gboolean
rdm_analysis_worker_get_time_range (RdmAnalysisWorker *self, gint64 *first, gint64 *last)
{
  g_return_val_if_fail (RDM_IS_ANALYSIS_WORKER (self), FALSE);

  if (self->source == NULL || self->source->store == NULL
      || self->source->store->n_touches + self->source->store->n_conversions == 0)
    return FALSE;
  *first = self->source->store->first_time;
  *last = self->source->store->last_time;
  return TRUE;
}

const GError *
rdm_analysis_worker_get_load_error (RdmAnalysisWorker *self)
{
  g_return_val_if_fail (RDM_IS_ANALYSIS_WORKER (self), NULL);

  return self->load_error;
}

static void
rdm_analysis_worker_dispose (GObject *object)
{
  RdmAnalysisWorker *self = RDM_ANALYSIS_WORKER (object);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
  g_clear_object (&self->run_cancellable);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_clear_object (&self->pending);
  G_OBJECT_CLASS (rdm_analysis_worker_parent_class)->dispose (object);
}

static void
rdm_analysis_worker_finalize (GObject *object)
{
  RdmAnalysisWorker *self = RDM_ANALYSIS_WORKER (object);

  g_clear_pointer (&self->data, rdm_project_data_unref);
  g_strfreev (self->event_names);
  g_clear_error (&self->load_error);
  g_free (self->sweep_key);
  G_OBJECT_CLASS (rdm_analysis_worker_parent_class)->finalize (object);
}

static void
rdm_analysis_worker_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RdmAnalysisWorker *self = RDM_ANALYSIS_WORKER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->source != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rdm_analysis_worker_class_init (RdmAnalysisWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rdm_analysis_worker_dispose;
  object_class->finalize = rdm_analysis_worker_finalize;
  object_class->get_property = rdm_analysis_worker_get_property;

  properties[PROP_BUSY]
      = g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
rdm_analysis_worker_init (RdmAnalysisWorker *self)
{
}

RdmAnalysisWorker *
rdm_analysis_worker_new (RdmAnalysisParts parts)
{
  RdmAnalysisWorker *self = g_object_new (RDM_TYPE_ANALYSIS_WORKER, NULL);

  self->parts = parts;
  return self;
}

void
rdm_analysis_worker_list_choices (RdmAnalysisWorker *self,
                                  GtkStringList *period_list,
                                  GPtrArray *period_codes,
                                  GtkStringList *event_list,
                                  GPtrArray *event_names)
{
  const char *const *events = rdm_analysis_worker_get_event_names (self);
  gint64 first, last;

  g_ptr_array_set_size (period_codes, 0);
  g_ptr_array_set_size (event_names, 0);
  gtk_string_list_append (period_list, _ ("All the data"));
  g_ptr_array_add (period_codes, NULL);
  if (rdm_analysis_worker_get_time_range (self, &first, &last))
    {
      g_autoptr (GArray) quarters = rdm_period_list (RDM_PERIOD_QUARTER, first, last + 1, NULL);

      for (guint i = 0; quarters != NULL && i < quarters->len; i++)
        {
          const RdmPeriod *q = &g_array_index (quarters, RdmPeriod, i);
          /* Translators: a quarter, "2026 Q2" */
          g_autofree char *label = g_strdup_printf (_ ("%d Q%d"), q->year, q->number);

          gtk_string_list_append (period_list, label);
          g_ptr_array_add (period_codes, rdm_period_to_string (q));
        }
    }
  gtk_string_list_append (event_list, _ ("All events"));
  g_ptr_array_add (event_names, NULL);
  for (guint i = 0; events != NULL && events[i] != NULL; i++)
    {
      gtk_string_list_append (event_list, events[i]);
      g_ptr_array_add (event_names, g_strdup (events[i]));
    }
}
