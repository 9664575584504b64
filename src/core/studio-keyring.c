/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Secret Service (libsecret): the credentials of regions, keyed by the
 * region's id and its address. The schemas' names are those of the first
 * releases, whose items carry the region's id alone: such an item is taken
 * only when its label (which always named the address) names this region's,
 * so that a new region of an old name on another hub never reads it. */
#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "studio-error.h"
#include "studio-keyring-private.h"
#include "studio-regions.h"

static const SecretSchema token_schema = {
  "io.github.aistudio.Studio.HubToken", SECRET_SCHEMA_NONE,
  {
    { "region", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "url", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

/* A hub's login cookie, a credential too: kept where the token is. */
static const SecretSchema cookie_schema = {
  "io.github.aistudio.Studio.HubCookie", SECRET_SCHEMA_NONE,
  {
    { "region", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "url", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

/* The tokens of the region's workers, each reaching one server: one item, a
 * JSON object ("USER/SERVER" → token). */
static const SecretSchema worker_tokens_schema = {
  "io.github.aistudio.Studio.WorkerTokens", SECRET_SCHEMA_NONE,
  {
    { "region", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "url", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

static const SecretSchema *
schema_for (StudioSecretKind kind)
{
  switch (kind)
    {
    case STUDIO_SECRET_COOKIE: return &cookie_schema;
    case STUDIO_SECRET_WORKER_TOKENS: return &worker_tokens_schema;
    case STUDIO_SECRET_TOKEN:
    default: return &token_schema;
    }
}

/**
 * studio_regions_disconnect_keyring:
 *
 * For a program about to exit: closes the connection to the Secret Service (if one was made), so that replies still on their way are handled and freed.
 */
void
studio_regions_disconnect_keyring (void)
{
  secret_service_disconnect ();
}

static GError *
secret_error (const GError *error)
{
  return g_error_new (STUDIO_ERROR, STUDIO_ERROR_FAILED,
                      _("The keyring (Secret Service) is not available: %s. Unlock your keyring, or give "
                        "the region a token of your own for this run."), error->message);
}

static void
stored_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, secret_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

void
studio_keyring_store_async (StudioSecretKind     kind,
                            const char          *region_id,
                            const char          *url,
                            const char          *label,
                            const char          *secret,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, studio_keyring_store_async);
  secret_password_store (schema_for (kind), SECRET_COLLECTION_DEFAULT, label, secret, cancellable,
                         stored_cb, task, "region", region_id, "url", url, NULL);
}

gboolean
studio_keyring_store_finish (GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  char *url;
  GList *found;   /* SecretRetrievable */
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_free (lookup->url);
  g_list_free_full (lookup->found, g_object_unref);
  g_free (lookup);
}

/* Whether an item of the region's id is this region's: by its url (pass
 * 0), or, for an item of the first releases, by the address its label names
 * last, in parentheses (pass 1). */
static gboolean
item_is_for (SecretRetrievable *item,
             const char        *url,
             guint              pass)
{
  g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (item);
  const char *item_url = g_hash_table_lookup (attributes, "url");
  g_autofree char *label = NULL;
  const char *open;
  g_autofree char *named = NULL;

  if (pass == 0 || item_url != NULL)
    return pass == 0 && g_strcmp0 (item_url, url) == 0;
  label = secret_retrievable_get_label (item);
  open = label ? strrchr (label, '(') : NULL;
  if (open == NULL || !g_str_has_suffix (label, ")"))
    return FALSE;
  named = g_strndup (open + 1, strlen (open + 1) - 1);
  while (g_str_has_suffix (named, "/"))
    named[strlen (named) - 1] = '\0';
  return g_strcmp0 (named, url) == 0;
}

static void
retrieved_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  SecretValue *value = secret_retrievable_retrieve_secret_finish (SECRET_RETRIEVABLE (object), result, &error);

  if (error != NULL)
    g_task_return_error (task, secret_error (error));
  else
    g_task_return_pointer (task, value ? g_strdup (secret_value_get_text (value)) : NULL, g_free);
  if (value != NULL)
    secret_value_unref (value);
}

static void
searched_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  lookup->found = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, secret_error (error));
      return;
    }
  /* Items of this release first: one of the first releases' may be older. */
  for (guint pass = 0; pass < 2; pass++)
    for (GList *l = lookup->found; l != NULL; l = l->next)
      if (item_is_for (l->data, lookup->url, pass))
        {
          GCancellable *cancellable = g_task_get_cancellable (task);

          secret_retrievable_retrieve_secret (l->data, cancellable, retrieved_cb, g_steal_pointer (&task));
          return;
        }
  g_task_return_pointer (task, NULL, NULL);
}

void
studio_keyring_lookup_async (StudioSecretKind     kind,
                             const char          *region_id,
                             const char          *url,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Lookup *lookup = g_new0 (Lookup, 1);

  g_task_set_source_tag (task, studio_keyring_lookup_async);
  lookup->url = g_strdup (url);
  g_task_set_task_data (task, lookup, (GDestroyNotify) lookup_free);
  secret_password_search (schema_for (kind), SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK, cancellable, searched_cb,
                          task, "region", region_id, NULL);
}

/* The secret, or NULL with no error when none is kept. */
char *
studio_keyring_lookup_finish (GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
cleared_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, secret_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Every secret kept for the region: its token, its workers' and its login cookie. */
void
studio_keyring_clear_async (const char          *region_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, studio_keyring_clear_async);
  secret_password_clear (&cookie_schema, NULL, NULL, NULL, "region", region_id, NULL);
  secret_password_clear (&worker_tokens_schema, NULL, NULL, NULL, "region", region_id, NULL);
  secret_password_clear (&token_schema, cancellable, cleared_cb, task, "region", region_id, NULL);
}

gboolean
studio_keyring_clear_finish (GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
