/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The engine's streamed replies, one JSON object a line: image pull progress
 * (POST /images/create) and events (GET /events); also an error reply's body. */
#include "fuzz.h"
#include "studio-util.h"
#include "studio-engine-private.h"
#include "studio-engine-region-private.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = fuzz_text (data, size);
  g_auto(GStrv) lines = g_strsplit (text, "\n", 200);
  g_autoptr(StudioRegion) region = studio_engine_region_new (NULL);
  g_autoptr(GError) error = studio_engine_status_error (500, text, strlen (text));
  LaunchData *launch = g_new0 (LaunchData, 1);

  g_assert (error != NULL && g_utf8_validate (error->message, -1, NULL));
  launch->options = studio_launch_options_new ();
  launch->worker = studio_worker_new ("fuzz", "This Computer");
  launch->layers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (!studio_util_json_load (parser, lines[i], -1, NULL) || json_parser_get_root (parser) == NULL)
        continue;
      studio_engine_launch_pull_line (json_parser_get_root (parser), launch);
      studio_engine_region_on_event (json_parser_get_root (parser), region);
    }
  studio_engine_launch_data_free (launch);
  return 0;
}
