/* What every fuzz target shares: GLib set up so that a critical or a
 * warning is a crash the fuzzer reports. */
#include "fuzz.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_FATAL_MASK);
  return 0;
}
