/* Signing in to a hub: the token AI Studio asks for (its scopes and lifetime),
 * minted from a username and password, and the hub's login cookie for reading
 * its spawn form. */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "studio-error.h"
#include "studio-hub-region-private.h"
#include "studio-util.h"

/* The scopes AI Studio asks for (JupyterHub 2+ names): its own servers,
 * listed, started, stopped and removed; reaching them; and the user's name. */
static const char * const token_scopes[] = {
  "servers!user",
  "access:servers!user",
  "read:users:name!user",
  NULL
};

/**
 * studio_hub_token_request:
 * @lifetime_seconds: how long the token lives; 0: as long as the hub allows
 * @scoped: whether to ask for AI Studio's scopes only
 *
 * The body of a token request (`POST /hub/api/users/{name}/tokens`), without
 * credentials: a note that names this computer, a lifetime, and the scopes.
 *
 * Returns: (transfer full): the JSON body
 */
JsonNode *
studio_hub_token_request (guint    lifetime_seconds,
                          gboolean scoped)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *note = g_strdup_printf ("AI Studio on %s", g_get_host_name ());

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "note");
  json_builder_add_string_value (b, note);
  if (lifetime_seconds > 0)
    {
      json_builder_set_member_name (b, "expires_in");
      json_builder_add_int_value (b, lifetime_seconds);
    }
  if (scoped)
    {
      json_builder_set_member_name (b, "scopes");
      json_builder_begin_array (b);
      for (guint i = 0; token_scopes[i]; i++)
        json_builder_add_string_value (b, token_scopes[i]);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

typedef struct
{
  StudioHubRegion *hub;
  char *path;
  char *username;
  char *password;
  guint lifetime;
  gboolean scoped;
} MintData;

static void
mint_data_free (MintData *data)
{
  g_clear_object (&data->hub);
  g_free (data->path);
  g_free (data->username);
  if (data->password != NULL)
    explicit_bzero (data->password, strlen (data->password));
  g_free (data->password);
  g_free (data);
}

static void minted_cb (GObject *object, GAsyncResult *result, gpointer user_data);

static void
mint (GTask *task)
{
  MintData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) body = studio_hub_token_request (data->lifetime, data->scoped);
  JsonObject *auth = json_object_new ();

  json_object_set_string_member (auth, "username", data->username);
  json_object_set_string_member (auth, "password", data->password);
  json_object_set_object_member (json_node_get_object (body), "auth", auth);
  studio_hub_region_call_async (data->hub, "POST", data->path, body, g_task_get_cancellable (task),
                                minted_cb, task);
}

static void
minted_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MintData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint status = 0;
  g_autoptr(JsonNode) node = studio_hub_region_call_finish (STUDIO_HUB_REGION (object), result, &status, &error);
  const char *token;

  /* A hub whose roles do not give its users these scopes refuses the request
   * (400): ask again for a token without scopes; the region says so. */
  if (error != NULL && status == 400 && data->scoped)
    {
      data->scoped = FALSE;
      mint (g_steal_pointer (&task));
      return;
    }

  if (g_error_matches (error, STUDIO_ERROR, STUDIO_ERROR_AUTH))
    {
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_AUTH,
                               _("The hub refused that username and password; check them and try again."));
      return;
    }
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  token = node && JSON_NODE_HOLDS_OBJECT (node) ? studio_util_json_string (json_node_get_object (node), "token") : NULL;
  if (token == NULL)
    g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_BAD_REPLY, _("The hub did not return a token."));
  else
    g_task_return_pointer (task, g_strdup (token), g_free);
}

/* POST /hub/api/users/{name}/tokens with the password in the body: the hub
 * checks it and returns a token; the password goes nowhere else. */
void
studio_hub_mint_token_async (const char          *url,
                             const char          *certificate,
                             const char          *username,
                             const char          *password,
                             guint                lifetime_seconds,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  MintData *data = g_new0 (MintData, 1);

  g_task_set_source_tag (task, studio_hub_mint_token_async);
  data->hub = STUDIO_HUB_REGION (studio_hub_region_new ("sign-in", url, NULL));
  /* Whoever signs in has already accepted the hub's address (see studio_regions_add_hub_async). */
  studio_hub_region_set_insecure_allowed (data->hub, TRUE);
  studio_hub_region_pin_certificate (data->hub, certificate);
  data->path = studio_util_path ("/hub/api/users/%s/tokens", username);
  data->username = g_strdup (username);
  data->password = g_strdup (password);
  data->lifetime = lifetime_seconds;
  data->scoped = TRUE;
  g_task_set_task_data (task, data, (GDestroyNotify) mint_data_free);
  mint (task);
}

char *
studio_hub_mint_token_finish (GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the login cookie ------------------------------------------------------------------- */

typedef struct
{
  StudioRegion *hub;
  SoupCookieJar *jar;
  char *username;
  char *password;
  SoupMessage *msg;
} LoginData;

static void
login_data_free (LoginData *data)
{
  g_clear_object (&data->hub);
  g_clear_object (&data->jar);
  g_free (data->username);
  if (data->password != NULL)
    explicit_bzero (data->password, strlen (data->password));
  g_free (data->password);
  g_clear_object (&data->msg);
  g_free (data);
}

/* The hub's cookies live under /hub/. */
static GUri *
hub_cookie_uri (StudioHubRegion *hub)
{
  g_autofree char *hub_path = g_strconcat (hub->url, "/hub/", NULL);

  return g_uri_parse (hub_path, G_URI_FLAGS_NONE, NULL);
}

static void
logged_in_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoginData *data = g_task_get_task_data (task);
  StudioHubRegion *hub = STUDIO_HUB_REGION (data->hub);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  g_autoptr(GUri) uri = NULL;
  char *cookies;

  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  uri = hub_cookie_uri (hub);
  cookies = uri ? soup_cookie_jar_get_cookies (data->jar, uri, TRUE) : NULL;
  if (cookies == NULL || strstr (cookies, "jupyterhub-hub-login") == NULL)
    {
      g_free (cookies);
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_AUTH,
                               _("The hub's login page did not sign in (HTTP %u)."),
                               soup_message_get_status (data->msg));
      return;
    }
  g_task_return_pointer (task, cookies, g_free);
}

static void
login_page_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoginData *data = g_task_get_task_data (task);
  StudioHubRegion *hub = STUDIO_HUB_REGION (data->hub);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  g_autoptr(GUri) uri = NULL;
  g_autofree char *form = NULL;
  g_autofree char *post_uri = g_strdup_printf ("%s/hub/login", hub->url);
  const char *xsrf = NULL;
  GSList *cookies;

  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* The form's _xsrf, where the hub uses one, is also its cookie. */
  uri = hub_cookie_uri (hub);
  cookies = soup_cookie_jar_get_cookie_list (data->jar, uri, TRUE);
  for (GSList *l = cookies; l; l = l->next)
    if (g_str_equal (soup_cookie_get_name (l->data), "_xsrf"))
      xsrf = soup_cookie_get_value (l->data);
  form = xsrf ? soup_form_encode ("username", data->username, "password", data->password, "_xsrf", xsrf, NULL)
              : soup_form_encode ("username", data->username, "password", data->password, NULL);
  g_slist_free_full (cookies, (GDestroyNotify) soup_cookie_free);

  g_clear_object (&data->msg);
  data->msg = soup_message_new_from_encoded_form ("POST", post_uri, g_steal_pointer (&form));
  soup_message_add_flags (data->msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_session_send_and_read_async (hub->session, data->msg, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                    logged_in_cb, g_object_ref (task));
}

void
studio_hub_login_cookie_async (const char          *url,
                               const char          *certificate,
                               const char          *username,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  LoginData *data = g_new0 (LoginData, 1);
  GError *error = NULL;

  g_task_set_source_tag (task, studio_hub_login_cookie_async);
  data->hub = studio_hub_region_new ("sign-in", url, NULL);
  studio_hub_region_set_insecure_allowed (STUDIO_HUB_REGION (data->hub), TRUE);
  studio_hub_region_pin_certificate (STUDIO_HUB_REGION (data->hub), certificate);
  data->jar = soup_cookie_jar_new ();
  data->username = g_strdup (username);
  data->password = g_strdup (password);
  g_task_set_task_data (task, data, (GDestroyNotify) login_data_free);
  soup_session_add_feature (STUDIO_HUB_REGION (data->hub)->session, SOUP_SESSION_FEATURE (data->jar));

  data->msg = studio_util_message_new ("GET", STUDIO_HUB_REGION (data->hub)->url, "/hub/login", &error);
  if (data->msg == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  soup_session_send_and_read_async (STUDIO_HUB_REGION (data->hub)->session, data->msg, G_PRIORITY_DEFAULT,
                                    cancellable, login_page_cb, g_object_ref (task));
}

char *
studio_hub_login_cookie_finish (GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * studio_hub_url_is_unencrypted:
 * @url: a hub's address
 *
 * Whether a password or token sent to @url would cross the network
 * unencrypted (http:// to another computer), so that the user is asked first.
 *
 * Returns: %TRUE for an http:// address on another computer
 */
gboolean
studio_hub_url_is_unencrypted (const char *url)
{
  return studio_util_url_is_cleartext_remote (url);
}

/**
 * studio_hub_certificate_fingerprint:
 * @certificate: (nullable): a certificate
 *
 * The SHA-256 fingerprint of @certificate, as the user compares it with the
 * one the hub's administrators give ("AA:BB:…").
 *
 * Returns: (transfer full) (nullable): the fingerprint, or %NULL
 */
char *
studio_hub_certificate_fingerprint (GTlsCertificate *certificate)
{
  return studio_util_certificate_fingerprint (certificate);
}
