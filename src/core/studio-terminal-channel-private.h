/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "studio-terminal-channel.h"

G_BEGIN_DECLS

typedef enum {
  STUDIO_TERMINAL_FRAME_OTHER,
  STUDIO_TERMINAL_FRAME_OUTPUT,
  STUDIO_TERMINAL_FRAME_DISCONNECT,
} StudioTerminalFrame;

StudioTerminalFrame studio_terminal_channel_parse_frame (const char  *data,
                                                         gsize        len,
                                                         GBytes     **output);

G_END_DECLS
