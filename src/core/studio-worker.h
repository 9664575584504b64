#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

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

StudioWorker      *studio_worker_new                (const char *name,
                                                     const char *region);
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
guint              studio_worker_get_busy_kernels   (StudioWorker *self);
char              *studio_worker_dup_browser_url    (StudioWorker *self);
char              *studio_worker_dup_browser_url_for (StudioWorker *self,
                                                      const char   *uri);
gboolean           studio_worker_matches            (StudioWorker *self,
                                                     const char   *name_or_id);

/* For regions: a worker's fields follow its engine or hub. */
void studio_worker_set_id               (StudioWorker *self, const char *id);
void studio_worker_set_state            (StudioWorker *self, StudioWorkerState state);
void studio_worker_set_size             (StudioWorker *self, const char *size);
void studio_worker_set_image            (StudioWorker *self, const char *image);
void studio_worker_set_created          (StudioWorker *self, GDateTime *created);
void studio_worker_set_last_activity    (StudioWorker *self, GDateTime *last_activity);
void studio_worker_set_auto_shutdown_minutes (StudioWorker *self, guint minutes);
void studio_worker_set_busy_kernels (StudioWorker *self, guint n);
void studio_worker_set_jupyter          (StudioWorker *self, const char *url, const char *token);
void studio_worker_set_progress         (StudioWorker *self, const char *text, double fraction);
void studio_worker_set_message          (StudioWorker *self, const char *message);
void studio_worker_set_startup_script   (StudioWorker *self, const char *script);
void studio_worker_set_flavor           (StudioWorker *self, const char *flavor);
void studio_worker_set_browser_url      (StudioWorker *self, const char *url);

G_END_DECLS
