/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "aistudio.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_RUN_TASK_DIALOG (studio_run_task_dialog_get_type ())
G_DECLARE_FINAL_TYPE (StudioRunTaskDialog, studio_run_task_dialog, STUDIO, RUN_TASK_DIALOG, AdwWindow)

StudioRunTaskDialog *studio_run_task_dialog_new      (StudioRegions       *regions,
                                                      GSettings           *settings,
                                                      StudioTask          *like);
void                 studio_run_task_dialog_set_file (StudioRunTaskDialog *self,
                                                      const char          *path);
void                 studio_run_task_dialog_set_policy (StudioRunTaskDialog *self,
                                                        StudioTaskPolicy     policy);

G_END_DECLS
