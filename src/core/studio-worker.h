/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined (__AISTUDIO_H_INSIDE__) && !defined (STUDIO_COMPILATION)
#error "Only <aistudio.h> can be included directly."
#endif

#include <gio/gio.h>

G_BEGIN_DECLS

#pragma GCC visibility push(default)

/**
 * StudioWorkerState:
 * @STUDIO_WORKER_STATE_LAUNCHING: being made, or its Jupyter server is not answering yet
 * @STUDIO_WORKER_STATE_READY: its Jupyter server answers
 * @STUDIO_WORKER_STATE_STOPPING: being stopped
 * @STUDIO_WORKER_STATE_STOPPED: stopped; its disk is kept
 * @STUDIO_WORKER_STATE_STARTING: being started again
 * @STUDIO_WORKER_STATE_TERMINATING: being removed
 * @STUDIO_WORKER_STATE_FAILED: it ended with an error (see #StudioWorker:message)
 *
 * Where a worker is in its life.
 */
typedef enum {
  STUDIO_WORKER_STATE_LAUNCHING,
  STUDIO_WORKER_STATE_READY,
  STUDIO_WORKER_STATE_STOPPING,
  STUDIO_WORKER_STATE_STOPPED,
  STUDIO_WORKER_STATE_STARTING,
  STUDIO_WORKER_STATE_TERMINATING,
  STUDIO_WORKER_STATE_FAILED,
} StudioWorkerState;

#define STUDIO_TYPE_WORKER (studio_worker_get_type ())
G_DECLARE_FINAL_TYPE (StudioWorker, studio_worker, STUDIO, WORKER, GObject)

const char        *studio_worker_state_to_string    (StudioWorkerState state);
const char        *studio_worker_state_get_label    (StudioWorkerState state);
gboolean           studio_worker_state_is_busy      (StudioWorkerState state);

const char        *studio_worker_get_id             (StudioWorker *self);
const char        *studio_worker_get_name           (StudioWorker *self);
const char        *studio_worker_get_region         (StudioWorker *self);
StudioWorkerState  studio_worker_get_state          (StudioWorker *self);
const char        *studio_worker_get_size           (StudioWorker *self);
const char        *studio_worker_get_image          (StudioWorker *self);
GDateTime         *studio_worker_get_created        (StudioWorker *self);
GDateTime         *studio_worker_get_last_activity  (StudioWorker *self);
guint              studio_worker_get_auto_shutdown_minutes (StudioWorker *self);
GDateTime         *studio_worker_dup_shutdown_deadline (StudioWorker *self);
gint64             studio_worker_get_seconds_left   (StudioWorker *self);
const char        *studio_worker_get_jupyter_url    (StudioWorker *self);
const char        *studio_worker_get_token          (StudioWorker *self);
const char        *studio_worker_get_progress_text  (StudioWorker *self);
double             studio_worker_get_progress_fraction (StudioWorker *self);
const char        *studio_worker_get_message        (StudioWorker *self);
const char        *studio_worker_get_startup_script (StudioWorker *self);
const char        *studio_worker_get_flavor         (StudioWorker *self);
const char        *studio_worker_get_user_options   (StudioWorker *self);
guint              studio_worker_get_busy_kernels   (StudioWorker *self);
char              *studio_worker_dup_browser_url    (StudioWorker *self);
char              *studio_worker_dup_browser_launch_uri (StudioWorker  *self,
                                                      const char    *page,
                                                      GError       **error);
char              *studio_worker_dup_browser_url_for (StudioWorker *self,
                                                      const char   *uri);
gboolean           studio_worker_matches            (StudioWorker *self,
                                                     const char   *name_or_id);
gboolean           studio_worker_check_name         (const char   *name,
                                                     GError      **error);

#pragma GCC visibility pop

G_END_DECLS
