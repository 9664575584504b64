/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A JupyterHub as a region: workers are the user's named servers, reached
 * with a token of their own (studio-hub-worker-tokens.c); the list, its
 * sizes, and the GObject. Calls to the hub are in studio-hub-call.c. */
#include <glib/gi18n-lib.h>

#include "studio-compat.h"
#include "studio-error.h"
#include "studio-hub-region-private.h"
#include "studio-jupyter.h"
#include "studio-keyring-private.h"
#include "studio-util.h"

/**
 * StudioHubRegion:
 *
 * A JupyterHub as a region: the workers are the user's named servers, the
 * sizes the hub's profiles. Made by #StudioRegions from the regions the user
 * added.
 */
G_DEFINE_FINAL_TYPE (StudioHubRegion, studio_hub_region, STUDIO_TYPE_REGION)

static const char * const no_images[] = { NULL };

enum {
  PROP_0,
  PROP_USERNAME,
  PROP_CERTIFICATE,
  PROP_INSECURE,
  PROP_PROFILES,
  PROP_TOKEN,
  PROP_PASSWORD,
  PROP_TOKEN_LIFETIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


static StudioJupyter *
studio_hub_region_open_jupyter (StudioRegion *region,
                                StudioWorker *worker)
{
  /* The hub's session: its TLS trust, through the hub's proxy. */
  return studio_jupyter_new (STUDIO_HUB_REGION (region)->session, studio_worker_get_jupyter_url (worker),
                             studio_worker_get_token (worker));
}

/* The hub lists the token's scopes with the user (JupyterHub 2+). A token
 * minted for AI Studio holds the user's servers, name and tokens; anything
 * that reaches beyond them (other users', the user's other data, admin) is
 * full access. A hub that lists no scopes (JupyterHub 1) gives only full
 * tokens. */
static gboolean
token_has_full_access (JsonObject *user)
{
  JsonArray *scopes = studio_util_json_array (user, "scopes");

  if (scopes == NULL)
    return TRUE;
  for (guint i = 0; i < json_array_get_length (scopes); i++)
    {
      const char *scope = studio_util_json_array_string (scopes, i);
      g_autofree char *base = scope ? g_strndup (scope, strcspn (scope, "!")) : NULL;
      gboolean own = scope != NULL && g_str_has_prefix (scope + strlen (base), "!user");

      if (own && (g_str_equal (base, "tokens") || g_str_equal (base, "read:tokens")))
        continue;
      if (base == NULL || g_str_has_prefix (base, "admin") || g_str_equal (base, "tokens") ||
          g_str_equal (base, "read:tokens") || g_str_equal (base, "users") || g_str_equal (base, "inherit") || g_str_equal (base, "self") ||
          g_str_has_prefix (base, "users:") || g_str_equal (base, "read:users"))
        return TRUE;
    }
  return FALSE;
}

/* ---- the list ----------------------------------------------------------------- */

/* The hub names where its proxy serves a server: a path on the hub's own
 * origin, where a token may go, and nothing else ("@evil.example/" after the
 * hub's address would send the token to another host; "//" starts another
 * host too). An "@" in the path is a username's. NULL for any other. */
char *
studio_hub_region_server_base (StudioHubRegion *self,
                               JsonObject      *server)
{
  const char *url = studio_util_json_string (server, "url");
  g_autofree char *base = NULL;

  if (url == NULL || url[0] != '/' || url[1] == '/' || strpbrk (url, "\\ \t\r\n") != NULL)
    return NULL;
  base = g_strconcat (self->url, url, NULL);
  return studio_util_same_origin (self->url, base) ? g_steal_pointer (&base) : NULL;
}

void
studio_hub_region_update_worker (StudioHubRegion *self,
               StudioWorker    *worker,
               JsonObject      *server)
{
  JsonObject *options = studio_util_json_object (server, "user_options");
  const char *pending = studio_util_json_string (server, "pending");
  g_autoptr(GDateTime) started = studio_jupyter_parse_time (studio_util_json_string (server, "started"));
  g_autoptr(GDateTime) activity = studio_jupyter_parse_time (studio_util_json_string (server, "last_activity"));
  g_autofree char *id = g_strdup_printf ("%s/%s", self->user, studio_worker_get_name (worker));
  g_autofree char *base = studio_hub_region_server_base (self, server);
  g_autofree char *options_json = NULL;
  StudioWorkerState state;

  studio_worker_set_id (worker, id);
  studio_worker_set_size (worker, studio_util_json_string (options, "profile") ?: "default");
  studio_worker_set_image (worker, studio_util_json_string (options, "image") ?: _("the hub's default"));
  if (started != NULL || studio_worker_get_created (worker) == NULL)
    studio_worker_set_created (worker, started ? started : activity);
  studio_worker_set_last_activity (worker, activity);
  /* The hub reaches the worker for us, with the worker's own token; a
   * browser signs in through the hub. */
  studio_worker_set_jupyter (worker, base, studio_hub_region_worker_token (self, studio_worker_get_name (worker)));
  studio_worker_set_browser_url (worker, base);
  if (options != NULL)
    {
      JsonNode *node = json_node_init_object (json_node_alloc (), options);
      options_json = json_to_string (node, FALSE);
      json_node_unref (node);
    }
  studio_worker_set_user_options (worker, options_json);

  if (g_strcmp0 (pending, "spawn") == 0)
    state = studio_worker_get_state (worker) == STUDIO_WORKER_STATE_STARTING
      ? STUDIO_WORKER_STATE_STARTING : STUDIO_WORKER_STATE_LAUNCHING;
  else if (g_strcmp0 (pending, "stop") == 0)
    state = STUDIO_WORKER_STATE_STOPPING;
  else if (studio_util_json_bool (server, "ready"))
    state = STUDIO_WORKER_STATE_READY;
  else
    state = STUDIO_WORKER_STATE_STOPPED;
  if (state == STUDIO_WORKER_STATE_READY && base == NULL)
    {
      /* Ready at an address that is not the hub's: never reached. */
      state = STUDIO_WORKER_STATE_FAILED;
      studio_worker_set_message (worker, _("The hub gives this server an address outside the hub, where AI Studio "
                                           "does not send your token. Ask the hub's administrators."));
    }
  else if (state == STUDIO_WORKER_STATE_READY)
    studio_worker_set_message (worker, NULL);

  if (!studio_region_is_busy (STUDIO_REGION (self), studio_worker_get_name (worker), NULL))
    studio_worker_set_state (worker, state);
}

static void
applied (GTask    *task,
         JsonNode *node,
         GError   *error);

static void
worker_tokens_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  JsonNode *node = g_task_get_task_data (task);
  GError *error = NULL;

  studio_hub_region_ensure_worker_tokens_finish (STUDIO_HUB_REGION (object), result, &error);
  applied (task, node, error);
}

static void
user_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  StudioHubRegion *self = STUDIO_HUB_REGION (object);
  GError *error = NULL;
  JsonNode *node = studio_hub_region_call_finish (self, result, NULL, &error);
  const char *name = node && JSON_NODE_HOLDS_OBJECT (node)
    ? studio_util_json_string (json_node_get_object (node), "name") : NULL;

  if (name == NULL)
    {
      applied (task, node, error);
      return;
    }
  /* Each ready server's own token first, so that no worker is ready without it. */
  g_set_str (&self->user, name);
  g_task_set_task_data (task, node, (GDestroyNotify) json_node_unref);
  studio_hub_region_ensure_worker_tokens_async (self, node, g_task_get_cancellable (task), worker_tokens_cb, task);
}

/* Takes @error and @node (which may be the task's data). */
static void
applied (GTask    *task_,
         JsonNode *node_,
         GError   *error_)
{
  g_autoptr(GTask) task = task_;
  StudioHubRegion *self = g_task_get_source_object (task);
  g_autoptr(GError) error = error_;
  g_autoptr(JsonNode) node = node_ != NULL && node_ == g_task_get_task_data (task) ? json_node_ref (node_) : node_;

  if (error == NULL)
    studio_hub_region_apply_user (self, node, &error);
  if (error != NULL)
    {
      if (g_error_matches (error, STUDIO_ERROR, STUDIO_ERROR_AUTH))
        studio_region_set_status (STUDIO_REGION (self), FALSE, _("Signed out: sign in again"));
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        studio_region_set_status (STUDIO_REGION (self), FALSE, error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* The hub's model of the signed-in user (GET /hub/api/user), applied: who is
 * signed in, the token's reach, and the named servers as workers. Reads no
 * network: the fuzzers call it too. */
gboolean
studio_hub_region_apply_user (StudioHubRegion  *self,
                              JsonNode         *node,
                              GError          **error)
{
  StudioRegion *region = STUDIO_REGION (self);
  StudioRegionMerge *merge;
  JsonObject *user, *servers;
  g_autofree char *status = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      studio_util_json_string (json_node_get_object (node), "name") == NULL)
    {
      g_set_error (error, STUDIO_ERROR, STUDIO_ERROR_BAD_REPLY,
                   _("The hub at %s did not describe the signed-in user; is this a JupyterHub?"), self->url);
      return FALSE;
    }

  user = json_node_get_object (node);
  g_set_str (&self->user, studio_util_json_string (user, "name"));
  studio_region_set_user (region, self->user);
  self->full_access = token_has_full_access (user);
  {
    GString *s = g_string_new (NULL);

    g_string_printf (s, _("Signed in as %s"), self->user);
    if (self->cleartext)
      g_string_append (s, _(" · not encrypted"));
    if (self->full_access)
      g_string_append (s, _(" · the token is not limited to AI Studio"));
    if (self->worker_tokens_refused)
      g_string_append (s, _(" · workers share the region's token"));
    status = g_string_free (s, FALSE);
  }
  studio_region_set_status (region, TRUE, status);

  merge = studio_region_merge_begin (region);
  servers = studio_util_json_object (user, "servers");
  if (servers != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (servers);

      for (GList *l = names; l != NULL; l = l->next)
        {
          const char *name = l->data;
          JsonObject *server = studio_util_json_object (servers, name);
          StudioWorker *worker;

          /* The unnamed default server is the hub's own home page; AI Studio's workers are named. */
          if (*name == '\0' || server == NULL || (worker = studio_region_merge_worker (merge, name)) == NULL)
            continue;
          studio_hub_region_update_worker (self, worker, server);
        }
    }
  studio_region_merge_end (merge);
  return TRUE;
}

static void
read_user (GTask *task)
{
  StudioHubRegion *self = g_task_get_source_object (task);

  if (self->token == NULL)
    {
      studio_region_set_status (STUDIO_REGION (self), FALSE, _("Signed out: sign in again"));
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_AUTH,
                               _("Region %s is signed out: its token is not in the keyring. Sign in to it again."),
                               studio_region_get_name (STUDIO_REGION (self)));
      g_object_unref (task);
      return;
    }
  studio_hub_region_call_async (self, "GET", "/hub/api/user?include_stopped_servers=1", NULL,
                                g_task_get_cancellable (task), user_cb, task);
}

static void
cookie_found_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  StudioHubRegion *self = g_task_get_source_object (task);
  g_autofree char *cookie = studio_keyring_lookup_finish (result, NULL);

  if (self->cookie == NULL)
    studio_hub_region_set_cookie (self, cookie);
  read_user (task);
}

static void
token_found_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  StudioHubRegion *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = studio_keyring_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (error != NULL)
    {
      /* No keyring to ask: say so, and ask again next time. */
      studio_region_set_status (STUDIO_REGION (self), FALSE, error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  self->keyring_read = TRUE;
  if (self->token == NULL)
    g_set_str (&self->token, token);
  if (self->token == NULL)
    {
      read_user (task);
      return;
    }
  studio_keyring_lookup_async (STUDIO_SECRET_COOKIE, studio_region_get_id (STUDIO_REGION (self)), self->url,
                               g_task_get_cancellable (task), cookie_found_cb, task);
}

static void
studio_hub_region_refresh_async (StudioRegion        *region,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  StudioHubRegion *self = STUDIO_HUB_REGION (region);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, studio_hub_region_refresh_async);
  if (self->token == NULL && !self->keyring_read)
    {
      /* Signed in earlier: the token (and the hub's login cookie) wait in the keyring. */
      studio_keyring_lookup_async (STUDIO_SECRET_TOKEN, studio_region_get_id (region), self->url, cancellable,
                                   token_found_cb, task);
      return;
    }
  read_user (task);
}

static gboolean
studio_hub_region_refresh_finish (StudioRegion  *region,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- sizes ---------------------------------------------------------------------- */

static GListModel *
studio_hub_region_list_sizes (StudioRegion *region)
{
  return G_LIST_MODEL (STUDIO_HUB_REGION (region)->sizes);
}

static const char * const *
studio_hub_region_list_images (StudioRegion *region)
{
  return no_images;
}

void
studio_hub_region_set_cookie (StudioHubRegion *self,
                              const char      *cookie)
{
  g_return_if_fail (STUDIO_IS_HUB_REGION (self));
  g_set_str (&self->cookie, cookie && *cookie ? cookie : NULL);
}

/* The hub's profiles, as last read from its spawn form. */
void
studio_hub_region_set_sizes (StudioHubRegion *self,
                             GListModel      *sizes)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (STUDIO_IS_HUB_REGION (self));
  for (guint i = 0; sizes && i < g_list_model_get_n_items (sizes); i++)
    g_ptr_array_add (items, g_list_model_get_item (sizes, i));
  g_list_store_splice (self->sizes, 0, g_list_model_get_n_items (G_LIST_MODEL (self->sizes)),
                       items->pdata, items->len);
}

void
studio_hub_region_add_size (StudioHubRegion *self,
                            const char      *slug,
                            const char      *display_name)
{
  g_autoptr(StudioSize) size = NULL;

  g_return_if_fail (STUDIO_IS_HUB_REGION (self));
  size = studio_size_new (slug, display_name ? display_name : slug, 0, 0, 0);
  g_list_store_append (self->sizes, size);
}

/* ---- GObject -------------------------------------------------------------------- */

static void
studio_hub_region_dispose (GObject *object)
{
  StudioHubRegion *self = STUDIO_HUB_REGION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->sizes);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->user, g_free);
  g_clear_pointer (&self->pinned, g_free);
  g_clear_pointer (&self->seen, g_free);
  g_clear_pointer (&self->cookie, g_free);
  g_clear_pointer (&self->worker_tokens, g_hash_table_unref);
  g_clear_pointer (&self->worker_tokens_checked, g_hash_table_unref);
  if (self->password != NULL)
    explicit_bzero (self->password, strlen (self->password));
  g_clear_pointer (&self->password, g_free);
  G_OBJECT_CLASS (studio_hub_region_parent_class)->dispose (object);
}

static void
studio_hub_region_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  StudioHubRegion *self = STUDIO_HUB_REGION (object);

  switch (prop_id)
    {
    case PROP_USERNAME: g_value_set_string (value, self->user); break;
    case PROP_CERTIFICATE: g_value_set_string (value, self->pinned); break;
    case PROP_INSECURE: g_value_set_boolean (value, self->insecure_allowed); break;
    case PROP_PROFILES: g_value_take_string (value, studio_hub_region_profiles_to_json (G_LIST_MODEL (self->sizes))); break;
    case PROP_TOKEN_LIFETIME: g_value_set_uint (value, self->token_lifetime); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_hub_region_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  StudioHubRegion *self = STUDIO_HUB_REGION (object);

  switch (prop_id)
    {
    case PROP_USERNAME:
      g_set_str (&self->user, g_value_get_string (value));
      studio_region_set_user (STUDIO_REGION (self), self->user);
      break;
    case PROP_CERTIFICATE: studio_hub_region_pin_certificate (self, g_value_get_string (value)); break;
    case PROP_INSECURE: self->insecure_allowed = g_value_get_boolean (value); break;
    case PROP_PROFILES:
      {
        g_autoptr(GListStore) profiles = studio_hub_region_parse_profiles (g_value_get_string (value));
        studio_hub_region_set_sizes (self, G_LIST_MODEL (profiles));
      }
      break;
    case PROP_TOKEN:
      if (g_value_get_string (value) != NULL)
        g_set_str (&self->token, g_value_get_string (value));
      break;
    case PROP_PASSWORD: g_set_str (&self->password, g_value_get_string (value)); break;
    case PROP_TOKEN_LIFETIME: self->token_lifetime = g_value_get_uint (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static StudioRegionCapabilities
studio_hub_region_get_capabilities (StudioRegion *region)
{
  return STUDIO_REGION_CAPABILITIES_SIGN_IN | STUDIO_REGION_CAPABILITIES_REMOVABLE |
         STUDIO_REGION_CAPABILITIES_SIZES_PER_LAUNCH | STUDIO_REGION_CAPABILITIES_REMOTE;
}

static gboolean
studio_hub_region_real_trusts_certificate (StudioRegion    *region,
                                           GTlsCertificate *certificate)
{
  return studio_hub_region_trusts_certificate (STUDIO_HUB_REGION (region), certificate);
}

static void
studio_hub_region_use_token (StudioRegion *region,
                             const char   *token)
{
  StudioHubRegion *self = STUDIO_HUB_REGION (region);

  studio_hub_region_set_token (self, token);
  /* Without a token of its own, the region looks in the keyring again. */
  self->keyring_read = token != NULL;
}

/* The hub's address comes as the region's construct property "url"
 * (g_object_new () builds a hub region too); kept without a trailing "/". */
static void
studio_hub_region_constructed (GObject *object)
{
  StudioHubRegion *self = STUDIO_HUB_REGION (object);

  G_OBJECT_CLASS (studio_hub_region_parent_class)->constructed (object);
  self->url = g_strdup (studio_region_get_url (STUDIO_REGION (self)) ?: "");
  while (g_str_has_suffix (self->url, "/"))
    self->url[strlen (self->url) - 1] = '\0';
  studio_region_set_url (STUDIO_REGION (self), self->url);
  self->cleartext = studio_util_url_is_cleartext_remote (self->url);
}

static void
studio_hub_region_class_init (StudioHubRegionClass *klass)
{
  StudioRegionClass *region_class = STUDIO_REGION_CLASS (klass);

  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = studio_hub_region_constructed;
  object_class->dispose = studio_hub_region_dispose;
  object_class->get_property = studio_hub_region_get_property;
  object_class->set_property = studio_hub_region_set_property;
  _studio_hub_region_class_init_kind (region_class);
  region_class->setup_async = studio_hub_region_setup_async;
  region_class->forget_async = studio_hub_region_forget_async;
  region_class->list_sizes = studio_hub_region_list_sizes;
  region_class->list_images = studio_hub_region_list_images;
  region_class->refresh_async = studio_hub_region_refresh_async;
  region_class->refresh_finish = studio_hub_region_refresh_finish;
  region_class->launch_async = studio_hub_region_launch_async;
  region_class->launch_finish = studio_hub_region_launch_finish;
  region_class->act_async = studio_hub_region_act_async;
  region_class->act_finish = studio_hub_region_act_finish;
  region_class->replicate_async = studio_hub_region_replicate_async;
  region_class->replicate_finish = studio_hub_region_launch_finish;
  region_class->logs_async = studio_hub_region_logs_async;
  region_class->logs_finish = studio_hub_region_logs_finish;
  region_class->open_jupyter = studio_hub_region_open_jupyter;
  region_class->get_capabilities = studio_hub_region_get_capabilities;
  region_class->trusts_certificate = studio_hub_region_real_trusts_certificate;
  region_class->use_token = studio_hub_region_use_token;
  region_class->prepare_launch_async = studio_hub_region_prepare_launch_async;
  region_class->prepare_launch_finish = studio_hub_region_prepare_launch_finish;
  region_class->cancel_launch_async = studio_hub_region_cancel_launch_async;
  region_class->cancel_launch_finish = studio_hub_region_cancel_launch_finish;

  /**
   * StudioHubRegion:username:
   *
   * Who signs in; once the hub has answered, who the hub knows the user as.
   */
  properties[PROP_USERNAME] = g_param_spec_string ("username", NULL, NULL, NULL, construct);
  /**
   * StudioHubRegion:certificate:
   *
   * The SHA-256 fingerprint of a certificate the user trusts though the
   * system does not (a self-signed hub), or %NULL.
   */
  properties[PROP_CERTIFICATE] = g_param_spec_string ("certificate", NULL, NULL, NULL, construct);
  /**
   * StudioHubRegion:insecure:
   *
   * The user accepted an http:// hub on another computer, whose password
   * and token cross the network unencrypted.
   */
  properties[PROP_INSECURE] = g_param_spec_boolean ("insecure", NULL, NULL, FALSE, construct);
  /**
   * StudioHubRegion:profiles:
   *
   * The hub's profiles as last read from its spawn form, as JSON; %NULL for none.
   */
  properties[PROP_PROFILES] = g_param_spec_string ("profiles", NULL, NULL, NULL, construct);
  /**
   * StudioHubRegion:token:
   *
   * An API token to sign in with; without one, the token kept in the
   * Secret Service (or one minted from #StudioHubRegion:password).
   */
  properties[PROP_TOKEN] = g_param_spec_string ("token", NULL, NULL, NULL,
                                                G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * StudioHubRegion:password:
   *
   * The password of #StudioHubRegion:username, from which adding the region
   * mints a token; it is not kept.
   */
  properties[PROP_PASSWORD] = g_param_spec_string ("password", NULL, NULL, NULL,
                                                   G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * StudioHubRegion:token-lifetime:
   *
   * How long a token minted at sign-in lives, in seconds (0: as long as the hub allows).
   */
  properties[PROP_TOKEN_LIFETIME] = g_param_spec_uint ("token-lifetime", NULL, NULL, 0, G_MAXUINT,
                                                       STUDIO_HUB_TOKEN_LIFETIME_DEFAULT, construct);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
studio_hub_region_init (StudioHubRegion *self)
{
  studio_hub_region_init_session (self);
  self->sizes = g_list_store_new (STUDIO_TYPE_SIZE);
  self->cancellable = g_cancellable_new ();
  self->worker_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->worker_tokens_checked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

StudioRegion *
studio_hub_region_new (const char *name,
                       const char *url,
                       const char *token)
{
  StudioHubRegion *self;

  g_return_val_if_fail (name != NULL && url != NULL, NULL);

  self = g_object_new (STUDIO_TYPE_HUB_REGION, "id", name, "name", name, "url", url, NULL);
  self->token = g_strdup (token);
  return STUDIO_REGION (self);
}

/* Whether the token, as the hub last described it, can do more than AI
 * Studio asks for (a pasted token, or one from a hub that refused scopes). */
gboolean
studio_hub_region_has_full_access_token (StudioHubRegion *self)
{
  g_return_val_if_fail (STUDIO_IS_HUB_REGION (self), FALSE);
  return self->full_access;
}

const char *
studio_hub_region_get_url (StudioHubRegion *self)
{
  g_return_val_if_fail (STUDIO_IS_HUB_REGION (self), NULL);
  return self->url;
}

const char *
studio_hub_region_get_user (StudioHubRegion *self)
{
  g_return_val_if_fail (STUDIO_IS_HUB_REGION (self), NULL);
  return self->user;
}

void
studio_hub_region_set_token (StudioHubRegion *self,
                             const char      *token)
{
  g_return_if_fail (STUDIO_IS_HUB_REGION (self));
  g_set_str (&self->token, token);
  /* Another token may make workers' tokens where this one could not. */
  self->worker_tokens_refused = FALSE;
}
