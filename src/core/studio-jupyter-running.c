/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What runs on a worker: its kernels (with the notebook a session holds them
 * for) and terminals, read without counting as activity, and shut down one
 * by one or all at once. */
#include <glib/gi18n-lib.h>

#include "studio-error.h"
#include "studio-jupyter.h"
#include "studio-util.h"

enum { KERNELS, SESSIONS, TERMINALS, SPECS, N_PARTS };

static const char * const part_paths[N_PARTS] = {
  "api/kernels?no_track_activity=1",
  "api/sessions?no_track_activity=1",
  "api/terminals?no_track_activity=1",
  "api/kernelspecs?no_track_activity=1",
};

typedef struct
{
  JsonNode *parts[N_PARTS];
  guint pending;
  GError *error;
} Listing;

static void
listing_free (Listing *listing)
{
  for (guint i = 0; i < N_PARTS; i++)
    g_clear_pointer (&listing->parts[i], json_node_unref);
  g_clear_error (&listing->error);
  g_free (listing);
}

static JsonArray *
part_array (Listing *listing,
            guint    part)
{
  JsonNode *node = listing->parts[part];

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* The kernels, each with its spec's display name and the notebook a session
 * holds it for, and the terminals; what the server sent, in the shape of
 * `ai-studio-cli running --json`. Reads no network. */
static JsonObject *
assemble (Listing *listing)
{
  JsonArray *kernels = part_array (listing, KERNELS);
  JsonArray *sessions = part_array (listing, SESSIONS);
  JsonArray *terminals = part_array (listing, TERMINALS);
  JsonObject *specs = listing->parts[SPECS] && JSON_NODE_HOLDS_OBJECT (listing->parts[SPECS])
    ? studio_util_json_object (json_node_get_object (listing->parts[SPECS]), "kernelspecs") : NULL;
  JsonObject *result = json_object_new ();
  JsonArray *out_kernels = json_array_new ();
  JsonArray *out_terminals = json_array_new ();

  for (guint i = 0; kernels != NULL && i < json_array_get_length (kernels); i++)
    {
      JsonObject *k = studio_util_json_array_object (kernels, i);
      JsonObject *o, *spec_entry, *spec;
      const char *id = k ? studio_util_json_string (k, "id") : NULL;
      const char *name = k ? studio_util_json_string (k, "name") : NULL;
      const char *path = NULL, *session_id = NULL;

      if (id == NULL)
        continue;
      for (guint s = 0; sessions != NULL && s < json_array_get_length (sessions); s++)
        {
          JsonObject *session = studio_util_json_array_object (sessions, s);
          JsonObject *kernel = session ? studio_util_json_object (session, "kernel") : NULL;

          if (kernel != NULL && g_strcmp0 (studio_util_json_string (kernel, "id"), id) == 0)
            {
              path = studio_util_json_string (session, "path");
              session_id = studio_util_json_string (session, "id");
            }
        }
      spec_entry = specs && name ? studio_util_json_object (specs, name) : NULL;
      spec = spec_entry ? studio_util_json_object (spec_entry, "spec") : NULL;
      o = json_object_new ();
      json_object_set_string_member (o, "id", id);
      json_object_set_string_member (o, "name", name ? name : "");
      json_object_set_string_member (o, "display_name",
                                     spec && studio_util_json_string (spec, "display_name")
                                       ? studio_util_json_string (spec, "display_name") : name ? name : "");
      json_object_set_string_member (o, "state", studio_util_json_string (k, "execution_state") ?: "unknown");
      if (studio_util_json_string (k, "last_activity") != NULL)
        json_object_set_string_member (o, "last_activity", studio_util_json_string (k, "last_activity"));
      else
        json_object_set_null_member (o, "last_activity");
      json_object_set_int_member (o, "connections", MAX (0, studio_util_json_int (k, "connections", 0)));
      if (path != NULL)
        json_object_set_string_member (o, "path", path);
      else
        json_object_set_null_member (o, "path");
      if (session_id != NULL)
        json_object_set_string_member (o, "session", session_id);
      else
        json_object_set_null_member (o, "session");
      json_array_add_object_element (out_kernels, o);
    }
  for (guint i = 0; terminals != NULL && i < json_array_get_length (terminals); i++)
    {
      JsonObject *t = studio_util_json_array_object (terminals, i);
      const char *name = t ? studio_util_json_string (t, "name") : NULL;
      JsonObject *o;

      if (name == NULL)
        continue;
      o = json_object_new ();
      json_object_set_string_member (o, "name", name);
      if (studio_util_json_string (t, "last_activity") != NULL)
        json_object_set_string_member (o, "last_activity", studio_util_json_string (t, "last_activity"));
      else
        json_object_set_null_member (o, "last_activity");
      json_array_add_object_element (out_terminals, o);
    }
  json_object_set_array_member (result, "kernels", out_kernels);
  json_object_set_array_member (result, "terminals", out_terminals);
  return result;
}

typedef struct
{
  GTask *task;
  guint part;
} Part;

static void
part_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autofree Part *part = user_data;
  GTask *task = part->task;
  Listing *listing = g_task_get_task_data (task);
  GError *error = NULL;
  JsonNode *node = studio_jupyter_call_finish (STUDIO_JUPYTER (object), result, &error);

  /* A server without terminals (or kernel specs) answers 404 there: none. */
  if ((part->part == TERMINALS || part->part == SPECS) && g_error_matches (error, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND))
    g_clear_error (&error);
  if (error != NULL && listing->error == NULL)
    listing->error = error;
  else
    g_clear_error (&error);
  listing->parts[part->part] = node;
  if (--listing->pending > 0)
    return;
  if (listing->error != NULL)
    g_task_return_error (task, g_steal_pointer (&listing->error));
  else
    g_task_return_pointer (task, assemble (listing), (GDestroyNotify) json_object_unref);
  g_object_unref (task);
}

/**
 * studio_jupyter_list_running_async:
 * @self: a Jupyter client
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation is done
 * @user_data: data for @callback
 *
 * What runs on the worker: its kernels (id, name, display_name, state,
 * last_activity, connections, and the notebook path and session when a
 * session holds the kernel) and its terminals (name, last_activity). Every
 * request carries `no_track_activity=1`: looking does not keep a worker
 * from its idle shutdown.
 */
void
studio_jupyter_list_running_async (StudioJupyter       *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;
  Listing *listing = g_new0 (Listing, 1);

  g_return_if_fail (STUDIO_IS_JUPYTER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_jupyter_list_running_async);
  g_task_set_task_data (task, listing, (GDestroyNotify) listing_free);
  listing->pending = N_PARTS;
  for (guint i = 0; i < N_PARTS; i++)
    {
      Part *part = g_new (Part, 1);

      part->task = task;
      part->part = i;
      studio_jupyter_call_async (self, "GET", part_paths[i], NULL, cancellable, part_cb, part);
    }
}

/**
 * studio_jupyter_list_running_finish:
 * @self: a Jupyter client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes studio_jupyter_list_running_async().
 *
 * Returns: (transfer full) (nullable): `{"kernels": […], "terminals": […]}`, or %NULL with @error set
 */
JsonObject *
studio_jupyter_list_running_finish (StudioJupyter  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  guint pending;
  GError *error;
} ShutDown;

static void
shut_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  ShutDown *data = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(JsonNode) node = studio_jupyter_call_finish (STUDIO_JUPYTER (object), result, &error);

  /* Gone already is shut down. */
  if (g_error_matches (error, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND))
    g_clear_error (&error);
  if (error != NULL && data->error == NULL)
    data->error = error;
  else
    g_clear_error (&error);
  if (--data->pending > 0)
    return;
  if (data->error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
shut_down_free (ShutDown *data)
{
  g_clear_error (&data->error);
  g_free (data);
}

/* A kernel a notebook holds goes with its session (as JupyterLab's Running
 * panel does it); another kernel, or a terminal, by itself. */
static char *
path_for (JsonObject *running,
          const char *id)
{
  JsonArray *kernels = studio_util_json_array (running, "kernels");
  JsonArray *terminals = studio_util_json_array (running, "terminals");

  for (guint i = 0; kernels != NULL && i < json_array_get_length (kernels); i++)
    {
      JsonObject *k = studio_util_json_array_object (kernels, i);

      if (g_strcmp0 (studio_util_json_string (k, "id"), id) == 0)
        return studio_util_json_string (k, "session")
          ? studio_util_path ("api/sessions/%s", studio_util_json_string (k, "session"))
          : studio_util_path ("api/kernels/%s", id);
    }
  for (guint i = 0; terminals != NULL && i < json_array_get_length (terminals); i++)
    if (g_strcmp0 (studio_util_json_string (studio_util_json_array_object (terminals, i), "name"), id) == 0)
      return studio_util_path ("api/terminals/%s", id);
  return NULL;
}

/**
 * studio_jupyter_shut_down_async:
 * @self: a Jupyter client
 * @running: what studio_jupyter_list_running_finish() returned
 * @ids: (array zero-terminated=1) (nullable): kernel ids and terminal names
 *   to shut down; %NULL for all of them
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation is done
 * @user_data: data for @callback
 *
 * Shuts down kernels (with the session of the notebook that holds one) and
 * terminals. An id that is in neither list fails with %STUDIO_ERROR_NOT_FOUND
 * before anything is shut down.
 */
void
studio_jupyter_shut_down_async (StudioJupyter       *self,
                                JsonObject          *running,
                                const char * const  *ids,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  ShutDown *data = g_new0 (ShutDown, 1);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_return_if_fail (STUDIO_IS_JUPYTER (self));
  g_return_if_fail (running != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_jupyter_shut_down_async);
  g_task_set_task_data (task, data, (GDestroyNotify) shut_down_free);
  if (ids == NULL)
    {
      JsonArray *kernels = studio_util_json_array (running, "kernels");
      JsonArray *terminals = studio_util_json_array (running, "terminals");

      for (guint i = 0; kernels != NULL && i < json_array_get_length (kernels); i++)
        g_ptr_array_add (paths, path_for (running, studio_util_json_string (studio_util_json_array_object (kernels, i), "id")));
      for (guint i = 0; terminals != NULL && i < json_array_get_length (terminals); i++)
        g_ptr_array_add (paths, path_for (running, studio_util_json_string (studio_util_json_array_object (terminals, i), "name")));
    }
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      char *path = path_for (running, ids[i]);

      if (path == NULL)
        {
          g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND,
                                   _("Nothing called “%s” runs on the worker: give a kernel's id or a "
                                     "terminal's name."), ids[i]);
          g_object_unref (task);
          return;
        }
      g_ptr_array_add (paths, path);
    }
  g_ptr_array_remove (paths, NULL);
  if (paths->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  data->pending = paths->len;
  for (guint i = 0; i < paths->len; i++)
    studio_jupyter_call_async (self, "DELETE", g_ptr_array_index (paths, i), NULL, cancellable, shut_cb, task);
}

/**
 * studio_jupyter_shut_down_finish:
 * @self: a Jupyter client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes studio_jupyter_shut_down_async().
 *
 * Returns: %TRUE when all of them are shut down
 */
gboolean
studio_jupyter_shut_down_finish (StudioJupyter  *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
kernel_posted_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(JsonNode) node = studio_jupyter_call_finish (STUDIO_JUPYTER (object), result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* POST api/kernels/ID/what: an interrupt or a restart. */
static void
kernel_post (StudioJupyter       *self,
             const char          *id,
             const char          *what,
             gpointer             tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task;
  g_autofree char *path = NULL;

  g_return_if_fail (STUDIO_IS_JUPYTER (self));
  g_return_if_fail (id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tag);
  path = studio_util_path ("api/kernels/%s/%s", id, what);
  studio_jupyter_call_async (self, "POST", path, NULL, cancellable, kernel_posted_cb, task);
}

/**
 * studio_jupyter_interrupt_kernel_async:
 * @self: a Jupyter client
 * @id: a kernel's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation is done
 * @user_data: data for @callback
 *
 * Interrupts what the kernel runs (as Ctrl+C would); its state stays.
 */
void
studio_jupyter_interrupt_kernel_async (StudioJupyter       *self,
                                       const char          *id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  kernel_post (self, id, "interrupt", studio_jupyter_interrupt_kernel_async, cancellable, callback, user_data);
}

/**
 * studio_jupyter_interrupt_kernel_finish:
 * @self: a Jupyter client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes studio_jupyter_interrupt_kernel_async().
 *
 * Returns: %TRUE when the kernel was interrupted
 */
gboolean
studio_jupyter_interrupt_kernel_finish (StudioJupyter  *self,
                                        GAsyncResult   *result,
                                        GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * studio_jupyter_restart_kernel_async:
 * @self: a Jupyter client
 * @id: a kernel's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the kernel has started again
 * @user_data: data for @callback
 *
 * Restarts the kernel: its variables are lost; a notebook that uses it
 * keeps it.
 */
void
studio_jupyter_restart_kernel_async (StudioJupyter       *self,
                                     const char          *id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  kernel_post (self, id, "restart", studio_jupyter_restart_kernel_async, cancellable, callback, user_data);
}

/**
 * studio_jupyter_restart_kernel_finish:
 * @self: a Jupyter client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes studio_jupyter_restart_kernel_async().
 *
 * Returns: %TRUE when the kernel runs again
 */
gboolean
studio_jupyter_restart_kernel_finish (StudioJupyter  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  return studio_jupyter_interrupt_kernel_finish (self, result, error);
}
