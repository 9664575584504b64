#pragma once

#include <json-glib/json-glib.h>

#include "studio-region.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_HUB_REGION (studio_hub_region_get_type ())
G_DECLARE_FINAL_TYPE (StudioHubRegion, studio_hub_region, STUDIO, HUB_REGION, StudioRegion)

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

JsonNode     *studio_hub_token_request      (guint            lifetime_seconds,
                                             gboolean         scoped);
void          studio_hub_region_set_insecure_allowed (StudioHubRegion *self,
                                                      gboolean         allowed);
gboolean      studio_hub_region_is_cleartext (StudioHubRegion *self);
gboolean      studio_hub_region_has_full_access_token (StudioHubRegion *self);

void          studio_hub_region_read_profiles_async   (StudioHubRegion     *self,
                                                       const char          *name,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GListModel   *studio_hub_region_read_profiles_finish  (StudioHubRegion     *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
void          studio_hub_region_discard_server_async  (StudioHubRegion     *self,
                                                       const char          *name,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean      studio_hub_region_discard_server_finish (StudioHubRegion     *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* Mints a token for AI Studio from a username and password (never stored). */
void          studio_hub_mint_token_async   (const char          *url,
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

G_END_DECLS
