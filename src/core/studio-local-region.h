#pragma once

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

#define STUDIO_TYPE_LOCAL_REGION (studio_local_region_get_type ())
G_DECLARE_FINAL_TYPE (StudioLocalRegion, studio_local_region, STUDIO, LOCAL_REGION, StudioRegion)

StudioRegion *studio_local_region_new              (void);

#pragma GCC visibility pop

G_END_DECLS
