/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A terminal's WebSocket messages (terminado frames). The one-pass decoder
 * of ["stdout", "…"] must say what a JSON parser says of the same frame. */
#define _GNU_SOURCE
#include <string.h>

#include "fuzz.h"
#include "studio-terminal-channel-private.h"
#include "studio-util.h"

/* The text of ["stdout", text] by json-glib, or NULL. */
static char *
generic_stdout (const char *data,
                size_t      size,
                gsize      *len)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *array;
  JsonNode *text;

  /* As the product loads JSON (json-glib leaks on some text after a document). */
  if (!studio_util_json_load (parser, data, size, NULL) || (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;
  array = json_node_get_array (root);
  if (json_array_get_length (array) != 2 || !JSON_NODE_HOLDS_VALUE (json_array_get_element (array, 0)) ||
      g_strcmp0 (json_array_get_string_element (array, 0), "stdout") != 0)
    return NULL;
  text = json_array_get_element (array, 1);
  if (!JSON_NODE_HOLDS_VALUE (text) || json_node_get_value_type (text) != G_TYPE_STRING)
    return NULL;
  *len = strlen (json_node_get_string (text));
  return g_strdup (json_node_get_string (text));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GBytes) output = NULL;
  StudioTerminalFrame frame = studio_terminal_channel_parse_frame ((const char *) data, size, &output);
  gsize len = 0, out_len = 0;
  g_autofree char *expected = generic_stdout ((const char *) data, size, &len);
  const char *out = output ? g_bytes_get_data (output, &out_len) : NULL;

  g_assert ((frame == STUDIO_TERMINAL_FRAME_OUTPUT) == (output != NULL));
  /* Where the parser reads valid UTF-8 without a NUL (what it keeps whole;
   * it also takes \0 for one) into a text, the two agree byte for byte. */
  if (expected != NULL && len > 0 && g_utf8_validate ((const char *) data, size, NULL) && memchr (data, 0, size) == NULL &&
      memmem (data, size, "\\u0000", 6) == NULL && g_utf8_validate (expected, len, NULL))
    {
      g_assert_nonnull (out);
      g_assert_cmpmem (out, out_len, expected, len);
    }
  return 0;
}
