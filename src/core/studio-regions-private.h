#pragma once

#include "studio-regions.h"

G_BEGIN_DECLS

void        studio_regions_put            (StudioRegions *self,
                                           StudioRegion  *region);
void        studio_regions_take_out       (StudioRegions *self,
                                           StudioRegion  *region);

/* Readers of regions.ini, without a file (also for the fuzzers). */
GPtrArray  *studio_regions_parse_hubs     (const char  *data,
                                           gsize        len,
                                           GError     **error);
GListStore *studio_regions_parse_profiles (const char  *json);

/* studio-regions-config.c: regions.ini, the Secret Service, signing in. */


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

void          studio_regions_sign_in_hub_async  (const char          *name,
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
StudioRegion *studio_regions_sign_in_hub_finish (GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
