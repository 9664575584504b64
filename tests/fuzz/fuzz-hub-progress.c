/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A spawn's progress stream (GET …/progress, server-sent events), line by line. */
#include "fuzz.h"
#include "studio-hub-region-private.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = fuzz_text (data, size);
  g_auto(GStrv) lines = g_strsplit_set (text, "\r\n", 500);
  g_autoptr(StudioWorker) worker = studio_worker_new ("fuzz", "team");

  for (guint i = 0; lines[i]; i++)
    {
      g_autofree char *message = NULL;
      double fraction = 0;
      gboolean ready = FALSE, failed = FALSE;

      if (!studio_hub_parse_progress_event (lines[i], &message, &fraction, &ready, &failed))
        continue;
      g_assert (fraction == -1.0 || (fraction >= 0.0 && fraction <= 1.0));
      studio_worker_set_progress (worker, message, fraction);
    }
  return 0;
}
