/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A blocking call on AI Studio's one context for them (studio-sync.c):
 * begin, start the async operation with studio_sync_call_done and the call,
 * finish it with studio_sync_call_wait()'s result, end. */
typedef struct
{
  GMainContext *context;
  GAsyncResult *result;
} StudioSyncCall;

void          studio_sync_call_begin (StudioSyncCall *call);
void          studio_sync_call_done  (GObject        *object,
                                      GAsyncResult   *result,
                                      gpointer        user_data);
GAsyncResult *studio_sync_call_wait  (StudioSyncCall *call);
void          studio_sync_call_end   (StudioSyncCall *call);

G_END_DECLS
