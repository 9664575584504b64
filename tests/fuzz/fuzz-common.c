/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What every fuzz target shares: GLib set up so that a critical or a
 * warning is a crash the fuzzer reports, and keeps as an input. (GLib's own
 * fatal path raises SIGTRAP, which libFuzzer does not turn into a crash input;
 * abort() it is.) */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"

static gboolean
is_fatal (GLogLevelFlags level)
{
  return (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) != 0;
}

static void
log_handler (const char     *domain,
             GLogLevelFlags  level,
             const char     *message,
             gpointer        user_data)
{
  if (!is_fatal (level))
    return;
  fprintf (stderr, "%s: %s\n", domain ? domain : "(no domain)", message);
  abort ();
}

static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  if (!is_fatal (level))
    return G_LOG_WRITER_HANDLED;
  g_log_writer_standard_streams (level, fields, n_fields, user_data);
  abort ();
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_log_set_default_handler (log_handler, NULL);
  g_log_set_writer_func (log_writer, NULL, NULL);
  return 0;
}
