/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One command run on a worker, as `podman exec` or `ssh host cmd` run one:
 * its output and its errors apart, its input passed through, its exit
 * status. Through the worker's Jupyter server, so the same on every kind of
 * region: the WebSocket of AI Studio's server extension (/ai-studio/exec),
 * which images AI Studio builds have. What the worker sends is bounded and
 * checked: a frame of another kind ends the run with an error. */
#include <glib/gi18n-lib.h>

#include "studio-error.h"
#include "studio-exec.h"
#include "studio-jupyter-private.h"
#include "studio-util.h"

#define MAX_MESSAGE_BYTES (1024 * 1024)
#define MAX_STATUS_BYTES  4096

struct _StudioExec
{
  GObject parent_instance;

  StudioJupyter *jupyter;
  GStrv argv;
  SoupWebsocketConnection *ws;
  int status;        /* -1 while it runs */
  gboolean ended;    /* "exited" was emitted */
};

enum {
  OUTPUT,
  EXITED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * StudioExec:
 *
 * One command run on a worker: its output and errors apart
 * (#StudioExec::output), its input passed through (studio_exec_write()),
 * its exit status (#StudioExec::exited).
 */
G_DEFINE_FINAL_TYPE (StudioExec, studio_exec, G_TYPE_OBJECT)

static void
end (StudioExec *self,
     int         status,
     const char *error)
{
  if (self->ended)
    return;
  self->ended = TRUE;
  self->status = status;
  g_signal_emit (self, signals[EXITED], 0, status, error);
}

static void
on_message (SoupWebsocketConnection *ws,
            SoupWebsocketDataType    type,
            GBytes                  *message,
            StudioExec              *self)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (message, &len);

  if (type == SOUP_WEBSOCKET_DATA_BINARY && len >= 1 && (data[0] == 1 || data[0] == 2))
    {
      g_autoptr(GBytes) chunk = g_bytes_new_from_bytes (message, 1, len - 1);

      g_signal_emit (self, signals[OUTPUT], 0, (guint) data[0], chunk);
      return;
    }
  if (type == SOUP_WEBSOCKET_DATA_TEXT && len <= MAX_STATUS_BYTES)
    {
      g_autofree char *text = g_strndup ((const char *) data, len);
      g_autoptr(JsonNode) node = json_from_string (text, NULL);
      JsonObject *object = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      gint64 status = object ? studio_util_json_int (object, "exit", -1) : -1;
      const char *error = object ? studio_util_json_string (object, "error") : NULL;

      if (status >= 0 && status <= 255)
        {
          g_autofree char *said = error ? g_utf8_make_valid (error, MIN (strlen (error), 300)) : NULL;

          end (self, (int) status, said);
          return;
        }
    }
  end (self, -1, _("The worker sent something that is not a command's output."));
  soup_websocket_connection_close (ws, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, NULL);
}

static void
on_closed (SoupWebsocketConnection *ws,
           StudioExec              *self)
{
  end (self, -1, _("The connection to the worker dropped before the command ended."));
}

static void
websocket_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioExec *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *ws = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &error);
  SoupMessage *msg = g_task_get_task_data (task);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) request = NULL;
  g_autofree char *text = NULL;

  if (ws == NULL)
    {
      guint status = soup_message_get_status (msg);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else if (status == 404)
        g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND,
                                 _("This worker cannot run a command this way: it needs a worker of one of "
                                   "AI Studio's images. Use “shell” instead."));
      else if (status == 401 || status == 403)
        g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_AUTH,
                                 _("The worker's Jupyter server refused the token (HTTP %u)."), status);
      else
        g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_NOT_RUNNING,
                                 _("Could not run the command on the worker: %s"), error->message);
      return;
    }
  self->ws = ws;
  soup_websocket_connection_set_max_incoming_payload_size (ws, MAX_MESSAGE_BYTES);
  soup_websocket_connection_set_keepalive_interval (ws, 30);
  g_signal_connect (ws, "message", G_CALLBACK (on_message), self);
  g_signal_connect (ws, "closed", G_CALLBACK (on_closed), self);

  /* The command line in a message, not in the address (the server logs those). */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "argv");
  json_builder_begin_array (builder);
  for (guint i = 0; self->argv[i] != NULL; i++)
    json_builder_add_string_value (builder, self->argv[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  request = json_builder_get_root (builder);
  text = json_to_string (request, FALSE);
  soup_websocket_connection_send_text (ws, text);
  g_task_return_boolean (task, TRUE);
}

/**
 * studio_exec_new:
 * @jupyter: a client of the worker's Jupyter server
 * @argv: (array zero-terminated=1): the command and its arguments
 *
 * A command to run on the worker: studio_exec_start_async() runs it.
 *
 * Returns: (transfer full): the command
 */
StudioExec *
studio_exec_new (StudioJupyter      *jupyter,
                 const char * const *argv)
{
  StudioExec *self;

  g_return_val_if_fail (STUDIO_IS_JUPYTER (jupyter), NULL);
  g_return_val_if_fail (argv != NULL && argv[0] != NULL, NULL);

  self = g_object_new (STUDIO_TYPE_EXEC, NULL);
  self->jupyter = g_object_ref (jupyter);
  self->argv = g_strdupv ((char **) argv);
  return self;
}

/**
 * studio_exec_start_async:
 * @self: a command
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called once it runs, or could not be started
 * @user_data: data for @callback
 *
 * Starts the command. Its output comes as #StudioExec::output, its end as
 * #StudioExec::exited.
 */
void
studio_exec_start_async (StudioExec          *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessage *msg;

  g_return_if_fail (STUDIO_IS_EXEC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_exec_start_async);
  msg = studio_jupyter_new_message (self->jupyter, "GET", "ai-studio/exec", &error);
  if (msg == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_set_task_data (task, msg, g_object_unref);
  soup_session_websocket_connect_async (studio_jupyter_get_session (self->jupyter), msg, NULL, NULL,
                                        G_PRIORITY_DEFAULT, cancellable, websocket_cb, g_object_ref (task));
}

/**
 * studio_exec_start_finish:
 * @self: a command
 * @result: the result
 * @error: return location for an error
 *
 * Finishes studio_exec_start_async().
 *
 * Returns: whether the command runs (its end comes as #StudioExec::exited)
 */
gboolean
studio_exec_start_finish (StudioExec    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * studio_exec_write:
 * @self: a running command
 * @bytes: input for it
 *
 * Passes @bytes to the command's standard input.
 */
void
studio_exec_write (StudioExec *self,
                   GBytes     *bytes)
{
  g_return_if_fail (STUDIO_IS_EXEC (self));
  if (self->ws != NULL && soup_websocket_connection_get_state (self->ws) == SOUP_WEBSOCKET_STATE_OPEN &&
      g_bytes_get_size (bytes) > 0)
    soup_websocket_connection_send_message (self->ws, SOUP_WEBSOCKET_DATA_BINARY, bytes);
}

/**
 * studio_exec_close_input:
 * @self: a running command
 *
 * Ends the command's standard input.
 */
void
studio_exec_close_input (StudioExec *self)
{
  g_return_if_fail (STUDIO_IS_EXEC (self));
  if (self->ws != NULL && soup_websocket_connection_get_state (self->ws) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_send_text (self->ws, "{\"eof\": true}");
}

/**
 * studio_exec_get_exit_status:
 * @self: a command
 *
 * How the command ended.
 *
 * Returns: its exit status once it has ended (128 + N for signal N), else -1
 */
int
studio_exec_get_exit_status (StudioExec *self)
{
  g_return_val_if_fail (STUDIO_IS_EXEC (self), -1);
  return self->status;
}

static void
studio_exec_dispose (GObject *object)
{
  StudioExec *self = STUDIO_EXEC (object);

  if (self->ws != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->ws, self);
      /* Going away ends the command, as closing ssh does. */
      if (soup_websocket_connection_get_state (self->ws) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (self->ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      g_clear_object (&self->ws);
    }
  g_clear_object (&self->jupyter);
  g_clear_pointer (&self->argv, g_strfreev);
  G_OBJECT_CLASS (studio_exec_parent_class)->dispose (object);
}

static void
studio_exec_class_init (StudioExecClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = studio_exec_dispose;

  /**
   * StudioExec::output:
   * @self: the command
   * @stream: 1 for its standard output, 2 for its standard error
   * @data: what it wrote
   *
   * The command wrote something.
   */
  signals[OUTPUT] = g_signal_new ("output", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_BYTES);
  /**
   * StudioExec::exited:
   * @self: the command
   * @status: its exit status (128 + N for signal N), or -1 when it is not known
   * @error: (nullable): why it did not run, or why its end is not known
   *
   * The command ended, or the connection to it did.
   */
  signals[EXITED] = g_signal_new ("exited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);
}

static void
studio_exec_init (StudioExec *self)
{
  self->status = -1;
}
