/* The engine's list of containers (GET /containers/json) applied to This
 * Computer's workers, twice, as successive refreshes do. */
#include "fuzz.h"
#include "studio-util.h"
#include "studio-local-region-private.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(StudioRegion) region = NULL;

  if (!studio_util_json_load (parser, (const char *) data, size, NULL))
    return 0;
  region = studio_local_region_new ();
  for (int round = 0; round < 2; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) probe = studio_local_region_apply_list (STUDIO_LOCAL_REGION (region),
                                                                   json_parser_get_root (parser), &error);
      GListModel *workers = studio_region_get_workers (region);

      g_assert ((probe == NULL) == (error != NULL));
      for (guint i = 0; i < g_list_model_get_n_items (workers); i++)
        {
          g_autoptr(StudioWorker) worker = g_list_model_get_item (workers, i);
          g_autofree char *url = studio_worker_dup_browser_url (worker);

          g_assert (url == NULL || g_str_has_prefix (url, "http://127.0.0.1:"));
          studio_worker_get_seconds_left (worker);
        }
    }
  return 0;
}
