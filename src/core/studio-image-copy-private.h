/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "studio-engine.h"
#include "studio-image-build.h"

G_BEGIN_DECLS

void     studio_image_build_set_destination (StudioImageBuild *self,
                                             StudioEngine     *engine);

typedef void (*StudioImageCopyProgress) (const char *text,
                                         double      fraction,
                                         gpointer    user_data);

void     studio_image_copy_async  (const char              *image,
                                   const char              *source,
                                   const char              *destination,
                                   const char              *where,
                                   StudioImageCopyProgress  progress,
                                   gpointer                 progress_data,
                                   GCancellable            *cancellable,
                                   GAsyncReadyCallback      callback,
                                   gpointer                 user_data);
gboolean studio_image_copy_finish (GAsyncResult            *result,
                                   GError                 **error);

G_END_DECLS
