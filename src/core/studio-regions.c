/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StudioRegions: the one registry of regions, for the window, the CLI and
 * Python alike. This Computer first, then the regions of regions.ini, of
 * every kind: each kind is a GIO extension (its id and its type), and builds
 * its regions from their settings; a hub reads its token from the Secret
 * Service when first refreshed. */
#include <glib/gi18n-lib.h>

#include "studio-engine-region.h"
#include "studio-error.h"
#include "studio-hub-region.h"
#include "studio-regions-private.h"
#include "studio-ssh-region-private.h"
#include "studio-sync-private.h"
#include "studio-util.h"

struct _StudioRegions
{
  GObject parent_instance;

  GPtrArray *regions;   /* StudioRegion, This Computer first */
  GMountOperation *interaction;
};

static void studio_regions_list_model_init (GListModelInterface *iface);

/**
 * StudioRegions:
 *
 * The user's regions, a #GListModel of #StudioRegion: This Computer first,
 * then the regions the user added, of any kind (kept in the configuration
 * file, their credentials in the Secret Service). The window, the command
 * line and Python all use it. Regions are found by a stable id
 * (studio_regions_lookup()).
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
  g_clear_object (&self->interaction);
  G_OBJECT_CLASS (studio_regions_parent_class)->finalize (object);
}

/* The kinds of region: ours, then those of the modules of
 * AI_STUDIO_REGION_MODULE_DIR (a developer's or a test's). */
static GIOExtensionPoint *
kinds (void)
{
  static GIOExtensionPoint *point;

  if (g_once_init_enter (&point))
    {
      GIOExtensionPoint *p = g_io_extension_point_register (STUDIO_REGION_KIND_EXTENSION_POINT);
      const char *dir = g_getenv ("AI_STUDIO_REGION_MODULE_DIR");

      g_io_extension_point_set_required_type (p, STUDIO_TYPE_REGION);
      g_io_extension_point_implement (STUDIO_REGION_KIND_EXTENSION_POINT, STUDIO_TYPE_HUB_REGION, "hub", 0);
      g_io_extension_point_implement (STUDIO_REGION_KIND_EXTENSION_POINT, STUDIO_TYPE_ENGINE_REGION, "engine", 0);
      g_io_extension_point_implement (STUDIO_REGION_KIND_EXTENSION_POINT, STUDIO_TYPE_SSH_REGION, "ssh", 0);
      if (dir != NULL && *dir != '\0')
        {
          /* Loaded for good: their types live as long as the process. */
          GList *modules = g_io_modules_load_all_in_directory (dir);

          g_list_free (modules);
        }
      g_once_init_leave (&point, p);
    }
  return point;
}

/**
 * studio_regions_lookup_kind:
 * @kind: a kind's id ("hub", "engine", or one a module adds)
 *
 * The type that builds regions of @kind.
 *
 * Returns: a #StudioRegion subclass, or %G_TYPE_INVALID for a kind nobody registered
 */
GType
studio_regions_lookup_kind (const char *kind)
{
  GIOExtension *extension;

  g_return_val_if_fail (kind != NULL, G_TYPE_INVALID);
  extension = g_io_extension_point_get_extension_by_name (kinds (), kind);
  return extension ? g_io_extension_get_type (extension) : G_TYPE_INVALID;
}

/**
 * studio_regions_list_kinds:
 *
 * The ids of the kinds of region that may be added.
 *
 * Returns: (transfer full) (array zero-terminated=1): the kinds' ids
 */
char **
studio_regions_list_kinds (void)
{
  GStrvBuilder *builder = g_strv_builder_new ();

  for (GList *l = g_io_extension_point_get_extensions (kinds ()); l != NULL; l = l->next)
    g_strv_builder_add (builder, g_io_extension_get_name (l->data));
  char **ids = g_strv_builder_end (builder);

  g_strv_builder_unref (builder);
  return ids;
}

/**
 * studio_regions_new_region: (skip)
 * @kind: a kind's id
 * @first_property_name: the name of a first property of the kind's type ("id")
 * @...: its value, then further names and values, ending with %NULL
 *
 * A region of @kind built from properties, "id" (its name) among them, to
 * give studio_regions_add_async(). (Python builds it with the kind's type,
 * from studio_regions_lookup_kind().)
 *
 * Returns: (transfer full) (nullable): the region, or %NULL for an unknown kind
 */
StudioRegion *
studio_regions_new_region (const char *kind,
                           const char *first_property_name,
                           ...)
{
  GType type;
  StudioRegion *region;
  va_list args;

  g_return_val_if_fail (kind != NULL, NULL);
  type = studio_regions_lookup_kind (kind);
  if (type == G_TYPE_INVALID)
    return NULL;
  va_start (args, first_property_name);
  region = STUDIO_REGION (g_object_new_valist (type, first_property_name, args));
  va_end (args);
  return region;
}

static void
studio_regions_class_init (StudioRegionsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = studio_regions_finalize;
  kinds ();
}

static void
studio_regions_init (StudioRegions *self)
{
  self->regions = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->regions, studio_engine_region_new (NULL));
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
 * Reads the regions the user added from the configuration file (a small
 * local file). Their credentials stay in the Secret Service until a region
 * is first refreshed. Regions already known keep their objects; a region
 * of a kind no module here provides is left out (and left in the file).
 *
 * Returns: %TRUE on success; %FALSE with @error set when the file cannot be read
 */
gboolean
studio_regions_load (StudioRegions  *self,
                     GError        **error)
{
  g_autoptr(GPtrArray) regions = NULL;

  g_return_val_if_fail (STUDIO_IS_REGIONS (self), FALSE);

  regions = studio_regions_file_load (error);
  if (regions == NULL)
    return FALSE;
  for (guint i = 0; i < regions->len; i++)
    {
      StudioRegion *region = g_ptr_array_index (regions, i);

      if (find_id (self, studio_region_get_id (region)) < 0)
        {
          g_ptr_array_add (self->regions, g_object_ref (region));
          studio_region_set_interaction (region, self->interaction);
          g_list_model_items_changed (G_LIST_MODEL (self), self->regions->len - 1, 0, 1);
        }
    }
  return TRUE;
}

/**
 * studio_regions_lookup:
 * @self: the regions
 * @id_or_name: a region's id ("local", a region's name as the user gave it) or its name for people
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

static void
set_up_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioRegions *self = g_task_get_source_object (task);
  StudioRegion *region = STUDIO_REGION (object);
  GError *error = NULL;

  /* Keep nothing until the region has proved itself. */
  if (!studio_region_setup_finish (region, result, &error) ||
      !studio_regions_file_save_region (region, FALSE, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* A region signed in again takes the place of the old one. */
  studio_regions_put (self, region);
  g_task_return_boolean (task, TRUE);
}

/**
 * studio_regions_add_async:
 * @self: the regions
 * @region: a new region of any kind, built from its properties (see
 *   studio_regions_lookup_kind()); its id is its name
 * @flags: how to add it
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the region is added, or not
 * @user_data: data for @callback
 *
 * Adds a region: checks its name, sets it up (studio_region_setup_async():
 * a hub signs in and keeps its token in the Secret Service), keeps its
 * settings in the configuration file, and adds it to @self, in place of
 * one of its id with %STUDIO_REGIONS_ADD_REPLACE. Nothing is kept when a
 * step fails.
 */
void
studio_regions_add_async (StudioRegions         *self,
                          StudioRegion          *region,
                          StudioRegionsAddFlags  flags,
                          GCancellable          *cancellable,
                          GAsyncReadyCallback    callback,
                          gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *id;

  g_return_if_fail (STUDIO_IS_REGIONS (self));
  g_return_if_fail (STUDIO_IS_REGION (region));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_regions_add_async);
  id = studio_region_get_id (region);
  if (id == NULL || !studio_util_check_name (id, NULL) || g_ascii_strcasecmp (id, STUDIO_LOCAL_REGION_ID) == 0)
    {
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_INVALID_NAME,
                               _("“%s” cannot be a region name: use letters, digits, “-”, “_” and “.”."),
                               id ? id : "");
      return;
    }
  if (!(flags & STUDIO_REGIONS_ADD_REPLACE) && (find_id (self, id) >= 0 || studio_regions_file_has (id)))
    {
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_EXISTS,
                               _("There is already a region named %s; remove it first."), id);
      return;
    }
  if (self->interaction != NULL && studio_region_get_interaction (region) == NULL)
    studio_region_set_interaction (region, self->interaction);
  studio_region_setup_async (region, cancellable, set_up_cb, g_steal_pointer (&task));
}

/**
 * studio_regions_add_finish:
 * @self: the regions
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes studio_regions_add_async().
 *
 * Returns: %TRUE when the region is added
 */
gboolean
studio_regions_add_finish (StudioRegions  *self,
                           GAsyncResult   *result,
                           GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * studio_regions_get_web_folders:
 * @region_id: a region's id
 * @data_dir: (out) (transfer full): where web views of the region keep cookies and storage
 * @cache_dir: (out) (transfer full): where they keep their cache
 *
 * The region's web folders (its Jupyter tabs' and sign-in's), which
 * studio_regions_remove_async() removes with the region.
 */
void
studio_regions_get_web_folders (const char  *region_id,
                                char       **data_dir,
                                char       **cache_dir)
{
  g_autofree char *key = NULL;

  g_return_if_fail (region_id != NULL);
  key = g_compute_checksum_for_string (G_CHECKSUM_SHA256, region_id, -1);
  if (data_dir != NULL)
    *data_dir = g_build_filename (g_get_user_data_dir (), "ai-studio", "web", key, NULL);
  if (cache_dir != NULL)
    *cache_dir = g_build_filename (g_get_user_cache_dir (), "ai-studio", "web", key, NULL);
}

static gboolean
delete_tree (GFile         *file,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                                                   G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                                                   G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                                                   cancellable, NULL);
  GFileInfo *info;
  GFile *child;

  while (children != NULL && g_file_enumerator_iterate (children, &info, &child, cancellable, NULL) && info != NULL)
    if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
      {
        if (!delete_tree (child, cancellable, error))
          return FALSE;
      }
    else if (!g_file_delete (child, cancellable, error))
      return FALSE;
  if (!g_file_delete (file, cancellable, error) && !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return FALSE;
  g_clear_error (error);
  return TRUE;
}

/* In a thread: the web folders of the region whose id is the task's data. */
static void
delete_web_folders_thread (GTask        *task,
                    gpointer      source,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *cache_dir = NULL;
  GError *error = NULL;

  studio_regions_get_web_folders (task_data, &data_dir, &cache_dir);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GFile) dir = g_file_new_for_path (i == 0 ? data_dir : cache_dir);

      /* Best done: a window that had a web view of the region clears it
       * through WebKit too, and may still be writing there. */
      if (!delete_tree (dir, cancellable, &error))
        {
          g_debug ("The web folder %s of a removed region remains: %s", g_file_peek_path (dir), error->message);
          g_clear_error (&error);
        }
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * studio_regions_delete_web_folders_async:
 * @region_id: a region's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async) (nullable): called when they are gone
 * @user_data: data for @callback
 *
 * Deletes the region's web folders (studio_regions_get_web_folders()), as
 * far as it can: a web view that still writes there may leave a file.
 * studio_regions_remove_async() does it with the region; a window whose web
 * views had a session of the region clears it through WebKit first, then
 * calls this.
 */
void
studio_regions_delete_web_folders_async (const char          *region_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (region_id != NULL);
  g_task_set_source_tag (task, studio_regions_delete_web_folders_async);
  g_task_set_task_data (task, g_strdup (region_id), g_free);
  g_task_run_in_thread (task, delete_web_folders_thread);
}

/**
 * studio_regions_delete_web_folders_finish:
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes studio_regions_delete_web_folders_async().
 *
 * Returns: %TRUE
 */
gboolean
studio_regions_delete_web_folders_finish (GAsyncResult  *result,
                                          GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
web_folders_deleted_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  studio_regions_delete_web_folders_finish (result, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
forgotten_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!studio_region_forget_finish (STUDIO_REGION (object), result, &error))
    {
      g_prefix_error (&error, _("The region is removed, but its credentials may remain in the keyring: "));
      g_task_return_error (task, error);
      return;
    }
  /* Its web views' cookies (a hub's login) and cache go with it. */
  studio_regions_delete_web_folders_async (studio_region_get_id (STUDIO_REGION (object)), NULL,
                                           web_folders_deleted_cb, g_steal_pointer (&task));
}

/**
 * studio_regions_remove_async:
 * @self: the regions
 * @region: a region with %STUDIO_REGION_CAPABILITIES_REMOVABLE
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the region and its credentials are gone
 * @user_data: data for @callback
 *
 * Removes a region the user added, with what it keeps (a hub's token and
 * login cookie: studio_region_forget_async()). Its workers keep running.
 */
void
studio_regions_remove_async (StudioRegions       *self,
                             StudioRegion        *region,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (STUDIO_IS_REGIONS (self));
  g_return_if_fail (STUDIO_IS_REGION (region));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_regions_remove_async);
  if (!studio_region_can (region, STUDIO_REGION_CAPABILITIES_REMOVABLE))
    {
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_FAILED,
                               _("%s is always there; it cannot be removed."), studio_region_get_name (region));
      return;
    }
  if (!studio_regions_file_remove (studio_region_get_id (region), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_object_ref (region);
  studio_regions_take_out (self, region);
  studio_region_forget_async (region, cancellable, forgotten_cb, g_steal_pointer (&task));
  g_object_unref (region);
}

/**
 * studio_regions_remove_finish:
 * @self: the regions
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * %TRUE when the region and its credentials are gone.
 *
 * Returns: %TRUE when the region and its credentials are gone
 */
gboolean
studio_regions_remove_finish (StudioRegions  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * studio_regions_add_sync:
 * @self: the regions
 * @region: a new region of any kind, built from its properties
 * @flags: how to add it
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Adds a region, blocking until it is added or not; see
 * studio_regions_add_async().
 *
 * Returns: %TRUE when the region is added
 */
gboolean
studio_regions_add_sync (StudioRegions          *self,
                         StudioRegion           *region,
                         StudioRegionsAddFlags   flags,
                         GCancellable           *cancellable,
                         GError                **error)
{
  StudioSyncCall call;
  gboolean ok;

  g_return_val_if_fail (STUDIO_IS_REGIONS (self), FALSE);
  studio_sync_call_begin (&call);
  studio_regions_add_async (self, region, flags, cancellable, studio_sync_call_done, &call);
  ok = studio_regions_add_finish (self, studio_sync_call_wait (&call), error);
  studio_sync_call_end (&call);
  return ok;
}

/**
 * studio_regions_remove_sync:
 * @self: the regions
 * @region: a region with %STUDIO_REGION_CAPABILITIES_REMOVABLE
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Removes a region, blocking; see studio_regions_remove_async().
 *
 * Returns: %TRUE when the region and its credentials are gone
 */
gboolean
studio_regions_remove_sync (StudioRegions  *self,
                            StudioRegion   *region,
                            GCancellable   *cancellable,
                            GError        **error)
{
  StudioSyncCall call;
  gboolean ok;

  g_return_val_if_fail (STUDIO_IS_REGIONS (self), FALSE);
  studio_sync_call_begin (&call);
  studio_regions_remove_async (self, region, cancellable, studio_sync_call_done, &call);
  ok = studio_regions_remove_finish (self, studio_sync_call_wait (&call), error);
  studio_sync_call_end (&call);
  return ok;
}

/**
 * studio_regions_set_interaction:
 * @self: the regions
 * @interaction: (nullable): how regions ask the user, or %NULL for never
 *
 * Gives each region, and each one added or loaded later, @interaction
 * (studio_region_set_interaction()).
 */
void
studio_regions_set_interaction (StudioRegions   *self,
                                GMountOperation *interaction)
{
  g_return_if_fail (STUDIO_IS_REGIONS (self));
  g_set_object (&self->interaction, interaction);
  for (guint i = 0; i < self->regions->len; i++)
    studio_region_set_interaction (g_ptr_array_index (self->regions, i), interaction);
}
