/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "studio-regions.h"

G_BEGIN_DECLS

void        studio_regions_put            (StudioRegions *self,
                                           StudioRegion  *region);
void        studio_regions_take_out       (StudioRegions *self,
                                           StudioRegion  *region);

/* studio-regions-file.c: regions.ini. */
char       *studio_regions_file_path      (void);
GPtrArray  *studio_regions_file_load      (GError      **error);
gboolean    studio_regions_file_has       (const char   *id);
gboolean    studio_regions_file_save_region (StudioRegion *region,
                                           gboolean      only_if_kept,
                                           GError      **error);
gboolean    studio_regions_file_remove    (const char   *id,
                                           GError      **error);
/* The regions of a regions.ini given as text, without a file (also for the fuzzers). */
GPtrArray  *studio_regions_parse          (const char  *data,
                                           gsize        len,
                                           GError     **error);

G_END_DECLS
