/* An image's description (GET /images/{name}/json): how to start Jupyter in
 * it and where its home is, then the container made from that. */
#include "fuzz.h"
#include "studio-util.h"
#include "studio-local-region-private.h"

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
  launch->port = 8888;
  studio_local_launch_read_image (launch, json_node_get_object (root));
  g_assert (launch->flavor != NULL && launch->home != NULL);
  spec = studio_local_container_spec (launch, size_spec);
  g_assert (spec != NULL);
  studio_local_launch_data_free (launch);
  return 0;
}
