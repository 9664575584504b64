/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Replays a fuzz target's corpus (files, or folders of files) in the normal
 * test suite, as TAP: every input the fuzzers kept, and every crash they ever
 * found, must run clean in every build. */
#include <stdio.h>

#include "fuzz.h"

static int n;

static void
replay_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    {
      printf ("not ok %d - %s cannot be read\n", ++n, path);
      return;
    }
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, len);
  printf ("ok %d - %s\n", ++n, path);
}

int
main (int argc, char **argv)
{
  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
      const char *name;

      if (dir == NULL)
        {
          replay_file (argv[i]);
          continue;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (argv[i], name, NULL);
          if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
            replay_file (path);
        }
    }
  printf ("1..%d\n", n);
  return 0;
}
