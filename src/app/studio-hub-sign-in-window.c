/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Signing in to a hub in a browser view, for hubs that sign in through OAuth
 * or SSO: once the hub's own pages show the user signed in, the page itself
 * asks the hub for an API token for AI Studio (same origin, the hub's cookie). */
#include <glib/gi18n.h>

#include "aistudio.h"
#include "studio-hub-sign-in-window.h"

struct _StudioHubSignInWindow
{
  AdwWindow parent_instance;

  WebKitWebView *web_view;
  AdwWindowTitle *title;
  char *region_id;
  char *url;
  char *certificate;
  gboolean minting;
  guint lifetime;
  GCancellable *cancellable;
};

enum {
  TOKEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StudioHubSignInWindow, studio_hub_sign_in_window, ADW_TYPE_WINDOW)

static const char mint_script[] =
  "const cookie = (n) => { const m = document.cookie.match('(^|;)\\\\s*' + n + '=([^;]*)'); return m ? m[2] : null; };\n"
  "const headers = { 'Content-Type': 'application/json' };\n"
  "const xsrf = cookie('_xsrf'); if (xsrf) headers['X-XSRFToken'] = xsrf;\n"
  "const me = await fetch('/hub/api/user', { headers });\n"
  "if (!me.ok) throw new Error('the hub did not say who is signed in (HTTP ' + me.status + ')');\n"
  "const user = (await me.json()).name;\n"
  "const post = (body) => fetch('/hub/api/users/' + encodeURIComponent(user) + '/tokens',\n"
  "                             { method: 'POST', headers, body });\n"
  "let r = await post(scoped);\n"
  "if (r.status === 400) r = await post(plain);   /* a hub that refuses AI Studio's scopes */\n"
  "if (!r.ok) throw new Error('the hub refused to make a token (HTTP ' + r.status + ')');\n"
  "return (await r.json()).token;\n";

static void
minted_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(StudioHubSignInWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object),
                                                                                    result, &error);
  g_autofree char *token = NULL;

  self->minting = FALSE;
  if (value == NULL || !jsc_value_is_string (value))
    {
      g_autofree char *subtitle = g_strdup_printf (_("Could not get a token: %s"),
                                                   error ? error->message : _("no answer"));
      adw_window_title_set_subtitle (self->title, subtitle);
      return;
    }
  token = jsc_value_to_string (value);
  g_signal_emit (self, signals[TOKEN], 0, token);
  gtk_window_close (GTK_WINDOW (self));
}

/**
 * studio_hub_sign_in_window_is_signed_in_page:
 * @self: the window
 * @uri: the address its view shows
 *
 * Whether @uri shows the user signed in: one of the hub's own pages (its
 * origin, its scheme too), not its login or OAuth ones. Only there does the
 * window ask for a token.
 */
gboolean
studio_hub_sign_in_window_is_signed_in_page (StudioHubSignInWindow *self,
                                             const char            *uri)
{
  g_autoptr(GUri) parsed = uri ? g_uri_parse (uri, G_URI_FLAGS_NONE, NULL) : NULL;
  g_autoptr(GUri) hub = g_uri_parse (self->url, G_URI_FLAGS_NONE, NULL);
  const char *path;

  /* The hub's own origin, its scheme too: an https hub's token is never
   * asked for from an http page (http only where the user accepted an http hub). */
  if (parsed == NULL || hub == NULL || g_strcmp0 (g_uri_get_scheme (parsed), g_uri_get_scheme (hub)) != 0 ||
      g_strcmp0 (g_uri_get_host (parsed), g_uri_get_host (hub)) != 0 ||
      g_uri_get_port (parsed) != g_uri_get_port (hub))
    return FALSE;
  path = g_uri_get_path (parsed);
  return g_str_has_prefix (path, "/hub/") && !g_str_has_prefix (path, "/hub/login") &&
         !g_str_has_prefix (path, "/hub/oauth") && !g_str_has_prefix (path, "/hub/logout");
}

static void
on_load_changed (WebKitWebView         *web_view,
                 WebKitLoadEvent        event,
                 StudioHubSignInWindow *self)
{
  g_autoptr(JsonNode) scoped = NULL;
  g_autoptr(JsonNode) plain = NULL;
  g_autofree char *scoped_json = NULL;
  g_autofree char *plain_json = NULL;
  GVariantDict args;

  if (event != WEBKIT_LOAD_FINISHED || self->minting || !studio_hub_sign_in_window_is_signed_in_page (self, webkit_web_view_get_uri (web_view)))
    return;

  self->minting = TRUE;
  adw_window_title_set_subtitle (self->title, _("Signed in; getting a token for AI Studio…"));
  /* The same request the password sign-in makes: AI Studio's scopes and a lifetime. */
  scoped = studio_hub_token_request (self->region_id, self->lifetime, TRUE);
  plain = studio_hub_token_request (self->region_id, self->lifetime, FALSE);
  scoped_json = json_to_string (scoped, FALSE);
  plain_json = json_to_string (plain, FALSE);
  g_variant_dict_init (&args, NULL);
  g_variant_dict_insert (&args, "scoped", "s", scoped_json);
  g_variant_dict_insert (&args, "plain", "s", plain_json);
  webkit_web_view_call_async_javascript_function (web_view, mint_script, -1, g_variant_dict_end (&args),
                                                  NULL, NULL, self->cancellable, minted_cb, g_object_ref (self));
}

/* The certificate the user chose to trust for this hub, and no other. */
static gboolean
on_tls_errors (WebKitWebView         *web_view,
               const char            *failing_uri,
               GTlsCertificate       *certificate,
               GTlsCertificateFlags   errors,
               StudioHubSignInWindow *self)
{
  g_autofree char *fingerprint = studio_hub_certificate_fingerprint (certificate);
  g_autoptr(GUri) uri = g_uri_parse (failing_uri, G_URI_FLAGS_NONE, NULL);

  if (self->certificate == NULL || fingerprint == NULL || uri == NULL ||
      g_ascii_strcasecmp (fingerprint, self->certificate) != 0)
    return FALSE;
  webkit_network_session_allow_tls_certificate_for_host (webkit_web_view_get_network_session (web_view),
                                                         certificate, g_uri_get_host (uri));
  webkit_web_view_load_uri (web_view, failing_uri);
  return TRUE;
}

WebKitWebView *
studio_hub_sign_in_window_get_web_view (StudioHubSignInWindow *self)
{
  g_return_val_if_fail (STUDIO_IS_HUB_SIGN_IN_WINDOW (self), NULL);
  return self->web_view;
}

static void
studio_hub_sign_in_window_dispose (GObject *object)
{
  StudioHubSignInWindow *self = STUDIO_HUB_SIGN_IN_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->region_id, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->certificate, g_free);
  G_OBJECT_CLASS (studio_hub_sign_in_window_parent_class)->dispose (object);
}

static void
studio_hub_sign_in_window_class_init (StudioHubSignInWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = studio_hub_sign_in_window_dispose;
  /* The token made for AI Studio; the window closes itself then. */
  signals[TOKEN] = g_signal_new ("token", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
studio_hub_sign_in_window_init (StudioHubSignInWindow *self)
{
  self->cancellable = g_cancellable_new ();
}

StudioHubSignInWindow *
studio_hub_sign_in_window_new (WebKitNetworkSession *session,
                               const char           *region_id,
                               const char           *url,
                               const char           *certificate,
                               guint                 lifetime_seconds)
{
  StudioHubSignInWindow *self = g_object_new (STUDIO_TYPE_HUB_SIGN_IN_WINDOW,
                                              "title", _("Sign In to the Hub"),
                                              "default-width", 900, "default-height", 700,
                                              "modal", TRUE, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  g_autofree char *login = NULL;

  self->region_id = g_strdup (region_id);
  self->url = g_strdup (url);
  while (g_str_has_suffix (self->url, "/"))
    self->url[strlen (self->url) - 1] = '\0';
  self->certificate = g_strdup (certificate);
  self->lifetime = lifetime_seconds;
  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Sign In to the Hub"), self->url));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW, "network-session", session, "vexpand", TRUE, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->web_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The hub's sign-in page"), -1);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->web_view));
  adw_window_set_content (ADW_WINDOW (self), box);

  g_signal_connect (self->web_view, "load-changed", G_CALLBACK (on_load_changed), self);
  g_signal_connect (self->web_view, "load-failed-with-tls-errors", G_CALLBACK (on_tls_errors), self);
  login = g_strdup_printf ("%s/hub/login?next=%%2Fhub%%2Fhome", self->url);
  webkit_web_view_load_uri (self->web_view, login);
  return self;
}
