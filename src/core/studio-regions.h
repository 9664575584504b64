#pragma once

#include <gio/gio.h>

#include "studio-region.h"

G_BEGIN_DECLS

/* The user's hub regions live in $XDG_CONFIG_HOME/ai-studio/regions.ini (name,
 * URL, username); their tokens live in the Secret Service, never in a file. */
typedef struct {
  char *name;
  char *url;
  char *username;
  char *certificate;   /* a pinned certificate's SHA-256 fingerprint, or NULL */
  char *profiles;      /* JSON: the profiles last read from the hub's spawn form */
  gboolean insecure;   /* the user accepted an unencrypted (http://) hub on another host */
} StudioHubInfo;

typedef enum {
  STUDIO_HUB_ADD_NONE     = 0,
  STUDIO_HUB_ADD_REPLACE  = 1 << 0,   /* sign in again to a region that exists */
  STUDIO_HUB_ADD_INSECURE = 1 << 1,   /* the user accepts an http:// hub on another host */
} StudioHubAddFlags;

#define STUDIO_HUB_TOKEN_LIFETIME_DEFAULT (30 * 24 * 3600)

void          studio_hub_info_free            (StudioHubInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StudioHubInfo, studio_hub_info_free)

char         *studio_regions_config_path      (void);
GPtrArray    *studio_regions_load_hubs        (GError      **error);
StudioHubInfo *studio_regions_find_hub        (const char   *name,
                                               GError      **error);
gboolean      studio_regions_save_hub         (const char   *name,
                                               const char   *url,
                                               const char   *username,
                                               const char   *certificate,
                                               gboolean      insecure,
                                               GError      **error);
StudioRegion *studio_regions_open_hub         (StudioHubInfo *info,
                                               const char    *token);
gboolean      studio_regions_remove_hub       (const char   *name,
                                               GError      **error);
gboolean      studio_regions_save_profiles    (const char   *name,
                                               GListModel   *profiles,
                                               GError      **error);

void          studio_regions_disconnect_keyring (void);
void          studio_regions_store_token_async  (const char          *name,
                                                 const char          *url,
                                                 const char          *token,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean      studio_regions_store_token_finish (GAsyncResult        *result,
                                                 GError             **error);
void          studio_regions_store_cookie_async (const char          *name,
                                                 const char          *url,
                                                 const char          *cookie,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
void          studio_regions_lookup_cookie_async (const char         *name,
                                                  GCancellable       *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer            user_data);
void          studio_regions_lookup_token_async (const char          *name,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
char         *studio_regions_lookup_token_finish (GAsyncResult       *result,
                                                  GError            **error);
char         *studio_regions_lookup_cookie_finish (GAsyncResult      *result,
                                                   GError           **error);
void          studio_regions_clear_token_async  (const char          *name,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean      studio_regions_clear_token_finish (GAsyncResult        *result,
                                                 GError             **error);

void          studio_regions_add_hub_async      (const char          *name,
                                                 const char          *url,
                                                 const char          *certificate,
                                                 const char          *username,
                                                 const char          *password,
                                                 const char          *token,
                                                 guint                token_lifetime_seconds,
                                                 StudioHubAddFlags    flags,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
StudioRegion *studio_regions_add_hub_finish     (GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
