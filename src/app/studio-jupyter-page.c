/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A worker's Jupyter in a web view, logged in with its token; other sites
 * open in the system browser. JupyterLab where the worker's server has it
 * (its server opens at /lab), the classic UI otherwise. */
#include <glib/gi18n.h>

#include "aistudio.h"
#include "studio-jupyter-page-private.h"
#include "studio-transfers.h"
#include "studio-worker-state-page.h"

enum {
  PROP_0,
  PROP_TITLE,
  PROP_LOADING,
  PROP_ICON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void studio_jupyter_page_tab_init (StudioTabInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StudioJupyterPage, studio_jupyter_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (STUDIO_TYPE_TAB, studio_jupyter_page_tab_init))

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

/* Hands a web address to the system browser: one of the worker's Jupyter
 * signed in, through a page private to the user (never the token in the
 * browser's arguments); another site as it is. */
static void
show_uri (StudioJupyterPage *self,
          const char        *uri)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *launch = NULL;

  if (same_origin (uri, studio_worker_get_jupyter_url (self->worker)))
    launch = studio_worker_dup_browser_launch_uri (self->worker, uri, &error);
  else
    launch = g_strdup (uri);
  if (launch == NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-error", "(ss)", _("Could Not Open the Browser"),
                                  error->message);
      return;
    }
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, launch, GDK_CURRENT_TIME);
}

/* Says in the tab what the page asked for and did not get. */
static void
refuse (StudioJupyterPage *self,
        const char        *uri)
{
  g_autofree char *shown = g_utf8_make_valid (uri, MIN (strlen (uri), 200));
  g_autofree char *text = g_strdup_printf (_("The page asked to open “%s”. AI Studio opens only web addresses "
                                             "(http and https) that you click, in your browser."), shown);

  g_free (self->refused_uri);
  self->refused_uri = g_strdup (uri);
  gtk_label_set_label (self->refused_label, text);
  gtk_revealer_set_reveal_child (self->refused_revealer, TRUE);
}

static void
dismiss_refused_action (GtkWidget *widget, const char *name, GVariant *param)
{
  gtk_revealer_set_reveal_child (STUDIO_JUPYTER_PAGE (widget)->refused_revealer, FALSE);
}

/* The last address the page asked for and did not get, or NULL (tests). */
const char *
studio_jupyter_page_get_refused_uri (StudioJupyterPage *self)
{
  g_return_val_if_fail (STUDIO_IS_JUPYTER_PAGE (self), NULL);
  return self->refused_uri;
}

static gboolean
is_web (const char *uri)
{
  return g_str_has_prefix (uri, "https://") || g_str_has_prefix (uri, "http://");
}


/* What a worker's page may do: its own origin (and about:, blob:, data:)
 * in the tab; a web address of another site in the system browser, only
 * when the user clicked it; anything else (smb:, file:, an app's scheme,
 * a page's script that opens a window by itself) nowhere, and the tab says
 * so. The page runs code someone else wrote: a notebook, an image's page.
 * WebKitGTK tells no frame apart from the main one here; a click is what
 * counts, and a frame's own navigations to another origin are refused. */
static gboolean
on_decide_policy (WebKitWebView            *web_view,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  StudioJupyterPage        *self)
{
  WebKitNavigationAction *action;
  const char *uri;
  gboolean clicked, ours;

  if (type != WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION &&
      type != WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION)
    return FALSE;

  action = webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));
  clicked = webkit_navigation_action_is_user_gesture (action);
  ours = same_origin (uri, studio_worker_get_jupyter_url (self->worker));

  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION &&
      (ours || g_str_has_prefix (uri, "about:") || g_str_has_prefix (uri, "blob:") || g_str_has_prefix (uri, "data:")))
    return FALSE;
  if (is_web (uri) && clicked)
    show_uri (self, uri);
  else
    refuse (self, uri);
  webkit_policy_decision_ignore (decision);
  return TRUE;
}

static void
update_title (StudioJupyterPage *self)
{
  const char *page_title = webkit_web_view_get_title (self->web_view);
  g_autofree char *title = NULL;

  if (self->service_name != NULL)
    title = g_strdup_printf ("%s · %s", studio_worker_get_name (self->worker),
                             page_title && *page_title ? page_title : self->service_name);
  else if (self->ui == UI_LAB && self->lab_document != NULL)
    title = *self->lab_document != '\0'
      ? g_strdup_printf ("%s · %s", studio_worker_get_name (self->worker), self->lab_document)
      : g_strdup_printf (_("%s · JupyterLab"), studio_worker_get_name (self->worker));
  else if (page_title != NULL && *page_title != '\0')
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

/* Where the page starts: the worker's Jupyter, or the service's page, signed in. */
static char *
dup_start_uri (StudioJupyterPage *self)
{
  if (self->service_url != NULL)
    return studio_worker_dup_browser_url_for (self->worker, self->service_url);
  return studio_worker_dup_browser_url (self->worker);
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
      g_autofree char *uri = dup_start_uri (self);
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
    ? g_strdup (current) : g_strdup (self->service_url ?: studio_worker_get_jupyter_url (self->worker));
  show_uri (self, uri);
}

WebKitWebView *
studio_jupyter_page_get_web_view (StudioJupyterPage *self)
{
  g_return_val_if_fail (STUDIO_IS_JUPYTER_PAGE (self), NULL);
  return self->web_view;
}

/* What follows the worker's Jupyter URL in @uri ("lab/tree/x.ipynb"), or
 * NULL for a page elsewhere. */
static char *
route_of (StudioJupyterPage *self,
          const char        *uri)
{
  const char *base = studio_worker_get_jupyter_url (self->worker);
  g_autoptr(GUri) base_uri = base ? g_uri_parse (base, G_URI_FLAGS_NONE, NULL) : NULL;
  g_autoptr(GUri) parsed = uri ? g_uri_parse (uri, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *prefix, *rest;

  if (base_uri == NULL || parsed == NULL || !same_origin (base, uri))
    return NULL;
  prefix = g_uri_get_path (base_uri);
  rest = g_uri_get_path (parsed);
  if (!g_str_has_prefix (rest, prefix))
    return NULL;
  rest += strlen (prefix);
  rest += *rest == '/';
  return g_strdup (rest);
}

/**
 * studio_jupyter_page_dup_folder:
 *
 * Returns: the folder of the worker's home that the page shows: JupyterLab's
 *   file browser's, a classic listing's, or the one that holds the open
 *   notebook or file; "" for the home.
 */
char *
studio_jupyter_page_dup_folder (StudioJupyterPage *self)
{
  /* Where a URL of Jupyter names a folder, and where a file (JupyterLab's
   * tree names either: a last name with a dot counts as a file there). */
  static const struct { const char *prefix; int kind; } routes[] = {
    { "tree/", 0 }, { "lab/tree/", 1 }, { "notebooks/", 2 }, { "edit/", 2 }, { "view/", 2 },
  };
  g_autofree char *rest = NULL;

  if (self->ui == UI_LAB && self->lab_folder != NULL)
    return g_strdup (self->lab_folder);
  rest = route_of (self, webkit_web_view_get_uri (self->web_view));
  if (rest == NULL)
    return g_strdup ("");
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
  g_autofree char *folder = studio_jupyter_page_dup_folder (self);
  g_autoptr(GStrvBuilder) uris = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *uri = g_file_get_uri (l->data);
      g_strv_builder_add (uris, uri);
    }
  list = g_strv_builder_end (uris);
  gtk_widget_activate_action_variant (GTK_WIDGET (self), "win.upload",
                                      g_variant_new ("(sss^as)", studio_region_get_id (self->region),
                                                     studio_worker_get_name (self->worker), folder, list));
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

  g_clear_handle_id (&self->resume_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_pointer (&self->service_id, g_free);
  g_clear_pointer (&self->service_name, g_free);
  g_clear_pointer (&self->service_url, g_free);
  g_clear_object (&self->region);
  g_clear_object (&self->worker);
  g_clear_object (&self->icon);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->pending_path, g_free);
  g_clear_pointer (&self->lab_folder, g_free);
  g_clear_pointer (&self->lab_document, g_free);
  g_clear_pointer (&self->lab_path, g_free);
  g_clear_pointer (&self->refused_uri, g_free);
  G_OBJECT_CLASS (studio_jupyter_page_parent_class)->dispose (object);
}

static void
studio_jupyter_page_class_init (StudioJupyterPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_jupyter_page_dispose;
  object_class->get_property = studio_jupyter_page_get_property;

  /* A tab's (studio-tab.h). */
  g_object_class_override_property (object_class, PROP_TITLE, "title");
  g_object_class_override_property (object_class, PROP_LOADING, "loading");
  g_object_class_override_property (object_class, PROP_ICON, "icon");
  for (guint i = PROP_TITLE; i < N_PROPS; i++)
    properties[i] = g_object_class_find_property (object_class, i == PROP_TITLE ? "title"
                                                                : i == PROP_LOADING ? "loading" : "icon");

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aistudio/Studio/ui/studio-jupyter-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioJupyterPage, stack);
  gtk_widget_class_bind_template_child (widget_class, StudioJupyterPage, web_box);
  gtk_widget_class_bind_template_child (widget_class, StudioJupyterPage, refused_revealer);
  gtk_widget_class_bind_template_child (widget_class, StudioJupyterPage, refused_label);
  gtk_widget_class_install_action (widget_class, "jupyter.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "jupyter.dismiss-refused", NULL, dismiss_refused_action);
}

static void
studio_jupyter_page_init (StudioJupyterPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Files dropped on the page go to the folder it shows; taken before the
   * web view, so that folders work too. */
  studio_transfers_accept_drops (GTK_WIDGET (self), G_OBJECT (self), files_dropped, TRUE);
}

static gboolean
retry_service (gpointer data)
{
  StudioJupyterPage *self = data;

  self->retry_id = 0;
  if (studio_worker_state_page_get_phase (self->state_page) == STUDIO_WORKER_PHASE_RUNNING)
    webkit_web_view_reload (self->web_view);
  return G_SOURCE_REMOVE;
}

/* A service's page that found nothing listening (the worker's proxy says
 * 502): looked at again until the service is back, as a browser's
 * auto-reload would. */
static void
retry_if_down (StudioJupyterPage *self)
{
  WebKitWebResource *resource = webkit_web_view_get_main_resource (self->web_view);
  WebKitURIResponse *response = resource ? webkit_web_resource_get_response (resource) : NULL;

  if (self->service_url != NULL && response != NULL && webkit_uri_response_get_status_code (response) == 502 &&
      self->retry_id == 0)
    self->retry_id = g_timeout_add_seconds (2, retry_service, self);
}

/* Learns which UI the server shows from where its pages land; opens a file
 * asked for before that was known. */
static void
on_load_changed (WebKitWebView     *web_view,
                 WebKitLoadEvent    event,
                 StudioJupyterPage *self)
{
  if (event == WEBKIT_LOAD_COMMITTED)
    {
      g_autofree char *route = route_of (self, webkit_web_view_get_uri (web_view));

      if (route != NULL && (g_str_has_prefix (route, "lab/") || g_strcmp0 (route, "lab") == 0))
        self->ui = UI_LAB;
      else if (route != NULL && *route != '\0' && !g_str_has_prefix (route, "login") && !g_str_has_prefix (route, "hub/"))
        self->ui = UI_CLASSIC;
      /* A new page tells again. */
      g_clear_pointer (&self->lab_folder, g_free);
      g_clear_pointer (&self->lab_document, g_free);
  g_clear_pointer (&self->lab_path, g_free);
    }
  else if (event == WEBKIT_LOAD_FINISHED && self->service_url != NULL)
    retry_if_down (self);
  else if (event == WEBKIT_LOAD_FINISHED && self->pending_path != NULL && self->ui != UI_UNKNOWN)
    {
      g_autofree char *path = g_steal_pointer (&self->pending_path);

      _studio_jupyter_page_open_now (self, path);
    }
}

/* What AI Studio's JupyterLab tells the window (tools/jupyterlab/index.js). */
static void
on_script_message (WebKitUserContentManager *manager,
                   JSCValue                 *message,
                   StudioJupyterPage        *self)
{
  g_autoptr(JSCValue) folder = jsc_value_is_object (message) ? jsc_value_object_get_property (message, "folder") : NULL;
  g_autoptr(JSCValue) document = jsc_value_is_object (message) ? jsc_value_object_get_property (message, "document") : NULL;

  if (folder != NULL && jsc_value_is_string (folder))
    {
      g_free (self->lab_folder);
      self->lab_folder = jsc_value_to_string (folder);
    }
  g_autoptr(JSCValue) path = jsc_value_is_object (message) ? jsc_value_object_get_property (message, "path") : NULL;

  if (document != NULL && jsc_value_is_string (document))
    {
      g_free (self->lab_document);
      self->lab_document = jsc_value_to_string (document);
      update_title (self);
    }
  if (path != NULL && jsc_value_is_string (path))
    {
      g_free (self->lab_path);
      self->lab_path = jsc_value_to_string (path);
    }
}

/* The path (in the worker's home) of the document in front in JupyterLab,
 * as its page tells, else the one it was asked to open; NULL for neither. */
const char *
studio_jupyter_page_get_document_path (StudioJupyterPage *self)
{
  g_return_val_if_fail (STUDIO_IS_JUPYTER_PAGE (self), NULL);
  return self->lab_path ? self->lab_path : self->pending_path;
}

/* The first page signs in with the worker's token in its address; the server
 * then keeps a cookie, and Jupyter carries the token over to the page it
 * redirects to. Before any script of that page runs, the address loses it,
 * so that neither the page (JupyterLab makes its title of it), its history,
 * nor what the user copies from it shows the token. */
static void
forget_token_in_address (StudioJupyterPage        *self,
                         WebKitUserContentManager *manager)
{
  g_autoptr(GUri) base = g_uri_parse (studio_worker_get_jupyter_url (self->worker), G_URI_FLAGS_NONE, NULL);
  g_autofree char *origin = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *source = NULL;
  g_autoptr(WebKitUserScript) script = NULL;

  if (base == NULL)
    return;
  origin = g_uri_get_port (base) > 0
    ? g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (base), g_uri_get_host (base), g_uri_get_port (base))
    : g_strdup_printf ("%s://%s", g_uri_get_scheme (base), g_uri_get_host (base));
  quoted = g_strescape (origin, NULL);
  source = g_strdup_printf ("if (location.origin === \"%s\" && new URLSearchParams(location.search).has('token')) {\n"
                            "  const url = new URL(location.href);\n"
                            "  url.searchParams.delete('token');\n"
                            "  history.replaceState(history.state, '', url.pathname + url.search + url.hash);\n"
                            "}", quoted);
  script = webkit_user_script_new (source, WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                   WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START, NULL, NULL);
  webkit_user_content_manager_add_script (manager, script);
}

/* The tab follows its worker: its own page while the worker is not there
 * (the web view kept behind it, unsaved changes and all); the first load
 * waits for a ready worker. */
static void
on_phase (StudioJupyterPage *self)
{
  if (studio_worker_state_page_get_phase (self->state_page) != STUDIO_WORKER_PHASE_RUNNING)
    {
      gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->state_page));
      self->away = self->loaded;
      return;
    }
  if (gtk_stack_get_visible_child (self->stack) == GTK_WIDGET (self->state_page))
    gtk_stack_set_visible_child_name (self->stack, "web");
  if (!self->loaded)
    {
      g_autofree char *uri = dup_start_uri (self);

      self->loaded = TRUE;
      webkit_web_view_load_uri (self->web_view, uri);
    }
  else if (self->away)
    {
      self->away = FALSE;
      self->resume_tries = 0;
      _studio_jupyter_page_resume (self);
    }
}

static StudioJupyterPage *
page_new (WebKitNetworkSession *session,
          StudioRegion         *region,
          StudioWorker         *worker,
          const char           *service_id,
          const char           *service_name)
{
  StudioJupyterPage *self = g_object_new (STUDIO_TYPE_JUPYTER_PAGE, NULL);
  WebKitUserContentManager *manager;

  self->region = g_object_ref (region);
  self->worker = g_object_ref (worker);
  if (service_id != NULL)
    {
      self->service_id = g_strdup (service_id);
      self->service_name = g_strdup (service_name);
      self->service_url = studio_service_dup_url_for (studio_worker_get_jupyter_url (worker) ?: "", service_id);
    }
  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW, "network-session", session, "vexpand", TRUE, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->web_view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Jupyter"), -1);
  gtk_box_append (self->web_box, GTK_WIDGET (self->web_view));

  g_signal_connect (self->web_view, "decide-policy", G_CALLBACK (on_decide_policy), self);
  g_signal_connect_swapped (self->web_view, "notify::title", G_CALLBACK (update_title), self);
  g_signal_connect_swapped (self->web_view, "notify::favicon", G_CALLBACK (update_icon), self);
  g_signal_connect_swapped (self->web_view, "notify::is-loading", G_CALLBACK (on_loading), self);
  g_signal_connect (self->web_view, "web-process-terminated", G_CALLBACK (on_web_process_terminated), self);
  g_signal_connect (self->web_view, "load-failed-with-tls-errors", G_CALLBACK (on_tls_errors), self);
  g_signal_connect (self->web_view, "load-changed", G_CALLBACK (on_load_changed), self);
  manager = webkit_web_view_get_user_content_manager (self->web_view);
  forget_token_in_address (self, manager);
  webkit_user_content_manager_register_script_message_handler (manager, "aiStudio", NULL);
  g_signal_connect_object (manager, "script-message-received::aiStudio", G_CALLBACK (on_script_message), self, 0);

  update_title (self);
  update_icon (self);
  self->state_page = studio_worker_state_page_new (region, worker);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->state_page), "state");
  g_signal_connect_object (self->state_page, "notify::phase", G_CALLBACK (on_phase), self, G_CONNECT_SWAPPED);
  on_phase (self);
  return self;
}

StudioJupyterPage *
studio_jupyter_page_new (WebKitNetworkSession *session,
                         StudioRegion         *region,
                         StudioWorker         *worker)
{
  return page_new (session, region, worker, NULL, NULL);
}

/**
 * studio_jupyter_page_new_for_service:
 * @session: the region's web session
 * @region: the worker's region
 * @worker: the worker
 * @id: the service's id ("vscode", a port's number: see studio_service_dup_url_for())
 * @name: what the service is ("VS Code", "http.server"), until its page says
 *
 * A tab for another of the worker's services, reached through its Jupyter
 * server as Jupyter is, signed in the same way.
 *
 * Returns: (transfer floating): the page
 */
StudioJupyterPage *
studio_jupyter_page_new_for_service (WebKitNetworkSession *session,
                                     StudioRegion         *region,
                                     StudioWorker         *worker,
                                     const char           *id,
                                     const char           *name)
{
  g_return_val_if_fail (id != NULL && name != NULL, NULL);
  return page_new (session, region, worker, id, name);
}

/* The id of the service the page shows; NULL for the worker's Jupyter. */
const char *
studio_jupyter_page_get_service_id (StudioJupyterPage *self)
{
  g_return_val_if_fail (STUDIO_IS_JUPYTER_PAGE (self), NULL);
  return self->service_id;
}

/* ---- a tab of the window (studio-tab.h) ------------------------------------------- */

static StudioRegion *
tab_get_region (StudioTab *tab)
{
  return STUDIO_JUPYTER_PAGE (tab)->region;
}

static StudioWorker *
tab_get_worker (StudioTab *tab)
{
  return STUDIO_JUPYTER_PAGE (tab)->worker;
}

/* The worker's Jupyter ("jupyter"), or one of its services ("service", its id). */
static gboolean
tab_is (StudioTab  *tab,
        const char *kind,
        const char *id)
{
  StudioJupyterPage *self = STUDIO_JUPYTER_PAGE (tab);

  if (self->service_id != NULL)
    return g_strcmp0 (kind, "service") == 0 && g_strcmp0 (id, self->service_id) == 0;
  return g_strcmp0 (kind, "jupyter") == 0;
}

static char *
tab_save (StudioTab   *tab,
          const char **kind)
{
  StudioJupyterPage *self = STUDIO_JUPYTER_PAGE (tab);

  *kind = self->service_id ? "service" : "jupyter";
  return g_strdup (self->service_id ?: studio_jupyter_page_get_document_path (self) ?: "");
}

static void
tab_reload (StudioTab *tab)
{
  studio_jupyter_page_reload (STUDIO_JUPYTER_PAGE (tab));
}

static void
tab_open_in_browser (StudioTab *tab)
{
  studio_jupyter_page_open_in_browser (STUDIO_JUPYTER_PAGE (tab));
}

static void
tab_list_unsaved_async (StudioTab           *tab,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  studio_jupyter_page_list_unsaved_async (STUDIO_JUPYTER_PAGE (tab), cancellable, callback, user_data);
}

static char **
tab_list_unsaved_finish (StudioTab     *tab,
                         GAsyncResult  *result,
                         GError       **error)
{
  return studio_jupyter_page_list_unsaved_finish (STUDIO_JUPYTER_PAGE (tab), result, error);
}

static void
studio_jupyter_page_tab_init (StudioTabInterface *iface)
{
  iface->get_region = tab_get_region;
  iface->get_worker = tab_get_worker;
  iface->is = tab_is;
  iface->save = tab_save;
  iface->reload = tab_reload;
  iface->open_in_browser = tab_open_in_browser;
  iface->list_unsaved_async = tab_list_unsaved_async;
  iface->list_unsaved_finish = tab_list_unsaved_finish;
}
