/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a worker serves: its JupyterLab, and every TCP port a program of the
 * worker listens on (a user's web app, a dashboard, VS Code), each reached
 * through the worker's own Jupyter server (AI Studio's server extension,
 * ai_studio_services: /ai-studio/proxy/PORT/), so the same way on every kind
 * of region and with nothing new published where the worker runs. What the
 * worker says of its services is bounded and checked: a name is made valid
 * text and cut short, a port out of range is left out, and the address is
 * made here from the port, never taken from the worker. */
#include <glib/gi18n-lib.h>

#include "studio-error.h"
#include "studio-service.h"
#include "studio-util.h"

#define MAX_SERVICES 200
#define MAX_NAME_CHARS 80

struct _StudioService
{
  GObject parent_instance;

  char *id;       /* "jupyterlab", "vscode", or its port's number */
  char *name;
  guint port;     /* 0 for one the worker starts when asked (JupyterLab, VS Code) */
  char *url;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_PORT,
  PROP_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * StudioService:
 *
 * One thing a worker serves on the web: its JupyterLab, or a port a program
 * of the worker listens on, with its name where one is known and the
 * address that reaches it through the worker's Jupyter server (without a
 * token: a tab or a browser signs in as it does for Jupyter).
 */
G_DEFINE_FINAL_TYPE (StudioService, studio_service, G_TYPE_OBJECT)

static void
studio_service_finalize (GObject *object)
{
  StudioService *self = STUDIO_SERVICE (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->url);
  G_OBJECT_CLASS (studio_service_parent_class)->finalize (object);
}

static void
studio_service_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  StudioService *self = STUDIO_SERVICE (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_PORT: g_value_set_uint (value, self->port); break;
    case PROP_URL: g_value_set_string (value, self->url); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_service_class_init (StudioServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = studio_service_finalize;
  object_class->get_property = studio_service_get_property;

  /**
   * StudioService:id:
   *
   * What names it for good: "jupyterlab", "vscode", or the number of its
   * port (see studio_service_dup_url_for()).
   */
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  /**
   * StudioService:name:
   *
   * What it is ("JupyterLab", "VS Code", "http.server"), or "port N".
   */
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  /**
   * StudioService:port:
   *
   * The port it listens on in the worker; 0 for JupyterLab and VS Code,
   * which the worker's server starts and reaches itself.
   */
  properties[PROP_PORT] = g_param_spec_uint ("port", NULL, NULL, 0, 65535, 0, flags);
  /**
   * StudioService:url:
   *
   * The address that reaches it through the worker's Jupyter server, without
   * a token.
   */
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
studio_service_init (StudioService *self)
{
}

/**
 * studio_service_dup_url_for:
 * @base_url: a worker's Jupyter URL
 * @id: a service's id: "jupyterlab", "vscode", or a port's number
 *
 * The address of one of a worker's services, without a token: where a tab
 * or a browser opens it.
 *
 * Returns: (transfer full) (nullable): the address, or %NULL for an id that
 *   names no service
 */
char *
studio_service_dup_url_for (const char *base_url,
                            const char *id)
{
  const char *slash;
  guint64 port = 0;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  slash = g_str_has_suffix (base_url, "/") ? "" : "/";
  if (g_str_equal (id, "jupyterlab"))
    return g_strconcat (base_url, slash, "lab", NULL);
  if (g_str_equal (id, "vscode"))
    return g_strconcat (base_url, slash, "ai-studio/vscode/", NULL);
  if (g_ascii_string_to_unsigned (id, 10, 1, 65535, &port, NULL))
    return g_strdup_printf ("%s%sai-studio/proxy/%u/", base_url, slash, (guint) port);
  return NULL;
}

static StudioService *
service_new (const char *base_url,
             const char *id,
             const char *name,
             guint       port)
{
  StudioService *self = g_object_new (STUDIO_TYPE_SERVICE, NULL);

  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->port = port;
  self->url = studio_service_dup_url_for (base_url, id);
  return self;
}

/**
 * studio_service_get_id:
 * @self: a service
 *
 * What names the service for good, across looks at the worker.
 *
 * Returns: what names it for good ("jupyterlab", "vscode", "8000")
 */
const char *
studio_service_get_id (StudioService *self)
{
  g_return_val_if_fail (STUDIO_IS_SERVICE (self), NULL);
  return self->id;
}

/**
 * studio_service_get_name:
 * @self: a service
 *
 * What the service is, for people.
 *
 * Returns: what it is
 */
const char *
studio_service_get_name (StudioService *self)
{
  g_return_val_if_fail (STUDIO_IS_SERVICE (self), NULL);
  return self->name;
}

/**
 * studio_service_get_port:
 * @self: a service
 *
 * Where the service listens in its worker.
 *
 * Returns: the port it listens on in the worker, 0 for JupyterLab and VS Code
 */
guint
studio_service_get_port (StudioService *self)
{
  g_return_val_if_fail (STUDIO_IS_SERVICE (self), 0);
  return self->port;
}

/**
 * studio_service_get_url:
 * @self: a service
 *
 * Where a tab or a browser opens the service, through the worker's Jupyter
 * server; a browser or tab signs in as it does for the worker's Jupyter.
 *
 * Returns: the address that reaches it, without a token
 */
const char *
studio_service_get_url (StudioService *self)
{
  g_return_val_if_fail (STUDIO_IS_SERVICE (self), NULL);
  return self->url;
}

/**
 * studio_service_matches:
 * @self: a service
 * @name_or_port: a port number, an id ("vscode"), or a name (any case)
 *
 * Whether @name_or_port names this service, as the CLI's `open` takes it.
 *
 * Returns: %TRUE if it does
 */
gboolean
studio_service_matches (StudioService *self,
                        const char    *name_or_port)
{
  guint64 port = 0;

  g_return_val_if_fail (STUDIO_IS_SERVICE (self), FALSE);
  g_return_val_if_fail (name_or_port != NULL, FALSE);

  if (g_ascii_string_to_unsigned (name_or_port, 10, 1, 65535, &port, NULL))
    return self->port == port;
  return g_ascii_strcasecmp (self->name, name_or_port) == 0 || g_ascii_strcasecmp (self->id, name_or_port) == 0;
}

/* The worker's name for a port, as text to show: valid, one line, short. */
static char *
clean_name (const char *name,
            guint       port)
{
  g_autofree char *valid = name ? g_utf8_make_valid (name, -1) : NULL;
  GString *s = g_string_new (NULL);
  glong n = 0;

  for (const char *p = valid; p && *p && n < MAX_NAME_CHARS; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);
      g_string_append_unichar (s, g_unichar_iscntrl (c) ? ' ' : c);
    }
  g_strstrip (s->str);
  if (*s->str == '\0')
    {
      g_string_free (s, TRUE);
      return g_strdup_printf (_("Port %u"), port);
    }
  s->len = strlen (s->str);
  return g_string_free (s, FALSE);
}

static void
services_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioJupyter *jupyter = STUDIO_JUPYTER (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = studio_jupyter_call_finish (jupyter, result, &error);
  g_autoptr(GListStore) store = g_list_store_new (STUDIO_TYPE_SERVICE);
  const char *base = studio_jupyter_get_base_url (jupyter);
  g_autoptr(StudioService) lab = NULL;
  JsonObject *o;
  JsonArray *list;

  if (error != NULL)
    {
      if (g_error_matches (error, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND))
        g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND,
                                 _("This worker cannot list its services: services need a worker of one of "
                                   "AI Studio's images."));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  o = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  list = o && json_object_has_member (o, "services") &&
         JSON_NODE_HOLDS_ARRAY (json_object_get_member (o, "services"))
         ? json_object_get_array_member (o, "services") : NULL;
  if (list == NULL)
    {
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_BAD_REPLY,
                               _("The worker described its services in a form AI Studio cannot read."));
      return;
    }

  /* JupyterLab first: every worker serves it. */
  lab = service_new (base, "jupyterlab", "JupyterLab", 0);
  g_list_store_append (store, lab);
  for (guint i = 0; i < json_array_get_length (list) && i < MAX_SERVICES; i++)
    {
      JsonNode *item = json_array_get_element (list, i);
      JsonObject *s = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      JsonNode *port_node = s ? json_object_get_member (s, "port") : NULL;
      gint64 port = port_node && JSON_NODE_HOLDS_VALUE (port_node) &&
                    json_node_get_value_type (port_node) == G_TYPE_INT64 ? json_node_get_int (port_node) : 0;
      JsonNode *name_node = s ? json_object_get_member (s, "name") : NULL;
      const char *name = name_node && JSON_NODE_HOLDS_VALUE (name_node) &&
                         json_node_get_value_type (name_node) == G_TYPE_STRING ? json_node_get_string (name_node) : NULL;
      JsonNode *id_node = s ? json_object_get_member (s, "id") : NULL;
      const char *id = id_node && JSON_NODE_HOLDS_VALUE (id_node) &&
                       json_node_get_value_type (id_node) == G_TYPE_STRING ? json_node_get_string (id_node) : NULL;
      g_autofree char *shown = NULL;
      g_autofree char *port_id = NULL;
      g_autoptr(StudioService) service = NULL;

      /* VS Code, which the worker starts when it is opened; else a port. */
      if (g_strcmp0 (id, "vscode") == 0)
        service = service_new (base, "vscode", "VS Code", 0);
      else if (port >= 1 && port <= 65535)
        {
          shown = clean_name (name, (guint) port);
          port_id = g_strdup_printf ("%u", (guint) port);
          service = service_new (base, port_id, shown, (guint) port);
        }
      else
        continue;
      g_list_store_append (store, service);
    }
  g_task_return_pointer (task, g_steal_pointer (&store), g_object_unref);
}

/**
 * studio_jupyter_list_services_async:
 * @self: a worker's Jupyter client
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the list
 * @user_data: data for @callback
 *
 * Asks the worker what it serves: JupyterLab, and each port a program of
 * the worker listens on. Asking does not count as the worker's activity.
 * A worker of an image without AI Studio's server extension answers
 * %STUDIO_ERROR_NOT_FOUND, saying that services need one of AI Studio's
 * images.
 */
void
studio_jupyter_list_services_async (StudioJupyter       *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (STUDIO_IS_JUPYTER (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_jupyter_list_services_async);
  studio_jupyter_call_async (self, "GET", "ai-studio/services", NULL, cancellable, services_cb, task);
}

/**
 * studio_jupyter_list_services_finish:
 * @self: a worker's Jupyter client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes studio_jupyter_list_services_async().
 *
 * Returns: (transfer full): a #GListModel of #StudioService, JupyterLab
 *   first, then the ports in order; %NULL with @error set
 */
GListModel *
studio_jupyter_list_services_finish (StudioJupyter  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
