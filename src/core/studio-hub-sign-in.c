/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Signing in to a hub: the token AI Studio asks for (its scopes and lifetime),
 * minted from a username and password, the hub's login cookie for reading
 * its spawn form, and the hub region's setup (signing in as it is added,
 * keeping the token in the Secret Service) and forgetting. */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "studio-compat.h"
#include "studio-error.h"
#include "studio-hub-region-private.h"
#include "studio-keyring-private.h"
#include "studio-util.h"

/* The scopes AI Studio asks for (JupyterHub 2+ names): its own servers,
 * listed, started, stopped and removed; reaching them; the user's name; and
 * the user's tokens, so that each worker gets a token of its own (reaching
 * that server alone, studio-hub-worker-tokens.c) and the region revokes what
 * it made when it is removed. The region's token never goes to a worker. */
static const char * const token_scopes[] = {
  "servers!user",
  "access:servers!user",
  "read:users:name!user",
  "tokens!user",
  NULL
};

/* The note a token of AI Studio's carries on the hub: it names this computer
 * and the region, and so tells the region's tokens apart from any other's
 * (the user's own, another computer's) when the region revokes them. */
char *
studio_hub_token_note (const char *region_id)
{
  return g_strdup_printf ("AI Studio on %s for region %s", g_get_host_name (), region_id);
}

/**
 * studio_hub_token_request:
 * @region_id: the region's id, which the token's note names
 * @lifetime_seconds: how long the token lives; 0: as long as the hub allows
 * @scoped: whether to ask for AI Studio's scopes only
 *
 * The body of a token request (`POST /hub/api/users/{name}/tokens`), without
 * credentials: a note that names this computer and the region, a lifetime,
 * and the scopes.
 *
 * Returns: (transfer full): the JSON body
 */
JsonNode *
studio_hub_token_request (const char *region_id,
                          guint       lifetime_seconds,
                          gboolean    scoped)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *note = studio_hub_token_note (region_id);

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
  char *region_id;
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
  g_free (data->region_id);
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
  g_autoptr(JsonNode) body = studio_hub_token_request (data->region_id, data->lifetime, data->scoped);
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
studio_hub_mint_token_async (const char          *region_id,
                             const char          *url,
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
  /* Whoever signs in has already accepted the hub's address (see studio_hub_region_setup_async). */
  studio_hub_region_set_insecure_allowed (data->hub, TRUE);
  studio_hub_region_pin_certificate (data->hub, certificate);
  data->region_id = g_strdup (region_id);
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

/* ---- setting up a hub region as it is added ----------------------------------------- */

static void
store_token (GTask *task);

/* A keyring store is done. */
static void
token_stored_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!studio_keyring_store_finish (result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
store_token (GTask *task)
{
  StudioHubRegion *self = g_task_get_source_object (task);
  g_autofree char *label = g_strdup_printf (_("AI Studio token for %s (%s)"),
                                            studio_region_get_id (STUDIO_REGION (self)), self->url);

  studio_keyring_store_async (STUDIO_SECRET_TOKEN, studio_region_get_id (STUDIO_REGION (self)), self->url, label,
                              self->token,
                              g_task_get_cancellable (task), token_stored_cb, g_object_ref (task));
}

static void
cookie_stored_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;

  studio_keyring_store_finish (result, NULL);
  store_token (task);
}

/* With the password at hand, also sign in on the hub's page: its cookie lets
 * AI Studio read the spawn form. Hubs that sign in elsewhere (OAuth) have none. */
static void
login_cookie_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioHubRegion *self = g_task_get_source_object (task);
  g_autofree char *cookie = studio_hub_login_cookie_finish (result, NULL);
  g_autofree char *label = NULL;

  if (cookie == NULL)
    {
      store_token (task);
      return;
    }
  studio_hub_region_set_cookie (self, cookie);
  label = g_strdup_printf (_("AI Studio hub session for %s (%s)"), studio_region_get_id (STUDIO_REGION (self)),
                           self->url);
  studio_keyring_store_async (STUDIO_SECRET_COOKIE, studio_region_get_id (STUDIO_REGION (self)), self->url, label,
                              cookie,
                              g_task_get_cancellable (task), cookie_stored_cb, g_object_ref (task));
}

static void
wipe_password (StudioHubRegion *self)
{
  if (self->password != NULL)
    explicit_bzero (self->password, strlen (self->password));
  g_clear_pointer (&self->password, g_free);
}

static void
checked_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioHubRegion *self = g_task_get_source_object (task);
  GError *error = NULL;
  const char *username = g_task_get_task_data (task);

  /* Keep nothing until the token has proved itself. */
  if (!studio_region_refresh_finish (STUDIO_REGION (object), result, &error))
    {
      wipe_password (self);
      g_task_return_error (task, error);
      return;
    }
  if (self->password != NULL)
    {
      g_autofree char *password = g_strdup (self->password);

      wipe_password (self);
      studio_hub_login_cookie_async (self->url, self->pinned, username, password, g_task_get_cancellable (task),
                                     login_cookie_cb, g_object_ref (task));
      explicit_bzero (password, strlen (password));
      return;
    }
  store_token (task);
}

static void
check_token (GTask *task)
{
  StudioHubRegion *self = g_task_get_source_object (task);

  /* Signing in again: whatever was kept is not asked for, the new token is. */
  self->keyring_read = TRUE;
  studio_region_refresh_async (STUDIO_REGION (self), g_task_get_cancellable (task), checked_cb, g_object_ref (task));
}

static void
minted_token_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioHubRegion *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autofree char *token = studio_hub_mint_token_finish (result, &error);

  if (token == NULL)
    {
      wipe_password (self);
      g_task_return_error (task, error);
      return;
    }
  studio_hub_region_set_token (self, token);
  check_token (task);
}

/* Signs in with the region's token, or with a token minted from its username
 * and password (which is not kept); then keeps the token (and the hub's login
 * cookie) in the Secret Service. An http:// hub on another computer is
 * refused before anything is sent, unless the user accepted it (insecure). */
void
studio_hub_region_setup_async (StudioRegion        *region,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  StudioHubRegion *self = STUDIO_HUB_REGION (region);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, studio_hub_region_setup_async);
  /* The name to sign in with: the hub says the user's own once it answers. */
  g_task_set_task_data (task, g_strdup (self->user), g_free);
  if (!g_str_has_prefix (self->url, "https://") && !g_str_has_prefix (self->url, "http://"))
    {
      wipe_password (self);
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_FAILED,
                               _("“%s” is not a hub address; give its http:// or https:// URL."), self->url);
      return;
    }
  if (self->cleartext && !self->insecure_allowed)
    {
      wipe_password (self);
      g_task_return_error (task, studio_hub_region_insecure_error (self));
      return;
    }
  if (self->token != NULL && *self->token != '\0')
    {
      wipe_password (self);
      check_token (task);
    }
  else if (self->user != NULL && *self->user != '\0' && self->password != NULL)
    studio_hub_mint_token_async (studio_region_get_id (region), self->url, self->pinned, self->user, self->password, self->token_lifetime,
                                 cancellable, minted_token_cb, g_object_ref (task));
  else
    g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_AUTH, _("Give a username and password, or a token."));
}

static void
keyring_cleared_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!studio_keyring_clear_finish (result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
revoked_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;

  studio_hub_region_revoke_tokens_finish (STUDIO_HUB_REGION (object), result);
  studio_keyring_clear_async (studio_region_get_id (STUDIO_REGION (object)), g_task_get_cancellable (task),
                              keyring_cleared_cb, task);
}

static void
forget_token_found_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  StudioHubRegion *self = g_task_get_source_object (task);
  g_autofree char *token = studio_keyring_lookup_finish (result, NULL);

  if (self->token == NULL)
    g_set_str (&self->token, token);
  studio_hub_region_revoke_tokens_async (self, NULL, NULL, revoked_cb, task);
}

/* The tokens AI Studio made on the hub are revoked, as far as it answers
 * (the region's own, its workers'); then they and the login cookie leave the
 * Secret Service. */
void
studio_hub_region_forget_async (StudioRegion        *region,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  StudioHubRegion *self = STUDIO_HUB_REGION (region);
  GTask *task = g_task_new (region, cancellable, callback, user_data);

  g_task_set_source_tag (task, studio_hub_region_forget_async);
  if (self->token == NULL && !self->keyring_read)
    studio_keyring_lookup_async (STUDIO_SECRET_TOKEN, studio_region_get_id (region), self->url, cancellable,
                                 forget_token_found_cb, task);
  else
    studio_hub_region_revoke_tokens_async (self, NULL, NULL, revoked_cb, task);
}
