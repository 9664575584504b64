/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined (__AISTUDIO_H_INSIDE__) && !defined (STUDIO_COMPILATION)
#error "Only <aistudio.h> can be included directly."
#endif

#include "studio-jupyter.h"

G_BEGIN_DECLS

#pragma GCC visibility push(default)

#define STUDIO_TYPE_SERVICE (studio_service_get_type ())
G_DECLARE_FINAL_TYPE (StudioService, studio_service, STUDIO, SERVICE, GObject)

const char *studio_service_get_id               (StudioService       *self);
const char *studio_service_get_name             (StudioService       *self);
guint       studio_service_get_port             (StudioService       *self);
const char *studio_service_get_url              (StudioService       *self);
gboolean    studio_service_matches              (StudioService       *self,
                                                 const char          *name_or_port);
char       *studio_service_dup_url_for          (const char          *base_url,
                                                 const char          *id);

void        studio_jupyter_list_services_async  (StudioJupyter       *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GListModel *studio_jupyter_list_services_finish (StudioJupyter       *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

#pragma GCC visibility pop

G_END_DECLS
