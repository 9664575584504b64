/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "studio-hub-region.h"
#include "studio-region-private.h"
#include "studio-size-private.h"

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
  gboolean keyring_read;      /* the Secret Service was asked for the token */
  /* Each worker's own token (studio-hub-worker-tokens.c): */
  GHashTable *worker_tokens;  /* "USER/SERVER" → token */
  GHashTable *worker_tokens_checked;  /* "USER/SERVER" the hub knows, this run */
  gboolean worker_tokens_read;     /* the Secret Service was asked for them */
  gboolean worker_tokens_refused;  /* the hub makes none: workers get the region's */
  /* Only while the region is being added (studio_region_setup_async): */
  char *password;             /* from which a token is minted; wiped once used */
  guint token_lifetime;       /* seconds, for a minted token */
};

/* studio-hub-call.c: calls to the hub, TLS trust. */
void      studio_hub_region_init_session  (StudioHubRegion     *self);
void      studio_hub_region_call_with_token_async (StudioHubRegion     *self,
                                                   const char          *token,
                                                   const char          *method,
                                                   const char          *path,
                                                   JsonNode            *body,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
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
char     *studio_hub_region_server_base     (StudioHubRegion   *self,
                                             JsonObject        *server);
void      studio_hub_region_update_worker (StudioHubRegion     *self,
                                           StudioWorker        *worker,
                                           JsonObject          *server);

/* studio-hub-worker-tokens.c: each worker's own token. */
void        studio_hub_region_ensure_worker_tokens_async  (StudioHubRegion     *self,
                                                           JsonNode            *user,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean    studio_hub_region_ensure_worker_tokens_finish (StudioHubRegion     *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
const char *studio_hub_region_worker_token                (StudioHubRegion     *self,
                                                           const char          *name);
void        studio_hub_region_revoke_tokens_async         (StudioHubRegion     *self,
                                                           const char          *server,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
void        studio_hub_region_revoke_tokens_finish        (StudioHubRegion     *self,
                                                           GAsyncResult        *result);

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

/* studio-hub-sign-in.c: the region's setup_async and forget_async. */
void          studio_hub_region_setup_async   (StudioRegion        *region,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
void          studio_hub_region_forget_async  (StudioRegion        *region,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* The profiles kept in regions.ini (JSON, perhaps edited by hand): those of
 * a usable shape, as sizes. */
GListStore   *studio_hub_region_parse_profiles (const char     *json);
/* studio-hub-region-kind.c: the profiles as regions.ini keeps them (NULL for
 * none), and what the region says of itself. */
char         *studio_hub_region_profiles_to_json (GListModel   *profiles);
void          _studio_hub_region_class_init_kind (StudioRegionClass *region_class);

/* For the registry (studio-regions.c), the fuzzers and the tests. */
StudioRegion *studio_hub_region_new         (const char      *name,
                                             const char      *url,
                                             const char      *token);
const char   *studio_hub_region_get_url     (StudioHubRegion *self);
const char   *studio_hub_region_get_user    (StudioHubRegion *self);
void          studio_hub_region_set_token   (StudioHubRegion *self,
                                             const char      *token);
void          studio_hub_region_pin_certificate (StudioHubRegion *self,
                                                 const char      *fingerprint);
const char   *studio_hub_region_get_pinned_certificate (StudioHubRegion *self);
gboolean      studio_hub_region_trusts_certificate (StudioHubRegion *self,
                                                    GTlsCertificate *certificate);
void          studio_hub_region_set_cookie  (StudioHubRegion *self,
                                             const char      *cookie);
void          studio_hub_region_set_sizes   (StudioHubRegion *self,
                                             GListModel      *sizes);
void          studio_hub_region_add_size    (StudioHubRegion *self,
                                             const char      *slug,
                                             const char      *display_name);

void          studio_hub_region_set_insecure_allowed (StudioHubRegion *self,
                                                      gboolean         allowed);
gboolean      studio_hub_region_is_cleartext (StudioHubRegion *self);
gboolean      studio_hub_region_has_full_access_token (StudioHubRegion *self);


/* Mints a token for AI Studio from a username and password (never stored). */
char         *studio_hub_token_note         (const char          *region_id);
void          studio_hub_mint_token_async   (const char          *region_id,
                                             const char          *url,
                                             const char          *certificate,
                                             const char          *username,
                                             const char          *password,
                                             guint                lifetime_seconds,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
char         *studio_hub_mint_token_finish  (GAsyncResult        *result,
                                             GError             **error);

/* Signs in on the hub's login page and returns its login cookie (for reading
 * the spawn form), for hubs with a password login. */
void          studio_hub_login_cookie_async (const char          *url,
                                             const char          *certificate,
                                             const char          *username,
                                             const char          *password,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
char         *studio_hub_login_cookie_finish (GAsyncResult       *result,
                                              GError            **error);

void        studio_hub_region_prepare_launch_async  (StudioRegion        *region,
                                                     const char          *name,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GListModel *studio_hub_region_prepare_launch_finish (StudioRegion        *region,
                                                     GAsyncResult        *result,
                                                     GError             **error);
void        studio_hub_region_cancel_launch_async   (StudioRegion        *region,
                                                     const char          *name,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean    studio_hub_region_cancel_launch_finish  (StudioRegion        *region,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
