/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A hub's model of the signed-in user (GET /hub/api/user), applied to the
 * region's workers twice, as successive refreshes do (the second says
 * nothing changed); also a minted token's
 * reply and an error reply's message. */
#include "fuzz.h"
#include "studio-util.h"
#include "studio-hub-region-private.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(StudioRegion) region = NULL;
  FuzzQuiet quiet = { 0 };

  if (!studio_util_json_load (parser, (const char *) data, size, NULL))
    return 0;
  g_assert_cmpint (fuzz_json_depth (json_parser_get_root (parser)), <=, STUDIO_JSON_MAX_DEPTH);
  region = studio_hub_region_new ("fuzz", "https://hub.example.org", "HUB-API-TOKEN-4711");
  for (int round = 0; round < 2; round++)
    {
      g_autoptr(GError) error = NULL;
      GListModel *workers = studio_region_get_workers (region);
      gboolean applied;

      if (round == 1)
        fuzz_quiet_watch (workers, &quiet);
      applied = studio_hub_region_apply_user (STUDIO_HUB_REGION (region), json_parser_get_root (parser), &error);
      if (round == 1)
        {
          fuzz_quiet_unwatch (workers, &quiet);
          g_assert_cmpuint (quiet.changes, ==, 0);
        }
      if (!applied)
        {
          g_assert (error != NULL);
          break;
        }
      for (guint i = 0; i < g_list_model_get_n_items (workers); i++)
        {
          g_autoptr(StudioWorker) worker = g_list_model_get_item (workers, i);
          g_autofree char *url = studio_worker_dup_browser_url (worker);
          g_autofree char *path = studio_hub_region_server_path (STUDIO_HUB_REGION (region),
                                                                 studio_worker_get_name (worker), "/progress");

          /* A browser signs in through the hub: no token is ever added to its URL. */
          g_assert (g_strcmp0 (url, studio_worker_get_jupyter_url (worker)) == 0);
        }
    }
  return 0;
}
