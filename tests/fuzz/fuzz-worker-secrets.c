/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A worker's secrets folder as the engine archives it (a tar the worker
 * wrote, so written by whoever runs code there): read without a crash,
 * nothing over its bound, and what AI Studio itself writes reads back. */
#include <string.h>

#include "fuzz.h"
#include "studio-engine-region-private.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GBytes) tar = g_bytes_new_static (data, size);
  g_autofree char *token = NULL;
  g_autofree char *startup = NULL;
  g_autofree char *text = fuzz_text (data, MIN (size, 200));
  g_autoptr(GBytes) ours = NULL;
  gsize len;
  const char *bytes;

  if (studio_engine_worker_secrets_parse (tar, &token, &startup))
    {
      g_assert (token == NULL || strlen (token) <= 1024 * 1024);
      g_assert (startup == NULL || strlen (startup) <= 1024 * 1024);
    }
  else
    g_assert (token == NULL && startup == NULL);

  /* Ours, as the engine gives it back (the folder's entries, under its name). */
  ours = studio_engine_worker_secrets_tar (text, text);
  bytes = g_bytes_get_data (ours, &len);
  g_clear_pointer (&token, g_free);
  g_clear_pointer (&startup, g_free);
  {
    g_autoptr(GByteArray) renamed = g_byte_array_new ();

    g_byte_array_append (renamed, (const guint8 *) bytes, len);
    for (gsize at = 0; at + 512 <= renamed->len; at += 512)
      if (memcmp (renamed->data + at, "etc/", 4) == 0 && memcmp (renamed->data + at + 257, "ustar", 5) == 0)
        {
          /* "etc/ai-studio/…" as "ai-studio/…" (the reader weighs no checksum). */
          memmove (renamed->data + at, renamed->data + at + 4, 96);
          memset (renamed->data + at + 96, 0, 4);
        }
    {
      g_autoptr(GBytes) back = g_byte_array_free_to_bytes (g_steal_pointer (&renamed));

      g_assert_true (studio_engine_worker_secrets_parse (back, &token, &startup));
    }
  }
  g_assert_cmpstr (token, ==, text);
  g_assert_cmpstr (startup, ==, text);
  return 0;
}
