/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "studio-application.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_TASKS_PAGE (studio_tasks_page_get_type ())
G_DECLARE_FINAL_TYPE (StudioTasksPage, studio_tasks_page, STUDIO, TASKS_PAGE, AdwBin)

StudioTasksPage *studio_tasks_page_new         (StudioApplication *app);
void             studio_tasks_page_select_task (StudioTasksPage   *self,
                                                const char        *id);
GtkWidget       *studio_tasks_page_get_output  (StudioTasksPage   *self);

G_END_DECLS
