/* SPDX-License-Identifier: GPL-3.0-or-later */
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

/* studio-region-kind.c: the defaults of what a region says of itself. A kind
 * whose has_image_async returns a GTask's int (0 absent; present: 1 plus its
 * size in bytes, or 1 when unknown) keeps the default has_image_finish. */
void        _studio_region_class_init_kind (StudioRegionClass *klass);

/* studio-region-stats.c: reads no network (the fuzzers call it too) */
JsonObject *studio_region_parse_resource_usage (JsonNode *root);
JsonObject *studio_region_stats_new            (const char *source,
                                                const char *note);

G_END_DECLS
