/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An image's description (GET /images/{name}/json): how to start Jupyter in
 * it and where its home is, then the container made from that; and a
 * container's (GET /containers/{id}/json): the port Jupyter is published on;
 * and the engine's (GET /info): its machine. */
#include "fuzz.h"
#include "studio-util.h"
#include "studio-engine-region-private.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(StudioSize) size_spec = studio_size_new ("x-small", "X-Small", 1, 2, 0);
  g_autoptr(JsonNode) spec = NULL;
  LaunchData *launch;
  JsonNode *root;

  if (!studio_util_json_load (parser, (const char *) data, size, NULL))
    return 0;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return 0;
  launch = g_new0 (LaunchData, 1);
  launch->options = studio_launch_options_new ();
  launch->options->name = g_strdup ("fuzz");
  launch->options->image = g_strdup ("localhost/fuzz:1");
  launch->token = g_strdup ("0123456789abcdef");
  studio_engine_launch_read_image (launch, json_node_get_object (root));
  g_assert (launch->flavor != NULL && launch->home != NULL);
  spec = studio_engine_container_spec (launch, size_spec);
  g_assert (spec != NULL);
  studio_engine_launch_data_free (launch);
  g_assert (studio_engine_region_read_port (json_node_get_object (root)) <= 65535);
  {
    StudioMachine machine;

    if (studio_engine_region_parse_machine (root, &machine))
      g_assert (machine.cpus > 0 && machine.gpus >= -1);
  }
  return 0;
}
