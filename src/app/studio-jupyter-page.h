/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "aistudio.h"
#include "studio-tab.h"
#include <webkit/webkit.h>


G_BEGIN_DECLS

#define STUDIO_TYPE_JUPYTER_PAGE (studio_jupyter_page_get_type ())
G_DECLARE_FINAL_TYPE (StudioJupyterPage, studio_jupyter_page, STUDIO, JUPYTER_PAGE, AdwBin)

StudioJupyterPage *studio_jupyter_page_new             (WebKitNetworkSession *session,
                                                        StudioRegion         *region,
                                                        StudioWorker         *worker);
StudioJupyterPage *studio_jupyter_page_new_for_service (WebKitNetworkSession *session,
                                                        StudioRegion         *region,
                                                        StudioWorker         *worker,
                                                        const char           *id,
                                                        const char           *name);
const char        *studio_jupyter_page_get_service_id  (StudioJupyterPage    *self);
WebKitWebView     *studio_jupyter_page_get_web_view    (StudioJupyterPage    *self);
void               studio_jupyter_page_reload          (StudioJupyterPage    *self);
void               studio_jupyter_page_open_path       (StudioJupyterPage    *self,
                                                        const char           *path);
void               studio_jupyter_page_open_in_browser (StudioJupyterPage    *self);
void               studio_jupyter_page_list_unsaved_async  (StudioJupyterPage   *self,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
char             **studio_jupyter_page_list_unsaved_finish (StudioJupyterPage   *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);
char              *studio_jupyter_page_dup_folder      (StudioJupyterPage    *self);
const char        *studio_jupyter_page_get_document_path (StudioJupyterPage  *self);
void               studio_jupyter_page_upload          (StudioJupyterPage    *self,
                                                        GSList               *files);

const char           *studio_jupyter_page_get_refused_uri  (StudioJupyterPage *self);

G_END_DECLS
