/* Shared by the fuzz targets: libFuzzer's entry points, and GLib set up so
 * that a critical or a warning is a crash the fuzzer reports. */
#pragma once

#include <glib.h>
#include <stdint.h>
#include <stddef.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The input as a NUL-terminated string (parsers of text take those). */
static inline char *
fuzz_text (const uint8_t *data,
           size_t         size)
{
  return g_strndup ((const char *) data, size);
}
