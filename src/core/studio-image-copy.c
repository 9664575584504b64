/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An image copied from one container engine to another (This Computer's to
 * a machine reached with ssh): the source's save streamed into the
 * destination's load, as it is read, with its progress in bytes against the
 * image's size, which is said first. */
#include <glib/gi18n-lib.h>

#include "studio-engine-private.h"
#include "studio-error.h"
#include "studio-image-copy-private.h"
#include "studio-util.h"

typedef struct
{
  char *image;
  char *source;
  char *destination;
  char *where;         /* the destination, for people */
  SoupSession *from;
  SoupSession *to;
  SoupMessage *load;
  guint64 size;
  guint64 written;
  StudioImageCopyProgress progress;
  gpointer progress_data;
} CopyData;

static void
copy_data_free (CopyData *data)
{
  g_free (data->image);
  g_free (data->source);
  g_free (data->destination);
  g_free (data->where);
  g_clear_object (&data->from);
  g_clear_object (&data->to);
  g_clear_object (&data->load);
  g_free (data);
}

static void
report (CopyData *data)
{
  g_autofree char *done = g_format_size_full (data->written, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *total = g_format_size_full (data->size, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *text = g_strdup_printf (_("Copying to %s: %s of %s"), data->where, done, total);

  /* The save is a little larger than the image: never 100 % before the load has answered. */
  data->progress (text, data->size ? MIN (0.99, (double) data->written / data->size) : 0.0, data->progress_data);
}

static void
wrote_cb (SoupMessage *msg,
          guint        chunk,
          CopyData    *data)
{
  guint64 before = data->written;

  data->written += chunk;
  /* A line a megabyte or so, not one a chunk. */
  if (data->written >> 20 != before >> 20)
    report (data);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CopyData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  guint status = soup_message_get_status (data->load);
  gsize len = 0;
  const char *text = body ? g_bytes_get_data (body, &len) : NULL;

  if (body == NULL)
    {
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_FAILED, _("Copying image %s to %s failed: %s"),
                               data->image, data->where, error->message);
      return;
    }
  /* Docker answers 200 and says what went wrong in its stream ({"error": …}). */
  if (!SOUP_STATUS_IS_SUCCESSFUL (status) || (text != NULL && g_strstr_len (text, len, "\"error") != NULL))
    {
      g_autoptr(GError) engine = studio_engine_status_error (status, text, len);

      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_FAILED, _("%s did not take image %s: %s"),
                               data->where, data->image, engine->message);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CopyData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);

  if (stream == NULL || !SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (msg)))
    {
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_FAILED,
                               _("This Computer's engine could not save image %s: %s"), data->image,
                               error ? error->message : soup_message_get_reason_phrase (msg));
      return;
    }
  data->load = soup_message_new ("POST", "http://localhost/images/load");
  soup_message_set_request_body (data->load, "application/x-tar", stream, -1);
  g_signal_connect (data->load, "wrote-body-data", G_CALLBACK (wrote_cb), data);
  report (data);
  soup_session_send_and_read_async (data->to, data->load, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                    loaded_cb, g_object_ref (task));
}

static void
inspected_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CopyData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SoupMessage) save = NULL;
  g_autofree char *path = NULL;
  gsize len;
  const char *text = body ? g_bytes_get_data (body, &len) : NULL;

  if (body == NULL || soup_message_get_status (msg) != 200 ||
      !studio_util_json_load (parser, text, len, NULL) || studio_util_json_root_object (parser) == NULL)
    {
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND,
                               _("This Computer has no image %s to copy."), data->image);
      return;
    }
  data->size = (guint64) MAX (0, studio_util_json_int (studio_util_json_root_object (parser), "Size", 0));
  path = studio_util_path ("http://localhost/images/%s/get", data->image);
  save = soup_message_new ("GET", path);
  soup_session_send_async (data->from, save, G_PRIORITY_DEFAULT, g_task_get_cancellable (task), saved_cb,
                           g_object_ref (task));
}

/* Copies image from the engine at source to the one at destination (unix://
 * addresses); progress is told what it does and how far it is. Fails with
 * STUDIO_ERROR_NOT_FOUND when the source has no such image. */
void
studio_image_copy_async (const char              *image,
                         const char              *source,
                         const char              *destination,
                         const char              *where,
                         StudioImageCopyProgress  progress,
                         gpointer                 progress_data,
                         GCancellable            *cancellable,
                         GAsyncReadyCallback      callback,
                         gpointer                 user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  CopyData *data = g_new0 (CopyData, 1);
  g_autofree char *path = studio_util_path ("http://localhost/images/%s/json", image);
  g_autoptr(SoupMessage) inspect = NULL;

  g_task_set_source_tag (task, studio_image_copy_async);
  data->image = g_strdup (image);
  data->source = g_strdup (source);
  data->destination = g_strdup (destination);
  data->where = g_strdup (where);
  data->progress = progress;
  data->progress_data = progress_data;
  data->from = studio_engine_session_new (source);
  data->to = studio_engine_session_new (destination);
  /* A copy of gigabytes takes its time; only a silent engine is given up on. */
  g_object_set (data->from, "timeout", 60, NULL);
  g_object_set (data->to, "timeout", 600, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) copy_data_free);
  inspect = soup_message_new ("GET", path);
  soup_session_send_and_read_async (data->from, inspect, G_PRIORITY_DEFAULT, cancellable, inspected_cb, task);
}

gboolean
studio_image_copy_finish (GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
