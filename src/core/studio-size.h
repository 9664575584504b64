#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

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
void         studio_size_set_description       (StudioSize *self,
                                                const char *description);
guint        studio_size_get_cpus              (StudioSize *self);
guint64      studio_size_get_memory_bytes      (StudioSize *self);
guint        studio_size_get_gpus              (StudioSize *self);
gboolean     studio_size_get_available         (StudioSize *self);
const char  *studio_size_get_unavailable_reason (StudioSize *self);
void         studio_size_set_unavailable       (StudioSize *self,
                                                const char *reason);
char        *studio_size_describe_resources    (StudioSize *self);
gboolean     studio_size_matches               (StudioSize *self,
                                                const char *id_or_name);

G_END_DECLS
