/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ai-studio-cli exec: one command on a worker, for scripts: its output and
 * errors on ours, apart and as they are (no prompt, no terminal codes), our
 * input passed through, its exit status as ours. */
#include <gio/gunixinputstream.h>
#include <stdio.h>
#include <unistd.h>

#include "cli.h"

typedef struct
{
  StudioExec *exec;
  GInputStream *input;
  GCancellable *reading;
  GMainLoop *loop;
  int status;
} Exec;

static void
on_output (StudioExec *exec,
           guint       stream,
           GBytes     *bytes,
           Exec       *run)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  cli_write_all (stream == 2 ? STDERR_FILENO : STDOUT_FILENO, data, len);
}

static void
on_exited (StudioExec *exec,
           int         status,
           const char *error,
           Exec       *run)
{
  int failed = error != NULL ? cli_fail ("%s", error) : 0;

  run->status = status >= 0 ? status : failed;
  g_main_loop_quit (run->loop);
}

static void read_input (Exec *run);

static void
input_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Exec *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* the command ended meanwhile: its state is gone */
  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    {
      studio_exec_close_input (run->exec);
      return;
    }
  studio_exec_write (run->exec, bytes);
  read_input (run);
}

static void
read_input (Exec *run)
{
  g_input_stream_read_bytes_async (run->input, 64 * 1024, G_PRIORITY_DEFAULT, run->reading, input_cb, run);
}

int
cli_verb_exec (CliContext *cli, int argc, char **argv)
{
  g_autoptr(StudioJupyter) jupyter = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  StudioWorker *worker;
  Exec run = { 0 };
  int status = 0;
  int command = argc;

  /* Our options, then the worker; all after it (after a "--" if there is
   * one) is the command, its own options included. */
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--region") && i + 1 < argc)
        i++;
      else if (g_str_equal (argv[i], "--"))
        continue;
      else if (argv[i][0] != '-')
        {
          command = i + 1;
          break;
        }
    }
  if (command < argc && g_str_equal (argv[command], "--"))
    command++;
  {
    int parsed = MIN (command, argc);

    if (!cli_parse_options (cli, &parsed, &argv, "WORKER [--] COMMAND…",
                            _("Run a command on a worker: its output and errors apart, the input passed "
                              "through, its exit status as this one's (as “ssh HOST COMMAND” does)."),
                            NULL, FALSE, 1, &status))
      return status;
  }
  if (command >= argc)
    return cli_fail (_("No command to run: ai-studio-cli exec WORKER [--] COMMAND…"));
  worker = cli_find_worker (cli, argv[1], &status);
  if (worker == NULL || (status = cli_require_ready (cli, worker)) != 0)
    return status;

  jupyter = studio_region_open_jupyter (cli->region, worker);
  run.exec = studio_exec_new (jupyter, (const char * const *) argv + command);
  g_signal_connect (run.exec, "output", G_CALLBACK (on_output), &run);
  g_signal_connect (run.exec, "exited", G_CALLBACK (on_exited), &run);
  studio_exec_start_async (run.exec, NULL, cli_store_result, &result);
  if (!studio_exec_start_finish (run.exec, cli_wait (&result), &error))
    {
      g_clear_object (&run.exec);
      return cli_fail_error (error, NULL);
    }
  run.loop = g_main_loop_new (NULL, FALSE);
  run.input = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  run.reading = g_cancellable_new ();
  read_input (&run);
  g_main_loop_run (run.loop);

  g_cancellable_cancel (run.reading);
  g_clear_object (&run.reading);
  g_signal_handlers_disconnect_by_data (run.exec, &run);
  g_clear_object (&run.exec);
  g_clear_object (&run.input);
  g_main_loop_unref (run.loop);
  return run.status;
}
