/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A container's logs (GET /containers/{id}/logs): the engine's frames, made
 * text, with the worker's token hidden. */
#include "fuzz.h"
#include "studio-engine.h"
#include "studio-util.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autofree char *text = studio_engine_demux_logs (bytes);
  g_autofree char *redacted = studio_util_redact_token (text, "0123456789abcdef");
  g_autofree char *last = studio_util_last_lines (redacted, 3);

  g_assert (g_utf8_validate (text, -1, NULL));
  g_assert (strstr (redacted, "0123456789abcdef") == NULL);
  return 0;
}
