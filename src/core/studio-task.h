/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined (__AISTUDIO_H_INSIDE__) && !defined (STUDIO_COMPILATION)
#error "Only <aistudio.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "studio-region.h"
#include "studio-regions.h"

G_BEGIN_DECLS

#pragma GCC visibility push(default)

/**
 * StudioTaskState:
 * @STUDIO_TASK_STATE_LAUNCHING: its worker is being launched
 * @STUDIO_TASK_STATE_UPLOADING: its files are going to the worker
 * @STUDIO_TASK_STATE_RUNNING: it runs on the worker
 * @STUDIO_TASK_STATE_SUCCEEDED: it ended with exit status 0
 * @STUDIO_TASK_STATE_FAILED: it ended with another status, or could not run
 * @STUDIO_TASK_STATE_CANCELLED: it was cancelled
 * @STUDIO_TASK_STATE_TIMED_OUT: it ran out of time and was ended
 *
 * Where a task is in its life.
 */
typedef enum {
  STUDIO_TASK_STATE_LAUNCHING,
  STUDIO_TASK_STATE_UPLOADING,
  STUDIO_TASK_STATE_RUNNING,
  STUDIO_TASK_STATE_SUCCEEDED,
  STUDIO_TASK_STATE_FAILED,
  STUDIO_TASK_STATE_CANCELLED,
  STUDIO_TASK_STATE_TIMED_OUT,
} StudioTaskState;

/**
 * StudioTaskPolicy:
 * @STUDIO_TASK_POLICY_TERMINATE: terminate the worker when the task ends
 * @STUDIO_TASK_POLICY_KEEP: keep the worker
 * @STUDIO_TASK_POLICY_KEEP_ON_FAILURE: keep the worker only when the task did not succeed
 *
 * What becomes of a task's worker when the task ends.
 */
typedef enum {
  STUDIO_TASK_POLICY_TERMINATE,
  STUDIO_TASK_POLICY_KEEP,
  STUDIO_TASK_POLICY_KEEP_ON_FAILURE,
} StudioTaskPolicy;

/**
 * STUDIO_TASK_MAX_UPLOAD_BYTES:
 *
 * The most a task's files may come to (1 GiB); larger data belongs in `~/my`.
 */
#define STUDIO_TASK_MAX_UPLOAD_BYTES (G_GUINT64_CONSTANT (1) << 30)

#define STUDIO_TYPE_TASK (studio_task_get_type ())
G_DECLARE_FINAL_TYPE (StudioTask, studio_task, STUDIO, TASK, GObject)

const char      *studio_task_state_to_string      (StudioTaskState state);
const char      *studio_task_state_get_label      (StudioTaskState state);
gboolean         studio_task_state_is_final       (StudioTaskState state);

StudioTask      *studio_task_new                  (StudioRegion     *region,
                                                   const char       *file);
void             studio_task_set_files_dir        (StudioTask       *self,
                                                   const char       *dir);
void             studio_task_set_size             (StudioTask       *self,
                                                   const char       *size);
void             studio_task_set_image            (StudioTask       *self,
                                                   const char       *image);
void             studio_task_set_startup_script   (StudioTask       *self,
                                                   const char       *script);
void             studio_task_set_venv             (StudioTask       *self,
                                                   const char       *venv);
void             studio_task_set_policy           (StudioTask       *self,
                                                   StudioTaskPolicy  policy);
void             studio_task_set_capture          (StudioTask       *self,
                                                   gboolean          capture);
void             studio_task_set_timeout          (StudioTask       *self,
                                                   guint             seconds);
gboolean         studio_task_add_parameter        (StudioTask       *self,
                                                   const char       *assignment,
                                                   GError          **error);

const char      *studio_task_get_id               (StudioTask *self);
const char      *studio_task_get_file             (StudioTask *self);
const char      *studio_task_get_files_dir        (StudioTask *self);
StudioRegion    *studio_task_get_region           (StudioTask *self);
const char      *studio_task_get_region_id        (StudioTask *self);
const char      *studio_task_get_size             (StudioTask *self);
const char      *studio_task_get_image            (StudioTask *self);
const char      *studio_task_get_startup_script   (StudioTask *self);
const char      *studio_task_get_venv             (StudioTask *self);
StudioTaskPolicy studio_task_get_policy           (StudioTask *self);
gboolean         studio_task_get_capture          (StudioTask *self);
guint            studio_task_get_timeout          (StudioTask *self);
JsonObject      *studio_task_get_parameters       (StudioTask *self);
StudioTaskState  studio_task_get_state            (StudioTask *self);
const char      *studio_task_get_worker_name      (StudioTask *self);
int              studio_task_get_exit_status      (StudioTask *self);
const char      *studio_task_get_message          (StudioTask *self);
GDateTime       *studio_task_get_created          (StudioTask *self);
GDateTime       *studio_task_get_started          (StudioTask *self);
GDateTime       *studio_task_get_ended            (StudioTask *self);
gboolean         studio_task_get_kept             (StudioTask *self);
const char      *studio_task_get_output_notebook  (StudioTask *self);
char            *studio_task_dup_log_path         (StudioTask *self);
char            *studio_task_dup_duration_text    (StudioTask *self);

void             studio_task_run_async            (StudioTask          *self,
                                                   gboolean             detach,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean         studio_task_run_finish           (StudioTask          *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
void             studio_task_follow_async         (StudioTask          *self,
                                                   gboolean             until_end,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean         studio_task_follow_finish        (StudioTask          *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
void             studio_task_cancel_async         (StudioTask          *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean         studio_task_cancel_finish        (StudioTask          *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
gboolean         studio_task_run_sync             (StudioTask          *self,
                                                   gboolean             detach,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
gboolean         studio_task_follow_sync          (StudioTask          *self,
                                                   gboolean             until_end,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
gboolean         studio_task_remove               (StudioTask          *self,
                                                   GError             **error);

StudioTask      *studio_task_load                 (StudioRegions       *regions,
                                                   const char          *id_or_prefix,
                                                   GError             **error);
GPtrArray       *studio_task_load_all             (StudioRegions       *regions,
                                                   char              ***damaged);

JsonNode        *studio_task_parse_parameter_value (const char         *text);
JsonObject      *studio_task_read_notebook_parameters (const char      *file,
                                                       GError         **error);

#pragma GCC visibility pop

G_END_DECLS
