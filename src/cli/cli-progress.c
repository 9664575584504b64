/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Launch progress: a bar that redraws in place on a terminal. On a pipe the
 * CLI stays quiet, so that scripts see only the result or one error line. */
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"

struct _CliProgress
{
  StudioWorker *worker;
  gboolean tty;
  guint tick_id;
  guint frame;
  gint64 started;
};

static int
terminal_width (void)
{
  struct winsize ws;

  if (ioctl (STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20)
    return ws.ws_col;
  return 80;
}

static void
draw (CliProgress *self)
{
  static const char spinner[] = "|/-\\";
  const char *text = studio_worker_get_progress_text (self->worker);
  double fraction = studio_worker_get_progress_fraction (self->worker);
  double elapsed = (g_get_monotonic_time () - self->started) / (double) G_USEC_PER_SEC;
  int width = terminal_width ();
  int bar = 24;
  g_autoptr(GString) line = g_string_new (NULL);

  if (text == NULL || !self->tty)
    return;

  g_string_append_c (line, '[');
  if (fraction >= 0)
    for (int i = 0; i < bar; i++)
      g_string_append (line, i < (int) (fraction * bar + 0.5) ? "#" : "-");
  else
    for (int i = 0; i < bar; i++)
      g_string_append_c (line, (int) (self->frame % bar) == i ? spinner[self->frame % 4] : ' ');
  g_string_append_printf (line, "] %5.1fs %s", elapsed, text);
  if ((int) g_utf8_strlen (line->str, -1) > width - 1)
    g_string_truncate (line, g_utf8_offset_to_pointer (line->str, width - 1) - line->str);
  fprintf (stderr, "\r\033[K%s", line->str);
  fflush (stderr);
}

static gboolean
tick (gpointer user_data)
{
  CliProgress *self = user_data;

  self->frame++;
  draw (self);
  return G_SOURCE_CONTINUE;
}

CliProgress *
cli_progress_new (StudioWorker *worker)
{
  CliProgress *self = g_new0 (CliProgress, 1);

  self->worker = g_object_ref (worker);
  self->tty = isatty (STDERR_FILENO);
  self->started = g_get_monotonic_time ();
  g_signal_connect_swapped (worker, "notify::progress-text", G_CALLBACK (draw), self);
  g_signal_connect_swapped (worker, "notify::progress-fraction", G_CALLBACK (draw), self);
  if (self->tty)
    self->tick_id = g_timeout_add (100, tick, self);
  draw (self);
  return self;
}

void
cli_progress_free (CliProgress *self)
{
  if (self == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->worker, self);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->tty)
    fprintf (stderr, "\r\033[K");
  g_clear_object (&self->worker);
  g_free (self);
}
