/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "studio-application.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_WORKERS_PAGE (studio_workers_page_get_type ())
G_DECLARE_FINAL_TYPE (StudioWorkersPage, studio_workers_page, STUDIO, WORKERS_PAGE, AdwBin)

StudioWorkersPage *studio_workers_page_new             (StudioApplication *app);
StudioRegion      *studio_workers_page_get_region      (StudioWorkersPage *self);
StudioWorker      *studio_workers_page_get_selected    (StudioWorkersPage *self);
gboolean           studio_workers_page_select_region   (StudioWorkersPage *self,
                                                        StudioRegion      *region);
gboolean           studio_workers_page_select_worker   (StudioWorkersPage *self,
                                                        StudioWorker      *worker);
GtkColumnView     *studio_workers_page_get_column_view (StudioWorkersPage *self);
const char        *studio_workers_page_get_visible_page (StudioWorkersPage *self);

G_END_DECLS
