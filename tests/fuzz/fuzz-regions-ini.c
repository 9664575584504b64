/* regions.ini as a user may have edited it: hubs, their addresses and the
 * profiles kept for them. */
#include "fuzz.h"
#include "studio-regions-private.h"
#include "studio-util.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hubs = studio_regions_parse_hubs ((const char *) data, size, &error);

  g_assert ((hubs == NULL) == (error != NULL));
  for (guint i = 0; hubs && i < hubs->len; i++)
    {
      StudioHubInfo *info = g_ptr_array_index (hubs, i);
      g_autoptr(GListStore) profiles = studio_regions_parse_profiles (info->profiles);
      g_autoptr(GError) message_error = NULL;
      g_autoptr(SoupMessage) msg = studio_util_message_new ("GET", info->url, "/hub/api/user", &message_error);

      g_assert ((msg == NULL) == (message_error != NULL));
      studio_util_url_is_cleartext_remote (info->url);
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (profiles)); j++)
        {
          g_autoptr(StudioSize) profile = g_list_model_get_item (G_LIST_MODEL (profiles), j);
          g_assert (studio_size_get_id (profile) != NULL);
        }
    }
  return 0;
}
