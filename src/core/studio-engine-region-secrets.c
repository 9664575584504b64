/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A worker's secrets, its Jupyter token and its startup script, live in files
 * inside its container (/etc/ai-studio/token and /etc/ai-studio/startup),
 * put there through the engine's archive call before it first starts. An
 * environment variable or a label would show them to anyone who may inspect
 * the container (`podman inspect`, `docker inspect`, every tool that lists
 * containers) and would travel with an image committed from it; the wrapper
 * reads the files as Jupyter starts, and AI Studio reads them back the same
 * way where the token is needed (until it is known).
 *
 * What comes back is written by the worker (its user may use sudo): an
 * archive read within bounds, its files taken only by their names. */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "studio-engine-region-private.h"
#include "studio-error.h"
#include "studio-util.h"

#define TAR_BLOCK 512
/* A token is a few dozen bytes, a startup script a few pages. */
#define MAX_SECRET_FILE (1024 * 1024)

static void
tar_octal (char  *field,
           gsize  width,
           guint64 value)
{
  g_autofree char *digits = g_strdup_printf ("%0*" G_GINT64_MODIFIER "o", (int) width - 1, value);

  memcpy (field, digits, width - 1);
  field[width - 1] = '\0';
}

/* One ustar entry: a folder (contents NULL) or a file. */
static void
tar_add (GByteArray *tar,
         const char *name,
         guint       mode,
         const char *contents)
{
  guint8 header[TAR_BLOCK] = { 0 };
  gsize len = contents ? strlen (contents) : 0;
  guint sum = 0;
  static const guint8 zeros[TAR_BLOCK] = { 0 };

  g_return_if_fail (strlen (name) < 100);
  memcpy (header, name, strlen (name));
  tar_octal ((char *) header + 100, 8, mode);
  tar_octal ((char *) header + 108, 8, 0);   /* uid */
  tar_octal ((char *) header + 116, 8, 0);   /* gid */
  tar_octal ((char *) header + 124, 12, len);
  tar_octal ((char *) header + 136, 12, (guint64) g_get_real_time () / G_USEC_PER_SEC);
  header[156] = contents ? '0' : '5';
  memcpy (header + 257, "ustar", 6);
  memcpy (header + 263, "00", 2);
  memset (header + 148, ' ', 8);
  for (guint i = 0; i < TAR_BLOCK; i++)
    sum += header[i];
  tar_octal ((char *) header + 148, 7, sum);
  header[155] = ' ';
  g_byte_array_append (tar, header, TAR_BLOCK);
  if (len > 0)
    {
      g_byte_array_append (tar, (const guint8 *) contents, len);
      g_byte_array_append (tar, zeros, (TAR_BLOCK - len % TAR_BLOCK) % TAR_BLOCK);
    }
}

/**
 * studio_engine_worker_secrets_tar:
 * @token: the worker's Jupyter token ("" to blank it)
 * @startup: (nullable): its startup script, or %NULL to leave the file as it is
 *
 * The archive that puts a worker's secrets in place, to be extracted at "/".
 *
 * Returns: (transfer full): a tar archive
 */
GBytes *
studio_engine_worker_secrets_tar (const char *token,
                                  const char *startup)
{
  GByteArray *tar;
  static const guint8 end[2 * TAR_BLOCK] = { 0 };

  g_return_val_if_fail (token != NULL, NULL);
  tar = g_byte_array_new ();

  tar_add (tar, "etc/ai-studio/", 0755, NULL);
  tar_add (tar, "etc/ai-studio/token", 0644, token);
  if (startup != NULL)
    tar_add (tar, "etc/ai-studio/startup", 0755, startup);
  g_byte_array_append (tar, end, sizeof end);
  return g_byte_array_free_to_bytes (tar);
}

static gboolean
tar_number (const char *field,
            gsize       width,
            guint64    *value)
{
  g_autofree char *text = g_strndup (field, width);
  char *end = NULL;

  g_strstrip (text);
  if (*text == '\0')
    return FALSE;
  *value = g_ascii_strtoull (text, &end, 8);
  return end != NULL && *end == '\0';
}

/**
 * studio_engine_worker_secrets_parse:
 * @tar: the engine's archive of the container's /etc/ai-studio
 * @token: (out) (nullable): the token, or %NULL when there is none
 * @startup: (out) (nullable): the startup script, or %NULL
 *
 * Reads a worker's secrets from the archive the engine gives of its folder;
 * anything but the two files, or any file over a megabyte, is passed over.
 *
 * Returns: whether the archive could be read
 */
gboolean
studio_engine_worker_secrets_parse (GBytes  *tar,
                                    char   **token,
                                    char   **startup)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (tar, &len);
  gsize at = 0;

  *token = *startup = NULL;
  while (at + TAR_BLOCK <= len)
    {
      const char *header = (const char *) data + at;
      g_autofree char *name = NULL;
      guint64 size = 0;
      char type = header[156];

      if (header[0] == '\0')
        return TRUE;   /* the end */
      if (!tar_number (header + 124, 12, &size) || size > len - at - TAR_BLOCK)
        break;
      name = g_strndup (header, 100);
      at += TAR_BLOCK;
      if ((type == '0' || type == '\0') && size <= MAX_SECRET_FILE)
        {
          char **slot = g_str_equal (name, "ai-studio/token") ? token
                        : g_str_equal (name, "ai-studio/startup") ? startup : NULL;

          if (slot != NULL)
            {
              g_free (*slot);
              *slot = g_strndup ((const char *) data + at, size);
            }
        }
      at += (size + TAR_BLOCK - 1) / TAR_BLOCK * TAR_BLOCK;
    }
  g_clear_pointer (token, g_free);
  g_clear_pointer (startup, g_free);
  return FALSE;
}

/* ---- reading them back --------------------------------------------------- */

static void
secrets_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioWorker *worker = g_task_get_task_data (task);
  g_autoptr(GBytes) tar = studio_engine_request_bytes_finish (STUDIO_ENGINE (object), result, NULL);
  g_autofree char *token = NULL;
  g_autofree char *startup = NULL;

  if (tar != NULL && studio_engine_worker_secrets_parse (tar, &token, &startup))
    {
      /* The wrapper takes the token's first line; so do we. */
      if (token != NULL && strchr (token, '\n') != NULL)
        *strchr (token, '\n') = '\0';
      if (token != NULL && *token != '\0' && studio_worker_get_token (worker) == NULL)
        studio_worker_set_jupyter (worker, studio_worker_get_jupyter_url (worker), token);
      if (startup != NULL && studio_worker_get_startup_script (worker) == NULL)
        studio_worker_set_startup_script (worker, startup);
    }
  g_task_return_boolean (task, TRUE);
}

/* Reads @worker's token and startup script from its container, where this
 * run does not know them yet; completes either way. */
void
studio_engine_region_read_secrets_async (StudioEngineRegion  *self,
                                         StudioWorker        *worker,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *path = studio_util_path ("/containers/%s/archive?path=%s", studio_worker_get_id (worker),
                                            SECRETS_DIR);

  g_task_set_source_tag (task, studio_engine_region_read_secrets_async);
  g_task_set_task_data (task, g_object_ref (worker), g_object_unref);
  studio_engine_request_bytes_async (self->engine, "GET", path, cancellable, secrets_read_cb, task);
}

gboolean
studio_engine_region_read_secrets_finish (StudioEngineRegion  *self,
                                          GAsyncResult        *result,
                                          GError             **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Whether @worker's secrets are still to be read from its container: until
 * its token is known (a container another program is creating has none yet;
 * an engine that did not answer is asked again at the next refresh). */
gboolean
studio_engine_region_needs_secrets (StudioWorker *worker)
{
  return studio_worker_get_id (worker) != NULL && studio_worker_get_token (worker) == NULL;
}

static void
secrets_written_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(GBytes) reply = studio_engine_request_bytes_finish (STUDIO_ENGINE (object), result, &error);

  if (reply == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Puts secrets into the container @id (created, or running). */
void
studio_engine_region_write_secrets_async (StudioEngineRegion  *self,
                                          const char          *id,
                                          const char          *token,
                                          const char          *startup,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GBytes) tar = studio_engine_worker_secrets_tar (token, startup);
  g_autofree char *path = studio_util_path ("/containers/%s/archive?path=%s", id, "/");

  g_task_set_source_tag (task, studio_engine_region_write_secrets_async);
  studio_engine_put_archive_async (self->engine, path, tar, cancellable, secrets_written_cb, task);
}

gboolean
studio_engine_region_write_secrets_finish (StudioEngineRegion  *self,
                                           GAsyncResult        *result,
                                           GError             **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
