#pragma once

#include "studio-regions.h"

G_BEGIN_DECLS

/* Readers of regions.ini, without a file (also for the fuzzers). */
GPtrArray  *studio_regions_parse_hubs     (const char  *data,
                                           gsize        len,
                                           GError     **error);
GListStore *studio_regions_parse_profiles (const char  *json);

G_END_DECLS
