/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Files out of a worker: streamed from /files/ in blocks, folders listed
 * through the contents API without counting as activity; and the bytes of a
 * growing file from an offset, for a task's log. Never a whole file in
 * memory; bytes kept exactly. */
#include <glib/gi18n-lib.h>

#include "studio-error.h"
#include "studio-http.h"
#include "studio-jupyter-files-private.h"
#include "studio-util.h"

#define READ_SIZE  (1024 * 1024)   /* a download's block */

/* ---- download --------------------------------------------------------------------- */

static void download_next (GTask *task);

/* Lists a remote folder (without counting as activity), adding its entries. */
static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  Transfer *transfer = g_task_get_task_data (task);
  Entry *entry = g_ptr_array_index (transfer->entries, transfer->next);
  GError *error = NULL;
  g_autoptr(JsonNode) node = studio_jupyter_call_finish (STUDIO_JUPYTER (object), result, &error);
  JsonObject *model = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *type = studio_util_json_string (model, "type");
  JsonArray *content;

  if (error != NULL)
    {
      if (g_error_matches (error, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND))
        {
          g_clear_error (&error);
          error = g_error_new (STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND, _("There is no “%s” on the worker."),
                               entry->remote);
        }
      transfer_fail (task, error);
      return;
    }
  entry->known = TRUE;
  if (g_strcmp0 (type, "directory") != 0)
    {
      /* A file (or notebook): its size is known now. */
      entry->directory = FALSE;
      entry->size = (guint64) MAX (studio_util_json_int (model, "size", 0), 0);
      transfer->total += entry->size;
      download_next (task);
      return;
    }
  entry->directory = TRUE;
  content = studio_util_json_array (model, "content");
  if (content == NULL)
    {
      /* Asked without content: now list it. */
      download_next (task);
      return;
    }
  for (guint i = 0; content != NULL && i < json_array_get_length (content); i++)
    {
      JsonObject *child = studio_util_json_array_object (content, i);
      const char *name = studio_util_json_string (child, "name");
      const char *child_type = studio_util_json_string (child, "type");
      Entry *added;

      /* A worker's listing is the worker's: "" would be the folder itself
       * again (a download that never ends), "." and ".." not in it. */
      if (name == NULL || *name == '\0' || strchr (name, '/') != NULL || g_str_equal (name, "..") ||
          g_str_equal (name, "."))
        continue;
      added = g_new0 (Entry, 1);
      added->remote = g_build_path ("/", entry->remote, name, NULL);
      added->local = g_file_get_child (entry->local, name);
      added->directory = g_strcmp0 (child_type, "directory") == 0;
      added->known = TRUE;
      added->size = added->directory ? 0 : (guint64) MAX (studio_util_json_int (child, "size", 0), 0);
      transfer->total += added->size;
      /* Folders are listed when their turn comes; files are fetched then. */
      g_ptr_array_add (transfer->entries, added);
    }
  if (!g_file_make_directory_with_parents (entry->local, g_task_get_cancellable (task), &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      transfer_fail (task, error);
      return;
    }
  g_clear_error (&error);
  transfer->next++;
  download_next (task);
}

static void write_next (GTask *task);

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Transfer *transfer = g_task_get_task_data (task);
  GError *error = NULL;
  gsize written = 0;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, &written, &error))
    {
      transfer_fail (task, error);
      return;
    }
  transfer_add_progress (transfer, written);
  write_next (task);
}

static void
closed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  Transfer *transfer = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_output_stream_close_finish (G_OUTPUT_STREAM (object), result, &error))
    {
      transfer_fail (task, error);
      return;
    }
  g_clear_object (&transfer->output);
  g_clear_object (&transfer->input);
  g_clear_object (&transfer->msg);
  transfer->next++;
  download_next (task);
}

/* The block is full, or the reply has ended: write it, or close the file. */
static void
block_filled (GTask  *task,
              gsize   len,
              GError *error)
{
  Transfer *transfer = g_task_get_task_data (task);

  if (error != NULL)
    {
      transfer_fail (task, error);
      return;
    }
  if (len == 0)
    {
      g_output_stream_close_async (transfer->output, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                   closed_cb, task);
      return;
    }
  /* A whole block per write: a local file's writes each go to a thread. */
  g_output_stream_write_all_async (transfer->output, transfer->block, len, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), written_cb, task);
}

static void
block_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GError *error = NULL;
  gsize len = 0;

  g_input_stream_read_all_finish (G_INPUT_STREAM (object), result, &len, &error);
  block_filled (user_data, len, error);
}

static gboolean fill_block (GPollableInputStream *stream, gpointer user_data);

/* Reads what the reply has without waiting, as much as the block holds,
 * then waits for more only when nothing is there: one main loop turn per
 * wait rather than per small read (a reply comes in pieces of a few KiB). */
static gboolean
fill_block (GPollableInputStream *stream,
            gpointer              user_data)
{
  GTask *task = user_data;
  Transfer *transfer = g_task_get_task_data (task);
  GError *error = NULL;

  while (transfer->filled < READ_SIZE)
    {
      gssize n = g_pollable_input_stream_read_nonblocking (stream, transfer->block + transfer->filled,
                                                           READ_SIZE - transfer->filled,
                                                           g_task_get_cancellable (task), &error);
      if (n > 0)
        {
          transfer->filled += n;
          continue;
        }
      if (n == 0)
        break;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          g_autoptr(GSource) source = g_pollable_input_stream_create_source (stream, g_task_get_cancellable (task));

          g_clear_error (&error);
          g_source_set_callback (source, (GSourceFunc) (void (*) (void)) fill_block, task, NULL);
          g_source_attach (source, g_task_get_context (task));
          return G_SOURCE_REMOVE;
        }
      break;
    }
  {
    gsize len = transfer->filled;

    transfer->filled = 0;
    block_filled (task, error != NULL ? 0 : len, error);
  }
  return G_SOURCE_REMOVE;
}

static void
write_next (GTask *task)
{
  Transfer *transfer = g_task_get_task_data (task);

  if (transfer->block == NULL)
    transfer->block = g_malloc (READ_SIZE);
  /* A block filled from the reply's many small reads, then written at once. */
  if (G_IS_POLLABLE_INPUT_STREAM (transfer->input) &&
      g_pollable_input_stream_can_poll (G_POLLABLE_INPUT_STREAM (transfer->input)))
    fill_block (G_POLLABLE_INPUT_STREAM (transfer->input), task);
  else
    g_input_stream_read_all_async (transfer->input, transfer->block, READ_SIZE, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), block_read_cb, task);
}

static void
replaced_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  Transfer *transfer = g_task_get_task_data (task);
  GError *error = NULL;

  transfer->output = G_OUTPUT_STREAM (g_file_replace_finish (G_FILE (object), result, &error));
  if (transfer->output == NULL)
    {
      transfer_fail (task, error);
      return;
    }
  write_next (task);
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  StudioJupyter *self = g_task_get_source_object (task);
  Transfer *transfer = g_task_get_task_data (task);
  Entry *entry = g_ptr_array_index (transfer->entries, transfer->next);
  GError *error = NULL;
  guint status;

  transfer->input = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (transfer->input == NULL)
    {
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_NOT_RUNNING,
                               _("The worker's Jupyter server at %s does not answer: %s"),
                               studio_jupyter_get_base_url (self), error->message);
      g_error_free (error);
      g_object_unref (task);
      return;
    }
  status = soup_message_get_status (transfer->msg);
  if (status != 200)
    {
      g_task_return_new_error (task, STUDIO_ERROR, status == 404 ? STUDIO_ERROR_NOT_FOUND : STUDIO_ERROR_FAILED,
                               _("Could not read %s from the worker (HTTP %u)."), entry->remote, status);
      g_object_unref (task);
      return;
    }
  g_file_replace_async (entry->local, NULL, FALSE, G_FILE_CREATE_NONE, G_PRIORITY_DEFAULT,
                        g_task_get_cancellable (task), replaced_cb, task);
}

static void
download_next (GTask *task)
{
  StudioJupyter *self = g_task_get_source_object (task);
  Transfer *transfer = g_task_get_task_data (task);
  Entry *entry;
  g_autofree char *path = NULL;
  GError *error = NULL;

  if (transfer->next >= transfer->entries->len)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  entry = g_ptr_array_index (transfer->entries, transfer->next);
  if (!entry->known || entry->directory)
    {
      g_autofree char *list = files_segments_path ("api/contents/", entry->remote);
      /* What it is first, without its content (a file's would come whole,
       * in base64); a folder is then listed. */
      g_autofree char *query = g_strconcat (list, entry->known ? "?content=1&no_track_activity=1"
                                                              : "?content=0&no_track_activity=1", NULL);

      studio_jupyter_call_async (self, "GET", query, NULL, g_task_get_cancellable (task), listed_cb, task);
      return;
    }
  path = files_segments_path ("files/", entry->remote);
  transfer->msg = studio_jupyter_new_message (self, "GET", path, &error);
  if (transfer->msg == NULL)
    {
      transfer_fail (task, error);
      return;
    }
  soup_session_send_async (studio_jupyter_get_session (self), transfer->msg, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), fetched_cb, task);
}

/**
 * studio_jupyter_download_async:
 * @self: a Jupyter client
 * @path: a file or folder, relative to the worker's home
 * @destination: the local file or folder to make (its parent must exist)
 * @progress: (scope notified) (nullable): called as bytes come in, with the bytes
 *   received and the bytes known to come
 * @progress_data: (closure progress): data for @progress
 * @progress_destroy: (destroy progress_data): frees @progress_data
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when everything is here, or not
 * @user_data: data for @callback
 *
 * Copies a file, or a folder with everything in it, from the worker: files
 * streamed from `/files/`, bytes exactly as they are, never a whole file in
 * memory. Reading the folders does not count as activity.
 */
void
studio_jupyter_download_async (StudioJupyter       *self,
                               const char          *path,
                               GFile               *destination,
                               StudioTransferFunc   progress,
                               gpointer             progress_data,
                               GDestroyNotify       progress_destroy,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  Transfer *transfer = transfer_new (progress, progress_data, progress_destroy);
  Entry *root;
  GError *error = NULL;

  g_return_if_fail (STUDIO_IS_JUPYTER (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (G_IS_FILE (destination));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_jupyter_download_async);
  g_task_set_task_data (task, transfer, (GDestroyNotify) transfer_free);
  if (!files_check_remote_path (path, &error))
    {
      transfer_fail (task, error);
      return;
    }
  root = g_new0 (Entry, 1);
  root->remote = g_strdup (path);
  root->local = g_object_ref (destination);
  g_ptr_array_add (transfer->entries, root);
  download_next (task);
}

/**
 * studio_jupyter_download_finish:
 * @self: a Jupyter client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes a download.
 *
 * Returns: %TRUE when everything is here
 */
gboolean
studio_jupyter_download_finish (StudioJupyter  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- for tasks ------------------------------------------------------------------ */


#define READ_PIECE (1024 * 1024)

typedef struct
{
  char *path;
  guint64 offset;
  SoupMessage *msg;
} RangeRead;

static void
range_read_free (RangeRead *r)
{
  g_free (r->path);
  g_clear_object (&r->msg);
  g_free (r);
}

static void
range_body_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GBytes *bytes = studio_http_read_body_finish (result, &error);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

static void
range_sent_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioJupyter *self = g_task_get_source_object (task);
  RangeRead *r = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  guint status;

  if (stream == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_NOT_RUNNING,
                                 _("The worker's Jupyter server at %s does not answer: %s"),
                                 studio_jupyter_get_base_url (self), error->message);
      return;
    }
  status = soup_message_get_status (r->msg);
  /* 200 is the whole file: only what was asked for when that starts at 0. */
  if (status == 206 || (status == 200 && r->offset == 0))
    {
      /* A piece at most, whatever the worker sends: the rest is read next time. */
      GCancellable *cancellable = g_task_get_cancellable (task);

      studio_http_read_body_async (stream, READ_PIECE, TRUE, r->path, cancellable, range_body_cb,
                                   g_steal_pointer (&task));
    }
  else if (status == 416)   /* nothing past the offset yet */
    g_task_return_pointer (task, g_bytes_new (NULL, 0), (GDestroyNotify) g_bytes_unref);
  else
    g_task_return_new_error (task, STUDIO_ERROR,
                             status == 404 ? STUDIO_ERROR_NOT_FOUND
                             : status == 401 || status == 403 ? STUDIO_ERROR_AUTH : STUDIO_ERROR_FAILED,
                             _("Could not read %s from the worker (HTTP %u)."), r->path, status);
}

/* The bytes of a (small, or growing) file in the worker's home from offset
 * on, through /files/ with a Range: a piece of 1 MiB at most (a file that a
 * task makes 50 GB is read a piece at a time, never whole); empty when
 * nothing is there yet past offset. Finish with studio_jupyter_read_finish(). */
void
studio_jupyter_read_async (StudioJupyter       *self,
                           const char          *path,
                           guint64              offset,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *files = files_segments_path ("files/", path);
  RangeRead *r = g_new0 (RangeRead, 1);
  GError *error = NULL;

  g_task_set_source_tag (task, studio_jupyter_read_async);
  r->path = g_strdup (path);
  r->offset = offset;
  g_task_set_task_data (task, r, (GDestroyNotify) range_read_free);
  if (files == NULL || (r->msg = studio_jupyter_new_message (self, "GET", files, &error)) == NULL)
    {
      if (error == NULL)
        files_check_remote_path (path, &error);
      g_task_return_error (task, error);
      return;
    }
  soup_message_headers_set_range (soup_message_get_request_headers (r->msg), (goffset) offset,
                                  (goffset) (offset + READ_PIECE - 1));
  /* A file that grows: never a cached or revalidated copy. */
  soup_message_headers_replace (soup_message_get_request_headers (r->msg), "Cache-Control", "no-cache");
  soup_session_send_async (studio_jupyter_get_session (self), r->msg, G_PRIORITY_DEFAULT, cancellable,
                           range_sent_cb, g_steal_pointer (&task));
}

GBytes *
studio_jupyter_read_finish (StudioJupyter  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
