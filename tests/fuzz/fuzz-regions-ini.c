/* SPDX-License-Identifier: GPL-3.0-or-later */
/* regions.ini as a user may have edited it: regions of every kind, their
 * settings (a hub's address and the profiles kept for it). */
#include "fuzz.h"
#include "studio-regions-private.h"
#include "studio-util.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) regions = studio_regions_parse ((const char *) data, size, &error);

  g_assert ((regions == NULL) == (error != NULL));
  for (guint i = 0; regions && i < regions->len; i++)
    {
      StudioRegion *region = g_ptr_array_index (regions, i);
      GListModel *sizes = studio_region_list_sizes (region);
      const char *url = studio_region_get_url (region);

      g_assert (studio_region_get_id (region) != NULL);
      g_assert (studio_region_get_kind (region) != NULL);
      if (url != NULL)
        {
          g_autoptr(GError) message_error = NULL;
          g_autoptr(SoupMessage) msg = studio_util_message_new ("GET", url, "/hub/api/user", &message_error);

          g_assert ((msg == NULL) == (message_error != NULL));
          studio_util_url_is_cleartext_remote (url);
        }
      for (guint j = 0; j < g_list_model_get_n_items (sizes); j++)
        {
          g_autoptr(StudioSize) one = g_list_model_get_item (sizes, j);
          g_assert (studio_size_get_id (one) != NULL);
        }
    }
  return 0;
}
