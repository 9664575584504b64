/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one way the core sends a REST request: see studio-http.h. */
#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "studio-error.h"
#include "studio-http.h"
#include "studio-util.h"

#define MAX_BUSY_RETRIES 12   /* on 429, each after the Retry-After the server asks for */
#define READ_BLOCK (64 * 1024)

typedef struct
{
  SoupSession *session;
  SoupMessage *msg;
  GBytes *body;
  StudioHttpFlags flags;
  const StudioHttpErrors *errors;
  gpointer client;
  guint attempts;
  guint status;   /* of the last reply, also when it was refused */
} SendData;

static void
send_data_free (SendData *data)
{
  g_clear_object (&data->session);
  g_clear_object (&data->msg);
  g_clear_pointer (&data->body, g_bytes_unref);
  g_free (data);
}

void
studio_http_reply_free (StudioHttpReply *reply)
{
  if (reply == NULL)
    return;
  g_clear_pointer (&reply->root, json_node_unref);
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_free (reply);
}

static void send_now (GTask *task);

static void
copy_header (const char *name,
             const char *value,
             gpointer    user_data)
{
  soup_message_headers_append (user_data, name, value);
}

/* The same request again, as a new message (a sent one is not sent twice). */
static void
send_again (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  SoupMessage *old = data->msg;

  data->msg = soup_message_new_from_uri (soup_message_get_method (old), soup_message_get_uri (old));
  soup_message_headers_foreach (soup_message_get_request_headers (old), copy_header,
                                soup_message_get_request_headers (data->msg));
  soup_message_set_flags (data->msg, soup_message_get_flags (old));
  if (soup_message_headers_get_one (soup_message_get_request_headers (data->msg), "Authorization") != NULL)
    studio_util_message_guard_token (data->msg);
  g_object_unref (old);
  send_now (task);
}

/* The whole reply is in (bytes), or it failed (bytes NULL, error set). */
static void
replied (GTask  *task,
         GBytes *bytes_in,
         GError *error_in)
{
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = error_in;
  g_autoptr(GBytes) bytes = bytes_in;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(StudioHttpReply) reply = g_new0 (StudioHttpReply, 1);
  JsonNode *root = NULL;
  const char *body;
  gsize len = 0;
  gboolean ok;

  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, data->errors->unreachable (data->client, error));
      g_object_unref (task);
      return;
    }

  reply->status = data->status = soup_message_get_status (data->msg);
  body = g_bytes_get_data (bytes, &len);
  if (reply->status == 429 && (data->flags & STUDIO_HTTP_RETRY_BUSY) && ++data->attempts < MAX_BUSY_RETRIES)
    {
      /* Wait as long as the server asks (within reason), then try once more. */
      const char *after = soup_message_headers_get_one (soup_message_get_response_headers (data->msg), "Retry-After");
      guint seconds = after ? CLAMP (atoi (after), 1, 30) : 2;

      studio_util_task_later (task, seconds * 1000, send_again);
      return;
    }
  if (reply->status == 304 && (data->flags & STUDIO_HTTP_NOT_MODIFIED))
    {
      g_task_return_pointer (task, g_steal_pointer (&reply), (GDestroyNotify) studio_http_reply_free);
      g_object_unref (task);
      return;
    }
  ok = reply->status >= 200 && reply->status < 300;
  /* Raw bodies (logs) are not JSON; refusals may be. */
  if (len > 0 && (!ok || !(data->flags & STUDIO_HTTP_RAW)) &&
      studio_util_json_load (parser, body, len, ok ? &error : NULL))
    root = json_parser_get_root (parser);
  if (!ok)
    {
      g_task_return_error (task, data->errors->refused (data->client, data->msg, root, body, len));
      g_object_unref (task);
      return;
    }
  if (data->flags & STUDIO_HTTP_RAW)
    reply->body = g_steal_pointer (&bytes);
  else if (error != NULL)
    {
      g_task_return_error (task, data->errors->not_json (data->client, error));
      g_object_unref (task);
      return;
    }
  else if (root != NULL)   /* a body of only white space parses to no document */
    reply->root = json_node_copy (root);
  g_task_return_pointer (task, g_steal_pointer (&reply), (GDestroyNotify) studio_http_reply_free);
  g_object_unref (task);
}

/* ---- reading a body, bounded ------------------------------------------------------ */

typedef struct
{
  GInputStream *stream;
  GByteArray *read;
  gsize limit;
  gboolean truncate;
  char *what;
} BodyRead;

static void
body_read_free (BodyRead *r)
{
  g_clear_object (&r->stream);
  g_clear_pointer (&r->read, g_byte_array_unref);
  g_free (r->what);
  g_free (r);
}

static void body_read_more (GTask *task);

static void
body_block_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BodyRead *r = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GBytes) block = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  gsize size;

  if (block == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  size = g_bytes_get_size (block);
  if (size > 0 && r->read->len + size > r->limit && !r->truncate)
    {
      /* Nothing AI Studio asks for is that large: the server is broken, or hostile. */
      g_input_stream_close_async (r->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_BAD_REPLY,
                               _("The answer of %s is larger than %" G_GSIZE_FORMAT " MiB; AI Studio stopped "
                                 "reading it."), r->what, r->limit >> 20);
      return;
    }
  g_byte_array_append (r->read, g_bytes_get_data (block, NULL), MIN (size, r->limit - r->read->len));
  if (size == 0 || (r->truncate && r->read->len >= r->limit))
    {
      if (size > 0)
        g_input_stream_close_async (r->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&r->read)),
                             (GDestroyNotify) g_bytes_unref);
      return;
    }
  body_read_more (g_steal_pointer (&task));
}

static void
body_read_more (GTask *task)
{
  BodyRead *r = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (r->stream, MIN (READ_BLOCK, r->limit - r->read->len + (r->truncate ? 0 : 1)),
                                   G_PRIORITY_DEFAULT, g_task_get_cancellable (task), body_block_cb, task);
}

/* Reads what stream has, up to limit bytes: what is past it fails the read
 * (an error that names what), or with truncate is left unread. what: the
 * address it comes from, for the error. */
void
studio_http_read_body_async (GInputStream        *stream,
                             gsize                limit,
                             gboolean             truncate,
                             const char          *what,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  BodyRead *r = g_new0 (BodyRead, 1);

  g_task_set_source_tag (task, studio_http_read_body_async);
  r->stream = g_object_ref (stream);
  r->read = g_byte_array_sized_new (MIN (limit, READ_BLOCK));
  r->limit = limit;
  r->truncate = truncate;
  r->what = g_strdup (what);
  g_task_set_task_data (task, r, (GDestroyNotify) body_read_free);
  body_read_more (task);
}

GBytes *
studio_http_read_body_finish (GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
body_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  GBytes *bytes = studio_http_read_body_finish (result, &error);

  if (bytes == NULL && g_error_matches (error, STUDIO_ERROR, STUDIO_ERROR_BAD_REPLY))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  replied (task, bytes, error);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GInputStream) stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  g_autofree char *where = NULL;

  if (stream == NULL)
    {
      replied (task, NULL, error);
      return;
    }
  where = g_uri_to_string_partial (soup_message_get_uri (data->msg),
                                   G_URI_HIDE_USERINFO | G_URI_HIDE_QUERY | G_URI_HIDE_FRAGMENT);
  studio_http_read_body_async (stream, STUDIO_HTTP_MAX_REPLY, FALSE, where, g_task_get_cancellable (task),
                               body_read_cb, task);
}

static void
send_now (GTask *task)
{
  SendData *data = g_task_get_task_data (task);

  if (data->body != NULL)
    soup_message_set_request_body_from_bytes (data->msg, "application/json", data->body);
  soup_session_send_async (data->session, data->msg, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                           sent_cb, task);
}

/* Sends msg (its reference is taken) with body, a JSON document or NULL,
 * and maps what comes back: the reply, or an error worded by errors. */
void
studio_http_send_async (SoupSession            *session,
                        SoupMessage            *msg,
                        JsonNode               *body,
                        StudioHttpFlags         flags,
                        const StudioHttpErrors *errors,
                        gpointer                client,
                        GCancellable           *cancellable,
                        GAsyncReadyCallback     callback,
                        gpointer                user_data)
{
  g_autoptr(GBytes) bytes = NULL;

  if (body != NULL)
    {
      char *json = json_to_string (body, FALSE);
      bytes = g_bytes_new_take (json, strlen (json));
    }
  studio_http_send_bytes_async (session, msg, bytes, flags, errors, client, cancellable, callback, user_data);
}

/* The same with a body already written as JSON (a large one, made without
 * json-glib's generator, which escapes it a character at a time). */
void
studio_http_send_bytes_async (SoupSession            *session,
                              SoupMessage            *msg,
                              GBytes                 *body,
                              StudioHttpFlags         flags,
                              const StudioHttpErrors *errors,
                              gpointer                client,
                              GCancellable           *cancellable,
                              GAsyncReadyCallback     callback,
                              gpointer                user_data)
{
  GTask *task = g_task_new (client, cancellable, callback, user_data);
  SendData *data = g_new0 (SendData, 1);

  g_task_set_source_tag (task, studio_http_send_async);
  data->session = g_object_ref (session);
  data->msg = msg;
  data->flags = flags;
  data->errors = errors;
  data->client = client;
  data->body = body ? g_bytes_ref (body) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);
  send_now (task);
}

/* A REST call: the request built from base_url and path (escaped by
 * studio_util_path ()), with the token in its header, then sent as
 * studio_http_send_async () sends it. Finish with studio_http_send_finish ();
 * a request that cannot be built fails there. */
void
studio_http_call_async (SoupSession            *session,
                        const char             *method,
                        const char             *base_url,
                        const char             *path,
                        const char             *token,
                        JsonNode               *body,
                        StudioHttpFlags         flags,
                        const StudioHttpErrors *errors,
                        gpointer                client,
                        GCancellable           *cancellable,
                        GAsyncReadyCallback     callback,
                        gpointer                user_data)
{
  GError *error = NULL;
  SoupMessage *msg = studio_util_message_new (method, base_url, path, &error);

  if (msg == NULL)
    {
      g_task_report_error (client, callback, user_data, studio_http_send_async, error);
      return;
    }
  studio_util_message_set_token (msg, token);
  studio_http_send_async (session, msg, body, flags, errors, client, cancellable, callback, user_data);
}

/* The reply; *status: the HTTP status of the last reply, also when it was
 * refused (0 when none came). */
StudioHttpReply *
studio_http_send_finish (GAsyncResult  *result,
                         guint         *status,
                         GError       **error)
{
  SendData *data;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  data = g_task_get_task_data (G_TASK (result));
  if (status != NULL)
    *status = data != NULL ? data->status : 0;   /* none for a request that could not be built */
  return g_task_propagate_pointer (G_TASK (result), error);
}
