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
G_DECLARE_FINAL_TYPE (StudioEngineRegion, studio_engine_region, STUDIO, ENGINE_REGION, StudioRegion)

StudioRegion *studio_engine_region_new              (const char *address);
const char   *studio_engine_region_get_address      (StudioEngineRegion *self);

#pragma GCC visibility pop

G_END_DECLS
