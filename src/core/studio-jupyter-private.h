/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the core's own features use of a worker's Jupyter server beyond the
 * public client: tasks upload without hidden files, follow a growing file,
 * and start code in a kernel that goes on without them. */
#include "studio-jupyter.h"

G_BEGIN_DECLS

void      studio_jupyter_call_bytes_async  (StudioJupyter       *self,
                                            const char          *method,
                                            const char          *path,
                                            GBytes              *json,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
void      studio_jupyter_upload_full_async (StudioJupyter       *self,
                                            GFile               *source,
                                            const char          *path,
                                            gboolean             skip_hidden,
                                            StudioTransferFunc   progress,
                                            gpointer             progress_data,
                                            GDestroyNotify       progress_destroy,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean  studio_jupyter_measure_upload    (GFile               *source,
                                            gboolean             skip_hidden,
                                            guint64             *bytes,
                                            GCancellable        *cancellable,
                                            GError             **error);

void      studio_jupyter_read_async        (StudioJupyter       *self,
                                            const char          *path,
                                            guint64              offset,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GBytes   *studio_jupyter_read_finish       (StudioJupyter       *self,
                                            GAsyncResult        *result,
                                            GError             **error);

/* studio-jupyter-kernel.c */
void      studio_jupyter_start_code_async  (StudioJupyter       *self,
                                            const char          *kernel_id,
                                            const char          *code,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
char     *studio_jupyter_start_code_finish (StudioJupyter       *self,
                                            GAsyncResult        *result,
                                            GError             **error);
gboolean  studio_jupyter_parse_kernel_message (const char  *data,
                                               gsize        len,
                                               const char  *msg_id,
                                               gboolean    *started,
                                               gboolean    *finished);

G_END_DECLS
