/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a terminate would lose: a worker's files outside the folders its
 * region keeps, listed through its Jupyter server (hidden ones are not
 * shown by it, and not listed here), newest first, without counting as
 * activity. Bounded: a home of a million files is listed in part. */
#include <glib/gi18n-lib.h>

#include "studio-error.h"
#include "studio-jupyter.h"
#include "studio-region.h"
#include "studio-util.h"

#define MAX_FILES   1000
#define MAX_FOLDERS 200

typedef struct
{
  StudioJupyter *jupyter;
  GStrv kept;
  GQueue folders;        /* char *: still to list */
  guint listed;          /* folders listed so far */
  GPtrArray *files;      /* GFileInfo */
  gboolean more;         /* there is more than was listed */
} Walk;

static void
walk_free (Walk *walk)
{
  g_clear_object (&walk->jupyter);
  g_strfreev (walk->kept);
  g_queue_clear_full (&walk->folders, g_free);
  g_ptr_array_unref (walk->files);
  g_free (walk);
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  g_autoptr(GDateTime) ta = g_file_info_get_modification_date_time (*(GFileInfo **) a);
  g_autoptr(GDateTime) tb = g_file_info_get_modification_date_time (*(GFileInfo **) b);

  if (ta == NULL || tb == NULL)
    return (ta == NULL) - (tb == NULL);
  return g_date_time_compare (tb, ta);
}

static void list_next (GTask *task);

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Walk *walk = g_task_get_task_data (task);
  g_autofree char *folder = g_queue_pop_head (&walk->folders);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = studio_jupyter_call_finish (STUDIO_JUPYTER (object), result, &error);
  JsonObject *model = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonNode *content = model ? json_object_get_member (model, "content") : NULL;
  JsonArray *children = content && JSON_NODE_HOLDS_ARRAY (content) ? json_node_get_array (content) : NULL;

  if (error != NULL)
    {
      /* A folder that went meanwhile, or could not be read: the rest still counts. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || walk->listed == 1)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      walk->more = TRUE;
    }
  for (guint i = 0; children != NULL && i < json_array_get_length (children); i++)
    {
      JsonObject *child = studio_util_json_array_object (children, i);
      const char *name = child ? studio_util_json_string (child, "name") : NULL;
      g_autofree char *path = NULL;
      g_autoptr(GDateTime) modified = NULL;
      GFileInfo *info;

      /* The worker's words: a name of this folder, not a path. */
      if (name == NULL || *name == '\0' || *name == '.' || strchr (name, '/') != NULL ||
          !g_utf8_validate (name, -1, NULL))
        continue;
      if (*folder == '\0' && g_strv_contains ((const char * const *) walk->kept, name))
        continue;
      path = *folder ? g_strconcat (folder, "/", name, NULL) : g_strdup (name);
      if (g_strcmp0 (studio_util_json_string (child, "type"), "directory") == 0)
        {
          if (walk->listed + g_queue_get_length (&walk->folders) < MAX_FOLDERS)
            g_queue_push_tail (&walk->folders, g_steal_pointer (&path));
          else
            walk->more = TRUE;
          continue;
        }
      if (walk->files->len >= MAX_FILES)
        {
          walk->more = TRUE;
          continue;
        }
      info = g_file_info_new ();
      g_file_info_set_name (info, path);
      g_file_info_set_display_name (info, path);
      g_file_info_set_file_type (info, G_FILE_TYPE_REGULAR);
      g_file_info_set_size (info, MAX (studio_util_json_int (child, "size", 0), 0));
      modified = studio_jupyter_parse_time (studio_util_json_string (child, "last_modified"));
      if (modified != NULL)
        g_file_info_set_modification_date_time (info, modified);
      g_ptr_array_add (walk->files, info);
    }
  list_next (g_steal_pointer (&task));
}

static void
list_next (GTask *task)
{
  Walk *walk = g_task_get_task_data (task);
  const char *folder = g_queue_peek_head (&walk->folders);
  GListStore *store;
  g_autofree char *escaped = NULL;
  g_autofree char *api = NULL;

  if (folder == NULL)
    {
      store = g_list_store_new (G_TYPE_FILE_INFO);
      g_ptr_array_sort (walk->files, newest_first);
      g_list_store_splice (store, 0, 0, walk->files->pdata, walk->files->len);
      g_task_return_pointer (task, store, g_object_unref);
      g_object_unref (task);
      return;
    }
  walk->listed++;
  escaped = g_uri_escape_string (folder, "/", FALSE);
  api = g_strconcat ("api/contents/", escaped, "?content=1&no_track_activity=1", NULL);
  studio_jupyter_call_async (walk->jupyter, "GET", api, NULL, g_task_get_cancellable (task), listed_cb, task);
}

/**
 * studio_region_list_losses_async:
 * @self: a region
 * @worker: one of its workers, ready
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the list is ready
 * @user_data: data for @callback
 *
 * Lists what a terminate of @worker would lose: its files outside the
 * folders the region keeps (`~/my` and `~/shared` on an engine), none where
 * the region keeps the home. Hidden files are not listed.
 */
void
studio_region_list_losses_async (StudioRegion        *self,
                                 StudioWorker        *worker,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char * const *kept;
  Walk *walk;

  g_return_if_fail (STUDIO_IS_REGION (self));
  g_return_if_fail (STUDIO_IS_WORKER (worker));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_region_list_losses_async);
  walk = g_new0 (Walk, 1);
  walk->files = g_ptr_array_new_with_free_func (g_object_unref);
  g_queue_init (&walk->folders);
  g_task_set_task_data (task, walk, (GDestroyNotify) walk_free);
  kept = STUDIO_REGION_GET_CLASS (self)->list_kept_folders (self);
  if (kept != NULL)
    {
      if (studio_worker_get_state (worker) != STUDIO_WORKER_STATE_READY)
        {
          g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_NOT_RUNNING,
                                   _("%s is not running: what is on it can be listed only while it runs."),
                                   studio_worker_get_name (worker));
          return;
        }
      walk->kept = g_strdupv ((char **) kept);
      walk->jupyter = studio_region_open_jupyter (self, worker);
      g_queue_push_tail (&walk->folders, g_strdup (""));
    }
  list_next (g_steal_pointer (&task));
}

/**
 * studio_region_list_losses_finish:
 * @self: a region
 * @result: the result
 * @more: (out) (optional): whether there is more than was listed
 * @error: return location for an error
 *
 * Finishes studio_region_list_losses_async().
 *
 * Returns: (transfer full): the files (#GFileInfo: the path in the home as
 *   name, the size and the modification time), newest first, or %NULL on error
 */
GListModel *
studio_region_list_losses_finish (StudioRegion  *self,
                                  GAsyncResult  *result,
                                  gboolean      *more,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  if (more != NULL)
    *more = ((Walk *) g_task_get_task_data (G_TASK (result)))->more;
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- keeping them ------------------------------------------------------------- */

typedef struct
{
  StudioJupyter *jupyter;
  char *folder;          /* my/NAME: where they go */
  GPtrArray *steps;      /* char *: "d" + a folder to make, or "f" + a file to copy */
  guint next;
} Keep;

static void
keep_free (Keep *keep)
{
  g_clear_object (&keep->jupyter);
  g_free (keep->folder);
  g_ptr_array_unref (keep->steps);
  g_free (keep);
}

static void keep_next (GTask *task);

static void
kept_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Keep *keep = g_task_get_task_data (task);
  const char *step = g_ptr_array_index (keep->steps, keep->next);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = studio_jupyter_call_finish (STUDIO_JUPYTER (object), result, &error);

  /* (A folder saved that is there already stays as it is.) */
  if (error != NULL)
    {
      g_prefix_error (&error, _("Could not copy “%s” to “~/%s”: "), step + 1, keep->folder);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  keep->next++;
  keep_next (g_steal_pointer (&task));
}

static void
keep_next (GTask *task)
{
  Keep *keep = g_task_get_task_data (task);
  const char *step;
  g_autofree char *target = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *api = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (keep->next >= keep->steps->len)
    {
      g_task_return_pointer (task, g_strdup (keep->folder), g_free);
      g_object_unref (task);
      return;
    }
  step = g_ptr_array_index (keep->steps, keep->next);
  json_builder_begin_object (builder);
  if (step[0] == 'd')
    {
      target = g_strconcat (keep->folder, *(step + 1) ? "/" : "", step + 1, NULL);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "directory");
    }
  else
    {
      g_autofree char *dir = g_path_get_dirname (step + 1);

      target = g_str_equal (dir, ".") ? g_strdup (keep->folder) : g_strconcat (keep->folder, "/", dir, NULL);
      json_builder_set_member_name (builder, "copy_from");
      json_builder_add_string_value (builder, step + 1);
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  escaped = g_uri_escape_string (target, "/", FALSE);
  api = g_strconcat ("api/contents/", escaped, NULL);
  /* A folder made (PUT); a file copied by the server into a folder (POST). */
  studio_jupyter_call_async (keep->jupyter, step[0] == 'd' ? "PUT" : "POST", api, body,
                             g_task_get_cancellable (task), kept_cb, task);
}

/**
 * studio_region_keep_losses_async:
 * @self: a region
 * @worker: one of its workers, ready
 * @files: files of its home (#GFileInfo), as
 *   studio_region_list_losses_finish() gives them
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when they are copied
 * @user_data: data for @callback
 *
 * Copies @files into `~/my/NAME` (NAME the worker's), where they outlive
 * the worker, each at its path there.
 */
void
studio_region_keep_losses_async (StudioRegion        *self,
                                 StudioWorker        *worker,
                                 GListModel          *files,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;
  Keep *keep;
  g_autoptr(GHashTable) folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_if_fail (STUDIO_IS_REGION (self));
  g_return_if_fail (STUDIO_IS_WORKER (worker));
  g_return_if_fail (G_IS_LIST_MODEL (files));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_region_keep_losses_async);
  keep = g_new0 (Keep, 1);
  keep->jupyter = studio_region_open_jupyter (self, worker);
  keep->folder = g_strconcat ("my/", studio_worker_get_name (worker), NULL);
  keep->steps = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, keep, (GDestroyNotify) keep_free);
  g_ptr_array_add (keep->steps, g_strdup ("d"));
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFileInfo) info = g_list_model_get_item (files, i);
      const char *path = g_file_info_get_name (info);
      g_auto(GStrv) parts = g_strsplit (path, "/", -1);
      g_autoptr(GString) dir = g_string_new (NULL);

      /* Its folders first, each once, parents before children. */
      for (guint j = 0; parts[j] != NULL && parts[j + 1] != NULL; j++)
        {
          if (dir->len > 0)
            g_string_append_c (dir, '/');
          g_string_append (dir, parts[j]);
          if (g_hash_table_add (folders, g_strdup (dir->str)))
            g_ptr_array_add (keep->steps, g_strconcat ("d", dir->str, NULL));
        }
      g_ptr_array_add (keep->steps, g_strconcat ("f", path, NULL));
    }
  keep_next (task);
}

/**
 * studio_region_keep_losses_finish:
 * @self: a region
 * @result: the result
 * @error: return location for an error
 *
 * Finishes studio_region_keep_losses_async().
 *
 * Returns: (transfer full): the folder of the home they are in now ("my/NAME"), or %NULL on error
 */
char *
studio_region_keep_losses_finish (StudioRegion  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
