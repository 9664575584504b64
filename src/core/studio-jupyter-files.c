/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Files in and out of a worker through the Jupyter contents API: uploads in
 * chunks as JupyterLab sends them (the server's LargeFileManager appends
 * each); downloads are in studio-jupyter-download.c. Never a whole file in
 * memory; bytes kept exactly. */
#include <glib/gi18n-lib.h>

#include "studio-error.h"
#include "studio-http.h"
#include "studio-jupyter-files-private.h"
#include "studio-util.h"

#define CHUNK_SIZE (4 * 1024 * 1024)   /* raw bytes per PUT; base64 makes it a third more */

/* "a b/c" under prefix as "prefix/a%20b/c": each segment escaped, the
 * slashes kept; NULL for a path that climbs out ("..") or is empty. */
char *
files_segments_path (const char *prefix,
               const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  GString *s = g_string_new (prefix);
  gboolean any = FALSE;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *escaped = NULL;

      if (*parts[i] == '\0' || g_str_equal (parts[i], "."))
        continue;
      if (g_str_equal (parts[i], ".."))
        {
          g_string_free (s, TRUE);
          return NULL;
        }
      escaped = g_uri_escape_string (parts[i], NULL, FALSE);
      g_string_append_printf (s, "%s%s", any ? "/" : "", escaped);
      any = TRUE;
    }
  return g_string_free (s, FALSE);
}

gboolean
files_check_remote_path (const char  *path,
                   GError     **error)
{
  g_autofree char *escaped = files_segments_path ("", path);

  if (escaped == NULL)
    {
      g_set_error (error, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND,
                   _("“%s” is not a path in the worker's home: give it without “..”."), path);
      return FALSE;
    }
  return TRUE;
}



void
files_entry_free (Entry *entry)
{
  g_clear_object (&entry->local);
  g_free (entry->remote);
  g_free (entry);
}



void
transfer_free (Transfer *transfer)
{
  g_clear_pointer (&transfer->entries, g_ptr_array_unref);
  if (transfer->progress_destroy != NULL)
    transfer->progress_destroy (transfer->progress_data);
  g_clear_object (&transfer->input);
  g_clear_object (&transfer->output);
  g_clear_pointer (&transfer->held, g_bytes_unref);
  g_clear_object (&transfer->msg);
  g_free (transfer->block);
  g_free (transfer);
}

Transfer *
transfer_new (StudioTransferFunc progress,
              gpointer           progress_data,
              GDestroyNotify     progress_destroy)
{
  Transfer *transfer = g_new0 (Transfer, 1);

  transfer->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) files_entry_free);
  transfer->progress = progress;
  transfer->progress_data = progress_data;
  transfer->progress_destroy = progress_destroy;
  return transfer;
}

void
transfer_add_progress (Transfer *transfer,
              gsize     bytes)
{
  transfer->done += bytes;
  if (transfer->progress != NULL)
    transfer->progress (transfer->done, transfer->total, transfer->progress_data);
}

/* Ends the transfer with error (the task's reference goes with it). */
void
transfer_fail (GTask  *task,
      GError *error)
{
  Transfer *transfer = g_task_get_task_data (task);
  Entry *entry = transfer->entries && transfer->next < transfer->entries->len
    ? g_ptr_array_index (transfer->entries, transfer->next) : NULL;

  /* A file moved in part goes: half a file would pass for the whole. */
  if (entry != NULL && transfer->output != NULL)
    {
      g_output_stream_close (transfer->output, NULL, NULL);
      g_clear_object (&transfer->output);
      g_file_delete (entry->local, NULL, NULL);
    }
  else if (entry != NULL && !entry->directory && entry->remote != NULL &&
           (transfer->input != NULL || transfer->chunk > 0))
    {
      g_autofree char *path = files_segments_path ("api/contents/", entry->remote);

      if (path != NULL)
        studio_jupyter_call_async (g_task_get_source_object (task), "DELETE", path, NULL, NULL, NULL, NULL);
    }
  g_task_return_error (task, error);
  g_object_unref (task);
}

/* ---- upload ---------------------------------------------------------------------- */

/* The local tree, walked in a thread: directories before what they hold.
 * The file or folder the user chose is taken as it is, a link too; links
 * inside a folder are not followed: they may lead out of it (a home's
 * ~/.ssh) or back into it, without end. */
static gboolean
walk_local (GFile       *file,
            const char  *remote,
            gboolean     chosen,
            Transfer    *transfer,
            GCancellable *cancellable,
            GError     **error)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 chosen ? G_FILE_QUERY_INFO_NONE : G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                                 cancellable, error);
  Entry *entry;

  if (info == NULL)
    return FALSE;
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_SYMBOLIC_LINK ||
      g_file_info_get_file_type (info) == G_FILE_TYPE_SPECIAL)
    return TRUE;
  entry = g_new0 (Entry, 1);
  entry->local = g_object_ref (file);
  entry->remote = g_strdup (remote);
  entry->directory = g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY;
  entry->known = TRUE;
  entry->size = entry->directory ? 0 : (guint64) g_file_info_get_size (info);
  transfer->total += entry->size;
  g_ptr_array_add (transfer->entries, entry);
  if (entry->directory)
    {
      g_autoptr(GFileEnumerator) children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                        G_FILE_QUERY_INFO_NONE, cancellable, error);
      GFileInfo *child;
      GFile *child_file;

      if (children == NULL)
        return FALSE;
      while (g_file_enumerator_iterate (children, &child, &child_file, cancellable, error) && child != NULL)
        {
          g_autofree char *child_remote = NULL;

          if (transfer->skip_hidden && g_file_info_get_name (child)[0] == '.')
            continue;
          child_remote = g_build_path ("/", remote, g_file_info_get_name (child), NULL);
          if (!walk_local (child_file, child_remote, FALSE, transfer, cancellable, error))
            return FALSE;
        }
      if (error != NULL && *error != NULL)
        return FALSE;
    }
  return TRUE;
}

static void
walk_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Transfer *transfer = task_data;
  Entry *root = g_ptr_array_index (transfer->entries, 0);
  g_autoptr(GFile) file = g_object_ref (root->local);
  g_autofree char *remote = g_strdup (root->remote);
  GError *error = NULL;

  g_ptr_array_set_size (transfer->entries, 0);
  if (!walk_local (file, remote, TRUE, transfer, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}


static void upload_next (GTask *task);
static void read_chunk (GTask *task);

static void
entry_done (GTask *task)
{
  Transfer *transfer = g_task_get_task_data (task);

  g_clear_object (&transfer->input);
  g_clear_pointer (&transfer->held, g_bytes_unref);
  transfer->chunk = 0;
  transfer->next++;
  upload_next (task);
}

static void
put_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  Transfer *transfer = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(JsonNode) node = studio_jupyter_call_finish (STUDIO_JUPYTER (object), result, &error);
  Entry *entry = g_ptr_array_index (transfer->entries, transfer->next);

  if (error != NULL)
    {
      g_prefix_error (&error, _("Could not write %s on the worker: "), entry->remote);
      transfer_fail (task, error);
      return;
    }
  if (transfer->input == NULL)   /* a directory, or the last of a file */
    entry_done (task);
  else
    read_chunk (task);
}

/* PUTs the held chunk; number 0: the whole file at once; -1: the last. The
 * body is written here: base64 needs no escaping, and json-glib's generator
 * would copy megabytes a character at a time. */
static void
put_chunk (GTask  *task,
           int     number,
           GBytes *bytes)
{
  StudioJupyter *self = g_task_get_source_object (task);
  Transfer *transfer = g_task_get_task_data (task);
  Entry *entry = g_ptr_array_index (transfer->entries, transfer->next);
  g_autofree char *path = files_segments_path ("api/contents/", entry->remote);
  gsize len = 0;
  const guchar *data = g_bytes_get_data (bytes, &len);
  GString *body = g_string_sized_new (len / 3 * 4 + 128);
  g_autoptr(GBytes) json = NULL;
  int state = 0, save = 0;
  gsize encoded;

  g_string_append (body, "{\"type\": \"file\", \"format\": \"base64\", ");
  if (number != 0)
    g_string_append_printf (body, "\"chunk\": %d, ", number);
  g_string_append (body, "\"content\": \"");
  /* Encoded in place, without line breaks. */
  g_string_set_size (body, body->len + (len / 3 + 1) * 4 + 4);
  encoded = body->len - ((len / 3 + 1) * 4 + 4);
  {
    gsize start = encoded;
    gsize n = g_base64_encode_step (data, len, FALSE, body->str + start, &state, &save);
    n += g_base64_encode_close (FALSE, body->str + start + n, &state, &save);
    g_string_truncate (body, start + n);
  }
  g_string_append (body, "\"}");
  json = g_string_free_to_bytes (body);
  transfer_add_progress (transfer, len);
  studio_jupyter_call_bytes_async (self, "PUT", path, json, g_task_get_cancellable (task), put_done_cb, task);
}

static void
chunk_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  Transfer *transfer = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  g_autoptr(GBytes) held = NULL;

  if (bytes == NULL)
    {
      transfer_fail (task, error);
      return;
    }
  /* One chunk behind the reader, so that the last is known as the last. */
  held = g_steal_pointer (&transfer->held);
  if (held == NULL && g_bytes_get_size (bytes) > 0)
    {
      transfer->held = g_steal_pointer (&bytes);
      read_chunk (task);
      return;
    }
  if (g_bytes_get_size (bytes) == 0)
    {
      /* The end: the held chunk is the last (or the file is empty). */
      g_clear_object (&transfer->input);
      put_chunk (task, transfer->chunk == 0 ? 0 : -1, held ? held : bytes);
      return;
    }
  transfer->held = g_steal_pointer (&bytes);
  put_chunk (task, ++transfer->chunk, held);
}

static void
read_chunk (GTask *task)
{
  Transfer *transfer = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (transfer->input, CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), chunk_read_cb, task);
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  Transfer *transfer = g_task_get_task_data (task);
  GError *error = NULL;

  transfer->input = G_INPUT_STREAM (g_file_read_finish (G_FILE (object), result, &error));
  if (transfer->input == NULL)
    {
      transfer_fail (task, error);
      return;
    }
  read_chunk (task);
}

static void
upload_next (GTask *task)
{
  StudioJupyter *self = g_task_get_source_object (task);
  Transfer *transfer = g_task_get_task_data (task);
  Entry *entry;

  if (transfer->next >= transfer->entries->len)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  entry = g_ptr_array_index (transfer->entries, transfer->next);
  if (entry->directory)
    {
      g_autofree char *path = files_segments_path ("api/contents/", entry->remote);
      g_autoptr(JsonNode) body = json_from_string ("{\"type\": \"directory\"}", NULL);

      studio_jupyter_call_async (self, "PUT", path, body, g_task_get_cancellable (task), put_done_cb, task);
      return;
    }
  g_file_read_async (entry->local, G_PRIORITY_DEFAULT, g_task_get_cancellable (task), opened_cb, task);
}

static void
walked_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      transfer_fail (task, error);
      return;
    }
  upload_next (task);
}

/**
 * studio_jupyter_upload_async:
 * @self: a Jupyter client
 * @source: a local file or folder
 * @path: where it goes, relative to the worker's home (the new name, not the folder it goes into)
 * @progress: (scope notified) (nullable): called as bytes go out, with the bytes sent and
 *   the bytes to send in all
 * @progress_data: (closure progress): data for @progress
 * @progress_destroy: (destroy progress_data): frees @progress_data
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when everything is on the worker, or not
 * @user_data: data for @callback
 *
 * Copies a file, or a folder with everything in it, to the worker through
 * the Jupyter contents API: files in chunks (as JupyterLab uploads), bytes
 * exactly as they are, never a whole file in memory. What is already at
 * @path is replaced.
 */
void
studio_jupyter_upload_async (StudioJupyter       *self,
                             GFile               *source,
                             const char          *path,
                             StudioTransferFunc   progress,
                             gpointer             progress_data,
                             GDestroyNotify       progress_destroy,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  studio_jupyter_upload_full_async (self, source, path, FALSE, progress, progress_data, progress_destroy,
                                    cancellable, callback, user_data);
}

/* The same, leaving out hidden files and folders when skip_hidden; the
 * source tag stays studio_jupyter_upload_async. */
void
studio_jupyter_upload_full_async (StudioJupyter       *self,
                                  GFile               *source,
                                  const char          *path,
                                  gboolean             skip_hidden,
                                  StudioTransferFunc   progress,
                                  gpointer             progress_data,
                                  GDestroyNotify       progress_destroy,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  g_autoptr(GTask) walk = NULL;
  Transfer *transfer = transfer_new (progress, progress_data, progress_destroy);
  Entry *root = g_new0 (Entry, 1);
  GError *error = NULL;

  g_return_if_fail (STUDIO_IS_JUPYTER (self));
  g_return_if_fail (G_IS_FILE (source));
  g_return_if_fail (path != NULL);

  transfer->skip_hidden = skip_hidden;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_jupyter_upload_async);
  g_task_set_task_data (task, transfer, (GDestroyNotify) transfer_free);
  if (!files_check_remote_path (path, &error))
    {
      transfer_fail (task, error);
      files_entry_free (root);
      return;
    }
  root->local = g_object_ref (source);
  root->remote = g_strdup (path);
  g_ptr_array_add (transfer->entries, root);
  /* The walk fills the same plan, off the main thread. */
  walk = g_task_new (self, cancellable, walked_cb, task);
  g_task_set_task_data (walk, transfer, NULL);
  g_task_run_in_thread (walk, walk_thread);
}

/**
 * studio_jupyter_upload_finish:
 * @self: a Jupyter client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes an upload.
 *
 * Returns: %TRUE when everything is on the worker
 */
gboolean
studio_jupyter_upload_finish (StudioJupyter  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- for tasks ------------------------------------------------------------------ */

/* How many bytes an upload of source would send (hidden names left out when
 * skip_hidden). Blocks: call it in a thread. */
gboolean
studio_jupyter_measure_upload (GFile         *source,
                               gboolean       skip_hidden,
                               guint64       *bytes,
                               GCancellable  *cancellable,
                               GError       **error)
{
  Transfer *transfer = transfer_new (NULL, NULL, NULL);
  gboolean ok;

  transfer->skip_hidden = skip_hidden;
  ok = walk_local (source, "", TRUE, transfer, cancellable, error);
  *bytes = transfer->total;
  transfer_free (transfer);
  return ok;
}