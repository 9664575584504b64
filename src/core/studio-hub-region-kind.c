/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a hub region says of itself (its kind, its words, how it signs in),
 * and what regions.ini keeps of it: its settings, and its profiles as JSON. */
#include <glib/gi18n-lib.h>

#include "studio-hub-region-private.h"
#include "studio-util.h"

/* What regions.ini keeps of a hub, under the keys of the first releases. */
static const char * const settings[] = { "url", "insecure", "username", "certificate", "profiles", NULL };

/* The profiles kept in the config (JSON, perhaps edited by hand): those of a
 * usable shape, as sizes. */
GListStore *
studio_hub_region_parse_profiles (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GListStore *sizes = g_list_store_new (STUDIO_TYPE_SIZE);
  JsonArray *array;

  if (json == NULL || !studio_util_json_load (parser, json, -1, NULL) ||
      (array = studio_util_json_root_array (parser)) == NULL)
    return sizes;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *profile = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *slug = studio_util_json_string (profile, "slug");
      JsonObject *defaults = studio_util_json_object (profile, "defaults");
      g_autoptr(StudioSize) size = NULL;

      if (slug == NULL)
        continue;
      size = studio_size_new (slug, studio_util_json_string (profile, "name"), 0, 0, 0);
      studio_size_set_description (size, studio_util_json_string (profile, "description"));
      studio_size_set_profile (size, defaults, studio_util_json_array (profile, "options"), FALSE);
      g_list_store_append (sizes, size);
    }
  return sizes;
}

/* The profiles as regions.ini keeps them: [{"slug", "name", "description",
 * "defaults": {…}, "options": […]}]; NULL for none. */
char *
studio_hub_region_profiles_to_json (GListModel *profiles)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  if (g_list_model_get_n_items (profiles) == 0)
    return NULL;
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(StudioSize) size = g_list_model_get_item (profiles, i);
      JsonObject *defaults = studio_size_get_defaults (size);
      JsonArray *options = studio_size_get_options (size);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "slug");
      json_builder_add_string_value (b, studio_size_get_id (size));
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, studio_size_get_name (size));
      json_builder_set_member_name (b, "description");
      json_builder_add_string_value (b, studio_size_get_description (size) ?: "");
      json_builder_set_member_name (b, "defaults");
      if (defaults != NULL)
        json_builder_add_value (b, json_node_init_object (json_node_alloc (), defaults));
      else
        {
          json_builder_begin_object (b);
          json_builder_end_object (b);
        }
      json_builder_set_member_name (b, "options");
      if (options != NULL)
        json_builder_add_value (b, json_node_init_array (json_node_alloc (), options));
      else
        {
          json_builder_begin_array (b);
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static const char *
studio_hub_region_get_kind (StudioRegion *region)
{
  return "hub";
}

static const char *
studio_hub_region_get_kind_name (StudioRegion *region)
{
  return _("JupyterHub");
}

static const char *
studio_hub_region_get_icon_name (StudioRegion *region)
{
  return "network-workgroup-symbolic";
}

static char *
studio_hub_region_describe_unavailable (StudioRegion  *region,
                                        char         **title)
{
  *title = g_strdup (_("Hub Not Available"));
  return g_strdup_printf (_("%s\n\nCheck the hub's address and your network, or sign in again "
                            "if the hub no longer takes AI Studio's token."),
                          studio_region_get_status (region) ?: "");
}

static char *
studio_hub_region_describe_terminate (StudioRegion *region,
                                      StudioWorker *worker)
{
  return g_strdup (_("The server is removed from the hub. What the hub keeps for you "
                     "(often your home directory) stays; anything else on it is lost."));
}

static const char * const *
studio_hub_region_list_kept_folders (StudioRegion *region)
{
  return NULL;   /* the hub keeps the home: a server removed takes none of it */
}

static StudioSignInMethods
studio_hub_region_get_sign_in_methods (StudioRegion *region)
{
  return STUDIO_SIGN_IN_PASSWORD | STUDIO_SIGN_IN_TOKEN | STUDIO_SIGN_IN_BROWSER;
}

static const char * const *
studio_hub_region_list_settings (StudioRegion *region)
{
  return settings;
}

void
_studio_hub_region_class_init_kind (StudioRegionClass *region_class)
{
  region_class->get_kind = studio_hub_region_get_kind;
  region_class->get_kind_name = studio_hub_region_get_kind_name;
  region_class->get_icon_name = studio_hub_region_get_icon_name;
  region_class->describe_unavailable = studio_hub_region_describe_unavailable;
  region_class->describe_terminate = studio_hub_region_describe_terminate;
  region_class->list_kept_folders = studio_hub_region_list_kept_folders;
  region_class->get_sign_in_methods = studio_hub_region_get_sign_in_methods;
  region_class->list_settings = studio_hub_region_list_settings;
}
