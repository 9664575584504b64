/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The size bound on streams of lines from outside (studio-line-limit.c): read
 * through it in pieces of any size, a stream comes out byte for byte as it
 * went in while its lines keep to the limit, and fails (never passing the
 * long line on) as soon as one does not. The first input byte picks the
 * limit, the second the size of the reads. */
#include <string.h>

#include "fuzz.h"
#include "studio-line-limit-private.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GInputStream) base = NULL;
  g_autoptr(GInputStream) limited = NULL;
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  gsize max_line, piece, longest = 0, run = 0;
  const char *text;
  gsize len;

  if (size < 2)
    return 0;
  max_line = 1 + data[0] % 64;
  piece = 1 + data[1] % 97;
  text = (const char *) data + 2;
  len = size - 2;
  for (gsize i = 0; i < len; i++)
    {
      run = text[i] == '\n' ? 0 : run + 1;
      longest = MAX (longest, run);
    }

  base = g_memory_input_stream_new_from_data (text, len, NULL);
  limited = studio_line_limit_stream_new (base, max_line);
  for (;;)
    {
      guint8 buf[97];
      gssize n = g_input_stream_read (limited, buf, piece, NULL, &error);

      if (n <= 0)
        break;
      g_byte_array_append (out, buf, n);
    }

  /* What came out is the input's beginning, and holds no line over the limit. */
  g_assert_cmpuint (out->len, <=, len);
  g_assert (out->len == 0 || memcmp (out->data, text, out->len) == 0);
  run = 0;
  for (guint i = 0; i < out->len; i++)
    {
      run = out->data[i] == '\n' ? 0 : run + 1;
      g_assert_cmpuint (run, <=, max_line);
    }
  /* All of it when its lines keep to the limit; an error that says so when not. */
  if (longest <= max_line)
    {
      g_assert_no_error (error);
      g_assert_cmpuint (out->len, ==, len);
    }
  else
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  return 0;
}
