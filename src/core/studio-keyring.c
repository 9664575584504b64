/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Secret Service (libsecret): the credentials of regions, keyed by the
 * region's id. The schemas' names and attributes are those of the first
 * releases, so that items kept then are found now. */
#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "studio-error.h"
#include "studio-keyring-private.h"
#include "studio-regions.h"

static const SecretSchema token_schema = {
  "io.github.aistudio.Studio.HubToken", SECRET_SCHEMA_NONE,
  {
    { "region", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

/* A hub's login cookie, a credential too: kept where the token is. */
static const SecretSchema cookie_schema = {
  "io.github.aistudio.Studio.HubCookie", SECRET_SCHEMA_NONE,
  {
    { "region", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

static const SecretSchema *
schema_for (StudioSecretKind kind)
{
  return kind == STUDIO_SECRET_COOKIE ? &cookie_schema : &token_schema;
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
                            const char          *label,
                            const char          *secret,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, studio_keyring_store_async);
  secret_password_store (schema_for (kind), SECRET_COLLECTION_DEFAULT, label, secret, cancellable,
                         stored_cb, task, "region", region_id, NULL);
}

gboolean
studio_keyring_store_finish (GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
looked_up_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, secret_error (error));
  else
    g_task_return_pointer (task, secret, (GDestroyNotify) secret_password_free);
}

void
studio_keyring_lookup_async (StudioSecretKind     kind,
                             const char          *region_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, studio_keyring_lookup_async);
  secret_password_lookup (schema_for (kind), cancellable, looked_up_cb, task, "region", region_id, NULL);
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

/* Every secret kept for the region: its token and its login cookie. */
void
studio_keyring_clear_async (const char          *region_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, studio_keyring_clear_async);
  secret_password_clear (&cookie_schema, NULL, NULL, NULL, "region", region_id, NULL);
  secret_password_clear (&token_schema, cancellable, cleared_cb, task, "region", region_id, NULL);
}

gboolean
studio_keyring_clear_finish (GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
