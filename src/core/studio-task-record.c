/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A task's record: one JSON file per task under the XDG data directory
 * (ai-studio/tasks/ID.json, replaced whole), the kept output and the output
 * notebook in ai-studio/tasks/ID/; reading records back (a damaged one is
 * reported, never a crash), forgetting one, and the parameters cell of a
 * notebook. The object itself is in studio-task.c. */
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "studio-compat.h"
#include "studio-error.h"
#include "studio-task-private.h"
#include "studio-util.h"

/* ---- records ------------------------------------------------------------------------ */

char *
studio_task_records_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "ai-studio", "tasks", NULL);
}

char *
studio_task_record_path (const char *id)
{
  g_autofree char *dir = studio_task_records_dir ();
  g_autofree char *name = g_strconcat (id, ".json", NULL);

  return g_build_filename (dir, name, NULL);
}

char *
studio_task_record_dir (const char *id)
{
  g_autofree char *dir = studio_task_records_dir ();

  return g_build_filename (dir, id, NULL);
}

/* "py", "sh", "ipynb", or NULL for a file a task cannot run. */
const char *
studio_task_kind (const char *file)
{
  const char *dot = file ? strrchr (file, '.') : NULL;

  if (dot == NULL || strchr (dot, '/') != NULL)
    return NULL;
  if (g_ascii_strcasecmp (dot, ".py") == 0)
    return "py";
  if (g_ascii_strcasecmp (dot, ".sh") == 0)
    return "sh";
  if (g_ascii_strcasecmp (dot, ".ipynb") == 0)
    return "ipynb";
  return NULL;
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_time (JsonBuilder *b,
          const char  *name,
          GDateTime   *time)
{
  g_autofree char *text = time ? g_date_time_format_iso8601 (time) : NULL;

  add_string (b, name, text);
}

gboolean
studio_task_save (StudioTask  *self,
                  GError     **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) params = json_node_init_object (json_node_alloc (), self->parameters);
  g_autofree char *text = NULL;
  g_autofree char *dir = studio_task_records_dir ();
  g_autofree char *path = studio_task_record_path (self->id);

  json_builder_begin_object (b);
  add_string (b, "id", self->id);
  add_string (b, "file", self->file);
  add_string (b, "files_dir", self->files_dir);
  add_string (b, "region", self->region_id);
  add_string (b, "size", self->size);
  add_string (b, "image", self->image);
  add_string (b, "startup_script", self->startup_script);
  add_string (b, "venv", self->venv);
  add_string (b, "policy", studio_task_policy_names[self->policy]);
  json_builder_set_member_name (b, "capture");
  json_builder_add_boolean_value (b, self->capture);
  json_builder_set_member_name (b, "timeout_seconds");
  json_builder_add_int_value (b, self->timeout_seconds);
  json_builder_set_member_name (b, "parameters");
  json_builder_add_value (b, json_node_copy (params));
  add_string (b, "state", studio_task_state_names[self->state]);
  add_string (b, "worker", self->worker_name);
  add_string (b, "worker_id", self->worker_id);
  add_string (b, "kernel_id", self->kernel_id);
  json_builder_set_member_name (b, "exit_status");
  if (self->exit_status >= 0)
    json_builder_add_int_value (b, self->exit_status);
  else
    json_builder_add_null_value (b);
  add_string (b, "message", self->message);
  add_time (b, "created", self->created);
  add_time (b, "started", self->started);
  add_time (b, "ended", self->ended);
  json_builder_set_member_name (b, "kept");
  json_builder_add_boolean_value (b, self->kept);
  add_string (b, "output_notebook", self->output_notebook);
  json_builder_set_member_name (b, "cancel_requested");
  json_builder_add_boolean_value (b, self->cancel_requested);
  json_builder_set_member_name (b, "client_pid");
  json_builder_add_int_value (b, self->client_pid);
  add_string (b, "client_host", self->client_host);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  text = json_to_string (root, TRUE);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot make the folder of task records %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  /* Written to a new file, then renamed over the old: never half a record.
   * The end is also flushed to the disk; the steps before cost no fsync. */
  if (!g_file_set_contents_full (path, text, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT |
                                 (studio_task_state_is_final (self->state) ? G_FILE_SET_CONTENTS_DURABLE : 0),
                                 0600, error))
    {
      g_prefix_error (error, _("Cannot save the record of task %s: "), self->id);
      return FALSE;
    }
  return TRUE;
}

static GDateTime *
parse_time (JsonObject *o,
            const char *name)
{
  const char *text = studio_util_json_string (o, name);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  return text ? g_date_time_new_from_iso8601 (text, utc) : NULL;
}

static void
dup_field (char      **field,
           JsonObject *o,
           const char *name)
{
  g_free (*field);
  *field = g_strdup (studio_util_json_string (o, name));
}

/* Fills self from a record's text; FALSE with error for one that is damaged. */
static gboolean
apply_record (StudioTask  *self,
              const char  *data,
              gsize        len,
              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o, *params;
  int state, policy;
  gint64 exit_status;

  if (!studio_util_json_load (parser, data, len, NULL) || (o = studio_util_json_root_object (parser)) == NULL ||
      studio_util_json_string (o, "id") == NULL || studio_util_json_string (o, "file") == NULL ||
      (state = studio_task_name_index (studio_task_state_names, G_N_ELEMENTS (studio_task_state_names), studio_util_json_string (o, "state"))) < 0)
    {
      g_set_error (error, STUDIO_ERROR, STUDIO_ERROR_BAD_REPLY, _("The task's record is damaged."));
      return FALSE;
    }
  policy = studio_task_name_index (studio_task_policy_names, G_N_ELEMENTS (studio_task_policy_names), studio_util_json_string (o, "policy"));
  dup_field (&self->id, o, "id");
  dup_field (&self->file, o, "file");
  dup_field (&self->files_dir, o, "files_dir");
  dup_field (&self->region_id, o, "region");
  dup_field (&self->size, o, "size");
  dup_field (&self->image, o, "image");
  dup_field (&self->startup_script, o, "startup_script");
  dup_field (&self->venv, o, "venv");
  self->policy = policy < 0 ? STUDIO_TASK_POLICY_TERMINATE : (StudioTaskPolicy) policy;
  self->capture = (json_object_has_member (o, "capture") ? studio_util_json_bool (o, "capture") : TRUE);
  self->timeout_seconds = (guint) CLAMP (studio_util_json_int (o, "timeout_seconds", 0), 0, G_MAXINT);
  if ((params = studio_util_json_object (o, "parameters")) != NULL)
    {
      g_clear_pointer (&self->parameters, json_object_unref);
      self->parameters = json_object_ref (params);
    }
  g_set_str (&self->worker_name, studio_util_json_string (o, "worker"));
  dup_field (&self->worker_id, o, "worker_id");
  dup_field (&self->kernel_id, o, "kernel_id");
  exit_status = studio_util_json_int (o, "exit_status", -1);
  self->exit_status = exit_status < 0 || exit_status > G_MAXINT ? -1 : (int) exit_status;
  dup_field (&self->message, o, "message");
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->started, g_date_time_unref);
  g_clear_pointer (&self->ended, g_date_time_unref);
  self->created = parse_time (o, "created");
  self->started = parse_time (o, "started");
  self->ended = parse_time (o, "ended");
  self->kept = studio_util_json_bool (o, "kept");
  dup_field (&self->output_notebook, o, "output_notebook");
  self->cancel_requested = studio_util_json_bool (o, "cancel_requested");
  self->client_pid = studio_util_json_int (o, "client_pid", 0);
  dup_field (&self->client_host, o, "client_host");
  self->state = (StudioTaskState) state;
  return TRUE;
}

/* Reads a record (the fuzzers call it too: no network). */
StudioTask *
studio_task_new_from_record (StudioRegions *regions,
                             const char    *data,
                             gsize          len,
                             GError       **error)
{
  g_autoptr(StudioTask) self = g_object_new (STUDIO_TYPE_TASK, NULL);

  if (!apply_record (self, data, len, error))
    return NULL;
  if (regions != NULL && self->region_id != NULL)
    self->region = studio_regions_lookup (regions, self->region_id);
  return g_steal_pointer (&self);
}

/* Reads the record again, as another process may have moved the task on. */
gboolean
studio_task_reload (StudioTask  *self,
                    GError     **error)
{
  g_autofree char *path = studio_task_record_path (self->id);
  g_autofree char *data = NULL;
  gsize len;
  StudioTaskState before = self->state;
  g_autofree char *before_worker = g_strdup (self->worker_name);

  if (!g_file_get_contents (path, &data, &len, error))
    return FALSE;
  if (!apply_record (self, data, len, error))
    return FALSE;
  if (before != self->state)
    g_object_notify (G_OBJECT (self), "state");
  if (g_strcmp0 (before_worker, self->worker_name) != 0)
    g_object_notify (G_OBJECT (self), "worker-name");
  return TRUE;
}

static gint
newest_first (gconstpointer a,
              gconstpointer b)
{
  StudioTask *x = *(StudioTask **) a, *y = *(StudioTask **) b;

  if (x->created == NULL || y->created == NULL)
    return (x->created == NULL) - (y->created == NULL);
  return g_date_time_compare (y->created, x->created);
}

/**
 * studio_task_load_all:
 * @regions: (nullable): the registry, to give each task its region
 * @damaged: (out) (optional) (transfer full) (array zero-terminated=1): the
 *   records that could not be read, each as "FILE: why"
 *
 * Every task's record, newest first. A damaged record is left out and named
 * in @damaged, never a failure of the whole.
 *
 * Returns: (transfer container) (element-type StudioTask): the tasks
 */
GPtrArray *
studio_task_load_all (StudioRegions   *regions,
                      char          ***damaged)
{
  g_autofree char *dir = studio_task_records_dir ();
  GPtrArray *tasks = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GStrvBuilder) bad = g_strv_builder_new ();
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *data = NULL;
      g_autoptr(GError) error = NULL;
      gsize len;
      StudioTask *task;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (!g_file_get_contents (path, &data, &len, &error) ||
          (task = studio_task_new_from_record (regions, data, len, &error)) == NULL)
        {
          g_autofree char *line = g_strdup_printf ("%s: %s", path, error->message);
          g_strv_builder_add (bad, line);
          continue;
        }
      g_ptr_array_add (tasks, task);
    }
  g_ptr_array_sort (tasks, newest_first);
  if (damaged != NULL)
    *damaged = g_strv_builder_end (bad);
  return tasks;
}

/**
 * studio_task_load:
 * @regions: (nullable): the registry, to give the task its region
 * @id_or_prefix: a task's id, or the start of exactly one
 * @error: return location for a #GError
 *
 * The task with that id.
 *
 * Returns: (transfer full) (nullable): the task, or %NULL with @error set
 */
StudioTask *
studio_task_load (StudioRegions  *regions,
                  const char     *id_or_prefix,
                  GError        **error)
{
  g_autoptr(GPtrArray) tasks = NULL;
  StudioTask *found = NULL;
  guint matches = 0;

  g_return_val_if_fail (id_or_prefix != NULL, NULL);

  tasks = studio_task_load_all (regions, NULL);
  for (guint i = 0; i < tasks->len; i++)
    {
      StudioTask *task = g_ptr_array_index (tasks, i);

      if (g_str_equal (task->id, id_or_prefix))
        return g_object_ref (task);
      if (*id_or_prefix != '\0' && g_str_has_prefix (task->id, id_or_prefix))
        {
          found = task;
          matches++;
        }
    }
  if (matches == 1)
    return g_object_ref (found);
  if (matches > 1)
    g_set_error (error, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND,
                 _("“%s” is the start of %u tasks' ids: give more of it."), id_or_prefix, matches);
  else
    g_set_error (error, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND, _("There is no task “%s”."), id_or_prefix);
  return NULL;
}

static gboolean
remove_tree (GFile   *file,
             GError **error)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                    G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFile *child;

  while (children != NULL && g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) && child != NULL)
    if (!remove_tree (child, error))
      return FALSE;
  if (!g_file_delete (file, NULL, error))
    return g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ? (g_clear_error (error), TRUE) : FALSE;
  return TRUE;
}

/**
 * studio_task_remove:
 * @self: a task that has ended
 * @error: return location for a #GError
 *
 * Forgets the task: its record, output log and output notebook.
 *
 * Returns: %TRUE when the record is gone
 */
gboolean
studio_task_remove (StudioTask  *self,
                    GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GFile) folder = NULL;

  g_return_val_if_fail (STUDIO_IS_TASK (self), FALSE);

  if (!studio_task_state_is_final (self->state))
    {
      g_set_error (error, STUDIO_ERROR, STUDIO_ERROR_FAILED,
                   _("Task %s is still %s: cancel it first."), self->id,
                   studio_task_state_to_string (self->state));
      return FALSE;
    }
  dir = studio_task_record_dir (self->id);
  folder = g_file_new_for_path (dir);
  if (!remove_tree (folder, error))
    return FALSE;
  path = studio_task_record_path (self->id);
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot remove %s: %s"), path,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* ---- notebooks ---------------------------------------------------------------------- */

/**
 * studio_task_read_notebook_parameters:
 * @file: a notebook
 * @error: return location for a #GError
 *
 * The assignments of the notebook's cell tagged `parameters` (papermill's
 * convention), each name with its value as written (`alpha = 0.5` gives
 * "alpha": "0.5"), in order; empty when no cell is tagged.
 *
 * Returns: (transfer full) (nullable): the parameters, or %NULL with @error set
 */
JsonObject *
studio_task_read_notebook_parameters (const char  *file,
                                      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *data = NULL;
  gsize len;
  JsonObject *root, *result;
  JsonArray *cells;

  g_return_val_if_fail (file != NULL, NULL);

  if (!g_file_get_contents (file, &data, &len, error))
    return NULL;
  if (!studio_util_json_load (parser, data, len, NULL) || (root = studio_util_json_root_object (parser)) == NULL ||
      (cells = studio_util_json_array (root, "cells")) == NULL)
    {
      g_set_error (error, STUDIO_ERROR, STUDIO_ERROR_BAD_REPLY, _("%s is not a Jupyter notebook."), file);
      return NULL;
    }
  result = json_object_new ();
  for (guint i = 0; i < json_array_get_length (cells); i++)
    {
      JsonObject *cell = studio_util_json_array_object (cells, i);
      JsonObject *metadata = cell ? studio_util_json_object (cell, "metadata") : NULL;
      JsonArray *tags = metadata ? studio_util_json_array (metadata, "tags") : NULL;
      gboolean tagged = FALSE;
      g_autoptr(GString) source = g_string_new (NULL);
      JsonNode *node;
      g_auto(GStrv) lines = NULL;

      for (guint t = 0; tags != NULL && t < json_array_get_length (tags); t++)
        tagged |= g_strcmp0 (studio_util_json_array_string (tags, t), "parameters") == 0;
      if (!tagged)
        continue;
      node = json_object_get_member (cell, "source");
      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        for (guint l = 0; l < json_array_get_length (json_node_get_array (node)); l++)
          g_string_append (source, studio_util_json_array_string (json_node_get_array (node), l) ?: "");
      else if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_string_append (source, json_node_get_string (node));
      lines = g_strsplit (source->str, "\n", -1);
      for (guint l = 0; lines[l] != NULL; l++)
        {
          g_autofree char *line = g_strstrip (g_strdup (lines[l]));
          char *equals = strchr (line, '=');
          char *hash;
          g_autofree char *name = NULL;
          g_autofree char *value = NULL;

          if (equals == NULL || line[0] == '#' || equals[1] == '=')
            continue;
          name = g_strstrip (g_strndup (line, equals - line));
          /* "x: int = 3" is annotated; the name is before the colon */
          if (strchr (name, ':') != NULL)
            *strchr (name, ':') = '\0', g_strstrip (name);
          value = g_strdup (equals + 1);
          if ((hash = strstr (value, "  #")) != NULL || (hash = strstr (value, " #")) != NULL)
            *hash = '\0';
          g_strstrip (value);
          if (studio_task_is_identifier (name))
            json_object_set_string_member (result, name, value);
        }
      break;
    }
  return result;
}
