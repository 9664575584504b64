/* The Jupyter Server REST API of one worker, authenticated with its token. */
#include <glib/gi18n-lib.h>

#include "studio-error.h"
#include "studio-jupyter.h"
#include "studio-util.h"

struct _StudioJupyter
{
  GObject parent_instance;

  SoupSession *session;
  char *base_url;  /* always ends in "/" */
  char *token;
};

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

const char *
studio_jupyter_get_base_url (StudioJupyter *self)
{
  g_return_val_if_fail (STUDIO_IS_JUPYTER (self), NULL);
  return self->base_url;
}

const char *
studio_jupyter_get_token (StudioJupyter *self)
{
  g_return_val_if_fail (STUDIO_IS_JUPYTER (self), NULL);
  return self->token;
}

SoupSession *
studio_jupyter_get_session (StudioJupyter *self)
{
  g_return_val_if_fail (STUDIO_IS_JUPYTER (self), NULL);
  return self->session;
}

/* A message to base_url + path (path without a leading "/"), with the token. */
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

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioJupyter *self = g_task_get_source_object (task);
  SoupMessage *msg = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  g_autoptr(JsonParser) parser = NULL;
  guint status;
  gsize len;
  const char *body;

  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_NOT_RUNNING,
                                 _("The worker's Jupyter server at %s does not answer: %s"),
                                 self->base_url, error->message);
      return;
    }

  status = soup_message_get_status (msg);
  body = g_bytes_get_data (bytes, &len);
  if (status == 401 || status == 403)
    {
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_AUTH,
                               _("The worker's Jupyter server refused the token (HTTP %u)."), status);
      return;
    }
  if (status == 404)
    {
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND,
                               _("Not found on the worker's Jupyter server: %s"),
                               g_uri_get_path (soup_message_get_uri (msg)));
      return;
    }
  if (status < 200 || status >= 300)
    {
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_FAILED,
                               _("The worker's Jupyter server answered HTTP %u %s."),
                               status, soup_message_get_reason_phrase (msg));
      return;
    }
  if (len == 0)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  parser = json_parser_new ();
  if (!studio_util_json_load (parser, body, len, &error))
    {
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_BAD_REPLY,
                               _("The worker's Jupyter server sent a reply that is not JSON: %s"),
                               error->message);
      return;
    }
  g_task_return_pointer (task, json_parser_get_root (parser) ? json_node_copy (json_parser_get_root (parser)) : NULL,
                         (GDestroyNotify) json_node_unref);
}

void
studio_jupyter_call_async (StudioJupyter       *self,
                           const char          *method,
                           const char          *path,
                           JsonNode            *body,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  SoupMessage *msg;
  GError *error = NULL;

  g_return_if_fail (STUDIO_IS_JUPYTER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_jupyter_call_async);
  msg = studio_jupyter_new_message (self, method, path, &error);
  if (msg == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  g_task_set_task_data (task, msg, g_object_unref);
  studio_util_message_set_json (msg, body);
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, cancellable, call_cb, task);
}

JsonNode *
studio_jupyter_call_finish (StudioJupyter  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
studio_jupyter_get_status_async (StudioJupyter *self, GCancellable *cancellable,
                                 GAsyncReadyCallback callback, gpointer user_data)
{
  studio_jupyter_call_async (self, "GET", "api/status", NULL, cancellable, callback, user_data);
}

void
studio_jupyter_get_contents_async (StudioJupyter *self, const char *path, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data)
{
  g_autofree char *escaped = g_uri_escape_string (path ? path : "", "/", FALSE);
  g_autofree char *api = g_strconcat ("api/contents/", escaped, NULL);

  studio_jupyter_call_async (self, "GET", api, NULL, cancellable, callback, user_data);
}

void
studio_jupyter_list_kernels_async (StudioJupyter *self, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data)
{
  studio_jupyter_call_async (self, "GET", "api/kernels", NULL, cancellable, callback, user_data);
}

void
studio_jupyter_list_sessions_async (StudioJupyter *self, GCancellable *cancellable,
                                    GAsyncReadyCallback callback, gpointer user_data)
{
  studio_jupyter_call_async (self, "GET", "api/sessions", NULL, cancellable, callback, user_data);
}

void
studio_jupyter_list_terminals_async (StudioJupyter *self, GCancellable *cancellable,
                                     GAsyncReadyCallback callback, gpointer user_data)
{
  studio_jupyter_call_async (self, "GET", "api/terminals", NULL, cancellable, callback, user_data);
}

void
studio_jupyter_new_terminal_async (StudioJupyter *self, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data)
{
  studio_jupyter_call_async (self, "POST", "api/terminals", NULL, cancellable, callback, user_data);
}

/* The new terminal's name. */
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

void
studio_jupyter_delete_terminal_async (StudioJupyter *self, const char *name, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data)
{
  g_autofree char *api = studio_util_path ("api/terminals/%s", name);

  studio_jupyter_call_async (self, "DELETE", api, NULL, cancellable, callback, user_data);
}

GDateTime *
studio_jupyter_parse_time (const char *iso8601)
{
  g_autoptr(GTimeZone) utc = NULL;

  if (iso8601 == NULL)
    return NULL;
  utc = g_time_zone_new_utc ();
  return g_date_time_new_from_iso8601 (iso8601, utc);
}
