/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined (__AISTUDIO_H_INSIDE__) && !defined (STUDIO_COMPILATION)
#error "Only <aistudio.h> can be included directly."
#endif

#include "studio-region.h"

G_BEGIN_DECLS

#pragma GCC visibility push(default)

/**
 * STUDIO_LOCAL_REGION_ID:
 *
 * The id of This Computer.
 */
#define STUDIO_LOCAL_REGION_ID "local"

/**
 * STUDIO_LOCAL_REGION_DEFAULT_IMAGE:
 *
 * The worker image This Computer launches by default, built offline by AI Studio.
 */
#define STUDIO_LOCAL_REGION_DEFAULT_IMAGE "localhost/ai-studio-worker:bookworm"

#define STUDIO_TYPE_ENGINE_REGION (studio_engine_region_get_type ())
/* Derivable inside core (an SSH region is one); its structs are private. */
typedef struct _StudioEngineRegion StudioEngineRegion;
typedef struct _StudioEngineRegionClass StudioEngineRegionClass;
GType studio_engine_region_get_type (void) G_GNUC_CONST;
#define STUDIO_ENGINE_REGION(o) (G_TYPE_CHECK_INSTANCE_CAST ((o), STUDIO_TYPE_ENGINE_REGION, StudioEngineRegion))
#define STUDIO_IS_ENGINE_REGION(o) (G_TYPE_CHECK_INSTANCE_TYPE ((o), STUDIO_TYPE_ENGINE_REGION))
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StudioEngineRegion, g_object_unref)

StudioRegion *studio_engine_region_new              (const char *address);
const char   *studio_engine_region_get_address      (StudioEngineRegion *self);

#pragma GCC visibility pop

G_END_DECLS
