/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the window's two files share: studio-window.c (the window: its
 * views, header, actions, dialogs) and studio-window-tabs.c (its tabs:
 * opened, found, kept for the next start and restored). */
#pragma once

#include "studio-tasks-page.h"
#include "studio-transfers.h"
#include "studio-window.h"
#include "studio-workers-page.h"

G_BEGIN_DECLS

struct _StudioWindow
{
  AdwApplicationWindow parent_instance;

  AdwHeaderBar *header_bar;
  AdwWindowTitle *window_title;
  AdwTabBar *tab_bar;
  GtkStack *views;
  AdwTabView *tab_view;
  AdwToastOverlay *toast_overlay;

  StudioWorkersPage *workers_page;
  StudioTasksPage *tasks_page;
  StudioTransfers *transfers;
  AdwTabPage *menu_page;   /* the page whose context menu is open */
  char *view;              /* shown: "workers", "tasks", or "tabs" (the selected tab) */
  char *last_view;         /* the last of "workers" and "tasks": shown when the last tab closes */
  GPtrArray *to_restore;   /* GVariant (ssss): tabs of the last run whose worker is not listed yet */
  guint restore_timeout;
  gboolean restoring;      /* a tab of the last run is added: not shown at once */
  GtkWindow *shortcuts;    /* built when first shown */
};

StudioApplication *_studio_window_get_app      (StudioWindow *self);
void               _studio_window_set_view     (StudioWindow *self,
                                                const char   *view);
void               _studio_window_restore_tabs (StudioWindow *self);
void               _studio_window_update_subtitle (StudioWindow *self);

G_END_DECLS
