/* SPDX-License-Identifier: GPL-3.0-or-later */
/* 20 MB of terminal output through StudioTerminalChannel against a bare
 * libsoup WebSocket client on the same Jupyter terminal. Usage:
 *   terminal-bench WORKER [MEGABYTES] [ROUNDS]
 * (a worker of This Computer, or of the region AI_STUDIO_REGION names: a
 * machine over SSH measures through its tunnel, the bare client through the
 * same forward; its URL and token come from the core, never through an
 * argument vector). */
#define _GNU_SOURCE
#include <string.h>
#include <sys/resource.h>

#include "studio-regions.h"
#include "studio-terminal-channel.h"

#define MARKER "END-OF-BENCH-2"

typedef struct
{
  gsize bytes;
  gboolean done;
  char tail[64];
} Count;

static void
count_chunk (Count *count, const char *data, gsize len)
{
  g_autofree char *joined = NULL;

  count->bytes += len;
  /* The marker may straddle two chunks: look at the last bytes plus this chunk. */
  joined = g_strdup_printf ("%s%.*s", count->tail, (int) MIN (len, 64), len > 64 ? data + len - 64 : data);
  if (strstr (joined, MARKER) != NULL || memmem (data, len, MARKER, strlen (MARKER)) != NULL)
    count->done = TRUE;
  g_strlcpy (count->tail, joined + (strlen (joined) > 32 ? strlen (joined) - 32 : 0), sizeof count->tail);
}

static char *
command (guint megabytes)
{
  /* "END-OF-BENCH-$((1+1))" so that the echoed command line does not match. */
  return g_strdup_printf ("head -c %u /dev/zero | tr '\\0' x; echo; echo END-OF-BENCH-$((1+1))\n",
                          megabytes * 1000 * 1000);
}

/* This process's CPU time, s: what the client itself spends, apart from the
 * worker's side (terminado, the shell) that both wait for. */
static double
cpu_seconds (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static void
store (GObject *o, GAsyncResult *r, gpointer d)
{
  *(GAsyncResult **) d = g_object_ref (r);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
on_output (StudioTerminalChannel *channel, GBytes *bytes, Count *count)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  count_chunk (count, data, len);
}

static double
run_channel (StudioJupyter *jupyter, guint megabytes, double *cpu)
{
  g_autoptr(StudioTerminalChannel) channel = studio_terminal_channel_new (jupyter, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cmd = command (megabytes);
  Count count = { 0 };
  gint64 start;

  studio_terminal_channel_connect_async (channel, NULL, store, &result);
  if (!studio_terminal_channel_connect_finish (channel, wait_for (&result), &error))
    g_error ("%s", error->message);
  g_signal_connect (channel, "output", G_CALLBACK (on_output), &count);
  start = g_get_monotonic_time ();
  *cpu = cpu_seconds ();
  studio_terminal_channel_send (channel, cmd, -1);
  while (!count.done)
    g_main_context_iteration (NULL, TRUE);
  *cpu = cpu_seconds () - *cpu;
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
on_message (SoupWebsocketConnection *ws, int type, GBytes *message, Count *count)
{
  gsize len;
  const char *data = g_bytes_get_data (message, &len);
  count_chunk (count, data, len);
}

static double
run_bare (StudioJupyter *jupyter, guint megabytes, double *cpu)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(SoupWebsocketConnection) ws = NULL;
  g_autofree char *cmd = command (megabytes);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  Count count = { 0 };
  gint64 start;

  studio_jupyter_new_terminal_async (jupyter, NULL, store, &result);
  name = studio_jupyter_new_terminal_finish (jupyter, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  path = g_strdup_printf ("terminals/websocket/%s", name);
  msg = studio_jupyter_new_message (jupyter, "GET", path, NULL);
  soup_session_websocket_connect_async (studio_jupyter_get_session (jupyter), msg, NULL, NULL,
                                        G_PRIORITY_DEFAULT, NULL, store, &result);
  ws = soup_session_websocket_connect_finish (studio_jupyter_get_session (jupyter), wait_for (&result), &error);
  g_assert_no_error (error);
  soup_websocket_connection_set_max_incoming_payload_size (ws, 64 * 1024 * 1024);
  g_signal_connect (ws, "message", G_CALLBACK (on_message), &count);

  json_builder_begin_array (b);
  json_builder_add_string_value (b, "stdin");
  json_builder_add_string_value (b, cmd);
  json_builder_end_array (b);
  node = json_builder_get_root (b);
  text = json_to_string (node, FALSE);
  start = g_get_monotonic_time ();
  *cpu = cpu_seconds ();
  soup_websocket_connection_send_text (ws, text);
  while (!count.done)
    g_main_context_iteration (NULL, TRUE);
  *cpu = cpu_seconds () - *cpu;
  return (g_get_monotonic_time () - start) / 1e6;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

int
main (int argc, char **argv)
{
  g_autoptr(StudioJupyter) jupyter = NULL;
  g_autoptr(StudioRegions) regions = studio_regions_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint megabytes = argc > 2 ? atoi (argv[2]) : 20;
  guint rounds = argc > 3 ? MAX (1, atoi (argv[3])) : 5;
  double ours = 0, bare = 0, ours_cpu = 0, bare_cpu = 0;
  StudioRegion *local;
  StudioWorker *worker;

  if (argc < 2)
    g_error ("usage: terminal-bench WORKER [MEGABYTES] [ROUNDS]");
  if (!studio_regions_load (regions, &error))
    g_error ("%s", error->message);
  local = studio_regions_lookup (regions, g_getenv ("AI_STUDIO_REGION") ?: "local");
  if (local == NULL)
    g_error ("no region %s", g_getenv ("AI_STUDIO_REGION"));
  studio_region_refresh_async (local, NULL, store, &result);
  if (!studio_region_refresh_finish (local, wait_for (&result), &error))
    g_error ("%s", error->message);
  if ((worker = studio_region_find_worker (local, argv[1])) == NULL)
    g_error ("no worker %s in %s", argv[1], studio_region_get_name (local));
  jupyter = studio_region_open_jupyter (local, worker);

  {
    g_autofree double *o = g_new0 (double, rounds);
    g_autofree double *b = g_new0 (double, rounds);
    g_autofree double *oc = g_new0 (double, rounds);
    g_autofree double *bc = g_new0 (double, rounds);

    /* Interleaved, each side first in every other round: the worker's
     * speed drifts, and neither side should always meet it warmer. */
    for (guint i = 0; i < rounds; i++)
      {
        if (i % 2 == 0)
          {
            b[i] = run_bare (jupyter, megabytes, &bc[i]);
            o[i] = run_channel (jupyter, megabytes, &oc[i]);
          }
        else
          {
            o[i] = run_channel (jupyter, megabytes, &oc[i]);
            b[i] = run_bare (jupyter, megabytes, &bc[i]);
          }
        g_print ("round %u: channel %.3f s (CPU %.3f s), bare %.3f s (CPU %.3f s)\n", i + 1, o[i], oc[i], b[i], bc[i]);
      }
    ours = median (o, rounds);
    bare = median (b, rounds);
    ours_cpu = median (oc, rounds);
    bare_cpu = median (bc, rounds);
  }
  g_print ("terminal throughput, %u MB, median of %u rounds\n", megabytes, rounds);
  g_print ("  StudioTerminalChannel : %.3f s  (%.1f MB/s)\n", ours, megabytes / ours);
  g_print ("  bare WebSocket client : %.3f s  (%.1f MB/s)\n", bare, megabytes / bare);
  g_print ("  throughput ratio      : %.3f   (ours / bare, target >= 0.95)\n", bare / ours);
  g_print ("  client CPU            : ours %.3f s, bare %.3f s (ratio %.2f)\n", ours_cpu, bare_cpu, ours_cpu / bare_cpu);
  return 0;
}
