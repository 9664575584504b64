/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "aistudio.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_WORKER_DETAILS (studio_worker_details_get_type ())
G_DECLARE_FINAL_TYPE (StudioWorkerDetails, studio_worker_details, STUDIO, WORKER_DETAILS, AdwBin)

StudioWorkerDetails *studio_worker_details_new        (void);
void                 studio_worker_details_set_worker (StudioWorkerDetails *self,
                                                       StudioRegion        *region,
                                                       StudioWorker        *worker);
GListModel          *studio_worker_details_get_services (StudioWorkerDetails *self);
GtkListBox          *studio_worker_details_get_list   (StudioWorkerDetails *self);
guint                studio_worker_details_get_n_samples (StudioWorkerDetails *self);
void                 studio_worker_details_upload     (StudioWorkerDetails *self,
                                                       GSList              *files);
void                 studio_worker_details_download   (StudioWorkerDetails *self,
                                                       const char          *path,
                                                       GFile               *destination);
void                 studio_worker_details_accept_drops (StudioWorkerDetails *self,
                                                         GtkWidget           *widget);

G_END_DECLS
