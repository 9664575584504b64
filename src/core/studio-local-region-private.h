#pragma once

#include "studio-jupyter.h"
#include "studio-engine.h"
#include "studio-local-region.h"
#include "studio-region-private.h"
#include "studio-size-private.h"

G_BEGIN_DECLS

/* Everything needed to list a worker again lives in its container's labels. */
#define LABEL_WORKER        "io.github.aistudio.worker"
#define LABEL_SIZE          "io.github.aistudio.size"
#define LABEL_IMAGE         "io.github.aistudio.image"
#define LABEL_CREATED       "io.github.aistudio.created"
#define LABEL_AUTO_SHUTDOWN "io.github.aistudio.auto-shutdown"
#define LABEL_TOKEN         "io.github.aistudio.token"
#define LABEL_PORT          "io.github.aistudio.port"
#define LABEL_FLAVOR        "io.github.aistudio.flavor"
#define LABEL_STARTUP       "io.github.aistudio.startup-script"
#define LABEL_HOME          "io.github.aistudio.home"

#define CONTAINER_PREFIX    "aistudio-"
#define REPLICA_REPOSITORY  "localhost/ai-studio-replica"
#define JUPYTER_PORT        "8888/tcp"
#define FLAVOR_JUPYTER      "jupyter"
#define FLAVOR_DOCKER_STACKS "docker-stacks"
/* The in-container wrapper exits with this when the startup script fails. */
#define STARTUP_FAILED_STATUS 97

struct _StudioLocalRegion
{
  StudioRegion parent_instance;

  StudioEngine *engine;
  SoupSession *jupyter_session;
  GListStore *sizes;
  GPtrArray *pending_refreshes;
  gboolean refresh_again;
  GCancellable *cancellable;
  guint ready_timeout;
  gboolean live;
  guint poll_id;
  guint debounce_id;
  guint soon_id;
  GCancellable *events_cancellable;
};

void          studio_local_region_wait_ready_async  (StudioLocalRegion   *self,
                                                     StudioWorker        *worker,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean      studio_local_region_wait_ready_finish (StudioLocalRegion   *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
GError       *studio_local_region_start_error   (StudioWorker        *worker,
                                                 const GError        *error);

StudioWorker *studio_local_region_launch_async  (StudioRegion              *region,
                                                 const StudioLaunchOptions *options,
                                                 GCancellable              *cancellable,
                                                 GAsyncReadyCallback        callback,
                                                 gpointer                   user_data);
StudioWorker *studio_local_region_launch_finish (StudioRegion        *region,
                                                 GAsyncResult        *result,
                                                 GError             **error);
StudioWorker *studio_local_region_replicate_async  (StudioRegion        *region,
                                                    StudioWorker        *worker,
                                                    const char          *new_name,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
StudioWorker *studio_local_region_replicate_finish (StudioRegion        *region,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* A launch under way (studio-local-launch.c). */
typedef struct
{
  StudioLaunchOptions *options;
  StudioWorker *worker;
  char *token;
  guint port;
  char *home;
  char *flavor;
  char *docker_stacks_start;
  GHashTable *layers;          /* layer id -> Layer */
  char *pull_error;
} LaunchData;

/* Readers of the engine's replies, without a network (also for the fuzzers). */
GPtrArray    *studio_local_region_apply_list  (StudioLocalRegion   *self,
                                               JsonNode            *node,
                                               GError             **error);
void          studio_local_region_on_event    (JsonNode            *node,
                                               gpointer             user_data);
/* studio-local-region-live.c */
gboolean      studio_local_region_has_live_updates (StudioRegion   *region);
void          studio_local_launch_read_image  (LaunchData          *data,
                                               JsonObject          *image);
void          studio_local_launch_pull_line   (JsonNode            *node,
                                               gpointer             user_data);
void          studio_local_launch_data_free   (LaunchData          *data);

/* studio-local-container.c */
JsonNode     *studio_local_container_spec     (LaunchData          *data,
                                               StudioSize          *size);

StudioEngine *studio_local_region_get_engine       (StudioLocalRegion *self);
/* studio-region-stats.c */
void          studio_local_region_stats_async      (StudioRegion        *region,
                                                    StudioWorker        *worker,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
JsonObject   *studio_local_region_stats_finish     (StudioRegion        *region,
                                                    GAsyncResult        *result,
                                                    GError             **error);
JsonObject   *studio_local_region_parse_stats      (JsonNode *first,
                                                    JsonNode *second,
                                                    double    cpus);
void          studio_local_region_set_ready_timeout (StudioLocalRegion *self,
                                                     guint              seconds);
void          studio_local_region_set_live         (StudioLocalRegion *self,
                                                    gboolean           live);

G_END_DECLS
