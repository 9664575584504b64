#pragma once

#include <gio/gio.h>

#include "studio-region.h"

G_BEGIN_DECLS

#pragma GCC visibility push(default)

/**
 * StudioHubInfo:
 * @name: the region's name, also its id
 * @url: the hub's address
 * @username: (nullable): who signed in
 * @certificate: (nullable): the SHA-256 fingerprint of a certificate the user
 *   trusts though the system does not
 * @profiles: (nullable): the profiles last read from the hub's spawn form, as JSON
 * @insecure: the user accepted an unencrypted (http://) hub on another computer
 *
 * A hub region's settings, as kept in `$XDG_CONFIG_HOME/ai-studio/regions.ini`.
 * Its token is kept in the Secret Service, never here.
 */
typedef struct {
  char *name;
  char *url;
  char *username;
  char *certificate;
  char *profiles;
  gboolean insecure;
} StudioHubInfo;

#define STUDIO_TYPE_HUB_INFO (studio_hub_info_get_type ())
GType          studio_hub_info_get_type (void) G_GNUC_CONST;
StudioHubInfo *studio_hub_info_copy     (const StudioHubInfo *info);
void           studio_hub_info_free     (StudioHubInfo       *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StudioHubInfo, studio_hub_info_free)

/**
 * StudioHubAddFlags:
 * @STUDIO_HUB_ADD_NONE: no flags
 * @STUDIO_HUB_ADD_REPLACE: sign in again to a region that exists (its token expired)
 * @STUDIO_HUB_ADD_INSECURE: accept an http:// hub on another computer, whose
 *   password and token would cross the network unencrypted
 *
 * How studio_regions_add_hub_async() adds a hub.
 */
typedef enum /*< flags >*/ {
  STUDIO_HUB_ADD_NONE     = 0,
  STUDIO_HUB_ADD_REPLACE  = 1 << 0,
  STUDIO_HUB_ADD_INSECURE = 1 << 1,
} StudioHubAddFlags;

/**
 * STUDIO_HUB_TOKEN_LIFETIME_DEFAULT:
 *
 * How long a token minted at sign-in lives, in seconds: 30 days.
 */
#define STUDIO_HUB_TOKEN_LIFETIME_DEFAULT (30 * 24 * 3600)

#define STUDIO_TYPE_REGIONS (studio_regions_get_type ())
G_DECLARE_FINAL_TYPE (StudioRegions, studio_regions, STUDIO, REGIONS, GObject)

StudioRegions *studio_regions_new             (void);
gboolean       studio_regions_load            (StudioRegions  *self,
                                               GError        **error);
StudioRegion  *studio_regions_lookup          (StudioRegions  *self,
                                               const char     *id_or_name);
StudioHubInfo *studio_regions_dup_hub_info    (StudioRegions  *self,
                                               const char     *id);
void           studio_regions_add_hub_async   (StudioRegions       *self,
                                               const char          *name,
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
StudioRegion  *studio_regions_add_hub_finish  (StudioRegions       *self,
                                               GAsyncResult        *result,
                                               GError             **error);
void           studio_regions_remove_async    (StudioRegions       *self,
                                               StudioRegion        *region,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean       studio_regions_remove_finish   (StudioRegions       *self,
                                               GAsyncResult        *result,
                                               GError             **error);
void           studio_regions_disconnect_keyring (void);

#pragma GCC visibility pop

G_END_DECLS
