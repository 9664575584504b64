/* StudioRegions: the one registry of regions, for the window, the CLI and
 * Python alike. This Computer first, then the hubs of regions.ini, each
 * signing in with its token from the Secret Service when first refreshed. */
#include <glib/gi18n-lib.h>

#include "studio-error.h"
#include "studio-hub-region-private.h"
#include "studio-local-region.h"
#include "studio-regions-private.h"

struct _StudioRegions
{
  GObject parent_instance;

  GPtrArray *regions;   /* StudioRegion, This Computer first */
};

static void studio_regions_list_model_init (GListModelInterface *iface);

/**
 * StudioRegions:
 *
 * The user's regions, a #GListModel of #StudioRegion: This Computer first,
 * then the hubs the user added (kept in the configuration file, their tokens
 * in the Secret Service). The window, the command line and Python all use
 * it. Regions are found by a stable id (studio_regions_lookup()).
 */
G_DEFINE_FINAL_TYPE_WITH_CODE (StudioRegions, studio_regions, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, studio_regions_list_model_init))

static GType
studio_regions_get_item_type (GListModel *model)
{
  return STUDIO_TYPE_REGION;
}

static guint
studio_regions_get_n_items (GListModel *model)
{
  return STUDIO_REGIONS (model)->regions->len;
}

static gpointer
studio_regions_get_item (GListModel *model,
                         guint       position)
{
  StudioRegions *self = STUDIO_REGIONS (model);

  if (position >= self->regions->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->regions, position));
}

static void
studio_regions_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = studio_regions_get_item_type;
  iface->get_n_items = studio_regions_get_n_items;
  iface->get_item = studio_regions_get_item;
}

static void
studio_regions_finalize (GObject *object)
{
  StudioRegions *self = STUDIO_REGIONS (object);

  g_ptr_array_unref (self->regions);
  G_OBJECT_CLASS (studio_regions_parent_class)->finalize (object);
}

static void
studio_regions_class_init (StudioRegionsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = studio_regions_finalize;
}

static void
studio_regions_init (StudioRegions *self)
{
  self->regions = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->regions, studio_local_region_new ());
}

/**
 * studio_regions_new:
 *
 * The regions of this user: This Computer alone until
 * studio_regions_load() adds the hubs the user added.
 *
 * Returns: (transfer full): a new #StudioRegions, a #GListModel of #StudioRegion
 */
StudioRegions *
studio_regions_new (void)
{
  return g_object_new (STUDIO_TYPE_REGIONS, NULL);
}

static gint
find_id (StudioRegions *self,
         const char    *id)
{
  for (guint i = 0; i < self->regions->len; i++)
    if (g_strcmp0 (studio_region_get_id (g_ptr_array_index (self->regions, i)), id) == 0)
      return (gint) i;
  return -1;
}

/* Puts region in the list, in place of one with its id (tests; signing in). */
void
studio_regions_put (StudioRegions *self,
                    StudioRegion  *region)
{
  gint i = find_id (self, studio_region_get_id (region));

  if (i >= 0)
    {
      StudioRegion *old = g_ptr_array_index (self->regions, i);

      g_ptr_array_index (self->regions, i) = g_object_ref (region);
      g_object_unref (old);
      g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);
    }
  else
    {
      g_ptr_array_add (self->regions, g_object_ref (region));
      g_list_model_items_changed (G_LIST_MODEL (self), self->regions->len - 1, 0, 1);
    }
}

/* Takes region out of the list only; its settings and token stay (tests). */
void
studio_regions_take_out (StudioRegions *self,
                         StudioRegion  *region)
{
  guint i;

  if (g_ptr_array_find (self->regions, region, &i))
    {
      g_ptr_array_remove_index (self->regions, i);
      g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 0);
    }
}

/**
 * studio_regions_load:
 * @self: the regions
 * @error: return location for a #GError
 *
 * Reads the hub regions the user added from the configuration file (a
 * small local file). Their tokens stay in the Secret Service until a region
 * is first refreshed. Regions already known keep their objects.
 *
 * Returns: %TRUE on success; %FALSE with @error set when the file cannot be read
 */
gboolean
studio_regions_load (StudioRegions  *self,
                     GError        **error)
{
  g_autoptr(GPtrArray) hubs = NULL;

  g_return_val_if_fail (STUDIO_IS_REGIONS (self), FALSE);

  hubs = studio_regions_load_hubs (error);
  if (hubs == NULL)
    return FALSE;
  for (guint i = 0; i < hubs->len; i++)
    {
      StudioHubInfo *info = g_ptr_array_index (hubs, i);

      if (find_id (self, info->name) < 0)
        {
          g_ptr_array_add (self->regions, studio_regions_open_hub (info, NULL));
          g_list_model_items_changed (G_LIST_MODEL (self), self->regions->len - 1, 0, 1);
        }
    }
  return TRUE;
}

/**
 * studio_regions_lookup:
 * @self: the regions
 * @id_or_name: a region's id ("local", a hub region's name) or its name for people
 *
 * The region, or %NULL if there is none.
 *
 * Returns: (transfer full) (nullable): the region, or %NULL if there is none
 */
StudioRegion *
studio_regions_lookup (StudioRegions *self,
                       const char    *id_or_name)
{
  gint i;

  g_return_val_if_fail (STUDIO_IS_REGIONS (self), NULL);
  g_return_val_if_fail (id_or_name != NULL, NULL);

  i = find_id (self, id_or_name);
  if (i >= 0)
    return g_object_ref (g_ptr_array_index (self->regions, i));
  for (guint j = 0; j < self->regions->len; j++)
    if (g_strcmp0 (studio_region_get_name (g_ptr_array_index (self->regions, j)), id_or_name) == 0)
      return g_object_ref (g_ptr_array_index (self->regions, j));
  return NULL;
}

/**
 * studio_regions_dup_hub_info:
 * @self: the regions
 * @id: a hub region's id
 *
 * The hub region's settings as kept, to sign in to it again.
 *
 * Returns: (transfer full) (nullable): the settings, or %NULL if @id is not a kept hub region
 */
StudioHubInfo *
studio_regions_dup_hub_info (StudioRegions *self,
                             const char    *id)
{
  g_return_val_if_fail (STUDIO_IS_REGIONS (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return studio_regions_find_hub (id, NULL);
}

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioRegions *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr(StudioRegion) region = studio_regions_sign_in_hub_finish (result, &error);

  if (region == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* A region signed in again takes the place of the old one. */
  studio_regions_put (self, region);
  g_task_return_pointer (task, g_steal_pointer (&region), g_object_unref);
}

/**
 * studio_regions_add_hub_async:
 * @self: the regions
 * @name: the new region's name, also its id
 * @url: the hub's address (https://, or http:// on this computer)
 * @certificate: (nullable): the SHA-256 fingerprint of a certificate the user
 *   chose to trust though the system does not (a self-signed hub)
 * @username: (nullable): who signs in with @password
 * @password: (nullable): the password, from which a token is minted; it is not kept
 * @token: (nullable): an API token to sign in with instead
 * @token_lifetime_seconds: how long a minted token lives (0: as long as the hub allows)
 * @flags: how to add the hub
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the region is added, or not
 * @user_data: data for @callback
 *
 * Adds a JupyterHub as a region: signs in (checking the token against the
 * hub before keeping anything), keeps the token in the Secret Service and
 * name, URL and user in the configuration file, and adds the region to
 * @self, in place of one of its name when signing in again.
 */
void
studio_regions_add_hub_async (StudioRegions       *self,
                              const char          *name,
                              const char          *url,
                              const char          *certificate,
                              const char          *username,
                              const char          *password,
                              const char          *token,
                              guint                token_lifetime_seconds,
                              StudioHubAddFlags    flags,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (STUDIO_IS_REGIONS (self));
  g_return_if_fail (name != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_regions_add_hub_async);
  studio_regions_sign_in_hub_async (name, url, certificate, username, password, token, token_lifetime_seconds,
                                    flags, cancellable, added_cb, task);
}

/**
 * studio_regions_add_hub_finish:
 * @self: the regions
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * The region, signed in, or %NULL with @error set.
 *
 * Returns: (transfer full): the region, signed in, or %NULL with @error set
 */
StudioRegion *
studio_regions_add_hub_finish (StudioRegions  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
token_cleared_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!studio_regions_clear_token_finish (result, &error))
    {
      g_prefix_error (&error, _("The region is removed, but its token may remain in the keyring: "));
      g_task_return_error (task, error);
    }
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * studio_regions_remove_async:
 * @self: the regions
 * @region: a region with %STUDIO_REGION_CAPABILITIES_REMOVABLE
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the region and its token are gone
 * @user_data: data for @callback
 *
 * Removes a region the user added, with its token and login cookie. Its
 * workers keep running on the hub.
 */
void
studio_regions_remove_async (StudioRegions       *self,
                             StudioRegion        *region,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *id = NULL;
  GError *error = NULL;

  g_return_if_fail (STUDIO_IS_REGIONS (self));
  g_return_if_fail (STUDIO_IS_REGION (region));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_regions_remove_async);
  id = g_strdup (studio_region_get_id (region));
  if (!studio_region_can (region, STUDIO_REGION_CAPABILITIES_REMOVABLE))
    {
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_FAILED,
                               _("%s is always there; it cannot be removed."), studio_region_get_name (region));
      return;
    }
  if (!studio_regions_remove_hub (id, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  studio_regions_take_out (self, region);
  studio_regions_clear_token_async (id, cancellable, token_cleared_cb, g_steal_pointer (&task));
}

/**
 * studio_regions_remove_finish:
 * @self: the regions
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * %TRUE when the region and its token are gone.
 *
 * Returns: %TRUE when the region and its token are gone
 */
gboolean
studio_regions_remove_finish (StudioRegions  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
