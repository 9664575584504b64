/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <webkit/webkit.h>

#include "aistudio.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_APPLICATION (studio_application_get_type ())
G_DECLARE_FINAL_TYPE (StudioApplication, studio_application, STUDIO, APPLICATION, AdwApplication)

StudioApplication  *studio_application_new                 (void);
StudioRegions      *studio_application_get_regions         (StudioApplication *self);
GSettings          *studio_application_get_settings        (StudioApplication *self);
StudioTasks        *studio_application_get_tasks           (StudioApplication *self);
WebKitNetworkSession *studio_application_get_network_session (StudioApplication *self,
                                                              StudioRegion      *region);
void                studio_application_forget_region_web_data (StudioApplication *self,
                                                               const char        *region_id);
WebKitNetworkSession *studio_application_get_network_session_for (StudioApplication *self,
                                                                  const char        *region_id);
StudioRegion       *studio_application_find_region         (StudioApplication *self,
                                                            const char        *id);
void                studio_application_notify_ready        (StudioApplication *self,
                                                            StudioWorker      *worker);
void                studio_application_notify_idle         (StudioApplication *self,
                                                            StudioWorker      *worker);

G_END_DECLS
