/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined (__AISTUDIO_H_INSIDE__) && !defined (STUDIO_COMPILATION)
#error "Only <aistudio.h> can be included directly."
#endif

#include <gio/gio.h>

#include "studio-regions.h"
#include "studio-task.h"

G_BEGIN_DECLS

#pragma GCC visibility push(default)

#define STUDIO_TYPE_TASKS (studio_tasks_get_type ())
G_DECLARE_FINAL_TYPE (StudioTasks, studio_tasks, STUDIO, TASKS, GObject)

StudioTasks *studio_tasks_new     (StudioRegions *regions);
void         studio_tasks_run     (StudioTasks   *self,
                                   StudioTask    *task);
StudioTask  *studio_tasks_lookup  (StudioTasks   *self,
                                   const char    *id);
void         studio_tasks_reload  (StudioTasks   *self);

#pragma GCC visibility pop

G_END_DECLS
