/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined (__AISTUDIO_H_INSIDE__) && !defined (STUDIO_COMPILATION)
#error "Only <aistudio.h> can be included directly."
#endif

#include <gio/gio.h>

#include "studio-region.h"

G_BEGIN_DECLS

#pragma GCC visibility push(default)

/**
 * STUDIO_REGION_KIND_EXTENSION_POINT:
 *
 * The GIO extension point of region kinds: each extension's name is a
 * kind's id (as `regions.ini` names it in its groups) and its type a
 * #StudioRegion subclass that builds such a region from its settings.
 * AI Studio registers "hub" and "engine"; a module in the folder named by
 * `AI_STUDIO_REGION_MODULE_DIR` may add more.
 */
#define STUDIO_REGION_KIND_EXTENSION_POINT "ai-studio-region-kind"

/**
 * StudioRegionsAddFlags:
 * @STUDIO_REGIONS_ADD_NONE: no flags
 * @STUDIO_REGIONS_ADD_REPLACE: replace a region of the same id (signing in
 *   again to a region whose token expired)
 *
 * How studio_regions_add_async() adds a region.
 */
typedef enum /*< flags >*/ {
  STUDIO_REGIONS_ADD_NONE    = 0,
  STUDIO_REGIONS_ADD_REPLACE = 1 << 0,
} StudioRegionsAddFlags;

#define STUDIO_TYPE_REGIONS (studio_regions_get_type ())
G_DECLARE_FINAL_TYPE (StudioRegions, studio_regions, STUDIO, REGIONS, GObject)

StudioRegions *studio_regions_new             (void);
void           studio_regions_set_interaction (StudioRegions   *self,
                                               GMountOperation *interaction);
gboolean       studio_regions_load            (StudioRegions  *self,
                                               GError        **error);
StudioRegion  *studio_regions_lookup          (StudioRegions  *self,
                                               const char     *id_or_name);
GType          studio_regions_lookup_kind     (const char     *kind);
char         **studio_regions_list_kinds      (void);
StudioRegion  *studio_regions_new_region      (const char     *kind,
                                               const char     *first_property_name,
                                               ...) G_GNUC_NULL_TERMINATED;
void           studio_regions_add_async       (StudioRegions         *self,
                                               StudioRegion          *region,
                                               StudioRegionsAddFlags  flags,
                                               GCancellable          *cancellable,
                                               GAsyncReadyCallback    callback,
                                               gpointer               user_data);
gboolean       studio_regions_add_finish      (StudioRegions         *self,
                                               GAsyncResult          *result,
                                               GError               **error);
void           studio_regions_remove_async    (StudioRegions       *self,
                                               StudioRegion        *region,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean       studio_regions_remove_finish   (StudioRegions       *self,
                                               GAsyncResult        *result,
                                               GError             **error);
gboolean       studio_regions_add_sync        (StudioRegions         *self,
                                               StudioRegion          *region,
                                               StudioRegionsAddFlags  flags,
                                               GCancellable          *cancellable,
                                               GError               **error);
gboolean       studio_regions_remove_sync     (StudioRegions       *self,
                                               StudioRegion        *region,
                                               GCancellable        *cancellable,
                                               GError             **error);
void           studio_regions_get_web_folders (const char     *region_id,
                                               char          **data_dir,
                                               char          **cache_dir);
void           studio_regions_delete_web_folders_async  (const char          *region_id,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean       studio_regions_delete_web_folders_finish (GAsyncResult        *result,
                                                         GError             **error);
void           studio_regions_disconnect_keyring (void);

#pragma GCC visibility pop

G_END_DECLS
