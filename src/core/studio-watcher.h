/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined (__AISTUDIO_H_INSIDE__) && !defined (STUDIO_COMPILATION)
#error "Only <aistudio.h> can be included directly."
#endif

#include <gio/gio.h>

#include "studio-region.h"

G_BEGIN_DECLS

#pragma GCC visibility push(default)

#define STUDIO_TYPE_WATCHER (studio_watcher_get_type ())
G_DECLARE_FINAL_TYPE (StudioWatcher, studio_watcher, STUDIO, WATCHER, GObject)

/**
 * STUDIO_IDLE_WARNING_SECONDS:
 *
 * How soon before a worker's idle shutdown #StudioWatcher::idle-warning comes.
 */
#define STUDIO_IDLE_WARNING_SECONDS (5 * 60)

StudioWatcher *studio_watcher_new             (GListModel    *regions);
GListModel    *studio_watcher_get_regions     (StudioWatcher *self);

#pragma GCC visibility pop

G_END_DECLS
