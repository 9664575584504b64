/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined (__AISTUDIO_H_INSIDE__) && !defined (STUDIO_COMPILATION)
#error "Only <aistudio.h> can be included directly."
#endif

#include <gio/gio.h>

#include "studio-image-build.h"
#include "studio-jupyter.h"
#include "studio-launch-options.h"
#include "studio-size.h"
#include "studio-worker.h"

G_BEGIN_DECLS

#pragma GCC visibility push(default)

/**
 * StudioWorkerAction:
 * @STUDIO_WORKER_ACTION_STOP: stop the worker, keeping its disk
 * @STUDIO_WORKER_ACTION_START: start a stopped worker
 * @STUDIO_WORKER_ACTION_TERMINATE: remove the worker and its disk
 *
 * A lifecycle verb, as passed to a region's `act_async` virtual function.
 */
typedef enum {
  STUDIO_WORKER_ACTION_STOP,
  STUDIO_WORKER_ACTION_START,
  STUDIO_WORKER_ACTION_TERMINATE,
} StudioWorkerAction;

/**
 * StudioRegionCapabilities:
 * @STUDIO_REGION_CAPABILITIES_NONE: none of the below
 * @STUDIO_REGION_CAPABILITIES_IMAGES: a launch takes an image reference
 * @STUDIO_REGION_CAPABILITIES_LOGS: workers have logs to read
 * @STUDIO_REGION_CAPABILITIES_COPIES_DISKS: a replica gets a copy of the worker's disk
 * @STUDIO_REGION_CAPABILITIES_SIGN_IN: the region is reached with an account
 *   (signed in again when its token expires, and given a token with
 *   studio_region_use_token())
 * @STUDIO_REGION_CAPABILITIES_REMOVABLE: the user added the region and may remove it
 * @STUDIO_REGION_CAPABILITIES_SIZES_PER_LAUNCH: the sizes are known only once a
 *   launch has begun; see studio_region_prepare_launch_async()
 * @STUDIO_REGION_CAPABILITIES_REMOTE: the workers run on another computer
 * @STUDIO_REGION_CAPABILITIES_STARTUP_SCRIPT: a launch takes a startup script
 * @STUDIO_REGION_CAPABILITIES_AUTO_SHUTDOWN: a launch takes the minutes of
 *   idleness after which the worker stops itself (else the region decides)
 * @STUDIO_REGION_CAPABILITIES_BUILDS_IMAGES: the region builds AI Studio's own
 *   images (studio_region_build_image()) and says which it has
 *   (studio_region_has_image_async())
 *
 * What a region can do, so that callers never test its type.
 */
typedef enum /*< flags >*/ {
  STUDIO_REGION_CAPABILITIES_NONE             = 0,
  STUDIO_REGION_CAPABILITIES_IMAGES           = 1 << 0,
  STUDIO_REGION_CAPABILITIES_LOGS             = 1 << 1,
  STUDIO_REGION_CAPABILITIES_COPIES_DISKS     = 1 << 2,
  STUDIO_REGION_CAPABILITIES_SIGN_IN          = 1 << 3,
  STUDIO_REGION_CAPABILITIES_REMOVABLE        = 1 << 4,
  STUDIO_REGION_CAPABILITIES_SIZES_PER_LAUNCH = 1 << 5,
  STUDIO_REGION_CAPABILITIES_REMOTE           = 1 << 6,
  STUDIO_REGION_CAPABILITIES_STARTUP_SCRIPT   = 1 << 7,
  STUDIO_REGION_CAPABILITIES_AUTO_SHUTDOWN    = 1 << 8,
  STUDIO_REGION_CAPABILITIES_BUILDS_IMAGES    = 1 << 9,
} StudioRegionCapabilities;

/**
 * StudioSignInMethods:
 * @STUDIO_SIGN_IN_NONE: the region needs no account
 * @STUDIO_SIGN_IN_PASSWORD: a username and a password, from which a token is made
 * @STUDIO_SIGN_IN_TOKEN: an API token the user pastes
 * @STUDIO_SIGN_IN_BROWSER: the service's own sign-in page (OAuth, single sign-on) in a web view
 *
 * How a region signs in, so that a front end offers what the region takes.
 */
typedef enum /*< flags >*/ {
  STUDIO_SIGN_IN_NONE     = 0,
  STUDIO_SIGN_IN_PASSWORD = 1 << 0,
  STUDIO_SIGN_IN_TOKEN    = 1 << 1,
  STUDIO_SIGN_IN_BROWSER  = 1 << 2,
} StudioSignInMethods;

/**
 * StudioProgressFunc:
 * @worker: the worker being launched
 * @user_data: the data given with the function
 *
 * Called as a blocking launch makes progress; read
 * studio_worker_get_progress_text() and studio_worker_get_progress_fraction().
 */
typedef void (*StudioProgressFunc) (StudioWorker *worker,
                                    gpointer      user_data);

#define STUDIO_TYPE_REGION (studio_region_get_type ())
G_DECLARE_DERIVABLE_TYPE (StudioRegion, studio_region, STUDIO, REGION, GObject)

/**
 * StudioRegionClass:
 * @parent_class: the parent class
 * @list_sizes: the sizes a worker may have
 * @list_images: the images a worker may start from
 * @refresh_async: reads the workers again
 * @refresh_finish: finishes @refresh_async
 * @launch_async: launches a worker; returns it at once, still launching
 * @launch_finish: finishes @launch_async
 * @act_async: stops, starts or terminates a worker
 * @act_finish: finishes @act_async
 * @replicate_async: launches a copy of a worker
 * @replicate_finish: finishes @replicate_async
 * @logs_async: reads a worker's logs
 * @logs_finish: finishes @logs_async
 * @open_jupyter: a client of a worker's Jupyter server
 * @has_live_updates: whether the region hears of changes as they happen
 * @get_capabilities: what the region can do
 * @set_watched: someone shows the region: keep it current
 * @trusts_certificate: whether a certificate the system refuses was trusted by the user
 * @use_token: signs in with this token
 * @prepare_launch_async: the sizes offered for a new worker of this name
 * @prepare_launch_finish: finishes @prepare_launch_async
 * @cancel_launch_async: undoes @prepare_launch_async
 * @cancel_launch_finish: finishes @cancel_launch_async
 * @stats_async: what a worker uses (default: its Jupyter's jupyter-resource-usage)
 * @stats_finish: finishes @stats_async
 * @get_kind: the kind's id, the same in every language, as `regions.ini` names it ("local", "hub")
 * @get_kind_name: the kind's name for people ("This Computer", "JupyterHub")
 * @get_icon_name: the name of a symbolic icon that stands for the region
 * @describe_unavailable: what to show when the region does not answer: a title, and what to do
 * @describe_terminate: what a terminate of a worker costs, for its confirmation
 * @get_sign_in_methods: how the region signs in
 * @list_settings: the names of the properties kept in `regions.ini`
 * @setup_async: checks a region being added (signs in, keeps its credentials)
 * @setup_finish: finishes @setup_async
 * @forget_async: drops what the region keeps outside `regions.ini` (its credentials), as it is removed
 * @forget_finish: finishes @forget_async
 * @has_image_async: whether the region has an image, ready to launch
 * @has_image_finish: finishes @has_image_async
 * @build_image: an image build of one of AI Studio's own images for this region, or %NULL
 * @list_kept_folders: the folders of a worker's home that outlive its terminate, or %NULL
 *   when the region keeps the whole home (default: none, everything is lost)
 *
 * The virtual functions of a kind of region.
 */
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
  StudioRegionCapabilities (*get_capabilities) (StudioRegion *self);
  void          (*set_watched)       (StudioRegion        *self,
                                      gboolean             watched);
  gboolean      (*trusts_certificate) (StudioRegion       *self,
                                       GTlsCertificate    *certificate);
  void          (*use_token)         (StudioRegion        *self,
                                      const char          *token);
  void          (*prepare_launch_async)  (StudioRegion        *self,
                                          const char          *name,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
  GListModel   *(*prepare_launch_finish) (StudioRegion        *self,
                                          GAsyncResult        *result,
                                          GError             **error);
  void          (*cancel_launch_async)   (StudioRegion        *self,
                                          const char          *name,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
  gboolean      (*cancel_launch_finish)  (StudioRegion        *self,
                                          GAsyncResult        *result,
                                          GError             **error);
  void          (*stats_async)           (StudioRegion        *self,
                                          StudioWorker        *worker,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
  JsonObject   *(*stats_finish)          (StudioRegion        *self,
                                          GAsyncResult        *result,
                                          GError             **error);

  const char   *(*get_kind)              (StudioRegion        *self);
  const char   *(*get_kind_name)         (StudioRegion        *self);
  const char   *(*get_icon_name)         (StudioRegion        *self);
  char         *(*describe_unavailable)  (StudioRegion        *self,
                                          char               **title);
  char         *(*describe_terminate)    (StudioRegion        *self,
                                          StudioWorker        *worker);
  StudioSignInMethods (*get_sign_in_methods) (StudioRegion    *self);
  const char * const *(*list_settings)   (StudioRegion        *self);
  void          (*setup_async)           (StudioRegion        *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
  gboolean      (*setup_finish)          (StudioRegion        *self,
                                          GAsyncResult        *result,
                                          GError             **error);
  void          (*forget_async)          (StudioRegion        *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
  gboolean      (*forget_finish)         (StudioRegion        *self,
                                          GAsyncResult        *result,
                                          GError             **error);
  void          (*has_image_async)       (StudioRegion        *self,
                                          const char          *image,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
  gboolean      (*has_image_finish)      (StudioRegion        *self,
                                          GAsyncResult        *result,
                                          gboolean            *present,
                                          guint64             *size,
                                          GError             **error);
  StudioImageBuild *(*build_image)       (StudioRegion        *self,
                                          const char          *image);
  const char * const *(*list_kept_folders) (StudioRegion      *self);

  /*< private >*/
  gpointer padding[7];
};

const char   *studio_region_get_id            (StudioRegion *self);
const char   *studio_region_get_kind          (StudioRegion *self);
const char   *studio_region_get_kind_name     (StudioRegion *self);
const char   *studio_region_get_icon_name     (StudioRegion *self);
char         *studio_region_describe_unavailable (StudioRegion *self,
                                                  char        **title);
char         *studio_region_describe_terminate   (StudioRegion *self,
                                                  StudioWorker *worker);
void          studio_region_list_losses_async    (StudioRegion        *self,
                                                  StudioWorker        *worker,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GListModel   *studio_region_list_losses_finish   (StudioRegion        *self,
                                                  GAsyncResult        *result,
                                                  gboolean            *more,
                                                  GError             **error);
void          studio_region_keep_losses_async    (StudioRegion        *self,
                                                  StudioWorker        *worker,
                                                  GListModel          *files,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
char         *studio_region_keep_losses_finish   (StudioRegion        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
StudioSignInMethods studio_region_get_sign_in_methods (StudioRegion *self);
const char * const *studio_region_list_settings (StudioRegion *self);
void          studio_region_setup_async       (StudioRegion        *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean      studio_region_setup_finish      (StudioRegion        *self,
                                               GAsyncResult        *result,
                                               GError             **error);
void          studio_region_forget_async      (StudioRegion        *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean      studio_region_forget_finish     (StudioRegion        *self,
                                               GAsyncResult        *result,
                                               GError             **error);
void          studio_region_has_image_async   (StudioRegion        *self,
                                               const char          *image,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean      studio_region_has_image_finish  (StudioRegion        *self,
                                               GAsyncResult        *result,
                                               gboolean            *present,
                                               guint64             *size,
                                               GError             **error);
char         *studio_region_describe_image    (StudioRegion        *self,
                                               const char          *image,
                                               gboolean             present,
                                               guint64              size);
StudioImageBuild *studio_region_build_image   (StudioRegion        *self,
                                               const char          *image);
const char   *studio_region_get_name          (StudioRegion *self);
const char   *studio_region_get_url           (StudioRegion *self);
const char   *studio_region_get_user          (StudioRegion *self);
const char   *studio_region_get_notice        (StudioRegion *self);
StudioRegionCapabilities studio_region_get_capabilities (StudioRegion *self);
gboolean      studio_region_can               (StudioRegion             *self,
                                               StudioRegionCapabilities  capabilities);
void          studio_region_set_watched       (StudioRegion *self,
                                               gboolean      watched);
gboolean      studio_region_trusts_certificate (StudioRegion    *self,
                                                GTlsCertificate *certificate);
void          studio_region_use_token         (StudioRegion *self,
                                               const char   *token);
void          studio_region_set_interaction   (StudioRegion    *self,
                                               GMountOperation *interaction);
GMountOperation *studio_region_get_interaction (StudioRegion   *self);
GListModel   *studio_region_get_workers       (StudioRegion *self);
StudioWorker *studio_region_find_worker       (StudioRegion *self,
                                               const char   *name_or_id);
gboolean      studio_region_get_available     (StudioRegion *self);
gboolean      studio_region_has_live_updates  (StudioRegion *self);
const char   *studio_region_get_status        (StudioRegion *self);
void          studio_region_set_status        (StudioRegion *self,
                                               gboolean      available,
                                               const char   *status);
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
void          studio_region_stats_async       (StudioRegion        *self,
                                               StudioWorker        *worker,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
JsonObject   *studio_region_stats_finish      (StudioRegion        *self,
                                               GAsyncResult        *result,
                                               GError             **error);
void          studio_region_keep_running_async  (StudioRegion        *self,
                                                 StudioWorker        *worker,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean      studio_region_keep_running_finish (StudioRegion        *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

void          studio_region_prepare_launch_async  (StudioRegion        *self,
                                                   const char          *name,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GListModel   *studio_region_prepare_launch_finish (StudioRegion        *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
void          studio_region_cancel_launch_async   (StudioRegion        *self,
                                                   const char          *name,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean      studio_region_cancel_launch_finish  (StudioRegion        *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* Blocking variants (studio-region-sync.c): each runs its asynchronous
 * operation on AI Studio's one main context for blocking calls, shared by all
 * of them, pushed as the thread's default for the time of the call; what the
 * operation leaves running (a refresh after a stop) goes on at the next
 * blocking call. */
gboolean      studio_region_refresh_sync      (StudioRegion        *self,
                                               GCancellable        *cancellable,
                                               GError             **error);
StudioWorker *studio_region_launch_sync       (StudioRegion              *self,
                                               const StudioLaunchOptions *options,
                                               StudioProgressFunc         progress_func,
                                               gpointer                   progress_data,
                                               GCancellable              *cancellable,
                                               GError                   **error);
StudioWorker *studio_region_replicate_sync    (StudioRegion        *self,
                                               StudioWorker        *worker,
                                               const char          *new_name,
                                               StudioProgressFunc   progress_func,
                                               gpointer             progress_data,
                                               GCancellable        *cancellable,
                                               GError             **error);
gboolean      studio_region_stop_sync         (StudioRegion        *self,
                                               StudioWorker        *worker,
                                               GCancellable        *cancellable,
                                               GError             **error);
gboolean      studio_region_start_sync        (StudioRegion        *self,
                                               StudioWorker        *worker,
                                               GCancellable        *cancellable,
                                               GError             **error);
gboolean      studio_region_terminate_sync    (StudioRegion        *self,
                                               StudioWorker        *worker,
                                               GCancellable        *cancellable,
                                               GError             **error);
GListModel   *studio_region_list_services_sync (StudioRegion      *self,
                                               StudioWorker        *worker,
                                               GCancellable        *cancellable,
                                               GError             **error);
char         *studio_region_logs_sync         (StudioRegion        *self,
                                               StudioWorker        *worker,
                                               GCancellable        *cancellable,
                                               GError             **error);

#pragma GCC visibility pop

G_END_DECLS
