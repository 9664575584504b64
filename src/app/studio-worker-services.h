/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "aistudio.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_WORKER_SERVICES (studio_worker_services_get_type ())
G_DECLARE_FINAL_TYPE (StudioWorkerServices, studio_worker_services, STUDIO, WORKER_SERVICES, GtkBox)

GtkWidget  *studio_worker_services_new        (void);
void        studio_worker_services_set_worker (StudioWorkerServices *self,
                                               StudioRegion         *region,
                                               StudioWorker         *worker);
void        studio_worker_services_look       (StudioWorkerServices *self);
GListModel *studio_worker_services_get_shown  (StudioWorkerServices *self);

G_END_DECLS
