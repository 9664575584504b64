/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Jupyter Server REST API of one worker, authenticated with its token. */
#include <glib/gi18n-lib.h>

#include "studio-error.h"
#include "studio-http.h"
#include "studio-jupyter-private.h"
#include "studio-util.h"

struct _StudioJupyter
{
  GObject parent_instance;

  SoupSession *session;
  char *base_url;  /* always ends in "/" */
  char *token;
};

/**
 * StudioJupyter:
 *
 * A client of one worker's Jupyter Server REST API, authenticated with the
 * worker's token in a header. Get one with studio_region_open_jupyter().
 */
G_DEFINE_FINAL_TYPE (StudioJupyter, studio_jupyter, G_TYPE_OBJECT)

static void
studio_jupyter_finalize (GObject *object)
{
  StudioJupyter *self = STUDIO_JUPYTER (object);

  g_clear_object (&self->session);
  g_free (self->base_url);
  g_free (self->token);

  G_OBJECT_CLASS (studio_jupyter_parent_class)->finalize (object);
}

static void
studio_jupyter_class_init (StudioJupyterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = studio_jupyter_finalize;
}

static void
studio_jupyter_init (StudioJupyter *self)
{
}

/**
 * studio_jupyter_new:
 * @session: (nullable): the #SoupSession to send with (its TLS trust and proxy), or %NULL for a new one
 * @base_url: the server's base URL
 * @token: (nullable): the server's token, sent in a header
 *
 * A client of one worker's Jupyter Server REST API. The token goes in the `Authorization` header, never in a URL.
 *
 * Returns: (transfer full): a new client
 */
StudioJupyter *
studio_jupyter_new (SoupSession *session,
                    const char  *base_url,
                    const char  *token)
{
  StudioJupyter *self;

  g_return_val_if_fail (base_url != NULL, NULL);

  self = g_object_new (STUDIO_TYPE_JUPYTER, NULL);
  if (session != NULL)
    self->session = g_object_ref (session);
  else if (g_str_has_prefix (base_url, "http://127.0.0.1:") || g_str_has_prefix (base_url, "http://localhost:"))
    /* Loopback never goes through a proxy; skipping the resolver also saves its start-up. */
    self->session = soup_session_new_with_options ("timeout", 30, "proxy-resolver", NULL, NULL);
  else
    self->session = soup_session_new_with_options ("timeout", 30, NULL);
  self->base_url = g_str_has_suffix (base_url, "/") ? g_strdup (base_url) : g_strconcat (base_url, "/", NULL);
  self->token = g_strdup (token);
  return self;
}

/**
 * studio_jupyter_get_base_url:
 * @self: a Jupyter client
 *
 * The server's base URL.
 *
 * Returns: the server's base URL
 */
const char *
studio_jupyter_get_base_url (StudioJupyter *self)
{
  g_return_val_if_fail (STUDIO_IS_JUPYTER (self), NULL);
  return self->base_url;
}

/**
 * studio_jupyter_get_token:
 * @self: a Jupyter client
 *
 * The server's token.
 *
 * Returns: (nullable): the server's token
 */
const char *
studio_jupyter_get_token (StudioJupyter *self)
{
  g_return_val_if_fail (STUDIO_IS_JUPYTER (self), NULL);
  return self->token;
}

/**
 * studio_jupyter_get_session:
 * @self: a Jupyter client
 *
 * The session requests go through.
 *
 * Returns: (transfer none): the session requests go through
 */
SoupSession *
studio_jupyter_get_session (StudioJupyter *self)
{
  g_return_val_if_fail (STUDIO_IS_JUPYTER (self), NULL);
  return self->session;
}

/**
 * studio_jupyter_new_message:
 * @self: a Jupyter client
 * @method: an HTTP method
 * @path: a path below the base URL, its segments escaped
 * @error: return location for a #GError
 *
 * A request to the server, with its token in a header.
 *
 * Returns: (transfer full): the message, or %NULL with @error set when the path is not valid
 */
SoupMessage *
studio_jupyter_new_message (StudioJupyter  *self,
                            const char     *method,
                            const char     *path,
                            GError        **error)
{
  SoupMessage *msg;

  g_return_val_if_fail (STUDIO_IS_JUPYTER (self), NULL);

  while (*path == '/')
    path++;
  msg = studio_util_message_new (method, self->base_url, path, error);
  if (msg != NULL)
    studio_util_message_set_token (msg, self->token);
  return msg;
}

/* How the worker's Jupyter server's failures read. */
static GError *
jupyter_unreachable (gpointer      client,
                     const GError *error)
{
  return g_error_new (STUDIO_ERROR, STUDIO_ERROR_NOT_RUNNING,
                      _("The worker's Jupyter server at %s does not answer: %s"),
                      STUDIO_JUPYTER (client)->base_url, error->message);
}

static GError *
jupyter_refused (gpointer     client,
                 SoupMessage *msg,
                 JsonNode    *root,
                 const char  *body,
                 gsize        len)
{
  guint status = soup_message_get_status (msg);

  if (status == 401 || status == 403)
    return g_error_new (STUDIO_ERROR, STUDIO_ERROR_AUTH,
                        _("The worker's Jupyter server refused the token (HTTP %u)."), status);
  if (status == 404)
    return g_error_new (STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND, _("Not found on the worker's Jupyter server: %s"),
                        g_uri_get_path (soup_message_get_uri (msg)));
  return g_error_new (STUDIO_ERROR, STUDIO_ERROR_FAILED, _("The worker's Jupyter server answered HTTP %u %s."),
                      status, soup_message_get_reason_phrase (msg));
}

static GError *
jupyter_not_json (gpointer      client,
                  const GError *parse_error)
{
  return g_error_new (STUDIO_ERROR, STUDIO_ERROR_BAD_REPLY,
                      _("The worker's Jupyter server sent a reply that is not JSON: %s"), parse_error->message);
}

static const StudioHttpErrors jupyter_errors = { jupyter_unreachable, jupyter_refused, jupyter_not_json };

/**
 * studio_jupyter_call_async:
 * @self: a Jupyter client
 * @method: an HTTP method
 * @path: a path below the base URL, its segments escaped (see the API's paths)
 * @body: (nullable): a JSON body
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation is done
 * @user_data: data for @callback
 *
 * Calls the Jupyter Server REST API. Every authenticated call counts as activity for the idle shutdown, except those that carry `no_track_activity=1` and `/api/status`.
 */
void
studio_jupyter_call_async (StudioJupyter       *self,
                           const char          *method,
                           const char          *path,
                           JsonNode            *body,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (STUDIO_IS_JUPYTER (self));

  while (*path == '/')
    path++;
  studio_http_call_async (self->session, method, self->base_url, path, self->token, body, STUDIO_HTTP_JSON,
                          &jupyter_errors, self, cancellable, callback, user_data);
}

/* A call whose body is JSON already written (studio-jupyter-private.h);
 * finish with studio_jupyter_call_finish(). */
void
studio_jupyter_call_bytes_async (StudioJupyter       *self,
                                 const char          *method,
                                 const char          *path,
                                 GBytes              *json,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GError *error = NULL;
  SoupMessage *msg = studio_jupyter_new_message (self, method, path, &error);

  if (msg == NULL)
    {
      g_task_report_error (self, callback, user_data, studio_http_send_async, error);
      return;
    }
  studio_http_send_bytes_async (self->session, msg, json, STUDIO_HTTP_JSON, &jupyter_errors, self, cancellable,
                                callback, user_data);
}

/**
 * studio_jupyter_call_finish:
 * @self: a Jupyter client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes studio_jupyter_call_async() and the shorthands that read JSON (status, contents, kernels, sessions, terminals).
 *
 * Returns: (transfer full) (nullable): the reply, parsed; %NULL for an empty reply or with @error set
 */
JsonNode *
studio_jupyter_call_finish (StudioJupyter  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_autoptr(StudioHttpReply) reply = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  reply = studio_http_send_finish (result, NULL, error);
  return reply ? g_steal_pointer (&reply->root) : NULL;
}

/**
 * studio_jupyter_get_status_async:
 * @self: a Jupyter client
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation is done
 * @user_data: data for @callback
 *
 * `GET /api/status`, which never counts as activity. Finish with studio_jupyter_call_finish().
 */
void
studio_jupyter_get_status_async (StudioJupyter *self, GCancellable *cancellable,
                                 GAsyncReadyCallback callback, gpointer user_data)
{
  studio_jupyter_call_async (self, "GET", "api/status", NULL, cancellable, callback, user_data);
}

/**
 * studio_jupyter_get_contents_async:
 * @self: a Jupyter client
 * @path: a path in the server's root
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation is done
 * @user_data: data for @callback
 *
 * `GET /api/contents/PATH`. Finish with studio_jupyter_call_finish().
 */
void
studio_jupyter_get_contents_async (StudioJupyter *self, const char *path, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data)
{
  g_autofree char *escaped = g_uri_escape_string (path ? path : "", "/", FALSE);
  g_autofree char *api = g_strconcat ("api/contents/", escaped, NULL);

  studio_jupyter_call_async (self, "GET", api, NULL, cancellable, callback, user_data);
}

/**
 * studio_jupyter_list_kernels_async:
 * @self: a Jupyter client
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation is done
 * @user_data: data for @callback
 *
 * `GET /api/kernels`, without counting as activity. Finish with studio_jupyter_call_finish().
 */
void
studio_jupyter_list_kernels_async (StudioJupyter *self, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data)
{
  studio_jupyter_call_async (self, "GET", "api/kernels", NULL, cancellable, callback, user_data);
}

/**
 * studio_jupyter_list_sessions_async:
 * @self: a Jupyter client
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation is done
 * @user_data: data for @callback
 *
 * `GET /api/sessions`, without counting as activity. Finish with studio_jupyter_call_finish().
 */
void
studio_jupyter_list_sessions_async (StudioJupyter *self, GCancellable *cancellable,
                                    GAsyncReadyCallback callback, gpointer user_data)
{
  studio_jupyter_call_async (self, "GET", "api/sessions", NULL, cancellable, callback, user_data);
}

/**
 * studio_jupyter_list_terminals_async:
 * @self: a Jupyter client
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation is done
 * @user_data: data for @callback
 *
 * `GET /api/terminals`, without counting as activity. Finish with studio_jupyter_call_finish().
 */
void
studio_jupyter_list_terminals_async (StudioJupyter *self, GCancellable *cancellable,
                                     GAsyncReadyCallback callback, gpointer user_data)
{
  studio_jupyter_call_async (self, "GET", "api/terminals", NULL, cancellable, callback, user_data);
}

/**
 * studio_jupyter_new_terminal_async:
 * @self: a Jupyter client
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation is done
 * @user_data: data for @callback
 *
 * Starts a terminal on the server.
 */
void
studio_jupyter_new_terminal_async (StudioJupyter *self, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data)
{
  studio_jupyter_call_async (self, "POST", "api/terminals", NULL, cancellable, callback, user_data);
}

/**
 * studio_jupyter_new_terminal_finish:
 * @self: a Jupyter client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * The new terminal's name, or %NULL with @error set.
 *
 * Returns: (transfer full): the new terminal's name, or %NULL with @error set
 */
char *
studio_jupyter_new_terminal_finish (StudioJupyter  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_autoptr(JsonNode) node = studio_jupyter_call_finish (self, result, error);
  const char *name;

  if (node == NULL)
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, STUDIO_ERROR, STUDIO_ERROR_BAD_REPLY, _("Jupyter did not name the new terminal."));
      return NULL;
    }
  name = JSON_NODE_HOLDS_OBJECT (node) ? studio_util_json_string (json_node_get_object (node), "name") : NULL;
  if (name == NULL)
    {
      g_set_error (error, STUDIO_ERROR, STUDIO_ERROR_BAD_REPLY, _("Jupyter did not name the new terminal."));
      return NULL;
    }
  return g_strdup (name);
}

/**
 * studio_jupyter_delete_terminal_async:
 * @self: a Jupyter client
 * @name: a terminal's name
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation is done
 * @user_data: data for @callback
 *
 * Ends a terminal. Finish with studio_jupyter_call_finish().
 */
void
studio_jupyter_delete_terminal_async (StudioJupyter *self, const char *name, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data)
{
  g_autofree char *api = studio_util_path ("api/terminals/%s", name);

  studio_jupyter_call_async (self, "DELETE", api, NULL, cancellable, callback, user_data);
}

/**
 * studio_jupyter_parse_time:
 * @iso8601: (nullable): a time as Jupyter writes it
 *
 * The time, or %NULL if @iso8601 is not one.
 *
 * Returns: (transfer full) (nullable): the time, or %NULL if @iso8601 is not one
 */
GDateTime *
studio_jupyter_parse_time (const char *iso8601)
{
  g_autoptr(GTimeZone) utc = NULL;

  if (iso8601 == NULL)
    return NULL;
  utc = g_time_zone_new_utc ();
  return g_date_time_new_from_iso8601 (iso8601, utc);
}
