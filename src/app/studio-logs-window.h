/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "aistudio.h"


G_BEGIN_DECLS

#define STUDIO_TYPE_LOGS_WINDOW (studio_logs_window_get_type ())
G_DECLARE_FINAL_TYPE (StudioLogsWindow, studio_logs_window, STUDIO, LOGS_WINDOW, AdwWindow)

StudioLogsWindow *studio_logs_window_new      (StudioRegion     *region,
                                               StudioWorker     *worker);
char             *studio_logs_window_get_text (StudioLogsWindow *self);
guint             studio_logs_window_search   (StudioLogsWindow *self,
                                               const char       *text);

G_END_DECLS
