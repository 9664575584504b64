/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A kind of region that exists only in the tests, loaded as a GIO module
 * (AI_STUDIO_REGION_MODULE_DIR): "test", a cloud that never answers, with
 * its own words. The window and the CLI must show it as they show ours,
 * with no line of theirs that knows it. */
#include <glib/gi18n-lib.h>

#include "aistudio.h"

#define TEST_TYPE_REGION (test_region_get_type ())
G_DECLARE_FINAL_TYPE (TestRegion, test_region, TEST, REGION, StudioRegion)

struct _TestRegion
{
  StudioRegion parent_instance;
  char *endpoint;
};

enum { PROP_0, PROP_ENDPOINT, N_PROPS };

G_DEFINE_DYNAMIC_TYPE (TestRegion, test_region, STUDIO_TYPE_REGION)

static const char * const settings[] = { "endpoint", NULL };
static const char * const no_images[] = { NULL };

static GListModel *
test_region_list_sizes (StudioRegion *region)
{
  static GListStore *sizes;

  if (sizes == NULL)
    sizes = g_list_store_new (STUDIO_TYPE_SIZE);
  return G_LIST_MODEL (sizes);
}

static const char * const *
test_region_list_images (StudioRegion *region)
{
  return no_images;
}

static void
test_region_refresh_async (StudioRegion        *region,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (region, cancellable, callback, user_data);
  g_autofree char *status = g_strdup_printf ("The Test Cloud at %s is down for maintenance.",
                                             TEST_REGION (region)->endpoint);

  studio_region_set_status (region, FALSE, status);
  g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_NO_ENGINE, "%s", status);
}

static gboolean
test_region_refresh_finish (StudioRegion *region, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static const char *
test_region_get_kind (StudioRegion *region)
{
  return "test";
}

static const char *
test_region_get_kind_name (StudioRegion *region)
{
  return "Test Cloud";
}

static const char *
test_region_get_icon_name (StudioRegion *region)
{
  return "weather-overcast-symbolic";
}

static char *
test_region_describe_unavailable (StudioRegion *region, char **title)
{
  *title = g_strdup ("Test Cloud Resting");
  return g_strdup_printf ("%s\n\nWait for the test cloud's maintenance window to end.",
                          studio_region_get_status (region) ?: "");
}

static const char * const *
test_region_list_settings (StudioRegion *region)
{
  return settings;
}

static StudioRegionCapabilities
test_region_get_capabilities (StudioRegion *region)
{
  return STUDIO_REGION_CAPABILITIES_REMOVABLE | STUDIO_REGION_CAPABILITIES_REMOTE;
}

static void
test_region_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  g_value_set_string (value, TEST_REGION (object)->endpoint);
}

static void
test_region_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  TEST_REGION (object)->endpoint = g_value_dup_string (value);
}

static void
test_region_finalize (GObject *object)
{
  g_free (TEST_REGION (object)->endpoint);
  G_OBJECT_CLASS (test_region_parent_class)->finalize (object);
}

static void
test_region_class_init (TestRegionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  StudioRegionClass *region_class = STUDIO_REGION_CLASS (klass);

  object_class->get_property = test_region_get_property;
  object_class->set_property = test_region_set_property;
  object_class->finalize = test_region_finalize;
  region_class->list_sizes = test_region_list_sizes;
  region_class->list_images = test_region_list_images;
  region_class->refresh_async = test_region_refresh_async;
  region_class->refresh_finish = test_region_refresh_finish;
  region_class->get_kind = test_region_get_kind;
  region_class->get_kind_name = test_region_get_kind_name;
  region_class->get_icon_name = test_region_get_icon_name;
  region_class->describe_unavailable = test_region_describe_unavailable;
  region_class->list_settings = test_region_list_settings;
  region_class->get_capabilities = test_region_get_capabilities;
  g_object_class_install_property (object_class, PROP_ENDPOINT,
                                   g_param_spec_string ("endpoint", NULL, NULL, NULL,
                                                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                        G_PARAM_STATIC_STRINGS));
}

static void
test_region_class_finalize (TestRegionClass *klass)
{
}

static void
test_region_init (TestRegion *self)
{
}

/* GIO's module entry points. */
G_MODULE_EXPORT void g_io_module_load (GIOModule *module);
G_MODULE_EXPORT void g_io_module_unload (GIOModule *module);

G_MODULE_EXPORT void
g_io_module_load (GIOModule *module)
{
  /* Types stay registered for the process: the module is never unloaded. */
  g_type_module_use (G_TYPE_MODULE (module));
  test_region_register_type (G_TYPE_MODULE (module));
  g_io_extension_point_implement (STUDIO_REGION_KIND_EXTENSION_POINT, TEST_TYPE_REGION, "test", 0);
}

G_MODULE_EXPORT void
g_io_module_unload (GIOModule *module)
{
}
