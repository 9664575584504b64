/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined (__AISTUDIO_H_INSIDE__) && !defined (STUDIO_COMPILATION)
#error "Only <aistudio.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#pragma GCC visibility push(default)

/**
 * StudioTransferFunc:
 * @done: bytes moved so far
 * @total: bytes to move in all, as far as known
 * @user_data: the data given with the function
 *
 * Called as an upload or download makes progress.
 */
typedef void (*StudioTransferFunc) (guint64  done,
                                    guint64  total,
                                    gpointer user_data);

#define STUDIO_TYPE_JUPYTER (studio_jupyter_get_type ())
G_DECLARE_FINAL_TYPE (StudioJupyter, studio_jupyter, STUDIO, JUPYTER, GObject)

StudioJupyter *studio_jupyter_new             (SoupSession         *session,
                                               const char          *base_url,
                                               const char          *token);
const char    *studio_jupyter_get_base_url    (StudioJupyter       *self);
const char    *studio_jupyter_get_token       (StudioJupyter       *self);
SoupSession   *studio_jupyter_get_session     (StudioJupyter       *self);
SoupMessage   *studio_jupyter_new_message     (StudioJupyter       *self,
                                               const char          *method,
                                               const char          *path,
                                               GError             **error);

/* GET/POST/DELETE on the Jupyter Server REST API; the reply parsed, NULL for 204. */
void           studio_jupyter_call_async      (StudioJupyter       *self,
                                               const char          *method,
                                               const char          *path,
                                               JsonNode            *body,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
JsonNode      *studio_jupyter_call_finish     (StudioJupyter       *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* Shorthands for the parts of the API AI Studio uses. */
void           studio_jupyter_get_status_async   (StudioJupyter *self, GCancellable *cancellable,
                                                  GAsyncReadyCallback callback, gpointer user_data);
void           studio_jupyter_get_contents_async (StudioJupyter *self, const char *path,
                                                  GCancellable *cancellable,
                                                  GAsyncReadyCallback callback, gpointer user_data);
void           studio_jupyter_list_kernels_async (StudioJupyter *self, GCancellable *cancellable,
                                                  GAsyncReadyCallback callback, gpointer user_data);
void           studio_jupyter_list_sessions_async (StudioJupyter *self, GCancellable *cancellable,
                                                   GAsyncReadyCallback callback, gpointer user_data);
void           studio_jupyter_list_terminals_async (StudioJupyter *self, GCancellable *cancellable,
                                                    GAsyncReadyCallback callback, gpointer user_data);
void           studio_jupyter_new_terminal_async (StudioJupyter *self, GCancellable *cancellable,
                                                  GAsyncReadyCallback callback, gpointer user_data);
char          *studio_jupyter_new_terminal_finish (StudioJupyter *self, GAsyncResult *result,
                                                   GError **error);
void           studio_jupyter_delete_terminal_async (StudioJupyter *self, const char *name,
                                                     GCancellable *cancellable,
                                                     GAsyncReadyCallback callback, gpointer user_data);

GDateTime     *studio_jupyter_parse_time      (const char *iso8601);

/* What runs on the worker (studio-jupyter-running.c). */
void           studio_jupyter_list_running_async  (StudioJupyter       *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
JsonObject    *studio_jupyter_list_running_finish (StudioJupyter       *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
void           studio_jupyter_shut_down_async     (StudioJupyter       *self,
                                                   JsonObject          *running,
                                                   const char * const  *ids,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean       studio_jupyter_shut_down_finish    (StudioJupyter       *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
void           studio_jupyter_interrupt_kernel_async  (StudioJupyter       *self,
                                                       const char          *id,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean       studio_jupyter_interrupt_kernel_finish (StudioJupyter       *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
void           studio_jupyter_restart_kernel_async    (StudioJupyter       *self,
                                                       const char          *id,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean       studio_jupyter_restart_kernel_finish   (StudioJupyter       *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* Files in and out (studio-jupyter-files.c). */
void           studio_jupyter_upload_async     (StudioJupyter       *self,
                                                GFile               *source,
                                                const char          *path,
                                                StudioTransferFunc   progress,
                                                gpointer             progress_data,
                                                GDestroyNotify       progress_destroy,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean       studio_jupyter_upload_finish    (StudioJupyter       *self,
                                                GAsyncResult        *result,
                                                GError             **error);
void           studio_jupyter_download_async   (StudioJupyter       *self,
                                                const char          *path,
                                                GFile               *destination,
                                                StudioTransferFunc   progress,
                                                gpointer             progress_data,
                                                GDestroyNotify       progress_destroy,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean       studio_jupyter_download_finish  (StudioJupyter       *self,
                                                GAsyncResult        *result,
                                                GError             **error);

#pragma GCC visibility pop

G_END_DECLS
