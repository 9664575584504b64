/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a worker uses: two samples of the engine's container statistics (the
 * input split at its first newline), and jupyter-resource-usage's metrics. */
#include <string.h>

#include "fuzz.h"
#include "studio-engine-region-private.h"
#include "studio-region-private.h"
#include "studio-util.h"

static JsonNode *
parse (const char *data,
       gsize       len)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!studio_util_json_load (parser, data, len, NULL) || json_parser_get_root (parser) == NULL)
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *text = (const char *) data;
  const char *newline = memchr (text, '\n', size);
  gsize first_len = newline ? (gsize) (newline - text) : size;
  g_autoptr(JsonNode) first = parse (text, first_len);
  g_autoptr(JsonNode) second = newline ? parse (newline + 1, size - first_len - 1) : NULL;
  g_autoptr(JsonObject) engine = studio_engine_region_parse_stats (first, second, 1.5);
  g_autoptr(JsonObject) usage = studio_region_parse_resource_usage (first);

  g_assert (json_object_has_member (engine, "cpu_percent") && json_object_has_member (usage, "memory_bytes"));
  return 0;
}
