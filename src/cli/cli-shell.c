/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ai-studio-cli shell: the local terminal wired to a Jupyter terminal. */
#include <glib-unix.h>
#include <gio/gunixinputstream.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"

typedef struct
{
  StudioTerminalChannel *channel;
  GInputStream *input;
  GCancellable *reading;  /* cancelled when the shell ends: a read still in
                           * flight then finishes without touching the shell */
  GMainLoop *loop;
  gboolean tty;
  gboolean input_ended;
  gboolean ended_line;   /* the last input ended in a newline */
  int status;
  struct termios saved;
  gboolean raw;
  guint nudge_id;
  gint64 last_output;
} Shell;

/* After the input ends, Ctrl-D asks the shell to exit. A program still running
 * (sudo, say) may swallow it, so nudge again whenever the output goes quiet. */
#define NUDGE_MS 400

static void
restore_tty (Shell *shell)
{
  if (shell->raw)
    {
      tcsetattr (STDIN_FILENO, TCSADRAIN, &shell->saved);
      shell->raw = FALSE;
    }
}

static void
send_window_size (Shell *shell)
{
  struct winsize ws;

  if (ioctl (STDIN_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
    studio_terminal_channel_set_size (shell->channel, ws.ws_row, ws.ws_col);
}

static gboolean
on_winch (gpointer user_data)
{
  send_window_size (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
nudge (gpointer user_data)
{
  Shell *shell = user_data;

  if (g_get_monotonic_time () - shell->last_output >= NUDGE_MS * 1000)
    studio_terminal_channel_send (shell->channel, "\004", -1);
  return G_SOURCE_CONTINUE;
}

static void
on_output (StudioTerminalChannel *channel,
           GBytes                *bytes,
           Shell                 *shell)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  shell->last_output = g_get_monotonic_time ();
  cli_write_all (STDOUT_FILENO, data, len);
}

static void
on_closed (StudioTerminalChannel *channel,
           gboolean               ended,
           Shell                 *shell)
{
  restore_tty (shell);
  /* After our input ended, the shell exiting is the expected way out. */
  if (!ended && !shell->input_ended)
    {
      fprintf (stderr, "\r\n");
      shell->status = cli_fail (_("The connection to the worker dropped; run the shell again to reconnect."));
    }
  g_main_loop_quit (shell->loop);
}

static void read_input (Shell *shell);

static void
input_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Shell *shell = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);

  /* The shell has ended and its state is gone: the main context runs on
   * (the CLI drains it before exit), so this may come after. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    {
      /* Input ended: ask the shell to exit once it has run what it was given. */
      shell->input_ended = TRUE;
      studio_terminal_channel_send (shell->channel, shell->ended_line ? "\004" : "\n\004", -1);
      shell->nudge_id = g_timeout_add (NUDGE_MS, nudge, shell);
      return;
    }

  {
    gsize len;
    const char *data = g_bytes_get_data (bytes, &len);

    shell->ended_line = data[len - 1] == '\n';
    studio_terminal_channel_send (shell->channel, data, len);
  }
  read_input (shell);
}

static void
read_input (Shell *shell)
{
  g_input_stream_read_bytes_async (shell->input, 64 * 1024, G_PRIORITY_DEFAULT, shell->reading,
                                   input_cb, shell);
}

int
cli_run_shell (StudioRegion *region,
               StudioWorker *worker)
{
  g_autoptr(StudioJupyter) jupyter = studio_region_open_jupyter (region, worker);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Shell shell = { 0 };
  guint winch_id = 0;

  shell.channel = studio_terminal_channel_new (jupyter, NULL);
  shell.tty = isatty (STDIN_FILENO);
  shell.ended_line = TRUE;

  studio_terminal_channel_connect_async (shell.channel, NULL, cli_store_result, &result);
  if (!studio_terminal_channel_connect_finish (shell.channel, cli_wait (&result), &error))
    {
      g_clear_object (&shell.channel);
      return cli_fail_error (error, NULL);
    }

  shell.loop = g_main_loop_new (NULL, FALSE);
  shell.input = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  shell.reading = g_cancellable_new ();
  g_signal_connect (shell.channel, "output", G_CALLBACK (on_output), &shell);
  g_signal_connect (shell.channel, "closed", G_CALLBACK (on_closed), &shell);

  if (shell.tty && tcgetattr (STDIN_FILENO, &shell.saved) == 0)
    {
      struct termios raw = shell.saved;

      cfmakeraw (&raw);
      tcsetattr (STDIN_FILENO, TCSADRAIN, &raw);
      shell.raw = TRUE;
      send_window_size (&shell);
      winch_id = g_unix_signal_add (SIGWINCH, on_winch, &shell);
    }

  read_input (&shell);
  g_main_loop_run (shell.loop);

  restore_tty (&shell);
  g_cancellable_cancel (shell.reading);
  g_clear_object (&shell.reading);
  g_clear_handle_id (&winch_id, g_source_remove);
  g_clear_handle_id (&shell.nudge_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (shell.channel, &shell);
  g_clear_object (&shell.channel);
  g_clear_object (&shell.input);
  g_main_loop_unref (shell.loop);
  return shell.status;
}
