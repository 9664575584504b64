/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Each worker on a hub is reached with a token of its own, scoped to that one
 * server (`access:servers!server=USER/NAME`): what runs on a worker sees that
 * token in AI Studio's requests, never the region's, so it cannot act on the
 * user's other servers nor on the hub.
 *
 * The tokens are kept in the Secret Service, one item per region (a JSON
 * object, "USER/SERVER" → token), and checked with the hub once a run. On the
 * hub each carries a note naming this computer, the region and the server:
 * the region revokes them by their note (a worker's as it is terminated, all
 * of them and its own as the region is removed), without keeping their ids.
 * A hub that makes no such token (a token without the `tokens` scope, an old
 * hub) leaves the workers the region's token, and the region says so. */
#include <glib/gi18n-lib.h>

#include "studio-compat.h"
#include "studio-error.h"
#include "studio-hub-region-private.h"
#include "studio-keyring-private.h"
#include "studio-util.h"

/* A worker token lives as long as a region's token does by default; a run
 * that finds it gone makes another. */
#define WORKER_TOKEN_LIFETIME STUDIO_HUB_TOKEN_LIFETIME_DEFAULT
/* Revoking is done on the way out (terminate, region remove): a hub that does
 * not answer does not hold it up for longer. */
#define REVOKE_TIMEOUT_S 10

static char *
worker_key (StudioHubRegion *self,
            const char      *name)
{
  return g_strdup_printf ("%s/%s", self->user, name);
}

static char *
worker_note (StudioHubRegion *self,
             const char      *name)
{
  g_autofree char *note = studio_hub_token_note (studio_region_get_id (STUDIO_REGION (self)));

  return g_strdup_printf ("%s, worker %s/%s", note, self->user, name);
}

/**
 * studio_hub_region_worker_token:
 * @self: a hub region
 * @name: a server's name
 *
 * The token AI Studio reaches the server with: its own, or the region's
 * where the hub makes none.
 *
 * Returns: (nullable): the token; %NULL while the hub has given none
 */
const char *
studio_hub_region_worker_token (StudioHubRegion *self,
                                const char      *name)
{
  g_autofree char *key = worker_key (self, name);
  const char *token = g_hash_table_lookup (self->worker_tokens, key);

  if (token == NULL && self->worker_tokens_refused)
    return self->token;
  return token;
}

/* ---- making sure each ready server has its token ------------------------------ */

typedef struct
{
  GPtrArray *names;   /* ready servers */
  guint next;
  gboolean changed;   /* to keep in the Secret Service */
} Ensure;

static void
ensure_free (Ensure *ensure)
{
  g_ptr_array_unref (ensure->names);
  g_free (ensure);
}

static void next_worker (GTask *task);

static void
kept_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;

  /* Without a keyring the tokens serve this run; the next makes others. */
  studio_keyring_store_finish (result, NULL);
  g_task_return_boolean (task, TRUE);
}

/* The region's worker tokens into the Secret Service; then @task returns. */
static void
keep (GTask *task)
{
  StudioHubRegion *self = g_task_get_source_object (task);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autofree char *label = g_strdup_printf (_("AI Studio worker tokens for %s (%s)"),
                                            studio_region_get_id (STUDIO_REGION (self)), self->url);
  GHashTableIter iter;
  gpointer key, value;

  json_builder_begin_object (b);
  g_hash_table_iter_init (&iter, self->worker_tokens);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      json_builder_set_member_name (b, key);
      json_builder_add_string_value (b, value);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json = json_to_string (root, FALSE);
  studio_keyring_store_async (STUDIO_SECRET_WORKER_TOKENS, studio_region_get_id (STUDIO_REGION (self)), self->url,
                              label, json, NULL, kept_cb, task);
}

static void
minted_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  StudioHubRegion *self = STUDIO_HUB_REGION (object);
  Ensure *ensure = g_task_get_task_data (task);
  const char *name = g_ptr_array_index (ensure->names, ensure->next - 1);
  g_autoptr(GError) error = NULL;
  guint status = 0;
  g_autoptr(JsonNode) node = studio_hub_region_call_finish (self, result, &status, &error);
  const char *token = node && JSON_NODE_HOLDS_OBJECT (node)
    ? studio_util_json_string (json_node_get_object (node), "token") : NULL;

  if (error != NULL && status >= 400 && status < 500)
    {
      /* The region's token may not make tokens (or the hub does not know
       * these scopes): its workers are reached with it, as before. */
      self->worker_tokens_refused = TRUE;
      g_clear_error (&error);
    }
  else if (error == NULL && token == NULL)
    error = g_error_new (STUDIO_ERROR, STUDIO_ERROR_BAD_REPLY, _("The hub did not return a token."));
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (token != NULL)
    {
      g_hash_table_insert (self->worker_tokens, worker_key (self, name), g_strdup (token));
      g_hash_table_add (self->worker_tokens_checked, worker_key (self, name));
      ensure->changed = TRUE;
    }
  next_worker (task);
}

static void
mint (GTask      *task,
      const char *name)
{
  StudioHubRegion *self = g_task_get_source_object (task);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *note = worker_note (self, name);
  g_autofree char *scope = g_strdup_printf ("access:servers!server=%s/%s", self->user, name);
  g_autofree char *path = studio_util_path ("/hub/api/users/%s/tokens", self->user);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "note");
  json_builder_add_string_value (b, note);
  json_builder_set_member_name (b, "expires_in");
  json_builder_add_int_value (b, WORKER_TOKEN_LIFETIME);
  json_builder_set_member_name (b, "scopes");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, scope);
  json_builder_end_array (b);
  json_builder_end_object (b);
  body = json_builder_get_root (b);
  studio_hub_region_call_async (self, "POST", path, body, g_task_get_cancellable (task), minted_cb, task);
}

static void
checked_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  StudioHubRegion *self = STUDIO_HUB_REGION (object);
  Ensure *ensure = g_task_get_task_data (task);
  const char *name = g_ptr_array_index (ensure->names, ensure->next - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = studio_hub_region_call_finish (self, result, NULL, &error);
  g_autofree char *key = worker_key (self, name);

  if (g_error_matches (error, STUDIO_ERROR, STUDIO_ERROR_AUTH))
    {
      /* Expired, or revoked on the hub's token page: another one. */
      g_hash_table_remove (self->worker_tokens, key);
      ensure->changed = TRUE;
      mint (task, name);
      return;
    }
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  g_hash_table_add (self->worker_tokens_checked, g_steal_pointer (&key));
  next_worker (task);
}

static void
next_worker (GTask *task)
{
  StudioHubRegion *self = g_task_get_source_object (task);
  Ensure *ensure = g_task_get_task_data (task);

  while (!self->worker_tokens_refused && ensure->next < ensure->names->len)
    {
      const char *name = g_ptr_array_index (ensure->names, ensure->next++);
      g_autofree char *key = worker_key (self, name);
      const char *kept = g_hash_table_lookup (self->worker_tokens, key);

      if (g_hash_table_contains (self->worker_tokens_checked, key))
        continue;
      if (kept == NULL)
        mint (task, name);
      else
        /* Whether the hub still knows it: any token may say whose it is. */
        studio_hub_region_call_with_token_async (self, kept, "GET", "/hub/api/user", NULL,
                                                 g_task_get_cancellable (task), checked_cb, task);
      return;
    }
  if (ensure->changed)
    keep (task);
  else
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
}

static void
found_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  StudioHubRegion *self = g_task_get_source_object (task);
  g_autofree char *json = studio_keyring_lookup_finish (result, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  self->worker_tokens_read = TRUE;
  /* Our own item, yet read as any input: an object of strings, or nothing. */
  if (json != NULL && studio_util_json_load (parser, json, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *kept = json_node_get_object (root);
      g_autoptr(GList) keys = json_object_get_members (kept);

      for (GList *l = keys; l != NULL; l = l->next)
        {
          const char *token = studio_util_json_string (kept, l->data);

          if (token != NULL && *token != '\0' && !g_hash_table_contains (self->worker_tokens, l->data))
            g_hash_table_insert (self->worker_tokens, g_strdup (l->data), g_strdup (token));
        }
    }
  next_worker (task);
}

/* The ready servers of @user (the hub's model of the signed-in user) get
 * their own tokens: those kept are checked once a run, the others made. */
void
studio_hub_region_ensure_worker_tokens_async (StudioHubRegion     *self,
                                              JsonNode            *user,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Ensure *ensure = g_new0 (Ensure, 1);
  JsonObject *servers = studio_util_json_object (json_node_get_object (user), "servers");
  g_autoptr(GList) names = servers ? json_object_get_members (servers) : NULL;

  g_task_set_source_tag (task, studio_hub_region_ensure_worker_tokens_async);
  ensure->names = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, ensure, (GDestroyNotify) ensure_free);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonObject *server = studio_util_json_object (servers, l->data);
      g_autofree char *base = server ? studio_hub_region_server_base (self, server) : NULL;

      if (*(const char *) l->data != '\0' && base != NULL && studio_util_json_bool (server, "ready"))
        g_ptr_array_add (ensure->names, g_strdup (l->data));
    }
  if (ensure->names->len > 0 && !self->worker_tokens_read && !self->worker_tokens_refused)
    studio_keyring_lookup_async (STUDIO_SECRET_WORKER_TOKENS, studio_region_get_id (STUDIO_REGION (self)),
                                 self->url, cancellable, found_cb, task);
  else
    next_worker (task);
}

gboolean
studio_hub_region_ensure_worker_tokens_finish (StudioHubRegion  *self,
                                               GAsyncResult     *result,
                                               GError          **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- revoking ------------------------------------------------------------------ */

typedef struct
{
  char *server;         /* the one worker's, or NULL: all of the region's */
  GPtrArray *ids;       /* to revoke, in order: the region's own last */
  guint next;
  GCancellable *cancellable;
  guint timeout_id;
} Revoke;

static void
revoke_free (Revoke *revoke)
{
  g_free (revoke->server);
  g_clear_pointer (&revoke->ids, g_ptr_array_unref);
  g_clear_handle_id (&revoke->timeout_id, g_source_remove);
  g_clear_object (&revoke->cancellable);
  g_free (revoke);
}

static gboolean
revoke_timed_out (gpointer data)
{
  Revoke *revoke = data;

  revoke->timeout_id = 0;
  g_cancellable_cancel (revoke->cancellable);
  return G_SOURCE_REMOVE;
}

static void
revoke_next (GTask *task);

static void
revoked_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  g_autoptr(JsonNode) node = studio_hub_region_call_finish (STUDIO_HUB_REGION (object), result, NULL, NULL);

  revoke_next (task);
}

static void
revoke_next (GTask *task)
{
  StudioHubRegion *self = g_task_get_source_object (task);
  Revoke *revoke = g_task_get_task_data (task);
  g_autofree char *path = NULL;

  if (revoke->ids == NULL || revoke->next >= revoke->ids->len || g_cancellable_is_cancelled (revoke->cancellable))
    {
      if (revoke->server != NULL && self->worker_tokens_read)
        keep (task);
      else
        {
          g_task_return_boolean (task, TRUE);
          g_object_unref (task);
        }
      return;
    }
  path = studio_util_path ("/hub/api/users/%s/tokens/%s", self->user,
                           (const char *) g_ptr_array_index (revoke->ids, revoke->next++));
  studio_hub_region_call_async (self, "DELETE", path, NULL, revoke->cancellable, revoked_cb, task);
}

typedef struct
{
  const char *id;
  gboolean own;                /* the region's token rather than a worker's */
  const char *last_activity;
} Listed;

/* Workers' first, then the region's own (the one in use last of all, as its
 * revocation ends the region's say on the hub). */
static int
listed_order (gconstpointer a,
              gconstpointer b)
{
  const Listed *x = a, *y = b;

  if (x->own != y->own)
    return x->own - y->own;
  return g_strcmp0 (x->last_activity, y->last_activity);
}

static void
tokens_listed_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  StudioHubRegion *self = STUDIO_HUB_REGION (object);
  Revoke *revoke = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = studio_hub_region_call_finish (self, result, NULL, NULL);
  JsonArray *tokens = node && JSON_NODE_HOLDS_OBJECT (node)
    ? studio_util_json_array (json_node_get_object (node), "api_tokens") : NULL;
  g_autofree char *own_note = studio_hub_token_note (studio_region_get_id (STUDIO_REGION (self)));
  g_autofree char *worker_prefix = g_strconcat (own_note, ", worker ", NULL);
  g_autofree char *one_note = revoke->server ? worker_note (self, revoke->server) : NULL;
  g_autoptr(GArray) listed = g_array_new (FALSE, FALSE, sizeof (Listed));

  for (guint i = 0; tokens != NULL && i < json_array_get_length (tokens); i++)
    {
      JsonNode *element = json_array_get_element (tokens, i);
      JsonObject *token = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *note = token ? studio_util_json_string (token, "note") : NULL;
      Listed item = { token ? studio_util_json_string (token, "id") : NULL, FALSE,
                      token ? studio_util_json_string (token, "last_activity") : NULL };

      if (item.id == NULL || note == NULL)
        continue;
      if (one_note != NULL ? g_str_equal (note, one_note) : g_str_has_prefix (note, worker_prefix))
        g_array_append_val (listed, item);
      else if (one_note == NULL && g_str_equal (note, own_note))
        {
          item.own = TRUE;
          g_array_append_val (listed, item);
        }
    }
  g_array_sort (listed, listed_order);
  revoke->ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < listed->len; i++)
    g_ptr_array_add (revoke->ids, g_strdup (g_array_index (listed, Listed, i).id));
  revoke_next (task);
}

static void
list_tokens (GTask *task)
{
  StudioHubRegion *self = g_task_get_source_object (task);
  Revoke *revoke = g_task_get_task_data (task);
  g_autofree char *path = studio_util_path ("/hub/api/users/%s/tokens", self->user);

  studio_hub_region_call_async (self, "GET", path, NULL, revoke->cancellable, tokens_listed_cb, task);
}

static void
user_known_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  StudioHubRegion *self = STUDIO_HUB_REGION (object);
  g_autoptr(JsonNode) node = studio_hub_region_call_finish (self, result, NULL, NULL);
  const char *name = node && JSON_NODE_HOLDS_OBJECT (node)
    ? studio_util_json_string (json_node_get_object (node), "name") : NULL;

  if (name == NULL)
    {
      revoke_next (task);
      return;
    }
  g_set_str (&self->user, name);
  list_tokens (task);
}

/**
 * studio_hub_region_revoke_tokens_async:
 * @self: a hub region
 * @server: (nullable): a server whose token to revoke; %NULL: every token
 *   the region made, its own last
 *
 * Revokes on the hub the tokens AI Studio made (known by their notes) and
 * forgets @server's. As far as the hub answers, within seconds: never fails.
 */
void
studio_hub_region_revoke_tokens_async (StudioHubRegion     *self,
                                       const char          *server,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Revoke *revoke = g_new0 (Revoke, 1);

  g_task_set_source_tag (task, studio_hub_region_revoke_tokens_async);
  revoke->server = g_strdup (server);
  revoke->cancellable = g_cancellable_new ();
  revoke->timeout_id = g_timeout_add_seconds (REVOKE_TIMEOUT_S, revoke_timed_out, revoke);
  g_task_set_task_data (task, revoke, (GDestroyNotify) revoke_free);
  if (server != NULL && self->user != NULL)
    {
      g_autofree char *key = worker_key (self, server);

      g_hash_table_remove (self->worker_tokens, key);
      g_hash_table_remove (self->worker_tokens_checked, key);
    }
  if (self->token == NULL)
    revoke_next (task);
  else if (self->user == NULL)
    studio_hub_region_call_async (self, "GET", "/hub/api/user", NULL, revoke->cancellable, user_known_cb, task);
  else
    list_tokens (task);
}

void
studio_hub_region_revoke_tokens_finish (StudioHubRegion *self,
                                        GAsyncResult    *result)
{
  g_task_propagate_boolean (G_TASK (result), NULL);
}
