#pragma once

/* What only a kind of region (a subclass) needs. */
#include "studio-region.h"
#include "studio-worker-private.h"

G_BEGIN_DECLS

GListStore   *studio_region_get_store         (StudioRegion *self);
void          studio_region_mark_busy         (StudioRegion      *self,
                                               StudioWorker      *worker,
                                               StudioWorkerState  state);
void          studio_region_unmark_busy       (StudioRegion      *self,
                                               StudioWorker      *worker);
gboolean      studio_region_is_busy           (StudioRegion      *self,
                                               const char        *name,
                                               StudioWorkerState *state);
void          studio_region_set_status        (StudioRegion *self,
                                               gboolean      available,
                                               const char   *status);
void          studio_region_set_identity      (StudioRegion *self,
                                               const char   *id,
                                               const char   *name);
void          studio_region_set_user          (StudioRegion *self,
                                               const char   *user);
void          studio_region_set_url           (StudioRegion *self,
                                               const char   *url);
void          studio_region_set_notice        (StudioRegion *self,
                                               const char   *notice);

/* A refresh's pass over the region's list: workers found by name at once,
 * new ones added in one change at the end, and the ones the refresh did
 * not see removed (unless an action of ours is still making them). */
typedef struct _StudioRegionMerge StudioRegionMerge;   /* studio-region-merge.c */

StudioRegionMerge *studio_region_merge_begin  (StudioRegion      *self);
StudioWorker      *studio_region_merge_worker (StudioRegionMerge *merge,
                                               const char        *name);
void               studio_region_merge_end    (StudioRegionMerge *merge);

/* studio-region-stats.c: reads no network (the fuzzers call it too) */
JsonObject *studio_region_parse_resource_usage (JsonNode *root);

G_END_DECLS
