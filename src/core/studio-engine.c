/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A client of the Docker-compatible Engine REST API on a Unix socket. Podman's
 * service and Docker's daemon both answer it. */
#include <glib/gi18n-lib.h>

#include "studio-compat.h"
#include "studio-engine-private.h"
#include "studio-http.h"
#include "studio-line-limit-private.h"
#include "studio-error.h"
#include "studio-util.h"

struct _StudioEngine
{
  GObject parent_instance;

  SoupSession *session;
  char *address;
  char *description;
  char *notice;
  char *fixed_address;          /* the one place to look, or NULL for the usual ones */
  GPtrArray *pending_connects;  /* GTask */
  gint64 spawn_allowed_after;   /* monotonic µs: Podman's service is started at most once a minute */
  StudioEnginePrepareAsync prepare_async;
  StudioEnginePrepareFinish prepare_finish;
  gpointer prepare_owner;       /* unowned: it clears itself before it goes */
  gboolean could_not_connect;   /* the last transport failure was at connecting */
};

G_DEFINE_FINAL_TYPE (StudioEngine, studio_engine, G_TYPE_OBJECT)

static void
studio_engine_finalize (GObject *object)
{
  StudioEngine *self = STUDIO_ENGINE (object);

  g_clear_object (&self->session);
  g_free (self->address);
  g_free (self->fixed_address);
  g_free (self->description);
  g_free (self->notice);
  g_clear_pointer (&self->pending_connects, g_ptr_array_unref);

  G_OBJECT_CLASS (studio_engine_parent_class)->finalize (object);
}

static void
studio_engine_class_init (StudioEngineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = studio_engine_finalize;
}

static void
studio_engine_init (StudioEngine *self)
{
}

/* The engine at address (a unix:// socket), or with NULL the one this
 * computer runs, looked for where Podman's and Docker's clients look. */
StudioEngine *
studio_engine_new (const char *address)
{
  StudioEngine *self = g_object_new (STUDIO_TYPE_ENGINE, NULL);

  self->fixed_address = g_strdup (address);
  return self;
}

/* With NULL, the engine is looked for as it is. */
void
studio_engine_set_prepare (StudioEngine             *self,
                           StudioEnginePrepareAsync  prepare_async,
                           StudioEnginePrepareFinish prepare_finish,
                           gpointer                  owner)
{
  g_return_if_fail (STUDIO_IS_ENGINE (self));
  self->prepare_async = prepare_async;
  self->prepare_finish = prepare_finish;
  self->prepare_owner = owner;
}

gboolean
studio_engine_is_connected (StudioEngine *self)
{
  g_return_val_if_fail (STUDIO_IS_ENGINE (self), FALSE);
  return self->session != NULL;
}

/* Forget the engine, so that the next call looks for one again. */
void
studio_engine_disconnect (StudioEngine *self)
{
  g_return_if_fail (STUDIO_IS_ENGINE (self));
  g_clear_object (&self->session);
  g_clear_pointer (&self->description, g_free);
}

const char *
studio_engine_get_address (StudioEngine *self)
{
  g_return_val_if_fail (STUDIO_IS_ENGINE (self), NULL);
  return self->address;
}

/* "Podman 4.3.1", once connected. */
const char *
studio_engine_get_description (StudioEngine *self)
{
  g_return_val_if_fail (STUDIO_IS_ENGINE (self), NULL);
  return self->description;
}

/* Something the user should know about the connection (we started Podman), or NULL. */
const char *
studio_engine_get_notice (StudioEngine *self)
{
  g_return_val_if_fail (STUDIO_IS_ENGINE (self), NULL);
  return self->notice;
}

static void
complete_connects (StudioEngine *self,
                   const GError *error)
{
  g_autoptr(GPtrArray) tasks = g_steal_pointer (&self->pending_connects);

  studio_util_tasks_return (tasks, error);
}

static void
find_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(StudioEngine) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *description = NULL;
  g_autofree char *address = studio_engine_find_finish (result, &description, &notice, &error);

  if (address == NULL)
    {
      complete_connects (self, error);
      return;
    }

  g_set_str (&self->address, address);
  g_set_str (&self->notice, notice);
  g_set_str (&self->description, description);
  self->session = studio_engine_session_new (address);
  complete_connects (self, NULL);
}

static void
find (StudioEngine *self)
{
  gboolean may_spawn;

  /* Looking again every few seconds for an engine that is down must not start
   * a Podman service each time. */
  may_spawn = g_get_monotonic_time () >= self->spawn_allowed_after;
  if (may_spawn)
    self->spawn_allowed_after = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  studio_engine_find_async (self->fixed_address, may_spawn, NULL, find_cb, g_object_ref (self));
}

static void
prepared_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(StudioEngine) self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->prepare_finish == NULL || !self->prepare_finish (object, result, &error))
    {
      if (error == NULL)
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The engine's region is gone."));
      complete_connects (self, error);
      return;
    }
  find (self);
}

/* Finds the engine once; concurrent callers share the search. */
void
studio_engine_connect_async (StudioEngine        *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (STUDIO_IS_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_engine_connect_async);

  if (self->session != NULL && self->description != NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  if (self->pending_connects != NULL)
    {
      g_ptr_array_add (self->pending_connects, task);
      return;
    }

  self->pending_connects = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->pending_connects, task);
  /* The search is not tied to one caller's cancellable: others may be waiting on it. */
  if (self->prepare_async != NULL)
    self->prepare_async (self->prepare_owner, NULL, prepared_cb, g_object_ref (self));
  else
    find (self);
}

gboolean
studio_engine_connect_finish (StudioEngine  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Transport failures become errors a user can act on. */
static GError *
transport_error (StudioEngine *self,
                 GError       *error)
{
  GError *ret;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  /* Nothing listened on the socket: nothing of the request reached an engine. */
  self->could_not_connect = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
                            g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE) ||
      error->domain == SOUP_SESSION_ERROR)
    ret = g_error_new (STUDIO_ERROR, STUDIO_ERROR_BAD_REPLY,
                       _("The container engine at %s sent a broken or truncated reply (%s). "
                         "Try again; if it persists, restart the engine."),
                       self->address, error->message);
  else
    ret = g_error_new (STUDIO_ERROR, STUDIO_ERROR_NO_ENGINE,
                       _("The container engine at %s stopped answering (%s). Check that Podman "
                         "is running (systemctl --user start podman.socket), then try again."),
                       self->address, error->message);
  /* Look for an engine again next time: it may come back elsewhere. */
  studio_engine_disconnect (self);
  return ret;
}

/* An engine's error reply (its JSON "message", or the text) as our error. */
GError *
studio_engine_status_error (guint       status,
                            const char *body,
                            gsize       len)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *message = NULL;
  StudioError code;

  if (body != NULL && studio_util_json_load (parser, body, len, NULL))
    message = g_strdup (studio_util_json_string (studio_util_json_root_object (parser), "message"));
  if (message == NULL)
    /* The text as it came, made valid UTF-8: it is shown in labels and terminals. */
    message = body && len ? g_utf8_make_valid (body, MIN (len, 200)) : g_strdup (soup_status_get_phrase (status));
  g_strstrip (message);

  switch (status)
    {
    case 404: code = STUDIO_ERROR_NOT_FOUND; break;
    case 409: code = STUDIO_ERROR_EXISTS; break;
    default: code = STUDIO_ERROR_ENGINE; break;
    }
  return g_error_new (STUDIO_ERROR, code, "%s", message);
}

static SoupMessage *
new_message (StudioEngine  *self,
             const char    *method,
             const char    *path,
             JsonNode      *body,
             GBytes        *archive,
             GError       **error)
{
  SoupMessage *msg = studio_util_message_new (method, "http://localhost", path, error);

  if (msg != NULL && archive != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/x-tar", archive);
  else if (msg != NULL)
    studio_util_message_set_json (msg, body);
  return msg;
}

typedef struct
{
  char *method;
  char *path;
  JsonNode *body;
  GBytes *archive;
  gboolean want_json;
  gboolean retried;
  StudioEngineLineFunc line_func;
  gpointer line_data;
  SoupMessage *msg;
  GDataInputStream *lines;
  GString *error_body;
  guint status;
} RequestData;

static void
request_data_free (RequestData *data)
{
  g_free (data->method);
  g_free (data->path);
  g_clear_pointer (&data->body, json_node_unref);
  g_clear_pointer (&data->archive, g_bytes_unref);
  g_clear_object (&data->msg);
  g_clear_object (&data->lines);
  if (data->error_body)
    g_string_free (data->error_body, TRUE);
  g_free (data);
}

static GError *
engine_unreachable (gpointer      client,
                    const GError *error)
{
  return transport_error (client, (GError *) error);
}

static GError *
engine_refused (gpointer     client,
                SoupMessage *msg,
                JsonNode    *root,
                const char  *body,
                gsize        len)
{
  return studio_engine_status_error (soup_message_get_status (msg), body, len);
}

static GError *
engine_not_json (gpointer      client,
                 const GError *parse_error)
{
  return g_error_new (STUDIO_ERROR, STUDIO_ERROR_BAD_REPLY,
                      _("The container engine at %s sent a reply that is not valid JSON (%s). "
                        "Try again; if it persists, restart the engine."),
                      STUDIO_ENGINE (client)->address, parse_error->message);
}

static const StudioHttpErrors engine_errors = { engine_unreachable, engine_refused, engine_not_json };

static void start_request (GTask *task);

/* An engine reached through a tunnel (prepare) that refused the connection:
 * the tunnel dropped under the request, which never reached the engine;
 * once more, after connecting again. Takes the task when it does. */
static gboolean
retry_after_reconnect (GTask *task)
{
  StudioEngine *self = g_task_get_source_object (task);
  RequestData *data = g_task_get_task_data (task);

  if (self->prepare_async == NULL || !self->could_not_connect || data->retried)
    return FALSE;
  data->retried = TRUE;
  self->could_not_connect = FALSE;
  start_request (g_object_ref (task));
  return TRUE;
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RequestData *data = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(StudioHttpReply) reply = studio_http_send_finish (result, &data->status, &error);

  if (reply == NULL && retry_after_reconnect (task))
    g_clear_error (&error);
  else if (reply == NULL)
    g_task_return_error (task, error);
  else if (!data->want_json)
    g_task_return_pointer (task, g_steal_pointer (&reply->body), (GDestroyNotify) g_bytes_unref);
  else
    g_task_return_pointer (task, g_steal_pointer (&reply->root), (GDestroyNotify) json_node_unref);
}

static void
start_request (GTask *task);

static void
connected_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!studio_engine_connect_finish (STUDIO_ENGINE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  start_request (g_steal_pointer (&task));
}

static void stream_sent_cb (GObject *object, GAsyncResult *result, gpointer user_data);

static void
start_request (GTask *task)
{
  StudioEngine *self = g_task_get_source_object (task);
  RequestData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (self->session == NULL)
    {
      studio_engine_connect_async (self, g_task_get_cancellable (task), connected_cb, task);
      return;
    }

  g_clear_object (&data->msg);
  data->msg = new_message (self, data->method, data->path, data->body, data->archive, &error);
  if (data->msg == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (data->line_func != NULL)
    soup_session_send_async (self->session, data->msg, G_PRIORITY_DEFAULT,
                             g_task_get_cancellable (task), stream_sent_cb, task);
  else
    studio_http_send_async (self->session, g_object_ref (data->msg), NULL /* set by new_message () */,
                            (data->want_json ? STUDIO_HTTP_JSON : STUDIO_HTTP_RAW) | STUDIO_HTTP_NOT_MODIFIED,
                            &engine_errors, self, g_task_get_cancellable (task), sent_cb, task);
}

static GTask *
new_request (StudioEngine        *self,
             const char          *method,
             const char          *path,
             JsonNode            *body,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data,
             gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  RequestData *data = g_new0 (RequestData, 1);

  g_task_set_source_tag (task, source_tag);
  data->method = g_strdup (method);
  data->path = g_strdup (path);
  data->body = body ? json_node_copy (body) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) request_data_free);
  return task;
}

/* Sends a request, connecting first if needed. The reply body, parsed, or
 * NULL for an empty body or 304 Not Modified; *status tells which. */
void
studio_engine_request_async (StudioEngine        *self,
                             const char          *method,
                             const char          *path,
                             JsonNode            *body,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (STUDIO_IS_ENGINE (self));

  task = new_request (self, method, path, body, cancellable, callback, user_data,
                      studio_engine_request_async);
  ((RequestData *) g_task_get_task_data (task))->want_json = TRUE;
  start_request (task);
}

JsonNode *
studio_engine_request_finish (StudioEngine  *self,
                              GAsyncResult  *result,
                              guint         *status,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (status != NULL)
    *status = ((RequestData *) g_task_get_task_data (G_TASK (result)))->status;
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
studio_engine_request_bytes_async (StudioEngine        *self,
                                   const char          *method,
                                   const char          *path,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (STUDIO_IS_ENGINE (self));
  start_request (new_request (self, method, path, NULL, cancellable, callback, user_data,
                              studio_engine_request_bytes_async));
}

/* PUT of a tar archive (the engine's archive call, which extracts it in a
 * container); completes as studio_engine_request_bytes_finish() says. */
void
studio_engine_put_archive_async (StudioEngine        *self,
                                 const char          *path,
                                 GBytes              *archive,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (STUDIO_IS_ENGINE (self));
  task = new_request (self, "PUT", path, NULL, cancellable, callback, user_data, studio_engine_request_bytes_async);
  ((RequestData *) g_task_get_task_data (task))->archive = g_bytes_ref (archive);
  start_request (task);
}

GBytes *
studio_engine_request_bytes_finish (StudioEngine  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  bytes = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return bytes ? g_steal_pointer (&bytes) : g_bytes_new (NULL, 0);
}

static void
read_line_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioEngine *self = g_task_get_source_object (task);
  RequestData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object),
                                                                     result, &len, &error);

  if (error != NULL)
    {
      g_task_return_error (task, transport_error (self, error));
      return;
    }

  if (line == NULL)
    {
      guint status = soup_message_get_status (data->msg);

      if (data->error_body != NULL)
        g_task_return_error (task, studio_engine_status_error (status, data->error_body->str, data->error_body->len));
      else
        g_task_return_boolean (task, TRUE);
      return;
    }

  if (data->error_body != NULL)
    {
      /* An error's words, not a stream: the first 64 KiB say it. */
      if (data->error_body->len < 65536)
        g_string_append_len (data->error_body, line, MIN (strlen (line), 65536 - data->error_body->len));
    }
  else if (*g_strstrip (line) != '\0')
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (!studio_util_json_load (parser, line, -1, &error))
        {
          g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_BAD_REPLY,
                                   _("The container engine at %s sent a progress line that is not valid JSON (%s)."),
                                   self->address, error->message);
          return;
        }
      data->line_func (json_parser_get_root (parser), data->line_data);
    }

  g_data_input_stream_read_line_async (data->lines, G_PRIORITY_DEFAULT,
                                       g_task_get_cancellable (task), read_line_cb,
                                       g_object_ref (task));
}

static void
stream_sent_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioEngine *self = g_task_get_source_object (task);
  RequestData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  guint status;

  if (stream == NULL)
    {
      GError *failure = transport_error (self, error);

      if (retry_after_reconnect (task))
        g_error_free (failure);
      else
        g_task_return_error (task, failure);
      return;
    }

  status = soup_message_get_status (data->msg);
  if (status < 200 || status >= 300)
    data->error_body = g_string_new (NULL);

  {
    /* The engine's lines are read to their end: a line may not go on forever. */
    g_autoptr(GInputStream) limited = studio_line_limit_stream_new (stream, STUDIO_MAX_STREAM_LINE);

    data->lines = g_data_input_stream_new (limited);
  }
  g_data_input_stream_set_newline_type (data->lines, G_DATA_STREAM_NEWLINE_TYPE_ANY);
  g_data_input_stream_read_line_async (data->lines, G_PRIORITY_DEFAULT,
                                       g_task_get_cancellable (task), read_line_cb,
                                       g_object_ref (task));
}

/* For replies that are a stream of JSON objects, one per line, until the engine
 * closes it: line_func sees each as it arrives. */
void
studio_engine_stream_async (StudioEngine         *self,
                            const char           *method,
                            const char           *path,
                            StudioEngineLineFunc  line_func,
                            gpointer              line_data,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data)
{
  GTask *task;
  RequestData *data;

  g_return_if_fail (STUDIO_IS_ENGINE (self));
  g_return_if_fail (line_func != NULL);

  task = new_request (self, method, path, NULL, cancellable, callback, user_data,
                      studio_engine_stream_async);
  data = g_task_get_task_data (task);
  data->line_func = line_func;
  data->line_data = line_data;
  start_request (task);
}

gboolean
studio_engine_stream_finish (StudioEngine  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Container logs without a TTY come in frames: a byte for the stream, three
 * zero bytes, a big-endian length, then that many bytes. Anything else is raw. */
char *
studio_engine_demux_logs (GBytes *bytes)
{
  gsize len;
  const guint8 *p = g_bytes_get_data (bytes, &len);
  GString *out = g_string_sized_new (len);
  gsize pos = 0;

  while (pos + 8 <= len && p[pos] <= 2 && p[pos + 1] == 0 && p[pos + 2] == 0 && p[pos + 3] == 0)
    {
      guint32 frame = ((guint32) p[pos + 4] << 24) | ((guint32) p[pos + 5] << 16) |
                      ((guint32) p[pos + 6] << 8) | p[pos + 7];

      pos += 8;
      frame = MIN (frame, len - pos);
      g_string_append_len (out, (const char *) p + pos, frame);
      pos += frame;
    }
  if (pos < len)
    g_string_append_len (out, (const char *) p + pos, len - pos);

  if (!g_utf8_validate (out->str, out->len, NULL))
    {
      char *valid = g_utf8_make_valid (out->str, out->len);
      g_string_free (out, TRUE);
      return valid;
    }
  return g_string_free (out, FALSE);
}
