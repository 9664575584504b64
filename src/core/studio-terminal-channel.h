/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined (__AISTUDIO_H_INSIDE__) && !defined (STUDIO_COMPILATION)
#error "Only <aistudio.h> can be included directly."
#endif

#include "studio-jupyter.h"

G_BEGIN_DECLS

#pragma GCC visibility push(default)

#define STUDIO_TYPE_TERMINAL_CHANNEL (studio_terminal_channel_get_type ())
G_DECLARE_FINAL_TYPE (StudioTerminalChannel, studio_terminal_channel, STUDIO, TERMINAL_CHANNEL, GObject)

StudioTerminalChannel *studio_terminal_channel_new           (StudioJupyter          *jupyter,
                                                              const char             *terminal_name);
const char            *studio_terminal_channel_get_terminal_name (StudioTerminalChannel *self);
gboolean               studio_terminal_channel_get_connected (StudioTerminalChannel  *self);
void                   studio_terminal_channel_connect_async (StudioTerminalChannel  *self,
                                                              GCancellable           *cancellable,
                                                              GAsyncReadyCallback     callback,
                                                              gpointer                user_data);
gboolean               studio_terminal_channel_connect_finish (StudioTerminalChannel *self,
                                                               GAsyncResult          *result,
                                                               GError               **error);
void                   studio_terminal_channel_send          (StudioTerminalChannel  *self,
                                                              const char             *data,
                                                              gssize                  len);
void                   studio_terminal_channel_set_size      (StudioTerminalChannel  *self,
                                                              guint                   rows,
                                                              guint                   columns);
void                   studio_terminal_channel_disconnect    (StudioTerminalChannel  *self);
void                   studio_terminal_channel_terminate_async (StudioTerminalChannel *self,
                                                                GCancellable          *cancellable,
                                                                GAsyncReadyCallback    callback,
                                                                gpointer               user_data);

#pragma GCC visibility pop

G_END_DECLS
