/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A kernel's WebSocket messages, as a task's keeper start reads them. */
#include "fuzz.h"
#include "studio-jupyter-private.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  gboolean started = TRUE, finished = TRUE;

  if (!studio_jupyter_parse_kernel_message ((const char *) data, size, "m-1", &started, &finished))
    g_assert (!started && !finished);
  return 0;
}
