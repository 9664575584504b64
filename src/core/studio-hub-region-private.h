#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "studio-hub-region.h"

G_BEGIN_DECLS

struct _StudioHubRegion
{
  StudioRegion parent_instance;

  SoupSession *session;
  char *url;          /* without a trailing "/" */
  char *token;
  char *user;
  GListStore *sizes;
  GCancellable *cancellable;
  char *pinned;        /* SHA-256 fingerprint of a certificate the user trusts, or NULL */
  char *seen;          /* the fingerprint of the last certificate refused */
  char *cookie;        /* the hub's login cookie, to read its spawn form; or NULL */
  gboolean cleartext;  /* http:// to another host: credentials would cross the network in clear */
  gboolean insecure_allowed;  /* the user accepted that */
  gboolean full_access;       /* the token is not limited to AI Studio's scopes */
};

void      studio_hub_region_call_async    (StudioHubRegion     *self,
                                           const char          *method,
                                           const char          *path,
                                           JsonNode            *body,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
JsonNode *studio_hub_region_call_finish   (StudioHubRegion     *self,
                                           GAsyncResult        *result,
                                           guint               *status,
                                           GError             **error);
char     *studio_hub_region_server_path   (StudioHubRegion     *self,
                                           const char          *name,
                                           const char          *suffix);
GError   *studio_hub_region_untrusted_error (StudioHubRegion   *self);
GError   *studio_hub_region_insecure_error  (StudioHubRegion   *self);
gboolean  studio_hub_region_apply_user      (StudioHubRegion   *self,
                                             JsonNode          *node,
                                             GError           **error);
gboolean  studio_hub_parse_progress_event   (const char        *line,
                                             char             **message,
                                             double            *fraction,
                                             gboolean          *ready,
                                             gboolean          *failed);
void      studio_hub_region_update_worker (StudioHubRegion     *self,
                                           StudioWorker        *worker,
                                           JsonObject          *server);

/* studio-hub-region-actions.c */
StudioWorker *studio_hub_region_launch_async     (StudioRegion              *region,
                                                  const StudioLaunchOptions *options,
                                                  GCancellable              *cancellable,
                                                  GAsyncReadyCallback        callback,
                                                  gpointer                   user_data);
StudioWorker *studio_hub_region_launch_finish    (StudioRegion              *region,
                                                  GAsyncResult              *result,
                                                  GError                   **error);
StudioWorker *studio_hub_region_replicate_async  (StudioRegion              *region,
                                                  StudioWorker              *worker,
                                                  const char                *new_name,
                                                  GCancellable              *cancellable,
                                                  GAsyncReadyCallback        callback,
                                                  gpointer                   user_data);
void          studio_hub_region_act_async        (StudioRegion              *region,
                                                  StudioWorker              *worker,
                                                  StudioWorkerAction         action,
                                                  GCancellable              *cancellable,
                                                  GAsyncReadyCallback        callback,
                                                  gpointer                   user_data);
gboolean      studio_hub_region_act_finish       (StudioRegion              *region,
                                                  GAsyncResult              *result,
                                                  GError                   **error);
void          studio_hub_region_logs_async       (StudioRegion              *region,
                                                  StudioWorker              *worker,
                                                  GCancellable              *cancellable,
                                                  GAsyncReadyCallback        callback,
                                                  gpointer                   user_data);
char         *studio_hub_region_logs_finish      (StudioRegion              *region,
                                                  GAsyncResult              *result,
                                                  GError                   **error);

G_END_DECLS
