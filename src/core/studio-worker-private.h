/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* For regions: a worker's fields follow its engine or hub. */
#include "studio-worker.h"

G_BEGIN_DECLS

StudioWorker *studio_worker_new (const char *name,
                                 const char *region);
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

void studio_worker_set_user_options (StudioWorker *self, const char *json);

G_END_DECLS
