/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "studio-jupyter.h"
#include "studio-engine.h"
#include "studio-image-build.h"
#include "studio-engine-region.h"
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

struct _StudioEngineRegion
{
  StudioRegion parent_instance;

  char *address;       /* the engine's, as given; NULL for This Computer */
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
  gboolean machine_asked;   /* the engine was asked for its machine (/info) */
  guint64 machine_key[3];   /* the CPUs, memory and GPUs the sizes were made for */
};

#define STUDIO_ENGINE_REGION_GET_CLASS(o) (G_TYPE_INSTANCE_GET_CLASS ((o), STUDIO_TYPE_ENGINE_REGION, StudioEngineRegionClass))

struct _StudioEngineRegionClass
{
  StudioRegionClass parent_class;

  /* The address (http://…/) at which this process reaches the worker's
   * port on the engine's machine, where the engine published it on its
   * loopback; NULL when it cannot be reached now. */
  char *(*reach_port) (StudioEngineRegion *self,
                       guint               port);
};

void          studio_engine_region_wait_ready_async  (StudioEngineRegion   *self,
                                                     StudioWorker        *worker,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean      studio_engine_region_wait_ready_finish (StudioEngineRegion   *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
GError       *studio_engine_region_start_error   (StudioWorker        *worker,
                                                 const GError        *error);
void          studio_engine_region_reach_jupyter (StudioEngineRegion  *self,
                                                  StudioWorker        *worker,
                                                  guint                port,
                                                  const char          *token);
guint         studio_engine_region_read_port    (JsonObject          *container);

StudioWorker *studio_engine_region_launch_async  (StudioRegion              *region,
                                                 const StudioLaunchOptions *options,
                                                 GCancellable              *cancellable,
                                                 GAsyncReadyCallback        callback,
                                                 gpointer                   user_data);
StudioWorker *studio_engine_region_launch_finish (StudioRegion        *region,
                                                 GAsyncResult        *result,
                                                 GError             **error);
StudioWorker *studio_engine_region_replicate_async  (StudioRegion        *region,
                                                    StudioWorker        *worker,
                                                    const char          *new_name,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
StudioWorker *studio_engine_region_replicate_finish (StudioRegion        *region,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* A launch under way (studio-engine-region-launch.c). */
typedef struct
{
  StudioLaunchOptions *options;
  StudioWorker *worker;
  char *token;
  char *home;
  char *flavor;
  char *docker_stacks_start;
  GHashTable *layers;          /* layer id -> Layer */
  char *pull_error;
  StudioWorker *source;        /* a replica's, while its disk is copied */
  char *commit_path;
  GError *commit_error;
} LaunchData;

/* Readers of the engine's replies, without a network (also for the fuzzers). */
GPtrArray    *studio_engine_region_apply_list  (StudioEngineRegion   *self,
                                               JsonNode            *node,
                                               GError             **error);
void          studio_engine_region_on_event    (JsonNode            *node,
                                               gpointer             user_data);
/* studio-engine-region-live.c */
gboolean      studio_engine_region_has_live_updates (StudioRegion   *region);
void          studio_engine_launch_read_image  (LaunchData          *data,
                                               JsonObject          *image);
void          studio_engine_launch_pull_line   (JsonNode            *node,
                                               gpointer             user_data);
void          studio_engine_launch_data_free   (LaunchData          *data);

/* studio-engine-region-container.c */
JsonNode     *studio_engine_container_spec     (LaunchData          *data,
                                               StudioSize          *size);

/* studio-engine-region-secrets.c: the token and startup script, in files
 * in this folder of the container. */
#define SECRETS_DIR "/etc/ai-studio"
GBytes       *studio_engine_worker_secrets_tar   (const char          *token,
                                                  const char          *startup);
gboolean      studio_engine_worker_secrets_parse (GBytes              *tar,
                                                  char               **token,
                                                  char               **startup);
gboolean      studio_engine_region_needs_secrets (StudioWorker        *worker);
void          studio_engine_region_read_secrets_async   (StudioEngineRegion  *self,
                                                         StudioWorker        *worker,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean      studio_engine_region_read_secrets_finish  (StudioEngineRegion  *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
void          studio_engine_region_write_secrets_async  (StudioEngineRegion  *self,
                                                         const char          *id,
                                                         const char          *token,
                                                         const char          *startup,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean      studio_engine_region_write_secrets_finish (StudioEngineRegion  *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

StudioEngine *studio_engine_region_get_engine       (StudioEngineRegion *self);

/* studio-engine-region-act.c: stop, start, terminate. */
void          studio_engine_region_act_async        (StudioRegion        *region,
                                                     StudioWorker        *worker,
                                                     StudioWorkerAction   action,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean      studio_engine_region_act_finish       (StudioRegion        *region,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* studio-engine-region-kind.c: what the region says of itself, its images. */
void          _studio_engine_region_class_init_kind (StudioRegionClass *region_class);

/* studio-engine-region-machine.c: the machine the engine runs on. */
typedef struct
{
  guint cpus;
  guint64 memory_bytes;
  int gpus;            /* -1: the engine does not say */
} StudioMachine;

gboolean      studio_engine_region_parse_machine   (JsonNode           *info,
                                                    StudioMachine      *machine);
void          studio_engine_region_apply_machine   (StudioEngineRegion *self,
                                                    const StudioMachine *machine);
void          studio_engine_region_read_machine    (StudioEngineRegion *self);
/* studio-region-stats.c */
void          studio_engine_region_stats_async      (StudioRegion        *region,
                                                    StudioWorker        *worker,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
JsonObject   *studio_engine_region_stats_finish     (StudioRegion        *region,
                                                    GAsyncResult        *result,
                                                    GError             **error);
JsonObject   *studio_engine_region_parse_stats      (JsonNode *first,
                                                    JsonNode *second,
                                                    double    cpus);
void          studio_engine_region_set_ready_timeout (StudioEngineRegion *self,
                                                     guint              seconds);
void          studio_engine_region_set_live         (StudioEngineRegion *self,
                                                    gboolean           live);

G_END_DECLS
