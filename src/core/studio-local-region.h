#pragma once

#include "studio-engine.h"
#include "studio-region.h"

G_BEGIN_DECLS

#define STUDIO_LOCAL_REGION_DEFAULT_IMAGE "localhost/ai-studio-worker:bookworm"

#define STUDIO_TYPE_LOCAL_REGION (studio_local_region_get_type ())
G_DECLARE_FINAL_TYPE (StudioLocalRegion, studio_local_region, STUDIO, LOCAL_REGION, StudioRegion)

StudioRegion *studio_local_region_new              (void);
StudioEngine *studio_local_region_get_engine       (StudioLocalRegion *self);
void          studio_local_region_set_ready_timeout (StudioLocalRegion *self,
                                                     guint              seconds);
void          studio_local_region_set_live         (StudioLocalRegion *self,
                                                    gboolean           live);

G_END_DECLS
