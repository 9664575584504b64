/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "studio-engine.h"

G_BEGIN_DECLS

/* Socket discovery (studio-engine-discovery.c). */
char      **studio_engine_candidate_addresses (gboolean *explicit_choice);
char       *studio_engine_private_socket_path (void);
gboolean    studio_engine_check_private_dir   (const char *dir,
                                               GError    **error);
SoupSession *studio_engine_session_new        (const char *address);
GError     *studio_engine_status_error        (guint       status,
                                               const char *body,
                                               gsize       len);

void        studio_engine_find_async          (const char          *address,
                                               gboolean             may_spawn,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
char       *studio_engine_find_finish         (GAsyncResult        *result,
                                               char               **description,
                                               char               **notice,
                                               GError             **error);

G_END_DECLS
