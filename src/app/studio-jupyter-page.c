/* A worker's Jupyter in a web view, logged in with its token; other sites
 * open in the system browser. */
#include <glib/gi18n.h>

#include "aistudio.h"
#include "studio-jupyter-page.h"
#include "studio-window.h"

struct _StudioJupyterPage
{
  AdwBin parent_instance;

  GtkStack *stack;
  GtkBox *web_box;

  WebKitWebView *web_view;
  StudioRegion *region;
  StudioWorker *worker;
  char *title;
  GIcon *icon;
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_LOADING,
  PROP_ICON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StudioJupyterPage, studio_jupyter_page, ADW_TYPE_BIN)

static void
show_uri (StudioJupyterPage *self,
          const char        *uri)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static gboolean
same_origin (const char *a,
             const char *b)
{
  g_autoptr(GUri) ua = a ? g_uri_parse (a, G_URI_FLAGS_NONE, NULL) : NULL;
  g_autoptr(GUri) ub = b ? g_uri_parse (b, G_URI_FLAGS_NONE, NULL) : NULL;

  return ua && ub &&
         g_strcmp0 (g_uri_get_scheme (ua), g_uri_get_scheme (ub)) == 0 &&
         g_strcmp0 (g_uri_get_host (ua), g_uri_get_host (ub)) == 0 &&
         g_uri_get_port (ua) == g_uri_get_port (ub);
}

static gboolean
on_decide_policy (WebKitWebView            *web_view,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  StudioJupyterPage        *self)
{
  WebKitNavigationAction *action;
  const char *uri;

  if (type != WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION &&
      type != WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION)
    return FALSE;

  action = webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));

  if (type == WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION)
    {
      /* New windows go to the system browser; Jupyter's own, signed in where that is safe. */
      g_autofree char *target = same_origin (uri, studio_worker_get_jupyter_url (self->worker))
        ? studio_worker_dup_browser_url_for (self->worker, uri) : g_strdup (uri);
      show_uri (self, target);
      webkit_policy_decision_ignore (decision);
      return TRUE;
    }
  if (!same_origin (uri, studio_worker_get_jupyter_url (self->worker)) &&
      !g_str_has_prefix (uri, "about:") && !g_str_has_prefix (uri, "blob:") && !g_str_has_prefix (uri, "data:"))
    {
      show_uri (self, uri);
      webkit_policy_decision_ignore (decision);
      return TRUE;
    }
  return FALSE;
}

static void
update_title (StudioJupyterPage *self)
{
  const char *page_title = webkit_web_view_get_title (self->web_view);
  g_autofree char *title = NULL;

  if (page_title != NULL && *page_title != '\0')
    title = g_strdup_printf ("%s · %s", studio_worker_get_name (self->worker), page_title);
  else
    title = g_strdup_printf (_("%s · Jupyter"), studio_worker_get_name (self->worker));
  if (g_strcmp0 (title, self->title) != 0)
    {
      g_free (self->title);
      self->title = g_steal_pointer (&title);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
}

static void
update_icon (StudioJupyterPage *self)
{
  GdkTexture *favicon = webkit_web_view_get_favicon (self->web_view);

  g_clear_object (&self->icon);
  self->icon = favicon ? G_ICON (g_object_ref (favicon)) : g_themed_icon_new ("web-browser-symbolic");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON]);
}

static void
on_loading (StudioJupyterPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* A hub region whose certificate the user chose to trust: the web view trusts
 * that one certificate too, and no other. */
static gboolean
on_tls_errors (WebKitWebView        *web_view,
               const char           *failing_uri,
               GTlsCertificate      *certificate,
               GTlsCertificateFlags  errors,
               StudioJupyterPage    *self)
{
  g_autoptr(GUri) uri = g_uri_parse (failing_uri, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || !studio_region_trusts_certificate (self->region, certificate))
    return FALSE;
  webkit_network_session_allow_tls_certificate_for_host (webkit_web_view_get_network_session (web_view),
                                                         certificate, g_uri_get_host (uri));
  webkit_web_view_load_uri (web_view, failing_uri);
  return TRUE;
}

static void
on_web_process_terminated (WebKitWebView                     *web_view,
                           WebKitWebProcessTerminationReason  reason,
                           StudioJupyterPage                 *self)
{
  gtk_stack_set_visible_child_name (self->stack, "crashed");
}

void
studio_jupyter_page_reload (StudioJupyterPage *self)
{
  gboolean crashed;

  g_return_if_fail (STUDIO_IS_JUPYTER_PAGE (self));

  /* After a crash, start from the logged-in URL again. */
  crashed = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "crashed") == 0;
  gtk_stack_set_visible_child_name (self->stack, "web");
  if (!crashed && webkit_web_view_get_uri (self->web_view) != NULL)
    webkit_web_view_reload (self->web_view);
  else
    {
      g_autofree char *uri = studio_worker_dup_browser_url (self->worker);
      webkit_web_view_load_uri (self->web_view, uri);
    }
}

void
studio_jupyter_page_open_in_browser (StudioJupyterPage *self)
{
  const char *current;
  g_autofree char *uri = NULL;

  g_return_if_fail (STUDIO_IS_JUPYTER_PAGE (self));
  current = webkit_web_view_get_uri (self->web_view);
  uri = current && same_origin (current, studio_worker_get_jupyter_url (self->worker))
    ? studio_worker_dup_browser_url_for (self->worker, current) : studio_worker_dup_browser_url (self->worker);
  show_uri (self, uri);
}

WebKitWebView *
studio_jupyter_page_get_web_view (StudioJupyterPage *self)
{
  g_return_val_if_fail (STUDIO_IS_JUPYTER_PAGE (self), NULL);
  return self->web_view;
}

/**
 * studio_jupyter_page_dup_folder:
 *
 * Returns: the folder of the worker's home that the page shows: a listing's,
 *   or the one that holds the open notebook or file; "" for the home.
 */
char *
studio_jupyter_page_dup_folder (StudioJupyterPage *self)
{
  /* Where a URL of Jupyter names a folder, and where a file (JupyterLab's
   * tree names either: a last name with a dot counts as a file there). */
  static const struct { const char *prefix; int kind; } routes[] = {
    { "tree/", 0 }, { "lab/tree/", 1 }, { "notebooks/", 2 }, { "edit/", 2 }, { "view/", 2 },
  };
  const char *base = studio_worker_get_jupyter_url (self->worker);
  const char *current = webkit_web_view_get_uri (self->web_view);
  g_autoptr(GUri) base_uri = g_uri_parse (base, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) uri = current ? g_uri_parse (current, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *prefix, *rest;

  if (base_uri == NULL || uri == NULL || !same_origin (base, current))
    return g_strdup ("");
  prefix = g_uri_get_path (base_uri);
  rest = g_uri_get_path (uri);
  if (!g_str_has_prefix (rest, prefix))
    return g_strdup ("");
  rest += strlen (prefix);
  rest += *rest == '/';
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    if (g_str_has_prefix (rest, routes[i].prefix))
      {
        g_autofree char *path = g_strdup (rest + strlen (routes[i].prefix));
        const char *last;

        while (g_str_has_suffix (path, "/"))
          path[strlen (path) - 1] = '\0';
        last = strrchr (path, '/') ? strrchr (path, '/') + 1 : path;
        if (routes[i].kind == 2 || (routes[i].kind == 1 && strchr (last, '.') != NULL))
          {
            g_autofree char *dir = g_path_get_dirname (path);
            return g_strdup (g_strcmp0 (dir, ".") == 0 ? "" : dir);
          }
        return g_steal_pointer (&path);
      }
  return g_strdup ("");
}

/**
 * studio_jupyter_page_upload:
 * @files: (element-type GFile): local files and folders
 *
 * Uploads them into the folder the page shows, as one of the window's transfers.
 */
void
studio_jupyter_page_upload (StudioJupyterPage *self,
                            GSList            *files)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *folder = studio_jupyter_page_dup_folder (self);

  if (STUDIO_IS_WINDOW (root))
    studio_transfers_upload (studio_window_get_transfers (STUDIO_WINDOW (root)), self->region, self->worker,
                             files, folder);
}

static gboolean
files_dropped (GObject *owner,
               GSList  *files)
{
  studio_jupyter_page_upload (STUDIO_JUPYTER_PAGE (owner), files);
  return TRUE;
}

static void
reload_action (GtkWidget *widget, const char *name, GVariant *param)
{
  studio_jupyter_page_reload (STUDIO_JUPYTER_PAGE (widget));
}

static void
studio_jupyter_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  StudioJupyterPage *self = STUDIO_JUPYTER_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_LOADING: g_value_set_boolean (value, self->web_view && webkit_web_view_is_loading (self->web_view)); break;
    case PROP_ICON: g_value_set_object (value, self->icon); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_jupyter_page_dispose (GObject *object)
{
  StudioJupyterPage *self = STUDIO_JUPYTER_PAGE (object);

  g_clear_object (&self->region);
  g_clear_object (&self->worker);
  g_clear_object (&self->icon);
  g_clear_pointer (&self->title, g_free);
  G_OBJECT_CLASS (studio_jupyter_page_parent_class)->dispose (object);
}

static void
studio_jupyter_page_class_init (StudioJupyterPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_jupyter_page_dispose;
  object_class->get_property = studio_jupyter_page_get_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ICON] = g_param_spec_object ("icon", NULL, NULL, G_TYPE_ICON,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aistudio/Studio/ui/studio-jupyter-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioJupyterPage, stack);
  gtk_widget_class_bind_template_child (widget_class, StudioJupyterPage, web_box);
  gtk_widget_class_install_action (widget_class, "jupyter.reload", NULL, reload_action);
}

static void
studio_jupyter_page_init (StudioJupyterPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Files dropped on the page go to the folder it shows; taken before the
   * web view, so that folders work too. */
  studio_transfers_accept_drops (GTK_WIDGET (self), G_OBJECT (self), files_dropped, TRUE);
}

StudioJupyterPage *
studio_jupyter_page_new (WebKitNetworkSession *session,
                         StudioRegion         *region,
                         StudioWorker         *worker)
{
  StudioJupyterPage *self = g_object_new (STUDIO_TYPE_JUPYTER_PAGE, NULL);
  g_autofree char *uri = studio_worker_dup_browser_url (worker);

  self->region = g_object_ref (region);
  self->worker = g_object_ref (worker);
  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW, "network-session", session, "vexpand", TRUE, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->web_view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Jupyter"), -1);
  gtk_box_append (self->web_box, GTK_WIDGET (self->web_view));

  g_signal_connect (self->web_view, "decide-policy", G_CALLBACK (on_decide_policy), self);
  g_signal_connect_swapped (self->web_view, "notify::title", G_CALLBACK (update_title), self);
  g_signal_connect_swapped (self->web_view, "notify::favicon", G_CALLBACK (update_icon), self);
  g_signal_connect_swapped (self->web_view, "notify::is-loading", G_CALLBACK (on_loading), self);
  g_signal_connect (self->web_view, "web-process-terminated", G_CALLBACK (on_web_process_terminated), self);
  g_signal_connect (self->web_view, "load-failed-with-tls-errors", G_CALLBACK (on_tls_errors), self);

  update_title (self);
  update_icon (self);
  webkit_web_view_load_uri (self->web_view, uri);
  return self;
}

/* A file of the worker's home, opened in its Jupyter (a notebook in its editor). */
void
studio_jupyter_page_open_path (StudioJupyterPage *self,
                               const char        *path)
{
  const char *base = studio_worker_get_jupyter_url (self->worker);
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  g_autofree char *page = g_strdup_printf ("%s%stree/%s", base, g_str_has_suffix (base, "/") ? "" : "/", escaped);
  g_autofree char *uri = studio_worker_dup_browser_url_for (self->worker, page);

  webkit_web_view_load_uri (self->web_view, uri);
}
