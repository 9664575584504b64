/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined (__AISTUDIO_H_INSIDE__) && !defined (STUDIO_COMPILATION)
#error "Only <aistudio.h> can be included directly."
#endif


#include <gio/gio.h>


G_BEGIN_DECLS

#pragma GCC visibility push(default)

#define STUDIO_TYPE_IMAGE_BUILD (studio_image_build_get_type ())
G_DECLARE_FINAL_TYPE (StudioImageBuild, studio_image_build, STUDIO, IMAGE_BUILD, GObject)

/**
 * STUDIO_DATA_SCIENCE_IMAGE:
 *
 * AI Studio's data-science worker image: the default image and Debian's
 * pandas, scikit-learn, XGBoost, statsmodels, matplotlib and Dask, with an
 * ML kernel and a big-data kernel.
 */
#define STUDIO_DATA_SCIENCE_IMAGE "localhost/ai-studio-worker:data-science"

const char       *studio_image_get_description        (const char          *image);
gboolean          studio_image_can_build              (const char          *image);

StudioImageBuild *studio_image_build_new              (const char          *image);
const char       *studio_image_build_get_image        (StudioImageBuild    *self);
const char       *studio_image_build_get_text         (StudioImageBuild    *self);
double            studio_image_build_get_fraction     (StudioImageBuild    *self);
void              studio_image_build_run_async        (StudioImageBuild    *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean          studio_image_build_run_finish       (StudioImageBuild    *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

#pragma GCC visibility pop

G_END_DECLS
