/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* For regions: what they say of their sizes. */
#include "studio-size.h"

G_BEGIN_DECLS

void studio_size_set_description (StudioSize *self,
                                  const char *description);
void studio_size_set_unavailable (StudioSize *self,
                                  const char *reason);
void studio_size_set_profile     (StudioSize *self,
                                  JsonObject *defaults,
                                  JsonArray  *options,
                                  gboolean    is_default);

G_END_DECLS
