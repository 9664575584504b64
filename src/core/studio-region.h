#pragma once

#include <gio/gio.h>

#include "studio-jupyter.h"
#include "studio-launch-options.h"
#include "studio-size.h"
#include "studio-worker.h"

G_BEGIN_DECLS

typedef enum {
  STUDIO_WORKER_ACTION_STOP,
  STUDIO_WORKER_ACTION_START,
  STUDIO_WORKER_ACTION_TERMINATE,
} StudioWorkerAction;

#define STUDIO_TYPE_REGION (studio_region_get_type ())
G_DECLARE_DERIVABLE_TYPE (StudioRegion, studio_region, STUDIO, REGION, GObject)

struct _StudioRegionClass
{
  GObjectClass parent_class;

  GListModel   *(*list_sizes)        (StudioRegion *self);
  const char * const *(*list_images) (StudioRegion *self);

  void          (*refresh_async)     (StudioRegion        *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
  gboolean      (*refresh_finish)    (StudioRegion        *self,
                                      GAsyncResult        *result,
                                      GError             **error);
  StudioWorker *(*launch_async)      (StudioRegion              *self,
                                      const StudioLaunchOptions *options,
                                      GCancellable              *cancellable,
                                      GAsyncReadyCallback        callback,
                                      gpointer                   user_data);
  StudioWorker *(*launch_finish)     (StudioRegion        *self,
                                      GAsyncResult        *result,
                                      GError             **error);
  void          (*act_async)         (StudioRegion        *self,
                                      StudioWorker        *worker,
                                      StudioWorkerAction   action,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
  gboolean      (*act_finish)        (StudioRegion        *self,
                                      GAsyncResult        *result,
                                      GError             **error);
  StudioWorker *(*replicate_async)   (StudioRegion        *self,
                                      StudioWorker        *worker,
                                      const char          *new_name,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
  StudioWorker *(*replicate_finish)  (StudioRegion        *self,
                                      GAsyncResult        *result,
                                      GError             **error);
  void          (*logs_async)        (StudioRegion        *self,
                                      StudioWorker        *worker,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
  char         *(*logs_finish)       (StudioRegion        *self,
                                      GAsyncResult        *result,
                                      GError             **error);
  StudioJupyter *(*open_jupyter)     (StudioRegion        *self,
                                      StudioWorker        *worker);
  /* Whether the region hears of changes as they happen (an event stream), so
   * that nobody needs to poll it while it answers. */
  gboolean      (*has_live_updates)  (StudioRegion        *self);

  gpointer padding[6];
};

const char   *studio_region_get_name          (StudioRegion *self);
GListModel   *studio_region_get_workers       (StudioRegion *self);
StudioWorker *studio_region_find_worker       (StudioRegion *self,
                                               const char   *name_or_id);
gboolean      studio_region_get_available     (StudioRegion *self);
gboolean      studio_region_has_live_updates  (StudioRegion *self);
const char   *studio_region_get_status        (StudioRegion *self);
GListModel   *studio_region_list_sizes        (StudioRegion *self);
StudioSize   *studio_region_find_size         (StudioRegion *self,
                                               const char   *id_or_name);
const char * const *studio_region_list_images (StudioRegion *self);
char         *studio_region_suggest_name      (StudioRegion *self,
                                               const char   *base);

void          studio_region_refresh_async     (StudioRegion        *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean      studio_region_refresh_finish    (StudioRegion        *self,
                                               GAsyncResult        *result,
                                               GError             **error);
StudioWorker *studio_region_launch_async      (StudioRegion              *self,
                                               const StudioLaunchOptions *options,
                                               GCancellable              *cancellable,
                                               GAsyncReadyCallback        callback,
                                               gpointer                   user_data);
StudioWorker *studio_region_launch_finish     (StudioRegion        *self,
                                               GAsyncResult        *result,
                                               GError             **error);
void          studio_region_stop_async        (StudioRegion        *self,
                                               StudioWorker        *worker,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean      studio_region_stop_finish       (StudioRegion        *self,
                                               GAsyncResult        *result,
                                               GError             **error);
void          studio_region_start_async       (StudioRegion        *self,
                                               StudioWorker        *worker,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean      studio_region_start_finish      (StudioRegion        *self,
                                               GAsyncResult        *result,
                                               GError             **error);
void          studio_region_terminate_async   (StudioRegion        *self,
                                               StudioWorker        *worker,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean      studio_region_terminate_finish  (StudioRegion        *self,
                                               GAsyncResult        *result,
                                               GError             **error);
StudioWorker *studio_region_replicate_async   (StudioRegion        *self,
                                               StudioWorker        *worker,
                                               const char          *new_name,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
StudioWorker *studio_region_replicate_finish  (StudioRegion        *self,
                                               GAsyncResult        *result,
                                               GError             **error);
void          studio_region_logs_async        (StudioRegion        *self,
                                               StudioWorker        *worker,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
char         *studio_region_logs_finish       (StudioRegion        *self,
                                               GAsyncResult        *result,
                                               GError             **error);

StudioJupyter *studio_region_open_jupyter     (StudioRegion        *self,
                                               StudioWorker        *worker);
void          studio_region_keep_running_async  (StudioRegion        *self,
                                                 StudioWorker        *worker,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean      studio_region_keep_running_finish (StudioRegion        *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* For subclasses. */
GListStore   *studio_region_get_store         (StudioRegion *self);
void          studio_region_mark_busy         (StudioRegion      *self,
                                               StudioWorker      *worker,
                                               StudioWorkerState  state);
void          studio_region_unmark_busy       (StudioRegion      *self,
                                               StudioWorker      *worker);
gboolean      studio_region_is_busy           (StudioRegion      *self,
                                               const char        *name,
                                               StudioWorkerState *state);
void          studio_region_set_status        (StudioRegion *self,
                                               gboolean      available,
                                               const char   *status);

G_END_DECLS
