/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "studio-application.h"
#include "studio-transfers.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_WINDOW (studio_window_get_type ())
G_DECLARE_FINAL_TYPE (StudioWindow, studio_window, STUDIO, WINDOW, AdwApplicationWindow)

StudioWindow *studio_window_new            (StudioApplication *app);
AdwTabView   *studio_window_get_tab_view   (StudioWindow      *self);
const char   *studio_window_get_view       (StudioWindow      *self);
void          studio_window_show_view      (StudioWindow      *self,
                                            const char        *view);
GtkWidget    *studio_window_get_workers_page (StudioWindow    *self);
GtkWidget    *studio_window_open_jupyter   (StudioWindow      *self,
                                            StudioRegion      *region,
                                            StudioWorker      *worker);
GtkWidget    *studio_window_open_service   (StudioWindow      *self,
                                           StudioRegion      *region,
                                           StudioWorker      *worker,
                                           const char        *id,
                                           const char        *name);
GtkWidget    *studio_window_open_terminal  (StudioWindow      *self,
                                            StudioRegion      *region,
                                            StudioWorker      *worker);
void          studio_window_show_logs      (StudioWindow      *self,
                                            StudioRegion      *region,
                                            StudioWorker      *worker);
GtkWidget    *studio_window_open_jupyter_path (StudioWindow   *self,
                                              StudioRegion   *region,
                                              StudioWorker   *worker,
                                              const char     *path);
void          studio_window_save_tabs      (StudioWindow      *self);
void          studio_window_show_task      (StudioWindow      *self,
                                            const char        *id);
GtkWidget    *studio_window_get_tasks_page (StudioWindow      *self);
void          studio_window_list_unsaved_async  (StudioWindow        *self,
                                                 StudioWorker        *worker,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
char        **studio_window_list_unsaved_finish (StudioWindow        *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
StudioTransfers *studio_window_get_transfers (StudioWindow   *self);
void          studio_window_add_toast      (StudioWindow      *self,
                                            AdwToast          *toast);
void          studio_window_show_error     (StudioWindow      *self,
                                            const char        *heading,
                                            const GError      *error);

G_END_DECLS
