/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The engine's list of containers (GET /containers/json) applied to This
 * Computer's workers, twice, as successive refreshes do; the second finds
 * everything as it was, and says nothing changed. */
#include "fuzz.h"
#include "studio-util.h"
#include "studio-engine-region-private.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(StudioRegion) region = NULL;
  FuzzQuiet quiet = { 0 };

  if (!studio_util_json_load (parser, (const char *) data, size, NULL))
    return 0;
  region = studio_engine_region_new (NULL);
  for (int round = 0; round < 2; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) probe = NULL;
      GListModel *workers = studio_region_get_workers (region);

      if (round == 1)
        fuzz_quiet_watch (workers, &quiet);
      probe = studio_engine_region_apply_list (STUDIO_ENGINE_REGION (region), json_parser_get_root (parser), &error);
      if (round == 1)
        {
          fuzz_quiet_unwatch (workers, &quiet);
          g_assert_cmpuint (quiet.changes, ==, 0);
        }

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
