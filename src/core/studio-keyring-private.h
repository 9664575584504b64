/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a region keeps in the Secret Service (studio-keyring.c). */
typedef enum {
  STUDIO_SECRET_TOKEN,
  STUDIO_SECRET_COOKIE,
  STUDIO_SECRET_WORKER_TOKENS,
} StudioSecretKind;

void      studio_keyring_store_async   (StudioSecretKind     kind,
                                        const char          *region_id,
                                        const char          *url,
                                        const char          *label,
                                        const char          *secret,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean  studio_keyring_store_finish  (GAsyncResult        *result,
                                        GError             **error);
void      studio_keyring_lookup_async  (StudioSecretKind     kind,
                                        const char          *region_id,
                                        const char          *url,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
char     *studio_keyring_lookup_finish (GAsyncResult        *result,
                                        GError             **error);
void      studio_keyring_clear_async   (const char          *region_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean  studio_keyring_clear_finish  (GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS
