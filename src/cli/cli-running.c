/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ai-studio-cli running: the kernels (with their notebooks) and terminals
 * of a worker, and shutting them down. Looking does not count as activity. */
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>

#include "cli.h"

static void
print_running (JsonObject *running)
{
  JsonArray *kernels = json_object_get_array_member (running, "kernels");
  JsonArray *terminals = json_object_get_array_member (running, "terminals");

  if (json_array_get_length (kernels) == 0 && json_array_get_length (terminals) == 0)
    {
      printf (_("Nothing runs on this worker: no kernels, no terminals.\n"));
      return;
    }
  if (json_array_get_length (kernels) > 0)
    {
      printf ("%-36s  %-16s  %-8s  %-5s  %-10s  %s\n", _("KERNEL"), _("KIND"), _("STATE"), _("CONN"),
              _("IDLE"), _("NOTEBOOK"));
      for (guint i = 0; i < json_array_get_length (kernels); i++)
        {
          JsonObject *k = json_array_get_object_element (kernels, i);
          const char *activity = json_object_get_string_member_with_default (k, "last_activity", NULL);
          g_autoptr(GDateTime) since = studio_jupyter_parse_time (activity);
          g_autofree char *idle = cli_format_age (since);

          printf ("%-36s  %-16s  %-8s  %-5" G_GINT64_FORMAT "  %-10s  %s\n",
                  json_object_get_string_member (k, "id"), json_object_get_string_member (k, "display_name"),
                  json_object_get_string_member (k, "state"), json_object_get_int_member (k, "connections"), idle,
                  json_object_get_string_member_with_default (k, "path", NULL) ?: "-");
        }
    }
  if (json_array_get_length (terminals) > 0)
    {
      if (json_array_get_length (kernels) > 0)
        printf ("\n");
      printf ("%-36s  %s\n", _("TERMINAL"), _("IDLE"));
      for (guint i = 0; i < json_array_get_length (terminals); i++)
        {
          JsonObject *t = json_array_get_object_element (terminals, i);
          g_autoptr(GDateTime) since = studio_jupyter_parse_time (
            json_object_get_string_member_with_default (t, "last_activity", NULL));
          g_autofree char *idle = cli_format_age (since);

          printf ("%-36s  %s\n", json_object_get_string_member (t, "name"), idle);
        }
    }
}

/* What shutting these down costs: the notebooks whose kernels go. */
static void
print_lost_notebooks (JsonObject         *running,
                      const char * const *ids)
{
  JsonArray *kernels = json_object_get_array_member (running, "kernels");

  for (guint i = 0; i < json_array_get_length (kernels); i++)
    {
      JsonObject *k = json_array_get_object_element (kernels, i);
      const char *id = json_object_get_string_member (k, "id");
      const char *path = json_object_get_string_member_with_default (k, "path", NULL);

      if (path != NULL && (ids == NULL || g_strv_contains (ids, id)))
        printf (_("Kernel %s is shut down: notebook %s loses its state (its variables and outputs not saved).\n"),
                id, path);
      else if (ids == NULL || g_strv_contains (ids, id))
        printf (_("Kernel %s is shut down.\n"), id);
    }
  {
    JsonArray *terminals = json_object_get_array_member (running, "terminals");
    for (guint i = 0; i < json_array_get_length (terminals); i++)
      {
        const char *name = json_object_get_string_member (json_array_get_object_element (terminals, i), "name");
        if (ids == NULL || g_strv_contains (ids, name))
          printf (_("Terminal %s is shut down.\n"), name);
      }
  }
}

/* The kernel of that id, or NULL. */
static JsonObject *
find_kernel (JsonObject *running,
             const char *id)
{
  JsonArray *kernels = json_object_get_array_member (running, "kernels");

  for (guint i = 0; i < json_array_get_length (kernels); i++)
    {
      JsonObject *k = json_array_get_object_element (kernels, i);

      if (g_strcmp0 (json_object_get_string_member (k, "id"), id) == 0)
        return k;
    }
  return NULL;
}

static int
interrupt_or_restart (StudioJupyter *jupyter,
                      JsonObject    *running,
                      const char    *interrupt,
                      const char    *restart)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = interrupt ? interrupt : restart;
  const char *notebook = json_object_get_string_member_with_default (find_kernel (running, id), "path", NULL);
  gboolean ok;

  if (interrupt != NULL)
    {
      studio_jupyter_interrupt_kernel_async (jupyter, id, NULL, cli_store_result, &result);
      ok = studio_jupyter_interrupt_kernel_finish (jupyter, cli_wait (&result), &error);
    }
  else
    {
      studio_jupyter_restart_kernel_async (jupyter, id, NULL, cli_store_result, &result);
      ok = studio_jupyter_restart_kernel_finish (jupyter, cli_wait (&result), &error);
    }
  if (!ok)
    return cli_fail_error (error, NULL);
  if (interrupt != NULL)
    printf (_("Kernel %s is interrupted.\n"), id);
  else if (notebook != NULL)
    printf (_("Kernel %s is restarted: notebook %s lost its variables.\n"), id, notebook);
  else
    printf (_("Kernel %s is restarted.\n"), id);
  return 0;
}

int
cli_verb_running (CliContext *cli, int argc, char **argv)
{
  g_auto(GStrv) shutdown = NULL;
  g_autofree char *interrupt = NULL;
  g_autofree char *restart = NULL;
  gboolean shutdown_all = FALSE;
  g_autoptr(StudioJupyter) jupyter = NULL;
  g_autoptr(JsonObject) running = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  StudioWorker *worker;
  int status = 0;
  const GOptionEntry entries[] = {
    { "shutdown", 0, 0, G_OPTION_ARG_STRING_ARRAY, &shutdown, N_("Shut down this kernel (its id) or terminal (its name)"), N_("ID") },
    { "shutdown-all", 0, 0, G_OPTION_ARG_NONE, &shutdown_all, N_("Shut down every kernel and terminal"), NULL },
    { "interrupt", 0, 0, G_OPTION_ARG_STRING, &interrupt, N_("Interrupt what this kernel runs (its state stays)"), N_("ID") },
    { "restart", 0, 0, G_OPTION_ARG_STRING, &restart, N_("Restart this kernel (its variables are lost)"), N_("ID") },
    { NULL }
  };

  if (!cli_parse_options (cli, &argc, &argv, "WORKER",
                          _("List the kernels (with their notebooks) and terminals of a worker; interrupt, restart or shut them down."),
                          entries, TRUE, 1, &status))
    return status;
  if ((shutdown != NULL) + shutdown_all + (interrupt != NULL) + (restart != NULL) > 1)
    return cli_usage_error (NULL, _("give one of --shutdown ID, --shutdown-all, --interrupt ID and --restart ID"));
  worker = cli_find_worker (cli, argv[1], &status);
  if (worker == NULL || (status = cli_require_ready (cli, worker)) != 0)
    return status;

  jupyter = studio_region_open_jupyter (cli->region, worker);
  studio_jupyter_list_running_async (jupyter, NULL, cli_store_result, &result);
  running = studio_jupyter_list_running_finish (jupyter, cli_wait (&result), &error);
  if (running == NULL)
    return cli_fail_error (error, NULL);

  if (interrupt != NULL || restart != NULL)
    {
      const char *id = interrupt ? interrupt : restart;

      if (find_kernel (running, id) == NULL)
        {
          g_set_error (&error, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND,
                       _("No kernel “%s” runs on the worker: give a kernel's id (ai-studio-cli running %s)."),
                       id, argv[1]);
          return cli_fail_error (error, NULL);
        }
      return interrupt_or_restart (jupyter, running, interrupt, restart);
    }
  if (shutdown != NULL || shutdown_all)
    {
      g_clear_object (&result);
      studio_jupyter_shut_down_async (jupyter, running, (const char * const *) shutdown, NULL,
                                      cli_store_result, &result);
      if (!studio_jupyter_shut_down_finish (jupyter, cli_wait (&result), &error))
        return cli_fail_error (error, NULL);
      if (!cli->json)
        print_lost_notebooks (running, (const char * const *) shutdown);
      /* What runs now. */
      g_clear_object (&result);
      g_clear_pointer (&running, json_object_unref);
      studio_jupyter_list_running_async (jupyter, NULL, cli_store_result, &result);
      running = studio_jupyter_list_running_finish (jupyter, cli_wait (&result), &error);
      if (running == NULL)
        return cli_fail_error (error, NULL);
      if (!cli->json)
        return 0;
    }
  if (cli->json)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), running);
      cli_print_json (node);
    }
  else
    print_running (running);
  return 0;
}

static char *
format_bytes (JsonObject *stats,
              const char *name)
{
  JsonNode *node = json_object_get_member (stats, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("-");
  return g_format_size_full ((guint64) MAX (0, json_node_get_int (node)), G_FORMAT_SIZE_IEC_UNITS);
}

static void
print_stats (JsonObject *stats)
{
  JsonNode *cpu = json_object_get_member (stats, "cpu_percent");
  g_autofree char *memory = format_bytes (stats, "memory_bytes");
  g_autofree char *limit = format_bytes (stats, "memory_limit_bytes");
  g_autofree char *rx = format_bytes (stats, "net_rx_bytes");
  g_autofree char *tx = format_bytes (stats, "net_tx_bytes");
  g_autofree char *rd = format_bytes (stats, "block_read_bytes");
  g_autofree char *wr = format_bytes (stats, "block_write_bytes");
  const char *note = json_object_get_string_member_with_default (stats, "note", NULL);

  if (note != NULL)
    {
      printf ("%s\n", note);
      return;
    }
  if (cpu != NULL && !JSON_NODE_HOLDS_NULL (cpu))
    printf (_("CPU %5.1f%%"), json_node_get_double (cpu));
  else
    printf (_("CPU     -"));
  printf (_("   memory %s of %s   network in %s, out %s   disk read %s, written %s\n"),
          memory, limit, rx, tx, rd, wr);
}

static gboolean
stop_following (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

int
cli_verb_stats (CliContext *cli, int argc, char **argv)
{
  gboolean follow = FALSE, stop = FALSE;
  StudioWorker *worker;
  int status = 0;
  const GOptionEntry entries[] = {
    { "follow", 'f', 0, G_OPTION_ARG_NONE, &follow, N_("Print the figures again every 2 seconds until Ctrl+C"), NULL },
    { NULL }
  };

  if (!cli_parse_options (cli, &argc, &argv, "WORKER",
                          _("Show what a worker uses: CPU (percent of its limit), memory, network and disk I/O."),
                          entries, TRUE, 1, &status))
    return status;
  worker = cli_find_worker (cli, argv[1], &status);
  if (worker == NULL || (status = cli_require_ready (cli, worker)) != 0)
    return status;
  if (follow)
    g_unix_signal_add (SIGINT, stop_following, &stop);

  do
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) stats = NULL;
      gint64 started = g_get_monotonic_time ();

      studio_region_stats_async (cli->region, worker, NULL, cli_store_result, &result);
      stats = studio_region_stats_finish (cli->region, cli_wait (&result), &error);
      if (stats == NULL)
        return cli_fail_error (error, NULL);
      if (cli->json)
        {
          g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), stats);
          g_autoptr(JsonGenerator) generator = json_generator_new ();
          g_autofree char *text = NULL;

          /* One object per line when following, so a script reads them as they come. */
          json_generator_set_root (generator, node);
          json_generator_set_pretty (generator, !follow);
          text = json_generator_to_data (generator, NULL);
          printf ("%s\n", text);
        }
      else
        print_stats (stats);
      fflush (stdout);
      if (follow && !stop)
        {
          gint64 left = 2 * G_USEC_PER_SEC - (g_get_monotonic_time () - started);
          gboolean due = FALSE;

          g_timeout_add (MAX (0, left / 1000), stop_following, &due);
          while (!due && !stop)
            g_main_context_iteration (NULL, TRUE);
        }
    }
  while (follow && !stop);
  return 0;
}
