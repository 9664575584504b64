/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What an engine region says of itself (its kind, its words, what it keeps
 * in regions.ini), and its images: whether the engine has one, and a build
 * of one of AI Studio's own into that engine. */
#include <glib/gi18n-lib.h>

#include "studio-engine-region-private.h"
#include "studio-error.h"
#include "studio-util.h"

static const char * const settings[] = { "address", NULL };

static const char *
studio_engine_region_get_kind (StudioRegion *region)
{
  return STUDIO_ENGINE_REGION (region)->address ? "engine" : STUDIO_LOCAL_REGION_ID;
}

static const char *
studio_engine_region_get_kind_name (StudioRegion *region)
{
  return STUDIO_ENGINE_REGION (region)->address ? _("Container Engine") : _("This Computer");
}

static const char *
studio_engine_region_get_icon_name (StudioRegion *region)
{
  return "computer-symbolic";
}

static char *
studio_engine_region_describe_unavailable (StudioRegion  *region,
                                           char         **title)
{
  StudioEngineRegion *self = STUDIO_ENGINE_REGION (region);

  *title = g_strdup (_("No Container Engine"));
  if (self->address != NULL)
    return g_strdup_printf (_("%s\n\nStart the Podman or Docker service that listens at %s, then retry."),
                            studio_region_get_status (region) ?: "", self->address);
  return g_strdup_printf (_("%s\n\nInstall Podman with “sudo apt install podman”, or start its socket "
                            "with “systemctl --user enable --now podman.socket”, then retry."),
                          studio_region_get_status (region) ?: "");
}

static char *
studio_engine_region_describe_terminate (StudioRegion *region,
                                         StudioWorker *worker)
{
  return g_strdup (_("The worker and its own disk are deleted, with everything on it "
                     "outside ~/my and ~/shared. Files in ~/my and ~/shared are kept "
                     "for your other workers."));
}

static const char * const *
studio_engine_region_list_kept_folders (StudioRegion *region)
{
  static const char * const kept[] = { "my", "shared", NULL };

  return kept;
}

static const char * const *
studio_engine_region_list_settings (StudioRegion *region)
{
  return STUDIO_ENGINE_REGION (region)->address ? settings : NULL;
}

static void
image_inspected_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = studio_engine_request_finish (STUDIO_ENGINE (object), result, NULL, &error);

  if (error == NULL)
    {
      /* Its size as the engine says it; an answer without one is still "here". */
      JsonObject *o = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonNode *size = o ? json_object_get_member (o, "Size") : NULL;
      gint64 bytes = size && JSON_NODE_HOLDS_VALUE (size) && json_node_get_value_type (size) == G_TYPE_INT64
                     ? json_node_get_int (size) : 0;

      g_task_return_int (task, 1 + CLAMP (bytes, 0, G_MAXSSIZE - 1));
    }
  else if (g_error_matches (error, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND))
    g_task_return_int (task, FALSE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* Whether the engine has the image (the default has_image_finish reads the answer). */
static void
studio_engine_region_has_image_async (StudioRegion        *region,
                                      const char          *image,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  StudioEngineRegion *self = STUDIO_ENGINE_REGION (region);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *path = studio_util_path ("/images/%s/json", image);

  g_task_set_source_tag (task, studio_engine_region_has_image_async);
  studio_engine_request_async (self->engine, "GET", path, NULL, cancellable, image_inspected_cb, task);
}

/* Built here, into this region's engine. */
static StudioImageBuild *
studio_engine_region_build_image (StudioRegion *region,
                                  const char   *image)
{
  StudioEngineRegion *self = STUDIO_ENGINE_REGION (region);

  return g_object_new (STUDIO_TYPE_IMAGE_BUILD, "image", image,
                       "engine", studio_engine_is_connected (self->engine) ? studio_engine_get_address (self->engine)
                                                                           : self->address,
                       NULL);
}

void
_studio_engine_region_class_init_kind (StudioRegionClass *region_class)
{
  region_class->get_kind = studio_engine_region_get_kind;
  region_class->get_kind_name = studio_engine_region_get_kind_name;
  region_class->get_icon_name = studio_engine_region_get_icon_name;
  region_class->describe_unavailable = studio_engine_region_describe_unavailable;
  region_class->describe_terminate = studio_engine_region_describe_terminate;
  region_class->list_kept_folders = studio_engine_region_list_kept_folders;
  region_class->list_settings = studio_engine_region_list_settings;
  region_class->has_image_async = studio_engine_region_has_image_async;
  region_class->build_image = studio_engine_region_build_image;
}
