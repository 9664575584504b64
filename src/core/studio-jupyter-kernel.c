/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Code started in a new kernel of a worker's Jupyter server, which goes on
 * running it after the client leaves: a kernel with code to run is busy, and
 * Jupyter neither culls a busy kernel nor ends an idle server that has a
 * kernel. One execute_request over the kernel's WebSocket (the JSON messages
 * of Jupyter Server 1.x), then the socket closes once the kernel says it has
 * begun. A task starts its keeper this way (and its runner, where the server
 * has no terminals). */
#include <glib/gi18n-lib.h>

#include "studio-error.h"
#include "studio-jupyter-private.h"
#include "studio-util.h"

#define START_TIMEOUT_MS (120 * 1000)   /* from the socket's opening to the code's start */

typedef struct
{
  char *code;
  char *kernel_id;
  char *session_id;
  char *msg_id;
  SoupWebsocketConnection *ws;
  GSource *timeout;
} StartCode;

/* Lets go of the socket and the timer: the task has its result. */
static void
let_go (StartCode *data)
{
  if (data->timeout != NULL)
    {
      g_source_destroy (data->timeout);
      g_clear_pointer (&data->timeout, g_source_unref);
    }
  if (data->ws != NULL)
    {
      g_signal_handlers_disconnect_matched (data->ws, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, NULL);
      if (soup_websocket_connection_get_state (data->ws) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (data->ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      g_clear_object (&data->ws);
    }
}

static void
start_code_free (StartCode *data)
{
  let_go (data);
  g_free (data->code);
  g_free (data->kernel_id);
  g_free (data->session_id);
  g_free (data->msg_id);
  g_free (data);
}

/* Reads one message of a kernel's WebSocket: *started when it says that the
 * request msg_id is being run, *finished when it has been. FALSE for what is
 * not a message. Reads no network: the fuzzers call it too. */
gboolean
studio_jupyter_parse_kernel_message (const char *data,
                                     gsize       len,
                                     const char *msg_id,
                                     gboolean   *started,
                                     gboolean   *finished)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *parent, *content, *header;
  const char *type;

  *started = *finished = FALSE;
  if (!studio_util_json_load (parser, data, len, NULL) || (root = studio_util_json_root_object (parser)) == NULL)
    return FALSE;
  parent = studio_util_json_object (root, "parent_header");
  if (parent == NULL || g_strcmp0 (studio_util_json_string (parent, "msg_id"), msg_id) != 0)
    return TRUE;
  header = studio_util_json_object (root, "header");
  type = studio_util_json_string (root, "msg_type");
  if (type == NULL && header != NULL)
    type = studio_util_json_string (header, "msg_type");
  content = studio_util_json_object (root, "content");
  if (g_strcmp0 (type, "execute_input") == 0)
    *started = TRUE;
  else if (g_strcmp0 (type, "status") == 0 && content != NULL)
    {
      const char *state = studio_util_json_string (content, "execution_state");
      *started = g_strcmp0 (state, "busy") == 0;
      *finished = g_strcmp0 (state, "idle") == 0;
    }
  else if (g_strcmp0 (type, "execute_reply") == 0)
    *finished = TRUE;
  return TRUE;
}

/* The one end of the task: with the kernel's id, or with error. */
static void
complete (GTask  *task,
          GError *error)
{
  StartCode *data = g_task_get_task_data (task);

  let_go (data);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_strdup (data->kernel_id), g_free);
  g_object_unref (task);
}

static void
on_message (SoupWebsocketConnection *ws,
            SoupWebsocketDataType    type,
            GBytes                  *message,
            GTask                   *task)
{
  StartCode *data = g_task_get_task_data (task);
  gsize len;
  const char *text = g_bytes_get_data (message, &len);
  gboolean started, finished;

  if (type != SOUP_WEBSOCKET_DATA_TEXT ||
      !studio_jupyter_parse_kernel_message (text, len, data->msg_id, &started, &finished))
    return;
  if (started || finished)
    complete (task, NULL);
}

static void
on_closed (SoupWebsocketConnection *ws,
           GTask                   *task)
{
  complete (task, g_error_new (STUDIO_ERROR, STUDIO_ERROR_FAILED,
                               _("The worker's kernel closed its connection before it ran anything.")));
}

static gboolean
timed_out_cb (gpointer user_data)
{
  GTask *task = user_data;

  complete (task, g_error_new (STUDIO_ERROR, STUDIO_ERROR_TIMEOUT,
                               _("The worker's kernel did not start within %u seconds."), START_TIMEOUT_MS / 1000));
  return G_SOURCE_REMOVE;
}

static JsonNode *
execute_request (StartCode *data)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = g_date_time_format_iso8601 (now);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "header");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "msg_id");
  json_builder_add_string_value (b, data->msg_id);
  json_builder_set_member_name (b, "msg_type");
  json_builder_add_string_value (b, "execute_request");
  json_builder_set_member_name (b, "session");
  json_builder_add_string_value (b, data->session_id);
  json_builder_set_member_name (b, "username");
  json_builder_add_string_value (b, "ai-studio");
  json_builder_set_member_name (b, "date");
  json_builder_add_string_value (b, date);
  json_builder_set_member_name (b, "version");
  json_builder_add_string_value (b, "5.3");
  json_builder_end_object (b);
  json_builder_set_member_name (b, "parent_header");
  json_builder_begin_object (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "metadata");
  json_builder_begin_object (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "channel");
  json_builder_add_string_value (b, "shell");
  json_builder_set_member_name (b, "content");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, data->code);
  json_builder_set_member_name (b, "silent");
  json_builder_add_boolean_value (b, FALSE);
  json_builder_set_member_name (b, "store_history");
  json_builder_add_boolean_value (b, FALSE);
  json_builder_set_member_name (b, "user_expressions");
  json_builder_begin_object (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "allow_stdin");
  json_builder_add_boolean_value (b, FALSE);
  json_builder_set_member_name (b, "stop_on_error");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
websocket_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  StartCode *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) request = NULL;
  g_autofree char *text = NULL;

  data->ws = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &error);
  if (data->ws == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        complete (task, g_steal_pointer (&error));
      else
        complete (task, g_error_new (STUDIO_ERROR, STUDIO_ERROR_NOT_RUNNING,
                                     _("Could not connect to the worker's kernel: %s"), error->message));
      return;
    }
  soup_websocket_connection_set_max_incoming_payload_size (data->ws, 64 * 1024 * 1024);
  g_signal_connect (data->ws, "message", G_CALLBACK (on_message), task);
  g_signal_connect (data->ws, "closed", G_CALLBACK (on_closed), task);
  /* From here the socket's signals and this timer are all that can end the
   * task; whichever comes first lets go of the others. */
  data->timeout = g_timeout_source_new (START_TIMEOUT_MS);
  g_source_set_callback (data->timeout, timed_out_cb, task, NULL);
  g_source_attach (data->timeout, g_task_get_context (task));
  request = execute_request (data);
  text = json_to_string (request, FALSE);
  soup_websocket_connection_send_text (data->ws, text);
}

/* The kernel's channels, to send it the code. */
static void
connect_channels (GTask *task)
{
  StudioJupyter *self = g_task_get_source_object (task);
  StartCode *data = g_task_get_task_data (task);
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *path = studio_util_path ("api/kernels/%s/channels?session_id=%s", data->kernel_id,
                                            data->session_id);
  GError *error = NULL;

  msg = studio_jupyter_new_message (self, "GET", path, &error);
  if (msg == NULL)
    {
      complete (task, error);
      return;
    }
  soup_session_websocket_connect_async (studio_jupyter_get_session (self), msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                        g_task_get_cancellable (task), websocket_cb, task);
}

static void
kernel_started_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  StudioJupyter *self = STUDIO_JUPYTER (object);
  StartCode *data = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(JsonNode) node = studio_jupyter_call_finish (self, result, &error);
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *path = NULL;
  const char *id;

  if (node == NULL)
    {
      if (error == NULL)
        error = g_error_new (STUDIO_ERROR, STUDIO_ERROR_BAD_REPLY, _("Jupyter did not start a kernel."));
      g_prefix_error (&error, _("Could not start a kernel on the worker: "));
      complete (task, error);
      return;
    }
  id = JSON_NODE_HOLDS_OBJECT (node) ? studio_util_json_string (json_node_get_object (node), "id") : NULL;
  if (id == NULL)
    {
      complete (task, g_error_new (STUDIO_ERROR, STUDIO_ERROR_BAD_REPLY, _("Jupyter did not name the new kernel.")));
      return;
    }
  data->kernel_id = g_strdup (id);
  connect_channels (task);
}

/* Starts a kernel of the server's default kind (or takes @kernel_id's) and
 * has it run code; done once the kernel has begun, with the kernel's id
 * (interrupting that kernel interrupts the code). */
void
studio_jupyter_start_code_async (StudioJupyter       *self,
                                 const char          *kernel_id,
                                 const char          *code,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  StartCode *data = g_new0 (StartCode, 1);

  g_task_set_source_tag (task, studio_jupyter_start_code_async);
  g_task_set_task_data (task, data, (GDestroyNotify) start_code_free);
  g_task_set_check_cancellable (task, TRUE);
  data->code = g_strdup (code);
  data->session_id = g_uuid_string_random ();
  data->msg_id = g_uuid_string_random ();
  data->kernel_id = g_strdup (kernel_id);
  if (kernel_id != NULL)
    connect_channels (task);
  else
    studio_jupyter_call_async (self, "POST", "api/kernels", NULL, cancellable, kernel_started_cb, task);
}

char *
studio_jupyter_start_code_finish (StudioJupyter  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
