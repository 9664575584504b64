#pragma once

#include <adwaita.h>
#include <webkit/webkit.h>

#include "studio-region.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_APPLICATION (studio_application_get_type ())
G_DECLARE_FINAL_TYPE (StudioApplication, studio_application, STUDIO, APPLICATION, AdwApplication)

StudioApplication  *studio_application_new                 (void);
GListModel         *studio_application_get_regions         (StudioApplication *self);
GSettings          *studio_application_get_settings        (StudioApplication *self);
WebKitNetworkSession *studio_application_get_network_session (StudioApplication *self,
                                                              StudioRegion      *region);
void                studio_application_forget_region_web_data (StudioApplication *self,
                                                               const char        *region_name);
void                studio_application_add_region          (StudioApplication *self,
                                                            StudioRegion      *region);
WebKitNetworkSession *studio_application_get_network_session_for (StudioApplication *self,
                                                                  const char        *region_name);
void                studio_application_remove_region       (StudioApplication *self,
                                                            StudioRegion      *region);
StudioRegion       *studio_application_find_region         (StudioApplication *self,
                                                            const char        *name);
void                studio_application_notify_ready        (StudioApplication *self,
                                                            StudioWorker      *worker);
void                studio_application_notify_idle         (StudioApplication *self,
                                                            StudioWorker      *worker);

G_END_DECLS
