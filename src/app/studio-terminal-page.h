/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "aistudio.h"
#include "studio-tab.h"
#include <vte/vte.h>


G_BEGIN_DECLS

#define STUDIO_TYPE_TERMINAL_PAGE (studio_terminal_page_get_type ())
G_DECLARE_FINAL_TYPE (StudioTerminalPage, studio_terminal_page, STUDIO, TERMINAL_PAGE, AdwBin)

StudioTerminalPage    *studio_terminal_page_new          (StudioRegion       *region,
                                                          StudioWorker       *worker,
                                                          GSettings          *settings,
                                                          const char         *shell);
const char            *studio_terminal_page_get_shell    (StudioTerminalPage *self);
void                   studio_terminal_page_keep_shell   (StudioTerminalPage *self);
VteTerminal           *studio_terminal_page_get_terminal (StudioTerminalPage *self);
StudioTerminalChannel *studio_terminal_page_get_channel  (StudioTerminalPage *self);
gboolean               studio_terminal_page_get_connected (StudioTerminalPage *self);
void                   studio_terminal_page_reconnect    (StudioTerminalPage *self);

G_END_DECLS
