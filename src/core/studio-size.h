/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined (__AISTUDIO_H_INSIDE__) && !defined (STUDIO_COMPILATION)
#error "Only <aistudio.h> can be included directly."
#endif

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#pragma GCC visibility push(default)

#define STUDIO_TYPE_SIZE (studio_size_get_type ())
G_DECLARE_FINAL_TYPE (StudioSize, studio_size, STUDIO, SIZE, GObject)

StudioSize  *studio_size_new                   (const char *id,
                                                const char *name,
                                                guint       cpus,
                                                guint64     memory_bytes,
                                                guint       gpus);
const char  *studio_size_get_id                (StudioSize *self);
const char  *studio_size_get_name              (StudioSize *self);
const char  *studio_size_get_description       (StudioSize *self);
guint        studio_size_get_cpus              (StudioSize *self);
guint64      studio_size_get_memory_bytes      (StudioSize *self);
guint        studio_size_get_gpus              (StudioSize *self);
gboolean     studio_size_get_available         (StudioSize *self);
const char  *studio_size_get_unavailable_reason (StudioSize *self);
JsonObject  *studio_size_get_defaults          (StudioSize *self);
JsonArray   *studio_size_get_options           (StudioSize *self);
gboolean     studio_size_get_is_default        (StudioSize *self);
char        *studio_size_describe_resources    (StudioSize *self);
gboolean     studio_size_matches               (StudioSize *self,
                                                const char *id_or_name);

#pragma GCC visibility pop

G_END_DECLS
