/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One Jupyter terminal over its WebSocket, speaking terminado's messages:
 * ["stdin", s], ["set_size", rows, cols] out; ["stdout", s], ["disconnect", n] in. */
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "studio-compat.h"
#include "studio-error.h"
#include "studio-terminal-channel-private.h"
#include "studio-util.h"

/* Above libsoup's 128 KiB default: a burst of output can be large. */
#define MAX_MESSAGE_BYTES (64 * 1024 * 1024)

struct _StudioTerminalChannel
{
  GObject parent_instance;

  StudioJupyter *jupyter;
  char *terminal_name;
  SoupWebsocketConnection *ws;
  guint rows, columns;
  gboolean ended;
};

enum {
  PROP_0,
  PROP_TERMINAL_NAME,
  PROP_CONNECTED,
  N_PROPS
};

enum {
  OUTPUT,
  CLOSED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/**
 * StudioTerminalChannel:
 *
 * One Jupyter terminal over its WebSocket (terminado messages): input,
 * output, size, and the end of the shell.
 */
G_DEFINE_FINAL_TYPE (StudioTerminalChannel, studio_terminal_channel, G_TYPE_OBJECT)

static void
drop_connection (StudioTerminalChannel *self)
{
  if (self->ws == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->ws, self);
  if (soup_websocket_connection_get_state (self->ws) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (self->ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_clear_object (&self->ws);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
}

static void
studio_terminal_channel_dispose (GObject *object)
{
  StudioTerminalChannel *self = STUDIO_TERMINAL_CHANNEL (object);

  drop_connection (self);
  g_clear_object (&self->jupyter);

  G_OBJECT_CLASS (studio_terminal_channel_parent_class)->dispose (object);
}

static void
studio_terminal_channel_finalize (GObject *object)
{
  g_free (STUDIO_TERMINAL_CHANNEL (object)->terminal_name);
  G_OBJECT_CLASS (studio_terminal_channel_parent_class)->finalize (object);
}

static void
studio_terminal_channel_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  StudioTerminalChannel *self = STUDIO_TERMINAL_CHANNEL (object);

  switch (prop_id)
    {
    case PROP_TERMINAL_NAME: g_value_set_string (value, self->terminal_name); break;
    case PROP_CONNECTED: g_value_set_boolean (value, self->ws != NULL); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_terminal_channel_class_init (StudioTerminalChannelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = studio_terminal_channel_dispose;
  object_class->finalize = studio_terminal_channel_finalize;
  object_class->get_property = studio_terminal_channel_get_property;

  /**
   * StudioTerminalChannel:terminal-name:
   *
   * The name of the terminal on the worker's Jupyter server.
   */
  properties[PROP_TERMINAL_NAME] =
    g_param_spec_string ("terminal-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * StudioTerminalChannel:connected:
   *
   * Whether the terminal's WebSocket is open.
   */
  properties[PROP_CONNECTED] =
    g_param_spec_boolean ("connected", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StudioTerminalChannel::output:
   * @self: the channel
   * @data: what the worker's shell printed, as UTF-8 bytes
   *
   * The terminal printed something.
   */
  signals[OUTPUT] = g_signal_new ("output", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BYTES);
  /**
   * StudioTerminalChannel::closed:
   * @self: the channel
   * @ended: whether the terminal itself is gone (its shell exited), so that
   *   reconnecting cannot come back to it; otherwise the connection was lost
   *
   * The channel dropped.
   */
  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
studio_terminal_channel_init (StudioTerminalChannel *self)
{
}

/**
 * studio_terminal_channel_new:
 * @jupyter: the worker's Jupyter client
 * @terminal_name: a terminal of that server
 *
 * One Jupyter terminal over its WebSocket (terminado messages): what the window's terminal tab and the CLI's shell sit on. Output arrives in the #StudioTerminalChannel::output signal.
 *
 * Returns: (transfer full): a new channel, not connected yet
 */
StudioTerminalChannel *
studio_terminal_channel_new (StudioJupyter *jupyter,
                             const char    *terminal_name)
{
  StudioTerminalChannel *self;

  g_return_val_if_fail (STUDIO_IS_JUPYTER (jupyter), NULL);

  self = g_object_new (STUDIO_TYPE_TERMINAL_CHANNEL, NULL);
  self->jupyter = g_object_ref (jupyter);
  self->terminal_name = g_strdup (terminal_name);
  return self;
}

/**
 * studio_terminal_channel_get_terminal_name:
 * @self: a terminal channel
 *
 * The terminal's name.
 *
 * Returns: the terminal's name
 */
const char *
studio_terminal_channel_get_terminal_name (StudioTerminalChannel *self)
{
  g_return_val_if_fail (STUDIO_IS_TERMINAL_CHANNEL (self), NULL);
  return self->terminal_name;
}

/**
 * studio_terminal_channel_get_connected:
 * @self: a terminal channel
 *
 * Whether the WebSocket is open.
 *
 * Returns: whether the WebSocket is open
 */
gboolean
studio_terminal_channel_get_connected (StudioTerminalChannel *self)
{
  g_return_val_if_fail (STUDIO_IS_TERMINAL_CHANNEL (self), FALSE);
  return self->ws != NULL;
}

static void
send_json (StudioTerminalChannel *self,
           JsonNode              *node)
{
  g_autofree char *text = NULL;

  if (self->ws == NULL || soup_websocket_connection_get_state (self->ws) != SOUP_WEBSOCKET_STATE_OPEN)
    return;
  text = json_to_string (node, FALSE);
  soup_websocket_connection_send_text (self->ws, text);
}

/* A terminado message: ["stdout", text] is output, ["disconnect", …] the end
 * of the shell; anything else (setup, or what we do not know) is nothing.
 * Reads no network: the fuzzers call it too. */
static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;
  return p;
}

static int
hex_value (const char *p)
{
  int v = 0;

  for (int i = 0; i < 4; i++)
    {
      int c = p[i];
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= c - '0';
      else if (c >= 'a' && c <= 'f')
        v |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F')
        v |= c - 'A' + 10;
      else
        return -1;
    }
  return v;
}

/* Whether any of the eight bytes of w ends a run of plain characters in a
 * JSON string: '"', '\\' or a control character (below 0x20). Each test is
 * the exact "has a byte below n" of a word (n = 0x20; n = 1 on w with '"' or
 * '\\' turned to 0): eight bytes in a dozen instructions, where scanning them
 * one by one was most of the client's instructions per frame (callgrind). */
static inline gboolean
word_ends_run (guint64 w)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101), highs = ones << 7;
  guint64 quote = w ^ (ones * '"'), backslash = w ^ (ones * '\\');

  return ((((w - ones * 0x20) & ~w) | ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash)) & highs) != 0;
}

/* ["stdout", "…"], the message that carries nearly all the bytes, decoded
 * in one pass into the output (a generic JSON parser built a tree and
 * copied the text twice: a fifth of the terminal's throughput). NULL when
 * the message is not exactly that; the generic parser reads it then. */
static GBytes *
parse_stdout_fast (const char *data,
                   gsize       len)
{
  static const char kind[] = "\"stdout\"";
  const char *end = data + len, *p = skip_space (data, end);
  GString *out;

  if (p >= end || *p++ != '[')
    return NULL;
  p = skip_space (p, end);
  if ((gsize) (end - p) < sizeof kind - 1 || memcmp (p, kind, sizeof kind - 1) != 0)
    return NULL;
  p = skip_space (p + sizeof kind - 1, end);
  if (p >= end || *p++ != ',')
    return NULL;
  p = skip_space (p, end);
  if (p >= end || *p++ != '"')
    return NULL;
  out = g_string_sized_new (end - p);
  for (;;)
    {
      const char *run = p;

      /* A run of plain characters, found a word at a time, copied at once. */
      while (end - p >= 8)
        {
          guint64 w;

          memcpy (&w, p, sizeof w);
          if (word_ends_run (w))
            break;
          p += sizeof w;
        }
      while (p < end && *p != '"' && *p != '\\' && (guchar) *p >= 0x20)
        p++;
      g_string_append_len (out, run, p - run);
      if (p >= end || (guchar) *p < 0x20)
        goto bad;
      if (*p == '"')
        break;
      /* An escape. */
      if (++p >= end)
        goto bad;
      switch (*p)
        {
        case '"': case '\\': case '/': g_string_append_c (out, *p); p++; break;
        case 'b': g_string_append_c (out, '\b'); p++; break;
        case 'f': g_string_append_c (out, '\f'); p++; break;
        case 'n': g_string_append_c (out, '\n'); p++; break;
        case 'r': g_string_append_c (out, '\r'); p++; break;
        case 't': g_string_append_c (out, '\t'); p++; break;
        case 'u':
          {
            int unit = end - p >= 5 ? hex_value (p + 1) : -1;
            gunichar c;

            if (unit < 0)
              goto bad;
            p += 5;
            c = unit;
            if (unit >= 0xD800 && unit <= 0xDBFF)
              {
                int low = end - p >= 6 && p[0] == '\\' && p[1] == 'u' ? hex_value (p + 2) : -1;

                if (low >= 0xDC00 && low <= 0xDFFF)
                  {
                    c = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                    p += 6;
                  }
                else
                  c = 0xFFFD;   /* half a pair */
              }
            else if (unit >= 0xDC00 && unit <= 0xDFFF)
              c = 0xFFFD;
            g_string_append_unichar (out, c);
            break;
          }
        default:
          goto bad;
        }
    }
  p = skip_space (p + 1, end);
  if (p >= end || *p++ != ']' || skip_space (p, end) != end)
    goto bad;
  return g_string_free_to_bytes (out);

bad:
  g_string_free (out, TRUE);
  return NULL;
}

StudioTerminalFrame
studio_terminal_channel_parse_frame (const char  *data,
                                     gsize        len,
                                     GBytes     **output)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonArray *array;
  const char *kind;

  *output = parse_stdout_fast (data, len);
  if (*output != NULL)
    return STUDIO_TERMINAL_FRAME_OUTPUT;
  parser = json_parser_new ();
  if (!studio_util_json_load (parser, data, len, NULL) || (array = studio_util_json_root_array (parser)) == NULL)
    return STUDIO_TERMINAL_FRAME_OTHER;
  kind = studio_util_json_array_string (array, 0);
  if (g_strcmp0 (kind, "stdout") == 0)
    {
      const char *text = studio_util_json_array_string (array, 1);

      if (text == NULL)
        return STUDIO_TERMINAL_FRAME_OTHER;
      *output = g_bytes_new (text, strlen (text));
      return STUDIO_TERMINAL_FRAME_OUTPUT;
    }
  if (g_strcmp0 (kind, "disconnect") == 0)
    return STUDIO_TERMINAL_FRAME_DISCONNECT;
  return STUDIO_TERMINAL_FRAME_OTHER;
}

static void
on_message (SoupWebsocketConnection *ws,
            SoupWebsocketDataType    type,
            GBytes                  *message,
            StudioTerminalChannel   *self)
{
  gsize len;
  const char *data = g_bytes_get_data (message, &len);
  g_autoptr(GBytes) output = NULL;

  switch (studio_terminal_channel_parse_frame (data, len, &output))
    {
    case STUDIO_TERMINAL_FRAME_OUTPUT:
      g_signal_emit (self, signals[OUTPUT], 0, output);
      break;
    case STUDIO_TERMINAL_FRAME_DISCONNECT:
      self->ended = TRUE;
      break;
    case STUDIO_TERMINAL_FRAME_OTHER:
      break;
    }
}

static void
on_closed (SoupWebsocketConnection *ws,
           StudioTerminalChannel   *self)
{
  g_autoptr(StudioTerminalChannel) hold = g_object_ref (self);
  gboolean ended = self->ended;

  drop_connection (self);
  g_signal_emit (self, signals[CLOSED], 0, ended);
}

static void
websocket_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioTerminalChannel *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *ws = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &error);

  if (ws == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_NOT_RUNNING,
                                 _("Could not connect to terminal %s on the worker: %s"),
                                 self->terminal_name, error->message);
      return;
    }

  drop_connection (self);
  self->ws = ws;
  self->ended = FALSE;
  soup_websocket_connection_set_max_incoming_payload_size (ws, MAX_MESSAGE_BYTES);
  soup_websocket_connection_set_keepalive_interval (ws, 30);
  g_signal_connect (ws, "message", G_CALLBACK (on_message), self);
  g_signal_connect (ws, "closed", G_CALLBACK (on_closed), self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);

  if (self->rows > 0 && self->columns > 0)
    studio_terminal_channel_set_size (self, self->rows, self->columns);
  g_task_return_boolean (task, TRUE);
}

static void
open_websocket (GTask *task)
{
  StudioTerminalChannel *self = g_task_get_source_object (task);
  g_autofree char *path = studio_util_path ("terminals/websocket/%s", self->terminal_name);
  GError *error = NULL;
  g_autoptr(SoupMessage) msg = studio_jupyter_new_message (self->jupyter, "GET", path, &error);

  if (msg == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  soup_session_websocket_connect_async (studio_jupyter_get_session (self->jupyter), msg,
                                        NULL, NULL, G_PRIORITY_DEFAULT,
                                        g_task_get_cancellable (task), websocket_cb, task);
}

static void
terminal_checked_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioTerminalChannel *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = studio_jupyter_call_finish (STUDIO_JUPYTER (object), result, &error);

  if (g_error_matches (error, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND))
    {
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND,
                               _("Terminal %s has ended on the worker; open a new terminal."),
                               self->terminal_name);
      return;
    }
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  open_websocket (g_steal_pointer (&task));
}

static void
terminal_created_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioTerminalChannel *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autofree char *name = studio_jupyter_new_terminal_finish (STUDIO_JUPYTER (object), result, &error);

  if (name == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_set_str (&self->terminal_name, name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TERMINAL_NAME]);
  open_websocket (g_steal_pointer (&task));
}

/**
 * studio_terminal_channel_connect_async:
 * @self: a terminal channel
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation is done
 * @user_data: data for @callback
 *
 * Opens the terminal's WebSocket, authenticated with the token in a header.
 */
void
studio_terminal_channel_connect_async (StudioTerminalChannel *self,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data)
{
  GTask *task;

  g_return_if_fail (STUDIO_IS_TERMINAL_CHANNEL (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_terminal_channel_connect_async);

  if (self->terminal_name == NULL)
    {
      studio_jupyter_new_terminal_async (self->jupyter, cancellable, terminal_created_cb, task);
    }
  else
    {
      g_autofree char *path = studio_util_path ("api/terminals/%s", self->terminal_name);

      studio_jupyter_call_async (self->jupyter, "GET", path, NULL, cancellable, terminal_checked_cb, task);
    }
}

/**
 * studio_terminal_channel_connect_finish:
 * @self: a terminal channel
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * %TRUE once connected.
 *
 * Returns: %TRUE once connected
 */
gboolean
studio_terminal_channel_connect_finish (StudioTerminalChannel  *self,
                                        GAsyncResult           *result,
                                        GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * studio_terminal_channel_send:
 * @self: a terminal channel
 * @data: (array length=len) (element-type guint8): what was typed
 * @len: the length of @data, or -1 if it ends with a NUL
 *
 * Sends input to the terminal.
 */
void
studio_terminal_channel_send (StudioTerminalChannel *self,
                              const char            *data,
                              gssize                 len)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonArray) array = NULL;
  g_autofree char *valid = NULL;

  g_return_if_fail (STUDIO_IS_TERMINAL_CHANNEL (self));

  if (len < 0)
    len = strlen (data);
  if (len == 0)
    return;
  valid = g_utf8_make_valid (data, len);

  array = json_array_sized_new (2);
  json_array_add_string_element (array, "stdin");
  json_array_add_string_element (array, valid);
  node = json_node_init_array (json_node_alloc (), array);
  send_json (self, node);
}

/**
 * studio_terminal_channel_set_size:
 * @self: a terminal channel
 * @rows: rows
 * @columns: columns
 *
 * Tells the terminal its size.
 */
void
studio_terminal_channel_set_size (StudioTerminalChannel *self,
                                  guint                  rows,
                                  guint                  columns)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonArray) array = NULL;

  g_return_if_fail (STUDIO_IS_TERMINAL_CHANNEL (self));

  self->rows = rows;
  self->columns = columns;
  array = json_array_sized_new (3);
  json_array_add_string_element (array, "set_size");
  json_array_add_int_element (array, rows);
  json_array_add_int_element (array, columns);
  node = json_node_init_array (json_node_alloc (), array);
  send_json (self, node);
}

/**
 * studio_terminal_channel_disconnect:
 * @self: a terminal channel
 *
 * Closes the WebSocket; the terminal keeps running on the server.
 */
void
studio_terminal_channel_disconnect (StudioTerminalChannel *self)
{
  g_return_if_fail (STUDIO_IS_TERMINAL_CHANNEL (self));
  drop_connection (self);
}

/**
 * studio_terminal_channel_terminate_async:
 * @self: a terminal channel
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation is done
 * @user_data: data for @callback
 *
 * Ends the terminal on the server. Finish with studio_jupyter_call_finish() on the channel's Jupyter client.
 */
void
studio_terminal_channel_terminate_async (StudioTerminalChannel *self,
                                         GCancellable          *cancellable,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data)
{
  g_return_if_fail (STUDIO_IS_TERMINAL_CHANNEL (self));
  g_return_if_fail (self->terminal_name != NULL);

  drop_connection (self);
  studio_jupyter_delete_terminal_async (self->jupyter, self->terminal_name, cancellable, callback, user_data);
}
